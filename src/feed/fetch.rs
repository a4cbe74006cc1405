//! HTTP fetching of one feed: conditional GET, redirects followed by hand (so
//! permanent and temporary ones can be told apart), time limits and a body
//! cap counted after decompression.

use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};

use crate::config::Settings;

pub const USER_AGENT: &str = concat!(
    "counterpoint/",
    env!("CARGO_PKG_VERSION"),
    " (terminal tech-policy news reader; polls politely with conditional GET)"
);

/// Retry-After and backoff never wait longer than this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);
/// Validators longer than this are not stored (and so not sent back).
const MAX_VALIDATOR_LEN: usize = 1024;

/// The cache validators a server gave with a body, sent back verbatim.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// What a fetch brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// A new body.
    Fetched {
        body: Vec<u8>,
        validators: Validators,
        /// Where a chain of only permanent redirects (301/308) ended.
        moved_to: Option<String>,
    },
    /// 304: nothing changed.
    NotModified { moved_to: Option<String> },
    /// 410: the feed is gone for good.
    Gone,
    /// 429 or 503: try again after this long.
    RetryLater { status: u16, after: Option<Duration> },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("invalid feed address: {0}")]
    BadUrl(String),
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("could not connect within {0:?}")]
    ConnectTimeout(Duration),
    #[error("the server sent nothing for {0:?}")]
    ReadTimeout(Duration),
    #[error("the response is larger than the {0}-byte limit")]
    TooLarge(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("redirect loop at {0}")]
    RedirectLoop(String),
    #[error("redirect without a usable Location header")]
    BadRedirect,
    #[error("HTTP {0}")]
    Status(u16),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("connection failed while reading: {0}")]
    Body(String),
}

/// Time, size and redirect limits for one fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    pub total_timeout: Duration,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
}

impl From<&Settings> for Limits {
    fn from(s: &Settings) -> Limits {
        Limits {
            max_body_bytes: s.max_body_bytes,
            max_redirects: s.max_redirects,
            total_timeout: s.total_timeout,
            connect_timeout: s.connect_timeout,
            read_timeout: s.read_timeout,
        }
    }
}

/// Fetches feeds over one shared connection pool.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    limits: Limits,
}

impl Fetcher {
    pub fn new(settings: &Settings) -> Result<Fetcher, FetchError> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.connect_timeout)
            .read_timeout(settings.read_timeout)
            .pool_max_idle_per_host(settings.per_host.max(1))
            .build()
            .map_err(|e| FetchError::Connect(e.to_string()))?;
        Ok(Fetcher {
            client,
            limits: Limits::from(settings),
        })
    }

    /// Fetches `url`, sending `validators` back as If-None-Match and
    /// If-Modified-Since.
    pub async fn fetch(&self, url: &str, validators: &Validators) -> Result<FetchOutcome, FetchError> {
        let total = self.limits.total_timeout;
        match tokio::time::timeout(total, self.fetch_inner(url, validators)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout(total)),
        }
    }

    async fn fetch_inner(&self, url: &str, validators: &Validators) -> Result<FetchOutcome, FetchError> {
        let mut current = reqwest::Url::parse(url).map_err(|e| FetchError::BadUrl(e.to_string()))?;
        check_scheme(&current)?;
        let mut visited = vec![current.clone()];
        let mut all_permanent = true;
        let mut moved_to: Option<String> = None;
        for _ in 0..=self.limits.max_redirects {
            let mut request = self.client.get(current.clone());
            if let Some(etag) = validators.etag.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = validators
                .last_modified
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                request = request.header(header::IF_MODIFIED_SINCE, lm);
            }
            let response = request.send().await.map_err(|e| connect_error(e, &self.limits))?;
            let status = response.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let next = redirect_target(&current, response.headers())?;
                check_scheme(&next)?;
                if visited.contains(&next) {
                    return Err(FetchError::RedirectLoop(crate::text::sanitize_line(next.as_str())));
                }
                all_permanent &= matches!(status, StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT);
                if all_permanent {
                    moved_to = Some(next.to_string());
                }
                visited.push(next.clone());
                current = next;
                continue;
            }
            return self.finish(response, moved_to).await;
        }
        Err(FetchError::TooManyRedirects(self.limits.max_redirects))
    }

    async fn finish(
        &self,
        mut response: reqwest::Response,
        moved_to: Option<String>,
    ) -> Result<FetchOutcome, FetchError> {
        let status = response.status();
        match status {
            StatusCode::NOT_MODIFIED => return Ok(FetchOutcome::NotModified { moved_to }),
            StatusCode::GONE => return Ok(FetchOutcome::Gone),
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                let after = response
                    .headers()
                    .get(header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| parse_retry_after(v, Utc::now()));
                return Ok(FetchOutcome::RetryLater {
                    status: status.as_u16(),
                    after,
                });
            }
            s if !s.is_success() => return Err(FetchError::Status(s.as_u16())),
            _ => {}
        }
        let validators = Validators {
            etag: header_text(response.headers(), header::ETAG),
            last_modified: header_text(response.headers(), header::LAST_MODIFIED),
        };
        let cap = self.limits.max_body_bytes;
        if response.content_length().is_some_and(|n| n > cap)
            && response.headers().get(header::CONTENT_ENCODING).is_none()
        {
            return Err(FetchError::TooLarge(cap));
        }
        // Content-Length is only a hint (it counts encoded bytes), so it sizes
        // the buffer but never more than the cap.
        let hint = response.content_length().map_or(0, |n| n.min(cap)) as usize;
        let mut body = Vec::with_capacity(hint);
        while let Some(chunk) = response.chunk().await.map_err(|e| body_error(e, &self.limits))? {
            if body.len() as u64 + chunk.len() as u64 > cap {
                return Err(FetchError::TooLarge(cap));
            }
            body.extend_from_slice(&chunk);
        }
        body.shrink_to_fit();
        Ok(FetchOutcome::Fetched {
            body,
            validators,
            moved_to,
        })
    }
}

