//! The store's de-duplication layers and user state, through the public API.

use counterpoint::extract::Extractor;
use counterpoint::ingest::prepare;
use counterpoint::model::{ArticleId, FeedItem, StoryId};
use counterpoint::store::{PreparedItem, Store, user};

const LONG_BODY: &str = "<p>The Federal Trade Commission sued Amazon on Wednesday, accusing the company of tricking millions of consumers into enrolling in its Prime subscription service and then making it deliberately difficult for them to cancel.</p><p>The complaint, filed in federal court in Seattle, says Amazon used manipulative design techniques known as dark patterns to push shoppers into the programme. Amazon said the claims were false on the facts and the law and that it would fight them in court.</p>";

/// Another event, in other words.
const OTHER_BODY: &str = "<p>The European Commission fined Google on Tuesday for abusing its dominance in online advertising technology, ordering the company to end practices that favoured its own exchange over rivals and publishers.</p><p>Google said it disagreed with the decision and would appeal it, arguing that the Commission misread a competitive market in which advertisers and publishers have many choices.</p>";

fn item(guid: &str, link: &str, title: &str, body: &str) -> PreparedItem {
    let raw = FeedItem {
        guid: guid.into(),
        link: Some(link.into()),
        title: title.into(),
        body: body.into(),
        ..Default::default()
    };
    prepare(raw, Extractor::builtin())
}

fn count(store: &Store, table: &str) -> i64 {
    store.query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
}

fn setup() -> (Store, counterpoint::model::FeedId, counterpoint::model::FeedId) {
    let mut s = Store::open_in_memory().unwrap();
    let a = s.add_feed("https://a.test/rss", Some("Outlet A"), &[]).unwrap();
    let b = s.add_feed("https://b.test/rss", Some("Outlet B"), &[]).unwrap();
    (s, a, b)
}

#[test]
fn inserting_the_same_batch_twice_changes_nothing() {
    let (mut s, a, _) = setup();
    let batch = vec![
        item("1", "https://news.test/one", "FTC sues Amazon", LONG_BODY),
        item("2", "https://news.test/two", "Something else", "<p>Short.</p>"),
    ];
    let first = s.insert_batch(a, "Outlet A", &batch, 1000).unwrap();
    assert_eq!(first.new_articles, 2);
    let before: Vec<i64> = [
        "articles",
        "sources",
        "stories",
        "story_companies",
        "story_outlets",
        "article_signatures",
        "articles_fts",
    ]
    .iter()
    .map(|t| count(&s, t))
    .collect();
    let second = s.insert_batch(a, "Outlet A", &batch, 2000).unwrap();
    assert_eq!((second.new_articles, second.known, second.duplicates()), (0, 2, 0));
    let after: Vec<i64> = [
        "articles",
        "sources",
        "stories",
        "story_companies",
        "story_outlets",
        "article_signatures",
        "articles_fts",
    ]
    .iter()
    .map(|t| count(&s, t))
    .collect();
    assert_eq!(before, after);
}

#[test]
fn one_article_in_two_feeds_is_one_article_with_two_sources() {
    let (mut s, a, b) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("a-1", "https://news.test/story", "FTC sues Amazon", "<p>x</p>")],
        1000,
    )
    .unwrap();
    let r = s
        .insert_batch(
            b,
            "Outlet B",
            &[item("b-77", "https://news.test/story", "FTC sues Amazon", "<p>x</p>")],
            1001,
        )
        .unwrap();
    assert_eq!((r.new_articles, r.merged_by_url), (0, 1));
    assert_eq!(count(&s, "articles"), 1);
    assert_eq!(count(&s, "sources"), 2);
}

