//! counterpoint against newsboat, and at 100k-article scale. Prints figures;
//! no assertions. `cargo bench --bench perf` (newsboat is compared when it is
//! installed: `apt-get install newsboat`).
//!
//! Environment: PERF_FEEDS (default 570), PERF_ARTICLES (default 100000),
//! PERF_ROUNDS (cold and warm polls of each reader, then each reader started
//! on what it polled, default 3),
//! PERF_ONLY (poll, extraction, store, or ingest: the store part without its
//! readers: run that part alone), PERF_PROFILER
//! (a command the cold poll runs under, e.g. `heaptrack -o /tmp/poll` or
//! `perf record -g -o /tmp/poll.data --`), PERF_KEEP (set: the stores built
//! are kept, in the directory printed at the end), PERF_READER (a store's
//! path: only the reader's latencies on it, PERF_ROUNDS times; with
//! PERF_READER_POLL, then moving while it polls PERF_FEEDS feeds into a
//! copy of it).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::Pty;
use common::{Reply, TestServer};
use counterpoint::extract::Extractor;
use counterpoint::feed::parse_feed;
use counterpoint::ingest::{prepare, prepare_feed};
use counterpoint::model::FeedItem;
use counterpoint::store::articles::FromText;
use counterpoint::store::grouping::Wording;
use counterpoint::store::queries::StoryFilter;
use counterpoint::store::{PreparedItem, Store};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/feeds");
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "xml") {
                let bytes = std::fs::read(&p).unwrap();
                let text = String::from_utf8_lossy(&bytes).to_string();
                let text = match text.find("\n---") {
                    Some(cut) if text[..cut].contains("</rss>") => text[..cut].to_string(),
                    _ => text,
                };
                if parse_feed(text.as_bytes(), chrono::Utc::now()).is_ok_and(|f| !f.items.is_empty()) {
                    out.push((p.file_name().unwrap().to_string_lossy().to_string(), text));
                }
            }
        }
    }
    if out.is_empty() {
        println!("(no corpus at {}: using generated feeds)", dir.display());
        for f in 0..40 {
            let mut items = String::new();
            for i in 0..25 {
                items.push_str(&format!("<item><guid>g{f}-{i}</guid><link>https://gen{f}.test/{i}</link><title>Regulators fine company {i} in case {f}</title><description>&lt;p&gt;The regulator said company {i} violated rule {f}. The company said it would appeal.&lt;/p&gt;</description></item>"));
            }
            out.push((
                format!("gen{f}.xml"),
                format!(
                    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>gen {f}</title>{items}</channel></rss>"
                ),
            ));
        }
    }
    out.sort();
    out
}

/// Copy `k` of a feed: every item id and link made distinct.
fn replicate(xml: &str, k: usize) -> String {
    xml.replace("</guid>", &format!("-r{k}</guid>"))
        .replace("</id>", &format!("-r{k}</id>"))
        .replace("</link>", &format!("?r={k}</link>"))
        .replace(
            "rel=\"alternate\" href=\"",
            &format!("rel=\"alternate\" href=\"https://r{k}.test/?u="),
        )
}

struct Run {
    secs: f64,
    peak_kb: u64,
    out: String,
}

