"""The metadata dump: a logline, `Key: value` blocks, a plot, a cast block, trivia, goofs, quotes
and one user review, separated by blank lines. It has no title field."""

import re
import textwrap
from dataclasses import replace
from decimal import Decimal

from ..text import (
    PARTS_SEPARATOR,
    SELF_PARTS,
    UNCAST_SPEAKERS,
    fold,
    is_shouted,
    name_forms,
    nicknames,
    restore_paragraphs,
    spoken_forms,
    strip_email,
    title_case,
)
from .common import (
    CAST_LINE,
    COMPANY_KEYS,
    CREDITED_AS,
    CREW_KEYS,
    DUMP_ONLY_KEYS,
    IMDB_KEYS,
    KEY_VALUE,
    NAME_PARTICLE,
    NARRATOR_KEYS,
    NOTE_KEYS,
    OTHER_TITLE_KEYS,
    SPOILER_LINE,
    TECHNICAL_KEYS,
    YEAR_VALUE,
    actor_as_character,
    blocks,
    board_certificate,
    board_country,
    cast_line_credit,
    certificates,
    continued_fields,
    crew_credits,
    crew_roles,
    key_capitalised,
    list_notes,
    listed_values,
    making_notes,
    narrator_credits,
    numeric_release_date,
    other_titles,
    parenthesised,
    parse_runtime,
    parse_written_date,
    part_not_note,
    rating_in_text,
    read_imdb_field,
    read_money,
    runtime_record,
    split_credit_note,
    split_names,
    spoiler_marker,
    territory,
    title_and_year,
    without_control_characters,
    year_of,
)
from .press_kit import ABBREVIATED, title_cased_line
from .records import (
    CreditRecord,
    FilmDocument,
    MentionedFilm,
    NoteRecord,
    QuoteRecord,
    ReleaseRecord,
    ReviewRecord,
)
from .review_page import HELPFUL, author_at, shown_rating

FORMAT = "metadata_dump"

GOOF_CATEGORIES = {
    "anachronisms",
    "audio/visual unsynchronized",
    "character error",
    "continuity",
    "crew or equipment visible",
    "errors in geography",
    "factual errors",
    "incorrectly regarded as goofs",
    "miscellaneous",
    "plot holes",
    "revealing mistakes",
    # one goof of a kind, named in the singular
    "anachronism",
    "continuity error",
    "error in geography",
    "factual error",
    "plot hole",
    "revealing mistake",
}
# A film linked to this one: `Heat 2 (2026)`.
_LINKED_FILM = r"(?P<title>\S.*?)\s*\((?P<year>(?:18|19|20)\d\d)\)"
# The keys and connections that link a film to the one before or after it in its series.
_SEQUEL_KEYS = (
    "follows",
    "followed by",
    "preceded by",
    "sequel",
    "sequel to",
    "prequel",
    "prequel to",
)


_FIELDS = {
    "release year": "year",
    "year": "year",
    "title": "title",
    **CREW_KEYS,
    "stars": "stars",
    "star": "stars",
    "cast": "cast",
    "starring": "cast",
    "voice cast": "cast",
    "voices": "cast",
    "featuring": "cast",
    "appearing": "cast",
    **dict.fromkeys(NARRATOR_KEYS, "narrator"),
    **NOTE_KEYS,
    "release date": "release",
    "release dates": "release",
    "country": "country",
    "countries": "country",
    "country of origin": "country",
    "countries of origin": "country",
    "language": "language",
    "languages": "language",
    "genre": "genre",
    "genres": "genre",
    **dict.fromkeys(("plot keywords", "plot keyword", "keywords", "keyword"), "keyword"),
    "budget": "budget",
    "opening weekend": "opening_weekend",
    "gross": "gross",
    "box office": "gross",
    **dict.fromkeys(("connections", "connection", *_SEQUEL_KEYS), "connections"),
    **dict.fromkeys(("runtime", "running time", "run time", "duration"), "runtime"),
    "certificate": "certificate",
    "certificates": "certificate",
    "certification": "certificate",
    **dict.fromkeys(OTHER_TITLE_KEYS, "other_title"),
    **dict.fromkeys(IMDB_KEYS, "imdb"),
    **dict.fromkeys([*COMPANY_KEYS, *TECHNICAL_KEYS], "making"),
}
# What the crew's keys hold: `director`, `producer`, `director+writer`.
_CREW_KINDS = frozenset(CREW_KEYS.values())
# The fewest words of a paragraph that opens with a phrase and a colon to be a plot's.
PHRASED_PLOT_WORDS = 12
# A field this parser has no place for (`Sound Mix: Dolby`, `Production Co: Balboa`): a key
# of a few capitalised words and a value that is no sentence (`Note: it was shot in order.` is
# trivia).
_OTHER_FIELD = re.compile(
    r"^[A-Z][A-Za-z]*\.?(?: [A-Za-z][A-Za-z]*\.?){0,3}:\s*(?P<value>.*[^.!?\s])\s*$"
)


# A figure's territory in its key: `Gross worldwide`, `Opening weekend US & Canada`.
_MONEY_WHERE = re.compile(
    # `Gross USA`, `Gross in Denmark`; IMDb's `Cumulative Worldwide Gross`; `Box office`.
    r"^(?:cumulative\s+)?(?:(?P<before>worldwide|domestic|international)\s+)?"
    r"(?P<kind>budget|gross|box office|opening weekend)(?:\s+(?:in\s+)?(?P<where>\S.*))?$",
    re.IGNORECASE,
)


# IMDb's connection of a film to another, `Followed by Heat 2 (2026)`: to the one before or after
# it in its series (`_SEQUEL_KEYS`), or of another kind (`Referenced in`, `Remake of`), not kept.
_CONNECTION = re.compile(
    r"^(?P<kind>Follows|Followed by|Preceded by|(?:Sequel|Prequel)(?: to)?|References|Referenced in"
    r"|Features|Featured in|Spoofs|Spoofed in|Edited into|Edited from|Remake of|Remade as"
    r"|Version of|Spin-off(?: from)?|Alternate-language version of)\s*:?\s+"
    rf"(?P<film>{_LINKED_FILM})$",
    re.IGNORECASE,
)


def _kind_of(key: str | None) -> str | None:
    """What a field's key (lower case) holds, or None for a key this parser does not know."""
    if key is None:
        return None
    if key in _FIELDS:
        return _FIELDS[key]
    if board_country(key) or key == "rated":  # `MPAA`, `Motion Picture Rating (MPAA)`
        return "board"
    money = _MONEY_WHERE.match(key)
    return _FIELDS[money.group("kind").lower()] if money else None


def looks_like(text: str) -> bool:
    """A `Release Year:`; or a director and a cast (two lines of actor and part, or a `Stars:`
    list); or, its director lost, a cast block and IMDb's keys (`Stars:`, `Taglines:`). Tried
    last: a kit's fields have a director and a cast too, and a year of their own."""
    head = text[:20000]
    has_year = re.search(rf"^(?i:Release Year)\s*:\s*{YEAR_VALUE}\s*$", head, re.MULTILINE)
    if has_year:
        return True
    lines = head.splitlines()
    cast_lines = sum(map(_is_cast_line, lines))
    tabbed = sum(1 for line in lines if "\t" in line.strip() and _CAST_AS_OR_TAB.match(line))
    if not re.search(r"^(?i:Directors?|Directed by)[ \t]*(?::|$)", head, re.MULTILINE):
        return max(cast_lines, tabbed) >= 3 and bool(
            DUMP_ONLY_KEYS.search(head) or _STORYLINE.search(head)
        )
    # `Stars: Ann Lee`, or a copied page's `Stars` over a name a line.
    stars = re.search(r"^(?i:Stars?|Starring)[ \t]*(?::[ \t]*\S|\n[ \t]*[A-Z])", head, re.MULTILINE)
    return cast_lines >= 2 or tabbed >= 2 or bool(stars)


# A copied title page's `Storyline` heading: IMDb's, as its keys are (`DUMP_ONLY_KEYS`).
_STORYLINE = re.compile(r"^Storyline\s*$", re.I | re.M)


