//! Finding companies in text: the dictionary from `config/companies.toml`
//! (aliases, subsidiaries and products map to the parent), matched with
//! Aho-Corasick, plus names that declare themselves companies ("Acme Inc.",
//! "Foo Technologies", "Bar, a startup that ...").
//!
//! Names that are also common words (Apple, Amazon, Meta, X, Block, ...)
//! count only with company context: exact case, not part of a longer name
//! ("Xbox Series X", "Big Apple"), not hyphenated ("meta-analysis",
//! "X-ray"), and either a company-like neighbour ("Apple’s", "X said",
//! "sued Meta") or another unambiguous sign of the company in the document.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;

use super::lexicon::is_word_char;
use crate::text::bytemask::byte_mask;

#[derive(Debug, thiserror::Error)]
pub enum CompaniesError {
    #[error("bad company dictionary: {0}")]
    Invalid(String),
    #[error("the name {name:?} is given to both {first} and {second}")]
    Duplicate {
        name: String,
        first: String,
        second: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompaniesFile {
    company: Vec<CompanyDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompanyDef {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    subsidiaries: Vec<String>,
    #[serde(default)]
    products: Vec<String>,
    #[serde(default)]
    ambiguous: Vec<String>,
    #[serde(default)]
    people: Vec<PersonDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonDef {
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    also: Vec<String>,
}

/// A person known to speak for a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub company: String,
    pub role: String,
    /// Other companies the person runs, spoken for when the matter is theirs.
    pub also: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Name,
    Alias,
    Subsidiary,
    Product,
    Person,
    /// Not in the dictionary: declared by a suffix or an apposition.
    Declared,
}

#[derive(Debug, Clone)]
struct Pattern {
    company: usize,
    kind: NameKind,
    ambiguous: bool,
    person: Option<usize>,
    surface: String,
}

/// One occurrence of a company (or of a person speaking for one) in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Range<usize>,
    pub company: String,
    pub kind: NameKind,
    /// False when the name only qualifies something else ("Google-backed",
    /// "ex-Meta") or names a platform someone posted on ("on X").
    pub actor: bool,
    /// Index into [`Companies::people`] for a person mention.
    pub person: Option<usize>,
}

/// The company dictionary, compiled for matching.
pub struct Companies {
    names: Vec<String>,
    patterns: Vec<Pattern>,
    /// Pattern indices by their first word, lower-cased, longest first.
    by_first_word: HashMap<String, Vec<usize>, std::hash::BuildHasherDefault<super::lexicon::Fnv>>,
    /// The first words, as written, of names written with a lower-case
    /// initial ("eBay", "xAI").
    lowercase_firsts: HashSet<String, std::hash::BuildHasherDefault<super::lexicon::Fnv>>,
    /// Every first word: most words of a text are no name's first word,
    /// and this says so without hashing them.
    first_words: super::lexicon::Bits<1024>,
    people: Vec<Person>,
    /// People by surname, lower-cased (see [`surname`]).
    by_surname: HashMap<String, Vec<usize>, std::hash::BuildHasherDefault<super::lexicon::Fnv>>,
    lookup: HashMap<String, usize>,
}

impl std::fmt::Debug for Companies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Companies")
            .field("companies", &self.names.len())
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

/// Words that, right after a name, make it a company acting or owning.
const AFTER_CONTEXT: &[&str] = &[
    "said",
    "says",
    "told",
    "declined",
    "did",
    "does",
    "has",
    "had",
    "have",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "announced",
    "announces",
    "sued",
    "sues",
    "denied",
    "denies",
    "disputed",
    "disputes",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "representative",
    "ceo",
    "chief",
    "executive",
    "executives",
    "inc",
    "corp",
    "corporation",
    "platforms",
    "owner",
    "founder",
    "shares",
    "stock",
    "argued",
    "argues",
    "claimed",
    "claims",
    "confirmed",
    "confirms",
    "acknowledged",
    "agreed",
    "agrees",
    "settled",
    "settles",
    "filed",
    "launched",
    "launches",
    "responded",
    "rejected",
    "wrote",
    "stated",
    "also",
    "reportedly",
    "plans",
    "faces",
    "faced",
    "accused",
    "accuses",
    "apologized",
    "apologised",
    "employees",
    "users",
    "lawyers",
    "attorneys",
    "board",
    "chairman",
    "president",
    "officials",
    "engineers",
    "app",
    "platform",
    "store",
    "services",
    "service",
    "account",
    "itself",
    "didn’t",
    "didn't",
    "doesn’t",
    "doesn't",
    "hasn’t",
    "hasn't",
    "isn’t",
    "isn't",
    "won’t",
    "won't",
    "allegedly",
    "removed",
    "banned",
    "blocked",
    "limited",
    "restricted",
    "updated",
    "changed",
    "fired",
    "hired",
    "bought",
    "acquired",
    "owns",
    "owned",
    "paid",
    "pays",
    "won",
    "lost",
    "appealed",
    "appeals",
    "violated",
    "violates",
    "breached",
    "collected",
    "shared",
    "sold",
    "spent",
    "earned",
    "reported",
    "stopped",
    "began",
    "started",
    "continues",
    "received",
    "spokespeople",
    "statement",
    "headquarters",
    "investors",
    "customers",
    "subscribers",
    "parent",
    "vice",
];

/// Words that, right before a name, make it a company.
const BEFORE_CONTEXT: &[&str] = &[
    "against",
    "sued",
    "sue",
    "sues",
    "suing",
    "accused",
    "accuse",
    "accuses",
    "fined",
    "fines",
    "fine",
    "fining",
    "investigating",
    "investigate",
    "investigates",
    "rival",
    "rivals",
    "company",
    "companies",
    "firm",
    "giant",
    "owner",
    "at",
    "by",
    "from",
    "with",
    "like",
    "including",
    "vs",
    "v",
    "versus",
    "of",
    "and",
    "or",
    "than",
    "between",
    "told",
    "charged",
    "ordered",
    "urged",
    "asked",
    "warned",
    "forced",
    "blocked",
    "banned",
    "joined",
    "left",
    "leaving",
    "quit",
    "criticized",
    "criticised",
    "slammed",
    "defended",
    "said",
    "says",
    "for",
    "to",
];

/// Words that, right before an ambiguous name, make it part of another name.
const PART_OF_NAME: &[&str] = &[
    "series",
    "model",
    "gen",
    "generation",
    "malcolm",
    "nas",
    "planet",
    "project",
    "brand",
    "big",
    "space",
    "team",
    "super",
    "mr",
    "mrs",
    "ms",
    "dr",
    "road",
    "street",
    "grand",
    "new",
    "great",
    "little",
    "red",
    "green",
    "golden",
    "the",
    "chess",
    "google",
    "microsoft",
    "xbox",
    "windows",
    "office",
    "apple",
    "amazon",
    "os",
    "mac",
    "iphone",
    "galaxy",
    "pixel",
];

/// Suffixes that declare a capitalised name to be a company.
const CORPORATE_SUFFIXES: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "LLC",
    "Ltd",
    "Ltd.",
    "Limited",
    "plc",
    "PLC",
    "GmbH",
    "AG",
    "S.A.",
    "N.V.",
    "Group",
    "Holdings",
    "Technologies",
    "Technology",
    "Labs",
    "Systems",
    "Software",
    "Networks",
    "Communications",
    "Entertainment",
    "Music",
    "Media",
    "Pictures",
    "Studios",
    "Games",
    "Partners",
    "Capital",
    "Ventures",
    "Pharmaceuticals",
    "Therapeutics",
    "Motors",
    "Airlines",
    "Bank",
    "Semiconductor",
    "Electronics",
    "Robotics",
    "AI",
    "Interactive",
    "Telecom",
    "Wireless",
    "Analytics",
    "Security",
    "Industries",
    "Enterprises",
    "Brands",
    "Foods",
    "Records",
];

/// "the 2025 TIME100 AI cover art": one year's edition of an event or a
/// list, which no company is.
fn an_edition(text: &str, start: usize, prev: &str) -> bool {
    let is_year = prev.len() == 4 && prev.bytes().all(|b| b.is_ascii_digit()) && matches!(&prev[..2], "19" | "20");
    is_year && one_of(two_words_back(text, start), &["the", "its", "their", "this", "that"])
}

/// "seven advocacy groups, including Eko, the San Francisco Foundation, and
/// Encode AI": a name in a list of campaigning bodies, none of them a
/// company, in the same sentence.
fn listed_among_campaigners(text: &str, start: usize) -> bool {
    const BODIES: &[&str] = &[
        "advocacy groups",
        "advocacy organizations",
        "advocacy organisations",
        "civil society groups",
        "civil society organizations",
        "civil society organisations",
        "civil rights groups",
        "civil-rights groups",
        "digital rights groups",
        "human rights groups",
        "consumer groups",
        "campaign groups",
        "watchdog groups",
        "nonprofits",
        "non-profits",
        "charities",
    ];
    const OPENING: &[&str] = &[", including ", " including ", ", such as ", " such as ", " like "];
    let from = text.floor_char_boundary(start.saturating_sub(200));
    let before = &text[from..start];
    let opened = BODIES
        .iter()
        .filter_map(|body| {
            let at = before.rfind(body)? + body.len();
            let rest = &before[at..];
            OPENING.iter().find(|o| rest.starts_with(**o)).map(|o| at + o.len())
        })
        .max();
    opened.is_some_and(|at| !before[at..].contains(['.', '!', '?', ';', ':', '\n']))
}

/// Legal suffixes dropped from a declared company's canonical name.
const LEGAL_SUFFIXES: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "LLC",
    "Ltd",
    "Ltd.",
    "Limited",
    "plc",
    "PLC",
    "GmbH",
    "AG",
    "S.A.",
    "N.V.",
    "Co.",
    "Group",
];

/// Nouns after "X, a ..." that declare X a company.
const COMPANY_NOUNS: &[&str] = &[
    "company",
    "firm",
    "startup",
    "start-up",
    "maker",
    "developer",
    "provider",
    "retailer",
    "manufacturer",
    "platform",
    "app",
    "service",
    "giant",
    "conglomerate",
    "operator",
    "carrier",
    "publisher",
    "studio",
    "label",
    "vendor",
    "supplier",
    "broker",
    "exchange",
    "marketplace",
    "bank",
    "insurer",
    "lender",
    "chipmaker",
    "automaker",
    "subsidiary",
    "business",
    "brand",
    "network",
    "unicorn",
    "corporation",
    "outfit",
    "contractor",
];

/// The filter key of a word, ASCII case-insensitive: its length and its
/// first, second and last bytes.
fn first_word_key(word: &[u8]) -> u32 {
    let byte = |i: usize| u32::from(word.get(i).map_or(0, u8::to_ascii_lowercase));
    let last = word.len().saturating_sub(1);
    (word.len().min(255) as u32) << 24 | byte(0) << 16 | byte(1) << 8 | byte(last)
}

/// Where the token of `text` starting at `start` ends, as
/// `text.split_inclusive(char::is_whitespace)` cuts tokens: after the first
/// whitespace character. Scans bytes, decoding only non-ASCII characters.
fn token_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        // Printable ASCII is never a space: skip it in a tight loop.
        i += bytes[i..]
            .iter()
            .position(|&b| !(b'!'..=b'~').contains(&b))
            .unwrap_or(bytes.len() - i);
        let Some(&b) = bytes.get(i) else { return i };
        let (space, n) = if b.is_ascii() {
            (b.is_ascii_whitespace() || b == 0x0b, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or('x');
            (c.is_whitespace(), c.len_utf8())
        };
        i += n;
        if space {
            return i;
        }
    }
}

/// The start of the first token at or after `start` (a token's start) that
/// does not begin with a lower-case ASCII letter: most words do, and only
/// end a run of capitalised words.
fn next_unlowered_token(text: &str, mut start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while start < bytes.len() {
        if !bytes[start].is_ascii_lowercase() {
            return Some(start);
        }
        // In ASCII text a token starts after an ASCII space. A non-ASCII
        // character may be a space of its own: from the token holding it,
        // tokens are cut one by one. Bytes are looked at 64 at a time.
        let mut token = start;
        let mut base = start;
        start = loop {
            let block = &bytes[base..(base + 64).min(bytes.len())];
            if block.is_empty() {
                return None;
            }
            let space = byte_mask(block, |b| b.is_ascii_whitespace() | (b == 0x0b));
            let high = byte_mask(block, |b| b >= 0x80);
            // Whether the byte after each is not a lower-case letter.
            let unlowered_next = byte_mask(block, |b| !b.is_ascii_lowercase()) >> 1
                | u64::from(bytes.get(base + 64).is_some_and(|n| !n.is_ascii_lowercase())) << 63;
            let stops = high | (space & unlowered_next);
            if stops != 0 {
                let i = stops.trailing_zeros() as usize;
                if high >> i & 1 == 0 {
                    return Some(base + i + 1);
                }
                let spaces_before = space & ((1u64 << i) - 1);
                if spaces_before != 0 {
                    token = base + 64 - spaces_before.leading_zeros() as usize;
                }
                break token_end(text, token);
            }
            if space != 0 {
                token = base + 64 - space.leading_zeros() as usize;
            }
            base += block.len();
        };
    }
    None
}