/// Runs a command under GNU time for wall time and peak RSS.
fn timed(cmd: &mut Command) -> Run {
    let time = Path::new("/usr/bin/time");
    let start = Instant::now();
    let output = if time.exists() {
        let prog = cmd.get_program().to_owned();
        let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
        let mut wrapped = Command::new(time);
        wrapped.arg("-f").arg("PEAK_KB=%M").arg(prog).args(args);
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => wrapped.env(k, v),
                None => wrapped.env_remove(k),
            };
        }
        wrapped.output().unwrap()
    } else {
        cmd.output().unwrap()
    };
    let secs = start.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&output.stderr);
    let peak_kb = err
        .lines()
        .find_map(|l| l.strip_prefix("PEAK_KB="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    Run {
        secs,
        peak_kb,
        out: String::from_utf8_lossy(&output.stdout).trim().to_string()
            + &err
                .lines()
                .filter(|l| !l.starts_with("PEAK_KB"))
                .collect::<Vec<_>>()
                .join("\n"),
    }
}

/// Serves `feeds` feeds of the corpus (replicated with distinct item ids),
/// answering conditional requests with 304: the server, the feeds' URLs and
/// how many items they hold.
fn serve_corpus(feeds: usize) -> (TestServer, Vec<String>, usize) {
    let corpus = corpus();
    let server = TestServer::start();
    let mut urls = Vec::new();
    let mut items = 0;
    for i in 0..feeds {
        let (name, xml) = &corpus[i % corpus.len()];
        let body = replicate(xml, i / corpus.len());
        items += body.matches("<item").count() + body.matches("<entry").count();
        let etag = format!("\"{i}\"");
        let lm = "Tue, 01 Dec 2026 10:00:00 GMT";
        let path = format!("/{i}/{name}");
        server.route(&path, move |req| {
            if req.header("If-None-Match") == Some(etag.as_str()) || req.header("If-Modified-Since") == Some(lm) {
                Reply::status(304)
            } else {
                Reply::ok(body.clone())
                    .with_header("ETag", &etag)
                    .with_header("Last-Modified", lm)
            }
        });
        urls.push(server.url(&path));
    }
    (server, urls, items)
}

/// A configuration of `urls` alone, fetched 16 at a time.
fn poll_config(urls: &[String]) -> String {
    let mut config = String::from("[settings]\ninclude_default_feeds = false\nconcurrency = 16\nper_host = 16\n");
    for u in urls {
        config.push_str(&format!("[[feed]]\nurl = \"{u}\"\n"));
    }
    config
}

fn poll_comparison(dir: &Path, feeds: usize) {
    let (_server, urls, items) = serve_corpus(feeds);
    println!("\n## Polling {feeds} loopback feeds ({items} items)\n");
    let bin = env!("CARGO_BIN_EXE_counterpoint");
    let cfg = dir.join("poll.toml");
    std::fs::write(&cfg, poll_config(&urls)).unwrap();
    let db = dir.join("poll.db");
    let run = |db: &Path| {
        let mut cmd = Command::new(bin);
        if let Ok(profiler) = std::env::var("PERF_PROFILER")
            && !db.exists()
        {
            let mut words = profiler.split_whitespace();
            cmd = Command::new(words.next().unwrap_or("env"));
            cmd.args(words).arg(bin);
        }
        timed(
            cmd.args([
                "--db",
                db.to_str().unwrap(),
                "--config",
                cfg.to_str().unwrap(),
                "poll",
                "--once",
            ])
            .env("XDG_STATE_HOME", dir),
        )
    };
    // Each round polls cold then warm with both readers, one after the
    // other, so that the machine's drift falls on both; the ratios are of
    // the medians.
    let rounds = env_usize("PERF_ROUNDS", 3).max(1);
    let newsboat = which("newsboat").ok();
    let nb_dir = dir.join("newsboat");
    if newsboat.is_some() {
        std::fs::create_dir_all(&nb_dir).unwrap();
        std::fs::write(nb_dir.join("urls"), urls.join("\n") + "\n").unwrap();
        std::fs::write(nb_dir.join("config"), "reload-threads 16\nshow-read-feeds yes\n").unwrap();
    }
    let (mut ours, mut theirs): (Vec<[Run; 2]>, Vec<[Run; 2]>) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let cold = run(&db);
        let warm = run(&db);
        println!(
            "round {round}: counterpoint cold {:.2} s, warm {:.2} s, peak RSS {} MB — {}",
            cold.secs,
            warm.secs,
            cold.peak_kb.max(warm.peak_kb) / 1024,
            cold.out.lines().last().unwrap_or("")
        );
        ours.push([cold, warm]);
        if std::env::var_os("PERF_PROFILER").is_some() {
            return;
        }
        let Some(nb) = &newsboat else { continue };
        for name in ["cache.db", "cache.db.lock"] {
            let _ = std::fs::remove_file(nb_dir.join(name));
        }
        let nb_run = || {
            timed(
                Command::new(nb)
                    .args(["-x", "reload", "-u"])
                    .arg(nb_dir.join("urls"))
                    .arg("-c")
                    .arg(nb_dir.join("cache.db"))
                    .arg("-C")
                    .arg(nb_dir.join("config"))
                    .env("HOME", &nb_dir),
            )
        };
        let (nb_cold, nb_warm) = (nb_run(), nb_run());
        println!(
            "round {round}: newsboat     cold {:.2} s, warm {:.2} s, peak RSS {} MB",
            nb_cold.secs,
            nb_warm.secs,
            nb_cold.peak_kb.max(nb_warm.peak_kb) / 1024
        );
        theirs.push([nb_cold, nb_warm]);
    }
    let mid = |runs: &[[Run; 2]], f: &dyn Fn(&[Run; 2]) -> f64| median(runs.iter().map(f).collect()).0;
    let cold = |r: &[Run; 2]| r[0].secs;
    let warm = |r: &[Run; 2]| r[1].secs;
    let peak = |r: &[Run; 2]| r[0].peak_kb.max(r[1].peak_kb) as f64;
    println!(
        "counterpoint, median of {rounds}: cold {:.2} s, warm {:.2} s, peak RSS {:.0} MB",
        mid(&ours, &cold),
        mid(&ours, &warm),
        mid(&ours, &peak) / 1024.0
    );
    if newsboat.is_none() {
        println!("newsboat: not installed (apt-get install newsboat), no comparison");
        readers_on_the_poll(dir, &db, &cfg, None, rounds);
        return;
    }
    println!(
        "newsboat, median of {rounds}:     cold {:.2} s, warm {:.2} s, peak RSS {:.0} MB",
        mid(&theirs, &cold),
        mid(&theirs, &warm),
        mid(&theirs, &peak) / 1024.0
    );
    println!(
        "ratios of the medians (counterpoint / newsboat): cold {:.2}×, warm {:.2}×, peak RSS {:.2}× (targets ≤ 0.3, ≤ 0.1, ≤ 0.5)",
        mid(&ours, &cold) / mid(&theirs, &cold),
        mid(&ours, &warm) / mid(&theirs, &warm),
        mid(&ours, &peak) / mid(&theirs, &peak).max(1.0)
    );
    readers_on_the_poll(
        dir,
        &db,
        &cfg,
        newsboat.as_deref().map(|nb| (nb, nb_dir.as_path())),
        rounds,
    );
}

