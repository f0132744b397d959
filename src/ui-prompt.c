/*
 * A line typed at the bottom of the screen (the search query). The text
 * is kept as code points in logical order and shown laid out like any
 * other text, so an Arabic query reads right to left; the cursor is the
 * cell of the letter it stands before (found through the cells' logical
 * index), or a blank at the text's logical end. Keys are taken as typed:
 * no keyboard-layout mapping here.
 */
#include "config.h"

#include "ui-priv.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

/* Start typing a line after label; done gets it (NULL: cancelled). */
void
ui_prompt_start(struct ui *ui, const char *label,
    void (*done)(struct ui *, const char *))
{
	struct ui_prompt	*p = &ui->prompt;

	free(p->label);
	p->label = xstrdup(label);
	p->len = p->cursor = 0;
	p->done = done;
	p->active = true;
}

/* The text typed so far, as UTF-8. */
static char *
ui_prompt_text(const struct ui_prompt *p)
{
	struct str	s;
	int		i;

	str_init(&s);
	str_reserve(&s, (size_t)p->len * 4);
	str_clear(&s);
	for (i = 0; i < p->len; i++)
		utf8_put(&s, p->text[i]);
	return (str_steal(&s));
}

/* End the prompt and tell its owner. */
static void
ui_prompt_end(struct ui *ui, bool ok)
{
	struct ui_prompt	*p = &ui->prompt;
	void			(*done)(struct ui *, const char *);
	char			*text;

	p->active = false;
	done = p->done;
	p->done = NULL;
	if (done == NULL)
		return;
	if (!ok) {
		done(ui, NULL);
		return;
	}
	text = ui_prompt_text(p);
	done(ui, text);
	free(text);
}

/* A key while the prompt is active; returns redraw flags. */
int
ui_prompt_key(struct ui *ui, int key)
{
	struct ui_prompt	*p = &ui->prompt;

	switch (key) {
	case '\r':
	case UI_KEY_FN(KEY_ENTER):
		ui_prompt_end(ui, true);
		return (UI_REDRAW_ALL);
	case 27:
	case UI_KEY_CTRL('g'):
		ui_prompt_end(ui, false);
		return (UI_REDRAW_MSG);
	case UI_KEY_FN(KEY_BACKSPACE):
	case 127:
	case UI_KEY_CTRL('h'):
		if (p->cursor > 0) {
			memmove(p->text + p->cursor - 1, p->text + p->cursor,
			    (size_t)(p->len - p->cursor) * sizeof *p->text);
			p->cursor--;
			p->len--;
		} else if (p->len == 0)
			ui_prompt_end(ui, false);
		return (UI_REDRAW_MSG);
	case UI_KEY_FN(KEY_DC):
	case UI_KEY_CTRL('d'):
		if (p->cursor < p->len) {
			memmove(p->text + p->cursor, p->text + p->cursor + 1,
			    (size_t)(p->len - p->cursor - 1) *
			    sizeof *p->text);
			p->len--;
		}
		return (UI_REDRAW_MSG);
	case UI_KEY_FN(KEY_LEFT):
		/* Visual left: back in LTR text, on in RTL text. */
		if (ui->rtl || (p->len > 0 && p->text[0] >= 0x0590 &&
		    p->text[0] < 0x08ff)) {
			if (p->cursor < p->len)
				p->cursor++;
		} else if (p->cursor > 0)
			p->cursor--;
		return (UI_REDRAW_MSG);
	case UI_KEY_FN(KEY_RIGHT):
		if (ui->rtl || (p->len > 0 && p->text[0] >= 0x0590 &&
		    p->text[0] < 0x08ff)) {
			if (p->cursor > 0)
				p->cursor--;
		} else if (p->cursor < p->len)
			p->cursor++;
		return (UI_REDRAW_MSG);
	case UI_KEY_FN(KEY_HOME):
	case UI_KEY_CTRL('a'):
		p->cursor = 0;
		return (UI_REDRAW_MSG);
	case UI_KEY_FN(KEY_END):
	case UI_KEY_CTRL('e'):
		p->cursor = p->len;
		return (UI_REDRAW_MSG);
	case UI_KEY_CTRL('u'):
		p->len = p->cursor = 0;
		return (UI_REDRAW_MSG);
	}
	if (UI_KEY_IS_FN(key) || key < 0x20 || (key >= 0x7f && key < 0xa0))
		return (0);
	if (p->len + 1 >= p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->text = xreallocarray(p->text, (size_t)p->cap,
		    sizeof *p->text);
	}
	memmove(p->text + p->cursor + 1, p->text + p->cursor,
	    (size_t)(p->len - p->cursor) * sizeof *p->text);
	p->text[p->cursor++] = (uint32_t)key;
	p->len++;
	return (UI_REDRAW_MSG);
}

