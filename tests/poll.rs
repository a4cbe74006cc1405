//! Polling against a loopback server: conditional GET, redirects, 410,
//! Retry-After, compression, size caps, timeouts and redirect loops.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::{Reply, TestServer, gzip, rss};
use counterpoint::config::{Config, Settings};
use counterpoint::extract::Extractor;
use counterpoint::ingest::{PollProgress, Poller};
use counterpoint::model::FeedStatus;
use counterpoint::store::writer::{Schedule, Writer};
use counterpoint::store::{FeedRow, Store, unix_now};

struct Harness {
    _dir: tempfile::TempDir,
    db: PathBuf,
    poller: Poller,
}

fn settings() -> Settings {
    let mut s = Config::builtin().settings;
    s.connect_timeout = Duration::from_secs(2);
    s.read_timeout = Duration::from_secs(2);
    s.total_timeout = Duration::from_secs(3);
    s.max_body_bytes = 64 * 1024;
    s
}

fn harness(urls: &[String], settings: Settings) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let mut store = Store::open(&db).unwrap();
    for u in urls {
        store.add_feed(u, None, &[]).unwrap();
    }
    let schedule = Schedule {
        interval: settings.poll_interval,
        max_backoff: settings.max_backoff,
    };
    let (writer, _thread) = Writer::spawn(store, schedule);
    let poller = Poller::new(settings, writer, Extractor::builtin())
        .unwrap()
        .with_store(&db);
    Harness { _dir: dir, db, poller }
}

impl Harness {
    async fn poll(&self) -> PollProgress {
        let feeds = self.read().due_feeds(unix_now(), true).unwrap();
        self.poller.poll(feeds).await
    }

    fn read(&self) -> Store {
        Store::open_read_only(&self.db).unwrap()
    }

    fn feed(&self, original: &str) -> FeedRow {
        self.read()
            .feed_list()
            .unwrap()
            .into_iter()
            .find(|f| f.configured_url == original)
            .unwrap()
    }
}

#[tokio::test]
async fn a_304_echoes_validators_and_costs_no_parse_or_write() {
    let server = TestServer::start();
    let body = rss(&[
        ("1", "https://news.test/a", "FTC sues Amazon"),
        ("2", "https://news.test/b", "EU fines Apple"),
    ]);
    server.route("/feed", move |req| {
        if req.header("If-None-Match") == Some("\"v1\"") {
            Reply::status(304)
        } else {
            Reply::ok(body.clone())
                .with_header("ETag", "\"v1\"")
                .with_header("Last-Modified", "Tue, 20 Jun 2023 10:00:00 GMT")
        }
    });
    let h = harness(&[server.url("/feed")], settings());
    let first = h.poll().await;
    assert_eq!((first.ok, first.report.new_articles), (1, 2), "{first:?}");
    let second = h.poll().await;
    assert_eq!((second.not_modified, second.report.new_articles), (1, 0), "{second:?}");
    let reqs = server.requests_to("/feed");
    assert_eq!(reqs[0].header("If-None-Match"), None);
    assert_eq!(reqs[1].header("If-None-Match"), Some("\"v1\""));
    assert_eq!(
        reqs[1].header("If-Modified-Since"),
        Some("Tue, 20 Jun 2023 10:00:00 GMT")
    );
    assert!(reqs[0].header("User-Agent").unwrap().starts_with("counterpoint/"));
    let feed = h.feed(&server.url("/feed"));
    assert_eq!(feed.status, FeedStatus::NotModified);
    assert_eq!(feed.article_count, 2);
}