/// Each reader opened on what it polled last: the time to its first frame
/// (counterpoint's stories, newsboat's feeds) and its peak RSS a second
/// later, once everything has loaded; `rounds` times, the two in turn. The
/// start of a day's reading, where newsboat's users wait on a big cache.
/// counterpoint reads the configuration it polled with (`cfg`): no feed is
/// due again for half an hour.
fn readers_on_the_poll(dir: &Path, db: &Path, cfg: &Path, newsboat: Option<(&Path, &Path)>, rounds: usize) {
    let home = dir.join("reader-home");
    std::fs::create_dir_all(&home).unwrap();
    let articles = Store::open_read_only(db).map_or(0, |s| s.query_scalar("SELECT COUNT(*) FROM articles"));
    let (mut ours, mut theirs): (Vec<Opened>, Vec<Opened>) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        let term = Pty::spawn(
            &["--db", db.to_str().unwrap(), "--config", cfg.to_str().unwrap()],
            &home,
            120,
            40,
        );
        let ours_now = opened(term, |s| s.contains(" outlet") && s.contains("counterpoint ·"));
        print!("round {round}: counterpoint reader {ours_now}");
        ours.push(ours_now);
        if let Some((nb, nb_dir)) = newsboat {
            let path = |name: &str| nb_dir.join(name).to_str().unwrap().to_owned();
            let args = ["-u", &path("urls"), "-c", &path("cache.db"), "-C", &path("config")];
            let term = Pty::spawn_program(nb, &args, nb_dir, 120, 40, "xterm-256color");
            let theirs_now = opened(term, |s| s.contains("Your feeds (") && s.contains(" total)"));
            print!("; newsboat {theirs_now}");
            theirs.push(theirs_now);
        }
        println!();
    }
    let (ours, theirs) = (Opened::median(&ours), Opened::median(&theirs));
    println!("counterpoint reader on its store of the poll ({articles} articles), median of {rounds}: {ours}");
    if newsboat.is_none() {
        return;
    }
    println!("newsboat on its cache of the poll, median of {rounds}: {theirs}");
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 && a / b < 0.01 => format!("{:.4}×", a / b),
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}×", a / b),
        _ => "unknown".into(),
    };
    let peak = |o: &Opened| o.peak_kb.map(|kb| kb as f64);
    println!(
        "ratios of the medians (counterpoint / newsboat): first frame {}, reader's peak RSS {}",
        ratio(ours.first_frame_ms, theirs.first_frame_ms),
        ratio(peak(&ours), peak(&theirs))
    );
}

/// A reader's start, timed by [`opened`].
struct Opened {
    first_frame_ms: Option<f64>,
    peak_kb: Option<u64>,
}

impl Opened {
    /// The median of each figure over the starts that gave it.
    fn median(runs: &[Opened]) -> Opened {
        let mid = |seen: Vec<f64>| (!seen.is_empty()).then(|| median(seen).0);
        Opened {
            first_frame_ms: mid(runs.iter().filter_map(|o| o.first_frame_ms).collect()),
            peak_kb: mid(runs.iter().filter_map(|o| o.peak_kb.map(|kb| kb as f64)).collect()).map(|kb| kb as u64),
        }
    }
}

