//! The reader's views rendered into a buffer, and its update logic driven by
//! synthetic keys: no terminal involved.

use std::path::Path;

use counterpoint::extract::{Companies, Extractor};
use counterpoint::ingest::{PollProgress, prepare};
use counterpoint::model::{FeedItem, Stance, StoryId};
use counterpoint::store::Store;
use counterpoint::store::queries::{CompanyCount, StoryFilter, StorySummary, StoryView};
use counterpoint::tui::app::{Action, App, Cmd, Overlay, Pane, Screen};
use counterpoint::tui::keymap::Keymap;
use counterpoint::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

const NOW: i64 = 1_700_000_000;

fn app(w: u16, h: u16) -> App {
    App::new(Keymap::default(), Theme::monochrome(), Companies::builtin, w, h, NOW)
}

/// The reader with a `[keys]` table giving each action one key.
fn app_with_keys(keys: &[(&str, &str)], w: u16, h: u16) -> App {
    let user = keys
        .iter()
        .map(|(action, key)| (action.to_string(), counterpoint::config::KeyList::One(key.to_string())))
        .collect();
    App::new(
        Keymap::new(&user).unwrap(),
        Theme::monochrome(),
        Companies::builtin,
        w,
        h,
        NOW,
    )
}

fn key(c: char) -> Action {
    Action::Key(KeyEvent::new(
        KeyCode::Char(c),
        if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        },
    ))
}

fn code(k: KeyCode) -> Action {
    Action::Key(KeyEvent::new(k, KeyModifiers::NONE))
}

fn render(app: &App) -> Vec<String> {
    let area = Rect::new(0, 0, app.width, app.height);
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    (0..area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < area.width {
                let cell = &buf[(x, y)];
                line.push_str(cell.symbol());
                x += unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            }
            line.trim_end().to_owned()
        })
        .collect()
}

fn story(id: i64, headline: &str, companies: &[&str], followed: bool, new: i64) -> StorySummary {
    StorySummary {
        id: StoryId(id),
        headline: headline.into(),
        companies: companies.iter().map(|c| c.to_string()).collect(),
        article_count: 3,
        outlet_count: 2,
        first_seen: NOW - 86400 * 2,
        last_activity: NOW - 3600 * 5,
        followed,
        new_developments: new,
        unread: id % 2 == 1,
    }
}

/// A poll starting.
fn poll_starts(a: &mut App) {
    a.update(Action::Progress(PollProgress {
        running: true,
        ..Default::default()
    }));
}

/// The poll ending with `new` articles, `failed` feeds and `deleted` old
/// articles.
fn poll_ends(a: &mut App, new: usize, failed: usize, deleted: usize) {
    let mut done = PollProgress {
        failed,
        deleted,
        finished_at: Some(1_700_000_000),
        ..Default::default()
    };
    done.report.new_articles = new;
    a.update(Action::Progress(done));
}

fn loaded(mut a: App, stories: Vec<StorySummary>) -> App {
    let generation = list_load(&a.start());
    list_arrives(&mut a, generation, stories);
    a
}

fn sample() -> Vec<StorySummary> {
    vec![
        story(1, "FTC sues Amazon over Prime sign-ups", &["Amazon"], true, 2),
        story(
            2,
            "EU fines Apple €1.8bn over music streaming",
            &["Apple", "Spotify"],
            false,
            0,
        ),
        story(
            3,
            "Texas settles with Meta over facial recognition",
            &["Meta"],
            false,
            0,
        ),
    ]
}

#[test]
fn story_list_at_80x24() {
    let a = loaded(app(80, 24), sample());
    let lines = render(&a);
    assert_eq!(lines[0], " counterpoint · 3 stories");
    assert_eq!(
        lines[1],
        " •★ FTC sues Amazon over Prime sign-ups                              +2 new · 5h"
    );
    assert_eq!(lines[2], "    [Amazon] 2 outlets · 3 articles");
    assert_eq!(
        lines[3],
        "    EU fines Apple €1.8bn over music streaming                                5h"
    );
    assert_eq!(lines[4], "    [Apple] [Spotify] 2 outlets · 3 articles");
    assert_eq!(
        lines[5],
        " •  Texas settles with Meta over facial recognition                           5h"
    );
    assert!(lines[23].ends_with("starting… · ? help"), "{}", lines[23]);
}

#[test]
fn a_store_with_nothing_to_poll_says_how_to_add_a_feed_instead_of_starting() {
    let mut a = loaded(app(80, 24), Vec::new());
    a.update(Action::Progress(PollProgress {
        no_feeds: true,
        ..Default::default()
    }));
    let screen = render(&a);
    let status = screen.last().cloned().unwrap_or_default();
    assert!(
        status.ends_with("no feeds: `counterpoint feeds add URL` · ? help"),
        "{status}"
    );
    let body = screen.join("\n");
    assert!(
        body.contains("No stories: there is no feed to poll.") && !body.contains("polling in the background"),
        "{body}"
    );
    // `r` with no feed to poll says so rather than that it is polling.
    a.update(key('r'));
    let status = render(&a).last().cloned().unwrap_or_default();
    assert!(status.contains("polling every feed now"), "{status}");
    a.update(Action::Progress(PollProgress {
        no_feeds: true,
        ..Default::default()
    }));
    let status = render(&a).last().cloned().unwrap_or_default();
    assert!(
        status.starts_with("no feeds: `counterpoint feeds add URL`") && !status.contains("polling"),
        "{status}"
    );
}

#[test]
fn a_store_whose_feeds_are_not_due_says_so_instead_of_starting() {
    let mut a = loaded(app(80, 24), Vec::new());
    a.update(Action::Progress(PollProgress {
        nothing_due: true,
        ..Default::default()
    }));
    let screen = render(&a);
    let status = screen.last().cloned().unwrap_or_default();
    assert!(status.ends_with("no feed due · ? help"), "{status}");
    let body = screen.join("\n");
    assert!(
        body.contains("no feed is due") && !body.contains("polling in the background"),
        "{body}"
    );
    // `r` polls every feed. The answer to a check made before it is no
    // answer to it; when no feed can be polled at all, the reader says why.
    a.update(key('r'));
    a.update(Action::Progress(PollProgress {
        nothing_due: true,
        ..Default::default()
    }));
    let status = render(&a).last().cloned().unwrap_or_default();
    assert!(status.contains("polling every feed now"), "{status}");
    a.update(Action::Progress(PollProgress {
        nothing_due: true,
        none_pollable: true,
        ..Default::default()
    }));
    let status = render(&a).last().cloned().unwrap_or_default();
    assert!(status.starts_with("no feed can be polled now"), "{status}");
    // A poll that starts clears it.
    a.update(Action::Progress(PollProgress {
        running: true,
        total: 3,
        ..Default::default()
    }));
    let body = render(&a).join("\n");
    assert!(
        body.contains("polling in the background") && !body.contains("no feed is due"),
        "{body}"
    );
}

/// A reader of `width` columns that saw a poll start and then end with
/// `new` articles, `failed` feeds and `deleted` old articles.
fn after_a_poll(width: u16, new: usize, failed: usize, deleted: usize) -> App {
    let mut a = loaded(app(width, 24), sample());
    // The note on followed stories' news gone.
    a.status = None;
    poll_starts(&mut a);
    poll_ends(&mut a, new, failed, deleted);
    a
}

#[test]
fn a_finished_poll_says_what_it_brought_and_what_it_deleted() {
    let a = after_a_poll(100, 12, 1, 40);
    let status = render(&a).last().cloned().unwrap_or_default();
    assert!(
        status.starts_with("poll done: 12 new articles, 1 feed failed (L lists them), 40 old articles deleted"),
        "{status}"
    );
    // Too long for the line: cut where it says so.
    let narrow = after_a_poll(60, 12, 1, 40);
    let status = render(&narrow).last().cloned().unwrap_or_default();
    assert!(
        status.starts_with("poll done: 12 new articles, 1 feed failed (L lists…  ? help"),
        "{status}"
    );
    // One of each is said as one.
    let one = after_a_poll(100, 1, 2, 1);
    assert_eq!(
        one.status.as_ref().unwrap().text,
        "poll done: 1 new article, 2 feeds failed (L lists them), 1 old article deleted"
    );
}

#[test]
fn story_list_at_a_narrow_width_cuts_headlines_cleanly() {
    let a = loaded(app(44, 12), sample());
    let lines = render(&a);
    assert_eq!(lines[1], " •★ FTC sues Amazon over Prime…  +2 new · 5h");
    assert_eq!(lines[3], "    EU fines Apple €1.8bn over music str… 5h");
    assert!(
        lines
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 44)
    );
}

#[test]
fn a_tiny_terminal_gets_a_message_not_a_mess() {
    let a = loaded(app(30, 8), sample());
    let text = render(&a).join("\n");
    assert!(text.contains("terminal too small"), "{text}");
}

