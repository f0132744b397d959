/*
 * The key table: every binding is data here, key → action in the views it
 * works in. The help screen is generated from it, doc/akhbar.1 lists it (a
 * test checks every action and default key is there), and the
 * configuration's "bind KEY ACTION" will edit it. The defaults are those
 * newsboat users know, plus vim movement, arrows and the page keys.
 *
 * Keys come from wget_wch(): a code point, or a curses function key moved
 * above Unicode. A user typing with the Arabic (or Hebrew) keyboard layout
 * on gets the Latin key in the same place: ت is j, ن is k, ؟ is ?.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui-conf.h"
#include "xmalloc.h"

#define F	UI_KEY_FN
#define C	UI_KEY_CTRL
#define V(k)	UI_IN(UI_VIEW_##k)
#define LISTS	(UI_IN_LISTS | V(HELP))
#define READ	(V(FEEDS) | V(ITEMS) | V(PAGER))
#define ARTS	(V(ITEMS) | V(PAGER))
#define MOVE	(LISTS | V(PAGER))

/* The default bindings, in the order the help screen shows them. */
static const struct ui_binding ui_keys_default[] = {
	{ 'j',		UI_ACT_DOWN,		0, MOVE },
	{ F(KEY_DOWN),	UI_ACT_DOWN,		0, MOVE },
	{ 'k',		UI_ACT_UP,		0, MOVE },
	{ F(KEY_UP),	UI_ACT_UP,		0, MOVE },
	{ F(KEY_NPAGE),	UI_ACT_PAGE_DOWN,	0, MOVE },
	{ C('f'),	UI_ACT_PAGE_DOWN,	0, MOVE },
	{ ' ',		UI_ACT_PAGE_DOWN,	0, MOVE },
	{ F(KEY_PPAGE),	UI_ACT_PAGE_UP,		0, MOVE },
	{ C('b'),	UI_ACT_PAGE_UP,		0, MOVE },
	{ C('d'),	UI_ACT_HALF_DOWN,	0, MOVE },
	{ C('u'),	UI_ACT_HALF_UP,		0, MOVE },
	{ 'g',		UI_ACT_HOME,		0, MOVE },
	{ F(KEY_HOME),	UI_ACT_HOME,		0, MOVE },
	{ 'G',		UI_ACT_END,		0, MOVE },
	{ F(KEY_END),	UI_ACT_END,		0, MOVE },
	{ '\r',		UI_ACT_OPEN,		0, UI_IN_LISTS | V(FIRST) },
	{ F(KEY_ENTER),	UI_ACT_OPEN,		0, UI_IN_LISTS | V(FIRST) },
	{ 'l',		UI_ACT_OPEN,		0, UI_IN_LISTS },
	{ F(KEY_RIGHT),	UI_ACT_OPEN,		0, UI_IN_LISTS },
	{ 'q',		UI_ACT_BACK,		0, UI_IN_ANY },
	{ 'h',		UI_ACT_BACK,		0, MOVE },
	{ F(KEY_LEFT),	UI_ACT_BACK,		0, LISTS },
	{ F(KEY_LEFT),	UI_ACT_SCROLL_LEFT,	0, V(PAGER) },
	{ F(KEY_RIGHT),	UI_ACT_SCROLL_RIGHT,	0, V(PAGER) },
	{ 'Q',		UI_ACT_QUIT,		0, UI_IN_ANY },
	{ 'n',		UI_ACT_NEXT_UNREAD,	0, READ },
	{ 'p',		UI_ACT_PREV_UNREAD,	0, READ },
	{ 'J',		UI_ACT_NEXT,		0, READ },
	{ 'K',		UI_ACT_PREV,		0, READ },
	{ C('n'),	UI_ACT_NEXT_FEED_UNREAD, 0, READ },
	{ C('p'),	UI_ACT_PREV_FEED_UNREAD, 0, READ },
	{ 'N',		UI_ACT_TOGGLE_READ,	0, ARTS },
	{ 'A',		UI_ACT_MARK_FEED_READ,	0, READ },
	{ 'C',		UI_ACT_MARK_ALL_READ,	0, READ },
	{ 's',		UI_ACT_STAR,		0, ARTS },
	{ 'o',		UI_ACT_OPEN_BROWSER,	0, ARTS | V(LINKS) },
	{ 'u',		UI_ACT_LINKS,		0, V(PAGER) },
	{ '1',		UI_ACT_LINK,		1, V(PAGER) },
	{ '2',		UI_ACT_LINK,		2, V(PAGER) },
	{ '3',		UI_ACT_LINK,		3, V(PAGER) },
	{ '4',		UI_ACT_LINK,		4, V(PAGER) },
	{ '5',		UI_ACT_LINK,		5, V(PAGER) },
	{ '6',		UI_ACT_LINK,		6, V(PAGER) },
	{ '7',		UI_ACT_LINK,		7, V(PAGER) },
	{ '8',		UI_ACT_LINK,		8, V(PAGER) },
	{ '9',		UI_ACT_LINK,		9, V(PAGER) },
	{ '0',		UI_ACT_LINK,		10, V(PAGER) },
	{ 'r',		UI_ACT_RELOAD,		0, READ },
	{ 'R',		UI_ACT_RELOAD_ALL,	0, READ | V(FIRST) },
	{ '/',		UI_ACT_SEARCH,		0, READ },
	{ 'd',		UI_ACT_DIRECTION,	0, READ },
	{ 'f',		UI_ACT_FULL_ARTICLE,	0, V(PAGER) },
	{ 'F',		UI_ACT_FETCH_ARTICLE,	0, V(PAGER) },
	{ 'i',		UI_ACT_IMPORT,		0, V(FIRST) },
	{ 'n',		UI_ACT_IMPORT_NEWSBOAT,	0, V(FIRST) },
	{ '?',		UI_ACT_HELP,		0, UI_IN_ANY },
	{ C('l'),	UI_ACT_REDRAW,		0, UI_IN_ANY },
	{ 27,		UI_ACT_DISMISS,		0, UI_IN_ANY },
};

