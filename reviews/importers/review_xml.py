"""Crawler XML: `<movie>` with a title, an IMDb link, a year, a general score and `<review>`s.

The crawler did not escape text, so a bare `&` or `<` may stand in a review, and text copied
from HTML pages may hold HTML's named entities (`&eacute;`), which XML does not define, and its
breaks (`<br>`, `<p>`): before a strict parse, such an `&` or `<` is escaped and an HTML entity
written as the character reference of its character, with a warning, and a break becomes a
paragraph break; a CDATA section is left as it stands. No entity of
a DTD is ever expanded, no DTD is loaded, nothing is fetched, and a document with a DOCTYPE is
refused. The file is read as a stream: a review's
element is turned into a record and dropped as soon as it ends.
"""

import html.entities
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from lxml import etree

from ..text import restore_paragraphs
from .common import (
    CONTROL_CHARACTERS,
    IMDB_ID,
    crew_credits,
    list_notes,
    parse_iso_date,
    parse_numeric_date,
    parse_written_date,
    rating_in_text,
    spoiler_marker,
    title_and_year,
    warn_controls_removed,
)
from .records import REVIEW_BATCH, FilmDocument, ImportFormatError, ReviewRecord, TitleRecord
from .review_page import shown_rating

FORMAT = "review_xml"

_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# A DOCTYPE that names the root alone: no entity, no DTD to read.
_BARE_DOCTYPE = re.compile(r"<!\s*DOCTYPE\s+[\w:.-]+\s*>", re.IGNORECASE)
_SPECIAL = re.compile(r"[&<]")
# HTML's breaks in a crawled review, read as paragraph breaks (written as character references:
# new lines in the text lxml reads would move its line numbers).
_HTML_BREAK = re.compile(r"<(?:br\s*/?|/?p(?:\s[^<>]*)?)>", re.IGNORECASE)
_PARAGRAPH_BREAK = "&#10;&#10;"
# Another element is markup where the crawler writes elements, at the start of a line, or
# where it is whole on its line (`<b>bold</b>`, `<img/>`); any other `<` is text (`a<b`).
_START_TAG = re.compile(r"<([A-Za-z_][\w.-]*)(?:\s+[^<>]*?)?(/?)>")
_END_TAG = re.compile(r"</([A-Za-z_][\w.-]*)\s*>")
# The place lxml adds to an error's message: `…, line 18, column 263`.
_POSITION = re.compile(r",? line \d+, column \d+$")
# `&` with what follows it: a character reference, a named entity, or nothing of the kind.
_REFERENCE = re.compile(r"&(?:#\d{1,7};|#x[0-9A-Fa-f]{1,6};|([A-Za-z][A-Za-z0-9]{0,31});)?")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_CDATA_START, _CDATA_END = "<![CDATA[", "]]>"
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# The film's other titles, by element, and their kind (`records.TitleRecord`).
_OTHER_TITLES = {"originalTitle": "original", "alternativeTitle": "aka", "aka": "aka"}
# Elements of the film's IMDb id (`<link>` holds it in a link), and of its makers, by role.
_IMDB_ELEMENTS = frozenset({"imdbId", "imdbID", "imdb_id", "imdb"})
# The film's rating, as the crawler's `<generalScore>` or as other crawlers call it.
_SCORE_ELEMENTS = frozenset({"generalScore", "rating", "imdbRating", "averageRating", "score"})
# The attributes of `<movie>` that say what its elements would: `<movie id="tt0113277">`.
_MOVIE_ATTRIBUTES = frozenset({"id", "title", "year", *_IMDB_ELEMENTS, "link", "url", "href"})
_MAKERS = {"director": "director", "directors": "director", "writer": "writer", "writers": "writer"}
# Elements a film may have many of, each read.
_LISTS = frozenset({"genre", "genres", *_OTHER_TITLES, *_MAKERS})
# A review's elements: the crawler's, and the votes and spoiler flag some crawlers add.
_REVIEW_ELEMENTS = frozenset(
    {
        "date",
        "username",
        "score",
        "shortDescription",
        "fullReview",
        "helpful",
        "helpfulYes",
        "helpfulNo",
        "helpfulTotal",
        "spoilers",
    }
)
# What other crawlers call them: read as the element they stand for.
_REVIEW_SYNONYMS = {
    **dict.fromkeys(("author", "user", "reviewer"), "username"),
    **dict.fromkeys(("title", "summary", "headline"), "shortDescription"),
    **dict.fromkeys(("text", "content", "body", "reviewText"), "fullReview"),
    **dict.fromkeys(("rating", "userRating", "userScore"), "score"),
    **dict.fromkeys(("reviewDate", "published", "datePublished"), "date"),
    **dict.fromkeys(("spoiler", "containsSpoilers", "hasSpoilers", "isSpoiler"), "spoilers"),
    "helpfulness": "helpful",
    # Votes in an element each: for, against, in all (`<helpfulYes>3</helpfulYes>`).
    **dict.fromkeys(("helpfulVotes", "upVotes", "upvotes", "votesUp"), "helpfulYes"),
    **dict.fromkeys(("notHelpful", "downVotes", "downvotes", "votesDown"), "helpfulNo"),
    **dict.fromkeys(("totalVotes", "votesTotal", "voteCount"), "helpfulTotal"),
}
# The document's own elements: a `<` that opens or closes one of them is always markup.
_ELEMENTS = "|".join(
    sorted(
        {"movie", "title", "link", "year", "generalScore", "review", "reviews"}
        | _LISTS
        | _IMDB_ELEMENTS
        | _REVIEW_ELEMENTS
        | set(_REVIEW_SYNONYMS)
    )
)
_OWN_TAG = re.compile(rf"</?(?:{_ELEMENTS})[\s/>]")
# A `<` that may need repair: most lines hold only the document's own tags, and no `&`.
_OTHER_LESS_THAN = re.compile(rf"<(?!/?(?:{_ELEMENTS})[\s/>])")
# `12/15`, `12 out of 15`: found helpful by 12 of 15.
_HELPFUL = re.compile(r"(?P<yes>\d{1,9})\s*(?:/|of|out of)\s*(?P<total>\d{1,9})")


