#!/bin/sh
# akhbar quickstart: install what the build needs, build, then test or run.
#
#   contrib/quickstart.sh          install dependencies, build, open akhbar on
#                                  its offline demo feeds (akhbar --demo)
#   contrib/quickstart.sh check    install dependencies, build, run every test
#   contrib/quickstart.sh build    install dependencies and build only
#   contrib/quickstart.sh bench [VAR=VALUE...]
#                                  install dependencies, build, make bench
#
# Dependencies come from the system's package manager (apt-get, dnf,
# pacman, apk or brew), through sudo when not run as root; packages that
# are already installed are skipped. The build goes to ./build.
set -eu

cd "$(dirname "$0")/.."
top=$(pwd)
what=${1:-run}
[ $# -gt 0 ] && shift
builddir=${AKHBAR_BUILDDIR:-$top/build}

say() { printf 'quickstart: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

case $what in
run|check|build|bench) ;;
-h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
*) die "unknown command '$what' (use: check, build, bench, or nothing)" ;;
esac

sudo=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 && sudo=sudo
fi

install_deps() {
	if command -v apt-get >/dev/null 2>&1; then
		pkgs="gcc make autoconf automake autopoint gettext pkg-config
		    libncurses-dev libfribidi-dev libsqlite3-dev
		    libcurl4-openssl-dev libxml2-dev libjson-c-dev libzstd-dev
		    zlib1g-dev python3 tmux unicode-data ca-certificates locales"
		missing=
		for p in $pkgs; do
			dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			    grep -q 'ok installed' || missing="$missing $p"
		done
		[ -z "$missing" ] && return 0
		say "installing:$missing"
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		# shellcheck disable=SC2086
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		    --no-install-recommends $missing >/dev/null
	elif command -v dnf >/dev/null 2>&1; then
		# shellcheck disable=SC2086
		$sudo dnf install -y gcc make autoconf automake gettext-devel \
		    pkgconf-pkg-config ncurses-devel fribidi-devel sqlite-devel \
		    libcurl-devel libxml2-devel json-c-devel libzstd-devel zlib-devel \
		    python3 tmux \
		    unicode-ucd
	elif command -v pacman >/dev/null 2>&1; then
		$sudo pacman -S --needed --noconfirm base-devel gettext \
		    pkgconf ncurses fribidi sqlite curl libxml2 json-c zstd zlib python \
		    tmux unicode-character-database
	elif command -v apk >/dev/null 2>&1; then
		$sudo apk add build-base autoconf automake gettext-dev pkgconf \
		    ncurses-dev fribidi-dev sqlite-dev curl-dev libxml2-dev \
		    json-c-dev zstd-dev zlib-dev python3 tmux
	elif command -v brew >/dev/null 2>&1; then
		brew install autoconf automake gettext pkg-config ncurses \
		    fribidi sqlite curl libxml2 json-c zstd python tmux
		for f in ncurses sqlite curl libxml2; do
			PKG_CONFIG_PATH="$(brew --prefix "$f")/lib/pkgconfig:${PKG_CONFIG_PATH:-}"
		done
		export PKG_CONFIG_PATH
	else
		say "no known package manager; install by hand: a C compiler, make,"
		say "autoconf, automake, gettext, pkg-config and the development files"
		say "of ncursesw, fribidi, sqlite3 (with FTS5), libcurl, libxml2, json-c"
	fi
}

install_deps
if [ ! -x "$top/configure" ] || [ "$top/configure.ac" -nt "$top/configure" ] ||
    [ "$top/Makefile.am" -nt "$top/Makefile.in" ]; then
	say "generating the build system (autogen.sh)"
	./autogen.sh >/dev/null
fi
mkdir -p "$builddir"
cd "$builddir"
if [ ! -f Makefile ] || [ "$top/configure" -nt config.status ]; then
	say "configuring in $builddir"
	"$top/configure" ${AKHBAR_CONFIGURE_FLAGS:-} >configure.out 2>&1 ||
	    { cat configure.out >&2; die "configure failed (see above)"; }
	sed -n '/^akhbar .* configured:/,$p' configure.out >&2
fi
jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
say "building with $jobs jobs"
make -j"$jobs" >make.out 2>&1 || { tail -40 make.out >&2; die "make failed"; }

case $what in
check)
	say "running the test suite"
	make -j"$jobs" check
	;;
build)
	say "built: $builddir/src/akhbar"
	;;
bench)
	# tests/bench/run.py installs newsboat itself (as root) for the
	# side-by-side figures, or says why it skips them.
	say "running the benchmark (make bench; a few minutes)"
	make bench "$@"
	;;
run)
	say "built: $builddir/src/akhbar"
	if [ ! -t 0 ] || [ ! -t 1 ]; then
		say "not on a terminal: run $builddir/src/akhbar --demo in one"
		exit 0
	fi
	say "opening the demo (q quits, ? lists the keys)"
	AKHBAR_DATADIR=$top exec "$builddir/src/akhbar" --demo
	;;
esac
