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

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};

use super::Result;
use super::articles::PreparedItem;
use crate::model::{ArticleId, StoryId};

/// How far apart (seconds) an article and a story's articles may be.
pub const WINDOW: i64 = 4 * 86400;
/// Stories idle for longer than this leave the in-memory index.
const INDEX_HORIZON: i64 = 30 * 86400;
/// Minimum similarity to join a story.
pub const JOIN_THRESHOLD: f32 = 0.30;
/// Similarity above which an article bridging two stories merges them.
pub const MERGE_THRESHOLD: f32 = 0.55;
/// Words of the body, after the title, that describe the event.
const LEDE_WORDS: usize = 60;

/// A story's signature in memory.
#[derive(Debug, Clone, Default)]
struct Signature {
    terms: HashMap<String, f32>,
    companies: HashSet<String>,
    links: HashSet<String>,
    first: i64,
    last: i64,
    articles: u32,
    /// Articles that carry an allegation.
    charged: u32,
}

/// The recent stories, kept by the writer so that grouping costs no queries.
#[derive(Debug, Default)]
pub struct StoryIndex {
    stories: HashMap<StoryId, Signature>,
    df: HashMap<String, u32>,
    docs: u32,
    by_company: HashMap<String, HashSet<StoryId>>,
    by_link: HashMap<String, StoryId>,
    by_term: HashMap<String, HashSet<StoryId>>,
    newest: i64,
}

/// What grouping looks at in an article.
#[derive(Debug, Clone, Default)]
pub struct ArticleSignals {
    pub terms: HashMap<String, f32>,
    pub companies: HashSet<String>,
    /// Companies named in the title: who the article is about.
    pub title_companies: HashSet<String>,
    /// Court filings, press releases and case numbers the article points to.
    pub links: HashSet<String>,
    pub charged: bool,
    pub time: i64,
}

/// The parts of an article grouping is computed from.
#[derive(Debug, Clone, Copy)]
pub struct SignalParts<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub companies: &'a [String],
    pub title_companies: &'a [String],
    pub links: &'a [String],
    pub charged: bool,
    pub time: i64,
}

impl ArticleSignals {
    pub fn of(item: &PreparedItem, now: i64) -> ArticleSignals {
        ArticleSignals::from_parts(SignalParts {
            title: &item.title,
            text: &item.text,
            companies: &item.companies,
            title_companies: &item.title_companies,
            links: &item.links,
            charged: !item.findings.allegations.is_empty(),
            time: item.published_at.unwrap_or(now),
        })
    }

    pub fn from_parts(p: SignalParts) -> ArticleSignals {
        let mut terms: HashMap<String, f32> = HashMap::new();
        for t in tokens(p.title) {
            *terms.entry(t).or_default() += 2.0;
        }
        for t in tokens(p.text).take(LEDE_WORDS) {
            *terms.entry(t).or_default() += 1.0;
        }
        let mut links: HashSet<String> = p.links.iter().filter_map(|l| evidence_link(l)).collect();
        links.extend(case_numbers(p.text).into_iter().map(|c| format!("case:{c}")));
        ArticleSignals {
            terms,
            companies: p.companies.iter().cloned().collect(),
            title_companies: p.title_companies.iter().cloned().collect(),
            links,
            charged: p.charged,
            time: p.time,
        }
    }
}

