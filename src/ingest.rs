//! One poll: schedule → fetch → parse → text → extract → store. The only
//! place that wires fetching, extraction and storing together; the CLI and
//! the reader both start polls here.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::Utc;
use tokio::sync::{Semaphore, oneshot, watch};

use crate::config::Settings;
use crate::extract::Extractor;
use crate::feed::{FetchOutcome, Fetcher, ParsedFeed, parse_feed};
use crate::model::FeedItem;
use crate::reuse::Reuse;
use crate::store::articles::FromText;
use crate::store::copies::Copies;
use crate::store::dedup::{canonical_url, fingerprint};
use crate::store::grouping::Wording;
use crate::store::readers::Readers;
use crate::store::writer::{WriteCmd, Writer};
use crate::store::{FeedRow, FetchRecord, InsertReport, PreparedItem, Store, unix_now};
use crate::text;

/// Where a poll has got to; published on a watch channel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollProgress {
    pub total: usize,
    pub done: usize,
    pub ok: usize,
    pub not_modified: usize,
    pub failed: usize,
    pub gone: usize,
    pub report: InsertReport,
    pub running: bool,
    /// Unix time the last poll finished.
    pub finished_at: Option<i64>,
    /// The store has no feed to poll at all, as last looked (cleared when a
    /// poll starts).
    pub no_feeds: bool,
    /// There are feeds but none was due when last looked (all polled lately
    /// or resting after failures); cleared when a poll starts.
    pub nothing_due: bool,
    /// Nothing was due even when every feed was asked for: each rests after
    /// failures or is gone. Cleared when a poll starts.
    pub none_pollable: bool,
    /// The most recent failure, for the status line.
    pub last_error: Option<String>,
    /// Old articles deleted after the poll (`keep_articles`).
    pub deleted: usize,
}

impl PollProgress {
    /// "feeds: 40 ok, 5 not modified, 3 failed, 1 gone; 120 new articles, 300 already seen,
    /// 14 duplicates merged (9 by URL, 5 by text)"; items already seen are stored, or were
    /// deleted by cleanup.
    pub fn summary(&self) -> String {
        let r = &self.report;
        let mut s = format!(
            "feeds: {} ok, {} not modified, {} failed, {} gone; {}, {} already seen, {} merged ({} by URL, {} by text)",
            self.ok,
            self.not_modified,
            self.failed,
            self.gone,
            crate::report::plural(r.new_articles, "new article"),
            r.known,
            crate::report::plural(r.duplicates(), "duplicate"),
            r.merged_by_url,
            r.merged_by_fingerprint,
        );
        if r.fuller_copies > 0 {
            s.push_str(&format!(
                "; {} took a fuller copy's text",
                crate::report::plural(r.fuller_copies, "stored excerpt")
            ));
        }
        if self.deleted > 0 {
            s.push_str(&format!(
                "; {} deleted",
                crate::report::plural(self.deleted, "old article")
            ));
        }
        s
    }
}

/// Seconds between two deletions of old articles (`keep_articles`).
const CLEANUP_EVERY: i64 = 3600;

/// The outcome of polling one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedResult {
    Ok(InsertReport),
    NotModified,
    Gone,
    Failed(String),
}

/// Runs polls. Cheap to clone.
#[derive(Clone)]
pub struct Poller {
    fetcher: Fetcher,
    settings: Settings,
    writer: Writer,
    extractor: Extractor<'static>,
    progress: Arc<watch::Sender<PollProgress>>,
    /// Preparation is CPU work: at most one feed per core at a time, so a
    /// poll of hundreds of feeds neither oversubscribes nor balloons memory.
    cpu: Arc<Semaphore>,
    /// The store, read to skip items that are already stored.
    store: Option<Arc<Readers>>,
    /// When old articles were last deleted (unix time; 0: not yet).
    cleaned_at: Arc<AtomicI64>,
}

