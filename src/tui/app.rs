//! The reader's state, as plain data, and `update`: every key, mouse event
//! and worker reply is a pure transition of that state, returning the
//! commands (loads, writes, opening a link) for the event loop to run.

use std::collections::{HashMap, HashSet};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::keymap::{Command, Keymap};
use super::theme::Theme;
use super::view;
use crate::extract::Companies;
use crate::ingest::PollProgress;
use crate::model::{ArticleId, StoryId};
use crate::store::FeedRow;
use crate::store::queries::{CompanyCount, SearchHit, StoryFilter, StorySummary, StoryView};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    Story,
    Article,
    Feeds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Findings,
    Articles,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Picker { query: String, selected: usize },
    SearchInput { query: String },
}

/// An article open in the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDoc {
    pub id: ArticleId,
    pub title: String,
    pub link: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    /// What to show instead when `text` does not fit: the same news, with
    /// the key it names, in fewer words.
    pub short: Option<String>,
    pub error: bool,
    /// Shown until this Unix time.
    pub until: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// Stories of the matching articles stored last (at most [`SEARCH_LIMIT`]).
    pub hits: HashSet<StoryId>,
    /// Articles the search index lacked when it answered: while it catches
    /// up, the search is made again every [`SEARCH_AGAIN`] seconds.
    pub lacking: i64,
    /// When the search was last sent.
    pub asked_at: i64,
    /// Sent again for the index's progress: the answer updates the hits
    /// without moving the selection.
    pub again: bool,
}

/// Loads the reader is waiting for, see [`App::draw_now`].
#[derive(Debug, Clone, Copy, Default)]
struct Awaited {
    list: bool,
    /// The store changed while the reader waited for a list: it is loaded
    /// again once that one is shown, not in its place (a poll writing
    /// faster than the list loads would replace it time after time).
    list_again: bool,
    companies: bool,
    feeds: bool,
}

/// Keys typed while a list the reader asked for (another filter) loads:
/// they act on that list once it is there, not on the one it replaces.
#[derive(Debug, Clone, Default)]
struct HeldKeys {
    keys: Vec<KeyEvent>,
    /// When the first was held (the clock of [`Action::Tick`]).
    since: i64,
}

/// How far a page moves text `rows` high: all but its last line, which
/// stays in sight as the first.
fn overlapping_page(rows: usize) -> usize {
    rows.saturating_sub(1).max(1)
}

/// Seconds keys wait for a list that does not come before they act on the
/// list shown.
const HOLD_KEYS_AT_MOST: i64 = 2;

/// Seconds in which a second press of "mark all read" does it.
const MARK_ALL_ASK_SECONDS: i64 = 10;

/// Matching articles a search marks at most, those stored last: more would
/// only mark older stories, at the cost of every search.
pub const SEARCH_LIMIT: usize = 500;

/// Seconds between searches made again while the index catches up.
pub const SEARCH_AGAIN: i64 = 2;

/// Input to `update`.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Tick(i64),
    Stories {
        generation: u64,
        result: Result<Vec<StorySummary>, String>,
        /// False for the newest stories of a list whose rest follows.
        complete: bool,
    },
    /// A story loaded; `None` when the store has no such story.
    Story {
        generation: u64,
        result: Result<Option<StoryView>, String>,
    },
    Article(Result<ArticleDoc, String>),
    Companies(Vec<CompanyCount>),
    Feeds(Vec<FeedRow>),
    SearchResults {
        generation: u64,
        result: Result<Vec<SearchHit>, String>,
        /// Articles not in the search index yet (it is catching up).
        unindexed: i64,
    },
    FollowSaved {
        story: StoryId,
        follow: bool,
        result: Result<(), String>,
    },
    Progress(PollProgress),
    /// The store changed; `stories` when articles were added to stories,
    /// stories merged or deleted (not only feeds' states).
    StoreChanged {
        stories: bool,
    },
    /// Something the user asked for failed outside the store.
    Failed(String),
}

/// What `update` asks the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cmd {
    LoadStories {
        generation: u64,
        filter: StoryFilter,
    },
    LoadStory {
        generation: u64,
        id: StoryId,
    },
    LoadArticle(ArticleId),
    LoadCompanies,
    LoadFeeds,
    Search {
        generation: u64,
        query: String,
    },
    Follow {
        story: StoryId,
        follow: bool,
    },
    /// The story is on screen with these articles: they are seen.
    Viewed {
        story: StoryId,
        articles: Vec<ArticleId>,
    },
    /// Every one of these stories is seen: articles read, developments cleared.
    MarkRead(Vec<StoryId>),
    OpenLink(String),
    PollNow,
}

/// Everything the reader shows.
#[derive(Debug, Clone)]
pub struct App {
    pub screen: Screen,
    /// The screen the feeds window was opened from, to go back to.
    feeds_from: Screen,
    pub overlay: Option<Overlay>,
    pub stories: Vec<StorySummary>,
    pub loaded: bool,
    /// Whether followed stories with news were pointed out (once, when the
    /// list first loads).
    news_told: bool,
    /// The list holds the newest stories only; the rest is loading.
    pub more_to_come: bool,
    /// Loads under way that answer the reader (a filter they set, the
    /// company picker or the feed list they opened), not a change in the
    /// store.
    awaited: Awaited,
    held: HeldKeys,
    /// When the reader was asked to mark every story read, and the stories
    /// asked about, until they answer.
    mark_all_asked: Option<(i64, Vec<StoryId>)>,
    /// Something the reader waits for has arrived (a story, an article, a
    /// list they asked for): the next frame is drawn at once instead of
    /// with the store's and the poll's throttled frames.
    pub draw_now: bool,
    pub selected: usize,
    pub offset: usize,
    /// The selection stays on the newest story as stories arrive, until the
    /// reader moves it or opens a story (then new stories arrive without
    /// moving it): at the first start, the list fills while feeds are polled.
    pub on_top: bool,
    pub company: Option<String>,
    pub followed_only: bool,
    pub unread_only: bool,
    pub charged_only: bool,
    pub search: Option<Search>,
    pub story: Option<StoryView>,
    pub story_scroll: usize,
    pub pane: Pane,
    pub article_selected: usize,
    /// The NEW mark `n` last went to in the open story.
    new_mark: Option<usize>,
    pub article: Option<ArticleDoc>,
    pub article_scroll: usize,
    pub feeds: Vec<FeedRow>,
    pub feeds_selected: usize,
    pub companies: Vec<CompanyCount>,
    pub progress: PollProgress,
    /// `r` asked for a poll that has not started yet.
    refresh_asked: bool,
    pub status: Option<Status>,
    pub width: u16,
    pub height: u16,
    pub now: i64,
    pub generation: u64,
    pub story_generation: u64,
    /// The generation of a load of the open story made again because the
    /// store changed (not opened by the user).
    story_refresh: Option<u64>,
    pub search_generation: u64,
    pub saving_follow: Option<StoryId>,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The company dictionary, for the picker's aliases: asked for only
    /// there, so that compiling it does not delay the first frame.
    pub dictionary: fn() -> &'static Companies,
    pub quit: bool,
}

