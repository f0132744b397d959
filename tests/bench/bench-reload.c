/*
 * bench-reload: one reload through the poller, timed at the two moments
 * the benchmark's targets name (issue 7, poller targets):
 *
 *   listable  the reload finished: every item is committed and can be
 *             listed (POLLER_EV_FINISHED);
 *   indexed   the full-text index caught up after it (POLLER_EV_INDEXED).
 *
 *   bench-reload [-r N] URLS CACHE
 *
 * With -n the reload ends at listable, without indexing, so that a
 * profiler's figures (perf stat -e instructions) are the listable part's.
 * With -r N the same poller reloads N times in one process, as the
 * interface's periodic reloads do, each reload asked for once the index
 * caught up after the one before; after each it prints the private memory
 * then in use (reload_K_anon_kb, RssAnon), which must stay flat.
 *
 * prints one "name value" line per figure: wall seconds since start, CPU
 * seconds (user+sys of the whole process, all threads) and peak RSS in kB
 * at each moment, and the new items the reload stored. The same poller,
 * parser and cache code as akhbar --reload; only the clock reading is
 * added. tests/bench/run.py runs it; it is not a test.
 *
 * Peak RSS counts the pages of the cache file that SQLite maps (mmap_size)
 * and has touched; they are the kernel's page cache, shared and
 * reclaimable. So on Linux the loop also samples /proc/self/status every
 * 20 ms and prints the peak of RssAnon (private memory) and RssFile.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "db.h"
#include "poller.h"
#include "reason.h"
#include "str.h"
#include "urls.h"

struct mark {
	double	wall;
	double	cpu;
	long	rss_kb;
	long	anon_kb;	/* peak RssAnon so far, -1 unknown */
	long	file_kb;	/* peak RssFile so far, -1 unknown */
	int	seen;
};

static long	peak_anon = -1, peak_file = -1;

/*
 * Fold the current RssAnon and RssFile into their peaks (Linux only);
 * returns the current RssAnon in kB, or -1.
 */
static long
sample(void)
{
	FILE	*f;
	char	 line[256];
	long	 v, anon = -1;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "RssAnon: %ld", &v) == 1) {
			anon = v;
			if (v > peak_anon)
				peak_anon = v;
		} else if (sscanf(line, "RssFile: %ld", &v) == 1 &&
		    v > peak_file)
			peak_file = v;
	}
	fclose(f);
	return (anon);
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + ts.tv_nsec / 1e9);
}

static void
mark_take(struct mark *m, double t0)
{
	struct rusage	ru;

	sample();
	getrusage(RUSAGE_SELF, &ru);
	m->wall = now() - t0;
	m->anon_kb = peak_anon;
	m->file_kb = peak_file;
	m->cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	m->rss_kb = ru.ru_maxrss;
	m->seen = 1;
}

static void
mark_print(const char *name, const struct mark *m)
{
	if (!m->seen)
		return;
	printf("%s_wall %.6f\n", name, m->wall);
	printf("%s_cpu %.6f\n", name, m->cpu);
	printf("%s_rss_kb %ld\n", name, m->rss_kb);
	if (m->anon_kb >= 0)
		printf("%s_anon_peak_kb %ld\n", name, m->anon_kb);
	if (m->file_kb >= 0)
		printf("%s_file_peak_kb %ld\n", name, m->file_kb);
}

int
main(int argc, char **argv)
{
	struct urls_list	 urls = { NULL, 0 };
	struct urls_problems	 warnings = { NULL, 0 };
	struct urls_problem	 error;
	struct poller_opts	 po;
	struct poller_event	 ev;
	struct poller		*p;
	struct db		*db;
	struct pollfd		 pfd;
	struct mark		 listable, indexed, end;
	char			*cause = NULL, *why;
	double			 t0, last_sample = 0;
	int			 n, done = 0, failed = 0, new_items = 0;
	int			 repeat = 1, reloads = 0, noindex = 0;

	if (argc >= 2 && strcmp(argv[1], "-n") == 0) {
		noindex = 1;
		argc--;
		argv++;
	}
	if (argc == 5 && strcmp(argv[1], "-r") == 0) {
		repeat = atoi(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc != 3 || repeat < 1 || (noindex && repeat > 1)) {
		fprintf(stderr, "usage: bench-reload [-n | -r N] URLS CACHE\n");
		return (2);
	}
	memset(&listable, 0, sizeof listable);
	memset(&indexed, 0, sizeof indexed);
	memset(&end, 0, sizeof end);
	t0 = now();
	if (urls_load(argv[1], &urls, &warnings, &error) != 0) {
		why = reason_text(error.kind, 0, error.detail);
		fprintf(stderr, "bench-reload: %s: %s\n", argv[1], why);
		return (1);
	}
	urls_problems_free(&warnings);
	if ((db = db_open(argv[2], 0, &cause)) == NULL) {
		fprintf(stderr, "bench-reload: %s\n", cause);
		return (1);
	}
	poller_opts_default(&po);
	po.reload_on_start = true;
	po.once = repeat == 1;
	if (noindex)
		po.index_batch = 0;
	if ((p = poller_start(db, &urls, &po, &cause)) == NULL) {
		fprintf(stderr, "bench-reload: %s\n", cause);
		return (1);
	}
	urls_list_free(&urls);
	pfd.fd = poller_fd(p);
	pfd.events = POLLIN;
	while (!done) {
		if (poll(&pfd, 1, 20) == -1 && errno != EINTR)
			break;
		/*
		 * Every 20 ms, not at every wake-up: events come per feed,
		 * and reading /proc at each was the benchmark's own cost
		 * inside the figures it prints.
		 */
		if (now() - last_sample >= 0.02) {
			sample();
			last_sample = now();
		}
		while ((n = poller_read_event(p, &ev)) == 1) {
			switch (ev.type) {
			case POLLER_EV_FEED_FAILED:
				why = reason_text(ev.reason, ev.code, ev.text);
				fprintf(stderr, "bench-reload: %s: %s\n",
				    ev.url, why);
				free(why);
				break;
			case POLLER_EV_ERROR:
				fprintf(stderr, "bench-reload: %s\n", ev.text);
				break;
			case POLLER_EV_FINISHED:
				if (reloads == 0) {
					mark_take(&listable, t0);
					new_items = ev.new_items;
				}
				failed += ev.failed;
				break;
			case POLLER_EV_INDEXED:
				if (reloads++ == 0)
					mark_take(&indexed, t0);
				if (repeat == 1)
					break;
				printf("reload_%d_anon_kb %ld\n", reloads,
				    sample());
				if (reloads < repeat)
					poller_reload(p);
				else
					done = 1;
				break;
			}
		}
		if (n < 0)
			done = 1;
	}
	poller_stop(p);
	db_close(db);
	mark_take(&end, t0);
	mark_print("listable", &listable);
	mark_print("indexed", &indexed);
	mark_print("end", &end);
	printf("new_items %d\n", new_items);
	printf("failed %d\n", failed);
	return (failed > 0 || !listable.seen ? 1 : 0);
}
