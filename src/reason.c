/*
 * The words for a failure. The lower layers say what went wrong as data
 * (enum reason_kind, a number, a detail of their own words); this is the
 * one place where that becomes a phrase in the user's language, called by
 * the edges (cli, the interface, the session they share) when they show
 * it. Details (a server's or a command's words, a parser's explanation)
 * stay as they are.
 */
#include "config.h"

#include "reason.h"

#include <stdlib.h>

#include "i18n.h"
#include "xmalloc.h"

/*
 * Each kind's phrase, marked for the catalogue. The ones with a number
 * (HTTP, a command's exit status and signal) are formatted in reason_text.
 */
static const char *const reason_phrases[REASON_COUNT] = {
	[REASON_NONE] = N_("no error"),
	[REASON_FAILED] = N_("failed"),
	/* TRANSLATORS: a feed failed: its host name did not resolve. */
	[REASON_DNS] = N_("DNS"),
	[REASON_REFUSED] = N_("connection refused"),
	[REASON_CONNECT] = N_("cannot connect"),
	[REASON_TIMEOUT] = N_("timeout"),
	/* TRANSLATORS: a feed failed in its encrypted (TLS) connection. */
	[REASON_TLS] = N_("TLS"),
	[REASON_REDIRECTS] = N_("too many redirects"),
	[REASON_TOO_LARGE] = N_("too large"),
	[REASON_RESET] = N_("connection reset"),
	[REASON_INCOMPLETE] = N_("incomplete body"),
	[REASON_EMPTY] = N_("empty reply"),
	[REASON_COMPRESSION] = N_("bad compression"),
	[REASON_UNSUPPORTED_URL] = N_("unsupported URL"),
	[REASON_BAD_URL] = N_("bad URL"),
	[REASON_FILE] = N_("cannot read file"),
	/* TRANSLATORS: a file: feed names a directory, a pipe, a device. */
	[REASON_NOT_REGULAR] = N_("not a regular file"),
	[REASON_LOGIN] = N_("login denied"),
	[REASON_BAD_REPLY] = N_("bad reply"),
	[REASON_MEMORY] = N_("out of memory"),
	[REASON_START] = N_("cannot start"),
	[REASON_BAD_COMMAND] = N_("bad command"),
	[REASON_RUN_COMMAND] = N_("cannot run command"),
	[REASON_COMMAND_EXIT] = N_("command failed"),
	[REASON_COMMAND_SIGNAL] = N_("command failed"),
	[REASON_CANCELLED] = N_("cancelled"),
	[REASON_HTTP] = N_("failed"),
	[REASON_NOT_FEED] = N_("not a feed"),
	[REASON_CACHE] = N_("cache error"),
	/* TRANSLATORS: a line of the urls file; the word follows. */
	[REASON_NOT_URL] = N_("not a feed URL"),
	/* TRANSLATORS: a line of the urls file lists a feed again. */
	[REASON_DUPLICATE] = N_("duplicate"),
	[REASON_NUL_BYTE] = N_("a NUL byte in the line"),
	[REASON_NO_QUOTE] = N_("no closing quote"),
	[REASON_NO_COMMAND] = N_("exec: without a command"),
	/* TRANSLATORS: newsboat's query: lines (virtual feeds). */
	[REASON_QUERY] = N_("a query: feed needs a name and an expression "
	    "(query:NAME:EXPRESSION)"),
	/* TRANSLATORS: a key=value word of the urls file, e.g. reload=abc. */
	[REASON_BAD_OPTION] = N_("bad option"),
	[REASON_NO_URLS_FILE] = N_("no such file; create it with one feed URL "
	    "per line (for example https://example.org/feed.xml) or name "
	    "another with --urls"),
	[REASON_NO_FEEDS] = N_("no feeds to read; add one URL per line (for "
	    "example https://example.org/feed.xml)"),
	[REASON_CACHE_OPEN] = N_("cannot open the cache"),
	/* TRANSLATORS: the filter expression of a query: feed. */
	[REASON_QUERY_SYNTAX] = N_("cannot read the query"),
	[REASON_QUERY_ATTRIBUTE] = N_("unknown attribute in the query (title, "
	    "content, author, feedtitle, feedurl, tags, unread, age)"),
	[REASON_QUERY_OPERATOR] = N_("an operator the attribute does not take "
	    "in the query"),
	[REASON_QUERY_VALUE] = N_("a value the attribute does not take in the "
	    "query"),
	[REASON_QUERY_REGEX] = N_("not a regular expression in the query"),
	[REASON_QUERY_DEPTH] = N_("parentheses nested too deep in the query"),
	/* TRANSLATORS: an item's link, fetched for its full article. */
	[REASON_NOT_HTML] = N_("not a web page"),
	[REASON_NO_ARTICLE] = N_("no article found on the page"),
	[REASON_PAYWALL] = N_("the article is for subscribers only"),
	/* TRANSLATORS: the page shows its text only by running JavaScript. */
	[REASON_SCRIPTED] = N_("the page is written by scripts"),
	[REASON_NO_LINK] = N_("the item has no link"),
	/* TRANSLATORS: a sync server (Tiny Tiny RSS) refused its API. */
	[REASON_API_DISABLED] = N_("the server's API is turned off for this "
	    "account (turn on API access in its preferences)"),
	[REASON_API_LEVEL] = N_("the server's API is too old"),
	[REASON_API] = N_("the server refused"),
	[REASON_NO_PASSWORD] = N_("no password (set ttrss-password, "
	    "ttrss-passwordfile or ttrss-passwordeval)"),
	[REASON_SEARCH_EMPTY] = N_("nothing to search for: the query has no "
	    "word"),
	[REASON_SEARCH_PAREN] = N_("a parenthesis without its pair in the "
	    "search"),
	/* TRANSLATORS: AND, OR and NOT are the search's operators, as typed. */
	[REASON_SEARCH_OPERATOR] = N_("AND, OR or NOT without a word on each "
	    "side in the search"),
	/* TRANSLATORS: NOT and - leave out the items with a word. */
	[REASON_SEARCH_NOT_ONLY] = N_("a search cannot only leave words out: "
	    "NOT and - need a word to keep beside them"),
};

