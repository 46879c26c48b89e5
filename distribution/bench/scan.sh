#!/usr/bin/env bash
# Library scanning and catalog reads over a generated 100,000-file library.
#
#   distribution/bench/scan.sh [FILES] [DURATION]     (defaults: 100000 files, wrk 10s)
#
# In one invocation: generates the tree (gen-library.py, empty files), times `find -type f` over it
# (the baseline, cache warm), starts the assembled server on a fresh data dir with three libraries
# (movies, series, books; probing and the watcher off, as the goal states), times the first scan of
# all three and then a rescan with nothing changed, then runs wrk with latency on
# GET /api/v1/libraries/{movies}/items?limit=50 and on the bare Undertow hello-world.
# Prints: files, find_ms, scan_ms, scan_ratio, rescan_ms, items_rps, items_p99_ms, scan_hello_rps, items_ratio.
set -euo pipefail
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }

files=${1:-100000}
duration=${2:-10s}
: "${JAVA_OPTS=$default_java_opts}"
export JAVA_OPTS
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT

tree="$work/library"
echo "generating $files files..." >&2
python3 "$bench_dir/gen-library.py" "$tree" "$files" >/dev/null

find "$tree" -type f >/dev/null # warm the cache for both
find_runs=()
for _ in 1 2 3; do
  start=$(now_ns)
  find "$tree" -type f | wc -l >/dev/null
  find_runs+=($(( ($(now_ns) - start) / 1000000 )))
done
read -r find_ms _ _ <<<"$(stats "${find_runs[@]}")"

port=$(free_port)
base="http://127.0.0.1:$port"
"$MARQUEE_HOME/bin/marquee" run --data-dir "$work/data" --port "$port" --set http.host=127.0.0.1 \
  --set library.scan-interval=30d --set metadata.auto-match=false >"$work/marquee.log" 2>&1 &
pids+=($!)
wait_for_200 "$base/api/v1/system/health" 60 || { cat "$work/marquee.log" >&2; exit 1; }

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
token=$(curl -sf -X POST "$base/api/v1/auth/setup" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' | json 'd["accessToken"]')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

libraries=()
for kind in movies:movie series:series books:book; do
  dir=${kind%%:*}
  type=${kind##*:}
  id=$(curl -sf -X POST "$base/api/v1/libraries" "${auth[@]}" \
    -d "{\"name\":\"$dir\",\"type\":\"$type\",\"roots\":[\"$tree/$dir\"],\"settings\":{\"probe\":false,\"watch\":false}}" | json 'd["id"]')
  libraries+=("$id")
done

# Scans every library, one after the other as the scan task runs them, each until it is idle again;
# prints the milliseconds that took. One python process polls over one kept-alive connection: a curl
# and a python start per poll (as before) added up to ~0.1 s per library to the measured time.
scan_all() { python3 "$bench_dir/scan-all.py" "$base" "$token" "${libraries[@]}"; }

scan_ms=$(scan_all)
items=$(curl -sf "$base/api/v1/libraries/${libraries[0]}/items?limit=1" "${auth[@]}" | json 'd["total"]')
echo "first scan: $scan_ms ms; movies library lists $items items" >&2

rescan_ms=$(scan_all)

hello_port=$(free_port)
# shellcheck disable=SC2086
"$java" $JAVA_OPTS -cp "$MARQUEE_HOME/lib/*" "$bench_dir/HelloUndertow.java" "$hello_port" >"$work/hello.log" 2>&1 &
pids+=($!)
wait_for_200 "http://127.0.0.1:$hello_port/" 60 || { cat "$work/hello.log" >&2; exit 1; }

run_wrk() { # url duration [header] -> wrk output (also to stderr)
  local out
  out=$(wrk -t2 -c50 -d"$2" --latency ${3:+-H "$3"} "$1")
  echo "$out" >&2
  if grep -q 'Non-2xx' <<<"$out"; then
    echo "non-2xx answers from $1" >&2
    exit 1
  fi
  echo "$out"
}
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }

items_url="$base/api/v1/libraries/${libraries[0]}/items?limit=50"
run_wrk "$items_url" 3s "Authorization: Bearer $token" >/dev/null
items_out=$(run_wrk "$items_url" "$duration" "Authorization: Bearer $token")
run_wrk "http://127.0.0.1:$hello_port/" 3s >/dev/null
hello_out=$(run_wrk "http://127.0.0.1:$hello_port/" "$duration")

items_rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$items_out")
items_p99=$(awk '$1 == "99%" { print $2 }' <<<"$items_out" | to_ms)
hello_rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$hello_out")

echo "files $files"
echo "find_ms $find_ms"
echo "scan_ms $scan_ms"
echo "scan_ratio $(awk -v a="$scan_ms" -v b="$find_ms" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }')"
echo "rescan_ms $rescan_ms"
echo "items_rps $items_rps"
echo "items_p99_ms $items_p99"
echo "scan_hello_rps $hello_rps"
echo "items_ratio $(awk -v a="$items_rps" -v b="$hello_rps" 'BEGIN { printf "%.2f", a / b }')"
