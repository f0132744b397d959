/*
 * Lists: ordered ones numbered from start= (or down, reversed), value=
 * taken, in decimal, letters or roman numerals by type=, decimal in the
 * digits the list's text uses (or, when it has none, the article's):
 * Arabic-Indic for an Arabic article that writes its numbers so, extended
 * Arabic-Indic for Persian and Urdu; the markers padded on their reading
 * side to the widest. Unordered ones get a bullet by depth. An item's
 * marker waits for the item's first block.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html-priv.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define HTML_LIST_SCAN	(64 * 1024)	/* bytes read for a list's digits */

/*
 * Count the digits of each kind in the text under a node, reading at most
 * HTML_LIST_SCAN bytes (enough to know, and lists nested 256 deep do not
 * read the article 256 times).
 */
static void
html_list_count(xmlNodePtr top, int count[HTML_DIGITS])
{
	const unsigned char	*p;
	xmlNodePtr		 n;
	size_t			 budget = HTML_LIST_SCAN;

	for (n = top->children; n != NULL && budget > 0;) {
		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			for (p = n->content; *p != '\0' && budget > 0;
			    p++, budget--) {
				if (*p >= '0' && *p <= '9')
					count[HTML_DIGITS_ASCII]++;
				else if (p[0] == 0xd9 && p[1] >= 0xa0 &&
				    p[1] <= 0xa9)
					count[HTML_DIGITS_ARABIC]++;
				else if (p[0] == 0xdb && p[1] >= 0xb0 &&
				    p[1] <= 0xb9)
					count[HTML_DIGITS_PERSIAN]++;
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
}

/* The digits most used in counts, ASCII when none or a tie. */
static enum html_digits
html_list_digits_of(const int count[HTML_DIGITS])
{
	if (count[HTML_DIGITS_ARABIC] > count[HTML_DIGITS_ASCII] &&
	    count[HTML_DIGITS_ARABIC] >= count[HTML_DIGITS_PERSIAN])
		return (HTML_DIGITS_ARABIC);
	if (count[HTML_DIGITS_PERSIAN] > count[HTML_DIGITS_ASCII])
		return (HTML_DIGITS_PERSIAN);
	return (HTML_DIGITS_ASCII);
}

/*
 * The digits a list is numbered in: those its text uses, or when it has
 * none those of the element before it (the sentence that opens it, "in 3
 * steps:"), or else those of the whole article.
 */
static enum html_digits
html_list_digits(struct html_render *r, xmlNodePtr list)
{
	int		count[HTML_DIGITS] = { 0, 0, 0 };
	xmlNodePtr	prev;

	html_list_count(list, count);
	if (count[0] + count[1] + count[2] > 0)
		return (html_list_digits_of(count));
	for (prev = list->prev; prev != NULL &&
	    prev->type != XML_ELEMENT_NODE; prev = prev->prev)
		;
	if (prev != NULL)
		html_list_count(prev, count);
	if (count[0] + count[1] + count[2] > 0)
		return (html_list_digits_of(count));
	if (!r->digits_known) {
		html_list_count(r->root, r->digits);
		r->digits_known = true;
	}
	return (html_list_digits_of(r->digits));
}

/* Append number n in the list's digits, letters or roman numerals. */
static void
html_list_number(struct str *s, const struct html_list *l, int n)
{
	static const char *roman[] = {
		"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v",
		"iv", "i"
	};
	static const int value[] = {
		1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1
	};
	char	 buf[32];
	size_t	 i, k, start = s->len;

	if ((l->type == 'a' || l->type == 'A') && n > 0) {
		for (k = 0; n > 0 && k < sizeof buf; n = (n - 1) / 26)
			buf[k++] = (char)((l->type == 'a' ? 'a' : 'A') +
			    (n - 1) % 26);
		while (k > 0)
			str_appendc(s, buf[--k]);
		return;
	}
	if ((l->type == 'i' || l->type == 'I') && n > 0 && n < 4000) {
		for (i = 0; i < sizeof value / sizeof value[0]; i++) {
			for (; n >= value[i]; n -= value[i])
				str_appends(s, roman[i]);
		}
		if (l->type == 'I') {
			for (i = start; i < s->len; i++)
				s->ptr[i] = (char)(s->ptr[i] - 32);
		}
		return;
	}
	snprintf(buf, sizeof buf, "%d", n);
	for (i = 0; buf[i] != '\0'; i++) {
		if (buf[i] < '0' || buf[i] > '9' ||
		    l->digits == HTML_DIGITS_ASCII)
			str_appendc(s, buf[i]);
		else
			utf8_put(s, (l->digits == HTML_DIGITS_ARABIC ? 0x0660 :
			    0x06f0) + (unsigned int)(buf[i] - '0'));
	}
}

/* The cells of a marker: every character of one is one column wide. */
static int
html_list_cells(const char *s)
{
	int	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return (n);
}

/* An item's marker, padded on its reading side to the list's width. */
static char *
html_list_marker(const struct html_list *l, int n)
{
	static const char *bullets[] = {
		"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"	/* • ◦ ▪ */
	};
	struct str	 s, m;
	int		 pad;

	str_init(&m);
	if (!l->ordered)
		str_appends(&m, bullets[(l->depth - 1) % 3]);
	else {
		html_list_number(&m, l, n);
		str_appendc(&m, '.');
	}
	str_init(&s);
	for (pad = l->width - html_list_cells(str_cstr(&m)); pad > 0; pad--)
		str_appendc(&s, ' ');
	str_appends(&s, str_cstr(&m));
	str_free(&m);
	return (str_steal(&s));
}

/* Open a list: its numbering, digits, markers' width and place. */
void
html_list_open(struct html_render *r, xmlNodePtr n, struct html_list *l)
{
	const char	*v;
	xmlNodePtr	 c;
	char		*m;
	int		 items = 0, i, k;

	memset(l, 0, sizeof *l);
	l->ordered = strcmp((const char *)n->name, "ol") == 0;
	l->depth = r->cx.list != NULL ? r->cx.list->depth + 1 : 1;
	l->indent = r->cx.indent;
	l->first = true;
	l->type = '1';
	if ((v = html_attr(n, "type")) != NULL &&
	    strchr("aAiI", *v) != NULL && *v != '\0')
		l->type = *v;
	for (c = n->children; c != NULL; c = c->next)
		items += html_is(c, "li");
	l->step = html_attr(n, "reversed") != NULL ? -1 : 1;
	l->next = html_int(n, "start", l->step < 0 ? items : 1);
	l->width = 1;
	if (!l->ordered)
		return;
	l->digits = html_list_digits(r, n);
	/* The widest marker of its items, values and all. */
	for (i = 0, k = l->next, c = n->children; c != NULL; c = c->next) {
		if (!html_is(c, "li"))
			continue;
		k = html_int(c, "value", k);
		l->width = 0;
		m = html_list_marker(l, k);
		if (html_list_cells(m) > i)
			i = html_list_cells(m);
		free(m);
		k += l->step;
	}
	l->width = i > 0 ? i : 2;
}

/* Open a list item: its marker waits for its first block. */
void
html_list_item(struct html_render *r, xmlNodePtr n,
    struct html_list *own)
{
	struct html_list	*l = r->cx.list;

	if (l == NULL) {
		/* An item outside any list is a bulleted one. */
		memset(own, 0, sizeof *own);
		own->depth = 1;
		own->width = 1;
		own->indent = r->cx.indent;
		l = own;
	}
	if (l->ordered)
		l->next = html_int(n, "value", l->next);
	free(r->marker);
	r->marker = r->cell ? NULL : html_list_marker(l, l->next);
	r->marker_indent = l->indent;
	r->marker_first = l->first && l->depth == 1;
	l->first = false;
	l->next += l->step;
	r->cx.kind = DOC_ITEM;
	r->cx.level = l->depth;
	r->cx.indent = l->indent + l->width + 1;
}

