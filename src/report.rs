//! Plain-text views for the headless commands: a story's allegations beside
//! the companies' responses, in two columns (stacked when narrow).

use unicode_width::UnicodeWidthStr;

use crate::model::Findings;
use crate::store::queries::{AllegationView, CompanySide, ResponseView, StoryView, allegation_runs, run_paragraphs};
use crate::text::sanitize_line;

/// Below this width the two columns are stacked.
pub const STACK_BELOW: usize = 100;

/// Lines of the left (allegations) column.
fn allegation_lines(allegations: &[AllegationView], width: usize) -> Vec<String> {
    let mut out = vec!["ALLEGATIONS".to_string(), String::new()];
    if allegations.is_empty() {
        out.push("(none found)".into());
    }
    for run in allegation_runs(allegations) {
        let a = &run[0];
        let outlets: Vec<&str> = a.cited.iter().map(|c| c.outlet.as_str()).collect();
        let head = format!(
            "{}{} against {}{}",
            if a.is_new { "[new] " } else { "" },
            a.by.as_str(),
            a.against.join(", "),
            if outlets.is_empty() {
                String::new()
            } else {
                format!(" · {}", outlets.join(", "))
            }
        );
        out.extend(wrap(&head, width));
        for text in run_paragraphs(run.iter().map(|a| a.text.as_str())) {
            out.extend(wrap(&format!("  {}", sanitize_line(&text)), width));
        }
        out.push(String::new());
    }
    out
}

/// Lines of the right (responses) column, grouped by company.
fn response_lines(sides: &[CompanySide], width: usize) -> Vec<String> {
    let mut out = vec!["RESPONSES".to_string(), String::new()];
    if sides.is_empty() {
        out.push("(no company accused)".into());
    }
    for side in sides {
        if side.responses.is_empty() {
            out.extend(wrap(&format!("{} — no response reported", side.company), width));
            out.push(String::new());
            continue;
        }
        out.extend(wrap(&format!("{}:", side.company), width));
        for run in side.runs() {
            out.extend(wrap(&format!("  {}", response_head(&run[0])), width));
            for text in run_paragraphs(run.iter().map(|r| r.text.as_str())) {
                out.extend(wrap(&format!("    {}", sanitize_line(&text)), width));
            }
        }
        out.push(String::new());
    }
    out
}

/// Who gave a response: the person and role named, else the company itself.
fn response_head(r: &ResponseView) -> String {
    let who = match (r.speaker.is_empty(), r.role.is_empty()) {
        (false, false) if !r.speaker.to_lowercase().contains(&r.role.to_lowercase()) => {
            format!("{} ({})", r.speaker, r.role)
        }
        (false, _) => r.speaker.clone(),
        (true, false) => r.role.clone(),
        (true, true) => r.company.clone(),
    };
    let outlets: Vec<&str> = r.cited.iter().map(|c| c.outlet.as_str()).collect();
    format!(
        "{}{} — {}{}",
        if r.is_new { "[new] " } else { "" },
        sanitize_line(&who),
        r.stance.label_for(&r.text).to_uppercase(),
        if outlets.is_empty() {
            String::new()
        } else {
            format!(" · {}", outlets.join(", "))
        }
    )
}

/// Word-wraps `text` to `width` display columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let indent: String = text.chars().take_while(|c| *c == ' ').collect();
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate_width = line.width() + usize::from(!line.is_empty()) + word.width();
        if !line.is_empty() && candidate_width > width {
            out.push(line);
            line = indent.clone();
        }
        if !line.trim().is_empty() {
            line.push(' ');
        } else if line.is_empty() {
            line.push_str(&indent);
        }
        // A word longer than the column is cut into pieces.
        let mut rest = word;
        while rest.width() > width.saturating_sub(line.width()).max(1) && line.trim().is_empty() {
            let mut cut = 0;
            let mut w = 0;
            for (i, c) in rest.char_indices() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if w + cw > width.saturating_sub(line.width()).max(1) {
                    break;
                }
                w += cw;
                cut = i + c.len_utf8();
            }
            if cut == 0 {
                break;
            }
            line.push_str(&rest[..cut]);
            out.push(std::mem::replace(&mut line, indent.clone()));
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    if !line.trim().is_empty() {
        out.push(line);
    }
    out
}

