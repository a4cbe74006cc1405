//! The reader's query workers: threads with read-only connections of their
//! own answer loads and searches, so the UI never waits on the store. Lists
//! (stories, companies, feeds) have one thread, and what the reader opens or
//! searches another, so that a story opened during a poll does not wait
//! behind a reload of a large store's list (about 50 ms at 100k articles).

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

/// The two workers' queues.
pub struct Queries {
    lists: Sender<QueryCmd>,
    reads: Sender<QueryCmd>,
}

/// Which worker answers a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Lists,
    Reads,
}

impl QueryCmd {
    pub fn lane(&self) -> Lane {
        match self {
            QueryCmd::Stories { .. } | QueryCmd::Companies | QueryCmd::Feeds => Lane::Lists,
            QueryCmd::Story { .. } | QueryCmd::Article(_) | QueryCmd::Search { .. } => Lane::Reads,
        }
    }
}

impl Queries {
    /// Queues `cmd` for its worker; an error when that worker has stopped.
    pub fn send(&self, cmd: QueryCmd) -> Result<(), mpsc::SendError<QueryCmd>> {
        match cmd.lane() {
            Lane::Lists => self.lists.send(cmd),
            Lane::Reads => self.reads.send(cmd),
        }
    }
}

/// Starts the workers; replies arrive as actions on `replies`.
pub fn spawn(db: PathBuf, replies: UnboundedSender<Action>) -> Queries {
    let start = |name: &str, db: PathBuf, replies: UnboundedSender<Action>| {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || run(db, rx, replies))
            .expect("spawning a query thread");
        tx
    };
    Queries {
        lists: start("queries", db.clone(), replies.clone()),
        reads: start("reads", db, replies),
    }
}

/// Stories in the first answer to the reader's first list load: more than
/// a tall terminal shows, and a small part of a large store's list, which
/// follows at once.
const FIRST_PAGE: usize = 200;

fn run(db: PathBuf, rx: Receiver<QueryCmd>, replies: UnboundedSender<Action>) {
    // Opened before the first query, while the reader waits for nothing; a
    // failure is met again, and reported, at the first query.
    let mut store: Option<Store> = Store::open_read_only(&db).ok();
    let mut first_list = true;
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
            if let QueryCmd::Stories { generation, filter } = &cmd
                && std::mem::take(&mut first_list)
                && filter.limit.is_none()
            {
                let (page, complete) = first_page(s, *generation, filter);
                if replies.send(page).is_err() {
                    return;
                }
                if complete {
                    continue;
                }
            }
            let action = answer(s, cmd);
            if replies.send(action).is_err() {
                return;
            }
        }
    }
}

/// The newest stories of a list load, drawn while the rest of a large list
/// loads (about 50 ms at 100k articles), and whether they are all of it.
fn first_page(s: &Store, generation: u64, filter: &StoryFilter) -> (Action, bool) {
    // One more than the page tells whether there is more.
    let mut page = s.stories(&StoryFilter {
        limit: Some(FIRST_PAGE + 1),
        ..filter.clone()
    });
    let complete = page.as_ref().map_or(true, |list| list.len() <= FIRST_PAGE);
    if let Ok(list) = &mut page {
        list.truncate(FIRST_PAGE);
    }
    let action = Action::Stories {
        generation,
        result: page.map_err(|e| e.to_string()),
        complete,
    };
    (action, complete)
}

fn answer(s: &Store, cmd: QueryCmd) -> Action {
    match cmd {
        QueryCmd::Stories { generation, filter } => Action::Stories {
            generation,
            result: s.stories(&filter).map_err(|e| e.to_string()),
            complete: true,
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
            result: s.search(&query, super::app::SEARCH_LIMIT).map_err(|e| e.to_string()),
            unindexed: s.search_backlog().unwrap_or(0),
        },
    }
}

