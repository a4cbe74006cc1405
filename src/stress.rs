//! A crash-safety harness (`counterpoint __crash-harness ACK`): polls every feed
//! and follows and reads stories as fast as it can, appending each write to
//! ACK only once the store has acknowledged it. A test kills it with SIGKILL
//! at random moments and checks that every acknowledged write survived.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::commands::Setup;
use crate::extract::Extractor;
use crate::ingest::Poller;
use crate::model::StoryId;
use crate::store::writer::Writer;
use crate::store::{Store, unix_now};

/// One `write` per line: a line split over several writes could be cut by
/// the kill and glued to the next process's first line.
fn acknowledge(log: &mut std::fs::File, line: &str) -> Result<()> {
    log.write_all(line.as_bytes())?;
    log.sync_data()?;
    Ok(())
}

pub fn run(ctx: &Setup, ack: &Path) -> Result<()> {
    let store = ctx.open_store()?;
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(ack)
        .context("cannot open the ack file")?;
    let tail = std::fs::read(ack).unwrap_or_default();
    if tail.last().is_some_and(|&b| b != b'\n') {
        acknowledge(&mut log, "\n")?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (writer, _thread) = Writer::spawn(store, ctx.schedule());
    let poller = Poller::new(ctx.config.settings.clone(), writer.clone(), Extractor::builtin())?.with_store(&ctx.db);
    let reader = Store::open_read_only(&ctx.db)?;
    let mut seed = unix_now() as u64 ^ u64::from(std::process::id());
    runtime.block_on(async {
        let polls = {
            let (poller, db) = (poller.clone(), ctx.db.clone());
            tokio::spawn(async move {
                loop {
                    let feeds = Store::open_read_only(&db)
                        .and_then(|s| s.due_feeds(unix_now(), true))
                        .unwrap_or_default();
                    poller.poll(feeds).await;
                }
            })
        };
        loop {
            let stories = reader
                .stories(&Default::default())
                .map(|l| l.into_iter().map(|s| s.id).collect::<Vec<StoryId>>());
            let Ok(stories) = stories else { continue };
            if stories.is_empty() {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                continue;
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let story = stories[(seed >> 33) as usize % stories.len()];
            if writer.follow(story, true).await.is_ok() {
                acknowledge(&mut log, &format!("follow {story}\n"))?;
            }
            let articles = reader
                .story_view(story)
                .map(|v| v.articles.iter().map(|a| a.id).collect::<Vec<_>>());
            if let Ok(articles) = articles
                && writer.viewed(story, articles.clone()).await.is_ok()
            {
                let ids: Vec<String> = articles.iter().map(|a| a.0.to_string()).collect();
                acknowledge(&mut log, &format!("read {}\n", ids.join(",")))?;
            }
            if polls.is_finished() {
                return Ok::<_, anyhow::Error>(());
            }
        }
    })
}
