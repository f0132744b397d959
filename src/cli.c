/*
 * The command line. Options are parsed with getopt_long into struct
 * cli_opts; then exactly one action runs. Headless actions use the same
 * parser, cache and poller code as the interface, with no curses:
 * --reload runs the interface's session (session.c) with a signal stage of
 * its own. Every message goes through report() (escaped, "akhbar: ..."),
 * every failure's words through reason_text().
 */
#include "config.h"

#include "cli.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli-json.h"
#include "cli-render.h"
#include "db.h"
#include "i18n.h"
#include "log.h"
#include "parse.h"
#include "path.h"
#include "poller.h"
#include "reason.h"
#include "report.h"
#include "sanitize.h"
#include "session.h"
#include "str.h"
#include "sync.h"
#include "ui.h"
#include "url.h"
#include "urls.h"
#include "xmalloc.h"

enum cli_action {
	CLI_NONE = 0,
	CLI_HELP,
	CLI_PARSE,
	CLI_SEARCH,
	CLI_UNREAD_COUNT,
	CLI_RELOAD,
	CLI_RENDER,
	CLI_VERSION,
	CLI_DEMO
};

struct cli_opts {
	enum cli_action	 action;
	const char	*arg;		/* the action's argument */
	char		*urls;		/* urls file */
	char		*cache;		/* cache file */
	int		 force;		/* --force */
	int		 width;		/* --width, 0 none */
};

enum {
	OPT_FIRST_LONG = 0x100,
	OPT_DEMO,
	OPT_RELOAD,
	OPT_RENDER,
	OPT_SEARCH,
	OPT_UNREAD_COUNT,
	OPT_WIDTH
};

static const struct option cli_longopts[] = {
	{ "cache",	required_argument,	NULL, 'C' },
	{ "demo",	no_argument,		NULL, OPT_DEMO },
	{ "force",	no_argument,		NULL, 'f' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "log",	required_argument,	NULL, 'l' },
	{ "parse",	required_argument,	NULL, 'P' },
	{ "reload",	no_argument,		NULL, OPT_RELOAD },
	{ "render",	required_argument,	NULL, OPT_RENDER },
	{ "search",	required_argument,	NULL, OPT_SEARCH },
	{ "unread-count", no_argument,		NULL, OPT_UNREAD_COUNT },
	{ "urls",	required_argument,	NULL, 'u' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "width",	required_argument,	NULL, OPT_WIDTH },
	{ NULL,		0,			NULL, 0 }
};

