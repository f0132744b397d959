/*
 * The headless actions on the cache: --unread-count and --search (as
 * text, or as JSON with --json), --mark-all-read [FEED] and --vacuum.
 * --search and --unread-count look at the feeds of the urls file only: a
 * feed taken out of it keeps its items in the cache but stops counting.
 */
#include "config.h"

#include "cli-cache.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli.h"
#include "db.h"
#include "feed.h"
#include "i18n.h"
#include "parse-date.h"
#include "reason.h"
#include "report.h"
#include "sanitize.h"
#include "str.h"
#include "urls.h"
#include "utf8.h"
#include "xmalloc.h"

#define CLI_CACHE_JSON \
	(JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Open the cache read-only; NULL with a message when it cannot be read. */
static struct db *
cli_cache_open(const char *path, int flags)
{
	struct db	*db;
	char		*cause = NULL;

	db = db_open(path, flags, &cause);
	if (db == NULL) {
		report(REPORT_ERROR, _("cannot read the cache: %s"), cause);
		free(cause);
	}
	return (db);
}

/* Whether there is no cache yet: no file, or an empty one (--reload's view). */
static int
cli_cache_none(const char *path)
{
	struct stat	sb;

	if (stat(path, &sb) != 0)
		return (errno == ENOENT);
	return (S_ISREG(sb.st_mode) && sb.st_size == 0);
}

/* Say that there is no cache yet (a note: nothing to count or find). */
static void
cli_cache_say_none(const char *path)
{
	report(REPORT_INFO, _("no cache yet at %s; akhbar --reload makes it"),
	    path);
}

/* Add the feeds of the cache's sync sources to urls; how many. */
static size_t
cli_cache_synced(struct db *db, struct strv *urls)
{
	struct db_sync_feed	*v;
	char			*cause = NULL;
	size_t			 n, i;

	if (db_sync_feeds(db, 0, &v, &n, &cause) != 0) {
		free(cause);
		return (0);
	}
	for (i = 0; i < n; i++)
		strv_add(urls, v[i].url);
	db_sync_feeds_free(v, n);
	return (n);
}

/*
 * The cache's feeds that the urls file and the sync sources list: 0; 1
 * when there is neither a urls file nor a synced feed (then every feed
 * of the cache counts); -1, said, when the urls file cannot
 * be read.
 */
static int
cli_cache_subscribed(struct db *db, const char *urls_path,
    struct db_feed_state **st, size_t *n)
{
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problems	 warnings = { NULL, 0 };
	struct urls_problem	 error;
	struct strv		 urls = { NULL, 0 };
	char			*cause = NULL, *why;
	size_t			 i;
	int			 rc;

	*st = NULL;
	*n = 0;
	rc = urls_load(urls_path, &subs, &warnings, &error);
	urls_problems_free(&warnings);
	if (rc != 0) {
		rc = error.kind == REASON_NO_URLS_FILE ? 1 : -1;
		if (rc == -1) {
			why = reason_text(error.kind, error.code, error.detail);
			report(REPORT_ERROR, "%s: %s", urls_path, why);
			free(why);
		}
		urls_problem_clear(&error);
		if (rc == -1)
			return (rc);
	}
	for (i = 0; i < subs.n; i++)
		strv_add(&urls, subs.v[i].url);
	urls_list_free(&subs);
	/* A sync source's feeds count too (its urls file may not exist). */
	if (cli_cache_synced(db, &urls) > 0)
		rc = 0;
	if (rc == 0 && db_feed_states(db, &urls, st, n, &cause) != 0) {
		report(REPORT_ERROR, _("cannot read the cache: %s"), cause);
		free(cause);
		rc = -1;
	}
	strv_free(&urls);
	return (rc);
}

/* Whether feed id is one of the n states (all: no list). */
static int
cli_cache_listed(const struct db_feed_state *st, size_t n, int all,
    int64_t id)
{
	size_t	i;

	if (all)
		return (1);
	for (i = 0; i < n; i++) {
		if (st[i].id == id)
			return (1);
	}
	return (0);
}

/* Print the JSON of --unread-count: the sum, then each feed's counts. */
static int
cli_cache_unread_json(struct db *db, const struct db_feed_state *st,
    size_t nst, int all, int64_t total)
{
	struct json_object	*o, *feeds, *fo;
	struct db_feed_row	*rows;
	struct db_feed_cursor	 cur = { 0, 0 };
	enum db_page		 page = DB_PAGE_FIRST;
	char			*cause = NULL;
	size_t			 n, i;

	o = json_object_new_object();
	json_object_object_add(o, "unread", json_object_new_int64(total));
	feeds = json_object_new_array();
	json_object_object_add(o, "feeds", feeds);
	for (;;) {
		if (db_feed_page(db, page, &cur, 200, &rows, &n, &cause) != 0) {
			report(REPORT_ERROR, _("cannot read the cache: %s"),
			    cause);
			free(cause);
			json_object_put(o);
			return (CLI_EXIT_FAIL);
		}
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			if (!cli_cache_listed(st, nst, all, rows[i].id))
				continue;
			fo = json_object_new_object();
			json_object_object_add(fo, "url",
			    json_object_new_string(rows[i].url));
			json_object_object_add(fo, "title", rows[i].title != NULL ?
			    json_object_new_string(rows[i].title) : NULL);
			json_object_object_add(fo, "unread",
			    json_object_new_int64(rows[i].unread));
			json_object_array_add(feeds, fo);
		}
		db_feed_row_cursor(&rows[n - 1], &cur);
		db_feed_rows_free(rows, n);
		page = DB_PAGE_NEXT;
	}
	printf("%s\n", json_object_to_json_string_ext(o, CLI_CACHE_JSON));
	json_object_put(o);
	return (CLI_EXIT_OK);
}