def looks_like(text: str) -> bool:
    head = text.lstrip()[:4096]
    return head.startswith("<") and bool(re.search(r"<movie[\s/>]", head))


class MarkupRepair:
    """Escapes, line by line, the `&` and `<` that are text and not markup, and writes HTML's
    named entities as character references; remembers across lines whether a CDATA section is
    open (its text stands as it is)."""

    def __init__(self):
        self.in_cdata = False

    def __call__(self, line: str) -> tuple[str, bool]:
        """The line repaired, and whether anything was."""
        if not (self.in_cdata or "&" in line or _OTHER_LESS_THAN.search(line)):
            return line, False
        out: list[str] = []
        changed = False
        opened: list[str] = []  # elements kept as markup on this line, to close on it
        pos = 0
        while pos < len(line):
            if self.in_cdata:
                end = line.find(_CDATA_END, pos)
                stop = len(line) if end < 0 else end + len(_CDATA_END)
                out.append(line[pos:stop])
                self.in_cdata, pos = end < 0, stop
                continue
            special = _SPECIAL.search(line, pos)
            if special is None:
                out.append(line[pos:])
                break
            out.append(line[pos : special.start()])
            pos = special.start()
            if line[pos] == "&":
                reference = _REFERENCE.match(line, pos)
                written = _reference(reference)
                changed |= written != reference.group()
                out.append(written)
                pos = reference.end()
            elif html_break := _HTML_BREAK.match(line, pos):
                out.append(_PARAGRAPH_BREAK)
                pos = html_break.end()
            elif line.startswith(_CDATA_START, pos):
                self.in_cdata = True
                out.append(_CDATA_START)
                pos += len(_CDATA_START)
            elif self._is_markup(line, pos, opened):
                out.append("<")
                pos += 1
            else:
                out.append("&lt;")
                changed = True
                pos += 1
        return "".join(out), changed

    @staticmethod
    def _is_markup(line: str, pos: int, opened: list[str]) -> bool:
        if _OWN_TAG.match(line, pos) or line.startswith(("<!--", "<?"), pos):
            return True
        line_start = not line[:pos].strip()
        if start := _START_TAG.match(line, pos):
            name, empty = start.groups()
            if empty:
                return True
            if line_start or re.search(rf"</{re.escape(name)}\s*>", line[start.end() :]):
                opened.append(name)  # its end tag on this line is markup too
                return True
            return False
        if end := _END_TAG.match(line, pos):
            if end.group(1) in opened:
                opened.remove(end.group(1))
                return True
            return line_start
        return False


