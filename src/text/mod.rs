//! Text handling for untrusted article bodies: HTML to text, sanitising,
//! furniture removal and sentence splitting. Pure functions, no I/O.

pub mod boilerplate;
pub mod bytemask;
pub mod html;
pub mod sanitize;
pub mod sentences;

pub use boilerplate::strip_boilerplate;
pub use sanitize::{sanitize, sanitize_line};
pub use sentences::Document;

/// Article bodies longer than this are cut (at a character boundary) before
/// any processing: no news article needs more, and it bounds every later step.
pub const MAX_BODY_CHARS: usize = 512 * 1024;

/// An item body (HTML or plain text) as clean text: rendered, sanitised,
/// without furniture, one paragraph per line with blank lines between.
pub fn body_text(body: &str) -> String {
    // Escape sequences go before rendering too: the HTML parser drops a bare
    // ESC but would keep the rest of the sequence as text.
    let body = sanitize(truncate(body, MAX_BODY_CHARS * 4));
    let rendered = if html::looks_like_html(&body) {
        html::html_to_text(&body)
    } else if body.contains('&') {
        // Plain text often carries HTML's character references all the
        // same ("Capit&aacute;n", from entities escaped twice).
        let mut decoded = String::with_capacity(body.len());
        html::push_decoded(&mut decoded, &body);
        html::tidy(&decoded)
    } else {
        html::tidy(&body)
    };
    let clean = sanitize(&rendered);
    strip_boilerplate(truncate(&clean, MAX_BODY_CHARS))
}

/// Lower-cased letters and digits only: the same sentence from two outlets
/// (curly or straight quotes, other dashes) normalises to the same text.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// `s` cut to at most `max` bytes, on a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_has_its_character_references_decoded() {
        assert_eq!(
            body_text("La Base Capit&aacute;n R&iacute;os &amp; el Sat&eacute;lite &#8220;Sim&oacute;n&#8221; &bogus;"),
            "La Base Capitán Ríos & el Satélite “Simón” &bogus;"
        );
        assert_eq!(body_text("Escape &#27;[31mred"), "Escape red");
    }

    #[test]
    fn body_text_renders_sanitises_and_strips() {
        let html = "<p>By Jane Doe</p><p>The FTC sued \u{1b}[31mAmazon\u{1b}[0m.</p><p>Read more: Other story</p>";
        assert_eq!(body_text(html), "The FTC sued Amazon.");
    }

    #[test]
    fn truncate_respects_char_boundaries() {
        assert_eq!(truncate("héllo", 2), "h");
    }
}
