/*
 * The filter language's parser: a small recursive descent over tokens
 * (words, quoted strings, numbers, operators, parentheses), "or" binding
 * looser than "and". Values are checked here, once: a regular expression
 * must compile, age takes whole days, unread takes yes or no, so the SQL
 * the cache builds from the tree never fails on the user's words.
 */
#include "config.h"

#include "filter.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "str.h"
#include "xmalloc.h"

#define FILTER_MAX_DEPTH	32

static const char *const filter_attrs[] = {
	[FILTER_TITLE] = "title",
	[FILTER_CONTENT] = "content",
	[FILTER_AUTHOR] = "author",
	[FILTER_FEEDTITLE] = "feedtitle",
	[FILTER_FEEDURL] = "feedurl",
	[FILTER_TAGS] = "tags",
	[FILTER_UNREAD] = "unread",
	[FILTER_AGE] = "age",
};

static const struct {
	const char	*text;
	enum filter_op	 op;
} filter_ops[] = {	/* longest first */
	{ "between", FILTER_BETWEEN },
	{ "!=", FILTER_NE }, { "=~", FILTER_MATCH }, { "!~", FILTER_NOMATCH },
	{ "!#", FILTER_HASNT }, { "<=", FILTER_LE }, { ">=", FILTER_GE },
	{ "=", FILTER_EQ }, { "#", FILTER_HAS }, { "<", FILTER_LT },
	{ ">", FILTER_GT },
};

struct filter_parser {
	const char		*src;
	const char		*p;
	int			 depth;
	struct filter_problem	*pr;
};

/* The name of an attribute. */
const char *
filter_attr_name(enum filter_attr a)
{
	return (filter_attrs[a]);
}

static void
filter_node_free(struct filter_node *n)
{
	if (n == NULL)
		return;
	filter_node_free(n->left);
	filter_node_free(n->right);
	free(n->text);
	free(n);
}

/* Free a filter; NULL is allowed. */
void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	filter_node_free(f->root);
	free(f->source);
	free(f);
}

static struct filter_node *
filter_node_copy(const struct filter_node *n)
{
	struct filter_node	*c;

	if (n == NULL)
		return (NULL);
	c = xmalloc(sizeof *c);
	*c = *n;
	c->text = n->text != NULL ? xstrdup(n->text) : NULL;
	c->left = filter_node_copy(n->left);
	c->right = filter_node_copy(n->right);
	return (c);
}

/* A copy of a filter (NULL for NULL). */
struct filter *
filter_copy(const struct filter *f)
{
	struct filter	*c;

	if (f == NULL)
		return (NULL);
	c = xmalloc(sizeof *c);
	c->root = filter_node_copy(f->root);
	c->source = xstrdup(f->source);
	return (c);
}

/* Fail at p with kind and the words concerned (len bytes; 0: to a blank). */
static struct filter_node *
filter_fail(struct filter_parser *fp, const char *at, enum filter_error kind,
    size_t len)
{
	if (len == 0)
		len = strcspn(at, " \t");
	if (len > 40)
		len = 40;
	fp->pr->kind = kind;
	fp->pr->col = (int)(at - fp->src) + 1;
	fp->pr->near = len > 0 ? xstrndup(at, len) : NULL;
	return (NULL);
}

static void
filter_blank(struct filter_parser *fp)
{
	while (*fp->p == ' ' || *fp->p == '\t')
		fp->p++;
}

/* Whether the next token is the word w (a whole word). */
static int
filter_word_is(struct filter_parser *fp, const char *w)
{
	size_t	n = strlen(w);

	filter_blank(fp);
	if (strncasecmp(fp->p, w, n) != 0)
		return (0);
	return (!isalnum((unsigned char)fp->p[n]) && fp->p[n] != '_');
}

/* Read a value: a quoted string (\" \\ inside) or a bare word. */
static char *
filter_value(struct filter_parser *fp, const char **at)
{
	struct str	 v;
	const char	*s;
	char		 q;

	filter_blank(fp);
	*at = fp->p;
	str_init(&v);
	if (*fp->p == '"' || *fp->p == '\'') {
		q = *fp->p++;
		for (s = fp->p; *s != q; s++) {
			if (*s == '\0') {
				str_free(&v);
				return (NULL);
			}
			if (*s == '\\' && (s[1] == q || s[1] == '\\'))
				s++;
			str_appendc(&v, *s);
		}
		fp->p = s + 1;
		return (str_steal(&v));
	}
	for (s = fp->p; *s != '\0' && *s != ' ' && *s != '\t' && *s != '(' &&
	    *s != ')'; s++)
		str_appendc(&v, *s);
	if (s == fp->p) {
		str_free(&v);
		return (NULL);
	}
	fp->p = s;
	return (str_steal(&v));
}

