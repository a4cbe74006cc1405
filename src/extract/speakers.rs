//! Who speaks in a sentence: the subject of a reporting verb ("Meta said",
//! "said Ofcom", "according to the complaint"), resolved through the people
//! named in the article ("Meta’s communications director, Andy Stone"),
//! the dictionary's people, pronouns and "the company".

use std::collections::HashMap;
use std::ops::Range;

use super::companies::{Companies, NameKind};
use super::lexicon::{self, ACCUSERS, COMPANY_ANAPHORS, COMPANY_ROLES, POSITION_VERBS, SPEECH_VERBS};
use super::sentence::{Sent, TokenKind};
use crate::model::Accuser;

/// The side a speaker is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Party {
    /// Speaks for a company.
    Company { company: String, role: String },
    /// Makes or reports charges: a regulator, court, plaintiff, critic, ...
    Accuser(Accuser),
    /// Anyone else.
    Bystander,
}

/// A speaker as the article names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub party: Party,
    /// The person's name, or the role as written ("a Meta spokesperson").
    pub name: String,
    /// Whether this is a person (resolves "he", "she").
    pub person: bool,
}

impl Speaker {
    pub fn company(&self) -> Option<&str> {
        match &self.party {
            Party::Company { company, .. } => Some(company),
            _ => None,
        }
    }

    pub fn accuser(&self) -> Option<Accuser> {
        match &self.party {
            Party::Accuser(a) => Some(*a),
            _ => None,
        }
    }
}

/// The article's people and what they speak for, by full and last name.
#[derive(Debug, Default)]
pub struct People {
    by_name: HashMap<String, Speaker>,
}

/// Capitalised words that do not start a person's name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sen",
    "Rep",
    "Gov",
    "President",
    "Judge",
    "Justice",
    "Chief",
    "Prime",
    "Minister",
    "Secretary",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "U.S",
    "U.K",
    "E.U",
    "European",
    "Federal",
    "National",
    "United",
    "States",
    "Commission",
    "Court",
    "District",
    "Department",
    "According",
    "However",
    "Meanwhile",
    "Read",
    "More",
    "Related",
    "Image",
    "Photo",
    "Source",
    "Sources",
    "Despite",
    "Under",
    "Since",
    "For",
    "From",
    "With",
    "By",
    "To",
    "Of",
    "As",
    "Also",
    "Last",
    "Earlier",
    "Later",
    "New",
    "Democrat",
    "Democrats",
    "Republican",
    "Republicans",
    "Senate",
    "House",
    "Congress",
    "Parliament",
    "Supreme",
    "Attorney",
    "General",
    "Google",
    "Apple",
    "Amazon",
    "Meta",
    "Microsoft",
];

impl People {
    /// Finds the people an article names and what they speak for.
    pub fn build(sents: &[Sent], companies: &Companies) -> People {
        let mut people = People::default();
        let mut last_company: Option<String> = None;
        for s in sents {
            for m in &s.mentions {
                if let (NameKind::Person, Some(p)) = (m.kind, m.person) {
                    let name = s.text[m.span.clone()].to_owned();
                    let role = companies.people().get(p).map(|p| p.role.clone()).unwrap_or_default();
                    people.insert(
                        &name,
                        Speaker {
                            party: Party::Company {
                                company: m.company.clone(),
                                role,
                            },
                            name: name.clone(),
                            person: true,
                        },
                    );
                }
            }
            for (span, name) in person_names(s) {
                if people.by_name.contains_key(&name.to_lowercase()) {
                    continue;
                }
                if let Some(party) = affiliation(s, &span, last_company.as_deref()) {
                    people.insert(
                        &name,
                        Speaker {
                            party,
                            name: name.clone(),
                            person: true,
                        },
                    );
                }
            }
            if let Some(m) = s.actors().last() {
                last_company = Some(m.company.clone());
            }
        }
        people
    }

    fn insert(&mut self, name: &str, speaker: Speaker) {
        let lower = name.to_lowercase();
        if let Some(last) = lower.split_whitespace().last()
            && last != lower
            && last.len() > 2
        {
            self.by_name.entry(last.to_owned()).or_insert_with(|| speaker.clone());
        }
        self.by_name.insert(lower, speaker);
    }

