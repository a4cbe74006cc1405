//! Work shared by the items of one poll. An outlet's main feed and its
//! section feeds, and syndicated copies, carry the same item with the same
//! title and body: its text and findings are worked out once per poll, and
//! the other copies reuse them.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::sync::{Arc, Mutex};

use crate::store::PreparedItem;

/// An item's title and body, hashed twice with secret keys: 128 bits that a
/// feed cannot aim at another feed's item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u64, u64);

/// The prepared items of one poll, by title and body, up to a memory budget
/// (the oldest go first). What a copy takes from them is what its title and
/// body determine: text, fingerprint, links, findings and companies.
pub struct Reuse {
    keys: (RandomState, RandomState),
    budget: usize,
    inner: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    map: HashMap<Key, Arc<PreparedItem>>,
    order: VecDeque<(Key, usize)>,
    bytes: usize,
}

/// Text kept for reuse in one poll, at most.
pub const BUDGET: usize = 8 << 20;

impl Default for Reuse {
    fn default() -> Reuse {
        Reuse::with_budget(BUDGET)
    }
}

impl Reuse {
    pub fn with_budget(budget: usize) -> Reuse {
        Reuse {
            keys: (RandomState::new(), RandomState::new()),
            budget,
            inner: Mutex::new(Entries::default()),
        }
    }

    pub fn key(&self, title: &str, body: &str) -> Key {
        let hash = |state: &RandomState| {
            let mut h = state.build_hasher();
            title.hash(&mut h);
            body.hash(&mut h);
            h.finish()
        };
        Key(hash(&self.keys.0), hash(&self.keys.1))
    }

    pub fn get(&self, key: Key) -> Option<Arc<PreparedItem>> {
        self.lock().map.get(&key).cloned()
    }

    pub fn put(&self, key: Key, prepared: PreparedItem) {
        let words = prepared.from_text.as_ref().map_or(0, |d| d.index_words().len());
        let size = prepared.text.len() + words + std::mem::size_of::<PreparedItem>();
        if size > self.budget {
            return;
        }
        let mut e = self.lock();
        if e.map.insert(key, Arc::new(prepared)).is_some() {
            return;
        }
        e.order.push_back((key, size));
        e.bytes += size;
        while e.bytes > self.budget {
            let Some((old, n)) = e.order.pop_front() else { break };
            e.map.remove(&old);
            e.bytes -= n;
        }
    }

    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A panic elsewhere cannot leave the map inconsistent: every change is
    /// made under the lock in full, so a poisoned lock is still usable.
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(text: &str) -> PreparedItem {
        PreparedItem {
            text: text.to_owned(),
            companies: vec!["Meta".into()],
            ..PreparedItem::default()
        }
    }

    #[test]
    fn the_same_title_and_body_find_the_prepared_item() {
        let r = Reuse::default();
        let k = r.key("FTC sues Meta", "<p>The FTC sued Meta.</p>");
        assert!(r.get(k).is_none());
        r.put(k, prepared("The FTC sued Meta."));
        let again = r.key("FTC sues Meta", "<p>The FTC sued Meta.</p>");
        assert_eq!(r.get(again).unwrap().text, "The FTC sued Meta.");
    }

    #[test]
    fn another_title_or_body_is_another_item() {
        let r = Reuse::default();
        r.put(r.key("FTC sues Meta", "body"), prepared("x"));
        assert!(r.get(r.key("FTC sues Meta!", "body")).is_none());
        assert!(r.get(r.key("FTC sues Meta", "body.")).is_none());
        // The split between title and body is part of the key.
        assert!(r.get(r.key("FTC sues Metabody", "")).is_none());
    }

    #[test]
    fn the_oldest_items_go_when_the_budget_is_spent() {
        let each = 1000 + std::mem::size_of::<PreparedItem>();
        let r = Reuse::with_budget(each * 3);
        let keys: Vec<Key> = (0..5).map(|i| r.key(&format!("t{i}"), "b")).collect();
        for k in &keys {
            r.put(*k, prepared(&"x".repeat(1000)));
        }
        assert_eq!(r.len(), 3);
        assert!(r.get(keys[0]).is_none() && r.get(keys[1]).is_none());
        assert!(r.get(keys[4]).is_some());
    }
}
