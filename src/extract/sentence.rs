//! A sentence prepared for extraction: its text, the narrator's words (with
//! quotations masked, offsets unchanged), tokens and company mentions.

use std::ops::Range;

use super::companies::{Mention, NameKind};
use super::lexicon::is_alphanumeric;
use crate::text::Document;

/// A word or punctuation mark of a sentence's narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    /// Lower-cased (ASCII) text.
    pub text: TokenText,
    pub kind: TokenKind,
}

/// A token's text, kept inline when short (almost always) so tokenizing
/// allocates nothing per word.
pub type TokenText = compact_str::CompactString;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// A masked quotation.
    Quote,
    Comma,
    /// `;`, `:`, `—`, `(`, `)`: a clause boundary.
    Break,
}

/// Quotations up to this many words are part of the narrator's sentence.
const SHORT_QUOTE_WORDS: usize = 8;

/// One sentence, ready for the rules.
#[derive(Debug, Clone)]
pub struct Sent {
    pub index: usize,
    pub para: usize,
    pub is_title: bool,
    pub text: String,
    /// `text` lower-cased (ASCII only, so byte offsets stay valid).
    pub lower: String,
    /// `lower` with quoted words blanked out, when it has any (see [`Sent::narr`]).
    narr_masked: Option<String>,
    /// `lower` with only long quotations blanked, when it has one (see [`Sent::loose`]).
    loose_masked: Option<String>,
    pub tokens: Vec<Token>,
    /// Mentions with spans relative to `text`.
    pub mentions: Vec<Mention>,
    pub quote: Option<usize>,
    pub fully_quoted: bool,
    /// A short body line without closing punctuation: a subheading, a
    /// caption or the headline of an embedded link, never a finding.
    pub heading: bool,
    /// People's names in the sentence (see [`super::speakers::person_names`]).
    pub names: Vec<(Range<usize>, String)>,
    /// Cues of wrongdoing in `loose`, found once (see `allegations`).
    pub cues: std::cell::OnceCell<Vec<(usize, &'static str)>>,
}

impl Sent {
    /// Builds the sentences of `doc`, the first paragraph being the title
    /// when `has_title`.
    pub fn all(doc: &Document, mentions: &[Mention], has_title: bool) -> Vec<Sent> {
        let mut per_para = vec![0usize; doc.paragraphs.len() + 1];
        for s in &doc.sentences {
            if let Some(n) = per_para.get_mut(s.para) {
                *n += 1;
            }
        }
        let mut out: Vec<Sent> = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let text = doc.text[s.span.clone()].to_owned();
                let lower = text.to_ascii_lowercase();
                // `"` marks a masked quotation to the tokenizer: a stray one in
                // the text (`and"Irish`, unbalanced) must not pair with a mask.
                let mut narr: Option<String> = memchr::memchr(b'"', lower.as_bytes()).map(|_| lower.replace('"', " "));
                let mut loose: Option<String> = None;
                // Quotations are in document order: only those ending after this sentence starts.
                let first_quote = doc.quotes.partition_point(|q| q.span.end <= s.span.start);
                for q in doc.quotes[first_quote..]
                    .iter()
                    .take_while(|q| q.span.start < s.span.end)
                {
                    let start = q.span.start.max(s.span.start);
                    let end = q.span.end.min(s.span.end);
                    if start < end {
                        // Only whether it is over 25 words (or over SHORT_QUOTE_WORDS) matters.
                        let words = doc.text[q.span.clone()].split_whitespace().take(26).count();
                        if words <= 25 && opens_with_reporting_verb(&doc.text[q.span.clone()]) {
                            continue;
                        }
                        mask(
                            narr.get_or_insert_with(|| lower.clone()),
                            start - s.span.start,
                            end - s.span.start,
                        );
                        let whole_sentence = start == s.span.start && end == s.span.end;
                        if words > SHORT_QUOTE_WORDS || whole_sentence {
                            mask(
                                loose.get_or_insert_with(|| lower.clone()),
                                start - s.span.start,
                                end - s.span.start,
                            );
                        }
                    }
                }
                // Mentions are in document order: only those from here on.
                let first = mentions.partition_point(|m| m.span.start < s.span.start);
                let sent_mentions = mentions[first..]
                    .iter()
                    .take_while(|m| m.span.start < s.span.end)
                    .filter(|m| m.span.start >= s.span.start && m.span.end <= s.span.end)
                    .map(|m| Mention {
                        span: m.span.start - s.span.start..m.span.end - s.span.start,
                        ..m.clone()
                    })
                    .collect();
                let tokens = tokenize(narr.as_deref().unwrap_or(&lower));
                let alone = per_para.get(s.para) == Some(&1);
                let is_title = has_title && s.para == 0;
                let heading = alone && !is_title && is_heading_line(&text);
                Sent {
                    index: i,
                    para: s.para,
                    is_title,
                    text,
                    lower,
                    narr_masked: narr,
                    loose_masked: loose,
                    tokens,
                    mentions: sent_mentions,
                    quote: s.quote,
                    fully_quoted: s.fully_quoted,
                    heading,
                    names: Vec::new(),
                    cues: std::cell::OnceCell::new(),
                }
            })
            .collect();
        for s in &mut out {
            s.names = super::speakers::find_person_names(s);
        }
        out
    }

    /// `lower` with only long quotations blanked: short quoted phrases
    /// ("“accused of using a faulty algorithm”") read as the narrator's words.
    pub fn loose(&self) -> &str {
        self.loose_masked.as_deref().unwrap_or(&self.lower)
    }

    /// Company mentions that can be actors (not "Google-backed", not "on X").
    pub fn actors(&self) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(|m| m.actor && m.kind != NameKind::Person)
    }

    /// `lower` with quoted words blanked out (same length).
    pub fn narr(&self) -> &str {
        self.narr_masked.as_deref().unwrap_or(&self.lower)
    }

    /// Whether a mention lies in the narration rather than inside a quotation.
    pub fn in_narration(&self, span: &Range<usize>) -> bool {
        self.narr().get(span.clone()) == self.lower.get(span.clone())
    }

    /// The narration's words only.
    pub fn words(&self) -> impl Iterator<Item = (usize, &Token)> {
        self.tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word)
    }

    /// Whether the narration has any words besides a quotation.
    pub fn has_narration(&self) -> bool {
        self.tokens.iter().any(|t| t.kind == TokenKind::Word)
    }

    /// Byte offset in `narr` where the sentence proper begins, after a
    /// newsletter kicker ("Musk’s argument — The lawsuit ...").
    /// The narration from its first word, past any kicker.
    pub fn opening(&self) -> &str {
        self.narr()[self.body_start()..].trim_start_matches(|c: char| !c.is_alphanumeric())
    }

    pub fn body_start(&self) -> usize {
        // An em or en dash (E2 80 94, E2 80 93): found by its lead byte.
        let bytes = self.text.as_bytes();
        let dash = memchr::memchr_iter(0xE2, bytes)
            .any(|i| bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x93 | 0x94)));
        if !dash {
            return 0;
        }
        if let Some(p) = self.text.find(" — ").or_else(|| self.text.find(" – ")) {
            let kicker = &self.text[..p];
            let words = kicker.split_whitespace().count();
            let dash = self.text[p + 1..].chars().next().map_or(1, char::len_utf8);
            let rest = self.text[p + 1 + dash..].trim_start();
            let opens = rest
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"');
            if (1..=5).contains(&words) && !kicker.contains([',', '“', '"']) && opens && !rest.contains(" — ") {
                return self.text.len() - rest.len();
            }
        }
        0
    }

    pub fn is_question(&self) -> bool {
        let t = self.text.trim_end_matches(['”', '"', '’', '\'', ')', ' ']);
        t.ends_with('?')
    }

    /// The token index covering byte `at`, or the first after it.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens
            .iter()
            .position(|t| t.span.end > at)
            .unwrap_or(self.tokens.len())
    }
}

