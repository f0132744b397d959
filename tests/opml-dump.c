/*
 * A small driver for tests/test-demo.sh: reads an OPML file with the opml
 * module and prints what it found, one feed a line, tab-separated:
 *
 *   URL <tab> CATEGORY <tab> TITLE
 *
 * (an empty field for a missing category or title), after a first line
 * "title <tab> HEAD-TITLE".  The reader's warnings go to standard error,
 * one a line.  Exit 0 when the file reads, 1 with the reason when it does
 * not, 2 on a usage error.  Not part of akhbar.
 *
 *   opml-dump FILE
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "opml.h"
#include "str.h"

/* A field, or nothing for NULL. */
static const char *
field(const char *s)
{
	return (s != NULL ? s : "");
}

int
main(int argc, char **argv)
{
	struct opml	*o;
	struct strv	 warnings = { NULL, 0 };
	char		*cause = NULL;
	size_t		 i;

	if (argc != 2) {
		fprintf(stderr, "usage: opml-dump FILE\n");
		return (2);
	}
	o = opml_read_file(argv[1], &warnings, &cause);
	for (i = 0; i < warnings.n; i++)
		fprintf(stderr, "opml-dump: %s\n", warnings.v[i]);
	strv_free(&warnings);
	if (o == NULL) {
		fprintf(stderr, "opml-dump: %s: %s\n", argv[1], field(cause));
		free(cause);
		return (1);
	}
	printf("title\t%s\n", field(o->title));
	for (i = 0; i < o->nentries; i++)
		printf("%s\t%s\t%s\n", o->entries[i].url,
		    field(o->entries[i].category), field(o->entries[i].title));
	opml_free(o);
	return (0);
}