impl std::fmt::Display for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.first_frame_ms {
            Some(ms) => write!(f, "first frame {ms:.0} ms")?,
            None => write!(f, "first frame timed out")?,
        }
        match self.peak_kb {
            Some(kb) => write!(f, ", peak RSS {} MB", kb / 1024),
            None => Ok(()),
        }
    }
}

/// Times a reader just started in `term` to its first frame (`shown`),
/// reads its peak RSS a second later, and quits it with `q`.
fn opened(mut term: Pty, shown: impl Fn(&str) -> bool) -> Opened {
    let start = Instant::now();
    let first_frame_ms = wait(&term, shown).map(|_| start.elapsed().as_secs_f64() * 1e3);
    std::thread::sleep(Duration::from_secs(1));
    let peak_kb = peak_rss_kb(&term);
    term.send_now("q");
    term.wait_exit();
    Opened {
        first_frame_ms,
        peak_kb,
    }
}

/// The peak resident memory of the program running in `term` so far
/// (`VmHWM`), in kB.
fn peak_rss_kb(term: &Pty) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", term.pid()?)).ok()?;
    let kb = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    kb.trim().trim_end_matches("kB").trim().parse().ok()
}

fn which(program: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(program))
                .find(|p| p.exists())
        })
        .ok_or(())
}

/// Prepared items from the corpus, the raw material of the big store.
fn base_items() -> Vec<PreparedItem> {
    let mut out = Vec::new();
    for (_, xml) in corpus() {
        if let Ok((_, items)) = prepare_feed(xml.as_bytes(), Extractor::builtin()) {
            out.extend(items.into_iter().filter(|i| i.text.len() > 200));
        }
    }
    out
}

