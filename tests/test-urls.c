/* Tests for urls.c: the urls file reader (newsboat's format) and exec: splitting. */
#include "config.h"

#include <sys/stat.h>

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
	is_int(subs.n, 6, "six feeds");
	if (subs.n == 6) {
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
		ok(subs.v[3].query != NULL, "newsboat's quoted query: is a query");
		is_str(subs.v[3].title, "Unread", "... \"~Unread\" its title");
		is_str(subs.v[3].url, "query:unread:unread = \"yes\"",
		    "... its URL the line's first word");
		t = tags(&subs.v[4]);
		is_str(t, "a|b", "a tag is kept once, empty ones dropped");
		free(t);
		ok(subs.v[4].title == NULL, "an empty \"~\" is no title");
		is_str(subs.v[5].url, "https://example.org/quoted.xml",
		    "a quoted URL");
		is_str(subs.v[5].title, "Quoted", "... with its title");
	}
	is_int(warn.n, 3, "three warnings");
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
	    "query: in capitals, without an expression");
	is_int(pr.kind, REASON_QUERY, "... is still a query, and bad");
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

/* newsboat's query: feeds, as its documentation writes them, and bad ones. */
static void
test_query(void)
{
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problems	 warn = { NULL, 0 };
	struct urls_problem	 err;
	const struct urls_problem *pr;
	char			 path[64], *t;

	write_file(path,
	    "\"query:Unread Articles:unread = \\\"yes\\\"\"\n"
	    "query:Sport:tags # \"sport\"\n"
	    "\"query:Gaza:(title =~ \\\"غزة|gaza\\\" or content # \\\"غزة\\\") "
	    "and age < 7\" news \"~غزة اليوم\" keep=100\n"
	    "query:Bad:titel = \"x\"\n"
	    "query:Bad2:title = \"x\" and\n"
	    "query:Bad3:age =~ \"1\"\n"
	    "query:Bad4:title =~ \"(\"\n"
	    "query:Bad5:unread = \"perhaps\"\n"
	    "query:NoExpression:\n"
	    "query:Between:age between 1:7\n");
	ok(urls_load(path, &subs, &warn, &err) == 0, "query: lines load");
	is_int(subs.n, 4, "four query feeds are good");
	if (subs.n == 4) {
		ok(subs.v[0].query != NULL, "a quoted query: with \\\" inside");
		is_str(subs.v[0].title, "Unread Articles", "... its name is its title");
		ok(subs.v[1].query != NULL, "an unquoted query: takes the line");
		is_str(subs.v[1].title, "Sport", "... named Sport");
		is_str(subs.v[1].url, "query:Sport:tags # \"sport\"",
		    "... all of the line its URL");
		is_str(subs.v[2].title, "غزة اليوم", "a \"~Title\" overrides the name");
		t = tags(&subs.v[2]);
		is_str(t, "news", "... a query has tags");
		free(t);
		is_int(subs.v[2].keep, 100, "... and options");
		is_str(subs.v[3].title, "Between", "between A:B");
	}
	is_int(warn.n, 6, "six bad query: lines");
	pr = warning_at(&warn, 4);
	ok(pr != NULL && pr->kind == REASON_QUERY_ATTRIBUTE && pr->code == 1 &&
	    pr->detail != NULL && strcmp(pr->detail, "titel") == 0,
	    "an unknown attribute, its column and word");
	pr = warning_at(&warn, 5);
	ok(pr != NULL && pr->kind == REASON_QUERY_SYNTAX && pr->code == 16,
	    "an expression that ends too soon, at its end");
	pr = warning_at(&warn, 6);
	ok(pr != NULL && pr->kind == REASON_QUERY_OPERATOR && pr->code == 5,
	    "=~ does not go with age");
	pr = warning_at(&warn, 7);
	ok(pr != NULL && pr->kind == REASON_QUERY_REGEX && pr->code == 10,
	    "a regular expression that does not compile");
	pr = warning_at(&warn, 8);
	ok(pr != NULL && pr->kind == REASON_QUERY_VALUE && pr->code == 10,
	    "unread takes yes or no");
	ok(warned(&warn, 9, REASON_QUERY, NULL), "a query: without expression");
	urls_list_free(&subs);
	urls_problems_free(&warn);
	unlink(path);
}