def _reference(match: re.Match) -> str:
    """What an `&` and the reference it may begin are written as."""
    name = match.group(1)
    if match.group() != "&" and (name is None or name in _XML_ENTITIES):
        return match.group()  # a character reference, or one of XML's own entities
    characters = html.entities.html5.get(f"{name};") if name else None
    if characters is None:  # a bare `&`, or a name HTML does not know: text
        return "&amp;" + match.group()[1:]
    return "".join(f"&#{ord(c)};" for c in characters)


def parse(text: str) -> FilmDocument:
    """The whole document, every review read."""
    return stream(io.StringIO(text), REVIEW_BATCH).read_all()


def stream(lines: Iterable[str], batch_size: int) -> FilmDocument:
    """The document's film facts and first batch of reviews, read from `lines` (text lines with
    their line ends); the rest of its reviews are read as the loader asks for them, so memory
    does not grow with the file. Errors further on raise ImportFormatError then."""
    doc = FilmDocument(format=FORMAT)
    doc.stream_reviews(_XmlReader(doc, batch_size).records(lines), batch_size)
    return doc


class _XmlReader:
    """Feeds repaired text to lxml's pull parser and turns each `<review>` of the root (or of an
    element of the root that holds reviews: `<reviews>`) into a record as soon as it ends, then
    drops its element."""

    HEADER = frozenset(
        {"title", "link", "year", *_SCORE_ELEMENTS, *_OTHER_TITLES, *_LISTS, *_IMDB_ELEMENTS}
    )
    FEED_CHARS = 256 * 1024

    def __init__(self, doc: FilmDocument, batch_size: int):
        self.doc = doc
        self.batch_size = batch_size
        self.reviews_seen = 0
        self.parser = etree.XMLPullParser(
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            recover=False,
            remove_comments=True,
            remove_pis=True,
        )
        self.root = None
        self.wrappers: set = set()  # elements of the root that hold reviews (`<reviews>`)
        self.header_read: set[str] = set()
        self.lines_read = 0  # where an error lxml gives no line for is reported
        # A review's elements this reader has no place for: where first seen, and how often.
        self.unread: dict[str, tuple[int, int]] = {}
        self.controls = (0, 0)  # the first line with control characters removed, and how many

    def records(self, lines: Iterable[str]) -> Iterator[ReviewRecord]:
        pending: list[str] = []
        size = 0
        for text in self._checked_lines(lines):
            pending.append(text)
            size += len(text)
            if size >= self.FEED_CHARS:
                yield from self._feed("".join(pending))
                pending, size = [], 0
        yield from self._feed("".join(pending))
        try:
            self.parser.close()
        except etree.XMLSyntaxError as error:
            raise self._malformed(error) from None
        yield from self._events()
        if self.controls[1]:
            warn_controls_removed(self.doc, *self.controls)
        for tag, (line, count) in self.unread.items():
            what = f"attribute {tag[1:]}=" if tag.startswith("@") else f"element <{tag}>"
            self.doc.warn(
                line,
                "unknown_element",
                f"{what} of a review was not read ({count:,} review{'s' * (count > 1)}; "
                "the first here)",
            )

    def _malformed(self, error: etree.XMLSyntaxError) -> ImportFormatError:
        # lxml gives no line for some errors, and the one past the last for the end of data.
        line = min(error.lineno or self.lines_read, self.lines_read)
        # The position is the error's line already: lxml's `, line 18, column 263` said it twice.
        message = _POSITION.sub("", error.msg)
        return ImportFormatError(f"XML is malformed: {message}", line=line)

    def _checked_lines(self, lines: Iterable[str]) -> Iterator[str]:
        """Lines with DOCTYPEs refused, bare `&` and `<` escaped and the XML declaration blanked
        (the text is already decoded: a declared encoding must not apply again)."""
        prologue, tail = True, ""
        repair = MarkupRepair()
        for number, text in enumerate(lines, start=1):
            self.lines_read = number
            if self.root is None and _BARE_DOCTYPE.search(text):
                # `<!DOCTYPE movie>` names the root and declares nothing: left out.
                text = _BARE_DOCTYPE.sub("", text)
                self.doc.warn(
                    number, "xml_repaired", "a DOCTYPE that declares nothing was left out"
                )
            if _DOCTYPE.search(tail + text):
                raise ImportFormatError(
                    "XML with a DOCTYPE or entity declarations is refused (no entity expansion)",
                    line=number if _DOCTYPE.search(text) else number - 1,
                )
            tail = text[-64:]
            if prologue and text.strip():
                prologue = False
                text = _DECLARATION.sub("", text)
            if CONTROL_CHARACTERS.search(text):  # which XML does not allow, even escaped
                text = CONTROL_CHARACTERS.sub("", text)
                self.controls = (self.controls[0] or number, self.controls[1] + 1)
            text, repaired = repair(text)
            if repaired:
                self.doc.warn(
                    number,
                    "xml_repaired",
                    "unescaped & or < or an HTML entity in text was repaired",
                )
            yield text

    def _feed(self, text: str) -> Iterator[ReviewRecord]:
        try:
            self.parser.feed(text.encode("utf-8"))
        except etree.XMLSyntaxError as error:
            raise self._malformed(error) from None
        yield from self._events()

    def _events(self) -> Iterator[ReviewRecord]:
        for event, element in self.parser.read_events():
            if event == "start":
                if isinstance(element.tag, str) and element.tag[0] == "{":
                    # A crawler that declares a namespace of its own (`<movie xmlns="…">`): its
                    # elements are read by their names.
                    element.tag = etree.QName(element).localname
                if self.root is None:
                    self.root = element
                    if element.tag != "movie":
                        raise ImportFormatError(
                            f"root element is <{element.tag}>, not <movie>",
                            line=element.sourceline,
                        )
                    self._movie_attributes(element)
                continue
            parent = element.getparent()
            if element.tag == "review" and parent is not self.root:
                if parent is None or parent.getparent() is not self.root:
                    continue  # deeper: not the crawler's
                self.wrappers.add(parent)  # `<movie><reviews><review>`
            elif parent is not self.root:
                continue
            if element.tag == "review":
                record = _review(self.doc, element, self.unread)
                if record is not None:
                    self.reviews_seen += 1
                    yield record
            elif element.tag in self.HEADER:
                self._header(element)
            elif isinstance(element.tag, str) and element not in self.wrappers:
                self.doc.warn(
                    element.sourceline, "unknown_element", f"element <{element.tag}> was not read"
                )
            # Read: drop it, and what came before it, to keep memory flat.
            element.clear()
            while element.getprevious() is not None:
                del parent[0]

    def _movie_attributes(self, movie) -> None:
        """What `<movie>`'s attributes say of the film (`id="tt0113277"`, `year="1995"`), read
        as its elements would be (they come first: an element of the same name says better)."""
        doc = self.doc
        for name, value in movie.attrib.items():
            name = etree.QName(name).localname
            if name in ("title", "year"):
                if name == "year" and re.fullmatch(r"\d{4}", value.strip()):
                    doc.year = int(value)
                elif name == "title" and value.strip():
                    doc.title, year = title_and_year(value.strip(), doc, movie.sourceline)
                    doc.title_line, doc.year = movie.sourceline, doc.year or year
                else:
                    doc.warn(movie.sourceline, "bad_year", f"year {value!r} is not a year")
            elif name in _MOVIE_ATTRIBUTES and (imdb := IMDB_ID.search(value)):
                doc.imdb_id = imdb.group(1)
            else:
                doc.warn(
                    movie.sourceline,
                    "unknown_element",
                    f"attribute {name}= of <movie> was not read: {value!r}",
                )

    def _header(self, element) -> None:
        doc = self.doc
        if self.reviews_seen >= self.batch_size:
            doc.warn(
                element.sourceline,
                "late_element",
                f"element <{element.tag}> comes after the first {self.batch_size:,} reviews, "
                "once the film was chosen: it was not read",
            )
            return
        if element.tag in self.header_read and element.tag not in _LISTS:
            return  # the first one counts, as in a lookup (a film may have many other titles)
        self.header_read.add(element.tag)
        text = _all_text(element)
        if element.tag == "title":
            doc.title, year = title_and_year(text, doc, element.sourceline)
            doc.title_line = element.sourceline
            if year and "year" not in self.header_read:  # `<year>`, if it comes, says better
                doc.year = year
        elif element.tag in _OTHER_TITLES:
            if text:
                doc.other_titles.append(
                    TitleRecord(text, _OTHER_TITLES[element.tag], element.sourceline)
                )
        elif element.tag in ("genre", "genres"):  # `<genre>Crime</genre>`, `<genres>Crime, Drama`
            # or `<genres><genre>Crime</genre><genre>Drama</genre></genres>`
            for each in [_all_text(child) for child in element] if len(element) else [text]:
                doc.notes.extend(list_notes("genre", each, element.sourceline))
        elif element.tag == "year":
            if re.fullmatch(r"\d{4}", text):
                doc.year = int(text)
            elif text:
                doc.warn(element.sourceline, "bad_year", f"year {text!r} is not a year")
        elif element.tag == "link" or element.tag in _IMDB_ELEMENTS:
            imdb = IMDB_ID.search(text)
            if imdb:
                doc.imdb_id = imdb.group(1)
            elif element.tag != "link":
                doc.warn(element.sourceline, "bad_imdb", f"IMDb id {text!r} is not one")
        elif element.tag in _MAKERS:  # `<director>Ann Lee</director>`, `<directors>A, B`
            role = (_MAKERS[element.tag],)
            for each in [_all_text(child) for child in element] if len(element) else [text]:
                doc.credits.extend(crew_credits(each, role, element.sourceline))
        elif text:  # `<generalScore>`
            score, scale = _score(text)
            if score is None:
                doc.warn(element.sourceline, "bad_score", f"score {text!r} is not a rating")
            elif scale:
                doc.warn(element.sourceline, "score_scale", f"score {text!r} read {scale}")
            doc.imdb_rating = score


