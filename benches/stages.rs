//! Where the time of preparing feed items goes: parsing, HTML to text,
//! extraction. Prints figures; run with `cargo bench --bench stages`.

use std::path::Path;
use std::time::Instant;

use counterpoint::extract::Extractor;
use counterpoint::feed::parse_feed;
use counterpoint::text;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/feeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: no corpus at {}", dir.display());
        return;
    };
    let files: Vec<Vec<u8>> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml" || e == "json"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let extractor = Extractor::builtin();
    let _ = extractor.extract("warm up", "Meta said no.");
    let t = Instant::now();
    let parsed: Vec<_> = files
        .iter()
        .filter_map(|f| parse_feed(f, chrono::Utc::now()).ok())
        .collect();
    let parse = t.elapsed();
    let items: Vec<_> = parsed.into_iter().flat_map(|p| p.items).collect();
    let t = Instant::now();
    let texts: Vec<String> = items.iter().map(|i| text::body_text(&i.body)).collect();
    let render = t.elapsed();
    let text_bytes: usize = texts.iter().map(String::len).sum();
    let t = Instant::now();
    let mut findings = 0;
    for (i, body) in items.iter().zip(&texts) {
        let f = extractor.extract(&i.title, body);
        findings += f.allegations.len() + f.responses.len();
    }
    let extract = t.elapsed();
    let t = Instant::now();
    for body in &texts {
        std::hint::black_box(counterpoint::store::dedup::fingerprint(body));
    }
    let fp = t.elapsed();
    println!(
        "{} files, {:.1} MB of feeds, {} items, {:.1} MB of text, {findings} findings",
        files.len(),
        bytes as f64 / 1e6,
        items.len(),
        text_bytes as f64 / 1e6
    );
    println!(
        "parse      {:>8.1} ms  ({:.1} MB/s of feed)",
        parse.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / parse.as_secs_f64()
    );
    println!("html→text  {:>8.1} ms", render.as_secs_f64() * 1e3);
    println!(
        "extract    {:>8.1} ms  ({:.1} MB/s of text)",
        extract.as_secs_f64() * 1e3,
        text_bytes as f64 / 1e6 / extract.as_secs_f64()
    );
    println!("fingerprint{:>8.1} ms", fp.as_secs_f64() * 1e3);
}
