//! Allegations: a cue of wrongdoing in the narration, who makes the charge
//! (the cue's subject, else the source named in the sentence) and against
//! which companies (the cue's object or the embedded clause's subject).

use super::lexicon::{self, ALLEGATION_VERBS, COMPANY_ANAPHORS, HEDGES, NEUTRAL_STARTS, OBJECT_VERBS};
use super::sentence::{Sent, Token, TokenKind};
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

impl Verdict {
    /// Whether `company` is in this matter: charged, or charging its accuser back.
    pub fn engages(&self, company: &str) -> bool {
        match self {
            Verdict::Allegation { against, .. } => against.iter().any(|c| c == company),
            Verdict::CounterAccusation { company: c } => c == company,
            Verdict::None => false,
        }
    }
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

/// Whether the sentence's speaker turns down a charge it reports: "X on
/// Thursday rejected Spain's request that prosecutors investigate X, Meta
/// and TikTok" (X answers; it charges no one). The charge follows the
/// verb closely.
fn turns_down_a_charge(s: &Sent) -> bool {
    const REJECTS: &[&str] = &[
        "rejected",
        "rejects",
        "denied",
        "denies",
        "dismissed",
        "dismisses",
        "disputed",
        "disputes",
        "refuted",
        "refutes",
    ];
    const CHARGES: &[&str] = &[
        "request",
        "requests",
        "call",
        "calls",
        "demand",
        "demands",
        "claim",
        "claims",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "suggestion",
        "suggestions",
    ];
    let Some(rejects) = s.tokens.iter().position(|t| REJECTS.contains(&t.text.as_str())) else {
        return false;
    };
    // The charge is what the noun goes on to tell ("request that …",
    // "calls for …"), not a clause aside ("Epic, which disputes Apple's
    // claims, accused Apple of …").
    let after = &s.tokens[rejects + 1..];
    after.iter().take(4).enumerate().any(|(i, t)| {
        CHARGES.contains(&t.text.as_str())
            && after
                .get(i + 1)
                .is_some_and(|next| matches!(next.text.as_str(), "that" | "to" | "for" | "of"))
    })
}

fn accuses_actively(cue: &str) -> bool {
    crate::words!(ACTIVE_ACCUSATION).contains(cue) || cue.ends_with(" charges")
}

/// Passive or intransitive cues whose subject is the accused ("Meta faces", "X was fined").
const PASSIVE_MARKERS: &[&str] = &[
    "is", "was", "were", "are", "been", "be", "being", "faces", "faced", "facing",
];

/// "was fined", "has been accused", "faces charges"; not "is suing" or
/// "has sued".
fn is_passive(s: &Sent, from: usize, cue_token: usize, cue: &str) -> bool {
    // "was looking into" is progressive.
    if cue.split_whitespace().next().is_some_and(|w| w.ends_with("ing")) {
        return false;
    }
    // Nearest first: "has (frequently) criticized" is active, "has been
    // criticized" passive.
    for t in s.tokens[from..cue_token].iter().rev().take(3) {
        match t.text.as_str() {
            "has" | "have" | "had" => return false,
            w if crate::words!(PASSIVE_MARKERS).contains(w) => return true,
            _ => {}
        }
    }
    // Headlines and reduced clauses drop the auxiliary: "Google sued by
    // DOJ", "Meta, fined by the EU in May, said"; a headline's amount right
    // after the verb is a penalty ("Meta fined €1.2bn"), where an active
    // verb has its object first ("EU fined Meta €1.2bn", "EU fined 12 banks").
    let next = |k: usize| {
        s.tokens
            .get(after_cue(cue_token, cue) + k)
            .filter(|t| t.kind == TokenKind::Word)
    };
    let by_next = |k: usize| next(k).is_some_and(|t| t.text == "by");
    // "Roblox sued over child safety failures", "Microsoft probed in EU":
    // a headline's verb followed straight by what it is about.
    let headline_about = s.is_title
        && next(0).is_some_and(|t| matches!(t.text.as_str(), "over" | "for" | "after" | "amid" | "in" | "again"));
    // "Amazon accused of union busting", "X charged with fraud".
    let charged_with =
        matches!(cue, "accused" | "charged") && next(0).is_some_and(|t| matches!(t.text.as_str(), "of" | "with"));
    cue.ends_with("ed")
        && (by_next(0)
            || headline_about
            || charged_with
            || next(0).is_some_and(|t| is_amount(s, t) && (s.is_title || (1..4).any(by_next))))
}

/// "€1.2bn", "$5 million", "1.2bn": money, as a penalty is written.
fn is_amount(s: &Sent, t: &super::sentence::Token) -> bool {
    let written = &s.text[t.span.clone()];
    let before = s.text[..t.span.start].chars().next_back();
    let after = s.text[t.span.end..].trim_start().to_ascii_lowercase();
    written.starts_with(|c: char| c.is_ascii_digit())
        && (before.is_some_and(|c| matches!(c, '$' | '€' | '£' | '¥'))
            || ["bn", "m", "billion", "million"]
                .iter()
                .any(|u| written.to_ascii_lowercase().ends_with(u))
            || ["billion", "million", "euros", "dollars", "pounds"]
                .iter()
                .any(|u| after.starts_with(u)))
}

/// What the sentences before have established.
pub struct Before<'a> {
    /// The companies the last allegation was against.
    pub against: &'a [String],
    /// Who made the last allegation.
    pub by: Option<Accuser>,
    /// Whether this sentence or the one before speaks of a lawsuit, worked
    /// out when first asked: most sentences never need it.
    pub lawsuit: &'a dyn Fn() -> bool,
    /// Sentences since the last allegation or the accused's last word on it
    /// (`usize::MAX` before the first).
    pub distance: usize,
    /// Whether the article tells of a ban on young users
    /// ([`bans_young_users`]), worked out when first asked.
    pub youth_ban: &'a dyn Fn() -> bool,
}

/// How many sentences after a charge a source that names nobody is still
/// taken to speak of it.
pub const CHARGE_REACH: usize = 3;

/// A company the matter charges, charging others in turn ("Apple also
/// accused Spotify of using the Commission"), answers: it does not make
/// the others accused.
pub fn turned_back(verdict: Verdict, speaker: Option<&Speaker>, accused: &[String]) -> Verdict {
    match (&verdict, speaker.and_then(Speaker::company)) {
        (Verdict::Allegation { against, .. }, Some(company))
            if accused.iter().any(|a| a == company) && !against.iter().any(|a| a == company) =>
        {
            Verdict::CounterAccusation {
                company: company.to_owned(),
            }
        }
        _ => verdict,
    }
}

/// What the sentence `s` charges, a finding credited to its finder (TIME's
/// is the media's, see [`found_by`]).
pub fn detect(
    s: &Sent,
    own: Option<&Attribution>,
    speaker: Option<&Speaker>,
    people: &People,
    ctx: &Context,
    before: &Before,
) -> Verdict {
    let verdict = charge_in(s, own, speaker, people, ctx, before);
    if let (Verdict::Allegation { against, .. }, Some(company)) = (&verdict, speaker.and_then(Speaker::company))
        && !against.iter().any(|a| a == company)
        && turns_down_a_charge(s)
    {
        return Verdict::CounterAccusation {
            company: company.to_owned(),
        };
    }
    match verdict {
        Verdict::Allegation { against, by } => Verdict::Allegation {
            against,
            by: found_by(s, by),
        },
        verdict => verdict,
    }
}

