/* Tests for the base layer: struct str, struct strv, paths, language hints. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "path.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#include "tap.h"

static void
test_str(void)
{
	struct str	 s;
	struct strv	 v = { NULL, 0 };
	char		*p, buf[] = "  \t padded \n";
	int		 i;

	str_init(&s);
	is_str(str_cstr(&s), "", "empty str reads as \"\"");
	str_appends(&s, "abc");
	str_appendc(&s, 'd');
	str_printf(&s, "-%d-", 42);
	is_str(str_cstr(&s), "abcd-42-", "append, appendc and printf");
	is_int(s.len, 8, "length tracks appends");
	for (i = 0; i < 1000; i++)
		str_append(&s, "xy", 2);
	is_int(s.len, 2008, "growth over many appends");
	ok(s.ptr[s.len] == '\0', "always NUL-terminated");
	p = str_steal(&s);
	ok(s.ptr == NULL && s.len == 0, "steal empties the str");
	ok(strncmp(p, "abcd-42-xyxy", 12) == 0, "steal returns the contents");
	free(p);

	strv_add(&v, "one");
	strv_add(&v, "two");
	ok(strv_contains(&v, "two") && !strv_contains(&v, "three"),
	    "strv_contains");
	is_int(v.n, 2, "strv holds two strings");
	strv_free(&v);
	ok(v.n == 0 && v.v == NULL, "strv_free empties");

	is_str(str_trim(buf), "padded", "str_trim");
	ok(str_has_prefix_ci("HTTP://x", "http://"), "prefix ignoring case");
	ok(!str_has_prefix_ci("htt", "http://"), "short string is no prefix");
}

static void
test_lang(void)
{
	static const struct {
		const char	*lang;
		enum feed_dir	 dir;
	} cases[] = {
		{ "ar", FEED_DIR_RTL }, { "ar-SA", FEED_DIR_RTL },
		{ "AR-eg", FEED_DIR_RTL }, { "fa-IR", FEED_DIR_RTL },
		{ "he", FEED_DIR_RTL }, { "ur", FEED_DIR_RTL },
		{ "ps", FEED_DIR_RTL }, { "ckb", FEED_DIR_RTL },
		{ "yi", FEED_DIR_RTL }, { "dv", FEED_DIR_RTL },
		{ "syr", FEED_DIR_RTL }, { " ar_SA", FEED_DIR_RTL },
		{ "en", FEED_DIR_AUTO }, { "en-US", FEED_DIR_AUTO },
		{ "arn", FEED_DIR_AUTO }, { "a", FEED_DIR_AUTO },
		{ "", FEED_DIR_AUTO }, { NULL, FEED_DIR_AUTO },
		{ "fr", FEED_DIR_AUTO }, { "heb", FEED_DIR_RTL },
		{ "hex", FEED_DIR_AUTO },
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		is_int(feed_dir_from_language(cases[i].lang), cases[i].dir,
		    "language '%s' gives %s", cases[i].lang ? cases[i].lang :
		    "(null)", feed_dir_name(cases[i].dir));
	}
}

static void
test_path(void)
{
	char	*p;

	setenv("XDG_CONFIG_HOME", "/tmp/cfg", 1);
	setenv("XDG_DATA_HOME", "/tmp/data", 1);
	p = path_default_urls();
	is_str(p, "/tmp/cfg/akhbar/urls", "urls under XDG_CONFIG_HOME");
	free(p);
	p = path_default_cache();
	is_str(p, "/tmp/data/akhbar/cache.db", "cache under XDG_DATA_HOME");
	free(p);
	setenv("XDG_DATA_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	p = path_default_cache();
	is_str(p, "/home/u/.local/share/akhbar/cache.db",
	    "a relative XDG_DATA_HOME is ignored, as the spec says");
	free(p);
}

/* utf8_bidi_closed: bidi formatting kept inside its field. */
static void
test_bidi_closed(void)
{
	static const struct {
		const char	*in;
		const char	*want;
		const char	*what;
	} cases[] = {
		{ "plain", "plain", "text without controls is as it was" },
		{ "\u202eabc", "\u202eabc\u202c", "an open override is closed" },
		{ "a\u2067b", "a\u2067b\u2069", "an open isolate is closed" },
		{ "\u202bx\u2068y", "\u202bx\u2068y\u2069\u202c",
		  "... innermost first" },
		{ "\u202ex\u202c y", "\u202ex\u202c y", "a closed one stays" },
		{ "a\u2069b\u202cc", "abc", "closers of nothing are dropped" },
		{ "\u2066a\u202eb\u2069c", "\u2066a\u202eb\u2069c",
		  "a PDI closes the embeddings inside its isolate" },
		{ "\u2066a\u202c\u2069", "\u2066a\u2069",
		  "a PDF does not close past an isolate" },
		{ "\u202eone\ntwo", "\u202eone\u202c\ntwo",
		  "each paragraph closes what it opened" },
		{ "\u200f\u061c\u200e", "\u200f\u061c\u200e", "marks are kept" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = utf8_bidi_closed(cases[i].in);
		is_str(got, cases[i].want, "bidi: %s", cases[i].what);
		free(got);
	}
}

int
main(void)
{
	struct item	*it;
	struct feed	*f;

	test_str();
	test_bidi_closed();
	test_lang();
	test_path();

	f = feed_new();
	it = item_new();
	ok(it->published == FEED_TIME_UNKNOWN, "new item has unknown date");
	item_add_enclosure(it, "http://x/a.mp3", "audio/mpeg", 123);
	feed_add_item(f, it);
	is_int(f->nitems, 1, "feed holds the item");
	is_str(f->items[0]->enclosures[0].type, "audio/mpeg", "enclosure type");
	feed_free(f);
	return (tap_done());
}
