/*
 * query: feeds: the cached items a filter (filter.h) matches, read as a
 * list like a feed's. The filter's tree becomes an SQL condition here,
 * every value of the user's bound as a parameter, never pasted in; =~
 * calls akhbar_regexp (POSIX extended, ignoring case), registered on the
 * connection the first time a query needs it, its compiled pattern kept
 * for the statement. Ages compare the item's date with a bound "now", so
 * the item_date index serves them. Pages are keyset pages over (sort_date,
 * id) as db-item.c's are, with the same row.
 */
#include "config.h"

#include "db.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "db-priv.h"
#include "filter.h"
#include "str.h"
#include "xmalloc.h"

/* The values a condition binds, in order. */
struct db_query_args {
	struct {
		const char	*text;	/* NULL: num */
		int64_t		 num;
	}		*v;
	size_t		 n;
};

static void
db_query_text(struct db_query_args *a, struct str *sql, const char *text)
{
	a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
	a->v[a->n].text = text;
	a->v[a->n].num = 0;
	a->n++;
	str_printf(sql, "?%zu", a->n);
}

static void
db_query_num(struct db_query_args *a, struct str *sql, int64_t num)
{
	a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
	a->v[a->n].text = NULL;
	a->v[a->n].num = num;
	a->n++;
	str_printf(sql, "?%zu", a->n);
}

/* The column a text attribute compares. */
static const char *
db_query_column(enum filter_attr attr)
{
	switch (attr) {
	case FILTER_TITLE:
		return ("COALESCE(i.title, '')");
	case FILTER_CONTENT:
		return ("COALESCE(akhbar_unpack(i.content),"
		    " akhbar_unpack(i.summary), '')");
	case FILTER_AUTHOR:
		return ("COALESCE(i.authors, '')");
	case FILTER_FEEDTITLE:
		return ("COALESCE(f.title_override, f.title, f.url)");
	case FILTER_FEEDURL:
	default:
		return ("f.url");
	}
}

/* i.sort_date against now - days * 86400. */
static void
db_query_date(struct db_query_args *a, struct str *sql, const char *op,
    int64_t now, long days)
{
	str_printf(sql, "i.sort_date %s ", op);
	db_query_num(a, sql, now - (int64_t)days * 86400);
}

/* Append the condition of a comparison. */
static void
db_query_cmp(const struct filter_node *n, int64_t now,
    struct db_query_args *a, struct str *sql)
{
	const char	*col;

	switch (n->attr) {
	case FILTER_UNREAD:
		str_printf(sql, "i.unread %s ", n->op == FILTER_NE ? "<>" : "=");
		db_query_num(a, sql, n->lo);
		return;
	case FILTER_TAGS:
		str_printf(sql, "%sEXISTS (SELECT 1 FROM feed_tag ft CROSS JOIN "
		    "tag t ON t.id = ft.tag_id WHERE ft.feed_id = i.feed_id AND "
		    "t.name = ", n->op == FILTER_HASNT ? "NOT " : "");
		db_query_text(a, sql, n->text);
		str_appendc(sql, ')');
		return;
	case FILTER_AGE:
		/* age is whole days: age < N is a date after now - N days. */
		switch (n->op) {
		case FILTER_LT:
			db_query_date(a, sql, ">", now, n->lo);
			break;
		case FILTER_LE:
			db_query_date(a, sql, ">", now, n->lo + 1);
			break;
		case FILTER_GT:
			db_query_date(a, sql, "<=", now, n->lo + 1);
			break;
		case FILTER_GE:
			db_query_date(a, sql, "<=", now, n->lo);
			break;
		case FILTER_NE:
			str_appends(sql, "NOT (");
			db_query_date(a, sql, "<=", now, n->lo);
			str_appends(sql, " AND ");
			db_query_date(a, sql, ">", now, n->lo + 1);
			str_appendc(sql, ')');
			break;
		case FILTER_BETWEEN:
		case FILTER_EQ:
		default:
			str_appendc(sql, '(');
			db_query_date(a, sql, "<=", now, n->lo);
			str_appends(sql, " AND ");
			db_query_date(a, sql, ">", now, (n->op == FILTER_EQ ?
			    n->lo : n->hi) + 1);
			str_appendc(sql, ')');
			break;
		}
		return;
	default:
		break;
	}
	col = db_query_column(n->attr);
	switch (n->op) {
	case FILTER_EQ:
	case FILTER_NE:
		str_printf(sql, "%s %s ", col, n->op == FILTER_EQ ? "=" : "<>");
		db_query_text(a, sql, n->text);
		break;
	case FILTER_MATCH:
	case FILTER_NOMATCH:
		str_printf(sql, "%sakhbar_regexp(", n->op == FILTER_NOMATCH ?
		    "NOT " : "");
		db_query_text(a, sql, n->text);
		str_printf(sql, ", %s)", col);
		break;
	case FILTER_HAS:
	case FILTER_HASNT:
	default:
		str_printf(sql, "instr(lower(%s), lower(", col);
		db_query_text(a, sql, n->text);
		str_printf(sql, ")) %s 0", n->op == FILTER_HASNT ? "=" : ">");
		break;
	}
}

/* Append the condition of a tree, in parentheses. */
static void
db_query_where(const struct filter_node *n, int64_t now,
    struct db_query_args *a, struct str *sql)
{
	str_appendc(sql, '(');
	if (n->type == FILTER_CMP)
		db_query_cmp(n, now, a, sql);
	else {
		db_query_where(n->left, now, a, sql);
		str_appends(sql, n->type == FILTER_AND ? " AND " : " OR ");
		db_query_where(n->right, now, a, sql);
	}
	str_appendc(sql, ')');
}

