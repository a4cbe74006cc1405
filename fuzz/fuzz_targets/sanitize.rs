//! The terminal sanitiser never lets a control character or escape through.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let out = counterpoint::text::sanitize(&s);
    assert!(out.chars().all(|c| c == '\n' || c == '\t' || !(c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))));
    assert_eq!(counterpoint::text::sanitize(&out), out);
    let line = counterpoint::text::sanitize_line(&s);
    assert!(!line.contains('\n') && !line.contains('\u{1b}'));
});
