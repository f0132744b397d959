#!/bin/bash
# run.sh START END
cd /tmp/rv; mkdir -p diffs w
for ((i=$1;i<$2;i++)); do
  f=w/$i.xml; python3 gen.py $i > $f
  C="0 1 2 3 7 64 4096 -$i -$((i+100000))"
  sz=$(stat -c %s $f); [ $sz -gt 100000 ] && C="0 3 7 64 4096 -$i"
  ./h-old $f $C > w/$i.old 2>/dev/null
  if [ $((i % 10)) -eq 0 ]; then H=./h-san5; else H=./h-new5; fi
  $H $f $C > w/$i.new 2> w/$i.err; rc=$?
  if [ $rc -ne 0 ]; then cp $f diffs/crash-$i.xml; cp w/$i.err diffs/crash-$i.err; fi
  if ! cmp -s w/$i.old w/$i.new; then cp $f diffs/$i.xml; diff w/$i.old w/$i.new | head -c 3000 > diffs/$i.diff; fi
  echo "$i $(echo $C | wc -w)" >> w/done.$1
  rm -f w/$i.old w/$i.new w/$i.err $f
done
