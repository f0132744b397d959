/*
 * The cache benchmark: builds (once, then reuses) caches of 100 000 and
 * 1 000 000 items in 1 000 feeds of Arabic news-like text, each feed with
 * one of NTAGS tags, then times what issues 4 and 12 set targets for and
 * prints one line per measure:
 *
 *	metric TAB median TAB unit TAB target TAB met|not-met|info TAB details
 *
 * details holds min, max and the number of runs. Run from "make bench"
 * (built by "make bench-db"): bench-db [-d DIR] [-s 100k|1m|all] [-r RUNS].
 * Timings are with the OS page cache warm (the cache was just built or
 * used); the first run of each measure is a warm-up and not counted.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "db-priv.h"
#include "feed.h"
#include "str.h"
#include "xmalloc.h"

#define NFEEDS		1000
#define BIG_FEED	1		/* 100 000 items in the 1M cache */
#define MARK_FEED	2		/* 10 000 items in the 1M cache */
#define SCREEN		50		/* rows on a screen */
#define NTAGS		10		/* feed f has tag f % NTAGS */
#define BENCH_TAG	"قسم 0"		/* the tag measured: 100 feeds */

static uint64_t	rng = 0x9e3779b97f4a7c15ULL;
static int	runs = 7;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (rng);
}

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

/* CPU time of this process: the machine may be busy with other work. */
static double
cpu_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static double	*cpu;		/* CPU ms of each run of the current measure */
static double	 cpu0;

#define TIC()		do { t0 = now_ms(); cpu0 = cpu_ms(); } while (0)
#define TOC(r)		do { if ((r) >= 0) { v[r] = now_ms() - t0; \
			    cpu[r] = cpu_ms() - cpu0; } } while (0)

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench-db: %s: %s\n", what, cause ? cause : "failed");
	exit(1);
}

/* Common words of news Arabic, then made-up words for a long tail. */
static const char *bench_common[] = {
	"في", "من", "على", "إلى", "أن", "الذي", "التي", "قال", "الرئيس",
	"الحكومة", "وزير", "مصر", "سوريا", "لبنان", "العراق", "الأمم",
	"المتحدة", "اليوم", "أمس", "الشرق", "الأوسط", "مجلس", "الأمن",
	"الاقتصاد", "النفط", "الأسعار", "انتخابات", "رئيس", "الوزراء",
	"غزة", "القدس", "السعودية", "الإمارات", "المغرب", "تونس", "الجزائر",
	"عن", "مع", "هذا", "هذه", "كان", "بعد", "قبل", "خلال", "بين", "حول",
	"وكالة", "الأنباء", "مصادر", "مسؤول", "المدينة", "العاصمة", "شمال",
	"جنوب", "البرلمان", "المعارضة", "الشركة", "السوق", "البنك", "المركزي",
	"الدولار", "العملة", "المحكمة", "الشرطة", "المستشفى", "الجامعة",
	"المدرسة", "الطلاب", "المياه", "الكهرباء", "الطقس", "الأمطار",
};
#define NCOMMON	(sizeof bench_common / sizeof bench_common[0])
#define NTAIL	20000

static const char *bench_letters[] = {
	"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش",
	"ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه",
	"و", "ي", "ة", "ى", "أ", "إ",
};
static char	*bench_tail[NTAIL];

/* The word searched for, in the forms readers meet it. */
static const char *bench_army[] = {
	"الجيش", "والجيش", "جيش", "بالجيش", "للجيش", "الجيشَ",
};

static void
bench_words(void)
{
	struct str	s;
	int		i, j, n;

	for (i = 0; i < NTAIL; i++) {
		str_init(&s);
		n = 3 + rnd() % 5;
		for (j = 0; j < n; j++)
			str_appends(&s, bench_letters[rnd() % (sizeof
			    bench_letters / sizeof bench_letters[0] - 3)]);
		bench_tail[i] = str_steal(&s);
	}
}

/* One word: Zipf-like over common words then the tail, with affixes. */
static void
bench_word(struct str *s)
{
	double		u = (double)(rnd() % 1000000) / 1e6;
	uint64_t	r = rnd() % 100;
	size_t		k;

	if (s->len != 0)
		str_appendc(s, ' ');
	if (r < 8)
		str_appends(s, "و");
	k = (size_t)((NCOMMON + NTAIL) * u * u * u);
	if (k < NCOMMON)
		str_appends(s, bench_common[k]);
	else {
		if (r >= 8 && r < 30)
			str_appends(s, "ال");
		str_appends(s, bench_tail[k - NCOMMON]);
		if (r >= 95)
			str_appends(s, "َ");	/* a vowel mark */
	}
}

