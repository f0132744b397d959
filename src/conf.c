/*
 * The configuration's values: defaults from the table, values set from
 * their text (conf_set, which the file parser calls for every option
 * line), typed getters, the text a file writes for each, --dump-config's
 * output, "did you mean" (the edit distance), and the words of problems.
 */
#include "config.h"

#include "conf.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "xmalloc.h"

/* Set an option to its default. */
static void
conf_default(struct conf *cf, enum conf_option o)
{
	struct conf_problem	 pr;
	const struct conf_def	*d = conf_def(o);

	memset(&pr, 0, sizeof pr);
	if (conf_set(cf, d->name, d->value, NULL, &pr) != 0)
		abort();	/* a default the table cannot read */
}

/* Every option with its default, no bindings, no colours, no files. */
void
conf_init(struct conf *cf)
{
	size_t	i;

	memset(cf, 0, sizeof *cf);
	for (i = 0; i < CONF_COUNT; i++)
		conf_default(cf, (enum conf_option)i);
}

/* Free what a configuration holds and zero it. */
void
conf_free(struct conf *cf)
{
	size_t	i;

	for (i = 0; i < CONF_COUNT; i++)
		free(cf->v[i].s);
	for (i = 0; i < cf->nbinds; i++) {
		free(cf->binds[i].key);
		free(cf->binds[i].action);
	}
	free(cf->binds);
	for (i = 0; i < cf->ncolors; i++)
		free(cf->colors[i].element);
	free(cf->colors);
	strv_free(&cf->files);
	memset(cf, 0, sizeof *cf);
}

static void
conf_problem_set(struct conf_problem *pr, enum conf_error kind, int option,
    const char *detail)
{
	pr->kind = kind;
	pr->option = option;
	free(pr->detail);
	pr->detail = detail != NULL ? xstrdup(detail) : NULL;
}

/* A boolean's text: 1 or 0, -1 when it is none. */
static int
conf_parse_bool(const char *s)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return (1);
		if (strcasecmp(s, no[i]) == 0)
			return (0);
	}
	return (-1);
}

/*
 * Set the option named name from its text value, as the line at where
 * (NULL: a default) writes it. Returns -1 with *pr (its kind, option and
 * the words concerned; the caller fills in where) when the name or the
 * value is no good; the option keeps its value then.
 */
int
conf_set(struct conf *cf, const char *name, const char *value,
    const struct conf_where *where, struct conf_problem *pr)
{
	const struct conf_def	*d;
	const unsigned char	*p;
	struct conf_value	*v;
	const char		*near;
	char			*end;
	long			 n;
	int			 o, b;
	size_t			 i;

	if ((o = conf_find(name)) == -1) {
		conf_problem_set(pr, CONF_ERR_UNKNOWN, -1, name);
		return (-1);
	}
	d = conf_def((enum conf_option)o);
	v = &cf->v[o];
	switch (d->type) {
	case CONF_BOOL:
		if ((b = conf_parse_bool(value)) == -1) {
			conf_problem_set(pr, CONF_ERR_BOOL, o, value);
			return (-1);
		}
		v->n = b;
		break;
	case CONF_INT:
		errno = 0;
		n = strtol(value, &end, 10);
		if (!isdigit((unsigned char)*value) || *end != '\0') {
			conf_problem_set(pr, CONF_ERR_NUMBER, o, value);
			return (-1);
		}
		if (errno != 0 || n < d->min || n > d->max) {
			conf_problem_set(pr, CONF_ERR_RANGE, o, value);
			return (-1);
		}
		v->n = n;
		break;
	case CONF_CHOICE:
		for (i = 0; d->choices[i] != NULL; i++) {
			if (strcasecmp(d->choices[i], value) == 0)
				break;
		}
		if (d->choices[i] == NULL) {
			conf_problem_set(pr, CONF_ERR_CHOICE, o, value);
			free(pr->hint);
			pr->hint = NULL;
			if ((near = conf_suggest(value, d->choices, i)) != NULL)
				pr->hint = xstrdup(near);
			return (-1);
		}
		v->n = (long)i;
		break;
	case CONF_STRING:
		for (p = (const unsigned char *)value; *p != '\0'; p++) {
			if (*p < 0x20 || *p == 0x7f) {
				conf_problem_set(pr, CONF_ERR_CONTROL, o, NULL);
				return (-1);
			}
		}
		free(v->s);
		v->s = xstrdup(value);
		break;
	}
	if (where != NULL)
		v->where = *where;
	else
		memset(&v->where, 0, sizeof v->where);
	return (0);
}

