/*
 * Tests for the configuration (conf*.c): newsboat's line forms, every
 * option's default from the table, every problem's message with its
 * file, line and column, includes and their loops, bind/unbind/color
 * lists, "did you mean", and --dump-config's text read back.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "str.h"
#include "xmalloc.h"

#include "tap.h"

static char	tmpdir[] = "/tmp/akhbar-conf.XXXXXX";

/* Write text to name in the test's directory; returns the path (static). */
static const char *
put(const char *name, const char *text)
{
	static char	 path[4096];
	FILE		*f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if ((f = fopen(path, "w")) == NULL) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	return (path);
}

/* Read text as the file "t.conf"; returns all problems' words joined by '|'. */
static char *
load(struct conf *cf, const char *text)
{
	struct conf_problems	 probs = { NULL, 0 };
	struct str		 out;
	char			*s;
	size_t			 i;

	conf_load_string(cf, "t.conf", text, &probs);
	str_init(&out);
	for (i = 0; i < probs.n; i++) {
		s = conf_problem_text(&probs.v[i]);
		str_printf(&out, "%s%s", i > 0 ? "|" : "", s);
		free(s);
	}
	conf_problems_free(&probs);
	return (str_steal(&out));
}

/* The one message text gives, fresh configuration. */
static void
error_is(const char *text, const char *want, const char *name)
{
	struct conf	 cf;
	char		*got;

	conf_init(&cf);
	got = load(&cf, text);
	is_str(got, want, "%s", name);
	free(got);
	conf_free(&cf);
}

static void
test_defaults(void)
{
	const struct conf_def	*t;
	struct conf		 cf;
	char			*text;
	size_t			 n, i;
	int			 good = 1;

	t = conf_table(&n);
	ok(n == CONF_COUNT, "the table has a row for every option");
	conf_init(&cf);
	for (i = 0; i < n; i++) {
		text = conf_value_text(&cf, (enum conf_option)i);
		if (strcmp(text, t[i].value) != 0 &&
		    !(t[i].type == CONF_STRING && strcmp(text, "\"\"") == 0)) {
			diag("%s: %s is not %s", t[i].name, text, t[i].value);
			good = 0;
		}
		if (!conf_is_default(&cf, (enum conf_option)i) ||
		    t[i].help == NULL || *t[i].help == '\0' ||
		    (int)i != conf_find(t[i].name)) {
			diag("%s: not default, no help, or not found", t[i].name);
			good = 0;
		}
		free(text);
	}
	ok(good, "every option starts at its table default, has help, is found");
	is_int(conf_int(&cf, CONF_RELOAD_TIME), 60, "reload-time is 60");
	ok(conf_bool(&cf, CONF_MOUSE), "mouse is on");
	is_str(conf_choice_name(&cf, CONF_BIDI), "auto", "bidi is auto");
	is_str(conf_string(&cf, CONF_BROWSER), "", "browser is empty");
	is_int(conf_find("confirm-exit"), CONF_CONFIRM_QUIT,
	    "newsboat's confirm-exit is confirm-quit");
	is_int(conf_find("no-such-option"), -1, "an unknown name is -1");
	conf_free(&cf);
}

