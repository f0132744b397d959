#!/bin/sh
# Sync with a real Tiny Tiny RSS server (tests/ttrss/start.sh, from Debian's
# packages): feeds subscribed through its API, synced into the cache with a
# local file:// feed beside them; states changed in akhbar and from a second
# API session, checked on both sides; wrong password, API disabled, the
# server down, and the server killed in the middle of a sync and restarted.
# Skips when the packages are not installed.
. "${top_srcdir:-.}/tests/lib.sh"
SYNCMARK=${top_builddir:-.}/tests/sync-mark
SRV=$(mktemp -d /tmp/akhbar-ttrss.XXXXXX)
chmod 755 "$SRV"
trap 'TTRSS_DIR="$SRV/s" "$top_srcdir/tests/ttrss/stop.sh" --purge; [ -f "$TMPD/proxy.pid" ] && kill "$(cat "$TMPD/proxy.pid")" 2>/dev/null; rm -rf "$SRV" "$TMPD"' EXIT
env=$(TTRSS_DIR="$SRV/s" TTRSS_FRESH=1 "$top_srcdir/tests/ttrss/start.sh" 2>"$TMPD/start.err")
rc=$?
if [ $rc -eq 77 ]; then
	echo "1..0 # SKIP $(tail -n1 "$TMPD/start.err")"
	exit 0
fi
if [ $rc -ne 0 ]; then
	cat "$TMPD/start.err" >&2
	echo "Bail out! the Tiny Tiny RSS server did not start"
	exit 1
fi
eval "$env"

api() { curl -s -X POST -H 'Content-Type: application/json' -d "$1" "$TTRSS_API_URL"; }
j() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
login() {
	api "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASSWORD\"}" |
	    j 'd["content"]["session_id"]'
}
# mkfeed NAME TITLE N: an RSS file of N items for the server to fetch.
mkfeed() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
		echo "<title>$2</title><link>http://feeds.invalid/$1/</link><description>$2</description>"
		i=1
		while [ $i -le "$3" ]; do
			echo "<item><title>$2 $i</title><link>http://feeds.invalid/$1/$i</link><guid isPermaLink=\"false\">$1-$i</guid><pubDate>$(date -u -d "-$((10 - i)) hour" '+%a, %d %b %Y %H:%M:%S +0000')</pubDate><description>&lt;p&gt;نص الخبر $i&lt;/p&gt;</description></item>"
			i=$((i + 1))
		done
		echo '</channel></rss>'
	} >"$TTRSS_FEED_DIR/$1.xml"
	# TT-RSS asks If-Modified-Since: a newer mtime each time.
	t=$(cat "$TTRSS_FEED_DIR/.$1.t" 2>/dev/null || echo 0)
	now=$(date +%s)
	[ "$t" -ge "$now" ] && now=$((t + 1))
	touch -d "@$now" "$TTRSS_FEED_DIR/$1.xml"
	echo "$now" >"$TTRSS_FEED_DIR/.$1.t"
}
# state IDS: "id:unread:marked ..." on the server, from session B.
state() {
	api "{\"sid\":\"$B\",\"op\":\"getArticle\",\"article_id\":\"$1\"}" |
	    j '" ".join("%d:%d:%d" % (a["id"], a["unread"], a["marked"]) for a in sorted(d["content"], key=lambda a: a["id"]))'
}
# local GUIDS: "guid:unread:starred ..." in the cache.
local_state() {
	"$SYNCMARK" "$C" show >"$TMPD/show"
	out=
	for g in "$@"; do
		out="$out $(awk -v g="$g" '$1 == g { printf "%s:%s:%s", $1, $2, $3 }' "$TMPD/show")"
	done
	echo "${out# }"
}
queue() { "$SYNCMARK" "$C" show | awk '$1 == "queue" { print $2 }'; }

C=$TMPD/cache.db
U=$TMPD/urls
PW=$TMPD/pw
printf '%s\n' "$TTRSS_PASSWORD" >"$PW"
chmod 600 "$PW"
mkdir -p "$TMPD/local"
cp "$top_srcdir/tests/data/atom10.xml" "$TMPD/local/feed.xml"
echo "file://$TMPD/local/feed.xml \"local\"" >"$U"
# Every sync goes through a proxy that can kill the server mid-sync.
python3 "$top_srcdir/tests/ttrss/cutproxy.py" "$TMPD/proxy.port" "$TTRSS_API_URL" \
    "$TTRSS_PHP_PID_FILE" "$TMPD/killat" >/dev/null 2>&1 &
