"""Parse documents of the four source formats into plain records (see records.py).

`parse_document(name, data)` detects the format from the content, not the name, and returns a
FilmDocument, or raises ImportFormatError naming the file and line.
"""

from . import metadata_dump, press_kit, review_page, review_xml
from .common import decode
from .records import FilmDocument, ImportFormatError

# Most specific first: XML is recognised by its root, the page by its helpful-vote lines.
PARSERS = (review_xml, review_page, press_kit, metadata_dump)


def detect_format(text: str) -> str | None:
    for parser in PARSERS:
        if parser.looks_like(text):
            return parser.FORMAT
    return None


def parse_document(name: str, data: bytes) -> FilmDocument:
    text, warnings = decode(data, name)
    format_name = detect_format(text)
    if format_name is None:
        raise ImportFormatError(
            "format not recognised (expected a metadata dump, review XML, press kit or "
            "review page)",
            file_name=name,
            line=1,
        )
    parser = next(p for p in PARSERS if format_name == p.FORMAT)
    try:
        doc = parser.parse(text)
    except ImportFormatError as error:
        error.file_name = name
        raise
    except (ValueError, IndexError, KeyError, AttributeError) as error:  # a parser bug or odd input
        raise ImportFormatError(f"could not be parsed: {error}", file_name=name) from error
    doc.warnings[:0] = warnings
    if not (doc.title or doc.year or doc.reviews or doc.credits):
        raise ImportFormatError("no film facts found in the document", file_name=name, line=1)
    return doc


__all__ = ["FilmDocument", "ImportFormatError", "detect_format", "parse_document"]
