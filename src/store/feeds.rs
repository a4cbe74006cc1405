//! Feeds in the store: the configured and user-added list, and each feed's
//! polling state (validators, status, schedule).

use std::time::Duration;

use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store};
use crate::config::FeedConfig;
use crate::feed::Validators;
use crate::model::{FeedId, FeedStatus};

/// A feed as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub id: FeedId,
    pub url: String,
    pub configured_url: String,
    pub title: Option<String>,
    pub feed_title: Option<String>,
    pub tags: Vec<String>,
    pub origin: String,
    pub status: FeedStatus,
    pub last_error: Option<String>,
    pub validators: Validators,
    pub last_polled_at: Option<i64>,
    pub next_poll_at: i64,
    pub retry_until: i64,
    pub failures: i64,
    pub article_count: i64,
}

impl FeedRow {
    /// The name shown for this feed.
    pub fn display_title(&self) -> &str {
        self.title
            .as_deref()
            .or(self.feed_title.as_deref())
            .unwrap_or(&self.url)
    }
}

/// The result of one fetch, to record against the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchRecord {
    Fetched {
        validators: Validators,
        moved_to: Option<String>,
        feed_title: Option<String>,
    },
    NotModified {
        moved_to: Option<String>,
    },
    Gone,
    RetryLater {
        after: Option<Duration>,
        reason: String,
    },
    Failed {
        error: String,
    },
}

const COLUMNS: &str = "f.id, f.url, f.configured_url, f.title, f.feed_title, f.tags, f.origin, f.status, f.last_error, \
     f.etag, f.last_modified, f.last_polled_at, f.next_poll_at, f.retry_until, f.failures";

fn row_to_feed(r: &Row) -> rusqlite::Result<FeedRow> {
    let tags: String = r.get(5)?;
    let status: String = r.get(7)?;
    Ok(FeedRow {
        id: r.get(0)?,
        url: r.get(1)?,
        configured_url: r.get(2)?,
        title: r.get(3)?,
        feed_title: r.get(4)?,
        tags: tags.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        origin: r.get(6)?,
        status: FeedStatus::parse(&status),
        last_error: r.get(8)?,
        validators: Validators {
            etag: r.get(9)?,
            last_modified: r.get(10)?,
        },
        last_polled_at: r.get(11)?,
        next_poll_at: r.get(12)?,
        retry_until: r.get(13)?,
        failures: r.get(14)?,
        article_count: 0,
    })
}

fn join_tags(tags: &[String]) -> String {
    tags.iter().map(|t| t.replace(',', " ")).collect::<Vec<_>>().join(",")
}

impl Store {
    /// Makes the store's feed list match the configuration: new feeds are
    /// added, titles and tags refreshed, feeds dropped from the config stop
    /// being polled (their articles stay). Feeds the user removed stay removed.
    pub fn sync_config_feeds(&mut self, feeds: &[FeedConfig]) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE feeds SET removed = 2 WHERE origin = 'config' AND removed = 0",
                [],
            )?;
            for f in feeds {
                tx.execute(
                    "INSERT INTO feeds (url, configured_url, title, tags, origin) VALUES (?1, ?1, ?2, ?3, 'config')
                     ON CONFLICT (configured_url) DO UPDATE SET title = excluded.title, tags = excluded.tags,
                         removed = CASE WHEN feeds.removed = 1 THEN 1 ELSE 0 END",
                    params![f.url, f.title, join_tags(&f.tags)],
                )
                .or_else(|e| match e.sqlite_error_code() {
                    // The configured address is already known as another feed's moved-to URL.
                    Some(rusqlite::ErrorCode::ConstraintViolation) => Ok(0),
                    _ => Err(e),
                })?;
            }
            Ok(())
        })
    }

    /// Adds a feed the user asked for (or brings back one they removed).
    pub fn add_feed(&mut self, url: &str, title: Option<&str>, tags: &[String]) -> Result<FeedId> {
        self.write(|tx| {
            let existing: Option<i64> = tx
                .query_row("SELECT id FROM feeds WHERE url = ?1 OR configured_url = ?1", [url], |r| r.get(0))
                .optional()?;
            if let Some(id) = existing {
                tx.execute(
                    "UPDATE feeds SET removed = 0, title = COALESCE(?2, title), tags = CASE WHEN ?3 = '' THEN tags ELSE ?3 END WHERE id = ?1",
                    params![id, title, join_tags(tags)],
                )?;
                return Ok(FeedId(id));
            }
            tx.execute(
                "INSERT INTO feeds (url, configured_url, title, tags, origin) VALUES (?1, ?1, ?2, ?3, 'user')",
                params![url, title, join_tags(tags)],
            )?;
            Ok(FeedId(tx.last_insert_rowid()))
        })
    }

    /// Stops polling a feed; its articles stay. False if no such feed.
    pub fn remove_feed(&mut self, url: &str) -> Result<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE feeds SET removed = 1 WHERE (url = ?1 OR configured_url = ?1) AND removed != 1",
                [url],
            )?;
            Ok(n > 0)
        })
    }

    /// Every feed that is not removed, with its article count, by title.
    pub fn feed_list(&self) -> Result<Vec<FeedRow>> {
        let sql = format!(
            "SELECT {COLUMNS}, (SELECT COUNT(*) FROM sources s WHERE s.feed_id = f.id) FROM feeds f
             WHERE f.removed = 0 ORDER BY lower(COALESCE(f.title, f.feed_title, f.url))"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let mut f = row_to_feed(r)?;
            f.article_count = r.get(15)?;
            Ok(f)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Feeds to poll now. `force` ignores the regular schedule and backoff
    /// but never Retry-After or a 410.
    pub fn due_feeds(&self, now: i64, force: bool) -> Result<Vec<FeedRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM feeds f WHERE f.removed = 0 AND f.status != 'gone' AND f.retry_until <= ?1
             AND (?2 OR f.next_poll_at <= ?1) ORDER BY f.next_poll_at, f.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![now, force], row_to_feed)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the store has any feed that is not removed (gone or resting
    /// after a Retry-After included).
    pub fn has_feeds(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM feeds WHERE removed = 0)")?
            .query_row([], |r| r.get(0))?)
    }

    /// When any feed was last polled, if ever.
    pub fn last_poll_time(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT MAX(last_polled_at) FROM feeds WHERE removed = 0", [], |r| {
                r.get(0)
            })?)
    }

    /// The feeds polled and how many of them failed at their last poll.
    pub fn feeds_failing(&self) -> Result<(usize, usize)> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(status = 'error'), 0) FROM feeds WHERE removed = 0",
            [],
            |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
        )?)
    }

    pub fn feed(&self, id: FeedId) -> Result<Option<FeedRow>> {
        let sql = format!("SELECT {COLUMNS} FROM feeds f WHERE f.id = ?1");
        Ok(self.conn.query_row(&sql, [id], row_to_feed).optional()?)
    }
}

