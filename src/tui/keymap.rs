//! Key bindings as data: a table from (mode, key) to action, which the help
//! screen prints and the user's config can change.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::KeyList;

/// What a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Quit,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    SwitchPane,
    Follow,
    OpenLink,
    Companies,
    ClearFilter,
    FollowedOnly,
    UnreadOnly,
    ChargedOnly,
    MarkAllRead,
    Search,
    NextHit,
    PrevHit,
    Refresh,
    Feeds,
    Help,
}

impl Command {
    pub const ALL: [Command; 24] = [
        Command::Up,
        Command::Down,
        Command::PageUp,
        Command::PageDown,
        Command::Top,
        Command::Bottom,
        Command::Open,
        Command::Back,
        Command::SwitchPane,
        Command::Follow,
        Command::OpenLink,
        Command::Companies,
        Command::ClearFilter,
        Command::FollowedOnly,
        Command::UnreadOnly,
        Command::ChargedOnly,
        Command::MarkAllRead,
        Command::Search,
        Command::NextHit,
        Command::PrevHit,
        Command::Refresh,
        Command::Feeds,
        Command::Help,
        Command::Quit,
    ];

    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> &'static str {
        match self {
            Command::Quit => "quit",
            Command::Back => "back",
            Command::Up => "up",
            Command::Down => "down",
            Command::PageUp => "page_up",
            Command::PageDown => "page_down",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::Open => "open",
            Command::SwitchPane => "switch_pane",
            Command::Follow => "follow",
            Command::OpenLink => "open_link",
            Command::Companies => "companies",
            Command::ClearFilter => "clear_filter",
            Command::FollowedOnly => "followed_only",
            Command::UnreadOnly => "unread_only",
            Command::ChargedOnly => "charged_only",
            Command::MarkAllRead => "mark_all_read",
            Command::Search => "search",
            Command::NextHit => "next_hit",
            Command::PrevHit => "prev_hit",
            Command::Refresh => "refresh",
            Command::Feeds => "feeds",
            Command::Help => "help",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Command::Quit => "quit",
            Command::Back => "back to the previous screen, close a window",
            Command::Up => "move up / scroll up",
            Command::Down => "move down / scroll down",
            Command::PageUp => "page up",
            Command::PageDown => "page down",
            Command::Top => "go to the top",
            Command::Bottom => "go to the bottom",
            Command::Open => "open the story, article or company",
            Command::SwitchPane => "story: switch between findings and articles",
            Command::Follow => "follow or unfollow the story",
            Command::OpenLink => "open the article's link in the browser",
            Command::Companies => "filter by company",
            Command::ClearFilter => "clear the company filter and search",
            Command::FollowedOnly => "show followed stories only (toggle)",
            Command::UnreadOnly => "show unread stories only (toggle)",
            Command::ChargedOnly => "show stories with allegations only (toggle)",
            Command::MarkAllRead => "mark every story in the list read (asks first)",
            Command::Search => "search the full text",
            Command::NextHit => "next search hit; in a story, next NEW finding",
            Command::PrevHit => "previous search hit; in a story, previous NEW finding",
            Command::Refresh => "poll every feed now",
            Command::Feeds => "feeds and their status",
            Command::Help => "this help",
        }
    }

    fn parse(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A key as written in the config and the help: "j", "ctrl-c", "pgdn", "enter".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode2,
    pub ctrl: bool,
    pub alt: bool,
}

