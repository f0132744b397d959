/*
 * The key table against the man page and itself: every binding (its key
 * and its action's name) is in doc/akhbar.1's KEYS section, in one entry;
 * the Arabic, Persian and Hebrew keyboard layouts give the Latin key in
 * the same place; and only the link schemes akhbar opens pass.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "ui-priv.h"
#include "xmalloc.h"

#include "tap.h"

/* One .TP entry of the KEYS section: its tag's words and its body's. */
struct entry {
	struct strv	 tag;
	struct strv	 body;
};

/* Split troff text into words: fonts, quotes, commas and parentheses out. */
static void
words(const char *line, struct strv *out)
{
	struct str	 w;
	const char	*p;

	if (strncmp(line, ".BR ", 4) == 0 || strncmp(line, ".RB ", 4) == 0)
		line += 4;
	else if (strncmp(line, ".B ", 3) == 0 || strncmp(line, ".I ", 3) == 0)
		line += 3;
	str_init(&w);
	for (p = line; ; p++) {
		if (*p == '\\' && p[1] == 'f' && p[2] != '\0') {
			p += 2;
			continue;
		}
		if (*p == '\\' && p[1] == '-') {
			str_appendc(&w, '-');
			p++;
			continue;
		}
		if (*p == '\0' || *p == ' ' || *p == '"' || *p == ',' ||
		    *p == '(' || *p == ')' || *p == '\t') {
			if (w.len > 0) {
				/* A sentence's full stop is not part of it. */
				while (w.len > 1 && w.ptr[w.len - 1] == '.')
					w.ptr[--w.len] = '\0';
				strv_add(out, str_cstr(&w));
			}
			str_clear(&w);
			if (*p == '\0')
				break;
			continue;
		}
		str_appendc(&w, *p);
	}
	str_free(&w);
}

/* Read the KEYS section's entries. */
static struct entry *
man_keys(const char *path, size_t *n)
{
	struct entry	*v = NULL;
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0;
	int		 in = 0, tag = 0;

	*n = 0;
	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	while (getline(&line, &cap, f) != -1) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, ".SH", 3) == 0) {
			in = strcmp(line, ".SH KEYS") == 0;
			continue;
		}
		if (!in)
			continue;
		if (strcmp(line, ".TP") == 0) {
			v = xreallocarray(v, *n + 1, sizeof *v);
			memset(&v[*n], 0, sizeof v[*n]);
			(*n)++;
			tag = 1;
			continue;
		}
		if (*n == 0)
			continue;
		words(line, tag ? &v[*n - 1].tag : &v[*n - 1].body);
		tag = 0;
	}
	free(line);
	fclose(f);
	return (v);
}