/*
 * The words for the user (caller frees): the kind's phrase in the user's
 * language, with its number where it has one (HTTP 404, exit 3), then
 * ": " and the detail when there is one. An unknown kind is "failed".
 */
char *
reason_text(int kind, long code, const char *detail)
{
	const char	*phrase;
	char		*head, *out;

	if (kind < 0 || kind >= REASON_COUNT || reason_phrases[kind] == NULL)
		kind = REASON_FAILED;
	switch (kind) {
	case REASON_HTTP:
		/* TRANSLATORS: a feed's server answered with this HTTP status. */
		xasprintf(&head, _("HTTP %d"), (int)code);
		break;
	case REASON_COMMAND_EXIT:
		if (code < 0)
			goto plain;	/* no exit status to tell */
		/* TRANSLATORS: an exec: feed's command exited with this status. */
		xasprintf(&head, _("command failed (exit %d)"), (int)code);
		break;
	case REASON_COMMAND_SIGNAL:
		if (code <= 0)
			goto plain;
		xasprintf(&head, _("command killed (signal %d)"), (int)code);
		break;
	case REASON_QUERY_SYNTAX:
	case REASON_QUERY_ATTRIBUTE:
	case REASON_QUERY_OPERATOR:
	case REASON_QUERY_VALUE:
	case REASON_QUERY_REGEX:
	case REASON_QUERY_DEPTH:
	case REASON_SEARCH_PAREN:
	case REASON_SEARCH_OPERATOR:
	case REASON_SEARCH_NOT_ONLY:
		if (code <= 0)
			goto plain;
		/* TRANSLATORS: a problem of a query: feed and where it is. */
		xasprintf(&head, _("%s at column %d"), _(reason_phrases[kind]),
		    (int)code);
		break;
	case REASON_API_LEVEL:
		if (code <= 0)
			goto plain;
		/* TRANSLATORS: a sync server's API level, and the lowest akhbar reads. */
		xasprintf(&head, _("the server's API is too old (level %d; "
		    "akhbar needs level %d)"), (int)code, REASON_API_LEVEL_MIN);
		break;
	default:
	plain:
		phrase = reason_phrases[kind];
		head = xstrdup(_(phrase));
		break;
	}
	if (detail == NULL || *detail == '\0')
		return (head);
	xasprintf(&out, "%s: %s", head, detail);
	free(head);
	return (out);
}
