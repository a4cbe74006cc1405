//! The real-world corpus in `../shared/corpus/feeds/` (when present): every
//! well-formed feed yields the item count its MANIFEST gives; every malformed
//! one yields a lenient parse or a clear error; nothing panics. Served on
//! loopback, the whole corpus polls into one store.

mod common;

use std::path::{Path, PathBuf};

use chrono::Utc;
use common::{Reply, TestServer};
use counterpoint::config::Config;
use counterpoint::extract::Extractor;
use counterpoint::feed::parse_feed;
use counterpoint::ingest::{Poller, prepare_feed};
use counterpoint::store::writer::{Schedule, Writer};
use counterpoint::store::{Store, unix_now};

struct Entry {
    file: String,
    items: usize,
    well_formed: bool,
    cut_at_dashes: bool,
}

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("COUNTERPOINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("corpus/feeds");
    if dir.join("MANIFEST.tsv").exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no real-world corpus at {} (it lives outside the repository)",
            dir.display()
        );
        None
    }
}

fn manifest(dir: &Path) -> Vec<Entry> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (file, items, notes) = (col("file"), col("items"), col("notes"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = f[notes];
            Entry {
                file: f[file].to_owned(),
                items: f[items].parse().unwrap(),
                well_formed: n.contains("well-formed: yes") || n.contains("well-formed: no (strict)"),
                cut_at_dashes: n.contains("after a '---' line"),
            }
        })
        .collect()
}

/// The file as it should be served: test data appended after a `---` line is cut.
fn served_bytes(dir: &Path, e: &Entry) -> Vec<u8> {
    let bytes = std::fs::read(dir.join(&e.file)).unwrap();
    if !e.cut_at_dashes {
        return bytes;
    }
    let text = String::from_utf8_lossy(&bytes);
    let cut = text.find("\n---").expect("a --- line");
    text[..cut + 1].as_bytes().to_vec()
}

#[test]
fn well_formed_feeds_yield_their_manifest_item_counts() {
    let Some(dir) = corpus_dir() else { return };
    let mut checked = 0;
    for e in manifest(&dir).iter().filter(|e| e.well_formed) {
        let parsed = parse_feed(&served_bytes(&dir, e), Utc::now());
        let parsed = parsed.unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert_eq!(parsed.items.len(), e.items, "{}", e.file);
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} well-formed feeds");
}

#[test]
fn malformed_feeds_parse_leniently_or_fail_clearly() {
    let Some(dir) = corpus_dir() else { return };
    let mut repaired = 0;
    for e in manifest(&dir).iter().filter(|e| !e.well_formed) {
        match parse_feed(&served_bytes(&dir, e), Utc::now()) {
            Ok(p) => {
                repaired += 1;
                eprintln!(
                    "{}: lenient parse, {} of {} items ({})",
                    e.file,
                    p.items.len(),
                    e.items,
                    p.repairs.join("; ")
                );
                // A repair that reads the feed reads all of it; of a feed cut
                // off, every item before the cut (the cut one is lost).
                if p.was_cut_off() {
                    assert!((1..e.items).contains(&p.items.len()), "{}: items recovered", e.file);
                } else {
                    assert_eq!(p.items.len(), e.items, "{}: items recovered", e.file);
                }
            }
            Err(err) => {
                let msg = err.to_string();
                eprintln!("{}: {msg}", e.file);
                assert!(
                    msg.len() > 10 && !msg.contains('\u{1b}'),
                    "{}: unclear error {msg:?}",
                    e.file
                );
            }
        }
    }
    assert!(repaired >= 10, "only {repaired} malformed feeds read");
}

/// Preparation recovers from a panic in extraction (the item keeps no
/// findings), which would hide one: every corpus item is extracted again
/// here, outside that guard.
#[test]
fn extraction_never_panics_on_a_corpus_item() {
    let Some(dir) = corpus_dir() else { return };
    let extractor = Extractor::builtin();
    let mut texts = 0;
    for e in manifest(&dir) {
        let Ok((_, items)) = prepare_feed(&served_bytes(&dir, &e), extractor) else {
            continue;
        };
        for item in items {
            extractor.extract(&item.title, &item.text);
            texts += 1;
        }
    }
    assert!(texts > 1000, "only {texts} items extracted");
}

