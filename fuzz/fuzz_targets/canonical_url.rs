//! URL canonicalisation is total and idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    if let Some(c) = counterpoint::store::dedup::canonical_url(&s) {
        let again = counterpoint::store::dedup::canonical_url(&format!("https://{c}"));
        assert_eq!(again.as_deref(), Some(c.as_str()), "not idempotent for {s:?}");
    }
});
