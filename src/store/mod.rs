//! The embedded store: SQLite (bundled) in WAL mode. One writer owns the
//! write connection; readers open their own.

pub mod articles;
pub mod cleanup;
pub mod copies;
pub mod dedup;
pub mod feeds;
pub mod fulltext;
pub mod grouping;
pub mod queries;
pub mod readers;
pub mod schema;
pub mod stories;
pub mod user;
pub mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::model::FeedId;

pub use articles::{InsertReport, PreparedItem};
pub use cleanup::CleanupReport;
pub use feeds::{FeedRow, FetchRecord};
pub use stories::StoryIndex;

/// How long a write waits for another process's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Prepared statements kept per connection: storing one article runs about
/// twenty distinct ones, more than rusqlite's default of 16.
const STATEMENT_CACHE: usize = 64;
/// The writer's page cache: SQLite's default, up to an eighth of the store
/// (64 MB from a 512 MB store on: ingest at 100k articles, a 400 MB store,
/// ran 1–6% faster with 50 MB than with a cap of 32).
const MIN_CACHE_KIB: i64 = 2000;
const MAX_CACHE_KIB: i64 = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the store's folder {path}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("the store is locked by another process (waited {0:?}); try again when it has finished")]
    Busy(Duration),
    #[error("the store is read-only: {0}")]
    ReadOnly(String),
    #[error("the disk is full: the change was not saved")]
    DiskFull,
    #[error("the store is damaged: {0}")]
    Corrupt(String),
    #[error("the store was written by a newer counterpoint (schema {found}, this build knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("search is unavailable: {0}")]
    SearchUnavailable(String),
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("store error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy(BUSY_TIMEOUT),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(e.to_string()),
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A connection to the store with the schema in place.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    /// Loaded on the first insert; dropped whenever a write fails, so it is
    /// rebuilt from what was really committed.
    index: Option<StoryIndex>,
    /// The bands of stored fingerprints, shared with preparation; cleared
    /// with the story index, and caught up at each write.
    copies: copies::Copies,
    /// Opened for reading only: searches attach the index to this connection.
    read_only: bool,
    /// Keeps the search index of a file store up to date, once started.
    indexer: Option<fulltext::Indexer>,
    /// The page cache set by [`Store::fit_cache`], in KiB.
    cache_kib: i64,
    /// `PRAGMA data_version` when the story index was last known to hold
    /// every commit: it changes when another connection commits.
    data_version: Option<i64>,
    /// Followed stories' new developments as the list last counted them
    /// (see [`queries`]).
    developments: std::cell::RefCell<queries::DevelopmentCounts>,
}

