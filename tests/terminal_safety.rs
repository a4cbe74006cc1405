//! Feed data never drives the terminal: titles, authors and bodies carrying
//! OSC 52 (clipboard), OSC 8 (links), OSC 0/2 (window title) and CSI 2J are
//! shown as plain text in a real terminal session.

mod common;

use common::pty::Pty;
use common::{Reply, TestServer};

const OSC52: &str = "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}";
const OSC8: &str = "\u{1b}]8;;https://evil.example/\u{1b}\\";
const OSC0: &str = "\u{1b}]0;PWNED-TITLE\u{7}";
const OSC2: &str = "\u{1b}]2;PWNED-TITLE\u{1b}\\";
const CSI: &str = "\u{1b}[2J\u{1b}[31mRED";

fn hostile_feed() -> String {
    let title = format!("Regulators fine Meta{OSC52} over {OSC8}data{OSC0} transfers{CSI}");
    let body = format!(
        "<p>The Irish regulator fined Meta{OSC2} on Monday, saying it violated the GDPR{CSI}.</p><p>Meta said it would appeal{OSC52}.</p>"
    );
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": format!("Evil feed{OSC0}"),
        "items": [{
            "id": "1",
            "url": "https://news.example.com/meta-fine",
            "title": title,
            "authors": [{"name": format!("Mallory{OSC8}{CSI}")}],
            "content_html": body,
            "date_published": "2024-05-22T10:00:00Z"
        }]
    })
    .to_string()
}

#[test]
fn escape_sequences_in_feed_data_never_reach_the_terminal() {
    let server = TestServer::start();
    server.fixed("/feed.json", Reply::ok(hostile_feed()));
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        format!(
            "[settings]\ninclude_default_feeds = false\n\n[[feed]]\nurl = \"{}\"\n",
            server.url("/feed.json")
        ),
    )
    .unwrap();
    let db = dir.path().join("s.db");
    let args = ["--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()];
    let mut term = Pty::spawn(&args, dir.path(), 100, 30);
    term.wait_for("Regulators fine Meta");
    term.send("\r");
    term.wait_for("ALLEGATIONS");
    term.send("\t");
    term.send("\r");
    term.wait_for("Irish regulator fined Meta");
    term.send("q");
    assert!(term.wait_exit());

    let raw = term.raw();
    let text = String::from_utf8_lossy(&raw);
    for (name, seq) in [
        ("OSC 52", "\u{1b}]52;"),
        ("OSC 8", "\u{1b}]8;"),
        ("OSC 2", "\u{1b}]2;"),
        ("injected OSC 0", "\u{1b}]0;PWNED"),
    ] {
        assert!(!text.contains(seq), "{name} reached the terminal");
    }
    assert!(
        !text.contains("\u{1b}[2J\u{1b}[31mRED"),
        "the injected CSI reached the terminal"
    );
    assert!(!text.contains("PWNED"), "the injected window title text was written");
    // The only window title ever set is our own.
    let titles: Vec<&str> = text
        .match_indices("\u{1b}]0;")
        .map(|(i, _)| &text[i + 4..(i + 40).min(text.len())])
        .collect();
    assert!(titles.iter().all(|t| t.starts_with("counterpoint")), "{titles:?}");
}