static void
cli_usage(FILE *f)
{
	fprintf(f, _("Usage: %s [OPTION]...\n"), PACKAGE);
	fputs(_("A terminal news reader that shows Arabic, Persian, Hebrew and Urdu right.\n"),
	    f);
	fputs("\n", f);
	fputs(_("Options:\n"), f);
	fputs(_("  -u, --urls FILE       read feed URLs from FILE\n"
		"                        (default $XDG_CONFIG_HOME/akhbar/urls)\n"), f);
	fputs(_("  -C, --cache FILE      use FILE as the cache\n"
		"                        (default $XDG_DATA_HOME/akhbar/cache.db)\n"), f);
	fputs(_("  -l, --log FILE        append a debug log to FILE\n"), f);
	fputs(_("      --demo            open the interface on offline demo feeds,\n"
		"                        in a throwaway cache\n"), f);
	fputs(_("  -P, --parse FILE      print what the feed parser reads from FILE\n"
		"                        (a path, file:// or http(s):// URL, or - for\n"
		"                        standard input) as JSON; problems go to\n"
		"                        standard error\n"), f);
	fputs(_("      --reload          fetch every feed into the cache and exit\n"
		"                        (status 1 if any feed failed)\n"), f);
	fputs(_("  -f, --force           with --reload: fetch every feed now, also\n"
		"                        those backing off after errors or that\n"
		"                        asked not to be fetched again so soon\n"), f);
	fputs(_("      --search QUERY    print the cached items matching QUERY,\n"
		"                        newest first: feed, date and title\n"), f);
	fputs(_("      --unread-count    print the number of unread items\n"), f);
	cli_render_usage(f);
	fputs(_("  -h, --help            show this help and exit\n"), f);
	fputs(_("  -V, --version         show the version and exit\n"), f);
	fputs("\n", f);
	fputs(_("With no action, akhbar opens the interactive interface on the\n"
		"cache (press ? in it for the keys; see man akhbar).\n"), f);
	fputs("\n", f);
	fprintf(f, _("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

/*
 * The path a --parse argument names, or NULL for an http(s) URL. A file:
 * URL is decoded by url.c (file:///tmp/a%20b.xml is "/tmp/a b.xml"); one
 * naming another host, or not parsing, stays as written and fails to open.
 */
static char *
cli_parse_path(const char *arg)
{
	char	*path;
	bool	 remote;

	if (str_has_prefix_ci(arg, "http://") ||
	    str_has_prefix_ci(arg, "https://"))
		return (NULL);
	if (!str_has_prefix_ci(arg, "file:"))
		return (xstrdup(arg));
	if (url_file_path(arg, &path, &remote) == 0)
		return (path);
	return (xstrdup(arg));
}

/* The items --parse has serialised so far. */
struct cli_parse_items {
	struct str	 json;
	size_t		 n;
};

/* Serialise each item as the parser hands it out, and free it. */
static void
cli_parse_item(struct item *it, void *arg)
{
	struct cli_parse_items	*ci = arg;

	if (ci->n++ > 0)
		str_append(&ci->json, ",\n", 2);
	cli_json_item(it, &ci->json);
	item_free(it);
}

/* akhbar --parse: print the parser's reading of a feed as JSON. */
static int
cli_parse(const char *arg)
{
	struct strv		 warnings = { NULL, 0 };
	struct cli_parse_items	 items;
	struct poller_opts	 po;
	struct str		 out;
	struct feed		*f;
	char			*path, *why, *cause = NULL;
	struct stat		 sb;
	size_t			 i;
	long			 code;
	int			 err, kind;

	str_init(&out);
	if ((path = cli_parse_path(arg)) == NULL) {
		/* An http(s) URL: fetched as the poller would. */
		poller_opts_default(&po);
		if ((f = poller_fetch_parse(arg, &po.fetch, &kind, &code,
		    &cause)) == NULL) {
			why = reason_text(kind, code, cause);
			report(REPORT_ERROR, "%s: %s", arg, why);
			free(why);
			free(cause);
			return (CLI_EXIT_FAIL);
		}
		cli_json_feed(f, &out);
	} else {
		/* A file: items are serialised as they are read. */
		err = 0;
		if (strcmp(path, "-") != 0) {
			if (access(path, R_OK) != 0)
				err = errno;
			else if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
				err = EISDIR;
		}
		if (err != 0) {
			report(REPORT_ERROR, _("cannot read %s: %s"), arg,
			    strerror(err));
			free(path);
			return (CLI_EXIT_FAIL);
		}
		str_init(&items.json);
		items.n = 0;
		f = parse_file_cb(path, cli_parse_item, &items, &warnings,
		    &cause);
		for (i = 0; i < warnings.n; i++)
			report(REPORT_WARNING, "%s: %s", arg, warnings.v[i]);
		strv_free(&warnings);
		free(path);
		if (f == NULL) {
			why = reason_text(REASON_NOT_FEED, 0, cause);
			report(REPORT_ERROR, "%s: %s", arg, why);
			free(why);
			free(cause);
			str_free(&items.json);
			return (CLI_EXIT_FAIL);
		}
		cli_json_feed_items(f, &items.json, items.n, &out);
		str_free(&items.json);
	}
	fwrite(str_cstr(&out), 1, out.len, stdout);
	str_free(&out);
	feed_free(f);
	return (CLI_EXIT_OK);
}

static void
cli_set_action(struct cli_opts *o, enum cli_action a, const char *arg)
{
	if (o->action != CLI_NONE && o->action != a) {
		report(REPORT_ERROR, _("only one action may be given"));
		exit(CLI_EXIT_USAGE);
	}
	o->action = a;
	o->arg = arg;
}

/* Open the cache read-only; NULL with a message when it cannot be read. */
static struct db *
cli_open_cache(const char *path)
{
	struct db	*db;
	char		*cause = NULL;

	db = db_open(path, DB_READONLY, &cause);
	if (db == NULL) {
		report(REPORT_ERROR, _("cannot read the cache: %s"), cause);
		free(cause);
	}
	return (db);
}

static const struct sync_conf *cli_sync_conf(void);

/* Add a sync source's feeds (as last synced) to urls; -1 when there is none. */
static int
cli_sync_subscribed(struct db *db, struct strv *urls)
{
	const struct sync_conf	*sc;
	const struct db_sub	*v;
	struct sync		*sy;
	char			*cause = NULL;
	size_t			 n, i;
	int			 rc = -1;

	if ((sc = cli_sync_conf()) == NULL)
		return (-1);
	if ((sy = sync_new(sc, NULL, &cause)) != NULL &&
	    sync_cached_subs(sy, db, &v, &n, &cause) == 0) {
		for (i = 0; i < n; i++)
			strv_add(urls, v[i].url);
		rc = 0;
	}
	free(cause);
	sync_free(sy);
	return (rc);
}

/*
 * The cache's feeds that the urls file lists, or -1 when it cannot be read
 * (then every feed of the cache counts). A feed taken out of the urls file
 * keeps its items in the cache but no longer counts.
 */
static int
cli_subscribed(struct db *db, const char *urls_path,
    struct db_feed_state **st, size_t *n)
{
	struct urls_list	 subs = { NULL, 0 };
	struct urls_problems	 warnings = { NULL, 0 };
	struct urls_problem	 error;
	struct strv		 urls = { NULL, 0 };
	char			*cause = NULL;
	size_t			 i;
	int			 rc;

	rc = urls_load(urls_path, &subs, &warnings, &error);
	urls_problems_free(&warnings);
	for (i = 0; i < subs.n; i++)
		strv_add(&urls, subs.v[i].url);
	urls_list_free(&subs);
	/* A sync source's feeds count too; its urls file may not exist. */
	if (cli_sync_subscribed(db, &urls) == 0 && rc != 0 &&
	    error.kind == REASON_NO_URLS_FILE)
		rc = 0;
	urls_problem_clear(&error);
	if (rc == 0)
		rc = db_feed_states(db, &urls, st, n, &cause);
	free(cause);
	strv_free(&urls);
	return (rc);
}

/* Print the number of unread items; a cache not made yet has none. */
static int
cli_unread_count(const char *path, const char *urls_path)
{
	struct stat		 sb;
	struct db		*db;
	struct db_feed_state	*st;
	char			*cause = NULL;
	int64_t			 n;
	size_t			 nst, i;

	/* An empty file is a cache not made yet, as --reload treats it. */
	if ((stat(path, &sb) != 0 && errno == ENOENT) ||
	    (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0)) {
		printf("0\n");
		return (CLI_EXIT_OK);
	}
	if ((db = cli_open_cache(path)) == NULL)
		return (CLI_EXIT_FAIL);
	if (cli_subscribed(db, urls_path, &st, &nst) == 0) {
		for (n = 0, i = 0; i < nst; i++)
			n += st[i].unread;
		db_feed_states_free(st, nst);
	} else if (db_item_count_unread(db, &n, &cause) != 0) {
		report(REPORT_ERROR, _("cannot read the cache: %s"), cause);
		free(cause);
		db_close(db);
		return (CLI_EXIT_FAIL);
	}
	printf("%lld\n", (long long)n);
	db_close(db);
	return (CLI_EXIT_OK);
}

/*
 * Print a field of a tab-separated line as sanitize_line makes it: white
 * space (tabs and newlines too) becomes one space, and no control
 * character reaches the terminal even from a cache written by something
 * other than this akhbar's sanitising parser.
 */
static void
cli_print_field(const char *s)
{
	char	*line;

	if (s == NULL)
		return;
	line = sanitize_line(s, strlen(s));
	fputs(line, stdout);
	free(line);
}

/* Print the items matching a query, newest first, as feed, date, title. */
static int
cli_search(const char *path, const char *urls_path, const char *query)
{
	struct db		*db;
	struct db_feed_state	*st = NULL;
	struct db_item_row	*rows;
	struct db_item_cursor	 cur = { 0, 0 };
	struct tm		 tm;
	time_t			 t;
	char			*cause = NULL, date[32];
	size_t			 n, i, j, total = 0, nst = 0;
	int64_t			 left = 0;
	enum db_page		 page = DB_PAGE_FIRST;
	int			 all;

	if (access(path, F_OK) != 0 && errno == ENOENT) {
		report(REPORT_ERROR, _("no cache yet at %s"), path);
		return (CLI_EXIT_FAIL);
	}
	if ((db = cli_open_cache(path)) == NULL)
		return (CLI_EXIT_FAIL);
	all = cli_subscribed(db, urls_path, &st, &nst) != 0;
	for (;;) {
		if (db_search_page(db, query, page, &cur, 200, &rows, &n,
		    &cause) != 0) {
			report(REPORT_ERROR, _("search failed: %s"), cause);
			free(cause);
			db_feed_states_free(st, nst);
			db_close(db);
			return (CLI_EXIT_FAIL);
		}
		if (n == 0)
			break;		/* rows is NULL */
		for (i = 0; i < n; i++) {
			for (j = 0; !all && j < nst; j++) {
				if (st[j].id == rows[i].feed_id)
					break;
			}
			if (!all && j == nst)
				continue;	/* not in the urls file */
			t = (time_t)rows[i].date;
			if (localtime_r(&t, &tm) == NULL ||
			    strftime(date, sizeof date, "%Y-%m-%d %H:%M",
			    &tm) == 0)
				strcpy(date, "?");
			cli_print_field(rows[i].feed_title);
			printf("\t%s\t", date);
			cli_print_field(rows[i].title);
			putchar('\n');
			total++;
		}
		db_item_row_cursor(&rows[n - 1], &cur);
		db_item_rows_free(rows, n);
		page = DB_PAGE_NEXT;
	}
	db_feed_states_free(st, nst);
	if (total == 0)
		report(REPORT_INFO, _("nothing matches %s"), query);
	if (db_search_index_pending(db, 0, &left, NULL) == 0 && left > 0) {
		report(REPORT_INFO, P_("%lld item is not indexed for search "
		    "yet", "%lld items are not indexed for search yet", left),
		    (long long)left);
	}
	db_close(db);
	return (CLI_EXIT_OK);
}

static volatile sig_atomic_t cli_interrupted;

static void
cli_sigint(int sig)
{
	(void)sig;
	cli_interrupted++;
}

static void
cli_human_bytes(char *buf, size_t size, int64_t n)
{
	if (n >= 1024 * 1024)
		snprintf(buf, size, "%.1f MB", (double)n / (1024 * 1024));
	else
		snprintf(buf, size, "%.0f kB", (double)n / 1024);
}

/*
 * Draw the progress bar on the terminal (stderr). The bar and the summary
 * that replaces it are --reload's drawing on a terminal, not messages.
 */
static void
cli_progress_bar(const struct poller_event *ev)
{
	char	bar[31], bytes[32];
	int	i, fill;

	fill = ev->total > 0 ? ev->done * 30 / ev->total : 30;
	for (i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	cli_human_bytes(bytes, sizeof bytes, ev->bytes);
	fprintf(stderr, "\r\033[K[%s] ", bar);
	/* TRANSLATORS: progress: feeds done / feeds in all. */
	fprintf(stderr, P_("%d/%d feed", "%d/%d feeds", ev->total), ev->done,
	    ev->total);
	fprintf(stderr, "  %s", bytes);
	if (ev->failed > 0)
		fprintf(stderr, _("  %d failed"), ev->failed);
	fflush(stderr);
}

/* The summary line that replaces the progress bar at the end. */
static void
cli_progress_summary(const struct poller_event *last)
{
	fputs("\r\033[K", stderr);
	/* TRANSLATORS: the next four messages are printed one after
	   another as one line, e.g. "3 feeds reloaded, 12 new items,
	   1 failed, 2 not due yet". */
	fprintf(stderr, P_("%d feed reloaded, ", "%d feeds reloaded, ",
	    last->done), last->done);
	fprintf(stderr, P_("%d new item", "%d new items", last->new_items),
	    last->new_items);
	if (last->failed > 0)
		fprintf(stderr, _(", %d failed"), last->failed);
	if (last->skipped > 0)
		fprintf(stderr, P_(", %d not due yet", ", %d not due yet",
		    last->skipped), last->skipped);
	fputs("\n", stderr);
}

/* What --reload's signal stage keeps to restore. */
struct cli_reload_signals {
	struct sigaction	 old_int;
	struct sigaction	 old_term;
};

/*
 * --reload's own stage: SIGINT and SIGTERM come to this thread (the
 * poller's blocks them) and cancel the reload; what finished is kept.
 */
static int
cli_signals_start(struct session *s, void *arg, char **cause)
{
	struct cli_reload_signals	*rs = arg;
	struct sigaction		 sa;

	(void)s;
	(void)cause;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cli_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, &rs->old_int);
	sigaction(SIGTERM, &sa, &rs->old_term);
	return (0);
}

static void
cli_signals_stop(struct session *s, void *arg)
{
	struct cli_reload_signals	*rs = arg;

	(void)s;
	sigaction(SIGINT, &rs->old_int, NULL);
	sigaction(SIGTERM, &rs->old_term, NULL);
}

static const struct session_stage cli_reload_stages[] = {
	{ "signals", cli_signals_start, cli_signals_stop },
};

/* Tell one event of the reload: failures, moves, errors; the bar on a terminal. */
static void
cli_reload_event(const struct poller_event *ev, int tty)
{
	char	*why;

	switch (ev->type) {
	case POLLER_EV_FEED_FAILED:
		if (tty)
			fputs("\r\033[K", stderr);
		why = reason_text(ev->reason, ev->code, ev->text);
		report(REPORT_ERROR, "%s: %s", ev->url, why);
		free(why);
		break;
	case POLLER_EV_FEED_MOVED:
		if (tty)
			fputs("\r\033[K", stderr);
		report(REPORT_INFO, _("%s: moved permanently to %s; the cache "
		    "follows, update the urls file"), ev->url, ev->text);
		break;
	case POLLER_EV_ERROR:
		why = reason_text(ev->reason, ev->code, ev->text);
		report(REPORT_ERROR, "%s", why);
		free(why);
		return;
	case POLLER_EV_INDEXED:
		return;
	}
	if (!tty)
		return;
	cli_progress_bar(ev);
	if (ev->type == POLLER_EV_FINISHED && !ev->cancelled) {
		fputs(_("  indexing for search..."), stderr);
		fflush(stderr);
	}
}

/*
 * The sync source's settings (urls-source, ttrss-url, ttrss-login,
 * ttrss-password, ttrss-passwordfile, ttrss-passwordeval), filled in this
 * one place: until the configuration file's option table has them, from
 * the environment (AKHBAR_URLS_SOURCE, AKHBAR_TTRSS_URL, ...). NULL for
 * the urls file alone; exits with a message when they cannot work.
 */
static const struct sync_conf *
cli_sync_conf(void)
{
	static struct sync_conf	 sc;
	const char		*src;

	src = getenv("AKHBAR_URLS_SOURCE");
	if (src == NULL || *src == '\0' || strcmp(src, "local") == 0)
		return (NULL);
	if (strcmp(src, "ttrss") != 0) {
		report(REPORT_ERROR, _("urls-source: unknown source '%s' "
		    "(local or ttrss)"), src);
		exit(CLI_EXIT_USAGE);
	}
	memset(&sc, 0, sizeof sc);
	sc.kind = SYNC_TTRSS;
	sc.url = getenv("AKHBAR_TTRSS_URL");
	sc.login = getenv("AKHBAR_TTRSS_LOGIN");
	sc.password = getenv("AKHBAR_TTRSS_PASSWORD");
	sc.passwordfile = getenv("AKHBAR_TTRSS_PASSWORDFILE");
	sc.passwordeval = getenv("AKHBAR_TTRSS_PASSWORDEVAL");
	if (sc.url == NULL || *sc.url == '\0' || sc.login == NULL ||
	    *sc.login == '\0') {
		report(REPORT_ERROR, _("urls-source ttrss needs ttrss-url and "
		    "ttrss-login"));
		exit(CLI_EXIT_USAGE);
	}
	return (&sc);
}

/*
 * akhbar --reload: fetch every due feed of the urls file into the cache,
 * with a progress bar on a terminal and one line per failure otherwise.
 */
static int
cli_reload(struct cli_opts *o)
{
	struct session_opts		 so;
	struct session			 s;
	struct cli_reload_signals	 rs;
	struct poller_event		 ev, last;
	struct pollfd			 pfd;
	char				*cause = NULL;
	size_t				 i;
	int				 tty, failed = 0, cancelled = 0;
	int				 error = 0, n, cancel_sent = 0;

	memset(&so, 0, sizeof so);
	so.urls_path = o->urls;
	so.cache_path = o->cache;
	so.force = o->force != 0;
	so.once = true;
	so.reload_on_start = true;
	so.sync = cli_sync_conf();
	if (session_start(&s, &so, cli_reload_stages,
	    sizeof cli_reload_stages / sizeof cli_reload_stages[0], &rs,
	    &cause) != 0) {
		for (i = 0; i < s.warnings.n; i++)
			report(REPORT_WARNING, "%s", s.warnings.v[i]);
		report(REPORT_ERROR, "%s", cause);
		free(cause);
		session_stop(&s);
		return (CLI_EXIT_USAGE);
	}
	for (i = 0; i < s.warnings.n; i++)
		report(REPORT_WARNING, "%s", s.warnings.v[i]);

	tty = isatty(STDERR_FILENO);
	memset(&last, 0, sizeof last);
	pfd.fd = poller_fd(s.poller);
	pfd.events = POLLIN;
	for (;;) {
		/* Every Ctrl-C is passed on: one may come before a reload. */
		if (cli_interrupted != cancel_sent) {
			poller_cancel(s.poller);
			cancel_sent = cli_interrupted;
		}
		if (poll(&pfd, 1, 250) == -1 && errno != EINTR)
			break;
		while ((n = poller_read_event(s.poller, &ev)) == 1) {
			cli_reload_event(&ev, tty);
			if (ev.type == POLLER_EV_ERROR)
				error = 1;
			else if (ev.type == POLLER_EV_FINISHED) {
				failed = ev.failed;
				cancelled = ev.cancelled;
			}
			if (ev.type == POLLER_EV_FINISHED || (tty &&
			    ev.type != POLLER_EV_INDEXED &&
			    ev.type != POLLER_EV_ERROR))
				last = ev;
		}
		if (n == -1)
			break;
	}
	session_stop(&s);
	if (tty)
		cli_progress_summary(&last);
	if (cancelled || cli_interrupted) {
		report(REPORT_ERROR, _("reload interrupted; what finished is "
		    "stored"));
		return (CLI_EXIT_FAIL);
	}
	if (error)
		return (CLI_EXIT_USAGE);
	return (failed > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK);
}

/* No action (or --demo): the interactive interface. */
static int
cli_interface(const struct cli_opts *o)
{
	struct ui_opts	 uo;
	const char	*env;

	ui_opts_default(&uo);
	/* A stand-in for the configuration's reload-interval (tests, bench). */
	if ((env = getenv("AKHBAR_RELOAD_INTERVAL")) != NULL && *env != '\0')
		uo.reload_interval = strtol(env, NULL, 10);
	uo.urls_path = o->urls;
	uo.cache_path = o->cache;
	uo.demo = o->action == CLI_DEMO;
	if (!uo.demo)
		uo.sync = cli_sync_conf();
	return (ui_main(&uo));
}

/* Parse the command line and run the chosen action; returns the exit code. */
int
cli_main(int argc, char **argv)
{
	struct cli_opts	 o;
	char		*cause = NULL;
	int		 c, rc;

	memset(&o, 0, sizeof o);
	while ((c = getopt_long(argc, argv, "C:fhl:P:u:V", cli_longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'C':
			free(o.cache);
			o.cache = xstrdup(optarg);
			break;
		case 'f':
			o.force = 1;
			break;
		case 'h':
			cli_set_action(&o, CLI_HELP, NULL);
			break;
		case 'l':
			if (log_open(optarg, &cause) != 0) {
				report(REPORT_ERROR, _("cannot open log: %s"),
				    cause);
				free(cause);
				rc = CLI_EXIT_USAGE;
				goto out;
			}
			break;
		case 'P':
			cli_set_action(&o, CLI_PARSE, optarg);
			break;
		case OPT_RELOAD:
			cli_set_action(&o, CLI_RELOAD, NULL);
			break;
		case OPT_DEMO:
			cli_set_action(&o, CLI_DEMO, NULL);
			break;
		case 'u':
			free(o.urls);
			o.urls = xstrdup(optarg);
			break;
		case 'V':
			cli_set_action(&o, CLI_VERSION, NULL);
			break;
		case OPT_SEARCH:
			cli_set_action(&o, CLI_SEARCH, optarg);
			break;
		case OPT_UNREAD_COUNT:
			cli_set_action(&o, CLI_UNREAD_COUNT, NULL);
			break;
		case OPT_RENDER:
			cli_set_action(&o, CLI_RENDER, optarg);
			break;
		case OPT_WIDTH:
			if ((o.width = cli_render_width(optarg)) < 0) {
				report(REPORT_ERROR, _("--width wants a number "
				    "of columns, not '%s'"), optarg);
				rc = CLI_EXIT_USAGE;
				goto out;
			}
			break;
		default:
			report(REPORT_INFO, _("Try '%s --help' for more "
			    "information.\n"), PACKAGE);
			rc = CLI_EXIT_USAGE;
			goto out;
		}
	}
	if (optind < argc) {
		report(REPORT_ERROR, _("unexpected argument '%s'"),
		    argv[optind]);
		report(REPORT_INFO, _("Try '%s --help' for more "
		    "information.\n"), PACKAGE);
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	/*
	 * SQLite reads "" as a temporary database and ":memory:" or a
	 * "file:" URI as something other than the file: a reload into one of
	 * them would report success and store nothing.
	 */
	if ((o.urls != NULL && *o.urls == '\0') ||
	    (o.cache != NULL && *o.cache == '\0')) {
		report(REPORT_ERROR, _("an empty file name for --urls or "
		    "--cache"));
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (o.cache != NULL && (strcmp(o.cache, ":memory:") == 0 ||
	    str_has_prefix_ci(o.cache, "file:"))) {
		xasprintf(&cause, "./%s", o.cache);
		free(o.cache);
		o.cache = cause;
		cause = NULL;
	}
	if (o.force && o.action != CLI_RELOAD) {
		report(REPORT_ERROR, _("--force goes with --reload"));
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (o.width != 0 && o.action != CLI_RENDER) {
		report(REPORT_ERROR, _("--width goes with --render"));
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (o.urls == NULL)
		o.urls = path_default_urls();
	if (o.cache == NULL)
		o.cache = path_default_cache();

	switch (o.action) {
	case CLI_HELP:
		cli_usage(stdout);
		rc = CLI_EXIT_OK;
		break;
	case CLI_PARSE:
		rc = cli_parse(o.arg);
		break;
	case CLI_VERSION:
		printf("%s %s\n", PACKAGE, VERSION);
		rc = CLI_EXIT_OK;
		break;
	case CLI_SEARCH:
		rc = cli_search(o.cache, o.urls, o.arg);
		break;
	case CLI_UNREAD_COUNT:
		rc = cli_unread_count(o.cache, o.urls);
		break;
	case CLI_RELOAD:
		rc = cli_reload(&o);
		break;
	case CLI_RENDER:
		rc = cli_render(o.cache, o.arg, o.width);
		break;
	default:
		rc = cli_interface(&o);
		break;
	}
	/* -u and -C may come before a usage error: free them on every path. */
out:
	free(o.urls);
	free(o.cache);
	log_close();
	return (rc);
}