#[tokio::test]
async fn a_cut_off_feed_keeps_its_complete_items_and_is_fetched_whole_next_time() {
    let server = TestServer::start();
    let whole = rss(&[
        ("1", "https://news.test/a", "FTC sues Amazon"),
        ("2", "https://news.test/b", "EU fines Apple"),
        ("3", "https://news.test/c", "Meta settles with Texas"),
    ]);
    // The first answer stops inside the third item, as a server that
    // fails half-way through its response sends it.
    let cut = whole[..whole.rfind("<item>").unwrap() + 30].to_string();
    let answered = std::sync::atomic::AtomicBool::new(false);
    server.route("/feed", move |req| {
        if req.header("If-None-Match").is_some() {
            Reply::status(304)
        } else if answered.swap(true, std::sync::atomic::Ordering::SeqCst) {
            Reply::ok(whole.clone()).with_header("ETag", "\"v1\"")
        } else {
            Reply::ok(cut.clone()).with_header("ETag", "\"v1\"")
        }
    });
    let h = harness(&[server.url("/feed")], settings());
    let first = h.poll().await;
    assert_eq!((first.ok, first.report.new_articles), (1, 2), "{first:?}");
    assert_eq!(h.feed(&server.url("/feed")).validators.etag, None);
    let second = h.poll().await;
    assert_eq!((second.ok, second.report.new_articles), (1, 1), "{second:?}");
    let reqs = server.requests_to("/feed");
    assert_eq!(
        reqs[1].header("If-None-Match"),
        None,
        "the second fetch asks for the whole feed"
    );
    assert_eq!(h.feed(&server.url("/feed")).validators.etag.as_deref(), Some("\"v1\""));
}

#[tokio::test]
async fn a_304_with_changed_validators_keeps_the_stored_ones() {
    let server = TestServer::start();
    let body = rss(&[("1", "https://news.test/a", "A")]);
    server.route("/feed", move |req| {
        if req.header("If-None-Match").is_some() {
            Reply::status(304).with_header("ETag", "\"changed\"")
        } else {
            Reply::ok(body.clone()).with_header("ETag", "\"v1\"")
        }
    });
    let h = harness(&[server.url("/feed")], settings());
    h.poll().await;
    h.poll().await;
    assert_eq!(h.feed(&server.url("/feed")).validators.etag.as_deref(), Some("\"v1\""));
}

#[tokio::test]
async fn permanent_redirects_move_the_feed_and_temporary_ones_do_not() {
    let server = TestServer::start();
    let body = rss(&[("1", "https://news.test/a", "A")]);
    server.fixed("/perm", Reply::redirect(301, "/perm-new"));
    server.fixed("/perm-new", Reply::ok(body.clone()));
    server.fixed("/perm308", Reply::redirect(308, "/perm308-new"));
    server.fixed("/perm308-new", Reply::ok(body.clone()));
    server.fixed("/temp", Reply::redirect(302, "/temp-new"));
    server.fixed("/temp-new", Reply::ok(body.clone()));
    server.fixed("/temp307", Reply::redirect(307, "/temp307-new"));
    server.fixed("/temp307-new", Reply::ok(body));
    let urls: Vec<String> = ["/perm", "/perm308", "/temp", "/temp307"]
        .iter()
        .map(|p| server.url(p))
        .collect();
    let h = harness(&urls, settings());
    let p = h.poll().await;
    assert_eq!(p.ok, 4, "{p:?}");
    assert_eq!(h.feed(&urls[0]).url, server.url("/perm-new"));
    assert_eq!(h.feed(&urls[1]).url, server.url("/perm308-new"));
    assert_eq!(h.feed(&urls[2]).url, urls[2]);
    assert_eq!(h.feed(&urls[3]).url, urls[3]);
}

