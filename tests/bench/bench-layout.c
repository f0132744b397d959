/*
 * Benchmark of the layout layer: a 5 000-word vowelled Arabic article,
 * generated deterministically from a word list, laid out at 100 columns
 * (decode, bidi, joining, shaping, wrap, reorder, cells), then re-wrapped
 * at another width (a terminal resize of the whole article, and of one
 * visible screen of 50 rows).  Then a 100 KB Arabic article in HTML, as
 * news sites send it (paragraphs with bold words and links, headings, a
 * figure, a list, a table), rendered (html_render) and every block laid
 * out at 100 columns: what opening the article view costs at most.
 * Prints the median and spread over runs, and
 * "metric<TAB>value<TAB>unit<TAB>target<TAB>met" lines, for wall-clock
 * time and for the thread's CPU time (which a busy machine does not
 * inflate).  Build and run with "make bench-layout"; "bench-layout
 * render" runs the article alone, "-n RUNS" sets the runs.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "doc.h"
#include "feed.h"
#include "html.h"
#include "layout.h"
#include "str.h"
#include "xmalloc.h"

#include "bench-article.h"

#define WORDS 5000
#define WIDTH 100
#define RUNS 41
#define RENDER_TARGET_MS 2.0
#define SCREEN_ROWS 50
#define TARGET_MS 5.0
#define WALL "wall-clock time"
#define CPU "CPU time of the thread"

static double
clock_ms(clockid_t id)
{
	struct timespec	ts;

	clock_gettime(id, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static double	bench_wall0, bench_cpu0;

/* Start timing a run. */
static void
bench_start(void)
{
	bench_wall0 = clock_ms(CLOCK_MONOTONIC);
	bench_cpu0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
}

/* Stop timing a run: wall and CPU milliseconds into the two arrays. */
static void
bench_stop(double *wall, double *cpu, int run)
{
	wall[run] = clock_ms(CLOCK_MONOTONIC) - bench_wall0;
	cpu[run] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - bench_cpu0;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* Median and spread of n samples; prints a summary line. */
static double
report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	printf("%-40s median %.3f ms  min %.3f  p90 %.3f  max %.3f  "
	    "(%d runs)\n", what, t[n / 2], t[0], t[n * 9 / 10], t[n - 1], n);
	return (t[n / 2]);
}

/* Say how busy the machine is: wall times mean little when it is. */
static void
bench_load(const char *when)
{
	double	la[3];

	if (getloadavg(la, 3) == 3)
		printf("load average at %s: %.2f %.2f %.2f on %ld CPUs\n", when,
		    la[0], la[1], la[2], sysconf(_SC_NPROCESSORS_ONLN));
}

static int	runs = RUNS;

static void
metric(const char *name, double v, double target, const char *how)
{
	printf("metric\t%s\t%.3f\tms\t%.1f\t%s\tmedian of %d runs, %s\n",
	    name, v, target, v <= target ? "yes" : "no", runs, how);
}

/*
 * Render the article and lay its blocks out at WIDTH columns, all of them
 * or those of the first rows lines (what the article view paints first);
 * returns the lines, *nblocks the blocks.
 */
static int
bench_render_once(const struct str *html, const struct layout_config *cfg,
    int rows, size_t *nblocks)
{
	struct html_render_opts	 o;
	struct layout_para	*p;
	struct doc		*d;
	size_t			 i;
	int			 lines = 0;

	html_render_opts_default(&o);
	o.dir = LAYOUT_DIR_FEED_RTL;
	o.width = WIDTH;
	o.layout = cfg;
	d = doc_new();
	html_render(d, html->ptr, html->len, FEED_TEXT_HTML, &o);
	for (i = 0; i < d->nblocks && (rows == 0 || lines < rows); i++) {
		p = layout_para_new(d->blocks[i].text, d->blocks[i].len,
		    d->blocks[i].runs, d->blocks[i].nruns, d->blocks[i].dir,
		    cfg);
		lines += layout_para_wrap(p, d->blocks[i].kind == DOC_PRE ||
		    d->blocks[i].kind == DOC_ROW ? 1 << 20 : WIDTH -
		    d->blocks[i].indent);
		layout_para_free(p);
	}
	*nblocks = d->nblocks;
	doc_free(d);
	return (lines);
}

/* The article benchmark: render and lay out, then render alone. */
static void
bench_render(void)
{
	struct layout_config	 cfg;
	struct html_render_opts	 o;
	struct str		 html;
	struct doc		*d;
	double			*t, *c, full, fullc, alone, alonec, first, firstc;
	size_t			 nblocks = 0;
	int			 run, lines = 0;

	t = xcalloc((size_t)runs, sizeof *t);
	c = xcalloc((size_t)runs, sizeof *c);
	str_init(&html);
	bench_article(&html);
	layout_config_default(&cfg);
	bench_render_once(&html, &cfg, 0, &nblocks);	/* warm the caches */
	for (run = 0; run < runs; run++) {
		bench_start();
		lines = bench_render_once(&html, &cfg, 0, &nblocks);
		bench_stop(t, c, run);
	}
	printf("article: %zu bytes of HTML, %zu blocks, %d lines at %d "
	    "columns\n", html.len, nblocks, lines, WIDTH);
	full = report("render and layout of the article (wall)", t, runs);
	fullc = report("render and layout of the article (CPU)", c, runs);
	for (run = 0; run < runs; run++) {
		bench_start();
		bench_render_once(&html, &cfg, SCREEN_ROWS, &nblocks);
		bench_stop(t, c, run);
	}
	first = report("render, layout of a 50-row screen (wall)", t, runs);
	firstc = report("render, layout of a 50-row screen (CPU)", c, runs);

	html_render_opts_default(&o);
	o.dir = LAYOUT_DIR_FEED_RTL;
	o.width = WIDTH;
	o.layout = &cfg;
	for (run = 0; run < runs; run++) {
		bench_start();
		d = doc_new();
		html_render(d, html.ptr, html.len, FEED_TEXT_HTML, &o);
		doc_free(d);
		bench_stop(t, c, run);
	}
	alone = report("render of the article alone (wall)", t, runs);
	alonec = report("render of the article alone (CPU)", c, runs);

	metric("render_layout_article_100kb_100col_wall", full,
	    RENDER_TARGET_MS, WALL);
	metric("render_layout_article_100kb_100col_cpu", fullc,
	    RENDER_TARGET_MS, CPU);
	metric("render_layout_first_screen_100kb_100col_wall", first,
	    RENDER_TARGET_MS, WALL);
	metric("render_layout_first_screen_100kb_100col_cpu", firstc,
	    RENDER_TARGET_MS, CPU);
	metric("render_article_100kb_wall", alone, RENDER_TARGET_MS, WALL);
	metric("render_article_100kb_cpu", alonec, RENDER_TARGET_MS, CPU);
	str_free(&html);
	free(t);
	free(c);
}