/* A yes/no option's value. */
bool
conf_bool(const struct conf *cf, enum conf_option o)
{
	return (cf->v[o].n != 0);
}

/* A number option's value. */
long
conf_int(const struct conf *cf, enum conf_option o)
{
	return (cf->v[o].n);
}

/* A text option's value ("" when empty; never NULL). */
const char *
conf_string(const struct conf *cf, enum conf_option o)
{
	return (cf->v[o].s != NULL ? cf->v[o].s : "");
}

/* A choice option's value: the index of its word in the table's list. */
int
conf_choice(const struct conf *cf, enum conf_option o)
{
	return ((int)cf->v[o].n);
}

/* A choice option's word. */
const char *
conf_choice_name(const struct conf *cf, enum conf_option o)
{
	return (conf_def(o)->choices[cf->v[o].n]);
}

/* Whether an option has its default value (wherever it was set). */
bool
conf_is_default(const struct conf *cf, enum conf_option o)
{
	char	*text;
	bool	 same;

	text = conf_value_text(cf, o);
	same = strcmp(text, conf_def(o)->value) == 0 ||
	    (conf_def(o)->type == CONF_STRING && *conf_def(o)->value == '\0' &&
	    strcmp(text, "\"\"") == 0);
	free(text);
	return (same);
}

/*
 * A word as the parser reads it back (caller frees): as it is when it
 * has no blanks, quotes, backslashes or '#', else in double quotes with
 * \" and \\ escaped; "" for the empty word.
 */
char *
conf_quote(const char *s)
{
	struct str	 out;
	const char	*p;

	if (*s != '\0' && strpbrk(s, " \t\"'\\#") == NULL)
		return (xstrdup(s));
	str_init(&out);
	str_appendc(&out, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			str_appendc(&out, '\\');
		str_appendc(&out, *p);
	}
	str_appendc(&out, '"');
	return (str_steal(&out));
}

/* The option's value as a file writes it (caller frees). */
char *
conf_value_text(const struct conf *cf, enum conf_option o)
{
	const struct conf_def	*d = conf_def(o);
	char			*s;

	switch (d->type) {
	case CONF_BOOL:
		return (xstrdup(cf->v[o].n ? "yes" : "no"));
	case CONF_INT:
		xasprintf(&s, "%ld", cf->v[o].n);
		return (s);
	case CONF_CHOICE:
		return (xstrdup(d->choices[cf->v[o].n]));
	case CONF_STRING:
	default:
		return (conf_quote(conf_string(cf, o)));
	}
}

/* A colour as a file writes it. */
void
conf_color_text(int c, struct str *out)
{
	const char *const	*names;
	size_t			 n;

	names = conf_color_names(&n);
	if (c == CONF_COLOR_DEFAULT)
		str_appends(out, "default");
	else if (c >= 0 && (size_t)c < n)
		str_appends(out, names[c]);
	else
		str_printf(out, "color%d", c);
}

/* Append text as "# " comment lines of at most 76 columns. */
static void
conf_dump_comment(struct str *out, const char *text)
{
	const char	*p, *line, *brk;
	size_t		 cols;

	p = text;
	while (*p != '\0') {
		line = p;
		brk = NULL;
		for (cols = 0; *p != '\0' && (cols < 74 || brk == NULL); p++) {
			if (*p == ' ')
				brk = p;
			if (((unsigned char)*p & 0xc0) != 0x80)
				cols++;
		}
		if (*p == '\0')
			brk = p;
		str_appends(out, "# ");
		str_append(out, line, (size_t)(brk - line));
		str_appendc(out, '\n');
		p = brk;
		while (*p == ' ')
			p++;
	}
}

static void
conf_dump_where(struct str *out, const struct conf_where *w)
{
	if (w->file != NULL)
		str_printf(out, "\t# %s:%d", w->file, w->line);
	str_appendc(out, '\n');
}

