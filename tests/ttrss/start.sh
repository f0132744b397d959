#!/bin/bash
# tests/ttrss/start.sh - a private Tiny Tiny RSS server on 127.0.0.1 for the
# sync tests and the sync benchmark, from Debian's packages (tt-rss 21, API
# level 15, PHP, PostgreSQL); nothing outside TTRSS_DIR is written.
#
#   eval "$(TTRSS_DIR=/tmp/x tests/ttrss/start.sh)"  # prints shell assignments
#
# Exits 77 (with the reason on standard error) when the packages are not
# installed: the tests skip. Re-running with the same TTRSS_DIR reuses what
# still runs (a killed PHP server is started again); TTRSS_FRESH=1 reloads
# the database. Ports are free ones unless TTRSS_PORT, TTRSS_PG_PORT and
# TTRSS_FEED_PORT say. What it works around (the reasons are in the test
# notes of the project's shared tools):
#  - the package's config.php wants dbconfig: a private copy of the web root
#    with its own config.php, its relative symlinks made absolute;
#  - update.php refuses root: PHP runs as www-data, PostgreSQL as postgres;
#  - TT-RSS fetches no feed from 127.0.0.1 nor from a port but 80/443: feeds
#    are http://feeds.invalid/NAME.xml, fetched through a loopback "proxy"
#    that serves TTRSS_DIR/feeds for any host;
#  - its 30 s feed cache: CACHE_DIR/feeds is made read-only;
#  - API access is off by default: turned on for the user in the database;
#  - If-Modified-Since: a rewritten feed needs a newer mtime (the tests do).
# Prints TTRSS_URL TTRSS_API_URL TTRSS_USER TTRSS_PASSWORD TTRSS_FEED_DIR
# TTRSS_FEED_BASE TTRSS_UPDATE TTRSS_PSQL TTRSS_DIR TTRSS_PHP_PID_FILE.
set -euo pipefail

D=${TTRSS_DIR:?TTRSS_DIR must name a directory for the server}
FEED_HOST=feeds.invalid
USER_NAME=admin
USER_PASS=password		# what the packaged schema gives admin
SRC=/usr/share/tt-rss/www

log() { echo "ttrss: $*" >&2; }
die() { log "$*"; exit 1; }

missing=
for p in tt-rss php-cli php-pgsql php-curl postgresql; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ] || [ ! -d "$SRC" ]; then
	log "not installed:$missing (apt-get install tt-rss php-cli php-pgsql php-curl postgresql)"
	exit 77
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$PGBIN" ] && [ -x "$PGBIN/pg_ctl" ] || { log "no PostgreSQL server binaries"; exit 77; }
command -v curl >/dev/null || { log "no curl program"; exit 77; }

freeport() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
mkdir -p "$D"
chmod 755 "$D"
# Ports are chosen once per directory.
if [ ! -f "$D/ports" ]; then
	echo "${TTRSS_PORT:-$(freeport)} ${TTRSS_PG_PORT:-$(freeport)} ${TTRSS_FEED_PORT:-$(freeport)}" >"$D/ports"
fi
read -r WEB_PORT PG_PORT FEED_PORT <"$D/ports"

if [ "$(id -u)" = 0 ]; then
	PG_USER=postgres WEB_USER=www-data
	as_pg() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }
	drop="setpriv --reuid=www-data --regid=www-data --init-groups --"
else
	PG_USER=$(id -un) WEB_USER=$PG_USER
	as_pg() { "$@"; }
	drop=
