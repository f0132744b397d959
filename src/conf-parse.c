/*
 * Reading configuration files. A line is words: bare, "double quoted"
 * (\" and \\ inside) or 'single quoted' (as it is); a word starting with
 * '#' begins a comment. newsboat writes "name value"; "name = value" and
 * "name=value" are read the same. Besides options there are four
 * commands:
 *
 *	bind KEY ACTION			unbind KEY
 *	color ELEMENT FG BG [ATTR...]	include FILE
 *
 * Every problem of every line is kept, with its file, line and column,
 * and reading goes on, so that one run shows them all; the caller then
 * refuses to start. include is relative to the including file; a file
 * that includes itself, directly or not, is a loop.
 */
#include "config.h"

#include "conf.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

/* One word of a line. */
struct conf_word {
	char		*text;
	int		 col;		/* 1-based, in bytes */
	bool		 quoted;
};

/* What reading a file and the files it includes shares. */
struct conf_reader {
	struct conf		*cf;
	struct conf_problems	*probs;
	struct strv		 stack;		/* real paths being read */
	int			 errors;
};

/* The commands a line may start with, for "did you mean". */
static const char *const conf_commands[] = {
	"bind", "unbind", "color", "include",
};

static void
conf_words_free(struct conf_word *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}

/* Note a problem at file:line:col. */
static void
conf_report(struct conf_reader *r, const char *file, int line, int col,
    enum conf_error kind, int option, const char *detail)
{
	struct conf_problem	pr;

	memset(&pr, 0, sizeof pr);
	pr.file = file != NULL ? xstrdup(file) : NULL;
	pr.line = line;
	pr.col = col;
	pr.kind = kind;
	pr.option = option;
	pr.detail = detail != NULL ? xstrdup(detail) : NULL;
	conf_problems_add(r->probs, &pr);
	r->errors++;
}

/*
 * Split a line into words. A bare first word ends at '=' too, which is
 * a word of its own ("name=value"). Returns the number of words, or -1
 * with *badcol at an unclosed quote.
 */
static int
conf_split(const char *line, struct conf_word **wp, size_t *np, int *badcol)
{
	struct conf_word	*w = NULL;
	struct str		 word;
	const char		*s = line, *start;
	size_t			 n = 0;
	char			 q;

	*wp = NULL;
	*np = 0;
	str_init(&word);
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			break;
		start = s;
		str_clear(&word);
		w = xreallocarray(w, n + 1, sizeof *w);
		w[n].col = (int)(s - line) + 1;
		w[n].quoted = false;
		if (*s == '"' || *s == '\'') {
			q = *s++;
			while (*s != q) {
				if (*s == '\0') {
					*badcol = (int)(start - line) + 1;
					str_free(&word);
					conf_words_free(w, n);
					return (-1);
				}
				if (q == '"' && *s == '\\' &&
				    (s[1] == '"' || s[1] == '\\'))
					s++;
				str_appendc(&word, *s++);
			}
			s++;
			w[n].quoted = true;
		} else if (n == 1 && *s == '=' && !w[0].quoted)
			str_appendc(&word, *s++);
		else {
			while (*s != '\0' && *s != ' ' && *s != '\t' &&
			    !(n == 0 && *s == '=' && s > start))
				str_appendc(&word, *s++);
		}
		w[n].text = xstrdup(str_cstr(&word));
		n++;
	}
	str_free(&word);
	*wp = w;
	*np = n;
	return ((int)n);
}

/*
 * A key's name normalised (caller frees): one character as it is, ^X
 * (also C-x) with its letter in upper case, or one of the named keys in
 * upper case (with a few other spellings); NULL when it is none.
 */