def _text(children: dict, tag: str) -> str:
    """A child's text, that of the markup in it too (`Oh <i>yah</i>`), spaces made one."""
    found = children.get(tag)
    if isinstance(found, str):  # an attribute's value
        return " ".join(found.split())
    return _all_text(found) if found is not None else ""


def _username(found) -> str:
    """The reviewer's name: the element's text, or that of its child that names (the others,
    an id or a link, are no part of it)."""
    if found is None or isinstance(found, str):
        return " ".join((found or "").split())
    named = next((child for child in found if child.tag in _NAMES), None)
    return _all_text(named if named is not None else found)


def _all_text(element) -> str:
    """An element's text and that of the markup in it, spaces made one (most elements hold
    none: their text alone is read six times faster)."""
    text = (element.text or "") if len(element) == 0 else "".join(element.itertext())
    return " ".join(text.split())


# HTML a CDATA section kept as text (`<![CDATA[…<br/>…]]>`): its breaks part paragraphs, its
# other tags of text go (their text stays).
_HTML_IN_TEXT = re.compile(
    r"<(?P<break>br\s*/?|/?p(?:\s[^<>]*)?)>|</?(?:i|b|em|strong|u|a|span|div)(?:\s[^<>]*)?>",
    re.IGNORECASE,
)