/* akhbar's own key=value words. */
static void
test_options(void)
{
	struct urls_sub		 sub;
	struct urls_problem	 pr;
	struct str		 line;

	memset(&pr, 0, sizeof pr);
	is_int(urls_parse_line("https://a.example/x dir=rtl keep=500 "
	    "full-article=yes reload=30 x-y=z", &sub, &pr), 1,
	    "every option on one line");
	ok(sub.dir_set && sub.dir == FEED_DIR_RTL, "dir=rtl");
	is_int(sub.keep, 500, "keep=500");
	is_int(sub.full_article, 1, "full-article=yes");
	is_int(sub.reload, 1800, "reload=30");
	str_init(&line);
	urls_format(&sub, &line);
	ok(strstr(str_cstr(&line), "reload=30") != NULL &&
	    strstr(str_cstr(&line), "dir=rtl") != NULL &&
	    strstr(str_cstr(&line), "keep=500") != NULL &&
	    strstr(str_cstr(&line), "full-article=yes") != NULL &&
	    strstr(str_cstr(&line), "x-y=z") != NULL,
	    "... and written back with every option");
	str_free(&line);
	urls_sub_clear(&sub);
	is_int(urls_parse_line("https://a.example/x", &sub, &pr), 1, "no option");
	ok(!sub.dir_set && sub.keep == 0 && sub.full_article == -1,
	    "... no direction, no keep=, full-article not given");
	urls_sub_clear(&sub);
	is_int(urls_parse_line("https://a.example/x dir=sideways", &sub, &pr),
	    -1, "dir=sideways");
	ok(pr.kind == REASON_BAD_OPTION && strcmp(pr.detail, "dir=sideways") == 0,
	    "... is a bad option");
	urls_problem_clear(&pr);
	is_int(urls_parse_line("https://a.example/x keep=0", &sub, &pr), -1,
	    "keep=0 is a bad option");
	urls_problem_clear(&pr);
	is_int(urls_parse_line("https://a.example/x full-article=maybe", &sub,
	    &pr), -1, "full-article=maybe is a bad option");
	urls_problem_clear(&pr);
}

/* Adding to a urls file: comments kept, duplicates skipped, read back the same. */
static void
test_add(void)
{
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problems	 warn = { NULL, 0 };
	struct urls_problem	 err;
	struct urls_sub		 add[3];
	struct str		 text;
	struct stat		 sb;
	FILE			*f;
	char			 path[64], buf[4096], *cause = NULL, *t;
	size_t			 added, skipped, n;

	write_file(path, "# my feeds\nhttps://a.example/x \"old\" # note\n"
	    "not a url line\nhttps://b.example/y");
	chmod(path, 0640);
	memset(add, 0, sizeof add);
	memset(&err, 0, sizeof err);
	urls_parse_line("https://a.example/x \"new\"", &add[0], &err);
	urls_parse_line("\"https://c.example/with\\\"quote\\\"\" "
	    "\"tag \\\"q\\\"\" \"~Title with \\\\ and \\\"\" \"!\" reload=5",
	    &add[1], &err);
	urls_parse_line("https://d.example/z dir=ltr", &add[2], &err);
	ok(urls_add(path, add, 3, "Imported from test", &added, &skipped,
	    &cause) == 0, "subscriptions added to a urls file");
	is_int(added, 2, "... two of them");
	is_int(skipped, 1, "... one there already");
	f = fopen(path, "r");
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	ok(strncmp(buf, "# my feeds\nhttps://a.example/x \"old\" # note\n"
	    "not a url line\nhttps://b.example/y\n# Imported from test\n",
	    54 + 20) == 0, "every line it had is kept, then the comment");
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0640,
	    "... with its permissions");
	ok(urls_load(path, &subs, &warn, &err) == 0 && subs.n == 4,
	    "the file reads back: four feeds");
	if (subs.n == 4) {
		is_str(subs.v[2].url, "https://c.example/with\"quote\"",
		    "a quoted URL written back");
		t = tags(&subs.v[2]);
		is_str(t, "tag \"q\"", "... its tag");
		free(t);
		is_str(subs.v[2].title, "Title with \\ and \"", "... its title");
		ok(subs.v[2].hidden && subs.v[2].reload == 300, "... hidden, reload=5");
		ok(subs.v[3].dir_set && subs.v[3].dir == FEED_DIR_LTR, "dir=ltr");
	}
	urls_list_free(&subs);
	urls_problems_free(&warn);
	ok(urls_add(path, add, 3, "again", &added, &skipped, &cause) == 0 &&
	    added == 0 && skipped == 3, "adding them again adds nothing");
	str_init(&text);
	snprintf(buf, sizeof buf, "%s.new/dir/urls", path);
	ok(urls_add(buf, add + 2, 1, NULL, &added, &skipped, &cause) == 0 &&
	    added == 1, "a urls file that does not exist is made");
	ok(urls_load(buf, &subs, &warn, &err) == 0 && subs.n == 1,
	    "... and reads back");
	urls_list_free(&subs);
	urls_problems_free(&warn);
	unlink(buf);
	snprintf(buf, sizeof buf, "%s.new/dir", path);
	rmdir(buf);
	snprintf(buf, sizeof buf, "%s.new", path);
	rmdir(buf);
	str_free(&text);
	for (n = 0; n < 3; n++)
		urls_sub_clear(&add[n]);
	unlink(path);
}

int
main(void)
{
	test_file();
	test_newsboat();
	test_many();
	test_line();
	test_split();
	test_query();
	test_options();
	test_add();
	return (tap_done());
}