/// The words of `text` (runs of letters, digits and `_`), in order. The
/// text is classified 64 bytes at a time into a bit mask whose runs of ones
/// are the words; only non-ASCII characters are decoded.
pub(crate) fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut base = 0;
    while base < bytes.len() {
        // Blocks end on a character boundary: a character is never split.
        let mut end = (base + 64).min(bytes.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let block = &bytes[base..end];
        let mut mask = byte_mask(block, |b| {
            let letter = (b | 0x20).wrapping_sub(b'a') < 26;
            let digit = b.wrapping_sub(b'0') < 10;
            letter | digit | (b == b'_')
        });
        // Non-ASCII characters, by their lead bytes.
        let mut leads = byte_mask(block, |b| b >= 0xC0);
        while leads != 0 {
            let j = leads.trailing_zeros() as usize;
            leads &= leads - 1;
            if let Some(c) = text[base + j..].chars().next()
                && is_word_char(c)
            {
                mask |= ((1u64 << c.len_utf8()) - 1) << j;
            }
        }
        let mut j = 0;
        while j < block.len() {
            let rest = mask >> j;
            if let Some(st) = start {
                let run = (!rest).trailing_zeros() as usize;
                if j + run >= block.len() {
                    break;
                }
                out.push(st..base + j + run);
                start = None;
                j += run;
            } else {
                let gap = rest.trailing_zeros() as usize;
                if j + gap >= block.len() {
                    break;
                }
                start = Some(base + j + gap);
                j += gap;
            }
        }
        base = end;
    }
    if let Some(st) = start {
        out.push(st..bytes.len());
    }
    out
}

impl Companies {
    /// Compiles a dictionary in the `config/companies.toml` format.
    pub fn from_toml(text: &str) -> Result<Companies, CompaniesError> {
        let file: CompaniesFile = toml::from_str(text).map_err(|e| CompaniesError::Invalid(e.to_string()))?;
        let mut names: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut people = Vec::new();
        let mut lookup: HashMap<String, usize> = HashMap::new();
        for (ci, def) in file.company.into_iter().enumerate() {
            let ambiguous: HashSet<&str> = def.ambiguous.iter().map(String::as_str).collect();
            let groups = [
                (vec![def.name.clone()], NameKind::Name),
                (def.aliases.clone(), NameKind::Alias),
                (def.subsidiaries.clone(), NameKind::Subsidiary),
                (def.products.clone(), NameKind::Product),
            ];
            for (list, kind) in groups {
                for surface in list {
                    let key = surface.to_lowercase();
                    if let Some(&other) = lookup.get(&key) {
                        if other != ci {
                            return Err(CompaniesError::Duplicate {
                                name: surface,
                                first: names[other].clone(),
                                second: def.name.clone(),
                            });
                        }
                        continue;
                    }
                    lookup.insert(key, ci);
                    patterns.push(Pattern {
                        company: ci,
                        kind,
                        ambiguous: ambiguous.contains(surface.as_str()),
                        person: None,
                        surface,
                    });
                }
            }
            for p in def.people {
                patterns.push(Pattern {
                    company: ci,
                    kind: NameKind::Person,
                    ambiguous: false,
                    person: Some(people.len()),
                    surface: p.name.clone(),
                });
                people.push(Person {
                    name: p.name,
                    company: def.name.clone(),
                    role: p.role,
                    also: p.also,
                });
            }
            names.push(def.name);
        }
        let mut by_surname: HashMap<String, Vec<usize>, std::hash::BuildHasherDefault<super::lexicon::Fnv>> =
            HashMap::default();
        for (i, p) in people.iter().enumerate() {
            if let Some(surname) = surname(&p.name) {
                by_surname.entry(surname.to_lowercase()).or_default().push(i);
            }
        }
        let mut by_first_word: HashMap<String, Vec<usize>, std::hash::BuildHasherDefault<super::lexicon::Fnv>> =
            HashMap::default();
        for (i, p) in patterns.iter().enumerate() {
            let first: String = p
                .surface
                .chars()
                .take_while(|c| is_word_char(*c))
                .collect::<String>()
                .to_ascii_lowercase();
            if first.is_empty() {
                return Err(CompaniesError::Invalid(format!(
                    "{:?} does not start with a word",
                    p.surface
                )));
            }
            by_first_word.entry(first).or_default().push(i);
        }
        for list in by_first_word.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(patterns[i].surface.len()));
        }
        let lowercase_firsts: HashSet<String, std::hash::BuildHasherDefault<super::lexicon::Fnv>> = patterns
            .iter()
            .filter(|p| p.surface.starts_with(|c: char| c.is_ascii_lowercase()))
            .map(|p| p.surface.chars().take_while(|c| is_word_char(*c)).collect())
            .collect();
        let mut first_words = super::lexicon::Bits::default();
        for first in by_first_word.keys() {
            first_words.insert(first_word_key(first.as_bytes()));
        }
        Ok(Companies {
            names,
            patterns,
            by_first_word,
            lowercase_firsts,
            first_words,
            people,
            by_surname,
            lookup,
        })
    }

    /// The dictionary compiled into the program.
    pub fn builtin() -> &'static Companies {
        static BUILTIN: std::sync::OnceLock<Companies> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            Companies::from_toml(crate::config::COMPANIES_TOML)
                .expect("the built-in company dictionary is valid (checked by a test)")
        })
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every canonical name.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// The people of surname `lower` (lower-cased), as indices into
    /// [`Companies::people`].
    pub fn people_by_surname(&self, lower: &str) -> &[usize] {
        self.by_surname.get(lower).map_or(&[], Vec::as_slice)
    }

    /// The canonical company for a name, alias, subsidiary or product
    /// ("Instagram" → "Meta"), case-insensitively.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        self.lookup
            .get(&name.trim().to_lowercase())
            .map(|&i| self.names[i].as_str())
    }

    /// Every name that maps to `canonical` (for showing what a filter covers).
    pub fn names_of(&self, canonical: &str) -> Vec<&str> {
        self.patterns
            .iter()
            .filter(|p| p.kind != NameKind::Person && self.names[p.company] == canonical)
            .map(|p| p.surface.as_str())
            .collect()
    }

    /// Every dictionary name in `text` on word boundaries, leftmost-longest
    /// and ASCII case-insensitively: the words of the text are looked up by
    /// their first word, then the whole name is compared.
    fn raw_matches<'a>(&'a self, text: &str) -> Vec<(Range<usize>, &'a Pattern)> {
        let mut raw = Vec::new();
        let bytes = text.as_bytes();
        let mut key = String::new();
        let mut resume = 0;
        for word in word_ranges(text) {
            if word.start < resume || !self.first_words.may_contain(first_word_key(&bytes[word.clone()])) {
                continue;
            }
            // A lower-case word only starts a name matched in lower case,
            // which needs six letters or more (see `case_ok`).
            if bytes[word.start].is_ascii_lowercase()
                && word.len() < 6
                && !self.lowercase_firsts.contains(&text[word.clone()])
            {
                continue;
            }
            key.clear();
            key.push_str(&text[word.clone()]);
            key.make_ascii_lowercase();
            let Some(candidates) = self.by_first_word.get(&key) else {
                continue;
            };
            let i = word.start;
            for &pi in candidates {
                let surface = self.patterns[pi].surface.as_bytes();
                let stop = i + surface.len();
                if stop <= bytes.len()
                    && text.is_char_boundary(stop)
                    && bytes[i..stop].eq_ignore_ascii_case(surface)
                    && !text[stop..].chars().next().is_some_and(is_word_char)
                {
                    raw.push((i..stop, &self.patterns[pi]));
                    resume = stop;
                    break;
                }
            }
        }
        raw
    }

    /// The companies and company people mentioned in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_after_heading(text, 0)
    }

    /// [`Companies::find`] for a text that opens with a heading (a title,
    /// with no full stop) whose body starts at byte `body` (0: no heading):
    /// the body's first word opens a sentence.
    pub fn find_after_heading(&self, text: &str, body: usize) -> Vec<Mention> {
        let raw = self.raw_matches(text);
        // Which companies the document names unambiguously somewhere.
        let mut anchored: HashSet<usize> = HashSet::new();
        let dictionary_spans: Vec<Range<usize>> = raw.iter().map(|(span, _)| span.clone()).collect();
        let verbs: Vec<bool> = raw
            .iter()
            .map(|(span, p)| p.ambiguous && a_headlines_verb(text, span, &dictionary_spans))
            .collect();
        for (i, (span, p)) in raw.iter().enumerate() {
            let matched = &text[span.clone()];
            if (!p.ambiguous && case_ok(matched, &p.surface))
                || (p.ambiguous
                    && matched == p.surface
                    && !verbs[i]
                    && (has_company_context(text, span) || listed_with_a_company(text, &raw, i)))
            {
                anchored.insert(p.company);
            }
        }
        let mut out = Vec::new();
        for ((span, p), verb) in raw.into_iter().zip(verbs) {
            let matched = &text[span.clone()];
            let keep = if p.ambiguous {
                matched == p.surface
                    && !part_of_longer_name(text, &span, &p.surface)
                    && !verb
                    && (anchored.contains(&p.company) || (!needs_anchor(&p.surface) && !at_sentence_start(text, &span)))
            } else {
                case_ok(matched, &p.surface)
            };
            if !keep {
                continue;
            }
            let modifier = is_hyphenated(text, &span);
            if modifier && p.ambiguous {
                continue;
            }
            out.push(Mention {
                actor: !modifier && !is_platform_use(text, &span) && !is_rival(text, &span),
                span,
                company: self.names[p.company].clone(),
                kind: p.kind,
                person: p.person,
            });
        }
        // "a “Facebook for Kids”", "an Uber for dog walkers": a likeness the
        // text draws, not the company; the same words elsewhere (the title)
        // are the likeness too.
        let likenesses: Vec<&str> = out.iter().filter_map(|m| likeness(text, &m.span)).collect();
        out.retain(|m| !likenesses.iter().any(|l| text[m.span.start..].starts_with(l)));
        // "Twitter co-founder Jack Dorsey": the text ties the person to
        // another company than the one the dictionary knows them by.
        let tied: Vec<usize> = (0..out.len())
            .filter(|&i| out[i].kind == NameKind::Person && tied_to_another(text, &out, i))
            .collect();
        for i in tied {
            out[i].actor = false;
        }
        let declared = declared_companies(text, &out, &dictionary_spans, body);
        out.extend(declared);
        out.sort_by_key(|m| m.span.start);
        let listed = listed_between(text, &out);
        out.extend(listed);
        out.sort_by_key(|m| m.span.start);
        out
    }
}

/// Whether the words right before the person `out[i]` name another
/// company and their role at it: "Twitter co-founder Jack Dorsey", "former
/// Twitter CEO Jack Dorsey", "Twitter’s Jack Dorsey".
fn tied_to_another(text: &str, out: &[Mention], i: usize) -> bool {
    const ROLES: &[&str] = &[
        "founder",
        "co-founder",
        "cofounder",
        "ceo",
        "chief",
        "executive",
        "chairman",
        "president",
        "boss",
        "head",
        "cto",
        "cfo",
        "coo",
    ];
    let person = &out[i];
    out[..i].iter().rev().take(2).any(|m| {
        if m.kind == NameKind::Person || m.company == person.company {
            return false;
        }
        let Some(between) = text.get(m.span.end..person.span.start) else {
            return false;
        };
        let between = between.trim();
        let words: Vec<&str> = between.split_whitespace().collect();
        let possessive = matches!(between, "’s" | "'s");
        possessive
            || (words.len() <= 3
                && words.iter().any(|w| ROLES.contains(&w.to_ascii_lowercase().as_str()))
                && !between.contains([',', ';', '.', '(']))
    })
}

/// "a “Facebook for Kids”", "an Uber for dog walkers", "the “Netflix of
/// books”", "the Tesla of electric bikes", "the Toyota Scion of the mobile
/// world": the name, its link word and the word after, when the name is what
/// something else is likened to.
fn likeness<'t>(text: &'t str, span: &Range<usize>) -> Option<&'t str> {
    let before = text[..span.start].trim_end_matches(['“', '"', '‘', '\'']);
    let quoted = before.len() < span.start;
    let article = previous_word(before, before.len()).to_ascii_lowercase();
    let after = &text[span.end..];
    let link_after = |rest: &str| [" for ", " of "].into_iter().find(|l| rest.starts_with(l));
    // Unquoted, "the X of …" likens only with "of" ("the Tesla of electric
    // bikes"), and a model's name may stand between ("the Toyota Scion of").
    let plain_the = article == "the" && !quoted;
    let (name_end, link) = match link_after(after) {
        Some(link) => (span.end, link),
        None if plain_the => {
            let model = after.strip_prefix(' ')?.split(' ').next()?;
            let capitalised = model.starts_with(char::is_uppercase) && model.chars().all(char::is_alphanumeric);
            let link = link_after(&after[1 + model.len()..]).filter(|_| capitalised)?;
            (span.end + 1 + model.len(), link)
        }
        None => return None,
    };
    let likened = match article.as_str() {
        "a" | "an" => true,
        "the" => quoted || link == " of ",
        _ => false,
    };
    let mut word_start = name_end + link.len();
    if plain_the && text[word_start..].starts_with("the ") {
        word_start += "the ".len();
    }
    let word = text[word_start..]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()?;
    // "an Uber for the pet world" likens nothing the words after it could
    // find again; "a Google for Education account" is the product's name
    // (a headline capitalises every word: "Is Plurk the MySpace of
    // Microblogging?").
    let a_name = word.starts_with(char::is_uppercase) && !quoted && !(plain_the && is_title_case_context(text, span));
    let a_function_word = one_of(
        word,
        &[
            "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that",
        ],
    );
    // "the Facebook of old", "the Microsoft of the 1990s": the company then.
    let a_time = plain_the
        && (word.starts_with(|c: char| c.is_ascii_digit())
            || one_of(
                word,
                &[
                    "old",
                    "today",
                    "yesterday",
                    "yore",
                    "yesteryear",
                    "past",
                    "future",
                    "tomorrow",
                ],
            ));
    (likened && !word.is_empty() && !a_name && !a_function_word && !a_time)
        .then(|| &text[span.start..word_start + word.len()])
}

