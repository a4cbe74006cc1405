//! Grouping: which story an article belongs to, decided in memory.
//!
//! An article joins the recent story whose wording (TF-IDF cosine of title
//! and lede), companies and time fit it best, or starts a new one. A link to
//! the same court filing or press release, or the same case number, joins
//! stories outright. Terms and companies are interned, story vectors capped,
//! and an article's terms are laid out once for every story it is scored
//! against, so an article is placed in microseconds however large the store.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::hash::BuildHasher;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use hashbrown::HashTable;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use super::articles::PreparedItem;
use crate::model::StoryId;

/// How far apart (seconds) an article and a story's articles may be.
pub const WINDOW: i64 = 4 * 86400;
/// Stories in memory past which those read back for older articles are
/// let go of.
const RECALLED_AT_MOST: usize = 8192;
/// Stories idle for longer than this leave the in-memory index.
pub const INDEX_HORIZON: i64 = 30 * 86400;
/// Minimum similarity to join a story.
pub const JOIN_THRESHOLD: f32 = 0.30;
/// Similarity above which an article bridging two stories merges them.
pub const MERGE_THRESHOLD: f32 = 0.55;
/// Words of the body, after the title, that describe the event.
const LEDE_WORDS: usize = 60;

/// Terms kept per story: the heaviest ones.
const STORY_TERMS: usize = 256;
/// Partial sums a story's cosine keeps apart.
const LANES: usize = 8;

/// A story's signature in memory.
#[derive(Debug, Clone, Default)]
struct Signature {
    /// Term id and weight (summed term frequency), sorted by id.
    terms: Vec<(u32, f32)>,
    /// The sum of the squared weights of `terms`.
    weight_sq: f64,
    /// Company ids, sorted.
    companies: Vec<u32>,
    links: FxHashSet<String>,
    first: i64,
    last: i64,
    articles: u32,
    /// Articles that carry an allegation.
    charged: u32,
}

/// The recent stories, kept by the writer so that grouping costs no queries.
#[derive(Debug, Default)]
pub struct StoryIndex {
    /// Terms and their ids, found by the hash the article's wording brings.
    vocab: HashTable<(Term, u32)>,
    df: Vec<u32>,
    /// Per term id: ln(1 + df) (idf is ln(1 + docs) − ln(1 + df) + 1, exact
    /// and cheap), and the term's weight in the article being placed (zero
    /// for terms it lacks), side by side so that scoring a story reads one
    /// place per term.
    terms: Vec<TermStat>,
    docs: u32,
    log_docs: f32,
    stories: FxHashMap<StoryId, Signature>,
    company_ids: FxHashMap<String, u32>,
    /// The stories of each company id, sorted.
    by_company: Vec<Vec<StoryId>>,
    by_link: FxHashMap<String, StoryId>,
    /// The stories of each term, sorted. A story merged away stays listed
    /// and is read as the story it went into ([`StoryIndex::live`]): a merge
    /// would otherwise go over every term's list.
    by_term: Vec<Vec<StoryId>>,
    /// Stories merged away, to the indexed story each went into.
    merged: FxHashMap<StoryId, StoryId>,
    newest: i64,
    /// Every story whose last article is this recent or more is indexed;
    /// older ones are read back from the store when an article of their
    /// time comes ([`StoryIndex::missing`]).
    complete_from: i64,
    /// Stories that left the index: their articles' terms are counted in
    /// the term statistics already, should they be read back.
    let_go: FxHashSet<StoryId>,
    /// No indexed story's last article is older than this, once known (a
    /// lower bound: stories only grow newer), so eviction need not look
    /// before then.
    oldest_last: Option<i64>,
    /// Each story's time span and term bits, by id, to pass over stories
    /// out of an article's window, or sharing too little of it, before
    /// looking them up.
    spans: Spans,
    /// The term ids of the article weighed last, by its wording's key.
    weighed: Option<Weighed>,
    /// One bit a slot of `spans`, set for the stories gathered for the
    /// article being placed: each is scored once, with no sort to find
    /// those gathered twice. Clear between articles.
    gathered: Vec<u64>,
    /// Stories new articles joined in the current transaction.
    grown: Vec<StoryId>,
    /// Lists placing an article fills, kept from one article to the next.
    scratch: Scratch,
    /// What the current transaction adds to stories, written when it ends.
    pub(super) log: super::stories::StoryLog,
    /// The articles the current transaction stored, not yet sent to the
    /// search indexer.
    pub(super) fresh: super::fulltext::NewArticles,
}

impl StoryIndex {
    fn idf_of_df(&self, df: u32) -> f32 {
        self.log_docs - (1.0 + df as f32).ln() + 1.0
    }

    fn idf(&self, id: u32) -> f32 {
        self.log_docs - self.terms.get(id as usize).map_or(0.0, |t| t.log_df) + 1.0
    }

    /// The article's terms known to the index with idf-weighted weights,
    /// and the norm over all its terms.
    /// Also keeps each term's id (`None` when new) for [`StoryIndex::add`].
    fn weigh(&mut self, a: &ArticleSignals) -> (Vec<(u32, f32)>, f32) {
        let mut known = std::mem::take(&mut self.scratch.weighed);
        known.clear();
        let mut ids = std::mem::take(&mut self.scratch.term_ids);
        ids.clear();
        let mut norm = 0.0f32;
        for (t, h, w) in a.wording.hashed_terms() {
            let id = self.term_id(t, h);
            let x = w * id.map_or(self.idf_of_df(0), |id| self.idf(id));
            norm += x * x;
            if let Some(id) = id {
                known.push((id, x));
            }
            ids.push(id);
        }
        self.weighed = Some((a.wording.key(), ids));
        (known, norm.sqrt())
    }

    /// The cosine of the placed article's terms and a story's, in one pass
    /// over the story's terms.
    fn cosine(&self, a_norm: f32, s: &Signature) -> f32 {
        if a_norm == 0.0 {
            return 0.0;
        }
        // Eight sums of each kind, added up at the end: one sum would make
        // every term wait for the addition of the one before. Each eight
        // terms' figures are gathered first and then summed lane by lane,
        // which the compiler does as vector arithmetic.
        let (mut dot, mut sq) = ([0.0f32; LANES], [0.0f32; LANES]);
        for chunk in s.terms.chunks(LANES) {
            // A lane past the story's last term adds zeros.
            let (mut log_df, mut placing, mut weight) = ([0.0f32; LANES], [0.0f32; LANES], [0.0f32; LANES]);
            for (lane, (id, w)) in chunk.iter().enumerate() {
                let t = self.terms.get(*id as usize).copied().unwrap_or_default();
                (log_df[lane], placing[lane], weight[lane]) = (t.log_df, t.placing, *w);
            }
            for lane in 0..LANES {
                let idf = self.log_docs - log_df[lane] + 1.0;
                dot[lane] += placing[lane] * weight[lane] * idf;
                sq[lane] += (weight[lane] * idf).powi(2);
            }
        }
        let (dot, sq): (f32, f32) = (dot.iter().sum(), sq.iter().sum());
        let s_norm = sq.sqrt();
        if dot <= 0.0 || s_norm == 0.0 {
            return 0.0;
        }
        dot / (a_norm * s_norm)
    }

