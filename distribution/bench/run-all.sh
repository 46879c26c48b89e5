#!/usr/bin/env bash
# Runs every benchmark against the assembled server and rewrites docs/benchmarks.md.
#
#   distribution/bench/run-all.sh [STARTUP_RUNS] [WRK_DURATION] [LIBRARY_FILES] [PLAYBACK_SECONDS]
#   (defaults: 5, 10s, 100000, 60; PLAYBACK_SECONDS=0 leaves the playback benchmarks out)
#
# Build first (./marquee build); set MARQUEE_HOME to measure another installation.
set -euo pipefail
source "$(dirname "$0")/common.sh"

runs=${1:-5}
duration=${2:-10s}
library_files=${3:-100000}
playback_seconds=${4:-60}
command_line="distribution/bench/run-all.sh $*"

echo "startup ($runs runs)..." >&2
startup=$("$bench_dir/startup.sh" "$runs")
echo "http (wrk -t2 -c50 -d$duration)..." >&2
http=$("$bench_dir/http.sh" "$duration")
echo "plugin install ($runs runs)..." >&2
plugin_install=$("$bench_dir/plugin-install.sh" "$runs")
echo "scan ($library_files files) and catalog reads..." >&2
scan=$("$bench_dir/scan.sh" "$library_files" "$duration")
playback=""
if [ "$playback_seconds" != 0 ]; then
  echo "playback ($playback_seconds s source)..." >&2
  playback=$(python3 "$bench_dir/playback.py" "$MARQUEE_HOME" "$playback_seconds" "$duration" "$runs")
fi

