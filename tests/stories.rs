//! Stories: grouping across outlets, merges, follow state across re-grouping,
//! new-development counts, the company filter and `stories --json`.

use counterpoint::commands::resolve_company;
use counterpoint::extract::Extractor;
use counterpoint::ingest::prepare;
use counterpoint::model::{FeedId, FeedItem, StoryId};
use counterpoint::store::queries::{StoryFilter, allegation_runs};
use counterpoint::store::{PreparedItem, Store, user};

const DAY: i64 = 86400;
const T0: i64 = 1_718_000_000;

fn item(guid: &str, title: &str, body: &str, published: i64) -> PreparedItem {
    let raw = FeedItem {
        guid: guid.into(),
        link: Some(format!("https://{guid}-news.test/story")),
        title: title.into(),
        body: body.into(),
        published: chrono::DateTime::from_timestamp(published, 0),
        ..Default::default()
    };
    prepare(raw, Extractor::builtin())
}

fn store_with_feeds() -> (Store, FeedId, FeedId, FeedId) {
    let mut s = Store::open_in_memory().unwrap();
    let a = s.add_feed("https://a.example.com/rss", Some("Outlet A"), &[]).unwrap();
    let b = s.add_feed("https://b.example.com/rss", Some("Outlet B"), &[]).unwrap();
    let c = s.add_feed("https://c.example.com/rss", Some("Outlet C"), &[]).unwrap();
    (s, a, b, c)
}

/// A store holding outlet A's article on the FTC's suit against Amazon,
/// its story followed at `followed_at`; and the feeds of outlets B and C.
fn followed_ftc_story(followed_at: i64) -> (Store, StoryId, FeedId, FeedId) {
    let (mut s, a, b, c) = store_with_feeds();
    s.insert_batch(a, "Outlet A", &[ftc_a()], T0).unwrap();
    let story = story_of(&s, "a1");
    s.write(|tx| user::set_follow(tx, story, true, followed_at)).unwrap();
    (s, story, b, c)
}

/// Outlet B's article on the same suit, with Amazon's answer, stored at `now`.
fn store_outlet_b_take(s: &mut Store, b: FeedId, now: i64) {
    let take = item(
        "b1",
        "Amazon sued by FTC over Prime cancellation 'maze'",
        FTC_B,
        T0 + 3600,
    );
    s.insert_batch(b, "Outlet B", &[take], now).unwrap();
}

/// The outlets of the story's articles marked new.
fn new_articles(s: &Store, story: StoryId) -> Vec<String> {
    let view = s.story_view(story).unwrap();
    view.articles
        .iter()
        .filter(|x| x.is_new)
        .map(|x| x.outlet.clone())
        .collect()
}

/// Outlet A's article on the FTC's suit against Amazon, at `T0`.
fn ftc_a() -> PreparedItem {
    item("a1", "FTC sues Amazon over Prime sign-ups", FTC_A, T0)
}

fn story_of(s: &Store, guid: &str) -> StoryId {
    StoryId(s.query_scalar(&format!(
        "SELECT story_id FROM articles WHERE link = 'https://{guid}-news.test/story'"
    )))
}

const FTC_A: &str = "<p>The Federal Trade Commission sued Amazon on Wednesday, accusing the retailer of enrolling shoppers in Prime without consent and making cancellation deliberately hard. The complaint was filed in federal court in Seattle.</p>";
const FTC_B: &str = "<p>Amazon was sued by the FTC, which says the company tricked consumers into Prime subscriptions and built a cancellation maze nicknamed Iliad. Amazon said the FTC's claims are false.</p>";
const OTHER_META: &str = "<p>A group of authors sued Meta in San Francisco, alleging the company trained its Llama models on pirated books. Meta declined to comment.</p>";
const META_DPC: &str = "<p>Ireland's Data Protection Commission fined Meta 1.2 billion euros for transferring European users' data to the United States. Meta said it would appeal the fine.</p>";

#[test]
fn coverage_from_several_outlets_is_one_story_and_other_news_is_not() {
    let (mut s, a, b, c) = store_with_feeds();
    s.insert_batch(a, "Outlet A", &[ftc_a()], T0).unwrap();
    s.insert_batch(
        b,
        "Outlet B",
        &[item(
            "b1",
            "Amazon sued by FTC over Prime cancellation 'maze'",
            FTC_B,
            T0 + 3600,
        )],
        T0,
    )
    .unwrap();
    s.insert_batch(
        c,
        "Outlet C",
        &[item(
            "c1",
            "Authors sue Meta over pirated books used to train Llama",
            OTHER_META,
            T0,
        )],
        T0,
    )
    .unwrap();
    assert_eq!(story_of(&s, "a1"), story_of(&s, "b1"));
    assert_ne!(story_of(&s, "a1"), story_of(&s, "c1"));
    let view = s.story_view(story_of(&s, "a1")).unwrap();
    assert_eq!(view.articles.len(), 2);
    assert_eq!(view.outlets.len(), 2);
    assert!(view.sides.iter().any(|side| side.company == "Amazon"));
}

#[test]
fn two_different_lawsuits_against_one_company_in_one_week_are_two_stories() {
    let (mut s, a, b, _) = store_with_feeds();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "a1",
            "Authors sue Meta over pirated books used to train Llama",
            OTHER_META,
            T0,
        )],
        T0,
    )
    .unwrap();
    s.insert_batch(
        b,
        "Outlet B",
        &[item(
            "b1",
            "Irish regulator fines Meta record €1.2bn over data transfers",
            META_DPC,
            T0 + DAY,
        )],
        T0,
    )
    .unwrap();
    assert_ne!(story_of(&s, "a1"), story_of(&s, "b1"));
}

/// Whether the story list shows `story` unread (and lists it when asked for unread stories only).
fn is_unread(s: &Store, story: StoryId) -> bool {
    let listed = |filter: &StoryFilter| s.stories(filter).unwrap().into_iter().find(|x| x.id == story);
    let unread = listed(&StoryFilter::default()).expect("listed").unread;
    let unread_only = StoryFilter {
        unread_only: true,
        ..Default::default()
    };
    assert_eq!(listed(&unread_only).is_some(), unread);
    unread
}

