//! Splits a document into sentences and finds its quotations.
//!
//! Sentences keep their place in the document and know which quotation they
//! belong to, so extraction can attribute a quote that spans sentences (or
//! paragraphs, which news style re-opens with a fresh opening mark) to the
//! speaker named once.

use std::ops::Range;

use super::bytemask::find_byte;

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in [`Document::text`], trimmed.
    pub span: Range<usize>,
    /// Index of the paragraph it belongs to.
    pub para: usize,
    /// The outermost quotation that overlaps this sentence, if any.
    pub quote: Option<usize>,
    /// Whether the whole sentence lies inside that quotation.
    pub fully_quoted: bool,
}

/// A quotation: from its opening mark to its closing mark, possibly across
/// paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Byte range in [`Document::text`], marks included.
    pub span: Range<usize>,
    /// First and last sentence index (inclusive) that the quotation touches.
    pub sentences: Range<usize>,
}

/// A document split into paragraphs, sentences and quotations.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub text: String,
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
}

impl Document {
    /// Splits `text`, whose paragraphs are separated by newlines.
    pub fn parse(text: &str) -> Document {
        let text = text.to_owned();
        let paragraphs = paragraph_ranges(&text);
        let quote_spans = find_quotes(&text, &paragraphs);
        // About one sentence in 120 bytes of news text.
        let mut sentences = Vec::with_capacity(text.len() / 120 + paragraphs.len());
        for (p, range) in paragraphs.iter().enumerate() {
            split_paragraph(&text, range.clone(), |span| {
                sentences.push(Sentence {
                    span,
                    para: p,
                    quote: None,
                    fully_quoted: false,
                })
            });
        }
        let mut quotes: Vec<Quote> = quote_spans
            .into_iter()
            .map(|span| Quote { span, sentences: 0..0 })
            .collect();
        for (qi, q) in quotes.iter_mut().enumerate() {
            // Sentences and quotations are both in document order.
            let first = sentences.partition_point(|s| s.span.end <= q.span.start);
            let end = first
                + sentences[first..]
                    .iter()
                    .take_while(|s| overlaps(&s.span, &q.span))
                    .count();
            if end > first {
                q.sentences = first..end;
                for s in &mut sentences[first..end] {
                    if s.quote.is_none() {
                        s.quote = Some(qi);
                        s.fully_quoted = q.span.start <= s.span.start && s.span.end <= q.span.end;
                    }
                }
            }
        }
        Document {
            text,
            paragraphs,
            sentences,
            quotes,
        }
    }

    pub fn sentence_text(&self, i: usize) -> &str {
        &self.text[self.sentences[i].span.clone()]
    }

    /// The sentence with every quotation replaced by `“…”`: the narrator's words.
    pub fn narration(&self, i: usize) -> String {
        let s = &self.sentences[i];
        let mut out = String::new();
        let mut pos = s.span.start;
        for q in &self.quotes {
            if q.span.end <= pos || q.span.start >= s.span.end {
                continue;
            }
            if q.span.start > pos {
                out.push_str(&self.text[pos..q.span.start]);
            }
            out.push_str("“…”");
            pos = q.span.end.min(s.span.end);
        }
        if pos < s.span.end {
            out.push_str(&self.text[pos..s.span.end]);
        }
        out
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(start + lead..start + lead + trimmed.len());
        }
        start = end;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Double,
    Single,
    Guillemet,
}

fn opening(c: char) -> Option<Mark> {
    match c {
        '“' | '„' => Some(Mark::Double),
        '‘' => Some(Mark::Single),
        '«' => Some(Mark::Guillemet),
        _ => None,
    }
}

fn closing(c: char) -> Option<Mark> {
    match c {
        '”' => Some(Mark::Double),
        '’' => Some(Mark::Single),
        '»' => Some(Mark::Guillemet),
        _ => None,
    }
}