#[test]
fn keys_move_the_selection_and_open_a_story() {
    let mut a = loaded(app(80, 24), sample());
    a.update(key('j'));
    a.update(code(KeyCode::Down));
    assert_eq!(a.selected, 2);
    a.update(key('j'));
    assert_eq!(a.selected, 2, "stops at the end");
    a.update(key('g'));
    assert_eq!(a.selected, 0);
    a.update(key('G'));
    assert_eq!(a.selected, 2);
    let cmds = a.update(code(KeyCode::Enter));
    assert!(
        matches!(cmds.as_slice(), [Cmd::LoadStory { id: StoryId(3), .. }]),
        "{cmds:?}"
    );
}

#[test]
fn new_stories_arrive_without_moving_the_selection() {
    let mut a = loaded(app(80, 24), sample());
    a.update(key('j'));
    assert_eq!(a.selected_story().unwrap().id, StoryId(2));
    let mut more = vec![story(9, "A brand new story", &[], false, 0)];
    more.extend(sample());
    stories_arrive(&mut a, more);
    assert_eq!(a.selected_story().unwrap().id, StoryId(2));
}

/// The store changed and the list is loaded again: it is now `list`.
fn stories_arrive(a: &mut App, list: Vec<StorySummary>) {
    let cmds = a.update(Action::StoreChanged { stories: true });
    let Cmd::LoadStories { generation, .. } = cmds[0] else {
        panic!("{cmds:?}")
    };
    a.update(Action::Stories {
        generation,
        result: Ok(list),
        complete: true,
    });
}

#[test]
fn until_the_reader_moves_the_newest_stories_stay_in_view_as_they_arrive() {
    // The first start: the list fills as feeds are polled, oldest news
    // first from a feed that answered first.
    let mut a = loaded(app(80, 24), vec![story(1, "Old news", &[], false, 0)]);
    let mut list: Vec<StorySummary> = (2..40)
        .rev()
        .map(|i| story(i, &format!("Newer story {i}"), &[], false, 0))
        .collect();
    list.push(story(1, "Old news", &[], false, 0));
    stories_arrive(&mut a, list.clone());
    assert_eq!(a.selected_story().unwrap().id, StoryId(39), "the newest");
    assert_eq!(a.offset, 0, "the top of the list in view");
    // Once the reader moves, the selection is theirs.
    a.update(key('j'));
    assert_eq!(a.selected_story().unwrap().id, StoryId(38));
    list.insert(0, story(40, "Newest", &[], false, 0));
    stories_arrive(&mut a, list.clone());
    assert_eq!(a.selected_story().unwrap().id, StoryId(38));
    // So is a story opened from the top: back from it, it is still selected.
    let mut a = loaded(app(80, 24), list.clone());
    a.update(code(KeyCode::Enter));
    list.insert(0, story(41, "Newer still", &[], false, 0));
    stories_arrive(&mut a, list);
    assert_eq!(a.selected_story().unwrap().id, StoryId(40));
}

#[test]
fn the_newest_stories_show_first_and_the_rest_of_a_long_list_follows_under_the_selection() {
    let mut a = app(80, 24);
    let cmds = a.start();
    let [Cmd::LoadStories { generation, .. }, ..] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    let generation = *generation;
    let list: Vec<StorySummary> = (1..=300)
        .rev()
        .map(|i| story(i, &format!("Story {i}"), &[], false, 0))
        .collect();
    a.update(Action::Stories {
        generation,
        result: Ok(list[..200].to_vec()),
        complete: false,
    });
    assert!(
        render(&a)[0].contains("counterpoint · 200+ stories"),
        "{:?}",
        render(&a)[0]
    );
    a.update(key('j'));
    a.update(key('j'));
    // A poll stored a story meanwhile: the whole list has it on top.
    let mut list = list;
    list.insert(0, story(301, "Story 301", &[], false, 0));
    a.update(Action::Stories {
        generation,
        result: Ok(list),
        complete: true,
    });
    assert!(
        render(&a)[0].contains("counterpoint · 301 stories"),
        "{:?}",
        render(&a)[0]
    );
    assert_eq!(a.selected_story().unwrap().id, StoryId(298), "the selection stays");
    assert_eq!(a.selected, 3);
}

