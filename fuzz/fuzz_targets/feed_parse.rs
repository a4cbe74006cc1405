//! Feed bytes to stored-ready items: parse, render, extract. Must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = counterpoint::ingest::prepare_feed(data, counterpoint::extract::Extractor::builtin());
});