/// The outermost quotations of the document. A quotation left open at the
/// end of a paragraph continues when the next paragraph opens with the same
/// mark, and ends at the paragraph otherwise.
fn find_quotes(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open: Option<(Mark, usize)> = None;
    let mut inner: Option<Mark> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let p = &text[para.clone()];
        let bytes = p.as_bytes();
        let mut from = 0;
        // Only commas, straight quotes and non-ASCII characters (the curly
        // marks) can open or close a quotation.
        while let Some(i) = find_byte(bytes, from, |b| (b == b',') | (b == b'"') | (b >= 0x80)) {
            let Some(c) = p[i..].chars().next() else { break };
            from = i + c.len_utf8();
            let at = para.start + i;
            let prev = p[..i].chars().next_back();
            let next = p[from..].chars().next();
            let continues_open = i == 0 && open.is_some();
            if c == ','
                && let Some((Mark::Double, start)) = open
                && inner.is_none()
                && is_forgotten_close(&p[i + 1..])
            {
                out.push(start..at);
                open = None;
            } else if c == '"' {
                let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
                match (open, opens) {
                    (Some((Mark::Double, start)), false) => {
                        out.push(start..at + 1);
                        open = None;
                        inner = None;
                    }
                    (None, true) => open = Some((Mark::Double, at)),
                    (Some((Mark::Double, _)), true) if continues_open => {}
                    _ => {}
                }
            } else if c == '’' && is_apostrophe(prev, next) {
            } else if let Some(m) = opening(c) {
                match open {
                    None => open = Some((m, at)),
                    Some((om, _)) if om == m && continues_open => {}
                    Some(_) => inner = Some(m),
                }
            } else if let Some(m) = closing(c) {
                match open {
                    Some((om, _)) if inner == Some(m) && om != m => inner = None,
                    Some((om, start)) if om == m => {
                        out.push(start..at + c.len_utf8());
                        open = None;
                        inner = None;
                    }
                    _ => {}
                }
            }
        }
        if let Some((m, start)) = open {
            let next_opens_same = paragraphs.get(pi + 1).is_some_and(|np| {
                let first = text[np.clone()].chars().next();
                first.and_then(opening) == Some(m) || (m == Mark::Double && first == Some('"'))
            });
            if !next_opens_same {
                out.push(start..para.end);
                open = None;
                inner = None;
            }
        }
    }
    if let Some((_, start)) = open {
        out.push(start..paragraphs.last().map_or(text.len(), |p| p.end));
    }
    out
}

/// ’ between letters (didn’t, Facebook’s) or after a plural s before a space
/// is an apostrophe, not a closing quote.
fn is_apostrophe(prev: Option<char>, next: Option<char>) -> bool {
    matches!((prev, next), (Some(p), Some(n)) if p.is_alphanumeric() && n.is_alphanumeric())
}

/// Abbreviations after which a period never ends a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "govs", "gen", "lt", "col", "capt", "sgt", "cmdr",
    "adm", "prof", "st", "ste", "v", "vs", "atty", "supt", "hon", "rev", "fr", "pres", "messrs", "mt", "ft", "dept",
    "est", "approx", "cf", "fig", "figs", "vol", "pp", "art", "sec", "ch", "para", "e.g", "i.e", "ariz", "calif",
    "colo", "conn", "fla", "ill", "ind", "kan", "mass", "mich", "minn", "miss", "neb", "nev", "okla", "ore", "tenn",
    "wash", "wis", "wyo", "ala", "ark", "md", "va",
];

/// Abbreviations that end a sentence only when a typical sentence opener follows.
const SOMETIMES_FINAL: &[&str] = &[
    "u.s", "u.k", "e.u", "u.n", "d.c", "n.y", "l.a", "s.f", "inc", "corp", "co", "ltd", "llc", "l.l.c", "plc", "jr",
    "sr", "a.m", "p.m", "etc", "al", "bros", "s.a", "n.v", "ag", "u.s.a",
];

/// Abbreviations that stay inside the sentence only before a number.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "p", "ex",
];

/// Words that begin sentences but rarely continue a name after "U.S." or "Inc.".
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "so",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "our",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "according",
    "however",
    "meanwhile",
    "still",
    "yet",
    "there",
    "here",
    "what",
    "why",
    "how",
    "some",
    "many",
    "most",
    "other",
    "others",
    "one",
    "both",
    "since",
    "last",
    "earlier",
    "later",
    "now",
    "for",
    "with",
    "by",
    "from",
    "to",
    "under",
    "instead",
    "also",
    "then",
    "neither",
    "no",
    "not",
    "such",
];

