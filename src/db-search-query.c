/*
 * The search language: what the user types at "/" or gives --search,
 * read into a tree and written as an FTS5 MATCH expression; and the
 * tree's words found again in an item's text, for its snippet.
 *
 * A bare word matches every form of the word (its stem); "a phrase"
 * matches its words in order, exactly (their normalised forms); word*
 * and "a phrase"* make the last word a prefix. Words side by side must
 * all be there (AND may be written between them), OR takes either side,
 * NOT word and -word leave items with the word out, and parentheses
 * group, as FTS5 reads them: NOT binds closest, then AND, then OR. Only
 * capitals are operators (and, or, not are words), and the rest of
 * FTS5's syntax (NEAR, ^, column:, +) is text. A word with nothing to
 * search in it (punctuation) is left out; a query left with nothing, an
 * operator without its words, a parenthesis without its pair, or a part
 * that only leaves words out is a problem with a kind (enum reason_kind)
 * and a column, for the edge to word.
 *
 * Every phrase goes to FTS5 quoted, so nothing a user types is FTS5
 * syntax by accident; db-search.c's tokenizer reads a phrase that starts
 * with DB_SEARCH_QUERY_EXACT as exact words.
 */
#include "config.h"

#include "db.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arabic.h"
#include "db-priv.h"
#include "reason.h"
#include "str.h"
#include "utf8.h"
#include "xmalloc.h"

#define DB_SQ_DEPTH	32	/* parentheses inside each other */
#define DB_SQ_RING	32	/* words of a phrase matched in a snippet */
#define DB_SQ_BEFORE	3	/* words of a snippet before its first match */
#define DB_SQ_WORDS	16	/* words of a snippet */
#define DB_SQ_PHRASES	64	/* phrases a snippet looks for, at most */

enum db_sq_tok {
	DB_SQ_END = 0,
	DB_SQ_WORD,		/* a bare word, maybe with a trailing * */
	DB_SQ_PHRASE,		/* "a phrase", maybe followed by * */
	DB_SQ_LP,
	DB_SQ_RP,
	DB_SQ_AND,
	DB_SQ_OR,
	DB_SQ_NOT,
	DB_SQ_MINUS		/* - right before a word, phrase or ( */
};

struct db_sq_token {
	enum db_sq_tok	 type;
	const char	*text;		/* a word's or phrase's, in the query */
	size_t		 len;
	bool		 prefix;
	size_t		 at;		/* byte offset in the query */
};

enum db_sq_kind {
	DB_SQ_NODE_PHRASE,
	DB_SQ_NODE_AND,
	DB_SQ_NODE_OR
};

/* A node of the query's tree. */
struct db_sq_node {
	enum db_sq_kind	  kind;
	bool		  neg;		/* in an AND: items with it are left out */
	const char	 *text;		/* phrase: its text in the query */
	size_t		  len;
	bool		  exact;	/* phrase: "quoted" */
	bool		  prefix;	/* phrase: its last word a prefix */
	struct db_sq_node **v;		/* and, or: the parts */
	size_t		  n;
	size_t		  cap;
};

/* One word of a phrase, as the index has it. */
struct db_sq_word {
	char		*text;		/* stem, or normalised form when exact */
	size_t		 len;
};

/* A phrase that makes an item match, for snippets. */
struct db_sq_phrase {
	struct db_sq_word *w;
	size_t		 n;
	bool		 exact;
	bool		 prefix;
};

struct db_search_query {
	char		 *match;	/* the FTS5 expression */
	struct db_sq_phrase *phrases;	/* those not left out */
	size_t		  nphrases;
	struct db_sq_node **nodes;	/* every node, to free */
	size_t		  nnodes;
	size_t		  capnodes;
};

struct db_sq_parser {
	const char		*q;
	struct db_sq_token	*t;
	size_t			 nt;
	size_t			 i;		/* the next token */
	struct db_search_query	*out;
	int			 kind;		/* the problem, REASON_NONE */
	size_t			 at;		/* ... its byte offset */
};