/// Another outlet's take on `b`, as long as `b`: its lede (the first third
/// of its words, at most 120), then passages of 40 words from other corpus
/// articles picked by `seed`. Passages are short so that no two takes share
/// much beyond `b`'s lede.
fn another_take(b: &PreparedItem, base: &[PreparedItem], seed: usize) -> String {
    fn words(t: &PreparedItem) -> Vec<&str> {
        t.text.split_whitespace().collect()
    }
    let own = words(b);
    let lede = own[..(own.len() / 3).min(120)].join(" ");
    let wanted = b.text.len();
    let mut text = lede;
    for k in 1..base.len() {
        if text.len() >= wanted {
            break;
        }
        let pick = ((seed as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ (k as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9))
            >> 16;
        let other = &base[pick as usize % base.len()];
        let other = words(other);
        if other.len() < 40 || std::ptr::eq(other[0], own[0]) {
            continue;
        }
        let from = (pick >> 24) as usize % (other.len() - 39);
        text.push_str("\n\n");
        text.push_str(&other[from..from + 40].join(" "));
    }
    text
}

/// Feeds' batches committed together, as the writer commits the batches
/// queued during a poll.
type Commit = Vec<(counterpoint::model::FeedId, String, Vec<PreparedItem>)>;

/// Builds a store of `articles` articles in about `articles / 5` stories: each
/// story is five takes on one corpus article. The first take of its first
/// use is the article itself; every other take is its lede followed by
/// passages of other articles, so that takes are alike in what grouping
/// reads and not in their text. Each has a fingerprint, as every
/// real-length article has, and is a distinct article unless de-duplication
/// finds it a copy (about 3%: the corpus holds syndicated copies, and short
/// articles' takes share much). A corpus article is reused for stories 40
/// days apart, so they never join.
///
/// Returns its ingest rate (items per second, search index included), its
/// story count and how many articles it holds (the rest were found to be
/// copies).
fn build_store(db: &Path, articles: usize, base: &[PreparedItem]) -> Ingest {
    let mut store = Store::open(db).unwrap();
    store.start_indexer();
    let feeds: Vec<_> = (0..50)
        .map(|i| {
            store
                .add_feed(&format!("http://127.0.0.1:9/{i}"), Some(&format!("Outlet {i}")), &[])
                .unwrap()
        })
        .collect();
    store
        .write(|tx| Ok(tx.execute("UPDATE feeds SET next_poll_at = 4000000000", [])?))
        .unwrap();
    let t0 = 1_600_000_000i64;
    let stories = articles.div_ceil(5);
    let mut batch: Vec<(usize, PreparedItem)> = Vec::new();
    let mut commits: Vec<Commit> = Vec::new();
    let mut elapsed = 0.0;
    let (mut writer_cpu, mut indexer_cpu) = (0.0, 0.0);
    let mut inserted = 0;
    for s in 0..stories {
        let b = &base[s % base.len()];
        let round = s / base.len();
        let when = t0 + round as i64 * 40 * 86400 + (s % base.len()) as i64 * 60;
        for v in 0..5 {
            if inserted + batch.len() >= articles {
                break;
            }
            let mut item = b.clone();
            item.guid = format!("s{s}-v{v}");
            let link = format!("https://outlet{}.test/{s}/{v}", (s + v) % 50);
            item.link = Some(link.clone());
            item.canonical_url = counterpoint::store::dedup::canonical_url(&link);
            if v > 0 || round > 0 {
                item.text = another_take(b, base, s * 5 + v);
            }
            if v > 0 {
                item.title = format!(
                    "{} ({})",
                    b.title,
                    ["update", "analysis", "explainer", "reaction"][v - 1]
                );
            }
            // What preparation computes from the text, done again for the
            // take's text, as the feed's preparation would.
            item.fingerprint = counterpoint::store::dedup::fingerprint(&item.text);
            item.wording = Some(Wording::of(&item.title, &item.text, &item.links));
            item.from_text = Some(FromText::of(&item));
            item.published_at = Some(when + v as i64 * 3600);
            batch.push(((s + v) % 50, item));
        }
        if batch.len() >= 1000 || s + 1 == stories {
            // One batch per feed.
            let per_feed: Commit = feeds
                .iter()
                .enumerate()
                .map(|(n, feed)| {
                    let items = batch.iter().filter(|(f, _)| *f == n).map(|(_, i)| i.clone()).collect();
                    (*feed, format!("Outlet {n}"), items)
                })
                .filter(|(_, _, items): &(_, _, Vec<PreparedItem>)| !items.is_empty())
                .collect();
            inserted += batch.len();
            batch.clear();
            commits.push(per_feed);
        }
        // Timed: twenty commits, prepared beforehand, and the search index
        // catching up with them, so that the indexer does its share inside
        // the time and not while the next articles are made.
        if commits.len() == 20 || (s + 1 == stories && !commits.is_empty()) {
            let t = Instant::now();
            let cpu = (thread_cpu_secs("thread-self"), indexer_cpu_secs());
            for commit in commits.drain(..) {
                let batches: Vec<_> = commit.iter().map(|(f, o, i)| (*f, o.as_str(), i.as_slice())).collect();
                store.insert_batches(&batches, t0 + 400 * 86400).unwrap();
            }
            store.wait_for_search_index().unwrap();
            elapsed += t.elapsed().as_secs_f64();
            writer_cpu += thread_cpu_secs("thread-self") - cpu.0;
            indexer_cpu += indexer_cpu_secs() - cpu.1;
        }
    }
    let n = store.query_scalar("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL AND article_count > 0") as usize;
    let stored = store.query_scalar("SELECT COUNT(*) FROM articles") as usize;
    Ingest {
        rate: inserted as f64 / elapsed,
        stories: n,
        stored,
        writer_us: writer_cpu / inserted as f64 * 1e6,
        indexer_us: indexer_cpu / inserted as f64 * 1e6,
    }
}

/// What building a store measured.
struct Ingest {
    /// Items per second, search index included.
    rate: f64,
    stories: usize,
    /// Articles stored (the other items were copies).
    stored: usize,
    /// CPU time per item of the store writer and of the search indexer.
    writer_us: f64,
    indexer_us: f64,
}

/// CPU time (user and system) of a thread of this process, from
/// `/proc/self/<task>/stat`; 0 when unreadable.
fn thread_cpu_secs(task: &str) -> f64 {
    let path = if task == "thread-self" {
        "/proc/thread-self/stat".to_string()
    } else {
        format!("/proc/self/task/{task}/stat")
    };
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    // Fields after the command name (which may hold spaces) from the third:
    // utime and stime are the 14th and 15th, in clock ticks (100 a second).
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    let ticks: u64 = fields
        .get(11..13)
        .map_or(0, |f| f.iter().filter_map(|x| x.parse::<u64>().ok()).sum());
    ticks as f64 / 100.0
}

/// CPU time of the search indexer's threads (one per store opened).
fn indexer_cpu_secs() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    tasks
        .flatten()
        .filter_map(|t| {
            let id = t.file_name().into_string().ok()?;
            let comm = std::fs::read_to_string(t.path().join("comm")).ok()?;
            (comm.trim() == "search-indexer").then(|| thread_cpu_secs(&id))
        })
        .sum()
}