/// Companies the dictionary lacks are taken from how a text declares them.
/// Across the corpus none is a sentence opener ("However, the company …"),
/// a kind of thing ("Social Media"), an event, a place, a post ("CEO of …")
/// or a run cut by punctuation.
#[test]
fn companies_found_in_the_corpus_are_names() {
    let Some(dir) = corpus_dir() else { return };
    let extractor = Extractor::builtin();
    let mut names = std::collections::BTreeSet::new();
    for e in manifest(&dir) {
        if let Ok((_, items)) = prepare_feed(&served_bytes(&dir, &e), extractor) {
            names.extend(items.into_iter().flat_map(|i| i.companies));
        }
    }
    let openers = [
        "However",
        "Still",
        "Ultimately",
        "Currently",
        "Until",
        "There",
        "Today",
        "Maybe",
        "Even",
        "Because",
        "Are",
        "Use",
        "Using",
        "Your",
        "Hey",
        "Welcome",
        "Want",
        "In",
        "So",
        "I’ve",
        "CEO",
        "Chief",
        "Head",
    ];
    let kinds = [
        "Social Media",
        "New Media",
        "Old Media",
        "News Media",
        "Emerging Technologies",
        "California",
        "China",
        "County",
        "Silicon Valley",
        "Smart",
        "Media",
        "Web",
        "Review",
        "Journal",
    ];
    let wrong: Vec<&String> = names
        .iter()
        .filter(|n| {
            let first = n.split_whitespace().next().unwrap_or_default();
            openers.contains(&first)
                || kinds.contains(&n.as_str())
                || n.ends_with(" Games") && n.contains("Olympic")
                || n.contains("-based ")
                || n.contains(['—', '(', '…'])
        })
        .collect();
    assert!(wrong.is_empty(), "not company names: {wrong:?}");
    assert!(names.len() > 300, "only {} companies found", names.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_corpus_polls_over_loopback() {
    let Some(dir) = corpus_dir() else { return };
    let entries = manifest(&dir);
    let server = TestServer::start();
    for e in &entries {
        let body = served_bytes(&dir, e);
        server.fixed(
            &format!("/{}", e.file),
            Reply::ok(body).with_header("ETag", &format!("\"{}\"", e.file)),
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("corpus.db");
    let mut store = Store::open(&db).unwrap();
    for e in &entries {
        store
            .add_feed(&server.url(&format!("/{}", e.file)), Some(&e.file), &[])
            .unwrap();
    }
    let settings = Config::builtin().settings;
    let (writer, _t) = Writer::spawn(
        store,
        Schedule {
            interval: settings.poll_interval,
            max_backoff: settings.max_backoff,
        },
    );
    let poller = Poller::new(settings, writer, Extractor::builtin()).unwrap();
    let feeds = Store::open_read_only(&db).unwrap().due_feeds(unix_now(), true).unwrap();
    let p = poller.poll(feeds).await;
    eprintln!("{}", p.summary());
    assert_eq!(p.done, entries.len());
    let read = Store::open_read_only(&db).unwrap();
    let list = read.feed_list().unwrap();
    for e in entries.iter().filter(|e| e.well_formed && e.items > 0) {
        let f = list
            .iter()
            .find(|f| f.title.as_deref() == Some(e.file.as_str()))
            .unwrap();
        assert_eq!(f.status.as_str(), "ok", "{}: {:?}", e.file, f.last_error);
        assert!(f.article_count > 0, "{}", e.file);
    }
    assert!(p.report.new_articles > 1500, "{}", p.summary());
    assert!(
        p.report.merged_by_url > 0,
        "the RSS and Atom copies of The Register share URLs"
    );
    assert_eq!(read.integrity_check().unwrap(), "ok");
}