/// The key codes the keymap supports (crossterm's, made orderable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode2 {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let code = match e.code {
            KeyCode::Char(c) => KeyCode2::Char(c),
            KeyCode::Enter => KeyCode2::Enter,
            KeyCode::Esc => KeyCode2::Esc,
            KeyCode::Tab => KeyCode2::Tab,
            KeyCode::BackTab => KeyCode2::BackTab,
            KeyCode::Backspace => KeyCode2::Backspace,
            KeyCode::Up => KeyCode2::Up,
            KeyCode::Down => KeyCode2::Down,
            KeyCode::Left => KeyCode2::Left,
            KeyCode::Right => KeyCode2::Right,
            KeyCode::PageUp => KeyCode2::PageUp,
            KeyCode::PageDown => KeyCode2::PageDown,
            KeyCode::Home => KeyCode2::Home,
            KeyCode::End => KeyCode2::End,
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        })
    }

    pub fn parse(spec: &str) -> Option<Key> {
        let spec = spec.trim();
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = spec;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("m-")) {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode2::Enter,
            "esc" | "escape" => KeyCode2::Esc,
            "tab" => KeyCode2::Tab,
            "backtab" | "shift-tab" => KeyCode2::BackTab,
            "backspace" => KeyCode2::Backspace,
            "up" => KeyCode2::Up,
            "down" => KeyCode2::Down,
            "left" => KeyCode2::Left,
            "right" => KeyCode2::Right,
            "pgup" | "pageup" => KeyCode2::PageUp,
            "pgdn" | "pagedown" => KeyCode2::PageDown,
            "home" => KeyCode2::Home,
            "end" => KeyCode2::End,
            "space" => KeyCode2::Char(' '),
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode2::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode2::Char(' ') => f.write_str("Space"),
            KeyCode2::Char(c) => write!(f, "{c}"),
            KeyCode2::Enter => f.write_str("Enter"),
            KeyCode2::Esc => f.write_str("Esc"),
            KeyCode2::Tab => f.write_str("Tab"),
            KeyCode2::BackTab => f.write_str("Shift-Tab"),
            KeyCode2::Backspace => f.write_str("Backspace"),
            KeyCode2::Up => f.write_str("↑"),
            KeyCode2::Down => f.write_str("↓"),
            KeyCode2::Left => f.write_str("←"),
            KeyCode2::Right => f.write_str("→"),
            KeyCode2::PageUp => f.write_str("PgUp"),
            KeyCode2::PageDown => f.write_str("PgDn"),
            KeyCode2::Home => f.write_str("Home"),
            KeyCode2::End => f.write_str("End"),
        }
    }
}

const DEFAULTS: &[(Command, &[&str])] = &[
    (Command::Up, &["k", "up"]),
    (Command::Down, &["j", "down"]),
    (Command::PageUp, &["pgup", "ctrl-u"]),
    (Command::PageDown, &["pgdn", "ctrl-d", "space"]),
    (Command::Top, &["g", "home"]),
    (Command::Bottom, &["G", "end"]),
    (Command::Open, &["enter", "right", "l"]),
    (Command::Back, &["esc", "left", "h", "backspace"]),
    (Command::SwitchPane, &["tab", "backtab"]),
    (Command::Follow, &["f"]),
    (Command::OpenLink, &["o"]),
    (Command::Companies, &["c"]),
    (Command::ClearFilter, &["x"]),
    (Command::FollowedOnly, &["F"]),
    (Command::UnreadOnly, &["u"]),
    (Command::ChargedOnly, &["a"]),
    (Command::MarkAllRead, &["A"]),
    (Command::Search, &["/"]),
    (Command::NextHit, &["n"]),
    (Command::PrevHit, &["N"]),
    (Command::Refresh, &["r"]),
    (Command::Feeds, &["L"]),
    (Command::Help, &["?"]),
    (Command::Quit, &["q", "ctrl-c"]),
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("[keys]: unknown action {0:?}; expected one of: {1}")]
    UnknownAction(String, String),
    #[error(
        "[keys] {action}: cannot read the key {key:?}; expected a character, or a name such as enter, esc, tab, up, pgdn, home, optionally with ctrl- or alt-"
    )]
    BadKey { action: String, key: String },
}

/// The key table.
#[derive(Debug, Clone)]
pub struct Keymap {
    keys: BTreeMap<Key, Command>,
    /// Each action's first key as listed (in the defaults or the user's
    /// table): the one hints name.
    hints: BTreeMap<Command, Key>,
    /// What the user's table took from the defaults, said once at start.
    moved: Vec<String>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::new(&BTreeMap::new()).expect("the default key bindings are valid")
    }
}