/// Court case numbers in a text: US dockets ("1:20-cv-03010", "3:24-cv-01"),
/// EU cases ("AT.40437", "C-311/18", "T-604/18"). They name one case exactly.
pub fn case_numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '“' | '”' | '"')) {
        let w = raw.trim_end_matches(['.', ':']);
        let lower = w.to_ascii_lowercase();
        let docket = lower.contains("-cv-") || lower.contains("-cr-") || lower.contains("-mc-");
        let docket = docket && lower.chars().filter(char::is_ascii_digit).count() >= 5;
        let eu_antitrust = (lower.starts_with("at.") || lower.starts_with("m."))
            && lower[lower.find('.').unwrap_or(0) + 1..]
                .chars()
                .all(|c| c.is_ascii_digit())
            && lower.len() >= 7;
        let eu_court = (lower.starts_with("c-") || lower.starts_with("t-"))
            && lower.contains('/')
            && lower[2..].chars().all(|c| c.is_ascii_digit() || c == '/');
        if (docket || eu_antitrust || eu_court) && !out.contains(&lower) {
            // "1:23-cv-00108-LMB": the judge's initials vary between outlets.
            let core: String = lower.split('-').take(3).collect::<Vec<_>>().join("-");
            out.push(core);
        }
    }
    out
}

/// Links that identify the event itself: court dockets and filings,
/// regulators' and companies' press releases, documents.
pub fn evidence_link(link: &str) -> Option<String> {
    let canon = super::dedup::canonical_url(link)?;
    let lower = canon.to_ascii_lowercase();
    let host = lower.split('/').next().unwrap_or("");
    let evidence_host = [
        "courtlistener.com",
        "pacer",
        "uscourts.gov",
        "supremecourt.gov",
        "justice.gov",
        "ftc.gov",
        "sec.gov",
        "fcc.gov",
        "ec.europa.eu",
        "curia.europa.eu",
        "gov.uk",
        "ico.org.uk",
        "dataprotection.ie",
        "cnil.fr",
        "oag.",
        "ag.",
        "documentcloud.org",
        "scribd.com/document",
        "regulations.gov",
        "congress.gov",
    ]
    .iter()
    .any(|h| host.contains(h) || lower.contains(h));
    let evidence_path = lower.ends_with(".pdf")
        || lower.contains("/docket")
        || lower.contains("/press-release")
        || lower.contains("/pressroom")
        || lower.contains("/newsroom/");
    (evidence_host || evidence_path).then_some(canon)
}

const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "year",
    "years",
    "week",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "company",
    "companies",
    "told",
    "according",
    "one",
    "two",
    "first",
    "last",
    "may",
    "might",
    "must",
    "per",
    "cent",
    "percent",
    "like",
    "get",
    "got",
    "make",
    "made",
    "people",
    "time",
    "news",
    "report",
    "reported",
    "via",
    "read",
    "more",
    "it's",
    "image",
    "photo",
];

/// Lower-cased, stemmed content words.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .map(|w| w.trim_matches(|c| c == '’' || c == '\''))
        .map(|w| w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w))
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
}

fn stem(w: &str) -> String {
    let n = w.len();
    for (suffix, min) in [("ies", 5), ("ing", 6), ("ed", 5), ("es", 5), ("s", 4)] {
        if n >= min && w.ends_with(suffix) && !w.ends_with("ss") && w.is_ascii() {
            let base = &w[..n - suffix.len()];
            return if suffix == "ies" {
                format!("{base}y")
            } else {
                base.to_owned()
            };
        }
    }
    w.to_owned()
}

/// An article as grouping sees it, read back from the store.
struct Stored {
    article: ArticleId,
    story: Option<StoryId>,
    title: String,
    signals: ArticleSignals,
}