static void
test_forms(void)
{
	struct conf	 cf;
	char		*got;

	conf_init(&cf);
	got = load(&cf,
	    "# a comment\n"
	    "\n"
	    "reload-time 30\n"
	    "  max-items = 500   # trailing comment\n"
	    "keep-articles-days=7\r\n"
	    "browser \"firefox --new-tab %u\"\n"
	    "user-agent 'akhbar \"test\" \\n'\n"
	    "mouse no\n"
	    "colors off\n"
	    "confirm-exit yes\n"
	    "bidi TERMINAL\n"
	    "datetime-format \"%d %B\"\n"
	    "proxy \"\"\n");
	is_str(got, "", "newsboat's forms read without a problem");
	free(got);
	is_int(conf_int(&cf, CONF_RELOAD_TIME), 30, "name value");
	is_int(conf_int(&cf, CONF_MAX_ITEMS), 500, "name = value # comment");
	is_int(conf_int(&cf, CONF_KEEP_ARTICLES_DAYS), 7, "name=value, CRLF");
	is_str(conf_string(&cf, CONF_BROWSER), "firefox --new-tab %u",
	    "a double-quoted value with blanks");
	is_str(conf_string(&cf, CONF_USER_AGENT), "akhbar \"test\" \\n",
	    "a single-quoted value is taken as it is");
	ok(!conf_bool(&cf, CONF_MOUSE) && !conf_bool(&cf, CONF_COLORS),
	    "no and off are false");
	ok(conf_bool(&cf, CONF_CONFIRM_QUIT), "newsboat's name sets the option");
	is_int(conf_choice(&cf, CONF_BIDI), 2, "a choice ignores case");
	is_str(conf_string(&cf, CONF_DATETIME_FORMAT), "%d %B",
	    "datetime-format");
	is_int(cf.v[CONF_MAX_ITEMS].where.line, 4, "where: the line");
	is_int(cf.v[CONF_MAX_ITEMS].where.col, 3, "where: the column");
	is_str(cf.v[CONF_MAX_ITEMS].where.file, "t.conf", "where: the file");
	ok(cf.v[CONF_MOUSE].where.file != NULL &&
	    cf.v[CONF_AUTO_RELOAD].where.file == NULL,
	    "an option not set keeps no place");
	got = load(&cf, "reload-time 45\n");
	is_int(conf_int(&cf, CONF_RELOAD_TIME), 45, "a later line wins");
	free(got);
	conf_free(&cf);

	/* The escapes of double quotes. */
	conf_init(&cf);
	got = load(&cf, "browser \"a \\\"b\\\" \\\\ c\"\n");
	is_str(conf_string(&cf, CONF_BROWSER), "a \"b\" \\ c",
	    "\\\" and \\\\ in double quotes");
	free(got);
	conf_free(&cf);
}

static void
test_errors(void)
{
	error_is("relaod-time 30\n",
	    "t.conf:1:1: unknown option 'relaod-time' (did you mean "
	    "'reload-time'?)", "an unknown option, with the nearest name");
	error_is("\n\n   bnid j down\n",
	    "t.conf:3:4: unknown option 'bnid' (did you mean 'bind'?)",
	    "an unknown command, with the nearest one");
	error_is("frobnicate yes\n", "t.conf:1:1: unknown option 'frobnicate'",
	    "an unknown option far from every name: no guess");
	error_is("mouse\n", "t.conf:1:1: 'mouse' needs a value",
	    "an option without its value");
	error_is("mouse =\n", "t.conf:1:1: 'mouse' needs a value",
	    "an option with '=' and no value");
	error_is("browser firefox --new-tab\n",
	    "t.conf:1:17: unexpected '--new-tab' after the value (a value "
	    "with blanks in it goes in quotes)", "words after the value");
	error_is("mouse maybe\n",
	    "t.conf:1:7: mouse takes yes or no, not 'maybe'", "a bad boolean");
	error_is("reload-time soon\n",
	    "t.conf:1:13: reload-time takes a whole number, not 'soon'",
	    "not a number");
	error_is("reload-time -5\n",
	    "t.conf:1:13: reload-time takes a whole number, not '-5'",
	    "a negative number");
	error_is("reload-threads 0\n",
	    "t.conf:1:16: reload-threads takes a number from 1 to 256, not 0",
	    "a number out of range");
	error_is("reload-time 99999999999999999999\n",
	    "t.conf:1:13: reload-time takes a number from 1 to 525600, not "
	    "99999999999999999999", "a number too large for a long");
	error_is("bidi ap\n",
	    "t.conf:1:6: bidi takes one of auto, app, terminal, off, not 'ap' "
	    "(did you mean 'app'?)", "a bad choice, with the nearest");
	error_is("user-agent \"a\tb\"\n",
	    "t.conf:1:12: a control character in the value of user-agent",
	    "a control character in a value");
	error_is("browser \"firefox\n", "t.conf:1:9: no closing quote",
	    "an unbalanced quote");
	error_is("browser 'firefox\n", "t.conf:1:9: no closing quote",
	    "an unbalanced single quote");
	error_is("bind j\n",
	    "t.conf:1:1: bind takes a key and an action: bind KEY ACTION",
	    "bind without an action");
	error_is("bind j down up\n",
	    "t.conf:1:1: bind takes a key and an action: bind KEY ACTION",
	    "bind with too much");
	error_is("unbind\n", "t.conf:1:1: unbind takes one key: unbind KEY",
	    "unbind without a key");
	error_is("bind jj down\n",
	    "t.conf:1:6: 'jj' is not a key: write one character, ^ and a "
	    "letter, or one of ENTER SPACE TAB ESC BACKSPACE DELETE INSERT UP "
	    "DOWN LEFT RIGHT PGUP PGDN HOME END F1 F2 F3 F4 F5 F6 F7 F8 F9 "
	    "F10 F11 F12", "not a key");
	error_is("bind j down\n# x\nbind j up\n",
	    "t.conf:3:6: key 'j' is bound twice (first at t.conf:1)",
	    "a key bound twice");
	error_is("bind ^r reload\nbind C-r reload-all\n",
	    "t.conf:2:6: key 'C-r' is bound twice (first at t.conf:1)",
	    "^r and C-r are one key");
	error_is("color title\n",
	    "t.conf:1:1: color takes an element and two colours: color "
	    "ELEMENT FOREGROUND BACKGROUND [ATTRIBUTE...]", "color too short");
	error_is("color title purple blue\n",
	    "t.conf:1:13: 'purple' is not a colour: default, black, red, "
	    "green, yellow, blue, magenta, cyan, white, or color0 to color255",
	    "a bad colour");
	error_is("color title red color256\n",
	    "t.conf:1:17: 'color256' is not a colour: default, black, red, "
	    "green, yellow, blue, magenta, cyan, white, or color0 to color255",
	    "a colour number too large");
	error_is("color title red blue bolt\n",
	    "t.conf:1:22: 'bolt' is not an attribute: bold, dim, underline, "
	    "reverse, standout, blink, italic, invis (did you mean 'bold'?)",
	    "a bad attribute, with the nearest");
	error_is("include\n", "t.conf:1:1: include takes one file: include FILE",
	    "include without a file");
	error_is("line\001 yes\n", "t.conf:1:1: unknown option 'line\001'",
	    "a control character in a name is only unknown (report escapes)");
}