impl Poller {
    pub fn new(settings: Settings, writer: Writer, extractor: Extractor<'static>) -> anyhow::Result<Poller> {
        let fetcher = Fetcher::new(&settings)?;
        let (progress, _) = watch::channel(PollProgress::default());
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(Poller {
            fetcher,
            settings,
            writer,
            extractor,
            progress: Arc::new(progress),
            cpu: Arc::new(Semaphore::new(cores)),
            store: None,
            cleaned_at: Arc::new(AtomicI64::new(0)),
        })
    }

    /// Reads `db` to skip preparing items the store already has.
    pub fn with_store(mut self, db: &std::path::Path) -> Poller {
        self.store = Some(Arc::new(Readers::new(db)));
        self
    }

    pub fn progress(&self) -> watch::Receiver<PollProgress> {
        self.progress.subscribe()
    }

    /// Reports progress through `progress`, made before the poller (the
    /// reader watches it from its first frame; the poller is built after).
    pub fn reporting_to(mut self, progress: watch::Sender<PollProgress>) -> Poller {
        self.progress = Arc::new(progress);
        self
    }

    /// Tells the progress's watchers that the store has no feed to poll.
    pub fn no_feeds(&self) {
        self.progress.send_modify(|p| {
            p.no_feeds = true;
            p.nothing_due = false;
            p.none_pollable = false;
        });
    }

    /// Tells the progress's watchers that no feed is due; `forced`: even
    /// when every feed was asked for.
    pub fn nothing_due(&self, forced: bool) {
        self.progress.send_modify(|p| {
            p.no_feeds = false;
            p.nothing_due = true;
            p.none_pollable = forced;
        });
    }

    /// Polls `feeds` concurrently: at most `concurrency` at once and
    /// `per_host` per host. Returns when every feed is done and stored.
    pub async fn poll(&self, feeds: Vec<FeedRow>) -> PollProgress {
        let total = feeds.len();
        self.progress.send_modify(|p| {
            *p = PollProgress {
                total,
                running: true,
                finished_at: p.finished_at,
                ..Default::default()
            }
        });
        let global = Arc::new(Semaphore::new(self.settings.concurrency.max(1)));
        let reuse = Arc::new(Reuse::default());
        let mut hosts: HashMap<String, Arc<Semaphore>> = HashMap::new();
        let mut tasks = tokio::task::JoinSet::new();
        for feed in feeds {
            let host = url::Url::parse(&feed.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_default();
            let host_limit = hosts
                .entry(host)
                .or_insert_with(|| Arc::new(Semaphore::new(self.settings.per_host.max(1))))
                .clone();
            let (global, reuse) = (global.clone(), reuse.clone());
            let this = self.clone();
            tasks.spawn(async move {
                let result = this.poll_one(&feed, &global, &host_limit, reuse).await;
                this.progress.send_modify(|p| {
                    p.done += 1;
                    match &result {
                        FeedResult::Ok(r) => {
                            p.ok += 1;
                            p.report.add(r);
                        }
                        FeedResult::NotModified => p.not_modified += 1,
                        FeedResult::Gone => p.gone += 1,
                        FeedResult::Failed(e) => {
                            p.failed += 1;
                            p.last_error = Some(format!("{}: {e}", text::sanitize_line(feed.display_title())));
                        }
                    }
                });
                if let FeedResult::Failed(e) = &result {
                    tracing::warn!(feed = %text::sanitize_line(&feed.url), "{e}");
                }
            });
        }
        while tasks.join_next().await.is_some() {}
        let deleted = self.delete_old_articles().await;
        self.progress.send_modify(|p| {
            p.running = false;
            p.finished_at = Some(unix_now());
            p.deleted = deleted;
        });
        self.progress.borrow().clone()
    }

    /// Deletes the articles older than `keep_articles`, if set, at most
    /// once an hour. Returns how many were deleted.
    async fn delete_old_articles(&self) -> usize {
        let Some(keep) = self.settings.keep_articles else {
            return 0;
        };
        let now = unix_now();
        let last = self.cleaned_at.load(Ordering::Relaxed);
        if now - last < CLEANUP_EVERY
            || self
                .cleaned_at
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return 0;
        }
        match self.writer.cleanup(now - keep.as_secs() as i64).await {
            Ok(r) => {
                if r.articles > 0 {
                    tracing::info!(
                        "deleted {} articles first seen over {} days ago",
                        r.articles,
                        keep.as_secs() / 86400
                    );
                }
                r.articles
            }
            Err(e) => {
                tracing::error!("cannot delete old articles: {e}");
                0
            }
        }
    }

