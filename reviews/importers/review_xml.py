"""Crawler XML: `<movie>` with a title, an IMDb link, a year, a general score and `<review>`s.

The crawler did not escape text, so a bare `&` or `<` may stand in a review: it is escaped
before a strict parse, with a warning. Entities are never expanded, no DTD is loaded, nothing
is fetched, and a document with a DOCTYPE is refused.
"""

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..text import restore_paragraphs
from .common import parse_iso_date, spoiler_marker
from .records import FilmDocument, ImportFormatError, ReviewRecord

FORMAT = "review_xml"

_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_BARE_AMPERSAND = re.compile(r"&(?!(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)")
# `<` that opens no tag, comment or processing instruction.
_BARE_LESS_THAN = re.compile(r"<(?![A-Za-z_/?!])")
_IMDB_ID = re.compile(r"\b(tt\d{5,10})\b")


def looks_like(text: str) -> bool:
    head = text.lstrip()[:4096]
    return head.startswith("<") and bool(re.search(r"<movie[\s/>]", head))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
        remove_comments=True,
        remove_pis=True,
    )


def repair_bare_markup(text: str) -> tuple[str, list[int]]:
    """Escape `&` and `<` that are text, not markup. Returns the text and the lines repaired."""
    lines = []

    def note(match: re.Match, replacement: str) -> str:
        lines.append(text.count("\n", 0, match.start()) + 1)
        return replacement

    text = _BARE_AMPERSAND.sub(lambda m: note(m, "&amp;"), text)
    text = _BARE_LESS_THAN.sub(lambda m: note(m, "&lt;"), text)
    return text, sorted(set(lines))


def parse(text: str) -> FilmDocument:
    doc = FilmDocument(format=FORMAT)
    doctype = _DOCTYPE.search(text)
    if doctype:
        raise ImportFormatError(
            "XML with a DOCTYPE or entity declarations is refused (no entity expansion)",
            line=text.count("\n", 0, doctype.start()) + 1,
        )
    text, repaired = repair_bare_markup(text)
    for line in repaired:
        doc.warn(line, "xml_repaired", "unescaped & or < in text was escaped")
    # Parse the text as UTF-8 bytes without its declaration: the encoding is already decoded.
    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", text).encode("utf-8")
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as error:
        raise ImportFormatError(f"XML is malformed: {error.msg}", line=error.lineno) from None
    if root.tag != "movie":
        raise ImportFormatError(f"root element is <{root.tag}>, not <movie>", line=root.sourceline)

    doc.title = _text(root, "title")
    doc.title_line = _line(root, "title")
    year = _text(root, "year")
    if re.fullmatch(r"\d{4}", year):
        doc.year = int(year)
    elif year:
        doc.warn(_line(root, "year"), "bad_year", f"year {year!r} is not a year")
    imdb = _IMDB_ID.search(_text(root, "link"))
    if imdb:
        doc.imdb_id = imdb.group(1)
    score = _score(_text(root, "generalScore"))
    if score is not None:
        doc.imdb_rating = score
    for element in root.iterfind("review"):
        _review(doc, element)
    known = {"title", "link", "year", "generalScore", "review"}
    for child in root:
        if isinstance(child.tag, str) and child.tag not in known:
            doc.warn(child.sourceline, "unknown_element", f"element <{child.tag}> was not read")
    return doc


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def _line(element, tag: str) -> int | None:
    found = element.find(tag)
    return found.sourceline if found is not None else None


def _score(value: str) -> Decimal | None:
    """`0.74` -> 7.4 on the 0-10 scale; negative means no score."""
    try:
        score = Decimal(value)
    except InvalidOperation:
        return None
    if score < 0 or score > 1:
        return None
    return (score * 10).quantize(Decimal("0.1"))


def _review(doc: FilmDocument, element) -> None:
    line = element.sourceline
    body_element = element.find("fullReview")
    body = "".join(body_element.itertext()) if body_element is not None else ""
    if not body.strip():
        doc.warn(line, "empty_review", "review without text was skipped")
        return
    raw_score = _text(element, "score")
    rating = _score(raw_score) if raw_score else None
    if raw_score and rating is None and not raw_score.startswith("-"):
        doc.warn(line, "bad_score", f"score {raw_score!r} is not between 0 and 1")
    raw_date = _text(element, "date")
    when = parse_iso_date(raw_date) if raw_date else None
    if raw_date and when is None:
        doc.warn(line, "bad_date", f"date {raw_date!r} is not a date")
    title, spoilers = spoiler_marker(_text(element, "shortDescription"))
    doc.reviews.append(
        ReviewRecord(
            body=restore_paragraphs(body),
            line=line,
            title=title,
            has_spoilers=spoilers,
            username=_text(element, "username"),
            date=when,
            rating=rating,
            rating_source="field" if rating is not None else "",
        )
    )
