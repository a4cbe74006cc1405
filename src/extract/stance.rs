//! A response's stance, from the wording of the sentence (and, for the
//! sentences of one quotation, from the quotation as a whole).

use super::lexicon;
use crate::model::Stance;

/// Tiers of cues: the first tier with a match decides.
const TIERS: &[(Stance, &[&str])] = &[
    (
        Stance::Acknowledgement,
        &[
            "apologize",
            "apologise",
            "apologized",
            "apologised",
            "apologizes",
            "apologises",
            "apology",
            "apologies",
            "sorry",
            "admit",
            "admits",
            "admitted",
            "agreed to pay",
            "agrees to pay",
            "will pay",
            "settle",
            "settles",
            "settled",
            "settlement",
            "pleaded guilty",
            "plead guilty",
            "fixed",
            "patched",
            "mistake",
            "mistakes",
            "regret",
            "regrets",
            "take responsibility",
            "takes responsibility",
            "took responsibility",
            "overlooked",
            "i agree",
            "we agree",
            "fell short",
            "wasn't appropriate",
            "wasn’t appropriate",
            "was not appropriate",
            "backtracked",
            "backtracks",
            "reversed course",
            "reverses course",
            "walked back",
            "walks back",
            "made an error",
            "root cause",
            "acknowledged",
            "acknowledges",
            "without their consent",
            "without consent",
            "without permission",
            "inadvertently",
            "mistakenly",
            "by mistake",
            "in error",
            "erroneously",
            "did not dispute",
            "does not dispute",
            "didn't dispute",
            "didn’t dispute",
            "doesn't dispute",
            "doesn’t dispute",
            "not disputing",
            "did not deny",
            "does not deny",
            "didn't deny",
            "didn’t deny",
            "doesn't deny",
            "doesn’t deny",
            "conceded",
            "concedes",
            // Owning a flaw: "pointed to flaws in its safeguarding".
            "flaws in its",
            "flaw in its",
            "shortcomings",
        ],
    ),
    (
        Stance::Denial,
        &[
            "deny",
            "denies",
            "denied",
            "denying",
            "denial",
            "dispute",
            "disputes",
            "disputed",
            "disputing",
            "reject",
            "rejects",
            "rejected",
            "rejecting",
            "false",
            "untrue",
            "not true",
            "could not identify any",
            "did not identify any",
            "found no evidence",
            "not aware of any",
            "inaccurate",
            "misleading",
            "meritless",
            "without merit",
            "no merit",
            "baseless",
            "unfounded",
            "mischaracteriz",
            "mischaracteris",
            "misrepresent",
            "distort",
            "will fight",
            "fight the",
            "fight this",
            "fight it",
            "appeal",
            "appealing",
            "appealed",
            "vigorously",
            "disagree",
            "disagrees",
            "disagreed",
            "no wrongdoing",
            "did nothing wrong",
            "overreach",
            "censorship",
            "political",
            "abusive",
            "illegitimate",
            "harassment",
            "unserious",
            "out of context",
            "absurd",
            "ridiculous",
            "nonsense",
            "outrageous",
            "frivolous",
            "flawed",
            "wrong",
            "incorrect",
            "distance itself",
            "distanced itself",
            "pushed back",
            "hit back",
            "fired back",
            "contest",
            "contests",
            "contested",
            "countersue",
            "countersued",
            "accused the",
            "nothing to do with",
            "makes this sound like",
            "makes it sound like",
            "make it sound like",
            "defended the",
            "defends the",
            "defended its",
            "defends its",
            "defending its",
            "accuses the",
            "lambasted",
            "criticized",
            "criticised",
            "undermines",
            // The company asserting its own case ("claims that it takes action").
            "claims that it",
            "claims that its",
            "claims it",
        ],
    ),
    (
        Stance::Other,
        &[
            // An oversight explained: "It just simply never came up as a
            // potential issue".
            "never came up",
            "never come up",
            "didn't come up",
            "didn’t come up",
            "did not come up",
            "reviewing",
            "will review",
            "to review",
            "cooperate",
            "cooperating",
            "cooperation",
            "working with",
            "work closely",
            "looking into",
            "assessing",
            "evaluating",
            "considering",
            "supporting law enforcement",
            "launched a formal investigation",
            "investigating the",
            // "takes all allegations … extremely seriously".
            "seriously",
            // Sympathy, which neither disputes nor admits anything.
            "saddened",
            "heartbroken",
            "condolences",
            "sympathies",
        ],
    ),
    (
        Stance::Acknowledgement,
        &[
            "removed",
            "ended the",
            "has ended",
            "had ended",
            "discontinued",
            "scrapped",
            "halted",
            "shut down",
            "shut it down",
            "shuts down",
            "took down",
            "taken down",
            "implemented",
            "will change",
            "changed",
            // Concessions: "Meta agreed to add parental controls".
            "agreed to",
            "agrees to",
            "has agreed",
            "have agreed",
            "will add",
            "would add",
            "will stop",
            "stopped",
            "paused",
            "suspended",
            "limited",
            "restricted",
            "restriction",
            "restrictions",
            "opt-in",
            "opt in",
            "notify",
            "notifying",
            "refund",
            "compensate",
            "rolled back",
            "reversed",
            "backtracked",
            "ceased",
            "replaced",
            "recall",
            // Changes the company announces ("the changes will mean the app
            // hides or does not recommend …"): what it now does, not a denial.
            "the changes",
            "these changes",
            "significant changes",
            "sweeping changes",
            "announced changes",
            "made changes",
            "making changes",
            "hides",
            "will hide",
            "will no longer",
            "will ban",
            "would ban",
            "will take down",
            "will remove",
            "would remove",
            // Steps taken against the harm, and owning a flaw.
            "will block",
            "would block",
            "to block",
            "will prevent",
            "would prevent",
            "to prevent",
            "too compliant",
            "too eager",
            "too permissive",
            "too lenient",
            // Accepting an order, not claiming to obey the law already.
            "will comply",
            "would comply",
            "intends to comply",
            "plans to comply",
        ],
    ),
    (
        Stance::Denial,
        &[
            "never",
            "did not",
            "didn't",
            "didn’t",
            "does not",
            "doesn't",
            "doesn’t",
            "do not",
            "don't",
            "don’t",
            "is not",
            "isn't",
            "isn’t",
            "are not",
            "aren't",
            "aren’t",
            "was not",
            "wasn't",
            "wasn’t",
            "were not",
            "weren't",
            "weren’t",
            "no evidence",
            "lawful",
            "legal",
            "complies",
            "comply",
            "complied",
            "compliant",
            "safe",
            "safety",
            "protect",
            "protects",
            "committed to",
            "commonplace",
            "standard practice",
            "industry practice",
            "not sell",
            "defend",
            "defends",
            "defended",
            "responsible",
            "strongest",
            "industry-leading",
            "robust",
            "transparent",
            "took action",
            "takes action",
            "strengthen",
            "strengthening",
            // Defending how a complaint was handled.
            "investigated thoroughly",
            "thoroughly investigated",
        ],
    ),
];