static int
db_sq_space(unsigned char c)
{
	return (c == ' ' || c < 0x20 || c == 0x7f);
}

/* Cut the query into tokens (an array ended by DB_SQ_END). */
static void
db_sq_lex(struct db_sq_parser *ps)
{
	const char		*q = ps->q, *e;
	struct db_sq_token	 t;
	size_t			 pos = 0, len = strlen(q), cap = 8;

	ps->t = xreallocarray(NULL, cap, sizeof *ps->t);
	ps->nt = 0;
	for (;;) {
		while (pos < len && db_sq_space((unsigned char)q[pos]))
			pos++;
		memset(&t, 0, sizeof t);
		t.at = pos;
		if (pos >= len)
			t.type = DB_SQ_END;
		else if (q[pos] == '(') {
			t.type = DB_SQ_LP;
			pos++;
		} else if (q[pos] == ')') {
			t.type = DB_SQ_RP;
			pos++;
		} else if (q[pos] == '"') {
			t.type = DB_SQ_PHRASE;
			t.text = q + ++pos;
			e = strchr(t.text, '"');
			t.len = e != NULL ? (size_t)(e - t.text) : len - pos;
			pos += t.len + (e != NULL);
			if (pos < len && q[pos] == '*') {
				t.prefix = true;
				pos++;
			}
		} else if (q[pos] == '-' && pos + 1 < len &&
		    !db_sq_space((unsigned char)q[pos + 1]) &&
		    q[pos + 1] != ')' && q[pos + 1] != '-') {
			t.type = DB_SQ_MINUS;
			pos++;
		} else {
			t.type = DB_SQ_WORD;
			t.text = q + pos;
			while (pos < len && !db_sq_space((unsigned char)q[pos]) &&
			    q[pos] != '"' && q[pos] != '(' && q[pos] != ')')
				pos++;
			t.len = (size_t)(q + pos - t.text);
			if (t.len == 3 && memcmp(t.text, "AND", 3) == 0)
				t.type = DB_SQ_AND;
			else if (t.len == 2 && memcmp(t.text, "OR", 2) == 0)
				t.type = DB_SQ_OR;
			else if (t.len == 3 && memcmp(t.text, "NOT", 3) == 0)
				t.type = DB_SQ_NOT;
			else if (t.len > 1 && t.text[t.len - 1] == '*') {
				t.prefix = true;
				t.len--;
			}
		}
		if (ps->nt == cap) {
			cap *= 2;
			ps->t = xreallocarray(ps->t, cap, sizeof *ps->t);
		}
		ps->t[ps->nt++] = t;
		if (t.type == DB_SQ_END)
			break;
	}
}

static const struct db_sq_token *
db_sq_peek(const struct db_sq_parser *ps)
{
	return (&ps->t[ps->i]);
}

static void
db_sq_next(struct db_sq_parser *ps)
{
	if (ps->t[ps->i].type != DB_SQ_END)
		ps->i++;
}

/* Record the first problem; NULL for the caller to return. */
static struct db_sq_node *
db_sq_fail(struct db_sq_parser *ps, int kind, size_t at)
{
	if (ps->kind == REASON_NONE) {
		ps->kind = kind;
		ps->at = at;
	}
	return (NULL);
}

static struct db_sq_node *
db_sq_node_new(struct db_sq_parser *ps, enum db_sq_kind kind)
{
	struct db_search_query	*sq = ps->out;
	struct db_sq_node	*n;

	n = xcalloc(1, sizeof *n);
	n->kind = kind;
	if (sq->nnodes == sq->capnodes) {
		sq->capnodes = sq->capnodes > 0 ? sq->capnodes * 2 : 16;
		sq->nodes = xreallocarray(sq->nodes, sq->capnodes,
		    sizeof *sq->nodes);
	}
	sq->nodes[sq->nnodes++] = n;
	return (n);
}

static void
db_sq_node_add(struct db_sq_node *parent, struct db_sq_node *child)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap > 0 ? parent->cap * 2 : 4;
		parent->v = xreallocarray(parent->v, parent->cap,
		    sizeof *parent->v);
	}
	parent->v[parent->n++] = child;
}