/// Ambiguous names whose ordinary sense is often capitalised too ("Signal",
/// "Target", "Windows"): they need a sign of the company elsewhere. Others
/// ("Apple", "Amazon", "Meta") count when capitalised mid-sentence.
fn needs_anchor(surface: &str) -> bool {
    const STRICT: &[&str] = &[
        "Signal",
        "Target",
        "Block",
        "Square",
        "Threads",
        "Comet",
        "Windows",
        "Office",
        "Prime",
        "Gemini",
        "Claude",
        "Cruise",
        "Spectrum",
        "Charter",
        "Chrome",
        "Pixel",
        "Safari",
        "Steam",
        "Ring",
        "Snap",
        "Zoom",
        "Edge",
        "Arm",
        "Orb",
        "Visa",
        "Dish",
        "Slack",
        "Sprint",
        "Echo",
        "Word",
        "Kindle",
        "Audible",
        "Alexa",
        "Messenger",
        "Llama",
        "Android",
        "Runway",
        "Peacock",
        "Cohere",
        "Epic",
        "Valve",
        "Copilot",
        "Azure",
        "Sora",
        "Bard",
        "Starship",
        "Autopilot",
        "Pegasus",
        "Ford",
        "Delta",
    ];
    surface.chars().count() <= 3 || crate::words!(STRICT).contains(surface)
}

/// Whether the name at `raw[i]` is one of a list with an unambiguous company
/// name next to it: "investigate X, Meta and TikTok", "Apple and Google".
fn listed_with_a_company(text: &str, raw: &[(Range<usize>, &Pattern)], i: usize) -> bool {
    const JOINS: [&str; 6] = [", ", " and ", ", and ", " or ", ", or ", " & "];
    let company = |(span, p): &(Range<usize>, &Pattern)| !p.ambiguous && case_ok(&text[span.clone()], &p.surface);
    let joined = |a: &Range<usize>, b: &Range<usize>| {
        // A possessive after the first name ("Meta’s and X’s") is allowed.
        let gap = text[a.end..b.start].trim_start_matches("’s").trim_start_matches("'s");
        a.end <= b.start && JOINS.contains(&gap)
    };
    let before = i
        .checked_sub(1)
        .map(|j| &raw[j])
        .is_some_and(|r| company(r) && joined(&r.0, &raw[i].0));
    let after = raw.get(i + 1).is_some_and(|r| company(r) && joined(&raw[i].0, &r.0));
    before || after
}

/// Whether `span` opens a sentence or a line (where every word is capitalised).
fn at_sentence_start(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '“', '"', '‘', '(']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '—'])
}

/// A dictionary name matched case-insensitively: the text's case must be
/// the name's own, all capitals, or (for longer names) all lower case.
fn case_ok(matched: &str, surface: &str) -> bool {
    if matched == surface {
        return true;
    }
    let letters = matched.chars().filter(|c| c.is_alphabetic()).count();
    if matched.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
        return letters >= 3;
    }
    // "FaceBook" or "Facebook" for "facebook"; "netflix" in running text.
    let first_upper = matched.chars().next().is_some_and(char::is_uppercase);
    (first_upper && surface.chars().next().is_some_and(char::is_uppercase))
        || (letters >= 6 && matched == matched.to_lowercase())
}

fn is_hyphenated(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    matches!(before, Some('-' | '‑')) || matches!(after, Some('-' | '‑'))
}

/// "on X", "to X", "via X", "across X": the platform, not the company acting.
fn is_platform_use(text: &str, span: &Range<usize>) -> bool {
    let prev = crate::text::lowercase(previous_word(text, span.start));
    // "via Vevo’s press office": the company's own.
    if text[span.end..].starts_with("’s") || text[span.end..].starts_with("'s") {
        return false;
    }
    // "a ban on X", "pressure on Meta": the company is the target.
    if prev == "on" {
        let before = text[..span.start].trim_end();
        let before = before[..before.len().saturating_sub(2)].trim_end();
        let word = crate::text::lowercase(previous_word(before, before.len()));
        if matches!(
            &*word,
            "ban"
                | "bans"
                | "crackdown"
                | "fine"
                | "fines"
                | "restrictions"
                | "sanctions"
                | "pressure"
                | "limits"
                | "probe"
                | "investigation"
                | "inquiry"
                | "attack"
                | "attacks"
                | "demands"
                | "rules"
                | "scrutiny"
        ) {
            return false;
        }
    }
    // "jailed for Facebook posts", "their Facebook, Google and TikTok
    // accounts": someone's posts or accounts on the platforms.
    let posts = text[span.end..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .find(|w| !w.starts_with(char::is_uppercase) && !matches!(*w, "and" | "or"))
        .is_some_and(|w| {
            matches!(
                w,
                "posts" | "post" | "comments" | "comment" | "tweets" | "tweet" | "messages" | "account" | "accounts"
            )
        });
    posts
        || matches!(&*prev, "on" | "via" | "across" | "onto" | "using")
        || (prev == "to" && {
            let after: String = text[span.end..].chars().take(12).collect::<String>().to_lowercase();
            after.trim_start().starts_with("to ")
        })
}

/// "they wanted to beat Google Gemini", "to compete with Amazon", "did far
/// more than Google would", "competitors like Newsgator or Google Reader":
/// the rival or the company measured against, not one acting or charged.
fn is_rival(text: &str, span: &Range<usize>) -> bool {
    let prev = previous_word(text, span.start);
    if prev.eq_ignore_ascii_case("than") || named_among_rivals(&text[..span.start]) {
        return true;
    }
    const RIVALRY: &[&str] = &[
        "beat",
        "beats",
        "beating",
        "outpace",
        "outpaced",
        "outpacing",
        "overtake",
        "overtook",
        "overtaking",
        "leapfrog",
        "outsell",
        "outsold",
        "dethrone",
        "unseat",
        "compete with",
        "competes with",
        "competed with",
        "competing with",
        "compete against",
        "competing against",
        "catch up with",
        "catch up to",
        "catching up with",
        "catching up to",
        "keep up with",
        "keeping up with",
        "race against",
        "racing against",
        "to rival",
    ];
    // Most names have no phrase's last word before them ("beat the" too).
    let ends_phrase = |r: &str| {
        let k = r.len().wrapping_sub(prev.len());
        !prev.is_empty()
            && r.get(k..).is_some_and(|w| w.eq_ignore_ascii_case(prev))
            && (k == 0 || r.as_bytes()[k - 1] == b' ')
    };
    if !(prev.eq_ignore_ascii_case("the") || RIVALRY.iter().any(|r| ends_phrase(r))) {
        return false;
    }
    let before = text[..span.start].trim_end();
    let tail: String = before
        .char_indices()
        .rev()
        .nth(24)
        .map_or(before, |(at, _)| &before[at..])
        .to_lowercase();
    // "beat the iPhone".
    let tail = tail.strip_suffix(" the").unwrap_or(&tail);
    RIVALRY.iter().any(|r| {
        tail.strip_suffix(r)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
    })
}

/// Whether the text before a name ends in a list of rivals given as
/// examples: "competitors like Newsgator or", "rivals such as".
fn named_among_rivals(before: &str) -> bool {
    let tail = before.len().saturating_sub(80);
    let tail = &before[before.floor_char_boundary(tail)..];
    // Quickly: most names have no rival near them (searchers built once).
    static IVAL: std::sync::LazyLock<memchr::memmem::Finder> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("ival"));
    static ETITOR: std::sync::LazyLock<memchr::memmem::Finder> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("etitor"));
    if IVAL.find(tail.as_bytes()).is_none() && ETITOR.find(tail.as_bytes()).is_none() {
        return false;
    }
    let lower = tail.to_ascii_lowercase();
    let Some(at) = ["competitors ", "rivals ", "competitor ", "rival "]
        .iter()
        .filter_map(|r| lower.rfind(r).map(|at| at + r.len()))
        .max()
    else {
        return false;
    };
    let Some(list) = ["like ", "such as ", "including "]
        .iter()
        .find_map(|w| lower[at..].strip_prefix(w))
    else {
        return false;
    };
    // Only names and the words joining them up to this one.
    let original = &tail[tail.len() - list.len()..];
    original.split_whitespace().all(|w| {
        matches!(w, "and" | "or" | "," | "the") || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    })
}

/// Whether `word` is one of `list`, in any case.
fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn previous_word(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let bytes = before.as_bytes();
    // Back over word characters, '.', '’' and '\'', reading ASCII bytes directly.
    let mut start = bytes.len();
    while let Some(&b) = start.checked_sub(1).map(|i| &bytes[i]) {
        let n = if b.is_ascii() {
            (b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'\'')).then_some(1)
        } else {
            before[..start]
                .chars()
                .next_back()
                .filter(|&c| is_word_char(c) || c == '’')
                .map(char::len_utf8)
        };
        match n {
            Some(n) => start -= n,
            None => break,
        }
    }
    before[start..].trim_end_matches(['.', '’', '\''])
}

/// The word before [`previous_word`]: "the" of "the 2025 TIME100 AI".
fn two_words_back(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end().trim_end_matches(['.', '’', '\'']);
    let rest = before.strip_suffix(previous_word(text, at)).unwrap_or(before);
    previous_word(text, rest.len())
}

fn next_word(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start_matches([' ', ',']);
    let bytes = rest.as_bytes();
    // On over word characters, '’' and '\'', reading ASCII bytes directly.
    let mut end = 0;
    while let Some(&b) = bytes.get(end) {
        let n = if b.is_ascii() {
            (b.is_ascii_alphanumeric() || matches!(b, b'_' | b'\'')).then_some(1)
        } else {
            rest[end..]
                .chars()
                .next()
                .filter(|&c| is_word_char(c) || c == '’')
                .map(char::len_utf8)
        };
        match n {
            Some(n) => end += n,
            None => break,
        }
    }
    &rest[..end]
}

fn has_company_context(text: &str, span: &Range<usize>) -> bool {
    let after = &text[span.end..];
    if after.starts_with("’s") || after.starts_with("'s") {
        return true;
    }
    let next = crate::text::lowercase(next_word(text, span.end));
    if crate::words!(AFTER_CONTEXT).contains(&next) {
        return true;
    }
    let prev = crate::text::lowercase(previous_word(text, span.start));
    if crate::words!(BEFORE_CONTEXT).contains(&prev) && !is_platform_use(text, span) {
        // "of X" and "and X" only count when the sentence is not Title Case noise.
        return !matches!(&*prev, "of" | "and" | "or" | "to" | "for")
            || next.is_empty()
            || next.chars().next().is_some_and(char::is_lowercase);
    }
    false
}

/// "Verizon to Block Email Addresses", "Apple to Target Ads": a name that is
/// also a verb, after "to" right after a company's name, is what the company
/// will do.
fn a_headlines_verb(text: &str, span: &Range<usize>, dictionary: &[Range<usize>]) -> bool {
    const VERBS: &[&str] = &[
        "Block", "Square", "Target", "Sprint", "Signal", "Snap", "Zoom", "Tether", "Ripple", "Arm", "Ring", "Charter",
        "Dish", "Steam", "Cruise", "Slack", "Stripe", "Rumble",
    ];
    if !VERBS.contains(&&text[span.clone()]) {
        return false;
    }
    let Some(before_to) = text[..span.start].trim_end().strip_suffix(" to") else {
        return false;
    };
    let company_end = before_to.trim_end().len();
    dictionary.iter().any(|d| d.end == company_end)
}

