//! Makes untrusted text safe to show in a terminal or write to a log.
//!
//! Every feed-derived string passes through here before it reaches a widget, a
//! log line or the window title. Escape sequences are dropped whole (not just
//! their ESC byte), so no parameter bytes leak onto the screen.

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// C1 introducers that start a string or control sequence when sent 8-bit.
const C1_CSI: char = '\u{9b}';
const C1_DCS: char = '\u{90}';
const C1_OSC: char = '\u{9d}';
const C1_SOS: char = '\u{98}';
const C1_PM: char = '\u{9e}';
const C1_APC: char = '\u{9f}';
const C1_ST: char = '\u{9c}';

/// Removes terminal control sequences, control characters and bidi overrides,
/// keeping newlines and tabs. `\r\n` and lone `\r` become `\n`.
pub fn sanitize(input: &str) -> String {
    if is_clean(input) {
        return input.to_owned();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => skip_escape(&mut chars),
            C1_CSI => skip_csi(&mut chars),
            C1_DCS | C1_OSC | C1_SOS | C1_PM | C1_APC => skip_string(&mut chars),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Like [`sanitize`], for text shown on one line (titles, names, errors):
/// newlines and tabs become spaces and runs of white space collapse.
pub fn sanitize_line(input: &str) -> String {
    let clean = sanitize(input);
    let mut out = String::with_capacity(clean.len());
    for word in clean.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_clean(input: &str) -> bool {
    input
        .chars()
        .all(|c| c == '\n' || c == '\t' || !(is_forbidden(c) || matches!(c, ESC | '\r' | '\u{2028}' | '\u{2029}')))
}

fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'          // C0 (newline and tab are handled before this)
        | '\u{7f}'..='\u{9f}'       // DEL and C1
        | '\u{200e}' | '\u{200f}'   // LRM, RLM
        | '\u{202a}'..='\u{202e}'   // LRE, RLE, PDF, LRO, RLO
        | '\u{2066}'..='\u{2069}'   // LRI, RLI, FSI, PDI
        | '\u{061c}'                // Arabic letter mark
        | '\u{feff}'                // zero-width no-break space / BOM
        // Invisible characters a terminal and the reader's layout count
        // differently (a joiner merges the cells of what surrounds it): soft
        // hyphen, grapheme joiner, Mongolian vowel separator, zero-width
        // space and joiner, word joiner, invisible operators. The non-joiner
        // stays: Persian spelling needs it, and it joins no cells.
        | '\u{ad}' | '\u{34f}' | '\u{180e}'
        | '\u{200b}' | '\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{fff9}'..='\u{fffb}'   // interlinear annotation controls
    )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // nF sequences: intermediate bytes then one final byte
        Some(' '..='/') => {
            while let Some(&c) = chars.peek() {
                chars.next();
                if !(' '..='/').contains(&c) {
                    break;
                }
            }
        }
        // Any other two-character escape (ESC c, ESC 7, ESC =, ...) or ESC at the end.
        _ => {}
    }
}

/// Parameter and intermediate bytes, then one final byte in `@`..=`~`.
fn skip_csi(chars: &mut Chars) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) || c == ESC || c == '\n' {
            break;
        }
    }
}

/// OSC, DCS, SOS, PM and APC run to BEL, ST (`ESC \` or 8-bit ST) or the end.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            BEL | C1_ST => return,
            ESC => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case::plain("Meta sued", "Meta sued")]
    #[case::csi_clear_screen("a\u{1b}[2Jb", "ab")]
    #[case::csi_colour("\u{1b}[31;1mred\u{1b}[0m", "red")]
    #[case::osc_title_bel("x\u{1b}]0;pwned\u{7}y", "xy")]
    #[case::osc_title_st("x\u{1b}]2;pwned\u{1b}\\y", "xy")]
    #[case::osc8_link("\u{1b}]8;;http://evil/\u{1b}\\click\u{1b}]8;;\u{1b}\\", "click")]
    #[case::osc52_clipboard("\u{1b}]52;c;cm0gLXJmIH4=\u{7}safe", "safe")]
    #[case::dcs("\u{1b}Pq#0;2;0;0;0\u{1b}\\after", "after")]
    #[case::c1_csi("a\u{9b}2Jb", "ab")]
    #[case::c1_osc("a\u{9d}0;t\u{9c}b", "ab")]
    #[case::bidi_override("evil\u{202e}txt.exe", "eviltxt.exe")]
    #[case::isolates("\u{2066}a\u{2069}", "a")]
    #[case::nul_and_fs("a\u{0}b\u{1c}c", "abc")]
    #[case::del("a\u{7f}b", "ab")]
    #[case::crlf("a\r\nb\rc", "a\nb\nc")]
    #[case::keeps_tab_newline("a\tb\nc", "a\tb\nc")]
    #[case::unterminated_osc("ok\u{1b}]0;never ends", "ok")]
    #[case::lone_esc_at_end("ok\u{1b}", "ok")]
    #[case::emoji_and_cjk("👩💻 数据 ✔️", "👩💻 数据 ✔️")]
    #[case::zero_width(
        "zero\u{200b}width\u{200d}joiner\u{2060}wj\u{180e}mvs\u{ad}shy",
        "zerowidthjoinerwjmvsshy"
    )]
    #[case::persian_non_joiner("می\u{200c}خواهم", "می\u{200c}خواهم")]
    #[case::joined_emoji_fall_apart("👩\u{200d}💻", "👩💻")]
    #[case::line_separators("a\u{2028}b\u{2029}c", "a\nb\nc")]
    fn sanitize_removes_controls(#[case] input: &str, #[case] want: &str) {
        assert_eq!(sanitize(input), want);
    }

    #[test]
    fn sanitize_line_folds_white_space() {
        assert_eq!(sanitize_line("  Meta\n\tsued \u{1b}[2J again "), "Meta sued again");
    }

    proptest! {
        #[test]
        fn no_control_character_survives(s in any::<String>()) {
            let out = sanitize(&s);
            prop_assert!(out.chars().all(|c| c == '\n' || c == '\t' || !(is_forbidden(c) || c == ESC || c == '\r')));
        }

        #[test]
        fn sanitize_is_idempotent(s in any::<String>()) {
            let once = sanitize(&s);
            prop_assert_eq!(sanitize(&once), once.clone());
        }

        #[test]
        fn no_escape_survives_in_mixed_input(parts in proptest::collection::vec(prop_oneof![
            Just("\u{1b}[".to_string()), Just("\u{1b}]".to_string()), Just("\u{7}".to_string()),
            Just("\u{1b}\\".to_string()), Just("\u{9b}".to_string()), "[a-z0-9;]{0,5}".prop_map(|s| s),
        ], 0..20)) {
            let s: String = parts.concat();
            let out = sanitize_line(&s);
            let clean = !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{7}');
            prop_assert!(clean);
        }
    }
}
