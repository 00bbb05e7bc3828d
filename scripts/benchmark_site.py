"""Serving benchmark: the site under gunicorn on an imported archive, beside references measured
in the same run.

    python scripts/benchmark_site.py --db /tmp/filmsite-bench-XXXX/import.sqlite3
    python scripts/benchmark_site.py --films 300 --reviews 60000  # the import benchmark first
    python scripts/benchmark_site.py --database-url postgres://postgres@127.0.0.1/filmsite_bench

Without --db (or with --database-url and --import-first) it first runs the import benchmark,
which generates the corpus, imports it and prints its own figures: one run, one machine. Then it
serves the archive with gunicorn (production settings) and drives it from client processes over
loopback, bounded in requests and time, with a fixed mix of URL kinds (home, film list with
filters, the film with the most reviews, the review list filtered by rating, a date range and
originals and sorted, deep pages reached by cursor, search, a JSON export). Each kind is
measured cold (a URL the page cache has not seen) and warm (the same URL again), under load
(--concurrency clients) and cold again from one client alone (the time a page takes, without
waiting for the others). It prints requests/s, p50 and p99 per kind (and p50/p99 of the lone
client), SQL queries per request, the server's peak memory, and ratios to the smallest Django
view of the site (`/healthz`), to a static file served by the same gunicorn (WhiteNoise), and,
when the `bench` extra is installed (`pip install -e '.[bench]'`), to Datasette serving the same
file over the equivalent table URL (Datasette serves SQLite files: not on PostgreSQL). Figures,
not assertions.
"""

import argparse
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from serving import Client, gunicorn_command, manage, peak_memory_mb, production_env, server

FILTERED = "/reviews/?rating_min=6&date_after=2000-01-01&date_before=2015-12-31&sequel=original"
FILTERED += "&sort=highest"
DATASETTE_FILTERED = (
    "/{db}/reviews_review?rating__gte=6&date__gte=2000-01-01&date__lte=2015-12-31"
    "&is_hidden=0&_sort_desc=rating"
)


def drive(port: int, paths: list[str]) -> list[tuple[int, float]]:
    """One client process: the paths in order over one connection."""
    client = Client(port)
    return [client.get(path)[:2] for path in paths]


def measure(port: int, paths: list[str], concurrency: int, deadline: float) -> dict:
    """Spread `paths` over `concurrency` client processes; requests/s, p50, p99, errors."""
    shares = [paths[i::concurrency] for i in range(concurrency)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=concurrency) as pool:
        results = [r for share in pool.map(drive, [port] * concurrency, shares) for r in share]
    elapsed = time.perf_counter() - started
    times = sorted(ms for _, ms in results)
    if time.monotonic() > deadline:
        raise SystemExit("the benchmark ran out of time")
    return {
        "n": len(results),
        "rps": len(results) / elapsed,
        "p50": statistics.median(times),
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
        "errors": sum(not 200 <= status < 400 for status, _ in results),
    }


def discover(port: int) -> tuple[dict[str, str], int]:
    """URLs of this archive (its most reviewed film, a word to search, deep cursor pages), and
    how many reviews that film has."""
    client = Client(port)
    top = json.loads(client.get("/films/?sort=-reviews&format=json")[2])[0]
    word = re.sub(r"[^a-z]", " ", top["title"].lower()).split()[0]
    # The last numbered page of the newest reviews, then three cursor pages past it.
    last = re.search(r"Page 1 of (\d+)", client.get("/reviews/?page=1")[2].decode())
    url = f"/reviews/?page={last.group(1) if last else 1}"
    deep = []
    for _ in range(4):
        page = client.get(url)[2].decode()
        link = re.search(r'rel="next" href="([^"]+)"', page)
        if not link:
            break
        url = "/reviews/" + html.unescape(link.group(1))
        deep.append(url)
    return {
        "home": "/",
        "films": "/films/?year_min=1990&sort=-rating",
        "film": f"/films/{top['slug']}/",
        "filtered": FILTERED,
        "deep": deep[-1] if deep else "/reviews/?page=2",
        "search": f"/search/?q={word}",
        "export": f"/reviews/?format=json&film={top['slug']}&rating_min=9",
    }, top["review_count"]


def queries_per_request(env: dict, urls: dict[str, str]) -> dict[str, int]:
    """SQL statements per page, counted in this process on the same database (cold)."""
    os.environ.update(env)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmsite.settings")
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    client, counts = DjangoClient(), {}
    for kind, url in urls.items():
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        counts[kind] = len(captured)
    return counts