fn charge_in(
    s: &Sent,
    own: Option<&Attribution>,
    speaker: Option<&Speaker>,
    people: &People,
    ctx: &Context,
    before: &Before,
) -> Verdict {
    let (last_against, last_by, context_lawsuit) = (before.against, before.by, before.lawsuit);
    if s.is_question() && speaker.and_then(Speaker::accuser).is_none() {
        return Verdict::None;
    }
    let trimmed = s.opening();
    if NEUTRAL_STARTS.iter().any(|h| trimmed.starts_with(h))
        || lexicon::UNDECIDED.iter().any(|h| trimmed.starts_with(h))
        || own.is_none() && HEDGES.iter().any(|h| trimmed.starts_with(h))
    {
        return Verdict::None;
    }
    if first_cue(s).is_some_and(|(at, _)| is_a_rule_not_a_charge(s, at, before)) {
        return Verdict::None;
    }
    if let Some(v) = calls_its_doing_damning(s, speaker, ctx, before) {
        return v;
    }
    if let Some(att) = own
        && let Some(v) = reported(s, att, people, ctx, before)
    {
        return v;
    }
    let Some((cue_at, cue)) = first_cue(s) else {
        return Verdict::None;
    };
    let cue_token = s.token_at(cue_at);
    let from = clause_start(s, cue_token);
    // "Google launches an app for the iPhone, (and) faces a backlash": the
    // sentence's subject also faces it.
    let before_cue = s.tokens[from..cue_token]
        .iter()
        .rev()
        .find(|t| !matches!(t.text.as_str(), "and" | "but" | "then" | "also" | "now" | "quickly"));
    let elided = matches!(cue, "faces" | "faced" | "facing") && before_cue.is_some_and(|t| t.kind == TokenKind::Comma);
    let subject = if elided {
        s.actors()
            .find(|m| s.in_narration(&m.span) && m.span.start >= s.tokens[from].span.start)
            .filter(|m| before_cue.is_some_and(|t| m.span.end <= t.span.start))
            .map(|m| Speaker::of_company(m.company.clone()))
    } else {
        None
    }
    .or_else(|| entity_in(s, from, cue_token, true, people, ctx))
    // "Workers at Amazon are suing the company": the workers act, not Amazon.
    .filter(|sp| sp.company().is_none() || !works_for_a_company(&region_text(s, from, cue_token - from)));
    let active = accuses_actively(cue) || crate::words!(OBJECT_VERBS).contains(cue);
    let passive = cue_token > 0 && is_passive(s, from, cue_token, cue);
    // "Suing StudiVZ is not going to make Facebook any more popular": the
    // one sued is the name right after the cue, one the text does not know
    // as a company ("accused Chinese company DeepSeek" names one after it).
    let sued_someone_else = accuses_actively(cue)
        && !passive
        // "sued Monday in San Francisco": a day, no one sued.
        && s.tokens.get(cue_token + 1).is_some_and(|t| {
            capitalised_unknown(s, t) && !crate::words!(lexicon::DATE_WORDS).contains(&s.text[t.span.clone()])
        })
        && companies_after(s, cue_token + 1, 3).is_empty();
    let object_companies = if sued_someone_else {
        Vec::new()
    } else {
        companies_after(s, cue_token, 20)
    };
    // "Neither company has been charged", "Meta has never been fined".
    if passive
        && s.tokens[from..cue_token]
            .iter()
            .any(|t| matches!(t.text.as_str(), "neither" | "not" | "never" | "no"))
    {
        return Verdict::None;
    }
    // "legal proceedings accusing him of embezzling, was then working for
    // Goldman Sachs": a person is charged, unless the sentence makes them
    // the one who runs the company ("the founder and CEO of XPeng ...
    // netizens accused him of faking the demonstration").
    const RUNS_IT: &[&str] = &[
        "ceo",
        "founder",
        "co-founder",
        "chief executive",
        "boss",
        "chairman",
        "owner",
    ];
    if accuses_actively(cue)
        && !passive
        && s.tokens
            .get(cue_token + 1)
            .is_some_and(|t| matches!(t.text.as_str(), "him" | "her"))
        && !crate::phrases!(RUNS_IT).any(&s.lower)
    {
        return Verdict::None;
    }
    let faces = matches!(cue, "faces" | "faced" | "facing") || legal_noun_object(s, from, cue_token, cue);
    let finding = research_finding(s, cue_token, cue);

    if let Some(Party::Company { company, .. }) = subject.as_ref().map(|sp| &sp.party) {
        // "Helion has signed a deal to sell power to Microsoft and faces
        // penalties": the one dealt with is not the one facing them.
        if faces && only_dealt_with(s, company, from, cue_token) {
            return Verdict::None;
        }
        if faces {
            let by = implied_by_noun(s.loose()).unwrap_or(Accuser::Other);
            return Verdict::Allegation {
                against: vec![company.clone()],
                by,
            };
        }
        if !passive && !finding {
            let others: Vec<String> = object_companies.iter().filter(|c| *c != company).cloned().collect();
            // "Musk is seeking $134 billion in damages from OpenAI".
            let claims_damages = matches!(cue, "seeking" | "damages");
            if (active || claims_damages) && !others.is_empty() {
                let by = if matches!(cue, "sued" | "sues" | "sue" | "suing")
                    || cue.ends_with(" charges")
                    || claims_damages
                    || context_lawsuit()
                {
                    Accuser::Lawsuit
                } else {
                    Accuser::Critic
                };
                return Verdict::Allegation { against: others, by };
            }
            // "it would ban users under 18": the company running its
            // platform, not charging the people it acts on.
            let enforces = matches!(
                cue,
                "ban" | "bans" | "banned" | "blocked" | "blocks" | "ordered" | "orders" | "order"
            );
            if active
                && !enforces
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

    // A passive's subject is who the charge is against ("former X CEO Linda
    // Yaccarino has been summoned"), not who makes it.
    let mut by = subject
        .as_ref()
        .filter(|_| !passive)
        .and_then(Speaker::accuser)
        .or_else(|| speaker.and_then(Speaker::accuser));
    if by.is_none() {
        by = accuser_in(&region_text(s, from, cue_token.saturating_sub(from)));
    }
    if by.is_none() && finding {
        by = Some(Accuser::Researcher);
    }
    // "The Free Software Foundation has filed a lawsuit against Cisco": a
    // group or person who sues is a plaintiff; an agency suing stays one.
    if by.is_some_and(Accuser::is_unofficial) && !passive && clause_sues(s, from, cue_token) {
        by = Some(Accuser::Lawsuit);
    }
    // "allowing the pair to defraud Apple": whom a fraud or theft is done
    // to is its victim.
    let victim = !passive && wrongs_a_victim(cue);
    let mut against: Vec<String> = Vec::new();
    if passive {
        against = companies_before(s, from, cue_token);
        // "A former Google employee, Levandowski is accused": the person is.
        against.retain(|c| !every_mention(s, c, |m| describes_a_worker(s, m)));
        if against.is_empty() && charges_a_person(s, from, cue_token) {
            return Verdict::None;
        }
    }
    if against.is_empty() && (active || is_that_verb(cue)) {
        against = if is_that_verb(cue) {
            embedded_subject(s, cue_token)
        } else {
            object_companies.clone()
        };
    }
    if against.is_empty() && is_that_verb(cue) && !passive {
        // "found that ads from companies including IBM had appeared":
        // companies given as examples are not the ones charged.
        against = object_companies
            .iter()
            .filter(|c| !named_as_example(s, cue_token, c, true) && !only_its_users_act(s, c))
            .cloned()
            .collect();
    } else if against.is_empty() && !victim {
        against = object_companies.clone();
    }
    // In "The company was criticised by ...", the subject is the accused.
    let accuser_company = subject
        .as_ref()
        .and_then(Speaker::company)
        .map(str::to_owned)
        .filter(|_| !passive);
    if against.is_empty() && !sued_someone_else {
        // "Anthropic—an outlier at a time when many other tech companies
        // doubled down on addictive products": the charge is theirs.
        let cue_start = s.tokens[cue_token].span.start;
        let helped = helped_from(s, cue_token);
        against = s
            .actors()
            .filter(|m| !(victim && m.span.start > cue_start))
            .filter(|m| m.span.start < helped)
            .filter(|m| !(passive && describes_a_worker(s, m)))
            .filter(|m| m.span.end > cue_start || !names_other_companies(&s.lower[m.span.end..cue_start]))
            .filter(|m| {
                !plaintiff_in_caption(&s.lower[m.span.end..])
                    && !sues(&s.narr()[..m.span.start], &s.narr()[m.span.end..])
            })
            .map(|m| m.company.clone())
            .filter(|c| Some(c) != accuser_company.as_ref())
            .collect();
        against.dedup();
    }
    // The matter's own noun is no charge about it ("The Lawsuit That Could
    // Reshape the AI Industry Is Going to Trial").
    let about_the_matter = opens_with_the_matter(&s.narr()[s.body_start()..])
        && cue_at > s.body_start() + 16
        && !matches!(
            cue,
            "trial" | "lawsuit" | "suit" | "case" | "probe" | "investigation" | "complaint" | "charges"
        );
    // "Many of the alleged errors occurred when …" right after a charge:
    // the writer goes on with the same charge.
    let goes_on_alleging = before.distance <= 1 && matches!(cue, "alleged" | "allegedly") && cue_token < 6;
    // "It" and "its" reach back only to a charge just made; "the company"
    // further.
    // Not when the charge is aimed at someone named ("The group also slammed
    // how authorities arrested …", "alleging that Eyeblaster distributed
    // spyware").
    // "trying to crack down on illegal marketplaces": a class, not the
    // company just charged.
    let aimed_elsewhere = sued_someone_else
        || names_other_target(s, cue_token, cue)
        || names_an_unknown_subject(s, cue_token, cue)
        || charges_users(s)
        || names_companies_in_general(s, after_cue(cue_token, cue) - 1);
    let named_here = !against.is_empty();
    let inherited = against.is_empty()
        && !aimed_elsewhere
        && (names_a_company_anaphor(s.narr())
            || (before.distance <= CHARGE_REACH && refers_back(s.narr()))
            || about_the_matter
            || goes_on_alleging);
    if inherited {
        against = last_against.to_vec();
        if against.is_empty() {
            against.extend(ctx.focus_named_last());
        }
    }
    // "The potential crimes that the Paris prosecutor’s office is
    // investigating include ...": a regulator, court, lawmaker or lawsuit
    // pursuing the matter already charged.
    if against.is_empty()
        && (before.distance <= CHARGE_REACH || names_the_matter(&s.lower))
        && (strong_actor(s) || finding)
        && !aimed_elsewhere
    {
        against = last_against.to_vec();
    }
    // "If the platforms can’t be held responsible …, they can be sued for
    // alleged negligence" after a charge against OpenAI alone: the plural
    // speaks of companies in general, not of that one.
    if !named_here && against.len() < 2 && speaks_only_of_several(s.narr()) {
        against.clear();
    }
    // "the exposed database included codes for companies, including
    // Facebook and Google": examples of a group the wrong touched, unless
    // the cue charges them by verb ("fined companies including Meta").
    if !accuses_actively(cue) && !crate::words!(OBJECT_VERBS).contains(cue) {
        against.retain(|c| !named_as_example(s, cue_token, c, false));
    }
    let against = unique_without(
        without_the_wronged(s, against, &[(cue_token, cue)]),
        accuser_company.as_deref(),
    );
    // "like blocking OpenAI staff from using the Claude API": whoever is
    // shut out, the company whose people they are is not charged.
    let against: Vec<String> = if shuts_out(cue) {
        against
            .into_iter()
            .filter(|c| !every_mention(s, c, |m| names_its_people(&s.narr()[m.span.end..])))
            .collect()
    } else {
        against
    };
    if against.is_empty() {
        return Verdict::None;
    }
    let source = by.or_else(|| accuser_in(s.loose()));
    // "the company had built a robot with exposed wires": with no charge
    // before it and nobody making one, a wrongdoing word about "the company"
    // is the writer's description.
    if inherited && last_against.is_empty() && source.is_none() {
        return Verdict::None;
    }
    let source = if goes_on_alleging { last_by.or(source) } else { source };
    let by = source
        .or(last_by.filter(|_| inherited))
        .unwrap_or_else(|| implied_accuser(cue));
    // Nobody making the charge and no word that reports one ("faced
    // allegations", "accused of"): a wrongdoing word in the writer's voice.
    if by == Accuser::Other && !reports_a_charge(cue) && !context_lawsuit() {
        return Verdict::None;
    }
    // "One user found that the app gave her error messages": what someone
    // without office or a researcher's or an outlet's name before the cue
    // found is a charge only if a wrong is in it.
    if matches!(cue, "found that" | "finds that" | "finding that")
        && !by.is_official()
        && accuser_in(&s.loose()[s.tokens[from].span.start..cue_at]).is_none()
        && !all_cues(s)
            .iter()
            .any(|&(at, c)| at > cue_at && !matches!(c, "found that" | "finds that" | "finding that"))
        && !crate::phrases!(&[
            "misleading",
            "inflammatory",
            "hacked",
            "hacking",
            "surveillance",
            "insecure",
            "impersonate",
            "impersonations",
            "impersonation",
            "deepfakes",
            "deepfake",
        ])
        .any(&s.loose()[cue_at..])
    {
        return Verdict::None;
    }
    let by = if matches!(by, Accuser::Other | Accuser::Critic) && (context_lawsuit() || tells_of_a_suit(&s.tokens)) {
        Accuser::Lawsuit
    } else {
        by
    };
    Verdict::Allegation { against, by }
}

/// Whether the sentence speaks of a rule for everyone rather than a charge
/// against anyone: a ban on young users ("Australia’s under-16 social media
/// ban", and in an article about one, "The ban applies to ten platforms"),
/// the platforms it spares ("not subject to the ban"), or what a law is for
/// ("The new law intends to shield children from harmful content").
fn is_a_rule_not_a_charge(s: &Sent, cue_at: usize, before: &Before) -> bool {
    let bans_only = all_cues(s).iter().all(|(_, c)| BAN_WORDS.contains(c));
    // The ones spared before the ban: "platforms that are not subject to the
    // ban", not "banned Huawei, though existing equipment was exempt".
    if bans_only && spares(&s.lower).is_some_and(|at| all_cues(s).iter().all(|(cue_at, _)| at < *cue_at)) {
        return true;
    }
    // "Google co-founder Sergey Brin joined a protest against Trump’s Muslim
    // ban": a ban aimed at no company the sentence names. Not a report in
    // which a ban is by the way ("Reuters reported that Meta had projected
    // 10% of its revenue would come from ads for scams and banned goods").
    const REPORTING: &[&str] = &[
        "reported",
        "reports",
        "found",
        "finds",
        "said",
        "says",
        "according to",
        "alleged",
        "alleges",
        "claimed",
        "claims",
        "showed",
        "shows",
    ];
    if bans_only
        && s.actors().next().is_some()
        && !a_ban_aims_at_a_company(s)
        && !crate::phrases!(REPORTING).any(&s.lower)
    {
        return true;
    }
    // A ban on young users that singles out one company ("The Woman Who Got
    // YouTube Banned for Teens") is a regulator acting against it, as is any
    // ban aimed at companies ("India banned TikTok and WeChat in 2020").
    if bans_only && (before.youth_ban)() && !names_one_company(s) && !a_ban_aims_at_a_company(s) {
        return true;
    }
    const RULES: &[&str] = &[
        "the law",
        "the new law",
        "the ban",
        "the bill",
        "the legislation",
        "the rules",
        "the new rules",
        "the measure",
    ];
    const PURPOSES: &[&str] = &[
        "intends to",
        "intend to",
        "is intended to",
        "are intended to",
        "aims to",
        "aim to",
        "seek to",
        "are designed to",
        "are meant to",
        "is designed to",
        "was designed to",
        "is meant to",
        "seeks to",
    ];
    let opening = s.opening();
    let start = s.narr().len() - opening.len();
    RULES
        .iter()
        .any(|r| opening.starts_with(r) && !opening[r.len()..].starts_with(char::is_alphanumeric))
        && cue_at > start
        && crate::phrases!(PURPOSES).any(&s.narr()[start..cue_at])
}

/// "However, I got such a good laugh out of this complaint", "I'm not
/// sure what planet these plaintiffs are from": the writer speaking for
/// themself charges nobody, unless they are a party or report what they
/// found out ("I've obtained a copy of the complaint"). Only a sentence the
/// writer opens as its subject, outside quotation marks, is theirs: in "As
/// I reported, the FTC says ..." the FTC speaks.
pub fn in_the_writers_voice(s: &Sent) -> bool {
    // The sentence's opening words in narration, not in a quotation; and no
    // charge it reports ("I wrote about the FTC lawsuit, which alleges ...").
    let head = s.lower.floor_char_boundary(24);
    if s.is_title || s.narr().get(..head) != s.lower.get(..head) || charges_by_verb(s) {
        return false;
    }
    const OPENERS: &[&str] = &[
        "However",
        "And",
        "But",
        "So",
        "Still",
        "Frankly",
        "Honestly",
        "Now",
        "Well",
        "Yet",
        "Also",
        "Then",
        "Though",
        "Personally",
        "Admittedly",
        "Again",
    ];
    let mut words = s
        .text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .skip_while(|w| OPENERS.contains(w));
    let first_person = words.next().is_some_and(|w| {
        matches!(
            w,
            "I" | "I'm" | "I’m" | "I've" | "I’ve" | "I'd" | "I’d" | "I'll" | "I’ll"
        )
    });
    // The writer as a party, or reporting what they found out.
    const THEIR_OWN_CASE: &[&str] = &[
        "i sued",
        "i am suing",
        "i'm suing",
        "i’m suing",
        "i will sue",
        "i'll sue",
        "i’ll sue",
        "i filed",
        "i have filed",
        "i've filed",
        "i’ve filed",
        "my lawsuit",
        "my suit",
        "my complaint",
        "one of the plaintiffs",
        "among the plaintiffs",
        "a plaintiff",
        "i reported",
        "i have reported",
        "i've reported",
        "i’ve reported",
        "i obtained",
        "i have obtained",
        "i've obtained",
        "i’ve obtained",
        "i reviewed",
        "i have reviewed",
        "i've reviewed",
        "i’ve reviewed",
        "i confirmed",
        "i've confirmed",
        "i’ve confirmed",
        "i learned",
        "i've learned",
        "i’ve learned",
        "i revealed",
    ];
    first_person && !crate::phrases!(THEIR_OWN_CASE).any(&s.lower)
}

/// "However, there remains some basic problems with the plaintiffs'
/// allegations that should ultimately doom the lawsuit": the writer doubting
/// the charge, which does not make it.
pub fn doubts_the_charge(lower: &str) -> bool {
    const DOUBTS: &[&str] = &[
        "meritless",
        "frivolous",
        "doom the lawsuit",
        "doom the case",
        "doom the suit",
        "problems with the plaintiffs",
        "problems with the allegations",
        "problems with the complaint",
        "a weak case",
        "unlikely to succeed",
        "likely to fail",
    ];
    crate::phrases!(DOUBTS).any(lower)
}

/// "We secured concessions …", "we will not be in court opposing OpenAI’s
/// plan": an official's words on a deal, which charge nobody when no cue of
/// wrongdoing is in them.
pub fn speaks_of_a_deal(lower: &str) -> bool {
    const DEALT: &[&str] = &[
        "secured concessions",
        "won concessions",
        "obtained concessions",
        "concessions in place",
        "not be in court",
        "no longer oppose",
        "will not challenge",
        "reached an agreement",
        "reached a settlement",
    ];
    crate::phrases!(DEALT).any(lower)
}

/// Whether a cue of the sentence is a verb of charging ("alleges",
/// "accused", "sued"), not a noun of one ("an allegation", "the lawsuit").
fn charges_by_verb(s: &Sent) -> bool {
    all_cues(s).iter().any(|(_, cue)| {
        accuses_actively(cue) || matches!(*cue, "allege" | "alleges" | "alleged" | "alleging" | "claims that")
    })
}

/// Whether the sentence names one company, by name or as "the video
/// platform", and no other.
fn names_one_company(s: &Sent) -> bool {
    let mut named = s.actors().map(|m| &m.company);
    let Some(first) = named.next() else {
        const NOUNS: &[&str] = &[
            "company", "firm", "platform", "app", "service", "site", "network", "giant", "startup",
        ];
        let words: Vec<&str> = s
            .narr()
            .split_whitespace()
            .map(|w| {
                let w = w.trim_end_matches([',', '.', ';', ':']);
                w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w)
            })
            .collect();
        return words
            .iter()
            .enumerate()
            .filter(|(_, w)| **w == "the")
            .any(|(i, _)| words[i + 1..].iter().take(3).any(|w| NOUNS.contains(w)));
    };
    named.all(|c| c == first)
}

/// Whether a ban cue has a company the sentence names as its object: "a
/// ban on TikTok", "banned the X app", "the TikTok ban", "YouTube Banned for
/// Teens", "X has been banned". Not "X’s ban", which X imposes.
fn a_ban_aims_at_a_company(s: &Sent) -> bool {
    let few_of = |between: &str, allowed: &dyn Fn(&str) -> bool| {
        let mut words = between.split_whitespace();
        words.clone().count() <= 3 && words.all(allowed)
    };
    all_cues(s).iter().any(|&(at, cue)| {
        let end = at + cue.len();
        s.actors().any(
            |m| match (s.lower.get(end..m.span.start), s.lower.get(m.span.end..at)) {
                // "banned Chinese AI chatbot DeepSeek", "banned sales of new
                // Huawei equipment": a few words, no clause between.
                (Some(after), _) => after.split_whitespace().count() <= 6 && !after.contains([',', ';', ':', '.']),
                // "Nvidia’s chips were banned": past the company's thing.
                (_, Some(before)) => few_of(
                    before
                        .strip_prefix(['’', '\''])
                        .and_then(|rest| rest.strip_prefix('s'))
                        .and_then(|rest| rest.trim_start().split_once(' '))
                        .map_or(before, |(_, rest)| rest),
                    &|w| {
                        matches!(
                            w,
                            "was"
                                | "is"
                                | "are"
                                | "were"
                                | "been"
                                | "has"
                                | "have"
                                | "had"
                                | "be"
                                | "being"
                                | "got"
                                | "gets"
                                | "get"
                                | "now"
                                | "also"
                                | "effectively"
                                | "officially"
                                | "temporarily"
                                | "outright"
                                | "will"
                                | "would"
                                | "could"
                                | "can"
                                | "may"
                                | "might"
                                | "should"
                        )
                    },
                ),
                _ => false,
            },
        )
    })
}

/// Whether `company` appears in the sentence only as someone's employer
/// ("to work on government relations for Adobe and then Twitter", "joined
/// Google in 2019", "resigned from Google in 2023") in a sentence that
/// accuses nobody outright: a career, not a charge. "Haugen, who worked at Facebook, accused the company"
/// still charges it.
pub fn only_an_employer(s: &Sent, company: &str) -> bool {
    // "Haugen, who left Facebook in May, told senators that the company
    // knowingly harmed teenagers": the company is spoken of again.
    if all_cues(s)
        .iter()
        .any(|(_, cue)| accuses_actively(cue) || reports_a_charge(cue))
        || names_a_company_anaphor(s.narr())
    {
        return false;
    }
    // "workers who joined Amazon were illegally fired": a wrong told near
    // the name, in its clause, is the company's.
    let near = |m: &super::companies::Mention| {
        all_cues(s).iter().any(|&(at, _)| {
            let (from, to) = if at < m.span.start {
                (at, m.span.start)
            } else {
                (m.span.end, at)
            };
            to < from + 80
                && !s
                    .lower
                    .get(from..to)
                    .is_some_and(|between| between.contains([',', ';', ':']))
        })
    };
    every_mention(s, company, |m| {
        if near(m) {
            return false;
        }
        let words: Vec<&str> = s.narr()[..m.span.start].split_whitespace().rev().take(8).collect();
        // Back over a list of employers: "for Adobe and then Twitter".
        let words: Vec<&str> = words.into_iter().map(|w| w.trim_end_matches([',', ';'])).collect();
        let hired = matches!(words.first(), Some(&("joined" | "joining" | "left" | "leaving")))
            || matches!(words.as_slice(), [by, verb, ..] if *by == "by" && matches!(*verb, "hired" | "employed"))
            || matches!(words.as_slice(), [from, verb, ..] if *from == "from" && matches!(*verb, "resigned" | "retired"));
        let works_for = words.iter().position(|w| matches!(*w, "for" | "at")).is_some_and(|k| {
            words[k + 1..].iter().any(|w| {
                matches!(
                    *w,
                    "work" | "worked" | "working" | "works" | "job" | "jobs" | "career" | "stint" | "stints"
                )
            })
        });
        hired || works_for
    })
}

/// Whether `company` appears only as where someone posts: "One posts an
/// allegation on her MySpace page", "on his Facebook account".
pub fn only_a_venue(s: &Sent, company: &str) -> bool {
    // "Creators allege their YouTube channel was demonetized": the charge
    // is about the platform.
    if charges_by_verb(s) {
        return false;
    }
    every_mention(s, company, |m| {
        let owner = s.narr()[..m.span.start].split_whitespace().next_back();
        let place = s.narr()[m.span.end..].split_whitespace().next();
        owner.is_some_and(|w| matches!(w, "her" | "his" | "their" | "my" | "your" | "our"))
            && place.is_some_and(|w| {
                matches!(
                    w.trim_end_matches([',', '.', ';', ':']),
                    "page" | "account" | "profile" | "post" | "wall" | "channel" | "blog" | "status"
                )
            })
    })
}

/// "not subject to the ban", "exempt from it": where the ones a rule spares
/// are told.
fn spares(lower: &str) -> Option<usize> {
    const SPARED: &[&str] = &[
        "not subject to",
        "exempt",
        "exempted",
        "exempts",
        "exemption",
        "exemptions",
        "spared",
        "excluded from",
        "not covered by",
        "not affected by",
    ];
    crate::phrases!(SPARED).first(lower).map(|(at, _)| at)
}

/// The cues of a ban.
const BAN_WORDS: &[&str] = &["ban", "bans", "banned", "banning"];

/// "Australia’s under-16 social media ban", "plans to ban social media for
/// kids under the age of 16", "YouTube Banned for Teens": a ban on who may
/// use platforms, which charges the platforms with nothing.
pub fn bans_young_users(lower: &str) -> bool {
    const YOUNG: &[&str] = &[
        "under the age of",
        "for kids",
        "for children",
        "for teens",
        "for teenagers",
        "for minors",
        "for young people",
        "underage",
        "under-age",
    ];
    if !lower.contains("ban") {
        return false;
    }
    // "under-16", "under 13": not "under 100 employees" nor "under 10 million".
    let age_limits = lower.match_indices("under").filter_map(|(at, _)| {
        let rest = &lower.as_bytes()[at + "under".len()..];
        let two_digits =
            matches!(rest, [b' ' | b'-', b'1', b'0'..=b'9', ..]) && !rest.get(3).is_some_and(u8::is_ascii_digit);
        let amount = || {
            lower[at + "under".len() + 3..]
                .split_whitespace()
                .next()
                .is_some_and(|w| {
                    matches!(
                        w.trim_end_matches([',', '.']),
                        "million" | "billion" | "thousand" | "percent" | "%"
                    )
                })
        };
        (two_digits && !amount()).then_some(at)
    });
    let young: Vec<usize> = age_limits
        .chain(crate::phrases!(YOUNG).find_all(lower).map(|(at, _)| at))
        .collect();
    // The age beside the ban, in one clause: "Australia’s under-16 social
    // media ban", not "The ban would cut off 170 million users, many of
    // them under 18".
    crate::phrases!(BAN_WORDS).find_all(lower).any(|(ban, _)| {
        young.iter().any(|&age| {
            let (from, to) = if age < ban { (age, ban) } else { (ban, age) };
            to - from < 60 && !lower[from..to].contains([',', ';', '.', ':'])
        })
    })
}

/// Nouns of a legal action, as in "a suit against", "its case against".
const LEGAL_ACTIONS: &[&str] = &[
    "suit",
    "suits",
    "lawsuit",
    "lawsuits",
    "countersuit",
    "complaint",
    "complaints",
    "case",
    "cases",
    "challenge",
    "action",
    "charges",
    "petition",
    "proceedings",
    "litigation",
];

/// The company bringing a legal action in this sentence: "X plans to appeal
/// the decision to dismiss its case against a government portal", "Epic's
/// lawsuit against Apple", "Epic sued Apple". A plaintiff's statements
/// about its own case answer no charge.
pub fn plaintiff(s: &Sent) -> Option<String> {
    // A quick test that a company is named (every answer below is one) and
    // that the words looked for ("against", "sued", "sues", "suing") are
    // there at all.
    if s.actors().next().is_none()
        || !s.lower.contains("against") && !s.lower.contains("sue") && !s.lower.contains("suing")
    {
        return None;
    }
    let words: Vec<usize> = s.words().map(|(k, _)| k).collect();
    // The company named by the word at token `j`, as in "Epic's" or "X".
    let named_at = |j: usize| {
        let span = &s.tokens[j].span;
        s.actors()
            .find(|m| m.span.start >= span.start && m.span.end <= span.end)
            .map(|m| m.company.clone())
    };
    for (w, &k) in words.iter().enumerate() {
        let t = s.tokens[k].text.as_str();
        if crate::words!(LEGAL_ACTIONS).contains(t) && words.get(w + 1).is_some_and(|&n| s.tokens[n].text == "against")
        {
            // "its (own|latest|legal) case", "Epic's lawsuit": whose it is.
            for &j in words[w.saturating_sub(3)..w].iter().rev() {
                match s.tokens[j].text.as_str() {
                    "its" | "their" => return companies_before(s, 0, j).pop(),
                    "the" | "a" | "an" | "this" | "that" | "his" | "her" => break,
                    _ => {}
                }
                if let Some(c) = named_at(j) {
                    return Some(c);
                }
            }
        }
        if matches!(t, "sued" | "sues" | "suing") {
            // "X sued", "X is suing", not "X was sued".
            for &j in words[w.saturating_sub(3)..w].iter().rev() {
                let passive = match s.tokens[j].text.as_str() {
                    "was" | "were" | "been" | "be" | "being" => true,
                    "is" | "are" => t != "suing",
                    _ => false,
                };
                if passive {
                    break;
                }
                if let Some(c) = named_at(j) {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// "filed suit against OpenAI", "a legal challenge against Character
/// Technologies", "the FTC's case against Meta": a legal action names whom it
/// is against, whatever verb carries it; by whoever brings it (a lawsuit
/// unless a public body does).
pub fn legal_action(s: &Sent) -> Verdict {
    // Everything below hangs on an "against" and on a company named after
    // it: most sentences have neither.
    if s.actors().next().is_none() || !s.tokens.iter().any(|t| t.text == "against") {
        return Verdict::None;
    }
    let opening = s.opening();
    if s.is_question() || HEDGES.iter().chain(lexicon::UNDECIDED).any(|h| opening.starts_with(h)) {
        return Verdict::None;
    }
    for (i, t) in s.tokens.iter().enumerate() {
        if t.text != "against" {
            continue;
        }
        // The noun in the same phrase: "suit against", "a legal challenge
        // against", not "a case against the school, not against Google".
        let Some(noun) = (i.saturating_sub(4)..i)
            .rev()
            .take_while(|&k| s.tokens[k].kind == TokenKind::Word && s.tokens[k].text != "not")
            .find(|&k| crate::words!(LEGAL_ACTIONS).contains(s.tokens[k].text.as_str()))
        else {
            continue;
        };
        // Whom it names right after "against", and those listed with them.
        let reach = s.tokens[i + 1..].iter().take(8).take_while(|t| t.text != "not").count();
        if companies_after(s, i, reach.min(4)).is_empty() {
            continue;
        }
        let against = companies_after(s, i, reach);
        let start = clause_start(s, noun);
        // "No lawsuit against Meta was filed".
        if s.tokens[start..noun]
            .iter()
            .any(|t| matches!(t.text.as_str(), "no" | "not" | "never" | "without"))
        {
            continue;
        }
        let by = accuser_in(&region_text(s, start, noun - start))
            .filter(|a| a.is_official())
            .unwrap_or(Accuser::Lawsuit);
        return Verdict::Allegation { against, by };
    }
    Verdict::None
}

/// "Amazon agreed to pay $25 million to settle FTC allegations that ...",
/// "Nintendo fended off class-action lawsuits over defective straps": a
/// company settling or fighting a charge the sentence spells out is both
/// answering it and reporting it; the charge is against the company, by
/// whoever the sentence names (else by whoever made the last charge, else a
/// lawsuit).
pub fn settled(s: &Sent, speaker: Option<&Speaker>, last_by: Option<Accuser>) -> Verdict {
    const SETTLE: &[&str] = &[
        "settle",
        "settles",
        "settled",
        "settling",
        "agreed to pay",
        "agrees to pay",
        "will pay",
        "to resolve",
        "resolved",
        "fended off",
        "fends off",
        "fought",
        "fighting",
        "contested",
        "contesting",
    ];
    const CHARGES: &[&str] = &[
        "allegations",
        "claims",
        "charges",
        "accusations",
        "lawsuit",
        "lawsuits",
        "suit",
        "suits",
        "complaint",
        "complaints",
        "case",
        "cases",
        "probe",
        "investigation",
    ];
    let Some(company) = speaker.and_then(Speaker::company) else {
        return Verdict::None;
    };
    let Some(at) = SETTLE.iter().filter_map(|w| lexicon::find_phrase(s.narr(), w)).min() else {
        return Verdict::None;
    };
    let window: String = s.narr()[at..].split_whitespace().take(9).collect::<Vec<_>>().join(" ");
    let Some(charge) = CHARGES.iter().filter_map(|c| lexicon::find_phrase(&window, c)).min() else {
        return Verdict::None;
    };
    let by = accuser_in(&window[..charge])
        .or_else(|| accuser_in(&window[charge..]).filter(|a| matches!(a, Accuser::Lawsuit)))
        .or(last_by)
        .unwrap_or(Accuser::Lawsuit);
    Verdict::Allegation {
        against: vec![company.to_owned()],
        by,
    }
}

/// "A said (that) B did wrong", "according to A, B did wrong": the speaker
/// is the accuser, the companies of the reported clause the accused.
fn reported(s: &Sent, att: &Attribution, people: &People, ctx: &Context, before: &Before) -> Option<Verdict> {
    let (last_against, context_lawsuit) = (before.against, before.lawsuit);
    let according = att.verb_text == "according";
    // What was said: after the verb; before the speaker when the speaker
    // follows ("…, said the British Medical Journal"); all of it for
    // "according to".
    let (from, to) = match att.said_end {
        _ if according => (0, s.tokens.len()),
        Some(end) => (0, end),
        // The reporting verb may be the cue itself ("accused Apple of").
        None => (att.verb, s.tokens.len()),
    };
    let said_text = token_text(s, from, to, &s.lower);
    let said_cues = cues_in_range(s, from, to);
    let cue_here = said_cues.first().copied();
    let said_at = s.tokens.get(from).map_or(0, |t| t.span.start);
    let cue =
        cue_here.is_some() || cues_in(said_text).iter().any(|(at, _)| !names_no_cue(s, said_at + at)) || att.alleged(s);
    // The first cue in what was said whose clause names a company.
    let structural = said_cues
        .iter()
        .map(|&(t, c)| cue_targets(s, from, t, c))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let helped = cue_here.map_or(usize::MAX, |(t, _)| helped_from(s, t));
    let said_to = if helped == usize::MAX {
        to
    } else {
        s.token_at(helped).clamp(from, to)
    };
    let said: Vec<String> = companies_in(s, from, said_to);
    match &att.speaker.party {
        Party::Accuser(_)
            if cue_here.is_some_and(|(t, c)| {
                let start = clause_start(s, t).max(from);
                is_passive(s, start, t, c) && companies_before(s, start, t).is_empty() && charges_a_person(s, start, t)
            }) =>
        {
            Some(Verdict::None)
        }
        Party::Accuser(by) => {
            let mut against = if att.said_end.is_none() && !according {
                embedded_subject(s, att.verb)
            } else {
                Vec::new()
            };
            // "Euronews reported that the European Commission was looking
            // into ...": the charge is the embedded accuser's.
            let embedded = if att.said_end.is_none() && !according {
                embedded_accuser(s, att.verb)
            } else {
                None
            };
            let by = embedded.as_ref().unwrap_or(by);
            // A whistleblower's account of the company is a charge by nature.
            let whistleblower = *by == Accuser::Employee && {
                let from = att.verb.saturating_sub(6);
                lexicon::contains_phrase(&region_text(s, from, att.verb - from), "whistleblower")
            };
            let strong = whistleblower || by.is_official();
            // A court, regulator, lawmaker or lawsuit speaking about a
            // company charges it ("The complaint says Meta’s own research
            // showed ..."): "say" is the cue.

            if against.is_empty() {
                against = structural;
            }
            // "The pair defrauded Apple, prosecutors said": Apple is wronged,
            // not charged.
            if against.is_empty() && !said.is_empty() {
                let victims: Vec<String> = said_cues
                    .iter()
                    .filter(|(_, c)| wrongs_a_victim(c))
                    .flat_map(|&(t, _)| companies_after(s, t, 4))
                    .collect();
                if said.iter().all(|c| victims.contains(c)) {
                    return Some(Verdict::None);
                }
            }
            if against.is_empty() {
                against = said.into_iter().filter(|c| !only_its_users_act(s, c)).collect();
            }
            if against.is_empty() && !according {
                against = quoted_companies(s);
            }
            let other_target = cue_here
                .is_some_and(|(t, c)| names_other_target(s, t, c) || rules_on_someone_else(s, t, c))
                || charges_no_company(&s.lower)
                || charges_users(s)
                || says_of_someone_unknown(s, att);
            // A source that names no company speaks of the charge just
            // made, or of the company it points back to. Inside a quotation,
            // "it" and "they" are the speaker's own and only a company
            // anaphor points back, unless the speaker worked for the accused
            // ("They knew how many kids were being hurt").
            let recent = before.distance <= CHARGE_REACH;
            let points_back = names_a_company_anaphor(s.narr())
                || (recent && refers_back_loose(s.narr()))
                || crate::phrases!(COMPANY_ANAPHORS).any(&s.lower)
                || (*by == Accuser::Employee && lexicon::contains_phrase(&s.lower, "they"))
                || names_the_matter(&s.lower);
            if against.is_empty()
                && (cue || (strong && according && !last_against.is_empty()))
                && !other_target
                && (((strong || according) && recent) || points_back)
            {
                against = if last_against.is_empty() {
                    ctx.focus.iter().cloned().collect()
                } else {
                    last_against.to_vec()
                };
            }
            let against = unique_without(without_the_wronged(s, against, &said_cues), None);
            // An official's plain words about a company charge it only in a
            // matter of charges: after one, or in words of the law ("The
            // city approved a housing project" from a mayor charges nobody).
            if against.is_empty()
                || !(cue || whistleblower || strong && in_a_matter_of_charges(&s.lower, last_against))
                || !cue && speaks_of_a_deal(&s.lower)
            {
                return Some(Verdict::None);
            }
            // "His Klausner Technologies is suing Google …, Reuters
            // reports": the outlet tells of a suit, whose charge it is.
            let by = if by.is_unofficial() && said_cues.iter().any(|(_, c)| SUING.contains(c)) {
                Accuser::Lawsuit
            } else {
                *by
            };
            Some(Verdict::Allegation { against, by })
        }
        Party::Company { company, .. } => {
            if let Some(v) = preamble_charge(s, att, company).or_else(|| charge_it_quotes(s, company, people)) {
                return Some(v);
            }
            // A company's own statement charges only other companies: the
            // ones its charge is about, or those it quotes.
            let mut targets = unique_without(structural, Some(company));
            if targets.is_empty() && cue_here.is_some() && att.said_end.is_none() {
                // "alleges that Altman misled him about OpenAI’s plans": the
                // companies close after the verb.
                targets = unique_without(companies_in(s, from, (from + 15).min(to)), Some(company));
            }
            if targets.is_empty() && cue_here.is_none() && cue {
                targets = unique_without(quoted_companies(s), Some(company));
            }
            let targets = without_the_wronged(s, targets, &said_cues);
            if targets.is_empty() {
                return Some(Verdict::None);
            }
            let by = match accuser_in(&s.lower) {
                Some(a @ (Accuser::Lawsuit | Accuser::Researcher | Accuser::Media)) => a,
                _ if context_lawsuit() => Accuser::Lawsuit,
                _ => Accuser::Critic,
            };
            Some(Verdict::Allegation { against: targets, by })
        }
        Party::Bystander => None,
    }
}

/// "After police began to look into alleged fraud, X argued that …", "Musk
/// responds after prosecutors raid X's offices": a charge by an official
/// accuser in the clauses before the company speaks or in the "after" clause
/// that follows, against the companies named there or else the company
/// answering it.
fn preamble_charge(s: &Sent, att: &Attribution, company: &str) -> Option<Verdict> {
    if att.said_end.is_some() {
        return None;
    }
    let before = (0..att.verb)
        .rev()
        .find(|&k| s.tokens[k].kind == TokenKind::Comma)
        .map(|end| (0, end));
    let after = (att.verb + 1..s.tokens.len().min(att.verb + 4))
        .find(|&k| matches!(s.tokens[k].text.as_str(), "after" | "following" | "amid"))
        .map(|k| (k + 1, s.tokens.len()));
    let (from, to) = before
        .into_iter()
        .chain(after)
        .find(|&(from, to)| !cues_in_range(s, from, to).is_empty())?;
    let by = cues_in_range(s, from, to).into_iter().find_map(|(at, _)| {
        let t = s.token_at(at);
        let start = clause_start(s, t).max(from);
        accuser_in(&region_text(s, start, t.saturating_sub(start)))
            .or_else(|| accuser_in(&region_text(s, from, to - from)))
    })?;
    // Only an official action: a researcher's report before a company's
    // reply is the matter it replies to, told again.
    if !by.is_official() {
        return None;
    }
    let mut against = unique_without(companies_in(s, from, to), None);
    if against.is_empty() {
        against.push(company.to_owned());
    }
    Some(Verdict::Allegation { against, by })
}

/// X said: “Mr. Bothorel has accused X of manipulating its algorithm, an
/// allegation which is completely false.”: the company's answer quotes the
/// charge against it, which is an allegation by whoever made it.
fn charge_it_quotes(s: &Sent, company: &str, people: &People) -> Option<Verdict> {
    const VERBS: &[&str] = &["accused ", "accuses ", "sued ", "sues ", "charged ", "charges "];
    s.actors()
        .filter(|m| m.company == company && !s.in_narration(&m.span))
        .find_map(|m| {
            let before = &s.lower[..m.span.start];
            let verb = VERBS.iter().find(|v| before.ends_with(*v))?;
            let accuser_end = before.len() - verb.len();
            let accuser_end = s.lower[..accuser_end]
                .strip_suffix("has ")
                .or_else(|| s.lower[..accuser_end].strip_suffix("have "))
                .map_or(accuser_end, str::len);
            let window_start = s.lower[..accuser_end]
                .rfind(['“', '"', ',', ':', '.'])
                .map_or(0, |k| k + s.lower[k..].chars().next().map_or(1, char::len_utf8));
            let accuser = &s.text[window_start..accuser_end];
            let named = accuser
                .split_whitespace()
                .rev()
                .find_map(|w| people.get(w.trim_matches(|c: char| !c.is_alphanumeric())))
                .and_then(Speaker::accuser);
            let by = named.or_else(|| accuser_in(&s.lower[window_start..accuser_end]))?;
            Some(Verdict::Allegation {
                against: vec![company.to_owned()],
                by,
            })
        })
}

/// "LayerX discovered a vulnerability", "researchers found a flaw": a
/// security finding, which charges the maker of what is flawed even when a
/// company (a security firm) reports it.
fn research_finding(s: &Sent, cue_token: usize, cue: &str) -> bool {
    const FOUND: &[&str] = &[
        "discovered",
        "discovers",
        "found",
        "finds",
        "uncovered",
        "uncovers",
        "identified",
        "identifies",
        "spotted",
        "disclosed",
        "discloses",
    ];
    matches!(cue, "vulnerability" | "vulnerable" | "flaw")
        && s.tokens[cue_token.saturating_sub(4)..cue_token]
            .iter()
            .any(|t| t.kind == TokenKind::Word && crate::words!(FOUND).contains(t.text.as_str()))
}

/// Whether a regulator, court, lawmaker or lawsuit is the subject of one of
/// the sentence's cues ("that the Paris prosecutor’s office is investigating").
fn strong_actor(s: &Sent) -> bool {
    all_cues(s).iter().any(|&(at, _)| {
        let t = s.token_at(at);
        let from = clause_start(s, t);
        accuser_in(&region_text(s, from, t.saturating_sub(from))).is_some_and(Accuser::is_official)
    })
}

/// "reported that the European Commission ...": a strong accuser heading
/// the clause a reporting verb introduces.
fn embedded_accuser(s: &Sent, verb: usize) -> Option<Accuser> {
    let k = (verb + 1..(verb + 8).min(s.tokens.len())).find(|&k| s.tokens[k].text == "that")?;
    let subject = region_text(s, k + 1, 4);
    accuser_in(&subject).filter(|a| matches!(a, Accuser::Regulator | Accuser::Court | Accuser::Lawmaker))
}

/// The text of tokens `[from, to)` in `text` (one of the sentence's
/// lower-cased renderings, which share offsets).
fn token_text<'a>(s: &Sent, from: usize, to: usize, text: &'a str) -> &'a str {
    if from >= to || from >= s.tokens.len() {
        return "";
    }
    let to = to.min(s.tokens.len());
    &text[s.tokens[from].span.start..s.tokens[to - 1].span.end]
}

/// Companies named in tokens `[from, to)`.
fn companies_in(s: &Sent, from: usize, to: usize) -> Vec<String> {
    if from >= to || from >= s.tokens.len() {
        return Vec::new();
    }
    companies_before(s, from, to.min(s.tokens.len()))
}

/// Cues whose object is the one wronged, not the wrongdoer: "defrauded
/// Apple", "stole from Apple".
fn wrongs_a_victim(cue: &str) -> bool {
    matches!(
        cue,
        "defraud" | "defrauded" | "defrauding" | "scam" | "scammed" | "stole" | "stolen" | "stealing"
    )
}

/// Every cue within tokens `[from, to)`, in order.
fn cues_in_range(s: &Sent, from: usize, to: usize) -> Vec<(usize, &'static str)> {
    if from >= to || from >= s.tokens.len() {
        return Vec::new();
    }
    let (start, end) = (s.tokens[from].span.start, s.tokens[to.min(s.tokens.len()) - 1].span.end);
    all_cues(s)
        .iter()
        .copied()
        .filter(|(at, _)| (start..end).contains(at))
        .map(|(at, c)| (s.token_at(at), c))
        .collect()
}

/// Who a cue charges, from the shape of its clause: the subject of a
/// passive ("X was fined") or of a wrongdoing verb ("X misled users"), the
/// object of an accusing verb ("fined X"), the embedded subject of "found
/// that X ...".
fn cue_targets(s: &Sent, from: usize, cue_token: usize, cue: &str) -> Vec<String> {
    let start = clause_start(s, cue_token).max(from);
    if is_passive(s, start, cue_token, cue) {
        return companies_before(s, start, cue_token);
    }
    if is_that_verb(cue) {
        return embedded_subject(s, cue_token);
    }
    if accuses_actively(cue) || crate::words!(OBJECT_VERBS).contains(cue) {
        return companies_after(s, cue_token, 20);
    }
    // A wrongdoing verb charges its subject, not its object or victim.
    companies_before(s, start, cue_token)
}

/// The first token after the cue starting at `cue_token` (a phrase cue,
/// "investigation into", spans several).
fn after_cue(cue_token: usize, cue: &str) -> usize {
    cue_token + cue.split_whitespace().count()
}

/// "criticized European countries", "accused the FTC of": the cue names a
/// target that is not a company.
fn names_other_target(s: &Sent, cue_token: usize, cue: &str) -> bool {
    // The last token of a phrase cue ("investigation into").
    let last = after_cue(cue_token, cue) - 1;
    let targets = accuses_actively(cue)
        || crate::words!(OBJECT_VERBS).contains(cue)
        || cue.ends_with(" into")
        || cue.ends_with(" against");
    // "was accused of …, critics said": after a passive cue comes the charge.
    targets
        && !is_passive(s, clause_start(s, cue_token), cue_token, cue)
        && companies_after(s, last, 4).is_empty()
        && (accuser_in(&region_text(s, last + 1, 4)).is_some()
            || names_person_or_group_after(s, last)
            || names_companies_in_general(s, last))
        && !refers_back(&region_text(s, last + 1, 3))
}

/// Whether the clause in tokens `[from, to)` opens with a capitalised word
/// that is no company's name (a name the text does not know, or a sentence's
/// first word) and names `company` only as the object of a preposition of
/// dealings ("to Microsoft", "with Google").
fn only_dealt_with(s: &Sent, company: &str, from: usize, to: usize) -> bool {
    let (Some(start), Some(end)) = (s.tokens.get(from), s.tokens.get(to)) else {
        return false;
    };
    let opens_with_a_name = capitalised_unknown(s, start)
        && !matches!(
            start.text.as_str(),
            "the" | "a" | "an" | "its" | "their" | "this" | "that"
        );
    if !opens_with_a_name {
        return false;
    }
    let mut mentions = s
        .actors()
        .filter(|m| m.company == company && m.span.start >= start.span.start && m.span.end <= end.span.start)
        .peekable();
    mentions.peek().is_some()
        && mentions.all(|m| {
            let before = s.lower[..m.span.start].split_whitespace().next_back().unwrap_or("");
            matches!(before, "to" | "with" | "from" | "for" | "into" | "at" | "against")
        })
}

/// "suing tech companies over the design of their products", "crack down on
/// illegal marketplaces": companies at large (a plural without an article),
/// not those charged before.
fn names_companies_in_general(s: &Sent, last: usize) -> bool {
    const PLURALS: &[&str] = &[
        "companies",
        "firms",
        "businesses",
        "startups",
        "marketplaces",
        "markets",
        "platforms",
        "apps",
        "exchanges",
    ];
    const DEFINITE: &[&str] = &[
        "the", "these", "those", "both", "their", "its", "his", "her", "our", "two", "three", "four",
    ];
    let after = s.tokens.iter().skip(last + 1).take(4);
    let words: Vec<&str> = after
        .take_while(|t| t.kind == TokenKind::Word)
        .map(|t| t.text.as_str())
        .collect();
    words
        .iter()
        .position(|w| PLURALS.contains(w))
        .is_some_and(|k| !words[..k].iter().any(|w| DEFINITE.contains(w)))
}

/// "alleging that Eyeblaster distributed spyware": the clause a that-verb
/// reports opens with a name the sentence does not know as a company's.
fn names_an_unknown_subject(s: &Sent, cue_token: usize, cue: &str) -> bool {
    if !is_that_verb(cue) {
        return false;
    }
    opens_with_an_unknown_name(s, after_cue(cue_token, cue))
}

/// "… (ZIT) say Hydra has the highest turnover of any illegal market": what
/// the speaker says opens with a name the sentence does not know as a
/// company's, the one it is about.
fn says_of_someone_unknown(s: &Sent, att: &Attribution) -> bool {
    att.said_end.is_none() && opens_with_an_unknown_name(s, att.verb + 1)
}

/// Whether what starts at token `next`, after any "that", opens with a
/// capitalised name that is no company's (nor "I").
fn opens_with_an_unknown_name(s: &Sent, mut next: usize) -> bool {
    if s.tokens.get(next).is_some_and(|t| t.text == "that") {
        next += 1;
    }
    s.tokens
        .get(next)
        .is_some_and(|t| t.text != "i" && capitalised_unknown(s, t))
}

/// Whether token `t` is a capitalised word that is no company's name.
fn capitalised_unknown(s: &Sent, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && s.text[t.span.clone()].starts_with(|c: char| c.is_uppercase())
        && !s.mentions.iter().any(|m| m.span.contains(&t.span.start))
}

/// "The investigation will aim to determine whether …": a sentence about
/// the legal action just reported.
fn opens_with_the_matter(narr: &str) -> bool {
    const MATTERS: &[&str] = &[
        "the investigation ",
        "the probe ",
        "the inquiry ",
        "the lawsuit ",
        "the suit ",
        "the complaint ",
        "the case ",
        "the ruling ",
        "the charges ",
        "the indictment ",
        "the filing ",
    ];
    let start = narr.trim_start_matches(|c: char| !c.is_alphanumeric());
    MATTERS.iter().any(|m| start.starts_with(m))
}

/// "the plaintiffs’ brief", "in one of these cases": the legal matter
/// already told of, by a definite name.
fn names_the_matter(lower: &str) -> bool {
    const MATTERS: &[&str] = &[
        "the lawsuit",
        "the lawsuits",
        "the suit",
        "the complaint",
        "the brief",
        "the filing",
        "the plaintiff",
        "the plaintiffs",
        "these cases",
        "those cases",
        "the investigation",
        "the probe",
        "the inquiry",
        "the indictment",
    ];
    crate::phrases!(MATTERS).any(lower)
}

/// "the company", "these platforms": a company anaphor, not a pronoun.
fn names_a_company_anaphor(text: &str) -> bool {
    const MORE: &[&str] = &[
        "the companies",
        "these companies",
        "those companies",
        "the platforms",
        "these platforms",
        "these firms",
    ];
    crate::phrases!(COMPANY_ANAPHORS).any(text) || crate::phrases!(MORE).any(text) || names_a_definite_company(text)
}

/// Whether the companies `text` refers back to are several ("the
/// companies", "both companies", and "the platforms" said of platforms in
/// general: "If the platforms can’t be held responsible …") and none is one
/// alone ("the company", "its", "it"). "The platforms" alone may be one
/// company's ("the complaint alleges the platforms exposed children").
fn speaks_only_of_several(text: &str) -> bool {
    const COMPANIES: &[&str] = &[
        "the companies",
        "these companies",
        "those companies",
        "the two companies",
        "both companies",
        "these firms",
    ];
    const PLATFORMS: &[&str] = &["the platforms", "these platforms"];
    const IN_GENERAL: &[&str] = &["if", "any", "such", "all", "many", "most"];
    let several = crate::phrases!(COMPANIES).any(text)
        || (crate::phrases!(PLATFORMS).any(text) && crate::phrases!(IN_GENERAL).any(text));
    let anaphors = crate::phrases!(COMPANY_ANAPHORS);
    several
        && !anaphors
            .find_all(text)
            .any(|(_, i)| !COMPANIES.contains(&anaphors.phrase(i)))
        && !names_a_definite_company(text)
        && !lexicon::contains_phrase(text, "its")
        && !referring_it(text)
}

/// "the AI company", "the company’s": a company met before. "As high as 6%
/// of a company’s annual revenue", "any company that …": any at all.
fn names_a_definite_company(text: &str) -> bool {
    let mut from = 0;
    while let Some(at) = lexicon::find_phrase(&text[from..], "company") {
        let at = from + at;
        let word_before = text[..at].split_whitespace().next_back().unwrap_or("");
        if !matches!(
            word_before,
            "a" | "an" | "any" | "every" | "each" | "no" | "another" | "one"
        ) {
            return true;
        }
        from = at + "company".len();
    }
    false
}

fn refers_back(text: &str) -> bool {
    names_a_company_anaphor(text) || lexicon::contains_phrase(text, "its") || referring_it(text)
}

/// Whether "it" stands for something in `text`, rather than being the empty
/// "it" of "made it a criminal offence" or "it is illegal to".
fn referring_it(text: &str) -> bool {
    const EMPTY_AFTER: &[&str] = &[
        "illegal",
        "unlawful",
        "a crime",
        "a criminal",
        "an offence",
        "an offense",
        // "clear" covers "clearly": "it is clearly illegal".
        "clear",
        "unclear",
        "not clear",
        "likely",
        "unlikely",
        "possible",
        "impossible",
    ];
    // "If Australia’s new provisions don’t succeed, it will be the biggest
    // failure …": the outcome of the condition, told as an event. ("If Meta
    // loses, it will be the first company fined" is Meta.)
    const OUTCOMES: &[&str] = &[
        "failure",
        "blow",
        "disaster",
        "setback",
        "test",
        "victory",
        "win",
        "loss",
        "defeat",
        "mistake",
        "embarrassment",
        "success",
        "milestone",
        "precedent",
        "shame",
        "scandal",
        "step",
    ];
    if let Some((condition, outcome)) = text.trim_start().strip_prefix("if ").and_then(|t| t.split_once(", "))
        && let Some(rest) = ["it will be ", "it would be "]
            .iter()
            .find_map(|p| outcome.strip_prefix(p))
            .filter(|rest| ["the ", "a ", "an "].iter().any(|d| rest.starts_with(d)))
            .filter(|rest| {
                let mut head = rest
                    .split_whitespace()
                    .take(8)
                    .map(|w| w.trim_end_matches([',', '.', ';']));
                head.any(|w| OUTCOMES.contains(&w))
            })
    {
        return referring_it(condition) || referring_it(rest);
    }
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .filter(|w| !w.is_empty())
        .flat_map(|w| match w {
            "it’s" | "it's" => vec!["it", "is"],
            _ => vec![w],
        })
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        if *w != "it" {
            return false;
        }
        let before = i.checked_sub(1).map(|j| words[j]);
        if matches!(before, Some("make" | "makes" | "made" | "making")) {
            return false;
        }
        let rest = words[i + 1..].iter().take(4).copied().collect::<Vec<_>>();
        let after_verb = match rest.as_slice() {
            ["is" | "was", tail @ ..] => tail,
            ["will" | "would", "be", tail @ ..] => tail,
            _ => return true,
        };
        let tail = after_verb.join(" ");
        !EMPTY_AFTER.iter().any(|e| tail.starts_with(e))
    })
}

/// As [`refers_back`], "they" included: in an accuser's own words "they"
/// is usually the accused ("they chose growth").
/// A law or an official speaking of the offence itself, or of the people who
/// commit it: "made it a criminal offence to create such images", "anyone
/// who does this should expect to face the law".
pub fn charges_no_company(lower: &str) -> bool {
    const OFFENDERS: &[&str] = &[
        "individuals",
        "anyone who",
        "anyone found",
        "people who",
        "those who",
        "users who",
        "perpetrators",
        "offenders",
    ];
    const OFFENCES: &[&str] = &["offence", "offense", "crime", "criminal", "illegal", "unlawful"];
    let words = plain_words(lower);
    let makes_it = words.windows(2).enumerate().any(|(k, w)| {
        matches!(w[0], "make" | "makes" | "made" | "making")
            && w[1] == "it"
            && words[k + 2..].iter().take(4).any(|x| OFFENCES.contains(x))
    });
    makes_it || (crate::phrases!(OFFENDERS).any(lower) && OFFENCES.iter().any(|o| lower.contains(o)))
}

/// Whether a sentence going on with an accuser's quotation still says
/// something against someone: a cue of wrongdoing or a damning word, the
/// accused as "they" or "the company" (or, from the company's own staff,
/// "we"), or a denial of what was claimed ("This is not ‘spicy.’"). "It
/// enraged me.”", "3 years to 12 years.”" and "And then someone has to step
/// in and say: No more.” say nothing against anyone by themselves.
pub fn says_anything_against(s: &Sent, by: Accuser) -> bool {
    const MORE_DAMNING: &[&str] = &[
        "awful",
        "horrible",
        "terrible",
        "insulting",
        "appalled",
        "profit",
        "profits",
        "tobacco",
    ];
    // The quotation's own words: a quoted sentence's tokens are its masks.
    let words = || {
        s.lower
            .split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'' || c == '-'))
            .filter(|w| !w.is_empty())
    };
    !cues_in(&s.lower).is_empty()
        || words().any(|w| {
            crate::words!(DAMNING).contains(w)
                || crate::words!(MORE_DAMNING).contains(w)
                || matches!(before_apostrophe(w), "they" | "their" | "them" | "theirs")
                || (by == Accuser::Employee && matches!(before_apostrophe(w), "we" | "our" | "us"))
                || matches!(w, "not" | "never")
                || w.ends_with("n’t")
                || w.ends_with("n't")
        })
        || lexicon::contains_phrase(&s.lower, "no place")
        || names_a_company_anaphor(&s.lower)
}