    /// At least [`StoryIndex::cosine`], from the terms the story shares
    /// with the placed article alone: their dot product is the cosine's, and
    /// the story's norm is at least that of the shared terms and of the
    /// others' weights at an idf of 1, the least an idf can be (no term is in
    /// more articles than the index holds).
    /// `article` is the placed article's weighed terms sorted by id, `norm`
    /// its norm; `bits` the story's.
    fn cosine_bound(&self, article: &[(u32, f32)], norm: f32, s: &Signature, bits: &TermBits) -> f64 {
        let (mut dot, mut shared_sq, mut shared_weight_sq) = (0.0f64, 0.0f64, 0.0f64);
        // Both lists ascend by id: a walk forward through the story's terms
        // finds each of the article's. It reads them in order, which costs
        // less than a search's jumps about them (over half of the bound's
        // time went on waiting for the terms a search jumped to).
        let mut rest = s.terms.as_slice();
        for &(id, x) in article.iter().filter(|(id, _)| bits.has(TermBits::place(*id))) {
            let before = rest.iter().position(|(t, _)| *t >= id).unwrap_or(rest.len());
            rest = &rest[before..];
            if let [(t, w), after @ ..] = rest
                && *t == id
            {
                let (x, w, idf) = (f64::from(x), f64::from(*w), f64::from(self.idf(id)));
                dot += x * w * idf;
                shared_sq += (w * idf).powi(2);
                shared_weight_sq += w * w;
                rest = after;
            }
        }
        let s_norm = (shared_sq + (s.weight_sq - shared_weight_sq).max(0.0)).sqrt();
        if dot <= 0.0 || s_norm == 0.0 || norm == 0.0 {
            return 0.0;
        }
        dot / (f64::from(norm) * s_norm)
    }

    /// How well an article fits a story, from 0 to 1.
    fn score(&self, a: &Placing, story: StoryId, s: &Signature) -> f32 {
        let (signals, a_norm) = (a.signals, a.norm);
        if signals.time < s.first - WINDOW || signals.time > s.last + WINDOW {
            return 0.0;
        }
        if signals.links().iter().any(|l| s.links.contains(l)) {
            return 1.0;
        }
        // Every adjustment below only lowers the score: a cosine under the
        // joining threshold cannot make a candidate, nor a story that shares
        // too little of the article's weight to reach it. (Without links,
        // `candidates` asked this before it looked the story up.)
        if !signals.links().is_empty() && !a.probes.share_enough(self.spans.bits(story)) {
            return 0.0;
        }
        // Most stories are ruled out so, without going over all their terms.
        if self.cosine_bound(&a.by_id, a_norm, s, self.spans.bits(story)) < f64::from(JOIN_THRESHOLD) * 0.999 {
            return 0.0;
        }
        let mut score = self.cosine(a_norm, s);
        let shared = |c: &Option<u32>| c.is_some_and(|c| s.companies.binary_search(&c).is_ok());
        if !a.companies.is_empty() && !s.companies.is_empty() && !a.companies.iter().any(shared) {
            score *= 0.5;
        }
        // The article is about a company the story has not involved ("Yelp
        // sues Google" beside the Google ruling): another event.
        if a.title_companies.iter().any(|c| !shared(c)) {
            score *= 0.75;
        }
        // Product news beside a story of charges, or the other way round.
        let story_charged = s.charged * 2 > s.articles;
        if story_charged != signals.charged {
            score *= 0.8;
        }
        score
    }

