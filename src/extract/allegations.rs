//! Allegations: a cue of wrongdoing in the narration, who makes the charge
//! (the cue's subject, else the source named in the sentence) and against
//! which companies (the cue's object or the embedded clause's subject).

use super::lexicon::{self, ALLEGATION_VERBS, COMPANY_ANAPHORS, HEDGES, NEUTRAL_STARTS, OBJECT_VERBS};
use super::sentence::{Sent, TokenKind};
use super::speakers::{Attribution, Context, Party, People, Speaker, accuser_in, clause_start, entity_in};
use crate::model::Accuser;

/// What the allegation rule found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allegation {
        against: Vec<String>,
        by: Accuser,
    },
    /// A company turning a charge on its accuser ("Meta accused the FTC of
    /// overreach"): its answer, not a charge against it.
    CounterAccusation {
        company: String,
    },
    None,
}

/// Accusation verbs whose subject is the accuser.
const ACTIVE_ACCUSATION: &[&str] = &[
    "accused",
    "accuses",
    "accuse",
    "accusing",
    "sued",
    "sues",
    "sue",
    "suing",
    "criticized",
    "criticised",
    "criticizes",
    "criticises",
    "blamed",
    "blames",
    "slammed",
    "blasted",
    "attacked",
    "lambasted",
    "condemned",
];

/// Passive or intransitive cues whose subject is the accused ("Meta faces", "X was fined").
const PASSIVE_MARKERS: &[&str] = &[
    "is", "was", "were", "are", "been", "be", "being", "has", "have", "had", "faces", "faced", "facing",
];

pub fn detect(
    s: &Sent,
    own: Option<&Attribution>,
    speaker: Option<&Speaker>,
    people: &People,
    ctx: &Context,
    last_against: &[String],
    context_lawsuit: bool,
) -> Verdict {
    if s.is_question() && speaker.and_then(Speaker::accuser).is_none() {
        return Verdict::None;
    }
    let trimmed = s.narr[s.body_start()..].trim_start_matches(|c: char| !c.is_alphanumeric());
    if NEUTRAL_STARTS.iter().any(|h| trimmed.starts_with(h))
        || own.is_none() && HEDGES.iter().any(|h| trimmed.starts_with(h))
    {
        return Verdict::None;
    }
    if let Some(att) = own
        && let Some(v) = reported(s, att, ctx, last_against, context_lawsuit)
    {
        return v;
    }
    let Some((cue_at, cue)) = first_cue(s) else {
        return Verdict::None;
    };
    let cue_token = s.token_at(cue_at);
    let from = clause_start(s, cue_token);
    let subject = entity_in(s, from, cue_token, true, people, ctx);
    let object_companies = companies_after(s, cue_token, 20);
    let active = ACTIVE_ACCUSATION.contains(&cue) || OBJECT_VERBS.contains(&cue);
    let passive = cue_token > 0
        && s.tokens[from..cue_token]
            .iter()
            .rev()
            .take(3)
            .any(|t| PASSIVE_MARKERS.contains(&t.text.as_str()));
    let faces = matches!(cue, "faces" | "faced" | "facing") || legal_noun_object(s, from, cue_token, cue);

    if let Some(Party::Company { company, .. }) = subject.as_ref().map(|sp| &sp.party) {
        if faces {
            let by = implied_by_noun(&s.loose).unwrap_or(Accuser::Other);
            return Verdict::Allegation {
                against: vec![company.clone()],
                by,
            };
        }
        if !passive {
            let others: Vec<String> = object_companies.iter().filter(|c| *c != company).cloned().collect();
            if active && !others.is_empty() {
                let by = if matches!(cue, "sued" | "sues" | "sue" | "suing") || context_lawsuit {
                    Accuser::Lawsuit
                } else {
                    Accuser::Critic
                };
                return Verdict::Allegation { against: others, by };
            }
            if active
                && (accuser_in(&region_text(s, cue_token + 1, 10)).is_some()
                    || names_person_or_group_after(s, cue_token))
            {
                return Verdict::CounterAccusation {
                    company: company.clone(),
                };
            }
            // A company talking about allegations, or acting: not a charge.
            if accuser_in(&region_text(s, from, cue_token - from)).is_none() {
                return Verdict::None;
            }
        }
    }

    let mut by = subject
        .as_ref()
        .and_then(Speaker::accuser)
        .or_else(|| speaker.and_then(Speaker::accuser));
    if by.is_none() {
        by = accuser_in(&region_text(s, from, cue_token.saturating_sub(from)));
    }
    let mut against: Vec<String> = Vec::new();
    if passive {
        against = companies_before(s, from, cue_token);
    }
    if against.is_empty() && (active || is_that_verb(cue)) {
        against = if is_that_verb(cue) {
            embedded_subject(s, cue_token)
        } else {
            object_companies.clone()
        };
    }
    if against.is_empty() {
        against = object_companies.clone();
    }
    // In "The company was criticised by ...", the subject is the accused.
    let accuser_company = subject
        .as_ref()
        .and_then(Speaker::company)
        .map(str::to_owned)
        .filter(|_| !passive);
    if against.is_empty() {
        against = s
            .actors()
            .map(|m| m.company.clone())
            .filter(|c| Some(c) != accuser_company.as_ref())
            .collect();
        against.dedup();
    }
    if against.is_empty() && refers_back(&s.narr) {
        against = last_against.to_vec();
        if against.is_empty() {
            against.extend(ctx.focus.clone());
        }
    }
    let against = unique_without(against, accuser_company.as_deref());
    if against.is_empty() {
        return Verdict::None;
    }
    let by = by
        .or_else(|| accuser_in(&s.loose))
        .unwrap_or_else(|| implied_accuser(cue));
    let by = if context_lawsuit && matches!(by, Accuser::Other | Accuser::Critic) {
        Accuser::Lawsuit
    } else {
        by
    };
    Verdict::Allegation { against, by }
}