echo $! >"$TMPD/proxy.pid"
i=0
while [ ! -f "$TMPD/proxy.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
PROXY=http://127.0.0.1:$(cat "$TMPD/proxy.port")/
# conf [URL [PASSWORD-LINE]]: the configuration's three lines (and the URL).
conf() {
	{
		echo "urls-source ttrss"
		echo "ttrss-url \"${1:-$PROXY}\""
		echo "ttrss-login $TTRSS_USER"
		echo "${2:-ttrss-passwordfile \"$PW\"}"
	} >"$TMPD/config"
}
conf
reload() { "$AKHBAR" -c "$TMPD/config" -u "$U" -C "$C" --reload "$@" 2>"$TMPD/err"; }

A=$(login)
B=$(login)
tap_ok $([ -n "$A" ] && [ -n "$B" ] && [ "$A" != "$B" ]; echo $?) "two API sessions"
cat_id=$("$TTRSS_PSQL" -c "insert into ttrss_feed_categories (owner_uid, title) values (1, 'أخبار') returning id" | head -n1)
mkfeed one "الأولى" 3
mkfeed two "Two" 2
r1=$(api "{\"sid\":\"$A\",\"op\":\"subscribeToFeed\",\"feed_url\":\"$TTRSS_FEED_BASE/one.xml\",\"category_id\":$cat_id}")
r2=$(api "{\"sid\":\"$A\",\"op\":\"subscribeToFeed\",\"feed_url\":\"$TTRSS_FEED_BASE/two.xml\"}")
tap_is "$(echo "$r1 $r2" | grep -o '"code":1' | wc -l | tr -d ' ')" 2 "two feeds subscribed through the API"
"$TTRSS_UPDATE"
ids=$(api "{\"sid\":\"$B\",\"op\":\"getHeadlines\",\"feed_id\":-4,\"view_mode\":\"all_articles\"}" |
    j '" ".join(str(h["id"]) for h in sorted(d["content"], key=lambda h: h["id"]))')
tap_is "$ids" "1 2 3 4 5" "the server has the five articles"

# ---- the first sync ----
reload -l "$TMPD/log"
tap_ok $? "the first sync works ($(cat "$TMPD/err"))"
sq() { python3 -c "import sqlite3,sys; print('\n'.join('|'.join(str(c) for c in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$C" "$1"; }
tap_is "$(sq "select count(*) from feed")" 3 "the server's two feeds and the urls file's one"
tap_is "$(sq "select title_override from feed where url = '$TTRSS_FEED_BASE/one.xml'")" "الأولى" "the server's title"
tap_is "$(sq "select t.name from tag t join feed_tag ft on ft.tag_id = t.id join feed f on f.id = ft.feed_id where f.url = '$TTRSS_FEED_BASE/one.xml'")" "أخبار" \
    "the server's category is the feed's tag"
tap_is "$(sq "select count(*) from item i join feed f on f.id = i.feed_id where f.url like 'file:%'")" \
    "$(sq "select total from feed where url like 'file:%'")" "the local file:// feed beside it is read"
tap_is "$(local_state ttrss:1 ttrss:4)" "ttrss:1:1:0 ttrss:4:1:0" "items with their states"
tap_is "$("$AKHBAR" -c "$TMPD/config" -u "$U" -C "$C" --search 'الخبر' 2>&1 | grep -c 'نص\|الأولى\|Two')" 5 "with their content, searched"
tap_is "$(grep -c "$TTRSS_PASSWORD" "$TMPD/log")" 0 "the password is not in the debug log"

# ---- changes in akhbar go to the server ----
"$SYNCMARK" "$C" read ttrss:1
"$SYNCMARK" "$C" star ttrss:2
"$SYNCMARK" "$C" feed-read "$TTRSS_FEED_BASE/two.xml"
tap_is "$(queue)" 4 "four changes queued, in their own transactions"
reload
tap_ok $? "the sync sends them"
tap_is "$(queue)" 0 "the queue is empty once the server confirmed"
tap_is "$(state 1,2,3,4,5)" "1:0:0 2:1:1 3:1:0 4:0:0 5:0:0" "the server has akhbar's states"

# ---- changes on another device come back ----
api "{\"sid\":\"$B\",\"op\":\"updateArticle\",\"article_ids\":\"3\",\"mode\":0,\"field\":2}" >/dev/null
api "{\"sid\":\"$B\",\"op\":\"updateArticle\",\"article_ids\":\"1\",\"mode\":1,\"field\":2}" >/dev/null
api "{\"sid\":\"$B\",\"op\":\"updateArticle\",\"article_ids\":\"5\",\"mode\":1,\"field\":0}" >/dev/null
api "{\"sid\":\"$B\",\"op\":\"updateArticle\",\"article_ids\":\"2\",\"mode\":0,\"field\":0}" >/dev/null
reload
tap_ok $? "the next sync"
tap_is "$(local_state ttrss:1 ttrss:2 ttrss:3 ttrss:5)" "ttrss:1:1:0 ttrss:2:1:0 ttrss:3:0:0 ttrss:5:0:1" \
    "read, unread, starred and unstarred on the other device reach the cache"
tap_is "$(queue)" 0 "states from the server are not queued back"

# ---- a change made here since wins over the server's older state ----
"$SYNCMARK" "$C" unread ttrss:4
"$SYNCMARK" "$C" read ttrss:1
reload
tap_is "$(state 1,4)" "1:0:0 4:1:0" "akhbar's newer changes win"
tap_is "$(local_state ttrss:1 ttrss:4)" "ttrss:1:0:0 ttrss:4:1:0" "and stay in the cache"

# ---- new items only ----
mkfeed one "الأولى" 4
"$TTRSS_UPDATE"
reload -l "$TMPD/log2"
tap_ok $? "a sync after the server fetched a new item"
tap_is "$(sq "select count(*) from item where guid like 'ttrss:%'")" 6 "the new item is in the cache"
tap_ok $(grep -q "1 new" "$TMPD/log2"; echo $?) "only it was new"

# ---- failures, with the server's words ----
conf "$PROXY" 'ttrss-passwordeval "printf %s wrong"'
reload
rc=$?
tap_is "$rc" 1 "a wrong password fails the reload"
tap_ok $(grep -q "login denied: LOGIN_ERROR" "$TMPD/err"; echo $?) "with the server's words ($(cat "$TMPD/err"))"
tap_is "$(sq "select count(*) from feed where error_kind <> 0 and url like 'http://feeds.invalid/%'")" 2 \
    "the source's feeds show the failure"
tap_is "$(sq "select error_kind from feed where url like 'file:%'")" 0 "the local feed still works"
conf "$PROXY" "ttrss-passwordeval \"printf %s $TTRSS_PASSWORD\""
reload
tap_ok $? "ttrss-passwordeval: the password a command prints (no shell)"
conf
"$TTRSS_PSQL" -c "update ttrss_user_prefs set value = 'false' where pref_name = 'ENABLE_API_ACCESS'" >/dev/null
reload
tap_ok $(grep -q "API_DISABLED" "$TMPD/err"; echo $?) "API access turned off is said so ($(cat "$TMPD/err"))"
"$TTRSS_PSQL" -c "update ttrss_user_prefs set value = 'true' where pref_name = 'ENABLE_API_ACCESS'" >/dev/null

# ---- the server killed in the middle of a sync, and restarted ----
before=$(cat "$TMPD/proxy.port.count")
echo $((before + 3)) >"$TMPD/killat"
"$SYNCMARK" "$C" read ttrss:4 ttrss:2
"$SYNCMARK" "$C" star ttrss:3
"$SYNCMARK" "$C" unstar ttrss:5
reload
tap_is "$?" 1 "the sync fails when the server dies under it"
tap_is "$(($(cat "$TMPD/proxy.port.count") - before))" 3 "it died at the third request (login, one batch sent, the next)"
tap_is "$(queue)" 2 "what it confirmed left the queue, the rest stayed"
tap_is "$(local_state ttrss:2 ttrss:3 ttrss:4 ttrss:5)" "ttrss:2:0:0 ttrss:3:0:1 ttrss:4:0:0 ttrss:5:0:0" \
    "nothing changed in the cache"
"$AKHBAR" -c "$TMPD/config" -u "$U" -C "$C" --unread-count >/dev/null 2>&1
tap_ok $? "the cache reads while the server is down"
TTRSS_DIR="$SRV/s" "$top_srcdir/tests/ttrss/start.sh" >/dev/null 2>"$TMPD/start.err"
tap_ok $? "the server restarts"
reload
tap_ok $? "the next sync works ($(cat "$TMPD/err"))"
tap_is "$(queue)" 0 "the rest was sent"
tap_is "$(state 2,3,4,5)" "2:0:0 3:0:1 4:0:0 5:0:0" "the server has every change, none flipped back"

# ---- the server down ----
TTRSS_DIR="$SRV/s" "$top_srcdir/tests/ttrss/stop.sh"
conf "$TTRSS_URL"
reload
tap_is "$?" 1 "the server down fails the sync"
tap_ok $(grep -q "connection refused" "$TMPD/err"; echo $?) "and says why ($(cat "$TMPD/err"))"
tap_is "$(sq "select error_kind from feed where url like 'file:%'")" 0 "the local feed still works"
tap_done
