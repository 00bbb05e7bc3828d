"""Text copied from a user-reviews web page.

A header (`Title (Year) Poster`, `User Reviews`, `31 Reviews`, `Sort by:` …), then reviews: the
reviewer's rating where the page shows one (`8/10`), a title line, the author glued to the date
(`robo829 July 2006`) or on the line above it, an optional `Warning: Spoilers` line, paragraphs,
and `N out of M found this helpful. …` (the page's vote links may follow on lines of their own;
a review no one voted on ends with `Was this review helpful?` alone); then a footer.
"""

import io
import itertools
import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal

from ..text import fold, is_shouted, title_case
from .common import (
    CONTROL_CHARACTERS,
    MONTH_FORMS,
    SPOILER_LINE,
    month_number,
    numeric_release_date,
    parse_written_date,
    rating_in_text,
    spoiler_marker,
    warn_controls_removed,
)
from .records import REVIEW_BATCH, FilmDocument, ImportFormatError, ReviewRecord

FORMAT = "review_page"

# `12 out of 14 found this helpful.`; written otherwise, `12 of 14 people found this review
# helpful`.
HELPFUL = re.compile(
    r"^(\d[\d,]*) (?:out )?of (\d[\d,]*) (?:people |users )?found this (?:review )?helpful\b",
    re.IGNORECASE,
)
# A newer layout closes a review with its votes for (`Helpful•45`) and, on the next line, its
# votes against (`6`), then `Permalink`; a count of thousands rounded (`Helpful•1.2K`).
_VOTES = r"\d[\d,]*|\d+(?:\.\d)?[KkMm]"
_HELPFUL_FOR = re.compile(rf"^Helpful\s*[•·]\s*({_VOTES})$", re.IGNORECASE)
# The helpful line a copy cut short ends with, its counts whole: `11 out of 14 found thi`.
_CUT_HELPFUL = re.compile(r"^(\d[\d,]*) out of (\d[\d,]*) ", re.IGNORECASE)
_VOTES_AGAINST = re.compile(rf"^({_VOTES})$")
# An older layout opens a review with its votes and closes it with a question.
_USEFUL_BEFORE = re.compile(
    r"^(\d[\d,]*) out of (\d[\d,]*) people found the following review useful:?$", re.IGNORECASE
)
_USEFUL_AFTER = re.compile(r"^Was the above review useful to you\??$", re.IGNORECASE)
# That layout's author line: `Author: anna.k from Oslo, Norway`.
_AUTHOR_FROM = re.compile(r"^Author:\s*(?P<name>.+?)(?:\s+from\s+.+)?$")
_AUTHOR_DATE = re.compile(rf"^(?P<glued>.*?)(?P<month>{MONTH_FORMS}) (?P<year>\d{{4}})\s*$")
# A date alone on its line, under its author's: `29 July 2006`, or month first as newer pages
# write it, `Jul 29, 2006`.
# A date's key, in the oldest layout: `Date: 12 March 2005`, under `Author: …`.
_DATE_KEY = re.compile(r"^Date:\s*", re.IGNORECASE)
# A date alone on its line: `11 March 2006` (`11th March 2006`), `Mar 11, 2006` (`March 11th,
# 2006`), or in figures, `2006-03-11`, `11/03/2006`, `11.03.2006`.
_DATE_LINE = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)? ({MONTH_FORMS}) (\d{{4}})$"
    r"|^(?:1[89]|20)\d\d-\d{1,2}-\d{1,2}$|^\d{1,2}(?P<sep>[./])\d{1,2}(?P=sep)(?:1[89]|20)\d\d$"
)
_MONTH_FIRST = r"[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?, \d{4}"
_MONTH_FIRST_LINE = re.compile(rf"^{_MONTH_FIRST}$")
# The author beside a date written month first: `jeanpaul_m · Jun 14, 2003`.
_AUTHOR_MONTH_FIRST = re.compile(rf"^(?P<author>.*\S)\s*(?P<date>{_MONTH_FIRST})$")
# The date first, then its author: `14 June 2004 by ann-1`, `Jun 14, 2004 · ann-1` (a username
# of a few words, no sentence).
_DATE_BY_AUTHOR = re.compile(
    rf"^(?P<date>\d{{1,2}} (?:{MONTH_FORMS}) \d{{4}}|{_MONTH_FIRST})\s+(?:by|[-–·|•])\s+"
    r"(?P<author>[^\s.!?](?:\S*)(?: \S+){0,2})$"
)
# `Heat (1995) Poster`; a copy may keep the browser's title: `Heat (1995) - User Reviews - IMDb`.
_FILM_HEADER = re.compile(
    # What a browser's tab says before it: `Reviews: Heat (1995)`, `User reviews of Heat (1995)`.
    r"^(?:(?i:User reviews?(?: of| for)?:?|reviews?(?: of| for)?:)\s+(?=\S))?"
    r"(?P<title>.+?)(?: \([IVX]{1,4}\))? \((?:(?P<kind>[A-Z][\w ]{1,20}) )?"
    r"(?P<year>\d{4})\)(?: Poster)?(?:\s+[-–|]\s+.*)?\s*$"
)
# `31 Reviews`; the oldest layout's `12 reviews in total` (`Index 12 reviews in total`); as
# other copies write it, `User Reviews (31)`, `Reviews: 31`, `Showing 1-25 of 31 reviews`, `31
# Reviews | Hide Spoilers`. Each form names its count alike.
_COUNTED = r"(?:(?P<count>[\d,]+)|(?P<rounded>\d+(?:\.\d)?)(?P<unit>[KM]))"
_CLAIMED_FORMS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"^(?:(?:Index|Showing\s+\d+\s*[-–]\s*\d+\s+of)\s+)?{_COUNTED}"
        r" (?:user )?reviews?(?: in total)?(?:\s*\|\s*Hide Spoilers)?\s*$",
        rf"^(?:User )?Reviews?\s*\(\s*{_COUNTED}\s*\)\s*$",
        rf"^(?:User )?Reviews?:\s*{_COUNTED}\s*$",
    )
]


