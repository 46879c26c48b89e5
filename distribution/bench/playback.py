#!/usr/bin/env python3
"""Playback benchmarks against the assembled server, each against a baseline run in the same invocation.

    distribution/bench/playback.py MARQUEE_HOME [SECONDS] [WRK_DURATION] [RUNS]   (defaults: 60, 10s, 5)

1. Makes a SECONDS-long 1920x1080 25 fps H.264 High + stereo AC-3 MP4 with ffmpeg (the common case
   of a file a browser cannot take as it is: its audio must become AAC), puts it in a
   movie library of a fresh server and waits until it is probed and its trickplay sheets are made
   (the server's own background work after a scan), so the measurements share the cores with
   nothing but the work measured.
2. Time to first HLS segment (median of RUNS): open a session, read the master and media
   playlists, fetch segment 0 of the first variant and of the default audio rendition at once.
   - remux + AAC: the default session (H.264 copied, AC-3 made AAC) against raw ffmpeg copying the
     same first segment's video and encoding its audio with the same AAC arguments, in two parallel
     processes;
   - transcode: `directStream=false` (the 1080p x264 variant) against raw ffmpeg running the same
     scale + libx264 arguments for the first segment, audio made AAC in parallel.
3. Transcode throughput: every segment of the 1080p variant fetched in order, against raw ffmpeg
   transcoding the whole file with the same arguments, alternating, median of 3 each; ratio = raw
   time / Marquee time.
4. Direct play: wrk on GET /api/v1/media/{id}/stream (signed in) against Debian's nginx serving
   the same file (sendfile on), both on 127.0.0.1, alternating, median of 3 each; ratio of bytes
   per second.

Prints `key value` lines for run-all.sh.
"""
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

home = sys.argv[1]
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
wrk_duration = sys.argv[3] if len(sys.argv) > 3 else "10s"
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
work = tempfile.mkdtemp(prefix="marquee-playback-")
children = []


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, **kwargs):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)


def timed(commands):
    """Wall time, in ms, of commands run in parallel."""
    start = time.monotonic()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]
    for p in procs:
        if p.wait() != 0:
            raise SystemExit("baseline ffmpeg failed: " + " ".join(commands[0]))
    return (time.monotonic() - start) * 1000


class Client:
    def __init__(self, base, token=None):
        self.base, self.token = base, token

    def request(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if self.token and not "token=" in path:
            headers["Authorization"] = "Bearer " + self.token
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=120) as response:
            return response.read()

    def json(self, method, path, body=None):
        raw = self.request(method, path, body)
        return json.loads(raw) if raw else None


def uris(playlist):
    return [line for line in playlist.decode().splitlines() if line and not line.startswith("#")]