/// "Xbox Series X", "Malcolm X", "Big Apple", "the Amazon rainforest".
fn part_of_longer_name(text: &str, span: &Range<usize>, surface: &str) -> bool {
    let prev = previous_word(text, span.start);
    let prev_lower = prev.to_lowercase();
    if crate::words!(PART_OF_NAME).contains(prev_lower.as_str()) && !(prev_lower == "the" && surface != "Amazon") {
        if prev_lower == "the" {
            let next = next_word(text, span.end).to_lowercase();
            return matches!(
                next.as_str(),
                "rainforest" | "river" | "basin" | "jungle" | "region" | ""
            ) && !text[span.end..].starts_with("’s");
        }
        return true;
    }
    // "a $3M settlement", "3M users": an amount, not 3M.
    if surface.starts_with(|c: char| c.is_ascii_digit())
        && (text[..span.start].ends_with(['$', '£', '€', '¥'])
            || one_of(
                next_word(text, span.end),
                &[
                    "users",
                    "people",
                    "views",
                    "downloads",
                    "followers",
                    "subscribers",
                    "accounts",
                    "customers",
                    "viewers",
                    "visitors",
                    "times",
                    "dollars",
                    "euros",
                    "pounds",
                    "years",
                ],
            ))
    {
        return true;
    }
    // "Premier Doug Ford", "actor Harrison Ford": a given name before it,
    // in prose (a headline capitalises every word).
    if prev.chars().next().is_some_and(char::is_uppercase)
        && prev.chars().all(char::is_alphabetic)
        && !one_of(
            &prev_lower,
            &[
                "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your",
                "in", "on", "at", "for", "of", "and", "or", "but", "with", "from", "by", "to", "as", "if", "when",
            ],
        )
        && text[..span.start].ends_with(&format!("{prev} "))
        && !at_sentence_start(text, &(span.start - prev.len() - 1..span.start))
        && !is_title_case_context(text, span)
    {
        return true;
    }
    let next = next_word(text, span.end);
    // "Apple Daily", "Signal Hill": another capitalised word continuing the name,
    // unless it is a company word or the sentence is in Title Case. A comma
    // ends the name ("X, Meta and TikTok").
    if !text[span.end..].starts_with(',')
        && next.chars().next().is_some_and(char::is_uppercase)
        && !is_title_case_context(text, span)
    {
        let lower = next.to_lowercase();
        return !crate::words!(AFTER_CONTEXT).contains(lower.as_str())
            && !matches!(lower.as_str(), "ceo" | "inc" | "corp" | "x" | "i" | "ai");
    }
    false
}

/// Whether the words around `span` are mostly capitalised (a headline).
fn is_title_case_context(text: &str, span: &Range<usize>) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |p| span.end + p);
    mostly_capitalised(&text[line_start..line_end])
}

/// Whether most of the longer words of `text` are capitalised, as in a
/// headline.
pub(crate) fn mostly_capitalised(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.len() > 3).collect();
    words.len() >= 3
        && words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 4
            >= words.len() * 3
}

/// Whether the line around `run` is a heading: its other longer words are
/// capitalised too.
fn in_a_heading(text: &str, run: &Range<usize>) -> bool {
    let line_start = text[..run.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[run.end..].find('\n').map_or(text.len(), |p| run.end + p);
    let others: Vec<&str> = text[line_start..run.start]
        .split_whitespace()
        .chain(text[run.end..line_end].split_whitespace())
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let capitalised = others
        .iter()
        .filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
        .count();
    // "# BTRFS Systems": a line that is the name alone.
    let alone = !text[line_start..run.start]
        .chars()
        .chain(text[run.end..line_end].chars())
        .any(char::is_alphabetic);
    alone || (others.len() >= 2 && capitalised * 4 >= others.len() * 3)
}

/// Names that declare themselves companies: "Klausner Technologies",
/// "Acme Inc.", "Sonio, a French startup", "startup Foo".
/// Words that make a name a public body's or a non-profit's, not a company's
/// ("IUCN’s Species Survival Commission Marine Turtle Specialist Group").
const PUBLIC_BODY_WORDS: &[&str] = &[
    "Commission",
    "Committee",
    "Council",
    "Agency",
    "Ministry",
    "Department",
    "University",
    "Institute",
    "Foundation",
    "Association",
    "Society",
    "Union",
    "Court",
    "Parliament",
    "Authority",
    "Office",
    "Coalition",
    "Alliance",
    "Center",
    "Centre",
    "School",
    "College",
    "Hospital",
    "Museum",
    "Party",
    "Senate",
    "Assembly",
];

/// Words that open a description rather than a name ("Chinese AI", "Leading AI").
const DESCRIPTIVE_FIRST_WORDS: &[&str] = &[
    "Chinese",
    "American",
    "U.S.",
    "US",
    "UK",
    "U.K.",
    "British",
    "European",
    "EU",
    "French",
    "German",
    "Indian",
    "Japanese",
    "Korean",
    "Russian",
    "Western",
    "Global",
    "Leading",
    "Big",
    "Generative",
    "Responsible",
    "Ethical",
    "Agentic",
    "Frontier",
    "Open-source",
    "Enterprise",
    "Consumer",
    "Military",
    "Federal",
    "State",
];

/// "Chinese AI companies", "the US AI boom", "the “All In AI” event", "the
/// Vera Rubin AI system", "NSFW AI websites", "its new Superintelligence
/// Labs division": a capitalised phrase describing the noun after it, not a
/// name.
fn modifies_a_noun(text: &str, run: &Range<usize>) -> bool {
    let next = next_word(text[run.end..].trim_start_matches(['”', '"', '’']), 0);
    matches!(
        next,
        "system"
            | "division"
            | "unit"
            | "arm"
            | "team"
            | "list"
            | "website"
            | "websites"
            | "site"
            | "sites"
            | "leaderboard"
            | "tool"
            | "chatbot"
            | "chatbots"
            | "app"
            | "apps"
            | "assistant"
            | "agent"
            | "agents"
            | "companion"
            | "companions"
            | "companies"
            | "company"
            | "firms"
            | "firm"
            | "startups"
            | "models"
            | "model"
            | "chips"
            | "chip"
            | "race"
            | "boom"
            | "bubble"
            | "industry"
            | "sector"
            | "labs"
            | "lab"
            | "market"
            | "systems"
            | "tools"
            | "policy"
            | "policies"
            | "event"
            | "events"
            | "network"
            | "networks"
            | "researchers"
            | "developers"
            | "giants"
            | "products"
            | "rules"
            | "regulation"
            | "law"
            | "laws"
            | "bill"
            | "act"
            | "summit"
            | "conference"
            | "honorees"
            | "honoree"
            | "nominees"
            | "winners"
            | "cover"
            | "plan"
            | "strategy"
            | "stocks"
            | "spending"
            | "investment"
            | "infrastructure"
            | "talent"
            | "leaders"
    )
}

/// "suing LG, Pantech and Disney": unknown names listed between two
/// companies are companies too.
fn listed_between(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let mut out = Vec::new();
    for pair in mentions.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.person.is_some() || b.person.is_some() || !a.actor || !b.actor || a.span.end >= b.span.start {
            continue;
        }
        let Some(gap) = text[a.span.end..b.span.start].strip_prefix(", ") else {
            continue;
        };
        if gap.len() > 80 {
            continue;
        }
        let mut at = b.span.start - gap.len();
        let mut names = Vec::new();
        let mut rest = gap;
        while !rest.is_empty() {
            let Some(end) = [", and ", ", ", " and "].iter().filter_map(|sep| rest.find(sep)).min() else {
                names.clear();
                break;
            };
            let name = &rest[..end];
            let words: Vec<&str> = name.split(' ').collect();
            let looks_like_name = (1..=2).contains(&words.len())
                && words.iter().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase())
                        && w.chars().all(|c| c.is_alphanumeric() || matches!(c, '&' | '-' | '.'))
                })
                && !not_a_company(name);
            if !looks_like_name {
                names.clear();
                break;
            }
            names.push(at..at + end);
            let sep = [", and ", ", ", " and "]
                .iter()
                .find(|sep| rest[end..].starts_with(**sep))
                .map_or(0, |s| s.len());
            at += end + sep;
            rest = &rest[end + sep..];
        }
        out.extend(names.into_iter().map(|span| Mention {
            company: text[span.clone()].to_owned(),
            span,
            kind: NameKind::Declared,
            actor: true,
            person: None,
        }));
    }
    out
}

/// "Who Hates Photobucket Investors Insight Venture Partners?": a headline
/// run longer than the name; the longest tail of it the text names on its
/// own elsewhere is the name.
fn known_tail(text: &str, run: Range<usize>) -> Range<usize> {
    let run_text = &text[run.clone()];
    let starts: Vec<usize> = run_text
        .char_indices()
        .filter(|&(i, c)| !c.is_whitespace() && (i == 0 || run_text[..i].ends_with(char::is_whitespace)))
        .map(|(i, _)| i)
        .collect();
    if starts.len() < 4 {
        return run;
    }
    let whole = memchr::memmem::find_iter(text.as_bytes(), run_text).count();
    starts[1..starts.len() - 1]
        .iter()
        .find(|&&k| {
            memchr::memmem::find_iter(text.as_bytes(), &run_text[k..])
                .nth(whole)
                .is_some()
        })
        .map_or(run.clone(), |&k| run.start + k..run.end)
}

/// Nouns that declare the name after them a company's: "the startup
/// Anthropic", "the darknet marketplace Hydra", "cryptocurrency exchange
/// Garantex", "German social network studiVZ".
const NOUNS_BEFORE_A_NAME: &[&str] = &[
    "startup",
    "start-up",
    "firm",
    "company",
    "maker",
    "developer",
    "retailer",
    "chipmaker",
    "marketplace",
    "exchange",
    "network",
    "site",
    "app",
];

/// Roles that declare the name before them a company's: "Anker
/// spokesperson Eric Villines".
const ROLES_AFTER_A_NAME: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "CEO",
    "spokespeople",
    "representative",
];

