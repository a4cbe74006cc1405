//! Logging to a file in the XDG state directory, never to the terminal, and
//! a panic hook that stays quiet for panics that are caught and recovered.

use tracing_appender::non_blocking::WorkerGuard;

/// Log lines waiting to be written, at most.
const LOG_QUEUE_LINES: usize = 1024;

/// The log's writer, kept so that a program leaving with
/// `std::process::exit` can write what it logged last ([`flush`]).
static WRITER: std::sync::Mutex<Option<WorkerGuard>> = std::sync::Mutex::new(None);

/// Writes what was logged when dropped.
#[must_use = "the log is written until this is dropped"]
pub struct Flush;

impl Drop for Flush {
    fn drop(&mut self) {
        flush();
    }
}

/// Writes every line logged so far and stops logging: for a program about
/// to leave, which `std::process::exit` does without running destructors.
pub fn flush() {
    let guard = WRITER.lock().map(|mut w| w.take()).unwrap_or_default();
    drop(guard);
}

/// Starts file logging, written until the returned [`Flush`] is dropped;
/// `None` when no log file can be opened (the program runs on without logs).
pub fn init() -> Option<Flush> {
    install_panic_hook();
    let dir = crate::config::Paths::discover()?.log_dir;
    std::fs::create_dir_all(&dir).ok()?;
    let file = tracing_appender::rolling::never(&dir, "counterpoint.log");
    // The appender's queue is made whole at once: its default of 128,000
    // lines cost 4 MB and milliseconds of page faults at every start, for a
    // program that logs a few lines a poll. A line that finds it full is
    // dropped, unless the user asked for a log level: then it waits.
    let asked = tracing_subscriber::EnvFilter::try_from_env("COUNTERPOINT_LOG").ok();
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .lossy(asked.is_none())
        .finish(file);
    let filter = asked.unwrap_or_else(|| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    if let Ok(mut w) = WRITER.lock() {
        *w = Some(guard);
    }
    Some(Flush)
}

/// Panics inside [`crate::text::html::isolate`] are expected (a parser
/// choking on hostile input) and recovered from: they are logged, not
/// printed over the user's screen.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::text::html::in_isolated_call() {
            tracing::warn!(
                "recovered from a panic in a parser: {}",
                crate::text::sanitize_line(&info.to_string())
            );
            return;
        }
        tracing::error!("panic: {info}");
        default(info);
    }));
}
