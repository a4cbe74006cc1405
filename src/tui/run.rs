//! The event loop: one task owns the terminal. It drains terminal events,
//! store announcements, poll progress and worker replies, updates the state,
//! and draws once per batch. Polls, queries and writes run elsewhere.

use std::io::{IsTerminal, Stdout, Write};
use std::path::PathBuf;
use std::task::Poll;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event, EventStream, KeyCode, KeyModifiers};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, SetTitle, disable_raw_mode, enable_raw_mode};
use crossterm::{cursor, execute};
use futures_util::StreamExt;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::{mpsc, watch};

use super::app::{Action, App, Cmd};
use super::hangup;
use super::keymap::Keymap;
use super::theme::Theme;
use super::worker::{self, QueryCmd};
use crate::config::{Config, Settings};
use crate::extract::{Companies, Extractor};
use crate::ingest::{PollProgress, Poller};
use crate::store::writer::{Schedule, StoreEvent, Writer};
use crate::store::{Store, unix_now};

/// Frames driven by the store and the poller are drawn at most this often.
const FRAME: Duration = Duration::from_millis(16);
/// Due feeds are checked this often in the background.
const POLL_CHECK: Duration = Duration::from_secs(60);
/// The longest the first poll waits for the stories to be on screen.
const STARTUP_POLL_WAIT: Duration = Duration::from_secs(1);

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

fn enter_terminal(out: &mut Stdout) -> Result<()> {
    enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide,
        SetTitle("counterpoint")
    )
    .context("cannot set up the terminal")?;
    Ok(())
}

/// What the reader does in the background (fetching and preparing feeds,
/// storing and indexing articles) runs below the priority of its own
/// thread: when a poll keeps both cores busy, keys come first. This is the
/// nice value for it, `BACKGROUND` more than the calling thread's (on Linux
/// a thread's nice value is its own, and passes to the threads it starts).
#[cfg(target_os = "linux")]
fn background_nice() -> Option<i32> {
    rustix::process::getpriority_process(None)
        .inspect_err(|e| tracing::debug!("cannot read the reader's priority: {e}"))
        .ok()
        .map(|nice| (nice + BACKGROUND).min(19))
}

#[cfg(not(target_os = "linux"))]
fn background_nice() -> Option<i32> {
    None
}

/// Gives the calling thread the nice value `nice` (see [`background_nice`]).
fn run_at(nice: Option<i32>) {
    #[cfg(target_os = "linux")]
    if let Some(nice) = nice
        && let Err(e) = rustix::process::setpriority_process(None, nice)
    {
        tracing::debug!("cannot lower a background thread's priority: {e}");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = nice;
}

/// How much nicer background work is than the reader's thread: 10 gives it
/// about a tenth of the processor's time the reader's thread gets when both
/// want it.
#[cfg(target_os = "linux")]
const BACKGROUND: i32 = 10;

/// Runs the reader on `store` until the user quits.
pub fn run(config: &Config, db: PathBuf, store: Store) -> Result<()> {
    if !std::io::stdout().is_terminal() {
        bail!(
            "the reader needs a terminal, and standard output is not one; use the headless commands instead (counterpoint --help)"
        );
    }
    // A terminal that says it cannot move its cursor cannot show the reader.
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        bail!(
            "the reader needs a terminal that can move its cursor, and TERM=dumb says this one cannot; use the headless commands instead (counterpoint --help)"
        );
    }
    let file = config
        .source
        .as_ref()
        .map(|p| format!(" {}", crate::text::sanitize_line(&p.display().to_string())))
        .unwrap_or_default();
    let keymap =
        Keymap::new(&config.keys).map_err(|e| anyhow::anyhow!("bad key binding in the config file{file}: {e}"))?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme =
        Theme::load(no_color, &config.theme).map_err(|e| anyhow::anyhow!("bad theme in the config file{file}: {e}"))?;
    // The runtime's threads (and so its timers, signals and spawned tasks)
    // are background work: what answers a key runs on this thread and the
    // query threads, which keep its priority.
    let background = background_nice();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .on_thread_start(move || run_at(background))
        .enable_all()
        .build()?;
    let schedule = Schedule {
        interval: config.settings.poll_interval,
        max_backoff: config.settings.max_backoff,
    };
    // Started from a thread at background priority, the writer and its
    // search indexer have it too.
    let (writer, writer_thread) = std::thread::spawn(move || {
        run_at(background);
        Writer::spawn(store, schedule)
    })
    .join()
    .map_err(|_| anyhow::anyhow!("cannot start the store writer"))?;

    // Restore the terminal on a panic before the message is printed.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::text::html::in_isolated_call() {
            tracing::warn!(
                "recovered from a panic in a parser: {}",
                crate::text::sanitize_line(&info.to_string())
            );
            return;
        }
        restore_terminal();
        previous(info);
    }));

    let guard = hangup::guard(|why| {
        restore_terminal();
        tracing::warn!("the terminal went away ({why:?}); leaving");
        crate::logging::flush();
        std::process::exit(why.exit_code());
    })
    .context("cannot watch for the terminal hanging up")?;
    let mut out = std::io::stdout();
    enter_terminal(&mut out)?;
    let settings = config.settings.clone();
    let result = runtime.block_on(event_loop(keymap, theme, db, writer.clone(), settings));
    drop(guard);
    restore_terminal();
    drop(writer);
    runtime.shutdown_timeout(Duration::from_secs(2));
    let _ = writer_thread.join();
    // A SIGHUP, or drawing on or reading a terminal that hung up before the
    // guard saw it: the hangup, not an error of the reader.
    if let Err(e) = &result
        && (e.is::<HungUp>() || hangup::hung_up())
    {
        tracing::warn!("the terminal went away (Hangup); leaving");
        tracing::debug!("the reader stopped on: {e:#}");
        crate::logging::flush();
        std::process::exit(hangup::Gone::Hangup.exit_code());
    }
    result
}