/* Paint the prompt on the message line. */
void
ui_prompt_draw(struct ui *ui)
{
	struct ui_prompt		*p = &ui->prompt;
	struct layout_para		*para;
	const struct layout_line	*lines, *ln;
	attr_t				 base = ui_attr(ui, UI_COLOR_NORMAL);
	char				*text;
	int				 lw, x, width, n, i, col, cx;
	cchar_t				 cc;
	wchar_t				 sp[2] = { L' ', 0 };

	ui_paint_blank(ui->msgwin, 0, 0, ui->cols, base);
	lw = ui_text_width(ui, p->label);
	if (lw > ui->cols / 2)
		lw = ui->cols / 2;
	width = ui->cols - lw - 3;
	if (width < 1) {
		wnoutrefresh(ui->msgwin);
		return;
	}
	x = ui->rtl ? 1 : lw + 2;
	ui_paint_field(ui, ui->msgwin, 0, ui->rtl ? ui->cols - 1 - lw : 1, lw,
	    p->label, ui->rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR, 0,
	    base | A_BOLD);

	text = ui_prompt_text(p);
	para = layout_para_new(text, strlen(text), NULL, 0, LAYOUT_DIR_AUTO,
	    &ui->lcfg);
	free(text);
	layout_para_wrap(para, width - 1);
	lines = layout_para_lines(para, &n);
	/* The line the cursor is on. */
	ln = &lines[n - 1];
	for (i = 0; i < n; i++) {
		if (p->cursor < lines[i].start + lines[i].len) {
			ln = &lines[i];
			break;
		}
	}
	{
		struct layout_line	 l = *ln;

		/* Leave a column for the cursor at either end. */
		l.indent = layout_para_rtl(para) ? width - l.width : 0;
		if (l.indent < 1 && layout_para_rtl(para))
			l.indent = 1;
		ui_paint_line(ui, ui->msgwin, 0, x, width, &l, base, false);
		/* The cursor: the cell of the letter it stands before. */
		cx = -1;
		for (i = 0, col = l.indent; i < l.ncells; i++) {
			if (l.cells[i].log == p->cursor) {
				cx = col;
				break;
			}
			col += l.cells[i].width;
		}
		if (cx < 0)
			cx = layout_para_rtl(para) ? l.indent - 1 :
			    l.indent + l.width;
		if (cx >= 0 && cx < width) {
			cchar_t	cur;
			attr_t	ca;
			short	pair;
			wchar_t	wch[CCHARW_MAX];

			if (mvwin_wch(ui->msgwin, 0, x + cx, &cur) == OK &&
			    getcchar(&cur, wch, &ca, &pair, NULL) != ERR) {
				setcchar(&cc, wch, ca | A_REVERSE, pair, NULL);
			} else
				setcchar(&cc, sp, base | A_REVERSE, 0, NULL);
			mvwadd_wch(ui->msgwin, 0, x + cx, &cc);
		}
	}
	layout_para_free(para);
	wnoutrefresh(ui->msgwin);
}
