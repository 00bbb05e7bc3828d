"""Import benchmark: a generated corpus through the real import, beside a raw sqlite3 insert.

    python scripts/benchmark_import.py --films 1000 --reviews 200000

Generates the corpus (or reads --corpus DIR), imports it into a fresh SQLite file with
`manage.py import_films` in a child process, then inserts the very review rows that import
produced into a fresh table of the same shape with one `executemany`, and prints reviews per
second for both, their ratio, and the import's peak memory. Figures, not assertions.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(env, *command) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def raw_insert(source_db: Path, target_db: Path) -> tuple[int, float]:
    """executemany of the imported review rows into an empty table of the same definition."""
    with sqlite3.connect(source_db) as source:
        ddl = source.execute(
            "SELECT sql FROM sqlite_master WHERE type='table' AND name='reviews_review'"
        ).fetchone()[0]
        columns = [row[1] for row in source.execute("PRAGMA table_info(reviews_review)")]
        rows = source.execute(
            f"SELECT {', '.join(columns)} FROM reviews_review ORDER BY id"
        ).fetchall()
    ddl = ddl.replace('REFERENCES "reviews_film" ("id") DEFERRABLE INITIALLY DEFERRED', "")
    ddl = ddl.replace('REFERENCES "reviews_reviewer" ("id") DEFERRABLE INITIALLY DEFERRED', "")
    ddl = ddl.replace(
        'REFERENCES "reviews_sourcedocument" ("id") DEFERRABLE INITIALLY DEFERRED', ""
    )
    with sqlite3.connect(target_db) as target:
        target.execute("PRAGMA journal_mode=WAL")
        target.execute(ddl)
        started = time.perf_counter()
        placeholders = ", ".join("?" for _ in columns)
        target.executemany(
            f"INSERT INTO reviews_review ({', '.join(columns)}) VALUES ({placeholders})", rows
        )
        target.commit()
        return len(rows), time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--films", type=int, default=1000)
    parser.add_argument("--reviews", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder to import")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="filmsite-bench-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_URL")},
        # Production settings: DEBUG would keep every query in memory.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work / 'import.sqlite3'}",
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
    manage(env, "migrate", "--no-input", "-v0")
    seconds = manage(env, "import_films", str(corpus), "-v0")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows, raw_seconds = raw_insert(work / "import.sqlite3", work / "raw.sqlite3")

    import_rate = rows / seconds
    raw_rate = rows / raw_seconds
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"documents: {len(list(corpus.iterdir()))} files, {size / 1e6:.1f} MB")
    print(
        f"import (parse + resolve + load): {rows} reviews in {seconds:.1f} s "
        f"= {import_rate:,.0f} reviews/s"
    )
    print(
        f"raw sqlite3 executemany:        {rows} reviews in {raw_seconds:.2f} s "
        f"= {raw_rate:,.0f} reviews/s"
    )
    print(f"ratio raw / import: {raw_rate / import_rate:.1f}x (aim: within 3x)")
    print(f"peak memory of the import process: {peak_mb:.0f} MB")
    print(f"work folder: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