fn check_scheme(url: &reqwest::Url) -> Result<(), FetchError> {
    match url.scheme() {
        "http" | "https" => Ok(()),
        other => Err(FetchError::BadUrl(format!("unsupported scheme {other:?}"))),
    }
}

fn redirect_target(base: &reqwest::Url, headers: &HeaderMap) -> Result<reqwest::Url, FetchError> {
    let location = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(FetchError::BadRedirect)?;
    base.join(location.trim()).map_err(|_| FetchError::BadRedirect)
}

/// A header's value if it is printable ASCII of a sane length, verbatim.
fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    let v = headers.get(name)?.to_str().ok()?;
    (!v.is_empty() && v.len() <= MAX_VALIDATOR_LEN && v.bytes().all(|b| (0x20..0x7f).contains(&b)))
        .then(|| v.to_owned())
}

/// The limit that fired, said as such: connecting, or waiting for data.
fn connect_error(e: reqwest::Error, limits: &Limits) -> FetchError {
    match (e.is_timeout(), e.is_connect()) {
        (true, true) => FetchError::ConnectTimeout(limits.connect_timeout),
        (true, false) => FetchError::ReadTimeout(limits.read_timeout),
        _ => FetchError::Connect(error_chain(&e)),
    }
}

fn body_error(e: reqwest::Error, limits: &Limits) -> FetchError {
    if e.is_timeout() {
        return FetchError::ReadTimeout(limits.read_timeout);
    }
    FetchError::Body(error_chain(&e))
}

/// The innermost cause is usually the informative one ("connection refused").
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg = s.to_string();
        source = s.source();
    }
    crate::text::sanitize_line(&msg).chars().take(200).collect()
}

/// Retry-After as delay-seconds or an HTTP date, capped at 24 hours.
/// Junk gives `None` (the caller falls back to its own backoff).
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    let when: DateTime<Utc> = when.into();
    let delta = (when - now).to_std().unwrap_or(Duration::ZERO);
    Some(delta.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rstest::rstest;

    #[rstest]
    #[case::seconds("120", Some(120))]
    #[case::huge("999999999", Some(86400))]
    #[case::date_in_future("Sun, 01 Nov 2026 01:00:00 GMT", Some(3600))]
    #[case::date_in_past("Sat, 31 Oct 2026 00:00:00 GMT", Some(0))]
    #[case::junk("soon, maybe", None)]
    #[case::negative("-5", None)]
    fn retry_after_forms(#[case] value: &str, #[case] secs: Option<u64>) {
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        assert_eq!(parse_retry_after(value, now), secs.map(Duration::from_secs));
    }
}