/// How long a status message stays.
const STATUS_SECONDS: i64 = 6;

const POLL_DONE: &str = "poll done: ";
const IN_THIS_STORY: &str = " in this story";
const NEWS_ON: &str = "news on ";

/// A message's news and the poll's summary, as [`App::say_news`] joins
/// them; either may be missing.
fn news_and_summary(text: &str) -> (Option<&str>, Option<&str>) {
    let is_news = |t: &str| t.ends_with(IN_THIS_STORY) || t.starts_with(NEWS_ON);
    match text.find(&format!(" · {POLL_DONE}")) {
        Some(at) => (Some(&text[..at]), Some(&text[at + " · ".len()..])),
        None if text.starts_with(POLL_DONE) => (None, Some(text)),
        None => (Some(text).filter(|t| is_news(t)), None),
    }
}

/// The mark to go to: `next` if there is one, else round to the first
/// (forward) or the last, with a word saying so.
fn step_round(next: Option<usize>, forward: bool, len: usize) -> (usize, &'static str) {
    match next {
        Some(i) => (i, ""),
        None if forward => (0, ", from the top"),
        None => (len - 1, ", from the end"),
    }
}

/// What the reader says when there is no feed to poll.
pub const NO_FEEDS: &str = "no feeds: `counterpoint feeds add URL`";

impl App {
    pub fn new(
        keymap: Keymap,
        theme: Theme,
        dictionary: fn() -> &'static Companies,
        width: u16,
        height: u16,
        now: i64,
    ) -> App {
        App {
            screen: Screen::List,
            feeds_from: Screen::List,
            overlay: None,
            stories: Vec::new(),
            loaded: false,
            news_told: false,
            more_to_come: false,
            awaited: Awaited::default(),
            held: HeldKeys::default(),
            mark_all_asked: None,
            draw_now: false,
            selected: 0,
            offset: 0,
            on_top: true,
            company: None,
            followed_only: false,
            unread_only: false,
            charged_only: false,
            search: None,
            story: None,
            story_scroll: 0,
            pane: Pane::Findings,
            new_mark: None,
            article_selected: 0,
            article: None,
            article_scroll: 0,
            feeds: Vec::new(),
            feeds_selected: 0,
            companies: Vec::new(),
            progress: PollProgress::default(),
            refresh_asked: false,
            status: None,
            width,
            height,
            now,
            generation: 0,
            story_generation: 0,
            story_refresh: None,
            search_generation: 0,
            saving_follow: None,
            keymap,
            theme,
            dictionary,
            quit: false,
        }
    }

    /// The first load, issued by the event loop at start.
    pub fn start(&mut self) -> Vec<Cmd> {
        if !self.keymap.moved().is_empty() {
            let said = format!("keys: {}", self.keymap.moved().join("; "));
            self.say(said);
        }
        vec![self.reload(), Cmd::LoadCompanies]
    }

    pub fn filter(&self) -> StoryFilter {
        StoryFilter {
            company: self.company.clone(),
            followed_only: self.followed_only,
            unread_only: self.unread_only,
            charged_only: self.charged_only,
            ..StoryFilter::default()
        }
    }

    /// Loads the list for the reader, who waits for it.
    fn reload(&mut self) -> Cmd {
        self.awaited.list = true;
        self.load_list()
    }

    /// Loads the list again; a load already under way is replaced.
    fn load_list(&mut self) -> Cmd {
        self.generation += 1;
        Cmd::LoadStories {
            generation: self.generation,
            filter: self.filter(),
        }
    }

    pub fn selected_story(&self) -> Option<&StorySummary> {
        self.stories.get(self.selected)
    }

    fn say(&mut self, text: impl Into<String>) {
        self.say_or(text, None::<String>);
    }

    /// Says `text`, or `short` on a line too narrow for it.
    fn say_or(&mut self, text: impl Into<String>, short: Option<impl Into<String>>) {
        self.status = Some(Status {
            text: text.into(),
            short: short.map(Into::into),
            error: false,
            until: self.now + STATUS_SECONDS,
        });
    }