/* Print the number of unread items (JSON: and each feed's); no cache yet has none. */
int
cli_cache_unread_count(const char *path, const char *urls_path, int json)
{
	struct db		*db;
	struct db_feed_state	*st = NULL;
	char			*cause = NULL;
	int64_t			 n = 0;
	size_t			 nst = 0, i;
	int			 all, rc = CLI_EXIT_OK;

	if (cli_cache_none(path)) {
		printf(json ? "{\"unread\": 0, \"feeds\": [ ]}\n" : "0\n");
		cli_cache_say_none(path);
		return (CLI_EXIT_OK);
	}
	if ((db = cli_cache_open(path, DB_READONLY)) == NULL)
		return (CLI_EXIT_FAIL);
	if ((all = cli_cache_subscribed(db, urls_path, &st, &nst)) < 0) {
		db_close(db);
		return (CLI_EXIT_USAGE);
	}
	if (!all) {
		for (i = 0; i < nst; i++)
			n += st[i].unread;
	} else if (db_item_count_unread(db, &n, &cause) != 0) {
		report(REPORT_ERROR, _("cannot read the cache: %s"), cause);
		free(cause);
		db_close(db);
		return (CLI_EXIT_FAIL);
	}
	if (json)
		rc = cli_cache_unread_json(db, st, nst, all, n);
	else
		printf("%lld\n", (long long)n);
	db_feed_states_free(st, nst);
	db_close(db);
	return (rc);
}

/*
 * Print a field of a tab-separated line as sanitize_line makes it: white
 * space (tabs and newlines too) becomes one space, and no control
 * character reaches the terminal even from a cache written by something
 * other than this akhbar's sanitising parser. Its bidi embeddings and
 * isolates end with it: a U+202E in a title reverses the title, not the
 * link after it.
 */
static void
cli_cache_field(const char *s)
{
	char	*line, *closed;

	if (s == NULL)
		return;
	line = sanitize_line(s, strlen(s));
	closed = utf8_bidi_closed(line);
	fputs(closed, stdout);
	free(closed);
	free(line);
}

/* A string for JSON, sanitised as the text lines are, or null. */
static struct json_object *
cli_cache_json_string(const char *s)
{
	struct json_object	*o;
	char			*line;

	if (s == NULL)
		return (NULL);
	line = sanitize_line(s, strlen(s));
	o = json_object_new_string(line);
	free(line);
	return (o);
}

/* A date for JSON: ISO 8601 UTC, or null when unknown. */
static struct json_object *
cli_cache_json_date(int64_t t)
{
	char	date[64];

	if (t == FEED_TIME_UNKNOWN)
		return (NULL);
	parse_date_format(t, date, sizeof date);
	return (json_object_new_string(date));
}

