//! HTML to clean text, with the furniture stripper and sentence splitter.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let text = counterpoint::text::body_text(&html);
    let _ = counterpoint::text::Document::parse(&text);
    let _ = counterpoint::text::html::links(&html);
});
