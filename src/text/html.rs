//! HTML to plain text: html2text for well-behaved input, a linear tag stripper
//! for anything too large or too deeply nested, and the same stripper if
//! html2text panics.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use html2text::render::TrivialDecorator;

/// Bodies larger than this skip html2text (its DOM costs ~20x the input).
pub const MAX_HTML_BYTES: usize = 2 * 1024 * 1024;
/// More table cells skip html2text, whose table layout takes hundreds of
/// bytes a cell (a 2 MB table, half a gigabyte).
pub const MAX_TABLE_CELLS: usize = 5_000;
/// Deeper nesting skips html2text, whose renderer recurses per element.
pub const MAX_DEPTH: usize = 128;
/// Wide enough that html2text never wraps a paragraph: we want one line each.
const RENDER_WIDTH: usize = 100_000;

thread_local! {
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
}

/// True while the current thread runs code whose panics are caught and
/// recovered from; the process-wide panic hook stays quiet then.
pub fn in_isolated_call() -> bool {
    ISOLATED.with(Cell::get)
}

/// Runs `f`, turning a panic into `None` without tearing anything down.
pub fn isolate<T>(f: impl FnOnce() -> T) -> Option<T> {
    let was = ISOLATED.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f)).ok();
    ISOLATED.with(|c| c.set(was));
    result
}

/// An upper bound of the length of the text a body renders to: an HTML
/// body's bytes outside tags (rendering drops tags and boilerplate, and
/// decodes references into fewer bytes); all of a plain one.
pub fn text_len_bound(body: &str) -> usize {
    if !looks_like_html(body) {
        return body.len();
    }
    let bytes = body.as_bytes();
    let (mut len, mut at) = (0, 0);
    while let Some(open) = memchr(b'<', &bytes[at..]) {
        len += open;
        at += open;
        match memchr(b'>', &bytes[at..]) {
            Some(close) => at += close + 1,
            None => return len + bytes.len() - at,
        }
    }
    len + bytes.len() - at
}

/// Whether a body is HTML rather than plain text.
pub fn looks_like_html(s: &str) -> bool {
    let head = &s.as_bytes()[..s.len().min(4096)];
    let mut i = 0;
    while let Some(pos) = memchr(b'<', &head[i..]) {
        let rest = &head[i + pos + 1..];
        let tag: Vec<u8> = rest
            .iter()
            .skip_while(|b| **b == b'/')
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect();
        if matches!(
            tag.as_slice(),
            b"p" | b"br"
                | b"div"
                | b"a"
                | b"img"
                | b"html"
                | b"body"
                | b"span"
                | b"em"
                | b"strong"
                | b"b"
                | b"i"
                | b"ul"
                | b"li"
                | b"h1"
                | b"h2"
                | b"h3"
                | b"blockquote"
                | b"figure"
                | b"table"
        ) {
            return true;
        }
        i += pos + 1;
    }
    s.contains("&amp;") || s.contains("&#")
}

/// Converts an HTML fragment or page to text: one paragraph per line, blank
/// lines between blocks, entities decoded. The output is not yet sanitised.
///
/// Markup with layout (tables, lists, quotations, headings, preformatted
/// text) goes through html2text; plain paragraphs, the great majority of
/// feed bodies, through the linear converter, which gives the same text
/// some ten times faster.
pub fn html_to_text(html: &str) -> String {
    if !has_layout(html) {
        return tidy(&strip_tags(html));
    }
    let marked;
    let html = if find_ascii_ci(html, "<blockquote").is_some() {
        marked = mark_blockquotes(&html.replace([QUOTE_OPEN, QUOTE_CLOSE], ""));
        marked.as_str()
    } else {
        html
    };
    let rendered =
        if html.len() <= MAX_HTML_BYTES && max_depth(html) <= MAX_DEPTH && table_cells(html) <= MAX_TABLE_CELLS {
            isolate(|| {
                html2text::config::with_decorator(TrivialDecorator::new())
                    .raw_mode(true)
                    .no_table_borders()
                    .link_footnotes(false)
                    .allow_width_overflow()
                    .string_from_read(html.as_bytes(), RENDER_WIDTH)
                    .ok()
            })
            .flatten()
        } else {
            None
        };
    let text = tidy(&rendered.unwrap_or_else(|| strip_tags(html)));
    if text.contains(QUOTE_OPEN) {
        tidy(&quote_blockquotes(&text))
    } else {
        text
    }
}