/// An admission the writer says stopped short ("acknowledged the
/// struggles … but avoided taking accountability") takes no side.
const MIXED: &[&str] = &[
    "deny or confirm",
    "confirm or deny",
    "neither confirm",
    "neither confirmed",
    "neither deny",
    "neither denied",
    "but avoided",
    "stopped short of",
    "avoided taking",
    "without taking responsibility",
];

/// The stance a sentence's own words express; `Other` when they say nothing.
pub fn stance_of(lower: &str) -> Stance {
    match reading(lower) {
        Reading::NoComment => Stance::NoComment,
        Reading::Mixed | Reading::Silent => Stance::Other,
        Reading::Tier(k) => tiers()[k].0,
    }
}

/// Whether a denial rests only on the last tier's cues: plain negation and
/// words of safety or law, which deny something only beside a charge.
pub fn only_weak_cues(lower: &str) -> bool {
    matches!(reading(lower), Reading::Tier(k) if k + 1 == tiers().len())
}

/// What decides a sentence's stance.
enum Reading {
    NoComment,
    /// Words that take no side whatever else is said (see [`MIXED`]).
    Mixed,
    /// The first tier with a cue that counts.
    Tier(usize),
    Silent,
}

fn reading(lower: &str) -> Reading {
    if lexicon::no_comment_at(lower).is_some() {
        return Reading::NoComment;
    }
    if crate::phrases!(MIXED).any(lower) {
        return Reading::Mixed;
    }
    tiers()
        .iter()
        .position(|(_, set)| {
            set.find_all(lower).any(|(at, _)| {
                !negated(lower, at)
                    && !warded_off(lower, at)
                    && !others_agreed(lower, at)
                    && !asks_why(lower, at)
                    && !withholds(lower, at)
                    && !describes_content(lower, at)
                    && !a_laws_doing(lower, at)
            })
        })
        .map_or(Reading::Silent, Reading::Tier)
}

/// The tiers, compiled once.
fn tiers() -> &'static [(Stance, lexicon::PhraseSet)] {
    static SETS: std::sync::OnceLock<Vec<(Stance, lexicon::PhraseSet)>> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        TIERS
            .iter()
            .map(|(stance, cues)| (*stance, lexicon::PhraseSet::new(cues.to_vec())))
            .collect()
    })
}