/// The event loop's end on a SIGHUP.
#[derive(Debug, thiserror::Error)]
#[error("the terminal hung up")]
struct HungUp;

async fn event_loop(keymap: Keymap, theme: Theme, db: PathBuf, writer: Writer, settings: Settings) -> Result<()> {
    let backend = CrosstermBackend::new(std::io::stdout());
    // Never dropped: ratatui's Drop reports a failure to show the cursor with
    // eprintln!, which panics when the terminal has hung up. `run` restores
    // the terminal itself.
    let mut terminal = std::mem::ManuallyDrop::new(Terminal::new(backend)?);
    let size = terminal.size()?;
    let mut app = App::new(keymap, theme, Companies::builtin, size.width, size.height, unix_now());

    let (action_tx, mut actions) = mpsc::unbounded_channel::<Action>();
    let queries = worker::spawn(db.clone(), action_tx.clone());
    let (poll_tx, poll_rx) = mpsc::channel::<bool>(4);
    // When the store was last polled: the progress the poller reports keeps it,
    // and how many feeds failed at their last poll, to be said before the
    // next one (every feed failing offline is the first thing to know).
    let reader = Store::open_read_only(&db).ok();
    let last_poll = reader.as_ref().and_then(|s| s.last_poll_time().ok().flatten());
    let (total, failing) = reader.as_ref().and_then(|s| s.feeds_failing().ok()).unwrap_or_default();
    drop(reader);
    let start = PollProgress {
        finished_at: last_poll,
        total,
        failed: failing,
        ..Default::default()
    };
    app.progress = start.clone();
    let (progress_tx, mut progress) = watch::channel(start);
    let poll_setup = PollSetup {
        settings,
        writer: writer.clone(),
        progress: progress_tx,
        db: db.clone(),
        failures: action_tx.clone(),
    };
    tokio::spawn(poll_loop(poll_setup, poll_rx));
    // The first poll starts once the whole story list is on screen: on a
    // large store building the poller and the writer's first write, which
    // loads its indexes, would otherwise compete with it for the CPU.
    let started = Instant::now();
    let mut startup_poll = true;

    let mut store_events = writer.subscribe();
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    let mut check = tokio::time::interval(POLL_CHECK);
    check.tick().await;
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigtstp = signal(SignalKind::from_raw(signal_hook::consts::SIGTSTP))?;
    let mut reload_pending = false;
    let mut stories_changed = false;

    let mut last_reload = Instant::now() - Duration::from_secs(1);

    let start = app.start();
    dispatch(start, &queries, &writer, &poll_tx, &action_tx);
    // A frame is owed while `dirty`. It is drawn at once when `urgent` (what
    // the reader typed or waits for); otherwise, under a flood of store and
    // poll events, at most once a frame.
    let mut dirty = true;
    let mut urgent = true;
    let mut last_draw = Instant::now();
    loop {
        if dirty && (urgent || last_draw.elapsed() >= FRAME) {
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .context("cannot draw on the terminal")?;
            last_draw = Instant::now();
            (dirty, urgent) = (false, false);
            let listed = app.loaded && !app.more_to_come;
            if startup_poll && (listed || started.elapsed() >= STARTUP_POLL_WAIT) {
                startup_poll = false;
                let _ = poll_tx.try_send(false);
            }
        }
        let mut batch: Vec<Action> = Vec::new();
        let mut typed = false;
        let frame_due = tokio::time::Instant::from_std(last_draw + FRAME);
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => {
                    typed = true;
                    batch.extend(to_action(ev, &mut app, &mut terminal)?);
                }
                Some(Err(e)) => return Err(e).context("cannot read the terminal"),
                None => return Ok(()),
            },
            Some(a) = actions.recv() => batch.push(a),
            ev = store_events.recv() => {
                if matches!(ev, Ok(StoreEvent::StoriesChanged(_)) | Err(_)) {
                    stories_changed = true;
                }
                if matches!(ev, Ok(StoreEvent::StoriesChanged(_)) | Ok(StoreEvent::FeedsChanged) | Err(_)) {
                    reload_pending = true;
                }
            }
            Ok(()) = progress.changed() => batch.push(Action::Progress(progress.borrow_and_update().clone())),
            _ = tick.tick() => batch.push(Action::Tick(unix_now())),
            _ = check.tick() => { let _ = poll_tx.try_send(false); }

            _ = sigterm.recv() => return Ok(()),
            _ = sighup.recv() => return Err(HungUp.into()),
            _ = sigtstp.recv() => { suspend(&mut terminal)?; (dirty, urgent) = (true, true); }
            _ = tokio::time::sleep_until(frame_due), if dirty => {}
        }
        // Drain whatever else is ready, then draw once.
        while let Some(ev) = ready_event(&mut events).await {
            let ev = ev.context("cannot read the terminal")?;
            typed = true;
            batch.extend(to_action(ev, &mut app, &mut terminal)?);
        }
        while let Ok(a) = actions.try_recv() {
            batch.push(a);
        }
        // Store announcements arrive in bursts during a poll: reload at most twice a second.
        if reload_pending && last_reload.elapsed() >= Duration::from_millis(500) {
            reload_pending = false;
            last_reload = Instant::now();
            batch.push(Action::StoreChanged {
                stories: std::mem::take(&mut stories_changed),
            });
        }
        for action in batch {
            let cmds = app.update(action);
            dispatch(cmds, &queries, &writer, &poll_tx, &action_tx);
            dirty = true;
        }
        if app.quit {
            return Ok(());
        }
        // Keys that arrived together were drained into one batch above.
        urgent |= typed || std::mem::take(&mut app.draw_now);
    }
}