fn failure(cmd: &QueryCmd, e: String) -> Action {
    match cmd {
        QueryCmd::Stories { generation, .. } => Action::Stories {
            generation: *generation,
            result: Err(e),
            complete: true,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A store of `n` one-article stories (no two share a word), and its path.
    fn store_of(n: usize) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        let feed = store.add_feed("http://127.0.0.1:9/f", Some("F"), &[]).unwrap();
        let items: Vec<_> = (0..n)
            .map(|i| crate::store::PreparedItem {
                guid: format!("g{i}"),
                title: format!("q{i}alpha q{i}beta q{i}gamma"),
                text: format!("q{i}delta q{i}epsilon"),
                published_at: Some(1_700_000_000 + i as i64 * 60),
                ..Default::default()
            })
            .collect();
        store.insert_batch(feed, "F", &items, 1_700_100_000).unwrap();
        (dir, path)
    }

    /// The worker's replies to list loads `cmds`, each sent once the last is
    /// wholly answered: the ids of each list, and whether it was complete.
    fn list_replies(db: PathBuf, cmds: Vec<QueryCmd>) -> Vec<(Vec<StoryId>, bool)> {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let queries = spawn(db, tx);
        let mut out = Vec::new();
        for cmd in cmds {
            queries.send(cmd).unwrap();
            while let Some(action) = rx.blocking_recv() {
                let Action::Stories { result, complete, .. } = action else {
                    continue;
                };
                out.push((result.unwrap().iter().map(|s| s.id).collect(), complete));
                if complete {
                    break;
                }
            }
        }
        out
    }

    fn load(generation: u64) -> QueryCmd {
        QueryCmd::Stories {
            generation,
            filter: StoryFilter::default(),
        }
    }

    #[test]
    fn the_first_list_load_answers_with_the_newest_stories_then_with_all() {
        let (_dir, db) = store_of(FIRST_PAGE + 50);
        let replies = list_replies(db, vec![load(1), load(2)]);
        let [(page, false), (all, true), (again, true)] = replies.as_slice() else {
            panic!("{replies:?}")
        };
        assert_eq!(all.len(), FIRST_PAGE + 50);
        assert_eq!(page.as_slice(), &all[..FIRST_PAGE], "the newest, in the list's order");
        assert_eq!(again, all, "later loads are answered once");
    }

    #[test]
    fn what_the_reader_opens_or_searches_does_not_queue_behind_lists() {
        let cmds = [
            (load(1), Lane::Lists),
            (QueryCmd::Companies, Lane::Lists),
            (QueryCmd::Feeds, Lane::Lists),
            (
                QueryCmd::Story {
                    generation: 1,
                    id: StoryId(1),
                },
                Lane::Reads,
            ),
            (QueryCmd::Article(ArticleId(1)), Lane::Reads),
            (
                QueryCmd::Search {
                    generation: 1,
                    query: "q1alpha".into(),
                },
                Lane::Reads,
            ),
        ];
        for (cmd, lane) in &cmds {
            assert_eq!(cmd.lane(), *lane, "{cmd:?}");
        }
        // Each lane's worker answers.
        let (_dir, db) = store_of(3);
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let queries = spawn(db, tx);
        for (cmd, _) in cmds {
            queries.send(cmd).unwrap();
        }
        drop(queries);
        let mut answered = Vec::new();
        while let Some(action) = rx.blocking_recv() {
            answered.push(match action {
                Action::Stories { .. } => "stories",
                Action::Companies(_) => "companies",
                Action::Feeds(_) => "feeds",
                Action::Story { .. } => "story",
                Action::Article(_) => "article",
                Action::SearchResults { .. } => "search",
                _ => "other",
            });
        }
        answered.sort();
        assert_eq!(
            answered,
            ["article", "companies", "feeds", "search", "stories", "story"]
        );
    }

    #[test]
    fn a_list_no_longer_than_a_page_is_answered_once() {
        for n in [12, FIRST_PAGE] {
            let (_dir, db) = store_of(n);
            let replies = list_replies(db, vec![load(1)]);
            assert!(
                matches!(replies.as_slice(), [(list, true)] if list.len() == n),
                "{replies:?}"
            );
        }
    }
}
