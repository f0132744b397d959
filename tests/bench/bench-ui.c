/*
 * The interface's benchmark, measured as a user would see it: akhbar runs
 * on a pseudo-terminal (120 x 40) over a cache that bench-db built, and
 * every figure is read from the bytes it writes there.
 *
 *	bench-ui [-r RUNS] [-t TAG] [-f FEED-ROW] AKHBAR CACHE
 *
 * first screen: from the fork to the status line's bytes (the last row of
 * the first frame that is drawn), median of RUNS starts; then, in one
 * session: one-row moves in the feed list (bytes written for each, and the
 * time to the last byte), opening the feed on row FEED-ROW of the list
 * (bench-db's 1M cache has its 100 000-item feed on row 3, after the two
 * gathered lists) and pressing End there (the time from writing the key
 * to the last byte of the answer), paging and reading articles, and the
 * peak resident memory (VmHWM) after it all. Then, in a cache of its
 * own, a 100 KB Arabic article in HTML (bench-article.h, the one
 * bench-layout renders): the time from ENTER in its article list to the
 * last byte of the article view (issue 14: within 10 ms), of paging it
 * with SPACE (from the top: the first pages), and of End from the top. Prints the driver lines run.py reads: metric
 * TAB median TAB unit TAB target TAB met TAB details. The urls file lists
 * the cache's feeds; reloading is off (AKHBAR_RELOAD_INTERVAL=0), so
 * nothing touches the network.
 *
 *	bench-ui -a [-r RUNS] AKHBAR
 *
 * measures the article alone.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "bench-article.h"

#define COLS	120
#define ROWS	40
#define QUIET	60	/* ms without output: the answer is complete */

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static void
die(const char *what)
{
	fprintf(stderr, "bench-ui: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A running akhbar on a pty. */
struct session {
	pid_t	 pid;
	int	 fd;		/* the pty's master */
	char	*out;		/* everything it wrote */
	size_t	 len;
	size_t	 cap;
	double	 last;		/* when the last byte came */
};

/* Start akhbar on a new pty. */
static void
start(struct session *s, const char *akhbar, const char *urls,
    const char *cache)
{
	struct winsize	 ws = { ROWS, COLS, 0, 0 };
	char		*name;
	int		 slave;

	memset(s, 0, sizeof *s);
	if ((s->fd = posix_openpt(O_RDWR | O_NOCTTY)) == -1 ||
	    grantpt(s->fd) != 0 || unlockpt(s->fd) != 0 ||
	    (name = ptsname(s->fd)) == NULL)
		die("pty");
	if ((s->pid = fork()) == -1)
		die("fork");
	if (s->pid == 0) {
		setsid();
		if ((slave = open(name, O_RDWR)) == -1)
			_exit(127);
		ioctl(slave, TIOCSCTTY, 0);
		ioctl(slave, TIOCSWINSZ, &ws);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		close(slave);
		close(s->fd);
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("AKHBAR_RELOAD_INTERVAL", "0", 1);
		unsetenv("TMUX");
		execl(akhbar, akhbar, "-u", urls, "-C", cache, (char *)NULL);
		_exit(127);
	}
}

/* Read what is waiting, for at most ms; returns the bytes read. */
static size_t
drain(struct session *s, int ms)
{
	struct pollfd	 pfd = { s->fd, POLLIN, 0 };
	char		 buf[65536];
	ssize_t		 n;
	size_t		 got = 0;

	while (poll(&pfd, 1, ms) > 0) {
		if ((n = read(s->fd, buf, sizeof buf)) <= 0)
			break;
		s->last = now_ms();
		if (s->len + (size_t)n + 1 > s->cap) {
			s->cap = (s->len + (size_t)n + 1) * 2;
			if ((s->out = realloc(s->out, s->cap)) == NULL)
				die("realloc");
		}
		memcpy(s->out + s->len, buf, (size_t)n);
		s->len += (size_t)n;
		s->out[s->len] = '\0';
		got += (size_t)n;
	}
	return (got);
}

/* Wait until the output holds text (after from); the time it came, or -1. */
static double
wait_for(struct session *s, size_t from, const char *text, int ms)
{
	double	t0 = now_ms();

	while (now_ms() - t0 < ms) {
		if (s->len > from && memmem(s->out + from, s->len - from, text,
		    strlen(text)) != NULL)
			return (s->last);
		drain(s, 5);
	}
	return (-1);
}

/*
 * Send a key; the time from writing it to the last byte of the answer
 * (the output quiet for QUIET ms after it), and the bytes written.
 */
static double
key(struct session *s, const char *k, size_t *bytes)
{
	double	t0;
	size_t	before;

	drain(s, 10);
	before = s->len;
	t0 = now_ms();
	s->last = t0;
	if (write(s->fd, k, strlen(k)) != (ssize_t)strlen(k))
		die("write");
	while (drain(s, QUIET) > 0)
		/* nothing */;
	if (bytes != NULL)
		*bytes = s->len - before;
	return (s->last - t0);
}

/* The process's peak resident memory in kB (VmHWM). */
static long
peak_kb(pid_t pid)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 kb = -1;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	}
	fclose(f);
	return (kb);
}