impl Store {
    /// Opens (creating if needed) the store at `path` for reading and writing.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let opened = (|| {
            let conn = Connection::open(path)?;
            let mut store = Store {
                conn,
                path: Some(path.to_path_buf()),
                index: None,
                copies: Default::default(),
                read_only: false,
                indexer: None,
                cache_kib: 0,
                data_version: None,
                developments: Default::default(),
            };
            store.configure()?;
            store.migrate()?;
            Ok(store)
        })();
        let store = opened.map_err(|e| diagnose(path, e))?;
        Ok(store)
    }

    /// Opens an existing store for reading only (the reader's queries).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", true)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            index: None,
            copies: Default::default(),
            read_only: true,
            indexer: None,
            cache_kib: 0,
            data_version: None,
            developments: Default::default(),
        })
    }

    /// A private in-memory store, for tests and one-shot commands.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            index: None,
            copies: Default::default(),
            read_only: false,
            indexer: None,
            cache_kib: 0,
            data_version: None,
            developments: Default::default(),
        };
        store.configure()?;
        store.migrate()?;
        fulltext::attach(&store.conn, Path::new(":memory:"))?;
        fulltext::create(&store.conn)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Plans that do not depend on bound values: without it, SQLite
        // prepares some cached statements again at every run.
        self.conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // A new store's pages hold an article of a few KB without overflow
        // pages; an existing store keeps its size.
        self.conn.pragma_update(None, "page_size", 8192)?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.fit_cache()
    }

    /// Sizes the page cache to the store, up to a cap: the indexes of a
    /// large store then stay in memory between inserts, and a small store
    /// costs no more memory than SQLite's default.
    fn fit_cache(&mut self) -> Result<()> {
        let bytes: i64 = self
            .conn
            .prepare_cached("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")?
            .query_row([], |r| r.get(0))?;
        let kib = (bytes / 8 / 1024).clamp(MIN_CACHE_KIB, MAX_CACHE_KIB);
        if kib != self.cache_kib {
            self.conn.pragma_update(None, "cache_size", -kib)?;
            self.cache_kib = kib;
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew { found: version, known });
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Runs `f` in an IMMEDIATE write transaction, committed if `f` succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let result = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        result.map_err(|e| self.diagnosed(e))
    }

    /// A low-level I/O error explained when its cause can be seen: a full
    /// disk or a read-only file system.
    pub fn diagnosed(&self, e: StoreError) -> StoreError {
        match &self.path {
            Some(p) => diagnose(p, e),
            None => e,
        }
    }

    /// Runs `f` in an IMMEDIATE write transaction with the story index at
    /// hand (for inserting articles), committed if `f` succeeds.
    pub fn write_with_index<T>(
        &mut self,
        f: impl FnOnce(&mut rusqlite::Transaction, &mut StoryIndex) -> Result<T>,
    ) -> Result<T> {
        let mut index = self.index.take();
        let seen = self.data_version;
        let inline_search = self.path.is_none();
        let search = self.search_stream();
        let result = (|| {
            let mut tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // What another process committed since this one last wrote (a
            // poll beside the reader) is in neither the story index nor the
            // bands: both are read again.
            let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
            if seen.is_some_and(|v| v != version) {
                index = None;
                self.copies.clear();
            }
            let index = match &mut index {
                Some(index) => index,
                None => index.insert(stories::load_index(&tx)?),
            };
            self.copies.catch_up(&tx)?;
            let out = f(&mut tx, index)?;
            search.send(&mut index.fresh);
            index.log.write(&tx)?;
            stories::update_company_lists(&tx, index.take_grown())?;
            index.let_go_of_recalled();
            if inline_search {
                fulltext::index_step(&tx, i64::MAX)?;
            }
            tx.commit()?;
            Ok((out, version))
        })();
        if let Some(indexer) = &self.indexer {
            indexer.ended(result.is_ok());
        }
        let (out, version) = result.map_err(|e| self.diagnosed(e))?;
        // This connection's own commits leave its data version as it was.
        self.data_version = Some(version);
        self.index = index;
        // A failure here costs speed, not data.
        let _ = self.fit_cache();
        Ok(out)
    }

    /// Starts keeping the search index of this file store up to date on a
    /// thread of its own (an in-memory store indexes as it writes). Without
    /// it, articles written now are indexed when an indexer next starts.
    pub fn start_indexer(&mut self) {
        if let (Some(path), None, false) = (&self.path, &self.indexer, self.read_only) {
            self.indexer = Some(fulltext::Indexer::spawn(path));
            // The indexer checkpoints the store on its own thread.
            let _ = self
                .conn
                .pragma_update(None, "wal_autocheckpoint", fulltext::WRITER_CHECKPOINT_PAGES);
        }
    }

    /// Waits until every committed article is in the search index, indexing
    /// here when no indexer runs.
    pub fn wait_for_search_index(&self) -> Result<()> {
        match (&self.path, &self.indexer) {
            (None, _) => Ok(()),
            (Some(_), Some(indexer)) => indexer.flush().map_err(StoreError::SearchUnavailable),
            (Some(path), None) => fulltext::catch_up(path).map(drop),
        }
    }

    /// Where a write sends the articles it stores, for the search indexer
    /// to index them while the transaction goes on.
    pub fn search_stream(&self) -> fulltext::SearchStream {
        self.indexer.as_ref().map(fulltext::Indexer::stream).unwrap_or_default()
    }

    fn search_index_changed(&self) {
        if let Some(indexer) = &self.indexer {
            indexer.nudge();
        }
    }

    /// Forgets the story index and the fingerprints' bands (after a partly
    /// failed batch), to be rebuilt from what was committed.
    pub fn reset_index(&mut self) {
        self.index = None;
        self.copies.clear();
    }

    /// The bands of stored fingerprints, which [`articles::insert_items`]
    /// keeps up to date; preparation reads them to skip copies' extraction.
    pub fn copies(&self) -> copies::Copies {
        self.copies.clone()
    }

    /// Stores one feed's prepared items in one transaction.
    pub fn insert_batch(
        &mut self,
        feed: FeedId,
        outlet: &str,
        items: &[PreparedItem],
        now: i64,
    ) -> Result<InsertReport> {
        let copies = self.copies();
        self.write_with_index(|tx, index| articles::insert_items(tx, index, &copies, feed, outlet, items, now))
    }

    /// Several feeds' items in one transaction, as the writer thread
    /// commits the batches queued behind each other: all are stored or none.
    pub fn insert_batches(
        &mut self,
        batches: &[(FeedId, &str, &[PreparedItem])],
        now: i64,
    ) -> Result<Vec<InsertReport>> {
        let copies = self.copies();
        let search = self.search_stream();
        self.write_with_index(|tx, index| {
            batches
                .iter()
                .map(|(feed, outlet, items)| {
                    let report = articles::insert_items(tx, index, &copies, *feed, outlet, items, now)?;
                    search.send(&mut index.fresh);
                    Ok(report)
                })
                .collect()
        })
    }

    /// Groups every article again from scratch; follows carry over (see
    /// [`stories::regroup`]). Returns the number of stories.
    pub fn regroup(&mut self) -> Result<usize> {
        let n = self.write(|tx| stories::regroup(tx))?;
        self.reset_index();
        Ok(n)
    }

    /// Deletes articles first seen before `before`, unless their story is
    /// followed, and stories left empty (see [`cleanup`]). Follows and read
    /// marks are kept; the search index removes the articles when it next
    /// catches up.
    pub fn cleanup(&mut self, before: i64, now: i64) -> Result<CleanupReport> {
        let inline_search = self.path.is_none();
        // The deletions the index has applied, read beside the writer's
        // connection (which never attaches the index): they leave the log.
        let applied = self
            .path
            .as_deref()
            .and_then(|p| fulltext::applied_deletions(p).ok().flatten());
        let report = self.write(|tx| {
            let report = cleanup::run(tx, before, now, applied)?;
            if inline_search {
                fulltext::index_step(tx, i64::MAX)?;
            }
            Ok(report)
        })?;
        if report.articles > 0 || report.stories > 0 {
            self.reset_index();
            self.search_index_changed();
        }
        Ok(report)
    }

    /// Gives the space of deleted rows back to the file system: rewrites the
    /// store, and the search index after merging its segments. Returns the
    /// bytes the two files held before and after.
    pub fn compact(&mut self) -> Result<Compacted> {
        let Some(path) = self.path.clone() else {
            return Ok(Compacted::default());
        };
        let index = fulltext::index_path(&path);
        // The index drops the deleted articles first.
        self.wait_for_search_index()?;
        let before = (file_bytes(&path), file_bytes(&index));
        vacuum(&self.conn)?;
        if index.exists() {
            fulltext::compact(&index)?;
        }
        Ok(Compacted {
            before,
            after: (file_bytes(&path), file_bytes(&index)),
        })
    }

    /// What [`Store::cleanup`] would delete.
    pub fn cleanup_preview(&self, before: i64) -> Result<CleanupReport> {
        cleanup::preview(&self.conn, before)
    }

    /// `PRAGMA data_version`: it changes when another connection commits,
    /// never with this one's own commits.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// One integer from a query, for checks and tests.
    ///
    /// # Panics
    /// When the query fails: it is meant for SQL written by the caller.
    pub fn query_scalar(&self, sql: &str) -> i64 {
        self.conn
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// SQLite reports a full disk or a read-only file system under several
/// codes ("disk I/O error", "unable to open database file"); a small write
/// beside the store tells which it was.
fn diagnose(path: &Path, e: StoreError) -> StoreError {
    let vague = match &e {
        StoreError::Sqlite(inner) => matches!(
            inner.sqlite_error_code(),
            Some(
                rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly
            )
        ),
        StoreError::ReadOnly(_) => true,
        _ => false,
    };
    if !vague {
        return e;
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".counterpoint-probe-{}", std::process::id()));
    let result = std::fs::write(&probe, [0u8; 64 * 1024]);
    let _ = std::fs::remove_file(&probe);
    match result {
        Err(io) if io.kind() == std::io::ErrorKind::StorageFull => StoreError::DiskFull,
        Err(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            StoreError::ReadOnly(format!("{} cannot be written ({io})", path.display()))
        }
        _ => e,
    }
}