static void
bench_text(struct str *s, int words, bool army)
{
	int	i, at;

	str_clear(s);
	at = army ? (int)(rnd() % words) : -1;
	for (i = 0; i < words; i++) {
		if (i == at) {
			if (s->len != 0)
				str_appendc(s, ' ');
			str_appends(s, bench_army[rnd() % 6]);
		} else
			bench_word(s);
	}
}

/* Items per feed: feed 1 and 2 are big in the 1M cache. */
static int
bench_feed_items(int64_t total, int f)
{
	int64_t	rest;

	if (total < 1000000)
		return ((int)(total / NFEEDS));
	if (f == BIG_FEED)
		return (100000);
	if (f == MARK_FEED)
		return (10000);
	rest = total - 110000;
	return ((int)(rest / (NFEEDS - 2) + (f - 3 < rest % (NFEEDS - 2))));
}

/*
 * Make the cache's feeds the benchmark's NFEEDS, each with its tag unless
 * plain, and extra more after them: the urls file a reload would sync.
 * The first sync with tags of a cache built without lists every item in
 * its tag's list; later ones change nothing.
 */
static void
bench_sync(struct db *db, bool plain, const struct db_sub *extra,
    size_t nextra)
{
	struct db_sub	 subs[NFEEDS + 16];
	char		 urls[NFEEDS][64], tags[NTAGS][32];
	const char	*tagv[NTAGS];
	char		*cause = NULL;
	size_t		 i;

	for (i = 0; i < NTAGS; i++) {
		snprintf(tags[i], sizeof tags[i], "قسم %zu", i);
		tagv[i] = tags[i];
	}
	memset(subs, 0, sizeof subs);
	for (i = 0; i < NFEEDS; i++) {
		snprintf(urls[i], sizeof urls[i], "https://news%zu.example/rss",
		    i + 1);
		subs[i].url = urls[i];
		subs[i].tags = &tagv[(i + 1) % NTAGS];
		subs[i].ntags = plain ? 0 : 1;
	}
	for (i = 0; i < nextra && i < 16; i++)
		subs[NFEEDS + i] = extra[i];
	if (db_feed_sync(db, subs, NFEEDS + i, &cause) != 0)
		die("sync", cause);
}

/* The id of the tag named name. */
static int64_t
bench_tag(struct db *db, const char *name, int64_t *total)
{
	struct db_tag_row	*v;
	size_t			 n, i;
	int64_t			 id = -1;
	char			*cause = NULL;

	*total = 0;
	if (db_tag_list(db, &v, &n, &cause) != 0)
		die("tags", cause);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].name, name) == 0) {
			id = v[i].id;
			*total = v[i].total;
		}
	}
	db_tag_rows_free(v, n);
	if (id == -1)
		die("tags", xstrdup("the benchmark's tag is missing"));
	return (id);
}