    async fn poll_one(&self, feed: &FeedRow, global: &Semaphore, host: &Semaphore, reuse: Arc<Reuse>) -> FeedResult {
        // The global permit is held until the body is prepared, so that a
        // fast network cannot pile up bodies faster than the CPU parses them.
        let Ok(fetch_slot) = global.acquire().await else {
            return FeedResult::Failed("poll cancelled".into());
        };
        let fetched = {
            let Ok(_h) = host.acquire().await else {
                return FeedResult::Failed("poll cancelled".into());
            };
            self.fetcher.fetch(&feed.url, &feed.validators).await
        };
        let now = unix_now();
        let (record, result) = match fetched {
            Ok(FetchOutcome::Fetched {
                body,
                validators,
                moved_to,
            }) => {
                let (extractor, store, feed_id) = (self.extractor, self.store.clone(), feed.id);
                let copies = self.writer.copies().clone();
                let parsed = {
                    let Ok(_cpu) = self.cpu.acquire().await else {
                        return FeedResult::Failed("poll cancelled".into());
                    };
                    tokio::task::spawn_blocking(move || {
                        let prepare = |s: Option<&Store>| {
                            prepare_new(&body, extractor, s.map(|s| (s, &copies)), feed_id, Some(&reuse))
                        };
                        match store {
                            Some(readers) => readers.with(|s| prepare(Some(s))).unwrap_or_else(|| prepare(None)),
                            None => prepare(None),
                        }
                    })
                    .await
                };
                drop(fetch_slot);
                match parsed {
                    Ok(Ok((parsed, items, skipped))) => {
                        if !parsed.repairs.is_empty() {
                            let url = text::sanitize_line(&feed.url);
                            tracing::info!(feed = %url, "malformed, read after repairs: {}", parsed.repairs.join("; "));
                        }
                        // What a cut-off body lacked comes with the next
                        // fetch only if it is not answered "not modified".
                        let validators = if parsed.was_cut_off() {
                            Default::default()
                        } else {
                            validators
                        };
                        let record = FetchRecord::Fetched {
                            validators,
                            moved_to,
                            feed_title: parsed.title,
                        };
                        let outlet = feed.display_title().to_owned();
                        return match self.store(feed, outlet, items, record, now).await {
                            FeedResult::Ok(mut report) => {
                                report.known += skipped;
                                FeedResult::Ok(report)
                            }
                            other => other,
                        };
                    }
                    Ok(Err(e)) => {
                        let msg = e.to_string();
                        (FetchRecord::Failed { error: msg.clone() }, FeedResult::Failed(msg))
                    }
                    Err(_) => {
                        let msg = "the feed could not be processed (internal error)".to_string();
                        (FetchRecord::Failed { error: msg.clone() }, FeedResult::Failed(msg))
                    }
                }
            }
            Ok(FetchOutcome::NotModified { moved_to }) => {
                (FetchRecord::NotModified { moved_to }, FeedResult::NotModified)
            }
            Ok(FetchOutcome::Gone) => (FetchRecord::Gone, FeedResult::Gone),
            Ok(FetchOutcome::RetryLater { status, after }) => {
                let msg = match after {
                    Some(d) => format!("HTTP {status}: asked to retry in {}s", d.as_secs()),
                    None => format!("HTTP {status}: asked to retry later"),
                };
                (
                    FetchRecord::RetryLater {
                        after,
                        reason: msg.clone(),
                    },
                    FeedResult::Failed(msg),
                )
            }
            Err(e) => {
                let msg = e.to_string();
                (FetchRecord::Failed { error: msg.clone() }, FeedResult::Failed(msg))
            }
        };
        let (reply, rx) = oneshot::channel();
        if self
            .writer
            .send(WriteCmd::Record {
                feed: feed.id,
                record,
                now,
                reply: Some(reply),
            })
            .await
            .is_err()
        {
            return FeedResult::Failed("the store writer has stopped".into());
        }
        match rx.await {
            Ok(Ok(())) => result,
            Ok(Err(e)) => FeedResult::Failed(format!("could not save the feed's state: {e}")),
            Err(_) => FeedResult::Failed("the store writer has stopped".into()),
        }
    }

