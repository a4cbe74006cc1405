//! Configuration: the defaults compiled in from `config/default.toml`, the
//! user's file laid over them, and the XDG paths the program uses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer};

/// The built-in configuration.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");
/// The built-in company dictionary.
pub const COMPANIES_TOML: &str = include_str!("../config/companies.toml");

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("bad config file {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// Polling and fetching settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub poll_interval: Duration,
    pub concurrency: usize,
    pub per_host: usize,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub total_timeout: Duration,
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    pub max_backoff: Duration,
    /// Articles first seen longer ago are deleted after each poll, unless
    /// their story is followed; `None` keeps every article.
    pub keep_articles: Option<Duration>,
}

/// One configured feed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    #[serde(deserialize_with = "http_url")]
    pub url: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The whole configuration after the user's file is laid over the defaults.
#[derive(Debug, Clone)]
pub struct Config {
    pub settings: Settings,
    pub feeds: Vec<FeedConfig>,
    /// Key bindings by action name, validated by the reader.
    pub keys: BTreeMap<String, KeyList>,
    /// Colours by theme slot, validated by the reader.
    pub theme: BTreeMap<String, String>,
    /// Where the user's file was read from, if anywhere.
    pub source: Option<PathBuf>,
}

/// One key or several for an action: `quit = "q"` or `quit = ["q", "ctrl-c"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyList, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            One(String),
            Many(Vec<String>),
        }
        match Repr::deserialize(d) {
            Ok(Repr::One(k)) => Ok(KeyList::One(k)),
            Ok(Repr::Many(ks)) => Ok(KeyList::Many(ks)),
            Err(_) => Err(serde::de::Error::custom(
                "expected a key in quotes, such as \"f\", or a list of keys, such as [\"f\", \"ctrl-f\"]",
            )),
        }
    }
}

impl KeyList {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

/// A configuration file as written: every setting optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    settings: FileSettings,
    #[serde(default)]
    feed: Vec<FeedConfig>,
    #[serde(default)]
    keys: BTreeMap<String, KeyList>,
    #[serde(default, deserialize_with = "colours")]
    theme: BTreeMap<String, String>,
}

/// Theme colours as text, a number of the 256-colour palette given bare
/// (`denial = 196`) as well as quoted.
fn colours<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Colour {
        Name(String),
        Number(i64),
    }
    let map = BTreeMap::<String, Colour>::deserialize(d)?;
    Ok(map
        .into_iter()
        .map(|(slot, c)| {
            let c = match c {
                Colour::Name(n) => n,
                Colour::Number(n) => n.to_string(),
            };
            (slot, c)
        })
        .collect())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    #[serde(default, deserialize_with = "opt_duration")]
    poll_interval: Option<Duration>,
    #[serde(default, deserialize_with = "opt_count")]
    concurrency: Option<usize>,
    #[serde(default, deserialize_with = "opt_count")]
    per_host: Option<usize>,
    #[serde(default, deserialize_with = "opt_duration")]
    connect_timeout: Option<Duration>,
    #[serde(default, deserialize_with = "opt_duration")]
    read_timeout: Option<Duration>,
    #[serde(default, deserialize_with = "opt_duration")]
    total_timeout: Option<Duration>,
    #[serde(default, deserialize_with = "opt_bytes")]
    max_body_bytes: Option<u64>,
    #[serde(default, deserialize_with = "opt_redirects")]
    max_redirects: Option<usize>,
    #[serde(default, deserialize_with = "opt_duration")]
    max_backoff: Option<Duration>,
    #[serde(default, deserialize_with = "opt_age")]
    keep_articles: Option<Duration>,
    #[serde(default)]
    include_default_feeds: Option<bool>,
}

