#!/usr/bin/env bash
# Proves the NVIDIA transcoder paths (plugins/transcoder-nvidia) on a real GPU and writes what ran
# into a Markdown snippet for docs/benchmarks.md: versions, nvidia-smi, each ffmpeg pipeline with its
# command, result, wall time and speed.
#
#   distribution/bench/gpu-proof.sh FFMPEG [OUT.md]
#
#   FFMPEG   an ffmpeg binary, or the JavaCPP jar that holds one (extracted into a temporary folder)
#   OUT.md   where the snippet goes (default: ./gpu-proof-<host>-<UTC date>.md); it is also printed
#
# Environment: SECONDS_OF_VIDEO (default 20) the length of the generated 1080p samples; GPU (default 0)
# the -hwaccel_device; STEP_TIMEOUT (default 300) seconds one step may run.
#
# It runs, each step on its own and recorded whether it passes or fails (a failing step does not stop
# the others):
#   1. ffmpeg -hide_banner -hwaccels / -encoders / -filters / -decoders: what the build has
#   2. a 1920x1080 H.264 sample made by libx264 on the CPU (and a HEVC Main 10 one when libx265 is there)
#   3. CPU baseline: decode, scale to 1280x720, libx264 (the software driver's arguments)
#   4. NVDEC decode only: -hwaccel cuda -hwaccel_output_format cuda -i sample -f null -
#   5. NVDEC + scale_cuda to 1280x720 (frames stay on the GPU)
#   6. NVDEC + scale_cuda + hwdownload,format=nv12 + libx264: the driver's path on a GPU without NVENC
#      (an H100); the output is decoded again to check it is H.264 1280x720
#   7. NVDEC + scale_cuda + h264_nvenc, when the build lists h264_nvenc: the driver's full-GPU path
#      (expected to fail on an H100, which has no NVENC: the failure line is recorded)
#   8. the same as 6 from the 10-bit HEVC sample (scale_cuda converts to 8-bit nv12 on the GPU)
# The argument strings are NvidiaDriver.arguments' for those requests; keep them in step.
#
# A self-contained ffmpeg for a machine without registry access (fetch it where Maven works, carry
# it over): JavaCPP's GPL build of FFmpeg, one jar per platform holding ffmpeg, ffprobe and their
# libraries (libx264, libx265; NVDEC/NVENC through the NVIDIA driver's own libcuda and
# libnvidia-encode, loaded at run time).
#   1. Check which version exists (7.1.1-1.5.12 was the newest when this was written; a version that
#      does not exist answers "Could not find artifact"; all of them are listed under
#      https://repo1.maven.org/maven2/org/bytedeco/ffmpeg/):
#        mvn dependency:get -Dartifact=org.bytedeco:ffmpeg:7.1.1-1.5.12:jar:linux-x86_64-gpl
#   2. Copy the jar out of the local repository:
#        mvn dependency:copy -Dartifact=org.bytedeco:ffmpeg:7.1.1-1.5.12:jar:linux-x86_64-gpl \
#            -DoutputDirectory=bench-tools
#   3. Pass the jar to this script as it is, or extract the binary by hand:
#        unzip -o bench-tools/ffmpeg-7.1.1-1.5.12-linux-x86_64-gpl.jar 'org/bytedeco/ffmpeg/linux-x86_64/*' -d bench-tools
#        chmod +x bench-tools/org/bytedeco/ffmpeg/linux-x86_64/ffmpeg
#      (its libraries sit beside it; this script puts that folder on LD_LIBRARY_PATH).
set -uo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 1
fi
input=$1
host=$(hostname 2>/dev/null || echo unknown)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=${2:-$PWD/gpu-proof-$host-$stamp.md}
seconds=${SECONDS_OF_VIDEO:-20}
gpu=${GPU:-0}
step_timeout=${STEP_TIMEOUT:-300}
work=$(mktemp -d "${TMPDIR:-/tmp}/gpu-proof.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- the ffmpeg binary ---------------------------------------------------------------------------
extract_jar() {
  local jar=$1 dest=$2 pattern='org/bytedeco/ffmpeg/linux-x86_64/*'
  if command -v unzip >/dev/null; then
    unzip -q -o "$jar" "$pattern" -d "$dest"
  elif command -v python3 >/dev/null; then
    python3 - "$jar" "$dest" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as jar:
    for name in jar.namelist():
        if name.startswith("org/bytedeco/ffmpeg/linux-x86_64/") and not name.endswith("/"):
            jar.extract(name, sys.argv[2])
EOF
  elif command -v jar >/dev/null; then
    (cd "$dest" && jar xf "$jar" org/bytedeco/ffmpeg/linux-x86_64)
  else
    echo "cannot extract $jar: no unzip, python3 or jar" >&2
    return 1
  fi
}

case "$input" in
  *.jar)
    extract_jar "$(cd "$(dirname "$input")" && pwd -P)/$(basename "$input")" "$work/jar" || exit 1
    ffmpeg="$work/jar/org/bytedeco/ffmpeg/linux-x86_64/ffmpeg"
    ;;
  *)
    ffmpeg=$(cd "$(dirname "$input")" && pwd -P)/$(basename "$input")
    ;;