#[test]
fn a_much_fuller_copy_gives_the_article_its_text_and_findings() {
    let (mut s, a, b) = setup();
    let link = "https://news.test/story";
    s.insert_batch(
        a,
        "Outlet A",
        &[item("a-1", link, "Prime, in court", "<p>Read on.</p>")],
        1000,
    )
    .unwrap();
    assert_eq!(count(&s, "story_companies"), 0);
    let whole = format!("{LONG_BODY}<p>The agency said the practices had gone on for years.</p>");
    let r = s
        .insert_batch(b, "Outlet B", &[item("b-1", link, "FTC sues Amazon", &whole)], 1001)
        .unwrap();
    assert_eq!((r.new_articles, r.merged_by_url, r.fuller_copies), (0, 1, 1));
    assert_eq!((count(&s, "articles"), count(&s, "sources")), (1, 2));
    let text = s.article_text(ArticleId(1)).unwrap().2;
    assert!(text.contains("dark patterns"), "{text}");
    assert!(s.query_scalar("SELECT allegations FROM articles") > 0);
    assert!(s.query_scalar("SELECT responses FROM articles") > 0);
    assert_eq!(
        s.query_scalar("SELECT rank FROM story_companies WHERE company = 'Amazon'"),
        0,
        "the story now charges Amazon"
    );
    assert_eq!(s.query_scalar("SELECT article_count FROM stories"), 1);
    // A later excerpt, or a copy a little fuller, changes nothing.
    let a_little_fuller = format!("{whole}<p>Amazon declined to comment further.</p>");
    for (guid, body) in [("a-2", "<p>Read on.</p>"), ("a-3", a_little_fuller.as_str())] {
        let r = s
            .insert_batch(a, "Outlet A", &[item(guid, link, "FTC sues Amazon", body)], 1002)
            .unwrap();
        assert_eq!(r.fuller_copies, 0);
        assert_eq!(s.article_text(ArticleId(1)).unwrap().2, text);
    }
}

#[test]
fn url_variants_with_tracking_parameters_are_one_article() {
    let (mut s, a, b) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "1",
            "https://www.news.test/story/?utm_source=rss&utm_campaign=x",
            "T",
            "<p>x</p>",
        )],
        1000,
    )
    .unwrap();
    let r = s
        .insert_batch(
            b,
            "Outlet B",
            &[item("9", "http://news.test/story?fbclid=abc#comments", "T", "<p>x</p>")],
            1000,
        )
        .unwrap();
    assert_eq!(r.merged_by_url, 1);
    assert_eq!(count(&s, "articles"), 1);
}

#[test]
fn a_syndicated_copy_under_another_url_is_one_article() {
    let (mut s, a, b) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "1",
            "https://wire.test/ftc-amazon",
            "FTC sues Amazon over Prime",
            LONG_BODY,
        )],
        1000,
    )
    .unwrap();
    let copy = format!("<p>SEATTLE (Wire) -</p>{LONG_BODY}<p>Read more: other news</p>");
    let r = s
        .insert_batch(
            b,
            "Outlet B",
            &[item(
                "x",
                "https://paper.test/business/amazon-ftc",
                "Amazon sued by FTC",
                &copy,
            )],
            1000,
        )
        .unwrap();
    assert_eq!((r.new_articles, r.merged_by_fingerprint), (0, 1), "{r:?}");
    assert_eq!(count(&s, "articles"), 1);
    assert_eq!(count(&s, "sources"), 2);
}

#[test]
fn a_signature_left_behind_for_a_new_articles_id_is_replaced_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).unwrap();
    let a = store.add_feed("https://a.test/rss", Some("Outlet A"), &[]).unwrap();
    // The next article's id, written by a connection without foreign keys.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.pragma_update(None, "foreign_keys", false).unwrap();
    other
        .execute(
            "INSERT INTO article_signatures (article_id, signature) VALUES (1, x'00')",
            [],
        )
        .unwrap();
    drop(other);
    let original = item("1", "https://wire.test/ftc-amazon", "FTC sues Amazon", LONG_BODY);
    let r = store.insert_batch(a, "Outlet A", &[original], 1000).unwrap();
    assert_eq!(r.new_articles, 1);
    assert_eq!(
        store.query_scalar("SELECT length(signature) FROM article_signatures WHERE article_id = 1"),
        128
    );
    // The copy is found by the signature that replaced the stale one.
    let copy = format!("<p>SEATTLE (Wire) -</p>{LONG_BODY}");
    let copy = item("x", "https://paper.test/amazon-ftc", "Amazon sued by FTC", &copy);
    let r = store.insert_batch(a, "Outlet A", &[copy], 1000).unwrap();
    assert_eq!(r.merged_by_fingerprint, 1, "{r:?}");
}