    /// The stories an article fits, best first, with their scores.
    pub fn candidates(&mut self, a: &ArticleSignals) -> Vec<(StoryId, f32)> {
        let company_ids =
            |names: &[String]| -> Vec<Option<u32>> { names.iter().map(|c| self.company_ids.get(c).copied()).collect() };
        let (companies, title_companies) = (company_ids(&a.companies), company_ids(&a.title_companies));
        let (weighed, norm) = self.weigh(a);
        let mut ids = std::mem::take(&mut self.scratch.stories);
        ids.clear();
        let mut rare = std::mem::take(&mut self.scratch.rare);
        rare.clear();
        let fits = |id: &&StoryId| self.spans.fits(**id, a.time);
        for c in companies.iter().flatten() {
            ids.extend(self.by_company[*c as usize].iter().filter(fits));
        }
        for l in a.links() {
            if let Some(s) = self.by_link.get(l).filter(fits) {
                ids.push(*s);
            }
        }
        rare.extend(weighed.iter().map(|(id, _)| (*id, self.idf(*id))));
        // The six rarest, in no order: their stories are sorted below.
        if rare.len() > 6 {
            rare.select_nth_unstable_by(5, |x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            rare.truncate(6);
        }
        for (id, _) in rare.drain(..) {
            ids.extend(
                self.by_term[id as usize]
                    .iter()
                    .map(|s| self.live(*s))
                    .filter(|s| fits(&s)),
            );
        }
        let slots = self.spans.times.len();
        self.gathered.resize(slots.div_ceil(64), 0);
        ids.retain(|id| {
            self.spans.slot(*id).is_some_and(|i| {
                let (word, bit) = (i / 64, 1u64 << (i % 64));
                let first = self.gathered[word] & bit == 0;
                self.gathered[word] |= bit;
                first
            })
        });
        for id in &ids {
            if let Some(i) = self.spans.slot(*id) {
                self.gathered[i / 64] = 0;
            }
        }
        for (id, x) in &weighed {
            self.terms[*id as usize].placing = *x;
        }
        let mut by_id = std::mem::take(&mut self.scratch.by_id);
        by_id.clone_from(&weighed);
        sort_by_id(&mut by_id);
        let placing = Placing {
            signals: a,
            norm,
            by_id,
            probes: Probes::of(&weighed, norm, std::mem::take(&mut self.scratch.probes)),
            companies,
            title_companies,
        };
        // A story that shares a link scores whatever its terms; any other
        // is passed over before it is looked up if its bits rule it out.
        let linked = !a.links().is_empty();
        let mut scored: Vec<(StoryId, f32)> = ids
            .drain(..)
            .filter(|id| linked || placing.probes.share_enough(self.spans.bits(*id)))
            .filter_map(|id| self.stories.get(&id).map(|s| (id, self.score(&placing, id, s))))
            .filter(|(_, s)| *s >= JOIN_THRESHOLD)
            .collect();
        for (id, _) in &weighed {
            self.terms[*id as usize].placing = 0.0;
        }
        self.scratch = Scratch {
            stories: ids,
            rare,
            weighed,
            probes: placing.probes.terms,
            by_id: placing.by_id,
            ..std::mem::take(&mut self.scratch)
        };
        scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        scored
    }

    /// Every story active at or after `time` is indexed from now on.
    pub fn set_complete_from(&mut self, time: i64) {
        self.complete_from = time;
    }

    /// Whether stories an article at `time` could join may be missing
    /// (they left the index, or were never loaded): the time from which
    /// the index holds them all.
    pub fn misses(&self, time: i64) -> Option<i64> {
        (time.saturating_sub(WINDOW) < self.complete_from).then_some(self.complete_from)
    }

    /// Whether `story` is indexed.
    pub fn holds(&self, story: StoryId) -> bool {
        self.stories.contains_key(&story)
    }

    /// The story `story` now is: itself, or the one it was merged into.
    fn live(&self, story: StoryId) -> StoryId {
        self.merged.get(&story).copied().unwrap_or(story)
    }

    fn term_id(&self, t: &str, hash: u64) -> Option<u32> {
        self.vocab
            .find(hash, |(s, _)| s.bytes() == t.as_bytes())
            .map(|(_, id)| *id)
    }

    /// The id of term `t` (whose hash is `hash`); a new term gets the next
    /// id and empty postings.
    fn intern(&mut self, t: &str, hash: u64) -> u32 {
        if let Some(id) = self.term_id(t, hash) {
            return id;
        }
        let id = self.by_term.len() as u32;
        self.vocab
            .insert_unique(hash, (Term::new(t), id), |(s, _)| term_hash_of_bytes(s.bytes()));
        self.by_term.push(Vec::new());
        self.df.push(0);
        self.terms.push(TermStat::default());
        id
    }

    /// Notes that a new article joined `story` in this transaction.
    pub fn note_grown(&mut self, story: StoryId) {
        self.grown.push(story);
    }

    /// The stories new articles joined since the last call.
    pub fn take_grown(&mut self) -> Vec<StoryId> {
        std::mem::take(&mut self.grown)
    }

    /// Records that an article with these signals is now part of `story`.
    pub fn add(&mut self, story: StoryId, a: &ArticleSignals) {
        self.add_counting(story, a, true);
    }

    /// [`StoryIndex::add`] for an article of a story read back from the
    /// store; its terms count in the statistics unless they did before.
    pub fn add_recalled(&mut self, story: StoryId, a: &ArticleSignals) {
        let count = !self.let_go.contains(&story);
        self.add_counting(story, a, count);
    }

    fn add_counting(&mut self, story: StoryId, a: &ArticleSignals, count: bool) {
        if count {
            self.docs += 1;
            self.log_docs = (1.0 + self.docs as f32).ln();
        }
        let mut ids = std::mem::take(&mut self.scratch.added);
        ids.clear();
        // The ids looked up when this article was weighed, if it just was.
        let known = self
            .weighed
            .take()
            .filter(|(key, _)| *key == a.wording.key())
            .map(|(_, ids)| ids);
        for (i, (t, h, w)) in a.wording.hashed_terms().enumerate() {
            let id = match known.as_ref().and_then(|k| k[i]) {
                Some(id) => id,
                None => self.intern(t, h),
            };
            if count {
                self.df[id as usize] += 1;
                self.terms[id as usize].log_df = (1.0 + self.df[id as usize] as f32).ln();
            }
            ids.push((id, w));
        }
        let mut sig = self.stories.remove(&story).unwrap_or_else(|| Signature {
            first: a.time,
            last: a.time,
            ..Default::default()
        });
        sig.first = sig.first.min(a.time);
        sig.last = sig.last.max(a.time);
        sig.articles += 1;
        sig.charged += u32::from(a.charged);
        // A term the story holds already lists it (or a story merged into it).
        let by_term = &mut self.by_term;
        sig.add_terms(&ids, |id| insert_sorted(&mut by_term[id as usize], story));
        for c in &a.companies {
            let c = intern_company(&mut self.company_ids, &mut self.by_company, c);
            insert_sorted(&mut sig.companies, c);
            insert_sorted(&mut self.by_company[c as usize], story);
        }
        sig.links.extend(a.links().iter().cloned());
        self.spans.set(story, sig.first, sig.last);
        if let Some(bits) = self.spans.bits_mut(story) {
            ids.iter().for_each(|(id, _)| bits.set(*id));
        }
        self.oldest_last = self.oldest_last.map(|t| t.min(sig.last));
        self.stories.insert(story, sig);
        for l in a.links() {
            self.by_link.insert(l.clone(), story);
        }
        self.scratch.added = ids;
        if let Some(known) = known {
            self.scratch.term_ids = known;
        }
        if a.time > self.newest {
            self.newest = a.time;
            self.evict();
        }
    }

    /// Moves everything of `from` into `into`.
    pub fn merge(&mut self, from: StoryId, into: StoryId) {
        let Some(old) = self.stories.remove(&from) else { return };
        for c in &old.companies {
            replace_sorted(&mut self.by_company[*c as usize], from, into);
        }
        // Term lists keep `from`, now read as `into`; a link is mapped from
        // its stories' links.
        for target in self.merged.values_mut().filter(|t| **t == from) {
            *target = into;
        }
        self.merged.insert(from, into);
        for l in &old.links {
            if let Some(s) = self.by_link.get_mut(l).filter(|s| **s == from) {
                *s = into;
            }
        }
        let mut sig = self.stories.remove(&into).unwrap_or_default();
        sig.first = if sig.articles == 0 {
            old.first
        } else {
            sig.first.min(old.first)
        };
        sig.last = sig.last.max(old.last);
        sig.articles += old.articles;
        sig.charged += old.charged;
        sig.add_terms(&old.terms, |_| {});
        for c in old.companies {
            insert_sorted(&mut sig.companies, c);
        }
        sig.links.extend(old.links);
        let from_bits = self.spans.bits(from).clone();
        self.spans.clear(from);
        self.spans.set(into, sig.first, sig.last);
        if let Some(bits) = self.spans.bits_mut(into) {
            bits.add(&from_bits);
        }
        self.stories.insert(into, sig);
    }

    fn evict(&mut self) {
        let horizon = self.newest - INDEX_HORIZON;
        // Without the bound, every article that moves `newest` on would go
        // over every story of the last 30 days.
        if self.stories.len() < 4096 || self.oldest_last.is_some_and(|t| horizon <= t) {
            return;
        }
        self.oldest_last = Some(
            self.stories
                .values()
                .map(|s| s.last)
                .filter(|last| *last >= horizon)
                .min()
                .unwrap_or(i64::MAX),
        );
        self.complete_from = self.complete_from.max(horizon);
        self.forget(self.last_before(horizon));
    }

    /// Lets go of the stories read back for older articles once the index
    /// holds more than [`RECALLED_AT_MOST`] stories: an archive of years
    /// added at once would otherwise bring every story of those years into
    /// memory. Called when a transaction ends.
    pub fn let_go_of_recalled(&mut self) {
        if self.stories.len() <= RECALLED_AT_MOST {
            return;
        }
        self.forget(self.last_before(self.complete_from));
    }

    /// The stories whose last article is older than `time`.
    fn last_before(&self, time: i64) -> FxHashSet<StoryId> {
        self.stories
            .iter()
            .filter(|(_, s)| s.last < time)
            .map(|(id, _)| *id)
            .collect()
    }

    /// Drops `old` stories from the index.
    fn forget(&mut self, old: FxHashSet<StoryId>) {
        if old.is_empty() {
            return;
        }
        self.stories.retain(|id, _| !old.contains(id));
        for id in &old {
            self.spans.clear(*id);
        }
        self.spans.forget_below(self.stories.keys().min().copied());
        for stories in &mut self.by_company {
            stories.retain(|id| !old.contains(id));
        }
        let merged = &self.merged;
        for postings in &mut self.by_term {
            postings.retain(|id| !old.contains(merged.get(id).unwrap_or(id)));
        }
        self.merged.retain(|_, into| !old.contains(into));
        self.by_link.retain(|_, id| !old.contains(id));
        self.let_go.extend(old);
    }
}

/// The article's known terms as [`Placing`] probes stories' [`TermBits`]
/// with them: heaviest first, each with its squared weight in the article
/// and the squared weights of it and the lighter ones.
struct Probes {
    terms: Vec<Probe>,
    /// The squared weight shared terms must reach, a little under
    /// [`JOIN_THRESHOLD`] for rounding.
    needed: f32,
}

impl Probes {
    /// Probes for the article's `weighed` terms, made in `terms` (emptied first).
    fn of(weighed: &[(u32, f32)], norm: f32, mut terms: Vec<Probe>) -> Probes {
        terms.clear();
        // Squares are never negative, so their bits order them as numbers:
        // the heaviest first, then by id, as one integer each, which sorts
        // faster than the terms.
        let mut order: Vec<u64> = weighed
            .iter()
            .map(|(id, x)| (u64::from(!(x * x).to_bits()) << 32) | u64::from(*id))
            .collect();
        order.sort_unstable();
        terms.extend(order.iter().map(|key| {
            let x2 = f32::from_bits(!((key >> 32) as u32));
            (TermBits::place(*key as u32), x2, 0.0)
        }));
        let mut rest: f32 = terms.iter().map(|(_, x2, _)| x2).sum();
        for (_, x2, rest_then) in &mut terms {
            *rest_then = rest;
            rest -= *x2;
        }
        Probes {
            terms,
            needed: (JOIN_THRESHOLD * norm).powi(2) * 0.999,
        }
    }

    /// Whether the article's terms a story may hold weigh enough for the
    /// cosine to reach [`JOIN_THRESHOLD`]. The dot product comes only from
    /// terms both hold, so by Cauchy–Schwarz the cosine is at most the norm
    /// of the article's weights on those terms over the article's norm;
    /// `bits` may claim terms the story lacks, which only raises the bound.
    /// Stops as soon as the answer is known.
    fn share_enough(&self, bits: &TermBits) -> bool {
        let mut shared = 0.0;
        for (at, x2, rest) in &self.terms {
            if shared + rest < self.needed {
                return false;
            }
            if bits.has(*at) {
                shared += x2;
                if shared >= self.needed {
                    return true;
                }
            }
        }
        shared >= self.needed
    }
}

/// A story's terms as bits, each term id to bit `id mod TermBits::BITS`: a
/// bit clear says the story never held the term, a bit set that it may have.
#[derive(Debug, Clone)]
struct TermBits([u64; TermBits::WORDS]);

impl Default for TermBits {
    fn default() -> TermBits {
        TermBits([0; TermBits::WORDS])
    }
}

impl TermBits {
    const WORDS: usize = 64;
    #[cfg(test)]
    const BITS: u32 = TermBits::WORDS as u32 * 64;

