/*
 * Full articles from the command line, for scripts and tests:
 *
 *	akhbar --fetch-article ID	fetch item ID's web page now and
 *					store its article (or why none)
 *	akhbar --article ID		print item ID with its full text, as
 *					--render prints it, from the cache
 *
 * --fetch-article runs the poller (the same one the interface runs, with
 * no feed to reload) and asks it for the one article with
 * poller_fetch_article, so the fetch and the store are exactly the
 * interface's. --article reads the cache only: the stored article when
 * there is one, else the feed's summary, with a word on standard error
 * saying why there is no full text. Neither needs the urls file.
 */
#include "config.h"

#include "cli-article.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-render.h"
#include "cli.h"
#include "db.h"
#include "doc.h"
#include "feed.h"
#include "html.h"
#include "i18n.h"
#include "layout.h"
#include "poller.h"
#include "reason.h"
#include "report.h"
#include "sanitize.h"
#include "url.h"
#include "urls.h"
#include "utf8.h"
#include "xmalloc.h"

#define CLI_ARTICLE_WAIT_MS	(15 * 60 * 1000)	/* the longest fetch */

/* Print the lines of --help for the full-article options. */
void
cli_article_usage(FILE *f)
{
	fputs(_("      --fetch-article ID\n"
		"                        fetch the web page of item ID now and keep\n"
		"                        its full article in the cache (status 1,\n"
		"                        saying why, when it has none)\n"), f);
	fputs(_("      --article ID      print item ID with its full article, as\n"
		"                        --render does, from the cache (the feed's\n"
		"                        summary when it has none)\n"), f);
}

/* An item id from the command line, or -1. */
static int64_t
cli_article_id(const char *s)
{
	char		*end;
	long long	 n;

	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n <= 0)
		return (-1);
	return ((int64_t)n);
}

/* The id of --fetch-article or --article, or -1 after saying why. */
static int64_t
cli_article_arg(const char *arg)
{
	int64_t	id;

	if ((id = cli_article_id(arg)) < 0)
		report(REPORT_ERROR, _("an item is named by its number, not "
		    "'%s'"), arg);
	return (id);
}

/*
 * Wait for the poller's word on item id, then for its indexing (so that
 * --search finds the article at once): 0 stored, 1 failed, -1 no word.
 */
static int
cli_article_wait(struct poller *p, int64_t id)
{
	struct poller_event	 ev;
	struct pollfd		 pfd;
	char			*why;
	int			 n, waited = 0, rc = -1;

	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	while (waited < CLI_ARTICLE_WAIT_MS) {
		if (poll(&pfd, 1, 250) == -1 && errno != EINTR)
			return (rc);
		waited += 250;
		while ((n = poller_read_event(p, &ev)) == 1) {
			if (ev.type == POLLER_EV_INDEXED && rc != -1)
				return (rc);
			if (ev.item_id != id || rc != -1)
				continue;
			if (ev.type == POLLER_EV_ARTICLE_DONE)
				rc = 0;
			else if (ev.type == POLLER_EV_ARTICLE_FAILED) {
				why = reason_text(ev.reason, ev.code, ev.text);
				report(REPORT_ERROR, _("item %lld has no full "
				    "article: %s"), (long long)id, why);
				free(why);
				rc = 1;
			}
		}
		if (n == -1)
			return (rc);
	}
	return (rc);
}

/* akhbar --fetch-article ID: fetch the item's page and store its article. */
int
cli_fetch_article(const char *cache, const char *arg)
{
	struct urls_list	 none = { NULL, 0 };
	struct poller_opts	 po;
	struct poller		*p;
	struct db		*db;
	char			*cause = NULL, *why;
	int64_t			 id;
	int			 rc;

	if ((id = cli_article_arg(arg)) < 0)
		return (CLI_EXIT_USAGE);
	if (access(cache, F_OK) != 0 && errno == ENOENT) {
		report(REPORT_ERROR, _("no cache yet at %s"), cache);
		return (CLI_EXIT_FAIL);
	}
	if ((db = db_open(cache, 0, &cause)) == NULL) {
		why = reason_text(REASON_CACHE_OPEN, 0, cause);
		report(REPORT_ERROR, "%s", why);
		free(why);
		free(cause);
		return (CLI_EXIT_USAGE);
	}
	poller_opts_default(&po);
	po.reload_on_start = false;
	if ((p = poller_start(db, &none, &po, &cause)) == NULL) {
		report(REPORT_ERROR, "%s", cause);
		free(cause);
		db_close(db);
		return (CLI_EXIT_USAGE);
	}
	poller_fetch_article(p, id);
	rc = cli_article_wait(p, id);
	poller_stop(p);
	db_close(db);
	if (rc < 0) {
		report(REPORT_ERROR, _("item %lld: the poller did not answer"),
		    (long long)id);
		return (CLI_EXIT_FAIL);
	}
	return (rc == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL);
}