#[test]
fn an_articles_row_is_the_same_whether_preparation_or_the_writer_works_out_its_parts() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{LONG_BODY}<p>Meta, which owns Instagram, declined to comment. The case is \
         No. 2:23-cv-00932, and the <a href=\"https://www.ftc.gov/legal-library/complaint.pdf\">complaint</a> \
         is public.</p>"
    );
    let prepared = item("1", "https://news.test/ftc-amazon", "FTC sues Amazon and Meta", &body);
    let parts = prepared
        .from_text
        .clone()
        .expect("preparation works out the row's parts");
    assert_ne!(parts, Default::default());
    let unprepared = PreparedItem {
        from_text: None,
        ..prepared.clone()
    };
    let row = |name: &str, item: PreparedItem| {
        let path = dir.path().join(name);
        let mut store = Store::open(&path).unwrap();
        let feed = store.add_feed("https://a.test/rss", Some("Outlet A"), &[]).unwrap();
        store.insert_batch(feed, "Outlet A", &[item], 1000).unwrap();
        rusqlite::Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT findings, allegations, responses, companies, accused, responding, title_companies,
                        case_numbers, links, outlet FROM articles",
                [],
                |r| {
                    (0..10)
                        .map(|i| r.get::<_, rusqlite::types::Value>(i))
                        .collect::<Result<Vec<_>, _>>()
                },
            )
            .unwrap()
    };
    let (by_preparation, by_writer) = (row("a.db", prepared), row("b.db", unprepared));
    assert_eq!(by_preparation, by_writer);
    let text = |v: &rusqlite::types::Value| match v {
        rusqlite::types::Value::Text(t) => t.clone(),
        other => format!("{other:?}"),
    };
    assert!(text(&by_writer[7]).contains("2:23-cv-00932"), "{by_writer:?}");
    assert!(text(&by_writer[8]).contains("ftc.gov"), "{by_writer:?}");
    assert!(text(&by_writer[5]).contains("Meta"), "{by_writer:?}");
}

#[test]
fn a_copy_of_an_article_another_connection_stored_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut first = Store::open(&path).unwrap();
    let a = first.add_feed("https://a.test/rss", Some("Outlet A"), &[]).unwrap();
    let b = first.add_feed("https://b.test/rss", Some("Outlet B"), &[]).unwrap();
    let mut second = Store::open(&path).unwrap();
    let earlier = item("0", "https://a.test/earlier", "EU fines Google", OTHER_BODY);
    first.insert_batch(a, "Outlet A", &[earlier], 900).unwrap();
    // The second has written since, so it holds the bands of what was stored then.
    second.insert_batch(b, "Outlet B", &[], 900).unwrap();
    let original = item("1", "https://wire.test/ftc-amazon", "FTC sues Amazon", LONG_BODY);
    first.insert_batch(a, "Outlet A", &[original], 1000).unwrap();
    let copy = format!("<p>SEATTLE (Wire) -</p>{LONG_BODY}");
    let copy = item("x", "https://paper.test/amazon-ftc", "Amazon sued by FTC", &copy);
    let r = second.insert_batch(b, "Outlet B", &[copy], 1000).unwrap();
    assert_eq!((r.new_articles, r.merged_by_fingerprint), (0, 1), "{r:?}");
}

