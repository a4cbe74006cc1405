//! Drawing: every screen is a function of the state (`impl Widget for &App`);
//! nothing here changes it. Layout helpers are shared with `update` so that
//! scrolling and clicks agree with what is on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::app::{App, ArticleDoc, Overlay, Pane, Screen};
use crate::model::FeedStatus;
use crate::report::{date, plural, wrap};
use crate::store::queries::{StoryView, allegation_runs, run_paragraphs};
use crate::text::sanitize_line;

/// The first row below the header.
pub const BODY_TOP: u16 = 1;
/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Below this width the story's two columns are stacked.
pub const TWO_COLUMNS_FROM: u16 = 100;

/// Rows between the header and the status bar.
pub fn body_height(height: u16) -> usize {
    height.saturating_sub(2) as usize
}

/// Rows of the article reader's text, below its title and link.
pub fn article_rows(height: u16) -> usize {
    body_height(height).saturating_sub(3)
}

/// "3h", "2d", "5w" since `t`.
pub fn age(now: i64, t: i64) -> String {
    let d = (now - t).max(0);
    match d {
        0..3600 => format!("{}m", d / 60),
        3600..86400 => format!("{}h", d / 3600),
        86400..1_209_600 => format!("{}d", d / 86400),
        1_209_600..31_536_000 => format!("{}w", d / 604_800),
        _ => format!("{}y", d / 31_536_000),
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        header(self, Rect { height: 1, ..area }, buf);
        let body = Rect {
            x: area.x,
            y: area.y + BODY_TOP,
            width: area.width,
            height: body_height(area.height) as u16,
        };
        match self.screen {
            Screen::List => list(self, body, buf),
            Screen::Story => match &self.story {
                Some(s) => story(self, s, body, buf),
                None => list(self, body, buf),
            },
            Screen::Article => match &self.article {
                Some(a) => article(self, a, body, buf),
                None => list(self, body, buf),
            },
            Screen::Feeds => feeds(self, body, buf),
        }
        status_bar(
            self,
            Rect {
                y: area.y + area.height - 1,
                height: 1,
                ..area
            },
            buf,
        );
        match &self.overlay {
            Some(Overlay::Help { scroll }) => help(self, *scroll, area, buf),
            Some(Overlay::Picker { query, selected }) => picker(self, query, *selected, area, buf),
            Some(Overlay::SearchInput { .. }) | None => {}
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = ["terminal too small", "for counterpoint:", "at least 40×10", "please"];
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + (area.height / 2).saturating_sub(2) + i as u16;
        if y >= area.y + area.height {
            break;
        }
        let x = area.x + area.width.saturating_sub(l.width() as u16) / 2;
        buf.set_stringn(x, y, l, area.width as usize, Style::new());
    }
}

fn put(buf: &mut Buffer, area: Rect, row: u16, line: &Line) {
    if row < area.height {
        buf.set_line(area.x, area.y + row, line, area.width);
    }
}

fn header(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.theme.header);
    let width = area.width as usize;
    let mut parts = vec![if app.more_to_come {
        format!("{}+ stories", app.stories.len())
    } else {
        plural(app.stories.len(), "story")
    }];
    match &app.company {
        Some(c) if app.charged_only => parts.push(format!("allegations against {c}")),
        Some(c) => parts.push(format!("company: {c}")),
        None => {}
    }
    for (on, what) in [
        (app.followed_only, "followed only"),
        (app.unread_only, "unread only"),
        (app.charged_only && app.company.is_none(), "with allegations"),
    ] {
        if on {
            parts.push(what.into());
        }
    }
    let screen = match app.screen {
        Screen::List => None,
        Screen::Story => Some("story"),
        Screen::Article => Some("article"),
        Screen::Feeds => Some("feeds"),
    };
    let query = app.search.as_ref().map(|s| sanitize_line(&s.query));
    let line = |parts: &[String], query: Option<&str>| {
        let mut all = parts.to_vec();
        all.extend(query.map(|q| format!("search: “{q}”")));
        all.extend(screen.map(String::from));
        format!(" {}", all.join(" · "))
    };
    // What is filtered matters more than the name: the name goes first, then
    // the search's words are cut (inside their quotes).
    let mut text = format!(" counterpoint ·{}", line(&parts, query.as_deref()));
    if text.width() > width {
        text = line(&parts, query.as_deref());
    }
    if let Some(q) = query.as_deref().filter(|_| text.width() > width) {
        let room = (width + q.width()).saturating_sub(text.width()).max(2);
        text = line(&parts, Some(&truncate(q, room)));
    }
    buf.set_stringn(area.x, area.y, truncate(&text, width), width, app.theme.header);
}