/// "A said (that) B did wrong", "according to A, B did wrong": the speaker
/// is the accuser, the companies of the reported clause the accused.
fn reported(
    s: &Sent,
    att: &Attribution,
    ctx: &Context,
    last_against: &[String],
    context_lawsuit: bool,
) -> Option<Verdict> {
    let cue = first_cue(s).is_some() || any_cue(&s.lower);
    // What was said: after the verb, or before it when the speaker follows
    // ("…, said the British Medical Journal"); all of it for "according to".
    let said: Vec<String> = if att.verb_text == "according" {
        companies_from(s, 0)
    } else if att.inverted {
        companies_before(s, 0, att.verb)
    } else {
        companies_from(s, att.verb + 1)
    };
    match &att.speaker.party {
        Party::Accuser(by) => {
            let mut against = if att.inverted {
                Vec::new()
            } else {
                embedded_subject(s, att.verb)
            };
            if against.is_empty() {
                against = said;
            }
            if against.is_empty() && att.verb_text != "according" {
                against = quoted_companies(s);
            }
            let according = att.verb_text == "according";
            let strong = matches!(
                by,
                Accuser::Regulator | Accuser::Court | Accuser::Lawsuit | Accuser::Lawmaker
            );
            if against.is_empty() && cue && (strong || according || refers_back(&s.narr) || refers_back(&s.lower)) {
                against = if last_against.is_empty() {
                    ctx.focus.iter().cloned().collect()
                } else {
                    last_against.to_vec()
                };
            }
            let against = unique_without(against, None);
            if against.is_empty() || !(cue || strong) {
                return Some(Verdict::None);
            }
            Some(Verdict::Allegation { against, by: *by })
        }
        Party::Company { company, .. } => {
            // A company's own statement charges only other companies.
            let targets = unique_without(said, Some(company));
            if targets.is_empty() || first_cue(s).is_none() {
                return Some(Verdict::None);
            }
            let by = match accuser_in(&s.lower) {
                Some(a @ (Accuser::Lawsuit | Accuser::Researcher | Accuser::Media)) => a,
                _ if context_lawsuit => Accuser::Lawsuit,
                _ => Accuser::Critic,
            };
            Some(Verdict::Allegation { against: targets, by })
        }
        Party::Bystander => None,
    }
}

