/*
 * Declarations shared by the parse family (parse*.c) and nobody else but
 * its white-box tests. Calls point one way, down this list (drawn from
 * the objects' undefined symbols, nm -u; any of them may also call
 * sanitize.c, utf8.c and the base layer):
 *
 *   parse-push.c    the push interface (parse.h), dispatch, the formats'
 *                   table -> parse-decode.c, parse-prelex.c,
 *                   parse-json.c, parse-html.c, parse-atom.c and
 *                   parse-rss.c (their struct parse_format only),
 *                   parse-xml.c, parse.c
 *   parse-atom.c,
 *   parse-rss.c     the XML formats -> parse-xml.c, parse.c
 *   parse-xml.c     SAX2 glue, storing each role's text -> parse-html.c
 *                   (an XHTML page's links), parse.c
 *   parse-html.c    an HTML page's feed links -> parse.c
 *   parse-json.c    JSON Feed -> parse.c
 *   parse-decode.c  encodings -> parse.c
 *   parse-prelex.c  the entity filter and pre-lexer -> parse-entity.c
 *   parse-entity.c  the internal DTD subset's entities -> nothing
 *   parse.c         the base: messages, items, the shared fields ->
 *                   parse-date.c, parse-dir.c, url.c, html.h (the
 *                   text layer)
 *   parse-dir.c     the script's direction -> nothing (FriBidi)
 *
 * parse-xml.c reaches the formats only through the struct parse_format
 * pointers parse-push.c hands it (parse_xml_new).
 */
#ifndef AKHBAR_PARSE_PRIV_H
#define AKHBAR_PARSE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "parse.h"
#include "str.h"

#define PARSE_FIELD_MAX		(16 * 1024 * 1024) /* bytes of one field */
#define PARSE_TITLE_MAX		(64 * 1024)	/* bytes of a title, then cut */
#define PARSE_LINK_MAX		(8 * 1024)	/* bytes of a link, then cut */
#define PARSE_JSON_MAX		(64 * 1024 * 1024) /* bytes of a JSON Feed */
#define PARSE_XML_MAX_DEPTH	256		/* elements kept on the stack */
#define PARSE_XML_STOP_DEPTH	4096		/* nesting that ends the parse */
#define PARSE_XML_ATTRS_MAX	1024		/* attributes of one element */
#define PARSE_WARNINGS_MAX	50		/* warnings kept; then counted */
#define PARSE_LIST_MAX		256		/* authors, categories, enclosures */
#define PARSE_SNIFF_BYTES	8192		/* bytes read before deciding */
#define PARSE_SNIFF_MAX		(1024 * 1024)	/* white space allowed before */
#define PARSE_JUNK_MAX		4096		/* text skipped before "<rss" */
#define PARSE_LINK_RANK_RSS	3		/* an RSS <link> beats atom:link */
#define PARSE_PRELEX_WARNINGS	20		/* the filter's warnings kept */
#define PARSE_DTD_MAX		(256 * 1024)	/* bytes of a DTD subset read */
#define PARSE_ENTITY_TOTAL	(4 * 1024 * 1024) /* entity text put in */

/* Namespaces the parsers know. */
enum parse_ns {
	PARSE_NS_NONE = 0,	/* no namespace: RSS 0.9x/2.0 */
	PARSE_NS_RSS090,
	PARSE_NS_RSS10,
	PARSE_NS_RDF,
	PARSE_NS_ATOM10,
	PARSE_NS_ATOM03,
	PARSE_NS_DC,
	PARSE_NS_DCTERMS,
	PARSE_NS_CONTENT,
	PARSE_NS_XHTML,
	PARSE_NS_MEDIA,
	PARSE_NS_ITUNES,
	PARSE_NS_XML,
	PARSE_NS_OTHER
};

/* How the text of an element is captured. */
enum parse_cap {
	PARSE_CAP_NONE = 0,
	PARSE_CAP_TEXT,		/* character data only */
	PARSE_CAP_HTML,		/* text is HTML; child elements serialised */
	PARSE_CAP_XHTML		/* text escaped; child elements serialised */
};