/// A line of at most 20 words that does not end like a sentence.
/// "the company “replied that it could not identify any impact”", "Meta
/// “declined to comment”": the writer's sentence runs on inside the
/// quotation marks, so its words read as narration.
fn opens_with_reporting_verb(quote: &str) -> bool {
    const LEADS: &[&str] = &[
        "replied",
        "responded",
        "said",
        "told",
        "wrote",
        "added",
        "argued",
        "claimed",
        "insisted",
        "denied",
        "admitted",
        "acknowledged",
        "stated",
        "declined",
        "refused",
        "did",
    ];
    let first = quote
        .trim_start_matches(|c: char| !is_alphanumeric(c))
        .split(|c: char| !is_alphanumeric(c))
        .next()
        .unwrap_or("");
    LEADS.contains(&first)
}

fn is_heading_line(text: &str) -> bool {
    let t = text.trim_end();
    // "‘Age-inappropriate content’": a quoted phrase standing as a heading,
    // with no stop of its own inside the quotation marks.
    let quoted = [('‘', '’'), ('“', '”'), ('"', '"')]
        .iter()
        .find_map(|(open, close)| t.strip_prefix(*open)?.strip_suffix(*close));
    let t = quoted.unwrap_or(t);
    !t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '’', '\'', ')', '…'])
        && t.split_whitespace().nth(20).is_none()
}

/// Blanks `s[start..end]` to spaces, with `"` at both ends, keeping its length.
fn mask(s: &mut String, start: usize, end: usize) {
    let mut bytes = std::mem::take(s).into_bytes();
    for b in &mut bytes[start..end] {
        *b = b' ';
    }
    bytes[start] = b'"';
    if end - start > 1 {
        bytes[end - 1] = b'"';
    }
    *s = String::from_utf8(bytes).unwrap_or_default();
}