fn declared_companies(text: &str, known: &[Mention], dictionary: &[Range<usize>], body: usize) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    // A run holding a dictionary name, even one left out as ambiguous here
    // ("the Grok AI chatbot"), is not a new company. Every known mention is
    // a dictionary match, and the matches are in order without overlaps.
    debug_assert!(known.iter().all(|m| dictionary.contains(&m.span)));
    let overlaps_known = |r: &Range<usize>| {
        let k = dictionary.partition_point(|d| d.end <= r.start);
        dictionary.get(k).is_some_and(|d| d.start < r.end)
    };
    let words = capitalised_runs(text);
    // Products the text says a known company makes: (name, maker).
    let mut products: Vec<(Range<usize>, String)> = Vec::new();
    for run in words {
        // Only these can make a run a company (below): most runs have none.
        // Trimming the run below never moves its end, and moves its start
        // past words of which only a capitalised noun ("The Startup Zephyr")
        // can become the noun before the name.
        let run_text = &text[run.clone()];
        let last_word = run_text.split_whitespace().next_back().unwrap_or("");
        if !(text[run.end..].trim_start().starts_with(',')
            || crate::words!(CORPORATE_SUFFIXES).contains(last_word)
            || one_of(previous_word(text, run.start), NOUNS_BEFORE_A_NAME)
            || run_text
                .split_whitespace()
                .any(|w| (3..=11).contains(&w.len()) && one_of(w, NOUNS_BEFORE_A_NAME))
            || ROLES_AFTER_A_NAME.contains(&next_word(text, run.end)))
        {
            continue;
        }
        let run = trim_to_the_name(text, run);
        let last_word = text[run.clone()].split_whitespace().next_back().unwrap_or("");
        let run = if crate::words!(CORPORATE_SUFFIXES).contains(last_word) || text[run.end..].starts_with(',') {
            known_tail(text, run)
        } else {
            run
        };
        let run_text = &text[run.clone()];
        if run_text.trim().is_empty() || overlaps_known(&run) {
            continue;
        }
        // "Meta’s Superintelligence Labs", "Intel's Anti-Theft Technology": a
        // known company's unit or product, which its mention already counts.
        let before = text[..run.start].trim_end();
        let owned = before
            .strip_suffix("’s")
            .or_else(|| before.strip_suffix("'s"))
            .is_some_and(|owner| {
                known
                    .iter()
                    .any(|m| m.span.end == owner.len() || m.span.end == before.len())
            });
        if owned {
            continue;
        }
        // The cheap signs that a run is declared a company come first: most runs have none.
        let last = run_text.split_whitespace().next_back().unwrap_or("");
        let by_suffix = crate::words!(CORPORATE_SUFFIXES).contains(last) && run_text.trim() != last;
        let prev = previous_word(text, run.start);
        let after = text[run.end..].trim_start();
        // "In July, the company apologized": a date or place after a
        // preposition, not a company described by an apposition.
        let after_preposition = one_of(
            prev,
            &[
                "in", "on", "at", "since", "by", "until", "during", "after", "before", "from", "through", "of",
            ],
        );
        // "writing for Just Security", "Over at Fierce Broadband Wireless,
        // they have a story": a publication, whatever its name ends with.
        let a_publication = match prev {
            "for" => one_of(
                two_words_back(text, run.start),
                &["writing", "writes", "wrote", "written"],
            ),
            "at" => two_words_back(text, run.start).eq_ignore_ascii_case("over"),
            _ => false,
        };
        if a_publication {
            continue;
        }
        // "According to San Francisco Chronicle, the ride-hailing giant …":
        // the comma closes the source, it opens no apposition.
        let a_source = prev == "to" && two_words_back(text, run.start).eq_ignore_ascii_case("according");
        let by_apposition = after.starts_with(',') && !after_preposition && !a_source && {
            let rest = after[1..].trim_start();
            let mut ws = rest.split_whitespace();
            let first = ws.next().unwrap_or("");
            let words: Vec<&str> = ws.take(6).collect();
            // "Justin Rosenstein, the company has been tracked": the noun
            // opens a clause of its own, it describes nothing before it.
            matches!(first, "a" | "an" | "the")
                && words.iter().take(5).enumerate().any(|(i, w)| {
                    crate::words!(COMPANY_NOUNS).contains(
                        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                            .to_lowercase()
                            .as_str(),
                    ) && !(w.ends_with(|c: char| c.is_alphanumeric())
                        && words
                            .get(i + 1)
                            .is_some_and(|v| crate::words!(CLAUSE_VERBS).contains(v)))
                })
        };
        // "says Martin DeVido, the developer behind the experiment": the
        // one quoted, described by what they make.
        let by_apposition = by_apposition
            && !(one_of(
                prev,
                &[
                    "says",
                    "said",
                    "adds",
                    "added",
                    "explains",
                    "explained",
                    "writes",
                    "wrote",
                ],
            ) && after[1..].split_whitespace().nth(1).is_some_and(|noun| {
                one_of(
                    noun,
                    &["developer", "maker", "creator", "publisher", "designer", "builder"],
                )
            }));
        // "Matt Pankus, a small business owner": a person described.
        let by_apposition = by_apposition && {
            let rest = after[1..].trim_start();
            !rest.split_whitespace().take(7).any(|w| {
                one_of(
                    w.trim_matches(|c: char| !c.is_alphanumeric()),
                    &[
                        "owner",
                        "founder",
                        "co-founder",
                        "executive",
                        "analyst",
                        "consultant",
                        "leader",
                        "reporter",
                        "worker",
                        "employee",
                        "manager",
                        "investor",
                        "spokesperson",
                        "officer",
                        "director",
                        "independent",
                        "freelance",
                        "researcher",
                        "writer",
                        "journalist",
                        "professor",
                        "lawyer",
                        "attorney",
                        "engineer",
                        "scientist",
                        "adviser",
                        "advisor",
                    ],
                )
            })
        };
        // "… the main cryptocurrency company. Sheikh Tahnoon …": the noun
        // ends the sentence before; "… in Their iOS App⏎Sarah Perez,
        // TechCrunch:", the heading before (while "recruitment firm⏎StepStone
        // said" is prose wrapped).
        let after_heading = prev.starts_with(|c: char| c.is_uppercase())
            && text[..run.start]
                .chars()
                .rev()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\n');
        // "… from staff chat app⏎Planned social media app would …": the
        // body's first word after a title.
        let sentence_start = is_sentence_start_only(text, &run)
            || (body > 0 && run.start >= body && text[body..run.start].trim().is_empty());
        let by_noun_before = !sentence_start && !after_heading && one_of(prev, NOUNS_BEFORE_A_NAME);
        // "Anker spokesperson Eric Villines", "Vudu CEO Edward Lichty".
        // Not an agency's ("FTC spokesperson", "Ofcom spokesman").
        // "Rob Cameron, CEO of Barclaycard": a person and their post.
        let by_role_after = !after.starts_with(',')
            && ROLES_AFTER_A_NAME.contains(&next_word(text, run.end))
            && !run_text.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
            && super::speakers::accuser_in(&run_text.to_lowercase()).is_none();
        if !(by_suffix || by_apposition || by_noun_before || by_role_after) {
            if after.starts_with(',') && !after_preposition {
                if let Some(maker) = made_by(text, run.end, known) {
                    products.push((run.clone(), maker));
                } else if let Some(brand) = introduced_product(text, &run, known) {
                    products.push((run.clone(), brand));
                }
            }
            continue;
        }
        let tokens: Vec<&str> = run_text.split_whitespace().collect();
        // "the journal Nature Communications", "the Center for a New American
        // Security": another kind of body, or the tail of a longer name.
        let inside_other_name = one_of(
            prev,
            &[
                "journal",
                "magazine",
                "newspaper",
                "university",
                "institute",
                "center",
                "centre",
                "foundation",
                "charity",
                "charities",
                "nonprofit",
                "non-profit",
            ],
        ) || (one_of(prev, &["for", "of", "a", "on"]) && {
            let before = text[..run.start].trim_end();
            let before = before
                .trim_end_matches(['.', '’', '\''])
                .strip_suffix(prev)
                .unwrap_or(before)
                .trim_end();
            let before = before
                .strip_suffix(" for")
                .or_else(|| before.strip_suffix(" of"))
                .unwrap_or(before);
            let word = previous_word(text, before.len());
            // "CEO of Credo AI" names the company; "Center of …" does not.
            word.starts_with(|c: char| c.is_uppercase()) && !crate::words!(ROLE_WORDS).contains(word)
        });
        if inside_other_name {
            continue;
        }
        // In a heading every word is capitalised, so a word such as "Group",
        // "Limited" or "AI" at the end of a run says little ("Join a
        // Dedicated Group", "Aggregators and AI"); only a legal form does.
        let legal = matches!(
            last,
            "Inc"
                | "Inc."
                | "Corp"
                | "Corp."
                | "Corporation"
                | "LLC"
                | "Ltd"
                | "Ltd."
                | "plc"
                | "PLC"
                | "GmbH"
                | "AG"
                | "S.A."
                | "N.V."
        );
        let weak_suffix_only = by_suffix && !legal && !by_apposition && !by_noun_before;
        // "Chinese AI is catching up", "the Architects of AI", "a study
        // published (on Tuesday) in Brain Communications", "Last.fm Partners
        // with Sony BMG" (a headline's verb).
        let published_in = || {
            let from = text.floor_char_boundary(run.start.saturating_sub(40));
            prev == "in" && text[from..run.start].contains("published ")
        };
        let descriptive = || {
            crate::words!(DESCRIPTIVE_FIRST_WORDS).contains(tokens[0])
                || tokens.len() >= 3 && tokens[tokens.len() - 2] == "of"
                || published_in()
                || (last == "Partners" && next_word(text, run.end) == "with")
                || an_edition(text, run.start, prev)
                || listed_among_campaigners(text, run.start)
        };
        if weak_suffix_only
            && (in_a_heading(text, &run) || tokens.contains(&"and") || modifies_a_noun(text, &run) || descriptive())
        {
            continue;
        }
        if sentence_start && tokens.len() == 1 && !by_apposition && !by_role_after {
            continue;
        }
        let mut name_tokens: Vec<&str> = tokens.clone();
        while name_tokens.len() > 1 && crate::words!(LEGAL_SUFFIXES).contains(name_tokens.last().unwrap_or(&"")) {
            name_tokens.pop();
        }
        let name = name_tokens
            .join(" ")
            .trim_end_matches(['’', '\''])
            .trim_end_matches("’s")
            .to_owned();
        // "according to website analytics site Aicpb.com.": the sentence's
        // full stop after an address, not an abbreviation's ("S.A.").
        let name = match name.strip_suffix('.') {
            Some(cut)
                if cut
                    .rsplit(' ')
                    .next()
                    .is_some_and(|t| t.contains('.') && t.contains(char::is_lowercase)) =>
            {
                cut.to_owned()
            }
            _ => name,
        };
        // ", Inc., the company behind …" follows a name; it is none.
        if name.len() < 2
            || name_tokens.iter().all(|t| crate::words!(LEGAL_SUFFIXES).contains(t))
            || not_a_company(&name)
            || name_tokens.iter().any(|t| crate::words!(PUBLIC_BODY_WORDS).contains(t))
            || a_kind_of_thing(&tokens)
            || a_kind_of_thing(&name_tokens)
            || not_a_name(&name_tokens)
        {
            continue;
        }
        // "Warner Music Group" is Warner Music, but "Eurasia Group" and
        // "Open Rights Group" keep their "Group" (judged above without it).
        let name = match tokens[name_tokens.len()..] {
            ["Group", ..] if !crate::words!(CORPORATE_SUFFIXES).contains(name_tokens.last().unwrap_or(&"")) => {
                format!("{name} Group")
            }
            _ => name,
        };
        out.push(Mention {
            span: run.clone(),
            company: name,
            kind: NameKind::Declared,
            actor: true,
            person: None,
        });
    }
    for (run, maker) in products {
        out.push(Mention {
            span: run,
            company: maker,
            kind: NameKind::Product,
            actor: true,
            person: None,
        });
    }
    // Later bare mentions of a declared company or product count too
    // ("Klausner Technologies ... Klausner", "the TruDi Navigation System ... TruDi").
    let mut declared: HashMap<&str, String> = HashMap::new();
    for m in &out {
        let name = if m.kind == NameKind::Product {
            &text[m.span.clone()]
        } else {
            m.company.as_str()
        };
        if let Some(first) = name.split_whitespace().next()
            && first.len() >= 3
            && first != m.company
            && !crate::words!(COMMON_FIRST_WORDS).contains(first)
        {
            declared.entry(first).or_insert_with(|| m.company.clone());
        }
    }
    let mut extra = Vec::new();
    for (first, name) in declared {
        if !first.chars().all(is_word_char) || ends_a_persons_name(text, first) {
            continue;
        }
        // The whole words equal to `first`.
        for at in memchr::memmem::find_iter(text.as_bytes(), first.as_bytes()) {
            let end = at + first.len();
            if !text[..at].chars().next_back().is_some_and(is_word_char)
                && !text[end..].chars().next().is_some_and(is_word_char)
                && !out.iter().chain(known).any(|m| m.span.start <= at && end <= m.span.end)
            {
                extra.push(Mention {
                    span: at..end,
                    company: name.clone(),
                    kind: NameKind::Declared,
                    actor: true,
                    person: None,
                });
            }
        }
    }
    extra.sort_by_key(|m| m.span.start);
    out.extend(extra);
    out
}

/// "Halsey Minor, the founder of CNET … Minor Ventures, his startup
/// incubator … Minor is suing Christie's": a word written after a given
/// name is a person's surname, and alone it names the person, not the
/// company named after them.
fn ends_a_persons_name(text: &str, word: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|at| {
        let Some(before) = text[..at].strip_suffix(' ') else {
            return false;
        };
        let given = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        // "CNET founder Halsey Minor", not "Patent Holder Klausner Sues".
        let earlier = previous_word(before, before.len() - given.len());
        !text[at + word.len()..].starts_with(|c: char| c.is_alphanumeric())
            && super::speakers::may_be_a_given_name(given)
            && !earlier.starts_with(char::is_uppercase)
    })
}

/// "TruDi, a device manufactured by Johnson & Johnson": the known company
/// that the apposition after a name says makes it.
fn made_by(text: &str, run_end: usize, known: &[Mention]) -> Option<String> {
    const MADE: &[&str] = &[
        "made",
        "manufactured",
        "developed",
        "built",
        "sold",
        "marketed",
        "owned",
        "operated",
        "run",
        "created",
        "designed",
        "produced",
        "launched",
    ];
    let rest = text[run_end..].trim_start().strip_prefix(',')?.trim_start();
    let base = text.len() - rest.len();
    let clause_end = rest.find(['.', ';', '(', ')', '“', '"', '\n']).unwrap_or(rest.len());
    if !rest[..clause_end].contains(" by ") {
        return None;
    }
    let mut words = word_ranges(&rest[..clause_end]);
    words.truncate(9);
    if !matches!(words.first().map(|r| &rest[r.clone()]), Some("a" | "an" | "the")) {
        return None;
    }
    let at = words
        .windows(2)
        .position(|w| crate::words!(MADE).contains(&rest[w[0].clone()]) && &rest[w[1].clone()] == "by")?;
    let maker_at = base + words.get(at + 2)?.start;
    known
        .iter()
        .find(|m| m.span.start == maker_at && m.kind != NameKind::Person)
        .map(|m| m.company.clone())
}

/// "One machine that analyzes prenatal images, the Sonio Detect, has been
/// accused …": a product the text introduces by brand and model, with no
/// maker named, is its brand's.
fn introduced_product(text: &str, run: &Range<usize>, known: &[Mention]) -> Option<String> {
    const THINGS: &[&str] = &[
        "machine", "device", "tool", "system", "product", "software", "app", "gadget", "implant", "monitor", "scanner",
        "headset", "robot", "vehicle", "drone", "camera", "chatbot", "toy",
    ];
    let mut tokens = text[run.clone()].split_whitespace();
    let brand = tokens.next()?;
    tokens.next()?;
    if brand.len() < 3 || crate::words!(COMMON_FIRST_WORDS).contains(brand) || not_a_company(brand) {
        return None;
    }
    if !previous_word(text, run.start).eq_ignore_ascii_case("the") {
        return None;
    }
    let before = text[..run.start].trim_end();
    let before = before[..before.len() - "the".len()].trim_end().strip_suffix(',')?;
    let clause_start = before.rfind(['.', '!', '?', '\n', ';']).map_or(0, |p| p + 1);
    let clause = &before[clause_start..];
    let words: Vec<&str> = clause.split_whitespace().collect();
    let introduces = matches!(
        words.first(),
        Some(&("One" | "A" | "An" | "Another" | "one" | "a" | "an" | "another"))
    );
    let names_a_thing = words
        .iter()
        .any(|w| crate::words!(THINGS).contains(w.trim_matches(|c: char| !c.is_alphanumeric())));
    let maker_named = known
        .iter()
        .any(|m| m.span.start >= clause_start && m.span.end <= before.len());
    (introduces && words.len() <= 14 && names_a_thing && !maker_named).then(|| brand.to_owned())
}