/* Build a cache of total items; returns items/s, text generation included. */
static double
bench_build(const char *path, int64_t total, double *index_rate)
{
	struct db	*db;
	struct feed	*feed;
	struct item	*it;
	struct str	 title, body;
	char		*cause = NULL, buf[64];
	double		 t0, tins = 0;
	int64_t		 left, date, done = 0;
	int		 f, i, n;

	if ((db = db_open(path, 0, &cause)) == NULL)
		die(path, cause);
	/* A fixture, not user data: no need to wait for the disk. */
	sqlite3_exec(db->sq, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	/* Untagged, as builds were before tags: bench_one tags it after. */
	bench_sync(db, true, NULL, 0);

	str_init(&title);
	str_init(&body);
	for (f = 1; f <= NFEEDS; f++) {
		n = bench_feed_items(total, f);
		date = 1700000000;
		feed = feed_new();
		snprintf(buf, sizeof buf, "أخبار %d", f);
		feed->title = xstrdup(buf);
		feed->dir = FEED_DIR_RTL;
		t0 = now_ms();
		if (db_feed_begin(db, f, &cause) != 0)
			die("begin", cause);
		for (i = 0; i < n; i++) {
			it = item_new();
			snprintf(buf, sizeof buf, "https://news%d.example/a/%d",
			    f, i);
			it->guid = xstrdup(buf);
			it->link = xstrdup(buf);
			bench_text(&title, 8, rnd() % 200 == 0);
			it->title = xstrdup(title.ptr);
			bench_text(&body, 40, rnd() % 100 == 0);
			str_printf(&body, "</p>");
			xasprintf(&it->summary, "<p>%s", body.ptr);
			it->summary_type = FEED_TEXT_HTML;
			date += 30 + rnd() % 600;
			it->published = date;
			if (db_item_upsert(db, f, it, NULL, &cause) != 0)
				die("upsert", cause);
			item_free(it);
		}
		if (db_feed_commit(db, f, feed, &cause) != 0)
			die("commit", cause);
		tins += now_ms() - t0;
		feed_free(feed);
		done += n;
		if (f % 100 == 0)
			fprintf(stderr, "bench-db: %s: %lld items stored\n",
			    path, (long long)done);
	}
	str_free(&title);
	str_free(&body);

	t0 = now_ms();
	do {
		if (db_search_index_pending(db, 20000, &left, &cause) != 0)
			die("index", cause);
		fprintf(stderr, "bench-db: %s: %lld items left to index\n",
		    path, (long long)left);
	} while (left > 0);
	*index_rate = done / ((now_ms() - t0) / 1e3);
	/* Some read items, as in real use. */
	sqlite3_exec(db->sq, "UPDATE item SET unread = 0 WHERE id % 3 = 0;"
	    "UPDATE feed SET unread_count = (SELECT count(*) FROM item"
	    " WHERE feed_id = feed.id AND unread = 1), starred_unread = 0",
	    NULL, NULL, NULL);
	sqlite3_exec(db->sq, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
	    NULL);
	db_close(db);
	return (done / (tins / 1e3));
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

static double
median(double *v, int n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

/*
 * Print one measure: the median of v[0..n) against the target, the
 * spread, and the median CPU time when c is given.
 */
static void
report(const char *metric, double *v, double *c, int n, const char *unit,
    double target, bool higher_is_better)
{
	char	cbuf[64] = "";
	double	med;
	bool	met;

	if (c != NULL)
		snprintf(cbuf, sizeof cbuf, ";cpu_median=%.3f", median(c, n));
	med = median(v, n);
	if (target == 0) {
		printf("%s\t%.3f\t%s\t-\tinfo\tmin=%.3f;max=%.3f%s;runs=%d\n",
		    metric, med, unit, v[0], v[n - 1], cbuf, n);
	} else {
		met = higher_is_better ? med >= target : med <= target;
		printf("%s\t%.3f\t%s\t%s%g\t%s\tmin=%.3f;max=%.3f%s;runs=%d\n",
		    metric, med, unit, higher_is_better ? ">=" : "<=", target,
		    met ? "met" : "not-met", v[0], v[n - 1], cbuf, n);
	}
	fflush(stdout);
}

static void
report1(const char *metric, double v, const char *unit, double target,
    bool higher)
{
	report(metric, &v, NULL, 1, unit, target, higher);
}

/* Read a whole search stream; how many results. */
static size_t
bench_stream_all(struct db *db, const char *query, const int64_t *feeds,
    size_t nfeeds, bool *seen)
{
	struct db_search_spec	 spec = { query, DB_SEARCH_BY_DATE, feeds,
	    nfeeds };
	struct db_search_stream	*s;
	struct db_item_row	*rows;
	char			*cause = NULL;
	size_t			 n, i, total = 0;

	if ((s = db_search_stream_open(db, &spec, &cause)) == NULL)
		die("search stream", cause);
	do {
		if (db_search_stream_read(s, 200, &rows, &n, &cause) != 0)
			die("search stream", cause);
		for (i = 0; i < n && seen != NULL; i++)
			if (rows[i].feed_id > 0 && rows[i].feed_id <= NFEEDS)
				seen[rows[i].feed_id] = true;
		total += n;
		db_item_rows_free(rows, n);
	} while (n > 0);
	db_search_stream_close(s);
	return (total);
}

/*
 * Search streams (issue 20): every result of a common word, as
 * --search reads them, and a search restricted to the feeds where a word
 * has no match at all (it has matches in the others): the restriction
 * is in the query, so nothing is read of the other feeds' matches.
 */
static void
bench_stream(struct db *db, const char *tag, double *v)
{
	bool		 seen[NFEEDS + 1];
	int64_t		 feeds[NFEEDS];
	char		 name[128];
	double		 t0;
	size_t		 n = 0, nf = 0;
	int		 r, f;

	for (r = -1; r < runs; r++) {
		TIC();
		n = bench_stream_all(db, "الحكومة", NULL, 0, NULL);
		TOC(r);
	}
	snprintf(name, sizeof name, "search_stream_common_%s_%zu_results",
	    tag, n);
	report(name, v, cpu, runs, "ms", 0, false);

	memset(seen, 0, sizeof seen);
	bench_stream_all(db, "الجيش", NULL, 0, seen);
	for (f = 1; f <= NFEEDS; f++)
		if (!seen[f])
			feeds[nf++] = f;
	if (nf == 0) {
		printf("# search_nothing_in_feeds_%s: every feed has a match\n",
		    tag);
		return;
	}
	for (r = -1; r < runs; r++) {
		TIC();
		n = bench_stream_all(db, "الجيش", feeds, nf, NULL);
		TOC(r);
		if (n != 0)
			die("search stream", xstrdup("a match in feeds without"));
	}
	snprintf(name, sizeof name, "search_nothing_in_feeds_%s_%zu_feeds",
	    tag, nf);
	report(name, v, cpu, runs, "ms", strcmp(tag, "100k") == 0 ? 50 : 0,
	    false);
}

/* The cursor of the row at 0-based position k of a feed's list. */
static void
bench_cursor(struct db *db, const char *sql, int64_t id, int64_t k,
    struct db_item_cursor *cur)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL) != SQLITE_OK)
		die("cursor", xstrdup(sqlite3_errmsg(db->sq)));
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, k);
	if (sqlite3_step(st) != SQLITE_ROW)
		die("cursor", xstrdup("no such row"));
	cur->date = sqlite3_column_int64(st, 0);
	cur->id = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
}

