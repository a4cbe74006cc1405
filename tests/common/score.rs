//! A port of `shared/eval/score.py`'s matching: a finding matches a label
//! when its text contains the label's quote (case, quotes, dashes and white
//! space normalised) and it is of the same kind.

use counterpoint::model::Findings;
use serde_json::Value;

pub fn norm(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub true_findings: usize,
    pub false_findings: usize,
    pub labels: usize,
    pub labels_found: usize,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        let n = self.true_findings + self.false_findings;
        if n == 0 {
            0.0
        } else {
            self.true_findings as f64 / n as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.labels == 0 {
            0.0
        } else {
            self.labels_found as f64 / self.labels as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// Scores one item's findings against its labels; returns (allegations, responses, misses and alarms).
pub fn score_item(found: &Findings, labels: &Value) -> (Tally, Tally, Vec<String>) {
    let mut notes = Vec::new();
    let kinds = [
        (
            "allegations",
            found.allegations.iter().map(|a| a.text.clone()).collect::<Vec<_>>(),
        ),
        (
            "responses",
            found.responses.iter().map(|r| r.text.clone()).collect::<Vec<_>>(),
        ),
    ];
    let mut out = [Tally::default(), Tally::default()];
    for (k, (kind, texts)) in kinds.iter().enumerate() {
        let labs: Vec<&Value> = labels[*kind].as_array().map(|a| a.iter().collect()).unwrap_or_default();
        let mut matched = vec![false; labs.len()];
        for t in texts {
            let nt = norm(t);
            let hits: Vec<usize> = (0..labs.len())
                .filter(|&i| nt.len() <= 700 && nt.contains(&norm(labs[i]["quote"].as_str().unwrap_or(""))))
                .collect();
            if hits.is_empty() {
                out[k].false_findings += 1;
                notes.push(format!("alarm {kind}: {t}"));
            } else {
                if !hits.iter().all(|&i| labs[i]["optional"].as_bool().unwrap_or(false)) {
                    out[k].true_findings += 1;
                }
                for i in hits {
                    matched[i] = true;
                }
            }
        }
        for (i, lab) in labs.iter().enumerate() {
            if lab["optional"].as_bool().unwrap_or(false) {
                continue;
            }
            out[k].labels += 1;
            if matched[i] {
                out[k].labels_found += 1;
            } else {
                notes.push(format!("miss {kind}: {}", lab["quote"]));
            }
        }
    }
    (out[0], out[1], notes)
}

pub fn add(a: &mut Tally, b: Tally) {
    a.true_findings += b.true_findings;
    a.false_findings += b.false_findings;
    a.labels += b.labels;
    a.labels_found += b.labels_found;
}
