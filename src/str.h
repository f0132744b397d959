/* Growable byte strings and string vectors. */
#ifndef AKHBAR_STR_H
#define AKHBAR_STR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct str {
	char	*ptr;		/* always NUL-terminated once allocated */
	size_t	 len;		/* bytes used, without the NUL */
	size_t	 cap;		/* bytes allocated */
};

struct strv {
	char	**v;		/* owned strings */
	size_t	  n;
};

void	 str_init(struct str *);
void	 str_free(struct str *);
void	 str_clear(struct str *);
void	 str_reserve(struct str *, size_t);
void	 str_append(struct str *, const char *, size_t);
void	 str_appends(struct str *, const char *);
void	 str_appendc(struct str *, char);
void	 str_printf(struct str *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*str_steal(struct str *);
const char *str_cstr(const struct str *);

void	 strv_add(struct strv *, const char *);
void	 strv_add_owned(struct strv *, char *);
bool	 strv_contains(const struct strv *, const char *);
void	 strv_free(struct strv *);

bool	 str_has_prefix_ci(const char *, const char *);
char	*str_trim(char *);

#endif