fn refers_back(text: &str) -> bool {
    COMPANY_ANAPHORS
        .iter()
        .chain(["it", "its", "they", "company", "the companies"].iter())
        .any(|a| lexicon::contains_phrase(text, a))
}

fn any_cue(lower: &str) -> bool {
    ALLEGATION_VERBS.iter().any(|c| lexicon::contains_phrase(lower, c))
}

fn unique_without(list: Vec<String>, except: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in list {
        if !out.contains(&c) && Some(c.as_str()) != except {
            out.push(c);
        }
    }
    out
}

/// Companies named from token `from` to the end of the sentence.
fn companies_from(s: &Sent, from: usize) -> Vec<String> {
    let start = s.tokens.get(from).map_or(usize::MAX, |t| t.span.start);
    s.actors()
        .filter(|m| m.span.start >= start)
        .map(|m| m.company.clone())
        .collect()
}

fn quoted_companies(s: &Sent) -> Vec<String> {
    s.actors()
        .filter(|m| !s.in_narration(&m.span))
        .map(|m| m.company.clone())
        .collect()
}

/// "Nintendo fended off class-action lawsuits over defective straps": a
/// company acting on a described legal action against it.
fn legal_noun_object(s: &Sent, from: usize, cue_token: usize, cue: &str) -> bool {
    if !matches!(
        cue,
        "lawsuit" | "lawsuits" | "complaint" | "fine" | "fines" | "probe" | "scrutiny" | "charges"
    ) {
        return false;
    }
    let before = s.tokens[from..cue_token]
        .iter()
        .rev()
        .take(3)
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>();
    let anaphoric = before.iter().any(|w| {
        matches!(
            *w,
            "the" | "these" | "those" | "such" | "its" | "their" | "this" | "that"
        )
    });
    let responds = s.tokens[from..cue_token]
        .iter()
        .any(|t| lexicon::SPEECH_VERBS.contains(&t.text.as_str()));
    let described = s.tokens.get(cue_token + 1).is_some_and(|t| {
        matches!(
            t.text.as_str(),
            "over" | "alleging" | "accusing" | "claiming" | "that" | "for" | "from" | "by"
        )
    });
    !anaphoric && !responds && described
}

/// The accuser a legal noun implies ("faces a lawsuit", "faces a fine").
fn implied_by_noun(text: &str) -> Option<Accuser> {
    if [
        "lawsuit",
        "lawsuits",
        "suit",
        "class-action",
        "class action",
        "complaint",
    ]
    .iter()
    .any(|w| lexicon::contains_phrase(text, w))
    {
        return Some(Accuser::Lawsuit);
    }
    if [
        "fine",
        "fines",
        "probe",
        "investigation",
        "inquiry",
        "charges",
        "penalty",
    ]
    .iter()
    .any(|w| lexicon::contains_phrase(text, w))
    {
        return Some(Accuser::Regulator);
    }
    if ["criticism", "backlash", "outrage"]
        .iter()
        .any(|w| lexicon::contains_phrase(text, w))
    {
        return Some(Accuser::Critic);
    }
    None
}

/// The first cue of wrongdoing in the narration, with its byte offset.
fn first_cue(s: &Sent) -> Option<(usize, &'static str)> {
    ALLEGATION_VERBS
        .iter()
        .filter_map(|c| lexicon::find_phrase(&s.loose, c).map(|p| (p, *c)))
        .min_by_key(|(p, c)| (*p, std::cmp::Reverse(c.len())))
}

fn is_that_verb(cue: &str) -> bool {
    matches!(
        cue,
        "allege"
            | "alleges"
            | "alleged"
            | "alleging"
            | "found that"
            | "finds that"
            | "concluded"
            | "ruled"
            | "claim"
            | "claims"
            | "claimed"
    )
}

