/*
 * Translating failure reasons. A reason is a short phrase, optionally
 * followed by ": " and a detail (a server's or a command's words, a parser
 * message), which stays as it is.
 */
#include "config.h"

#include "reason.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xmalloc.h"

/* Every fixed reason fetch.c, poller.c and parse.c give. */
static const char *const reason_fixed[] = {
	/* TRANSLATORS: a feed failed because its host name did not resolve. */
	N_("DNS"),
	N_("connection refused"),
	N_("cannot connect"),
	N_("timeout"),
	/* TRANSLATORS: a feed failed in the encrypted (TLS) connection. */
	N_("TLS"),
	N_("too many redirects"),
	N_("too large"),
	N_("connection reset"),
	N_("incomplete body"),
	N_("empty reply"),
	N_("bad compression"),
	N_("unsupported URL"),
	N_("bad URL"),
	N_("cannot read file"),
	/* TRANSLATORS: a file: feed names a directory, a pipe or a device. */
	N_("not a regular file"),
	N_("login denied"),
	N_("bad reply"),
	N_("not a feed"),
	N_("cache error"),
	N_("cancelled"),
	N_("failed"),
	N_("bad command"),
	N_("cannot run command"),
	N_("out of memory"),
};

/* The translation of one phrase (no detail), or NULL if it is not known. */
static char *
reason_phrase(const char *s, size_t len)
{
	char	*p, *out = NULL;
	size_t	 i;
	int	 n, end = -1;

	p = xstrndup(s, len);
	for (i = 0; i < sizeof reason_fixed / sizeof reason_fixed[0]; i++) {
		if (strcmp(p, reason_fixed[i]) == 0) {
			out = xstrdup(_(reason_fixed[i]));
			break;
		}
	}
	if (out == NULL && sscanf(p, "HTTP %d%n", &n, &end) == 1 &&
	    (size_t)end == len) {
		/* TRANSLATORS: a feed's server answered with this HTTP status. */
		xasprintf(&out, _("HTTP %d"), n);
	} else if (out == NULL &&
	    sscanf(p, "command failed (exit %d)%n", &n, &end) == 1 &&
	    (size_t)end == len) {
		/* TRANSLATORS: an exec: feed's command exited with this status. */
		xasprintf(&out, _("command failed (exit %d)"), n);
	} else if (out == NULL &&
	    sscanf(p, "command killed (signal %d)%n", &n, &end) == 1 &&
	    (size_t)end == len) {
		xasprintf(&out, _("command killed (signal %d)"), n);
	}
	free(p);
	return (out);
}

/* A reason in the user's language: known phrases translated, details kept. */
char *
reason_translate(const char *reason)
{
	const char	*colon;
	char		*head, *out;
	size_t		 len;

	if (reason == NULL || *reason == '\0')
		reason = "failed";
	colon = strstr(reason, ": ");
	len = colon != NULL ? (size_t)(colon - reason) : strlen(reason);
	if ((head = reason_phrase(reason, len)) == NULL)
		return (xstrdup(reason));
	if (colon == NULL)
		return (head);
	xasprintf(&out, "%s: %s", head, colon + 2);
	free(head);
	return (out);
}
