/*
 * A helper for the shell tests: fill a cache from tab-separated lines on
 * standard input, the way the poller would (one transaction per feed),
 * then index everything for search.
 *
 *	db-fill CACHE < lines
 *	feed-url TAB feed-title TAB guid TAB epoch|- TAB title TAB summary TAB flags [TAB tags]
 *
 * flags: r (read), s (starred), or -. tags: the feed's tags, separated by
 * commas (as the urls file's "tag" words; the first line of a feed that
 * has them gives them). The feeds are synced as one urls file, in the
 * order they first appear. Run with no arguments (as a test), it checks
 * itself on a scratch cache and prints TAP.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "feed.h"
#include "xmalloc.h"

#include "tap.h"

#define FIELDS	7	/* and an eighth, the tags, if there */

/* One line of input, split into its fields. */
struct fill_line {
	char		*buf;
	char		*fld[FIELDS + 1];
	int64_t		 feed;
};

/* The feeds of the lines, in order of first appearance, with their tags. */
struct fill_feeds {
	struct db_sub	*subs;
	struct strv	*tags;
	size_t		 n;
};

static void
fill_feeds_add(struct fill_feeds *ff, struct fill_line *l)
{
	struct strv	*tags;
	char		*p, *t, *w;
	size_t		 i;

	for (i = 0; i < ff->n; i++) {
		if (strcmp(ff->subs[i].url, l->fld[0]) == 0)
			break;
	}
	if (i == ff->n) {
		ff->subs = xreallocarray(ff->subs, ff->n + 1, sizeof *ff->subs);
		ff->tags = xreallocarray(ff->tags, ff->n + 1, sizeof *ff->tags);
		memset(&ff->subs[i], 0, sizeof ff->subs[i]);
		memset(&ff->tags[i], 0, sizeof ff->tags[i]);
		ff->subs[i].url = l->fld[0];
		ff->n++;
	}
	tags = &ff->tags[i];
	if (tags->n != 0 || l->fld[FIELDS] == NULL)
		return;
	t = p = xstrdup(l->fld[FIELDS]);
	while (t != NULL) {
		w = strsep(&t, ",");
		if (*w != '\0')
			strv_add(tags, w);
	}
	free(p);
	ff->subs[i].tags = (const char *const *)tags->v;
	ff->subs[i].ntags = tags->n;
}

static void
fill_feeds_free(struct fill_feeds *ff)
{
	size_t	i;

	for (i = 0; i < ff->n; i++)
		strv_free(&ff->tags[i]);
	free(ff->tags);
	free(ff->subs);
}

/* The id of the feed at url, -1 when there is none. */
static int64_t
fill_feed(struct db *db, const char *url, char **cause)
{
	struct db_feed_state	*fs;
	struct strv		 urls = { NULL, 0 };
	size_t			 n;
	int64_t			 id = -1;

	strv_add(&urls, url);
	if (db_feed_states(db, &urls, &fs, &n, cause) == 0) {
		if (n == 1)
			id = fs[0].id;
		else
			xasprintf(cause, "%s: not synced", url);
		db_feed_states_free(fs, n);
	}
	strv_free(&urls);
	return (id);
}

/* Store one line's item the way the poller would, then its flags. */
static int
fill_item(struct db *db, const struct fill_line *l, char **cause)
{
	struct db_item_row	*rows;
	struct item		*it;
	struct feed		*f;
	const char		*const *fld = (const char *const *)l->fld;
	size_t			 n, k;
	int64_t			 id;
	bool			 ins;
	int			 rc;

	it = item_new();
	it->guid = xstrdup(fld[2]);
	if (strcmp(fld[3], "-") != 0)
		it->published = strtoll(fld[3], NULL, 10);
	it->title = xstrdup(fld[4]);
	it->summary = xstrdup(fld[5]);
	it->summary_type = FEED_TEXT_HTML;
	f = feed_new();
	f->title = xstrdup(fld[1]);
	rc = db_feed_begin(db, l->feed, cause);
	if (rc == 0 && (rc = db_item_upsert(db, l->feed, it, &ins,
	    cause)) != 0)
		db_feed_rollback(db);
	if (rc == 0)
		rc = db_feed_commit(db, l->feed, f, cause);
	item_free(it);
	feed_free(f);
	if (rc != 0)
		return (-1);
	if (strchr(fld[6], 'r') == NULL && strchr(fld[6], 's') == NULL)
		return (0);
	/* The item of the feed with this title is the one just added. */
	if (db_item_page(db, DB_LIST_FEED, l->feed, DB_PAGE_FIRST, NULL,
	    1000000, &rows, &n, cause) != 0)
		return (-1);
	id = -1;
	for (k = 0; k < n; k++) {
		if (rows[k].title && strcmp(rows[k].title, fld[4]) == 0)
			id = rows[k].id;
	}
	db_item_rows_free(rows, n);
	if (strchr(fld[6], 'r') != NULL &&
	    db_item_set_unread(db, id, false, cause) != 0)
		return (-1);
	if (strchr(fld[6], 's') != NULL &&
	    db_item_set_starred(db, id, true, cause) != 0)
		return (-1);
	return (0);
}

