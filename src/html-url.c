/*
 * The links an article may offer the browser: the attribute's value as a
 * browser reads it (blanks around it trimmed, tabs and line ends in it
 * dropped, spaces escaped), relative ones made absolute by the caller's
 * resolver (the item's link, then the feed's), and then only http, https,
 * ftp and mailto, without control, C1 or bidi control characters that
 * would hide where they go. javascript:, data:, file: and the rest are
 * not links.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html-priv.h"
#include "str.h"

#define HTML_URL_MAX	4096	/* bytes of a link offered */

/*
 * Whether a link may be offered: a scheme a browser opens safely (http,
 * https and ftp with a host after "//", mailto with an address), and no
 * control, C1 or bidi control character to hide where it goes.
 */
static bool
html_url_ok(const char *u)
{
	static const struct {
		const char	*scheme;
		bool		 host;
	} schemes[] = {
		{ "http:", true }, { "https:", true }, { "ftp:", true },
		{ "mailto:", false }
	};
	const unsigned char	*p;
	size_t			 i, n;

	for (p = (const unsigned char *)u; *p != '\0'; p++) {
		if (*p <= ' ' || *p == 0x7f || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '`')
			return (false);
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			return (false);
		if (p[0] == 0xe2 && ((p[1] == 0x80 && (p[2] == 0x8e ||
		    p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae))) ||
		    (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			return (false);
	}
	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		n = strlen(schemes[i].scheme);
		if (strncasecmp(u, schemes[i].scheme, n) != 0)
			continue;
		if (!schemes[i].host)
			return (u[n] != '\0');
		return (u[n] == '/' && u[n + 1] == '/' && u[n + 2] != '\0' &&
		    u[n + 2] != '/' && u[n + 2] != '?' && u[n + 2] != '#');
	}
	return (false);
}

/* Write a link's scheme in lowercase, as a browser reads it. */
static void
html_url_lower(char *u)
{
	for (; *u != '\0' && *u != ':'; u++) {
		if (*u >= 'A' && *u <= 'Z')
			*u = (char)(*u + 32);
	}
}

/*
 * A link as the reader may offer it, allocated, or NULL: blanks around it
 * trimmed, tabs and line ends in it dropped and spaces escaped (as a
 * browser does), a relative one made absolute by the caller, and only a
 * scheme html_url_ok accepts.
 */
char *
html_url_make(const struct html_render_opts *o, const char *v)
{
	const char	*p, *q;
	struct str	 u;
	char		*abs;
	bool		 scheme = false;
	size_t		 n;

	while (*v != '\0' && (unsigned char)*v <= ' ')
		v++;
	n = strlen(v);
	while (n > 0 && (unsigned char)v[n - 1] <= ' ')
		n--;
	if (n == 0 || n > HTML_URL_MAX || *v == '#')
		return (NULL);
	str_init(&u);
	for (p = v; p < v + n; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (*p == ' ')
			str_appends(&u, "%20");
		else
			str_appendc(&u, *p);
	}
	/* A scheme: a letter, then letters, digits, "+-." and a ':'. */
	q = str_cstr(&u);
	if ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') {
		for (p = q + 1; ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
		    *p == '.'; p++)
			;
		scheme = *p == ':';
	}
	if (scheme) {
		if (!html_url_ok(q)) {
			str_free(&u);
			return (NULL);
		}
		abs = str_steal(&u);
		html_url_lower(abs);
		return (abs);
	}
	abs = o->resolve != NULL ? o->resolve(q, u.len, o->resolve_arg) : NULL;
	str_free(&u);
	if (abs != NULL && !html_url_ok(abs)) {
		free(abs);
		abs = NULL;
	}
	if (abs != NULL)
		html_url_lower(abs);
	return (abs);
}