    /// The word and mask of term `id`'s bit.
    fn place(id: u32) -> (usize, u64) {
        (((id >> 6) as usize) % TermBits::WORDS, 1 << (id & 63))
    }

    fn set(&mut self, id: u32) {
        let (word, mask) = TermBits::place(id);
        self.0[word] |= mask;
    }

    fn has(&self, (word, mask): (usize, u64)) -> bool {
        self.0[word] & mask != 0
    }

    fn add(&mut self, other: &TermBits) {
        for (x, y) in self.0.iter_mut().zip(other.0.iter()) {
            *x |= y;
        }
    }
}

/// What the story index keeps of a term id, see [`StoryIndex::terms`].
#[derive(Debug, Clone, Copy, Default)]
struct TermStat {
    log_df: f32,
    placing: f32,
}

/// An article's wording key and its terms' ids (`None`: new to the index).
type Weighed = ((usize, usize), Vec<Option<u32>>);

/// A term of the placed article as it probes stories' bits: where its bit
/// is, its squared weight, and the squared weights of it and the lighter
/// terms.
type Probe = ((usize, u64), f32, f32);

/// The lists placing an article fills, kept so that each article reuses
/// the last one's room.
#[derive(Debug, Default)]
struct Scratch {
    /// Candidate stories, as gathered.
    stories: Vec<StoryId>,
    /// The article's rarest terms.
    rare: Vec<(u32, f32)>,
    /// The article's known terms, weighed.
    weighed: Vec<(u32, f32)>,
    /// The same, by term id.
    by_id: Vec<(u32, f32)>,
    /// The ids of the article's terms, as [`StoryIndex::weigh`] found them.
    term_ids: Vec<Option<u32>>,
    probes: Vec<Probe>,
    /// The terms [`StoryIndex::add`] adds to a story.
    added: Vec<(u32, f32)>,
}

/// The time spans and term bits of the indexed stories in a table by story
/// id, from the lowest id indexed: ids grow with time, and evicted stories
/// are the old ones.
#[derive(Debug, Default)]
struct Spans {
    base: i64,
    /// First and last article time; (MAX, MIN) for a story not indexed.
    times: Vec<(i64, i64)>,
    /// Every term each story has held (none for a story not indexed).
    bits: Vec<TermBits>,
}

impl Spans {
    const NONE: (i64, i64) = (i64::MAX, i64::MIN);

    /// Whether an article at `time` is within [`WINDOW`] of the story: the
    /// first test of [`StoryIndex::score`], made without the story.
    fn fits(&self, story: StoryId, time: i64) -> bool {
        let (first, last) = usize::try_from(story.0 - self.base)
            .ok()
            .and_then(|i| self.times.get(i))
            .copied()
            .unwrap_or(Self::NONE);
        time >= first.saturating_sub(WINDOW) && time <= last.saturating_add(WINDOW)
    }

    fn set(&mut self, story: StoryId, first: i64, last: i64) {
        if self.times.is_empty() {
            self.base = story.0;
        }
        if story.0 < self.base {
            let grow = usize::try_from(self.base - story.0).unwrap_or(0);
            self.times.splice(0..0, std::iter::repeat_n(Self::NONE, grow));
            self.bits.splice(0..0, std::iter::repeat_n(TermBits::default(), grow));
            self.base = story.0;
        }
        let i = usize::try_from(story.0 - self.base).unwrap_or(0);
        if i >= self.times.len() {
            self.times.resize(i + 1, Self::NONE);
            self.bits.resize(i + 1, TermBits::default());
        }
        self.times[i] = (first, last);
    }

    /// The story's term bits; none for a story not indexed.
    fn bits(&self, story: StoryId) -> &TermBits {
        static NONE: TermBits = TermBits([0; TermBits::WORDS]);
        self.slot(story).map_or(&NONE, |i| &self.bits[i])
    }

    /// The term bits of `story`, once [`Spans::set`] has indexed it.
    fn bits_mut(&mut self, story: StoryId) -> Option<&mut TermBits> {
        self.slot(story).map(|i| &mut self.bits[i])
    }

    fn slot(&self, story: StoryId) -> Option<usize> {
        usize::try_from(story.0 - self.base)
            .ok()
            .filter(|i| *i < self.times.len())
    }

    fn clear(&mut self, story: StoryId) {
        if let Some(i) = self.slot(story) {
            self.times[i] = Self::NONE;
            self.bits[i] = TermBits::default();
        }
    }

    /// Drops the table below `lowest`, the lowest story id still indexed.
    fn forget_below(&mut self, lowest: Option<StoryId>) {
        let Some(lowest) = lowest else {
            self.times.clear();
            self.bits.clear();
            return;
        };
        let drop = usize::try_from(lowest.0 - self.base).unwrap_or(0).min(self.times.len());
        self.times.drain(..drop);
        self.bits.drain(..drop);
        self.base += drop as i64;
    }
}

/// An article being placed, with its norm and its companies' ids (`None`
/// for a company no story in the index has).
struct Placing<'a> {
    signals: &'a ArticleSignals<'a>,
    norm: f32,
    /// The article's known terms and their weights, sorted by id.
    by_id: Vec<(u32, f32)>,
    probes: Probes,
    companies: Vec<Option<u32>>,
    title_companies: Vec<Option<u32>>,
}

/// The hash by which the story index finds a term.
fn term_hash(t: &str) -> u64 {
    term_hash_of_bytes(t.as_bytes())
}

fn term_hash_of_bytes(t: &[u8]) -> u64 {
    FxBuildHasher.hash_one(t)
}

/// A term as the story index keeps it: most terms are short and are kept
/// in the table's own entry, so looking one up reads no other memory.
#[derive(Debug)]
enum Term {
    Inline(u8, [u8; 22]),
    Boxed(Box<[u8]>),
}

impl Term {
    fn new(t: &str) -> Term {
        let mut bytes = [0u8; 22];
        match bytes.get_mut(..t.len()) {
            Some(inline) => {
                inline.copy_from_slice(t.as_bytes());
                Term::Inline(t.len() as u8, bytes)
            }
            None => Term::Boxed(t.as_bytes().into()),
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Term::Inline(len, bytes) => &bytes[..usize::from(*len)],
            Term::Boxed(bytes) => bytes,
        }
    }
}

/// The id of `name` in `ids`; a new name gets the next id and empty
/// postings.
fn intern_company(ids: &mut FxHashMap<String, u32>, postings: &mut Vec<Vec<StoryId>>, name: &str) -> u32 {
    if let Some(&id) = ids.get(name) {
        return id;
    }
    let id = postings.len() as u32;
    ids.insert(name.to_owned(), id);
    postings.push(Vec::new());
    id
}

/// `into` in place of `from` in `sorted`, when `from` is there.
fn replace_sorted(sorted: &mut Vec<StoryId>, from: StoryId, into: StoryId) {
    if let Ok(i) = sorted.binary_search(&from) {
        sorted.remove(i);
        insert_sorted(sorted, into);
    }
}

/// Adds `x` to `sorted` unless it is there; stories are mostly newer than
/// those listed, so this is mostly a push, and otherwise `x` mostly belongs
/// among the last few, which are read before the whole list is searched.
fn insert_sorted<T: Ord>(sorted: &mut Vec<T>, x: T) {
    const TAIL: usize = 8;
    let tail = sorted.len().saturating_sub(TAIL);
    let at = match sorted[tail..].iter().rposition(|y| *y <= x) {
        Some(i) if sorted[tail + i] == x => return,
        Some(i) => tail + i + 1,
        None if tail == 0 => 0,
        None => match sorted[..tail].binary_search(&x) {
            Ok(_) => return,
            Err(i) => i,
        },
    };
    if at == sorted.len() {
        sorted.push(x);
    } else {
        sorted.insert(at, x);
    }
}