/// "not with regret", "without admitting": the cue is denied, not said.
fn negated(lower: &str, at: usize) -> bool {
    let before: Vec<&str> = lower[..at].split_whitespace().rev().take(3).collect();
    before.iter().any(|w| {
        matches!(*w, "not" | "no" | "without" | "never" | "nor" | "neither") || w.ends_with("n't") || w.ends_with("n’t")
    })
}

/// "users agreed to its data policy when they signed up": the company's
/// users agreeing, not the company conceding.
fn others_agreed(lower: &str, at: usize) -> bool {
    ["agree", "has agreed", "have agreed"]
        .iter()
        .any(|a| lower[at..].starts_with(a))
        && lower[..at]
            .split_whitespace()
            .rev()
            .find(|w| !matches!(*w, "has" | "have" | "had" | "all" | "also"))
            .is_some_and(|w| {
                matches!(
                    w,
                    "users" | "customers" | "people" | "consumers" | "parents" | "members" | "they" | "you" | "drivers"
                )
            })
}

/// "reviewers check flagged posts to prevent mistakes", "to avoid errors":
/// what the company guards against, not what it owns up to.
fn warded_off(lower: &str, at: usize) -> bool {
    lower[..at].split_whitespace().rev().take(2).any(|w| {
        matches!(
            w,
            "prevent" | "prevents" | "preventing" | "avoid" | "avoids" | "avoiding" | "reduce" | "reduces" | "minimize"
        )
    })
}

/// "welcomes a recent bill proposed by Senator Josh Hawley that would ban
/// anyone under 18": what a law would do, not a change the company makes.
fn a_laws_doing(lower: &str, at: usize) -> bool {
    const LAWS: &[&str] = &[
        "bill",
        "bills",
        "law",
        "laws",
        "legislation",
        "proposal",
        "regulation",
        "regulations",
        "measure",
    ];
    let mut before = lower[..at].split_whitespace().rev();
    matches!(before.next(), Some("that" | "which"))
        && before
            .take(7)
            // "To comply with the new law, Snap rolled out a tool that will
            // block …": the law is in another clause.
            .take_while(|w| !w.ends_with([',', ';', ':']))
            .any(|w| LAWS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// "did not say when it would file", "doesn’t specify how": the writer
/// noting what the company left out, not the company denying anything.
fn withholds(lower: &str, at: usize) -> bool {
    let mut words = lower[at..].split_whitespace();
    let negation = words.next().unwrap_or("");
    let next = if matches!(negation, "did" | "does" | "do" | "was" | "is" | "were" | "are") {
        words.nth(1)
    } else {
        words.next()
    };
    next.is_some_and(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "say" | "specify" | "disclose" | "detail" | "elaborate" | "explain" | "identify" | "name" | "reveal"
        )
    })
}

/// "photos shared with abusive intent", "abusive content": what the company
/// acts against, not its word for a charge.
fn describes_content(lower: &str, at: usize) -> bool {
    let mut words = lower[at..].split_whitespace();
    words.next() == Some("abusive")
        && words.next().is_some_and(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "intent"
                    | "content"
                    | "posts"
                    | "messages"
                    | "behavior"
                    | "behaviour"
                    | "language"
                    | "images"
                    | "accounts"
            )
        })
}

/// "why don’t we make this feature easy": a suggestion, not a denial.
fn asks_why(lower: &str, at: usize) -> bool {
    lower[..at].split_whitespace().next_back() == Some("why")
}

