#!/bin/sh
# The Arabic catalogue: complete, not fuzzy, accepted by "msgfmt -c", and
# every translation keeps its msgid's printf directives in the same order
# (a lost or swapped %s crashes or garbles the message at run time).
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v msgfmt >/dev/null 2>&1; then
	echo "1..0 # SKIP msgfmt not found"
	exit 0
fi

po=${AKHBAR_PO:-$top_srcdir/po/ar.po}

# msgfmt -c: format strings, plural forms, header, leading/trailing \n.
stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po" 2>&1); rc=$?
tap_ok $rc "msgfmt -c accepts po/ar.po"
[ $rc -eq 0 ] || printf '%s\n' "$stats" | sed 's/^/# /'

# "N translated messages." and nothing fuzzy or untranslated.
case $stats in
*fuzzy*|*untranslated*|"") r=1 ;;
*"translated message"*) r=0 ;;
*) r=1 ;;
esac
tap_ok $r "po/ar.po has no fuzzy or untranslated message"
[ $r -eq 0 ] || printf '# %s\n' "$stats"

# Every msgstr (each plural form too) has the printf directives of its
# msgid (msgid_plural for plural forms), in the same order and number.
bad=$(${AWK:-awk} '
function unq(s) {
	sub(/^[^"]*"/, "", s); sub(/"[ \t]*$/, "", s)
	gsub(/\\\\/, "\001", s)		# an escaped backslash is no %
	return s
}
function dirs(s,   out, re) {
	out = ""
	re = "%([0-9]+[$])?[-+ #0\047]*([0-9]+|[*])?([.]([0-9]+|[*]))?" \
	    "(hh|h|ll|l|j|z|t|L|q)?[diouxXeEfFgGaAcspn%]"
	while (match(s, re)) {
		out = out substr(s, RSTART, RLENGTH) " "
		s = substr(s, RSTART + RLENGTH)
	}
	return out
}
function flush(   k, want) {
	if (id != "" && !nocfmt) {
		for (k in str) {
			want = (k == "" || plural == "") ? dirs(id) : dirs(plural)
			if (str[k] == "")
				printf "empty msgstr%s for \"%s\"\n", \
				    (k == "" ? "" : "[" k "]"), id
			else if (dirs(str[k]) != want)
				printf "msgstr%s of \"%s\": [%s] is not [%s]\n", \
				    (k == "" ? "" : "[" k "]"), id, \
				    dirs(str[k]), want
		}
	}
	id = ""; plural = ""; nocfmt = 0; cur = ""; split("", str)
}
/^#,.*no-c-format/	{ nocfmt = 1; next }
/^#/			{ next }
/^[ \t]*$/		{ flush(); next }
/^msgid_plural /	{ cur = "P"; plural = unq($0); next }
/^msgid /		{ cur = "I"; id = unq($0); next }
/^msgstr\[[0-9]+\] /	{ k = $0; sub(/^msgstr\[/, "", k); sub(/\].*/, "", k)
			  cur = "S" k; str[k] = unq($0); next }
/^msgstr /		{ cur = "S"; str[""] = unq($0); next }
/^[ \t]*"/ {
	if (cur == "I") id = id unq($0)
	else if (cur == "P") plural = plural unq($0)
	else if (cur ~ /^S/) str[substr(cur, 2)] = str[substr(cur, 2)] unq($0)
	next
}
END { flush() }
' "$po")
[ -z "$bad" ]; tap_ok $? "every msgstr keeps its msgid's printf directives"
[ -z "$bad" ] || printf '%s\n' "$bad" | sed 's/^/# /'

# Every source file that marks a string for translation is in POTFILES.in,
# or its strings never reach the catalogue.
missing=
for f in "$top_srcdir"/src/*.c; do
	grep -qE '(^|[^A-Za-z0-9_])[NP]?_\(' "$f" || continue
	rel=src/${f##*/}
	grep -qx "$rel" "$top_srcdir/po/POTFILES.in" || missing="$missing $rel"
done
[ -z "$missing" ]; tap_ok $? "po/POTFILES.in lists every src/*.c using _()"
[ -z "$missing" ] || echo "# not in po/POTFILES.in:$missing"

# At run time, in an Arabic locale built here (when the machine can): the
# messages and a feed's failure reason come out in Arabic.
if [ -z "${AKHBAR:-}" ] || [ ! -x "$AKHBAR" ] ||
    ! grep -q '^#define ENABLE_NLS' "${top_builddir:-.}/config.h" 2>/dev/null; then
	tap_skip "no akhbar built with NLS: Arabic at run time not checked"
elif ! mkdir -p "$TMPD/locale/ar/LC_MESSAGES" "$TMPD/loc" ||
    ! msgfmt -o "$TMPD/locale/ar/LC_MESSAGES/akhbar.mo" "$po" ||
    ! localedef -i ar_EG -f UTF-8 "$TMPD/loc/ar_EG.UTF-8" >/dev/null 2>&1; then
	tap_skip "cannot build an Arabic locale here (localedef, locales data)"
else
	printf 'file://%s/no-such-feed.xml\n' "$TMPD" >"$TMPD/urls"
	LOCPATH=$TMPD/loc LC_ALL=ar_EG.UTF-8 LANGUAGE= \
	    AKHBAR_LOCALEDIR=$TMPD/locale "$AKHBAR" -u "$TMPD/urls" \
	    -C "$TMPD/cache.db" --reload </dev/null >/dev/null 2>"$TMPD/err"
	tap_is "$(cat "$TMPD/err")" \
	    "akhbar: file://$TMPD/no-such-feed.xml: تعذّرت قراءة الملف" \
	    "in Arabic, a failed feed's reason is printed in Arabic"
	LOCPATH=$TMPD/loc LC_ALL=ar_EG.UTF-8 LANGUAGE= \
	    AKHBAR_LOCALEDIR=$TMPD/locale "$AKHBAR" --force 2>"$TMPD/err"
	tap_is "$(cat "$TMPD/err")" \
	    "akhbar: الخيار ‎--force لا يُستعمل إلا مع ‎--reload" \
	    "... and so is a usage error"
fi

tap_done