/// Marks where a block quotation starts and ends in the rendered text
/// (private-use characters, removed from the input first).
const QUOTE_OPEN: char = '\u{E000}';
const QUOTE_CLOSE: char = '\u{E001}';

/// Puts the markers inside each outermost `<blockquote>`.
fn mark_blockquotes(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut depth = 0usize;
    let mut rest = html;
    while let Some(at) = find_ascii_ci(rest, "blockquote") {
        let closing = rest[..at].ends_with("</");
        let opening = !closing && rest[..at].ends_with('<');
        let end = at + "blockquote".len();
        if opening {
            let Some(gt) = rest[end..].find('>') else {
                break;
            };
            out.push_str(&rest[..end + gt + 1]);
            if depth == 0 {
                out.push(QUOTE_OPEN);
            }
            depth += 1;
            rest = &rest[end + gt + 1..];
        } else if closing && depth > 0 {
            depth -= 1;
            out.push_str(&rest[..at - 2]);
            if depth == 0 {
                out.push(QUOTE_CLOSE);
            }
            out.push_str("</blockquote");
            rest = &rest[end..];
        } else {
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// A block quotation becomes a quotation in news style: each paragraph opens
/// with “ and the last one closes with ”, quotes inside turn single, and a
/// closing "— Name" line stays outside. One that already opens with a
/// quotation mark is left as it is.
fn quote_blockquotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(a) = rest.find(QUOTE_OPEN) {
        out.push_str(&rest[..a]);
        let after = &rest[a + QUOTE_OPEN.len_utf8()..];
        let (inner, tail) = match after.find(QUOTE_CLOSE) {
            Some(b) => (&after[..b], &after[b + QUOTE_CLOSE.len_utf8()..]),
            None => (after, ""),
        };
        out.push_str("\n\n");
        out.push_str(&as_quotation(inner.trim()));
        out.push_str("\n\n");
        rest = tail;
    }
    out.push_str(rest);
    out.retain(|c| c != QUOTE_OPEN && c != QUOTE_CLOSE);
    out
}

fn as_quotation(inner: &str) -> String {
    if inner.is_empty() || inner.starts_with(['“', '"', '‘', '«', '„']) {
        return inner.to_owned();
    }
    let lines: Vec<&str> = inner.lines().collect();
    let is_attribution = |l: &str| l.trim_start().starts_with(['—', '–', '-']);
    let last_quoted = lines
        .iter()
        .rposition(|l| !l.trim().is_empty() && !is_attribution(l))
        .unwrap_or(0);
    let mut out = String::with_capacity(inner.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.trim().is_empty() || i > last_quoted {
            out.push_str(line);
            continue;
        }
        out.push('“');
        out.extend(line.chars().map(|c| match c {
            '“' => '‘',
            '”' => '’',
            '"' => '\'',
            c => c,
        }));
        if i == last_quoted {
            out.push('”');
        }
    }
    out
}

/// Whether the markup has structure that html2text lays out better than the
/// linear converter: tables, lists, quotations, headings, preformatted text.
pub fn has_layout(html: &str) -> bool {
    const LAYOUT: [&[u8]; 13] = [
        b"table",
        b"ul",
        b"ol",
        b"dl",
        b"pre",
        b"blockquote",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"li",
    ];
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(pos) = memchr(b'<', &bytes[i..]) {
        i += pos + 1;
        let name_end = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |p| i + p);
        let name = &bytes[i..name_end];
        if LAYOUT.iter().any(|l| l.eq_ignore_ascii_case(name)) {
            return true;
        }
    }
    false
}

/// Folds white space inside lines and leaves at most one blank line between
/// paragraphs.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_blank = false;
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            pending_blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_blank { "\n\n" } else { "\n" });
        }
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        pending_blank = false;
    }
    out
}

/// The deepest element nesting, counted cheaply from the tags alone.
pub fn max_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(pos) = memchr(b'<', &bytes[i..]) {
        i += pos + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b) if b.is_ascii_alphabetic() => {
                let name: Vec<u8> = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .map(u8::to_ascii_lowercase)
                    .collect();
                let end = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |p| i + p);
                let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
                if !self_closing && !is_void(&name) {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"img"
            | b"hr"
            | b"meta"
            | b"link"
            | b"input"
            | b"source"
            | b"wbr"
            | b"area"
            | b"base"
            | b"col"
            | b"embed"
            | b"param"
            | b"track"
            | b"p"
            | b"li"
    )
}

