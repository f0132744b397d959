#!/bin/bash
# cmpc.sh FILE chunks... ; prints chunkings that differ
f=$1; shift
for c in "$@"; do
  a=$(./h-old $f $c 2>/dev/null | md5sum); b=$(./$NEW $f $c 2>/dev/null | md5sum)
  [ "$a" != "$b" ] && echo -n "$c "
done; echo
