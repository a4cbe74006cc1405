//! Feed timestamps. Nearly all are RFC 3339 or RFC 2822 as written and are
//! parsed at once; the rest go through feed-rs's lenient rules (a port of
//! its `parse_timestamp_lenient`, whose regular expressions rewrite every
//! timestamp before parsing it: a tenth of parsing a feed), then two forms
//! feed-rs leaves unread: RFC 2822 written in another language ("Seg, 24 Set
//! 2018 19:42:40 -0300") and numeric dates with slashes ("2020/1/10 14:33").
//! An item whose date is not read is dated when it is first seen, which puts
//! a years-old item at the top of the list as news.

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
        .or_else(|| in_another_language(text).and_then(|english| lenient(&english)))
        .or_else(|| numeric(text))
}

/// Month names and abbreviations in Portuguese, Spanish, French, German,
/// Italian and Dutch, lower-cased, under the English abbreviation.
const MONTHS: [(&str, &str); 12] = [
    ("Jan", "janeiro enero ene janvier janv januar januari gennaio gen"),
    (
        "Feb",
        "fevereiro fev febrero février fevrier févr fevr februar februari febbraio",
    ),
    ("Mar", "março marco marzo mars märz mär maerz mrz maart mrt"),
    ("Apr", "abril abr avril avr aprile"),
    ("May", "maio mai mayo maggio mag mei"),
    ("Jun", "junho junio juin juni giugno giu"),
    ("Jul", "julho julio juillet juil juli luglio lug"),
    ("Aug", "agosto ago août aout augustus"),
    ("Sep", "setembro set septiembre setiembre septembre sept settembre"),
    ("Oct", "outubro out octubre octobre oktober okt ottobre ott"),
    ("Nov", "novembro noviembre novembre"),
    ("Dec", "dezembro dez diciembre dic décembre déc dezember dicembre"),
];

/// `text` with another language's month name in English, if it names a
/// month so: the weekday before the date and the words between its parts
/// ("24 de setembro de 2018") dropped, a zone after it kept. `None` for any
/// other word after the date ("7:42 p.m."): a date read wrong is worse than
/// one not read.
fn in_another_language(text: &str) -> Option<String> {
    let mut month = None;
    let mut after_digits = false;
    let mut kept = Vec::new();
    for word in text.split([' ', ',']).filter(|w| !w.is_empty()) {
        if !word.chars().any(char::is_alphabetic) {
            after_digits |= word.chars().any(|c| c.is_ascii_digit());
            kept.push(word.to_owned());
            continue;
        }
        let lower = word.trim_end_matches('.').to_lowercase();
        if let Some((english, _)) = MONTHS.iter().find(|(_, names)| names.split(' ').any(|n| n == lower)) {
            month.get_or_insert(*english);
            kept.push((*english).to_owned());
        } else if matches!(
            lower.as_str(),
            "de" | "del" | "di" | "du" | "à" | "a" | "las" | "um" | "om"
        ) {
            // Between the date's parts.
        } else if !after_digits {
            // A weekday.
        } else if word.len() <= 5 && word.chars().all(|c| c.is_ascii_uppercase()) {
            // A zone ("GMT", "CET"): RFC 2822 reads some.
            kept.push(word.to_owned());
        } else {
            return None;
        }
    }
    month?;
    Some(kept.join(" "))
}

/// "2020/1/10 14:33:00", "2020.01.10", "2020/1/10 14:33": a numeric date,
/// its time if any, read as UTC (such feeds name no zone).
fn numeric(text: &str) -> Option<DateTime<Utc>> {
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
            .expect("the numeric date rule compiles")
    });
    let c = NUMERIC.captures(text)?;
    let number = |i: usize| c.get(i).map_or(Some(0), |m| m.as_str().parse::<u32>().ok());
    let date = chrono::NaiveDate::from_ymd_opt(number(1)? as i32, number(2)?, number(3)?)?;
    let time = date.and_hms_opt(number(4)?, number(5)?, number(6)?)?;
    Some(time.and_utc())
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

