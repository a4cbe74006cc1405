//! counterpoint: a terminal reader for tech-policy news.
//!
//! Layers, from the bottom:
//! - [`model`]: ids and domain types shared by every layer;
//! - [`text`]: HTML to text, sanitising, furniture removal, sentences (pure);
//! - [`extract`]: companies, allegations and responses in an article (pure);
//! - [`feed`]: fetching (HTTP) and parsing feeds; knows no store;
//! - [`store`]: the SQLite store: schema, de-duplication, stories, user state;
//! - [`ingest`]: one poll, wiring fetch → parse → text → extract → store;
//! - [`config`], [`cli`]: settings and the command line;
//! - [`tui`]: the interactive reader, the only layer that draws.
#![forbid(unsafe_code)]

pub mod cli;
pub mod commands;
pub mod config;
pub mod extract;
pub mod feed;
pub mod ingest;
pub mod logging;
pub mod model;
pub mod report;
pub mod reuse;
pub mod store;
pub mod stress;
pub mod text;
pub mod tui;
