//! Stories: articles about one event, grouped as they are stored.
//!
//! An article joins the recent story whose wording (TF-IDF cosine of title
//! and lede), companies and time fit it best, or starts a new one. A link to
//! the same court filing or press release joins stories outright. When an
//! article fits two stories strongly, they merge into the older one, which
//! stays followed if either was. Stories never split on their own.
//!
//! The headline of a story is the title of its earliest article (by
//! publication date, else by when it was first seen), so it does not jump
//! around as coverage arrives.

use rusqlite::{Connection, OptionalExtension, params};
use rustc_hash::{FxHashMap, FxHashSet};

use super::Result;
use super::articles::PreparedItem;
pub use super::grouping::{ArticleSignals, SignalParts, StoryIndex};
use super::grouping::{INDEX_HORIZON, MERGE_THRESHOLD, WINDOW};

/// Rebuilds the grouping index from the stories active in the last 30 days
/// of the store's own timeline.
pub fn load_index(tx: &Connection) -> Result<StoryIndex> {
    let mut index = StoryIndex::default();
    let newest: Option<i64> = tx.query_row(
        "SELECT MAX(last_activity_at) FROM stories WHERE merged_into IS NULL",
        [],
        |r| r.get(0),
    )?;
    let Some(newest) = newest else { return Ok(index) };
    index.set_complete_from(newest - INDEX_HORIZON);
    for stored in stored_signals(
        tx,
        "s.merged_into IS NULL AND s.last_activity_at >= ?1",
        newest - INDEX_HORIZON,
        false,
    )? {
        if let Some(story) = stored.story {
            index.add(story, &stored.signals);
        }
    }
    Ok(index)
}
use crate::model::{ArticleId, StoryId};

/// An article as grouping sees it, read back from the store.
struct Stored {
    article: ArticleId,
    story: Option<StoryId>,
    title: String,
    outlet: String,
    companies: Vec<(String, i64)>,
    signals: ArticleSignals<'static>,
}

/// Reads the signals of articles from the store, with their story, oldest
/// first. Case numbers are read from the whole text when `whole` (regroup:
/// the rules may have changed) or when none were stored yet, and stored.
fn stored_signals(tx: &Connection, condition: &str, arg: i64, whole: bool) -> Result<Vec<Stored>> {
    let sql = format!(
        "SELECT a.id, a.story_id, a.title,
                CASE WHEN ?2 OR a.case_numbers IS NULL THEN a.text ELSE substr(a.text, 1, 1200) END,
                COALESCE(a.published_at, a.first_seen_at), a.links,
                a.companies, a.title_companies, a.allegations > 0, a.accused, a.responding, a.outlet,
                a.case_numbers
         FROM articles a LEFT JOIN stories s ON s.id = a.story_id
         WHERE {condition} ORDER BY COALESCE(a.published_at, a.first_seen_at), a.id"
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params![arg, whole])?;
    let mut out = Vec::new();
    let mut found: Vec<(ArticleId, String)> = Vec::new();
    let tabs = |s: &str| -> Vec<String> { s.split('\t').filter(|c| !c.is_empty()).map(str::to_owned).collect() };
    while let Some(r) = rows.next()? {
        let title: String = r.get(2)?;
        let text: String = r.get(3)?;
        let links: String = r.get(5)?;
        let links: Vec<String> = links.lines().map(str::to_owned).collect();
        let (mentioned, title_companies): (String, String) = (r.get(6)?, r.get(7)?);
        let (accused, responding): (String, String) = (r.get(9)?, r.get(10)?);
        let stored: Option<String> = r.get(12)?;
        let cases = match stored {
            Some(c) if !whole => tabs(&c),
            stored => {
                let cases = super::grouping::case_numbers(&text);
                let joined = cases.join("\t");
                if stored.as_deref() != Some(joined.as_str()) {
                    found.push((r.get(0)?, joined));
                }
                cases
            }
        };
        let signals = ArticleSignals::from_parts(SignalParts {
            title: &title,
            text: &text,
            case_numbers: &cases,
            companies: &tabs(&mentioned),
            title_companies: &tabs(&title_companies),
            links: &links,
            charged: r.get(8)?,
            time: r.get(4)?,
        });
        out.push(Stored {
            article: r.get(0)?,
            story: r.get(1)?,
            companies: ranked(&accused, &responding, &mentioned, &title_companies),
            outlet: r.get(11)?,
            title,
            signals,
        });
    }
    drop(rows);
    let mut update = tx.prepare_cached("UPDATE articles SET case_numbers = ?2 WHERE id = ?1")?;
    for (article, cases) in found {
        update.execute(rusqlite::params![article, cases])?;
    }
    Ok(out)
}

