//! Finding syndicated copies: the bands of stored articles' fingerprints, in
//! memory.
//!
//! Signatures are stored in `article_signatures`, keyed by article id, so
//! storing one appends to the end of a table. Their locality-sensitive bands
//! live only here: kept in a table, the bands of every new article landed on
//! eight random pages, and every commit rewrote most of that table. The
//! writer loads them on its first write and catches up with articles other
//! connections stored at each write after; preparation asks the same index,
//! so that a copy's text is not extracted again.

use std::sync::{Arc, PoisonError, RwLock};

use hashbrown::HashTable;
use rusqlite::{Connection, OptionalExtension, params};

use super::Result;
use super::dedup::{MIN_SIMILARITY, Signature};
use crate::model::ArticleId;

/// The bands of stored signatures. Cheap to clone: clones share the index.
#[derive(Debug, Clone, Default)]
pub struct Copies(Arc<RwLock<Bands>>);

#[derive(Debug, Default)]
struct Bands {
    /// A band's [`short_key`] and an article's id, by [`band_hash`]: eight
    /// bytes an entry, so 100k articles take about 9 MB. A key recurs for
    /// articles that share a band.
    table: HashTable<(u32, u32)>,
    /// Every article up to this id has been added.
    upto: i64,
}

impl Copies {
    /// Adds the articles stored since the index last looked (all of them the
    /// first time).
    pub(super) fn catch_up(&self, conn: &Connection) -> Result<()> {
        let upto = self.read(|b| b.upto);
        let mut stmt = conn.prepare_cached(
            "SELECT article_id, signature FROM article_signatures WHERE article_id > ?1 ORDER BY article_id",
        )?;
        let mut rows = stmt.query([upto])?;
        let mut found: Vec<(ArticleId, Signature)> = Vec::new();
        while let Some(r) = rows.next()? {
            let blob: Vec<u8> = r.get(1)?;
            if let Some(sig) = Signature::from_bytes(&blob) {
                found.push((r.get(0)?, sig));
            }
        }
        let mut bands = self.0.write().unwrap_or_else(PoisonError::into_inner);
        for (id, sig) in found {
            bands.add(id, &sig);
        }
        Ok(())
    }

    /// Forgets every band (after articles were deleted, or a write failed):
    /// the next [`Copies::catch_up`] loads them again.
    pub(super) fn clear(&self) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = Bands::default();
    }

    /// Records the signature of a newly stored article.
    pub(super) fn add(&self, id: ArticleId, sig: &Signature) {
        self.0.write().unwrap_or_else(PoisonError::into_inner).add(id, sig);
    }

    /// The stored article whose text is most like `sig`, if any is like
    /// enough to be the same article. Articles sharing a band are compared
    /// by their stored signature; one `conn` cannot see (not yet committed,
    /// or deleted) is passed over.
    pub fn most_similar(&self, conn: &Connection, sig: &Signature) -> Result<Option<ArticleId>> {
        let candidates = self.read(|b| b.sharing_a_band(sig));
        let mut best: Option<(f32, ArticleId)> = None;
        for id in candidates {
            let Some(other) = stored_signature(conn, id)? else {
                continue;
            };
            let sim = sig.similarity(&other);
            if sim >= MIN_SIMILARITY && best.is_none_or(|(b, _)| sim > b) {
                best = Some((sim, id));
            }
        }
        Ok(best.map(|(_, id)| id))
    }

    fn read<T>(&self, f: impl FnOnce(&Bands) -> T) -> T {
        f(&self.0.read().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Bands {
    fn add(&mut self, id: ArticleId, sig: &Signature) {
        self.upto = self.upto.max(id.0);
        // An id past four billion is not found as a copy's original.
        let Ok(short) = u32::try_from(id.0) else { return };
        for key in sig.band_keys() {
            let key = short_key(key);
            self.table
                .insert_unique(band_hash(key), (key, short), |(k, _)| band_hash(*k));
        }
    }

    /// The articles sharing at least one band with `sig`, each once, in id order.
    fn sharing_a_band(&self, sig: &Signature) -> Vec<ArticleId> {
        let mut out: Vec<ArticleId> = Vec::new();
        for key in sig.band_keys() {
            out.extend(
                self.table
                    .iter_hash(band_hash(short_key(key)))
                    .filter(|(k, _)| *k == short_key(key))
                    .map(|(_, id)| ArticleId(i64::from(*id))),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The low 32 bits of a band key (a hash already): two keys alike in them
/// only cost a comparison of signatures.
fn short_key(key: i64) -> u32 {
    key as u32
}

/// Multiplying spreads the key's bits into the top ones the table looks at
/// first.
fn band_hash(key: u32) -> u64 {
    u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Stores the signature of a new article.
pub(super) fn store_signature(conn: &Connection, id: ArticleId, sig: &Signature) -> Result<()> {
    conn.prepare_cached(STORE_SIGNATURE)?
        .execute(params![id, sig.to_bytes()])?;
    Ok(())
}

pub(super) const STORE_SIGNATURE: &str =
    "INSERT OR REPLACE INTO article_signatures (article_id, signature) VALUES (?1, ?2)";

fn stored_signature(conn: &Connection, id: ArticleId) -> Result<Option<Signature>> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT signature FROM article_signatures WHERE article_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(blob.as_deref().and_then(Signature::from_bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::dedup::{SIGNATURE_LEN, fingerprint};

    fn signature(seed: u32) -> Signature {
        let mut x = seed.wrapping_mul(0x9e37_79b9) | 1;
        Signature(std::array::from_fn::<u32, SIGNATURE_LEN, _>(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        }))
    }

    #[test]
    fn every_article_is_found_by_its_own_bands_after_the_table_grew() {
        let mut bands = Bands::default();
        for i in 1..20_000 {
            bands.add(ArticleId(i), &signature(i as u32));
        }
        for i in (1..20_000).step_by(97) {
            assert!(
                bands.sharing_a_band(&signature(i as u32)).contains(&ArticleId(i)),
                "{i}"
            );
        }
        assert_eq!(bands.upto, 19_999);
    }

    #[test]
    fn a_copy_shares_a_band_and_another_text_does_not() {
        let words = |from: usize| (from..from + 80).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let original = fingerprint(&words(0)).unwrap();
        let copy = fingerprint(&format!("By the wire. {}", words(0))).unwrap();
        let other = fingerprint(&words(1000)).unwrap();
        let mut bands = Bands::default();
        bands.add(ArticleId(7), &original);
        assert_eq!(bands.sharing_a_band(&copy), [ArticleId(7)]);
        assert!(bands.sharing_a_band(&other).is_empty());
    }
}
