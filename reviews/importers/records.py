"""Plain records the parsers produce and the loader consumes. No Django here.

Every record carries the line of its document it was read from (1-based).
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from ..text import fingerprint, review_search_text

# How careful a format is about names and text: breaks ties between sources.
SOURCE_RANK = {"metadata_dump": 3, "review_xml": 2, "press_kit": 1, "review_page": 0}
# Reviews handed to the loader at a time when a file is read as a stream.
REVIEW_BATCH = 2000


class ImportFormatError(Exception):
    """A document cannot be imported: says which file and line, and why."""

    def __init__(self, message: str, *, file_name: str = "", line: int | None = None):
        self.message = message
        self.file_name = file_name
        self.line = line
        super().__init__(str(self))

    def __str__(self):
        where = self.file_name or "<document>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Warning:
    line: int | None
    code: str
    message: str


@dataclass(frozen=True)
class CreditRecord:
    name: str
    role: str  # "director", "writer", "cast"
    line: int
    character: str = ""
    credited_as: str = ""
    note: str = ""  # `(screenplay)`, `(uncredited)`: said of the credit, not of the person
    billing_order: int | None = None
    top_billed: bool = False


@dataclass(frozen=True)
class ReleaseRecord:
    territory: str
    medium: str
    date: datetime.date | None
    date_text: str
    note: str
    line: int


@dataclass(frozen=True)
class RuntimeRecord:
    territory: str
    minutes: int
    line: int
    note: str = ""  # the version: `director's cut`, `international`


@dataclass(frozen=True)
class CertificateRecord:
    territory: str
    rating: str
    reason: str
    line: int


@dataclass(frozen=True)
class DistributorRecord:
    territory: str
    company: str
    line: int


@dataclass(frozen=True)
class NoteRecord:
    kind: str  # FilmNote.Kind values
    text: str
    line: int
    detail: str = ""


@dataclass(frozen=True)
class MoneyRecord:
    kind: str  # "budget", "opening_weekend", "gross"
    amount: Decimal
    currency: str
    line: int
    territory: str = ""
    date: datetime.date | None = None
    is_estimate: bool = False
    note: str = ""


@dataclass(frozen=True)
class TitleRecord:
    """Another title of the film: `Original Title: Trois couleurs: Bleu` ("original"), `Also
    Known As: Blue` ("aka"), `Yojimbo (World-wide: English title)` ("english")."""

    title: str
    kind: str
    line: int


@dataclass(frozen=True)
class QuoteRecord:
    lines: tuple[tuple[str, str], ...]  # (speaker, text)
    line: int


@dataclass(frozen=True)
class ReviewRecord:
    body: str
    line: int
    title: str = ""
    username: str = ""
    date: datetime.date | None = None
    rating: Decimal | None = None
    rating_source: str = ""  # "field" or "text"
    helpful_yes: int | None = None
    helpful_total: int | None = None
    has_spoilers: bool = False
    # Alternative (username, date) readings of a glued author/date line, when ambiguous.
    author_alternatives: tuple[tuple[str, datetime.date], ...] = ()
    # Derived from the text as the record is made (so in the reading process, when the import
    # reads ahead): the text's identity, and its folded form for search.
    fingerprint: str = field(init=False, repr=False, compare=False)
    search_text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "fingerprint", fingerprint(self.body))
        object.__setattr__(self, "search_text", review_search_text(self.title, self.body))


@dataclass(frozen=True)
class MentionedFilm:
    """A film named in prose with its year: `in 1979 with ROCKY II: THE RETURN`."""

    title: str
    year: int | None
    line: int
    # Named with other films in a sentence about a series (`His trilogy on revenge opened in
    # 2002 with …, continued in 2003 with …`): of the series, whether its title shares the
    # stem of the document's film or not.
    in_series: bool = False
    # Titles the prose gives it in parentheses before its year (`BROTHER (BRAT, 1997)`).
    other_titles: tuple[str, ...] = ()
    # Named without a year as the new film (`Spielberg and Lucas return with …`): a kit's own.
    new: bool = False


@dataclass
class FilmDocument:
    """Everything one document says about one film."""

    format: str
    title: str = ""
    title_line: int | None = None
    year: int | None = None
    logline: str = ""
    plot: str = ""
    synopsis: str = ""
    imdb_id: str = ""
    imdb_rating: Decimal | None = None
    other_titles: list[TitleRecord] = field(default_factory=list)
    credits: list[CreditRecord] = field(default_factory=list)
    releases: list[ReleaseRecord] = field(default_factory=list)
    runtimes: list[RuntimeRecord] = field(default_factory=list)
    certificates: list[CertificateRecord] = field(default_factory=list)
    distributors: list[DistributorRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)
    money: list[MoneyRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    # Every review; for a document read as a stream, the first batch only: the others are
    # read from the file as the loader asks for them (`review_batches`).
    reviews: list[ReviewRecord] = field(default_factory=list)
    more_reviews: Iterator[list[ReviewRecord]] = field(default_factory=lambda: iter(()))
    reviews_streamed: int = 0
    mentioned_films: list[MentionedFilm] = field(default_factory=list)
    series_name: str = ""
    claimed_review_count: int | None = None
    # How far the count may be from the claim: a page that rounds it (`1.2K reviews`, 1,150 to
    # 1,249) claims no exact count.
    claimed_review_margin: int = 0
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, line: int | None, code: str, message: str) -> None:
        self.warnings.append(Warning(line, code, message))

    @property
    def record_count(self) -> int:
        return (
            (1 if self.title or self.year else 0)
            + len(self.other_titles)
            + len(self.credits)
            + len(self.releases)
            + len(self.runtimes)
            + len(self.certificates)
            + len(self.distributors)
            + len(self.notes)
            + len(self.money)
            + len(self.quotes)
            + len(self.reviews)
            + self.reviews_streamed
        )

    def stream_reviews(self, records: Iterator[ReviewRecord], batch_size: int) -> None:
        """Take the first batch of `records` now and the others when they are asked for."""
        self.reviews = list(islice(records, batch_size))

        def rest() -> Iterator[list[ReviewRecord]]:
            while batch := list(islice(records, batch_size)):
                self.reviews_streamed += len(batch)
                yield batch

        self.more_reviews = rest()

    def review_batches(self) -> Iterator[list[ReviewRecord]]:
        """Every review, in batches, once: what `reviews` holds, then the rest of the stream."""
        if self.reviews:
            yield self.reviews
        yield from self.more_reviews

    def read_all(self) -> "FilmDocument":
        """Read the rest of a stream into `reviews` (for a small document, or a test)."""
        for batch in self.more_reviews:
            self.reviews.extend(batch)
        self.reviews_streamed = 0
        return self