def _is_cast_line(line: str) -> bool:
    return bool(CAST_LINE.match(line)) and not KEY_VALUE.match(line)


def _is_cast_block(lines: list[str]) -> bool:
    return len(lines) >= 2 and all(map(_is_cast_line, lines))


def _is_star_of_one_line(lines: list[str], stars: list[tuple[str, int, bool, int | None]]) -> bool:
    """A block of one cast line whose actor the `Stars:` list names, or that reads as a name and
    a part (`_names_a_part`): a cast of one line (any line alone is no cast block: a plot may
    read `Ann Lee - a life`)."""
    if len(lines) != 1 or not _is_cast_line(lines[0]):
        return False
    cast = CAST_LINE.match(lines[0].strip())
    actor = fold(cast["actor"])
    return any(fold(actor_as_character(entry)[0]) == actor for entry, *_ in stars) or _names_a_part(
        cast["actor"], cast["character"]
    )


# A name's word: capitalised, or a particle (`Ann van Berg`, `Guillermo del Toro`).
_NAME_WORD = re.compile(rf"^(?:[A-ZÀ-ÞĀ-Ž][\w'’.-]*|{NAME_PARTICLE})$")


_NAMES_KINDS = frozenset({*_CREW_KINDS, "stars", "cast", "narrator"})
_NAMES_SEPARATOR = re.compile(r"\s*(?:,|&|/|\band\b)\s*")


def _prose_after_a_names_key(lines: list[str]) -> bool:
    """Whether a line alone whose key lists names has words of prose after it: a review's
    title (`Director: the one who matters here is Lenny`), not a field."""
    if len(lines) != 1 or not (field := KEY_VALUE.match(lines[0])):
        return False
    key, value = field.groups()
    if _kind_of(key.strip().lower()) not in _NAMES_KINDS:
        return False
    names = _NAMES_SEPARATOR.split(re.sub(r"\([^()]*\)", " ", value))
    return any(not all(map(_NAME_WORD.match, name.split())) for name in names)


def _names_a_part(actor: str, character: str) -> bool:
    """Whether a line alone is an actor and a part as names are written (`Kim Bo - Frank`): a
    name of two to four words, a part of a few capitalised words, no digit, no sentence's end
    (a plot may read `Ann Lee - a life`)."""
    actor_words, part_words = actor.split(), split_credit_note(character)[0].split()
    return (
        2 <= len(actor_words) <= 4
        and all(map(_NAME_WORD.match, actor_words))
        and 1 <= len(part_words) <= 5
        and part_words[0][:1].isupper()
        and not any(c.isdigit() for c in character)
        and not character.rstrip().endswith((".", "!", "?"))
    )


# Headings on a line of their own, over the lines they head (in the same block or the next):
# `Cast:` over `Actor - Character` lines, `Plot:` over a paragraph, `Trivia:` over one fact a
# line, `User Review:` over the review (to the end of the dump).
_SECTIONS = {
    **dict.fromkeys(("cast", "full cast", "cast list", "cast and characters", "top cast"), "cast"),
    **dict.fromkeys(("plot", "plot summary", "storyline", "summary"), "plot"),
    "synopsis": "synopsis",
    **{key: key for key in ("trivia", "crazy credits", "alternate versions", "soundtracks")},
    "alternate version": "alternate versions",
    "soundtrack": "soundtracks",
    **dict.fromkeys(("goofs", "goof"), "goofs"),
    **dict.fromkeys(("quotes", "quote", "memorable quotes"), "quotes"),
    **dict.fromkeys(("review", "user review", "user reviews", "reviews"), "review"),
}


# The sections of facts about the film kept as its trivia, and what each is called beside it.
_TRIVIA_SECTIONS = {
    "trivia": "",
    "crazy credits": "Crazy credits",
    "alternate versions": "Alternate versions",
    "soundtracks": "Soundtracks",
}
# The sections that tell the story: paragraphs of the film's plot or synopsis.
_STORY = ("plot", "synopsis")


# Headings a copied web page writes without a colon (`Top cast`, `Storyline`); other section
# names without one (`Reviews`, `Trivia`) may be a review's title.
_BARE_HEADINGS = {"cast", "top cast", "full cast", "cast list", "storyline", "plot summary"}
# The heading of a review without its colon, when the review's lines follow it in its block (a
# block of its own, `User Review` may be a review's title).
_REVIEW_HEADINGS = {"user review", "user reviews"}
# What a release's parentheses name that is no territory: the festival or premiere it was, how
# it was made.
_EVENT = re.compile(
    r"\b(?:festival|premiere|limited|wide|re-?release|internet|market|screening)\b", re.IGNORECASE
)
# A web page's link text, copied with its facts: `See full cast & crew`, `See full cast »` (under
# the cast), `See full summary`, `Edit`; after a list of names, `See full cast & crew` or `1 more
# credit`, and after a plot, `See full summary »`.
_PAGE_LINK = re.compile(
    r"^(?:see (?:full cast(?: (?:&|and) crew)?|full (?:summary|synopsis)|more|all|production info)"
    r"|edit|more like this)\W*$",
    re.IGNORECASE,
)
# (Each run of separators, and of digits, tried from its start only: a long run is no cost.)
_PAGE_LINK_AFTER_NAMES = re.compile(
    r"(?<![\s|·,])[\s|·,]*"
    r"(?:see full cast (?:&|and) crew|see full (?:summary|synopsis)|(?<!\d)\d+ more credits?)\W*$",
    re.IGNORECASE,
)


def _heading(line: str) -> str | None:
    """The key of a line that is a heading alone (`Cast:`, `Cast (in credits order):`, or a
    page's `Top cast`; a full credits page's `Directed by`, `Cast (in credits order)`), lower
    case; else None."""
    if line.strip().lower() in _BARE_HEADINGS:
        return line.strip().lower()
    if (bare := _CREDITS_HEADING.match(line.strip())) and (
        (key := bare["key"].lower()) == "cast"
        or (key in CREW_KEYS and (key.endswith(" by") or key == "writing credits"))
    ):
        return key  # not `Music` or `Editing` alone: a review's title, maybe
    if _CAST_LIST_HEADING.match(line.strip()):
        return "cast"
    # A note on the heading is no part of it: `Cast (in credits order):` heads a cast.
    match = KEY_VALUE.match(_HEADING_NOTE.sub(":", line.strip()))
    if match is None or match.group(2).strip():
        return None
    return match.group(1).strip().lower()


_HEADING_NOTE = re.compile(r"(?<!\s)\s*\([^()]*\)\s*:\s*$")
# IMDb's headings over a cast list, with a colon or without: `Cast overview, first billed only:`,
# `Complete credited cast:`, `Cast (in credits order) verified as complete`.
_CAST_LIST_HEADING = re.compile(
    r"^(?:cast overview\b[\w ,]*+|(?:complete )?credited cast|cast \(in credits order\)[\w ,]*+)"
    r"\s*:?$",
    re.IGNORECASE,
)
# A heading of IMDb's full credits page, written without a colon, maybe with a note.
_CREDITS_HEADING = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]*?)(?<!\s)\s*(?:\([^()]*\))?$")
# The full credits page's line of a maker and the work done: `Art Linson ... producer`; the
# page joins a line to the next one's maker with `and` (`Alan Mak ... (screenplay) and`).
_MAKER_AND_WORK = re.compile(
    r"^(?P<name>\S.*?)\s+(?:\.{3,}|…)\s+\(?(?P<work>[^()]+)\)?(?:\s+(?:and|&))?$"
)
# Section names a copied page writes without a colon over a list: `Trivia` over `- Shot in
# eleven days.`, `Quotes` over `Ann: Hello.` (alone, or over a paragraph, such a word may be a
# review's title).
_LIST_HEADINGS = {
    *("trivia", "crazy credits", "alternate versions", "soundtracks"),
    *("goofs", "goof", "quotes", "quote", "memorable quotes"),
}


