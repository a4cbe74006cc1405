//! Hostile feeds, pages and servers: each case ends in a clear per-feed
//! error or a lenient parse, never a panic, a hang or unbounded memory.

mod common;

use std::time::Duration;

use chrono::Utc;
use common::{Reply, TestServer, gzip};
use counterpoint::config::Config;
use counterpoint::extract::Extractor;
use counterpoint::feed::parse_feed;
use counterpoint::ingest::{Poller, prepare_feed};
use counterpoint::store::writer::{Schedule, Writer};
use counterpoint::store::{Store, unix_now};
use counterpoint::text::html::html_to_text;

/// Runs `f` on a thread and fails the test if it has not finished in a
/// minute: a hang detector for hostile input, not a timing assertion.
fn finishes<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    rx.recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{what}: did not finish (hang or crash)"))
}

fn feed_outcome(what: &'static str, bytes: Vec<u8>) -> Result<usize, String> {
    finishes(what, move || {
        prepare_feed(&bytes, Extractor::builtin())
            .map(|(_, items)| items.len())
            .map_err(|e| e.to_string())
    })
}

fn rss_with(channel_extra: &str, items: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>{channel_extra}{items}</channel></rss>"
    )
    .into_bytes()
}

#[test]
fn entity_expansion_and_external_entities_are_not_followed() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>1</guid></item></channel></rss>"#;
    match feed_outcome("billion laughs", laughs.as_bytes().to_vec()) {
        Ok(_) => {
            let parsed = parse_feed(laughs.as_bytes(), Utc::now()).unwrap();
            assert!(
                parsed.items.iter().all(|i| i.title.len() < 1000),
                "an entity was expanded"
            );
        }
        Err(e) => assert!(!e.is_empty()),
    }
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]><rss version="2.0"><channel><title>t</title><item><title>&xxe;&net;</title><description>&xxe;</description><guid>1</guid></item></channel></rss>"#;
    if let Ok(parsed) = parse_feed(xxe.as_bytes(), Utc::now()) {
        for i in parsed.items {
            assert!(
                !i.title.contains("root:") && !i.body.contains("root:"),
                "a file was read"
            );
        }
    }
}

#[test]
fn huge_attribute_lists_and_namespace_floods_are_bounded() {
    let attrs: String = (0..50_000).map(|i| format!(" a{i}=\"v\"")).collect();
    let wide = rss_with("", &format!("<item{attrs}><title>x</title><guid>1</guid></item>"));
    assert_eq!(feed_outcome("50k attributes", wide), Ok(1));
    let ns: String = (0..100_000).map(|i| format!(" xmlns:n{i}=\"urn:x:{i}\"")).collect();
    let flood = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"{ns}><channel><title>t</title><item><title>x</title><guid>1</guid></item><item><title>y</title><guid>2</guid></item></channel></rss>"
    );
    // quick-xml refuses more than 128 namespace bindings in scope, so the root is never read.
    assert_eq!(
        feed_outcome("100k xmlns", flood.into_bytes()),
        Err("not a feed: no RSS, Atom or JSON Feed root element".into())
    );
}

