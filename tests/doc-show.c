/*
 * A small driver for tests/test-ui-article.sh: an item of a cache
 * rendered the way the article view renders its body (html_item_render
 * at the view's width, the list of links at the end, relative links
 * against the item's link) and set with doc_text() in visual order,
 * shaped: what doc.h says the view paints, the reference the test holds
 * the screen to. Not part of akhbar.
 *
 *   doc-show CACHE ITEM-ID WIDTH
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "doc.h"
#include "feed.h"
#include "html.h"
#include "layout.h"
#include "url.h"
#include "xmalloc.h"

/* Relative links against the item's link. */
static char *
resolve(const char *ref, size_t len, void *arg)
{
	const char	*base = arg;
	char		*r, *abs;

	if (base == NULL || len == 0 || url_is_absolute(ref, len))
		return (NULL);
	r = xstrndup(ref, len);
	abs = url_resolve(base, r);
	free(r);
	return (abs);
}

int
main(int argc, char **argv)
{
	struct html_render_opts	 o;
	struct layout_config	 cfg;
	struct item		*it = NULL;
	struct db		*db;
	struct doc		*d;
	char			*cause = NULL, *text;
	int			 width;

	setlocale(LC_ALL, "");
	if (argc != 4 || (width = atoi(argv[3])) < 1) {
		fprintf(stderr, "usage: doc-show CACHE ITEM-ID WIDTH\n");
		return (2);
	}
	if ((db = db_open(argv[1], DB_READONLY, &cause)) == NULL ||
	    db_item_get(db, strtoll(argv[2], NULL, 10), &it, &cause) != 0 ||
	    it == NULL) {
		fprintf(stderr, "doc-show: %s\n", cause != NULL ? cause :
		    "no such item");
		return (1);
	}
	db_close(db);
	layout_config_default(&cfg);
	html_render_opts_default(&o);
	o.dir = layout_dir_for_feed(it->dir, FEED_DIR_AUTO);
	o.width = width;
	o.layout = &cfg;
	o.link_list = true;
	o.resolve = resolve;
	if (it->link != NULL && url_is_absolute(it->link, strlen(it->link)))
		o.resolve_arg = it->link;
	d = doc_new();
	html_item_render(d, it, &o);
	text = doc_text(d, width, &cfg, true);
	fputs(text, stdout);
	free(text);
	doc_free(d);
	item_free(it);
	return (0);
}
