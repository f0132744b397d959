/*
 * A helper for the shell tests: fill a cache from tab-separated lines on
 * standard input, the way the poller would (one transaction per feed),
 * then index everything for search.
 *
 *	db-fill CACHE < lines
 *	feed-url TAB feed-title TAB guid TAB epoch|- TAB title TAB summary TAB flags
 *
 * flags: r (read), s (starred), or -. Run with no arguments (as a test),
 * it checks itself on a scratch cache and prints TAP.
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

#define FIELDS	7

static int64_t
fill_feed(struct db *db, const char *url, char **cause)
{
	struct db_feed_state	*fs;
	struct strv		 urls = { NULL, 0 };
	size_t			 n;
	int64_t			 id = -1;

	strv_add(&urls, url);
	if (db_feed_sync_urls(db, &urls, cause) == 0 &&
	    db_feed_states(db, &urls, &fs, &n, cause) == 0) {
		if (n == 1)
			id = fs[0].id;
		db_feed_states_free(fs, n);
	}
	strv_free(&urls);
	return (id);
}

static int
fill(const char *path, FILE *in, char **cause)
{
	struct db	*db;
	struct item	*it;
	struct feed	*f;
	char		*line = NULL, *fld[FIELDS], *p;
	size_t		 cap = 0;
	int64_t		 feed, id, left;
	int		 i;
	bool		 ins;

	if ((db = db_open(path, 0, cause)) == NULL)
		return (-1);
	while (getline(&line, &cap, in) != -1) {
		line[strcspn(line, "\n")] = '\0';
		p = line;
		for (i = 0; i < FIELDS; i++)
			fld[i] = strsep(&p, "\t");
		if (fld[FIELDS - 1] == NULL)
			continue;
		if ((feed = fill_feed(db, fld[0], cause)) < 0)
			goto fail;
		it = item_new();
		it->guid = xstrdup(fld[2]);
		if (strcmp(fld[3], "-") != 0)
			it->published = strtoll(fld[3], NULL, 10);
		it->title = xstrdup(fld[4]);
		it->summary = xstrdup(fld[5]);
		it->summary_type = FEED_TEXT_HTML;
		f = feed_new();
		f->title = xstrdup(fld[1]);
		if (db_feed_begin(db, feed, cause) != 0 ||
		    db_item_upsert(db, feed, it, &ins, cause) != 0 ||
		    db_feed_commit(db, feed, f, cause) != 0) {
			item_free(it);
			feed_free(f);
			goto fail;
		}
		item_free(it);
		feed_free(f);
		if (strchr(fld[6], 'r') != NULL || strchr(fld[6], 's') != NULL) {
			struct db_item_row	*rows;
			size_t			 n;

			/* The newest item of the feed is the one just added. */
			if (db_item_page(db, DB_LIST_ALL, 0, DB_PAGE_FIRST, NULL,
			    1000000, &rows, &n, cause) != 0)
				goto fail;
			id = -1;
			for (size_t k = 0; k < n; k++) {
				if (rows[k].feed_id == feed && rows[k].title &&
				    strcmp(rows[k].title, fld[4]) == 0)
					id = rows[k].id;
			}
			db_item_rows_free(rows, n);
			if (strchr(fld[6], 'r') != NULL)
				db_item_set_unread(db, id, false, cause);
			if (strchr(fld[6], 's') != NULL)
				db_item_set_starred(db, id, true, cause);
		}
	}
	free(line);
	if (db_search_index_pending(db, 1000000, &left, cause) != 0) {
		db_close(db);
		return (-1);
	}
	db_close(db);
	return (0);

fail:
	free(line);
	db_close(db);
	return (-1);
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
