/*
 * Bounded work on absurd documents and the edges of what the parser
 * keeps (issue 21): a 64 KB title and an 8 KB link cut at ingest with a
 * warning; an element with 100 000 attributes refused at once instead of
 * read in quadratic time, while attributes in CDATA and comments count
 * for nothing; a document cut off before its first item is not a feed;
 * a NUL in a JSON Feed string dropped, the rest kept.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feed.h"
#include "parse.h"
#include "str.h"
#include "xmalloc.h"

#include "tap.h"

/* What parsing a document gave. */
struct got {
	struct feed	*f;
	char		*cause;
	struct str	 warnings;	/* joined by newlines */
};

/* Parse doc (len bytes) in chunks of chunk bytes. */
static void
parse_doc(const char *doc, size_t len, size_t chunk, struct got *g)
{
	struct parse		*p;
	const struct strv	*w;
	size_t			 i, n;

	memset(g, 0, sizeof *g);
	str_init(&g->warnings);
	str_append(&g->warnings, "", 0);
	p = parse_new("https://x.example/feed", NULL, NULL, NULL);
	for (i = 0; i < len; i += n) {
		n = len - i < chunk ? len - i : chunk;
		if (parse_push(p, doc + i, n) != 0)
			break;
	}
	g->f = parse_finish(p, &g->cause);
	w = parse_warnings(p);
	for (i = 0; i < w->n; i++)
		str_printf(&g->warnings, "%s\n", w->v[i]);
	parse_free(p);
}

static void
got_free(struct got *g)
{
	feed_free(g->f);
	free(g->cause);
	str_free(&g->warnings);
}

static void
test_long_fields(void)
{
	struct str	 doc;
	struct got	 g;
	size_t		 i;

	str_init(&doc);
	str_appends(&doc, "<rss version=\"2.0\"><channel><title>");
	for (i = 0; i < 40000; i++)
		str_appends(&doc, "\xd8\xaa");		/* 80 000 bytes */
	str_appends(&doc, "</title><item><guid>1</guid><title>");
	for (i = 0; i < 50000; i++)
		str_appends(&doc, "\xd8\xae");		/* 100 000 bytes */
	str_appends(&doc, "</title><link>https://x.example/");
	for (i = 0; i < 9000; i++)
		str_appendc(&doc, 'a');
	str_appends(&doc, "</link></item><item><guid>2</guid><title>short"
	    "</title><link>https://x.example/2</link></item></channel></rss>");
	parse_doc(doc.ptr, doc.len, 4096, &g);
	ok(g.f != NULL && g.f->nitems == 2, "a feed with a 100 kB title and a "
	    "9 kB link is read");
	if (g.f != NULL && g.f->nitems == 2) {
		ok(strlen(g.f->items[0]->title) <= 64 * 1024 &&
		    strlen(g.f->items[0]->title) > 64 * 1024 - 8 &&
		    strcmp(g.f->items[0]->title + strlen(g.f->items[0]->title) -
		    3, "\xe2\x80\xa6") == 0, "the title is cut to 64 KB, "
		    "ending in an ellipsis (%zu bytes)",
		    strlen(g.f->items[0]->title));
		ok(strncmp(g.f->items[0]->title, "\xd8\xae\xd8\xae", 4) == 0 &&
		    ((unsigned char)g.f->items[0]->title[strlen(
		    g.f->items[0]->title) - 4] & 0xc0) != 0xc0,
		    "... on a character's boundary");
		ok(strlen(g.f->items[0]->link) <= 8 * 1024 &&
		    strncmp(g.f->items[0]->link, "https://x.example/aaa", 21) == 0,
		    "the link is cut to 8 KB (%zu bytes)",
		    strlen(g.f->items[0]->link));
		is_str(g.f->items[1]->title, "short", "a short title stays");
		ok(strlen(g.f->title) <= 64 * 1024, "the feed's title is cut "
		    "too (%zu bytes)", strlen(g.f->title));
		is_str(g.f->items[0]->guid, "1", "the item keeps its id");
	}
	ok(strstr(g.warnings.ptr, "item 1: a title of 100000 bytes, cut to "
	    "65536") != NULL && strstr(g.warnings.ptr, "item 1: a link of "
	    "9018 bytes, cut to 8192") != NULL && strstr(g.warnings.ptr,
	    "the feed: a title of 80000 bytes, cut to 65536") != NULL,
	    "each cut is a warning");
	diag("%s", g.warnings.ptr);
	got_free(&g);
	str_free(&doc);
}

/* An RSS feed with an element of n attributes (before item 2, or in text). */
static void
attrs_doc(struct str *doc, int n, const char *how)
{
	int	i;

	str_clear(doc);
	str_appends(doc, "<rss version=\"2.0\"><channel><title>t</title>"
	    "<item><guid>1</guid><title>one</title></item>");
	if (strcmp(how, "element") == 0)
		str_appends(doc, "<x");
	else if (strcmp(how, "cdata") == 0)
		str_appends(doc, "<item><guid>c</guid><description><![CDATA[<x");
	else
		str_appends(doc, "<!-- <x");
	for (i = 0; i < n; i++)
		str_printf(doc, " a%d=\"v>\"", i);
	if (strcmp(how, "element") == 0)
		str_appends(doc, "/>");
	else if (strcmp(how, "cdata") == 0)
		str_appends(doc, ">]]></description></item>");
	else
		str_appends(doc, "> -->");
	str_appends(doc, "<item><guid>2</guid><title>two</title></item>"
	    "</channel></rss>");
}

