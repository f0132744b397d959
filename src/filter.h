/*
 * Filters: the subset of newsboat's filter language that query: feeds of
 * the urls file use, parsed into a tree that the cache turns into SQL
 * (db-query.c). An expression compares an attribute with a value, and
 * expressions combine with "and", "or" and parentheses:
 *
 *	tags # "sport" and unread = "yes"
 *	(title =~ "غزة|gaza" or content # "غزة") and age < 7
 *
 * Attributes: title, content, author, feedtitle (also feed), feedurl,
 * tags, unread, age (days since the article's date). Operators: = and !=
 * (equal), =~ and !~ (an extended regular expression, ignoring case), #
 * and !# (contains: a tag for tags, a piece of text for the others), < >
 * <= >= (age), and "between A:B" (age). Nothing here prints: a problem
 * is a kind, a column and the words concerned.
 */
#ifndef AKHBAR_FILTER_H
#define AKHBAR_FILTER_H

#include <stdbool.h>

enum filter_attr {
	FILTER_TITLE = 0,
	FILTER_CONTENT,
	FILTER_AUTHOR,
	FILTER_FEEDTITLE,
	FILTER_FEEDURL,
	FILTER_TAGS,
	FILTER_UNREAD,
	FILTER_AGE
};

enum filter_op {
	FILTER_EQ = 0,		/* = */
	FILTER_NE,		/* != */
	FILTER_MATCH,		/* =~ */
	FILTER_NOMATCH,		/* !~ */
	FILTER_HAS,		/* # */
	FILTER_HASNT,		/* !# */
	FILTER_LT,		/* < */
	FILTER_GT,		/* > */
	FILTER_LE,		/* <= */
	FILTER_GE,		/* >= */
	FILTER_BETWEEN		/* between A:B */
};

enum filter_node_type {
	FILTER_AND = 0,
	FILTER_OR,
	FILTER_CMP
};

/* One node of the tree: and, or, or a comparison. */
struct filter_node {
	enum filter_node_type	 type;
	struct filter_node	*left;		/* AND, OR */
	struct filter_node	*right;
	enum filter_attr	 attr;		/* CMP */
	enum filter_op		 op;
	char			*text;		/* the value (text attributes, tags) */
	long			 lo;		/* the number (unread: 0 or 1; age) */
	long			 hi;		/* between's upper end */
};

struct filter {
	struct filter_node	*root;
	char			*source;	/* the expression as written */
};

/* What is wrong with an expression. */
enum filter_error {
	FILTER_ERR_SYNTAX = 0,	/* near: where reading stopped */
	FILTER_ERR_ATTRIBUTE,	/* near: the unknown attribute */
	FILTER_ERR_OPERATOR,	/* near: an operator the attribute has not */
	FILTER_ERR_VALUE,	/* near: a value the attribute cannot take */
	FILTER_ERR_REGEX,	/* near: the regular expression */
	FILTER_ERR_EMPTY,	/* no expression */
	FILTER_ERR_DEPTH	/* parentheses nested too deep */
};

struct filter_problem {
	enum filter_error kind;
	int		 col;		/* 1-based, in bytes */
	char		*near;		/* the words concerned, or NULL */
	const char	*hint;		/* the nearest attribute, or NULL */
};

/* Parse an expression; NULL with *problem (free near) when it is no good. */
struct filter	*filter_parse(const char *, struct filter_problem *);
void		 filter_free(struct filter *);
/* A copy of the tree. */
struct filter	*filter_copy(const struct filter *);
/* An attribute's name, as the language writes it. */
const char	*filter_attr_name(enum filter_attr);

#endif