def postgres_size_mb(url: str) -> float:
    import psycopg

    with psycopg.connect(url) as connection:
        size = connection.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return size / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", type=Path, help="an imported SQLite file (else the import benchmark makes one)"
    )
    parser.add_argument("--database-url", help="an imported PostgreSQL database instead")
    parser.add_argument(
        "--import-first",
        action="store_true",
        help="with --database-url: generate and import the corpus into it first (drops it)",
    )
    parser.add_argument("--films", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=500_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300, help="per URL kind and state")
    parser.add_argument("--concurrency", type=int, default=4, help="client processes")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seconds", type=float, default=900, help="stop after this long")
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds

    work = Path(tempfile.mkdtemp(prefix="filmsite-site-"))
    db = args.db or work / "import.sqlite3"
    url = args.database_url or f"sqlite:///{db.resolve()}"
    env = production_env(DATABASE_URL=url, CACHE_URL="")
    if args.db is None and (args.database_url is None or args.import_first):
        # One run: the import benchmark makes the archive (and prints its figures) first.
        command = [sys.executable, str(Path(__file__).with_name("benchmark_import.py"))]
        command += ["--films", str(args.films), "--reviews", str(args.reviews)]
        command += ["--people", str(args.people), "--work", str(work)]
        if args.database_url:
            command += ["--database-url", args.database_url]
        subprocess.run(command, check=True)
    manage(env, "migrate", "--no-input", "-v0")
    if args.database_url:
        size = f"{postgres_size_mb(url):.0f} MB"
    if not args.database_url:
        size = f"{db} ({db.stat().st_size / 1e6:.0f} MB)"
    manage(env, "collectstatic", "--no-input", "-v0")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; database: {url.split(':')[0]}, {size}"
    )

    rows, references, lone = [], {}, {}
    with server(gunicorn_command(args.workers), env, seconds=args.seconds) as (port, process):
        urls, film_reviews = discover(port)
        print(f"most reviewed film: {urls['film']} ({film_reviews} reviews)")
        for name, path in (("trivial view", "/healthz"), ("static file", "/static/css/site.css")):
            references[name] = measure(port, [path] * args.requests, args.concurrency, deadline)
        for kind, url in urls.items():
            joiner = "&" if "?" in url else "?"
            cold = [f"{url}{joiner}bench={kind}-{i}" for i in range(args.requests)]
            rows.append((kind, "cold", measure(port, cold, args.concurrency, deadline)))
            rows.append(
                (kind, "warm", measure(port, [url] * args.requests, args.concurrency, deadline))
            )
            alone = [f"{url}{joiner}bench={kind}-alone-{i}" for i in range(args.requests // 3)]
            lone[kind] = measure(port, alone, 1, deadline)
        memory, private = peak_memory_mb(process)

    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent))
    if datasette and not args.database_url:
        command = [datasette, "serve", str(db), "--port", "{port}", "--host", "127.0.0.1"]
        with server(
            command, os.environ.copy(), seconds=args.seconds, ready_path="/-/versions.json"
        ) as (
            port,
            _,
        ):
            path = DATASETTE_FILTERED.format(db=db.stem)
            count = max(args.requests // 10, 10)
            references["Datasette"] = measure(port, [path] * count, args.concurrency, deadline)

    counts = queries_per_request(env, urls)
    print(
        f"{'kind':10} {'cache':5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>4} "
        f"{'errors':>6}   one client, cold: p50 / p99 ms"
    )
    for kind, state, m in rows:
        alone = f"{lone[kind]['p50']:8.1f} / {lone[kind]['p99']:.1f}" if state == "cold" else ""
        print(
            f"{kind:10} {state:5} {m['rps']:8.1f} {m['p50']:8.1f} {m['p99']:8.1f} "
            f"{counts[kind]:4d} {m['errors']:6d}   {alone}"
        )
    for name, m in references.items():
        print(f"{name:16} {m['rps']:8.1f} req/s  p50 {m['p50']:.1f} ms  p99 {m['p99']:.1f} ms")
    filtered = {state: m for kind, state, m in rows if kind == "filtered"}
    trivial = references["trivial view"]["rps"]
    print(f"filtered list, warm / trivial view: {filtered['warm']['rps'] / trivial:.2f}")
    print(f"filtered list, cold / trivial view: {filtered['cold']['rps'] / trivial:.3f}")
    print(f"static file / trivial view: {references['static file']['rps'] / trivial:.2f}")
    if "Datasette" in references:
        ratio = filtered["cold"]["rps"] / references["Datasette"]["rps"]
        print(f"filtered list, cold / Datasette's table page: {ratio:.1f}x")
    elif args.database_url:
        print("Datasette: not measured (it serves SQLite files, this run is on PostgreSQL)")
    else:
        print("Datasette: not installed (pip install -e '.[bench]')")
    shared = (
        "the master's pages the workers were forked with"
        if args.database_url
        else "SQLite's archive is mapped read-only"
    )
    print(
        f"peak memory of a gunicorn process: {memory:.0f} MB resident, {private:.0f} MB of it "
        f"private at the end (the rest is shared: {shared})"
    )
    failed = any(m["errors"] for _, _, m in rows) or any(m["errors"] for m in lone.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