static int
db_sq_count_cb(void *arg, const struct arabic_token *t)
{
	(void)t;
	(*(size_t *)arg)++;
	return (0);
}

/* The number of words of text the index would have. */
static size_t
db_sq_words(const char *text, size_t len)
{
	size_t	n = 0;

	arabic_tokenize(text, len, db_sq_count_cb, &n);
	return (n);
}

/* Whether a token ends what an operator needs after it. */
static int
db_sq_stops(enum db_sq_tok type)
{
	return (type == DB_SQ_END || type == DB_SQ_RP || type == DB_SQ_AND ||
	    type == DB_SQ_OR);
}

static struct db_sq_node *db_sq_or(struct db_sq_parser *, int, bool *);

/*
 * A word, a phrase or a group, with the NOTs and -s before it: *nothing
 * when it has nothing to search (NULL then is no problem).
 */
static struct db_sq_node *
db_sq_unary(struct db_sq_parser *ps, int depth, bool *nothing)
{
	const struct db_sq_token	*t;
	struct db_sq_node		*n = NULL;
	bool				 neg = false, empty;
	size_t				 at;

	*nothing = false;
	while ((t = db_sq_peek(ps))->type == DB_SQ_NOT ||
	    t->type == DB_SQ_MINUS) {
		neg = !neg;
		at = t->at;
		db_sq_next(ps);
		if (db_sq_stops(db_sq_peek(ps)->type))
			return (db_sq_fail(ps, REASON_SEARCH_OPERATOR, at));
	}
	t = db_sq_peek(ps);
	switch (t->type) {
	case DB_SQ_LP:
		at = t->at;
		if (depth >= DB_SQ_DEPTH)
			return (db_sq_fail(ps, REASON_QUERY_DEPTH, at));
		db_sq_next(ps);
		n = db_sq_or(ps, depth + 1, &empty);
		if (ps->kind != REASON_NONE)
			return (NULL);
		if (db_sq_peek(ps)->type != DB_SQ_RP)
			return (db_sq_fail(ps, REASON_SEARCH_PAREN, at));
		db_sq_next(ps);
		if (empty) {
			*nothing = true;
			return (NULL);
		}
		break;
	case DB_SQ_WORD:
	case DB_SQ_PHRASE:
		db_sq_next(ps);
		if (db_sq_words(t->text, t->len) == 0) {
			*nothing = true;
			return (NULL);
		}
		n = db_sq_node_new(ps, DB_SQ_NODE_PHRASE);
		n->text = t->text;
		n->len = t->len;
		n->exact = t->type == DB_SQ_PHRASE;
		n->prefix = t->prefix;
		break;
	default:
		/* An operator where a word was wanted. */
		return (db_sq_fail(ps, REASON_SEARCH_OPERATOR, t->at));
	}
	n->neg = neg;
	return (n);
}

/*
 * Words side by side (AND between them or not), up to OR, ")" or the
 * end: one node, or NULL with *nothing when nothing in it searches.
 */
static struct db_sq_node *
db_sq_and(struct db_sq_parser *ps, int depth, bool *nothing)
{
	const struct db_sq_token	*t;
	struct db_sq_node		*n, *u, *first = NULL;
	size_t				 parsed = 0, pos = 0, neg_at = 0;
	bool				 none, any_neg = false;

	n = db_sq_node_new(ps, DB_SQ_NODE_AND);
	for (;;) {
		t = db_sq_peek(ps);
		if (t->type == DB_SQ_END || t->type == DB_SQ_RP ||
		    t->type == DB_SQ_OR)
			break;
		if (t->type == DB_SQ_AND) {
			if (parsed == 0)
				return (db_sq_fail(ps, REASON_SEARCH_OPERATOR,
				    t->at));
			db_sq_next(ps);
			if (db_sq_stops(db_sq_peek(ps)->type))
				return (db_sq_fail(ps, REASON_SEARCH_OPERATOR,
				    t->at));
			continue;
		}
		if (!any_neg)
			neg_at = t->at;
		u = db_sq_unary(ps, depth, &none);
		if (ps->kind != REASON_NONE)
			return (NULL);
		parsed++;
		if (u == NULL)
			continue;
		if (u->neg)
			any_neg = true;
		else {
			pos++;
			if (first == NULL)
				first = u;
		}
		db_sq_node_add(n, u);
	}
	*nothing = n->n == 0;
	if (n->n == 0)
		return (NULL);
	if (pos == 0)
		return (db_sq_fail(ps, REASON_SEARCH_NOT_ONLY, neg_at));
	if (n->n == 1)
		return (first);
	return (n);
}

