//! Colours: a default readable on dark and light terminals (the terminal's
//! own palette, no fixed backgrounds), `NO_COLOR` respected, and every slot
//! configurable from the config file's `[theme]` table.

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier, Style};

use crate::model::Stance;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub header: Style,
    pub selected: Style,
    pub dim: Style,
    pub badge: Style,
    pub followed: Style,
    pub new: Style,
    pub unread: Style,
    pub error: Style,
    pub info: Style,
    pub title: Style,
    pub allegation: Style,
    pub denial: Style,
    pub acknowledgement: Style,
    pub no_comment: Style,
    pub other: Style,
    pub hit: Style,
}

const SLOTS: &[&str] = &[
    "header",
    "selected",
    "dim",
    "badge",
    "followed",
    "new",
    "unread",
    "error",
    "info",
    "title",
    "allegation",
    "denial",
    "acknowledgement",
    "no_comment",
    "other",
    "hit",
];

impl Theme {
    pub fn default_colors() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            dim: Style::new().add_modifier(Modifier::DIM),
            badge: fg(Color::Cyan),
            followed: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            new: fg(Color::Green).add_modifier(Modifier::BOLD),
            unread: Style::new().add_modifier(Modifier::BOLD),
            error: fg(Color::Red).add_modifier(Modifier::BOLD),
            info: fg(Color::Green),
            title: Style::new().add_modifier(Modifier::BOLD),
            allegation: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            denial: fg(Color::Red).add_modifier(Modifier::BOLD),
            acknowledgement: fg(Color::Green).add_modifier(Modifier::BOLD),
            no_comment: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            other: fg(Color::Blue).add_modifier(Modifier::BOLD),
            // Underlined too: yellow is faint on a light background.
            hit: fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
        }
    }

    /// Only bold, reverse and dim: for `NO_COLOR` and monochrome terminals.
    pub fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            dim: Style::new().add_modifier(Modifier::DIM),
            badge: Style::new(),
            followed: bold,
            new: bold,
            unread: bold,
            error: bold,
            info: Style::new(),
            title: bold,
            allegation: bold,
            denial: bold,
            acknowledgement: bold,
            no_comment: bold,
            other: bold,
            hit: Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The theme for this environment: monochrome when `NO_COLOR` is set
    /// (to anything non-empty), else the defaults with `overrides` applied.
    pub fn load(no_color: bool, overrides: &BTreeMap<String, String>) -> Result<Theme, String> {
        if no_color {
            return Ok(Theme::monochrome());
        }
        let mut t = Theme::default_colors();
        for (slot, value) in overrides {
            let color: Color = value.parse().map_err(|_| {
                format!("[theme] {slot} = {value:?}: expected a colour name (red, light-blue, ...), an index (0-255) or #rrggbb")
            })?;
            let style = match slot.as_str() {
                "header" => &mut t.header,
                "selected" => &mut t.selected,
                "dim" => &mut t.dim,
                "badge" => &mut t.badge,
                "followed" => &mut t.followed,
                "new" => &mut t.new,
                "unread" => &mut t.unread,
                "error" => &mut t.error,
                "info" => &mut t.info,
                "title" => &mut t.title,
                "allegation" => &mut t.allegation,
                "denial" => &mut t.denial,
                "acknowledgement" => &mut t.acknowledgement,
                "no_comment" => &mut t.no_comment,
                "other" => &mut t.other,
                "hit" => &mut t.hit,
                _ => {
                    return Err(format!(
                        "[theme]: unknown slot {slot:?}; expected one of: {}",
                        SLOTS.join(", ")
                    ));
                }
            };
            // The header and the selection are drawn in reverse: a colour
            // given for them is their background, with black or white text,
            // whichever reads on it (reverse video would put the terminal's
            // own background colour on it, dark on dark).
            *style = if style.add_modifier.contains(Modifier::REVERSED) {
                style.remove_modifier(Modifier::REVERSED).bg(color).fg(text_on(color))
            } else {
                style.fg(color)
            };
        }
        Ok(t)
    }

    pub fn stance(&self, s: Stance) -> Style {
        match s {
            Stance::Denial => self.denial,
            Stance::Acknowledgement => self.acknowledgement,
            Stance::NoComment => self.no_comment,
            Stance::Other => self.other,
        }
    }
}

/// Black or white, whichever reads better on `background`.
fn text_on(background: Color) -> Color {
    let (r, g, b) = match background {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i @ 16..=231) => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + n * 40 };
            let i = i - 16;
            (level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        Color::Indexed(i @ 232..=255) => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
        Color::White | Color::Gray | Color::Yellow | Color::Cyan | Color::Green | Color::Indexed(2 | 3 | 6 | 7) => {
            (200, 200, 200)
        }
        Color::LightRed
        | Color::LightGreen
        | Color::LightYellow
        | Color::LightBlue
        | Color::LightMagenta
        | Color::LightCyan
        | Color::Indexed(9..=15) => (220, 220, 220),
        _ => (40, 40, 40),
    };
    // Perceived brightness (ITU-R BT.601 weights).
    let luma = 299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b);
    if luma > 128_000 { Color::Black } else { Color::White }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_no_colours() {
        let t = Theme::load(true, &BTreeMap::new()).unwrap();
        assert_eq!(t.denial.fg, None);
    }

    #[test]
    fn overrides_set_colours_and_bad_ones_explain() {
        let mut o = BTreeMap::new();
        o.insert("denial".to_string(), "light-red".to_string());
        assert_eq!(Theme::load(false, &o).unwrap().denial.fg, Some(Color::LightRed));
        o.insert("denial".to_string(), "blurple".to_string());
        assert!(Theme::load(false, &o).unwrap_err().contains("expected a colour"));
        let mut o = BTreeMap::new();
        o.insert("nope".to_string(), "red".to_string());
        assert!(Theme::load(false, &o).unwrap_err().contains("unknown slot"));
    }

    #[test]
    fn a_colour_for_the_selection_is_its_background_with_text_that_reads_on_it() {
        let mut o = BTreeMap::new();
        o.insert("selected".to_string(), "#005f87".to_string());
        o.insert("header".to_string(), "#ffd787".to_string());
        let t = Theme::load(false, &o).unwrap();
        assert_eq!(
            (t.selected.bg, t.selected.fg),
            (Some(Color::Rgb(0, 95, 135)), Some(Color::White))
        );
        assert!(!t.selected.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(t.header.fg, Some(Color::Black));
        assert!(t.header.add_modifier.contains(Modifier::BOLD));
    }
}