static void
test_several(void)
{
	struct conf	 cf;
	char		*got;

	conf_init(&cf);
	got = load(&cf, "mouse maybe\nreload-time 30\nbidi up\n");
	is_str(got, "t.conf:1:7: mouse takes yes or no, not 'maybe'|"
	    "t.conf:3:6: bidi takes one of auto, app, terminal, off, not 'up'",
	    "every problem of a file is told, in order");
	is_int(conf_int(&cf, CONF_RELOAD_TIME), 30,
	    "the good lines between are read");
	ok(conf_bool(&cf, CONF_MOUSE), "a bad value leaves the option as it was");
	free(got);
	conf_free(&cf);
}

static void
test_files(void)
{
	struct conf_problems	 probs = { NULL, 0 };
	struct conf		 cf;
	char			*s, path[4096], want[8192], name[64];
	int			 rc, i;

	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp\n");
		exit(1);
	}
	snprintf(path, sizeof path, "%s/none", tmpdir);

	conf_init(&cf);
	rc = conf_load(&cf, path, false, &probs);
	ok(rc == 0 && probs.n == 0 && cf.files.n == 0,
	    "a default file that does not exist is no problem");
	rc = conf_load(&cf, path, true, &probs);
	s = probs.n == 1 ? conf_problem_text(&probs.v[0]) : xstrdup("?");
	snprintf(want, sizeof want,
	    "%s: cannot read the file: No such file or directory", path);
	ok(rc == -1, "a named file that does not exist is");
	is_str(s, want, "... and says so with its name");
	free(s);
	conf_problems_free(&probs);
	conf_free(&cf);

	/* include, relative to the includer. */
	mkdir(strcat(strcpy(path, tmpdir), "/sub"), 0700);
	put("sub/colors", "color title red default bold\nmax-items 9\n");
	put("main", "reload-time 5\ninclude sub/colors\nmax-items 10\n");
	snprintf(path, sizeof path, "%s/main", tmpdir);
	conf_init(&cf);
	rc = conf_load(&cf, path, true, &probs);
	ok(rc == 0 && probs.n == 0, "include reads the other file");
	ok(cf.ncolors == 1 && cf.colors[0].fg == 1 &&
	    cf.colors[0].bg == CONF_COLOR_DEFAULT &&
	    cf.colors[0].attrs == CONF_ATTR_BOLD,
	    "... its color line, parsed");
	is_int(conf_int(&cf, CONF_MAX_ITEMS), 10,
	    "... in place: what follows the include wins");
	ok(cf.files.n == 2 && cf.colors[0].where.line == 1 &&
	    strstr(cf.colors[0].where.file, "sub/colors") != NULL,
	    "... and each entry knows its file and line");
	conf_problems_free(&probs);
	conf_free(&cf);

	/* A loop: a includes b, b includes a. */
	put("a", "mouse no\ninclude b\n");
	put("b", "\ninclude a\n");
	snprintf(path, sizeof path, "%s/a", tmpdir);
	conf_init(&cf);
	rc = conf_load(&cf, path, true, &probs);
	s = probs.n == 1 ? conf_problem_text(&probs.v[0]) : xstrdup("?");
	snprintf(want, sizeof want,
	    "%s/b:2:9: include loop: %s/a is being read already", tmpdir,
	    tmpdir);
	ok(rc == -1, "an include loop is a problem");
	is_str(s, want, "... named where the loop closes");
	free(s);
	conf_problems_free(&probs);
	conf_free(&cf);

	/* A file that includes itself. */
	put("self", "include self\n");
	snprintf(path, sizeof path, "%s/self", tmpdir);
	conf_init(&cf);
	rc = conf_load(&cf, path, true, &probs);
	ok(rc == -1 && probs.n == 1 &&
	    probs.v[0].kind == CONF_ERR_INCLUDE_LOOP,
	    "a file including itself is a loop");
	conf_problems_free(&probs);
	conf_free(&cf);

	/* Too deep: d0 includes d1 ... d20. */
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "d%d", i);
		snprintf(want, sizeof want, "include d%d\n", i + 1);
		put(name, want);
	}
	put("d20", "mouse no\n");
	snprintf(path, sizeof path, "%s/d0", tmpdir);
	conf_init(&cf);
	rc = conf_load(&cf, path, true, &probs);
	s = probs.n == 1 ? conf_problem_text(&probs.v[0]) : xstrdup("?");
	snprintf(want, sizeof want, "%s/d15:1:9: includes nested more than "
	    "16 deep", tmpdir);
	ok(rc == -1, "includes nested too deep are a problem");
	is_str(s, want, "... named at the include that goes too far");
	free(s);
	conf_problems_free(&probs);
	conf_free(&cf);

	/* A missing include. */
	put("miss", "\n  include nothere\n");
	snprintf(path, sizeof path, "%s/miss", tmpdir);
	conf_init(&cf);
	rc = conf_load(&cf, path, true, &probs);
	s = probs.n == 1 ? conf_problem_text(&probs.v[0]) : xstrdup("?");
	snprintf(want, sizeof want, "%s/miss:2:11: cannot read the file: "
	    "%s/nothere: No such file or directory", tmpdir, tmpdir);
	is_str(s, want, "an include of a missing file names both");
	free(s);
	conf_problems_free(&probs);
	conf_free(&cf);

	/* A NUL byte. */
	snprintf(path, sizeof path, "%s/nul", tmpdir);
	{
		FILE	*f = fopen(path, "w");

		fwrite("mouse no\nbrow\0ser x\n", 1, 20, f);
		fclose(f);
	}
	conf_init(&cf);
	rc = conf_load(&cf, path, true, &probs);
	s = probs.n == 1 ? conf_problem_text(&probs.v[0]) : xstrdup("?");
	snprintf(want, sizeof want, "%s:2: a NUL byte in the line", path);
	is_str(s, want, "a NUL byte is told with its line");
	free(s);
	conf_problems_free(&probs);
	conf_free(&cf);
}