    pub fn get(&self, name: &str) -> Option<&Speaker> {
        self.by_name.get(&name.to_lowercase())
    }
}

/// Capitalised words that are titles or nouns, never part of a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    "Secretary",
    "Minister",
    "Ministry",
    "President",
    "Vice",
    "Prime",
    "Chief",
    "Judge",
    "Justice",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Commissioner",
    "Director",
    "Attorney",
    "General",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Governor",
    "Gov",
    "Mayor",
    "Prosecutor",
    "Technology",
    "Communication",
    "Communications",
    "Digital",
    "Affairs",
    "Commission",
    "Office",
    "Department",
    "House",
    "Commons",
    "Lords",
    "Court",
    "District",
    "State",
    "States",
    "Union",
    "University",
    "Institute",
    "Act",
    "Law",
    "Online",
    "Safety",
    "Group",
    "Team",
    "Party",
    "Committee",
    "Agency",
    "Authority",
    "Council",
    "Board",
    "Foundation",
    "Center",
    "Centre",
    "Association",
    "Bureau",
    "Service",
    "Services",
    "Administration",
    "Federal",
    "National",
    "European",
    "American",
    "British",
    "French",
    "German",
    "Chinese",
    "Indian",
    "Democrat",
    "Republican",
    "Democratic",
    "Street",
    "Avenue",
    "Road",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Professor",
    "Prof",
    "Lawyer",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Head",
    "Officer",
    "Executive",
    "Founder",
    "Co-founder",
    "Partner",
    "Manager",
    "Analyst",
    "Editor",
    "Reporter",
    "Correspondent",
    "Inc",
    "Corp",
    "LLC",
    "Ltd",
    "AI",
    "Data",
    "Privacy",
    "Security",
    "Trade",
    "Competition",
    "Markets",
    "Information",
    "Commons",
    "Parliament",
    "Senate",
    "Congress",
    "Capitol",
    "Hill",
    "Valley",
    "Silicon",
    "Virginia",
    "California",
    "Texas",
    "York",
    "Washington",
    "London",
    "Paris",
    "Brussels",
    "Alexandria",
    "Seattle",
    "San",
    "Francisco",
    "Los",
    "Angeles",
    "Dublin",
    "Berlin",
    "Beijing",
    "Tokyo",
    "Delhi",
    "Canberra",
    "Ottawa",
];

/// Sequences of two or three capitalised words that look like a person's
/// name, titles in front dropped ("Technology Secretary Liz Kendall" is
/// "Liz Kendall").
pub fn person_names(s: &Sent) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let words: Vec<(Range<usize>, &str)> = word_spans(&s.text);
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(words[i].1) || NOT_NAMES.contains(&words[i].1) || NOT_NAME_WORDS.contains(&words[i].1) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < words.len()
            && j - i < 3
            && is_name_word(words[j].1)
            && !NOT_NAME_WORDS.contains(&words[j].1)
            && s.text[words[j - 1].0.end..words[j].0.start] == *" "
        {
            j += 1;
        }
        let determiner_before = i > 0 && matches!(words[i - 1].1, "the" | "The" | "a" | "A" | "an" | "An");
        // "Global Government Affairs team", "Drivers Alliance of New York":
        // the run goes on into an organisation's name.
        let org_word_follows = words
            .get(j)
            .is_some_and(|w| NOT_NAME_WORDS.contains(&w.1) && s.text[words[j - 1].0.end..w.0.start] == *" ");
        let span_end = words[j - 1].0.end;
        let rest = &s.narr[span_end.min(s.narr.len())..];
        let org_possessive =
            (rest.starts_with("’s ") || rest.starts_with("'s ") || rest.starts_with("’ ") || rest.starts_with("' "))
                && {
                    let after = rest.split_once(' ').map_or("", |(_, a)| a);
                    COMPANY_ROLES.iter().any(|r| after.starts_with(r))
                };
        if j - i >= 2 && !determiner_before && !org_word_follows && !org_possessive {
            let span = words[i].0.start..words[j - 1].0.end;
            let overlaps_company = s
                .mentions
                .iter()
                .any(|m| m.kind != NameKind::Person && m.span.start < span.end && span.start < m.span.end);
            if !overlaps_company {
                out.push((span.clone(), s.text[span].to_owned()));
            }
        }
        i = j;
    }
    out
}

