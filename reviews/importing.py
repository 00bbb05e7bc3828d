"""Run an import: files and folders in, each file whole or not at all (a transaction of its own,
or a savepoint in one that several files share), a stored run with its counts and warnings
out. The management command is a thin shell around `run_import`."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from .bulk import defer_read_indexes, restore_read_indexes
from .importers import ahead, open_document
from .importers.records import ImportFormatError
from .loader import (
    Tally,
    bump_data_version,
    delete_orphan_characters,
    load_document,
    refresh_all_review_counts,
)
from .models import DeferredIndex, ImportRun, ImportWarning, Review, SourceDocument

ADVISORY_LOCK_KEY = 7_117_407
# A long run refreshes the planner's statistics when the rows it created reach this number, then
# each time they double: planned on statistics of a much smaller archive, PostgreSQL's queries
# slowed a 500,000-review import fourfold toward its end (SQLite never analyses by itself, and
# PostgreSQL's autovacuum may be off or late).
ANALYZE_FIRST = 10_000
# A run refreshes them at its end when the rows it created are a tenth of the reviews it found
# stored or more (counted up to `BULK_ARCHIVE_MAX`: 1,000 rows at most): a file or two into a
# large archive moves no statistic (ANALYZE read the whole of a 100,000-review archive, 0.15 s,
# after any run that changed a row).
ANALYZE_SHARE = 10
# Files share a transaction until it has held about this much work. Each file is still whole or
# absent (its own transaction is a savepoint), and the commit, which writes to disk (and on
# SQLite may copy the log into the archive), comes once for many small files.
COMMIT_SECONDS = 1.0
# A run reads its files in a second process, ahead of the loader (`importers.ahead`), when they
# hold at least this much: below, starting that process costs more than it saves.
READ_AHEAD_BYTES = 8 * 2**20
# A run loads in bulk (the public pages' indexes and the review counts built once, at its end)
# into an empty archive, or into a small one that it grows tenfold: the fixtures of a first
# `make run` do not make the import of a large corpus after them 2.5 times slower. A larger
# archive is browsed: it keeps every index, whatever comes.
BULK_ARCHIVE_MAX = 10_000
BULK_GROWTH = 10
# What a review takes in the documents, rounded up (1.4 KB in the benchmark's corpus, 1.7 KB in
# the fixtures): the estimate of a run's reviews errs on the side of fewer.
BYTES_PER_REVIEW = 2_000
logger = logging.getLogger(__name__)


class ImportLocked(Exception):
    """Another import is running."""


@dataclass
class FileResult:
    path: str
    name: str = ""  # what its document is stored as (`expand_paths`)
    format: str = ""
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[dict] = field(default_factory=list)
    error: str = ""
    document_id: int | None = None  # the stored SourceDocument, once the file has been one

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class RunResult:
    files: list[FileResult]
    dry_run: bool
    run_id: int | None = None

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    def totals(self) -> dict:
        return {
            "files": len(self.files),
            "failed": sum(not f.ok for f in self.files),
            "records": sum(f.records for f in self.files),
            "created": sum(f.created for f in self.files),
            "updated": sum(f.updated for f in self.files),
            "unchanged": sum(f.unchanged for f in self.files),
            "warnings": sum(len(f.warnings) for f in self.files),
        }

    def as_dict(self) -> dict:
        return {
            "run": self.run_id,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "totals": self.totals(),
            "files": [
                {
                    "path": f.path,
                    "document": f.name,
                    "format": f.format,
                    "records": f.records,
                    "created": f.created,
                    "updated": f.updated,
                    "unchanged": f.unchanged,
                    "warnings": f.warnings,
                    "error": f.error,
                }
                for f in self.files
            ],
        }


def expand_paths(paths: Iterable[str | Path]) -> dict[Path, str]:
    """Files as given, and the files inside folders (sorted; hidden files and folders skipped),
    each with the name its document is stored under: its path inside the folder given, or its
    file name (`fixtures/` gives `000_….txt`; `corpus/` gives `heat/reviews.xml` and
    `ronin/reviews.xml`, two documents)."""
    files: dict[Path, str] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                inside = found.relative_to(path)
                if found.is_file() and not any(part.startswith(".") for part in inside.parts):
                    files.setdefault(found, inside.as_posix()[-255:])
        else:
            files.setdefault(path, path.name)
    return files


@contextlib.contextmanager
def import_lock():
    """One import at a time: a PostgreSQL advisory lock, or a lock file beside SQLite's."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            if not cursor.fetchone()[0]:
                raise ImportLocked("another import is running")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
        return
    name = str(connection.settings_dict["NAME"])
    lock_path = Path(name + ".import.lock") if "memory" not in name else None
    if lock_path is None:
        yield
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        # A POSIX record lock, not `flock`: a forked child (the reader, `importers.ahead`) does
        # not inherit it, so a killed import's lock goes with its process, even while its
        # reader lives on for a moment (an import run just after said "another import").
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # EACCES or EAGAIN: held by another process
            raise ImportLocked("another import is running") from None
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def _warning_dicts(tally: Tally) -> list[dict]:
    rows = []
    for line, code, message, subject in tally.warnings:
        subject = subject or tally.default_subject
        rows.append(
            {
                "line": line,
                "code": code,
                "message": message,
                "subject_type": subject._meta.model_name if subject is not None else "",
                "subject_id": subject.pk if subject is not None else None,
            }
        )
    return rows