/* One search result as a line of JSON (no newline): every field of its row. */
static void
cli_cache_search_json(const struct db_item_row *r)
{
	struct json_object	*o, *m;
	char			*text;
	size_t			 i;

	o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_int64(r->id));
	json_object_object_add(o, "feed_id",
	    json_object_new_int64(r->feed_id));
	json_object_object_add(o, "feed", cli_cache_json_string(r->feed_title));
	json_object_object_add(o, "title", cli_cache_json_string(r->title));
	json_object_object_add(o, "link", cli_cache_json_string(r->link));
	json_object_object_add(o, "date", cli_cache_json_date(r->date));
	json_object_object_add(o, "published",
	    cli_cache_json_date(r->published));
	json_object_object_add(o, "updated", cli_cache_json_date(r->updated));
	json_object_object_add(o, "unread", json_object_new_boolean(r->unread));
	json_object_object_add(o, "starred",
	    json_object_new_boolean(r->starred));
	json_object_object_add(o, "direction",
	    json_object_new_string(feed_dir_name(r->dir)));
	json_object_object_add(o, "snippet", cli_cache_json_string(r->snippet));
	m = json_object_new_array();
	for (i = 0; i < r->nmatches && r->snippet != NULL; i++) {
		text = xstrndup(r->snippet + r->matches[i].start,
		    r->matches[i].end - r->matches[i].start);
		json_object_array_add(m, cli_cache_json_string(text));
		free(text);
	}
	json_object_object_add(o, "matches", m);
	fputs(json_object_to_json_string_ext(o, CLI_CACHE_JSON), stdout);
	json_object_put(o);
}

/* One search result as a line: id, feed, date, title and link, tab-separated. */
static void
cli_cache_search_line(const struct db_item_row *r, const char *datefmt)
{
	struct tm	 tm;
	time_t		 t;
	char		 date[256];

	t = (time_t)r->date;
	/* The user's datetime-format: any text is a format. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof date, datefmt, &tm) == 0)
		strcpy(date, "?");
#pragma GCC diagnostic pop
	printf("%lld\t", (long long)r->id);
	cli_cache_field(r->feed_title);
	putchar('\t');
	cli_cache_field(date);
	putchar('\t');
	cli_cache_field(r->title);
	putchar('\t');
	cli_cache_field(r->link);
	putchar('\n');
}

/*
 * Whether query reads as a search; when not, say why (a usage error).
 */
static int
cli_cache_query_ok(const char *query)
{
	char	*why;
	long	 col;
	int	 kind;

	if (db_search_query_check(query, &kind, &col) == 0)
		return (1);
	why = reason_text(kind, col, NULL);
	report(REPORT_ERROR, _("cannot search for '%s': %s"), query, why);
	free(why);
	return (0);
}

/* Print a page of search results (JSON: with their snippets); total counts them. */
static void
cli_cache_search_rows(struct db *db, const char *query, struct db_item_row *v,
    size_t n, const char *datefmt, int json, long *total)
{
	char	*cause = NULL;
	size_t	 i;

	if (json && db_search_snippets(db, query, v, n, &cause) != 0) {
		report(REPORT_WARNING, "%s", cause);
		free(cause);
	}
	for (i = 0; i < n; i++) {
		++*total;
		if (!json) {
			cli_cache_search_line(&v[i], datefmt);
			continue;
		}
		fputs(*total > 1 ? ",\n" : "\n", stdout);
		cli_cache_search_json(&v[i]);
	}
}

/*
 * Print the items matching a query, newest first (or best match first:
 * rank), at most limit of them (0: all): one line each (id, feed, date in
 * the strftime format datefmt in the user's locale, title, link), or a
 * JSON array of objects, each with its snippet (made for the rows printed
 * only). The results are read page by page from one query that keeps to
 * the urls file's feeds itself, so that memory does not grow with them.
 */
int
cli_cache_search(const char *path, const char *urls_path, const char *query,
    const char *datefmt, int json, long limit, int rank)
{
	struct db		*db;
	struct db_feed_state	*st = NULL;
	struct db_search_stream	*ss;
	struct db_search_spec	 spec;
	struct db_item_row	*rows;
	int64_t			*feeds = NULL;
	char			*cause = NULL;
	size_t			 n, i, nst = 0;
	long			 total = 0;
	int64_t			 left = 0;
	int			 all, rc = CLI_EXIT_OK, page;

	if (!cli_cache_query_ok(query))
		return (CLI_EXIT_USAGE);
	if (cli_cache_none(path)) {
		if (json)
			fputs("[]\n", stdout);
		cli_cache_say_none(path);
		return (CLI_EXIT_OK);
	}
	if ((db = cli_cache_open(path, DB_READONLY)) == NULL)
		return (CLI_EXIT_FAIL);
	if ((all = cli_cache_subscribed(db, urls_path, &st, &nst)) < 0) {
		db_close(db);
		return (CLI_EXIT_USAGE);
	}
	memset(&spec, 0, sizeof spec);
	spec.query = query;
	spec.order = rank ? DB_SEARCH_BY_RANK : DB_SEARCH_BY_DATE;
	if (!all) {
		feeds = xreallocarray(NULL, nst + 1, sizeof *feeds);
		for (i = 0; i < nst; i++)
			feeds[i] = st[i].id;
		spec.feeds = feeds;
		spec.nfeeds = nst;
	}
	db_feed_states_free(st, nst);
	if (json)
		fputs("[", stdout);
	if ((ss = db_search_stream_open(db, &spec, &cause)) == NULL) {
		report(REPORT_ERROR, _("search failed: %s"), cause);
		free(cause);
		rc = CLI_EXIT_FAIL;
	}
	while (ss != NULL && (limit == 0 || total < limit)) {
		page = limit == 0 || limit - total > 200 ? 200 :
		    (int)(limit - total);
		if (db_search_stream_read(ss, page, &rows, &n, &cause) != 0) {
			report(REPORT_ERROR, _("search failed: %s"), cause);
			free(cause);
			rc = CLI_EXIT_FAIL;
			break;
		}
		if (n == 0)
			break;		/* rows is NULL */
		cli_cache_search_rows(db, query, rows, n, datefmt, json,
		    &total);
		db_item_rows_free(rows, n);
	}
	db_search_stream_close(ss);
	free(feeds);
	if (json)
		fputs(total > 0 ? "\n]\n" : "]\n", stdout);
	if (total == 0 && rc == CLI_EXIT_OK)
		report(REPORT_INFO, _("nothing matches %s"), query);
	if (db_search_index_pending(db, 0, &left, NULL) == 0 && left > 0) {
		report(REPORT_INFO, P_("%lld item is not indexed for search "
		    "yet", "%lld items are not indexed for search yet", left),
		    (long long)left);
	}
	db_close(db);
	return (rc);
}

/* The id of the feed with this URL, or else this title; 0 when none. */
static int64_t
cli_cache_find_feed(struct db *db, const char *feed, char **cause)
{
	struct db_feed_row	*rows;
	struct db_feed_cursor	 cur = { 0, 0 };
	enum db_page		 page = DB_PAGE_FIRST;
	size_t			 n, i;
	int64_t			 byurl = 0, bytitle = 0;
	int			 titles = 0;

	for (;;) {
		if (db_feed_page(db, page, &cur, 200, &rows, &n, cause) != 0)
			return (-1);
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			if (strcmp(rows[i].url, feed) == 0)
				byurl = rows[i].id;
			else if (rows[i].title != NULL &&
			    strcmp(rows[i].title, feed) == 0) {
				bytitle = rows[i].id;
				titles++;
			}
		}
		db_feed_row_cursor(&rows[n - 1], &cur);
		db_feed_rows_free(rows, n);
		page = DB_PAGE_NEXT;
	}
	if (byurl != 0)
		return (byurl);
	if (titles > 1) {
		xasprintf(cause, _("%d feeds have the title %s: name one by its "
		    "URL"), titles, feed);
		return (-1);
	}
	return (bytitle);
}