#[test]
fn after_cleanup_a_copy_of_a_deleted_article_is_new_and_of_a_kept_one_is_not() {
    let (mut s, a, b) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("old", "https://a.test/old", "FTC sues Amazon", LONG_BODY)],
        1000,
    )
    .unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("new", "https://a.test/new", "EU fines Google", OTHER_BODY)],
        5000,
    )
    .unwrap();
    assert_eq!(s.cleanup(4000, 6000).unwrap().articles, 1);
    let copies = [
        item("c1", "https://b.test/amazon", "Amazon sued", LONG_BODY),
        item("c2", "https://b.test/google", "Google fined", OTHER_BODY),
    ];
    let r = s.insert_batch(b, "Outlet B", &copies, 6000).unwrap();
    assert_eq!((r.new_articles, r.merged_by_fingerprint), (1, 1), "{r:?}");
    assert_eq!(count(&s, "article_signatures"), 2);
}

#[test]
fn an_item_cleanup_deleted_does_not_come_back_from_its_feed_or_another() {
    let (mut s, a, b) = setup();
    let old = item("old", "https://a.test/old?utm_source=rss", "FTC sues Amazon", LONG_BODY);
    s.insert_batch(a, "Outlet A", &[old], 1000).unwrap();
    let recent = item("recent", "https://a.test/recent", "EU fines Google", OTHER_BODY);
    s.insert_batch(a, "Outlet A", &[recent], 5000).unwrap();
    assert_eq!(s.cleanup(4000, 5000).unwrap().articles, 1);
    // The feed still carries the item, now under another link; another
    // feed carries it at the same address.
    let moved = item("old", "https://a.test/2024/old", "FTC sues Amazon", LONG_BODY);
    let again = s.insert_batch(a, "Outlet A", &[moved], 6000).unwrap();
    assert_eq!((again.new_articles, again.known), (0, 1), "{again:?}");
    let elsewhere = item("b-7", "https://a.test/old", "FTC sues Amazon", LONG_BODY);
    let r = s.insert_batch(b, "Outlet B", &[elsewhere], 6000).unwrap();
    assert_eq!((r.new_articles, r.known), (0, 1), "{r:?}");
    assert_eq!(count(&s, "articles"), 1);
    assert_eq!(count(&s, "stories"), 1);
    // What the preparation of a poll skips before any work on the items.
    assert!(s.known_guids(a).unwrap().contains("old"));
    assert_eq!(s.article_at("a.test/old").unwrap(), Some(false));
}

#[test]
fn a_cleanup_preview_tells_what_the_cleanup_deletes_and_deletes_nothing() {
    let (mut s, a, _) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[
            item("1", "https://news.test/one", "FTC sues Amazon", LONG_BODY),
            item("2", "https://news.test/two", "EU fines Google", OTHER_BODY),
        ],
        1000,
    )
    .unwrap();
    let followed = StoryId(s.query_scalar("SELECT story_id FROM articles WHERE canonical_url = 'news.test/one'"));
    s.write(|tx| user::set_follow(tx, followed, true, 1500)).unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "3",
            "https://news.test/three",
            "A phone review",
            "<p>The new phone has a brighter screen, a larger battery and a camera that copes well in dim light.</p>",
        )],
        5000,
    )
    .unwrap();
    let preview = s.cleanup_preview(4000).unwrap();
    assert_eq!(count(&s, "articles"), 3);
    let done = s.cleanup(4000, 6000).unwrap();
    assert_eq!(preview, done);
    assert_eq!((done.articles, done.stories, done.kept_followed), (1, 1, 1), "{done:?}");
    assert_eq!(count(&s, "articles"), 2);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn cleanup_keeps_the_newest_article_so_that_no_id_is_used_again() {
    let (mut s, a, _) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("1", "https://a.test/1", "FTC sues Amazon", LONG_BODY)],
        1000,
    )
    .unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("2", "https://a.test/2", "EU fines Google", OTHER_BODY)],
        2000,
    )
    .unwrap();
    assert_eq!(s.cleanup_preview(9000).unwrap().articles, 1);
    assert_eq!(s.cleanup(9000, 9000).unwrap().articles, 1);
    let r = s
        .insert_batch(
            a,
            "Outlet A",
            &[item("3", "https://a.test/3", "Unrelated", "<p>A phone.</p>")],
            9500,
        )
        .unwrap();
    assert_eq!(r.new_articles, 1);
    assert_eq!(s.query_scalar("SELECT MAX(id) FROM articles"), 3);
}

