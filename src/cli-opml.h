/* OPML at the command line: --import-opml FILE and --export-opml. */
#ifndef AKHBAR_CLI_OPML_H
#define AKHBAR_CLI_OPML_H

/* akhbar --import-opml FILE: urls file, OPML file. */
int	cli_opml_import(const char *, const char *);
/* akhbar --export-opml: urls file. */
int	cli_opml_export(const char *);

#endif