/* akhbar --mark-all-read [FEED]: every item (of the feed named by URL or title) read. */
int
cli_cache_mark_read(const char *path, const char *feed)
{
	struct db	*db;
	char		*cause = NULL;
	int64_t		 id = 0, before = 0, after = 0;

	if (cli_cache_none(path)) {
		report(REPORT_ERROR, _("no cache yet at %s"), path);
		return (CLI_EXIT_FAIL);
	}
	if ((db = cli_cache_open(path, 0)) == NULL)
		return (CLI_EXIT_FAIL);
	if (feed != NULL && (id = cli_cache_find_feed(db, feed, &cause)) <= 0) {
		if (id == 0)
			report(REPORT_ERROR, _("no feed in the cache has the URL "
			    "or title %s"), feed);
		else
			report(REPORT_ERROR, "%s", cause);
		free(cause);
		db_close(db);
		return (CLI_EXIT_FAIL);
	}
	if (db_item_count_unread(db, &before, &cause) != 0 ||
	    db_feed_mark_read(db, id, &cause) != 0 ||
	    db_item_count_unread(db, &after, &cause) != 0) {
		report(REPORT_ERROR, _("cannot mark items read: %s"), cause);
		free(cause);
		db_close(db);
		return (CLI_EXIT_FAIL);
	}
	db_close(db);
	printf(P_("%lld article marked read\n", "%lld articles marked read\n",
	    before - after), (long long)(before - after));
	return (CLI_EXIT_OK);
}