/// The terminal's next event if one is ready, without waiting. The stream
/// is polled in this task's context (not with `now_or_never`): crossterm
/// keeps the waker of the first pending poll, and a no-op waker there would
/// leave the next key unseen until some other event woke the loop. Nor
/// under a zero timeout: when no event was ready, that waited for the
/// runtime's next timer tick, a millisecond or more (8 ms was seen), before
/// the keys already read were acted on.
async fn ready_event(events: &mut EventStream) -> Option<std::io::Result<Event>> {
    std::future::poll_fn(|cx| {
        Poll::Ready(match events.poll_next_unpin(cx) {
            Poll::Ready(event) => event,
            Poll::Pending => None,
        })
    })
    .await
}

fn to_action(ev: Event, app: &mut App, terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> Result<Vec<Action>> {
    Ok(match ev {
        Event::Key(k) if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL) => {
            suspend(terminal)?;
            let size = terminal.size()?;
            vec![Action::Resize(size.width, size.height)]
        }
        Event::Key(k) => vec![Action::Key(k)],
        Event::Mouse(m) => vec![Action::Mouse(m)],
        Event::Resize(w, h) => {
            terminal.autoresize()?;
            vec![Action::Resize(w, h)]
        }
        _ => {
            let _ = app;
            Vec::new()
        }
    })
}

/// Ctrl-Z or SIGTSTP: give the terminal back, stop, and take it again on SIGCONT.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> Result<()> {
    restore_terminal();
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    // Execution resumes here after SIGCONT.
    enter_terminal(&mut std::io::stdout())?;
    terminal.clear()?;
    Ok(())
}

