/*
 * Ingest fidelity (issue 19): what the established parsers (feedparser,
 * gofeed) read, read right, class by class, from fixtures under
 * tests/data/fidelity written for akhbar in the shapes real feeds have.
 * Every fixture is read whole and in chunks of 1, 7 and 4096 bytes, which
 * must agree; then each class checks the fields it is about.
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

/* A fixture read: the feed (or NULL), its warnings and the reason. */
struct doc {
	const char	*name;
	struct feed	*feed;
	struct strv	 warnings;
	char		*cause;
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
	str_append(&s, "", 0);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		str_append(&s, buf, n);
	fclose(f);
	*len = s.len;
	return (str_steal(&s));
}

/* Parse a buffer pushed in chunks of chunk bytes (0: whole). */
static struct feed *
parse_buf(const char *buf, size_t len, size_t chunk, const char *url,
    struct strv *warnings, char **cause)
{
	struct parse		*p;
	struct feed		*f;
	const struct strv	*w;
	size_t			 off, n, i;

	p = parse_new(url, NULL, NULL, NULL);
	for (off = 0; off < len; off += n) {
		n = chunk == 0 || len - off < chunk ? len - off : chunk;
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

/* The JSON of a reading, or its reason, for comparing chunkings. */
static void
reading(const struct feed *f, const char *cause, struct str *out)
{
	str_clear(out);
	if (f != NULL)
		cli_json_feed(f, out);
	else
		str_printf(out, "not a feed: %s", cause);
}

/*
 * Read a fixture from tests/data/fidelity as if fetched from url (may be
 * NULL), checking that chunked readings agree with the whole one.
 */
static void
doc_read(struct doc *d, const char *name, const char *url)
{
	static const size_t	 chunks[] = { 1, 7, 4096 };
	struct str		 path, whole, part;
	struct feed		*g;
	char			*buf, *cause2;
	size_t			 len, i, bad = 0;

	memset(d, 0, sizeof *d);
	d->name = name;
	str_init(&path);
	str_printf(&path, "fidelity/%s", name);
	buf = slurp(tap_data(path.ptr), &len);
	str_free(&path);
	if (!ok(buf != NULL, "%s: read the fixture", name))
		return;
	d->feed = parse_buf(buf, len, 0, url, &d->warnings, &d->cause);
	str_init(&whole);
	str_init(&part);
	reading(d->feed, d->cause, &whole);
	for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		cause2 = NULL;
		g = parse_buf(buf, len, chunks[i], url, NULL, &cause2);
		reading(g, cause2, &part);
		if (strcmp(whole.ptr, part.ptr) != 0 && bad++ == 0)
			diag("in chunks of %zu:\n%.3000s", chunks[i], part.ptr);
		feed_free(g);
		free(cause2);
	}
	ok(bad == 0, "%s: read the same whole and in chunks of 1, 7, 4096",
	    name);
	str_free(&whole);
	str_free(&part);
	free(buf);
}

/* Free what doc_read made. */
static void
doc_free(struct doc *d)
{
	feed_free(d->feed);
	strv_free(&d->warnings);
	free(d->cause);
}

/* Item i of a reading, or NULL (with a failed check) when it has fewer. */
static const struct item *
doc_item(const struct doc *d, size_t i)
{
	if (d->feed == NULL || i >= d->feed->nitems) {
		ok(0, "%s: has an item %zu", d->name, i + 1);
		return (NULL);
	}
	return (d->feed->items[i]);
}

/* Whether some warning has sub. */
static bool
doc_warned(const struct doc *d, const char *sub)
{
	size_t	i;

	for (i = 0; i < d->warnings.n; i++) {
		if (strstr(d->warnings.v[i], sub) != NULL)
			return (true);
	}
	return (false);
}

/* ---- data loss: ids of items that have none ---- */

static void
test_ids(void)
{
	struct doc		 d;
	const struct item	*it;
	size_t			 i, j, same = 0;

	doc_read(&d, "ids-twins.xml", NULL);
	if (d.feed == NULL) {
		ok(0, "ids-twins.xml is a feed: %s", d.cause);
		doc_free(&d);
		return;
	}
	is_int(d.feed->nitems, 11, "ids-twins.xml: eleven items");
	for (i = 0; i < d.feed->nitems; i++)
		for (j = i + 1; j < d.feed->nitems; j++)
			same += strcmp(d.feed->items[i]->guid,
			    d.feed->items[j]->guid) == 0;
	is_int(same, 0, "ids-twins.xml: no two items share an id");
	if ((it = doc_item(&d, 1)) != NULL)
		is_str(it->guid, "hash:3ea5e763533cd6ea#2", "ids: the second "
		    "of three twins is the first's hash and its place");
	if ((it = doc_item(&d, 9)) != NULL)
		is_str(it->guid, "https://baladiya.example/", "ids: a link is "
		    "the id of the first item with it");
	if ((it = doc_item(&d, 10)) != NULL)
		ok(strncmp(it->guid, "hash:", 5) == 0, "ids: a link an earlier "
		    "item has already is not an id twice (%s)", it->guid);
	doc_free(&d);
}

/*
 * The ids earlier versions gave the items of the existing fixtures that
 * have neither a guid nor a link: a changed id is a duplicate item in
 * every cache after an upgrade, so the shapes they have keep them.
 */
static void
test_ids_kept(void)
{
	struct strv	 w = { NULL, 0 };
	struct feed	*f;
	char		*cause = NULL;

	f = parse_file(tap_data("rss2.xml"), &w, &cause);
	if (ok(f != NULL && f->nitems == 4, "rss2.xml: read"))
		is_str(f->items[3]->guid, "hash:8eddb6d4d754abcf", "ids: an "
		    "item with only a description keeps the id it had");
	feed_free(f);
	strv_free(&w);
}

/* ---- direction: the script when no language tag says ---- */

/* The directions of a reading: the feed's, then each item's. */
static void
dirs(const struct doc *d, struct str *out)
{
	size_t	i;

	str_clear(out);
	if (d->feed == NULL) {
		str_appends(out, "none");
		return;
	}
	str_appends(out, feed_dir_name(d->feed->dir));
	str_appends(out, ":");
	for (i = 0; i < d->feed->nitems; i++)
		str_printf(out, " %s", feed_dir_name(d->feed->items[i]->dir));
}

static void
test_dir_script(void)
{
	static const struct {
		const char	*file;
		const char	*want;	/* feed: items */
		const char	*why;
	} cases[] = {
		{ "dir-script.xml", "rtl: rtl rtl rtl auto rtl rtl",
		  "Arabic titles with no tag; an English item; a title "
		  "that starts with digits and guillemets; a body of HTML; "
		  "a title with no letter has the feed's title's side" },
		{ "dir-script-fa.atom", "rtl: rtl auto rtl",
		  "Persian Atom with no xml:lang: most titles decide the "
		  "feed, each title its item" },
		{ "dir-script-he.json", "rtl: rtl rtl",
		  "a Hebrew JSON Feed with no language" },
		{ "dir-mixed.xml", "auto: auto rtl auto",
		  "an English feed quoting one Arabic headline" },
		{ "dir-tag-wins.xml", "auto: auto rtl",
		  "a tag wins over the script: en with Arabic titles, "
		  "UR_pk with an English one" },
	};
	struct doc	d;
	struct str	got;
	size_t		i;

	str_init(&got);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		doc_read(&d, cases[i].file, NULL);
		dirs(&d, &got);
		is_str(got.ptr, cases[i].want, "direction: %s (%s)",
		    cases[i].why, cases[i].file);
		doc_free(&d);
	}
	str_free(&got);
}

