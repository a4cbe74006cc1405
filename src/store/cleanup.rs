//! Cleanup: old articles go, unless their story is followed. Their feed
//! items are remembered as forgotten, so that a feed still carrying one
//! does not bring it back as new, and their ids are logged for the search
//! index to remove them (it is not rebuilt).

use rusqlite::Connection;
use serde::Serialize;

use super::{Result, stories};

/// What a cleanup deleted, or would delete.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CleanupReport {
    /// Articles first seen before the cutoff, deleted.
    pub articles: usize,
    /// Stories left without an article, deleted.
    pub stories: usize,
    /// Articles as old, kept because their story is followed.
    pub kept_followed: usize,
}

/// The articles first seen before `?1` whose story is not followed. The
/// newest article stays whatever its age: article ids are the highest one
/// plus one, so without it new articles would take the ids of deleted ones,
/// and their read marks.
const DOOMED: &str = "SELECT a.id FROM articles a
     WHERE a.first_seen_at < ?1 AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.story_id = a.story_id)
       AND a.id < (SELECT MAX(id) FROM articles)";

/// Old articles kept because their story is followed.
const KEPT: &str = "SELECT COUNT(*) FROM articles a
     WHERE a.first_seen_at < ?1 AND EXISTS (SELECT 1 FROM follows f WHERE f.story_id = a.story_id)";

/// What [`run`] would delete, without deleting it.
pub(super) fn preview(conn: &Connection, before: i64) -> Result<CleanupReport> {
    let articles: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM ({DOOMED})"), [before], |r| r.get(0))?;
    let stories: i64 = conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM stories s
             WHERE s.merged_into IS NULL
               AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.story_id = s.id)
               AND EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)
               AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.id NOT IN ({DOOMED}))"
        ),
        [before],
        |r| r.get(0),
    )?;
    let kept: i64 = conn.query_row(KEPT, [before], |r| r.get(0))?;
    Ok(CleanupReport {
        articles: articles as usize,
        stories: stories as usize,
        kept_followed: kept as usize,
    })
}

/// Deletes the articles first seen before `before` whose story is not
/// followed, and the stories left empty, inside the caller's transaction.
/// Search deletions the index has applied, up to `applied`, are dropped
/// from the log.
pub(super) fn run(conn: &Connection, before: i64, now: i64, applied: Option<i64>) -> Result<CleanupReport> {
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS doomed (id INTEGER PRIMARY KEY)", [])?;
    conn.execute("DELETE FROM temp.doomed", [])?;
    conn.execute(&format!("INSERT INTO temp.doomed {DOOMED}"), [before])?;
    let kept: i64 = conn.query_row(KEPT, [before], |r| r.get(0))?;
    conn.execute(
        "INSERT OR IGNORE INTO forgotten (feed_id, guid, canonical_url, forgotten_at)
         SELECT s.feed_id, s.guid, a.canonical_url, ?1
         FROM sources s JOIN articles a ON a.id = s.article_id
         WHERE s.article_id IN (SELECT id FROM temp.doomed)",
        [now],
    )?;
    if let Some(applied) = applied {
        conn.execute("DELETE FROM search_deletions WHERE seq <= ?1", [applied])?;
    }
    conn.execute(
        "INSERT INTO search_deletions (article_id) SELECT id FROM temp.doomed ORDER BY id",
        [],
    )?;
    let articles = conn.execute("DELETE FROM articles WHERE id IN (SELECT id FROM temp.doomed)", [])?;
    let stories = conn.execute(
        "DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = stories.id)
         AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.story_id = stories.id) AND merged_into IS NULL",
        [],
    )?;
    conn.execute(
        "DELETE FROM story_companies WHERE story_id NOT IN (SELECT id FROM stories)",
        [],
    )?;
    conn.execute(
        "DELETE FROM story_outlets WHERE story_id NOT IN (SELECT id FROM stories)",
        [],
    )?;
    // Stories that lost some articles: counts, outlets and companies again.
    let shrunk: Vec<crate::model::StoryId> = {
        let mut stmt = conn.prepare(
            "SELECT id FROM stories WHERE merged_into IS NULL
             AND article_count != (SELECT COUNT(*) FROM articles a WHERE a.story_id = stories.id)",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for story in shrunk {
        stories::refresh(conn, story)?;
    }
    conn.execute("DELETE FROM temp.doomed", [])?;
    Ok(CleanupReport {
        articles,
        stories,
        kept_followed: kept as usize,
    })
}
