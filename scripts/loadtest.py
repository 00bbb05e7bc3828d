"""Load test: gunicorn serving the imported fixtures, driven from this process over loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python scripts/loadtest.py --requests 400

Migrates and imports into the database DATABASE_URL names (SQLite in var/ if unset), starts
gunicorn on 127.0.0.1, sends a fixed mix of list, filtered-list, detail and search requests
with a few concurrent clients, bounded in count and time, and prints requests per second,
p50/p99 latency per kind and the number of answers that were not 2xx/3xx. Exit code 1 when
any answer was an error.
"""

import argparse
import html
import re
import statistics
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

from serving import gunicorn_command, manage, production_env, server

# Kinds of request and how to make them; the detail URLs come from the site's sitemap, so the
# script knows nothing of the data it serves.
LISTS = [
    ("home", "/"),
    ("list", "/films/"),
    ("list", "/reviews/"),
    ("filtered", "/reviews/?rating_min=6&date_after=2000-01-01&sequel=original&sort=highest"),
    ("filtered", "/films/?year_min=1990&sort=-rating"),
    ("filtered", "/reviews/?spoilers=hide&sort=helpful"),
]
DETAIL_PREFIXES = ("/films/", "/series/", "/people/", "/reviews/", "/reviewers/")


def locations(base: str, path: str) -> list[str]:
    """The paths (with their queries) a sitemap, or a sitemap index, lists."""
    with urllib.request.urlopen(base + path, timeout=10) as response:
        sitemap = response.read().decode()
    found = [urlparse(html.unescape(loc)) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    return [f"{url.path}?{url.query}" if url.query else url.path for url in found]


def build_mix(base: str) -> list[tuple[str, str]]:
    # The sitemap is an index: the first page of each kind's sitemap is enough here.
    sections = [path for path in locations(base, "/sitemap.xml") if "p=" not in path]
    paths = [path for section in sections for path in locations(base, section)]
    details = []
    for prefix in DETAIL_PREFIXES:
        found = [p for p in paths if p.startswith(prefix) and p != prefix]
        details += [("detail", p) for p in found[:2]]
    film = next((p for p in paths if p.startswith("/films/") and p != "/films/"), None)
    if film is None:
        raise SystemExit("the sitemap lists no film: is the archive empty?")
    word = film.strip("/").split("/")[-1].split("-")[0]
    searches = [("search", f"/search/?q={word}"), ("search", f"/reviews/?q={word}")]
    exports = [("export", "/reviews/?format=json&sort=newest&rating_min=9")]
    return LISTS + details + searches + exports


def fetch(base: str, kind: str, path: str) -> tuple[str, int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return kind, status, (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="total requests (bounded)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=120, help="stop after this long")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()

    env = production_env()
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "import_films", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    try:
        with server(gunicorn_command(args.workers), env, seconds=args.seconds + 60) as (port, _):
            base = f"http://127.0.0.1:{port}"
            mix = build_mix(base)
            plan = [mix[i % len(mix)] for i in range(args.requests)]
            stop_at = time.monotonic() + args.seconds
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                futures = [
                    pool.submit(
                        lambda k, p: fetch(base, k, p) if time.monotonic() < stop_at else None,
                        kind,
                        path,
                    )
                    for kind, path in plan
                ]
                results = [f.result() for f in futures if f.result() is not None]
            elapsed = time.perf_counter() - started
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1

    errors = [r for r in results if not 200 <= r[1] < 400]
    print(f"requests: {len(results)} in {elapsed:.2f} s = {len(results) / elapsed:.1f} req/s")
    print(f"{'kind':10} {'count':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for kind in dict.fromkeys(k for k, _ in mix):
        times = sorted(r[2] for r in results if r[0] == kind)
        if times:
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            print(f"{kind:10} {len(times):6d} {statistics.median(times):8.1f} {p99:8.1f}")
    print(f"non-2xx/3xx answers: {len(errors)}")
    for kind, status, _ in errors[:10]:
        print(f"  {kind}: HTTP {status}", file=sys.stderr)
    return 1 if errors or not results else 0


if __name__ == "__main__":
    sys.exit(main())
