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
	REASON_COUNT
};

char	*reason_translate(const char *);

#endif