#[test]
fn a_story_is_unread_until_each_of_its_articles_is_read() {
    let (mut s, a, b, _) = store_with_feeds();
    s.insert_batch(
        a,
        "Outlet A",
        &[
            ftc_a(),
            item(
                "m1",
                "Irish regulator fines Meta record €1.2bn over data transfers",
                META_DPC,
                T0,
            ),
        ],
        T0,
    )
    .unwrap();
    let (ftc, meta) = (story_of(&s, "a1"), story_of(&s, "m1"));
    assert_ne!(ftc, meta);
    assert!(is_unread(&s, ftc) && is_unread(&s, meta));
    s.write(|tx| user::mark_viewed(tx, ftc, T0 + 60)).unwrap();
    assert!(!is_unread(&s, ftc) && is_unread(&s, meta));
    // Another outlet's article joins the story read: it is unread again.
    s.insert_batch(
        b,
        "Outlet B",
        &[item(
            "b1",
            "Amazon sued by FTC over Prime cancellation 'maze'",
            FTC_B,
            T0 + 3600,
        )],
        T0 + 3600,
    )
    .unwrap();
    assert_eq!(story_of(&s, "b1"), ftc);
    assert!(is_unread(&s, ftc));
    s.write(|tx| user::mark_viewed(tx, ftc, T0 + 7200)).unwrap();
    assert!(!is_unread(&s, ftc) && is_unread(&s, meta));
}

#[test]
fn a_follow_up_days_later_joins_the_story_but_not_weeks_later() {
    let (mut s, a, b, _) = store_with_feeds();
    s.insert_batch(a, "Outlet A", &[ftc_a()], T0).unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "a2",
            "Amazon sued by FTC over Prime cancellation 'maze'",
            FTC_B,
            T0 + 3 * DAY,
        )],
        T0,
    )
    .unwrap();
    s.insert_batch(
        b,
        "Outlet B",
        &[item(
            "b9",
            "Amazon sued by FTC over Prime cancellation 'maze'",
            FTC_B,
            T0 + 40 * DAY,
        )],
        T0,
    )
    .unwrap();
    assert_eq!(story_of(&s, "a1"), story_of(&s, "a2"));
    assert_ne!(story_of(&s, "a1"), story_of(&s, "b9"));
}

fn with_docket(docket: &str, text: &str) -> String {
    format!("<p>{text} The case is No. {docket} in federal court.</p>")
}

/// Two lawsuits, a1 and b1, from two outlets: two stories.
fn two_cases(s: &mut Store, a: FeedId, b: FeedId) {
    let one = with_docket("1:24-cv-01111", "Regulators sued a chipmaker over export controls.");
    let two = with_docket(
        "1:24-cv-02222",
        "A streaming service was sued over hidden fees by several states.",
    );
    s.insert_batch(
        a,
        "Outlet A",
        &[item("a1", "Chipmaker sued over exports", &one, T0)],
        T0,
    )
    .unwrap();
    s.insert_batch(
        b,
        "Outlet B",
        &[item("b1", "States sue streaming service over fees", &two, T0)],
        T0,
    )
    .unwrap();
}

/// c1, an article about both lawsuits of [`two_cases`]: it merges them.
fn consolidation(s: &mut Store, c: FeedId) {
    let both = "<p>Two cases, No. 1:24-cv-01111 and No. 1:24-cv-02222, were consolidated today.</p>";
    s.insert_batch(
        c,
        "Outlet C",
        &[item("c1", "Judge consolidates export and fees cases", both, T0 + 100)],
        T0,
    )
    .unwrap();
}