    async fn store(
        &self,
        feed: &FeedRow,
        outlet: String,
        items: Vec<PreparedItem>,
        record: FetchRecord,
        now: i64,
    ) -> FeedResult {
        let (reply, rx) = oneshot::channel();
        let cmd = WriteCmd::Ingest {
            feed: feed.id,
            outlet,
            items,
            record,
            now,
            reply,
        };
        if self.writer.send(cmd).await.is_err() {
            return FeedResult::Failed("the store writer has stopped".into());
        }
        match rx.await {
            Ok(Ok(report)) => FeedResult::Ok(report),
            Ok(Err(e)) => FeedResult::Failed(format!("could not store the items: {e}")),
            Err(_) => FeedResult::Failed("the store writer has stopped".into()),
        }
    }
}

/// Parses a feed body and prepares the items the store does not have yet
/// (same GUID in this feed, or an item whose article cleanup deleted:
/// skipped and counted; same address as a stored article: sent without
/// text, to be recorded as a copy; same title and body as an item already
/// prepared in this poll: its work reused; text like a stored article's, by
/// the writer's `Copies`: not extracted). Returns the
/// feed, the items to store and the number skipped.
pub fn prepare_new(
    body: &[u8],
    extractor: Extractor<'_>,
    store: Option<(&Store, &Copies)>,
    feed: crate::model::FeedId,
    reuse: Option<&Reuse>,
) -> Result<(ParsedFeed, Vec<PreparedItem>, usize), crate::feed::ParseError> {
    let mut parsed = parse_feed(body, Utc::now())?;
    let raw = std::mem::take(&mut parsed.items);
    let known = store.and_then(|(s, _)| s.known_guids(feed).ok()).unwrap_or_default();
    let mut skipped = 0;
    let mut items = Vec::with_capacity(raw.len());
    for item in raw {
        if known.contains(&item.guid) {
            skipped += 1;
            continue;
        }
        let address = item
            .original_link
            .as_deref()
            .or(item.link.as_deref())
            .and_then(canonical_url);
        let at_address = match (store, &address) {
            (Some((s, _)), Some(url)) => s.article_at(url).unwrap_or(None),
            _ => None,
        };
        let mut rendered = None;
        match at_address {
            Some(true) => {
                // A copy is only a source, unless its text is much fuller
                // than the stored one's (see `articles::is_much_fuller`).
                let stored = (store.zip(address.as_deref()))
                    .and_then(|((s, _), url)| s.text_len_at(url).ok().flatten())
                    .unwrap_or(usize::MAX / 2);
                let fuller = |len: usize| crate::store::articles::is_much_fuller(stored, len);
                // The body's text outside its tags bounds its rendered text:
                // most copies are no fuller by that bound, and are not rendered.
                let whole = fuller(text::html::text_len_bound(&item.body)).then(|| render(item.clone()));
                match whole {
                    Some(whole) if fuller(whole.text.len()) => rendered = Some(whole),
                    _ => {
                        items.push(copy_of_stored(item, address));
                        continue;
                    }
                }
            }
            Some(false) => {
                skipped += 1;
                continue;
            }
            None => {}
        }
        let key = reuse.map(|r| r.key(&item.title, &item.body));
        if let (Some(r), Some(k)) = (reuse, key)
            && let Some(done) = r.get(k)
        {
            items.push(with_parts(addressed(item), &done));
            continue;
        }
        let fuller_copy = rendered.is_some();
        let mut prepared = rendered.unwrap_or_else(|| render(item));
        // The text of a syndicated copy is stored once; its findings too.
        let stored_text = match (store, &prepared.fingerprint) {
            (Some((s, copies)), Some(sig)) if !fuller_copy => s.has_similar_article(copies, sig).unwrap_or(false),
            _ => false,
        };
        if !stored_text {
            extract_into(&mut prepared, extractor);
            if let (Some(r), Some(k)) = (reuse, key) {
                r.put(k, prepared.clone());
            }
        }
        items.push(prepared);
    }
    Ok((parsed, items, skipped))
}

