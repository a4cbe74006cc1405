//! Read-side queries for the reader and the headless commands: the story
//! list, one story's side-by-side view model, companies with story counts,
//! and full-text search.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::articles::StoredFindings;
use super::{Result, Store, StoreError, fulltext};
use crate::model::{Accuser, ArticleId, Stance, StoryId};

/// Which stories to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryFilter {
    /// Canonical company name; matched case-insensitively.
    pub company: Option<String>,
    pub followed_only: bool,
    pub new_only: bool,
    pub unread_only: bool,
    /// Only stories in which some article accuses a company (with
    /// `company`, accuses that company).
    pub charged_only: bool,
    /// Only these stories (search results), in any order.
    pub ids: Option<Vec<StoryId>>,
    pub limit: Option<usize>,
}

/// One row of the story list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorySummary {
    pub id: StoryId,
    pub headline: String,
    pub companies: Vec<String>,
    pub article_count: i64,
    pub outlet_count: i64,
    pub first_seen: i64,
    pub last_activity: i64,
    pub followed: bool,
    /// New articles and the allegations and responses only they carry,
    /// stored since the story was followed and not read since (as its view
    /// counts them: see [`new_article`]).
    pub new_developments: i64,
    /// Some article of the story is not read: it has more articles than
    /// read ones (the read ones are counted from `reads`, which is small).
    pub unread: bool,
}

/// A copy of an article in one feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceView {
    pub link: Option<String>,
    pub outlet: String,
    pub feed: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleView {
    pub id: ArticleId,
    pub title: String,
    pub link: Option<String>,
    pub outlet: String,
    pub date: i64,
    pub is_new: bool,
    /// Every copy, when duplicates were merged into this article.
    pub sources: Vec<SourceView>,
}

/// Where a finding was reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub article: ArticleId,
    pub outlet: String,
    pub date: i64,
}

/// One allegation sentence, merged across the outlets that carried it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AllegationView {
    pub text: String,
    pub against: Vec<String>,
    pub by: Accuser,
    pub cited: Vec<Citation>,
    pub is_new: bool,
}

/// One response sentence, merged across outlets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseView {
    pub text: String,
    pub company: String,
    pub speaker: String,
    pub role: String,
    pub stance: Stance,
    pub cited: Vec<Citation>,
    pub is_new: bool,
}

/// An accused (or responding) company and its answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompanySide {
    pub company: String,
    pub accused: bool,
    /// Responses in time order; empty means "no response reported".
    pub responses: Vec<ResponseView>,
}

impl CompanySide {
    /// The responses in runs shown under one heading: sentences one after
    /// the other in the list, from the same articles, by the same speaker
    /// with the same stance ("He said, “Shockingly untrue." and
    /// "Meta didn’t share …").
    /// A quotation that goes on into the next sentence stays in one run
    /// whatever each sentence's own stance, under the first one's.
    pub fn runs(&self) -> Vec<&[ResponseView]> {
        let (mut open, mut stance) = (false, None);
        runs(&self.responses, |a, b| {
            open = quotation_open_after(open, &a.text);
            let run_stance = *stance.get_or_insert(a.stance);
            let same = (&a.speaker, &a.role, a.is_new, &a.cited) == (&b.speaker, &b.role, b.is_new, &b.cited)
                && (b.stance == run_stance || open);
            if !same {
                (open, stance) = (false, Some(b.stance));
            }
            same
        })
    }
}

/// The allegations in runs told as one: sentences one after the other in
/// the same articles, by the same accuser against the same companies.
pub fn allegation_runs(allegations: &[AllegationView]) -> Vec<&[AllegationView]> {
    runs(allegations, |a, b| {
        (a.by, &a.against, a.is_new, &a.cited) == (b.by, &b.against, b.is_new, &b.cited)
    })
}

fn runs<T>(items: &[T], mut same: impl FnMut(&T, &T) -> bool) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=items.len() {
        if i == items.len() || !same(&items[i - 1], &items[i]) {
            out.push(&items[start..i]);
            start = i;
        }
    }
    out
}