/// The generation of the list load among `cmds`.
fn list_load(cmds: &[Cmd]) -> u64 {
    cmds.iter()
        .find_map(|c| match c {
            Cmd::LoadStories { generation, .. } => Some(*generation),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no list load in {cmds:?}"))
}

#[test]
fn what_the_reader_waits_for_is_drawn_at_once_and_the_stores_reloads_wait_for_a_frame() {
    let mut a = loaded(app(80, 24), sample());
    assert!(std::mem::take(&mut a.draw_now), "the first list");
    let cmds = a.update(Action::StoreChanged { stories: true });
    list_arrives(&mut a, list_load(&cmds), sample());
    assert!(!a.draw_now, "a reload after the store changed");
    let cmds = a.update(key('F'));
    list_arrives(&mut a, list_load(&cmds), Vec::new());
    assert!(std::mem::take(&mut a.draw_now), "the list of a filter the reader set");
    let asked = list_load(&a.update(key('F')));
    let cmds = a.update(Action::StoreChanged { stories: true });
    assert!(cmds.is_empty(), "the reader's own load is not replaced: {cmds:?}");
    let cmds = list_arrives(&mut a, asked, Vec::new());
    assert!(std::mem::take(&mut a.draw_now), "the list the reader asked for");
    list_arrives(&mut a, list_load(&cmds), sample());
    assert!(!a.draw_now, "the store's change, loaded after it");
    let cmds = a.update(code(KeyCode::Enter));
    let [Cmd::LoadStory { generation, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    a.update(Action::Story {
        generation: *generation,
        result: Ok(None),
    });
    assert!(std::mem::take(&mut a.draw_now), "the story the reader opened");
}

#[test]
fn stale_replies_are_dropped() {
    let mut a = loaded(app(80, 24), sample());
    let old = a.generation;
    a.update(key('F'));
    a.update(Action::Stories {
        generation: old,
        result: Ok(vec![]),
        complete: true,
    });
    assert_eq!(a.stories.len(), 3, "the reply to an older filter is ignored");
}

#[test]
fn follow_is_saved_before_it_is_shown_and_a_failure_is_reported() {
    let mut a = loaded(app(80, 24), sample());
    a.update(key('j'));
    let cmds = a.update(key('f'));
    assert_eq!(
        cmds,
        vec![Cmd::Follow {
            story: StoryId(2),
            follow: true
        }]
    );
    assert!(
        !a.stories[1].followed,
        "not shown as followed before the write succeeds"
    );
    a.update(Action::FollowSaved {
        story: StoryId(2),
        follow: true,
        result: Err("the disk is full".into()),
    });
    assert!(!a.stories[1].followed);
    let status = a.status.clone().unwrap();
    assert!(status.error && status.text.contains("not saved"), "{status:?}");
    a.update(key('f'));
    a.update(Action::FollowSaved {
        story: StoryId(2),
        follow: true,
        result: Ok(()),
    });
    assert!(a.stories[1].followed);
}

static DICTIONARY_ASKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn counted_dictionary() -> &'static Companies {
    DICTIONARY_ASKED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    Companies::builtin()
}

#[test]
fn the_company_dictionary_is_compiled_only_when_the_picker_filters_by_it() {
    let mut a = App::new(Keymap::default(), Theme::monochrome(), counted_dictionary, 80, 24, NOW);
    let cmds = a.start();
    list_arrives(&mut a, list_load(&cmds), sample());
    a.update(key('c'));
    a.update(Action::Companies(vec![CompanyCount {
        company: "Meta".into(),
        stories: 3,
    }]));
    render(&a);
    assert_eq!(DICTIONARY_ASKED.load(std::sync::atomic::Ordering::SeqCst), 0);
    a.update(key('i'));
    render(&a);
    assert!(DICTIONARY_ASKED.load(std::sync::atomic::Ordering::SeqCst) > 0);
}

#[test]
fn a_click_picks_a_company_the_wheel_moves_and_end_goes_to_the_last() {
    let mut a = loaded(app(80, 24), sample());
    a.update(key('c'));
    let companies: Vec<CompanyCount> = ["Amazon", "Apple", "Google", "Meta"]
        .iter()
        .map(|c| CompanyCount {
            company: (*c).into(),
            stories: 1,
        })
        .collect();
    a.update(Action::Companies(companies));
    assert!(render(&a).join("\n").contains("4 of 4"), "how many match");
    a.update(code(KeyCode::End));
    assert_eq!(
        a.overlay,
        Some(Overlay::Picker {
            query: String::new(),
            selected: 3
        })
    );
    a.update(code(KeyCode::Home));
    let mouse = |kind, row| {
        Action::Mouse(crossterm::event::MouseEvent {
            kind,
            column: 40,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    a.update(mouse(crossterm::event::MouseEventKind::ScrollDown, 10));
    assert_eq!(
        a.overlay,
        Some(Overlay::Picker {
            query: String::new(),
            selected: 1
        })
    );
    let screen = render(&a);
    let row = screen.iter().position(|l| l.contains("Google")).unwrap() as u16;
    let cmds = a.update(mouse(
        crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        row,
    ));
    assert_eq!(a.company.as_deref(), Some("Google"));
    assert!(matches!(&cmds[0], Cmd::LoadStories { .. }));
}

#[test]
fn company_picker_finds_a_parent_by_its_subsidiary() {
    let mut a = loaded(app(80, 24), sample());
    a.update(key('c'));
    a.update(Action::Companies(vec![
        CompanyCount {
            company: "Amazon".into(),
            stories: 4,
        },
        CompanyCount {
            company: "Meta".into(),
            stories: 3,
        },
    ]));
    for c in "insta".chars() {
        a.update(key(c));
    }
    assert_eq!(
        a.picker_matches("insta")
            .iter()
            .map(|c| c.company.as_str())
            .collect::<Vec<_>>(),
        vec!["Meta"]
    );
    assert!(
        render(&a).join("\n").contains("Meta (Instagram)"),
        "the picker says which name matched"
    );
    let cmds = a.update(code(KeyCode::Enter));
    assert_eq!(a.company.as_deref(), Some("Meta"));
    assert!(matches!(&cmds[0], Cmd::LoadStories { filter: StoryFilter { company: Some(c), .. }, .. } if c == "Meta"));
    assert!(render(&a)[0].contains("company: Meta"));
    list_arrives(&mut a, list_load(&cmds), vec![sample()[2].clone()]);
    a.update(code(KeyCode::Esc));
    assert_eq!(a.company, None, "Esc clears the filter");
    a.update(key('c'));
    a.update(key('z'));
    a.update(code(KeyCode::Esc));
    assert_eq!(a.overlay, None, "Esc closes the picker");
    assert_eq!(a.company, None, "without picking anything");
}

#[test]
fn links_go_to_the_browser_as_one_argument_never_through_a_shell() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("args");
    let script = dir.path().join("browser");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> {}; done\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let url = "https://evil.example/$(touch pwned);rm -rf ~ `id`?a=1&b=2";
    let mut child = counterpoint::tui::run::open_with(Some(script.display().to_string()), url).unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&log).unwrap(), format!("{url}\n"));
    assert!(!dir.path().join("pwned").exists());
    assert!(counterpoint::tui::run::open_with(Some(script.display().to_string()), "file:///etc/passwd").is_err());
    assert!(counterpoint::tui::run::open_with(Some(script.display().to_string()), "--help").is_err());
    let missing = counterpoint::tui::run::open_with(Some("/nonexistent/browser".into()), url).unwrap_err();
    assert_eq!(missing.to_string(), "/nonexistent/browser not found");
}

/// Types `/query` and Enter; the search command's generation.
/// A search hit on story `s`.
fn hit(s: i64) -> counterpoint::store::queries::SearchHit {
    counterpoint::store::queries::SearchHit {
        story: StoryId(s),
        article: counterpoint::model::ArticleId(s),
        title: String::new(),
    }
}

fn search_for(a: &mut App, query: &str) -> u64 {
    a.update(key('/'));
    for c in query.chars() {
        a.update(key(c));
    }
    assert_eq!(a.overlay, Some(Overlay::SearchInput { query: query.into() }));
    let cmds = a.update(code(KeyCode::Enter));
    let Cmd::Search { generation, .. } = cmds[0].clone() else {
        panic!("{cmds:?}")
    };
    generation
}

#[test]
fn a_search_that_reached_its_limit_says_it_marked_only_the_latest_articles() {
    let mut a = loaded(app(120, 24), sample());
    let generation = search_for(&mut a, "court");
    // Many articles of the same two stories.
    let hits = (0..counterpoint::tui::app::SEARCH_LIMIT)
        .map(|i| counterpoint::store::queries::SearchHit {
            story: StoryId(2 + (i % 2) as i64),
            article: counterpoint::model::ArticleId(i as i64),
            title: String::new(),
        })
        .collect();
    a.update(Action::SearchResults {
        generation,
        result: Ok(hits),
        unindexed: 0,
    });
    let screen = render(&a).join("\n");
    assert!(
        screen.contains("2 stories match “court” (latest 500 articles) — n/N"),
        "{screen}"
    );
    let generation = search_for(&mut a, "fine");
    a.update(Action::SearchResults {
        generation,
        result: Ok(vec![hit(2)]),
        unindexed: 0,
    });
    assert!(!render(&a).join("\n").contains("latest"));
}

#[test]
fn search_moves_between_hits() {
    let mut a = loaded(app(80, 24), sample());
    let generation = search_for(&mut a, "fine");
    a.update(Action::SearchResults {
        generation,
        result: Ok(vec![hit(2), hit(3)]),
        unindexed: 0,
    });
    assert_eq!(a.selected, 1);
    assert!(!render(&a).join("\n").contains("not indexed"));
    a.update(key('n'));
    assert_eq!(a.selected, 2);
    a.update(key('n'));
    assert_eq!(a.selected, 1, "wraps around");
    assert!(render(&a).join("\n").contains("search wrapped to the first hit"));
    a.update(key('N'));
    assert_eq!(a.selected, 2);
}

#[test]
fn previous_hit_from_the_top_goes_on_to_the_last() {
    let mut a = loaded(app(80, 24), sample());
    let generation = search_for(&mut a, "sues");
    a.update(Action::SearchResults {
        generation,
        result: Ok(vec![hit(1), hit(3)]),
        unindexed: 0,
    });
    assert_eq!(a.selected, 0, "the first hit is the top story");
    a.update(key('N'));
    assert_eq!(a.selected, 2);
    assert!(render(&a).join("\n").contains("search wrapped to the last hit"));
}

#[test]
fn a_search_while_the_index_catches_up_says_what_it_may_miss() {
    let mut a = loaded(app(120, 24), sample());
    let generation = search_for(&mut a, "fine");
    a.update(Action::SearchResults {
        generation,
        result: Ok(Vec::new()),
        unindexed: 1200,
    });
    let screen = render(&a).join("\n");
    assert!(
        screen.contains("no story matches “fine” · 1200 articles not indexed yet"),
        "{screen}"
    );
    // On a narrow terminal the message keeps its room; the poll state yields.
    a.update(Action::Resize(70, 24));
    let status = render(&a).last().cloned().unwrap_or_default();
    assert!(status.contains("1200 articles not indexed yet"), "{status}");
    assert!(status.contains("? help") && !status.contains("starting"), "{status}");
}

#[test]
fn a_search_is_made_again_until_the_index_has_caught_up_without_moving_the_selection() {
    let mut a = loaded(app(120, 24), sample());
    let first = search_for(&mut a, "fine");
    a.update(Action::SearchResults {
        generation: first,
        result: Ok(vec![hit(2)]),
        unindexed: 1200,
    });
    assert_eq!(a.selected, 1);
    assert!(a.update(Action::Tick(NOW + 1)).is_empty(), "not yet");
    let cmds = a.update(Action::Tick(NOW + 2));
    let [Cmd::Search { generation, query }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert_eq!(query, "fine");
    assert!(a.update(Action::Tick(NOW + 5)).is_empty(), "one search at a time");
    a.update(key('k'));
    a.update(Action::SearchResults {
        generation: *generation,
        result: Ok(vec![hit(2), hit(3)]),
        unindexed: 0,
    });
    assert_eq!(a.selected, 0, "the selection stays where the user put it");
    let screen = render(&a).join("\n");
    assert!(screen.contains("2 stories match “fine” — n/N"), "{screen}");
    assert!(a.update(Action::Tick(NOW + 60)).is_empty(), "the index has caught up");
}

#[test]
fn one_hit_is_said_in_the_singular_and_an_empty_search_clears_the_last_ones_word() {
    let mut a = loaded(app(80, 24), sample());
    let generation = search_for(&mut a, "fine");
    a.update(Action::SearchResults {
        generation,
        result: Ok(vec![hit(2)]),
        unindexed: 0,
    });
    assert!(a.status.as_ref().unwrap().text.starts_with("1 story matches “fine”"));
    // A narrow status line leaves the query to the header and keeps the keys.
    a.update(Action::Resize(50, 20));
    let screen = render(&a);
    assert!(screen[0].contains("search: “fine”"), "{screen:#?}");
    assert!(
        screen
            .last()
            .unwrap()
            .starts_with("1 story matches — n/N go through them"),
        "{screen:#?}"
    );
    a.update(key('/'));
    a.update(code(KeyCode::Enter));
    assert!(a.search.is_none());
    assert_eq!(a.status.as_ref().unwrap().text, "search cleared");
}

#[test]
fn an_empty_store_whose_every_feed_failed_says_so() {
    let mut a = loaded(app(80, 24), Vec::new());
    a.progress.total = 3;
    a.progress.failed = 3;
    let text = render(&a).join(" ");
    assert!(text.contains("every feed failed at its last poll"), "{text}");
    a.progress.running = true;
    assert!(render(&a).join(" ").contains("feeds are polling"));
}

#[test]
fn a_long_search_being_typed_shows_its_end() {
    let mut a = loaded(app(40, 20), sample());
    a.update(key('/'));
    for c in "this is a very long search query that ends here".chars() {
        a.update(key(c));
    }
    let bottom = render(&a).last().unwrap().clone();
    assert!(
        bottom.starts_with("/…") && bottom.trim_end().ends_with("ends here▏"),
        "{bottom}"
    );
}

#[test]
fn help_lists_every_binding() {
    let mut a = loaded(app(80, 30), sample());
    a.update(key('?'));
    let text = render(&a).join("\n");
    for line in Keymap::default().help_rows() {
        assert!(text.contains(line.1), "help lacks {:?}", line.1);
    }
    a.update(key('z'));
    assert_eq!(a.overlay, None);
    a.update(key('?'));
    a.update(key('q'));
    assert_eq!(a.overlay, None, "q closes the help");
    assert!(!a.quit, "and does not quit from it");
}

#[test]
fn help_too_tall_for_the_terminal_says_it_scrolls_to_the_rest() {
    let mut a = loaded(app(80, 24), sample());
    a.update(key('?'));
    assert!(render(&a).join("\n").contains("j/k scroll"));
    assert!(
        !render(&a).join("\n").contains("Ctrl-c q"),
        "the last key is below the box"
    );
    a.update(key('j'));
    a.update(key('j'));
    assert!(render(&a).join("\n").contains("Ctrl-c q"), "scrolled to it");
    let mut tall = loaded(app(80, 30), sample());
    tall.update(key('?'));
    assert!(!render(&tall).join("\n").contains("j/k scroll"));
}

#[test]
fn help_on_a_narrow_terminal_wraps_each_description_and_scrolls_to_the_last() {
    let mut a = loaded(app(50, 20), sample());
    a.update(key('?'));
    // Every word of every description shows once scrolled to: none is cut.
    let mut seen = String::new();
    for _ in 0..60 {
        seen.push_str(&render(&a).join("\n"));
        a.update(key('j'));
    }
    assert!(seen.contains("Ctrl-c q"), "scrolled to the last key");
    let words: String = seen
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    for (_, desc) in Keymap::default().help_rows() {
        for word in desc.split_whitespace() {
            assert!(words.contains(word), "help at 50 columns lacks {word:?} of {desc:?}");
        }
    }
    assert!(!seen.contains('…'), "nothing is cut");
}

#[test]
fn only_web_links_are_opened() {
    assert!(counterpoint::tui::app::is_web_link("https://example.com/a"));
    assert!(!counterpoint::tui::app::is_web_link("file:///etc/passwd"));
    assert!(!counterpoint::tui::app::is_web_link("javascript:alert(1)"));
    assert!(!counterpoint::tui::app::is_web_link("-rf"));
}

/// The seed article as a story in a store.
fn seed_app(w: u16, h: u16) -> App {
    seed_app_and_store(w, h).0
}

/// The reader with the seed article's story open, and the store it came from.
fn seed_app_and_store(w: u16, h: u16) -> (App, Store) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/netflix-facebook-dms.txt"),
    )
    .unwrap();
    let (title, body) = counterpoint::commands::article_parts(&text);
    let item = FeedItem {
        guid: "seed".into(),
        link: Some("https://news.example.com/netflix-dms".into()),
        title,
        body,
        ..Default::default()
    };
    let mut store = Store::open_in_memory().unwrap();
    let feed = store
        .add_feed("https://news.example.com/rss", Some("Example News"), &[])
        .unwrap();
    store
        .insert_batch(feed, "Example News", &[prepare(item, Extractor::builtin())], NOW)
        .unwrap();
    let list = store.stories(&StoryFilter::default()).unwrap();
    let mut a = loaded(app(w, h), list);
    let cmds = a.update(code(KeyCode::Enter));
    let Cmd::LoadStory { generation, id } = cmds[0].clone() else {
        panic!("{cmds:?}")
    };
    a.update(Action::Story {
        generation,
        result: Ok(Some(store.story_view(id).unwrap())),
    });
    assert_eq!(a.screen, Screen::Story);
    (a, store)
}

/// Tells the reader the store changed and answers its load of the open
/// story with `answer`; returns what the reader asked for then.
fn store_changed(a: &mut App, answer: impl FnOnce(StoryId) -> Result<Option<StoryView>, String>) -> Vec<Cmd> {
    let cmds = a.update(Action::StoreChanged { stories: true });
    let Some((generation, id)) = cmds.iter().find_map(|c| match c {
        Cmd::LoadStory { generation, id } => Some((*generation, *id)),
        _ => None,
    }) else {
        panic!("the open story is not loaded again: {cmds:?}")
    };
    a.update(Action::Story {
        generation,
        result: answer(id),
    })
}

#[test]
fn an_open_story_shows_new_articles_where_the_reader_is() {
    let (mut a, mut store) = seed_app_and_store(80, 24);
    poll_starts(&mut a);
    for _ in 0..5 {
        a.update(key('j'));
    }
    let scrolled = a.story_scroll;
    assert!(scrolled > 0);
    let feed = store
        .add_feed("https://other.example.org/feed", Some("Other"), &[])
        .unwrap();
    let follow_up = FeedItem {
        guid: "later".into(),
        link: Some("https://other.example.org/netflix-facebook-dms".into()),
        title: "Netflix had access to Facebook users' private messages, lawsuit says".into(),
        body: "<p>Recently unsealed court documents say Facebook gave Netflix access to users' private messages. Meta spokesperson Andy Stone denied it.</p>".into(),
        // Published before the seed article: it comes first in the list.
        published: chrono::DateTime::from_timestamp(NOW - 86400, 0),
        ..Default::default()
    };
    let seed_article = a.story.as_ref().unwrap().articles[0].id;
    store
        .insert_batch(feed, "Other", &[prepare(follow_up, Extractor::builtin())], NOW + 60)
        .unwrap();
    let cmds = store_changed(&mut a, |id| Ok(Some(store.story_view(id).unwrap())));
    let view = a.story.as_ref().unwrap();
    assert_eq!(view.articles.len(), 2, "the follow-up joined the open story");
    assert_ne!(view.articles[0].id, seed_article, "the follow-up comes first");
    assert_eq!(
        view.articles[a.article_selected].id, seed_article,
        "the selection follows its article"
    );
    assert_eq!((a.screen, a.story_scroll), (Screen::Story, scrolled), "nothing moved");
    assert_eq!(a.status.as_ref().unwrap().text, "1 new article in this story");
    assert_eq!(
        cmds,
        vec![Cmd::Viewed {
            story: view.id,
            articles: view.articles.iter().map(|x| x.id).collect(),
        }],
        "what is on screen is seen"
    );
    // The poll that brought it ends: its summary keeps the story's news.
    poll_ends(&mut a, 3, 0, 0);
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "1 new article in this story · poll done: 3 new articles"
    );
    // What another refresh brings replaces the story's half.
    let again = FeedItem {
        guid: "later still".into(),
        link: Some("https://other.example.org/netflix-dms-2".into()),
        title: "Netflix and Facebook DMs: what the unsealed filings show".into(),
        body: "<p>Unsealed court documents say Facebook gave Netflix access to users' private messages for years. Meta denied it.</p>".into(),
        published: chrono::DateTime::from_timestamp(NOW - 2 * 86400, 0),
        ..Default::default()
    };
    store
        .insert_batch(feed, "Other", &[prepare(again, Extractor::builtin())], NOW + 120)
        .unwrap();
    store_changed(&mut a, |id| Ok(Some(store.story_view(id).unwrap())));
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "1 new article in this story · poll done: 3 new articles"
    );
    // Nothing new: nothing said, nothing written.
    a.status = None;
    let cmds = store_changed(&mut a, |id| Ok(Some(store.story_view(id).unwrap())));
    assert!(cmds.is_empty() && a.status.is_none(), "{cmds:?}");
}

