//! The headless commands behind the CLI. This is the program's edge: errors
//! are `anyhow` with context, output goes to stdout, progress to stderr.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::{CleanupArgs, ExtractArgs, FeedsCommand};
use crate::config::{Config, Paths};
use crate::extract::Extractor;
use crate::feed::opml::{ListedFeed, parse_feed_list, to_opml};
use crate::ingest::{PollProgress, Poller};
use crate::model::StoryId;
use crate::report;
use crate::store::queries::StoryFilter;
use crate::store::writer::{Schedule, Writer};
use crate::store::{Store, unix_now};
use crate::text;

/// Resolved locations and settings for a command.
pub struct Setup {
    pub config: Config,
    pub db: PathBuf,
}

impl Setup {
    pub fn new(config_path: Option<&Path>, db: Option<&Path>) -> Result<Setup> {
        let config = Config::load(config_path)?;
        let db = match db {
            Some(p) => p.to_path_buf(),
            None => {
                Paths::discover()
                    .context("cannot find a home directory for the store; give --db PATH")?
                    .database
            }
        };
        Ok(Setup { config, db })
    }

    pub fn open_store(&self) -> Result<Store> {
        let mut store =
            Store::open(&self.db).with_context(|| format!("cannot open the store {}", self.db.display()))?;
        store
            .sync_config_feeds(&self.config.feeds)
            .context("cannot update the feed list")?;
        Ok(store)
    }

    /// The store for reading only (listing, showing): works on a read-only
    /// or locked store. One that does not exist reads as an empty store with
    /// the configured feeds, and is not created: a mistyped `--db` leaves
    /// no file behind.
    pub fn open_reader(&self) -> Result<Store> {
        let exists = self
            .db
            .try_exists()
            .with_context(|| format!("cannot look for the store {}", self.db.display()))?;
        if exists {
            return Store::open_read_only(&self.db)
                .with_context(|| format!("cannot open the store {}", self.db.display()));
        }
        let mut store = Store::open_in_memory()?;
        store
            .sync_config_feeds(&self.config.feeds)
            .context("cannot read the feed list")?;
        Ok(store)
    }

    pub fn schedule(&self) -> Schedule {
        Schedule {
            interval: self.config.settings.poll_interval,
            max_backoff: self.config.settings.max_backoff,
        }
    }
}

/// `counterpoint poll [--once]`.
pub fn poll(ctx: &Setup, once: bool) -> Result<()> {
    let store = ctx.open_store()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let db = ctx.db.clone();
    let (writer, handle) = Writer::spawn(store, ctx.schedule());
    let poller = Poller::new(ctx.config.settings.clone(), writer.clone(), Extractor::builtin())?.with_store(&db);
    let reader = Store::open_read_only(&db)?;
    let result = runtime.block_on(async {
        loop {
            let feeds = reader.due_feeds(unix_now(), once)?;
            if feeds.is_empty() && once {
                writeln!(
                    std::io::stdout(),
                    "no feeds to poll (all are gone, held by Retry-After, or removed)"
                )?;
                return Ok::<_, anyhow::Error>(());
            }
            let bar = progress_bar(feeds.len() as u64);
            let mut rx = poller.progress();
            let watcher = bar.clone().map(|bar| {
                tokio::spawn(async move {
                    while rx.changed().await.is_ok() {
                        let p = rx.borrow().clone();
                        bar.set_position(p.done as u64);
                        bar.set_message(format!("{} new, {} failed", p.report.new_articles, p.failed));
                    }
                })
            });
            let started = std::time::Instant::now();
            let progress = poller.poll(feeds).await;
            if let Some(w) = watcher {
                w.abort();
            }
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            print_summary(&progress, started.elapsed());
            if progress.failed > 0 {
                let last = progress
                    .last_error
                    .as_deref()
                    .map(|e| format!(" (the last: {})", text::sanitize_line(e)))
                    .unwrap_or_default();
                eprintln!(
                    "{} failed{last}; `counterpoint feeds list` shows each one's error",
                    report::plural(progress.failed, "feed")
                );
            }
            if once {
                // A poll that reached no feed at all is an error to cron.
                if progress.total > 0 && progress.failed == progress.total {
                    anyhow::bail!("every feed failed");
                }
                return Ok(());
            }
            let next = reader
                .feed_list()?
                .iter()
                .map(|f| f.next_poll_at.max(f.retry_until))
                .min()
                .unwrap_or(unix_now() + 60);
            let wait = (next - unix_now()).clamp(5, 3600) as u64;
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(wait)) => {}
                _ = tokio::signal::ctrl_c() => return Ok(()),
            }
        }
    });
    drop(poller);
    drop(writer);
    let _ = handle.join();
    result
}

