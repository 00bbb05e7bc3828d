"""Import benchmark: a generated corpus through the real import, beside raw inserts of the same
review rows.

    python scripts/benchmark_import.py --films 1000 --reviews 200000
    python scripts/benchmark_import.py --corpus DIR --database-url postgres://postgres@127.0.0.1/x

Generates the corpus (or reads --corpus DIR), imports it with `manage.py import_films` in a
child process into a fresh database (a new SQLite file, or the PostgreSQL database named by
--database-url, dropped and created again), then inserts the very review rows that import
produced with one `executemany`: into a bare table of the same columns (the reference of
issue 7), and into an empty copy of the site's own review table with its indexes and full-text
index; on SQLite also into a bare table with the archive's page size, whose indexes and
full-text index are then built after the rows, as a first load does. It prints reviews per
second for each, the ratios, the import's CPU time and peak memory (its processes together: it
reads ahead in a second one), and the CPU time of reading alone (every document decoded and
parsed in one process, with no database) beside the CPU time the aim leaves.
Figures, not assertions.
"""

import argparse
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from serving import process_tree, status_mb

ROOT = Path(__file__).resolve().parent.parent


def manage(env, *command) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def manage_sampled(env, *command) -> tuple[float, float]:
    """Seconds, and the peak of the resident memory of the command's processes together
    (the import reads ahead in a second process), sampled every 0.2 s."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "manage.py", *command], cwd=ROOT, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(status_mb(pid, "VmRSS") for pid in process_tree(process.pid)))
        time.sleep(0.2)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return time.perf_counter() - started, peak


# Reading alone: every document decoded and parsed, its reviews cleaned, in one process and
# with no database; the CPU seconds it takes.
READ_ALONE = """
import sys, time
from pathlib import Path
import django
django.setup()
from reviews.importers import open_document
started = time.process_time()
for path in sorted(Path(sys.argv[1]).iterdir()):
    with open_document(path) as (document, _):
        for _ in document.more_reviews:
            pass
print(time.process_time() - started)
"""


def reading_alone(env, corpus: Path) -> float:
    """CPU seconds to read every document of the corpus, as the import does, without loading."""
    done = subprocess.run(
        [sys.executable, "-c", READ_ALONE, str(corpus)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "filmsite.settings"},
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[-1])


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_executemany(connection, table: str, columns: list[str], rows, mark: str) -> float:
    placeholders = ", ".join(mark for _ in columns)
    started = time.perf_counter()
    with connection:  # one transaction, committed
        connection.cursor().executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows
        )
    return time.perf_counter() - started


@dataclass
class References:
    """Seconds to insert the import's review rows with one `executemany`."""

    rows: int
    bare: float  # into a bare table of the same columns (the reference of issue 7)
    schema: float  # into an empty copy of the site's table, its indexes live
    paged: float | None = None  # SQLite: bare, in a file with the archive's page size
    # SQLite: the same, then the site's indexes and full-text index built once, after the rows
    # (what a first load does): the least its writes of reviews can cost.
    built_after: float | None = None


def sqlite_references(database: Path, env: dict, work: Path) -> References:
    with sqlite3.connect(database) as source:
        ddl = source.execute(
            "SELECT sql FROM sqlite_master WHERE type='table' AND name='reviews_review'"
        ).fetchone()[0]
        index_ddl = [
            sql
            for (sql,) in source.execute(
                "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='reviews_review' "
                "AND sql IS NOT NULL"
            )
        ]
        full_text_ddl = source.execute(
            "SELECT sql FROM sqlite_master WHERE name='reviews_review_fts'"
        ).fetchone()[0]
        columns = [row[1] for row in source.execute("PRAGMA table_info(reviews_review)")]
        rows = source.execute(
            f"SELECT {', '.join(columns)} FROM reviews_review ORDER BY id"
        ).fetchall()
        archive_page_size = source.execute("PRAGMA page_size").fetchone()[0]
    for table in ("film", "reviewer", "sourcedocument"):
        ddl = ddl.replace(f'REFERENCES "reviews_{table}" ("id") DEFERRABLE INITIALLY DEFERRED', "")
    timings = []
    # SQLite as it comes (the reference of issue 7), then with the archive's own page size.
    for page_size in (None, archive_page_size):
        bare = work / "raw.sqlite3"
        for path in work.glob("raw.sqlite3*"):
            path.unlink()
        with sqlite3.connect(bare) as target:
            if page_size:
                target.execute(f"PRAGMA page_size={page_size}")
            target.execute("PRAGMA journal_mode=WAL")
            target.execute(ddl)
        target = sqlite3.connect(bare)
        timings.append(timed_executemany(target, "reviews_review", columns, rows, "?"))
        target.close()
    plain_seconds, paged_seconds = timings
    # The file of the second insert gets the indexes and the full-text index.
    started = time.perf_counter()
    with sqlite3.connect(bare) as target:
        for sql in index_ddl:
            target.execute(sql)
        target.execute(full_text_ddl)
        target.execute(
            'INSERT INTO "reviews_review_fts" ("reviews_review_fts") VALUES (\'rebuild\')'
        )
    built_seconds = paged_seconds + time.perf_counter() - started
    schema = work / "schema.sqlite3"
    manage({**env, "DATABASE_URL": f"sqlite:///{schema}"}, "migrate", "--no-input", "-v0")
    target = sqlite3.connect(schema)
    target.execute("PRAGMA foreign_keys=OFF")  # the films and reviewers are not there
    schema_seconds = timed_executemany(target, "reviews_review", columns, rows, "?")
    target.close()
    return References(
        len(rows), plain_seconds, schema_seconds, paged=paged_seconds, built_after=built_seconds
    )