/// The reader with the seed story open and one of its articles read over it.
fn reading_an_article(a: &mut App) {
    a.update(code(KeyCode::Tab));
    let Cmd::LoadArticle(article) = a.update(code(KeyCode::Enter))[0].clone() else {
        panic!("no article opened")
    };
    a.update(Action::Article(Ok(counterpoint::tui::app::ArticleDoc {
        id: article,
        title: "t".into(),
        link: None,
        text: "x".into(),
    })));
    assert_eq!(a.screen, Screen::Article);
}

#[test]
fn a_list_filter_typed_in_a_story_changes_the_list_behind_it_and_leaves_the_story_open() {
    let (mut a, _store) = seed_app_and_store(80, 24);
    a.update(key('j'));
    let scrolled = a.story_scroll;
    let cmds = a.update(key('u'));
    assert!(
        matches!(cmds.as_slice(), [Cmd::LoadStories { filter, .. }] if filter.unread_only),
        "{cmds:?}"
    );
    assert_eq!((a.screen, a.story_scroll), (Screen::Story, scrolled));
    assert_eq!(a.status.as_ref().unwrap().text, "the list: unread only on");
    a.update(code(KeyCode::Esc));
    assert_eq!(a.screen, Screen::List);
    assert!(a.filter().unread_only);
}

#[test]
fn closing_the_feeds_window_goes_back_to_the_story_it_was_opened_from() {
    let (mut a, _store) = seed_app_and_store(80, 24);
    a.update(key('j'));
    let scrolled = a.story_scroll;
    a.update(key('L'));
    assert_eq!(a.screen, Screen::Feeds);
    a.update(code(KeyCode::Esc));
    assert_eq!((a.screen, a.story_scroll), (Screen::Story, scrolled));
    reading_an_article(&mut a);
    a.update(key('L'));
    a.update(code(KeyCode::Esc));
    assert_eq!(a.screen, Screen::Article);
    a.update(code(KeyCode::Esc));
    a.update(code(KeyCode::Esc));
    a.update(key('L'));
    a.update(code(KeyCode::Esc));
    assert_eq!(a.screen, Screen::List);
}