def first_segment(client, query):
    """ms from opening a session to holding segment 0 of its first variant and its audio."""
    start = time.monotonic()
    opened = client.json("GET", "/api/v1/playback/%d/stream%s" % (movie, query))
    master_url = opened["stream_url"]
    base = master_url[: master_url.index("master.m3u8")]
    master = client.request("GET", master_url)
    variant = uris(master)[0]
    audio = re.search(r'TYPE=AUDIO.*DEFAULT=YES.*URI="([^"]+)"', master.decode()).group(1)
    fetched = {}

    def fetch(playlist_uri, key):
        playlist = client.request("GET", base + playlist_uri)
        stream_base = base + playlist_uri[: playlist_uri.index("index.m3u8")]
        segments = uris(playlist)
        fetched[key] = (stream_base, segments, len(client.request("GET", stream_base + segments[0])))

    threads = [threading.Thread(target=fetch, args=(variant, "video")), threading.Thread(target=fetch, args=(audio, "audio"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = (time.monotonic() - start) * 1000
    if "video" not in fetched or "audio" not in fetched:
        raise SystemExit("a first segment could not be fetched")
    return elapsed, opened["session_id"], fetched["video"]


def wrk_bytes_per_second(url, headers):
    args = ["wrk", "-t2", "-c8", "-d" + wrk_duration]
    for h in headers:
        args += ["-H", h]
    out = subprocess.run(args + [url], check=True, capture_output=True, text=True).stdout
    match = re.search(r"Transfer/sec:\s+([0-9.]+)([KMG]?B)", out)
    value, unit = float(match.group(1)), match.group(2)
    return value * {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[unit]


def cleanup(*_):
    for p in children:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
    shutil.rmtree(work, ignore_errors=True)


signal.signal(signal.SIGTERM, lambda *_: (cleanup(), sys.exit(1)))
try:
    for tool in ("ffmpeg", "ffprobe", "wrk", "nginx"):
        if not shutil.which(tool) and not os.path.exists("/usr/sbin/" + tool):
            raise SystemExit(tool + " is needed (apt-get install ffmpeg wrk nginx-light)")
    movie_dir = os.path.join(work, "library", "Bench (2020)")
    os.makedirs(movie_dir)
    source = os.path.join(movie_dir, "Bench (2020).mp4")
    log("making a %d s 1080p source..." % seconds)
    run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25:duration=%d" % seconds,
         "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=%d" % seconds,
         "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p", "-g", "50",
         "-b:v", "6M", "-c:a", "ac3", "-b:a", "192k", "-movflags", "+faststart", source])

    port = free_port()
    base = "http://127.0.0.1:%d" % port
    server = subprocess.Popen([os.path.join(home, "bin", "marquee"), "run", "--data-dir", os.path.join(work, "data"),
                               "--port", str(port), "--set", "http.host=127.0.0.1", "--set", "metadata.auto-match=false"],
                              stdout=open(os.path.join(work, "marquee.log"), "w"), stderr=subprocess.STDOUT)
    children.append(server)
    deadline = time.time() + 60
    while True:
        try:
            Client(base).request("GET", "/api/v1/system/health")
            break
        except Exception:
            if time.time() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.05)
    token = Client(base).json("POST", "/api/v1/auth/setup", {"username": "bench", "password": "bench-password-1"})["accessToken"]
    client = Client(base, token)
    library = client.json("POST", "/api/v1/libraries", {"name": "Movies", "type": "movie",
                                                        "roots": [os.path.join(work, "library")], "settings": {"watch": False}})["id"]
    client.request("POST", "/api/v1/libraries/%d/scan" % library)
    movie = None
    while movie is None:
        items = client.json("GET", "/api/v1/libraries/%d/items?limit=1" % library)["items"]
        movie = items[0]["id"] if items else None
        time.sleep(0.1)
    info = client.json("POST", "/api/v1/media/%d/playback-info" % movie, {})  # probes when not yet done
    source_info = info["sources"][0]
    log("source: %s, %s" % (source_info["method"], source_info["video"]["codec"]))
    # The server makes the file's trickplay sheets in the background once it is probed (one ffmpeg
    # decoding the whole file): measure once that is done, so neither side shares the cores with it.
    deadline = time.time() + 120
    while True:
        try:
            client.request("GET", "/api/v1/playback/%d/trickplay" % movie)
            break
        except Exception:
            if time.time() > deadline:
                raise SystemExit("the trickplay sheets were not made within 120 s")
            time.sleep(0.2)

    # the first segment's length, as the session's plan cuts it
    _, session, (stream_base, segments, _) = first_segment(client, "")
    playlist = client.request("GET", stream_base + "index.m3u8?" + segments[0].split("?")[1]).decode()
    first_length = float(re.search(r"#EXTINF:([0-9.]+),", playlist).group(1))
    client.request("DELETE", "/api/v1/sessions/" + session)

    results = {}
    for name, query, video_args in (
            ("remux", "", ["-c:v", "copy"]),
            ("transcode", "?directStream=false",
             ["-vf", "scale=-2:1080,format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
              "-b:v", "6000000", "-maxrate", "9000000", "-bufsize", "12000000"])):
        marquee, raw = [], []
        for i in range(runs):
            elapsed, session, _ = first_segment(client, query)
            client.request("DELETE", "/api/v1/sessions/" + session)
            marquee.append(elapsed)
            out_v, out_a = os.path.join(work, "v.ts"), os.path.join(work, "a.ts")
            raw.append(timed([
                ["ffmpeg", "-v", "error", "-y", "-i", source, "-map", "0:v:0"] + video_args
                + ["-an", "-t", "%.3f" % first_length, "-f", "mpegts", out_v],
                ["ffmpeg", "-v", "error", "-y", "-i", source, "-map", "0:a:0", "-c:a", "aac", "-ac", "2", "-b:a", "160k",
                 "-vn", "-t", "%.3f" % first_length, "-f", "mpegts", out_a]]))
        m, r = statistics.median(marquee), statistics.median(raw)
        results[name] = (m, r)
        print("ttfs_%s_ms %.0f" % (name, m))
        print("ttfs_%s_raw_ms %.0f" % (name, r))
        print("ttfs_%s_ratio %.2f" % (name, m / r))
        log("%s: first segment %.0f ms, raw ffmpeg %.0f ms" % (name, m, r))

    # transcode throughput: every segment of the 1080p variant, in order; alternating with raw ffmpeg
    # so that a busy moment of the machine weighs on both
    def whole_marquee():
        start = time.monotonic()
        opened = client.json("GET", "/api/v1/playback/%d/stream?directStream=false" % movie)
        master_url = opened["stream_url"]
        mbase = master_url[: master_url.index("master.m3u8")]
        variant = uris(client.request("GET", master_url))[0]
        stream_base = mbase + variant[: variant.index("index.m3u8")]
        for segment in uris(client.request("GET", mbase + variant)):
            client.request("GET", stream_base + segment)
        elapsed = time.monotonic() - start
        client.request("DELETE", "/api/v1/sessions/" + opened["session_id"])
        return elapsed

    def whole_raw():
        return timed([["ffmpeg", "-v", "error", "-y", "-i", source, "-map", "0:v:0", "-vf", "scale=-2:1080,format=yuv420p",
                       "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-b:v", "6000000",
                       "-maxrate", "9000000", "-bufsize", "12000000", "-an", "-f", "mpegts",
                       os.path.join(work, "whole.ts")]]) / 1000

    marquee_runs, raw_runs = [], []
    for _ in range(3):
        raw_runs.append(whole_raw())
        marquee_runs.append(whole_marquee())
    marquee_s, raw_s = statistics.median(marquee_runs), statistics.median(raw_runs)
    print("transcode_s %.1f" % marquee_s)
    print("transcode_raw_s %.1f" % raw_s)
    print("transcode_ratio %.2f" % (raw_s / marquee_s))
    log("whole transcode: Marquee %.1f s, raw ffmpeg %.1f s" % (marquee_s, raw_s))

    # direct play against nginx
    nginx_port = free_port()
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        # as root, nginx's workers would read the file as "nobody", which the private temp folder keeps out
        f.write(("user root;\n" if os.geteuid() == 0 else "") + """daemon off; worker_processes 2; pid %(w)s/nginx.pid; error_log %(w)s/nginx-error.log;
events { worker_connections 256; }
http { access_log off; sendfile on; tcp_nopush on; client_body_temp_path %(w)s/tmp;
  proxy_temp_path %(w)s/tmp; fastcgi_temp_path %(w)s/tmp; uwsgi_temp_path %(w)s/tmp; scgi_temp_path %(w)s/tmp;
  types { video/mp4 mp4; }
  server { listen 127.0.0.1:%(p)d; root "%(r)s"; } }
""" % {"w": work, "p": nginx_port, "r": movie_dir})
    nginx_stderr = os.path.join(work, "nginx.stderr")
    nginx = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", conf, "-p", work + "/"],
                             stdout=subprocess.DEVNULL, stderr=open(nginx_stderr, "w"))
    children.append(nginx)
    deadline = time.time() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", nginx_port), timeout=1).close()
            break
        except OSError:
            if nginx.poll() is not None or time.time() > deadline:
                raise SystemExit("nginx did not start: " + open(nginx_stderr).read())
            time.sleep(0.05)
    nginx_url = "http://127.0.0.1:%d/%s" % (nginx_port, urllib.request.quote("Bench (2020).mp4"))
    marquee_url = base + "/api/v1/media/%d/stream" % movie
    auth = ["Authorization: Bearer " + token]
    wrk_bytes_per_second(marquee_url, auth)  # warm-up
    wrk_bytes_per_second(nginx_url, [])
    # alternating, median of 3 each: one 10 s run of either swings by ±15 % on two shared cores
    marquee_runs, nginx_runs = [], []
    for _ in range(3):
        marquee_runs.append(wrk_bytes_per_second(marquee_url, auth))
        nginx_runs.append(wrk_bytes_per_second(nginx_url, []))
    marquee_bps, nginx_bps = statistics.median(marquee_runs), statistics.median(nginx_runs)
    print("directplay_mib_s %.0f" % (marquee_bps / 1024 ** 2))
    print("nginx_mib_s %.0f" % (nginx_bps / 1024 ** 2))
    print("directplay_ratio %.2f" % (marquee_bps / nginx_bps))
    log("direct play: Marquee %.0f MiB/s, nginx %.0f MiB/s" % (marquee_bps / 1024 ** 2, nginx_bps / 1024 ** 2))
    print("playback_source_seconds %d" % seconds)
finally:
    cleanup()