int
main(void)
{
	const struct ui_binding	*t;
	const char		*top = getenv("top_srcdir");
	struct entry		*e;
	char			*path, *name;
	size_t			 n, ne, i, j;
	int			 found, missing = 0, a;
	bool			 used;

	xasprintf(&path, "%s/doc/akhbar.1", top != NULL ? top : ".");
	e = man_keys(path, &ne);
	ok(e != NULL && ne > 20, "doc/akhbar.1 has a KEYS section (%zu entries)",
	    ne);
	t = ui_keys_table(&n);
	for (i = 0; i < n; i++) {
		name = ui_keys_name(t[i].key);
		found = 0;
		for (j = 0; j < ne && !found; j++) {
			if (strv_contains(&e[j].tag, name) &&
			    strv_contains(&e[j].body,
			    ui_keys_action_name(t[i].action)))
				found = 1;
		}
		if (!found) {
			diag("missing: %s (%s)", name,
			    ui_keys_action_name(t[i].action));
			missing++;
		}
		free(name);
	}
	ok(missing == 0, "the man page lists each of the %zu bindings with its "
	    "action", n);
	for (missing = 0, a = 1; a < UI_ACT_COUNT; a++) {
		for (used = false, i = 0; i < n; i++)
			used = used || t[i].action == (enum ui_action)a;
		if (!used) {
			diag("no key does %s", ui_keys_action_name(a));
			missing++;
		}
		if (*ui_keys_action_help(a) == '\0') {
			diag("%s has no help", ui_keys_action_name(a));
			missing++;
		}
	}
	ok(missing == 0, "every action has a key and a line of help");
	for (missing = 0, i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			if (t[i].key == t[j].key && (t[i].views & t[j].views)) {
				name = ui_keys_name(t[i].key);
				diag("%s is bound twice in one view", name);
				free(name);
				missing++;
			}
		}
	}
	ok(missing == 0, "no key does two things in one view");

	name = ui_keys_name(UI_KEY_CTRL('d'));
	is_str(name, "^D", "a control key is named ^D");
	free(name);
	name = ui_keys_name(UI_KEY_FN(KEY_NPAGE));
	is_str(name, "PgDn", "a function key by its name");
	free(name);

	/* The Arabic (PC) layout: the key under the letter. */
	is_int(ui_keys_latin(0x062A), 'j', "Arabic layout: teh is j");
	is_int(ui_keys_latin(0x0646), 'k', "... noon is k");
	is_int(ui_keys_latin(0x061F), '?', "... the Arabic question mark is ?");
	is_int(ui_keys_latin(0x0638), '/', "... zah is /");
	is_int(ui_keys_latin(0x0636), 'q', "... dad is q");
	is_int(ui_keys_latin(0x064E), 'Q', "... shifted: fatha is Q");
	is_int(ui_keys_latin(0x0663), '3', "Arabic-Indic 3 is 3");
	is_int(ui_keys_latin(0x06F7), '7', "Persian 7 is 7");
	is_int(ui_keys_latin(0x05D7), 'j', "Hebrew layout: het is j");
	is_int(ui_keys_latin('x'), 'x', "a Latin key stays itself");
	ok(ui_keys_lookup(0x062A, UI_VIEW_FEEDS) != NULL &&
	    ui_keys_lookup(0x062A, UI_VIEW_FEEDS)->action == UI_ACT_DOWN,
	    "teh moves down in the feed list");
	ok(ui_keys_lookup(0x0645, UI_VIEW_PAGER) == NULL ||
	    ui_keys_lookup(0x0645, UI_VIEW_PAGER)->action != UI_ACT_OPEN,
	    "meem (l) does not open in the article view");

	/* The schemes opened. */
	ok(ui_open_scheme_ok("https://example.org/a?b=c"), "https opens");
	ok(ui_open_scheme_ok("HTTP://example.org/"), "... HTTP in capitals");
	ok(ui_open_scheme_ok("gemini://example.org/"), "... gemini");
	ok(ui_open_scheme_ok("gopher://example.org/"), "... gopher");
	ok(ui_open_scheme_ok("mailto:a@example.org"), "... mailto");
	ok(!ui_open_scheme_ok("javascript:alert(1)"), "javascript does not");
	ok(!ui_open_scheme_ok("file:///etc/passwd"), "... nor file");
	ok(!ui_open_scheme_ok("-oProxyCommand=x"), "... nor an option");
	ok(!ui_open_scheme_ok("https://a b"), "... nor a URL with a space");
	ok(!ui_open_scheme_ok("https://a\033]52;c;x\a"),
	    "... nor one with control characters");
	ok(!ui_open_scheme_ok("https:"), "... nor a scheme alone");
	ok(!ui_open_scheme_ok("https://evil.example/\xe2\x80\xaegpj.exe"),
	    "... nor one with U+202E (a cache written by hand)");
	ok(!ui_open_scheme_ok("https://a.example/\xe2\x81\xa7x"),
	    "... nor one with U+2067");
	ok(!ui_open_scheme_ok("https://a.example/\xe2\x80\x8fx"),
	    "... nor one with RLM");
	ok(!ui_open_scheme_ok("https://a.example/\xc2\x9b" "2J"),
	    "... nor one with a C1 control in UTF-8");
	ok(ui_open_scheme_ok("https://a.example/\xd8\xae\xd8\xa8\xd8\xb1"),
	    "... but Arabic letters in a path are fine");

	for (i = 0; i < ne; i++) {
		strv_free(&e[i].tag);
		strv_free(&e[i].body);
	}
	free(e);
	free(path);
	return (tap_done());
}
