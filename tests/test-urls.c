/* Tests for urls.c: the urls file reader. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "str.h"
#include "urls.h"
#include "xmalloc.h"

#include "tap.h"

static void
test_file(void)
{
	struct strv	 urls = { NULL, 0 }, warn = { NULL, 0 };
	char		 path[] = "/tmp/akhbar-urls.XXXXXX", *cause = NULL;
	FILE		*f;
	int		 fd;

	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fputs("# my feeds\n"
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
	    "\"exec:echo unclosed\n", f);
	fclose(f);
	ok(urls_load(path, &urls, &warn, &cause) == 0, "a urls file loads");
	is_int(urls.n, 6, "six feeds");
	if (urls.n == 6) {
		is_str(urls.v[0], "https://example.org/feed.xml", "first URL");
		is_str(urls.v[1], "http://example.org/rss",
		    "words after a URL are skipped");
		is_str(urls.v[2], "exec:cat /tmp/x.xml", "exec: is kept");
		is_str(urls.v[3], "exec:sh -c 'echo hi'",
		    "newsboat's quoted exec: is unquoted");
		is_str(urls.v[4], "file:///var/feeds/local.xml", "file: URLs");
		is_str(urls.v[5], "exec:echo \"a b\" c",
		    "newsboat's quoted exec: ends at its closing quote, \\\" "
		    "inside, its title and tags after it ignored");
	}
	is_int(warn.n, 6, "six warnings");
	if (warn.n == 6) {
		ok(strstr(warn.v[0], ":5: not a feed URL: not") != NULL,
		    "a bad line is warned about with its number (%s)",
		    warn.v[0]);
		ok(strstr(warn.v[1], ":8: duplicate") != NULL,
		    "duplicates are warned about");
		ok(strstr(warn.v[2], ":9: not a feed URL: ftp://") != NULL,
		    "ftp: is not a feed URL");
		ok(strstr(warn.v[3], ":11:") != NULL, "a URL without a host");
		ok(strstr(warn.v[4], ":12: exec: without a command") != NULL,
		    "an empty exec:");
		ok(strstr(warn.v[5], ":14: no closing quote") != NULL,
		    "a quoted exec: without its closing quote (%s)", warn.v[5]);
	}
	strv_free(&urls);
	strv_free(&warn);
	unlink(path);

	/* A byte order mark, an unbalanced quote, and no feed at all. */
	strcpy(path, "/tmp/akhbar-urls.XXXXXX");
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fputs("\xef\xbb\xbfhttps://example.org/bom.xml\r\n"
	    "exec:sh -c 'echo hi\n", f);
	fclose(f);
	ok(urls_load(path, &urls, &warn, &cause) == 0, "a file with a BOM loads");
	ok(urls.n == 1 && strcmp(urls.v[0], "https://example.org/bom.xml") == 0,
	    "... and its first line is a feed");
	ok(warn.n == 1 && strstr(warn.v[0], ":2: ") != NULL &&
	    strstr(warn.v[0], "unterminated ' quote") != NULL,
	    "an unbalanced quote in exec: is warned about with its line (%s)",
	    warn.n > 0 ? warn.v[0] : "none");
	strv_free(&urls);
	strv_free(&warn);
	f = fopen(path, "w");
	fputs("# nothing\n\n", f);
	fclose(f);
	ok(urls_load(path, &urls, &warn, &cause) == 0 && urls.n == 0,
	    "a file of comments loads, empty");
	ok(warn.n == 1 && strstr(warn.v[0], "no feeds") != NULL,
	    "... with a warning that it has no feeds");
	strv_free(&urls);
	strv_free(&warn);
	unlink(path);

	ok(urls_load("/nonexistent/akhbar/urls", &urls, &warn, &cause) == -1,
	    "a missing file is an error");
	ok(cause != NULL && strstr(cause, "/nonexistent/akhbar/urls") != NULL &&
	    strstr(cause, "one feed URL per line") != NULL,
	    "... naming the path and how to create it");
	free(cause);
}

int
main(void)
{
	test_file();
	return (tap_done());
}
