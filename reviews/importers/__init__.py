"""Parse documents of the four source formats into plain records (see records.py).

The format is detected from the content, not the name. `open_document(path)` reads a file as
a stream where its format allows (review XML and review pages: the loader takes their reviews
in batches, so memory does not grow with the file) and whole otherwise; `parse_document(name,
data)` parses bytes already in memory. Both give a FilmDocument or raise ImportFormatError
naming the file and line.
"""

import contextlib
import io
import textwrap
from collections.abc import Iterator
from pathlib import Path

from . import metadata_dump, press_kit, records, review_page, review_xml
from .common import (
    FileFacts,
    check_whole_size,
    decode,
    inspect,
    normalise_spaces,
    text_of,
    without_markdown,
)
from .records import FilmDocument, ImportFormatError

# Most specific first: XML is recognised by its root, the page by its helpful-vote lines.
PARSERS = (review_xml, review_page, press_kit, metadata_dump)
# Formats whose parser reads lines as a stream (`stream(lines)`).
STREAMED = (review_xml, review_page)
# Errors a parser may meet on odd input that are not its own: reported as the file's error.
_PARSER_SLIPS = (ValueError, IndexError, KeyError, AttributeError)


def detect_format(text: str) -> str | None:
    """The format of a document, from its start (its first quarter megabyte is enough), its
    lines indented alike or not (a copy from a PDF)."""
    text = without_markdown(textwrap.dedent(text))[0]
    for parser in PARSERS:
        if parser.looks_like(text):
            return parser.FORMAT
    return None


def _parser_for(name: str, head: str):
    format_name = detect_format(head)
    if format_name is None:
        raise ImportFormatError(
            "format not recognised (expected a metadata dump, review XML, press kit or "
            "review page)",
            file_name=name,
            line=1,
        )
    return next(p for p in PARSERS if format_name == p.FORMAT)


@contextlib.contextmanager
def _named(name: str):
    """Errors raised while reading, as the importer's error naming the file."""
    try:
        yield
    except ImportFormatError as error:
        error.file_name = name
        raise
    except _PARSER_SLIPS as error:
        raise ImportFormatError(f"could not be parsed: {error}", file_name=name) from error


def _checked(doc: FilmDocument, name: str, warnings) -> FilmDocument:
    """The document, if it names a film: by a title, an IMDb id, credits or reviews. A year and
    a budget alone would make an `Untitled film of 2003` that nothing could ever join."""
    doc.warnings[:0] = warnings
    if not (doc.title or doc.other_titles or doc.imdb_id or doc.credits or doc.reviews):
        message = (
            "the document names no film: a year, but no title, IMDb id, credits or reviews to "
            "know it by"
            if doc.year
            else "no film facts found in the document"
        )
        raise ImportFormatError(message, file_name=name, line=1)
    return doc


def parse_document(name: str, data: bytes) -> FilmDocument:
    text, warnings = decode(data, name)
    parser = _parser_for(name, text)
    with _named(name):
        return _checked(parser.parse(_unmarked(parser, text, warnings)), name, warnings)


def _unmarked(parser, text: str, warnings: list) -> str:
    """A kit's or a dump's text without Markdown's marks (a copy saved as Markdown), with a
    warning that says so; XML and pages are read as they are."""
    if parser in STREAMED:
        return text
    text, marked = without_markdown(text)
    if marked:
        warnings.append(
            records.Warning(1, "markdown", "Markdown's marks of headings and keys removed")
        )
    return text


@contextlib.contextmanager
def open_document(path: Path) -> Iterator[tuple[FilmDocument, FileFacts]]:
    """The document in a file and what its bytes tell (checksum, size), while the file is open:
    a streamed document's reviews are read from it as the loader asks for them."""
    name = str(path)
    with path.open("rb") as raw:
        facts = inspect(raw, name)
        parser = _parser_for(name, facts.head)
        raw.seek(0)
        with _named(name):
            if parser in STREAMED:
                # newline=None: `\r\n` and `\r` end lines as `\n`, as `decode` makes them.
                lines = io.TextIOWrapper(raw, encoding=facts.encoding, errors=facts.errors)
                doc = parser.stream(map(normalise_spaces, lines), records.REVIEW_BATCH)
                doc.more_reviews = _named_batches(doc.more_reviews, name)
            else:
                check_whole_size(facts.size, name)
                text = text_of(raw.read(), facts.encoding, facts.errors)
                doc = parser.parse(_unmarked(parser, text, facts.warnings))
            doc = _checked(doc, name, facts.warnings)
        yield doc, facts


def _named_batches(batches: Iterator, name: str) -> Iterator:
    with _named(name):
        yield from batches


__all__ = ["FilmDocument", "ImportFormatError", "detect_format", "open_document", "parse_document"]
