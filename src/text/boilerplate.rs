//! Removes page furniture (related-link blocks, breadcrumbs, bylines, credits,
//! share prompts, newsletter, affiliate and ownership notices) from article
//! text, one paragraph per line, before extraction and fingerprinting.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Anchored, Input, StartKind};

/// Lines that open a block of related links; the headlines under them go too.
const BLOCK_HEADERS: &[&str] = &[
    "you may also like",
    "you might also like",
    "read more",
    "related",
    "related articles",
    "related stories",
    "related coverage",
    "related content",
    "related posts",
    "related reading",
    "more from",
    "more on this story",
    "more stories",
    "more like this",
    "recommended",
    "recommended for you",
    "recommended stories",
    "most popular",
    "most read",
    "trending",
    "trending now",
    "popular now",
    "further reading",
    "see also",
    "also read",
    "don't miss",
    "don’t miss",
    "up next",
    "read next",
    "what to read next",
    "keep reading",
    "explore more",
    "top stories",
    "latest news",
    "in other news",
];

/// Prefixes of lines that are furniture wherever they appear.
const LINE_PREFIXES: &[&str] = &[
    "read more:",
    "read more about",
    "read more here",
    "read the full",
    "read full article",
    "read the rest",
    "related:",
    "see also:",
    "also read:",
    "also see:",
    "recommended:",
    "more:",
    "watch:",
    "listen:",
    "reporting by ",
    "additional reporting by ",
    "editing by ",
    "writing by ",
    "compiled by ",
    "edited by ",
    "image credit",
    "image:",
    "image source:",
    "photo:",
    "photo credit",
    "photograph:",
    "photos:",
    "credit:",
    "illustration:",
    "illustration by ",
    "(image:",
    "(photo:",
    "(photo by ",
    "(credit:",
    "share this",
    "share on ",
    "share via",
    "share:",
    "follow us on",
    "follow us:",
    "sign up for",
    "sign up to",
    "subscribe to",
    "subscribe now",
    "get the latest",
    "get our newsletter",
    "newsletter:",
    "disclosure:",
    "full disclosure",
    "(disclosure:",
    "affiliate disclosure",
    "the post ",
    "this article originally appeared",
    "this story originally appeared",
    "this post originally appeared",
    "originally published",
    "continue reading",
    "click here to",
    "permalink",
    "filed under:",
    "tags:",
    "topics:",
    "advertisement",
    "posted by ",
    "written by ",
    "words by ",
    "updated:",
    "published:",
    "last updated",
    "copyright ©",
    "© ",
    "podcast id",
];

/// Phrases that mark a whole line as furniture when the line is short.
const SHORT_LINE_PHRASES: &[&str] = &[
    "may earn a commission",
    "may receive a commission",
    "earn an affiliate commission",
    "affiliate link",
    "affiliate partnerships",
    "if you buy something through",
    "if you buy through our links",
    "when you buy through links",
    "independently selected by our editors",
    "in your inbox",
    "our newsletter",
    "newsletter sign",
    "sign up for our",
    "subscribe to our",
    "getty images",
    "via getty",
    "/ reuters",
    "/reuters",
    "/ afp",
    "/afp",
    "/ ap",
    "(ap photo",
    "originally appeared on",
    "appeared first on",
    "email this",
    "comments)",
    "add to del.icio.us",
    "digg this",
    "share this article",
    "share this story",
    "copy link",
    "is owned by",
    "is a subsidiary of",
    "parent company of",
];

const SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "email",
    "print",
    "save",
    "facebook",
    "twitter",
    "linkedin",
    "reddit",
    "whatsapp",
    "pinterest",
    "copy",
    "link",
    "comments",
    "comment",
    "x",
    "flipboard",
    "bluesky",
    "threads",
    "mastodon",
];

/// Removes furniture lines and related-link blocks; paragraphs stay one per line.
pub fn strip_boilerplate(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut keep = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.is_empty() {
            keep.push(line);
            i += 1;
            continue;
        }
        let lower = line.to_lowercase();
        if is_block_header(&lower) {
            i += 1;
            while i < lines.len() && (lines[i].is_empty() || is_headline_like(lines[i])) {
                i += 1;
            }
            continue;
        }
        if !is_furniture(line, &lower) {
            keep.push(line);
        }
        i += 1;
    }
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in keep {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&remove_inline_credits(strip_image_name(line)));
        blank = false;
    }
    out
}