def _without_html(body: str) -> str:
    """The text of HTML in a review's text; its entities too (`&amp;`), where it holds HTML."""
    text, tags = _HTML_IN_TEXT.subn(lambda m: "\n\n" if m.group("break") else "", body)
    return html.unescape(text) if tags else text


# An entity left in text the crawler escaped twice (`Tom &amp;amp; Jerry`, `it&amp;#39;s`).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescaped_twice(text: str) -> str:
    """Text with the entities a second escaping left in it read (`&amp;` is `&`)."""
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


_OUT_OF = re.compile(r"^(?P<score>\d+(?:[.,]\d+)?)\s*/\s*(?P<scale>10|5|100)$")
# A score written as a number (`0.74`, a decimal comma's `0,74`, `-1.0`): not `NaN`, `1e1`.
_SCORE_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_STARS = re.compile(r"[★☆]+")


def _score(value: str) -> tuple[Decimal | None, str]:
    """`0.74` -> 7.4 on the 0-10 scale. A crawler of another site may write `8`, `8.3` or
    `7/10` (out of 10), `4/5`, `85/100` or `85%`, or as a page shows it, `9 out of 10` or
    `★★★★☆`: read on the 0-10 scale too, with how it was read (for a warning). None for no
    score: negative, or not a rating."""
    if value.strip().endswith("%"):  # `85%`: out of 100
        value = f"{value.strip()[:-1].strip()}/100"
    out_of = _OUT_OF.match(value.strip())
    number = out_of["score"] if out_of else value.strip()
    if not _SCORE_NUMBER.match(number):
        # In words or stars, as a page shows it: `9 out of 10`, `Rating: 8/10`, `★★★★☆`.
        said = shown_rating(value) if _STARS.fullmatch(value.strip()) else rating_in_text(value)
        return (None if said is None else said.quantize(Decimal("0.1"))), ""
    score = Decimal(number.replace(",", "."))
    if out_of:
        scale = int(out_of["scale"])
        if score > scale:
            return None, ""
        return (score * 10 / scale).quantize(Decimal("0.1")), ""
    if score < 0 or score > 10:
        return None, ""
    if score > 1:  # not a fraction: a rating out of 10
        return score.quantize(Decimal("0.1")), "as out of 10"
    return (score * 10).quantize(Decimal("0.1")), ""