/// "they’re", "we’ve": the pronoun before its contraction.
fn before_apostrophe(word: &str) -> &str {
    word.split(['’', '\'']).next().unwrap_or(word)
}

/// Words that condemn what they describe.
const DAMNING: &[&str] = &[
    "nightmare",
    "dangerous",
    "invasive",
    "intrusive",
    "creepy",
    "dystopian",
    "alarming",
    "troubling",
    "disturbing",
    "appalling",
    "reckless",
    "irresponsible",
    "unsafe",
    "illegal",
    "unlawful",
    "deceptive",
    "misleading",
    "dishonest",
    "harmful",
    "predatory",
    "exploitative",
    "manipulative",
    "unethical",
    "unacceptable",
    "outrageous",
    "shameful",
    "disgraceful",
    "egregious",
    "scam",
    "fraud",
    "fraudulent",
    "surveillance",
    "abusive",
    "discriminatory",
    "racist",
    "toxic",
    "disaster",
    "threat",
    "anticompetitive",
    "anti-competitive",
    "monopolistic",
];

/// "The EFF called the practice “a privacy nightmare”", "critics called
/// Amazon’s plan dangerous": an accuser calling what a company does
/// something damning charges the company: the one whose it is, or the one
/// the article is about.
fn calls_its_doing_damning(s: &Sent, speaker: Option<&Speaker>, ctx: &Context, before: &Before) -> Option<Verdict> {
    const CALLING: &[&str] = &[
        "called",
        "calls",
        "calling",
        "labelled",
        "labeled",
        "branded",
        "described",
        "describes",
    ];
    const DOINGS: &[&str] = &[
        "practice",
        "practices",
        "feature",
        "features",
        "plan",
        "plans",
        "policy",
        "policies",
        "move",
        "decision",
        "product",
        "app",
        "tool",
        "system",
        "program",
        "programme",
        "update",
        "change",
        "changes",
        "technology",
        "service",
        "deal",
        "merger",
        "acquisition",
        "rollout",
        "scheme",
        "tracking",
        "approach",
        "strategy",
        "campaign",
        "conduct",
        "behavior",
        "behaviour",
    ];
    let word = |t: &Token, list: &[&str]| t.kind == TokenKind::Word && list.contains(&t.text.as_str());
    let k = s.tokens.iter().position(|t| word(t, CALLING))?;
    let j = (k + 1..s.tokens.len().min(k + 5)).find(|&j| word(&s.tokens[j], DOINGS))?;
    // What is called so comes right after, before the clause ends.
    let from = s.tokens[j].span.end;
    let to = s.tokens.get(j + 9).map_or(s.lower.len(), |t| t.span.start);
    let after = &s.lower[from..to];
    let after = &after[..after.find([';', '.']).unwrap_or(after.len())];
    if !super::speakers::word_spans(after)
        .iter()
        .any(|(_, w)| DAMNING.contains(w))
    {
        return None;
    }
    let (verb_at, verb_end, from) = (s.tokens[k].span.start, s.tokens[k].span.end, s.tokens[j].span.start);
    let by = speaker
        .and_then(Speaker::accuser)
        .or_else(|| accuser_in(&s.lower[..verb_at]))?;
    let owner: Vec<String> = s
        .actors()
        .filter(|m| m.span.start >= verb_end && m.span.end <= from)
        .map(|m| m.company.clone())
        .collect();
    let against = if !owner.is_empty() {
        owner
    } else if before.distance <= CHARGE_REACH && !before.against.is_empty() {
        before.against.to_vec()
    } else {
        ctx.focus_named_last().into_iter().collect()
    };
    (!against.is_empty()).then_some(Verdict::Allegation { against, by })
}

