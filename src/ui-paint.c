/*
 * Painting laid-out text into curses windows, and the theme. Every title,
 * date and body line reaches the screen through ui_paint_line(): cells from
 * the layout layer, in visual order, each a base character with its
 * combining marks, put with setcchar()/mvadd_wch() from the line's indent
 * and clipped to its field. The cells are checked once more here, so that
 * no control character reaches the terminal even from a cache written by
 * something else than akhbar's sanitising parser.
 *
 * The theme maps each element of the screen to attributes: colours from a
 * small table with defaults for 8 and 256 colours, or, with NO_COLOR, on a
 * monochrome terminal or with colours off, attributes alone (reverse for the
 * selection, bold for unread rows).
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "doc.h"
#include "xmalloc.h"

/* One element's look. */
struct ui_theme {
	enum ui_color	 color;
	short		 fg8, bg8;	/* -1: the terminal's default */
	short		 fg256, bg256;
	attr_t		 attr;		/* with colours */
	attr_t		 mono;		/* without */
};

static const struct ui_theme ui_theme_default[UI_COLOR_COUNT] = {
	{ UI_COLOR_NORMAL, -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	{ UI_COLOR_TITLE, COLOR_WHITE, COLOR_BLUE, 231, 24, A_BOLD, A_REVERSE },
	{ UI_COLOR_STATUS, COLOR_WHITE, COLOR_BLUE, 231, 24, A_NORMAL,
	    A_REVERSE },
	{ UI_COLOR_SELECTED, COLOR_BLACK, COLOR_CYAN, 16, 152, A_NORMAL,
	    A_REVERSE },
	{ UI_COLOR_UNREAD, -1, -1, -1, -1, A_BOLD, A_BOLD },
	{ UI_COLOR_ERROR, COLOR_RED, -1, 160, -1, A_BOLD, A_BOLD },
	{ UI_COLOR_INFO, COLOR_GREEN, -1, 28, -1, A_NORMAL, A_NORMAL },
	{ UI_COLOR_META, COLOR_CYAN, -1, 66, -1, A_NORMAL, A_NORMAL },
	{ UI_COLOR_HEADER, COLOR_YELLOW, -1, 136, -1, A_BOLD, A_BOLD },
	{ UI_COLOR_LINK, COLOR_CYAN, -1, 31, -1, A_UNDERLINE, A_UNDERLINE },
	{ UI_COLOR_QUOTE, COLOR_GREEN, -1, 65, -1, A_NORMAL, A_DIM },
	{ UI_COLOR_HEADING, COLOR_MAGENTA, -1, 90, -1, A_BOLD, A_BOLD },
	{ UI_COLOR_BAR, COLOR_BLACK, COLOR_GREEN, 16, 114, A_NORMAL,
	    A_REVERSE },
	{ UI_COLOR_PLACEHOLDER, -1, -1, -1, -1, A_DIM, A_DIM },
};

/* Set the theme up for this terminal: colours when it has them and may. */
void
ui_paint_init(struct ui *ui)
{
	const struct ui_theme	*t;
	const char		*nc;
	bool			 color, many;
	int			 i;

	nc = getenv("NO_COLOR");
	color = ui->opts.color && (nc == NULL || *nc == '\0') &&
	    has_colors() && start_color() == OK;
	if (color)
		use_default_colors();
	many = color && COLORS >= 256;
	for (i = 0; i < UI_COLOR_COUNT; i++) {
		t = &ui_theme_default[i];
		if (!color || (t->fg8 == -1 && t->bg8 == -1)) {
			ui->attrs[i] = color ? t->attr : t->mono;
			continue;
		}
		if (init_pair((short)i, many ? t->fg256 : t->fg8,
		    many ? t->bg256 : t->bg8) == OK)
			ui->attrs[i] = t->attr | COLOR_PAIR(i);
		else
			ui->attrs[i] = t->mono;
	}
}

/* The attributes of an element. */
attr_t
ui_attr(const struct ui *ui, enum ui_color c)
{
	return (ui->attrs[c]);
}

/*
 * The attributes of a selected row whose own are a: the selection's
 * colours, and a's bold only without colours (bold black on a light
 * background turns grey in many terminals).
 */
attr_t
ui_attr_selected(const struct ui *ui, attr_t a)
{
	attr_t	sel = ui_attr(ui, UI_COLOR_SELECTED);

	if (PAIR_NUMBER(sel) != 0)
		return (sel);
	return (sel | (a & A_BOLD));
}

/* Blank n columns at (y, x) with attributes. */
void
ui_paint_blank(WINDOW *w, int y, int x, int n, attr_t attr)
{
	cchar_t		cc;
	wchar_t		sp[2] = { L' ', 0 };
	int		i;

	setcchar(&cc, sp, attr, PAIR_NUMBER(attr), NULL);
	for (i = 0; i < n; i++)
		mvwadd_wch(w, y, x + i, &cc);
}

/* Whether a code point may go to the terminal. */
static bool
ui_paint_ok(wchar_t c)
{
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return (false);
	if (c == 0x2028 || c == 0x2029 || c == 0xFEFF)
		return (false);
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c)
		return (false);
	return (true);
}

