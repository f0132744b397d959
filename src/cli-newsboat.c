/* Coming from newsboat: its feeds and read and starred states into akhbar's files. */
#include "config.h"

#include "cli-newsboat.h"

#include "cli.h"
#include "i18n.h"
#include "report.h"

/* akhbar --import-newsboat [DIR]. */
int
cli_newsboat_import(const char *dir, const char *urls_path,
    const char *cache_path)
{
	(void)dir;
	(void)urls_path;
	(void)cache_path;
	report(REPORT_ERROR, _("--import-newsboat is not built yet"));
	return (CLI_EXIT_FAIL);
}