/* Quit and reap. */
static void
stop(struct session *s)
{
	int	status;

	if (write(s->fd, "Q", 1) != 1) {
		/* it is gone already */
	}
	drain(s, 200);
	kill(s->pid, SIGTERM);
	waitpid(s->pid, &status, 0);
	close(s->fd);
	free(s->out);
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
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

/* One driver line. */
static void
report(const char *metric, double *v, int n, const char *unit,
    double target)
{
	double	med = median(v, n);

	if (target <= 0)
		printf("%s\t%.3f\t%s\t-\tinfo\tmin=%.3f;max=%.3f;runs=%d\n",
		    metric, med, unit, v[0], v[n - 1], n);
	else
		printf("%s\t%.3f\t%s\t<=%g\t%s\tmin=%.3f;max=%.3f;runs=%d\n",
		    metric, med, unit, target, med <= target ? "met" : "not-met",
		    v[0], v[n - 1], n);
	fflush(stdout);
}

/* Write a urls file listing the cache's feeds, in their order. */
static void
write_urls(const char *cache, const char *urls, long long *items)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	FILE		*f;

	if (sqlite3_open_v2(cache, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "bench-ui: cannot open %s\n", cache);
		exit(1);
	}
	if ((f = fopen(urls, "w")) == NULL)
		die(urls);
	sqlite3_prepare_v2(db, "SELECT url FROM feed ORDER BY position, id",
	    -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "%s\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_prepare_v2(db, "SELECT count(*) FROM item", -1, &st, NULL);
	*items = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) :
	    0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	fclose(f);
}

/* Run akhbar ARGS... to its end; its exit status. */
static int
run(const char *akhbar, char *const *args)
{
	pid_t	pid;
	int	status, fd;

	if ((pid = fork()) == -1)
		die("fork");
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		setenv("LC_ALL", "C.UTF-8", 1);
		execv(akhbar, args);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) == -1)
		die("waitpid");
	return (WIFEXITED(status) ? WEXITSTATUS(status) : 128);
}

/*
 * The 100 KB article: a feed of it reloaded into a cache of its own, then
 * opened from its list runs times, paged and ended in the article view.
 */
static int
article(const char *akhbar, int runs)
{
	struct session	 s;
	struct str	 html;
	char		 dir[] = "/tmp/bench-art.XXXXXX", feed[64], urls[64];
	char		 cache[64];
	char		*args[7];
	double		 open_ms[32], page_ms[32], end_ms[32], t;
	FILE		*f;
	int		 i, n = 0;

	if (mkdtemp(dir) == NULL)
		die("mkdtemp");
	snprintf(feed, sizeof feed, "%s/article.xml", dir);
	snprintf(urls, sizeof urls, "%s/urls", dir);
	snprintf(cache, sizeof cache, "%s/cache.db", dir);
	str_init(&html);
	bench_article(&html);
	if ((f = fopen(feed, "w")) == NULL)
		die(feed);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/"
	    "modules/content/\"><channel><title>Article</title>"
	    "<language>ar</language><item><title>article</title>"
	    "<guid>urn:bench:article</guid>"
	    "<link>https://news.example/article</link>"
	    "<content:encoded><![CDATA[%s]]></content:encoded></item>"
	    "</channel></rss>\n", str_cstr(&html));
	fclose(f);
	if ((f = fopen(urls, "w")) == NULL)
		die(urls);
	fprintf(f, "file://%s\n", feed);
	fclose(f);
	args[0] = (char *)akhbar;
	args[1] = "-u";
	args[2] = urls;
	args[3] = "-C";
	args[4] = cache;
	args[5] = "--reload";
	args[6] = NULL;
	if (run(akhbar, args) != 0) {
		fprintf(stderr, "bench-ui: the article's feed did not reload\n");
		return (1);
	}
	printf("# bench-ui: an article of %zu bytes of HTML\n", html.len);
	str_free(&html);

	start(&s, akhbar, urls, cache);
	if (wait_for(&s, 0, " unread", 10000) < 0) {
		fprintf(stderr, "bench-ui: no first screen\n");
		stop(&s);
		return (1);
	}
	drain(&s, 200);
	key(&s, "G", NULL);
	key(&s, "\r", NULL);
	/* A warm-up open first. */
	for (i = -1; i < runs; i++) {
		t = key(&s, "\r", NULL);
		if (i >= 0)
			open_ms[n++] = t;
		if (i < runs - 1)
			key(&s, "q", NULL);
	}
	/* Pages from the top, never at the end (where SPACE does nothing). */
	for (i = 0; i < runs; i++) {
		if (i % 4 == 0)
			key(&s, "g", NULL);
		page_ms[i] = key(&s, " ", NULL);
	}
	for (i = 0; i < runs; i++) {
		key(&s, "g", NULL);
		end_ms[i] = key(&s, "G", NULL);
	}
	key(&s, "q", NULL);
	stop(&s);
	report("ui_open_article_100kb", open_ms, n, "ms", 10);
	report("ui_page_article_100kb", page_ms, runs, "ms", 0);
	report("ui_end_article_100kb", end_ms, runs, "ms", 0);
	unlink(feed);
	unlink(urls);
	for (i = 0; i < 4; i++) {
		static const char *const suffix[] = { "", "-wal", "-shm",
		    ".lock" };
		char	path[80];

		snprintf(path, sizeof path, "%s%s", cache, suffix[i]);
		unlink(path);
	}
	rmdir(dir);
	return (0);
}

