"""Scans libraries one after the other and prints how long that took, in milliseconds.

    python3 scan-all.py BASE_URL TOKEN LIBRARY_ID...

For each library: POST /api/v1/libraries/{id}/scan (again while it answers 409, a scan still
running), then GET .../scan every 20 ms until it is idle with a new lastScanAt. One process and one
kept-alive connection for the whole run, so the polling adds at most one interval (20 ms) per library
to the measured time and hardly any load (a curl and a python start per poll added ~0.1 s each).
"""
import http.client
import json
import sys
import time
import urllib.parse

POLL_S = 0.02


def main():
    base, token, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def call(method, path):
        conn.request(method, path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        return response.status, body

    def status(library):
        code, body = call("GET", "/api/v1/libraries/%s/scan" % library)
        if code != 200:
            raise SystemExit("GET scan status of library %s: %d %s" % (library, code, body[:200]))
        data = json.loads(body)
        return data.get("state"), data.get("lastScanAt")

    start = time.monotonic()
    for library in ids:
        _, before = status(library)
        while True:
            code, body = call("POST", "/api/v1/libraries/%s/scan" % library)
            if code == 202:
                break
            if code != 409:
                raise SystemExit("POST scan of library %s: %d %s" % (library, code, body[:200]))
            time.sleep(POLL_S)
        while True:
            state, last = status(library)
            if state == "idle" and last != before:
                break
            time.sleep(POLL_S)
    print(int((time.monotonic() - start) * 1000))


if __name__ == "__main__":
    main()