static void
db_query_regfree(void *p)
{
	regfree(p);
	free(p);
}

/* akhbar_regexp(pattern, text): whether text matches, ignoring case. */
static void
db_query_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*pat, *text;
	regex_t			*re;

	(void)argc;
	if ((text = sqlite3_value_text(argv[1])) == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	if ((re = sqlite3_get_auxdata(ctx, 0)) == NULL) {
		if ((pat = sqlite3_value_text(argv[0])) == NULL) {
			sqlite3_result_int(ctx, 0);
			return;
		}
		re = xmalloc(sizeof *re);
		if (regcomp(re, (const char *)pat, REG_EXTENDED | REG_ICASE |
		    REG_NOSUB) != 0) {
			free(re);
			sqlite3_result_error(ctx, "bad regular expression", -1);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, re, db_query_regfree);
		/* SQLite may have freed it at once: look it up again. */
		if ((re = sqlite3_get_auxdata(ctx, 0)) == NULL) {
			sqlite3_result_error(ctx, "out of memory", -1);
			return;
		}
	}
	sqlite3_result_int(ctx, regexec(re, (const char *)text, 0, NULL, 0) ==
	    0);
}

/* Prepare sql with the filter's values bound; NULL with *cause. */
static sqlite3_stmt *
db_query_prepare(struct db *db, const char *sql,
    const struct db_query_args *a, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	rc = sqlite3_create_function_v2(db->sq, "akhbar_regexp", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, db_query_regexp, NULL,
	    NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "query feed", cause);
		return (NULL);
	}
	for (i = 0; i < a->n; i++) {
		if (a->v[i].text != NULL)
			sqlite3_bind_text(st, (int)i + 1, a->v[i].text, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, (int)i + 1, a->v[i].num);
	}
	return (st);
}

/*
 * The SQL condition a filter makes, with its values to bind (for tests
 * that check it and its plan): "?1", "?2" ... in order.
 */
char *
db_query_sql(const struct filter *f, int64_t now, size_t *nargs)
{
	struct db_query_args	 a = { NULL, 0 };
	struct str		 sql;

	str_init(&sql);
	db_query_where(f->root, now, &a, &sql);
	*nargs = a.n;
	free(a.v);
	return (str_steal(&sql));
}

/*
 * Read one page of the items a filter matches (a query: feed), as
 * db_item_page reads a feed's: rows come newest first whatever the
 * direction; an empty page means the cursor is at that end.
 */
int
db_query_page(struct db *db, const struct filter *f, enum db_page page,
    const struct db_item_cursor *cur, int limit, struct db_item_row **out,
    size_t *nout, char **cause)
{
	struct db_query_args	 a = { NULL, 0 };
	struct str		 sql;
	sqlite3_stmt		*st;
	int			 rc;

	*out = NULL;
	*nout = 0;
	if (limit <= 0)
		return (0);
	if ((page == DB_PAGE_NEXT || page == DB_PAGE_PREV) && cur == NULL) {
		xasprintf(cause, "a cursor is needed for that page");
		return (-1);
	}
	str_init(&sql);
	str_appends(&sql, DB_ITEM_ROW " FROM item i CROSS JOIN feed f ON "
	    "f.id = i.feed_id WHERE ");
	db_query_where(f->root, db_now(), &a, &sql);
	if (page == DB_PAGE_NEXT || page == DB_PAGE_PREV) {
		str_printf(&sql, " AND (i.sort_date, i.id) %s (",
		    page == DB_PAGE_NEXT ? "<" : ">");
		db_query_num(&a, &sql, cur->date);
		str_appends(&sql, ", ");
		db_query_num(&a, &sql, cur->id);
		str_appendc(&sql, ')');
	}
	if (page == DB_PAGE_FIRST || page == DB_PAGE_NEXT)
		str_appends(&sql, " ORDER BY i.sort_date DESC, i.id DESC");
	else
		str_appends(&sql, " ORDER BY i.sort_date, i.id");
	str_appends(&sql, " LIMIT ");
	db_query_num(&a, &sql, limit);
	st = db_query_prepare(db, str_cstr(&sql), &a, cause);
	str_free(&sql);
	free(a.v);
	if (st == NULL)
		return (-1);
	rc = db_page_read(db, st, limit, sizeof **out, page, db_item_page_row,
	    db_item_page_free, "read a query feed", (void **)out, nout, cause);
	sqlite3_finalize(st);
	return (rc);
}

/* The items a filter matches, and how many of them are unread. */
int
db_query_count(struct db *db, const struct filter *f, int64_t *total,
    int64_t *unread, char **cause)
{
	struct db_query_args	 a = { NULL, 0 };
	struct str		 sql;
	sqlite3_stmt		*st;
	int			 rc;

	str_init(&sql);
	str_appends(&sql, "SELECT count(*), COALESCE(sum(i.unread), 0) FROM "
	    "item i CROSS JOIN feed f ON f.id = i.feed_id WHERE ");
	db_query_where(f->root, db_now(), &a, &sql);
	st = db_query_prepare(db, str_cstr(&sql), &a, cause);
	str_free(&sql);
	free(a.v);
	if (st == NULL)
		return (-1);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return (db_fail(db, rc, "count a query feed", cause));
	}
	*total = sqlite3_column_int64(st, 0);
	*unread = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return (0);
}