/// Capitalised only because they open a sentence or headline.
const FUNCTION_WORDS: &[&str] = &[
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "For",
    "From",
    "With",
    "By",
    "To",
    "Of",
    "Meanwhile",
    "However",
    "Still",
    "Now",
    "Then",
    "Today",
    "Yesterday",
    "Last",
    "Earlier",
    "Later",
    "Also",
    "Why",
    "How",
    "What",
    "Who",
    "Where",
    "Both",
    "Each",
    "Every",
    "Some",
    "Many",
    "Several",
    "Rival",
    "Startup",
    // Sentence openers that are never a name's first word.
    "Ultimately",
    "Currently",
    "Eventually",
    "Initially",
    "Finally",
    "Previously",
    "Recently",
    "Separately",
    "Overall",
    "Instead",
    "Indeed",
    "Until",
    "Because",
    "Although",
    "Though",
    "Even",
    "Maybe",
    "Perhaps",
    "More",
    "Less",
    "Most",
    "Yet",
    "So",
    "Here",
    "There",
    "Hey",
    "Welcome",
    "Want",
    "Use",
    "Using",
    "Ask",
    "Are",
    "Is",
    "Your",
    "We",
    "You",
    "They",
    "It",
    "I’ve",
    "Recent",
];

/// The run without what stands before a name: function words and openers,
/// a post up to "of", a describing word ("Beijing-based").
fn trim_to_the_name(text: &str, mut run: Range<usize>) -> Range<usize> {
    loop {
        let run_text = &text[run.clone()];
        let first = run_text.split_whitespace().next().unwrap_or("");
        let rest = &run_text[first.len()..];
        // "CEO of Credo AI", "Head of World Bank": the name is after "of".
        let role_of = crate::words!(ROLE_WORDS)
            .contains(first)
            .then(|| rest.find(" of ").map(|p| first.len() + p + " of ".len()))
            .flatten();
        // "Beijing-based Noetix Robotics", "LLM-based AI".
        let described = first.contains('-') && DESCRIBING_ENDINGS.iter().any(|e| first.ends_with(e));
        let skip = if let Some(p) = role_of {
            p
        } else if rest.len() > rest.trim_start().len() && (crate::words!(FUNCTION_WORDS).contains(first) || described) {
            first.len() + rest.len() - rest.trim_start().len()
        } else {
            return run;
        };
        run.start += skip;
    }
}

/// Titles that open a run naming a person or their post ("CEO of …",
/// "Chief Technical Officer Richard Lynch", "Sheikh Tahnoon"), not a company.
const ROLE_WORDS: &[&str] = &[
    "CEO",
    "Head",
    "Chief",
    "President",
    "Chairman",
    "Chair",
    "Founder",
    "Co-founder",
    "Director",
    "SVP",
    "EVP",
    "VP",
    "Sheikh",
    "Prince",
    "Princess",
    "Senator",
    "Sen.",
    "Rep.",
    "Judge",
    "Dr.",
    "Mr.",
    "Ms.",
    "Mrs.",
];

/// Endings of a hyphenated word that describes the name after it.
const DESCRIBING_ENDINGS: &[&str] = &[
    "-based",
    "-style",
    "-changing",
    "-powered",
    "-backed",
    "-led",
    "-owned",
    "-focused",
    "-born",
    "-native",
];

/// First words that make a run with a generic suffix a kind of thing, not
/// a name ("Social Media", "Emerging Technologies", "Winter Olympic Games").
const GENERIC_MODIFIERS: &[&str] = &[
    "New",
    "Old",
    "Social",
    "News",
    "Regional",
    "Local",
    "Emerging",
    "Advanced",
    "Mass",
    "Online",
    "Mainstream",
    "Independent",
    "Traditional",
    "Digital",
    "Mobile",
    "Blog",
    "Video",
    "Free",
    "Olympic",
    "Paralympic",
    "Summer",
    "Winter",
    "Hunger",
    "Commodity",
    "Conversational",
    "Rapid",
    "Trapped",
    "Accelerating",
    "Applying",
    "Embedding",
];

/// Common nouns left alone once a suffix is dropped ("a Smart Group", "the
/// Times Media Group") or met in a list or a column's title: never a
/// company's whole name.
const COMMON_NOUNS: &[&str] = &[
    "Media",
    "Smart",
    "Web",
    "PC",
    "Review",
    "Journal",
    "Image",
    "Maps",
    "Essentials",
    "Investigators",
    "Television",
    "Digital",
    "Mobile",
    "Online",
    "Data",
    "Tech",
    "Internet",
    "Cloud",
    "Search",
    "News",
    "Video",
    "Music",
    "Social",
    "Games",
];

/// Places that a company suffix or an apposition can make look like a
/// company ("the California AG", "China, the next great marketplace").
const PLACES: &[&str] = &[
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "Ontario",
    "Quebec",
    "China",
    "India",
    "Japan",
    "Russia",
    "Germany",
    "France",
    "Britain",
    "Canada",
    "Australia",
    "Brazil",
    "Mexico",
    "Korea",
    "Taiwan",
    "Israel",
    "Ireland",
    "Europe",
    "America",
    "Africa",
    "Asia",
    "County",
    "Silicon Valley",
    // Cities that name events ("the 1936 Berlin Games").
    "Athens",
    "Atlanta",
    "Barcelona",
    "Beijing",
    "Berlin",
    "Brisbane",
    "London",
    "Los Angeles",
    "Milan",
    "Milano-Cortina",
    "Moscow",
    "Munich",
    "Paris",
    "Pyeongchang",
    "Rio",
    "Seoul",
    "Sochi",
    "Sydney",
    "Tokyo",
    "Turin",
    "Vancouver",
];

/// Verbs after a noun that make it a clause's subject ("the company has").
/// Not "said": "… sent to Navistone, the company said" points back to it.
const CLAUSE_VERBS: &[&str] = &[
    "has", "have", "had", "is", "was", "are", "were", "will", "would", "could", "can", "may", "might", "did", "does",
];

/// Words that join a headline's words, not a name's ("Snocap To
/// Distribute NT Media", "Common Misunderstandings About AI", "Hydra and
/// Garantex": names are joined with "&").
const JOINING_WORDS: &[&str] = &[
    "and", "To", "About", "Makes", "Is", "Are", "Will", "Can", "How", "Why", "Vs", "vs",
];

/// A run cut from a headline or from punctuation ("AGI—ultra-smart AI",
/// "Dolby (Coding Technologies", "Bit9.…"), or joining two names.
fn not_a_name(tokens: &[&str]) -> bool {
    tokens.len() > 5
        || tokens.iter().any(|t| crate::words!(JOINING_WORDS).contains(t))
        || tokens
            .iter()
            .any(|t| t.contains(['—', '–', '(', ')', '…', '‘', '“', '”', '"', '[', ']']))
}

/// A run that names a kind of thing or an event: a generic modifier before
/// a company suffix ("New Media", "Olympic Winter Games"), or a run the
/// role or describing words above left without a name.
fn a_kind_of_thing(tokens: &[&str]) -> bool {
    let Some((last, before)) = tokens.split_last() else {
        return true;
    };
    let generic_suffix = crate::words!(CORPORATE_SUFFIXES).contains(last) || *last == "AI";
    let legal = matches!(
        *last,
        "Inc" | "Inc." | "Corp" | "Corp." | "Corporation" | "LLC" | "Ltd" | "Ltd." | "Limited" | "plc" | "PLC"
    );
    generic_suffix
        && !legal
        && (before.len() == 1 && crate::words!(GENERIC_MODIFIERS).contains(before[0])
            || *last == "Games" && before.iter().any(|w| w.starts_with("Olympic") || *w == "Paralympic")
            // "the 1936 Berlin Games", "White House AI and crypto czar".
            || matches!(*last, "Games" | "AI") && {
                let modifier = before.join(" ");
                crate::words!(PLACES).contains(modifier.as_str())
                    || crate::words!(NOT_COMPANIES).contains(modifier.as_str())
            })
        || tokens.len() == 1 && crate::words!(FUNCTION_WORDS).contains(tokens[0])
        || crate::words!(ROLE_WORDS).contains(tokens[0])
}

const NOT_COMPANIES: &[&str] = &[
    "The",
    "This",
    "That",
    "Federal Trade",
    "European",
    "Justice",
    "United States",
    "Supreme",
    "District",
    "National",
    "University",
    "State",
    "Department",
    "Commission",
    "Congress",
    "Senate",
    "House",
    "White House",
    "Trump",
    "Biden",
    // Public banks and funds, and a place, named like companies.
    "World Bank",
    "Federal Reserve",
    "European Central Bank",
    "Bank of England",
    "Bank of Japan",
    "International Monetary Fund",
    "South Bank",
];

/// Never a company: the table, the dates ("by early January, the service
/// …"), places and common nouns.
fn not_a_company(name: &str) -> bool {
    crate::words!(NOT_COMPANIES).contains(name)
        || crate::words!(super::lexicon::DATE_WORDS).contains(name)
        || crate::words!(PLACES).contains(name)
        || crate::words!(COMMON_NOUNS).contains(name)
}

const COMMON_FIRST_WORDS: &[&str] = &[
    "The",
    "New",
    "United",
    "American",
    "National",
    "General",
    "First",
    "Global",
    "International",
    "Digital",
    "Open",
];

/// Runs of capitalised words (allowing one "of", "&" or "and" inside), by byte range.
fn capitalised_runs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut run: Option<Range<usize>> = None;
    let mut joined = false;
    let mut pos = 0;
    while pos < text.len() {
        // Outside a run, lower-case words change nothing.
        if run.is_none() {
            match next_unlowered_token(text, pos) {
                Some(p) => pos = p,
                None => break,
            }
        }
        let token = &text[pos..token_end(text, pos)];
        // Most words start with a lower-case letter: they only end a run.
        if token.as_bytes()[0].is_ascii_lowercase() {
            let word = token.trim_end();
            if run.is_some() && !joined && matches!(word, "of" | "and") {
                joined = true;
            } else {
                out.extend(run.take());
                joined = false;
            }
            pos += token.len();
            continue;
        }
        let word = token.trim_end();
        let lead = word.len() - word.trim_start_matches(['(', '“', '"', '‘']).len();
        let core = word[lead..].trim_end_matches([',', ';', ':', ')', '”', '"', '?', '!']);
        let keeps_period = core.ends_with('.')
            && (crate::words!(CORPORATE_SUFFIXES).contains(core) || core.bytes().filter(|b| *b == b'.').count() > 1);
        let name = if keeps_period { core } else { core.trim_end_matches('.') };
        let name = name
            .strip_suffix("’s")
            .or_else(|| name.strip_suffix("'s"))
            .unwrap_or(name);
        let is_cap = name
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && name.chars().any(char::is_alphabetic);
        if is_cap {
            let start = run.as_ref().map_or(pos + lead, |r| r.start);
            run = Some(start..pos + lead + name.len());
            joined = false;
            // Trailing punctuation or a line break ends the name: a headline
            // ending "… marketplace Hydra" is not one name with the next line.
            if name.len() + lead < word.len() || token.ends_with('\n') {
                out.extend(run.take());
            }
        } else if run.is_some() && !joined && matches!(word, "&" | "of" | "and") {
            joined = true;
        } else {
            out.extend(run.take());
            joined = false;
        }
        pos += token.len();
    }
    out.extend(run);
    out
}

/// The surname of a full name ("Elon Musk", "Martin Luther King Jr."), if
/// it is long enough to tell one person (not "Ma" or "Ek").
fn surname(name: &str) -> Option<&str> {
    let mut words = name.split_whitespace().rev();
    let last = words
        .by_ref()
        .find(|w| !["Jr.", "Jr", "Sr.", "II", "III", "IV"].contains(w))?;
    (words.next().is_some() && last.chars().count() > 2).then_some(last)
}

