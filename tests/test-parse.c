/*
 * Tests for the feed parser: a table of fixtures (every format, encoding
 * and kind of bad input) with what must come out, each parsed whole and
 * pushed in chunks of 1, 7 and 4096 bytes, which must agree; then
 * generated documents: 10 000 items, a 50 MB item, deep nesting, the
 * HTTP charset's place in the encoding precedence, and a big document
 * handed over whole (sliced) against the same in small chunks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-json.h"
#include "feed.h"
#include "parse-date.h"
#include "parse.h"
#include "str.h"
#include "xmalloc.h"

#include "tap.h"

/* The Arabic strings the fixtures use (with harakat on the first word). */
#define AR_TITLE "\xd9\x88\xd9\x8e\xd8\xb2\xd9\x90\xd9\x8a\xd8\xb1\xd9\x8f " \
	"\xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd8\xa9 " \
	"\xd9\x8a\xd8\xb2\xd9\x88\xd8\xb1 " \
	"\xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9"
#define AR_BODY "\xd9\x82\xd8\xa7\xd9\x84 \xd8\xa7\xd9\x84\xd9\x88\xd8\xb2" \
	"\xd9\x8a\xd8\xb1 \xd8\xa5\xd9\x86 \xd8\xa7\xd9\x84\xd9\x85\xd8\xad" \
	"\xd8\xa7\xd8\xaf\xd8\xab\xd8\xa7\xd8\xaa \xd9\x83\xd8\xa7\xd9\x86\xd8" \
	"\xaa \xd9\x85\xd8\xab\xd9\x85\xd8\xb1\xd8\xa9\xd8\x8c \xd9\x88\xd8\xa3" \
	"\xd8\xb6\xd8\xa7\xd9\x81: \xc2\xab\xd9\x86\xd8\xad\xd9\x86 \xd9\x85" \
	"\xd8\xaa\xd9\x81\xd8\xa7\xd8\xa6\xd9\x84\xd9\x88\xd9\x86\xc2\xbb."

struct want {
	const char	*file;
	const char	*ctype;		/* Content-Type, or NULL */
	const char	*format;	/* NULL: must fail */
	const char	*cause;		/* substring of the failure */
	const char	*warning;	/* substring of some warning, or NULL */
	const char	*title;
	const char	*link;
	const char	*language;
	const char	*dir;
	int		 nitems;
	int		 idx;		/* the item checked below */
	const char	*i_id;
	const char	*i_title;
	const char	*i_link;
	const char	*i_published;	/* ISO, "-" for unknown, NULL skip */
	const char	*i_updated;
	const char	*i_author;	/* first author */
	const char	*i_category;	/* first category */
	const char	*i_summary;	/* substring */
	const char	*i_content;	/* substring */
	const char	*i_enclosure;	/* first enclosure url */
	const char	*i_language;
	const char	*i_dir;
};