/// The accuser a cue implies when the sentence names none.
fn implied_accuser(cue: &str) -> Accuser {
    match cue {
        "sue" | "sues" | "sued" | "suing" | "lawsuit" | "lawsuits" | "complaint" | "damages" | "seeking" => {
            Accuser::Lawsuit
        }
        "fine" | "fines" | "fined" | "fining" | "penalty" | "penalized" | "penalised" | "investigation into"
        | "investigating" | "investigate" | "investigates" | "probe" | "probing" | "probes" | "inquiry into"
        | "raid" | "raided" | "summoned" | "banned" | "ban" | "blocked" | "crack down" | "cracks down"
        | "cracking down" | "antitrust" => Accuser::Regulator,
        "ruled" | "liable" | "guilty" | "ordered" | "orders" => Accuser::Court,
        "found that" | "finds that" | "vulnerability" | "vulnerable" | "flaw" | "bypass" | "hijack" | "hijacked" => {
            Accuser::Researcher
        }
        "criticized" | "criticised" | "criticizes" | "criticises" | "slammed" | "blasted" | "condemned" | "outrage" => {
            Accuser::Critic
        }
        _ => Accuser::Other,
    }
}

fn region_text(s: &Sent, from: usize, len: usize) -> String {
    let to = (from + len).min(s.tokens.len());
    if from >= to {
        return String::new();
    }
    s.narr[s.tokens[from].span.start..s.tokens[to - 1].span.end].to_owned()
}

/// Companies named within `max` tokens after the cue, before a clause break.
fn companies_after(s: &Sent, cue: usize, max: usize) -> Vec<String> {
    let Some(start_tok) = s.tokens.get(cue + 1) else {
        return Vec::new();
    };
    let start = start_tok.span.start;
    let mut end = start;
    for t in s.tokens.iter().skip(cue + 1).take(max) {
        if matches!(t.kind, TokenKind::Break | TokenKind::Quote) {
            break;
        }
        end = t.span.end;
    }
    let mut out: Vec<String> = Vec::new();
    for m in s.actors() {
        if m.span.start >= start && m.span.end <= end && !out.contains(&m.company) {
            out.push(m.company.clone());
        }
    }
    out
}

fn companies_before(s: &Sent, from: usize, to: usize) -> Vec<String> {
    if from >= to {
        return Vec::new();
    }
    let (start, end) = (s.tokens[from].span.start, s.tokens[to - 1].span.end);
    let mut out: Vec<String> = Vec::new();
    for m in s.actors() {
        if m.span.start >= start && m.span.end <= end && !out.contains(&m.company) {
            out.push(m.company.clone());
        }
    }
    out
}

/// "allege that Meta granted Netflix access": the companies heading the
/// embedded clause (Meta), coordinated ones included ("Netflix and Facebook").
fn embedded_subject(s: &Sent, cue: usize) -> Vec<String> {
    let mut i = cue + 1;
    if s.tokens.get(i).is_some_and(|t| t.text == "that") {
        i += 1;
    }
    let mut out: Vec<String> = Vec::new();
    while let Some(t) = s.tokens.get(i) {
        let at = t.span.start;
        if let Some(m) = s.actors().find(|m| m.span.start <= at && at < m.span.end) {
            if !out.contains(&m.company) {
                out.push(m.company.clone());
            }
            while s.tokens.get(i).is_some_and(|t| t.span.start < m.span.end) {
                i += 1;
            }
            continue;
        }
        if matches!(t.text.as_str(), "and" | "both" | "the" | "its" | "their" | ",") || t.kind == TokenKind::Comma {
            i += 1;
            continue;
        }
        break;
    }
    out
}

/// "accused Prime Minister Anthony Albanese of censorship": a person or a
/// group follows the verb.
fn names_person_or_group_after(s: &Sent, cue: usize) -> bool {
    let next = region_text(s, cue + 1, 4);
    let original_next: String = s
        .tokens
        .get(cue + 1)
        .map(|t| s.text[t.span.clone()].to_owned())
        .unwrap_or_default();
    original_next.chars().next().is_some_and(char::is_uppercase)
        || [
            "the ",
            "critics",
            "regulators",
            "authorities",
            "lawmakers",
            "officials",
            "journalists",
            "media",
        ]
        .iter()
        .any(|w| next.starts_with(w))
}