/*
 * What the interface asks of the cache (issue 12): the counts of "k of n",
 * a feed and a tag opened at both ends, the tag list beside the feed list,
 * ranks (rows before a cursor) and the number of search results.
 */
static void
bench_interface(struct db *db, const char *path, const char *tag,
    int64_t total, int64_t big, double *v)
{
	static const struct {
		const char	*name;
		enum db_list	 list;
	} counts[] = {
		{ "feed", DB_LIST_FEED }, { "unread", DB_LIST_UNREAD },
		{ "starred", DB_LIST_STARRED }, { "all", DB_LIST_ALL },
		{ "tag", DB_LIST_TAG },
	};
	static const struct {
		const char	*name;
		const char	*query;
	} searches[] = {
		{ "army", "الجيش" }, { "common", "الحكومة" },
		{ "phrase", "\"الأمم المتحدة\"" },
	};
	struct db		*ro;
	struct db_item_row	*rows;
	struct db_feed_row	*frows;
	struct db_tag_row	*trows;
	struct db_item_cursor	 cur;
	char			*cause = NULL, name[128];
	double			 t0;
	size_t			 n, i;
	int64_t			 tagid, ntag, nbig, c, u, id, k;
	int			 r;

	tagid = bench_tag(db, BENCH_TAG, &ntag);
	nbig = bench_feed_items(total, big);

	for (i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		id = counts[i].list == DB_LIST_TAG ? tagid : big;
		for (r = -1; r < runs; r++) {
			TIC();
			if (db_item_count(db, counts[i].list, id, &c, &u,
			    &cause) != 0)
				die("count", cause);
			TOC(r);
		}
		snprintf(name, sizeof name, "count_%s_%s_%lld_items",
		    counts[i].name, tag, (long long)c);
		report(name, v, cpu, runs, "ms", 1, false);
	}
	for (r = -1; r < runs; r++) {
		TIC();
		if (db_feed_count(db, &c, &cause) != 0)
			die("count", cause);
		TOC(r);
	}
	snprintf(name, sizeof name, "count_feeds_%s_%lld_feeds", tag,
	    (long long)c);
	report(name, v, cpu, runs, "ms", 1, false);

	/* Open a feed, then a tag: "k of n", the first screen, the last. */
	for (k = 0; k < 2; k++) {
		enum db_list	list = k == 0 ? DB_LIST_FEED : DB_LIST_TAG;

		id = k == 0 ? big : tagid;
		for (r = -1; r < runs; r++) {
			TIC();
			if (db_item_count(db, list, id, &c, &u, &cause) != 0 ||
			    db_item_page(db, list, id, DB_PAGE_FIRST, NULL,
			    SCREEN, &rows, &n, &cause) != 0 || n != SCREEN)
				die("open list", cause);
			db_item_rows_free(rows, n);
			if (db_item_page(db, list, id, DB_PAGE_LAST, NULL,
			    SCREEN, &rows, &n, &cause) != 0 || n != SCREEN)
				die("open list", cause);
			TOC(r);
			db_item_rows_free(rows, n);
		}
		snprintf(name, sizeof name, "%s_open_and_last_screen_%s_%lld_"
		    "items", k == 0 ? "feed" : "tag", tag, (long long)c);
		report(name, v, cpu, runs, "ms", 10, false);
	}
	for (r = -1; r < runs; r++) {
		TIC();
		if (db_item_page(db, DB_LIST_TAG, tagid, DB_PAGE_FIRST, NULL,
		    SCREEN, &rows, &n, &cause) != 0 || n != SCREEN)
			die("tag page", cause);
		TOC(r);
		db_item_rows_free(rows, n);
	}
	snprintf(name, sizeof name, "tag_first_screen_%s_%lld_items", tag,
	    (long long)ntag);
	report(name, v, cpu, runs, "ms", 10, false);
	for (r = -1; r < runs; r++) {
		TIC();
		if (db_item_page(db, DB_LIST_TAG, tagid, DB_PAGE_LAST, NULL,
		    SCREEN, &rows, &n, &cause) != 0 || n != SCREEN)
			die("tag page", cause);
		TOC(r);
		db_item_rows_free(rows, n);
	}
	snprintf(name, sizeof name, "tag_last_screen_%s", tag);
	report(name, v, cpu, runs, "ms", 10, false);

	/* The tag list beside the feed list, both on an open connection. */
	for (r = -1; r < runs; r++) {
		TIC();
		if (db_feed_page(db, DB_PAGE_FIRST, NULL, SCREEN, &frows, &n,
		    &cause) != 0 || n != SCREEN)
			die("feed page", cause);
		TOC(r);
		db_feed_rows_free(frows, n);
	}
	snprintf(name, sizeof name, "feed_list_screen_%s", tag);
	report(name, v, cpu, runs, "ms", 0, false);
	for (r = -1; r < runs; r++) {
		TIC();
		if (db_tag_list(db, &trows, &n, &cause) != 0 || n != NTAGS)
			die("tag list", cause);
		TOC(r);
		db_tag_rows_free(trows, n);
	}
	snprintf(name, sizeof name, "tag_list_%s_%d_tags", tag, NTAGS);
	report(name, v, cpu, runs, "ms", 0, false);
	for (r = -1; r < runs; r++) {
		TIC();
		if ((ro = db_open(path, DB_READONLY, &cause)) == NULL)
			die(path, cause);
		if (db_tag_list(ro, &trows, &n, &cause) != 0 || n != NTAGS)
			die("tag list", cause);
		TOC(r);
		db_tag_rows_free(trows, n);
		db_close(ro);
	}
	snprintf(name, sizeof name, "open_tag_list_%s", tag);
	report(name, v, cpu, runs, "ms", 20, false);

	/* Ranks: the worst place is the middle, the end costs little. */
	for (k = 0; k < 4; k++) {
		static const char *what[] = {
			"feed_middle", "feed_end", "all_middle", "tag_middle",
		};
		enum db_list	list;
		int64_t		pos, rank;

		if (k < 2) {
			list = DB_LIST_FEED;
			id = big;
			pos = k == 0 ? nbig / 2 : nbig - 1;
			bench_cursor(db, "SELECT sort_date, id FROM item WHERE "
			    "feed_id = ?1 ORDER BY sort_date DESC, id DESC "
			    "LIMIT 1 OFFSET ?2", id, pos, &cur);
		} else if (k == 2) {
			list = DB_LIST_ALL;
			id = 0;
			pos = total / 2;
			bench_cursor(db, "SELECT sort_date, id FROM item WHERE "
			    "?1 = 0 ORDER BY sort_date DESC, id DESC "
			    "LIMIT 1 OFFSET ?2", id, pos, &cur);
		} else {
			list = DB_LIST_TAG;
			id = tagid;
			pos = ntag / 2;
			bench_cursor(db, "SELECT sort_date, item_id FROM "
			    "tag_item WHERE tag_id = ?1 ORDER BY sort_date "
			    "DESC, item_id DESC LIMIT 1 OFFSET ?2", id, pos,
			    &cur);
		}
		for (r = -1; r < runs; r++) {
			TIC();
			if (db_item_rank(db, list, id, &cur, &rank,
			    &cause) != 0)
				die("rank", cause);
			TOC(r);
			if (rank != pos)
				die("rank", xstrdup("a wrong rank"));
		}
		snprintf(name, sizeof name, "rank_%s_%s_%lld_of_%lld", what[k],
		    tag, (long long)pos, (long long)(k < 2 ? nbig : k == 2 ?
		    total : ntag));
		report(name, v, cpu, runs, "ms", 0, false);
	}

	for (i = 0; i < sizeof searches / sizeof searches[0]; i++) {
		for (r = -1; r < runs; r++) {
			TIC();
			if (db_search_count(db, searches[i].query, &c,
			    &cause) != 0)
				die("search count", cause);
			TOC(r);
		}
		snprintf(name, sizeof name, "search_count_%s_%s_%lld_results",
		    searches[i].name, tag, (long long)c);
		report(name, v, cpu, runs, "ms", 0, false);
	}
}

