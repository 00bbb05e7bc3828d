"""Helpers the format parsers share: decoding, dates, money, key/value lines."""

import codecs
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from ..text import fold
from .records import (
    CertificateRecord,
    CreditRecord,
    FilmDocument,
    ImportFormatError,
    MoneyRecord,
    NoteRecord,
    RuntimeRecord,
    TitleRecord,
    Warning,
)

# Formats read whole (metadata dumps, press kits: one film's facts) are refused above this size;
# review XML and review pages are read as a stream and have no limit.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# Formats are told apart from the start of a file.
HEAD_BYTES = 256 * 1024
READ_CHUNK = 64 * 1024
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f]")
# What Windows editors save as "Unicode": text whose every other byte may be NUL.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)  # (the first opens as UTF-16's)


def _utf16_without_bom(start: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` for text of that encoding with no byte order mark (a NUL
    beside every character of the Latin alphabet, on the same side each time); else None."""
    sample = start[:1024]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for codec, nuls, text in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls.count(0) >= 0.9 * len(nuls) and not text.count(0):
            return codec
    return None


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# The months as a page may write them, whole or cut short (`Jul`, `Sept.`).
MONTH_FORMS = rf"(?:{MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(MONTHS.split("|"), start=1)}
# `30 August 1996`, `30 Aug. 1996`; `August 30, 1996`, `Sept 30 1996`.
_MONTH_WORD = r"(?P<month>[A-Z][a-z]{2,8})\.?"
# A day may be written as an ordinal: `15th October 2004`, `October 15th, 2004`, `1st of May`.
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# `30 August 1996`, `30 August, 1996`, and as a form writes it, `30-Aug-1996`.
_DAY_FIRST = re.compile(rf"\b{_DAY}(?:\s+(?:of\s+)?|-){_MONTH_WORD}(?:,?\s+|-)(?P<year>\d{{4}})\b")
_MONTH_FIRST = re.compile(rf"\b{_MONTH_WORD}\s+{_DAY},?\s+(?P<year>\d{{4}})\b")
# `105 min`, `1h 45min`, `2 hours`; `1:45`.
_RUNTIME = re.compile(
    r"^(?:(?P<hours>\d{1,2})\s*(?:h|hrs?|hours?)\.?\s*)?"
    r"(?:(?P<minutes>\d{1,3})\s*(?:m|mins?|mn|minutes|['’′])\.?)?$",
    re.IGNORECASE,
)
# `1:45`, with its seconds, `1:45:00`, and as European kits write it, `1h45`.
_CLOCK = re.compile(
    r"^(?P<hours>\d{1,2})(?::|\s*h\s*)(?P<minutes>[0-5]\d)(?::[0-5]\d)?$", re.IGNORECASE
)
# What may stand before a runtime, or after it: `approx. 96 min`, `c. 96 min`, `96 minutes
# approx.`.
_ABOUT = re.compile(
    r"^(?:approx(?:imately|\.)?|about|c(?:a)?\.)\s*|(?<![\s,])[\s,]*approx(?:imately|\.)?$",
    re.IGNORECASE,
)


@dataclass
class FileFacts:
    """What one pass over a file's bytes tells: enough to refuse it, and how to read it."""

    sha256: str
    size: int
    encoding: str
    warnings: list[Warning]
    head: str  # the decoded start of the file (all of it when small), for format detection
    errors: str = "replace"  # how bytes the encoding does not read are read


# A file that is not all UTF-8 is most often UTF-8 with a few bytes of Windows-1252 pasted in
# (`Søren` written right, `S\xf8ren` in a line from elsewhere), or all Windows-1252: read as
# UTF-8, each byte that is not is read as Windows-1252. (The other way round would turn every
# `ø` of the UTF-8 lines into `Ã¸`.)
WINDOWS_1252_BYTES = "filmsite-windows-1252-bytes"


def _windows_1252_bytes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error(WINDOWS_1252_BYTES, _windows_1252_bytes)


def inspect(stream: BinaryIO, file_name: str) -> FileFacts:
    """Read the bytes once, in chunks: checksum, size, the checks that refuse a file (empty,
    binary, gzip), and its encoding: UTF-16 or UTF-32 when it begins with its byte order mark
    (UTF-16 when its NULs say so without one), UTF-8
    (with or without BOM), the encoding an XML declaration names, or else UTF-8 with the bytes
    that are not read as Windows-1252, with a warning naming the first line that is not UTF-8."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    size = lines_before = 0
    blank, bad_line, utf16, unmarked, utf32 = True, None, False, None, False
    head = b""
    while chunk := stream.read(READ_CHUNK):
        if not size and chunk[:2] == b"\x1f\x8b":
            raise ImportFormatError("gzip-compressed input is not accepted", file_name=file_name)
        if not size:
            utf32 = chunk[:4] in _UTF32_BOMS
            unmarked = None if chunk[:2] in _UTF16_BOMS else _utf16_without_bom(chunk)
            # (`utf16`: an encoding of wide characters, UTF-32's too, not checked as UTF-8)
            utf16 = utf32 or chunk[:2] in _UTF16_BOMS or unmarked is not None
        if not size and not utf16 and b"\x00" in chunk[:8192]:
            raise ImportFormatError("file is binary (it holds NUL bytes)", file_name=file_name)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        # A byte order mark alone, with white space, is an empty file too.
        blank = blank and not (chunk if size else chunk.removeprefix(codecs.BOM_UTF8)).strip()
        digest.update(chunk)
        size += len(chunk)
        if bad_line is None and not utf16:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError as error:
                bad_line = lines_before + chunk[: max(error.start, 0)].count(b"\n") + 1
            lines_before += chunk.count(b"\n")
    if blank:
        raise ImportFormatError("file is empty", file_name=file_name)
    if bad_line is None and not utf16:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:  # the file ends inside a character
            bad_line = lines_before + 1
    encoding = "utf-32" if utf32 else "utf-16" if utf16 else "utf-8-sig"
    errors, warnings = "replace", []
    if unmarked:
        encoding = unmarked
        order = "little" if unmarked.endswith("le") else "big"
        warnings.append(
            Warning(1, "no_bom", f"UTF-16 with no byte order mark: read as {order}-endian")
        )
    if bad_line is not None:
        encoding = declared_encoding(head) or encoding
        if encoding == "utf-8-sig":
            errors = WINDOWS_1252_BYTES
        if encoding == "utf-8-sig" and not _declares_latin(head):  # declared, it is as said
            warnings.append(
                Warning(
                    bad_line,
                    "not_utf8",
                    "file is not valid UTF-8: what is not (from this line) read as Windows-1252",
                )
            )
    # A character cut by the end of the head is left out, not replaced.
    text = normalise_newlines(codecs.getincrementaldecoder(encoding)(errors).decode(head))
    if utf16 and not text.strip():
        raise ImportFormatError("file is empty", file_name=file_name)
    controls = len(_CONTROLS.findall(text, 0, 8192))
    if controls > 8:
        raise ImportFormatError("file is binary (control characters)", file_name=file_name)
    return FileFacts(digest.hexdigest(), size, encoding, warnings, text, errors)


_XML_DECLARATION = re.compile(
    rb"""^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']"""
)


def _declares_latin(head: bytes) -> bool:
    """Whether an XML declaration names Latin-1 or Windows-1252 (read as the latter)."""
    declared = _XML_DECLARATION.match(head)
    try:
        return bool(declared) and codecs.lookup(declared.group(1).decode()).name in (
            "iso8859-1",
            "cp1252",
        )
    except LookupError:
        return False


