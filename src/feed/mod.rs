//! Getting feeds: fetching over HTTP and parsing bytes into items. Knows no store.

pub mod fetch;
pub mod opml;
pub mod parse;
pub mod timestamp;

pub use fetch::{FetchError, FetchOutcome, Fetcher, Validators};
pub use parse::{ParseError, ParsedFeed, parse_feed};
