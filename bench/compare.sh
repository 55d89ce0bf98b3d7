#!/usr/bin/env bash
# Compare backlog's build with the Go floor (bench/floor) and Hugo, side by side.
#
#   bench/compare.sh [SIZES] [RUNS]     e.g. bench/compare.sh "1000 10000 50000" 5
#
# Corpora come from ../shared/bench/synth.py and are kept in $BENCH_DIR (default
# /tmp/backlog-compare). They are read from a copy, and the output written, on a tmpfs
# (/dev/shm) when there is one: that keeps disk reads (a corpus the page cache let go of)
# and disk write-back out of the figures. For each size it prints the median wall time and
# median peak memory of each program, then the ratios against the floor and against Hugo;
# last, how the build's time grows between the two largest sizes, measured side by side.
# The floor and backlog are measured twice: over their previous output, and into an
# empty folder, as a CI build is.
# The machine's core count is printed first: the figures mean little without it.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"1000 10000"}
runs=${2:-5}
work=${BENCH_DIR:-/tmp/backlog-compare}
out=/dev/shm/backlog-compare-out
[ -d /dev/shm ] || out=$work/out
synth=../shared/bench/synth.py
hugo_site=../shared/bench/hugo-site
mkdir -p "$work" "$out"

go build -o "$work/backlog" ./cmd/backlog
go build -o "$work/floor" ./bench/floor
echo "cores: $(nproc)   runs: $runs   go: $(go env GOVERSION)   hugo: $(command -v hugo >/dev/null && hugo version | cut -d' ' -f2 || echo 'not installed')"

# The programs of a size are run in rounds, each once a round after one warm-up, so that
# a slow spell of a shared machine falls on all of them rather than on one.
# add NAME FRESH CMD...: adds a program; FRESH names folders removed before each of its
# runs, untimed ("" for none).
names=(); freshes=(); cmds=()
add() { names+=("$1"); freshes+=("$2"); shift 2; cmds+=("$(printf '%q ' "$@")"); }

# measure: runs the programs added, prints "NAME median_s median_MiB" for each.
measure() {
  local i r start
  for i in "${!names[@]}"; do
    eval "${cmds[$i]}" >/dev/null 2>&1 || { echo "${names[$i]} failed: ${cmds[$i]}" >&2; return 1; }
    : > "$work/time-$i.txt"
  done
  for r in $(seq "$runs"); do
    for i in "${!names[@]}"; do
      [ -z "${freshes[$i]}" ] || rm -rf ${freshes[$i]}
      # The wall time is taken here, to the microsecond: time's %e has hundredths, a
      # tenth of a 1,000-item build. time gives the peak memory.
      start=$EPOCHREALTIME
      eval "/usr/bin/time -o $work/rss.txt -f '%M' ${cmds[$i]}" >/dev/null 2>&1
      echo "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.3f", b-a}') $(cat "$work/rss.txt")" >> "$work/time-$i.txt"
    done
  done
  for i in "${!names[@]}"; do
    local t m
    t=$(awk '{print $1}' "$work/time-$i.txt" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    m=$(awk '{print $2}' "$work/time-$i.txt" | sort -g | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}')
    echo "${names[$i]} $t $m"
  done
}

for n in $sizes; do
  [ -f "$work/c$n/content/order.yaml" ] || python3 "$synth" --items "$n" --out "$work/c$n" >/dev/null
  corpus=$out/c$n
  rm -rf "$corpus"; cp -r "$work/c$n" "$corpus"
  names=(); freshes=(); cmds=()
  add floor "" "$work/floor" "$corpus/content" "$out/floor$n"
  add backlog "" "$work/backlog" build -content "$corpus/content" -out "$out/backlog$n" -no-history
  # Into an empty folder, as in CI: the floor makes its folders, backlog has neither an
  # old site to replace nor a spare to write over.
  add floor-new "$out/floor-new$n" "$work/floor" "$corpus/content" "$out/floor-new$n"
  add backlog-new "$out/backlog-new$n $out/.backlog-new$n.spare" "$work/backlog" build -content "$corpus/content" -out "$out/backlog-new$n" -no-history
  add check "" "$work/backlog" check -content "$corpus/content"
  if command -v hugo >/dev/null; then
    rm -rf "$corpus/hugo-site"; cp -r "$hugo_site" "$corpus/hugo-site"
    add hugo "" hugo -s "$corpus/hugo-site" -d "$out/hugo$n" --quiet
  fi
  mapfile -t results < <(measure)
  echo
  echo "items=$n"
  printf '  %-12s %9s %9s\n' program wall_s peak_MiB
  for r in "${results[@]}"; do set -- $r ""; printf '  %-12s %9s %9s\n' "$1" "$2" "$3"; done
  floor_t=$(printf '%s\n' "${results[@]}" | awk '$1=="floor"{print $2}')
  build_t=$(printf '%s\n' "${results[@]}" | awk '$1=="backlog"{print $2}')
  build_m=$(printf '%s\n' "${results[@]}" | awk '$1=="backlog"{print $3}')
  check_t=$(printf '%s\n' "${results[@]}" | awk '$1=="check"{print $2}')
  floor_new=$(printf '%s\n' "${results[@]}" | awk '$1=="floor-new"{print $2}')
  build_new=$(printf '%s\n' "${results[@]}" | awk '$1=="backlog-new"{print $2}')
  awk -v b="$build_t" -v f="$floor_t" -v c="$check_t" -v bn="$build_new" -v fn="$floor_new" \
    'BEGIN {printf "  backlog/floor wall %.2fx (into an empty folder %.2fx)   check/build %.2fx\n", b/f, bn/fn, c/b}'
  hugo_t=$(printf '%s\n' "${results[@]}" | awk '$1=="hugo"{print $2}')
  hugo_m=$(printf '%s\n' "${results[@]}" | awk '$1=="hugo"{print $3}')
  if [ -n "$hugo_t" ]; then
    awk -v b="$build_t" -v h="$hugo_t" -v bm="$build_m" -v hm="$hugo_m" 'BEGIN {printf "  hugo/backlog wall %.2fx   backlog/hugo memory %.3f\n", h/b, bm/hm}'
  fi
  rm -rf "$out"/{floor,backlog,floor-new,backlog-new,hugo}"$n" "$out"/.*"$n".spare
done

# Growth: the build of the two largest sizes, run in the same rounds, so that the ratio
# of their times is not the ratio of two spells of a shared machine.
set -- $(printf '%s\n' $sizes | sort -n | tail -2)
if [ $# -eq 2 ]; then
  names=(); freshes=(); cmds=()
  add "backlog$1" "" "$work/backlog" build -content "$out/c$1/content" -out "$out/growth$1" -no-history
  add "backlog$2" "" "$work/backlog" build -content "$out/c$2/content" -out "$out/growth$2" -no-history
  mapfile -t results < <(measure)
  echo
  printf '  %-12s %9s %9s\n' program wall_s peak_MiB
  for r in "${results[@]}"; do set -- $r ""; printf '  %-12s %9s %9s\n' "$1" "$2" "$3"; done
  printf '%s\n' "${results[@]}" | awk '{n[NR]=substr($1, 8); t[NR]=$2} END {printf "  growth: %d items take %.2fx the time of %d (%.0fx the items)\n", n[2], t[2]/t[1], n[1], n[2]/n[1]}'
fi
rm -rf "$out"