static const struct want cases[] = {
	{ "rss2.xml", NULL, "rss2.0", NULL, "cannot read the date",
	  "\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xb5"
	  "\xd8\xa8\xd8\xa7\xd8\xad", "https://akhbar.example/ar/", "ar-EG",
	  "rtl", 4, 0, "akhbar-news-1",
	  "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xd8\xad\xd9\x8e\xd8\xa8\xd9\x8b"
	  "\xd8\xa7 \xd8\xa8\xd9\x90\xd9\x83\xd9\x8f\xd9\x85\xd9\x92 \xd9\x81"
	  "\xd9\x8a \xd8\xa7\xd9\x84\xd9\x86\xd8\xb4\xd8\xb1\xd8\xa9",
	  "https://akhbar.example/ar/news/1.html", "2026-11-28T11:05:00Z", "-",
	  "\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9 \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf",
	  "\xd8\xab\xd9\x82\xd8\xa7\xd9\x81\xd8\xa9", "<b>",
	  "<p>\xd9\x81\xd9\x82\xd8\xb1\xd8\xa9",
	  "https://akhbar.example/media/1.mp3", "ar-EG", "rtl" },
	{ "rss2.xml", NULL, "rss2.0", NULL, NULL, NULL, NULL, NULL, NULL, 4,
	  1, "https://akhbar.example/ar/news/2.html",
	  "AT&T & bold title here", "https://akhbar.example/ar/news/2.html",
	  "2026-11-27T09:00:00Z", "-", "Omar Khalid", NULL,
	  "<i>HTML</i> summary \xc3\xa9t\xc3\xa9", NULL,
	  "https://akhbar.example/v/2.mp4", NULL, NULL },
	{ "rss2.xml", NULL, "rss2.0", NULL, NULL, NULL, NULL, NULL, NULL, 4,
	  2, "https://akhbar.example/ar/news/3.html", NULL,
	  "https://akhbar.example/ar/news/3.html", "-", "-", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL },
	{ "rss2.xml", NULL, "rss2.0", NULL, NULL, NULL, NULL, NULL, NULL, 4,
	  3, "hash:", NULL, NULL, "-", "-", NULL, NULL,
	  "Item with only a description.", NULL, NULL, NULL, NULL },
	{ "rss091.xml", NULL, "rss0.91", NULL, NULL, "Caf\xc3\xa9 News",
	  "http://cafe.example/", "fr", "auto", 2, 0, "http://cafe.example/1",
	  "R\xc3\xa9sum\xc3\xa9 \xc2\xa9 2026 \xe2\x80\x94 test",
	  "http://cafe.example/1", "-", NULL, NULL, NULL,
	  "Prix: 5\xe2\x82\xac", NULL, NULL, "fr", "auto" },
	{ "rss092.xml", NULL, "rss0.92", NULL, NULL, "RSS 0.92 test",
	  "http://radio.example/", NULL, "auto", 2, 0, "hash:", NULL, NULL,
	  "-", "-", NULL, "Talk", "only a description & an enclosure", NULL,
	  "http://radio.example/ep1.mp3", NULL, NULL },
	{ "rss090.rdf", NULL, "rss0.90", NULL, NULL, "RSS 0.90 test",
	  "http://old.example/", NULL, "auto", 2, 1, "http://old.example/2",
	  "Old item two", "http://old.example/2", "-", "-", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL },
	{ "rdf10.rdf", NULL, "rss1.0", NULL, NULL,
	  "\xd8\xa7\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1 \xd9\x81\xd8\xa7\xd8\xb1"
	  "\xd8\xb3\xdb\x8c", "https://fa.example/", "fa-IR", "rtl", 2, 0,
	  "https://fa.example/1",
	  "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85"
	  " \xd8\xa8\xd8\xb1\xd9\x88\xd9\x85", "https://fa.example/1",
	  "2026-11-28T10:35:00Z", "2026-11-29T08:00:00Z",
	  "\xd9\x86\xd9\x88\xdb\x8c\xd8\xb3\xd9\x86\xd8\xaf\xd9\x87",
	  "\xd8\xb3\xdb\x8c\xd8\xa7\xd8\xb3\xd8\xaa",
	  "\xd8\xae\xd9\x84\xd8\xa7\xd8\xb5\xd9\x87", "<p>", NULL, "fa-IR",
	  "rtl" },
	{ "rdf10.rdf", NULL, "rss1.0", NULL, NULL, NULL, NULL, NULL, NULL, 2,
	  1, "urn:fa-example:2", "Second", "https://fa.example/2", "-", "-",
	  NULL, NULL, NULL, NULL, NULL, "en", "auto" },
	{ "atom03.xml", NULL, "atom0.3", NULL, NULL,
	  "\xd7\x97\xd7\x93\xd7\xa9\xd7\x95\xd7\xaa", "http://he.example/",
	  "he", "rtl", 2, 0, "tag:he.example,2026:1", NULL,
	  "http://he.example/1", "2026-11-28T11:00:00Z",
	  "2026-11-28T14:00:00Z", "\xd7\x93\xd7\x95\xd7\x93", NULL,
	  "Plain summary", "<p>Escaped <b>HTML</b></p>", NULL, "he", "rtl" },
	{ "atom03.xml", NULL, "atom0.3", NULL, NULL, NULL, NULL, NULL, NULL,
	  2, 1, "tag:he.example,2026:2", "Second", "http://he.example/2",
	  "2026-11-27T10:00:00Z", "-", NULL, NULL,
	  "<p>Base64 <b>HTML</b> \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7</p>",
	  "<p>Inline <i>xhtml</i></p>", NULL, NULL, NULL },
	{ "atom10.xml", NULL, "atom1.0", NULL, NULL,
	  "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1 \xd8\xa8"
	  "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9",
	  "https://atom.example/ar/", "ar", "rtl", 3, 0,
	  "tag:atom.example,2026:1",
	  "\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 & \xd8\xa7\xd9\x84\xd8\xae"
	  "\xd8\xa8\xd8\xb1", "https://atom.example/ar/news/one.html",
	  "2026-11-28T11:05:00Z", "2026-11-28T15:00:00Z",
	  "\xd9\x84\xd9\x8a\xd9\x84\xd9\x89", "politics",
	  "\xd9\x85\xd9\x84\xd8\xae\xd8\xb5 <\xd9\x86\xd8\xb5\xd9\x8a>",
	  "<a href=\"https://atom.example/ar/news/two.html\">",
	  "https://atom.example/img/one.jpg", "ar", "rtl" },
	{ "atom10.xml", NULL, "atom1.0", NULL, NULL, NULL, NULL, NULL, NULL,
	  3, 1, "tag:atom.example,2026:2", "English entry",
	  "https://atom.example/en/2", "-", "2026-11-27T08:00:00Z", NULL, NULL,
	  NULL, "<p>Hello &amp; welcome</p>", NULL, "en-GB", "auto" },
	{ "atom-nons.xml", NULL, "atom", NULL, NULL,
	  "Atom without a namespace", "http://nons.example/", NULL, NULL, 1,
	  0, "urn:nons:1", "Entry", "http://nons.example/1", "-",
	  "2026-11-28T10:00:00Z", NULL, NULL, "Read all the same.", NULL,
	  NULL, NULL, NULL },
	{ "jsonfeed11.json", NULL, "json1.1", NULL, "not an object",
	  "\xd8\xae\xd9\x84\xd8\xa7\xd8\xb5\xd8\xa9 JSON",
	  "https://json.example/", "ar", "rtl", 2, 0, "1",
	  "\xd8\xa3\xd9\x88\xd9\x84 \xd9\x85\xd9\x82\xd8\xa7\xd9\x84",
	  "https://json.example/posts/1", "2026-11-28T11:05:00Z",
	  "2026-11-28T15:05:00Z", "\xd9\x87\xd9\x86\xd8\xaf",
	  "\xd8\xaa\xd9\x82\xd9\x86\xd9\x8a\xd8\xa9",
	  "\xd9\x85\xd9\x84\xd8\xae\xd8\xb5", "<p>", "https://json.example/a.mp3",
	  "ar", "rtl" },
	{ "jsonfeed11.json", NULL, "json1.1", NULL, NULL, NULL, NULL, NULL,
	  NULL, 2, 1, "2", NULL, "https://json.example/posts/2", "-", "-",
	  NULL, NULL, NULL, "plain text only", NULL, "en", "auto" },
	{ "jsonfeed10.json", NULL, "json1.0", NULL, NULL, "JSON Feed 1.0",
	  "https://json10.example/", NULL, "auto", 1, 0, "a", "One", NULL,
	  "2026-11-28T14:05:00Z", "-", "Item Author", NULL, NULL, "x[31mred",
	  NULL, NULL, NULL },
	/* the content decides the format, not the Content-Type */
	{ "jsonfeed10.json", "application/rss+xml", "json1.0", NULL, NULL,
	  "JSON Feed 1.0", NULL, NULL, NULL, 1, 0, "a", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ "rss090.rdf", "application/feed+json", "rss0.90", NULL, NULL,
	  "RSS 0.90 test", NULL, NULL, NULL, 2, 0, NULL, "Old item one", NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ .file = "json-truncated.json", .cause = "not valid JSON" },
	{ .file = "json-not-feed.json", .cause = "not a JSON Feed" },
	/* encodings */
	{ "utf-16le-nobom.xml", NULL, "rss2.0", NULL, NULL,
	  "\xd8\xa8\xd9\x84\xd8\xa7 BOM", NULL, NULL, NULL, 1, 0, NULL,
	  "\xd8\xb9\xd9\x86\xd8\xb5\xd8\xb1", NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL },
	{ "declared-utf16-ascii.xml", NULL, "rss2.0", NULL, "read as UTF-8",
	  "Says UTF-16, is ASCII", NULL, NULL, NULL, 1, 0, NULL, "x", NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ "windows-1256.xml", NULL, "rss2.0", NULL, NULL, AR_TITLE, NULL, "ar",
	  "rtl", 1, 0, NULL, AR_TITLE, NULL, NULL, NULL, NULL, NULL, AR_BODY,
	  NULL, NULL, "ar", "rtl" },
	{ "iso-8859-6.xml", NULL, "rss2.0", NULL, NULL, AR_TITLE, NULL, "ar",
	  "rtl", 1, 0, NULL, AR_TITLE, NULL, NULL, NULL, NULL, NULL,
	  "\xd9\x86\xd8\xad\xd9\x86 \xd9\x85\xd8\xaa\xd9\x81\xd8\xa7\xd8\xa6"
	  "\xd9\x84\xd9\x88\xd9\x86.", NULL, NULL, NULL, NULL },
	{ "utf-16le.xml", NULL, "rss2.0", NULL, NULL, AR_TITLE, NULL, "ar",
	  "rtl", 1, 0, NULL, AR_TITLE, NULL, NULL, NULL, NULL, NULL, AR_BODY,
	  NULL, NULL, NULL, NULL },
	{ "utf-16be.xml", NULL, "rss2.0", NULL, NULL, AR_TITLE, NULL, "ar",
	  "rtl", 1, 0, NULL, AR_TITLE, NULL, NULL, NULL, NULL, NULL, AR_BODY,
	  NULL, NULL, NULL, NULL },
	{ "utf-16le.xml", "text/xml; charset=iso-8859-1", "rss2.0", NULL, NULL,
	  AR_TITLE, NULL, NULL, NULL, 1, 0, NULL, AR_TITLE, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ "wrong-encoding.xml", NULL, "rss2.0", NULL, "read as windows-1256",
	  AR_TITLE, NULL, NULL, NULL, 1, 0, NULL, AR_TITLE, NULL, NULL, NULL,
	  NULL, NULL, AR_BODY, NULL, NULL, NULL, NULL },
	{ "wrong-encoding-utf8.xml", NULL, "rss2.0", NULL, "read as UTF-8",
	  AR_TITLE, NULL, NULL, NULL, 1, 0, NULL, AR_TITLE, NULL, NULL, NULL,
	  NULL, NULL, AR_BODY, NULL, NULL, NULL, NULL },
	{ "wrong-encoding-utf8.xml", "application/rss+xml; charset=ISO-8859-6",
	  "rss2.0", NULL, "the Content-Type says iso-8859-6", AR_TITLE, NULL,
	  NULL, NULL, 1, 0, NULL, AR_TITLE, NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL },
	{ "invalid-utf8.xml", NULL, "rss2.0", NULL, "replaced by U+FFFD",
	  "\xd8\xae\xd8\xa8\xd8\xb1 \xef\xbf\xbd\xef\xbf\xbd \xd8\xb9\xd8\xa7"
	  "\xd8\xac\xd9\x84", NULL, NULL, NULL, 1, 0, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	/* relative links, in escaped HTML too */
	{ "relative-links.xml", NULL, "atom1.0", NULL, NULL, "Relative links",
	  "http://rel.example/home", NULL, NULL, 1, 0, NULL, NULL,
	  "http://rel.example/entries/2026/post.html", NULL, NULL, NULL, NULL,
	  NULL, "<a href=\"http://rel.example/entries/2026/rel.html\">a</a> "
	  "<img src=\"http://rel.example/img.png\" alt=\"x\"> <a href=\""
	  "http://rel.example/entries/2026/bare.html\">b</a> <a href=\""
	  "http://abs.example/x\">c</a> <a href=\"mailto:m@x.example\">m</a>"
	  " <a href=\"#top\">t</a> 1 < 2 <!-- <a href=\"in-comment\"> -->",
	  NULL, NULL, NULL },
	{ "rss-relative.xml", NULL, "rss2.0", NULL, NULL, NULL,
	  "https://rss-rel.example/section/", NULL, NULL, 1, 0, NULL, NULL,
	  "https://rss-rel.example/section/item.html", NULL, NULL, NULL, NULL,
	  "<a href=\"https://rss-rel.example/up.html\">up</a> <img src=\""
	  "https://rss-rel.example/section/pic.jpg\">", NULL, NULL, NULL,
	  NULL },
	{ "charrefs.xml", NULL, "atom1.0", NULL, NULL,
	  "a \xef\xbf\xbd b \xef\xbf\xbd c \xef\xbf\xbd d e [31m f "
	  "\xef\xbf\xbd g", NULL, NULL, NULL, 1, 0, "urn:charrefs:1", NULL,
	  "http://charrefs.example/alternate", NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL },
	/* media:description stands in for a missing summary, only then */
	{ .file = "media-description.xml", .format = "atom1.0",
	  .title = "Evening bulletin videos", .nitems = 2, .idx = 0,
	  .i_id = "urn:akhbar-test:media-description:1",
	  .i_summary = "Weather, markets and the football results.",
	  .i_enclosure = "https://video.example/v/sun.mp4" },
	{ .file = "media-description.xml", .format = "atom1.0", .nitems = 2,
	  .idx = 1, .i_id = "urn:akhbar-test:media-description:2",
	  .i_summary = "The real summary of Monday." },
	/* "fa_IR" is read as the BCP 47 tag "fa-IR" */
	{ .file = "lang-underscore.xml", .format = "rss2.0",
	  .title = "Locale-style tags", .language = "fa-IR", .dir = "rtl",
	  .nitems = 1, .idx = 0, .i_id = "locale-1", .i_language = "ar-EG",
	  .i_dir = "rtl" },
	/* a PHP notice printed before the XML is skipped, with a warning */
	{ .file = "junk-before-xml.xml", .format = "rss2.0",
	  .warning = "bytes of text before the feed", .title = "Noisy script",
	  .link = "https://noisy.example/", .nitems = 1, .idx = 0,
	  .i_title = "Read in spite of the notice",
	  .i_link = "https://noisy.example/1" },
	/* so do a JSON Feed's top-level authors */
	{ .file = "jsonfeed-authors.json", .format = "json1.1",
	  .title = "Column desk", .link = "https://columns.example/",
	  .nitems = 2, .idx = 0, .i_id = "col-1", .i_author = "Nadia Saleh" },
	{ .file = "jsonfeed-authors.json", .format = "json1.1", .nitems = 2,
	  .idx = 1, .i_id = "col-2", .i_author = "Guest Writer" },
	/* an Atom feed's author stands in for an entry's missing one */
	{ .file = "atom-feed-author.xml", .format = "atom1.0",
	  .title = "Desk of the evening edition", .nitems = 2, .idx = 0,
	  .i_id = "urn:akhbar-test:feed-author:1",
	  .i_author = "Layla Haddad" },
	{ .file = "atom-feed-author.xml", .format = "atom1.0", .nitems = 2,
	  .idx = 1, .i_id = "urn:akhbar-test:feed-author:2",
	  .i_author = "Karim Nasser" },
	/* CDATA is copied as is: no entity rewriting inside it */
	{ "cdata.xml", NULL, "rss2.0", NULL, NULL, "CDATA & more",
	  "https://cdata.example/?a=1&b=2", NULL, NULL, 1, 0, NULL,
	  "AT&T bold ]]> end", "https://cdata.example/item?x=1&y=2", NULL,
	  NULL, NULL, NULL,
	  "<p>Tom & Jerry &copy; &amp; <a href=\"https://cdata.example/a?b=1&c=2\">"
	  "x</a></p> & after",
	  NULL, NULL, NULL, NULL },
	/* hostile and broken input */
	{ "nul-bytes.xml", NULL, "rss2.0", NULL, NULL, "nul in title", NULL,
	  NULL, NULL, 1, 0, NULL, "nul in title", NULL, NULL, NULL, NULL, NULL,
	  "esc [31mred[0m and bell", NULL, NULL, NULL, NULL },
	/* ESC goes; the C1 references are windows-1252 U+203A and U+2026 */
	{ "control-chars.xml", NULL, "rss2.0", NULL, NULL, "Controls", NULL,
	  NULL, NULL, 1, 0, NULL, "esc [2J clear \xe2\x80\xba" "31m csi "
	  "\xe2\x80\xa6 nel", NULL, NULL,
	  NULL, NULL, NULL,
	  "bidi: \xe2\x80\x8f\xe2\x80\xab" "x\xe2\x80\xac zwj: \xe2\x80\x8d "
	  "zwnj: \xe2\x80\x8c", NULL, NULL, NULL, NULL },
	{ "truncated.xml", NULL, "rss2.0", NULL, "ends inside item 3",
	  "Truncated", NULL, NULL, NULL, 2, 1, NULL, "Two", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ "illformed.xml", NULL, "rss2.0", NULL, "mismatch",
	  "Ill-formed & proud", "https://ill.example/?a=1&b=2", NULL, NULL, 2,
	  0, NULL, "Undeclared prefix", "https://ill.example/1?x=1&y=2",
	  "2026-11-28T10:00:00Z", NULL, "Prefix Forgotten", NULL,
	  "unclosed <b>bold", NULL, NULL, NULL, NULL },
	{ "illformed.xml", NULL, "rss2.0", NULL, NULL, NULL, NULL, NULL, NULL,
	  2, 1, NULL, "Still read", "https://ill.example/2", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL },
	{ "billion-laughs.xml", NULL, "rss2.0", NULL, "lol9", "Laughs", NULL,
	  NULL, NULL, 2, 0, NULL, "bomb end", NULL, NULL, NULL, NULL, NULL,
	  "loop  end", NULL, NULL, NULL, NULL },
	{ "xxe.xml", NULL, "rss2.0", NULL, "passwd", "XXE", NULL, NULL, NULL,
	  1, 0, NULL, "secret:", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL },
	{ .file = "html-page.html", .cause = "an HTML page, which links to a "
	  "feed at /feed.xml" },
	{ .file = "not-feed.xml", .cause = "root element is <svg>" },
	{ .file = "not-feed.txt", .cause = "neither XML nor JSON" },
	{ .file = "empty.xml", .cause = "empty" },
};

/* Read a whole file. */
static char *
slurp(const char *path, size_t *len)
{
	FILE		*f;
	struct str	 s;
	char		 buf[8192];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	str_init(&s);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, n);
	fclose(f);
	*len = s.len;
	return (str_steal(&s));
}

