#!/bin/sh
# The layering check: every file in src/ has a rank, and includes and
# calls point down the ranks only. Prints TAP; run by "make check".
#
# The ranks, from the top (doc/architecture.md, the README's source tree):
#
#   10 entry    main.c
#    9 cli      cli.c cli-*.c
#    8 ui       ui.c ui-*.c ui-*.h         the only layer that uses curses
#    7 session  session.c session-*.c
#    6 poll     poller.c poller-*.c fetch.c fetch-*.c schedule.c
#               sync.c sync-*.c (an aggregator server's sync)
#    5 cache    db.c db-*.c db-priv.h      (never includes or calls ingest)
#    4 ingest   parse.c parse-*.c opml.c url.c   (never the cache; no
#               db_*, sqlite3_*, curl_*: url.c has libcurl's curl_url* API)
#    3 text     html*.c layout*.c arabic.c sanitize.c doc.c
#    2 config   urls.c conf.c conf-*.c filter.c
#    1 model    feed.c
#    0 base     xmalloc.c str.c log.c path.c utf8.c report.c reason.c i18n.h
#
# A file's header has the file's rank. A file may include a header of its
# own rank or a lower one, wherever the include is written from ("./db.h",
# "../src/db.h", "# include", <db.h>), and within a rank modules include
# and call one way (no cycles). Libraries have ranks too: sqlite3 is the
# cache's, libcurl the poll layer's, json-c ingest's, libxml2 and FriBidi
# the text layer's; curses is ui's alone (curses.h, ncursesw/curses.h, …
# or ui-curses.h). The same rules are read from the objects of the build
# tree with nm -u (the function prefix is the file name: db-item.c is
# db_item_*), which catches a prototype written by hand. Then the check
# plants known violations in a copy of src/ and expects each to fail.
#
# KNOWN lists what main breaks today, reported as TAP TODO so that it
# shows and does not fail the run: remove a line when its fix lands.
KNOWN=''

# rank NAME: set $rank and $layer for a file name in src/ (empty: none).
rank() {
	case $1 in
	main.c)
		rank=10 layer=entry ;;
	cli.[ch]|cli-*.[ch])
		rank=9 layer=cli ;;
	ui.[ch]|ui-*.[ch])
		rank=8 layer=ui ;;
	session.[ch]|session-*.[ch])
		rank=7 layer=session ;;
	poller.[ch]|poller-*.[ch]|fetch.[ch]|fetch-*.[ch]|schedule.[ch]|\
	sync.[ch]|sync-*.[ch])
		rank=6 layer=poll ;;
	db.[ch]|db-*.[ch])
		rank=5 layer=cache ;;
	parse.[ch]|parse-*.[ch]|opml.[ch]|url.[ch])
		rank=4 layer=ingest ;;
	html*.[ch]|layout*.[ch]|arabic.[ch]|sanitize.[ch]|doc.[ch])
		rank=3 layer=text ;;
	urls.[ch]|conf.[ch]|conf-*.[ch]|filter.[ch])
		rank=2 layer=config ;;
	feed.[ch])
		rank=1 layer=model ;;
	xmalloc.[ch]|str.[ch]|log.[ch]|path.[ch]|utf8.[ch]|report.[ch]|\
	reason.[ch]|i18n.h)
		rank=0 layer=base ;;
	*)
		rank= layer= ;;
	esac
}

top=${top_srcdir:-.}
build=${top_builddir:-.}
AWK=${AWK:-awk}
NM=${NM:-nm}
n=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/akhbar-layering.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# tap RULE FILE DESCRIPTION: one TAP line, failed by the lines of FILE
# that start with RULE and a tab (printed as diagnostics).
tap() {
	n=$((n + 1))
	if grep -q "^$1	" "$2"; then
		echo "not ok $n - $3"
		grep "^$1	" "$2" | cut -f3- | sed 's/^/# /'
		fail=1
	else
		echo "ok $n - $3"
	fi
}