impl Config {
    /// The built-in configuration alone.
    pub fn builtin() -> Config {
        let file = parse_file(DEFAULT_TOML, Path::new("<built-in config/default.toml>"))
            .expect("the built-in configuration is valid (checked by a test)");
        let mut config = Config {
            settings: Settings {
                poll_interval: Duration::from_secs(30 * 60),
                concurrency: 16,
                per_host: 2,
                connect_timeout: Duration::from_secs(10),
                read_timeout: Duration::from_secs(30),
                total_timeout: Duration::from_secs(60),
                max_body_bytes: 10 * 1024 * 1024,
                max_redirects: 10,
                max_backoff: Duration::from_secs(24 * 3600),
                keep_articles: None,
            },
            feeds: Vec::new(),
            keys: BTreeMap::new(),
            theme: BTreeMap::new(),
            source: None,
        };
        config.overlay(file);
        config
    }

    /// The built-in configuration with the file at `path` laid over it. When
    /// `path` is `None` the user's file in the XDG config directory is used if
    /// it exists.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let mut config = Config::builtin();
        let path = match path {
            Some(p) => Some(p.to_path_buf()),
            None => Paths::discover().map(|p| p.config_file).filter(|p| p.exists()),
        };
        if let Some(path) = path {
            let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                path: path.clone(),
                source,
            })?;
            config.overlay_text(&text, &path)?;
        }
        Ok(config)
    }

    /// Lays a configuration file's text over this configuration.
    pub fn overlay_text(&mut self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let file = parse_file(text, path)?;
        self.overlay(file);
        self.source = Some(path.to_path_buf());
        Ok(())
    }

    fn overlay(&mut self, file: FileConfig) {
        let s = file.settings;
        let t = &mut self.settings;
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = s.$f { t.$f = v; } )* };
        }
        set!(
            poll_interval,
            concurrency,
            per_host,
            connect_timeout,
            read_timeout,
            total_timeout,
            max_body_bytes,
            max_redirects,
            max_backoff
        );
        if s.keep_articles.is_some() {
            t.keep_articles = s.keep_articles;
        }
        if s.include_default_feeds == Some(false) {
            self.feeds.clear();
        }
        for feed in file.feed {
            if !self.feeds.iter().any(|f| f.url == feed.url) {
                self.feeds.push(feed);
            }
        }
        self.keys.extend(file.keys);
        self.theme.extend(file.theme);
    }
}

fn parse_file(text: &str, path: &Path) -> Result<FileConfig, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError::Invalid {
        path: path.to_path_buf(),
        message: describe(&e, text),
    })
}

/// "line 3, column 15: expected ... (found `0`)" from a toml error.
fn describe(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim_end_matches('\n');
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            let col = span.start - text[..span.start.min(text.len())].rfind('\n').map_or(0, |p| p + 1) + 1;
            let found = text.get(span.clone()).unwrap_or("").trim();
            let found: String = found.chars().take(80).collect();
            // A message that quotes what it found already says it.
            if found.is_empty() || message.contains("found `") {
                format!("line {line}, column {col}: {message}")
            } else {
                format!("line {line}, column {col}: {message} (found `{found}`)")
            }
        }
        None => message.to_owned(),
    }
}

/// Parses "90s", "30m", "2h", "1h30m", "1d", "26w", "1y" (365 days) or a bare
/// number of seconds.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let mut total = 0u64;
    let mut number = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        // Months ("M") are not a unit: they differ in length, and "m" is
        // minutes.
        let unit = match c {
            's' | 'S' => 1,
            'm' => 60,
            'h' | 'H' => 3600,
            'd' | 'D' => 86400,
            'w' | 'W' => 7 * 86400,
            'y' | 'Y' => 365 * 86400,
            ' ' => continue,
            _ => return None,
        };
        let n: u64 = number.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        number.clear();
    }
    (number.is_empty() && !s.is_empty()).then(|| Duration::from_secs(total))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DurationRepr {
    Secs(u64),
    Text(String),
}

fn opt_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    let bad = || {
        serde::de::Error::custom("expected a duration such as \"90s\", \"30m\", \"2h\" or \"1d\", greater than zero")
    };
    let value = match DurationRepr::deserialize(d).map_err(|_| bad())? {
        DurationRepr::Secs(n) => Duration::from_secs(n),
        DurationRepr::Text(t) => parse_duration(&t).ok_or_else(bad)?,
    };
    if value.is_zero() {
        return Err(bad());
    }
    Ok(Some(value))
}