#[test]
fn paging_through_findings_and_an_article_passes_over_no_line() {
    let (mut a, _store) = seed_app_and_store(80, 16);
    let visible = counterpoint::tui::view::findings_height(&a, 16) as usize;
    let mut scrolls = vec![a.story_scroll];
    loop {
        a.update(key(' '));
        if a.story_scroll == *scrolls.last().unwrap() {
            break;
        }
        scrolls.push(a.story_scroll);
    }
    assert!(
        scrolls.len() > 2,
        "the seed story is longer than two pages: {scrolls:?}"
    );
    let steps: Vec<usize> = scrolls.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        steps[..steps.len() - 1].iter().all(|s| *s == visible - 1) && steps[steps.len() - 1] < visible,
        "each page keeps the last row of the one before in sight: {steps:?} at {visible} rows"
    );
    let lines = counterpoint::tui::view::story_body_lines(&a, a.story.as_ref().unwrap(), 80).len();
    assert_eq!(a.story_scroll + visible, lines, "the last line is in sight at the end");

    reading_an_article(&mut a);
    let text: Vec<String> = (1..=60).map(|n| format!("Paragraph number {n}.")).collect();
    let doc = |text: &[String]| counterpoint::tui::app::ArticleDoc {
        id: a.article.as_ref().unwrap().id,
        title: "t".into(),
        link: None,
        text: text.join("\n\n"),
    };
    let doc = doc(&text);
    a.update(Action::Article(Ok(doc)));
    let mut seen = std::collections::HashSet::new();
    for _ in 0..20 {
        for line in render(&a) {
            seen.extend(text.iter().filter(|t| line.trim() == t.as_str()).cloned());
        }
        a.update(key(' '));
    }
    let unseen: Vec<_> = text.iter().filter(|t| !seen.contains(*t)).collect();
    assert!(unseen.is_empty(), "never on screen: {unseen:?}");
}

#[test]
fn the_article_reader_shows_a_long_address_whole_over_two_rows() {
    let (mut a, _store) = seed_app_and_store(60, 20);
    reading_an_article(&mut a);
    let link = "https://www.example.com/en/spain-to-investigate-big-tech-over-ai-imagery/a-76002528?maca=en-rss";
    a.update(Action::Article(Ok(counterpoint::tui::app::ArticleDoc {
        id: a.article.as_ref().unwrap().id,
        title: "t".into(),
        link: Some(link.into()),
        text: "x".into(),
    })));
    let screen = render(&a);
    let shown = format!("{}{}", screen[2].trim(), screen[3].trim());
    assert_eq!(shown, format!("{link}  — o opens it"), "{screen:#?}");
}

#[test]
fn an_open_story_that_cleanup_deleted_is_closed_with_a_word_why() {
    let (mut a, _store) = seed_app_and_store(80, 24);
    reading_an_article(&mut a);
    let cmds = store_changed(&mut a, |_| Ok(None));
    assert!(cmds.is_empty());
    assert_eq!(a.screen, Screen::List);
    assert!(a.story.is_none() && a.article.is_none());
    let status = a.status.as_ref().unwrap();
    assert!(
        status.error && status.text.starts_with("the story you had open is gone"),
        "{}",
        status.text
    );
}

#[test]
fn an_open_story_that_could_not_be_loaded_again_stays() {
    let (mut a, _store) = seed_app_and_store(80, 24);
    let before = a.story.clone();
    let cmds = store_changed(&mut a, |_| Err("database is locked".into()));
    assert!(cmds.is_empty());
    assert_eq!((a.screen, &a.story), (Screen::Story, &before));
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "could not refresh the story: database is locked"
    );
}

#[test]
fn an_open_story_merged_into_another_shows_the_other() {
    let (mut a, store) = seed_app_and_store(80, 24);
    let cmds = store_changed(&mut a, |id| {
        let mut view = store.story_view(id).unwrap();
        view.id = StoryId(id.0 + 100);
        Ok(Some(view))
    });
    assert_eq!(a.story.as_ref().unwrap().id.0, 101);
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "this story merged with another: both are shown as one"
    );
    let shown = a.story.as_ref().unwrap().articles.iter().map(|x| x.id).collect();
    assert_eq!(
        cmds,
        vec![Cmd::Viewed {
            story: StoryId(101),
            articles: shown
        }]
    );
}

#[test]
fn a_poll_that_touched_only_feeds_leaves_the_open_story_alone() {
    let (mut a, _store) = seed_app_and_store(80, 24);
    let cmds = a.update(Action::StoreChanged { stories: false });
    assert!(!cmds.iter().any(|c| matches!(c, Cmd::LoadStory { .. })), "{cmds:?}");
}

#[test]
fn a_story_read_under_an_article_is_loaded_again_but_not_marked_seen() {
    let (mut a, store) = seed_app_and_store(80, 24);
    reading_an_article(&mut a);
    let cmds = store_changed(&mut a, |id| {
        let mut view = store.story_view(id).unwrap();
        view.articles.push(view.articles[0].clone());
        Ok(Some(view))
    });
    assert_eq!(a.screen, Screen::Article);
    assert_eq!(a.story.as_ref().unwrap().articles.len(), 2);
    assert!(cmds.is_empty(), "{cmds:?}");
}

#[test]
fn seed_story_reads_side_by_side() {
    let a = seed_app(120, 60);
    let lines = render(&a);
    let text = lines.join("\n");
    let row = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{text}"))
            .clone()
    };
    // Allegations on the left, responses on the right of the divider.
    let header = row("ALLEGATIONS");
    assert!(
        header.find("ALLEGATIONS").unwrap() < header.find("│").unwrap() && header.contains("RESPONSES"),
        "{header}"
    );
    let lawsuit = row("lawsuit → Meta");
    assert!(lawsuit.find("lawsuit").unwrap() < lawsuit.find('│').unwrap());
    let unsealed = row("Recently unsealed court documents");
    assert!(unsealed.find("Recently").unwrap() < unsealed.find('│').unwrap());
    let denial = row("[DENIAL] Andy Stone");
    assert!(denial.find("[DENIAL]").unwrap() > denial.find('│').unwrap(), "{denial}");
    let untrue = row("Shockingly untrue");
    assert!(untrue.find("Shockingly").unwrap() > untrue.find('│').unwrap());
    // Andy Stone's statement, five sentences, is one response under his
    // name; the lawsuit's quotation across two sentences stays whole.
    assert_eq!(text.matches("[DENIAL] Andy Stone").count(), 1, "{text}");
    let right: String = text
        .lines()
        .filter_map(|l| l.split_once('│').map(|(_, r)| r.trim()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        right.contains("He said, “Shockingly untrue. Meta didn’t share people’s private messages with Netflix."),
        "{right}"
    );
    let left: String = text
        .lines()
        .map(|l| l.split_once('│').map_or(l, |(left, _)| left).trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        left.contains("enjoyed a special relationship. Netflix bought hundreds"),
        "{left}"
    );
    assert_eq!(left.matches("lawsuit → Netflix, Meta").count(), 1, "{left}");
    let netflix = row("Netflix — no response reported");
    assert!(netflix.find("Netflix —").unwrap() > netflix.find('│').unwrap());
    assert!(!text.contains("Wow"), "Musk's reaction is not a response");
    let view = a.story.as_ref().unwrap();
    assert!(
        view.sides
            .iter()
            .any(|s| s.company == "Meta" && s.responses.iter().all(|r| r.stance == Stance::Denial))
    );
}

#[test]
fn seed_story_stacks_below_100_columns() {
    let mut a = seed_app(80, 24);
    let first = render(&a);
    assert!(first.iter().any(|l| l.trim() == "ALLEGATIONS"));
    assert!(!first.iter().any(|l| l.contains('│')), "no columns at 80 wide");
    let mut seen = first.join("\n");
    for _ in 0..60 {
        a.update(key('j'));
        seen.push_str(&render(&a).join("\n"));
    }
    assert!(seen.contains("RESPONSES"));
    assert!(seen.contains("[DENIAL] Andy Stone"));
    assert!(seen.contains("Netflix — no response reported"));
    assert!(
        render(&a)
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 80)
    );
}

#[test]
fn story_articles_pane_opens_the_reader() {
    let mut a = seed_app(100, 30);
    a.update(code(KeyCode::Tab));
    assert_eq!(a.pane, Pane::Articles);
    let cmds = a.update(code(KeyCode::Enter));
    assert!(matches!(cmds.as_slice(), [Cmd::LoadArticle(_)]));
    let cmds = a.update(key('o'));
    assert_eq!(cmds, vec![Cmd::OpenLink("https://news.example.com/netflix-dms".into())]);
    a.update(code(KeyCode::Esc));
    assert_eq!(a.screen, Screen::List);
}