esac
if [ ! -f "$ffmpeg" ]; then
  echo "no ffmpeg binary at $ffmpeg" >&2
  exit 1
fi
chmod +x "$ffmpeg" 2>/dev/null
ffmpeg_dir=$(dirname "$ffmpeg")
if ls "$ffmpeg_dir"/libavcodec.so* >/dev/null 2>&1; then
  export LD_LIBRARY_PATH="$ffmpeg_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
ffprobe=""
[ -x "$ffmpeg_dir/ffprobe" ] && ffprobe="$ffmpeg_dir/ffprobe"
if ! "$ffmpeg" -hide_banner -version >"$work/version.txt" 2>&1; then
  echo "$ffmpeg does not run:" >&2
  cat "$work/version.txt" >&2
  exit 1
fi

# --- recording -----------------------------------------------------------------------------------
rows=()
details=()
passed=()

# What in stderr says why, without ffmpeg's "[h264 @ 0x...]" prefixes: its error-looking lines, else its last line.
why() {
  local lines
  lines=$(tr '\r' '\n' <"$1" | sed -E 's/\[[^]]*@ ?0x[0-9a-f]+\] ?//' | grep -v -E '^(frame=|size=| *$)')
  { grep -i -E 'error|fail|cannot|could not|no device|not (supported|found)|unsupported|invalid|impossible' <<<"$lines" \
    | head -n 3 || true; } | paste -sd '/' - | cut -c1-300 | grep . || tail -n 1 <<<"$lines" | cut -c1-300
}

# Runs one step: run NAME DESCRIPTION ffmpeg-arguments...
run() {
  local name=$1 description=$2
  shift 2
  local log="$work/$name.log" start end wall status speed frames fps result
  start=$(date +%s%N)
  timeout "$step_timeout" "$ffmpeg" -hide_banner -nostdin -y -stats "$@" >"$log" 2>&1
  status=$?
  end=$(date +%s%N)
  wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
  speed=$(tr '\r' '\n' <"$log" | grep -o 'speed= *[0-9.]*x' | tail -n 1 | tr -d ' ' | cut -d= -f2)
  frames=$(tr '\r' '\n' <"$log" | grep -o 'frame= *[0-9]*' | tail -n 1 | tr -d ' ' | cut -d= -f2)
  fps=$([ -n "$frames" ] && awk -v f="$frames" -v w="$wall" 'BEGIN { if (w > 0) printf "%.0f", f / w }')
  if [ "$status" -eq 0 ]; then
    result="ok"
    passed+=("$name")
  elif [ "$status" -eq 124 ]; then
    result="FAILED: ran over ${step_timeout} s"
  else
    result="FAILED (exit $status): $(why "$log")"
  fi
  echo "$name: $result (${wall} s${speed:+, $speed})" >&2
  rows+=("| $name | $description | ${result//|//} | $wall | ${fps:--} | ${speed:--} |")
  details+=("#### $name"$'\n\n'"\`\`\`"$'\n'"ffmpeg -hide_banner -nostdin -y -stats $*"$'\n'"\`\`\`"$'\n\n'"exit $status; last lines:"$'\n\n'"\`\`\`"$'\n'"$(tr '\r' '\n' <"$log" | grep -v '^ *$' | tail -n 6)"$'\n'"\`\`\`")
}

has() { grep -q -E "$2" "$work/$1.txt"; }
ok() { [[ " ${passed[*]:-} " == *" $1 "* ]]; }

# --- what the build has --------------------------------------------------------------------------
for listing in hwaccels encoders filters decoders; do
  "$ffmpeg" -hide_banner "-$listing" >"$work/$listing.txt" 2>&1
done
hwaccels=$(sed '1d;/^ *$/d' "$work/hwaccels.txt" | paste -sd ' ' -)
nv_encoders=$(grep -o -E '(h264|hevc|av1)_nvenc' "$work/encoders.txt" | sort -u | paste -sd ' ' -)
cuda_filters=$(grep -o -E ' (scale_cuda|scale_npp|hwdownload|hwupload_cuda|tonemap_cuda|yadif_cuda|overlay_cuda) ' \
  "$work/filters.txt" | tr -d ' ' | sort -u | paste -sd ' ' -)
cuvid=$(grep -o -E '[a-z0-9]+_cuvid' "$work/decoders.txt" | sort -u | paste -sd ' ' -)

# --- samples -------------------------------------------------------------------------------------
h264="$work/sample-h264-1080p.mkv"
hevc10="$work/sample-hevc10-1080p.mkv"
run sample-h264 "${seconds} s 1920x1080 H.264 sample, libx264 on the CPU" \
  -f lavfi -i "testsrc2=duration=$seconds:size=1920x1080:rate=30" -c:v libx264 -preset veryfast -pix_fmt yuv420p "$h264"
if has encoders ' libx265 '; then
  run sample-hevc10 "${seconds} s 1920x1080 HEVC Main 10 sample, libx265 on the CPU" \
    -f lavfi -i "testsrc2=duration=$seconds:size=1920x1080:rate=30" -c:v libx265 -preset ultrafast -pix_fmt yuv420p10le \
    -x265-params log-level=error "$hevc10"
