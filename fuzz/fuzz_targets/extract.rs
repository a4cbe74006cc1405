//! Extraction on arbitrary text: no panic, findings quote the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let (title, body) = s.split_once('\n').unwrap_or((&s, ""));
    let f = counterpoint::extract::Extractor::builtin().extract(title, body);
    for a in &f.allegations {
        assert!(!a.against.is_empty());
    }
    for r in &f.responses {
        assert!(!r.company.is_empty());
    }
});
