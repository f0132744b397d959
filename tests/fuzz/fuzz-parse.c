/*
 * Fuzz target for the feed parser (libFuzzer's entry point). The first
 * byte seeds the chunk sizes, the first but one picks a Content-Type, and
 * the rest is pushed through parse_push in pseudo-random chunks as the
 * poller would, then finished, serialised to JSON and freed; the bytes
 * also go, as HTML, through the stripper and the link rewriter. The same
 * function is replayed over tests/fuzz/corpus by fuzz-replay.c in make
 * check, so the target is exercised without libFuzzer.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli-json.h"
#include "feed.h"
#include "html.h"
#include "opml.h"
#include "parse.h"
#include "str.h"
#include "url.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_cb(struct item *it, void *arg)
{
	size_t	*n = arg;

	(*n)++;
	item_free(it);
}

/* html_links' resolver: relative references against a fixed base. */
static char *
fuzz_link(const char *ref, size_t len, void *arg)
{
	char	*r, *abs;

	if (len == 0 || url_is_absolute(ref, len))
		return (NULL);
	r = xstrndup(ref, len);
	abs = url_resolve(arg, r);
	free(r);
	return (abs);
}

/* Run one input through the push parser, the OPML reader and the HTML code. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *ctypes[] = {
		NULL, "application/rss+xml", "text/xml; charset=windows-1256",
		"application/xml; charset=utf-16", "text/html; charset=latin1",
		"application/json", "application/atom+xml; charset=\"bogus\""
	};
	struct parse	*p;
	struct feed	*f;
	struct opml	*o;
	struct str	 out;
	char		*cause = NULL;
	uint32_t	 seed;
	size_t		 off, n, count = 0;
	const char	*ctype;

	if (size < 2)
		return (0);
	seed = data[0] * 2654435761u + 1;
	ctype = ctypes[data[1] % (sizeof ctypes / sizeof ctypes[0])];
	data += 2;
	size -= 2;

	p = parse_new("https://fuzz.example/feed/", ctype,
	    (seed & 1) ? fuzz_cb : NULL, &count);
	for (off = 0; off < size; off += n) {
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 4096;
		if (n > size - off)
			n = size - off;
		if (parse_push(p, (const char *)data + off, n) != 0)
			break;
	}
	f = parse_finish(p, &cause);
	if (f != NULL) {
		str_init(&out);
		cli_json_feed(f, &out);
		str_free(&out);
		feed_free(f);
	}
	free(cause);
	parse_free(p);

	cause = NULL;
	o = opml_read((const char *)data, size, NULL, &cause);
	if (o != NULL) {
		str_init(&out);
		opml_write(o, &out);
		str_free(&out);
		opml_free(o);
	}
	free(cause);

	free(html_strip((const char *)data, size));
	free(html_links((const char *)data, size, fuzz_link,
	    "https://fuzz.example/a/b"));
	return (0);
}