def declared_encoding(head: bytes) -> str | None:
    """The encoding an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-2"?>`)
    for a file that is not UTF-8; None for none, or for one that Windows-1252, the fallback,
    reads as well or better (ASCII, Latin-1: text declared Latin-1 is mostly Windows-1252, whose
    quotes and dashes Latin-1 has as control characters; browsers read it so too)."""
    declared = _XML_DECLARATION.match(head)
    if declared is None:
        return None
    try:
        name = codecs.lookup(declared.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name in ("ascii", "iso8859-1", "cp1252") or name.startswith("utf"):
        return None
    return name


# Spaces a copy from a web page or a word processor holds (a no-break space, a thin one, an
# ideographic one) are spaces; zero-width ones are nothing: `31\u00a0Reviews` is `31 Reviews`.
_SPACES = str.maketrans(
    dict.fromkeys(
        "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000",
        " ",
    )
    | dict.fromkeys("\u200b\u2060\ufeff", None)
)


def normalise_spaces(text: str) -> str:
    return text.translate(_SPACES)


def normalise_newlines(text: str) -> str:
    """`\r\n` and `\r` line ends as `\n`, and every kind of space as a space
    (`normalise_spaces`)."""
    return normalise_spaces(text.replace("\r\n", "\n").replace("\r", "\n"))


# A document copied as Markdown (a kit saved from a web page): headings marked with `#`, keys in
# bold (`**Year:** 1957`, `**Year**: 1957`).
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S)", re.MULTILINE)
_MARKDOWN_KEY = re.compile(r"^(\*\*|__)(?P<key>[^*_\n]{1,60}?)\1", re.MULTILINE)


# A document that opens with a heading of Markdown: `# Heat (1995)`.
_OPENING_HEADING = re.compile(r"^\s*#{1,6} +\S")


def without_markdown(text: str) -> tuple[str, bool]:
    """The text without the marks of Markdown over its headings and keys, and whether it had
    any: when two lines or more are so marked (a review's `#1` or `**great**` is its own), or
    its first line is a heading."""
    marked = len(_MARKDOWN_HEADING.findall(text, 0, 20_000)) + len(
        _MARKDOWN_KEY.findall(text, 0, 20_000)
    )
    if marked < 2 and not _OPENING_HEADING.match(text):
        return text, False
    return _MARKDOWN_KEY.sub(r"\g<key>", _MARKDOWN_HEADING.sub("", text)), True


def check_whole_size(size: int, file_name: str) -> None:
    """A document read whole must fit the limit."""
    if size > MAX_DOCUMENT_BYTES:
        raise ImportFormatError(
            f"file is {size:,} bytes, over the limit of {MAX_DOCUMENT_BYTES:,}",
            file_name=file_name,
        )


def text_of(data: bytes, encoding: str, errors: str = "replace") -> str:
    return normalise_newlines(data.decode(encoding, errors=errors))


def decode(data: bytes, file_name: str) -> tuple[str, list[Warning]]:
    """Bytes to text with `\\n` line ends (see `inspect` for what is refused and how the
    encoding is chosen)."""
    check_whole_size(len(data), file_name)
    facts = inspect(io.BytesIO(data), file_name)
    return text_of(data, facts.encoding, facts.errors), facts.warnings


def parse_written_date(text: str) -> date | None:
    """The first date written out in `text`: `30 August 1996`, `30 Aug 1996`, `August 30, 1996`,
    `30th August 1996`, as ISO writes it, `1996-08-30`, or in numbers, `30/08/1996`; None
    when there is none, it does not exist, or its numbers can be read either way."""
    for pattern in (_DAY_FIRST, _MONTH_FIRST, _ISO_DATE):
        for match in pattern.finditer(text):
            month = (
                month_number(match["month"]) if pattern is not _ISO_DATE else int(match["month"])
            )
            if month is None:
                continue
            try:
                return date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                return None
    if numeric := _NUMERIC_DATE_IN.search(text):
        # `16/09/2005`, `16.09.2005`: the day first or the month, whichever alone can be; when
        # either can (`05/06/1995`), no date (the text is kept as written).
        return parse_numeric_date(numeric[0])[0]
    return None


_ISO_DATE = re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<month>\d\d?)-(?P<day>\d\d?)\b")
_NUMERIC_DATE_IN = re.compile(r"\b\d{1,2}([./])\d{1,2}\1(?:1[89]|20)\d\d\b")


def month_number(word: str) -> int | None:
    """`August`, `Aug`, `Sept` -> 8, 8, 9."""
    word = word.lower()
    return next((n for name, n in _MONTH_NUMBERS.items() if name.startswith(word)), None)


IMDB_ID = re.compile(r"\b(tt\d{5,10})\b")
# The keys of a film's IMDb id or link, or of its rating there (`IMDb RATING: 7.4/10`).
IMDB_KEYS = {
    "imdb", "imdb id", "imdb link", "imdb url", "imdb page", "link", "url",
    "imdb rating", "imdb user rating", "imdb score", "user rating", "imdb users",
}  # fmt: skip
_IMDB_RATING = re.compile(r"^(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:/\s*10\b|out of 10\b|(?=\s|\(|$))")


def read_imdb_field(doc: FilmDocument, key: str, value: str, number: int) -> None:
    """An `IMDb …:` field of a dump or a kit: the film's IMDb id or rating, or a warning."""
    imdb_id, rating = imdb_facts(value)
    if imdb_id:
        doc.imdb_id = imdb_id
    elif rating is not None:
        doc.imdb_rating = rating
    else:
        doc.warn(number, "unknown_field", f"field {key.strip()!r} was not understood: {value!r}")


def imdb_facts(value: str) -> tuple[str, Decimal | None]:
    """The IMDb id (`tt0000001`, of a link too) and the rating out of 10 (`7.4/10 (51K)`, `7,4`)
    an `IMDb …:` field gives."""
    found = IMDB_ID.search(value)
    if found:
        return found.group(1), None
    rating = _IMDB_RATING.match(value.strip())
    if rating:
        number = Decimal(rating.group(1).replace(",", "."))
        if number <= 10:
            return "", number
    return "", None


def parse_runtime(value: str, *, bare_number: bool = False) -> int | None:
    """Minutes in `105 min`, `105'`, `1h 45min`, `1h45`, `2 hours` or `1:45`, a note in
    parentheses after it and an `approx.` before it aside; a bare `105` too where the key says
    it is a runtime (`bare_number`)."""
    value = _ABOUT.sub("", re.sub(r"\s*\(.*\)\s*$", "", value).strip())
    if bare_number and value.isdigit():
        return int(value) or None
    match = _CLOCK.match(value) or _RUNTIME.match(value)
    if match is None or not (match["hours"] or match["minutes"]):
        return None
    return int(match["hours"] or 0) * 60 + int(match["minutes"] or 0) or None


def parse_iso_date(text: str) -> date | None:
    """`2005-04-12`, or the day of a time stamp: `2005-04-12T10:31:00Z`, `2005-04-12 10:31`."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date() if len(text) > 10 else None
    except ValueError:
        return None


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YEAR_FIRST_DATE = re.compile(r"^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$")


def parse_numeric_date(text: str) -> tuple[date | None, bool]:
    """`25/12/2004` (day first) or `12/25/2004` (month first), read where only one order gives
    a date: (the date, whether the order was ambiguous: `05/06/2004` is May or June). A year
    first is followed by the month (`2004/12/25`, `2004.12.25`, `2004-3-5`), as ISO's."""
    if year_first := _YEAR_FIRST_DATE.match(text.strip()):
        try:
            return date(*map(int, year_first.group(1, 3, 4))), False
        except ValueError:
            return None, False
    match = _NUMERIC_DATE.match(text.strip())
    if match is None:
        return None, False
    first, second, year = map(int, match.groups())
    orders = {(first, second), (second, first)}  # (day, month)
    found = set()
    for day, month in orders:
        try:
            found.add(date(year, month, day))
        except ValueError:
            continue
    if len(found) == 1:
        return found.pop(), False
    return None, len(found) > 1