/* Parts joined by OR: one node, or NULL with *nothing. */
static struct db_sq_node *
db_sq_or(struct db_sq_parser *ps, int depth, bool *nothing)
{
	const struct db_sq_token	*t;
	struct db_sq_node		*n, *a;
	bool				 none;
	size_t				 at;

	n = db_sq_node_new(ps, DB_SQ_NODE_OR);
	for (;;) {
		t = db_sq_peek(ps);
		at = t->at;
		a = db_sq_and(ps, depth, &none);
		if (ps->kind != REASON_NONE)
			return (NULL);
		if (a != NULL)
			db_sq_node_add(n, a);
		t = db_sq_peek(ps);
		if (t->type != DB_SQ_OR)
			break;
		/* OR with nothing before it, or nothing after. */
		if (t->at == at)
			return (db_sq_fail(ps, REASON_SEARCH_OPERATOR, t->at));
		at = t->at;
		db_sq_next(ps);
		if (db_sq_stops(db_sq_peek(ps)->type))
			return (db_sq_fail(ps, REASON_SEARCH_OPERATOR, at));
	}
	*nothing = n->n == 0;
	if (n->n == 0)
		return (NULL);
	if (n->n == 1)
		return (n->v[0]);
	return (n);
}

/* Write a node as FTS5's syntax. */
static void
db_sq_write(const struct db_sq_node *n, struct str *out)
{
	size_t	i, k;

	switch (n->kind) {
	case DB_SQ_NODE_PHRASE:
		str_appendc(out, '"');
		if (n->exact)
			str_appendc(out, DB_SEARCH_QUERY_EXACT);
		str_append(out, n->text, n->len);
		str_appends(out, n->prefix ? "\" *" : "\"");
		break;
	case DB_SQ_NODE_AND:
		str_appends(out, "((");
		for (i = k = 0; i < n->n; i++) {
			if (n->v[i]->neg)
				continue;
			if (k++ > 0)
				str_appends(out, " AND ");
			db_sq_write(n->v[i], out);
		}
		str_appendc(out, ')');
		for (i = 0; i < n->n; i++) {
			if (!n->v[i]->neg)
				continue;
			str_appends(out, " NOT ");
			db_sq_write(n->v[i], out);
		}
		str_appendc(out, ')');
		break;
	case DB_SQ_NODE_OR:
		str_appendc(out, '(');
		for (i = 0; i < n->n; i++) {
			if (i > 0)
				str_appends(out, " OR ");
			db_sq_write(n->v[i], out);
		}
		str_appendc(out, ')');
		break;
	}
}

/* What db_sq_phrase_words gathers a phrase's words into. */
struct db_sq_gather {
	struct db_sq_phrase	*ph;
};

static int
db_sq_gather_cb(void *arg, const struct arabic_token *t)
{
	struct db_sq_phrase	*ph = ((struct db_sq_gather *)arg)->ph;
	struct db_sq_word	*w;

	ph->w = xreallocarray(ph->w, ph->n + 1, sizeof *ph->w);
	w = &ph->w[ph->n++];
	if (ph->exact || ph->prefix) {
		w->text = xstrndup(t->norm, t->normlen);
		w->len = t->normlen;
	} else {
		w->text = xstrndup(t->stem, t->stemlen);
		w->len = t->stemlen;
	}
	return (ph->n >= DB_SQ_RING);
}

