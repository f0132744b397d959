/*
 * The cache connection, the bottom of the db family: connecting (lock,
 * header check, pragmas), the per-connection prepared statement cache,
 * transactions, the counts every change of items keeps, keyset page
 * reading and the mapping of SQLite errors to reasons a reader can act
 * on. It calls nothing else of the family; db-open.c puts a connection,
 * the search functions and the schema together.
 *
 * Read-write connections hold <cache>.lock with flock(2), so a second
 * akhbar process on the same cache is refused instead of interleaving
 * writes; connections of one process (the poller's and the interface's)
 * share the lock. Read-only connections take no lock and work alongside.
 */
#include "config.h"

#include "db.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db-priv.h"
#include "xmalloc.h"

#define DB_BUSY_TIMEOUT	5000	/* milliseconds */
#define DB_WAL_PAGES	1000	/* the feed writer checkpoints past this */
#define DB_WAL_PAGES_MAX 20000	/* any connection checkpoints past this */

static const char db_sql_begin[] = "BEGIN IMMEDIATE";
static const char db_sql_commit[] = "COMMIT";
static const char db_sql_rollback[] = "ROLLBACK";

/* The current time in epoch seconds. */
int64_t
db_now(void)
{
	return ((int64_t)time(NULL));
}

/*
 * Keyset pages before a cursor (previous, last) are read in reverse order;
 * put rows of size bytes back in display order.
 */
static void
db_page_order(void *rows, size_t n, size_t size, enum db_page page)
{
	unsigned char	*v = rows, *tmp;
	size_t		 i;

	if ((page != DB_PAGE_PREV && page != DB_PAGE_LAST) || n < 2)
		return;
	tmp = xmalloc(size);
	for (i = 0; i < n / 2; i++) {
		memcpy(tmp, v + i * size, size);
		memcpy(v + i * size, v + (n - 1 - i) * size, size);
		memcpy(v + (n - 1 - i) * size, tmp, size);
	}
	free(tmp);
}

/*
 * Step a bound page query: read up to limit rows of size bytes with
 * read_row and return them in display order (*out is NULL when the page is
 * empty). On failure the rows read are freed with free_rows and the reason
 * names what was being read.
 */
int
db_page_read(struct db *db, sqlite3_stmt *st, int limit, size_t size,
    enum db_page page, void (*read_row)(sqlite3_stmt *, void *),
    void (*free_rows)(void *, size_t), const char *what, void **out,
    size_t *nout, char **cause)
{
	unsigned char	*v = NULL;
	size_t		 n = 0, cap = 0;
	int		 rc = SQLITE_DONE;

	while (n < (size_t)limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap != 0 ? cap * 2 : (limit < 64 ? (size_t)limit : 64);
			v = xreallocarray(v, cap, size);
		}
		read_row(st, v + n++ * size);
	}
	sqlite3_reset(st);
	if (n < (size_t)limit && rc != SQLITE_DONE) {
		free_rows(v, n);
		return (db_fail(db, rc, what, cause));
	}
	db_page_order(v, n, size, page);
	if (n == 0) {
		free(v);
		v = NULL;
	}
	*out = v;
	*nout = n;
	return (0);
}

/* Turn an SQLite failure into an allocated reason; always returns -1. */
int
db_fail(struct db *db, int rc, const char *what, char **cause)
{
	const char	*msg, *path;
	int		 prim;

	path = db->path != NULL ? db->path : "cache";
	msg = db->sq != NULL ? sqlite3_errmsg(db->sq) : sqlite3_errstr(rc);
	prim = rc & 0xff;
	if (cause == NULL)
		return (-1);
	switch (prim) {
	case SQLITE_FULL:
		xasprintf(cause, "%s: the disk is full (%s); nothing of this "
		    "change was stored", path, what);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		xasprintf(cause, "%s is damaged (%s: %s). akhbar leaves it "
		    "untouched: move it aside (mv '%s' '%s.broken') and "
		    "akhbar starts a new cache; 'sqlite3 %s.broken .recover' "
		    "may rescue read and starred states", path, what, msg,
		    path, path, path);
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		xasprintf(cause, "%s is busy (%s: %s)", path, what, msg);
		break;
	case SQLITE_READONLY:
		xasprintf(cause, "%s is read-only (%s: %s)", path, what, msg);
		break;
	case SQLITE_IOERR:
		xasprintf(cause, "%s: input/output error (%s: %s)", path, what,
		    msg);
		break;
	default:
		xasprintf(cause, "%s: %s: %s", path, what, msg);
		break;
	}
	return (-1);
}