/// Reporting verbs that make a short clause after `?”` or `!”` its attribution.
const TAIL_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "wrote",
    "writes",
    "added",
    "adds",
    "tweeted",
    "posted",
    "told",
    "replied",
    "responded",
    "argued",
    "continued",
    "countered",
    "exclaimed",
    "demanded",
    "wondered",
];

/// "Musk wrote on X on Jan. 10 in one post.": a short clause with a reporting
/// verb among its first words, ending the sentence.
fn is_attribution_tail(rest: &str) -> bool {
    let clause = rest.split(['.', '!', '?', '“', '"']).next().unwrap_or("");
    let words: Vec<String> = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    words.len() <= 10 && words.iter().take(4).any(|w| TAIL_VERBS.contains(&w.as_str()))
}

/// "“We have fixed it, read a statement.": a quotation the writer forgot to
/// close, betrayed by a short attribution that ends its sentence.
fn is_forgotten_close(rest: &str) -> bool {
    let Some(end) = rest.find(['.', '!', '?']) else {
        return false;
    };
    let clause = &rest[..end];
    let ends_sentence = rest[end + 1..].chars().next().is_none_or(char::is_whitespace);
    if !ends_sentence || clause.contains(['“', '”', '"', ',', '‘']) {
        return false;
    }
    let words: Vec<String> = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    let reports = |w: &String| TAIL_VERBS.contains(&w.as_str()) || matches!(w.as_str(), "read" | "reads");
    let joins = |w: &String| {
        matches!(
            w.as_str(),
            "and" | "but" | "or" | "so" | "then" | "which" | "who" | "that"
        )
    };
    (2..=6).contains(&words.len()) && !joins(&words[0]) && words.iter().take(3).any(reports)
}

/// Gives each sentence of the paragraph `para` of `text` to `out`, in order.
fn split_paragraph(text: &str, para: Range<usize>, mut out: impl FnMut(Range<usize>)) {
    let p = &text[para.clone()];
    let mut start = 0;
    let bytes = p.as_bytes();
    let mut from = 0;
    // Candidate terminators by byte: `.`, `!`, `?`, and 0xE2, which leads `…`.
    let mut lead = memchr::memchr(0xE2, bytes).unwrap_or(bytes.len());
    loop {
        if lead < from {
            lead = memchr::memchr(0xE2, &bytes[from..]).map_or(bytes.len(), |o| from + o);
        }
        let i = memchr::memchr3(b'.', b'!', b'?', &bytes[from..lead]).map_or(lead, |o| from + o);
        if i >= bytes.len() {
            break;
        }
        let c = p[i..].chars().next().unwrap_or(' ');
        from = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Swallow further terminators and closing marks: `?!`, `.”`, `.)`, `…’`.
        let end = i
            + c.len_utf8()
            + p[from..]
                .chars()
                .take_while(|d| matches!(d, '.' | '!' | '?' | '…' | '”' | '’' | '"' | '\'' | ')' | ']' | '»'))
                .map(char::len_utf8)
                .sum::<usize>();
        from = end;
        let rest = &p[end..];
        let Some(next_char) = rest.chars().next() else {
            break;
        };
        if !next_char.is_whitespace() {
            continue;
        }
        let next_word = rest.trim_start();
        let Some(first) = next_word.chars().next() else {
            break;
        };
        // A name that starts lower-case and goes on in capitals (xAI,
        // iPhone, eBay) starts a sentence as a capital would.
        let camel = || {
            first.is_lowercase()
                && next_word
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .skip(1)
                    .any(char::is_uppercase)
        };
        let starts_sentence = first.is_uppercase()
            || camel()
            || first.is_ascii_digit()
            || matches!(first, '“' | '‘' | '"' | '\'' | '(' | '[' | '«' | '—' | '–' | '¿' | '¡');
        if !starts_sentence {
            continue;
        }
        if c == '.' && !period_ends_sentence(&p[start..i], next_word) {
            continue;
        }
        if matches!(c, '?' | '!') && p[i..end].contains(['”', '"', '’']) && is_attribution_tail(next_word) {
            // "“Why is it so?” Musk wrote on X." is one sentence.
            continue;
        }
        out(trim_range(p, start..end, para.start));
        start = end;
    }
    if start < p.len() && !p[start..].trim().is_empty() {
        out(trim_range(p, start..p.len(), para.start));
    }
}

