#!/bin/sh
# akhbar --reload end to end against tests/feedserver.py on 127.0.0.1: what
# is stored in the cache, what is printed, and the exit status.
. "${top_srcdir:-.}/tests/lib.sh"

if [ -z "${PYTHON3:-}" ]; then
	echo "1..0 # SKIP python3 not found"
	exit 0
fi
data=$(cd "$top_srcdir/tests/data" && pwd)

# The server stops when the fifo feeding its stdin closes.
mkfifo "$TMPD/srv.in"
"$PYTHON3" "$top_srcdir/tests/feedserver.py" --port 0 --root "$data" \
    --log "$TMPD/srv.log" <"$TMPD/srv.in" >"$TMPD/srv.port" 2>"$TMPD/srv.err" &
srv=$!
exec 9>"$TMPD/srv.in"
trap 'exec 9>&-; kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$TMPD"' EXIT
i=0
while [ ! -s "$TMPD/srv.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(head -n 1 "$TMPD/srv.port")
B=http://127.0.0.1:$port
cache=$TMPD/cache.db
urls=$TMPD/urls

# sql QUERY: one value from the cache (python's sqlite3, read-only).
sql() {
	"$PYTHON3" - "$cache" "$1" <<'EOF'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
EOF
}

# requests PATH: how many requests the server saw for PATH.
requests() {
	grep -c "\"path\": \"$1\"" "$TMPD/srv.log"
}

# ---- --parse URL fetches through the poller's code ----
"$AKHBAR" --parse "$B/chunked/poller/atom.xml" >"$TMPD/parse.json" 2>"$TMPD/err"
tap_is $? 0 "--parse of an http URL exits 0"
grep -q 'urn:akhbar:test:atom:2' "$TMPD/parse.json"
tap_ok $? "... and prints the feed's items"
"$AKHBAR" --parse "$B/html" >/dev/null 2>"$TMPD/err"
tap_is $? 1 "--parse of an HTML page over http exits 1"
grep -q "^akhbar: $B/html: not a feed" "$TMPD/err"
tap_ok $? "... saying it is not a feed"
"$AKHBAR" --parse "$B/status/410" >/dev/null 2>"$TMPD/err"
tap_is "$(cat "$TMPD/err")" "akhbar: $B/status/410: HTTP 410" "--parse of a 410"

# ---- TLS: a certificate nobody vouches for is refused ----
mkfifo "$TMPD/tls.in"
"$PYTHON3" "$top_srcdir/tests/feedserver.py" --port 0 --root "$data" \
    --tls "$data/tls/self-signed.pem" <"$TMPD/tls.in" >"$TMPD/tls.port" \
    2>"$TMPD/tls.err" &
tls=$!
exec 8>"$TMPD/tls.in"
i=0
while [ ! -s "$TMPD/tls.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
T=https://127.0.0.1:$(head -n 1 "$TMPD/tls.port")
"$AKHBAR" --parse "$T/poller/atom.xml" >"$TMPD/parse.json" 2>"$TMPD/err"
tap_is $? 1 "--parse of an https URL with a self-signed certificate fails"
tap_is "$(cat "$TMPD/err")" "akhbar: $T/poller/atom.xml: TLS" "... as TLS"
tap_is "$(cat "$TMPD/parse.json")" "" "... having printed nothing of the feed"
exec 8>&-
wait $tls 2>/dev/null

# ---- setup errors ----
"$AKHBAR" -u "$TMPD/nonexistent" -C "$cache" --reload 2>"$TMPD/err"
tap_is $? 2 "a missing urls file exits 2"
grep -q "$TMPD/nonexistent" "$TMPD/err" && grep -q "one feed URL per line" "$TMPD/err"
tap_ok $? "... naming the file and how to write it"

# ---- a first reload of good feeds ----
cat >"$urls" <<EOF
# test feeds
$B/etag/poller/akhbar.xml
$B/gzip/poller/atom.xml

exec:cat '$data/poller/big.xml'
EOF
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err"
tap_is $? 0 "a reload of good feeds exits 0"
tap_is "$(cat "$TMPD/err")" "" "... and prints nothing when not on a terminal"
tap_is "$(sql 'select count(*) from item')" 305 "every item is stored (3 + 2 + 300)"
n=$("$AKHBAR" -C "$cache" --unread-count 2>/dev/null)
tap_is "$n" 305 "--unread-count counts them"
tap_is "$(sql "select title from item where guid = 'http://example.org/2'")" \
    "الخبر الثاني" "Arabic titles arrive intact"
tap_is "$(sql 'select count(*) from feed where error is not null')" 0 \
    "no feed has an error"
grep "\"path\": \"/gzip/poller/atom.xml\"" "$TMPD/srv.log" | grep -q '"accept-encoding": "[^"]*gzip'
tap_ok $? "gzip is offered"
grep "\"path\": \"/etag/poller/akhbar.xml\"" "$TMPD/srv.log" | grep -q '"user-agent": "akhbar/'
tap_ok $? "the User-Agent names akhbar"

# ---- a second reload: 304s, nothing new ----
before=$(requests /etag/poller/akhbar.xml)
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err"
tap_is $? 0 "a second reload exits 0"
tap_is "$(requests /gzip/poller/atom.xml)" 2 "the feed without <ttl> is fetched again"
grep "\"path\": \"/gzip/poller/atom.xml\"" "$TMPD/srv.log" | tail -n 1 | grep -q '"if-none-match"'
tap_ok $? "... conditionally (If-None-Match)"
tap_is "$(sql "select http_status from feed where url = '$B/gzip/poller/atom.xml'")" 304 \
    "... and the 304 is stored"
tap_is "$(requests /etag/poller/akhbar.xml)" "$before" \
    "a feed with <ttl>90</ttl> is not fetched again within the ttl"
tap_is "$(sql 'select count(*) from item')" 305 "a 304 changes no items"

# ---- a feed taken out of the urls file keeps its items but stops counting ----
grep -v '^exec:' "$urls" >"$TMPD/urls-fewer"
tap_is "$("$AKHBAR" -u "$TMPD/urls-fewer" -C "$cache" --unread-count)" 5 \
    "--unread-count counts only the feeds of the urls file"
"$AKHBAR" -u "$TMPD/urls-fewer" -C "$cache" --search item >"$TMPD/found" 2>&1
tap_is "$(grep -c . "$TMPD/found")" 1 \
    "--search finds nothing in a feed no longer listed (only 'nothing matches')"
tap_is "$("$AKHBAR" -u "$urls" -C "$cache" --search item | grep -c .)" 300 \
    "... and finds its items again once it is listed"
tap_is "$(sql 'select count(*) from item')" 305 "... which stayed in the cache"

# ---- failures ----
cat >"$urls" <<EOF
$B/status/404
$B/html
$B/status/429?retry-after=120
$B/redirect/301,308/poller/atom.xml
$B/poller/akhbar.xml
EOF
rm -f "$cache"*
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err"
tap_is $? 1 "a reload with failures exits 1"
grep -qx "akhbar: $B/status/404: HTTP 404" "$TMPD/err"
tap_ok $? "one line per failure: HTTP 404"
grep -q "^akhbar: $B/html: not a feed: an HTML page" "$TMPD/err"
tap_ok $? "an HTML page is not a feed, and the parser says what it is"
grep -qx "akhbar: $B/status/429?retry-after=120: HTTP 429" "$TMPD/err"
tap_ok $? "429 is reported"
grep -q "akhbar: $B/redirect/301,308/poller/atom.xml: moved permanently to $B/poller/atom.xml" "$TMPD/err"
tap_ok $? "a permanent redirect says where the feed moved"
tap_is "$(grep -c . "$TMPD/err")" 4 "nothing else is printed"
# The cache keeps a failure as data: its kind (enum reason_kind, counted
# here from reason.h) and its number.
http_kind=$(awk '/^enum reason_kind/ { on = 1; n = 0; next }
    on && /^[ \t]*REASON_[A-Z_]+/ { sub(/^[ \t]*/, ""); sub(/[ ,=].*/, "")
    if ($0 == "REASON_HTTP") { print n; exit }; n++ }' "$top_srcdir/src/reason.h")
tap_is "$(sql "select http_status || ' ' || error_kind || ' ' || error_code from feed where url = '$B/status/404'")" \
    "404 $http_kind 404" "the error is stored with the feed (HTTP, 404)"
tap_is "$(sql "select count(*) from item")" 5 "the good feeds are stored anyway"
future=$(sql "select next_fetch - strftime('%s', 'now') >= 100 from feed where url like '%/status/429%'")
tap_is "$future" 1 "Retry-After postpones the feed"
"$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err"
tap_is "$(requests '/status/429?retry-after=120')" 1 "... and the next reload leaves it alone"
tap_is "$(requests /status/404)" 2 "a failed feed is retried once"
tap_is "$(sql "select failures from feed where url = '$B/status/404'")" 2 \
    "failures are counted"
# --force fetches what is not due, with the same conditional requests.
"$AKHBAR" -u "$urls" -C "$cache" --reload --force </dev/null 2>"$TMPD/err"
tap_is "$(requests '/status/429?retry-after=120')" 2 "--force fetches a feed that asked for a pause"
tap_is "$(requests /status/404)" 3 "... and one that is backing off"
"$AKHBAR" -C "$cache" --force --unread-count >/dev/null 2>"$TMPD/err"
tap_is $? 2 "--force without --reload is a usage error"
grep -q -- "--force goes with --reload" "$TMPD/err"
tap_ok $? "... saying so"

# ---- limits and timeouts ----
printf '%s\n' "$B/stall/poller/big.xml?bytes=0" "$B/gzipbomb?size=20000000" \
    "$B/poller/atom.xml" >"$urls"
rm -f "$cache"*
# The server makes the bomb at its first request and keeps it: made now,
# a loaded machine's seconds of compressing are not taken for a stall.
"$PYTHON3" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1]).read()' \
    "$B/gzipbomb?size=20000000"
start=$(date +%s)
AKHBAR_FETCH_TIMEOUT=1 AKHBAR_FETCH_MAX_BODY=1000000 \
    "$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null 2>"$TMPD/err"
tap_is $? 1 "a stall and a gzip bomb fail"
grep -qx "akhbar: $B/stall/poller/big.xml?bytes=0: timeout" "$TMPD/err"
tap_ok $? "a stalled server times out"
grep -qx "akhbar: $B/gzipbomb?size=20000000: too large" "$TMPD/err"
tap_ok $? "a gzip bomb is too large"
tap_ok $(( $(date +%s) - start > 10 )) "... and the reload takes seconds, not minutes"
tap_is "$(sql 'select count(*) from item')" 2 "the good feed is stored"

# ---- SIGINT: prompt, and what finished is kept ----
printf '%s\n' "$B/poller/akhbar.xml" "$B/stall/poller/big.xml?bytes=100&a" \
    "$B/stall/poller/big.xml?bytes=100&b" >"$urls"
rm -f "$cache"*
AKHBAR_FETCH_TIMEOUT=60 "$AKHBAR" -u "$urls" -C "$cache" --reload </dev/null \
    2>"$TMPD/err" &
pid=$!
i=0
while [ "$(requests '/stall/poller/big.xml?bytes=100&b')" -eq 0 ] && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
sleep 0.3
start=$(date +%s)
kill -INT $pid
wait $pid
rc=$?
tap_is $rc 1 "an interrupted reload exits 1"
tap_ok $(( $(date +%s) - start > 3 )) "... promptly"
grep -q "interrupted" "$TMPD/err"
tap_ok $? "... and says so"
tap_is "$(sql 'select count(*) from item')" 3 "the feed that finished is committed"

tap_done