/* The cached statement for id, prepared from sql on first use and reset. */
sqlite3_stmt *
db_prepare(struct db *db, enum db_stmt_id id, const char *sql, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db->stmts[id];
	if (st != NULL) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return (st);
	}
	rc = sqlite3_prepare_v3(db->sq, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "prepare", cause);
		return (NULL);
	}
	db->stmts[id] = st;
	return (st);
}

/* Run SQL that returns no rows (schema, pragmas; never feed data). */
int
db_exec(struct db *db, const char *sql, char **cause)
{
	int	rc;

	rc = sqlite3_exec(db->sq, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "exec", cause));
	return (0);
}

/* Step a statement that must finish in one step, then reset it. */
int
db_step_done(struct db *db, sqlite3_stmt *st, const char *what, char **cause)
{
	int	rc;

	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_fail(db, rc, what, cause);
		sqlite3_reset(st);
		return (-1);
	}
	sqlite3_reset(st);
	return (0);
}

static int
db_simple(struct db *db, enum db_stmt_id id, const char *sql,
    const char *what, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = db_prepare(db, id, sql, cause)) == NULL)
		return (-1);
	return (db_step_done(db, st, what, cause));
}

/* Begin a write transaction, taking the write lock at once. */
int
db_begin(struct db *db, char **cause)
{
	return (db_simple(db, DB_STMT_BEGIN, db_sql_begin, "begin", cause));
}

/* Commit the open transaction; on failure it is rolled back. */
int
db_commit(struct db *db, char **cause)
{
	if (db_simple(db, DB_STMT_COMMIT, db_sql_commit, "commit",
	    cause) != 0) {
		db_rollback(db);
		return (-1);
	}
	return (0);
}

/* Begin a transaction unless one is open; *began says which. */
int
db_begin_nested(struct db *db, bool *began, char **cause)
{
	*began = sqlite3_get_autocommit(db->sq) != 0;
	if (!*began)
		return (0);
	return (db_begin(db, cause));
}

/* Commit what db_begin_nested began; roll it back on error. */
int
db_commit_nested(struct db *db, bool began, char **cause)
{
	if (!began)
		return (0);
	return (db_commit(db, cause));
}

/* Roll back the open transaction, if any. */
void
db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->sq))
		return;
	db_simple(db, DB_STMT_ROLLBACK, db_sql_rollback, "rollback", NULL);
}

/* Bind text to a named parameter, if the statement has it (NULL binds NULL). */
void
db_bind_text(sqlite3_stmt *st, const char *name, const char *s)
{
	int	i;

	if ((i = sqlite3_bind_parameter_index(st, name)) == 0)
		return;
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Bind an integer to a named parameter, if the statement has it. */
void
db_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int	i;

	if ((i = sqlite3_bind_parameter_index(st, name)) != 0)
		sqlite3_bind_int64(st, i, v);
}

/* Bind NULL to a named parameter, if the statement has it. */
void
db_bind_null(sqlite3_stmt *st, const char *name)
{
	int	i;

	if ((i = sqlite3_bind_parameter_index(st, name)) != 0)
		sqlite3_bind_null(st, i);
}

/* A copy of a text column, or NULL when it is NULL. */
char *
db_column_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char	*s;

	s = sqlite3_column_text(st, col);
	return (s != NULL ? xstrdup((const char *)s) : NULL);
}

/*
 * Copy a feed's unread and total counts to its tags' rows in feed_tag
 * (the tag list sums them), from the feed row: a copy an earlier change
 * missed is mended by the next.
 */
