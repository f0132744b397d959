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

/*
 * The translation of one phrase (no detail). The fixed phrases are marked
 * with N_() where fetch.c and poller.c make them, so the catalogue has
 * them; one it lacks comes back as it is.
 */
static char *
reason_phrase(const char *s, size_t len)
{
	char	*p, *out = NULL;
	int	 n, end = -1;

	p = xstrndup(s, len);
	if (sscanf(p, "HTTP %d%n", &n, &end) == 1 && (size_t)end == len) {
		/* TRANSLATORS: a feed's server answered with this HTTP status. */
		xasprintf(&out, _("HTTP %d"), n);
	} else if (sscanf(p, "command failed (exit %d)%n", &n, &end) == 1 &&
	    (size_t)end == len) {
		/* TRANSLATORS: an exec: feed's command exited with this status. */
		xasprintf(&out, _("command failed (exit %d)"), n);
	} else if (sscanf(p, "command killed (signal %d)%n", &n, &end) == 1 &&
	    (size_t)end == len) {
		xasprintf(&out, _("command killed (signal %d)"), n);
	} else
		out = xstrdup(*p != '\0' ? _(p) : p);	/* _("") is the header */
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
	head = reason_phrase(reason, len);
	if (colon == NULL)
		return (head);
	xasprintf(&out, "%s: %s", head, colon + 2);
	free(head);
	return (out);
}
