#!/bin/sh
# Ids of items that have none of their own (issue 19): items with no guid
# and no link, even alike in every field, are all kept in the cache, and
# reloading the same feed keeps the same rows.
. "${top_srcdir:-.}/tests/lib.sh"
data=$(cd "$top_srcdir/tests/data/fidelity" && pwd)
cache=$TMPD/cache.db
urls=$TMPD/urls

echo "file://$data/ids-twins.xml" >"$urls"
"$AKHBAR" -u "$urls" -C "$cache" --reload >"$TMPD/out" 2>"$TMPD/err"
tap_is "$?" 0 "--reload of a feed whose items have no ids exits 0"
tap_is "$("$AKHBAR" -u "$urls" -C "$cache" --unread-count)" 11 \
    "eleven items, three of them alike in everything, are eleven rows"
"$AKHBAR" -u "$urls" -C "$cache" --reload --force >"$TMPD/out" 2>"$TMPD/err"
tap_is "$?" 0 "a second reload exits 0"
tap_is "$("$AKHBAR" -u "$urls" -C "$cache" --unread-count)" 11 \
    "... and the same feed is still eleven rows: the ids are stable"

# The ids --parse reports are distinct, and the same on every run.
"$AKHBAR" --parse "$data/ids-twins.xml" >"$TMPD/a.json" 2>/dev/null
"$AKHBAR" --parse "$data/ids-twins.xml" >"$TMPD/b.json" 2>/dev/null
cmp -s "$TMPD/a.json" "$TMPD/b.json"
tap_ok $? "--parse gives the same ids twice"
n=$(grep -o '"id": "[^"]*"' "$TMPD/a.json" | sort -u | wc -l | tr -d ' ')
tap_is "$n" 11 "--parse gives eleven distinct ids"
grep -q '"id": "https://baladiya.example/"' "$TMPD/a.json"
tap_ok $? "the first item that links to the home page keeps the link as its id"

tap_done
