#!/bin/sh
# The cache from the command line: --unread-count and --search on a cache
# filled by tests/db-fill, a missing cache and a damaged one, and the urls
# file's titles and tags stored by --reload.
. "${top_srcdir:-.}/tests/lib.sh"
FILL=${top_builddir:-.}/tests/db-fill
export TZ=UTC
C="$TMPD/cache.db"

out=$("$AKHBAR" --cache "$TMPD/none.db" --unread-count); rc=$?
tap_is "$rc:$out" "0:0" "--unread-count with no cache yet prints 0"
[ ! -e "$TMPD/none.db" ]; tap_ok $? "--unread-count does not create a cache"

tab=$(printf '\t')
"$FILL" "$C" <<EOT
https://a.example/ar${tab}أخبار${tab}1${tab}1700000000${tab}أعلن الجيش${tab}<p>قال <b>الجيشُ</b> اليوم</p>${tab}-
https://a.example/ar${tab}أخبار${tab}2${tab}1700003600${tab}والجيش يتقدم${tab}نص${tab}r
https://a.example/ar${tab}أخبار${tab}3${tab}1700007200${tab}جيش جديد${tab}نص${tab}s
https://b.example/en${tab}News${tab}1${tab}1700010800${tab}Army news${tab}The ARMY${tab}-
https://b.example/en${tab}News${tab}2${tab}-${tab}Weather${tab}sunny${tab}-
EOT
tap_ok $? "a cache filled"

out=$("$AKHBAR" --cache "$C" --unread-count); rc=$?
tap_is "$rc:$out" "0:4" "--unread-count prints the unread items"

out=$("$AKHBAR" --cache "$C" --search 'الجيش'); rc=$?
tap_is "$rc" 0 "--search exits 0"
want="3${tab}أخبار${tab}2023-11-15 00:13${tab}جيش جديد${tab}
2${tab}أخبار${tab}2023-11-14 23:13${tab}والجيش يتقدم${tab}
1${tab}أخبار${tab}2023-11-14 22:13${tab}أعلن الجيش${tab}"
tap_is "$out" "$want" "--search finds every form, newest first: id, feed, date, title, link (none here)"

out=$("$AKHBAR" --cache "$C" --search '"الجيش"')
want="1${tab}أخبار${tab}2023-11-14 22:13${tab}أعلن الجيش${tab}"
tap_is "$out" "$want" "a quoted phrase matches the exact word only"

out=$("$AKHBAR" --cache "$C" --search 'army')
tap_is "$out" "4${tab}News${tab}2023-11-15 01:13${tab}Army news${tab}" "Latin is case-folded"

out=$("$AKHBAR" --cache "$C" --search 'nothing-like-this' 2>"$TMPD/err"); rc=$?
tap_is "$rc:$out" "0:" "no match exits 0 and prints nothing"
grep -q "nothing matches" "$TMPD/err"; tap_ok $? "and says so on stderr"

out=$("$AKHBAR" --cache "$TMPD/none.db" --search 'x' 2>"$TMPD/err"); rc=$?
tap_is "$rc:$out" "0:" "--search with no cache yet finds nothing and exits 0, as --unread-count counts 0"
tap_is "$(cat "$TMPD/err")" "akhbar: no cache yet at $TMPD/none.db; akhbar --reload makes it" \
    "... saying there is no cache yet"

# --sort: date is the default; rank puts the best match first.
out=$("$AKHBAR" --cache "$C" --search 'الجيش' --sort date | cut -f1 | tr '\n' ' ')
tap_is "$out" "3 2 1 " "--sort date is the default order"
out=$("$AKHBAR" --cache "$C" --search 'الجيش OR army' --sort rank | cut -f1 | sort | tr '\n' ' ')
tap_is "$out" "1 2 3 4 " "--sort rank prints every match once"
out=$("$AKHBAR" --cache "$C" --search 'army OR جيش' --sort rank --limit 1 | cut -f1)
tap_is "$out" "4" "--sort rank: the item that matches twice comes first"
"$AKHBAR" --cache "$C" --search 'x' --sort size >/dev/null 2>"$TMPD/err"; rc=$?
tap_is "$rc:$(head -n 1 "$TMPD/err")" "2:akhbar: --sort wants date or rank, not 'size'" \
    "--sort wants date or rank"
"$AKHBAR" --cache "$C" --unread-count --sort rank >/dev/null 2>"$TMPD/err"; rc=$?
tap_is "$rc:$(cat "$TMPD/err")" "2:akhbar: --sort goes with --search" \
    "--sort goes with --search"

# The urls file's feeds are picked inside the query: a urls file whose
# feeds hold no match finds nothing, however much the others match.
printf 'https://b.example/en\n' > "$TMPD/urls-b"
out=$("$AKHBAR" -u "$TMPD/urls-b" --cache "$C" --search 'الجيش' 2>"$TMPD/err"); rc=$?
tap_is "$rc:$out" "0:" "--search keeps to the urls file's feeds: none of them matches"
grep -q "nothing matches" "$TMPD/err"; tap_ok $? "... and says so"
out=$("$AKHBAR" -u "$TMPD/urls-b" --cache "$C" --search 'army OR الجيش' | cut -f1)
tap_is "$out" "4" "... and finds what its feeds hold"
printf 'https://elsewhere.example/\n' > "$TMPD/urls-x"
out=$("$AKHBAR" -u "$TMPD/urls-x" --cache "$C" --search 'army OR الجيش' 2>/dev/null); rc=$?
tap_is "$rc:$out" "0:" "a urls file of feeds the cache does not hold finds nothing"

printf 'not a database at all, just text\n' > "$TMPD/bad.db"
err=$("$AKHBAR" --cache "$TMPD/bad.db" --unread-count 2>&1 >/dev/null); rc=$?
tap_is "$rc" 1 "--unread-count on a damaged cache exits 1"
case $err in *damaged*"move it aside"*) r=0 ;; *) r=1 ;; esac
tap_ok $r "and says how to recover"
out=$(cat "$TMPD/bad.db")
tap_is "$out" "not a database at all, just text" "the damaged file is left as it was"

# The urls file's "~Title" and tags reach the cache through --reload.
data=$(cd "$top_srcdir/tests/data" && pwd)
printf 'file://%s/rss2.xml "~عنوان من الملف" أخبار "عاجل"\n' "$data" > "$TMPD/urls"
"$AKHBAR" -u "$TMPD/urls" -C "$TMPD/r.db" --reload >/dev/null 2>&1; rc=$?
tap_is "$rc" 0 "--reload of a file: feed with a title and tags"
out=$("$AKHBAR" -u "$TMPD/urls" -C "$TMPD/r.db" --search 'خبر' | cut -f2 | sort -u)
tap_is "$out" "عنوان من الملف" "--search names the feed by the urls file's title"
if [ -n "${PYTHON3:-}" ]; then
	out=$("$PYTHON3" - "$TMPD/r.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(" ".join("%s:%d:%d" % r for r in db.execute(
    "SELECT t.name, ft.total, (SELECT count(*) FROM tag_item"
    " WHERE tag_id = t.id) FROM tag t JOIN feed_tag ft ON ft.tag_id = t.id"
    " ORDER BY t.name")))
EOF
)
	tap_is "$out" "أخبار:4:4 عاجل:4:4" "the feed's tags are stored with its items"
else
	tap_skip "python3 not found"
fi

tap_done