# The include checks, over SRC's *.c and *.h: "rule<TAB>key<TAB>message"
# lines, key being "file header" (for KNOWN).
includes_awk='
function norm(p,   n, a, o, i, k, out) {
	n = split(p, a, "/"); k = 0
	for (i = 1; i <= n; i++) {
		if (a[i] == "" || a[i] == ".")
			continue
		if (a[i] == ".." && k > 0 && o[k] != "..") {
			k--
			continue
		}
		o[++k] = a[i]
	}
	out = ""
	for (i = 1; i <= k; i++)
		out = out (i > 1 ? "/" : "") o[i]
	return out
}
function exists(p,   line, r) {
	r = (getline line < p) >= 0
	close(p)
	return r
}
function v(rule, key, msg) {
	printf "%s\t%s\t%s\n", rule, key, msg
}
function where(r) {
	return lname[r] ", rank " r
}
# The rank of a system header (-1: any layer may include it).
function librank(h) {
	if (h ~ /^sqlite3(ext)?\.h$/)
		return 5
	if (h ~ /^curl\//)
		return 6
	if (h ~ /^json-c\// || h == "json.h")
		return 4
	if (h ~ /^libxml\// || h ~ /^fribidi/)
		return 3
	return -1
}
FNR == NR {
	rank[$1] = $2; layer[$1] = $3; fam[$1] = $4; lname[$2] = $3
	next
}
FNR == 1 {
	if (first && f ~ /\.c$/)
		v("configfirst", f " config.h", f ": includes nothing, not even config.h")
	f = FILENAME; sub(/.*\//, "", f)
	first = 1
}
END {
	if (first && f ~ /\.c$/)
		v("configfirst", f " config.h", f ": includes nothing, not even config.h")
}
{
	no = FNR
	while (/\\$/ && (getline more) > 0) {
		sub(/\\$/, "")
		$0 = $0 more
	}
	line = $0
	# A comment may stand before the directive: /**/ # include
	while (sub(/^[ \t]*\/\*([^*]|\*+[^*\/])*\*+\//, "", line))
		;
	if (!match(line, /^[ \t]*(#|%:)[ \t]*(include_next|include|import)/))
		next
	rest = substr(line, RLENGTH + 1)
	if (rest != "" && rest !~ /^[ \t"<]/)
		next
	sub(/^[ \t]*/, "", rest)
	at = f ":" no ": "
	isfirst = first; first = 0
	if (rest ~ /^"[^"]*"/) {
		h = substr(rest, 2); sub(/".*/, "", h); q = 1
	} else if (rest ~ /^<[^>]*>/) {
		h = substr(rest, 2); sub(/>.*/, "", h); q = 0
	} else {
		v("resolve", f " ?", at "an include whose name is not written out: " rest)
		next
	}
	# What the compiler opens: the directory of the file (src/), then
	# -I. -I$(srcdir) -I$(srcdir)/src; names that are none of ours are
	# system headers.
	c1 = norm("src/" h); c2 = norm(h)
	target = ""
	if (h ~ /^\//)
		v("resolve", f " " h, at "includes " h " by its absolute path")
	else if (c1 ~ /^src\/[^\/]+$/ && exists(top "/" c1))
		target = substr(c1, 5)
	else if (c2 ~ /^src\/[^\/]+$/ && exists(top "/" c2))
		target = substr(c2, 5)
	else if (c2 == "config.h") {
		if (f ~ /\.h$/)
			v("configh", f " config.h", at "a header includes config.h")
		if (f ~ /\.c$/ && !isfirst)
			v("configfirst", f " config.h", at "config.h is not the first include")
		next
	} else if (c1 ~ /^\.\./ && c2 ~ /^\.\./)
		v("resolve", f " " h, at "includes " h ", outside the tree")
	else if ((c2 !~ /^\.\./ && exists(top "/" c2)) || exists(top "/" c1))
		v("resolve", f " " h, at "includes " h ", outside src/")
	if (isfirst && f ~ /\.c$/)
		v("configfirst", f " " h, at "the first include is " h ", not config.h")
	r = rank[f]
	if (r == "")
		next
	if (target == "") {
		# A system header.
		if (h ~ /^(ncursesw?\/)?(n?cursesw?|term|termcap|unctrl|panel|menu|form)\.h$/ || h ~ /^ncursesw?\// || h == "ui-curses.h") {
			if (layer[f] != "ui")
				v("curses", f " " h, at "includes " h " in " where(r) "; only ui uses curses")
			next
		}
		t = librank(h)
		if (t > r && !(h ~ /^curl\// && f ~ /^url\.[ch]$/))
			v("libs", f " " h, at "includes " h " (" where(t) ") in " where(r))
		next
	}
	if (target !~ /\.h$/) {
		v("resolve", f " " target, at "includes " h ", which is not a header")
		next
	}
	if (rank[target] == "")
		next
	t = rank[target]
	if (target == "ui-curses.h" && layer[f] != "ui")
		v("curses", f " " target, at "includes " h " in " where(r) "; only ui uses curses")
	if (t + 0 > r + 0 && fam[target] != fam[f])
		v("down", f " " target, at "includes " h " (" where(t) ") in " where(r))
	if ((layer[f] == "cache" && layer[target] == "ingest") || (layer[f] == "ingest" && layer[target] == "cache"))
		v("mutual", f " " target, at "includes " h ": " layer[f] " and " layer[target] " never include each other")
	if (target ~ /-priv\.h$/ && (fam[target] != fam[f] || (f ~ /\.h$/ && f !~ /-priv\.h$/)))
		v("priv", f " " target, at "includes " h (fam[target] != fam[f] ? " from outside its family" : ", a private header, in a public one"))
	# The graph for tsort: headers, and modules of one rank.
	if (f ~ /\.h$/)
		printf "edge\tfile:%s file:%s\n", f, target
	if (t == r && fam[target] != fam[f])
		printf "edge\tmodule:%s module:%s\n", fam[f], fam[target]
}
'

# The object checks, over "nm -A -P -g" of the objects: the same lines.
objects_awk='
function v(rule, key, msg) {
	printf "%s\t%s\t%s\n", rule, key, msg
}
function where(r) {
	return lname[r] ", rank " r
}
# The source file of an object: db-feed.o, or libakhbar_a-db-feed.o when
# automake renames it for per-target flags.
function source(o,   s) {
	sub(/.*\//, "", o); sub(/\.o:$/, "", o)
	for (;;) {
		if ((o ".c") in rank)
			return o ".c"
		if (o !~ /-/)
			return ""
		sub(/^[^-]*-/, "", o)
	}
}
# The rank a symbol belongs to, from its definition, its prefix or its
# library (-1: none); sets ours when it is a function of src/.
function symrank(s,   i) {
	ours = 1
	if (s in defrank)
		return defrank[s]
	for (i = length(s); i > 1; i--)
		if (substr(s, i, 1) == "_" && (substr(s, 1, i) in prefix))
			return prefix[substr(s, 1, i)]
	ours = 0
	if (s ~ /^sqlite3_/)
		return 5
	if (s ~ /^curl_/)
		return 6
	if (s ~ /^json_(object|tokener|c|util)_/)
		return 4
	if (s ~ /^(xml|html)[A-Z]/ || s ~ /^fribidi_/)
		return 3
	return -1
}
BEGIN {
	curses = "^(initscr|newterm|endwin|isendwin|set_term|delscreen|" \
	    "newwin|delwin|subwin|derwin|newpad|prefresh|pnoutrefresh|mvwin|" \
	    "wresize|resizeterm|resize_term|is_term_resized|" \
	    "refresh|wrefresh|wnoutrefresh|doupdate|redrawwin|touchwin|" \
	    "getch|wgetch|mvgetch|mvwgetch|get_wch|wget_wch|mvwget_wch|" \
	    "ungetch|unget_wch|has_key|keyname|key_name|getmouse|mousemask|" \
	    "add_wch|wadd_wch|mvadd_wch|mvwadd_wch|wecho_wchar|echo_wchar|" \
	    "add_wchnstr|wadd_wchnstr|mvwadd_wchnstr|ins_wch|wins_wch|" \
	    "addnwstr|waddnwstr|mvaddnwstr|mvwaddnwstr|addwstr|waddwstr|" \
	    "addch|waddch|mvaddch|mvwaddch|addstr|waddstr|mvaddstr|mvwaddstr|" \
	    "addnstr|waddnstr|mvaddnstr|mvwaddnstr|printw|wprintw|mvprintw|" \
	    "mvwprintw|vw_printw|setcchar|getcchar|" \
	    "attron|attroff|attrset|wattron|wattroff|wattrset|attr_on|" \
	    "attr_off|wattr_on|wattr_off|wattr_set|color_set|wcolor_set|" \
	    "chgat|wchgat|mvchgat|mvwchgat|bkgd|wbkgd|bkgrnd|wbkgrnd|" \
	    "bkgdset|wbkgdset|standout|standend|wstandout|wstandend|" \
	    "start_color|has_colors|can_change_color|init_pair|init_color|" \
	    "init_extended_pair|alloc_pair|use_default_colors|" \
	    "assume_default_colors|pair_content|color_content|" \
	    "cbreak|nocbreak|raw|noraw|echo|noecho|nl|nonl|halfdelay|" \
	    "keypad|nodelay|notimeout|timeout|wtimeout|meta|intrflush|" \
	    "leaveok|scrollok|idlok|idcok|clearok|immedok|curs_set|" \
	    "def_prog_mode|def_shell_mode|reset_prog_mode|reset_shell_mode|" \
	    "move|wmove|erase|werase|clear|wclear|clrtoeol|wclrtoeol|" \
	    "clrtobot|wclrtobot|box|wborder|border|hline|whline|vline|" \
	    "wvline|mvhline|mvwhline|mvvline|mvwvline|box_set|wborder_set|" \
	    "scroll|wscrl|scrl|setscrreg|wsetscrreg|getmaxx|getmaxy|getcurx|" \
	    "getcury|getbegx|getbegy|beep|flash|napms|set_escdelay|" \
	    "setupterm|tigetstr|tigetnum|tigetflag|tputs|putp|tparm|" \
	    "tgetent|tgetstr|tgoto|stdscr|curscr|newscr|LINES|COLS|COLORS|" \
	    "COLOR_PAIRS|ESCDELAY|TABSIZE|acs_map|_nc_.*|new_panel|" \
	    "update_panels|new_menu|new_form)$"
}
FNR == NR {
	rank[$1] = $2; layer[$1] = $3; fam[$1] = $4; lname[$2] = $3
	stem = $1; sub(/\.[ch]$/, "", stem); gsub(/-/, "_", stem)
	if ($2 != "") {
		prefix[stem "_"] = $2
		prefix[$4 "_"] = $2
		famrank[$4] = $2
	}
	next
}
{
	s = source($1)
	if (s == "" || rank[s] == "")
		next
	if ($3 == "U" || $3 == "w" || $3 == "v") {
		nu++; uobj[nu] = $1; usrc[nu] = s; usym[nu] = $2
	} else {
		defrank[$2] = rank[s]; deffam[$2] = fam[s]
	}
}
END {
	for (i = 1; i <= nu; i++) {
		o = uobj[i]; sub(/:$/, "", o); sub(/.*\//, "", o)
		s = usrc[i]; y = usym[i]; r = rank[s] + 0; l = layer[s]
		at = o ": "
		if (y ~ curses) {
			if (l != "ui")
				v("ocurses", o " " y, at "references " y " in " where(r) "; only ui uses curses")
			if (fam[s] == "layout" || fam[s] == "html")
				v("otext", o " " y, at "references " y "; layout and html return data, never draw")
			continue
		}
		url = s == "url.c" && (y ~ /^curl_url/ || y == "curl_free")
		if (l == "ingest" && y ~ /^(db_|sqlite3_|curl_)/ && !url)
			v("oingest", o " " y, at "references " y "; parsers never reach the cache, SQLite or libcurl")
		t = symrank(y)
		if (url)
			t = 4
		if (t > r)
			v("orank", o " " y, at "references " y " (" where(t) ") in " where(r))
		if (ours && ((l == "cache" && lname[t] == "ingest") || (l == "ingest" && lname[t] == "cache")))
			v("omutual", o " " y, at "references " y ": " l " and " lname[t] " call nothing of each other")
		if (t == r && (y in deffam) && deffam[y] != fam[s])
			printf "edge\tmodule:%s module:%s\n", fam[s], deffam[y]
	}
}
'

# layering SRC OBJDIR: the checks as TAP lines (numbered on from $n); an
# OBJDIR with no objects skips the object checks. Sets $fail.
layering() {
	src=$1 objdir=$2
	w=$(mktemp -d "$tmp/run.XXXXXX") || exit 1
	: >"$w/ranks"
	for f in "$src"/*.c "$src"/*.h; do
		[ -f "$f" ] || continue
		b=${f##*/}
		rank "$b"
		fm=${b%.[ch]}
		fm=${fm%%-*}
		printf '%s\t%s\t%s\t%s\n' "$b" "$rank" "$layer" "$fm" >>"$w/ranks"
		[ -n "$rank" ] ||
		    printf 'rank\t%s\t%s: no rank matches this name\n' "$b" "$b" >>"$w/v"
	done
	# The awk runs from the top of the tree so that it can tell the
	# files of src/ from those elsewhere.
	(cd "$src/.." && $AWK -F '	' -v top=. "$includes_awk" \
	    "$w/ranks" src/*.c src/*.h) >>"$w/v" || echo "rank	-	awk failed" >>"$w/v"
	objs=
	for o in "$objdir"/*.o; do
		[ -f "$o" ] && objs=yes && break
	done
	if [ -n "$objs" ] && command -v "$NM" >/dev/null 2>&1; then
		"$NM" -A -P -g "$objdir"/*.o 2>"$w/nmerr" >"$w/nm" ||
		    echo "orank	-	$NM failed: $(head -1 "$w/nmerr")" >>"$w/v"
		if grep -q ' __gnu_lto_' "$w/nm"; then
			objs="LTO objects: nm does not see their symbols"
		else
			tr ' ' '	' <"$w/nm" | $AWK -F '	' "$objects_awk" \
			    "$w/ranks" - >>"$w/v" ||
			    echo "orank	-	awk failed" >>"$w/v"
			objs=
		fi
	elif [ -n "$objs" ]; then
		objs="no $NM"
	else
		objs="no objects in $objdir"
	fi
	# Includes and calls one way: tsort finds the loops.
	sed -n 's/^edge	//p' "$w/v" | tsort >/dev/null 2>"$w/loop" ||
	    printf 'loop\t-\ta loop among %s\n' "$(grep -v 'contains a loop' \
	    "$w/loop" | sed 's/^tsort: //; s/^module:/module /; s/^file:/header /' |
	    tr '\n' ',' | sed 's/,$//; s/,/, /g')" >>"$w/v"
	# What main breaks today goes to TODO lines.
	printf '%s\n' "$KNOWN" >"$w/knownlist"
	$AWK -F '	' -v out="$w/known" '
	    FNR == NR { known[$1] = 1; next }
	    $2 in known { print $2 >out; next }
	    { print }' "$w/knownlist" "$w/v" >"$w/v2"
	: >>"$w/known"
	v=$w/v2
	tap rank "$v" "every file in src/ has a rank"
	tap resolve "$v" "every include names a header in src/ or a system header"
	tap down "$v" "includes point down the ranks"
	tap mutual "$v" "cache and ingest never include each other"
	tap curses "$v" "only ui includes curses"
	tap libs "$v" "sqlite3, libcurl, json-c, libxml2 and FriBidi are included at their ranks"
	tap priv "$v" "a *-priv.h stays in its family, out of public headers"
	tap configh "$v" "headers never include config.h"
	tap configfirst "$v" "config.h is the first include of every .c"
	if [ -z "$objs" ]; then
		tap oingest "$v" "objects: parsers and opml reference no db_*, sqlite3_*, curl_* (url.o: curl_url*)"
		tap otext "$v" "objects: layout and html reference no curses"
		tap ocurses "$v" "objects: only ui objects reference curses"
		tap orank "$v" "objects: no object calls up the ranks"
		tap omutual "$v" "objects: cache and ingest call nothing of each other"
	else
		for t in oingest otext ocurses orank omutual; do
			n=$((n + 1))
			echo "ok $n # SKIP objects: $objs"
		done
	fi
	tap loop "$v" "modules of one rank include and call one way, headers include no loop"
	while IFS='	' read -r key why; do
		[ -n "$key" ] || continue
		n=$((n + 1))
		if grep -qxF "$key" "$w/known"; then
			echo "not ok $n - known: ${key% *} uses ${key#* } # TODO $why"
		else
			echo "ok $n - known: ${key% *} no longer uses ${key#* }: drop it from KNOWN"
		fi
	done <"$w/knownlist"
	[ "$fail" -eq 0 ]
}

layering "$top/src" "$build/src"

# ---- the check can fail: plant violations in a copy of src/ ----

mkdir "$tmp/src" "$tmp/none" "$tmp/obj" || exit 1
cp "$top"/src/*.c "$top"/src/*.h "$tmp/src/" || exit 1

# plant NAME FILE EXPECT [OBJDIR]: put $tmp/planted in place of FILE in a
# copy of src/, run the checks there and expect EXPECT: "pass", or a
# pattern that the failure's diagnostics must match.
plant() {
	name=$1 file=$2 want=$3 objdir=${4:-$tmp/none}
	n=$((n + 1))
	if cmp -s "$tmp/planted" "$tmp/src/$file"; then
		echo "not ok $n - planted: $name (nothing was planted)"
		fail=1
		return
	fi
	rm -rf "$tmp/p"
	mkdir "$tmp/p" && cp -R "$tmp/src" "$tmp/p/src" &&
	    cp "$tmp/planted" "$tmp/p/src/$file" || exit 1
	out=$( (n=0 fail=0; layering "$tmp/p/src" "$objdir") )
	st=$?
	if [ "$want" = pass ]; then
		if [ $st -eq 0 ]; then
			echo "ok $n - planted: $name passes"
			return
		fi
		echo "not ok $n - planted: $name passes"
	elif [ $st -ne 0 ] && printf '%s\n' "$out" | grep -q "^# $want"; then
		echo "ok $n - planted: $name fails"
		return
	else
		echo "not ok $n - planted: $name fails"
	fi
	printf '%s\n' "$out" | grep -v '^ok' | sed 's/^/# /'
	fail=1
}

# plant_line NAME FILE LINE EXPECT: plant LINE after config.h in FILE.
plant_line() {
	printf '%s\n' "$3" >"$tmp/line"
	sed '/^#include "config.h"/r '"$tmp/line" "$tmp/src/$2" >"$tmp/planted"
	plant "$1" "$2" "$4"
}

plant_line '#include "cli.h" in db.c' db.c '#include "cli.h"' \
    'db\.c:[0-9]*: includes cli\.h'
plant_line '#include "poller.h" in url.c' url.c '#include "poller.h"' \
    'url\.c:[0-9]*: includes poller\.h'
plant_line '#include "./db.h" in parse-json.c' parse-json.c \
    '#include "./db.h"' 'parse-json\.c:[0-9]*: includes \./db\.h'
plant_line '#  include "../src/fetch.h" in db-item.c' db-item.c \
    '#  include "../src/fetch.h"' \
    'db-item\.c:[0-9]*: includes \.\./src/fetch\.h'
plant_line '# include <ncursesw/curses.h> in layout.c' layout.c \
    '# include <ncursesw/curses.h>' \
    'layout\.c:[0-9]*: includes ncursesw/curses\.h'
# The interface's header, for a cli.c that includes it: an empty stand-in
# until ui.h lands.
[ -f "$tmp/src/ui.h" ] ||
    printf '/* A stand-in for the interface. */\n' >"$tmp/src/ui.h"
plant_line '#include "ui.h" in cli.c' cli.c '#include "ui.h"' pass

# A hand-written prototype of the cache called from parse-rss.c: the
# includes are clean, only the object tells. It is compiled as the build
# compiles (LAYERING_COMPILE, from Makefile.am), else as a stand-in, and
# checked with the build's other objects.
cat >"$tmp/proto" <<'EOF'
int db_feed_count(void);
int parse_rss_planted(void);
int parse_rss_planted(void) { return db_feed_count(); }
EOF
for o in "$build"/src/*.o; do
	[ -f "$o" ] || continue
	case ${o##*/} in
	parse-rss.o|*-parse-rss.o) ;;
	*) ln -s "$(cd "${o%/*}" && pwd)/${o##*/}" "$tmp/obj/" ;;
	esac
done
cat "$tmp/src/parse-rss.c" "$tmp/proto" >"$tmp/planted"
cp "$tmp/planted" "$tmp/parse-rss.c"
if ! command -v "$NM" >/dev/null 2>&1; then
	how="# SKIP no $NM"
elif [ -n "$LAYERING_COMPILE" ] && (cd "$build" && eval \
    "$LAYERING_COMPILE -c -o \"\$tmp/obj/parse-rss.o\" \"\$tmp/parse-rss.c\"") \
    >"$tmp/cc" 2>&1 && [ -f "$tmp/obj/parse-rss.o" ]; then
	how="with the build's flags"
elif ${CC:-cc} -c -o "$tmp/obj/parse-rss.o" -x c "$tmp/proto" \
    >>"$tmp/cc" 2>&1 && [ -f "$tmp/obj/parse-rss.o" ]; then
	how="as a stand-in object"
else
	how="# SKIP no compiler: $(head -1 "$tmp/cc")"
fi
case $how in
'# SKIP'*)
	n=$((n + 1))
	echo "ok $n $how" ;;
*)
	plant "a db_feed_count() prototype in parse-rss.c, compiled $how" \
	    parse-rss.c 'parse-rss\.o: references db_feed_count' "$tmp/obj" ;;
esac

echo "1..$n"
exit $fail