impl Signature {
    /// Adds term weights to the story's (see [`add_terms`]), and sums the
    /// squares of its weights again.
    fn add_terms(&mut self, add: &[(u32, f32)], new_term: impl FnMut(u32)) {
        add_terms(&mut self.terms, add, new_term);
        self.weight_sq = self.terms.iter().map(|(_, w)| f64::from(*w).powi(2)).sum();
    }
}

/// Adds term weights (distinct ids, in any order) into a story's vector,
/// sorted by id, keeping the heaviest [`STORY_TERMS`]; `new_term` is told
/// each id the vector lacked.
fn add_terms(into: &mut Vec<(u32, f32)>, add: &[(u32, f32)], mut new_term: impl FnMut(u32)) {
    let mut add = add.to_vec();
    sort_by_id(&mut add);
    let mut terms = Vec::with_capacity(into.len() + add.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (into.get(i), add.get(j)) {
        match x.0.cmp(&y.0) {
            Ordering::Less => {
                terms.push(x);
                i += 1;
            }
            Ordering::Greater => {
                terms.push(y);
                new_term(y.0);
                j += 1;
            }
            Ordering::Equal => {
                terms.push((x.0, x.1 + y.1));
                i += 1;
                j += 1;
            }
        }
    }
    terms.extend_from_slice(&into[i..]);
    terms.extend_from_slice(&add[j..]);
    add[j..].iter().for_each(|(id, _)| new_term(*id));
    if terms.len() > STORY_TERMS {
        // The lightest go, the others keep their order.
        let heaviest_first = |(id, w): &(u32, f32)| (u64::from(descending(*w)) << 32) | u64::from(*id);
        let mut order: Vec<u64> = terms.iter().map(heaviest_first).collect();
        let (_, last_kept, _) = order.select_nth_unstable(STORY_TERMS - 1);
        let last_kept = *last_kept;
        terms.retain(|t| heaviest_first(t) <= last_kept);
    }
    *into = terms;
}

/// Sorts terms of distinct ids by id: as integers, which sort faster than
/// pairs.
fn sort_by_id(terms: &mut [(u32, f32)]) {
    let mut keys: Vec<u64> = terms
        .iter()
        .map(|(id, w)| (u64::from(*id) << 32) | u64::from(w.to_bits()))
        .collect();
    keys.sort_unstable();
    for (term, key) in terms.iter_mut().zip(keys) {
        *term = ((key >> 32) as u32, f32::from_bits(key as u32));
    }
}

/// A weight as an integer that orders weights from the heaviest, as
/// [`f32::total_cmp`] does from the lightest.
fn descending(w: f32) -> u32 {
    let bits = w.to_bits();
    let total = bits ^ (((bits as i32 >> 31) as u32) >> 1);
    !(total ^ 0x8000_0000)
}

/// What grouping reads in an article's words: its terms, weighted (the
/// title's twice, then the lede's), and the evidence it points to. It
/// depends on the article alone, so it is computed while the article is
/// prepared, off the store's writer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wording {
    /// Distinct terms, sorted, each ended by a space (no term has one): one
    /// string, as items wait in queues and in the poll's reuse cache.
    terms: String,
    /// The terms' weights, in the same order.
    weights: Vec<f32>,
    /// The terms' hashes ([`term_hash`]), in the same order: worked out here,
    /// off the writer, where the story index looks the terms up.
    hashes: Vec<u64>,
    /// Where each term ends in `terms` (at its space), in the same order:
    /// the story index reads the terms twice an article, without looking
    /// for the spaces again.
    ends: Vec<u32>,
    /// Court filings, press releases and case numbers, sorted.
    pub evidence: Vec<String>,
}

impl Wording {
    pub fn of(title: &str, text: &str, links: &[String]) -> Wording {
        Wording::with_case_numbers(title, text, links, case_numbers(text))
    }

    /// The wording with the case numbers given (as stored, read from the
    /// whole text when the article was), of which `text` may be the start.
    pub fn with_case_numbers(title: &str, text: &str, links: &[String], cases: Vec<String>) -> Wording {
        let mut terms: FxHashMap<String, f32> = FxHashMap::default();
        for t in tokens(title) {
            *terms.entry(t).or_default() += 2.0;
        }
        for t in tokens(text).take(LEDE_WORDS) {
            *terms.entry(t).or_default() += 1.0;
        }
        let mut sorted: Vec<(String, f32)> = terms.into_iter().collect();
        sorted.sort_unstable_by(|x, y| x.0.cmp(&y.0));
        let mut terms = String::with_capacity(sorted.iter().map(|(t, _)| t.len() + 1).sum());
        let mut ends = Vec::with_capacity(sorted.len());
        for (t, _) in &sorted {
            terms.push_str(t);
            ends.push(terms.len() as u32);
            terms.push(' ');
        }
        let weights = sorted.iter().map(|(_, w)| *w).collect();
        let hashes = sorted.iter().map(|(t, _)| term_hash(t)).collect();
        let mut evidence: Vec<String> = links.iter().filter_map(|l| evidence_link(l)).collect();
        evidence.extend(cases.into_iter().map(|c| format!("case:{c}")));
        evidence.sort_unstable();
        evidence.dedup();
        Wording {
            terms,
            weights,
            hashes,
            ends,
            evidence,
        }
    }

    /// The court case numbers among the evidence.
    pub fn case_numbers(&self) -> impl Iterator<Item = &str> {
        self.evidence.iter().filter_map(|e| e.strip_prefix("case:"))
    }

    /// Tells this wording from another while both are alive: where its
    /// terms are and how long they are.
    fn key(&self) -> (usize, usize) {
        (self.terms.as_ptr() as usize, self.terms.len())
    }

    /// The terms with their weights, sorted by term.
    pub fn terms(&self) -> impl Iterator<Item = (&str, f32)> {
        self.hashed_terms().map(|(t, _, w)| (t, w))
    }

    /// The terms with their hashes and weights, sorted by term.
    fn hashed_terms(&self) -> impl Iterator<Item = (&str, u64, f32)> {
        let mut start = 0;
        self.ends
            .iter()
            .zip(&self.hashes)
            .zip(&self.weights)
            .map(move |((end, h), w)| {
                let end = *end as usize;
                let t = &self.terms[start..end];
                start = end + 1;
                (t, *h, *w)
            })
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// What grouping looks at in an article.
#[derive(Debug, Clone, Default)]
pub struct ArticleSignals<'a> {
    pub wording: Cow<'a, Wording>,
    /// Distinct.
    pub companies: Vec<String>,
    /// Companies named in the title: who the article is about. Distinct.
    pub title_companies: Vec<String>,
    pub charged: bool,
    pub time: i64,
}

/// The parts of an article grouping is computed from.
#[derive(Debug, Clone, Copy)]
pub struct SignalParts<'a> {
    pub title: &'a str,
    /// The text, or its start: the case numbers are given.
    pub text: &'a str,
    /// The whole text's case numbers.
    pub case_numbers: &'a [String],
    pub companies: &'a [String],
    pub title_companies: &'a [String],
    pub links: &'a [String],
    pub charged: bool,
    pub time: i64,
}

