//! The full-text search index. It lives in a file of its own beside the
//! store (`<store>.search.db`) and a thread of its own writes it, so the
//! store writer never tokenises: the writer sends each command's new
//! articles as it stores them (their titles and their texts' distinct
//! words, worked out when the items were prepared), the indexer indexes
//! them on the other core while the writer goes on, and commits them once
//! the writer's commit has held. What it could not follow so (another process's articles, a start
//! on a store it lags behind) it reads from the store, in id order.
//!
//! The index records how far it got and which store and which generation
//! of it (`search_state.epoch`) it reflects; when either differs it is
//! rebuilt from the store. Articles cleanup deletes are logged in the store
//! (`search_deletions`) and removed from the index as it catches up. A lost
//! or damaged index file costs a rebuild, never an article.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread::JoinHandle;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::text::bytemask::byte_mask;

use super::{BUSY_TIMEOUT, Result, StoreError};

/// Articles indexed per transaction: a long catch-up (the first start on a
/// large store) commits as it goes and can stop between chunks.
const CHUNK: i64 = 2000;
/// How long the indexer waits, after a failure, before it tries again
/// unasked.
const RETRY_AFTER_FAILURE: std::time::Duration = std::time::Duration::from_secs(10);

/// The index's schema, in the database attached as `search`.
const SCHEMA: &str = "
CREATE VIRTUAL TABLE IF NOT EXISTS search.articles_fts USING fts5(
    title, text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', detail='none'
);
CREATE TABLE IF NOT EXISTS search.progress (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    store_token  TEXT NOT NULL,     -- search_state.token of the store indexed
    epoch        INTEGER NOT NULL,  -- its search_state.epoch when indexed
    indexed_upto INTEGER NOT NULL,  -- every article up to this id is indexed
    upto_title   TEXT NOT NULL,     -- the title of that article, to notice its id used again
    deleted_upto INTEGER NOT NULL   -- every search_deletions row up to this seq is applied
);
INSERT OR IGNORE INTO search.progress VALUES (1, '', -1, 0, '', 0);
";

/// An index made before articles could be deleted from it (without
/// `contentless_delete`) is dropped, to be rebuilt.
const OLD_FORMAT: &str = "SELECT 1 FROM search.sqlite_master
     WHERE name = 'articles_fts' AND sql NOT LIKE '%contentless_delete=1%'";

/// Where the search index of the store at `store` lives.
pub fn index_path(store: &Path) -> PathBuf {
    store.with_extension("search.db")
}

/// Attaches the index at `file` (a path, or `:memory:`) as `search`.
/// The attachment takes the connection's flags: read-only for a reader.
pub(super) fn attach(conn: &Connection, file: &Path) -> Result<()> {
    let name = file
        .to_str()
        .ok_or_else(|| StoreError::SearchUnavailable(format!("{} is not a UTF-8 path", file.display())))?;
    // The connection reads `file:` names as URIs; a relative path that
    // happens to start so is kept a path.
    let name = if name.starts_with("file:") {
        format!("./{name}")
    } else {
        name.to_owned()
    };
    conn.execute("ATTACH DATABASE ?1 AS search", [name])?;
    Ok(())
}

/// Whether `conn` has an index attached.
pub(super) fn attached(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM pragma_database_list WHERE name = 'search'")?
        .exists([])?)
}

/// Whether the attached index has its tables (a reader may attach a file
/// its indexer has only just created).
pub(super) fn created(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM search.sqlite_master WHERE name = 'progress'")?
        .exists([])?)
}

/// Creates the index's tables in the attached `search` database if needed,
/// tunes it for writing, and gives `conn` what indexing calls.
pub(super) fn create(conn: &Connection) -> Result<()> {
    if conn.prepare(OLD_FORMAT)?.exists([])? {
        conn.execute_batch("BEGIN; DROP TABLE search.articles_fts; DROP TABLE IF EXISTS search.progress; COMMIT;")
            .inspect_err(|_| drop(conn.execute_batch("ROLLBACK")))?;
    }
    conn.execute_batch(&format!("BEGIN; {SCHEMA} {TUNING} COMMIT;"))
        .inspect_err(|_| drop(conn.execute_batch("ROLLBACK")))?;
    conn.create_scalar_function(
        "distinct_words",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(distinct_words(ctx.get_raw(0).as_str().unwrap_or_default())),
    )?;
    Ok(())
}