static void
bench_measure(const char *path, const char *tag, int64_t total)
{
	struct db		*db;
	struct db_feed_row	*frows;
	struct db_item_row	*rows;
	char			*cause = NULL, name[128];
	double			*v, t0;
	size_t			 n;
	int			 r, i;
	int64_t			 big;
	static const struct {
		const char	*name;
		const char	*query;
	} searches[] = {
		{ "search_army", "الجيش" },		/* ~1% of items */
		{ "search_rare", "\"الجيشَ\" للجيش" },
		{ "search_common", "الحكومة" },
		{ "search_phrase", "\"الأمم المتحدة\"" },
	};

	v = xcalloc(runs, sizeof *v);
	cpu = xcalloc(runs, sizeof *cpu);

	/* Open and read the first screen of the feed list. */
	for (r = -1; r < runs; r++) {
		TIC();
		if ((db = db_open(path, DB_READONLY, &cause)) == NULL)
			die(path, cause);
		if (db_feed_page(db, DB_PAGE_FIRST, NULL, SCREEN, &frows, &n,
		    &cause) != 0 || n != SCREEN)
			die("feed page", cause);
		TOC(r);
		db_feed_rows_free(frows, n);
		db_close(db);
	}
	snprintf(name, sizeof name, "open_feed_list_%s", tag);
	report(name, v, cpu, runs, "ms", 20, false);

	if ((db = db_open(path, 0, &cause)) == NULL)
		die(path, cause);
	big = total >= 1000000 ? BIG_FEED : 1;

	/* First screen of the biggest feed, and of everything unread. */
	for (r = -1; r < runs; r++) {
		TIC();
		if (db_item_page(db, DB_LIST_FEED, big, DB_PAGE_FIRST, NULL,
		    SCREEN, &rows, &n, &cause) != 0 || n != SCREEN)
			die("item page", cause);
		TOC(r);
		db_item_rows_free(rows, n);
	}
	snprintf(name, sizeof name, "feed_first_screen_%s_%d_items", tag,
	    bench_feed_items(total, big));
	report(name, v, cpu, runs, "ms", 10, false);
	for (r = -1; r < runs; r++) {
		TIC();
		if (db_item_page(db, DB_LIST_FEED, big, DB_PAGE_LAST, NULL,
		    SCREEN, &rows, &n, &cause) != 0 || n != SCREEN)
			die("item page", cause);
		TOC(r);
		db_item_rows_free(rows, n);
	}
	snprintf(name, sizeof name, "feed_last_screen_%s", tag);
	report(name, v, cpu, runs, "ms", 10, false);
	for (r = -1; r < runs; r++) {
		TIC();
		if (db_item_page(db, DB_LIST_UNREAD, 0, DB_PAGE_FIRST, NULL,
		    SCREEN, &rows, &n, &cause) != 0 || n != SCREEN)
			die("unread page", cause);
		TOC(r);
		db_item_rows_free(rows, n);
	}
	snprintf(name, sizeof name, "unread_first_screen_%s", tag);
	report(name, v, cpu, runs, "ms", 10, false);

	/* Searches: first 50 results, newest first. */
	for (i = 0; i < (int)(sizeof searches / sizeof searches[0]); i++) {
		for (r = -1; r < runs; r++) {
			TIC();
			if (db_search_page(db, searches[i].query,
			    DB_PAGE_FIRST, NULL, SCREEN, &rows, &n,
			    &cause) != 0)
				die("search", cause);
			TOC(r);
			db_item_rows_free(rows, n);
		}
		snprintf(name, sizeof name, "%s_%s_%zu_results", searches[i].name,
		    tag, n);
		/* Issue 20: 20 ms at 100 000 items, 40 at 1 000 000. */
		report(name, v, cpu, runs, "ms", total >= 1000000 ? 40 : 20,
		    false);
	}
	bench_stream(db, tag, v);

	bench_interface(db, path, tag, total, big, v);

	/* Mark a feed of 10 000 items read (restored between runs). */
	if (total >= 1000000) {
		for (r = -1; r < runs; r++) {
			sqlite3_exec(db->sq, "UPDATE item SET unread = 1 "
			    "WHERE feed_id = 2; UPDATE feed SET unread_count = "
			    "10000 WHERE id = 2", NULL, NULL, NULL);
			TIC();
			if (db_feed_mark_read(db, MARK_FEED, &cause) != 0)
				die("mark read", cause);
			TOC(r);
		}
		snprintf(name, sizeof name, "mark_feed_read_%s_10k_items", tag);
		report(name, v, cpu, runs, "ms", 100, false);
	}
	db_close(db);
	free(v);
	free(cpu);
}