/// The words of a lower-cased text: its runs of letters and digits.
fn plain_words(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// "A Thai man has been jailed for Facebook posts": a passive charge whose
/// subject, tokens `[from, cue)`, is a person, not the company named after it.
fn charges_a_person(s: &Sent, from: usize, cue: usize) -> bool {
    names_a_person(&region_text(s, from, cue.saturating_sub(from)))
}

/// Whether a clause's words name a person or people ("a Thai man", "two
/// students").
fn names_a_person(lower: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "man",
        "woman",
        "men",
        "women",
        "person",
        "people",
        "teen",
        "teenager",
        "teenagers",
        "boy",
        "boys",
        "girl",
        "girls",
        "student",
        "students",
        "individual",
        "individuals",
        "hacker",
        "hackers",
        "scammer",
        "scammers",
        "suspect",
        "suspects",
        "father",
        "mother",
        "activist",
        "activists",
        "journalist",
        "journalists",
        "blogger",
        "bloggers",
    ];
    plain_words(lower).iter().any(|w| PEOPLE.contains(w))
}

/// "workers at Amazon", "male drivers for Uber and Lyft": people who work
/// for or use a company, named by it.
fn works_for_a_company(lower: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "workers",
        "employees",
        "staff",
        "drivers",
        "contractors",
        "moderators",
        "engineers",
        "users",
        "customers",
        "shareholders",
        "investors",
        "creators",
        "sellers",
        "merchants",
        "developers",
        "riders",
        "couriers",
    ];
    let words = plain_words(lower);
    words
        .windows(2)
        .any(|w| PEOPLE.contains(&w[0]) && matches!(w[1], "for" | "at" | "of" | "with"))
}

