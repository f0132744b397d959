/*
 * Resolving relative references (RFC 3986) with libcurl's URL API. Only
 * the parser is used: nothing here touches the network, which is why the
 * parsers may call it though they never include curl themselves.
 */
#include "config.h"

#include "url.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "str.h"
#include "xmalloc.h"

/* A base URL parsed once, to resolve many references against. */
struct url_base {
	char	*base;		/* as given, "" for none */
	CURLU	*h;		/* parsed, NULL if libcurl had no memory */
};

static const unsigned int url_flags = CURLU_NON_SUPPORT_SCHEME |
    CURLU_URLENCODE;

/*
 * Whether a reference (n bytes) needs no base: it has a scheme ("https:",
 * "mailto:", RFC 3986 3.1) or is only a fragment ("#top"). No libcurl:
 * for the callers that look at many links and resolve few.
 */
bool
url_is_absolute(const char *ref, size_t n)
{
	size_t	i;
	char	c;

	if (n > 0 && ref[0] == '#')
		return (true);
	for (i = 0; i < n; i++) {
		c = ref[i];
		if (c == ':')
			return (i > 0);
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (i > 0 && ((c >= '0' && c <= '9') || c == '+' ||
		    c == '-' || c == '.'))))
			return (false);
	}
	return (false);
}

/* Parse base (may be NULL) for url_base_resolve. */
struct url_base *
url_base_new(const char *base)
{
	struct url_base	*ub;

	ub = xcalloc(1, sizeof *ub);
	ub->base = xstrdup(base != NULL ? base : "");
	if ((ub->h = curl_url()) == NULL)
		return (ub);
	if (*ub->base != '\0' &&
	    curl_url_set(ub->h, CURLUPART_URL, ub->base, url_flags) !=
	    CURLUE_OK) {
		/* An unusable base is no base. */
		curl_url_cleanup(ub->h);
		ub->h = curl_url();
	}
	return (ub);
}

/* Whether ub was made from base (NULL and "" are the same). */
bool
url_base_is(const struct url_base *ub, const char *base)
{
	return (strcmp(ub->base, base != NULL ? base : "") == 0);
}

/* Resolve ref against a parsed base; see url_resolve. */
char *
url_base_resolve(const struct url_base *ub, const char *ref)
{
	CURLU	*h;
	char	*out = NULL, *r, *result;

	if (ref == NULL)
		return (NULL);
	r = str_trim(xstrdup(ref));
	if (*r == '\0') {
		free(r);
		return (NULL);
	}
	if (ub->h == NULL || (h = curl_url_dup(ub->h)) == NULL)
		return (r);
	if (curl_url_set(h, CURLUPART_URL, r, url_flags) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_URL, &out, 0) == CURLUE_OK) {
		result = xstrdup(out);
		curl_free(out);
		free(r);
	} else
		result = r;
	curl_url_cleanup(h);
	return (result);
}

/* Free a parsed base. */
void
url_base_free(struct url_base *ub)
{
	if (ub == NULL)
		return;
	curl_url_cleanup(ub->h);
	free(ub->base);
	free(ub);
}

/*
 * Resolve ref against base (either may be NULL); returns an allocated
 * absolute URL, or a trimmed copy of ref when it cannot be made absolute
 * (no base, or a scheme libcurl does not parse such as "tag:"), or NULL
 * when ref is NULL or empty.
 */
char *
url_resolve(const char *base, const char *ref)
{
	struct url_base	*ub;
	char		*result;

	if (ref == NULL)
		return (NULL);
	ub = url_base_new(base);
	result = url_base_resolve(ub, ref);
	url_base_free(ub);
	return (result);
}

/*
 * The local path a file: URL names, percent-decoded (file:///tmp/a%20b.xml
 * is /tmp/a b.xml): 0 with *path (caller frees), or -1 when the URL does
 * not parse (*remote false) or names another host (*remote true).
 */
int
url_file_path(const char *url, char **path, bool *remote)
{
	CURLU	*u;
	char	*host = NULL, *p = NULL;
	int	 rc = -1;

	*path = NULL;
	*remote = false;
	if ((u = curl_url()) == NULL)
		return (-1);
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &p, CURLU_URLDECODE) != CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    *host != '\0' && strcasecmp(host, "localhost") != 0) {
		*remote = true;
		goto out;
	}
	*path = xstrdup(p);
	rc = 0;
out:
	curl_free(host);
	curl_free(p);
	curl_url_cleanup(u);
	return (rc);
}

/*
 * A reference of len bytes made absolute against base (a NUL-terminated
 * URL passed as void *, the shape of the HTML renderer's resolver), or
 * NULL when it needs none, there is no base or it does not resolve.
 */
char *
url_resolve_ref(const char *ref, size_t len, void *base)
{
	char	*r, *abs;

	if (base == NULL || len == 0 || url_is_absolute(ref, len))
		return (NULL);
	r = xstrndup(ref, len);
	abs = url_resolve(base, r);
	free(r);
	return (abs);
}