/* Names and help of the actions, in enum ui_action's order. */
static const struct {
	const char	*name;
	const char	*help;
} ui_keys_actions[UI_ACT_COUNT] = {
	[UI_ACT_NONE] =		{ "none", "" },
	[UI_ACT_UP] =		{ "up", N_("move up one row (one line)") },
	[UI_ACT_DOWN] =		{ "down", N_("move down one row (one line)") },
	[UI_ACT_PAGE_UP] =	{ "page-up", N_("move up one page") },
	[UI_ACT_PAGE_DOWN] =	{ "page-down", N_("move down one page") },
	[UI_ACT_HALF_UP] =	{ "half-page-up", N_("move up half a page") },
	[UI_ACT_HALF_DOWN] =	{ "half-page-down",
	    N_("move down half a page") },
	[UI_ACT_HOME] =		{ "home", N_("go to the first row (the top)") },
	[UI_ACT_END] =		{ "end", N_("go to the last row (the end)") },
	[UI_ACT_OPEN] =		{ "open",
	    N_("open the selected feed, list, article or link") },
	[UI_ACT_BACK] =		{ "back",
	    N_("go back; quit from the feed list") },
	[UI_ACT_QUIT] =		{ "quit", N_("quit akhbar") },
	[UI_ACT_RELOAD] =	{ "reload", N_("reload the selected feed") },
	[UI_ACT_RELOAD_ALL] =	{ "reload-all", N_("reload every feed") },
	[UI_ACT_NEXT_UNREAD] =	{ "next-unread",
	    N_("go to the next unread article or feed") },
	[UI_ACT_PREV_UNREAD] =	{ "prev-unread",
	    N_("go to the previous unread article or feed") },
	[UI_ACT_NEXT] =		{ "next", N_("go to the next article or feed") },
	[UI_ACT_PREV] =		{ "prev",
	    N_("go to the previous article or feed") },
	[UI_ACT_NEXT_FEED_UNREAD] = { "next-unread-feed",
	    N_("go to the next feed with unread articles") },
	[UI_ACT_PREV_FEED_UNREAD] = { "prev-unread-feed",
	    N_("go to the previous feed with unread articles") },
	[UI_ACT_TOGGLE_READ] =	{ "toggle-read",
	    N_("mark the article read or unread") },
	[UI_ACT_MARK_FEED_READ] = { "mark-feed-read",
	    N_("mark every article of the feed read") },
	[UI_ACT_MARK_ALL_READ] = { "mark-all-read",
	    N_("mark every article of every feed read") },
	[UI_ACT_STAR] =		{ "star", N_("star or unstar the article") },
	[UI_ACT_OPEN_BROWSER] =	{ "open-in-browser",
	    N_("open the article's link (or the selected link) in the "
	    "browser") },
	[UI_ACT_LINKS] =	{ "links", N_("list the article's links") },
	[UI_ACT_LINK] =		{ "open-link",
	    N_("open the article's link with this number") },
	[UI_ACT_SEARCH] =	{ "search",
	    N_("search every article (the query language of --search)") },
	[UI_ACT_DIRECTION] =	{ "direction",
	    N_("the feed's text direction: automatic, right-to-left, "
	    "left-to-right") },
	[UI_ACT_HELP] =		{ "help", N_("show the keys") },
	[UI_ACT_REDRAW] =	{ "redraw", N_("redraw the screen") },
	[UI_ACT_DISMISS] =	{ "dismiss", N_("dismiss the message") },
	[UI_ACT_IMPORT] =	{ "import",
	    N_("import the bundled list of Arabic news feeds") },
	[UI_ACT_SCROLL_LEFT] =	{ "scroll-left",
	    N_("scroll lines too wide for the view back to the left; go "
	    "back when they are not scrolled") },
	[UI_ACT_SCROLL_RIGHT] =	{ "scroll-right",
	    N_("scroll lines too wide for the view to the right") },
	[UI_ACT_FULL_ARTICLE] =	{ "full-article",
	    N_("show the full article or the feed's summary; fetch the "
	    "article from its web page when none is stored") },
	[UI_ACT_IMPORT_NEWSBOAT] = { "import-newsboat",
	    N_("import newsboat's feeds, and its read and starred states") },
	[UI_ACT_FETCH_ARTICLE] = { "fetch-article",
	    N_("fetch the full article from its web page again") },
};

