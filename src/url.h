/* URL references resolved against a base, with libcurl's URL API (no network). */
#ifndef AKHBAR_URL_H
#define AKHBAR_URL_H

char	*url_resolve(const char *, const char *);

#endif
