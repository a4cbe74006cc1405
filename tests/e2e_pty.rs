//! The real binary in a pseudo-terminal: navigate, filter by company, follow
//! a story, quit; the follow is saved and the terminal is left as it was.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use counterpoint::commands::article_parts;
use counterpoint::extract::Extractor;
use counterpoint::ingest::prepare;
use counterpoint::model::FeedItem;
use counterpoint::store::Store;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

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

/// What the terminal shows, as a vt100 emulator renders the bytes.
struct Screen {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    fn text(&self) -> String {
        let mut parser = vt100::Parser::new(24, 80, 0);
        parser.process(&self.bytes.lock().unwrap());
        parser.screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {needle:?}; the screen had:\n{}", self.text());
    }
}

#[test]
fn navigate_filter_follow_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = fixture(dir.path());
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_counterpoint"));
    cmd.arg("--db");
    cmd.arg(&db);
    cmd.arg("--config");
    cmd.arg(&config);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", dir.path());
    cmd.env("XDG_STATE_HOME", dir.path().join("state"));
    cmd.env_remove("NO_COLOR");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let sink = bytes.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let screen = Screen { bytes };
    let mut send = |keys: &str| {
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(250));
    };

    screen.wait_for("counterpoint · 2 stories");
    screen.wait_for("Did Facebook Grant Netflix Access To DMs?");
    send("j");
    send("k");
    send("c");
    screen.wait_for("company — type to narrow");
    send("meta");
    send("\r");
    screen.wait_for("company: Meta");
    send("f");
    screen.wait_for("following this story");
    send("\r");
    screen.wait_for("ALLEGATIONS");
    send("q");

    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "the reader did not quit");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");

    // The follow was saved.
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.query_scalar("SELECT COUNT(*) FROM follows"), 1);
    let followed = store.query_scalar("SELECT story_id FROM follows");
    let seed_story =
        store.query_scalar("SELECT story_id FROM articles WHERE link = 'https://news.example.com/netflix-dms'");
    assert_eq!(followed, seed_story);

    // The terminal was handed back: alternate screen left, cursor shown,
    // mouse reporting off, and the line discipline back in cooked mode.
    let raw = String::from_utf8_lossy(&screen.bytes.lock().unwrap()).to_string();
    let tail = &raw[raw.rfind("\x1b[?1049h").unwrap_or(0)..];
    assert!(tail.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(tail.contains("\x1b[?25h"), "cursor not shown again");
    assert!(tail.contains("\x1b[?1000l"), "mouse capture not disabled");
    if let Some(termios) = pair.master.get_termios() {
        use nix::sys::termios::LocalFlags;
        assert!(termios.local_flags.contains(LocalFlags::ICANON), "still in raw mode");
        assert!(termios.local_flags.contains(LocalFlags::ECHO), "echo not restored");
    }
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
