/*
 * The OPTIONS section of doc/akhbar.conf.5, written from the option
 * table (src/conf-table.c): "make update-man" puts it in the page, and
 * tests/test-man.sh fails when the page is behind the table.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "conf.h"

/* Text for roff: backslashes, a leading dot or quote, hyphens. */
static void
roff(const char *s, int bol)
{
	for (; *s != '\0'; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", stdout);
		bol = 0;
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

/* Help text, one sentence a line (roff's habit: a new line per sentence). */
static void
roff_text(const char *s)
{
	int	bol = 1;

	for (; *s != '\0'; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", stdout);
		bol = 0;
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else if ((*s == '.' || *s == '?' || *s == ':') && s[1] == ' ' &&
		    s[2] >= 'A' && s[2] <= 'Z' && *s != ':') {
			putchar(*s);
			putchar('\n');
			s++;
			bol = 1;
		} else
			putchar(*s);
	}
	putchar('\n');
}

int
main(void)
{
	static const struct {
		const char	*id;
		const char	*title;
	} sections[] = {
		{ "display", "Display" },
		{ "reload", "Reloading" },
		{ "network", "Network" },
		{ "cache", "The cache" },
		{ "sync", "Sync with a server" },
	};
	const struct conf_def	*t, *d;
	size_t			 n, i, k, c;

	t = conf_table(&n);
	printf(".\\\" OPTIONS: written from src/conf-table.c by tests/conf-man "
	    "(make update-man): do not edit by hand.\n");
	for (k = 0; k < sizeof sections / sizeof sections[0]; k++) {
		printf(".SS %s\n", sections[k].title);
		for (i = 0; i < n; i++) {
			d = &t[i];
			if (strcmp(d->section, sections[k].id) != 0)
				continue;
			printf(".TP\n.B ");
			roff(d->name, 0);
			switch (d->type) {
			case CONF_BOOL:
				printf(" \\fByes\\fR | \\fBno\\fR\n");
				break;
			case CONF_INT:
				printf(" \\fI%s\\fR\n", d->unit != NULL ?
				    d->unit : "number");
				break;
			case CONF_CHOICE:
				for (c = 0; d->choices[c] != NULL; c++)
					printf("%s\\fB%s\\fR", c == 0 ? " " :
					    " | ", d->choices[c]);
				printf("\n");
				break;
			case CONF_STRING:
				printf(" \\fItext\\fR\n");
				break;
			}
			roff_text(d->help);
			if (d->type == CONF_INT)
				printf("From %ld to %ld.\n", d->min, d->max);
			printf("Default: ");
			if (d->type == CONF_STRING && *d->value == '\0') {
				printf("empty: ");
				roff(d->empty != NULL ? d->empty : "nothing", 0);
				printf(".\n");
			} else {
				printf("\\fB");
				roff(d->value, 0);
				printf("\\fR.\n");
			}
		}
	}
	printf(".\\\" END OPTIONS\n");
	return (0);
}