/// Groups every stored article again, from scratch and in time order (after
/// the grouping rules change). Story ids change; follows carry over: every
/// new story holding articles of a followed story is followed, with the
/// old story's times, so a story that splits stays followed in all its parts.
pub fn regroup(tx: &Connection) -> Result<usize> {
    let follows: Vec<(StoryId, Follow)> = {
        let mut stmt = tx.prepare("SELECT followed_at, last_viewed_at, after_article, story_id FROM follows")?;
        let rows = stmt.query_map([], |r| Ok((r.get(3)?, Follow::from_row(r)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let articles = stored_signals(tx, "1 = ?1", 1, true)?;
    let old_max: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM stories", [], |r| r.get(0))?;
    tx.execute("UPDATE articles SET story_id = NULL", [])?;
    tx.execute("DELETE FROM story_companies", [])?;
    tx.execute("DELETE FROM stories", [])?;
    let mut index = StoryIndex::default();
    let mut moved: Vec<(StoryId, StoryId)> = Vec::new();
    tx.execute("DELETE FROM story_outlets", [])?;
    for a in &articles {
        let facts = ArticleFacts {
            title: &a.title,
            time: a.signals.time,
            outlet: &a.outlet,
            companies: a.companies.clone(),
        };
        let new = assign_signals(tx, &mut index, a.article, &a.signals, &facts)?;
        if let Some(old) = a.story {
            moved.push((old, new));
        }
    }
    let renumbered = keep_ids(tx, &articles, old_max)?;
    for (_, new) in &mut moved {
        *new = renumbered.get(new).copied().unwrap_or(*new);
    }
    let mut live: Vec<StoryId> = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT COALESCE(merged_into, id) FROM stories")?;
        let rows = stmt.query_map([], |r| r.get::<_, StoryId>(0))?;
        for r in rows {
            live.push(r?);
        }
    }
    live.sort();
    live.dedup();
    for story in &live {
        refresh(tx, *story)?;
    }
    tx.execute("DELETE FROM follows", [])?;
    for (old, follow) in follows {
        let mut targets: Vec<StoryId> = moved
            .iter()
            .filter(|(o, _)| *o == old)
            .map(|(_, n)| super::user::live_story(tx, *n))
            .collect::<Result<_>>()?;
        targets.sort();
        targets.dedup();
        for t in targets {
            follow.apply_to(tx, t)?;
        }
    }
    Ok(live.len())
}

/// Puts a new article into a story: the best fitting recent one, or a new
/// one. `insert` stores the article under the chosen story (so the article
/// row is written once) and returns its id.
pub fn assign(
    tx: &Connection,
    index: &mut StoryIndex,
    item: &PreparedItem,
    outlet: &str,
    now: i64,
    insert: impl FnOnce(StoryId) -> Result<ArticleId>,
) -> Result<StoryId> {
    let responding: Vec<String> = item.findings.responses.iter().map(|r| r.company.clone()).collect();
    let facts = ArticleFacts {
        title: &item.title,
        time: item.published_at.unwrap_or(now),
        outlet,
        companies: ranked(
            &item.findings.accused().join("\t"),
            &responding.join("\t"),
            &item.companies.join("\t"),
            &item.title_companies.join("\t"),
        ),
    };
    let signals = ArticleSignals::of(item, now);
    recall_stories(tx, index, &signals)?;
    let story = choose_story(tx, index, &signals, &facts)?;
    let article = insert(story)?;
    Ok(join_story(index, article, story, &signals, &facts))
}

/// Gives each story regrouping made the id of the story its earliest
/// article was in before, unless an earlier story took it; the others get
/// ids above the highest the store had, so that an id kept anywhere (a
/// script, `follow ID`) names the same event or none. Returns how ids
/// changed.
fn keep_ids(tx: &Connection, articles: &[Stored], old_max: i64) -> Result<FxHashMap<StoryId, StoryId>> {
    let was: FxHashMap<ArticleId, StoryId> = articles
        .iter()
        .filter_map(|a| a.story.map(|s| (a.article, s)))
        .collect();
    // The stories made, in id order (merged ones too), with the earliest
    // article each holds now.
    let made: Vec<(StoryId, Option<ArticleId>)> = {
        let mut stmt = tx.prepare(
            "SELECT s.id, (SELECT a.id FROM articles a WHERE a.story_id = s.id
                           ORDER BY COALESCE(a.published_at, a.first_seen_at), a.id LIMIT 1)
             FROM stories s ORDER BY s.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut taken: FxHashSet<StoryId> = FxHashSet::default();
    let mut fresh = old_max;
    let mut map: FxHashMap<StoryId, StoryId> = FxHashMap::default();
    for (new, first) in &made {
        let target = match first.and_then(|a| was.get(&a)).filter(|old| !taken.contains(*old)) {
            Some(old) => *old,
            None => {
                fresh += 1;
                StoryId(fresh)
            }
        };
        taken.insert(target);
        map.insert(*new, target);
    }
    // Moved out of the way first, then to their ids: the two ranges meet.
    let shift = old_max.max(fresh) + made.last().map_or(0, |(id, _)| id.0) + 1;
    tx.execute_batch(
        "PRAGMA defer_foreign_keys = ON;
         CREATE TEMP TABLE IF NOT EXISTS regroup_ids (made INTEGER PRIMARY KEY, kept INTEGER NOT NULL);
         DELETE FROM regroup_ids;",
    )?;
    {
        let mut put = tx.prepare("INSERT INTO regroup_ids (made, kept) VALUES (?1, ?2)")?;
        for (new, target) in &map {
            put.execute(params![new.0 + shift, target])?;
        }
    }
    for sql in [
        "UPDATE stories SET id = id + ?1, merged_into = merged_into + ?1",
        "UPDATE articles SET story_id = story_id + ?1 WHERE story_id IS NOT NULL",
        "UPDATE story_companies SET story_id = story_id + ?1",
        "UPDATE story_outlets SET story_id = story_id + ?1",
    ] {
        tx.execute(sql, [shift])?;
    }
    for (table, column) in [
        ("stories", "id"),
        ("stories", "merged_into"),
        ("articles", "story_id"),
        ("story_companies", "story_id"),
        ("story_outlets", "story_id"),
    ] {
        tx.execute(
            &format!(
                "UPDATE {table} SET {column} = (SELECT kept FROM regroup_ids WHERE made = {column}) WHERE {column} IS NOT NULL"
            ),
            [],
        )?;
    }
    tx.execute_batch("DROP TABLE regroup_ids")?;
    Ok(map)
}

/// Reads back into the index the stories of an article's time that share a
/// company with it and that the index does not hold: an item months old,
/// a feed added with its archive, would otherwise start a story of its own
/// beside its event's. (An article naming no company is left to the stories
/// in memory: wording alone joins few.)
fn recall_stories(tx: &Connection, index: &mut StoryIndex, signals: &ArticleSignals) -> Result<()> {
    let Some(complete_from) = index.misses(signals.time) else {
        return Ok(());
    };
    if signals.companies.is_empty() {
        return Ok(());
    }
    let (from, to) = (signals.time.saturating_sub(WINDOW), signals.time.saturating_add(WINDOW));
    let marks = vec!["?"; signals.companies.len()].join(", ");
    // Not cached: its times are written in, and it runs for old articles only.
    let mut stmt = tx.prepare(&format!(
        "SELECT DISTINCT s.id FROM story_companies c JOIN stories s ON s.id = c.story_id
         WHERE c.company IN ({marks}) AND s.merged_into IS NULL
           AND s.last_activity_at >= {from} AND s.last_activity_at < {complete_from} AND s.first_seen_at <= {to}"
    ))?;
    let ids: Vec<StoryId> = stmt
        .query_map(rusqlite::params_from_iter(&signals.companies), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<StoryId>>>()?
        .into_iter()
        .filter(|s| !index.holds(*s))
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let list = ids.iter().map(|s| s.0.to_string()).collect::<Vec<_>>().join(",");
    for stored in stored_signals(tx, &format!("a.story_id IN ({list}) AND ?1 > 0"), 1, false)? {
        if let Some(story) = stored.story {
            index.add_recalled(story, &stored.signals);
        }
    }
    Ok(())
}

/// [`assign`] for an article already stored (regrouping).
pub fn assign_signals(
    tx: &Connection,
    index: &mut StoryIndex,
    article: ArticleId,
    signals: &ArticleSignals,
    facts: &ArticleFacts,
) -> Result<StoryId> {
    let story = choose_story(tx, index, signals, facts)?;
    tx.prepare_cached("UPDATE articles SET story_id = ?2 WHERE id = ?1")?
        .execute(params![article, story])?;
    Ok(join_story(index, article, story, signals, facts))
}

/// The story an article with these signals belongs to; stories it bridges
/// are merged first. A new story has no headline article until one joins.
fn choose_story(
    tx: &Connection,
    index: &mut StoryIndex,
    signals: &ArticleSignals,
    facts: &ArticleFacts,
) -> Result<StoryId> {
    let candidates = index.candidates(signals);
    Ok(match candidates.first() {
        Some(&(best, _)) => {
            for &(other, score) in candidates.iter().skip(1) {
                if score >= MERGE_THRESHOLD {
                    let (keep, gone) = if other < best { (other, best) } else { (best, other) };
                    merge(tx, index, gone, keep)?;
                    return Ok(keep);
                }
            }
            best
        }
        None => {
            tx.prepare_cached("INSERT INTO stories (headline, first_seen_at, last_activity_at) VALUES (?1, ?2, ?2)")?
                .execute(params![facts.title, facts.time])?;
            StoryId(tx.last_insert_rowid())
        }
    })
}

/// Counts an article stored under `story` into the index, and into the
/// story when the transaction ends ([`StoryLog`]).
fn join_story(
    index: &mut StoryIndex,
    article: ArticleId,
    story: StoryId,
    signals: &ArticleSignals,
    facts: &ArticleFacts,
) -> StoryId {
    index.log.article(story, article, facts);
    index.add(story, signals);
    story
}

/// Merges story `gone` into `keep`: articles move, follow state carries over.
pub fn merge(tx: &Connection, index: &mut StoryIndex, gone: StoryId, keep: StoryId) -> Result<()> {
    index.log.write_story(tx, gone)?;
    index.log.write_story(tx, keep)?;
    for sql in [
        "UPDATE articles SET story_id = ?2 WHERE story_id = ?1",
        "UPDATE stories SET merged_into = ?2 WHERE id = ?1",
        "UPDATE stories SET merged_into = ?2 WHERE merged_into = ?1",
    ] {
        tx.prepare_cached(sql)?.execute(params![gone, keep])?;
    }
    tx.prepare_cached("DELETE FROM story_companies WHERE story_id = ?1")?
        .execute([gone])?;
    tx.prepare_cached("DELETE FROM story_outlets WHERE story_id = ?1")?
        .execute([gone])?;
    carry_follow(tx, gone, keep)?;
    index.merge(gone, keep);
    refresh(tx, keep)?;
    Ok(())
}

/// A follow on `from` applies to `to` as well; when both were followed the
/// earlier of each time and article bound wins, so no development goes
/// unmarked.
pub fn carry_follow(tx: &Connection, from: StoryId, to: StoryId) -> Result<()> {
    let old: Option<Follow> = tx
        .prepare_cached("SELECT followed_at, last_viewed_at, after_article FROM follows WHERE story_id = ?1")?
        .query_row([from], Follow::from_row)
        .optional()?;
    if let Some(follow) = old {
        follow.apply_to(tx, to)?;
    }
    Ok(())
}

/// A follow as stored: when it was made, last viewed, and the highest
/// article id when it was made.
struct Follow {
    followed_at: i64,
    viewed: i64,
    after_article: Option<i64>,
}

impl Follow {
    /// From a row whose first three columns are `followed_at`,
    /// `last_viewed_at` and `after_article`.
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Follow> {
        Ok(Follow {
            followed_at: r.get(0)?,
            viewed: r.get(1)?,
            after_article: r.get(2)?,
        })
    }

    /// Follows `story` so; a follow it has already takes the earlier of each
    /// (an id left unrecorded, NULL, gives way to a recorded one).
    fn apply_to(&self, tx: &Connection, story: StoryId) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO follows (story_id, followed_at, last_viewed_at, after_article) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (story_id) DO UPDATE SET followed_at = MIN(followed_at, excluded.followed_at),
                 last_viewed_at = MIN(last_viewed_at, excluded.last_viewed_at),
                 after_article = MIN(COALESCE(after_article, excluded.after_article),
                                     COALESCE(excluded.after_article, after_article))",
        )?
        .execute(params![story, self.followed_at, self.viewed, self.after_article])?;
        Ok(())
    }
}

pub fn story_of(tx: &Connection, article: ArticleId) -> Result<Option<StoryId>> {
    Ok(tx
        .prepare_cached("SELECT story_id FROM articles WHERE id = ?1")?
        .query_row([article], |r| r.get::<_, Option<StoryId>>(0))
        .optional()?
        .flatten())
}

/// [`refresh`] for a story that may have articles logged in the current
/// transaction: what was logged is written first.
pub fn refresh_logged(tx: &Connection, index: &mut StoryIndex, story: StoryId) -> Result<()> {
    index.log.write_story(tx, story)?;
    refresh(tx, story)
}

/// Recomputes a story's headline, counts, companies and activity time.
pub fn refresh(tx: &Connection, story: StoryId) -> Result<()> {
    tx.prepare_cached(
        "UPDATE stories SET
            article_count = (SELECT COUNT(*) FROM articles WHERE story_id = ?1),
            first_seen_at = COALESCE((SELECT MIN(COALESCE(published_at, first_seen_at)) FROM articles WHERE story_id = ?1), first_seen_at),
            last_activity_at = COALESCE((SELECT MAX(COALESCE(published_at, first_seen_at)) FROM articles WHERE story_id = ?1), last_activity_at),
            headline_article_id = (SELECT id FROM articles WHERE story_id = ?1 ORDER BY COALESCE(published_at, first_seen_at), id LIMIT 1)
         WHERE id = ?1",
    )?
    .execute([story])?;
    tx.prepare_cached(
        "UPDATE stories SET headline = (SELECT title FROM articles WHERE id = headline_article_id) WHERE id = ?1 AND headline_article_id IS NOT NULL",
    )?
    .execute([story])?;
    tx.prepare_cached("DELETE FROM story_outlets WHERE story_id = ?1")?
        .execute([story])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO story_outlets (story_id, outlet)
         SELECT ?1, s.outlet FROM sources s JOIN articles a ON a.id = s.article_id WHERE a.story_id = ?1",
    )?
    .execute([story])?;
    tx.prepare_cached(
        "UPDATE stories SET outlet_count = (SELECT COUNT(*) FROM story_outlets WHERE story_id = ?1) WHERE id = ?1",
    )?
    .execute([story])?;
    tx.prepare_cached("DELETE FROM story_companies WHERE story_id = ?1")?
        .execute([story])?;
    let rows: Vec<(String, String, String, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT accused, responding, companies, title_companies FROM articles WHERE story_id = ?1",
        )?;
        let rows = stmt.query_map([story], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (accused, responding, mentioned, title) in rows {
        add_companies(tx, story, &ranked(&accused, &responding, &mentioned, &title))?;
    }
    update_company_list(tx, story)
}

/// An article's companies with their rank in a story: 0 accused, 1
/// responding, 2 mentioned.
pub fn ranked(accused: &str, responding: &str, mentioned: &str, title: &str) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for (list, rank) in [(accused, 0), (responding, 1), (title, 2), (mentioned, 2)] {
        for c in list.split('\t').filter(|c| !c.is_empty()) {
            if !out.iter().any(|(x, _)| x == c) {
                out.push((c.to_owned(), rank));
            }
        }
    }
    out
}

fn add_companies(tx: &Connection, story: StoryId, companies: &[(String, i64)]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO story_companies (story_id, company, rank, n) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (company, story_id) DO UPDATE SET rank = MIN(rank, excluded.rank), n = n + 1",
    )?;
    for (c, rank) in companies {
        stmt.execute(params![story, c, rank])?;
    }
    Ok(())
}

/// [`update_company_list`] for each of `grown` (or the story it was merged
/// into), once each: once per transaction, however many feeds' batches
/// added to a story.
pub fn update_company_lists(tx: &Connection, grown: Vec<StoryId>) -> Result<()> {
    let mut live = grown
        .into_iter()
        .map(|s| super::user::live_story(tx, s))
        .collect::<Result<Vec<_>>>()?;
    live.sort();
    live.dedup();
    for story in live {
        update_company_list(tx, story)?;
    }
    Ok(())
}

/// The story's company list for display: accused first, then responding,
/// then mentioned; within each, those its headline names, then by how often.
pub fn update_company_list(tx: &Connection, story: StoryId) -> Result<()> {
    // Two plain statements: the single UPDATE with a grouped subquery was
    // re-prepared by SQLite at every run.
    let headline: String = tx
        .prepare_cached("SELECT headline FROM stories WHERE id = ?1")?
        .query_row([story], |r| r.get(0))?;
    let mut rows: Vec<(String, i64, i64)> = tx
        .prepare_cached("SELECT company, rank, n FROM story_companies WHERE story_id = ?1")?
        .query_map([story], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_by_cached_key(|(company, rank, n)| (*rank, !names_word(&headline, company), -n, company.clone()));
    let names: Vec<&str> = rows.iter().map(|(c, _, _)| c.as_str()).collect();
    tx.prepare_cached("UPDATE stories SET companies = ?2 WHERE id = ?1")?
        .execute(params![story, names.join("\t")])?;
    Ok(())
}

/// Whether `text` holds `name` as whole words, ignoring ASCII case ("X" in
/// "Fine for X", not in "Texas").
fn names_word(text: &str, name: &str) -> bool {
    let (bytes, len) = (text.as_bytes(), name.len());
    if len == 0 || len > bytes.len() {
        return false;
    }
    // A match starts and ends on character boundaries: `name` is UTF-8 and
    // only ASCII letters compare across case.
    (0..=bytes.len() - len).any(|at| {
        bytes[at..at + len].eq_ignore_ascii_case(name.as_bytes())
            && text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
            && text[at + len..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    })
}

/// What a story learns from one new article.
#[derive(Debug, Clone)]
pub struct ArticleFacts<'a> {
    pub title: &'a str,
    pub time: i64,
    pub outlet: &'a str,
    pub companies: Vec<(String, i64)>,
}

/// What a transaction adds to stories, written once per story when it ends
/// ([`StoryLog::write`]): a story that gains five articles from five feeds
/// in one commit has its row, outlets and companies written once, not five
/// times. A command that fails gives back what it logged
/// ([`StoryLog::truncate`]), as its savepoint gives back what it wrote.
#[derive(Debug, Default)]
pub struct StoryLog(Vec<Logged>);

#[derive(Debug)]
enum Logged {
    Article {
        story: StoryId,
        article: ArticleId,
        time: i64,
        title: String,
        outlet: String,
        companies: Vec<(String, i64)>,
    },
    /// A copy of an article in the story, seen in `outlet`.
    Outlet { story: StoryId, outlet: String },
    /// What was logged for the story before this is written.
    Written(StoryId),
}

impl Logged {
    fn story(&self) -> StoryId {
        match self {
            Logged::Article { story, .. } | Logged::Outlet { story, .. } | Logged::Written(story) => *story,
        }
    }
}

/// One story's share of the log, gathered.
#[derive(Debug, Default)]
struct Gathered {
    articles: i64,
    /// The earliest article (the first of equals): time, title, id.
    earliest: Option<(i64, String, ArticleId)>,
    latest: i64,
    outlets: Vec<String>,
    /// Company, best rank, articles naming it.
    companies: Vec<(String, i64, i64)>,
}

impl StoryLog {
    fn article(&mut self, story: StoryId, article: ArticleId, facts: &ArticleFacts) {
        self.0.push(Logged::Article {
            story,
            article,
            time: facts.time,
            title: facts.title.to_owned(),
            outlet: facts.outlet.to_owned(),
            companies: facts.companies.clone(),
        });
    }

    /// Counts a copy of an article in `outlet` for its story.
    pub fn outlet(&mut self, story: StoryId, outlet: String) {
        self.0.push(Logged::Outlet { story, outlet });
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Forgets what was logged after the first `len` entries.
    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// Writes everything logged, story by story, and empties the log.
    pub fn write(&mut self, tx: &Connection) -> Result<()> {
        let mut order: Vec<StoryId> = Vec::new();
        let mut gathered: rustc_hash::FxHashMap<StoryId, Gathered> = Default::default();
        for entry in &self.0 {
            let story = entry.story();
            if let Logged::Written(_) = entry {
                gathered.remove(&story);
                continue;
            }
            let g = gathered.entry(story).or_insert_with(|| {
                order.push(story);
                Gathered::default()
            });
            g.add(entry);
        }
        self.0.clear();
        for story in order {
            if let Some(g) = gathered.remove(&story) {
                g.write(tx, story)?;
            }
        }
        Ok(())
    }

    /// Writes what was logged for `story` alone (before it is merged, or
    /// another story is merged into it).
    fn write_story(&mut self, tx: &Connection, story: StoryId) -> Result<()> {
        let mut g = Gathered::default();
        for entry in self.0.iter().filter(|e| e.story() == story) {
            match entry {
                Logged::Written(_) => g = Gathered::default(),
                _ => g.add(entry),
            }
        }
        g.write(tx, story)?;
        self.0.push(Logged::Written(story));
        Ok(())
    }
}

impl Gathered {
    fn add(&mut self, entry: &Logged) {
        match entry {
            Logged::Article {
                article,
                time,
                title,
                outlet,
                companies,
                ..
            } => {
                self.articles += 1;
                if self.earliest.as_ref().is_none_or(|(t, _, _)| time < t) {
                    self.earliest = Some((*time, title.clone(), *article));
                }
                self.latest = if self.articles == 1 {
                    *time
                } else {
                    self.latest.max(*time)
                };
                self.add_outlet(outlet);
                for (name, rank) in companies {
                    match self.companies.iter_mut().find(|(c, _, _)| c == name) {
                        Some((_, best, n)) => {
                            *best = (*best).min(*rank);
                            *n += 1;
                        }
                        None => self.companies.push((name.clone(), *rank, 1)),
                    }
                }
            }
            Logged::Outlet { outlet, .. } => self.add_outlet(outlet),
            Logged::Written(_) => {}
        }
    }

    fn add_outlet(&mut self, outlet: &str) {
        if !self.outlets.iter().any(|o| o == outlet) {
            self.outlets.push(outlet.to_owned());
        }
    }

    /// The story's counts, headline, times, outlets and companies, as if
    /// its articles had been added one by one.
    fn write(self, tx: &Connection, story: StoryId) -> Result<()> {
        if let Some((time, title, article)) = &self.earliest {
            tx.prepare_cached(
                "UPDATE stories SET article_count = article_count + ?5,
                     headline = CASE WHEN ?2 < first_seen_at THEN ?3 ELSE headline END,
                     headline_article_id = CASE WHEN ?2 < first_seen_at OR headline_article_id IS NULL THEN ?4 ELSE headline_article_id END,
                     first_seen_at = MIN(first_seen_at, ?2), last_activity_at = MAX(last_activity_at, ?6)
                 WHERE id = ?1",
            )?
            .execute(params![story, time, title, article, self.articles, self.latest])?;
        }
        let mut added = 0;
        for outlet in &self.outlets {
            added += tx
                .prepare_cached("INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?1, ?2)")?
                .execute(params![story, outlet])?;
        }
        if added > 0 {
            tx.prepare_cached("UPDATE stories SET outlet_count = outlet_count + ?2 WHERE id = ?1")?
                .execute(params![story, added as i64])?;
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO story_companies (story_id, company, rank, n) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (company, story_id) DO UPDATE SET rank = MIN(rank, excluded.rank), n = n + excluded.n",
        )?;
        for (company, rank, n) in &self.companies {
            stmt.execute(params![story, company, rank, n])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn story_row(store: &Store) -> (i64, i64, i64) {
        (
            store.query_scalar("SELECT article_count FROM stories WHERE id = 1"),
            store.query_scalar("SELECT outlet_count FROM stories WHERE id = 1"),
            store.query_scalar("SELECT COALESCE(SUM(n), 0) FROM story_companies WHERE story_id = 1"),
        )
    }

    #[test]
    fn a_failed_commands_log_is_dropped_and_its_rolled_back_writes_are_made_again() {
        let mut store = Store::open_in_memory().unwrap();
        let facts = |outlet: &'static str| ArticleFacts {
            title: "Meta fined",
            time: 100,
            outlet,
            companies: vec![("Meta".into(), 0)],
        };
        let mut log = StoryLog::default();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO stories (headline, first_seen_at, last_activity_at) VALUES ('Meta fined', 100, 100)",
                    [],
                )?;
                log.article(StoryId(1), ArticleId(1), &facts("a.test"));
                // The next command writes the story (as a merge does), logs
                // another article, and fails: its savepoint is rolled back.
                let logged = log.len();
                tx.execute_batch("SAVEPOINT command")?;
                log.write_story(tx, StoryId(1))?;
                log.article(StoryId(1), ArticleId(2), &facts("b.test"));
                tx.execute_batch("ROLLBACK TO command; RELEASE command")?;
                log.truncate(logged);
                log.write(tx)
            })
            .unwrap();
        assert_eq!(story_row(&store), (1, 1, 1), "the first article, once");
        assert!(log.is_empty());
    }

    #[test]
    fn among_the_accused_the_company_the_headline_names_comes_first() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO stories (headline, first_seen_at, last_activity_at)
                     VALUES ('Texas officials go to war with the EU over a fine for X', 100, 100)",
                    [],
                )?;
                add_companies(
                    tx,
                    StoryId(1),
                    &[
                        ("Tesla".into(), 0),
                        ("X".into(), 0),
                        ("Meta".into(), 2),
                        ("Apple".into(), 1),
                    ],
                )?;
                update_company_list(tx, StoryId(1))
            })
            .unwrap();
        let list: String = store
            .conn
            .query_row("SELECT companies FROM stories WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(list, "X\tTesla\tApple\tMeta");
    }

    #[test]
    fn a_name_in_a_headline_is_whole_words() {
        assert!(names_word("Fine for X", "X"));
        assert!(names_word("X's fine", "x"));
        assert!(!names_word("Texas sues", "X"));
        assert!(!names_word("Metadata", "Meta"));
        assert!(!names_word("Xóchitl wins", "X"));
        assert!(names_word("Fine for X — Élysée reacts", "X"));
    }
}