fn status_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let hint = &app.keymap.with_keys(" {help} help ");
    let width = area.width as usize;
    if let Some(Overlay::SearchInput { query }) = &app.overlay {
        // The end of the query, where the typing is, stays in sight; the
        // hint goes first.
        let (query, hint) = (sanitize_line(query), "  Enter search · Esc cancel");
        let line = if query.width() + 2 + hint.width() <= width {
            format!("/{query}▏{hint}")
        } else {
            format!("/{}▏", elide_start(&query, width.saturating_sub(2)))
        };
        buf.set_stringn(area.x, area.y, line, width, Style::new());
        return;
    }
    let p = &app.progress;
    let poll = if p.no_feeds && !p.running {
        super::app::NO_FEEDS.into()
    } else if p.running {
        format!(
            "polling {}/{} feeds{}",
            p.done,
            p.total,
            if p.failed > 0 {
                format!(" · {}", plural(p.failed, "error"))
            } else {
                String::new()
            }
        )
    } else if let Some(t) = p.finished_at {
        let when = chrono::DateTime::from_timestamp(t, 0)
            .map(|d| d.with_timezone(&chrono::Local).format("%H:%M").to_string())
            .unwrap_or_default();
        // A message in the status line ("poll done: …, 4 feeds failed") says
        // it already.
        format!(
            "updated {when}{}",
            if p.failed > 0 && app.status.is_none() {
                format!(" · {} failed", plural(p.failed, "feed"))
            } else {
                String::new()
            }
        )
    } else if p.nothing_due {
        "no feed due".into()
    } else {
        "starting…".into()
    };
    let (msg, style) = match &app.status {
        Some(s) => {
            let text = match &s.short {
                Some(short) if s.text.width() + 1 + hint.width() > width => short,
                _ => &s.text,
            };
            (
                sanitize_line(text),
                if s.error { app.theme.error } else { app.theme.info },
            )
        }
        None => (String::new(), Style::new()),
    };
    // A message that does not fit beside the poll state takes its place:
    // on a narrow terminal the message is news, the poll state is not.
    let full = format!("{poll} ·{hint}");
    let right = if msg.width() + 1 + full.width() > width {
        hint.to_string()
    } else {
        full
    };
    let right_w = right.width().min(width);
    let left_w = width.saturating_sub(right_w + 1);
    buf.set_stringn(area.x, area.y, truncate(&msg, left_w), left_w, style);
    buf.set_stringn(area.x + (width - right_w) as u16, area.y, right, right_w, app.theme.dim);
}

fn list(app: &App, area: Rect, buf: &mut Buffer) {
    if app.stories.is_empty() {
        let msg = if !app.loaded {
            "loading…".to_string()
        } else if app.company.is_some() || app.followed_only || app.unread_only || app.charged_only {
            app.keymap.with_keys(
                "No story matches the filter. {clear_filter} clears the company filter; {followed_only}, \
                 {unread_only} and {charged_only} toggle followed, unread and with allegations.",
            )
        } else if app.progress.no_feeds {
            "No stories: there is no feed to poll. Add one with `counterpoint feeds add URL`, or set \
             include_default_feeds = true in the config for the built-in list."
                .into()
        } else if !app.progress.running && app.progress.total > 0 && app.progress.failed == app.progress.total {
            app.keymap.with_keys(
                "No stories: every feed failed at its last poll (offline? {feeds} shows each one's error; \
                 {refresh} polls again).",
            )
        } else if app.progress.nothing_due && !app.progress.running {
            app.keymap.with_keys(
                "No stories yet, and no feed is due ({refresh} polls every feed now, {feeds} shows the feeds).",
            )
        } else {
            app.keymap.with_keys(
                "No stories yet: feeds are polling in the background ({refresh} polls now, {feeds} shows the feeds).",
            )
        };
        for (i, l) in wrap(&msg, area.width as usize - 2).iter().enumerate() {
            put(buf, area, 1 + i as u16, &Line::from(format!(" {l}")));
        }
        return;
    }
    let rows = (area.height / 2) as usize;
    let width = area.width as usize;
    for (i, s) in app.stories.iter().enumerate().skip(app.offset).take(rows) {
        let y = ((i - app.offset) * 2) as u16;
        let selected = i == app.selected;
        let hit = app.search.as_ref().is_some_and(|q| q.hits.contains(&s.id));
        let mut line1 = vec![
            Span::styled(if hit { "»" } else { " " }, app.theme.hit),
            Span::styled(if s.unread { "•" } else { " " }, app.theme.unread),
            Span::styled(if s.followed { "★" } else { " " }, app.theme.followed),
            Span::raw(" "),
        ];
        // The headline, then at the right edge the new developments and the age.
        let new = if s.followed && s.new_developments > 0 {
            format!("+{} new · ", s.new_developments)
        } else {
            String::new()
        };
        let when = age(app.now, s.last_activity);
        let used = 4 + 1 + new.width() + when.width();
        let mut head_style = if s.unread { app.theme.unread } else { Style::new() };
        if !new.is_empty() {
            head_style = head_style.add_modifier(Modifier::BOLD);
        }
        let headline = truncate(&sanitize_line(&s.headline), width.saturating_sub(used));
        let pad = width.saturating_sub(used + headline.width());
        line1.push(Span::styled(headline, head_style));
        line1.push(Span::raw(" ".repeat(pad + 1)));
        line1.push(Span::styled(new, app.theme.new));
        line1.push(Span::styled(when, app.theme.dim));
        let mut line2 = vec![Span::raw("    ")];
        let mut used2 = 4;
        let counts = format!(
            "{} · {}",
            plural(s.outlet_count as usize, "outlet"),
            plural(s.article_count as usize, "article")
        );
        // The company the list is filtered by first, then as stored (the
        // accused first); as many as fit, and how many more.
        let mut companies: Vec<&String> = s.companies.iter().collect();
        if let Some(i) = app
            .company
            .as_ref()
            .and_then(|f| companies.iter().position(|c| *c == f))
        {
            let filtered = companies.remove(i);
            companies.insert(0, filtered);
        }
        let mut shown = 0;
        for (k, c) in companies.iter().enumerate() {
            let badge = format!("[{}]", sanitize_line(c));
            let left = companies.len() - k - 1;
            let more = if left > 0 { format!("+{left} ").width() } else { 0 };
            if used2 + badge.width() + 1 + more + counts.width() + 1 > width {
                break;
            }
            used2 += badge.width() + 1;
            line2.push(Span::styled(badge, app.theme.badge));
            line2.push(Span::raw(" "));
            shown += 1;
        }
        if shown < companies.len() {
            let more = format!("+{} ", companies.len() - shown);
            used2 += more.width();
            line2.push(Span::styled(more, app.theme.dim));
        }
        line2.push(Span::styled(
            truncate(&counts, width.saturating_sub(used2)),
            app.theme.dim,
        ));
        let (mut l1, mut l2) = (Line::from(line1), Line::from(line2));
        if selected {
            l1 = l1.patch_style(app.theme.selected);
            l2 = l2.patch_style(app.theme.selected);
            let full = Rect {
                x: area.x,
                y: area.y + y,
                width: area.width,
                height: 2.min(area.height - y),
            };
            buf.set_style(full, app.theme.selected);
        }
        put(buf, area, y, &l1);
        put(buf, area, y + 1, &l2);
    }
}

