/*
 * The option table: every option akhbar has, once. Like tmux's
 * options-table.c, it is data: the parser checks values against it,
 * --dump-config prints it, tests/conf-man.c writes the OPTIONS section
 * of doc/akhbar.conf.5 from it (a test fails when the page is behind),
 * and the getters of conf.c index it by enum conf_option. Names
 * follow newsboat's where the option means the same.
 */
#include "config.h"

#include "conf.h"

#include <string.h>

#include "i18n.h"

static const char *const conf_bidi_choices[] = {
	"auto", "app", "terminal", "off", NULL
};

/* Sections of the man page, in its order. */
#define SEC_DISPLAY	"display"
#define SEC_RELOAD	"reload"
#define SEC_NETWORK	"network"
#define SEC_CACHE	"cache"
#define SEC_SYNC	"sync"

static const char *const conf_source_choices[] = {
	"local", "ttrss", NULL
};

#define B(name, def)	(name), CONF_BOOL, (def), 0, 1, NULL, NULL
#define I(name, def, lo, hi, unit) \
			(name), CONF_INT, (def), (lo), (hi), NULL, (unit)
#define S(name, def)	(name), CONF_STRING, (def), 0, 0, NULL, NULL

static const struct conf_def conf_defs[CONF_COUNT] = {
	[CONF_BIDI] = { "bidi", CONF_CHOICE, "auto", 0, 0,
	    conf_bidi_choices, NULL,
	    N_("Who puts right-to-left text in order: app (akhbar lays it "
	    "out and switches a terminal's own BiDi off where it can), "
	    "terminal (the terminal does; akhbar sends logical order), off "
	    "(nobody: logical order, for debugging) or auto (app, unless "
	    "the terminal is known to do BiDi itself)."), NULL,
	    SEC_DISPLAY },
	[CONF_ARABIC_SHAPING] = { B("arabic-shaping", "yes"),
	    N_("Join Arabic letters with their presentation forms (for "
	    "terminals that do not shape; turn off where the terminal "
	    "shapes)."), NULL, SEC_DISPLAY },
	[CONF_ARABIC_LIGATURES] = { B("arabic-ligatures", "yes"),
	    N_("Show lam followed by alef as the lam-alef ligature."), NULL,
	    SEC_DISPLAY },
	[CONF_COLORS] = { B("colors", "yes"),
	    N_("Use colours (NO_COLOR in the environment turns them off "
	    "too)."), NULL, SEC_DISPLAY },
	[CONF_MOUSE] = { B("mouse", "yes"),
	    N_("Take the mouse: the wheel scrolls, a click selects, a double "
	    "click opens. Hold Shift to select text in the terminal."), NULL,
	    SEC_DISPLAY },
	[CONF_CONFIRM_QUIT] = { B("confirm-quit", "no"),
	    N_("Ask before quitting the interface."), NULL, SEC_DISPLAY },
	[CONF_DATETIME_FORMAT] = { S("datetime-format", ""),
	    /* xgettext:no-c-format */
	    N_("The strftime(3) format of dates in article lists and in "
	    "--search's output, in the user's locale (%b is the month's "
	    "name in the interface's language)."),
	    /* xgettext:no-c-format */
	    N_("the interface language's own format (%b %d in English) and "
	    "%Y-%m-%d %H:%M for --search"), SEC_DISPLAY },
	[CONF_BROWSER] = { S("browser", ""),
	    /* xgettext:no-c-format */
	    N_("The command that opens links; %u in it (newsboat's way) or "
	    "%s is the link, one argument however it is spelt, else the "
	    "link is added at the end. It is run without a shell."),
	    N_("$BROWSER, else xdg-open"), SEC_DISPLAY },
	[CONF_AUTO_RELOAD] = { B("auto-reload", "yes"),
	    N_("Reload the feeds every reload-time minutes while the "
	    "interface runs."), NULL, SEC_RELOAD },
	[CONF_RELOAD_TIME] = { I("reload-time", "60", 1, 525600,
	    N_("minutes")),
	    N_("Minutes between automatic reloads (a feed's own reload= in "
	    "the urls file counts for it)."), NULL, SEC_RELOAD },
	[CONF_REFRESH_ON_STARTUP] = { B("refresh-on-startup", "no"),
	    N_("Reload every feed when the interface starts; without it, "
	    "only when the last reload is older than reload-time."), NULL,
	    SEC_RELOAD },
	[CONF_RELOAD_THREADS] = { I("reload-threads", "32", 1, 256,
	    N_("transfers")),
	    N_("How many feeds are fetched at once."), NULL, SEC_RELOAD },
	[CONF_HOST_CONNECTIONS] = { I("host-connections", "6", 1, 64,
	    N_("connections")),
	    N_("How many connections akhbar opens to one host at once."),
	    NULL, SEC_NETWORK },
	[CONF_CONNECT_TIMEOUT] = { I("connect-timeout", "20", 1, 3600,
	    N_("seconds")),
	    N_("Seconds to wait for a server to accept a connection."), NULL,
	    SEC_NETWORK },
	[CONF_STALL_TIMEOUT] = { I("stall-timeout", "30", 1, 3600,
	    N_("seconds")),
	    N_("Give up on a transfer that sends almost nothing (under 16 "
	    "bytes a second) for this many seconds."), NULL, SEC_NETWORK },
	[CONF_DOWNLOAD_TIMEOUT] = { I("download-timeout", "600", 0, 86400,
	    N_("seconds")),
	    N_("Seconds one feed's whole transfer may take; 0: no limit."),
	    NULL, SEC_NETWORK },
	[CONF_EXEC_TIMEOUT] = { I("exec-timeout", "60", 1, 86400,
	    N_("seconds")),
	    N_("Seconds an exec: feed's command may run."), NULL,
	    SEC_NETWORK },
	[CONF_MAX_FEED_SIZE] = { I("max-feed-size", "50", 1, 1024,
	    N_("megabytes")),
	    N_("The largest feed akhbar reads, after decompression; a larger "
	    "one fails as too large."), NULL, SEC_NETWORK },
	[CONF_MAX_REDIRECTS] = { I("max-redirects", "10", 0, 50,
	    N_("redirects")),
	    N_("How many redirects a fetch follows."), NULL, SEC_NETWORK },
	[CONF_USER_AGENT] = { S("user-agent", ""),
	    N_("The User-Agent header sent with every request."),
	    N_("akhbar/VERSION (terminal news reader) libcurl/VERSION"),
	    SEC_NETWORK },
	[CONF_PROXY] = { S("proxy", ""),
	    N_("The proxy for every request, as curl takes it "
	    "(http://host:port, socks5h://host:port)."),
	    N_("$http_proxy, $https_proxy and $no_proxy"), SEC_NETWORK },
	[CONF_KEEP_ARTICLES_DAYS] = { I("keep-articles-days", "0", 0,
	    36500, N_("days")),
	    N_("At each reload, remove read articles older than this many "
	    "days; unread and starred articles are always kept. 0: keep "
	    "all."), NULL, SEC_CACHE },
	[CONF_MAX_ITEMS] = { I("max-items", "0", 0, 1000000,
	    N_("articles")),
	    N_("At each reload, keep at most this many articles of a feed, "
	    "removing the oldest read ones; unread and starred articles are "
	    "always kept. 0: no limit. A feed's keep= in the urls file "
	    "counts for it."), NULL, SEC_CACHE },
	[CONF_FULL_ARTICLE] = { B("full-article", "no"),
	    N_("The default of the urls file's full-article=: fetch each "
	    "new article's web page after its feed and keep its whole text "
	    "for reading offline (f in the article view shows it)."), NULL,
	    SEC_CACHE },
	[CONF_URLS_SOURCE] = { "urls-source", CONF_CHOICE, "local", 0, 0,
	    conf_source_choices, NULL,
	    N_("Where the feeds come from: local (the urls file) or ttrss (a "
	    "Tiny Tiny RSS server: its feeds, categories as tags, articles "
	    "and read and starred states, kept in step both ways; the urls "
	    "file's feeds are read beside them)."), NULL, SEC_SYNC },
	[CONF_TTRSS_URL] = { S("ttrss-url", ""),
	    N_("The Tiny Tiny RSS server's address (where its web interface "
	    "is; api/ is added)."), NULL, SEC_SYNC },
	[CONF_TTRSS_LOGIN] = { S("ttrss-login", ""),
	    N_("The account on the Tiny Tiny RSS server (its API access "
	    "must be turned on in its preferences)."), NULL, SEC_SYNC },
	[CONF_TTRSS_PASSWORD] = { S("ttrss-password", ""),
	    N_("The account's password; ttrss-passwordfile or "
	    "ttrss-passwordeval keep it out of this file."), NULL,
	    SEC_SYNC },
	[CONF_TTRSS_PASSWORDFILE] = { S("ttrss-passwordfile", ""),
	    N_("A file whose first line is the password."), NULL, SEC_SYNC },
	[CONF_TTRSS_PASSWORDEVAL] = { S("ttrss-passwordeval", ""),
	    N_("A command whose first line of output is the password (pass "
	    "show ttrss, gpg -dq file.gpg). It is run without a shell, once "
	    "a session, and never written to the log."), NULL, SEC_SYNC },
};