/*
 * The effective configuration, as a file that sets it: every option of
 * the table with its help and default as comments, then the bind and
 * color lines of the files. Values set by a file say where.
 */
void
conf_dump(const struct conf *cf, struct str *out)
{
	const struct conf_def	*d;
	const struct conf_bind	*b;
	const struct conf_color	*c;
	const char *const	*attrs;
	char			*text, *q;
	size_t			 i, j, nattrs;

	str_appends(out, _("# akhbar's configuration as akhbar reads it "
	    "(akhbar --dump-config).\n"));
	if (cf->files.n == 0)
		str_appends(out, _("# No configuration file was read: every "
		    "option has its default.\n"));
	for (i = 0; i < cf->files.n; i++)
		str_printf(out, _("# Read from %s\n"), cf->files.v[i]);
	for (i = 0; i < CONF_COUNT; i++) {
		d = conf_def((enum conf_option)i);
		str_appendc(out, '\n');
		conf_dump_comment(out, _(d->help));
		if (d->type == CONF_STRING && *d->value == '\0' &&
		    d->empty != NULL)
			xasprintf(&text, _("Default: \"\" (%s)."), _(d->empty));
		else if (d->type == CONF_INT && d->unit != NULL)
			xasprintf(&text, _("Default: %s (%s, %ld to %ld)."),
			    d->value, _(d->unit), d->min, d->max);
		else
			xasprintf(&text, _("Default: %s."), d->value);
		conf_dump_comment(out, text);
		free(text);
		text = conf_value_text(cf, (enum conf_option)i);
		str_printf(out, "%s %s", d->name, text);
		free(text);
		conf_dump_where(out, &cf->v[i].where);
	}
	if (cf->nbinds > 0)
		str_appends(out, "\n");
	for (i = 0; i < cf->nbinds; i++) {
		b = &cf->binds[i];
		q = conf_quote(b->key);
		if (b->action != NULL) {
			/* An action is a word as written: quoted, it had blanks. */
			text = conf_quote(b->action);
			str_printf(out, "bind %s %s", q, text);
			free(text);
		} else
			str_printf(out, "unbind %s", q);
		free(q);
		conf_dump_where(out, &b->where);
	}
	if (cf->ncolors > 0)
		str_appends(out, "\n");
	attrs = conf_attr_names(&nattrs);
	for (i = 0; i < cf->ncolors; i++) {
		c = &cf->colors[i];
		q = conf_quote(c->element);
		str_printf(out, "color %s ", q);
		free(q);
		conf_color_text(c->fg, out);
		str_appendc(out, ' ');
		conf_color_text(c->bg, out);
		for (j = 0; j < nattrs; j++) {
			if (c->attrs & (1u << j))
				str_printf(out, " %s", attrs[j]);
		}
		conf_dump_where(out, &c->where);
	}
}

/*
 * The edit distance between two words in bytes: insertions, deletions,
 * substitutions and swaps of two neighbours count one each ("opne" is
 * one from "open"). Words longer than 64 bytes are far from everything.
 */
size_t
conf_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, cost, best;
	size_t	d[66][66];

	if (la > 64 || lb > 64)
		return ((size_t)-1 / 2);
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			cost = tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 1]) ? 0 : 1;
			best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return (d[la][lb]);
}

/*
 * The name nearest to word: within two edits (one for words of up to
 * four bytes), else the one name that word begins (three bytes or
 * more); NULL when none is near or word is one of the names.
 */
const char *
conf_suggest(const char *word, const char *const *names, size_t n)
{
	const char	*best = NULL, *prefix = NULL;
	size_t		 i, d, bestd = (size_t)-1, len = strlen(word), most;
	int		 nprefix = 0;

	most = len <= 4 ? 1 : 2;
	for (i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		d = conf_distance(word, names[i]);
		if (d == 0)
			return (NULL);
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
		if (len >= 3 && strncasecmp(names[i], word, len) == 0) {
			prefix = names[i];
			nprefix++;
		}
	}
	if (best != NULL && bestd <= most)
		return (best);
	return (nprefix == 1 ? prefix : NULL);
}