fn word_spans(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '-' || (c == '.' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st..i, text[st..i].trim_end_matches('.')));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st..text.len(), text[st..].trim_end_matches('.')));
    }
    out.into_iter().map(|(r, w)| (r.start..r.start + w.len(), w)).collect()
}

fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return false };
    let rest: String = chars.collect();
    first.is_uppercase()
        && rest.chars().any(char::is_lowercase)
        && !rest.chars().any(|c| c.is_ascii_digit())
        && w.len() >= 2
}

/// What a named person speaks for, from the words around the name:
/// "Meta’s communications director, Andy Stone", "Andy Stone, a Meta
/// spokesman,", "chief prosecutor Laure Beccuau", "hedge fund manager Michael Burry".
fn affiliation(s: &Sent, span: &Range<usize>, last_company: Option<&str>) -> Option<Party> {
    let before_start = name_phrase_start(&s.narr, span.start);
    let before = &s.narr[before_start..span.start];
    let after = &s.narr[span.end..];
    let appositive = after
        .strip_prefix(',')
        .and_then(|a| a.find([',', '.', ';', '(', ')']).map(|e| &a[..e]))
        .filter(|a| is_appositive(a))
        .unwrap_or("");
    let lower = format!("{before} {appositive}");
    let company_in_context = s
        .actors()
        .filter(|m| {
            (m.span.end <= span.start && m.span.start >= before_start)
                || (m.span.start >= span.end && m.span.start <= span.end + 1 + appositive.len())
        })
        .map(|m| m.company.clone())
        .last();
    let role = COMPANY_ROLES
        .iter()
        .copied()
        .filter(|r| lexicon::contains_phrase(&lower, r))
        .max_by_key(|r| r.len());
    let former = [
        "former",
        "ex-",
        "onetime",
        "one-time",
        "whistleblower",
        "fired",
        "laid off",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if former && (role.is_some() || company_in_context.is_some()) {
        return Some(Party::Accuser(Accuser::Employee));
    }
    if let (Some(role), Some(company)) = (role, company_in_context)
        && (!is_accuser_context(&lower) || lower.contains("’s") || lower.contains("'s"))
    {
        return Some(Party::Company {
            company,
            role: role.to_owned(),
        });
    }
    if let Some(role) = role {
        let refers_back = [
            "the company’s",
            "the company's",
            "its",
            "company",
            "the firm’s",
            "the firm's",
            "the group’s",
        ]
        .iter()
        .any(|w| lexicon::contains_phrase(&lower, w));
        if refers_back
            && accuser_in(&lower).is_none_or(|a| matches!(a, Accuser::Critic))
            && let Some(c) = last_company
        {
            return Some(Party::Company {
                company: c.to_owned(),
                role: role.to_owned(),
            });
        }
    }
    accuser_in(&lower).map(Party::Accuser)
}

/// Where the words describing a name begin: the noun phrase before it, up to
/// a comma or a clause mark ("hedge fund manager Michael Burry, played by
/// Christian Bale": Bale's phrase is "played by"); when the name follows a
/// comma directly, the phrase before that comma ("Meta’s communications
/// director, Andy Stone").
fn name_phrase_start(narr: &str, at: usize) -> usize {
    const MARKS: [char; 5] = [',', ';', '"', '(', ':'];
    let from = floor_char(narr, at.saturating_sub(80));
    let mut start = narr[from..at].rfind(MARKS).map_or(from, |p| from + p + 1);
    if narr[start..at].trim().is_empty() && start > from {
        let comma = start - 1;
        start = narr[from..comma].rfind(MARKS).map_or(from, |p| from + p + 1);
    }
    start
}

/// ", a Meta spokesman," or ", the committee’s top Democrat,": words that
/// describe the name before them, not what the person did ("said ...").
fn is_appositive(a: &str) -> bool {
    let mut words = a.split_whitespace();
    let Some(first) = words.next() else { return false };
    let first = first.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'');
    matches!(
        first,
        "a" | "an"
            | "the"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "who"
            | "whose"
            | "one"
            | "then"
            | "now"
            | "also"
    ) || first.ends_with("’s")
        || first.ends_with("'s")
        || first.ends_with('’')
        || COMPANY_ROLES.iter().any(|r| a.trim_start().starts_with(r))
        || accuser_in(first).is_some()
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_accuser_context(lower: &str) -> bool {
    accuser_in(lower).is_some_and(|a| !matches!(a, Accuser::Critic | Accuser::Employee))
}

/// The first kind of accuser named in `lower`.
pub fn accuser_in(lower: &str) -> Option<Accuser> {
    ACCUSERS
        .iter()
        .find(|(_, words)| words.iter().any(|w| lexicon::contains_phrase(lower, w)))
        .map(|(a, _)| *a)
}

/// What the sentence's reporting verb says about who speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Speaker,
    /// Token index of the reporting verb.
    pub verb: usize,
    pub verb_text: String,
    /// The speaker comes after the verb ("…,” said Ofcom): what was said
    /// stands before it.
    pub inverted: bool,
}