static void
test_lists(void)
{
	static const char *const actions[] = { "open", "quit", "down", "up" };
	static const char *const elements[] = { "title", "status", "unread" };
	struct conf_problems	 probs = { NULL, 0 };
	struct conf		 cf;
	char			*got, *s;
	size_t			 bad;

	conf_init(&cf);
	got = load(&cf, "bind j down\nbind ^R  opne\nunbind q\n"
	    "bind pgdn down\nbind \" \" down\nbind ت up\n"
	    "color title color208 default reverse\ncolor titel red blue\n");
	is_str(got, "", "bind, unbind and color lines read");
	free(got);
	ok(cf.nbinds == 6, "six bindings kept");
	is_str(cf.binds[1].key, "^R", "a key is normalised: ^R");
	is_str(cf.binds[3].key, "PGDN", "... pgdn is PGDN");
	is_str(cf.binds[4].key, "SPACE", "... a quoted blank is SPACE");
	is_str(cf.binds[5].key, "ت", "... a letter of any script is itself");
	ok(cf.binds[2].action == NULL, "unbind has no action");
	ok(cf.binds[1].action_where.line == 2 &&
	    cf.binds[1].action_where.col == 10, "an action knows its column");
	ok(cf.ncolors == 2 && cf.colors[0].fg == 208 &&
	    cf.colors[0].attrs == CONF_ATTR_REVERSE, "color208 is 208");

	bad = conf_check_names(&cf, CONF_ERR_ACTION, actions, 4, &probs);
	s = probs.n == 1 ? conf_problem_text(&probs.v[0]) : xstrdup("?");
	ok(bad == 1, "one unknown action");
	is_str(s, "t.conf:2:10: unknown action 'opne' (did you mean 'open'?)",
	    "... told where it is, with the nearest action");
	free(s);
	conf_problems_free(&probs);
	bad = conf_check_names(&cf, CONF_ERR_ELEMENT, elements, 3, &probs);
	s = probs.n == 1 ? conf_problem_text(&probs.v[0]) : xstrdup("?");
	ok(bad == 1, "one unknown element");
	is_str(s, "t.conf:8:7: unknown element 'titel' (did you mean "
	    "'title'?)", "... told where it is, with the nearest element");
	free(s);
	conf_problems_free(&probs);
	conf_free(&cf);
}