/// `s` cut to `max` display columns, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    if max > 0 {
        out.truncate(out.trim_end().len());
        out.push('…');
    }
    out
}

/// `s` in `max` columns, its start left out if it must be: the ends of
/// two addresses on one host tell them apart.
fn elide_start(s: &str, max: usize) -> String {
    if columns(s) <= max || max == 0 {
        return truncate(s, max);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > max {
            break;
        }
        tail.push(c);
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// Columns of `s` counted character by character, as the eliding
/// functions cut it (a string's own width can count an emoji sequence as
/// one).
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
        .sum()
}

/// `s` split where its first `width` columns end.
fn split_at_width(s: &str, width: usize) -> (String, String) {
    let mut used = 0;
    for (at, c) in s.char_indices() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            return (s[..at].to_owned(), s[at..].to_owned());
        }
    }
    (s.to_owned(), String::new())
}

/// `s` in `max` columns with its middle left out: an address keeps the
/// start of its host and the end of its path, which tells it from others.
pub fn elide_middle(s: &str, max: usize) -> String {
    if columns(s) <= max {
        return s.to_owned();
    }
    if max < 2 {
        return truncate(s, max);
    }
    let width = |c: &char| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
    let head_room = (max - 1) / 4;
    let (mut head, mut w) = (String::new(), 0);
    for c in s.chars() {
        if w + width(&c) > head_room {
            break;
        }
        w += width(&c);
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    for c in s.chars().rev() {
        if w + width(&c) > max - 1 {
            break;
        }
        w += width(&c);
        tail.push(c);
    }
    head.push('…');
    head.extend(tail.into_iter().rev());
    head
}

/// What marks a finding that is new on a followed story.
const NEW_MARK: &str = "NEW ";

/// Rows of the story's header.
fn story_header_lines(app: &App, s: &StoryView, width: u16) -> Vec<Line<'static>> {
    let mut out: Vec<Line> = wrap(&sanitize_line(&s.headline), width as usize - 1)
        .into_iter()
        .take(2)
        .map(|l| Line::styled(format!(" {l}"), app.theme.title))
        .collect();
    // Following and what is new first: a narrow screen cuts the dates.
    let mut meta = vec![Span::raw(" ")];
    if s.followed {
        meta.push(Span::styled("★ followed · ", app.theme.followed));
        if s.new_developments > 0 {
            meta.push(Span::styled(format!("{} new", s.new_developments), app.theme.new));
            meta.push(Span::styled(" · ", app.theme.dim));
        }
    }
    let room = (width as usize).saturating_sub(Line::from(meta.clone()).width());
    meta.push(Span::styled(story_counts(s, room), app.theme.dim));
    out.push(Line::from(meta));
    let outlets = truncate(
        &format!(
            " outlets: {}",
            s.outlets
                .iter()
                .map(|o| sanitize_line(o))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        width as usize,
    );
    out.push(Line::styled(outlets, app.theme.dim));
    out
}

/// The rows of [`story_body_lines`] that mark a finding NEW.
pub fn new_finding_rows(app: &App, s: &StoryView, width: u16) -> Vec<usize> {
    story_body_lines(app, s, width)
        .iter()
        .enumerate()
        // A heading that wraps splits its spans at spaces ("NEW" and " ").
        .filter(|(_, l)| {
            l.spans
                .iter()
                .any(|x| x.content.trim_end() == NEW_MARK.trim_end() && x.style == app.theme.new)
        })
        .map(|(i, _)| i)
        .collect()
}

/// A story's counts and dates in `room` columns: whole parts or none, the
/// dates said shorter before they are left out.
fn story_counts(s: &StoryView, room: usize) -> String {
    let (first, last) = (date(s.first_seen), date(s.last_activity));
    let counts = [plural(s.articles.len(), "article"), plural(s.outlets.len(), "outlet")];
    let dates = [
        format!("first {first} · last {last}"),
        if first == last {
            first.clone()
        } else {
            format!("{first} – {last}")
        },
        format!("last {last}"),
    ];
    let mut options = dates.iter().map(|d| format!("{} · {} · {d}", counts[0], counts[1]));
    let fits = |t: &String| t.width() <= room;
    options
        .find(fits)
        .or_else(|| Some(format!("{} · {}", counts[0], counts[1])).filter(fits))
        .or_else(|| Some(counts[0].clone()).filter(fits))
        .unwrap_or_default()
}

/// The findings of a story as screen rows: two columns, or stacked.
pub fn story_body_lines(app: &App, s: &StoryView, width: u16) -> Vec<Line<'static>> {
    let two = width >= TWO_COLUMNS_FROM;
    let col = if two {
        (width as usize - 3) / 2
    } else {
        width as usize - 1
    };
    let right_w = if two { width as usize - 3 - col } else { col };
    let left = allegation_rows(app, s, col);
    let right = response_rows(app, s, right_w);
    if !two {
        let mut out = left;
        out.push(Line::raw(""));
        out.extend(right);
        return out.into_iter().map(|l| indent(l, 1)).collect();
    }
    let n = left.len().max(right.len());
    (0..n)
        .map(|i| {
            let l = left.get(i).cloned().unwrap_or_default();
            let r = right.get(i).cloned().unwrap_or_default();
            let pad = col.saturating_sub(l.width());
            let mut spans = l.spans;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(" │ ", app.theme.dim));
            spans.extend(r.spans);
            Line::from(spans)
        })
        .collect()
}