/* The attributes a style of the article view adds. */
static attr_t
ui_paint_style(const struct ui *ui, int style)
{
	attr_t	a = 0;

	if (style & DOC_BOLD)
		a |= A_BOLD;
#ifdef A_ITALIC
	if (style & DOC_ITALIC)
		a |= A_ITALIC;
#endif
	if (style & DOC_UNDERLINE)
		a |= A_UNDERLINE;
	if (style & UI_STYLE_LABEL)
		a |= ui_attr(ui, UI_COLOR_HEADER);
	if (style & DOC_PLACEHOLDER)
		a |= ui_attr(ui, UI_COLOR_PLACEHOLDER);
	if (style & DOC_LINK)
		a |= ui_attr(ui, UI_COLOR_LINK);
	else if (style & (DOC_CODE | DOC_QUOTE_STYLE))
		a |= ui_attr(ui, UI_COLOR_QUOTE);
	return (a);
}

/* Put attributes together; b's colour wins when it has one. */
static attr_t
ui_paint_merge(attr_t a, attr_t b)
{
	if (PAIR_NUMBER(b) != 0)
		a &= ~A_COLOR;
	return (a | b);
}

/*
 * Paint a laid-out line from column x of a field width columns wide, its
 * cells from x + indent; styles adds the article view's run styles.
 * Cells that would cross the field's edge are left out. Returns the last
 * column painted + 1 (relative to x), at least indent.
 */
int
ui_paint_line(const struct ui *ui, WINDOW *w, int y, int x, int width,
    const struct layout_line *ln, attr_t attr, bool styles)
{
	const struct layout_cell *c;
	cchar_t		 cc;
	wchar_t		 ch[LAYOUT_MARKS + 2];
	attr_t		 a;
	int		 i, j, k, col, cw;

	col = ln->indent;
	for (i = 0; i < ln->ncells; i++) {
		c = &ln->cells[i];
		cw = c->width > 0 ? c->width : 1;
		if (col + cw > width)
			break;
		k = 0;
		if (ui_paint_ok(c->ch[0]) && wcwidth(c->ch[0]) == cw)
			ch[k++] = c->ch[0];
		else {
			/* Not for the terminal: one visible replacement. */
			ch[k++] = cw == 2 ? 0xFF1F : 0xFFFD;
			if (cw == 2 && wcwidth(0xFF1F) != 2) {
				ch[0] = 0xFFFD;
				cw = 1;
			}
		}
		for (j = 1; c->ch[j] != 0 && j <= LAYOUT_MARKS; j++) {
			if (ui_paint_ok(c->ch[j]) && wcwidth(c->ch[j]) == 0)
				ch[k++] = c->ch[j];
		}
		ch[k] = 0;
		a = attr;
		if (styles && c->style != 0)
			a = ui_paint_merge(attr, ui_paint_style(ui, c->style));
		setcchar(&cc, ch, a, PAIR_NUMBER(a), NULL);
		mvwadd_wch(w, y, x + col, &cc);
		col += cw;
	}
	return (col);
}

/*
 * Paint one line of text in a field of width columns at (y, x): cut at
 * its logical end with an ellipsis when too long, laid out in direction
 * dir, right-aligned when it resolves RTL (align > 0: always right, < 0:
 * always left), the rest of the field blank. Returns the text's columns.
 */
int
ui_paint_field(const struct ui *ui, WINDOW *w, int y, int x, int width,
    const char *text, enum layout_dir dir, int align, attr_t attr)
{
	struct layout_para		*p;
	const struct layout_line	*lines;
	struct layout_line		 ln;
	char				*cut;
	int				 n, end, used;

	if (width <= 0)
		return (0);
	if (text == NULL)
		text = "";
	cut = layout_truncate(text, width, dir, &ui->lcfg);
	p = layout_para_new(cut, strlen(cut), NULL, 0, dir, &ui->lcfg);
	free(cut);
	layout_para_wrap(p, width);
	lines = layout_para_lines(p, &n);
	used = 0;
	ui_paint_blank(w, y, x, width, attr);
	if (n > 0) {
		ln = lines[0];
		if (align < 0)
			ln.indent = 0;
		else if (align > 0)
			ln.indent = width > ln.width ? width - ln.width : 0;
		end = ui_paint_line(ui, w, y, x, width, &ln, attr, false);
		used = end - ln.indent;
	}
	layout_para_free(p);
	return (used);
}

/* The columns a text takes on one line, laid out. */
int
ui_text_width(const struct ui *ui, const char *text)
{
	struct layout_para	*p;
	int			 n;

	p = layout_para_new(text, strlen(text), NULL, 0, LAYOUT_DIR_AUTO,
	    &ui->lcfg);
	n = layout_para_width(p);
	layout_para_free(p);
	return (n);
}

/* A date in the user's locale with a strftime format; "" when unknown. */
char *
ui_date(int64_t t, const char *fmt)
{
	struct tm	 tm;
	time_t		 tt;
	char		 buf[128];
	size_t		 n;

	if (t == FEED_TIME_UNKNOWN || t <= 0)
		return (xstrdup(""));
	tt = (time_t)t;
	if (localtime_r(&tt, &tm) == NULL)
		return (xstrdup(""));
	/* fmt is a translated strftime format: checked at its callers. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	n = strftime(buf, sizeof buf, fmt, &tm);
#pragma GCC diagnostic pop
	if (n == 0)
		return (xstrdup(""));
	return (xstrdup(buf));
}
