#!/bin/bash
# tests/ttrss/stop.sh [--purge]: stop what start.sh started in TTRSS_DIR (by
# the process ids it kept); --purge removes the directory too.
set -u
D=${TTRSS_DIR:?}
for name in php feeds; do
	f=$D/$name.pid
	[ -f "$f" ] || continue
	pid=$(cat "$f")
	if kill -0 "$pid" 2>/dev/null; then
		# php -S runs its workers in its own session: its process group.
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
		for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	fi
	rm -f "$f"
done
if [ -f "$D/pg/data/postmaster.pid" ]; then
	PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=postgres --regid=postgres --init-groups -- \
		    "$PGBIN/pg_ctl" -D "$D/pg/data" -m immediate -w stop >/dev/null 2>&1
	else
		"$PGBIN/pg_ctl" -D "$D/pg/data" -m immediate -w stop >/dev/null 2>&1
	fi
fi
if [ "${1:-}" = --purge ]; then
	case $D in /|"") exit 1 ;; esac
	rm -rf "$D"
fi
exit 0
