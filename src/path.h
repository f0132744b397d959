/* XDG base directories and the default locations of akhbar's files. */
#ifndef AKHBAR_PATH_H
#define AKHBAR_PATH_H

char	*path_config_dir(void);
char	*path_data_dir(void);
char	*path_default_config(void);
char	*path_default_urls(void);
char	*path_default_cache(void);
int	 path_mkdir_parents(const char *, char **);

#endif