/* Parse a buffer pushed in chunks of the given size. */
static struct feed *
parse_buf(const char *buf, size_t len, size_t chunk, const char *ctype,
    struct strv *warnings, char **cause)
{
	struct parse		*p;
	struct feed		*f;
	const struct strv	*w;
	size_t			 off, n, i;

	p = parse_new(NULL, ctype, NULL, NULL);
	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		if (parse_push(p, buf + off, n) != 0)
			break;
	}
	f = parse_finish(p, cause);
	w = parse_warnings(p);
	for (i = 0; warnings != NULL && i < w->n; i++)
		strv_add(warnings, w->v[i]);
	parse_free(p);
	return (f);
}

static void
check_date(int64_t t, const char *want, const char *what, const char *file)
{
	char	buf[64];

	if (want == NULL)
		return;
	if (t == FEED_TIME_UNKNOWN)
		strcpy(buf, "-");
	else
		parse_date_format(t, buf, sizeof buf);
	is_str(buf, want, "%s: %s", file, what);
}

static void
check_sub(const char *got, const char *want, const char *what,
    const char *file)
{
	if (want == NULL)
		return;
	if (!ok(got != NULL && strstr(got, want) != NULL, "%s: %s has '%s'",
	    file, what, want))
		diag("got: %s", got != NULL ? got : "NULL");
}