/// Reads the signals of articles from the store, with their story, oldest first.
fn stored_signals(tx: &Connection, condition: &str, arg: i64) -> Result<Vec<Stored>> {
    let sql = format!(
        "SELECT a.id, a.story_id, a.title, substr(a.text, 1, 1200), COALESCE(a.published_at, a.first_seen_at), a.links,
                (SELECT group_concat(company, char(9)) FROM article_companies c WHERE c.article_id = a.id AND c.role = 'mentioned'),
                (SELECT group_concat(company, char(9)) FROM article_companies c WHERE c.article_id = a.id AND c.role = 'title'),
                EXISTS (SELECT 1 FROM findings f WHERE f.article_id = a.id AND f.kind = 'allegation')
         FROM articles a LEFT JOIN stories s ON s.id = a.story_id
         WHERE {condition} ORDER BY COALESCE(a.published_at, a.first_seen_at), a.id"
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query([arg])?;
    let mut out = Vec::new();
    let tabs = |s: Option<String>| -> Vec<String> {
        s.unwrap_or_default()
            .split('\t')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    while let Some(r) = rows.next()? {
        let title: String = r.get(2)?;
        let text: String = r.get(3)?;
        let links: String = r.get(5)?;
        let links: Vec<String> = links.lines().map(str::to_owned).collect();
        let (companies, title_companies) = (tabs(r.get(6)?), tabs(r.get(7)?));
        let signals = ArticleSignals::from_parts(SignalParts {
            title: &title,
            text: &text,
            companies: &companies,
            title_companies: &title_companies,
            links: &links,
            charged: r.get(8)?,
            time: r.get(4)?,
        });
        out.push(Stored {
            article: r.get(0)?,
            story: r.get(1)?,
            title,
            signals,
        });
    }
    Ok(out)
}

/// Groups every stored article again, from scratch and in time order (after
/// the grouping rules change). Story ids change; follows carry over: every
/// new story holding articles of a followed story is followed, with the
/// old story's times, so a story that splits stays followed in all its parts.
pub fn regroup(tx: &Connection) -> Result<usize> {
    let follows: Vec<(StoryId, i64, i64)> = {
        let mut stmt = tx.prepare("SELECT story_id, followed_at, last_viewed_at FROM follows")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let articles = stored_signals(tx, "1 = ?1", 1)?;
    tx.execute("UPDATE articles SET story_id = NULL", [])?;
    tx.execute("DELETE FROM story_companies", [])?;
    tx.execute("DELETE FROM stories", [])?;
    let mut index = StoryIndex::default();
    let mut moved: Vec<(StoryId, StoryId)> = Vec::new();
    for a in &articles {
        let new = assign_signals(tx, &mut index, a.article, &a.title, &a.signals)?;
        if let Some(old) = a.story {
            moved.push((old, new));
        }
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
    for (old, followed_at, viewed) in follows {
        let mut targets: Vec<StoryId> = moved
            .iter()
            .filter(|(o, _)| *o == old)
            .map(|(_, n)| super::user::live_story(tx, *n))
            .collect::<Result<_>>()?;
        targets.sort();
        targets.dedup();
        for t in targets {
            tx.execute(
                "INSERT INTO follows (story_id, followed_at, last_viewed_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (story_id) DO UPDATE SET followed_at = MIN(followed_at, excluded.followed_at),
                     last_viewed_at = MIN(last_viewed_at, excluded.last_viewed_at)",
                params![t, followed_at, viewed],
            )?;
        }
    }
    Ok(live.len())
}

impl StoryIndex {
    /// Rebuilds the index from the stories active in the last 30 days of the
    /// store's own timeline.
    pub fn load(tx: &rusqlite::Connection) -> Result<StoryIndex> {
        let mut index = StoryIndex::default();
        let newest: Option<i64> = tx.query_row(
            "SELECT MAX(last_activity_at) FROM stories WHERE merged_into IS NULL",
            [],
            |r| r.get(0),
        )?;
        let Some(newest) = newest else {
            return Ok(index);
        };
        for stored in stored_signals(
            tx,
            "s.merged_into IS NULL AND s.last_activity_at >= ?1",
            newest - INDEX_HORIZON,
        )? {
            if let Some(story) = stored.story {
                index.add(story, &stored.signals);
            }
        }
        Ok(index)
    }

    fn idf(&self, term: &str) -> f32 {
        let df = self.df.get(term).copied().unwrap_or(0) as f32;
        ((1.0 + self.docs as f32) / (1.0 + df)).ln() + 1.0
    }

    fn cosine(&self, a: &HashMap<String, f32>, b: &HashMap<String, f32>) -> f32 {
        let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let mut dot = 0.0;
        for (t, x) in small {
            if let Some(y) = large.get(t) {
                let w = self.idf(t);
                dot += x * y * w * w;
            }
        }
        let norm = |v: &HashMap<String, f32>| v.iter().map(|(t, x)| (x * self.idf(t)).powi(2)).sum::<f32>().sqrt();
        let (na, nb) = (norm(a), norm(b));
        if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na * nb) }
    }

    /// How well an article fits a story, from 0 to 1.
    fn score(&self, a: &ArticleSignals, s: &Signature) -> f32 {
        if a.time < s.first - WINDOW || a.time > s.last + WINDOW {
            return 0.0;
        }
        if a.links.iter().any(|l| s.links.contains(l)) {
            return 1.0;
        }
        let mut score = self.cosine(&a.terms, &s.terms);
        if !a.companies.is_empty() && !s.companies.is_empty() && a.companies.is_disjoint(&s.companies) {
            score *= 0.5;
        }
        // The article is about a company the story has not involved ("Yelp
        // sues Google" beside the Google ruling): another event.
        if a.title_companies.iter().any(|c| !s.companies.contains(c)) {
            score *= 0.75;
        }
        // Product news beside a story of charges, or the other way round.
        let story_charged = s.charged * 2 > s.articles;
        if story_charged != a.charged {
            score *= 0.8;
        }
        score
    }

    /// The stories an article fits, best first, with their scores.
    pub fn candidates(&self, a: &ArticleSignals) -> Vec<(StoryId, f32)> {
        let mut ids: HashSet<StoryId> = HashSet::new();
        for c in &a.companies {
            if let Some(s) = self.by_company.get(c) {
                ids.extend(s);
            }
        }
        for l in &a.links {
            if let Some(s) = self.by_link.get(l) {
                ids.insert(*s);
            }
        }
        let mut rare: Vec<(&String, f32)> = a.terms.keys().map(|t| (t, self.idf(t))).collect();
        rare.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        for (t, _) in rare.into_iter().take(6) {
            if let Some(s) = self.by_term.get(t) {
                ids.extend(s);
            }
        }
        let mut scored: Vec<(StoryId, f32)> = ids
            .into_iter()
            .filter_map(|id| self.stories.get(&id).map(|s| (id, self.score(a, s))))
            .filter(|(_, s)| *s >= JOIN_THRESHOLD)
            .collect();
        scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        scored
    }

    /// Records that an article with these signals is now part of `story`.
    pub fn add(&mut self, story: StoryId, a: &ArticleSignals) {
        self.docs += 1;
        for t in a.terms.keys() {
            *self.df.entry(t.clone()).or_default() += 1;
        }
        let sig = self.stories.entry(story).or_insert_with(|| Signature {
            first: a.time,
            last: a.time,
            ..Default::default()
        });
        sig.first = sig.first.min(a.time);
        sig.last = sig.last.max(a.time);
        sig.articles += 1;
        sig.charged += u32::from(a.charged);
        for (t, w) in &a.terms {
            *sig.terms.entry(t.clone()).or_default() += w;
        }
        sig.companies.extend(a.companies.iter().cloned());
        sig.links.extend(a.links.iter().cloned());
        for c in &a.companies {
            self.by_company.entry(c.clone()).or_default().insert(story);
        }
        for l in &a.links {
            self.by_link.insert(l.clone(), story);
        }
        for t in a.terms.keys() {
            self.by_term.entry(t.clone()).or_default().insert(story);
        }
        if a.time > self.newest {
            self.newest = a.time;
            self.evict();
        }
    }

    /// Moves everything of `from` into `into`.
    fn merge(&mut self, from: StoryId, into: StoryId) {
        let Some(old) = self.stories.remove(&from) else {
            return;
        };
        for set in self.by_company.values_mut().chain(self.by_term.values_mut()) {
            if set.remove(&from) {
                set.insert(into);
            }
        }
        for s in self.by_link.values_mut() {
            if *s == from {
                *s = into;
            }
        }
        let sig = self.stories.entry(into).or_default();
        sig.first = sig.first.min(old.first);
        sig.last = sig.last.max(old.last);
        sig.articles += old.articles;
        sig.charged += old.charged;
        for (t, w) in old.terms {
            *sig.terms.entry(t).or_default() += w;
        }
        sig.companies.extend(old.companies);
        sig.links.extend(old.links);
    }

    fn evict(&mut self) {
        if self.stories.len() < 4096 {
            return;
        }
        let horizon = self.newest - INDEX_HORIZON;
        let old: HashSet<StoryId> = self
            .stories
            .iter()
            .filter(|(_, s)| s.last < horizon)
            .map(|(id, _)| *id)
            .collect();
        if old.is_empty() {
            return;
        }
        self.stories.retain(|id, _| !old.contains(id));
        for set in self.by_company.values_mut().chain(self.by_term.values_mut()) {
            set.retain(|id| !old.contains(id));
        }
        self.by_link.retain(|_, id| !old.contains(id));
    }
}

/// Puts a newly stored article into a story: the best fitting recent one, or
/// a new one. Returns the story.
pub fn assign(
    tx: &Connection,
    index: &mut StoryIndex,
    article: ArticleId,
    item: &PreparedItem,
    now: i64,
) -> Result<StoryId> {
    assign_signals(tx, index, article, &item.title, &ArticleSignals::of(item, now))
}

/// [`assign`] from signals already computed.
pub fn assign_signals(
    tx: &Connection,
    index: &mut StoryIndex,
    article: ArticleId,
    title: &str,
    signals: &ArticleSignals,
) -> Result<StoryId> {
    let signals = signals.clone();
    let candidates = index.candidates(&signals);
    let story = match candidates.first() {
        Some(&(best, _)) => {
            for &(other, score) in candidates.iter().skip(1) {
                if score >= MERGE_THRESHOLD {
                    let (keep, gone) = if other < best { (other, best) } else { (best, other) };
                    merge(tx, index, gone, keep)?;
                    return finish_assign(tx, index, article, keep, &signals);
                }
            }
            best
        }
        None => {
            let time = signals.time;
            tx.prepare_cached(
                "INSERT INTO stories (headline, headline_article_id, first_seen_at, last_activity_at) VALUES (?1, ?2, ?3, ?3)",
            )?
            .execute(params![title, article, time])?;
            StoryId(tx.last_insert_rowid())
        }
    };
    finish_assign(tx, index, article, story, &signals)
}

fn finish_assign(
    tx: &Connection,
    index: &mut StoryIndex,
    article: ArticleId,
    story: StoryId,
    signals: &ArticleSignals,
) -> Result<StoryId> {
    tx.prepare_cached("UPDATE articles SET story_id = ?2 WHERE id = ?1")?
        .execute(params![article, story])?;
    index.add(story, signals);
    Ok(story)
}

/// Merges story `gone` into `keep`: articles move, follow state carries over.
pub fn merge(tx: &Connection, index: &mut StoryIndex, gone: StoryId, keep: StoryId) -> Result<()> {
    tx.execute(
        "UPDATE articles SET story_id = ?2 WHERE story_id = ?1",
        params![gone, keep],
    )?;
    tx.execute("UPDATE stories SET merged_into = ?2 WHERE id = ?1", params![gone, keep])?;
    tx.execute(
        "UPDATE stories SET merged_into = ?2 WHERE merged_into = ?1",
        params![gone, keep],
    )?;
    tx.execute("DELETE FROM story_companies WHERE story_id = ?1", [gone])?;
    carry_follow(tx, gone, keep)?;
    index.merge(gone, keep);
    refresh(tx, keep)?;
    Ok(())
}

/// A follow on `from` applies to `to` as well; when both were followed the
/// earlier last view wins, so no development goes unmarked.
pub fn carry_follow(tx: &Connection, from: StoryId, to: StoryId) -> Result<()> {
    let old: Option<(i64, i64)> = tx
        .query_row(
            "SELECT followed_at, last_viewed_at FROM follows WHERE story_id = ?1",
            [from],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((followed_at, viewed)) = old {
        tx.execute(
            "INSERT INTO follows (story_id, followed_at, last_viewed_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (story_id) DO UPDATE SET followed_at = MIN(followed_at, excluded.followed_at),
                 last_viewed_at = MIN(last_viewed_at, excluded.last_viewed_at)",
            params![to, followed_at, viewed],
        )?;
    }
    Ok(())
}

pub fn story_of(tx: &Connection, article: ArticleId) -> Result<Option<StoryId>> {
    Ok(tx
        .prepare_cached("SELECT story_id FROM articles WHERE id = ?1")?
        .query_row([article], |r| r.get::<_, Option<StoryId>>(0))
        .optional()?
        .flatten())
}

/// Recomputes a story's headline, counts, companies and activity time.
pub fn refresh(tx: &Connection, story: StoryId) -> Result<()> {
    tx.prepare_cached(
        "UPDATE stories SET
            article_count = (SELECT COUNT(*) FROM articles WHERE story_id = ?1),
            outlet_count = (SELECT COUNT(DISTINCT s.outlet) FROM sources s JOIN articles a ON a.id = s.article_id WHERE a.story_id = ?1),
            first_seen_at = COALESCE((SELECT MIN(COALESCE(published_at, first_seen_at)) FROM articles WHERE story_id = ?1), first_seen_at),
            last_activity_at = COALESCE((SELECT MAX(COALESCE(published_at, first_seen_at)) FROM articles WHERE story_id = ?1), last_activity_at),
            headline_article_id = (SELECT id FROM articles WHERE story_id = ?1 ORDER BY COALESCE(published_at, first_seen_at), id LIMIT 1)
         WHERE id = ?1",
    )?
    .execute([story])?;
    tx.prepare_cached("UPDATE stories SET headline = (SELECT title FROM articles WHERE id = headline_article_id) WHERE id = ?1 AND headline_article_id IS NOT NULL")?
        .execute([story])?;
    tx.prepare_cached("DELETE FROM story_companies WHERE story_id = ?1")?
        .execute([story])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO story_companies (story_id, company)
         SELECT DISTINCT ?1, c.company FROM article_companies c JOIN articles a ON a.id = c.article_id WHERE a.story_id = ?1",
    )?
    .execute([story])?;
    // Accused companies first, then responding, then mentioned; by how often.
    tx.prepare_cached(
        "UPDATE stories SET companies = COALESCE((SELECT group_concat(company, char(9)) FROM (
            SELECT c.company, MIN(CASE c.role WHEN 'accused' THEN 0 WHEN 'responding' THEN 1 WHEN 'no_response' THEN 1 ELSE 2 END) AS rank,
                   COUNT(*) AS n
            FROM article_companies c JOIN articles a ON a.id = c.article_id WHERE a.story_id = ?1
            GROUP BY c.company ORDER BY rank, n DESC, c.company)), '')
         WHERE id = ?1",
    )?
    .execute([story])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stemmed_content_words() {
        let t: Vec<String> = tokens("The FTC sues Amazon’s Prime subscriptions, accusing it").collect();
        assert_eq!(t, vec!["ftc", "sue", "amazon", "prime", "subscription", "accus"]);
    }

    #[test]
    fn evidence_links_are_filings_and_releases() {
        assert!(evidence_link("https://www.courtlistener.com/docket/123/ftc-v-amazon/").is_some());
        assert!(evidence_link("https://www.ftc.gov/news-events/news/press-releases/2023/06/x").is_some());
        assert!(evidence_link("https://example.com/files/complaint.pdf").is_some());
        assert!(evidence_link("https://www.theverge.com/2023/6/21/amazon").is_none());
    }
}
