/*
 * Benchmark of full articles (issue 17). First the extractor: a 130 KB
 * Arabic news page generated deterministically in the shape news sites
 * serve (inline scripts and styles in its head, a menu, a breaking-news
 * bar, the article of 12 paragraphs in nested divs with a share bar, a
 * figure, an inline "read also" list and an advertisement, comments, a
 * sidebar of most-read links, a footer), extracted again and again:
 * the time per page, on the wall clock and on the thread's CPU. Then the
 * cache: 1 000 items of a feed with a one-line summary each, then 1 000
 * full articles (about 8 KB of HTML each, every one different) stored
 * with db_article_store and indexed for search: the bytes the cache grows
 * by, per 1 000 articles, with what their bodies take compressed and
 * would take as they are. Prints "NAME<TAB>VALUE<TAB>UNIT<TAB>TARGET<TAB>
 * MET<TAB>DETAILS" lines for run.py; "-n RUNS" sets the extractions, "-d
 * DIR" where the scratch cache goes.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "db-priv.h"
#include "feed.h"
#include "html.h"
#include "reason.h"
#include "str.h"
#include "url.h"
#include "xmalloc.h"

#define RUNS		200
#define ARTICLES	1000
#define PAGE_TARGET_MS	10.0	/* extraction of one page */

static const char *const words[] = {
	"أعلنت", "بلدية", "المدينة", "صباح", "اليوم", "عن", "إطلاق", "مشروع",
	"جديد", "لتحلية", "مياه", "البحر", "يهدف", "إلى", "توفير", "الشرب",
	"لأكثر", "من", "مئتي", "ألف", "نسمة", "في", "الأحياء", "الشرقية",
	"التي", "تعاني", "منذ", "سنوات", "انقطاعات", "متكررة", "خلال", "أشهر",
	"الصيف", "وقال", "رئيس", "المجلس", "إن", "سيُنفَّذ", "على", "مرحلتين",
	"تبدأ", "الأولى", "مطلع", "العام", "المقبل", "وتستمر", "ثمانية",
	"عشر", "شهرًا", "الحكومة", "المركزية", "والمستثمرين", "القطاع",
	"الخاص", "بالطاقة", "الشمسية", "الانبعاثات", "السكان", "الخبراء",
	"الجوفية", "البيئة", "البحرية", "الوزارة", "الأسواق", "الأسعار",
	"ارتفعت", "بنسبة", "تراجع", "النمو", "الاقتصاد", "البرلمان",
	"الموازنة", "الجلسة", "المنتخب", "البطولة", "المهرجان", "الفيلم",
	"الجامعة", "الطلاب", "الامتحانات", "المستشفى", "الأطباء", "الدواء",
	"الطريق", "الجسر", "الميناء", "السفن", "الشحن", "الصادرات", "التمور",
	"الزراعة", "الأمطار", "الشتاء", "العاصفة", "الساحل", "الشمالي",
};
#define NWORDS	(sizeof words / sizeof words[0])

static unsigned long	bench_state = 20261201;

static unsigned
bench_rand(void)
{
	bench_state = bench_state * 1103515245 + 12345;
	return ((unsigned)(bench_state >> 16) & 0x7fff);
}

/* Words' frames: with the stems above, prose as varied as news prose. */
static const char *const prefixes[] = { "", "", "", "ال", "وال", "بال", "و",
	"لل", "ف", "ب" };
static const char *const suffixes[] = { "", "", "", "ة", "ات", "ون", "ين",
	"ها", "هم", "ية" };
static const char *const function_words[] = { "في", "من", "على", "إلى",
	"أن", "التي", "الذي", "مع", "بعد", "قبل", "كما", "وقد", "لكن", "هذا",
	"هذه", "عن", "بين", "حتى" };
#define NPRE	(sizeof prefixes / sizeof prefixes[0])
#define NSUF	(sizeof suffixes / sizeof suffixes[0])
#define NFUN	(sizeof function_words / sizeof function_words[0])

