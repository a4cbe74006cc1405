//! Storing articles: the three de-duplication layers and findings, all
//! inside the caller's write transaction.

use std::borrow::Cow;

use rusqlite::{CachedStatement, Connection, ErrorCode, OptionalExtension, Statement, params};

use super::Result;
use super::copies::{self, Copies};
use super::dedup::{self, Signature};
use super::grouping;
use super::stories::{self, StoryIndex};
use crate::model::{ArticleId, FeedId, Findings, StoryId};

/// An item ready to store: parsed, rendered to text, extracted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PreparedItem {
    pub guid: String,
    /// The link as the feed gave it.
    pub link: Option<String>,
    pub canonical_url: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub published_at: Option<i64>,
    /// The boilerplate-free body text.
    pub text: String,
    pub fingerprint: Option<Signature>,
    pub findings: Findings,
    /// Outbound links of the body (court filings, press releases, ...).
    pub links: Vec<String>,
    /// Names of companies mentioned, canonical.
    pub companies: Vec<String>,
    /// Companies named in the title.
    pub title_companies: Vec<String>,
    /// What grouping reads in the title and text, when prepared with them.
    pub wording: Option<super::grouping::Wording>,
    /// What the article's row holds that is worked out from the fields
    /// above, when prepared with them (off the store writer's thread);
    /// otherwise the writer works it out.
    pub from_text: Option<FromText>,
}

/// What one batch did, layer by layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InsertReport {
    pub new_articles: usize,
    /// Same GUID in the same feed (already stored), or an item whose article
    /// cleanup deleted: nothing changed.
    pub known: usize,
    pub merged_by_url: usize,
    pub merged_by_fingerprint: usize,
    /// Duplicates whose text is much fuller than the stored copy's (a whole
    /// article where an excerpt was stored): the article took their text
    /// and findings.
    pub fuller_copies: usize,
    /// New findings (responses) added to followed stories count as developments.
    pub stories_touched: usize,
}

impl InsertReport {
    pub fn add(&mut self, o: &InsertReport) {
        self.new_articles += o.new_articles;
        self.known += o.known;
        self.merged_by_url += o.merged_by_url;
        self.merged_by_fingerprint += o.merged_by_fingerprint;
        self.fuller_copies += o.fuller_copies;
        self.stories_touched += o.stories_touched;
    }

    pub fn duplicates(&self) -> usize {
        self.merged_by_url + self.merged_by_fingerprint
    }
}

enum Match {
    Url(ArticleId),
    Fingerprint(ArticleId),
    /// The address of an article cleanup deleted.
    Forgotten,
}

/// Stores one feed's items. Re-inserting the same items changes nothing.
/// The company lists of the stories they joined are rebuilt before the
/// commit ([`stories::update_company_lists`]); the new articles wait in
/// the index's `fresh` for the search indexer.
pub fn insert_items(
    tx: &Connection,
    index: &mut StoryIndex,
    copies: &Copies,
    feed: FeedId,
    outlet_name: &str,
    items: &[PreparedItem],
    now: i64,
) -> Result<InsertReport> {
    let mut report = InsertReport::default();
    let mut touched: Vec<StoryId> = Vec::new();
    let mut st = Statements::prepare(tx)?;
    for item in items {
        let known: bool = st.known.query_row(params![feed, item.guid], |r| r.get(0))?;
        if known {
            report.known += 1;
            continue;
        }
        match find_duplicate(&mut st.at_address, tx, copies, item)? {
            Some(m) => {
                let (article, how) = match m {
                    Match::Url(a) => {
                        report.merged_by_url += 1;
                        (a, "url")
                    }
                    Match::Fingerprint(a) => {
                        report.merged_by_fingerprint += 1;
                        (a, "fingerprint")
                    }
                    Match::Forgotten => {
                        report.known += 1;
                        continue;
                    }
                };
                let outlet = outlet_of(item, outlet_name);
                add_source(tx, &mut st.source, article, feed, &outlet, item, now, how)?;
                let fuller = is_fuller(tx, article, item)?;
                if fuller {
                    rewrite_article(tx, copies, article, item)?;
                    report.fuller_copies += 1;
                }
                if let Some(story) = stories::story_of(tx, article)? {
                    let live = super::user::live_story(tx, story)?;
                    index.log.outlet(live, outlet);
                    if fuller {
                        stories::refresh_logged(tx, index, live)?;
                    }
                    touched.push(story);
                }
            }
            None => {
                let outlet = outlet_of(item, outlet_name);
                let derived = FromText::of_item(item);
                let mut stored = ArticleId(0);
                let story = stories::assign(tx, index, item, &outlet, now, |story| {
                    stored = insert_article(&mut st, tx, copies, feed, &outlet, item, &derived, now, story)?;
                    add_source(tx, &mut st.source, stored, feed, &outlet, item, now, "new")?;
                    Ok(stored)
                })?;
                index.fresh.push(stored.0, &item.title, &derived.index_words);
                touched.push(story);
                // Only new articles bring companies; a copy joining as a
                // source does not.
                index.note_grown(story);
                report.new_articles += 1;
            }
        }
    }
    touched.sort();
    touched.dedup();
    report.stories_touched = touched.len();
    Ok(report)
}