fn is_sentence_start_only(text: &str, run: &Range<usize>) -> bool {
    let before = text[..run.start].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', '“', '"', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const DICT: &str = r#"
[[company]]
name = "Meta"
aliases = ["Meta Platforms"]
subsidiaries = ["Facebook", "Instagram", "WhatsApp"]
products = ["Threads"]
ambiguous = ["Meta", "Threads"]
people = [{ name = "Andy Stone", role = "communications director" }]

[[company]]
name = "X"
aliases = ["Twitter", "X Corp"]
ambiguous = ["X"]

[[company]]
name = "Apple"
products = ["iPhone", "App Store"]
ambiguous = ["Apple"]

[[company]]
name = "Google"
subsidiaries = ["YouTube"]

[[company]]
name = "SpaceX"

[[company]]
name = "Microsoft"
products = ["Xbox"]

[[company]]
name = "xAI"
products = ["Grok"]
ambiguous = ["xAI", "Grok"]
"#;

    fn companies() -> Companies {
        Companies::from_toml(DICT).unwrap()
    }

    fn found(text: &str) -> Vec<(String, bool)> {
        companies()
            .find(text)
            .into_iter()
            .map(|m| (m.company, m.actor))
            .collect()
    }

    #[rstest]
    #[case::subsidiary("Instagram fined", &[("Meta", true)])]
    #[case::possessive_curly("Facebook’s board", &[("Meta", true)])]
    #[case::possessive_straight("Facebook's board", &[("Meta", true)])]
    #[case::meta_with_context("Meta said it would appeal.", &[("Meta", true)])]
    #[case::meta_analysis("A meta-analysis found nothing.", &[])]
    #[case::meta_analysis_capital("Meta-analysis of trials.", &[])]
    #[case::x_company("Regulators fined X on Monday. X said it would appeal.", &[("X", true), ("X", true)])]
    #[case::x_ray("An X-ray machine.", &[])]
    #[case::spacex("SpaceX launched.", &[("SpaceX", true)])]
    #[case::xbox_series_x("The Xbox Series X sold out.", &[("Microsoft", true)])]
    #[case::x_without_any_context("Planet X is far.", &[])]
    #[case::on_x_platform("Twitter, now X, said so; he posted on X.", &[("X", true), ("X", true), ("X", false)])]
    #[case::people_using_a_platform("The ban on kids using Facebook is not total.", &[("Meta", false)])]
    #[case::accounts_on_platforms(
        "Codes granted access to their Facebook, Google and Apple accounts.",
        &[("Meta", false), ("Google", false), ("Apple", false)]
    )]
    #[case::apple_fruit("She ate an apple. Apples are red.", &[])]
    #[case::apple_company("Apple said the App Store is fair.", &[("Apple", true), ("Apple", true)])]
    #[case::big_apple("Life in the Big Apple, where iPhone users live.", &[("Apple", true)])]
    #[case::google_backed("A Google-backed startup sued.", &[("Google", false)])]
    #[case::ex_meta("An ex-Meta engineer said Facebook lied.", &[("Meta", true)])]
    #[case::person("Andy Stone said no.", &[("Meta", true)])]
    #[case::x_in_a_list("Spain will investigate X, Meta and TikTok.", &[("X", true), ("Meta", true)])]
    #[case::apple_in_a_list("Google and Apple were fined.", &[("Google", true), ("Apple", true)])]
    #[case::name_after_a_longer_word("Googleplex staff and Google agreed.", &[("Google", true)])]
    #[case::multi_word_alias("X Corp sued the group.", &[("X", true)])]
    #[case::operating_system("X Corp sued. The bug in OS X and Mac OS X was fixed.", &[("X", true)])]
    #[case::product_then_ai("Musk’s company xAI makes Grok. Reports of the Grok AI chatbot spread.", &[("xAI", true), ("xAI", true), ("xAI", true)])]
    #[case::lowercase_long_name("i deleted facebook and youtube", &[("Meta", true), ("Google", true)])]
    #[case::product_by_its_maker(
        "The ZetaScan Navigator, a device manufactured by Meta Platforms, failed. Reports on ZetaScan grew.",
        &[("Meta", true), ("Meta", true), ("Meta", true)]
    )]
    #[case::made_by_a_person("The Quill Reader, a tablet designed by Andy Stone, sold well.", &[("Meta", true)])]
    fn company_matching(#[case] text: &str, #[case] want: &[(&str, bool)]) {
        let want: Vec<(String, bool)> = want.iter().map(|(c, a)| (c.to_string(), *a)).collect();
        assert_eq!(found(text), want, "{text}");
    }

    #[rstest]
    #[case::suffix("His Klausner Technologies is suing Google.", "Klausner Technologies")]
    #[case::inc("Acme Inc. said it disagreed.", "Acme")]
    #[case::apposition(
        "Medtronic, a company that manufactures heart monitors, has faced allegations.",
        "Medtronic"
    )]
    #[case::noun_before("the security firm LayerX found a flaw", "LayerX")]
    #[case::group("Warner Music Group was quick to respond.", "Warner Music")]
    #[case::a_group_by_its_name("The Open Rights Group, a campaign firm, objected.", "Open Rights Group")]
    #[case::a_group_named_for_a_place("Ian Bremmer, the founder of Eurasia Group, said so.", "Eurasia Group")]
    #[case::role_after("Anker spokesperson Eric Villines said the chargers were safe.", "Anker")]
    #[case::marketplace("Police shut down the darknet marketplace Hydra on Tuesday.", "Hydra")]
    #[case::exchange_in_a_headline(
        "Treasury sanctions cryptocurrency exchange Garantex\nGerman authorities said on Tuesday.",
        "Garantex"
    )]
    #[case::listed_between("the patent holder sued Google, Pantech and Microsoft.", "Pantech")]
    #[case::headline_run(
        "Who Hates Photobucket Investors Insight Venture Partners?\nPhotobucket sold a stake to Insight Venture Partners, the investor.",
        "Insight Venture Partners"
    )]
    #[case::introduced_product(
        "One device that scans luggage, the Vexa Scanline, has been accused of missing weapons.",
        "Vexa"
    )]
    #[case::after_a_role("Navrina Singh, CEO of Credo AI, spoke first.", "Credo AI")]
    #[case::the_company_said(
        "Gizmodo saw the addresses sent to Navistone, the company said that it was not responsible.",
        "Navistone"
    )]
    #[case::a_name_like_a_title("The games maker King Digital Entertainment was sold.", "King Digital Entertainment")]
    #[case::apposition_then_verb("Yope, a friends-only photo sharing platform, has grown fast.", "Yope")]
    #[case::after_a_description("Beijing-based Noetix Robotics unveiled a robot.", "Noetix Robotics")]
    #[case::prose_wrapped_after_the_noun(
        "OSLO, Dec 12 (Reuters) - Norwegian online recruitment firm\nStepStone said on Friday it might give board seats.",
        "StepStone"
    )]
    #[case::a_capitalised_noun_opening_the_sentence("Startup Zephyr raised $5m on Tuesday.", "Zephyr")]
    #[case::an_address_ending_the_sentence(
        "It has 150 million users, according to website analytics site Aicpb.com.",
        "Aicpb.com"
    )]
    fn declared_companies_are_found(#[case] text: &str, #[case] want: &str) {
        let names: Vec<String> = companies().find(text).into_iter().map(|m| m.company).collect();
        assert!(names.iter().any(|n| n == want), "{names:?} in {text}");
        assert!(
            names.iter().all(|n| n == want || !n.contains(want)),
            "{names:?} in {text}"
        );
    }

    #[test]
    fn tokens_are_cut_and_skipped_as_split_inclusive_cuts_them() {
        let texts = [
            "the Federal Trade Commission sued Amazon",
            "a  double space, then\ttab and\nline Apple",
            "non-breaking\u{a0}Space and\u{2003}em space then Élan and éclair",
            "ends with a space ",
            "all lower case words only",
            "“Quoted” (Paren) $5 —dash",
            "eight by eight words here go on and on Then a capital after them",
            "abcdefg Hijklmn opqrstu vwxyzab cdefghi\tJklmnop qrstuvw  xyzabcd efghijk Lmnopqr",
            "lowercase words only for more than eight bytes at a time and a space at the end ",
        ];
        // And texts of every kind of byte, made at random.
        let pieces = [
            "a", "bc", "defgh", " ", "  ", "\t", "\n", "X", "7", ",", "é", "\u{a0}", "Élan", "z",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let random: Vec<String> = (0..300)
            .map(|_| {
                (0..40)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        pieces[(seed % pieces.len() as u64) as usize]
                    })
                    .collect()
            })
            .collect();
        let texts = texts.iter().copied().chain(random.iter().map(String::as_str));
        for text in texts {
            let starts: Vec<usize> = text
                .split_inclusive(char::is_whitespace)
                .scan(0, |at, t| {
                    let start = *at;
                    *at += t.len();
                    Some((start, t))
                })
                .map(|(start, t)| {
                    assert_eq!(token_end(text, start), start + t.len(), "{text:?} at {start}");
                    start
                })
                .filter(|&start| !text.as_bytes()[start].is_ascii_lowercase())
                .collect();
            let mut found = Vec::new();
            let mut at = 0;
            while let Some(start) = next_unlowered_token(text, at) {
                found.push(start);
                at = token_end(text, start);
            }
            assert_eq!(found, starts, "{text:?}");
        }
    }

    #[test]
    fn a_person_tied_by_the_text_to_another_company_does_not_name_their_own() {
        let builtin = Companies::builtin();
        let actors = |text: &str| -> Vec<String> {
            builtin
                .find(text)
                .into_iter()
                .filter(|m| m.actor)
                .map(|m| m.company)
                .collect()
        };
        let dorsey = |lead: &str| {
            actors(&format!(
                "As recently as 2020, {lead} Jack Dorsey said it would never happen."
            ))
        };
        assert!(
            !dorsey("Twitter co-founder").contains(&"Block".to_owned()),
            "{:?}",
            dorsey("Twitter co-founder")
        );
        assert!(!dorsey("former Twitter CEO").contains(&"Block".to_owned()));
        assert!(!dorsey("Twitter’s").contains(&"Block".to_owned()));
        // Named alone, or as their own company's, they name it.
        assert!(dorsey("billionaire").contains(&"Block".to_owned()));
        assert!(dorsey("Block CEO").contains(&"Block".to_owned()));
    }

    #[test]
    fn a_name_that_is_a_verb_after_a_company_and_to_is_what_it_will_do() {
        let builtin = Companies::builtin();
        let names = |text: &str| -> Vec<String> { builtin.find(text).into_iter().map(|m| m.company).collect() };
        let title = "Verizon to Block Email Addresses From Rival Carriers From Logging Into Yahoo or Tumblr Accounts";
        assert!(!names(title).contains(&"Block".to_owned()), "{:?}", names(title));
        assert!(!names("Google to Target Ads at Teens").contains(&"Target".to_owned()));
        // Nor does the verb vouch for the name elsewhere.
        let later = "Verizon to Block Email Addresses\nBlock lists start on June 30, Verizon says.";
        assert!(!names(later).contains(&"Block".to_owned()), "{:?}", names(later));
        // With the company named plainly elsewhere, that name stays, and the
        // verb is still no mention of it.
        let both = "Verizon to Block Email Addresses, says Block Inc";
        assert_eq!(
            names(both).iter().filter(|c| *c == "Block").count(),
            1,
            "{:?}",
            names(both)
        );
    }

    #[test]
    fn the_first_word_after_a_title_opens_a_sentence() {
        let text = "Amazon to ban words from staff chat app\nPlanned social media app would also prevent workers from using them.";
        let body = text.find('\n').unwrap() + 1;
        let declared = |found: Vec<Mention>| -> Vec<String> {
            found
                .into_iter()
                .filter(|m| m.kind == NameKind::Declared)
                .map(|m| m.company)
                .collect()
        };
        assert_eq!(declared(companies().find(text)), ["Planned"], "without the title's end");
        assert!(declared(companies().find_after_heading(text, body)).is_empty());
    }

    #[test]
    fn a_founders_surname_alone_is_the_founder_not_the_company_named_after_him() {
        let mentioned = |text: &str| -> Vec<String> {
            companies()
                .find(text)
                .into_iter()
                .map(|m| text[m.span].to_owned())
                .collect()
        };
        let text = "Halsey Minor hung the paintings at Minor Ventures, his startup incubator. \
                    Minor is suing the auction house.";
        assert_eq!(mentioned(text), ["Minor Ventures"]);
        let text = "Klausner Technologies, a patent firm, sued Apple. Klausner wants damages.";
        assert_eq!(mentioned(text), ["Klausner Technologies", "Apple", "Klausner"]);
        // A date, a nationality or a heading's capitals are no given name.
        let text = "Klausner Technologies, a patent firm, sued Apple. On Tuesday Klausner said a German \
                    Klausner rival had lost.\nPatent Holder Klausner Sues Apple";
        assert_eq!(mentioned(text).iter().filter(|m| *m == "Klausner").count(), 3);
        // A given name of letters of more than one byte is read whole.
        let text = "Klausner Technologies, a patent firm, sued Apple. Its founder, Élan Klausner, agreed.";
        assert_eq!(mentioned(text), ["Klausner Technologies", "Apple"]);
    }

    #[test]
    fn a_company_something_is_likened_to_is_not_named() {
        let names = |text: &str| -> Vec<String> { companies().find(text).into_iter().map(|m| m.company).collect() };
        let text =
            "Facebook for Kids slammed by researchers\nA site claiming to be a \"Facebook for Kids\" leaks data.";
        assert!(names(text).is_empty(), "{:?}", names(text));
        assert!(names("Rover bills itself as a Google for dog walkers.").is_empty());
        assert!(names("It wants to be the “Microsoft of books”.").is_empty());
        assert_eq!(
            names("A Meta spokesperson for Instagram said nothing."),
            ["Meta", "Meta"]
        );
        assert_eq!(names("The Facebook of 2010 was smaller."), ["Meta"]);
        // Unquoted, "the X of" a thing likens too, a model's name between.
        assert!(names("VanMoof has long been described as the Google of electric bikes.").is_empty());
        assert!(names("It is like the Microsoft Surface of the mobile world, well designed.").is_empty());
        assert!(names("Is Plurk the Facebook of Microblogging?").is_empty());
        assert_eq!(names("The Facebook of old was different."), ["Meta"]);
        assert_eq!(
            names("Critics say the Microsoft of the 1990s sued everyone."),
            ["Microsoft"]
        );
        assert_eq!(names("Regulators fined the Apple store of Milan."), ["Apple"]);
        assert!(names("An Apple for dog walkers, Rover sells walks.").is_empty());
        // The words after a function word are not the likeness again.
        let text = "Rover wants to be an Apple for the pet world. Regulators fined Apple for the breach.";
        assert_eq!(names(text), ["Apple", "Apple"]);
        // A product named so is the company's.
        let text = "It needs a Google for Education account. A group filed a complaint against Google for Education.";
        assert_eq!(names(text), ["Google", "Google"]);
    }

    /// The companies of the mentions of one kind in `text`.
    fn companies_of_kind(text: &str, kind: NameKind) -> Vec<String> {
        companies()
            .find(text)
            .into_iter()
            .filter(|m| m.kind == kind)
            .map(|m| m.company)
            .collect()
    }

    #[rstest]
    #[case::name_alone_on_a_line("# BTRFS Systems\nBTRFS is a filesystem.")]
    #[case::a_source_before_the_comma("According to San Francisco Chronicle, the ride-hailing giant has inked a deal.")]
    #[case::a_publication_written_for("Julian Sanchez, writing for Just Security: the FBI asked for the data.")]
    #[case::a_publication_over_at("Over at Fierce Broadband Wireless, they have a story on the patents.")]
    #[case::heading("Keep Sensitive Discussions Limited to Trusted Colleagues")]
    #[case::heading_group("Subject: Join a Dedicated Group for Solidarity Around Palestine.")]
    #[case::joined("2026.07: Aggregators and AI")]
    #[case::known_product("Reports of the Grok AI chatbot spread.")]
    #[case::modifier("Chinese AI companies have an advantage, and the US AI boom goes on.")]
    #[case::agency_spokesperson("An FTC spokesperson said the agency would defend its process.")]
    #[case::regulator_spokesman("An Ofcom spokesman said the inquiry goes on.")]
    #[case::description("Chinese AI is catching up, said the Architects of AI.")]
    #[case::published_in("A study published in Brain Communications measured sleep.")]
    #[case::event("Two reporters were at the “All In AI” event in Montreal.")]
    #[case::journal("according to a paper in the journal Nature Communications.")]
    #[case::longer_name("according to a report by the Center for a New American Security.")]
    #[case::person("Matt Pankus, a small business owner in Austin, voted for him.")]
    #[case::a_date("Womply will roll out to five markets by early January, the service said.")]
    #[case::public_body("said the co-chair of IUCN’s Species Survival Commission Marine Turtle Specialist Group.")]
    #[case::an_adverb_before_an_apposition("Still, the social media company celebrated the changes.")]
    #[case::a_headline_in_a_sentence("He wrote that Snocap To Distribute NT Media, the music company, was news.")]
    #[case::two_names_joined("Police shut down the marketplaces Hydra and Garantex Group, the exchange business.")]
    #[case::punctuation_inside("Equipment from Dolby (Coding Technologies, the firm it bought) was used.")]
    #[case::a_common_noun_in_a_list("It offers apps including: Instagram, Maps and WhatsApp.")]
    #[case::a_common_noun_before_a_suffix("You can create a Smart Group in Photos.")]
    #[case::a_clause_after_the_comma(
        "Founded by an early employee Justin Rosenstein, the company has been tracked since."
    )]
    #[case::a_state_attorney_general("A coalition calls on the California AG to protect the assets.")]
    #[case::an_adviser("Iain Anderson, the government’s LGBTQ+ business adviser, said he was shocked.")]
    #[case::a_noun_ending_the_sentence_before(
        "They bought half of the family’s main company. Omar Tahnoon paid half up front."
    )]
    #[case::a_title_before_a_name("They sold the investment company Sheikh Tahnoon controls.")]
    #[case::a_person_described("As Joel Zhang, an independent developer who runs a stream, put it.")]
    #[case::a_person_and_their_post("Rob Cameron, CEO of Barclaycard Business, is well placed.")]
    #[case::a_connective_before_an_apposition("However, the company lost its way.")]
    #[case::a_sentence_opener("Maybe AI or deep fake, but they don’t look real.")]
    #[case::a_question("Are AI bots conspiring against us?")]
    #[case::a_described_kind("LLM-based AI is everywhere now, and Berkeley-based AI too.")]
    #[case::a_kind_of_media("The rise of Social Media, the business model of news, was slow.")]
    #[case::an_event("Athletes at the Winter Olympic Games, the business of sport, were tested.")]
    #[case::a_post(
        "The fund will be led by Google’s SVP Corporate Development David Drummond and Bill Maris, a long time business friend of Anne Wojcicki."
    )]
    #[case::a_maker_quoted(
        "“It’s gonna blow a lot of people’s minds,” says Martin DeVido, the developer behind the experiment using Claude Code."
    )]
    #[case::a_city_s_games(
        "An Olympics T-shirt marking the 1936 Berlin Games, the business of sport, raised eyebrows."
    )]
    #[case::an_office_s_post("He was joined by White House AI and crypto czar David Sacks, a startup investor.")]
    #[case::a_comparison_in_capitals(
        "Some 19% say the iPhone has made their company More Likely to purchase Apple products."
    )]
    #[case::a_known_companys_unit(
        "Bilbrey headed Apple’s Technology Advancement Group, and now works at Meta's Superintelligence Labs, the AI lab."
    )]
    #[case::a_link_blogs_source(
        "Under the Guise of Security, Facebook is Promoting Their VPN in Their iOS App\nSarah Perez, TechCrunch:\n“Marketing Onavo within Facebook itself could lead to a boost in users for the VPN app, which promises to warn users of malicious websites."
    )]
    #[case::a_system_described("The keynote was focused on that Vera Rubin AI system and self-driving cars.")]
    #[case::websites_described("A report said that NSFW AI websites had taken share from OnlyFans.")]
    #[case::a_list_described("The event celebrates the third annual TIME100 AI list of people.")]
    #[case::published_after_a_date("The model held up in a study published on Tuesday in Nature Communications.")]
    #[case::a_headline_verb("Other articles at Mashable: Last.fm Partners with Sony BMG")]
    #[case::a_companys_division("Meta announced its new Superintelligence Labs division in June.")]
    #[case::a_public_bank("Lebanon is in a crisis the World Bank, the lender, called one of the worst.")]
    #[case::a_years_edition("She was behind the 2025 TIME100 AI cover art, and spoke of it.")]
    #[case::a_lists_honorees("The toasts were delivered by 2025 TIME100 AI honorees.")]
    #[case::a_charity("I co-founded the charity Open Rights Group years ago.")]
    #[case::a_list_of_campaigners(
        "OpenAI served subpoenas to seven advocacy groups, including Eko, the San Francisco Foundation, and Encode AI."
    )]
    fn capitalised_headings_declare_no_company(#[case] text: &str) {
        let declared = companies_of_kind(text, NameKind::Declared);
        assert!(declared.is_empty(), "{declared:?} in {text}");
    }

    #[rstest]
    #[case::maker_named("One Meta device, the Quest Pro, was criticised.")]
    #[case::not_introduced("The device, the Vexa Scanline, was criticised.")]
    #[case::no_thing("One of them, the Vexa Scanline, was criticised.")]
    #[case::one_word("One device that scans luggage, the Scanline, was criticised.")]
    fn a_product_is_its_brands_only_when_introduced_by_brand_and_model(#[case] text: &str) {
        let mut products = companies_of_kind(text, NameKind::Product);
        products.retain(|c| c != "Meta");
        assert!(products.is_empty(), "{products:?} in {text}");
    }

    /// Words by decoding every character: what `word_ranges` must agree with.
    fn words_by_characters(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    out.push(st..i);
                    start = None;
                }
                _ => {}
            }
        }
        out.extend(start.map(|st| st..text.len()));
        out
    }

    #[test]
    fn the_next_token_not_in_lower_case_is_found_across_blocks_and_odd_spaces() {
        fn by_tokens(text: &str, start: usize) -> Option<usize> {
            let mut at = 0;
            for token in text.split_inclusive(char::is_whitespace) {
                if at >= start && !token.as_bytes()[0].is_ascii_lowercase() {
                    return Some(at);
                }
                at += token.len();
            }
            None
        }
        // Mostly lower-case prose, so that scans run past a block's 64 bytes.
        let prose = ["said ", "that ", "the company ", "would ", "x", "a"];
        let odd = [
            "Meta ",
            "’s ",
            "é",
            " ",
            "\t",
            "\n",
            "\u{b}",
            "\u{a0}",
            "\u{2009}",
            "“Apple” ",
            "2026 ",
            "(the ",
            "naïve ",
        ];
        for seed in 0..1000usize {
            let mut text = String::new();
            let mut x = seed;
            while text.len() < 300 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let pick = x >> 33;
                text.push_str(if pick.is_multiple_of(8) {
                    odd[pick / 8 % odd.len()]
                } else {
                    prose[pick / 8 % prose.len()]
                });
            }
            let mut at = 0;
            for token in text.split_inclusive(char::is_whitespace) {
                assert_eq!(
                    next_unlowered_token(&text, at),
                    by_tokens(&text, at),
                    "{text:?} from {at}"
                );
                at += token.len();
            }
        }
    }

    #[test]
    fn words_are_the_same_whether_blocks_are_ascii_or_not() {
        let pieces = [
            "Meta",
            " ",
            "said",
            "’s",
            "é",
            ", ",
            "X-ray",
            "_id",
            "🙂",
            "\n",
            "2026",
            "“Apple”",
            "—",
            "naïve",
            "a",
        ];
        // Every mix of pieces, long enough to cross several 64-byte blocks
        // with words and multi-byte characters on the block edges.
        for text in mixed_texts(&pieces, 400, 200) {
            assert_eq!(word_ranges(&text), words_by_characters(&text), "{text:?}");
            let ascii: String = text.chars().filter(char::is_ascii).collect();
            assert_eq!(word_ranges(&ascii), words_by_characters(&ascii), "{ascii:?}");
        }
        // Every ASCII character, next to the letters and digits it may be
        // mistaken for, on either side of a block's edge.
        let every_ascii: String = (0..128u8).flat_map(|b| [char::from(b), 'z', 'A', '0']).collect();
        for from in 0..64 {
            let text = &every_ascii[from..];
            assert_eq!(word_ranges(text), words_by_characters(text), "{text:?}");
        }
        assert_eq!(word_ranges(""), Vec::<Range<usize>>::new());
        let long_word = "a".repeat(130);
        assert_eq!(word_ranges(&long_word), vec![0..130]);
    }

    /// `count` texts of at least `len` bytes, each a mix of `pieces` drawn by its own seed.
    fn mixed_texts(pieces: &[&str], count: usize, len: usize) -> Vec<String> {
        (0..count)
            .map(|seed| {
                let mut text = String::new();
                let mut x = seed;
                while text.len() < len {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    text.push_str(pieces[(x >> 33) % pieces.len()]);
                }
                text
            })
            .collect()
    }

    #[test]
    fn the_words_before_and_after_a_place_are_read_as_character_by_character() {
        fn previous_by_characters(text: &str, at: usize) -> &str {
            let before = text[..at].trim_end();
            let start = before
                .rfind(|c: char| !(is_word_char(c) || c == '.' || c == '’' || c == '\''))
                .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
            before[start..].trim_end_matches(['.', '’', '\''])
        }
        fn next_by_characters(text: &str, at: usize) -> &str {
            let rest = text[at..].trim_start_matches([' ', ',']);
            let end = rest
                .find(|c: char| !(is_word_char(c) || c == '’' || c == '\''))
                .unwrap_or(rest.len());
            &rest[..end]
        }
        let pieces = [
            "Meta", " ", "U.S.", "’s", "'s", "é", ", ", "_id", "🙂", "\n", "2026", "“", "—", "naïve", ".", "\u{a0}",
        ];
        for text in mixed_texts(&pieces, 300, 60) {
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(
                    previous_word(&text, at),
                    previous_by_characters(&text, at),
                    "{text:?} at {at}"
                );
                assert_eq!(next_word(&text, at), next_by_characters(&text, at), "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn a_quote_mark_after_a_short_word_is_no_boundary_trouble() {
        for text in [
            "shares of’ Acme Inc. rose",
            "a’ Acme Inc., a startup",
            "on’ Acme Corp said",
        ] {
            let names: Vec<String> = companies().find(text).into_iter().map(|m| m.company).collect();
            assert_eq!(names, ["Acme"], "{text}");
        }
    }

    #[test]
    fn a_source_with_a_closing_mark_before_the_comma_is_read_safely() {
        for (text, want) in [
            ("According to’ Acme Labs, the startup said.", "Acme Labs"),
            ("Sold to’ Acme Labs, a startup.", "Acme Labs"),
            ("to’ X, a", "X"),
        ] {
            let names: Vec<String> = companies().find(text).into_iter().map(|m| m.company).collect();
            assert_eq!(names, [want], "{text}");
        }
    }

    #[test]
    fn a_legal_form_alone_is_no_company() {
        let names: Vec<String> = companies()
            .find("They sued Character Technologies, Inc., the company behind the app.")
            .into_iter()
            .map(|m| m.company)
            .collect();
        assert_eq!(names, ["Character Technologies"]);
    }

    #[test]
    fn aliases_resolve_to_the_parent() {
        let c = companies();
        assert_eq!(c.resolve("whatsapp"), Some("Meta"));
        assert_eq!(c.resolve("YouTube"), Some("Google"));
        assert_eq!(c.resolve("Nope"), None);
    }

    #[test]
    fn a_name_given_to_two_companies_is_refused() {
        let dict = "[[company]]\nname = \"A\"\naliases = [\"Same\"]\n[[company]]\nname = \"B\"\naliases = [\"same\"]\n";
        assert!(matches!(
            Companies::from_toml(dict),
            Err(CompaniesError::Duplicate { .. })
        ));
    }
}
