/* URL references resolved against a base, with libcurl's URL API (no network). */
#ifndef AKHBAR_URL_H
#define AKHBAR_URL_H

#include <stdbool.h>
#include <stddef.h>

struct url_base;

char		*url_resolve(const char *, const char *);
bool		 url_is_absolute(const char *, size_t);
struct url_base	*url_base_new(const char *);
bool		 url_base_is(const struct url_base *, const char *);
char		*url_base_resolve(const struct url_base *, const char *);
void		 url_base_free(struct url_base *);
int		 url_file_path(const char *, char **, bool *);
char		*url_resolve_ref(const char *, size_t, void *);

#endif
