/*
 * The command line. Options are parsed with getopt_long into struct
 * cli_opts; then exactly one action runs. Headless actions use the same
 * parser, cache and poller code as the interface, with no curses:
 * --reload (cli-reload.c) runs the interface's session (session.c) with a
 * signal stage of its own. Every message goes through report() (escaped,
 * "akhbar: ..."; getopt's own are kept quiet), every failure's words
 * through reason_text().
 */
#include "config.h"

#include "cli.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-article.h"
#include "cli-cache.h"
#include "cli-conf.h"
#include "cli-newsboat.h"
#include "cli-opml.h"
#include "cli-parse.h"
#include "cli-reload.h"
#include "cli-render.h"
#include "conf.h"
#include "fetch.h"
#include "i18n.h"
#include "log.h"
#include "path.h"
#include "reason.h"
#include "report.h"
#include "session-conf.h"
#include "str.h"
#include "ui.h"
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
	CLI_MARK_READ,
	CLI_MARK_UNREAD,
	CLI_STAR,
	CLI_UNSTAR,
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
	int		 quiet;		/* --quiet */
	long		 limit;		/* --limit, 0 none */
	int		 sort;		/* --sort: 0 none, 1 date, 2 rank */
	const char	*const *ids;	/* --mark-read ID... and the like */
	size_t		 nids;
	bool		 urls_given;	/* -u: the file must be there */
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
	OPT_LIMIT,
	OPT_MARK_ALL_READ,
	OPT_MARK_READ,
	OPT_MARK_UNREAD,
	OPT_RELOAD,
	OPT_RENDER,
	OPT_SEARCH,
	OPT_SORT,
	OPT_STAR,
	OPT_UNREAD_COUNT,
	OPT_UNSTAR,
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
	{ "limit",	required_argument,	NULL, OPT_LIMIT },
	{ "log",	required_argument,	NULL, 'l' },
	{ "mark-all-read", optional_argument,	NULL, OPT_MARK_ALL_READ },
	{ "mark-read",	required_argument,	NULL, OPT_MARK_READ },
	{ "mark-unread", required_argument,	NULL, OPT_MARK_UNREAD },
	{ "parse",	required_argument,	NULL, 'P' },
	{ "quiet",	no_argument,		NULL, 'q' },
	{ "reload",	no_argument,		NULL, OPT_RELOAD },
	{ "render",	required_argument,	NULL, OPT_RENDER },
	{ "search",	required_argument,	NULL, OPT_SEARCH },
	{ "sort",	required_argument,	NULL, OPT_SORT },
	{ "star",	required_argument,	NULL, OPT_STAR },
	{ "unread-count", no_argument,		NULL, OPT_UNREAD_COUNT },
	{ "unstar",	required_argument,	NULL, OPT_UNSTAR },
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
	fputs(_("  -q, --quiet           print errors only: no warnings, notes,\n"
		"                        feeds backing off or progress bar\n"), f);
	fputs(_("      --unread-count    print the number of unread items\n"), f);
	fputs(_("      --search QUERY    print the cached items matching QUERY,\n"
		"                        newest first: id, feed, date, title and\n"
		"                        link (words, \"phrases\", word*, AND, OR,\n"
		"                        NOT or -word, parentheses)\n"), f);
	fputs(_("      --limit N         with --search: the first N items only\n"), f);
	fputs(_("      --sort date|rank  with --search: newest first (date, the\n"
		"                        default) or best match first (rank)\n"), f);
	fputs(_("      --json            with --unread-count or --search: print\n"
		"                        JSON (--unread-count: each feed's count too)\n"), f);
	fputs(_("      --mark-all-read [FEED]\n"
		"                        mark every item read, or those of FEED\n"
		"                        (its URL or title)\n"), f);
	fputs(_("      --mark-read ID... mark items read (ids as --search prints\n"
		"                        them)\n"), f);
	fputs(_("      --mark-unread ID...\n"
		"                        mark items unread\n"), f);
	fputs(_("      --star ID..., --unstar ID...\n"
		"                        star items, or unstar them\n"), f);
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
	struct cli_reload_opts	ro;

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
		    cli_conf_date_format(&o->conf), o->json, o->limit,
		    o->sort == 2));
	case CLI_UNREAD_COUNT:
		return (cli_cache_unread_count(o->cache, o->urls, o->json));
	case CLI_RELOAD:
		memset(&ro, 0, sizeof ro);
		ro.urls = o->urls;
		ro.cache = o->cache;
		ro.force = o->force;
		ro.quiet = o->quiet;
		ro.conf = &o->conf;
		ro.fetch = &o->fetch;
		return (cli_reload(&ro));
	case CLI_DUMP_CONFIG:
		return (cli_conf_dump(&o->conf));
	case CLI_MARK_ALL_READ:
		return (cli_cache_mark_read(o->cache, o->arg));
	case CLI_MARK_READ:
		return (cli_cache_mark_items(o->cache, CLI_CACHE_READ, o->ids,
		    o->nids));
	case CLI_MARK_UNREAD:
		return (cli_cache_mark_items(o->cache, CLI_CACHE_UNREAD, o->ids,
		    o->nids));
	case CLI_STAR:
		return (cli_cache_mark_items(o->cache, CLI_CACHE_STAR, o->ids,
		    o->nids));
	case CLI_UNSTAR:
		return (cli_cache_mark_items(o->cache, CLI_CACHE_UNSTAR, o->ids,
		    o->nids));
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

