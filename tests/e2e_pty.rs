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
    assert_eq!(term.cooked(), Some(true), "the terminal was left in raw mode");
}

#[test]
fn the_reader_polls_its_feeds_at_start_and_shows_what_the_poll_brought() {
    let server = common::TestServer::start();
    server.fixed(
        "/feed.xml",
        common::Reply::ok(common::rss(&[(
            "g1",
            "https://news.example.com/fined",
            "Regulator fines Example Corp over tracking",
        )])),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[settings]\ninclude_default_feeds = false\n\n[[feed]]\nurl = \"{}\"\n",
            server.url("/feed.xml")
        ),
    )
    .unwrap();
    let args = ["--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()];
    let mut term = Pty::spawn(&args, dir.path(), 100, 24);
    term.wait_for("counterpoint ·");
    term.wait_for("Regulator fines Example Corp over tracking");
    term.wait_for("updated ");
    assert_eq!(server.requests_to("/feed.xml").len(), 1, "one poll at start");
    term.send("q");
    assert!(term.wait_exit(), "the reader exited with an error");

    // Started again at once, with nothing due: the last poll's time stays.
    let mut term = Pty::spawn(&args, dir.path(), 100, 24);
    term.wait_for("Regulator fines Example Corp over tracking");
    term.wait_for("updated ");
    // Long enough for the start's check for due feeds to have answered.
    std::thread::sleep(std::time::Duration::from_secs(2));
    let screen = term.screen();
    assert!(
        screen.contains("updated ") && !screen.contains("no feed due"),
        "{screen}"
    );
    assert_eq!(server.requests_to("/feed.xml").len(), 1, "nothing was due");
    term.send("q");
    assert!(term.wait_exit(), "the reader exited with an error");
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
        // SIGHUP is the terminal going away: the reader leaves with 129,
        // as a shell reports a hang-up; SIGTERM is a plain end.
        assert_eq!(term.wait_exit(), signal == "-TERM", "{signal}: how the reader exited");
        let raw = String::from_utf8_lossy(&term.raw()).to_string();
        let tail = &raw[raw.rfind("\u{1b}[?1049h").unwrap_or(0)..];
        assert!(tail.contains("\u{1b}[?1049l"), "{signal}: alternate screen not left");
        assert!(tail.contains("\u{1b}[?25h"), "{signal}: cursor not shown");
        assert_eq!(term.cooked(), Some(true), "{signal}: left in raw mode");
    }
}

/// A terminal that goes away without a signal (its window closed while the
/// reader is not the session leader): the reader leaves instead of spinning
/// on the dead terminal, and says why in its log.
#[test]
fn a_terminal_that_hangs_up_makes_the_reader_leave() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let (db, config) = fixture(dir.path());
    let size = nix::pty::Winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = nix::pty::openpty(Some(&size), None).unwrap();
    // openpty's descriptors are inherited across exec: the child must not
    // hold the master side open, or the terminal would never hang up.
    let master = pty.master.try_clone().unwrap();
    drop(pty.master);
    let slave = |fd: &std::os::fd::OwnedFd| Stdio::from(fd.try_clone().unwrap());
    let mut child = Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .args(["--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()])
        .env("XDG_STATE_HOME", dir.path())
        .env("TERM", "xterm-256color")
        .stdin(slave(&pty.slave))
        .stdout(slave(&pty.slave))
        .stderr(slave(&pty.slave))
        .spawn()
        .unwrap();
    drop(pty.slave);
    // Read until the first frame, then close the terminal (the last handle
    // on its master side goes with the thread).
    let mut master = std::fs::File::from(master);
    let (drawn, first_frame) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut seen, mut buf) = (Vec::new(), [0u8; 4096]);
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("stories") {
                let _ = drawn.send(());
                break;
            }
        }
    });
    if first_frame.recv_timeout(Duration::from_secs(20)).is_err() {
        let _ = child.kill();
        panic!("the reader drew no first frame");
    }
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let status = status.expect("the reader kept running after its terminal went away");
    let log =
        std::fs::read_to_string(dir.path().join("counterpoint/counterpoint.log")).expect("the reader keeps a log");
    assert!(log.contains("the terminal went away (Hangup); leaving"), "{log}");
    assert_eq!(
        status.code(),
        Some(counterpoint::tui::hangup::Gone::Hangup.exit_code()),
        "{status:?}"
    );
    assert!(!log.contains("panicked"), "{log}");
}

#[test]
fn what_another_process_stores_appears_in_the_open_reader() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = fixture(dir.path());
    let args = ["--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()];
    let mut term = Pty::spawn(&args, dir.path(), 100, 24);
    term.wait_for("counterpoint · 2 stories");
    // The reader's own poll at start (its one feed fails) is over.
    term.wait_for("updated ");
    std::thread::sleep(std::time::Duration::from_secs(1));
    // A `poll --once` from cron beside the reader, as another connection.
    let mut other = Store::open(&db).unwrap();
    let feed = other
        .add_feed("http://127.0.0.1:9/other", Some("Cron News"), &[])
        .unwrap();
    let item = FeedItem {
        guid: "cron".into(),
        link: Some("https://news.example.com/cron".into()),
        title: "Watchdog opens inquiry into Example Cloud".into(),
        body: "<p>A watchdog opened an inquiry into Example Cloud's data handling.</p>".into(),
        ..Default::default()
    };
    other
        .insert_batch(feed, "Cron News", &[prepare(item, Extractor::builtin())], 1_700_000_100)
        .unwrap();
    drop(other);
    term.wait_for("Watchdog opens inquiry into Example Cloud");
    term.wait_for("counterpoint · 3 stories");
    term.send("q");
    assert!(term.wait_exit(), "the reader exited with an error");
}

#[test]
fn a_dumb_terminal_is_told_to_use_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = fixture(dir.path());
    let args = ["--db", db.to_str().unwrap(), "--config", config.to_str().unwrap()];
    let mut term = Pty::spawn_with_term(&args, dir.path(), 100, 24, "dumb");
    assert!(!term.wait_exit(), "it fails");
    let raw = String::from_utf8_lossy(&term.raw()).into_owned();
    assert!(raw.contains("TERM=dumb"), "{raw}");
    assert!(!raw.contains("\u{1b}[?1049h"), "no full screen: {raw:?}");
}