static bool
has_warning(const struct strv *w, const char *sub)
{
	size_t	i;

	for (i = 0; i < w->n; i++) {
		if (strcasestr(w->v[i], sub) != NULL)
			return (true);
	}
	return (false);
}

static void
test_case(const struct want *c)
{
	struct strv	 warnings = { NULL, 0 };
	struct feed	*f, *g;
	struct item	*it;
	struct str	 j1, j2;
	char		*buf, *cause = NULL, *cause2;
	size_t		 len, i;
	static const size_t chunks[] = { 1, 7, 4096 };

	if ((buf = slurp(tap_data(c->file), &len)) == NULL) {
		ok(0, "%s: read the fixture", c->file);
		return;
	}
	f = parse_buf(buf, len, len + 1, c->ctype, &warnings, &cause);
	if (c->format == NULL) {
		ok(f == NULL, "%s: not a feed", c->file);
		check_sub(cause, c->cause, "the reason", c->file);
		for (i = 0; i < 3; i++) {
			cause2 = NULL;
			g = parse_buf(buf, len, chunks[i], c->ctype, NULL,
			    &cause2);
			ok(g == NULL && cause2 != NULL, "%s: in %zu-byte "
			    "chunks, not a feed either", c->file, chunks[i]);
			feed_free(g);
			free(cause2);
		}
		feed_free(f);
		free(cause);
		free(buf);
		strv_free(&warnings);
		return;
	}
	if (!ok(f != NULL, "%s: read as a feed", c->file)) {
		diag("cause: %s", cause);
		free(cause);
		free(buf);
		strv_free(&warnings);
		return;
	}
	is_str(f->format, c->format, "%s: format", c->file);
	if (c->warning != NULL && !ok(has_warning(&warnings, c->warning),
	    "%s: warns '%s'", c->file, c->warning)) {
		for (i = 0; i < warnings.n; i++)
			diag("warning: %s", warnings.v[i]);
	}
	if (c->title != NULL)
		is_str(f->title, c->title, "%s: feed title", c->file);
	if (c->link != NULL)
		is_str(f->link, c->link, "%s: feed link", c->file);
	if (c->language != NULL)
		is_str(f->language, c->language, "%s: feed language", c->file);
	if (c->dir != NULL)
		is_str(feed_dir_name(f->dir), c->dir, "%s: feed direction",
		    c->file);
	is_int(f->nitems, c->nitems, "%s: item count", c->file);
	if ((size_t)c->idx < f->nitems) {
		it = f->items[c->idx];
		if (c->i_id != NULL)
			ok(it->guid != NULL && strncmp(it->guid, c->i_id,
			    strlen(c->i_id)) == 0, "%s[%d]: id '%s' (got %s)",
			    c->file, c->idx, c->i_id, it->guid);
		if (c->i_title != NULL)
			is_str(it->title, c->i_title, "%s[%d]: title", c->file,
			    c->idx);
		if (c->i_link != NULL)
			is_str(it->link, c->i_link, "%s[%d]: link", c->file,
			    c->idx);
		check_date(it->published, c->i_published, "published",
		    c->file);
		check_date(it->updated, c->i_updated, "updated", c->file);
		if (c->i_author != NULL)
			is_str(it->authors.n > 0 ? it->authors.v[0] : NULL,
			    c->i_author, "%s[%d]: author", c->file, c->idx);
		if (c->i_category != NULL)
			is_str(it->categories.n > 0 ? it->categories.v[0] :
			    NULL, c->i_category, "%s[%d]: category", c->file,
			    c->idx);
		check_sub(it->summary, c->i_summary, "summary", c->file);
		check_sub(it->content, c->i_content, "content", c->file);
		if (c->i_enclosure != NULL)
			is_str(it->nenclosures > 0 ? it->enclosures[0].url :
			    NULL, c->i_enclosure, "%s[%d]: enclosure", c->file,
			    c->idx);
		if (c->i_language != NULL)
			is_str(it->language, c->i_language, "%s[%d]: language",
			    c->file, c->idx);
		if (c->i_dir != NULL)
			is_str(feed_dir_name(it->dir), c->i_dir,
			    "%s[%d]: direction", c->file, c->idx);
	} else
		ok(0, "%s: item %d exists", c->file, c->idx);

	/* However the bytes are cut, the result is the same. */
	str_init(&j1);
	cli_json_feed(f, &j1);
	for (i = 0; i < 3 && c->idx == 0; i++) {
		cause2 = NULL;
		g = parse_buf(buf, len, chunks[i], c->ctype, NULL, &cause2);
		str_init(&j2);
		if (g != NULL)
			cli_json_feed(g, &j2);
		if (!ok(g != NULL && strcmp(str_cstr(&j1), str_cstr(&j2)) == 0,
		    "%s: same result in %zu-byte chunks", c->file, chunks[i]))
			diag("%s", str_cstr(&j2));
		str_free(&j2);
		feed_free(g);
		free(cause2);
	}
	str_free(&j1);
	feed_free(f);
	strv_free(&warnings);
	free(buf);
}