/// "Yahoo, Inc. v. American Airlines": whether the text after a company's
/// name makes it the first party of a case, the one suing.
fn plaintiff_in_caption(after: &str) -> bool {
    let mut rest = after.trim_start_matches([',', ' ']);
    for suffix in ["inc.", "inc", "llc", "ltd.", "ltd", "corp.", "corp", "co."] {
        if let Some(r) = rest.strip_prefix(suffix) {
            rest = r.trim_start_matches([',', ' ']);
            break;
        }
    }
    after.starts_with([',', ' ']) && (rest.starts_with("v. ") || rest.starts_with("vs. ") || rest.starts_with("v "))
}

/// "many other tech companies", "other firms": companies other than those
/// named, and not with them ("Meta and other tech companies").
fn names_other_companies(lower: &str) -> bool {
    const GROUPS: &[&str] = &[
        "companies",
        "firms",
        "platforms",
        "giants",
        "players",
        "rivals",
        "competitors",
    ];
    let words = plain_words(lower);
    words.iter().enumerate().any(|(k, w)| {
        *w == "other"
            && words[k + 1..].iter().take(3).any(|g| GROUPS.contains(g))
            && !k
                .checked_sub(1)
                .is_some_and(|p| matches!(words[p], "and" | "or" | "like" | "as" | "with" | "among" | "plus"))
    })
}

/// "We regret this failure and apologize to our readers": the speaker's own
/// apology, which charges nobody else.
pub fn apologizes(lower: &str) -> bool {
    const SORRY: &[&str] = &[
        "apologize",
        "apologise",
        "apologized",
        "apologised",
        "apologizing",
        "apologising",
        "regret",
        "regrets",
        "sorry",
    ];
    let words = plain_words(lower);
    words
        .iter()
        .enumerate()
        .any(|(k, w)| SORRY.contains(w) && words[k.saturating_sub(3)..k].iter().any(|p| matches!(*p, "we" | "i")))
}

/// "The fine isn’t just an attack on X", "called the lawsuit a witch hunt":
/// words that call a charge itself an attack, a defence of the one charged.
pub fn defends_the_charged(lower: &str) -> bool {
    const CHARGES: &[&str] = &[
        "fine",
        "fines",
        "penalty",
        "penalties",
        "lawsuit",
        "lawsuits",
        "suit",
        "probe",
        "investigation",
        "charges",
        "indictment",
        "prosecution",
        "sanctions",
    ];
    const ATTACKS: &[&str] = &[
        "an attack on",
        "attack on",
        "an assault on",
        "a witch hunt",
        "a witch-hunt",
        "censorship",
        "overreach",
        "a shakedown",
        "extortion",
        "harassment",
        "politically motivated",
        "a disgrace",
        "disgraceful",
        "outrageous",
        "absurd",
        "ridiculous",
        "baseless",
        "unjust",
        "unfair",
    ];
    // What may stand between the charge and what it is called.
    const LINKS: &[&str] = &[
        "is",
        "was",
        "isn",
        "wasn",
        "are",
        "were",
        "s",
        "amounts",
        "represents",
        "constitutes",
        "as",
        "just",
        "not",
        "only",
        "t",
        "to",
        "nothing",
        "but",
        "more",
        "than",
        "simply",
        "clearly",
        "an",
        "a",
        // "the fine as part of a larger attack on …".
        "part",
        "of",
        "larger",
        "broader",
        "wider",
    ];
    const CALLING: &[&str] = &[
        "called",
        "calls",
        "calling",
        "call",
        "labelled",
        "labeled",
        "branded",
        "described",
    ];
    let Some((at, _)) = crate::phrases!(ATTACKS).find_all(lower).next() else {
        return false;
    };
    let before: Vec<&str> = lower[..at]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    // The charge, then only linking words, at least one: "the fine isn’t
    // just …" (not a list: "lawsuits, harassment claims and a probe").
    let between: Vec<&&str> = before.iter().rev().take_while(|w| !CHARGES.contains(w)).collect();
    let linked = !between.is_empty()
        && between.iter().all(|w| LINKS.contains(w))
        && before.iter().rev().take(7).any(|w| CHARGES.contains(w));
    // Calling it so: "called the fine an attack on …".
    let called = before.len() >= 2
        && CHARGES.contains(&before[before.len() - 1])
        && before.iter().rev().skip(1).take(4).any(|w| CALLING.contains(w));
    let called = called
        || before.len() >= 3
            && matches!(before[before.len() - 1], "an" | "a")
            && CHARGES.contains(&before[before.len() - 2])
            && before.iter().rev().skip(2).take(4).any(|w| CALLING.contains(w));
    linked || called
}

fn refers_back_loose(text: &str) -> bool {
    refers_back(text) || lexicon::contains_phrase(text, "they")
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
        .any(|t| crate::words!(lexicon::SPEECH_VERBS).contains(t.text.as_str()));
    // "is the target of several lawsuits": the subject is who they charge.
    let targeted = s.tokens[from..cue_token]
        .windows(2)
        .rev()
        .take(4)
        .any(|w| matches!(w[0].text.as_str(), "target" | "targets" | "subject" | "subjects") && w[1].text == "of")
        && !s.tokens[from..cue_token]
            .iter()
            .any(|t| matches!(t.text.as_str(), "not" | "never" | "no" | "nor"));
    if targeted && !responds {
        return true;
    }
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
    all_cues(s).first().copied()
}

/// Every cue of wrongdoing in the narration (short quotations included), in
/// order, without those denied ("did not violate") and without legal nouns
/// merely mentioned ("the lawsuit relates to").
fn all_cues(s: &Sent) -> &[(usize, &'static str)] {
    s.cues.get_or_init(|| {
        let mut cues = cues_in(s.loose());
        cues.retain(|(at, _)| !names_no_cue(s, *at));
        cues
    })
}

/// Whether the cue at `at` in `s` is part of a name in a sentence in
/// ordinary case (see [`in_a_name`]).
fn names_no_cue(s: &Sent, at: usize) -> bool {
    !s.is_title && !s.heading && in_a_name(&s.text, at) && !super::companies::mostly_capitalised(&s.text)
}

/// Whether a sentence is part of a matter of charges: one comes after a
/// charge, or speaks the words of the law and its enforcement.
pub fn in_a_matter_of_charges(lower: &str, last_against: &[String]) -> bool {
    let words = crate::phrases!(MATTER_WORDS);
    !last_against.is_empty()
        || words
            .find_all(lower)
            .any(|(at, i)| !(words.phrase(i) == "ordered" && ordered_as_bought(lower, at)))
}

/// Whether what follows "cited" is a law or a study ("cited Australia’s
/// laws", "cited a study"): the noun right after it, or after one word
/// that determines it (an article, a pronoun or a place's possessive).
fn cites_a_source(after: &str) -> bool {
    const SOURCES: &[&str] = &[
        "law",
        "laws",
        "example",
        "examples",
        "study",
        "studies",
        "research",
        "figures",
        "statistics",
        "survey",
        "sources",
    ];
    let mut words = after
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']));
    let source = |w: Option<&str>| w.is_some_and(|w| SOURCES.contains(&w));
    match words.next() {
        Some("a" | "an" | "the" | "its" | "their" | "these" | "those" | "several" | "new" | "recent") => {
            source(words.next())
        }
        Some(w) if w.ends_with("’s") || w.ends_with("'s") => source(words.next()),
        w => source(w),
    }
}

/// Whether the words before a penalty make it one that may come: "could
/// include penalties such as fines", "could face fines", "could be fined";
/// not "would later be fined", "could not continue and fined it", "would
/// show kids ads was fined".
fn may_come(before: &str) -> bool {
    for w in before
        .rsplit([',', ';'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .rev()
        .take(5)
    {
        match w {
            "could" | "would" | "might" => return true,
            "was" | "were" | "is" | "are" | "has" | "have" | "had" | "been" | "and" | "later" | "then" | "it" => {
                return false;
            }
            _ => {}
        }
    }
    false
}

/// Whether "ordered" at `at` in `lower` was buying: "chips ordered by the
/// Saudis", "ordered from Amazon". Ordered by a court or an agency, or by
/// nobody named, it is an order.
fn ordered_as_bought(lower: &str, at: usize) -> bool {
    let agent = lower[at + "ordered".len()..].trim_start();
    (agent.starts_with("by ") || agent.starts_with("from "))
        && !accuser_in(&agent[..agent.floor_char_boundary(40)]).is_some_and(Accuser::is_official)
}

/// Words of the law and its enforcement, which make an official's words
/// about a company part of a matter of charges.
const MATTER_WORDS: &[&str] = &[
    "law",
    "laws",
    "legal",
    "illegal",
    "rules",
    "regulation",
    "regulations",
    "comply",
    "compliance",
    "complied",
    "investigation",
    "investigating",
    "investigate",
    "inquiry",
    "probe",
    "enforce",
    "enforcement",
    "court",
    "lawsuit",
    "fine",
    "fined",
    "penalty",
    "violated",
    "violation",
    "breach",
    "breached",
    "safety",
    "protect",
    "harm",
    "harms",
    "harmful",
    "must",
    "should",
    "require",
    "required",
    "obligations",
    "accountable",
    "children",
    "kids",
    "consumers",
    "privacy",
    "sanction",
    "sanctions",
    "sanctioned",
    "seized",
    "seizing",
    "seizure",
    "shut down",
    "suspended",
    "suspension",
    "license",
    "licence",
    "ban",
    "banned",
    "ordered",
    "raid",
    "raided",
    "police",
    "prosecutors",
    "criminal",
    "crime",
    "crackdown",
];

/// "Mayor Weldon Hurt wrote", "said Sue Chen": a capitalised word inside a
/// clause of a sentence in ordinary case is a name, not the cue it spells.
fn in_a_name(text: &str, at: usize) -> bool {
    text[at..].starts_with(|c: char| c.is_uppercase())
        && text[..at]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == ',')
}

/// The cues of wrongdoing, found anywhere (word boundaries are checked by
/// [`cues_in`]).
fn cue_matcher() -> &'static aho_corasick::AhoCorasick {
    static MATCHER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| {
        aho_corasick::AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(ALLEGATION_VERBS)
            .expect("the cue table compiles")
    })
}

/// Whether an ASCII-lower-cased text may hold a cue of wrongdoing: false
/// means no sentence of it has one (a cue's words never span a sentence's
/// end, and [`cues_in`] only drops cues).
pub fn may_hold_a_cue(text: &str) -> bool {
    cue_matcher().find_iter(text).any(|m| stands_alone(text, &m))
}

