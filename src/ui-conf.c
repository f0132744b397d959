/*
 * The configuration's bind, unbind and color lines, in the interface's
 * terms. conf-parse.c keeps them as parsed lists with their places; here
 * their names are the interface's: actions from the key table
 * (ui-keys.c), elements of the theme (enum ui_color), key names as
 * curses codes. ui_conf_check runs before curses starts, from the command
 * line, so that a misspelt action stops akhbar with its file, line,
 * column and the nearest name. ui_conf_bindings and ui_conf_colors make
 * the rows and attributes the interface uses in place of its defaults.
 */
#include "config.h"

#include "ui-conf.h"

#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ui-priv.h"
#include "utf8.h"
#include "xmalloc.h"

/* The theme's elements as the color line names them. */
static const char *const ui_conf_element_names[UI_COLOR_COUNT] = {
	[UI_COLOR_NORMAL] = "normal",
	[UI_COLOR_TITLE] = "title",
	[UI_COLOR_STATUS] = "status",
	[UI_COLOR_SELECTED] = "selected",
	[UI_COLOR_UNREAD] = "unread",
	[UI_COLOR_ERROR] = "error",
	[UI_COLOR_INFO] = "info",
	[UI_COLOR_META] = "meta",
	[UI_COLOR_HEADER] = "header",
	[UI_COLOR_LINK] = "link",
	[UI_COLOR_QUOTE] = "quote",
	[UI_COLOR_HEADING] = "heading",
	[UI_COLOR_BAR] = "bar",
	[UI_COLOR_PLACEHOLDER] = "placeholder",
};

/* The theme's element names, in enum ui_color's order. */
const char *const *
ui_conf_elements(size_t *n)
{
	*n = UI_COLOR_COUNT;
	return (ui_conf_element_names);
}

/*
 * Check the bind lines' actions against the key table's and the color
 * lines' elements against the theme's; each unknown one is a problem.
 */
size_t
ui_conf_check(const struct conf *cf, struct conf_problems *probs)
{
	const char	*actions[UI_ACT_COUNT];
	size_t		 i, n, bad;

	/* "none" is no action to bind: unbind says that. */
	for (i = 1, n = 0; i < UI_ACT_COUNT; i++)
		actions[n++] = ui_keys_action_name((enum ui_action)i);
	bad = conf_check_names(cf, CONF_ERR_ACTION, actions, n, probs);
	bad += conf_check_names(cf, CONF_ERR_ELEMENT, ui_conf_element_names,
	    UI_COLOR_COUNT, probs);
	return (bad);
}

/* The interface's key code for a key name as conf_key_name writes it; -1 for none. */
int
ui_conf_key(const char *name)
{
	static const struct {
		const char	*name;
		int		 key;
	} named[] = {
		{ "ENTER", '\r' }, { "SPACE", ' ' }, { "TAB", '\t' },
		{ "ESC", 27 }, { "BACKSPACE", UI_KEY_FN(KEY_BACKSPACE) },
		{ "DELETE", UI_KEY_FN(KEY_DC) }, { "INSERT", UI_KEY_FN(KEY_IC) },
		{ "UP", UI_KEY_FN(KEY_UP) }, { "DOWN", UI_KEY_FN(KEY_DOWN) },
		{ "LEFT", UI_KEY_FN(KEY_LEFT) }, { "RIGHT", UI_KEY_FN(KEY_RIGHT) },
		{ "PGUP", UI_KEY_FN(KEY_PPAGE) }, { "PGDN", UI_KEY_FN(KEY_NPAGE) },
		{ "HOME", UI_KEY_FN(KEY_HOME) }, { "END", UI_KEY_FN(KEY_END) },
	};
	unsigned int	 cp;
	size_t		 i, len = strlen(name);

	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (strcmp(named[i].name, name) == 0)
			return (named[i].key);
	}
	if (name[0] == 'F' && len >= 2 && len <= 3 && atoi(name + 1) >= 1 &&
	    atoi(name + 1) <= 12)
		return (UI_KEY_FN(KEY_F(atoi(name + 1))));
	if (len == 2 && name[0] == '^')
		return (name[1] == '?' ? 0x7f : UI_KEY_CTRL(name[1]));
	if (len > 0 && utf8_char((const unsigned char *)name, len, &cp) == len)
		return ((int)cp);
	return (-1);
}