#[test]
fn a_feed_of_countless_items_is_read_to_its_first_two_thousand_and_empty_items_are_left_out() {
    use counterpoint::feed::parse::MAX_ITEMS;
    let items: String = (0..100_000)
        .map(|i| format!("<item><title>Item {i}</title><guid>{i}</guid></item>"))
        .collect();
    let parsed = finishes("100k RSS items", move || {
        parse_feed(&rss_with("", &items), Utc::now()).unwrap()
    });
    assert_eq!(parsed.items.len(), MAX_ITEMS);
    assert_eq!(
        (parsed.items[0].guid.as_str(), parsed.items[MAX_ITEMS - 1].guid.as_str()),
        ("0", "1999")
    );
    // Prefixed Atom entries and RSS 1.0 items, siblings of the channel, are
    // cut as well, into documents that parse.
    let entries: String = (0..5_000)
        .map(|i| format!("<atom:entry><atom:id>e{i}</atom:id><atom:title>Entry {i}</atom:title></atom:entry>"))
        .collect();
    let rdf: String = (0..3_000)
        .map(|i| format!("<item rdf:about=\"https://n.example/{i}\"><title>R {i}</title><link>https://n.example/{i}</link></item>"))
        .collect();
    for (what, doc) in [
        (
            "5k prefixed Atom entries",
            format!(
                "<?xml version=\"1.0\"?><atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\"><atom:title>t</atom:title>{entries}</atom:feed>"
            ),
        ),
        (
            "3k RSS 1.0 items",
            format!(
                "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"x\"><title>t</title></channel>{rdf}</rdf:RDF>"
            ),
        ),
    ] {
        let parsed = finishes(what, move || parse_feed(doc.as_bytes(), Utc::now()).unwrap());
        assert_eq!(parsed.items.len(), MAX_ITEMS, "{what}");
    }
    let empty = rss_with(
        "",
        "<item><guid>1</guid></item><item><guid>2</guid><title>Kept</title></item>",
    );
    let parsed = parse_feed(&empty, Utc::now()).unwrap();
    assert_eq!(parsed.items.iter().map(|i| i.guid.as_str()).collect::<Vec<_>>(), ["2"]);
}

