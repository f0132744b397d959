#!/bin/sh
# bench-sync.sh AKHBAR OUTDIR: the sync benchmark (issue 18), run by
# "make bench" (or alone: make bench-sync). A private Tiny Tiny RSS server
# (tests/ttrss/start.sh) gets FEEDS feeds of ITEMS items each (100 x 200;
# BENCH_SIZE=small: 10 x 50); then akhbar
# syncs an empty cache (the initial sync) and, after NEW new items on the
# server, again (the incremental sync). For each: the HTTP requests the
# server answered (its own log) and the wall time of akhbar --reload.
# Prints one "sync-..." line per figure; skips (exit 0) without the packages.
set -u
AKHBAR=$1
OUT=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
FEEDS=100 ITEMS=200 NEW=100
[ "${BENCH_SIZE:-}" = small ] && { FEEDS=10 ITEMS=50 NEW=10; }
mkdir -p "$OUT"
SRV=$(mktemp -d /tmp/akhbar-bench-ttrss.XXXXXX)
chmod 755 "$SRV"
trap 'TTRSS_DIR="$SRV/s" "$top/tests/ttrss/stop.sh" --purge; rm -rf "$SRV"' EXIT
env=$(TTRSS_DIR="$SRV/s" TTRSS_FRESH=1 "$top/tests/ttrss/start.sh" 2>"$SRV/err")
rc=$?
if [ $rc -ne 0 ]; then
	echo "sync: skipped: $(tail -n1 "$SRV/err")"
	exit 0
fi
eval "$env"
api() { curl -s -X POST -H 'Content-Type: application/json' -d "$1" "$TTRSS_API_URL"; }
sid=$(api "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASSWORD\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["content"]["session_id"])')
# The feeds are subscribed through the API; their items are written into
# the server's database directly (the server's own fetching of 20 000
# items takes about 20 minutes on this machine: not what is measured).
# add N: N items more in every feed, newest entered last.
add() {
	"$TTRSS_PSQL" -c "
	  insert into ttrss_entries (title, guid, link, updated, content,
	    content_hash, date_entered, date_updated)
	  select 'خبر رقم ' || (n + i) || ' من المصدر ' || f.id, 'bench-' || f.id || '-' || (n + i),
	    'http://feeds.invalid/f' || f.id || '/' || (n + i), now() - interval '1 minute' * (10000 - n - i),
	    '<p>' || repeat('نص الخبر العربي الطويل ', 20) || '</p>', 'h' || f.id || '-' || (n + i),
	    now(), now()
	  from ttrss_feeds f, generate_series(1, $1) i,
	    (select coalesce(max(c), 0) n from (select count(*) c from ttrss_user_entries group by feed_id) x) m
	  order by i, f.id;
	  insert into ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, label_cache, unread)
	  select e.id, '', f.id, f.owner_uid, '', '', true from ttrss_entries e
	    join ttrss_feeds f on e.guid like 'bench-' || f.id || '-%'
	  where not exists (select 1 from ttrss_user_entries u where u.ref_id = e.id);" >/dev/null
}
f=0
while [ $f -lt "$FEEDS" ]; do
	# The server reads the feed to subscribe to it.
	printf '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>المصدر %d</title><link>http://feeds.invalid/f%d/</link><description>d</description></channel></rss>' \
	    $f $f >"$TTRSS_FEED_DIR/f$f.xml"
	api "{\"sid\":\"$sid\",\"op\":\"subscribeToFeed\",\"feed_url\":\"$TTRSS_FEED_BASE/f$f.xml\"}" >/dev/null
	f=$((f + 1))
done
add "$ITEMS"
C=$OUT/sync-cache.db
rm -f "$C" "$C-wal" "$C-shm"
printf 'urls-source ttrss\nttrss-url "%s"\nttrss-login %s\nttrss-password %s\n' \
    "$TTRSS_URL" "$TTRSS_USER" "$TTRSS_PASSWORD" >"$OUT/sync-config"
: >"$OUT/sync-urls"
requests() { grep -c 'POST /api/' "$TTRSS_DIR/log/php.log"; }
# run NAME: one sync, timed, its requests counted from the server's log.
run() {
	r0=$(requests)
	s=$(date +%s.%N)
	"$AKHBAR" -c "$OUT/sync-config" -u "$OUT/sync-urls" -C "$C" --reload 2>"$OUT/sync-$1.err"
	rc=$?
	e=$(date +%s.%N)
	items=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from item').fetchone()[0])" "$C")
	printf 'sync-%s: %d requests, %.2f s wall, %s items in the cache, exit %d\n' "$1" \
	    $(($(requests) - r0)) "$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$s" "$e")" "$items" $rc
}
run initial
add $((NEW / FEEDS > 0 ? NEW / FEEDS : 1))
run incremental
