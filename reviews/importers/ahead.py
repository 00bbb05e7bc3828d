"""Documents read in a second process, ahead of the loader.

Reading a document (decoding, parsing, cleaning every review's text) costs about a quarter of
an import; the loader's resolving and writing the rest. `ReadAhead` reads the files of a run in
order in a child process, which sends each document, then its further review batches, through a
bounded queue: while the loader writes one document, the next is being read on another CPU. The
child runs `open_document` itself, so a document, its batches, its warnings and its errors
(naming file and line) are what reading in the loader's own process gives, and memory stays
bounded by what the queue may hold, not by the size of a file.

The child is forked: it runs the parsers only. It never touches the database connections it
inherits, and leaves with `os._exit` (multiprocessing's way), which closes none of them. Not
`spawn`: a spawned child imports the caller's main module again, and a script that calls the
import without an `if __name__ == "__main__"` guard would start the import anew in it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from . import open_document, records
from .common import FileFacts
from .records import FilmDocument, ImportFormatError

# What the reader may hold ahead of the loader: this many messages at most (a document with its
# first batch of reviews, each further batch, the document's end), and reviews worth this many
# batches of `records.REVIEW_BATCH` at most. Many documents without reviews, few with many: the
# reader gets ahead while the loader resolves documents that are quick to read (a press kit's
# people), and the loader does not wait on a file of reviews, slower to read than to write,
# that comes next. (With four messages at most, the loader of 200,000 reviews waited for the
# reader about a tenth of its time. With 64 messages and 4 batches, the loader of a 100,000-review
# corpus waited 5.4 s in 31 for batches of its films with thousands of reviews, each slower to
# read than to write; with 256 and 16, 3.2 s in 28, the reader's memory 114 MB, not 95.)
DEPTH = 256
BATCHES_AHEAD = 16
# The room ahead is counted in units of a twentieth of a batch of reviews.
UNITS_PER_BATCH = 20
# How often the loader's process, waiting for the next message, checks the child still runs.
POLL_SECONDS = 1.0


def free_cpus() -> int:
    """CPUs this process may run on: the reading process needs one besides the loader's. Only
    on Linux, where forking is the platform's own way to start a process (macOS's system
    libraries are not safe to fork: there, and elsewhere, the import reads in its own process)."""
    if not sys.platform.startswith("linux"):
        return 1
    return len(os.sched_getaffinity(0))


def worth_it(paths: list[Path], *, min_bytes: int) -> bool:
    """Whether reading ahead pays: another CPU to read on, and enough to read (starting the
    child costs a fraction of a second)."""
    if free_cpus() < 2:
        return False
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
        if total >= min_bytes:
            return True
    return False


def _portable(error: BaseException) -> tuple:
    """An error as the loader's process can raise it again."""
    if isinstance(error, ImportFormatError):
        return ("format", error.message, error.file_name, error.line)
    if isinstance(error, OSError):
        return ("os", error.errno, error.strerror, error.filename)
    return ("other", f"{type(error).__name__}: {error}")


def _raise(portable: tuple):
    kind, *args = portable
    if kind == "format":
        message, file_name, line = args
        raise ImportFormatError(message, file_name=file_name, line=line)
    if kind == "os":
        errno, strerror, filename = args
        raise OSError(errno, strerror, filename)
    raise RuntimeError(args[0])


def _stop_if_orphaned(out) -> None:
    """The loader's process was killed: this one stops by itself."""
    parent = multiprocessing.parent_process()
    if parent is not None and not parent.is_alive():
        out.cancel_join_thread()  # nobody will read what is still buffered
        raise SystemExit(1)