/// Reporting verbs that may come before their subject ("…,” said Ofcom).
const INVERTIBLE: &[&str] = &[
    "said",
    "says",
    "wrote",
    "writes",
    "added",
    "adds",
    "argued",
    "argues",
    "noted",
    "notes",
    "continued",
    "explained",
    "asked",
    "insisted",
    "countered",
    "replied",
    "responded",
    "stated",
    "according",
    "tweeted",
    "posted",
    "warned",
];

/// Running context for resolving "he", "it" and "the company".
#[derive(Debug, Default, Clone)]
pub struct Context {
    pub last_person: Option<Speaker>,
    pub last_org: Option<Speaker>,
    pub last_company: Option<String>,
    /// The company the article is mainly about (most accused so far).
    pub focus: Option<String>,
}

/// Finds the speaker of `s`, if its narration attributes speech.
pub fn attribute(s: &Sent, people: &People, ctx: &Context) -> Option<Attribution> {
    let verbs: Vec<usize> = s
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.kind == TokenKind::Word
                && (SPEECH_VERBS.contains(&t.text.as_str()) || POSITION_VERBS.contains(&t.text.as_str()))
        })
        .map(|(i, _)| i)
        .collect();
    for &v in &verbs {
        let verb_text = s.tokens[v].text.clone();
        // "Netflix is reported to have spent": a passive, nobody speaks.
        if v > 0
            && matches!(
                s.tokens[v - 1].text.as_str(),
                "is" | "was" | "are" | "were" | "been" | "be" | "being"
            )
        {
            continue;
        }
        if verb_text == "according" {
            if s.tokens.get(v + 1).is_some_and(|t| t.text == "to")
                && let Some(sp) = subject_after(s, v + 2, people, ctx)
            {
                return Some(Attribution {
                    speaker: sp,
                    verb: v,
                    verb_text,
                    inverted: false,
                });
            }
            continue;
        }
        // "…,” said Ofcom" / "says Reality Defender": the subject follows.
        let after_quote = match v.checked_sub(1).map(|p| s.tokens[p].kind) {
            None | Some(TokenKind::Quote) => true,
            Some(TokenKind::Comma) => v < 2 || s.tokens[v - 2].kind == TokenKind::Quote,
            _ => false,
        };
        let inverted = after_quote
            && INVERTIBLE.contains(&verb_text.as_str())
            && s.tokens.get(v + 1).is_some_and(|t| t.kind == TokenKind::Word);
        if inverted && let Some(sp) = subject_after(s, v + 1, people, ctx) {
            return Some(Attribution {
                speaker: sp,
                verb: v,
                verb_text,
                inverted: true,
            });
        }
        if let Some(sp) = subject_before(s, v, people, ctx) {
            return Some(Attribution {
                speaker: sp,
                verb: v,
                verb_text,
                inverted: false,
            });
        }
    }
    None
}