/*
 * akhbar --mark-read, --mark-unread, --star, --unstar ID...: the items
 * with these ids (as --search prints them) changed through the calls the
 * interface and the sync make (db_item_set_unread, db_item_set_starred),
 * which keep the counts. An id the cache does not have is said; the
 * others are still changed, and the status is 1.
 */
int
cli_cache_mark_items(const char *path, enum cli_cache_mark how,
    const char *const *ids, size_t n)
{
	struct db	*db;
	struct item	*it;
	char		*cause = NULL;
	size_t		 i, done = 0;
	int64_t		 id;
	int		 rc = CLI_EXIT_OK, r;

	if (cli_cache_none(path)) {
		report(REPORT_ERROR, _("no cache yet at %s"), path);
		return (CLI_EXIT_FAIL);
	}
	if ((db = cli_cache_open(path, 0)) == NULL)
		return (CLI_EXIT_FAIL);
	for (i = 0; i < n; i++) {
		id = strtoll(ids[i], NULL, 10);
		if (db_item_get(db, id, &it, &cause) != 0)
			break;
		if (it == NULL) {
			report(REPORT_ERROR, _("no item %lld in the cache"),
			    (long long)id);
			rc = CLI_EXIT_FAIL;
			continue;
		}
		item_free(it);
		if (how == CLI_CACHE_READ || how == CLI_CACHE_UNREAD)
			r = db_item_set_unread(db, id, how == CLI_CACHE_UNREAD,
			    &cause);
		else
			r = db_item_set_starred(db, id, how == CLI_CACHE_STAR,
			    &cause);
		if (r != 0)
			break;
		done++;
	}
	if (cause != NULL) {
		report(REPORT_ERROR, _("cannot change the cache: %s"), cause);
		free(cause);
		rc = CLI_EXIT_FAIL;
	}
	db_close(db);
	switch (how) {
	case CLI_CACHE_READ:
		printf(P_("%zu article marked read\n",
		    "%zu articles marked read\n", done), done);
		break;
	case CLI_CACHE_UNREAD:
		printf(P_("%zu article marked unread\n",
		    "%zu articles marked unread\n", done), done);
		break;
	case CLI_CACHE_STAR:
		printf(P_("%zu article starred\n", "%zu articles starred\n",
		    done), done);
		break;
	case CLI_CACHE_UNSTAR:
		printf(P_("%zu article unstarred\n",
		    "%zu articles unstarred\n", done), done);
		break;
	}
	return (rc);
}

/* A size for people: kilobytes or megabytes. */
static void
cli_cache_size(int64_t n, char *buf, size_t size)
{
	if (n >= 1024 * 1024)
		snprintf(buf, size, _("%.1f MB"), (double)n / (1024 * 1024));
	else
		snprintf(buf, size, _("%.0f kB"), (double)n / 1024);
}

/* The bytes of the cache and its write-ahead log. */
static int64_t
cli_cache_bytes(const char *path)
{
	struct stat	 sb;
	char		*wal;
	int64_t		 n = 0;

	if (stat(path, &sb) == 0)
		n += sb.st_size;
	xasprintf(&wal, "%s-wal", path);
	if (stat(wal, &sb) == 0)
		n += sb.st_size;
	free(wal);
	return (n);
}

/* akhbar --vacuum: compact the cache, saying its size before and after. */
int
cli_cache_vacuum(const char *path)
{
	struct db	*db;
	char		*cause = NULL, before[32], after[32];
	int64_t		 b, a;

	if (cli_cache_none(path)) {
		report(REPORT_ERROR, _("no cache yet at %s"), path);
		return (CLI_EXIT_FAIL);
	}
	if ((db = cli_cache_open(path, 0)) == NULL)
		return (CLI_EXIT_FAIL);
	b = cli_cache_bytes(path);
	if (db_maint_vacuum(db, &cause) != 0) {
		report(REPORT_ERROR, _("cannot compact the cache: %s"), cause);
		free(cause);
		db_close(db);
		return (CLI_EXIT_FAIL);
	}
	db_close(db);
	a = cli_cache_bytes(path);
	cli_cache_size(b, before, sizeof before);
	cli_cache_size(a, after, sizeof after);
	/* TRANSLATORS: --vacuum: the cache, its size before and after. */
	printf(_("%s: %s before, %s after\n"), path, before, after);
	return (CLI_EXIT_OK);
}