static void
test_dump(void)
{
	struct conf	 cf, back;
	struct str	 out, again;
	char		*got;
	size_t		 i;
	int		 same = 1;

	conf_init(&cf);
	got = load(&cf, "reload-time 15\nbrowser \"w3m -o x=1 %u\"\n"
	    "user-agent \"with # hash\"\nbidi off\nmouse no\n"
	    "bind ^R reload-all\nunbind Q\ncolor title white blue bold dim\n");
	free(got);
	str_init(&out);
	conf_dump(&cf, &out);
	ok(strstr(str_cstr(&out), "\nreload-time 15\t# t.conf:1\n") != NULL,
	    "the dump says where a value was set");
	ok(strstr(str_cstr(&out), "\nauto-reload yes\n") != NULL,
	    "... and gives the defaults too");
	ok(strstr(str_cstr(&out), "# Default: 60 (minutes, 1 to 525600).") !=
	    NULL, "... with each default and range");
	conf_init(&back);
	got = load(&back, str_cstr(&out));
	is_str(got, "", "the dump reads back without a problem");
	free(got);
	for (i = 0; i < CONF_COUNT; i++) {
		char	*a = conf_value_text(&cf, (enum conf_option)i);
		char	*b = conf_value_text(&back, (enum conf_option)i);

		if (strcmp(a, b) != 0) {
			diag("%s: %s then %s", conf_def(i)->name, a, b);
			same = 0;
		}
		free(a);
		free(b);
	}
	ok(same, "... to the same values");
	ok(back.nbinds == 2 && back.ncolors == 1 &&
	    back.colors[0].attrs == (CONF_ATTR_BOLD | CONF_ATTR_DIM) &&
	    strcmp(back.binds[0].key, "^R") == 0 && back.binds[1].action == NULL,
	    "... with the same bind, unbind and color lines");
	str_init(&again);
	conf_dump(&back, &again);
	ok(strstr(str_cstr(&again), "\nbrowser \"w3m -o x=1 %u\"") != NULL,
	    "a value with blanks is dumped quoted");
	str_free(&again);
	str_free(&out);
	conf_free(&back);
	conf_free(&cf);
}

static void
test_suggest(void)
{
	static const char *const names[] = { "open", "quit", "reload",
	    "reload-all", "next-unread" };

	is_int(conf_distance("opne", "open"), 1, "a swap is one edit");
	is_int(conf_distance("", "abc"), 3, "from nothing: its length");
	is_int(conf_distance("kitten", "sitting"), 3, "kitten, sitting: 3");
	is_str(conf_suggest("opne", names, 5), "open", "opne: open");
	is_str(conf_suggest("relaod", names, 5), "reload", "relaod: reload");
	is_str(conf_suggest("next-unr", names, 5), "next-unread",
	    "a beginning: the one name it begins");
	ok(conf_suggest("xyzzy", names, 5) == NULL, "nothing near: no guess");
	ok(conf_suggest("open", names, 5) == NULL, "a valid name: no guess");
	ok(conf_suggest("rel", names, 5) == NULL,
	    "a beginning of two names: no guess");
}

