//! Crash safety: polls and user-state writes under load, killed with SIGKILL
//! at random moments. After every kill the store passes `integrity_check`
//! and holds every follow and read mark that was acknowledged, and the
//! search index, once caught up, holds each article under its own words.
//!
//! `COUNTERPOINT_CRASH_TRIALS` sets the number of kills (default 12; CI runs 200).

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use common::{Reply, TestServer};
use counterpoint::model::StoryId;
use counterpoint::store::Store;

fn changing_feed(server: &TestServer, path: &str, topic: &'static str) {
    let counter = Arc::new(AtomicU64::new(0));
    server.route(path, move |_| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        let mut items = String::new();
        for i in 0..15 {
            let k = n * 15 + i;
            items.push_str(&format!(
                "<item><guid>{topic}-{k}</guid><link>https://{topic}.test/{k}</link><title>Regulators fine {topic} over case {}</title>\
                 <description>&lt;p&gt;The regulator said {topic} violated the law in case {}. {topic} said it would appeal.&lt;/p&gt;</description></item>",
                k % 7,
                k % 7
            ));
        }
        Reply::ok(format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{topic}</title>{items}</channel></rss>"))
    });
}

const TOPICS: [&str; 4] = ["Meta", "Google", "Amazon", "Apple"];

/// Catches the search index up and checks that it holds, for each topic,
/// as many articles as the store: none lost, none left from a write that
/// never committed. Returns how many articles it checked.
fn check_search_index(db: &std::path::Path, store: &Store, trial: usize) -> i64 {
    counterpoint::store::fulltext::catch_up(db)
        .unwrap_or_else(|e| panic!("trial {trial}: the search index does not catch up: {e}"));
    let index = rusqlite::Connection::open(counterpoint::store::fulltext::index_path(db)).unwrap();
    for topic in TOPICS {
        let indexed: i64 = index
            .query_row(
                "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                [topic],
                |r| r.get(0),
            )
            .unwrap();
        let stored = store.query_scalar(&format!(
            "SELECT COUNT(*) FROM articles WHERE title LIKE '%{topic}%' OR text LIKE '%{topic}%'"
        ));
        assert_eq!(
            indexed, stored,
            "trial {trial}: articles about {topic} in the index and in the store"
        );
    }
    store.query_scalar("SELECT COUNT(*) FROM articles")
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let trials: usize = std::env::var("COUNTERPOINT_CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let server = TestServer::start();
    let mut config = String::from("[settings]\ninclude_default_feeds = false\nconcurrency = 4\n");
    for (i, topic) in TOPICS.iter().enumerate() {
        changing_feed(&server, &format!("/f{i}"), topic);
        config.push_str(&format!("\n[[feed]]\nurl = \"{}\"\n", server.url(&format!("/f{i}"))));
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, cfg, ack) = (
        dir.path().join("s.db"),
        dir.path().join("c.toml"),
        dir.path().join("ack"),
    );
    std::fs::write(&cfg, config).unwrap();
    let mut rng = 0x9e37_79b9_7f4a_7c15u64 ^ std::process::id() as u64;
    let mut next = move |n: u64| {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (rng >> 33) % n
    };
    let (mut follows_checked, mut reads_checked, mut indexed_checked) = (0, 0, 0);
    // Lines of the ack log already checked: later kills are checked against the new lines.
    let mut checked_upto = 0;
    for trial in 0..trials {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_counterpoint"))
            .args([
                "--db",
                db.to_str().unwrap(),
                "--config",
                cfg.to_str().unwrap(),
                "__crash-harness",
                ack.to_str().unwrap(),
            ])
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(150 + next(900)));
        child.kill().unwrap();
        child.wait().unwrap();

        let store = Store::open(&db).unwrap_or_else(|e| panic!("trial {trial}: the store does not open: {e}"));
        assert_eq!(store.integrity_check().unwrap(), "ok", "trial {trial}");
        indexed_checked = check_search_index(&db, &store, trial);
        let whole = std::fs::read_to_string(&ack).unwrap_or_default();
        let complete = whole.rfind('\n').map_or(0, |p| p + 1);
        let log = whole[checked_upto.min(complete)..complete].to_owned();
        let last_trial = trial + 1 == trials;
        let log = if last_trial { whole[..complete].to_owned() } else { log };
        checked_upto = complete;
        let reads: HashSet<i64> = store.read_article_ids().unwrap().into_iter().collect();
        let follows: HashSet<StoryId> = store.followed_ids().unwrap().into_iter().collect();
        for line in log.lines() {
            if let Some(id) = line.strip_prefix("follow ") {
                let id: i64 = id.parse().unwrap();
                let live = store.live_story(StoryId(id)).unwrap();
                assert!(
                    follows.contains(&live),
                    "trial {trial}: acknowledged follow of story {id} (now {live}) is missing"
                );
                follows_checked += 1;
            } else if let Some(list) = line.strip_prefix("read ") {
                for a in list.split(',').filter(|a| !a.is_empty()) {
                    let a: i64 = a.parse().unwrap();
                    assert!(
                        reads.contains(&a),
                        "trial {trial}: acknowledged read of article {a} is missing"
                    );
                    reads_checked += 1;
                }
            }
        }
    }
    eprintln!(
        "{trials} kills: store intact every time; {follows_checked} follows and {reads_checked} read marks checked; \
         the search index matched the store's {indexed_checked} articles after the last"
    );
    assert!(
        indexed_checked > 0,
        "no article was stored: the search index was not tested"
    );
    assert!(
        follows_checked > 0,
        "the harness acknowledged no follow: nothing was tested"
    );
    assert!(
        reads_checked > 0,
        "the harness acknowledged no read mark: read marks were not tested"
    );
}