/* What an element means to the format handler (decided at its start). */
enum parse_role {
	PARSE_ROLE_NONE = 0,
	PARSE_ROLE_ITEM,
	PARSE_ROLE_ITEM_TITLE,
	PARSE_ROLE_ITEM_LINK,
	PARSE_ROLE_ITEM_GUID,
	PARSE_ROLE_ITEM_SUMMARY,
	PARSE_ROLE_ITEM_ALT_TITLE,	/* dc:title, media:title: if none */
	PARSE_ROLE_ITEM_ALT_SUMMARY,	/* media:description ...: if none */
	PARSE_ROLE_ITEM_KEYWORDS,	/* categories, one per comma */
	PARSE_ROLE_ITEM_CONTENT,
	PARSE_ROLE_ITEM_PUBLISHED,
	PARSE_ROLE_ITEM_UPDATED,
	PARSE_ROLE_ITEM_AUTHOR,		/* text is the author */
	PARSE_ROLE_ITEM_CATEGORY,
	PARSE_ROLE_ITEM_LANGUAGE,
	PARSE_ROLE_ITEM_COMMENTS,
	PARSE_ROLE_PERSON,		/* Atom person: name/email children */
	PARSE_ROLE_PERSON_NAME,
	PARSE_ROLE_PERSON_EMAIL,
	PARSE_ROLE_PERSON_URI,
	PARSE_ROLE_MEDIA_GROUP,		/* media:group, media:content */
	PARSE_ROLE_SOURCE,		/* an Atom entry's <source> */
	PARSE_ROLE_FEED_TITLE,
	PARSE_ROLE_FEED_LINK,
	PARSE_ROLE_FEED_DESCRIPTION,
	PARSE_ROLE_FEED_LANGUAGE,
	PARSE_ROLE_FEED_TTL,
	PARSE_ROLE_CHANNEL,
	PARSE_ROLE_IGNORE
};

struct parse_format;

/* One open XML element. */
struct parse_elem {
	const struct parse_format *fmt;	/* whose element it is, or NULL */
	enum parse_ns	 ns;
	const char	*name;		/* local name (libxml2 dictionary) */
	const char	*lname;		/* the same in lower case, to match */
	char		*base;		/* xml:base in scope, owned if own_base */
	char		*lang;		/* xml:lang in scope, owned if own_lang */
	bool		 own_base;
	bool		 own_lang;
	enum parse_role	 role;
	int		 type;		/* enum feed_text of a captured field */
	bool		 attr_flag;	/* guid isPermaLink="false", ... */
	unsigned char	 b64;		/* Atom text that is or may be base64 */
	unsigned char	 rank;		/* of a fallback: the higher wins */
};

struct parse_xml;
struct parse_json;
struct parse_html;
struct url_base;

/*
 * An XML feed format (parse-rss.c, parse-atom.c). The glue (parse-xml.c)
 * offers each the root element, then hands each element to the format
 * that owns its namespace: the format gives it a role and asks for its
 * text; when it ends, the glue stores the text by its role unless the
 * format's end handler did. parse-push.c lists the formats.
 */
struct parse_format {
	const char	*name;
	/* Whether the elements of a namespace are this format's. */
	bool		 (*owns)(enum parse_ns);
	/* Whether the root element is this format's (it sets the format). */
	bool		 (*root)(struct parse *, struct parse_xml *,
			     struct parse_elem *, const char **, int);
	/* An element starts (depth, the element, its SAX2 attributes). */
	void		 (*start)(struct parse *, struct parse_xml *, int,
			     struct parse_elem *, const char **, int);
	/* An element with a role ends: true if stored here; may be NULL. */
	bool		 (*end)(struct parse *, struct parse_xml *, int,
			     struct parse_elem *, struct str *);
};

/* Decoding to UTF-8 (parse-decode.c). */
struct parse_decoder {
	void		*iconv;		/* iconv_t, NULL for UTF-8 */
	char		*encoding;	/* chosen, for messages */
	size_t		 unit;		/* code unit: 1, 2 or 4 bytes */
	unsigned char	 pend[16];	/* bytes of a character cut by a chunk */
	size_t		 npend;
	struct str	 out;		/* decoded chunk */
	size_t		 nreplaced;	/* invalid sequences made U+FFFD */
	size_t		 ncp1252;	/* C1 read as windows-1252 in UTF-8 */
	bool		 ascii_before;	/* the chunk before ended in ASCII */
};