impl Keymap {
    /// The defaults with the user's `[keys]` table laid over them: an action
    /// listed there gets exactly the keys given.
    pub fn new(user: &BTreeMap<String, KeyList>) -> Result<Keymap, KeymapError> {
        let mut bindings: BTreeMap<Command, Vec<Key>> = BTreeMap::new();
        let mut moved = Vec::new();
        for (cmd, keys) in DEFAULTS {
            bindings.insert(*cmd, keys.iter().filter_map(|k| Key::parse(k)).collect());
        }
        for (name, keys) in user {
            let cmd = Command::parse(name).ok_or_else(|| {
                KeymapError::UnknownAction(
                    name.clone(),
                    Command::ALL.iter().map(|c| c.name()).collect::<Vec<_>>().join(", "),
                )
            })?;
            let mut parsed = Vec::new();
            for k in keys.keys() {
                parsed.push(Key::parse(k).ok_or_else(|| KeymapError::BadKey {
                    action: name.clone(),
                    key: k.to_owned(),
                })?);
            }
            // Keys given to this action are taken from any other action.
            for (other, list) in bindings.iter_mut().filter(|(c, _)| **c != cmd) {
                for k in list.iter().filter(|k| parsed.contains(k)) {
                    moved.push(format!("{k} now does “{}”, not “{}”", cmd.name(), other.name()));
                }
                list.retain(|k| !parsed.contains(k));
            }
            bindings.insert(cmd, parsed);
        }
        for (cmd, list) in &bindings {
            if list.is_empty() && !DEFAULTS.iter().any(|(c, keys)| c == cmd && keys.is_empty()) {
                moved.push(format!("“{}” has no key", cmd.name()));
            }
        }
        let mut keys = BTreeMap::new();
        let mut hints = BTreeMap::new();
        for (cmd, list) in bindings {
            if let Some(first) = list.first() {
                hints.insert(cmd, *first);
            }
            for k in list {
                keys.insert(k, cmd);
            }
        }
        Ok(Keymap { keys, hints, moved })
    }

    /// What the user's `[keys]` table took from other actions, and actions
    /// it left with no key: "j now does “follow”, not “down”".
    pub fn moved(&self) -> &[String] {
        &self.moved
    }

    pub fn command(&self, e: &KeyEvent) -> Option<Command> {
        let key = Key::from_event(e)?;
        self.keys.get(&key).copied().or_else(|| {
            // Shifted letters arrive as upper case with SHIFT set.
            let plain = Key {
                ctrl: key.ctrl,
                alt: key.alt,
                code: key.code,
            };
            self.keys.get(&plain).copied()
        })
    }

    /// The key a hint names for `cmd`: the first listed for it ("Enter"
    /// for open, "Esc" for back by default); `None` when it has none.
    pub fn hint(&self, cmd: Command) -> Option<Key> {
        self.hints.get(&cmd).copied()
    }

