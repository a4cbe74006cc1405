//! The rules that decide when two items are one article: canonical URLs and
//! body fingerprints. Pure functions; the store applies them.

use url::Url;

/// Query parameters that only track the reader, never select content.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "mkt_tok",
    "_hsenc",
    "_hsmi",
    "igshid",
    "yclid",
    "ocid",
    "cmpid",
    "ncid",
    "ref",
    "ref_src",
    "ref_url",
    "src",
    "smid",
    "smtyp",
    "cmp",
    "_ga",
    "guccounter",
    "guce_referrer",
    "guce_referrer_sig",
    "spm",
    "sr_share",
    "xtor",
    "__tn__",
    "s_cid",
    "soc_src",
    "soc_trk",
    "tpcc",
    "rss",
    "feed",
    "partner",
    "share",
    "via",
    "cid",
    "traffic_source",
    "dicbo",
];

/// Parameter prefixes that only track the reader.
const TRACKING_PREFIXES: &[&str] = &["utm_", "at_", "pk_", "mtm_", "hmb_", "__s"];

/// The address that identifies an article whatever feed or campaign linked
/// to it: scheme, `www.`, default port, tracking parameters, fragment and
/// trailing slash removed; host lower-cased; remaining parameters sorted.
/// `None` for anything that is not an http(s) URL with a host.
pub fn canonical_url(link: &str) -> Option<String> {
    // A canonical form is its own canonical form; odd hosts that the URL
    // parser reads differently once rewritten ("a..b.172.") have none.
    let once = canonical_once(link)?;
    let host = once.split(['/', '?', ':']).next().unwrap_or("");
    let plain = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.split('.').any(str::is_empty)
        && !host
            .rsplit('.')
            .next()
            .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()));
    if plain {
        return Some(once);
    }
    (canonical_once(&format!("https://{once}")).as_deref() == Some(once.as_str())).then_some(once)
}

fn canonical_once(link: &str) -> Option<String> {
    let url = Url::parse(link.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).trim_end_matches('.');
    if host.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(link.len());
    out.push_str(host);
    if let Some(port) = url.port().filter(|p| *p != 80 && *p != 443) {
        out.push(':');
        out.push_str(&port.to_string());
    }
    let path = url.path().trim_end_matches('/');
    out.push_str(path);
    let mut params: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !TRACKING_PARAMS.contains(&k.as_str()) && !TRACKING_PREFIXES.iter().any(|p| k.starts_with(p))
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if !params.is_empty() {
        params.sort();
        out.push('?');
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in &params {
            ser.append_pair(k, v);
        }
        out.push_str(&ser.finish());
    }
    Some(out)
}

/// Bodies with fewer words than this get no fingerprint: short summaries
/// differ too little for a fingerprint to tell copies from siblings.
pub const MIN_FINGERPRINT_WORDS: usize = 40;

/// Slots in a MinHash signature.
pub const SIGNATURE_LEN: usize = 32;
/// Locality-sensitive hashing bands: signatures sharing any band are compared.
pub const BANDS: usize = 8;
const ROWS: usize = SIGNATURE_LEN / BANDS;

/// Estimated shingle overlap (Jaccard) at or above which two bodies are the
/// same text: a syndicated copy with a changed intro or footer stays above
/// it, another outlet's write-up of the same event falls far below.
pub const MIN_SIMILARITY: f32 = 0.6;

/// A MinHash signature of a body's word 3-shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; SIGNATURE_LEN]);

impl Signature {
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != SIGNATURE_LEN * 4 {
            return None;
        }
        let mut out = [0u32; SIGNATURE_LEN];
        for (slot, chunk) in out.iter_mut().zip(b.chunks_exact(4)) {
            *slot = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(out))
    }

    /// The estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f32 {
        let same = self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count();
        same as f32 / SIGNATURE_LEN as f32
    }

    /// One key per band, tagged with the band's number so bands never collide.
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut out = [0i64; BANDS];
        for (band, key) in out.iter_mut().enumerate() {
            let mut h = band as u64 + 1;
            for v in &self.0[band * ROWS..(band + 1) * ROWS] {
                h = mix(h ^ u64::from(*v));
            }
            *key = ((h >> 8) as i64) ^ ((band as i64) << 56);
        }
        out
    }
}