/*
 * Keep the phrases that make an item match (none under a NOT), the first
 * DB_SQ_PHRASES of them: a snippet's walk compares each word with each.
 */
static void
db_sq_phrases(struct db_search_query *sq, const struct db_sq_node *n)
{
	struct db_sq_gather	 g;
	struct db_sq_phrase	*ph;
	size_t			 i;

	if (n->neg || sq->nphrases == DB_SQ_PHRASES)
		return;
	if (n->kind != DB_SQ_NODE_PHRASE) {
		for (i = 0; i < n->n; i++)
			db_sq_phrases(sq, n->v[i]);
		return;
	}
	if (sq->phrases == NULL)
		sq->phrases = xreallocarray(NULL, DB_SQ_PHRASES,
		    sizeof *sq->phrases);
	ph = &sq->phrases[sq->nphrases++];
	memset(ph, 0, sizeof *ph);
	ph->exact = n->exact;
	ph->prefix = n->prefix;
	g.ph = ph;
	arabic_tokenize(n->text, n->len, db_sq_gather_cb, &g);
}

/* The column (in characters, from 1) of byte at in q. */
static long
db_sq_column(const char *q, size_t at)
{
	size_t		i, n;
	unsigned int	c;
	long		col = 1;

	for (i = 0; i < at; i += n, col++) {
		if ((n = utf8_char((const unsigned char *)q + i, at - i,
		    &c)) == 0)
			n = 1;
	}
	return (col);
}

/*
 * Read a query. Returns it (free with db_search_query_free), or NULL with
 * *kind (enum reason_kind) and *column (from 1; 0 when there is none)
 * saying what is wrong.
 */
struct db_search_query *
db_search_query_parse(const char *q, int *kind, long *column)
{
	struct db_sq_parser	 ps;
	struct db_search_query	*sq;
	struct db_sq_node	*root;
	struct str		 out;
	bool			 nothing;

	memset(&ps, 0, sizeof ps);
	ps.q = q != NULL ? q : "";
	ps.out = sq = xcalloc(1, sizeof *sq);
	ps.kind = REASON_NONE;
	db_sq_lex(&ps);
	root = db_sq_or(&ps, 0, &nothing);
	if (ps.kind == REASON_NONE && db_sq_peek(&ps)->type == DB_SQ_RP)
		db_sq_fail(&ps, REASON_SEARCH_PAREN, db_sq_peek(&ps)->at);
	if (ps.kind == REASON_NONE && root == NULL)
		db_sq_fail(&ps, REASON_SEARCH_EMPTY, 0);
	*kind = ps.kind;
	*column = ps.kind == REASON_NONE || ps.kind == REASON_SEARCH_EMPTY ?
	    0 : db_sq_column(ps.q, ps.at);
	free(ps.t);
	if (ps.kind != REASON_NONE) {
		db_search_query_free(sq);
		return (NULL);
	}
	str_init(&out);
	db_sq_write(root, &out);
	sq->match = str_steal(&out);
	db_sq_phrases(sq, root);
	return (sq);
}

/* Whether query reads as a search: 0, or -1 with its problem's kind and column. */
int
db_search_query_check(const char *query, int *kind, long *column)
{
	struct db_search_query	*sq;

	if ((sq = db_search_query_parse(query, kind, column)) == NULL)
		return (-1);
	db_search_query_free(sq);
	return (0);
}

/* The words for a query's problem, for a lower layer's cause (English). */
char *
db_search_query_cause(const char *query, int kind, long column)
{
	char	*s;

	(void)query;
	switch (kind) {
	case REASON_SEARCH_EMPTY:
		return (xstrdup("nothing to search for"));
	case REASON_SEARCH_PAREN:
		xasprintf(&s, "a parenthesis without its pair at column %ld",
		    column);
		break;
	case REASON_SEARCH_OPERATOR:
		xasprintf(&s, "an operator without its words at column %ld",
		    column);
		break;
	case REASON_SEARCH_NOT_ONLY:
		xasprintf(&s, "only words to leave out at column %ld", column);
		break;
	default:
		xasprintf(&s, "parentheses nested too deep at column %ld",
		    column);
		break;
	}
	return (s);
}

