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
        // Markup escaped twice ("&lt;p&gt;&lt;a href=…"): the feed meant HTML.
        if decoded.trim_start().starts_with('<') && html::looks_like_html(&decoded) {
            html::html_to_text(&sanitize(&decoded))
        } else {
            html::tidy(&decoded)
        }
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
    let mut in_word = false;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            in_word = false;
            continue;
        }
        if !in_word && !out.is_empty() {
            out.push(' ');
        }
        in_word = true;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether [`normalize`] turns `text` into `key`, found without building it:
/// most texts differ from the first word.
pub fn normalizes_to(text: &str, key: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
        .flat_map(|(i, word)| {
            (i > 0)
                .then_some(' ')
                .into_iter()
                .chain(word.chars().flat_map(char::to_lowercase))
        })
        .eq(key.chars())
}

/// `text` lower-cased, borrowed when it already is (ASCII without capitals).
pub fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        std::borrow::Cow::Owned(text.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
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

    #[rstest::rstest]
    #[case("Meta fined €1.2bn", "meta fined 1 2bn")]
    #[case("  ÉTAT d’urgence!  ", "état d urgence")]
    #[case("İstanbul", "i\u{307}stanbul")]
    #[case("", "")]
    #[case("Meta fined", "meta fined more")]
    #[case("Meta fined more", "meta fined")]
    #[case("Meta, fined", "meta  fined")]
    fn a_text_normalizes_to_a_key_exactly_when_normalize_says_so(#[case] text: &str, #[case] key: &str) {
        assert_eq!(normalizes_to(text, key), normalize(text) == key, "{text:?} {key:?}");
        assert!(normalizes_to(text, &normalize(text)));
    }

    #[test]
    fn normalize_keeps_words_lower_cased_with_one_space_between() {
        fn by_words(text: &str) -> String {
            let words: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            words.join(" ")
        }
        for text in [
            "Meta fined €1.2bn — “again”",
            "  ÉTAT d’urgence!  ",
            "İstanbul \u{212A}elvin ΣΑΣ",
            "",
            "...",
            "a",
            "x1 2y, z_3",
        ] {
            assert_eq!(normalize(text), by_words(text), "{text:?}");
        }
    }

    #[rstest::rstest]
    #[case("meta")]
    #[case("Meta")]
    #[case("ÉTAT")]
    #[case("\u{212A}elvin")]
    #[case("")]
    fn lowercase_is_to_lowercase(#[case] text: &str) {
        assert_eq!(lowercase(text), text.to_lowercase());
    }

    #[test]
    fn plain_text_has_its_character_references_decoded() {
        assert_eq!(
            body_text("La Base Capit&aacute;n R&iacute;os &amp; el Sat&eacute;lite &#8220;Sim&oacute;n&#8221; &bogus;"),
            "La Base Capitán Ríos & el Satélite “Simón” &bogus;"
        );
        assert_eq!(body_text("Escape &#27;[31mred"), "Escape red");
    }

    #[test]
    fn markup_escaped_twice_is_rendered_as_the_html_it_was() {
        let twice = "&lt;p&gt;&lt;a href=&quot;https://supabase.com&quot;&gt;Supabase&lt;/a&gt; uses JWT \
                     signing keys.&lt;/p&gt;&lt;p&gt;&lt;span style=&quot;color: red&quot;&gt;import&lt;/span&gt; \
                     them.&lt;/p&gt;";
        assert_eq!(body_text(twice), "Supabase uses JWT signing keys.\n\nimport them.");
        // Text that only mentions a tag keeps it.
        assert_eq!(
            body_text("Use the &lt;p&gt; tag for paragraphs &amp; more."),
            "Use the <p> tag for paragraphs & more."
        );
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