/* What parse_entity_ref says of a reference. */
enum {
	PARSE_ENTITY_UNDECLARED = 0,
	PARSE_ENTITY_TEXT,
	PARSE_ENTITY_LEFT_OUT
};

/* The entities a document declares (parse-entity.c). */
struct parse_entity;
struct parse_entities {
	struct parse_entity *v;
	size_t		 n;
	size_t		 memo;		/* bytes of expansions kept */
	size_t		 total;		/* bytes of entity text put in */
	bool		 full;		/* too many declarations */
	bool		 over;		/* past PARSE_ENTITY_TOTAL */
};

/*
 * The character a C1 code point (U+0080-U+009F) stands for in
 * windows-1252, as browsers and feedparser read it in text that claims
 * UTF-8 or ISO-8859-1 ("don\x92t"); other code points are themselves.
 */
static inline unsigned int
parse_cp1252(unsigned int c)
{
	static const unsigned short c1[32] = {
		0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
		0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
		0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178
	};

	return (c >= 0x80 && c < 0xa0 ? c1[c - 0x80] : c);
}

/* The entity filter and the CDATA pre-lexer (parse-prelex.c). */
struct parse_prelex {
	struct str	 out;		/* the chunk after the filter */
	struct str	 in;		/* bytes held and the next chunk */
	char		 held[40];	/* "&name" or a marker cut by a chunk */
	size_t		 nheld;
	bool		 in_cdata;	/* the filter is inside CDATA */
	int		 lex;		/* where the lexer is: PARSE_LEX_* */
	int		 tag;		/* where in a tag: PARSE_TAG_* */
	char		 quote;		/* of the attribute value */
	bool		 end;		/* the tag is an end tag */
	long		 depth;		/* elements open */
	bool		 kept;		/* text in this run passed as it was */
	size_t		 ncdata;	/* text runs handed over as CDATA */
	bool		 prolog;	/* before the root element */
	int		 dtd;		/* where in a DOCTYPE: PARSE_DTD_* */
	int		 dtd_sub;	/* where in its subset */
	char		 dtd_quote;
	struct str	 dtd_text;	/* the internal subset */
	struct parse_entities ents;	/* what it declares */
	struct strv	 undeclared;	/* names said to be undeclared */
	struct strv	 warnings;	/* for parse-push.c to report */
};

/* The whole state of one document being parsed. */
struct parse {
	char		*url;		/* document URL: the first base */
	char		*charset;	/* from the Content-Type, lowercase */
	parse_item_cb	 cb;
	void		*arg;
	struct feed	*feed;
	struct strv	 warnings;
	size_t		 nwarnings;	/* including those not kept */
	char		*cause;		/* why this is not a feed */
	char		*cut;		/* why reading stopped before the end */
	bool		 failed;
	bool		 finished;

	/* bytes held until the encoding and the format are known */
	struct str	 head;
	bool		 decided;
	enum { PARSE_KIND_XML = 1, PARSE_KIND_JSON, PARSE_KIND_HTML } kind;

	struct parse_decoder dec;	/* to UTF-8 */
	struct parse_prelex prelex;	/* then XML for libxml2 */

	struct parse_xml *xml;
	struct parse_json *json;
	struct parse_html *html;	/* a page where a feed was expected */
	struct strv	 feed_links;	/* the feeds such a page links to */

	/* the item being built (XML) */
	struct item	*item;
	int		 item_depth;
	char		*item_lang;	/* dc:language of the item */
	bool		 guid_permalink;
	bool		 guid_weak;	/* from rdf:about: any id wins */
	int		 link_rank;	/* 2: an HTML alternate, 3: <link> */
	int		 feed_link_rank;
	bool		 item_truncated;
	const char	*date_src[2];	/* element that set published, updated */
	enum parse_ns	 date_ns[2];
	struct str	 person_name;
	struct str	 person_email;
	size_t		 nitems;
	bool		 have_channel;
	int		 channel_depth;
	struct url_base	*ubase;		/* the base last resolved against */
	char		*feed_lang;	/* xml:lang of the channel or feed */
	struct strv	 feed_authors;	/* Atom feed's authors, for entries */
	struct strv	 source_authors; /* the entry's <source>'s authors */
	char		*alt_title;	/* a title for an item without one */
	int		 alt_title_rank;
	char		*alt_summary;	/* a summary for an item without one */
	int		 alt_summary_type;
	int		 alt_summary_rank;
	bool		 cdf;		/* the document is CDF */
	size_t		 dir_rtl;	/* items on each side, for the feed's */
	size_t		 dir_ltr;
	uint64_t	*ids;		/* hashes of the ids given so far */
	size_t		 nids;
	size_t		 idcap;		/* a power of two, or 0 */
};