/// Two columns side by side, or stacked below [`STACK_BELOW`] columns.
pub fn columns(left: Vec<String>, right: Vec<String>, total: usize, col: usize) -> String {
    let mut out = String::new();
    if total < STACK_BELOW {
        for l in left.iter().chain(std::iter::once(&String::new())).chain(right.iter()) {
            out.push_str(l.trim_end());
            out.push('\n');
        }
        return out;
    }
    for i in 0..left.len().max(right.len()) {
        let l = left.get(i).map(String::as_str).unwrap_or("");
        let r = right.get(i).map(String::as_str).unwrap_or("");
        let pad = col.saturating_sub(l.width());
        let line = format!("{l}{}  │ {r}", " ".repeat(pad));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn side_by_side(allegations: &[AllegationView], sides: &[CompanySide], width: usize) -> String {
    let col = if width < STACK_BELOW { width } else { (width - 4) / 2 };
    columns(
        allegation_lines(allegations, col),
        response_lines(sides, col),
        width,
        col,
    )
}

/// `counterpoint story ID` as text.
pub fn story(v: &StoryView, width: usize) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", sanitize_line(&v.headline)));
    out.push_str(&format!(
        "story {} · {} · {} · first {} · last {}{}\n",
        v.id,
        plural(v.articles.len(), "article"),
        plural(v.outlets.len(), "outlet"),
        date(v.first_seen),
        date(v.last_activity),
        if v.followed {
            format!(" · followed, {} new", v.new_developments)
        } else {
            String::new()
        }
    ));
    if !v.companies.is_empty() {
        out.push_str(&format!("companies: {}\n", v.companies.join(", ")));
    }
    out.push('\n');
    out.push_str(&side_by_side(&v.allegations, &v.sides, width));
    out.push_str("\nARTICLES\n");
    for a in &v.articles {
        out.push_str(&format!(
            "{}{}  {} · {}\n",
            if a.is_new { "[new] " } else { "" },
            date(a.date),
            sanitize_line(&a.outlet),
            sanitize_line(&a.title)
        ));
        if let Some(l) = &a.link {
            out.push_str(&format!("    {}\n", sanitize_line(l)));
        }
        // Copies at the article's own address (two feeds of one outlet)
        // add nothing to read.
        for s in a
            .sources
            .iter()
            .skip(1)
            .filter(|s| s.link.is_none() || s.link != a.link)
        {
            out.push_str(&format!(
                "    also {}: {}\n",
                sanitize_line(&s.outlet),
                sanitize_line(s.link.as_deref().unwrap_or(""))
            ));
        }
    }
    out
}

/// `counterpoint extract` without `--json`: one article's findings.
pub fn findings(f: &Findings, link: Option<&str>, width: usize) -> String {
    let allegations: Vec<AllegationView> = f
        .allegations
        .iter()
        .map(|a| AllegationView {
            text: a.text.clone(),
            against: a.against.clone(),
            by: a.by,
            cited: vec![],
            is_new: false,
        })
        .collect();
    let mut sides: Vec<CompanySide> = Vec::new();
    for c in f.accused() {
        sides.push(CompanySide {
            company: c,
            accused: true,
            responses: vec![],
        });
    }
    for r in &f.responses {
        let view = ResponseView {
            text: r.text.clone(),
            company: r.company.clone(),
            speaker: r.speaker.clone(),
            role: r.role.clone(),
            stance: r.stance,
            cited: vec![],
            is_new: false,
        };
        match sides.iter_mut().find(|s| s.company == r.company) {
            Some(s) => s.responses.push(view),
            None => sides.push(CompanySide {
                company: r.company.clone(),
                accused: false,
                responses: vec![view],
            }),
        }
    }
    let mut out = format!("{}\n", sanitize_line(&f.title));
    if let Some(l) = link {
        out.push_str(&format!("{}\n", sanitize_line(l)));
    }
    if !f.companies.is_empty() {
        out.push_str(&format!("companies: {}\n", f.companies.join(", ")));
    }
    out.push('\n');
    out.push_str(&side_by_side(&allegations, &sides, width));
    out
}

/// "1 new article", "2 new articles", "3 stories".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        return format!("1 {word}");
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

/// A Unix time as a calendar date.
pub fn date(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_worded_in_the_singular_or_the_plural() {
        assert_eq!(plural(1, "story"), "1 story");
        assert_eq!(plural(3, "story"), "3 stories");
        assert_eq!(plural(0, "new article"), "0 new articles");
        assert_eq!(plural(2, "key"), "2 keys");
    }

    #[test]
    fn wrap_respects_width_and_indent() {
        let lines = wrap("  one two three four five six", 12);
        assert!(lines.iter().all(|l| l.width() <= 12), "{lines:?}");
        assert!(lines.iter().all(|l| l.starts_with("  ")));
    }

    #[test]
    fn very_long_words_are_cut() {
        let lines = wrap(&"x".repeat(30), 10);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn a_response_names_who_gave_it_else_the_company() {
        let response = |speaker: &str, role: &str| ResponseView {
            text: "Meta said it would appeal.".into(),
            company: "Meta".into(),
            speaker: speaker.into(),
            role: role.into(),
            stance: crate::model::Stance::Denial,
            cited: Vec::new(),
            is_new: false,
        };
        assert_eq!(response_head(&response("", "")), "Meta — DENIAL");
        assert_eq!(response_head(&response("", "spokesperson")), "spokesperson — DENIAL");
        assert_eq!(
            response_head(&response("Andy Stone", "spokesperson")),
            "Andy Stone (spokesperson) — DENIAL"
        );
    }

    #[test]
    fn narrow_output_is_stacked() {
        let out = columns(vec!["L".into()], vec!["R".into()], 60, 60);
        assert_eq!(out, "L\n\nR\n");
        let wide = columns(vec!["L".into()], vec!["R".into()], 120, 10);
        assert_eq!(wide, "L           │ R\n");
    }
}
