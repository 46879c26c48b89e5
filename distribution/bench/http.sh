#!/usr/bin/env bash
# HTTP throughput of the assembled server's health route against a bare Undertow hello-world.
#
#   distribution/bench/http.sh [DURATION]     (wrk duration, default 10s)
#
# Starts both on free ports of 127.0.0.1 in this one invocation (same JVM, same JAVA_OPTS), warms
# each up for 3 s, then runs "wrk -t2 -c50 -d$DURATION" against each in turn (never both at once,
# so they do not share the CPUs). Prints "marquee_rps", "hello_rps" and "ratio" (goal >= 0.7).
set -euo pipefail
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

duration=${1:-10s}
: "${JAVA_OPTS=$default_java_opts}" # bin/marquee's default, for both servers
export JAVA_OPTS
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT

marquee_port=$(free_port)
"$MARQUEE_HOME/bin/marquee" run --data-dir "$work/data" --port "$marquee_port" --set http.host=127.0.0.1 >"$work/marquee.log" 2>&1 &
pids+=($!)
hello_port=$(free_port)
# shellcheck disable=SC2086
"$java" $JAVA_OPTS -cp "$MARQUEE_HOME/lib/*" "$bench_dir/HelloUndertow.java" "$hello_port" >"$work/hello.log" 2>&1 &
pids+=($!)

marquee_url="http://127.0.0.1:$marquee_port/api/v1/system/health"
hello_url="http://127.0.0.1:$hello_port/"
wait_for_200 "$marquee_url" 60 || { cat "$work/marquee.log" >&2; exit 1; }
wait_for_200 "$hello_url" 60 || { cat "$work/hello.log" >&2; exit 1; }

rps() { # url duration -> requests/second; wrk's full output goes to stderr
  local out
  out=$(wrk -t2 -c50 -d"$2" "$1")
  echo "$out" >&2
  if grep -q 'Non-2xx' <<<"$out"; then
    echo "non-2xx answers from $1" >&2
    exit 1
  fi
  awk '/^Requests\/sec:/ { print $2 }' <<<"$out"
}

rps "$marquee_url" 3s >/dev/null
rps "$hello_url" 3s >/dev/null
echo "== marquee $marquee_url" >&2
marquee=$(rps "$marquee_url" "$duration")
echo "== hello-undertow $hello_url" >&2
hello=$(rps "$hello_url" "$duration")
echo "marquee_rps $marquee"
echo "hello_rps $hello"
echo "ratio $(awk -v a="$marquee" -v b="$hello" 'BEGIN { printf "%.2f", a / b }')"