field() { awk -v k="$1" -v n="$2" '$1 == k { print $(n + 1) }' <<<"$startup
$http
$plugin_install
$scan
$playback"; }
read -r startup_median startup_min startup_max <<<"$(field startup_ms 1) $(field startup_ms 2) $(field startup_ms 3)"
read -r rss_median rss_min rss_max <<<"$(field rss_mb 1) $(field rss_mb 2) $(field rss_mb 3)"
marquee_rps=$(field marquee_rps 1)
hello_rps=$(field hello_rps 1)
ratio=$(field ratio 1)
find_ms=$(field find_ms 1)
scan_ms=$(field scan_ms 1)
scan_ratio=$(field scan_ratio 1)
rescan_ms=$(field rescan_ms 1)
items_rps=$(field items_rps 1)
items_p99=$(field items_p99_ms 1)
scan_hello_rps=$(field scan_hello_rps 1)
items_ratio=$(field items_ratio 1)
read -r install_median install_min install_max <<<"$(field plugin_install_ms 1) $(field plugin_install_ms 2) $(field plugin_install_ms 3)"

verdict() { # value goal op -> met / MISSED
  awk -v v="$1" -v g="$2" -v op="$3" 'BEGIN { ok = (op == "le") ? (v <= g) : (v >= g); print ok ? "met" : "MISSED" }'
}
playback_rows=""
if [ -n "$playback" ]; then
  playback_rows="| Time to first HLS segment, remux + AAC (H.264 copied, AC-3 made AAC), $playback_seconds s 1080p source, median of $runs | $(field ttfs_remux_ms 1) ms | | | | |
| same work by raw ffmpeg (video copy and AAC encode of the first segment, in parallel) | $(field ttfs_remux_raw_ms 1) ms | | | | |
| Ratio Marquee / raw ffmpeg, remux | $(field ttfs_remux_ratio 1) | | | ≤ 1.2 | $(verdict "$(field ttfs_remux_ratio 1)" 1.2 le) |
| Time to first HLS segment, x264 1080p transcode, median of $runs | $(field ttfs_transcode_ms 1) ms | | | | |
| same work by raw ffmpeg (same scale and libx264 arguments) | $(field ttfs_transcode_raw_ms 1) ms | | | | |
| Ratio Marquee / raw ffmpeg, transcode | $(field ttfs_transcode_ratio 1) | | | ≤ 1.2 | $(verdict "$(field ttfs_transcode_ratio 1)" 1.2 le) |
| Whole 1080p x264 transcode through HLS (every segment in order), median of 3 | $(field transcode_s 1) s | | | | |
| same by raw ffmpeg, alternating with it | $(field transcode_raw_s 1) s | | | | |
| Throughput ratio raw ffmpeg time / Marquee time | $(field transcode_ratio 1) | | | ≥ 0.95 | $(verdict "$(field transcode_ratio 1)" 0.95 ge) |
| \`wrk -t2 -c8 -d$duration\` direct play of that file (\`GET /api/v1/media/{id}/stream\`), median of 3 alternating with nginx | $(field directplay_mib_s 1) MiB/s | | | | |
| same file from Debian's nginx (sendfile on) | $(field nginx_mib_s 1) MiB/s | | | | |
| Ratio direct play / nginx | $(field directplay_ratio 1) | | | ≥ 0.9 | $(verdict "$(field directplay_ratio 1)" 0.9 ge) |"
fi
java_version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1)
memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
load=$(cut -d' ' -f1-3 /proc/loadavg)
commit=$(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)

out="$repo_root/docs/benchmarks.md"
mkdir -p "$(dirname "$out")"
cat >"$out" <<MD
# Benchmarks

Written by \`$command_line\` (do not edit by hand; rerun it). The scripts live in
\`distribution/bench/\` and measure the assembled server (\`distribution/target/marquee-$version\`),
started by its own \`bin/marquee run\` with the default \`JAVA_OPTS\`
(\`${JAVA_OPTS-$default_java_opts}\`) and its class-data-sharing archive (trained by an untimed
first start).

| | |
|---|---|
| Date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| Commit | $commit |
| Machine | $(nproc) CPUs ($cpu), $memory memory, load average before the run: $load |
| Java | $java_version |

## Results

| Measure | Median | Min | Max | Goal | |
|---|---|---|---|---|---|
| Start to first \`GET /api/v1/system/health\` 200, fresh data dir ($runs runs) | $startup_median ms | $startup_min ms | $startup_max ms | ≤ 2000 ms | $(verdict "$startup_median" 2000 le) |
| Idle RSS 5 s after start (VmRSS) | $rss_median MB | $rss_min MB | $rss_max MB | ≤ 200 MB | $(verdict "$rss_median" 200 le) |
| \`wrk -t2 -c50 -d$duration\` on \`/api/v1/system/health\` | $marquee_rps req/s | | | | |
| same against a bare Undertow hello-world (\`HelloUndertow.java\`) | $hello_rps req/s | | | | |
| Ratio Marquee / bare Undertow | $ratio | | | ≥ 0.7 | $(verdict "$ratio" 0.7 ge) |
| Install to first answer of a plugin from a local repository ($runs runs) | $install_median ms | $install_min ms | $install_max ms | ≤ 1000 ms | $(verdict "$install_median" 1000 le) |
| \`find -type f\` over a generated $library_files-file library (warm cache, median of 3) | $find_ms ms | | | | |
| First scan of that library (movies, series, books; probing, watcher and auto-matching off) | $scan_ms ms | | | ≤ 20000 ms | $(verdict "$scan_ms" 20000 le) |
| Ratio first scan / \`find\` | $scan_ratio | | | ≤ 15 | $(verdict "$scan_ratio" 15 le) |
| Rescan, nothing changed | $rescan_ms ms | | | ≤ 2000 ms | $(verdict "$rescan_ms" 2000 le) |
| \`wrk -t2 -c50 -d$duration --latency\` on \`GET /api/v1/libraries/{movies}/items?limit=50\` | $items_rps req/s | | | | |
| its p99 latency | $items_p99 ms | | | ≤ 20 ms | $(verdict "$items_p99" 20 le) |
| Ratio items / bare Undertow hello-world ($scan_hello_rps req/s, same run) | $items_ratio | | | ≥ 0.5 | $(verdict "$items_ratio" 0.5 ge) |
$playback_rows

## How it is measured

- \`startup.sh N\`: one untimed start (it trains the class-data-sharing archive, as the first start
  of an installation does), then N times \`bin/marquee run --data-dir <fresh temp dir> --port <free>\`; the clock
  starts just before the exec and stops at the first 200 from the health route (polled every
  10 ms with curl), so it includes JVM start, creating and migrating the SQLite database, plugin
  loading and binding the port. RSS is read from \`/proc/<pid>/status\` after 5 s without requests.
- \`http.sh D\`: the assembled server and \`HelloUndertow.java\` (run by the java single-file launcher
  with the distribution's \`lib/\` jars and the same \`JAVA_OPTS\`) listen on 127.0.0.1 in the same
  invocation; each is warmed up with a 3 s wrk run, then measured with \`wrk -t2 -c50 -dD\`, one after
  the other. wrk runs on the same machine, so both figures include its CPU use; the ratio is the
  number to compare across machines.
- \`plugin-install.sh N\`: the example plugin, signed and indexed with \`bin/marquee plugin keygen | index\`,
  served by \`python3 -m http.server\` on 127.0.0.1; the server (fresh data dir, no bundled plugins)
  trusts the key and reads the repository; the clock runs from \`POST /api/v1/admin/plugins/install\`
  to the first 200 from the plugin's own route (download, checks, load, migrations, start), then
  the plugin is uninstalled; one untimed run first, median of N.
- \`scan.sh FILES D\`: \`gen-library.py\` writes FILES empty files named the way Plex and Jellyfin
  users name them (60 % episodes in \`Show (Year)/Season NN/\`, 30 % movies in \`Title (Year)/\` with
  id hints, editions, parts and trailers, 10 % books by author); \`find -type f\` walks the tree three
  times after a warm-up (median); the server, on a fresh SQLite data dir, gets three libraries
  (movies, series, books) and scans them one after the other through \`POST .../scan\` until each
  is idle again (\`scan-all.py\` polls the status every 20 ms over one kept-alive connection), twice
  (first scan, then the rescan with nothing changed); then wrk reads 50 movies
  per request as a signed-in user, and the bare Undertow hello-world is measured in the same run.
- \`playback.py SECONDS\`: see its header; a SECONDS-long 1080p H.264/AAC file in a movie library of a
  fresh server; time to first segment (session open, master and media playlists, segment 0 of the
  first variant and of the audio rendition) against raw ffmpeg doing the same first segment's work;
  the whole 1080p transcode fetched segment by segment against raw ffmpeg; wrk direct play against
  nginx serving the same file.
- Figures from a shared or busy machine (see the load average) are noisy; rerun on an idle one
  before drawing conclusions from small differences.
MD
if [ -f "$bench_dir/notes.md" ]; then
  { echo; cat "$bench_dir/notes.md"; } >>"$out"
fi
echo "wrote $out" >&2
cat "$out"