impl ArticleSignals<'_> {
    /// The signals of a prepared item, with the wording it was prepared with
    /// when it has one.
    pub fn of(item: &PreparedItem, now: i64) -> ArticleSignals<'_> {
        let wording = match &item.wording {
            Some(w) => Cow::Borrowed(w),
            None => Cow::Owned(Wording::of(&item.title, &item.text, &item.links)),
        };
        ArticleSignals {
            wording,
            companies: distinct(&item.companies),
            title_companies: distinct(&item.title_companies),
            charged: !item.findings.allegations.is_empty(),
            time: item.published_at.unwrap_or(now),
        }
    }

    pub fn from_parts(p: SignalParts) -> ArticleSignals<'static> {
        ArticleSignals {
            wording: Cow::Owned(Wording::with_case_numbers(
                p.title,
                p.text,
                p.links,
                p.case_numbers.to_vec(),
            )),
            companies: distinct(p.companies),
            title_companies: distinct(p.title_companies),
            charged: p.charged,
            time: p.time,
        }
    }

    fn links(&self) -> &[String] {
        &self.wording.evidence
    }
}

fn distinct(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        if !out.contains(n) {
            out.push(n.clone());
        }
    }
    out
}

/// Court case numbers in a text: US dockets ("1:20-cv-03010", "3:24-cv-01"),
/// EU cases ("AT.40437", "C-311/18", "T-604/18"). They name one case exactly.
pub fn case_numbers(text: &str) -> Vec<String> {
    let is_break = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '“' | '”' | '"');
    let mut out: Vec<String> = Vec::new();
    let mut from = 0;
    // Every form below has digits and most words have none: only the words
    // around digits are looked at.
    while let Some(digit) = text.as_bytes()[from..].iter().position(u8::is_ascii_digit) {
        let digit = from + digit;
        let start = text[..digit]
            .char_indices()
            .rev()
            .find(|(_, c)| is_break(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[digit..].find(is_break).map_or(text.len(), |i| digit + i);
        from = end;
        let raw = &text[start..end];
        let w = raw.trim_end_matches(['.', ':']);
        let lower = w.to_ascii_lowercase();
        let docket = lower.contains("-cv-") || lower.contains("-cr-") || lower.contains("-mc-");
        let docket = docket && lower.chars().filter(char::is_ascii_digit).count() >= 5;
        let eu_antitrust = (lower.starts_with("at.") || lower.starts_with("m."))
            && lower[lower.find('.').unwrap_or(0) + 1..]
                .chars()
                .all(|c| c.is_ascii_digit())
            && lower.len() >= 7;
        let eu_court = (lower.starts_with("c-") || lower.starts_with("t-"))
            && lower.contains('/')
            && lower[2..].chars().all(|c| c.is_ascii_digit() || c == '/');
        if docket || eu_antitrust || eu_court {
            // "1:23-cv-00108-LMB": the judge's initials vary between outlets.
            let core: String = lower.split('-').take(3).collect::<Vec<_>>().join("-");
            if !out.contains(&core) {
                out.push(core);
            }
        }
    }
    out
}

/// Links that identify the event itself: court dockets and filings,
/// regulators' and companies' press releases, documents.
pub fn evidence_link(link: &str) -> Option<String> {
    // Most links are to articles: a look at the raw link, which contains
    // everything its canonical form does, rules them out cheaply.
    static MIGHT_BE: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let patterns = EVIDENCE_HOSTS.iter().chain(EVIDENCE_PATHS).chain(&[".pdf"]);
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .expect("fixed patterns")
    });
    if !MIGHT_BE.is_match(link) {
        return None;
    }
    let canon = super::dedup::canonical_url(link)?;
    let lower = canon.to_ascii_lowercase();
    let host = lower.split('/').next().unwrap_or("");
    let evidence_host = EVIDENCE_HOSTS.iter().any(|h| host.contains(h) || lower.contains(h));
    let evidence_path = lower.ends_with(".pdf") || EVIDENCE_PATHS.iter().any(|p| lower.contains(p));
    (evidence_host || evidence_path).then_some(canon)
}

/// Hosts (or host-and-path prefixes) of courts, regulators and document stores.
const EVIDENCE_HOSTS: &[&str] = &[
    "courtlistener.com",
    "pacer",
    "uscourts.gov",
    "supremecourt.gov",
    "justice.gov",
    "ftc.gov",
    "sec.gov",
    "fcc.gov",
    "ec.europa.eu",
    "curia.europa.eu",
    "gov.uk",
    "ico.org.uk",
    "dataprotection.ie",
    "cnil.fr",
    "oag.",
    "ag.",
    "documentcloud.org",
    "scribd.com/document",
    "regulations.gov",
    "congress.gov",
];

/// Paths of dockets and press releases on any host.
const EVIDENCE_PATHS: &[&str] = &["/docket", "/press-release", "/pressroom", "/newsroom/"];

const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "year",
    "years",
    "week",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "company",
    "companies",
    "told",
    "according",
    "one",
    "two",
    "first",
    "last",
    "may",
    "might",
    "must",
    "per",
    "cent",
    "percent",
    "like",
    "get",
    "got",
    "make",
    "made",
    "people",
    "time",
    "news",
    "report",
    "reported",
    "via",
    "read",
    "more",
    "it's",
    "image",
    "photo",
    // The commonest words of the other languages feeds come in (Spanish,
    // French, German, Portuguese, Italian): rare in an English store, they
    // would weigh as much as names and join unrelated articles. Not those
    // that name things in English news ("war", "son", "MIT", "OS", "UN", "DA").
    "el",
    "la",
    "los",
    "las",
    "del",
    "de",
    "por",
    "con",
    "para",
    "una",
    "uno",
    "que",
    "se",
    "su",
    "sus",
    "es",
    "lo",
    "como",
    "más",
    "pero",
    "sobre",
    "este",
    "esta",
    "entre",
    "cuando",
    "también",
    "fue",
    "ha",
    "han",
    "sin",
    "desde",
    "hasta",
    "ya",
    "muy",
    "ni",
    "otro",
    "otra",
    "le",
    "les",
    "des",
    "du",
    "et",
    "est",
    "une",
    "dans",
    "pour",
    "pas",
    "par",
    "sur",
    "au",
    "aux",
    "avec",
    "ce",
    "cette",
    "qui",
    "ne",
    "plus",
    "sa",
    "ses",
    "il",
    "elle",
    "ils",
    "ont",
    "été",
    "mais",
    "ou",
    "où",
    "nous",
    "vous",
    "leur",
    "comme",
    "tout",
    "der",
    "die",
    "das",
    "und",
    "ist",
    "nicht",
    "ein",
    "eine",
    "einen",
    "dem",
    "den",
    "von",
    "zu",
    "auf",
    "für",
    "im",
    "auch",
    "sich",
    "sie",
    "er",
    "wir",
    "ihr",
    "bei",
    "aus",
    "nach",
    "wie",
    "noch",
    "oder",
    "aber",
    "nur",
    "wird",
    "werden",
    "hat",
    "sind",
    "über",
    "vor",
    "dos",
    "em",
    "um",
    "uma",
    "não",
    "na",
    "ao",
    "pelo",
    "pela",
    "são",
    "foi",
    "mais",
    "di",
    "che",
    "non",
    "della",
    "delle",
    "dei",
    "gli",
    "nel",
    "nella",
    "alla",
    "sono",
    "anche",
];

/// Lower-cased, stemmed content words.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .map(|w| w.trim_matches(|c| c == '’' || c == '\''))
        .map(|w| w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w))
        // Five bytes are at least two characters.
        .filter(|w| w.len() >= 5 || (w.len() >= 2 && w.chars().nth(1).is_some()))
        .filter_map(|w| {
            let lower = if w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            };
            (!crate::words!(STOPWORDS).contains(&lower)).then(|| stem(lower.into_owned()))
        })
}

