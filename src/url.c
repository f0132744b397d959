/*
 * Resolving relative references (RFC 3986) with libcurl's URL API. Only
 * the parser is used: nothing here touches the network, which is why the
 * parsers may call it though they never include curl themselves.
 */
#include "config.h"

#include "url.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "str.h"
#include "xmalloc.h"

/*
 * Resolve ref against base (either may be NULL); returns an allocated
 * absolute URL, or a trimmed copy of ref when it cannot be made absolute
 * (no base, or a scheme libcurl does not parse such as "tag:"), or NULL
 * when ref is NULL or empty.
 */
char *
url_resolve(const char *base, const char *ref)
{
	CURLU		*h;
	char		*out = NULL, *r, *result;
	unsigned int	 flags = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE;

	if (ref == NULL)
		return (NULL);
	r = str_trim(xstrdup(ref));
	if (*r == '\0') {
		free(r);
		return (NULL);
	}
	if ((h = curl_url()) == NULL)
		return (r);
	if (base != NULL && *base != '\0' &&
	    curl_url_set(h, CURLUPART_URL, base, flags) != CURLUE_OK) {
		curl_url_cleanup(h);
		h = curl_url();
		if (h == NULL)
			return (r);
	}
	if (curl_url_set(h, CURLUPART_URL, r, flags) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_URL, &out, 0) == CURLUE_OK) {
		result = xstrdup(out);
		curl_free(out);
		free(r);
	} else
		result = r;
	curl_url_cleanup(h);
	return (result);
}
