//! Store ingest alone: prepared articles inserted in batches and indexed
//! for search, articles per second. `cargo bench --bench ingest` (PERF_ARTICLES, default 20000).

use std::time::Instant;

use counterpoint::extract::Extractor;
use counterpoint::ingest::prepare;
use counterpoint::model::FeedItem;
use counterpoint::store::Store;
use counterpoint::store::articles::FromText;
use counterpoint::store::grouping::Wording;

fn main() {
    let n: usize = std::env::var("PERF_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let topics = [
        "Meta",
        "Google",
        "Amazon",
        "Apple",
        "Microsoft",
        "TikTok",
        "OpenAI",
        "Uber",
        "Tesla",
        "Netflix",
    ];
    let words = [
        "privacy",
        "antitrust",
        "children",
        "advertising",
        "search",
        "cloud",
        "drivers",
        "deepfakes",
        "payments",
        "streaming",
        "labour",
        "copyright",
    ];
    let base: Vec<_> = (0..200)
        .map(|i| {
            let (c, w) = (topics[i % topics.len()], words[i % words.len()]);
            let body = format!(
                "<p>Regulators in case {i} said {c} violated {w} rules and misled users about {w}.</p><p>{c} said it would appeal the decision and that its {w} practices were lawful. Critics said the fine of {i} million was too small.</p><p>The case, number {i}, began last year after complaints about {w}.</p>"
            );
            prepare(FeedItem { guid: format!("{i}"), title: format!("{c} fined over {w} in case {i}"), body, ..Default::default() }, Extractor::builtin())
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.start_indexer();
    let feeds: Vec<_> = (0..20)
        .map(|i| store.add_feed(&format!("http://127.0.0.1:9/{i}"), None, &[]).unwrap())
        .collect();
    // Five articles per event: same base and a story-specific vocabulary.
    let syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "pa", "zu", "fe"];
    let word = |x: usize| -> String { (0..3).map(|i| syllables[(x / 12usize.pow(i)) % 12]).collect() };
    let mut items = Vec::with_capacity(n);
    for k in 0..n {
        let story = k / 5;
        let mut item = base[story % base.len()].clone();
        let (w1, w2, w3) = (word(story), word(story * 7 + 3), word(story * 13 + 5));
        item.guid = format!("a{k}");
        item.link = Some(format!("https://o{}.test/{k}", k % 20));
        item.canonical_url = Some(format!("o{}.test/{k}", k % 20));
        item.title = format!("{w1} {w2}: {}", item.title);
        item.text = format!("The {w1} {w2} {w3} matter. {}", item.text);
        item.fingerprint = None;
        item.wording = Some(Wording::of(&item.title, &item.text, &item.links));
        item.from_text = Some(FromText::of(&item));
        item.published_at = Some(1_600_000_000 + story as i64 * 3600);
        items.push(item);
    }
    let t = Instant::now();
    for (i, chunk) in items.chunks(500).enumerate() {
        store
            .insert_batch(feeds[i % feeds.len()], "Outlet", chunk, 1_700_000_000)
            .unwrap();
    }
    store.wait_for_search_index().unwrap();
    let secs = t.elapsed().as_secs_f64();
    let stories = store.query_scalar("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL");
    println!(
        "ingest: {:.0} articles/s ({n} articles in {secs:.2} s, {stories} stories)",
        n as f64 / secs
    );
}
