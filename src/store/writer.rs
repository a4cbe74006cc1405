//! The writer: one thread owns the write connection. Commands queue on a
//! bounded channel; the thread applies every queued command in one
//! transaction, commits, then answers each and announces what changed. If
//! a command fails, the transaction is dropped and the commands applied
//! again, each in its own savepoint, so that the bad one fails alone.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::{broadcast, oneshot};

use super::copies::Copies;
use super::feeds::{FetchRecord, record_fetch};
use super::{CleanupReport, InsertReport, PreparedItem, Result, Store, StoreError, articles, user};
use crate::model::{ArticleId, FeedId, StoryId};

/// At most this many commands share one transaction.
const MAX_BATCH: usize = 256;
/// A small queue: a burst of prepared feeds waits in the poller, not in memory here.
const QUEUE: usize = 32;

/// Something to write.
pub enum WriteCmd {
    /// A feed's new items and the fetch that brought them.
    Ingest {
        feed: FeedId,
        outlet: String,
        items: Vec<PreparedItem>,
        record: FetchRecord,
        now: i64,
        reply: oneshot::Sender<Result<InsertReport, String>>,
    },
    /// A fetch that brought no items (304, an error, 410, Retry-After).
    Record {
        feed: FeedId,
        record: FetchRecord,
        now: i64,
        reply: Option<oneshot::Sender<Result<(), String>>>,
    },
    /// Follow or unfollow a story.
    Follow {
        story: StoryId,
        follow: bool,
        now: i64,
        reply: oneshot::Sender<Result<(), String>>,
    },
    /// The user opened a story: the articles it showed are read, and the
    /// developments they bring seen.
    Viewed {
        story: StoryId,
        articles: Vec<ArticleId>,
        now: i64,
        reply: oneshot::Sender<Result<(), String>>,
    },
    /// The user marked these stories read: every article each holds (a
    /// story merged meanwhile marks the one it went into); one deleted
    /// meanwhile is passed over.
    MarkRead {
        stories: Vec<StoryId>,
        now: i64,
        reply: oneshot::Sender<Result<(), String>>,
    },
    /// Delete articles first seen before `before` (see [`Store::cleanup`]),
    /// in a transaction of its own after the commands queued with it.
    Cleanup {
        before: i64,
        now: i64,
        reply: oneshot::Sender<Result<CleanupReport, String>>,
    },
}

/// How often a writer with nothing to do asks whether another process
/// wrote to the store.
const EXTERNAL_CHECK: Duration = Duration::from_secs(2);

/// What the writer announces after a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreEvent {
    /// Articles were added to these stories (or they were created or merged).
    StoriesChanged(usize),
    /// Feed states changed.
    FeedsChanged,
    /// User state changed.
    UserStateChanged(StoryId),
}

/// Polling settings the writer needs to schedule the next fetch.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub interval: Duration,
    pub max_backoff: Duration,
}

/// The handle used to send commands to the writer thread.
#[derive(Clone)]
pub struct Writer {
    tx: SyncSender<WriteCmd>,
    events: broadcast::Sender<StoreEvent>,
    copies: Copies,
}

#[derive(Debug, thiserror::Error)]
#[error("the store writer has stopped")]
pub struct WriterGone;

impl Writer {
    /// Starts the writer thread on `store`, and its search indexer.
    pub fn spawn(mut store: Store, schedule: Schedule) -> (Writer, JoinHandle<()>) {
        store.start_indexer();
        let copies = store.copies();
        let (tx, rx) = mpsc::sync_channel(QUEUE);
        let (events, _) = broadcast::channel(256);
        let thread_events = events.clone();
        let handle = std::thread::Builder::new()
            .name("store-writer".into())
            .spawn(move || run(store, schedule, rx, thread_events))
            .expect("spawning the store writer thread");
        (Writer { tx, events, copies }, handle)
    }

    /// The bands of the fingerprints the writer has stored (see
    /// [`Copies`]), for preparation to recognise copies before extracting them.
    pub fn copies(&self) -> &Copies {
        &self.copies
    }

    pub fn subscribe(&self) -> broadcast::Receiver<StoreEvent> {
        self.events.subscribe()
    }