def stored_document(name: str, format: str, sha256: str, size: int) -> SourceDocument:
    """The document's row, created, or updated with the time of this import (the import lock
    keeps other writers away: no locking read)."""
    values = {"format": format, "sha256": sha256, "size": size}
    source = SourceDocument.objects.filter(name=name).first()
    if source is None:
        return SourceDocument.objects.create(name=name, **values)
    for key, value in values.items():
        setattr(source, key, value)
    source.save(update_fields=[*values, "last_imported_at"])
    return source


@contextlib.contextmanager
def document_opener(files: list[Path]):
    """What opens each of `files` in turn: `open_document`, or a reader a step ahead."""
    if len(files) > 1 and ahead.worth_it(files, min_bytes=READ_AHEAD_BYTES):
        with ahead.ReadAhead(files) as reader:
            yield reader.open
    else:
        yield open_document


def import_file(
    path: Path, opener=open_document, *, name: str = "", bulk: bool = False
) -> tuple[FileResult, Tally | None]:
    """Parse and load one file in a transaction of its own (a savepoint in the caller's, when
    one is open); on any error nothing of it is kept.
    Review XML and review pages are read as they are loaded, a batch of reviews at a time.
    In a bulk load, the review counts are left to the end of the run."""
    result = FileResult(path=str(path), name=name or path.name)
    try:
        with opener(path) as (doc, facts), transaction.atomic():
            result.format = doc.format
            source = stored_document(result.name, doc.format, facts.sha256, facts.size)
            tally = load_document(doc, source, defer_counts=bulk)
            result.records = doc.record_count
        result.document_id = source.pk
    except OSError as error:
        result.error = f"{path}: cannot be read: {error.strerror or error}"
        return result, None
    except ImportFormatError as error:
        error.file_name = str(path)
        result.error = str(error)
        return result, None
    except Exception as error:  # a bug or a database refusal: this file only is rolled back
        logger.exception("import of %s failed", path)
        result.error = f"{path}: could not be imported ({type(error).__name__}: {error})"
        return result, None
    totals = tally.totals()
    result.created, result.updated, result.unchanged = (
        totals["created"],
        totals["updated"],
        totals["unchanged"],
    )
    result.warnings = _warning_dicts(tally)
    return result, tally


def run_import(
    paths: Iterable[str | Path] | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
) -> RunResult:
    names = expand_paths(paths or [settings.FIXTURES_DIR])
    files = list(names)
    with import_lock():
        if dry_run:
            return _dry_run(files, names, progress)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # The serving processes read the archive through a shared memory map; the
                # import gains nothing from one, and its resident memory would count the map.
                cursor.execute("PRAGMA mmap_size=0")
                # Fewer, larger checkpoints (64 MB of log each, not 4): a page the import writes
                # again and again (an index's) is copied into the archive once per checkpoint.
                cursor.execute("PRAGMA wal_autocheckpoint=16384")
        run = ImportRun.objects.create()
        if DeferredIndex.objects.exists():  # an import killed during a bulk load
            finish_bulk_load()
        # Unordered: in the list's order, SQLite sorted the whole archive to count a slice of
        # it (0.1 s a run on 100,000 reviews, before any file of it).
        stored = Review.objects.order_by()[:BULK_ARCHIVE_MAX].count()
        bulk = loads_in_bulk(stored, sum(_size(path) for path in files))
        with bulk_load_deferrals() if bulk else contextlib.nullcontext():
            results = _import_files(run, files, names, progress, bulk=bulk)
        changed = any(r.created or r.updated for r in results)
        if changed:
            with transaction.atomic():
                delete_orphan_characters()
        outcome = RunResult(results, dry_run=False, run_id=run.pk)
        run.status = ImportRun.Status.SUCCEEDED if outcome.ok else ImportRun.Status.FAILED
        run.finished_at = timezone.now()
        run.summary = outcome.as_dict()
        run.save()
        if changed:
            if sum(r.created for r in results) * ANALYZE_SHARE >= stored:
                refresh_planner_statistics(end_of_run=True)
            caches["pages"].clear()  # the data version moved too: this only frees memory
        return outcome


