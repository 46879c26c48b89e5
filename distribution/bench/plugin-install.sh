#!/usr/bin/env bash
# Install-to-first-answer time of a plugin from a local repository.
#
#   distribution/bench/plugin-install.sh [RUNS]     (default 5)
#
# The distribution's example plugin is signed and indexed with `bin/marquee plugin keygen | index`
# into a temporary repository that `python3 -m http.server` serves on 127.0.0.1. The assembled
# server starts on a fresh data dir with no bundled plugins (so that the example plugin is not
# there yet), trusts the key and adds the repository. Each run then times, with curl, from sending
# POST /api/v1/admin/plugins/install {"id":"example"} to the first 200 from the plugin's own route
# GET /api/v1/example/greetings (download, sha512 + signature + archive checks, write, load,
# migrate, start), and uninstalls it again. One untimed run comes first (JIT and disk cache warm-up).
# Prints one "plugin_install_ms median min max" line.
set -euo pipefail
source "$(dirname "$0")/common.sh"

runs=${1:-5}
work=$(mktemp -d)
server_pid=""
repo_pid=""
cleanup() {
  [ -n "$server_pid" ] && stop_pid "$server_pid"
  [ -n "$repo_pid" ] && stop_pid "$repo_pid"
  rm -rf "$work"
}
trap cleanup EXIT

artifact=$(find "$MARQUEE_HOME/plugins" -maxdepth 1 -name '*plugin-example*' \( -name '*.zip' -o -name '*.jar' \) | head -n 1)
if [ -z "$artifact" ]; then
  echo "no example plugin in $MARQUEE_HOME/plugins" >&2
  exit 1
fi
"$MARQUEE_HOME/bin/marquee" plugin keygen --out "$work/keys" --name bench >/dev/null
"$MARQUEE_HOME/bin/marquee" plugin index --key "$work/keys/bench.key" --repo "$work/repo" "$artifact" >/dev/null

repo_port=$(free_port)
(cd "$work/repo" && exec python3 -m http.server "$repo_port" --bind 127.0.0.1 >"$work/repo.log" 2>&1) &
repo_pid=$!
wait_for_200 "http://127.0.0.1:$repo_port/repository.json" 30

port=$(free_port)
mkdir -p "$work/data" "$work/no-bundled"
"$MARQUEE_HOME/bin/marquee" run --data-dir "$work/data" --port "$port" --set "plugins.bundled-dir=$work/no-bundled" \
  >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
if ! wait_for_200 "$base/api/v1/system/health" 60; then
  cat "$work/server.log" >&2
  exit 1
fi

curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-1"}' "$base/api/v1/auth/setup"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-1"}' "$base/api/v1/auth/login" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
public_key=$(tr -d '\n' <"$work/keys/bench.pub")
curl -sf -o /dev/null "${auth[@]}" -d "{\"name\":\"bench\",\"publicKey\":\"$public_key\"}" "$base/api/v1/admin/plugins/keys"
curl -sf -o /dev/null "${auth[@]}" -d "{\"name\":\"local\",\"url\":\"http://127.0.0.1:$repo_port/repository.json\"}" \
  "$base/api/v1/admin/plugins/repositories"

times=()
for i in $(seq 0 "$runs"); do
  start=$(now_ns)
  status=$(curl -s -o "$work/install.json" -w '%{http_code}' "${auth[@]}" -d '{"id":"example"}' "$base/api/v1/admin/plugins/install")
  if [ "$status" != 201 ]; then
    echo "install answered $status: $(cat "$work/install.json")" >&2
    exit 1
  fi
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base/api/v1/example/greetings")" = 200 ]; do
    sleep 0.005
  done
  ms=$(( ($(now_ns) - start) / 1000000 ))
  curl -sf -o /dev/null -X DELETE "${auth[@]}" "$base/api/v1/admin/plugins/example"
  if [ "$i" = 0 ]; then
    echo "run 0 (untimed warm-up): ${ms} ms" >&2
    continue
  fi
  times+=("$ms")
  echo "run $i: ${ms} ms from install request to the plugin's first 200" >&2
done
echo "plugin_install_ms $(stats "${times[@]}")"
