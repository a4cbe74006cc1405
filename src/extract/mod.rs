//! Extraction: from an article's title and text to the allegations made
//! against companies and the companies' responses. Pure functions of their
//! input; the cue lexicons live in [`lexicon`].

pub mod companies;

pub use companies::{Companies, Mention};

use crate::model::Findings;

/// Extracts findings with a company dictionary.
#[derive(Debug, Clone, Copy)]
pub struct Extractor<'a> {
    companies: &'a Companies,
}

impl<'a> Extractor<'a> {
    pub fn new(companies: &'a Companies) -> Extractor<'a> {
        Extractor { companies }
    }

    /// The built-in dictionary.
    pub fn builtin() -> Extractor<'static> {
        Extractor::new(Companies::builtin())
    }

    pub fn companies(&self) -> &'a Companies {
        self.companies
    }

    /// Findings of one article whose body is already clean text.
    pub fn extract(&self, title: &str, text: &str) -> Findings {
        let mut companies: Vec<String> = Vec::new();
        for m in self.companies.find(title).into_iter().chain(self.companies.find(text)) {
            if m.actor && !companies.contains(&m.company) {
                companies.push(m.company);
            }
        }
        Findings {
            title: title.to_owned(),
            companies,
            ..Findings::default()
        }
    }
}