/*
 * Items/s of per-feed transactions into an existing big cache, into a
 * feed with no tag or (tagged) with one.
 */
static void
bench_insert(const char *path, const char *tag, bool tagged)
{
	static const char *const tagv[] = { BENCH_TAG };
	struct db	*db;
	struct item	*it, **items;
	struct str	 body;
	struct strv	 urls = { NULL, 0 };
	struct db_feed_state *fs;
	size_t		 n;
	char		*cause = NULL, buf[96], name[96];
	struct db_sub	 extra;
	double		 v[16], c[16], t0;
	int		 r, f, i, nr = runs < 16 ? runs : 16;
	int64_t		 id;

	if ((db = db_open(path, 0, &cause)) == NULL)
		die(path, cause);
	str_init(&body);
	items = xcalloc(10000, sizeof *items);
	for (r = 0; r < nr; r++) {
		snprintf(buf, sizeof buf, "https://bench-insert.example/%d", r);
		strv_add(&urls, buf);
		memset(&extra, 0, sizeof extra);
		extra.url = buf;
		extra.tags = tagv;
		extra.ntags = tagged ? 1 : 0;
		bench_sync(db, false, &extra, 1);
		if (db_feed_states(db, &urls, &fs, &n, &cause) != 0 || n != 1)
			die("states", cause);
		id = fs[0].id;
		db_feed_states_free(fs, n);
		strv_free(&urls);
		/* Made before the clock starts: only the cache is timed. */
		for (i = 0; i < 10000; i++) {
			it = items[i] = item_new();
			snprintf(buf, sizeof buf, "r%d-i%d", r, i);
			it->guid = xstrdup(buf);
			bench_text(&body, 8, false);
			it->title = xstrdup(body.ptr);
			bench_text(&body, 40, false);
			it->summary = xstrdup(body.ptr);
			it->published = 1800000000 + i;
		}
		t0 = now_ms();
		cpu0 = cpu_ms();
		for (f = 0; f < 10; f++) {
			if (db_feed_begin(db, id, &cause) != 0)
				die("begin", cause);
			for (i = 0; i < 1000; i++) {
				if (db_item_upsert(db, id, items[f * 1000 + i],
				    NULL, &cause) != 0)
					die("upsert", cause);
			}
			if (db_feed_commit(db, id, NULL, &cause) != 0)
				die("commit", cause);
		}
		v[r] = 10000 / ((now_ms() - t0) / 1e3);
		c[r] = 10000 / ((cpu_ms() - cpu0) / 1e3);
		for (i = 0; i < 10000; i++)
			item_free(items[i]);
		/* Leave the cache as it was. */
		sqlite3_exec(db->sq, "DELETE FROM feed WHERE url LIKE "
		    "'https://bench-insert.example/%'", NULL, NULL, NULL);
	}
	/* And the removed feeds' tags. */
	bench_sync(db, false, NULL, 0);
	str_free(&body);
	free(items);
	db_close(db);
	snprintf(name, sizeof name, "insert_rate_%s%s", tagged ? "tagged_" :
	    "", tag);
	report(name, v, c, nr, "items/s", 50000, true);
}