#[tokio::test]
async fn a_410_marks_the_feed_gone_and_it_is_not_polled_again() {
    let server = TestServer::start();
    server.fixed("/gone", Reply::status(410));
    let h = harness(&[server.url("/gone")], settings());
    let p = h.poll().await;
    assert_eq!(p.gone, 1);
    let f = h.feed(&server.url("/gone"));
    assert_eq!(f.status, FeedStatus::Gone);
    assert!(f.last_error.unwrap().contains("410"));
    h.poll().await;
    assert_eq!(server.requests_to("/gone").len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_as_seconds_and_as_a_date() {
    let server = TestServer::start();
    server.fixed("/busy", Reply::status(429).with_header("Retry-After", "120"));
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(7200));
    server.fixed("/down", Reply::status(503).with_header("Retry-After", &date));
    server.fixed("/junk", Reply::status(503).with_header("Retry-After", "whenever"));
    server.fixed("/huge", Reply::status(429).with_header("Retry-After", "999999999"));
    server.fixed("/now", Reply::status(503).with_header("Retry-After", "0"));
    let urls: Vec<String> = ["/busy", "/down", "/junk", "/huge", "/now"]
        .iter()
        .map(|p| server.url(p))
        .collect();
    let h = harness(&urls, settings());
    let p = h.poll().await;
    assert_eq!(p.failed, 5);
    let now = unix_now();
    let busy = h.feed(&urls[0]);
    assert!((busy.retry_until - now - 120).abs() <= 5, "{busy:?}");
    let down = h.feed(&urls[1]);
    assert!((down.retry_until - now - 7200).abs() <= 5, "{down:?}");
    let junk = h.feed(&urls[2]);
    assert!(junk.retry_until > now, "junk falls back to backoff: {junk:?}");
    let huge = h.feed(&urls[3]);
    assert!(huge.retry_until - now <= 86400 + 5, "capped at 24h: {huge:?}");
    let at_once = h.feed(&urls[4]);
    assert!(
        at_once.next_poll_at - now >= 60,
        "'Retry-After: 0' does not cut the backoff short: {at_once:?}"
    );
    assert!(
        !h.read().due_feeds(now, false).unwrap().iter().any(|f| f.url == urls[4]),
        "not due"
    );
    h.poll().await;
    let asked_again: Vec<String> = server.requests()[5..].iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        asked_again,
        ["/now"],
        "a poll the reader forces asks none before its Retry-After"
    );
}

#[tokio::test]
async fn gzip_bodies_are_decoded() {
    let server = TestServer::start();
    let body = gzip(rss(&[("1", "https://news.test/a", "A"), ("2", "https://news.test/b", "B")]).as_bytes());
    server.fixed("/gz", Reply::ok(body).with_header("Content-Encoding", "gzip"));
    let h = harness(&[server.url("/gz")], settings());
    let p = h.poll().await;
    assert_eq!((p.ok, p.report.new_articles), (1, 2), "{p:?}");
    assert!(server.requests()[0].header("Accept-Encoding").unwrap().contains("gzip"));
}

#[tokio::test]
async fn bodies_over_the_cap_are_refused_even_when_compressed() {
    let server = TestServer::start();
    let big = format!(
        "<rss version=\"2.0\"><channel>{}</channel></rss>",
        "x".repeat(200 * 1024)
    );
    server.fixed("/big", Reply::ok(big.clone()));
    server.fixed(
        "/bomb",
        Reply::ok(gzip(big.as_bytes())).with_header("Content-Encoding", "gzip"),
    );
    let h = harness(&[server.url("/big"), server.url("/bomb")], settings());
    let p = h.poll().await;
    assert_eq!(p.failed, 2, "{p:?}");
    for path in ["/big", "/bomb"] {
        let err = h.feed(&server.url(path)).last_error.unwrap();
        assert!(err.contains("larger than"), "{path}: {err}");
    }
}

#[tokio::test]
async fn a_slow_server_times_out_while_other_feeds_complete() {
    let server = TestServer::start();
    server.fixed(
        "/slow",
        Reply::Trickle {
            every: Duration::from_millis(700),
            body: rss(&[("1", "https://x.test/1", "S")]).into_bytes(),
        },
    );
    server.fixed(
        "/stalled",
        Reply::Trickle {
            every: Duration::from_secs(30),
            body: rss(&[("1", "https://x.test/1", "S")]).into_bytes(),
        },
    );
    server.fixed("/fast", Reply::ok(rss(&[("1", "https://news.test/a", "A")])));
    let urls = [server.url("/slow"), server.url("/stalled"), server.url("/fast")];
    let h = harness(&urls, settings());
    let p = h.poll().await;
    assert_eq!((p.ok, p.failed), (1, 2), "{p:?}");
    assert_eq!(h.feed(&urls[0]).last_error.unwrap(), "timed out after 3s");
    assert_eq!(h.feed(&urls[1]).last_error.unwrap(), "the server sent nothing for 2s");
}