/* The FTS5 MATCH expression of a query. */
const char *
db_search_query_match(const struct db_search_query *sq)
{
	return (sq->match);
}

/* Free a query read by db_search_query_parse (NULL is fine). */
void
db_search_query_free(struct db_search_query *sq)
{
	size_t	i, k;

	if (sq == NULL)
		return;
	for (i = 0; i < sq->nnodes; i++) {
		free(sq->nodes[i]->v);
		free(sq->nodes[i]);
	}
	free(sq->nodes);
	for (i = 0; i < sq->nphrases; i++) {
		for (k = 0; k < sq->phrases[i].n; k++)
			free(sq->phrases[i].w[k].text);
		free(sq->phrases[i].w);
	}
	free(sq->phrases);
	free(sq->match);
	free(sq);
}

/* One word of a text, kept while a phrase may still end on it. */
struct db_sq_seen {
	size_t		 start;		/* bytes [start, end) of the text */
	size_t		 end;
	char		 norm[ARABIC_MAXBYTES + 1];
	size_t		 normlen;
	size_t		 stem;		/* the stem is norm[stem, stem + stemlen) */
	size_t		 stemlen;
};

/* A walk over a text's words looking for the query's phrases. */
struct db_sq_find {
	const struct db_search_query *sq;
	struct db_sq_seen	*ring;		/* the last DB_SQ_RING words */
	size_t			 nseen;		/* words seen so far */
	size_t			 first;		/* the first match's first word */
	bool			 found;
	size_t			 from;		/* the snippet's words: from, */
	size_t			 to;		/* ... to (exclusive) */
	size_t			 from_byte;
	size_t			 to_byte;
	struct db_match		*m;		/* matches in the snippet */
	size_t			 nm;
	bool			 more;		/* words after the snippet */
};

/* Whether word w of the text is phrase word k of ph. */
static bool
db_sq_word_is(const struct db_sq_phrase *ph, size_t k,
    const struct db_sq_seen *w)
{
	const struct db_sq_word	*pw = &ph->w[k];

	if (ph->prefix && k == ph->n - 1)
		return (w->normlen >= pw->len &&
		    memcmp(w->norm, pw->text, pw->len) == 0);
	if (ph->exact || ph->prefix)
		return (w->normlen == pw->len &&
		    memcmp(w->norm, pw->text, pw->len) == 0);
	return (w->stemlen == pw->len &&
	    memcmp(w->norm + w->stem, pw->text, pw->len) == 0);
}

/* The number of words of the longest phrase ending on the newest word. */
static size_t
db_sq_ends_here(const struct db_sq_find *f)
{
	const struct db_sq_phrase	*ph;
	size_t				 i, k, best = 0;

	for (i = 0; i < f->sq->nphrases; i++) {
		ph = &f->sq->phrases[i];
		if (ph->n == 0 || ph->n > f->nseen || ph->n <= best)
			continue;
		for (k = 0; k < ph->n; k++) {
			if (!db_sq_word_is(ph, k, &f->ring[(f->nseen - ph->n +
			    k) % DB_SQ_RING]))
				break;
		}
		if (k == ph->n)
			best = ph->n;
	}
	return (best);
}