/// Whether a stance came from explicit words (as opposed to the fallback).
pub fn is_explicit(lower: &str) -> bool {
    lexicon::no_comment_at(lower).is_some() || tiers().iter().any(|(_, set)| set.any(lower))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(
        "the spokesperson said human reviewers assess flagged content to ensure it violates policies, prevent mistakes that could affect users.",
        Stance::Other
    )]
    #[case("we made a mistake and we are sorry.", Stance::Acknowledgement)]
    #[case(
        "it just simply never came up as a potential issue when we beta tested the game.",
        Stance::Other
    )]
    #[case("meta agreed to add parental controls.", Stance::Acknowledgement)]
    #[case("meta said users agreed to its data policy when they signed up.", Stance::Other)]
    #[case("the company says users have agreed to the terms.", Stance::Other)]
    #[case("meta has agreed to stop targeting ads at teens.", Stance::Acknowledgement)]
    #[case("the company said it would add a warning to the posts.", Stance::Acknowledgement)]
    #[case("meta agreed to the settlement but denied wrongdoing.", Stance::Acknowledgement)]
    #[case("meta denied wrongdoing and has not agreed to any changes.", Stance::Denial)]
    #[case("meta declined to comment.", Stance::NoComment)]
    #[case("“shockingly untrue.", Stance::Denial)]
    #[case("meta didn’t share people’s private messages with netflix.", Stance::Denial)]
    #[case("we deeply apologize for the horrific behavior.", Stance::Acknowledgement)]
    #[case("openai doesn’t respond.", Stance::NoComment)]
    #[case(
        "we were optimizing for it to a degree that wasn’t appropriate.",
        Stance::Acknowledgement
    )]
    #[case("in response to criticism, openai backtracks.", Stance::Acknowledgement)]
    #[case(
        "google agreed to pay $1.4 billion to settle the claims, while denying wrongdoing.",
        Stance::Acknowledgement
    )]
    #[case("the company said it was reviewing the decision.", Stance::Other)]
    #[case(
        "anand says he welcomes a recent bill proposed by senator josh hawley that would ban anyone under 18 from using ai companion apps.",
        Stance::Other
    )]
    #[case(
        "the company says it would ban anyone under 18 from the app.",
        Stance::Acknowledgement
    )]
    #[case(
        "to comply with the new law, snap rolled out a tool that will block adults from messaging teens.",
        Stance::Acknowledgement
    )]
    #[case(
        "character.ai made a big announcement: it would ban users under 18 from open-ended chats.",
        Stance::Acknowledgement
    )]
    #[case("“i have a simple life, and i love that,” he said.", Stance::Other)]
    #[case(
        "twitter noted that it will take down pow photos shared with abusive intent.",
        Stance::Acknowledgement
    )]
    #[case("x called the lawsuit abusive.", Stance::Denial)]
    #[case(
        "the company said it was “deeply saddened” and pointed to flaws in its safeguarding in long chats.",
        Stance::Acknowledgement
    )]
    #[case("“we are heartbroken by this tragedy,” the company said.", Stance::Other)]
    #[case(
        "according to anand, the timing of the ban has nothing to do with the legal cases.",
        Stance::Denial
    )]
    #[case("and he defended the platform’s record on creating guardrails.", Stance::Denial)]
    #[case(
        "he wrote that the criticism “makes this sound like something it wasn’t.”",
        Stance::Denial
    )]
    #[case(
        "in sept. 2024, meta announced significant changes to the platform to improve safety for young users.",
        Stance::Acknowledgement
    )]
    #[case("so we thought, ‘hey, why don’t we make this feature easy to use!’", Stance::Other)]
    #[case("the company did not say when it would file.", Stance::Other)]
    #[case("openai says it scrubs personal data, but doesn’t specify how.", Stance::Other)]
    #[case("meta did not sell user data, the company said.", Stance::Denial)]
    #[case("the agreement allowed people to message their friends.", Stance::Other)]
    #[case(
        "the company said it would block the tool from editing such images.",
        Stance::Acknowledgement
    )]
    #[case("“the model was too compliant to user prompts,” he said.", Stance::Acknowledgement)]
    #[case(
        "the new restrictions apply to all accounts, adults included.",
        Stance::Acknowledgement
    )]
    #[case(
        "the company takes all allegations of misconduct extremely seriously and puts safety first.",
        Stance::Other
    )]
    #[case(
        "the company claims that it removes illegal posts quickly, working with the police.",
        Stance::Denial
    )]
    #[case(
        "the complaints were investigated thoroughly and the manager was let go.",
        Stance::Denial
    )]
    #[case(
        "the spokesperson acknowledged the struggles she went through but avoided taking accountability.",
        Stance::Other
    )]
    #[case(
        "the changes will mean the app hides or does not recommend posts with strong language, the company said.",
        Stance::Acknowledgement
    )]
    #[case("instagram will no longer show such posts to teens.", Stance::Acknowledgement)]
    #[case(
        "meta did not dispute that the feature had collected face data, but said it had shut the system down.",
        Stance::Acknowledgement
    )]
    #[case("the company conceded that the settings were confusing.", Stance::Acknowledgement)]
    #[case(
        "in a blog post, amazon said it had ended the program that let police request footage.",
        Stance::Acknowledgement
    )]
    #[case("the company said it would comply with the order.", Stance::Acknowledgement)]
    #[case("the company did not deny or confirm the report.", Stance::Other)]
    #[case("the company would not shut the door on talks.", Stance::Other)]
    #[case("the company said it complies with all applicable laws.", Stance::Denial)]
    fn stances(#[case] lower: &str, #[case] want: Stance) {
        assert_eq!(stance_of(lower), want);
    }

    #[test]
    fn plain_negations_and_words_of_safety_are_the_weak_cues() {
        assert!(only_weak_cues("we don’t hide crashes."));
        assert!(only_weak_cues("the bar, from a safety perspective, has to be raised."));
        assert!(!only_weak_cues("the timing has nothing to do with the legal cases."));
        assert!(!only_weak_cues("he defended its record on guardrails."));
        assert!(!only_weak_cues("the claims are false."));
        assert!(!only_weak_cues("the company declined to comment."));
    }
}
