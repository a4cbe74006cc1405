//! Feed lists in and out: OPML 1.0/2.0 and newsboat's `urls` file.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::text::html::push_decoded;

/// A feed named in an imported list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFeed {
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ListError {
    #[error("malformed OPML: {0}")]
    Opml(String),
    #[error("no feed addresses found (expected OPML or a newsboat urls file)")]
    Empty,
}

/// Reads OPML or a newsboat `urls` file, told apart by the content.
pub fn parse_feed_list(text: &str) -> Result<Vec<ListedFeed>, ListError> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let feeds = if head.starts_with('<') {
        parse_opml(head)?
    } else {
        parse_newsboat(head)
    };
    if feeds.is_empty() {
        return Err(ListError::Empty);
    }
    Ok(feeds)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref().eq_ignore_ascii_case(name))
        .map(|a| {
            let mut s = String::new();
            push_decoded(&mut s, &a.value);
            crate::text::sanitize_line(&s)
        })
}

fn parse_opml(text: &str) -> Result<Vec<ListedFeed>, ListError> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    // Titles of enclosing folder outlines become tags.
    let mut folders: Vec<Option<String>> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ListError::Opml(crate::text::sanitize_line(&e.to_string())))?;
        let (e, is_start) = match event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                folders.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if !e.local_name().as_ref().eq_ignore_ascii_case("outline") {
            continue;
        }
        // Every feed outline is listed, whatever its address: the import
        // says which it could not use.
        if let Some(url) = attr(&e, "xmlUrl")
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty())
        {
            let mut tags: Vec<String> = folders.iter().flatten().cloned().collect();
            // Categories are a comma-separated list of paths ("/Tech/Law"):
            // a path is one tag, as `export` writes a tag with a slash.
            if let Some(cats) = attr(&e, "category") {
                tags.extend(
                    cats.split(',')
                        .map(|c| c.trim().trim_matches('/').trim())
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned),
                );
            }
            let title = attr(&e, "title").or_else(|| attr(&e, "text")).filter(|t| !t.is_empty());
            out.push(ListedFeed { url, title, tags });
            if is_start {
                folders.push(None);
            }
        } else if is_start {
            folders.push(attr(&e, "text").or_else(|| attr(&e, "title")).filter(|t| !t.is_empty()));
        }
    }
    Ok(out)
}

/// `URL tag1 "tag two" "~Title"` per line; `#` comments; query, exec and
/// filter feeds are skipped (feed data never reaches a shell).
fn parse_newsboat(text: &str) -> Vec<ListedFeed> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words = split_words(line);
        let Some((url, rest)) = words.split_first() else {
            continue;
        };
        // `query:`, `exec:` and `filter:` lines are not feeds.
        let web = |scheme: &str| url.get(..scheme.len()).is_some_and(|p| p.eq_ignore_ascii_case(scheme));
        if !(web("http://") || web("https://")) {
            continue;
        }
        let mut feed = ListedFeed {
            url: url.clone(),
            title: None,
            tags: Vec::new(),
        };
        for w in rest {
            if let Some(title) = w.strip_prefix('~') {
                feed.title = Some(crate::text::sanitize_line(title));
            } else if !w.starts_with('!') && !w.is_empty() {
                feed.tags.push(crate::text::sanitize_line(w));
            }
        }
        out.push(feed);
    }
    out
}

fn split_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => {
                if let Some(n) = chars.next() {
                    word.push(n);
                }
            }
            '#' if !quoted && word.is_empty() => break,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// An OPML 2.0 document listing `feeds`.
pub fn to_opml(feeds: &[ListedFeed]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>counterpoint feeds</title>\n  </head>\n  <body>\n",
    );
    for f in feeds {
        let title = escape(f.title.as_deref().unwrap_or(&f.url));
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{title}\" title=\"{title}\" xmlUrl=\"{}\"",
            escape(&f.url)
        ));
        if !f.tags.is_empty() {
            out.push_str(&format!(" category=\"{}\"", escape(&f.tags.join(","))));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsboat_urls_with_tags_and_title() {
        let text = "# my feeds\nhttps://a.test/feed policy \"tech law\" \"~A &amp; B\"\n\"query:unread:unread = \\\"yes\\\"\"\nexec:~/bin/evil\nhttp://b.test/rss !hidden\n";
        let feeds = parse_feed_list(text).unwrap();
        assert_eq!(
            feeds,
            vec![
                ListedFeed {
                    url: "https://a.test/feed".into(),
                    title: Some("A &amp; B".into()),
                    tags: vec!["policy".into(), "tech law".into()]
                },
                ListedFeed {
                    url: "http://b.test/rss".into(),
                    title: None,
                    tags: vec![]
                },
            ]
        );
    }

    #[test]
    fn opml_folders_become_tags() {
        let text = r#"<?xml version="1.0"?><opml version="1.0"><body>
<outline text="Policy"><outline text="EFF" xmlUrl="https://eff.test/rss" type="rss"/>
<outline title="T&amp;D" xmlUrl="https://td.test/feed" category="law,speech"></outline></outline>
<outline text="Loose" xmlUrl="https://loose.test/atom"/></body></opml>"#;
        let feeds = parse_feed_list(text).unwrap();
        assert_eq!(feeds.len(), 3);
        assert_eq!(feeds[0].tags, vec!["Policy"]);
        assert_eq!(feeds[1].title.as_deref(), Some("T&D"));
        assert_eq!(feeds[1].tags, vec!["Policy", "law", "speech"]);
        assert!(feeds[2].tags.is_empty());
    }

    #[test]
    fn export_round_trips() {
        let feeds = vec![ListedFeed {
            url: "https://a.test/?a=1&b=2".into(),
            title: Some("A \"quoted\" <x>".into()),
            tags: vec!["t".into()],
        }];
        assert_eq!(parse_feed_list(&to_opml(&feeds)).unwrap(), feeds);
    }

    #[test]
    fn nothing_usable_is_an_error() {
        assert_eq!(parse_feed_list("just words\n"), Err(ListError::Empty));
    }
}
