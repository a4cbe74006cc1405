//! A store that cannot be written: read-only, on a full disk, or locked by
//! another process. Each gives a visible error and no false success, and
//! nothing already stored is lost.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use counterpoint::model::FeedItem;
use counterpoint::store::Store;

fn make_store(db: &Path) -> i64 {
    let mut store = Store::open(db).unwrap();
    let feed = store.add_feed("http://127.0.0.1:9/feed", Some("F"), &[]).unwrap();
    let item = FeedItem {
        guid: "1".into(),
        link: Some("https://news.test/1".into()),
        title: "FTC sues Amazon".into(),
        body: "<p>The FTC sued Amazon, saying it tricked shoppers.</p>".into(),
        ..Default::default()
    };
    let prepared = counterpoint::ingest::prepare(item, counterpoint::extract::Extractor::builtin());
    store.insert_batch(feed, "F", &[prepared], 1_700_000_000).unwrap();
    store.query_scalar("SELECT id FROM stories LIMIT 1")
}

fn config(dir: &Path) -> PathBuf {
    let c = dir.join("c.toml");
    std::fs::write(&c, "[settings]\ninclude_default_feeds = false\n").unwrap();
    c
}

fn follow(db: &Path, cfg: &Path, id: i64) -> Output {
    Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
            "follow",
            &id.to_string(),
        ])
        .env("XDG_STATE_HOME", cfg.parent().unwrap().join("state"))
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    let e = String::from_utf8_lossy(&o.stderr).into_owned();
    eprintln!("counterpoint said: {}", e.trim());
    e
}

#[test]
fn a_store_locked_by_another_process_is_an_error_not_a_false_save() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let story = make_store(&db);
    let cfg = config(dir.path());
    let holder_db = db.clone();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&holder_db).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE; UPDATE feeds SET title = title;")
            .unwrap();
        locked_tx.send(()).unwrap();
        // Released when told to, or when a failed assertion dropped the sender.
        release_rx.recv().ok();
        conn.execute_batch("COMMIT").unwrap();
    });
    locked_rx.recv().unwrap();
    let out = follow(&db, &cfg, story);
    assert!(
        !out.status.success(),
        "a follow reported success while the store was locked"
    );
    assert!(stderr(&out).contains("locked by another process"), "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("following"));
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    let out = follow(&db, &cfg, story);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(Store::open_read_only(&db).unwrap().followed_ids().unwrap().len(), 1);
}

/// A tmpfs of `kb` kilobytes at a fresh mount point, or `None` (with the
/// reason printed) where mounting is not allowed.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, kb: usize) -> Option<Tmpfs> {
        let at = dir.join("mnt");
        std::fs::create_dir_all(&at).unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kb}k"),
                "tmpfs",
                at.to_str().unwrap(),
            ])
            .output();
        match ok {
            Ok(o) if o.status.success() => Some(Tmpfs(at)),
            Ok(o) => {
                eprintln!(
                    "skipped: cannot mount a tmpfs here ({})",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("skipped: no mount command ({e})");
                None
            }
        }
    }

    fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro", self.0.to_str().unwrap()])
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_an_error_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(fs) = Tmpfs::mount(dir.path(), 1024) else {
        return;
    };
    let db = fs.0.join("s.db");
    let story = make_store(&db);
    let cfg = config(dir.path());
    // Fill the disk.
    let filler = fs.0.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
    drop(f);
    let out = follow(&db, &cfg, story);
    assert!(!out.status.success(), "a follow reported success on a full disk");
    let err = stderr(&out);
    assert!(err.contains("the disk is full"), "{err}");
    std::fs::remove_file(&filler).unwrap();
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.query_scalar("SELECT COUNT(*) FROM articles"), 1);
    drop(store);
    let out = follow(&db, &cfg, story);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_read_only_store_is_an_error_not_a_false_save() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path());
    let Some(fs) = Tmpfs::mount(dir.path(), 4096) else {
        return;
    };
    let db = fs.0.join("s.db");
    let story = make_store(&db);
    // A clean shutdown leaves no WAL: the file alone holds everything.
    drop(Store::open(&db).unwrap());
    assert!(fs.remount_read_only(), "cannot remount read-only");
    let out = follow(&db, &cfg, story);
    assert!(!out.status.success(), "a follow reported success on a read-only store");
    let err = stderr(&out);
    assert!(err.contains("the store is read-only"), "{err}");
}

/// `counterpoint extract --json feed.xml | head -c 1`: the reader of the
/// output goes away; the command stops quietly instead of panicking.
#[test]
fn a_closed_output_pipe_ends_the_command_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let items: String = (0..3000)
        .map(|i| format!("<item><guid>{i}</guid><title>FTC sues Amazon {i}</title><description>The FTC sued Amazon, saying it tricked shoppers.</description></item>"))
        .collect();
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        format!("<rss version=\"2.0\"><channel><title>F</title>{items}</channel></rss>"),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .args(["extract", "--json", feed.to_str().unwrap()])
        .env("XDG_STATE_HOME", dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{err}");
}

#[test]
fn a_missing_config_file_is_named_with_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .args(["--config", dir.path().join("none.toml").to_str().unwrap(), "stories"])
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("cannot read config file"), "{err}");
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
}

#[test]
fn extract_refuses_binary_input_and_reads_utf16_by_its_mark() {
    let dir = tempfile::tempdir().unwrap();
    let run = |file: &Path| {
        Command::new(env!("CARGO_BIN_EXE_counterpoint"))
            .args(["extract", "--json", file.to_str().unwrap()])
            .env("XDG_STATE_HOME", dir.path())
            .output()
            .unwrap()
    };
    let binary = dir.path().join("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR FTC sues Meta").unwrap();
    let out = run(&binary);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("binary data"));
    let utf16 = dir.path().join("article.txt");
    let text = "FTC sues Meta\n\nThe FTC sued Meta on Monday, alleging it broke the law. Meta declined to comment.\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes).unwrap();
    let out = run(&utf16);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "FTC sues Meta");
    assert_eq!(v["companies"], serde_json::json!(["Meta"]));
}
