/*
 * Tests for ui-conf.c: the configuration's bind, unbind and color lines
 * in the interface's terms: every action of the key table and element
 * of the theme is a name a line takes, misspelt ones are problems with
 * the nearest name, key names become the key codes the key table uses,
 * and the lines become key-table rows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ui-conf.h"
#include "ui-priv.h"

#include "tap.h"

/* A configuration read from text; its problems' words joined by '|'. */
static char *
load(struct conf *cf, const char *text)
{
	struct conf_problems	 probs = { NULL, 0 };
	struct str		 out;
	char			*s;
	size_t			 i;

	conf_init(cf);
	conf_load_string(cf, "k.conf", text, &probs);
	ui_conf_check(cf, &probs);
	str_init(&out);
	for (i = 0; i < probs.n; i++) {
		s = conf_problem_text(&probs.v[i]);
		str_printf(&out, "%s%s", i > 0 ? "|" : "", s);
		free(s);
	}
	conf_problems_free(&probs);
	return (str_steal(&out));
}

int
main(void)
{
	const struct ui_binding	*t;
	struct ui_binding	*rows;
	struct conf		 cf;
	struct str		 text;
	const char *const	*el;
	char			*got;
	size_t			 n, i, ne;
	int			 good;

	/* Every action and element is a name the lines take. */
	str_init(&text);
	el = ui_conf_elements(&ne);
	for (i = 1; i < UI_ACT_COUNT; i++)
		str_printf(&text, "bind %c %s\n", (int)(i <= 26 ? 'a' + i - 1 :
		    'A' + i - 27),
		    ui_keys_action_name((enum ui_action)i));
	for (i = 0; i < ne; i++)
		str_printf(&text, "color %s red default bold\n", el[i]);
	got = load(&cf, str_cstr(&text));
	is_str(got, "", "every action of the key table and element of the "
	    "theme is a name a line takes");
	free(got);
	ok(ne == UI_COLOR_COUNT && cf.ncolors == ne, "... every element, once");
	conf_free(&cf);
	str_free(&text);

	got = load(&cf, "bind x opne\nbind y quit\ncolor titel red blue\n"
	    "color title red blue\nbind z no-such-thing\n");
	is_str(got, "k.conf:1:8: unknown action 'opne' (did you mean 'open'?)|"
	    "k.conf:5:8: unknown action 'no-such-thing'|"
	    "k.conf:3:7: unknown element 'titel' (did you mean 'title'?)",
	    "misspelt actions and elements, where they are, with the nearest");
	free(got);
	conf_free(&cf);

	/* Key names. */
	is_int(ui_conf_key("j"), 'j', "j");
	is_int(ui_conf_key("ت"), 0x062A, "a letter of the Arabic layout");
	is_int(ui_conf_key("^R"), 0x12, "^R");
	is_int(ui_conf_key("ENTER"), '\r', "ENTER is the key table's return");
	is_int(ui_conf_key("PGDN"), UI_KEY_FN(KEY_NPAGE), "PGDN");
	is_int(ui_conf_key("F5"), UI_KEY_FN(KEY_F(5)), "F5");
	is_int(ui_conf_key("ESC"), 27, "ESC");
	ok(ui_conf_key("") == -1 && ui_conf_key("F13") != UI_KEY_FN(KEY_F(13)),
	    "no key for nothing");
	good = 1;
	t = ui_keys_table(&n);
	for (i = 0; i < n; i++) {
		char	*name = ui_keys_name(t[i].key);
		char	*norm = conf_key_name(name);

		/* The keypad's Enter is ENTER too (bound with it). */
		if (norm == NULL || ui_conf_key(norm) != (t[i].key ==
		    UI_KEY_FN(KEY_ENTER) ? '\r' : t[i].key)) {
			diag("%s: %s", name, norm != NULL ? norm : "(none)");
			good = 0;
		}
		free(norm);
		free(name);
	}
	ok(good, "every default key, by the name the help shows, is itself");

	/* Rows for the key table. */
	got = load(&cf, "bind J quit\nunbind Q\nbind 7 open-link\n"
	    "bind ENTER star\n");
	free(got);
	rows = ui_conf_bindings(&cf, &n);
	ok(n == 5, "five rows");
	if (n == 5) {
		ok(rows[0].key == '\r' && rows[1].key == UI_KEY_FN(KEY_ENTER) &&
		    rows[0].action == UI_ACT_STAR && rows[1].action ==
		    UI_ACT_STAR, "ENTER is both return keys");
		rows += 2;
		ok(rows[0].key == '7' && rows[0].action == UI_ACT_LINK &&
		    rows[0].arg == 1 && rows[0].views == UI_IN(UI_VIEW_PAGER),
		    "later lines first; an action works where its keys do");
		ok(rows[1].key == 'Q' && rows[1].action == UI_ACT_NONE &&
		    rows[1].views == UI_IN_ANY, "unbind: nothing, everywhere");
		ok(rows[2].key == 'J' && rows[2].action == UI_ACT_QUIT &&
		    rows[2].views == UI_IN_ANY, "bind J quit");
		rows -= 2;
	}
	free(rows);
	conf_free(&cf);
	return (tap_done());
}
