//! The command line: clap definitions, validated once into options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A terminal reader for tech-policy news: allegations against companies
/// beside the companies' responses.
#[derive(Debug, Parser)]
#[command(name = "counterpoint", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Configuration file laid over the built-in defaults
    /// [default: $XDG_CONFIG_HOME/counterpoint/config.toml]
    #[arg(long, global = true, value_name = "PATH", env = "COUNTERPOINT_CONFIG")]
    pub config: Option<PathBuf>,

    /// The store (an SQLite file) [default: $XDG_DATA_HOME/counterpoint/counterpoint.db]
    #[arg(long, global = true, value_name = "PATH", env = "COUNTERPOINT_DB")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch feeds and store new articles
    Poll(PollArgs),
    /// List, add or remove feeds
    #[command(subcommand)]
    Feeds(FeedsCommand),
    /// Add the feeds of an OPML file or a newsboat `urls` file
    Import {
        /// The file to read
        file: PathBuf,
    },
    /// Print the feed list
    Export {
        /// As OPML 2.0 (the only format for now)
        #[arg(long, required = true)]
        opml: bool,
    },
    /// Show the allegations and responses in an article or a feed file
    Extract(ExtractArgs),
    /// List stories
    Stories(StoriesArgs),
    /// Show one story: allegations beside responses
    Story {
        /// The story's id (see `counterpoint stories`)
        id: i64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Follow a story: its new articles, allegations and responses will stand out
    Follow {
        /// The story's id (see `counterpoint stories`)
        id: i64,
    },
    /// Stop following a story
    Unfollow {
        /// The story's id (see `counterpoint stories`)
        id: i64,
    },
    /// Delete articles first seen longer ago than an age; followed stories
    /// keep theirs, and feeds do not bring deleted items back
    Cleanup(CleanupArgs),
    /// Group every stored article into stories again (after an upgrade);
    /// followed stories stay followed
    Regroup,
    /// Test harness: polls and follows/reads stories in a loop, appending
    /// each acknowledged user-state write to FILE, until killed
    #[command(hide = true, name = "__crash-harness")]
    Stress {
        /// Where acknowledged writes are logged
        ack: PathBuf,
    },
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct CleanupArgs {
    /// Delete articles first seen longer ago than this ("180d", "26w",
    /// "1y"; at least a day) [default: the keep_articles setting]
    #[arg(long, value_name = "AGE", value_parser = crate::config::parse_age)]
    pub older_than: Option<std::time::Duration>,
    /// Print what would be deleted, and delete nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Then shrink the store's files by the space freed (rewrites them: a
    /// few seconds on a large store, with no other counterpoint running)
    #[arg(long, conflicts_with = "dry_run")]
    pub vacuum: bool,
}

#[derive(Debug, Args)]
pub struct PollArgs {
    /// Poll every feed once now (still honouring Retry-After and 410), then exit
    #[arg(long)]
    pub once: bool,
}

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// List feeds with their status
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Add a feed
    Add {
        url: String,
        #[arg(long)]
        title: Option<String>,
        /// A tag; repeat for several
        #[arg(long = "tag")]
        tags: Vec<String>,
    },
    /// Stop polling a feed (its articles stay)
    Remove { url: String },
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// An article (HTML or text) or a feed file; `-` or nothing reads standard input
    pub path: Option<PathBuf>,
    /// One JSON object per article, one per line
    #[arg(long, conflicts_with = "explain")]
    pub json: bool,
    /// Show how every sentence was read: its speaker and verdict
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Only stories involving this company (aliases and subsidiaries work)
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
    /// Only followed stories
    #[arg(long)]
    pub followed: bool,
    /// Only stories with new developments
    #[arg(long)]
    pub new: bool,
    /// Only stories with an allegation against a company (with --company, against that one)
    #[arg(long)]
    pub charged: bool,
    /// At most this many stories, newest activity first (0: all)
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_go_anywhere() {
        let cli = Cli::try_parse_from(["counterpoint", "poll", "--once", "--db", "x.db"]).unwrap();
        assert_eq!(cli.db, Some(PathBuf::from("x.db")));
        assert!(matches!(cli.command, Some(Command::Poll(PollArgs { once: true }))));
    }
}
