//! Feed bytes to items: feed-rs for RSS 0.9x/1.0/2.0, Atom and JSON Feed,
//! with a bounded set of repairs for the malformed feeds found in the wild.

use std::borrow::Cow;

use chrono::{DateTime, Duration, Utc};
use feed_rs::model::{Entry, Feed};

use crate::model::FeedItem;
use crate::text::html;

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
    /// The repairs that were needed before the feed would parse, if any.
    pub repairs: Vec<&'static str>,
}

/// The repair that keeps a cut-off feed's complete items: the rest were lost
/// on the way, so the fetch's validators must not be kept.
pub const CUT_OFF: &str = "kept the complete items of a cut-off feed";

impl ParsedFeed {
    /// Whether the document was cut off and only its complete items read:
    /// the next fetch must ask for the whole feed again.
    pub fn was_cut_off(&self) -> bool {
        self.repairs.contains(&CUT_OFF)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("the response is empty")]
    Empty,
    #[error("not a feed: the server sent an HTML page")]
    HtmlPage,
    #[error("not a feed: {0}")]
    NotAFeed(String),
    #[error("malformed feed: {0}")]
    Malformed(String),
    #[error("the feed parser failed on this input")]
    Crashed,
}

/// Items read from one feed at most: a news feed lists tens; a document
/// of hundreds of thousands of empty items would take the parser gigabytes.
pub const MAX_ITEMS: usize = 2000;
/// Titles (of items and feeds) longer than this many characters are cut.
pub const MAX_TITLE_CHARS: usize = 500;
/// Authors' names longer than this many characters are cut.
pub const MAX_AUTHOR_CHARS: usize = 200;
/// Links longer than this many bytes are not links.
pub const MAX_LINK_BYTES: usize = 8192;
/// Item ids longer than this many bytes are kept as their start and a hash.
pub const MAX_GUID_BYTES: usize = 512;

/// Parses feed bytes as served. `now` bounds absurd dates.
pub fn parse_feed(bytes: &[u8], now: DateTime<Utc>) -> Result<ParsedFeed, ParseError> {
    let trimmed = trim_leading(bytes);
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    if looks_like_html_page(trimmed) {
        return Err(ParseError::HtmlPage);
    }
    let redeclared = neutralise_later_declarations(trimmed);
    let trimmed = redeclared.as_deref().unwrap_or(trimmed);
    // Cut to its first items before any parser builds them all.
    let capped = first_items(trimmed, MAX_ITEMS);
    let trimmed = capped.as_deref().unwrap_or(trimmed);
    if let Some(upgraded) = upgrade_atom03(trimmed) {
        return parse_once(&upgraded).map(|feed| convert(feed, &upgraded, now, vec!["read Atom 0.3 as Atom 1.0"]));
    }
    let first = match parse_once(trimmed) {
        Ok(feed) => return Ok(convert(feed, trimmed, now, Vec::new())),
        Err(e) => e,
    };
    let (repaired, mut repairs) = repair(trimmed);
    if !repairs.is_empty()
        && let Ok(feed) = parse_once(&repaired)
    {
        return Ok(convert(feed, &repaired, now, repairs));
    }
    // Last, markup in RSS text elements: where it is well formed, feed-rs
    // reads it as it always has.
    let Some(wrapped) = std::str::from_utf8(&repaired)
        .ok()
        .and_then(wrap_markup_in_text_elements)
    else {
        return Err(first);
    };
    repairs.push("read markup in RSS text elements as text");
    match parse_once(wrapped.as_bytes()) {
        Ok(feed) => Ok(convert(feed, wrapped.as_bytes(), now, repairs)),
        Err(_) => Err(first),
    }
}

