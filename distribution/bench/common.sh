# Shared by the benchmark scripts (sourced, not run).
# MARQUEE_HOME: the assembled distribution to measure (default: distribution/target/marquee-VERSION).

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo_root=$(cd "$bench_dir/../.." && pwd -P)
version=$(sed -n '/<artifactId>marquee-parent<\/artifactId>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$repo_root/pom.xml" | head -n 1)
MARQUEE_HOME=${MARQUEE_HOME:-$repo_root/distribution/target/marquee-$version}
if [ ! -x "$MARQUEE_HOME/bin/marquee" ]; then
  echo "no assembled server at $MARQUEE_HOME: run ./marquee build (or mvn -DskipTests package) first" >&2
  exit 1
fi

# bin/marquee's default JVM options, for the baseline server and the report.
default_java_opts=$(sed -n 's/^: "${JAVA_OPTS=\(.*\)}"$/\1/p' "$MARQUEE_HOME/bin/marquee")

# A TCP port nobody listens on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

now_ns() { date +%s%N; }

# Waits until GET $1 answers 200; fails after $2 seconds (default 60).
wait_for_200() {
  local url=$1 deadline=$(( $(date +%s) + ${2:-60} ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url")" = 200 ]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "no 200 from $url" >&2
      return 1
    fi
    sleep 0.01
  done
}

# Stops a process this script started: SIGTERM, then waits for it.
stop_pid() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# median / min / max of the numbers given as arguments, as "median min max".
stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%g %g %g\n", m, v[1], v[NR] }'
}
