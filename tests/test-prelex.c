/*
 * The CDATA pre-lexer against plain libxml2: every document read with the
 * pre-lexer on must give what it gives with the lexer off (the entity
 * filter alone, as libxml2 would read the feed without the rewrite): the
 * same feed, the same items, the same warnings, the same reason when it
 * is not a feed, in every chunking. The documents are every fixture under
 * tests/data (tests/data/prelex holds the inputs that once differed) and
 * the fuzz corpus, and token soups in the shapes that broke the lexer
 * before: text cut by a chunk, "]]>" in text, comments with "--", U+FFFE
 * in CDATA, errors before named references.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-json.h"
#include "feed.h"
#include "parse-priv.h"
#include "parse.h"
#include "str.h"

#include "tap.h"

/* Pseudo-random chunk sizes, 1 to 97 bytes, from a seed. */
static size_t
chunk_next(unsigned long long *rs)
{
	*rs = *rs * 6364136223846793005ULL + 1442695040888963407ULL;
	return ((size_t)((*rs >> 33) % 97) + 1);
}

/*
 * Parse doc pushed in chunks of chunk bytes (0: whole; negative: the
 * pseudo-random sizes seeded by -chunk), the pre-lexer on or off; out gets
 * the warnings, then the JSON of the feed or the reason it is none.
 * Returns how many text runs went to libxml2 as CDATA.
 */
static size_t
read_doc(const char *doc, size_t len, long chunk, bool lexer,
    struct str *out)
{
	struct parse		*p;
	struct feed		*f;
	const struct strv	*w;
	unsigned long long	 rs = (unsigned long long)(-chunk);
	char			*cause = NULL;
	size_t			 off, n, i, runs;

	p = parse_new("https://prelex.example/feed", NULL, NULL, NULL);
	parse_prelex_init(&p->prelex, lexer);
	for (off = 0; off < len; off += n) {
		if (chunk == 0)
			n = len;
		else if (chunk > 0)
			n = (size_t)chunk;
		else
			n = chunk_next(&rs);
		if (n > len - off)
			n = len - off;
		if (parse_push(p, doc + off, n) != 0)
			break;
	}
	f = parse_finish(p, &cause);
	w = parse_warnings(p);
	for (i = 0; i < w->n; i++)
		str_printf(out, "W %s\n", w->v[i]);
	if (f != NULL)
		cli_json_feed(f, out);
	else
		str_printf(out, "NOT A FEED %s\n", cause);
	runs = parse_cdata_runs(p);
	feed_free(f);
	free(cause);
	parse_free(p);
	return (runs);
}

static size_t	 total_runs, total_off_runs;

/*
 * Whether doc reads the same with the lexer on and off in each of the
 * chunkings; the first that differs is named in *first.
 */
static size_t
differ(const char *doc, size_t len, const long *chunks, size_t nchunks,
    long *first)
{
	struct str	 on, off;
	size_t		 i, bad = 0;

	for (i = 0; i < nchunks; i++) {
		str_init(&on);
		str_init(&off);
		total_runs += read_doc(doc, len, chunks[i], true, &on);
		total_off_runs += read_doc(doc, len, chunks[i], false, &off);
		if (strcmp(str_cstr(&on), str_cstr(&off)) != 0 && bad++ == 0) {
			*first = chunks[i];
			diag("lexer on:\n%.2000s", str_cstr(&on));
			diag("lexer off:\n%.2000s", str_cstr(&off));
		}
		str_free(&on);
		str_free(&off);
	}
	return (bad);
}

