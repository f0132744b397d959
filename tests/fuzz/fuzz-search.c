/*
 * Fuzz target for the search language (libFuzzer's entry point): the
 * query parser and its translation to an FTS5 MATCH expression
 * (db-search-query.c). After two header bytes (unused) the input, up to
 * its first NUL, is a query as the user types it at "/". A query
 * db_search_query_parse refuses must have a search problem's kind and a
 * column inside it, the same answer from db_search_query_check; one it
 * accepts must translate to an expression that SQLite's FTS5 reads: it
 * is counted, paged and given snippets against a small cache (made once
 * in a scratch directory, Arabic, Persian, Hebrew and English items),
 * and any error there aborts, since nothing a user types may be FTS5
 * syntax by accident. fuzz-replay.c replays it over the corpus.
 */
#include "config.h"

#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "db-priv.h"
#include "feed.h"
#include "reason.h"
#include "xmalloc.h"

#include "fuzz-check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct db	*fuzz_db;
static char		 fuzz_dir[256];
static char		 fuzz_path[512];

/* The cache's items: a title and an HTML summary each. */
static const char *const fuzz_items[][2] = {
	{ "السلام عليكم ورحمة الله", "<p>قال الرئيس إن <b>المفاوضات</b> "
	    "مستمرة، والكتاب في المكتبة.</p>" },
	{ "وزير الخارجية يلتقي نظيره", "<p>الكُتّاب والكاتبات يكتبون: "
	    "كتب، يكتب، مكتوب. NEAR AND OR NOT</p>" },
	{ "خبر فوری: بازار سهام", "<p>کتاب‌های فارسی و ی و ک</p>" },
	{ "שלום עולם", "<p>חדשות היום: ירושלים</p>" },
	{ "The quick brown fox", "<p>jumps over the lazy dog; "
	    "\"quoted\" (parens) col:umn ^caret +plus * star</p>" },
	{ "Apple تعلن عن iPhone 15", "<p>Mixed نص with numbers ١٢٣ and "
	    "123, e-mail a@b.example</p>" },
};

/* Remove the scratch cache (at exit). */
static void
fuzz_cleanup(void)
{
	static const char *const ext[] = { "", "-wal", "-shm", ".lock" };
	char	p[600];
	size_t	i;

	if (fuzz_db != NULL)
		db_close(fuzz_db);
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(p, sizeof p, "%s%s", fuzz_path, ext[i]);
		unlink(p);
	}
	rmdir(fuzz_dir);
}

/* Make the cache once: one feed, its items stored and indexed. */
static void
fuzz_setup(void)
{
	struct db_sub	 sub = { "https://fuzz.example/feed", NULL, NULL, 0 };
	struct strv	 urls = { NULL, 0 };
	struct db_feed_state *fs;
	struct stat	 sb;
	struct item	*it;
	const char	*base;
	char		*cause = NULL, guid[32];
	int64_t		 left;
	size_t		 i, n;
	bool		 inserted;

	if (fuzz_db != NULL)
		return;
	if (stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if ((base = getenv("TMPDIR")) == NULL)
		base = "/tmp";
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/akhbar-fuzz-search.XXXXXX",
	    base);
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	snprintf(fuzz_path, sizeof fuzz_path, "%s/cache.db", fuzz_dir);
	atexit(fuzz_cleanup);
	if ((fuzz_db = db_open(fuzz_path, 0, &cause)) == NULL ||
	    db_feed_sync(fuzz_db, &sub, 1, &cause) != 0) {
		fprintf(stderr, "cache: %s\n", cause);
		abort();
	}
	strv_add(&urls, sub.url);
	if (db_feed_states(fuzz_db, &urls, &fs, &n, &cause) != 0 || n != 1)
		abort();
	if (db_feed_begin(fuzz_db, fs[0].id, &cause) != 0)
		abort();
	for (i = 0; i < sizeof fuzz_items / sizeof fuzz_items[0]; i++) {
		it = item_new();
		snprintf(guid, sizeof guid, "g%zu", i);
		it->guid = xstrdup(guid);
		it->title = xstrdup(fuzz_items[i][0]);
		it->summary = xstrdup(fuzz_items[i][1]);
		it->summary_type = FEED_TEXT_HTML;
		it->published = 1000 + (int64_t)i;
		if (db_item_upsert(fuzz_db, fs[0].id, it, &inserted,
		    &cause) != 0)
			abort();
		item_free(it);
	}
	if (db_feed_commit(fuzz_db, fs[0].id, NULL, &cause) != 0)
		abort();
	do {
		if (db_search_index_pending(fuzz_db, 100, &left, &cause) != 0)
			abort();
	} while (left > 0);
	db_feed_states_free(fs, n);
	strv_free(&urls);
}