/// An item whose address the store already has: only what a source needs.
fn copy_of_stored(item: FeedItem, canonical: Option<String>) -> PreparedItem {
    PreparedItem {
        guid: item.guid,
        link: item.link.map(|l| text::sanitize_line(&l)),
        canonical_url: canonical,
        title: text::sanitize_line(&item.title),
        published_at: item.published.map(|d| d.timestamp()),
        ..PreparedItem::default()
    }
}

/// Parses a feed body and prepares every item (CPU work, off the runtime).
pub fn prepare_feed(
    body: &[u8],
    extractor: Extractor<'_>,
) -> Result<(ParsedFeed, Vec<PreparedItem>), crate::feed::ParseError> {
    let mut parsed = parse_feed(body, Utc::now())?;
    let items = std::mem::take(&mut parsed.items)
        .into_iter()
        .map(|i| prepare(i, extractor))
        .collect();
    Ok((parsed, items))
}

/// One item as the store wants it: clean text, canonical URL, fingerprint,
/// findings and outbound links.
pub fn prepare(item: FeedItem, extractor: Extractor<'_>) -> PreparedItem {
    let mut prepared = render(item);
    extract_into(&mut prepared, extractor);
    prepared
}

/// Everything but the findings: text, addresses, fingerprint, links.
fn render(item: FeedItem) -> PreparedItem {
    let text = text::body_text(&item.body);
    let links = if text::html::looks_like_html(&item.body) {
        text::html::links(&item.body)
    } else {
        Vec::new()
    };
    PreparedItem {
        fingerprint: fingerprint(&text),
        text,
        links,
        ..addressed(item)
    }
}

/// What an item has of its own whatever its body: GUID, addresses, title,
/// author and date.
fn addressed(item: FeedItem) -> PreparedItem {
    let address = item.original_link.as_deref().or(item.link.as_deref());
    PreparedItem {
        canonical_url: address.and_then(canonical_url),
        guid: item.guid,
        link: item.link.map(|l| text::sanitize_line(&l)),
        title: text::sanitize_line(&item.title),
        author: item.author.map(|a| text::sanitize_line(&a)),
        published_at: item.published.map(|d| d.timestamp()),
        ..PreparedItem::default()
    }
}

/// `item`'s own addresses, title and date with what its title and body gave
/// an earlier copy.
fn with_parts(item: PreparedItem, done: &PreparedItem) -> PreparedItem {
    PreparedItem {
        text: done.text.clone(),
        fingerprint: done.fingerprint.clone(),
        links: done.links.clone(),
        wording: done.wording.clone(),
        findings: done.findings.clone(),
        companies: done.companies.clone(),
        title_companies: done.title_companies.clone(),
        from_text: done.from_text.clone(),
        ..item
    }
}