fi

# --- the pipelines -------------------------------------------------------------------------------
x264=(-c:v libx264 -preset veryfast -profile:v high -b:v 4000000 -maxrate 6000000 -bufsize 8000000)
nvdec=(-hwaccel cuda -hwaccel_device "$gpu" -hwaccel_output_format cuda)
if ok sample-h264; then
  run cpu-x264 "CPU baseline: decode, scale=1280:720, libx264 (software driver)" \
    -i "$h264" -map 0:v:0 -vf scale=1280:720,format=yuv420p "${x264[@]}" -f null -
  run nvdec "NVDEC decode only (frames stay in GPU memory)" \
    "${nvdec[@]}" -i "$h264" -map 0:v:0 -f null -
  run nvdec-scale-cuda "NVDEC + scale_cuda to 1280x720" \
    "${nvdec[@]}" -i "$h264" -map 0:v:0 -vf scale_cuda=w=1280:h=720:format=nv12 -f null -
  run nvdec-x264 "NVDEC + scale_cuda + hwdownload,format=nv12 + libx264 (driver without NVENC)" \
    "${nvdec[@]}" -i "$h264" -map 0:v:0 -vf scale_cuda=w=1280:h=720:format=nv12,hwdownload,format=nv12 \
    "${x264[@]}" -f mpegts "$work/nvdec-x264.ts"
  if ok nvdec-x264; then
    run nvdec-x264-check "the NVDEC + libx264 output decoded again (H.264 1280x720 expected)" \
      -i "$work/nvdec-x264.ts" -f null -
    video=$("$ffmpeg" -hide_banner -i "$work/nvdec-x264.ts" 2>&1 | grep -m 1 'Video:')
    produced="$(grep -o -E 'Video: [a-z0-9]+( \([^)]*\))?' <<<"$video" | cut -c8-) $(grep -o -E ', [0-9]{2,5}x[0-9]{2,5}' <<<"$video" | head -n 1 | tr -d ', ')"
  fi
  if [[ " $nv_encoders " == *" h264_nvenc "* ]]; then
    run nvdec-nvenc "NVDEC + scale_cuda + h264_nvenc (driver with NVENC)" \
      "${nvdec[@]}" -i "$h264" -map 0:v:0 -vf scale_cuda=w=1280:h=720:format=nv12 \
      -c:v h264_nvenc -preset p4 -profile:v high -b:v 4000000 -maxrate 6000000 -bufsize 8000000 -f null -
  fi
fi
if ok sample-hevc10; then
  run nvdec-hevc10-x264 "10-bit HEVC: NVDEC + scale_cuda to 8-bit nv12 + hwdownload + libx264" \
    "${nvdec[@]}" -i "$hevc10" -map 0:v:0 -vf scale_cuda=w=1280:h=720:format=nv12,hwdownload,format=nv12 \
    "${x264[@]}" -f null -
fi

# --- the snippet ---------------------------------------------------------------------------------
smi="nvidia-smi not found"
gpu_name="no NVIDIA GPU seen"
if command -v nvidia-smi >/dev/null; then
  smi=$(nvidia-smi 2>&1)
  gpu_name=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader -i "$gpu" 2>&1 | head -n 1)
fi
verdict() { if ok "$1"; then echo "$2"; else echo "$3"; fi; }
{
  echo "### NVIDIA GPU proof — $gpu_name ($stamp)"
  echo
  echo "Run with \`distribution/bench/gpu-proof.sh\` on \`$host\` ($(uname -srm)); ${seconds} s 1920x1080 30 fps samples,"
  echo "GPU $gpu, each step bounded to ${step_timeout} s."
  echo
  echo "- ffmpeg: \`$(head -n 1 "$work/version.txt")\` at \`$ffmpeg\`"
  echo "- hwaccels: ${hwaccels:-none}; NVENC encoders: ${nv_encoders:-none}; CUDA filters: ${cuda_filters:-none}; CUVID decoders: ${cuvid:-none}"
  echo "- NVDEC decode: $(verdict nvdec works fails); scale_cuda: $(verdict nvdec-scale-cuda works fails);" \
    "NVDEC + libx264 (the H100 path): $(verdict nvdec-x264 works fails)${produced:+ (output: ${produced})};" \
    "NVENC: $(if [ -z "$nv_encoders" ]; then echo "not in this build"; else verdict nvdec-nvenc works "$(verdict nvdec "fails while NVDEC works: this GPU has no NVENC (as an H100)" fails)"; fi)"
  echo
  echo "| Step | What | Result | Wall s | Frames/s (wall) | Speed |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "<details><summary>nvidia-smi</summary>"
  echo
  echo '```'
  echo "$smi"
  echo '```'
  echo
  echo "</details>"
  echo
  echo "<details><summary>Commands and their last output lines</summary>"
  echo
  printf '%s\n\n' "${details[@]}"
  echo "</details>"
} >"$out"
cat "$out"
echo "written to $out" >&2
