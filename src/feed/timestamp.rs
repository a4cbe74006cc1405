//! Feed timestamps. Nearly all are RFC 3339 or RFC 2822 as written and are
//! parsed at once; the rest go through feed-rs's lenient rules (a port of
//! its `parse_timestamp_lenient`, whose regular expressions rewrite every
//! timestamp before parsing it: a tenth of parsing a feed).

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::Regex;

/// What feed-rs's own parser makes of `text`, sooner.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| lenient(text))
}

/// feed-rs's repairs, in its order: RFC 3339, RFC 2822, then RFC 1123
/// without the day of the week. Each rule rewrites its first match only.
fn lenient(text: &str) -> Option<DateTime<Utc>> {
    let rfc3339 = rewrite(text, &RULES.rfc3339);
    DateTime::parse_from_rfc3339(rfc3339.trim())
        .or_else(|_| DateTime::parse_from_rfc2822(&rewrite(text, &RULES.rfc2822)))
        .or_else(|_| DateTime::parse_from_str(&rewrite(text, &RULES.rfc1123), "%d %b %Y %H:%M:%S %z"))
        .map(|t| t.with_timezone(&Utc))
        .ok()
}

fn rewrite(text: &str, rules: &[(Regex, &str)]) -> String {
    rules.iter().fold(text.to_owned(), |text, (pattern, with)| {
        pattern.replace(&text, *with).into_owned()
    })
}

struct Rules {
    rfc3339: Vec<(Regex, &'static str)>,
    rfc2822: Vec<(Regex, &'static str)>,
    rfc1123: Vec<(Regex, &'static str)>,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let rules = |list: &[(&str, &'static str)]| -> Vec<(Regex, &'static str)> {
        list.iter()
            .map(|(pattern, with)| (Regex::new(pattern).expect("the timestamp rules compile"), *with))
            .collect()
    };
    Rules {
        rfc3339: rules(&[
            // A zone without its colon; a date without a time.
            (r"(\+|-)(\d{2})(\d{2})", "${1}${2}:${3}"),
            (r"-\d{2}$", "${0}T00:00:00+00:00"),
        ]),
        rfc2822: rules(&[
            ("(UTC|-0000$)", "+0000"),
            // A day of the week, often wrong or spelled out, says nothing.
            ("(Sun|Mon|Tue|Wed|Thu|Fri|Sat)[a-z]*, ", ""),
            ("(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*", "$1"),
            // Month before day.
            (
                r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{4})",
                "$2 $1 $3",
            ),
            (" 24:", " 00:"),
            (" ([0-9]):", " 0${1}:"),
        ]),
        rfc1123: rules(&[(" Z$", " +0000"), ("^[[:alpha:]]{3}, ", "")]),
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    /// What feed-rs's default parser makes of `date` as an RSS item's date.
    fn feed_rs_reading(date: &str) -> Option<DateTime<Utc>> {
        let escaped = date.replace('&', "&amp;").replace('<', "&lt;");
        let xml = format!(
            "<rss version=\"2.0\"><channel><title>t</title><item><title>i</title><pubDate>{escaped}</pubDate></item></channel></rss>"
        );
        let feed = feed_rs::parser::parse(xml.as_bytes()).ok()?;
        feed.entries.first()?.published
    }

    #[rstest::rstest]
    #[case::rfc3339("2024-03-05T10:20:30Z")]
    #[case::rfc3339_with_offset_and_fraction("2024-03-05T10:20:30.123+05:30")]
    #[case::rfc3339_zone_without_colon("2024-03-05T10:20:30+0530")]
    #[case::date_alone("2024-03-05")]
    #[case::rfc2822("Tue, 05 Mar 2024 10:20:30 +0000")]
    #[case::rfc2822_gmt("Tue, 05 Mar 2024 10:20:30 GMT")]
    #[case::rfc2822_utc("Tue, 05 Mar 2024 10:20:30 UTC")]
    #[case::unknown_zone("Tue, 05 Mar 2024 10:20:30 -0000")]
    #[case::wrong_weekday("Wed, 25 Aug 2012 03:25:42 +0000")]
    #[case::spelled_weekday("Thurs, 13 Jul 2011 07:38:00 GMT")]
    #[case::long_month("Tue, 05 March 2024 10:20:30 +0000")]
    #[case::month_first("Tue, Mar 05 2024 10:20:30 +0000")]
    #[case::hour_24("Tue, 05 Mar 2024 24:20:30 +0000")]
    #[case::one_digit_hour("Tue, 05 Mar 2024 9:20:30 +0000")]
    #[case::rfc1123_z("05 Mar 2024 10:20:30 Z")]
    #[case::padded("  Tue, 05 Mar 2024 10:20:30 +0000 \n")]
    #[case::slashes("2024/3/5 10:20:30")]
    #[case::words("yesterday")]
    #[case::empty("")]
    fn timestamps_read_as_feed_rs_reads_them(#[case] date: &str) {
        assert_eq!(parse(date), feed_rs_reading(date), "{date:?}");
    }

    #[test]
    fn every_corpus_feed_has_the_same_dates_as_with_feed_rs_alone() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/feeds");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: no corpus at {}", dir.display());
            return;
        };
        let dates = |feed: feed_rs::model::Feed| -> Vec<_> {
            let mut all = vec![feed.updated, feed.published];
            all.extend(feed.entries.into_iter().flat_map(|e| [e.updated, e.published]));
            all
        };
        let mut compared = 0;
        for path in entries.flatten().map(|e| e.path()) {
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let ours = feed_rs::parser::Builder::new().timestamp_parser(parse).build();
            let (Ok(theirs), Ok(ours)) = (feed_rs::parser::parse(&bytes[..]), ours.parse(&bytes[..])) else {
                continue;
            };
            let (theirs, ours) = (dates(theirs), dates(ours));
            compared += theirs.iter().flatten().count();
            assert_eq!(ours, theirs, "{}", path.display());
        }
        assert!(compared > 1000, "only {compared} dates compared");
    }
}