/* newsboat's names of akhbar's options. */
static const struct {
	const char		*name;
	enum conf_option	 option;
} conf_aliases[] = {
	{ "confirm-exit", CONF_CONFIRM_QUIT },
	{ "keep-articles", CONF_KEEP_ARTICLES_DAYS },
};

/* Named keys, besides one character and ^X (the interface maps them). */
static const char *const conf_keys[] = {
	"ENTER", "SPACE", "TAB", "ESC", "BACKSPACE", "DELETE", "INSERT",
	"UP", "DOWN", "LEFT", "RIGHT", "PGUP", "PGDN", "HOME", "END",
	"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11",
	"F12",
};

/* Colours in curses' order (0-7), then color0 ... color255. */
static const char *const conf_colors[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* Attributes in CONF_ATTR_* bit order. */
static const char *const conf_attrs[] = {
	"bold", "dim", "underline", "reverse", "standout", "blink", "italic",
	"invis",
};

/* The whole table, in enum conf_option's order. */
const struct conf_def *
conf_table(size_t *n)
{
	*n = CONF_COUNT;
	return (conf_defs);
}

/* One option's definition. */
const struct conf_def *
conf_def(enum conf_option o)
{
	return (&conf_defs[o]);
}

/* The option named so, also by newsboat's name for it; -1 when none. */
int
conf_find(const char *name)
{
	size_t	i;

	for (i = 0; i < CONF_COUNT; i++) {
		if (strcmp(conf_defs[i].name, name) == 0)
			return ((int)i);
	}
	for (i = 0; i < sizeof conf_aliases / sizeof conf_aliases[0];
	    i++) {
		if (strcmp(conf_aliases[i].name, name) == 0)
			return ((int)conf_aliases[i].option);
	}
	return (-1);
}

/* The named keys a bind line takes (upper case, as normalised). */
const char *const *
conf_key_names(size_t *n)
{
	*n = sizeof conf_keys / sizeof conf_keys[0];
	return (conf_keys);
}

/* The eight colour names, in curses' order. */
const char *const *
conf_color_names(size_t *n)
{
	*n = sizeof conf_colors / sizeof conf_colors[0];
	return (conf_colors);
}

/* The attribute names, in CONF_ATTR_* bit order. */
const char *const *
conf_attr_names(size_t *n)
{
	*n = sizeof conf_attrs / sizeof conf_attrs[0];
	return (conf_attrs);
}