/* Say why an item is shown without its full text. */
static void
cli_article_why_not(int64_t id, const struct db_article *a)
{
	char	*why;

	if (a == NULL) {
		report(REPORT_WARNING, _("item %lld: no full article fetched "
		    "yet (akhbar --fetch-article %lld); the feed's summary "
		    "follows"), (long long)id, (long long)id);
		return;
	}
	why = reason_text(a->error_kind, a->error_code, a->error);
	report(REPORT_WARNING, _("item %lld has no full article (%s); the "
	    "feed's summary follows"), (long long)id, why);
	free(why);
}

/* akhbar --article ID: print the item with its full article, from the cache. */
int
cli_article(const char *cache, const char *arg)
{
	struct html_render_opts	 o;
	struct layout_config	 cfg;
	struct db_article	*a = NULL;
	struct doc_block	*b;
	struct item		*it = NULL;
	struct doc		*d;
	struct db		*db;
	const char		*words[HTML_WORDS];
	char			*cause = NULL, *text, *out;
	int64_t			 id;
	size_t			 i;
	int			 width;

	if ((id = cli_article_arg(arg)) < 0)
		return (CLI_EXIT_USAGE);
	if (access(cache, F_OK) != 0 && errno == ENOENT) {
		report(REPORT_ERROR, _("no cache yet at %s"), cache);
		return (CLI_EXIT_FAIL);
	}
	if ((db = db_open(cache, DB_READONLY, &cause)) == NULL ||
	    db_item_get(db, id, &it, &cause) != 0 ||
	    (it != NULL && db_article_get(db, id, &a, &cause) != 0)) {
		report(REPORT_ERROR, _("cannot read the cache: %s"),
		    cause != NULL ? cause : "");
		free(cause);
		item_free(it);
		db_close(db);
		return (CLI_EXIT_FAIL);
	}
	db_close(db);
	if (it == NULL) {
		report(REPORT_ERROR, _("no item %s in the cache"), arg);
		return (CLI_EXIT_FAIL);
	}
	if (a != NULL && a->html != NULL)
		db_article_to_item(a, it);
	else
		cli_article_why_not(id, a);

	width = cli_render_columns();
	for (i = 0; i < HTML_WORDS; i++)
		words[i] = _(html_words[i]);
	layout_config_default(&cfg);
	html_render_opts_default(&o);
	o.width = width;
	o.layout = &cfg;
	o.words = words;
	o.link_list = true;
	o.resolve = url_resolve_ref;
	o.dir = layout_dir_for_feed(it->dir, FEED_DIR_AUTO);
	if (it->link != NULL && url_is_absolute(it->link, strlen(it->link)))
		o.resolve_arg = it->link;
	d = doc_new();
	if (it->title != NULL) {
		b = doc_add(d, DOC_HEADING, it->title, strlen(it->title),
		    o.dir);
		b->level = 1;
		doc_add_run(b, 0, b->len, DOC_BOLD);
	}
	html_item_render(d, it, &o);
	text = doc_text(d, width, &cfg, false);
	/*
	 * What reaches the terminal has no control character, and each
	 * line keeps its bidi embeddings and isolates to itself.
	 */
	out = sanitize_text(text, strlen(text));
	free(text);
	text = utf8_bidi_closed(out);
	fputs(text, stdout);
	free(out);
	free(text);
	doc_free(d);
	item_free(it);
	db_article_free(a);
	return (CLI_EXIT_OK);
}