#[test]
fn titles_names_links_and_ids_of_any_length_are_bounded() {
    use counterpoint::feed::parse::{MAX_AUTHOR_CHARS, MAX_GUID_BYTES, MAX_TITLE_CHARS};
    let long = "Meta ".repeat(200_000);
    let item = |guid: &str| {
        format!(
            "<item><title>{long}</title><author>x@example.com ({long})</author><guid>{guid}</guid><link>https://n.example/{}</link><description>Body.</description></item>",
            "a".repeat(2_000_000)
        )
    };
    let (one, two) = (format!("{}1", "g".repeat(10_000)), format!("{}2", "g".repeat(10_000)));
    let feed = rss_with("", &format!("{}{}", item(&one), item(&two)));
    let channel_title = format!("<title>{long}</title>");
    let feed = String::from_utf8(feed)
        .unwrap()
        .replacen("<title>t</title>", &channel_title, 1);
    let parsed = finishes("megabyte fields", move || {
        parse_feed(feed.as_bytes(), Utc::now()).unwrap()
    });
    let first = &parsed.items[0];
    assert!((MAX_TITLE_CHARS - 5..=MAX_TITLE_CHARS + 1).contains(&first.title.chars().count()));
    assert!(first.title.starts_with("Meta Meta") && first.title.ends_with('…'));
    assert!(first.author.as_ref().unwrap().chars().count() <= MAX_AUTHOR_CHARS + 1);
    assert_eq!(first.link, None, "a link of megabytes is no link");
    assert!(first.guid.len() <= MAX_GUID_BYTES);
    assert_ne!(first.guid, parsed.items[1].guid, "two long ids stay two");
    assert!(parsed.title.unwrap().chars().count() <= MAX_TITLE_CHARS + 1);
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    let deep = format!("{}{}", "<x>".repeat(100_000), "</x>".repeat(100_000));
    let r = feed_outcome(
        "100k nested elements",
        rss_with("", &format!("<item><title>t</title><guid>1</guid>{deep}</item>")),
    );
    assert!(r.is_err() || r == Ok(1), "{r:?}");
    let atom = format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><id>1</id><title>x</title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">{}deep{}</div></content></entry></feed>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let r = feed_outcome("Atom XHTML nested 100k deep", atom.into_bytes());
    assert!(r.is_err() || r == Ok(1), "{r:?}");
    let json = format!(
        "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"j\",\"items\":[{{\"id\":\"1\",\"title\":\"t\",\"x\":{}1{}}}]}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let r = feed_outcome("JSON nested 10k deep", json.into_bytes());
    assert!(r.is_err() || r == Ok(1), "{r:?}");
}

#[test]
fn truncated_and_empty_and_wrong_documents_fail_clearly() {
    let whole = rss_with(
        "",
        "<item><title>Caf\u{e9} \u{1f600}</title><guid>1</guid></item><item><title>b</title><guid>2</guid></item>",
    );
    let half = whole[..whole.len() / 2].to_vec();
    let cut_at = whole.windows(4).position(|w| w == "\u{1f600}".as_bytes()).unwrap() + 2;
    let mid_utf8 = whole[..cut_at].to_vec();
    // Both end inside the first item's title: no item is whole.
    for (what, bytes) in [("cut in half", half), ("cut inside a character", mid_utf8)] {
        let r = feed_outcome(what, bytes);
        assert!(
            r.as_ref().is_err_and(|e| e.starts_with("malformed feed: ")),
            "{what}: {r:?}"
        );
    }
    assert_eq!(feed_outcome("empty", Vec::new()), Err("the response is empty".into()));
    for (what, page) in [
        ("html page", "<!doctype html><html><body><p>Hi</p></body></html>"),
        ("html head", "<!DOCTYPE html><html><head></head></html>"),
    ] {
        assert_eq!(
            feed_outcome(what, page.as_bytes().to_vec()),
            Err("not a feed: the server sent an HTML page".into()),
            "{what}"
        );
    }
}

#[test]
fn odd_encodings_and_control_characters_parse_leniently() {
    // UTF-16 with a byte-order mark.
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>t</title><item><title>Zoë</title><guid>1</guid></item></channel></rss>";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(feed_outcome("UTF-16", utf16), Ok(1));
    // Declared Latin-1, actually UTF-8: readable, if not perfect.
    let wrong = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>t</title><item><title>Zoë</title><guid>1</guid></item></channel></rss>";
    assert_eq!(feed_outcome("wrong charset", wrong.as_bytes().to_vec()), Ok(1));
    // Invalid UTF-8, NUL and U+001C inside text.
    let mut bad = b"<rss version=\"2.0\"><channel><title>t</title><item><title>a\xff\xfe b</title><guid>1</guid><description>x\x00y\x1cz</description></item></channel></rss>".to_vec();
    bad.extend_from_slice(b"\n");
    assert_eq!(feed_outcome("invalid bytes", bad), Ok(1));
}

#[test]
fn missing_fields_duplicate_ids_and_absurd_dates_are_tolerated() {
    let items = "<item><description>no title, no link, no guid, no date</description></item>\
        <item><title>dup</title><guid>same</guid><link>https://x.test/1</link></item>\
        <item><title>dup again</title><guid>same</guid><link>https://x.test/2</link></item>\
        <item><title>far future</title><guid>f</guid><pubDate>Fri, 01 Jan 9999 00:00:00 GMT</pubDate></item>\
        <item><title>ancient</title><guid>a</guid><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate></item>\
        <item><title>garbage date</title><guid>g</guid><pubDate>yesterday-ish</pubDate></item>";
    let bytes = rss_with("", items);
    let (parsed, prepared) = prepare_feed(&bytes, Extractor::builtin()).unwrap();
    assert_eq!(prepared.len(), 6);
    assert!(parsed.items.iter().all(|i| {
        i.published
            .is_none_or(|d| d.timestamp() > 0 && d <= Utc::now() + chrono::Duration::days(2))
    }));
    let mut store = Store::open_in_memory().unwrap();
    let feed = store.add_feed("https://x.test/rss", None, &[]).unwrap();
    let r = store.insert_batch(feed, "x", &prepared, unix_now()).unwrap();
    assert!(r.new_articles >= 4, "{r:?}");
    // Ever-changing GUIDs for the same link do not multiply articles.
    for round in 0..5 {
        let changing = rss_with(
            "",
            &format!("<item><title>same story</title><guid>rand-{round}</guid><link>https://x.test/same</link></item>"),
        );
        let (_, p) = prepare_feed(&changing, Extractor::builtin()).unwrap();
        store.insert_batch(feed, "x", &p, unix_now()).unwrap();
    }
    assert_eq!(
        store.query_scalar("SELECT COUNT(*) FROM articles WHERE canonical_url = 'x.test/same'"),
        1
    );
    assert_eq!(store.query_scalar("SELECT COUNT(*) FROM sources s JOIN articles a ON a.id = s.article_id WHERE a.canonical_url = 'x.test/same'"), 1);
}

#[test]
fn hostile_html_renders_in_bounded_time() {
    let cases = [
        (
            "rowspan 0",
            "<table><tr><td rowspan=\"0\">a</td><td>b</td></tr><tr><td>c</td></tr></table>".to_string(),
        ),
        (
            "rowspan 00",
            "<table><tr><td rowspan=\"00\">a</td></tr><tr><td>c</td></tr></table>".to_string(),
        ),
        (
            "colspan 0",
            "<table><tr><td colspan=\"0\">a</td><td>b</td></tr></table>".to_string(),
        ),
        (
            "rowspan past the end",
            "<table><tr><td rowspan=\"65534\">a</td></tr></table>".to_string(),
        ),
        (
            "huge colspan",
            "<table><tr><td colspan=\"1000000\">a</td></tr></table>".to_string(),
        ),
        (
            "10k deep",
            format!("{}deep{}", "<div><span>".repeat(5_000), "</span></div>".repeat(5_000)),
        ),
        ("5 MB line", format!("<p>{}</p>", "word ".repeat(1_000_000))),
        ("unclosed tags", "<p><b><i><u>".repeat(20_000)),
        (
            "100k table cells",
            format!("<table>{}</table>", "<tr><td>cell</td><TH>x</TH></tr>".repeat(50_000)),
        ),
    ];
    for (what, html) in cases {
        let text = finishes(what, move || html_to_text(&html));
        assert!(text.len() < 6_000_000, "{what}");
    }
}

fn poll_one(server: &TestServer, path: &str, max_body: u64) -> (counterpoint::ingest::PollProgress, Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut store = Store::open(&db).unwrap();
    store.add_feed(&server.url(path), None, &[]).unwrap();
    let mut settings = Config::builtin().settings;
    settings.max_body_bytes = max_body;
    settings.total_timeout = Duration::from_secs(20);
    let (writer, _t) = Writer::spawn(
        store,
        Schedule {
            interval: settings.poll_interval,
            max_backoff: settings.max_backoff,
        },
    );
    let poller = Poller::new(settings, writer, Extractor::builtin()).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let p = runtime.block_on(async {
        let feeds = Store::open_read_only(&db).unwrap().due_feeds(unix_now(), true).unwrap();
        poller.poll(feeds).await
    });
    let error = Store::open_read_only(&db).unwrap().feed_list().unwrap()[0]
        .last_error
        .clone();
    (p, error)
}

#[test]
fn a_2_gb_body_and_a_gzip_bomb_stop_at_the_cap() {
    let server = TestServer::start();
    server.fixed(
        "/huge",
        Reply::Stream {
            total: 2 * 1024 * 1024 * 1024,
            byte: b'x',
        },
    );
    let zeros = vec![0u8; 256 * 1024 * 1024];
    let bomb = gzip(&zeros);
    drop(zeros);
    assert!(bomb.len() < 1024 * 1024, "{} bytes compressed", bomb.len());
    server.fixed("/bomb", Reply::ok(bomb).with_header("Content-Encoding", "gzip"));
    for path in ["/huge", "/bomb"] {
        let (p, error) = poll_one(&server, path, 10 * 1024 * 1024);
        assert_eq!(p.failed, 1, "{path}");
        assert!(error.unwrap().contains("larger than the 10485760-byte limit"), "{path}");
    }
}