fn progress_bar(len: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} polling [{bar:30}] {pos}/{len} feeds  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    Some(bar)
}

fn print_summary(p: &PollProgress, elapsed: std::time::Duration) {
    let _ = writeln!(std::io::stdout(), "{} in {:.1}s", p.summary(), elapsed.as_secs_f64());
}

/// `counterpoint feeds ...`.
pub fn feeds(ctx: &Setup, cmd: FeedsCommand) -> Result<()> {
    let mut store = ctx.open_store()?;
    match cmd {
        FeedsCommand::List { json } => {
            let mut feeds = store.feed_list()?;
            // As the reader lists them: what needs looking at first.
            feeds.sort_by_key(|f| f.status.listing_group());
            let mut out = std::io::stdout().lock();
            if json {
                for f in &feeds {
                    let v = serde_json::json!({
                        "url": f.url,
                        "title": f.display_title(),
                        "tags": f.tags,
                        "status": f.status.as_str(),
                        "last_error": f.last_error,
                        "article_count": f.article_count,
                        "next_poll": f.next_poll_at.max(f.retry_until),
                    });
                    writeln!(out, "{v}")?;
                }
            } else {
                for f in &feeds {
                    let next = if f.status == crate::model::FeedStatus::Gone {
                        "never (gone)".to_string()
                    } else {
                        describe_time(f.next_poll_at.max(f.retry_until))
                    };
                    // A feed with no title is named by its address alone.
                    let name = match f.display_title() {
                        t if t == f.url => format!("<{}>", text::sanitize_line(&f.url)),
                        t => format!("{}  <{}>", text::sanitize_line(t), text::sanitize_line(&f.url)),
                    };
                    writeln!(
                        out,
                        "{:<12} {:>5} {:<8}  next {:<16} {name}",
                        f.status.as_str().replace('_', " "),
                        f.article_count,
                        if f.article_count == 1 { "article" } else { "articles" },
                        next,
                    )?;
                    if let Some(e) = &f.last_error {
                        writeln!(out, "{:>12} {}", "error:", text::sanitize_line(e))?;
                    }
                }
                writeln!(out, "{}", report::plural(feeds.len(), "feed"))?;
            }
        }
        FeedsCommand::Add { url, title, tags } => {
            let url = feed_address(&url)?;
            let title = title.filter(|t| !t.trim().is_empty());
            let known = store
                .feed_list()?
                .into_iter()
                .find(|f| f.url == url || f.configured_url == url);
            store.add_feed(&url, title.as_deref(), &tags)?;
            let said = match known {
                None => format!("added {url}"),
                Some(_) if title.is_some() || !tags.is_empty() => format!("updated {url} (it was added before)"),
                Some(f) if f.status == crate::model::FeedStatus::Gone => {
                    format!("{url} was added before, and its server said it is gone: it is not polled")
                }
                Some(_) => format!("already polling {url}"),
            };
            writeln!(std::io::stdout(), "{said}")?;
        }
        FeedsCommand::Remove { url } => {
            let url = feed_address(&url).unwrap_or_else(|_| url.trim().to_owned());
            if !store.remove_feed(&url)? {
                bail!("no feed with the address {url}");
            }
            writeln!(std::io::stdout(), "removed {url} (its articles stay)")?;
        }
    }
    Ok(())
}

/// A feed's address as stored: trimmed, its scheme and host in lower case
/// (an international host in its ASCII form), without a fragment, so that
/// one feed typed two ways is one feed.
fn feed_address(url: &str) -> Result<String> {
    let shown = text::sanitize_line(url);
    let mut u = url::Url::parse(url.trim()).map_err(|e| anyhow::anyhow!("{shown:?} is not a usable address: {e}"))?;
    if !matches!(u.scheme(), "http" | "https") || u.host().is_none() {
        bail!("{shown:?} is not an http:// or https:// address");
    }
    u.set_fragment(None);
    Ok(u.to_string())
}

fn describe_time(t: i64) -> String {
    let now = unix_now();
    if t <= now {
        return "now".into();
    }
    let d = t - now;
    match d {
        0..60 => format!("in {d}s"),
        60..3600 => format!("in {}m", d / 60),
        3600..86400 => format!("in {}h{:02}m", d / 3600, d % 3600 / 60),
        _ => format!("in {}d", d / 86400),
    }
}