/// Whether the cue `m` found in `text` is whole words (a stem may go on).
fn stands_alone(text: &str, m: &aho_corasick::Match) -> bool {
    let before_ok = !text[..m.start()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    let after_ok = !text[m.end()..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
        || lexicon::is_stem(ALLEGATION_VERBS[m.pattern().as_usize()]);
    before_ok && after_ok
}

/// Every cue of wrongdoing in a lower-cased text, as [`all_cues`].
pub fn cues_in(text: &str) -> Vec<(usize, &'static str)> {
    let matcher = cue_matcher();
    let mut out = Vec::new();
    // After "worth suing", the rest of the clause is the charge that could be brought.
    let mut hypothetical_until = 0;
    for m in matcher.find_iter(text) {
        let cue = ALLEGATION_VERBS[m.pattern().as_usize()];
        if m.start() < hypothetical_until {
            continue;
        }
        // "three big companies worth suing": a charge someone could bring.
        let prev = text[..m.start()].split_whitespace().next_back();
        // "It’s notoriously difficult to sue social-media companies".
        let hard_to = prev == Some("to")
            && text[..m.start()].split_whitespace().nth_back(1).is_some_and(|w| {
                matches!(
                    w,
                    "difficult" | "hard" | "harder" | "easy" | "easier" | "impossible" | "tough" | "tricky"
                )
            });
        if prev == Some("worth") || hard_to {
            hypothetical_until = text[m.end()..]
                .find([',', ';', '.'])
                .map_or(text.len(), |k| m.end() + k);
            continue;
        }
        let mut next_words = text[m.end()..]
            .split_whitespace()
            .map(|w| w.trim_end_matches([',', '.', ';', ':']));
        let next = next_words.next();
        // A failure is someone's ("Meta’s failure", "its failures") or a
        // failure to do something; "mission-ending failure", "a commercial
        // failure" are no wrong done.
        if matches!(cue, "failure" | "failures")
            && !(prev.is_some_and(|p| {
                matches!(p, "its" | "their" | "his" | "her" | "our" | "your") || p.ends_with("’s") || p.ends_with("'s")
            }) || matches!(next, Some("to" | "of" | "in" | "by" | "on" | "at")))
        {
            continue;
        }
        if cue == "ordered" && ordered_as_bought(text, m.start()) {
            continue;
        }
        // "will exceed Wikipedia by several orders of magnitude": a measure.
        if cue == "orders" && text[m.end()..].trim_start().starts_with("of magnitude") {
            continue;
        }
        // "countries … have cited Australia’s laws": a law or a study
        // referred to, not a company cited for a violation.
        if cue == "cited" && cites_a_source(&text[m.end()..]) {
            continue;
        }
        // "could help a novice create dangerous pathogens": a thing dangerous
        // by nature, not a product made so.
        if cue == "dangerous"
            && next.is_some_and(|w| {
                matches!(
                    w,
                    "pathogens"
                        | "pathogen"
                        | "viruses"
                        | "virus"
                        | "chemicals"
                        | "weapons"
                        | "bioweapons"
                        | "substances"
                        | "minerals"
                        | "occupation"
                        | "countries"
                        | "world"
                        | "neighborhoods"
                        | "roads"
                        | "weather"
                )
            })
        {
            continue;
        }
        // "foregrounds Floyd’s criminal record": someone's past, no charge
        // (unless the text gives it to a company: "its criminal record").
        if cue == "criminal"
            && matches!(next, Some("record" | "records" | "history" | "past"))
            && !matches!(
                prev,
                Some("its" | "company’s" | "company's" | "firm’s" | "firm's" | "companies’" | "companies'")
            )
        {
            continue;
        }
        // "a new legal liability … which could include penalties such as
        // fines", "could face fines": a penalty that may come, not one
        // imposed. ("May" is too often the month to count.)
        if matches!(cue, "fine" | "fines" | "fined" | "penalty" | "penalties") && may_come(&text[..m.start()]) {
            continue;
        }
        if matches!(cue, "targeted" | "targeting") && aims_at_a_market(prev, &text[m.end()..]) {
            continue;
        }
        // "Activation Lock, which allows you to bypass the passcode": what
        // the reader may do.
        if cue == "bypass"
            && (prev == Some("you")
                || prev == Some("to") && text[..m.start()].split_whitespace().nth_back(1) == Some("you"))
        {
            continue;
        }
        // "rising suicide and self-harm rates": harm no one did to another,
        // unless someone led to it ("encourage self-harm").
        if matches!(cue, "harm" | "harms")
            && ["self-", "self‑", "self "]
                .iter()
                .any(|p| text[..m.start()].ends_with(p))
            && !text[..m.start()]
                .split_whitespace()
                .rev()
                .skip(1)
                .take(4)
                .any(leads_to_harm)
        {
            continue;
        }
        // "The crew blasted off", "a car slammed into a wall", "Uber charged
        // into cities": motion, not blame.
        if matches!(cue, "blasted" | "slammed" | "charged")
            && next.is_some_and(|w| matches!(w, "off" | "into" | "through" | "shut" | "ahead" | "forward"))
        {
            continue;
        }
        // "you were liable to lose that capacity": likely, not at fault
        // ("liable to prosecution", "liable to pay" are charges).
        if cue == "liable"
            && next == Some("to")
            && next_words.next().is_some_and(|w| {
                matches!(
                    w,
                    "lose"
                        | "become"
                        | "cause"
                        | "change"
                        | "happen"
                        | "get"
                        | "go"
                        | "make"
                        | "break"
                        | "fail"
                        | "crash"
                        | "drop"
                        | "fall"
                        | "rise"
                        | "forget"
                        | "overheat"
                        | "wear"
                )
            })
        {
            continue;
        }
        // "its failure to raise additional funding": a business setback.
        if matches!(cue, "failed to" | "fails to" | "failing to" | "failure to")
            && text[m.end()..].split_whitespace().next().is_some_and(|w| {
                matches!(
                    w,
                    "raise" | "attract" | "gain" | "catch" | "secure" | "generate" | "turn"
                )
            })
        {
            continue;
        }
        if !stands_alone(text, &m) || denied(text, m.start()) {
            continue;
        }
        if crate::words!(lexicon::WEAK_NOUN_CUES).contains(cue) && !described(text, m.start(), m.end()) {
            continue;
        }
        if matches!(cue, "faces" | "faced" | "facing" | "face") && !faces_a_charge(&text[m.end()..]) {
            continue;
        }
        if cue == "fine" && fine_as_adjective(&text[..m.start()], &text[m.end()..]) {
            continue;
        }
        // "fitness tracking capabilities": a product's feature, no one tracked.
        if matches!(cue, "tracking" | "tracked")
            && (prev.is_some_and(|p| {
                matches!(
                    p,
                    "fitness"
                        | "health"
                        | "sleep"
                        | "activity"
                        | "workout"
                        | "package"
                        | "order"
                        | "eye"
                        | "hand"
                        | "head"
                )
            }) || next.is_some_and(|n| {
                matches!(
                    n,
                    "capabilities" | "feature" | "features" | "sensor" | "sensors" | "device" | "devices" | "number"
                )
            }))
        {
            continue;
        }
        if matches!(cue, "charge" | "charged") && (battery_charge(cue, prev, next) || in_charge(cue, prev, next)) {
            continue;
        }
        if matches!(cue, "charge" | "charges" | "charged" | "charging") && billing(&text[m.end()..]) {
            continue;
        }
        out.push((m.start(), cue));
    }
    out
}

/// Whether "targeted" before `after` aims at a market: "RIM wisely targeted
/// existing BBM users", "advertising should be highly targeted". Not
/// "targeted teen users", "targeted activists".
fn aims_at_a_market(prev: Option<&str>, after: &str) -> bool {
    const MARKETS: &[&str] = &[
        "users",
        "customers",
        "consumers",
        "audience",
        "audiences",
        "market",
        "markets",
        "buyers",
        "shoppers",
        "subscribers",
        "advertisers",
        "businesses",
        "enterprises",
        "developers",
        "fans",
        "listeners",
        "readers",
        "viewers",
        "gamers",
        "professionals",
        "ads",
        "advertising",
        "advertisements",
        "marketing",
        "campaigns",
    ];
    const VULNERABLE: &[&str] = &[
        "teen",
        "teens",
        "teenage",
        "young",
        "younger",
        "children",
        "child",
        "kids",
        "minors",
        "vulnerable",
        "elderly",
        "older",
        "minority",
        "black",
        "low-income",
    ];
    let next: Vec<&str> = after
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_end_matches([',', '.', ';', ':']))
        .collect();
    // "targeted ads at users based on their race": whom they were kept from.
    let clause = after.split(['.', ';']).next().unwrap_or(after);
    if ["based on", "race", "ethnic", "religio", "gender", "sexual orientation"]
        .iter()
        .any(|w| clause.contains(w))
    {
        return false;
    }
    let market_at = next.iter().position(|w| MARKETS.contains(w));
    let adjective = prev.is_some_and(|p| matches!(p, "highly" | "more" | "better" | "well" | "narrowly" | "precisely"));
    (adjective || market_at.is_some())
        && !market_at
            .map_or(&next[..], |k| &next[..k])
            .iter()
            .any(|w| VULNERABLE.contains(w))
}

/// Whether `word` is someone bringing harm about ("encourage", "led to").
fn leads_to_harm(word: &str) -> bool {
    [
        "encourag",
        "enabl",
        "promot",
        "fed",
        "feed",
        "show",
        "recommend",
        "serv",
        "expos",
        "suggest",
        "glorif",
        "coach",
        "caus",
        "urg",
        "push",
        "facilitat",
        "lead",
        "led",
        "drove",
        "driv",
        "incit",
    ]
    .iter()
    .any(|stem| word.starts_with(stem))
}

/// "charge Apple users for price increases", "charges a $5 fee": a price
/// asked of customers, not a legal charge.
fn billing(after: &str) -> bool {
    after
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '$'))
        .any(|w| {
            w.starts_with('$')
                || w.starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    w,
                    "users"
                        | "customers"
                        | "subscribers"
                        | "developers"
                        | "consumers"
                        | "buyers"
                        | "shoppers"
                        | "riders"
                        | "fee"
                        | "fees"
                        | "more"
                        | "extra"
                        | "premium"
                        | "price"
                        | "prices"
                )
        })
}

/// "a single charge", "a charged iPhone", "charge capacity": a battery's
/// charge, not a legal one.
fn battery_charge(cue: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    let prev = prev.unwrap_or("");
    (cue == "charged" && matches!(prev, "a" | "fully" | "partially" | "half"))
        || (cue == "charge"
            && matches!(
                prev,
                "single" | "full" | "battery" | "wireless" | "fast" | "quick" | "one" | "overnight"
            ))
        || next.is_some_and(|n| {
            matches!(
                n,
                "capacity"
                    | "indicator"
                    | "level"
                    | "levels"
                    | "time"
                    | "port"
                    | "cable"
                    | "cycle"
                    | "cycles"
                    | "lasts"
            )
        })
}

/// "no question who was in charge", "the executive in charge of safety",
/// "took charge", "free of charge": command or price, not a legal charge.
fn in_charge(cue: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    cue == "charge"
        && (matches!(prev, Some("in" | "took" | "take" | "takes" | "taking" | "of"))
            || (prev == Some("no") && next.is_none_or(|n| n != "of")))
}

/// "it's fine", "works perfectly fine", "fine with it": not a penalty.
fn fine_as_adjective(before: &str, after: &str) -> bool {
    let prev = before.split_whitespace().next_back().unwrap_or("");
    let next = after.trim_start();
    matches!(
        prev,
        "is" | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "it's"
            | "it’s"
            | "that's"
            | "that’s"
            | "perfectly"
            | "just"
            | "seems"
            | "seemed"
            | "looks"
            | "looked"
            | "sounds"
            | "pretty"
            | "quite"
            | "very"
            | "so"
            | "all"
            | "fairly"
            | "work"
            | "works"
            | "worked"
            | "feel"
            | "feels"
            | "felt"
            | "totally"
            | "mostly"
            | "probably"
            | "you're"
            | "you’re"
            | "we're"
            | "we’re"
            | "they're"
            | "they’re"
            | "i'm"
            | "i’m"
            | "he's"
            | "he’s"
            | "she's"
            | "she’s"
    ) || next.starts_with("with ")
        // "fine-tune", "the fine, fine tips", "a fine follow-up story".
        || next.starts_with('-')
        || next.starts_with(", fine")
        || [
            "print", "art", "dining", "tun", "follow", "line", "job", "example", "point", "detail", "balance", "tip",
            "wine", "piece", "mess", "grain", "tooth", "young", "gentleman", "lady", "shape", "form", "fettle",
        ]
        .iter()
        .any(|w| next.starts_with(w))
}

/// Cues that say someone has charged the company, whoever it was.
fn reports_a_charge(cue: &str) -> bool {
    matches!(
        cue,
        "faces"
            | "faced"
            | "facing"
            | "face"
            | "accuse"
            | "allege"
            | "sue"
            | "accused"
            | "accuses"
            | "accusing"
            | "accusations"
            | "accusation"
            | "alleged"
            | "allegedly"
            | "alleges"
            | "alleging"
            | "allegations"
            | "allegation"
            | "under fire"
            | "scrutiny"
            | "charged"
            | "charges"
            | "sued"
            | "sues"
            | "lawsuit"
            | "lawsuits"
    )
}

/// "faces a lawsuit", "faced mounting scrutiny", not "faces stiff
/// competition" or "faced with folding T-shirts".
fn faces_a_charge(after: &str) -> bool {
    const CHARGES: &[&str] = &[
        "lawsuit",
        "lawsuits",
        "suit",
        "suits",
        "charge",
        "charges",
        "fine",
        "fines",
        "probe",
        "probes",
        "investigation",
        "investigations",
        "inquiry",
        "scrutiny",
        "criticism",
        "backlash",
        "allegations",
        "accusations",
        "claims",
        "complaints",
        "penalty",
        "penalties",
        "sanctions",
        "ban",
        "trial",
        "prosecution",
        "litigation",
        "action",
        "legal",
        "antitrust",
        "regulatory",
        "class-action",
        "calls",
        "pressure",
        "questions",
        "outrage",
        "accusation",
        "allegation",
        "complaint",
        "damages",
        "jail",
        "prison",
        "indictment",
        "liability",
    ];
    // "faced increasing corporate pressure to separate its business": the
    // pressure of business, not of anyone charging it.
    const OF_BUSINESS: &[&str] = &[
        "corporate",
        "commercial",
        "competitive",
        "financial",
        "economic",
        "market",
        "investor",
        "shareholder",
        "business",
        "cost",
        "time",
    ];
    let words: Vec<&str> = after
        .split_whitespace()
        .take(5)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    // "faces pressure on multiple fronts": pressure charges nothing unless
    // someone applies it over something ("pressure from regulators",
    // "pressure over its data practices", "regulatory pressure").
    let applied = |i: usize| {
        words[i + 1..]
            .iter()
            .take(2)
            .any(|w| matches!(*w, "from" | "over" | "after"))
    };
    words.iter().enumerate().any(|(i, w)| {
        CHARGES.contains(w) && !(*w == "pressure" && (i > 0 && OF_BUSINESS.contains(&words[i - 1]) || !applied(i)))
    })
}

/// "did not violate", "no wrongdoing", "without damages": a denied cue.
pub(crate) fn denied(text: &str, at: usize) -> bool {
    text[..at].split_whitespace().rev().take(2).any(|w| {
        matches!(w, "not" | "no" | "never" | "without" | "nor" | "neither") || w.ends_with("n't") || w.ends_with("n’t")
    })
}