/// The entity in tokens `[from, to)` closest to `anchor` (`to` for a subject
/// before its verb, `from` for one after).
pub fn entity_in(
    s: &Sent,
    from: usize,
    to: usize,
    before_verb: bool,
    people: &People,
    ctx: &Context,
) -> Option<Speaker> {
    if from >= to {
        return None;
    }
    let start = s.tokens[from].span.start;
    let end = s.tokens[to - 1].span.end;
    let region = &s.narr[start..end];
    let order: Box<dyn Iterator<Item = usize>> = if before_verb {
        Box::new((from..to).rev())
    } else {
        Box::new(from..to)
    };
    let mut candidates: Vec<(usize, Speaker)> = Vec::new();
    let skipped = if before_verb { asides(s, from, to) } else { Vec::new() };
    let in_aside = |tok: usize| skipped.iter().any(|r| r.contains(&tok));
    // People named in the region.
    for (span, name) in person_names(s) {
        if span.start >= start && span.end <= end {
            if let Some(p) = people.get(&name) {
                candidates.push((s.token_at(span.start), p.clone()));
            } else {
                candidates.push((
                    s.token_at(span.start),
                    Speaker {
                        party: Party::Bystander,
                        name,
                        person: true,
                    },
                ));
            }
        }
    }
    // Dictionary people and companies.
    for m in &s.mentions {
        if m.span.start < start || m.span.end > end {
            continue;
        }
        let at = s.token_at(m.span.start);
        if m.kind == NameKind::Person {
            let name = s.text[m.span.clone()].to_owned();
            let sp = people.get(&name).cloned().unwrap_or(Speaker {
                party: Party::Company {
                    company: m.company.clone(),
                    role: String::new(),
                },
                name,
                person: true,
            });
            candidates.push((at, sp));
        } else if m.actor {
            let role = COMPANY_ROLES
                .iter()
                .copied()
                .filter(|r| lexicon::contains_phrase(region, r))
                .max_by_key(|r| r.len());
            let name = match role {
                Some(r) => role_phrase(s, start, end, r, &m.company),
                None => String::new(),
            };
            candidates.push((
                at,
                Speaker {
                    party: Party::Company {
                        company: m.company.clone(),
                        role: role.unwrap_or("").to_owned(),
                    },
                    name,
                    person: role.is_some(),
                },
            ));
        }
    }
    // Lone surnames of people named earlier ("Stone said").
    for i in from..to {
        let t = &s.tokens[i];
        if t.kind == TokenKind::Word {
            let original = &s.text[t.span.clone()];
            if original.chars().next().is_some_and(char::is_uppercase)
                && let Some(p) = people.get(original.trim_end_matches("’s").trim_end_matches("'s"))
                && !candidates.iter().any(|(at, _)| *at == i)
            {
                candidates.push((i, p.clone()));
            }
        }
    }
    candidates.retain(|(at, _)| !in_aside(*at));
    if let Some((_, sp)) = pick(&candidates, before_verb) {
        return Some(sp);
    }
    for i in order {
        let t = &s.tokens[i];
        if t.kind != TokenKind::Word {
            continue;
        }
        match t.text.as_str() {
            "he" | "she" => return ctx.last_person.clone(),
            "it" | "they" => {
                return ctx
                    .last_org
                    .clone()
                    .or_else(|| ctx.last_person.clone().filter(|_| t.text == "they"));
            }
            _ => {}
        }
    }
    if COMPANY_ANAPHORS.iter().any(|a| lexicon::contains_phrase(region, a)) {
        let company = ctx.last_company.clone().or_else(|| ctx.focus.clone())?;
        return Some(Speaker {
            party: Party::Company {
                company,
                role: String::new(),
            },
            name: String::new(),
            person: false,
        });
    }
    if let Some(role) = COMPANY_ROLES
        .iter()
        .copied()
        .filter(|r| {
            matches!(
                *r,
                "spokesperson" | "spokesman" | "spokeswoman" | "representative" | "spokespeople"
            )
        })
        .find(|r| lexicon::contains_phrase(region, r))
        && let Some(company) = ctx.focus.clone().or_else(|| ctx.last_company.clone())
        && accuser_in(region).is_none()
    {
        return Some(Speaker {
            party: Party::Company {
                company,
                role: role.to_owned(),
            },
            name: format!("a {role}"),
            person: true,
        });
    }
    if let Some(a) = accuser_in(region) {
        return Some(Speaker {
            party: Party::Accuser(a),
            name: String::new(),
            person: false,
        });
    }
    None
}

