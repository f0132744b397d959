#!/bin/sh
# Offline reading for real, headless: a summary-only feed is reloaded from
# tests/feedserver.py, its item's full article is fetched with
# --fetch-article, the server goes away, and --article still prints the
# whole article from the cache; a feed with full-article=yes gets its
# articles with --reload itself; what --fetch-article and --article say
# when there is no article, no item, no number.
. "${top_srcdir:-.}/tests/lib.sh"

if [ -z "${PYTHON3:-}" ]; then
	echo "1..0 # SKIP python3 not found"
	exit 0
fi
data=$(cd "$top_srcdir/tests/data" && pwd)

mkfifo "$TMPD/srv.in"
"$PYTHON3" "$top_srcdir/tests/feedserver.py" --port 0 --root "$data" \
    --log "$TMPD/srv.log" <"$TMPD/srv.in" >"$TMPD/srv.port" 2>"$TMPD/srv.err" &
srv=$!
exec 9>"$TMPD/srv.in"
trap 'exec 9>&- 2>/dev/null; kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$TMPD"' EXIT
i=0
while [ ! -s "$TMPD/srv.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(head -n 1 "$TMPD/srv.port")
B=http://127.0.0.1:$port
cache=$TMPD/cache.db

# ---- a summary-only feed: the summary, then the article on demand ----
printf '%s/article/summary.xml\n' "$B" >"$TMPD/urls"
"$AKHBAR" -u "$TMPD/urls" -C "$cache" --reload </dev/null >/dev/null 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "0:" "a summary-only feed reloads"
tap_is "$(grep -c '"path": "/article/nested-ar.html"' "$TMPD/srv.log")" 0 \
    "... and its items' pages are not fetched"
out=$(COLUMNS=70 "$AKHBAR" -C "$cache" --article 1 2>"$TMPD/err"); rc=$?
tap_is "$rc" 0 "--article of an item without a full article exits 0"
tap_is "$out" "بلدية الزهراء تطلق مشروعًا لتحلية مياه البحر

مشروع لتحلية مياه البحر." "... and prints the feed's summary"
tap_is "$(cat "$TMPD/err")" "akhbar: warning: item 1: no full article fetched yet (akhbar --fetch-article 1); the feed's summary follows" \
    "... saying why on standard error"

"$AKHBAR" -C "$cache" --fetch-article 1 </dev/null >"$TMPD/out" 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/out")$(cat "$TMPD/err")" "0:" \
    "--fetch-article fetches and stores the article, quietly"
tap_is "$(grep -c '"path": "/article/nested-ar.html"' "$TMPD/srv.log")" 1 \
    "... one request for the page"

# ---- full-article=yes: --reload fetches the articles itself ----
printf '%s/article/summary.xml full-article=yes\n' "$B" >"$TMPD/urls2"
"$AKHBAR" -u "$TMPD/urls2" -C "$TMPD/full.db" --reload </dev/null \
    >/dev/null 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "0:" "a feed with full-article=yes reloads"
COLUMNS=70 "$AKHBAR" -C "$TMPD/full.db" --article 2 >"$TMPD/out" 2>"$TMPD/err"
grep -q 'سجّلت صادرات التمور' "$TMPD/out"
tap_is "$?:$(cat "$TMPD/err")" "0:" "... and its items come with their full articles"

# The server goes away: the article is read from the cache alone.
exec 9>&-
kill "$srv" 2>/dev/null
wait "$srv" 2>/dev/null
"$AKHBAR" --parse "$B/article/summary.xml" >/dev/null 2>&1
tap_is $? 1 "the server is gone"
COLUMNS=70 "$AKHBAR" -C "$cache" --article 1 >"$TMPD/article" 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "0:" "--article reads the full article offline"
want='بلدية الزهراء تطلق مشروعًا لتحلية مياه البحر

[image: محطة التحلية][1]
موقع المحطة المقترحة على الساحل الشرقي

أعلنت بلدية مدينة الزهراء، صباح اليوم الثلاثاء، عن إطلاق مشروع جديد
لتحلية مياه البحر، يهدف إلى توفير مياه الشرب لأكثر من مئتي ألف نسمة في
الأحياء الشرقية من المدينة، التي تعاني منذ سنوات من انقطاعات متكررة خلال
أشهر الصيف.'
tap_is "$(sed -n 1,9p "$TMPD/article")" "$want" \
    "... its title, lead picture and first paragraph"
grep -q 'ويرى خبراء في شؤون المياه' "$TMPD/article"
tap_ok $? "... down to its last paragraph"
grep -q 'الأكثر قراءة\|أبو خالد\|فيسبوك' "$TMPD/article"
tap_ok $((! $?)) "... without the sidebar, the comments and the share bar"
grep -q "^\[1\] http://127.0.0.1:$port/media/2026/12/plant.jpg$" "$TMPD/article"
tap_ok $? "... its lazy image's real source listed with the links"
"$AKHBAR" -C "$cache" --search 'الصهاريج' >"$TMPD/found"
tap_is "$(cut -f4 "$TMPD/found")" "بلدية الزهراء تطلق مشروعًا لتحلية مياه البحر" \
    "--search finds a word only the full article has"

# Offline, fetching fails and says why; the article stays.
"$AKHBAR" -C "$cache" --fetch-article 1 </dev/null 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "1:akhbar: item 1 has no full article: connection refused" \
    "--fetch-article offline fails with the reason"
COLUMNS=70 "$AKHBAR" -C "$cache" --article 1 2>/dev/null | grep -q 'ويرى خبراء'
tap_ok $? "... and the stored article stays"

# ---- the command line's mistakes ----
"$AKHBAR" -C "$cache" --article 99 >/dev/null 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "1:akhbar: no item 99 in the cache" "--article of no item"
"$AKHBAR" -C "$cache" --fetch-article abc 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "2:akhbar: an item is named by its number, not 'abc'" \
    "--fetch-article wants a number"
"$AKHBAR" -C "$TMPD/none.db" --article 1 2>"$TMPD/err"
tap_is "$?:$(cat "$TMPD/err")" "1:akhbar: no cache yet at $TMPD/none.db" \
    "--article without a cache"
tap_done