/// The shortest age [`parse_age`] accepts: a bare "180" (seconds) meant as
/// days would otherwise empty the store.
pub const MIN_AGE: Duration = Duration::from_secs(86400);

/// The longest age [`parse_age`] accepts, a hundred years: ages are
/// subtracted from the time now.
pub const MAX_AGE: Duration = Duration::from_secs(36_500 * 86400);

/// Parses an article age such as "180d", from [`MIN_AGE`] to [`MAX_AGE`].
pub fn parse_age(s: &str) -> Result<Duration, String> {
    let age =
        parse_duration(s).ok_or_else(|| format!("expected an age such as \"90d\", \"26w\" or \"1y\", found `{s}`"))?;
    if age < MIN_AGE {
        // A bare number is seconds; "180" was most likely meant as days.
        let hint = match s.trim().parse::<u64>() {
            Ok(n) if n > 0 && n <= MAX_AGE.as_secs() / 86400 => format!("; write days as \"{n}d\""),
            _ => String::new(),
        };
        return Err(format!(
            "an age of at least one day is expected, found `{s}` ({}s){hint}",
            age.as_secs()
        ));
    }
    if age > MAX_AGE {
        return Err(format!(
            "an age of at most a hundred years (36500d) is expected, found `{s}`"
        ));
    }
    Ok(age)
}

fn opt_age<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    let text =
        match DurationRepr::deserialize(d).map_err(|_| serde::de::Error::custom("expected an age such as \"180d\""))? {
            DurationRepr::Secs(n) => n.to_string(),
            DurationRepr::Text(t) => t,
        };
    parse_age(&text).map(Some).map_err(serde::de::Error::custom)
}

fn ranged<'de, D: Deserializer<'de>>(d: D, min: i64, max: i64, what: &str) -> Result<i64, D::Error> {
    let n = i64::deserialize(d).map_err(|_| serde::de::Error::custom(format!("expected {what}")))?;
    if !(min..=max).contains(&n) {
        return Err(serde::de::Error::custom(format!("expected {what}")));
    }
    Ok(n)
}

fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    ranged(d, 1, 256, "a whole number from 1 to 256").map(|n| Some(n as usize))
}

fn opt_redirects<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    ranged(d, 0, 20, "a whole number from 0 to 20").map(|n| Some(n as usize))
}

fn opt_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    ranged(d, 1024, 1 << 30, "a number of bytes from 1024 to 1073741824").map(|n| Some(n as u64))
}

fn http_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    match url::Url::parse(&s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(s),
        _ => Err(serde::de::Error::custom("expected an http:// or https:// feed address")),
    }
}

/// Where the program keeps its files.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config_file: PathBuf,
    pub database: PathBuf,
    pub log_dir: PathBuf,
}