/* The views an action's default bindings work in, and its argument. */
static unsigned
ui_conf_views(enum ui_action a, int *arg)
{
	const struct ui_binding	*t;
	size_t			 n, i;
	unsigned		 views = 0;

	*arg = 0;
	t = ui_keys_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].action != a)
			continue;
		if (views == 0)
			*arg = t[i].arg;
		views |= t[i].views;
	}
	return (views != 0 ? views : UI_IN_ANY);
}

/*
 * The configuration's bindings as key-table rows, in the file's order
 * (caller frees): a bind row works in the views where its action's
 * default keys work; an unbind row is UI_ACT_NONE everywhere. The key
 * table looks here before its defaults; of two rows for one key, the
 * later wins. Lines ui_conf_check found wrong are not in it.
 */
struct ui_binding *
ui_conf_bindings(const struct conf *cf, size_t *np)
{
	struct ui_binding	*v;
	const struct conf_bind	*b;
	size_t			 i, n = 0;
	int			 key, a;

	/* Room for ENTER's second row. */
	v = xcalloc(2 * cf->nbinds + 1, sizeof *v);
	for (i = cf->nbinds; i-- > 0;) {
		b = &cf->binds[i];
		if ((key = ui_conf_key(b->key)) == -1)
			continue;
		v[n].key = key;
		v[n].action = UI_ACT_NONE;
		v[n].views = UI_IN_ANY;
		v[n].arg = 0;
		if (b->action != NULL) {
			for (a = 1; a < UI_ACT_COUNT; a++) {
				if (strcmp(ui_keys_action_name(
				    (enum ui_action)a), b->action) == 0)
					break;
			}
			if (a == UI_ACT_COUNT)
				continue;
			v[n].action = (enum ui_action)a;
			v[n].views = ui_conf_views(v[n].action, &v[n].arg);
		}
		n++;
		/* ENTER is the keypad's Enter too. */
		if (key == '\r') {
			v[n] = v[n - 1];
			v[n++].key = UI_KEY_FN(KEY_ENTER);
		}
	}
	*np = n;
	return (v);
}

/* A colour the terminal can show: 256-colour numbers folded onto eight. */
static short
ui_conf_color(int c)
{
	if (c < 0)
		return (-1);
	if (c >= COLORS)
		return ((short)(c < 16 ? c % 8 : COLOR_WHITE));
	return ((short)c);
}

/*
 * Paint the configuration's colours over the theme's (after
 * ui_paint_init): each color line's element gets its colours (in a pair
 * of its own, after the theme's) and attributes; without colours, its
 * attributes alone.
 */
void
ui_conf_colors(struct ui *ui, const struct conf *cf)
{
	static const attr_t	 bits[] = {
		A_BOLD, A_DIM, A_UNDERLINE, A_REVERSE, A_STANDOUT, A_BLINK,
		A_ITALIC, A_INVIS,
	};
	const struct conf_color	*c;
	const char		*nc = getenv("NO_COLOR");
	attr_t			 a;
	size_t			 i, j;
	short			 pair;
	int			 e;
	bool			 color;

	color = ui->opts.color && (nc == NULL || *nc == '\0') && has_colors();
	for (i = 0; i < cf->ncolors; i++) {
		c = &cf->colors[i];
		for (e = 0; e < UI_COLOR_COUNT; e++) {
			if (strcmp(ui_conf_element_names[e], c->element) == 0)
				break;
		}
		if (e == UI_COLOR_COUNT)
			continue;
		for (a = A_NORMAL, j = 0; j < sizeof bits / sizeof bits[0]; j++) {
			if (c->attrs & (1u << j))
				a |= bits[j];
		}
		pair = (short)(UI_COLOR_COUNT + 1 + e);
		if (color && pair < COLOR_PAIRS && init_pair(pair,
		    ui_conf_color(c->fg), ui_conf_color(c->bg)) == OK)
			a |= COLOR_PAIR(pair);
		ui->attrs[e] = a;
	}
}
