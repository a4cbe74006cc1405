//! The domain types shared by every layer: ids, feeds, articles, stories and
//! the findings extracted from an article.

use std::fmt;

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

id_type!(
    /// A feed row.
    FeedId
);
id_type!(
    /// An article: one piece of writing, however many feeds carried it.
    ArticleId
);
id_type!(
    /// A story: the articles about one event.
    StoryId
);

/// One item of a parsed feed, before it is stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedItem {
    /// The item's id as feed-rs gives it (GUID, Atom id, or a generated hash).
    pub guid: String,
    /// The link as the feed gives it.
    pub link: Option<String>,
    /// The publisher's original link when the feed names one (feedburner:origLink).
    pub original_link: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// The fullest body the item carries (content if longer than the summary), raw.
    pub body: String,
}

/// Who makes an allegation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accuser {
    Lawsuit,
    Regulator,
    Court,
    Lawmaker,
    Researcher,
    Critic,
    Employee,
    Media,
    Other,
}

impl Accuser {
    pub const ALL: [Accuser; 9] = [
        Accuser::Lawsuit,
        Accuser::Regulator,
        Accuser::Court,
        Accuser::Lawmaker,
        Accuser::Researcher,
        Accuser::Critic,
        Accuser::Employee,
        Accuser::Media,
        Accuser::Other,
    ];

    /// A lawsuit, regulator, court or lawmaker: a source whose word about a
    /// company is itself a charge, with no cue word needed.
    pub fn is_official(self) -> bool {
        matches!(
            self,
            Accuser::Lawsuit | Accuser::Regulator | Accuser::Court | Accuser::Lawmaker
        )
    }

    /// A group, person or outlet that has no office: when it sues, or tells
    /// of a suit, the charge is the suit's.
    pub fn is_unofficial(self) -> bool {
        matches!(
            self,
            Accuser::Researcher | Accuser::Critic | Accuser::Media | Accuser::Other
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Accuser::Lawsuit => "lawsuit",
            Accuser::Regulator => "regulator",
            Accuser::Court => "court",
            Accuser::Lawmaker => "lawmaker",
            Accuser::Researcher => "researcher",
            Accuser::Critic => "critic",
            Accuser::Employee => "employee",
            Accuser::Media => "media",
            Accuser::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Accuser> {
        Accuser::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// How a company answers an allegation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Denial,
    Acknowledgement,
    NoComment,
    Other,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Denial,
        Stance::Acknowledgement,
        Stance::NoComment,
        Stance::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Denial => "denial",
            Stance::Acknowledgement => "acknowledgement",
            Stance::NoComment => "no_comment",
            Stance::Other => "other",
        }
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Denial => "denial",
            Stance::Acknowledgement => "acknowledgement",
            Stance::NoComment => "no comment",
            Stance::Other => "other",
        }
    }

    /// The label shown for a response saying `text`: saying nothing is
    /// told apart as declining ("declined to comment") or not answering
    /// ("did not respond", "could not be reached").
    pub fn label_for(self, text: &str) -> &'static str {
        if self != Stance::NoComment {
            return self.label();
        }
        let text = text.to_lowercase();
        let said = |cues: &[&str]| cues.iter().any(|c| text.contains(c));
        if said(&["declin", "refus", "no comment", "would not comment", "wouldn't comment"]) {
            "declined to comment"
        } else if said(&[
            "respond",
            "reached",
            "reply",
            "replied",
            "return",
            "answer",
            "unavailable",
            "reach out",
        ]) {
            "no response"
        } else {
            self.label()
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// A sentence in which someone charges companies with wrongdoing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allegation {
    pub text: String,
    pub against: Vec<String>,
    pub by: Accuser,
}

/// A sentence in which a company, or someone for it, answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub text: String,
    pub company: String,
    pub speaker: String,
    pub role: String,
    pub stance: Stance,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Findings {
    pub title: String,
    pub companies: Vec<String>,
    pub allegations: Vec<Allegation>,
    pub responses: Vec<Response>,
    pub no_response: Vec<String>,
}

impl Findings {
    /// Companies accused in at least one allegation, in first-seen order.
    pub fn accused(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in &self.allegations {
            for c in &a.against {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
        }
        out
    }
}

/// A feed's state as the poller last left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedStatus {
    /// Never polled yet.
    New,
    Ok,
    NotModified,
    Error,
    /// The server said 410 Gone: no longer polled.
    Gone,
}

impl FeedStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedStatus::New => "new",
            FeedStatus::Ok => "ok",
            FeedStatus::NotModified => "not_modified",
            FeedStatus::Error => "error",
            FeedStatus::Gone => "gone",
        }
    }

    /// Where feeds of this status are listed: failing ones first, then
    /// gone ones, then the rest.
    pub fn listing_group(self) -> u8 {
        match self {
            FeedStatus::Error => 0,
            FeedStatus::Gone => 1,
            _ => 2,
        }
    }

    pub fn parse(s: &str) -> FeedStatus {
        match s {
            "ok" => FeedStatus::Ok,
            "not_modified" => FeedStatus::NotModified,
            "error" => FeedStatus::Error,
            "gone" => FeedStatus::Gone,
            _ => FeedStatus::New,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stance;

    #[test]
    fn saying_nothing_is_shown_as_declining_or_not_answering() {
        let label = |text| Stance::NoComment.label_for(text);
        assert_eq!(label("WhatsApp declined to comment."), "declined to comment");
        assert_eq!(label("A Meta spokesperson would not comment."), "declined to comment");
        assert_eq!(label("TikTok did not respond to a request for comment."), "no response");
        assert_eq!(label("Uber could not be reached."), "no response");
        assert_eq!(label("TIME has reached out to X for comment."), "no response");
        assert_eq!(
            label("Meta did not immediately return a request for comment."),
            "no response"
        );
        assert_eq!(label("X was silent."), "no comment");
        assert_eq!(Stance::Denial.label_for("declined to comment"), "denial");
    }
}
