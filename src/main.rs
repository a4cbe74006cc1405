//! The `counterpoint` binary: parse the command line, set up logging, dispatch.

use std::io::Write;

use anyhow::Result;
use clap::Parser;
use counterpoint::cli::{Cli, Command};
use counterpoint::commands::{self, Setup};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tune_malloc(cli.command.is_none());
    let _log = counterpoint::logging::init();
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // A reader of our output that went away (`counterpoint stories | head`).
        Err(e) if is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let message = counterpoint::text::sanitize_line(&format!("{e:#}"));
            tracing::error!("{message}");
            // Standard error may be a terminal that has gone away: never panic on it.
            let _ = writeln!(std::io::stderr(), "counterpoint: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// glibc gives each thread that allocates its own arena and keeps what they
/// free: a poll's preparation threads then hold several times the live heap.
/// Two arenas keep the peak near the live heap at no measured cost in speed.
/// A fixed mmap threshold sends feed bodies and other large buffers straight
/// back to the system when freed, instead of leaving holes in the heap.
/// The `reader` has no fast bins, so small blocks are merged as they are
/// freed: with them, the first large allocation after the reader replaced
/// its story list at 100k articles merged the old list's blocks at once,
/// holding up the next keys for 4–8 ms. The headless commands keep them (the
/// store writer seemed a few per cent slower without).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_malloc(reader: bool) {
    // SAFETY: mallopt only sets an allocator tunable; it is called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
        if reader {
            libc::mallopt(libc::M_MXFAST, 0);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_malloc(_reader: bool) {}

fn run(cli: Cli) -> Result<()> {
    let ctx = || Setup::new(cli.config.as_deref(), cli.db.as_deref());
    match cli.command {
        None => commands::reader(&ctx()?),
        Some(Command::Poll(args)) => commands::poll(&ctx()?, args.once),
        Some(Command::Feeds(cmd)) => commands::feeds(&ctx()?, cmd),
        Some(Command::Import { file }) => commands::import(&ctx()?, &file),
        Some(Command::Export { .. }) => commands::export(&ctx()?),
        Some(Command::Extract(args)) => commands::extract(&args),
        Some(Command::Stories(args)) => commands::stories(&ctx()?, &args),
        Some(Command::Story { id, json }) => commands::story(&ctx()?, id, json),
        Some(Command::Follow { id }) => commands::follow(&ctx()?, id, true),
        Some(Command::Unfollow { id }) => commands::follow(&ctx()?, id, false),
        Some(Command::Cleanup(args)) => commands::cleanup(&ctx()?, &args),
        Some(Command::Regroup) => commands::regroup(&ctx()?),
        Some(Command::Stress { ack }) => counterpoint::stress::run(&ctx()?, &ack),
        Some(Command::Completions { shell }) => {
            commands::completions(shell);
            Ok(())
        }
    }
}