struct count {
	size_t		 n;
	char		*last;
	size_t		 biggest;
};

static void
count_cb(struct item *it, void *arg)
{
	struct count	*c = arg;
	size_t		 n;

	c->n++;
	free(c->last);
	c->last = it->title != NULL ? xstrdup(it->title) : NULL;
	n = it->summary != NULL ? strlen(it->summary) : 0;
	if (n > c->biggest)
		c->biggest = n;
	item_free(it);
}

/* 10 000 items stream through the callback, one at a time. */
static void
test_many_items(void)
{
	struct parse	*p;
	struct feed	*f;
	struct count	 c = { 0, NULL, 0 };
	struct str	 s;
	char		*cause = NULL;
	int		 i;
	size_t		 before = 0;

	p = parse_new("https://many.example/feed", "application/rss+xml",
	    count_cb, &c);
	str_init(&s);
	str_appends(&s, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"
	    "<channel><title>Many</title><link>/</link>\n");
	parse_push(p, s.ptr, s.len);
	for (i = 1; i <= 10000; i++) {
		str_clear(&s);
		str_printf(&s, "<item><title>item %d</title><link>/i/%d</link>"
		    "<description>body %d</description>"
		    "<pubDate>Sat, 28 Nov 2026 14:05:00 GMT</pubDate></item>\n",
		    i, i, i);
		parse_push(p, s.ptr, s.len);
		if (i == 5000)
			before = c.n;
	}
	ok(before >= 4000, "items are handed out while the document streams "
	    "(%zu of 5000 pushed)", before);
	parse_push(p, "</channel></rss>\n", 17);
	f = parse_finish(p, &cause);
	ok(f != NULL, "10 000-item feed read");
	is_int(c.n, 10000, "10 000 items through the callback");
	is_str(c.last, "item 10000", "the last item is the last");
	ok(f != NULL && f->nitems == 0, "callback mode keeps no items");
	is_str(f != NULL ? f->title : NULL, "Many", "feed title after items");
	feed_free(f);
	parse_free(p);
	free(c.last);
	str_free(&s);
}

/* A 50 MB description is cut at the field cap, and later items still come. */
static void
test_huge_item(void)
{
	struct parse		*p;
	struct feed		*f;
	struct count		 c = { 0, NULL, 0 };
	char			*chunk, *cause = NULL;
	const char		*head = "<?xml version=\"1.0\"?><rss version="
	    "\"2.0\"><channel><title>Huge</title><item><title>big</title>"
	    "<description>";
	const char		*tail = "</description></item><item><title>"
	    "after</title></item></channel></rss>";
	size_t			 i, n = 65536;
	bool			 warned = false;
	const struct strv	*w;

	chunk = xmalloc(n);
	for (i = 0; i < n; i++)
		chunk[i] = "abcdefgh \xd8\xb9"[i % 11];
	p = parse_new(NULL, NULL, count_cb, &c);
	parse_push(p, head, strlen(head));
	for (i = 0; i < 50 * 16; i++)	/* 50 MB */
		parse_push(p, chunk, n);
	parse_push(p, tail, strlen(tail));
	f = parse_finish(p, &cause);
	ok(f != NULL, "a feed with a 50 MB item is read");
	is_int(c.n, 2, "both items come out");
	is_str(c.last, "after", "the item after the huge one is read");
	ok(c.biggest > 1000000 && c.biggest <= 16 * 1024 * 1024 + 8,
	    "the huge field is cut at the cap (%zu bytes)", c.biggest);
	w = parse_warnings(p);
	for (i = 0; i < w->n; i++)
		warned |= strstr(w->v[i], "longer than") != NULL;
	ok(warned, "the cut is reported");
	feed_free(f);
	parse_free(p);
	free(c.last);
	free(chunk);
}

/*
 * Relative links in HTML descriptions are made absolute; HTML without an
 * '=' anywhere has no attribute to resolve and is kept as it is.
 */
static void
test_resolve_html(void)
{
	struct feed	*f;
	char		*cause = NULL;
	const char	*doc = "<rss version=\"2.0\"><channel><title>R</title>"
	    "<link>https://r.example/news/</link>"
	    "<item><title>a</title><description>&lt;p&gt;x &lt;b&gt;y&lt;/b&gt;"
	    "&lt;br/&gt;&lt;/p&gt;</description></item>"
	    "<item><title>b</title><description>&lt;p&gt;1 = 1&lt;/p&gt;"
	    "&lt;img src=a.png&gt;</description></item>"
	    "<item><title>c</title><description>&lt;a href='../b'&gt;"
	    "</description></item></channel></rss>";

	f = parse_buf(doc, strlen(doc), strlen(doc), NULL, NULL, &cause);
	ok(f != NULL && f->nitems == 3, "resolve: three items");
	if (f == NULL || f->nitems != 3) {
		feed_free(f);
		free(cause);
		return;
	}
	is_str(f->items[0]->summary, "<p>x <b>y</b><br/></p>",
	    "resolve: HTML without '=' is kept as it is");
	is_str(f->items[1]->summary, "<p>1 = 1</p><img src="
	    "\"https://r.example/news/a.png\">",
	    "resolve: an unquoted src is resolved");
	is_str(f->items[2]->summary, "<a href=\"https://r.example/b\">",
	    "resolve: a single-quoted href is resolved");
	feed_free(f);
}

/*
 * A parser keeps the base it last resolved against: items under
 * different xml:base values, and the feed's link, must each get their own.
 */
static void
test_base_switch(void)
{
	struct feed	*f;
	char		*cause = NULL;
	const char	*doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	    "<title>B</title><link href=\"https://feed.example/f/\"/>"
	    "<entry xml:base=\"https://a.example/x/\"><id>1</id>"
	    "<link href=\"p.html\"/></entry>"
	    "<entry xml:base=\"https://b.example/y/\"><id>2</id>"
	    "<link href=\"p.html\"/></entry>"
	    "<entry xml:base=\"https://a.example/x/\"><id>3</id>"
	    "<link href=\"../q.html\"/></entry>"
	    "<entry><id>4</id><link href=\"p.html\"/></entry>"
	    "</feed>";

	f = parse_buf(doc, strlen(doc), strlen(doc), NULL, NULL, &cause);
	ok(f != NULL && f->nitems == 4, "base switch: four entries");
	if (f == NULL || f->nitems != 4) {
		feed_free(f);
		free(cause);
		return;
	}
	is_str(f->items[0]->link, "https://a.example/x/p.html",
	    "base switch: first xml:base");
	is_str(f->items[1]->link, "https://b.example/y/p.html",
	    "base switch: another xml:base");
	is_str(f->items[2]->link, "https://a.example/q.html",
	    "base switch: back to the first");
	is_str(f->items[3]->link, "https://feed.example/f/p.html",
	    "base switch: no xml:base, the feed's link");
	feed_free(f);
}