/// `counterpoint import FILE`.
pub fn import(ctx: &Setup, file: &Path) -> Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let feeds = parse_feed_list(&text).with_context(|| format!("cannot import {}", file.display()))?;
    let mut store = ctx.open_store()?;
    let known: std::collections::HashSet<String> = store
        .feed_list()?
        .into_iter()
        .flat_map(|f| [f.url, f.configured_url])
        .collect();
    let (mut added, mut already, mut unusable) = (0, 0, Vec::new());
    let mut seen = std::collections::HashSet::new();
    for f in &feeds {
        let Ok(url) = feed_address(&f.url) else {
            unusable.push(text::sanitize_line(&f.url));
            continue;
        };
        // A feed listed twice in the file: its first entry counts.
        if !seen.insert(url.clone()) {
            continue;
        }
        if known.contains(&url) {
            already += 1;
        } else {
            added += 1;
        }
        store.add_feed(&url, f.title.as_deref().filter(|t| !t.trim().is_empty()), &f.tags)?;
    }
    let mut said = format!("imported {added} new {}", if added == 1 { "feed" } else { "feeds" });
    if already > 0 {
        said.push_str(&format!(", {already} already polled (titles and tags updated)"));
    }
    if !unusable.is_empty() {
        said.push_str(&format!(
            "; {} not http(s), left out: {}",
            unusable.len(),
            unusable.join(", ")
        ));
    }
    writeln!(std::io::stdout(), "{said}")?;
    Ok(())
}

/// `counterpoint export --opml`.
pub fn export(ctx: &Setup) -> Result<()> {
    let store = ctx.open_reader()?;
    let feeds: Vec<ListedFeed> = store
        .feed_list()?
        .into_iter()
        .map(|f| ListedFeed {
            title: Some(f.display_title().to_owned()),
            url: f.url,
            tags: f.tags,
        })
        .collect();
    write!(std::io::stdout(), "{}", to_opml(&feeds))?;
    Ok(())
}

/// `counterpoint extract [PATH|-] [--json]`.
pub fn extract(args: &ExtractArgs) -> Result<()> {
    let bytes = match args.path.as_deref() {
        None => read_stdin()?,
        Some(p) if p == Path::new("-") => read_stdin()?,
        Some(p) => std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
    };
    let extractor = Extractor::builtin();
    let mut out = std::io::stdout().lock();
    if looks_like_feed(&bytes) {
        let (_, items) = crate::ingest::prepare_feed(&bytes, extractor).context("cannot parse the feed")?;
        for item in items {
            if args.explain {
                writeln!(
                    out,
                    "=== {} <{}>",
                    text::sanitize_line(&item.title),
                    text::sanitize_line(item.link.as_deref().unwrap_or(""))
                )?;
                writeln!(out, "{}", explain(extractor, &item.title, &item.text))?;
            } else if args.json {
                let mut v = serde_json::to_value(&item.findings)?;
                // JSON escapes C0 controls but not C1 ones nor bidi overrides.
                // (`sanitize`, not `sanitize_line`: the id stays as the feed
                // gave it, white space and all.)
                v["id"] = text::sanitize(&item.guid).into();
                v["link"] = item.link.as_deref().map(text::sanitize).into();
                writeln!(out, "{v}")?;
            } else {
                writeln!(
                    out,
                    "{}",
                    report::findings(&item.findings, item.link.as_deref(), output_width())
                )?;
            }
        }
        return Ok(());
    }
    // UTF-16 says so with its byte-order mark; otherwise a text has no NUL
    // bytes: an image, a PDF or a program is not an article.
    let text_in = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, _)) => encoding.decode_with_bom_removal(&bytes).0,
        None if bytes.iter().take(8192).any(|b| *b == 0) => bail!(
            "not a text: the input holds binary data (an article is HTML or plain text, a feed RSS, Atom or JSON Feed)"
        ),
        None => String::from_utf8_lossy(&bytes),
    };
    let (title, body) = article_parts(&text_in);
    if args.explain {
        writeln!(out, "{}", explain(extractor, &title, &body))?;
        return Ok(());
    }
    let findings = extractor.extract(&title, &body);
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&findings)?)?;
    } else {
        write!(out, "{}", report::findings(&findings, None, output_width()))?;
    }
    Ok(())
}

