"""Helpers the format parsers share: decoding, dates, money, key/value lines."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .records import ImportFormatError, NoteRecord, Warning

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b")


def decode(data: bytes, file_name: str) -> tuple[str, list[Warning]]:
    """Bytes to text with `\\n` line ends. UTF-8 (with or without BOM); anything else is read as
    Windows-1252 with a warning. Empty, binary and gzip input is refused."""
    warnings: list[Warning] = []
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ImportFormatError(
            f"file is {len(data):,} bytes, over the limit of {MAX_DOCUMENT_BYTES:,}",
            file_name=file_name,
        )
    if data[:2] == b"\x1f\x8b":
        raise ImportFormatError("gzip-compressed input is not accepted", file_name=file_name)
    if not data.strip():
        raise ImportFormatError("file is empty", file_name=file_name)
    if b"\x00" in data[:8192]:
        raise ImportFormatError("file is binary (it holds NUL bytes)", file_name=file_name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        warnings.append(
            Warning(line, "not_utf8", "file is not valid UTF-8; read as Windows-1252 instead")
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\t")
    if controls > 8:
        raise ImportFormatError("file is binary (control characters)", file_name=file_name)
    return text, warnings


def parse_day_month_year(text: str) -> date | None:
    """`30 August 1996` -> date; None when there is no such date or it does not exist."""
    match = DAY_MONTH_YEAR.search(text)
    if not match:
        return None
    try:
        return datetime.strptime(" ".join(match.groups()), "%d %B %Y").date()
    except ValueError:
        return None


def parse_iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_MONEY = re.compile(r"^\s*(?:([$£€¥])|([A-Z]{3})\s*)\s*([\d,.]+)\s*(.*)$")


def parse_money(value: str) -> tuple[str, Decimal, str] | None:
    """`DKK 6,000,000(estimated)` -> ("DKK", 6000000, "(estimated)")."""
    match = _MONEY.match(value)
    if not match:
        return None
    symbol, code, number, rest = match.groups()
    try:
        amount = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    return (CURRENCY_SYMBOLS[symbol] if symbol else code), amount, rest.strip()


def parenthesised(text: str) -> list[str]:
    return [part.strip() for part in re.findall(r"\(([^()]*)\)", text)]


KEY_VALUE = re.compile(r"^([A-Z][\w .&'/-]{0,60}?)\s*:\s*(.*)$")


def split_list(value: str, separators: str = ",") -> list[str]:
    return [item.strip() for item in re.split(f"[{re.escape(separators)}]", value) if item.strip()]


TERRITORY_ALIASES = {"US": "USA", "U.S.": "USA", "U.S.A.": "USA", "GB": "UK", "U.K.": "UK"}


def territory(name: str) -> str:
    name = name.strip()
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


_RATING_IN_TEXT = re.compile(
    r"(?<![\d.])(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*10(?![\d.,]\d)", re.IGNORECASE
)


def rating_in_text(text: str) -> Decimal | None:
    """The last `9/10` or `5 out of 10` a review states, as a rating; None if none is valid."""
    found = None
    for match in _RATING_IN_TEXT.finditer(text):
        value = Decimal(match.group(1))
        if 0 <= value <= 10:
            found = value
    return found


_SPOILER_MARK = re.compile(
    r"\s*\*+\s*(?:this review may contain spoilers|spoiler alert)\s*\*+\s*", re.IGNORECASE
)


def spoiler_marker(text: str) -> tuple[str, bool]:
    """`*** This review may contain spoilers ***` is a flag, not text: (text without it, found)."""
    cleaned = _SPOILER_MARK.sub(" ", text)
    return " ".join(cleaned.split()), cleaned != text


def list_notes(kind: str, value: str, line: int) -> list[NoteRecord]:
    """`Danish (English subtitles)`, `Denmark / UK`: one note each, the parenthesis as detail."""
    return [
        NoteRecord(kind, re.sub(r"\s*\(.*\)", "", item), line, ", ".join(parenthesised(item)))
        for item in split_list(value, ",/")
    ]