/* One word: a third of the time a little word, else a stem in a frame. */
static void
bench_word(struct str *s)
{
	const char	*w;
	size_t		 n;

	if (bench_rand() % 3 == 0) {
		str_appends(s, function_words[bench_rand() % NFUN]);
		return;
	}
	w = words[bench_rand() % NWORDS];
	/* Stems with their article already take no prefix. */
	if (strncmp(w, "ال", strlen("ال")) != 0)
		str_appends(s, prefixes[bench_rand() % NPRE]);
	n = strlen(w);
	str_appends(s, w);
	if (n > 0)
		str_appends(s, suffixes[bench_rand() % NSUF]);
}

/* A sentence of n words with a comma now and then and a full stop. */
static void
bench_sentence(struct str *s, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			str_appends(s, i % 7 == 0 ? "، " : " ");
		bench_word(s);
	}
	str_appends(s, ".");
}

/* A paragraph of a few sentences. */
static void
bench_paragraph(struct str *s, const char *tag)
{
	int	i, n = 3 + (int)(bench_rand() % 3);

	str_printf(s, "<%s>", tag);
	for (i = 0; i < n; i++) {
		if (i > 0)
			str_appendc(s, ' ');
		bench_sentence(s, 12 + (int)(bench_rand() % 10));
	}
	str_printf(s, "</%s>\n", tag);
}

/* A list of n links of a few words each. */
static void
bench_links(struct str *s, const char *cls, int n)
{
	int	i;

	str_printf(s, "<ul class=\"%s\">", cls);
	for (i = 0; i < n; i++) {
		str_printf(s, "<li><a href=\"/ar/2026/12/%u\">", bench_rand());
		bench_sentence(s, 5 + (int)(bench_rand() % 4));
		str_appends(s, "</a></li>\n");
	}
	str_appends(s, "</ul>\n");
}

/* A news page of about 130 KB, in the shape news sites serve. */
static char *
bench_page(size_t *len)
{
	struct str	s;
	int		i;

	str_init(&s);
	str_appends(&s, "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head>"
	    "<meta charset=\"utf-8\"><title>خبر</title>"
	    "<meta property=\"og:title\" content=\"عنوان الخبر\">"
	    "<link rel=\"canonical\" href=\"https://news.example/a\">"
	    "<script>var config = {");
	for (i = 0; i < 6000; i++)
		str_printf(&s, "\"k%d\":%u,", i, bench_rand());
	str_appends(&s, "};</script><style>");
	for (i = 0; i < 600; i++)
		str_printf(&s, ".c%d{margin:%dpx}", i, i % 40);
	str_appends(&s, "</style></head><body><div id=\"wrapper\">"
	    "<header class=\"site-header\"><nav class=\"main-menu\">");
	bench_links(&s, "menu", 40);
	str_appends(&s, "</nav><div class=\"breaking\">");
	bench_links(&s, "ticker", 5);
	str_appends(&s, "</div></header><div class=\"container\">"
	    "<div class=\"row\"><div class=\"col-main\"><div class=\"article\">"
	    "<h1>عنوان الخبر</h1><div class=\"share-bar\">");
	bench_links(&s, "share", 4);
	str_appends(&s, "</div><figure><img src=\"/blank.gif\" data-src=\"/m/"
	    "a.jpg\" alt=\"صورة\"><figcaption>");
	bench_sentence(&s, 8);
	str_appends(&s, "</figcaption></figure><div class=\"article-body\">");
	for (i = 0; i < 12; i++) {
		bench_paragraph(&s, "p");
		if (i == 4)
			str_appends(&s, "<div class=\"ad-slot\"><a href=\"https://"
			    "ads.example/c\"><img src=\"https://ads.example/b."
			    "png\"></a></div>");
		if (i == 7) {
			str_appends(&s, "<div class=\"related-inline\"><h3>اقرأ"
			    " أيضًا</h3>");
			bench_links(&s, "related", 3);
			str_appends(&s, "</div>");
		}
	}
	str_appends(&s, "</div></div><section class=\"comments\">");
	for (i = 0; i < 10; i++) {
		str_appends(&s, "<div class=\"comment\">");
		bench_paragraph(&s, "p");
		str_appends(&s, "</div>");
	}
	str_appends(&s, "</section></div><aside class=\"sidebar\">");
	for (i = 0; i < 4; i++)
		bench_links(&s, "most-read", 10);
	str_appends(&s, "</aside></div></div><footer>");
	bench_links(&s, "footer-links", 20);
	str_appends(&s, "</footer></div>");
	for (i = 0; i < 30; i++)
		str_printf(&s, "<script>track(%u, %u, %u);</script>", bench_rand(),
		    bench_rand(), bench_rand());
	str_appends(&s, "</body></html>\n");
	*len = s.len;
	return (str_steal(&s));
}