    /// Says the poll's summary or news it brought (to the open story, to a
    /// followed one), which arrive one after the other: the second keeps the
    /// first beside it, the news first, as a narrow line cuts the end ("1 new
    /// article in this story · poll done: 3 new articles"); news said again
    /// replaces the news.
    fn say_news(&mut self, text: String) {
        let live = self.status.as_ref().filter(|s| !s.error && s.until > self.now);
        let (news, summary) = live.map_or((None, None), |s| news_and_summary(&s.text));
        if text.starts_with(POLL_DONE) {
            let short_news = live
                .and_then(|s| s.short.as_deref())
                .and_then(|s| news_and_summary(s).0);
            let short = short_news.map(|n| format!("{n} · {text}"));
            let joined = news.map_or_else(|| text.clone(), |n| format!("{n} · {text}"));
            self.say_or(joined, short);
        } else {
            self.say(summary.map_or_else(|| text.clone(), |s| format!("{text} · {s}")));
        }
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            short: None,
            error: true,
            until: self.now + 2 * STATUS_SECONDS,
        });
    }

    /// Rows of the story list visible at once (two lines per story).
    pub fn list_rows(&self) -> usize {
        (view::body_height(self.height) / 2).max(1)
    }

    fn keep_visible(&mut self) {
        let rows = self.list_rows();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.stories.len().saturating_sub(1));
    }

    /// A new list (another filter) starts at its newest story, and stays
    /// there as stories arrive until the reader moves.
    fn start_on_top(&mut self) {
        self.selected = 0;
        self.offset = 0;
        self.on_top = true;
    }

    fn move_list(&mut self, delta: isize) {
        self.on_top = false;
        if self.stories.is_empty() {
            return;
        }
        let max = self.stories.len() - 1;
        self.selected = (self.selected as isize + delta).clamp(0, max as isize) as usize;
        self.keep_visible();
    }

    /// Lines of the story view's scrolling part at the current width.
    fn story_height(&self) -> usize {
        self.story
            .as_ref()
            .map_or(0, |s| view::story_body_lines(self, s, self.width).len())
    }

    fn article_height(&self) -> usize {
        self.article
            .as_ref()
            .map_or(0, |a| view::article_lines(a, self.width).len())
    }

    fn scroll(value: &mut usize, delta: isize, content: usize, page: usize) {
        let max = content.saturating_sub(page);
        *value = (*value as isize + delta).clamp(0, max as isize) as usize;
    }

    /// Handles one input; returns the commands it causes.
    pub fn update(&mut self, action: Action) -> Vec<Cmd> {
        match action {
            Action::Key(k) if self.holds(&k) => {
                if self.held.keys.is_empty() {
                    self.held.since = self.now;
                }
                self.held.keys.push(k);
                Vec::new()
            }
            Action::Key(k) => self.key(k),
            Action::Mouse(m) => {
                self.mark_all_asked = None;
                self.mouse(m)
            }
            Action::Resize(w, h) => {
                self.width = w;
                self.height = h;
                self.keep_visible();
                let (content, rows) = (self.story_height(), view::findings_height(self, h) as usize);
                Self::scroll(&mut self.story_scroll, 0, content, rows);
                let (content, rows) = (self.article_height(), view::article_rows(h));
                Self::scroll(&mut self.article_scroll, 0, content, rows);
                Vec::new()
            }
            Action::Tick(now) => {
                self.now = now;
                if !self.held.keys.is_empty() && now - self.held.since >= HOLD_KEYS_AT_MOST {
                    // The list is late: the keys act on the one shown.
                    self.awaited.list = false;
                    return self.release_keys();
                }
                if self.status.as_ref().is_some_and(|s| s.until <= now) {
                    self.status = None;
                }
                if let Some(search) = self.search.as_mut()
                    && search.lacking > 0
                    && !search.again
                    && now - search.asked_at >= SEARCH_AGAIN
                {
                    search.again = true;
                    search.asked_at = now;
                    self.search_generation += 1;
                    return vec![Cmd::Search {
                        generation: self.search_generation,
                        query: search.query.clone(),
                    }];
                }
                Vec::new()
            }
            Action::Stories {
                generation,
                result,
                complete,
            } => {
                if generation != self.generation {
                    return Vec::new();
                }
                self.draw_now |= std::mem::take(&mut self.awaited.list);
                match result {
                    Ok(list) => {
                        self.more_to_come = !complete;
                        let before = self.followed_counts();
                        self.set_stories(list);
                        if self.news_told {
                            self.tell_fresh_news(&before);
                        } else {
                            self.tell_news();
                        }
                    }
                    Err(e) => self.warn(format!("could not load stories: {e}")),
                }
                let mut cmds = self.release_keys();
                // A load the keys asked for sees the change too; one that
                // comes in parts is loaded again once whole.
                if self.awaited.list {
                    self.awaited.list_again = false;
                } else if self.awaited.list_again && !self.more_to_come {
                    self.awaited.list_again = false;
                    cmds.push(self.load_list());
                }
                cmds
            }
            Action::Story { generation, result } => {
                if generation != self.story_generation {
                    return Vec::new();
                }
                if self.story_refresh.take() == Some(generation) {
                    return self.refresh_story(result);
                }
                self.draw_now = true;
                match result {
                    Ok(Some(view)) => {
                        let seen = Cmd::Viewed {
                            story: view.id,
                            articles: view.articles.iter().map(|a| a.id).collect(),
                        };
                        if view.new_developments > 0 {
                            let n = view.new_developments;
                            match self.key_name(Command::NextHit) {
                                Some(key) => self.say_or(
                                    format!("{n} new: {key} goes from one NEW mark to the next"),
                                    Some(format!("{n} new: {key} goes to the next NEW mark")),
                                ),
                                None => self.say(format!("{n} new in this story")),
                            }
                        }
                        self.story = Some(view);
                        self.story_scroll = 0;
                        self.new_mark = None;
                        self.article_selected = 0;
                        self.pane = Pane::Findings;
                        self.screen = Screen::Story;
                        return vec![seen];
                    }
                    Ok(None) => self.warn("that story is no longer in the store"),
                    Err(e) => self.warn(format!("could not open the story: {e}")),
                }
                Vec::new()
            }
            Action::Article(result) => {
                self.draw_now = true;
                match result {
                    Ok(doc) => {
                        self.article = Some(doc);
                        self.article_scroll = 0;
                        self.screen = Screen::Article;
                    }
                    Err(e) => self.warn(format!("could not open the article: {e}")),
                }
                Vec::new()
            }
            Action::Companies(list) => {
                self.draw_now |= std::mem::take(&mut self.awaited.companies);
                self.companies = list;
                Vec::new()
            }
            Action::Feeds(mut list) => {
                self.draw_now |= std::mem::take(&mut self.awaited.feeds);
                // Failing and gone feeds first, each group by name as loaded;
                // the selected feed stays selected.
                list.sort_by_key(|f| f.status.listing_group());
                let selected = self.feeds.get(self.feeds_selected).map(|f| f.id);
                self.feeds = list;
                self.feeds_selected = selected
                    .and_then(|id| self.feeds.iter().position(|f| f.id == id))
                    .unwrap_or(self.feeds_selected)
                    .min(self.feeds.len().saturating_sub(1));
                Vec::new()
            }
            Action::SearchResults {
                generation,
                result,
                unindexed,
            } => {
                if generation != self.search_generation {
                    return Vec::new();
                }
                // Not a search made again while the index catches up.
                self.draw_now |= self.search.as_ref().is_some_and(|s| !s.again);
                match result {
                    Ok(hits) => {
                        let capped = hits.len() >= SEARCH_LIMIT;
                        let stories: HashSet<StoryId> = hits.iter().map(|h| h.story).collect();
                        let (query, asked_at, again) = self
                            .search
                            .as_ref()
                            .map(|s| (s.query.clone(), s.asked_at, s.again))
                            .unwrap_or_default();
                        let n = self.stories.iter().filter(|s| stories.contains(&s.id)).count();
                        self.search = Some(Search {
                            query: query.clone(),
                            hits: stories,
                            lacking: unindexed,
                            asked_at,
                            again: false,
                        });
                        let lacking = match unindexed {
                            0 => String::new(),
                            1 => " · 1 article not indexed yet".to_string(),
                            n => format!(" · {n} articles not indexed yet"),
                        };
                        if n == 0 {
                            self.warn(format!("no story matches “{query}”{lacking}"));
                        } else {
                            // On a narrow status line what the index lacks
                            // matters more than the key hint.
                            let keys = self.keymap.with_keys("{next_hit}/{prev_hit}");
                            let tail = if lacking.is_empty() {
                                format!(" — {keys} to move between them")
                            } else {
                                lacking.clone()
                            };
                            let matches = if n == 1 { "story matches" } else { "stories match" };
                            let latest = if capped {
                                format!(" (latest {SEARCH_LIMIT} articles)")
                            } else {
                                String::new()
                            };
                            // Shorter: the header shows the query.
                            let short = lacking
                                .is_empty()
                                .then(|| format!("{n} {matches}{latest} — {keys} go through them"));
                            self.say_or(format!("{n} {matches} “{query}”{latest}{tail}"), short);
                            if !again {
                                self.jump_to_hit(Some(0), 1);
                            }
                        }
                    }
                    Err(e) => self.warn(format!("search failed: {e}")),
                }
                Vec::new()
            }
            Action::FollowSaved { story, follow, result } => {
                self.saving_follow = None;
                match result {
                    Ok(()) => {
                        for s in self.stories.iter_mut().filter(|s| s.id == story) {
                            s.followed = follow;
                            if !follow {
                                s.new_developments = 0;
                            }
                        }
                        if let Some(v) = self.story.as_mut().filter(|v| v.id == story) {
                            v.followed = follow;
                        }
                        self.say(if follow {
                            "following this story: its news will stand out"
                        } else {
                            "no longer following this story"
                        });
                        if self.followed_only {
                            return vec![self.reload()];
                        }
                    }
                    Err(e) => self.warn(format!("not saved: {e}")),
                }
                Vec::new()
            }
            Action::Progress(p) => {
                // A poll that started and ended between two looks shows
                // only as a new finishing time.
                let none_pollable = p.none_pollable && !p.running;
                if self.refresh_asked
                    && (p.running || p.no_feeds || none_pollable || p.finished_at != self.progress.finished_at)
                {
                    self.refresh_asked = false;
                    if p.no_feeds && !p.running {
                        self.say(NO_FEEDS);
                    } else if none_pollable {
                        self.say_or(
                            self.keymap
                                .with_keys("no feed can be polled now: all resting or gone ({feeds} lists them)"),
                            Some(self.keymap.with_keys("no feed can be polled now ({feeds} lists them)")),
                        );
                    }
                }
                if !p.running && self.progress.running {
                    use crate::report::plural;
                    let mut done = format!("{POLL_DONE}{}", plural(p.report.new_articles, "new article"));
                    if p.failed > 0 {
                        let feeds = self.keymap.with_keys("{feeds}");
                        done.push_str(&format!(", {} failed ({feeds} lists them)", plural(p.failed, "feed")));
                    }
                    if p.deleted > 0 {
                        done.push_str(&format!(", {} deleted", plural(p.deleted, "old article")));
                    }
                    self.say_news(done);
                }
                self.progress = p;
                Vec::new()
            }
            Action::Failed(e) => {
                self.warn(e);
                Vec::new()
            }
            Action::StoreChanged { stories } => {
                let mut cmds = Vec::new();
                if self.awaited.list {
                    self.awaited.list_again = true;
                } else {
                    cmds.push(self.load_list());
                }
                if self.screen == Screen::Feeds {
                    cmds.push(Cmd::LoadFeeds);
                }
                let open = self.story.as_ref().map(|s| s.id);
                if let (true, true, Some(id)) = (stories, matches!(self.screen, Screen::Story | Screen::Article), open)
                {
                    self.story_generation += 1;
                    self.story_refresh = Some(self.story_generation);
                    cmds.push(Cmd::LoadStory {
                        generation: self.story_generation,
                        id,
                    });
                }
                cmds
            }
        }
    }

    /// The open story, loaded again after the store changed: new articles
    /// and findings appear where the reader is; a story merged into another
    /// shows the other; a story cleanup deleted (or `regroup` renumbered)
    /// is closed with a word why.
    fn refresh_story(&mut self, result: Result<Option<StoryView>, String>) -> Vec<Cmd> {
        let Some(old) = self.story.as_ref() else {
            return Vec::new();
        };
        if !matches!(self.screen, Screen::Story | Screen::Article) {
            return Vec::new();
        }
        let view = match result {
            Ok(Some(view)) => view,
            Ok(None) => {
                self.story = None;
                self.article = None;
                self.screen = Screen::List;
                self.warn("the story you had open is gone: cleanup deleted it or it was regrouped");
                return Vec::new();
            }
            // What is on screen stays; the store's next change tries again.
            Err(e) => {
                self.warn(format!("could not refresh the story: {e}"));
                return Vec::new();
            }
        };
        let mut view = view;
        if view.id == old.id {
            view.keep_new_from(old);
        }
        let added = view.articles.len().saturating_sub(old.articles.len());
        let (merged, unchanged) = (view.id != old.id, view == *old);
        // The article selected stays selected when new ones come before it.
        let selected = old.articles.get(self.article_selected).map(|a| a.id);
        if merged {
            self.say("this story merged with another: both are shown as one");
            self.story_scroll = 0;
        } else if added > 0 {
            let news = format!("{}{IN_THIS_STORY}", crate::report::plural(added, "new article"));
            self.say_news(news);
        } else if unchanged {
            return Vec::new();
        }
        self.article_selected = selected
            .and_then(|a| view.articles.iter().position(|v| v.id == a))
            .unwrap_or(self.article_selected)
            .min(view.articles.len().saturating_sub(1));
        let seen = Cmd::Viewed {
            story: view.id,
            articles: view.articles.iter().map(|a| a.id).collect(),
        };
        self.story = Some(view);
        let (height, page) = (self.story_height(), view::findings_height(self, self.height) as usize);
        Self::scroll(&mut self.story_scroll, 0, height, page);
        // What is on screen is seen; an article read over it is not the story.
        if self.screen == Screen::Story {
            vec![seen]
        } else {
            Vec::new()
        }
    }

    fn set_stories(&mut self, list: Vec<StorySummary>) {
        let keep = self.selected_story().map(|s| s.id).filter(|_| !self.on_top);
        discard(std::mem::replace(&mut self.stories, list));
        self.loaded = true;
        // New stories appear without moving a selection the reader made.
        self.selected = keep
            .and_then(|id| self.stories.iter().position(|s| s.id == id))
            .unwrap_or(self.selected);
        self.selected = self.selected.min(self.stories.len().saturating_sub(1));
        self.keep_visible();
    }

    /// Selects the next search hit from row `from` on (`step` 1) or back
    /// (-1); `None` is before the first row.
    fn jump_to_hit(&mut self, from: Option<usize>, step: isize) {
        let Some(search) = &self.search else { return };
        let positions: Vec<usize> = self
            .stories
            .iter()
            .enumerate()
            .filter(|(_, s)| search.hits.contains(&s.id))
            .map(|(i, _)| i)
            .collect();
        if positions.is_empty() {
            return;
        }
        self.on_top = false;
        let found = from.and_then(|from| {
            if step > 0 {
                positions.iter().copied().find(|&p| p >= from)
            } else {
                positions.iter().rev().copied().find(|&p| p <= from)
            }
        });
        let next = found.unwrap_or_else(|| {
            // Past the last hit, on to the first (as in less and vim).
            let (to, end) = if step > 0 {
                (positions[0], "first")
            } else {
                (positions[positions.len() - 1], "last")
            };
            if positions.len() > 1 {
                self.say(format!("search wrapped to the {end} hit"));
            }
            to
        });
        self.selected = next;
        self.keep_visible();
    }

    /// Whether `k` waits for the list the reader asked for: keys on the
    /// story list do, but for quitting; once one waits, every later key does
    /// (a held `/` or `?` makes a later `q` a letter, not quitting), but for
    /// Ctrl-C.
    fn holds(&self, k: &KeyEvent) -> bool {
        if k.kind == crossterm::event::KeyEventKind::Release
            || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
        {
            return false;
        }
        if !self.held.keys.is_empty() {
            return true;
        }
        let quits = self.overlay.is_none() && self.keymap.command(k) == Some(Command::Quit);
        self.awaited.list && self.screen == Screen::List && !quits
    }

    /// Acts on the keys held for a list, in the order typed, until one asks
    /// for another list: the rest wait for that one.
    fn release_keys(&mut self) -> Vec<Cmd> {
        let mut cmds = Vec::new();
        let mut keys = std::mem::take(&mut self.held.keys).into_iter();
        while let Some(k) = keys.next() {
            cmds.extend(self.key(k));
            if self.awaited.list && self.screen == Screen::List {
                self.held = HeldKeys {
                    keys: keys.collect(),
                    since: self.now,
                };
                break;
            }
        }
        cmds
    }

    fn key(&mut self, k: KeyEvent) -> Vec<Cmd> {
        if k.kind == crossterm::event::KeyEventKind::Release {
            return Vec::new();
        }
        // Marking every story read asks first; any other key says no.
        if self.overlay.is_some() || self.keymap.command(&k) != Some(Command::MarkAllRead) {
            self.mark_all_asked = None;
        }
        if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return Vec::new();
        }
        match self.overlay.clone() {
            Some(Overlay::SearchInput { query }) => return self.search_input(k, query),
            Some(Overlay::Picker { query, selected }) => return self.picker_input(k, query, selected),
            Some(Overlay::Help { scroll }) => {
                match self.keymap.command(&k) {
                    Some(Command::Down) => {
                        self.overlay = Some(Overlay::Help {
                            scroll: (scroll + 1).min(view::help_scroll_max(self)),
                        })
                    }
                    Some(Command::Up) => {
                        self.overlay = Some(Overlay::Help {
                            scroll: scroll.saturating_sub(1),
                        })
                    }
                    // "q" closes the help, as any other key does (as in
                    // less); Ctrl-c still quits, above.
                    _ => self.overlay = None,
                }
                return Vec::new();
            }
            None => {}
        }
        let Some(cmd) = self.keymap.command(&k) else {
            return Vec::new();
        };
        self.command(cmd)
    }

    fn command(&mut self, cmd: Command) -> Vec<Cmd> {
        if cmd == Command::MarkAllRead && self.screen == Screen::List {
            let asked = self.mark_all_asked.take();
            return self.mark_all_read(asked);
        }
        // Keys that mean the same everywhere.
        match cmd {
            Command::Quit => {
                self.quit = true;
                return Vec::new();
            }
            Command::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return Vec::new();
            }
            Command::Refresh => {
                self.refresh_asked = true;
                self.say("polling every feed now…");
                return vec![Cmd::PollNow];
            }
            Command::Feeds => {
                if self.screen != Screen::Feeds {
                    self.feeds_from = self.screen;
                }
                self.screen = Screen::Feeds;
                self.awaited.feeds = true;
                return vec![Cmd::LoadFeeds];
            }
            Command::Companies => {
                self.overlay = Some(Overlay::Picker {
                    query: String::new(),
                    selected: 0,
                });
                self.awaited.companies = true;
                return vec![Cmd::LoadCompanies];
            }
            Command::Search => {
                self.overlay = Some(Overlay::SearchInput { query: String::new() });
                return Vec::new();
            }
            Command::FollowedOnly | Command::UnreadOnly | Command::ChargedOnly => {
                let toggled = match cmd {
                    Command::FollowedOnly => &mut self.followed_only,
                    Command::UnreadOnly => &mut self.unread_only,
                    _ => &mut self.charged_only,
                };
                *toggled = !*toggled;
                self.start_on_top();
                if self.screen == Screen::List {
                    // The header says what the list shows now; an older word
                    // on the filter would contradict it.
                    self.status = self.status.take().filter(|s| s.error);
                    return vec![self.reload()];
                }
                // The story or window open stays; the list behind it changes.
                let (what, on) = match cmd {
                    Command::FollowedOnly => ("followed only", self.followed_only),
                    Command::UnreadOnly => ("unread only", self.unread_only),
                    _ => ("with allegations only", self.charged_only),
                };
                self.say(format!("the list: {what} {}", if on { "on" } else { "off" }));
                return vec![self.load_list()];
            }
            Command::ClearFilter => return self.clear_filter(),
            _ => {}
        }
        match self.screen {
            Screen::List => self.list_command(cmd),
            Screen::Story => self.story_command(cmd),
            Screen::Article => self.article_command(cmd),
            Screen::Feeds => self.feeds_command(cmd),
        }
    }

    /// The first press asks; a second within [`MARK_ALL_ASK_SECONDS`]
    /// marks the stories it asked about read, and clears the developments
    /// of the followed ones, here at once and in the store (the list is
    /// loaded again once the store has them).
    fn mark_all_read(&mut self, asked: Option<(i64, Vec<StoryId>)>) -> Vec<Cmd> {
        if let Some((_, marked)) = asked.filter(|(at, _)| self.now - at <= MARK_ALL_ASK_SECONDS) {
            for s in self.stories.iter_mut().filter(|s| marked.contains(&s.id)) {
                s.unread = false;
                s.new_developments = 0;
            }
            self.say(format!("marked {} read", crate::report::plural(marked.len(), "story")));
            return vec![Cmd::MarkRead(marked)];
        }
        if self.awaited.list || self.more_to_come {
            self.say("the list is still loading: mark it read once it is there");
            return Vec::new();
        }
        let marked: Vec<StoryId> = self
            .stories
            .iter()
            .filter(|s| s.unread || s.new_developments > 0)
            .map(|s| s.id)
            .collect();
        if marked.is_empty() {
            self.say("nothing to mark: every story listed is read");
            return Vec::new();
        }
        let again = self
            .keymap
            .keys_for(Command::MarkAllRead)
            .first()
            .map_or_else(|| "it".to_string(), ToString::to_string);
        self.say(format!(
            "mark {} read? {again} again: yes",
            crate::report::plural(marked.len(), "story")
        ));
        self.mark_all_asked = Some((self.now, marked));
        Vec::new()
    }

    fn clear_filter(&mut self) -> Vec<Cmd> {
        let had = self.company.is_some() || self.search.is_some();
        self.company = None;
        self.search = None;
        self.screen = Screen::List;
        if had {
            self.say("filter cleared");
            vec![self.reload()]
        } else {
            Vec::new()
        }
    }

    fn list_command(&mut self, cmd: Command) -> Vec<Cmd> {
        let page = self.list_rows() as isize;
        match cmd {
            Command::Up => self.move_list(-1),
            Command::Down => self.move_list(1),
            Command::PageUp => self.move_list(-page),
            Command::PageDown => self.move_list(page),
            Command::Top => self.move_list(-(self.stories.len() as isize)),
            Command::Bottom => self.move_list(self.stories.len() as isize),
            Command::Open => return self.open_selected(),
            Command::Follow => return self.toggle_follow(),
            Command::Back => return self.clear_filter(),
            Command::NextHit => {
                if self.search.is_some() {
                    self.jump_to_hit(Some(self.selected + 1), 1);
                } else {
                    self.say(self.keymap.with_keys("no search: press {search} to search"));
                }
            }
            Command::PrevHit => {
                if self.search.is_some() {
                    self.jump_to_hit(self.selected.checked_sub(1), -1);
                } else {
                    self.say(self.keymap.with_keys("no search: press {search} to search"));
                }
            }
            Command::OpenLink => self.say_or(
                self.keymap
                    .with_keys("open a story first ({open}), then {open_link} opens an article's link"),
                Some(
                    self.keymap
                        .with_keys("open a story ({open}), then {open_link} opens a link"),
                ),
            ),
            _ => {}
        }
        Vec::new()
    }

    fn open_selected(&mut self) -> Vec<Cmd> {
        let Some(id) = self.selected_story().map(|s| s.id) else {
            return Vec::new();
        };
        // Back from it, the reader finds the story they opened.
        self.on_top = false;
        self.story_generation += 1;
        vec![Cmd::LoadStory {
            generation: self.story_generation,
            id,
        }]
    }

    fn toggle_follow(&mut self) -> Vec<Cmd> {
        let target = match self.screen {
            Screen::Story | Screen::Article => self.story.as_ref().map(|s| (s.id, s.followed)),
            _ => self.selected_story().map(|s| (s.id, s.followed)),
        };
        let Some((story, followed)) = target else {
            return Vec::new();
        };
        if self.saving_follow.is_some() {
            self.say("saving…");
            return Vec::new();
        }
        self.saving_follow = Some(story);
        self.say("saving…");
        vec![Cmd::Follow {
            story,
            follow: !followed,
        }]
    }

    fn story_command(&mut self, cmd: Command) -> Vec<Cmd> {
        let articles = self.story.as_ref().map_or(0, |s| s.articles.len());
        let content = self.story_height();
        let visible = view::findings_height(self, self.height) as usize;
        let page = overlapping_page(visible) as isize;
        match (cmd, self.pane) {
            (Command::Back, _) => {
                self.screen = Screen::List;
                return vec![self.reload()];
            }
            (Command::SwitchPane, _) => {
                self.pane = if self.pane == Pane::Findings {
                    Pane::Articles
                } else {
                    Pane::Findings
                };
            }
            (Command::Follow, _) => return self.toggle_follow(),
            (Command::OpenLink, _) => return self.open_link(),
            (Command::NextHit, _) => self.jump_to_new(true),
            (Command::PrevHit, _) => self.jump_to_new(false),
            (Command::Up, Pane::Findings) => Self::scroll(&mut self.story_scroll, -1, content, visible),
            (Command::Down, Pane::Findings) => Self::scroll(&mut self.story_scroll, 1, content, visible),
            (Command::PageUp, Pane::Findings) => Self::scroll(&mut self.story_scroll, -page, content, visible),
            (Command::PageDown, Pane::Findings) => Self::scroll(&mut self.story_scroll, page, content, visible),
            (Command::Top, Pane::Findings) => self.story_scroll = 0,
            (Command::Bottom, Pane::Findings) => {
                Self::scroll(&mut self.story_scroll, content as isize, content, visible)
            }
            (Command::Open, Pane::Findings) => self.pane = Pane::Articles,
            (Command::Up, Pane::Articles) => self.article_selected = self.article_selected.saturating_sub(1),
            (Command::Down, Pane::Articles) => {
                self.article_selected = (self.article_selected + 1).min(articles.saturating_sub(1))
            }
            (Command::Top | Command::PageUp, Pane::Articles) => self.article_selected = 0,
            (Command::Bottom | Command::PageDown, Pane::Articles) => self.article_selected = articles.saturating_sub(1),
            (Command::Open, Pane::Articles) => {
                if let Some(a) = self.story.as_ref().and_then(|s| s.articles.get(self.article_selected)) {
                    return vec![Cmd::LoadArticle(a.id)];
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// The first key bound to `cmd`, as the help writes it.
    fn key_name(&self, cmd: Command) -> Option<String> {
        self.keymap.hint(cmd).map(|k| k.to_string())
    }

    /// Once, when the whole list has first loaded: followed stories with
    /// news, which the newest stories at the top of the list may hide.
    fn tell_news(&mut self) {
        if self.news_told || self.more_to_come {
            return;
        }
        self.news_told = true;
        if self.status.as_ref().is_some_and(|s| s.until > self.now) {
            return;
        }
        let n = self
            .stories
            .iter()
            .filter(|s| s.followed && s.new_developments > 0)
            .count();
        // Said as a poll's news is, so that the first poll's summary keeps it.
        let which = match n {
            0 => return,
            1 => format!("{NEWS_ON}a followed story"),
            n => format!("{NEWS_ON}{n} followed stories"),
        };
        match self.key_name(Command::FollowedOnly) {
            Some(key) => self.say_or(
                format!("{which} since you last looked: {key} shows them"),
                Some(format!("{which}: {key} shows them")),
            ),
            None => self.say(format!("{which} since you last looked")),
        }
    }

    /// The followed stories in the list and their new developments.
    fn followed_counts(&self) -> HashMap<StoryId, i64> {
        self.stories
            .iter()
            .filter(|s| s.followed)
            .map(|s| (s.id, s.new_developments))
            .collect()
    }

    /// News a poll brought to followed stories the list held `before` (a
    /// story entering the list with a filter brings none), but for the one
    /// open: "news on a followed story: <headline>".
    fn tell_fresh_news(&mut self, before: &HashMap<StoryId, i64>) {
        let open = self
            .story
            .as_ref()
            .filter(|_| matches!(self.screen, Screen::Story | Screen::Article))
            .map(|s| s.id);
        let grown: Vec<&StorySummary> = self
            .stories
            .iter()
            .filter(|s| s.followed && Some(s.id) != open)
            .filter(|s| before.get(&s.id).is_some_and(|&n| s.new_developments > n))
            .collect();
        let said = match grown[..] {
            [] => return,
            [one] => format!(
                "{NEWS_ON}a followed story: {}",
                crate::text::sanitize_line(&one.headline)
            ),
            _ => match self.key_name(Command::FollowedOnly) {
                Some(key) => format!("{NEWS_ON}{} followed stories: {key} shows them", grown.len()),
                None => format!("{NEWS_ON}{} followed stories", grown.len()),
            },
        };
        self.say_news(said);
    }

    /// Goes to the story's next (or previous) NEW mark, round to the first
    /// (or last) from the end: in the articles pane its new articles, else
    /// its new findings (or its new articles when no finding is new).
    fn jump_to_new(&mut self, forward: bool) {
        let Some(s) = self.story.as_ref() else {
            return;
        };
        let new_articles: Vec<usize> = (0..s.articles.len()).filter(|&i| s.articles[i].is_new).collect();
        let rows = view::new_finding_rows(self, s, self.width);
        let (followed, articles_pane) = (s.followed, self.pane == Pane::Articles);
        if !new_articles.is_empty() && (articles_pane || rows.is_empty()) {
            let at = self.article_selected;
            let next = if !articles_pane {
                // Coming from the findings: the first (or last) of them.
                Some(if forward { 0 } else { new_articles.len() - 1 })
            } else if forward {
                new_articles.iter().position(|&i| i > at)
            } else {
                new_articles.iter().rposition(|&i| i < at)
            };
            let (k, round) = step_round(next, forward, new_articles.len());
            (self.pane, self.article_selected) = (Pane::Articles, new_articles[k]);
            self.say(format!("NEW article {} of {}{round}", k + 1, new_articles.len()));
            return;
        }
        if rows.is_empty() {
            match (followed, self.key_name(Command::Follow)) {
                (true, _) => self.say_or(
                    "nothing new in this story since you last looked",
                    Some("nothing new since you last looked"),
                ),
                (false, Some(key)) => self.say_or(
                    format!("NEW marks what comes after you follow a story ({key})"),
                    Some(format!("follow ({key}) to get NEW marks")),
                ),
                (false, None) => self.say("NEW marks what comes after you follow a story"),
            }
            return;
        }
        self.pane = Pane::Findings;
        let visible = view::findings_height(self, self.height) as usize;
        let max = self.story_height().saturating_sub(visible);
        let at = self.story_scroll;
        // Where showing each mark at the top scrolls to: those near the end
        // all show on the last page, and are gone through one by one there.
        let tops: Vec<usize> = rows.iter().map(|&r| r.min(max)).collect();
        let next = match self.new_mark.filter(|&i| tops.get(i) == Some(&at)) {
            Some(i) if forward => (i + 1 < rows.len()).then_some(i + 1),
            Some(i) => i.checked_sub(1),
            None if forward => tops.iter().position(|&t| t >= at),
            None => tops.iter().rposition(|&t| t < at),
        };
        let (i, round) = step_round(next, forward, rows.len());
        self.story_scroll = tops[i];
        self.new_mark = Some(i);
        self.say(format!("NEW mark {} of {}{round}", i + 1, rows.len()));
    }

    fn open_link(&mut self) -> Vec<Cmd> {
        let link = match self.screen {
            Screen::Article => self.article.as_ref().and_then(|a| a.link.clone()),
            _ => self
                .story
                .as_ref()
                .and_then(|s| s.articles.get(self.article_selected))
                .and_then(|a| a.link.clone()),
        };
        match link {
            Some(l) if is_web_link(&l) => {
                self.say(format!("opening {}", crate::text::sanitize_line(&l)));
                vec![Cmd::OpenLink(l)]
            }
            Some(_) => {
                self.warn("only http and https links are opened");
                Vec::new()
            }
            None => {
                self.warn("this article has no link");
                Vec::new()
            }
        }
    }

    fn article_command(&mut self, cmd: Command) -> Vec<Cmd> {
        let rows = view::article_rows(self.height);
        let page = overlapping_page(rows) as isize;
        let content = self.article_height();
        match cmd {
            Command::Back => self.screen = Screen::Story,
            Command::Up => Self::scroll(&mut self.article_scroll, -1, content, rows),
            Command::Down => Self::scroll(&mut self.article_scroll, 1, content, rows),
            Command::PageUp => Self::scroll(&mut self.article_scroll, -page, content, rows),
            Command::PageDown | Command::Open => Self::scroll(&mut self.article_scroll, page, content, rows),
            Command::Top => self.article_scroll = 0,
            Command::Bottom => Self::scroll(&mut self.article_scroll, content as isize, content, rows),
            Command::OpenLink => return self.open_link(),
            Command::Follow => return self.toggle_follow(),
            _ => {}
        }
        Vec::new()
    }

    fn feeds_command(&mut self, cmd: Command) -> Vec<Cmd> {
        let n = self.feeds.len();
        match cmd {
            Command::Back => {
                self.screen = match self.feeds_from {
                    Screen::Story if self.story.is_some() => Screen::Story,
                    Screen::Article if self.article.is_some() => Screen::Article,
                    _ => Screen::List,
                }
            }
            Command::Up => self.feeds_selected = self.feeds_selected.saturating_sub(1),
            Command::Down => self.feeds_selected = (self.feeds_selected + 1).min(n.saturating_sub(1)),
            Command::PageUp | Command::Top => self.feeds_selected = 0,
            Command::PageDown | Command::Bottom => self.feeds_selected = n.saturating_sub(1),
            _ => {}
        }
        Vec::new()
    }

    fn search_input(&mut self, k: KeyEvent, mut query: String) -> Vec<Cmd> {
        match k.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Enter => {
                self.overlay = None;
                if query.trim().is_empty() {
                    // The last search's word goes with it.
                    if self.search.take().is_some() {
                        self.say("search cleared");
                    } else {
                        self.status = None;
                    }
                    return Vec::new();
                }
                self.search_generation += 1;
                self.search = Some(Search {
                    query: query.clone(),
                    asked_at: self.now,
                    ..Search::default()
                });
                self.screen = Screen::List;
                return vec![Cmd::Search {
                    generation: self.search_generation,
                    query,
                }];
            }
            KeyCode::Backspace => {
                query.pop();
                self.overlay = Some(Overlay::SearchInput { query });
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) && query.chars().count() < 200 => {
                query.push(c);
                self.overlay = Some(Overlay::SearchInput { query });
            }
            _ => {}
        }
        Vec::new()
    }

    /// Companies matching the picker's text: by name or by any alias,
    /// subsidiary or product ("insta" finds Meta).
    pub fn picker_matches(&self, query: &str) -> Vec<&CompanyCount> {
        let q = query.trim().to_lowercase();
        let dictionary = (!q.is_empty()).then(self.dictionary);
        self.companies
            .iter()
            .filter(|c| {
                q.is_empty()
                    || c.company.to_lowercase().contains(&q)
                    || dictionary.is_some_and(|d| d.names_of(&c.company).iter().any(|n| n.to_lowercase().contains(&q)))
            })
            .collect()
    }

    /// The other name of `company` that `query` matched, when its own name
    /// does not hold the query ("goodr": Amazon, by Goodreads).
    pub fn picker_alias(&self, query: &str, company: &str) -> Option<&'static str> {
        let q = query.trim().to_lowercase();
        if q.is_empty() || company.to_lowercase().contains(&q) {
            return None;
        }
        (self.dictionary)()
            .names_of(company)
            .into_iter()
            .find(|n| n.to_lowercase().contains(&q))
    }

    fn picker_input(&mut self, k: KeyEvent, mut query: String, mut selected: usize) -> Vec<Cmd> {
        let n = self.picker_matches(&query).len();
        match k.code {
            KeyCode::Esc => {
                self.overlay = None;
                return Vec::new();
            }
            KeyCode::Enter => {
                let choice = self.picker_matches(&query).get(selected).map(|c| c.company.clone());
                self.overlay = None;
                if let Some(company) = choice {
                    let clears = self.keymap.with_keys("{clear_filter} or {back}");
                    self.say_or(
                        format!("showing stories involving {company} ({clears} clears)"),
                        Some(format!("showing {company} only ({clears} clears)")),
                    );
                    self.company = Some(company);
                    self.screen = Screen::List;
                    self.start_on_top();
                    return vec![self.reload()];
                }
                return Vec::new();
            }
            KeyCode::Up => selected = selected.saturating_sub(1),
            KeyCode::Down => selected = (selected + 1).min(n.saturating_sub(1)),
            KeyCode::PageUp => selected = selected.saturating_sub(10),
            KeyCode::PageDown => selected = (selected + 10).min(n.saturating_sub(1)),
            KeyCode::Home => selected = 0,
            KeyCode::End => selected = n.saturating_sub(1),
            KeyCode::Backspace => {
                query.pop();
                selected = 0;
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) && query.chars().count() < 60 => {
                query.push(c);
                selected = 0;
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Picker { query, selected });
        Vec::new()
    }

    fn mouse(&mut self, m: MouseEvent) -> Vec<Cmd> {
        match self.overlay.clone() {
            // The wheel moves the picker's choice, a click picks.
            Some(Overlay::Picker { query, selected }) => {
                let key = match m.kind {
                    MouseEventKind::ScrollDown => KeyCode::Down,
                    MouseEventKind::ScrollUp => KeyCode::Up,
                    MouseEventKind::Down(MouseButton::Left) => {
                        match view::picker_row_at(self, &query, selected, m.column, m.row) {
                            Some(i) => {
                                self.overlay = Some(Overlay::Picker { query, selected: i });
                                KeyCode::Enter
                            }
                            None => return Vec::new(),
                        }
                    }
                    _ => return Vec::new(),
                };
                let picked = self.overlay.clone();
                let Some(Overlay::Picker { query, selected }) = picked else {
                    return Vec::new();
                };
                return self.picker_input(KeyEvent::from(key), query, selected);
            }
            // The wheel scrolls the help.
            Some(Overlay::Help { scroll }) => {
                let scroll = scroll.min(view::help_scroll_max(self));
                self.overlay = Some(Overlay::Help {
                    scroll: match m.kind {
                        MouseEventKind::ScrollDown => (scroll + 3).min(view::help_scroll_max(self)),
                        MouseEventKind::ScrollUp => scroll.saturating_sub(3),
                        _ => scroll,
                    },
                });
                return Vec::new();
            }
            Some(Overlay::SearchInput { .. }) => return Vec::new(),
            None => {}
        }
        match m.kind {
            MouseEventKind::ScrollDown => {
                let mut out = Vec::new();
                for _ in 0..3 {
                    out.extend(self.command_in_screen(Command::Down));
                }
                out
            }
            MouseEventKind::ScrollUp => {
                let mut out = Vec::new();
                for _ in 0..3 {
                    out.extend(self.command_in_screen(Command::Up));
                }
                out
            }
            MouseEventKind::Down(MouseButton::Left) => self.click(m.column, m.row),
            _ => Vec::new(),
        }
    }

    fn command_in_screen(&mut self, cmd: Command) -> Vec<Cmd> {
        match self.screen {
            Screen::List => self.list_command(cmd),
            Screen::Story => self.story_command(cmd),
            Screen::Article => self.article_command(cmd),
            Screen::Feeds => self.feeds_command(cmd),
        }
    }

    fn click(&mut self, _col: u16, row: u16) -> Vec<Cmd> {
        match self.screen {
            Screen::List => {
                let top = view::BODY_TOP;
                if row < top || row >= top + view::body_height(self.height) as u16 {
                    return Vec::new();
                }
                let index = self.offset + (row - top) as usize / 2;
                if index < self.stories.len() {
                    self.selected = index;
                    return self.open_selected();
                }
                Vec::new()
            }
            Screen::Story => {
                if let Some(index) = view::article_row_at(self, row) {
                    self.pane = Pane::Articles;
                    self.article_selected = index;
                    return self.story_command(Command::Open);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

/// Frees `old` on the runtime's blocking threads when there is a runtime
/// (in the reader), not on the reader's: the story list it replaces at 100k
/// articles is some 60k blocks, 2–8 ms to free while a poll runs.
fn discard<T: Send + 'static>(old: T) {
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => drop(runtime.spawn_blocking(move || drop(old))),
        Err(_) => drop(old),
    }
}

/// Only http(s) links are handed to a browser.
pub fn is_web_link(link: &str) -> bool {
    url::Url::parse(link).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}
