//! The real binary in a pseudo-terminal: navigate, filter by company, follow
//! a story, quit; the follow is saved and the terminal is left as it was.

mod common;

use common::pty::Pty;

use std::path::Path;

use counterpoint::commands::article_parts;
use counterpoint::extract::Extractor;
use counterpoint::ingest::prepare;
use counterpoint::model::FeedItem;
use counterpoint::store::Store;

/// A store with the seed story and one unrelated story, and a config with no
/// built-in feeds (nothing to fetch).
fn fixture(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let db = dir.join("store.db");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        "[settings]\ninclude_default_feeds = false\npoll_interval = \"1d\"\n",
    )
    .unwrap();
    let mut store = Store::open(&db).unwrap();
    let feed = store
        .add_feed("http://127.0.0.1:9/feed", Some("Fixture News"), &[])
        .unwrap();
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/netflix-facebook-dms.txt"),
    )
    .unwrap();
    let (title, body) = article_parts(&seed);
    let items = vec![
        FeedItem {
            guid: "seed".into(),
            link: Some("https://news.example.com/netflix-dms".into()),
            title,
            body,
            ..Default::default()
        },
        FeedItem {
            guid: "other".into(),
            link: Some("https://news.example.com/fridge".into()),
            title: "A fridge that orders its own milk".into(),
            body: "<p>The Example Fridge orders milk when you run out. It costs too much.</p>".into(),
            ..Default::default()
        },
    ];
    let items: Vec<_> = items.into_iter().map(|i| prepare(i, Extractor::builtin())).collect();
    store.insert_batch(feed, "Fixture News", &items, 1_700_000_000).unwrap();
    (db, config)
}

#[test]
fn navigate_filter_follow_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = fixture(dir.path());
    let args = ["--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()];
    let mut term = Pty::spawn(&args, dir.path(), 80, 24);
    term.wait_for("counterpoint · 2 stories");
    term.wait_for("Did Facebook Grant Netflix Access To DMs?");
    term.send("j");
    term.send("k");
    term.send("c");
    term.wait_for("company — type to narrow");
    term.send("meta");
    term.send("\r");
    term.wait_for("company: Meta");
    term.send("f");
    term.wait_for("following this story");
    term.send("\r");
    term.wait_for("ALLEGATIONS");
    term.send("q");
    assert!(term.wait_exit(), "the reader exited with an error");

    // The follow was saved.
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.query_scalar("SELECT COUNT(*) FROM follows"), 1);
    let followed = store.query_scalar("SELECT story_id FROM follows");
    let seed_story =
        store.query_scalar("SELECT story_id FROM articles WHERE link = 'https://news.example.com/netflix-dms'");
    assert_eq!(followed, seed_story);

    // The terminal was handed back: alternate screen left, cursor shown,
    // mouse reporting off, and the line discipline back in cooked mode.
    let raw = String::from_utf8_lossy(&term.raw()).to_string();
    let tail = &raw[raw.rfind("\x1b[?1049h").unwrap_or(0)..];
    assert!(tail.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(tail.contains("\x1b[?25h"), "cursor not shown again");
    assert!(tail.contains("\x1b[?1000l"), "mouse capture not disabled");
    assert_ne!(term.cooked(), Some(false), "the terminal was left in raw mode");
}

#[test]
fn the_reader_refuses_to_draw_when_stdout_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = fixture(dir.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .arg("--db")
        .arg(&db)
        .arg("--config")
        .arg(&config)
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
    assert!(out.stdout.is_empty(), "nothing drawn");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let (db, config) = fixture(dir.path());
        let args = ["--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()];
        let mut term = Pty::spawn(&args, dir.path(), 80, 24);
        term.wait_for("counterpoint · 2 stories");
        let pid = term.pid().expect("the reader's process id");
        let status = std::process::Command::new("kill")
            .arg(signal)
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(status.success());
        term.wait_exit();
        let raw = String::from_utf8_lossy(&term.raw()).to_string();
        let tail = &raw[raw.rfind("\u{1b}[?1049h").unwrap_or(0)..];
        assert!(tail.contains("\u{1b}[?1049l"), "{signal}: alternate screen not left");
        assert!(tail.contains("\u{1b}[?25h"), "{signal}: cursor not shown");
        assert_ne!(term.cooked(), Some(false), "{signal}: left in raw mode");
    }
}