static int
db_count_tags(struct db *db, int64_t feed, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_COUNT_TAGS,
	    "UPDATE feed_tag SET (unread, total) ="
	    " (SELECT unread_count, total FROM feed WHERE id = ?1)"
	    " WHERE feed_id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	return (db_step_done(db, st, "count items", cause));
}

/*
 * Add the changes in c (negative: take) to a feed's counts of its items,
 * in the open transaction, and (c->tags) copy them to its tags: every
 * change of items that the counts see (db-feed.c, db-item.c) comes
 * through here.
 */
int
db_count_add(struct db *db, int64_t feed, const struct db_count *c,
    char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, DB_STMT_COUNT_ADD,
	    "UPDATE feed SET total = total + ?2,"
	    " unread_count = unread_count + ?3,"
	    " starred_count = starred_count + ?4,"
	    " starred_unread = starred_unread + ?5"
	    " WHERE id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, feed);
	sqlite3_bind_int64(st, 2, c->total);
	sqlite3_bind_int64(st, 3, c->unread);
	sqlite3_bind_int64(st, 4, c->starred);
	sqlite3_bind_int64(st, 5, c->starred_unread);
	if (db_step_done(db, st, "count items", cause) != 0)
		return (-1);
	if (!c->tags || (c->total == 0 && c->unread == 0))
		return (0);
	return (db_count_tags(db, feed, cause));
}

/*
 * Begin a read transaction unless one is open (*began says which), so
 * that several queries see one snapshot; a failure to begin only loses
 * that.
 */
void
db_read_begin(struct db *db, bool *began)
{
	*began = sqlite3_get_autocommit(db->sq) != 0 &&
	    sqlite3_exec(db->sq, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

/* End what db_read_begin began. */
void
db_read_end(struct db *db, bool began)
{
	if (began)
		sqlite3_exec(db->sq, "COMMIT", NULL, NULL, NULL);
}

/*
 * Writer locks held by this process, so that the interface and the poller
 * may each have a read-write connection while another process is refused.
 */
struct db_lock {
	pid_t		 pid;		/* a child of fork(2) does not hold it */
	dev_t		 dev;
	ino_t		 ino;
	int		 fd;
	int		 refs;
};
static struct db_lock	*db_locks;
static size_t		 db_nlocks;
static pthread_mutex_t	 db_locks_mutex = PTHREAD_MUTEX_INITIALIZER;

/* Take the single-writer lock; the holder's pid goes into the file. */
static int
db_lock(struct db *db, char **cause)
{
	struct stat	 sb;
	char		*lpath, buf[32];
	ssize_t		 n;
	size_t		 i;
	int		 fd, error;
	long		 pid;

	xasprintf(&lpath, "%s.lock", db->path);
	fd = open(lpath, O_RDWR|O_CREAT|O_CLOEXEC, 0600);
	if (fd == -1 || fstat(fd, &sb) == -1) {
		xasprintf(cause, "cannot open %s: %s", lpath, strerror(errno));
		if (fd != -1)
			close(fd);
		free(lpath);
		return (-1);
	}
	free(lpath);

	pthread_mutex_lock(&db_locks_mutex);
	for (i = 0; i < db_nlocks; i++) {
		if (db_locks[i].pid == getpid() &&
		    db_locks[i].dev == sb.st_dev &&
		    db_locks[i].ino == sb.st_ino) {
			close(fd);
			db_locks[i].refs++;
			db->lockfd = db_locks[i].fd;
			db->lock_shared = true;
			pthread_mutex_unlock(&db_locks_mutex);
			return (0);
		}
	}
	if (flock(fd, LOCK_EX|LOCK_NB) == -1) {
		error = errno;
		pthread_mutex_unlock(&db_locks_mutex);
		n = pread(fd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		pid = strtol(buf, NULL, 10);
		close(fd);
		if (error != EWOULDBLOCK) {
			xasprintf(cause, "cannot lock %s.lock: %s", db->path,
			    strerror(error));
		} else if (pid > 0) {
			xasprintf(cause, "%s is in use by another akhbar "
			    "(pid %ld); only one akhbar at a time may update "
			    "it", db->path, pid);
		} else {
			xasprintf(cause, "%s is in use by another akhbar; "
			    "only one akhbar at a time may update it",
			    db->path);
		}
		return (-1);
	}
	n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, n, 0) != n) {
		/* The pid is only a courtesy for the message above. */
	}
	db_locks = xreallocarray(db_locks, db_nlocks + 1, sizeof *db_locks);
	db_locks[db_nlocks].pid = getpid();
	db_locks[db_nlocks].dev = sb.st_dev;
	db_locks[db_nlocks].ino = sb.st_ino;
	db_locks[db_nlocks].fd = fd;
	db_locks[db_nlocks].refs = 1;
	db_nlocks++;
	pthread_mutex_unlock(&db_locks_mutex);
	db->lockfd = fd;
	return (0);
}

/* Release this connection's share of the writer lock. */
static void
db_unlock(struct db *db)
{
	size_t	i;

	pthread_mutex_lock(&db_locks_mutex);
	for (i = 0; i < db_nlocks; i++) {
		if (db_locks[i].fd != db->lockfd)
			continue;
		if (--db_locks[i].refs == 0) {
			close(db_locks[i].fd);
			db_locks[i] = db_locks[--db_nlocks];
			if (db_nlocks == 0) {
				free(db_locks);
				db_locks = NULL;
			}
		}
		break;
	}
	pthread_mutex_unlock(&db_locks_mutex);
	db->lockfd = -1;
}

/* Refuse a file that exists but is not an SQLite database. */
static int
db_check_header(struct db *db, char **cause)
{
	static const char	 magic[16] = "SQLite format 3";
	char			 buf[16];
	ssize_t			 n;
	int			 fd;

	fd = open(db->path, O_RDONLY|O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT && (~db->flags & DB_READONLY))
			return (0);
		xasprintf(cause, "cannot open %s: %s", db->path,
		    strerror(errno));
		return (-1);
	}
	n = read(fd, buf, sizeof buf);
	if (n == -1) {
		/* A directory in the cache's place, an I/O error: not damage. */
		xasprintf(cause, "cannot read %s: %s", db->path,
		    errno == EISDIR ? "it is a directory, not a cache file" :
		    strerror(errno));
		close(fd);
		return (-1);
	}
	close(fd);
	if (n == 0)
		return (0);
	if (n != (ssize_t)sizeof buf || memcmp(buf, magic, sizeof buf) != 0)
		return (db_fail(db, SQLITE_NOTADB, "not an SQLite database",
		    cause));
	return (0);
}