/*
 * Check the actions of the bind lines (kind CONF_ERR_ACTION) or the
 * elements of the color lines (CONF_ERR_ELEMENT) against the names the
 * interface has; each unknown one becomes a problem where it is written,
 * with the nearest name. Returns how many were unknown.
 */
size_t
conf_check_names(const struct conf *cf, enum conf_error kind,
    const char *const *names, size_t n, struct conf_problems *probs)
{
	struct conf_problem	 pr;
	const struct conf_where	*w;
	const char		*word, *near;
	size_t			 i, j, count, bad = 0;

	count = kind == CONF_ERR_ACTION ? cf->nbinds : cf->ncolors;
	for (i = 0; i < count; i++) {
		if (kind == CONF_ERR_ACTION) {
			word = cf->binds[i].action;
			w = &cf->binds[i].action_where;
		} else {
			word = cf->colors[i].element;
			w = &cf->colors[i].where;
		}
		if (word == NULL)
			continue;	/* unbind */
		for (j = 0; j < n; j++) {
			if (names[j] != NULL && strcmp(names[j], word) == 0)
				break;
		}
		if (j < n)
			continue;
		memset(&pr, 0, sizeof pr);
		pr.file = w->file != NULL ? xstrdup(w->file) : NULL;
		pr.line = w->line;
		pr.col = w->col;
		pr.kind = kind;
		pr.option = -1;
		pr.detail = xstrdup(word);
		if ((near = conf_suggest(word, names, n)) != NULL)
			pr.hint = xstrdup(near);
		conf_problems_add(probs, &pr);
		bad++;
	}
	return (bad);
}

/* The words of a problem, without where it is (caller frees). */
static char *
conf_problem_what(const struct conf_problem *pr)
{
	const struct conf_def	*d = NULL;
	const char		*detail = pr->detail != NULL ? pr->detail : "";
	const char		*name;
	const char *const	*list;
	struct str		 words;
	char			*s;
	size_t			 i, n;

	if (pr->option >= 0 && pr->option < CONF_COUNT)
		d = conf_def((enum conf_option)pr->option);
	name = d != NULL ? d->name : "";
	switch (pr->kind) {
	case CONF_ERR_FILE:
		/* TRANSLATORS: a configuration file; the system's words follow. */
		xasprintf(&s, _("cannot read the file: %s"), detail);
		break;
	case CONF_ERR_NUL:
		s = xstrdup(_("a NUL byte in the line"));
		break;
	case CONF_ERR_QUOTE:
		s = xstrdup(_("no closing quote"));
		break;
	case CONF_ERR_UNKNOWN:
		xasprintf(&s, _("unknown option '%s'"), detail);
		break;
	case CONF_ERR_NO_VALUE:
		xasprintf(&s, _("'%s' needs a value"), name);
		break;
	case CONF_ERR_EXTRA:
		xasprintf(&s, _("unexpected '%s' after the value (a value with "
		    "blanks in it goes in quotes)"), detail);
		break;
	case CONF_ERR_BOOL:
		xasprintf(&s, _("%s takes yes or no, not '%s'"), name, detail);
		break;
	case CONF_ERR_NUMBER:
		xasprintf(&s, _("%s takes a whole number, not '%s'"), name,
		    detail);
		break;
	case CONF_ERR_RANGE:
		xasprintf(&s, _("%s takes a number from %ld to %ld, not %s"),
		    name, d != NULL ? d->min : 0, d != NULL ? d->max : 0,
		    detail);
		break;
	case CONF_ERR_CHOICE:
		str_init(&words);
		for (i = 0; d != NULL && d->choices[i] != NULL; i++)
			str_printf(&words, "%s%s", i > 0 ? ", " : "",
			    d->choices[i]);
		xasprintf(&s, _("%s takes one of %s, not '%s'"), name,
		    str_cstr(&words), detail);
		str_free(&words);
		break;
	case CONF_ERR_CONTROL:
		xasprintf(&s, _("a control character in the value of %s"),
		    name);
		break;
	case CONF_ERR_BIND_ARGS:
		s = xstrdup(_("bind takes a key and an action: bind KEY "
		    "ACTION"));
		break;
	case CONF_ERR_UNBIND_ARGS:
		s = xstrdup(_("unbind takes one key: unbind KEY"));
		break;
	case CONF_ERR_KEY:
		str_init(&words);
		list = conf_key_names(&n);
		for (i = 0; i < n; i++)
			str_printf(&words, "%s%s", i > 0 ? " " : "", list[i]);
		xasprintf(&s, _("'%s' is not a key: write one character, ^ and "
		    "a letter, or one of %s"), detail, str_cstr(&words));
		str_free(&words);
		break;
	case CONF_ERR_BOUND_TWICE:
		xasprintf(&s, _("key '%s' is bound twice (first at %s)"),
		    detail, pr->other != NULL ? pr->other : "?");
		break;
	case CONF_ERR_ACTION:
		xasprintf(&s, _("unknown action '%s'"), detail);
		break;
	case CONF_ERR_COLOR_ARGS:
		s = xstrdup(_("color takes an element and two colours: color "
		    "ELEMENT FOREGROUND BACKGROUND [ATTRIBUTE...]"));
		break;
	case CONF_ERR_ELEMENT:
		xasprintf(&s, _("unknown element '%s'"), detail);
		break;
	case CONF_ERR_COLOR:
		xasprintf(&s, _("'%s' is not a colour: default, black, red, "
		    "green, yellow, blue, magenta, cyan, white, or color0 to "
		    "color255"), detail);
		break;
	case CONF_ERR_ATTR:
		str_init(&words);
		list = conf_attr_names(&n);
		for (i = 0; i < n; i++)
			str_printf(&words, "%s%s", i > 0 ? ", " : "", list[i]);
		xasprintf(&s, _("'%s' is not an attribute: %s"), detail,
		    str_cstr(&words));
		str_free(&words);
		break;
	case CONF_ERR_INCLUDE_ARGS:
		s = xstrdup(_("include takes one file: include FILE"));
		break;
	case CONF_ERR_INCLUDE_LOOP:
		xasprintf(&s, _("include loop: %s is being read already"),
		    detail);
		break;
	case CONF_ERR_INCLUDE_DEPTH:
		xasprintf(&s, _("includes nested more than %d deep"),
		    CONF_INCLUDE_DEPTH);
		break;
	default:
		s = xstrdup(_("bad line"));
		break;
	}
	return (s);
}

