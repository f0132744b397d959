/*
 * Item bodies stored compressed (issue 20): an item's summary and content
 * go into the cache as a BLOB, one byte naming the dictionary (a row of
 * pack_dict, 0: none) and a zstd frame, and come out as text again here,
 * in db_item_get, in the SQL functions that index and filter them
 * (akhbar_text, akhbar_body, akhbar_unpack) and so in every view of them.
 * A TEXT value is a body stored as it is: short ones, those of an older
 * cache, and those stored before the cache had a dictionary.
 *
 * A body of a news feed is a couple of kilobytes, too little for zstd to
 * find much to reuse within it (the benchmark's 2.1 KB Arabic bodies: 45%
 * with zstd or zlib alone); with a dictionary of the words and markup
 * the same feeds keep using, 26%. The dictionary is the cache's own: the
 * first DB_PACK_DICT bytes of the bodies a writer stores (up to
 * DB_PACK_SAMPLE of each, so that it is made of many items), used as a
 * raw-content dictionary, with no training (zstd --train took 0.3 s of CPU
 * for a 7% smaller result). It is written in the transaction of the item
 * that completes it, so no body names a dictionary that is not stored;
 * a rollback forgets it, and the next bodies gather another.
 */
#include "config.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "db-priv.h"
#include "xmalloc.h"

/*
 * The bottom of the cache family: db.c calls it at commit, rollback and
 * close, and it calls nothing of the family (SQLite's codes go up, and
 * the callers say what failed with db_fail).
 */

#define DB_PACK_DICT	65536	/* bytes of bodies the dictionary holds */
#define DB_PACK_SAMPLE	1024	/* bytes of each body it takes, at most */
#define DB_PACK_MIN	64	/* shorter bodies are stored as text */
#define DB_PACK_MAX	(64 << 20) /* a body unpacks to this at most */
#define DB_PACK_LEVEL	3	/* zstd's level */
#define DB_PACK_DICTS	256	/* dictionary ids: one byte */

struct db_pack {
	bool		 looked;	/* the writer read pack_dict */
	int		 id;		/* dictionary bodies are packed with */
	bool		 fresh;		/* ... written in the open transaction */
	ZSTD_CDict	*cdict;
	ZSTD_CCtx	*cctx;
	ZSTD_DCtx	*dctx;
	ZSTD_DDict	*ddict[DB_PACK_DICTS];
	char		*sample;	/* bodies gathered for a dictionary */
	size_t		 nsample;
};

static struct db_pack *
db_pack_get(struct db *db)
{
	if (db->pack == NULL)
		db->pack = xcalloc(1, sizeof *db->pack);
	return (db->pack);
}

static void
db_pack_forget(struct db_pack *p)
{
	/* A rolled back dictionary's id may be given to the next one. */
	if (p->fresh && p->id > 0) {
		ZSTD_freeDDict(p->ddict[p->id]);
		p->ddict[p->id] = NULL;
	}
	ZSTD_freeCDict(p->cdict);
	p->cdict = NULL;
	p->id = 0;
	p->fresh = false;
	free(p->sample);
	p->sample = NULL;
	p->nsample = 0;
}

/* Free what the connection keeps for packing and unpacking (before close). */
void
db_pack_free(struct db *db)
{
	struct db_pack	*p = db->pack;
	size_t		 i;

	if (p == NULL)
		return;
	db_pack_forget(p);
	ZSTD_freeCCtx(p->cctx);
	ZSTD_freeDCtx(p->dctx);
	for (i = 0; i < DB_PACK_DICTS; i++)
		ZSTD_freeDDict(p->ddict[i]);
	free(p);
	db->pack = NULL;
}

/* The open transaction is rolled back: a dictionary it wrote is gone. */
void
db_pack_rollback(struct db *db)
{
	if (db->pack != NULL && db->pack->fresh)
		db_pack_forget(db->pack);
}

/* The open transaction is committed: its dictionary is stored. */
void
db_pack_commit(struct db *db)
{
	if (db->pack != NULL)
		db->pack->fresh = false;
}

/* Use dictionary id, data for packing. */
static void
db_pack_use(struct db_pack *p, int id, const void *data, size_t len)
{
	p->cdict = ZSTD_createCDict(data, len, DB_PACK_LEVEL);
	p->id = p->cdict != NULL ? id : 0;
}

