//! The reader's query worker: one thread with its own read-only connection
//! answers loads and searches, so the UI never waits on the store.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use tokio::sync::mpsc::UnboundedSender;

use super::app::{Action, ArticleDoc};
use crate::model::{ArticleId, StoryId};
use crate::store::queries::StoryFilter;
use crate::store::{Store, StoreError};

/// A read for the worker.
#[derive(Debug, Clone)]
pub enum QueryCmd {
    Stories { generation: u64, filter: StoryFilter },
    Story { generation: u64, id: StoryId },
    Article(ArticleId),
    Companies,
    Feeds,
    Search { generation: u64, query: String },
}

/// Starts the worker; replies arrive as actions on `replies`.
pub fn spawn(db: PathBuf, replies: UnboundedSender<Action>) -> Sender<QueryCmd> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("queries".into())
        .spawn(move || run(db, rx, replies))
        .expect("spawning the query thread");
    tx
}

fn run(db: PathBuf, rx: Receiver<QueryCmd>, replies: UnboundedSender<Action>) {
    let mut store: Option<Store> = None;
    while let Ok(first) = rx.recv() {
        // Only the newest of several queued list loads matters.
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        let last_stories = batch.iter().rposition(|c| matches!(c, QueryCmd::Stories { .. }));
        for (i, cmd) in batch.into_iter().enumerate() {
            if matches!(cmd, QueryCmd::Stories { .. }) && Some(i) != last_stories {
                continue;
            }
            if store.is_none() {
                match Store::open_read_only(&db) {
                    Ok(s) => store = Some(s),
                    Err(e) => {
                        let _ = replies.send(failure(&cmd, e.to_string()));
                        continue;
                    }
                }
            }
            let Some(s) = store.as_ref() else { continue };
            let action = answer(s, cmd);
            if replies.send(action).is_err() {
                return;
            }
        }
    }
}

fn answer(s: &Store, cmd: QueryCmd) -> Action {
    match cmd {
        QueryCmd::Stories { generation, filter } => Action::Stories {
            generation,
            result: s.stories(&filter).map_err(|e| e.to_string()),
        },
        QueryCmd::Story { generation, id } => Action::Story {
            generation,
            result: match s.story_view(id) {
                Ok(view) => Ok(Some(view)),
                Err(StoreError::NotFound { .. }) => Ok(None),
                Err(e) => Err(e.to_string()),
            },
        },
        QueryCmd::Article(id) => Action::Article(
            s.article_text(id)
                .map(|(title, link, text)| ArticleDoc { id, title, link, text })
                .map_err(|e| e.to_string()),
        ),
        QueryCmd::Companies => Action::Companies(s.company_counts().unwrap_or_default()),
        QueryCmd::Feeds => Action::Feeds(s.feed_list().unwrap_or_default()),
        QueryCmd::Search { generation, query } => Action::SearchResults {
            generation,
            result: s.search(&query, 500).map_err(|e| e.to_string()),
            unindexed: s.search_backlog().unwrap_or(0),
        },
    }
}

fn failure(cmd: &QueryCmd, e: String) -> Action {
    match cmd {
        QueryCmd::Stories { generation, .. } => Action::Stories {
            generation: *generation,
            result: Err(e),
        },
        QueryCmd::Story { generation, .. } => Action::Story {
            generation: *generation,
            result: Err(e),
        },
        QueryCmd::Article(_) => Action::Article(Err(e)),
        QueryCmd::Companies => Action::Companies(Vec::new()),
        QueryCmd::Feeds => Action::Feeds(Vec::new()),
        QueryCmd::Search { generation, .. } => Action::SearchResults {
            generation: *generation,
            result: Err(e),
            unindexed: 0,
        },
    }
}