/* parse.c: the family's base, called by every other parse file */
void	 parse_warn(struct parse *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 parse_fail(struct parse *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 parse_cut(struct parse *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 parse_set_format(struct parse *, const char *);
char	*parse_resolve(struct parse *, const char *, const char *);
void	 parse_resolve_html(struct parse *, const char *, char **);
char	*parse_field(const struct str *);
int	 parse_guess_type(const char *, int);
char	*parse_title(const char *, size_t, int);
void	 parse_add_person(struct strv *, const char *);
void	 parse_add_category(struct strv *, const char *);
void	 parse_date_field(struct parse *, int64_t *, const char *);
void	 parse_item_begin(struct parse *, int);
void	 parse_item_end(struct parse *, const char *);
void	 parse_emit_item(struct parse *, struct item *);
struct feed *parse_feed_end(struct parse *, char **);
void	 parse_state_free(struct parse *);

/* parse-dir.c: the script's direction, for parse.c */
enum feed_dir parse_dir_first(const char *);
enum feed_dir parse_dir_item(const struct item *);

/* parse-xml.c: the SAX2 glue, above parse.c, below the formats */
struct parse_xml *parse_xml_new(struct parse *,
	     const struct parse_format *const *, size_t);
void	 parse_xml_push(struct parse_xml *, const char *, size_t, bool);
void	 parse_xml_free(struct parse_xml *);
void	 parse_xml_capture(struct parse_xml *, enum parse_cap);
char	*parse_xml_attr(const char **, int, enum parse_ns, const char *);
enum parse_ns parse_xml_ns(const char *, const char *);
void	 parse_xml_read_as(struct parse_xml *, enum parse_ns);
int	 parse_xml_line(struct parse_xml *);

/* parse-rss.c, parse-atom.c: the formats, listed in parse-push.c */
extern const struct parse_format parse_rss_format;
extern const struct parse_format parse_atom_format;

/* parse-decode.c: sniffing and decoding, for parse-push.c */
char	*parse_decode_charset(const char *);
long	 parse_decode_sniff(struct parse *, const char *, size_t, bool);
void	 parse_decode(struct parse_decoder *, const char *, size_t, bool,
	     const char **, size_t *);
void	 parse_decode_free(struct parse_decoder *);

/* parse-prelex.c: the entity filter and pre-lexer, for parse-push.c */
void	 parse_prelex_init(struct parse_prelex *, bool);
void	 parse_prelex_chunk(struct parse_prelex *, const char *, size_t, bool,
	     const char **, size_t *);
void	 parse_prelex_free(struct parse_prelex *);

/* parse-entity.c: the internal DTD subset's entities, for parse-prelex.c */
void	 parse_entity_declare(struct parse_entities *, const char *, size_t,
	     struct strv *);
int	 parse_entity_ref(struct parse_entities *, const char *, size_t,
	     const char **, size_t *, struct strv *);
unsigned int parse_entity_charref(const char *, size_t, bool *);
void	 parse_entity_free(struct parse_entities *);

/* parse-html.c: an HTML page's feed links, for parse-push.c, parse-xml.c */
struct parse_html *parse_html_new(struct parse *);
void	 parse_html_push(struct parse_html *, const char *, size_t, bool);
void	 parse_html_link(struct parse *, const char *, const char *,
	     const char *, const char *);
void	 parse_html_fail(struct parse *);
void	 parse_html_free(struct parse_html *);

/* parse-json.c: JSON Feed, for parse-push.c */
struct parse_json *parse_json_new(struct parse *);
void	 parse_json_push(struct parse_json *, const char *, size_t);
void	 parse_json_finish(struct parse_json *);
void	 parse_json_free(struct parse_json *);

#endif
