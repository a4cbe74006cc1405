//! Story grouping measured on a labelled set: five outlets, thirteen events
//! covered several times, and hard negatives (other news about the same
//! companies on the same days). Pair precision and recall are printed.

use std::collections::HashMap;
use std::path::Path;

use counterpoint::extract::Extractor;
use counterpoint::ingest::prepare_feed;
use counterpoint::store::Store;

struct PairScore {
    precision: f64,
    recall: f64,
}

fn group_fixture_set() -> (Store, HashMap<String, String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/grouping");
    let mut store = Store::open_in_memory().unwrap();
    for name in ["wire", "policydesk", "gadgetblog", "lawbrief", "eurotech"] {
        let bytes = std::fs::read(dir.join(format!("{name}.xml"))).unwrap();
        let (_, items) = prepare_feed(&bytes, Extractor::builtin()).unwrap();
        let feed = store
            .add_feed(&format!("https://{name}.example.com/feed"), Some(name), &[])
            .unwrap();
        store.insert_batch(feed, name, &items, 1_900_000_000).unwrap();
    }
    let labels = std::fs::read_to_string(dir.join("labels.tsv")).unwrap();
    let events = labels
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
    (store, events)
}

fn pair_score(store: &Store, events: &HashMap<String, String>) -> PairScore {
    let story_of: HashMap<String, i64> = events
        .keys()
        .map(|link| {
            let story = store.query_scalar(&format!(
                "SELECT a.story_id FROM sources s JOIN articles a ON a.id = s.article_id WHERE s.link = '{}'",
                link.replace('\'', "''")
            ));
            assert!(story > 0, "{link} was not stored");
            (link.clone(), story)
        })
        .collect();
    let links: Vec<&String> = events.keys().collect();
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for i in 0..links.len() {
        for j in i + 1..links.len() {
            let same_event = events[links[i]] == events[links[j]];
            let same_story = story_of[links[i]] == story_of[links[j]];
            match (same_event, same_story) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                _ => {}
            }
            if same_event != same_story && std::env::var_os("GROUPING_DEBUG").is_some() {
                let kind = if same_story { "joined" } else { "split" };
                eprintln!(
                    "{kind}: {} [{}] / {} [{}]",
                    links[i], events[links[i]], links[j], events[links[j]]
                );
            }
        }
    }
    PairScore {
        precision: tp as f64 / (tp + fp).max(1) as f64,
        recall: tp as f64 / (tp + fneg).max(1) as f64,
    }
}

#[test]
fn coverage_of_one_event_from_several_outlets_is_one_story() {
    let (store, events) = group_fixture_set();
    let s = pair_score(&store, &events);
    let f1 = 2.0 * s.precision * s.recall / (s.precision + s.recall).max(f64::EPSILON);
    eprintln!(
        "grouping: pair precision {:.3}, recall {:.3}, F1 {:.3}",
        s.precision, s.recall, f1
    );
    assert!(
        f1 >= 0.85,
        "pair F1 {f1:.3} (precision {:.3}, recall {:.3})",
        s.precision,
        s.recall
    );
}