/// The sentences of a run as paragraphs: one each, but for a quotation
/// that runs on into the next sentence (“For nearly a decade … relationship.
/// Netflix bought …,” the lawsuit states), which stays whole.
pub fn run_paragraphs<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for t in texts {
        match out.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(t);
            }
            _ => out.push(t.to_owned()),
        }
        open = quotation_open_after(open, t);
    }
    out
}

/// Whether a quotation is open after the sentence `t`, given whether one
/// was open before it.
fn quotation_open_after(open: bool, t: &str) -> bool {
    let curly = t.matches('“').count() as i64 - t.matches('”').count() as i64;
    let straight = t.matches('"').count() % 2 == 1;
    match (open, curly.signum(), straight) {
        (_, 1, _) => true,
        (_, -1, _) => false,
        (open, _, true) => !open,
        (open, _, false) => open,
    }
}

/// Everything the story view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryView {
    pub id: StoryId,
    pub headline: String,
    pub first_seen: i64,
    pub last_activity: i64,
    pub followed: bool,
    pub new_developments: i64,
    pub outlets: Vec<String>,
    /// Companies involved: accused first, then responding, then mentioned.
    pub companies: Vec<String>,
    pub allegations: Vec<AllegationView>,
    pub sides: Vec<CompanySide>,
    pub articles: Vec<ArticleView>,
}

impl StoryView {
    /// Keeps what `old`, the same story as shown before, marked new: a
    /// story open while a poll writes is loaded again after its viewing was
    /// recorded, and its NEW marks stay until it is opened again.
    pub fn keep_new_from(&mut self, old: &StoryView) {
        if !self.followed {
            return;
        }
        for a in &mut self.articles {
            a.is_new |= old.articles.iter().any(|o| o.is_new && o.id == a.id);
        }
        for a in &mut self.allegations {
            a.is_new |= old.allegations.iter().any(|o| o.is_new && o.text == a.text);
        }
        let was_new = |r: &ResponseView| {
            old.sides
                .iter()
                .flat_map(|s| &s.responses)
                .any(|o| o.is_new && o.company == r.company && o.text == r.text)
        };
        for r in self.sides.iter_mut().flat_map(|s| &mut s.responses) {
            r.is_new |= was_new(r);
        }
        let new_articles = self.articles.iter().filter(|a| a.is_new).count();
        let responses = self.sides.iter().flat_map(|s| &s.responses);
        self.new_developments = developments(new_articles, &self.allegations, responses);
    }
}

/// A company and how many stories involve it, for the picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompanyCount {
    pub company: String,
    pub stories: i64,
}

/// One full-text hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub story: StoryId,
    pub article: ArticleId,
    pub title: String,
}

fn cite_once(cited: &mut Vec<Citation>, cite: &Citation) {
    if !cited.iter().any(|c| c.outlet == cite.outlet) {
        cited.push(cite.clone());
    }
}

/// New developments of followed stories, by story and when it was last
/// viewed, for one state of the store.
#[derive(Debug, Default)]
pub struct DevelopmentCounts {
    /// `PRAGMA data_version` (other connections' commits) and this
    /// connection's changes when they were counted.
    version: (i64, u64),
    counts: HashMap<(StoryId, Since), i64>,
}

impl DevelopmentCounts {
    /// The count for `key`, after forgetting every count if the store
    /// changed since they were made.
    fn get(&mut self, version: (i64, u64), key: (StoryId, Since)) -> Option<&i64> {
        if self.version != version {
            (self.version, self.counts) = (version, HashMap::new());
        }
        self.counts.get(&key)
    }
}