/* Abort with SQLite's words when a search the parser accepted fails. */
static void
fuzz_sqlite_ok(int rc, const char *what, const char *q, char *cause)
{
	if (rc == 0)
		return;
	fprintf(stderr, "%s of an accepted query failed: %s\nquery: %s\n",
	    what, cause != NULL ? cause : "(no cause)", q);
	abort();
}

/* Read one query; run it when it reads. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct db_search_query	*sq;
	struct db_item_row	*rows;
	const char		*match;
	char			*q, *cause = NULL;
	int64_t			 count;
	size_t			 nrows, i, k;
	long			 column, column2;
	int			 kind, kind2, rc;

	if (size < 2)
		return (0);
	fuzz_setup();
	q = xstrndup((const char *)data + 2, size - 2);

	sq = db_search_query_parse(q, &kind, &column);
	rc = db_search_query_check(q, &kind2, &column2);
	if (sq == NULL) {
		FUZZ_ASSERT(rc == -1 && kind2 == kind && column2 == column);
		FUZZ_ASSERT(kind == REASON_SEARCH_EMPTY ||
		    kind == REASON_SEARCH_PAREN ||
		    kind == REASON_SEARCH_OPERATOR ||
		    kind == REASON_SEARCH_NOT_ONLY ||
		    kind == REASON_QUERY_DEPTH);
		FUZZ_ASSERT(column >= 0 && (size_t)column <= strlen(q) + 1);
		cause = db_search_query_cause(q, kind, column);
		FUZZ_ASSERT(cause != NULL);
		free(cause);
		/* The cache refuses it too, with a cause. */
		cause = NULL;
		FUZZ_ASSERT(db_search_count(fuzz_db, q, &count, &cause) == -1);
		FUZZ_ASSERT(cause != NULL);
		free(cause);
		free(q);
		return (0);
	}
	FUZZ_ASSERT(rc == 0 && kind == REASON_NONE && column == 0);
	match = db_search_query_match(sq);
	FUZZ_ASSERT(match != NULL && match[0] != '\0');

	rc = db_search_count(fuzz_db, q, &count, &cause);
	fuzz_sqlite_ok(rc, "counting", match, cause);
	FUZZ_ASSERT(count >= 0 && count <= (int64_t)(sizeof fuzz_items /
	    sizeof fuzz_items[0]));
	rc = db_search_page(fuzz_db, q, DB_PAGE_FIRST, NULL, 10, &rows,
	    &nrows, &cause);
	fuzz_sqlite_ok(rc, "paging", match, cause);
	FUZZ_ASSERT((int64_t)nrows == count);
	if (nrows > 0) {
		rc = db_search_snippets(fuzz_db, q, rows, nrows, &cause);
		fuzz_sqlite_ok(rc, "snippets", match, cause);
		for (i = 0; i < nrows; i++) {
			fuzz_check_clean(rows[i].snippet, "");
			for (k = 0; k < rows[i].nmatches; k++) {
				FUZZ_ASSERT(rows[i].snippet != NULL);
				FUZZ_ASSERT(rows[i].matches[k].start <=
				    rows[i].matches[k].end);
				FUZZ_ASSERT(rows[i].matches[k].end <=
				    strlen(rows[i].snippet));
			}
		}
		db_item_rows_free(rows, nrows);
	}
	db_search_query_free(sq);
	free(q);
	return (0);
}