#[tokio::test]
async fn redirect_loops_and_long_chains_are_errors() {
    let server = TestServer::start();
    server.fixed("/loop1", Reply::redirect(302, "/loop2"));
    server.fixed("/loop2", Reply::redirect(302, "/loop1"));
    for i in 0..11 {
        server.fixed(&format!("/hop{i}"), Reply::redirect(302, &format!("/hop{}", i + 1)));
    }
    server.fixed("/hop11", Reply::ok(rss(&[("1", "https://news.test/a", "A")])));
    for i in 0..10 {
        server.fixed(&format!("/ten{i}"), Reply::redirect(301, &format!("/ten{}", i + 1)));
    }
    server.fixed("/ten10", Reply::ok(rss(&[("1", "https://news.test/b", "B")])));
    let urls = [server.url("/loop1"), server.url("/hop0"), server.url("/ten0")];
    let h = harness(&urls, settings());
    let p = h.poll().await;
    assert_eq!((p.ok, p.failed), (1, 2), "{p:?}");
    assert!(h.feed(&urls[0]).last_error.unwrap().contains("redirect loop"));
    assert!(h.feed(&urls[1]).last_error.unwrap().contains("more than 10 redirects"));
    assert_eq!(h.feed(&urls[2]).url, server.url("/ten10"));
}

#[tokio::test]
async fn a_failing_feed_backs_off_and_loses_nothing_else() {
    let server = TestServer::start();
    server.fixed("/broken", Reply::ok("<html><body>not a feed</body></html>"));
    server.fixed(
        "/reset",
        Reply::CutOff {
            announced: 5000,
            sent: b"<rss version=\"2.0\"><chan".to_vec(),
        },
    );
    server.fixed("/good", Reply::ok(rss(&[("1", "https://news.test/a", "A")])));
    let urls = [server.url("/broken"), server.url("/reset"), server.url("/good")];
    let h = harness(&urls, settings());
    let p = h.poll().await;
    assert_eq!((p.ok, p.failed), (1, 2), "{p:?}");
    let broken = h.feed(&urls[0]);
    assert!(broken.last_error.unwrap().contains("not a feed"));
    assert!(broken.next_poll_at > unix_now());
    assert_eq!(h.feed(&urls[2]).article_count, 1);
    h.poll().await;
    assert_eq!(h.feed(&urls[0]).failures, 2);
}

#[tokio::test]
async fn connection_refused_is_a_clear_error() {
    // Bound but never listening: the port stays ours and every connection to it is refused.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let port = socket.local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/feed");
    let h = harness(std::slice::from_ref(&url), settings());
    let p = h.poll().await;
    assert_eq!(p.failed, 1);
    assert!(h.feed(&url).last_error.unwrap().to_lowercase().contains("connect"));
}

#[tokio::test]
async fn a_feed_without_validators_is_refetched_but_known_items_are_not_prepared_again() {
    let server = TestServer::start();
    let body = rss(&[("1", "https://news.test/a", "A"), ("2", "https://news.test/b", "B")]);
    server.fixed("/plain", Reply::ok(body.clone()));
    // A second feed carrying the same article under another GUID.
    server.fixed(
        "/mirror",
        Reply::ok(rss(&[("m-1", "https://news.test/a?utm_source=mirror", "A")])),
    );
    let h = harness(&[server.url("/plain")], settings());
    let first = h.poll().await;
    assert_eq!((first.report.new_articles, first.report.known), (2, 0));
    let second = h.poll().await;
    assert_eq!(
        (second.ok, second.report.new_articles, second.report.known),
        (1, 0, 2),
        "{second:?}"
    );
    let mut store = Store::open(&h.db).unwrap();
    store.add_feed(&server.url("/mirror"), None, &[]).unwrap();
    drop(store);
    let third = h.poll().await;
    assert_eq!(
        (third.report.new_articles, third.report.merged_by_url),
        (0, 1),
        "{third:?}"
    );
}

