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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli-article.h"
#include "cli-cache.h"
#include "cli-conf.h"
#include "cli-json.h"
#include "cli-newsboat.h"
#include "cli-opml.h"
#include "cli-render.h"
#include "conf.h"
#include "db.h"
#include "fetch.h"
#include "i18n.h"
#include "log.h"
#include "parse.h"
#include "path.h"
#include "poller.h"
#include "reason.h"
#include "report.h"
#include "sanitize.h"
#include "session.h"
#include "session-conf.h"
#include "str.h"
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
	CLI_FETCH_ARTICLE,
	CLI_ARTICLE,
	CLI_VERSION,
	CLI_DEMO,
	CLI_DUMP_CONFIG,
	CLI_IMPORT_OPML,
	CLI_EXPORT_OPML,
	CLI_IMPORT_NEWSBOAT,
	CLI_MARK_ALL_READ,
	CLI_VACUUM
};

struct cli_opts {
	enum cli_action	 action;
	const char	*arg;		/* the action's argument */
	char		*urls;		/* urls file */
	char		*cache;		/* cache file */
	char		*config;	/* configuration file, NULL: the default */
	int		 force;		/* --force */
	int		 json;		/* --json */
	struct conf	 conf;		/* the configuration read */
	struct fetch_opts fetch;	/* the fetch settings it makes */
	int		 width;		/* --width, 0 none */
};

enum {
	OPT_FIRST_LONG = 0x100,
	OPT_ARTICLE,
	OPT_DEMO,
	OPT_DUMP_CONFIG,
	OPT_EXPORT_OPML,
	OPT_FETCH_ARTICLE,
	OPT_IMPORT_NEWSBOAT,
	OPT_IMPORT_OPML,
	OPT_JSON,
	OPT_MARK_ALL_READ,
	OPT_RELOAD,
	OPT_RENDER,
	OPT_SEARCH,
	OPT_UNREAD_COUNT,
	OPT_VACUUM,
	OPT_WIDTH
};

static const struct option cli_longopts[] = {
	{ "article",	required_argument,	NULL, OPT_ARTICLE },
	{ "cache",	required_argument,	NULL, 'C' },
	{ "config",	required_argument,	NULL, 'c' },
	{ "demo",	no_argument,		NULL, OPT_DEMO },
	{ "dump-config", no_argument,		NULL, OPT_DUMP_CONFIG },
	{ "export-opml", no_argument,		NULL, OPT_EXPORT_OPML },
	{ "fetch-article", required_argument,	NULL, OPT_FETCH_ARTICLE },
	{ "force",	no_argument,		NULL, 'f' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "import-newsboat", optional_argument,	NULL, OPT_IMPORT_NEWSBOAT },
	{ "import-opml", required_argument,	NULL, OPT_IMPORT_OPML },
	{ "json",	no_argument,		NULL, OPT_JSON },
	{ "log",	required_argument,	NULL, 'l' },
	{ "mark-all-read", optional_argument,	NULL, OPT_MARK_ALL_READ },
	{ "parse",	required_argument,	NULL, 'P' },
	{ "reload",	no_argument,		NULL, OPT_RELOAD },
	{ "render",	required_argument,	NULL, OPT_RENDER },
	{ "search",	required_argument,	NULL, OPT_SEARCH },
	{ "unread-count", no_argument,		NULL, OPT_UNREAD_COUNT },
	{ "urls",	required_argument,	NULL, 'u' },
	{ "vacuum",	no_argument,		NULL, OPT_VACUUM },
	{ "version",	no_argument,		NULL, 'V' },
	{ "width",	required_argument,	NULL, OPT_WIDTH },
	{ NULL,		0,			NULL, 0 }
};