static int
fill(const char *path, FILE *in, char **cause)
{
	struct db		*db;
	struct fill_line	*lines = NULL, *l;
	struct fill_feeds	 ff;
	char			*line = NULL, *p;
	size_t			 cap = 0, nl = 0, i;
	int64_t			 left;
	int			 k, ret = -1;

	memset(&ff, 0, sizeof ff);
	while (getline(&line, &cap, in) != -1) {
		line[strcspn(line, "\n")] = '\0';
		lines = xreallocarray(lines, nl + 1, sizeof *lines);
		l = &lines[nl];
		memset(l, 0, sizeof *l);
		p = l->buf = xstrdup(line);
		for (k = 0; k < FIELDS + 1; k++)
			l->fld[k] = strsep(&p, "\t");
		if (l->fld[FIELDS - 1] == NULL) {
			free(l->buf);
			continue;
		}
		nl++;
	}
	free(line);
	for (i = 0; i < nl; i++)
		fill_feeds_add(&ff, &lines[i]);

	if ((db = db_open(path, 0, cause)) == NULL)
		goto out;
	if (db_feed_sync(db, ff.subs, ff.n, cause) != 0)
		goto close;
	for (i = 0; i < nl; i++) {
		if ((lines[i].feed = fill_feed(db, lines[i].fld[0], cause)) < 0)
			goto close;
		if (fill_item(db, &lines[i], cause) != 0)
			goto close;
	}
	if (db_search_index_pending(db, 1000000, &left, cause) != 0)
		goto close;
	ret = 0;
close:
	db_close(db);
out:
	for (i = 0; i < nl; i++)
		free(lines[i].buf);
	free(lines);
	fill_feeds_free(&ff);
	return (ret);
}

int
main(int argc, char **argv)
{
	char	 dir[] = "/tmp/akhbar-db-fill.XXXXXX", *path, *cause = NULL;
	FILE	*in;
	struct db *db;
	int64_t	 n = -1;

	if (argc == 2) {
		if (fill(argv[1], stdin, &cause) != 0) {
			fprintf(stderr, "db-fill: %s\n", cause);
			return (1);
		}
		return (0);
	}

	/* As a test: fill a scratch cache and count. */
	if (mkdtemp(dir) == NULL)
		tap_skip_all("no scratch directory");
	xasprintf(&path, "%s/c.db", dir);
	in = tmpfile();
	fputs("u1\tOne\tg1\t100\tt1\ts1\t-\n"
	    "u1\tOne\tg2\t200\tt2\ts2\tr\n"
	    "u2\tTwo\tg1\t-\tt3\ts3\t-\n", in);
	rewind(in);
	ok(fill(path, in, &cause) == 0, "fill a cache from lines");
	fclose(in);
	db = db_open(path, DB_READONLY, &cause);
	if (db != NULL)
		db_item_count_unread(db, &n, &cause);
	is_int(n, 2, "two of three items unread");
	db_close(db);
	free(cause);
	unlink(path);
	free(path);
	/* The read-only connection leaves the WAL files behind. */
	xasprintf(&path, "%s/c.db.lock", dir);
	unlink(path);
	free(path);
	xasprintf(&path, "%s/c.db-wal", dir);
	unlink(path);
	free(path);
	xasprintf(&path, "%s/c.db-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
	return (tap_done());
}