int
main(int argc, char **argv)
{
	struct layout_para	**paras;
	struct str		  art;
	size_t			 *starts, npara, i, nwords;
	double			  t[RUNS], c[RUNS];
	double			  full, fullc, rewrap, rewrapc, visible, visiblec;
	int			  run, lines, rows, cps, w;
	size_t			  nw = sizeof words / sizeof words[0];

	/* Widths come from wcwidth(): the layout needs a UTF-8 LC_CTYPE. */
	setlocale(LC_ALL, "");
	if (wcwidth(0x0628) != 1)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (wcwidth(0x0628) != 1) {
		printf("# bench-layout needs a UTF-8 locale (C.UTF-8)\n");
		return (1);
	}
	for (w = 1; w < argc; w++) {
		if (strcmp(argv[w], "-n") == 0 && w + 1 < argc)
			runs = atoi(argv[++w]);
	}
	if (runs < 1 || runs > RUNS)
		runs = RUNS;
	if (argc > 1 && strcmp(argv[argc - 1], "render") == 0) {
		bench_load("start");
		bench_render();
		bench_load("end");
		return (0);
	}

	/* The article: paragraphs of 60 to 140 words, NUL-separated. */
	str_init(&art);
	starts = xreallocarray(NULL, WORDS, sizeof *starts);
	npara = 0;
	nwords = 0;
	while (nwords < WORDS) {
		w = 60 + (int)(bench_rand() % 81);
		starts[npara++] = art.len;
		for (i = 0; i < (size_t)w && nwords < WORDS; i++, nwords++) {
			if (i > 0)
				str_appendc(&art, ' ');
			str_appends(&art, words[bench_rand() % nw]);
		}
		str_appendc(&art, '\0');
	}
	paras = xcalloc(npara, sizeof *paras);
	bench_load("start");

	cps = lines = 0;
	for (run = 0; run < runs; run++) {
		bench_start();
		lines = cps = 0;
		for (i = 0; i < npara; i++) {
			paras[i] = layout_para_new(art.ptr + starts[i],
			    strlen(art.ptr + starts[i]), NULL, 0,
			    LAYOUT_DIR_FEED_RTL, NULL);
			lines += layout_para_wrap(paras[i], WIDTH);
			cps += layout_para_length(paras[i]);
		}
		bench_stop(t, c, run);
		if (run != runs - 1) {
			for (i = 0; i < npara; i++)
				layout_para_free(paras[i]);
		}
	}
	printf("article: %zu words, %zu paragraphs, %d code points, %d lines "
	    "at %d columns\n", nwords, npara, cps, lines, WIDTH);
	full = report("layout of the article (wall)", t, runs);
	fullc = report("layout of the article (CPU)", c, runs);

	for (run = 0; run < runs; run++) {
		bench_start();
		for (i = 0; i < npara; i++)
			layout_para_wrap(paras[i], run % 2 ? WIDTH : 80);
		bench_stop(t, c, run);
	}
	rewrap = report("re-wrap of the whole article (wall)", t, runs);
	rewrapc = report("re-wrap of the whole article (CPU)", c, runs);

	for (run = 0; run < runs; run++) {
		bench_start();
		rows = 0;
		for (i = 0; i < npara && rows < SCREEN_ROWS; i++)
			rows += layout_para_wrap(paras[i], run % 2 ? WIDTH : 80);
		bench_stop(t, c, run);
	}
	visible = report("re-wrap of one 50-row screen (wall)", t, runs);
	visiblec = report("re-wrap of one 50-row screen (CPU)", c, runs);

	metric("layout_article_5000w_100col_wall", full, TARGET_MS, WALL);
	metric("layout_article_5000w_100col_cpu", fullc, TARGET_MS, CPU);
	metric("relayout_resize_article_wall", rewrap, TARGET_MS, WALL);
	metric("relayout_resize_article_cpu", rewrapc, TARGET_MS, CPU);
	metric("relayout_resize_visible_screen_wall", visible, TARGET_MS, WALL);
	metric("relayout_resize_visible_screen_cpu", visiblec, TARGET_MS, CPU);

	bench_render();

	bench_load("end");
	for (i = 0; i < npara; i++)
		layout_para_free(paras[i]);
	free(paras);
	free(starts);
	str_free(&art);
	return (0);
}