fn read_stdin() -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::stdin()
        .take(64 * 1024 * 1024)
        .read_to_end(&mut buf)
        .context("cannot read standard input")?;
    Ok(buf)
}

/// Feed files start with an XML feed root or a JSON Feed object.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        return t.contains("jsonfeed.org") || t.contains("\"items\"");
    }
    t.starts_with('<')
        && (t.contains("<rss") || t.contains("<feed") || t.contains("<rdf:rdf") || t.contains("<channel"))
}

/// Splits an article file into title and clean body text: an HTML page's
/// `<title>` (or first heading), or a text file's first line.
pub fn article_parts(input: &str) -> (String, String) {
    if text::html::looks_like_html(input) {
        let title = html_title(input).unwrap_or_default();
        let body = text::body_text(input);
        if !title.is_empty() {
            return (title, body);
        }
        return split_title(&body);
    }
    split_title(&text::body_text(input.trim_start_matches('\u{feff}')))
}

/// The first line of clean text as the title, the rest as the body.
fn split_title(clean: &str) -> (String, String) {
    let mut lines = clean.splitn(2, '\n');
    let title = lines.next().unwrap_or("").trim().to_owned();
    (title, lines.next().unwrap_or("").trim_start().to_owned())
}

fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    for (open, close) in [("<title", "</title>"), ("<h1", "</h1>")] {
        if let Some(start) = lower.find(open) {
            let body_start = start + lower[start..].find('>')? + 1;
            let end = body_start + lower[body_start..].find(close)?;
            let mut s = String::new();
            text::html::push_decoded(&mut s, &text::html::strip_tags(&html[body_start..end]));
            let s = text::sanitize_line(&s);
            if !s.is_empty() {
                return Some(s);
            }
        }
    }
    None
}

fn explain(extractor: Extractor, title: &str, text: &str) -> String {
    let mut out = String::new();
    for r in extractor.explain(title, text) {
        out.push_str(&format!("{}\n", text::sanitize_line(&r.text)));
        if let Some(sp) = &r.speaker {
            out.push_str(&format!("    speaker: {}\n", text::sanitize_line(sp)));
        }
        if !r.verdict.is_empty() {
            out.push_str(&format!("    => {}\n", r.verdict));
        }
    }
    out
}

/// `counterpoint completions SHELL`.
pub fn completions(shell: clap_complete::Shell) {
    use clap::CommandFactory;
    // The hidden test harness is left out: completion scripts list every
    // subcommand they are given.
    let full = crate::cli::Cli::command();
    let mut cmd = full.get_subcommands().filter(|c| !c.is_hide_set()).cloned().fold(
        clap::Command::new("counterpoint")
            .about(full.get_about().cloned().unwrap_or_default())
            .version(env!("CARGO_PKG_VERSION"))
            .args(full.get_arguments().cloned()),
        clap::Command::subcommand,
    );
    clap_complete::generate(shell, &mut cmd, "counterpoint", &mut std::io::stdout());
}

/// `counterpoint` with no command: the interactive reader.
pub fn reader(ctx: &Setup) -> Result<()> {
    let store = ctx.open_store()?;
    crate::tui::run(&ctx.config, ctx.db.clone(), store)
}