#[test]
fn every_view_survives_odd_sizes() {
    let mut a = seed_app(120, 40);
    for (w, h) in [
        (1, 1),
        (39, 9),
        (40, 10),
        (41, 12),
        (55, 20),
        (99, 30),
        (100, 30),
        (300, 100),
    ] {
        a.update(Action::Resize(w, h));
        check_widths(&a, "the open story");
        a.update(key('?'));
        check_widths(&a, "help over the story");
        a.update(code(KeyCode::Esc));
    }
}

/// Emoji with ZWJ and VS16, CJK, lone combining marks, Arabic and Hebrew.
const ODD: &[&str] = &[
    "👩‍👩‍👧‍👦 family and ❤️ heart and 🏳️‍🌈 flag",
    "数据保护委员会对脸书处以罚款 北京 東京",
    "\u{301}\u{302} lone combining marks e\u{301}\u{302}\u{303}",
    "هيئة حماية البيانات تغرم ميتا",
    "רשות הגנת הפרטיות קנסה את מטא",
    "ＦＵＬＬＷＩＤＴＨ　ｔｅｘｔ and tabs\tand	more",
];

fn odd_app(w: u16, h: u16) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let feed = store
        .add_feed("https://odd.example.com/rss", Some("奇怪 📰"), &[])
        .unwrap();
    let items: Vec<_> = ODD
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let body =
                format!("<p>The regulator said Meta violated the law: {t}.</p><p>Meta declined to comment on {t}.</p>");
            let item = FeedItem {
                guid: format!("g{i}"),
                link: Some(format!("https://odd.example.com/{i}")),
                title: t.to_string(),
                body,
                ..Default::default()
            };
            prepare(item, Extractor::builtin())
        })
        .collect();
    store.insert_batch(feed, "奇怪 📰", &items, NOW).unwrap();
    let list = store.stories(&StoryFilter::default()).unwrap();
    let mut a = loaded(app(w, h), list);
    let cmds = a.update(code(KeyCode::Enter));
    let Cmd::LoadStory { generation, id } = cmds[0].clone() else {
        panic!()
    };
    a.update(Action::Story {
        generation,
        result: Ok(Some(store.story_view(id).unwrap())),
    });
    a.update(Action::Companies(store.company_counts().unwrap()));
    a.update(Action::Feeds(store.feed_list().unwrap()));
    a
}

fn check_widths(a: &App, what: &str) {
    let lines = render(a);
    for l in &lines {
        assert!(
            unicode_width::UnicodeWidthStr::width(l.as_str()) <= a.width as usize,
            "{what} at {}: {l:?}",
            a.width
        );
    }
    // In two columns, the divider stands in the same column on every row.
    let cols: Vec<usize> = lines
        .iter()
        .filter_map(|l| l.find(" │ ").map(|i| unicode_width::UnicodeWidthStr::width(&l[..i])))
        .collect();
    if let Some(first) = cols.first().filter(|_| what == "story") {
        assert!(
            cols.iter().all(|c| c == first),
            "{what} at {}: divider columns {cols:?}\n{}",
            a.width,
            lines.join("\n")
        );
    }
}

#[test]
fn wide_and_odd_text_renders_at_every_width_from_1_to_300() {
    let mut a = odd_app(120, 30);
    for w in 1..=300u16 {
        a.update(Action::Resize(w, 30));
        a.screen = Screen::Story;
        check_widths(&a, "story");
        a.screen = Screen::List;
        check_widths(&a, "list");
        a.screen = Screen::Feeds;
        check_widths(&a, "feeds");
        a.screen = Screen::List;
        a.update(key('?'));
        check_widths(&a, "help");
        a.update(code(KeyCode::Esc));
        assert_eq!(a.overlay, None, "help closed at {w}");
        a.update(key('c'));
        check_widths(&a, "picker");
        a.update(code(KeyCode::Esc));
        assert_eq!(a.overlay, None, "picker closed at {w}");
    }
}