/* A statement of the cache's table, prepared once; NULL on failure. */
static sqlite3_stmt *
db_pack_stmt(struct db *db, enum db_stmt_id id, const char *sql)
{
	return (db_prepare(db, id, sql, NULL));
}

/* The newest dictionary of the cache, when the writer has none yet. */
static int
db_pack_look(struct db *db, struct db_pack *p)
{
	sqlite3_stmt	*st;
	int		 rc;

	p->looked = true;
	st = db_pack_stmt(db, DB_STMT_PACK_NEWEST,
	    "SELECT id, data FROM pack_dict ORDER BY id DESC LIMIT 1");
	if (st == NULL)
		return (sqlite3_errcode(db->sq));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0 &&
	    sqlite3_column_int(st, 0) < DB_PACK_DICTS)
		db_pack_use(p, sqlite3_column_int(st, 0),
		    sqlite3_column_blob(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (rc);
	return (SQLITE_OK);
}

/* Gather text for a dictionary; store it and use it once there is enough. */
static int
db_pack_gather(struct db *db, struct db_pack *p, const char *s, size_t len)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 rc;

	if (len > DB_PACK_SAMPLE)
		len = DB_PACK_SAMPLE;
	if (p->sample == NULL)
		p->sample = xmalloc(DB_PACK_DICT);
	if (len > DB_PACK_DICT - p->nsample)
		len = DB_PACK_DICT - p->nsample;
	memcpy(p->sample + p->nsample, s, len);
	p->nsample += len;
	if (p->nsample < DB_PACK_DICT)
		return (SQLITE_OK);

	st = db_pack_stmt(db, DB_STMT_PACK_INSERT,
	    "INSERT INTO pack_dict (data) VALUES (?1)");
	if (st == NULL)
		return (sqlite3_errcode(db->sq));
	sqlite3_bind_blob(st, 1, p->sample, (int)p->nsample, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_bind_null(st, 1);
	if (rc != SQLITE_DONE)
		return (rc);
	id = sqlite3_last_insert_rowid(db->sq);
	if (id > 0 && id < DB_PACK_DICTS) {
		db_pack_use(p, (int)id, p->sample, p->nsample);
		p->fresh = true;
	}
	free(p->sample);
	p->sample = NULL;
	p->nsample = 0;
	return (SQLITE_OK);
}

/*
 * Bind body text s (NULL: NULL) to parameter i of a statement that writes
 * it, packed when the cache has a dictionary and it is worth it; returns
 * SQLITE_OK or the SQLite error of reading or storing the dictionary.
 * Only inside a write transaction: the first bodies make the dictionary.
 */
int
db_pack_bind(struct db *db, sqlite3_stmt *st, int i, const char *s)
{
	struct db_pack	*p = db_pack_get(db);
	size_t		 len, cap, n;
	unsigned char	*buf;
	int		 rc;

	/* A transaction that ended but not in db_commit was rolled back. */
	if (p->fresh && sqlite3_get_autocommit(db->sq))
		db_pack_forget(p);
	if (s == NULL) {
		sqlite3_bind_null(st, i);
		return (SQLITE_OK);
	}
	len = strlen(s);
	if (!p->looked && (rc = db_pack_look(db, p)) != SQLITE_OK)
		return (rc);
	if (p->cdict == NULL && len >= DB_PACK_MIN &&
	    (rc = db_pack_gather(db, p, s, len)) != SQLITE_OK)
		return (rc);
	if (p->cdict == NULL || len < DB_PACK_MIN) {
		sqlite3_bind_text(st, i, s, (int)len, SQLITE_STATIC);
		return (SQLITE_OK);
	}
	if (p->cctx == NULL && (p->cctx = ZSTD_createCCtx()) == NULL)
		xmalloc_fail("zstd");
	cap = 1 + ZSTD_compressBound(len);
	buf = xmalloc(cap);
	buf[0] = (unsigned char)p->id;
	n = ZSTD_compress_usingCDict(p->cctx, buf + 1, cap - 1, s, len,
	    p->cdict);
	if (ZSTD_isError(n) || 1 + n >= len) {
		free(buf);
		sqlite3_bind_text(st, i, s, (int)len, SQLITE_STATIC);
		return (SQLITE_OK);
	}
	sqlite3_bind_blob(st, i, buf, (int)(1 + n), free);
	return (SQLITE_OK);
}

/* The unpacking dictionary id, read from pack_dict on first use. */
static ZSTD_DDict *
db_pack_ddict(struct db *db, struct db_pack *p, int id)
{
	sqlite3_stmt	*st;

	if (p->ddict[id] != NULL)
		return (p->ddict[id]);
	if ((st = db_pack_stmt(db, DB_STMT_PACK_READ,
	    "SELECT data FROM pack_dict WHERE id = ?1")) == NULL)
		return (NULL);
	sqlite3_bind_int(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		p->ddict[id] = ZSTD_createDDict(sqlite3_column_blob(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_reset(st);
	return (p->ddict[id]);
}

/* Unpack a packed body into a new NUL-terminated string; NULL if damaged. */
static char *
db_pack_unpack(struct db *db, const unsigned char *b, size_t len,
    size_t *outlen)
{
	struct db_pack		*p = db_pack_get(db);
	ZSTD_DDict		*dd = NULL;
	unsigned long long	 size;
	char			*out;
	size_t			 n;

	if (len < 2)
		return (NULL);
	if (b[0] != 0 && (dd = db_pack_ddict(db, p, b[0])) == NULL)
		return (NULL);
	size = ZSTD_getFrameContentSize(b + 1, len - 1);
	if (size == ZSTD_CONTENTSIZE_ERROR ||
	    size == ZSTD_CONTENTSIZE_UNKNOWN || size > DB_PACK_MAX)
		return (NULL);
	if (p->dctx == NULL && (p->dctx = ZSTD_createDCtx()) == NULL)
		xmalloc_fail("zstd");
	out = xmalloc((size_t)size + 1);
	n = dd != NULL ?
	    ZSTD_decompress_usingDDict(p->dctx, out, (size_t)size, b + 1,
	    len - 1, dd) :
	    ZSTD_decompressDCtx(p->dctx, out, (size_t)size, b + 1, len - 1);
	if (ZSTD_isError(n) || n != size) {
		free(out);
		return (NULL);
	}
	out[n] = '\0';
	if (outlen != NULL)
		*outlen = n;
	return (out);
}

/*
 * The text of a body as SQLite holds it, unpacked: NULL for NULL; *owned
 * is what to free after (NULL when the text is SQLite's own). A damaged
 * packed body reads as empty text.
 */
const char *
db_pack_text(struct db *db, sqlite3_value *v, char **owned)
{
	const char	*s;

	*owned = NULL;
	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		return (NULL);
	case SQLITE_BLOB:
		*owned = db_pack_unpack(db, sqlite3_value_blob(v),
		    (size_t)sqlite3_value_bytes(v), NULL);
		return (*owned != NULL ? *owned : "");
	default:
		s = (const char *)sqlite3_value_text(v);
		return (s != NULL ? s : "");
	}
}

/* A body column of a row, unpacked, as a new string (NULL for NULL). */
char *
db_pack_column_strdup(struct db *db, sqlite3_stmt *st, int col)
{
	const char	*t;
	char		*s, *owned;

	if (sqlite3_column_type(st, col) != SQLITE_BLOB) {
		t = (const char *)sqlite3_column_text(st, col);
		return (t != NULL ? xstrdup(t) : NULL);
	}
	owned = db_pack_unpack(db, sqlite3_column_blob(st, col),
	    (size_t)sqlite3_column_bytes(st, col), NULL);
	if (owned != NULL)
		return (owned);
	s = xstrdup("");
	return (s);
}

/* akhbar_unpack(body): the body's text, packed or not. */
static void
db_pack_sql_unpack(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db	*db = sqlite3_user_data(ctx);
	const char	*s;
	char		*owned;

	(void)argc;
	if ((s = db_pack_text(db, argv[0], &owned)) == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if (owned != NULL)
		sqlite3_result_text(ctx, owned, -1, free);
	else
		sqlite3_result_text(ctx, s, -1, SQLITE_TRANSIENT);
}

/* Register akhbar_unpack(); returns SQLITE_OK or SQLite's error. */
int
db_pack_register(struct db *db)
{
	return (sqlite3_create_function(db->sq, "akhbar_unpack", 1,
	    SQLITE_UTF8|SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS, db,
	    db_pack_sql_unpack, NULL, NULL));
}