/// An XML feed of more than `max` items cut before the next one, the
/// elements open there closed (`</channel></rss>`, `</feed>`); `None` for a
/// feed of no more, and for JSON, whose items cost far less to parse. Items
/// are `item` and `entry` start tags, prefixed or not, outside comments,
/// CDATA sections, processing instructions and the DOCTYPE.
fn first_items(bytes: &[u8], max: usize) -> Option<Vec<u8>> {
    if bytes.first() == Some(&b'{') {
        return None;
    }
    let find = |from: usize, what: &[u8]| memchr::memmem::find(&bytes[from..], what).map(|p| from + p + what.len());
    let (mut at, mut open, mut items): (usize, Vec<&[u8]>, usize) = (0, Vec::new(), 0);
    while let Some(p) = memchr::memchr(b'<', &bytes[at..]) {
        let tag = at + p;
        let rest = &bytes[tag..];
        let name_of = |from: usize| {
            let name = &rest[from..];
            let len = name
                .iter()
                .position(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
                .unwrap_or(name.len());
            &name[..len]
        };
        at = if rest.starts_with(b"<![CDATA[") {
            find(tag, b"]]>")?
        } else if rest.starts_with(b"<!--") {
            find(tag, b"-->")?
        } else if rest.starts_with(b"<?") {
            find(tag, b"?>")?
        } else if rest.starts_with(b"<!") {
            // A DOCTYPE, with or without an internal subset.
            let close = find(tag, b">")?;
            match memchr::memchr(b'[', &bytes[tag..close]) {
                Some(_) => find(tag, b"]>").or(Some(close))?,
                None => close,
            }
        } else if rest.starts_with(b"</") {
            let name = name_of(2);
            if let Some(i) = open.iter().rposition(|o| *o == name) {
                open.truncate(i);
            }
            tag + 2
        } else {
            let name = name_of(1);
            let local = name.rsplit(|c| *c == b':').next().unwrap_or(name);
            if local == b"item" || local == b"entry" {
                items += 1;
                if items > max {
                    let mut out = bytes[..tag].to_vec();
                    for name in open.iter().rev() {
                        out.extend_from_slice(b"</");
                        out.extend_from_slice(name);
                        out.push(b'>');
                    }
                    return Some(out);
                }
            }
            let end = find(tag, b">")?;
            if bytes[end - 2] != b'/' {
                open.push(name);
            }
            end
        };
    }
    None
}

/// A second `<?xml ...?>` declaration inside the document (feeds glued
/// together by a broken CMS) makes quick-xml panic when it names an
/// encoding; it is turned into an unknown processing instruction, which
/// parsers skip. `None` when there is none.
fn neutralise_later_declarations(bytes: &[u8]) -> Option<Vec<u8>> {
    let later = |b: &[u8]| b.get(1..)?.windows(5).position(|w| w == b"<?xml").map(|p| p + 1);
    later(bytes)?;
    let mut out = bytes.to_vec();
    let mut from = 0;
    while let Some(p) = later(&out[from..]) {
        let at = from + p;
        let next = out.get(at + 5).copied();
        // "<?xml-stylesheet" is a different instruction and stays.
        if next.is_none_or(|c| c.is_ascii_whitespace() || c == b'?') {
            out[at + 4] = b'x';
        }
        from = at;
    }
    Some(out)
}

/// Atom 0.3 (`http://purl.org/atom/ns#`) renamed to its Atom 1.0
/// equivalents, which feed-rs reads; `None` for anything else.
fn upgrade_atom03(bytes: &[u8]) -> Option<Vec<u8>> {
    const NS03: &str = "http://purl.org/atom/ns#";
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    if !head.contains(NS03) {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let mut out = text.replace(NS03, "http://www.w3.org/2005/Atom");
    for (old, new) in [
        ("modified", "updated"),
        ("issued", "published"),
        ("tagline", "subtitle"),
    ] {
        out = out
            .replace(&format!("<{old}>"), &format!("<{new}>"))
            .replace(&format!("</{old}>"), &format!("</{new}>"));
        out = out.replace(&format!("<{old}/>"), &format!("<{new}/>"));
    }
    Some(
        out.replace("type=\"text/html\" mode=\"escaped\"", "type=\"html\"")
            .replace("type=\"text/plain\"", "type=\"text\"")
            .into_bytes(),
    )
}

fn parse_once(bytes: &[u8]) -> Result<Feed, ParseError> {
    let result = html::isolate(|| {
        feed_rs::parser::Builder::new()
            .sanitize_content(false)
            .timestamp_parser(super::timestamp::parse)
            .build()
            .parse(bytes)
    });
    match result {
        None => Err(ParseError::Crashed),
        Some(Ok(feed)) => Ok(feed),
        Some(Err(e)) => Err(classify(e)),
    }
}

fn classify(e: feed_rs::parser::ParseFeedError) -> ParseError {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    let text = crate::text::sanitize_line(&e.to_string());
    let text: String = text.chars().take(300).collect();
    match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            ParseError::NotAFeed("no RSS, Atom or JSON Feed root element".into())
        }
        ParseFeedError::JsonUnsupportedVersion(_) => ParseError::NotAFeed(text),
        _ => ParseError::Malformed(text),
    }
}

fn trim_leading(bytes: &[u8]) -> &[u8] {
    let mut b = bytes;
    if let Some(rest) = b.strip_prefix(b"\xEF\xBB\xBF") {
        b = rest;
    }
    // UTF-16 keeps its BOM: quick-xml needs it to pick the decoder.
    if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") {
        return b;
    }
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[start..]
}

fn looks_like_html_page(b: &[u8]) -> bool {
    let head: Vec<u8> = b.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let head = String::from_utf8_lossy(&head);
    let after_decl = match head.find("?>") {
        Some(p) if head.starts_with("<?xml") => head[p + 2..].trim_start().to_owned(),
        _ => head.to_string(),
    };
    after_decl.starts_with("<!doctype html") || after_decl.starts_with("<html")
}

/// Repairs applied, in order, when the first parse fails. Each fixes one
/// fault seen in real feeds; the list of applied ones is reported.
fn repair(bytes: &[u8]) -> (Vec<u8>, Vec<&'static str>) {
    let mut repairs = Vec::new();
    let mut text: String = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => match declared_encoding(bytes) {
            Some(enc) if enc != encoding_rs::UTF_8 => {
                // feed-rs decodes declared charsets itself; only the other faults need fixing.
                let (decoded, _, _) = enc.decode(bytes);
                repairs.push("transcoded from the declared charset");
                let s = decoded.into_owned();
                set_declared_encoding_utf8(&s)
            }
            _ => {
                let (decoded, _, had_errors) = encoding_rs::UTF_8.decode(bytes);
                if had_errors {
                    let latin1 = encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned();
                    repairs.push("invalid UTF-8 read as Windows-1252");
                    set_declared_encoding_utf8(&latin1)
                } else {
                    decoded.into_owned()
                }
            }
        },
    };
    if let Some(pos) = crate::text::truncate(&text, 2048)
        .find("\"http://jsonfeed.org/version/")
        .filter(|_| text.starts_with('{'))
    {
        text.replace_range(pos + 1..pos + 5, "https");
        repairs.push("accepted an http:// JSON Feed version");
    }
    if let Some(cut) = cut_after_root(&text) {
        text.truncate(cut);
        repairs.push("removed junk after the root element");
    }
    if let Some(fixed) = fix_rss_version(&text) {
        text = fixed;
        repairs.push("added the missing RSS version");
    }
    if let Some(fixed) = fix_xml_declaration(&text) {
        text = fixed;
        repairs.push("rewrote a broken XML declaration");
    }
    if let Some(fixed) = strip_unbound_rss_prefix(&text) {
        text = fixed;
        repairs.push("dropped an undeclared rss: prefix");
    }
    if let Some(fixed) = quote_attribute_values(&text) {
        text = fixed;
        repairs.push("quoted bare attribute values");
    }
    if let Some(fixed) = drop_empty_media_elements(&text) {
        text = fixed;
        repairs.push("removed empty media elements");
    }
    if let Cow::Owned(fixed) = escape_stray_ampersands_and_entities(&text) {
        text = fixed;
        repairs.push("escaped stray '&' and HTML entities");
    }
    if let Some(fixed) = complete_json_items(&text).or_else(|| complete_xml_items(&text)) {
        text = fixed;
        repairs.push(CUT_OFF);
    }
    if let Some(fixed) = strip_control_chars(&text) {
        text = fixed;
        repairs.push("removed control characters");
    }
    (text.into_bytes(), repairs)
}

fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
    let decl_end = head.find("?>")?;
    let decl = &head[..decl_end];
    let pos = decl.find("encoding=")? + "encoding=".len();
    let rest = &decl[pos..];
    let quote = rest.chars().next()?;
    let name: String = rest[1..].chars().take_while(|c| *c != quote).collect();
    encoding_rs::Encoding::for_label(name.as_bytes())
}

fn set_declared_encoding_utf8(s: &str) -> String {
    let declared = s
        .starts_with("<?xml")
        .then(|| s.find("?>"))
        .flatten()
        .and_then(|end| s[..end].find("encoding=").map(|pos| (pos, &s[pos + 9..end])))
        .and_then(|(pos, after)| {
            let q = after.chars().next()?;
            after[1..].find(q).map(|close| pos..pos + 9 + close + 2)
        });
    match declared {
        Some(range) => format!("{}encoding=\"UTF-8\"{}", &s[..range.start], &s[range.end..]),
        None => s.to_owned(),
    }
}

/// A JSON Feed cut off (a connection dropped, a proxy's limit): its items
/// up to the last complete one, the list and the feed closed after it.
/// `None` for a document that is not cut off or holds no complete item.
fn complete_json_items(text: &str) -> Option<String> {
    if !text.starts_with('{') {
        return None;
    }
    let (mut open, mut in_string, mut escaped) = (Vec::new(), false, false);
    let mut last_item_end = None;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => open.push(b),
            b'}' | b']' => {
                open.pop();
                // An object closed inside a list of the feed object: an item.
                if b == b'}' && open == [b'{', b'['] {
                    last_item_end = Some(i + 1);
                }
            }
            _ => {}
        }
    }
    if open.is_empty() {
        return None;
    }
    let kept = &text[..last_item_end?];
    // Its version may have come after the items, and been cut off with them.
    let versioned = kept.contains("\"version\"") && kept.contains("jsonfeed.org/version/");
    let version = if versioned {
        ""
    } else {
        "\"version\": \"https://jsonfeed.org/version/1.1\", "
    };
    Some(format!("{{{version}{}]}}", &kept[1..]))
}

/// Elements open at once beyond which a cut-off document is not repaired.
const MAX_CUT_DEPTH: usize = 64;

/// An XML feed cut off: its items up to the last complete one (`</item>`,
/// `</entry>`), the elements open there closed. `None` for a document that
/// is not cut off or holds no complete item.
fn complete_xml_items(text: &str) -> Option<String> {
    let mut open: Vec<&str> = Vec::new();
    let mut last_item: Option<(usize, Vec<&str>)> = None;
    for (start, end) in tags(text) {
        let tag = &text[start..end];
        let closing = tag.starts_with("</");
        let name = tag[if closing { 2 } else { 1 }..]
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        if closing {
            if let Some(i) = open.iter().rposition(|o| *o == name) {
                open.truncate(i);
            }
            let local = name.rsplit(':').next().unwrap_or(name);
            if local == "item" || local == "entry" {
                last_item = Some((end, open.clone()));
            }
        } else if !tag.ends_with("/>") {
            open.push(name);
            // No feed nests this deep: a document that does is not one to
            // piece together.
            if open.len() > MAX_CUT_DEPTH {
                return None;
            }
        }
    }
    if open.is_empty() {
        return None;
    }
    let (end, open) = last_item?;
    let mut out = text[..end].to_owned();
    for name in open.iter().rev() {
        out.push_str(&format!("</{name}>"));
    }
    Some(out)
}

/// The end of the root element when something follows it.
fn cut_after_root(text: &str) -> Option<usize> {
    for close in ["</rss>", "</feed>", "</rdf:RDF>", "</RDF>"] {
        if let Some(pos) = text.rfind(close) {
            let end = pos + close.len();
            return (!text[end..].trim().is_empty()).then_some(end);
        }
    }
    None
}

fn fix_rss_version(text: &str) -> Option<String> {
    let start = text.find("<rss")?;
    let end = start + text[start..].find('>')?;
    let tag = &text[start..end];
    if tag.contains("version=") || !(tag.len() == 4 || tag.as_bytes()[4].is_ascii_whitespace()) {
        return None;
    }
    Some(format!("{}<rss version=\"2.0\"{}", &text[..start], &text[start + 4..]))
}

/// `<?xml?xml version="1.0" ... ??>` and other mangled declarations: drop it.
fn fix_xml_declaration(text: &str) -> Option<String> {
    if !text.starts_with("<?xml") {
        return None;
    }
    let end = text.find("?>")? + 2;
    let decl = &text[..end];
    let well_formed = decl.starts_with("<?xml ") && !decl[5..].contains("<?") && !decl.contains("??");
    (!well_formed).then(|| text[end..].trim_start_matches(['?', '>']).to_owned())
}