def _put(out, room, message: tuple, reviews: int = 0) -> None:
    """Wait for room ahead for `reviews` reviews, then in the queue, as long as the loader's
    process lives. The message goes with the units of room it took, which the loader gives
    back when it takes the message."""
    units = -(-reviews * UNITS_PER_BATCH // records.REVIEW_BATCH)  # a part begun counts
    # A document read whole may hold more reviews than a batch: it waits for all the room.
    units = min(units, BATCHES_AHEAD * UNITS_PER_BATCH)
    for _ in range(units):
        while not room.acquire(timeout=POLL_SECONDS):
            _stop_if_orphaned(out)
    while True:
        try:
            out.put((units, *message), timeout=POLL_SECONDS)
            return
        except queue.Full:
            _stop_if_orphaned(out)


def _read(paths: list[str], out, room, batch_size: int) -> None:
    """The child: each file's document (with its first batch of reviews), its other batches,
    then its end; or an error, where the file stopped being read."""
    records.REVIEW_BATCH = batch_size
    for path in paths:
        try:
            with open_document(Path(path)) as (doc, facts):
                more, doc.more_reviews = doc.more_reviews, iter(())
                read_warnings = len(doc.warnings)
                # Pickled now: the queue's thread would pickle it later, after reading the
                # batches below has changed the document's counts and warnings.
                data = pickle.dumps((doc, replace(facts, head="")))
                _put(out, room, ("doc", path, data), len(doc.reviews))
                for batch in more:
                    _put(out, room, ("batch", batch), len(batch))
                _put(out, room, ("end", doc.warnings[read_warnings:]))
        except Exception as error:  # reported with the file; the next file is read
            _put(out, room, ("error", _portable(error)))
    # All is sent once the queue's thread has written it into the pipe, as the loader reads it.
    # The child waits for the loader to stop it (`ReadAhead.__exit__`): ending by itself, it
    # would wait for that thread, for ever if the loader was killed (with its lock on
    # PostgreSQL, through the connection it inherited).
    while True:
        time.sleep(POLL_SECONDS)
        _stop_if_orphaned(out)


class ReadAhead:
    """`with ReadAhead(paths) as reader:` then `reader.open(path)` for each path, in order, in
    place of `open_document(path)`."""

    def __init__(self, paths: list[Path]):
        self.paths = [str(path) for path in paths]
        context = multiprocessing.get_context("fork")
        self.queue = context.Queue(maxsize=DEPTH)
        self.room = context.Semaphore(BATCHES_AHEAD * UNITS_PER_BATCH)
        self.process = context.Process(
            target=_read,
            args=(self.paths, self.queue, self.room, records.REVIEW_BATCH),
            name="filmsite-read-ahead",
            daemon=True,
        )

    def __enter__(self) -> ReadAhead:
        self.process.start()
        return self

    def __exit__(self, *exc) -> None:
        self.process.kill()
        self.process.join()
        self.queue.close()
        self.queue.cancel_join_thread()

    def _next(self) -> tuple:
        while True:
            try:
                units, *message = self.queue.get(timeout=POLL_SECONDS)
                break
            except queue.Empty:
                if not self.process.is_alive():
                    raise RuntimeError(
                        f"the reading process stopped (exit code {self.process.exitcode})"
                    ) from None
        for _ in range(units):  # the reader may read further
            self.room.release()
        return tuple(message)

    @contextlib.contextmanager
    def open(self, path: Path) -> Iterator[tuple[FilmDocument, FileFacts]]:
        """The next document, which must be `path`'s."""
        message = self._next()
        if message[0] == "error":
            _raise(message[1])
        _, name, data = message
        if name != str(path):
            raise RuntimeError(f"read ahead {name}, expected {path}")
        doc, facts = pickle.loads(data)
        ended = False

        def batches() -> Iterator[list]:
            nonlocal ended
            while True:
                message = self._next()
                if message[0] == "batch":
                    doc.reviews_streamed += len(message[1])
                    yield message[1]
                    continue
                ended = True
                if message[0] == "error":
                    _raise(message[1])
                doc.warnings.extend(message[1])  # found while the rest was read
                return

        doc.more_reviews = batches()
        try:
            yield doc, facts
        finally:
            # The loader may stop halfway (an error of its own): the rest of this document's
            # messages are passed over, to reach the next document's.
            while not ended:
                message = self._next()
                ended = message[0] in ("end", "error")