fn is_block_header(lower: &str) -> bool {
    let bare = lower.trim_end_matches([':', '.', '…', ' ', '»', '›', '>']).trim();
    BLOCK_HEADERS.contains(&bare)
}

/// A short line without closing punctuation: a headline, caption or link text.
fn is_headline_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_like_prose = line.ends_with(['.', '!', '?', '"', '”', '’', ':']) && words > 12;
    words <= 20 && !ends_like_prose
}

/// The phrase tables, each compiled once into one automaton: a line is
/// checked against all of a table in a single pass.
struct Tables {
    prefixes: AhoCorasick,
    phrases: AhoCorasick,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let build = |list: &[&str], start: StartKind| {
            AhoCorasick::builder()
                .start_kind(start)
                .build(list)
                .expect("the boilerplate tables compile")
        };
        Tables {
            prefixes: build(LINE_PREFIXES, StartKind::Anchored),
            phrases: build(SHORT_LINE_PHRASES, StartKind::Unanchored),
        }
    })
}

fn is_furniture(line: &str, lower: &str) -> bool {
    let words = line.split_whitespace().count();
    let t = tables();
    if words <= 40 && t.prefixes.is_match(Input::new(lower).anchored(Anchored::Yes)) {
        return true;
    }
    if words <= 30 && t.phrases.is_match(lower) {
        return true;
    }
    is_breadcrumb(line)
        || is_byline(line)
        || is_share_bar(lower)
        || is_dateline_only(lower)
        || is_bracketed(line)
        || is_slug(line)
}

/// "[Via Gamecyte]", "[embed-player id=”…”]": an editor's note or an
/// embed shortcode standing alone.
fn is_bracketed(line: &str) -> bool {
    line.starts_with('[') && line.ends_with(']') && line.split_whitespace().count() <= 12
}

/// "FRANCE-ELON-MUSK-LAUNCH", "angies-list": an image or page slug.
fn is_slug(line: &str) -> bool {
    !line.contains(char::is_whitespace)
        && line.matches('-').count() >= 1
        && line.len() >= 8
        && line.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        && (line.chars().all(|c| !c.is_lowercase()) || line.chars().all(|c| !c.is_uppercase()))
}

/// "visual-voicemail.jpgAfter coaxing ...": an image file name glued to the
/// paragraph it illustrates.
fn strip_image_name(line: &str) -> &str {
    // The name and its extension are the line's leading run of such
    // characters: an extension found only after it has a name of others.
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let run = &line[..line.find(|c: char| !name_char(c)).unwrap_or(line.len())];
    for ext in [".jpg", ".jpeg", ".gif", ".png", ".webp"] {
        if let Some(p) = run.find(ext)
            && (1..=60).contains(&p)
        {
            return line[p + ext.len()..].trim_start();
        }
    }
    line
}

fn is_breadcrumb(line: &str) -> bool {
    let opens = |word: &[u8]| {
        line.as_bytes()
            .get(..word.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(word))
    };
    (opens(b"home ") || opens(b"news "))
        && [" > ", " › ", " » ", " / ", " | "].iter().any(|s| line.contains(s))
        && line.split_whitespace().count() <= 25
}

/// "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By JANE DOE | Updated ...".
fn is_byline(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY ")) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 {
        return false;
    }
    let name_like = words
        .iter()
        .take_while(|w| !w.starts_with('|'))
        .filter(|w| !matches!(**w, "and" | "&" | "in" | "for" | "de" | "van" | "von" | "la" | "|"))
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
    name_like && (!line.ends_with(['.', '?', '!']) || words.len() <= 4)
}