/// The body's signature, or `None` for bodies too short to tell apart.
pub fn fingerprint(text: &str) -> Option<Signature> {
    let mut word_hashes: Vec<u64> = Vec::with_capacity(text.len() / 5);
    let mut buf = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let h = if word.is_ascii() {
            fnv1a(word.bytes().map(|b| b.to_ascii_lowercase()))
        } else {
            buf.clear();
            buf.extend(word.chars().flat_map(char::to_lowercase));
            fnv1a(buf.bytes())
        };
        word_hashes.push(h);
    }
    if word_hashes.len() < MIN_FINGERPRINT_WORDS {
        return None;
    }
    let mut mins = [u32::MAX; SIGNATURE_LEN];
    for w in word_hashes.windows(3) {
        let shingle = mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42));
        // One multiply-shift hash per slot: independent enough for MinHash and
        // cheap enough to vectorise.
        for ((m, a), b) in mins.iter_mut().zip(&SEEDS).zip(&OFFSETS) {
            let v = (shingle.wrapping_mul(*a | 1).wrapping_add(*b) >> 32) as u32;
            *m = (*m).min(v);
        }
    }
    Some(Signature(mins))
}

const SEEDS: [u64; SIGNATURE_LEN] = splitmix_table(0x9e37_79b9_7f4a_7c15);
const OFFSETS: [u64; SIGNATURE_LEN] = splitmix_table(0x2545_f491_4f6c_dd1d);

const fn splitmix_table(seed: u64) -> [u64; SIGNATURE_LEN] {
    let mut out = [0u64; SIGNATURE_LEN];
    let mut i = 0;
    let mut x = seed;
    while i < SIGNATURE_LEN {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out[i] = z ^ (z >> 31);
        i += 1;
    }
    out
}