/// What is new on a followed story, counted as the story view marks it
/// NEW: each new article, and each run of allegations and of a company's
/// responses only new articles carry (a run is shown under one heading, so
/// the count is the number of marks `n` steps through).
fn developments<'a>(
    new_articles: usize,
    allegations: &[AllegationView],
    responses: impl IntoIterator<Item = &'a ResponseView>,
) -> i64 {
    let new_allegations = allegation_runs(allegations).iter().filter(|r| r[0].is_new).count();
    let mut sides: Vec<CompanySide> = Vec::new();
    for r in responses {
        match sides.iter_mut().find(|s| s.company == r.company) {
            Some(side) => side.responses.push(r.clone()),
            None => sides.push(CompanySide {
                company: r.company.clone(),
                accused: false,
                responses: vec![r.clone()],
            }),
        }
    }
    let new_responses: usize = sides
        .iter()
        .map(|s| s.runs().iter().filter(|r| r[0].is_new).count())
        .sum();
    (new_articles + new_allegations + new_responses) as i64
}

/// When a story was followed: the time, and the highest article id the
/// store held then (`None` for a follow made before it was recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Since {
    at: i64,
    after: Option<i64>,
}

impl Since {
    /// For a story not followed: no article is new.
    const NEVER: Since = Since {
        at: i64::MAX,
        after: Some(i64::MAX),
    };
}

/// Whether article `a` is new on a story followed at `at` when the store's
/// highest article id was `after` (columns or parameters): stored since the
/// follow and not read. An article stored after the follow has a higher id
/// even when its time is the follow's second or its fetch began before; one
/// stored seconds later is new by its time whatever its id (ids freed by
/// cleanup may be given again). A view marks read the articles it showed,
/// so one stored after that is new too.
fn new_article(at: &str, after: &str) -> String {
    format!(
        "((a.first_seen_at > {at} OR a.id > COALESCE({after}, {max})) \
         AND NOT EXISTS (SELECT 1 FROM reads r WHERE r.article_id = a.id))",
        max = i64::MAX
    )
}

fn split_tabs(s: &str) -> Vec<String> {
    s.split('\t').filter(|c| !c.is_empty()).map(str::to_owned).collect()
}