/*
 * A big document handed over whole (as the poller does with a buffered
 * feed) goes through the parser in slices, and clean UTF-8 skips the
 * decoder: the result must be the one byte-sized chunks give, with 2-, 3-
 * and 4-byte characters, a control right after a multi-byte character,
 * cut and invalid sequences, HTML entities and CDATA everywhere.
 */
static void
test_slices(void)
{
	static const size_t chunks[] = { 1, 2, 3, 5, 7, 4096, 65537 };
	struct feed	*f, *g;
	struct str	 doc, j1, j2;
	char		*cause = NULL, want[256];
	size_t		 i;
	int		 k;

	str_init(&doc);
	str_appends(&doc, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<rss version=\"2.0\"><channel><title>Slices</title>"
	    "<link>https://slices.example/</link>\n");
	for (k = 0; k < 600; k++) {
		/* "عربي", €, an emoji, ع, a control byte, ESC, a cut € ... */
		str_printf(&doc, "<item><title>T%d \xd8\xb9\xd8\xb1\xd8\xa8"
		    "\xd9\x8a\xe2\x82\xac\xf0\x9f\x98\x80\xd8\xb9\x01\x1b[31m "
		    "\xe2\x82 x&nbsp;AT&T \xc3</title><link>/i/%d</link>"
		    "<description><![CDATA[<p>%.*s&nbsp;\xd8\xb9\x02]] ></p>"
		    "]]]></description><content:encoded xmlns:content=\"http://"
		    "purl.org/rss/1.0/modules/content/\">&lt;b&gt;\xd9\x84"
		    "&#1;&#xD800;&eacute;%.*s</content:encoded></item>\n", k, k,
		    k % 97, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 "
		    "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd9\x85\xd8\xb1"
		    "\xd8\xad\xd8\xa8\xd8\xa7 \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8"
		    "\xd8\xa7 \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd9\x85"
		    "\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd9\x85\xd8\xb1\xd8\xad"
		    "\xd8\xa8\xd8\xa7 \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 ",
		    k % 5, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
	}
	str_appends(&doc, "</channel></rss>\n");
	ok(doc.len > 2 * 64 * 1024, "the document is big enough to be "
	    "sliced (%zu bytes)", doc.len);

	f = parse_buf(doc.ptr, doc.len, doc.len, NULL, NULL, &cause);
	is_int(f != NULL ? f->nitems : 0, 600, "sliced: every item is read");
	snprintf(want, sizeof want, "T%d \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a"
	    "\xe2\x82\xac\xf0\x9f\x98\x80\xd8\xb9[31m \xef\xbf\xbd\xef\xbf\xbd"
	    " x AT&T \xef\xbf\xbd", 599);
	is_str(f != NULL && f->nitems == 600 ? f->items[599]->title : NULL,
	    want, "sliced: controls go, cut sequences are U+FFFD, entities "
	    "are read");
	ok(f != NULL && f->nitems == 600 && f->items[599]->summary != NULL &&
	    strstr(f->items[599]->summary, "&nbsp;\xd8\xb9]] ></p>]") != NULL,
	    "sliced: CDATA is left alone but for its control byte");
	ok(f != NULL && f->nitems == 600 && f->items[599]->content != NULL &&
	    strncmp(f->items[599]->content, "<b>\xd9\x84\xef\xbf\xbd\xc3\xa9",
	    9) == 0, "sliced: character references in text");
	str_init(&j1);
	if (f != NULL)
		cli_json_feed(f, &j1);
	for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		free(cause);
		cause = NULL;
		g = parse_buf(doc.ptr, doc.len, chunks[i], NULL, NULL, &cause);
		str_init(&j2);
		if (g != NULL)
			cli_json_feed(g, &j2);
		ok(f != NULL && g != NULL &&
		    strcmp(str_cstr(&j1), str_cstr(&j2)) == 0,
		    "sliced: same result in %zu-byte chunks", chunks[i]);
		str_free(&j2);
		feed_free(g);
	}
	free(cause);
	str_free(&j1);
	feed_free(f);
	str_free(&doc);
}

/* Deep nesting ends in an error, not a crash; earlier items survive. */
static void
test_deep_nesting(void)
{
	struct str	 s;
	struct feed	*f;
	struct strv	 warnings = { NULL, 0 };
	char		*cause = NULL;
	int		 i;

	str_init(&s);
	str_appends(&s, "<rss version=\"2.0\"><channel><title>Deep</title>"
	    "<item><title>first</title></item><item><title>deep</title>"
	    "<description>");
	for (i = 0; i < 100000; i++)
		str_appends(&s, "<div>");
	str_appends(&s, "x");
	for (i = 0; i < 100000; i++)
		str_appends(&s, "</div>");
	str_appends(&s, "</description></item></channel></rss>");
	f = parse_buf(s.ptr, s.len, 4096, NULL, &warnings, &cause);
	ok(f != NULL, "deeply nested document: a feed still");
	ok(f != NULL && f->nitems >= 1 &&
	    strcmp(f->items[0]->title, "first") == 0,
	    "deeply nested document: the item before is read");
	ok(warnings.n > 0, "deeply nested document: the error is reported");
	feed_free(f);
	free(cause);
	strv_free(&warnings);
	str_free(&s);
}

/* 50 000 distinct categories in one item: capped, not quadratic. */
static void
test_many_categories(void)
{
	struct str	 s;
	struct feed	*f;
	char		*cause = NULL;
	int		 i;

	str_init(&s);
	str_appends(&s, "<rss version=\"2.0\"><channel><item><title>c</title>");
	for (i = 0; i < 50000; i++)
		str_printf(&s, "<category>c%d</category>"
		    "<enclosure url=\"/e%d\"/>", i, i);
	str_appends(&s, "</item></channel></rss>");
	f = parse_buf(s.ptr, s.len, 65536, NULL, NULL, &cause);
	ok(f != NULL && f->nitems == 1, "an item with 50 000 categories");
	if (f != NULL && f->nitems == 1) {
		is_int(f->items[0]->categories.n, 256, "categories are capped");
		is_int(f->items[0]->nenclosures, 256, "enclosures are capped");
	}
	feed_free(f);
	free(cause);
	str_free(&s);
}