static void
test_keys(void)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "j", "j" }, { "^r", "^R" }, { "^R", "^R" }, { "C-x", "^X" },
		{ "enter", "ENTER" }, { "Return", "ENTER" }, { "PgUp", "PGUP" },
		{ "f12", "F12" }, { "^[", "^[" }, { "ج", "ج" }, { "?", "?" },
		{ "jk", NULL }, { "^1", NULL }, { "", NULL }, { "\t", NULL },
		{ "F13", NULL },
	};
	size_t	i;
	char	*k;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		k = conf_key_name(cases[i].in);
		is_str(k, cases[i].out, "key '%s'", cases[i].in);
		free(k);
	}
	is_int(conf_color_parse("Red"), 1, "colour names ignore case");
	is_int(conf_color_parse("color0"), 0, "color0");
	is_int(conf_color_parse("default"), CONF_COLOR_DEFAULT, "default");
	is_int(conf_color_parse("color-1"), -2, "color-1 is none");
}

/*
 * Lines made of the parser's own pieces, shuffled: none may crash it (the
 * sanitizer build watches), every problem names t.conf and a line, and
 * what is set stays in range.
 */
static void
test_random(void)
{
	static const char *const bits[] = {
		"bind", "unbind", "color", "include", "reload-time", "bidi",
		"mouse", "browser", "=", "\"", "'", "#", "\\", " ", "\t",
		"yes", "maybe", "30", "-1", "99999999999999999999", "app",
		"^R", "ENTER", "title", "red", "color300", "bold", "\xd8\xa7",
		"\xd8", "\x01", "\x7f", "\"a b\"", "'c'", "x=y", "",
	};
	struct conf_problems	 probs = { NULL, 0 };
	struct conf		 cf;
	struct str		 text;
	char			*s;
	size_t			 i, j, k, nb = sizeof bits / sizeof bits[0];
	unsigned		 seed = 12345;
	int			 good = 1;

	str_init(&text);
	for (i = 0; i < 3000; i++) {
		k = 1 + (seed = seed * 1103515245u + 12345u) % 7;
		for (j = 0; j < k; j++) {
			seed = seed * 1103515245u + 12345u;
			str_appends(&text, bits[(seed >> 8) % nb]);
			if ((seed >> 4) % 3 != 0)
				str_appendc(&text, ' ');
		}
		str_appendc(&text, '\n');
	}
	conf_init(&cf);
	conf_load_string(&cf, "t.conf", str_cstr(&text), &probs);
	for (i = 0; i < probs.n; i++) {
		s = conf_problem_text(&probs.v[i]);
		if (strncmp(s, "t.conf:", 7) != 0 || probs.v[i].line < 1 ||
		    probs.v[i].line > 3000)
			good = 0;
		free(s);
	}
	ok(good && probs.n > 100, "3 000 shuffled lines: %zu problems, each "
	    "named with its line", probs.n);
	ok(conf_int(&cf, CONF_RELOAD_TIME) >= 1 &&
	    conf_int(&cf, CONF_RELOAD_TIME) <= 525600 &&
	    conf_choice(&cf, CONF_BIDI) >= 0 && conf_choice(&cf, CONF_BIDI) < 4,
	    "... and every value set stays in its range");
	str_clear(&text);
	conf_dump(&cf, &text);
	conf_problems_free(&probs);
	conf_free(&cf);
	conf_init(&cf);
	ok(conf_load_string(&cf, "dump", str_cstr(&text), &probs) == 0,
	    "... and what they set dumps as a configuration that reads back");
	conf_problems_free(&probs);
	conf_free(&cf);
	str_free(&text);
}

int
main(void)
{
	test_defaults();
	test_forms();
	test_errors();
	test_several();
	test_files();
	test_lists();
	test_dump();
	test_suggest();
	test_keys();
	test_random();
	{
		char	cmd[4200];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			diag("cannot remove %s", tmpdir);
	}
	return (tap_done());
}