static void
test_dir_tags(void)
{
	static const struct {
		const char	*tag;
		enum feed_dir	 dir;
	} cases[] = {
		{ "ar", FEED_DIR_RTL }, { "AR", FEED_DIR_RTL },
		{ "ar-SA", FEED_DIR_RTL }, { "ar_EG", FEED_DIR_RTL },
		{ " ar-eg\t", FEED_DIR_RTL }, { "fa", FEED_DIR_RTL },
		{ "fa-IR", FEED_DIR_RTL }, { "ur", FEED_DIR_RTL },
		{ "ur-PK", FEED_DIR_RTL }, { "ps", FEED_DIR_RTL },
		{ "he", FEED_DIR_RTL }, { "he-IL", FEED_DIR_RTL },
		{ "iw", FEED_DIR_RTL }, { "yi", FEED_DIR_RTL },
		{ "dv", FEED_DIR_RTL }, { "syr", FEED_DIR_RTL },
		{ "ckb", FEED_DIR_RTL }, { "ckb-IQ", FEED_DIR_RTL },
		{ "ug", FEED_DIR_RTL }, { "ug-CN", FEED_DIR_RTL },
		{ "UG_cn", FEED_DIR_RTL }, { "sd", FEED_DIR_RTL },
		{ "ara", FEED_DIR_RTL }, { "arz", FEED_DIR_RTL },
		{ "Arabic", FEED_DIR_RTL }, { "az-Arab", FEED_DIR_RTL },
		{ "pa-Arab-PK", FEED_DIR_RTL }, { "ar-Latn", FEED_DIR_AUTO },
		{ "en", FEED_DIR_AUTO }, { "en-US", FEED_DIR_AUTO },
		{ "fr_FR", FEED_DIR_AUTO }, { "arn", FEED_DIR_AUTO },
		{ "a", FEED_DIR_AUTO }, { "", FEED_DIR_AUTO },
		{ "zh-Hant-TW", FEED_DIR_AUTO },
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_str(feed_dir_name(feed_dir_from_language(cases[i].tag)),
		    feed_dir_name(cases[i].dir), "direction: the tag '%s'",
		    cases[i].tag);
	ok(feed_dir_from_language(NULL) == FEED_DIR_AUTO,
	    "direction: no tag is auto");
}

/* ---- Atom text constructs of every type ---- */

/* Check one text field of item i. */
static void
is_field(const struct doc *d, size_t i, const char *field, const char *want,
    const char *why)
{
	const struct item	*it;
	const char		*got;

	if ((it = doc_item(d, i)) == NULL)
		return;
	if (strcmp(field, "title") == 0)
		got = it->title;
	else if (strcmp(field, "summary") == 0)
		got = it->summary;
	else if (strcmp(field, "content") == 0)
		got = it->content;
	else if (strcmp(field, "link") == 0)
		got = it->link;
	else if (strcmp(field, "id") == 0)
		got = it->guid;
	else if (strcmp(field, "author") == 0)
		got = it->authors.n > 0 ? it->authors.v[0] : NULL;
	else if (strcmp(field, "authors") == 0) {
		static char	 buf[1024];
		size_t		 k;

		buf[0] = '\0';
		for (k = 0; k < it->authors.n; k++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%s%s", k > 0 ? ", " : "", it->authors.v[k]);
		got = buf;
	} else if (strcmp(field, "categories") == 0) {
		static char	 buf[1024];
		size_t		 k;

		buf[0] = '\0';
		for (k = 0; k < it->categories.n; k++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%s%s", k > 0 ? ", " : "", it->categories.v[k]);
		got = buf;
	} else if (strcmp(field, "enclosures") == 0) {
		static char	 buf[2048];
		size_t		 k;

		buf[0] = '\0';
		for (k = 0; k < it->nenclosures; k++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%s%s", k > 0 ? " " : "", it->enclosures[k].url);
		got = buf;
	} else if (strcmp(field, "published") == 0 ||
	    strcmp(field, "updated") == 0) {
		static char	 buf[64];
		int64_t		 t = field[0] == 'p' ? it->published :
			    it->updated;

		if (t == FEED_TIME_UNKNOWN)
			strcpy(buf, "-");
		else
			parse_date_format(t, buf, sizeof buf);
		got = buf;
	} else {
		ok(0, "no field %s", field);
		return;
	}
	is_str(got, want, "%s[%zu].%s: %s", d->name, i, field, why);
}

static void
test_atom_types(void)
{
	struct doc		 d;
	const struct item	*it;

	doc_read(&d, "atom-text-types.xml", NULL);
	is_str(d.feed != NULL ? d.feed->title : NULL,
	    "\xd8\xa3\xd9\x86\xd9\x88\xd8\xa7\xd8\xb9 \xd8\xa7\xd9\x84\xd9\x86"
	    "\xd8\xb5 \xd9\x81\xd9\x8a \xd8\xa3\xd8\xaa\xd9\x88\xd9\x85",
	    "text types: a feed title of type \"\" is text");
	is_field(&d, 0, "title", "\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 "
	    "\xd8\xa8\xd9\x86\xd9\x88\xd8\xb9 \xd9\x81\xd8\xa7\xd8\xb1\xd8\xba",
	    "type \"\" is text");
	is_field(&d, 1, "content", "\xd9\x85\xd8\xad\xd8\xaa\xd9\x88\xd9\x89 "
	    "\xd9\x85\xd9\x86 \xd9\x86\xd9\x88\xd8\xb9 \xd9\x85\xd8\xae\xd8\xb5"
	    "\xd8\xb5 \xd9\x84\xd8\xa7 \xd9\x8a\xd8\xb9\xd8\xb1\xd9\x81\xd9\x87 "
	    "\xd8\xa3\xd8\xad\xd8\xaf.", "application/x-custom is text");
	if ((it = doc_item(&d, 1)) != NULL)
		ok(it->summary_type == FEED_TEXT_HTML, "text types: "
		    "text/html with a charset parameter is HTML");
	is_field(&d, 2, "content", "{\"headline\": \"\xd8\xb9\xd8\xa7\xd8\xac"
	    "\xd9\x84\", \"score\": \"2-1\"}", "application/json is text");
	is_field(&d, 3, "content", "\xd9\x88\xd8\xb5\xd9\x81 \xd8\xa7\xd9\x84"
	    "\xd9\x85\xd9\x82\xd8\xb7\xd8\xb9: \xd8\xa3\xd9\x87\xd8\xaf\xd8\xa7"
	    "\xd9\x81 \xd8\xa7\xd9\x84\xd9\x85\xd8\xa8\xd8\xa7\xd8\xb1\xd8\xa7"
	    "\xd8\xa9 \xd9\x83\xd8\xa7\xd9\x85\xd9\x84\xd8\xa9.",
	    "video/mp4 holding text is text");
	is_field(&d, 4, "title", "News", "text that only looks like base64 "
	    "stays as it is");
	is_field(&d, 4, "content", "\xd9\x87\xd8\xb0\xd8\xa7 \xd9\x86\xd8\xb5 "
	    "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a \xd9\x85\xd8\xb1\xd9\x85\xd9\x91"
	    "\xd8\xb2 \xd8\xa8\xd9\x80 base64 \xd9\x81\xd9\x8a \xd9\x85\xd8\xad"
	    "\xd8\xaa\xd9\x88\xd9\x89 \xd9\x85\xd9\x86 \xd9\x86\xd9\x88\xd8\xb9 "
	    "application/octet-stream.", "base64 application/octet-stream is "
	    "decoded (RFC 4287 4.1.3.3)");
	is_field(&d, 5, "content", "**\xd8\xae\xd8\xa8\xd8\xb1** \xd8\xa8\xd8\xb5"
	    "\xd9\x8a\xd8\xba\xd8\xa9 \xd9\x85\xd8\xa7\xd8\xb1\xd9\x83\xd8\xaf"
	    "\xd8\xa7\xd9\x88\xd9\x86", "text/markdown is text");
	is_field(&d, 6, "summary", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ",
	    "base64 of an image is not text: kept as it is, as feedparser "
	    "does");
	doc_free(&d);
}

/* ---- single-valued elements given twice ---- */

static void
test_repeat(void)
{
	struct doc	d;

	doc_read(&d, "repeat.xml", NULL);
	if (d.feed != NULL) {
		is_str(d.feed->title, "\xd9\x88\xd8\xa7\xd8\xaf\xd9\x8a "
		    "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1",
		    "repeat: the first channel <title> (feedparser's)");
		is_str(d.feed->link, "https://wadi.example/", "repeat: the "
		    "last channel <link>, over an atom:link alternate");
		is_str(d.feed->description, "\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7"
		    "\xd8\xb1 \xd8\xa7\xd9\x84\xd9\x88\xd8\xa7\xd8\xaf\xd9\x8a \xd9"
		    "\x83\xd9\x84 \xd8\xb5\xd8\xa8\xd8\xa7\xd8\xad",
		    "repeat: the last channel <description>");
		is_str(d.feed->language, "ar-JO", "repeat: the last "
		    "<language>");
	} else
		ok(0, "repeat.xml is a feed: %s", d.cause);
	is_field(&d, 0, "title", "\xd8\xaa\xd8\xa3\xd8\xac\xd9\x8a\xd9\x84 "
	    "\xd9\x85\xd9\x87\xd8\xb1\xd8\xac\xd8\xa7\xd9\x86 \xd8\xa7\xd9\x84"
	    "\xd8\xb2\xd9\x8a\xd8\xaa\xd9\x88\xd9\x86", "the first item "
	    "<title>");
	is_field(&d, 0, "link", "https://wadi.example/1", "the last item "
	    "<link>, over an atom:link");
	is_field(&d, 0, "published", "2026-11-28T07:30:00Z", "the last "
	    "<pubDate>");
	is_field(&d, 1, "published", "2026-11-27T08:00:00Z", "a second "
	    "<pubDate> that cannot be read leaves the first");
	is_field(&d, 1, "link", "https://wadi.example/2", "an empty second "
	    "<link> leaves the first");
	ok(doc_warned(&d, "cannot read the date 'yesterday'"), "repeat: "
	    "the unreadable date is reported");
	doc_free(&d);

	doc_read(&d, "repeat.atom", NULL);
	if (d.feed != NULL)
		is_str(d.feed->link, "https://masaa.example/", "repeat: the "
		    "first Atom alternate link (gofeed's)");
	is_field(&d, 0, "link", "https://masaa.example/1", "the first "
	    "alternate link of an entry");
	is_field(&d, 0, "updated", "2026-11-28T09:15:00Z", "the last "
	    "<updated>, as feedparser's tests want");
	is_field(&d, 0, "published", "2026-11-27T08:00:00Z", "<published> "
	    "stays");
	doc_free(&d);
}

/* ---- extensions, authors, old and odd formats: fields to check ---- */

/* One field of a fixture's reading: of item idx, or of the feed (-1). */
struct field_case {
	const char	*file;
	int		 idx;
	const char	*field;
	const char	*want;
	const char	*why;
};

static const struct field_case field_cases[] = {
	{ "ext-media.xml", 0, "title",
	    "\xd9\x85\xd9\x84\xd8\xae\xd8\xb5 \xd9\x85\xd8\xa8"
	    "\xd8\xa7\xd8\xb1\xd8\xa7\xd8\xa9 \xd8\xa7\xd9\x84"
	    "\xd8\xaf\xd9\x8a\xd8\xb1\xd8\xa8\xd9\x8a",
	    "media:title in media:group stands in for a missing "
	    "title" },
	{ "ext-media.xml", 0, "summary",
	    "<p>\xd8\xa3\xd9\x87\xd8\xaf\xd8\xa7\xd9\x81 \xd8\xa7"
	    "\xd9\x84\xd9\x85\xd8\xa8\xd8\xa7\xd8\xb1\xd8\xa7"
	    "\xd8\xa9 <b>\xd9\x83\xd8\xa7\xd9\x85\xd9\x84\xd8\xa9"
	    "</b>.</p>",
	    "media:description type=\"html\" in media:group is "
	    "the summary" },
	{ "ext-media.xml", 0, "enclosures",
	    "https://cdn.marriyat.example/101-720.mp4 https://cdn"
	    ".marriyat.example/101-360.mp4 https://cdn.marriyat.e"
	    "xample/101.jpg",
	    "every media:content of the group and its thumbnail "
	    "are enclosures" },
	{ "ext-media.xml", 1, "title",
	    "\xd9\x86\xd8\xb4\xd8\xb1\xd8\xa9 \xd8\xa7\xd9\x84"
	    "\xd8\xb8\xd9\x87\xd9\x8a\xd8\xb1\xd8\xa9",
	    "<title> wins over media:title" },
	{ "ext-media.xml", 1, "summary",
	    "\xd8\xa7\xd9\x84\xd8\xb9\xd9\x86\xd8\xa7\xd9\x88"
	    "\xd9\x8a\xd9\x86 \xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6"
	    "\xd9\x8a\xd8\xb3\xd9\x8a\xd8\xa9 \xd9\x84\xd9\x86"
	    "\xd8\xb4\xd8\xb1\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb8"
	    "\xd9\x87\xd9\x8a\xd8\xb1\xd8\xa9.",
	    "<description> wins over media:description" },
	{ "ext-media.xml", 1, "categories",
	    "\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1, \xd9\x86"
	    "\xd8\xb4\xd8\xb1\xd8\xa9, \xd8\xa7\xd9\x84\xd8\xb8"
	    "\xd9\x87\xd9\x8a\xd8\xb1\xd8\xa9, \xd8\xa3\xd8\xae"
	    "\xd8\xa8\xd8\xa7\xd8\xb1 \xd9\x85\xd8\xad\xd9\x84"
	    "\xd9\x8a\xd8\xa9",
	    "media:keywords are categories, one per comma, with "
	    "media:category" },
	{ "ext-media.xml", 1, "enclosures",
	    "https://cdn.marriyat.example/102.jpg",
	    "a lone media:thumbnail is an enclosure" },
	{ "ext-media.xml", 2, "title",
	    "\xd8\xad\xd9\x88\xd8\xa7\xd8\xb1 \xd9\x85\xd8\xb9 "
	    "\xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84"
	    "\xd8\xab\xd9\x82\xd8\xa7\xd9\x81\xd8\xa9",
	    "media:title inside media:content" },
	{ "ext-media.xml", 2, "summary",
	    "\xd8\xad\xd9\x88\xd8\xa7\xd8\xb1 \xd8\xb9\xd9\x86 "
	    "\xd9\x85\xd8\xb9\xd8\xb1\xd8\xb6 \xd8\xa7\xd9\x84"
	    "\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8.",
	    "media:description inside media:content" },
	{ "ext-media.xml", 2, "enclosures",
	    "https://cdn.marriyat.example/103.mp4 https://cdn.mar"
	    "riyat.example/103.jpg",
	    "media:content and the thumbnail inside it" },
	{ "ext-media.xml", 3, "summary",
	    "\xd8\xa3\xd9\x85\xd8\xb7\xd8\xa7\xd8\xb1 \xd8\xba"
	    "\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa9 \xd8\xb9\xd9\x84"
	    "\xd9\x89 \xd8\xa7\xd9\x84\xd8\xb3\xd8\xa7\xd8\xad"
	    "\xd9\x84.",
	    "media:description in a media:content in a "
	    "media:group" },
	{ "ext-itunes.xml", -1, "description",
	    "\xd8\xad\xd9\x83\xd8\xa7\xd9\x8a\xd8\xa7\xd8\xaa "
	    "\xd9\x85\xd9\x86 \xd8\xa7\xd9\x84\xd8\xaa\xd8\xb1"
	    "\xd8\xa7\xd8\xab \xd9\x83\xd9\x84 \xd8\xa3\xd8\xb3"
	    "\xd8\xa8\xd9\x88\xd8\xb9",
	    "the channel's itunes:summary when it has no "
	    "description" },
	{ "ext-itunes.xml", 0, "summary",
	    "\xd8\xb1\xd8\xad\xd9\x84\xd8\xa9 \xd8\xa7\xd9\x84"
	    "\xd8\xb3\xd9\x86\xd8\xaf\xd8\xa8\xd8\xa7\xd8\xaf "
	    "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x88\xd9\x84\xd9\x89 "
	    "\xd9\x83\xd9\x85\xd8\xa7 \xd9\x8a\xd8\xb1\xd9\x88"
	    "\xd9\x8a\xd9\x87\xd8\xa7 \xd8\xa7\xd9\x84\xd8\xa3"
	    "\xd8\xac\xd8\xaf\xd8\xa7\xd8\xaf.",
	    "itunes:summary under the DTDs/Podcast spelling "
	    "stands in for a description" },
	{ "ext-itunes.xml", 0, "authors",
	    "\xd9\x85\xd9\x86\xd9\x89 \xd8\xa7\xd9\x84\xd8\xad"
	    "\xd8\xb3\xd9\x8a\xd9\x86\xd9\x8a",
	    "itunes:author is the author" },
	{ "ext-itunes.xml", 0, "categories",
	    "\xd8\xaa\xd8\xb1\xd8\xa7\xd8\xab, \xd8\xad\xd9\x83"
	    "\xd8\xa7\xd9\x8a\xd8\xa7\xd8\xaa, \xd8\xb3\xd9\x86"
	    "\xd8\xaf\xd8\xa8\xd8\xa7\xd8\xaf",
	    "itunes:keywords are categories, one per comma, "
	    "empty ones dropped" },
	{ "ext-itunes.xml", 1, "summary",
	    "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb5\xd9\x81 \xd8\xa7"
	    "\xd9\x84\xd8\xa3\xd8\xb5\xd9\x84\xd9\x8a \xd9\x84"
	    "\xd9\x84\xd8\xad\xd9\x84\xd9\x82\xd8\xa9 \xd8\xa7"
	    "\xd9\x84\xd8\xab\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa9.",
	    "<description> wins over an itunes:summary before "
	    "it" },
	{ "ext-itunes-example.atom", 0, "summary",
	    "\xd8\xa7\xdb\x8c\xda\xa9 \xd9\xbe\xd8\xb1\xd8\xa7"
	    "\xd9\x86\xdb\x8c \xda\xa9\xdb\x81\xd8\xa7\xd9\x86"
	    "\xdb\x8c\xdb\x94",
	    "itunes:summary under "
	    "http://example.com/DTDs/PodCast-1.0.dtd "
	    "(feedparser's second spelling)" },
	{ "ext-itunes-example.atom", 0, "authors",
	    "\xd8\xb3\xd8\xa7\xd8\xb1\xdb\x81 \xd8\xae\xd8\xa7"
	    "\xd9\x86",
	    "itunes:author under https://www.itunes.com/dtds/" },
	{ "ext-itunes-example.atom", 0, "categories",
	    "\xda\xa9\xdb\x81\xd8\xa7\xd9\x86\xdb\x8c, \xd8\xa7"
	    "\xd8\xb1\xd8\xaf\xd9\x88",
	    "itunes:keywords under https://www.itunes.com/dtds/" },
	{ "ext-content.xml", 0, "content",
	    "<p>\xd9\x86\xd8\xb5 \xd9\x83\xd8\xa7\xd9\x85\xd9\x84"
	    " \xd9\x81\xd9\x8a <em>content:encoded</em>.</p>",
	    "content:encoded is the content" },
	{ "ext-content.xml", 1, "content",
	    "<p>\xd9\x86\xd8\xb5 \xd9\x83\xd8\xa7\xd9\x85\xd9\x84"
	    " \xd9\x81\xd9\x8a <strong>xhtml:body</strong>.</p>",
	    "xhtml:body is the content" },
	{ "ext-content.xml", 2, "content",
	    "<p>\xd9\x86\xd8\xb5 \xd9\x83\xd8\xa7\xd9\x85\xd9\x84"
	    " \xd9\x81\xd9\x8a fullitem.</p>",
	    "<fullitem> is the content" },
	{ "ext-content.xml", 3, "content",
	    "<p>\xd9\x86\xd8\xb5 \xd9\x83\xd8\xa7\xd9\x85\xd9\x84"
	    " \xd9\x81\xd9\x8a <b>body</b>.</p>",
	    "<body> is the content" },
	{ "ext-content.xml", 4, "title",
	    "\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 \xd9\x85"
	    "\xd9\x86 \xd8\xaf\xd8\xa8\xd9\x84\xd9\x86 \xd9\x83"
	    "\xd9\x88\xd8\xb1",
	    "dc:title stands in for a missing title" },
	{ "ext-content.xml", 4, "summary",
	    "\xd9\x88\xd8\xb5\xd9\x81 \xd9\x85\xd9\x86 \xd8\xaf"
	    "\xd8\xa8\xd9\x84\xd9\x86 \xd9\x83\xd9\x88\xd8\xb1.",
	    "dc:description stands in for a missing description" },
	{ "ext-content.xml", 5, "summary",
	    "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb5\xd9\x81 \xd8\xa7"
	    "\xd9\x84\xd8\xa3\xd8\xb5\xd9\x84\xd9\x8a.",
	    "<description> wins over a dc:description before it" },
	{ "authors.atom", 0, "authors",
	    "\xd9\x86\xd8\xa7\xd8\xaf\xd9\x8a\xd8\xa9 \xd8\xb5"
	    "\xd8\xa7\xd9\x84\xd8\xad, \xd9\x83\xd8\xb1\xd9\x8a"
	    "\xd9\x85 \xd9\x86\xd8\xa7\xd8\xb5\xd8\xb1, desk@aami"
	    "da.example",
	    "an entry without authors has every feed-level "
	    "author" },
	{ "authors.atom", 1, "authors",
	    "\xd8\xb6\xd9\x8a\xd9\x81 \xd8\xa7\xd9\x84\xd8\xb9"
	    "\xd8\xaf\xd8\xaf",
	    "an entry's own author stays alone" },
	{ "authors.atom", 2, "authors",
	    "\xd9\x84\xd9\x8a\xd9\x84\xd9\x89 \xd8\xad\xd8\xaf"
	    "\xd8\xa7\xd8\xaf, \xd8\xb3\xd8\xa7\xd9\x85\xd9\x8a "
	    "\xd8\xb9\xd9\x8a\xd8\xb3\xd9\x89",
	    "an entry with a <source> has the source's authors" },
	{ "authors.atom", 2, "title",
	    "\xd9\x85\xd9\x82\xd8\xa7\xd9\x84 \xd9\x85\xd9\x86"
	    "\xd9\x82\xd9\x88\xd9\x84",
	    "the source's title is not the entry's" },
	{ "authors.atom", 3, "authors",
	    "\xd8\xb9\xd9\x85\xd8\xb1 \xd8\xae\xd8\xa7\xd9\x84"
	    "\xd8\xaf",
	    "the entry's own author beats its source's" },
	{ "cdf.xml", -1, "format",
	    "cdf",
	    "a <CHANNEL> root is CDF" },
	{ "cdf.xml", -1, "title",
	    "\xd9\x82\xd9\x86\xd8\xa7\xd8\xa9 \xd8\xa7\xd9\x84"
	    "\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1 \xd8\xa7"
	    "\xd9\x84\xd9\x82\xd8\xaf\xd9\x8a\xd9\x85\xd8\xa9",
	    "CDF's upper-case <TITLE>" },
	{ "cdf.xml", -1, "link",
	    "https://qanat.example/",
	    "CDF's channel HREF is the link" },
	{ "cdf.xml", -1, "description",
	    "\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1 \xd8\xa8"
	    "\xd8\xb5\xd9\x8a\xd8\xba\xd8\xa9 CDF",
	    "CDF's <ABSTRACT> is the description" },
	{ "cdf.xml", 0, "link",
	    "https://qanat.example/1.html",
	    "an ITEM's HREF is its link" },
	{ "cdf.xml", 0, "updated",
	    "2026-11-28T09:30:00Z",
	    "an ITEM's LASTMOD is its date" },
	{ "cdf.xml", 0, "summary",
	    "\xd8\xa7\xd9\x81\xd8\xaa\xd8\xaa\xd8\xad\xd8\xaa "
	    "\xd8\xa7\xd9\x84\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8"
	    "\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x85"
	    "\xd8\xa9 \xd8\xa3\xd8\xa8\xd9\x88\xd8\xa7\xd8\xa8"
	    "\xd9\x87\xd8\xa7 \xd8\xa7\xd9\x84\xd9\x8a\xd9\x88"
	    "\xd9\x85.",
	    "an ITEM's ABSTRACT is its summary" },
	{ "cdf.xml", 1, "link",
	    "https://qanat.example/2.html",
	    "a relative HREF against the channel's" },
	{ "case.xml", -1, "format",
	    "rss2.0",
	    "<RSS Version=\"2.0\">" },
	{ "case.xml", -1, "title",
	    "\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1 \xd8\xa8"
	    "\xd8\xa3\xd8\xad\xd8\xb1\xd9\x81 \xd9\x83\xd8\xa8"
	    "\xd9\x8a\xd8\xb1\xd8\xa9",
	    "<Title> in a <Channel>" },
	{ "case.xml", -1, "language",
	    "ar-MA",
	    "<Language>" },
	{ "case.xml", 0, "id",
	    "kabira-1",
	    "<GUID IsPermaLink=\"false\">" },
	{ "case.xml", 0, "link",
	    "https://kabira.example/1",
	    "<Link> of an <Item>" },
	{ "case.xml", 0, "published",
	    "2026-11-28T10:00:00Z",
	    "<PUBDATE>" },
	{ "case.xml", 0, "summary",
	    "\xd9\x88\xd8\xb5\xd9\x81 \xd8\xa7\xd9\x84\xd8\xae"
	    "\xd8\xa8\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xa3\xd9\x88"
	    "\xd9\x84.",
	    "<Description>" },
	{ "case.xml", 0, "authors",
	    "\xd8\xad\xd8\xb3\xd9\x86 \xd8\xa7\xd9\x84\xd9\x85"
	    "\xd8\xba\xd8\xb1\xd8\xa8\xd9\x8a",
	    "<DC:Creator>" },
	{ "case.xml", 0, "enclosures",
	    "https://kabira.example/1.mp3",
	    "<Enclosure URL=...>" },
	{ "case.atom", -1, "title",
	    "\xd8\xae\xd8\xa8\xd8\xb1\xd9\x86\xd8\xa7\xd9\x85"
	    "\xd9\x87",
	    "a <Feed> with a <Title>" },
	{ "case.atom", 0, "id",
	    "urn:akhbar-test:case:1",
	    "an <Entry> with an <ID>" },
	{ "case.atom", 0, "updated",
	    "2026-11-28T10:00:00Z",
	    "<Updated>" },
	{ "case.atom", 0, "authors",
	    "\xd9\x85\xd8\xb1\xdb\x8c\xd9\x85",
	    "<Author><Name>" },
	{ "case.atom", 0, "link",
	    "https://khabarname.example/1",
	    "<Link REL= HREF=>" },
	{ "atom03-echo.xml", -1, "format",
	    "atom0.3",
	    "Atom 0.3 in the Echo namespace of its drafts" },
	{ "atom03-echo.xml", -1, "link",
	    "https://qadima.example/",
	    "its link" },
	{ "atom03-echo.xml", 0, "content",
	    "<p>\xd9\x86\xd8\xb5 \xd8\xa7\xd9\x84\xd8\xaa\xd8\xaf"
	    "\xd9\x88\xd9\x8a\xd9\x86\xd8\xa9.</p>",
	    "its escaped content" },
	{ "atom03-echo.xml", 0, "published",
	    "2026-11-27T10:00:00Z",
	    "its <issued>" },
	{ "atom03-echo.xml", 0, "authors",
	    "\xd8\xa3\xd8\xa8\xd9\x88 \xd8\xaa\xd9\x85\xd8\xa7"
	    "\xd9\x85",
	    "its author" },
	{ "atom03-unknown-ns.xml", -1, "format",
	    "atom0.3",
	    "<feed version=\"0.3\"> in a namespace nobody knows" },
	{ "atom03-unknown-ns.xml", 0, "summary",
	    "\xd9\x85\xd9\x84\xd8\xae\xd8\xb5 \xd8\xa7\xd9\x84"
	    "\xd8\xaa\xd8\xaf\xd9\x88\xd9\x8a\xd9\x86\xd8\xa9.",
	    "read as Atom all the same" },
	{ "atom03-unknown-ns.xml", 0, "id",
	    "tag:ghareeb.example,2005:1",
	    "with its id" },
	{ "rss-unknown-ns.xml", -1, "title",
	    "\xd9\x86\xd8\xb8\xd8\xa7\xd9\x85 \xd8\xa5\xd8\xaf"
	    "\xd8\xa7\xd8\xb1\xd8\xa9 \xd9\x85\xd8\xad\xd8\xaa"
	    "\xd9\x88\xd9\x89",
	    "RSS in a default namespace of its own" },
	{ "rss-unknown-ns.xml", 0, "title",
	    "\xd8\xae\xd8\xa8\xd8\xb1 \xd9\x85\xd9\x86 \xd8\xa7"
	    "\xd9\x84\xd9\x86\xd8\xb8\xd8\xa7\xd9\x85",
	    "its items" },

	/* entities and encodings */
	{ "entities-dtd.xml", -1, "title",
	    "\xd9\x85\xd9\x88\xd9\x82\xd8\xb9 \xd8\xa7\xd9\x84"
	    "\xd8\xae\xd9\x84\xd9\x8a\xd8\xac \xd8\xa7\xd9\x84"
	    "\xd8\xa5\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1\xd9\x8a",
	    "an entity declared in the internal DTD, and one "
	    "within it" },
	{ "entities-dtd.xml", -1, "link",
	    "https://khaleej.example/",
	    "a declared entity as a whole link" },
	{ "entities-dtd.xml", -1, "description",
	    "\xc2\xa9 2026 \xd9\x85\xd9\x88\xd9\x82\xd8\xb9 "
	    "\xd8\xa7\xd9\x84\xd8\xae\xd9\x84\xd9\x8a\xd8\xac",
	    "a declared character reference; the first "
	    "declaration binds" },
	{ "entities-dtd.xml", 0, "link",
	    "https://khaleej.example/news/1",
	    "a declared entity in a link" },
	{ "entities-dtd.xml", 0, "summary",
	    "<b>\xd8\xba\xd8\xa7\xd9\x85\xd9\x82</b> & \xd8\xb9"
	    "\xd8\xa7\xd8\xaf\xd9\x8a",
	    "markup in an entity's value is text (HTML here, as "
	    "escaped markup is)" },
	{ "entities-dtd.xml", 0, "id",
	    "khaleej-A1",
	    "&#X41; is a character reference" },
	{ "entities-dtd.xml", 1, "title",
	    "&undeclared; \xd9\x8a\xd8\xa8\xd9\x82\xd9\x89 "
	    "\xd9\x86\xd8\xb5\xd9\x8b\xd9\x91\xd8\xa7",
	    "an entity nobody declared is kept as its text" },
	{ "entities-dtd.xml", 1, "link",
	    "https://khaleej.example/news/2?a=1&b=2",
	    "&amp; in a link after all that" },
	{ "entities-dtd.xml", 1, "summary",
	    "\xd8\xb3\xd8\xb1: []",
	    "an external entity is never read" },
	{ "entities-dtd.xml", 1, "enclosures",
	    "https://khaleej.example/audio/2.mp3",
	    "a declared entity in an attribute" },
	{ "entities-undeclared.xml", -1, "title",
	    "Tech & Markets \xe2\x80\x99"
	    "26 &unknownname;",
	    "an undeclared entity kept as text, HTML's read" },
	{ "entities-undeclared.xml", 0, "title",
	    "AT&T and T&L \xe2\x80\x94 a merger? ABC",
	    "&amp; after an undeclared entity is read (libxml2 "
	    "alone drops it)" },
	{ "entities-undeclared.xml", 0, "link",
	    "https://techmarkets.example/1?a=1&b=2",
	    "&amp; in a link after it" },
	{ "entities-undeclared.xml", 0, "summary",
	    "<p>Shares rose 5% <b>today</b> & fell</p>",
	    "escaped HTML after it" },
	{ "xinclude.xml", 0, "title",
	    "before after",
	    "XInclude is not processed" },
	{ "c1-utf8.xml", 0, "title",
	    "Editor\xe2\x80\x99s pick: \xe2\x80\x9cthe quiet dese"
	    "rt\xe2\x80\x9d \xe2\x80\x93 a review",
	    "windows-1252 bytes in UTF-8 are windows-1252's "
	    "punctuation" },
	{ "c1-utf8.xml", 0, "summary",
	    "We don\xe2\x80\x99t review books often; this one it"
	    "\xe2\x80\x99s worth it\xe2\x80\xa6",
	    "so is the C1 character U+0092" },
	{ "c1-utf8.xml", 1, "title",
	    "\xd9\x82\xd8\xb1\xd8\xa7\xd8\xa1\xd8\xa9 \xd9\x81"
	    "\xd9\x8a \xd8\xb1\xd9\x88\xd8\xa7\xd9\x8a\xd8\xa9 "
	    "\xc2\xab\xd8\xa7\xd9\x84\xd8\xb5\xd8\xad\xd8\xb1"
	    "\xd8\xa7\xd8\xa1 \xd8\xa7\xd9\x84\xd8\xb5\xd8\xa7"
	    "\xd9\x85\xd8\xaa\xd8\xa9\xc2\xbb",
	    "the Arabic around it stays UTF-8" },
	{ "c1-latin1.xml", 0, "title",
	    "L\xe2\x80\x99\xc3\xa9t\xc3\xa9 \xe2\x80\x93 don"
	    "\xe2\x80\x99t miss \xe2\x80\x9cit\xe2\x80\x9d",
	    "ISO-8859-1 with windows-1252 bytes and C1 "
	    "references" },
	{ "c1-latin1.xml", 0, "summary",
	    "Prix\xc2\xa0: 5\xe2\x82\xac \xe2\x82\xac A",
	    "&#128; and &#x80; are the euro sign; &#X41; is A" },

};

/* A feed-level field of a reading. */
static const char *
feed_field(const struct feed *f, const char *field)
{
	if (strcmp(field, "format") == 0)
		return (f->format);
	if (strcmp(field, "title") == 0)
		return (f->title);
	if (strcmp(field, "link") == 0)
		return (f->link);
	if (strcmp(field, "description") == 0)
		return (f->description);
	if (strcmp(field, "language") == 0)
		return (f->language);
	if (strcmp(field, "direction") == 0)
		return (feed_dir_name(f->dir));
	return ("(no such field)");
}

/* Check a table of fields, reading each fixture once. */
static void
test_fields(const struct field_case *c, size_t n)
{
	struct doc	d;
	size_t		i;
	bool		open = false;

	for (i = 0; i < n; i++) {
		if (!open || strcmp(d.name, c[i].file) != 0) {
			if (open)
				doc_free(&d);
			doc_read(&d, c[i].file, NULL);
			open = true;
			if (d.feed == NULL)
				diag("%s: not a feed: %s", c[i].file, d.cause);
		}
		if (c[i].idx >= 0)
			is_field(&d, (size_t)c[i].idx, c[i].field, c[i].want,
			    c[i].why);
		else
			is_str(d.feed != NULL ? feed_field(d.feed, c[i].field) :
			    NULL, c[i].want, "%s: feed %s: %s", c[i].file,
			    c[i].field, c[i].why);
	}
	if (open)
		doc_free(&d);
}

/* ---- entities: the bounds ---- */

/* Parse a document in memory, whole. */
static struct feed *
parse_mem(const struct str *doc, struct strv *w, char **cause)
{
	return (parse_buf(doc->ptr, doc->len, 0, NULL, w, cause));
}

/* Whether some warning of w has sub. */
static bool
warned(const struct strv *w, const char *sub)
{
	size_t	i;

	for (i = 0; i < w->n; i++) {
		if (strstr(w->v[i], sub) != NULL)
			return (true);
	}
	return (false);
}

static void
test_entity_bounds(void)
{
	struct strv	 w = { NULL, 0 };
	struct str	 doc;
	struct feed	*f;
	char		*cause = NULL;
	size_t		 i, len;

	/* billion laughs: lol5 would be 300 kB, lol9 3 GB */
	f = parse_file(tap_data("billion-laughs.xml"), &w, &cause);
	ok(f != NULL && f->nitems == 2 && strcmp(f->items[0]->title,
	    "bomb end") == 0, "entities: billion laughs reads, its bomb left "
	    "out");
	ok(warned(&w, "'lol5' declared in the document expands to more than "
	    "64 kB"), "entities: ... saying the first entity too big");
	ok(warned(&w, "'rec2' declared in the document is in a loop"),
	    "entities: ... and the loop");
	feed_free(f);
	strv_free(&w);

	/* quadratic blowup: a 60 kB entity 100 000 times is 6 GB */
	str_init(&doc);
	str_appends(&doc, "<!DOCTYPE rss [<!ENTITY a \"");
	for (i = 0; i < 6000; i++)
		str_appends(&doc, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 ");
	str_appends(&doc, "\">]><rss version=\"2.0\"><channel><title>q"
	    "</title><item><title>t</title><description>");
	for (i = 0; i < 100000; i++)
		str_appends(&doc, "&a;");
	str_appends(&doc, "</description></item></channel></rss>");
	f = parse_mem(&doc, &w, &cause);
	len = f != NULL && f->nitems == 1 && f->items[0]->summary != NULL ?
	    strlen(f->items[0]->summary) : 0;
	ok(len > 1000000 && len <= 4 * 1024 * 1024, "entities: quadratic "
	    "blowup stops at 4 MB of entity text (%zu bytes)", len);
	ok(warned(&w, "more than 4 MB in all"), "entities: ... and says so");
	feed_free(f);
	strv_free(&w);
	str_free(&doc);

	/* a chain of 20 entities, each the next */
	str_init(&doc);
	str_appends(&doc, "<!DOCTYPE rss [");
	for (i = 0; i < 20; i++)
		str_printf(&doc, "<!ENTITY e%zu \"&e%zu;\">", i, i + 1);
	str_appends(&doc, "<!ENTITY e20 \"deep\"><!ENTITY ok \"&e10;\">]>"
	    "<rss version=\"2.0\"><channel><title>[&e0;]</title>"
	    "<description>[&ok;]</description></channel></rss>");
	f = parse_mem(&doc, &w, &cause);
	ok(f != NULL && f->title != NULL && strcmp(f->title, "[]") == 0,
	    "entities: nested more than 16 deep is left out");
	ok(f != NULL && f->description != NULL &&
	    strcmp(f->description, "[deep]") == 0, "entities: ten deep is read");
	ok(warned(&w, "nested more than 16 deep"), "entities: ... saying so");
	feed_free(f);
	strv_free(&w);
	str_free(&doc);

	/* a thousand declarations */
	str_init(&doc);
	str_appends(&doc, "<!DOCTYPE rss [");
	for (i = 0; i < 1000; i++)
		str_printf(&doc, "<!ENTITY n%zu \"%zu\">", i, i);
	str_appends(&doc, "]><rss version=\"2.0\"><channel><title>&n1;-"
	    "&n255;-&n256;</title></channel></rss>");
	f = parse_mem(&doc, &w, &cause);
	is_str(f != NULL ? f->title : NULL, "1-255-&n256;", "entities: 256 "
	    "declarations are read, the rest are not");
	ok(warned(&w, "more than 256 entities"), "entities: ... saying so");
	feed_free(f);
	strv_free(&w);
	str_free(&doc);

	/* XXE: the file an external entity names is never read */
	f = parse_file(tap_data("xxe.xml"), &w, &cause);
	ok(f != NULL && f->nitems == 1 && strcmp(f->items[0]->title,
	    "secret:") == 0, "entities: XXE stays refused");
	ok(warned(&w, "'passwd' declared in the document is external"),
	    "entities: ... saying the entity is external");
	feed_free(f);
	strv_free(&w);
	free(cause);
}

/* ---- not a feed, and the feeds a page links to ---- */

static void
test_not_feed(void)
{
	static const struct {
		const char	*file;
		const char	*url;		/* as if fetched from it */
		const char	*cause;		/* substring */
		const char	*links;		/* joined by spaces */
	} cases[] = {
		{ "html-discovery.html", NULL, "which links to feeds at "
		  "https://sabah.example/ar/rss/news.xml, "
		  "https://sabah.example/sport.atom, "
		  "https://sabah.example/feed.json",
		  "https://sabah.example/ar/rss/news.xml "
		  "https://sabah.example/sport.atom "
		  "https://sabah.example/feed.json" },
		{ "html-no-feed.html", NULL, "an HTML page",
		  "" },
		{ "not-feed.py", NULL, "neither XML nor JSON", "" },
		{ "json-no-version.json", NULL, "not a JSON Feed (its "
		  "\"version\"", "" },
	};
	struct doc	 d;
	struct str	 got;
	struct parse	*p;
	char		*buf, *cause;
	size_t		 i, k, len;
	struct feed	*f;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		doc_read(&d, cases[i].file, cases[i].url);
		ok(d.feed == NULL && d.cause != NULL &&
		    strstr(d.cause, cases[i].cause) != NULL, "not a feed: %s "
		    "(%s)", cases[i].file, d.cause != NULL ? d.cause : "a feed");
		doc_free(&d);
		/* the links, as data */
		str_init(&got);
		str_printf(&got, "fidelity/%s", cases[i].file);
		buf = slurp(tap_data(got.ptr), &len);
		str_clear(&got);
		p = parse_new(cases[i].url, NULL, NULL, NULL);
		if (buf != NULL)
			parse_push(p, buf, len);
		cause = NULL;
		f = parse_finish(p, &cause);
		for (k = 0; k < parse_feed_links(p)->n; k++)
			str_printf(&got, "%s%s", k > 0 ? " " : "",
			    parse_feed_links(p)->v[k]);
		is_str(str_cstr(&got), cases[i].links, "not a feed: %s: the "
		    "feeds it links to, as data", cases[i].file);
		feed_free(f);
		free(cause);
		parse_free(p);
		free(buf);
		str_free(&got);
	}
}

int
main(void)
{
	parse_init();
	test_ids();
	test_ids_kept();
	test_dir_script();
	test_dir_tags();
	test_atom_types();
	test_repeat();
	test_fields(field_cases, sizeof field_cases / sizeof field_cases[0]);
	test_entity_bounds();
	test_not_feed();
	return (tap_done());
}