fn stem(mut w: String) -> String {
    let n = w.len();
    for (suffix, min) in [("ies", 5), ("ing", 6), ("ed", 5), ("es", 5), ("s", 4)] {
        if n >= min && w.ends_with(suffix) && !w.ends_with("ss") && w.is_ascii() {
            w.truncate(n - suffix.len());
            if suffix == "ies" {
                w.push('y');
            }
            return w;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn weights_made_integers_order_from_the_heaviest(a in proptest::num::f32::ANY, b in proptest::num::f32::ANY) {
            proptest::prop_assert_eq!(descending(a).cmp(&descending(b)), b.total_cmp(&a));
        }

        #[test]
        fn a_story_keeps_its_heaviest_terms_summed_and_sorted_by_id(
            start in proptest::collection::btree_map(0u32..1500, 1u16..40, 0..300),
            added in proptest::collection::btree_map(0u32..1500, 1u16..40, 0..120),
            seed in 1u64..,
        ) {
            // Quarter weights tie often, so ties are broken by id.
            let start: Vec<(u32, f32)> = start.into_iter().map(|(id, w)| (id, f32::from(w) / 4.0)).collect();
            let mut added: Vec<(u32, f32)> = added.into_iter().map(|(id, w)| (id, f32::from(w) / 4.0)).collect();
            let mut seed = seed;
            for i in (1..added.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                added.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let mut expected: std::collections::BTreeMap<u32, f32> = start.iter().copied().collect();
            let mut expected_new: Vec<u32> = Vec::new();
            for (id, w) in &added {
                match expected.get_mut(id) {
                    Some(held) => *held += w,
                    None => {
                        expected.insert(*id, *w);
                        expected_new.push(*id);
                    }
                }
            }
            expected_new.sort_unstable();
            let mut expected: Vec<(u32, f32)> = expected.into_iter().collect();
            expected.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            expected.truncate(STORY_TERMS);
            expected.sort_by_key(|(id, _)| *id);

            let mut terms = start;
            let mut new = Vec::new();
            add_terms(&mut terms, &added, |id| new.push(id));
            proptest::prop_assert_eq!(terms, expected);
            proptest::prop_assert_eq!(new, expected_new);
        }

        #[test]
        fn sorted_lists_take_each_value_once_in_order(start in proptest::collection::vec(0u16..600, 0..60), adds in proptest::collection::vec(0u16..600, 0..60)) {
            let mut sorted: Vec<u16> = start.clone();
            sorted.sort_unstable();
            sorted.dedup();
            let mut expected: std::collections::BTreeSet<u16> = sorted.iter().copied().collect();
            for x in adds {
                insert_sorted(&mut sorted, x);
                expected.insert(x);
                proptest::prop_assert_eq!(&sorted, &expected.iter().copied().collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn story_spans_tell_which_stories_an_article_may_fit_without_looking_them_up() {
        let day = 86400;
        let mut spans = Spans::default();
        spans.set(StoryId(10), 100 * day, 101 * day);
        spans.set(StoryId(12), 110 * day, 110 * day);
        assert!(spans.fits(StoryId(10), 96 * day), "four days before the first article");
        assert!(spans.fits(StoryId(10), 105 * day), "four days after the last");
        assert!(!spans.fits(StoryId(10), 105 * day + 1));
        assert!(!spans.fits(StoryId(11), 100 * day), "a story not indexed");
        assert!(!spans.fits(StoryId(9), 100 * day));
        // A story below the lowest id so far (one created earlier, loaded later).
        spans.set(StoryId(7), 50 * day, 50 * day);
        assert!(spans.fits(StoryId(7), 50 * day) && spans.fits(StoryId(12), 110 * day));
        spans.clear(StoryId(7));
        assert!(!spans.fits(StoryId(7), 50 * day));
        spans.forget_below(Some(StoryId(12)));
        assert!(!spans.fits(StoryId(10), 100 * day));
        assert!(spans.fits(StoryId(12), 110 * day));
        assert_eq!(spans.times.len(), 1);
        spans.forget_below(None);
        assert!(!spans.fits(StoryId(12), 110 * day));
    }

    #[test]
    fn a_storys_term_bits_follow_it_through_merges_and_the_tables_moves() {
        let mut index = StoryIndex::default();
        index.add(StoryId(5), &signals("Meta fined"));
        index.add(StoryId(3), &signals("Tiktok banned"));
        let id = |t: &str| index.term_id(t, term_hash(t)).unwrap();
        let (meta, tiktok) = (id("meta"), id("tiktok"));
        let holds = |index: &StoryIndex, story: u32, term: u32| {
            index.spans.bits(StoryId(story.into())).has(TermBits::place(term))
        };
        assert!(holds(&index, 5, meta) && !holds(&index, 5, tiktok));
        assert!(holds(&index, 3, tiktok), "a story below the lowest id so far");
        index.merge(StoryId(3), StoryId(5));
        assert!(holds(&index, 5, meta) && holds(&index, 5, tiktok));
        assert!(!holds(&index, 3, tiktok), "a story merged away holds nothing");
        index.spans.forget_below(Some(StoryId(5)));
        assert!(holds(&index, 5, meta) && holds(&index, 5, tiktok));
        assert!(!holds(&index, 9, meta), "a story not indexed");
    }

    #[test]
    fn tokens_are_stemmed_content_words() {
        let t: Vec<String> = tokens("The FTC sues Amazon’s Prime subscriptions, accusing it").collect();
        assert_eq!(t, vec!["ftc", "sue", "amazon", "prime", "subscription", "accus"]);
    }

    #[test]
    fn the_commonest_words_of_other_languages_are_no_terms() {
        let t: Vec<String> = tokens("El presidente de la república y los ministros del Perú").collect();
        assert_eq!(t, vec!["presidente", "república", "ministro", "perú"]);
        let t: Vec<String> = tokens("Die Kommission hat gegen Meta und die Tochter ermittelt").collect();
        assert_eq!(t, vec!["kommission", "gegen", "meta", "tochter", "ermittelt"]);
        let t: Vec<String> = tokens("MIT researchers on the war").collect();
        assert_eq!(t, vec!["mit", "researcher", "war"]);
    }

    #[test]
    fn an_articles_wording_is_its_distinct_terms_weighted_title_first() {
        let w = Wording::of("Meta fined", "Regulators fined Meta again. Meta will appeal.", &[]);
        let terms: Vec<(&str, f32)> = w.terms().collect();
        // "again" and "will" are stop words; "fined" is stemmed crudely, alike everywhere.
        assert_eq!(
            terms,
            vec![("appeal", 1.0), ("fin", 3.0), ("meta", 4.0), ("regulator", 1.0)]
        );
        assert_eq!(w.len(), 4);
        assert!(Wording::of("", "", &[]).is_empty());
    }

    /// An article with only a title, at time 0.
    fn signals(title: &str) -> ArticleSignals<'static> {
        ArticleSignals {
            wording: Cow::Owned(Wording::of(title, "", &[])),
            ..Default::default()
        }
    }

    #[test]
    fn terms_one_article_brought_are_found_by_the_hash_another_brings() {
        let w = Wording::of("Meta fined", "Regulators fined Meta again.", &[]);
        assert!(w.hashed_terms().all(|(t, h, _)| h == term_hash(t)));
        let mut index = StoryIndex::default();
        index.add(StoryId(1), &signals("Meta fined in Ireland"));
        let meta = index.term_id("meta", term_hash("meta")).unwrap();
        index.add(StoryId(2), &signals("Meta appeals"));
        assert_eq!(index.term_id("meta", term_hash("meta")), Some(meta), "one id per term");
        assert_eq!(index.by_term[meta as usize], [StoryId(1), StoryId(2)]);
        assert_eq!(index.term_id("tiktok", term_hash("tiktok")), None);
    }

    #[test]
    fn stories_idle_past_the_horizon_leave_the_index_and_others_stay() {
        let day = 86400;
        let t0 = 1_700_000_000;
        let signals = |time: i64| ArticleSignals {
            wording: Cow::Owned(Wording::of("Meta fined", "", &[])),
            companies: Vec::new(),
            title_companies: Vec::new(),
            charged: false,
            time,
        };
        let mut index = StoryIndex::default();
        index.add(StoryId(1), &signals(t0));
        for i in 2..4200 {
            index.add(StoryId(i), &signals(t0 + 10 * day + i));
        }
        // Eviction looked and found nothing old enough: it knows how far back
        // the stories go, and does not look again before then.
        assert_eq!(index.stories.len(), 4199);
        assert_eq!(index.oldest_last, Some(t0));
        index.add(StoryId(5000), &signals(t0 + 31 * day));
        assert!(!index.stories.contains_key(&StoryId(1)), "idle for 31 days");
        assert_eq!(index.stories.len(), 4199);
        assert_eq!(index.oldest_last, Some(t0 + 10 * day + 2));
        assert!(!index.spans.fits(StoryId(1), t0));
        assert!(index.by_term.iter().all(|p| !p.contains(&StoryId(1))));
    }

    #[test]
    fn a_merged_story_is_found_by_its_terms_as_the_story_it_went_into() {
        let mut index = StoryIndex::default();
        index.add(StoryId(1), &signals("Meta fined over Instagram data"));
        index.add(StoryId(2), &signals("Regulator fines Meta"));
        index.add(StoryId(3), &signals("Meta appeals fine"));
        index.merge(StoryId(1), StoryId(2));
        index.merge(StoryId(2), StoryId(3));
        let found: Vec<StoryId> = index
            .candidates(&signals("Instagram data"))
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(
            found,
            [StoryId(3)],
            "only 1 had these words; 1 went into 2, and 2 into 3"
        );
    }

    #[test]
    fn every_term_a_story_holds_lists_it_through_growth_and_merges() {
        let words = [
            "meta",
            "fine",
            "instagram",
            "data",
            "ruling",
            "appeal",
            "court",
            "privacy",
            "google",
            "search",
            "ads",
            "amazon",
            "prime",
            "lawsuit",
            "regulator",
            "antitrust",
        ];
        let mut index = StoryIndex::default();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..300 {
            let story = StoryId(1 + next(12) as i64);
            if round % 7 == 6 {
                let other = StoryId(1 + next(12) as i64);
                if other != story && index.stories.contains_key(&story) && index.stories.contains_key(&other) {
                    index.merge(story, other);
                }
                continue;
            }
            let title: Vec<&str> = (0..4).map(|_| words[next(words.len() as u64) as usize]).collect();
            index.add(index.live(story), &signals(&title.join(" ")));
        }
        assert!(index.merged.len() > 3, "some stories were merged");
        for (story, sig) in &index.stories {
            for (term, _) in &sig.terms {
                assert!(
                    index.by_term[*term as usize].iter().any(|s| index.live(*s) == *story),
                    "term {term} of story {story:?}"
                );
            }
        }
    }

    #[test]
    fn a_story_passed_over_for_sharing_too_little_or_for_its_cosine_bound_could_not_have_been_joined() {
        // Words of four syllables, the same each run: more than a story's
        // bits (the first story alone holds 6,000), so that terms share bits too.
        let syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "pa", "zu", "fe"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let words = |n: usize, next: &mut dyn FnMut(usize) -> usize| -> String {
            (0..n)
                .map(|_| (0..4).map(|_| syllables[next(12)]).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let common: Vec<String> = (0..40).map(|_| words(1, &mut next)).collect();
        let title = |next: &mut dyn FnMut(usize) -> usize| -> String {
            let mut t = words(3 + next(6), next);
            for _ in 0..next(5) {
                t.push(' ');
                t.push_str(&common[next(common.len())]);
            }
            t
        };
        let mut index = StoryIndex::default();
        index.add(StoryId(1), &signals(&words(6000, &mut next)));
        assert!(index.by_term.len() > TermBits::BITS as usize);
        let mut titles = Vec::new();
        for story in 2..80 {
            let t = title(&mut next);
            index.add(StoryId(story), &signals(&t));
            titles.push(t);
        }
        index.merge(StoryId(5), StoryId(6));
        let (mut passed_over, mut joinable, mut bound_under) = (0, 0, 0);
        for _ in 0..1000 {
            // A story's title, or part of it, among two to ten times as many
            // other words: the cosine falls to about the threshold, and is at
            // its bound when the whole title is there.
            let of: Vec<&str> = titles[next(titles.len())].split(' ').collect();
            let kept = of.len() - next(2) * next(of.len());
            let others = words(kept * (2 + next(9)), &mut next);
            let t = format!("{} {others}", of[..kept].join(" "));
            let a = signals(&t);
            let (weighed, norm) = index.weigh(&a);
            for (id, x) in &weighed {
                index.terms[*id as usize].placing = *x;
            }
            let probes = Probes::of(&weighed, norm, Vec::new());
            let mut by_id = weighed.clone();
            by_id.sort_by_key(|(id, _)| *id);
            for (story, s) in &index.stories {
                let cosine = index.cosine(norm, s);
                // Computed apart, the two may differ in their last digits.
                let bound = index.cosine_bound(&by_id, norm, s, index.spans.bits(*story));
                assert!(
                    bound >= f64::from(cosine) * (1.0 - 1e-5),
                    "{t:?} and {story:?}: {bound} under {cosine}"
                );
                if bound < f64::from(JOIN_THRESHOLD) * 0.999 {
                    bound_under += 1;
                }
                if !probes.share_enough(index.spans.bits(*story)) {
                    passed_over += 1;
                    assert!(cosine < JOIN_THRESHOLD, "{t:?} could join {story:?} ({cosine})");
                    // The bound sums over the terms both hold, the bits over
                    // terms they may: a story the bits pass over, the bound does too.
                    assert!(
                        bound < f64::from(JOIN_THRESHOLD) * (1.0 + 1e-5),
                        "{t:?} and {story:?}: passed over, yet bound {bound}"
                    );
                } else if cosine >= JOIN_THRESHOLD {
                    joinable += 1;
                }
            }
            for (id, _) in &weighed {
                index.terms[*id as usize].placing = 0.0;
            }
        }
        assert!(
            joinable > 20 && passed_over > 10_000 && bound_under > passed_over,
            "{joinable} joinable, {passed_over} passed over, {bound_under} under their bound"
        );
    }

    #[test]
    fn a_story_is_passed_over_when_the_terms_it_may_share_weigh_under_the_threshold() {
        // An article of norm 1 whose term 7 alone is at the threshold.
        let other = (1.0 - JOIN_THRESHOLD * JOIN_THRESHOLD).sqrt();
        let probes = Probes::of(&[(7, JOIN_THRESHOLD), (9, other)], 1.0, Vec::new());
        let holding = |ids: &[u32]| {
            let mut bits = TermBits::default();
            ids.iter().for_each(|id| bits.set(*id));
            probes.share_enough(&bits)
        };
        assert!(holding(&[7]) && holding(&[9]) && holding(&[7, 9]));
        assert!(holding(&[7 + TermBits::BITS]), "a term on the same bit may be there");
        assert!(!holding(&[]) && !holding(&[8, 10]));
        let under = Probes::of(&[(7, JOIN_THRESHOLD * 0.99), (9, other)], 1.0, Vec::new());
        let mut bits = TermBits::default();
        bits.set(7);
        assert!(!under.share_enough(&bits));
    }

    #[test]
    fn case_numbers_are_whole_words_around_digits() {
        let text = "Filed as No. 1:23-cv-00108-LMB. (Case AT.40437) and “C-311/18”,\u{a0}T-604/18; \
                    again 1:23-cv-00108-LMB, in 2024 with 3 judges; t-shirts 12-cv-1 M.123";
        assert_eq!(
            case_numbers(text),
            vec!["1:23-cv-00108", "at.40437", "c-311/18", "t-604/18"]
        );
        assert!(case_numbers("No digits at all, “just words”.").is_empty());
        assert_eq!(case_numbers("3:24-cv-01"), vec!["3:24-cv-01"]);
    }

    #[test]
    fn evidence_links_are_filings_and_releases() {
        assert!(evidence_link("https://www.courtlistener.com/docket/123/ftc-v-amazon/").is_some());
        assert!(evidence_link("https://www.ftc.gov/news-events/news/press-releases/2023/06/x").is_some());
        assert!(evidence_link("https://example.com/files/complaint.pdf").is_some());
        assert!(evidence_link("https://www.theverge.com/2023/6/21/amazon").is_none());
    }
}