def postgres_references(url: str) -> References:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        columns = [
            name
            for (name,) in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = "
                "'reviews_review' AND is_generated = 'NEVER' ORDER BY ordinal_position"
            )
        ]
        rows = connection.execute(
            f"SELECT {', '.join(columns)} FROM reviews_review ORDER BY id"
        ).fetchall()
        connection.execute("DROP TABLE IF EXISTS bench_bare, bench_schema")
        # Columns and defaults only; then one with every index of the site's table.
        connection.execute("CREATE TABLE bench_bare (LIKE reviews_review INCLUDING DEFAULTS)")
        connection.execute("CREATE TABLE bench_schema (LIKE reviews_review INCLUDING ALL)")
    timings = []
    for table in ("bench_bare", "bench_schema"):
        with psycopg.connect(url) as connection:
            timings.append(timed_executemany(connection, table, columns, rows, "%s"))
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE bench_bare, bench_schema")
    return References(len(rows), timings[0], timings[1])


def fresh_postgres(url: str) -> None:
    """Drop and create the database the URL names (connecting to `postgres` to do it)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--films", type=int, default=1000)
    parser.add_argument("--reviews", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder to import")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to import into (dropped and created again); "
        "default: a new SQLite file in the work folder",
    )
    parser.add_argument("--work", type=Path, help="the folder to work in (default: a new one)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="filmsite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    database = work / "import.sqlite3"
    url = args.database_url or f"sqlite:///{database}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_URL")},
        # Production settings: DEBUG would keep every query in memory.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": url,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    corpus = args.corpus
    if corpus is None:
        corpus = work / "corpus"
        seconds = manage(
            env,
            "generate_corpus",
            str(corpus),
            "--films",
            str(args.films),
            "--reviews",
            str(args.reviews),
            "--people",
            str(args.people),
        )
        print(f"corpus: {args.films} films, {args.reviews} reviews generated in {seconds:.1f} s")
    size = sum(p.stat().st_size for p in corpus.iterdir())
    if args.database_url:
        fresh_postgres(args.database_url)
    manage(env, "migrate", "--no-input", "-v0")
    cpu_before = children_cpu()
    seconds, tree_peak_mb = manage_sampled(env, "import_films", str(corpus), "-v0")
    import_cpu = children_cpu() - cpu_before
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    read_cpu = reading_alone(env, corpus)
    if args.database_url:
        references = postgres_references(args.database_url)
        engine = "PostgreSQL"
    else:
        references = sqlite_references(database, env, work)
        engine = f"SQLite {sqlite3.sqlite_version} (WAL)"
    rows, bare_seconds, schema_seconds = references.rows, references.bare, references.schema

    import_rate = rows / seconds
    bare_rate, schema_rate = rows / bare_seconds, rows / schema_seconds
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; database: {engine}"
    )
    print(f"documents: {len(list(corpus.iterdir()))} files, {size / 1e6:.1f} MB")
    print(
        f"import (parse + resolve + load):   {rows} reviews in {seconds:8.1f} s "
        f"= {import_rate:9,.0f} reviews/s"
    )
    print(
        f"executemany into a bare table:     {rows} reviews in {bare_seconds:8.2f} s "
        f"= {bare_rate:9,.0f} reviews/s"
    )
    if references.paged is not None:
        print(
            f"  the same with the archive's pages: {references.paged:8.2f} s "
            f"= {rows / references.paged:9,.0f} reviews/s (ratio to the import: "
            f"{seconds / references.paged:.1f}x)"
        )
    if references.built_after is not None:
        print(
            f"  then the site's indexes and full-text index built: {references.built_after:8.2f} s"
            f" in all ({references.built_after / bare_seconds:.1f}x the bare table: the least "
            "a first load's review writes cost)"
        )
    print(
        f"executemany into the site's table: {rows} reviews in {schema_seconds:8.2f} s "
        f"= {schema_rate:9,.0f} reviews/s (its indexes and full-text index)"
    )
    print(f"ratio bare table / import: {bare_rate / import_rate:.1f}x (aim: within 3x)")
    print(f"ratio site's table / import: {schema_rate / import_rate:.1f}x")
    print(f"ratio bare table / site's table: {bare_rate / schema_rate:.1f}x")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"CPU time of the import: {import_cpu:.1f} s in its processes together "
        f"({cpus} CPUs for {seconds:.1f} s)"
    )
    print(
        f"reading alone (decoding and parsing every document, no database, one process): "
        f"{read_cpu:.1f} s of CPU = {read_cpu / bare_seconds:.1f}x the bare table; the aim "
        f"leaves {3 * bare_seconds * cpus:.1f} s of CPU ({cpus} CPUs for 3x the bare table)"
    )
    print(
        f"peak memory of the import: {tree_peak_mb:.0f} MB its processes together (sampled), "
        f"{peak_mb:.0f} MB the largest alone"
    )
    print(f"work folder: {work}")
    for path in work.glob("*.sqlite3*"):
        if path.name.startswith(("raw.", "schema.")):
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