def _heading_over_a_list(lines: list[str]) -> str | None:
    """The key of a block's first line that names a section without a colon, over a list of
    its items in the block (bulleted, or a quote's `Speaker: line`s); else None."""
    key = lines[0].strip().lower()
    items = [line.strip() for line in lines[1:]]
    if key not in _LIST_HEADINGS or not items:
        return None
    if all(_BULLET.match(item) for item in items) or (
        _SECTIONS[key] == "quotes" and all(_speech(item) for item in items)
    ):
        return key
    return None


# The section of the first block under a review's heading: a review opens there.
REVIEW_OPENS = "review opens"


def _sectioned(all_blocks: list[tuple[int, list[str]]]) -> list[tuple[int, list[str], str]]:
    """Blocks with the section a heading puts them in ('' for none; after `User Review:`, every
    block is the review's). A heading of a field gives that field a line a value (`Writers:`
    over `Jens Dahl`: `Writers: Jens Dahl`); a heading with nothing under it stays as it is."""
    out: list[tuple[int, list[str], str]] = []
    held: tuple[int, str, str] | None = None  # a heading alone in its block: it heads the next
    review = False
    for start, lines in all_blocks:
        key = _heading(lines[0]) or _heading_over_a_list(lines)
        if key is None and len(lines) > 1 and lines[0].strip().lower() in _REVIEW_HEADINGS:
            key = "user review"  # `User Review` over the review's lines, no colon
        if key not in _SECTIONS and _has_fields(lines[1:]):
            key = None  # `Budget:` over `Gross: $5`: a field with no value, then a field
        if key in _SECTIONS or _kind_of(key):
            if held:
                out.append(_unheaded(*held))
            held = (start, lines[0].strip(), _SECTIONS.get(key, ""))
            if len(lines) == 1:
                continue
            start, lines = start + 1, lines[1:]
        if held:
            held_start, heading, section = held
            held = None
            # A field's values are short, one a line: a paragraph under `Budget:` is none, nor
            # are fields, nor sentences under a heading without its colon (`Directed by` may
            # be a review's title).
            if section or (
                all(len(line) <= 100 for line in lines)
                and not _has_fields(lines)
                and (heading.endswith(":") or not any(map(_ends_sentence, lines)))
            ):
                review = section == "review"
                # The first block under each `User Review:` heading opens a review of its own.
                out.append(_headed(start, heading, REVIEW_OPENS if review else section, lines))
                continue
            out.append(_unheaded(held_start, heading, section))
        out.append((start, lines, "review" if review else ""))
    if held:
        out.append(_unheaded(*held))
    return out


# A cast line written otherwise: `Ann Lee as Irene`, or a web page's table copied,
# `Ann Lee<TAB>Irene` (its tabs spaces, maybe: `Ann Lee     Irene`); its actor a name of a few
# words.
_CAST_AS_OR_TAB = re.compile(
    r"^(?P<actor>[^\s:]+(?: [^\s:]+){0,4}?)(?:\t+ *| {2,}| +as +)(?P<part>[^\t]+)$"
)


def _dashed_cast(lines: list[str]) -> list[str]:
    """A block of cast lines written `Actor as Character`, `Actor<TAB>Character` or `Actor
    (Character)` (under a heading, or not), as the `Actor - Character` lines it stands for; any
    other block as it is."""
    key = KEY_VALUE.match(lines[0].strip())
    if key and not key.group(2).strip():
        kind = _kind_of(key.group(1).strip().lower())
        if kind is not None and kind != "cast":
            return lines  # a field's key over its values (`Also Known As:`): no cast
    first = 1 if _heading(lines[0]) else 0
    body = [line.strip() for line in lines[first:]]
    if len(body) < 2 or any(len(line) > 100 or CAST_LINE.match(line) for line in body):
        return lines
    if all(map(_CAST_AS_OR_TAB.match, body)):
        dashed = [_CAST_AS_OR_TAB.match(line) for line in body]
        return lines[:first] + [f"{m['actor']} - {m['part'].strip()}" for m in dashed]
    parted = [_ACTOR_AND_PART.match(line) for line in body]
    # `Kim Lee (Frank)`: parts in parentheses, as a kit lists a cast; some may hold a note
    # alone (`Bo Berg (uncredited)`, `Cy Dahl (as Cyril Dahl)`), not all.
    if all(parted) and any(part_not_note(m["part"]) for m in parted):
        return lines[:first] + [_dashed_part(m) for m in parted]
    return lines


# `Kim Lee (Frank)`, `Kim Lee (Frank) (uncredited)`, `Bo Berg (as Bob Berg)`: an actor's name,
# of a few words, and a part or a note in parentheses.
_ACTOR_AND_PART = re.compile(
    r"^(?P<actor>[A-Z][^()\d:;.!?]{0,60}?)\s+\((?P<part>[^()]+)\)(?P<notes>(?:\s*\([^()]*\))*)$"
)


def _dashed_part(match: re.Match) -> str:
    part = match["part"] if part_not_note(match["part"]) else f"({match['part']})"
    return f"{match['actor']} - {part}{match['notes']}"


def _without_page_links(doc: FilmDocument, lines: list[str]) -> list[str]:
    """The lines, less a copied web page's link text (`See full cast & crew`, alone on its line
    or after a list of names), with a warning: no fact, but not left out in silence."""
    kept = []
    for number, line in enumerate(lines, start=1):
        bare = _PAGE_LINK.match(line.strip())
        if bare or _PAGE_LINK_AFTER_NAMES.search(line):
            doc.warn(number, "page_link", f"a web page's link text left out: {line.strip()!r}")
            line = "" if bare else _PAGE_LINK_AFTER_NAMES.sub("", line)
        kept.append(line)
    return kept