def _claimed(line: str) -> re.Match | None:
    """The count of reviews a header line claims, in any of its forms."""
    return next(filter(None, (form.match(line) for form in _CLAIMED_FORMS)), None)


_HEADER_LINES = re.compile(
    r"^(User Reviews|Review this title|Sort by\b.*|Filter by\b.*|Hide Spoilers|"
    r"Helpfulness|Featured|Show All|All reviews|Review)\s*$",
    re.IGNORECASE,
)
# The film's IMDb rating in a newer layout's header (`8.3/10`, `IMDb RATING 8.3/10`): a
# reviewer's own is a whole number.
_FILM_RATING = re.compile(r"^(?:IMDb rating:?\s*)?(?P<rating>\d(?:[.,]\d)?)\s*/\s*10$", re.I)
# The page's vote links, where they stand on lines of their own after the helpful-vote line.
_VOTE_LINES = re.compile(
    r"^(Was this review helpful\?.*|Sign in to vote\.?|Permalink|Report this|\|)\s*$",
    re.IGNORECASE,
)
# A review no one voted on: the page's question closes it (`Was this review helpful? Sign in to
# vote.`), with no count of votes before it or after it.
_UNVOTED = re.compile(r"^Was this review helpful\?", re.IGNORECASE)
# The reviewer's own rating, on the line above the review's title: `8/10`, `★ 8/10`, `Rating:
# 8/10`, `8 out of 10`, `4/5`, `★★★★☆`.
RATING_LINE = re.compile(
    r"^(?:★\s*)?(?:Rating:\s*|Rated\s+)?"
    r"(?:(?P<score>10|[0-9](?:\.[0-9])?)\s*(?:/|out of)\s*10"
    r"|(?P<fifths>5|[0-4](?:\.5)?)\s*(?:/|out of)\s*5(?:\s+stars)?"
    r"|(?P<stars>[★☆]{10}|[★☆]{5}))$",
    re.IGNORECASE,
)