fn worst(times: &[f64]) -> f64 {
    times.iter().copied().fold(0.0, f64::max)
}

fn median(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[(v.len() * 95 / 100).min(v.len() - 1)])
}

/// Times the reader in a pseudo-terminal: first frame, then keystrokes.
fn reader_latency(dir: &Path, db: &Path, label: &str) {
    let cfg = dir.join("reader.toml");
    std::fs::write(&cfg, "[settings]\ninclude_default_feeds = false\n").unwrap();
    let start = Instant::now();
    let mut term = Pty::spawn(
        &["--db", db.to_str().unwrap(), "--config", cfg.to_str().unwrap()],
        dir,
        120,
        40,
    );
    let first = wait(&term, |s| s.contains(" outlet") && s.contains("counterpoint ·"));
    let first_frame = first.map(|_| start.elapsed());
    let mut moves = Vec::new();
    for _ in 0..30 {
        let before = term.screen();
        let t = Instant::now();
        term.send_now("j");
        if wait(&term, |s| s != before).is_some() {
            moves.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    // The moves above are timed while the rest of a large list loads (about
    // 40 ms at 100k articles, on the other core); the keys below, like a
    // reader's, after it has. Each is timed three times (other stories,
    // companies, words): one sample is at the mercy of the machine's moment.
    std::thread::sleep(Duration::from_millis(300));
    let mut opens = Vec::new();
    for _ in 0..3 {
        opens.push(timed_key(&mut term, "\r", |s| s.contains("ALLEGATIONS")));
        term.send_now("\u{1b}");
        wait(&term, |s| !s.contains("ALLEGATIONS"));
        term.send_now("j");
        std::thread::sleep(Duration::from_millis(300));
    }
    let mut filters = Vec::new();
    for company in ["Meta", "Google", "Amazon"] {
        term.send_now("c");
        std::thread::sleep(Duration::from_millis(300));
        term.send_now(company);
        std::thread::sleep(Duration::from_millis(300));
        let shown = format!("company: {company}");
        filters.push(timed_key(&mut term, "\r", |s| {
            s.contains(&shown) && s.contains(" outlet")
        }));
        term.send_now("x");
        std::thread::sleep(Duration::from_millis(300));
    }
    let mut searches = Vec::new();
    for word in ["court", "privacy", "antitrust"] {
        term.send_now("/");
        term.send_now(word);
        // "12 stories match “court”", or "no story matches “court”".
        let answered = format!("match “{word}”");
        let none = format!("matches “{word}”");
        searches.push(timed_key(&mut term, "\r", |s| {
            s.contains(&answered) || s.contains(&none)
        }));
        std::thread::sleep(Duration::from_millis(300));
    }
    let peak_kb = peak_rss_kb(&term);
    term.send_now("q");
    // Gone, and its store closed, before the next reader copies or opens it.
    term.wait_exit();
    let ms = |d: Option<Duration>| d.map_or("timed out".to_string(), |d| format!("{:.0} ms", d.as_secs_f64() * 1e3));
    let (m50, m95) = if moves.is_empty() {
        (f64::NAN, f64::NAN)
    } else {
        median(moves)
    };
    println!(
        "{label}: first frame {}, move median {m50:.1} ms (p95 {m95:.1}), open story {}, company filter {}, search {}; peak RSS {}",
        ms(first_frame),
        samples(&opens),
        samples(&filters),
        samples(&searches),
        peak_kb.map_or("unknown".into(), |kb| format!("{} MB", kb / 1024))
    );
}

/// Sends `key` and the time until the screen is `done`, if within 30 s.
fn timed_key(term: &mut Pty, key: &str, done: impl Fn(&str) -> bool) -> Option<f64> {
    let t = Instant::now();
    term.send_now(key);
    wait(term, done).map(|_| t.elapsed().as_secs_f64() * 1e3)
}

/// "3 ms (worst 5)": the median and the worst of a key's samples.
fn samples(times: &[Option<f64>]) -> String {
    let seen: Vec<f64> = times.iter().flatten().copied().collect();
    let lost = times.len() - seen.len();
    if seen.is_empty() {
        return "timed out".into();
    }
    let worst = worst(&seen);
    let (m50, _) = median(seen);
    let lost = if lost > 0 {
        format!(", {lost} timed out")
    } else {
        String::new()
    };
    format!("{m50:.0} ms (worst {worst:.0}{lost})")
}

/// Moving in the reader while it polls `feeds` feeds into (a copy of) the
/// store `db`: what newsboat's users complain of, a reader that stalls while
/// it fetches. The poll starts once the story list is on screen; a key is
/// pressed every 30 ms until it ends, each timed until another headline is
/// selected.
fn reader_during_poll(dir: &Path, db: &Path, feeds: usize, label: &str) {
    let home = tempfile::tempdir_in(dir).unwrap();
    let home = home.path();
    let copy = home.join("store.db");
    for (from, to) in [
        (db.to_path_buf(), copy.clone()),
        (
            counterpoint::store::fulltext::index_path(db),
            counterpoint::store::fulltext::index_path(&copy),
        ),
    ] {
        std::fs::copy(&from, &to).unwrap();
        let wal = |p: &Path| PathBuf::from(format!("{}-wal", p.display()));
        if wal(&from).exists() {
            std::fs::copy(wal(&from), wal(&to)).unwrap();
        }
    }
    // The stores just built and copied are written out first: the kernel's
    // writeback of those hundreds of MB would otherwise run during the poll
    // and be timed as the reader's.
    let _ = Command::new("sync").status();
    let (_server, urls, items) = serve_corpus(feeds);
    let cfg = home.join("reader.toml");
    std::fs::write(&cfg, poll_config(&urls)).unwrap();
    let mut term = Pty::spawn(
        &["--db", copy.to_str().unwrap(), "--config", cfg.to_str().unwrap()],
        home,
        120,
        40,
    );
    // The status line, at the bottom, says "polling 12/570 feeds".
    let polling_now = |s: &str| s.lines().last().is_some_and(|l| l.contains("polling "));
    if wait(&term, polling_now).is_none() {
        println!("{label}: the poll did not start");
        return;
    }
    let polling = Instant::now();
    let (mut moves, mut unseen) = (Vec::new(), 0);
    // A move shows as another headline selected. The poll changes rows too
    // (a story's marks, its counts), its headline only when an earlier
    // article joins the story.
    let headline = |row: Option<String>| {
        let row = row.unwrap_or_default();
        let row = row.trim().trim_start_matches(|c: char| !c.is_alphanumeric());
        row.rsplit_once(' ').map_or(row, |(h, _age)| h).trim().to_string()
    };
    while polling_now(&term.screen()) && polling.elapsed() < Duration::from_secs(120) {
        let before = headline(term.selected_row());
        let t = Instant::now();
        term.send_now("j");
        match wait_until(|| headline(term.selected_row()) != before) {
            Some(()) => moves.push(t.elapsed().as_secs_f64() * 1e3),
            None => unseen += 1,
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    let secs = polling.elapsed().as_secs_f64();
    term.send_now("q");
    term.wait_exit();
    if moves.is_empty() {
        println!("{label}: no move seen during the poll");
        return;
    }
    let n = moves.len();
    let worst = worst(&moves);
    let over = moves.iter().filter(|&&m| m > 16.0).count();
    let (m50, m95) = median(moves);
    println!(
        "{label}, while polling {feeds} feeds ({items} items, {secs:.1} s): {n} moves, median {m50:.1} ms, p95 {m95:.1} ms, worst {worst:.1} ms, {over} over 16 ms, {unseen} not seen in 30 s"
    );
}

fn wait(term: &Pty, done: impl Fn(&str) -> bool) -> Option<()> {
    wait_until(|| done(&term.screen()))
}

fn wait_until(done: impl Fn() -> bool) -> Option<()> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if done() {
            return Some(());
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    None
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let feeds = env_usize("PERF_FEEDS", 570);
    let articles = env_usize("PERF_ARTICLES", 100_000);
    println!(
        "# counterpoint benchmark ({} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if let Some(db) = std::env::var_os("PERF_READER") {
        // The reader alone, on a store built before (kept with PERF_KEEP;
        // the story each round opens is marked read in it), with a home
        // of its own each round.
        for round in 1..=env_usize("PERF_ROUNDS", 3) {
            let home = dir.path().join(format!("round-{round}"));
            std::fs::create_dir_all(&home).unwrap();
            reader_latency(&home, Path::new(&db), &format!("reader, round {round}"));
        }
        if std::env::var_os("PERF_READER_POLL").is_some() {
            reader_during_poll(dir.path(), Path::new(&db), feeds, "reader");
        }
        return;
    }
    let only = std::env::var("PERF_ONLY").unwrap_or_default();
    let part = |name: &str| only.is_empty() || only == name;
    if part("poll") {
        poll_comparison(dir.path(), feeds);
    }
    let base = base_items();
    if part("extraction") {
        extraction(&base);
    }
    if part("store") || only == "ingest" {
        big_stores(dir.path(), articles, &base, only != "ingest", feeds);
    }
    if std::env::var_os("PERF_KEEP").is_some() {
        println!("\nstores kept in {}", dir.keep().display());
    }
}

fn extraction(base: &[PreparedItem]) {
    println!("\n## Extraction\n");
    let texts: Vec<(String, String)> = base.iter().map(|i| (i.title.clone(), i.text.clone())).collect();
    let bytes: usize = texts.iter().map(|(t, x)| t.len() + x.len()).sum();
    let t = Instant::now();
    let mut n = 0;
    while t.elapsed() < Duration::from_secs(3) {
        for (title, text) in &texts {
            std::hint::black_box(Extractor::builtin().extract(title, text));
        }
        n += 1;
    }
    let mbs = (bytes * n) as f64 / 1e6 / t.elapsed().as_secs_f64();
    println!(
        "extraction: {mbs:.1} MB/s of text on one core ({} articles, {:.1} MB; target ≥ 20)",
        texts.len(),
        bytes as f64 / 1e6
    );
    let raw: Vec<FeedItem> = base
        .iter()
        .map(|i| FeedItem {
            guid: i.guid.clone(),
            title: i.title.clone(),
            body: i.text.clone(),
            ..Default::default()
        })
        .collect();
    let t = Instant::now();
    for item in &raw {
        std::hint::black_box(prepare(item.clone(), Extractor::builtin()));
    }
    println!(
        "preparation (text, fingerprint, extraction): {:.0} items/s on one core",
        raw.len() as f64 / t.elapsed().as_secs_f64()
    );
}

fn big_stores(dir: &Path, articles: usize, base: &[PreparedItem], readers: bool, feeds: usize) {
    for (label, count) in [("15k", articles.min(15_000)), ("100k", articles)] {
        println!("\n## Store of {label} articles\n");
        let db = dir.join(format!("big-{label}.db"));
        let ingest = build_store(&db, count, base);
        println!(
            "ingest: {:.0} articles/s ({count} items: {} articles, {} copies; {} stories; target ≥ 20000)",
            ingest.rate,
            ingest.stored,
            count - ingest.stored,
            ingest.stories
        );
        println!(
            "ingest CPU per item: store writer {:.0} µs, search indexer {:.0} µs",
            ingest.writer_us, ingest.indexer_us
        );
        let t = Instant::now();
        let mut writer = Store::open(&db).unwrap();
        // No items: the batch changes nothing, and the bench's feeds stay as they are.
        writer
            .insert_batch(counterpoint::model::FeedId(1), "Outlet 0", &[], 2_000_000_000)
            .unwrap();
        println!(
            "writer's first write (opens the store, loads grouping's stories and the fingerprints' bands): {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        drop(writer);
        if !readers {
            continue;
        }
        let store = Store::open_read_only(&db).unwrap();
        let t = Instant::now();
        let list = store.stories(&StoryFilter::default()).unwrap();
        println!(
            "story list query: {:.1} ms ({} stories)",
            t.elapsed().as_secs_f64() * 1e3,
            list.len()
        );
        let t = Instant::now();
        let charged = store
            .stories(&StoryFilter {
                charged_only: true,
                ..Default::default()
            })
            .unwrap();
        println!(
            "stories with allegations query: {:.1} ms ({} stories)",
            t.elapsed().as_secs_f64() * 1e3,
            charged.len()
        );
        let t = Instant::now();
        let meta = store
            .stories(&StoryFilter {
                company: Some("Meta".into()),
                limit: Some(50),
                ..Default::default()
            })
            .unwrap();
        println!(
            "stories --company Meta query: {:.1} ms ({} shown)",
            t.elapsed().as_secs_f64() * 1e3,
            meta.len()
        );
        let cli = timed(
            Command::new(env!("CARGO_BIN_EXE_counterpoint"))
                .args([
                    "--db",
                    db.to_str().unwrap(),
                    "--config",
                    "/dev/null",
                    "stories",
                    "--company",
                    "Meta",
                ])
                .env("XDG_STATE_HOME", dir),
        );
        println!(
            "`counterpoint stories --company Meta`: {:.0} ms wall, peak RSS {} MB",
            cli.secs * 1e3,
            cli.peak_kb / 1024
        );
        reader_latency(dir, &db, &format!("reader at {label}"));
        if count == articles {
            reader_during_poll(dir, &db, feeds, &format!("reader at {label}"));
        }
    }
}