impl Paths {
    /// The XDG locations (or the platform's equivalents), if a home directory is known.
    pub fn discover() -> Option<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "counterpoint")?;
        let state = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).to_path_buf();
        Some(Paths {
            config_file: dirs.config_dir().join("config.toml"),
            database: dirs.data_dir().join("counterpoint.db"),
            log_dir: state,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn builtin_config_has_enough_real_feeds() {
        let c = Config::builtin();
        assert!(c.feeds.len() >= 25, "only {} feeds", c.feeds.len());
        assert!(c.feeds.iter().all(|f| f.title.is_some() && !f.tags.is_empty()));
        assert_eq!(c.settings.max_body_bytes, 10 * 1024 * 1024);
        assert_eq!(c.settings.max_redirects, 10);
    }

    #[test]
    fn user_file_overlays_settings_and_adds_feeds() {
        let mut c = Config::builtin();
        let n = c.feeds.len();
        c.overlay_text(
            "[settings]\nconcurrency = 4\n\n[[feed]]\nurl = \"https://example.org/feed\"\n",
            Path::new("u.toml"),
        )
        .unwrap();
        assert_eq!(c.settings.concurrency, 4);
        assert_eq!(c.settings.per_host, 2);
        assert_eq!(c.feeds.len(), n + 1);
    }

    #[test]
    fn articles_are_kept_unless_the_user_sets_an_age() {
        let mut c = Config::builtin();
        assert_eq!(c.settings.keep_articles, None);
        c.overlay_text("[settings]\nkeep_articles = \"1d12h\"\n", Path::new("u.toml"))
            .unwrap();
        assert_eq!(c.settings.keep_articles, Some(Duration::from_secs(36 * 3600)));
    }

    #[test]
    fn user_can_drop_the_default_feeds() {
        let mut c = Config::builtin();
        c.overlay_text(
            "[settings]\ninclude_default_feeds = false\n[[feed]]\nurl = \"https://example.org/feed\"\n",
            Path::new("u.toml"),
        )
        .unwrap();
        assert_eq!(c.feeds.len(), 1);
    }

    #[rstest]
    #[case::zero_concurrency(
        "[settings]\nconcurrency = 0\n",
        "line 2, column 15: expected a whole number from 1 to 256 (found `0`)"
    )]
    #[case::bad_duration("[settings]\n\npoll_interval = \"soon\"\n", "line 3, column 17: expected a duration")]
    #[case::unknown_key("[settings]\nconcurency = 3\n", "line 2, column 1: unknown field `concurency`")]
    #[case::bad_url(
        "[[feed]]\nurl = \"ftp://x/feed\"\n",
        "line 2, column 7: expected an http:// or https:// feed address"
    )]
    #[case::syntax("[settings\n", "line 1")]
    #[case::key_not_a_string("[keys]\nfollow = 5\n", "line 2, column 10: expected a key in quotes, such as \"f\"")]
    #[case::age_in_seconds(
        "[settings]\nkeep_articles = 180\n",
        "line 2, column 17: an age of at least one day is expected, found `180` (180s); write days as \"180d\""
    )]
    #[case::bad_age("[settings]\nkeep_articles = \"a year\"\n", "expected an age such as")]
    #[case::no_age(
        "[settings]\nkeep_articles = \"0\"\n",
        "at least one day is expected, found `0` (0s)"
    )]
    #[case::said_once("[settings]\nkeep_articles = \"12h\"\n", "found `12h` (43200s)")]
    #[case::age_past_the_epoch(
        "[settings]\nkeep_articles = \"200000000000000d\"\n",
        "an age of at most a hundred years"
    )]
    fn bad_config_names_file_line_and_value(#[case] text: &str, #[case] want: &str) {
        let err = Config::builtin()
            .overlay_text(text, Path::new("/home/u/.config/counterpoint/config.toml"))
            .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("bad config file /home/u/.config/counterpoint/config.toml: "),
            "{msg}"
        );
        assert!(msg.contains(want), "{msg}");
        assert!(msg.matches("found").count() <= 1, "said once: {msg}");
    }

    #[test]
    fn a_theme_colour_may_be_a_bare_palette_number() {
        let mut c = Config::builtin();
        c.overlay_text("[theme]\ndenial = 196\nallegation = \"#ff8700\"\n", Path::new("c.toml"))
            .unwrap();
        assert_eq!(c.theme.get("denial").map(String::as_str), Some("196"));
        assert_eq!(c.theme.get("allegation").map(String::as_str), Some("#ff8700"));
    }

    #[rstest]
    #[case("90s", 90)]
    #[case("30m", 1800)]
    #[case("1h30m", 5400)]
    #[case("1d", 86400)]
    #[case("45", 45)]
    #[case("26w", 26 * 7 * 86400)]
    #[case("1y", 365 * 86400)]
    #[case("90D", 90 * 86400)]
    fn durations_parse(#[case] s: &str, #[case] secs: u64) {
        assert_eq!(parse_duration(s), Some(Duration::from_secs(secs)));
    }

    #[rstest]
    #[case("")]
    #[case("5x")]
    #[case("m")]
    #[case("10m5")]
    #[case("6M")]
    fn bad_durations_are_rejected(#[case] s: &str) {
        assert_eq!(parse_duration(s), None);
    }
}