/// The date an article's address carries, for an item the feed does not
/// date: "https://www.washingtonpost.com/news/2017/05/28/…" or
/// "…/2017-05-28/…" is noon (UTC) that day, a time that is the same day
/// in most of the world.
pub fn in_address(url: &str) -> Option<DateTime<Utc>> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let number = |p: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (digits.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let day = |y: u32, m: u32, d: u32| -> Option<DateTime<Utc>> {
        let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
        Some(date.and_hms_opt(12, 0, 0)?.and_utc())
    };
    let slashed = parts
        .windows(3)
        .find_map(|w| day(number(w[0], 4..=4)?, number(w[1], 1..=2)?, number(w[2], 1..=2)?));
    slashed.or_else(|| {
        parts.iter().find_map(|p| {
            let mut f = p.splitn(3, '-');
            day(
                number(f.next()?, 4..=4)?,
                number(f.next()?, 2..=2)?,
                number(f.next()?, 2..=2)?,
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_dates_an_undated_item_by_its_path_only() {
        let noon = |y, m, d| {
            Some(
                chrono::NaiveDate::from_ymd_opt(y, m, d)
                    .unwrap()
                    .and_hms_opt(12, 0, 0)
                    .unwrap()
                    .and_utc(),
            )
        };
        for (url, date) in [
            (
                "https://www.washingtonpost.com/news/politics/wp/2017/05/28/trump-returns/",
                noon(2017, 5, 28),
            ),
            (
                "https://example.com/2024/1/9/story.html?utm=2020/01/01",
                noon(2024, 1, 9),
            ),
            ("https://example.com/archive/2023-11-14/netflix", noon(2023, 11, 14)),
            ("https://example.com/2023/02/30/not-a-day", None),
            ("https://example.com/2023/02/story", None),
            ("https://example.com/story?date=2023/02/03", None),
            ("https://example.com/#/2023/02/03", None),
            ("https://2023.example.com/11/14/x", None),
            ("https://example.com/id/12345/67/89", None),
            ("not a url", None),
        ] {
            assert_eq!(in_address(url), date, "{url}");
        }
    }

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
    #[case::words("yesterday")]
    #[case::empty("")]
    fn timestamps_read_as_feed_rs_reads_them(#[case] date: &str) {
        assert_eq!(parse(date), feed_rs_reading(date), "{date:?}");
    }

    #[rstest::rstest]
    #[case::portuguese("Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z")]
    #[case::portuguese_long("Segunda, 24 de setembro de 2018 19:42:40 GMT", "2018-09-24T19:42:40Z")]
    #[case::spanish("Lun, 3 Dic 2018 08:00:00 +0100", "2018-12-03T07:00:00Z")]
    #[case::french("lun., 5 févr. 2024 10:20:30 +0000", "2024-02-05T10:20:30Z")]
    #[case::german("Mo, 4 Mär 2024 10:20:30 +0200", "2024-03-04T08:20:30Z")]
    #[case::italian("Mar, 7 Mag 2024 10:20:30 +0000", "2024-05-07T10:20:30Z")]
    #[case::dutch("di, 5 mrt 2024 10:20:30 +0000", "2024-03-05T10:20:30Z")]
    #[case::slashes("2020/1/10 14:33:00", "2020-01-10T14:33:00Z")]
    #[case::slashes_without_seconds("2020/01/10 14:33", "2020-01-10T14:33:00Z")]
    #[case::dots_date_alone("2020.1.10", "2020-01-10T00:00:00Z")]
    #[case::capital_weekday("SEG, 24 SET 2018 19:42:40 -0300", "2018-09-24T22:42:40Z")]
    #[case::french_september("lun. 2 sept. 2024 10:20:30 +0000", "2024-09-02T10:20:30Z")]
    fn dates_feed_rs_leaves_unread_are_read(#[case] date: &str, #[case] want: &str) {
        assert_eq!(feed_rs_reading(date), None, "feed-rs reads {date:?} now");
        assert_eq!(
            parse(date).map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            Some(want.to_owned())
        );
    }

    #[rstest::rstest]
    #[case::no_month("Seg, 24 2018 19:42:40 -0300")]
    #[case::impossible_day("2020/2/31 10:00:00")]
    #[case::impossible_hour("2020/2/3 25:00:00")]
    #[case::month_out_of_range("2020/13/3")]
    #[case::day_before_year("10/1/2020 14:33:00")]
    #[case::a_word("ontem")]
    #[case::afternoon_unread("Seg, 24 Set 2018 7:42:40 p.m. -0300")]
    #[case::a_word_after_the_date("24 Set 2018 19:42:40 -0300 horário de Brasília")]
    fn what_is_no_date_stays_unread(#[case] date: &str) {
        assert_eq!(parse(date), None, "{date:?}");
    }

    #[test]
    fn every_corpus_date_feed_rs_reads_is_read_the_same() {
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
        let (mut compared, mut beyond) = (0, 0);
        for path in entries.flatten().map(|e| e.path()) {
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let ours = feed_rs::parser::Builder::new().timestamp_parser(parse).build();
            let (Ok(theirs), Ok(ours)) = (feed_rs::parser::parse(&bytes[..]), ours.parse(&bytes[..])) else {
                continue;
            };
            let (theirs, ours) = (dates(theirs), dates(ours));
            compared += theirs.iter().flatten().count();
            // Where feed-rs reads a date, the same; where it reads none, ours may.
            for (o, t) in ours.iter().zip(&theirs) {
                match (o, t) {
                    (Some(d), None) => {
                        assert!(
                            (2000..=2026).contains(&chrono::Datelike::year(d)),
                            "{}: {d}",
                            path.display()
                        );
                        beyond += 1;
                    }
                    _ => assert_eq!(o, t, "{}", path.display()),
                }
            }
            assert_eq!(ours.len(), theirs.len(), "{}", path.display());
        }
        assert!(compared > 1000, "only {compared} dates compared");
        // Two corpus feeds date their items so (Portuguese names, slashes).
        assert!(beyond >= 20, "only {beyond} dates read beyond feed-rs");
        eprintln!("{compared} dates as feed-rs reads them, {beyond} more that it leaves unread");
    }
}