/// The statements storing each item runs, prepared once for a feed's
/// items: looking each up in the statement cache cost more than running
/// some of them.
struct Statements<'t> {
    known: CachedStatement<'t>,
    at_address: CachedStatement<'t>,
    article: CachedStatement<'t>,
    source: CachedStatement<'t>,
    signature: CachedStatement<'t>,
}

impl<'t> Statements<'t> {
    fn prepare(tx: &'t Connection) -> Result<Statements<'t>> {
        Ok(Statements {
            known: tx.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sources WHERE feed_id = ?1 AND guid = ?2)
                     OR EXISTS (SELECT 1 FROM forgotten WHERE feed_id = ?1 AND guid = ?2)",
            )?,
            at_address: tx.prepare_cached(AT_ADDRESS)?,
            article: tx.prepare_cached(INSERT_ARTICLE)?,
            source: tx.prepare_cached(INSERT_SOURCE)?,
            signature: tx.prepare_cached(INSERT_SIGNATURE)?,
        })
    }
}

fn find_duplicate(at: &mut Statement, tx: &Connection, copies: &Copies, item: &PreparedItem) -> Result<Option<Match>> {
    if let Some(url) = &item.canonical_url {
        match look_up_address(at, url)? {
            Some(Some(id)) => return Ok(Some(Match::Url(id))),
            Some(None) => return Ok(Some(Match::Forgotten)),
            None => {}
        }
    }
    if let Some(sig) = &item.fingerprint
        && let Some(id) = copies.most_similar(tx, sig)?
    {
        return Ok(Some(Match::Fingerprint(id)));
    }
    Ok(None)
}

/// What is known at a canonical address: the stored article there
/// (`Some(Some(id))`), one that cleanup deleted (`Some(None)`), or nothing.
pub(super) fn at_address(conn: &Connection, url: &str) -> Result<Option<Option<ArticleId>>> {
    let mut at = conn.prepare_cached(AT_ADDRESS)?;
    look_up_address(&mut at, url)
}

const AT_ADDRESS: &str = "SELECT id FROM articles WHERE canonical_url = ?1
     UNION ALL SELECT NULL FROM forgotten WHERE canonical_url = ?1 LIMIT 1";

/// [`at_address`] with its statement prepared.
fn look_up_address(at: &mut Statement, url: &str) -> Result<Option<Option<ArticleId>>> {
    Ok(at.query_row([url], |r| r.get(0)).optional()?)
}