    /// `text` with each `{action}` (an action's config name, such as
    /// `{refresh}`) replaced by the key its hints name, or "(no key)";
    /// other braces are left as they are.
    pub fn with_keys(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after
                .find('}')
                .and_then(|close| Some((close, Command::parse(&after[..close])?)))
            {
                Some((close, cmd)) => {
                    match self.hint(cmd) {
                        Some(key) => out.push_str(&key.to_string()),
                        None => out.push_str("(no key)"),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The keys bound to a command, for the help screen and hints.
    pub fn keys_for(&self, cmd: Command) -> Vec<Key> {
        self.keys.iter().filter(|(_, c)| **c == cmd).map(|(k, _)| *k).collect()
    }

    /// (keys, description) per command, in help order.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        Command::ALL
            .iter()
            .map(|c| {
                let keys: Vec<String> = self.keys_for(*c).iter().map(Key::to_string).collect();
                (
                    if keys.is_empty() {
                        "(unbound)".into()
                    } else {
                        keys.join(" ")
                    },
                    c.describe(),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[rstest]
    #[case(KeyCode::Char('j'), KeyModifiers::NONE, Command::Down)]
    #[case(KeyCode::Down, KeyModifiers::NONE, Command::Down)]
    #[case(KeyCode::Char('G'), KeyModifiers::SHIFT, Command::Bottom)]
    #[case(KeyCode::Char('c'), KeyModifiers::CONTROL, Command::Quit)]
    #[case(KeyCode::Char('F'), KeyModifiers::SHIFT, Command::FollowedOnly)]
    #[case(KeyCode::PageDown, KeyModifiers::NONE, Command::PageDown)]
    fn default_bindings(#[case] code: KeyCode, #[case] m: KeyModifiers, #[case] want: Command) {
        assert_eq!(Keymap::default().command(&ev(code, m)), Some(want));
    }

    #[test]
    fn user_bindings_replace_an_actions_keys_and_steal_them_from_others() {
        let mut user = BTreeMap::new();
        user.insert("follow".to_string(), KeyList::Many(vec!["s".into(), "ctrl-f".into()]));
        user.insert("quit".to_string(), KeyList::One("Q".into()));
        let k = Keymap::new(&user).unwrap();
        assert_eq!(
            k.command(&ev(KeyCode::Char('s'), KeyModifiers::NONE)),
            Some(Command::Follow)
        );
        assert_eq!(
            k.command(&ev(KeyCode::Char('f'), KeyModifiers::CONTROL)),
            Some(Command::Follow)
        );
        assert_eq!(k.command(&ev(KeyCode::Char('f'), KeyModifiers::NONE)), None);
        assert_eq!(k.command(&ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn keys_taken_from_another_action_and_actions_left_keyless_are_said() {
        assert!(Keymap::default().moved().is_empty());
        let mut user = BTreeMap::new();
        user.insert("follow".to_string(), KeyList::One("j".into()));
        user.insert("search".to_string(), KeyList::Many(Vec::new()));
        let k = Keymap::new(&user).unwrap();
        assert_eq!(
            k.moved(),
            ["j now does “follow”, not “down”", "“search” has no key"],
            "{:?}",
            k.moved()
        );
        let mut own = BTreeMap::new();
        own.insert("follow".to_string(), KeyList::Many(vec!["f".into(), "s".into()]));
        assert!(
            Keymap::new(&own).unwrap().moved().is_empty(),
            "keeping its own key moves nothing"
        );
    }

    #[test]
    fn hints_name_each_actions_first_listed_key() {
        let k = Keymap::default();
        assert_eq!(
            k.with_keys("{open} reads, {back} back, {switch_pane} switches, {refresh} polls"),
            "Enter reads, Esc back, Tab switches, r polls"
        );
        let mut user = BTreeMap::new();
        user.insert("refresh".to_string(), KeyList::Many(vec!["ctrl-r".into(), "R".into()]));
        user.insert("feeds".to_string(), KeyList::Many(Vec::new()));
        let k = Keymap::new(&user).unwrap();
        assert_eq!(
            k.with_keys("{refresh} polls, {feeds} lists, {company} and {not an action} stay, {unclosed"),
            "Ctrl-r polls, (no key) lists, {company} and {not an action} stay, {unclosed"
        );
        assert_eq!(
            k.hint(Command::Refresh).map(|k| k.to_string()).as_deref(),
            Some("Ctrl-r")
        );
        assert_eq!(k.hint(Command::Feeds), None);
    }

    #[test]
    fn bad_bindings_say_what_is_expected() {
        let mut user = BTreeMap::new();
        user.insert("flolow".to_string(), KeyList::One("x".into()));
        assert!(matches!(Keymap::new(&user), Err(KeymapError::UnknownAction(..))));
        let mut user = BTreeMap::new();
        user.insert("follow".to_string(), KeyList::One("ctrl-".into()));
        assert!(
            Keymap::new(&user)
                .unwrap_err()
                .to_string()
                .contains("cannot read the key")
        );
    }

    #[test]
    fn help_lists_every_action() {
        let rows = Keymap::default().help_rows();
        assert_eq!(rows.len(), Command::ALL.len());
        assert!(rows.iter().any(|(k, d)| k == "f" && d.contains("follow")));
    }
}