/*
 * Letters of the Arabic (PC), Hebrew and Persian keyboard layouts, and the
 * Latin key in the same place. Where two layouts put a letter in different
 * places, the Arabic one is kept.
 */
static const struct {
	int	from;
	int	to;
} ui_keys_layout[] = {
	/* Arabic, unshifted */
	{ 0x0636, 'q' }, { 0x0635, 'w' }, { 0x062B, 'e' }, { 0x0642, 'r' },
	{ 0x0641, 't' }, { 0x063A, 'y' }, { 0x0639, 'u' }, { 0x0647, 'i' },
	{ 0x062E, 'o' }, { 0x062D, 'p' }, { 0x062C, '[' }, { 0x062F, ']' },
	{ 0x0634, 'a' }, { 0x0633, 's' }, { 0x064A, 'd' }, { 0x0628, 'f' },
	{ 0x0644, 'g' }, { 0x0627, 'h' }, { 0x062A, 'j' }, { 0x0646, 'k' },
	{ 0x0645, 'l' }, { 0x0643, ';' }, { 0x0637, '\'' }, { 0x0630, '`' },
	{ 0x0626, 'z' }, { 0x0621, 'x' }, { 0x0624, 'c' }, { 0x0631, 'v' },
	{ 0x0649, 'n' }, { 0x0629, 'm' }, { 0x0648, ',' }, { 0x0632, '.' },
	{ 0x0638, '/' },
	/* Arabic, shifted */
	{ 0x064E, 'Q' }, { 0x064B, 'W' }, { 0x064F, 'E' }, { 0x064C, 'R' },
	{ 0x0625, 'Y' }, { 0x2018, 'U' }, { 0x00F7, 'I' }, { 0x00D7, 'O' },
	{ 0x061B, 'P' }, { 0x0650, 'A' }, { 0x064D, 'S' }, { 0x0623, 'H' },
	{ 0x0640, 'J' }, { 0x060C, 'K' }, { 0x0652, 'X' }, { 0x0622, 'N' },
	{ 0x061F, '?' },
	/* Persian letters the Arabic layout lacks */
	{ 0x067E, 'm' }, { 0x0686, ']' }, { 0x06AF, '\'' }, { 0x06A9, ';' },
	{ 0x06CC, 'd' }, { 0x0698, 'C' },
	/* Hebrew */
	{ 0x05E9, 'a' }, { 0x05D3, 's' }, { 0x05D2, 'd' }, { 0x05DB, 'f' },
	{ 0x05E2, 'g' }, { 0x05D9, 'h' }, { 0x05D7, 'j' }, { 0x05DC, 'k' },
	{ 0x05DA, 'l' }, { 0x05E3, ';' }, { 0x05E7, 'e' }, { 0x05E8, 'r' },
	{ 0x05D0, 't' }, { 0x05D8, 'y' }, { 0x05D5, 'u' }, { 0x05DF, 'i' },
	{ 0x05DD, 'o' }, { 0x05E4, 'p' }, { 0x05D6, 'z' }, { 0x05E1, 'x' },
	{ 0x05D1, 'c' }, { 0x05D4, 'v' }, { 0x05E0, 'b' }, { 0x05DE, 'n' },
	{ 0x05E6, 'm' }, { 0x05EA, ',' }, { 0x05E5, '.' },
};