fn indent(l: Line<'static>, n: usize) -> Line<'static> {
    let mut spans = vec![Span::raw(" ".repeat(n))];
    spans.extend(l.spans);
    Line::from(spans)
}

fn allegation_rows(app: &App, s: &StoryView, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled("ALLEGATIONS", app.theme.allegation), Line::raw("")];
    if s.allegations.is_empty() {
        out.push(Line::styled("none found", app.theme.dim));
    }
    for run in allegation_runs(&s.allegations) {
        let a = &run[0];
        let outlets: Vec<String> = a.cited.iter().map(|c| sanitize_line(&c.outlet)).collect();
        let mut head = vec![];
        if a.is_new {
            head.push(Span::styled(NEW_MARK, app.theme.new));
        }
        head.push(Span::styled(a.by.as_str().to_owned(), app.theme.allegation));
        head.push(Span::raw(" → "));
        head.push(Span::styled(a.against.join(", "), app.theme.badge));
        let head_line = Line::from(head);
        for l in wrap_line(head_line, width, 2) {
            out.push(l);
        }
        for text in run_paragraphs(run.iter().map(|a| a.text.as_str())) {
            for l in wrap(&sanitize_line(&text), width.saturating_sub(2)) {
                out.push(Line::raw(format!("  {l}")));
            }
        }
        for l in wrap(&format!("— {}", outlets.join(", ")), width.saturating_sub(2)) {
            out.push(Line::styled(format!("  {l}"), app.theme.dim));
        }
        out.push(Line::raw(""));
    }
    out
}

fn response_rows(app: &App, s: &StoryView, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled("RESPONSES", app.theme.title), Line::raw("")];
    if s.sides.is_empty() {
        out.push(Line::styled("no company accused", app.theme.dim));
    }
    // The company the list is filtered by first: its answers are what
    // the reader came for.
    let picked = |side: &&crate::store::queries::CompanySide| {
        app.company
            .as_ref()
            .is_some_and(|c| c.eq_ignore_ascii_case(&side.company))
    };
    let sides = s
        .sides
        .iter()
        .filter(picked)
        .chain(s.sides.iter().filter(|x| !picked(x)));
    for side in sides {
        if side.responses.is_empty() {
            let l = Line::from(vec![
                Span::styled(
                    sanitize_line(&side.company),
                    app.theme.badge.add_modifier(Modifier::BOLD),
                ),
                Span::styled(" — no response reported", app.theme.dim),
            ]);
            out.extend(wrap_line(l, width, 2));
            out.push(Line::raw(""));
            continue;
        }
        out.push(Line::styled(
            truncate(&sanitize_line(&side.company), width),
            app.theme.badge.add_modifier(Modifier::BOLD),
        ));
        for run in side.runs() {
            let r = &run[0];
            let who = match (r.speaker.is_empty(), r.role.is_empty()) {
                (false, false) if !r.speaker.to_lowercase().contains(&r.role.to_lowercase()) => {
                    format!("{}, {}", r.speaker, r.role)
                }
                (false, _) => r.speaker.clone(),
                (true, false) => r.role.clone(),
                (true, true) => r.company.clone(),
            };
            let mut head = vec![Span::raw("  ")];
            if r.is_new {
                head.push(Span::styled(NEW_MARK, app.theme.new));
            }
            head.push(Span::styled(
                format!("[{}]", r.stance.label_for(&r.text).to_uppercase()),
                app.theme.stance(r.stance),
            ));
            head.push(Span::raw(format!(" {}", sanitize_line(&who))));
            out.extend(wrap_line(Line::from(head), width, 4));
            for text in run_paragraphs(run.iter().map(|r| r.text.as_str())) {
                for l in wrap(&sanitize_line(&text), width.saturating_sub(4)) {
                    out.push(Line::raw(format!("    {l}")));
                }
            }
            let outlets: Vec<String> = r.cited.iter().map(|c| sanitize_line(&c.outlet)).collect();
            for l in wrap(&format!("— {}", outlets.join(", ")), width.saturating_sub(4)) {
                out.push(Line::styled(format!("    {l}"), app.theme.dim));
            }
        }
        out.push(Line::raw(""));
    }
    out
}