static double
clock_ms(clockid_t id)
{
	struct timespec	ts;

	clock_gettime(id, &ts);
	return ((double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static char *
bench_resolve(const char *base, const char *ref)
{
	return (url_resolve(base, ref));
}

/* Time the extraction of a page, per page. */
static int
bench_extract(int runs)
{
	struct html_article_opts	 o;
	struct html_article		 r;
	double				*wall, *cpu, w0, c0;
	char				*page;
	size_t				 len, chars = 0, paras = 0;
	int				 i, ok = 1;

	page = bench_page(&len);
	memset(&o, 0, sizeof o);
	o.url = "https://news.example/ar/2026/12/a";
	o.content_type = "text/html; charset=utf-8";
	o.resolve = bench_resolve;
	o.title = "عنوان الخبر";
	wall = xcalloc((size_t)runs, sizeof *wall);
	cpu = xcalloc((size_t)runs, sizeof *cpu);
	for (i = 0; i < runs; i++) {
		w0 = clock_ms(CLOCK_MONOTONIC);
		c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
		if (html_article_extract(page, len, &o, &r) != 0)
			ok = 0;
		cpu[i] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
		wall[i] = clock_ms(CLOCK_MONOTONIC) - w0;
		chars = r.chars;
		paras = r.paragraphs;
		html_article_clear(&r);
	}
	qsort(wall, (size_t)runs, sizeof *wall, cmp_double);
	qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
	printf("# a %zu-byte page: an article of %zu characters in %zu "
	    "paragraphs%s\n", len, chars, paras, ok ? "" : " (NOT FOUND)");
	printf("extraction of a %zu KB news page\t%.3f\tms\t<=%.1f\t%s\t"
	    "cpu_median=%.3f; min %.3f, max %.3f ms; %d runs; %zu paragraphs "
	    "found\n", len / 1024, wall[runs / 2], PAGE_TARGET_MS,
	    ok && cpu[runs / 2] <= PAGE_TARGET_MS ? "met" : "not-met",
	    cpu[runs / 2], wall[0], wall[runs - 1], runs, paras);
	free(wall);
	free(cpu);
	free(page);
	return (ok ? 0 : 1);
}

/* The bytes of the cache's pages in use (the WAL checkpointed). */
static int64_t
bench_cache_bytes(struct db *db)
{
	sqlite3_stmt	*st;
	int64_t		 pages = 0, size = 0, free_pages = 0;

	sqlite3_wal_checkpoint_v2(db->sq, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL);
	if (sqlite3_prepare_v2(db->sq, "SELECT page_count, page_size,"
	    " freelist_count FROM pragma_page_count, pragma_page_size,"
	    " pragma_freelist_count", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			pages = sqlite3_column_int64(st, 0);
			size = sqlite3_column_int64(st, 1);
			free_pages = sqlite3_column_int64(st, 2);
		}
		sqlite3_finalize(st);
	}
	return ((pages - free_pages) * size);
}

/* An article of about 8 KB of HTML: paragraphs, a heading, a figure. */
static char *
bench_article(int k)
{
	struct str	s;
	int		i;

	str_init(&s);
	str_appends(&s, "<div dir=\"rtl\" lang=\"ar\"><figure><img src=\""
	    "https://news.example/m/");
	str_printf(&s, "%d.jpg\" alt=\"صورة\"><figcaption>", k);
	bench_sentence(&s, 8);
	str_appends(&s, "</figcaption></figure>");
	for (i = 0; i < 9; i++) {
		if (i == 5) {
			str_appends(&s, "<h2>");
			bench_sentence(&s, 4);
			str_appends(&s, "</h2>");
		}
		bench_paragraph(&s, "p");
	}
	str_appends(&s, "</div>");
	return (str_steal(&s));
}

/* The cache's growth by 1 000 full articles, indexed. */
static int
bench_cache(const char *dir)
{
	struct db_article	 a;
	struct item		*it;
	struct db		*db;
	char			*path, *cause = NULL, guid[32], *html;
	int64_t			 feed, before, after, n, stored, left, raw = 0;
	int			 i;

	xasprintf(&path, "%s/bench-article.%ld.db", dir, (long)getpid());
	unlink(path);
	if ((db = db_open(path, 0, &cause)) == NULL ||
	    db_feed_sync(db, &(struct db_sub){ "https://news.example/feed",
	    NULL, NULL, 0 }, 1, &cause) != 0) {
		printf("# cache: %s\n", cause);
		return (1);
	}
	feed = 1;
	if (db_feed_begin(db, feed, &cause) != 0)
		goto fail;
	for (i = 0; i < ARTICLES; i++) {
		it = item_new();
		snprintf(guid, sizeof guid, "g%d", i);
		it->guid = xstrdup(guid);
		it->title = xstrdup(words[i % NWORDS]);
		xasprintf(&it->link, "https://news.example/a/%d", i);
		it->summary = xstrdup("مشروع لتحلية مياه البحر في الأحياء "
		    "الشرقية من المدينة.");
		it->published = 1700000000 + i;
		if (db_item_upsert(db, feed, it, NULL, &cause) != 0) {
			item_free(it);
			goto fail;
		}
		item_free(it);
	}
	if (db_feed_commit(db, feed, NULL, &cause) != 0 ||
	    db_search_index_pending(db, ARTICLES, &left, &cause) != 0)
		goto fail;
	before = bench_cache_bytes(db);
	for (i = 0; i < ARTICLES; i++) {
		html = bench_article(i);
		memset(&a, 0, sizeof a);
		a.item_id = i + 1;
		a.fetched = 1700000000;
		a.html = html;
		a.len = strlen(html);
		a.chars = (int64_t)a.len / 2;
		a.url = (char *)"https://news.example/a";
		a.title = (char *)"عنوان الخبر";
		a.lang = (char *)"ar";
		a.dir = FEED_DIR_RTL;
		raw += (int64_t)a.len;
		if (db_article_store(db, &a, &cause) != 0) {
			free(html);
			goto fail;
		}
		free(html);
	}
	do {
		if (db_search_index_pending(db, 1000, &left, &cause) != 0)
			goto fail;
	} while (left > 0);
	after = bench_cache_bytes(db);
	if (db_article_count(db, &n, &stored, &cause) != 0)
		goto fail;
	printf("# %lld articles: %lld bytes of HTML, %lld stored (%.0f%%)\n",
	    (long long)n, (long long)raw, (long long)stored,
	    raw > 0 ? 100.0 * (double)stored / (double)raw : 0);
	printf("cache bytes per 1 000 full articles\t%.0f\tKB\t-\tinfo\t"
	    "the whole file's growth with the search index; articles of "
	    "%.1f KB of HTML each\n", (double)(after - before) / 1024 *
	    1000 / ARTICLES, (double)raw / ARTICLES / 1024);
	printf("article bodies per 1 000 full articles\t%.0f\tKB\t-\tinfo\t"
	    "zlib-compressed, %.0f%% of the %.0f KB of their HTML\n",
	    (double)stored / 1024 * 1000 / ARTICLES,
	    raw > 0 ? 100.0 * (double)stored / (double)raw : 0,
	    (double)raw / 1024 * 1000 / ARTICLES);
	db_close(db);
	unlink(path);
	xasprintf(&html, "%s-wal", path);
	unlink(html);
	free(html);
	xasprintf(&html, "%s-shm", path);
	unlink(html);
	free(html);
	xasprintf(&html, "%s.lock", path);
	unlink(html);
	free(html);
	free(path);
	return (0);

fail:
	printf("# cache: %s\n", cause != NULL ? cause : "failed");
	free(cause);
	db_close(db);
	free(path);
	return (1);
}

int
main(int argc, char **argv)
{
	const char	*dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	int		 c, runs = RUNS, rc = 0;

	while ((c = getopt(argc, argv, "d:n:")) != -1) {
		switch (c) {
		case 'd':
			dir = optarg;
			break;
		case 'n':
			runs = atoi(optarg) > 0 ? atoi(optarg) : RUNS;
			break;
		default:
			fprintf(stderr, "usage: bench-article [-d DIR] "
			    "[-n RUNS]\n");
			return (2);
		}
	}
	rc |= bench_extract(runs);
	rc |= bench_cache(dir);
	return (rc);
}
