//! User state: followed stories and what has been read. Keyed by stable ids
//! and never deleted by cleanup or re-grouping.

use rusqlite::{Connection, params};

use super::{Result, StoreError};
use crate::model::{ArticleId, StoryId};

/// Follows or unfollows a story. Following one that was merged follows the
/// story it was merged into.
pub fn set_follow(conn: &Connection, story: StoryId, follow: bool, now: i64) -> Result<Followed> {
    let live = live_story(conn, story)?;
    let changed = if follow {
        conn.execute(
            "INSERT INTO follows (story_id, followed_at, last_viewed_at, after_article)
             VALUES (?1, ?2, ?2, (SELECT MAX(id) FROM articles)) ON CONFLICT (story_id) DO NOTHING",
            params![live, now],
        )?
    } else {
        conn.execute("DELETE FROM follows WHERE story_id = ?1", [live])?
    };
    Ok(Followed {
        story: live,
        changed: changed > 0,
    })
}

/// What following or unfollowing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Followed {
    /// The story followed: the one asked for, or the story it merged into.
    pub story: StoryId,
    /// False when it was already so.
    pub changed: bool,
}

/// The user has seen these articles of the story (those it showed): they
/// are read, and what else the story holds by now stays new.
pub fn mark_seen(conn: &Connection, story: StoryId, articles: &[ArticleId], now: i64) -> Result<()> {
    viewed_at(conn, story, now)?;
    let mut read = conn.prepare_cached(
        "INSERT OR IGNORE INTO reads (article_id, read_at) SELECT id, ?2 FROM articles WHERE id = ?1",
    )?;
    for a in articles {
        read.execute(params![a, now])?;
    }
    Ok(())
}

/// The user has marked the story read: its new developments are cleared
/// and its articles marked read.
pub fn mark_viewed(conn: &Connection, story: StoryId, now: i64) -> Result<()> {
    let story = viewed_at(conn, story, now)?;
    conn.execute(
        "INSERT OR IGNORE INTO reads (article_id, read_at) SELECT id, ?2 FROM articles WHERE story_id = ?1",
        params![story, now],
    )?;
    Ok(())
}

/// Records when the story (or the one it merged into, which it returns)
/// was last viewed.
fn viewed_at(conn: &Connection, story: StoryId, now: i64) -> Result<StoryId> {
    let story = live_story(conn, story)?;
    conn.execute(
        "UPDATE follows SET last_viewed_at = ?2 WHERE story_id = ?1",
        params![story, now],
    )?;
    Ok(story)
}

/// The story a (possibly merged) id now refers to.
pub fn live_story(conn: &Connection, story: StoryId) -> Result<StoryId> {
    let mut id = story;
    for _ in 0..64 {
        let next: Option<Option<StoryId>> = conn
            .prepare_cached("SELECT merged_into FROM stories WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .map(Some)
            .or_else(|e| {
                if e == rusqlite::Error::QueryReturnedNoRows {
                    Ok(None)
                } else {
                    Err(e)
                }
            })?;
        match next {
            None => {
                return Err(StoreError::NotFound {
                    what: "story",
                    id: story.0,
                });
            }
            Some(None) => return Ok(id),
            Some(Some(into)) => id = into,
        }
    }
    Ok(id)
}