static void
test_attributes(void)
{
	struct str	 doc;
	struct got	 g;
	clock_t		 t0;
	double		 cpu;

	str_init(&doc);
	attrs_doc(&doc, 100000, "element");
	t0 = clock();
	parse_doc(doc.ptr, doc.len, 65536, &g);
	cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ok(cpu < 0.5, "an element with 100 000 attributes is refused at once "
	    "(%.3f s of CPU; libxml2 took seconds)", cpu);
	ok(g.f != NULL && g.f->nitems == 1, "... the items before it are "
	    "read, reading stops there (%zu items)", g.f ? g.f->nitems : 0);
	ok(strstr(g.warnings.ptr, "an element with more than 1024 attributes; "
	    "reading stops here") != NULL, "... and it is said");
	got_free(&g);

	/* Its '<' in a chunk before: nothing more reaches libxml2. */
	parse_doc(doc.ptr, doc.len, 7, &g);
	ok(g.f != NULL && g.f->nitems == 1, "... in chunks of 7 bytes too");
	got_free(&g);

	/* Before any item: a document cut off, not an empty feed. */
	str_clear(&doc);
	str_appends(&doc, "<rss version=\"2.0\"><channel><title>t</title><x");
	for (int i = 0; i < 5000; i++)
		str_printf(&doc, " a%d='v'", i);
	str_appends(&doc, "/><item><guid>1</guid></item></channel></rss>");
	parse_doc(doc.ptr, doc.len, 4096, &g);
	ok(g.f == NULL && g.cause != NULL && strstr(g.cause, "cut off before "
	    "its first item (line 1: an element with more than 1024 "
	    "attributes)") != NULL, "with none before it, it is no feed: %s",
	    g.cause != NULL ? g.cause : "a feed");
	got_free(&g);

	attrs_doc(&doc, 1000, "element");
	parse_doc(doc.ptr, doc.len, 4096, &g);
	ok(g.f != NULL && g.f->nitems == 2, "1 000 attributes are read");
	got_free(&g);
	attrs_doc(&doc, 5000, "cdata");
	parse_doc(doc.ptr, doc.len, 4096, &g);
	ok(g.f != NULL && g.f->nitems == 3, "'=' in CDATA is no attribute");
	got_free(&g);
	attrs_doc(&doc, 5000, "comment");
	parse_doc(doc.ptr, doc.len, 4096, &g);
	ok(g.f != NULL && g.f->nitems == 2, "nor in a comment");
	got_free(&g);
	str_free(&doc);
}

static void
test_cut_off(void)
{
	static const struct {
		const char	*doc;
		const char	*cause;		/* NULL: a feed */
		size_t		 nitems;
	} cases[] = {
		{ "<rss version=\"2.0\"><channel><title>t</title><item><title>a",
		  "cut off before its first item (it ends inside item 1)", 0 },
		{ "<rss version=\"2.0\"><channel><title>t</title>",
		  "cut off before its first item (it ends inside <channel>)",
		  0 },
		{ "<rss version=\"2.0\"><channel><title>t</title><item><guid>1"
		  "</guid></item><item><title>b", NULL, 1 },
		{ "<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
		  NULL, 0 },
	};
	struct str	 doc;
	struct got	 g;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse_doc(cases[i].doc, strlen(cases[i].doc), 4096, &g);
		if (cases[i].cause != NULL)
			ok(g.f == NULL && g.cause != NULL &&
			    strstr(g.cause, cases[i].cause) != NULL,
			    "cut off: %s", g.cause != NULL ? g.cause : "a feed");
		else
			ok(g.f != NULL && g.f->nitems == cases[i].nitems,
			    "a feed of %zu items", cases[i].nitems);
		got_free(&g);
	}
	str_init(&doc);
	str_appends(&doc, "<rss version=\"2.0\"><channel><title>t</title>");
	for (i = 0; i < 5000; i++)
		str_appends(&doc, "<x>");
	parse_doc(doc.ptr, doc.len, 4096, &g);
	ok(g.f == NULL && g.cause != NULL && strstr(g.cause, "cut off before "
	    "its first item (line 1: elements nested deeper than 4096)") !=
	    NULL, "nesting too deep before any item: %s",
	    g.cause != NULL ? g.cause : "a feed");
	got_free(&g);
	str_free(&doc);
}

static void
test_json_nul(void)
{
	static const char doc[] = "{\"version\": "
	    "\"https://jsonfeed.org/version/1.1\", \"title\": \"A\\u0000B\", "
	    "\"items\": [{\"id\": \"1\\u0000\", \"title\": "
	    "\"before\\u0000after\", \"content_text\": \"x\\u0000y\", "
	    "\"tags\": [\"t\\u0000ag\"]}]}";
	struct got	g;

	parse_doc(doc, strlen(doc), 4096, &g);
	ok(g.f != NULL && g.f->nitems == 1, "a JSON Feed with NULs in its "
	    "strings is read");
	if (g.f != NULL && g.f->nitems == 1) {
		is_str(g.f->title, "AB", "a NUL is dropped from the feed's title");
		is_str(g.f->items[0]->title, "beforeafter",
		    "... from an item's title, the rest kept");
		is_str(g.f->items[0]->content, "xy", "... from its content");
		is_str(g.f->items[0]->guid, "1", "... from its id");
		ok(g.f->items[0]->categories.n == 1 &&
		    strcmp(g.f->items[0]->categories.v[0], "tag") == 0,
		    "... from a tag");
	}
	ok(strstr(g.warnings.ptr, "5 NUL characters in strings dropped") !=
	    NULL, "... and it is said");
	got_free(&g);
}

int
main(void)
{
	parse_init();
	test_long_fields();
	test_attributes();
	test_cut_off();
	test_json_nul();
	return (tap_done());
}