# The attributes of a review's element that give its value, or part of it: votes
# (`<helpful yes="3" total="4"/>`), the scale of a score (`<rating max="5">4</rating>`).
_VOTES_FOR = ("yes", "helpful", "up", "votes")
_VOTES_OF = ("total", "of", "outOf", "out_of", "count")
_SCALE = ("max", "scale", "outOf", "out_of", "best")
# A reviewer's name, where an element or attribute of its own gives it beside others (an id, a
# link): `<user><name>ann</name><id>ur1</id></user>`, `<author name="ann"/>`.
_NAMES = ("name", "username", "userName", "displayName", "nickname", "login")


def _attributes_read(tag: str, child, unread: dict[str, tuple[int, int]]):
    """A review's element as what it holds with the attributes that say what it means
    (`<helpful yes="3" total="4"/>` is `3/4`, `<rating max="5">4</rating>` is `4/5`), or the
    element itself; any other attribute of it counted as not read."""
    attributes = dict(child.attrib)
    value = None
    if tag == "helpful":
        yes = next((attributes.pop(k) for k in _VOTES_FOR if k in attributes), None)
        total = next((attributes.pop(k) for k in _VOTES_OF if k in attributes), None)
        if yes is not None and total is not None:
            value = f"{yes.strip()}/{total.strip()}"
    elif tag == "username" and not _all_text(child):  # `<author name="ann"/>`
        value = next((attributes.pop(k) for k in _NAMES if k in attributes), None)
    elif tag == "score":
        scale = next((attributes.pop(k) for k in _SCALE if k in attributes), None)
        if scale is not None and (text := _all_text(child)):
            value = f"{text}/{scale.strip()}"
    for name in attributes:
        first, count = unread.get(f"@{name}", (child.sourceline, 0))
        unread[f"@{name}"] = (first, count + 1)
    return value if value is not None else child