/* The Latin key a letter of an RTL keyboard layout sits on, or the key. */
int
ui_keys_latin(int key)
{
	size_t	i;

	if (key >= 0x0660 && key <= 0x0669)	/* Arabic-Indic digits */
		return ('0' + key - 0x0660);
	if (key >= 0x06F0 && key <= 0x06F9)	/* Persian digits */
		return ('0' + key - 0x06F0);
	for (i = 0; i < sizeof ui_keys_layout / sizeof ui_keys_layout[0];
	    i++) {
		if (ui_keys_layout[i].from == key)
			return (ui_keys_layout[i].to);
	}
	return (key);
}

/*
 * Read a key without waiting: 1 with *key set, 0 when none is waiting.
 * The Arabic layout's lam-alef keys send two letters (lam, then an alef):
 * they are one key, b, T, G or B.
 */
int
ui_keys_read(struct ui *ui, int *key)
{
	wint_t	wc, next;
	int	rc;

	(void)ui;
	rc = wget_wch(stdscr, &wc);
	if (rc == ERR)
		return (0);
	if (rc == KEY_CODE_YES) {
		*key = UI_KEY_FN((int)wc);
		return (1);
	}
	if (wc == '\n')
		wc = '\r';
	if (wc == 0x0644) {	/* lam: an alef may follow at once */
		rc = wget_wch(stdscr, &next);
		if (rc == OK && (next == 0x0627 || next == 0x0625 ||
		    next == 0x0623 || next == 0x0622)) {
			*key = next == 0x0627 ? 'b' : next == 0x0625 ? 'T' :
			    next == 0x0623 ? 'G' : 'B';
			return (1);
		}
		if (rc == OK)
			unget_wch((wchar_t)next);
		else if (rc == KEY_CODE_YES)
			ungetch((int)next);
	}
	*key = (int)wc;
	return (1);
}

/* The configuration's bindings, looked at before the defaults. */
static struct ui_binding *ui_keys_user;
static size_t		  ui_keys_nuser;

/* Take the configuration's bind and unbind lines (NULL: none). */
void
ui_keys_configure(const struct conf *cf)
{
	free(ui_keys_user);
	ui_keys_user = NULL;
	ui_keys_nuser = 0;
	if (cf != NULL)
		ui_keys_user = ui_conf_bindings(cf, &ui_keys_nuser);
}

