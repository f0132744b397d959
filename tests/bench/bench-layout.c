/*
 * Benchmark of the layout layer: a 5 000-word vowelled Arabic article,
 * generated deterministically from a word list, laid out at 100 columns
 * (decode, bidi, joining, shaping, wrap, reorder, cells), then re-wrapped
 * at another width (a terminal resize of the whole article, and of one
 * visible screen of 50 rows).  Prints the median and spread over runs, and
 * "metric<TAB>value<TAB>unit<TAB>target<TAB>met" lines, for wall-clock
 * time and for the thread's CPU time (which a busy machine does not
 * inflate).  Build and run with "make bench-layout".
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "layout.h"
#include "str.h"
#include "xmalloc.h"

#define WORDS 5000
#define WIDTH 100
#define RUNS 41
#define SCREEN_ROWS 50
#define TARGET_MS 5.0
#define WALL "wall-clock time"
#define CPU "CPU time of the thread"

static const char *words[] = {
	"كَتَبَ", "الطَّالِبُ", "رِسَالَةً", "إِلَى", "صَدِيقِهِ", "فِي",
	"المَدِينَةِ", "الأَسْوَاقُ", "ارْتَفَعَتْ", "بِنِسْبَةِ", "بَعْدَ",
	"إِعْلَانِ", "الحُكُومَةُ", "قَرَّرَتْ", "الاجْتِمَاعُ", "الأَوَّلُ",
	"لِلْمَجْلِسِ", "وَزِيرُ", "الخَارِجِيَّةِ", "قَالَ", "إِنَّ",
	"العَلَاقَاتَ", "بَيْنَ", "البَلَدَيْنِ", "جَيِّدَةٌ", "وَ", "مِنَ",
	"المُتَوَقَّعِ", "أَنْ", "يَصِلَ", "الوَفْدُ", "غَدًا", "لَا",
	"تَزَالُ", "المُفَاوَضَاتُ", "مُسْتَمِرَّةً", "الشَّرِكَةُ",
	"أَرْبَاحَهَا", "السَّنَوِيَّةَ", "عَلَى", "الرَّغْمِ", "الأَزْمَةِ",
	"الاقْتِصَادِيَّةِ", "العَالَمِيَّةِ", "أَعْلَنَتْ", "النَّتَائِجَ",
	"الأَخِيرَةَ", "لِلْعَامِ", "٢٠٢٦", "٪١٥", "Apple", "NASA",
	"الطَّقْسُ", "مُشْمِسٌ", "مَعَ", "رِيَاحٍ", "خَفِيفَةٍ،", "المَلْعَبِ.",
	"(الأَهْلِيُّ)", "اللّٰهِ", "سَلَامٌ", "الأُمَمِ", "المُتَّحِدَةِ",
	"؟", "مُرَاسِلُنَا", "يُفِيدُ",
};

/* A deterministic generator (a 32-bit LCG). */
static unsigned long bench_state = 20260101;

static unsigned
bench_rand(void)
{
	bench_state = bench_state * 1103515245 + 12345;
	return ((unsigned)(bench_state >> 16) & 0x7fff);
}

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

static void
metric(const char *name, double v, double target, const char *how)
{
	printf("metric\t%s\t%.3f\tms\t%.1f\t%s\tmedian of %d runs, %s\n",
	    name, v, target, v <= target ? "yes" : "no", RUNS, how);
}

int
main(void)
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
	for (run = 0; run < RUNS; run++) {
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
		if (run != RUNS - 1) {
			for (i = 0; i < npara; i++)
				layout_para_free(paras[i]);
		}
	}
	printf("article: %zu words, %zu paragraphs, %d code points, %d lines "
	    "at %d columns\n", nwords, npara, cps, lines, WIDTH);
	full = report("layout of the article (wall)", t, RUNS);
	fullc = report("layout of the article (CPU)", c, RUNS);

	for (run = 0; run < RUNS; run++) {
		bench_start();
		for (i = 0; i < npara; i++)
			layout_para_wrap(paras[i], run % 2 ? WIDTH : 80);
		bench_stop(t, c, run);
	}
	rewrap = report("re-wrap of the whole article (wall)", t, RUNS);
	rewrapc = report("re-wrap of the whole article (CPU)", c, RUNS);

	for (run = 0; run < RUNS; run++) {
		bench_start();
		rows = 0;
		for (i = 0; i < npara && rows < SCREEN_ROWS; i++)
			rows += layout_para_wrap(paras[i], run % 2 ? WIDTH : 80);
		bench_stop(t, c, run);
	}
	visible = report("re-wrap of one 50-row screen (wall)", t, RUNS);
	visiblec = report("re-wrap of one 50-row screen (CPU)", c, RUNS);

	metric("layout_article_5000w_100col_wall", full, TARGET_MS, WALL);
	metric("layout_article_5000w_100col_cpu", fullc, TARGET_MS, CPU);
	metric("relayout_resize_article_wall", rewrap, TARGET_MS, WALL);
	metric("relayout_resize_article_cpu", rewrapc, TARGET_MS, CPU);
	metric("relayout_resize_visible_screen_wall", visible, TARGET_MS, WALL);
	metric("relayout_resize_visible_screen_cpu", visiblec, TARGET_MS, CPU);

	bench_load("end");
	for (i = 0; i < npara; i++)
		layout_para_free(paras[i]);
	free(paras);
	free(starts);
	str_free(&art);
	return (0);
}