char *
conf_key_name(const char *s)
{
	static const struct {
		const char	*from;
		const char	*to;
	} other[] = {
		{ "RETURN", "ENTER" }, { "ESCAPE", "ESC" },
		{ "PAGEUP", "PGUP" }, { "PPAGE", "PGUP" },
		{ "PAGEDOWN", "PGDN" }, { "NPAGE", "PGDN" },
		{ "DEL", "DELETE" }, { "INS", "INSERT" },
		{ "BS", "BACKSPACE" }, { " ", "SPACE" },
	};
	const char *const	*names;
	unsigned int		 cp;
	size_t			 i, n, len = strlen(s);
	char			*out;

	if (len == 2 && s[0] == '^' && s[1] != '\0' &&
	    strchr("@[\\]^_?", s[1]) != NULL) {
		return (xstrdup(s));
	}
	if ((len == 2 && s[0] == '^') ||
	    (len == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-')) {
		if (!isalpha((unsigned char)s[len - 1]))
			return (NULL);
		xasprintf(&out, "^%c", toupper((unsigned char)s[len - 1]));
		return (out);
	}
	names = conf_key_names(&n);
	for (i = 0; i < n; i++) {
		if (strcasecmp(names[i], s) == 0)
			return (xstrdup(names[i]));
	}
	for (i = 0; i < sizeof other / sizeof other[0]; i++) {
		if (strcasecmp(other[i].from, s) == 0)
			return (xstrdup(other[i].to));
	}
	if (len > 0 && utf8_char((const unsigned char *)s, len, &cp) == len &&
	    cp > 0x20 && cp != 0x7f && (cp < 0x80 || cp >= 0xa0))
		return (xstrdup(s));
	return (NULL);
}

/* A colour's number: CONF_COLOR_DEFAULT, 0-255, or -2 when it is none. */
int
conf_color_parse(const char *s)
{
	const char *const	*names;
	char			*end;
	size_t			 i, n;
	long			 c;

	if (strcasecmp(s, "default") == 0)
		return (CONF_COLOR_DEFAULT);
	names = conf_color_names(&n);
	for (i = 0; i < n; i++) {
		if (strcasecmp(names[i], s) == 0)
			return ((int)i);
	}
	if (strncasecmp(s, "color", 5) != 0 || !isdigit((unsigned char)s[5]))
		return (-2);
	errno = 0;
	c = strtol(s + 5, &end, 10);
	if (*end != '\0' || errno != 0 || c < 0 || c > 255)
		return (-2);
	return ((int)c);
}

/* Where the line's word is, for the lists. */
static struct conf_where
conf_at(struct conf_reader *r, const char *file, int line, int col)
{
	struct conf_where	w;
	size_t			i;

	w.file = NULL;
	for (i = r->cf->files.n; i-- > 0;) {
		if (strcmp(r->cf->files.v[i], file) == 0) {
			w.file = r->cf->files.v[i];
			break;
		}
	}
	w.line = line;
	w.col = col;
	return (w);
}

/* bind KEY ACTION, unbind KEY. */
static void
conf_line_bind(struct conf_reader *r, const char *file, int line,
    struct conf_word *w, size_t n, bool unbind)
{
	struct conf		*cf = r->cf;
	struct conf_bind	*b;
	struct conf_problem	 pr;
	char			*key;
	size_t			 i;

	if ((!unbind && n != 3) || (unbind && n != 2)) {
		conf_report(r, file, line, w[0].col, unbind ?
		    CONF_ERR_UNBIND_ARGS : CONF_ERR_BIND_ARGS, -1, NULL);
		return;
	}
	if ((key = conf_key_name(w[1].text)) == NULL) {
		conf_report(r, file, line, w[1].col, CONF_ERR_KEY, -1,
		    w[1].text);
		return;
	}
	for (i = 0; !unbind && i < cf->nbinds; i++) {
		b = &cf->binds[i];
		if (b->action == NULL || strcmp(b->key, key) != 0)
			continue;
		memset(&pr, 0, sizeof pr);
		pr.file = xstrdup(file);
		pr.line = line;
		pr.col = w[1].col;
		pr.kind = CONF_ERR_BOUND_TWICE;
		pr.option = -1;
		pr.detail = xstrdup(w[1].text);
		xasprintf(&pr.other, "%s:%d", b->where.file != NULL ?
		    b->where.file : "?", b->where.line);
		conf_problems_add(r->probs, &pr);
		r->errors++;
		free(key);
		return;
	}
	cf->binds = xreallocarray(cf->binds, cf->nbinds + 1,
	    sizeof *cf->binds);
	b = &cf->binds[cf->nbinds++];
	b->key = key;
	b->action = unbind ? NULL : xstrdup(w[2].text);
	b->where = conf_at(r, file, line, w[1].col);
	if (!unbind)
		b->action_where = conf_at(r, file, line, w[2].col);
	else
		b->action_where = b->where;
}

/* color ELEMENT FG BG [ATTR...] */
static void
conf_line_color(struct conf_reader *r, const char *file, int line,
    struct conf_word *w, size_t n)
{
	struct conf		*cf = r->cf;
	struct conf_color	*c;
	const char *const	*attrs;
	const char		*near;
	unsigned		 set = 0;
	size_t			 i, j, nattrs;
	int			 fg, bg, bad = 0;

	if (n < 4) {
		conf_report(r, file, line, w[0].col, CONF_ERR_COLOR_ARGS, -1,
		    NULL);
		return;
	}
	if ((fg = conf_color_parse(w[2].text)) == -2) {
		conf_report(r, file, line, w[2].col, CONF_ERR_COLOR, -1,
		    w[2].text);
		bad = 1;
	}
	if ((bg = conf_color_parse(w[3].text)) == -2) {
		conf_report(r, file, line, w[3].col, CONF_ERR_COLOR, -1,
		    w[3].text);
		bad = 1;
	}
	attrs = conf_attr_names(&nattrs);
	for (i = 4; i < n; i++) {
		for (j = 0; j < nattrs; j++) {
			if (strcasecmp(attrs[j], w[i].text) == 0)
				break;
		}
		if (j < nattrs) {
			set |= 1u << j;
			continue;
		}
		if (strcasecmp(w[i].text, "normal") == 0)
			continue;
		conf_report(r, file, line, w[i].col, CONF_ERR_ATTR, -1,
		    w[i].text);
		if ((near = conf_suggest(w[i].text, attrs, nattrs)) != NULL)
			r->probs->v[r->probs->n - 1].hint = xstrdup(near);
		bad = 1;
	}
	if (bad)
		return;
	cf->colors = xreallocarray(cf->colors, cf->ncolors + 1,
	    sizeof *cf->colors);
	c = &cf->colors[cf->ncolors++];
	c->element = xstrdup(w[1].text);
	c->fg = fg;
	c->bg = bg;
	c->attrs = set;
	c->where = conf_at(r, file, line, w[1].col);
}

/* The file an include line names: ~/ is $HOME, relative to the includer. */
static char *
conf_include_path(const char *from, const char *name)
{
	const char	*home, *slash;
	char		*p;

	if (name[0] == '~' && name[1] == '/' &&
	    (home = getenv("HOME")) != NULL && *home != '\0') {
		xasprintf(&p, "%s%s", home, name + 1);
		return (p);
	}
	if (name[0] == '/' || (slash = strrchr(from, '/')) == NULL)
		return (xstrdup(name));
	xasprintf(&p, "%.*s/%s", (int)(slash - from), from, name);
	return (p);
}

static int	conf_read(struct conf_reader *, const char *, bool,
		    const char *, int, int);

/* An option line: name, value. */
static void
conf_line_option(struct conf_reader *r, const char *file, int line,
    struct conf_word *w, size_t n)
{
	struct conf_problem	 pr;
	struct conf_where	 where;
	const char		*names[CONF_COUNT + 4], *near;
	size_t			 i, k = 0, first = 1, nt;
	const struct conf_def	*table;
	int			 o;

	if (n > 1 && strcmp(w[1].text, "=") == 0 && !w[1].quoted)
		first = 2;
	if ((o = conf_find(w[0].text)) == -1) {
		table = conf_table(&nt);
		for (i = 0; i < nt; i++)
			names[k++] = table[i].name;
		for (i = 0; i < sizeof conf_commands / sizeof conf_commands[0];
		    i++)
			names[k++] = conf_commands[i];
		conf_report(r, file, line, w[0].col, CONF_ERR_UNKNOWN, -1,
		    w[0].text);
		if ((near = conf_suggest(w[0].text, names, k)) != NULL)
			r->probs->v[r->probs->n - 1].hint = xstrdup(near);
		return;
	}
	if (n <= first) {
		conf_report(r, file, line, w[0].col, CONF_ERR_NO_VALUE, o,
		    NULL);
		return;
	}
	if (n > first + 1) {
		conf_report(r, file, line, w[first + 1].col, CONF_ERR_EXTRA, o,
		    w[first + 1].text);
		return;
	}
	memset(&pr, 0, sizeof pr);
	pr.option = -1;
	where = conf_at(r, file, line, w[0].col);
	if (conf_set(r->cf, w[0].text, w[first].text, &where, &pr) != 0) {
		pr.file = xstrdup(file);
		pr.line = line;
		pr.col = w[first].col;
		conf_problems_add(r->probs, &pr);
		r->errors++;
	}
}

/* Read one line. */
static void
conf_line(struct conf_reader *r, const char *file, int lineno,
    const char *line)
{
	struct conf_word	*w;
	char			*path;
	size_t			 n;
	int			 col = 0;

	if (conf_split(line, &w, &n, &col) == -1) {
		conf_report(r, file, lineno, col, CONF_ERR_QUOTE, -1, NULL);
		return;
	}
	if (n == 0) {
		free(w);
		return;
	}
	if (strcmp(w[0].text, "bind") == 0)
		conf_line_bind(r, file, lineno, w, n, false);
	else if (strcmp(w[0].text, "unbind") == 0)
		conf_line_bind(r, file, lineno, w, n, true);
	else if (strcmp(w[0].text, "color") == 0)
		conf_line_color(r, file, lineno, w, n);
	else if (strcmp(w[0].text, "include") == 0) {
		if (n != 2)
			conf_report(r, file, lineno, w[0].col,
			    CONF_ERR_INCLUDE_ARGS, -1, NULL);
		else {
			path = conf_include_path(file, w[1].text);
			conf_read(r, path, true, file, lineno, w[1].col);
			free(path);
		}
	} else
		conf_line_option(r, file, lineno, w, n);
	conf_words_free(w, n);
}

/* Read lines from f (named file) until its end. */
static void
conf_read_lines(struct conf_reader *r, const char *file, FILE *f)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 len;
	int	 lineno = 0;

	while ((len = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0) {
			memmove(line, line + 3, (size_t)len - 2);
			len -= 3;
		}
		if (strlen(line) != (size_t)len) {
			conf_report(r, file, lineno, 0, CONF_ERR_NUL, -1, NULL);
			continue;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		conf_line(r, file, lineno, line);
	}
	free(line);
}

/*
 * Read the file at path. from, line and col say where it is included
 * (NULL: the top file); a problem opening it is reported there.
 */
static int
conf_read(struct conf_reader *r, const char *path, bool must_exist,
    const char *from, int line, int col)
{
	char	 real[PATH_MAX];
	FILE	*f;
	size_t	 i;
	int	 err;

	if (r->stack.n >= CONF_INCLUDE_DEPTH) {
		conf_report(r, from, line, col, CONF_ERR_INCLUDE_DEPTH, -1,
		    NULL);
		return (-1);
	}
	if ((f = fopen(path, "r")) == NULL) {
		err = errno;
		if (err == ENOENT && !must_exist)
			return (0);
		if (from != NULL) {
			conf_report(r, from, line, col, CONF_ERR_FILE, -1, NULL);
			xasprintf(&r->probs->v[r->probs->n - 1].detail, "%s: %s",
			    path, strerror(err));
		} else
			conf_report(r, path, 0, 0, CONF_ERR_FILE, -1,
			    strerror(err));
		return (-1);
	}
	if (realpath(path, real) == NULL)
		snprintf(real, sizeof real, "%s", path);
	for (i = 0; i < r->stack.n; i++) {
		if (strcmp(r->stack.v[i], real) == 0) {
			fclose(f);
			conf_report(r, from, line, col, CONF_ERR_INCLUDE_LOOP,
			    -1, path);
			return (-1);
		}
	}
	strv_add(&r->stack, real);
	strv_add(&r->cf->files, path);
	conf_read_lines(r, path, f);
	if (ferror(f))
		conf_report(r, path, 0, 0, CONF_ERR_FILE, -1, strerror(errno));
	fclose(f);
	free(r->stack.v[--r->stack.n]);
	return (0);
}

/*
 * Read the configuration file at path into cf, over the values it holds
 * (and the files it includes). Every problem goes to probs; returns -1
 * when there was any, else 0. A missing file is a problem only when
 * must_exist (a file named with -c must exist; the default need not).
 */
int
conf_load(struct conf *cf, const char *path, bool must_exist,
    struct conf_problems *probs)
{
	struct conf_reader	r;

	memset(&r, 0, sizeof r);
	r.cf = cf;
	r.probs = probs;
	conf_read(&r, path, must_exist, NULL, 0, 0);
	strv_free(&r.stack);
	return (r.errors > 0 ? -1 : 0);
}

/* Read configuration lines from text, as the file name would be. */
int
conf_load_string(struct conf *cf, const char *name, const char *text,
    struct conf_problems *probs)
{
	struct conf_reader	 r;
	FILE			*f;

	memset(&r, 0, sizeof r);
	r.cf = cf;
	r.probs = probs;
	strv_add(&cf->files, name);
	if (*text == '\0')
		return (0);
	if ((f = fmemopen((void *)text, strlen(text), "r")) == NULL) {
		conf_report(&r, name, 0, 0, CONF_ERR_FILE, -1, strerror(errno));
		return (-1);
	}
	conf_read_lines(&r, name, f);
	fclose(f);
	strv_free(&r.stack);
	return (r.errors > 0 ? -1 : 0);
}
