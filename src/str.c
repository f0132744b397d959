/*
 * Growable byte strings (struct str) and vectors of owned strings
 * (struct strv), the two containers every other module builds on.
 */
#include "config.h"

#include "str.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"

/* Initialise an empty string. */
void
str_init(struct str *s)
{
	s->ptr = NULL;
	s->len = s->cap = 0;
}

/* Free a string's storage and leave it empty. */
void
str_free(struct str *s)
{
	free(s->ptr);
	str_init(s);
}

/* Empty a string, keeping its storage. */
void
str_clear(struct str *s)
{
	s->len = 0;
	if (s->ptr != NULL)
		s->ptr[0] = '\0';
}

/* Make room for at least n more bytes plus the terminator. */
void
str_reserve(struct str *s, size_t n)
{
	size_t	need, cap;

	need = s->len + n + 1;
	if (need <= s->cap)
		return;
	cap = s->cap ? s->cap : 64;
	while (cap < need)
		cap *= 2;
	s->ptr = xrealloc(s->ptr, cap);
	s->cap = cap;
}

/* Append n bytes. */
void
str_append(struct str *s, const char *p, size_t n)
{
	str_reserve(s, n);
	if (n != 0)
		memcpy(s->ptr + s->len, p, n);
	s->len += n;
	s->ptr[s->len] = '\0';
}

/* Append a NUL-terminated string. */
void
str_appends(struct str *s, const char *p)
{
	str_append(s, p, strlen(p));
}

/* Append one byte. */
void
str_appendc(struct str *s, char c)
{
	str_append(s, &c, 1);
}

/* Append formatted text. */
void
str_printf(struct str *s, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	str_reserve(s, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(s->ptr + s->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->len += (size_t)n;
}

/* Take ownership of the string's buffer (never NULL) and leave it empty. */
char *
str_steal(struct str *s)
{
	char	*p;

	p = s->ptr != NULL ? s->ptr : xstrdup("");
	str_init(s);
	return (p);
}

/* The string's contents, "" when nothing was ever appended. */
const char *
str_cstr(const struct str *s)
{
	return (s->ptr != NULL ? s->ptr : "");
}

/* Append a copy of a string to a vector. */
void
strv_add(struct strv *v, const char *p)
{
	strv_add_owned(v, xstrdup(p));
}

/* Append a string to a vector, which takes ownership. */
void
strv_add_owned(struct strv *v, char *p)
{
	v->v = xreallocarray(v->v, v->n + 1, sizeof *v->v);
	v->v[v->n++] = p;
}

/* Whether a vector holds a string equal to p. */
bool
strv_contains(const struct strv *v, const char *p)
{
	size_t	i;

	for (i = 0; i < v->n; i++) {
		if (strcmp(v->v[i], p) == 0)
			return (true);
	}
	return (false);
}

/* Free a vector and its strings. */
void
strv_free(struct strv *v)
{
	size_t	i;

	for (i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = 0;
}

/* Whether s starts with prefix, ignoring ASCII case. */
bool
str_has_prefix_ci(const char *s, const char *prefix)
{
	return (strncasecmp(s, prefix, strlen(prefix)) == 0);
}

/* Strip ASCII white space from both ends in place; returns s. */
char *
str_trim(char *s)
{
	char	*start, *end;

	start = s;
	while (*start != '\0' && isspace((unsigned char)*start))
		start++;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	memmove(s, start, (size_t)(end - start));
	s[end - start] = '\0';
	return (s);
}