/* Read a whole file. */
static char *
slurp(const char *path, size_t *len)
{
	FILE		*f;
	struct str	 s;
	char		 buf[65536];
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

static int
cmp_names(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Check one fixture in chunkings that cut everywhere (1 byte: small ones). */
static void
check_file(const char *path, const char *name)
{
	static const long chunks[] = { 0, 2, 3, 7, 64, 4096, -1, -77777, 1 };
	size_t		 len, bad, n = sizeof chunks / sizeof chunks[0];
	long		 first = 0;
	char		*doc;

	if ((doc = slurp(path, &len)) == NULL) {
		ok(0, "%s: read", name);
		return;
	}
	if (len > 32 * 1024)
		n--;		/* no 1-byte chunks for the big ones */
	bad = differ(doc, len, chunks, n, &first);
	ok(bad == 0, "%s: the same with the lexer on and off in %zu "
	    "chunkings (%zu differ, first in %ld)", name, n, bad, first);
	free(doc);
}

/* Check every regular file under dir, its subdirectories too. */
static void
check_dir(const char *dir, const char *prefix)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	struct strv	 names = { NULL, 0 };
	struct str	 path, name;
	size_t		 i;

	if ((d = opendir(dir)) == NULL) {
		ok(0, "open %s", dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.')
			strv_add(&names, de->d_name);
	}
	closedir(d);
	qsort(names.v, names.n, sizeof names.v[0], cmp_names);
	for (i = 0; i < names.n; i++) {
		str_init(&path);
		str_init(&name);
		str_printf(&path, "%s/%s", dir, names.v[i]);
		str_printf(&name, "%s%s", prefix, names.v[i]);
		if (stat(path.ptr, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			str_appendc(&name, '/');
			check_dir(path.ptr, name.ptr);
		} else if (S_ISREG(sb.st_mode))
			check_file(path.ptr, name.ptr);
		str_free(&path);
		str_free(&name);
	}
	strv_free(&names);
}

/*
 * Token soups in a few elements, most after a comment that pushes them
 * past the 8 kB the parser holds before it decides (so that chunks cut
 * them): text (Arabic, Hebrew, references of every kind) with markup
 * mixed in at random, mild (which the lexer follows) in half of them and
 * hostile (which turns it off, or which libxml2 recovers from) in the
 * other half: the shapes tests/data/prelex came from.
 */
static void
check_soups(void)
{
	static const char *markup[] = {
		"<b>", "</b>", "<i x='a>b'>", "</i>", "<br/>", "<!--", "-->",
		"--", "-", "]]>", "]]", "]", "<![CDATA[", "<?pi x?>", "?>",
		"<?", "<", ">", "'", "\"", "\xef\xbf\xbe", "<p:q>", "</p:q>",
		"</bad>", "<!---->", "<!-- - -->", "\r\n", "\r", "&#0;", "&#1;",
		"&#xD800;", "&foo;", "&", "<![CDATA[\xd8\xb3]]>", "<x a='1' a='2'/>"
	};
	static const char *mild[] = {
		"<b>", "</b>", "<i x='a>b'>", "</i>", "<br/>", "<!-- c -->",
		"<?pi x?>", "<![CDATA[\xd8\xb3 & ]]>", "<a href=\"?a=1&amp;b\">",
		"</a>", "\r\n"
	};
	static const char *text[] = {
		"&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#1575;", "&#x627;",
		"&#X41;", "&nbsp;", "&hellip;", "&raquo;", "&#93;&#93;&#62;",
		"--&gt;", "\xc2\xa0", "x", "y ", " ", "\n", "\t", "hello ",
		"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 ",
		"\xd8\xb9\xd9\x8e\xd8\xb1\xd9\x8e\xd8\xa8\xd9\x90\xd9\x8a\xd9\x91 ",
		"\xd7\xa9\xd7\x81\xd7\x9c\xd7\x95\xd7\x9d",
		"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd9\x83\xd9\x85 "
		"\xd9\x81\xd9\x8a \xd8\xa7\xd9\x84\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7"
		"\xd8\xb1 ", "\xf0\x9f\x98\x80", "\xe2\x80\x8f"
	};
	static const char *elems[] = { "title", "description", "author" };
	static const long chunks[] = { 0, 1, 2, 3, 5, 7, 64, 4096, -1, -4242 };
	unsigned long long	 rs;
	struct str		 doc;
	size_t			 k, e, i, ntok, nel, bad = 0, docs = 0;
	long			 first = 0, f;
	const size_t		 nsoups = 150;
	const char		*t;
	bool			 atom;

	for (k = 0; k < nsoups; k++) {
		rs = 1000003ULL * (k + 1);
		atom = k % 3 == 2;
		str_init(&doc);
		str_appends(&doc, atom ? "<feed xmlns=\"http://www.w3.org/2005/"
		    "Atom\"><!--" : "<rss version=\"2.0\"><channel><!--");
		for (i = 0; k % 4 != 3 && i < 9000 + chunk_next(&rs) % 64; i++)
			str_appendc(&doc, 'p');
		str_appends(&doc, "-->");
		nel = 1 + chunk_next(&rs) % 3;
		for (e = 0; e < nel; e++) {
			t = elems[(k + e) % (sizeof elems / sizeof elems[0])];
			str_printf(&doc, "<%s>", t);
			ntok = 1 + chunk_next(&rs) % 60;
			for (i = 0; i < ntok; i++) {
				if (chunk_next(&rs) % 8 != 0)
					str_appends(&doc, text[chunk_next(&rs) %
					    (sizeof text / sizeof text[0])]);
				else if (k % 2 == 0)
					str_appends(&doc, mild[chunk_next(&rs) %
					    (sizeof mild / sizeof mild[0])]);
				else
					str_appends(&doc, markup[chunk_next(&rs) %
					    (sizeof markup / sizeof markup[0])]);
			}
			str_printf(&doc, "</%s>\n", t);
		}
		str_appends(&doc, atom ? "<link href=\"z\"/></feed>\n" :
		    "<link>z</link></channel></rss>\n");
		if (differ(doc.ptr, doc.len, chunks, sizeof chunks /
		    sizeof chunks[0], &f) > 0) {
			if (bad++ == 0) {
				first = f;
				diag("soup %zu: %.400s", k, doc.ptr + doc.len -
				    (doc.len > 400 ? 400 : doc.len));
			}
		}
		docs++;
		str_free(&doc);
	}
	ok(bad == 0, "%zu token soups read the same with the lexer on and "
	    "off in %zu chunkings each (%zu differ, the first in %ld)", docs,
	    sizeof chunks / sizeof chunks[0], bad, first);
}

/*
 * A big feed handed over whole is read in slices (parse-push.c); one with
 * many items, text runs longer than a slice and a CDATA section across a
 * slice's end must read the same with the lexer on and off too.
 */
static void
check_big(void)
{
	static const long chunks[] = { 0, 3, 4096, 65537, -5 };
	struct str	 doc;
	size_t		 bad, k, i;
	long		 first = 0;

	str_init(&doc);
	str_appends(&doc, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss "
	    "version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/"
	    "content/\"><channel><title>Big &amp; \xd9\x83\xd8\xa8\xd9\x8a"
	    "\xd8\xb1</title><link>https://big.example/</link>\n");
	for (k = 0; k < 300; k++) {
		str_printf(&doc, "<item><title>%zu \xd8\xae\xd8\xa8\xd8\xb1 "
		    "&quot;\xd8\xb9\xd8\xa7\xd8\xac\xd9\x84&quot; &#1575;&nbsp;"
		    "AT&amp;T</title><link>/a/%zu</link><description>&lt;p&gt;",
		    k, k);
		for (i = 0; i < 20 + k % 7; i++)
			str_appends(&doc, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 "
			    "&lt;b&gt;\xd9\x81\xd9\x8a&lt;/b&gt; &hellip; ");
		str_appends(&doc, "&lt;/p&gt;</description>");
		if (k % 50 == 7) {
			str_appends(&doc, "<content:encoded>");
			for (i = 0; i < 5000; i++)
				str_appends(&doc, "\xd9\x86\xd8\xb5 &amp; ");
			str_appends(&doc, "</content:encoded>");
		} else if (k % 50 == 8) {
			str_appends(&doc, "<content:encoded><![CDATA[");
			for (i = 0; i < 5000; i++)
				str_appends(&doc, "<p>\xd9\x86\xd8\xb5</p>");
			str_appends(&doc, "]]></content:encoded>");
		}
		str_appends(&doc, "</item>\n");
	}
	str_appends(&doc, "</channel></rss>\n");
	bad = differ(doc.ptr, doc.len, chunks, sizeof chunks / sizeof chunks[0],
	    &first);
	ok(bad == 0, "a %zu kB feed reads the same with the lexer on and off "
	    "in %zu chunkings (%zu differ, first in %ld)", doc.len / 1024,
	    sizeof chunks / sizeof chunks[0], bad, first);
	str_free(&doc);
}

int
main(void)
{
	const char	*top;
	struct str	 dir;
	size_t		 fixture_runs;

	parse_init();
	top = getenv("top_srcdir");
	if (top == NULL)
		top = ".";
	str_init(&dir);
	str_printf(&dir, "%s/tests/data", top);
	check_dir(dir.ptr, "");
	str_clear(&dir);
	str_printf(&dir, "%s/tests/fuzz/corpus", top);
	check_dir(dir.ptr, "corpus/");
	str_free(&dir);
	fixture_runs = total_runs;
	check_soups();
	check_big();
	/* Not a test of nothing: the lexer rewrote text, and only when on. */
	ok(fixture_runs > 100 && total_runs - fixture_runs > 100, "the lexer "
	    "handed libxml2 text runs as CDATA: %zu in the fixtures, %zu in "
	    "the generated documents", fixture_runs, total_runs - fixture_runs);
	is_int(total_off_runs, 0, "with the lexer off, none");
	return (tap_done());
}