fn dispatch(
    cmds: Vec<Cmd>,
    queries: &worker::Queries,
    writer: &Writer,
    poll: &mpsc::Sender<bool>,
    actions: &mpsc::UnboundedSender<Action>,
) {
    for cmd in cmds {
        match cmd {
            Cmd::LoadStories { generation, filter } => drop(queries.send(QueryCmd::Stories { generation, filter })),
            Cmd::LoadStory { generation, id } => drop(queries.send(QueryCmd::Story { generation, id })),
            Cmd::LoadArticle(id) => drop(queries.send(QueryCmd::Article(id))),
            Cmd::LoadCompanies => drop(queries.send(QueryCmd::Companies)),
            Cmd::LoadFeeds => drop(queries.send(QueryCmd::Feeds)),
            Cmd::Search { generation, query } => drop(queries.send(QueryCmd::Search { generation, query })),
            Cmd::Follow { story, follow } => {
                let (writer, actions) = (writer.clone(), actions.clone());
                tokio::spawn(async move {
                    let result = writer.follow(story, follow).await;
                    let _ = actions.send(Action::FollowSaved { story, follow, result });
                });
            }
            Cmd::Viewed { story, articles } => {
                let writer = writer.clone();
                tokio::spawn(async move {
                    if let Err(e) = writer.viewed(story, articles).await {
                        tracing::warn!("could not mark story {story} viewed: {e}");
                    }
                });
            }
            Cmd::MarkRead(stories) => {
                let (writer, actions) = (writer.clone(), actions.clone());
                tokio::spawn(async move {
                    if let Err(e) = writer.mark_read(stories).await {
                        let _ = actions.send(Action::Failed(format!("could not mark the stories read: {e}")));
                    }
                    // What the store holds now, marked or not (a poll's
                    // reload may have read it before the marks).
                    let _ = actions.send(Action::StoreChanged { stories: true });
                });
            }
            Cmd::OpenLink(url) => {
                if let Err(e) = open_in_browser(&url) {
                    // Why, how to name a browser, and the address to copy by
                    // hand (last: a narrow status line cuts what comes last).
                    let _ = actions.send(Action::Failed(format!(
                        "cannot open the link ({e:#}; $BROWSER names a browser): {url}"
                    )));
                }
            }
            Cmd::PollNow => drop(poll.try_send(true)),
        }
    }
}

/// What the poller is built from, after the first frame.
struct PollSetup {
    settings: Settings,
    writer: Writer,
    progress: watch::Sender<PollProgress>,
    db: PathBuf,
    /// Where a poller that cannot be built is reported.
    failures: mpsc::UnboundedSender<Action>,
}

/// Polls due feeds when asked (`true` forces every feed), one poll at a time.
/// The poller is built on the first request, which comes after the first
/// frame: its HTTP client reads the system's certificates and its extractor
/// compiles the company dictionary, tens of milliseconds the reader need
/// not wait for.
async fn poll_loop(setup: PollSetup, mut requests: mpsc::Receiver<bool>) {
    let Some(first) = requests.recv().await else { return };
    let PollSetup {
        settings,
        writer,
        progress,
        db,
        failures,
    } = setup;
    let built = {
        let db = db.clone();
        tokio::task::spawn_blocking(move || {
            Poller::new(settings, writer, Extractor::builtin()).map(|p| p.with_store(&db))
        })
        .await
    };
    let poller = match built {
        Ok(Ok(p)) => p.reporting_to(progress),
        Err(e) => return cannot_poll(&failures, e.to_string(), requests).await,
        Ok(Err(e)) => return cannot_poll(&failures, format!("{e:#}"), requests).await,
    };
    let mut next = Some(first);
    while let Some(mut force) = next {
        while let Ok(f) = requests.try_recv() {
            force |= f;
        }
        let db = db.clone();
        // The feeds due, and whether there is any feed at all.
        let due = tokio::task::spawn_blocking(move || {
            let store = Store::open_read_only(&db)?;
            let due = store.due_feeds(unix_now(), force)?;
            let any = !due.is_empty() || store.has_feeds()?;
            Ok::<_, crate::store::StoreError>((due, any))
        })
        .await;
        match due {
            Ok(Ok((feeds, _))) if !feeds.is_empty() => {
                poller.poll(feeds).await;
            }
            Ok(Ok((_, false))) => poller.no_feeds(),
            Ok(Ok(_)) => poller.nothing_due(force),
            Ok(Err(e)) => tracing::error!("cannot list due feeds: {e}"),
            Err(e) => tracing::error!("due-feed task failed: {e}"),
        }
        next = requests.recv().await;
    }
}