/// FTS5's settings for the index, kept in its config table. Segments are
/// merged sixteen at a time (with FTS5's default of four, each entry was
/// rewritten about twice as often) and a chunk's entries are gathered in up
/// to 4 MB before they are written (with 1 MB a chunk was written as several
/// small segments, merged again later).
const TUNING: &str = "
INSERT INTO search.articles_fts (articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO search.articles_fts (articles_fts, rank) VALUES ('hashsize', 4194304);
";

/// The words of `text`, lowercased where ASCII, space-separated, and
/// nearly all once: what the index needs of an article's body. The index
/// records only which articles hold a word (`detail='none'`), so this finds
/// the same articles as the text itself while its tokeniser reads about
/// half as many words. Only ASCII letters and digits are word characters among
/// ASCII ones for the tokeniser too, so no word is cut differently; runs of
/// other characters are left whole for it to cut.
pub fn distinct_words(text: &str) -> String {
    // Words are found 64 bytes at a time, as the edges of a bit mask: a
    // branch a byte costs more than the rest here. Eight zero bytes after
    // the text let any word be read eight bytes at a time.
    let mut lowered: Vec<u8> = Vec::with_capacity(text.len() + 8);
    lowered.extend(text.bytes().map(|b| WORD_BYTE[usize::from(b)]));
    let end = lowered.len();
    lowered.extend_from_slice(&[0; 8]);
    let mut out: Vec<u8> = Vec::with_capacity(end + 1);
    // The words kept, one to a slot by hash, as (what tells the word from
    // others: its bytes for a word of up to eight, its hash for a longer
    // one; where it is; its length). A word that finds its slot taken by
    // another is kept again, which changes nothing in the index.
    let mut kept = [(0u64, 0u32, 0u32); 1024];
    let mut keep = |from: usize, len: usize| {
        let head = eight_bytes(&lowered[from..], len);
        let (id, hash) = if len <= 8 {
            (head, head.wrapping_mul(K))
        } else {
            let mut hash = head.wrapping_mul(K);
            for at in (from + 8..from + len).step_by(8) {
                hash = (hash.rotate_left(5) ^ eight_bytes(&lowered[at..], from + len - at)).wrapping_mul(K);
            }
            (hash, hash)
        };
        let word = &lowered[from..][..len];
        let slot = &mut kept[(hash >> 54) as usize];
        let (h, s, l) = *slot;
        if h != id || l as usize != len || (len > 8 && lowered[s as usize..][..len] != *word) {
            *slot = (id, from as u32, len as u32);
            out.extend_from_slice(word);
            out.push(b' ');
        }
    };
    let mut start: Option<usize> = None;
    for (k, block) in lowered[..end].chunks(64).enumerate() {
        let mask = byte_mask(block, |b| b != 0);
        // Where a byte is in a word and the one before is not, or the
        // other way round; past a short last block, the text's end.
        let mut edges = mask ^ (mask << 1 | u64::from(start.is_some()));
        while edges != 0 {
            let at = k * 64 + edges.trailing_zeros() as usize;
            edges &= edges - 1;
            match start.take() {
                Some(from) => keep(from, at - from),
                None => start = Some(at),
            }
        }
    }
    if let Some(from) = start {
        keep(from, end - from);
    }
    // Only ASCII bytes were changed, into ASCII bytes.
    String::from_utf8(out).unwrap_or_default()
}

/// Each byte as it is in a word, lowercased if ASCII, or 0 for a byte that
/// parts words. ASCII letters and digits are the index tokeniser's only
/// ASCII word characters; a non-ASCII character's bytes are kept for the
/// tokeniser to cut.
static WORD_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || byte >= 0x80 {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The multiplier of the words' hash.
const K: u64 = 0xf135_7aea_2e62_a9c5;

/// The first `len` (at most eight) of the eight bytes `bytes` starts with,
/// as a number.
fn eight_bytes(bytes: &[u8], len: usize) -> u64 {
    let x = u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default());
    x & (u64::MAX >> (8 * 8usize.saturating_sub(len)))
}

/// Indexes the store's articles that the condition appended to it picks.
const INDEX_ARTICLES: &str = "INSERT INTO search.articles_fts (rowid, title, text)
     SELECT id, title, distinct_words(text) FROM main.articles WHERE";

/// Indexes up to `limit` committed articles the index lacks, inside the
/// caller's transaction; `main` is the store, `search` the index. Returns
/// how many were indexed (0: the index is complete).
pub(super) fn index_step(conn: &Connection, limit: i64) -> Result<usize> {
    // Written first so that the transaction holds the index's write lock
    // before it reads how far the index got.
    conn.prepare_cached("UPDATE search.progress SET indexed_upto = indexed_upto")?
        .execute([])?;
    let mut upto: i64 = trusted_progress(conn)?.unwrap_or(-1);
    if upto < 0 {
        conn.execute(
            "INSERT INTO search.articles_fts (articles_fts) VALUES ('delete-all')",
            [],
        )?;
        conn.execute(
            "UPDATE search.progress SET (store_token, epoch, indexed_upto, upto_title, deleted_upto) =
             (SELECT token, epoch, 0, '', (SELECT COALESCE(MAX(seq), 0) FROM main.search_deletions)
              FROM main.search_state)",
            [],
        )?;
        upto = 0;
    } else {
        apply_deletions(conn, upto)?;
    }
    let until: Option<i64> = conn
        .prepare_cached("SELECT MAX(id) FROM (SELECT id FROM main.articles WHERE id > ?1 ORDER BY id LIMIT ?2)")?
        .query_row([upto, limit], |r| r.get(0))?;
    let Some(until) = until else { return Ok(0) };
    let n = conn
        .prepare_cached(&format!("{INDEX_ARTICLES} id > ?1 AND id <= ?2"))?
        .execute([upto, until])?;
    set_progress(conn, until)?;
    Ok(n)
}

/// How far the index got, if it can be trusted (see [`TRUSTED`]).
fn trusted_progress(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT CASE WHEN {TRUSTED} THEN p.indexed_upto END {PROGRESS}"
        ))?
        .query_row([], |r| r.get(0))?)
}

/// Records that every article up to `upto`, a stored one, is indexed.
fn set_progress(conn: &Connection, upto: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE search.progress SET (indexed_upto, upto_title) = (SELECT id, title FROM main.articles WHERE id = ?1)",
    )?
    .execute([upto])?;
    Ok(())
}

/// Removes from the index the articles cleanup deleted since it last
/// looked (those it had indexed: the others it will never see), and
/// indexes again those still stored (a fuller copy rewrote their text).
fn apply_deletions(conn: &Connection, upto: i64) -> Result<()> {
    let (from, to): (i64, Option<i64>) = conn
        .prepare_cached(
            "SELECT p.deleted_upto, (SELECT MAX(seq) FROM main.search_deletions)
             FROM search.progress p",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let Some(to) = to.filter(|to| *to > from) else {
        return Ok(());
    };
    conn.prepare_cached(
        "DELETE FROM search.articles_fts WHERE rowid IN
         (SELECT article_id FROM main.search_deletions WHERE seq > ?1 AND seq <= ?2 AND article_id <= ?3)",
    )?
    .execute([from, to, upto])?;
    conn.prepare_cached(&format!(
        "{INDEX_ARTICLES} id <= ?3 AND id IN (SELECT article_id FROM main.search_deletions WHERE seq > ?1 AND seq <= ?2)"
    ))?
    .execute([from, to, upto])?;
    conn.prepare_cached("UPDATE search.progress SET deleted_upto = ?1")?
        .execute([to])?;
    Ok(())
}