def _ends_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does, not with an initial or a suffix's full stop
    (`Michael J.`, `Sammy Davis Jr.`)."""
    words = line.split()
    return bool(words) and words[-1].endswith((".", "!", "?")) and not ABBREVIATED.match(words[-1])


def _has_fields(lines: list[str]) -> bool:
    return any(_kind_of(_key_of(line)) for line in lines)


def _headed(start: int, heading: str, section: str, lines: list[str]) -> tuple[int, list, str]:
    """The lines under a heading: a section's as they are, a field's each with the field's key
    (`Directed by` over `Ann Lee`: `Directed by: Ann Lee`; `Art Linson ... producer` under
    `Produced by`: `Produced by: Art Linson (producer)`)."""
    if section:
        return start, lines, section
    key = _CREDITS_HEADING.sub(r"\g<key>:", heading)  # a heading without its colon: the key's
    if (role := _kind_of(key[:-1].lower())) in _CREW_KINDS:
        lines = [_maker_and_work(line.strip(), role) for line in lines]
    return start, [f"{key} {line.strip()}" for line in lines], ""


def _maker_and_work(line: str, role: str) -> str:
    """`Art Linson ... co-producer` under `Produced by`: `Art Linson (co-producer)`; the work
    that is the role itself (`... producer`) says nothing more."""
    if (made := _MAKER_AND_WORK.match(line)) is None:
        return line
    return (
        made["name"]
        if made["work"].lower() in role.split("+")
        else f"{made['name']} ({made['work']})"
    )


def _unheaded(start: int, heading: str, section: str) -> tuple[int, list[str], str]:
    """A heading with nothing under it: a field with no value, or an empty section."""
    return start, [heading], "empty" if section else ""


def _value_of(line: str) -> str:
    return KEY_VALUE.match(line).group(2).strip()


def _key_of(line: str) -> str | None:
    match = KEY_VALUE.match(line)
    return match.group(1).strip().lower() if match else None


def _field_or_warning(
    doc: FilmDocument, key: str | None, line: str, number: int
) -> list[tuple[str, int, bool, int | None]]:
    """A field's line read (what `_field` returns), or a warning: of a field of a kind this
    parser has no place for, or of a line that is no field."""
    if _kind_of(key):
        return _field(doc, line, number)
    if key is not None:
        field = line.split(":", 1)[0].strip()
        doc.warn(
            number, "unknown_field", f"field {field!r} was not understood: {_value_of(line)!r}"
        )
    else:
        doc.warn(number, "unplaced_line", f"line not understood and kept aside: {line.strip()!r}")
    return []


# A copied title page's section labels over its fields, facts or paragraph, on a line of their
# own and often with no blank line around them: the labels say nothing of the film. (`Cast`,
# `Storyline` head what follows them as in any dump.)
_PAGE_LABELS = {
    "details", "box office", "technical specs", "technical specifications", "did you know",
    "more like this", "related news", "contribute to this page",
    # The full credits page's, under its title: what the page is.
    "full cast & crew", "full cast and crew", "full credits", "cast & crew", "cast and crew",
}  # fmt: skip
# The page's credits, a heading over a name a line: `Director` over `Ann Lee`, `Writers` over
# `Bo Berg (screenplay)`, `Stars` over the top billed.
_PAGE_CREDIT_HEADINGS = {
    "director": "Director", "directors": "Directors", "writer": "Writer", "writers": "Writers",
    "star": "Stars", "stars": "Stars", "creator": "Creator", "creators": "Creators",
}  # fmt: skip
# The line under a page's title that IMDb wrote for years: `R | 2h 23min | Drama, Thriller |
# 10 November 2006 (USA)`, its certificate first when there is one.
_TITLE_INFO = re.compile(
    r"^(?:(?P<rated>[^|]{1,12}?)\s*\|\s*)?(?P<runtime>\d+\s*h(?:\s*\d+\s*min)?|\d+\s*min)\s*\|"
    r"\s*(?P<genres>[^|]+?)\s*\|\s*(?P<release>[^|]*\d{4}[^|]*?)\s*$"
)


def _page_layout(all_blocks: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The blocks of a copied title page, which writes no blank line between its sections, as
    a dump's: each section a block, its labels (`Details`, `Box office`) left out, its credits
    as fields (`Director` over `Ann Lee`: `Director: Ann Lee`), the line under its title as
    the fields it stands for. Any other dump's blocks as they are."""
    out: list[tuple[int, list[str]]] = []
    for index, (start, lines) in enumerate(all_blocks):
        bare = [line.strip().lower().removesuffix("?") for line in lines]  # `Did you know?`
        info = _TITLE_INFO.match(lines[1].strip()) if index == 0 and len(lines) == 2 else None
        if info and title_and_year(lines[0].strip())[1]:
            out.append((start, lines[:1]))
            out.extend((start + 1, [field]) for field in _title_info_fields(info))
            continue
        credits = sum(line in _PAGE_CREDIT_HEADINGS for line in bare)
        if not any(line in _PAGE_LABELS for line in bare) and credits < 2:
            out.append((start, lines))
            continue
        opens = [
            offset
            for offset, line in enumerate(bare)
            if offset == 0
            or line in _PAGE_LABELS
            or line in _PAGE_CREDIT_HEADINGS
            or line in _BARE_HEADINGS
            or line in _PAGE_SECTIONS
            or (_heading(lines[offset]) in _SECTIONS)
        ]
        for begin, end in zip(opens, [*opens[1:], len(lines)], strict=True):
            part = lines[begin:end]
            if bare[begin] in _PAGE_LABELS:
                begin, part = begin + 1, part[1:]
            elif bare[begin] in _PAGE_CREDIT_HEADINGS and len(part) > 1:
                names = ", ".join(line.strip() for line in part[1:])
                part = [f"{_PAGE_CREDIT_HEADINGS[bare[begin]]}: {names}"]
            elif bare[begin] in _PAGE_SECTIONS and len(part) > 1:
                part = [f"{part[0].strip()}:", *part[1:]]  # `Trivia` over its fact: `Trivia:`
            if part:
                out.append((start + begin, part))
    return out


# The sections of a page's `Did you know`, each name alone on its line over what it holds.
_PAGE_SECTIONS = {*_LIST_HEADINGS, "connections"}


def _all_fields(lines: list[str]) -> bool:
    return all(_kind_of(_key_of(line)) for line in lines)


def _title_info_fields(info: re.Match) -> list[str]:
    """The fields the line under a page's title stands for."""
    fields = [f"Runtime: {info['runtime']}", f"Genres: {info['genres']}"]
    fields.append(f"Release Date: {info['release']}")
    if info["rated"] and info["rated"].strip().lower() not in ("not rated", "unrated"):
        fields.insert(0, f"Rated: {info['rated'].strip()}")
    return fields


def _one_field(block: list[str]) -> list[str]:
    """A block that is one field whose value goes on over its next lines (`Stars: Ann Lee,` over
    `Bo Berg`), as the one line it stands for; any other block as it is."""
    joined = continued_fields(block)
    return [joined[0][1]] if len(block) > 1 and len(joined) == 1 else block


# What a browser's tab adds after the film's title and year, copied with the page: `- IMDb`,
# `- Plot Summary - IMDb`, `| Full Cast & Crew`; IMDb's `⭐ 8.3 | Action, Crime, Drama` (its
# rating and genres, read).
_TAB_AFTER_TITLE = re.compile(
    r"(?:\s+[-–|]\s+[^()]*?)?(?:\s+[-–|]\s+IMDb|\s+[-–|]\s+(?:Full Cast (?:&|and) Crew|Plot"
    r" Summary|Trivia|Quotes|Goofs|Release Info|Technical Specifications|Box Office))\s*$"
    r"|\s*⭐\s*(?P<rating>\d(?:\.\d)?)\s*\|\s*(?P<genres>[^|]+)$"
)


_LONGEST_HEADING = 400  # a page's heading, with what a browser's tab adds


def _title_heading(doc: FilmDocument, lines: list[str], line: int) -> tuple[str, int] | None:
    """A line alone, a title and its year in parentheses (`Shane (1953)`), as a web page heads
    its film (with what a browser's tab adds after it: `Shane (1953) - IMDb`); else None. A
    title in capitals is written as a title (`SHANE`: Shane). A title's colon before its
    subtitle makes no field of it (`The Naked Gun: From the Files of Police Squad! (1988)`)."""
    if len(lines) != 1 or _known_key(_key_of(lines[0].strip()) or ""):
        return None
    heading = lines[0].strip()
    if len(heading) > _LONGEST_HEADING:
        return None
    tab = _TAB_AFTER_TITLE.search(heading) if ")" in heading else None
    if tab is not None:
        heading = heading[: tab.start()]
    title, year = title_and_year(heading)
    if not year or len(title.split()) > 12:
        return None
    title_and_year(heading, doc, line)  # the kind of film it may say, warned about
    if tab is not None and tab["rating"]:
        doc.imdb_rating = doc.imdb_rating or Decimal(tab["rating"])
        doc.notes.extend(list_notes("genre", tab["genres"], line))
    return (title_case(title) if is_shouted(title) else title), year


def _title_over_logline(lines: list[str], following: list) -> bool:
    """A line alone written as a title (`Pather Panchali`, `Kill Bill: Vol. 1`: no field's
    key), over a sentence alone (the logline): the dump's title. (A logline alone over the
    fields is a sentence.)"""
    keyed = len(lines) == 1 and KEY_VALUE.match(lines[0].strip())
    if keyed and (_kind_of(keyed.group(1).strip().lower()) or keyed.group(1).lower() in _SECTIONS):
        return False
    if not following or not title_cased_line([lines[0].replace(":", "")] if keyed else lines):
        return False
    _, next_lines, section = following[0]
    return (
        not section
        and len(next_lines) == 1
        and next_lines[0].rstrip().endswith((".", "!", "?"))
        and not KEY_VALUE.match(next_lines[0].strip())
    )


def _known_key(key: str) -> bool:
    return bool(_kind_of(key)) or key in _SECTIONS