/* Leading white space longer than the sniffing window is no problem. */
static void
test_leading_space(void)
{
	struct str	 s;
	struct feed	*f;
	char		*cause = NULL;

	str_init(&s);
	while (s.len < 20000)
		str_appends(&s, "  \n\t\r\n");
	str_appends(&s, "<?xml version=\"1.0\" encoding=\"windows-1256\"?>"
	    "<rss version=\"2.0\"><channel><title>Spaced \xc7\xe1</title>"
	    "</channel></rss>");
	f = parse_buf(s.ptr, s.len, 1000, NULL, NULL, &cause);
	is_str(f != NULL ? f->title : cause, "Spaced \xd8\xa7\xd9\x84",
	    "20 kB of white space before the XML declaration");
	feed_free(f);
	free(cause);
	cause = NULL;
	/* A first chunk big enough to decide on is read where it is. */
	f = parse_buf(s.ptr, s.len, 10000, NULL, NULL, &cause);
	is_str(f != NULL ? f->title : cause, "Spaced \xd8\xa7\xd9\x84",
	    "... in a first chunk of 10 kB of white space");
	feed_free(f);
	free(cause);
	cause = NULL;
	f = parse_buf(s.ptr, s.len, s.len, NULL, NULL, &cause);
	is_str(f != NULL ? f->title : cause, "Spaced \xd8\xa7\xd9\x84",
	    "... in one chunk");
	feed_free(f);
	free(cause);
	str_free(&s);
}

/* The Content-Type charset outranks the XML declaration. */
static void
test_http_charset(void)
{
	struct feed	*f;
	char		*cause = NULL;
	const char	*doc = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>"
	    "<rss version=\"2.0\"><channel><title>\xc7\xe1\xc3\xce\xc8\xc7\xd1"
	    "</title></channel></rss>";

	f = parse_buf(doc, strlen(doc), 5, "text/xml; charset=\"windows-1256\"",
	    NULL, &cause);
	is_str(f != NULL ? f->title : NULL,
	    "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1",
	    "HTTP charset windows-1256 beats the declaration");
	feed_free(f);
	f = parse_buf(doc, strlen(doc), 5, NULL, NULL, &cause);
	is_str(f != NULL ? f->title : NULL,
	    "\xc3\x87\xc3\xa1\xc3\x83\xc3\x8e\xc3\x88\xc3\x87\xc3\x91",
	    "without it the declaration (Latin-1) rules");
	feed_free(f);
}

/*
 * A document with text libxml2 is handed as CDATA (entities, character
 * references and Arabic decoded), around a comment with entities and an
 * attribute holding a '>'. Parsed whole, it must give the fields below,
 * with runs rewritten; cut in two at every byte, and pushed in chunks of
 * every size up to 64, the same.
 */
#define CD_DOC(feedtitle) "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
	"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/" \
	"modules/content/\"><channel><title>" feedtitle "</title>" \
	"<link>https://c.example/</link>\n" \
	"<!-- &lt;b&gt; & &nbsp; -->" \
	"<item><title>" AR_TITLE " &amp; &#1575;&#x644; &quot;q&apos; " \
	"&nbsp;x</title><guid isPermaLink=\"false\" x=\"a>b\">g1</guid>" \
	"<description>&lt;p&gt;" AR_TITLE " &lt;/p&gt;</description>" \
	"<content:encoded>&lt;b&gt;&lt;![CDATA[x]]&gt;&lt;/b&gt;" AR_BODY \
	"</content:encoded></item>\n</channel></rss>\n"

/* Parse doc pushed in two parts cut at cut (or in chunks of chunk). */
static struct feed *
cd_parse(const char *doc, size_t len, size_t cut, size_t chunk, size_t *runs)
{
	struct parse	*p;
	struct feed	*f;
	char		*cause = NULL;
	size_t		 off, n;

	p = parse_new(NULL, NULL, NULL, NULL);
	if (chunk == 0) {
		parse_push(p, doc, cut);
		parse_push(p, doc + cut, len - cut);
	} else {
		for (off = 0; off < len; off += n) {
			n = len - off < chunk ? len - off : chunk;
			parse_push(p, doc + off, n);
		}
	}
	f = parse_finish(p, &cause);
	if (runs != NULL)
		*runs = parse_cdata_runs(p);
	parse_free(p);
	free(cause);
	return (f);
}

/* The document parsed whole, and cut everywhere, gives want_json. */
static void
cd_check_cuts(const char *doc, const char *what)
{
	struct feed	*f, *g;
	struct str	 j1, j2;
	size_t		 len = strlen(doc), k, bad = 0, badk = 0;

	str_init(&j1);
	f = cd_parse(doc, len, len, 0, NULL);
	if (f != NULL)
		cli_json_feed(f, &j1);
	for (k = 1; k < len + 64; k++) {
		if (k < len)
			g = cd_parse(doc, len, k, 0, NULL);
		else
			g = cd_parse(doc, len, 0, k - len + 1, NULL);
		str_init(&j2);
		if (g != NULL)
			cli_json_feed(g, &j2);
		if (g == NULL || strcmp(str_cstr(&j1), str_cstr(&j2)) != 0) {
			if (bad++ == 0)
				badk = k;
		}
		str_free(&j2);
		feed_free(g);
	}
	ok(f != NULL && bad == 0, "cdata: %s: the same cut at every byte and "
	    "in chunks of 1 to 64 bytes (%zu differ, first at %zu)", what, bad,
	    badk);
	str_free(&j1);
	feed_free(f);
}

static void
test_cdata(void)
{
	const char	*good = CD_DOC("C"), *bad = CD_DOC("C<x a='1' a='2'/>");
	const char	*doctype = "<?xml version=\"1.0\"?><!DOCTYPE rss>"
	    "<rss version=\"2.0\"><channel><title>" AR_TITLE " &amp;</title>"
	    "</channel></rss>";
	const char	*hyphens = "<rss version=\"2.0\"><channel>"
	    "<item><guid>1</guid></item><title>"
	    "<!-- a --->" AR_TITLE " &lt;b&gt;</title><description>ok"
	    "</description></channel></rss>\n";
	const char	*hyphens2 = "<rss version=\"2.0\"><channel><title>"
	    "<!-- a --->" AR_TITLE " --&gt; <x/></title><!-- -->"
	    "<description>ok</description></channel></rss>\n";
	struct feed	*f;
	size_t		 runs;

	f = cd_parse(good, strlen(good), strlen(good), 0, &runs);
	ok(f != NULL && f->nitems == 1, "cdata: one item");
	if (f != NULL && f->nitems == 1) {
		is_str(f->items[0]->title, AR_TITLE " & \xd8\xa7\xd9\x84 "
		    "\"q' x", "cdata: entities and references in a title");
		is_str(f->items[0]->guid, "g1", "cdata: an attribute with '>'");
		is_str(f->items[0]->summary, "<p>" AR_TITLE " </p>",
		    "cdata: escaped HTML");
		is_str(f->items[0]->content, "<b><![CDATA[x]]></b>" AR_BODY,
		    "cdata: ']]&gt;' and other escaped CDATA markers");
	}
	ok(runs == 3, "cdata: text runs go to libxml2 as CDATA (%zu)", runs);
	feed_free(f);
	cd_check_cuts(good, "well-formed");

	/*
	 * After an error libxml2 drops named entities; the filter hands it
	 * none ("AT&amp;T" would read "ATT"), with the rewrite or without.
	 */
	f = cd_parse(bad, strlen(bad), strlen(bad), 0, NULL);
	ok(f != NULL && f->nitems == 1, "cdata: after an error, one item");
	if (f != NULL && f->nitems == 1) {
		is_str(f->items[0]->title, AR_TITLE " & \xd8\xa7\xd9\x84 "
		    "\"q' x", "cdata: after an error, named entities are read");
		is_str(f->items[0]->summary, "<p>" AR_TITLE " </p>",
		    "cdata: after an error, in HTML too");
	}
	feed_free(f);
	cd_check_cuts(bad, "after an error");

	f = cd_parse(doctype, strlen(doctype), strlen(doctype), 0, &runs);
	is_str(f != NULL ? f->title : NULL, AR_TITLE " &", "cdata: a DOCTYPE");
	is_int(runs, 0, "cdata: nothing is rewritten after a DOCTYPE");
	feed_free(f);

	/*
	 * libxml2 does not end a comment at "--->" (it steps over "--"), so
	 * what follows is still comment to it: nothing there may be
	 * rewritten, and the title and the description are swallowed (the
	 * item before them keeps the document a feed, not one cut off
	 * before its first item).
	 */
	f = cd_parse(hyphens, strlen(hyphens), strlen(hyphens), 0, &runs);
	ok(f != NULL && f->title == NULL && f->description == NULL,
	    "cdata: '--->' does not end a comment");
	is_int(runs, 0, "cdata: nothing is rewritten after '--' in a comment");
	feed_free(f);
	f = cd_parse(hyphens2, strlen(hyphens2), strlen(hyphens2), 0, &runs);
	is_str(f != NULL ? f->title : NULL, "ok",
	    "cdata: '--&gt;' in text after '--->' ends no comment");
	is_int(runs, 0, "cdata: nor is it rewritten");
	feed_free(f);
}

