/*
 * Why something failed, as data: a kind made where the failure happens,
 * with a number (an HTTP status, an exit status, a signal) and a detail
 * (a server's or a command's words, a parser message) kept as they are.
 * The words for the user are made once, at the edge (cli, ui), in the
 * user's language. The cache stores the kind, the number and the detail.
 */
#ifndef AKHBAR_REASON_H
#define AKHBAR_REASON_H

/* What went wrong. The numbers are stored in the cache: only append. */
enum reason_kind {
	REASON_NONE = 0,	/* it worked */
	REASON_FAILED,		/* no better word */
	REASON_DNS,		/* the host name did not resolve */
	REASON_REFUSED,		/* connection refused */
	REASON_CONNECT,		/* cannot connect */
	REASON_TIMEOUT,
	REASON_TLS,
	REASON_REDIRECTS,	/* too many redirects */
	REASON_TOO_LARGE,
	REASON_RESET,		/* connection reset */
	REASON_INCOMPLETE,	/* incomplete body */
	REASON_EMPTY,		/* empty reply */
	REASON_COMPRESSION,	/* bad compression */
	REASON_UNSUPPORTED_URL,
	REASON_BAD_URL,
	REASON_FILE,		/* cannot read file */
	REASON_NOT_REGULAR,	/* not a regular file */
	REASON_LOGIN,		/* login denied */
	REASON_BAD_REPLY,
	REASON_MEMORY,		/* out of memory */
	REASON_START,		/* cannot start the transfer */
	REASON_BAD_COMMAND,	/* an exec: line that is not a command */
	REASON_RUN_COMMAND,	/* cannot run the command */
	REASON_COMMAND_EXIT,	/* the command failed: code is its exit status */
	REASON_COMMAND_SIGNAL,	/* the command was killed: code is the signal */
	REASON_CANCELLED,
	REASON_HTTP,		/* code is the HTTP status */
	REASON_NOT_FEED,	/* the body is not a feed: detail says why */
	REASON_CACHE,		/* the cache could not store it */
	/* The urls file's problems (never stored: warnings and its errors). */
	REASON_NOT_URL,		/* a line's first word is not a feed URL */
	REASON_DUPLICATE,	/* a feed listed twice */
	REASON_NUL_BYTE,	/* a NUL byte in the line */
	REASON_NO_QUOTE,	/* a quoted word without its closing quote */
	REASON_NO_COMMAND,	/* exec: without a command */
	REASON_QUERY,		/* a query: feed without a name or an expression */
	REASON_BAD_OPTION,	/* a key=value word akhbar cannot use */
	REASON_NO_URLS_FILE,	/* the urls file does not exist */
	REASON_NO_FEEDS,	/* the urls file lists no feed */
	REASON_CACHE_OPEN,	/* the cache cannot be opened */
	/* A query: feed's expression (code: its column; detail: the words). */
	REASON_QUERY_SYNTAX,	/* cannot be read there */
	REASON_QUERY_ATTRIBUTE,	/* not an attribute */
	REASON_QUERY_OPERATOR,	/* an operator the attribute does not take */
	REASON_QUERY_VALUE,	/* a value the attribute does not take */
	REASON_QUERY_REGEX,	/* not a regular expression */
	REASON_QUERY_DEPTH,	/* parentheses nested too deep */
	/* A full article (an item's web page) that gave none. */
	REASON_NOT_HTML,	/* the link is not a web page: detail, its type */
	REASON_NO_ARTICLE,	/* no part of the page is clearly the article */
	REASON_PAYWALL,		/* the article is for subscribers */
	REASON_SCRIPTED,	/* the page's text is written by scripts */
	REASON_NO_LINK,		/* the item has no link to fetch */
	/* A sync source's (an aggregator server's) own. */
	REASON_API_DISABLED,	/* the account may not use the server's API */
	REASON_API_LEVEL,	/* the server's API is too old: code is its level */
	REASON_API,		/* the server refused: detail is its words */
	REASON_NO_PASSWORD,	/* no password was configured or found */
	/* A search query (code: its column; never stored). */
	REASON_SEARCH_EMPTY,	/* nothing to search for */
	REASON_SEARCH_PAREN,	/* a parenthesis without its pair */
	REASON_SEARCH_OPERATOR,	/* AND, OR or NOT without its words */
	REASON_SEARCH_NOT_ONLY,	/* a part that only leaves words out */
	REASON_COUNT
};

/* The lowest API level of a Tiny Tiny RSS server that akhbar syncs with. */
#define REASON_API_LEVEL_MIN	8

/* The words for the user: the kind's phrase in the user's language, its number, the detail. */
char	*reason_text(int, long, const char *);

#endif
