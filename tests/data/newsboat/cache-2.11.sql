-- A newsboat cache.db, schema 2.11, as newsboat 2.21.0 wrote it
-- (newsboat -u urls -c cache.db -x reload of tests/data/rss2.xml,
-- then sqlite3 .dump); @FEED@ stands for the feed's file: URL.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE rss_feed (  rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,  url VARCHAR(1024) NOT NULL,  title VARCHAR(1024) NOT NULL , lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT "");
INSERT INTO rss_feed VALUES('@FEED@','https://akhbar.example/ar/','أخبار  الصباح',0,0,'');
CREATE TABLE rss_item (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid VARCHAR(64) NOT NULL,  title VARCHAR(1024) NOT NULL,  author VARCHAR(1024) NOT NULL,  url VARCHAR(1024) NOT NULL,  feedurl VARCHAR(1024) NOT NULL,  pubDate INTEGER NOT NULL,  content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT "");
INSERT INTO rss_item VALUES(1,'','','','','@FEED@',1796222110,'Item with only a description.',1,'','',0,NULL,0,'');
INSERT INTO rss_item VALUES(2,'https://akhbar.example/ar/news/3.html','خبر بلا تاريخ','','https://akhbar.example/ar/news/3.html','@FEED@',1796222110,'',1,'','',0,NULL,0,'');
INSERT INTO rss_item VALUES(3,'https://akhbar.example/ar/news/2.htmlFri, 27 Nov 2026 09:00 GMT','AT&T & <b>bold</b> titlehere','Omar Khalid','https://akhbar.example/ar/news/2.html','@FEED@',1795770000,'Escaped iHTML/i summary t',1,'https://akhbar.example/v/2.mp4','video/mp4',0,NULL,0,'');
INSERT INTO rss_item VALUES(4,'akhbar-news-1','مَرْحَبًا بِكُمْ في النشرة','سارة أحمد','https://akhbar.example/ar/news/1.html','@FEED@',1795863900,'<p>نص كامل للخبر الأول.</p><p>فقرة ثانية.</p>',1,'/media/1.mp3','audio/mpeg',0,NULL,0,'');
CREATE TABLE google_replay (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid VARCHAR(64) NOT NULL,  state INTEGER NOT NULL,  ts INTEGER NOT NULL );
ANALYZE sqlite_schema;
CREATE TABLE metadata (  db_schema_version_major INTEGER NOT NULL,  db_schema_version_minor INTEGER NOT NULL );
INSERT INTO metadata VALUES(2,11);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('rss_item',4);
CREATE INDEX idx_rssurl ON rss_feed(rssurl);
CREATE INDEX idx_guid ON rss_item(guid);
CREATE INDEX idx_feedurl ON rss_item(feedurl);
CREATE INDEX idx_lastmodified ON rss_feed(lastmodified);
CREATE INDEX idx_deleted ON rss_item(deleted);
COMMIT;