    /// Queues a command, waiting (off the async runtime) while the queue is full.
    pub async fn send(&self, mut cmd: WriteCmd) -> Result<(), WriterGone> {
        loop {
            match self.tx.try_send(cmd) {
                Ok(()) => return Ok(()),
                Err(TrySendError::Full(c)) => {
                    cmd = c;
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
                Err(TrySendError::Disconnected(_)) => return Err(WriterGone),
            }
        }
    }

    /// Queues a command from a thread that is not running async code.
    pub fn send_blocking(&self, cmd: WriteCmd) -> Result<(), WriterGone> {
        self.tx.send(cmd).map_err(|_| WriterGone)
    }

    pub async fn follow(&self, story: StoryId, follow: bool) -> Result<(), String> {
        let now = super::unix_now();
        self.ask(|reply| WriteCmd::Follow {
            story,
            follow,
            now,
            reply,
        })
        .await
    }

    /// Deletes articles first seen before `before`, unless their story is followed.
    pub async fn cleanup(&self, before: i64) -> Result<CleanupReport, String> {
        let now = super::unix_now();
        self.ask(|reply| WriteCmd::Cleanup { before, now, reply }).await
    }

    /// The user has seen `articles`, the articles story `story` showed.
    pub async fn viewed(&self, story: StoryId, articles: Vec<ArticleId>) -> Result<(), String> {
        let now = super::unix_now();
        self.ask(|reply| WriteCmd::Viewed {
            story,
            articles,
            now,
            reply,
        })
        .await
    }

    pub async fn mark_read(&self, stories: Vec<StoryId>) -> Result<(), String> {
        let now = super::unix_now();
        self.ask(|reply| WriteCmd::MarkRead { stories, now, reply }).await
    }

    /// Sends the command `make` builds around a reply channel, and waits for the reply.
    async fn ask<T>(&self, make: impl FnOnce(oneshot::Sender<Result<T, String>>) -> WriteCmd) -> Result<T, String> {
        let (reply, rx) = oneshot::channel();
        self.send(make(reply)).await.map_err(|e| e.to_string())?;
        rx.await.map_err(|_| WriterGone.to_string())?
    }
}

fn run(mut store: Store, schedule: Schedule, rx: Receiver<WriteCmd>, events: broadcast::Sender<StoreEvent>) {
    // What another process commits (a `poll --once` from cron beside the
    // reader) is announced as this writer's own commits are: the data
    // version of this connection changes with other connections' commits
    // only, so this writer's own never announce twice.
    let mut version = store.data_version().ok();
    loop {
        let first = match rx.recv_timeout(EXTERNAL_CHECK) {
            Ok(cmd) => cmd,
            Err(RecvTimeoutError::Timeout) => {
                let now = store.data_version().ok();
                if now.is_some() && now != version {
                    version = now;
                    let _ = events.send(StoreEvent::StoriesChanged(0));
                    let _ = events.send(StoreEvent::FeedsChanged);
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(cmd) => batch.push(cmd),
                Err(_) => break,
            }
        }
        apply_batch(&mut store, schedule, batch, &events);
    }
}

/// Writes the batch in one transaction with no savepoint: a savepoint makes
/// SQLite copy each page a command changes before it changes it (5% of the
/// time an article takes to store). If a command fails, the transaction is
/// dropped and the batch written again, one savepoint a command, so that the
/// bad one fails alone. Then answers each command and announces what changed.
fn apply_batch(store: &mut Store, schedule: Schedule, batch: Vec<WriteCmd>, events: &broadcast::Sender<StoreEvent>) {
    let written = match write_batch(store, schedule, &batch, false) {
        Err(Failed::Command) => {
            store.reset_index();
            write_batch(store, schedule, &batch, true)
        }
        written => written,
    };
    let written = written.map_err(|failed| {
        // Nothing was committed: every command of the batch failed.
        store.reset_index();
        let msg = match failed {
            Failed::Store(e) => e.to_string(),
            Failed::Command => "a command failed".to_owned(),
        };
        tracing::error!("store write failed: {msg}");
        msg
    });
    answer(store, batch, written, events);
}

/// What writing a command gave: its report for an ingest; an error when it
/// failed alone.
type Outcome = Result<Option<InsertReport>, String>;

/// Why a batch was not committed.
enum Failed {
    /// A command failed in a batch written without savepoints.
    Command,
    /// The transaction failed (the store locked, the disk full).
    Store(StoreError),
}

/// Writes the batch's commands in one transaction, each in a savepoint of
/// its own if `one_by_one` (then a command that fails takes back only its
/// own writes, and an ingest's failure is recorded on its feed).
fn write_batch(
    store: &mut Store,
    schedule: Schedule,
    batch: &[WriteCmd],
    one_by_one: bool,
) -> Result<Vec<Outcome>, Failed> {
    let copies = store.copies();
    let search = store.search_stream();
    let (mut command_failed, mut any_failed) = (false, false);
    let written = store.write_with_index(|tx, index| {
        let mut outcomes = Vec::with_capacity(batch.len());
        for cmd in batch {
            if !one_by_one {
                let done = write(tx, index, &copies, schedule, cmd);
                command_failed = done.is_err();
                outcomes.push(Ok(done?));
                search.send(&mut index.fresh);
                continue;
            }
            // A command that fails takes back what it logged for stories
            // and kept for the search index, as its savepoint takes back
            // what it wrote.
            let (logged, fresh) = (index.log.len(), index.fresh.len());
            let sp = tx.savepoint()?;
            match write(&sp, index, &copies, schedule, cmd) {
                Ok(done) => {
                    sp.commit()?;
                    search.send(&mut index.fresh);
                    outcomes.push(Ok(done));
                }
                Err(e) => {
                    any_failed = true;
                    drop(sp);
                    index.log.truncate(logged);
                    index.fresh.truncate(fresh);
                    if let WriteCmd::Ingest { feed, now, .. } = cmd {
                        // The items are lost for now but the fetch still
                        // counts: record the error. A feed removed since its
                        // fetch began has no row to record it in: that costs
                        // this command, not the batch.
                        let failed = FetchRecord::Failed {
                            error: format!("could not store items: {e}"),
                        };
                        if let Err(e) = record_fetch(tx, *feed, &failed, *now, schedule.interval, schedule.max_backoff)
                        {
                            tracing::warn!("feed {}: {e}", feed.0);
                        }
                    }
                    outcomes.push(Err(e.to_string()));
                }
            }
        }
        Ok(outcomes)
    });
    if any_failed {
        store.reset_index();
    }
    written.map_err(|e| {
        if command_failed {
            Failed::Command
        } else {
            Failed::Store(e)
        }
    })
}

/// One command's writes; a cleanup runs after the batch.
fn write(
    tx: &rusqlite::Connection,
    index: &mut super::StoryIndex,
    copies: &Copies,
    schedule: Schedule,
    cmd: &WriteCmd,
) -> Result<Option<InsertReport>> {
    let (interval, max_backoff) = (schedule.interval, schedule.max_backoff);
    Ok(match cmd {
        WriteCmd::Ingest {
            feed,
            outlet,
            items,
            record,
            now,
            ..
        } => {
            let report = articles::insert_items(tx, index, copies, *feed, outlet, items, *now)?;
            record_fetch(tx, *feed, record, *now, interval, max_backoff)?;
            Some(report)
        }
        WriteCmd::Record { feed, record, now, .. } => {
            record_fetch(tx, *feed, record, *now, interval, max_backoff)?;
            None
        }
        WriteCmd::Follow { story, follow, now, .. } => {
            user::set_follow(tx, *story, *follow, *now)?;
            None
        }
        WriteCmd::Viewed {
            story, articles, now, ..
        } => {
            user::mark_seen(tx, *story, articles, *now)?;
            None
        }
        WriteCmd::MarkRead { stories, now, .. } => {
            for story in stories {
                match user::mark_viewed(tx, *story, *now) {
                    Ok(()) | Err(super::StoreError::NotFound { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
            None
        }
        WriteCmd::Cleanup { .. } => None,
    })
}

/// Answers each command with its outcome (or the batch's failure), announces
/// what a committed batch changed, then runs the cleanups queued in it, each
/// in a transaction of its own.
fn answer(
    store: &mut Store,
    batch: Vec<WriteCmd>,
    written: Result<Vec<Outcome>, String>,
    events: &broadcast::Sender<StoreEvent>,
) {
    let committed = written.is_ok();
    let outcomes = written.unwrap_or_else(|msg| vec![Err(msg); batch.len()]);
    let mut announce: Vec<StoreEvent> = Vec::new();
    let mut cleanups = Vec::new();
    for (cmd, outcome) in batch.into_iter().zip(outcomes) {
        match cmd {
            WriteCmd::Ingest { reply, .. } => {
                if let Ok(Some(report)) = &outcome
                    && report.stories_touched > 0
                {
                    announce.push(StoreEvent::StoriesChanged(report.stories_touched));
                }
                announce.push(StoreEvent::FeedsChanged);
                let _ = reply.send(outcome.map(Option::unwrap_or_default));
            }
            WriteCmd::Record { reply, .. } => {
                announce.push(StoreEvent::FeedsChanged);
                if let Some(reply) = reply {
                    let _ = reply.send(outcome.map(drop));
                }
            }
            WriteCmd::Follow { story, reply, .. } | WriteCmd::Viewed { story, reply, .. } => {
                announce.push(StoreEvent::UserStateChanged(story));
                let _ = reply.send(outcome.map(drop));
            }
            WriteCmd::MarkRead { reply, .. } => {
                let _ = reply.send(outcome.map(drop));
            }
            WriteCmd::Cleanup { before, now, reply } => cleanups.push((before, now, reply)),
        }
    }
    if committed {
        announce.dedup();
        for e in announce {
            let _ = events.send(e);
        }
    }
    for (before, now, reply) in cleanups {
        let result = store.cleanup(before, now);
        match &result {
            Ok(r) if r.articles > 0 => drop(events.send(StoreEvent::StoriesChanged(r.stories.max(1)))),
            Ok(_) => {}
            Err(e) => tracing::error!("cleanup failed: {e}"),
        }
        let _ = reply.send(result.map_err(|e| e.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ingest(feed: FeedId, guid: &str) -> (WriteCmd, oneshot::Receiver<Result<InsertReport, String>>) {
        let (reply, answer) = oneshot::channel();
        let item = PreparedItem {
            guid: guid.into(),
            title: format!("Title {guid}"),
            text: format!("The text of {guid}."),
            ..Default::default()
        };
        let cmd = WriteCmd::Ingest {
            feed,
            outlet: "F".into(),
            items: vec![item],
            record: FetchRecord::NotModified { moved_to: None },
            now: 1000,
            reply,
        };
        (cmd, answer)
    }

    #[test]
    fn a_command_that_fails_fails_alone_and_the_rest_of_its_batch_is_stored() {
        let mut store = Store::open_in_memory().unwrap();
        let feed = store.add_feed("http://127.0.0.1:9/f", Some("F"), &[]).unwrap();
        let schedule = Schedule {
            interval: Duration::from_secs(600),
            max_backoff: Duration::from_secs(3600),
        };
        let (events, _) = broadcast::channel(16);
        // The second feed does not exist: its article breaks a foreign key.
        let (cmds, mut answers): (Vec<_>, Vec<_>) = [ingest(feed, "a"), ingest(FeedId(999), "b"), ingest(feed, "c")]
            .into_iter()
            .unzip();
        apply_batch(&mut store, schedule, cmds, &events);
        let results: Vec<_> = answers.iter_mut().map(|a| a.try_recv().unwrap()).collect();
        assert!(
            results[0].is_ok() && results[1].is_err() && results[2].is_ok(),
            "{results:?}"
        );
        assert_eq!(store.query_scalar("SELECT COUNT(*) FROM articles"), 2);
        let failed: String = store
            .conn
            .query_row("SELECT last_error FROM feeds WHERE id = ?1", [feed], |r| {
                r.get::<_, Option<String>>(0)
            })
            .unwrap()
            .unwrap_or_default();
        assert_eq!(failed, "", "the feed whose items were stored has no error");
    }
}