/// Records a fetch's outcome on a feed within a write transaction: status,
/// validators, the permanent URL, failures and the next poll time.
pub fn record_fetch(
    tx: &rusqlite::Connection,
    feed: FeedId,
    record: &FetchRecord,
    now: i64,
    interval: Duration,
    max_backoff: Duration,
) -> Result<()> {
    let interval = interval.as_secs() as i64;
    let moved = match record {
        FetchRecord::Fetched { moved_to, .. } | FetchRecord::NotModified { moved_to } => moved_to.as_deref(),
        _ => None,
    };
    if let Some(url) = moved {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM feeds WHERE url = ?1 AND id != ?2)",
            params![url, feed],
            |r| r.get(0),
        )?;
        if !taken {
            tx.execute("UPDATE feeds SET url = ?2 WHERE id = ?1", params![feed, url])?;
        }
    }
    match record {
        FetchRecord::Fetched {
            validators, feed_title, ..
        } => {
            tx.execute(
                "UPDATE feeds SET status = 'ok', last_error = NULL, etag = ?2, last_modified = ?3, feed_title = COALESCE(?4, feed_title),
                 last_polled_at = ?5, last_ok_at = ?5, next_poll_at = ?5 + ?6, failures = 0 WHERE id = ?1",
                params![feed, validators.etag, validators.last_modified, feed_title, now, interval],
            )?;
        }
        FetchRecord::NotModified { .. } => {
            tx.execute(
                "UPDATE feeds SET status = 'not_modified', last_error = NULL, last_polled_at = ?2, last_ok_at = ?2,
                 next_poll_at = ?2 + ?3, failures = 0 WHERE id = ?1",
                params![feed, now, interval],
            )?;
        }
        FetchRecord::Gone => {
            tx.execute(
                "UPDATE feeds SET status = 'gone', last_error = 'the server says the feed is gone (410); it is no longer polled',
                 last_polled_at = ?2 WHERE id = ?1",
                params![feed, now],
            )?;
        }
        FetchRecord::RetryLater { after, reason } => {
            let failures: i64 = tx.query_row("SELECT failures FROM feeds WHERE id = ?1", [feed], |r| r.get(0))?;
            // Retry-After is the least wait the server asks for: one shorter
            // than the backoff (`0`, a date past) does not shorten it.
            let cap = max_backoff.as_secs() as i64;
            let asked = after.map(|d| (d.as_secs() as i64).min(cap));
            let wait = backoff(failures + 1, interval, max_backoff).max(asked.unwrap_or(0));
            tx.execute(
                "UPDATE feeds SET status = 'error', last_error = ?2, last_polled_at = ?3, failures = failures + 1,
                 next_poll_at = ?3 + ?4, retry_until = ?3 + ?5 WHERE id = ?1",
                params![feed, reason, now, wait, asked.unwrap_or(wait)],
            )?;
        }
        FetchRecord::Failed { error } => {
            let failures: i64 = tx.query_row("SELECT failures FROM feeds WHERE id = ?1", [feed], |r| r.get(0))?;
            let wait = backoff(failures + 1, interval, max_backoff);
            tx.execute(
                "UPDATE feeds SET status = 'error', last_error = ?2, last_polled_at = ?3, failures = failures + 1,
                 next_poll_at = ?3 + ?4 WHERE id = ?1",
                params![feed, error, now, wait],
            )?;
        }
    }
    Ok(())
}

