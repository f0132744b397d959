/*
 * Tables, set for the view's width from the cells html-render.c gathered.
 * When the columns fit, each row is one DOC_ROW line: every cell isolated
 * (U+2068 ... U+2069, so that an English cell in an Arabic row keeps its
 * place) and padded on its trailing side to its column's width, measured
 * as the layout measures (shaped, lam-alef and all), the header row bold
 * and underlined by a rule. All rows take one direction, the table's: the
 * block's hint when it is rtl or ltr, else what the whole table's text
 * says, so that a row of numbers lines up with the Arabic ones. When they
 * do not fit, each cell becomes a "label: value" paragraph, the label from
 * the header row, or from the row's own <th>, or the first column of a
 * table of two.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "html-priv.h"
#include "layout.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define HTML_TABLE_GAP	2			/* blanks between columns */
#define HTML_TABLE_FSI	"\xe2\x81\xa8"		/* U+2068 */
#define HTML_TABLE_PDI	"\xe2\x81\xa9"		/* U+2069 */
#define HTML_TABLE_RULE	0x2500			/* ─ */

/* The columns text takes on one line, as the layout sets it. */
static int
html_table_measure(const struct html_table *t, const char *s, size_t n)
{
	struct layout_para	*p;
	int			 w;

	if (n == 0)
		return (0);
	p = layout_para_new(s, n, NULL, 0, LAYOUT_DIR_AUTO, t->cfg);
	w = layout_para_width(p);
	layout_para_free(p);
	return (w);
}

/* The direction every row of the table is set in. */
static enum layout_dir
html_table_dir(const struct html_table *t)
{
	struct layout_para	*p;
	struct str		 all;
	size_t			 i;
	bool			 rtl;

	if (t->dir == LAYOUT_DIR_RTL || t->dir == LAYOUT_DIR_LTR)
		return (t->dir);
	str_init(&all);
	for (i = 0; i < t->ncells; i++) {
		str_append(&all, t->cells[i].text, t->cells[i].len);
		str_appendc(&all, ' ');
	}
	p = layout_para_new(str_cstr(&all), all.len, NULL, 0, t->dir, t->cfg);
	rtl = layout_para_rtl(p);
	layout_para_free(p);
	str_free(&all);
	return (rtl ? LAYOUT_DIR_RTL : LAYOUT_DIR_LTR);
}

/* Append a cell's text and its runs, shifted. */
static void
html_table_append(struct str *s, struct layout_run **runs, size_t *nruns,
    const struct html_cell *c)
{
	size_t	i, off = s->len;

	str_append(s, c->text, c->len);
	*runs = xreallocarray(*runs, *nruns + c->nruns + 1, sizeof **runs);
	for (i = 0; i < c->nruns; i++) {
		(*runs)[*nruns] = c->runs[i];
		(*runs)[(*nruns)++].off += off;
	}
}

/* Add a block for a row of the table. */
static void
html_table_block(struct doc *d, const struct html_table *t,
    enum doc_kind kind, enum layout_dir dir, const struct str *s,
    const struct layout_run *runs, size_t nruns, bool tight)
{
	struct doc_block	*b;
	size_t			 i;

	b = doc_add(d, kind, str_cstr(s), s->len, dir);
	for (i = 0; i < nruns; i++)
		doc_add_run(b, runs[i].off, runs[i].len, runs[i].style);
	b->indent = t->indent;
	b->quote = t->quote;
	b->tight = tight;
}

/* Append n blanks. */
static void
html_table_pad(struct str *s, int n)
{
	for (; n > 0; n--)
		str_appendc(s, ' ');
}

/* Set the rows in aligned columns of the widths in colw. */
static void
html_table_columns(struct doc *d, const struct html_table *t,
    const int *colw, const int *w)
{
	struct layout_run	*runs = NULL;
	struct str		 s;
	enum layout_dir		 dir = html_table_dir(t);
	size_t			 i, j, nruns;
	int			 row, c, k, span;

	str_init(&s);
	for (i = 0, row = 0; i < t->ncells; row++) {
		str_clear(&s);
		nruns = 0;
		for (j = i; j < t->ncells && t->cells[j].row == row; j++) {
			/* Cells missing from a short row are blank. */
			for (c = j == i ? 0 : t->cells[j - 1].col +
			    t->cells[j - 1].span; c < t->cells[j].col; c++)
				html_table_pad(&s, colw[c] + HTML_TABLE_GAP);
			span = 0;
			for (k = 0; k < t->cells[j].span && t->cells[j].col +
			    k < t->ncols; k++)
				span += colw[t->cells[j].col + k] +
				    (k > 0 ? HTML_TABLE_GAP : 0);
			str_appends(&s, HTML_TABLE_FSI);
			html_table_append(&s, &runs, &nruns, &t->cells[j]);
			str_appends(&s, HTML_TABLE_PDI);
			if (j + 1 < t->ncells && t->cells[j + 1].row == row)
				html_table_pad(&s, span - w[j] +
				    HTML_TABLE_GAP);
		}
		html_table_block(d, t, DOC_ROW, dir, &s, runs, nruns, row > 0);
		if (row == 0 && t->head) {
			/* A rule under the header, column by column. */
			str_clear(&s);
			for (c = 0; c < t->ncols; c++) {
				if (c > 0)
					html_table_pad(&s, HTML_TABLE_GAP);
				for (k = 0; k < colw[c]; k++)
					utf8_put(&s, HTML_TABLE_RULE);
			}
			html_table_block(d, t, DOC_ROW, dir, &s, NULL, 0, true);
		}
		i = j;
	}
	free(runs);
	str_free(&s);
}