fn tokenize(narr: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(narr.len() / 4 + 1);
    let bytes = narr.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most bytes between words are single spaces.
        if b == b' ' {
            i += 1;
            continue;
        }
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            narr[i..].chars().next().unwrap_or(' ')
        };
        let next = i + c.len_utf8();
        if c == '"' {
            // A masked quotation: up to the closing mark.
            let end = memchr::memchr(b'"', &bytes[next..]).map_or(bytes.len(), |o| next + o + 1);
            out.push(Token {
                span: i..end,
                text: TokenText::new("\""),
                kind: TokenKind::Quote,
            });
            i = end;
        } else if is_alphanumeric(c) {
            let end = word_end(narr, next);
            out.push(Token {
                span: i..end,
                text: TokenText::new(&narr[i..end]),
                kind: TokenKind::Word,
            });
            i = end;
        } else {
            if c == ',' {
                out.push(Token {
                    span: i..next,
                    text: TokenText::new(","),
                    kind: TokenKind::Comma,
                });
            } else if matches!(c, ';' | ':' | '—' | '–' | '(' | ')' | '[' | ']') {
                out.push(Token {
                    span: i..next,
                    text: TokenText::new(&narr[i..next]),
                    kind: TokenKind::Break,
                });
            }
            i = next;
        }
    }
    out
}

/// Where the word going on at `from` ends: letters and digits, joined by
/// `'`, `’`, `-`, `.` or `&` when a letter or digit follows.
fn word_end(text: &str, mut from: usize) -> usize {
    let bytes = text.as_bytes();
    let alphanumeric_at = |at: usize| match bytes.get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(is_alphanumeric),
    };
    while let Some(&b) = bytes.get(from) {
        if b.is_ascii_alphanumeric() {
            from += 1;
            continue;
        }
        let Some(d) = (if b.is_ascii() {
            Some(char::from(b))
        } else {
            text[from..].chars().next()
        }) else {
            break;
        };
        let next = from + d.len_utf8();
        if is_alphanumeric(d) || (matches!(d, '\'' | '’' | '-' | '.' | '&') && alphanumeric_at(next)) {
            from = next;
        } else {
            break;
        }
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_double_quote_does_not_pair_with_a_masked_quotation() {
        // Found by fuzzing: `and"Irish` opens nothing, and the tokenizer paired
        // it with the mask of the quotation after it, so a token ended inside `’`.
        let text = "It is the size of an Xbox Series X, and\"Irish regulator fines TikTok says agreement that ‘allowed Netflix access to Facebook’s user’s private message inboxes.’";
        let doc = Document::parse(text);
        for s in Sent::all(&doc, &[], false) {
            for t in &s.tokens {
                assert!(
                    s.text.is_char_boundary(t.span.start) && s.text.is_char_boundary(t.span.end),
                    "{t:?}"
                );
            }
        }
        let f = super::super::Extractor::builtin().extract("", text);
        assert!(f.responses.is_empty());
    }

    #[test]
    fn quotations_are_masked_with_offsets_kept() {
        let doc = Document::parse("He said, “Shockingly untrue. Meta didn’t share.” Then left.");
        let sents = Sent::all(&doc, &[], false);
        assert_eq!(sents[0].text, "He said, “Shockingly untrue.");
        assert_eq!(sents[0].narr().len(), sents[0].text.len());
        assert!(sents[0].narr().starts_with("he said, \""));
        let kinds: Vec<TokenKind> = sents[0].tokens.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![TokenKind::Word, TokenKind::Word, TokenKind::Comma, TokenKind::Quote]
        );
        assert!(!sents[1].has_narration());
    }

    #[rstest::rstest]
    #[case("Title\nGovernment responses\nThe agency said so.", &[false, true, false])]
    #[case("Title\nMeta denies the claims, says it will appeal\nIt did.", &[false, true, false])]
    #[case("Title\nThe agency said so. Then it left\nNext.", &[false, false, false, false])]
    #[case("Title\n‘Age-inappropriate content’\nThe agency said so.", &[false, true, false])]
    #[case("Title\n“We disagree.”\n“We will appeal,”\nIt did.", &[false, false, false, false])]
    fn headings_are_short_unpunctuated_lines(#[case] text: &str, #[case] want: &[bool]) {
        let doc = Document::parse(text);
        let got: Vec<bool> = Sent::all(&doc, &[], true).iter().map(|s| s.heading).collect();
        assert_eq!(got, want);
    }

    #[rstest::rstest]
    #[case("Musk’s argument — The lawsuit relates to OpenAI.", "The lawsuit")]
    #[case("The FTC — which sued — said so.", "The FTC")]
    fn kickers_are_skipped(#[case] text: &str, #[case] starts: &str) {
        let doc = Document::parse(text);
        let s = &Sent::all(&doc, &[], false)[0];
        assert!(s.text[s.body_start()..].starts_with(starts));
    }

    #[test]
    fn words_keep_apostrophes_and_abbreviations() {
        let toks: Vec<String> = tokenize("meta’s u.s. co-founder didn't")
            .into_iter()
            .map(|t| t.text.to_string())
            .collect();
        assert_eq!(toks, vec!["meta’s", "u.s", "co-founder", "didn't"]);
    }
}