/// `counterpoint stories`.
pub fn stories(ctx: &Setup, args: &crate::cli::StoriesArgs) -> Result<()> {
    let store = ctx.open_reader()?;
    let company = args.company.as_deref().map(resolve_company);
    if let Some(c) = &company
        && let Some(hint) = unknown_company(&store, c)?
    {
        eprintln!("{hint}");
    }
    // One more than shown tells whether the list was cut.
    let limit = (args.limit > 0).then_some(args.limit);
    let filter = StoryFilter {
        company: company.clone(),
        followed_only: args.followed,
        new_only: args.new,
        charged_only: args.charged,
        limit: limit.map(|n| n.saturating_add(1)),
        ..StoryFilter::default()
    };
    let mut list = store.stories(&filter)?;
    let cut = limit.is_some_and(|n| list.len() > n);
    list.truncate(limit.unwrap_or(usize::MAX));
    let mut out = std::io::stdout().lock();
    if args.json {
        for s in &list {
            let view = store.story_view(s.id)?;
            let articles: Vec<serde_json::Value> = view
                .articles
                .iter()
                .map(|a| {
                    let mut v = serde_json::json!({
                        "id": a.id,
                        "link": a.link,
                        "title": a.title,
                        "outlet": a.outlet,
                        "date": report::date(a.date),
                        "timestamp": a.date,
                    });
                    if !a.sources.is_empty() {
                        v["sources"] = a
                            .sources
                            .iter()
                            .map(|s| serde_json::json!({"link": s.link, "outlet": s.outlet, "feed": s.feed}))
                            .collect();
                    }
                    v
                })
                .collect();
            let v = serde_json::json!({
                "id": s.id,
                "headline": s.headline,
                "companies": s.companies,
                "followed": s.followed,
                "new": s.new_developments,
                "new_developments": s.new_developments,
                "unread": s.unread,
                "article_count": s.article_count,
                "outlet_count": s.outlet_count,
                "first_seen": report::date(s.first_seen),
                "first_seen_timestamp": s.first_seen,
                "last_activity": report::date(s.last_activity),
                "last_activity_timestamp": s.last_activity,
                "articles": articles,
            });
            writeln!(out, "{v}")?;
        }
        return Ok(());
    }
    if let Some(c) = &company {
        let which = if args.charged {
            "with allegations against"
        } else {
            "involving"
        };
        writeln!(out, "stories {which} {}", text::sanitize_line(c))?;
    }
    for s in &list {
        let marks = format!(
            "{}{}",
            if s.followed { "★" } else { " " },
            if s.unread { "•" } else { " " }
        );
        let new = if s.followed && s.new_developments > 0 {
            format!(" [{} new]", s.new_developments)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{marks} {:>6}  {}  {}{new}\n          {} · {} · {}",
            s.id,
            report::date(s.last_activity),
            text::sanitize_line(&s.headline),
            report::plural(s.article_count as usize, "article"),
            report::plural(s.outlet_count as usize, "outlet"),
            if s.companies.is_empty() {
                "no company".to_string()
            } else {
                text::sanitize_line(&s.companies.join(", "))
            },
        )?;
    }
    if cut {
        writeln!(
            out,
            "({} shown, newest activity first; --limit N shows more, --limit 0 all)",
            list.len()
        )?;
    }
    if list.is_empty() {
        if ctx_has_filter(args) {
            writeln!(out, "no stories match")?;
        } else if !ctx.db.exists() {
            writeln!(
                out,
                "no stories yet: there is no store at {} (`counterpoint poll --once` makes it)",
                text::sanitize_line(&ctx.db.display().to_string())
            )?;
        } else {
            writeln!(out, "no stories yet: run `counterpoint poll --once`")?;
        }
    }
    Ok(())
}

fn ctx_has_filter(args: &crate::cli::StoriesArgs) -> bool {
    args.company.is_some() || args.followed || args.new || args.charged
}