def loads_in_bulk(stored_reviews: int, incoming_bytes: int) -> bool:
    """Whether a run writes its reviews without the public pages' indexes and counts them at
    its end: into an empty archive (nobody browses an empty site), or into one of fewer than
    `BULK_ARCHIVE_MAX` reviews that the run's files, at `BYTES_PER_REVIEW` a review, grow
    `BULK_GROWTH` times over."""
    if stored_reviews == 0:
        return True
    if stored_reviews >= BULK_ARCHIVE_MAX:
        return False
    return incoming_bytes // BYTES_PER_REVIEW >= BULK_GROWTH * stored_reviews


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported when the file is read
        return 0


@contextlib.contextmanager
def bulk_load_deferrals():
    """The public pages' indexes (`reviews.bulk`) and the review counts of films and reviewers
    are built once, at the end of a bulk load. The indexes' records (`DeferredIndex`) go
    last: while any is left, an import was cut short and the next one finishes its work."""
    defer_read_indexes(Review)
    try:
        yield
    finally:
        finish_bulk_load()


def finish_bulk_load() -> None:
    with transaction.atomic():
        refresh_all_review_counts()
    restore_read_indexes()


def _import_files(
    run: ImportRun, files: list[Path], names: dict[Path, str], progress, *, bulk: bool = False
) -> list[FileResult]:
    results = []
    analysed_at, created = ANALYZE_FIRST, 0
    with document_opener(files) as opener:
        numbered = enumerate(files, start=1)
        while True:
            with transaction.atomic():  # each file's own is a savepoint in it
                commit_at = time.monotonic() + COMMIT_SECONDS
                changed = False
                for index, path in numbered:
                    if progress:
                        progress(index, len(files), path)
                    result, _ = import_file(path, opener, name=names[path], bulk=bulk)
                    results.append(result)
                    _store_warnings(run, result)
                    if (result.created or result.updated) and not changed:
                        bump_data_version()  # cached pages of the archive are out of date
                        changed = True
                    created += result.created
                    if created >= analysed_at:  # the tables grew much since the planner looked
                        refresh_planner_statistics()
                        analysed_at = 2 * created
                    if time.monotonic() >= commit_at:
                        break  # commit, and go on in a new transaction
                else:
                    break  # every file is done: commit
    return results


def refresh_planner_statistics(*, end_of_run: bool = False) -> None:
    """ANALYZE after the data changed in bulk: without statistics SQLite picks the date index
    for a list filtered by rating and sorted by rating, and sorts (100x slower on a big
    archive). PostgreSQL's autovacuum would get there, later.

    At the end of a run PostgreSQL also VACUUMs (outside a transaction: it cannot run in one).
    An index-only scan (a list's count, from the indexes that hold every column the lists
    filter on) reads the table for each page VACUUM has not yet marked all-visible: after a
    bulk load of 500,000 reviews, every page (4 s; some counts 6 ms before it, under 1 after)."""
    with connection.cursor() as cursor:
        if end_of_run and connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


def _dry_run(files: list[Path], names: dict[Path, str], progress) -> RunResult:
    results = []
    with transaction.atomic(), document_opener(files) as opener:
        for index, path in enumerate(files, start=1):
            if progress:
                progress(index, len(files), path)
            results.append(import_file(path, opener, name=names[path])[0])
        transaction.set_rollback(True)
    return RunResult(results, dry_run=True)


def _store_warnings(run: ImportRun, result: FileResult) -> None:
    """Warnings are a work queue for editors: a problem already queued by an earlier run (same
    file, line, code and message) is not queued again, so a resolved one stays resolved. The
    run's summary keeps every warning it met."""
    name = result.name
    document_id = result.document_id
    if document_id is None:  # a file that failed: the document an earlier run stored, if any
        document_id = SourceDocument.objects.filter(name=name).values_list("pk", flat=True).first()
    rows = [
        ImportWarning(
            run=run,
            document_id=document_id,
            file_name=name,
            line=w["line"],
            code=w["code"],
            message=w["message"],
            subject_type=w["subject_type"],
            subject_id=w["subject_id"],
        )
        for w in result.warnings
        if w["code"] != "film_matched"  # how a film was found: in the report, not a problem
    ]
    if result.error:
        rows.append(
            ImportWarning(run=run, file_name=name, code="file_failed", message=result.error)
        )
    if not rows:
        return
    known = set(queued_warnings(name))
    ImportWarning.objects.bulk_create(
        row for row in rows if (row.line, row.code, row.message) not in known
    )


def queued_warnings(file_name: str):
    """(line, code, message) of every warning queued for a file by any run."""
    return (
        ImportWarning.objects.filter(file_name=file_name)
        .order_by()
        .values_list("line", "code", "message")
    )