/*
 * Text cut by the end of a chunk: were its first part CDATA, libxml2 would
 * read the rest as a run of its own, starting in ASCII, with the loop that
 * drops the text before a "]]>"; the whole run must read as it did.
 */
static void
test_cdata_cut_run(void)
{
	struct str	 doc;
	struct feed	*f;
	size_t		 cut, runs;

	str_init(&doc);
	str_appends(&doc, "<rss version=\"2.0\"><channel><!--");
	while (doc.len < 9000)
		str_appends(&doc, "padding ");
	str_appends(&doc, "--><title>" AR_TITLE AR_TITLE);
	cut = doc.len;
	str_appends(&doc, "x]]>y</title><description>ok</description>"
	    "</channel></rss>\n");
	f = cd_parse(doc.ptr, doc.len, doc.len, 0, NULL);
	is_str(f != NULL ? f->title : NULL, AR_TITLE AR_TITLE "x]]>y",
	    "cdata: ']]>' in text read whole");
	feed_free(f);
	f = cd_parse(doc.ptr, doc.len, cut, 0, &runs);
	is_str(f != NULL ? f->title : NULL, AR_TITLE AR_TITLE "x]]>y",
	    "cdata: ']]>' in text cut by a chunk just before it");
	is_int(runs, 0, "cdata: text cut by a chunk is not rewritten");
	feed_free(f);
	str_free(&doc);
}

/* doc pushed in chunks of chunk bytes, as JSON with the warnings first. */
static void
twin_parse(const char *doc, size_t len, size_t chunk, struct str *out)
{
	struct parse		*p;
	struct feed		*f;
	const struct strv	*w;
	char			*cause = NULL;
	size_t			 off, n, i;

	p = parse_new(NULL, NULL, NULL, NULL);
	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		parse_push(p, doc + off, n);
	}
	f = parse_finish(p, &cause);
	w = parse_warnings(p);
	for (i = 0; i < w->n; i++)
		str_printf(out, "%s\n", w->v[i]);
	if (f != NULL)
		cli_json_feed(f, out);
	feed_free(f);
	free(cause);
	parse_free(p);
}

/*
 * A DOCTYPE turns the CDATA rewrite off: the document with one must read
 * as its twin with a comment of the same length in its place, in chunks
 * of any size, warnings and all.
 */
static void
twin_check(const char *body, const char *what, bool pad)
{
	struct str	 a, b, ja, jb;
	size_t		 chunk, bad = 0, badc = 0;

	str_init(&a);
	str_init(&b);
	str_appends(&a, "<!DOCTYPE rss>\n<rss version=\"2.0\"><channel><!--");
	str_appends(&b, "<!-- twin  -->\n<rss version=\"2.0\"><channel><!--");
	while (pad && a.len < 9000) {
		str_appends(&a, "padding ");
		str_appends(&b, "padding ");
	}
	str_appends(&a, "-->");
	str_appends(&b, "-->");
	str_appends(&a, body);
	str_appends(&b, body);
	for (chunk = 1; chunk <= 70; chunk++) {
		str_init(&ja);
		str_init(&jb);
		twin_parse(a.ptr, a.len, chunk, &ja);
		twin_parse(b.ptr, b.len, chunk, &jb);
		if (strcmp(str_cstr(&ja), str_cstr(&jb)) != 0 && bad++ == 0)
			badc = chunk;
		str_free(&ja);
		str_free(&jb);
	}
	ok(bad == 0, "cdata: %s reads as with the rewrite off, in chunks of "
	    "1 to 70 bytes (%zu differ, first in %zu)", what, bad, badc);
	str_free(&a);
	str_free(&b);
}

static void
test_cdata_twins(void)
{
	twin_check("<title>" AR_TITLE AR_TITLE "&#1;x]]>y</title>"
	    "<description>" AR_TITLE AR_BODY "</description></channel></rss>\n",
	    "']]>' after text cut by a chunk", true);
	twin_check("<title><![CDATA[\xef\xbf\xbe]]><&" AR_TITLE AR_TITLE
	    "</title></channel></rss>\n", "U+FFFE in CDATA, '<&' cut", true);
	twin_check("<title><!-- a --->" AR_TITLE " &lt;b&gt;</title>"
	    "<description>ok</description></channel></rss>\n", "'--->'", true);
	twin_check("<title>" AR_TITLE "</title><!-- x -->" "<description>"
	    AR_TITLE "&amp;" AR_BODY "</description><?pi x?><link>" AR_TITLE
	    "</link></channel></rss>\n", "comments and PIs cut by chunks", true);
	/* No push of its own before a text with "&lt;": libxml2 repeats. */
	twin_check("<title><![CDATA[\xef\xbf\xbe]]></title><description>"
	    AR_TITLE "&amp;" AR_BODY "</description><link>" AR_TITLE "&lt;"
	    AR_BODY "</link></channel></rss>\n", "U+FFFE in CDATA, '&amp;'",
	    false);
	twin_check("<title>" AR_TITLE "</title><x a='1' a='2'/><description>"
	    AR_TITLE "&amp;&lt;&quot;&apos;&gt; & x" AR_BODY "</description>"
	    "</channel></rss>\n", "an error, then named references", false);
}

int
main(void)
{
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		test_case(&cases[i]);
	test_http_charset();
	test_leading_space();
	test_many_categories();
	test_many_items();
	test_deep_nesting();
	test_huge_item();
	test_slices();
	test_resolve_html();
	test_base_switch();
	test_cdata();
	test_cdata_cut_run();
	test_cdata_twins();
	return (tap_done());
}