/// Adds the findings, the companies named in the title and body, and what
/// grouping reads. A copy of a stored text goes without: it joins that
/// article.
fn extract_into(item: &mut PreparedItem, extractor: Extractor<'_>) {
    item.wording = Some(Wording::of(&item.title, &item.text, &item.links));
    let (title, text) = (&item.title, &item.text);
    let (findings, title_companies) = isolated_extraction(|| {
        let mut named = Vec::new();
        for m in extractor.companies().find(title) {
            if m.actor && !named.contains(&m.company) {
                named.push(m.company);
            }
        }
        (extractor.extract(title, text), named)
    });
    item.findings = findings;
    item.companies = item.findings.companies.clone();
    item.title_companies = title_companies;
    item.from_text = Some(FromText::of(item));
}

/// Runs an item's extraction so that a flaw it trips on one hostile text
/// costs that item its findings (it is stored without any), not the whole
/// batch of its feed.
fn isolated_extraction(
    extraction: impl FnOnce() -> (crate::model::Findings, Vec<String>),
) -> (crate::model::Findings, Vec<String>) {
    text::html::isolate(extraction).unwrap_or_else(|| {
        tracing::warn!("extraction failed on an item: it is stored without findings");
        Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FeedId;

    #[test]
    fn an_extraction_that_fails_on_an_item_leaves_it_without_findings() {
        let (findings, named) = isolated_extraction(|| panic!("a flaw tripped on a hostile text"));
        assert!(findings.allegations.is_empty() && findings.responses.is_empty() && named.is_empty());
        let (findings, named) = isolated_extraction(|| {
            (
                crate::model::Findings {
                    companies: vec!["Meta".into()],
                    ..Default::default()
                },
                vec!["Meta".into()],
            )
        });
        assert_eq!(
            (findings.companies, named),
            (vec!["Meta".to_owned()], vec!["Meta".to_owned()])
        );
    }

    const FEED: &str = r#"<rss version="2.0"><channel><title>T</title>
<item><guid>a</guid><link>https://one.test/ftc-meta</link><title>FTC sues Meta</title>
<description>&lt;p&gt;The FTC sued Meta on Monday, alleging that it bought rivals to crush them. Meta said the suit was meritless.&lt;/p&gt;</description></item>
<item><guid>b</guid><link>https://two.test/syndicated?id=9</link><title>FTC sues Meta</title>
<description>&lt;p&gt;The FTC sued Meta on Monday, alleging that it bought rivals to crush them. Meta said the suit was meritless.&lt;/p&gt;</description></item>
</channel></rss>"#;

    #[test]
    fn a_copy_with_the_same_title_and_body_reuses_the_work_and_keeps_its_own_addresses() {
        let extractor = Extractor::builtin();
        let reuse = Reuse::default();
        let (_, items, _) = prepare_new(FEED.as_bytes(), extractor, None, FeedId(1), Some(&reuse)).unwrap();
        let (_, plain, _) = prepare_new(FEED.as_bytes(), extractor, None, FeedId(1), None).unwrap();
        assert_eq!(reuse.len(), 1, "one title and body, prepared once");
        assert_eq!(items[1].guid, "b");
        assert_eq!(items[1].link.as_deref(), Some("https://two.test/syndicated?id=9"));
        assert_eq!(items[1].canonical_url, plain[1].canonical_url);
        assert_eq!(items[1].text, plain[1].text);
        assert_eq!(items[1].findings, plain[1].findings);
        assert_eq!(items[1].companies, plain[1].companies);
        assert!(!items[1].findings.allegations.is_empty());
        assert_eq!(items[1].wording, plain[1].wording);
    }

    #[test]
    fn a_copy_of_a_stored_text_under_another_address_is_not_extracted_again() {
        let body = "The FTC sued Meta on Monday, alleging that it bought Instagram and WhatsApp to crush rivals \
                    before they could grow. Meta said the suit was meritless and that it would fight it in \
                    court. The agency asked the court to order the company to sell both apps, and said the \
                    deals had left users with fewer choices and less privacy.";
        let feed = |guid: &str, link: &str| {
            format!(
                "<rss version=\"2.0\"><channel><title>T</title><item><guid>{guid}</guid><link>{link}</link>\
                 <title>FTC sues Meta</title><description>{body}</description></item></channel></rss>"
            )
        };
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let wire = store.add_feed("https://wire.test/rss", None, &[]).unwrap();
        let (_, stored, _) = prepare_new(
            feed("w", "https://wire.test/1").as_bytes(),
            Extractor::builtin(),
            None,
            wire,
            None,
        )
        .unwrap();
        assert!(!stored[0].findings.allegations.is_empty());
        store.insert_batch(wire, "Wire", &stored, 1000).unwrap();
        let reader = Store::open_read_only(&dir.path().join("s.db")).unwrap();
        let copy = feed("p", "https://paper.test/meta");
        let prepare = |copies: &Copies| {
            prepare_new(
                copy.as_bytes(),
                Extractor::builtin(),
                Some((&reader, copies)),
                FeedId(99),
                None,
            )
            .unwrap()
            .1
        };
        let skipped = prepare(&store.copies());
        assert_eq!(skipped[0].canonical_url.as_deref(), Some("paper.test/meta"));
        assert!(skipped[0].findings.allegations.is_empty() && skipped[0].wording.is_none());
        let unknown = prepare(&Copies::default());
        assert!(!unknown[0].findings.allegations.is_empty());
    }

    #[test]
    fn a_copy_at_a_stored_address_is_prepared_in_full_only_when_much_fuller() {
        let feed = |guid: &str, body: &str| {
            format!(
                "<rss version=\"2.0\"><channel><title>T</title><item><guid>{guid}</guid>\
                 <link>https://news.test/meta</link><title>FTC sues Meta</title>\
                 <description>{body}</description></item></channel></rss>"
            )
        };
        let excerpt = "The FTC and Meta, in court.";
        let whole = "The FTC sued Meta on Monday, alleging that it bought Instagram and WhatsApp to crush rivals \
                     before they could grow. Meta said the suit was meritless and that it would fight it in \
                     court. The agency asked the court to order the company to sell both apps, and said the \
                     deals had left users with fewer choices and less privacy, and that the company had \
                     known for years that the purchases would shut competitors out of the market. The \
                     case goes to trial next year in Washington, where a judge will decide whether to order \
                     the sales.";
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let wire = store.add_feed("https://wire.test/rss", None, &[]).unwrap();
        let (_, stored, _) =
            prepare_new(feed("w", excerpt).as_bytes(), Extractor::builtin(), None, wire, None).unwrap();
        store.insert_batch(wire, "Wire", &stored, 1000).unwrap();
        let reader = Store::open_read_only(&dir.path().join("s.db")).unwrap();
        let prepare = |body: &str| {
            let copies = store.copies();
            prepare_new(
                feed("p", body).as_bytes(),
                Extractor::builtin(),
                Some((&reader, &copies)),
                FeedId(99),
                None,
            )
            .unwrap()
            .1
            .remove(0)
        };
        let source_only = prepare("The FTC and Meta, in court again.");
        assert!(source_only.text.is_empty() && source_only.findings.allegations.is_empty());
        let fuller = prepare(whole);
        assert!(fuller.text.starts_with("The FTC sued Meta"));
        assert!(!fuller.findings.allegations.is_empty());
    }

    #[test]
    fn preparation_reads_the_wording_grouping_needs_from_the_title_text_and_links() {
        let (_, items, _) = prepare_new(FEED.as_bytes(), Extractor::builtin(), None, FeedId(1), None).unwrap();
        let item = &items[0];
        let wording = item.wording.as_ref().expect("prepared with its wording");
        assert_eq!(*wording, Wording::of(&item.title, &item.text, &item.links));
        let terms: Vec<&str> = wording.terms().map(|(t, _)| t).collect();
        assert!(
            terms.contains(&"ftc") && terms.contains(&"meta") && terms.contains(&"rival"),
            "{terms:?}"
        );
    }
}
