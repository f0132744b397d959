-- The schema akhbar's cache had at version 1, with a little user data:
-- tests/test-db.c loads it and checks that opening migrates it to the
-- current version keeping read, starred and direction overrides.
-- Keep the CREATE statements identical to db_schema_v1 in src/db-schema.c.
CREATE TABLE feed (
	id		INTEGER PRIMARY KEY,
	url		TEXT NOT NULL UNIQUE,
	title		TEXT,
	link		TEXT,
	etag		TEXT,
	last_modified	TEXT,
	dir_override	INTEGER
);
CREATE TABLE item (
	id		INTEGER PRIMARY KEY,
	feed_id		INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
	guid		TEXT NOT NULL,
	title		TEXT,
	link		TEXT,
	published	INTEGER,
	summary		TEXT,
	content		TEXT,
	unread		INTEGER NOT NULL DEFAULT 1,
	starred		INTEGER NOT NULL DEFAULT 0,
	UNIQUE (feed_id, guid)
);
CREATE INDEX item_feed ON item(feed_id, published);

INSERT INTO feed (id, url, title, etag, dir_override)
    VALUES (1, 'https://example.org/ar.xml', 'أخبار', '"v1-etag"', 2);
INSERT INTO feed (id, url, title) VALUES (2, 'https://example.org/en.xml', 'News');
INSERT INTO item (id, feed_id, guid, title, published, summary, unread, starred)
    VALUES (1, 1, 'a1', 'الجيش يعلن', 1700000000, '<p>والجيش المصري</p>', 0, 1);
INSERT INTO item (id, feed_id, guid, title, published, unread, starred)
    VALUES (2, 1, 'a2', 'خبر ثان', 1700000100, 1, 0);
INSERT INTO item (id, feed_id, guid, title, published, unread, starred)
    VALUES (3, 1, 'a3', 'خبر ثالث', NULL, 0, 0);
INSERT INTO item (id, feed_id, guid, title, published, unread, starred)
    VALUES (4, 2, 'e1', 'Army news', 1700000200, 1, 1);
PRAGMA user_version = 1;