/* A whole number from 1 (a --limit), or -1. */
static long
cli_number(const char *s)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 1)
		return (-1);
	return (n);
}

/* The option getopt stopped at, as typed ("-x", "--name"); caller frees. */
static void
cli_option_name(char **argv, char **out)
{
	const char	*a = argv[optind - 1];

	if (optopt != 0 && optopt < 0x100)
		xasprintf(out, "-%c", optopt);
	else if (optopt != 0 || a == NULL || strncmp(a, "--", 2) != 0)
		xasprintf(out, "%s", a != NULL ? a : "?");
	else
		*out = xstrndup(a, strcspn(a, "="));
}

/* Whether a --name getopt refused begins more than one long option. */
static bool
cli_ambiguous(const char *name)
{
	const struct option	*lo;
	size_t			 len;
	int			 n = 0;

	if (strncmp(name, "--", 2) != 0)
		return (false);
	name += 2;
	len = strlen(name);
	for (lo = cli_longopts; lo->name != NULL; lo++) {
		if (len > 0 && strncmp(lo->name, name, len) == 0)
			n++;
	}
	return (n > 1);
}

/* Whether every item id is a number; says which one is not. */
static int
cli_ids_check(const char *const *ids, size_t n)
{
	char		*end;
	size_t		 i;
	long long	 v;

	for (i = 0; i < n; i++) {
		errno = 0;
		v = strtoll(ids[i], &end, 10);
		if (errno != 0 || end == ids[i] || *end != '\0' || v < 1) {
			report(REPORT_ERROR, _("not an item id: '%s' (the "
			    "first column of --search)"), ids[i]);
			return (-1);
		}
	}
	return (0);
}

/*
 * Whether the urls file -u names is missing, said: an error for every
 * action (a typo is not an empty list of feeds), but the imports, which
 * make it, and --help and --version. The interface shows its first-run
 * screen, which names the file and offers to make it.
 */
static bool
cli_urls_missing(const struct cli_opts *o)
{
	struct stat	 sb;
	char		*why;

	if (o->action == CLI_HELP || o->action == CLI_VERSION ||
	    o->action == CLI_IMPORT_OPML || o->action == CLI_IMPORT_NEWSBOAT ||
	    o->action == CLI_NONE || o->action == CLI_DEMO)
		return (false);
	if (stat(o->urls, &sb) == 0 || errno != ENOENT)
		return (false);
	why = reason_text(REASON_NO_URLS_FILE, 0, NULL);
	report(REPORT_ERROR, "%s: %s", o->urls, why);
	free(why);
	return (true);
}

