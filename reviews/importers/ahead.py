"""Documents read in a second process, ahead of the loader.

Reading a document (decoding, parsing, cleaning every review's text) costs about a quarter of
an import; the loader's resolving and writing the rest. `ReadAhead` reads the files of a run in
order in a child process, which sends each document, then its further review batches, through a
bounded queue: while the loader writes one document, the next is being read on another CPU. The
child runs `open_document` itself, so a document, its batches, its warnings and its errors
(naming file and line) are what reading in the loader's own process gives, and memory stays
bounded by the queue, not by the size of a file.

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
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from . import open_document, records
from .common import FileFacts
from .records import FilmDocument, ImportFormatError

# Messages in flight (a document, or a batch of reviews): at most this many batches of
# `records.REVIEW_BATCH` reviews are held ahead of the loader.
DEPTH = 4
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


def _put(out, message: tuple) -> None:
    """Wait for room in the queue, as long as the loader's process lives (killed, it leaves
    this one to stop by itself)."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            out.put(message, timeout=POLL_SECONDS)
            return
        except queue.Full:
            if parent is not None and not parent.is_alive():
                out.cancel_join_thread()  # nobody will read what is still buffered
                raise SystemExit(1) from None


def _read(paths: list[str], out, batch_size: int) -> None:
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
                _put(out, ("doc", path, pickle.dumps((doc, replace(facts, head="")))))
                for batch in more:
                    _put(out, ("batch", batch))
                _put(out, ("end", doc.warnings[read_warnings:]))
        except Exception as error:  # reported with the file; the next file is read
            _put(out, ("error", _portable(error)))


class ReadAhead:
    """`with ReadAhead(paths) as reader:` then `reader.open(path)` for each path, in order, in
    place of `open_document(path)`."""

    def __init__(self, paths: list[Path]):
        self.paths = [str(path) for path in paths]
        context = multiprocessing.get_context("fork")
        self.queue = context.Queue(maxsize=DEPTH)
        self.process = context.Process(
            target=_read,
            args=(self.paths, self.queue, records.REVIEW_BATCH),
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
                return self.queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not self.process.is_alive():
                    raise RuntimeError(
                        f"the reading process stopped (exit code {self.process.exitcode})"
                    ) from None

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
