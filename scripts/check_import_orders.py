"""Import order check: documents imported one by one, in any order, give the archive they give
imported all together (issue 3). The suite checks a few orders of each test set; this script
checks every order of every pair (or triple, `--size 3`) of each set's documents, which takes
minutes, and prints each order whose archive differs, with what differs.

    python scripts/check_import_orders.py                           # every set, pairs
    python scripts/check_import_orders.py --size 3 tests/documents/olsen fixtures

It works in a new SQLite file of its own, with the development settings. Exit code 1 when any
order differs. A check, not a test: its figures are the orders it found wrong.
"""

import argparse
import itertools
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_SUFFIXES = (".txt", ".xml")


def subsets(folder: Path, size: int) -> list[list[str]]:
    """Each order of each `size` documents of the folder but the sorted one (the order a
    folder imported together takes)."""
    names = sorted(p.name for p in folder.iterdir() if p.suffix in DOCUMENT_SUFFIXES)
    orders = []
    for chosen in itertools.combinations(names, min(size, len(names))):
        orders.extend(list(order) for order in itertools.permutations(chosen))
    return [order for order in orders if order != sorted(order)]


def differences(together: dict, one_by_one: dict) -> list[str]:
    lines = []
    for key in together:
        mine, theirs = set(map(str, together[key])), set(map(str, one_by_one[key]))
        for row in sorted(mine - theirs)[:3]:
            lines.append(f"    {key}, together only: {row[:160]}")
        for row in sorted(theirs - mine)[:3]:
            lines.append(f"    {key}, one by one only: {row[:160]}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="default: every test set")
    parser.add_argument("--size", type=int, default=2, help="documents imported in each order")
    args = parser.parse_args()
    folders = args.folders or sorted(
        p for p in (ROOT / "tests" / "documents").iterdir() if p.is_dir()
    )

    work = Path(tempfile.mkdtemp(prefix="filmsite-orders-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'orders.sqlite3'}"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmsite.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from reviews.importing import run_import
    from tests.factories import canonical_dump, wipe_film_data

    call_command("migrate", verbosity=0)
    logging.disable(logging.WARNING)  # a document's own warnings are the import's business

    started, checked, wrong = time.perf_counter(), 0, 0
    try:
        for folder in folders:
            for order in subsets(folder, args.size):
                documents = work / "documents"
                shutil.rmtree(documents, ignore_errors=True)
                documents.mkdir()
                for name in order:
                    shutil.copy(folder / name, documents / name)
                wipe_film_data()
                run_import([documents])
                together = canonical_dump()
                wipe_film_data()
                for name in order:
                    run_import([documents / name])
                checked += 1
                if found := differences(together, canonical_dump()):
                    wrong += 1
                    print(f"{folder.name}: {' → '.join(order)}", *found, sep="\n", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    print(f"{checked} orders checked in {seconds:.0f} s; {wrong} gave another archive")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