/* A whole number of days (or "yes"/"no" for unread), or -1. */
static long
filter_number(const char *s)
{
	char	*end;
	long	 n;

	if (!isdigit((unsigned char)*s))
		return (-1);
	errno = 0;
	n = strtol(s, &end, 10);
	if (*end != '\0' || errno != 0 || n > 1000000)
		return (-1);
	return (n);
}


/* The most '+' a pattern may put on a group or on another quantifier. */
#define FILTER_REGEX_STACKED	10

/*
 * Whether glibc's regcomp would take exponential time and memory over
 * the pattern: it copies what a '+' applies to, so "x++++" or
 * "((x+)+)+" doubles at each '+' put on a group or on a quantifier
 * (25 of them take gigabytes). Counts those outside brackets and escapes.
 */
static bool
filter_regex_heavy(const char *v)
{
	const char	*p;
	int		 stacked = 0;

	for (p = v; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p == '[') {
			/* A bracket expression: "[]...]" and "[^]...]" too. */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p != '\0' && *p != ']')
				p++;
			if (*p == '\0')
				break;
			continue;
		}
		if (*p == '+' && p > v && strchr(")+*?}", p[-1]) != NULL &&
		    ++stacked > FILTER_REGEX_STACKED)
			return (true);
	}
	return (false);
}
/* Check and store the comparison's value. */
static struct filter_node *
filter_cmp_value(struct filter_parser *fp, struct filter_node *n, char *v,
    const char *at)
{
	regex_t	 re;
	char	*colon;
	int	 b;

	switch (n->attr) {
	case FILTER_UNREAD:
		if (n->op != FILTER_EQ && n->op != FILTER_NE)
			goto badop;
		if ((b = strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0 ||
		    strcasecmp(v, "true") == 0) == 0 && strcasecmp(v, "no") !=
		    0 && strcmp(v, "0") != 0 && strcasecmp(v, "false") != 0)
			goto badvalue;
		n->lo = b;
		break;
	case FILTER_AGE:
		if (n->op == FILTER_MATCH || n->op == FILTER_NOMATCH ||
		    n->op == FILTER_HAS || n->op == FILTER_HASNT)
			goto badop;
		if (n->op == FILTER_BETWEEN) {
			if ((colon = strchr(v, ':')) == NULL)
				goto badvalue;
			*colon = '\0';
			n->lo = filter_number(v);
			n->hi = filter_number(colon + 1);
			*colon = ':';
			if (n->lo < 0 || n->hi < 0)
				goto badvalue;
			if (n->lo > n->hi) {
				b = (int)n->lo;
				n->lo = n->hi;
				n->hi = b;
			}
		} else if ((n->lo = filter_number(v)) < 0)
			goto badvalue;
		break;
	case FILTER_TAGS:
		if (n->op != FILTER_HAS && n->op != FILTER_HASNT &&
		    n->op != FILTER_EQ && n->op != FILTER_NE)
			goto badop;
		if (n->op == FILTER_EQ)
			n->op = FILTER_HAS;
		else if (n->op == FILTER_NE)
			n->op = FILTER_HASNT;
		n->text = v;
		return (n);
	default:
		if (n->op == FILTER_BETWEEN || n->op == FILTER_LT ||
		    n->op == FILTER_GT || n->op == FILTER_LE ||
		    n->op == FILTER_GE)
			goto badop;
		if (n->op == FILTER_MATCH || n->op == FILTER_NOMATCH) {
			if (filter_regex_heavy(v) || regcomp(&re, v,
			    REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
				filter_fail(fp, at, FILTER_ERR_REGEX,
				    (size_t)(fp->p - at));
				free(v);
				filter_node_free(n);
				return (NULL);
			}
			regfree(&re);
		}
		n->text = v;
		return (n);
	}
	free(v);
	return (n);

badop:
	free(v);
	filter_node_free(n);
	return (NULL);
badvalue:
	filter_fail(fp, at, FILTER_ERR_VALUE, (size_t)(fp->p - at));
	free(v);
	filter_node_free(n);
	return (NULL);
}

/* attribute operator value */
static struct filter_node *
filter_cmp(struct filter_parser *fp)
{
	struct filter_node	*n;
	const char		*start, *opat, *at;
	char			*word, *v;
	size_t			 i, len;

	filter_blank(fp);
	start = fp->p;
	for (len = 0; isalnum((unsigned char)start[len]) || start[len] == '_' ||
	    start[len] == '-'; len++)
		/* nothing */;
	if (len == 0)
		return (filter_fail(fp, start, FILTER_ERR_SYNTAX, 0));
	word = xstrndup(start, len);
	n = xcalloc(1, sizeof *n);
	n->type = FILTER_CMP;
	for (i = 0; i < sizeof filter_attrs / sizeof filter_attrs[0]; i++) {
		if (strcasecmp(filter_attrs[i], word) == 0)
			break;
	}
	if (i == sizeof filter_attrs / sizeof filter_attrs[0] &&
	    strcasecmp(word, "feed") == 0)
		i = FILTER_FEEDTITLE;
	if (i == sizeof filter_attrs / sizeof filter_attrs[0]) {
		fp->pr->hint = conf_suggest(word, filter_attrs,
		    sizeof filter_attrs / sizeof filter_attrs[0]);
		free(word);
		free(n);
		return (filter_fail(fp, start, FILTER_ERR_ATTRIBUTE, len));
	}
	free(word);
	n->attr = (enum filter_attr)i;
	fp->p = start + len;
	filter_blank(fp);
	opat = fp->p;
	for (i = 0; i < sizeof filter_ops / sizeof filter_ops[0]; i++) {
		len = strlen(filter_ops[i].text);
		if (strncasecmp(fp->p, filter_ops[i].text, len) == 0 &&
		    (i > 0 || !isalnum((unsigned char)fp->p[len])))
			break;
	}
	if (i == sizeof filter_ops / sizeof filter_ops[0]) {
		free(n);
		return (filter_fail(fp, opat, FILTER_ERR_SYNTAX, 0));
	}
	n->op = filter_ops[i].op;
	fp->p += len;
	if ((v = filter_value(fp, &at)) == NULL) {
		free(n);
		return (filter_fail(fp, at, FILTER_ERR_SYNTAX, 0));
	}
	if ((n = filter_cmp_value(fp, n, v, at)) == NULL &&
	    fp->pr->near == NULL)
		filter_fail(fp, opat, FILTER_ERR_OPERATOR, (size_t)(at - opat));
	return (n);
}

static struct filter_node	*filter_or(struct filter_parser *);

/* ( or ) | comparison */
static struct filter_node *
filter_primary(struct filter_parser *fp)
{
	struct filter_node	*n;
	const char		*open;

	filter_blank(fp);
	if (*fp->p != '(')
		return (filter_cmp(fp));
	open = fp->p++;
	if (++fp->depth > FILTER_MAX_DEPTH)
		return (filter_fail(fp, open, FILTER_ERR_DEPTH, 1));
	if ((n = filter_or(fp)) == NULL)
		return (NULL);
	filter_blank(fp);
	if (*fp->p != ')') {
		filter_node_free(n);
		return (filter_fail(fp, *fp->p != '\0' ? fp->p : open,
		    FILTER_ERR_SYNTAX, 0));
	}
	fp->p++;
	fp->depth--;
	return (n);
}

/* Join two nodes under an and or an or. */
static struct filter_node *
filter_join(enum filter_node_type t, struct filter_node *l,
    struct filter_node *r)
{
	struct filter_node	*n;

	n = xcalloc(1, sizeof *n);
	n->type = t;
	n->left = l;
	n->right = r;
	return (n);
}

static struct filter_node *
filter_and(struct filter_parser *fp)
{
	struct filter_node	*l, *r;

	if ((l = filter_primary(fp)) == NULL)
		return (NULL);
	while (filter_word_is(fp, "and")) {
		fp->p += 3;
		if ((r = filter_primary(fp)) == NULL) {
			filter_node_free(l);
			return (NULL);
		}
		l = filter_join(FILTER_AND, l, r);
	}
	return (l);
}

static struct filter_node *
filter_or(struct filter_parser *fp)
{
	struct filter_node	*l, *r;

	if ((l = filter_and(fp)) == NULL)
		return (NULL);
	while (filter_word_is(fp, "or")) {
		fp->p += 2;
		if ((r = filter_and(fp)) == NULL) {
			filter_node_free(l);
			return (NULL);
		}
		l = filter_join(FILTER_OR, l, r);
	}
	return (l);
}

/*
 * Parse an expression of the filter language. Returns the tree (free
 * with filter_free), or NULL with *pr: its kind, column and the words
 * concerned (free pr->near).
 */
struct filter *
filter_parse(const char *src, struct filter_problem *pr)
{
	struct filter_parser	 fp;
	struct filter_node	*root;
	struct filter		*f;

	memset(pr, 0, sizeof *pr);
	fp.src = fp.p = src;
	fp.depth = 0;
	fp.pr = pr;
	filter_blank(&fp);
	if (*fp.p == '\0') {
		pr->kind = FILTER_ERR_EMPTY;
		pr->col = 1;
		return (NULL);
	}
	if ((root = filter_or(&fp)) == NULL)
		return (NULL);
	filter_blank(&fp);
	if (*fp.p != '\0') {
		filter_node_free(root);
		filter_fail(&fp, fp.p, FILTER_ERR_SYNTAX, 0);
		return (NULL);
	}
	f = xmalloc(sizeof *f);
	f->root = root;
	f->source = xstrdup(src);
	return (f);
}