#[test]
fn cleanup_never_lets_a_new_story_take_a_deleted_ones_id() {
    let (mut s, a, b) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("1", "https://a.test/1", "FTC sues Amazon over Prime", LONG_BODY)],
        1000,
    )
    .unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("2", "https://a.test/2", "EU fines Google", OTHER_BODY)],
        1000,
    )
    .unwrap();
    let follow_up = "<p>Amazon was sued by the FTC, which says the company tricked consumers into Prime subscriptions and built a cancellation maze. Amazon said the claims are false.</p>";
    s.insert_batch(
        b,
        "Outlet B",
        &[item("3", "https://b.test/3", "FTC sues Amazon over Prime", follow_up)],
        5000,
    )
    .unwrap();
    let story = |s: &Store, guid: &str| {
        s.query_scalar(&format!(
            "SELECT a.story_id FROM articles a JOIN sources x ON x.article_id = a.id WHERE x.guid = '{guid}'"
        ))
    };
    assert_eq!(story(&s, "1"), story(&s, "3"));
    assert_eq!(story(&s, "2"), 2);
    // Story 2, the newest, loses its only article and stays, empty and unlisted.
    let preview = s.cleanup_preview(4000).unwrap();
    let done = s.cleanup(4000, 6000).unwrap();
    assert_eq!(preview, done);
    assert_eq!((done.articles, done.stories), (2, 0), "{done:?}");
    assert!(s.stories(&Default::default()).unwrap().iter().all(|x| x.id.0 != 2));
    s.insert_batch(
        a,
        "Outlet A",
        &[item("4", "https://a.test/4", "A phone review", "<p>A phone.</p>")],
        7000,
    )
    .unwrap();
    assert_eq!(story(&s, "4"), 3);
}

#[test]
fn a_different_article_on_the_same_event_is_not_merged() {
    let (mut s, a, b) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "1",
            "https://wire.test/ftc-amazon",
            "FTC sues Amazon over Prime",
            LONG_BODY,
        )],
        1000,
    )
    .unwrap();
    let other = "<p>Amazon faces a new lawsuit from the Federal Trade Commission over its Prime programme. Regulators argue that the retailer steered shoppers into subscriptions they did not want, while the cancellation flow, which the company internally called Iliad, required four pages and six clicks. An Amazon spokesperson disputed the characterisation and said customers love Prime and that the process is clear and simple.</p>";
    let r = s
        .insert_batch(
            b,
            "Outlet B",
            &[item(
                "y",
                "https://paper.test/amazon-iliad",
                "Inside Amazon's Iliad",
                other,
            )],
            1000,
        )
        .unwrap();
    assert_eq!(r.new_articles, 1);
    assert_eq!(count(&s, "articles"), 2);
}

#[test]
fn a_feed_that_changes_guids_does_not_pile_up_sources() {
    let (mut s, a, _) = setup();
    for (i, t) in [1000, 2000, 3000].iter().enumerate() {
        s.insert_batch(
            a,
            "Outlet A",
            &[item(&format!("guid-{i}"), "https://news.test/same", "T", "<p>x</p>")],
            *t,
        )
        .unwrap();
    }
    assert_eq!(count(&s, "articles"), 1);
    assert_eq!(count(&s, "sources"), 1);
}

