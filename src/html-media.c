/*
 * Images, audio and video in an article: each a placeholder, "[image:
 * alt]", "[video: video/mp4]", numbered among the links (an image inside
 * a link takes the link's number). A tracking pixel (1x1) is dropped, an
 * emoji picture is its alt text, a lazy-loading page's data-src is taken
 * over a data: placeholder, and the fallback text of <video> goes.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html-priv.h"
#include "sanitize.h"
#include "xmalloc.h"

#define HTML_MEDIA_ALT_MAX	400	/* bytes of alt text kept */

/* Whether a width or height attribute says at most one pixel. */
static bool
html_media_pixel(const char *v)
{
	char	*end;
	long	 n;

	if (v == NULL)
		return (false);
	n = strtol(v, &end, 10);
	return (end != v && n <= 1 && (*end == '\0' || *end == 'p' ||
	    *end == ';'));
}

/* Whether a style attribute makes an image at most one pixel wide or high. */
static bool
html_media_css_pixel(const char *css)
{
	char	 buf[256];
	size_t	 i, k;

	if (css == NULL)
		return (false);
	for (i = k = 0; css[i] != '\0' && k < sizeof buf - 1; i++) {
		if (css[i] != ' ' && css[i] != '\t' && css[i] != '\n')
			buf[k++] = (char)((css[i] >= 'A' && css[i] <= 'Z') ?
			    css[i] + 32 : css[i]);
	}
	buf[k] = '\0';
	for (i = 0; buf[i] != '\0'; i++) {
		if ((i == 0 || buf[i - 1] == ';' || buf[i - 1] == '"') &&
		    (strncmp(buf + i, "width:", 6) == 0 ||
		    strncmp(buf + i, "height:", 7) == 0) &&
		    html_media_pixel(strchr(buf + i, ':') + 1))
			return (true);
	}
	return (false);
}

/* Text of an attribute for a placeholder: one line, not too long. */
char *
html_media_alt(const char *v)
{
	char	*s;
	size_t	 n;

	s = sanitize_line(v, strlen(v));
	if ((n = strlen(s)) > HTML_MEDIA_ALT_MAX) {
		n = HTML_MEDIA_ALT_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		memcpy(s + n, "\xe2\x80\xa6", 4);	/* "…" */
	}
	return (s);
}

/*
 * An image: dropped when it is a tracking pixel, its alt text when it is
 * an emoji, else "[image: alt]" numbered among the links (inside a link,
 * the link's number is the one that follows).
 */
void
html_media_img(struct html_render *r, xmlNodePtr n)
{
	static const char *srcs[] = {
		"data-src", "data-lazy-src", "data-original", "src", NULL
	};
	const char	*v, *cls, *src = NULL;
	char		*alt, *url;
	size_t		 i;
	int		 no;

	if (html_media_pixel(html_attr(n, "width")) ||
	    html_media_pixel(html_attr(n, "height")) ||
	    html_media_css_pixel(html_attr(n, "style")))
		return;
	if ((v = html_attr(n, "alt")) == NULL || *v == '\0')
		v = html_attr(n, "title");
	alt = html_media_alt(v != NULL ? v : "");
	cls = html_attr(n, "class");
	if (cls != NULL && *alt != '\0' && (strstr(cls, "emoji") != NULL ||
	    strstr(cls, "wp-smiley") != NULL)) {
		html_block_put(r, alt, strlen(alt), 0);
		free(alt);
		return;
	}
	/* A lazy-loading page puts the picture in data-src. */
	if ((v = html_attr(n, "src")) != NULL &&
	    strncasecmp(v, "data:", 5) != 0 && *v != '\0')
		src = v;
	for (i = 0; src == NULL && srcs[i] != NULL; i++)
		src = html_attr(n, srcs[i]);
	url = src != NULL ? html_url_make(r->opts, src) : NULL;
	if (url == NULL && *alt == '\0' && r->link == NULL) {
		free(alt);
		return;
	}
	html_block_placeholder(r, r->words[HTML_WORD_IMAGE], alt);
	if (url != NULL && r->link == NULL) {
		no = doc_add_link_kind(r->doc, url, DOC_LINK_IMAGE);
		html_block_linkno(r, no, SIZE_MAX);
	}
	html_block_blank(r);
	free(url);
	free(alt);
}

/* Audio or video: "[video: type]" numbered, its fallback text dropped. */
void
html_media_av(struct html_render *r, xmlNodePtr n)
{
	const char	*src, *type;
	xmlNodePtr	 c;
	char		*url, *t;
	bool		 audio;
	int		 no;

	audio = strstr((const char *)n->name, "audio") != NULL;
	src = html_attr(n, "src");
	type = html_attr(n, "type");
	for (c = n->children; src == NULL && c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "source") == 0 &&
		    (src = html_attr(c, "src")) != NULL)
			type = html_attr(c, "type");
	}
	if (src == NULL || (url = html_url_make(r->opts, src)) == NULL)
		return;
	t = html_media_alt(type != NULL ? type : "");
	html_block_placeholder(r, r->words[audio ? HTML_WORD_AUDIO :
	    HTML_WORD_VIDEO], t);
	if (r->link == NULL) {
		no = doc_add_link_kind(r->doc, url, audio ? DOC_LINK_AUDIO :
		    DOC_LINK_VIDEO);
		html_block_linkno(r, no, SIZE_MAX);
	}
	html_block_blank(r);
	free(t);
	free(url);
}