/// A linear, allocation-light converter used when html2text is not safe to run.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |p| p + 1);
        let tag = &rest[..end];
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[end..];
        if !tag.starts_with("</") && matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
            let close = format!("</{name}");
            let lower_pos = find_ascii_ci(rest, &close);
            rest = lower_pos.map_or("", |p| &rest[p..]);
            continue;
        }
        if tag.starts_with("<!--") {
            let close = rest.find("-->").map_or(rest.len(), |p| p + 3);
            if !tag.ends_with("-->") {
                rest = &rest[close..];
            }
            continue;
        }
        match name.as_str() {
            "br" => out.push('\n'),
            "p" | "div" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "tr"
            | "table" | "section" | "article" | "header" | "footer" | "figure" | "figcaption" | "pre" | "hr" | "dd"
            | "dt" => out.push_str("\n\n"),
            "td" | "th" => out.push(' '),
            _ => {}
        }
    }
    push_decoded(&mut out, rest);
    out
}

/// `<td` and `<th` tags in `html`, counted up to one past [`MAX_TABLE_CELLS`].
fn table_cells(html: &str) -> usize {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes)
        .filter(|&at| {
            bytes
                .get(at + 1..at + 3)
                .is_some_and(|tag| tag.eq_ignore_ascii_case(b"td") || tag.eq_ignore_ascii_case(b"th"))
        })
        .take(MAX_TABLE_CELLS + 1)
        .count()
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Appends `text` with character references decoded.
pub fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|p| p + 1);
        let Some(end) = end.filter(|&e| rest.as_bytes().get(e) == Some(&b';') && e <= 32) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        match decode_entity(&rest[1..end]) {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Decodes an entity body such as `amp`, `#8217` or `#x2019`.
pub fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    NAMED_ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// The HTML entities that appear in real feeds often enough to matter.
pub const NAMED_ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("sbquo", '‚'),
    ("bdquo", '„'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("middot", '·'),
    ("bull", '•'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("times", '×'),
    ("divide", '÷'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("shy", '\u{ad}'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("aacute", 'á'),
    ("eacute", 'é'),
    ("iacute", 'í'),
    ("oacute", 'ó'),
    ("uacute", 'ú'),
    ("Aacute", 'Á'),
    ("Eacute", 'É'),
    ("Iacute", 'Í'),
    ("Oacute", 'Ó'),
    ("Uacute", 'Ú'),
    ("agrave", 'à'),
    ("egrave", 'è'),
    ("igrave", 'ì'),
    ("ograve", 'ò'),
    ("ugrave", 'ù'),
    ("Agrave", 'À'),
    ("Egrave", 'È'),
    ("acirc", 'â'),
    ("ecirc", 'ê'),
    ("icirc", 'î'),
    ("ocirc", 'ô'),
    ("ucirc", 'û'),
    ("auml", 'ä'),
    ("euml", 'ë'),
    ("iuml", 'ï'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("Auml", 'Ä'),
    ("Ouml", 'Ö'),
    ("Uuml", 'Ü'),
    ("szlig", 'ß'),
    ("atilde", 'ã'),
    ("otilde", 'õ'),
    ("ntilde", 'ñ'),
    ("Ntilde", 'Ñ'),
    ("ccedil", 'ç'),
    ("Ccedil", 'Ç'),
    ("aring", 'å'),
    ("Aring", 'Å'),
    ("aelig", 'æ'),
    ("oslash", 'ø'),
    ("Oslash", 'Ø'),
];

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// Absolute http(s) links found in `href` attributes, in document order.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(p) = find_ascii_ci(rest, "href=") {
        rest = &rest[p + 5..];
        let (quote, body) = match rest.as_bytes().first() {
            Some(b'"') => ('"', &rest[1..]),
            Some(b'\'') => ('\'', &rest[1..]),
            _ => (' ', rest),
        };
        let end = body.find([quote, '>']).unwrap_or(body.len());
        let mut href = String::new();
        push_decoded(&mut href, body[..end].trim());
        if href.starts_with("http://") || href.starts_with("https://") {
            out.push(href);
        }
        rest = &body[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_lines_separated_by_blank_lines() {
        let text = html_to_text("<p>First <b>bold</b> para.</p><p>Second &amp; last&nbsp;one.</p>");
        assert_eq!(text, "First bold para.\n\nSecond & last one.");
    }

    #[test]
    fn links_keep_only_their_text() {
        assert_eq!(
            html_to_text(r#"<p>See <a href="https://x.test/">the filing</a>.</p>"#),
            "See the filing."
        );
    }

    #[test]
    fn plain_paragraphs_and_laid_out_markup_give_the_same_kind_of_text() {
        let plain = "<p>One <a href=\"x\">link</a> &amp; <em>more</em>.</p><p>Two<br>lines.</p>";
        assert!(!has_layout(plain));
        assert_eq!(html_to_text(plain), "One link & more.\n\nTwo\nlines.");
        let list = "<p>Intro.</p><ul><li>First</li><li>Second</li></ul>";
        assert!(has_layout(list));
        let text = html_to_text(list);
        assert!(
            text.starts_with("Intro.") && text.contains("First") && text.contains("Second"),
            "{text}"
        );
    }

    #[test]
    fn deep_nesting_uses_the_stripper() {
        let html = format!("{}deep{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert!(max_depth(&html) > MAX_DEPTH);
        assert_eq!(html_to_text(&html), "deep");
    }

    #[test]
    fn stripper_drops_scripts_and_comments() {
        let text = tidy(&strip_tags(
            "<p>a</p><script>alert('x')</script><!-- c --><p>b &rsquo;</p>",
        ));
        assert_eq!(text, "a\n\nb ’");
    }

    #[test]
    fn unknown_and_unterminated_entities_stay_literal() {
        let mut s = String::new();
        push_decoded(&mut s, "AT&T &bogus; &#x2019; & more");
        assert_eq!(s, "AT&T &bogus; ’ & more");
    }

    #[test]
    fn the_text_outside_tags_bounds_the_rendered_text() {
        for body in [
            "<p>Hello <b>world</b> &amp; more</p><p>Again.</p>",
            "plain text, no tags",
            "a < b and c > d",
            "<div><script>var x = 1;</script>Text</div> trailing <unclosed",
        ] {
            assert!(text_len_bound(body) >= super::super::body_text(body).len(), "{body}");
        }
        assert_eq!(text_len_bound("<p>Hello</p>"), 5);
    }

    #[test]
    fn detects_html_and_plain_text() {
        assert!(looks_like_html("<p>hello</p>"));
        assert!(looks_like_html("Some text<br/>more"));
        assert!(!looks_like_html("He said, “Shockingly untrue.” x < y"));
    }

    #[test]
    fn collects_absolute_links() {
        let got = links(
            r#"<a href="https://courtlistener.com/docket/1/">d</a> <a href='/rel'>r</a> <a href=http://a.test/x>"#,
        );
        assert_eq!(got, vec!["https://courtlistener.com/docket/1/", "http://a.test/x"]);
    }

    #[test]
    fn a_block_quotation_reads_as_a_quotation() {
        let html = "<p>The developers said:</p><blockquote><p>We thought, “Hey, why not?” It was overlooked.</p><p>I agree!</p></blockquote><p>Doh.</p>";
        assert_eq!(
            html_to_text(html),
            "The developers said:\n\n“We thought, ‘Hey, why not?’ It was overlooked.\n\n“I agree!”\n\nDoh."
        );
    }

    #[test]
    fn a_quoted_post_keeps_its_attribution_outside() {
        let html = "<blockquote class=\"twitter-tweet\"><p>Why is the government so fascist?</p>— Elon Musk (@elonmusk) January 10, 2026</blockquote>";
        let text = html_to_text(html);
        assert!(text.starts_with("“Why is the government so fascist?”"), "{text}");
        assert!(text.ends_with("— Elon Musk (@elonmusk) January 10, 2026"), "{text}");
    }

    #[test]
    fn a_block_already_in_quotation_marks_and_stray_markers_are_left_alone() {
        let html = "<blockquote><p>“We deny it,” Smith said.</p></blockquote><p>x\u{E000}y</p>";
        assert_eq!(html_to_text(html), "“We deny it,” Smith said.\n\nxy");
    }

    #[test]
    fn tidy_keeps_one_blank_line() {
        assert_eq!(tidy("a  b\n\n\n\n c\n d"), "a b\n\nc\nd");
    }
}
