/* Tests for opml.c: reading nested outlines as categories, writing, round trips. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "opml.h"
#include "str.h"

#include "tap.h"

#define AKHBAR_AR "\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1"

static const struct {
	const char	*url;
	const char	*title;
	const char	*category;
} want2[] = {
	{ "https://top.example/rss", "Top level", NULL },
	{ "https://a.example/rss?x=1&y=2",
	  "\xd8\xa7\xd9\x84\xd8\xac\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa9 \xd8\xa7"
	  "\xd9\x84\xd8\xaa\xd8\xac\xd8\xb1\xd9\x8a\xd8\xa8\xd9\x8a\xd8\xa9",
	  AKHBAR_AR },
	{ "https://w.example/atom", "Only a title", AKHBAR_AR "/World" },
	{ "https://tech.example/feed.json", "Tech feed", "Tech" },
	{ "https://space.example/rss", "By attribute", "Science/Space" },
};

static void
check_entries(const struct opml *o, const char *what)
{
	size_t	i, n = sizeof want2 / sizeof want2[0];

	is_int(o->nentries, n, "%s: entry count (duplicate URL skipped)", what);
	for (i = 0; i < n && i < o->nentries; i++) {
		is_str(o->entries[i].url, want2[i].url, "%s: url %zu", what, i);
		is_str(o->entries[i].title, want2[i].title, "%s: title %zu",
		    what, i);
		is_str(o->entries[i].category, want2[i].category,
		    "%s: category %zu", what, i);
	}
}

int
main(void)
{
	struct opml	*o, *o2;
	struct strv	 warnings = { NULL, 0 };
	struct str	 out;
	char		*cause = NULL;

	o = opml_read_file(tap_data("opml2.opml"), &warnings, &cause);
	if (!ok(o != NULL, "OPML 2.0 read"))
		diag("%s", cause);
	else {
		is_str(o->title, "\xd8\xa7\xd8\xb4\xd8\xaa\xd8\xb1\xd8\xa7\xd9\x83"
		    "\xd8\xa7\xd8\xaa\xd9\x8a & more", "head title");
		check_entries(o, "read");

		str_init(&out);
		opml_write(o, &out);
		ok(strstr(str_cstr(&out), "<opml version=\"2.0\">") != NULL,
		    "writes OPML 2.0");
		ok(strstr(str_cstr(&out), "x=1&amp;y=2") != NULL,
		    "writes & escaped");
		o2 = opml_read(str_cstr(&out), out.len, NULL, &cause);
		ok(o2 != NULL, "written OPML reads back");
		if (o2 != NULL) {
			is_str(o2->title, o->title, "round trip: title");
			check_entries(o2, "round trip");
		}
		opml_free(o2);
		str_free(&out);
	}
	is_int(warnings.n, 0, "a well-formed file gives no warnings");
	opml_free(o);
	strv_free(&warnings);

	o = opml_read_file(tap_data("opml1.opml"), NULL, &cause);
	ok(o != NULL && o->nentries == 2, "OPML 1.0 read");
	if (o != NULL && o->nentries == 2) {
		is_str(o->entries[0].title, "Caf\xc3\xa9", "character reference");
		is_str(o->entries[0].category, NULL, "top level has no category");
		is_str(o->entries[1].category, "Sports", "nested category");
	}
	opml_free(o);

	o = opml_read_file(tap_data("opml-latin1.opml"), NULL, &cause);
	is_str(o != NULL ? o->title : NULL, "Latin-1 bytes \xc3\xa9t\xc3\xa9",
	    "declared ISO-8859-1 decodes");
	opml_free(o);

	o = opml_new();
	opml_add(o, "https://q.example/?a=\"b\"&c=<d>", "Quotes \" & <tags>\n",
	    "A/B/C");
	opml_add(o, "https://r.example/", NULL, "A");
	str_init(&out);
	opml_write(o, &out);
	o2 = opml_read(str_cstr(&out), out.len, NULL, &cause);
	ok(o2 != NULL && o2->nentries == 2, "special characters round trip");
	if (o2 != NULL && o2->nentries == 2) {
		/* Written folder by folder: "A" comes before "A/B/C". */
		is_str(o2->entries[0].url, "https://r.example/", "folder order");
		is_str(o2->entries[0].title, "https://r.example/",
		    "an untitled feed is written with its URL as text");
		is_str(o2->entries[0].category, "A", "shallow category");
		is_str(o2->entries[1].url, o->entries[0].url, "url with quotes");
		is_str(o2->entries[1].title, "Quotes \" & <tags>", "title");
		is_str(o2->entries[1].category, "A/B/C", "deep category");
	}
	opml_free(o2);
	opml_free(o);
	str_free(&out);

	cause = NULL;
	o = opml_read_file(tap_data("rss2.xml"), NULL, &cause);
	ok(o == NULL && cause != NULL && strstr(cause, "not an OPML") != NULL,
	    "an RSS feed is not OPML");
	free(cause);
	cause = NULL;
	o = opml_read_file(tap_data("no-such.opml"), NULL, &cause);
	ok(o == NULL && cause != NULL, "a missing file is an error");
	free(cause);
	cause = NULL;
	o = opml_read("", 0, NULL, &cause);
	ok(o == NULL && cause != NULL, "empty input is an error");
	free(cause);
	return (tap_done());
}