def parse(text: str) -> FilmDocument:
    doc = FilmDocument(format=FORMAT)
    text = textwrap.dedent(without_control_characters(doc, text))  # a whole copy indented
    # `release year: 1996` made the plot, and the plot trivia.
    lines = [key_capitalised(line, _known_key) for line in text.split("\n")]
    all_blocks = _sectioned(
        [
            (start, _dashed_cast(_one_field(block)))
            for start, block in _page_layout(blocks(_without_page_links(doc, lines)))
        ]
    )
    cast_lines = [
        cast
        for _, lines, section in all_blocks
        if section == "cast" or (not section and _is_cast_block(lines))
        for cast in map(CAST_LINE.match, lines)
        if cast
    ]
    speakers = _speaker_names(cast.group("character") for cast in cast_lines)
    # A person who plays themselves speaks under their own name (`Philippe Petit:`).
    speakers |= {
        fold(cast["actor"])
        for cast in cast_lines
        if fold(split_credit_note(cast["character"])[0]) in SELF_PARTS
    }
    all_blocks = _fields_apart_from_speech(all_blocks, speakers)
    # (name, line, whether top-billed, billing order) of `Stars:` and `Cast:` lists
    stars: list[tuple[str, int, bool, int | None]] = []
    cast_seen = False
    plot_ends = -1  # the index of the plot's last block
    prose_after_cast: list[tuple[int, list[str], bool]] = []  # (line, lines, after structure)
    review_headed = False  # a `User Review:` heading was met: the rest is the review
    review_starts: set[int] = set()  # the lines where a review's heading opens one
    logline_at = 0  # the index of the block that may be the logline

    for index, (start, lines, section) in enumerate(all_blocks):
        keys = [_key_of(line) for line in lines]
        if index == 0 and not section and (heading := _title_heading(doc, lines, start)):
            # `Shane (1953)` over the dump, as a web page heads it: its title and year.
            doc.title_line, (doc.title, doc.year) = start, heading
            # The logline under it, after the fields a page's line under its title gives.
            logline_at = next(
                (i for i, (_, b, _) in enumerate(all_blocks) if i and not _all_fields(b)), 1
            )
        elif index == 0 and not section and _title_over_logline(lines, all_blocks[1:2]):
            # `Pather Panchali` over the logline: the title, with no year.
            doc.title_line, doc.title = start, lines[0].strip()
            logline_at = 1
        elif section == "empty":
            doc.warn(start, "empty_field", f"heading {lines[0]!r} has nothing under it")
        elif section in ("review", REVIEW_OPENS):
            if not review_headed:  # prose before the review's heading is trivia
                _mark_structure(prose_after_cast)
                review_headed = True
            if section == REVIEW_OPENS:
                review_starts.add(start)
            prose_after_cast.append((start, lines, False))
        elif section and not (section in _STORY and _is_cast_block(lines)):
            cast_seen |= section == "cast"
            _section(doc, section, start, lines)
            if section not in _STORY:
                _mark_structure(prose_after_cast)
        elif index == logline_at and len(lines) == 1 and keys[0] is None:
            doc.logline = lines[0].strip()
        # A cast block; or its one line, `Ann Lee - Irene`, of an actor `Stars:` names.
        elif _is_cast_block(lines) or (not cast_seen and _is_star_of_one_line(lines, stars)):
            cast_seen = True
            for order, line in enumerate(lines, start=1):
                _cast_credit(doc, line, start + order - 1, order)
        elif cast_seen and _prose_after_a_names_key(lines):
            prose_after_cast.append((start, lines, False))  # a review's title, after the cast
        elif all(map(_kind_of, keys)):
            for offset, line in enumerate(lines):
                stars.extend(_field(doc, line, start + offset))
            if any(_kind_of(key) != "making" for key in keys):
                _mark_structure(prose_after_cast)
            else:
                # How the film was made may be told under its review (`Color: Color`): no
                # sign that prose before it is trivia, but fields beside the prose's (`READ`).
                prose_after_cast.append((start, READ, False))
        elif (
            any(map(_kind_of, keys))
            and (_kind_of(keys[0]) or all(k is not None for k in keys))
            and not any(k and _speaks(k, speakers) for k in keys)
        ):
            # Fields with lines this parser has no place for: fields of other kinds (`UK
            # Certificate: 15`), or a line that is none under a field (`Stars: Ann Lee` over
            # `Bo Berg`, no comma to say the list goes on). Each known field read, each other
            # line warned about, none taken for trivia or a review.
            for offset, (key, line) in enumerate(zip(keys, lines, strict=True)):
                stars.extend(_field_or_warning(doc, key, line, start + offset))
            _mark_structure(prose_after_cast)
        elif all(_SECTIONS.get(k) in (*_TRIVIA_SECTIONS, "goofs", *_STORY) for k in keys):
            # `Trivia: ...`, `Goofs: Continuity: ...`, `Plot: ...`: a heading with its fact or
            # its paragraph on its line
            for offset, line in enumerate(lines):
                _section(doc, _SECTIONS[keys[offset]], start + offset, [_value_of(line)])
            if not all(_SECTIONS[k] in _STORY for k in keys):
                _mark_structure(prose_after_cast)
        elif keys[0] in GOOF_CATEGORIES and len(lines) == 1:
            key, value = KEY_VALUE.match(lines[0]).groups()
            doc.notes.append(NoteRecord("goof", value.strip(), start, detail=key.strip()))
            _mark_structure(prose_after_cast)
        elif _is_connections(lines):  # `Followed by Heat 2 (2026)`, under `Connections` or not
            for offset, line in enumerate(lines):
                if not line.strip().lower().startswith("connections"):
                    _connection(doc, line, start + offset)
            _mark_structure(prose_after_cast)
        elif (
            all(said := [_speech(line) for line in lines])
            and any(_speaks(speaker, speakers) for speaker, _ in said)
            and not _titled_like_a_speech(said, all_blocks[index + 1 : index + 2])
        ):
            doc.quotes.append(QuoteRecord(tuple(said), start))
            _mark_structure(prose_after_cast)
        elif (
            not cast_seen
            and (all(k is None for k in keys) or _opens_with_a_phrase(lines, keys))
            and (not doc.plot or plot_ends == index - 1)  # the plot's next paragraph
        ):
            if lines := _unsigned(doc, "plot", start, lines):
                paragraph = " ".join(" ".join(lines).split())
                doc.plot = f"{doc.plot}\n\n{paragraph}" if doc.plot else paragraph
            plot_ends = index
        else:
            prose_after_cast.append((start, lines, False))

    _stars_to_credits(doc, stars)
    _trivia_and_review(doc, prose_after_cast, review_starts)
    # The notes in the dump's order: the prose read last (its trivia) among the fields' notes.
    doc.notes.sort(key=lambda note: note.line)
    original = next((r for r in doc.releases if not r.territory and r.date), None)
    if doc.year is None and original is not None:  # no `Release Year`: the first release's
        doc.year = original.date.year
        doc.warn(original.line, "year_from_release", f"year {doc.year} taken from the release date")
    return doc


# A quote's line: `Frank: …`, or with a direction to the actor, `Frank (to himself): …`.
_SPEECH = re.compile(
    r"^(?P<speaker>[A-Z][\w .&'/-]{0,60}?)\s*(?:\((?P<direction>[^()]{1,60})\)\s*)?:\s*"
    r"(?P<text>\S.*)$"
)


def _titled_like_a_speech(said: list[tuple[str, str]], following) -> bool:
    """A review's title that names a part before a colon (`Milo: the best villain of the
    nineties`), over the review's paragraph: a line alone, its words opening in lower case
    with no end to them, as no speech is written; or under the page's `Warning: Spoilers`."""
    speaker, words = said[0]
    if SPOILER_LINE.match(f"{speaker}: {words}"):
        return True
    return (
        len(said) == 1
        and words[0].islower()
        and words[-1] not in ".!?…\"'”’)]"
        and bool(following)
        and _is_sentence(" ".join(following[0][1]))
    )


def _speech(line: str) -> tuple[str, str] | None:
    """A quote's speaker and words (a direction as the page writes one: `[to himself] …`);
    None for a line that is no speech."""
    said = _SPEECH.match(line.strip())
    if said is None:
        return None
    text = said["text"].strip()
    if said["direction"]:
        text = f"[{said['direction'].strip()}] {text}"
    return said["speaker"].strip(), text


