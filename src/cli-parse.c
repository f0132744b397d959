/*
 * akhbar --parse FILE|URL: what the feed parser reads from a file,
 * standard input or an http(s) or file: URL, printed as JSON (cli-json.c
 * writes it) with the parser's problems on standard error. An http(s)
 * URL is fetched as the poller fetches a feed.
 */
#include "config.h"

#include "cli-parse.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "cli-json.h"
#include "feed.h"
#include "fetch.h"
#include "i18n.h"
#include "parse.h"
#include "poller.h"
#include "reason.h"
#include "report.h"
#include "str.h"
#include "url.h"
#include "utf8.h"
#include "xmalloc.h"

/*
 * The path a --parse argument names, or NULL for an http(s) URL. A file:
 * URL is decoded by url.c (file:///tmp/a%20b.xml is "/tmp/a b.xml"); one
 * naming another host, or not parsing, stays as written and fails to open.
 */
static char *
cli_parse_path(const char *arg)
{
	char	*path;
	bool	 remote;

	if (str_has_prefix_ci(arg, "http://") ||
	    str_has_prefix_ci(arg, "https://"))
		return (NULL);
	if (!str_has_prefix_ci(arg, "file:"))
		return (xstrdup(arg));
	if (url_file_path(arg, &path, &remote) == 0)
		return (path);
	return (xstrdup(arg));
}

/* The items --parse has serialised so far. */
struct cli_parse_items {
	struct str	 json;
	size_t		 n;
};

/* Serialise each item as the parser hands it out, and free it. */
static void
cli_parse_item(struct item *it, void *arg)
{
	struct cli_parse_items	*ci = arg;

	if (ci->n++ > 0)
		str_append(&ci->json, ",\n", 2);
	cli_json_item(it, &ci->json);
	item_free(it);
}

/*
 * Whether arg is a URL of a scheme --parse does not read (ftp://x,
 * gopher://x): said, as a usage error.
 */
static int
cli_parse_scheme_refused(const char *arg)
{
	size_t	n;

	n = strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789+.-");
	if (n == 0 || strncmp(arg + n, "://", 3) != 0 ||
	    !((arg[0] >= 'a' && arg[0] <= 'z') ||
	    (arg[0] >= 'A' && arg[0] <= 'Z')))
		return (0);
	if ((n == 4 && strncasecmp(arg, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(arg, "https", 5) == 0) ||
	    (n == 4 && strncasecmp(arg, "file", 4) == 0))
		return (0);
	/* TRANSLATORS: --parse of ftp://..., gopher://...: the scheme. */
	report(REPORT_ERROR, _("--parse reads a file, - (standard input) or an "
	    "http://, https:// or file:// URL; %.*s:// is none of them"),
	    (int)n, arg);
	return (1);
}

/*
 * Say why arg is not a feed: a web page with the feeds it announces in
 * the user's words, else the reason and the parser's detail.
 */
static void
cli_parse_not_feed(const char *arg, int kind, long code, const char *cause,
    const struct strv *links)
{
	struct str	 list;
	char		*why;
	size_t		 i;

	if (links->n == 0) {
		why = reason_text(kind, code, cause);
		report(REPORT_ERROR, "%s: %s", arg, why);
		free(why);
		return;
	}
	str_init(&list);
	for (i = 0; i < links->n; i++) {
		if (i > 0)
			str_appendc(&list, ' ');
		utf8_bidi_close(&list, links->v[i], strlen(links->v[i]));
	}
	/* TRANSLATORS: feed discovery: the page, then the URLs of the feeds
	   its <link rel="alternate"> elements announce, separated by
	   spaces. */
	report(REPORT_ERROR, P_("%s: not a feed but a web page; the feed it "
	    "announces: %s", "%s: not a feed but a web page; the feeds it "
	    "announces: %s", (unsigned long)links->n), arg, str_cstr(&list));
	report(REPORT_INFO, _("read one with: %s --parse URL"), PACKAGE);
	str_free(&list);
}

/* Read a file (or - for standard input) into a parser; -1 with errno. */
static int
cli_parse_read(const char *path, struct parse *p)
{
	FILE	*fp;
	char	 buf[65536];
	size_t	 n;
	int	 err;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL)
		return (-1);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (parse_push(p, buf, n) != 0)
			break;
	}
	err = ferror(fp) ? errno : 0;
	if (fp != stdin)
		fclose(fp);
	errno = err;
	return (err != 0 ? -1 : 0);
}

/* akhbar --parse: print the parser's reading of a feed as JSON. */
int
cli_parse(const char *arg, const struct fetch_opts *fo)
{
	struct strv		 links = { NULL, 0 };
	const struct strv	*w;
	struct cli_parse_items	 items;
	struct parse		*p;
	struct str		 out;
	struct feed		*f;
	char			*path, *name, *cause = NULL;
	struct stat		 sb;
	size_t			 i;
	long			 code;
	int			 err, kind;

	if (cli_parse_scheme_refused(arg))
		return (CLI_EXIT_USAGE);
	str_init(&out);
	if ((path = cli_parse_path(arg)) == NULL) {
		/* An http(s) URL: fetched as the poller would. */
		if ((f = poller_fetch_parse(arg, fo, &kind, &code,
		    &cause, &links)) == NULL) {
			cli_parse_not_feed(arg, kind, code, cause, &links);
			strv_free(&links);
			free(cause);
			return (CLI_EXIT_FAIL);
		}
		strv_free(&links);
		cli_json_feed(f, &out);
	} else {
		/* A file: items are serialised as they are read. */
		err = 0;
		if (strcmp(path, "-") != 0) {
			if (access(path, R_OK) != 0)
				err = errno;
			else if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
				err = EISDIR;
		}
		str_init(&items.json);
		items.n = 0;
		p = parse_new(NULL, NULL, cli_parse_item, &items);
		if (err == 0 && cli_parse_read(path, p) != 0)
			err = errno;
		free(path);
		if (err != 0) {
			report(REPORT_ERROR, _("cannot read %s: %s"), arg,
			    strerror(err));
			parse_free(p);
			str_free(&items.json);
			return (CLI_EXIT_FAIL);
		}
		f = parse_finish(p, &cause);
		w = parse_warnings(p);
		for (i = 0; i < w->n; i++) {
			/* The file's name ends its own bidi formatting. */
			name = utf8_bidi_closed(arg);
			report(REPORT_WARNING, "%s: %s", name, w->v[i]);
			free(name);
		}
		if (f == NULL) {
			cli_parse_not_feed(arg, REASON_NOT_FEED, 0, cause,
			    parse_feed_links(p));
			parse_free(p);
			free(cause);
			str_free(&items.json);
			return (CLI_EXIT_FAIL);
		}
		parse_free(p);
		cli_json_feed_items(f, &items.json, items.n, &out);
		str_free(&items.json);
	}
	fwrite(str_cstr(&out), 1, out.len, stdout);
	str_free(&out);
	feed_free(f);
	return (CLI_EXIT_OK);
}