/// A feed that re-issues an item under a new GUID keeps one source row per
/// article: the row's GUID is updated instead of a row being added.
#[allow(clippy::too_many_arguments)]
fn add_source(
    tx: &Connection,
    insert: &mut Statement,
    article: ArticleId,
    feed: FeedId,
    outlet: &str,
    item: &PreparedItem,
    now: i64,
    how: &str,
) -> Result<()> {
    // A brand-new article has no source yet; a duplicate may (a re-issued GUID).
    let updated = if how == "new" {
        0
    } else {
        tx.prepare_cached(
            "UPDATE sources SET guid = ?3, link = ?4, title = ?5, seen_at = ?6 WHERE article_id = ?1 AND feed_id = ?2",
        )?
        .execute(params![article, feed, item.guid, item.link, item.title, now])?
    };
    if updated == 0 {
        insert.execute(params![
            article, feed, item.guid, item.link, item.title, now, outlet, how
        ])?;
    }
    Ok(())
}

const INSERT_SOURCE: &str = "INSERT INTO sources (article_id, feed_id, guid, link, title, seen_at, outlet, matched_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// The site an item comes from: its address's domain, or the feed's name
/// when the address is missing or a feed proxy's.
fn outlet_of(item: &PreparedItem, outlet_name: &str) -> String {
    item.canonical_url
        .as_deref()
        .map(dedup::outlet_domain)
        .filter(|d| !is_proxy_host(d))
        .map(str::to_owned)
        .unwrap_or_else(|| outlet_name.to_owned())
}

/// What an article's row holds that is worked out from its item's text,
/// findings, links and companies.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FromText {
    /// The allegations and responses, as JSON.
    findings: String,
    allegations: i64,
    responses: i64,
    companies: String,
    accused: String,
    responding: String,
    case_numbers: String,
    /// Outbound links, newline-separated.
    links: String,
    title_companies: String,
    /// The text's distinct words, as the search index takes them (see
    /// [`super::fulltext::distinct_words`]).
    index_words: String,
}

impl FromText {
    pub fn of(item: &PreparedItem) -> FromText {
        let f = &item.findings;
        let stored = StoredFindings {
            allegations: f.allegations.clone(),
            responses: f.responses.clone(),
        };
        let responding: Vec<String> = f.responses.iter().fold(Vec::new(), |mut v, r| {
            if !v.contains(&r.company) {
                v.push(r.company.clone());
            }
            v
        });
        let case_numbers = match &item.wording {
            Some(w) => w.case_numbers().collect::<Vec<_>>().join("\t"),
            None => grouping::case_numbers(&item.text).join("\t"),
        };
        FromText {
            findings: serde_json::to_string(&stored).unwrap_or_else(|_| "{}".into()),
            allegations: f.allegations.len() as i64,
            responses: f.responses.len() as i64,
            companies: join_unique(item.companies.iter().chain(&f.companies)),
            accused: f.accused().join("\t"),
            responding: responding.join("\t"),
            case_numbers,
            links: item.links.join("\n"),
            title_companies: item.title_companies.join("\t"),
            index_words: super::fulltext::distinct_words(&item.text),
        }
    }

    /// The text's distinct words, for the search index.
    pub fn index_words(&self) -> &str {
        &self.index_words
    }

    /// `item`'s, as prepared or worked out now.
    fn of_item(item: &PreparedItem) -> Cow<'_, FromText> {
        debug_assert!(
            item.from_text.as_ref().is_none_or(|d| *d == FromText::of(item)),
            "an item changed after preparation keeps what was worked out before"
        );
        item.from_text
            .as_ref()
            .map_or_else(|| Cow::Owned(FromText::of(item)), Cow::Borrowed)
    }
}

/// Whether a copy's text of `new` bytes is much fuller than a stored one of
/// `stored` bytes: at least twice as long and 500 bytes longer (the whole
/// article where a feed gave an excerpt).
pub fn is_much_fuller(stored: usize, new: usize) -> bool {
    new >= 2 * stored && new - stored >= 500
}