# A list's bullet before an item under a heading: `• Shot in eleven days.`, `- The hat …`.
_BULLET = re.compile(r"^(?:[•·‣▪◦*]|[-–—](?=\s))\s*")


# The name a plot summary is signed with on its last line, as IMDb shows it: `—Tad Dibbern
# <tad@example.com>`, `-- Anonymous`.
_SIGNATURE = re.compile(r"^(?:—|–|--)\s*(?P<author>\S.{0,80})$")


def _unsigned(doc: FilmDocument, section: str, start: int, lines: list[str]) -> list[str]:
    """A paragraph of the plot or synopsis without the name of its writer signed under it (no
    fact of the film: a warning names the writer, an address left out)."""
    if not lines or not (signed := _SIGNATURE.match(lines[-1].strip())):
        return lines
    author = strip_email(signed["author"])[0] or "someone"
    doc.warn(
        start + len(lines) - 1, "unplaced_line", f"the {section} is signed {author!r}: not kept"
    )
    return lines[:-1]


# A soundtrack's line under its song's title: who made it, sang it, lent it.
_SONG_CREDIT = re.compile(
    r"^(?:(?:written|performed|composed|produced|arranged|sung|conducted)(?: and \w+)? by"
    r"|music by|lyrics by|courtesy of|by arrangement with)\b",
    re.IGNORECASE,
)


def _section(doc: FilmDocument, section: str, start: int, lines: list[str]) -> None:
    """The lines a heading (`Cast:`, `Plot:`, `Trivia:`, `Goofs:`, `Quotes:`) puts in its
    section."""
    if section in _STORY:  # `plot` or `synopsis`: a paragraph of it
        lines = _unsigned(doc, section, start, lines)
        if not lines:
            return
        paragraph = " ".join(" ".join(lines).split())
        told = getattr(doc, section)
        setattr(doc, section, f"{told}\n\n{paragraph}" if told else paragraph)
        return
    billed = sum(c.role == "cast" for c in doc.credits)
    speeches: list[tuple[str, str]] = []
    for offset, line in enumerate(lines):
        number, line = start + offset, _BULLET.sub("", line.strip())
        pair = KEY_VALUE.match(line)
        if section == "cast":
            if CAST_LINE.match(line):
                billed += 1
                _cast_credit(doc, line, number, billed)
            elif line.endswith(":") or line[:1].islower():
                # A page's note on its list (`rest of cast listed alphabetically:`): no name.
                doc.warn(number, "unplaced_line", f"a cast list's note kept aside: {line!r}")
            else:  # a name alone: an actor whose part is not given
                for name in split_names(line):
                    billed += 1
                    doc.credits.append(
                        CreditRecord(name=name, role="cast", line=number, billing_order=billed)
                    )
        elif (
            section == "soundtracks"
            and _SONG_CREDIT.match(line)
            and doc.notes
            and doc.notes[-1].detail == _TRIVIA_SECTIONS[section]
        ):
            # `Deportation/Iguazu` over `Written by Gustavo Santaolalla`: one song.
            song = doc.notes[-1]
            doc.notes[-1] = NoteRecord("trivia", f"{song.text} — {line}", song.line, song.detail)
        elif section in _TRIVIA_SECTIONS:
            doc.notes.append(NoteRecord("trivia", line, number, detail=_TRIVIA_SECTIONS[section]))
        elif section == "goofs":
            category = pair.group(1).strip() if pair else ""
            if category.lower() in GOOF_CATEGORIES:
                doc.notes.append(NoteRecord("goof", pair.group(2).strip(), number, detail=category))
            else:
                doc.notes.append(NoteRecord("goof", line, number))
        elif said := _speech(line):  # quotes: `Speaker: line`
            speeches.append(said)
        elif speeches:  # a line of the speech before
            speeches[-1] = (speeches[-1][0], f"{speeches[-1][1]} {line}")
        else:
            doc.warn(number, "unplaced_line", f"a quote line without a speaker: {line[:80]!r}")
    if speeches:
        doc.quotes.append(QuoteRecord(tuple(speeches), start))


def _speaker_names(characters) -> set[str]:
    """What a quote may call the cast's characters, folded: `Julie Vignon (de Courcy)` is
    `julie vignon`, `julie` or `vignon` (`text.name_forms`); each of an actor's parts (`Harvey
    Dent / Two-Face`)."""
    return {
        form
        for character in characters
        for part in PARTS_SEPARATOR.split(split_credit_note(CREDITED_AS.sub(" ", character))[0])
        for form in [*name_forms(fold(part)), *nicknames(part)]
    }


def _fields_apart_from_speech(
    all_blocks: list[tuple[int, list[str], str]], speakers: set[str]
) -> list[tuple[int, list[str], str]]:
    """Fields, facts (`Trivia: …`, `Continuity: …`) and a quote's lines written next to each
    other, no blank line between them (`Release Date: …` over `Alfredo: Whatever …`, a goof
    over a quote, a quote over `Connections: Followed by …`): blocks of their own, a fact's
    each (the block was a quote of them all, or fields with lines of no field)."""
    out = []
    for start, lines, section in all_blocks:
        kinds = [_line_kind(line, speakers) for line in lines]
        if section not in ("", "quotes") or len({*kinds} - {None}) < 2:
            out.append((start, lines, section))
            continue
        runs: list[tuple[int, list[str], str]] = []
        run_kinds: list[str] = []
        for offset, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
            if runs and (kind is None or (kind == run_kinds[-1] and kind != "fact")):
                runs[-1][1].append(line)  # (a line of no kind goes on with the run before it)
            else:
                runs.append((start + offset, [line], section if kind == "speech" else ""))
                run_kinds.append(kind or "")
        out.extend(runs)
    return out


def _line_kind(line: str, speakers: set[str]) -> str | None:
    """`field` for a line of a field this parser knows, `fact` for trivia or a goof on its
    line, `speech` for a character's line; None for another."""
    key = _key_of(line)
    if key and not _speaks(key, speakers):
        if _kind_of(key):
            return "field"
        if _SECTIONS.get(key) in (*_TRIVIA_SECTIONS, "goofs") or key in GOOF_CATEGORIES:
            return "fact"
    said = _speech(line)
    return "speech" if said and _speaks(said[0], speakers) else None


def _speaks(speaker: str, speakers: set[str]) -> bool:
    return fold(speaker) in UNCAST_SPEAKERS or any(
        form in speakers for form in spoken_forms(speaker)
    )


def _is_other_field(lines: list[str]) -> bool:
    return len(lines) == 1 and bool(_OTHER_FIELD.match(lines[0].strip()))


def _opens_with_a_phrase(lines: list[str], keys: list[str | None]) -> bool:
    """A paragraph that opens with a phrase and a colon, as a plot may (`Hunters and their
    prey: Neil McCauley, a professional criminal, and …`): a key of no field, and prose of a
    sentence or more after it (a field's value is a few words; a speaker's line was a quote)."""
    if keys[0] is None or _kind_of(keys[0]) or any(k is not None for k in keys[1:]):
        return False
    prose = " ".join([_value_of(lines[0]), *lines[1:]])
    return _is_sentence(prose) and len(prose.split()) >= PHRASED_PLOT_WORDS


def _is_sentence(line: str) -> bool:
    return line.rstrip().endswith(".") and len(line.split()) >= 4