/// Breaks a styled line into rows of `width` columns (by words), the rows
/// after the first indented by `indent` (as the text under it is).
fn wrap_line(line: Line<'static>, width: usize, indent: usize) -> Vec<Line<'static>> {
    if line.width() <= width {
        return vec![line];
    }
    let indent = if indent * 2 < width { indent } else { 0 };
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let style = span.style;
        for (i, word) in span.content.split(' ').enumerate() {
            let piece = if i == 0 { word.to_owned() } else { format!(" {word}") };
            let w = piece.width();
            if used + w > width && used > indent {
                out.push(Line::from(std::mem::take(&mut current)));
                current.push(Span::raw(" ".repeat(indent)));
                let trimmed = piece.trim_start().to_owned();
                used = indent + trimmed.width();
                current.push(Span::styled(truncate(&trimmed, width - indent), style));
            } else {
                current.push(Span::styled(truncate(&piece, width.saturating_sub(used)), style));
                used += w;
            }
        }
    }
    if !current.is_empty() {
        out.push(Line::from(current));
    }
    out
}

/// The story screen's rows: header, findings, articles pane.
pub struct StoryLayout {
    pub header: u16,
    pub findings: u16,
    pub articles_top: u16,
    pub articles: u16,
}

pub fn story_layout(app: &App, height: u16) -> StoryLayout {
    let body = body_height(height) as u16;
    let header = app
        .story
        .as_ref()
        .map_or(3, |s| story_header_lines(app, s, app.width.max(MIN_WIDTH)).len() as u16)
        + 1;
    let n = app.story.as_ref().map_or(0, |s| s.articles.len()) as u16;
    let articles = (n + 1).min(body / 3).max(2.min(body.saturating_sub(header)));
    let findings = body.saturating_sub(header + articles);
    StoryLayout {
        header,
        findings,
        articles_top: BODY_TOP + header + findings,
        articles,
    }
}

/// Rows available to the findings.
pub fn findings_height(app: &App, height: u16) -> u16 {
    story_layout(app, height).findings
}

/// The article shown at screen row `row` of the story's articles pane.
pub fn article_row_at(app: &App, row: u16) -> Option<usize> {
    let l = story_layout(app, app.height);
    if row <= l.articles_top || row >= l.articles_top + l.articles {
        return None;
    }
    let first = article_offset(app, l.articles.saturating_sub(1) as usize);
    let i = first + (row - l.articles_top - 1) as usize;
    app.story.as_ref().filter(|s| i < s.articles.len()).map(|_| i)
}

fn article_offset(app: &App, rows: usize) -> usize {
    (app.article_selected + 1).saturating_sub(rows.max(1))
}

fn story(app: &App, s: &StoryView, area: Rect, buf: &mut Buffer) {
    let layout = story_layout(app, area.height + 2);
    for (i, l) in story_header_lines(app, s, area.width).iter().enumerate() {
        put(buf, area, i as u16, l);
    }
    let rows = story_body_lines(app, s, area.width);
    let top = layout.header;
    let hint_style = if app.pane == Pane::Findings {
        app.theme.title
    } else {
        app.theme.dim
    };
    let more = rows.len().saturating_sub(app.story_scroll + layout.findings as usize);
    let rule = format!(
        "{:─<w$}",
        if more > 0 {
            app.keymap.with_keys(&format!(
                "── findings ({more} more {}: {{down}}/{{up}}) ",
                if more == 1 { "line" } else { "lines" }
            ))
        } else {
            "── findings ".to_string()
        },
        w = area.width as usize
    );
    put(
        buf,
        area,
        top - 1,
        &Line::styled(truncate(&rule, area.width as usize), hint_style),
    );
    for (i, l) in rows
        .iter()
        .skip(app.story_scroll)
        .take(layout.findings as usize)
        .enumerate()
    {
        put(buf, area, top + i as u16, l);
    }
    // Articles pane.
    let pane_top = layout.articles_top - BODY_TOP;
    let active = app.pane == Pane::Articles;
    let (n, tab) = (s.articles.len(), if active { "back to findings" } else { "selects" });
    let title = first_fitting(
        &[
            format!("── articles ({n}) — {{switch_pane}} {tab} · {{open}} reads · {{open_link}} opens the link "),
            format!("── articles ({n}) — {{switch_pane}} {tab} · {{open}} reads · {{open_link}} link "),
            format!("── articles ({n}) — {{switch_pane}} · {{open}} reads · {{open_link}} link "),
        ]
        .map(|t| app.keymap.with_keys(&t)),
        area.width as usize,
    );
    let rule = format!("{:─<w$}", title, w = area.width as usize);
    put(
        buf,
        area,
        pane_top,
        &Line::styled(
            truncate(&rule, area.width as usize),
            if active { app.theme.title } else { app.theme.dim },
        ),
    );
    let rows = layout.articles.saturating_sub(1) as usize;
    let first = article_offset(app, rows);
    for (i, a) in s.articles.iter().enumerate().skip(first).take(rows) {
        let y = pane_top + 1 + (i - first) as u16;
        let text = format!(
            " {}{}  {} — {}{}",
            if a.is_new { "NEW " } else { "" },
            date(a.date),
            sanitize_line(&a.outlet),
            sanitize_line(&a.title),
            if a.sources.len() > 1 {
                format!(" (+{})", crate::report::plural(a.sources.len() - 1, "copy"))
            } else {
                String::new()
            }
        );
        let mut style = if a.is_new { app.theme.new } else { Style::new() };
        if active && i == app.article_selected {
            style = style.patch(app.theme.selected);
            buf.set_style(
                Rect {
                    x: area.x,
                    y: area.y + y,
                    width: area.width,
                    height: 1,
                },
                app.theme.selected,
            );
        }
        put(buf, area, y, &Line::styled(truncate(&text, area.width as usize), style));
    }
}

