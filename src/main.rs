//! The `counterpoint` binary: parse the command line, set up logging, dispatch.

use anyhow::Result;
use clap::Parser;
use counterpoint::cli::{Cli, Command};
use counterpoint::commands::{self, Setup};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let _log = counterpoint::logging::init();
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("counterpoint: {}", counterpoint::text::sanitize_line(&format!("{e:#}")));
            std::process::ExitCode::FAILURE
        }
    }
}

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
        Some(Command::Regroup) => commands::regroup(&ctx()?),
        Some(Command::Stress { ack }) => counterpoint::stress::run(&ctx()?, &ack),
        Some(Command::Completions { shell }) => {
            commands::completions(shell);
            Ok(())
        }
    }
}