/* Parse the command line and run the chosen action; returns the exit code. */
int
cli_main(int argc, char **argv)
{
	struct cli_opts	 o;
	const char	**ids = NULL;
	char		*cause = NULL;
	int		 c, i, rc;

	memset(&o, 0, sizeof o);
	conf_init(&o.conf);
	opterr = 0;		/* its messages would not start with "akhbar:" */
	while ((c = getopt_long(argc, argv, ":C:c:fhl:P:qu:V", cli_longopts,
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
			o.urls_given = true;
			break;
		case 'q':
			o.quiet = 1;
			report_set_quiet(true);
			break;
		case OPT_LIMIT:
			if ((o.limit = cli_number(optarg)) <= 0) {
				rc = cli_usage_error(_("--limit wants a number "
				    "of items, not '%s'"), optarg);
				goto out;
			}
			break;
		case OPT_SORT:
			if (strcmp(optarg, "date") == 0)
				o.sort = 1;
			else if (strcmp(optarg, "rank") == 0)
				o.sort = 2;
			else {
				rc = cli_usage_error(_("--sort wants date or "
				    "rank, not '%s'"), optarg);
				goto out;
			}
			break;
		case OPT_MARK_READ:
			cli_set_action(&o, CLI_MARK_READ, optarg);
			break;
		case OPT_MARK_UNREAD:
			cli_set_action(&o, CLI_MARK_UNREAD, optarg);
			break;
		case OPT_STAR:
			cli_set_action(&o, CLI_STAR, optarg);
			break;
		case OPT_UNSTAR:
			cli_set_action(&o, CLI_UNSTAR, optarg);
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
		case ':':
			cli_option_name(argv, &cause);
			rc = cli_usage_error(_("%s needs an argument"), cause);
			free(cause);
			goto out;
		default:
			cli_option_name(argv, &cause);
			if (cli_ambiguous(cause))
				rc = cli_usage_error(_("%s is short for more "
				    "than one option"), cause);
			else
				rc = cli_usage_error(_("unknown option %s"),
				    cause);
			free(cause);
			goto out;
		}
	}
	/* The optional argument of --import-newsboat and --mark-all-read. */
	if ((o.action == CLI_IMPORT_NEWSBOAT || o.action == CLI_MARK_ALL_READ) &&
	    o.arg == NULL && optind < argc)
		o.arg = argv[optind++];
	/* --mark-read ID... and the like: the ids after the first. */
	if (o.action == CLI_MARK_READ || o.action == CLI_MARK_UNREAD ||
	    o.action == CLI_STAR || o.action == CLI_UNSTAR) {
		ids = xreallocarray(NULL, (size_t)(argc - optind) + 1,
		    sizeof *ids);
		ids[0] = o.arg;
		for (i = optind; i < argc; i++)
			ids[i - optind + 1] = argv[i];
		o.ids = ids;
		o.nids = (size_t)(argc - optind) + 1;
		optind = argc;
		if (cli_ids_check(o.ids, o.nids) != 0) {
			rc = cli_usage_error(NULL);
			goto out;
		}
	}
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
	if (o.limit != 0 && o.action != CLI_SEARCH) {
		report(REPORT_ERROR, _("--limit goes with --search"));
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (o.sort != 0 && o.action != CLI_SEARCH) {
		report(REPORT_ERROR, _("--sort goes with --search"));
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (o.urls_given && cli_urls_missing(&o)) {
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
	free(ids);
	free(o.urls);
	free(o.cache);
	free(o.config);
	conf_free(&o.conf);
	log_close();
	return (rc);
}
