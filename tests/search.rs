//! Full-text search: the index in its own file, kept up to date by its own
//! thread, rebuilt whenever it cannot be trusted, never in the writer's way.

use std::path::{Path, PathBuf};

use counterpoint::extract::Extractor;
use counterpoint::ingest::prepare;
use counterpoint::model::{FeedId, FeedItem};
use counterpoint::store::fulltext::index_path;
use counterpoint::store::writer::{Schedule, WriteCmd, Writer};
use counterpoint::store::{FetchRecord, PreparedItem, Store, StoreError};

fn item(guid: &str, title: &str, body: &str) -> PreparedItem {
    let raw = FeedItem {
        guid: guid.into(),
        link: Some(format!("https://news.test/{guid}")),
        title: title.into(),
        body: format!("<p>{body}</p>"),
        ..Default::default()
    };
    prepare(raw, Extractor::builtin())
}

fn fine() -> PreparedItem {
    item(
        "fine",
        "EU fines Meta over data transfers",
        "The Irish regulator imposed a record fine on Meta over transfers of personal data to the United States.",
    )
}

fn sued() -> PreparedItem {
    item(
        "sued",
        "FTC sues Amazon over Prime",
        "The Federal Trade Commission said Amazon tricked shoppers into Prime subscriptions. The café owners' group welcomed it.",
    )
}

fn titles(store: &Store, query: &str) -> Vec<String> {
    let mut t: Vec<String> = store.search(query, 50).unwrap().into_iter().map(|h| h.title).collect();
    t.sort();
    t
}

/// A store in a folder of its own, which lives as long as the first value.
fn temp_store() -> (tempfile::TempDir, PathBuf, Store, FeedId) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let (store, feed) = file_store(&db);
    (dir, db, store, feed)
}

fn file_store(db: &Path) -> (Store, FeedId) {
    let mut store = Store::open(db).unwrap();
    let feed = store.add_feed("http://127.0.0.1:9/feed", Some("F"), &[]).unwrap();
    (store, feed)
}

#[test]
fn words_prefixes_and_accents_find_articles_in_memory() {
    let mut s = Store::open_in_memory().unwrap();
    let feed = s.add_feed("https://a.test/rss", Some("A"), &[]).unwrap();
    s.insert_batch(feed, "A", &[fine(), sued()], 1000).unwrap();
    assert_eq!(titles(&s, "transfers"), ["EU fines Meta over data transfers"]);
    assert_eq!(titles(&s, "trade comm"), ["FTC sues Amazon over Prime"]);
    assert_eq!(titles(&s, "cafe"), ["FTC sues Amazon over Prime"], "accents folded");
    assert_eq!(titles(&s, "regulator amazon").len(), 0, "every word is required");
    assert!(titles(&s, "\"; DROP TABLE articles; --").is_empty());
}

#[test]
fn a_search_with_more_matches_than_its_limit_keeps_the_newest_articles() {
    let mut s = Store::open_in_memory().unwrap();
    let feed = s.add_feed("https://a.test/rss", Some("A"), &[]).unwrap();
    // Stored oldest first, the newest with the longest text: a rank by
    // length would keep the oldest.
    let cases = [
        ("first", "Court hears the first case", "The court heard it."),
        (
            "second",
            "Court hears the second case",
            "The court heard the second case over two days.",
        ),
        (
            "third",
            "Court hears the third case",
            "The court heard the third case over several long days of argument.",
        ),
    ];
    for (guid, title, body) in cases {
        s.insert_batch(feed, "A", &[item(guid, title, body)], 1000).unwrap();
    }
    let hits: Vec<String> = s.search("court", 2).unwrap().into_iter().map(|h| h.title).collect();
    assert_eq!(hits, ["Court hears the third case", "Court hears the second case"]);
}

#[test]
fn cleanup_removes_deleted_articles_from_search() {
    let mut s = Store::open_in_memory().unwrap();
    let feed = s.add_feed("https://a.test/rss", Some("A"), &[]).unwrap();
    s.insert_batch(feed, "A", &[fine()], 1000).unwrap();
    s.insert_batch(feed, "A", &[sued()], 5000).unwrap();
    assert_eq!(s.cleanup(4000, 6000).unwrap().articles, 1);
    assert!(titles(&s, "transfers").is_empty());
    assert_eq!(titles(&s, "prime"), ["FTC sues Amazon over Prime"]);
}