/// A word for a company the dictionary does not know and no story names,
/// with the nearest name either has ("Gogle": Google), if any.
fn unknown_company(store: &Store, name: &str) -> Result<Option<String>> {
    let dictionary = crate::extract::Companies::builtin();
    if dictionary.resolve(name).is_some() {
        return Ok(None);
    }
    let stored: Vec<String> = store.company_counts()?.into_iter().map(|c| c.company).collect();
    if stored.iter().any(|c| c.eq_ignore_ascii_case(name)) {
        return Ok(None);
    }
    let wanted = name.to_lowercase();
    // Every name the dictionary knows, an alias with its company
    // ("Instagram (a name of Meta)"), and the companies stories name.
    let known = dictionary.names().iter().flat_map(|c| {
        let aliases = dictionary
            .names_of(c)
            .into_iter()
            .filter(|a| !a.eq_ignore_ascii_case(c));
        std::iter::once(c.clone()).chain(aliases.map(move |a| format!("{a} (a name of {c})")))
    });
    let nearest = known
        .chain(stored)
        .map(|c| {
            let said = c.split(" (").next().unwrap_or(&c).to_lowercase();
            (edit_distance(&wanted, &said), said.chars().count(), c)
        })
        .filter(|(d, len, _)| *d <= 2 && d < len)
        .min_by_key(|(d, len, _)| (*d, *len))
        .map(|(_, _, c)| c);
    let name = text::sanitize_line(name);
    Ok(Some(match nearest {
        Some(c) => format!(
            "no company called “{name}” in the dictionary or the store; did you mean {}?",
            text::sanitize_line(&c)
        ),
        None => format!("no company called “{name}” in the dictionary or the store"),
    }))
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let next = (diagonal + usize::from(x != *y)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// An alias or subsidiary as its parent ("Instagram" → "Meta"); other names as given.
pub fn resolve_company(name: &str) -> String {
    crate::extract::Companies::builtin()
        .resolve(name)
        .map(str::to_owned)
        .unwrap_or_else(|| name.trim().to_owned())
}

/// `counterpoint story ID`.
pub fn story(ctx: &Setup, id: i64, json: bool) -> Result<()> {
    let store = ctx.open_reader()?;
    let view = store
        .story_view(StoryId(id))
        .with_context(|| format!("cannot show story {id}"))?;
    if json {
        let mut v = serde_json::to_value(&view)?;
        dates_as_in_stories(&mut v);
        writeln!(std::io::stdout(), "{v}")?;
    } else {
        write!(std::io::stdout(), "{}", report::story(&view, output_width()))?;
    }
    Ok(())
}

/// Dates written as `stories --json` writes them: a calendar date, with
/// the Unix time beside it ("date" and "timestamp"; "first_seen" and
/// "first_seen_timestamp"), wherever they are in `v`.
fn dates_as_in_stories(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for key in ["date", "first_seen", "last_activity"] {
                if let Some(t) = map.get(key).and_then(serde_json::Value::as_i64) {
                    let beside = if key == "date" {
                        "timestamp".to_string()
                    } else {
                        format!("{key}_timestamp")
                    };
                    map.insert(key.into(), report::date(t).into());
                    map.insert(beside, t.into());
                }
            }
            map.values_mut().for_each(dates_as_in_stories);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(dates_as_in_stories),
        _ => {}
    }
}

/// `counterpoint regroup`.
pub fn regroup(ctx: &Setup) -> Result<()> {
    let mut store = ctx.open_store()?;
    let n = store.regroup().context("cannot regroup the stories")?;
    writeln!(std::io::stdout(), "{n} stories")?;
    Ok(())
}

/// `counterpoint cleanup [--older-than AGE] [--dry-run|--vacuum]`.
pub fn cleanup(ctx: &Setup, args: &CleanupArgs) -> Result<()> {
    let Some(age) = args.older_than.or(ctx.config.settings.keep_articles) else {
        bail!(
            "give the age of the articles to delete, as in `counterpoint cleanup --older-than 180d`, or set keep_articles in the configuration"
        );
    };
    let now = unix_now();
    let before = now - age.as_secs() as i64;
    let mut store = ctx.open_store()?;
    let (verb, report) = if args.dry_run {
        ("would delete", store.cleanup_preview(before))
    } else {
        ("deleted", store.cleanup(before, now))
    };
    let report = report.context("cannot delete old articles")?;
    let date = chrono::DateTime::from_timestamp(before, 0)
        .map_or_else(String::new, |d| d.format("%Y-%m-%d %H:%M UTC").to_string());
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{verb} {} articles first seen before {date}, and {} stories left without one",
        report.articles, report.stories
    )?;
    if report.kept_followed > 0 {
        writeln!(out, "kept {} as old articles of followed stories", report.kept_followed)?;
    }
    if args.vacuum {
        let c = store.compact().context("cannot shrink the store")?;
        let mb = |b: u64| b as f64 / 1e6;
        writeln!(
            out,
            "store {:.1} → {:.1} MB, search index {:.1} → {:.1} MB",
            mb(c.before.0),
            mb(c.after.0),
            mb(c.before.1),
            mb(c.after.1)
        )?;
    }
    Ok(())
}

/// `counterpoint follow|unfollow ID`.
pub fn follow(ctx: &Setup, id: i64, on: bool) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = unix_now();
    let done = store
        .write(|tx| crate::store::user::set_follow(tx, StoryId(id), on, now))
        .with_context(|| format!("cannot {} story {id}", if on { "follow" } else { "unfollow" }))?;
    let story = match done.story.0 {
        live if live == id => format!("story {id}"),
        live => format!("story {live} (story {id} merged into it)"),
    };
    let said = match (on, done.changed) {
        (true, true) => format!("following {story}"),
        (true, false) => format!("already following {story}"),
        (false, true) => format!("no longer following {story}"),
        (false, false) => format!("not following {story}"),
    };
    writeln!(std::io::stdout(), "{said}")?;
    Ok(())
}

/// Columns for text output: the terminal's, else `$COLUMNS`, else 100.
pub fn output_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        return w as usize;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