static off_t
file_size(const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0 ? sb.st_size : 0);
}

/* Remove a cache and the files SQLite and akhbar keep beside it. */
static void
bench_unlink(const char *path)
{
	static const char	*ext[] = { "", "-wal", "-shm", ".lock" };
	char			*p;
	size_t			 i;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		xasprintf(&p, "%s%s", path, ext[i]);
		unlink(p);
		free(p);
	}
}

static void
bench_one(const char *dir, const char *tag, int64_t total)
{
	char	*path, *tmp, name[96];
	double	 rate, irate, t0;

	xasprintf(&path, "%s/cache-%s.db", dir, tag);
	if (access(path, F_OK) != 0) {
		/* Built under another name: an interrupted build is redone. */
		xasprintf(&tmp, "%s.part", path);
		fprintf(stderr, "bench-db: building %s (%lld items)\n", path,
		    (long long)total);
		bench_unlink(tmp);
		rate = bench_build(tmp, total, &irate);
		if (rename(tmp, path) != 0) {
			fprintf(stderr, "bench-db: rename %s: %s\n", tmp,
			    strerror(errno));
			exit(1);
		}
		bench_unlink(tmp);
		free(tmp);
		snprintf(name, sizeof name, "build_rate_%s", tag);
		report1(name, rate, "items/s", 0, false);
		snprintf(name, sizeof name, "build_index_rate_%s", tag);
		report1(name, irate, "items/s", 0, false);
	}
	/* A cache kept from an older akhbar is upgraded first. */
	{
		struct db	*db;
		char		*cause = NULL;

		if ((db = db_open(path, 0, &cause)) == NULL)
			die(path, cause);
		/*
		 * And given the tags, if it was built without them; then
		 * the sync of every reload, with nothing to change.
		 */
		t0 = now_ms();
		bench_sync(db, false, NULL, 0);
		snprintf(name, sizeof name, "sync_tags_%s_%d_feeds", tag,
		    NFEEDS);
		report1(name, now_ms() - t0, "ms", 0, false);
		t0 = now_ms();
		bench_sync(db, false, NULL, 0);
		snprintf(name, sizeof name, "sync_unchanged_%s_%d_feeds", tag,
		    NFEEDS);
		report1(name, now_ms() - t0, "ms", 0, false);
		db_close(db);
	}
	snprintf(name, sizeof name, "cache_size_per_100k_%s", tag);
	report1(name, file_size(path) / (total / 100000.0) / 1048576.0, "MiB",
	    0, false);
	bench_measure(path, tag, total);
	bench_insert(path, tag, false);
	bench_insert(path, tag, true);
	free(path);
}

