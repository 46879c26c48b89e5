#!/usr/bin/env bash
# Start-up time and idle memory of the assembled server.
#
#   distribution/bench/startup.sh [RUNS]     (default 5)
#
# Each run starts bin/marquee run on a fresh data directory (so the database is created and
# migrated: the slowest, first-boot path) and measures the time from exec to the first 200 on
# /api/v1/system/health, then, after 5 s idle, the process's resident memory (VmRSS from
# /proc/PID/status). JAVA_OPTS is passed through (default: bin/marquee's). One untimed start comes
# first: it trains bin/marquee's class-data-sharing archive when there is none yet (as the first
# start of an installation does), and warms the disk cache.
# Prints one "startup_ms" and one "rss_mb" line: median min max.
set -euo pipefail
source "$(dirname "$0")/common.sh"

runs=${1:-5}
idle_seconds=5
times=()
rss=()
for i in $(seq 0 "$runs"); do
  data=$(mktemp -d)
  port=$(free_port)
  start=$(now_ns)
  "$MARQUEE_HOME/bin/marquee" run --data-dir "$data" --port "$port" >"$data/stdout.log" 2>&1 &
  pid=$!
  if ! wait_for_200 "http://127.0.0.1:$port/api/v1/system/health" 60; then
    cat "$data/stdout.log" >&2
    stop_pid "$pid"
    exit 1
  fi
  ms=$(( ($(now_ns) - start) / 1000000 ))
  if [ "$i" = 0 ]; then
    stop_pid "$pid"
    rm -rf "$data"
    echo "run 0 (untimed warm-up): ${ms} ms" >&2
    continue
  fi
  sleep "$idle_seconds"
  kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  stop_pid "$pid"
  rm -rf "$data"
  times+=("$ms")
  rss+=("$((kb / 1024))")
  echo "run $i: ${ms} ms to first health 200, ${kb} kB RSS after ${idle_seconds} s idle" >&2
done
echo "startup_ms $(stats "${times[@]}")"
echo "rss_mb $(stats "${rss[@]}")"