/* The binding of a key in a view, or NULL (RTL layouts' letters too). */
const struct ui_binding *
ui_keys_lookup(int key, enum ui_view_kind view)
{
	size_t	i, n = sizeof ui_keys_default / sizeof ui_keys_default[0];
	int	latin;

	for (i = 0; i < ui_keys_nuser; i++) {
		if (ui_keys_user[i].key == key &&
		    (ui_keys_user[i].views & UI_IN(view)))
			return (ui_keys_user[i].action != UI_ACT_NONE ?
			    &ui_keys_user[i] : NULL);
	}
	for (i = 0; i < n; i++) {
		if (ui_keys_default[i].key == key &&
		    (ui_keys_default[i].views & UI_IN(view)))
			return (&ui_keys_default[i]);
	}
	latin = ui_keys_latin(key);
	if (latin != key)
		return (ui_keys_lookup(latin, view));
	return (NULL);
}

/*
 * The key that does an action in a view now (the configuration's bind
 * and unbind lines heeded: the first key of the tables whose lookup gives
 * that action), or 0 when no key does.
 */
int
ui_keys_for(enum ui_action a, enum ui_view_kind view)
{
	const struct ui_binding	*b;
	size_t			 i, n = sizeof ui_keys_default /
				    sizeof ui_keys_default[0];

	for (i = 0; i < ui_keys_nuser + n; i++) {
		b = i < ui_keys_nuser ? &ui_keys_user[i] :
		    &ui_keys_default[i - ui_keys_nuser];
		if (b->action != a || !(b->views & UI_IN(view)))
			continue;
		if (ui_keys_lookup(b->key, view) == b)
			return (b->key);
	}
	return (0);
}

/* The whole table, for the help screen and the man page test. */
const struct ui_binding *
ui_keys_table(size_t *n)
{
	*n = sizeof ui_keys_default / sizeof ui_keys_default[0];
	return (ui_keys_default);
}

/* An action's name, as "bind" takes it. */
const char *
ui_keys_action_name(enum ui_action a)
{
	if (a < 0 || a >= UI_ACT_COUNT)
		return ("none");
	return (ui_keys_actions[a].name);
}

/* What an action does, in the user's language. */
const char *
ui_keys_action_help(enum ui_action a)
{
	if (a <= 0 || a >= UI_ACT_COUNT)
		return ("");
	return (_(ui_keys_actions[a].help));
}

/* A key's name as the help screen and the man page show it. */
char *
ui_keys_name(int key)
{
	static const struct {
		int		 key;
		const char	*name;
	} names[] = {
		{ F(KEY_DOWN), "Down" }, { F(KEY_UP), "Up" },
		{ F(KEY_LEFT), "Left" }, { F(KEY_RIGHT), "Right" },
		{ F(KEY_NPAGE), "PgDn" }, { F(KEY_PPAGE), "PgUp" },
		{ F(KEY_HOME), "Home" }, { F(KEY_END), "End" },
		{ F(KEY_ENTER), "Enter" }, { F(KEY_BACKSPACE), "Backspace" },
		{ '\r', "ENTER" }, { ' ', "SPACE" }, { 27, "ESC" },
		{ '\t', "TAB" },
	};
	char	*s, buf[8];
	size_t	 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].key == key)
			return (xstrdup(names[i].name));
	}
	if (key > 0 && key < 32) {
		xasprintf(&s, "^%c", key + '@');
		return (s);
	}
	if (UI_KEY_IS_FN(key) && key - UI_KEY_FN(0) >= KEY_F(1) &&
	    key - UI_KEY_FN(0) <= KEY_F(63)) {
		/* As "bind" takes it: F1 ... */
		xasprintf(&s, "F%d", key - UI_KEY_FN(0) - KEY_F0);
		return (s);
	}
	if (UI_KEY_IS_FN(key)) {
		xasprintf(&s, "key%d", key - UI_KEY_FN(0));
		return (s);
	}
	if (key >= 0x80 && key < 0x110000) {
		memset(buf, 0, sizeof buf);
		if (wctomb(buf, (wchar_t)key) > 0)
			return (xstrdup(buf));
	}
	xasprintf(&s, "%c", key);
	return (s);
}