/// Calls `fix` on the text of every start and end tag ([`tags`]); the
/// document with the tags it rewrote, `None` when it rewrote none.
fn map_tags(text: &str, mut fix: impl FnMut(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    let (mut copied, mut changed) = (0, false);
    for (start, end) in tags(text) {
        if let Some(fixed) = fix(&text[start..end]) {
            out.push_str(&text[copied..start]);
            out.push_str(&fixed);
            copied = end;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Where each start and end tag of an XML document begins and ends (past
/// its `>`), passing over comments, CDATA sections, processing instructions
/// and the DOCTYPE; it stops at the first of any of these left unfinished.
/// None in a document that does not open with markup (JSON Feed holds
/// markup in its strings).
fn tags(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = if text.trim_start().starts_with('<') {
        0
    } else {
        text.len()
    };
    std::iter::from_fn(move || {
        loop {
            let start = at + text.get(at..)?.find('<')?;
            let rest = &text[start..];
            let past = |end: &str| rest.find(end).map(|e| start + e + end.len());
            let (end, is_tag) = if rest.starts_with("<!--") {
                (past("-->"), false)
            } else if rest.starts_with("<![CDATA[") {
                (past("]]>"), false)
            } else if rest.starts_with("<?") {
                (past("?>"), false)
            } else if rest.starts_with("<!") {
                (past(">"), false)
            } else {
                (tag_end(rest).map(|e| start + e), true)
            };
            let Some(end) = end else {
                at = text.len();
                return None;
            };
            at = end;
            if is_tag {
                return Some((start, end));
            }
        }
    })
}

/// Where the tag opening `tag` ends, past its `>`: a `>` inside a quoted
/// attribute value does not end it.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// `<item rdf:isPermaLink=true>`: attribute values without quotes, quoted.
fn quote_attribute_values(text: &str) -> Option<String> {
    map_tags(text, |tag| {
        let mut out = String::with_capacity(tag.len() + 8);
        let mut chars = tag.char_indices().peekable();
        let (mut quote, mut changed) = (None, false);
        while let Some((i, c)) = chars.next() {
            out.push(c);
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '=') if !tag[i + 1..].starts_with(['"', '\'', ' ', '\t', '\r', '\n']) => {
                    let after = &tag[i + 1..];
                    let value_len = after
                        .char_indices()
                        .find(|&(j, c)| c.is_whitespace() || c == '>' || after[j..].starts_with("/>"))
                        .map_or(after.len(), |(j, _)| j);
                    let value = &after[..value_len];
                    out.push('"');
                    out.push_str(&value.replace('"', "&quot;"));
                    out.push('"');
                    for _ in value.chars() {
                        chars.next();
                    }
                    changed = true;
                }
                _ => {}
            }
        }
        changed.then_some(out)
    })
}

/// `<rss:channel>`, `<rss:item>`: an RSS document whose own elements carry an
/// `rss:` prefix it never declares. The prefix is dropped from element and
/// attribute names.
fn strip_unbound_rss_prefix(text: &str) -> Option<String> {
    if !text.contains("<rss:") || text.contains("xmlns:rss") || root_element(text) != Some("rss") {
        return None;
    }
    map_tags(text, |tag| {
        let stripped = tag
            .replacen("<rss:", "<", 1)
            .replacen("</rss:", "</", 1)
            .replace(" rss:", " ");
        (stripped != tag).then_some(stripped)
    })
}

/// feed-rs rejects `<media:description/>` and `<media:title><![CDATA[]]></media:title>`
/// ("missing text"), which real feeds (Engadget, the NYT) carry.
fn drop_empty_media_elements(text: &str) -> Option<String> {
    const KEEP_EMPTY: [&str; 5] = ["content", "thumbnail", "group", "player", "embed"];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(pos) = rest.find("<media:") {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let Some(close) = tail.find('>') else { break };
        let tag = &tail[..=close];
        let name: String = tag[7..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if KEEP_EMPTY.contains(&name.as_str()) {
            out.push_str(tag);
            rest = &tail[close + 1..];
            continue;
        }
        if tag.ends_with("/>") {
            changed = true;
            rest = &tail[close + 1..];
            continue;
        }
        let end_tag = format!("</media:{name}>");
        let after = &tail[close + 1..];
        if let Some(end) = after.find(&end_tag) {
            let inner = after[..end].trim();
            if inner.is_empty() || inner == "<![CDATA[]]>" {
                changed = true;
                rest = &after[end + end_tag.len()..];
                continue;
            }
        }
        out.push_str(tag);
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// RSS elements that hold text only, whose content some feeds write as raw
/// HTML (`<title>Guide <li><em>…</li></em></title>`), badly nested.
const RSS_TEXT_ELEMENTS: [&str; 6] = [
    "title",
    "description",
    "content:encoded",
    "author",
    "dc:creator",
    "category",
];

/// Raw markup inside an RSS text element, wrapped as character data so that
/// it is read as the HTML it is (titles and bodies are reduced to text from
/// HTML later). Atom is left alone: its text may be XHTML elements. `None`
/// when nothing was wrapped. An element whose content holds character data
/// already is left as it is.
fn wrap_markup_in_text_elements(text: &str) -> Option<String> {
    if !matches!(root_element(text)?, "rss" | "rdf:RDF" | "RDF") {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 1024);
    let mut rest = text;
    let mut changed = false;
    // Elements whose end tag the rest of the document lacks: looked for once,
    // or a document of unclosed titles would be searched to its end for each.
    let mut unclosed = [false; RSS_TEXT_ELEMENTS.len()];
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let element = RSS_TEXT_ELEMENTS.iter().position(|n| {
            tail[1..].starts_with(n) && tail[1 + n.len()..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace())
        });
        let Some(element) = element.filter(|e| !unclosed[*e]) else {
            out.push('<');
            rest = &tail[1..];
            continue;
        };
        let Some(open_end) = tail.find('>') else {
            rest = tail;
            break;
        };
        let name = RSS_TEXT_ELEMENTS[element];
        let after = &tail[open_end + 1..];
        let close = format!("</{name}>");
        let end = after.find(close.as_str());
        unclosed[element] = end.is_none();
        match end {
            Some(end) if !tail[..open_end].ends_with('/') => {
                let inner = &after[..end];
                out.push_str(&tail[..=open_end]);
                if inner.contains('<') && !inner.contains("<![CDATA[") {
                    out.push_str("<![CDATA[");
                    out.push_str(&inner.replace("]]>", "]]]]><![CDATA[>"));
                    out.push_str("]]>");
                    changed = true;
                } else {
                    out.push_str(inner);
                }
                out.push_str(&close);
                rest = &after[end + close.len()..];
            }
            _ => {
                out.push_str(&tail[..=open_end]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The name of the document's root element: its first start tag after the
/// declaration, processing instructions, comments and DOCTYPE.
fn root_element(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        rest = &rest[rest.find('<')?..];
        let skip_to = if rest.starts_with("<?") {
            rest.find("?>")? + 2
        } else if rest.starts_with("<!--") {
            rest.find("-->")? + 3
        } else if rest.starts_with("<!") {
            rest.find('>')? + 1
        } else {
            let end = rest[1..].find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')? + 1;
            return Some(&rest[1..end]);
        };
        rest = &rest[skip_to..];
    }
}

const XML_ENTITIES: [&str; 5] = ["amp", "lt", "gt", "quot", "apos"];

fn escape_stray_ampersands_and_entities(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut last = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_cdata = false;
    while i < bytes.len() {
        if !in_cdata && bytes[i..].starts_with(b"<![CDATA[") {
            in_cdata = true;
            i += 9;
            continue;
        }
        if in_cdata {
            if bytes[i..].starts_with(b"]]>") {
                in_cdata = false;
                i += 3;
            } else {
                i += 1;
            }
            continue;
        }
        if bytes[i] == b'&' {
            let rest = &text[i + 1..];
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                .unwrap_or(rest.len());
            let name = &rest[..name_len];
            let terminated = rest[name_len..].starts_with(';');
            let replacement: Option<String> = if terminated && (XML_ENTITIES.contains(&name) || name.starts_with('#')) {
                None
            } else if terminated {
                html::decode_entity(name)
                    .map(|c| format!("&#{};", c as u32))
                    .or(Some("&amp;".into()))
            } else {
                Some("&amp;".into())
            };
            if let Some(rep) = replacement {
                out.push_str(&text[last..i]);
                out.push_str(&rep);
                i += 1;
                if rep != "&amp;" {
                    i += name_len + 1;
                }
                last = i;
                continue;
            }
        }
        i += 1;
    }
    if last == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

fn strip_control_chars(text: &str) -> Option<String> {
    let bad = |c: char| (c < ' ' && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{fffe}' || c == '\u{ffff}';
    text.contains(bad).then(|| text.chars().filter(|c| !bad(*c)).collect())
}

fn convert(feed: Feed, raw: &[u8], now: DateTime<Utc>, repairs: Vec<&'static str>) -> ParsedFeed {
    let original_links = original_links(raw, feed.entries.len());
    let items = feed
        .entries
        .into_iter()
        .take(MAX_ITEMS)
        .enumerate()
        .map(|(i, e)| item(e, original_links.get(i).cloned().flatten(), now))
        // An item with nothing to show is no article.
        .filter(|i| !(i.title.is_empty() && i.link.is_none() && i.body.trim().is_empty()))
        .collect();
    ParsedFeed {
        title: feed
            .title
            .map(|t| cut_chars(plain(&t.content), MAX_TITLE_CHARS))
            .filter(|t| !t.is_empty()),
        items,
        repairs,
    }
}

/// `s` cut to `max` characters, an ellipsis in place of the rest.
fn cut_chars(mut s: String, max: usize) -> String {
    if let Some((at, _)) = s.char_indices().nth(max) {
        s.truncate(at);
        s.truncate(s.trim_end().len());
        s.push('…');
    }
    s
}

/// An id that fits an index: a longer one is kept as its start and a
/// hash of the whole, still one id per item.
fn bounded_guid(id: String) -> String {
    if id.len() <= MAX_GUID_BYTES {
        return id;
    }
    // The start, "#" and 16 hex digits fit the bound.
    let start = crate::text::truncate(&id, MAX_GUID_BYTES - 17);
    format!("{start}#{:016x}", crate::store::dedup::fnv1a(id.bytes()))
}

fn item(e: Entry, original_link: Option<String>, now: DateTime<Utc>) -> FeedItem {
    let link = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(e.links.first())
        .map(|l| l.href.trim().to_owned())
        .filter(|l| !l.is_empty() && l.len() <= MAX_LINK_BYTES);
    let content = e.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
    let summary = e.summary.as_ref().map(|s| s.content.clone()).unwrap_or_default();
    let body = if content.len() >= summary.len() {
        content
    } else {
        summary
    };
    // A date a little ahead (a zone got wrong, a clock) is now: an item
    // dated later would stay at the top of the list as the newest. An item
    // without a date is dated by its address if that has one ("/2017/05/28/"):
    // else it is dated when first seen, as news.
    let published = e
        .published
        .or(e.updated)
        .filter(|d| plausible(*d, now))
        .or_else(|| {
            link.as_deref()
                .and_then(super::timestamp::in_address)
                .filter(|d| plausible(*d, now))
        })
        .map(|d| d.min(now));
    FeedItem {
        guid: bounded_guid(e.id),
        link,
        original_link: original_link.filter(|l| l.len() <= MAX_LINK_BYTES),
        title: e
            .title
            .map(|t| cut_chars(plain(&t.content), MAX_TITLE_CHARS))
            .unwrap_or_default(),
        author: e
            .authors
            .first()
            .and_then(|a| a.name.as_deref())
            .map(|a| cut_chars(plain(a), MAX_AUTHOR_CHARS))
            .filter(|a| !a.is_empty()),
        published,
        body,
    }
}

/// Dates before the web or more than a day ahead are treated as absent.
fn plausible(d: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    d.timestamp() >= 631_152_000 && d <= now + Duration::days(1)
}

/// Titles and names sometimes carry markup or entities: reduce them to text.
fn plain(s: &str) -> String {
    let text = if s.contains('<') || s.contains('&') {
        html::strip_tags(s)
    } else {
        s.to_owned()
    };
    let mut decoded = String::with_capacity(text.len());
    html::push_decoded(&mut decoded, &text);
    crate::text::sanitize_line(&decoded)
}

/// `feedburner:origLink` per entry, in entry order, when every entry can be
/// matched to its element.
fn original_links(raw: &[u8], entries: usize) -> Vec<Option<String>> {
    // Most feeds have none: the bytes are searched before they are read as text.
    if memchr::memmem::find(raw, b"origLink").is_none() {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(raw);
    let opener = if text.contains("<entry") { "<entry" } else { "<item" };
    let mut chunks: Vec<&str> = text.split(opener).skip(1).collect();
    chunks.retain(|c| c.starts_with(['>', ' ', '\n', '\r', '\t']));
    if chunks.len() != entries {
        return Vec::new();
    }
    chunks
        .iter()
        .map(|c| {
            let start = c.find("origLink>")? + "origLink>".len();
            let end = start + c[start..].find('<')?;
            let mut href = String::new();
            html::push_decoded(&mut href, c[start..end].trim());
            (href.starts_with("http://") || href.starts_with("https://")).then_some(href)
        })
        .collect()
}

#[cfg(test)]
mod tests {

    /// `first_items` with at most 3, and the items of what it gives.
    fn cut_to_three(doc: &str) -> Option<usize> {
        let cut = super::first_items(doc.as_bytes(), 3)?;
        Some(super::parse_once(&cut).expect("the cut document parses").entries.len())
    }

    #[test]
    fn a_feed_is_cut_at_its_items_whatever_its_content_comments_and_prefixes_hold() {
        let rss = |items: &str| {
            format!(
                "<?xml version=\"1.0\"?><!-- made by <b>X</b> --><!DOCTYPE rss [<!ENTITY e \"<item>\">]><rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>"
            )
        };
        let item = |i: usize| {
            format!(
                "<item><title>{i}</title><description><![CDATA[<item name=\"a\"/><entry/><item>]]></description><!-- <item> --></item>"
            )
        };
        assert_eq!(cut_to_three(&rss(&(0..5).map(item).collect::<String>())), Some(3));
        assert_eq!(
            cut_to_three(&rss(&(0..3).map(item).collect::<String>())),
            None,
            "no more than three"
        );
        let atom: String = (0..5)
            .map(|i| format!("<a:entry><a:id>{i}</a:id><a:title>t</a:title></a:entry>"))
            .collect();
        let atom = format!("<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\"><a:title>t</a:title>{atom}</a:feed>");
        assert_eq!(cut_to_three(&atom), Some(3));
        let rdf: String = (0..5)
            .map(|i| format!("<item rdf:about=\"u{i}\"><title>t</title><link>https://n.example/{i}</link></item>"))
            .collect();
        let rdf = format!(
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"x\"><title>t</title></channel>{rdf}</rdf:RDF>"
        );
        assert_eq!(cut_to_three(&rdf), Some(3));
        // An entry holding an element named like one: the cut falls inside
        // it, and what is open there is closed.
        let nested: String = (0..5)
            .map(|i| {
                format!("<entry><id>{i}</id><title>t</title><x:entry xmlns:x=\"urn:x\"/><content>c</content></entry>")
            })
            .collect();
        let nested = format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>{nested}</feed>");
        assert!(cut_to_three(&nested).is_some_and(|n| n <= 3));
        let json = format!(
            "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{}]}}",
            "{\"id\":\"<item>\"}".repeat(5)
        );
        assert_eq!(super::first_items(json.as_bytes(), 3), None, "JSON is not cut");
    }
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
    }

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>T &amp; Co</title>
<item><title>FTC sues &lt;b&gt;Amazon&lt;/b&gt;</title><link>http://feeds.example.com/~r/x/1</link><guid>g1</guid><pubDate>Tue, 20 Jun 2023 10:00:00 GMT</pubDate>
<description>short</description><content:encoded><![CDATA[<p>The full body.</p>]]></content:encoded><feedburner:origLink>https://example.com/ftc-amazon</feedburner:origLink></item>
<item><title>Second</title><guid>g2</guid><pubDate>Tue, 20 Jun 2099 10:00:00 GMT</pubDate><description>Only a summary</description></item>
</channel></rss>"#;

    /// Found by fuzzing: a second declaration naming an encoding, deep in
    /// the document, made quick-xml panic.
    #[test]
    fn a_second_xml_declaration_inside_the_feed_is_ignored() {
        let items: String = (0..200)
            .map(|i| {
                format!(
                    "<item><guid>{i}</guid><title>Item {i}</title><description>Text of item {i}.</description></item>\n"
                )
            })
            .collect();
        let feed = format!(
            "<?xml version=\"1.0\" encoding=\"iso-8859-1\" ?>\n<rss version=\"2.0\"><channel><title>T</title>\n{items}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{items}</channel></rss>"
        );
        let parsed = parse_feed(feed.as_bytes(), now()).unwrap();
        assert_eq!(parsed.items.len(), 400);
        // A stylesheet instruction is left alone.
        let styled = RSS.replacen("<rss", "<?xml-stylesheet href=\"s.xsl\"?><rss", 1);
        assert_eq!(parse_feed(styled.as_bytes(), now()).unwrap().items.len(), 2);
    }

    #[test]
    fn a_date_a_few_hours_ahead_is_read_as_now() {
        let ahead = RSS.replace("Tue, 20 Jun 2099 10:00:00 GMT", "Sun, 01 Nov 2026 08:00:00 GMT");
        let feed = parse_feed(ahead.as_bytes(), now()).unwrap();
        assert_eq!(feed.items[1].published, Some(now()), "not dated eight hours from now");
        assert!(feed.items[0].published.unwrap() < now());
    }

    #[test]
    fn rss_items_carry_fullest_body_and_original_link() {
        let feed = parse_feed(RSS.as_bytes(), now()).unwrap();
        assert_eq!(feed.title.as_deref(), Some("T & Co"));
        assert_eq!(feed.items.len(), 2);
        let a = &feed.items[0];
        assert_eq!(a.guid, "g1");
        assert_eq!(a.title, "FTC sues Amazon");
        assert_eq!(a.link.as_deref(), Some("http://feeds.example.com/~r/x/1"));
        assert_eq!(a.original_link.as_deref(), Some("https://example.com/ftc-amazon"));
        assert_eq!(a.body, "<p>The full body.</p>");
        assert!(a.published.is_some());
        assert_eq!(feed.items[1].body, "Only a summary");
        assert_eq!(feed.items[1].published, None, "a date in 2099 is absurd");
        assert!(feed.repairs.is_empty());
    }

    #[test]
    fn an_undated_item_takes_the_date_in_its_address_and_a_dated_one_keeps_its_own() {
        let xml = r#"<rss version="2.0"><channel><title>t</title>
            <item><title>a</title><guid>a</guid><link>https://news.example/politics/2017/05/28/trump-returns/</link></item>
            <item><title>b</title><guid>b</guid><link>https://news.example/2017/05/28/b</link><pubDate>Mon, 29 May 2017 10:00:00 GMT</pubDate></item>
            <item><title>c</title><guid>c</guid><link>https://news.example/c</link></item>
            <item><title>d</title><guid>d</guid><link>https://news.example/2099/01/01/d</link></item>
        </channel></rss>"#;
        let feed = parse_feed(xml.as_bytes(), now()).unwrap();
        let dates: Vec<Option<String>> = feed
            .items
            .iter()
            .map(|i| i.published.map(|d| d.format("%Y-%m-%d %H:%M").to_string()))
            .collect();
        assert_eq!(
            dates,
            [
                Some("2017-05-28 12:00".to_string()),
                Some("2017-05-29 10:00".to_string()),
                None,
                None
            ],
            "a date ahead of now in an address is no date"
        );
    }

    #[test]
    fn html_page_is_not_a_feed() {
        assert_eq!(
            parse_feed(b"<!DOCTYPE html><html><body>hi</body></html>", now()),
            Err(ParseError::HtmlPage)
        );
    }

    #[test]
    fn empty_body_is_reported() {
        assert_eq!(parse_feed(b"  \n ", now()), Err(ParseError::Empty));
    }

    #[test]
    fn junk_after_root_and_html_entities_are_repaired() {
        let xml = "\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>A &nbsp;&amp; B & C</title><item><title>x&uuml;</title><guid>1</guid></item></channel></rss>\n---\ntest: data";
        let feed = parse_feed(xml.as_bytes(), now()).unwrap();
        assert_eq!(feed.items[0].title, "xü");
        assert!(feed.repairs.contains(&"removed junk after the root element"));
        assert!(feed.repairs.contains(&"escaped stray '&' and HTML entities"));
    }

    #[test]
    fn a_repair_near_a_multibyte_character_does_not_panic() {
        // Invalid (so repaired), with a three-byte character straddling byte 2048.
        let mut xml = String::from("<rss version=\"2.0\"><channel><title>");
        xml.push_str(&"a".repeat(2046 - xml.len()));
        xml.push_str("中 & more</title><item><title>x</title><guid>1</guid></item></channel></rss>");
        assert!(!xml.is_char_boundary(2048));
        assert_eq!(parse_feed(xml.as_bytes(), now()).unwrap().items.len(), 1);
    }

    #[test]
    fn json_feed_with_http_version_is_accepted() {
        let json = r#"{"version": "http://jsonfeed.org/version/1", "title": "J", "items": [{"id": "1", "content_text": "x"}]}"#;
        assert_eq!(parse_feed(json.as_bytes(), now()).unwrap().items.len(), 1);
    }

    #[test]
    fn empty_media_elements_are_repaired() {
        let xml = r#"<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title><item><title>a</title><guid>1</guid><media:content url="https://i.test/x.jpg"><media:title><![CDATA[]]></media:title></media:content><media:description/></item></channel></rss>"#;
        let feed = parse_feed(xml.as_bytes(), now()).unwrap();
        assert_eq!(feed.items.len(), 1);
        assert!(feed.repairs.contains(&"removed empty media elements"));
    }

    #[test]
    fn rss_without_version_is_repaired() {
        let xml = "<rss><channel><title>t</title><item><title>a</title><guid>1</guid></item></channel></rss>";
        let feed = parse_feed(xml.as_bytes(), now()).unwrap();
        assert_eq!(feed.items.len(), 1);
    }

    #[test]
    fn markup_in_rss_text_elements_is_read_as_html() {
        // As an events feed wrote it: a title holding badly nested list
        // markup, a description of raw HTML with a stray "]]>"; the other
        // items are read as ever.
        let xml = "<rss version=\"2.0\"><channel><title>Events</title>\
            <item><title>Guide <li><em>see ffwn.org</li></em></title><guid>1</guid>\
            <description><p>Tips & <b>tricks</p></b> a]]>b</description></item>\
            <item><title>Plain &amp; simple</title><guid>2</guid><description>Fine.</description></item>\
            </channel></rss>";
        let feed = parse_feed(xml.as_bytes(), now()).unwrap();
        assert!(feed.repairs.contains(&"read markup in RSS text elements as text"));
        let titles: Vec<&str> = feed.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Guide see ffwn.org", "Plain & simple"]);
        assert!(
            feed.items[0].body.contains("<b>tricks</p></b> a]]>b"),
            "{}",
            feed.items[0].body
        );
        assert_eq!(feed.items[1].body, "Fine.");
    }

    #[test]
    fn an_rss_feed_with_an_undeclared_prefix_and_bare_attribute_values_is_read() {
        // As a static site generator wrote it (declaration mangled, after a comment).
        let xml = "<!-- arts & ego -->\n<?xml?xml version=\"1.0\" encoding=\"UTF-8\" ??>\n\
            <rss rss:version=2.0><rss:channel><rss:title>arts and ego</rss:title>\
            <rss:item><rss:title>jenni tucker</rss:title><rss:link>https://d.test/b5</rss:link>\
            <rss:guid rss:isPermaLink=true>https://d.test/b5</rss:guid>\
            <rss:pubDate>Wed, 19 jan 2026 00:00:00 GMT</rss:pubDate></rss:item></rss:channel></rss>";
        let feed = parse_feed(xml.as_bytes(), now()).unwrap();
        assert_eq!(feed.title.as_deref(), Some("arts and ego"));
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].link.as_deref(), Some("https://d.test/b5"));
        assert!(
            feed.items[0].published.is_some(),
            "the date is read despite its weekday"
        );
        assert!(feed.repairs.contains(&"dropped an undeclared rss: prefix"));
        assert!(feed.repairs.contains(&"quoted bare attribute values"));
    }

    #[test]
    fn bare_attribute_values_are_quoted_and_nothing_else_is_touched() {
        let doc = "<!-- a=b --><![CDATA[x=y]]><a href=http://x.test/y?a=b title=\"q=1 >\" c='d' e=f/>text=1</a>";
        assert_eq!(
            quote_attribute_values(doc).as_deref(),
            Some(
                "<!-- a=b --><![CDATA[x=y]]><a href=\"http://x.test/y?a=b\" title=\"q=1 >\" c='d' e=\"f\"/>text=1</a>"
            )
        );
        assert_eq!(quote_attribute_values("<a b=\"c\">d=e</a>"), None);
    }

    #[test]
    fn json_feed_markup_is_never_rewritten_as_tags() {
        let json = r#"{"version": "http://jsonfeed.org/version/1", "title": "J", "items": [{"id": "1", "content_html": "<a href=\"https://x.test/\">x</a>"}]}"#;
        assert_eq!(quote_attribute_values(json), None);
        let feed = parse_feed(json.as_bytes(), now()).unwrap();
        assert_eq!(feed.items[0].body, "<a href=\"https://x.test/\">x</a>");
    }

    #[test]
    fn a_declared_rss_prefix_is_kept() {
        let xml = "<rss xmlns:rss=\"http://purl.org/rss/1.0/\" version=\"2.0\"><rss:channel/></rss>";
        assert_eq!(strip_unbound_rss_prefix(xml), None);
    }

    #[test]
    fn a_cut_off_json_feed_keeps_its_complete_items() {
        // Cut inside the third item; its version would have come last.
        let json = r#"{"title": "J", "items": [{"id": "1", "content_text": "one"}, {"id": "2", "content_text": "a \"}]\" in it"}, {"id": "3", "content_text": "thr"#;
        let feed = parse_feed(json.as_bytes(), now()).unwrap();
        assert!(feed.was_cut_off());
        let ids: Vec<&str> = feed.items.iter().map(|i| i.guid.as_str()).collect();
        assert_eq!(ids, ["1", "2"]);
    }

    #[test]
    fn a_cut_off_xml_feed_keeps_its_complete_items() {
        let xml = "<rss version=\"2.0\"><channel><title>t</title><!-- </item> -->\
            <item><title>a</title><guid>1</guid></item><item><title>b</title><guid>2</guid><br/></item>\
            <item><title>c</tit";
        let feed = parse_feed(xml.as_bytes(), now()).unwrap();
        assert!(feed.was_cut_off());
        let ids: Vec<&str> = feed.items.iter().map(|i| i.guid.as_str()).collect();
        assert_eq!(ids, ["1", "2"]);
    }

    #[test]
    fn a_cut_off_feed_with_no_complete_item_still_fails() {
        let xml = "<rss version=\"2.0\"><channel><title>t</title><!-- proxy error --><item><title>a</ti";
        assert!(parse_feed(xml.as_bytes(), now()).is_err());
        assert!(parse_feed(br#"{"title": "J", "items": [{"id": "1", "content_te"#, now()).is_err());
    }

    #[test]
    fn a_whole_feed_is_never_cut() {
        assert_eq!(complete_json_items(r#"{"items": [{"id": "1"}]}"#), None);
        assert_eq!(complete_xml_items("<rss><channel><item></item></channel></rss>"), None);
    }

    #[test]
    fn unclosed_text_elements_are_left_as_they_are() {
        let xml = format!("<rss><channel>{}", "<title>open <b>".repeat(3));
        assert_eq!(wrap_markup_in_text_elements(&xml), None);
        assert_eq!(
            complete_xml_items(&format!("<rss>{}<item></item>", "<a>".repeat(100))),
            None
        );
    }

    #[test]
    fn atom_text_is_never_wrapped() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div>x</div></title></feed>"#;
        assert_eq!(wrap_markup_in_text_elements(atom), None);
    }

    #[test]
    fn the_root_element_is_found_past_declarations_comments_and_doctype() {
        let doc = "<?xml version=\"1.0\"?>\n<!-- not <rss> -->\n<!DOCTYPE rdf>\n<rdf:RDF xmlns=\"x\"><item/></rdf:RDF>";
        assert_eq!(root_element(doc), Some("rdf:RDF"));
        assert_eq!(root_element("<feed>"), Some("feed"));
        assert_eq!(root_element("no markup at all"), None);
    }

    #[test]
    fn latin1_without_declaration_is_read() {
        let mut xml = b"<rss version=\"2.0\"><channel><title>S".to_vec();
        xml.push(0xE3);
        xml.extend_from_slice(b"o Paulo</title><item><title>a</title><guid>1</guid></item></channel></rss>");
        let feed = parse_feed(&xml, now()).unwrap();
        assert_eq!(feed.title.as_deref(), Some("São Paulo"));
    }

    #[test]
    fn json_feed_parses() {
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://j.test/1","title":"Hi","content_html":"<p>Body</p>"}]}"#;
        let feed = parse_feed(json.as_bytes(), now()).unwrap();
        assert_eq!(feed.items[0].link.as_deref(), Some("https://j.test/1"));
        assert_eq!(feed.items[0].body, "<p>Body</p>");
    }
}