static void
cli_usage(FILE *f)
{
	fprintf(f, _("Usage: %s [OPTION]... [ACTION]\n"), PACKAGE);
	fputs(_("A terminal news reader that shows Arabic, Persian, Hebrew and Urdu right.\n"),
	    f);
	fputs("\n", f);
	fputs(_("Files:\n"), f);
	fputs(_("  -c, --config FILE     read the configuration from FILE\n"
		"                        (default $XDG_CONFIG_HOME/akhbar/config)\n"), f);
	fputs(_("  -u, --urls FILE       read feed URLs from FILE\n"
		"                        (default $XDG_CONFIG_HOME/akhbar/urls)\n"), f);
	fputs(_("  -C, --cache FILE      use FILE as the cache\n"
		"                        (default $XDG_DATA_HOME/akhbar/cache.db)\n"), f);
	fputs(_("  -l, --log FILE        append a debug log to FILE\n"), f);
	fputs("\n", f);
	fputs(_("Actions (one at most; with none, the interface):\n"), f);
	fputs(_("      --demo            open the interface on offline demo feeds,\n"
		"                        in a throwaway cache\n"), f);
	fputs(_("      --reload          fetch every feed into the cache and exit\n"
		"                        (status 1 if any feed failed)\n"), f);
	fputs(_("  -f, --force           with --reload: fetch every feed now, also\n"
		"                        those backing off after errors or that\n"
		"                        asked not to be fetched again so soon\n"), f);
	fputs(_("      --unread-count    print the number of unread items\n"), f);
	fputs(_("      --search QUERY    print the cached items matching QUERY,\n"
		"                        newest first: feed, date and title\n"), f);
	fputs(_("      --json            with --unread-count or --search: print\n"
		"                        JSON (--unread-count: each feed's count too)\n"), f);
	fputs(_("      --mark-all-read [FEED]\n"
		"                        mark every item read, or those of FEED\n"
		"                        (its URL or title)\n"), f);
	fputs(_("      --import-opml FILE\n"
		"                        add the feeds of an OPML file to the urls\n"
		"                        file (folders become tags)\n"), f);
	fputs(_("      --export-opml     print the urls file's feeds as OPML\n"), f);
	fputs(_("      --import-newsboat [DIR]\n"
		"                        import newsboat's feeds and read and\n"
		"                        starred states (default ~/.newsboat or\n"
		"                        its XDG directories)\n"), f);
	fputs(_("      --vacuum          compact the cache\n"), f);
	fputs(_("      --dump-config     print the configuration as akhbar reads it\n"), f);
	cli_render_usage(f);
	fputs(_("  -P, --parse FILE      print what the feed parser reads from FILE\n"
		"                        (a path, file:// or http(s):// URL, or - for\n"
		"                        standard input) as JSON; problems go to\n"
		"                        standard error\n"), f);
	cli_article_usage(f);
	fputs(_("  -h, --help            show this help and exit\n"), f);
	fputs(_("  -V, --version         show the version and exit\n"), f);
	fputs("\n", f);
	fputs(_("With no action, akhbar opens the interactive interface on the\n"
		"cache (press ? in it for the keys; see man akhbar).\n"), f);
	fputs("\n", f);
	fputs(_("Exit status: 0 done, 1 the action failed (a feed, the cache, a\n"
		"file), 2 a usage error or a broken configuration.\n"), f);
	fputs(_("See akhbar(1) and akhbar.conf(5).\n"), f);
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
cli_parse(const char *arg, const struct fetch_opts *fo)
{
	struct strv		 warnings = { NULL, 0 };
	struct cli_parse_items	 items;
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
		if ((f = poller_fetch_parse(arg, fo, &kind, &code,
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
	session_conf_opts(&o->conf, &so, &o->fetch);
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

/* No action (or --demo): the interactive interface, as the configuration sets it. */
static int
cli_interface(const struct cli_opts *o)
{
	struct ui_opts	 uo;
	const char	*env;

	ui_opts_default(&uo);
	cli_conf_ui(&o->conf, &uo);
	/* A stand-in for reload-time in seconds (tests, bench). */
	if ((env = getenv("AKHBAR_RELOAD_INTERVAL")) != NULL && *env != '\0')
		uo.reload_interval = strtol(env, NULL, 10);
	uo.urls_path = o->urls;
	uo.cache_path = o->cache;
	uo.demo = o->action == CLI_DEMO;
	return (ui_main(&uo));
}

/* The actions that read the configuration (not --help, --version). */
static int
cli_needs_conf(enum cli_action a)
{
	return (a != CLI_HELP && a != CLI_VERSION);
}

/* Run the chosen action; returns the exit code. */
static int
cli_run(struct cli_opts *o)
{
	switch (o->action) {
	case CLI_HELP:
		cli_usage(stdout);
		return (CLI_EXIT_OK);
	case CLI_VERSION:
		printf("%s %s\n", PACKAGE, VERSION);
		return (CLI_EXIT_OK);
	case CLI_PARSE:
		return (cli_parse(o->arg, &o->fetch));
	case CLI_SEARCH:
		return (cli_cache_search(o->cache, o->urls, o->arg,
		    cli_conf_date_format(&o->conf), o->json));
	case CLI_UNREAD_COUNT:
		return (cli_cache_unread_count(o->cache, o->urls, o->json));
	case CLI_RELOAD:
		return (cli_reload(o));
	case CLI_DUMP_CONFIG:
		return (cli_conf_dump(&o->conf));
	case CLI_MARK_ALL_READ:
		return (cli_cache_mark_read(o->cache, o->arg));
	case CLI_VACUUM:
		return (cli_cache_vacuum(o->cache));
	case CLI_IMPORT_OPML:
		return (cli_opml_import(o->urls, o->arg));
	case CLI_EXPORT_OPML:
		return (cli_opml_export(o->urls));
	case CLI_IMPORT_NEWSBOAT:
		return (cli_newsboat_import(o->arg, o->urls, o->cache));
	case CLI_RENDER:
		return (cli_render(o->cache, o->arg, o->width));
	case CLI_FETCH_ARTICLE:
		return (cli_fetch_article(o->cache, o->arg));
	case CLI_ARTICLE:
		return (cli_article(o->cache, o->arg));
	case CLI_DEMO:
	default:
		return (cli_interface(o));
	}
}

/* A usage error: the message, then where to read more. */
static int __attribute__((format(printf, 1, 2)))
cli_usage_error(const char *fmt, ...)
{
	va_list	ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		report_v(REPORT_ERROR, fmt, ap);
		va_end(ap);
	}
	report(REPORT_INFO, _("Try '%s --help' for more information."),
	    PACKAGE);
	return (CLI_EXIT_USAGE);
}

/* Parse the command line and run the chosen action; returns the exit code. */
int
cli_main(int argc, char **argv)
{
	struct cli_opts	 o;
	char		*cause = NULL;
	int		 c, rc;

	memset(&o, 0, sizeof o);
	conf_init(&o.conf);
	while ((c = getopt_long(argc, argv, "C:c:fhl:P:u:V", cli_longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'C':
			free(o.cache);
			o.cache = xstrdup(optarg);
			break;
		case 'c':
			free(o.config);
			o.config = xstrdup(optarg);
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
		case OPT_DUMP_CONFIG:
			cli_set_action(&o, CLI_DUMP_CONFIG, NULL);
			break;
		case OPT_EXPORT_OPML:
			cli_set_action(&o, CLI_EXPORT_OPML, NULL);
			break;
		case OPT_IMPORT_OPML:
			cli_set_action(&o, CLI_IMPORT_OPML, optarg);
			break;
		case OPT_IMPORT_NEWSBOAT:
			cli_set_action(&o, CLI_IMPORT_NEWSBOAT, optarg);
			break;
		case OPT_MARK_ALL_READ:
			cli_set_action(&o, CLI_MARK_ALL_READ, optarg);
			break;
		case OPT_VACUUM:
			cli_set_action(&o, CLI_VACUUM, NULL);
			break;
		case OPT_JSON:
			o.json = 1;
			break;
		case OPT_RENDER:
			cli_set_action(&o, CLI_RENDER, optarg);
			break;
		case OPT_FETCH_ARTICLE:
			cli_set_action(&o, CLI_FETCH_ARTICLE, optarg);
			break;
		case OPT_ARTICLE:
			cli_set_action(&o, CLI_ARTICLE, optarg);
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
			rc = cli_usage_error(NULL);
			goto out;
		}
	}
	/* The optional argument of --import-newsboat and --mark-all-read. */
	if ((o.action == CLI_IMPORT_NEWSBOAT || o.action == CLI_MARK_ALL_READ) &&
	    o.arg == NULL && optind < argc)
		o.arg = argv[optind++];
	if (optind < argc) {
		rc = cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
		goto out;
	}
	/*
	 * SQLite reads "" as a temporary database and ":memory:" or a
	 * "file:" URI as something other than the file: a reload into one of
	 * them would report success and store nothing.
	 */
	if ((o.urls != NULL && *o.urls == '\0') ||
	    (o.cache != NULL && *o.cache == '\0') ||
	    (o.config != NULL && *o.config == '\0')) {
		report(REPORT_ERROR, _("an empty file name for --urls, --cache "
		    "or --config"));
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
	if (o.json && o.action != CLI_UNREAD_COUNT && o.action != CLI_SEARCH) {
		report(REPORT_ERROR, _("--json goes with --unread-count or "
		    "--search"));
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
	if (cli_needs_conf(o.action)) {
		conf_free(&o.conf);
		if ((rc = cli_conf_load(o.config, &o.conf)) != CLI_EXIT_OK)
			goto out;
	}
	session_conf_fetch(&o.conf, &o.fetch);
	rc = cli_run(&o);
	/* -u, -C and -c may come before a usage error: free them on every path. */
out:
	free(o.urls);
	free(o.cache);
	free(o.config);
	conf_free(&o.conf);
	log_close();
	return (rc);
}