/* Say how busy the machine is: wall times mean little when it is. */
static void
bench_load(const char *when)
{
	double	la[3];

	if (getloadavg(la, 3) == 3)
		printf("# load average at %s: %.2f %.2f %.2f on %ld CPUs; "
		    "cpu_median is this process's CPU time\n", when, la[0],
		    la[1], la[2], sysconf(_SC_NPROCESSORS_ONLN));
}

int
main(int argc, char **argv)
{
	const char	*dir = "bench-data", *size = "all";
	int		 c;

	while ((c = getopt(argc, argv, "d:r:s:")) != -1) {
		switch (c) {
		case 'd':
			dir = optarg;
			break;
		case 'r':
			runs = atoi(optarg);
			if (runs < 1)
				runs = 1;
			break;
		case 's':
			size = optarg;
			break;
		default:
			fprintf(stderr, "usage: bench-db [-d DIR] "
			    "[-s 100k|1m|all] [-r RUNS]\n");
			return (2);
		}
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "bench-db: %s: %s\n", dir, strerror(errno));
		return (1);
	}
	bench_words();
	bench_load("start");
	printf("# metric\tmedian\tunit\ttarget\tmet\tdetails\n");
	if (strcmp(size, "100k") == 0 || strcmp(size, "all") == 0)
		bench_one(dir, "100k", 100000);
	if (strcmp(size, "1m") == 0 || strcmp(size, "all") == 0)
		bench_one(dir, "1m", 1000000);
	bench_load("end");
	return (0);
}
