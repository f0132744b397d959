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
	return (tap_done());
}