fi
api_url="http://127.0.0.1:$WEB_PORT/api/"
# A process killed but not reaped yet (a zombie) is not alive.
alive() {
	[ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null &&
	    ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$(cat "$1")/stat" 2>/dev/null
}
login_ok() {
	curl -s -m 5 -X POST -H 'Content-Type: application/json' \
	    -d "{\"op\":\"login\",\"user\":\"$USER_NAME\",\"password\":\"$USER_PASS\"}" \
	    "$api_url" 2>/dev/null | grep -q '"session_id"'
}

# PostgreSQL, on its own port and socket directory, without durability.
PGDATA=$D/pg/data
if [ ! -f "$PGDATA/PG_VERSION" ]; then
	rm -rf "$D/pg"; mkdir -p "$D/pg"; chown "$PG_USER" "$D/pg"
	as_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --no-locale \
	    >"$D/pg/initdb.log" 2>&1 || { cat "$D/pg/initdb.log" >&2; die "initdb failed"; }
fi
if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
	as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$D/pg/postgres.log" -w -t 60 \
	    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$D/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=30" \
	    start >/dev/null || { tail -20 "$D/pg/postgres.log" >&2; die "PostgreSQL did not start"; }
fi
psql_su() { as_pg psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
psql_tt() { PGPASSWORD=ttrss psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U ttrss -d ttrss "$@"; }
if [ "${TTRSS_FRESH:-0}" = 1 ]; then
	psql_su -c "drop database if exists ttrss with (force)"
	rm -rf "$D/feeds"
fi
[ "$(psql_su -tAc "select 1 from pg_roles where rolname='ttrss'")" = 1 ] ||
	psql_su -c "create user ttrss password 'ttrss'"
[ "$(psql_su -tAc "select 1 from pg_database where datname='ttrss'")" = 1 ] ||
	psql_su -c "create database ttrss owner ttrss encoding 'UTF8'"
if [ "$(psql_tt -tAc "select to_regclass('ttrss_version') is not null")" != t ]; then
	psql_tt -v ON_ERROR_STOP=1 -f /usr/share/tt-rss/schema/ttrss_schema_pgsql.sql \
	    >"$D/pg/schema.log" 2>&1 || { tail -20 "$D/pg/schema.log" >&2; die "schema load failed"; }
fi
psql_tt -c "delete from ttrss_user_prefs where pref_name = 'ENABLE_API_ACCESS' and profile is null;
  insert into ttrss_user_prefs (owner_uid, pref_name, profile, value)
  select id, 'ENABLE_API_ACCESS', NULL, 'true' from ttrss_users where login = '$USER_NAME'" >/dev/null

# The web root, copied, with its own config.php.
W=$D/www
if [ ! -f "$W/api/index.php" ]; then
	rm -rf "$W"; cp -a "$SRC" "$W"
	(cd "$SRC" && find . -type l) | while read -r l; do
		case "$l" in ./config.php|./feed-icons) rm -f "$W/$l"; continue ;; esac
		ln -sfn "$(readlink -f "$SRC/$l")" "$W/$l"
	done
fi
mkdir -p "$D/cache/images" "$D/cache/upload" "$D/cache/export" "$D/cache/feeds" \
    "$D/lock" "$D/feed-icons" "$D/feeds" "$D/log"
chown -R "$WEB_USER" "$D/cache" "$D/lock" "$D/feed-icons" "$D/log"
chmod 555 "$D/cache/feeds"
ln -sfn "$D/feed-icons" "$W/feed-icons"
cat >"$W/config.php" <<CONF
<?php
	define('DB_TYPE', 'pgsql');
	define('DB_HOST', '127.0.0.1');
	define('DB_PORT', '$PG_PORT');
	define('DB_USER', 'ttrss');
	define('DB_NAME', 'ttrss');
	define('DB_PASS', 'ttrss');
	define('MYSQL_CHARSET', 'UTF8');
	define('SELF_URL_PATH', 'http://127.0.0.1:$WEB_PORT/');
	define('SINGLE_USER_MODE', false);
	define('SIMPLE_UPDATE_MODE', false);
	define('PHP_EXECUTABLE', '/usr/bin/php');
	define('LOCK_DIRECTORY', '$D/lock');
	define('CACHE_DIR', '$D/cache');
	define('ICONS_DIR', '$D/feed-icons');
	define('ICONS_URL', 'feed-icons');
	define('AUTH_AUTO_CREATE', true);
	define('AUTH_AUTO_LOGIN', true);
	define('FORCE_ARTICLE_PURGE', 0);
	define('ENABLE_REGISTRATION', false);
	define('REG_NOTIFY_ADDRESS', 'nobody@example.invalid');
	define('REG_MAX_USERS', 10);
	define('SESSION_COOKIE_LIFETIME', 86400);
	define('SMTP_FROM_NAME', 'Tiny Tiny RSS');
	define('SMTP_FROM_ADDRESS', 'nobody@example.invalid');
	define('DIGEST_SUBJECT', '[tt-rss] New headlines');
	define('CHECK_FOR_UPDATES', false);
	define('ENABLE_GZIP_OUTPUT', false);
	define('PLUGINS', 'auth_internal, note');
	define('LOG_DESTINATION', 'sql');
	define('CONFIG_VERSION', 26);
	define('_HTTP_PROXY', '127.0.0.1:$FEED_PORT');
CONF
cat >"$D/update.sh" <<UPD
#!/bin/sh
# Fetch every feed now, as the update daemon would.
cd "$W" && exec $drop php update.php --force-update --feeds >>"$D/log/update.log" 2>&1
UPD
chmod 755 "$D/update.sh"
cat >"$D/psql.sh" <<PSQL
#!/bin/sh
# SQL on the server's database.
PGPASSWORD=ttrss exec psql -X -q -tA -h 127.0.0.1 -p $PG_PORT -U ttrss -d ttrss "\$@"
PSQL
chmod 755 "$D/psql.sh"

if ! alive "$D/feeds.pid"; then
	cat >"$D/feedserver.py" <<'PY'
import http.server, sys, urllib.parse
class H(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        u = urllib.parse.urlsplit(path)
        if u.scheme:
            path = u.path or "/"
        return super().translate_path(path)
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])),
    lambda *a, **k: H(*a, directory=sys.argv[2], **k)).serve_forever()
PY
	setsid python3 "$D/feedserver.py" "$FEED_PORT" "$D/feeds" >>"$D/log/feeds.log" 2>&1 </dev/null &
	echo $! >"$D/feeds.pid"
fi
if ! alive "$D/php.pid"; then
	(cd "$W" && PHP_CLI_SERVER_WORKERS=${TTRSS_PHP_WORKERS:-4} exec setsid $drop \
	    php -S "127.0.0.1:$WEB_PORT" -t "$W" >>"$D/log/php.log" 2>&1 </dev/null) &
	echo $! >"$D/php.pid"
fi
for i in $(seq 1 150); do
	login_ok && break
	sleep 0.2
done
login_ok || { tail -20 "$D/log/php.log" >&2; die "the API did not answer a login at $api_url"; }
cat <<ENV
TTRSS_URL=http://127.0.0.1:$WEB_PORT/
TTRSS_API_URL=$api_url
TTRSS_USER=$USER_NAME
TTRSS_PASSWORD=$USER_PASS
TTRSS_FEED_DIR=$D/feeds
TTRSS_FEED_BASE=http://$FEED_HOST
TTRSS_UPDATE=$D/update.sh
TTRSS_PSQL=$D/psql.sh
TTRSS_DIR=$D
TTRSS_PHP_PID_FILE=$D/php.pid
ENV
