//! Read-only connections shared by worker threads. Opening a connection
//! parses the whole schema, too slow to do once per feed in a poll.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Store;

/// Idle connections kept for reuse; more are opened when all are busy.
const KEEP: usize = 4;

pub struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Readers {
    pub fn new(path: &Path) -> Readers {
        Readers {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Runs `f` on a read-only connection; `None` when the store cannot be
    /// opened.
    pub fn with<T>(&self, f: impl FnOnce(&Store) -> T) -> Option<T> {
        let reused = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let store = match reused {
            Some(s) => s,
            None => Store::open_read_only(&self.path).ok()?,
        };
        let out = f(&store);
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < KEEP {
            idle.push(store);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_are_reused_and_a_missing_store_gives_none() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        drop(Store::open(&db).unwrap());
        let readers = Readers::new(&db);
        assert_eq!(readers.with(|s| s.feed_list().unwrap().len()), Some(0));
        assert_eq!(readers.idle.lock().unwrap().len(), 1);
        assert_eq!(readers.with(|_| ()), Some(()));
        assert_eq!(readers.idle.lock().unwrap().len(), 1);
        assert_eq!(Readers::new(&dir.path().join("missing.db")).with(|_| ()), None);
    }
}