/// The sizes in bytes of the store and its search index, with their
/// write-ahead logs, before and after [`Store::compact`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compacted {
    pub before: (u64, u64),
    pub after: (u64, u64),
}

/// Rewrites the database of `conn` to its used size, its write-ahead log
/// emptied before and after. The copy VACUUM makes goes to a temporary
/// file, not to memory.
fn vacuum(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    conn.pragma_update(None, "temp_store", "FILE")?;
    let vacuumed = conn.execute_batch("VACUUM");
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    vacuumed?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// The bytes of a database file and its write-ahead log (0 when missing).
fn file_bytes(path: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    size(path) + size(Path::new(&wal))
}

/// Seconds since the epoch, the store's unit of time.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_twice_keeps_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/store.db");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        let v: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, schema::MIGRATIONS.len() as i64);
        let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn a_store_from_before_the_separate_search_index_drops_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let old = Connection::open(&path).unwrap();
        old.execute_batch(schema::MIGRATIONS[0]).unwrap();
        old.pragma_update(None, "user_version", 1).unwrap();
        drop(old);
        let store = Store::open(&path).unwrap();
        let fts = store.query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'articles_fts%'");
        assert_eq!(fts, 0);
        let token: String = store
            .conn
            .query_row("SELECT token FROM search_state", [], |r| r.get(0))
            .unwrap();
        assert_eq!(token.len(), 32);
    }

    #[test]
    fn a_store_from_before_the_signature_table_finds_its_copies() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let old = Connection::open(&path).unwrap();
        old.execute_batch(schema::MIGRATIONS[0]).unwrap();
        old.execute_batch(schema::MIGRATIONS[1]).unwrap();
        old.pragma_update(None, "user_version", 2).unwrap();
        let body = "word ".repeat(10) + &(0..80).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let sig = dedup::fingerprint(&body).unwrap();
        old.execute_batch(
            "INSERT INTO feeds (url, configured_url, origin) VALUES ('http://a.test/', 'http://a.test/', 'config');
             INSERT INTO stories (headline, first_seen_at, last_activity_at) VALUES ('T', 1, 1);",
        )
        .unwrap();
        old.execute(
            "INSERT INTO articles (canonical_url, outlet, signature, title, feed_id, first_seen_at, text, story_id)
             VALUES ('a.test/1', 'a.test', ?1, 'T', 1, 1, ?2, 1)",
            rusqlite::params![sig.to_bytes(), body],
        )
        .unwrap();
        drop(old);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.query_scalar("SELECT COUNT(*) FROM article_signatures"), 1);
        let bands = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'signature_bands'";
        assert_eq!(store.query_scalar(bands), 0);
        let copy = PreparedItem {
            guid: "copy".into(),
            canonical_url: Some("b.test/elsewhere".into()),
            title: "T".into(),
            text: body,
            fingerprint: Some(sig),
            ..Default::default()
        };
        let report = store.insert_batch(FeedId(1), "A", &[copy], 2).unwrap();
        assert_eq!((report.new_articles, report.merged_by_fingerprint), (0, 1));
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
    }
}