/*
 * After each commit: the connection that writes feeds copies the WAL back
 * into the cache once it holds DB_WAL_PAGES pages, as SQLite's own
 * autocheckpoint would; the interface's connection leaves that to it
 * (marking a big feed read would otherwise wait for the copy and its
 * fsync), unless the WAL grows past DB_WAL_PAGES_MAX.
 */
static int
db_wal_hook(void *arg, sqlite3 *sq, const char *name, int pages)
{
	struct db	*db = arg;

	if (pages >= (db->checkpointer ? DB_WAL_PAGES : DB_WAL_PAGES_MAX)) {
		sqlite3_wal_checkpoint_v2(sq, name, SQLITE_CHECKPOINT_PASSIVE,
		    NULL, NULL);
	}
	return (SQLITE_OK);
}

static pthread_once_t	db_config_once = PTHREAD_ONCE_INIT;

/*
 * Before SQLite starts: no memory statistics, which nothing reads and
 * which cost a global mutex around every allocation SQLite makes.
 */
static void
db_config(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * Connect to the cache file at path (created when missing unless
 * DB_READONLY): the writer lock, the header check, the pragmas. The
 * schema is not looked at; db_open (db-open.c) does the rest.
 */
struct db *
db_connect(const char *path, int flags, char **cause)
{
	struct db	*db;
	int		 rc, oflags;
	char		*sql;

	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->flags = flags;
	db->lockfd = -1;

	if (~flags & DB_READONLY) {
		if (db_lock(db, cause) != 0)
			goto fail;
	}
	/*
	 * Not when another connection of this process has the file open:
	 * closing any descriptor of a file drops every POSIX lock the
	 * process holds on it, SQLite's too, and another process would
	 * then think the cache unused and delete its WAL under us.
	 */
	if (!db->lock_shared && db_check_header(db, cause) != 0)
		goto fail;

	pthread_once(&db_config_once, db_config);
	oflags = SQLITE_OPEN_NOMUTEX;
	if (flags & DB_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &db->sq, oflags, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, "open", cause);
		goto fail;
	}
	sqlite3_extended_result_codes(db->sq, 1);
	sqlite3_busy_timeout(db->sq, DB_BUSY_TIMEOUT);

	/*
	 * Readers get a bigger page cache and memory-mapped reads. The
	 * writer appends (inserts touch the right edge of each index) and
	 * the kernel's page cache serves its few reads, so 2 MB of cache and
	 * no mmap cost no time measurably and keep its peak RSS down: with
	 * 32 MB and 256 MB mapped, the cache was 98% of a reload's heap and
	 * every page indexing touched counted as resident. New caches use
	 * 32 KB pages: every page costs a write to the WAL (two system
	 * calls: frame header, page) and another to the cache, and a feed's
	 * items are written together, so bigger pages mean fewer calls for
	 * the same bytes (a first reload of 200 feeds: 20 900 pwrites with
	 * 8 KB pages, 7 500 with 32 KB; 4 KB pages also left a third of each
	 * page empty). page_size has no effect on an existing cache.
	 */
	if (flags & DB_READONLY) {
		sql = "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
		    DB_READER_PRAGMAS;
	} else {
		sql = "PRAGMA page_size = 32768;"
		    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		    "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
		    "PRAGMA cache_size = -2048; PRAGMA mmap_size = 0;";
	}
	if (db_exec(db, sql, cause) != 0)
		goto fail;
	if (~flags & DB_READONLY)
		sqlite3_wal_hook(db->sq, db_wal_hook, db);
	return (db);

fail:
	db_close(db);
	return (NULL);
}