def shown_rating(line: str) -> Decimal | None:
    """The reviewer's rating a line shows alone: `8/10`, out of five (`4/5`: 8), or stars out of
    ten or out of five (`★★★★☆`: 8); None for a line that is none."""
    shown = RATING_LINE.match(line.strip())
    if shown is None:
        return None
    if shown["score"]:
        return Decimal(shown["score"])
    if shown["fifths"]:
        return Decimal(shown["fifths"]) * 2
    return Decimal(10 * shown["stars"].count("★") // len(shown["stars"]))


_FOOTER_LINES = re.compile(
    r"^(An error has occ?urr?ed\..*|See also|Load More|See all( \d+)? reviews)\s*$", re.IGNORECASE
)


def looks_like(text: str) -> bool:
    """A review's helpful votes, in any layout (not under a dump's `Release Year:`); or, for a
    page with no
    review, its header: the film, then `User Reviews` (`Heat (1995) Poster`, `User Reviews`,
    `0 Reviews`)."""
    if re.search(
        rf"^(?:\d[\d,]* out of \d[\d,]* found this helpful|Helpful\s*[•·]\s*(?:{_VOTES})\s*$"
        r"|Was the above review useful to you)",
        text,
        re.MULTILINE | re.IGNORECASE,
    ):
        # Unless a dump's field says the votes are those of the review a dump copied.
        return not re.search(r"^(?i:Release Year):\s*\d{4}\s*$", text[:20000], re.MULTILINE)
    lines = [line.strip() for line in text[:2000].splitlines() if line.strip()][:4]
    return (
        len(lines) >= 2
        and bool(_FILM_HEADER.match(lines[0]))
        and any(line.lower() == "user reviews" for line in lines[1:])
    )


def author_date_readings(line: str) -> list[tuple[str, date]]:
    """Every (username, date) the glued line can be read as, longest day first.

    `robo829 July 2006` -> [("robo8", 29 July), ("robo82", 9 July)].
    """
    match = _AUTHOR_DATE.match(line.strip())
    if not match:
        return []
    glued = match.group("glued").rstrip()
    digits = len(glued) - len(glued.rstrip("0123456789"))
    # `jeanpaul_m · 14 June 2003`: a space before the digits parts them from the username.
    spaced = digits < len(glued) and glued[-digits - 1].isspace()
    readings = []
    for width in (2, 1):
        day_text = glued[-width:]
        username = _username(glued[:-width])
        if len(day_text) != width or not day_text.isdigit() or not username:
            continue
        if width == 2 and day_text.startswith("0"):
            continue
        if spaced and width != digits:
            continue
        try:
            month = month_number(match.group("month").rstrip("."))
            when = date(int(match.group("year")), month, int(day_text))
        except ValueError:
            continue
        readings.append((username, when))
    return readings


_BY = re.compile(r"^(?:(?:reviewed|review|written|posted)\s+)?by\s+", re.IGNORECASE)
# What some layouts set between the author and the date: `anna.k – 2 February 2010`,
# `anna.k, 2 February 2010`, `Reviewed by anna.k on 2 February 2010`; a bullet glued to both,
# `anna.k•Feb 2, 2010` (a dash may end a username: only a spaced one parts).
_SEPARATOR = re.compile(r"(?<!\s)\s+[·•|–—-]$|(?<!\s)\s*[·•|]$|,$")
_ON = re.compile(r"(?<!\s)\s+on$", re.IGNORECASE)  # after `by`: a username may end in ` on`


def _username(text: str) -> str:
    """The username before the day: `by anna.k –` and `Reviewed by anna.k on` are `anna.k`."""
    name = _SEPARATOR.sub("", text.strip())
    if (by := _BY.match(name)) and (after := _ON.sub("", name[by.end() :])):
        return after
    return name


def author_at(lines: list[str], i: int) -> tuple[list[tuple[str, date]], int]:
    """The readings of an author and date that begin at line `i`, and how many lines they take:
    glued on one line (`robo829 July 2006`), after the date (`29 July 2006 by robo8`), or the
    username above a line that is a date alone (`robo8` / `29 July 2006`). No readings: no
    author there."""
    line = lines[i].strip()
    alone = _DATE_KEY.sub("", line)
    if _DATE_LINE.match(alone) or _MONTH_FIRST_LINE.match(alone):  # a date alone is no glued
        return [], 0  # author (`12 March 2006` is not `1` on the 2nd), whether it exists or not
    if readings := author_date_readings(line):
        return readings, 1
    beside = _AUTHOR_MONTH_FIRST.match(line) or _DATE_BY_AUTHOR.match(line)
    if beside and (when := parse_written_date(beside["date"])) and _username(beside["author"]):
        return [(_username(beside["author"]), when)], 1
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    when = _date_alone(below)
    if not when or not line or len(line) > 80 or line[-1] in ".!?" or _HEADER_LINES.match(line):
        return [], 0
    if written := _AUTHOR_FROM.match(line):  # `Author: anna.k from Oslo`: the place is no name
        line = written["name"]
    return [(line, when)], 2


def _date_alone(line: str) -> date | None:
    """The date a line holds and nothing else (`29 July 2006`, `Jul 29, 2006`, `Date: 29 July
    2006`); None when it holds more, or a day that does not exist."""
    line = _DATE_KEY.sub("", line)
    if _DATE_LINE.match(line) or _MONTH_FIRST_LINE.match(line):
        # In figures that read either way (`05/06/1997`): day first, as the page writes its
        # dates in words (`5 June 1997`).
        return parse_written_date(line) or numeric_release_date(line, "")
    return None


def choose_author(readings: list[tuple[str, date]], known: set[str]) -> tuple[str, date, bool]:
    """Pick one reading: a known reviewer (`known` holds folded usernames) first, then a
    username not ending in `-`, then the two-digit day. Returns (username, date, ambiguous)."""
    if len(readings) == 1:
        return (*readings[0], False)
    known_readings = [r for r in readings if fold(r[0]) in known]
    if len(known_readings) == 1:
        return (*known_readings[0], False)
    plausible = [r for r in readings if not r[0].endswith("-")]
    if len(plausible) == 1:
        return (*plausible[0], False)
    username, when = (plausible or readings)[0]
    # Only digits glued to digits are in doubt: `gotchast19 July` is gotchast on the 19th.
    return username, when, username[-1].isdigit()


def parse(text: str) -> FilmDocument:
    """The whole page, every review read."""
    return stream(io.StringIO(text), REVIEW_BATCH).read_all()


def stream(lines: Iterable[str], batch_size: int) -> FilmDocument:
    """The page's header and first batch of reviews; the others are read from `lines` as the
    loader asks for them (one review's lines are held at a time)."""
    doc = FilmDocument(format=FORMAT)
    doc.stream_reviews(_records(doc, _heads_of_titles_dated(lines)), batch_size)
    return doc


# A review's title with its date after a comma, over its author, in an older layout:
# `A fairy tale for grown-ups, 20 January 2007` / `Author: madrileño from Madrid, Spain`.
_TITLE_COMMA_DATE = re.compile(rf"^(?P<title>.+?),\s+(?P<date>\d{{1,2}} {MONTH_FORMS} \d{{4}})\s*$")
# Its title under a key, over the author or the date: `Summary: A fairy tale for grown-ups`.
_SUMMARY_KEY = re.compile(r"^\s*Summary:\s*(?P<title>\S.*?)\s*$")


def _heads_of_titles_dated(lines: Iterable[str]) -> Iterator[str]:
    """The lines, with the heads of an older layout's reviews written as other layouts write
    them, line for line (a review's lines keep their numbers): `Title, 20 January 2007` over
    `Author: ann from Oslo` as the title over `ann 20 January 2007`; `Summary: Title` as the
    title; `Date: …` over `Author: …` as the author over the date."""
    previous = None
    for line in lines:
        if previous is not None:
            previous, line = _older_head(previous, line)
            yield previous
        previous = line
    if previous is not None:
        yield previous


def _older_head(first: str, second: str) -> tuple[str, str]:
    """Two lines of a review's head, as other layouts write them (`_heads_of_titles_dated`)."""
    if second.lstrip()[:5].lower() not in ("autho", "date:"):
        return first, second  # most lines: read no further
    author = _AUTHOR_FROM.match(second.strip())
    key = _DATE_KEY.match(second.strip()) or author
    if author and (dated := _TITLE_COMMA_DATE.match(first)):
        return f"{dated['title'].strip()}\n", f"{author['name']} {dated['date']}\n"
    if author and _DATE_KEY.match(first.strip()):
        return second, first
    if key and (summary := _SUMMARY_KEY.match(first)):
        return f"{summary['title']}\n", second
    return first, second


def _records(doc: FilmDocument, lines: Iterable[str]) -> Iterator[ReviewRecord]:
    """Each helpful-vote line closes a review: the lines since the one before are its own."""
    block: list[tuple[int, str]] = []  # (0-based line index, text) since the last helpful line
    found: set[str] = set()  # the reviews' fingerprints: a review the copy repeats counts once
    in_header = True
    controls_first, controls_lines = 0, 0  # where control characters were removed
    # A review closed by its votes for (`Helpful•45`), waiting for the line of votes against.
    waiting: tuple[list[tuple[int, str]], int, int] | None = None
    # A review closed by its votes with no author over its text, waiting for the lines after
    # its votes: the newest layout writes its author and date there (`Helpful•45` / `6` /
    # `john_d` / `Jan 6, 2005`).
    deferred: tuple[list[tuple[int, str]], int, int, re.Match | None] | None = None
    # Where the block's review may have closed unvoted (`Was this review helpful?`), until the
    # next line of words says so (it is no count of votes).
    unvoted: int | None = None

    def after_header(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """The first review's lines read, the header over them read first."""
        nonlocal in_header
        if in_header:
            block = block[_header(doc, [line for _, line in block]) :]
            in_header = False
        return block

    def close(block: list[tuple[int, str]], end: int, votes) -> ReviewRecord | None:
        yes, total = (_count(count) for count in votes) if votes else (None, None)
        return _review(doc, after_header(block), end, yes, total)

    for index, text in enumerate(lines):
        last = not text.endswith("\n")  # a file's last line, if it ends with no line break
        text = text.rstrip("\n")
        if CONTROL_CHARACTERS.search(text):
            text = CONTROL_CHARACTERS.sub("", text)
            controls_first, controls_lines = controls_first or index + 1, controls_lines + 1
        line = text.strip()
        if deferred is not None and line and not _VOTE_LINES.match(line):
            words = [(i, t) for i, t in block if t.strip() and not _VOTE_LINES.match(t.strip())]
            words.append((index, text))
            readings, taken = author_at([t for _, t in words], 0)
            if readings and taken == len(words):  # its author and date: the review's own
                record = _voted_for(doc, deferred[0] + words, *deferred[1:])
                deferred, block = None, [item for item in block if item not in words]
                if record is not None:
                    found.add(record.fingerprint)
                    yield record
                continue
            if len(words) > 1:  # no author after its votes: the review as it is
                if (record := _voted_for(doc, *deferred)) is not None:
                    found.add(record.fingerprint)
                    yield record
                deferred = None
        if waiting is not None and line:
            against = _VOTES_AGAINST.match(line)
            if not _has_author(waiting[0]):
                deferred, waiting = (*waiting, against), None
                if against:
                    continue
            if waiting is not None:
                if (record := _voted_for(doc, *waiting, against)) is not None:
                    found.add(record.fingerprint)
                    yield record
                waiting = None
                if against:
                    continue
        closing = HELPFUL.match(line) or _HELPFUL_FOR.match(line) or _USEFUL_AFTER.match(line)
        if last and not closing and (closing := _cut_helpful(text.lstrip())):
            doc.warn(index + 1, "cut_short", f"the copy ends mid-line: {line!r} read as votes")
        if unvoted is not None and line and not closing and not _VOTE_LINES.match(line):
            record = close(block[:unvoted], block[unvoted - 1][0], None)
            block, unvoted = block[unvoted:], None
            if record is not None:
                found.add(record.fingerprint)
                yield record
        if (
            not closing
            and _AUTHOR_FROM.match(line)
            and (start := _next_review_start(block)) is not None
        ):
            # The older layout copied without its closing questions: the next review's
            # `Author:` line, under its title and maybe its votes, closes the one before.
            ended, block = _votes_before(block[:start]), block[start:]
            if (record := close(ended[0], ended[0][-1][0], ended[1])) is not None:
                found.add(record.fingerprint)
                yield record
        if not closing and not in_header and _page_again(doc, line, block):
            # The page copied again under its footer (or a second page of its reviews, copied
            # with its header): its header is read as one, not as a review.
            doc.warn(index + 1, "page_again", "the page is copied again from here: header skipped")
            block, in_header = [], True
        if not closing:
            if _UNVOTED.match(line) and _holds_words(block):
                unvoted = len(block) + 1
            block.append((index, text))
            continue
        unvoted = None
        if closing.re is _USEFUL_AFTER:  # the votes, if any, opened the review
            block, votes = _votes_before(block)
        else:
            votes = closing.groups()
        if closing.re is _HELPFUL_FOR:  # its votes against on the next line
            waiting, block = (after_header(block), index, votes[0]), []
            continue
        *unclosed, block = _reviews_apart(after_header(block))
        for part in unclosed:  # a review whose helpful line the copy lost: its votes unknown
            if (record := _review(doc, part, part[-1][0], None, None)) is not None:
                found.add(record.fingerprint)
                yield record
        record = close(block, index, votes)
        block = []
        if record is not None:
            found.add(record.fingerprint)
            yield record
    if waiting is not None and (record := _voted_for(doc, *waiting, None)) is not None:
        found.add(record.fingerprint)
        yield record
    if deferred is not None and (record := _voted_for(doc, *deferred)) is not None:
        found.add(record.fingerprint)
        yield record
    if unvoted is not None:
        record = close(block[:unvoted], block[unvoted - 1][0], None)
        block = block[unvoted:]
        if record is not None:
            found.add(record.fingerprint)
            yield record
    if _last_author(block) is not None:  # the older layout's last review, no question after it
        end = next(
            (i for i, (_, text) in enumerate(block) if _FOOTER_LINES.match(text.strip())),
            len(block),
        )
        (ended, votes), block = _votes_before(block[:end]), block[end:]
        if (record := close(ended, ended[-1][0], votes)) is not None:
            found.add(record.fingerprint)
            yield record
    end = next(
        (i for i, (_, text) in enumerate(block) if _FOOTER_LINES.match(text.strip())), len(block)
    )
    if not in_header and _opens_with_an_author(block[:end]):
        # The last review, its helpful line lost in the copy: its votes unknown.
        for part in _reviews_apart(block[:end]):
            if (record := _review(doc, part, part[-1][0], None, None)) is not None:
                found.add(record.fingerprint)
                yield record
        block = block[end:]
    if controls_lines:
        warn_controls_removed(doc, controls_first, controls_lines)
    if in_header:
        _page_without_reviews(doc, block)
        block = []
    for index, text in block:
        line = text.strip()
        if _FOOTER_LINES.match(line):
            break
        if line and not _VOTE_LINES.match(line):
            doc.warn(index + 1, "unplaced_line", f"text after the last review: {line[:80]!r}")
    claimed, margin = doc.claimed_review_count, doc.claimed_review_margin
    if claimed is not None and abs(claimed - len(found)) > margin:
        about = "about " if margin else ""
        doc.warn(
            None,
            "review_count_mismatch",
            f"the page claims {about}{claimed:,} reviews but {len(found)} were found in the copy",
        )


# Words that end a sentence's words before a date (`seen here on 6 January 2005`), not a name.
_BEFORE_A_DATE = {"on", "in", "at", "of", "since", "from", "until", "by", "the", "and", "to"}
_LONGEST_TITLE = 120


def _reviews_apart(block: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The reviews of a block one helpful line closes: one, or more when the copy lost the
    line that closed a review before it (its text ran on into the next review's title and
    author line). A later author line (a username of a few words at most) under a short line,
    after a line of text at least, opens a review at that line, its title; or at the rating
    over it, when the block's first review opens with its rating too."""
    words = [(position, text.strip()) for position, (_, text) in enumerate(block) if text.strip()]
    texts = [text for _, text in words]
    rating_first = bool(texts) and shown_rating(texts[0]) is not None
    starts, author = [], None
    for w in range(len(texts)):
        readings, _ = author_at(texts, w)
        if not readings or not _a_username(readings[0][0]):
            continue
        if author is not None and w - 1 > author + 1 and len(texts[w - 1]) <= _LONGEST_TITLE:
            start = w - 1
            if rating_first and start - 1 > author + 1 and shown_rating(texts[start - 1]):
                start -= 1
            starts.append(words[start][0])
        author = w
    bounds = [0, *starts, len(block)]
    return [block[a:b] for a, b in itertools.pairwise(bounds)]


def _opens_with_an_author(block: list[tuple[int, str]]) -> bool:
    """Whether lines after the last review closed open as a review does: an author line, maybe
    under a title (and a rating), with text after it."""
    texts = [text.strip() for _, text in block if text.strip()]
    texts = [text for text in texts if not _VOTE_LINES.match(text)]
    return any(
        (readings := author_at(texts, i)[0]) and _a_username(readings[0][0]) and i + 1 < len(texts)
        for i in range(min(3, len(texts)))
    )


def _a_username(name: str) -> bool:
    """Whether what an author line reads before its date may be a username: a few words, not
    a sentence's words before a date."""
    words = name.split()
    return 0 < len(words) <= 3 and len(name) <= 40 and words[-1].lower() not in _BEFORE_A_DATE


def _last_author(block: list[tuple[int, str]]) -> int | None:
    """Where the older layout's `Author:` line of the block's review is; None for none."""
    return next(
        (i for i in range(len(block) - 1, -1, -1) if _AUTHOR_FROM.match(block[i][1].strip())),
        None,
    )


def _next_review_start(block: list[tuple[int, str]]) -> int | None:
    """Where the next review opens in a block of the older layout whose review is not closed,
    at an `Author:` line that follows: its title (the last line of words), or the votes over
    it; None when the block holds no review of that layout with its text before them."""
    author = _last_author(block)
    words = [i for i, (_, text) in enumerate(block) if text.strip()]
    if author is None or len(words) < 2 or words[-1] <= author + 1:
        return None
    start = words[-1]
    before = [i for i in words if i < start]
    if before and _USEFUL_BEFORE.match(block[before[-1]][1].strip()) and before[-1] > author + 1:
        start = before[-1]
    return start


def _cut_helpful(line: str) -> re.Match | None:
    """The helpful line a copy cut short in its words ends with (`11 out of 14 found thi`)."""
    cut = _CUT_HELPFUL.match(line)
    return cut if cut and "found this helpful".startswith(line[cut.end() :].lower()) else None


def _holds_words(block: list[tuple[int, str]]) -> bool:
    """Whether lines since a review closed hold more than the page's vote links: a review."""
    return any((line := text.strip()) and not _VOTE_LINES.match(line) for _, text in block)


def _page_without_reviews(doc: FilmDocument, block: list[tuple[int, str]]) -> None:
    """A page with no helpful-vote line is a page only when it holds its header and nothing
    more (a footer at most): a film with no review yet."""
    for index, text in block:
        line = text.strip()
        if not line or _HEADER_LINES.match(line):
            continue
        if _FOOTER_LINES.match(line):
            break
        if not _header_fact(doc, line, index + 1):
            raise ImportFormatError(
                "no review ends with a 'found this helpful' line", line=index + 1
            )
    if not doc.title:
        raise ImportFormatError("no review ends with a 'found this helpful' line")


def _header_fact(doc: FilmDocument, line: str, number: int) -> bool:
    """Read the film (`Heat (1995) Poster`) or the count of reviews the page claims (`31
    Reviews`) from a header line; whether it was one."""
    if (film := _FILM_HEADER.match(line)) and not doc.title:
        # `HEAT (1995)`; IMDb's `(I)` tells films of one title and year apart, and `(TV
        # Movie 1995)` says what kind of film it is: neither is part of the title.
        title = film.group("title")
        doc.title = title_case(title) if is_shouted(title) else title
        doc.title_line, doc.year = number, int(film["year"])
        if film["kind"]:
            doc.warn(number, "film_kind", f"the page calls the film a {film['kind']}: not kept")
    elif claimed := _claimed(line):
        if claimed["count"]:
            doc.claimed_review_count = int(claimed["count"].replace(",", ""))
        else:  # `1.2K reviews`: about 1,200, give or take half its last digit
            unit = 1000 if claimed["unit"].upper() == "K" else 1_000_000
            rounded = claimed["rounded"]
            doc.claimed_review_count = round(float(rounded) * unit)
            doc.claimed_review_margin = unit // (10 if "." in rounded else 1) // 2
    elif (rating := _film_rating(line)) is not None:
        doc.imdb_rating = rating
    else:
        return False
    return True


def _film_rating(line: str) -> Decimal | None:
    """The film's IMDb rating a header line gives (`8.3/10`); None for any other line."""
    rated = _FILM_RATING.match(line)
    if rated is None or rated["rating"].isdigit():  # `8/10`: a reviewer's
        return None
    return Decimal(rated["rating"].replace(",", "."))


def _page_again(doc: FilmDocument, line: str, block: list[tuple[int, str]]) -> bool:
    """Whether `line` heads the page again, after a review's votes and the page's footer
    (`Heat (1995)`), or with nothing between (`Heat (1995) Poster`; a review may be
    titled by its film and year): a copy pasted twice, or its second page of reviews."""
    if not (header := _FILM_HEADER.match(line)) or not doc.title:
        return False
    if (fold(header["title"]), int(header["year"])) != (fold(doc.title), doc.year):
        return False
    words = [text.strip() for _, text in block if text.strip()]
    if words:
        return bool(_FOOTER_LINES.match(words[0]))
    return bool(line[header.end("year") + 1 :].strip())  # `Poster`, a browser's `- IMDb`


def _filled_above(lines: list[str], index: int) -> int:
    """The index of the last line before `index` that is not blank; -1 when there is none."""
    index -= 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    return index


def _header(doc: FilmDocument, lines: list[str]) -> int:
    """Read the header from the lines before the first helpful-vote line; return the index of
    the first review's first line."""
    author_line = next((i for i in range(len(lines)) if author_at(lines, i)[0]), len(lines))
    counted = None  # the count of reviews alone under `User reviews`, as the newest layout has it
    for i in range(author_line):
        line = lines[i].strip()
        if not line or _HEADER_LINES.match(line):
            continue
        above = _filled_above(lines, i)
        if (
            line.isdigit()
            and doc.claimed_review_count is None
            and above >= 0
            and lines[above].strip().lower() == "user reviews"
        ):
            doc.claimed_review_count, counted = int(line), i
            continue
        _header_fact(doc, line, i + 1)
    if not doc.title:
        _title_without_year(doc, lines[:author_line])
    if not doc.title:
        raise ImportFormatError("no 'Title (Year)' line names the film", line=1)
    # The first review's title is the line just above its author line, when that is no header;
    # above it may stand the reviewer's rating, and above that a spoiler warning (`_review`
    # reads both).
    above = _filled_above(lines, author_line)
    if above >= 0 and RATING_LINE.match(lines[above].strip()):
        # The reviewer's rating under the review's title: the title is the line above it.
        title = _filled_above(lines, above)
        if (
            title >= 0
            and _is_review_title(lines[title], doc)
            and not RATING_LINE.match(lines[title].strip())
        ):
            above = title
    start = author_line
    if author_line == len(lines):
        # No author over the first review's text (the newest layout writes it after the votes):
        # the review opens with the first line that is none of the header's.
        start = next(
            (
                i
                for i, line in enumerate(lines)
                if line.strip()
                and not _of_the_header(doc, line.strip(), i)
                and not line.strip().isdigit()  # a count alone, kept aside below
            ),
            len(lines),
        )
    elif above >= 0 and _is_review_title(lines[above], doc):
        start = above
        # Over the title, the reviewer's rating and a spoiler warning, in either order.
        for _ in range(2):
            previous = _filled_above(lines, start)
            if previous >= 0 and (
                RATING_LINE.match(lines[previous].strip())
                or SPOILER_LINE.match(lines[previous].strip())
            ):
                start = previous
    for i in range(start):  # what the header holds besides the page's own lines and facts
        line = lines[i].strip()
        if line and i != counted and not _of_the_header(doc, line, i):
            doc.warn(i + 1, "unplaced_line", f"header line kept aside: {line!r}")
    return start


def _of_the_header(doc: FilmDocument, line: str, i: int) -> bool:
    """Whether a line (the `i`th, 0-based) is one of the page's own or a fact of its header."""
    return bool(
        _HEADER_LINES.match(line)
        or _FILM_HEADER.match(line)
        or _claimed(line)
        or _film_rating(line) is not None
        or _USEFUL_BEFORE.match(line)  # the first review's votes, over it
        or i + 1 == doc.title_line
        or line.lower() == doc.title.lower()  # the film's name over `User reviews`
        or ((year := _YEAR_LINE.match(line)) and int(year["year"]) == doc.year)
    )


# A year on a line of its own, under the title of a newer layout's header: `1975`, `(1975)`.
_YEAR_LINE = re.compile(r"^\(?(?P<year>(?:18|19|20)\d\d)\)?$")


def _title_without_year(doc: FilmDocument, lines: list[str]) -> None:
    """A header that names the film over `User Reviews` (`Fargo`), not in a `Title (Year)`
    line: with its year on a line of its own between the two, or with none, and a warning
    (the film is found by its title alone)."""
    filled = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    for n, ((i, line), (_, below)) in enumerate(itertools.pairwise(filled)):
        if below.lower() != "user reviews" or len(line) > 150 or _HEADER_LINES.match(line):
            continue
        year = _YEAR_LINE.match(line)
        if year:  # the title, then its year on a line of its own
            if n == 0 or _HEADER_LINES.match(filled[n - 1][1]) or len(filled[n - 1][1]) > 150:
                continue
            i, line = filled[n - 1]
        doc.title = title_case(line) if is_shouted(line) else line
        doc.title_line = i + 1
        if year:
            doc.year = int(year["year"])
        else:
            doc.warn(i + 1, "no_year", f"the page gives no year for {doc.title!r}")
        return


def _is_review_title(line: str, doc: FilmDocument) -> bool:
    line = line.strip()
    return not (
        _HEADER_LINES.match(line)
        or _claimed(line)
        or (_FILM_HEADER.match(line) and line.lower().startswith(doc.title.lower()))
    )


def _has_author(block: list[tuple[int, str]]) -> bool:
    """Whether a review's head, its first lines, holds its author and date."""
    texts = [text.strip() for _, text in block if text.strip()][:6]
    return any(author_at(texts, i)[0] for i in range(len(texts)))


def _author_after_text(texts: list[str]) -> tuple[list[tuple[str, date]], int] | None:
    """The author and date on a review's last lines, under its title and text (the newest
    layout writes them after its votes), and where they begin; None when they are not."""
    for at in (len(texts) - 2, len(texts) - 1):
        if at >= 2 and (found := author_at(texts, at))[0] and at + found[1] == len(texts):
            return found[0], at
    return None


def _votes_before(block: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], tuple | None]:
    """A review's lines less the line of votes that opened it (`14 out of 17 people found the
    following review useful:`), and its votes; None when no votes opened it (none were cast)."""
    for position in range(len(block) - 1, -1, -1):
        if opening := _USEFUL_BEFORE.match(block[position][1].strip()):
            return block[:position] + block[position + 1 :], opening.groups()
    return block, None


def _count(votes: str) -> int:
    """`1,045` is 1045; a count the page rounds, `1.2K`, about 1200."""
    if votes[-1] in "KkMm":
        return round(float(votes[:-1]) * (1000 if votes[-1] in "Kk" else 1_000_000))
    return int(votes.replace(",", ""))


def _voted_for(
    doc: FilmDocument, block: list[tuple[int, str]], end: int, yes: str, against: re.Match | None
) -> ReviewRecord | None:
    """A review the newest layout closed with its votes for (`Helpful•45`), and the line of
    votes against under them; without that line, its votes are not known. A count the page
    rounds (`1.2K`) is kept as about that many, with a warning."""
    if against is None:
        doc.warn(end + 1, "helpful_votes", f"{yes} helpful votes, and no count of votes against")
        return _review(doc, block, end, None, None)
    rounded = [count for count in (yes, against.group(1)) if count[-1] in "KkMm"]
    if rounded:
        doc.warn(
            end + 1,
            "helpful_votes",
            f"helpful votes the page rounds ({', '.join(rounded)}): about as many kept",
        )
    yes_count = _count(yes)
    return _review(doc, block, end, yes_count, yes_count + _count(against.group(1)))


def _refuse_another_films_review(doc: FilmDocument, content: list[tuple[int, str]]) -> None:
    """A review headed by another film and its year, over its rating (`My Neighbor Totoro
    (1988)` / `9/10`), as a reviewer's page lists the reviews of many films: the page is
    refused, for each review would be taken for one of the page's film, its title for its
    author's name."""
    if len(content) < 2 or shown_rating(content[1][1]) is None:
        return
    film = _FILM_HEADER.match(content[0][1])
    if film and (fold(film["title"]), int(film["year"])) != (fold(doc.title), doc.year):
        raise ImportFormatError(
            f"a review of another film, {film['title']} ({film['year']}), on the page of "
            f"{doc.title} ({doc.year}): a reviewer's page of many films is not a film's review "
            "page",
            line=content[0][0] + 1,
        )


def _review(
    doc: FilmDocument, block: list[tuple[int, str]], end: int, yes: int | None, total: int | None
) -> ReviewRecord | None:
    """One review from its lines (0-based index, text) and the helpful votes of the line that
    closes it (`end`): `yes` of `total`, None when the page gives none."""
    # The page's links (`Permalink`, the last review's `Report this`) are no one's words,
    # wherever the copy put them.
    content = [(i, text.strip()) for i, text in block if text.strip()]
    content = [(i, text) for i, text in content if not _VOTE_LINES.match(text)]
    _refuse_another_films_review(doc, content)
    # A spoiler warning above the title (a newer layout's): the review has spoilers.
    warned_first = False
    while content and SPOILER_LINE.match(content[0][1]):
        content, warned_first = content[1:], True
    if not content:
        doc.warn(end + 1, "empty_review", "a 'found this helpful' line without a review")
        return None
    title, readings = "", []
    stated = None  # the rating the page shows above the title (not above an author line)
    texts = [text for _, text in content]
    shown = shown_rating(texts[0]) if len(texts) > 2 else None
    if shown is not None and not author_at(texts, 1)[0]:
        stated, content, texts = shown, content[1:], texts[1:]
    elif (
        len(texts) > 3 and (under := shown_rating(texts[1])) is not None and author_at(texts, 2)[0]
    ):
        # The rating under the title, over the author line: `Slow, and that is the point` /
        # `9/10` / `robo83 July 2012`.
        stated, content, texts = under, content[:1] + content[2:], texts[:1] + texts[2:]
    # A spoiler warning between the rating and the title: `9/10` / `Warning: Spoilers` / title.
    while stated is not None and len(content) > 1 and SPOILER_LINE.match(content[0][1]):
        content, texts, warned_first = content[1:], texts[1:], True
    first_index, first = content[0]
    if (found := author_at(texts, 0))[0]:
        readings, content = found[0], content[found[1] :]
    elif len(texts) > 1 and (found := author_at(texts, 1))[0]:
        title, readings, content = first, found[0], content[1 + found[1] :]
    elif (after := _author_after_text(texts)) is not None:
        # The newest layout's author and date after the text (and its votes): `Still the best`
        # / its text / `john_d` / `Jan 6, 2005`.
        readings, at = after
        title, content = first, content[1:at]
    else:
        title, content = first, content[1:]
        doc.warn(first_index + 1, "no_author", "review has no author/date line")
    title, marked = spoiler_marker(title)
    # The warning is the page's, not the reviewer's words, wherever the copy put it.
    kept = [(i, text) for i, text in content if not SPOILER_LINE.match(text)]
    spoilers = marked or warned_first or len(kept) < len(content)
    content = kept
    if not content:
        doc.warn(first_index + 1, "empty_review", "review without text was skipped")
        return None
    body = "\n\n".join(" ".join(text.split()) for _, text in content)
    rating = stated if stated is not None else rating_in_text(body)
    if rating is None:
        rating = shown_rating(title)  # a review titled with its rating: `6/10` over its author
    if yes is not None and total is not None and yes > total:
        doc.warn(end + 1, "bad_helpful", f"{yes} out of {total} helpful is impossible")
        yes = total = None
    return ReviewRecord(
        body=body,
        line=first_index + 1,
        title=title,
        username=readings[0][0] if readings else "",
        date=readings[0][1] if readings else None,
        rating=rating,
        rating_source="field" if stated is not None else "text" if rating is not None else "",
        helpful_yes=yes,
        helpful_total=total,
        has_spoilers=spoilers,
        author_alternatives=tuple(readings),
    )
