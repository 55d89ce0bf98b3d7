#!/bin/bash
# paired.sh OLD NEW CONTENT [ROUNDS]: builds CONTENT with the backlog binaries OLD and NEW,
# alternated, ROUNDS times (default 8), each once into an empty folder and once over the
# site it just wrote, in /dev/shm when there is one; prints the mean wall and CPU time
# (user + system) of each and NEW's ratio to OLD. The machines are shared: only a ratio
# measured in one run means anything.
set -euo pipefail
old=$1 new=$2 content=$3 rounds=${4:-8}
work=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/paired-XXXXXX")
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$rounds"); do
  for v in old new; do
    bin=$old; [ "$v" = new ] && bin=$new
    rm -rf "$work/out-$v" "$work"/.out-$v.*
    /usr/bin/time -f "fresh $v %e %U %S" "$bin" build -no-history -content "$content" -out "$work/out-$v" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    tail -1 "$work/err"
    /usr/bin/time -f "rebuild $v %e %U %S" "$bin" build -no-history -content "$content" -out "$work/out-$v" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    tail -1 "$work/err"
  done
done | awk '{k=$1" "$2; w[k]+=$3; c[k]+=$4+$5; n[k]++}
END {
  for (m in w) if (m ~ / old$/) { f=m; sub(/ old$/, "", f)
    printf "%-8s wall %.3f s -> %.3f s (%.2fx)   cpu %.3f s -> %.3f s (%.2fx)   n=%d\n", f,
      w[f" old"]/n[f" old"], w[f" new"]/n[f" new"], w[f" new"]/w[f" old"],
      c[f" old"]/n[f" old"], c[f" new"]/n[f" new"], c[f" new"]/c[f" old"], n[m] }
}'