# Where the day comes second in a date written in figures (`12/25/2004`).
_MONTH_FIRST_TERRITORIES = {"USA", "US"}


def numeric_release_date(written: str, where: str):
    """A release date in figures (`10/06/2005`): as only one order of day and month reads it,
    else as the territory writes dates (day first but in the USA); None for no date."""
    day, ambiguous = parse_numeric_date(written)
    if day is None and ambiguous:
        first, second, year = map(int, re.findall(r"\d+", written)[:3])
        day_month = (second, first) if where in _MONTH_FIRST_TERRITORIES else (first, second)
        day = date(year, day_month[1], day_month[0])
    return day


# The symbols IMDb writes money with (`₩4,200,000,000`, `CA$1,500,000`), by ISO code.
CURRENCY_SYMBOLS = {
    "US$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "R$": "BRL", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₩": "KRW",
    "₹": "INR", "₽": "RUB", "₺": "TRY", "₪": "ILS", "฿": "THB", "₱": "PHP", "₫": "VND",
}  # fmt: skip
_MONEY = re.compile(
    rf"^\s*(?:({'|'.join(map(re.escape, CURRENCY_SYMBOLS))})|([A-Z]{{3}})\s*)\s*(.*)$"
)
# Thousands in groups of three after a comma, a dot or a space (`6,000,000`, `1.500.000`,
# `10 000 000`) with cents after the other mark, or a plain number (`2.5`); then a scale.
_AMOUNT = re.compile(
    r"(?P<number>\d{1,3}(?P<separator>[,. \u00a0])\d{3}(?:(?P=separator)\d{3})*(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|mln|mn|bn|k|m|mio|mrd|crores?|lakhs?|lacs?)\b)?",
    re.IGNORECASE,
)
_SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mln": 10**6, "mn": 10**6, "m": 10**6}
_SCALES |= {"billion": 10**9, "bn": 10**9}
_SCALES |= {"mio": 10**6, "mrd": 10**9}  # German: `2,5 Mio. €`
# India's: a lakh is a hundred thousand, a crore a hundred lakh (`₹30 crore`).
_SCALES |= {"lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5}
_SCALES |= {"crore": 10**7, "crores": 10**7}


# The currency's code after the amount: `6 million DKK`.
_MONEY_CODE_AFTER = re.compile(
    r"^\s*(?P<amount>\d[\d,. \u00a0]*(?:[A-Za-z]+)?)\s+(?P<code>[A-Z]{3})\b(?P<tail>.*)$"
)
# A currency's symbol after the amount, as European documents write it: `5.000.000 €`.
_MONEY_SYMBOL_AFTER = re.compile(
    r"^\s*(?P<amount>\d[\d,. \u00a0]*?(?:\s*[A-Za-z]+\.?)?)\s*"
    rf"(?P<symbol>{'|'.join(map(re.escape, CURRENCY_SYMBOLS))})(?P<tail>.*)$"
)
# Only a currency's code: after an amount, `USA` is where it was earned.
_CURRENCY_CODES = {*CURRENCY_SYMBOLS.values(), "DKK", "SEK", "NOK", "ISK", "CHF", "PLN", "CZK"}
_CURRENCY_CODES |= {"HUF", "MXN", "ARS", "CNY", "TWD", "SGD", "ZAR", "FIM", "DEM", "FRF", "ITL"}
_CURRENCY_CODES |= {"ESP", "NLG", "BEF", "ATS"}


def parse_money(value: str) -> tuple[str, Decimal, str] | None:
    """`DKK 6,000,000(estimated)` -> ("DKK", 6000000, "(estimated)"); `$2.5 million` -> ("USD",
    2500000, ""); `6 million DKK` -> ("DKK", 6000000, ""); `5.000.000 €` -> ("EUR", 5000000,
    "")."""
    if (after := _MONEY_CODE_AFTER.match(value)) and after["code"] in _CURRENCY_CODES:
        value = f"{after['code']} {after['amount']}{after['tail']}"
    elif symbol_after := _MONEY_SYMBOL_AFTER.match(value):
        value = f"{symbol_after['symbol']}{symbol_after['amount']}{symbol_after['tail']}"
    match = _MONEY.match(value)
    amount = _AMOUNT.match(match.group(3)) if match else None
    if amount is None:
        return None
    symbol, code, tail = match.groups()
    number, separator, scale = amount.group("number", "separator", "scale")
    if scale:  # `1.234 million` is a decimal; `1,500 million` a thousands comma, `1,5` not
        number = re.sub(r",(?=\d{3}\b)", "", number)
    elif separator:
        number = number.replace(separator, "")
    try:
        figure = Decimal(number.replace(",", "."))  # what is left of a comma marks the cents
    except InvalidOperation:
        return None
    rest = tail[amount.end() :]
    if scale:
        figure *= _SCALES[scale.lower()]
        rest = rest.removeprefix(".")  # the scale's abbreviation: `Mio.`
    return (CURRENCY_SYMBOLS[symbol] if symbol else code), figure, rest.strip()


def parenthesised(text: str) -> list[str]:
    return [part.strip() for part in re.findall(r"\(([^()]*)\)", text)]


# Keys only IMDb's metadata dumps give, which press kits do not.
DUMP_ONLY_KEYS = re.compile(
    r"^(?:Release Year|Stars|Taglines|Filming Locations|Opening Weekend|Gross(?: USA)?"
    r"|IMDb Rating)\s*:",
    re.I | re.M,
)
KEY_VALUE = re.compile(r"^([A-Z][\w .&'’/-]{0,60}?)\s*:\s*(.*)$")
# A key written in lower case: `release year: 1996`, `director: Ann Lee`.
_LOWER_KEY = re.compile(r"^(\s*)([a-z][\w .&'’/-]{0,60}?)\s*:")


def key_capitalised(line: str, known: Callable[[str], bool]) -> str:
    """A line whose key, one that `known` knows (given in lower case, its spaces made one), is
    written in lower case, with the key's first letter a capital, as keys are matched
    (`KEY_VALUE`): a field, not prose; any other line as it is."""
    if (lower := _LOWER_KEY.match(line)) and known(" ".join(lower[2].split())):
        return f"{lower[1]}{lower[2][0].upper()}{line[lower.end(1) + 1 :]}"
    # A key with its short form in parentheses, as IMDb writes them: a board's, `MPAA:`; `Also
    # Known As (AKA):`, `Also Known As:`.
    line = _AKA_NAMED.sub(lambda named: f"{named[1]}Also Known As:", line)
    return _BOARD_NAMED.sub(lambda named: f"{named[1]}{named[2].upper()}:", line)


_BOARD_NAMED = re.compile(r"^(\s*)Motion Picture Rating\s*\((MPAA)\)\s*:", re.IGNORECASE)
_AKA_NAMED = re.compile(r"^(\s*)Also Known As\s*\(A\.?K\.?A\.?\)\s*:", re.IGNORECASE)


def split_list(value: str, separators: str = ",") -> list[str]:
    return [item.strip() for item in re.split(f"[{re.escape(separators)}]", value) if item.strip()]


# A territory after a certificate: `15 (UK)`, `Approved (USA)`.
# A rating with its territory after it, and maybe its reason: `Approved (USA)`, `PG-13 (USA)
# for some violence`.
# Countries a rating may name whole after it (`16 (Germany)`), besides codes (`15 (UK)`).
_RATED_COUNTRIES = (
    "Argentina|Australia|Austria|Belgium|Brazil|Canada|Chile|China|Czech Republic|Denmark|"
    "Finland|France|Germany|Greece|Hong Kong|Hungary|Iceland|India|Iran|Ireland|Israel|Italy|"
    "Japan|Malaysia|Mexico|Netherlands|New Zealand|Norway|Peru|Philippines|Poland|Portugal|"
    "Russia|Singapore|South Africa|South Korea|Spain|Sweden|Switzerland|Taiwan|Turkey|"
    "United Kingdom|United States"
)
_TERRITORY_AFTER_VALUE = re.compile(
    r"^(?P<value>.*?\S)\s*\((?P<territory>[A-Z][A-Z.]{1,4}|"
    + _RATED_COUNTRIES
    + r")\)(?P<reason>\s+\S.*)?$"
)


def certificates(where: str, value: str, line: int) -> list[CertificateRecord]:
    """A certificate field's ratings: one (`certificate`), or several each with its territory
    after it (`18 (UK), R (USA)`), each maybe with its reason (`12A (UK), PG-13 (USA) for some
    violence, language`: what follows a territory up to the next rating is its reason)."""
    parts = listed_values(value.strip())
    if len(parts) > 1 and not where.strip() and _TERRITORY_AFTER_VALUE.match(parts[0]):
        ratings: list[str] = []
        for part in parts:
            if _TERRITORY_AFTER_VALUE.match(part) or not ratings:
                ratings.append(part)
            else:
                ratings[-1] += f", {part}"  # the reason goes on
        if len(ratings) > 1:
            return [certificate("", rating, line) for rating in ratings]
    return [certificate(where, value, line)]


# A rating board's key, for the country it rates films in: `MPAA`, `BBFC rating` (IMDb's
# `Motion Picture Rating (MPAA)` is written `MPAA` by `key_capitalised`).
_BOARD_KEY = re.compile(
    r"^(?P<board>mpaa|bbfc|fsk)(?:\s+(?:rating|certificate|classification))?$", re.IGNORECASE
)
_BOARD_COUNTRIES = {"mpaa": "USA", "bbfc": "UK", "fsk": "Germany"}


def board_country(key: str) -> str | None:
    """The country whose rating board a field's key names (`MPAA`: USA); None for another key."""
    board = _BOARD_KEY.match(key.strip())
    return _BOARD_COUNTRIES[board["board"].lower()] if board else None


# An American rating, as `Rated: R` gives it with no board's name.
_AMERICAN_RATING = re.compile(r"^(?:G|PG|PG-13|R|NC-17|X|NR|Not Rated|Unrated)\b")


def board_certificate(key: str, value: str, line: int) -> CertificateRecord | None:
    """The certificate a rating board's field gives (`MPAA: Rated R for violence`: R in the USA,
    for violence; `Rated: R`, an American rating); None when the key names no board."""
    country = board_country(key)
    if country is None and key.strip().lower() == "rated" and _AMERICAN_RATING.match(value):
        country = "USA"
    if country is None:
        return None
    return certificate(country, re.sub(r"^Rated\s+", "", value.strip(), flags=re.I), line)


def certificate(where: str, value: str, line: int) -> CertificateRecord:
    """`18 for drugs, violence and coarse sexual language`: the rating, then its reason; the
    territory, when the key does not say it, may follow the rating (`Approved (USA)`, `PG-13
    (USA) for some violence`)."""
    if not where.strip() and (placed := _TERRITORY_AFTER_VALUE.match(value.strip())):
        where, value = placed.group("territory"), placed.group("value") + (placed["reason"] or "")
    rating, _, reason = value.strip().partition(" ")
    return CertificateRecord(territory(where), rating, reason, line)


_TRAILING_NOTE = re.compile(r"(?<!\s)\s*\(([^()]+)\)\s*$")


def split_credit_note(text: str) -> tuple[str, str]:
    """`Ann Lee (screenplay)`, `Cook (voice) (uncredited)`: the name or character, and
    the notes the parentheses at its end hold (`(as …)` is read before, as a credited name)."""
    notes = []
    while (note := _TRAILING_NOTE.search(text)) and note.start() > 0:
        notes.insert(0, note.group(1).strip())
        text = text[: note.start()]
    return text.strip(), ", ".join(notes)


# What a credit's parentheses say of the credit, not of a part (`Kim Lee (voice)`).
_CREDIT_NOTES = re.compile(
    r"^(?:uncredited|voice|archive footage|archival footage|credit only|scenes? deleted|"
    r"unconfirmed|also \w+|segment .+|as .+|\d{4}.*)$",
    re.IGNORECASE,
)


def part_not_note(note: str) -> bool:
    """Whether the parentheses after a name in a cast list hold a part (`Kim Lee (Frank)`), not
    a note on the credit (`(voice)`, `(uncredited)`): capitalised, and no such note."""
    return note[:1].isupper() and not _CREDIT_NOTES.match(note)


_NAMES_JOINED = re.compile(r"(?:^|(?<!\s)\s+)(?:and|&)\s+")


_AS_CHARACTER = re.compile(r"^(?P<name>\S.*?)(?<!\s)\s+as\s+(?P<character>[A-Z].*)$")


def actor_as_character(entry: str) -> tuple[str, str]:
    """`Ann Lee as Irene` in a cast list: the actor and the part; an entry without `as` is a
    name alone."""
    match = _AS_CHARACTER.match(entry)
    return (match["name"], match["character"]) if match else (entry, "")


# A generation suffix after a comma belongs to the name before it: `Sammy Davis, Jr.`.
_SUFFIX_AFTER_COMMA = re.compile(r",\s*((?i:Jr|Jnr|Sr|Snr)|II|III|IV)\b(\.?)")


# What a billing says before a name in a list, not part of it: `with Cy Dahl`, `and
# introducing Di Ek`, `with special appearance by Ed Fry`.
_BILLED_AS = re.compile(
    r"^(?:(?:and|with|also|&)\s+)*(?:(?:introducing|featuring|starring|also starring|"
    r"(?:a\s+)?special\s+(?:appearance|guest\s+appearance)\s+by|special\s+guest)\s+)?"
    r"(?=[A-Z])"
)
# A list's end that names no one: `et al.`, `etc.`, `and others`.
_MORE = re.compile(r"(?:and\s+)?(?:et\s+al\.?|etc\.?|others|many\s+more)", re.IGNORECASE)


def split_names(value: str, *, family_shared: bool = False) -> list[str]:
    """People in a list: `A, B and C`, `A, B, and C`, `A & B`, `A · B`; `Sammy Davis, Jr.` is
    one. (Not for countries: `Bosnia and Herzegovina` is one.) `family_shared`: a first name
    alone before `&` or `and` shares the family name that closes the group (`crew_names`)."""
    value = _SUFFIX_AFTER_COMMA.sub(r" \1\2", value)
    value = _in_reading_order(value, lone_pair=family_shared)
    names = []
    for item in split_list(value, ",;·•|/"):
        group = [
            name
            for name in (_BILLED_AS.sub("", part.strip()) for part in _NAMES_JOINED.split(item))
            if name and not _MORE.fullmatch(name)
        ]
        last = _NOTE_AT_END.sub("", group[-1]).split() if family_shared and group else []
        if len(group) > 1 and len(last) > 1:
            group = [
                f"{name} {last[-1]}" if len(name.split()) == 1 and name[:1].isupper() else name
                for name in group
            ]
        names.extend(group)
    return names


# A name as a catalogue writes it, the family name first: `Coen, Joel`, `De Niro, Robert`.
_FAMILY_FIRST = re.compile(
    r"^(?P<family>[A-Z][\w'’-]*(?: [A-Za-z][\w'’-]*){0,2}),\s*"
    r"(?P<given>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})$"
)


def _in_reading_order(value: str, *, lone_pair: bool) -> str:
    """A list of names a catalogue writes family name first, parted by semicolons (`Coen, Joel;
    Coen, Ethan`), as `Joel Coen, Ethan Coen`; with `lone_pair`, a maker's alone too (`Mann,
    Michael`: in a crew's list, not two people of one word each). Any other list as it is."""
    items = [item.strip() for item in value.split(";")]
    if len(items) == 1 and not (lone_pair and len(value.split()) == 2):
        return value
    inverted = [_FAMILY_FIRST.match(item) for item in items]
    if not all(inverted):
        return value
    return ", ".join(f"{name['given']} {name['family']}" for name in inverted)


# The societies whose letters a maker's name carries in a film's credits: cinematographers'
# (`Rodrigo Prieto, ASC, AMC`), editors', sound mixers', casting directors'.
_SOCIETY = re.compile(
    r"^(?:A\.?S\.?C|B\.?S\.?C|AMC|AIC|AFC|ACS|CSC|DFF|FNF|FSF|NSC|SBC|NZCS|HKSC|IMAGO|ACE|BFE"
    r"|CAS|AMPS|MPSE|CSA|CDG)\.?$"
)


def crew_names(value: str) -> list[str]:
    """The makers of a film in a list: `Joel & Ethan Coen` are Joel Coen and Ethan Coen. (Not
    for a cast, where one name may be a performer's whole name: `Cher`.) The letters of a
    maker's societies are a note on the name: `Rodrigo Prieto, ASC, AMC` is `Rodrigo Prieto
    (ASC, AMC)`."""
    names: list[str] = []
    societies: list[list[str]] = []
    for name in split_names(value, family_shared=True):
        if names and _SOCIETY.match(name.strip()):
            societies[-1].append(name.strip())
        else:
            names.append(name)
            societies.append([])
    return [
        f"{name} ({', '.join(letters)})" if letters else name
        for name, letters in zip(names, societies, strict=True)
    ]


def crew_credits(value: str, roles: tuple[str, ...], line: int, name=str.strip, key: str = ""):
    """The credits a crew list gives (`crew_names`), one a maker and role, each with its note
    (`Tom Vint (screenplay)`, or the one its key says, `CREW_KEY_NOTES`) and the name the maker
    was credited under (`(as Thomas Vint)`); `name` writes each maker's name."""
    credits = []
    for written in crew_names(value):
        credited = CREDITED_AS.search(written)
        maker, note = split_credit_note(CREDITED_AS.sub(" ", written).strip())
        credits.extend(
            CreditRecord(
                name=name(maker),
                role=role,
                line=line,
                note=note or CREW_KEY_NOTES.get(key.strip().lower(), ""),
                credited_as=credited_as(credited, maker),
            )
            for role in roles
        )
    return credits


_NOTE_AT_END = re.compile(r"(?<!\s)\s*\([^)]*\)\s*$")


def continued_fields(
    lines: list[str], names_under: Callable[[str], bool] | None = None, *, width: int = 0
) -> list[tuple[int, str]]:
    """A block's lines (offset, line), a field's value that goes on over the next lines joined
    into one: after a value that ends with a comma (`Cast: Ann Lee, Bo Berg,` over `Cy Dahl`),
    or on lines indented under it (a copy's wrapped lines), or in a name wrapped at `width` (a
    PDF's copy: `_name_wrapped`); under a key with no value that `names_under` (lower case)
    says lists names, its names a line each (`Cast:` over `Ann Lee`, `Bo Berg`). A line of its
    own stays apart."""
    out: list[tuple[int, str]] = []
    listed = False  # the last field's value is a list of names under its key
    for offset, line in enumerate(lines):
        if out and line.strip() and not KEY_VALUE.match(line.strip()):
            first, previous = out[-1]
            field = KEY_VALUE.match(previous.strip())
            if (
                field
                and field.group(2).strip()
                and (
                    previous.rstrip().endswith(",")
                    or line[:1].isspace()
                    or _name_wrapped(field, lines[offset - 1], line, width, names_under)
                )
                and not listed
            ):
                out[-1] = (first, f"{previous.rstrip()} {line.strip()}")
                continue
            if (
                field
                and (listed or not field.group(2).strip())
                and names_under is not None
                and names_under(field.group(1).strip().lower())
                and _NAME_ALONE.match(line.strip())
            ):
                joined = ", " if listed else " "
                out[-1], listed = (first, f"{previous.rstrip()}{joined}{line.strip()}"), True
                continue
        out.append((offset, line))
        listed = False
    return out


def _name_wrapped(
    field: re.Match,
    before: str,
    line: str,
    width: int,
    names_under: Callable[[str], bool] | None,
) -> bool:
    """Whether a list of names wrapped at `width` goes on in `line`, in the middle of a name:
    the line before it had no room for its first word, and the list ends with a name's first
    word or the line opens with a name's last (`Cast: …, Ralph` over `Brown`, `…, Jada Pinkett`
    over `Smith, Mary Alice`; not `…, Jesper Staal` over `US Distributor`)."""
    if not width or names_under is None or not names_under(field.group(1).strip().lower()):
        return False
    last_name = field.group(2).rsplit(",", 1)[-1].split()
    first_name = line.split(",", 1)[0].split()
    if not first_name or len(before.rstrip()) + 1 + len(first_name[0]) <= width:
        return False  # the line before had room for it
    return len(last_name) == 1 or len(first_name) == 1


# A line that is a name alone, as a list under its key writes it: a few words, no sentence.
_NAME_ALONE = re.compile(r"^[^\W\d_][\w.'’ -]{0,60}$")


TERRITORY_ALIASES = {
    "US": "USA",
    "U.S.": "USA",
    "U.S.A.": "USA",
    "GB": "UK",
    "U.K.": "UK",
    # Written whole, as newer pages do (`3 July 1985 (United States)`).
    "United States": "USA",
    "United States of America": "USA",
    "United Kingdom": "UK",
    # A territory written as its adjective (`Australian Release: 13 August 1981`).
    "American": "USA",
    "British": "UK",
    "Australian": "Australia",
    "Canadian": "Canada",
    "Irish": "Ireland",
    "French": "France",
    "German": "Germany",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Dutch": "Netherlands",
    "Danish": "Denmark",
    "Swedish": "Sweden",
    "Norwegian": "Norway",
    "Finnish": "Finland",
    "Polish": "Poland",
    "Russian": "Russia",
    "Japanese": "Japan",
    "Chinese": "China",
    "Indian": "India",
    "Mexican": "Mexico",
    "Brazilian": "Brazil",
}


# Values of one field, each with its territory in parentheses: `118 min (USA) | 115 min (UK)`,
# `105 mins (UK) / 109 mins (USA)`, `23 April 1953 (USA), 14 August 1953 (UK)` (a date's own
# comma, `August 13, 1981`, is inside).
_LISTED = re.compile(r"(?<=\))\s*[,;/|]\s*|(?<!\s)\s+\|\s+")
# A runtime's note that names a territory (`USA`, `New Zealand`), not a version (`director's
# cut`, `Extended Version`).
_RUNTIME_TERRITORY = re.compile(
    r"^(?!.*\b(?i:cut|version|edition|uncut|extended|theatrical)\b)"
    r"[A-Z][\w.]*(?:[ &-]+[A-Z][\w.]*)*$"
)


def listed_values(value: str) -> list[str]:
    """A field's values, when it lists several each with its territory after it (`_LISTED`);
    else the value whole."""
    return _LISTED.split(value)


def runtime_record(value: str, minutes: int, number: int) -> RuntimeRecord:
    """A runtime of a list of them (`124 min (international)`, `118 min (USA) (director's
    cut)`): its territory, and what its other parentheses say (the version) as its note."""
    notes = parenthesised(value)
    where = next((n for n in notes if _RUNTIME_TERRITORY.match(n)), "")
    note = ", ".join(n for n in notes if n != where)
    return RuntimeRecord(territory(where), minutes, number, note)


def territory(name: str) -> str:
    """A territory as the archive writes it: `US`, `U.S.`, `United States` are `USA`; an
    abbreviation written in lower case is in capitals (`uk` is `UK`)."""
    name = name.strip()
    if 2 <= len(name) <= 3 and name.isalpha() and not name.isupper():
        name = name.upper()
    return TERRITORY_ALIASES.get(name, name)


def blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines: (1-based line number of the first, the lines)."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            out.append((start, current))
            current = []
    if current:
        out.append((start, current))
    return out


# `9/10`, `5 out of 10`; `4/5 stars`, `3.5 out of 5 stars` (a five-star scale says `stars`:
# `4/5` alone may be a part of something, or a date).
_RATING_IN_TEXT = re.compile(
    r"(?<![\d.])(?P<value>\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*"
    r"(?:(?P<ten>10)(?![\d.,]\d)|5\s*stars?\b)",
    re.IGNORECASE,
)


def rating_in_text(text: str) -> Decimal | None:
    """The last rating a review states (`9/10`, `5 out of 10`, `4/5 stars`) on the 0-10 scale;
    None if none is valid."""
    found = None
    for match in _RATING_IN_TEXT.finditer(text):
        value = Decimal(match["value"]) * (1 if match["ten"] else 2)
        if 0 <= value <= 10:
            found = value
    return found


_SPOILER_MARK = re.compile(
    r"(?<!\s)\s*\*+\s*(?:this review may contain spoilers|spoiler alert)\s*\*+\s*", re.IGNORECASE
)


# A page's spoiler warning on a line of its own, over or in a review: the review's flag.
SPOILER_LINE = re.compile(
    # `Warning: Spoilers`; a newer page's badge, `Spoiler`; `Contains spoilers`, `Spoilers ahead!`
    r"^(?:Warning:\s*Spoilers|\**\s*(?:This review may contain spoilers|Spoiler alert|"
    r"Contains spoilers|Spoilers?(?: ahead)?)\s*!?\s*\**)\s*$",
    re.IGNORECASE,
)


def spoiler_marker(text: str) -> tuple[str, bool]:
    """`*** This review may contain spoilers ***` is a flag, not text: (text without it, found)."""
    cleaned = _SPOILER_MARK.sub(" ", text)
    if cleaned != text:
        cleaned = re.sub(r"[(\[]\s*[)\]]", " ", cleaned)  # the parentheses it stood in
    return " ".join(cleaned.split()), cleaned != text


# `Korean with English subtitles`: the language, and its subtitles as a parenthesis would.
_WITH_SUBTITLES = re.compile(r"^(?P<item>.*?\S)\s+with\s+(?P<detail>[\w -]*\bsubtitles?)$", re.I)


_IN_LANGUAGES = re.compile(r"^in\s+(?=[A-Z])", re.IGNORECASE)
_LANGUAGES_AND = re.compile(r"(?<!\s)\s+(?:and|&)\s+(?=[A-Z])")


# Genres written otherwise, folded (hyphens as spaces), to the name IMDb gives them.
_GENRES = {
    **dict.fromkeys(("sci fi", "scifi", "science fiction", "sf"), "Sci-Fi"),
    **dict.fromkeys(("film noir", "noir"), "Film-Noir"),
    **dict.fromkeys(("biopic", "biographical", "biography"), "Biography"),
    **dict.fromkeys(("animated", "animation"), "Animation"),
    **dict.fromkeys(("documentary", "doc"), "Documentary"),
    **dict.fromkeys(("sport", "sports"), "Sport"),
    "thriller": "Thriller",
    "crime": "Crime",
    "drama": "Drama",
    "comedy": "Comedy",
    "horror": "Horror",
    "romance": "Romance",
    "western": "Western",
    "war": "War",
}


_KEYWORDS_LINK = re.compile(r"(?i:see all|more)\s*(?:\(\d+\))?\W*|\d+ more")


def list_notes(kind: str, value: str, line: int) -> list[NoteRecord]:
    """`Danish (English subtitles)`, `Korean with English subtitles`, `Denmark / UK`, `Crime |
    Drama`: one note each, the parenthesis (or the subtitles) as detail. Languages may be
    written as a phrase: `In Danish and Serbian with English subtitles` (a country's name may
    hold an `and`: `Bosnia and Herzegovina`)."""
    notes = []
    if kind == "language":
        value = _LANGUAGES_AND.sub(",", _IN_LANGUAGES.sub("", value.strip()))
    for item in split_list(value, ",/|"):
        details = parenthesised(item)
        item = re.sub(r"\s*\(.*\)", "", item)
        if subtitled := _WITH_SUBTITLES.match(item):
            item, details = subtitled["item"], [*details, subtitled["detail"]]
        if kind == "country":  # `United States` is the `USA` of another document
            item = territory(item)
        elif kind == "genre":  # `science fiction`, `Science Fiction` are IMDb's `Sci-Fi`
            item = _GENRES.get(fold(item).replace("-", " "), item[:1].upper() + item[1:])
        elif kind == "language":  # `english` is `English`
            item = item[:1].upper() + item[1:]
        elif kind == "keyword":  # `cat and mouse`, as IMDb writes them; `See All (57)`: a link
            item = item.lower() if item.isupper() else item
            if _KEYWORDS_LINK.fullmatch(item):
                continue
        notes.append(NoteRecord(kind, item, line, ", ".join(details)))
    return notes


# Between an actor and a character in a cast list: `Ann Lee - Irene`; a copied list may part
# them with another dash or dots: `Ann Lee – Irene`, `Ann Lee ... Irene`.
# (The separator is looked for where a run of spaces opens only: a long run is no cost.)
CAST_SEPARATOR = r"(?<!\s)\s+(?:-|–|—|\.{3,}|…+)\s+"
# A line of a cast block: `Ann Lee - Irene`, `Bo Berg - Kai (as Bob Berg)`.
CAST_LINE = re.compile(rf"^(?P<actor>[^\s].*?){CAST_SEPARATOR}(?P<character>.+)$")
CREDITED_AS = re.compile(r"(?<!\s)\s*\(as ([^)]+)\)\s*")


def cast_line_credit(line: str, number: int, order: int) -> CreditRecord:
    """The cast credit a cast block's line gives (`Ann Lee - Irene (as Ann Berg)`)."""
    match = CAST_LINE.match(line.strip())
    return cast_credit(match.group("actor"), match.group("character"), number, order)


# A part's name and what it is, after a comma, as old films' casts write it (`Rotwang, the
# inventor`, `Freder, Joh Fredersen's son`): words of which one is not a name. `Sammy Davis,
# Jr.` and `Cook, Mr. Lee` are no such thing.
_EPITHET = re.compile(r"^(?P<part>[^,]+?),\s+(?P<epithet>(?=.*\b[a-z])[^,].*)$")


# A name's particle in lower case, as a pattern (`Max von Sydow`, `Guillermo del Toro`).
NAME_PARTICLE = r"(?:van|von|de|del|della|der|den|da|das|di|do|dos|du|la|le|ter|ten|zu)"


# Who tells the film (`Narrated by: Philippe Petit`): its narrator, a part of the cast, and one
# of its own (not the part a cast list's credit of the same person plays).
NARRATOR_KEYS = ("narrated by", "narrator", "narrators", "narration")
NARRATOR = "Narrator"


def narrator_credits(value: str, number: int) -> list[CreditRecord]:
    """The cast credits of a `Narrated by:` field: each name, as the part `Narrator`."""
    return [
        CreditRecord(name=name, role="cast", line=number, character=NARRATOR, note=note or "voice")
        for name, note in (split_credit_note(written) for written in crew_names(value))
    ]


# The age a part is played at, after a dash, as a cast of several ages writes it (`Salvatore -
# Child`, `Salvatore - Adult`, `Elena - 16 years old`).
_AGE_AFTER_PART = re.compile(
    r"^(?P<part>.+?)(?<!\s)\s+[-–—]\s+(?P<age>(?:as (?:an? )?)?(?:child|young|younger|"
    r"adolescent|teen|teenager|adult|old|older|elderly|grown[- ]up|aged? \d{1,3}"
    r"|\d{1,3} years? old))$",
    re.IGNORECASE,
)


def cast_credit(actor: str, part: str, number: int, order: int | None) -> CreditRecord:
    """The cast credit of an actor and the part as written: the name the actor was credited
    under and the notes in parentheses after the part (`Cook (uncredited)`) are read apart."""
    credited = CREDITED_AS.search(part)
    character, note = split_credit_note(CREDITED_AS.sub(" ", part.strip()))
    if character.startswith("(") and character.endswith(")"):  # a note alone: `(uncredited)`
        character, note = "", ", ".join(filter(None, [character[1:-1].strip(), note]))
    if epithet := _EPITHET.match(character):  # `Rotwang, the inventor`: the part is Rotwang
        character = epithet["part"]
        note = ", ".join(filter(None, [epithet["epithet"], note]))
    if aged := _AGE_AFTER_PART.match(character):  # `Salvatore - Adult`: the part is Salvatore
        character = aged["part"]
        note = ", ".join(filter(None, [aged["age"].lower(), note]))
    return CreditRecord(
        name=actor.strip(),
        role="cast",
        line=number,
        character=character,
        credited_as=credited_as(credited, actor),
        note=note,
        billing_order=order,
    )


def credited_as(credited: re.Match | None, name: str) -> str:
    """The name an `(as …)` note credits a maker under; none when it is the maker's own name
    (`Bruce Bohne - Lou (as Bruce Bohne)`)."""
    if credited is None or fold(credited.group(1)) == fold(name):
        return ""
    return credited.group(1).strip()


# The keys of the writer of the novel a film is based on (`Based on the book by:`).
_NOVEL_KEYS = (
    "novel",
    "novel by",
    "book by",
    "based on the novel by",
    "based on a novel by",
    "based on the book by",
    "based on a book by",
)
# Keys of notes a film's page shows as they are written: its taglines, where it was filmed.
NOTE_KEYS = {
    **dict.fromkeys(("tagline", "taglines"), "tagline"),
    **dict.fromkeys(
        ("filming locations", "filming location", "shooting locations", "shooting location"),
        "location",
    ),
    **dict.fromkeys(("locations", "location"), "location"),
}

# Keys of a film's crew, and the role each gives.
CREW_KEYS = {
    "director": "director",
    "directors": "director",
    "directed by": "director",
    **dict.fromkeys(("co-director", "co-directors", "co-directed by"), "director"),
    "special guest director": "director",
    "writer": "writer",
    "writers": "writer",
    "written by": "writer",
    **dict.fromkeys(("co-writer", "co-writers", "co-written by"), "writer"),
    "writing credits": "writer",
    "screenplay": "writer",
    "screenplay by": "writer",
    **dict.fromkeys(("story", "story by", "original story", "original story by"), "writer"),
    **dict.fromkeys(_NOVEL_KEYS, "writer"),
    "producer": "producer",
    "producers": "producer",
    "produced by": "producer",
    **dict.fromkeys(
        (
            "director of photography", "directors of photography", "cinematography",
            "cinematography by", "cinematographer", "cinematographers", "photography", "dop",
        ),
        "cinematographer",
    ),
    **dict.fromkeys(
        (
            "music", "music by", "original music", "original music by", "composer",
            "composers", "original score", "original score by",
        ),
        "composer",
    ),
    **dict.fromkeys(
        (
            "editor", "editors", "editing", "edited by", "film editing", "film editing by",
            "film editor",
        ),
        "editor",
    ),
    **dict.fromkeys(
        (
            "written and directed by", "directed and written by", "writer/director",
            "director/writer", "writer-director", "writer and director", "director and writer",
        ),
        "director+writer",
    ),
}  # fmt: skip


# What a crew key says of its credits, as a credit's note would (`Story by: Ann Lee` is
# `Ann Lee (story)`).
CREW_KEY_NOTES = {
    **dict.fromkeys(("co-director", "co-directors", "co-directed by"), "co-director"),
    "special guest director": "special guest director",
    **dict.fromkeys(("screenplay", "screenplay by"), "screenplay"),
    **dict.fromkeys(("story", "story by", "original story", "original story by"), "story"),
    **dict.fromkeys(_NOVEL_KEYS, "novel"),
}


def crew_roles(role: str) -> tuple[str, ...]:
    """The credits a crew key's role gives: `director+writer` (`Written and directed by`) two."""
    return tuple(role.split("+"))


# Keys of how a film was made, kept as notes its page shows: the companies that made it, and
# its technical specifications, each under the name of what it specifies.
COMPANY_KEYS = frozenset(
    {
        "production company", "production companies", "production co", "production co.",
        "studio", "production", "co-production", "coproduction",
    }
)  # fmt: skip
TECHNICAL_KEYS = {
    **dict.fromkeys(("sound mix", "sound", "sound system"), "Sound mix"),
    **dict.fromkeys(("color", "colour", "colour system"), "Colour"),
    "aspect ratio": "Aspect ratio",
    **dict.fromkeys(("format", "shooting format", "shot on"), "Format"),
    "camera": "Camera",
    "negative format": "Negative format",
    "cinematographic process": "Cinematographic process",
    "printed film format": "Printed film format",
    "laboratory": "Laboratory",
}


def making_notes(key: str, value: str, line: int) -> list[NoteRecord] | None:
    """`Production companies: Balboa, Chartoff-Winkler` (a note each), `Sound Mix: Dolby SR`
    (one note, `Sound mix` its detail; IMDb's list of several, `Dolby Digital | DTS | SDDS`,
    written as a sentence lists them); None for a key of neither."""
    lower = " ".join(key.lower().split())
    if lower in COMPANY_KEYS:
        return list_notes("company", value, line)
    if lower == "sound" and not _SOUND_SYSTEM.search(value):
        return None  # `Sound: Julien Sicart`, a festival's sound engineer: no sound mix
    if label := TECHNICAL_KEYS.get(lower):
        listed = ", ".join(part for part in _PIPES.split(" ".join(value.split())) if part)
        return [NoteRecord("technical", listed, line, label)]
    return None


_PIPES = re.compile(r"\s*\|\s*")
# What a sound mix is made of, which no name of its engineer holds.
_SOUND_SYSTEM = re.compile(
    r"\d|dolby|dts|sdds|mono|stereo|atmos|surround|digital|optical|sound|audio", re.IGNORECASE
)


# Keys of a film's other titles, and the kind of title each gives.
OTHER_TITLE_KEYS = {
    "original title": "original",
    "original titles": "original",
    "also known as": "aka",
    "aka": "aka",
    "a.k.a.": "aka",
    "alternative title": "aka",
    "alternative titles": "aka",
    "alternate title": "aka",
    "alternate titles": "aka",
    "other title": "aka",
    "other titles": "aka",
    # A festival's kit gives its film's English title beside the original (`English title:
    # Portrait of a Lady on Fire`).
    "english title": "english",
    "international title": "english",
    "international english title": "english",
}


# A country's title, as IMDb's list of them writes it: `Germany: Heat`, `UK: Heat`,
# `World-wide (English title): Yojimbo`.
_TERRITORY_BEFORE_TITLE = re.compile(
    rf"^(?:{_RATED_COUNTRIES}|[A-Z]{{2,3}}|U\.S\.A?\.|World-?wide|International)"
    r"(?:\s*\((?P<note>[^()]*)\))?:\s+(?P<title>\S.*)$"
)


def other_titles(kind: str, value: str, line: int) -> list[TitleRecord]:
    """`Also Known As: Trois couleurs: Bleu (France) / Blue`, `Retour vers le futur (France),
    Regreso al futuro (Spain)`: each title, without the notes in parentheses at its end; one
    such note saying `original title` makes it the original. (A comma inside a title, before
    no parentheses, is the title's: `The Good, the Bad and the Ugly`.) A note saying `English
    title` makes it the film's English title."""
    found = []
    for part in re.split(r"\s+/\s+|\s*;\s*|(?<=\))\s*,\s*", value):
        if titled := _TERRITORY_BEFORE_TITLE.match(part.strip()):  # `Germany: Heat`
            part = f"{titled['title']} ({titled['note']})" if titled["note"] else titled["title"]
        title, note = split_credit_note(part)
        if any(c.isalnum() for c in title) and not (title[0] == "(" and title[-1] == ")"):
            note = note.lower()
            told = (
                "original" if "original" in note else "english" if "english title" in note else kind
            )
            found.append(TitleRecord(title, told, line))
    return found


# `Heat (1995)`; `Heat (I) (1995)`, IMDb's mark for the first of films of one title and year.
# `Heat (1995)`; as IMDb tells films of one title and year apart, `Heat (I) (1995)` or `Heat
# (1995/I)`, and what a film is not made for cinemas, `Heat (TV Movie 1995)`, `Heat (V) (1995)`.
_TITLE_YEAR = re.compile(
    r"^(?P<title>.*?\S)(?:\s*\((?:[IVX]{1,4}|TV)\))?"
    r"\s*\((?:(?P<kind>TV Movie|TV|Video|V)\s+)?(?P<year>1[89]\d\d|20\d\d)(?:/[IVX]{1,4})?\)$"
)
# An article put after the title, as catalogues sort titles: `Godfather, The`, `Jetée, La`.
_ARTICLE_AFTER = re.compile(
    r"^(?P<title>\S.*?),\s+(?P<article>The|A|An|Le|La|Les|L['’]|Il|El|Los|Las|Der|Die|Das|Den|Det)$"
)


# A year field's value: `2005`, or with a note, `2005 (production)`.
YEAR_VALUE = r"(?P<year>\d{4})(?:\s*\([^()]*\))?"


def year_of(value: str) -> int | None:
    """The year a year field gives (`2005`, `2005 (production)`); None for a value that is
    none."""
    found = re.fullmatch(YEAR_VALUE, value.strip())
    return int(found["year"]) if found else None


def title_and_year(text: str, doc=None, line: int | None = None) -> tuple[str, int | None]:
    """`Heat (1995)`: the title, and the year written after it (None when there is none). A
    title as a catalogue writes it is written as a title: `Godfather, The` is The Godfather,
    `"Heat"` is Heat. The kind of film a title may say (`Heat (TV Movie 1995)`) is not kept:
    a warning on `doc`, if given, says so."""
    found = _TITLE_YEAR.match(text.strip())
    title, year = (found["title"], int(found["year"])) if found else (text.strip(), None)
    if found and found["kind"] and doc is not None:
        doc.warn(line, "film_kind", f"the title calls the film a {found['kind']}: not kept")
    if len(title) > 2 and title[0] in '"“' and title[-1] in '"”' and '"' not in title[1:-1]:
        title = title[1:-1].strip()
    if article := _ARTICLE_AFTER.match(title):
        space = "" if article["article"][-1] in "'’" else " "
        title = f"{article['article']}{space}{article['title']}"
    return title, year


# Control characters other than tabs and line ends, and Unicode's two non-characters: a document
# means nothing by them, XML does not allow them, and PostgreSQL's text refuses NUL (the whole
# file with it). A file that starts with many of them is refused as binary (`inspect`); a few
# further on are removed, in every format.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def warn_controls_removed(doc, first_line: int, lines: int) -> None:
    doc.warn(
        first_line,
        "control_characters",
        f"control characters were removed ({lines:,} line{'s' * (lines > 1)}; the first here)",
    )


def without_control_characters(doc, text: str) -> str:
    """A whole document's text without control characters, with a warning when it held some."""
    if CONTROL_CHARACTERS.search(text) is None:
        return text
    lines = sorted({text.count("\n", 0, m.start()) + 1 for m in CONTROL_CHARACTERS.finditer(text)})
    warn_controls_removed(doc, lines[0], len(lines))
    return CONTROL_CHARACTERS.sub("", text)


# A figure said to be an estimate before it: `approx. $3,000,000`, `about £2m`.
_ESTIMATED = re.compile(
    r"^(?:approximately\b|approx\.?|about\b|around\b|an estimated\b|est\.|c\.|ca\.)\s*", re.I
)


_DATE_AFTER_DOT = re.compile(r"^\s*[·•,]\s*(?P<date>[^()]+?)\s*(?=\(|$)")


def read_money(doc: FilmDocument, kind: str, value: str, number: int, where_key: str = "") -> None:
    """A budget, gross or opening weekend (`$4,440 (USA) (16 May 1999)`, `€3.5 million`): its
    amount and currency, its territory (in the key, `Gross worldwide`, or in its notes), its
    date, whether it is an estimate; a warning when it is no amount."""
    said_estimated = _ESTIMATED.match(value)
    parsed = parse_money(value[said_estimated.end() :] if said_estimated else value)
    if parsed is None:
        doc.warn(number, "bad_money", f"{kind.replace('_', ' ')} {value!r} is not an amount")
        return
    currency, amount, rest = parsed
    # `Gross worldwide`: the territory the key names, capitalised as a note's would be
    when, where, extra = None, territory(where_key[:1].upper() + where_key[1:]), []
    # The date after a dot, as a newer page writes it, or a comma: `$5,000 · Mar 11, 2012`.
    if (dated := _DATE_AFTER_DOT.match(rest)) and (written := parse_written_date(dated["date"])):
        when, rest = written, rest[dated.end() :]
    notes = parenthesised(rest)
    # What stands outside parentheses is a note too (`$5,000 in 12 theatres`): not lost.
    if unbracketed := re.sub(r"\([^()]*\)", " ", rest).strip(" ,;·•"):
        notes.append(" ".join(unbracketed.split()))
    estimate = bool(said_estimated)
    for note in notes:
        if note.lower() == "estimated":
            estimate = True
        elif written := parse_written_date(note):
            when = written
        elif not where and re.fullmatch(r"[A-Z][A-Za-z .]*", note) and len(note) <= 40:
            where = territory(note)
        else:
            extra.append(note)
    doc.money.append(
        MoneyRecord(kind, amount, currency, number, where, when, estimate, ", ".join(extra))
    )