/// A legal noun whose charge the sentence spells out: "a lawsuit alleging",
/// "filed a complaint", "seeking ... damages", "in breach of".
fn described(text: &str, start: usize, end: usize) -> bool {
    let next = text[end..]
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .unwrap_or("");
    let before: Vec<&str> = text[..start]
        .split_whitespace()
        .rev()
        .take(6)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    let cue = &text[start..end];
    match cue {
        "damages" => before
            .iter()
            .any(|w| crate::words!(lexicon::WEAK_CUE_BEFORE).contains(w) && *w != "in"),
        "breach" | "breaches" => next == "of" || before.first() == Some(&"in"),
        _ => {
            crate::words!(lexicon::WEAK_CUE_NEXT).contains(next)
                || before
                    .iter()
                    .take(3)
                    .any(|w| crate::words!(lexicon::WEAK_CUE_BEFORE).contains(w) && *w != "in")
        }
    }
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
            | "finding that"
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

/// Whether the clause from `from` says its subject sues, by the cue at
/// `cue` or a few words after it ("has filed a lawsuit against").
fn clause_sues(s: &Sent, from: usize, cue: usize) -> bool {
    tells_of_a_suit(&s.tokens[from..(cue + 4).min(s.tokens.len())])
}

/// Whether `tokens` tell of a suit: "sued", "a lawsuit", "filed seven cases
/// against OpenAI", "filing a suit against Snap".
fn tells_of_a_suit(tokens: &[Token]) -> bool {
    let words = || tokens.iter().map(|t| t.text.as_str());
    let files = || words().any(|w| matches!(w, "filed" | "files" | "file" | "filing" | "brought" | "brings"));
    let case = || words().any(|w| matches!(w, "case" | "cases" | "suit" | "suits" | "complaint" | "complaints"));
    words().any(|w| SUING.contains(&w)) || files() && case()
}

/// Words of a suit being brought.
const SUING: &[&str] = &["sue", "sues", "sued", "suing", "lawsuit", "lawsuits", "class-action"];

/// Who made a finding the sentence gives to researchers, unless TIME
/// made it ("In June, TIME found that …", "a TIME analysis found", "TIME’s
/// review found"): the magazine, whose name lower-cased text cannot tell
/// from the word, in capitals right before the sentence's first "found".
fn found_by(s: &Sent, by: Accuser) -> Accuser {
    let Some(found) = s
        .tokens
        .iter()
        .position(|t| matches!(t.text.as_str(), "found" | "finds"))
    else {
        return by;
    };
    let is_time = |k: usize| {
        s.text.get(s.tokens[k].span.clone()).is_some_and(|w| {
            let w = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w);
            w == "TIME"
        })
    };
    let time = (found > 0 && is_time(found - 1))
        || (found > 1
            && is_time(found - 2)
            && matches!(
                s.tokens[found - 1].text.as_str(),
                "analysis" | "investigation" | "review" | "reporting" | "test" | "tests" | "testing"
            ));
    if by == Accuser::Researcher && time {
        Accuser::Media
    } else {
        by
    }
}

fn region_text(s: &Sent, from: usize, len: usize) -> String {
    let to = (from + len).min(s.tokens.len());
    if from >= to {
        return String::new();
    }
    s.narr()[s.tokens[from].span.start..s.tokens[to - 1].span.end].to_owned()
}

/// Where, after the cue at token `cue`, a purpose favouring someone starts
/// ("blocking their import, presumably to boost demand for equivalents like
/// Huawei’s"): whom the act is meant to help is not its target.
fn helped_from(s: &Sent, cue: usize) -> usize {
    const HELP_VERBS: &[&str] = &[
        "boost", "help", "benefit", "favor", "favour", "support", "protect", "shield", "promote", "bolster",
    ];
    s.tokens
        .windows(2)
        .skip(cue + 1)
        .find(|w| w[0].text == "to" && crate::words!(HELP_VERBS).contains(&w[1].text))
        .map_or(usize::MAX, |w| w[0].span.start)
}

/// Companies named within `max` tokens after the cue, before a clause break.
fn companies_after(s: &Sent, cue: usize, max: usize) -> Vec<String> {
    let Some(start_tok) = s.tokens.get(cue + 1) else {
        return Vec::new();
    };
    let start = start_tok.span.start;
    let mut end = start;
    let helped = helped_from(s, cue);
    for t in s.tokens.iter().skip(cue + 1).take(max) {
        if matches!(t.kind, TokenKind::Break | TokenKind::Quote) || t.span.start >= helped {
            break;
        }
        end = t.span.end;
    }
    let mut out: Vec<String> = Vec::new();
    for m in s.actors() {
        if m.span.start >= start
            && m.span.end <= end
            && !out.contains(&m.company)
            && !sues(&s.narr()[..m.span.start], &s.narr()[m.span.end..])
        {
            out.push(m.company.clone());
        }
    }
    out
}

/// `against` less the companies every mention of which in `s` owns what a
/// cue of `cues` says was broken (see [`owns_what_was_broken`]), is paid
/// (see [`is_paid`]) or brought the case (see [`brought_the_case`]); a
/// company the sentence does not name (a charge carried on) stays.
fn without_the_wronged(s: &Sent, mut against: Vec<String>, cues: &[(usize, &str)]) -> Vec<String> {
    against.retain(|c| {
        !every_mention(s, c, |m| {
            is_paid(s, m) || brought_the_case(s, m) || cues.iter().any(|&(at, cue)| owns_what_was_broken(s, m, cue, at))
        })
    });
    against
}

/// "settled a lawsuit filed by Verizon", "a complaint brought by the
/// Irish regulator": who brought the case is not charged in it.
fn brought_the_case(s: &Sent, m: &super::companies::Mention) -> bool {
    let before = s.lower[..m.span.start].trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    // "filed by Tesla shareholders": the company's people, not the company.
    let its_people = s.lower[m.span.end..].split_whitespace().next().is_some_and(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        lexicon::STAFF_NOUNS.contains(&w)
            || matches!(w, "shareholders" | "investors" | "users" | "drivers" | "customers")
    });
    !its_people
        && ["filed by", "brought by", "lodged by", "initiated by", "sued by"]
            .iter()
            .any(|by| before.ends_with(by))
}