static int
db_sq_find_cb(void *arg, const struct arabic_token *t)
{
	struct db_sq_find	*f = arg;
	struct db_sq_seen	*w, *s;
	size_t			 n, idx;

	if (f->found && f->nseen >= f->to) {
		f->more = true;
		return (1);
	}
	idx = f->nseen;
	w = &f->ring[idx % DB_SQ_RING];
	w->start = t->start;
	w->end = t->end;
	memcpy(w->norm, t->norm, t->normlen);
	w->normlen = t->normlen;
	w->stem = (size_t)(t->stem - t->norm);
	w->stemlen = t->stemlen;
	f->nseen++;
	if ((n = db_sq_ends_here(f)) == 0) {
		if (f->found)
			f->to_byte = t->end;
		return (0);
	}
	if (!f->found) {
		f->found = true;
		f->first = idx + 1 - n;
		f->from = f->first > DB_SQ_BEFORE ? f->first - DB_SQ_BEFORE : 0;
		if (f->nseen - f->from > DB_SQ_RING)
			f->from = f->nseen - DB_SQ_RING;
		f->to = f->from + DB_SQ_WORDS;
		if (f->to < f->nseen)
			f->to = f->nseen;
		f->from_byte = f->ring[f->from % DB_SQ_RING].start;
	}
	s = &f->ring[(idx + 1 - n) % DB_SQ_RING];
	if (idx + 1 - n >= f->from) {
		f->m = xreallocarray(f->m, f->nm + 1, sizeof *f->m);
		f->m[f->nm].start = s->start;
		f->m[f->nm].end = t->end;
		f->nm++;
	}
	f->to_byte = t->end;
	return (0);
}

/* Put a snippet (text[from, to) with "…" where words were cut) in r. */
static void
db_sq_snippet_set(struct db_item_row *r, const char *text, size_t from,
    size_t to, bool before, bool after, struct db_match *m, size_t nm)
{
	struct str	out;
	size_t		i, lead = 0;

	str_init(&out);
	str_append(&out, "", 0);
	if (before) {
		str_appends(&out, "…");
		lead = out.len;
	}
	if (to > from)
		str_append(&out, text + from, to - from);
	if (after)
		str_appends(&out, "…");
	free(r->snippet);
	free(r->matches);
	r->snippet = str_steal(&out);
	r->matches = m;
	r->nmatches = nm;
	for (i = 0; i < nm; i++) {
		r->matches[i].start = r->matches[i].start - from + lead;
		r->matches[i].end = r->matches[i].end - from + lead;
	}
}

/*
 * Find the query's words in text: true when one is there, with the
 * snippet around the first (DB_SQ_WORDS words from DB_SQ_BEFORE before
 * it) and its matches put in r. The walk stops at the snippet's end, so
 * a long text costs what its words up to there cost.
 */
static bool
db_sq_snippet_find(const struct db_search_query *sq, const char *text,
    struct db_item_row *r)
{
	struct db_sq_find	 f;

	if (text == NULL)
		return (false);
	memset(&f, 0, sizeof f);
	f.sq = sq;
	f.ring = xreallocarray(NULL, DB_SQ_RING, sizeof *f.ring);
	arabic_tokenize(text, strlen(text), db_sq_find_cb, &f);
	free(f.ring);
	if (!f.found)
		return (false);
	db_sq_snippet_set(r, text, f.from_byte, f.to_byte, f.from > 0,
	    f.more, f.m, f.nm);
	return (true);
}

/* Where the first DB_SQ_WORDS words of a text end. */
struct db_sq_head {
	size_t		 n;
	size_t		 start;
	size_t		 end;
	bool		 more;
};

static int
db_sq_head_cb(void *arg, const struct arabic_token *t)
{
	struct db_sq_head	*h = arg;

	if (h->n == DB_SQ_WORDS) {
		h->more = true;
		return (1);
	}
	if (h->n++ == 0)
		h->start = t->start;
	h->end = t->end;
	return (0);
}

/* A snippet of text's first words, without matches. */
static void
db_sq_snippet_head(const char *text, struct db_item_row *r)
{
	struct db_sq_head	h;

	memset(&h, 0, sizeof h);
	if (text == NULL)
		text = "";
	arabic_tokenize(text, strlen(text), db_sq_head_cb, &h);
	db_sq_snippet_set(r, text, h.start, h.end, false, h.more, NULL, 0);
}

/*
 * Make a search result's snippet: the words around the first match in
 * its body, else in its title, else the body's first words; matches
 * are byte ranges of the snippet.
 */
void
db_search_query_snippet(const struct db_search_query *sq, const char *title,
    const char *body, struct db_item_row *r)
{
	if (db_sq_snippet_find(sq, body, r) || db_sq_snippet_find(sq, title, r))
		return;
	db_sq_snippet_head(body != NULL && *body != '\0' ? body : title, r);
}
