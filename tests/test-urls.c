/* Tests for urls.c: the urls file reader (newsboat's format) and exec: splitting. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reason.h"
#include "str.h"
#include "urls.h"
#include "xmalloc.h"

#include "tap.h"

/* Write text to a new temporary file; path is its template, filled in. */
static void
write_file(char *path, const char *text)
{
	FILE	*f;
	int	 fd;

	strcpy(path, "/tmp/akhbar-urls.XXXXXX");
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		printf("Bail out! cannot write a temporary file\n");
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

/* The warning on line (0: the file's own), or NULL. */
static const struct urls_problem *
warning_at(const struct urls_problems *w, int line)
{
	size_t	i;

	for (i = 0; i < w->n; i++) {
		if (w->v[i].line == line)
			return (&w->v[i]);
	}
	return (NULL);
}

/* Whether line's warning is of kind, with this detail (NULL: any). */
static int
warned(const struct urls_problems *w, int line, int kind, const char *detail)
{
	const struct urls_problem	*pr;

	if ((pr = warning_at(w, line)) == NULL || pr->kind != kind)
		return (0);
	if (detail == NULL)
		return (1);
	return (pr->detail != NULL && strcmp(pr->detail, detail) == 0);
}

/* The subscription's tags joined with '|'. */
static char *
tags(const struct urls_sub *sub)
{
	struct str	 s;
	size_t		 i;

	str_init(&s);
	for (i = 0; i < sub->tags.n; i++) {
		if (i > 0)
			str_appendc(&s, '|');
		str_appends(&s, sub->tags.v[i]);
	}
	return (str_steal(&s));
}

static void
test_file(void)
{
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problems	 warn = { NULL, 0 };
	struct urls_problem	 err;
	char			 path[64];
	FILE			*f;
	int			 rc;

	write_file(path, "# my feeds\n"
	    "\n"
	    "https://example.org/feed.xml\n"
	    "   http://example.org/rss  tag1 \"~Title\"\n"
	    "not a url\n"
	    "exec:cat /tmp/x.xml\n"
	    "\"exec:sh -c 'echo hi'\"\n"
	    "https://example.org/feed.xml\n"
	    "ftp://example.org/x\n"
	    "file:///var/feeds/local.xml\n"
	    "http:///nohost\n"
	    "exec:   \n"
	    "\"exec:echo \\\"a b\\\" c\" \"~My Title\" news\n"
	    "\"exec:echo unclosed\n");
	ok(urls_load(path, &subs, &warn, &err) == 0, "a urls file loads");
	is_int(subs.n, 6, "six feeds");
	if (subs.n == 6) {
		is_str(subs.v[0].url, "https://example.org/feed.xml",
		    "first URL");
		is_int(subs.v[0].line, 3, "... with its line");
		is_str(subs.v[1].url, "http://example.org/rss",
		    "words after a URL are not part of it");
		is_str(subs.v[1].title, "Title", "... a \"~Title\" is its title");
		is_int(subs.v[1].tags.n, 1, "... and a bare word a tag");
		is_str(subs.v[2].url, "exec:cat /tmp/x.xml", "exec: is kept");
		is_str(subs.v[3].url, "exec:sh -c 'echo hi'",
		    "newsboat's quoted exec: is unquoted");
		is_str(subs.v[4].url, "file:///var/feeds/local.xml",
		    "file: URLs");
		is_str(subs.v[5].url, "exec:echo \"a b\" c",
		    "newsboat's quoted exec: ends at its closing quote, \\\" "
		    "inside");
		is_str(subs.v[5].title, "My Title", "... its title after it");
		ok(subs.v[5].tags.n == 1 &&
		    strcmp(subs.v[5].tags.v[0], "news") == 0,
		    "... and its tag");
	}
	is_int(warn.n, 6, "six warnings");
	ok(warned(&warn, 5, REASON_NOT_URL, "not"),
	    "a bad line is warned about with its number and first word");
	ok(warned(&warn, 8, REASON_DUPLICATE, "https://example.org/feed.xml"),
	    "duplicates are warned about");
	ok(warned(&warn, 9, REASON_NOT_URL, "ftp://example.org/x"),
	    "ftp: is not a feed URL");
	ok(warned(&warn, 11, REASON_NOT_URL, NULL), "a URL without a host");
	ok(warned(&warn, 12, REASON_NO_COMMAND, NULL), "an empty exec:");
	ok(warned(&warn, 14, REASON_NO_QUOTE, "\"exec:echo unclosed"),
	    "a quoted exec: without its closing quote");
	urls_list_free(&subs);
	urls_problems_free(&warn);
	unlink(path);

	/* A byte order mark, an unbalanced quote, and no feed at all. */
	write_file(path, "\xef\xbb\xbfhttps://example.org/bom.xml\r\n"
	    "exec:sh -c 'echo hi\n");
	if ((f = fopen(path, "a")) != NULL) {
		fwrite("https://example.org/nul\0.xml\n", 1, 29, f);
		fclose(f);
	}
	ok(urls_load(path, &subs, &warn, &err) == 0, "a file with a BOM loads");
	ok(subs.n == 1 && strcmp(subs.v[0].url, "https://example.org/bom.xml")
	    == 0, "... and its first line is a feed");
	ok(warned(&warn, 2, REASON_BAD_COMMAND, "unterminated ' quote"),
	    "an unbalanced quote in exec: is warned about with its line and why");
	ok(warned(&warn, 3, REASON_NUL_BYTE, NULL), "a NUL byte skips its line");
	urls_list_free(&subs);
	urls_problems_free(&warn);

	write_file(path, "# nothing\n\n");
	ok(urls_load(path, &subs, &warn, &err) == 0 && subs.n == 0,
	    "a file of comments loads, empty");
	ok(warn.n == 1 && warned(&warn, 0, REASON_NO_FEEDS, NULL),
	    "... with a warning (line 0: the file) that it has no feeds");
	urls_list_free(&subs);
	urls_problems_free(&warn);
	unlink(path);

	ok(urls_load("/nonexistent/akhbar/urls", &subs, &warn, &err) == -1,
	    "a missing file is an error");
	ok(err.kind == REASON_NO_URLS_FILE && err.line == 0,
	    "... saying so as data, for the edge to put in words");
	urls_problem_clear(&err);
	rc = urls_load("/", &subs, &warn, &err);
	ok(rc == -1 && err.kind == REASON_FILE && err.detail != NULL,
	    "a directory cannot be read (%s)",
	    err.detail != NULL ? err.detail : "no detail");
	urls_problem_clear(&err);
	urls_list_free(&subs);
	urls_problems_free(&warn);
}

/* newsboat's own examples, and akhbar's key=value words. */
static void
test_newsboat(void)
{
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problems	 warn = { NULL, 0 };
	struct urls_problem	 err;
	char			 path[64], *t;

	write_file(path,
	    "http://rss.cnn.com/rss/cnn_topstories.rss \"news\" \"world news\"\n"
	    "https://example.org/ar.xml \"~الجزيرة\" \"!\" أخبار reload=30\n"
	    "https://example.org/q.xml \"tag with \\\"quotes\\\"\" plain "
	    "x-speed=fast \"reload=5\"\n"
	    "\"query:unread:unread = \\\"yes\\\"\" \"~Unread\"\n"
	    "https://example.org/bad-reload.xml reload=0\n"
	    "https://example.org/bad-reload2.xml reload=ten\n"
	    "https://example.org/open.xml \"unclosed tag\n"
	    "https://example.org/dup-tags.xml a a \"a\" b \"\" \"~\"\n"
	    "\"https://example.org/quoted.xml\" \"~Quoted\"\n"
	    "# a comment with a \" quote\n");
	ok(urls_load(path, &subs, &warn, &err) == 0, "newsboat's format loads");
	is_int(subs.n, 5, "five feeds");
	if (subs.n == 5) {
		t = tags(&subs.v[0]);
		is_str(t, "news|world news", "quoted tags, blanks kept");
		free(t);
		ok(subs.v[0].title == NULL && !subs.v[0].hidden &&
		    subs.v[0].reload == 0, "... no title, shown, global interval");
		is_str(subs.v[1].title, "الجزيرة", "an Arabic \"~title\"");
		ok(subs.v[1].hidden, "\"!\" hides a feed");
		t = tags(&subs.v[1]);
		is_str(t, "أخبار", "an unquoted tag, as newsboat takes it");
		free(t);
		is_int(subs.v[1].reload, 30 * 60, "reload=30 is 30 minutes");
		t = tags(&subs.v[2]);
		is_str(t, "tag with \"quotes\"|plain|reload=5",
		    "\\\" inside a quoted tag; a quoted key=value is a tag");
		free(t);
		ok(subs.v[2].options.n == 1 &&
		    strcmp(subs.v[2].options.v[0], "x-speed=fast") == 0,
		    "other key=value words are kept as written");
		is_int(subs.v[2].reload, 0, "... and set no interval");
		t = tags(&subs.v[3]);
		is_str(t, "a|b", "a tag is kept once, empty ones dropped");
		free(t);
		ok(subs.v[3].title == NULL, "an empty \"~\" is no title");
		is_str(subs.v[4].url, "https://example.org/quoted.xml",
		    "a quoted URL");
		is_str(subs.v[4].title, "Quoted", "... with its title");
	}
	is_int(warn.n, 4, "four warnings");
	ok(warned(&warn, 4, REASON_QUERY, NULL),
	    "a query: line is skipped: not supported yet");
	ok(warned(&warn, 5, REASON_BAD_OPTION, "reload=0"),
	    "reload=0 is not a guess: the line is skipped with a warning");
	ok(warned(&warn, 6, REASON_BAD_OPTION, "reload=ten"),
	    "... and so is reload=ten");
	ok(warned(&warn, 7, REASON_NO_QUOTE, "\"unclosed tag"),
	    "an unbalanced quote in a tag skips the line");
	urls_list_free(&subs);
	urls_problems_free(&warn);
	unlink(path);
}

/* Many feeds, some listed twice: each duplicate is found, the rest kept in order. */
static void
test_many(void)
{
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problems	 warn = { NULL, 0 };
	struct urls_problem	 err;
	struct str		 text;
	char			 path[64];
	size_t			 i, dups = 0, order = 1;

	str_init(&text);
	for (i = 0; i < 1000; i++) {
		if (i % 7 == 6) {
			str_printf(&text, "https://example.org/%zu.xml\n", i - 1);
			dups++;
		} else
			str_printf(&text, "https://example.org/%zu.xml\n", i);
	}
	write_file(path, str_cstr(&text));
	str_free(&text);
	ok(urls_load(path, &subs, &warn, &err) == 0, "1 000 lines load");
	is_int(warn.n, dups, "every feed listed again is a duplicate");
	is_int(subs.n, 1000 - dups, "... and the others are kept");
	for (i = 1; i < subs.n; i++) {
		if (subs.v[i].line <= subs.v[i - 1].line)
			order = 0;
	}
	ok(order, "... in the file's order");
	urls_list_free(&subs);
	urls_problems_free(&warn);
	unlink(path);
}

static void
test_line(void)
{
	struct urls_sub		 sub;
	struct urls_problem	 pr;

	memset(&pr, 0, sizeof pr);
	is_int(urls_parse_line("   # comment", &sub, &pr), 0, "a comment");
	is_int(urls_parse_line(" \t\r\n", &sub, &pr), 0, "a blank line");
	is_int(urls_parse_line("https://a.example/x \"t\"", &sub, &pr), 1,
	    "a feed line");
	is_str(sub.url, "https://a.example/x", "... its URL");
	urls_sub_clear(&sub);
	is_int(urls_parse_line("exec:cat \"~not a title\"", &sub, &pr), 1,
	    "an unquoted exec: takes the rest of the line");
	is_str(sub.url, "exec:cat \"~not a title\"", "... quotes and all");
	ok(sub.title == NULL, "... so it has no title");
	urls_sub_clear(&sub);
	is_int(urls_parse_line("https://a.example/x reload=99999999999999999999",
	    &sub, &pr), -1, "a reload= too large to be minutes");
	is_int(pr.kind, REASON_BAD_OPTION, "... is a bad option");
	urls_problem_clear(&pr);
	is_int(urls_parse_line("QUERY:x", &sub, &pr), -1,
	    "query: in capitals");
	is_int(pr.kind, REASON_QUERY, "... is still a query");
	urls_problem_clear(&pr);
}

static void
test_split(void)
{
	char	**argv = NULL, *cause = NULL;

	ok(urls_split_command("a 'b c' \"d \\\" e\" f\\ g", &argv, &cause) == 0,
	    "split a quoted command");
	ok(argv != NULL && strcmp(argv[0], "a") == 0 &&
	    strcmp(argv[1], "b c") == 0 && strcmp(argv[2], "d \" e") == 0 &&
	    strcmp(argv[3], "f g") == 0 && argv[4] == NULL,
	    "... into the right words");
	urls_free_argv(argv);
	ok(urls_split_command("a 'b", &argv, &cause) == -1 && cause != NULL,
	    "an unterminated quote is an error");
	free(cause);
	cause = NULL;
	ok(urls_split_command("   ", &argv, &cause) == -1,
	    "an empty command is an error");
	free(cause);
}

int
main(void)
{
	test_file();
	test_newsboat();
	test_many();
	test_line();
	test_split();
	return (tap_done());
}
