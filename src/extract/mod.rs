//! Extraction: from an article's title and text to the allegations made
//! against companies and the companies' responses, with who said what.
//! Pure functions of their input; the cue lexicons live in [`lexicon`].
//!
//! The article is split into sentences and quotations; companies and people
//! are found; each sentence's speaker is resolved (reporting verbs, people
//! introduced earlier, pronouns, "the company", and the sentences of a
//! quotation sharing the speaker named once). Then, in order:
//! 1. allegations: a cue of wrongdoing whose subject is not the accused
//!    company, or a quotation from a regulator, court, lawmaker, critic ...;
//! 2. responses: sentences spoken by, or stating the position of, a company
//!    that the article accuses, with a stance;
//! 3. `no_response`: accused companies with no response.

pub mod allegations;
pub mod companies;
pub mod lexicon;
pub mod sentence;
pub mod speakers;
pub mod stance;

pub use companies::{Companies, Mention};

use allegations::Verdict;
use sentence::Sent;
use speakers::{Attribution, Context, Party, People, Speaker};

use crate::model::{Allegation, Findings, Response, Stance};
use crate::text::Document;

/// Extracts findings with a company dictionary.
#[derive(Debug, Clone, Copy)]
pub struct Extractor<'a> {
    companies: &'a Companies,
}

/// How one sentence was read, for `extract --explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub text: String,
    pub speaker: Option<String>,
    pub verdict: String,
}

#[derive(Default)]
struct Analysis {
    sents: Vec<Sent>,
    speakers: Vec<Option<Speaker>>,
    verdicts: Vec<Verdict>,
    findings: Findings,
    responses_at: Vec<Option<usize>>,
}

impl<'a> Extractor<'a> {
    pub fn new(companies: &'a Companies) -> Extractor<'a> {
        Extractor { companies }
    }

    /// The built-in dictionary.
    pub fn builtin() -> Extractor<'static> {
        Extractor::new(Companies::builtin())
    }