/// The article reader's rows at a width.
pub fn article_lines(a: &ArticleDoc, width: u16) -> Vec<String> {
    let w = (width as usize).saturating_sub(2).clamp(10, 100);
    let mut out = Vec::new();
    for para in a.text.split('\n') {
        if para.trim().is_empty() {
            continue;
        }
        out.extend(wrap(&sanitize_line(para), w));
        out.push(String::new());
    }
    out
}

fn article(app: &App, a: &ArticleDoc, area: Rect, buf: &mut Buffer) {
    put(
        buf,
        area,
        0,
        &Line::styled(
            truncate(&format!(" {}", sanitize_line(&a.title)), area.width as usize),
            app.theme.title,
        ),
    );
    let link = a
        .link
        .as_deref()
        .map(sanitize_line)
        .unwrap_or_else(|| "(no link)".into());
    // The whole address, on the row under the title and the one after if
    // it needs it (its middle left out only past that), to read or copy.
    let room = (area.width as usize).saturating_sub(1).max(1);
    let hint = app.keymap.with_keys("  — {open_link} opens it");
    let shown = elide_middle(&link, (2 * room).saturating_sub(hint.width()));
    let (first, rest) = split_at_width(&format!("{shown}{hint}"), room);
    for (row, text) in [(1, first), (2, rest)] {
        put(buf, area, row, &Line::styled(format!(" {text}"), app.theme.dim));
    }
    let lines = article_lines(a, area.width);
    let rows = article_rows(area.height + 2);
    // The words searched for stand out, read as the search reads them.
    let terms: Vec<String> = app
        .search
        .as_ref()
        .map(|s| {
            s.query
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(folded)
                .collect()
        })
        .unwrap_or_default();
    let hit = app.theme.hit.add_modifier(Modifier::BOLD);
    for (i, l) in lines.iter().skip(app.article_scroll).take(rows).enumerate() {
        let mut spans = vec![Span::raw(" ")];
        spans.extend(highlighted(l, &terms, hit));
        put(buf, area, 3 + i as u16, &Line::from(spans));
    }
}

/// `word` lower-cased without the accents of Latin letters, as the search
/// index reads words ("Méta" is "meta").
fn folded(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
            'ł' | 'ľ' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' => 's',
            'ť' | 'ţ' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            other => other,
        })
        .collect()
}

/// `line` as spans, the words the search matches in `style`: each of
/// `terms` (folded) as a whole word, the last also as a word's start.
fn highlighted<'a>(line: &'a str, terms: &[String], style: Style) -> Vec<Span<'a>> {
    if terms.is_empty() {
        return vec![Span::raw(line)];
    }
    let mut spans = Vec::new();
    let mut plain_from = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if !d.is_alphanumeric() {
                break;
            }
            end = i + d.len_utf8();
            chars.next();
        }
        let word = folded(&line[start..end]);
        let last = terms.len() - 1;
        if terms
            .iter()
            .enumerate()
            .any(|(i, t)| word == *t || (i == last && word.starts_with(t.as_str())))
        {
            if plain_from < start {
                spans.push(Span::raw(&line[plain_from..start]));
            }
            spans.push(Span::styled(&line[start..end], style));
            plain_from = end;
        }
    }
    if plain_from < line.len() {
        spans.push(Span::raw(&line[plain_from..]));
    }
    spans
}

/// The first of `options` (longest first) that fits in `width` columns,
/// or the last.
fn first_fitting(options: &[String], width: usize) -> String {
    options
        .iter()
        .find(|o| o.width() <= width)
        .or(options.last())
        .cloned()
        .unwrap_or_default()
}

fn feeds(app: &App, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let ok = app
        .feeds
        .iter()
        .filter(|f| matches!(f.status, FeedStatus::Ok | FeedStatus::NotModified))
        .count();
    let failing = app.feeds.iter().filter(|f| f.status == FeedStatus::Error).count();
    let gone = app.feeds.iter().filter(|f| f.status == FeedStatus::Gone).count();
    let n = plural(app.feeds.len(), "feed");
    // The keys stay in sight on a narrow terminal; the counts say less.
    let summary = first_fitting(
        &[
            format!(" {n}: {ok} fine, {failing} failing, {gone} gone — {{back}} back, {{refresh}} polls all now"),
            format!(" {n}: {ok} fine, {failing} failing, {gone} gone — {{back}} back, {{refresh}} polls"),
            format!(" {n}, {failing} failing — {{back}} back, {{refresh}} polls all"),
        ]
        .map(|t| app.keymap.with_keys(&t)),
        width,
    );
    put(buf, area, 0, &Line::styled(truncate(&summary, width), app.theme.title));
    put(
        buf,
        area,
        1,
        &Line::styled(
            truncate(" status         articles  next poll  feed", width),
            app.theme.dim,
        ),
    );
    if app.feeds.is_empty() {
        put(buf, area, 3, &Line::raw(" loading…"));
        return;
    }
    let rows = area.height.saturating_sub(5) as usize;
    let first = (app.feeds_selected + 1).saturating_sub(rows.max(1));
    let mut names: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in &app.feeds {
        *names.entry(f.display_title()).or_default() += 1;
    }
    for (i, f) in app.feeds.iter().enumerate().skip(first).take(rows) {
        let y = 2 + (i - first) as u16;
        let status_style = match f.status {
            FeedStatus::Error | FeedStatus::Gone => app.theme.error,
            FeedStatus::New => app.theme.dim,
            _ => app.theme.info,
        };
        let next = match f.status {
            FeedStatus::Gone => "never".to_string(),
            _ => until(app.now, f.next_poll_at.max(f.retry_until)),
        };
        // A feed with no title is named by its address, whose end tells it
        // from the others on its host.
        let title = if f.display_title() == f.url {
            elide_middle(&sanitize_line(&f.url), width.saturating_sub(36))
        } else {
            truncate(&sanitize_line(f.display_title()), width.saturating_sub(36))
        };
        // Feeds of one name ("Ars Technica" twice) tell apart by address,
        // where there is room for some of it.
        let room = width.saturating_sub(36 + title.width());
        let address = if room >= 12 && names.get(f.display_title()).is_some_and(|n| *n > 1) {
            let bare = f.url.split_once("://").map_or(f.url.as_str(), |(_, rest)| rest);
            format!("  {}", elide_start(&sanitize_line(bare), room - 2))
        } else {
            String::new()
        };
        let mut line = Line::from(vec![
            Span::styled(format!(" {:<14}", f.status.as_str().replace('_', " ")), status_style),
            Span::raw(format!("{:>8}  {:<10} ", f.article_count, next)),
            Span::raw(title),
            Span::styled(address, app.theme.dim),
        ]);
        if i == app.feeds_selected {
            line = line.patch_style(app.theme.selected);
            buf.set_style(
                Rect {
                    x: area.x,
                    y: area.y + y,
                    width: area.width,
                    height: 1,
                },
                app.theme.selected,
            );
        }
        put(buf, area, y, &line);
    }
    if let Some(f) = app.feeds.get(app.feeds_selected) {
        // The address on a line of its own, its middle left out if it must
        // be, and the error under it.
        let address = format!(" {}", elide_middle(&sanitize_line(&f.url), width.saturating_sub(2)));
        put(buf, area, area.height - 3, &Line::styled(address, app.theme.dim));
        if let Some(e) = &f.last_error {
            let lines = wrap(&sanitize_line(e), width.saturating_sub(2));
            for (i, l) in lines.iter().take(2).enumerate() {
                let l = if i == 1 && lines.len() > 2 {
                    truncate(&format!("{l} …"), width.saturating_sub(2))
                } else {
                    l.clone()
                };
                put(
                    buf,
                    area,
                    area.height - 2 + i as u16,
                    &Line::styled(format!(" {l}"), app.theme.error),
                );
            }
        }
    }
}