/// How far the index of the store at `store` has applied the store's
/// search deletions, and the last article it indexed (`None`: no index, or
/// one that is not this store's).
pub(super) fn applied_deletions(store: &Path) -> Result<Option<(i64, i64)>> {
    let file = index_path(store);
    if !file.exists() {
        return Ok(None);
    }
    let conn = Connection::open_with_flags(
        store,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    attach(&conn, &file)?;
    if !created(&conn)? || conn.prepare(OLD_FORMAT)?.exists([])? {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            &format!("SELECT p.deleted_upto, p.indexed_upto {PROGRESS} WHERE {TRUSTED}"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Merges the index at `file` into one segment, which drops the entries of
/// deleted articles, and rewrites the file to its new size.
pub(super) fn compact(file: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let has_table = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'")?
        .exists([])?;
    if has_table {
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')", [])?;
    }
    super::vacuum(&conn)
}

/// The index's progress beside the store's search state.
const PROGRESS: &str = "FROM search.progress p, main.search_state s";

/// Whether the index holds this store's articles up to `indexed_upto` and
/// nothing else: same store and generation, and the last article it indexed
/// still there, or deleted by a cleanup (not gone with its id taken by
/// another, as when the store is restored from an older copy). Cleanup
/// keeps that article's deletion in the log while it is the index's last.
const TRUSTED: &str = "p.store_token = s.token AND p.epoch = s.epoch AND (p.indexed_upto = 0
     OR EXISTS (SELECT 1 FROM main.articles a WHERE a.id = p.indexed_upto AND a.title = p.upto_title)
     OR (NOT EXISTS (SELECT 1 FROM main.articles a WHERE a.id = p.indexed_upto)
         AND EXISTS (SELECT 1 FROM main.search_deletions d WHERE d.article_id = p.indexed_upto)))";

/// Articles of the store not in the index yet (all of them when the index
/// cannot be trusted).
pub(super) fn unindexed(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT CASE WHEN {TRUSTED}
                    THEN (SELECT COUNT(*) FROM main.articles WHERE id > p.indexed_upto)
                    ELSE (SELECT COUNT(*) FROM main.articles) END {PROGRESS}"
        ))?
        .query_row([], |r| r.get(0))?)
}

/// Whether the index has work to do: articles to add, or itself to rebuild
/// (if only to empty it).
fn has_work(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT CASE WHEN {TRUSTED}
                    THEN EXISTS (SELECT 1 FROM main.articles WHERE id > p.indexed_upto)
                      OR EXISTS (SELECT 1 FROM main.search_deletions WHERE seq > p.deleted_upto)
                    ELSE 1 END {PROGRESS}"
        ))?
        .query_row([], |r| r.get(0))?)
}

