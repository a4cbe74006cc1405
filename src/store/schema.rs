//! The schema, as migrations applied in order by `user_version`.

/// Migration `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE feeds (
    id             INTEGER PRIMARY KEY,
    url            TEXT NOT NULL UNIQUE,      -- where it is fetched now (301/308 update it)
    configured_url TEXT NOT NULL UNIQUE,      -- as configured, so config sync finds it again
    title          TEXT,                      -- the user's or config's title
    feed_title     TEXT,                      -- the feed's own title
    tags           TEXT NOT NULL DEFAULT '',  -- comma-separated
    origin         TEXT NOT NULL,             -- 'config' | 'user'
    removed        INTEGER NOT NULL DEFAULT 0,  -- 1: removed by the user, 2: dropped from the config
    status         TEXT NOT NULL DEFAULT 'new',
    last_error     TEXT,
    etag           TEXT,
    last_modified  TEXT,
    last_polled_at INTEGER,
    last_ok_at     INTEGER,
    next_poll_at   INTEGER NOT NULL DEFAULT 0,
    retry_until    INTEGER NOT NULL DEFAULT 0,   -- Retry-After: not even a forced poll before this
    failures       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stories (
    id                  INTEGER PRIMARY KEY,
    headline            TEXT NOT NULL,
    headline_article_id INTEGER,
    first_seen_at       INTEGER NOT NULL,
    last_activity_at    INTEGER NOT NULL,
    article_count       INTEGER NOT NULL DEFAULT 0,
    outlet_count        INTEGER NOT NULL DEFAULT 0,
    companies           TEXT NOT NULL DEFAULT '',  -- tab-separated, accused first
    merged_into         INTEGER
);
CREATE INDEX stories_activity ON stories(last_activity_at DESC);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    canonical_url TEXT UNIQUE,
    outlet        TEXT NOT NULL,
    signature     BLOB,                       -- MinHash of the body, for syndicated copies
    title         TEXT NOT NULL,
    author        TEXT,
    link          TEXT,
    feed_id       INTEGER NOT NULL REFERENCES feeds(id),
    published_at  INTEGER,
    first_seen_at INTEGER NOT NULL,
    text          TEXT NOT NULL,
    links         TEXT NOT NULL DEFAULT '',   -- outbound links, newline-separated
    findings      TEXT NOT NULL DEFAULT '{}', -- allegations and responses, JSON
    allegations   INTEGER NOT NULL DEFAULT 0,
    responses     INTEGER NOT NULL DEFAULT 0,
    companies     TEXT NOT NULL DEFAULT '',   -- mentioned, tab-separated, canonical
    accused       TEXT NOT NULL DEFAULT '',   -- tab-separated
    responding    TEXT NOT NULL DEFAULT '',   -- tab-separated
    title_companies TEXT NOT NULL DEFAULT '', -- named in the title, tab-separated
    story_id      INTEGER REFERENCES stories(id)
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_seen ON articles(first_seen_at);

-- LSH bands of article signatures: articles sharing a band are compared.
CREATE TABLE signature_bands (
    band_key   INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;

-- Every appearance of an article in a feed. A duplicate adds a row here.
CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid       TEXT NOT NULL,
    link       TEXT,
    title      TEXT,
    seen_at    INTEGER NOT NULL,
    outlet     TEXT NOT NULL,                  -- the site that published this copy
    matched_by TEXT NOT NULL,                  -- 'new' | 'url' | 'fingerprint'
    UNIQUE (feed_id, guid)
);
CREATE INDEX sources_article ON sources(article_id);

-- Companies of a story, kept as articles arrive: rank 0 accused, 1 responding, 2 mentioned.
CREATE TABLE story_companies (
    story_id INTEGER NOT NULL,
    company  TEXT NOT NULL,
    rank     INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (company, story_id)
) WITHOUT ROWID;
CREATE INDEX story_companies_story ON story_companies(story_id);

-- Outlets that carried a story (articles and their copies).
CREATE TABLE story_outlets (
    story_id INTEGER NOT NULL,
    outlet   TEXT NOT NULL,
    PRIMARY KEY (story_id, outlet)
) WITHOUT ROWID;

-- User state: keyed by stable ids, never deleted by cleanup.
CREATE TABLE follows (
    story_id       INTEGER PRIMARY KEY,
    followed_at    INTEGER NOT NULL,
    last_viewed_at INTEGER NOT NULL
);
CREATE TABLE reads (
    article_id INTEGER PRIMARY KEY,
    read_at    INTEGER NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2', detail='none'
);
"#,
    r#"
-- The search index moved to a file of its own (see store::fulltext).
DROP TABLE IF EXISTS articles_fts;
CREATE TABLE search_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL,              -- names this store to its search index
    epoch INTEGER NOT NULL DEFAULT 0  -- raised to have the search index rebuilt
);
INSERT INTO search_state (id, token) VALUES (1, lower(hex(randomblob(16))));
"#,
    r#"
-- Signatures by article, appended in id order; their bands are kept in
-- memory by the writer (see store::copies). articles.signature is no longer
-- written.
CREATE TABLE article_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature  BLOB NOT NULL
);
INSERT INTO article_signatures (article_id, signature)
    SELECT id, signature FROM articles WHERE length(signature) = 128;
DROP TABLE signature_bands;
"#,
    r#"
-- A merge repoints the stories merged into the one that goes: without this,
-- each merge read every story.
CREATE INDEX stories_merged ON stories(merged_into) WHERE merged_into IS NOT NULL;
"#,
    r#"
-- Items whose article cleanup deleted: a feed that still carries one does
-- not bring it back as new, under its GUID or its address.
CREATE TABLE forgotten (
    feed_id       INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid          TEXT NOT NULL,
    canonical_url TEXT,
    forgotten_at  INTEGER NOT NULL,
    PRIMARY KEY (feed_id, guid)
) WITHOUT ROWID;
CREATE INDEX forgotten_url ON forgotten(canonical_url) WHERE canonical_url IS NOT NULL;
-- Articles deleted since the search index last caught up, in order: the
-- index removes them instead of being rebuilt (see store::fulltext).
CREATE TABLE search_deletions (
    seq        INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL
);
"#,
    r#"
-- The court case numbers grouping read in the whole text, tab-separated:
-- the story index is read back from the start of the text only. NULL for
-- articles stored before, whose whole text is read.
ALTER TABLE articles ADD COLUMN case_numbers TEXT;
"#,
    r#"
-- Deletions are numbered without reuse (the log is pruned up to what the
-- index applied: a plain rowid would start again below it), and found by
-- article (the index's last article may be among them).
CREATE TABLE search_deletions_numbered (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL
);
INSERT INTO search_deletions_numbered (seq, article_id) SELECT seq, article_id FROM search_deletions;
DROP TABLE search_deletions;
ALTER TABLE search_deletions_numbered RENAME TO search_deletions;
CREATE INDEX search_deletions_article ON search_deletions(article_id);
"#,
    r#"
-- The story list's order, ties included: read in index order, with no sort.
CREATE INDEX stories_order ON stories(last_activity_at DESC, id DESC);
DROP INDEX stories_activity;
-- A story is unread when it has more articles than read ones: its count,
-- kept exact by every write, is counted once more here.
UPDATE stories SET article_count = (SELECT COUNT(*) FROM articles WHERE story_id = stories.id);
"#,
    r#"
-- The highest article id when a story was followed: an article stored after
-- the follow is new to it even in the follow's second, or fetched before it.
-- NULL for the follows made before: their time alone says.
ALTER TABLE follows ADD COLUMN after_article INTEGER;
"#,
];