#[test]
fn follow_and_read_state_survive_repolls_and_cleanup() {
    let (mut s, a, _) = setup();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("1", "https://news.test/one", "FTC sues Amazon", LONG_BODY)],
        1000,
    )
    .unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "2",
            "https://news.test/two",
            "Unrelated gadget review",
            "<p>A phone.</p>",
        )],
        1000,
    )
    .unwrap();
    let story: StoryId = StoryId(s.query_scalar("SELECT story_id FROM articles WHERE canonical_url = 'news.test/one'"));
    s.write(|tx| user::set_follow(tx, story, true, 1500)).unwrap();
    s.write(|tx| user::mark_viewed(tx, story, 1600)).unwrap();
    // A re-poll of the same items.
    s.insert_batch(
        a,
        "Outlet A",
        &[item("1", "https://news.test/one", "FTC sues Amazon", LONG_BODY)],
        5000,
    )
    .unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("3", "https://news.test/three", "EU fines Google", OTHER_BODY)],
        5000,
    )
    .unwrap();
    // Cleanup of everything older than t=4000: the followed story's article
    // stays, and the newer one.
    let deleted = s.cleanup(4000, 6000).unwrap().articles;
    assert_eq!(deleted, 1);
    assert_eq!(count(&s, "articles"), 2);
    assert_eq!(count(&s, "follows"), 1);
    assert_eq!(s.query_scalar("SELECT last_viewed_at FROM follows"), 1600);
    assert_eq!(count(&s, "reads"), 1);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn an_article_on_an_event_older_than_the_stories_in_memory_joins_its_story() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let t0 = 1_700_000_000;
    let now = t0 + 100 * 86400;
    let dated = |mut i: PreparedItem, t: i64| {
        i.published_at = Some(t);
        i
    };
    let story_at = |s: &Store, link: &str| {
        s.query_scalar(&format!(
            "SELECT a.story_id FROM sources s JOIN articles a ON a.id = s.article_id WHERE s.link = '{link}'"
        ))
    };
    let (old_story, later_story) = {
        let mut s = Store::open(&path).unwrap();
        let a = s.add_feed("https://a.test/rss", Some("Outlet A"), &[]).unwrap();
        let first = item(
            "1",
            "https://wire.test/ftc-amazon",
            "FTC sues Amazon over Prime",
            LONG_BODY,
        );
        s.insert_batch(a, "Outlet A", &[dated(first, t0)], now).unwrap();
        let later = item(
            "2",
            "https://wire.test/google-fine",
            "EU fines Google over ad tech",
            OTHER_BODY,
        );
        s.insert_batch(a, "Outlet A", &[dated(later, t0 + 90 * 86400)], now)
            .unwrap();
        (
            story_at(&s, "https://wire.test/ftc-amazon"),
            story_at(&s, "https://wire.test/google-fine"),
        )
    };
    // Opened again, the store keeps only the last 30 days' stories in
    // memory; a feed added now brings the FTC story's coverage from then,
    // one article, then another.
    let mut s = Store::open(&path).unwrap();
    let b = s.add_feed("https://b.test/rss", Some("Outlet B"), &[]).unwrap();
    let takes = [
        (
            "https://paper.test/ftc-amazon-prime",
            "FTC sues Amazon, saying Prime tricked consumers",
            "<p>The Federal Trade Commission sued Amazon on Wednesday, accusing it of tricking consumers into enrolling in Prime and making the subscription deliberately difficult to cancel. The complaint, filed in federal court in Seattle, describes manipulative dark patterns. Amazon said the claims were false and that it would fight them in court.</p>",
        ),
        (
            "https://agency.test/ftc-amazon-prime",
            "FTC sues Amazon over Prime sign-ups and cancellations",
            "<p>The Federal Trade Commission sued Amazon, accusing the company of tricking consumers into enrolling in Prime and of making cancellation deliberately difficult. Amazon said the claims were false and that it would fight them in court.</p>",
        ),
    ];
    for (n, (link, title, body)) in takes.into_iter().enumerate() {
        let take = dated(item(link, link, title, body), t0 + 3600 * (3 + 2 * n as i64));
        s.insert_batch(b, "Outlet B", &[take], now).unwrap();
        let joined = story_at(&s, link);
        assert_eq!(joined, old_story, "{link} joined the FTC story, not a new one");
        assert_ne!(joined, later_story);
    }
    assert_eq!(count(&s, "stories"), 2);
}