def _review(doc: FilmDocument, element, unread: dict[str, tuple[int, int]]) -> ReviewRecord | None:
    line = element.sourceline
    # The review's elements by tag (the first of a tag counts), in one pass; then what its
    # attributes give that no element does (`<review date="2001-03-04" author="ann">`).
    children: dict[str, object] = {}
    for child in element:
        tag = _REVIEW_SYNONYMS.get(child.tag, child.tag) if isinstance(child.tag, str) else None
        if tag in _REVIEW_ELEMENTS:
            if tag in children:
                continue
            children[tag] = _attributes_read(tag, child, unread) if child.attrib else child
        elif isinstance(tag, str):
            first, count = unread.get(tag, (child.sourceline, 0))
            unread[tag] = (first, count + 1)
    for name, value in element.attrib.items():
        tag = _REVIEW_SYNONYMS.get(name, name)
        if tag in _REVIEW_ELEMENTS:
            children.setdefault(tag, value)
        else:
            first, count = unread.get(f"@{name}", (line, 0))
            unread[f"@{name}"] = (first, count + 1)
    body_element = children.get("fullReview")
    if isinstance(body_element, str):
        body = body_element
    else:
        body = "".join(body_element.itertext()) if body_element is not None else ""
    if "<" in body:
        body = _without_html(body)
    elif "&" in body:
        body = _unescaped_twice(body)
    if not body.strip():
        doc.warn(line, "empty_review", "review without text was skipped")
        return None
    raw_score = _text(children, "score")
    rating, scale = _score(raw_score) if raw_score else (None, "")
    if raw_score and rating is None and not raw_score.startswith("-"):
        doc.warn(line, "bad_score", f"score {raw_score!r} is not a rating")
    elif scale:
        doc.warn(line, "score_scale", f"score {raw_score!r} read {scale}")
    raw_date = _text(children, "date")
    when, ambiguous = (None, False)
    if raw_date:
        when = parse_iso_date(raw_date) or parse_written_date(raw_date)
        if when is None:
            when, ambiguous = parse_numeric_date(raw_date)
    if raw_date and when is None:
        reason = "could be either day first or month first" if ambiguous else "is not a date"
        doc.warn(line, "bad_date", f"date {raw_date!r} {reason}")
    title, spoilers = spoiler_marker(_unescaped_twice(_text(children, "shortDescription")))
    spoilers = spoilers or _text(children, "spoilers").lower() in ("true", "yes", "1")
    helpful_yes = helpful_total = None
    raw_helpful = _text(children, "helpful")
    votes = {tag: _text(children, tag) for tag in ("helpfulYes", "helpfulNo", "helpfulTotal")}
    if not raw_helpful and any(votes.values()):
        yes, no, total = votes.values()
        if yes.isdigit() and total.isdigit():
            raw_helpful = f"{yes}/{total}"
        elif yes.isdigit() and no.isdigit():
            raw_helpful = f"{yes}/{int(yes) + int(no)}"
        else:  # not understood: said so below, as it stands
            raw_helpful = ", ".join(f"{tag} {value}" for tag, value in votes.items() if value)
    if raw_helpful:
        votes = _HELPFUL.fullmatch(raw_helpful)
        if votes and int(votes["yes"]) <= int(votes["total"]):
            helpful_yes, helpful_total = int(votes["yes"]), int(votes["total"])
        else:
            doc.warn(
                line, "bad_helpful", f"helpful votes {raw_helpful!r} are not 'N/M' with N up to M"
            )
    return ReviewRecord(
        body=restore_paragraphs(body),
        line=line,
        title=title,
        has_spoilers=spoilers,
        helpful_yes=helpful_yes,
        helpful_total=helpful_total,
        username=_username(children.get("username")),
        date=when,
        rating=rating,
        rating_source="field" if rating is not None else "",
    )