fn is_share_bar(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 8
        && words
            .iter()
            .all(|w| SHARE_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

fn is_dateline_only(lower: &str) -> bool {
    let words = lower.split_whitespace().count();
    words <= 6
        && (lower.ends_with(" ago") || lower.starts_with("published ") || lower.starts_with("updated "))
        && !lower.ends_with('.')
}

/// Drops "(Image: ...)", "(Photo: ...)" and similar credits inside a line.
fn remove_inline_credits(line: &str) -> String {
    if !line.contains('(') {
        return line.to_owned();
    }
    let mut out = line.to_owned();
    for marker in [
        "(Image: ",
        "(Photo: ",
        "(Photo by ",
        "(Credit: ",
        "(Image credit: ",
        "(Picture: ",
        "(Pictured: ",
    ] {
        while let Some(start) = out.find(marker) {
            let Some(len) = out[start..].find(')') else {
                break;
            };
            out.replace_range(start..start + len + 1, "");
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_furniture_is_removed() {
        let text = "Home > Latest News > Did Facebook Grant Netflix Access To DMs?\n\nDid Facebook Grant Netflix Access To DMs?\n\nMeta’s director said, “Shockingly untrue.”\n\nYou may also like\nTesla Confirms More Than 10% Cut Among Global Workforce\nMeta Denver office (Image: Sourced from Meta's Newsroom)\nDisney+ streaming\nWhatsApp Suffers Major Global Outage";
        assert_eq!(
            strip_boilerplate(text),
            "Did Facebook Grant Netflix Access To DMs?\n\nMeta’s director said, “Shockingly untrue.”"
        );
    }

    #[test]
    fn related_block_stops_at_prose() {
        let text = "Related\nApple fined in EU\nGoogle loses appeal\nThe judge said the company had violated the law, and that it must pay damages to the plaintiffs within thirty days.";
        assert_eq!(
            strip_boilerplate(text),
            "The judge said the company had violated the law, and that it must pay damages to the plaintiffs within thirty days."
        );
    }

    #[test]
    fn bylines_credits_and_notices_go() {
        let text = "By Jane Doe and John Roe\nThe FTC sued Amazon on Tuesday.\nPhoto: Getty Images\nReporting by Jane Doe; Editing by Bill Berkrot\nSign up for our daily newsletter.\nWe may earn a commission when you buy through links on our site.\nShare | Tweet | Email\nThe post FTC sues Amazon appeared first on Example News.";
        assert_eq!(strip_boilerplate(text), "The FTC sued Amazon on Tuesday.");
    }

    #[test]
    fn prose_starting_with_by_stays() {
        let text =
            "By 2019, Netflix is reported to have spent upwards of US$150 million on Facebook advertisements annually.";
        assert_eq!(strip_boilerplate(text), text);
    }

    #[test]
    fn shortcodes_slugs_and_image_names_go() {
        let text = "[embed-player id=”true”]\nFRANCE-ELON-MUSK-LAUNCH-GROK\ntarget.gifThe WSJ reports on the deal.\n[Via Example]\nPodcast ID – Short Length: 4f28-605c";
        assert_eq!(strip_boilerplate(text), "The WSJ reports on the deal.");
    }

    #[rstest::rstest]
    #[case::glued_to_the_sentence("visual-voicemail.jpgAfter coaxing, it worked.", "After coaxing, it worked.")]
    #[case::dotted_name("img.2024.05.webp The ruling came.", "The ruling came.")]
    #[case::name_of_sixty("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.png Done.", "Done.")]
    #[case::name_of_sixty_one(
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.png Done.",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.png Done."
    )]
    #[case::extension_alone(".png files are images.", ".png files are images.")]
    #[case::extension_later_in_prose("The court saw photo.jpg files.", "The court saw photo.jpg files.")]
    #[case::breadcrumb("News › Policy › Meta fined", "")]
    #[case::breadcrumb_in_capitals("HOME | Tech | Meta fined", "")]
    #[case::separator_without_a_home("Policy › Meta fined", "Policy › Meta fined")]
    fn image_names_and_breadcrumbs_go_only_where_they_open_the_line(#[case] text: &str, #[case] want: &str) {
        assert_eq!(strip_boilerplate(text), want);
    }

    #[test]
    fn hyphenated_words_in_prose_stay() {
        let text = "Anti-competitive.\nSelf-driving\nSelf-driving cars are here.";
        assert_eq!(strip_boilerplate(text), text);
    }

    #[test]
    fn inline_credit_is_cut_from_a_caption_sentence() {
        assert_eq!(strip_boilerplate("Meta said no. (Photo: Reuters)"), "Meta said no.");
    }
}