/// The candidate nearest the verb.
fn pick(candidates: &[(usize, Speaker)], before_verb: bool) -> Option<(usize, Speaker)> {
    let best = if before_verb {
        candidates.iter().max_by_key(|(at, _)| *at)
    } else {
        candidates.iter().min_by_key(|(at, _)| *at)
    };
    best.cloned()
}

/// "a Meta spokesperson", "Meta’s communications director" as written.
fn role_phrase(s: &Sent, start: usize, end: usize, role: &str, company: &str) -> String {
    let region = &s.text[start..end];
    let lower = region.to_ascii_lowercase();
    if let Some(p) = lexicon::find_phrase(&lower, role) {
        let before = &region[..p];
        let from = before.rfind([',', ';']).map_or(0, |c| c + 1);
        let phrase = region[from..p + role.len()].trim();
        let phrase = phrase.trim_start_matches(|c: char| !c.is_alphanumeric());
        if phrase.to_lowercase().contains(&company.to_lowercase()) || phrase.len() < 60 {
            return phrase.to_owned();
        }
    }
    format!("a {company} {role}")
}

pub fn clause_start(s: &Sent, verb: usize) -> usize {
    const BOUNDARIES: &[&str] = &[
        "that", "because", "but", "while", "although", "though", "after", "when", "as", "if",
    ];
    let mut i = verb;
    let mut words = 0;
    while i > 0 {
        let t = &s.tokens[i - 1];
        match t.kind {
            TokenKind::Quote | TokenKind::Break => break,
            TokenKind::Word if BOUNDARIES.contains(&t.text.as_str()) => break,
            TokenKind::Word if matches!(t.text.as_str(), "which" | "who" | "whose") => {
                // ", which ... ," is an aside: the subject stands before it.
                if i >= 2 && s.tokens[i - 2].kind == TokenKind::Comma && relative_clause_closes(s, i, verb) {
                    i -= 2;
                    continue;
                }
                break;
            }
            _ => {}
        }
        words += 1;
        if words > 20 {
            break;
        }
        i -= 1;
    }
    i
}

fn relative_clause_closes(s: &Sent, from: usize, verb: usize) -> bool {
    s.tokens[from..verb].iter().any(|t| t.kind == TokenKind::Comma)
}

/// Token ranges of ", which ... ," asides within `[from, to)`.
fn asides(s: &Sent, from: usize, to: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let opens_aside = s.tokens[i].kind == TokenKind::Comma
            && s.tokens
                .get(i + 1)
                .is_some_and(|t| matches!(t.text.as_str(), "which" | "who" | "whose"));
        if opens_aside && let Some(close) = (i + 2..to).find(|&j| s.tokens[j].kind == TokenKind::Comma) {
            out.push(i..close + 1);
            i = close + 1;
            continue;
        }
        i += 1;
    }
    out
}

fn subject_before(s: &Sent, verb: usize, people: &People, ctx: &Context) -> Option<Speaker> {
    let from = clause_start(s, verb);
    entity_in(s, from, verb, true, people, ctx)
}

fn subject_after(s: &Sent, from: usize, people: &People, ctx: &Context) -> Option<Speaker> {
    let mut to = from;
    while to < s.tokens.len() && to - from < 10 {
        let t = &s.tokens[to];
        if matches!(t.kind, TokenKind::Quote | TokenKind::Break)
            || (t.kind == TokenKind::Word
                && matches!(
                    t.text.as_str(),
                    "that" | "in" | "on" | "to" | "last" | "this" | "when" | "after"
                ))
                && to > from
        {
            break;
        }
        to += 1;
    }
    entity_in(s, from, to, false, people, ctx)
}