#[test]
fn a_toggles_stories_with_allegations_only_and_the_header_says_so() {
    let mut a = loaded(app(80, 24), sample());
    let cmds = a.update(key('a'));
    let [Cmd::LoadStories { filter, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert!(filter.charged_only);
    assert!(render(&a)[0].contains("with allegations"), "{:?}", render(&a)[0]);
    list_arrives(&mut a, list_load(&cmds), sample());
    let cmds = a.update(key('a'));
    let [Cmd::LoadStories { filter, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert!(!filter.charged_only);
    assert!(!render(&a)[0].contains("with allegations"));
}

/// The list the reader asked for (load `generation`) arrives, whole.
fn list_arrives(a: &mut App, generation: u64, list: Vec<StorySummary>) -> Vec<Cmd> {
    a.update(Action::Stories {
        generation,
        result: Ok(list),
        complete: true,
    })
}

#[test]
fn keys_typed_while_a_filter_loads_act_on_the_filtered_list() {
    let mut a = loaded(app(80, 24), sample());
    let generation = list_load(&a.update(key('a')));
    assert!(a.update(key('j')).is_empty());
    assert!(
        a.update(code(KeyCode::Enter)).is_empty(),
        "nothing opens from the old list"
    );
    assert_eq!(a.selected, 0);
    let cmds = list_arrives(&mut a, generation, vec![sample()[2].clone(), sample()[0].clone()]);
    assert!(
        matches!(cmds.as_slice(), [Cmd::LoadStory { id: StoryId(1), .. }]),
        "the second story of the filtered list opens, not the old list's: {cmds:?}"
    );
}

#[test]
fn keys_after_a_second_filter_wait_for_that_filters_list() {
    let mut a = loaded(app(80, 24), sample());
    let first = list_load(&a.update(key('a')));
    a.update(key('u'));
    a.update(key('j'));
    let cmds = list_arrives(&mut a, first, vec![sample()[2].clone(), sample()[1].clone()]);
    let second = list_load(&cmds);
    assert_eq!(a.selected, 0, "the move waits for the second list");
    list_arrives(&mut a, second, sample());
    assert_eq!(a.selected_story().unwrap().id, StoryId(2));
}

#[test]
fn a_poll_writing_while_a_filter_loads_does_not_keep_the_filtered_list_from_coming() {
    let mut a = loaded(app(80, 24), sample());
    let asked = list_load(&a.update(key('a')));
    a.update(key('j'));
    for _ in 0..3 {
        assert!(a.update(Action::StoreChanged { stories: true }).is_empty());
    }
    let cmds = list_arrives(&mut a, asked, vec![sample()[2].clone(), sample()[0].clone()]);
    assert_eq!(
        a.selected_story().unwrap().id,
        StoryId(1),
        "the held move, on the filtered list"
    );
    let again = list_load(&cmds);
    list_arrives(&mut a, again, vec![sample()[2].clone(), sample()[0].clone()]);
    assert_eq!(a.selected_story().unwrap().id, StoryId(1));
    assert!(
        !a.update(Action::StoreChanged { stories: true }).is_empty(),
        "with no list awaited, a change loads at once"
    );
}

#[test]
fn quitting_does_not_wait_for_a_list_and_a_list_that_does_not_come_does_not_hold_keys_for_long() {
    let mut a = loaded(app(80, 24), sample());
    a.update(key('a'));
    a.update(key('j'));
    a.update(Action::Tick(NOW + 1));
    assert_eq!(a.selected, 0);
    a.update(Action::Tick(NOW + 2));
    assert_eq!(a.selected, 1, "after two seconds the move acts on the list shown");
    a.update(key('j'));
    assert_eq!(a.selected, 2, "and keys act at once again");
    let mut b = loaded(app(80, 24), sample());
    b.update(key('u'));
    b.update(key('q'));
    assert!(b.quit);
}

#[test]
fn a_story_names_as_many_companies_as_fit_the_filtered_one_first_and_counts_the_rest() {
    let many = [
        "Amazon",
        "Apple",
        "Google",
        "Microsoft",
        "Meta",
        "Netflix",
        "Nvidia",
        "OpenAI",
    ];
    let mut a = loaded(
        app(80, 24),
        vec![story(1, "Big Tech sued by the states", &many, false, 0)],
    );
    let second = render(&a)[2].clone();
    assert!(second.contains("[Amazon] [Apple] [Google]"), "{second}");
    let shown = many.iter().filter(|c| second.contains(&format!("[{c}]"))).count();
    assert!(shown >= 4 && shown < many.len(), "{second}");
    assert!(second.contains(&format!("+{} ", many.len() - shown)), "{second}");
    assert!(second.ends_with("2 outlets · 3 articles"), "{second}");
    let wide = loaded(
        app(200, 24),
        vec![story(1, "Big Tech sued by the states", &many, false, 0)],
    );
    assert!(!render(&wide)[2].contains('+'), "all fit: {}", render(&wide)[2]);
    // Filtered by Nvidia: its badge comes first.
    a.company = Some("Nvidia".into());
    let second = render(&a)[2].clone();
    assert!(second.trim_start().starts_with("[Nvidia] [Amazon]"), "{second}");
}

#[test]
fn the_feed_list_shows_failing_feeds_first_and_tells_feeds_of_one_name_apart() {
    let mut store = Store::open_in_memory().unwrap();
    for (url, title) in [
        ("https://a.example/rss", "Alpha"),
        ("https://b.example/one.xml", "Beta"),
        ("https://b.example/two.xml", "Beta"),
        ("https://c.example/rss", "Gamma"),
    ] {
        store.add_feed(url, Some(title), &[]).unwrap();
    }
    let mut list = store.feed_list().unwrap();
    list[3].status = counterpoint::model::FeedStatus::Error;
    let mut a = loaded(app(100, 24), sample());
    a.update(key('L'));
    a.update(Action::Feeds(list.clone()));
    let screen = render(&a);
    assert!(
        screen[3].contains("Gamma") && screen[3].contains("error"),
        "{screen:#?}"
    );
    assert!(
        screen[4].contains("Alpha") && !screen[4].contains("a.example"),
        "{screen:#?}"
    );
    assert!(screen[5].contains("Beta  b.example/one.xml"), "{screen:#?}");
    assert!(screen[6].contains("Beta  b.example/two.xml"), "{screen:#?}");
    a.update(key('j'));
    // Gamma works again and goes back among the others: Alpha stays selected.
    list[3].status = counterpoint::model::FeedStatus::Ok;
    a.update(Action::Feeds(list));
    assert_eq!(a.feeds[a.feeds_selected].display_title(), "Alpha");
}

#[test]
fn the_feed_list_and_the_company_picker_name_their_keys_at_50_columns() {
    let mut store = Store::open_in_memory().unwrap();
    store.add_feed("https://a.example/rss", Some("Alpha"), &[]).unwrap();
    let mut a = loaded(app(50, 20), sample());
    a.update(key('L'));
    a.update(Action::Feeds(store.feed_list().unwrap()));
    let screen = render(&a);
    assert_eq!(screen[1], " 1 feed, 0 failing — Esc back, r polls all", "{screen:#?}");
    a.update(code(KeyCode::Esc));
    a.update(key('c'));
    let screen = render(&a);
    let title = screen.iter().find(|l| l.contains("company")).unwrap();
    assert!(title.contains("Enter picks, Esc closes ─"), "{screen:#?}");
    let mut wide = loaded(app(100, 24), sample());
    wide.update(key('L'));
    wide.update(Action::Feeds(store.feed_list().unwrap()));
    assert!(render(&wide)[1].ends_with("gone — Esc back, r polls all now"));
}

#[test]
fn a_narrow_feed_list_tells_long_addresses_apart_by_their_ends_and_shows_the_whole_error() {
    let mut store = Store::open_in_memory().unwrap();
    for name in ["alpha", "omega"] {
        let url = format!("http://127.0.0.1:8765/corpus/replicated/twelve/times/over/feeds/{name}.xml");
        store.add_feed(&url, Some("Local"), &[]).unwrap();
    }
    let mut list = store.feed_list().unwrap();
    list[0].status = counterpoint::model::FeedStatus::Error;
    list[0].last_error = Some("invalid XML: control character at line 3 column 14 in the item's title".into());
    let mut a = loaded(app(60, 20), sample());
    a.update(key('L'));
    a.update(Action::Feeds(list));
    let screen = render(&a);
    let text = screen.join("\n");
    assert!(
        screen[3].ends_with("/alpha.xml") && screen[4].ends_with("/omega.xml"),
        "{text}"
    );
    assert!(
        screen[16].contains("http://127.0") && screen[16].contains('…') && screen[16].ends_with("/feeds/alpha.xml"),
        "{text}"
    );
    let error = format!("{} {}", screen[17].trim(), screen[18].trim());
    assert_eq!(
        error, "invalid XML: control character at line 3 column 14 in the item's title",
        "{text}"
    );
}

#[test]
fn a_narrow_header_keeps_the_filters_and_cuts_the_search_inside_its_quotes() {
    let mut a = loaded(app(60, 20), sample());
    a.unread_only = true;
    a.search = Some(counterpoint::tui::app::Search {
        query: "musk responds french prosecutors raid".into(),
        ..Default::default()
    });
    let header = render(&a)[0].clone();
    assert!(header.contains("unread only · search: “musk"), "{header}");
    assert!(header.trim_end().ends_with("…”"), "{header}");
    assert!(!header.contains("counterpoint"), "{header}");
    let wide = render(&{
        let mut w = loaded(app(120, 20), sample());
        w.search = a.search.clone();
        w
    })[0]
        .clone();
    assert!(
        wide.contains(" counterpoint · 3 stories · search: “musk responds french prosecutors raid”"),
        "{wide}"
    );
}

#[test]
fn a_q_typed_after_a_held_slash_is_part_of_the_search_not_quitting() {
    let mut a = loaded(app(80, 24), sample());
    let generation = list_load(&a.update(key('a')));
    for c in "/quo".chars() {
        a.update(key(c));
    }
    assert!(!a.quit);
    list_arrives(&mut a, generation, sample());
    assert!(!a.quit);
    assert_eq!(a.overlay, Some(Overlay::SearchInput { query: "quo".into() }));
}

#[test]
fn a_key_taken_from_another_action_is_said_at_start() {
    let mut a = app_with_keys(&[("follow", "j")], 100, 24);
    a.start();
    let screen = render(&a);
    assert!(
        screen[23].contains("keys: j now does “follow”, not “down”"),
        "{}",
        screen[23]
    );
}

#[test]
fn hints_name_the_keys_the_user_gave_the_actions() {
    let mut a = app_with_keys(
        &[
            ("refresh", "R"),
            ("feeds", "ctrl-l"),
            ("clear_filter", "X"),
            ("help", "H"),
        ],
        100,
        24,
    );
    let generation = list_load(&a.start());
    list_arrives(&mut a, generation, Vec::new());
    a.update(Action::Progress(PollProgress {
        nothing_due: true,
        ..Default::default()
    }));
    let text = render(&a).join("\n");
    assert!(
        text.contains("(R polls every feed now, Ctrl-l shows the feeds)"),
        "{text}"
    );
    assert!(text.contains(" H help"), "{text}");
    assert!(!text.contains("? help") && !text.contains("r polls"), "{text}");
    a.update(key('L'));
    assert_eq!(a.screen, Screen::List, "L is no longer the feed list's");
    a.update(Action::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)));
    a.update(Action::Feeds(Vec::new()));
    assert_eq!(a.screen, Screen::Feeds);
    assert!(render(&a)[1].contains("Esc back, R polls all now"), "{:#?}", render(&a));
}

#[test]
fn marking_every_story_read_asks_first_and_another_key_says_no() {
    let mut a = loaded(app(100, 24), sample());
    assert!(a.update(key('A')).is_empty(), "asks first");
    assert!(render(&a)[23].contains("read? A again: yes"), "{}", render(&a)[23]);
    a.update(key('j'));
    assert!(a.update(key('A')).is_empty(), "another key said no: it asks again");
    let cmds = a.update(key('A'));
    // Stories 1 and 3 are unread, 1 also followed with news; 2 is read.
    assert_eq!(cmds, vec![Cmd::MarkRead(vec![StoryId(1), StoryId(3)])]);
    assert!(a.stories.iter().all(|s| !s.unread && s.new_developments == 0));
    assert!(render(&a)[23].contains("marked 2 stories read"));
    assert!(a.update(key('A')).is_empty());
    assert!(render(&a)[23].contains("nothing to mark"));
}

#[test]
fn a_late_second_press_asks_again() {
    let mut a = loaded(app(100, 24), sample());
    a.update(key('A'));
    a.update(Action::Tick(NOW + 11));
    assert!(a.update(key('A')).is_empty(), "too late: it asks again");
    assert!(matches!(a.update(key('A')).as_slice(), [Cmd::MarkRead(_)]));
}

#[test]
fn the_second_press_marks_the_stories_asked_about_not_those_a_poll_brought_since() {
    let mut a = loaded(app(100, 24), sample());
    a.update(key('A'));
    let mut more = vec![story(7, "A story the poll just brought", &[], false, 0)];
    more.extend(sample());
    stories_arrive(&mut a, more);
    let cmds = a.update(key('A'));
    assert_eq!(cmds, vec![Cmd::MarkRead(vec![StoryId(1), StoryId(3)])]);
    assert!(a.stories.iter().find(|s| s.id == StoryId(7)).unwrap().unread);
}

#[test]
fn a_list_still_loading_is_not_marked_read() {
    let mut a = app(100, 24);
    let generation = list_load(&a.start());
    a.update(Action::Stories {
        generation,
        result: Ok(sample()),
        complete: false,
    });
    assert!(a.update(key('A')).is_empty());
    assert!(render(&a)[23].contains("still loading"), "{}", render(&a)[23]);
}

#[test]
fn a_narrow_story_header_shortens_its_dates_and_never_cuts_one() {
    let (mut a, _store) = seed_app_and_store(80, 24);
    let s = a.story.as_mut().unwrap();
    s.followed = true;
    s.new_developments = 5;
    s.first_seen = NOW - 3 * 86400;
    s.last_activity = NOW;
    let meta = |a: &App| -> String {
        render(a)
            .into_iter()
            .find(|l| l.contains("followed"))
            .unwrap_or_default()
            .trim_end()
            .to_string()
    };
    let date = |days: i64| {
        chrono::DateTime::from_timestamp(NOW - days * 86400, 0)
            .unwrap()
            .format("%Y-%m-%d")
            .to_string()
    };
    for (w, ends) in [
        (80, format!("first {} · last {}", date(3), date(0))),
        (70, format!("outlet · {} – {}", date(3), date(0))),
        (60, format!("outlet · last {}", date(0))),
        (44, "1 article · 1 outlet".into()),
    ] {
        a.update(Action::Resize(w, 24));
        let line = meta(&a);
        assert!(
            line.starts_with(" ★ followed · 5 new · 1 article · 1 outlet"),
            "{w}: {line}"
        );
        assert!(line.ends_with(&ends), "{w} columns: {line}");
    }
}

#[test]
fn followed_stories_with_news_are_pointed_out_when_the_list_first_loads() {
    let a = loaded(
        app(80, 24),
        vec![
            story(1, "Newest, not followed", &["Apple"], false, 0),
            story(2, "Followed, news", &["Meta"], true, 3),
            story(3, "Followed, nothing new", &["Google"], true, 0),
        ],
    );
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "news on a followed story since you last looked: F shows them"
    );
    // The first poll's summary keeps it.
    let mut a = a;
    poll_starts(&mut a);
    poll_ends(&mut a, 0, 0, 0);
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "news on a followed story since you last looked: F shows them · poll done: 0 new articles"
    );
    let quiet = loaded(
        app(80, 24),
        vec![story(3, "Followed, nothing new", &["Google"], true, 0)],
    );
    assert!(quiet.status.is_none());
    // A list that comes in parts is counted once whole.
    let mut a = app(80, 24);
    let generation = list_load(&a.start());
    a.update(Action::Stories {
        generation,
        result: Ok(vec![story(1, "Newest", &["Apple"], false, 0)]),
        complete: false,
    });
    assert!(a.status.is_none());
    let whole = vec![
        story(1, "Newest", &["Apple"], false, 0),
        story(2, "Older, followed, news", &["Meta"], true, 2),
        story(4, "Oldest, followed, news", &["Meta"], true, 1),
    ];
    list_arrives(&mut a, generation, whole);
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "news on 2 followed stories since you last looked: F shows them"
    );
}