/// "ordered to pay $1.26 million in restitution to Apple", "agreed to pay
/// Epic $10 million": whom money is paid to is owed it, not charged.
fn is_paid(s: &Sent, m: &super::companies::Mention) -> bool {
    const PAID: &[&str] = &[
        "pay",
        "pays",
        "paid",
        "paying",
        "repay",
        "repaid",
        "reimburse",
        "reimbursed",
        "compensate",
        "compensated",
    ];
    const OWED: &[&str] = &["restitution", "compensation", "damages", "royalties"];
    let before = s.lower[..m.span.start].trim_end();
    let mut words = before
        .rsplit(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let possessive = super::speakers::is_possessive(&s.lower[m.span.start..m.span.end])
        || s.lower[m.span.end..].starts_with(['’', '\'']);
    // "pay Apple $539 million": a sum follows the one paid ("forced to pay
    // Apple a 30% commission" charges Apple).
    let a_sum_follows = s.lower[m.span.end..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£'));
    match (words.next(), words.next()) {
        _ if possessive => false,
        (Some(w), _) if PAID.contains(&w) => a_sum_follows,
        (Some("to"), Some(owed)) => OWED.contains(&owed),
        (Some("the"), Some(w)) => PAID.contains(&w) && a_sum_follows,
        _ => false,
    }
}

/// Whether `s` names `company` as an actor, and every such mention is as
/// `pred` says.
fn every_mention(s: &Sent, company: &str, pred: impl Fn(&super::companies::Mention) -> bool) -> bool {
    let mut named = s.actors().filter(|m| m.company == company).peekable();
    named.peek().is_some() && named.all(pred)
}

/// "violated Apple's developer guidelines", "the clause of Apple's software
/// developers kit that Murderdrome violated", "unauthorized uses of
/// MySpace's servers": whose rules, rights or systems are broken or misused
/// is wronged, not charged. Not "Apple's terms violate the law", nor
/// "Apple's rules, which violate it".
fn owns_what_was_broken(s: &Sent, m: &super::companies::Mention, cue: &str, cue_token: usize) -> bool {
    const RULES: &[&str] = &[
        "rules",
        "guidelines",
        "policy",
        "policies",
        "terms",
        "agreement",
        "kit",
        "license",
        "licence",
        "contract",
        "patent",
        "patents",
        "trademark",
        "trademarks",
        "copyright",
        "copyrights",
        "clause",
        "standards",
        "servers",
        "systems",
        "network",
        "networks",
        "computers",
    ];
    if !["violat", "breach", "infring", "unauthori"]
        .iter()
        .any(|b| cue.starts_with(b))
    {
        return false;
    }
    let after = &s.narr()[m.span.end..];
    let Some(owned) = after.strip_prefix("’s").or_else(|| after.strip_prefix("'s")) else {
        return false;
    };
    if !owned
        .split_whitespace()
        .take(4)
        .any(|w| RULES.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
    {
        return false;
    }
    let cue_start = s.tokens[cue_token].span.start;
    if m.span.start > cue_start {
        return true;
    }
    // Before the cue, the rules are broken only as the object of a relative
    // clause with a subject of its own.
    let mut between = s.narr()[m.span.end..cue_start].split_whitespace().rev();
    let last = between.next();
    !matches!(last, None | Some("that" | "which")) && between.any(|w| matches!(w, "that" | "which"))
}

/// Whether every mention of `company` in `s` is of its users or customers
/// doing something themselves: "alleged that some TikTok users purposefully
/// broadcast live", not "that Uber drivers were underpaid".
fn only_its_users_act(s: &Sent, company: &str) -> bool {
    every_mention(s, company, |m| users_act(&s.narr()[m.span.end..]))
}

/// Whether the companies `s` names are all there as their users acting
/// (see [`only_its_users_act`]): the charge is against the users.
fn charges_users(s: &Sent) -> bool {
    s.actors().next().is_some() && s.actors().all(|m| users_act(&s.narr()[m.span.end..]))
}

/// Whether the words after a company's name are its users acting (see
/// [`only_its_users_act`]).
fn users_act(after: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "users",
        "customers",
        "subscribers",
        "drivers",
        "creators",
        "sellers",
        "advertisers",
        "members",
    ];
    // What follows them that is not their own verb: a passive's ("were
    // underpaid") or words that go on describing them ("users in the U.S.").
    const NOT_THEIR_VERB: &[&str] = &[
        "were", "was", "are", "is", "have", "had", "been", "being", "got", "get", "say", "said", "in", "on", "at",
        "of", "for", "from", "with", "who", "that", "and", "or", "to", "across", "around",
    ];
    let mut words = after.split_whitespace();
    words.next().is_some_and(|w| PEOPLE.contains(&w))
        && words
            .next()
            .is_some_and(|w| w.starts_with(char::is_alphabetic) && !NOT_THEIR_VERB.contains(&w))
}

/// Whether every cue of the sentence only shuts someone out and gives no
/// reason ("Russia has blocked Twitter since March 4th", not "Italy banned
/// ChatGPT over privacy concerns"): such a block or ban charges nothing by
/// itself.
fn only_shuts_out(s: &Sent) -> bool {
    let cues = all_cues(s);
    // "regulators who share that belief have effectively blocked …": the
    // reason told before the block.
    let a_reason_held =
        crate::phrases!(&["belief", "beliefs", "concern", "concerns", "fears", "worries"]).any(s.loose());
    !cues.is_empty()
        && !a_reason_held
        && cues
            .iter()
            .all(|&(at, cue)| shuts_out(cue) && !describes_a_thing(s, at, cue) && !gives_a_reason(&s.loose()[at..]))
}

/// Whether the sentence shuts `company` out for no reason (see
/// [`only_shuts_out`]), rather than telling that the company shut someone
/// out ("Meta restricted Palestinian content", "Apple blocked Fortnite"):
/// the company is named after the cue, or before a passive one ("TikTok has
/// been banned"), or not at all.
pub fn shuts_out_for_no_reason(s: &Sent, company: &str) -> bool {
    if !only_shuts_out(s) {
        return false;
    }
    let (cue_at, cue) = all_cues(s)[0];
    let t = s.token_at(cue_at);
    let acts =
        s.actors().any(|m| m.company == company && m.span.end <= cue_at) && !is_passive(s, clause_start(s, t), t, cue);
    !acts
}

/// Whether the clause from a cue says why: "over privacy concerns",
/// "citing national security", "for failing to …".
fn gives_a_reason(from_cue: &str) -> bool {
    let mut clauses = from_cue.split([',', ';', '.']);
    let clause = clauses.next().unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().skip(1).take(10).collect();
    let in_clause = words.iter().enumerate().any(|(i, w)| {
        let next = words.get(i + 1).copied().unwrap_or("");
        match *w {
            // "for failing to …", "for its handling of data", not "for
            // teens", "for more than a decade", "for its 80 million users".
            "for" => {
                next.ends_with("ing")
                    || matches!(
                        next,
                        "violations" | "violating" | "breaches" | "security" | "privacy" | "national"
                    )
            }
            // "over privacy concerns", not "over the weekend".
            "over" => !matches!(next, "the" | "a" | "several" | "two" | "three" | "many"),
            "citing" | "because" | "amid" | "following" | "due" | "pending" | "grounds" | "protect" | "prevent" => true,
            _ => false,
        }
    });
    // "India banned TikTok in June 2020, citing national security".
    let next_clause = clauses.next().unwrap_or("").split_whitespace().next().unwrap_or("");
    in_clause
        || matches!(
            next_clause,
            "citing" | "saying" | "accusing" | "amid" | "over" | "because" | "following"
        )
}

/// "ads for scams and banned goods": the participle describes the thing
/// after it, it tells of nobody being shut out ("banned Instagram" does).
fn describes_a_thing(s: &Sent, at: usize, cue: &str) -> bool {
    let before = s.loose()[..at].split_whitespace().next_back().unwrap_or("");
    // `loose` is `text` lower-cased, byte for byte: the case is read in `text`.
    let after = s.text[at + cue.len()..].split_whitespace().next().unwrap_or("");
    cue.ends_with("ed")
        && matches!(
            before,
            "and" | "or" | "of" | "for" | "the" | "a" | "an" | "its" | "their"
        )
        && after.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(
            after,
            "from" | "in" | "by" | "for" | "after" | "since" | "over" | "on" | "at" | "until" | "as" | "to"
        )
}

/// Cues of shutting someone out ("blocking", "banned", "suspends",
/// "restricted").
fn shuts_out(cue: &str) -> bool {
    ["block", "ban", "suspend", "barr", "bar", "restrict"]
        .iter()
        .any(|stem| {
            cue.strip_prefix(stem)
                .is_some_and(|rest| matches!(rest, "" | "s" | "ed" | "ing" | "ned" | "ning"))
        })
}

/// Whether the words after a company's name are its people ("OpenAI staff",
/// "Google employees").
fn names_its_people(after: &str) -> bool {
    after
        .split_whitespace()
        .next()
        .is_some_and(|w| crate::words!(lexicon::STAFF_NOUNS).contains(w.trim_end_matches([',', '.', ';'])))
}

/// Whether a company's mention only says whom a person works or worked
/// for: "a former Google employee", "an Uber engineer".
fn describes_a_worker(s: &Sent, m: &super::companies::Mention) -> bool {
    let (before, after) = (&s.narr()[..m.span.start], &s.narr()[m.span.end..]);
    let article = before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| matches!(w, "a" | "an" | "former" | "one"));
    article
        && after.split_whitespace().next().is_some_and(|w| {
            matches!(
                w.trim_end_matches(|c: char| !c.is_alphanumeric()),
                "employee" | "engineer" | "executive" | "staffer" | "worker" | "contractor" | "manager" | "researcher"
            )
        })
}

/// Whether a company's name, with the words before and after it, opens a
/// clause in which it sues: "even after Apple sued in November", "when Epic
/// has sued"; not "Meta was sued", nor "drivers for Uber and Lyft are suing".
fn sues(before: &str, after: &str) -> bool {
    let opens = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .is_none_or(|w| {
            w.is_empty()
                || w.ends_with(',')
                || matches!(
                    w,
                    "after" | "before" | "when" | "since" | "until" | "because" | "while" | "once" | "as"
                )
        });
    let mut words = after.split_whitespace();
    opens
        && match words.next() {
            Some("sued" | "sues") => true,
            Some("has" | "had") => words.next() == Some("sued"),
            Some("is") => words.next() == Some("suing"),
            _ => false,
        }
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
    // "said on Tuesday that", "wrote in her opinion ... that": a short
    // adverbial may stand between the verb and its clause.
    if let Some(k) = (i..(i + 8).min(s.tokens.len())).find(|&k| s.tokens[k].text == "that")
        && s.tokens[i..k]
            .iter()
            .all(|t| t.kind == TokenKind::Word || t.kind == TokenKind::Comma)
        && s.tokens.get(i).is_some_and(|t| {
            matches!(
                t.text.as_str(),
                "on" | "in"
                    | "last"
                    | "this"
                    | "earlier"
                    | "late"
                    | "that"
                    | "at"
                    | "during"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "today"
                    | "yesterday"
            )
        })
    {
        i = k + 1;
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

/// "Indonesia’s Constitutional Court ruled in 2021 that the government may
/// block the internet": a ruling or finding about someone the clause names,
/// not the company charged before.
fn rules_on_someone_else(s: &Sent, cue_token: usize, cue: &str) -> bool {
    const OTHERS: &[&str] = &[
        "government",
        "governments",
        "state",
        "states",
        "law",
        "laws",
        "police",
        "authorities",
        "ministry",
        "regulator",
        "regulators",
        "country",
        "users",
        "people",
        "citizens",
        "public",
        "officials",
        "parliament",
        "congress",
        "agency",
        "commission",
        "plaintiffs",
        "prosecutors",
    ];
    // "ruled that the states had shown the company misled parents": the
    // company is still spoken of.
    if !matches!(
        cue,
        "ruled" | "concluded" | "found that" | "finds that" | "finding that"
    ) || names_a_company_anaphor(s.narr())
    {
        return false;
    }
    let from = after_cue(cue_token, cue);
    let Some(that) = (from..(from + 8).min(s.tokens.len())).find(|&k| s.tokens[k].text == "that") else {
        return cue.ends_with(" that") && subject_is_one_of(s, from, OTHERS);
    };
    subject_is_one_of(s, that + 1, OTHERS)
}

/// Whether the noun phrase from token `at` ("the government", "the
/// country’s police") is headed by one of `nouns` and names no company.
fn subject_is_one_of(s: &Sent, at: usize, nouns: &[&str]) -> bool {
    s.tokens[at.min(s.tokens.len())..]
        .iter()
        .take(4)
        .take_while(|t| t.kind == TokenKind::Word)
        .map_while(|t| {
            let inside_a_name = s
                .actors()
                .any(|m| m.span.start <= t.span.start && t.span.start < m.span.end);
            (!inside_a_name).then_some(t.text.as_str())
        })
        .any(|w| nouns.contains(&w))
}

/// Whether every mention of `company` after the cue stands in a list of
/// examples ("companies including IBM, Apple and Oracle", "such as X"), or,
/// when `from_a_source`, after "from" ("ads from companies like IBM").
fn named_as_example(s: &Sent, cue: usize, company: &str, from_a_source: bool) -> bool {
    let from = s.tokens.get(cue + 1).map_or(usize::MAX, |t| t.span.start);
    let mentions: Vec<_> = s.actors().filter(|m| m.span.start >= from).collect();
    let mut example = false;
    let mut all = true;
    let mut any = false;
    let mut prev_end = from;
    for m in &mentions {
        let gap = s.narr()[prev_end.min(m.span.start)..m.span.start].trim();
        let last = gap.split_whitespace().next_back().unwrap_or("");
        if matches!(last, "including" | "like" | "as") || (from_a_source && last == "from") {
            example = true;
        } else if !(gap.is_empty() || gap == "," || gap == "and" || gap == ", and" || gap == "or") {
            example = false;
        }
        if m.company == company {
            any = true;
            all &= example;
        }
        prev_end = m.span.end;
    }
    any && all
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
    // "looking into the issue": the matter, not someone looked into.
    const MATTERS: &[&str] = &[
        "issue",
        "issues",
        "matter",
        "allegations",
        "claims",
        "incident",
        "incidents",
        "reports",
        "report",
        "complaints",
        "practice",
        "practices",
        "problem",
        "concerns",
        "conduct",
        "situation",
    ];
    let the_matter = next
        .strip_prefix("the ")
        .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
        .is_some_and(|w| MATTERS.contains(&w));
    if the_matter {
        return false;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_limit_is_under_a_two_digit_age() {
        assert!(bans_young_users("australia’s under-16 social media ban kicks in"));
        assert!(bans_young_users("a ban on social media for kids under 15"));
        assert!(!bans_young_users(
            "the ban would cost firms with under 100 employees little"
        ));
        assert!(!bans_young_users("the ban would hit firms with under 10 million users"));
        assert!(!bans_young_users(
            "the ban would cut off 170 million american users, many of them under 18"
        ));
    }

    #[rstest::rstest]
    #[case("Meta was fined by the EU.", "fined", true)]
    #[case("Meta has been criticized by users.", "criticized", true)]
    #[case("Roe has frequently criticized Meta.", "criticized", false)]
    #[case("Roe has sued Meta.", "sued", false)]
    #[case("Roe is suing Meta.", "suing", false)]
    #[case("Meta was also accused of fraud.", "accused", true)]
    #[case("The EU was looking into Meta.", "looking into", false)]
    #[case("Meta fined €1.2bn by EU over data transfers", "fined", true)]
    #[case("Google sued by DOJ over ad tech", "sued", true)]
    #[case("EU fined Meta €1.2bn over data transfers", "fined", false)]
    #[case("Roe sued Meta by mistake.", "sued", false)]
    #[case("The FTC sued 3 data brokers.", "sued", false)]
    #[case("Amazon accused of union busting at Alabama warehouse", "accused", true)]
    #[case("Musk accused OpenAI of fraud.", "accused", false)]
    #[case("Meta fined $1.2 billion over data transfers.", "fined", false)]
    fn passive_voice(#[case] text: &str, #[case] cue: &str, #[case] passive: bool) {
        let doc = crate::text::sentences::Document::parse(text);
        let s = &Sent::all(&doc, &[], false)[0];
        let first = cue.split_whitespace().next().unwrap_or(cue);
        let at = s.tokens.iter().position(|t| t.text == first).expect("cue");
        assert_eq!(is_passive(s, 0, at, cue), passive, "{text}");
    }

    #[rstest::rstest]
    #[case("Meta fined €1.2bn over data transfers", true)]
    #[case("Meta fined $1.2 billion over data transfers", true)]
    #[case("Google fined 500 million euros", true)]
    #[case("EU fined 12 banks over rate rigging", false)]
    #[case("EU fined Meta €1.2bn", false)]
    #[case("Roblox fined over child safety failures", true)]
    #[case("Microsoft fined in EU for bundling Teams", true)]
    fn a_headline_penalty_is_passive(#[case] title: &str, #[case] passive: bool) {
        let doc = crate::text::sentences::Document::parse(&format!("{title}\n\nThe body."));
        let s = &Sent::all(&doc, &[], true)[0];
        assert!(s.is_title);
        let at = s.tokens.iter().position(|t| t.text == "fined").expect("cue");
        assert_eq!(is_passive(s, 0, at, "fined"), passive, "{title}");
    }

    #[rstest::rstest]
    #[case("Epic sued Apple in 2020 and says the ruling is wrong.", Some("Epic Games"))]
    #[case("Microsoft—suing Apple since 2020—says the ruling is wrong.", Some("Microsoft"))]
    #[case("Microsoft (suing Apple since 2020) says the ruling is wrong.", Some("Microsoft"))]
    #[case("Epic was sued by Apple.", None)]
    fn a_company_suing_is_the_plaintiff_whatever_comes_before_the_verb(#[case] text: &str, #[case] want: Option<&str>) {
        let mentions = crate::extract::Companies::builtin().find(text);
        let doc = crate::text::sentences::Document::parse(text);
        let s = &Sent::all(&doc, &mentions, false)[0];
        assert_eq!(plaintiff(s).as_deref(), want, "{text}");
    }

    #[test]
    fn a_thing_dangerous_by_nature_is_no_charge() {
        assert!(cues_in("experts assess whether models could help a novice create dangerous pathogens.").is_empty());
        assert!(cues_in("it is a dangerous world.").is_empty());
        assert!(!cues_in("critics call the app’s design dangerous.").is_empty());
        assert!(!cues_in("regulators said the company sold dangerous products.").is_empty());
    }

    #[test]
    fn a_criminal_record_is_someones_past_unless_a_companys() {
        assert!(cues_in("it foregrounds floyd’s criminal record in its opening lines.").is_empty());
        assert!(!cues_in("the company’s criminal record goes back decades.").is_empty());
        assert!(!cues_in("boeing added to its criminal record.").is_empty());
    }

    #[test]
    fn a_law_or_a_study_cited_is_no_citation() {
        assert!(cues_in("countries have cited australia’s laws as they develop their own.").is_empty());
        assert!(cues_in("the agency cited a study of teen users.").is_empty());
        assert!(cues_in("the report cited examples from its own research.").is_empty());
        assert!(!cues_in("regulators cited uber for operating without permits.").is_empty());
        assert!(!cues_in("the company was cited for safety violations.").is_empty());
        assert!(!cues_in("regulators cited meta’s data practices.").is_empty());
        assert!(!cues_in("the ftc cited the rules uber broke.").is_empty());
        assert!(!cues_in("inspectors cited amazon, whose safety record the law requires it to report.").is_empty());
    }

    #[test]
    fn orders_of_magnitude_are_no_order() {
        assert!(cues_in("grokipedia will exceed wikipedia by several orders of magnitude.").is_empty());
        assert!(!cues_in("the court orders meta to pay.").is_empty());
    }

    #[test]
    fn fine_as_an_adjective_is_no_penalty() {
        assert!(cues_in("no, it's fine.").is_empty());
        assert!(cues_in("all of those work perfectly fine on the iphone.").is_empty());
        assert!(cues_in("she said it was fine with her.").is_empty());
        assert!(!cues_in("the eu imposed a fine of €500 million on apple.").is_empty());
        assert!(!cues_in("apple must pay the fine, the court said.").is_empty());
        assert!(cues_in("they then fine-tune claude’s ideas.").is_empty());
        assert!(cues_in("all the fine, fine tips yahoo employees gave me.").is_empty());
        assert!(cues_in("in a fine follow-up story, forbes quotes him.").is_empty());
        assert!(cues_in("you're fine watching netflix on either device.").is_empty());
        assert!(cues_in("google is in fine shape through the rest of the year.").is_empty());
        assert!(!cues_in("the fine, which the eu imposed in may, stands.").is_empty());
    }

    #[test]
    fn the_pressure_of_business_is_no_charge() {
        assert!(cues_in("openai faced increasing corporate pressure to separate its business.").is_empty());
        assert!(cues_in("the startup faces investor pressure to grow.").is_empty());
        assert!(!cues_in("openai faced increasing pressure from regulators.").is_empty());
        assert!(!cues_in("meta faces regulatory pressure in europe.").is_empty());
    }

    #[test]
    fn pressure_charges_only_when_someone_applies_it() {
        assert!(cues_in("the additions come as instacart faces pressure on multiple fronts.").is_empty());
        assert!(cues_in("apple faces pressure to cut prices.").is_empty());
        assert!(!cues_in("amazon faces mounting pressure over warehouse injuries.").is_empty());
        assert!(!cues_in("tiktok faced pressure after the hearings.").is_empty());
    }

    #[test]
    fn a_batterys_charge_is_no_legal_one() {
        assert!(cues_in("people struggle to get through a day on a single charge.").is_empty());
        assert!(cues_in("fyi: blending a charged iphone causes explosions").is_empty());
        assert!(cues_in("there is no external charge capacity indicator.").is_empty());
        assert!(!cues_in("prosecutors filed a charge of fraud against the company.").is_empty());
        assert!(!cues_in("the executives were charged with fraud.").is_empty());
    }

    #[test]
    fn being_in_charge_is_no_legal_charge() {
        assert!(cues_in("but there was no question who was in charge.").is_empty());
        assert!(cues_in("the executive in charge of safety left in may.").is_empty());
        assert!(cues_in("she took charge of the division.").is_empty());
        assert!(cues_in("the app is free of charge.").is_empty());
        assert!(cues_in("the update comes at no charge.").is_empty());
        assert!(!cues_in("prosecutors dropped the charge against the company.").is_empty());
        assert!(!cues_in("the charge of fraud against meta stands.").is_empty());
    }

    #[test]
    fn motion_and_likelihood_are_no_blame() {
        assert!(cues_in("the crew blasted off from cape canaveral.").is_empty());
        assert!(cues_in("apple and at&t have quietly brought back in-home activation.").is_empty());
        assert!(cues_in("a tesla slammed into a wall.").is_empty());
        assert!(!cues_in("critics blasted meta over the change.").is_empty());
        assert!(!cues_in("lawmakers slammed google, off the record.").is_empty());
        assert!(cues_in("unlike uber, which charged into cities, waymo waited.").is_empty());
        assert!(!cues_in("prosecutors charged the executives.").is_empty());
        assert!(cues_in("you were liable to lose that capacity.").is_empty());
        assert!(!cues_in("the court held meta liable to pay damages.").is_empty());
        assert!(!cues_in("a jury found google liable for the breach.").is_empty());
        assert!(!cues_in("executives are liable to prosecution.").is_empty());
    }

    #[test]
    fn a_failure_is_someones_or_a_failure_to_act() {
        assert!(!cues_in("meta’s failure to protect children.").is_empty());
        assert!(!cues_in("its failures in content moderation.").is_empty());
        assert!(!cues_in("the failure of the company to act.").is_empty());
        assert!(cues_in("on mars, it can lead to catastrophic, mission-ending failure.").is_empty());
        assert!(cues_in("the phone was a commercial failure.").is_empty());
        assert!(cues_in("an engine failure grounded the plane.").is_empty());
    }

    #[test]
    fn a_company_pressing_charges_accuses_and_is_not_accused() {
        let e = crate::extract::Extractor::builtin();
        let f = e.extract(
            "",
            "Tesla's German factory is pressing charges against a trade union member.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        let f = e.extract("", "Tesla filed charges against Uber over stolen designs.");
        let charged: Vec<(&[String], crate::model::Accuser)> =
            f.allegations.iter().map(|a| (a.against.as_slice(), a.by)).collect();
        assert_eq!(
            charged,
            vec![(&["Uber".to_string()][..], crate::model::Accuser::Lawsuit)]
        );
    }

    #[test]
    fn facing_competition_is_no_charge() {
        assert!(cues_in("figure faces stiff competition from tesla.").is_empty());
        assert!(cues_in("it had more trouble when faced with folding t-shirts.").is_empty());
        assert!(!cues_in("meta faces a lawsuit from 40 states.").is_empty());
        assert!(!cues_in("grok has faced mounting scrutiny in recent months.").is_empty());
    }

    #[test]
    fn laws_and_offenders_charge_no_company() {
        assert!(charges_no_company(
            "the act made it a criminal offence to create such images."
        ));
        assert!(charges_no_company(
            "i will make it a priority offence in the online safety act."
        ));
        assert!(charges_no_company(
            "individuals are committing a criminal offence if they create such content."
        ));
        assert!(!charges_no_company(
            "the company committed a criminal offence, prosecutors said."
        ));
        assert!(!charges_no_company("it made it harder for users to leave."));
    }

    #[test]
    fn the_first_party_of_a_case_caption_sues() {
        assert!(plaintiff_in_caption(", inc. v. american airlines, inc., c08-05308"));
        assert!(plaintiff_in_caption(" v. google, 1:2008cv12056"));
        assert!(plaintiff_in_caption(" vs. epic games"));
        assert!(!plaintiff_in_caption(", 1:2008cv12056 (d. mass. complaint filed)"));
        assert!(!plaintiff_in_caption("'s very public case"));
    }

    #[test]
    fn the_speakers_own_apology_charges_nobody() {
        assert!(apologizes("“we regret this failure and apologize to our readers."));
        assert!(apologizes(
            "we have also apologized to mr. scott shambaugh, who was falsely quoted.”"
        ));
        assert!(apologizes("“i’m sorry that it happened,” he said."));
        assert!(!apologizes(
            "“meta must apologize to the families it harmed,” the senator said."
        ));
        assert!(!apologizes("we found that the company misled users."));
    }

    #[rstest::rstest]
    #[case::linked("“the commission’s $140 million fine isn’t just an attack on x,” rubio said.", true)]
    #[case::plain("the fine is an assault on free speech, the senator said.", true)]
    #[case::called("senator roe called the fine an attack on x.", true)]
    #[case::called_with_an_adjective("the governor called the lawsuit an outrageous shakedown.", true)]
    #[case::called_witch_hunt("he called the probe a witch hunt.", true)]
    #[case::baseless("critics said the lawsuit was baseless.", true)]
    #[case::fined_for_it("regulators fined meta for an attack on users’ privacy.", false)]
    #[case::the_charge_says_it("the lawsuit says meta’s practices are unfair.", false)]
    #[case::the_charge_names_it("the ftc’s lawsuit, which accuses amazon of unfair practices, goes on.", false)]
    #[case::what_the_probe_is_into("the probe into the company’s harassment of workers widened.", false)]
    #[case::no_charge("meta’s decision is an attack on truth, critics said.", false)]
    fn calling_a_charge_an_attack_defends_the_charged(#[case] lower: &str, #[case] defends: bool) {
        assert_eq!(defends_the_charged(lower), defends, "{lower}");
    }

    #[test]
    fn an_empty_it_does_not_refer_back_to_a_company() {
        assert!(!refers_back(
            "the data act made it a criminal offence to create such images."
        ));
        assert!(!refers_back("it is illegal to share such images."));
        assert!(!refers_back("it will be unlawful from next year."));
        assert!(refers_back("it was fined $5 million."));
        assert!(refers_back("regulators said it broke the law."));
        assert!(refers_back("it is accused of hiding the flaw."));
        assert!(refers_back("it’s accused of hiding the flaw."));
        assert!(!refers_back("it’s illegal to share such images."));
        assert!(!refers_back(
            "if the new provisions don’t succeed, it will be the biggest failure to date."
        ));
        assert!(refers_back("if the provisions succeed, it will be fined."));
        assert!(refers_back("if it fails, it will be the biggest failure to date."));
        assert!(referring_it(
            "if meta loses, it will be the first to pay under the dsa."
        ));
    }
}