/// Seconds to wait after `failures` consecutive failures: the interval,
/// doubled per failure beyond the first, capped.
pub fn backoff(failures: i64, interval: i64, max_backoff: Duration) -> i64 {
    let doublings = (failures - 1).clamp(0, 20) as u32;
    interval
        .max(60)
        .saturating_mul(1i64 << doublings)
        .min(max_backoff.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(url: &str) -> FeedConfig {
        FeedConfig {
            url: url.into(),
            title: Some(format!("T {url}")),
            tags: vec!["policy".into()],
        }
    }

    const H: Duration = Duration::from_secs(3600);
    const DAY: Duration = Duration::from_secs(86400);

    #[test]
    fn config_sync_adds_updates_and_retires_feeds() {
        let mut s = Store::open_in_memory().unwrap();
        s.sync_config_feeds(&[cfg("https://a.test/rss"), cfg("https://b.test/rss")])
            .unwrap();
        assert_eq!(s.feed_list().unwrap().len(), 2);
        s.sync_config_feeds(&[cfg("https://a.test/rss")]).unwrap();
        let list = s.feed_list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].tags, vec!["policy"]);
    }

    #[test]
    fn a_feed_the_user_removed_stays_removed_after_sync() {
        let mut s = Store::open_in_memory().unwrap();
        s.sync_config_feeds(&[cfg("https://a.test/rss")]).unwrap();
        assert!(s.remove_feed("https://a.test/rss").unwrap());
        s.sync_config_feeds(&[cfg("https://a.test/rss")]).unwrap();
        assert!(s.feed_list().unwrap().is_empty());
        s.add_feed("https://a.test/rss", None, &[]).unwrap();
        assert_eq!(s.feed_list().unwrap().len(), 1);
    }

    #[test]
    fn a_store_has_feeds_until_its_last_is_removed_even_one_resting_after_retry_after() {
        let mut s = Store::open_in_memory().unwrap();
        assert!(!s.has_feeds().unwrap());
        s.add_feed("https://a.test/rss", None, &[]).unwrap();
        s.write(|tx| Ok(tx.execute("UPDATE feeds SET retry_until = 4000000000", [])?))
            .unwrap();
        assert!(s.due_feeds(1000, true).unwrap().is_empty());
        assert!(s.has_feeds().unwrap());
        assert!(s.remove_feed("https://a.test/rss").unwrap());
        assert!(!s.has_feeds().unwrap());
    }

    #[test]
    fn permanent_move_updates_the_url_and_schedule_is_persisted() {
        let mut s = Store::open_in_memory().unwrap();
        let id = s.add_feed("https://old.test/rss", Some("Old"), &[]).unwrap();
        let rec = FetchRecord::NotModified {
            moved_to: Some("https://new.test/rss".into()),
        };
        s.write(|tx| record_fetch(tx, id, &rec, 1000, H, DAY)).unwrap();
        let f = s.feed(id).unwrap().unwrap();
        assert_eq!(f.url, "https://new.test/rss");
        assert_eq!(f.next_poll_at, 1000 + 3600);
        assert!(s.due_feeds(2000, false).unwrap().is_empty());
        assert_eq!(s.due_feeds(2000, true).unwrap().len(), 1);
    }

    #[test]
    fn retry_after_holds_even_a_forced_poll_and_gone_stops_polling() {
        let mut s = Store::open_in_memory().unwrap();
        let a = s.add_feed("https://a.test/rss", None, &[]).unwrap();
        let b = s.add_feed("https://b.test/rss", None, &[]).unwrap();
        let later = FetchRecord::RetryLater {
            after: Some(Duration::from_secs(600)),
            reason: "HTTP 429".into(),
        };
        s.write(|tx| record_fetch(tx, a, &later, 1000, H, DAY)).unwrap();
        s.write(|tx| record_fetch(tx, b, &FetchRecord::Gone, 1000, H, DAY))
            .unwrap();
        assert!(s.due_feeds(1500, true).unwrap().is_empty());
        let due: Vec<FeedId> = s.due_feeds(1600, true).unwrap().iter().map(|f| f.id).collect();
        assert_eq!(due, vec![a]);
        let gone = s.feed(b).unwrap().unwrap();
        assert_eq!(gone.status, FeedStatus::Gone);
    }

    #[test]
    fn failures_back_off_exponentially_up_to_the_cap() {
        assert_eq!(backoff(1, 1800, DAY), 1800);
        assert_eq!(backoff(2, 1800, DAY), 3600);
        assert_eq!(backoff(4, 1800, DAY), 14400);
        assert_eq!(backoff(30, 1800, DAY), 86400);
    }
}