fn trim_range(p: &str, r: Range<usize>, offset: usize) -> Range<usize> {
    let s = &p[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    offset + r.start + lead..offset + r.end - trail
}

/// Decides whether the period that ends `before` ends the sentence, given the
/// text that follows it.
fn period_ends_sentence(before: &str, next: &str) -> bool {
    let token = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘' | '—' | '['))
        .next()
        .unwrap_or("");
    let lower = super::lowercase(token.trim_start_matches(|c: char| !c.is_alphanumeric()));
    if lower.is_empty() {
        return true;
    }
    // Asked for by two rules only.
    let next_word = || {
        next.trim_start_matches(['“', '‘', '"', '\'', '('])
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    let next_is_number = next.chars().next().is_some_and(|c| c.is_ascii_digit());
    if NEVER_FINAL.contains(&&*lower) {
        return false;
    }
    if BEFORE_NUMBER.contains(&&*lower) && token.chars().next().is_some_and(char::is_uppercase) {
        return !next_is_number;
    }
    if SOMETIMES_FINAL.contains(&&*lower) {
        return OPENERS.contains(&next_word().as_str());
    }
    // An initial ("John F. Kennedy") or a dotted acronym not listed above;
    // but a lone capital after a lower-case word, before a sentence opener,
    // is a name ending the sentence ("posted on X. Amid the outcry").
    let (mut letters, mut all_upper) = (0, true);
    for c in token.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    if letters == 1 && all_upper && token.len() <= 2 {
        let prev_word = before[..before.len() - token.len()]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        let after_lower_word = prev_word.chars().next().is_some_and(char::is_lowercase)
            && !matches!(prev_word, "by" | "with" | "and" | "to");
        return after_lower_word;
    }
    if token.contains('.') && letters <= 4 && all_upper {
        return OPENERS.contains(&next_word().as_str());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn sentences(text: &str) -> Vec<String> {
        let doc = Document::parse(text);
        (0..doc.sentences.len())
            .map(|i| doc.sentence_text(i).to_owned())
            .collect()
    }

    #[rstest]
    #[case::us_inside("The U.S. Justice Department sued. It said so.", &["The U.S. Justice Department sued.", "It said so."])]
    #[case::us_at_end("Meta was sued in the U.S. The company denied it.", &["Meta was sued in the U.S.", "The company denied it."])]
    #[case::inc("Apple Inc. said it would appeal. Shares fell.", &["Apple Inc. said it would appeal.", "Shares fell."])]
    #[case::titles("Sen. Warren and Rep. Jordan wrote to Mr. Cook. He replied.", &["Sen. Warren and Rep. Jordan wrote to Mr. Cook.", "He replied."])]
    #[case::case_name("In Epic Games v. Google the jury agreed. Google appealed.", &["In Epic Games v. Google the jury agreed.", "Google appealed."])]
    #[case::docket_number("It is case No. 3:24-cv-01 in court. Next.", &["It is case No. 3:24-cv-01 in court.", "Next."])]
    #[case::month("On Jan. 12 Ofcom opened a probe. It continues.", &["On Jan. 12 Ofcom opened a probe.", "It continues."])]
    #[case::times("At 9 a.m. Tuesday the FTC sued. Amazon said no.", &["At 9 a.m. Tuesday the FTC sued.", "Amazon said no."])]
    #[case::initial("John F. Kennedy spoke. Then left.", &["John F. Kennedy spoke.", "Then left."])]
    #[case::gov_jr("Gov. Newsom Jr. signed it. Critics objected.", &["Gov. Newsom Jr. signed it.", "Critics objected."])]
    #[case::quote_inside("He said, “Shockingly untrue. Meta didn’t share messages.” Then he left.", &["He said, “Shockingly untrue.", "Meta didn’t share messages.”", "Then he left."])]
    #[case::question_in_quote("“Why?” he asked. Nobody knew.", &["“Why?” he asked.", "Nobody knew."])]
    #[case::lowercase_follows("It was a p.m. meeting. Fine.", &["It was a p.m. meeting.", "Fine."])]
    #[case::decimal("Shares fell 3.5 percent. Ouch.", &["Shares fell 3.5 percent.", "Ouch."])]
    #[case::lone_capital_name("Grok posted on X. Amid the outcry, Musk spoke.", &["Grok posted on X.", "Amid the outcry, Musk spoke."])]
    #[case::initial_after_by("A book by J. Smith came out. It sold.", &["A book by J. Smith came out.", "It sold."])]
    #[case::lone_capital_before_name("Ofcom opened a probe into X. Euronews reported it.", &["Ofcom opened a probe into X.", "Euronews reported it."])]
    #[case::question_then_attribution("“Why is it so fascist?” Musk wrote on X in one post. He left.", &["“Why is it so fascist?” Musk wrote on X in one post.", "He left."])]
    #[case::question_then_sentence("“Why?” The answer came later. Fine.", &["“Why?”", "The answer came later.", "Fine."])]
    #[case::lower_case_brand("Users did not consent. xAI responded that “Legacy Media Lies.” Apple did too. iPhones sold.", &["Users did not consent.", "xAI responded that “Legacy Media Lies.”", "Apple did too.", "iPhones sold."])]
    #[case::abbreviation_before_brand("Phones, e.g. iPhones, sold.", &["Phones, e.g. iPhones, sold."])]
    fn splits_sentences(#[case] text: &str, #[case] want: &[&str]) {
        assert_eq!(sentences(text), want);
    }

    #[test]
    fn single_quotes_with_apostrophes_inside() {
        let text = "They signed an ‘Inbox API’ deal that ‘allowed Netflix access to Facebook’s user’s inboxes.’\nNext paragraph.";
        let doc = Document::parse(text);
        let quoted: Vec<&str> = doc.quotes.iter().map(|q| &doc.text[q.span.clone()]).collect();
        assert_eq!(
            quoted,
            vec!["‘Inbox API’", "‘allowed Netflix access to Facebook’s user’s inboxes.’"]
        );
    }

    #[test]
    fn quote_reopened_in_next_paragraph_is_one_quotation() {
        let text = "“We deny this,” Smith said. “It is false.\n“We will fight it.”\nAfterwards.";
        let doc = Document::parse(text);
        assert_eq!(doc.quotes.len(), 2);
        let second = &doc.quotes[1];
        assert!(doc.text[second.span.clone()].ends_with("fight it.”"));
        assert_eq!(second.sentences, 1..3);
        assert!(doc.sentences[2].fully_quoted);
        assert!(doc.sentences[3].quote.is_none());
    }

    #[test]
    fn narration_hides_quoted_words() {
        let doc = Document::parse("“Shockingly untrue,” Stone said.");
        assert_eq!(doc.narration(0), "“…” Stone said.");
    }

    #[test]
    fn a_quote_left_open_before_its_attribution_ends_there() {
        let text = "“We have blocked the feature, read a statement.\n“This applies to all users.”";
        let doc = Document::parse(text);
        let quoted: Vec<&str> = doc.quotes.iter().map(|q| &doc.text[q.span.clone()]).collect();
        assert_eq!(
            quoted,
            vec!["“We have blocked the feature", "“This applies to all users.”"]
        );
        assert_eq!(doc.narration(0), "“…”, read a statement.");
    }

    #[test]
    fn a_comma_inside_a_quote_is_not_its_end() {
        let doc = Document::parse("“We disagree, and said so in court. We will appeal.”");
        assert_eq!(doc.quotes.len(), 1);
        assert!(doc.text[doc.quotes[0].span.clone()].ends_with("appeal.”"));
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let doc = Document::parse("He said “never\nNew paragraph.");
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.sentences[1].quote, None);
    }
}