/// How many entries of the index at `db` match `query`, read from the
/// index itself (a search also checks that each article is still stored).
fn index_entries(db: &Path, query: &str) -> i64 {
    let conn = rusqlite::Connection::open(index_path(db)).unwrap();
    conn.query_row(
        "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?1",
        [query],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn cleanup_removes_deleted_articles_from_the_index_file_without_a_rebuild() {
    let (_dir, db, mut store, feed) = temp_store();
    store.insert_batch(feed, "F", &[fine()], 1000).unwrap();
    store.insert_batch(feed, "F", &[sued()], 5000).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(index_entries(&db, "transfers"), 1);
    assert_eq!(store.cleanup(4000, 6000).unwrap().articles, 1);
    let reader = Store::open_read_only(&db).unwrap();
    // A rebuild would lack every article until done.
    assert_eq!(reader.search_backlog().unwrap(), 0);
    assert!(titles(&reader, "transfers").is_empty());
    store.wait_for_search_index().unwrap();
    assert_eq!(index_entries(&db, "transfers"), 0);
    assert_eq!(index_entries(&db, "prime"), 1);
    assert_eq!(titles(&reader, "prime"), ["FTC sues Amazon over Prime"]);
    // The log loses the deletions the index applied, and numbers the next
    // ones after them.
    store
        .insert_batch(
            feed,
            "F",
            &[item("later", "Google fined", "The Commission fined Google.")],
            9000,
        )
        .unwrap();
    store.wait_for_search_index().unwrap();
    store.cleanup(7000, 9500).unwrap();
    assert_eq!(
        store.query_scalar("SELECT seq FROM search_deletions"),
        2,
        "only the new deletion, numbered after the applied one"
    );
    assert_eq!(reader.search_backlog().unwrap(), 0, "no rebuild");
    store.wait_for_search_index().unwrap();
    assert_eq!(index_entries(&db, "prime"), 0);
    assert_eq!(titles(&reader, "google"), ["Google fined"]);
}

#[test]
fn an_article_given_a_fuller_copys_text_is_indexed_again_without_a_rebuild() {
    let (_dir, db, mut store, feed) = temp_store();
    let other = store.add_feed("http://127.0.0.1:9/other", Some("G"), &[]).unwrap();
    let excerpt = item("fine", "EU fines Meta over data transfers", "Read on.");
    store.insert_batch(feed, "F", &[excerpt, sued()], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(index_entries(&db, "irish"), 0);
    let whole = item(
        "fine",
        "EU fines Meta over data transfers",
        "The Irish regulator imposed a record fine on Meta over transfers of personal data to the United States. \
         The Data Protection Commission said the company had gone on moving the data of European users to American \
         servers for years after the highest court in the bloc struck down the arrangement it relied on, and it \
         ordered the company to bring its processing into line with the law within six months. Meta said it would \
         appeal the decision and seek a stay of the orders, arguing that the fine was unjustified and unnecessary.",
    );
    store.insert_batch(other, "G", &[whole], 2000).unwrap();
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(reader.search_backlog().unwrap(), 0, "no rebuild");
    store.wait_for_search_index().unwrap();
    assert_eq!(index_entries(&db, "irish"), 1);
    assert_eq!(
        titles(&reader, "irish regulator"),
        ["EU fines Meta over data transfers"]
    );
    assert_eq!(titles(&reader, "prime"), ["FTC sues Amazon over Prime"]);
}

#[test]
fn a_fuller_copy_in_the_same_write_leaves_its_text_in_the_index() {
    let (_dir, db, mut store, feed) = temp_store();
    store.start_indexer();
    let other = store.add_feed("http://127.0.0.1:9/other", Some("G"), &[]).unwrap();
    let excerpt = item("fine", "EU fines Meta over data transfers", "Read on.");
    let whole = item(
        "fine",
        "EU fines Meta over data transfers",
        &format!(
            "The Irish regulator imposed a record fine on Meta over transfers of personal data. {}",
            "The company said it would appeal the decision and seek a stay of the orders. ".repeat(8)
        ),
    );
    // The excerpt's article reaches the indexer before the fuller copy,
    // later in the same transaction, gives it its text.
    let reports = store
        .insert_batches(&[(feed, "F", &[excerpt, sued()]), (other, "G", &[whole])], 1000)
        .unwrap();
    assert_eq!(reports[1].fuller_copies, 1);
    store.wait_for_search_index().unwrap();
    assert_eq!(index_entries(&db, "irish"), 1);
    assert_eq!(index_entries(&db, "prime"), 1);
    assert_eq!(Store::open_read_only(&db).unwrap().search_backlog().unwrap(), 0);
}

#[test]
fn articles_of_a_write_that_failed_never_reach_the_index() {
    let (_dir, db, mut store, feed) = temp_store();
    store.start_indexer();
    store.insert_batch(feed, "F", &[fine()], 1000).unwrap();
    // The second feed does not exist: the whole transaction fails, after
    // the first feed's article was handed to the indexer.
    let failed = store.insert_batches(
        &[
            (feed, "F", &[sued()]),
            (FeedId(999), "X", &[item("x", "Google fined", "Fined.")]),
        ],
        1000,
    );
    assert!(failed.is_err());
    // The next article takes the failed one's id.
    let later = item(
        "later",
        "Apple settles",
        "Apple settled the antitrust case over its app store.",
    );
    store.insert_batch(feed, "F", &[later], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(store.query_scalar("SELECT COUNT(*) FROM articles"), 2);
    assert_eq!(index_entries(&db, "prime"), 0, "the failed write's article");
    assert_eq!(index_entries(&db, "settled"), 1);
    assert_eq!(index_entries(&db, "transfers"), 1);
}

#[test]
fn a_writers_command_that_failed_leaves_nothing_in_the_index_and_the_others_their_articles() {
    let (_dir, db, mut store, feed) = temp_store();
    store.start_indexer();
    let schedule = Schedule {
        interval: std::time::Duration::from_secs(600),
        max_backoff: std::time::Duration::from_secs(3600),
    };
    let (writer, thread) = Writer::spawn(store, schedule);
    let ingest = |feed: FeedId, items: Vec<PreparedItem>| {
        let (reply, answer) = tokio::sync::oneshot::channel();
        writer
            .send_blocking(WriteCmd::Ingest {
                feed,
                outlet: "F".into(),
                items,
                record: FetchRecord::NotModified { moved_to: None },
                now: 1000,
                reply,
            })
            .unwrap();
        answer
    };
    // Queued together: the writer applies them in one transaction or more.
    let answers = [
        ingest(feed, vec![fine()]),
        ingest(FeedId(999), vec![sued()]),
        ingest(
            feed,
            vec![item("later", "Apple settles", "Apple settled the antitrust case.")],
        ),
    ];
    let results: Vec<_> = answers.into_iter().map(|a| a.blocking_recv().unwrap()).collect();
    assert!(
        results[0].is_ok() && results[1].is_err() && results[2].is_ok(),
        "{results:?}"
    );
    drop(writer);
    thread.join().unwrap();
    assert_eq!(index_entries(&db, "transfers"), 1);
    assert_eq!(index_entries(&db, "prime"), 0);
    assert_eq!(index_entries(&db, "settled"), 1);
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(reader.search_backlog().unwrap(), 0);
}

#[test]
fn a_cleanup_deleting_the_last_article_indexed_does_not_rebuild_the_index() {
    let (_dir, db, mut store, feed) = temp_store();
    // First seen recently, then long ago: the second is old, and the index's last.
    store.insert_batch(feed, "F", &[fine()], 5000).unwrap();
    store.insert_batch(feed, "F", &[sued()], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    store
        .insert_batch(
            feed,
            "F",
            &[item("later", "Google fined", "The Commission fined Google.")],
            5000,
        )
        .unwrap();
    assert_eq!(store.cleanup(4000, 6000).unwrap().articles, 1);
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(
        reader.search_backlog().unwrap(),
        1,
        "only the newest article, no rebuild"
    );
    store.wait_for_search_index().unwrap();
    assert_eq!(index_entries(&db, "prime"), 0);
    assert_eq!(titles(&reader, "transfers"), ["EU fines Meta over data transfers"]);
    assert_eq!(titles(&reader, "google"), ["Google fined"]);
}

#[test]
fn compacting_after_a_cleanup_shrinks_both_files_and_keeps_what_is_left() {
    let (_dir, db, mut store, feed) = temp_store();
    let words = |i: usize| {
        (0..300)
            .map(|j| format!("w{}x{}", i * 7 + j, j % 13))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let old: Vec<PreparedItem> = (0..200)
        .map(|i| item(&format!("old-{i}"), &format!("Filing number {i}"), &words(i)))
        .collect();
    store.insert_batch(feed, "F", &old, 1000).unwrap();
    store.insert_batch(feed, "F", &[sued()], 5000).unwrap();
    store.wait_for_search_index().unwrap();
    let stored = store.query_scalar("SELECT COUNT(*) FROM articles") as usize;
    assert!(stored > 100);
    assert_eq!(store.cleanup(4000, 6000).unwrap().articles, stored - 1);
    let c = store.compact().unwrap();
    assert!(c.after.0 < c.before.0 / 2, "store {c:?}");
    assert!(c.after.1 < c.before.1 / 2, "index {c:?}");
    assert_eq!(index_entries(&db, "filing"), 0);
    assert_eq!(titles(&store, "prime"), ["FTC sues Amazon over Prime"]);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn two_processes_writing_one_store_index_every_article_once() {
    let (_dir, db, mut first, feed) = temp_store();
    let mut second = Store::open(&db).unwrap();
    first.start_indexer();
    second.start_indexer();
    let batch = |who: &str, n: usize| -> Vec<PreparedItem> {
        (0..20)
            .map(|i| {
                item(
                    &format!("{who}{n}x{i}"),
                    &format!("Zebra report {who} {n} {i}"),
                    &format!("Zebra crossing number {who}{n}x{i} was counted by the city."),
                )
            })
            .collect()
    };
    std::thread::scope(|s| {
        s.spawn(|| {
            for n in 0..15 {
                first.insert_batch(feed, "F", &batch("a", n), 1000).unwrap();
            }
        });
        s.spawn(|| {
            for n in 0..15 {
                second.insert_batch(feed, "F", &batch("b", n), 1000).unwrap();
            }
        });
    });
    first.wait_for_search_index().unwrap();
    second.wait_for_search_index().unwrap();
    assert_eq!(first.query_scalar("SELECT COUNT(*) FROM articles"), 600);
    assert_eq!(index_entries(&db, "zebra"), 600);
    assert_eq!(index_entries(&db, "a7x3"), 1);
    assert_eq!(index_entries(&db, "b14x19"), 1);
}

#[test]
fn an_index_made_before_deletions_were_possible_is_rebuilt() {
    let (_dir, db, mut store, feed) = temp_store();
    store.insert_batch(feed, "F", &[fine()], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    let index = rusqlite::Connection::open(index_path(&db)).unwrap();
    index
        .execute_batch(
            "DROP TABLE articles_fts; DROP TABLE progress;
             CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='', detail='none');
             CREATE TABLE progress (id INTEGER PRIMARY KEY, store_token TEXT NOT NULL, epoch INTEGER NOT NULL,
                 indexed_upto INTEGER NOT NULL, upto_title TEXT NOT NULL);
             INSERT INTO progress VALUES (1, '', -1, 0, '');",
        )
        .unwrap();
    drop(index);
    store.insert_batch(feed, "F", &[sued()], 5000).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(titles(&store, "transfers"), ["EU fines Meta over data transfers"]);
    store.cleanup(4000, 6000).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(index_entries(&db, "transfers"), 0);
}

#[test]
fn the_writers_indexer_makes_new_articles_searchable_for_readers() {
    let (_dir, db, store, feed) = temp_store();
    let schedule = Schedule {
        interval: std::time::Duration::from_secs(900),
        max_backoff: std::time::Duration::from_secs(3600),
    };
    let (writer, thread) = Writer::spawn(store, schedule);
    let (reply, answer) = tokio::sync::oneshot::channel();
    writer
        .send_blocking(WriteCmd::Ingest {
            feed,
            outlet: "F".into(),
            items: vec![fine(), sued()],
            record: FetchRecord::NotModified { moved_to: None },
            now: 1000,
            reply,
        })
        .unwrap();
    assert_eq!(answer.blocking_recv().unwrap().unwrap().new_articles, 2);
    drop(writer);
    thread.join().unwrap();
    // The writer's indexer indexed its last commit before it stopped.
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(titles(&reader, "federal trade"), ["FTC sues Amazon over Prime"]);
    assert!(index_path(&db).exists());
}

#[test]
fn streamed_articles_are_found_by_every_body_word_whether_prepared_or_not() {
    let (_dir, _db, mut store, feed) = temp_store();
    store.start_indexer();
    // Once the index exists and holds every article, the indexer takes
    // what the writer sends as it stores it.
    let first = item("first", "Court hears Google case", "Opening arguments were heard.");
    store.insert_batch(feed, "F", &[first], 900).unwrap();
    store.wait_for_search_index().unwrap();
    // One item as preparation leaves it (its index words worked out), one
    // from a caller that left them to the writer.
    let mut bare = sued();
    bare.from_text = None;
    store.insert_batch(feed, "F", &[fine(), bare], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    for (query, title) in [
        ("IRISH regulator", "EU fines Meta over data transfers"),
        ("record personal states", "EU fines Meta over data transfers"),
        ("shoppers subscriptions", "FTC sues Amazon over Prime"),
        ("cafe owners welcomed", "FTC sues Amazon over Prime"),
        ("arguments", "Court hears Google case"),
    ] {
        assert_eq!(titles(&store, query), [title], "{query}");
    }
}

#[test]
fn articles_stored_without_an_indexer_are_indexed_when_one_starts() {
    let (_dir, db, mut store, feed) = temp_store();
    store.insert_batch(feed, "F", &[fine()], 1000).unwrap();
    let reader = Store::open_read_only(&db).unwrap();
    let err = reader.search("transfers", 10).unwrap_err();
    assert!(matches!(err, StoreError::SearchUnavailable(_)), "{err}");
    assert!(err.to_string().contains("not been built yet"), "{err}");

    store.start_indexer();
    store.insert_batch(feed, "F", &[sued()], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    // The reader that found no index attaches it once it exists.
    assert_eq!(titles(&reader, "transfers"), ["EU fines Meta over data transfers"]);
    assert_eq!(titles(&reader, "prime"), ["FTC sues Amazon over Prime"]);
    // The writable store answers searches too, through a reader of its own.
    assert_eq!(titles(&store, "prime"), ["FTC sues Amazon over Prime"]);
}

#[test]
fn waiting_without_an_indexer_indexes_on_the_spot() {
    let (_dir, _, mut store, feed) = temp_store();
    store.insert_batch(feed, "F", &[fine(), sued()], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(titles(&store, "data").len(), 1);
}

#[test]
fn an_index_left_by_another_store_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.db"), dir.path().join("new.db"));
    let (mut a, feed) = file_store(&old);
    a.insert_batch(feed, "F", &[fine()], 1000).unwrap();
    a.wait_for_search_index().unwrap();
    drop(a);
    // A new store where the old one was: the old index file stays beside it.
    std::fs::remove_file(&old).unwrap();
    std::fs::rename(index_path(&old), index_path(&new)).unwrap();
    let (mut b, feed) = file_store(&new);
    b.insert_batch(feed, "F", &[sued()], 1000).unwrap();
    b.wait_for_search_index().unwrap();
    assert!(titles(&b, "transfers").is_empty(), "the other store's article is gone");
    assert_eq!(titles(&b, "prime"), ["FTC sues Amazon over Prime"]);
}

#[test]
fn a_damaged_or_missing_index_is_rebuilt_from_the_store() {
    let (_dir, db, mut store, feed) = temp_store();
    store.insert_batch(feed, "F", &[fine(), sued()], 1000).unwrap();
    store.wait_for_search_index().unwrap();

    std::fs::write(index_path(&db), b"this is not a database, it is garbage".repeat(200)).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(titles(&store, "prime"), ["FTC sues Amazon over Prime"]);

    std::fs::remove_file(index_path(&db)).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(titles(&store, "transfers"), ["EU fines Meta over data transfers"]);
}

#[test]
fn an_article_id_used_again_is_not_shadowed_by_the_old_entry() {
    let (_dir, db, mut store, feed) = temp_store();
    store.insert_batch(feed, "F", &[fine()], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    // The store as restored from an older copy: its last article is gone and
    // the next one takes its id.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON; DELETE FROM articles;")
        .unwrap();
    drop(conn);
    store.reset_index();
    store.insert_batch(feed, "F", &[sued()], 2000).unwrap();
    store.wait_for_search_index().unwrap();
    assert!(titles(&store, "transfers").is_empty());
    assert_eq!(titles(&store, "prime"), ["FTC sues Amazon over Prime"]);
}

/// A store with two articles whose indexer has failed: a folder sits where
/// the index file should be, so the index cannot open. Returns the error
/// the wait for the index gave.
fn store_whose_index_cannot_open() -> (tempfile::TempDir, PathBuf, Store, FeedId, StoreError) {
    let (dir, db, mut store, feed) = temp_store();
    std::fs::create_dir(index_path(&db)).unwrap();
    store.start_indexer();
    store.insert_batch(feed, "F", &[fine(), sued()], 1000).unwrap();
    let err = store.wait_for_search_index().unwrap_err();
    (dir, db, store, feed, err)
}

#[test]
fn an_index_that_cannot_be_written_never_stops_the_writer() {
    let (_dir, db, mut store, feed, err) = store_whose_index_cannot_open();
    assert!(matches!(err, StoreError::SearchUnavailable(_)), "{err}");
    let err = Store::open_read_only(&db).unwrap().search("data", 10).unwrap_err();
    assert!(
        err.to_string().contains("search index") && err.to_string().contains("cannot be opened"),
        "{err}"
    );
    assert_eq!(store.query_scalar("SELECT COUNT(*) FROM articles"), 2);
    store
        .insert_batch(feed, "F", &[item("3", "Third", "More news.")], 1000)
        .unwrap();
    assert_eq!(store.query_scalar("SELECT COUNT(*) FROM articles"), 3);
    // The indexer still checkpoints the store, which the writer leaves to it.
    store.insert_batch(feed, "F", &long_articles(0, 1500), 1000).unwrap();
    let _ = store.wait_for_search_index();
    let size = std::fs::metadata(&db).unwrap().len();
    assert!(size > 5 << 20, "the store file holds {size} bytes");
}

#[test]
fn an_indexer_that_failed_tries_again_by_itself() {
    let (_dir, db, _store, _feed, _) = store_whose_index_cannot_open();
    // The obstacle goes; nothing is written after, so no commit tells the
    // indexer to try again: it must by itself (after ten seconds).
    std::fs::remove_dir(index_path(&db)).unwrap();
    let searched = || {
        Store::open_read_only(&db)
            .and_then(|r| r.search("data", 10))
            .unwrap_or_default()
    };
    let start = std::time::Instant::now();
    while searched().is_empty() && start.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let hits = searched();
    assert_eq!(hits.len(), 1, "indexed after {:?}", start.elapsed());
    assert_eq!(hits[0].title, fine().title);
}

/// `n` articles of about 4 KB each.
fn long_articles(batch: i64, n: usize) -> Vec<PreparedItem> {
    let paragraph = "The regulator said the company misled users about how their data was shared. ".repeat(50);
    (0..n)
        .map(|i| PreparedItem {
            guid: format!("{batch}-{i}"),
            title: format!("Report {batch} {i}"),
            text: format!("{paragraph} Filing {batch}-{i}."),
            ..Default::default()
        })
        .collect()
}

#[test]
fn the_indexer_checkpoints_the_store_so_the_writer_does_not_have_to() {
    let (_dir, db, mut store, feed) = temp_store();
    store.start_indexer();
    for batch in 0..3 {
        store
            .insert_batch(feed, "F", &long_articles(batch, 500), 1000 + batch)
            .unwrap();
    }
    store.wait_for_search_index().unwrap();
    // 1,500 articles of 4 KB: more than SQLite's own checkpoint threshold,
    // far less than the writer's. They reach the store file, not only its
    // write-ahead log (the last checkpoint comes after the flush's answer).
    let size = || std::fs::metadata(&db).unwrap().len();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while size() <= 5 << 20 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(size() > 5 << 20, "the store file holds {} bytes", size());
    assert_eq!(titles(&store, "filing").len(), 50);
}

#[test]
fn a_reader_learns_how_many_articles_the_index_still_lacks() {
    let (_dir, db, mut store, feed) = temp_store();
    store.insert_batch(feed, "F", &[fine()], 1000).unwrap();
    store.wait_for_search_index().unwrap();
    store.insert_batch(feed, "F", &[sued()], 1000).unwrap();
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(reader.search_backlog().unwrap(), 1);
    assert!(titles(&reader, "prime").is_empty(), "not indexed yet");
    store.wait_for_search_index().unwrap();
    assert_eq!(reader.search_backlog().unwrap(), 0);
    assert_eq!(titles(&reader, "prime"), ["FTC sues Amazon over Prime"]);
    // After a cleanup (which raises the store's generation) the index is
    // rebuilt, and lacks every article until it is done.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("UPDATE search_state SET epoch = epoch + 1")
        .unwrap();
    assert_eq!(reader.search_backlog().unwrap(), 2);
}