#[tokio::test]
async fn a_syndicated_copy_in_a_later_poll_joins_the_stored_article_and_keeps_its_findings() {
    let body = "Acme Corp was sued on Monday by the Federal Trade Commission, which accused the company \
                of selling location data without consent. Acme denied the allegations in a statement and \
                said it would fight the case in court. The agency asked the court for an injunction and \
                civil penalties, and said the data revealed visits to clinics and places of worship.";
    let item = |guid: &str, link: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><guid>{guid}</guid>\
             <link>{link}</link><title>FTC sues Acme over location data</title>\
             <description>&lt;p&gt;{body}&lt;/p&gt;</description></item></channel></rss>"
        )
    };
    let server = TestServer::start();
    server.fixed("/origin", Reply::ok(item("o-1", "https://origin.test/acme")));
    server.fixed("/wire", Reply::ok(item("w-1", "https://wire.test/2023/acme-sued")));
    let h = harness(&[server.url("/origin")], settings());
    assert_eq!(h.poll().await.report.new_articles, 1);
    let story = h.read().stories(&Default::default()).unwrap()[0].id;
    let before = h.read().story_view(story).unwrap();
    assert!(!before.allegations.is_empty(), "{before:?}");

    let mut store = Store::open(&h.db).unwrap();
    store.add_feed(&server.url("/wire"), None, &[]).unwrap();
    drop(store);
    let second = h.poll().await;
    assert_eq!(
        (second.report.new_articles, second.report.merged_by_fingerprint),
        (0, 1),
        "{second:?}"
    );
    let after = h.read().story_view(story).unwrap();
    assert_eq!(after.allegations, before.allegations);
    assert_eq!(after.sides, before.sides);
    assert_eq!(after.articles[0].sources.len(), 2, "{:?}", after.articles);
}

#[tokio::test]
async fn keep_articles_deletes_old_articles_after_a_poll_and_the_feed_does_not_bring_them_back() {
    let server = TestServer::start();
    let body = rss(&[("1", "https://news.test/a", "A"), ("2", "https://news.test/b", "B")]);
    server.fixed("/feed", Reply::ok(body));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let mut store = Store::open(&db).unwrap();
    store.add_feed(&server.url("/feed"), None, &[]).unwrap();
    let schedule = Schedule {
        interval: Duration::from_secs(1800),
        max_backoff: Duration::from_secs(3600),
    };
    let (writer, _thread) = Writer::spawn(store, schedule);
    let poll = |settings: Settings| {
        let poller = Poller::new(settings, writer.clone(), Extractor::builtin())
            .unwrap()
            .with_store(&db);
        let db = db.clone();
        async move {
            let feeds = Store::open_read_only(&db).unwrap().due_feeds(unix_now(), true).unwrap();
            poller.poll(feeds).await
        }
    };
    assert_eq!(poll(settings()).await.report.new_articles, 2);
    // Article A was first seen ten days ago.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE articles SET first_seen_at = first_seen_at - 864000 WHERE canonical_url = 'news.test/a'",
            [],
        )
        .unwrap();
    let mut keeping = settings();
    keeping.keep_articles = Some(Duration::from_secs(7 * 86400));
    let second = poll(keeping.clone()).await;
    assert_eq!(second.deleted, 1, "{second:?}");
    assert!(
        second.summary().ends_with("; 1 old article deleted"),
        "{}",
        second.summary()
    );
    let third = poll(keeping).await;
    assert_eq!(
        (third.report.new_articles, third.report.known, third.deleted),
        (0, 2, 0),
        "{third:?}"
    );
    let stored = Store::open_read_only(&db)
        .unwrap()
        .query_scalar("SELECT COUNT(*) FROM articles");
    assert_eq!(stored, 1);
}
