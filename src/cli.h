/* The command line: options, --help, and the headless actions. */
#ifndef AKHBAR_CLI_H
#define AKHBAR_CLI_H

/* Exit codes. */
#define CLI_EXIT_OK		0	/* done */
#define CLI_EXIT_FAIL		1	/* the action ran and something failed */
#define CLI_EXIT_USAGE		2	/* bad command line or setup */

int	cli_main(int, char **);

#endif