/// "now", "in 5m", "in 2h", "in 3d".
fn until(now: i64, t: i64) -> String {
    let d = t - now;
    match d {
        ..=0 => "now".into(),
        1..3600 => format!("in {}m", (d + 59) / 60),
        3600..86400 => format!("in {}h", d / 3600),
        _ => format!("in {}d", d / 86400),
    }
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears the area of a window drawn over the screen. A wide character
/// (CJK, emoji) just left of it, whose right half the window covers, is
/// blanked too: a terminal would otherwise keep drawing it over the border,
/// and ratatui skips the cell after a wide character when it sends the frame.
fn clear_window(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    if area.x <= buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// How far the help scrolls: to its last row at the bottom of its box.
pub fn help_scroll_max(app: &App) -> usize {
    let area = Rect::new(0, 0, app.width, app.height);
    let (box_area, lines) = help_box(app, area);
    lines.len().saturating_sub(box_area.height.saturating_sub(2) as usize)
}

/// The help window on a screen of `area`, and its lines: each key's
/// description wraps beside its keys, or under them when the window is too
/// narrow for both.
fn help_box(app: &App, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let rows = app.keymap.help_rows();
    let key_w = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(8).min(28);
    let inner_w = 76.min(area.width).saturating_sub(2) as usize;
    let beside = inner_w.saturating_sub(key_w + 2);
    let mut lines = Vec::new();
    for (keys, desc) in &rows {
        let keys = Span::styled(format!("{:<key_w$}", truncate(keys, key_w)), app.theme.title);
        if beside >= 24 {
            for (i, part) in wrap(desc, beside).into_iter().enumerate() {
                let lead = if i == 0 {
                    keys.clone()
                } else {
                    Span::raw(" ".repeat(key_w))
                };
                lines.push(Line::from(vec![lead, Span::raw("  "), Span::raw(part)]));
            }
        } else {
            lines.push(Line::from(keys));
            for part in wrap(desc, inner_w.saturating_sub(2).max(1)) {
                lines.push(Line::from(format!("  {part}")));
            }
        }
    }
    (centered(area, 76, lines.len() as u16 + 4), lines)
}

fn help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let (box_area, lines) = help_box(app, area);
    clear_window(box_area, buf);
    // On a short terminal the last keys are below the box.
    let fits = lines.len() + 2 <= box_area.height as usize;
    // The keys that scroll it are whatever moves down and up.
    let first = |cmd| app.keymap.keys_for(cmd).iter().map(ToString::to_string).min();
    let title = match (
        fits,
        first(super::keymap::Command::Down),
        first(super::keymap::Command::Up),
    ) {
        (false, Some(down), Some(up)) => format!(" keys — {down}/{up} scroll, any other key closes "),
        _ => " keys — any other key closes ".to_string(),
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let max = lines.len().saturating_sub(inner.height as usize);
    for (i, line) in lines
        .iter()
        .skip(scroll.min(max))
        .take(inner.height as usize)
        .enumerate()
    {
        buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
    }
}

/// The company picker's window on a screen of `area`.
fn picker_box(area: Rect) -> Rect {
    centered(area, 60, area.height.saturating_sub(4).max(8))
}

/// The picker's inside: its rows of companies start three rows down, the
/// first shown being `picker_first`.
fn picker_inner(app: &App) -> Rect {
    let area = Rect::new(0, 0, app.width, app.height);
    Block::default().borders(Borders::ALL).inner(picker_box(area))
}

fn picker_first(inner: Rect, selected: usize) -> usize {
    let rows = inner.height.saturating_sub(3) as usize;
    (selected + 1).saturating_sub(rows.max(1))
}

/// The index among the picker's matches of the company at a screen row.
pub fn picker_row_at(app: &App, query: &str, selected: usize, column: u16, row: u16) -> Option<usize> {
    let inner = picker_inner(app);
    let rows = inner.height.saturating_sub(3);
    let top = inner.y + 3;
    if row < top
        || row >= top + rows
        || column < inner.x
        || column >= inner.x + inner.width
        || app.width < MIN_WIDTH
        || app.height < MIN_HEIGHT
    {
        return None;
    }
    let i = picker_first(inner, selected) + (row - top) as usize;
    (i < app.picker_matches(query).len()).then_some(i)
}

fn picker(app: &App, query: &str, selected: usize, area: Rect, buf: &mut Buffer) {
    let matches = app.picker_matches(query);
    let box_area = picker_box(area);
    clear_window(box_area, buf);
    let title = first_fitting(
        &[
            " company — type to narrow, Enter picks, Esc closes ".to_string(),
            " company — type, Enter picks, Esc closes ".to_string(),
            " company — Enter picks, Esc closes ".to_string(),
        ],
        box_area.width.saturating_sub(2) as usize,
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let count = format!("{} of {}", matches.len(), app.companies.len());
    buf.set_line(
        inner.x,
        inner.y,
        &Line::from(vec![
            Span::styled("> ", app.theme.title),
            Span::raw(format!("{}▏", sanitize_line(query))),
        ]),
        inner.width,
    );
    if query.width() + count.width() + 5 <= inner.width as usize {
        let x = inner.x + inner.width - count.width() as u16;
        buf.set_stringn(x, inner.y, &count, count.width(), app.theme.dim);
    }
    if let Some(c) = &app.company {
        buf.set_stringn(
            inner.x,
            inner.y + 1,
            format!("now: {c} ({} clears)", app.keymap.with_keys("{clear_filter}")),
            inner.width as usize,
            app.theme.dim,
        );
    }
    let rows = inner.height.saturating_sub(3) as usize;
    let first = picker_first(inner, selected);
    if matches.is_empty() {
        buf.set_stringn(
            inner.x,
            inner.y + 3,
            "no company matches",
            inner.width as usize,
            app.theme.dim,
        );
    }
    for (i, c) in matches.iter().enumerate().skip(first).take(rows) {
        let y = inner.y + 3 + (i - first) as u16;
        let count = format!("{}", c.stories);
        let name_w = (inner.width as usize).saturating_sub(count.width() + 2);
        let name = match app.picker_alias(query, &c.company) {
            Some(alias) => format!("{} ({})", c.company, alias),
            None => c.company.clone(),
        };
        let text = format!("{:<name_w$} {count}", truncate(&sanitize_line(&name), name_w));
        let style = if i == selected {
            app.theme.selected
        } else {
            Style::new()
        };
        buf.set_stringn(inner.x, y, text, inner.width as usize, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searched_words_stand_out_in_an_article_as_the_search_reads_them() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let terms = ["meta".to_string(), "priv".to_string()];
        let spans = highlighted("The FTC sued Meta; Metaverse privacy, “Méta” too.", &terms, bold);
        let marked: Vec<&str> = spans
            .iter()
            .filter(|s| s.style == bold)
            .map(|s| s.content.as_ref())
            .collect();
        // The last word is a prefix, the others whole words; accents fold.
        assert_eq!(marked, ["Meta", "privacy", "Méta"]);
        let t = ["at".to_string(), "t".to_string(), "sued".to_string()];
        let marked: Vec<String> = highlighted("AT&T sued; Tom too", &t, bold)
            .iter()
            .filter(|s| s.style == bold)
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(marked, ["AT", "T", "sued"], "a lone letter is no prefix");
        let whole: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(whole, "The FTC sued Meta; Metaverse privacy, “Méta” too.");
        assert_eq!(highlighted("no search", &[], bold).len(), 1);
    }

    #[test]
    fn a_wrapped_heading_continues_under_its_text() {
        let head = Line::from(vec![
            Span::raw("  "),
            Span::raw("[DENIAL]"),
            Span::raw(" Nick Clegg, president of global affairs"),
        ]);
        let rows: Vec<String> = wrap_line(head, 30, 4).iter().map(|l| l.to_string()).collect();
        assert_eq!(
            rows,
            ["  [DENIAL] Nick Clegg,", "    president of global", "    affairs"]
        );
        let narrow: Vec<String> = wrap_line(Line::raw("aaa bbb ccc"), 5, 4)
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(narrow, ["aaa", "bbb", "ccc"], "no room to indent");
    }

    #[test]
    fn a_window_over_a_wide_character_blanks_the_half_it_does_not_cover() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        buf.set_string(0, 1, "ab二羊卷", Style::new());
        // "卷" takes columns 6 and 7; a window from column 7 covers its right half.
        clear_window(Rect::new(7, 0, 10, 3), &mut buf);
        assert_eq!(buf[(6, 1)].symbol(), " ");
        assert_eq!(buf[(4, 1)].symbol(), "羊");
        // A window that starts on a character boundary leaves it alone.
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        buf.set_string(0, 1, "ab二羊卷", Style::new());
        clear_window(Rect::new(8, 0, 10, 3), &mut buf);
        assert_eq!(buf[(6, 1)].symbol(), "卷");
    }
}