/*
 * The words for the user (caller frees): "FILE:LINE:COL: " (as much of
 * it as is known), what is wrong, and "(did you mean 'x'?)" when a valid
 * name is near.
 */
char *
conf_problem_text(const struct conf_problem *pr)
{
	struct str	 out;
	char		*what;

	str_init(&out);
	if (pr->file != NULL) {
		str_appends(&out, pr->file);
		if (pr->line > 0)
			str_printf(&out, ":%d", pr->line);
		if (pr->line > 0 && pr->col > 0)
			str_printf(&out, ":%d", pr->col);
		str_appends(&out, ": ");
	}
	what = conf_problem_what(pr);
	str_appends(&out, what);
	free(what);
	if (pr->hint != NULL) {
		str_appendc(&out, ' ');
		/* TRANSLATORS: after a wrong name in the configuration. */
		str_printf(&out, _("(did you mean '%s'?)"), pr->hint);
	}
	return (str_steal(&out));
}

/* Free what a problem holds and zero it. */
void
conf_problem_clear(struct conf_problem *pr)
{
	free(pr->file);
	free(pr->detail);
	free(pr->hint);
	free(pr->other);
	memset(pr, 0, sizeof *pr);
	pr->option = -1;
}

/* Move a problem into the list; *pr is left zeroed. */
void
conf_problems_add(struct conf_problems *probs, struct conf_problem *pr)
{
	probs->v = xreallocarray(probs->v, probs->n + 1, sizeof *probs->v);
	probs->v[probs->n++] = *pr;
	memset(pr, 0, sizeof *pr);
	pr->option = -1;
}

/* Free the problems of a list and empty it. */
void
conf_problems_free(struct conf_problems *probs)
{
	size_t	i;

	for (i = 0; i < probs->n; i++)
		conf_problem_clear(&probs->v[i]);
	free(probs->v);
	probs->v = NULL;
	probs->n = 0;
}