int
main(int argc, char **argv)
{
	struct session	 s;
	const char	*akhbar, *cache, *tag = NULL;
	char		 dir[] = "/tmp/bench-ui.XXXXXX", urls[64], name[96];
	double		 first[32], open_ms[1], end_ms[1], move_ms[8];
	double		 bytes_feeds[4], bytes_items[4], rss[1], v[1];
	double		 t0, t;
	long long	 items;
	size_t		 b;
	int		 c, runs = 5, row = 3, i, n = 0, only = 0;

	while ((c = getopt(argc, argv, "ar:t:f:")) != -1) {
		switch (c) {
		case 'a':
			only = 1;
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		case 't':
			tag = optarg;
			break;
		case 'f':
			row = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: bench-ui [-r runs] [-t tag] "
			    "[-f feed-row] akhbar cache\n"
			    "       bench-ui -a [-r runs] akhbar\n");
			return (2);
		}
	}
	if (runs < 1 || runs > 32)
		runs = 5;
	if (only && argc - optind == 1)
		return (article(argv[optind], runs));
	if (argc - optind != 2)
		return (2);
	akhbar = argv[optind];
	cache = argv[optind + 1];
	if (mkdtemp(dir) == NULL)
		die("mkdtemp");
	snprintf(urls, sizeof urls, "%s/urls", dir);
	write_urls(cache, urls, &items);
	if (tag == NULL)
		tag = items >= 1000000 ? "1m" : "100k";
	printf("# bench-ui: %s, %lld items\n", cache, items);

	/* The first screen, a warm-up start first. */
	for (i = -1; i < runs; i++) {
		t0 = now_ms();
		start(&s, akhbar, urls, cache);
		t = wait_for(&s, 0, " unread", 10000);
		if (t < 0) {
			fprintf(stderr, "bench-ui: no first screen\n");
			stop(&s);
			return (1);
		}
		if (i >= 0)
			first[n++] = t - t0;
		stop(&s);
	}
	snprintf(name, sizeof name, "ui_first_screen_%s", tag);
	report(name, first, n, "ms", items >= 1000000 ? 60 : 50);

	/* Browsing, in one session. */
	start(&s, akhbar, urls, cache);
	wait_for(&s, 0, " unread", 10000);
	drain(&s, 200);
	for (i = 0; i < 4; i++) {
		move_ms[i] = key(&s, "j", &b);
		bytes_feeds[i] = (double)b;
	}
	key(&s, "g", NULL);
	for (i = 1; i < row; i++)
		key(&s, "j", NULL);
	open_ms[0] = key(&s, "\r", NULL);
	end_ms[0] = key(&s, "G", NULL);
	for (i = 0; i < 4; i++) {
		move_ms[4 + i] = key(&s, "k", &b);
		bytes_items[i] = (double)b;
	}
	key(&s, "g", NULL);
	for (i = 0; i < 20; i++)
		key(&s, " ", NULL);
	for (i = 0; i < 5; i++) {
		key(&s, "\r", NULL);
		key(&s, " ", NULL);
		key(&s, "J", NULL);
		key(&s, "q", NULL);
	}
	key(&s, "G", NULL);
	key(&s, "q", NULL);
	rss[0] = peak_kb(s.pid) / 1024.0;
	stop(&s);

	snprintf(name, sizeof name, "ui_open_feed_row%d_%s", row, tag);
	report(name, open_ms, 1, "ms", items >= 1000000 ? 10 : 0);
	snprintf(name, sizeof name, "ui_end_in_feed_row%d_%s", row, tag);
	report(name, end_ms, 1, "ms", items >= 1000000 ? 10 : 0);
	snprintf(name, sizeof name, "ui_one_row_move_%s", tag);
	report(name, move_ms, 8, "ms", 0);
	snprintf(name, sizeof name, "ui_bytes_one_row_move_feed_list_%s", tag);
	report(name, bytes_feeds, 4, "bytes", 0);
	snprintf(name, sizeof name, "ui_bytes_one_row_move_article_list_%s",
	    tag);
	report(name, bytes_items, 4, "bytes", 0);
	snprintf(name, sizeof name, "ui_peak_rss_browsing_%s", tag);
	report(name, rss, 1, "MB", 15);
	v[0] = (double)items;
	(void)v;
	unlink(urls);
	rmdir(dir);
	/* The article once, with the smaller cache's run. */
	if (items < 1000000)
		return (article(akhbar, runs));
	return (0);
}