# The viewer's own words: `I`, `my`, `I've`.
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|I['’](?:ve|m|d|ll))\b")


def _fact_alone(lines: list[str]) -> bool:
    """Whether a block is one sentence of a fact (`The film was shot in 38 days.`): a line, no
    longer than trivia runs, that says nothing in the first person."""
    return (
        len(lines) == 1
        and _is_sentence(lines[0])
        and len(lines[0]) <= 250
        and not _FIRST_PERSON.search(lines[0])
        and not HELPFUL.match(lines[0].strip())
    )


def _mark_structure(prose: list[tuple[int, list[str], bool]]) -> None:
    """Prose seen so far comes before a structured block: it is trivia, not the review."""
    for i, (start, lines, _) in enumerate(prose):
        prose[i] = (start, lines, True)


def _cast_credit(doc: FilmDocument, line: str, number: int, order: int) -> None:
    doc.credits.append(cast_line_credit(line, number, order))


def _connection(doc: FilmDocument, line: str, number: int) -> None:
    """A connection to another film: one of its series is a film the document mentions (of the
    series); a connection of another kind is warned about."""
    linked = _CONNECTION.match(line.strip())
    if linked is None:
        doc.warn(number, "unknown_field", f"connection {line!r} was not understood")
    elif linked["kind"].lower() in _SEQUEL_KEYS:
        doc.mentioned_films.append(
            MentionedFilm(linked["title"], int(linked["year"]), number, in_series=True)
        )
    else:
        doc.warn(
            number,
            "unplaced_line",
            f"connection {line.strip()!r} not kept: only a film of its series is",
        )


def _is_connections(lines: list[str]) -> bool:
    """IMDb's connections of the film, one a line, under their heading or not."""
    if lines and lines[0].strip().lower() in ("connections", "connections:"):
        lines = lines[1:]
    return bool(lines) and all(_CONNECTION.match(line.strip()) for line in lines)


def _field(doc: FilmDocument, line: str, number: int) -> list[tuple[str, int, bool, int | None]]:
    key, value = KEY_VALUE.match(line).groups()
    kind = _kind_of(key.strip().lower())
    value = value.strip()
    if not value:
        doc.warn(number, "empty_field", f"field {key!r} has no value")
        return []
    if kind == "year":
        if (year := year_of(value)) is not None:
            doc.year = year
        else:
            doc.warn(number, "bad_year", f"year {value!r} is not a year")
    elif kind == "title":
        doc.title, year = title_and_year(value, doc, number)
        doc.title_line = number
        doc.year = doc.year or year
    elif kind == "other_title":
        doc.other_titles.extend(other_titles(OTHER_TITLE_KEYS[key.strip().lower()], value, number))
    elif kind in _CREW_KINDS:
        doc.credits.extend(crew_credits(value, crew_roles(kind), number, key=key))
    elif kind == "stars":
        return [(name, number, True, None) for name in split_names(value)]
    elif kind == "cast":  # the cast as a list: the cast block's, or in its place
        return [(name, number, False, n) for n, name in enumerate(split_names(value), start=1)]
    elif kind == "narrator":
        doc.credits.extend(narrator_credits(value, number))
    elif kind in ("tagline", "location"):
        doc.notes.append(NoteRecord(kind, value, number))
    elif kind == "making" and (made := making_notes(key, value, number)) is not None:
        doc.notes.extend(made)
    elif kind == "making":  # `Sound: Ann Lee`, a person: no sound mix
        doc.warn(number, "unknown_field", f"field {key!r} was not understood: {value!r}")
    elif kind in ("country", "language", "genre", "keyword"):
        doc.notes.extend(list_notes(kind, value, number))
    elif kind == "release":
        for one in listed_values(value):
            notes = parenthesised(one)
            # `27 October 1978 (USA)`; not `(Chicago International Film Festival)`: a note
            where = territory(notes.pop(0)) if notes and not _EVENT.search(notes[0]) else ""
            written = re.sub(r"\s*\(.*\)", "", one)
            doc.releases.append(
                ReleaseRecord(
                    where,
                    "theatrical",
                    parse_written_date(one) or numeric_release_date(written, where),
                    written,
                    ", ".join(notes),
                    number,
                )
            )
    elif kind == "certificate":  # `18 for violence`; `UK:18 / USA:R`
        for part in re.split(r"\s*[/|]\s*", value):
            where, _, rated = part.rpartition(":")
            doc.certificates.extend(certificates(where, rated, number))
    elif kind == "connections":  # IMDb's: `Followed by Heat 2 (2026)`; `Sequel: Heat 2 (2026)`
        lower = key.strip().lower()
        for item in re.split(r"\s*[|;]\s*", value):
            _connection(doc, item if lower.startswith("connection") else f"{lower} {item}", number)
    elif kind == "board":  # `MPAA: Rated R for …`, `Rated: R`
        if (rated := board_certificate(key, value, number)) is not None:
            doc.certificates.append(rated)
        else:
            doc.warn(number, "unknown_field", f"field {key!r} was not understood: {value!r}")
    elif kind == "imdb":
        read_imdb_field(doc, key, value, number)
    elif kind == "runtime":
        for one in listed_values(value):
            minutes = parse_runtime(one, bare_number=True)
            if minutes:
                doc.runtimes.append(runtime_record(one, minutes, number))
            else:
                doc.warn(number, "bad_runtime", f"runtime {one!r} has no minutes")
    else:
        money = _MONEY_WHERE.match(key.strip())
        read_money(doc, kind, value, number, money["before"] or money["where"] or "")
    return []


def _stars_to_credits(doc: FilmDocument, stars: list[tuple[str, int, bool, int | None]]) -> None:
    """Stars are the top-billed cast: mark their cast credit, or add one if the cast lacks it.
    A `Cast:` list adds the actors the cast block lacks (billed in its order when there is no
    cast block)."""
    cast_names = {c.name.lower(): i for i, c in enumerate(doc.credits) if c.role == "cast"}
    has_cast_block = bool(cast_names)  # its order is the billing; a list's only without one
    for entry, number, top_billed, billing in stars:
        name, character = actor_as_character(entry)  # `Stars: Ann Lee as Irene, …`
        index = cast_names.get(name.lower())
        if index is None:
            cast_names[name.lower()] = len(doc.credits)
            doc.credits.append(
                CreditRecord(
                    name=name,
                    role="cast",
                    line=number,
                    character=character,
                    top_billed=top_billed,
                    billing_order=None if has_cast_block else billing,
                )
            )
        else:
            known = doc.credits[index]
            doc.credits[index] = replace(
                known,
                top_billed=known.top_billed or top_billed,
                character=known.character or character,
                billing_order=known.billing_order
                if known.billing_order is not None or has_cast_block
                else billing,
            )


# In the prose after the cast, where fields were read that are no sign of what the prose
# before them is (`Sound Mix: Dolby SR` under a review).
READ: list[str] = []


def _trivia_and_review(
    doc: FilmDocument, prose: list[tuple[int, list[str], bool]], review_starts: set[int]
) -> None:
    """Prose before the last structured block is trivia; the prose after it is the review, or
    the reviews (`_reviews_apart`; one opens at each of `review_starts`, under its heading)."""
    after = [(start, lines) for start, lines, before in prose if not before]
    # The blocks beside fields read after the last structured block (`READ`): a field of no
    # known kind there is one of their run, not a line of the review.
    beside_read = {
        start
        for i, (start, lines) in enumerate(after)
        if lines is not READ
        and (
            (i > 0 and after[i - 1][1] is READ) or (i + 1 < len(after) and after[i + 1][1] is READ)
        )
    }
    trailing = [(start, lines) for start, lines in after if lines is not READ]
    for start, lines, before in prose:
        if lines is READ:
            continue
        if before and len(lines) == 1 and _OTHER_FIELD.match(lines[0].strip()):
            key, value = KEY_VALUE.match(lines[0].strip()).groups()
            doc.warn(start, "unknown_field", f"field {key!r} was not understood: {value!r}")
        elif before:
            doc.notes.append(NoteRecord("trivia", " ".join(" ".join(lines).split()), start))
    # Trivia may follow the last structured block too: a sentence of its own line before a
    # line that ends with no period (the review's title) and the review's paragraphs.
    while (
        len(trailing) >= 3
        and all(len(lines) == 1 for _, lines in trailing[:2])
        and _is_sentence(trailing[0][1][0])
        and not trailing[1][1][0].rstrip().endswith(".")
        and len(trailing[1][1][0]) <= 200
    ):
        start, lines = trailing.pop(0)
        doc.notes.append(NoteRecord("trivia", " ".join(lines[0].split()), start))
    # So is a sentence before a review whose title is over its text in one block (`The most
    # watched film of its year.` before `Still holds up` / `An old film …`): a review has one
    # title.
    while (
        len(trailing) >= 2
        and trailing[1][0] not in review_starts
        and len(trailing[0][1]) == 1
        and _fact_alone(trailing[0][1])
        and _title_over_body(trailing[1][1])
    ):
        start, lines = trailing.pop(0)
        doc.notes.append(NoteRecord("trivia", " ".join(lines[0].split()), start))
    # A sentence alone after the last structured block, in no one's voice, is trivia too: a
    # review has a title over its paragraphs, or speaks of the viewer.
    if len(trailing) == 1 and not review_starts and _fact_alone(trailing[0][1]):
        start, lines = trailing.pop()
        doc.notes.append(NoteRecord("trivia", " ".join(lines[0].split()), start))
    # Fields after the last structured block (`Color: Color`, `Sound Mix: Dolby SR`): two or
    # more in a row, or one alone, are fields, not a review's title and paragraphs (one before
    # paragraphs is the review's title: `Fargo: A Masterpiece`; one after them, its last line).
    fields = [_is_other_field(lines) for _, lines in trailing]
    kept = []
    for i, (start, lines) in enumerate(trailing):
        in_run = (
            (i > 0 and fields[i - 1])
            or (i + 1 < len(fields) and fields[i + 1])
            or start in beside_read
        )
        if fields[i] and (in_run or len(trailing) == 1):
            key, value = KEY_VALUE.match(lines[0].strip()).groups()
            doc.warn(start, "unknown_field", f"field {key!r} was not understood: {value!r}")
        else:
            kept.append((start, lines))
    for review in _reviews_apart(kept, review_starts):
        _review(doc, review)


def _reviews_apart(
    blocks: list[tuple[int, list[str]]], starts: set[int] = frozenset()
) -> list[list[tuple[int, list[str]]]]:
    """The prose after the last structured block, as the blocks of each review: one opens at
    each of `starts` (under a `User Review:` heading of its own), and reviews copied from a
    review page follow each other where one closes with its votes (`3 out of 4 found this
    helpful.`) or the next opens with its head (its title over its author and date)."""
    reviews: list[list[tuple[int, list[str]]]] = []
    for start, lines in blocks:
        length = _head_length(lines)
        closed = bool(reviews) and HELPFUL.match(reviews[-1][-1][1][-1].strip())
        # The page's `Warning: Spoilers` after a review's paragraph: the next review's head.
        warned = (
            bool(reviews)
            and SPOILER_LINE.match(lines[0].strip()) is not None
            and _is_sentence(reviews[-1][-1][1][-1])
        )
        if not reviews or closed or start in starts or length or warned:
            reviews.append([])
        if 0 < length < len(lines):  # the text under its head
            reviews[-1].append((start, lines[:length]))
            start, lines = start + length, lines[length:]
        reviews[-1].append((start, lines))
    return reviews


def _head_length(lines: list[str]) -> int:
    """How many of a block's first lines are a review's head as a review page writes it (its
    rating, its title, its author and date: `_review_head`); 0 when they are none."""
    stripped = [line.strip() for line in lines[:4]]
    return next(
        (n for n in range(len(stripped), 1, -1) if _review_head(stripped[:n]) is not None), 0
    )


def _review(doc: FilmDocument, blocks: list[tuple[int, list[str]]]) -> None:
    """One review of a dump: its title (with the head a review page gives it), its paragraphs."""
    # The page's spoiler warning copied with the review (`Warning: Spoilers` under its title,
    # `*** This review may contain spoilers ***` over its text): its flag, not its words.
    trailing, warned = _without_spoiler_lines(blocks)
    if not trailing:
        return
    first_start, first_lines = trailing[0]
    head = _review_head([line.strip() for line in first_lines]) if len(trailing) >= 2 else None
    if head is not None:
        body_blocks = trailing[1:]
    elif len(trailing) >= 2 and len(first_lines) == 1 and len(first_lines[0]) <= 200:
        head, body_blocks = (first_lines[0].strip(), None, ()), trailing[1:]
    elif _title_over_body(first_lines):  # no blank line between the title and the text
        head = (first_lines[0].strip(), None, ())
        body_blocks = [(first_start + 1, first_lines[1:]), *trailing[1:]]
    else:
        head, body_blocks = ("", None, ()), trailing
    title, stated, readings = head
    title, marked = spoiler_marker(title)
    body_blocks = list(body_blocks)
    if body_blocks and len(last := body_blocks[-1][1]) > 1 and HELPFUL.match(last[-1].strip()):
        # The votes on the last line of the last paragraph, as a page writes them.
        start = body_blocks[-1][0]
        body_blocks[-1:] = [(start, last[:-1]), (start + len(last) - 1, last[-1:])]
    paragraphs = [" ".join(" ".join(lines).split()) for _, lines in body_blocks]
    helpful = HELPFUL.match(paragraphs[-1]) if paragraphs else None
    if helpful and len(paragraphs) > 1:  # `14 out of 17 found this helpful.`, a page's
        paragraphs.pop()
    yes, total = (int(g.replace(",", "")) for g in helpful.groups()) if helpful else (0, 0)
    if yes > total:
        doc.warn(first_start, "bad_helpful", f"{yes} out of {total} helpful is impossible")
        yes = total = 0
    body = restore_paragraphs("\n\n".join(paragraphs))
    rating = stated if stated is not None else rating_in_text(body)  # `… 7/10`, as a page's
    doc.reviews.append(
        ReviewRecord(
            body=body,
            line=first_start,
            title=title,
            username=readings[0][0] if readings else "",
            date=readings[0][1] if readings else None,
            rating=rating,
            rating_source="field" if stated is not None else "text" if rating is not None else "",
            helpful_yes=yes if total else None,
            helpful_total=total if total else None,
            has_spoilers=warned or marked,
            author_alternatives=tuple(readings),
        )
    )


def _without_spoiler_lines(
    blocks: list[tuple[int, list[str]]],
) -> tuple[list[tuple[int, list[str]]], bool]:
    """The blocks without the lines that are a spoiler warning, and whether there was one."""
    kept, warned = [], False
    for start, lines in blocks:
        left = [
            (start + i, line)
            for i, line in enumerate(lines)
            if not SPOILER_LINE.match(line.strip())
        ]
        warned |= len(left) < len(lines)
        if left:
            kept.append((left[0][0], [line for _, line in left]))
    return kept, warned


def _title_over_body(lines: list[str]) -> bool:
    """Whether a block's first line is a review's title over its text, not the first line of a
    paragraph written over several (a copy's hard-wrapped lines, of about one length, and
    the next going on with a small letter): short, with no punctuation at its end, over a
    line that opens with a capital and is longer by a third; or shorter than any line a copy
    wraps at, over a text of short lines (`Best comedy of the decade` / `I laughed until I
    cried.`)."""
    if len(lines) < 2:
        return False
    first, second = lines[0].strip(), lines[1].strip()
    longest = max(len(line.strip()) for line in lines[1:])
    return (
        0 < len(first) <= 100
        and not first.endswith((".", ",", ";", ":", "-"))
        and (second[:1].isupper() or second[:1] in "\"“‘'" or second[:1].isdigit())
        and (len(first) < 0.75 * longest or len(first) <= _SHORTER_THAN_WRAPPED)
    )


# A line this short over others is no line of a paragraph a copy wrapped: copies wrap at 60
# characters or more (`press_kit._NARROWEST_WRAP`), and a line of such a paragraph but its last
# is nearly as long.
_SHORTER_THAN_WRAPPED = 45


def _review_head(lines: list[str]) -> tuple[str, Decimal | None, list] | None:
    """The lines over a review copied from a review page: its rating (`9/10`), its title and
    its author and date (`seoulsearcher2 March 2004`): (title, rating, the author and date's
    readings); None when the lines are not all of that."""
    stated = None
    if len(lines) >= 2 and (shown := shown_rating(lines[0])) is not None:
        stated, lines = shown, lines[1:]
    if not 2 <= len(lines) <= 3 or len(lines[0]) > 200:
        return None
    readings, taken = author_at(lines, 1)
    if not readings or 1 + taken != len(lines):
        return None
    return lines[0], stated, readings