    pub fn companies(&self) -> &'a Companies {
        self.companies
    }

    /// Findings of one article whose body is already clean text.
    pub fn extract(&self, title: &str, text: &str) -> Findings {
        self.analyze(title, text, false).findings
    }

    /// Every sentence with its speaker and verdict.
    pub fn explain(&self, title: &str, text: &str) -> Vec<Reading> {
        let a = self.analyze(title, text, true);
        a.sents
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut verdict = match &a.verdicts[i] {
                    Verdict::Allegation { against, by } => {
                        format!("allegation by {} against {}", by.as_str(), against.join(", "))
                    }
                    Verdict::CounterAccusation { company } => format!("counter-accusation by {company}"),
                    Verdict::None => String::new(),
                };
                // A sentence may answer for several companies ("Uber and Lyft
                // did not respond"): its responses follow one another.
                if let Some(first) = a.responses_at[i] {
                    let text = &a.findings.responses[first].text;
                    for r in a.findings.responses[first..].iter().take_while(|r| &r.text == text) {
                        if !verdict.is_empty() {
                            verdict.push_str("; ");
                        }
                        verdict.push_str(&format!("response by {} ({})", r.company, r.stance.as_str()));
                    }
                }
                Reading {
                    text: s.text.clone(),
                    speaker: a.speakers[i]
                        .as_ref()
                        .map(|sp| format!("{} [{}]", sp.name, party_label(&sp.party))),
                    verdict,
                }
            })
            .collect()
    }

    fn analyze(&self, title: &str, text: &str, every_sentence: bool) -> Analysis {
        let title = title.trim();
        let title_key = crate::store::articles::normalize(title);
        let body = text.lines().filter(|l| {
            // Only lines about as long as the title can repeat it.
            title_key.is_empty()
                || l.len() > title.len() * 2 + 16
                || l.len() * 2 + 16 < title.len()
                || !crate::text::normalizes_to(l, &title_key)
        });
        // The title, then the body's lines.
        let mut full = String::with_capacity(title.len() + 1 + text.len());
        if !title.is_empty() {
            full.push_str(title);
            full.push('\n');
        }
        for (i, line) in body.enumerate() {
            if i > 0 {
                full.push('\n');
            }
            full.push_str(line);
        }
        let body_start = if title.is_empty() { 0 } else { title.len() + 1 };
        let mentions = self.companies.find_after_heading(&full, body_start);
        // No company is named, or neither a word of wrongdoing nor anyone who
        // makes charges is: nothing is charged, so nothing is answered.
        if (mentions.is_empty() || charges_nothing(&full)) && !every_sentence {
            return Analysis {
                findings: Findings {
                    title: title.to_owned(),
                    companies: actor_companies(&mentions),
                    ..Findings::default()
                },
                ..Analysis::default()
            };
        }
        let doc = Document::parse(&full);
        let sents = Sent::all(&doc, &mentions, !title.is_empty());
        let people = People::build(&sents, self.companies);

        // The company the article is most about starts as the referent of "the company".
        let mut counts: Vec<(String, usize)> = Vec::new();
        for s in &sents {
            for m in s.actors() {
                let weight = if s.is_title { 3 } else { 1 };
                match counts.iter_mut().find(|(c, _)| *c == m.company) {
                    Some((_, n)) => *n += weight,
                    None => counts.push((m.company.clone(), weight)),
                }
            }
        }
        let most_mentioned = counts.iter().max_by_key(|(_, n)| *n).map(|(c, _)| c.clone());
        let start_ctx = Context {
            focus: most_mentioned.clone(),
            ..Context::default()
        };

        // Speakers: each sentence's own attribution, then quotations share theirs.
        let mut ctx = start_ctx.clone();
        let mut own: Vec<Option<Attribution>> = Vec::with_capacity(sents.len());
        for s in &sents {
            let a = speakers::attribute(s, &people, &ctx);
            note_people(&mut ctx, s, &people);
            update_context(&mut ctx, s, a.as_ref().map(|a| &a.speaker));
            own.push(a);
        }
        let mut speakers = share_quote_speakers(&doc, &sents, &own);
        self.speak_for_the_matter(&doc, &sents, &people, &mut speakers);
        self.owners_representatives_speak(&doc, &sents, &people, &mut speakers);
        owners_companies_speak(&doc, &sents, &mut speakers);

        // Allegations, in order, so "the company" and "it" can refer back.
        let mut ctx = start_ctx;
        let mut verdicts = Vec::with_capacity(sents.len());
        let mut last_against: Vec<String> = Vec::new();
        let mut last_by: Option<crate::model::Accuser> = None;
        let mut last_at: Option<usize> = None;
        let mut accused_count: Vec<(String, usize)> = Vec::new();
        // Who defended the charged, and in which quotation.
        let mut defenders: Vec<(Speaker, Option<usize>)> = Vec::new();
        const LAWSUIT_WORDS: &[&str] = &[
            "lawsuit",
            "suit",
            "sued",
            "sues",
            "suing",
            "complaint",
            "plaintiff",
            "plaintiffs",
            "class action",
            "class-action",
        ];
        // "While no lawsuit has been filed": not a lawsuit's words.
        let lawsuit_words: Vec<std::cell::OnceCell<bool>> = sents.iter().map(|_| std::cell::OnceCell::new()).collect();
        let lawsuit_words_in = |i: usize| {
            *lawsuit_words[i].get_or_init(|| {
                crate::phrases!(LAWSUIT_WORDS)
                    .find_all(&sents[i].lower)
                    .any(|(at, _)| !allegations::denied(&sents[i].lower, at))
            })
        };
        let youth_ban = std::cell::OnceCell::new();
        let youth_ban = || {
            *youth_ban.get_or_init(|| {
                sents
                    .iter()
                    .any(|s| !s.heading && allegations::bans_young_users(&s.lower))
            })
        };
        for (i, s) in sents.iter().enumerate() {
            let speaker = speakers[i].as_ref();
            let context_lawsuit = || lawsuit_words_in(i) || (i > 0 && lawsuit_words_in(i - 1));
            let verdict = if s.heading {
                Verdict::None
            } else if s.fully_quoted || (!s.has_narration_words() && speaker.is_some()) {
                // Near: within a few sentences of the quotation's start.
                let start = s.quote.map_or(i, |q| doc.quotes[q].sentences.start);
                let last_charge_near = last_at.is_some_and(|k| start.saturating_sub(k) <= allegations::CHARGE_REACH);
                let focus_named_near = (start.saturating_sub(allegations::CHARGE_REACH)..i)
                    .any(|k| sents[k].actors().any(|m| ctx.focus.as_ref() == Some(&m.company)));
                quoted_allegation(
                    s,
                    speaker,
                    &verdicts,
                    &speakers,
                    i,
                    (&last_against, last_charge_near),
                    (&ctx, focus_named_near),
                )
            } else {
                let before = allegations::Before {
                    against: &last_against,
                    by: last_by,
                    lawsuit: &context_lawsuit,
                    distance: last_at.map_or(usize::MAX, |k| i - k),
                    youth_ban: &youth_ban,
                };
                let charge = allegations::detect(s, own[i].as_ref(), speaker, &people, &ctx, &before);
                allegations::turned_back(charge, speaker, &last_against)
            };
            let verdict = match verdict {
                Verdict::None if !s.heading => match allegations::settled(s, speaker, last_by) {
                    Verdict::None => allegations::legal_action(s),
                    v => v,
                },
                v => v,
            };
            let verdict = match verdict {
                Verdict::Allegation { .. } if allegations::in_the_writers_voice(s) => Verdict::None,
                Verdict::Allegation { .. } if speaker.is_none() && allegations::doubts_the_charge(s.narr()) => {
                    Verdict::None
                }
                Verdict::Allegation { against, by } => {
                    let against: Vec<String> = against
                        .into_iter()
                        .filter(|c| !allegations::only_an_employer(s, c) && !allegations::only_a_venue(s, c))
                        .collect();
                    if against.is_empty() {
                        Verdict::None
                    } else {
                        Verdict::Allegation { against, by }
                    }
                }
                v => v,
            };
            // Someone other than the charged calling the charge an attack
            // defends them, in that sentence and the rest of their quotation.
            let verdict = match (verdict, speaker) {
                (Verdict::Allegation { against, .. }, Some(sp))
                    if !sp.company().is_some_and(|c| against.iter().any(|a| a == c))
                        && allegations::defends_the_charged(&s.lower) =>
                {
                    defenders.push((sp.clone(), s.quote));
                    Verdict::None
                }
                (Verdict::Allegation { .. }, Some(sp))
                    if s.quote.is_some() && defenders.iter().any(|(d, q)| d == sp && *q == s.quote) =>
                {
                    Verdict::None
                }
                (Verdict::Allegation { .. }, None) if allegations::defends_the_charged(&s.lower) => Verdict::None,
                (v, _) => v,
            };
            if let Verdict::Allegation { by, .. } = &verdict {
                last_by = Some(*by);
                last_at = Some(i);
            }
            // The accused answering keeps the matter open.
            if speaker
                .and_then(Speaker::company)
                .is_some_and(|c| last_against.iter().any(|a| a == c))
            {
                last_at = Some(i);
            }
            if let Verdict::Allegation { against, .. } = &verdict {
                last_against = against.clone();
                for c in against {
                    match accused_count.iter_mut().find(|(n, _)| n == c) {
                        Some((_, k)) => *k += 1,
                        None => accused_count.push((c.clone(), 1)),
                    }
                }
                ctx.focus = accused_count
                    .iter()
                    .max_by_key(|(_, k)| *k)
                    .map(|(c, _)| c.clone())
                    .or(most_mentioned.clone());
            }
            note_people(&mut ctx, s, &people);
            update_context(&mut ctx, s, speaker);
            verdicts.push(verdict);
        }
        share_quote_charges(&doc, &sents, &speakers, &mut verdicts);
        // "Russia has blocked Twitter since March 4th", in a piece on its
        // moderation in the war: a block or ban that gives no reason, where
        // nothing else charges the company, is news, not a charge.
        let only_shut_out = charged_only_by_shutting_out(&sents, &verdicts, &accused_count);
        accused_count.retain(|(c, _)| !only_shut_out.contains(c));
        for v in &mut verdicts {
            if let Verdict::Allegation { against, .. } = v {
                against.retain(|c| !only_shut_out.contains(c));
                if against.is_empty() {
                    *v = Verdict::None;
                }
            }
        }
        let accused: Vec<String> = accused_count.iter().map(|(c, _)| c.clone()).collect();

        // Responses from accused companies.
        let mut findings = Findings {
            title: title.to_owned(),
            ..Findings::default()
        };
        let mut answered: Vec<String> = Vec::new();
        let mut responses_at = vec![None; sents.len()];
        let mut group_stance: Vec<Option<Stance>> = vec![None; doc.quotes.len()];
        // Per response: its stance when its own words state it.
        let mut stated: Vec<Option<Stance>> = Vec::new();
        let focus = accused.first().cloned();
        let plaintiffs = plaintiffs_before_charged(&sents, &verdicts);
        let mut law_reaction_at: Option<usize> = None;
        for (i, s) in sents.iter().enumerate() {
            if let Verdict::Allegation { against, by } = &verdicts[i] {
                findings.allegations.push(Allegation {
                    text: s.text.clone(),
                    against: against.clone(),
                    by: *by,
                });
            }
            let response = (!s.heading)
                .then(|| {
                    // The speaker's company as the sentence or the one
                    // introducing its quotation names it, not as inferred.
                    let intro = s.quote.map_or(i, |q| doc.quotes[q].sentences.start.saturating_sub(1));
                    let named = speakers[i].as_ref().and_then(Speaker::company).is_some_and(|c| {
                        sents[intro..=i]
                            .iter()
                            .any(|t| t.actors().any(|m| m.company == c && t.in_narration(&m.span)))
                    });
                    // Only right after a charge against the accused company is
                    // an unnamed speaker taken to answer for it.
                    let just_charged = verdicts[intro.saturating_sub(3)..intro.max(1)].iter().any(|v| {
                        matches!(v, Verdict::Allegation { against, .. } if focus.as_ref().is_some_and(|f| against.contains(f)))
                    });
                    let keep_company = named || !just_charged;
                    self.response(
                        s,
                        speakers[i].as_ref().map(|sp| (sp, keep_company)),
                        &verdicts[i],
                        &accused,
                        focus.as_deref(),
                        &mut answered,
                    )
                })
                .flatten()
                .filter(|r| {
                    let goes_on = i > 0
                        && s.quote.is_some()
                        && sents[i - 1].quote == s.quote
                        && responses_at[i - 1].is_some_and(|k: usize| findings.responses[k].company == r.company);
                    answers_a_charge(r, i, &verdicts, s, goes_on)
                        && !plaintiffs.iter().any(|(c, charged)| *c == r.company && i < *charged)
                });
            // "In response to various queries, it suggested …": a chatbot
            // answering its users, not a company answering a charge.
            let response = response.filter(|_| !answers_prompts(s.narr()));
            // A company's reaction to a law or a proposal answers no charge,
            // nor do its words "in response" right after it.
            let reacts_to_law = response.is_some()
                && matches!(verdicts[i], Verdict::None)
                && (crate::phrases!(lexicon::LEGISLATION).any(s.narr())
                    || (i > 0
                        && law_reaction_at == Some(i - 1)
                        && (lexicon::contains_phrase(s.narr(), "in response")
                            || s.quote.is_some_and(|q| sents[i - 1].quote == Some(q)))));
            let response = match response {
                Some(r) if reacts_to_law && r.stance != Stance::NoComment => {
                    law_reaction_at = Some(i);
                    None
                }
                r => r,
            };
            // A sentence telling the charge against the company is its answer
            // only when it says how it answers ("Male drivers are suing Uber"
            // says nothing for Uber).
            let response = response.filter(|r| {
                r.stance != Stance::Other
                    || stance::is_explicit(&s.lower)
                    || !matches!(&verdicts[i], Verdict::Allegation { against, .. } if against.contains(&r.company))
            });
            if let Some(mut r) = response {
                let intro = s.quote.map_or(i, |q| doc.quotes[q].sentences.start);
                let from = intro.saturating_sub(DISPUTE_REACH);
                let charged_near = verdicts[from..=i].iter().any(|v| v.engages(&r.company));
                // An executive talking at length (an interview, a profile)
                // speaks of much besides the charges: away from them, "not"
                // or "safety" in their words disputes nothing.
                let named = r.speaker.starts_with(char::is_uppercase)
                    && !["A ", "An ", "The "].iter().any(|a| r.speaker.starts_with(a));
                let interviewed = named && !speaks_for_the_record(&r.role);
                if interviewed && !charged_near && r.stance == Stance::Denial && stance::only_weak_cues(&s.lower) {
                    r.stance = Stance::Other;
                }
                // "Reddit said it is voluntarily launching a version … with
                // added safety features": news of what the company is doing,
                // where a word of safety disputes nothing.
                if r.stance == Stance::Denial && stance::only_weak_cues(&s.lower) && promises(s.narr()) {
                    r.stance = Stance::Other;
                }
                let explicit = r.stance != Stance::Other || stance::is_explicit(&s.lower);
                if !explicit {
                    // A sentence going on with a quotation says what the
                    // company's earlier words in it said, if they said it
                    // outright ("Shockingly untrue. … The agreement allowed
                    // people to …"); else it only explains.
                    let continues = s.fully_quoted && s.quote.is_some_and(|q| doc.quotes[q].sentences.start < i);
                    let previous = (i > 0 && s.fully_quoted)
                        .then(|| responses_at[i - 1])
                        .flatten()
                        .filter(|&k: &usize| findings.responses[k].company == r.company)
                        .and_then(|k| stated[k]);
                    // Only a denial carries on: the facts told after "untrue"
                    // dispute the charge, while those told after an apology
                    // admit nothing themselves.
                    let said_before = s.quote.and_then(|q| group_stance[q]).or(previous);
                    r.stance = if continues || said_before.is_some() {
                        said_before.filter(|st| *st == Stance::Denial).unwrap_or(Stance::Other)
                    } else {
                        // A company answering a charge without saying how is, in
                        // news style, almost always disputing it. Saying only that
                        // it answered ("A spokesperson responded to questions")
                        // takes no position, nor does news of what it announced
                        // ("Uber announced the program in July") or promised
                        // ("OpenAI promised to develop AI …", "the company said
                        // it would begin adding a visible watermark").
                        let bare = s.quote.is_none()
                            && [
                                "responded to",
                                "replied to",
                                "commented on",
                                "responded via",
                                "announced",
                                "unveiled",
                                "launched",
                            ]
                            .iter()
                            .any(|p| lexicon::contains_phrase(s.narr(), p))
                            || promises(s.narr());
                        // Far from the charge, in a piece mostly about other
                        // things, the company's words are as likely about
                        // anything else. The company's outright denials going
                        // on keep it near; only its statements dispute an
                        // article's charges from afar, not an interviewee.
                        let near_the_charge = charged_near
                            || responses_at[from..i].iter().flatten().any(|&k: &usize| {
                                let before = &findings.responses[k];
                                before.company == r.company
                                    && before.speaker == r.speaker
                                    && stated[k] == Some(Stance::Denial)
                            })
                            || (!interviewed
                                && accused_count
                                    .iter()
                                    .any(|(c, n)| *c == r.company && *n >= CHARGES_OF_A_MATTER));
                        match s.quote.and_then(|q| quote_stance(&doc, &sents, q)) {
                            Some(Stance::Acknowledgement) => Stance::Other,
                            Some(st) => st,
                            None if bare || !near_the_charge || explains_a_cause(s.narr()) => Stance::Other,
                            None => Stance::Denial,
                        }
                    };
                }
                if explicit
                    && let Some(q) = s.quote
                    && r.stance != Stance::Other
                    && r.stance != Stance::NoComment
                {
                    group_stance[q].get_or_insert(r.stance);
                }
                stated.push((explicit && r.stance != Stance::NoComment).then_some(r.stance));
                if !answered.contains(&r.company) {
                    answered.push(r.company.clone());
                }
                responses_at[i] = Some(findings.responses.len());
                // "Uber and Lyft did not respond to requests for comment",
                // "Uber and Lyft have maintained that …": each accused company
                // named with it says the same (the company itself speaking,
                // not a person of it).
                let together = if r.stance == Stance::NoComment {
                    let said_nothing = lexicon::no_comment_at(&s.lower).unwrap_or(0);
                    named_together(s, &r.company, said_nothing)
                } else if r.speaker.is_empty() && r.role.is_empty() {
                    speaking_together(s, &r.company)
                } else {
                    Vec::new()
                };
                let also_silent: Vec<String> = if !together.is_empty() {
                    together
                        .into_iter()
                        .filter(|c| {
                            accused.contains(c) && !plaintiffs.iter().any(|(p, charged)| p == c && i < *charged)
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let silent = Response {
                    speaker: String::new(),
                    role: String::new(),
                    ..r.clone()
                };
                findings.responses.push(r);
                for company in also_silent {
                    stated.push(None);
                    if !answered.contains(&company) {
                        answered.push(company.clone());
                    }
                    findings.responses.push(Response {
                        company,
                        ..silent.clone()
                    });
                }
            }
        }
        findings.no_response = accused.iter().filter(|c| !answered.contains(c)).cloned().collect();
        findings.companies = actor_companies(&mentions);
        Analysis {
            sents,
            speakers,
            verdicts,
            findings,
            responses_at,
        }
    }

    /// A person who runs several companies speaks for the one their sentence
    /// or quotation is about: Musk on Grok speaks for xAI, not X.
    fn speak_for_the_matter(&self, doc: &Document, sents: &[Sent], people: &People, speakers: &mut [Option<Speaker>]) {
        for (i, slot) in speakers.iter_mut().enumerate() {
            let Some(Speaker {
                party: Party::Company { company, role },
                name,
                person: true,
            }) = slot
            else {
                continue;
            };
            let Some(person) = self.running_several(name) else {
                continue;
            };
            if let Some(matter) = matter_company(doc, sents, people, i, person) {
                // The dictionary's role is at their own company ("owner" of X).
                if *role == person.role {
                    role.clear();
                }
                *company = matter;
            }
        }
    }

    /// The dictionary's person of that name, if they run several companies.
    fn running_several(&self, name: &str) -> Option<&companies::Person> {
        self.companies
            .people()
            .iter()
            .find(|p| !p.also.is_empty() && p.name.eq_ignore_ascii_case(name))
    }

    /// "Musk’s attorney, Alex Spiro, said": someone the article knows only as
    /// an owner's representative speaks for the owner's company, the one the
    /// matter is about, as the owner would.
    fn owners_representatives_speak(
        &self,
        doc: &Document,
        sents: &[Sent],
        people: &People,
        speakers: &mut [Option<Speaker>],
    ) {
        for i in 0..sents.len() {
            let Some(sp) = speakers[i]
                .clone()
                .filter(|sp| sp.person && sp.party == Party::Bystander)
            else {
                continue;
            };
            let s = &sents[i];
            let Some((span, _)) = speakers::person_names(s).iter().find(|(_, n)| *n == sp.name) else {
                continue;
            };
            let Some((owner, role)) = speakers::representative_of(s, span) else {
                continue;
            };
            let Some(owner) = people
                .get(&owner)
                .cloned()
                .or_else(|| people.by_surname_alone(owner.split_whitespace().last()?))
                .filter(|o| o.person)
            else {
                continue;
            };
            let Some(owners_company) = owner.company() else {
                continue;
            };
            let company = self
                .running_several(&owner.name)
                .and_then(|person| matter_company(doc, sents, people, i, person))
                .unwrap_or_else(|| owners_company.to_owned());
            let speaker = Speaker {
                party: Party::Company {
                    company,
                    role: s.tokens[role].text.to_string(),
                },
                name: sp.name.clone(),
                person: true,
            };
            replace_speaker(doc, s, i, speakers, &sp, &speaker);
        }
    }

    fn response(
        &self,
        s: &Sent,
        // The speaker, and whether their company stands as inferred (the
        // text names it where they speak, or no charge comes just before).
        speaker: Option<(&Speaker, bool)>,
        verdict: &Verdict,
        accused: &[String],
        focus: Option<&str>,
        answered: &mut Vec<String>,
    ) -> Option<Response> {
        // The company "the platform" or "it" resolved to from the sentences before.
        let referent = speaker.filter(|(sp, _)| !sp.person).and_then(|(sp, _)| sp.company());
        let silent_elsewhere = referent.is_some_and(|c| !accused.iter().any(|a| a == c))
            && s.actors().next().is_none()
            && lexicon::no_comment_at(s.narr()).is_some();
        if silent_elsewhere {
            // The company that said nothing is not one the article accuses.
            return None;
        }
        if let Some(no) = no_comment(s, accused, focus, referent) {
            for c in &no.1 {
                if !answered.contains(c) {
                    answered.push(c.clone());
                }
            }
            return Some(Response {
                text: s.text.clone(),
                company: no.0,
                speaker: no.2,
                role: String::new(),
                stance: Stance::NoComment,
            });
        }
        // "Why was TikTok’s operating license suspended?": the writer's
        // question, a heading over the answer, says nothing for anyone.
        if s.quote.is_none() && s.is_question() {
            return None;
        }
        // "Or Yahoo's move might just be a show of strength": the writer
        // guessing at what the company is up to, neither its words nor its act.
        const GUESSES: &[&str] = &["might", "perhaps", "maybe", "presumably", "possibly", "may"];
        const SAID: &[&str] = &[
            "said",
            "says",
            "say",
            "told",
            "tells",
            "stated",
            "wrote",
            "writes",
            "added",
            "responded",
            "replied",
            "announced",
            "argued",
            "argues",
            "insisted",
            "noted",
            "explained",
            "according to",
            "statement",
            "indicated",
            "signaled",
            "signalled",
            "confirmed",
            "suggested",
        ];
        // The guess is about the company's move ("Yahoo might", "Yahoo's move
        // might just be"), not in what it is reported to hold ("Apple denied
        // the allegations, maintaining that its rules may be necessary").
        let guessed_move = s.actors().next().is_some_and(|m| {
            let mut after = s.narr()[m.span.end..].split_whitespace();
            let next = after.next().unwrap_or("");
            let next = if next.starts_with(['’', '\'']) {
                after.nth(1).unwrap_or("")
            } else {
                next
            };
            // "Meta may have agreed to pay": past, no guess.
            GUESSES.contains(&next) && after.next() != Some("have")
        });
        if s.quote.is_none() && guessed_move && !crate::phrases!(SAID).any(s.narr()) {
            return None;
        }
        if let Verdict::CounterAccusation { company } = verdict
            && accused.contains(company)
        {
            let (name, role) = speaker
                .map(|(sp, _)| sp)
                .filter(|sp| sp.company() == Some(company.as_str()))
                .map(|sp| (sp.name.clone(), role_of(sp)))
                .unwrap_or_default();
            return Some(Response {
                text: s.text.clone(),
                company: company.clone(),
                speaker: name,
                role,
                stance: Stance::Denial,
            });
        }
        let (sp, keep_company) = speaker?;
        let mut company = sp.company()?;
        // "It determined the feature was bad for growth, according to the
        // plaintiffs' brief": the company's words as the charge reports them.
        if reported_by_accuser(s.narr()) && !speakers::a_company_argues_its_side(s, 0) {
            return None;
        }
        // "The developers claim …" read as the company named last, which the
        // article does not accuse: the company it does accuse is meant.
        let from_context = !sp.person && !keep_company;
        if from_context
            && !accused.iter().any(|c| c == company)
            && let Some(f) = focus
        {
            company = f;
        }
        // A company charging others is not answering for itself.
        if let Verdict::Allegation { against, .. } = verdict
            && !against.iter().any(|c| c == company)
        {
            return None;
        }
        if !accused.iter().any(|c| c == company) || is_unrelated_news(&s.lower) {
            return None;
        }
        Some(Response {
            text: s.text.clone(),
            company: company.to_owned(),
            speaker: sp.name.clone(),
            role: role_of(sp),
            stance: stance::stance_of(&s.lower),
        })
    }
}

/// Companies that the article shows bringing a legal action before it
/// charges them with anything, each with where that first charge is (or
/// the end). Until then they speak as plaintiffs, not in answer to a charge:
/// "X said it plans to appeal the decision to dismiss its case against a
/// government portal".
fn plaintiffs_before_charged(sents: &[Sent], verdicts: &[Verdict]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        let Some(c) = allegations::plaintiff(s) else {
            continue;
        };
        if out.iter().any(|(p, _)| *p == c) {
            continue;
        }
        let charged = verdicts.iter().position(|v| v.engages(&c)).unwrap_or(sents.len());
        if i < charged {
            out.push((c, charged));
        }
    }
    out
}

/// A company statement before the article has charged that company with
/// anything ("Last week, Perplexity announced ...") is background, unless
/// its own words take a position (denies, settles, declines to comment).
///
/// Far from any charge (more than [`ANSWER_REACH`] sentences after the last
/// one), a statement that takes no position is the company's other news,
/// unless it goes on with an answer just given.
fn answers_a_charge(r: &Response, i: usize, verdicts: &[Verdict], s: &Sent, goes_on: bool) -> bool {
    // Charged already, or already fighting back ("X sued the watchdog").
    let engaged_at = verdicts[..=i].iter().rposition(|v| v.engages(&r.company));
    // "Ring told a senator it had handed over footage without consent":
    // the statement itself is about the wrong.
    let takes_position =
        r.stance == Stance::NoComment || stance::is_explicit(&s.lower) || !allegations::cues_in(&s.lower).is_empty();
    takes_position || goes_on || engaged_at.is_some_and(|at| i - at <= ANSWER_REACH)
}

const ANSWER_REACH: usize = 8;

/// How many sentences after a charge a company's answer that says nothing
/// outright is still read as disputing it, unless the article is about its
/// charges: charged at least [`CHARGES_OF_A_MATTER`] times.
const DISPUTE_REACH: usize = 3;
const CHARGES_OF_A_MATTER: usize = 3;

/// "…, according to the complaint", "according to regulators": the sentence
/// is a lawsuit's, court's, regulator's or lawmaker's account.
fn reported_by_accuser(narr: &str) -> bool {
    let Some(at) = lexicon::find_phrase(narr, "according to") else {
        return false;
    };
    let end = narr.floor_char_boundary(at + 60);
    speakers::accuser_in(&narr[at..end]).is_some_and(crate::model::Accuser::is_official)
}

/// A company's other news in the same article ("Separately, Google said its
/// phones would get new camera features") is not an answer to the charge.
fn is_unrelated_news(lower: &str) -> bool {
    const MARKERS: &[&str] = &["separately", "in other news", "unrelated", "elsewhere"];
    const PRODUCT: &[&str] = &[
        "go on sale",
        "goes on sale",
        "unveiled",
        "unveils",
        "new features",
        "software update",
        "will launch",
        "launched a new",
        "launches a new",
        "announced a new",
        "released a new",
        "open an office",
        "opened an office",
        "shares rose",
        "shares fell",
        "quarterly",
        "earnings",
        "revenue rose",
        "new headset",
        "new phone",
        "new model",
        "will ship",
        "would ship",
        "prices starting",
        "went on sale",
        "downloads",
        "new subscribers",
        "million subscribers",
        "subscriber growth",
        "record sales",
        "sales record",
        // Deals, funding and plans for growth.
        "the acquisition",
        "is acquiring",
        "acquired the",
        "funding round",
        "in funding",
        "raised $",
        "valuation",
        "aims to",
        "expand into",
        "expand further",
    ];
    let start = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    MARKERS.iter().any(|m| start.starts_with(m)) || (crate::phrases!(PRODUCT).any(lower) && !stance::is_explicit(lower))
}

fn party_label(p: &Party) -> String {
    match p {
        Party::Company { company, role } if role.is_empty() => company.clone(),
        Party::Company { company, role } => format!("{company}, {role}"),
        Party::Accuser(a) => a.as_str().to_owned(),
        Party::Bystander => "bystander".into(),
    }
}

/// Whether someone in `role` speaks for the company on the record: a
/// spokesperson, a lawyer, a press office.
fn speaks_for_the_record(role: &str) -> bool {
    let role = role.to_lowercase();
    [
        "spokes",
        "representative",
        "lawyer",
        "attorney",
        "counsel",
        "communications",
        "press",
        "pr ",
        "public affairs",
        "public relations",
        "policy",
        "statement",
    ]
    .iter()
    .any(|r| role.contains(r))
}

fn role_of(sp: &Speaker) -> String {
    match &sp.party {
        Party::Company { role, .. } => role.clone(),
        _ => String::new(),
    }
}

/// The other companies `s` names in one list with `company` ("Uber and
/// Lyft", "Meta, Google or TikTok"), in order: the list with the mention of
/// `company` nearest `at`, where the sentence says it gave no comment.
/// The companies named with `company` as the subject of a saying verb
/// ("Uber and Lyft have maintained", "Meta and Google said"): the list must
/// be followed by the verb, so that "fined Google and Meta; Meta said" gives
/// Google nothing of Meta's.
fn speaking_together(s: &Sent, company: &str) -> Vec<String> {
    const SAYING: [&str; 15] = [
        "said",
        "say",
        "says",
        "maintained",
        "maintain",
        "denied",
        "deny",
        "argued",
        "argue",
        "insisted",
        "insist",
        "disputed",
        "dispute",
        "rejected",
        "responded",
    ];
    let narr = s.narr();
    s.actors()
        .filter(|m| m.company == company && s.in_narration(&m.span))
        .filter_map(|m| {
            let (group, end) = coordinated(s, company, m.span.start)?;
            let mut words = narr
                .get(end..)?
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
            let first = words.next()?;
            let verb = if matches!(first.as_str(), "have" | "has" | "had" | "both" | "each" | "also") {
                words.next()?
            } else {
                first
            };
            SAYING.contains(&verb.as_str()).then_some(group)
        })
        .find(|g| !g.is_empty())
        .unwrap_or_default()
}

fn named_together(s: &Sent, company: &str, at: usize) -> Vec<String> {
    coordinated(s, company, at).map(|(group, _)| group).unwrap_or_default()
}

/// The companies listed with the mention of `company` nearest `at` ("Uber,
/// Lyft and Via"), and where the list ends.
fn coordinated(s: &Sent, company: &str, at: usize) -> Option<(Vec<String>, usize)> {
    let actors: Vec<&companies::Mention> = s.actors().filter(|m| s.in_narration(&m.span)).collect();
    // How each name is joined to the next: 1 by a comma, 2 by a conjunction,
    // 0 not. A comma after the conjunction ends the list ("Asked about Uber
    // and Lyft, Uber declined").
    let mut joins: Vec<u8> = actors
        .windows(2)
        .map(
            |w| match s.narr().get(w[0].span.end..w[1].span.start).unwrap_or("").trim() {
                "," => 1,
                "and" | ", and" | "or" | ", or" | "nor" | ", nor" | "&" => 2,
                _ => 0,
            },
        )
        .collect();
    for j in 1..joins.len() {
        if joins[j] == 1 && joins[j - 1] == 2 {
            joins[j] = 0;
        }
    }
    let at = (0..actors.len())
        .filter(|&k| actors[k].company == company)
        .min_by_key(|&k| actors[k].span.start.abs_diff(at))?;
    let mut first = at;
    while first > 0 && joins[first - 1] != 0 {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < actors.len() && joins[last] != 0 {
        last += 1;
    }
    let mut out: Vec<String> = Vec::new();
    for m in &actors[first..=last] {
        if m.company != company && !out.contains(&m.company) {
            out.push(m.company.clone());
        }
    }
    Some((out, actors[last].span.end))
}

/// Whether `narr` tells of answers to a chatbot's users: "in response to
/// (various, users') queries", "… prompts".
fn answers_prompts(narr: &str) -> bool {
    lexicon::find_phrase(narr, "in response to").is_some_and(|at| {
        narr[at + "in response to".len()..].split_whitespace().take(4).any(|w| {
            matches!(
                w.trim_end_matches([',', '.']),
                "queries" | "prompts" | "prompt" | "query"
            )
        })
    })
}

fn update_context(ctx: &mut Context, s: &Sent, speaker: Option<&Speaker>) {
    if let Some(sp) = speaker
        && crate::phrases!(lexicon::STATEMENT_NOUNS).any(s.narr())
    {
        set(&mut ctx.last_statement, sp);
    }
    if let Some(sp) = speaker {
        match &mut ctx.last_speaker {
            Some((last, at)) if last == sp => *at = s.index,
            last => *last = Some((sp.clone(), s.index)),
        }
        if sp.person {
            set(&mut ctx.last_person, sp);
        } else {
            set(&mut ctx.last_org, sp);
        }
    }
    for m in s.actors().filter(|m| s.in_narration(&m.span)) {
        // Named again: moved to the end (each company is in the list once).
        match ctx.recent_companies.iter().position(|c| *c == m.company) {
            Some(k) => {
                let c = ctx.recent_companies.remove(k);
                ctx.recent_companies.push(c);
            }
            None => ctx.recent_companies.push(m.company.clone()),
        }
        set(&mut ctx.last_company, &m.company);
        if let Some(anaphor) = described_as(&s.lower[m.span.end..]) {
            ctx.described.retain(|(a, _)| *a != anaphor);
            ctx.described.push((anaphor, m.company.clone()));
        }
    }
}

/// `slot` holding `value`, cloned only when it held something else.
fn set<T: PartialEq + Clone>(slot: &mut Option<T>, value: &T) {
    if slot.as_ref() != Some(value) {
        *slot = Some(value.clone());
    }
}

/// The anaphor that the words right after a company's name tie to it:
/// "X application", "Instagram’s app", "Netflix, the streaming service".
fn described_as(after: &str) -> Option<&'static str> {
    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace()
            .take(4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect()
    }
    let ties = |word: &str| {
        lexicon::DESCRIBED_ANAPHORS
            .iter()
            .find(|(_, nouns)| nouns.contains(&word))
            .map(|(anaphor, _)| *anaphor)
    };
    let after = after
        .strip_prefix("’s")
        .or_else(|| after.strip_prefix("'s"))
        .unwrap_or(after);
    if after.starts_with(char::is_whitespace) {
        // "X application", not "X application store".
        let next = words(after);
        let head = next.get(1).copied().unwrap_or("");
        return ties(next.first()?).filter(|_| !lexicon::NOT_DESCRIPTOR_HEADS.contains(&head));
    }
    // "Netflix, the streaming service": an apposition, up to its first break.
    let apposition = after.strip_prefix(',')?;
    let clause = apposition.split([',', '.', ';', '(', '—']).next().unwrap_or("");
    let next = words(clause);
    if !matches!(next.first(), Some(&("the" | "a" | "an"))) {
        return None;
    }
    // The noun phrase's head, before any preposition or relative clause
    // ("the chatbot within X’s application" is a chatbot).
    next[1..]
        .iter()
        .take_while(|w| {
            !matches!(
                **w,
                "of" | "in"
                    | "within"
                    | "inside"
                    | "for"
                    | "on"
                    | "at"
                    | "with"
                    | "from"
                    | "by"
                    | "that"
                    | "which"
                    | "who"
            )
        })
        .find_map(|w| ties(w))
}

/// People named in the narration become the referents of "he" and "she"
/// even when they have not spoken yet ("criticised by Michael Burry. He claimed ...").
fn note_people(ctx: &mut Context, s: &Sent, people: &People) {
    // Headlines capitalise every word: their "names" are not people.
    if s.is_title || s.heading {
        return;
    }
    // The first person the sentence describes (a source, a spokesperson)
    // rather than one named in passing ("played by Christian Bale").
    let named: Vec<&String> = speakers::person_names(s)
        .iter()
        .filter(|(span, _)| s.in_narration(span))
        .map(|(_, name)| name)
        .collect();
    let pick = named
        .iter()
        .find(|n| people.get(n).is_some_and(|p| p.party != Party::Bystander))
        .or(named.first());
    if let Some(name) = pick {
        match people.get(name) {
            Some(known) => set(&mut ctx.last_person, known),
            None => {
                ctx.last_person = Some(Speaker {
                    party: Party::Bystander,
                    name: (*name).clone(),
                    person: true,
                })
            }
        }
    }
}

/// Which of `person`'s other companies sentence `i` (with its quotation) is
/// about, if any.
fn matter_company(
    doc: &Document,
    sents: &[Sent],
    people: &People,
    i: usize,
    person: &companies::Person,
) -> Option<String> {
    let around = sents[i].quote.map_or(i..i + 1, |q| doc.quotes[q].sentences.clone());
    // A mention of the person ("Elon Musk apologized") names no company of theirs.
    let theirs = |m: &&Mention| m.person.is_none() && (m.company == person.company || person.also.contains(&m.company));
    let mut named = around
        .clone()
        .chain(std::iter::once(i))
        .flat_map(|j| sents[j].mentions.iter())
        .filter(theirs)
        .peekable();
    let first = named.peek().copied();
    // Naming none of their companies ("Musk said the claims were
    // baseless") in an article that never names their own, they
    // speak for the one in its title, or else the one it last named.
    let matter = named.find(|m| person.also.contains(&m.company)).or(first).or_else(|| {
        if people.names_company(&person.company) {
            return None;
        }
        let titled = sents.iter().filter(|s| s.is_title).flat_map(|s| s.mentions.iter());
        let before = sents[..around.start.min(i)]
            .iter()
            .rev()
            .flat_map(|s| s.mentions.iter().rev());
        titled.chain(before).find(theirs)
    });
    matter
        .filter(|m| person.also.contains(&m.company))
        .map(|m| m.company.clone())
}

/// Puts `new` in place of `old` as the speaker of sentence `s` (at `i`) and
/// of the other sentences of its quotation that `old` speaks.
fn replace_speaker(doc: &Document, s: &Sent, i: usize, speakers: &mut [Option<Speaker>], old: &Speaker, new: &Speaker) {
    // The sentence itself is one of its quotation's.
    for j in s.quote.map_or(i..i + 1, |q| doc.quotes[q].sentences.clone()) {
        if speakers[j].as_ref() == Some(old) {
            speakers[j] = Some(new.clone());
        }
    }
}

/// "Musk’s AI company apologized": a person named only as the owner of the
/// company that speaks gives way to it, the company of theirs the matter is
/// about (chosen before), in the sentence and in the quotation it speaks;
/// "Musk’s lawyer said" and "a lawyer for Musk said" are the lawyer
/// speaking for it, not Musk.
fn owners_companies_speak(doc: &Document, sents: &[Sent], speakers: &mut [Option<Speaker>]) {
    for i in 0..sents.len() {
        let Some(sp) = speakers[i].clone().filter(|sp| sp.person) else {
            continue;
        };
        let (Some(company), Some(surname)) = (sp.company(), sp.name.split_whitespace().last()) else {
            continue;
        };
        let s = &sents[i];
        let named: Vec<usize> = (0..s.tokens.len())
            .filter(|&k| speakers::without_possessive(&s.text[s.tokens[k].span.clone()]).eq_ignore_ascii_case(surname))
            .collect();
        // Named again as a speaker ("Musk’s company X sued, Musk said"), they speak.
        let [at] = named[..] else { continue };
        // A representative, named by the tokens `from..=to`, whose role is token `role`.
        let representative = |role: usize, from: usize, to: usize| Speaker {
            party: Party::Company {
                company: company.to_owned(),
                role: s.tokens[role].text.to_string(),
            },
            name: s.text[s.tokens[from].span.start..s.tokens[to].span.end].to_owned(),
            person: true,
        };
        let speaker = match speakers::owned_after(s, at, s.tokens.len()) {
            Some(speakers::Owned::Company) => Speaker::of_company(company.to_owned()),
            Some(speakers::Owned::Representative(role)) => representative(role, at, role),
            None => {
                let Some(role) = speakers::representing(s, at, &sp.name) else {
                    continue;
                };
                // With its article: "A lawyer for Musk".
                let from = role
                    .checked_sub(1)
                    .filter(|&k| matches!(s.tokens[k].text.as_str(), "a" | "an" | "the"))
                    .unwrap_or(role);
                representative(role, from, at)
            }
        };
        replace_speaker(doc, s, i, speakers, &sp, &speaker);
    }
}

/// The speaker of each sentence: its own attribution, else, for a sentence
/// of a quotation, the speaker named anywhere in that quotation or in the
/// sentence that introduces it ("In response, he said:").
fn share_quote_speakers(doc: &Document, sents: &[Sent], own: &[Option<Attribution>]) -> Vec<Option<Speaker>> {
    let mut out: Vec<Option<Speaker>> = own.iter().map(|a| a.as_ref().map(|a| a.speaker.clone())).collect();
    for q in &doc.quotes {
        let range = q.sentences.clone();
        if range.is_empty() {
            continue;
        }
        let named = range
            .clone()
            .find_map(|i| own[i].as_ref().map(|a| a.speaker.clone()))
            .or_else(|| {
                let prev = range.start.checked_sub(1)?;
                let p = &sents[prev];
                // "In response, he said:" introduces it; or, news style, a bare
                // quotation right after an attributed one continues that speaker.
                let introduces = p.text.trim_end().ends_with(':') || p.text.trim_end().ends_with(',');
                let continues = p.quote.is_some() && sents[range.start].para <= p.para + 1;
                (introduces || continues)
                    .then(|| own[prev].as_ref().map(|a| a.speaker.clone()))
                    .flatten()
            })
            .or_else(|| {
                // An embedded post, signed on the line after it.
                let next = sents.get(range.end)?;
                (next.text.trim_start().starts_with(['—', '–']) && next.para > sents[range.end - 1].para)
                    .then(|| own[range.end].as_ref().map(|a| a.speaker.clone()))
                    .flatten()
            });
        if let Some(sp) = named {
            for i in range {
                if out[i].is_none() && (sents[i].fully_quoted || !sents[i].has_narration_words()) {
                    out[i] = Some(sp.clone());
                }
            }
        }
    }
    out
}

/// "The ban … came partially as a result of new research showing the
/// risks": the company telling why it acted, which disputes nothing.
fn explains_a_cause(narr: &str) -> bool {
    ["as a result of", "because of", "in light of", "prompted by"]
        .iter()
        .any(|p| {
            lexicon::find_phrase(narr, p).is_some_and(|at| {
                // Not a cause told of someone else ("Meta, which faces lawsuits
                // because of its record, said …").
                let clause = narr[..at].rsplit(',').next().unwrap_or("").trim_start();
                !["which ", "who ", "whose "].iter().any(|w| clause.starts_with(w))
            })
        })
}

/// The companies the article charges only by telling that they were
/// blocked, banned or suspended, for no reason it gives.
fn charged_only_by_shutting_out(sents: &[Sent], verdicts: &[Verdict], accused: &[(String, usize)]) -> Vec<String> {
    accused
        .iter()
        .map(|(c, _)| c)
        .filter(|c| {
            verdicts
                .iter()
                .zip(sents)
                .all(|(v, s)| !v.engages(c) || allegations::shuts_out_for_no_reason(s, c))
        })
        .cloned()
        .collect()
}

/// The sentences of one quotation by an accuser carry the charge that one
/// of them makes ("“This is not ‘spicy.’ This is illegal,” a Commission
/// spokesperson said"): each sentence of a quote is labelled.
fn share_quote_charges(doc: &Document, sents: &[Sent], speakers: &[Option<Speaker>], verdicts: &mut [Verdict]) {
    for q in &doc.quotes {
        let range = q.sentences.clone();
        let charge = range.clone().find_map(|i| match (&verdicts[i], &speakers[i]) {
            (Verdict::Allegation { against, by }, Some(sp)) if sp.accuser().is_some() => {
                Some((against.clone(), *by, sp.clone()))
            }
            _ => None,
        });
        let Some((against, by, speaker)) = charge else {
            continue;
        };
        for i in range {
            let s = &sents[i];
            let content = s.text.split_whitespace().count() >= 2;
            if verdicts[i] == Verdict::None
                && speakers[i].as_ref() == Some(&speaker)
                && (s.fully_quoted || !s.has_narration())
                && !s.heading
                && content
                && allegations::says_anything_against(s, by)
            {
                verdicts[i] = Verdict::Allegation {
                    against: against.clone(),
                    by,
                };
            }
        }
    }
}

/// A sentence inside a quotation whose speaker accuses: a charge against the
/// companies it names or, failing that, those the quotation is about.
fn quoted_allegation(
    s: &Sent,
    speaker: Option<&Speaker>,
    verdicts: &[Verdict],
    speakers: &[Option<Speaker>],
    i: usize,
    (last_against, last_charge_near): (&[String], bool),
    (ctx, focus_named_near): (&Context, bool),
) -> Verdict {
    let Some(by) = speaker.and_then(Speaker::accuser) else {
        return Verdict::None;
    };
    if s.is_question() || allegations::apologizes(&s.lower) {
        return Verdict::None;
    }
    let named: Vec<String> = s.actors().map(|m| m.company.clone()).fold(Vec::new(), |mut v, c| {
        if !v.contains(&c) {
            v.push(c);
        }
        v
    });
    // An official's plain words about a company charge it only in a matter
    // of charges ("I'm going to let other space companies compete with SpaceX").
    if !named.is_empty() {
        let plain = by.is_official()
            && allegations::cues_in(&s.lower).is_empty()
            && (!allegations::in_a_matter_of_charges(&s.lower, last_against)
                || allegations::speaks_of_a_deal(&s.lower));
        return if plain {
            Verdict::None
        } else {
            Verdict::Allegation { against: named, by }
        };
    }
    // Same quotation as an earlier charge by the same speaker.
    let earlier = (0..i).rev().take(4).find_map(|j| match (&verdicts[j], &speakers[j]) {
        (Verdict::Allegation { against, .. }, Some(sp)) if Some(sp) == speaker => Some(against.clone()),
        _ => None,
    });
    if allegations::charges_no_company(&s.lower) {
        return Verdict::None;
    }
    let cue = !allegations::cues_in(&s.lower).is_empty();
    // A quotation far from any charge and from the article's company ("And
    // the harms are way exceeding any little financial benefits these
    // localities may have", in a piece on a data center) speaks of its own
    // subject.
    match earlier {
        Some(against) if allegations::says_anything_against(s, by) => Verdict::Allegation { against, by },
        Some(_) => Verdict::None,
        None if cue && !last_against.is_empty() && last_charge_near => Verdict::Allegation {
            against: last_against.to_vec(),
            by,
        },
        // With no charge near, the quotation is about the company named
        // just before it, if that is the article's company.
        None if cue && focus_named_near => ctx
            .focus_named_last()
            .map_or(Verdict::None, |c| Verdict::Allegation { against: vec![c], by }),
        None => Verdict::None,
    }
}

/// "OpenAI pledged to …", "Reddit said it will use …", "the company said it
/// would begin …", "it is launching …": what a company promised or says it
/// will do or is starting to do.
fn promises(narr: &str) -> bool {
    const PLEDGES: &[&str] = &["promised", "promises", "pledged", "pledges", "plans to"];
    const ACTIONS: &[&str] = &["use", "begin", "start", "roll out", "introduce", "require", "launch"];
    const UNDER_WAY: &[&str] = &["launching", "introducing", "rolling out"];
    PLEDGES.iter().any(|p| lexicon::contains_phrase(narr, p))
        || ["will", "would"].iter().any(|m| {
            ACTIONS
                .iter()
                .any(|a| lexicon::contains_phrase(narr, &format!("{m} {a}")))
        })
        || ["is", "are"].iter().any(|be| {
            UNDER_WAY.iter().any(|a| {
                lexicon::contains_phrase(narr, &format!("{be} {a}"))
                    || lexicon::contains_phrase(narr, &format!("{be} voluntarily {a}"))
            })
        })
}

/// The stance of the first sentence of a quotation that has one.
fn quote_stance(doc: &Document, sents: &[Sent], q: usize) -> Option<Stance> {
    doc.quotes[q]
        .sentences
        .clone()
        .map(|i| stance::stance_of(&sents[i].lower))
        .find(|st| *st != Stance::Other)
}

/// "Meta declined to comment", "TikTok and Snap did not respond": the
/// company answering, every company answering, and the speaker as written.
fn no_comment(
    s: &Sent,
    accused: &[String],
    focus: Option<&str>,
    referent: Option<&str>,
) -> Option<(String, Vec<String>, String)> {
    let mut named: Vec<String> = Vec::new();
    for m in s.actors() {
        if s.in_narration(&m.span) && accused.contains(&m.company) && !named.contains(&m.company) {
            named.push(m.company.clone());
        }
    }
    // A company the narration names must be an accused one; with none
    // named, someone must stand for "the companies" or "it". Only then are
    // the phrases looked for.
    let actors = s.actors().next().is_some();
    if named.is_empty() && (actors || accused.is_empty() && referent.or(focus).is_none()) {
        return None;
    }
    lexicon::no_comment_at(s.narr())?;
    if named.is_empty() {
        let anaphor = lexicon::COMPANY_ANAPHORS
            .iter()
            .any(|a| lexicon::contains_phrase(s.narr(), a))
            || [
                "it",
                "they",
                "a spokesperson",
                "a spokesman",
                "a spokeswoman",
                "representatives",
                "a representative",
            ]
            .iter()
            .any(|a| lexicon::contains_phrase(s.narr(), a));
        let plural = ["companies", "the firms", "both firms"]
            .iter()
            .any(|a| lexicon::contains_phrase(s.narr(), a));
        if plural {
            // "Emails to Musk’s companies seeking comment went unanswered."
            named.extend(accused.iter().cloned());
        } else if anaphor {
            // "The platform did not respond" after "OnlyFans prohibits
            // deepfakes": the company the anaphor resolved to (the caller
            // has set aside one the article does not accuse), else the
            // article's main one.
            named.extend(referent.or(focus).map(str::to_owned));
        }
    }
    let first = named.first()?.clone();
    let speaker = ["spokesperson", "spokesman", "spokeswoman", "representative", "rep"]
        .iter()
        .find(|r| lexicon::contains_phrase(s.narr(), r))
        .map(|r| format!("a {first} {r}"))
        .unwrap_or_default();
    Some((first, named, speaker))
}

/// Whether a text holds no cue of wrongdoing in whole words and names no
/// accuser who charges by speaking alone (a court, a regulator, a lawmaker,
/// plaintiffs, staff): then none of its sentences charges anyone. An
/// outlet's, a researcher's or a critic's words charge with a cue.
fn charges_nothing(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    !allegations::may_hold_a_cue(&lower)
        && !speakers::accuser_in(&lower).is_some_and(|a| a.is_official() || a == crate::model::Accuser::Employee)
}

/// The companies named as actors, once each in order of mention.
fn actor_companies(mentions: &[Mention]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions {
        if m.actor && !out.contains(&m.company) {
            out.push(m.company.clone());
        }
    }
    out
}

impl Sent {
    fn has_narration_words(&self) -> bool {
        self.has_narration()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(title: &str, text: &str) -> Findings {
        Extractor::builtin().extract(title, text)
    }

    #[test]
    fn a_sentence_starting_with_a_lower_case_name_is_its_own_and_its_companys_answer() {
        let f = extract(
            "Grok under scrutiny",
            "But Reuters reported that Grok was still generating sexualized images of people, including when users told the chatbot the people did not consent. xAI repeatedly responded to requests for comment that “Legacy Media Lies,” according to Reuters.",
        );
        let alleged: Vec<(&str, crate::model::Accuser)> =
            f.allegations.iter().map(|a| (a.text.as_str(), a.by)).collect();
        assert_eq!(alleged.len(), 1, "{alleged:?}");
        assert!(
            alleged[0].0.starts_with("But Reuters") && alleged[0].1 == crate::model::Accuser::Media,
            "{alleged:?}"
        );
        assert_eq!(f.allegations[0].against, ["xAI"]);
        assert!(
            f.responses
                .iter()
                .any(|r| r.company == "xAI" && r.text.starts_with("xAI repeatedly")),
            "{:?}",
            f.responses
        );
        assert!(f.no_response.is_empty());
    }

    #[test]
    fn companies_named_together_as_the_ones_speaking_each_respond() {
        let f = extract(
            "Male drivers sue Uber and Lyft",
            "Two male drivers sued Uber and Lyft on Monday, alleging that women-only ride matching discriminates against them. Yet, Uber and Lyft have maintained that the program was highly requested by women and that the goal is safety.",
        );
        let answering: Vec<(&str, Stance)> = f.responses.iter().map(|r| (r.company.as_str(), r.stance)).collect();
        assert!(
            answering.contains(&("Uber", Stance::Denial)) && answering.contains(&("Lyft", Stance::Denial)),
            "{answering:?}"
        );
        assert!(f.no_response.is_empty(), "{:?}", f.no_response);
        // A person of one company speaks for that company alone.
        let f = extract(
            "Male drivers sue Uber and Lyft",
            "Two male drivers sued Uber and Lyft on Monday, alleging discrimination. Lyft spokesperson Jane Roe said the program was highly requested.",
        );
        let answering: Vec<&str> = f.responses.iter().map(|r| r.company.as_str()).collect();
        assert_eq!(answering, ["Lyft"]);
        assert_eq!(f.no_response, ["Uber"]);
        // Named together as the accused, not as the ones speaking.
        let f = extract(
            "EU fines Google and Meta",
            "The European Commission fined Google and Meta for breaking competition rules; Meta said it would appeal.",
        );
        let answering: Vec<&str> = f.responses.iter().map(|r| r.company.as_str()).collect();
        assert_eq!(answering, ["Meta"]);
        assert_eq!(f.no_response, ["Google"]);
    }

    #[test]
    fn the_app_is_the_company_the_text_called_an_app_not_the_one_named_last() {
        let f = extract(
            "Regulator investigates X over deepfakes",
            "Grok is the chatbot inside Elon Musk’s X application.\n\n\
             Ofcom accused X of failing to stop sexualised images made with Grok.\n\n\
             Musk introduced Grok’s “Spicy Mode,” which generates adult content, last summer, and the app \
             claims that it takes “action against illegal content on X, including child sexual abuse \
             material, by removing it.”",
        );
        let companies: Vec<&str> = f.responses.iter().map(|r| r.company.as_str()).collect();
        assert_eq!(companies, ["X"], "{:?}", f.responses);
        assert!(f.no_response.is_empty(), "{:?}", f.no_response);
    }

    #[test]
    fn an_article_without_a_word_of_wrongdoing_or_an_accuser_names_its_companies_and_charges_none() {
        let text = "Starting on June 30, Yahoo and Tumblr accounts can no longer be reached through AT&T \
                    email addresses.\n\n\
                    “As part of the new corporate merger of Yahoo and Aol under the Oath brand, Yahoo \
                    accounts will no longer be accessible through AT&T email addresses,” Verizon said.";
        assert!(charges_nothing(text));
        let f = extract("Verizon changes how AT&T addresses reach Yahoo", text);
        assert!(f.allegations.is_empty() && f.responses.is_empty() && f.no_response.is_empty());
        for company in ["Verizon", "Yahoo", "AOL", "AT&T"] {
            assert!(
                f.companies.iter().any(|c| c == company),
                "{company} in {:?}",
                f.companies
            );
        }
        // A regulator, plaintiffs or a whistleblower may charge without a
        // word of wrongdoing; an outlet does not.
        assert!(!charges_nothing("The FTC’s case against Meta goes to trial in May."));
        assert!(!charges_nothing("A suit against Myspace was dismissed in 2009."));
        assert!(!charges_nothing(
            "Whistleblower Frances Haugen testified that Meta knew."
        ));
        assert!(charges_nothing(&format!(
            "{text} TechCrunch says it is a deal expiring."
        )));
    }

    #[rstest::rstest]
    #[case::a_cue("meta was sued on monday.", true)]
    #[case::a_stem("regulators are investigating meta.", true)]
    #[case::inside_a_word("the issue is the tissue.", false)]
    #[case::none("meta launched a headset.", false)]
    fn a_text_may_hold_a_cue_only_in_whole_words(#[case] text: &str, #[case] may: bool) {
        assert_eq!(allegations::may_hold_a_cue(text), may);
        assert!(may || allegations::cues_in(text).is_empty());
    }

    #[test]
    fn an_official_speaking_of_a_name_it_does_not_know_charges_that_name_not_the_company_before() {
        let f = extract(
            "Germany shuts down servers for Russian darknet marketplace Hydra",
            "Regulators fined Garantex, a cryptocurrency exchange, for laundering money.\n\n\
             Germany’s BKA and Central Office for Combatting Cybercrime (ZIT) say Hydra has the highest \
             turnover rate out of any illegal market in the world.",
        );
        let charged: Vec<&str> = f.allegations.iter().map(|a| a.text.as_str()).collect();
        assert!(charged.iter().all(|t| !t.contains("Hydra has")), "{charged:?}");
        assert!(charged.iter().any(|t| t.contains("fined Garantex")), "{charged:?}");
    }

    #[test]
    fn companies_in_the_plural_are_not_the_one_company_charged_before() {
        let text = |next: &str| {
            format!(
                "One afternoon last summer, Matthew Bergman sat on a bench outside a courtroom in Manhattan. \
                 Bergman was representing Nazario in a lawsuit against TikTok and Instagram, which alleges \
                 her son was “targeted, goaded and encouraged” to engage in subway surfing.\n\n\
                 Last week, the law center filed seven cases against OpenAI, three of which involved \
                 individuals who had allegedly been encouraged to commit suicide by ChatGPT. (The company \
                 did not respond to a request for comment.)\n\n\
                 To advance many of these cases, Bergman has deployed a strategy to circumvent Section 230. \
                 {next}"
            )
        };
        let against = |next: &str| -> Vec<Vec<String>> {
            extract("The Lawyer Suing Social-Media Companies On Behalf of Kids", &text(next))
                .allegations
                .iter()
                .filter(|a| a.text.starts_with("If the") || a.text.starts_with("The platforms"))
                .map(|a| a.against.clone())
                .collect()
        };
        let general = "If the platforms can’t be held responsible for the content they host, Bergman argues, \
                       they can instead be sued for alleged negligence in their design.";
        assert_eq!(against(general), Vec::<Vec<String>>::new());
        // The company in the singular is still the one charged before.
        let it = "If the company can’t be held responsible for the content it hosts, Bergman argues, \
                  it can instead be sued for alleged negligence in its design.";
        assert_eq!(against(it), [["OpenAI"]]);
        // And so are "the platforms" not said in general: they may be its own.
        let platforms = "The platforms, Bergman argues, can be sued for alleged negligence in their design.";
        assert_eq!(against(platforms), [["OpenAI"]]);
    }

    #[test]
    fn some_of_the_companies_speak_for_none_of_them_in_particular() {
        let text = |subject: &str| {
            format!(
                "Australia's eSafety regulator accused Reddit of failing to keep children off its site. \
                 “This law undermines everyone’s right to free expression,” Reddit said. \
                 {subject} also said they already have online safety features to protect children."
            )
        };
        let answers = |subject: &str| -> Vec<String> {
            extract("", &text(subject))
                .responses
                .iter()
                .map(|r| r.text.clone())
                .collect()
        };
        for subject in [
            "Several of the companies",
            "Some of the companies",
            "None of the companies",
        ] {
            let answers = answers(subject);
            assert!(
                !answers.iter().any(|a| a.starts_with(subject)),
                "{subject}: {answers:?}"
            );
            assert_eq!(answers.len(), 1, "{subject}: {answers:?}");
        }
        assert_eq!(answers("The company").len(), 2, "the company is Reddit");
    }

    #[rstest::rstest]
    #[case::the_magazine(
        "In June, TIME found that Google’s video model Veo 3 generated realistic clips that contained misleading or inflammatory information about news events.",
        crate::model::Accuser::Media
    )]
    #[case::researchers(
        "In June, researchers found that Google’s video model Veo 3 generated realistic clips that contained misleading or inflammatory information about news events.",
        crate::model::Accuser::Researcher
    )]
    #[case::the_magazines_analysis(
        "A TIME analysis found that Google’s video model Veo 3 generated realistic clips that contained misleading or inflammatory information about news events.",
        crate::model::Accuser::Media
    )]
    #[case::researchers_telling_the_magazine(
        "Researchers told TIME they found that Google’s video model Veo 3 generated realistic clips that contained misleading or inflammatory information about news events.",
        crate::model::Accuser::Researcher
    )]
    #[case::the_magazines_review(
        "TIME’s review found that Google’s video model Veo 3 generated realistic clips that contained misleading or inflammatory information about news events.",
        crate::model::Accuser::Media
    )]
    #[case::researchers_as_the_magazine_did(
        "Stanford researchers found that Google’s video model Veo 3 generated realistic clips that contained misleading information, as TIME found last year.",
        crate::model::Accuser::Researcher
    )]
    #[case::the_word_time(
        "At the time, researchers found that Google’s video model Veo 3 generated realistic clips that contained misleading or inflammatory information about news events.",
        crate::model::Accuser::Researcher
    )]
    fn what_time_found_the_magazine_found(#[case] text: &str, #[case] by: crate::model::Accuser) {
        let f = extract("", text);
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        assert_eq!(f.allegations[0].by, by);
    }

    #[rstest::rstest]
    #[case::a_foundation(
        "The Free Software Foundation has filed a copyright infringement lawsuit against Cisco alleging that the company broke the GPL.",
        crate::model::Accuser::Lawsuit
    )]
    #[case::a_group_suing(
        "Consumer Reports sued Cisco, saying its routers leaked data.",
        crate::model::Accuser::Lawsuit
    )]
    #[case::an_outlet_telling_of_a_suit(
        "His Klausner Technologies is suing Cisco and Verizon in a Texas court, Reuters reports.",
        crate::model::Accuser::Lawsuit
    )]
    #[case::a_firm_filing_cases(
        "Last week, the SMVLC filed seven cases against OpenAI, three of which involved people who had allegedly been encouraged to harm themselves by ChatGPT.",
        crate::model::Accuser::Lawsuit
    )]
    #[case::an_outlet_telling_of_a_charge(
        "Cisco's routers leaked customers' data for years, Reuters reports.",
        crate::model::Accuser::Media
    )]
    #[case::an_agency_suing(
        "The FTC sued Cisco, saying its routers leaked data.",
        crate::model::Accuser::Regulator
    )]
    #[case::a_group_saying(
        "Consumer Reports accused Cisco of misleading buyers about its routers.",
        crate::model::Accuser::Researcher
    )]
    fn whoever_sues_but_an_agency_is_a_plaintiff(#[case] text: &str, #[case] by: crate::model::Accuser) {
        let f = extract("", text);
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        assert_eq!(f.allegations[0].by, by);
    }

    #[rstest::rstest]
    #[case::name_then_noun(" application, following", Some("the app"))]
    #[case::possessive("’s app lets users", Some("the app"))]
    #[case::apposition(", the streaming service, said", Some("the service"))]
    #[case::apposition_with_a_modifier(", the platform formerly known as Twitter", Some("the platform"))]
    #[case::a_thing_inside_the_app(", the chatbot within Elon Musk’s X application", None)]
    #[case::another_thing(" app store rules", None)]
    #[case::no_article(", platform owners say", None)]
    #[case::nothing(" said on Monday", None)]
    fn a_noun_right_after_a_company_ties_an_anaphor_to_it(#[case] after: &str, #[case] want: Option<&str>) {
        assert_eq!(described_as(after), want);
    }

    #[test]
    fn a_quotation_goes_on_charging_only_where_it_says_something_against_someone() {
        let f = extract(
            "",
            "New Mexico Attorney General Raul Torrez sued Meta in December. \
             “Meta knowingly exposed children to predators,” Torrez said. \
             “It enraged me. They knew what was happening. This is not a game. Three years to twelve years. \
             It is creepy. This has no place in America. It felt awful. And the company knew.”",
        );
        let charges: Vec<&str> = f.allegations.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            charges,
            [
                "New Mexico Attorney General Raul Torrez sued Meta in December.",
                "“Meta knowingly exposed children to predators,” Torrez said.",
                "They knew what was happening.",
                "This is not a game.",
                "It is creepy.",
                "This has no place in America.",
                "It felt awful.",
                "And the company knew.”",
            ]
        );
        // From the company's own staff, "we" is the company.
        let f = extract(
            "",
            "The lawsuit says Meta knew its products were addictive. “Oh my gosh yall IG is a drug,” one of \
             the company’s user-experience researchers allegedly wrote to a colleague. “We’re basically pushers.”",
        );
        assert!(
            f.allegations.iter().any(|a| a.text == "“We’re basically pushers.”"),
            "{:?}",
            f.allegations
        );
    }

    #[test]
    fn direction_matters() {
        let f = extract(
            "",
            "Epic Games accused Apple of abusing its dominance in app distribution.",
        );
        assert_eq!(f.allegations.len(), 1);
        assert_eq!(f.allegations[0].against, vec!["Apple"]);
        let f = extract("", "The FTC sued Meta in 2020. Meta accused the FTC of overreach.");
        assert_eq!(f.allegations.len(), 1);
        assert_eq!(f.responses.len(), 1);
        assert_eq!(f.responses[0].company, "Meta");
        assert_eq!(f.responses[0].stance, Stance::Denial);
    }

    #[test]
    fn a_plaintiff_vowing_to_appeal_its_own_case_answers_no_charge() {
        let f = extract(
            "Google Vows to Appeal Court Order Over Content Removal",
            "Google said it plans to appeal a court's decision to dismiss its case against a government portal. \
             “We will appeal this order to defend free expression,” the statement concluded. \
             Regulators said last year that Google violated competition law. \
             Google said it would appeal that decision too.",
        );
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        let answers: Vec<&str> = f.responses.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(answers, ["Google said it would appeal that decision too."]);
        // Charged first, the company's suit against its accuser is its answer.
        let f = extract(
            "",
            "Regulators said Google violated competition law. Google said it will appeal, and its case against the regulator opens in May.",
        );
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
    }

    #[test]
    fn a_company_reacting_to_a_bill_is_not_answering_the_charge() {
        let f = extract(
            "",
            "A court ordered TikTok to remove the videos. TikTok said it would appeal. \
             Months later, TikTok criticized the government after it introduced legislation on age checks. \
             “A step backwards for privacy,” a TikTok spokesperson said in response.",
        );
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        let answers: Vec<&str> = f.responses.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(answers, ["TikTok said it would appeal."]);
    }

    #[test]
    fn a_security_firm_finding_a_flaw_charges_the_maker() {
        let f = extract(
            "",
            "Perplexity’s browser leaked users’ emails, according to research by the cybersecurity firm LayerX. \
             It is a sign of things to come. \
             LayerX discovered a vulnerability in which a hidden prompt takes over the browser’s assistant.",
        );
        let found: Vec<(&str, &[String], &str)> = f
            .allegations
            .iter()
            .map(|a| (a.text.as_str(), a.against.as_slice(), a.by.as_str()))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].0.starts_with("LayerX discovered"));
        assert_eq!(found[1].1, ["Perplexity"]);
        assert_eq!(found[1].2, "researcher");
    }

    #[rstest::rstest]
    #[case::undecided_ruling(
        "Musk alleges that OpenAI defrauded him. Whichever way the judge ultimately rules, the case promises to be a bonanza for lovers of OpenAI lore."
    )]
    #[case::undecided_case("Whatever the outcome of the case against Google, the trial will be long.")]
    #[case::a_price_charged(
        "Developers May Soon Be Able to Automatically Charge Apple Users for Subscription Price Increases"
    )]
    #[case::a_fraud_on_the_company("The pair defrauded Apple of $1.5 million, prosecutors said.")]
    #[case::a_fraud_told_by_the_indictment(
        "It was reported that two scammers used devices stolen from Apple stores to make fraudulent gift cards. \
         The scheme was repeated, allowing the pair to defraud Apple out of $1.5 million, according to the indictment."
    )]
    #[case::a_feature_that_tracks(
        "Bloomberg reported that the new AirPods Pro from Apple would feature motion sensors for fitness tracking capabilities."
    )]
    #[case::a_fee_charged("Critics say Uber charges a $5 fee on every ride.")]
    #[case::hard_to_sue(
        "The attorney general’s lawsuit alleges that Snap harmed teens. “We disagree,” a Snap spokesperson said. \
         It’s notoriously difficult to sue social-media companies."
    )]
    #[case::worth_suing(
        "The Kin phone was a commercial failure, but Microsoft and Verizon are two big companies worth suing for infringement."
    )]
    fn a_charge_nobody_has_made_is_no_allegation(#[case] text: &str) {
        let f = extract("", text);
        let made: Vec<&str> = f.allegations.iter().map(|a| a.text.as_str()).collect();
        assert!(made.iter().all(|t| t.contains("alleges")), "{made:?}");
    }

    #[rstest::rstest]
    #[case::a_rival_measured_against(
        "OpenAI Removed Safeguards Before Teen’s Suicide, Amended Lawsuit Claims\n\
         The family’s lawsuit accuses OpenAI of relaxing its safeguards, says Jay Edelson, one of the family’s lawyers. \
         “They did a week of testing instead of months of testing, and the reason they did that was they wanted to beat Google Gemini,” says Edelson.",
        "beat Google",
        "Google"
    )]
    #[case::a_company_compared(
        "Of course, the Dex salesperson allegedly did far more in encouraging the falsity than Google would likely do.",
        "Dex",
        "Google"
    )]
    #[case::rivals_given_as_examples(
        "This early controversy around advertising probably also led most of Bloglines' competitors like Newsgator or Google Reader to shy away from putting ads on their services.",
        "controversy",
        "Google"
    )]
    #[case::a_plaintiff_in_a_clause_of_its_own(
        "Quartet targeted by clients of Israeli company even after Apple sued in November.",
        "Quartet",
        "Apple"
    )]
    #[case::the_owner_of_rules_broken(
        "The clause of Apple's software developers kit that Murderdrome violated, according to Fortune, bars offensive content.",
        "clause",
        "Apple"
    )]
    #[case::the_owner_of_servers_misused(
        "The facts elicited at trial demonstrated the illogic of the government's argument that Lori Drew made unauthorized uses of MySpace's servers.",
        "facts",
        "MySpace"
    )]
    #[case::the_owner_of_patents_infringed(
        "The startup infringed Nokia's patents, the complaint says.",
        "startup",
        "Nokia"
    )]
    #[case::a_person_accused(
        "Turk, now the subject of legal proceedings in London accusing him of embezzling almost £40m, was then working for Goldman Sachs.",
        "Turk",
        "Goldman Sachs"
    )]
    #[case::authorities_slammed(
        "Indonesia suspended TikTok's operating license after the company failed to hand over data, regulators said. \
         The group also slammed how authorities arrested some social media users and activists for purportedly inciting violence.",
        "authorities",
        "TikTok"
    )]
    #[case::a_party_the_reader_does_not_know(
        "Google was sued over its ads last year, the complaint said. \
         This is a collateral lawsuit to Sefton v. Eyeblaster alleging that Eyeblaster distributed spyware.",
        "Eyeblaster",
        "Google"
    )]
    #[case::a_former_employee_accused(
        "A former Google employee, Levandowski is accused of stealing trade secrets.",
        "Levandowski",
        "Google"
    )]
    #[case::its_users_acting(
        "In early September, Jakarta police alleged that some TikTok users purposefully broadcast live during the violence.",
        "Jakarta",
        "TikTok"
    )]
    #[case::its_users_acting_after_a_charge(
        "Indonesia suspended TikTok's license after the company failed to hand over data, regulators said. \
         In early September, Jakarta police alleged that some TikTok users purposefully broadcast live during the violence.",
        "Jakarta",
        "TikTok"
    )]
    #[case::the_one_paid_restitution(
        "The pair pled guilty to wire fraud. According to the U.S. Attorney's Office, they were sentenced to 13 years in prison and ordered to pay $1.26 million in restitution to Apple.",
        "restitution",
        "Apple"
    )]
    #[case::the_one_paid_damages(
        "A jury found Samsung infringed the patents and ordered it to pay Apple $539 million.",
        "jury",
        "Apple"
    )]
    #[case::examples_of_those_a_leak_touched(
        "Sen told TechCrunch that the exposed database included the contents of text messages sent to users, \
         including one-time passcodes for some of the world's largest tech companies, including Facebook and \
         WhatsApp, Google, TikTok, and others.",
        "exposed",
        "Meta"
    )]
    #[case::the_one_who_brought_the_suit("Google settled a lawsuit filed by Verizon.", "settled", "Verizon")]
    #[case::the_one_who_brought_the_suit_paid(
        "Google agreed to pay $10 million to settle a lawsuit brought by Verizon.",
        "settle",
        "Verizon"
    )]
    fn a_company_named_beside_a_charge_is_not_always_charged(
        #[case] text: &str,
        #[case] sentence: &str,
        #[case] company: &str,
    ) {
        let f = extract("", text);
        let charged: Vec<(&str, &[String])> = f
            .allegations
            .iter()
            .filter(|a| a.text.contains(sentence))
            .map(|a| (a.text.as_str(), a.against.as_slice()))
            .collect();
        assert!(
            charged.iter().all(|(_, against)| !against.iter().any(|c| c == company)),
            "{charged:?}"
        );
    }

    #[rstest::rstest]
    #[case::its_servers_misused_by_it(
        "MySpace's servers made unauthorized copies of the songs, the lawsuit says.",
        "MySpace"
    )]
    #[case::its_rules_break_the_law("Apple's terms violate the Digital Markets Act, the Commission said.", "Apple")]
    #[case::its_rules_that_break_the_law(
        "Apple's rules, which violate the law, must change, the Commission said.",
        "Apple"
    )]
    #[case::its_founder_accused(
        "He, the founder and CEO of Chinese physical AI firm XPeng, had just debuted his new robot, whose swagger was so human that netizens accused him of faking the demonstration.",
        "XPeng"
    )]
    #[case::companies_whose_drivers_sue(
        "Male drivers for Uber and Lyft are suing the companies over a feature.",
        "Lyft"
    )]
    #[case::a_company_whose_drivers_sued("Drivers for Uber sued the company over pay.", "Uber")]
    #[case::its_drivers_wronged("The regulator alleged that Uber drivers were underpaid.", "Uber")]
    #[case::its_users_surveyed(
        "The plaintiffs say Meta knew. In 2018, company researchers surveyed 20,000 Facebook users in the U.S. and found that 58% had some level of problematic use, the complaint says.",
        "Meta"
    )]
    #[case::its_employee_accusing("A former Google employee accused the company of retaliation.", "Google")]
    #[case::its_rival_accused("Samsung accused its rival Apple of copying the design.", "Apple")]
    #[case::the_one_compared_against("The lawsuit says Uber charged riders more than Lyft did.", "Uber")]
    #[case::the_one_ordered_to_pay(
        "A jury ordered Apple to pay Masimo $634 million for infringing its patents.",
        "Apple"
    )]
    #[case::paying_its_fees(
        "The lawsuit says developers are forced to pay Apple’s unlawful 30% commission.",
        "Apple"
    )]
    #[case::paid_what_it_charges("The lawsuit says developers are forced to pay Apple a 30% commission.", "Apple")]
    #[case::examples_of_those_fined(
        "Regulators said they fined companies including Meta and Google for breaking the law.",
        "Google"
    )]
    #[case::sued_by_its_shareholders(
        "A class action filed by Tesla shareholders accuses the company of misleading investors.",
        "Tesla"
    )]
    fn a_company_beside_those_rules_still_carries_its_own_charge(#[case] text: &str, #[case] company: &str) {
        let f = extract("", text);
        assert!(
            f.allegations.iter().any(|a| a.against.iter().any(|c| c == company)),
            "{:?}",
            f.allegations
        );
    }

    #[test]
    fn an_outlet_reporting_a_regulator_looking_into_the_issue_carries_the_charge_on() {
        let f = extract(
            "",
            "Ofcom is investigating X over the images. \
             Euronews reported in early January that the European Commission was “very seriously” looking into the issue.",
        );
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
        assert_eq!(f.allegations[1].against, ["X"]);
        assert_eq!(f.allegations[1].by, crate::model::Accuser::Regulator);
    }

    #[test]
    fn staff_speak_as_employees_and_where_founders_once_worked_is_biography() {
        let f = extract(
            "",
            "Agari’s technology, which was developed by former Cisco employees, protects brands against phishing and other fraud.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        let f = extract(
            "",
            "Asana was founded by early Facebook employee Justin Rosenstein, who once ran a fraud team.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        for text in [
            "Former employees said Cisco covered up fraud in its sales team.",
            "Former Cisco employees said the company covered up fraud in its sales team.",
        ] {
            let f = extract("", text);
            assert_eq!(f.allegations.len(), 1, "{text}: {:?}", f.allegations);
            assert_eq!(f.allegations[0].by, crate::model::Accuser::Employee);
            assert_eq!(f.allegations[0].against, ["Cisco"]);
            assert!(f.responses.is_empty(), "{:?}", f.responses);
        }
    }

    #[test]
    fn the_platform_that_did_not_respond_is_the_one_just_named() {
        let f = extract(
            "",
            "Regulators fined X over the deepfakes. Users found fake accounts in her name. \
             OnlyFans prohibits impersonation accounts. The platform did not respond to a request for comment.",
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        assert_eq!(f.no_response, ["X"]);
        let f = extract(
            "",
            "Regulators fined TikTok in May. Last week, the families filed seven cases against OpenAI. \
             (The company did not respond to a request for comment.)",
        );
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
        assert_eq!(f.responses[0].company, "OpenAI");
    }

    #[test]
    fn a_lawsuit_not_filed_does_not_make_critics_plaintiffs() {
        let f = extract(
            "",
            "No lawsuit has been filed. Yet users allege that Facebook copied the news feed.",
        );
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        assert_eq!(f.allegations[0].by, crate::model::Accuser::Critic);
    }

    #[test]
    fn a_business_setback_is_no_wrong() {
        let f = extract(
            "",
            "Amazon is buying the assets of Quidsi after its failure to raise additional funding, according to earlier reports.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        let f = extract("", "Regulators said Amazon failed to protect customer data.");
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
    }

    #[test]
    fn the_alleged_wrongs_right_after_a_charge_go_on_with_it() {
        let f = extract(
            "",
            "Regulators said Apple hid reports of burns from the watch. \
             Many of the alleged injuries occurred while users slept.",
        );
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
        assert_eq!(f.allegations[1].against, ["Apple"]);
        assert_eq!(f.allegations[1].by, f.allegations[0].by);
        // Not when the charge was further back.
        let f = extract(
            "",
            "Regulators said Apple hid the burns. The watch sold well. Reviewers liked it. \
             Many of the alleged injuries occurred while users slept.",
        );
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
    }

    #[rstest::rstest]
    #[case::headline("Google Launches Gmail App For iPhone, Faces Instant Backlash", "")]
    #[case::coordinated("", "Meta launched a new app for the iPhone, and faced criticism from parents.")]
    fn who_faces_a_charge_is_the_subject_of_the_coordinated_verbs(#[case] title: &str, #[case] text: &str) {
        let f = extract(title, text);
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        assert_ne!(f.allegations[0].against, ["Apple"]);
        assert_eq!(f.allegations[0].against.len(), 1);
    }

    #[test]
    fn a_brief_is_the_lawsuit_speaking() {
        let f = extract(
            "",
            "Families sued Meta last year. Meta employees proposed ways to reduce the harm, according to the brief, but were blocked by executives.",
        );
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
        assert_eq!(f.allegations[1].by, crate::model::Accuser::Lawsuit);
        // The company's own words as the brief reports them are the charge, not its answer.
        let f = extract(
            "",
            "Families sued Meta last year. Meta researchers had determined that hiding likes would help teens, according to the plaintiffs’ brief.",
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
    }

    #[test]
    fn a_charge_and_the_answer_in_one_sentence_are_both_found() {
        let f = extract(
            "",
            "Prosecutors opened a probe into Meta in May. After the police became involved in July to look into alleged fraud, Meta argued that the probe “undermines our right to due process.”",
        );
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
        assert_eq!(f.allegations[1].against, vec!["Meta"]);
        assert_eq!(f.allegations[1].by, crate::model::Accuser::Regulator);
        assert_eq!(f.responses.len(), 1);
        assert_eq!(f.responses[0].text, f.allegations[1].text);
        assert_eq!(f.responses[0].stance, Stance::Denial);
    }

    #[test]
    fn a_headline_with_the_answer_and_the_raid_it_answers_holds_both() {
        let f = extract(
            "‘A Political Attack’: Google Responds After French Prosecutors Raid Google Offices",
            "Google called the raid an abuse.",
        );
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        assert_eq!(f.allegations[0].by, crate::model::Accuser::Regulator);
        assert_eq!(
            f.responses.first().map(|r| r.text.as_str()),
            Some(f.allegations[0].text.as_str())
        );
    }

    #[test]
    fn a_charge_quoted_in_the_companys_denial_is_an_allegation_by_its_maker() {
        let f = extract(
            "",
            "Prosecutors opened a probe into Google. Taking aim at Jean Dupont, a lawmaker who pushed for the probe, Google said: “Mr. Dupont has accused Google of rigging its search results, an allegation which is completely false.”",
        );
        let quoted = f.allegations.iter().find(|a| a.text.contains("Dupont has accused"));
        assert_eq!(
            quoted.map(|a| a.by),
            Some(crate::model::Accuser::Lawmaker),
            "{:?}",
            f.allegations
        );
        assert!(
            f.responses
                .iter()
                .any(|r| r.text.contains("Dupont has accused") && r.stance == Stance::Denial)
        );
    }

    #[test]
    fn someone_calling_the_charge_an_attack_defends_the_charged_in_their_whole_quotation() {
        let f = extract(
            "EU fines X",
            "The European Commission fined X on Friday for deceiving users.\n\
             “The fine isn’t just an attack on X, it’s an attack on all American tech platforms. \
             The days of censoring Americans online are over,” Secretary of State Marco Rubio said.\n\
             Senator Jane Roe called the fine an attack on X.\n\
             Uber faces lawsuits, harassment claims and a federal probe.\n\
             Regulators said the fine was deserved because X deceived users.",
        );
        let charges: Vec<&str> = f.allegations.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            charges,
            vec![
                "EU fines X",
                "The European Commission fined X on Friday for deceiving users.",
                "Uber faces lawsuits, harassment claims and a federal probe.",
                "Regulators said the fine was deserved because X deceived users."
            ]
        );
    }

    #[test]
    fn the_writer_telling_of_officials_calling_the_fine_an_attack_charges_nobody() {
        let f = extract(
            "EU fines X",
            "The European Commission fined X on Friday for deceiving users.\n\
             “We are here to make sure that our digital legislation is enforced,” the European Commission’s tech \
             chief, Henna Virkkunen, said Friday.\n\
             TIME has reached out to X for comment.\n\
             America and Musk vs Europe\n\
             But Trump Administration officials have spent the last few days sounding off on social media, \
             painting the fine as part of a larger attack on the American tech industry and on free speech.",
        );
        assert!(
            f.allegations.iter().all(|a| !a.text.contains("painting")),
            "{:?}",
            f.allegations
        );
    }

    #[test]
    fn an_accuser_calling_what_a_company_does_damning_charges_it() {
        let against = |text: &str| -> Vec<(String, Vec<String>)> {
            extract("", text)
                .allegations
                .into_iter()
                .map(|a| (a.text, a.against))
                .collect()
        };
        let ring = "Amazon’s Ring will let doorbells recognise faces, the company said on Tuesday. ";
        let charged = against(&format!(
            "{ring}The Electronic Frontier Foundation called the practice “a surveillance nightmare.”"
        ));
        assert_eq!(charged.len(), 1, "{charged:?}");
        assert_eq!(charged[0].1, vec!["Amazon"]);
        // The company whose plan it is, when the sentence names it.
        let both = "Google launched a new ad tool on Tuesday, and Meta changed its feed. ";
        assert_eq!(
            against(&format!("{both}Critics called Meta’s plan dangerous.")),
            vec![(
                "Critics called Meta’s plan dangerous.".to_owned(),
                vec!["Meta".to_owned()]
            )]
        );
        // Praise, or the company's own words, charge nobody.
        assert!(against(&format!("{ring}Analysts called the feature a win for shareholders.")).is_empty());
        assert!(against(&format!("{ring}Amazon called the feature optional and safe.")).is_empty());
    }

    #[test]
    fn a_charge_on_other_companies_is_not_the_named_ones() {
        let against =
            |text: &str| -> Vec<Vec<String>> { extract("", text).allegations.into_iter().map(|a| a.against).collect() };
        assert!(
            against(
                "The new constitution is a creation of Anthropic, an outlier at a time when many other tech \
                 companies have doubled down on building addictive products."
            )
            .is_empty()
        );
        assert_eq!(
            against("Critics say Meta and other tech companies build addictive products."),
            vec![vec!["Meta".to_owned()]]
        );
    }

    #[test]
    fn a_name_that_spells_a_cue_charges_nobody() {
        let charged = |text: &str| !extract("Meta app", text).allegations.is_empty();
        assert!(!charged(
            "Meta launched an app on Monday. Researcher Jane Hurt said the Meta app was popular with teens."
        ));
        assert!(charged(
            "Meta launched an app on Monday. Critics said the Meta app hurt teens."
        ));
    }

    #[test]
    fn an_officials_plain_words_about_a_company_charge_it_only_in_a_matter_of_charges() {
        let charged = |text: &str| !extract("Data center", text).allegations.is_empty();
        assert!(!charged(
            "Oracle is building a data center in Abilene. Mayor Tom Reyes said Oracle’s data center brought jobs to the city."
        ));
        assert!(charged(
            "Oracle is building a data center in Abilene. Mayor Tom Reyes said Oracle’s data center broke the city’s rules."
        ));
        assert!(charged(
            "German authorities shut down the servers of the darknet marketplace Hydra, seizing €23 million, \
             the Federal Crime Police Office announced on Tuesday."
        ));
        // Quoted, as said.
        let duffy = "Transportation Secretary Sean Duffy said: “So, I’m going to open up the contract. \
                     I’m going to let other space companies compete with SpaceX.”";
        assert!(!charged(&format!("NASA delayed its moon mission again. {duffy}")));
        assert!(charged(
            "Regulators fined SpaceX over launch safety. “We expect SpaceX to follow the rules,” Secretary Sean Duffy said."
        ));
    }

    #[test]
    fn a_person_charged_is_not_the_company_named_beside_them() {
        let charged = |text: &str| extract("News", text).allegations;
        assert!(charged("A teenager was charged with hacking Microsoft servers, police said.").is_empty());
        assert!(
            charged("A Thai man has been jailed for 35 years for Facebook posts deemed insulting to the king, a watchdog said.")
                .is_empty()
        );
        let company = charged("Microsoft was charged with hiding a breach, prosecutors said.");
        assert_eq!(company.len(), 1, "{company:?}");
    }

    /// Words and marks the rules cut clauses at, in any order: extraction
    /// returns whatever the text, outside preparation's panic guard, and
    /// every finding names whom it charges or who answers.
    fn clause_soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop_oneof![
            proptest::sample::select(vec![
                "If",
                "if",
                "When",
                "After",
                "Last",
                "month",
                "Two",
                "weeks",
                "ago",
                "Meta",
                "Google",
                "X",
                "Grok",
                "FTC",
                "the",
                "company",
                "company’s",
                "its",
                "it",
                "and",
                "that",
                "which",
                "said",
                "says",
                "accused",
                "sued",
                "fined",
                "cited",
                "laws",
                "criminal",
                "record",
                "according",
                "to",
                "figures",
                "replaced",
                "fixed",
                "by",
                "would",
                "ban",
                "bill",
                "will",
                "be",
                "failure",
                "Doug",
                "Ford",
                "Delta",
                "$3M",
                "3M",
                "users",
                "—",
                "–",
                "(",
                ")",
                ",",
                ";",
                ":",
                "“",
                "”",
                "\"",
                "’s",
                ".",
                "?",
                "\n",
            ])
            .prop_map(str::to_owned),
            "\\PC{0,6}",
        ];
        proptest::collection::vec((word, proptest::bool::ANY), 0..48).prop_map(|words| {
            words
                .into_iter()
                .map(|(w, space)| if space { format!("{w} ") } else { w })
                .collect()
        })
    }

    #[test]
    fn a_parenthetical_verb_right_after_an_openers_comma_is_read() {
        // The clause after the opener starts at the speaker: nothing before
        // it in that clause was said.
        let f = extract("Meta in court", "The FTC sued Meta. If the case fails, critics said.");
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
    }

    proptest::proptest! {
        #[test]
        fn extraction_returns_whatever_the_clauses(title in clause_soup(), text in clause_soup()) {
            let f = extract(&title, &text);
            proptest::prop_assert!(f.allegations.iter().all(|a| !a.text.is_empty() && !a.against.is_empty()));
            proptest::prop_assert!(f.responses.iter().all(|r| !r.text.is_empty() && !r.company.is_empty()));
        }
    }

    #[test]
    fn a_condition_the_sentence_opens_with_is_not_who_acts_after_it() {
        let charges = |text: &str| -> Vec<String> {
            extract("The Woman Who Got YouTube Banned for Teens in Australia", text)
                .allegations
                .into_iter()
                .map(|a| a.text)
                .collect()
        };
        let suit = "More than 1,800 plaintiffs are suing YouTube, alleging that it pursued growth at all costs.";
        let f = charges(&format!(
            "{suit} Some experts point to gaming subcultures. If Australia’s new provisions don’t succeed, it will \
             be the biggest and most public failure to engineer a solution to these problems to date."
        ));
        assert!(
            f.contains(&suit.to_owned()) && !f.iter().any(|a| a.starts_with("If")),
            "{f:?}"
        );
        let f = charges(&format!(
            "{suit} Some experts point to gaming subcultures. After Australia’s regulator looked into it, it \
             fined YouTube for failing to verify ages."
        ));
        assert!(f.iter().any(|a| a.starts_with("After")), "{f:?}");
        // An opener with an aside in it still leaves its subject charged.
        let f = extract(
            "Uber in court",
            "When Uber, the ride-hailing company, was sued by its drivers, the case went to trial.",
        );
        assert_eq!(
            f.allegations.iter().map(|a| a.against.clone()).collect::<Vec<_>>(),
            [["Uber"]],
            "{:?}",
            f.allegations
        );
    }

    #[test]
    fn a_companys_own_figures_are_a_source_not_its_answer() {
        let sued = "Uber has been sued by hundreds of riders who say drivers assaulted them.";
        for figures in [
            "According to Uber’s most recent U.S. Safety Report, they received 2,717 reports of serious sexual \
             assault or misconduct in 2024.",
            "And Uber is operating at a $5 billion loss, according to the company’s 2024 figures.",
        ] {
            let f = extract("Uber faces lawsuits over assaults", &format!("{sued} {figures}"));
            assert!(f.responses.is_empty(), "{figures}: {:?}", f.responses);
        }
        let f = extract(
            "Uber faces lawsuits over assaults",
            &format!("{sued} According to the company’s statement, it denies the claims."),
        );
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
    }

    #[test]
    fn a_passive_without_its_verb_is_no_position_taken() {
        let answers = |last: &str| {
            extract(
                "OpenAI’s turbulent year",
                &format!("Musk sues OpenAI, alleging that it abandoned its mission. {last}"),
            )
            .responses
        };
        let f = answers(
            "The following day, Altman is reinstated and the board replaced, prompting questions about the \
             nonprofit’s control over its for-profit subsidiary.",
        );
        assert!(f.is_empty(), "{f:?}");
        let f = answers("OpenAI replaced its board, the company said.");
        assert_eq!(f.len(), 1, "{f:?}");
        let f = answers("OpenAI replaced its board.");
        assert_eq!(f.len(), 1, "{f:?}");
        let f = answers("The app had 12 flaws, all of which OpenAI has since fixed.");
        assert_eq!(f.len(), 1, "{f:?}");
        // A dash sets off an aside before the object.
        let f = extract(
            "Why Indonesia Suspended—Then Un-Suspended—TikTok’s Operating License",
            "The ministry said TikTok had failed to hand over data.",
        );
        assert!(
            f.allegations.iter().any(|a| a.text.starts_with("Why")),
            "{:?}",
            f.allegations
        );
    }

    #[test]
    fn companies_beyond_tech_are_known_by_their_names_and_products() {
        let f = extract(
            "TIME Best Inventions Hall of Fame",
            "In 2014, Merck paid $100 million to settle lawsuits about the potential for blood clots when using \
             the NuvaRing.",
        );
        assert_eq!(f.companies, ["Merck"]);
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
        let f = extract(
            "Airlines",
            "Boeing and Delta Air Lines were sued. Delta said it would fight; Ford’s Jim Farley declined to comment.",
        );
        assert_eq!(f.companies, ["Boeing", "Delta Air Lines", "Ford"]);
        // Names that are also words or numbers need a sign of the company.
        for (text, not) in [
            ("Ontario Premier Doug Ford said Tesla must pay the tariff.", "Ford"),
            ("Actor Harrison Ford sued Meta over a fake advert.", "Ford"),
            (
                "Hospitals saw a surge as the Delta variant spread, and Meta was fined.",
                "Delta Air Lines",
            ),
            ("Meta agreed to pay a $3M settlement to 3M users.", "3M"),
        ] {
            let f = extract("News", text);
            assert!(!f.companies.iter().any(|c| c == not), "{text}: {:?}", f.companies);
        }
        let f = extract(
            "News",
            "Delta said the outage cost it $500 million, and Delta sued CrowdStrike.",
        );
        assert!(f.companies.iter().any(|c| c == "Delta Air Lines"), "{:?}", f.companies);
        // A capitalised word before is a given name, not an article's "The".
        let f = extract("News", "* The Blizzard v. MDY case has reached a settlement.");
        assert!(f.companies.iter().any(|c| c == "Microsoft"), "{:?}", f.companies);
        let f = extract("News", "Snap has introduced an ASL Alphabet Lens for its users.");
        assert!(!f.companies.iter().any(|c| c == "Google"), "{:?}", f.companies);
    }

    #[test]
    fn an_accusation_after_a_time_an_aside_or_an_and_it_is_still_made() {
        use crate::model::Accuser;
        let charges = |text: &str| -> Vec<(Vec<String>, Accuser)> {
            extract(
                "Meta and its critics in Indonesia",
                &format!("The case against Meta goes on. {text}"),
            )
            .allegations
            .into_iter()
            .filter(|a| !a.text.starts_with("The case"))
            .map(|a| (a.against, a.by))
            .collect()
        };
        let meta = |by: Accuser| (vec!["Meta".to_owned()], by);
        for time in ["Last month", "Two weeks ago", "At the time", "On Tuesday"] {
            let f = charges(&format!("{time}, critics accused Meta of censorship."));
            assert_eq!(f, [meta(Accuser::Critic)], "{time}");
        }
        let f = charges("Critics accused Meta—Facebook’s parent company—of censorship, and it said nothing.");
        assert_eq!(f, [meta(Accuser::Critic)]);
        let f = charges(
            "The country’s court ruled that the government may block the internet. Last month, digital rights \
             group SAFEnet raised concerns that social media companies in Indonesia have imposed heavy \
             restrictions, and it accused Meta—Facebook’s parent company—of taking down protest content.",
        );
        assert_eq!(f, [meta(Accuser::Critic)]);
        // One dash after a closing attribution ends it.
        let f = extract(
            "Meta and its critics",
            "The FTC sued Meta over its apps. The claims are baseless, Meta said — a line it has used before.",
        );
        assert!(f.responses.iter().any(|r| r.company == "Meta"), "{:?}", f.responses);
        // The group heads the sentence; the country is in what it said.
        let f = charges(
            "The country’s court ruled that the government may block the internet. Last month, digital rights \
             group Southeast Asia Freedom of Expression Network (SAFEnet) raised concerns that social media \
             companies in Indonesia have imposed “heavy restrictions and excessive content moderation” in light \
             of the country’s protests, and it accused Meta—Facebook’s parent company—of taking down \
             protest-related content on its platforms.",
        );
        assert_eq!(f, [meta(Accuser::Critic)]);
    }

    #[test]
    fn a_charge_on_a_class_does_not_take_on_the_one_before() {
        let f = extract(
            "Germany shuts down servers for Russian darknet marketplace",
            "Last year, German authorities shut down the darknet marketplace DarkMarket. Authorities across the \
             world have long been trying to crack down on illegal marketplaces, taking down Silk Road, Wall \
             Street Market, and AlphaBay over the course of several years.",
        );
        let texts: Vec<&str> = f.allegations.iter().map(|a| a.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.starts_with("Last year")), "{texts:?}");
        assert!(!texts.iter().any(|t| t.starts_with("Authorities")), "{texts:?}");
    }

    #[test]
    fn a_persons_criminal_record_told_by_the_writer_charges_no_company() {
        let charged = |text: &str| extract("Wikipedia Co-founder Jimmy Wales on Rebuilding Trust", text).allegations;
        let about = "Musk fans have lauded Grokipedia for its “nuance and detail” in entries on topics like \
                     George Floyd’s death.\n";
        let told = charged(&format!(
            "{about}Grokipedia’s article foregrounds Floyd’s criminal record in its opening lines, \
             mentioning his murder by a police officer only later."
        ));
        assert!(told.is_empty(), "{told:?}");
        let conduct = charged(&format!(
            "{about}Prosecutors said xAI’s criminal conduct went on for years."
        ));
        assert_eq!(conduct.len(), 1, "{conduct:?}");
    }

    #[test]
    fn a_case_caption_charges_its_second_party_not_its_first() {
        let against = |text: &str| -> Vec<Vec<String>> {
            extract("News", text)
                .allegations
                .into_iter()
                .map(|a| a.against)
                .collect()
        };
        assert_eq!(
            against("Yahoo, Inc. v. American Airlines, Inc., C08-05308 (N.D. Cal. complaint filed Nov. 21, 2008)."),
            vec![vec!["American Airlines".to_owned()]]
        );
        assert_eq!(
            against("Priest v. Google, 1:2008cv12056 (D. Mass. complaint filed Dec. 11, 2008)."),
            vec![vec!["Google".to_owned()]]
        );
    }

    #[test]
    fn a_sentence_telling_the_charge_answers_for_the_company_only_when_it_says_how() {
        let f = extract(
            "News",
            "Regulators fined Tesla over safety on Monday. But here is what two Tesla insiders claim: \
             after the layoffs, some workers threatened to sue the company.",
        );
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        // Saying how (a recall is an acknowledgement) keeps it.
        let f = extract(
            "News",
            "Regulators fined Tesla over safety on Monday. But here is what two Tesla insiders claim: \
             after the recall, some workers threatened to sue the company.",
        );
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
    }

    #[test]
    fn people_working_for_a_company_who_sue_it_charge_it() {
        let verdicts = |text: &str| -> Vec<String> {
            Extractor::builtin()
                .explain("News", text)
                .into_iter()
                .map(|r| r.verdict)
                .collect()
        };
        let workers = verdicts("Workers at Amazon are suing the company over pay.");
        assert!(
            workers
                .iter()
                .any(|v| v.contains("allegation by employee against Amazon")),
            "{workers:?}"
        );
        let drivers = verdicts("Male drivers for Uber and Lyft are suing the companies over a feature.");
        assert!(drivers.iter().any(|v| v.contains("against Uber, Lyft")), "{drivers:?}");
        assert!(!drivers.iter().any(|v| v.contains("counter-accusation")), "{drivers:?}");
    }

    #[test]
    fn a_person_running_several_companies_speaks_for_the_one_at_issue() {
        let f = extract(
            "",
            "Regulators in the EU fined X and opened a probe into the startup xAI over its Grok chatbot. Elon Musk told X users that “Grok was too compliant to user prompts.\n“Too eager to please, essentially.”\nMusk called the fine against X “an attack on free speech.”",
        );
        let companies: Vec<&str> = f.responses.iter().map(|r| r.company.as_str()).collect();
        assert_eq!(companies, vec!["xAI", "xAI", "X"], "{:?}", f.responses);
    }

    #[rstest::rstest]
    #[case::the_owners_ai_company("Musk’s AI company apologized for the images last week.", "xAI", "")]
    #[case::the_owners_company("Musk’s company apologized for the images last week.", "xAI", "")]
    #[case::the_owner_by_full_name("Elon Musk’s AI company apologized for the images last week.", "xAI", "")]
    #[case::the_owner_himself("Musk apologized for the images last week.", "xAI", "Elon Musk")]
    #[case::the_owner_himself_by_full_name("Elon Musk apologized for the images last week.", "xAI", "Elon Musk")]
    #[case::the_owners_lawyer("Musk’s lawyer apologized for the images last week.", "xAI", "Musk’s lawyer")]
    #[case::a_lawyer_for_the_owner(
        "A lawyer for Musk apologized for the images last week.",
        "xAI",
        "A lawyer for Musk"
    )]
    #[case::lawyers_for_the_owner_by_full_name(
        "The images were removed, lawyers representing Elon Musk said last week.",
        "xAI",
        "lawyers representing Elon Musk"
    )]
    #[case::the_owners_attorney_named("Musk’s attorney, Alex Spiro, said the suit was meritless.", "xAI", "Alex Spiro")]
    #[case::named_as_a_lawyer_for_the_owner(
        "Alex Spiro, a lawyer for Elon Musk, said the suit was meritless.",
        "xAI",
        "Alex Spiro"
    )]
    #[case::a_lawyer_for_the_owner_named(
        "A lawyer for Musk, Alex Spiro, said the suit was meritless.",
        "xAI",
        "Alex Spiro"
    )]
    fn a_company_or_a_lawyer_named_by_the_owner_speaks_not_the_owner(
        #[case] sentence: &str,
        #[case] company: &str,
        #[case] speaker: &str,
    ) {
        let f = extract(
            "xAI faces lawsuit over Grok images",
            &format!(
                "A lawsuit accuses xAI of failing to stop Grok from generating sexualized images of minors. {sentence}"
            ),
        );
        let said: Vec<(&str, &str)> = f
            .responses
            .iter()
            .map(|r| (r.company.as_str(), r.speaker.as_str()))
            .collect();
        assert_eq!(said, [(company, speaker)], "{sentence}");
    }

    #[test]
    fn a_companys_plain_words_dispute_a_charge_near_them_and_not_one_far_back() {
        let charge = "Regulators fined Google over its robotaxis.";
        let filler = "The city has hills. The river runs east. Traffic is heavy at noon. Buses run late.";
        let quote = "“We want to be a great partner to London,” said Ben Smith, a Google spokesperson.";
        let stances = |text: &str| -> Vec<Stance> { extract("", text).responses.iter().map(|r| r.stance).collect() };
        assert_eq!(stances(&format!("{charge} {quote}")), vec![Stance::Denial]);
        assert_eq!(stances(&format!("{charge} {filler} {quote}")), vec![Stance::Other]);
        // An article about the company's charges: its words dispute them anywhere.
        let charges = "Regulators fined Google over its robotaxis. Critics accused Google of hiding crashes. \
                       A lawsuit alleges Google misled riders.";
        assert_eq!(stances(&format!("{charges} {filler} {quote}")), vec![Stance::Denial]);
        // Finding nothing wrong is a denial wherever it is said.
        let found_nothing = "A Google spokesperson said it could not identify any security impact.";
        assert_eq!(
            stances(&format!("{charge} {filler} {found_nothing}")),
            vec![Stance::Denial]
        );
    }

    #[test]
    fn an_interviewed_executives_plain_negations_dispute_only_a_charge_near_them() {
        let charges = "Regulators fined Baidu over its chatbot. Critics accused Baidu of hiding crashes. \
                       A lawsuit alleges Baidu misled riders.";
        let filler = "The city has hills. The river runs east. Traffic is heavy at noon. Buses run late.";
        let musing = "“I don’t think about AGI a lot,” says Robin Li, founder and CEO of Baidu.";
        let stances = |text: &str| -> Vec<Stance> { extract("", text).responses.iter().map(|r| r.stance).collect() };
        assert_eq!(stances(&format!("{charges} {filler} {musing}")), vec![Stance::Other]);
        assert_eq!(stances(&format!("{charges} {musing}")), vec![Stance::Denial]);
        // The company's spokesperson says the same on the record: a denial.
        let statement = "“We don’t hide crashes,” a Baidu spokesperson said.";
        assert_eq!(
            stances(&format!("{charges} {filler} {statement}")),
            vec![Stance::Denial]
        );
        // An outright denial is one wherever the executive says it.
        let denial = "“The claims are false,” says Robin Li, founder and CEO of Baidu.";
        assert_eq!(stances(&format!("{charges} {filler} {denial}")), vec![Stance::Denial]);
        // A spokesperson's denial carries on to the spokesperson's next
        // words, not to the executive's news.
        let spokesperson = "“The claims are false,” a Baidu spokesperson said.";
        let news = "“We have finished our recapitalization,” says Robin Li, founder and CEO of Baidu.";
        assert_eq!(
            stances(&format!("{charges} {filler} {spokesperson} {news}")),
            vec![Stance::Denial, Stance::Other]
        );
    }

    #[test]
    fn a_known_person_by_surname_alone_speaks_for_the_company_the_article_is_about() {
        let f = extract(
            "Tesla sued over Autopilot crash",
            "A lawsuit alleges that Tesla misled drivers about its Autopilot system. Musk said the claims were baseless.",
        );
        let said: Vec<(&str, &str, Stance)> = f
            .responses
            .iter()
            .map(|r| (r.company.as_str(), r.speaker.as_str(), r.stance))
            .collect();
        assert_eq!(said, vec![("Tesla", "Elon Musk", Stance::Denial)]);
        assert!(f.no_response.is_empty(), "{:?}", f.no_response);
    }

    #[test]
    fn a_quotation_going_on_carries_a_denial_but_not_an_apology() {
        let f = extract(
            "",
            "Regulators fined X over the deepfakes. Days later, X announced it would block the feature.\n“We have fixed the flaw, read a statement.\n“This applies to all users.”",
        );
        let stances: Vec<Stance> = f.responses.iter().map(|r| r.stance).collect();
        assert_eq!(
            stances,
            vec![Stance::Acknowledgement, Stance::Acknowledgement, Stance::Other],
            "{:?}",
            f.responses
        );
        let f = extract(
            "",
            "Regulators fined X over the deepfakes. X said: “Shockingly untrue. The agreement allowed people to message their friends.”",
        );
        assert!(!f.responses.is_empty(), "{:?}", f.responses);
        assert!(
            f.responses.iter().all(|r| r.stance == Stance::Denial),
            "{:?}",
            f.responses
        );
    }

    #[test]
    fn a_quotation_opening_with_the_writers_verb_reads_as_narration() {
        let charge = "Regulators fined Google on Monday for abusing its search monopoly. ";
        let f = extract(
            "",
            &format!("{charge}Google “declined to comment on pending litigation.”"),
        );
        assert_eq!(f.responses.len(), 1);
        assert_eq!(f.responses[0].stance, Stance::NoComment);
    }

    #[test]
    fn other_company_news_is_no_answer_but_a_remedy_for_paying_users_is() {
        let charge = "Regulators fined Google on Monday for abusing its search monopoly. ";
        let f = extract(
            "",
            &format!("{charge}Separately, Google said its phones would get new camera features."),
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        let f = extract("", &format!("{charge}Google said its quarterly revenue rose 12%."));
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        for deal in [
            "Google said the acquisition will let it expand into ten new markets.",
            "A Google executive recently said the company aims to double its cloud sales by 2027.",
        ] {
            let f = extract("", &format!("{charge}{deal}"));
            assert!(f.responses.is_empty(), "{deal}: {:?}", f.responses);
        }
        let f = extract(
            "",
            &format!("{charge}“The change applies to all users, including paid subscribers,” Google said."),
        );
        assert_eq!(f.responses.len(), 1);
    }

    #[test]
    fn progressive_and_perfect_tenses_charge_the_object() {
        for text in [
            "Klausner Technologies is suing Google, Verizon and LG in Texas, Reuters reports.",
            "Epic Games has sued Apple over its app store rules.",
        ] {
            let f = extract("", text);
            assert_eq!(f.allegations.len(), 1, "{text}");
            assert!(
                !f.allegations[0]
                    .against
                    .iter()
                    .any(|c| c.starts_with("Klausner") || c.starts_with("Epic")),
                "{text}: {:?}",
                f.allegations
            );
        }
        let f = extract("", "Google has been sued by Epic Games over its store.");
        assert_eq!(f.allegations[0].against, vec!["Google"]);
    }

    #[test]
    fn fending_off_a_lawsuit_reports_it_and_answers_it() {
        let f = extract(
            "",
            "Nintendo fended off class-action lawsuits over defective straps, and they also replaced about 3.2 million of the straps.",
        );
        assert_eq!(f.allegations.len(), 1);
        assert_eq!(f.allegations[0].by, crate::model::Accuser::Lawsuit);
        assert_eq!(f.responses.len(), 1);
        assert_eq!(f.responses[0].stance, Stance::Acknowledgement);
    }

    #[test]
    fn a_sentence_about_the_investigation_carries_its_charge() {
        let f = extract(
            "",
            "Ofcom announced that it will be investigating Google over deepfakes. The investigation will aim to determine whether these images violate the Online Safety Act.",
        );
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
        assert_eq!(f.allegations[1].against, vec!["Google"]);
        assert_eq!(f.allegations[1].by, crate::model::Accuser::Regulator);
    }

    #[test]
    fn someone_named_without_a_role_is_not_the_last_spokesperson() {
        let f = extract(
            "",
            "Regulators fined Google over its AI. A Google spokesperson declined to comment. Dex Hunter-Torricke had to hide his surprise. “It was astonishing,” Hunter-Torricke recalls. “There is no plan,” he says.",
        );
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
    }

    #[test]
    fn the_developers_of_the_accused_game_answer_for_it() {
        let f = extract(
            "",
            "Gizmodo reports that a game called Aurora Feint has been delisted from the Apple store for bad security practices. The developers claim that their intents have been noble:\n“We weren’t trying to be sneaky about how this worked.”",
        );
        assert_eq!(f.responses.len(), 2, "{:?}", f.responses);
        assert!(
            f.responses
                .iter()
                .all(|r| r.company == "Aurora Feint" && r.speaker == "the developers"),
            "{:?}",
            f.responses
        );
        assert!(f.no_response.is_empty());
    }

    #[test]
    fn the_writers_description_of_an_unaccused_company_is_no_charge() {
        let f = extract(
            "",
            "Google sells robots to households. The company had built a hulking robot, and it was banned from selling it. A robot may not injure a human being.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
    }

    #[test]
    fn a_wrongdoing_word_needs_someone_making_the_charge() {
        let f = extract(
            "",
            "It is an unfair challenge for a small camera like the Sony RX100. If certain content is illegal, go after it with laws, not a secretive filtering process like Amazon's.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        let f = extract(
            "",
            "Medtronic, a company that makes heart monitors, has faced allegations of faulty readings.",
        );
        assert_eq!(f.allegations.len(), 1);
    }

    #[test]
    fn far_from_any_charge_a_statement_without_a_position_is_other_news() {
        let charge = "Regulators fined Google on Monday for abusing its search monopoly. ";
        let statement = "Google said its search results rank pages by how useful they are.";
        let f = extract("", &format!("{charge}{statement}"));
        assert_eq!(f.responses.len(), 1);
        let filler = "The weather was mild. ".repeat(9);
        let f = extract("", &format!("{charge}{filler}{statement}"));
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        let f = extract("", &format!("{charge}{filler}Google said it denies the charge."));
        assert_eq!(f.responses.len(), 1);
    }

    #[test]
    fn news_of_what_the_company_announced_takes_no_side() {
        let charge = "Male drivers sued Uber, accusing Uber of discrimination.";
        let news = "Uber announced the program for women riders in July, and it has since rolled out in Detroit.";
        let f = extract("", &format!("{charge} {news}"));
        let said: Vec<_> = f.responses.iter().map(|r| r.stance).collect();
        assert_eq!(said, vec![Stance::Other]);
    }

    #[rstest::rstest]
    #[case::launching(
        "Reddit said it is voluntarily launching a version of Reddit with added safety features.",
        Stance::Other
    )]
    #[case::will_launch(
        "Reddit said it will launch a version of Reddit with added safety features.",
        Stance::Other
    )]
    #[case::defends_its_record("Reddit said its safety features already protect children.", Stance::Denial)]
    fn what_the_company_is_starting_to_do_disputes_nothing_for_a_word_of_safety(
        #[case] answer: &str,
        #[case] stance: Stance,
    ) {
        let charge = "Australia's eSafety commissioner accused Reddit of failing to protect children.";
        let f = extract("", &format!("{charge} {answer}"));
        let said: Vec<_> = f.responses.iter().map(|r| r.stance).collect();
        assert_eq!(said, vec![stance]);
    }

    #[test]
    fn a_suit_against_iac_charges_iac_not_the_yahoo_case_it_cites() {
        let f = extract(
            "Click Fraud Lawsuit Against IAC Survives Motion to Dismiss",
            "Lambotte filed this putative class action lawsuit against IAC in May based on alleged click fraud. \
             IAC moved to dismiss. The court, citing In re Yahoo, says that this allegation survives.",
        );
        assert_eq!(f.allegations.len(), 3, "{:?}", f.allegations);
        assert!(
            f.allegations.iter().all(|a| a.against == ["IAC"]),
            "{:?}",
            f.allegations
        );
        let answers: Vec<_> = f.responses.iter().map(|r| (r.company.as_str(), r.stance)).collect();
        assert_eq!(answers, [("IAC", Stance::Denial)]);
    }

    #[test]
    fn a_company_turning_down_a_request_to_investigate_others_charges_no_one() {
        let rejected = "X on Thursday rejected Spain's request that prosecutors investigate X, Meta and TikTok \
                        over AI-generated child abuse imagery.";
        let f = extract("X rejects Spain request", rejected);
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        // Told after the request itself: X's answer, and its team's.
        let f = extract(
            "X rejects Spain request",
            &format!(
                "Spain's government asked prosecutors to investigate X, Meta and TikTok. {rejected} \
                 \"This is a politically motivated attack and we deny any wrongdoing,\" X's Global Government \
                 Affairs team said."
            ),
        );
        let against: Vec<_> = f.allegations.iter().map(|a| a.against.join(", ")).collect();
        assert_eq!(against, ["X, Meta, TikTok"]);
        let answers: Vec<_> = f.responses.iter().map(|r| (r.company.as_str(), r.stance)).collect();
        assert_eq!(
            answers,
            [("X", Stance::Denial), ("X", Stance::Denial), ("X", Stance::Denial)]
        );
        // A charge beside a rejection, not inside it, stays a charge.
        assert_eq!(
            accused_in("Epic, which disputes Apple's claims, accused Apple of monopolising app distribution."),
            ["Apple"]
        );
    }

    #[test]
    fn whom_an_act_is_meant_to_help_is_not_its_target() {
        let helping = "Beijing is blocking their import, presumably to boost demand for equivalents like Huawei’s.";
        assert!(accused_in(helping).is_empty());
        assert!(accused_in(&format!("Reuters reports that {}", helping.replacen('B', "b", 1))).is_empty());
        assert_eq!(
            accused_in("Beijing is blocking imports from Huawei over security concerns."),
            ["Huawei"]
        );
        assert_eq!(
            accused_in("Washington blocked Huawei to protect its networks."),
            ["Huawei"]
        );
    }

    /// Whom `next` charges, after a sentence charging Snap.
    fn charged_after_a_suit_against_snap(next: &str) -> Vec<Vec<String>> {
        let text = format!("New Mexico's attorney general sued Snap over sextortion on its app. {next}");
        extract("", &text)
            .allegations
            .iter()
            .filter(|a| a.text == next)
            .map(|a| a.against.clone())
            .collect()
    }

    #[test]
    fn companies_at_large_are_not_the_ones_just_charged() {
        let charged = charged_after_a_suit_against_snap;
        assert!(charged("Prosecutors have been suing tech companies over the design of their products.").is_empty());
        assert!(charged("Prosecutors have been suing firms over the design of their products.").is_empty());
        assert_eq!(
            charged("Prosecutors have been suing these tech companies over the design of their products."),
            [["Snap"]]
        );
    }

    #[test]
    fn a_company_dealt_with_does_not_face_what_its_partner_faces() {
        assert!(
            accused_in(
                "Helion has already signed a deal to sell fusion power to Microsoft and faces \
                 financial penalties if it veers from its timeline."
            )
            .is_empty()
        );
        assert_eq!(
            accused_in("Microsoft signed a deal with Helion and faces scrutiny from regulators."),
            ["Microsoft"]
        );
        assert_eq!(
            accused_in("The deal with Microsoft faces scrutiny from regulators."),
            ["Microsoft"]
        );
        assert_eq!(
            accused_in("Helion’s partner Microsoft faced scrutiny from regulators."),
            ["Microsoft"]
        );
    }

    #[test]
    fn chips_ordered_by_a_buyer_are_no_order_against_their_maker() {
        let against = |text: &str| accused_in(&format!("The U.S. government announced that {text}"));
        assert!(against("Nvidia chips ordered by the Saudis would be released.").is_empty());
        assert!(against("Nvidia chips were ordered by the Saudis last year.").is_empty());
        assert!(against("chips ordered from Nvidia would be released.").is_empty());
        assert_eq!(against("the halt ordered by the judge covers Nvidia."), ["Nvidia"]);
        assert_eq!(
            against("the halt ordered by the Commerce Department covers Nvidia."),
            ["Nvidia"]
        );
        assert_eq!(against("the halt ordered on Friday covers Nvidia."), ["Nvidia"]);
    }

    #[test]
    fn a_company_whose_staff_are_shut_out_is_not_charged() {
        assert!(accused_in("Regulators are blocking OpenAI staff from entering the building.").is_empty());
        assert!(accused_in("Regulators banned Google employees from the hearing.").is_empty());
        assert_eq!(
            accused_in("Regulators are blocking OpenAI from operating in the country over privacy concerns."),
            ["OpenAI"]
        );
        assert_eq!(
            accused_in("Regulators banned Google ads from the country over privacy concerns."),
            ["Google"]
        );
    }

    #[test]
    fn a_legal_theory_explained_charges_no_one() {
        let charged = charged_after_a_suit_against_snap;
        let theory = "The idea is that even if the company can’t be sued over content, it is liable for negligence.";
        assert!(charged(theory).is_empty());
        assert!(charged(&theory.replace("The idea", "The theory")).is_empty());
        assert_eq!(
            charged("The company is liable for negligence in its product design."),
            [["Snap"]]
        );
    }

    #[test]
    fn a_chatbot_answering_its_users_is_no_company_answering_a_charge() {
        let answers = |next: &str| -> Vec<String> {
            let text = format!(
                "Critics accused Google of tuning Gemini to flatter its chief executive. \
                 Google said a rogue employee had changed its prompt. {next}"
            );
            extract("", &text)
                .responses
                .iter()
                .map(|r| r.text.clone())
                .filter(|t| t == next)
                .collect()
        };
        let prompted =
            "In response to various queries, it suggested that its chief executive was fitter than LeBron James.";
        assert!(answers(prompted).is_empty());
        let answered = "In response to the criticism, it said that Gemini was never tuned to flatter anyone.";
        assert_eq!(answers(answered), [answered]);
    }

    #[test]
    fn a_company_in_general_is_not_the_one_just_charged() {
        let charged = |next: &str| -> Vec<String> {
            let text = format!("The European Commission fined X €120 million under the DSA. {next}");
            extract("", &text)
                .allegations
                .iter()
                .map(|a| a.text.clone())
                .filter(|t| t == next)
                .collect()
        };
        assert!(charged("DSA fines can be as high as 6% of a company’s annual global revenue.").is_empty());
        assert!(charged("Any company found in breach can be fined again.").is_empty());
        let again = "Regulators can fine the Texas-based company again.";
        assert_eq!(charged(again), [again]);
    }

    #[test]
    fn the_latter_of_a_list_speaks_for_none_of_the_companies_before_it() {
        let text = "Meta was accused of earning billions from scam ads. Meta responded that \
                    the documents “present a selective view that distorts Meta’s approach.”\n\n\
                    Content Credentials is backed by Google, Microsoft, OpenAI, Meta, and ElevenLabs. \
                    The latter also offers a tool that it says can detect whether an audio sample \
                    was generated using its technology.";
        let responses = extract("", text).responses;
        let quotes: Vec<_> = responses
            .iter()
            .map(|r| (r.company.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            quotes,
            [(
                "Meta",
                "Meta responded that the documents “present a selective view that distorts Meta’s approach.”"
            )]
        );
    }

    #[test]
    fn it_after_a_product_is_the_product_not_its_maker() {
        let charge = "Researchers accused Google of letting its video model make misleading clips.";
        let answers = |text: &str| -> Vec<(String, Stance)> {
            extract("", &format!("{charge} {text}"))
                .responses
                .iter()
                .map(|r| (r.company.clone(), r.stance))
                .collect()
        };
        let tool = "When reporters tried the same prompts with Google’s model through Capcut’s Dreamina tool, \
                    it rejected many of them.";
        assert_eq!(answers(tool), []);
        let speaking = "After Google reviewed the flagged tool, it said the claims were false.";
        assert_eq!(answers(speaking), [("Google".to_owned(), Stance::Denial)]);
    }

    #[test]
    fn a_chatbots_words_are_its_output_not_its_makers_answer() {
        let charge = "Regulators opened an investigation into xAI over Grok's sexualized images.";
        let f = extract(
            "",
            &format!(
                "{charge} “Regarding love for his children, he exemplifies profound paternal investment,” Grok wrote."
            ),
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        let f = extract("", &format!("{charge} “We take this seriously,” xAI wrote."));
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
    }

    #[test]
    fn the_technology_giant_is_the_giant_named_not_the_last_company() {
        let f = extract(
            "Victim’s iPhone hacked by Pegasus spyware weeks after Apple sued NSO",
            "New evidence has revealed that an Apple iPhone was successfully hacked by a government user of \
             NSO Group’s Pegasus spyware in December, weeks after the technology giant sued the Israeli company \
             in a US court and called for it to be banned from “harming individuals” using Apple products.",
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
    }

    #[rstest::rstest]
    #[case::in_its_words(
        "Founded in 2015 as a nonprofit, OpenAI promised to develop AI “in the way that is most likely to benefit humanity.”"
    )]
    #[case::plainly("OpenAI pledged to develop AI for everyone.")]
    #[case::what_it_will_do(
        "OpenAI said it will use a new “privacy-preserving model” to predict whether users are under 16 and ask them to verify their age."
    )]
    #[case::what_it_said_it_would_do(
        "After TIME contacted OpenAI, the company said it would begin adding a visible watermark to its videos."
    )]
    fn what_the_company_promised_or_plans_takes_no_side(#[case] promise: &str) {
        let charge = "The attorney general sued OpenAI, alleging that the restructure would harm the public.";
        let f = extract("", &format!("{charge} {promise}"));
        let said: Vec<_> = f.responses.iter().map(|r| r.stance).collect();
        assert_eq!(said, vec![Stance::Other]);
    }

    #[rstest::rstest]
    #[case::back_then(
        "Back when Lyft announced Women Connect in 2023, other personalities blasted the program.",
        "Lyft announced Women Connect in 2023, and other personalities blasted the program."
    )]
    #[case::conceded_condition(
        "Meta built AI tools to find harmful posts, yet the company did not delete them \
         even when it determined with “100% confidence” that they broke its policies.",
        "Meta determined with “100% confidence” that the posts broke its policies."
    )]
    fn a_verb_that_dates_or_concedes_is_no_answer(#[case] sentence: &str, #[case] plainly: &str) {
        let company = sentence
            .split_whitespace()
            .find(|w| matches!(*w, "Lyft" | "Meta"))
            .unwrap_or_default();
        let charge = format!("The lawsuit accuses {company} of harming teenagers.");
        let f = extract("", &format!("{charge} {sentence}"));
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        // Said plainly, the same verb is the company's.
        let f = extract("", &format!("{charge} {plainly}"));
        assert!(
            f.responses.iter().any(|r| r.company == company),
            "{plainly}: {:?}",
            f.responses
        );
    }

    #[test]
    fn a_company_setting_its_staff_a_task_is_no_answer() {
        let charge = "The lawsuit accuses Meta of leaving teen accounts public.";
        let f = extract(
            "",
            &format!("{charge} Meta asked its growth team to study making them private."),
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        let f = extract("", &format!("{charge} Meta asked the court to dismiss the case."));
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
    }

    #[test]
    fn sympathy_beside_a_charge_takes_no_side() {
        let f = extract(
            "",
            "The family sued OpenAI, accusing it of negligence. “We are heartbroken by this tragedy,” the company said.",
        );
        let said: Vec<_> = f.responses.iter().map(|r| r.stance).collect();
        assert_eq!(said, vec![Stance::Other]);
    }

    #[test]
    fn the_writers_question_is_nobodys_answer() {
        let charge = "Indonesia suspended TikTok’s license, accusing TikTok of monetising protest streams.";
        let f = extract(
            "",
            &format!("{charge} Why was TikTok’s operating license suspended? Nobody knows."),
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        // A company's own question, quoted, is its answer.
        let f = extract(
            "",
            &format!("{charge} “Why would we ever suspend streams?” TikTok said."),
        );
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
    }

    #[test]
    fn unanswered_requests_to_the_companies_are_no_comment_from_each() {
        let f = extract(
            "",
            "Regulators fined Tesla and SpaceX over safety. Emails to Musk’s companies seeking comment went unanswered.",
        );
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
        assert_eq!(f.responses[0].stance, Stance::NoComment);
        assert!(f.no_response.is_empty(), "{:?}", f.no_response);
    }

    #[test]
    fn a_company_banning_its_users_acts_on_its_platform_and_charges_nobody() {
        let f = extract(
            "",
            "Families sued Character.AI, accusing it of harming teens. Last month Character.AI announced \
             that it would ban users under 18 years old from open-ended conversations.",
        );
        let said: Vec<_> = f.responses.iter().map(|r| (r.company.as_str(), r.stance)).collect();
        assert_eq!(said, vec![("Character.AI", Stance::Acknowledgement)]);
        // Told by the writer, the ban is no counter-charge, so no denial.
        let f = extract(
            "",
            "Families sued Character.AI, accusing it of harming teens. Last month Character.AI made a big \
             announcement: it would ban users under 18 years old from open-ended conversations.",
        );
        assert!(
            f.responses.iter().all(|r| r.stance != Stance::Denial),
            "{:?}",
            f.responses
        );
        // Charging people is still the company answering with a charge of its own.
        let f = extract(
            "",
            "Families sued Character.AI, accusing it of harming teens. Character.AI accused the families' \
             lawyers of misleading the court.",
        );
        assert_eq!(f.responses.len(), 1, "{:?}", f.responses);
        assert_eq!(f.responses[0].stance, Stance::Denial);
    }

    #[test]
    fn a_ban_on_young_users_is_a_rule_for_every_platform_not_a_charge() {
        let explainer = "Kids in Australia will no longer be able to have accounts on apps like Instagram, TikTok, \
             and Snapchat as Australia’s under-16 social media ban kicks in Wednesday. The new law intends to \
             shield children from harmful online content. It comes amid rising suicide and self-harm rates. \
             The ban applies to ten platforms: Instagram, Snapchat, TikTok, YouTube, X and Reddit. Still, all \
             of the platforms have begun to adapt to the ban. The regulator shared a list of platforms that are \
             not subject to the ban: Discord, Roblox and WhatsApp.";
        let f = extract(
            "What to Know About Australia’s Social Media Ban for Kids Under 16",
            explainer,
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        // Nor are the ones a ban spares charged, whatever the ban.
        let f = extract(
            "",
            "Indonesia banned TikTok Shop last year for breaking trade rules. The regulator said Shopee and Lazada are not subject to the ban.",
        );
        assert_eq!(accused_in_findings(&f), vec!["TikTok"]);
        // A ban that singles one company out, for a reason, is a regulator
        // acting against it ("for teens" is whom it keeps out, no reason).
        let f = extract("The Woman Who Got YouTube Banned for Teens Over Its Harms", "");
        assert_eq!(accused_in_findings(&f), vec!["Google"]);
        let f = extract("The Woman Who Got YouTube Banned for Teens in Australia", "");
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        // So are bans aimed at companies, in an article of an age ban.
        let f = extract(
            "",
            &format!("{explainer} India banned TikTok and WeChat in 2020 over security concerns."),
        );
        assert!(accused_in_findings(&f).contains(&"TikTok"), "{:?}", f.allegations);
        // So is a ban for what a company did, in an article of an age ban.
        let f = extract(
            "",
            &format!("{explainer} Brazil placed a ban on X after Musk’s platform failed to appoint a representative."),
        );
        assert_eq!(accused_in_findings(&f), vec!["X"]);
        // Nor is a law's purpose, nor harm people do themselves, after a charge.
        let f = extract(
            "",
            "Regulators are investigating Meta. The new law, which was passed by parliament in 2024, intends to \
             shield children from harmful online content and addictive algorithms. \
             It comes amid rising suicide and self-harm rates.",
        );
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        // Self-harm is harm done by whoever leads to it.
        let f = extract(
            "",
            "Regulators are investigating Meta. Its algorithms encouraged self-harm among teens, officials said. \
             The lawsuit says the company's algorithm fed her self-harm content.",
        );
        assert_eq!(f.allegations.len(), 3, "{:?}", f.allegations);
    }

    #[test]
    fn a_ban_aimed_at_no_company_named_charges_none_of_them() {
        let f = extract(
            "",
            "While many tech workers protested President Donald Trump’s policies during his first term, their \
             bosses have been quieter. Google co-founder Sergey Brin, for example, joined a protest against \
             Trump’s Muslim ban at the San Francisco airport in 2017.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        for (text, accused) in [
            ("Beijing moved to ban Nvidia chips entirely this summer.", "Nvidia"),
            ("TikTok has been banned in India since 2020.", "TikTok"),
            ("Russia imposed a ban on Instagram in 2022.", "Meta"),
            (
                "Italy's privacy regulator has banned Chinese AI chatbot DeepSeek.",
                "DeepSeek",
            ),
            (
                "The UK banned Huawei from its 5G network, though existing equipment was exempt until 2027.",
                "Huawei",
            ),
            (
                "TikTok will be banned in the US on Sunday unless its owner sells it.",
                "TikTok",
            ),
            ("Nvidia's chips were banned in China.", "Nvidia"),
            (
                "Reuters reported that Meta expected 10% of its revenue to come from ads for scams and banned goods.",
                "Meta",
            ),
        ] {
            // With a reason: a ban for none, the only charge, is news (see
            // the case a_block_for_no_reason_is_news).
            let text = format!("{} over security concerns.", text.trim_end_matches('.'));
            assert_eq!(accused_in_findings(&extract("", &text)), vec![accused], "{text}");
        }
    }

    #[test]
    fn a_researcher_at_the_company_speaks_as_its_staff() {
        let by = |text: &str| -> Vec<String> {
            extract("", text)
                .allegations
                .iter()
                .map(|a| a.by.as_str().to_owned())
                .collect()
        };
        let staff = "Around the same time, another user-experience researcher at Instagram allegedly recommended \
                     that Meta inform the public about its research findings: “Because our product exploits \
                     weaknesses in the human psychology,” the researcher wrote, Meta needed to “alert people to \
                     the effect that the product has on their brain.”";
        assert_eq!(by(staff), ["employee"]);
        let outside = "A researcher at Stanford said Meta’s product is addictive.";
        assert_eq!(by(outside), ["researcher"]);
        let a_rivals = "A researcher at Google said Meta’s teen accounts are addictive.";
        assert_eq!(by(a_rivals), ["researcher"]);
    }

    #[test]
    fn a_company_asked_for_data_after_a_charge_is_no_mere_example() {
        let f = extract(
            "",
            "The license suspension stems from allegations that TikTok’s livestreaming feature was being \
             monetized. Alexander, the Komdigi official, said that because of the alleged monetization of \
             livestreams from accounts “suspected of online gambling activities,” the ministry requested from \
             TikTok data on traffic.",
        );
        let official: Vec<&Vec<String>> = f
            .allegations
            .iter()
            .filter(|a| a.text.contains("Komdigi"))
            .map(|a| &a.against)
            .collect();
        assert_eq!(official, [&vec!["TikTok".to_owned()]]);
    }

    #[test]
    fn crimes_and_suspicions_are_charges() {
        for (text, company) in [
            (
                "Prosecutors said Binance sold narcotics and laundered money.",
                "Binance",
            ),
            (
                "Prosecutors suspect that Google laundered money through shell companies.",
                "Google",
            ),
            (
                "German police said the Russian cryptocurrency exchange Garantex was suspected of money laundering.",
                "Garantex",
            ),
            ("Regulators said Huawei bribed officials to win contracts.", "Huawei"),
        ] {
            assert!(
                accused_in(text).iter().any(|c| c == company),
                "{text}: {:?}",
                accused_in(text)
            );
        }
    }

    #[test]
    fn a_quotation_far_from_any_charge_and_from_the_company_charges_nobody() {
        let quote = "Kasia Tarczynska, a researcher at Good Jobs First, says she is learning about disruption. \
                     “This is becoming an additional harm to the data center industry,” she says. \
                     “And the harms are way exceeding any little financial benefits these localities may have.”";
        let far = format!(
            "Oracle is building a data center in Abilene. Rents in the city have doubled. Schools are full. \
             The city council met in May. Residents worry about water. {quote}"
        );
        assert!(
            extract("", &far).allegations.is_empty(),
            "{:?}",
            extract("", &far).allegations
        );
        let near = format!("Oracle is building a data center in Abilene. {quote}");
        assert_eq!(accused_in(&near), ["Oracle"]);
        let after_a_charge = format!(
            "The FTC sued Meta in May, alleging that it harmed teens. Rents in the city have doubled. Schools \
             are full. The city council met in May. Residents worry about water. {quote}"
        );
        assert_eq!(accused_in(&after_a_charge), ["Meta"], "the FTC's charge only");
    }

    #[test]
    fn every_accused_company_listed_with_one_that_did_not_comment_did_not_either() {
        let charge = "Male drivers are suing Uber and Lyft over a feature, the lawsuits allege discrimination. ";
        let silent = |text: &str| -> Vec<String> {
            extract("", &format!("{charge}{text}"))
                .responses
                .iter()
                .map(|r| format!("{} {}", r.company, r.stance.as_str()))
                .collect()
        };
        for text in [
            "Uber and Lyft did not respond to requests for comment.",
            "TIME has reached out to Uber and Lyft for comment.",
            "(Uber, Lyft, and DoorDash all declined to comment for this story.)",
        ] {
            assert_eq!(silent(text), ["Uber no_comment", "Lyft no_comment"], "{text}");
        }
        assert_eq!(
            silent("Uber did not respond to a request for comment, and Lyft called the suit meritless."),
            ["Uber no_comment"]
        );
        assert_eq!(
            silent("Asked about the lawsuits against Uber and Lyft, Uber declined to comment."),
            ["Uber no_comment"]
        );
        let explained = Extractor::builtin().explain("", &format!("{charge}Uber and Lyft did not respond."));
        assert!(
            explained
                .iter()
                .any(|r| r.verdict == "response by Uber (no_comment); response by Lyft (no_comment)"),
            "{explained:?}"
        );
    }

    #[test]
    fn a_company_someone_worked_for_is_not_charged_by_their_career() {
        let f = extract(
            "",
            "She worked on government relations for Adobe and then Twitter before she led the commission, which \
             mostly dealt with child sexual abuse material.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        let f = extract(
            "",
            "While “Godfather of AI” Geoffrey Hinton resigned from Google in 2023 to speak freely about its risks, calls \
             for whistleblower protections didn’t emerge until May 2024, when Vox reported OpenAI’s use of \
             “extremely restrictive offboarding agreements” to stifle criticism.",
        );
        assert_eq!(accused_in_findings(&f), vec!["OpenAI"], "{:?}", f.allegations);
        for text in [
            "Plaintiffs allege that Jayakumar raised the issue when she joined Meta in 2020, but was told it would \
             be too difficult to address.",
            "Haugen, who worked at Facebook, accused the company of putting profit over safety.",
            "Haugen, who worked at Facebook, slammed the company for putting profit over safety.",
            "Prosecutors say Jones, who left Facebook in 2019, watched the company hide safety reports from regulators.",
            "The NLRB found that workers who joined Facebook were illegally fired for organizing.",
        ] {
            assert_eq!(accused_in_findings(&extract("", text)), vec!["Meta"], "{text}");
        }
    }

    #[test]
    fn a_market_aimed_at_a_feature_used_and_a_page_posted_on_are_no_charges() {
        for text in [
            "Instead of a streaming service that would drown among competitors, RIM wisely targeted existing BBM \
             users to whom the service would add value.",
            "Google promotes the idea that advertising should be highly targeted and relevant to users.",
            "See also: Activation Lock, which allows you to bypass the passcode to completely wipe an iPhone.",
            "See also: Face ID, which lets you bypass the passcode to completely wipe an iPhone.",
            "One posts an allegation on her MySpace page that the other is a child molester.",
        ] {
            let f = extract("", text);
            assert!(f.allegations.is_empty(), "{text}: {:?}", f.allegations);
        }
        for (text, accused) in [
            (
                "Regulators say Meta targeted teen users with ads for diet pills.",
                "Meta",
            ),
            (
                "Researchers say hackers can bypass Apple’s passcode protection.",
                "Apple",
            ),
            ("Prosecutors accused MySpace of hosting predators’ pages.", "MySpace"),
            (
                "The lawsuit says her TikTok feed pushed videos glorifying suicide.",
                "TikTok",
            ),
            (
                "The FTC said Facebook targeted ads at users based on their race.",
                "Meta",
            ),
            (
                "Creators allege their YouTube channel was demonetized without warning.",
                "Google",
            ),
        ] {
            assert_eq!(accused_in_findings(&extract("", text)), vec![accused], "{text}");
        }
    }

    #[test]
    fn someone_who_left_a_company_speaks_as_its_former_staff() {
        let f = extract(
            "",
            "Frances Haugen, who left Facebook in May, told senators that the company knowingly harmed teenagers.",
        );
        let charged: Vec<_> = f.allegations.iter().map(|a| (a.against.clone(), a.by)).collect();
        assert_eq!(
            charged,
            vec![(vec!["Meta".to_string()], crate::model::Accuser::Employee)]
        );
        // Having worked somewhere is a career, not a departure; users quit too.
        let f = extract(
            "",
            "Sarah Lee, who quit Facebook in 2019, said the company ignored her complaints about bullying.",
        );
        assert!(
            f.allegations.iter().all(|a| a.by != crate::model::Accuser::Employee),
            "{:?}",
            f.allegations
        );
        let f = extract(
            "",
            "Regulators fined X. Inman Grant, who worked at X two years ago, said the platform harmed teens.",
        );
        assert!(
            f.allegations.iter().all(|a| a.by != crate::model::Accuser::Employee),
            "{:?}",
            f.allegations
        );
    }

    #[test]
    fn a_ruling_on_someone_else_is_no_charge_against_the_company_before() {
        let charge = "Indonesia suspended TikTok’s operating license over gambling streams.";
        let f = extract(
            "",
            &format!(
                "{charge} Indonesia’s Constitutional Court ruled in 2021 that the government may block the internet."
            ),
        );
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        for ruling in [
            "A court ruled on Friday that the company must pay a fine.",
            "The judge ruled that the states had shown the company misled parents about the app's safety.",
            "Regulators found that the platform had failed to remove the streams.",
        ] {
            let f = extract("", &format!("{charge} {ruling}"));
            assert_eq!(f.allegations.len(), 2, "{ruling}: {:?}", f.allegations);
        }
    }

    #[test]
    fn a_company_arguing_its_side_in_court_filings_answers_the_charge() {
        let suit = "Parents sued Meta over harms to teens.";
        let f = extract(
            "",
            &format!("{suit} According to court filings, Meta argued that the claims are barred by Section 230."),
        );
        let said: Vec<_> = f.responses.iter().map(|r| (r.company.as_str(), r.stance)).collect();
        assert_eq!(said, vec![("Meta", Stance::Denial)]);
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        // What the complaint says the company said is the complaint's charge.
        let f = extract(
            "",
            &format!("{suit} According to the complaint, Meta said internally that it knew teens were harmed."),
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
        // Keeping up conduct is no arguing, nor is arguing with no case made.
        for conduct in [
            "According to the complaint, Google maintained its monopoly by paying Apple billions of dollars a year.",
            "According to the complaint, Google argued for years with Apple over default search payments.",
        ] {
            let f = extract("", &format!("The DOJ sued Google. {conduct}"));
            assert!(f.responses.is_empty(), "{conduct}: {:?}", f.responses);
            assert_eq!(f.allegations.len(), 2, "{conduct}: {:?}", f.allegations);
        }
    }

    #[test]
    fn an_officials_words_on_a_deal_charge_nobody() {
        let f = extract(
            "",
            "Musk sued OpenAI over its restructuring. In a statement, Attorney General Rob Bonta said that “we \
             secured concessions that ensure OpenAI’s charitable assets are used for their intended purpose. With \
             these important concessions in place, we will not be in court opposing OpenAI’s recapitalization plan.”",
        );
        assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        let f = extract(
            "",
            "Musk sued OpenAI over its restructuring. In a statement, Attorney General Rob Bonta said that “OpenAI \
             misled its donors. We will be in court opposing OpenAI’s recapitalization plan.”",
        );
        assert_eq!(f.allegations.len(), 3, "{:?}", f.allegations);
        let f = extract(
            "",
            "The EU charged Microsoft over Teams. The Commission said Microsoft's proposed concessions do not \
             address its competition concerns.",
        );
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
    }

    #[test]
    fn whoever_is_sued_is_the_name_right_after_the_cue() {
        let f = extract(
            "",
            "Suing StudiVZ is not going to make Facebook any more popular in Germany, where users migrate slowly.",
        );
        assert!(f.allegations.is_empty(), "{:?}", f.allegations);
        for (text, accused) in [
            (
                "Suing Chinese company DeepSeek is not going to make it any more popular in China.",
                "DeepSeek",
            ),
            (
                "Suing Facebook is not going to make StudiVZ any more popular in Germany.",
                "Meta",
            ),
            (
                "A group of authors sued Monday in San Francisco, claiming OpenAI trained its models on their books.",
                "OpenAI",
            ),
        ] {
            assert!(accused_in_findings(&extract("", text)).contains(&accused), "{text}");
        }
    }

    #[test]
    fn the_writers_guess_at_a_companys_motive_is_no_answer_of_its_own() {
        let suit = "American Airlines sued Yahoo for trademark infringement over keyword ads.";
        let f = extract(
            "",
            &format!(
                "{suit} Or Yahoo's move might just be a show of strength that Yahoo is going to defend its turf aggressively."
            ),
        );
        assert!(f.responses.is_empty(), "{:?}", f.responses);
        for answer in [
            "Yahoo said it might appeal and would defend its turf aggressively.",
            "Yahoo denied the claims, maintaining that its keyword ads may be lawful.",
            "Yahoo disputes the charges and will possibly appeal.",
            "Yahoo may have agreed to pay $5 million, but it admitted no wrongdoing.",
        ] {
            let f = extract("", &format!("{suit} {answer}"));
            assert_eq!(f.responses.len(), 1, "{answer}: {:?}", f.responses);
        }
    }

    #[test]
    fn the_writer_speaking_for_themself_charges_nobody() {
        let suit = "Priest sued Google over Google Reader.";
        for aside in [
            "However, I got such a good laugh out of this complaint that I had to share it with you.",
            "I’m not sure what planet these plaintiffs are from, but we view the filing of a lawsuit as litigious.",
            "It may be no accident that collective rights organizations typically operate under Congressional \
             authorization or an antitrust consent decree.",
            "However, there remains some basic problems with the plaintiffs' allegations that should ultimately \
             doom the lawsuit.",
        ] {
            let f = extract("", &format!("{suit} {aside}"));
            assert_eq!(f.allegations.len(), 1, "{:?}", f.allegations);
        }
        // Others charging, in the writer's sentence or quoted, still do; so
        // does a writer who sued.
        for charge in [
            "As I reported last week, the FTC sued Meta for deceiving users.",
            "I sued Uber last year, accusing it of wage theft.",
            "I’m one of the plaintiffs suing OpenAI for copying my books without permission.",
            "I’ve obtained a copy of the complaint, which accuses Meta of misleading advertisers about reach.",
            "I wrote last week about the FTC lawsuit, which alleges Amazon tricked millions of users into Prime.",
            "The plaintiffs' lawyers say Google's defense is meritless and that Google infringed the patents.",
            "“I believe Google infringed our patents,” the plaintiffs said.",
            "“Google knew. I believe it infringed our patents,” the plaintiffs said.",
        ] {
            let f = extract("", &format!("{suit} {charge}"));
            let last = charge.rsplit(". ").next().unwrap_or(charge);
            assert!(
                f.allegations.iter().any(|a| a.text == last),
                "{charge}: {:?}",
                f.allegations
            );
        }
    }

    fn accused_in_findings(f: &Findings) -> Vec<&str> {
        let mut accused: Vec<&str> = f
            .allegations
            .iter()
            .flat_map(|a| &a.against)
            .map(String::as_str)
            .collect();
        accused.dedup();
        accused
    }

    #[test]
    fn a_company_person_seeking_damages_from_others_charges_them() {
        let f = extract(
            "",
            "Elon Musk sued OpenAI in 2024. Musk is seeking up to $134 billion in damages from OpenAI and Microsoft, calling the funds “wrongful gains.” Google is seeking new partners among hardware makers like Samsung.",
        );
        assert_eq!(f.allegations.len(), 2, "{:?}", f.allegations);
        assert_eq!(f.allegations[1].against, vec!["OpenAI", "Microsoft"]);
        assert_eq!(f.allegations[1].by, crate::model::Accuser::Lawsuit);
    }

    #[test]
    fn an_embedded_post_is_spoken_by_whoever_signs_it() {
        let html = "<p>Regulators fined Google over its search rules.</p><blockquote class=\"twitter-tweet\"><p>We disagree with the decision and will appeal.</p>— Sundar Pichai (@sundarpichai) April 5, 2022</blockquote>";
        let text = crate::text::body_text(html);
        let f = extract("", &text);
        assert_eq!(f.responses.len(), 1, "{text}\n{:?}", f.responses);
        assert_eq!(f.responses[0].company, "Google");
        assert_eq!(f.responses[0].speaker, "Sundar Pichai");
    }

    #[test]
    fn declined_to_comment_is_a_no_comment_response() {
        let f = extract(
            "",
            "Regulators fined Google on Monday for abusing its search monopoly. Google declined to comment.",
        );
        assert_eq!(f.responses.len(), 1);
        assert_eq!(f.responses[0].stance, Stance::NoComment);
        assert!(f.no_response.is_empty());
    }

    #[test]
    fn accused_companies_without_a_response_are_listed() {
        let f = extract(
            "",
            "A lawsuit alleges that Netflix and Facebook shared private messages.",
        );
        assert_eq!(f.no_response, vec!["Netflix", "Meta"]);
    }

    /// The companies charged in a text, in order, once for each charge.
    fn accused_in(text: &str) -> Vec<String> {
        extract("", text)
            .allegations
            .iter()
            .flat_map(|a| a.against.clone())
            .collect()
    }

    /// (allegations, responses as "company stance") of a text.
    fn summary(text: &str) -> (Vec<String>, Vec<String>) {
        let f = extract("", text);
        (
            f.allegations
                .iter()
                .map(|a| format!("{} {}", a.against.join("+"), a.by.as_str()))
                .collect(),
            f.responses
                .iter()
                .map(|r| format!("{} {}", r.company, r.stance.as_str()))
                .collect(),
        )
    }

    #[rstest::rstest]
    #[case::settlement_is_both(
        "The FTC sued Amazon in June. In May, Amazon agreed to pay $25 million to settle FTC allegations that its Alexa assistant kept children’s recordings.",
        &["Amazon regulator", "Amazon regulator"],
        &["Amazon acknowledgement"]
    )]
    #[case::settling_a_described_lawsuit(
        "Google has agreed to delete records to settle a class-action lawsuit that accused it of tracking users.",
        &["Google lawsuit"],
        &["Google acknowledgement"]
    )]
    #[case::the_target_of_lawsuits(
        "Character.AI is the target of several lawsuits, including one from a mother whose son died. \
         Character.AI said it was not the target of the probe.",
        &["Character.AI lawsuit"],
        &["Character.AI denial"]
    )]
    #[case::the_chatbot_platform_refers_back(
        "Character.AI is under fire. The chatbot platform, which lets users chat with bots, is the target of several lawsuits.",
        &["Character.AI lawsuit"],
        &[]
    )]
    #[case::announcement_before_any_charge(
        "Last week, Acme Labs announced that its browser would be free. Researchers found that Acme Labs’ browser leaked passwords, according to a report by the security firm Foo.",
        &["Acme Labs researcher"],
        &[]
    )]
    #[case::admission_before_the_charge(
        "Ring told a senator that it had handed police footage over without their consent. Sen. Lyle has long accused Ring of building a surveillance network.",
        &["Amazon lawmaker"],
        &["Amazon acknowledgement"]
    )]
    #[case::reported_no_reply_is_not_no_comment(
        "Researchers found a flaw in Perplexity’s browser. A Perplexity spokesperson said that the report was unclear, that it had not responded to requests, and that Perplexity patched it.",
        &["Perplexity researcher"],
        &["Perplexity acknowledgement"]
    )]
    #[case::asking_a_court_is_not_asking_for_comment(
        "The FTC sued Google in May. The FTC has asked the court to order a sale.",
        &["Google regulator"],
        &[]
    )]
    #[case::quote_mates_share_the_charge(
        "Ofcom opened an investigation into Meta. “This is not spicy. This is illegal,” a Commission spokesperson told the outlet.",
        &["Meta regulator", "Meta regulator", "Meta regulator"],
        &[]
    )]
    #[case::spokesperson_of_the_company_named(
        "Regulators fined Google and Spotify over the hack. A spokesperson responded via Spotify’s press office. They said in a statement that “We will review our security systems after this incident.”",
        &["Google+Spotify regulator"],
                &["Spotify other", "Spotify other"]
    )]
    #[case::source_far_from_any_charge(
        "Regulators fined Meta in May. The weather was fine. Sales rose. Prices fell. Users left. Teenagers are harmed by violations of their sleep, according to a new study by researchers at Stanford.",
        &["Meta regulator"],
        &[]
    )]
    #[case::source_back_on_the_matter(
        "Patients sued Medtronic in May. The weather was fine. Sales rose. Prices fell. Users left. In one of these cases, the plaintiff alleged that the device misled the surgeon.",
        &["Medtronic lawsuit", "Medtronic lawsuit"],
        &[]
    )]
    #[case::official_far_from_any_charge(
        "Regulators fined Meta in May. The weather was fine. Sales rose. Prices fell. Users left. In November, Denmark’s regulator proposed a ban on social media for kids under 15.",
        &["Meta regulator"],
        &[]
    )]
    #[case::it_is_not_the_company_named_before_the_last(
        "Google makes phones. Google sells them in Europe. Google Maps is popular. Spotify makes music apps. It has faced allegations of misleading users.",
        &[],
        &[]
    )]
    #[case::the_accused_answering_keeps_the_matter_open(
        "Prosecutors are investigating X over its algorithm. X said the move was a political attack. X said it would fight. X said it had done nothing wrong. X said the platform respects French law. The crimes that the prosecutor’s office is investigating include fraud.",
        &["X regulator", "X regulator"],
        &["X denial", "X denial", "X denial", "X denial"]
    )]
    #[case::the_speakers_own_company_in_a_quotation(
        "Parents sued Meta in May. The weather was fine. Sales rose. Prices fell. Users left. “Speaking out may hurt my company,” says Jane Roe, a researcher at Stanford.",
        &["Meta lawsuit"],
        &[]
    )]
    #[case::it_far_from_the_charge(
        "Regulators fined Meta in May. The weather was fine. Sales rose. Prices fell. Users left. It only gets worse, because every crash harms the disk, engineers found.",
        &["Meta regulator"],
        &[]
    )]
    #[case::the_company_far_from_the_charge(
        "Regulators fined Meta in May. The weather was fine. Sales rose. Prices fell. Users left. Critics also accused the company of misleading users.",
        &["Meta regulator", "Meta critic"],
        &[]
    )]
    #[case::passive_charge_then_its_source(
        "Regulators fined Meta in May. The company was accused of misleading users, critics said.",
        &["Meta regulator", "Meta critic"],
        &[]
    )]
    #[case::an_adverb_inside_the_passive(
        "Regulators fined Meta in May. The company was also accused of misleading users, critics said.",
        &["Meta regulator", "Meta critic"],
        &[]
    )]
    #[case::suit_filed_against(
        "Matthew and Maria Raine filed suit against OpenAI in August, alleging that ChatGPT had encouraged their son.",
        &["OpenAI lawsuit"],
        &[]
    )]
    #[case::a_public_body_case_against(
        "The FTC’s case against Meta goes to trial in May.",
        &["Meta regulator"],
        &[]
    )]
    #[case::a_case_against_no_company(
        "Parents brought a case against the school, not against Google. The lawsuit against Trump was dismissed in May. No lawsuit against Meta was filed.",
        &[],
        &[]
    )]
    #[case::a_named_source_with_it_far_from_the_charge(
        "Regulators fined Meta in May. The weather was fine. Sales rose. Prices fell. Users left. It misleads users, researchers found.",
        &["Meta regulator"],
        &[]
    )]
    #[case::three_sentences_after_the_charge(
        "Regulators fined Meta in May. Sales rose. Prices fell. The penalty was a record, according to the regulator.",
        &["Meta regulator", "Meta regulator"],
        &[]
    )]
    #[case::four_sentences_after_the_charge(
        "Regulators fined Meta in May. Sales rose. Prices fell. Users left. The penalty was a record, according to the regulator.",
        &["Meta regulator"],
        &[]
    )]
    #[case::suits_dismissed_are_no_answer(
        "A product-liability suit against Myspace in 2009 and another against Grindr in 2017 were both dismissed in court.",
        &["MySpace+Grindr lawsuit"],
        &[]
    )]
    #[case::a_whistleblowers_account(
        "Meta makes apps for teens. Facebook whistleblower Frances Haugen testified to Congress that the company was aware of the mental-health risks of Instagram.",
        &["Meta employee"],
        &[]
    )]
    #[case::insiders_words_a_charge_cites(
        "Plaintiffs sued Meta in May. “Oh my gosh yall IG is a drug,” one of the company’s user experience researchers allegedly wrote.",
        &["Meta lawsuit", "Meta employee"],
        &[]
    )]
    #[case::a_group_nobody_lists_accusing(
        "Advertisers accuse Meta of hiding harms to teens. Small publishers sue Google over its ad auctions.",
        &["Meta other", "Google lawsuit"],
        &[]
    )]
    #[case::uncharged(
        "Prosecutors sued Roblox in May. Neither company has been charged with a crime. Meta has never been fined for it.",
        &["Roblox regulator"],
        &[]
    )]
    #[case::the_accused_charging_another_answers(
        "The European Commission fined Apple in March. Apple also accused Spotify of using the Commission. Spotify welcomed the ruling.",
        &["Apple regulator"],
        &["Apple denial"]
    )]
    #[case::the_united_states_says_nothing(
        "Ireland’s Data Protection Commission fined Meta on Monday, saying the company violated the GDPR by transferring Facebook users’ data to the United States. EU member states said the fine was fair.",
        &["Meta regulator", "Meta regulator"],
        &[]
    )]
    #[case::breaking_the_law(
        "Critics said Google flouted the rules. Privacy campaigner Max Schrems said Meta had knowingly broken the law for years. Regulators said the transfers put Europeans’ privacy at risk.",
        &["Google critic", "Meta critic", "Meta regulator"],
        &[]
    )]
    #[case::a_block_for_no_reason_is_news(
        "Russia has blocked Twitter since March 4th. Under a new policy, the company will no longer recommend government accounts, Twitter said.",
        &[],
        &[]
    )]
    #[case::a_restriction_for_no_reason_is_news(
        "Early on in the invasion, Russia restricted how citizens could access Twitter and later outright blocked Instagram.",
        &[],
        &[]
    )]
    #[case::a_block_for_a_belief_is_a_charge(
        "In India, regulators who share that belief have effectively blocked a free Facebook service.",
        &["Meta regulator"],
        &[]
    )]
    #[case::a_ban_with_its_reason_is_a_charge(
        "Italy banned ChatGPT over its handling of personal data. OpenAI said its practices comply with European law.",
        &["OpenAI regulator"],
        &["OpenAI denial"]
    )]
    #[case::a_ban_of_a_company_is_no_thing_banned(
        "Russia blocked Facebook and banned Instagram in March. Under a new policy, Meta will no longer recommend state media, the company said.",
        &[],
        &[]
    )]
    #[case::banned_goods_are_a_thing_not_a_ban(
        "Reuters reported that Meta expected 10% of its revenue to come from ads for scams and banned goods. Meta said the figure was misleading.",
        &["Meta media"],
        &["Meta denial"]
    )]
    #[case::a_cause_told_disputes_nothing(
        "Regulators sued Meta over teen safety. The ban on teens using the app came partly as a result of new research, Meta said.",
        &["Meta regulator"],
        &["Meta other"]
    )]
    #[case::words_near_a_charge_dispute_it(
        "Regulators sued Meta over teen safety. The ban on teens using the app came before any research, Meta said.",
        &["Meta regulator"],
        &["Meta denial"]
    )]
    #[case::a_penalty_that_could_come_is_none(
        "Macron and May agreed to create a legal liability for tech companies such as Google, which could include penalties such as fines.",
        &[],
        &[]
    )]
    #[case::a_fine_in_may_is_imposed(
        "The EU in May fined Google €2.4bn.",
        &["Google regulator"],
        &[]
    )]
    #[case::a_fine_that_came_later_is_imposed(
        "Facebook would later be fined $5bn by the FTC.",
        &["Meta regulator"],
        &[]
    )]
    #[case::a_reason_cited_after_a_comma(
        "India banned TikTok in June 2020, citing national security.",
        &["TikTok regulator"],
        &[]
    )]
    #[case::a_ban_for_a_decade_gives_no_reason(
        "China has blocked Google for more than a decade.",
        &[],
        &[]
    )]
    #[case::a_company_that_restricts_is_charged_for_it(
        "Critics said Meta blocked Palestinian accounts on Instagram.",
        &["Meta critic"],
        &[]
    )]
    #[case::researchers_finding_is_theirs_to_make(
        "NewsGuard researchers found that ChatGPT answered questions about the election with old figures.",
        &["OpenAI researcher"],
        &[]
    )]
    #[case::a_cause_of_the_charge_is_not_the_companys_answer(
        "Regulators sued Meta over teen safety. Meta, which faces scrutiny because of its record, said it has built tools for teens.",
        &["Meta regulator"],
        &["Meta denial"]
    )]
    #[case::a_chief_executive_of_the_maker_speaks_for_it(
        "Regulators fined OpenAI over privacy. “We disagree with the decision,” said Sam Altman, chief executive of the ChatGPT creator.",
        &["OpenAI regulator"],
        &["OpenAI denial"]
    )]
    #[case::reports_an_action_follows_are_nobodys_words(
        "Elon Musk’s social media platform X is popular. Ofcom opened an investigation into X following reports that users shared abusive images.",
        &["X regulator"],
        &[]
    )]
    #[case::a_bug_found_is_no_wrong(
        "Anthropic released Claude Cowork. One user found that the app gave her error messages and would not connect to her calendar.",
        &[],
        &[]
    )]
    #[case::a_harm_found_is_a_charge(
        "OpenAI released Sora. Colman found that he was able to use Sora to create impersonations of prominent people.",
        &["OpenAI researcher"],
        &[]
    )]
    #[case::a_block_in_a_matter_of_charges(
        "Regulators fined Twitter for failing to remove illegal posts. Russia has blocked Twitter since March 4th. Under a new policy, the company will no longer recommend government accounts, Twitter said.",
        &["X regulator", "X regulator"],
        &["X acknowledgement"]
    )]
    fn findings(#[case] text: &str, #[case] allegations: &[&str], #[case] responses: &[&str]) {
        let (a, r) = summary(text);
        assert_eq!(a, allegations, "allegations of {text}");
        assert_eq!(r, responses, "responses of {text}");
    }
}