/// A connection for indexing: the store as `main`, its index (created if
/// missing) as `search`.
fn open(store: &Path) -> Result<Connection> {
    if !store.exists() {
        return Err(StoreError::SearchUnavailable(format!(
            "no store at {}",
            store.display()
        )));
    }
    // The attached index takes these flags: it may be created.
    let conn = Connection::open_with_flags(
        store,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let file = index_path(store);
    match prepare_index(&conn, &file) {
        Err(StoreError::Corrupt(why)) => {
            // Derived data: a damaged index is dropped and built again.
            tracing::warn!("search index {} is damaged ({why}); rebuilding it", file.display());
            let _ = conn.execute("DETACH DATABASE search", []);
            for suffix in ["", "-wal", "-shm"] {
                let mut name = file.clone().into_os_string();
                name.push(suffix);
                let _ = std::fs::remove_file(name);
            }
            prepare_index(&conn, &file)?;
        }
        other => other?,
    }
    Ok(conn)
}

fn prepare_index(conn: &Connection, file: &Path) -> Result<()> {
    attach(conn, file)?;
    // A power cut may lose the last chunks, indexed again at the next start,
    // but never leaves the index out of step with its progress row.
    conn.pragma_update(Some("search"), "journal_mode", "WAL")?;
    conn.pragma_update(Some("search"), "synchronous", "NORMAL")?;
    create(conn)
}

/// Indexes one chunk in its own transaction.
fn index_chunk(conn: &mut Connection) -> Result<usize> {
    if !has_work(conn)? {
        return Ok(0);
    }
    // Deferred: an immediate transaction would also take the store's write
    // lock, and the store writer must never wait for the index.
    let tx = conn.transaction()?;
    let n = index_step(&tx, CHUNK)?;
    tx.commit()?;
    Ok(n)
}

/// Brings the index of the store at `store` up to date on this thread.
/// Returns how many articles were indexed.
pub fn catch_up(store: &Path) -> Result<usize> {
    let mut conn = open(store)?;
    let mut total = 0;
    loop {
        match index_chunk(&mut conn)? {
            0 => return Ok(total),
            n => total += n,
        }
    }
}

/// Articles the writer stored in the transaction it has open, sent so that
/// the indexer indexes them while the writer goes on (see
/// [`SearchStream`]): each one's title and its text's distinct words,
/// worked out when the item was prepared. They share one buffer: an
/// allocation a batch, not two an article, made on one thread and freed on
/// the other.
#[derive(Debug, Clone, Default)]
pub struct NewArticles {
    words: String,
    /// Each article's id and where its title ends and its words end in `words`.
    articles: Vec<(i64, usize, usize)>,
}

impl NewArticles {
    /// Adds an article: `words` are its text's [`distinct_words`].
    pub fn push(&mut self, id: i64, title: &str, words: &str) {
        self.words.push_str(title);
        let title_end = self.words.len();
        self.words.push_str(words);
        self.articles.push((id, title_end, self.words.len()));
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Keeps the first `n` articles.
    pub fn truncate(&mut self, n: usize) {
        self.articles.truncate(n);
        self.words.truncate(self.articles.last().map_or(0, |a| a.2));
    }

    /// Each article's id, title and words, in the order pushed.
    fn iter(&self) -> impl Iterator<Item = (i64, &str, &str)> {
        let starts = std::iter::once(0).chain(self.articles.iter().map(|a| a.2));
        self.articles
            .iter()
            .zip(starts)
            .map(|(&(id, title_end, end), start)| (id, &self.words[start..title_end], &self.words[title_end..end]))
    }
}

enum Signal {
    /// Articles were committed.
    Nudge,
    /// Index everything committed so far, then answer.
    Flush(Sender<Result<(), String>>),
    /// Articles the writer's open transaction stored, in id order.
    Stored(NewArticles),
    /// The writer's transaction ended, committed or not.
    Ended { committed: bool },
}

/// Where the writer sends the articles it stores while its transaction is
/// open; without an indexer they are dropped (the next indexer reads them
/// from the store).
#[derive(Clone, Default)]
pub struct SearchStream(Option<Sender<Signal>>);

impl SearchStream {
    /// Sends `articles` (stored in the open transaction, and kept by it
    /// whatever else fails), leaving the list empty.
    pub fn send(&self, articles: &mut NewArticles) {
        let Some(indexer) = self.0.as_ref().filter(|_| !articles.is_empty()) else {
            articles.truncate(0);
            return;
        };
        // The next batch is likely as large.
        let room = (articles.words.len(), articles.len());
        let articles = std::mem::replace(
            articles,
            NewArticles {
                words: String::with_capacity(room.0),
                articles: Vec::with_capacity(room.1),
            },
        );
        let _ = indexer.send(Signal::Stored(articles));
    }
}

/// The indexing thread of one store. It catches up when started, indexes
/// the articles of the writer's open transaction as they come (committing
/// them when the writer's commit holds), indexes from the store what
/// anyone else committed when nudged, and on drop indexes at most one more
/// chunk before it stops (what is left is indexed at the next start).
pub struct Indexer {
    signals: Option<Sender<Signal>>,
    thread: Option<JoinHandle<()>>,
}

impl Indexer {
    pub fn spawn(store: &Path) -> Indexer {
        let (signals, rx) = mpsc::channel();
        let store = store.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("search-indexer".into())
            .spawn(move || Worker::new(&store, &rx).run())
            .expect("spawning the search indexer thread");
        Indexer {
            signals: Some(signals),
            thread: Some(thread),
        }
    }

    /// Tells the thread that articles were committed.
    pub fn nudge(&self) {
        self.signal(Signal::Nudge);
    }

    /// Where to send the articles of the writer's open transaction.
    pub fn stream(&self) -> SearchStream {
        SearchStream(self.signals.clone())
    }

    /// Tells the thread that the writer's transaction ended: its articles
    /// are kept if `committed`, dropped otherwise.
    pub fn ended(&self, committed: bool) {
        self.signal(Signal::Ended { committed });
    }

    fn signal(&self, signal: Signal) {
        if let Some(s) = &self.signals {
            let _ = s.send(signal);
        }
    }

    /// Waits until every article committed before the call is indexed.
    pub fn flush(&self) -> Result<(), String> {
        let (reply, answer) = mpsc::channel();
        self.signals
            .as_ref()
            .and_then(|s| s.send(Signal::Flush(reply)).ok())
            .ok_or("the search indexer has stopped")?;
        answer
            .recv()
            .map_err(|_| "the search indexer has stopped".to_string())?
    }
}

impl Drop for Indexer {
    fn drop(&mut self) {
        drop(self.signals.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The writer's open transaction, as the indexer follows it.
enum Streaming {
    /// Its articles, ids `first..=last`, are in the indexer's own open
    /// transaction, to be committed when the writer's commit holds.
    Open { first: i64, last: i64 },
    /// Its articles were let go (they did not follow what the index held,
    /// or could not be indexed): once committed, they are read back from
    /// the store.
    Skipped,
}

/// The indexer thread's state.
struct Worker<'a> {
    store: &'a Path,
    signals: &'a Receiver<Signal>,
    conn: Option<Connection>,
    /// The store alone, to checkpoint it while the index cannot be opened.
    plain: Option<Connection>,
    last_error: Option<String>,
    quiet_rounds: u32,
    /// Articles indexed since the store was last checkpointed.
    unsettled: usize,
    /// The store is to be checkpointed, after any flush already asked.
    checkpoint_due: bool,
    /// A signal taken while looking for a flush, to handle next.
    held: Option<Signal>,
    stream: Option<Streaming>,
    /// Articles of the writer's open transaction that came during a
    /// catch-up, taken in once it ends.
    pending: Vec<NewArticles>,
    flushes: Vec<Sender<Result<(), String>>>,
    /// The owner is gone.
    stopping: bool,
}

impl<'a> Worker<'a> {
    fn new(store: &'a Path, signals: &'a Receiver<Signal>) -> Worker<'a> {
        Worker {
            store,
            signals,
            conn: None,
            plain: None,
            last_error: None,
            quiet_rounds: 0,
            unsettled: 0,
            checkpoint_due: false,
            held: None,
            stream: None,
            pending: Vec::new(),
            flushes: Vec::new(),
            stopping: false,
        }
    }

    fn run(mut self) {
        // Catch up at start as if nudged.
        let mut catch_up = true;
        loop {
            let streaming = matches!(self.stream, Some(Streaming::Open { .. }));
            if (catch_up || self.stopping) && !streaming {
                catch_up = false;
                self.catch_up();
                if self.stopping {
                    if let Some(c) = self.conn.as_ref().filter(|_| self.checkpoint_due) {
                        checkpoint(c);
                    }
                    return;
                }
            }
            if self.checkpoint_due && !streaming {
                // A flush already asked is answered first.
                match self.next_signal() {
                    Ok(Signal::Flush(reply)) => {
                        self.flushes.push(reply);
                        catch_up = true;
                        continue;
                    }
                    Ok(signal) => self.held = Some(signal),
                    Err(_) => {}
                }
                self.checkpoint_due = false;
                if let Some(c) = &self.conn {
                    checkpoint(c);
                }
            }
            let received = match self.next_signal() {
                Ok(signal) => Ok(signal),
                Err(TryRecvError::Disconnected) => Err(()),
                // After a failure (the index locked or unreadable), try
                // again unasked: no commit may come to nudge the indexer.
                Err(TryRecvError::Empty) if self.last_error.is_some() && !streaming => {
                    match self.signals.recv_timeout(RETRY_AFTER_FAILURE) {
                        Ok(signal) => Ok(signal),
                        Err(RecvTimeoutError::Timeout) => Ok(Signal::Nudge),
                        Err(RecvTimeoutError::Disconnected) => Err(()),
                    }
                }
                Err(TryRecvError::Empty) => self.signals.recv().map_err(drop),
            };
            match received {
                Ok(Signal::Nudge) => catch_up = true,
                Ok(Signal::Flush(reply)) => {
                    self.flushes.push(reply);
                    catch_up = true;
                }
                Ok(Signal::Stored(articles)) => self.take_in(articles),
                Ok(Signal::Ended { committed }) => catch_up |= self.stream_ended(committed),
                Err(()) => {
                    self.end_stream(false);
                    self.stopping = true;
                }
            }
        }
    }

    /// The connection to index with, opened if need be.
    fn connection(&mut self) -> Result<&mut Connection> {
        if self.conn.is_none() {
            self.conn = Some(open(self.store)?);
        }
        Ok(self.conn.as_mut().expect("opened above"))
    }

    /// Indexes the articles the writer's open transaction stored, in a
    /// transaction of the indexer's own.
    fn take_in(&mut self, articles: NewArticles) {
        let Some(next) = articles.articles.first().map(|a| a.0) else {
            return;
        };
        let (first, last) = match self.stream {
            Some(Streaming::Skipped) => return,
            Some(Streaming::Open { first, last }) => (first, last),
            None => {
                // Deferred, as in a catch-up: the store's write lock is the writer's.
                if self.connection().and_then(|c| Ok(c.execute_batch("BEGIN")?)).is_err() {
                    self.stream = Some(Streaming::Skipped);
                    return;
                }
                (next, next - 1)
            }
        };
        let conn = self.conn.as_ref().expect("open while streaming");
        self.stream = Some(match add_articles(conn, last, &articles) {
            Ok(last) => Streaming::Open { first, last },
            Err(_) => {
                let _ = conn.execute_batch("ROLLBACK");
                Streaming::Skipped
            }
        });
    }

    /// Commits the articles indexed as they came if the writer committed
    /// them and they follow what the index holds (see [`finish_stream`]),
    /// and returns how many they are and whether the store has articles
    /// after them; otherwise drops them.
    fn end_stream(&mut self, committed: bool) -> Option<(usize, bool)> {
        let Some(Streaming::Open { first, last }) = self.stream.take() else {
            return None;
        };
        let conn = self.conn.as_ref().expect("open while streaming");
        let kept =
            committed && matches!(finish_stream(conn, first, last), Ok(true)) && conn.execute_batch("COMMIT").is_ok();
        if !kept {
            let _ = conn.execute_batch("ROLLBACK");
            return None;
        }
        let more = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM main.articles WHERE id > ?1)")
            .and_then(|mut q| q.query_row([last], |r| r.get(0)))
            .unwrap_or(true);
        Some(((last - first + 1) as usize, more))
    }

    /// Ends the stream of the writer's transaction that ended; returns
    /// whether the store has articles to read back: those not indexed as
    /// they came, or committed after them by anyone but the writer whose
    /// next stream is queued.
    fn stream_ended(&mut self, committed: bool) -> bool {
        match self.end_stream(committed) {
            Some((indexed, more)) => {
                self.end_round(Ok(()), indexed);
                more && !self.stored_next()
            }
            None => committed,
        }
    }

    /// Whether the next signal is the writer's stream of new articles
    /// (looked at, and held for the loop to handle).
    fn stored_next(&mut self) -> bool {
        if self.held.is_none() {
            self.held = self.signals.try_recv().ok();
        }
        matches!(self.held, Some(Signal::Stored(_)))
    }

    /// The signal looked at and held, else the next one queued.
    fn next_signal(&mut self) -> Result<Signal, TryRecvError> {
        self.held.take().map_or_else(|| self.signals.try_recv(), Ok)
    }

    /// Indexes from the store what the index lacks, a chunk at a time.
    fn catch_up(&mut self) {
        let mut indexed = 0;
        let outcome = loop {
            self.drain();
            let step = self.connection().and_then(index_chunk);
            match step {
                Ok(0) => break Ok(()),
                Ok(n) if self.stopping && self.flushes.is_empty() => {
                    indexed += n;
                    break Ok(());
                }
                Ok(n) => indexed += n,
                Err(e) => break Err(e.to_string()),
            }
        };
        self.end_round(outcome, indexed);
        // The writer's transaction still open when the catch-up ended: its
        // articles are indexed as if they had come now, unless it committed
        // in time for the catch-up to read them.
        let upto = self.conn.as_ref().and_then(|c| trusted_progress(c).ok().flatten());
        for articles in std::mem::take(&mut self.pending) {
            let read = articles.articles.first().is_none_or(|a| upto.is_some_and(|u| a.0 <= u));
            if !self.stopping && !read {
                self.take_in(articles);
            }
        }
    }

    /// After a round that indexed `indexed` articles: answers the flushes
    /// waiting, and has the store checkpointed.
    fn end_round(&mut self, outcome: Result<(), String>, indexed: usize) {
        match &outcome {
            Ok(()) => {
                self.last_error = None;
                // Commits that stored no article (a poll of unchanged
                // feeds) write little: checkpointing after each would cost
                // more than it saves.
                self.quiet_rounds = if indexed > 0 { 0 } else { self.quiet_rounds + 1 };
                self.unsettled += indexed;
                // A checkpoint copies each page changed since the last one
                // once: the pages every commit changes (indexes, story rows)
                // are copied once for several commits of a large poll. One
                // is due after CHECKPOINT_ARTICLES articles (a log of some
                // 20 MB, far under WRITER_CHECKPOINT_PAGES), at the first
                // round without new articles, and every few rounds of
                // commits that store none.
                let due = self.unsettled >= CHECKPOINT_ARTICLES
                    || (indexed == 0 && self.unsettled > 0)
                    || (indexed == 0 && self.quiet_rounds.is_multiple_of(QUIET_ROUNDS_PER_CHECKPOINT));
                if due {
                    self.checkpoint_due = true;
                    self.unsettled = 0;
                }
            }
            Err(e) => {
                // A failed index is opened again at the next nudge, or
                // after RETRY_AFTER_FAILURE; each distinct failure is
                // logged once. The store is still checkpointed, as the
                // writer counts on.
                self.conn = None;
                if self.last_error.as_ref() != Some(e) {
                    tracing::warn!("search index: {e}");
                    self.last_error = Some(e.clone());
                }
                if self.plain.is_none() {
                    self.plain = Connection::open_with_flags(
                        self.store,
                        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )
                    .ok();
                }
                if let Some(p) = &self.plain {
                    checkpoint(p);
                }
            }
        }
        for reply in self.flushes.drain(..) {
            let _ = reply.send(outcome.clone());
        }
    }

    /// Takes the signals queued during a catch-up: flushes wait for its
    /// end; articles of a transaction the writer opened meanwhile wait too,
    /// unless it ends before the catch-up does (then they are read back
    /// once committed).
    fn drain(&mut self) {
        loop {
            match self.signals.try_recv() {
                Ok(Signal::Nudge) => {}
                Ok(Signal::Flush(reply)) => self.flushes.push(reply),
                Ok(Signal::Stored(articles)) => self.pending.push(articles),
                Ok(Signal::Ended { .. }) => {
                    self.pending.clear();
                    self.stream = None;
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.stopping = true;
                    return;
                }
            }
        }
    }
}

/// Indexes `articles`, whose ids must follow `last` one by one; returns the
/// last id indexed.
fn add_articles(conn: &Connection, mut last: i64, articles: &NewArticles) -> Result<i64> {
    let mut insert = conn.prepare_cached("INSERT INTO search.articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?;
    for (id, title, words) in articles.iter() {
        if id != last + 1 {
            return Err(StoreError::SearchUnavailable(format!("article {id} came after {last}")));
        }
        insert.execute(rusqlite::params![id, title, words])?;
        last = id;
    }
    Ok(last)
}

/// Completes the index's open transaction holding articles `first..=last`
/// as they came: true when they are the articles right after those the
/// index holds and still the store's (its newest or older), so that the
/// progress can move to `last`. Articles committed after them (the writer
/// went on while they were indexed) are left for their own stream or a
/// catch-up. Deletions logged meanwhile are applied, including the rewrite
/// of an article sent before a fuller copy gave it another text; one of an
/// article after `last` refuses them, as applying it now would leave that
/// article's stream its words from before the rewrite.
fn finish_stream(conn: &Connection, first: i64, last: i64) -> Result<bool> {
    let upto = trusted_progress(conn)?;
    let (newest, deleted_after): (Option<i64>, bool) = conn
        .prepare_cached(
            "SELECT (SELECT MAX(id) FROM main.articles),
                    EXISTS (SELECT 1 FROM main.search_deletions d, search.progress p
                            WHERE d.seq > p.deleted_upto AND d.article_id > ?1)",
        )?
        .query_row([last], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if upto != Some(first - 1) || newest.is_none_or(|n| n < last) || deleted_after {
        return Ok(false);
    }
    apply_deletions(conn, last)?;
    set_progress(conn, last)?;
    Ok(true)
}

/// Copies the store's write-ahead log into the store, as far as readers
/// allow, without waiting for anyone: the store writer leaves this to the
/// indexer (see [`WRITER_CHECKPOINT_PAGES`]).
fn checkpoint(conn: &Connection) {
    if let Err(e) = conn.query_row("PRAGMA main.wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
        tracing::debug!("store checkpoint: {e}");
    }
}

/// Rounds without a new article between two checkpoints.
const QUIET_ROUNDS_PER_CHECKPOINT: u32 = 32;

/// Articles indexed between two checkpoints while articles keep coming.
const CHECKPOINT_ARTICLES: usize = 4000;

/// The write-ahead log size (pages) at which the store writer checkpoints
/// by itself while an indexer runs (SQLite's default is 1,000): only if the
/// indexer's thread cannot checkpoint at all.
pub const WRITER_CHECKPOINT_PAGES: i64 = 10_000;

#[cfg(test)]
mod tests {
    use super::*;

    /// A store in a temporary directory (kept while it lives) holding
    /// articles with these titles, the index caught up with the first
    /// `indexed` of them; and the store's path.
    fn store_with(titles: &[&str], indexed: usize) -> (tempfile::TempDir, PathBuf, crate::store::Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = crate::store::Store::open(&path).unwrap();
        let feed = store.add_feed("http://127.0.0.1:9/f", Some("F"), &[]).unwrap();
        for (n, chunk) in [&titles[..indexed], &titles[indexed..]].into_iter().enumerate() {
            let items: Vec<_> = chunk.iter().map(|t| article(t)).collect();
            store.insert_batch(feed, "F", &items, 1000).unwrap();
            if n == 0 {
                catch_up(&path).unwrap();
            }
        }
        (dir, path, store)
    }

    /// An item titled `title`, its text "`title` in full".
    fn article(title: &str) -> crate::store::PreparedItem {
        crate::store::PreparedItem {
            guid: title.into(),
            title: title.into(),
            text: format!("{title} in full"),
            ..Default::default()
        }
    }

    /// Stores an article titled `title`, as a writer without an indexer does.
    fn commit(store: &mut crate::store::Store, title: &str) {
        let feed = store
            .add_feed(&format!("http://127.0.0.1:9/{title}"), Some(title), &[])
            .unwrap();
        store.insert_batch(feed, title, &[article(title)], 1000).unwrap();
    }

    fn sent(from: i64, titles: &[&str]) -> NewArticles {
        let mut a = NewArticles::default();
        for (i, t) in titles.iter().enumerate() {
            a.push(from + i as i64, t, &format!("{t} in full"));
        }
        a
    }

    fn hits(conn: &Connection, word: &str) -> i64 {
        conn.query_row(
            "SELECT COUNT(*) FROM search.articles_fts WHERE articles_fts MATCH ?1",
            [word],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn articles_sent_as_stored_are_kept_when_they_are_all_the_index_lacks() {
        let (_dir, path, _store) = store_with(&["alpha", "bravo", "charlie"], 1);
        let conn = open(&path).unwrap();
        conn.execute_batch("BEGIN").unwrap();
        assert_eq!(add_articles(&conn, 1, &sent(2, &["bravo", "charlie"])).unwrap(), 3);
        assert!(finish_stream(&conn, 2, 3).unwrap());
        conn.execute_batch("COMMIT").unwrap();
        assert_eq!(unindexed(&conn).unwrap(), 0);
        assert_eq!(
            (hits(&conn, "alpha"), hits(&conn, "charlie"), hits(&conn, "full")),
            (1, 1, 3)
        );
    }

    #[test]
    fn articles_sent_as_stored_are_kept_when_the_writer_has_stored_more_since() {
        let (_dir, path, _store) = store_with(&["alpha", "bravo", "charlie"], 1);
        let conn = open(&path).unwrap();
        // Article 3 was committed while 2 was being indexed.
        conn.execute_batch("BEGIN").unwrap();
        add_articles(&conn, 1, &sent(2, &["bravo"])).unwrap();
        assert!(finish_stream(&conn, 2, 2).unwrap());
        conn.execute_batch("COMMIT").unwrap();
        assert_eq!(unindexed(&conn).unwrap(), 1);
        assert_eq!((hits(&conn, "bravo"), hits(&conn, "charlie")), (1, 0));
        // Its own stream follows.
        conn.execute_batch("BEGIN").unwrap();
        add_articles(&conn, 2, &sent(3, &["charlie"])).unwrap();
        assert!(finish_stream(&conn, 3, 3).unwrap());
        conn.execute_batch("COMMIT").unwrap();
        assert_eq!(unindexed(&conn).unwrap(), 0);
    }

    #[test]
    fn articles_sent_as_stored_are_refused_when_they_skip_one_or_a_later_one_was_rewritten() {
        let (_dir, path, _store) = store_with(&["alpha", "bravo", "charlie"], 1);
        let conn = open(&path).unwrap();
        // They do not follow what the index holds.
        conn.execute_batch("BEGIN").unwrap();
        add_articles(&conn, 2, &sent(3, &["charlie"])).unwrap();
        assert!(!finish_stream(&conn, 3, 3).unwrap());
        conn.execute_batch("ROLLBACK").unwrap();
        // One is missing between them.
        let mut gap = sent(2, &["bravo"]);
        gap.push(4, "delta", "delta in full");
        conn.execute_batch("BEGIN").unwrap();
        assert!(add_articles(&conn, 1, &gap).is_err());
        conn.execute_batch("ROLLBACK").unwrap();
        // A fuller copy rewrote article 3 after it was sent: applying that
        // now would leave 3's stream its old words.
        conn.execute("INSERT INTO main.search_deletions (article_id) VALUES (3)", [])
            .unwrap();
        conn.execute_batch("BEGIN").unwrap();
        add_articles(&conn, 1, &sent(2, &["bravo"])).unwrap();
        assert!(!finish_stream(&conn, 2, 2).unwrap());
        conn.execute_batch("ROLLBACK").unwrap();
        assert_eq!(unindexed(&conn).unwrap(), 2);
        assert_eq!(hits(&conn, "bravo"), 0);
        // Read back from the store, all are indexed once.
        assert_eq!(catch_up(&path).unwrap(), 2);
        assert_eq!(
            (hits(&conn, "bravo"), hits(&conn, "charlie"), hits(&conn, "full")),
            (1, 1, 3)
        );
    }

    #[test]
    fn articles_the_writer_sends_during_a_catch_up_are_indexed_as_they_came_once_it_ends() {
        let (_dir, path, mut store) = store_with(&["alpha"], 0);
        let (signals, rx) = mpsc::channel();
        let mut worker = Worker::new(&path, &rx);
        // The writer stores article 2 in a transaction still open while
        // the indexer catches up with article 1.
        signals.send(Signal::Stored(sent(2, &["bravo streamed"]))).unwrap();
        worker.catch_up();
        assert!(matches!(worker.stream, Some(Streaming::Open { first: 2, last: 2 })));
        commit(&mut store, "bravo");
        assert_eq!(worker.end_stream(true), Some((1, false)));
        let conn = open(&path).unwrap();
        assert_eq!(unindexed(&conn).unwrap(), 0);
        // Its words are those sent, not read back from the store.
        assert_eq!((hits(&conn, "alpha"), hits(&conn, "streamed")), (1, 1));
    }

    #[test]
    fn articles_the_writer_sent_during_a_catch_up_that_read_them_are_not_indexed_again() {
        let (_dir, path, mut store) = store_with(&["alpha"], 0);
        let (signals, rx) = mpsc::channel();
        let mut worker = Worker::new(&path, &rx);
        // Article 2 is sent, and committed before the catch-up reads the store.
        signals.send(Signal::Stored(sent(2, &["bravo streamed"]))).unwrap();
        commit(&mut store, "bravo");
        worker.catch_up();
        assert!(worker.stream.is_none());
        assert!(worker.pending.is_empty());
        let conn = open(&path).unwrap();
        assert_eq!(unindexed(&conn).unwrap(), 0);
        assert_eq!(
            (hits(&conn, "bravo"), hits(&conn, "streamed"), hits(&conn, "full")),
            (1, 0, 2)
        );
    }

    #[test]
    fn a_kept_stream_tells_whether_the_store_holds_articles_after_it() {
        let (_dir, path, _store) = store_with(&["alpha", "bravo", "charlie"], 1);
        let (_signals, rx) = mpsc::channel();
        let mut worker = Worker::new(&path, &rx);
        worker.take_in(sent(2, &["bravo"]));
        assert_eq!(worker.end_stream(true), Some((1, true)));
        worker.take_in(sent(3, &["charlie"]));
        assert_eq!(worker.end_stream(true), Some((1, false)));
    }

    #[test]
    fn articles_committed_after_a_stream_are_read_back_unless_the_writers_next_stream_is_queued() {
        let (_dir, path, _store) = store_with(&["alpha", "bravo", "charlie", "delta"], 1);
        let (signals, rx) = mpsc::channel();
        let mut worker = Worker::new(&path, &rx);
        // Article 3 follows in the writer's next stream, already queued.
        worker.take_in(sent(2, &["bravo"]));
        signals.send(Signal::Stored(sent(3, &["charlie"]))).unwrap();
        assert!(!worker.stream_ended(true));
        assert!(matches!(worker.held, Some(Signal::Stored(_))));
        let Some(Signal::Stored(next)) = worker.held.take() else {
            unreachable!()
        };
        worker.take_in(next);
        // Article 4 came from elsewhere: nothing is queued to bring it.
        assert!(worker.stream_ended(true));
        assert!(worker.held.is_none());
        worker.catch_up();
        assert_eq!(unindexed(worker.conn.as_ref().unwrap()).unwrap(), 0);
    }

    #[test]
    fn an_articles_words_are_kept_once_lowercased_where_ascii() {
        assert_eq!(
            distinct_words("The court, the COURT and the Court’s ruling: Überprüfung über-all"),
            "the court and court’s ruling Überprüfung über all "
        );
        assert_eq!(distinct_words(""), "");
        assert_eq!(distinct_words(" --- ..."), "");
    }

    /// The terms an index made from the texts holds, with how many
    /// articles hold each.
    fn terms(texts: &[String], of: impl Fn(&str) -> String) -> Vec<(String, i64)> {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE f USING fts5(text, content='', tokenize='unicode61 remove_diacritics 2', detail='none');
             CREATE VIRTUAL TABLE v USING fts5vocab(f, 'row');",
        )
        .unwrap();
        for (id, text) in texts.iter().enumerate() {
            conn.execute("INSERT INTO f (rowid, text) VALUES (?1, ?2)", (id as i64, of(text)))
                .unwrap();
        }
        let mut stmt = conn.prepare("SELECT term, doc FROM v ORDER BY term").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_distinct_words_of_a_text_index_as_the_text_does() {
        let mut texts: Vec<String> = [
            "Meta's WhatsApp was FINED €225m; Meta said it would appeal.",
            "L'ÉCOLE naïve — “Écoute” café Café CAFÉ cafe\u{301} İstanbul ISTANBUL",
            "C++ snake_case U.S. e-mail 2024-03-01 3.5% $1,000 #tag @user a|b x<y>z",
            "東京地裁 判決 — Русский СУД суд; العربية\u{200b}zero\u{200b}width",
            "emoji🙂inside words 👍🏽 and tabs\tand\r\nnew\u{0}lines\u{7f}",
        ]
        .map(String::from)
        .to_vec();
        // Texts drawn from awkward characters, the same each run.
        let pieces = [
            "a", "B", "é", "É", "e\u{301}", " ", "-", "'", "’", "_", "0", "9", "ß", "ǅ", "東", "—", "\u{a0}", ".", "Ω",
            "ω", "ﬁ", "\u{2028}", "x", "Z",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        // Up to 160 pieces: words end on and cross the edges of 64-byte blocks.
        for n in 0..300 {
            let mut text = String::new();
            for _ in 0..40 + n % 121 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            texts.push(text);
        }
        let whole = terms(&texts, str::to_owned);
        assert!(whole.len() > 100, "the texts make many terms: {}", whole.len());
        assert_eq!(terms(&texts, distinct_words), whole);
    }
}