/*
 * Set a reader for a walk through much of the cache (on) or back: no
 * memory map and a small page cache, so that the pages a walk reads once
 * do not stay resident (mapped, each would count in the process's RSS).
 * A writer has neither already. Takes effect between statements.
 */
int
db_walk(struct db *db, bool on, char **cause)
{
	if (~db->flags & DB_READONLY)
		return (0);
	return (db_exec(db, on ? DB_WALK_PRAGMAS : DB_READER_PRAGMAS, cause));
}

/* Close the cache, finishing any statement and releasing the lock. */
void
db_close(struct db *db)
{
	size_t	i;

	if (db == NULL)
		return;
	if (db->sq != NULL) {
		db_rollback(db);
		for (i = 0; i < DB_STMT_COUNT; i++)
			sqlite3_finalize(db->stmts[i]);
		if (~db->flags & DB_READONLY) {
			/* Bounded: ANALYZE of a big cache would delay exit. */
			sqlite3_exec(db->sq, "PRAGMA analysis_limit = 400;"
			    "PRAGMA optimize", NULL, NULL, NULL);
		}
		sqlite3_close(db->sq);
	}
	if (db->lockfd != -1)
		db_unlock(db);
	free(db->seen);
	free(db->tags);
	free(db->path);
	free(db);
}

/* Set the global retention used by feeds that have none of their own. */
void
db_set_retention(struct db *db, int max_items, int keep_days)
{
	db->max_items = max_items > 0 ? max_items : 0;
	db->keep_days = keep_days > 0 ? keep_days : 0;
}

/* Check every page of the cache (PRAGMA quick_check); slow on big caches. */
int
db_check(struct db *db, char **cause)
{
	sqlite3_stmt	*st;
	const char	*s;
	int		 rc, bad = 0;

	rc = sqlite3_prepare_v2(db->sq, "PRAGMA quick_check", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (db_fail(db, rc, "check", cause));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = (const char *)sqlite3_column_text(st, 0);
		if (s == NULL || strcmp(s, "ok") != 0)
			bad = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return (db_fail(db, rc, "check", cause));
	if (bad)
		return (db_fail(db, SQLITE_CORRUPT, "check", cause));
	return (0);
}