#[test]
fn an_article_bridging_two_stories_merges_them_and_the_follow_carries_over() {
    let (mut s, a, b, c) = store_with_feeds();
    two_cases(&mut s, a, b);
    let (first, second) = (story_of(&s, "a1"), story_of(&s, "b1"));
    assert_ne!(first, second);
    s.write(|tx| user::set_follow(tx, second, true, T0 + 10)).unwrap();
    consolidation(&mut s, c);
    let merged = story_of(&s, "c1");
    assert_eq!(story_of(&s, "a1"), merged);
    assert_eq!(story_of(&s, "b1"), merged);
    let list = s
        .stories(&StoryFilter {
            followed_only: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(list.iter().map(|x| x.id).collect::<Vec<_>>(), vec![merged]);
    // The old id still leads to the merged story.
    assert_eq!(s.story_view(second).unwrap().id, merged);
}

#[test]
fn a_case_number_deep_in_an_article_joins_stories_after_a_restart_and_a_regroup() {
    let (mut s, a, b, _) = store_with_feeds();
    let filler = "The agency said the rules covered advanced processors and the tools used to make them. ".repeat(30);
    let long = format!(
        "<p>Regulators sued a chipmaker over export controls.</p><p>{filler}</p><p>The case is No. 1:24-cv-01111.</p>"
    );
    s.insert_batch(
        a,
        "Outlet A",
        &[item("a1", "Chipmaker sued over exports", &long, T0)],
        T0,
    )
    .unwrap();
    assert!(s.query_scalar("SELECT instr(text, '1:24-cv-01111') FROM articles") > 2000);
    // As after a restart: the writer's story index is read back from the store.
    s.reset_index();
    let short = "<p>A judge set a trial date for next spring in No. 1:24-cv-01111, the parties said.</p>";
    s.insert_batch(b, "Outlet B", &[item("b1", "Trial date set", short, T0 + 3600)], T0)
        .unwrap();
    assert_eq!(story_of(&s, "a1"), story_of(&s, "b1"));
    s.regroup().unwrap();
    assert_eq!(story_of(&s, "a1"), story_of(&s, "b1"));
    // Articles stored before case numbers were kept are read whole, and
    // theirs stored, when the story index is next read back.
    s.write(|tx| Ok(tx.execute("UPDATE articles SET case_numbers = NULL", [])?))
        .unwrap();
    s.reset_index();
    let third = "<p>Lawyers filed new motions today in No. 1:24-cv-01111, a court record shows.</p>";
    s.insert_batch(a, "Outlet A", &[item("a3", "New motions filed", third, T0 + 7200)], T0)
        .unwrap();
    assert_eq!(story_of(&s, "a3"), story_of(&s, "a1"));
    assert_eq!(
        s.query_scalar("SELECT COUNT(*) FROM articles WHERE case_numbers IS NULL"),
        0
    );
}

#[test]
fn an_article_joins_a_story_another_process_started() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    // The reader's writer, and a poll run beside it.
    let mut reader = Store::open(&db).unwrap();
    let a = reader
        .add_feed("https://a.example.com/rss", Some("Outlet A"), &[])
        .unwrap();
    let b = reader
        .add_feed("https://b.example.com/rss", Some("Outlet B"), &[])
        .unwrap();
    reader
        .insert_batch(
            a,
            "Outlet A",
            &[item("m1", "Authors sue Meta over AI training", OTHER_META, T0)],
            T0,
        )
        .unwrap();
    let mut poll = Store::open(&db).unwrap();
    poll.insert_batch(
        b,
        "Outlet B",
        &[item("b1", "FTC sues Amazon over Prime sign-ups", FTC_A, T0)],
        T0,
    )
    .unwrap();
    drop(poll);
    reader
        .insert_batch(
            a,
            "Outlet A",
            &[item("a2", "Amazon sued by FTC over Prime", FTC_B, T0 + 3600)],
            T0,
        )
        .unwrap();
    assert_eq!(story_of(&reader, "a2"), story_of(&reader, "b1"));
    assert_ne!(story_of(&reader, "a2"), story_of(&reader, "m1"));
}

#[test]
fn cleanup_deletes_a_story_with_those_merged_into_it() {
    let (mut s, a, b, c) = store_with_feeds();
    two_cases(&mut s, a, b);
    consolidation(&mut s, c);
    assert_eq!(
        s.query_scalar("SELECT COUNT(*) FROM stories WHERE merged_into IS NOT NULL"),
        1
    );
    s.insert_batch(
        a,
        "Outlet A",
        &[item("d1", "A phone review", "<p>A phone.</p>", T0 + 90 * DAY)],
        T0 + 90 * DAY,
    )
    .unwrap();
    let done = s.cleanup(T0 + 30 * DAY, T0 + 90 * DAY).unwrap();
    assert_eq!((done.articles, done.stories), (3, 1), "{done:?}");
    assert_eq!(
        s.query_scalar("SELECT COUNT(*) FROM stories"),
        1,
        "the merged story went with its target"
    );
    assert_eq!(
        s.query_scalar("SELECT COUNT(*) FROM story_companies WHERE story_id NOT IN (SELECT id FROM stories)"),
        0
    );
}

#[test]
fn follows_survive_regrouping() {
    let (mut s, a, b, c) = store_with_feeds();
    // Stored first, dated later: regrouping, in time order, makes its story
    // second.
    s.insert_batch(
        c,
        "Outlet C",
        &[item(
            "c1",
            "Authors sue Meta over pirated books used to train Llama",
            OTHER_META,
            T0 + 7200,
        )],
        T0,
    )
    .unwrap();
    s.insert_batch(a, "Outlet A", &[ftc_a()], T0).unwrap();
    s.insert_batch(
        b,
        "Outlet B",
        &[item(
            "b1",
            "Amazon sued by FTC over Prime cancellation 'maze'",
            FTC_B,
            T0 + 3600,
        )],
        T0,
    )
    .unwrap();
    let story = story_of(&s, "a1");
    let other = story_of(&s, "c1");
    // A story split from the FTC one by hand, as an old grouping rule might
    // have left it: regrouping joins it back, and the rest keep their ids.
    s.write(|tx| {
        tx.execute(
            "INSERT INTO stories (id, headline, first_seen_at, last_activity_at) VALUES (77, 'split', ?1, ?1)",
            [T0 + 3600],
        )?;
        tx.execute(
            "UPDATE articles SET story_id = 77 WHERE id = (SELECT article_id FROM sources WHERE guid = 'b1')",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    s.write(|tx| user::set_follow(tx, story, true, T0 + 50)).unwrap();
    s.write(|tx| user::mark_viewed(tx, story, T0 + 60)).unwrap();
    let n = s.regroup().unwrap();
    assert_eq!(n, 2);
    let after = story_of(&s, "a1");
    assert_eq!(after, story_of(&s, "b1"));
    assert_eq!((after, story_of(&s, "c1")), (story, other), "story ids are kept");
    assert_eq!(
        s.query_scalar("SELECT MAX(id) FROM stories WHERE merged_into IS NULL"),
        other.0.max(story.0)
    );
    let followed = s
        .stories(&StoryFilter {
            followed_only: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(followed.len(), 1);
    assert_eq!(followed[0].id, after);
    assert_eq!(s.query_scalar("SELECT last_viewed_at FROM follows"), T0 + 60);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn new_articles_allegations_and_responses_on_a_followed_story_are_counted_until_viewed() {
    let (mut s, story, b, _) = followed_ftc_story(T0 + 10);
    let count = |s: &Store| {
        s.stories(&StoryFilter::default())
            .unwrap()
            .into_iter()
            .find(|x| x.id == story)
            .unwrap()
            .new_developments
    };
    assert_eq!(count(&s), 0);
    // A second outlet's article, carrying Amazon's response, arrives later.
    store_outlet_b_take(&mut s, b, T0 + 100);
    assert_eq!(story_of(&s, "b1"), story);
    let view = s.story_view(story).unwrap();
    // Counted as the view marks them: one NEW mark a run of findings.
    let responses = view
        .sides
        .iter()
        .flat_map(|x| x.runs())
        .filter(|run| run[0].is_new)
        .count() as i64;
    assert!(responses >= 1, "{view:#?}");
    let allegations = allegation_runs(&view.allegations)
        .iter()
        .filter(|run| run[0].is_new)
        .count() as i64;
    assert!(
        allegations >= 1,
        "the FTC's charge, as the new outlet tells it: {view:#?}"
    );
    assert_eq!(count(&s), 1 + allegations + responses);
    assert_eq!(view.new_developments, 1 + allegations + responses);
    assert_eq!(
        s.stories(&StoryFilter {
            new_only: true,
            ..Default::default()
        })
        .unwrap()
        .len(),
        1
    );
    s.write(|tx| user::mark_viewed(tx, story, T0 + 200)).unwrap();
    assert_eq!(count(&s), 0);
    // Loaded again while open, after its viewing was recorded: what was
    // marked new stays so until the story is opened again.
    let mut again = s.story_view(story).unwrap();
    assert_eq!(again.new_developments, 0);
    again.keep_new_from(&view);
    assert_eq!(again, view);
}

#[test]
fn an_article_stored_after_a_viewing_is_new_whatever_its_clock_says() {
    let (mut s, story, b, c) = followed_ftc_story(T0 + 10);
    s.write(|tx| user::mark_viewed(tx, story, T0 + 200)).unwrap();
    let new_articles = |s: &Store| new_articles(s, story);
    assert!(new_articles(&s).is_empty());
    // Fetched before the viewing, stored after it (a poll was preparing
    // its feeds while the story was open): the reader never showed it.
    store_outlet_b_take(&mut s, b, T0 + 150);
    assert_eq!(story_of(&s, "b1"), story);
    assert_eq!(new_articles(&s), ["b1-news.test"]);
    // Viewed, then another article in the same second.
    s.write(|tx| user::mark_viewed(tx, story, T0 + 300)).unwrap();
    assert!(new_articles(&s).is_empty());
    s.insert_batch(
        c,
        "Outlet C",
        &[item(
            "c1",
            "FTC presses on with Amazon Prime lawsuit",
            "<p>The Federal Trade Commission pressed on with its lawsuit accusing Amazon of enrolling shoppers \
             in Prime without consent and of a cancellation maze. Amazon said the claims are false.</p>",
            T0 + 7200,
        )],
        T0 + 300,
    )
    .unwrap();
    assert_eq!(story_of(&s, "c1"), story);
    assert_eq!(new_articles(&s), ["c1-news.test"]);
    let listed = s.stories(&StoryFilter::default()).unwrap();
    assert!(
        listed.iter().any(|x| x.id == story && x.new_developments >= 1),
        "{listed:#?}"
    );
    // Followed again: what was stored before is not news to the new follow.
    s.write(|tx| user::set_follow(tx, story, false, T0 + 400)).unwrap();
    s.write(|tx| user::set_follow(tx, story, true, T0 + 500)).unwrap();
    assert!(new_articles(&s).is_empty());
}

#[test]
fn an_article_stored_between_showing_a_story_and_recording_the_viewing_stays_new() {
    let (mut s, story, b, _) = followed_ftc_story(T0 - 10);
    let shown: Vec<_> = s.story_view(story).unwrap().articles.iter().map(|x| x.id).collect();
    assert_eq!(shown.len(), 1);
    store_outlet_b_take(&mut s, b, T0 + 100);
    assert_eq!(story_of(&s, "b1"), story);
    s.write(|tx| user::mark_seen(tx, story, &shown, T0 + 100)).unwrap();
    assert_eq!(new_articles(&s, story), ["b1-news.test"]);
    assert!(s.story_view(story).unwrap().new_developments >= 1);
    // Marking the story read (from the list) reads all it holds.
    s.write(|tx| user::mark_viewed(tx, story, T0 + 200)).unwrap();
    assert_eq!(s.story_view(story).unwrap().new_developments, 0);
}

#[test]
fn an_article_stored_after_the_follow_is_new_even_from_a_fetch_begun_before_it() {
    // Followed in the second outlet A's article was stored in: that one is
    // not news to the follow.
    let (mut s, story, b, _) = followed_ftc_story(T0);
    assert!(new_articles(&s, story).is_empty());
    // Fetched before the follow, stored after it.
    store_outlet_b_take(&mut s, b, T0 - 5);
    assert_eq!(story_of(&s, "b1"), story);
    assert_eq!(new_articles(&s, story), ["b1-news.test"]);
    let listed = s.stories(&StoryFilter::default()).unwrap();
    assert!(
        listed.iter().any(|x| x.id == story && x.new_developments >= 1),
        "{listed:#?}"
    );
    // A follow made before the store recorded the highest article id goes
    // by its time alone.
    s.write(|tx| Ok(tx.execute("UPDATE follows SET after_article = NULL", [])?))
        .unwrap();
    assert!(new_articles(&s, story).is_empty());
}

#[test]
fn what_a_new_article_repeats_from_one_seen_before_is_not_new_in_the_list_or_the_story() {
    let (mut s, a, b, _) = store_with_feeds();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "a1",
            "Amazon sued by FTC over Prime cancellation 'maze'",
            FTC_B,
            T0,
        )],
        T0,
    )
    .unwrap();
    let story = story_of(&s, "a1");
    s.write(|tx| user::set_follow(tx, story, true, T0 + 10)).unwrap();
    s.write(|tx| user::mark_viewed(tx, story, T0 + 20)).unwrap();
    let before = s.story_view(story).unwrap();
    let (old_allegations, old_responses) = (
        before.allegations.len(),
        before.sides.iter().map(|x| x.responses.len()).sum::<usize>(),
    );
    assert!(old_allegations >= 1 && old_responses >= 1, "{before:#?}");
    // Another outlet, published earlier, carries the same two sentences
    // word for word, then a charge of its own.
    let repeated = FTC_B.replace(
        "</p>",
        " The agency also said Amazon executives slowed changes that would have made cancelling easier, \
         and the complaint names three of them.</p>",
    );
    s.insert_batch(
        b,
        "Outlet B",
        &[item(
            "b1",
            "FTC says Amazon tricked shoppers into Prime",
            &repeated,
            T0 - 3600,
        )],
        T0 + 100,
    )
    .unwrap();
    assert_eq!(story_of(&s, "b1"), story);
    let view = s.story_view(story).unwrap();
    assert_eq!(view.articles.len(), 2, "not a copy: {view:#?}");
    let new_allegations: Vec<_> = view.allegations.iter().filter(|x| x.is_new).collect();
    let new_responses = view
        .sides
        .iter()
        .flat_map(|x| &x.responses)
        .filter(|r| r.is_new)
        .count();
    assert_eq!(new_responses, 0, "Amazon's answer was there before: {view:#?}");
    assert!(
        new_allegations.iter().any(|x| x.text.contains("slowed changes")),
        "{new_allegations:#?}"
    );
    assert!(
        new_allegations
            .iter()
            .all(|x| before.allegations.iter().all(|old| old.text != x.text)),
        "only the new outlet's own charges are new: {new_allegations:#?}"
    );
    let new_runs = allegation_runs(&view.allegations)
        .iter()
        .filter(|run| run[0].is_new)
        .count();
    assert!(new_runs >= 1 && new_runs <= new_allegations.len());
    assert_eq!(view.new_developments, 1 + new_runs as i64);
    let listed = s.stories(&StoryFilter::default()).unwrap();
    let row = listed.iter().find(|x| x.id == story).unwrap();
    assert_eq!(
        row.new_developments, view.new_developments,
        "the list counts as the story does"
    );
}

#[test]
fn a_sentence_in_which_two_companies_say_nothing_is_each_ones_answer() {
    let (mut s, a, b, _) = store_with_feeds();
    let body = "<p>Male drivers are suing Uber and Lyft over a women-only feature, the lawsuits allege \
                discrimination. Uber and Lyft did not respond to requests for comment.</p>";
    s.insert_batch(a, "Outlet A", &[item("a1", "Drivers sue Uber and Lyft", body, T0)], T0)
        .unwrap();
    // The same sentence from a second outlet cites both answers again.
    let syndicated = item("b1", "Drivers sue Uber and Lyft", body, T0 + 60);
    s.insert_batch(b, "Outlet B", &[syndicated], T0 + 60).unwrap();
    let view = s.story_view(story_of(&s, "a1")).unwrap();
    let silent: Vec<(&str, usize)> = view
        .sides
        .iter()
        .map(|side| {
            let said = side
                .responses
                .iter()
                .filter(|r| r.stance == counterpoint::model::Stance::NoComment)
                .count();
            (side.company.as_str(), said)
        })
        .collect();
    assert_eq!(silent, [("Uber", 1), ("Lyft", 1)], "{view:#?}");
}

#[test]
fn filtering_by_an_alias_finds_the_parents_stories() {
    let (mut s, a, _, _) = store_with_feeds();
    s.insert_batch(
        a,
        "Outlet A",
        &[item(
            "a1",
            "Irish regulator fines Meta record €1.2bn over data transfers",
            META_DPC,
            T0,
        )],
        T0,
    )
    .unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[item("a2", "FTC sues Amazon over Prime sign-ups", FTC_A, T0)],
        T0,
    )
    .unwrap();
    for alias in ["Instagram", "facebook", "WhatsApp", "Meta"] {
        let company = resolve_company(alias);
        let list = s
            .stories(&StoryFilter {
                company: Some(company),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(list.len(), 1, "{alias}");
        assert!(list[0].companies.contains(&"Meta".to_string()));
    }
}

/// Runs the program on the store `db`, with only the given configuration.
fn run_cli(dir: &std::path::Path, db: &std::path::Path, config: &str, args: &[&str]) -> std::process::Output {
    let file = dir.join("c.toml");
    std::fs::write(&file, format!("[settings]\ninclude_default_feeds = false\n{config}")).unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_counterpoint"))
        .args(["--db", db.to_str().unwrap(), "--config", file.to_str().unwrap()])
        .args(args)
        .env("XDG_STATE_HOME", dir)
        .output()
        .unwrap()
}

#[test]
fn the_cleanup_command_previews_deletes_and_asks_for_an_age_in_days() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    {
        let mut s = Store::open(&db).unwrap();
        let a = s.add_feed("https://a.example.com/rss", Some("Outlet A"), &[]).unwrap();
        s.insert_batch(
            a,
            "Outlet A",
            &[item("a1", "FTC sues Amazon over Prime", FTC_A, T0)],
            T0,
        )
        .unwrap();
        // The newest article is never deleted (see `store::cleanup`).
        let now = counterpoint::store::unix_now();
        s.insert_batch(a, "Outlet A", &[item("a2", "Authors sue Meta", OTHER_META, now)], now)
            .unwrap();
    }
    let count = || {
        Store::open_read_only(&db)
            .unwrap()
            .query_scalar("SELECT COUNT(*) FROM articles")
    };
    let text = |o: &std::process::Output| {
        String::from_utf8_lossy(if o.status.success() { &o.stdout } else { &o.stderr }).into_owned()
    };

    let no_age = run_cli(dir.path(), &db, "", &["cleanup"]);
    assert!(!no_age.status.success());
    assert!(text(&no_age).contains("--older-than 180d"), "{}", text(&no_age));
    let seconds = run_cli(dir.path(), &db, "", &["cleanup", "--older-than", "30"]);
    assert!(!seconds.status.success());
    assert!(text(&seconds).contains("write days as \"30d\""), "{}", text(&seconds));

    let preview = run_cli(dir.path(), &db, "", &["cleanup", "--older-than", "30d", "--dry-run"]);
    assert!(
        text(&preview).starts_with("would delete 1 articles"),
        "{}",
        text(&preview)
    );
    assert_eq!(count(), 2);
    // The age may come from the configuration.
    let done = run_cli(dir.path(), &db, "keep_articles = \"30d\"\n", &["cleanup", "--vacuum"]);
    assert!(text(&done).starts_with("deleted 1 articles"), "{}", text(&done));
    assert!(text(&done).contains("\nstore "), "{}", text(&done));
    assert!(
        text(&done).contains("and 1 stories left without one"),
        "{}",
        text(&done)
    );
    assert_eq!(count(), 1);
}

#[test]
fn stories_json_has_the_fields_checks_rely_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    {
        let mut s = Store::open(&db).unwrap();
        let a = s.add_feed("https://a.example.com/rss", Some("Outlet A"), &[]).unwrap();
        let b = s.add_feed("https://b.example.com/rss", Some("Outlet B"), &[]).unwrap();
        s.insert_batch(a, "Outlet A", &[ftc_a()], T0).unwrap();
        // The same article in a second feed, under a tracking-laden link: merged as a source.
        let mut dup = ftc_a();
        dup.guid = "b-77".into();
        dup.link = Some("https://a1-news.test/story?utm_source=rss".into());
        s.insert_batch(b, "Outlet B", &[dup], T0).unwrap();
    }
    let out = run_cli(dir.path(), &db, "", &["stories", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let s = &lines[0];
    assert!(s["id"].is_i64());
    assert_eq!(s["headline"], "FTC sues Amazon over Prime sign-ups");
    assert!(s["companies"].as_array().unwrap().iter().any(|c| c == "Amazon"));
    assert_eq!(s["followed"], false);
    assert_eq!(s["new"], 0);
    let article = &s["articles"][0];
    assert_eq!(article["link"], "https://a1-news.test/story");
    assert_eq!(article["title"], "FTC sues Amazon over Prime sign-ups");
    assert_eq!(article["outlet"], "a1-news.test");
    assert!(article["date"].is_string());
    let sources = article["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    assert!(
        sources
            .iter()
            .any(|x| x["link"] == "https://a1-news.test/story?utm_source=rss")
    );
    // One story's JSON words its dates the same way.
    let id = s["id"].to_string();
    let one: serde_json::Value =
        serde_json::from_str(&stdout(&run_cli(dir.path(), &db, "", &["story", &id, "--json"]))).unwrap();
    for (of, v) in [("list", s), ("story", &one)] {
        assert_eq!(v["first_seen"], "2024-06-10", "{of}");
        assert_eq!(v["first_seen_timestamp"], T0, "{of}");
        assert_eq!(v["articles"][0]["date"], article["date"], "{of}");
        assert_eq!(v["articles"][0]["timestamp"], article["timestamp"], "{of}");
    }
    let cited = &one["allegations"][0]["cited"][0];
    assert!(cited["date"].is_string() && cited["timestamp"].is_i64(), "{cited}");
}

#[rstest::rstest]
#[case::a_transaction_per_feed(false)]
#[case::every_feed_in_one_transaction(true)]
fn incremental_story_counts_match_a_full_recount(#[case] together: bool) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/grouping");
    let mut s = Store::open_in_memory().unwrap();
    let mut batches = Vec::new();
    for name in ["wire", "policydesk", "gadgetblog", "lawbrief", "eurotech"] {
        let bytes = std::fs::read(dir.join(format!("{name}.xml"))).unwrap();
        let (_, items) = counterpoint::ingest::prepare_feed(&bytes, Extractor::builtin()).unwrap();
        let feed = s
            .add_feed(&format!("https://{name}.example.com/feed"), Some(name), &[])
            .unwrap();
        batches.push((feed, name, items));
    }
    if together {
        let all: Vec<_> = batches.iter().map(|(f, n, i)| (*f, *n, i.as_slice())).collect();
        s.insert_batches(&all, T0).unwrap();
    } else {
        for (feed, name, items) in &batches {
            s.insert_batch(*feed, name, items, T0).unwrap();
        }
    }
    let snapshot = |s: &Store| {
        let mut list = s.stories(&StoryFilter::default()).unwrap();
        list.sort_by_key(|x| x.id);
        list.into_iter()
            .map(|x| {
                (
                    x.id,
                    x.headline,
                    x.article_count,
                    x.outlet_count,
                    x.companies,
                    x.first_seen,
                    x.last_activity,
                )
            })
            .collect::<Vec<_>>()
    };
    let incremental = snapshot(&s);
    let ids: Vec<StoryId> = incremental.iter().map(|x| x.0).collect();
    s.write(|tx| {
        for id in &ids {
            counterpoint::store::stories::refresh(tx, *id)?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(incremental, snapshot(&s));
}

#[test]
fn a_story_counts_every_company_of_a_long_list_once_per_article() {
    let (mut s, a, b, _) = store_with_feeds();
    let names = [
        "Google",
        "Meta",
        "Amazon",
        "Apple",
        "Microsoft",
        "Netflix",
        "Uber",
        "Tesla",
        "TikTok",
        "OpenAI",
    ];
    let body = format!(
        "<p>The FTC sued {} over a shared advertising scheme, alleging they fixed prices.</p>",
        names.join(", ")
    );
    let first = item("a1", "FTC sues ten tech companies over ad pricing", &body, T0);
    let mut second = item("b1", "FTC sues ten tech companies over ad pricing", &body, T0 + 3600);
    second
        .text
        .push_str(" A second outlet's copy, with a sentence of its own.");
    // What preparation derived from the text, made again from the new text.
    second.fingerprint = None;
    second.wording = None;
    second.from_text = None;
    s.insert_batch(a, "Outlet A", &[first], T0).unwrap();
    s.insert_batch(b, "Outlet B", &[second], T0).unwrap();
    let story = story_of(&s, "a1");
    assert_eq!(story_of(&s, "b1"), story, "one event, one story");
    let rows = |sql: &str| s.query_scalar(&sql.replace("?", &story.0.to_string()));
    assert_eq!(rows("SELECT COUNT(*) FROM story_companies WHERE story_id = ?"), 10);
    assert_eq!(rows("SELECT MIN(n) FROM story_companies WHERE story_id = ?"), 2);
    assert_eq!(rows("SELECT MAX(n) FROM story_companies WHERE story_id = ?"), 2);
    assert_eq!(rows("SELECT outlet_count FROM stories WHERE id = ?"), 2);
}

#[test]
fn a_command_that_fails_midway_leaves_no_count_behind() {
    use counterpoint::store::FetchRecord;
    use counterpoint::store::writer::{Schedule, WriteCmd, Writer};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let a = store
        .add_feed("https://a.example.com/rss", Some("Outlet A"), &[])
        .unwrap();
    let b = store
        .add_feed("https://b.example.com/rss", Some("Outlet B"), &[])
        .unwrap();
    // An article the store refuses, as a full disk or a damaged page would.
    store
        .write(|tx| {
            Ok(tx.execute_batch(
                "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.title = 'Refused'
                 BEGIN SELECT RAISE(ABORT, 'refused'); END;",
            )?)
        })
        .unwrap();
    let schedule = Schedule {
        interval: std::time::Duration::from_secs(900),
        max_backoff: std::time::Duration::from_secs(3600),
    };
    let (writer, thread) = Writer::spawn(store, schedule);
    let ingest = |feed: FeedId, items: Vec<PreparedItem>| {
        let (reply, answer) = tokio::sync::oneshot::channel();
        writer
            .send_blocking(WriteCmd::Ingest {
                feed,
                outlet: "Outlet".into(),
                items,
                record: FetchRecord::NotModified { moved_to: None },
                now: T0,
                reply,
            })
            .unwrap();
        answer
    };
    let first = ingest(a, vec![ftc_a()]);
    // Joins the same story, then its command fails on the next item.
    let second = ingest(
        b,
        vec![
            item(
                "b1",
                "Amazon sued by FTC over Prime cancellation 'maze'",
                FTC_B,
                T0 + 3600,
            ),
            item("b2", "Refused", META_DPC, T0),
        ],
    );
    assert!(first.blocking_recv().unwrap().is_ok());
    assert!(second.blocking_recv().unwrap().is_err());
    drop(writer);
    thread.join().unwrap();
    let s = Store::open(&dir.path().join("s.db")).unwrap();
    assert_eq!(s.query_scalar("SELECT COUNT(*) FROM articles"), 1);
    let miscounted = "SELECT COUNT(*) FROM stories s
         WHERE article_count != (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)
            OR outlet_count != (SELECT COUNT(*) FROM story_outlets o WHERE o.story_id = s.id)";
    assert_eq!(s.query_scalar(miscounted), 0);
    let orphans = "SELECT (SELECT COUNT(*) FROM story_outlets WHERE story_id NOT IN (SELECT id FROM stories))
         + (SELECT COUNT(*) FROM story_companies WHERE story_id NOT IN (SELECT id FROM stories))";
    assert_eq!(s.query_scalar(orphans), 0);
    assert_eq!(
        s.query_scalar("SELECT SUM(n) FROM story_companies WHERE company = 'Amazon'"),
        1
    );
}

#[test]
fn the_charged_filter_keeps_stories_with_an_allegation_and_drops_product_news() {
    let (mut s, a, b, _) = store_with_feeds();
    s.insert_batch(a, "Outlet A", &[ftc_a()], T0).unwrap();
    s.insert_batch(
        b,
        "Outlet B",
        &[item(
            "b1",
            "Apple unveils a thinner iPad",
            "<p>Apple on Tuesday unveiled a thinner iPad with a brighter screen. The tablet ships next month.</p>",
            T0 + 60,
        )],
        T0 + 60,
    )
    .unwrap();
    let ids = |filter: StoryFilter| -> Vec<StoryId> { s.stories(&filter).unwrap().iter().map(|x| x.id).collect() };
    assert_eq!(ids(StoryFilter::default()).len(), 2);
    assert_eq!(
        ids(StoryFilter {
            charged_only: true,
            ..Default::default()
        }),
        vec![story_of(&s, "a1")]
    );
}

#[test]
fn with_a_company_the_charged_filter_keeps_only_stories_accusing_that_company() {
    let (mut s, a, _, _) = store_with_feeds();
    let body = FTC_A.replace(
        "</p>",
        " Apple, which sells subscriptions of its own through the App Store, was not named in the suit.</p>",
    );
    s.insert_batch(
        a,
        "Outlet A",
        &[item("a1", "FTC sues Amazon over Prime sign-ups", &body, T0)],
        T0,
    )
    .unwrap();
    let story = story_of(&s, "a1");
    let ids = |company: &str, charged_only: bool| -> Vec<StoryId> {
        let filter = StoryFilter {
            company: Some(company.into()),
            charged_only,
            ..Default::default()
        };
        s.stories(&filter).unwrap().iter().map(|x| x.id).collect()
    };
    assert_eq!(ids("Apple", false), vec![story], "Apple is named in the story");
    assert_eq!(ids("Apple", true), vec![], "but nobody accuses Apple");
    assert_eq!(ids("amazon", true), vec![story]);
}

fn stdout(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A store with three stories about three matters, a day apart.
fn three_stories(db: &std::path::Path) {
    let mut s = Store::open(db).unwrap();
    let a = s.add_feed("https://a.example.com/rss", Some("Outlet A"), &[]).unwrap();
    s.insert_batch(
        a,
        "Outlet A",
        &[
            ftc_a(),
            item("a2", "Authors sue Meta over Llama training", OTHER_META, T0 + DAY),
            item("a3", "Ireland fines Meta over data transfers", META_DPC, T0 + 2 * DAY),
        ],
        T0 + 2 * DAY,
    )
    .unwrap();
}

#[test]
fn a_mistyped_store_path_reads_as_an_empty_store_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-such-folder").join("s.db");
    let text = stdout(&run_cli(dir.path(), &db, "", &["stories"]));
    assert!(text.contains("there is no store at"), "{text}");
    assert_eq!(stdout(&run_cli(dir.path(), &db, "", &["stories", "--json"])), "");
    let config = "[[feed]]\nurl = \"https://feeds.example.org/rss\"\n";
    assert!(stdout(&run_cli(dir.path(), &db, config, &["export", "--opml"])).contains("https://feeds.example.org/rss"));
    assert!(!db.parent().unwrap().exists(), "nothing was created");
}

#[test]
fn stories_says_when_it_shows_only_the_newest_and_limit_0_shows_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    three_stories(&db);
    let two = stdout(&run_cli(dir.path(), &db, "", &["stories", "--limit", "2"]));
    assert!(
        two.contains("Ireland fines Meta") && !two.contains("FTC sues Amazon"),
        "{two}"
    );
    assert!(two.contains("(2 shown, newest activity first;"), "{two}");
    let all = stdout(&run_cli(dir.path(), &db, "", &["stories", "--limit", "0"]));
    assert!(all.contains("FTC sues Amazon") && !all.contains("shown"), "{all}");
    let exact = stdout(&run_cli(dir.path(), &db, "", &["stories", "--limit", "3"]));
    assert!(!exact.contains("shown"), "nothing was left out: {exact}");
    let json = stdout(&run_cli(dir.path(), &db, "", &["stories", "--json", "--limit", "2"]));
    assert_eq!(json.lines().count(), 2, "JSON lines only: {json}");
}

#[test]
fn a_company_no_one_knows_gets_a_word_and_the_nearest_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    three_stories(&db);
    let out = run_cli(dir.path(), &db, "", &["stories", "--company", "Amazn"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("no company called “Amazn”") && said.contains("did you mean Amazon?"),
        "{said}"
    );
    let out = run_cli(dir.path(), &db, "", &["stories", "--company", "instagrm"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("did you mean Instagram (a name of Meta)?"), "{said}");
    for known in ["Instagram", "meta"] {
        let out = run_cli(dir.path(), &db, "", &["stories", "--company", known]);
        assert!(
            out.stderr.is_empty(),
            "{known}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn adding_a_feed_twice_says_it_is_already_polled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let add = ["feeds", "add", "https://feeds.example.org/rss"];
    assert_eq!(
        stdout(&run_cli(dir.path(), &db, "", &add)).trim(),
        "added https://feeds.example.org/rss"
    );
    assert_eq!(
        stdout(&run_cli(dir.path(), &db, "", &add)).trim(),
        "already polling https://feeds.example.org/rss"
    );
    let retitled = ["feeds", "add", "https://feeds.example.org/rss", "--title", "Example"];
    assert_eq!(
        stdout(&run_cli(dir.path(), &db, "", &retitled)).trim(),
        "updated https://feeds.example.org/rss (it was added before)"
    );
}

#[test]
fn marking_stories_read_reads_their_articles_and_passes_over_a_story_gone_meanwhile() {
    use counterpoint::store::writer::{Schedule, Writer};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    three_stories(&db);
    let store = Store::open(&db).unwrap();
    let list = store.stories(&StoryFilter::default()).unwrap();
    assert!(list.iter().all(|s| s.unread));
    let schedule = Schedule {
        interval: std::time::Duration::from_secs(900),
        max_backoff: std::time::Duration::from_secs(3600),
    };
    let (writer, thread) = Writer::spawn(store, schedule);
    let mut ids: Vec<StoryId> = list.iter().skip(1).map(|s| s.id).collect();
    ids.push(StoryId(999_999));
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(writer.mark_read(ids)).unwrap();
    drop(writer);
    thread.join().unwrap();
    let after = Store::open_read_only(&db)
        .unwrap()
        .stories(&StoryFilter::default())
        .unwrap();
    assert!(after[0].unread, "the story not marked stays unread");
    assert!(after[1..].iter().all(|s| !s.unread), "{after:?}");
}

#[test]
fn extract_prints_feed_ids_and_links_without_controls_json_would_let_through() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        "<rss version=\"2.0\"><channel><title>t</title><item><title>Meta sued</title>\
         <guid>g\u{9b}2J\u{202e}evil\u{9d}0;T\u{9c}\u{200d}</guid>\
         <link>https://news.example/a</link><description>The FTC sued Meta.</description></item></channel></rss>",
    )
    .unwrap();
    let out = run_cli(
        dir.path(),
        &dir.path().join("s.db"),
        "",
        &["extract", "--json", feed.to_str().unwrap()],
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let item: serde_json::Value = serde_json::from_str(printed.trim()).unwrap();
    assert_eq!(item["id"], "gevil", "sequences go whole: {printed}");
    assert!(
        !printed
            .chars()
            .any(|c| matches!(c, '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{200d}')),
        "{printed:?}"
    );
}

#[test]
fn a_poll_that_reaches_no_feed_says_where_to_look_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let out = run_cli(
        dir.path(),
        &db,
        "[[feed]]\nurl = \"http://127.0.0.1:9/feed.xml\"\n",
        &["poll", "--once"],
    );
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(stdout.contains("1 failed"), "{stdout}");
    assert!(
        stderr.contains("1 feed failed (the last: ") && stderr.contains("`counterpoint feeds list` shows"),
        "{stderr}"
    );
    assert!(stderr.contains("every feed failed"), "{stderr}");
    assert!(!out.status.success());
}

#[test]
fn one_feed_typed_several_ways_is_one_feed_and_an_import_says_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    for typed in [
        "http://news.example/feed.xml",
        "HTTP://NEWS.example/feed.xml",
        " http://news.example/feed.xml ",
        "http://news.example/feed.xml#top",
    ] {
        let out = run_cli(dir.path(), &db, "", &["feeds", "add", typed]);
        assert!(
            out.status.success(),
            "{typed}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let listed = String::from_utf8(run_cli(dir.path(), &db, "", &["feeds", "list", "--json"]).stdout).unwrap();
    assert_eq!(listed.lines().count(), 1, "{listed}");
    let out = run_cli(
        dir.path(),
        &db,
        "",
        &["feeds", "remove", "http://news.example/feed.xml "],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let opml = dir.path().join("list.opml");
    std::fs::write(
        &opml,
        r#"<opml version="2.0"><body>
<outline text="A" xmlUrl="https://a.test/feed" category="/Tech/Law,speech"/>
<outline text="A again" xmlUrl="HTTPS://A.test/feed"/>
<outline text="B" xmlUrl="https://b.test/rss"/>
<outline text="F" xmlUrl="ftp://f.test/feed"/>
<outline text="Empty" xmlUrl=""/>
</body></opml>"#,
    )
    .unwrap();
    let said = String::from_utf8(run_cli(dir.path(), &db, "", &["import", opml.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(
        said.trim(),
        "imported 2 new feeds; 1 not http(s), left out: ftp://f.test/feed"
    );
    let again = String::from_utf8(run_cli(dir.path(), &db, "", &["import", opml.to_str().unwrap()]).stdout).unwrap();
    assert!(again.starts_with("imported 0 new feeds, 2 already polled"), "{again}");
    let listed = String::from_utf8(run_cli(dir.path(), &db, "", &["feeds", "list", "--json"]).stdout).unwrap();
    let a: serde_json::Value = serde_json::from_str(listed.lines().find(|l| l.contains("a.test")).unwrap()).unwrap();
    assert_eq!(a["title"], "A", "the first entry counts");
    assert_eq!(
        a["tags"],
        serde_json::json!(["Tech/Law", "speech"]),
        "a category path is one tag"
    );
}

#[test]
fn completions_offer_every_command_but_the_test_harness() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = run_cli(dir.path(), &dir.path().join("s.db"), "", &["completions", shell]);
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("stories") && script.contains("regroup"), "{shell}");
        assert!(!script.contains("crash-harness"), "{shell}");
    }
}

#[test]
fn following_says_what_it_changed_and_which_story_a_merged_id_became() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    three_stories(&db);
    let first = {
        let mut s = Store::open(&db).unwrap();
        s.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO stories (id, headline, first_seen_at, last_activity_at, merged_into) VALUES (90, 'old', 0, 0, 1)",
                [],
            )?)
        })
        .unwrap();
        s.query_scalar("SELECT MIN(id) FROM stories WHERE merged_into IS NULL")
    };
    assert_eq!(first, 1);
    let said = |args: &[&str]| stdout(&run_cli(dir.path(), &db, "", args)).trim().to_string();
    assert_eq!(said(&["follow", "1"]), "following story 1");
    assert_eq!(said(&["follow", "1"]), "already following story 1");
    assert_eq!(
        said(&["follow", "90"]),
        "already following story 1 (story 90 merged into it)"
    );
    assert_eq!(
        said(&["unfollow", "90"]),
        "no longer following story 1 (story 90 merged into it)"
    );
    assert_eq!(said(&["unfollow", "1"]), "not following story 1");
}

#[test]
fn feeds_list_puts_failing_feeds_first_as_the_reader_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    for url in ["https://a.test/feed", "https://m.test/feed", "https://z.test/feed"] {
        assert!(run_cli(dir.path(), &db, "", &["feeds", "add", url]).status.success());
    }
    Store::open(&db)
        .unwrap()
        .write(|tx| {
            Ok(tx.execute(
                "UPDATE feeds SET status = 'error', last_error = 'HTTP 500' WHERE url LIKE '%z.test%'",
                [],
            )?)
        })
        .unwrap();
    let text = stdout(&run_cli(dir.path(), &db, "", &["feeds", "list"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("error") && lines[0].contains("z.test"), "{text}");
    assert!(lines[1].contains("error: HTTP 500"), "{text}");
    assert!(lines[2].contains("a.test") && lines[3].contains("m.test"), "{text}");
    let json = stdout(&run_cli(dir.path(), &db, "", &["feeds", "list", "--json"]));
    assert!(json.lines().next().unwrap().contains("z.test"), "{json}");
}