/// Tells the reader that feeds cannot be polled at all this session, now
/// and at each request to poll.
async fn cannot_poll(failures: &mpsc::UnboundedSender<Action>, why: String, mut requests: mpsc::Receiver<bool>) {
    let why = crate::text::sanitize_line(&format!("cannot poll feeds: {why}"));
    tracing::error!("{why}");
    let _ = failures.send(Action::Failed(why.clone()));
    while requests.recv().await.is_some() {
        let _ = failures.send(Action::Failed(why.clone()));
    }
}

/// Opens `url` with `$BROWSER` or the platform's opener, as one argument,
/// never through a shell; only http(s) links.
pub fn open_in_browser(url: &str) -> Result<std::process::Child> {
    open_with(std::env::var("BROWSER").ok(), url)
}

/// [`open_in_browser`] with the value of `$BROWSER` given.
pub fn open_with(browser: Option<String>, url: &str) -> Result<std::process::Child> {
    if !super::app::is_web_link(url) {
        bail!("only http and https links are opened");
    }
    let browser = browser.filter(|b| !b.trim().is_empty());
    let (program, mut args): (String, Vec<String>) = match browser {
        Some(b) => {
            // $BROWSER may hold a program with fixed arguments, or a ':'-separated list.
            let first = b.split(':').next().unwrap_or("").to_owned();
            let mut parts = first.split_whitespace().map(str::to_owned);
            let program = parts.next().unwrap_or_default();
            (program, parts.collect())
        }
        None if cfg!(target_os = "macos") => ("open".into(), Vec::new()),
        None => ("xdg-open".into(), Vec::new()),
    };
    if program.is_empty() {
        bail!("$BROWSER is empty");
    }
    let mut placed = false;
    for a in &mut args {
        if a.contains("%s") {
            *a = a.replace("%s", url);
            placed = true;
        }
    }
    if !placed {
        args.push(url.to_owned());
    }
    std::process::Command::new(&program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => anyhow::anyhow!("{program} not found"),
            std::io::ErrorKind::PermissionDenied => anyhow::anyhow!("{program} cannot be run"),
            _ => anyhow::anyhow!("{program} did not start: {e}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn background_work_is_nicer_than_the_reader_and_only_once() {
        use rustix::process::getpriority_process;
        let own = getpriority_process(None).unwrap();
        let background = background_nice();
        assert_eq!(
            background,
            Some((own + 10).min(19)),
            "ten levels nicer, within the kernel's range"
        );
        let (lowered, started, again) = std::thread::spawn(move || {
            run_at(background);
            let lowered = getpriority_process(None).unwrap();
            // A thread it starts (a runtime's blocking thread) is as nice,
            // and setting it again does not lower it further.
            let (started, again) = std::thread::spawn(move || {
                let started = getpriority_process(None).unwrap();
                run_at(background);
                (started, getpriority_process(None).unwrap())
            })
            .join()
            .unwrap();
            (lowered, started, again)
        })
        .join()
        .unwrap();
        assert_eq!(Some(lowered), background);
        assert_eq!((started, again), (lowered, lowered));
        assert_eq!(
            getpriority_process(None).unwrap(),
            own,
            "the reader's thread keeps its priority"
        );
    }

    #[tokio::test]
    async fn a_poller_that_cannot_be_built_says_why_now_and_at_each_request() {
        let (failures, mut reported) = mpsc::unbounded_channel();
        let (requests, asked) = mpsc::channel(4);
        let task = tokio::spawn(async move { cannot_poll(&failures, "no roots\u{1b}[2J".into(), asked).await });
        let said = |a: Result<Option<Action>, _>| match a {
            Ok(Some(Action::Failed(why))) => why,
            other => panic!("{other:?}"),
        };
        let wait = Duration::from_secs(10);
        let first = said(tokio::time::timeout(wait, reported.recv()).await);
        assert!(
            first.starts_with("cannot poll feeds: no roots") && !first.contains('\u{1b}'),
            "{first:?}"
        );
        requests.send(true).await.unwrap();
        assert_eq!(said(tokio::time::timeout(wait, reported.recv()).await), first);
        drop(requests);
        task.await.unwrap();
        assert!(reported.recv().await.is_none());
    }
}
