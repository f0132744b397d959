/*
 * The short failure reasons the lower layers give in English ("timeout",
 * "HTTP 404", "not a feed: ...") put into the user's language for display.
 * The cache stores them in English; only what is shown is translated.
 */
#ifndef AKHBAR_REASON_H
#define AKHBAR_REASON_H

char	*reason_translate(const char *);

#endif
