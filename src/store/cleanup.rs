//! Cleanup: old articles go, unless their story is followed. Their feed
//! items are remembered as forgotten, so that a feed still carrying one
//! does not bring it back as new, and their ids are logged for the search
//! index to remove them (it is not rebuilt).

use rusqlite::Connection;
use serde::Serialize;

use super::{Result, stories};
use crate::model::StoryId;

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

/// The articles first seen before `?1` whose story is not followed, with
/// their story. The newest article stays whatever its age: article ids are
/// the highest one plus one, so without it new articles would take the ids
/// of deleted ones, and their read marks.
const DOOMED: &str = "SELECT a.id, a.story_id FROM articles a
     WHERE a.first_seen_at < ?1 AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.story_id = a.story_id)
       AND a.id < (SELECT MAX(id) FROM articles)";

/// Old articles kept because their story is followed.
const KEPT: &str = "SELECT COUNT(*) FROM articles a
     WHERE a.first_seen_at < ?1 AND EXISTS (SELECT 1 FROM follows f WHERE f.story_id = a.story_id)";

/// Of the stories of the articles in `doomed` (a table or a query of
/// [`DOOMED`]'s columns), those left without an article. The newest story
/// stays, as the newest article does: story ids are not used again either.
fn emptied(doomed: &str) -> String {
    format!(
        "SELECT DISTINCT d.story_id FROM ({doomed}) d JOIN stories s ON s.id = d.story_id
         WHERE s.merged_into IS NULL AND s.id < (SELECT MAX(id) FROM stories)
           AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.id NOT IN (SELECT id FROM ({doomed})))"
    )
}

/// What [`run`] would delete, without deleting it.
pub(super) fn preview(conn: &Connection, before: i64) -> Result<CleanupReport> {
    let articles: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM ({DOOMED})"), [before], |r| r.get(0))?;
    let stories: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM ({})", emptied(DOOMED)), [before], |r| {
        r.get(0)
    })?;
    let kept: i64 = conn.query_row(KEPT, [before], |r| r.get(0))?;
    Ok(CleanupReport {
        articles: articles as usize,
        stories: stories as usize,
        kept_followed: kept as usize,
    })
}

/// Deletes the articles first seen before `before` whose story is not
/// followed, and the stories they leave empty, inside the caller's
/// transaction. `applied` is how far the search index has applied the log
/// of deletions, and its last article: what it applied leaves the log,
/// except that article's deletion (see `fulltext::TRUSTED`).
pub(super) fn run(conn: &Connection, before: i64, now: i64, applied: Option<(i64, i64)>) -> Result<CleanupReport> {
    if let Some((upto, last)) = applied {
        conn.execute(
            "DELETE FROM search_deletions WHERE seq <= ?1 AND article_id <> ?2",
            [upto, last],
        )?;
    }
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS doomed (id INTEGER PRIMARY KEY, story_id INTEGER)",
        [],
    )?;
    conn.execute("DELETE FROM temp.doomed", [])?;
    conn.execute(&format!("INSERT INTO temp.doomed {DOOMED}"), [before])?;
    let kept: i64 = conn.query_row(KEPT, [before], |r| r.get(0))?;
    let doomed: i64 = conn.query_row("SELECT COUNT(*) FROM temp.doomed", [], |r| r.get(0))?;
    if doomed == 0 {
        return Ok(CleanupReport {
            kept_followed: kept as usize,
            ..Default::default()
        });
    }
    conn.execute(
        "INSERT OR IGNORE INTO forgotten (feed_id, guid, canonical_url, forgotten_at)
         SELECT s.feed_id, s.guid, a.canonical_url, ?1
         FROM sources s JOIN articles a ON a.id = s.article_id
         WHERE s.article_id IN (SELECT id FROM temp.doomed)",
        [now],
    )?;
    conn.execute(
        "INSERT INTO search_deletions (article_id) SELECT id FROM temp.doomed ORDER BY id",
        [],
    )?;
    let emptied_stories: Vec<StoryId> = {
        let mut stmt = conn.prepare(&emptied("SELECT id, story_id FROM temp.doomed"))?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let articles = conn.execute("DELETE FROM articles WHERE id IN (SELECT id FROM temp.doomed)", [])?;
    let mut gone = emptied_stories.clone();
    let mut delete_story = conn.prepare("DELETE FROM stories WHERE id = ?1")?;
    for story in &emptied_stories {
        delete_story.execute([story])?;
    }
    // Stories merged into a deleted one lead nowhere now.
    loop {
        let orphans: Vec<StoryId> = {
            let mut stmt = conn.prepare(
                "SELECT id FROM stories WHERE merged_into IS NOT NULL
                 AND merged_into NOT IN (SELECT id FROM stories)
                 AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.story_id = stories.id)",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if orphans.is_empty() {
            break;
        }
        for story in &orphans {
            delete_story.execute([story])?;
        }
        gone.extend(orphans);
    }
    for story in &gone {
        conn.execute("DELETE FROM story_companies WHERE story_id = ?1", [story])?;
        conn.execute("DELETE FROM story_outlets WHERE story_id = ?1", [story])?;
    }
    // Stories that lost some articles: counts, outlets and companies again.
    let shrunk: Vec<StoryId> = {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT d.story_id FROM temp.doomed d JOIN stories s ON s.id = d.story_id
             WHERE s.merged_into IS NULL",
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
        stories: emptied_stories.len(),
        kept_followed: kept as usize,
    })
}