#[test]
fn a_narrow_status_line_keeps_the_key_a_message_names() {
    let stories = || vec![story(2, "Followed, news", &["Meta"], true, 3)];
    let status_line = |a: &App| render(a).last().cloned().unwrap_or_default();
    let wide = loaded(app(80, 24), stories());
    assert!(
        status_line(&wide).starts_with("news on a followed story since you last looked: F shows them"),
        "{}",
        status_line(&wide)
    );
    let mut narrow = loaded(app(50, 20), stories());
    assert!(
        status_line(&narrow).starts_with("news on a followed story: F shows them"),
        "{}",
        status_line(&narrow)
    );
    // The first poll's summary keeps the short news in front.
    poll_starts(&mut narrow);
    poll_ends(&mut narrow, 0, 0, 0);
    assert!(
        status_line(&narrow).starts_with("news on a followed story: F shows them ·"),
        "{}",
        status_line(&narrow)
    );
    // Widening the terminal brings the whole message back.
    narrow.update(Action::Resize(100, 20));
    assert!(status_line(&narrow).contains("since you last looked: F shows them · poll done"));
}

#[test]
fn n_and_shift_n_go_through_the_new_findings_of_a_followed_story() {
    let (mut a, _store) = seed_app_and_store(80, 24);
    let new_rows = |a: &App| -> Vec<usize> {
        render(a)
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains("NEW "))
            .map(|(i, _)| i)
            .collect()
    };
    a.update(key('n'));
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "NEW marks what comes after you follow a story (f)"
    );
    let s = a.story.as_mut().unwrap();
    s.followed = true;
    // The last allegation and the last response came after the last look.
    s.allegations.last_mut().unwrap().is_new = true;
    let side = s.sides.iter_mut().rev().find(|x| !x.responses.is_empty()).unwrap();
    side.responses.last_mut().unwrap().is_new = true;
    a.update(key('n'));
    assert!(
        a.status.as_ref().unwrap().text.starts_with("NEW mark 1 of "),
        "{:?}",
        a.status
    );
    let first = a.story_scroll;
    assert!(first > 0, "scrolled to it");
    assert_eq!(
        new_rows(&a).first(),
        Some(&5),
        "at the top of the findings: {:#?}",
        render(&a)
    );
    let total: usize = a.status.as_ref().unwrap().text["NEW mark 1 of ".len()..]
        .parse()
        .unwrap();
    for _ in 1..total {
        a.update(key('n'));
    }
    a.update(key('n'));
    assert_eq!(
        a.status.as_ref().unwrap().text,
        format!("NEW mark 1 of {total}, from the top")
    );
    assert_eq!(a.story_scroll, first);
    a.update(key('N'));
    assert_eq!(
        a.status.as_ref().unwrap().text,
        format!("NEW mark {total} of {total}, from the end")
    );
    assert!(
        !new_rows(&a).is_empty(),
        "the last mark is on screen: {:#?}",
        render(&a)
    );
    // Wrapped over two rows, a heading is still a mark: at 44 columns.
    a.update(Action::Resize(44, 24));
    a.update(key('g'));
    a.update(key('n'));
    a.update(key('n'));
    assert_eq!(a.status.as_ref().unwrap().text, format!("NEW mark 2 of {total}"));
    let screen = render(&a);
    let mark = screen
        .iter()
        .position(|l| l.contains("NEW "))
        .expect("a mark on screen");
    assert!(
        screen[mark].contains("[DENIAL] Andy Stone") && screen[mark + 1].trim() == "director",
        "Andy Stone's heading, wrapped: {screen:#?}"
    );
    // Both marks on one page: each is gone to in turn all the same.
    a.update(Action::Resize(120, 40));
    a.update(key('g'));
    let said = |a: &mut App, k: char| {
        a.update(key(k));
        a.status.as_ref().unwrap().text.clone()
    };
    assert_eq!(
        [
            said(&mut a, 'n'),
            said(&mut a, 'n'),
            said(&mut a, 'n'),
            said(&mut a, 'N')
        ],
        [
            "NEW mark 1 of 2",
            "NEW mark 2 of 2",
            "NEW mark 1 of 2, from the top",
            "NEW mark 2 of 2, from the end"
        ]
    );
    // Only new articles: the first is selected.
    let s = a.story.as_mut().unwrap();
    s.allegations.iter_mut().for_each(|x| x.is_new = false);
    s.sides
        .iter_mut()
        .flat_map(|x| &mut x.responses)
        .for_each(|r| r.is_new = false);
    s.articles[0].is_new = true;
    a.update(key('n'));
    assert_eq!(a.status.as_ref().unwrap().text, "NEW article 1 of 1");
    assert_eq!((a.pane, a.article_selected), (Pane::Articles, 0));
}

#[test]
fn the_company_the_list_is_filtered_by_answers_first_in_a_story() {
    let (mut a, _store) = seed_app_and_store(120, 40);
    let order = |a: &App| -> Vec<&'static str> {
        let screen = render(a);
        let at = |needle: &str| screen.iter().position(|l| l.contains(needle));
        let (meta, netflix) = (at("│ Meta"), at("│ Netflix — no response"));
        assert!(meta.is_some() && netflix.is_some(), "{screen:#?}");
        if meta < netflix {
            vec!["Meta", "Netflix"]
        } else {
            vec!["Netflix", "Meta"]
        }
    };
    assert_eq!(order(&a), ["Meta", "Netflix"]);
    a.company = Some("netflix".into());
    assert_eq!(order(&a), ["Netflix", "Meta"]);
}

#[test]
fn news_a_poll_brings_to_a_followed_story_is_said_beside_the_poll_summary() {
    let mut a = loaded(
        app(100, 24),
        vec![
            story(1, "Newest", &["Apple"], false, 0),
            story(2, "FTC sues Amazon", &["Amazon"], true, 0),
            story(3, "Meta fined in Ireland", &["Meta"], true, 1),
        ],
    );
    poll_starts(&mut a);
    let reload = |a: &mut App, stories: Vec<StorySummary>| {
        let generation = list_load(&a.update(Action::StoreChanged { stories: true }));
        list_arrives(a, generation, stories);
    };
    a.status = None;
    reload(
        &mut a,
        vec![
            story(1, "Newest", &["Apple"], false, 0),
            story(2, "FTC sues Amazon · Prime", &["Amazon"], true, 2),
            story(3, "Meta fined in Ireland", &["Meta"], true, 1),
        ],
    );
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "news on a followed story: FTC sues Amazon · Prime"
    );
    poll_ends(&mut a, 4, 0, 0);
    assert_eq!(
        a.status.as_ref().unwrap().text,
        "news on a followed story: FTC sues Amazon · Prime · poll done: 4 new articles"
    );
    // Unchanged counts say nothing.
    a.status = None;
    reload(
        &mut a,
        vec![
            story(2, "FTC sues Amazon · Prime", &["Amazon"], true, 2),
            story(3, "Meta fined in Ireland", &["Meta"], true, 1),
        ],
    );
    assert!(a.status.is_none(), "{:?}", a.status);
}
