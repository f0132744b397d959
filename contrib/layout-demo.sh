#!/bin/sh
# Show a feed the way akhbar's layout layer lays it out, until the
# interface exists: first the headlines, one row each, cut with an ellipsis
# to the width; press q, then the first article's text, wrapped.  Run it in
# any terminal, or inside tmux.
#
#   contrib/layout-demo.sh [FEED] [WIDTH]
#
# FEED defaults to contrib/demo/akhbar-demo.xml (a path or URL that
# "akhbar --parse" reads); WIDTH to 60 columns.  Needs a built tree
# (contrib/quickstart.sh build; $AKHBAR_BUILDDIR, default ./build) and
# python3 to read the parser's JSON.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${AKHBAR_BUILDDIR:-$top/build}
feed=${1:-$top/contrib/demo/akhbar-demo.xml}
width=${2:-60}
[ -x "$build/src/akhbar" ] && [ -x "$build/tests/layout-show" ] ||
    make -s -C "$build" src/akhbar tests/layout-show >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/src/akhbar" --parse "$feed" | python3 -c '
import html, json, re, sys
d = json.load(sys.stdin)
out = sys.argv[1]
with open(out + "/lang", "w") as f:
    f.write(d.get("language") or "")
with open(out + "/titles", "w") as f:
    for i in d["items"]:
        f.write((i.get("title") or "").replace("\n", " ") + "\n")
with open(out + "/body", "w") as f:
    items = d["items"]
    if items:
        i = items[0]
        text = i.get("content") or i.get("summary") or ""
        text = html.unescape(re.sub(r"<[^>]*>", " ", text))
        f.write((i.get("title") or "") + "\n")
        for p in re.split(r"\n\s*\n", text):
            f.write(" ".join(p.split()) + "\n")
' "$tmp"
lang=$(cat "$tmp/lang")
export LC_ALL=${LC_ALL:-C.UTF-8}
"$build/tests/layout-show" -l "${lang:-und}" -t -w "$width" -x 2 -y 1 \
    -f "$tmp/titles"
"$build/tests/layout-show" -l "${lang:-und}" -w "$width" -x 2 -y 1 -g 1 \
    -f "$tmp/body"