/*
 * The label of a cell in a table too wide for its columns, or NULL: the
 * header of its column, the <th> its row starts with, or the first cell
 * of a two-column row.
 */
static const struct html_cell *
html_table_label(const struct html_table *t, const struct html_cell *row,
    const struct html_cell *c)
{
	size_t	i;

	if (t->head) {
		for (i = 0; i < t->ncells && t->cells[i].row == 0; i++) {
			if (t->cells[i].col <= c->col && c->col <
			    t->cells[i].col + t->cells[i].span)
				return (t->cells[i].len > 0 ? &t->cells[i] :
				    NULL);
		}
		return (NULL);
	}
	if (c != row && (row->head || t->ncols == 2))
		return (row->len > 0 ? row : NULL);
	return (NULL);
}

/*
 * Set each cell as a "label: value" paragraph, rows apart when a row
 * makes more than one (a row of one, a key and its value, is a line).
 */
static void
html_table_labels(struct doc *d, const struct html_table *t)
{
	const struct html_cell	*row = NULL, *c, *label;
	struct layout_run	*runs = NULL;
	struct str		 s;
	size_t			 i, j, nruns;
	bool			 first = true, any = false, apart;

	/* Only a row of two without a header is one paragraph. */
	apart = t->head || t->ncols > 2;
	str_init(&s);
	for (i = 0; i < t->ncells; i++) {
		c = &t->cells[i];
		if (i == 0 || c->row != t->cells[i - 1].row) {
			row = c;
			first = true;
		}
		if (t->head && c->row == 0)
			continue;
		if (c->len == 0)
			continue;
		/* A row's label is said with each of its other cells. */
		if (c == row && !t->head && (c->head || t->ncols == 2)) {
			for (j = i + 1; j < t->ncells &&
			    t->cells[j].row == c->row; j++) {
				if (t->cells[j].len > 0)
					break;
			}
			if (j < t->ncells && t->cells[j].row == c->row)
				continue;
		}
		str_clear(&s);
		nruns = 0;
		if ((label = html_table_label(t, row, c)) != NULL) {
			str_append(&s, label->text, label->len);
			runs = xreallocarray(runs, 1, sizeof *runs);
			runs[0].off = 0;
			runs[0].len = s.len;
			runs[0].style = DOC_BOLD;
			nruns = 1;
			str_appends(&s, ": ");
		}
		html_table_append(&s, &runs, &nruns, c);
		html_table_block(d, t, DOC_PARA, t->dir, &s, runs, nruns,
		    any && (!first || !apart));
		first = false;
		any = true;
	}
	free(runs);
	str_free(&s);
}

/*
 * Set a table into the doc for its width: aligned columns when they fit,
 * "label: value" paragraphs when they do not.
 */
void
html_table_set(struct doc *d, struct html_table *t)
{
	int	*colw, *w, have, total, c, k;
	size_t	 i;

	if (t->ncells == 0 || t->ncols < 1)
		return;
	colw = xcalloc((size_t)t->ncols, sizeof *colw);
	w = xcalloc(t->ncells, sizeof *w);
	for (i = 0; i < t->ncells; i++) {
		w[i] = html_table_measure(t, t->cells[i].text,
		    t->cells[i].len);
		if (t->cells[i].span == 1 && w[i] > colw[t->cells[i].col])
			colw[t->cells[i].col] = w[i];
	}
	/* A cell over columns widens the last of them if it must. */
	for (i = 0; i < t->ncells; i++) {
		c = t->cells[i].col;
		if (t->cells[i].span == 1 || c >= t->ncols)
			continue;
		for (have = 0, k = 0; k < t->cells[i].span && c + k <
		    t->ncols; k++)
			have += colw[c + k] + (k > 0 ? HTML_TABLE_GAP : 0);
		if (w[i] > have)
			colw[c + k - 1] += w[i] - have;
	}
	for (total = 0, c = 0; c < t->ncols; c++)
		total += colw[c] + (c > 0 ? HTML_TABLE_GAP : 0);
	if (total <= t->width - t->indent)
		html_table_columns(d, t, colw, w);
	else
		html_table_labels(d, t);
	free(w);
	free(colw);
}

/* Free the cells of a table. */
void
html_table_free(struct html_table *t)
{
	size_t	i;

	for (i = 0; i < t->ncells; i++) {
		free(t->cells[i].text);
		free(t->cells[i].runs);
	}
	free(t->cells);
	t->cells = NULL;
	t->ncells = t->size = 0;
}