impl Store {
    /// Stories, latest activity first.
    pub fn stories(&self, filter: &StoryFilter) -> Result<Vec<StorySummary>> {
        // Read articles are counted by story from `reads` (CROSS JOIN keeps
        // it the outer loop; SQLite would scan every article otherwise), and
        // `stories_order` gives the order without a sort.
        let mut sql = String::from(
            &"SELECT s.id, s.headline, s.companies, s.article_count, s.outlet_count, s.first_seen_at, s.last_activity_at,
                    f.story_id IS NOT NULL,
                    CASE WHEN f.story_id IS NULL THEN 0 ELSE
                        (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id AND {NEW}) END,
                    s.article_count > COALESCE(rc.n_read, 0), f.followed_at, f.after_article
             FROM stories s LEFT JOIN follows f ON f.story_id = s.id
             LEFT JOIN (SELECT a.story_id AS story_id, COUNT(*) AS n_read FROM reads r CROSS JOIN articles a ON a.id = r.article_id
                        GROUP BY a.story_id) rc ON rc.story_id = s.id
             WHERE s.merged_into IS NULL AND s.article_count > 0"
                .replace("{NEW}", &new_article("f.followed_at", "f.after_article")),
        );
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        // Rank 0: a company some article of the story accuses. With a
        // company, only allegations against that company count.
        match (&filter.company, filter.charged_only) {
            (Some(c), charged) => {
                sql.push_str(" AND s.id IN (SELECT story_id FROM story_companies WHERE company = ? COLLATE NOCASE");
                sql.push_str(if charged { " AND rank = 0)" } else { ")" });
                args.push(Box::new(c.clone()));
            }
            (None, true) => sql.push_str(" AND s.id IN (SELECT story_id FROM story_companies WHERE rank = 0)"),
            (None, false) => {}
        }
        if filter.followed_only {
            sql.push_str(" AND f.story_id IS NOT NULL");
        }
        if let Some(ids) = &filter.ids {
            let list: Vec<String> = ids.iter().map(|i| i.0.to_string()).collect();
            sql.push_str(&format!(
                " AND s.id IN ({})",
                if list.is_empty() {
                    "NULL".to_string()
                } else {
                    list.join(",")
                }
            ));
        }
        sql.push_str(" ORDER BY s.last_activity_at DESC, s.id DESC");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())), |r| {
            let summary = StorySummary {
                id: r.get(0)?,
                headline: r.get(1)?,
                companies: split_tabs(&r.get::<_, String>(2)?),
                article_count: r.get(3)?,
                outlet_count: r.get(4)?,
                first_seen: r.get(5)?,
                last_activity: r.get(6)?,
                followed: r.get(7)?,
                new_developments: r.get(8)?,
                unread: r.get(9)?,
            };
            let since = r.get::<_, Option<i64>>(10)?.map(|at| Since { at, after: None });
            Ok((summary, since, r.get::<_, Option<i64>>(11)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut s, since, after) = row?;
            // Counted as the story view counts them, which takes its
            // findings: only for the few followed stories with new articles,
            // and again only once the store has changed.
            if let Some(since) = since.filter(|_| s.new_developments > 0) {
                let since = Since { after, ..since };
                s.new_developments = self.new_developments(s.id, since, s.new_developments as usize)?;
            }
            if filter.new_only && s.new_developments == 0 {
                continue;
            }
            if filter.unread_only && !s.unread {
                continue;
            }
            out.push(s);
            if filter.limit.is_some_and(|l| out.len() >= l) {
                break;
            }
        }
        Ok(out)
    }

    /// The side-by-side view of one story (following merges).
    pub fn story_view(&self, id: StoryId) -> Result<StoryView> {
        let id = super::user::live_story(&self.conn, id)?;
        let head = self
            .conn
            .query_row(
                "SELECT s.headline, s.first_seen_at, s.last_activity_at, s.companies, f.story_id IS NOT NULL, f.followed_at,
                        f.after_article
                 FROM stories s LEFT JOIN follows f ON f.story_id = s.id WHERE s.id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, bool>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                        r.get::<_, Option<i64>>(6)?,
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "story", id: id.0 })?;
        let (headline, first_seen, last_activity, companies, followed, at, after) = head;
        let since = at.map(|at| Since { at, after });

        // Articles with their copies.
        let mut articles: Vec<ArticleView> = Vec::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.id, a.title, a.link, a.outlet, COALESCE(a.published_at, a.first_seen_at), {}
             FROM articles a WHERE a.story_id = ?1 ORDER BY COALESCE(a.published_at, a.first_seen_at), a.id",
            new_article("?2", "?3")
        ))?;
        let since = since.unwrap_or(Since::NEVER);
        let mut rows = stmt.query(params![id, since.at, since.after])?;
        while let Some(r) = rows.next()? {
            articles.push(ArticleView {
                id: r.get(0)?,
                title: r.get(1)?,
                link: r.get(2)?,
                outlet: r.get(3)?,
                date: r.get(4)?,
                is_new: r.get(5)?,
                sources: Vec::new(),
            });
        }
        let mut src = self.conn.prepare(
            "SELECT s.article_id, s.link, s.outlet, COALESCE(f.title, f.feed_title, f.url)
             FROM sources s JOIN articles a ON a.id = s.article_id JOIN feeds f ON f.id = s.feed_id
             WHERE a.story_id = ?1 ORDER BY s.id",
        )?;
        let mut by_article: HashMap<ArticleId, Vec<SourceView>> = HashMap::new();
        let mut rows = src.query([id])?;
        while let Some(r) = rows.next()? {
            by_article.entry(r.get(0)?).or_default().push(SourceView {
                link: r.get(1)?,
                outlet: r.get(2)?,
                feed: r.get(3)?,
            });
        }
        for a in &mut articles {
            let copies = by_article.remove(&a.id).unwrap_or_default();
            if copies.len() > 1 {
                a.sources = copies;
            }
        }
        let mut outlets: Vec<String> = Vec::new();
        for a in &articles {
            for o in std::iter::once(&a.outlet).chain(a.sources.iter().map(|s| &s.outlet)) {
                if !outlets.contains(o) {
                    outlets.push(o.clone());
                }
            }
        }

        let (allegations, responses) = self.merged_findings(id, since)?;
        let new_developments = if followed {
            developments(articles.iter().filter(|a| a.is_new).count(), &allegations, &responses)
        } else {
            0
        };
        let mut sides: Vec<CompanySide> = Vec::new();
        for a in &allegations {
            for c in &a.against {
                if !sides.iter().any(|s| &s.company == c) {
                    sides.push(CompanySide {
                        company: c.clone(),
                        accused: true,
                        responses: Vec::new(),
                    });
                }
            }
        }
        for r in responses {
            match sides.iter_mut().find(|s| s.company == r.company) {
                Some(side) => side.responses.push(r),
                None => sides.push(CompanySide {
                    company: r.company.clone(),
                    accused: false,
                    responses: vec![r],
                }),
            }
        }
        Ok(StoryView {
            id,
            headline,
            first_seen,
            last_activity,
            followed,
            new_developments,
            outlets,
            companies: split_tabs(&companies),
            allegations,
            sides,
            articles,
        })
    }

    /// What is new on story `id`, followed `since`, given how many of its
    /// articles are new; remembered until the store changes.
    fn new_developments(&self, id: StoryId, since: Since, new_articles: usize) -> Result<i64> {
        let version = (self.data_version()?, self.conn.total_changes());
        if let Some(&n) = self.developments.borrow_mut().get(version, (id, since)) {
            return Ok(n);
        }
        let (allegations, responses) = self.merged_findings(id, since)?;
        let n = developments(new_articles, &allegations, &responses);
        self.developments.borrow_mut().counts.insert((id, since), n);
        Ok(n)
    }

    /// A story's findings, merged by their normalised text (and responses
    /// by company) across the articles that carry them, in the order they
    /// were first reported. A finding is new when every article carrying it
    /// is (see [`new_article`]; none is unless the story is followed,
    /// `since`): one an outlet reported before the story was last viewed is
    /// not news when another outlet repeats it.
    fn merged_findings(&self, id: StoryId, since: Since) -> Result<(Vec<AllegationView>, Vec<ResponseView>)> {
        let mut allegations: Vec<AllegationView> = Vec::new();
        let mut responses: Vec<ResponseView> = Vec::new();
        let mut seen_allegations: HashMap<String, usize> = HashMap::new();
        let mut seen_responses: HashMap<String, usize> = HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.id, a.outlet, COALESCE(a.published_at, a.first_seen_at), {}, a.findings
             FROM articles a WHERE a.story_id = ?1 AND (a.allegations > 0 OR a.responses > 0)
             ORDER BY COALESCE(a.published_at, a.first_seen_at), a.id",
            new_article("?2", "?3")
        ))?;
        let mut rows = stmt.query(params![id, since.at, since.after])?;
        while let Some(r) = rows.next()? {
            let cite = Citation {
                article: r.get(0)?,
                outlet: r.get(1)?,
                date: r.get(2)?,
            };
            let is_new: bool = r.get(3)?;
            let json: String = r.get(4)?;
            let found: StoredFindings = serde_json::from_str(&json).unwrap_or_default();
            for a in found.allegations {
                let key = crate::text::normalize(&a.text);
                match seen_allegations.get(&key) {
                    Some(&i) => {
                        allegations[i].is_new &= is_new;
                        cite_once(&mut allegations[i].cited, &cite);
                    }
                    None => {
                        seen_allegations.insert(key, allegations.len());
                        allegations.push(AllegationView {
                            text: a.text,
                            against: a.against,
                            by: a.by,
                            cited: vec![cite.clone()],
                            is_new,
                        });
                    }
                }
            }
            for x in found.responses {
                // One sentence may answer for several companies ("Uber and
                // Lyft did not respond"): each keeps its own.
                let key = format!("{}\n{}", x.company, crate::text::normalize(&x.text));
                match seen_responses.get(&key) {
                    Some(&i) => {
                        responses[i].is_new &= is_new;
                        cite_once(&mut responses[i].cited, &cite);
                    }
                    None => {
                        seen_responses.insert(key, responses.len());
                        responses.push(ResponseView {
                            text: x.text,
                            company: x.company,
                            speaker: x.speaker,
                            role: x.role,
                            stance: x.stance,
                            cited: vec![cite.clone()],
                            is_new,
                        });
                    }
                }
            }
        }
        Ok((allegations, responses))
    }

    /// The GUIDs a feed's items are stored under, and those of its items
    /// cleanup deleted.
    pub fn known_guids(&self, feed: crate::model::FeedId) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT guid FROM sources WHERE feed_id = ?1 UNION ALL SELECT guid FROM forgotten WHERE feed_id = ?1",
        )?;
        let rows = stmt.query_map([feed], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether an article at this canonical address is stored (`Some(true)`),
    /// was deleted by cleanup and is not to be stored again (`Some(false)`),
    /// or neither (`None`).
    pub fn article_at(&self, canonical_url: &str) -> Result<Option<bool>> {
        Ok(super::articles::at_address(&self.conn, canonical_url)?.map(|id| id.is_some()))
    }

    /// The length in bytes of the text of the article stored at this
    /// canonical address, if one is.
    pub fn text_len_at(&self, canonical_url: &str) -> Result<Option<usize>> {
        let len: Option<i64> = self
            .conn
            .prepare_cached("SELECT length(CAST(text AS BLOB)) FROM articles WHERE canonical_url = ?1")?
            .query_row([canonical_url], |r| r.get(0))
            .optional()?;
        Ok(len.map(|n| n.max(0) as usize))
    }

    /// Whether a stored article has text like enough to this signature to be
    /// the same article, by the bands in `copies` (the writer's).
    pub fn has_similar_article(&self, copies: &super::copies::Copies, sig: &super::dedup::Signature) -> Result<bool> {
        Ok(copies.most_similar(&self.conn, sig)?.is_some())
    }

    /// Every article marked read.
    pub fn read_article_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare("SELECT article_id FROM reads")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every followed story.
    pub fn followed_ids(&self) -> Result<Vec<StoryId>> {
        let mut stmt = self.conn.prepare("SELECT story_id FROM follows ORDER BY story_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The story a possibly merged id now refers to.
    pub fn live_story(&self, id: StoryId) -> Result<StoryId> {
        super::user::live_story(&self.conn, id)
    }

    /// Every company with the number of stories involving it, most first.
    pub fn company_counts(&self) -> Result<Vec<CompanyCount>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.company, COUNT(*) FROM story_companies c JOIN stories s ON s.id = c.story_id
             WHERE s.merged_into IS NULL GROUP BY c.company ORDER BY COUNT(*) DESC, c.company",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CompanyCount {
                company: r.get(0)?,
                stories: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Full-text search over titles and texts: the `limit` matching articles
    /// stored last, last first. The index records only which articles hold a
    /// word (`detail='none'`), so FTS5's rank would order matches by their
    /// length alone, and working it out for every match cost most of a
    /// search on a large store.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let q = fts_query(query);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        self.with_search_index(|conn| {
            let mut stmt = conn.prepare(
                "SELECT a.story_id, a.id, a.title
                 FROM search.articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 WHERE articles_fts MATCH ?1 AND a.story_id IS NOT NULL
                 ORDER BY articles_fts.rowid DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![q, limit as i64], |r| {
                Ok(SearchHit {
                    story: r.get(0)?,
                    article: r.get(1)?,
                    title: r.get(2)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Stored articles the search index does not hold yet: it is catching up
    /// (just started on a large store, or rebuilding).
    pub fn search_backlog(&self) -> Result<i64> {
        self.with_search_index(fulltext::unindexed)
    }

    /// Runs `f` on a connection with the search index attached as `search`.
    fn with_search_index<T>(&self, f: impl FnOnce(&rusqlite::Connection) -> Result<T>) -> Result<T> {
        if let (Some(path), false) = (self.path(), self.read_only) {
            // The writer's connection never attaches the index: its write
            // transactions would lock the index too.
            return Store::open_read_only(path)?.with_search_index(f);
        }
        if !fulltext::attached(&self.conn)? {
            let file = self.path().map(fulltext::index_path).unwrap_or_default();
            if !file.exists() {
                return Err(StoreError::SearchUnavailable(
                    "the search index has not been built yet; it is built while counterpoint runs".into(),
                ));
            }
            fulltext::attach(&self.conn, &file).map_err(|e| {
                StoreError::SearchUnavailable(format!("the search index {} cannot be opened ({e})", file.display()))
            })?;
        }
        if !fulltext::created(&self.conn)? {
            return Err(StoreError::SearchUnavailable(
                "the search index is being created".into(),
            ));
        }
        f(&self.conn)
    }

    /// An article's title, link and text, for the reader.
    pub fn article_text(&self, id: ArticleId) -> Result<(String, Option<String>, String)> {
        self.conn
            .query_row("SELECT title, link, text FROM articles WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "article",
                id: id.0,
            })
    }
}

/// A user's words as an FTS5 query: each word quoted (so punctuation and
/// FTS syntax in the input cannot break the query), all required, the last
/// one as a prefix.
pub fn fts_query(input: &str) -> String {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    match words.split_last() {
        None => String::new(),
        Some((last, rest)) => {
            let mut q: Vec<String> = rest.to_vec();
            q.push(format!("{last}*"));
            q.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_quotation_running_across_sentences_stays_one_paragraph() {
        let paragraphs = super::run_paragraphs(
            [
                "The documents say Netflix gained access.",
                "“For nearly a decade, they enjoyed a special relationship.",
                "Netflix bought ads,” the lawsuit states.",
                "Lawyers say \"it was a deal.",
                "It ran for years.\"",
                "Another claim.",
            ]
            .into_iter(),
        );
        assert_eq!(
            paragraphs,
            [
                "The documents say Netflix gained access.",
                "“For nearly a decade, they enjoyed a special relationship. Netflix bought ads,” the lawsuit states.",
                "Lawyers say \"it was a deal. It ran for years.\"",
                "Another claim.",
            ]
        );
    }
    use super::*;

    #[test]
    fn a_quotation_whose_sentences_differ_in_stance_is_one_run_under_the_first() {
        let said = |text: &str, stance: Stance| ResponseView {
            text: text.into(),
            company: "Meta".into(),
            speaker: "a Meta spokeswoman".into(),
            role: "spokesperson".into(),
            stance,
            cited: vec![Citation {
                article: ArticleId(1),
                outlet: "time.com".into(),
                date: 0,
            }],
            is_new: false,
        };
        let side = CompanySide {
            company: "Meta".into(),
            accused: true,
            responses: vec![
                said("“These accounts limit who can contact teens.", Stance::Denial),
                said("We also give parents oversight,” she said.", Stance::Other),
                said("She added that the company works with schools.", Stance::Other),
                said("“We disagree with the brief.”", Stance::Denial),
            ],
        };
        let runs: Vec<Vec<Stance>> = side
            .runs()
            .iter()
            .map(|r| r.iter().map(|x| x.stance).collect())
            .collect();
        assert_eq!(
            runs,
            [
                vec![Stance::Denial, Stance::Other],
                vec![Stance::Other],
                vec![Stance::Denial]
            ],
            "the quotation closed, the next sentence's own stance counts"
        );
    }

    #[test]
    fn fts_queries_are_quoted_and_prefix_the_last_word() {
        assert_eq!(fts_query("FTC sues Amaz"), "\"FTC\" \"sues\" \"Amaz\"*");
        assert_eq!(fts_query("  \"; DROP"), "\"DROP\"*");
        assert_eq!(fts_query("--"), "");
    }
}