pub(crate) fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// splitmix64's finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The outlet an article belongs to, from its address: the registrable part of
/// the host ("arstechnica.com" for feeds.arstechnica.com).
pub fn outlet_domain(canonical: &str) -> &str {
    // An IPv6 address is the whole outlet, brackets and all.
    if canonical.starts_with('[') {
        return canonical.find(']').map_or(canonical, |end| &canonical[..=end]);
    }
    let host = canonical.split(['/', '?', ':']).next().unwrap_or(canonical);
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() <= 2
        || labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
    {
        return host;
    }
    let n = labels.len();
    let second = labels[n - 2];
    let keep = if labels[n - 1].len() == 2
        && matches!(
            second,
            "co" | "com" | "org" | "net" | "ac" | "gov" | "gob" | "or" | "ne"
        ) {
        3
    } else {
        2
    };
    let start: usize = labels[..n - keep].iter().map(|l| l.len() + 1).sum();
    &host[start..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case(
        "https://www.Example.com/a/b/?utm_source=rss&utm_medium=feed#frag",
        "example.com/a/b"
    )]
    #[case("http://example.com:80/a/b", "example.com/a/b")]
    #[case("https://example.com:8443/a", "example.com:8443/a")]
    #[case(
        "https://example.com/a?b=2&a=1&fbclid=XYZ&gclid=1&mc_cid=3&mc_eid=4",
        "example.com/a?a=1&b=2"
    )]
    #[case(
        "https://www.engadget.com/cash-app-breach.html?src=rss",
        "engadget.com/cash-app-breach.html"
    )]
    #[case("https://example.com/", "example.com")]
    fn canonical_forms(#[case] link: &str, #[case] want: &str) {
        assert_eq!(canonical_url(link).as_deref(), Some(want));
    }

    #[test]
    fn variants_of_one_article_share_a_canonical_url() {
        let a = canonical_url("https://www.nytimes.com/2024/01/01/tech/x.html?smid=tw-share");
        let b = canonical_url("http://nytimes.com/2024/01/01/tech/x.html/#comments");
        assert_eq!(a, b);
    }

    #[rstest]
    #[case("ftp://example.com/file")]
    #[case("not a url")]
    #[case("mailto:a@b.c")]
    // Found by fuzzing: a host of dots only canonicalised to a bare path.
    #[case("http:./reo.xtud\u{1}ules")]
    #[case("http://.../a")]
    #[case("https://.1co``xamph.7....3www.co11543mww...62...172.\n.")]
    fn non_web_links_have_no_canonical_form(#[case] link: &str) {
        assert_eq!(canonical_url(link), None);
    }

    const BODY: &str = "The Federal Trade Commission sued Amazon on Wednesday, accusing the company of tricking millions of consumers into enrolling in its Prime subscription service and then making it deliberately difficult for them to cancel. The complaint, filed in federal court in Seattle, says Amazon used manipulative design techniques known as dark patterns. Amazon said the claims were false on the facts and the law and that it would fight them in court.";

    #[test]
    fn a_lightly_edited_copy_is_the_same_text() {
        let copy = BODY
            .replace("on Wednesday", "on Wednesday afternoon")
            .replace("said the claims", "said that the claims");
        let copy = format!("WASHINGTON (Wire) - {copy} Reporting by a staff writer.");
        let (a, b) = (fingerprint(BODY).unwrap(), fingerprint(&copy).unwrap());
        assert!(a.similarity(&b) >= MIN_SIMILARITY, "similarity {}", a.similarity(&b));
        assert!(
            a.band_keys().iter().zip(b.band_keys()).any(|(x, y)| *x == y),
            "no shared band"
        );
    }

    #[test]
    fn a_different_article_on_the_same_topic_is_not() {
        let other = "Amazon faces a new lawsuit from the Federal Trade Commission over its Prime program. Regulators argue that the retailer steered shoppers into subscriptions they did not want, while the cancellation flow, which the company internally called Iliad, required four pages and six clicks. An Amazon spokesperson disputed the characterisation and said customers love Prime.";
        let (a, b) = (fingerprint(BODY).unwrap(), fingerprint(other).unwrap());
        assert!(a.similarity(&b) < 0.2, "similarity {}", a.similarity(&b));
    }

    #[test]
    fn signatures_round_trip_through_bytes() {
        let s = fingerprint(BODY).unwrap();
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
    }

    #[test]
    fn short_bodies_get_no_fingerprint() {
        assert_eq!(fingerprint("FTC sues Amazon over Prime."), None);
    }

    #[rstest]
    #[case("feeds.arstechnica.com/x", "arstechnica.com")]
    #[case("bbc.co.uk/news/1", "bbc.co.uk")]
    #[case("news.bbc.co.uk/news/1", "bbc.co.uk")]
    #[case("example.com", "example.com")]
    #[case("127.0.0.1:8080/feed", "127.0.0.1")]
    #[case("[::1]:8080/feed", "[::1]")]
    fn outlet_domains(#[case] canonical: &str, #[case] want: &str) {
        assert_eq!(outlet_domain(canonical), want);
    }

    proptest! {
        #[test]
        fn canonicalisation_is_idempotent(path in "[a-z0-9/]{0,20}", q in "[a-z]{1,5}", v in "[a-z0-9]{0,5}", www in any::<bool>()) {
            let link = format!("https://{}example.com/{path}?{q}={v}&utm_source=x#f", if www { "www." } else { "" });
            let once = canonical_url(&link).unwrap();
            let twice = canonical_url(&format!("https://{once}")).unwrap();
            prop_assert_eq!(once, twice);
        }
    }
}