/// Whether `item`, a copy of the stored `article`, is much fuller. A copy
/// sent as a source only (no text) never is, and costs no query.
fn is_fuller(tx: &Connection, article: ArticleId, item: &PreparedItem) -> Result<bool> {
    if !is_much_fuller(0, item.text.len()) {
        return Ok(false);
    }
    let stored: i64 = tx
        .prepare_cached("SELECT length(CAST(text AS BLOB)) FROM articles WHERE id = ?1")?
        .query_row([article], |r| r.get(0))?;
    Ok(is_much_fuller(stored.max(0) as usize, item.text.len()))
}

/// Gives the stored `article` the text of its fuller copy `item`, and what
/// is worked out from it; its title, times and story stay. The search index
/// is told to index it again (a logged deletion of an article still stored).
fn rewrite_article(tx: &Connection, copies: &Copies, article: ArticleId, item: &PreparedItem) -> Result<()> {
    let d = FromText::of_item(item);
    tx.prepare_cached(
        "UPDATE articles SET text = ?2, links = ?3, findings = ?4, allegations = ?5, responses = ?6,
             companies = ?7, accused = ?8, responding = ?9, case_numbers = ?10
         WHERE id = ?1",
    )?
    .execute(params![
        article,
        item.text,
        d.links,
        d.findings,
        d.allegations,
        d.responses,
        d.companies,
        d.accused,
        d.responding,
        d.case_numbers,
    ])?;
    if let Some(sig) = &item.fingerprint {
        copies::store_signature(tx, article, sig)?;
        copies.add(article, sig);
    }
    tx.prepare_cached("INSERT INTO search_deletions (article_id) VALUES (?1)")?
        .execute([article])?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_article(
    st: &mut Statements,
    tx: &Connection,
    copies: &Copies,
    feed: FeedId,
    outlet: &str,
    item: &PreparedItem,
    d: &FromText,
    now: i64,
    story: StoryId,
) -> Result<ArticleId> {
    st.article.execute(params![
        item.canonical_url,
        outlet,
        item.title,
        item.author,
        item.link,
        feed,
        item.published_at,
        now,
        item.text,
        d.links,
        d.findings,
        d.allegations,
        d.responses,
        d.companies,
        d.accused,
        d.responding,
        d.title_companies,
        story,
        d.case_numbers,
    ])?;
    let id = ArticleId(tx.last_insert_rowid());
    if let Some(sig) = &item.fingerprint {
        match st.signature.execute(params![id, sig.to_bytes()]) {
            // A row left behind for this id (its article deleted with
            // foreign keys off) is replaced.
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
                copies::store_signature(tx, id, sig)?
            }
            done => drop(done?),
        }
        copies.add(id, sig);
    }
    Ok(id)
}

/// A new article's signature. Not `INSERT OR REPLACE`: a statement that may
/// replace rows makes SQLite copy every page it changes into a statement
/// journal first (about a tenth of the writer's time).
const INSERT_SIGNATURE: &str = "INSERT INTO article_signatures (article_id, signature) VALUES (?1, ?2)";

const INSERT_ARTICLE: &str = "INSERT INTO articles (canonical_url, outlet, title, author, link, feed_id, published_at,
         first_seen_at, text, links, findings, allegations, responses, companies, accused, responding,
         title_companies, story_id, case_numbers)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

fn is_proxy_host(domain: &str) -> bool {
    matches!(
        domain,
        "feedburner.com" | "feedproxy.google.com" | "google.com" | "feedsportal.com" | "pheedo.com"
    )
}

fn join_unique<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for n in names {
        if !seen.contains(&n.as_str()) {
            seen.push(n);
        }
    }
    seen.join("\t")
}

/// An article's findings as stored (JSON in `articles.findings`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct StoredFindings {
    #[serde(default)]
    pub allegations: Vec<crate::model::Allegation>,
    #[serde(default)]
    pub responses: Vec<crate::model::Response>,
}

/// See [`crate::text::normalize`].
pub fn normalize(text: &str) -> String {
    crate::text::normalize(text)
}
