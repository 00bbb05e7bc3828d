"""A distributor's press kit: `Key: value` lines (territories, runtimes, certificates, release
dates), then prose on the director that names films with their years, and a synopsis that opens
with the film's title in capitals and names characters as `Character (Actor)`."""

import re
import textwrap
from collections import Counter
from dataclasses import replace

from ..text import (
    FOREIGN_ARTICLES,
    RANKS,
    RANKS_WRITTEN_OUT,
    UPPER,
    VULGAR_FRACTIONS,
    fold,
    is_shouted,
    name_case,
    names_a_version,
    redact_emails,
    split_title,
    title_case,
    title_key,
)
from .common import (
    CAST_SEPARATOR,
    COMPANY_KEYS,
    CREW_KEYS,
    DUMP_ONLY_KEYS,
    IMDB_KEYS,
    KEY_VALUE,
    NAME_PARTICLE,
    NARRATOR_KEYS,
    NOTE_KEYS,
    OTHER_TITLE_KEYS,
    TECHNICAL_KEYS,
    actor_as_character,
    blocks,
    board_certificate,
    cast_credit,
    certificates,
    continued_fields,
    crew_credits,
    crew_names,
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
    read_imdb_field,
    read_money,
    runtime_record,
    split_credit_note,
    split_names,
    territory,
    title_and_year,
    without_control_characters,
    year_of,
)
from .records import (
    CreditRecord,
    DistributorRecord,
    FilmDocument,
    ImportFormatError,
    MentionedFilm,
    NoteRecord,
    ReleaseRecord,
    RuntimeRecord,
    TitleRecord,
)

FORMAT = "press_kit"

# A line of a cast block (`Ann Lee - Irene`), its actor a name of a few words: prose with a
# dash in it is none, nor a heading over a list's dashes (`Trivia` / `- The railway …`); or a
# copied page's, its part after a tab (`Ann Lee<TAB>Irene`).
_SEPARATOR_ON_ITS_LINE = CAST_SEPARATOR.replace(r"\s", "[ ]")
_CAST_LINE = re.compile(
    rf"^(?P<actor>[^\s:]+(?: [^\s:]+){{0,4}})(?:{_SEPARATOR_ON_ITS_LINE}|\t+)(?P<character>\S.*)$",
    re.M,
)
# A cast block's line written `Alan Ladd as Shane`: under a `CAST` heading, a name of a few
# words; else a name of capitalised words (`Brandon deWilde`, a particle aside), so that a
# sentence (`He was cast as the lead`) is none.
_CAST_AS_LINE = re.compile(r"^(?P<actor>[^\s:.!?]+(?: [^\s:.!?]+){0,4}?) as (?P<character>\S.*)$")
# A cast block's line written `Al Pacino (Lt. Vincent Hanna)`: a name of capitalised words,
# the part in parentheses.
_NAMED_PART_LINE = re.compile(
    r"^(?P<actor>[A-Z][\w.'’-]*(?: (?:[a-z]*[A-Z][\w.'’-]*|van|von|de|del|der|den|da|di|du|le|la))"
    r"{1,4}) \((?P<character>[^()]+)\)$"
)
_NAMED_AS_LINE = re.compile(
    r"^(?P<actor>[A-Z][\w.'’-]*(?: (?:[a-z]*[A-Z][\w.'’-]*|van|von|de|del|der|den|da|di|du|le|la))"
    r"{0,4}) as (?P<character>[A-Z\d\"'‘“(].*)$"
)

_RELEASE_KEY = re.compile(
    r"^(?:(?!(?:DVD|Blu-ray|TV|VOD|Streaming)\s)(?P<territory>.+?)\s+)?"
    r"(?:(?P<medium>DVD|Blu-ray|TV|VOD|Streaming)\s+)?(?P<again>Re-?)?Release(?: Date)?$",
    re.IGNORECASE,
)
# A figure's key, with its territory before or after it: `Budget`, `UK Box Office`, `Gross
# worldwide`.
_MONEY_KEY = re.compile(
    r"^(?:(?P<before>[A-Z][\w.&' ]{0,30}?)\s+)?(?P<kind>budget|gross|box\s+office|"
    r"opening\s+weekend)(?:\s+(?:in\s+)?(?P<after>\S.*))?$",
    re.IGNORECASE,
)
_MONEY_KINDS = {
    "budget": "budget",
    "gross": "gross",
    "box office": "gross",
    "opening weekend": "opening_weekend",
}
# `UK Certificate`, `UK Runtime`, `US Distributor`; or the key alone, for no territory.
_CERTIFICATE_KEY = re.compile(
    r"^(?:(?P<territory>.+?)\s+)?(?:Certificate|Certification)$", re.IGNORECASE
)
_RUNTIME_KEY = re.compile(
    r"^(?:(?P<territory>.+?)\s+)?(?:Runtime|Running time|Run time|Length|Duration|Durée)$",
    re.IGNORECASE,
)
_DISTRIBUTOR_KEY = re.compile(
    r"^(?:(?P<territory>.+?)\s+)?(?:Distributors?|Distribution|Distributed by)$", re.IGNORECASE
)
# A company with its territory after it: `Gramercy Pictures (USA)`.
_TERRITORY_AFTER_COMPANY = re.compile(r"^(?P<company>.+?)\s*\((?P<territory>[A-Z][\w. &,]*)\)$")
_TERRITORY_KEY = re.compile(r"^[A-Z][A-Za-z.]*(?:\s*(?:&|and|,)\s*[A-Z][A-Za-z.]*)*$")
_TERRITORY_SEPARATOR = re.compile(r"(?<!\s)\s*(?:&|,|\band\b)\s*")
# A territory written as an abbreviation (`UK`, `USA`; `U.S.` is read as `USA`), not a board's
# name (`MPAA`, `BBFC`).
_ABBREVIATION = re.compile(r"[A-Z]{2,3}")
# A word of a title in capitals: a word, maybe hyphenated (`SPIDER-MAN`), initials (`L.A.`) or
# an abbreviation that a title keeps its full stop in (`SYMPATHY FOR MR. VENGEANCE`), or one a
# plural's apostrophe ends (`THE HORNETS' NEST`).
_SHOUTED_WORD = (
    r"(?:(?:[A-Z]\.){2,}|(?:MRS?|MS|DR|ST|JR|SR|VS|VOL|NO)\.(?=\s)"
    rf"|[{UPPER}][{UPPER}0-9'’]*(?:-[{UPPER}0-9][{UPPER}0-9'’]*)*(?:\b|(?<=['’])))"
)
# A title in capitals may open with a number (`21 GRAMS`, `2001: A SPACE ODYSSEY`), but not with
# a year before it (`in 2004 BABEL`), or be a number with its year after it (`2046 (2004)`).
_LEADING_NUMBER = r"(?:(?!(?:19|20)\d\d\s)[0-9]+(?:\s+|:\s*)|(?:19|20)\d\d:\s*)"
# A word in title case just before a title in capitals: the capitals are that title's (`Rocky
# III`); not a possessive, whose capitals are a title of their own (`Ridley Scott's ALIEN`).
_TITLE_CASED_WORD_BEFORE = re.compile(rf"\b[{UPPER}][a-z][\w'’]*(?<!['’]s):? $")
_NUMERAL = re.compile(r"[IVXLC]+|[0-9]+")
_SENTENCE_ENDED = re.compile(r"(?:^|[.!?][\"'’”)]?)\s*$")


# How far before a title the words that say what it is are looked for (a word, `the sequel
# to`, a sentence's end).
_NEAR = 120


def _opens_sentence(paragraph: str, word: re.Match) -> bool:
    """Whether a word opens its sentence: `Then SEX, LIES, AND VIDEOTAPE (1989)` is no title in
    title case with capitals after it."""
    # (What closes a sentence stands just before the word: a paragraph of many titles is
    # searched near each one, not from its start.)
    return bool(_SENTENCE_ENDED.search(paragraph, max(0, word.start() - _NEAR), word.start()))


# A year and a colon at the head of a title in capitals: a part of it when another year
# follows it (`2001: A SPACE ODYSSEY (1968)`), else what a list of films opens with.
_OPENING_YEAR = re.compile(r"((?:19|20)\d\d):\s*")
# A comma inside a title in capitals, whose words go on to an `AND` in capitals (`THE GOOD, THE
# BAD AND THE UGLY`, `SEX, LIES, AND VIDEOTAPE`): a list of titles says `and` in lower case.
# So does a comma before an article of another language than English, that opens its second
# part (`TORRENTE, EL BRAZO TONTO DE LA LEY`).
_COMMA_IN_TITLE = (
    rf",\s+(?=(?:[{UPPER}][{UPPER}0-9'’-]*,?\s+)*(?:AND|&)\s+[{UPPER}0-9]"
    rf"|(?:{'|'.join(article.upper() for article in FOREIGN_ARTICLES)})\s+[{UPPER}])"
)
# A number with a fraction in a title: `THE NAKED GUN 2 1/2`, `2-1/2`, `2½`, `33⅓`.
_FRACTION_NUMBER = rf"[0-9]+(?:[\s-][1-9]/[1-9]\b|[{VULGAR_FRACTIONS}])"
_SHOUTED_TITLE = re.compile(
    rf"\b(?:{_LEADING_NUMBER}?{_SHOUTED_WORD}"
    rf"(?:(?:\s+|:\s*|\s+[-–—&]\s+|{_COMMA_IN_TITLE})"
    rf"(?:{_SHOUTED_WORD}|{_FRACTION_NUMBER}|[0-9][A-Z0-9'’]*\b))*"
    r"|[0-9]{2,}(?=\s*\((?:19|20)\d\d\)))"
)
_SYNOPSIS_OPENING = re.compile(
    rf"^(?P<title>[{UPPER}0-9][{UPPER}0-9 ,:'’&!?.–—-]*?[{UPPER}0-9'’!?])"
    r"(?:\s+\((?P<aside>[^()\d]+)\))?\s+[a-z]"  # `PATHER PANCHALI (SONG OF THE LITTLE ROAD)`
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_POSSESSIVE = re.compile(r"['’]s$")
# A nickname in quotes inside a part's name: `Buford 'Mad Dog' Tannen`.
_NICKNAME = rf"\s['‘’\"“][{UPPER}][\w-]*(?:\s[{UPPER}][\w-]*){{0,2}}['’\"”]"
# A part and its actor in a synopsis: `Ole (Bo Berg)`, `Anna (played by Kim Lee)`, `Anna
# (Kim Lee, in her first role)`, `Woody (voiced by Tom Hanks)`.
# A rank a part's name may open with, besides its three words (`Lieutenant Colonel Anton
# Grubitz`).
_RANK_WORD = "|".join(sorted(rank.capitalize() for rank in RANKS if len(rank) > 3))
_RANK_SHORT = "|".join(sorted(rank.capitalize() for rank in RANKS_WRITTEN_OUT))  # `Lt. Drebin`
_CHARACTER_ACTOR = re.compile(
    rf"\b(?P<character>(?:(?:Mrs?|Ms|St|{_RANK_SHORT})\.\s|(?:{_RANK_WORD})\s){{0,2}}[{UPPER}][\w'’-]+(?:\s[{UPPER}]\.)?"
    rf"(?:{_NICKNAME})?(?:\s[{UPPER}][\w'’-]+){{0,2}}(?:\s\d[\w-]*)?)"
    r"\s+"
    rf"\((?:played by\s+|(?P<voiced>voiced by\s+))?"
    rf"(?P<actor>[{UPPER}](?:[\w'’?-]+|\.(?:[{UPPER}]\.)*)"  # `O.J. Simpson`, `A. Lee`
    rf"(?:\s(?:{NAME_PARTICLE}\s)*[{UPPER}][\w'’.?-]+){{1,3}})(?:,\s[a-z][^()]*)?\)"
)
# A territory in parentheses after the key: `Release Date (UK): 10 June 1994`.
_TERRITORY_AFTER_KEY = re.compile(
    r"^(?P<key>(?:[A-Za-z-]+ )?(?:Release Date|Runtime|Running time|Certificate|Distributor))"
    r"\s*\((?P<territory>[A-Z][A-Za-z. &]{1,30})\)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# How a release was made, in parentheses after its date as a territory is: `October 27, 2006
# (limited); November 10, 2006 (wide)`.
_HOW_RELEASED = re.compile(
    r"^(?:[a-z]|(?i:limited|wide|nationwide|platform|premiere|festival|expan|select)\w*\b)"
)
_SERIES_WORDS = re.compile(r"\b(trilogy|series|saga|collection|quadrilogy|tetralogy)\b", re.I)
# A series the prose names: `the Before Trilogy`, `THE HEIST TRILOGY`, `the Three Colours
# trilogy`, `the Back to the Future Trilogy`: capitalised words (with a title's small words
# between them), then the word for a series.
_SERIES_NAME = (
    rf"(?P<name>[{UPPER}][\w'’-]*"
    rf"(?:\s+(?:(?:of|the|to|a|an|in|on|at|for|from|with)\s+){{0,2}}[{UPPER}][\w'’-]*){{0,3}})"
)
_SERIES_IN_PROSE = re.compile(
    rf"\b(?P<the>[Tt]he\s+|THE\s+)?{_SERIES_NAME}\s+"
    r"(?P<word>(?i:trilogy|saga|quadrilogy|tetralogy|cycle))\b"  # `the Antoine Doinel cycle`
)
# The end of a sentence: not the full stop of an initial (`L.A.`) or of a title (`Mr.`).
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\b(?:M[Rr]|M[Ss]|D[Rr]|S[Tt]))(?<!\bM[Rr][Ss])[.!?]\s+"
    rf"(?=[{UPPER}0-9])"
)
# A sentence about a series: the films of years it names are the series'.
_SERIES_IN_SENTENCE = re.compile(r"\b(?:trilogy|saga|quadrilogy|tetralogy|franchise)\b", re.I)
# A film placed in a series of films: `the fifth film in the Harry Potter series` (a series
# alone may be of television, or of anything: `a series of murders`).
_FILM_WORDS = r"(?:films?|movies?|pictures?|instal+ments?|entry|entries|chapters?)"
_FILM_IN_SERIES = re.compile(
    rf"\b{_FILM_WORDS}\s+(?:in|of)\s+(?:[\w'’-]+\s+){{0,4}}?series\b", re.IGNORECASE
)
# The name of such a series: `the Harry Potter series`, The Harry Potter Series.
_FILM_SERIES_NAMED = re.compile(rf"\b{_FILM_WORDS}\s+(?:in|of)\s+the\s+{_SERIES_NAME}\s+series\b")
# Words of a sentence that name the films before it as a whole: `Together the three films …`,
# `All three are …`, `These films form …`.
_COUNTS_BACK = re.compile(
    r"\b(?:(?:the|these|those|all)\s+(?P<count>two|three|four|five|2|3|4|5)\b"
    r"|(?:together|these films|those films)\b)",
    re.IGNORECASE,
)
_COUNTED = {
    "two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5,
    "trilogy": 3, "quadrilogy": 4, "tetralogy": 4, "saga": 0, "franchise": 0,
}  # fmt: skip
# A sentence that places a film in a series: `the first film of his Death trilogy`.
_PLACE_IN_SERIES = re.compile(
    r"\b(?:first|second|third|fourth|fifth|middle|final|last|opening|closing|concluding)"
    r"(?:\s+[\w-]+){0,2}\s+(?:of|in)\s+(?:[\w'’-]+\s+){0,4}"
    r"(?:trilogy|saga|quadrilogy|tetralogy|franchise)\b",
    re.IGNORECASE,
)
# A sentence that says a story goes on in the film it names: `The adventure will continue in
# 1989 with …`, `the story continues with …`.
_STORY_CONTINUES = re.compile(
    r"\b(?:story|stories|adventures?|saga|tale|journey)\s+(?:will\s+)?continues?\b", re.I
)
# What names the kit's own film as the new one, just before its title: `Spielberg and Lucas
# return with …`, `his new film, …`.
_NEW_FILM = re.compile(
    r"\b(?:(?:returns?|comes?\s+back|(?:is|are)\s+back)(?:\s+[\w'’-]+){0,6}?\s+with"
    r"|(?:is|are)\s+back\s+in"
    # `Boyle and Hodge reunite the original cast for …`, `team up again for …`
    r"|(?:reunites?|teams?\s+up)(?:\s+[\w'’-]+){0,6}?\s+for"
    # `Stallone returns as the most famous soldier in movie history in …`; not `returns as the
    # dealer he played in …`: that film is an earlier one.
    r"|(?:returns?|comes?\s+back)\s+as\s+(?:(?!(?:played|created|seen|starred|first)\b)"
    r"[\w'’-]+\s+){1,8}?in"
    # `Lucas completes the saga with …`, `concludes his trilogy with …`
    r"|(?:complete|conclude|close|end|finish)s?\s+(?:the|his|her|their)\s+(?:[\w'’-]+\s+)?"
    r"(?:saga|trilogy|series|story|tale)\s+with"
    r"|(?:new|newest|latest)\s+(?:film|feature|picture|movie),?)\s+$",
    re.IGNORECASE,
)
# Words of a sentence that names the kit's new film and another with its year: that one is of
# its series (`Three years after RAIDERS (1981) …, they return with …, a prequel`; `… reunite
# the original cast for …`). Not `first film`: a director's, as often as a series'.
_SEQUEL_WORDS = re.compile(
    r"\b(?:sequel|prequel|follow-up|instal+ment|chapter|original\s+(?:cast|stars|team))\b", re.I
)
# What says the document's film is another's sequel or prequel, just before that one's title:
# `the sequel to OLDBOY (2003)`; or that one is this one's: `directed the sequel, 2010: …`.
_SEQUEL_TO = re.compile(
    r"\b(?:(?:sequel|prequel|follow-up)\s+to(?:\s+(?:the|his|her|their|(?:19|20)\d\d['’]s))?"
    r"(?:\s+[\w-]+){0,2}?"  # `the follow-up to 1988's box-office smash THE NAKED GUN`
    r"|(?P<whose>the|its|a|his|her|their)\s+(?:sequel|prequel|follow-up),?)\s+$",
    re.IGNORECASE,
)
# A series named by its theme: `Park's revenge trilogy`, `his trilogy on revenge`.
_SERIES_THEME = re.compile(
    r"(?:['’]s|\b(?:[Hh]is|[Hh]er|[Tt]heir))\s+(?P<theme>[a-z]+)\s+(?P<word>trilogy|saga)\b"
    r"|\b(?P<word2>trilogy|saga)\s+(?:on|about)\s+(?P<theme2>[a-z]+)\b"
)
# Whose a series is, just before its name: `his Death trilogy`, `Leone's Dollars trilogy`.
_OWNED = re.compile(r"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)|\w['’]s)\s+$")
# Words that say how a series is thought of, not what it is of.
_NOT_A_THEME = {
    "acclaimed", "celebrated", "entire", "famous", "final", "first", "informal", "latest",
    "loose", "new", "original", "own", "planned", "second", "so-called", "third", "unofficial",
    "whole",
}  # fmt: skip
# Capitalised words that open a sentence or stand for the series rather than name it.
_NOT_A_SERIES_NAME = {
    "a", "an", "each", "every", "entire", "final", "first", "her", "his", "its", "my", "new",
    "our", "that", "the", "their", "this", "whole", "your",
}  # fmt: skip
_MEDIA = {
    "dvd": "dvd",
    "blu-ray": "blu-ray",
    "tv": "tv",
    "vod": "streaming",
    "streaming": "streaming",
}


# The key of a kit's cast list: `Cast:`, `Starring:`, `Principal cast:`, `Cast (in order of
# appearance):`.
_CAST_KEY_WORDS = (
    r"(?:(?:principal |main |leading |full |voice )?(?:cast|starring)|voices|featuring|with"
    r"|appearing)"
)
_CAST_KEY = re.compile(rf"^{_CAST_KEY_WORDS}$")
# A key with a space before its colon, as some typists write them: `Year : 2006`, `USA : 170
# mins`; read as `Year:`.
_KEY_SPACE = re.compile(r"^([ \t]*[A-Za-z][\w.&'’/() -]{0,40}?)[ \t]+:", re.MULTILINE)
_CAST_LIST = re.compile(rf"^{_CAST_KEY_WORDS}(?: \([^()]*\))?:", re.IGNORECASE | re.MULTILINE)
# What a cast list's key says of its order, left out: `Cast (in order of appearance):`.
_CAST_KEY_NOTE = re.compile(rf"^(?P<key>{_CAST_KEY_WORDS}) \([^()]*\):", re.I | re.M)

# A billing's credits without a colon, a line of names alone after their key: `Starring Kim
# Lee, Bo Berg and Cy Dahl`, `Written and directed by Ann Berg` (a field).
_NAME = rf"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|{NAME_PARTICLE}))*"
_UNKEYED_CREDITS = re.compile(
    r"^(?P<key>Starring|(?:Written and )?[Dd]irected by|Written by|Screenplay by|Produced by"
    r"|Based on (?:the|a) (?:novel|book) by)"
    rf" (?P<names>{_NAME}(?:(?:, (?:and )?| and | & ){_NAME})*)[ \t]*$",
    re.MULTILINE,
)

# The credits a sentence of the prose opens with: `Directed by Ann Berg from a screenplay by Ann
# Berg and Bo Dahl, the film …`, `Written and directed by Ann Berg, …`, `Directed by Ann Berg
# from his own script`.
_NAMES = rf"{_NAME}(?:(?:, (?:and )?| and | & ){_NAME})*"
# What follows a sentence's credits when they are another film's: `, HEAT (1986)`.
_OTHER_FILM_AFTER = re.compile(
    r",\s+[A-Z0-9][\w'’:&.!-]*\s+(?:(?:[A-Z0-9][\w'’:&.!-]*|of|the|for|and|a|an|in|on|to|with)"
    r"\s+){0,8}?\((?P<year>(?:19|20)\d\d)\)"
)
_PROSE_CREDITS = re.compile(
    rf"(?:^|(?<=[.!?] ))(?P<key>(?:Written and )?[Dd]irected by|Written by) (?P<names>{_NAMES})"
    r"(?: (?:from|on|with) (?:a|an|the|his|her|their) (?P<own>own )?(?:original )?"
    rf"(?:screenplay|script)(?: (?:(?:co-)?written )?(?:by|with) (?P<writers>{_NAMES}))?)?"
    r"(?=\s*[,.;:!?]|$)"
)

# The keys of the kit's title: `Title: HEAT`, `Film title: Heat`, `Titre: …`.
_TITLE_KEYS = frozenset(
    {"title", "film title", "movie title", "title of the film", "titre", "titel", "titolo"}
)
# The film's year: `Year: 2003`, `Year of production: 2003`.
_YEAR_KEYS = ("year", "year of production", "production year", "year of release")
# Any value: a kit whose year is mistyped (`Year: 19966`) is a kit still, its year a warning.
_YEAR_FIELD = re.compile(rf"^(?i:{'|'.join(_YEAR_KEYS)}):[ \t]*\S", re.MULTILINE)
# The film's countries and year on a line of their own, as a festival's kit writes them:
# `Denmark, 2012`, `Denmark / Sweden, 2012`, `2012, Denmark`.
_COUNTRY_YEAR = re.compile(
    rf"^(?:(?P<countries>[{UPPER}][\w.'’ -]*?(?:(?<!\s)\s*/\s*[{UPPER}][\w.'’ -]*?)*),\s*"
    r"(?P<year>(?:18|19|20)\d\d)"
    r"|(?P<year_first>(?:18|19|20)\d\d),\s*"
    rf"(?P<countries_after>[{UPPER}][\w.'’ -]*?(?:(?<!\s)\s*/\s*[{UPPER}][\w.'’ -]*?)*))"
    # A festival's line goes on with the film's specifications: `Iran, 2011 - 123 min - DCP`.
    r"(?:\s+[-–—|·]\s+(?P<specs>\S.*?))?\s*$",
    re.MULTILINE,
)
_SPEC_SEPARATOR = re.compile(r"\s+[-–—|·]\s+")
# What a festival's line of specifications says, by the words of each (`1.85`, `Colour`,
# `Dolby SRD`, `DCP`): the label of the technical note it is.
_SPECS = (
    (re.compile(r"^\d[.,:]\d{1,2}(?:\s*:\s*1)?$|^1\s*:\s*\d[.,]\d{1,2}$"), "Aspect ratio"),
    (re.compile(r"^(?:colou?r|black (?:and|&) white|b\s*&\s*w|b/w)$", re.I), "Colour"),
    (re.compile(r"\b(?:dolby|dts|sdds|stereo|mono|atmos|\d\.1)\b", re.I), "Sound mix"),
    (
        re.compile(r"^(?:dcp|35\s*mm|16\s*mm|70\s*mm|hd|hdcam|2k|4k|digital|blu-ray)$", re.I),
        "Format",
    ),
)
# A release's key with a year in its value: a kit of columns may give its film's year so alone
# (`Release Date: March 8, 1996`).
_DATED_RELEASE = re.compile(
    r"^(?:[\w.&' ]+ )?(?:Re-?)?Release(?: Date)?\s*:.*\b(?:18|19|20)\d\d\b", re.I | re.MULTILINE
)


# A key that opens with a territory: `UK: Metrodome Group`, `USA & UK: 96 mins`, `UK
# Certificate: 18 …`.
_TERRITORIAL_KEY = re.compile(
    r"^(?:[A-Z]{2,3}|U\.S\.A?\.|U\.K\.)(?:\s*&\s*[A-Z]{2,3})?(?: [\w-]+){0,3}:"
)


# A key that opens with a territory written whole, as only a kit's keys do: `Sweden Release
# Date:`, `Denmark DVD Release Date:`, `France Certificate:`, `Sweden: 98 mins` (not a dump's
# `Release Date:`, `Runtime: 98 min`, `Original Release Date:`).
_NAMED_TERRITORY_KEY = re.compile(
    r"^(?!(?:Runtime|Running|Length|Duration|Original|First|Initial|Theatrical|World)\b)"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}"
    r"(?:(?: (?:DVD|Blu-ray|TV|VOD|Cinema))? Release Date:| Certificate:|: \d{2,3} mins?\b)"
)


# The kit's title with its year, on a line of its own: `PAN'S LABYRINTH (2006)`, `Pan's
# Labyrinth (2006)`, `PAN'S LABYRINTH – 2006`; in capitals anywhere in the kit's head, in any
# case as its first line.
_YEAR_AFTER_TITLE = (
    r"(?:\s*\((?P<year>(?:18|19|20)\d\d)\)|\s+[-–—/|]\s+(?P<year_after>(?:18|19|20)\d\d))"
)
_SHOUTED_TITLE_YEAR = re.compile(
    rf"^(?P<title>[{UPPER}0-9][^a-z\n:]{{0,150}}?){_YEAR_AFTER_TITLE}\s*$", re.MULTILINE
)
_TITLE_YEAR_FIRST = re.compile(
    rf"^\s*(?P<title>[{UPPER}0-9][^\n:]{{0,150}}?){_YEAR_AFTER_TITLE}\s*$"
)


# A synopsis' heading alone on its line: `SYNOPSIS`, `SHORT SYNOPSIS`, `LONG SYNOPSIS`.
_SYNOPSIS_LINE = r"^(?:(?:SHORT|LONG|FULL|BRIEF) )?SYNOPSIS\s*$"
_RELEASE_YEAR_KEY = re.compile(r"^Release Year\s*:", re.I | re.M)
_DIRECTOR_FIELD = re.compile(r"^Directors?(?: \([^()]*\))?:[ \t]*\S", re.IGNORECASE | re.MULTILINE)
_STORY_WITH_PARTS = re.compile(
    rf"\b(?:tells|is) the (?:story|tale) of\b[^\n]*?\b[{UPPER}][\w'’-]+ \([{UPPER}][^()\n]*\)"
)


def looks_like(text: str) -> bool:
    """A year, and a cast list (`Cast:`, `Starring:`) or keys by territory; no cast block of
    `Actor - Character` lines (a metadata dump's) unless keys by territory say it is a kit. Or
    a year, `CAST` and `CREW` headings over columns, and a synopsis (under `SYNOPSIS`, or one
    that tells the story of its film)."""
    head = _UNKEYED_CREDITS.sub(r"\g<key>: \g<names>", _KEY_SPACE.sub(r"\1:", text[:20000]))
    head = _KIT_AFTER_TITLE.sub(r"\g<title>", head, count=1)
    has_year = (
        _YEAR_FIELD.search(head)
        or _COUNTRY_YEAR.search(head)
        or _SHOUTED_TITLE_YEAR.search(head[:2000])
        or _TITLE_YEAR_FIRST.match(head.lstrip().split("\n", 1)[0])
    )
    sectioned = _SECTIONED.search(head) and re.search(
        rf"{_SYNOPSIS_LINE}|\b(?:tells|is) the (?:story|tale) of\b", head, re.MULTILINE
    )
    if sectioned and (has_year or _DATED_RELEASE.search(head)):
        return True  # `CAST` and `CREW` in columns, under headings, and a synopsis
    cast_list = _CAST_LIST.search(head)
    cast_block = len(_CAST_LINE.findall(head)) >= 2
    territorial = sum(
        1
        for line in head.splitlines()
        if _TERRITORIAL_KEY.match(line) or _NAMED_TERRITORY_KEY.match(line)
    )
    if not has_year:
        # A cast list, a release with its year, and a synopsis under its heading or keys by
        # territory: a kit that dates its film by its release or its prose (a dump has no
        # synopsis, nor headings in capitals, nor `USA: Magnolia Films`).
        synopsis = re.search(_SYNOPSIS_LINE, head, re.MULTILINE)
        dated = _DATED_RELEASE.search(head)
        return bool(cast_list and (synopsis or territorial >= 2) and dated) and not cast_block
    if not (cast_list or territorial >= 2 or cast_block):
        # A year, its director, and a synopsis that tells the film's story, its parts with
        # their actors (`HARBOUR tells the story of Sam (Ann Lee)`): a kit of few fields.
        return bool(
            _DIRECTOR_FIELD.search(head)
            and _STORY_WITH_PARTS.search(head)
            and not DUMP_ONLY_KEYS.search(head)
        )
    # A dump's `Release Year:` over a cast written `Ann Lee as Ida` under its `Cast:` key (no
    # `Actor - Character` block): a dump, unless keys by territory say it is a kit.
    dump_keyed = _RELEASE_YEAR_KEY.search(head) is not None
    return bool(cast_list or territorial >= 2) and (
        territorial >= 2 or not (cast_block or dump_keyed)
    )


def _spec(doc: FilmDocument, spec: str, number: int) -> None:
    """One of a festival's specifications (`123 min`, `1.85`, `Dolby SRD`): a runtime, or a
    technical note of what it says; kept aside, with a warning, when it says neither."""
    if not spec:
        return
    if (minutes := parse_runtime(spec)) is not None:
        doc.runtimes.append(RuntimeRecord("", minutes, number))
        return
    label = next((label for pattern, label in _SPECS if pattern.search(spec)), None)
    if label is None:
        doc.warn(number, "unplaced_line", f"specification kept aside: {spec!r}")
        return
    doc.notes.append(NoteRecord("technical", spec, number, label))


def _is_header_line(line: str) -> bool:
    """`UK DVD Release Date: …` has a key of a few words; prose may hold a colon too."""
    match = KEY_VALUE.match(line)
    if match:
        key = match.group(1)
        if " ".join(key.lower().split()) in CREW_KEYS:
            return True  # `Based on the novel by: …`
        return len(key.split()) <= 4 and not _opens_synopsis(line)
    return len(line.split()) < 8


def _opens_synopsis(line: str) -> bool:
    """`THREE COLOURS: RED tells the story of …`: a synopsis opening with a title that holds a
    colon, not the key `THREE COLOURS`. (A territory and a rating, `UK: PG for mild peril`, has
    no words on both sides of its colon.)"""
    if _TELLS_THE_STORY.match(line):  # `Three Colours: Red tells the story of …`
        return True
    opening = _SYNOPSIS_OPENING.match(line)
    if not opening or not is_shouted(opening.group("title")):
        return False
    main, _, subtitle = opening.group("title").partition(":")
    words_after = len(line[opening.end("title") :].split())
    return all(sum(c.isalpha() for c in part) >= 3 for part in (main, subtitle)) and (
        words_after >= 4
    )


def _is_field(line: str) -> bool:
    match = KEY_VALUE.match(line)
    return bool(match) and len(match.group(1).split()) <= 4 and not _opens_synopsis(line)


def _is_prose(lines: list[str]) -> bool:
    """Prose, unless every line is a header line (but sentences without a field are prose), or
    most are fields (a sentence among them, `Based on the novel by …`, is prose of its own)."""
    fields = sum(map(_is_field, lines))
    if not fields and all(re.search(r"[.!?]$", line.strip()) for line in lines):
        return True  # a short paragraph: `The train stops at every station.`
    header = [_is_header_line(line.strip()) for line in lines]
    return not all(header) and 2 * fields <= len(lines)


_PARAGRAPH_END = re.compile(r"""[.!?:"”’)…]$""")


def _paragraphs(start: int, lines: list[str]) -> list[tuple[int, str]]:
    """A block's paragraphs, each with its first line: a line wrapped in the middle of a
    sentence goes on with the next (`… and` / `THREE COLOURS: RED (1994).`)."""
    paragraphs: list[tuple[int, str]] = []
    texts = [" ".join(line.split()) for line in lines]
    # Lines wrapped at a width, as a PDF's copy is: a line that had no room for the next one's
    # first word goes on with it, whatever it ends with (`… northern India.` / `There, …`).
    width = max(map(len, texts), default=0)
    wrapped = len(texts) > 1 and width <= _WRAPPED_WIDTH
    for offset, text in enumerate(texts):
        before = texts[offset - 1] if offset else ""
        if paragraphs and (
            not _PARAGRAPH_END.search(paragraphs[-1][1])
            or text[:1].islower()
            or (wrapped and len(before) + 1 + len(text.split(" ")[0]) > width)
        ):
            # A line wrapped after a word's hyphen goes on with no space (`Choi Min-` / `sik`).
            joint = "" if wrapped and _WRAPPED_HYPHEN.search(before) else " "
            paragraphs[-1] = (paragraphs[-1][0], f"{paragraphs[-1][1]}{joint}{text}")
        else:
            paragraphs.append((start + offset, text))
    return paragraphs


# The widest lines a copy wraps its paragraphs at.
_WRAPPED_WIDTH = 100
# The narrowest: in a block of fields whose lines are all shorter, no field was wrapped (`US
# Distributor` under a short field is a line of its own).
_NARROWEST_WRAP = 60
# A wrapped line that ends with a word's hyphen: `Choi Min-`.
_WRAPPED_HYPHEN = re.compile(r"[^\W\d_]-$")


def _wrapped_at(lines: list[str]) -> int:
    """The width a block's lines of fields were wrapped at (its longest line's), or 0 when
    they were not: a line longer than a copy wraps at, or none long enough to tell."""
    width = max((len(line.rstrip()) for line in lines), default=0)
    return width if _NARROWEST_WRAP <= width <= _WRAPPED_WIDTH else 0


def _cast_heading(line: str) -> bool:
    return bool(re.fullmatch(r"(?:Cast|Starring|CAST)\s*:?\s*", line.strip()))


def _cast_lines(lines: list[str]) -> list[int]:
    """The offsets in the block of a cast block's `Actor - Character` lines (after a `Cast:`
    heading); [] for a block that is none."""
    headed = _cast_heading(lines[0])
    found = list(range(1 if headed else 0, len(lines)))
    if len(found) < 2 or not all(_cast_line(lines[i], headed) for i in found):
        return []
    return found


def _cast_line(line: str, headed: bool) -> re.Match | None:
    """`Ann Lee - Irene`, `Ann Lee as Irene` (`_CAST_AS_LINE`, `_NAMED_AS_LINE`), `Ann Lee
    (Irene)` (`_NAMED_PART_LINE`): the actor and the part; else None."""
    line = line.strip()
    return (
        _CAST_LINE.match(line)
        or (_CAST_AS_LINE if headed else _NAMED_AS_LINE).match(line)
        or _NAMED_PART_LINE.match(line)
    )


def _cast_line_credit(line: str, number: int, order: int, headed: bool, shouted: bool = False):
    """The credit of a cast block's line (`_cast_line`); `shouted`: the block writes its names
    and parts all in capitals (`AL PACINO as VINCENT HANNA`), as names are written here."""
    match = _cast_line(line, headed)
    actor, part = match.group("actor"), match.group("character")
    if match.re is _NAMED_PART_LINE and not part_not_note(part):
        part = f"({part})"  # `Kim Lee (voice)`: a note, no part
    if shouted:
        actor = _unshouted(actor)
        part = _unshouted(part) if len(part.split()) > 1 else name_case(part, one_word=True)
    return cast_credit(actor, part, number, order)


def _shouted_cast(lines: list[str], offsets: list[int], headed: bool) -> bool:
    """Whether a cast block writes every actor and part in capitals."""
    matches = [_cast_line(lines[i], headed) for i in offsets]
    return all(
        _in_capitals(word) for m in matches for word in f"{m['actor']} {m['character']}".split()
    )


def _heading(lines: list[str]) -> str | None:
    """A line alone in its block, in capitals: a section's heading (`SYNOPSIS`, `ABOUT THE
    PRODUCTION`), or over the kit, its title; else None."""
    if len(lines) != 1:
        return None
    line = lines[0].strip()
    words = line.split()
    if not is_shouted(line) or ":" in line or len(words) > 6:
        return None
    return line


# What a kit's first line may say of itself after the title: `HEAT (1995) - PRESS KIT`, `Heat
# (1995) | Press Notes`.
_KIT_AFTER_TITLE = re.compile(
    r"\A(?P<title>\s*\S[^\n]*?)\s+[-–—|:]\s+(?i:(?:the\s+)?(?:official\s+)?"
    r"(?:press\s*(?:kit|notes|book|release|pack)|production\s+notes|electronic press kit|epk))"
    r"[ \t]*$",
    re.MULTILINE,
)
# A title in quotes: `"EPSILON"`, `“Epsilon”`.
_QUOTED = re.compile(r"^[\"“'‘«]\s*(?P<title>[^\"“”«»]+?)\s*[\"”'’»]$")


def title_cased_line(lines: list[str]) -> bool:
    """A line alone in its block written as a title is (`Epsilon`, `The Night of the Hunter`,
    `1917`, `21 Grams`): a few words, each capitalised but a title's small words, no key, no
    sentence's end."""
    if len(lines) != 1:
        return False
    line = _QUOTED.sub(r"\g<title>", lines[0].strip())
    words = line.split()
    return (
        0 < len(words) <= 8
        and not KEY_VALUE.match(line)
        and not line.endswith((".", ",", ";"))
        and not _SECTION_WORDS.search(line.upper())
        and (words[0][:1].isupper() or words[0][:1].isdigit())
        and all(
            w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words
        )
    )


def _title_with_subtitle(lines: list[str]) -> str | None:
    """A line alone in its block, in capitals, whose colon parts a title from its subtitle
    (`MAD MAX: FURY ROAD`), not a key from its value (`USA: MAGNOLIA FILMS`, `YEAR: 2015`):
    over a kit, its title; else None."""
    if len(lines) != 1:
        return None
    line = lines[0].strip()
    match = KEY_VALUE.match(line)
    if not match or not is_shouted(line) or len(line.split()) > 10:
        return None
    key, value = match.group(1).strip(), match.group(2).strip()
    if sum(c.isalpha() for c in value) < 3 or _known_key(key) or parse_runtime(value):
        return None
    return line


def _known_key(key: str) -> bool:
    """Whether a kit's field has this key, or may (a territory written short: `UK`)."""
    lower = key.lower()
    return (
        lower in (*_YEAR_KEYS, *_TITLE_KEYS, *OTHER_TITLE_KEYS, *IMDB_KEYS, *CREW_KEYS)
        or lower in ("country", "countries", "language", "languages", "genre", "genres")
        or lower in COMPANY_KEYS
        or lower in TECHNICAL_KEYS
        or any(
            pattern.match(key)
            for pattern in (
                _RELEASE_KEY,
                _CERTIFICATE_KEY,
                _RUNTIME_KEY,
                _DISTRIBUTOR_KEY,
                _MONEY_KEY,
            )
        )
        or bool(_CAST_KEY.match(lower))
        or lower in NARRATOR_KEYS
        or bool(_ABBREVIATION.fullmatch(territory(key).replace(".", "")))
    )


def _billing_lines(lines: list[str]) -> list[str] | None:
    """A block of billing whose `presents` stands on a line of its own, under who presents
    (`PARAMOUNT PICTURES` / `presents`): its lines with the two joined; else None."""
    joined: list[str] = []
    for line in lines:
        if _PRESENTS.match(line.strip()) and joined:
            joined[-1] = f"{joined[-1].strip()} {line.strip()}"
        else:
            joined.append(line)
    if len(joined) == len(lines) or not all(_BILLING.match(line.strip()) for line in joined):
        return None
    return joined


_PRESENTS = re.compile(r"^(?:presents?|PRESENTS?)$")


# A year alone on its line, in parentheses or not: `(2006)`.
_YEAR_ALONE = re.compile(r"^\(?(?P<year>(?:18|19|20)\d\d)\)?$")


# A line under a kit's title that is its tagline: in quotes, or what kind of story the film is
# (`A Los Angeles Crime Saga`, `An Epic Adventure`), not a title of its own; not whose film it
# is (`A Tim Burton Film`).
_QUOTED_TAGLINE = re.compile(r"^[\"“]\s*(?P<tagline>[^\"“”]+?)\s*[\"”]$")
_STORY_KIND = re.compile(
    r"^(?:an?|the)\s.*\b(?:saga|story|tale|thriller|comedy|drama|epic|adventure|romance|fable"
    r"|western|musical|mystery)$",
    re.IGNORECASE,
)


def _tagline_under_title(lines: list[str]) -> str:
    """Of two lines over a kit, a title in capitals (`_heading`) and its tagline under it: the
    tagline; else ''."""
    if len(lines) != 2 or _heading(lines[:1]) is None:
        return ""
    under = lines[1].strip()
    if quoted := _QUOTED_TAGLINE.match(under):
        return quoted["tagline"]
    return under if _STORY_KIND.match(under) and not is_shouted(under) else ""


def _title_over_original(lines: list[str]) -> str:
    """Of two lines over a kit, a title in capitals (`_heading`) and another that is no field:
    the other, the film's original title (`(Fa yeung nin wah)`); else ''."""
    if len(lines) != 2 or _heading(lines[:1]) is None:
        return ""
    other = lines[1].strip()
    if other.startswith("(") and other.endswith(")"):
        other = other[1:-1].strip()
    if not other or _is_field(other) or _BILLING.match(other) or len(other.split()) > 12:
        return ""
    return title_case(other) if is_shouted(other) else other  # `(JAGTEN)`, as the title is


# Headings of a kit's credits set out in two columns (`Oh Dae-su ....... CHOI Min-sik`,
# `Director        PARK Chan-wook`): the cast, or the crew.
_CREDIT_HEADINGS = {
    **dict.fromkeys(("CAST", "MAIN CAST", "PRINCIPAL CAST"), "cast"),
    **dict.fromkeys(("CREW", "KEY CREW", "MAIN CREW", "CREDITS", "FILMMAKERS"), "crew"),
    "VOICE CAST": "voices",  # the cast, each a voice
    "VOICES": "voices",
    # The cast's columns and the crew's under one heading: each line as its left column says.
    **dict.fromkeys(("CAST & CREW", "CAST AND CREW", "CAST & CREDITS"), "cast and crew"),
}
# A heading may open with `THE` and say more in parentheses: `THE CAST`, `CAST (in order of
# appearance)`, `VOICE CAST (ENGLISH VERSION)` (the version its voices speak: each credit's
# note).
_CREDIT_HEADING = re.compile(
    rf"^(?:THE )?(?P<heading>{'|'.join(_CREDIT_HEADINGS)})"
    r"(?:\s*\((?P<note>[^()\n]*)\))?[ \t]*$",
    re.MULTILINE,
)
_SECTIONED = _CREDIT_HEADING
# Two columns: parted by dots (one between spaces, where the longest name left room for no more)
# or a dash between spaces, a tab, or two spaces or more.
_COLUMNS = re.compile(
    r"^(?P<left>\S.*?)(?<!\s)(?:\s*\.{2,}\s*|\s+[.…]\s+|\s+[-–—]\s+|\s*\t\s*|\s{2,})"
    r"(?P<right>\S.*)$"
)

_DOTTED_COLUMNS = re.compile(r"^(?P<left>\S.*?)(?<!\s)\s*\.{2,}\s*(?P<right>\S.*)$")

# The heading of a kit's contact: its sales agent, its press officer.
_CONTACT_HEADING = re.compile(
    r"^(?:(?:(?:WORLD|INTERNATIONAL|INT'L|US|UK|FRENCH|LOCAL)\s+)?"
    r"(?:SALES|PRESS|PUBLICITY|PUBLICIST|DISTRIBUTION)(?:\s+(?:CONTACTS?|AGENTS?|OFFICE))?"
    r"|(?:PRESS\s+)?CONTACTS?)\s*$"
)

# A contact's key over its address: `International Sales: A24 Films`, `UK Press: Ann Lee, PR`.
_CONTACT_KEY = re.compile(
    r"^(?:(?:WORLD|INTERNATIONAL|INT'L|US|UK|[A-Z][a-z]+)\s+)?"
    r"(?i:sales|press|publicity|publicist)(?:\s+(?i:contacts?|agents?|office))?\s*:"
)

# The billing over a kit's title: who presents it, whose film it is.
_BILLING = re.compile(
    r"^(?:.+\s(?:presents?|PRESENTS?)|[Ii]n association with .+|"
    r"(?:[Aa]|AN?)\s+(?:film|FILM)\s+(?:by|BY)\s+(?P<director>.+)|"
    r"(?:A|AN)\s+(?P<maker>[A-Z][A-Z'’.-]*(?:\s+[A-Z][A-Z'’.-]*){1,3})\s+(?:FILM|[Ff]ilm))$"
)
# A company's words: `A PIXAR ANIMATION STUDIOS film` is the studio's billing, not a director's.
_COMPANY_WORDS = re.compile(
    r"\b(?:PICTURES|STUDIOS?|FILMS|ANIMATION|ENTERTAINMENT|PRODUCTIONS?|COMPANY|MEDIA|"
    r"FILMPRODUKTION|CINEMA|DISTRIBUTION)\b",
    re.IGNORECASE,
)


# Headings of a kit's sections: one of these words in a heading says it is no title.
_SECTION_WORDS = re.compile(
    r"\b(SYNOPSIS|STORY|PLOT|ABOUT|NOTES?|PRODUCTION|BIOGRAPHY|BIOGRAPHIES|FILMOGRAPHY|"
    r"STATEMENT|INTERVIEW|CAST|CREW|CREDITS|CONTACTS?|PRESS|TECHNICAL|SPECIFICATIONS|"
    r"FESTIVALS?|AWARDS|QUOTES|REVIEWS|LOG[ -]?LINE)\b"
)
_SYNOPSIS_HEADING = re.compile(r"\b(SYNOPSIS|STORY|PLOT)\b")
# The heading of the kit's one sentence on its film: `LOGLINE`.
_LOGLINE_HEADING = re.compile(r"log[ -]?line", re.IGNORECASE)
# The heading of the people's bios (`ABOUT THE CAST`, `FILMMAKER BIOGRAPHIES`): what it heads
# opens with a name, never with the film's title.
_BIOS_HEADING = re.compile(
    r"\b(?:about\s+the\s+(?:cast|crew|filmmakers?|director|actors?|writers?|producers?)"
    r"|biograph\w*|bios|filmmakers?|profiles)\b",
    re.IGNORECASE,
)


def parse(text: str) -> FilmDocument:
    doc = FilmDocument(format=FORMAT)
    text = textwrap.dedent(without_control_characters(doc, text))  # a whole copy indented
    text = _KEY_SPACE.sub(r"\1:", text)
    text = _CAST_KEY_NOTE.sub(r"\g<key>:", text)
    text = _UNKEYED_CREDITS.sub(r"\g<key>: \g<names>", text)
    text = _KIT_AFTER_TITLE.sub(r"\g<title>", text, count=1)
    prose: list[tuple[int, str, str]] = []  # (line, paragraph, the heading it is under)
    heading = ""
    # (the key's territories as written, company, line, whether the key says it names a
    # distributor): decided once every key is read, by the territories the other keys name.
    distributors: list[tuple[str, str, int, bool]] = []
    title_line: tuple[int, str] | None = None
    overhead = True  # the blocks over the kit's fields: its title, who presents it
    # `year: 2004`, `cast: …`: fields (the year was lost, the cast kept aside).
    all_blocks = blocks([key_capitalised(line, _known_key) for line in text.split("\n")])
    columns: list[tuple[str, int, str, str, str]] = []  # (section, line, left, right, version)
    credit_section = ""  # under a `CAST` or `CREW` heading: the section
    version = ""  # the version a heading's voices speak: `English version`
    contact_heading = ""  # a contact's heading alone: its lines are the next block
    for index, (start, lines) in enumerate(all_blocks):
        following = all_blocks[index + 1][1] if index + 1 < len(all_blocks) else []
        if _CONTACT_KEY.match(lines[0].strip()) and all(len(line.split()) <= 12 for line in lines):
            # `International Sales: A24 Films, …` over an address: a contact under its key.
            written = redact_emails(", ".join(line.strip() for line in lines))[0]
            doc.warn(start, "press_contact", f"a contact was left out: {written[:200]}")
            continue
        if _CONTACT_HEADING.match(lines[0].strip()) or contact_heading:
            # `WORLD SALES` over an address: whom the press calls, no fact of the film.
            heading, contact_heading = contact_heading or lines[0].strip(), ""
            contact = [line.strip() for line in lines if line.strip() != heading]
            if not contact:
                contact_heading = heading
                continue
            if all(len(line.split()) <= 8 for line in contact):
                written = redact_emails(", ".join(contact))[0]
                doc.warn(
                    start, "press_contact", f"a contact was left out: {heading}: {written[:200]}"
                )
                continue
        if (credit_heading := _CREDIT_HEADING.match(lines[0].strip())) and (
            len(lines) == 1 or all(_COLUMNS.match(line.strip()) for line in lines[1:])
        ):
            # `CAST` over its columns, in their block or the next.
            heading = credit_heading["heading"]
            credit_section = _CREDIT_HEADINGS[heading]
            note = (credit_heading["note"] or "").strip()
            version = note.capitalize() if re.search(r"(?i)\bversion\b", note) else ""
            overhead = False
            if len(lines) == 1:
                continue
            start, lines = start + 1, lines[1:]
        if credit_section and all(_COLUMNS.match(line.strip()) for line in lines):
            for offset, line in enumerate(lines):
                pair = _COLUMNS.match(line.strip())
                section = credit_section
                if section == "cast and crew":  # `Director ..... Ann Lee` among the cast
                    section = "crew" if pair["left"].strip().lower() in CREW_KEYS else "cast"
                columns.append((section, start + offset, pair["left"], pair["right"], version))
            continue
        if credit_section in ("cast", "voices") and len(lines) == 1 and "," in lines[0]:
            # `CAST` over `Al Pacino, Robert De Niro, Val Kilmer`: its list, as `Cast:` gives.
            key = "Voice cast" if credit_section == "voices" else "Cast"
            _header_line(doc, f"{key}: {lines[0].strip()}", start, distributors)
            credit_section = ""
            continue
        if crew := _crew_columns(lines):  # `Directed by ...... Lee Unkrich`, under no heading
            columns.extend(("crew", start + offset, *pair, "") for offset, pair in enumerate(crew))
            continue
        credit_section = ""
        if len(lines) == 1 and _cast_heading(lines[0]) and following and _cast_lines(following):
            continue  # `Cast:` alone, over the cast block
        if cast := _cast_lines(lines):
            headed = _cast_heading(lines[0])
            shouted = _shouted_cast(lines, cast, headed)
            doc.credits.extend(
                _cast_line_credit(lines[offset], start + offset, order, headed, shouted)
                for order, offset in enumerate(cast, start=1)
            )
            continue
        if (shouted := _heading(lines)) is not None:
            # A section's heading, unless it is the title over the kit's fields (`NIGHT STORY`
            # over `Year: 2008`: a title may end with a section's word; `PRESS KIT` opens with
            # one).
            over_fields = (
                overhead
                and title_line is None
                and following
                and not _SECTION_WORDS.match(shouted)
                and (_is_field(following[0].strip()) or _BILLING.match(following[0].strip()))
            )
            if _SECTION_WORDS.search(shouted) and not over_fields:
                heading = shouted
                continue
            if overhead and title_line is None and not _BILLING.match(shouted):
                title_line = (start, shouted)  # the film's title, over the kit
                continue
        elif (
            len(lines) > 1
            and (shouted := _heading(lines[:1])) is not None
            and _SECTION_WORDS.search(shouted)
            and _is_prose(lines[1:])
        ):
            # `SYNOPSIS` over its paragraphs, no blank line between.
            heading, start, lines = shouted, start + 1, lines[1:]
            overhead = False
        if overhead and title_line is None and (shouted := _title_with_subtitle(lines)):
            title_line = (start, shouted)
            continue
        if (
            overhead
            and title_line is None
            and len(lines) > 1
            and (
                (
                    (shouted := _heading(lines[:1])) is not None
                    and not _SECTION_WORDS.search(shouted)
                )
                or (index == 0 and title_cased_line(lines[:1]))
            )
            and (_is_field(lines[1].strip()) or _BILLING.match(lines[1].strip()))
        ):
            # The title over the fields or the billing, no blank line between.
            title_line = (start, lines[0].strip())
            start, lines = start + 1, lines[1:]
        if overhead and (billing := _billing_lines(lines)):
            lines = billing  # `PARAMOUNT PICTURES` over `presents`: one billing
        if (
            index == 0
            and title_line is None
            and following
            and _is_field(following[0].strip())
            and (
                title_cased_line(lines)
                or (len(lines) == 1 and _TITLE_YEAR_FIRST.match(lines[0]) is not None)
            )
        ):
            # `Epsilon` alone over the fields, as a title is written (with its year after it,
            # maybe: `Pan's Labyrinth (2006)`): the film's title.
            title_line = (start, lines[0].strip())
            continue
        if (
            overhead
            and title_line is None
            and len(lines) == 2
            and _heading(lines[:1]) is not None
            and (year := _YEAR_ALONE.match(lines[1].strip()))
        ):
            # `PAN'S LABYRINTH` over `(2006)`: the title, and its year.
            title_line, doc.year = (start, lines[0].strip()), doc.year or int(year["year"])
            continue
        if (
            overhead
            and title_line is None
            and len(lines) == 2
            and _heading(lines[:1]) is not None
            and names_a_version(lines[1].strip().strip("()"))
        ):
            # `LAWRENCE OF ARABIA` over `The Restored Version`: the title, and the version the
            # kit presents, no title of the film's (it was an original title).
            title_line = (start, lines[0].strip())
            doc.warn(
                start + 1,
                "unplaced_line",
                f"the version the kit presents kept aside: {lines[1].strip()!r}",
            )
            continue
        if overhead and title_line is None and (tagline := _tagline_under_title(lines)):
            # `DIE HARD` over `"Twelve terrorists. One cop. …"`, `HEAT` over `A Los Angeles Crime
            # Saga`: the title, and its tagline (they were the original title, or a press note).
            title_line = (start, lines[0].strip())
            doc.notes.append(NoteRecord("tagline", tagline, start + 1))
            continue
        if overhead and title_line is None and (original := _title_over_original(lines)):
            # `IN THE MOOD FOR LOVE` over `花樣年華`: the title, and its original under it.
            title_line = (start, lines[0].strip())
            doc.other_titles.append(TitleRecord(original, "original", start + 1))
            continue
        if (
            overhead
            and title_line is None
            and len(lines) > 1
            and all(_BILLING.match(line.strip()) for line in lines[:-1])
            and _heading(lines[-1:]) is not None
        ):
            # `WARNER BROS. presents` over `HEAT`, no blank line between: the billing, then the
            # title.
            title_line, lines = (start + len(lines) - 1, lines[-1].strip()), lines[:-1]
        if overhead and all(_BILLING.match(line.strip()) for line in lines):
            # `TARTAN FILMS presents`, `A film by Park Chan-wook`, over or under the title.
            for offset, line in enumerate(lines):
                billed = _BILLING.match(line.strip())
                if directors := billed["director"]:
                    doc.credits.extend(
                        CreditRecord(name, "director", start + offset)
                        for name in crew_names(directors)
                    )
                elif (maker := billed["maker"]) and not _COMPANY_WORDS.search(maker):
                    # `A GUILLERMO DEL TORO FILM`: its director
                    doc.credits.append(CreditRecord(name_case(maker), "director", start + offset))
                else:
                    doc.warn(start + offset, "unplaced_line", f"billing kept aside: {line!r}")
            continue
        overhead = False
        if len(lines) == 1 and _COUNTRY_YEAR.match(lines[0].strip()):
            # `Iran, 2011 - 123 min - DCP - 1.85`: a festival's line, long as a sentence.
            _header_line(doc, lines[0].strip(), start, distributors)
            continue
        if _is_prose(lines):
            prose.extend((line, text, heading) for line, text in _paragraphs(start, lines))
            continue
        for offset, line in continued_fields(lines, _lists_names, width=_wrapped_at(lines)):
            if rated := _RATED.match(line.strip()):  # `Rated R for strong violence`
                rating = f"{rated['rating']}{rated['reason'] or ''}"
                doc.certificates.extend(certificates("USA", rating, start + offset))
            elif _is_header_line(line.strip()) or _COUNTRY_YEAR.match(line.strip()):
                _header_line(doc, line.strip(), start + offset, distributors)
            else:
                prose.append((start + offset, " ".join(line.split()), heading))
    _distributors(doc, distributors)
    _territories_of_releases(doc)
    if title_line and not doc.title:  # a `Title:` field says it better
        title = _QUOTED.sub(r"\g<title>", title_line[1])  # `"EPSILON"`: the title in quotes
        if dated := _TITLE_YEAR_FIRST.match(title):  # `PAN'S LABYRINTH (2006)`
            title = dated["title"]
            doc.year = doc.year or int(dated["year"] or dated["year_after"])
        doc.title_line, doc.title = title_line[0], title_case(title) if is_shouted(title) else title
    year_of_release = doc.year is None  # none given: its first release's, if it dates one
    if year_of_release:
        doc.year = _year_of_first_release(doc)
    _prose(doc, prose)
    _logline(doc)
    doc.mentioned_films = _one_mention_per_film(doc.mentioned_films)
    _title_named_new(doc)
    _title_shouted_in_synopsis(doc, prose)
    if year_of_release and (own := _year_prose_gives_its_title(doc, text)):
        doc.year = own  # `his 1996 feature film debut, HARBOUR`, not a re-release's 2006
    elif (
        year_of_release
        and doc.year
        and not _YEAR_FIELD.search(text)  # `Year: 19966`: its release's, with a warning
        and not (re.search(_SYNOPSIS_LINE, text, re.MULTILINE) or _SECTIONED.search(text))
    ):
        # Its releases may be a re-release's (`USA Release Date: 18 August 2006` of a 1996
        # film): with no synopsis under its heading to say it is the film's own kit, no year.
        raise ImportFormatError(
            "the press kit gives no year: no `Year:`, and its prose names its film with none"
        )
    _column_credits(doc, columns)
    _parts_said(doc, prose)
    _own_other_titles(doc)
    _first_of_its_title(doc, text)
    _title_as_written(doc)
    return doc


def _title_as_written(doc: FilmDocument) -> None:
    """A title in capitals, as the kit writes it where it gives it otherwise in small letters:
    `PORTRAIT DE LA JEUNE FILLE EN FEU` over `Original title: Portrait de la jeune fille en feu`
    (cased as an English title, it was `Portrait De La Jeune Fille En Feu`)."""
    for other in doc.other_titles:
        if (
            other.title.casefold() == doc.title.casefold()
            and other.title != doc.title
            and not is_shouted(other.title)
        ):
            doc.title = other.title
            return


# A remake's kit names the film it remakes, of its own title: `a remake of … INSOMNIA (1997)`.
_REMAKE = re.compile(r"\bremake\b|\bremade\b", re.IGNORECASE)


def _year_prose_gives_its_title(doc: FilmDocument, text: str) -> int | None:
    """The one year the kit's prose names its own title with, if it names it so: a kit with no
    `Year:` is of that year, not of its first release the kit dates (a re-release's). None in
    a remake's kit: that title and year may be the original's."""
    if not doc.title or _REMAKE.search(text):
        return None

    def whole(title: str) -> tuple[str, str]:  # subtitle and all: not `… : Tokyo Drift`'s
        return title_key(title), fold(split_title(title)[1])

    years = {m.year for m in doc.mentioned_films if m.year and whole(m.title) == whole(doc.title)}
    return years.pop() if len(years) == 1 else None


# What says a kit's film goes on from the film of its very title it names with another year:
# `a direct sequel to the 1978 original`, `Jamie Lee Curtis returns as Laurie Strode`.
_GOES_ON_FROM = re.compile(
    rf"{_SEQUEL_WORDS.pattern}|\b(?:returns?|comes?\s+back)\s+as\s+(?-i:[{UPPER}])"
    r"|\breprises?\s+(?:his|her|their)\s+roles?\b",
    re.IGNORECASE,
)


def _first_of_its_title(doc: FilmDocument, text: str) -> None:
    """A sequel titled as its first film names that one with its year, in parentheses, years
    apart from its own (`Forty years after John Carpenter's HALLOWEEN (1978)`, in the kit of
    Halloween, 2018, `a direct sequel`): a film of its series, not the kit's own film named
    with another year (`Filmed in 1951, SHANE`). Not in a remake's kit, nor a kit that does not
    say its film goes on from another (a new adaptation of a book filmed before)."""
    if not (doc.title and doc.year) or _REMAKE.search(text):
        return
    flat = " ".join(text.split())
    if not _GOES_ON_FROM.search(flat):
        return
    own = (title_key(doc.title), fold(split_title(doc.title)[1]))
    for index, mention in enumerate(doc.mentioned_films):
        if (
            mention.year
            and abs(mention.year - doc.year) > 1
            and (title_key(mention.title), fold(split_title(mention.title)[1])) == own
            and re.search(
                rf"{re.escape(mention.title)}\s*\((?:[^()]*,\s*)?{mention.year}\)", flat, re.I
            )
        ):
            doc.mentioned_films[index] = replace(mention, in_series=True)


def _one_mention_per_film(mentions: list[MentionedFilm]) -> list[MentionedFilm]:
    """A film named twice with its year, in one paragraph or two, is one mention, where it is
    first named: of the series if either says (a cast member's bio names RAIDERS OF THE LOST
    ARK (1981) again after the paragraph that placed it in the series: it was said to be of no
    series too)."""
    out: dict[tuple | int, MentionedFilm] = {}
    for index, mention in enumerate(mentions):
        key = (fold(mention.title), mention.year) if mention.year else index
        if (first := out.get(key)) is None:
            out[key] = mention
        else:
            out[key] = replace(
                first,
                in_series=first.in_series or mention.in_series,
                other_titles=first.other_titles
                + tuple(t for t in mention.other_titles if t not in first.other_titles),
            )
    return list(out.values())


def _title_shouted_in_synopsis(doc: FilmDocument, prose: list[tuple[int, str, str]]) -> None:
    """A kit that gives its title nowhere else, whose synopsis names one title in capitals, not
    at its opening (`Set in Los Angeles, HEAT follows Vincent Hanna (Al Pacino)`): its title;
    not a part in capitals (`VINZ (Vincent Cassel)`) nor a credited name, and none when it
    names two (`HEAT` and `LOS ANGELES`)."""
    if doc.title or not doc.synopsis:
        return
    credited = {fold(credit.name) for credit in doc.credits}
    synopsis = set(doc.synopsis.split("\n\n"))
    named: dict[str, tuple[str, int]] = {}
    for number, paragraph, _ in prose:
        if paragraph not in synopsis:
            continue
        for mention in mentions_in(paragraph, number, credited):
            at = paragraph.find(mention.title)
            aside = _ASIDE_AFTER.match(paragraph, at + len(mention.title)) if at >= 0 else None
            if (
                (mention.year and mention.year != doc.year)
                or fold(mention.title) in credited
                or (aside and fold(aside["aside"]) in credited)  # a part, `VINZ (Vincent Cassel)`
            ):
                continue
            named.setdefault(title_key(mention.title), (mention.title, mention.line))
    if len(named) == 1:
        [(title, line)] = named.values()
        doc.title, doc.title_line = _full_title(title, doc.mentioned_films), line


def _title_named_new(doc: FilmDocument) -> None:
    """A kit that gives its title nowhere else may name its film as the new one, in capitals
    and with no year (`Spielberg and Lucas return with INDIANA JONES AND …`): its title, when it
    names one film so."""
    if doc.title:
        return
    named_new = [m for m in doc.mentioned_films if m.new]
    if len({title_key(m.title) for m in named_new}) == 1:
        mention = named_new[0]  # where the prose first names it so
        doc.title = title_case(mention.title) if is_shouted(mention.title) else mention.title
        doc.title_line = mention.line
        doc.mentioned_films = [m for m in doc.mentioned_films if m not in named_new]


def _own_other_titles(doc: FilmDocument) -> None:
    """The other titles the prose gives the kit's own film (`THE KINGDOM II (RIGET II, 1997)`
    in the kit of The Kingdom II): the film's, by which another document may know it."""
    if not doc.title:
        return
    given = {title_key(doc.title), *(title_key(other.title) for other in doc.other_titles)}
    for mention in doc.mentioned_films:
        if title_key(mention.title) != title_key(doc.title) or mention.year not in (None, doc.year):
            continue
        for other in mention.other_titles:
            if title_key(other) not in given:
                given.add(title_key(other))
                written = title_case(other) if is_shouted(other) else other
                doc.other_titles.append(TitleRecord(written, "aka", mention.line))


def _lists_names(key: str) -> bool:
    """Whether a key's value is a list of names: `Cast`, `Starring`, `Director`, `Writers`."""
    return bool(_CAST_KEY.match(key)) or key in CREW_KEYS


def _year_of_first_release(doc: FilmDocument) -> int | None:
    """A kit with no `Year:`: the year of its film's first release in cinemas, else of its first
    release of any kind; None when it dates none."""
    dated = [r for r in doc.releases if r.date and not r.note.startswith("re-release")]
    first = [release for release in dated if release.medium == "theatrical"] or dated
    return min(release.date for release in first).year if first else None


def _column_credits(doc: FilmDocument, columns: list[tuple[str, int, str, str, str]]) -> None:
    """The credits of a kit's `CAST` and `CREW` columns. The cast's columns are an actor and a
    part in either order: the order is the one the rest of the kit bears out (its `Cast:` list,
    its synopsis's `Character (Actor)` and the parts its story names), else the one whose names
    are written with their family name in capitals (`CHOI Min-sik`), else actor first, as a
    dump's cast."""
    cast = [
        (line, left, right, section == "voices", version)
        for section, line, left, right, version in columns
        if section in ("cast", "voices")
    ]
    actors = {fold(c.name) for c in doc.credits if c.role == "cast"}
    parts = {fold(c.character) for c in doc.credits if c.character}
    # The synopsis tells its story by its parts' names (`Oh Dae-su is locked up …`).
    told = f" {fold(re.sub(r'[(][^)]*[)]', ' ', doc.synopsis))} "

    def is_part(name: str) -> bool:
        return name in parts or f" {name} " in told

    def leans(first: str, second: str) -> int:
        """+1 when the pair reads actor first, -1 when part first, 0 when it does not say."""
        first, second = fold(first), fold(second)
        return (first in actors or is_part(second)) - (second in actors or is_part(first))

    lean = sum(leans(left, right) for _, left, right, *_ in cast)
    if not lean:
        lean = sum(
            _shouted_family_name(left) - _shouted_family_name(right) for _, left, right, *_ in cast
        )
    pairs = [(left, right) if lean >= 0 else (right, left) for _, left, right, *_ in cast]
    # Parts all in capitals (`IDA ..... Ann Lee`): the kit's way, not the parts' names.
    shouted = all(is_shouted(part) for _, part in pairs)
    for order, ((line, _, _, voice, version), (actor, part)) in enumerate(
        zip(cast, pairs, strict=True), 1
    ):
        part = name_case(part, one_word=True) if shouted else part
        credit = cast_credit(_unshouted(actor), part, line, order)
        if voice and not credit.note:  # `voice`, or as IMDb notes a dub's, `voice: English version`
            credit = replace(credit, note=f"voice: {version}" if version else "voice")
        doc.credits.append(credit)
    for section, line, role_text, names, _ in columns:
        if section != "crew":
            continue
        role = CREW_KEYS.get(role_text.strip().lower())
        if role is None:
            doc.warn(line, "unknown_field", f"crew {role_text!r} was not understood: {names!r}")
            continue
        doc.credits.extend(crew_credits(names, crew_roles(role), line, _unshouted, role_text))


def _crew_columns(lines: list[str]) -> list[tuple[str, str]]:
    """A block of crew columns parted by dots under no heading (`Directed by ...... Lee
    Unkrich`): each line's key and names; none when a line is not so."""
    pairs = [_DOTTED_COLUMNS.match(line.strip()) for line in lines]
    if not all(pair and pair["left"].lower() in CREW_KEYS for pair in pairs):
        return []
    return [(pair["left"], pair["right"]) for pair in pairs]


def _shouted_words(name: str) -> list[bool]:
    """For each word of a name, whether it is written in capitals (`CHOI`, `O'BRIEN`, `LÉAUD`),
    a numeral or a suffix aside (`III`, `JR`)."""
    return [
        word.isupper() and sum(c.isalpha() for c in word) > 1 and word not in _NOT_SHOUTED
        for word in name.split()
    ]


_NOT_SHOUTED = {
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "JR",
    "JR.",
    "SR",
    "SR.",
}


def _shouted_family_name(name: str) -> bool:
    """`CHOI Min-sik`: a name part in capitals beside one that is not, as kits write family
    names."""
    shouted = _shouted_words(name)
    return any(shouted) and not all(shouted)


def _families_in_capitals(names: list[str]) -> bool:
    """Whether a list writes its people's family names in capitals (`MIFUNE Toshiro, NAKADAI
    Tatsuya`): every name of more than one word so. A name alone is read so when its word in
    capitals is longer than initials (`KUROSAWA Akira`, not `DJ Shadow`)."""
    names = [name for name in names if len(name.split()) > 1]
    if len(names) == 1:
        words = names[0].split()
        shouted = _shouted_words(names[0])
        return _shouted_family_name(names[0]) and all(
            len(word) > 2 for word, loud in zip(words, shouted, strict=True) if loud
        )
    return bool(names) and all(map(_shouted_family_name, names))


def _unshouted(name: str) -> str:
    """`STEVE BUSCEMI` as `Steve Buscemi` (`FRANCES McDORMAND` as `Frances McDormand`), `CHOI
    Min-sik` as `Choi Min-sik`, `O'BRIEN Conan` as `O'Brien Conan`; a name not written so, as it
    is."""
    words = name.split()
    if len(words) > 1 and all(_in_capitals(word) for word in words):
        return name_case(name.upper())
    if not _shouted_family_name(name):
        return name.strip()
    return " ".join(
        re.sub(r"[^\W\d_]+", lambda letters: letters.group().capitalize(), word)
        if shouted
        else word
        for word, shouted in zip(name.split(), _shouted_words(name), strict=True)
    )


def _in_capitals(word: str) -> bool:
    """A word of a name written in capitals, `McDORMAND` (its prefix written as a name's) too."""
    return not any(c.islower() for c in _MC_PREFIX.sub("", word))


_MC_PREFIX = re.compile(r"^(?:Mc|Mac)(?=[A-Z]{2})")
# An American rating as a kit gives it, with no key: `Rated R for strong violence`, `Rated
# PG-13`.
_RATED = re.compile(
    r"^Rated\s+(?P<rating>G|PG|PG-13|R|NC-17|X)"
    r"(?:\s+by\s+the\s+(?:MPAA|MPA|Motion Picture Association(?: of America)?))?"
    r"(?P<reason>\s+for\s+.+)?$"
)


def _header_line(
    doc: FilmDocument, line: str, number: int, distributors: list[tuple[str, str, int, bool]]
) -> None:
    if placed := _TERRITORY_AFTER_KEY.match(line):  # `Release Date (UK): …`: `UK Release Date`
        line = f"{placed['territory']} {placed['key']}: {placed['value']}"
    if made := _COUNTRY_YEAR.match(line):  # `Denmark, 2012`
        doc.year = doc.year or int(made["year"] or made["year_first"])
        countries = made["countries"] or made["countries_after"]
        doc.notes.extend(list_notes("country", countries, number))
        for spec in _SPEC_SEPARATOR.split(made["specs"] or ""):
            _spec(doc, spec.strip(), number)
        return
    match = KEY_VALUE.match(line)
    if not match or not match.group(2).strip():
        doc.warn(number, "unplaced_line", f"line not understood and kept aside: {line!r}")
        return
    key, value = match.group(1).strip(), match.group(2).strip()
    lower = key.lower()
    runtime_key = _RUNTIME_KEY.match(key)  # `UK Runtime`, `Runtime`; else `USA & UK: 96 mins`
    if lower in _YEAR_KEYS:
        if (year := year_of(value)) is not None:
            doc.year = year
        else:
            doc.warn(number, "bad_year", f"year {value!r} is not a year")
    elif lower in _TITLE_KEYS:
        title, year = title_and_year(value, doc, number)
        doc.title = title_case(title) if is_shouted(title) else title  # `Title: HEAT (1995)`
        doc.title_line = number
        doc.year = doc.year or year
    elif lower in OTHER_TITLE_KEYS:
        doc.other_titles.extend(other_titles(OTHER_TITLE_KEYS[lower], value, number))
    elif lower in IMDB_KEYS:
        read_imdb_field(doc, key, value, number)
    elif lower in NARRATOR_KEYS:  # `Narrated by: Philippe Petit`
        doc.credits.extend(narrator_credits(value, number))
    elif _CAST_KEY.match(lower):  # `Cast:`, `Starring:`, `Cast (in order of appearance):`
        listed = [split_credit_note(name) for name in split_names(value)]
        written = _unshouted if _families_in_capitals([name for name, _ in listed]) else str
        voices = lower.startswith("voice")  # `Voice cast:`, `Voices:`: every part a voice
        for order, (name, note) in enumerate(listed, start=1):
            name, character = actor_as_character(written(name))
            if not character and note and part_not_note(note):
                character, note = note, ""  # `Kim Lee (Frank)`: the part
            note = note or ("voice" if voices else "")
            doc.credits.append(
                CreditRecord(
                    name=name,
                    role="cast",
                    line=number,
                    character=character,
                    note=note,
                    billing_order=order,
                )
            )
    elif lower in CREW_KEYS:
        written = _unshouted if _families_in_capitals(crew_names(value)) else str.strip
        roles = crew_roles(CREW_KEYS[lower])
        doc.credits.extend(crew_credits(value, roles, number, written, lower))
    elif (made := making_notes(key, value, number)) is not None:
        doc.notes.extend(made)
    elif lower in NOTE_KEYS:  # `Tagline: …`, `Shooting locations: …`
        doc.notes.append(NoteRecord(NOTE_KEYS[lower], value, number))
    elif lower in ("country", "countries", "language", "languages", "genre", "genres"):
        kind = "country" if lower.startswith("countr") else lower.removesuffix("s")
        doc.notes.extend(list_notes(kind, value, number))
    elif release := _RELEASE_KEY.match(key):
        medium = _MEDIA.get((release.group("medium") or "").lower(), "theatrical")
        # `30 August 1996 (Denmark), 2 May 1997 (UK)`: each date with its territory.
        listed = [] if release.group("territory") else listed_values(value)
        for one in listed if len(listed) > 1 else [value]:
            notes = parenthesised(one)
            where = release.group("territory") or ""
            if (
                not where
                and notes
                and (
                    (len(listed) > 1 and not _HOW_RELEASED.match(notes[0]))
                    or _ABBREVIATION.fullmatch(territory(notes[0]).replace(".", ""))
                )
            ):
                where = notes.pop(0)  # `Release Date: 23 September 2011 (UK)`
            written = re.sub(r"\s*\(.*\)", "", one).strip()
            if release.group("again"):  # `UK Re-release Date: 13 July 2012`
                notes.insert(0, "re-release")
            doc.releases.append(
                ReleaseRecord(
                    territory(where),
                    medium,
                    parse_written_date(one) or numeric_release_date(written, territory(where)),
                    written,
                    ", ".join(notes),
                    number,
                )
            )
            for note in notes:
                if _SERIES_WORDS.search(note) and not doc.series_name:
                    # The series the note names, not the product it is sold as: `Mad Max
                    # Trilogy box set` is the Mad Max Trilogy.
                    doc.series_name = series_named_in(note) or note
    elif rated := board_certificate(key, value, number):  # `MPAA: Rated R for violence`
        doc.certificates.append(rated)
    elif certificate_key := _CERTIFICATE_KEY.match(key):
        doc.certificates.extend(
            certificates(certificate_key.group("territory") or "", value, number)
        )
    elif money := _MONEY_KEY.match(key):  # `Budget: €3.5 million`, `UK Box Office: £2m`
        kind = _MONEY_KINDS[" ".join(money["kind"].lower().split())]
        read_money(doc, kind, value, number, money["before"] or money["after"] or "")
    elif runtime_key and not runtime_key.group("territory") and len(listed_values(value)) > 1:
        # `Running time: 105 mins (UK) / 109 mins (USA)`: each with its territory.
        for one in listed_values(value):
            if minutes := parse_runtime(one, bare_number=True):
                doc.runtimes.append(runtime_record(one, minutes, number))
            else:
                doc.warn(number, "bad_runtime", f"runtime {one!r} has no minutes")
    elif minutes := parse_runtime(value, bare_number=runtime_key is not None):
        places = (runtime_key.group("territory") or "") if runtime_key else key
        for where in _TERRITORY_SEPARATOR.split(places):
            doc.runtimes.append(RuntimeRecord(territory(where), minutes, number))
    elif distributor := _DISTRIBUTOR_KEY.match(key):
        distributors.append((distributor.group("territory") or "", value, number, True))
    elif _TERRITORY_KEY.match(key) and len(key) <= 30:
        distributors.append((key, value, number, False))
    else:
        doc.warn(number, "unknown_field", f"field {key!r} was not understood: {value!r}")


def _territories_of_releases(doc: FilmDocument) -> None:
    """`Release date: 24 December 2004 (Denmark)`: a country the kit names (its `Country:`, the
    territory of another key) in the note of a release without a territory is its territory."""
    known = {note.text for note in doc.notes if note.kind == "country"}
    known |= {r.territory for r in [*doc.distributors, *doc.runtimes, *doc.certificates]}
    known |= {r.territory for r in doc.releases}
    known.discard("")
    for index, release in enumerate(doc.releases):
        first, _, rest = release.note.partition(", ")
        if not release.territory and territory(first) in known:
            doc.releases[index] = replace(release, territory=territory(first), note=rest)


def _distributors(doc: FilmDocument, found: list[tuple[str, str, int, bool]]) -> None:
    """`UK: Metrodome Group` is a distributor; `Genre: Thriller` is not. A key is taken for a
    territory when it is an abbreviation or a territory the kit's other keys name (`Denmark:
    93 mins`, `Denmark Release Date`), or when it says it names a distributor; such a territory
    may follow the company (`Distributor: Gramercy Pictures (USA)`). A country the kit names
    (`Countries: Sweden / Norway`) is a territory too."""
    named = {record.territory for record in [*doc.releases, *doc.certificates, *doc.runtimes]}
    named |= {territory(note.text) for note in doc.notes if note.kind == "country"}
    # `Distributed by: Warner Bros. (USA), Warner Bros. UK (UK)`: a company each.
    found = [
        (key, one, number, said)
        for key, company, number, said in found
        for one in (listed_values(company) if said and not key else [company])
    ]
    for key, company, number, said in found:
        placed = _TERRITORY_AFTER_COMPANY.match(company) if said and not key else None
        if placed and all(
            _ABBREVIATION.fullmatch(p) or p in named
            for p in map(territory, _TERRITORY_SEPARATOR.split(placed["territory"]))
        ):  # `Distributor: Gramercy Pictures (USA)`
            key, company = placed["territory"], placed["company"]
        places = [territory(where) for where in _TERRITORY_SEPARATOR.split(key)]
        if said or all(_ABBREVIATION.fullmatch(p) or p in named for p in places):
            doc.distributors.extend(DistributorRecord(p, company, number) for p in places)
        else:
            doc.warn(number, "unknown_field", f"field {key!r} was not understood: {company!r}")


def _prose(doc: FilmDocument, prose: list[tuple[int, str, str]]) -> None:
    """Mentions of films in the prose; the synopsis (the paragraphs under a `SYNOPSIS`
    heading, or from the one that opens with the film's title in capitals to the next
    heading), its title and its characters; what other headings hold after it, as notes.
    Of two paragraphs that open with the title, one that names other films with their years
    places the film among them (`BABEL closes the trilogy … began with AMORES PERROS (2000)`):
    the synopsis is the other."""
    _prose_credits(doc, prose)
    credited = {fold(credit.name) for credit in doc.credits}
    # The films each paragraph names, read once.
    mentioned = [mentions_in(paragraph, number, credited) for number, paragraph, _ in prose]
    synopsis_from = _fullest_synopsis(prose)
    titled_by = None  # a paragraph before the synopsis that opens with the kit's title
    if synopsis_from is None:
        opening = [
            i
            for i, (_, paragraph, heading) in enumerate(prose)
            if _shouted_opening(paragraph, credited) and not _BIOS_HEADING.search(heading)
        ]
        synopsis_from = next(
            (i for i in opening if not _names_other_films(prose[i][1], mentioned[i])), None
        )
        if synopsis_from is None and opening:
            # Each places the film among others (`X is the fifth film in the series, which
            # began with A (2001)`): the synopsis is a later paragraph that names the actors'
            # parts (`In X, Harry (Daniel Radcliffe) returns …`), else that one; the kit's
            # title is the one it opens with.
            titled_by = opening[0]
            synopsis_from = next(
                (
                    i
                    for i in range(titled_by + 1, len(prose))
                    if _names_parts(prose[i][1], credited)
                ),
                titled_by,
            )
    if synopsis_from is None:
        # A kit that writes titles in title case: the synopsis opens with its title, or the one
        # the prose gives with the kit's year (`Heat II (1997)` … `Heat II tells the story of`).
        synopsis_from, title = _title_cased_opening(doc.title, doc.year, prose, mentioned)
        if synopsis_from is not None and not doc.title:
            doc.title, doc.title_line = title, prose[synopsis_from][0]
    if synopsis_from is None:
        # None opens with the title: the first that names the kit's actors in their parts
        # (`Ida (Ann Lee) comes home …`) is the synopsis.
        synopsis_from = next(
            (i for i, (_, paragraph, _) in enumerate(prose) if _names_parts(paragraph, credited)),
            None,
        )
    before = prose[: synopsis_from if synopsis_from is not None else len(prose)]
    for (number, paragraph, heading), mentions in zip(before, mentioned, strict=False):
        doc.mentioned_films.extend(mentions)
        if not doc.series_name:
            doc.series_name = series_named_in(paragraph)
        doc.notes.append(_press_note(paragraph, number, heading))
    if synopsis_from is None:
        if prose:
            doc.warn(
                prose[0][0],
                "no_synopsis",
                "no synopsis opening with the film's title or naming its actors' parts",
            )
        return
    number, first, heading = prose[synopsis_from]
    synopsis = [(n, p) for n, p, h in prose[synopsis_from:] if h == heading]
    after = zip(prose[synopsis_from:], mentioned[synopsis_from:], strict=True)
    for (n, paragraph, other), mentions in after:
        if other == heading:
            # The synopsis names films in capitals as it names parts; only its own as the new
            # one (`Lt. Frank Drebin is back in THE NAKED GUN 2 1/2`) and the one it follows
            # (`the follow-up to 1988's smash THE NAKED GUN`) are films.
            doc.mentioned_films.extend(m for m in mentions if m.new or m.in_series)
        else:  # `PRODUCTION NOTES`, after the synopsis: the films they name too
            doc.mentioned_films.extend(mentions)
            if not doc.series_name:
                doc.series_name = series_named_in(paragraph)
            doc.notes.append(_press_note(paragraph, n, other))
    doc.synopsis = "\n\n".join(p for _, p in synopsis)
    titled_number, titled = prose[synopsis_from if titled_by is None else titled_by][:2]
    opening = _SYNOPSIS_OPENING.match(first)
    aside = (opening["aside"] or "").strip() if opening else ""
    if not doc.title and (shouted := _shouted_opening(titled, credited)):
        doc.title, doc.title_line = _full_title(shouted, doc.mentioned_films), titled_number
        titled_opening = _SYNOPSIS_OPENING.match(titled)
        for other in _other_title_alone((titled_opening["aside"] or "").strip(), credited):
            doc.other_titles.append(TitleRecord(title_case(other), "aka", titled_number))
    told = []
    for number, paragraph in synopsis:
        for match in _CHARACTER_ACTOR.finditer(paragraph):
            if paragraph is first and match.start() == 0 and match["actor"] == aside:
                continue  # the title and its other title: `LITTLE ROAD (SONG OF THE ROAD)`
            actor = match.group("actor")
            if is_shouted(actor) and fold(actor) not in credited:
                continue  # a title's other title: `BED & BOARD (DOMICILE CONJUGAL)`
            if is_shouted(actor):  # `Marianne (NOÉMIE MERLANT)`: as the cast list writes it
                actor = next(c.name for c in doc.credits if fold(c.name) == fold(actor))
            part = _part_named(match.group("character"), paragraph, match.start())
            told.append((actor, number, part, "voice" if match["voiced"] else ""))
    # Parts in capitals (`VINZ (Vincent Cassel)`, `HUBERT (…)`): the kit's way, not their names.
    shouted = len(told) > 1 and all(is_shouted(part) for _, _, part, _ in told)
    doc.credits.extend(
        CreditRecord(
            name=actor,
            role="cast",
            line=number,
            character=name_case(part, one_word=shouted),
            note=note,
        )
        for actor, number, part, note in told
    )


# An actor the kit's prose says plays a part: `Jamie Lee Curtis returns as Laurie Strode`,
# `Greer plays Karen`, `Castle reprises his role as The Shape`, `stars Noémie Merlant as
# Marianne`; or the part, then its actor: `Marianne, played by Noémie Merlant`.
_ACTOR_SAID = rf"[{UPPER}][\w'’.-]+(?:\s(?:{NAME_PARTICLE}\s)*[{UPPER}][\w'’.-]+){{0,3}}"
_PART_SAID = (
    rf"(?:(?:Mrs?|Ms|Dr|St|{_RANK_SHORT})\.\s|(?:{_RANK_WORD}|The)\s){{0,2}}"
    rf"[{UPPER}][\w'’-]+(?:\s[{UPPER}][\w'’-]+){{0,2}}"
)
_PLAYS_PART = re.compile(
    rf"(?P<actor>{_ACTOR_SAID})"
    r",?\s+(?:(?:also\s+|again\s+)?(?:returns|comes\s+back|stars)\s+as"
    r"|plays|reprises\s+(?:his|her|their)\s+role\s+as|as)\s+"
    rf"(?P<character>{_PART_SAID})"
    rf"|(?P<character2>{_PART_SAID}),\s+(?:played|portrayed)\s+by\s+(?P<actor2>{_ACTOR_SAID})"
)


def _parts_said(doc: FilmDocument, prose: list[tuple[int, str, str]]) -> None:
    """The parts the kit's prose says its cast play, where no synopsis names them (`Jamie Lee
    Curtis returns as Laurie Strode`): an actor of its cast list, by name or by a family name
    no other of them has, outside the cast's and crew's biographies (`she plays …` there may be
    another film's part)."""
    cast = {fold(c.name): c.name for c in doc.credits if c.role == "cast"}
    playing = {fold(c.name) for c in doc.credits if c.role == "cast" and c.character}
    by_family = Counter(name.split()[-1] for name in cast)
    for number, paragraph, heading in prose:
        if _BIOS_HEADING.search(heading):
            continue
        for match in _PLAYS_PART.finditer(paragraph):
            said_actor = match["actor"] or match["actor2"]
            words = fold(said_actor).split()  # `In Haddonfield Jamie Lee Curtis`: the last
            said = [" ".join(words[start:]) for start in range(len(words))]
            actor = next((name for name in said if name in cast), None)
            if actor is None and by_family[words[-1]] == 1:
                actor = next(name for name in cast if name.split()[-1] == words[-1])
            if actor is None or actor in playing:
                continue
            playing.add(actor)
            part = match["character"] or match["character2"]
            doc.credits.append(
                CreditRecord(name=cast[actor], role="cast", line=number, character=part)
            )


def _prose_credits(doc: FilmDocument, prose: list[tuple[int, str, str]]) -> None:
    """The director and writers a sentence of the kit's own prose credits (`Directed by Ann
    Berg from a screenplay by Ann Berg and Bo Dahl, …`), those its fields do not: not a bio's
    sentence, nor another film's (`Directed by Ann Berg, HEAT (1986) was …`)."""
    known = {(fold(credit.name), credit.role) for credit in doc.credits}
    for number, paragraph, heading in prose:
        if _BIOS_HEADING.search(heading):
            continue
        for match in _PROSE_CREDITS.finditer(paragraph):
            other = _OTHER_FILM_AFTER.match(paragraph, match.end())
            if other and int(other["year"]) != doc.year:
                continue
            key, names = match["key"].lower(), crew_names(match["names"])
            roles = {"director": names} if key.endswith("directed by") else {}
            if key.startswith("written") or (roles and match["own"]):  # `from his own script`
                roles["writer"] = names
            if match["writers"]:
                roles["writer"] = crew_names(match["writers"])
            for role, people in roles.items():
                for name in people:
                    if (fold(name), role) not in known:
                        known.add((fold(name), role))
                        doc.credits.append(CreditRecord(name, role, number))


_TELLS_THE_STORY = re.compile(
    rf"^(?P<title>[{UPPER}0-9][\w'’.:&-]*(?: [\w'’.:&-]+){{0,10}}?) "
    r"(?:tells the (?:story|tale)|is the (?:story|tale)) of\b"
)


def _title_cased_opening(
    title: str,
    year: int | None,
    prose: list[tuple[int, str, str]],
    mentioned: list[list[MentionedFilm]],
) -> tuple[int | None, str]:
    """The paragraph that opens with the kit's title, or the title of a film the prose names
    with the kit's year, then a word in lower case, and that title (the fullest the prose
    gives); (None, '')."""
    titles = {
        mention.title
        for mentions in mentioned
        for mention in mentions
        if year and mention.year == year
    } | ({title} if title else set())
    for index, (_, paragraph, _) in enumerate(prose):
        for title in sorted(titles, key=len, reverse=True):
            for form in (title, split_title(title)[0]):
                rest = paragraph[len(form) :] if paragraph.startswith(form) else ""
                if re.match(r"\s+[a-z]", rest):
                    return index, title
    # Else the subject of a synopsis's usual opening: `Lady Vengeance tells the story of …`;
    # not `The film tells the story of …`.
    for index, (_, paragraph, _) in enumerate(prose):
        opening = _TELLS_THE_STORY.match(paragraph)
        if opening and not _THE_FILM.fullmatch(opening.group("title")):
            return index, opening.group("title")
    return None, ""


# What a synopsis calls its film in place of its title: `The film`, `This new film`.
_THE_FILM = re.compile(
    r"(?:the|this|our|his|her|their|its|an?)\s+(?:(?:new|latest|next|first|final|last)\s+)?"
    r"(?:film|movie|picture|feature|documentary|story|drama|comedy|thriller|tale|project"
    r"|sequel|prequel|adaptation|remake)",
    re.IGNORECASE,
)


def _names_parts(paragraph: str, credited: set[str]) -> bool:
    """Whether a paragraph names credited actors in their parts (`Ida (Ann Lee)`)."""
    return any(fold(m["actor"]) in credited for m in _CHARACTER_ACTOR.finditer(paragraph))


def _names_other_films(paragraph: str, mentions: list[MentionedFilm]) -> bool:
    """Whether a paragraph that opens with its film's title names other films with years."""
    key = title_key(_shouted_opening(paragraph))
    return any(m.year and title_key(m.title) != key for m in mentions)


def _shouted_opening(paragraph: str, names: set[str] = frozenset()) -> str:
    """The title in capitals a synopsis opens with (`ROCKY II tells …`), or ''; not one of
    `names`, the credited people's (folded), whose bio may open so (`HARRISON FORD (Indiana
    Jones) first won …`)."""
    opening = _SYNOPSIS_OPENING.match(paragraph)
    if opening is None or not is_shouted(title := opening.group("title")):
        return ""
    return "" if fold(title) in names else title


def _fullest_synopsis(prose: list[tuple[int, str, str]]) -> int | None:
    """Where the synopsis opens: of the sections a `SYNOPSIS` heading heads, the fullest (a kit's
    `LONG SYNOPSIS`, that names the actors' parts, not its `SHORT SYNOPSIS` before it: that one
    is a press note)."""
    sections: dict[str, list[int]] = {}
    for index, (_, _, heading) in enumerate(prose):
        if _SYNOPSIS_HEADING.search(heading):
            sections.setdefault(heading, []).append(index)
    if not sections:
        return None
    fullest = max(sections.values(), key=lambda section: sum(len(prose[i][1]) for i in section))
    return fullest[0]


def _logline(doc: FilmDocument) -> None:
    """The paragraph under the kit's `LOGLINE` heading: the film's logline, not a press note."""
    for index, note in enumerate(doc.notes):
        if note.kind == "press" and _LOGLINE_HEADING.fullmatch(note.detail):
            doc.logline = note.text
            del doc.notes[index]
            return


def _press_note(paragraph: str, line: int, heading: str) -> NoteRecord:
    """A paragraph of the kit's notes (on the director, the production), under its heading."""
    return NoteRecord("press", paragraph, line, detail=title_case(heading) if heading else "")


def _full_title(shouted: str, mentions: list[MentionedFilm]) -> str:
    """The synopsis says `ROCKY II`; the prose may give the subtitle: use the longest form.
    (`THREE COLOURS: RED` has a subtitle of its own: `THREE COLOURS: BLUE` is another film.)"""
    if split_title(shouted)[1]:
        return title_case(shouted)
    key = title_key(shouted)
    for mention in mentions:
        if title_key(mention.title) == key and split_title(mention.title)[1]:
            return title_case(mention.title)
    return title_case(shouted)


def series_named_in(paragraph: str) -> str:
    """The series a paragraph names (`what has become known as the Before Trilogy`, `Stieg
    Larsson's Millennium trilogy`), or its theme (`his revenge trilogy`, `his trilogy on
    revenge`), as a name: `The Before Trilogy`, `The Millennium Trilogy`, `The Revenge
    Trilogy`; '' when it names none."""
    for match in _SERIES_IN_PROSE.finditer(paragraph):
        words = match.group("name").split()
        owned = _OWNED.search(paragraph, 0, match.start("name"))  # `his Death trilogy`
        the = "The " if match.group("the") or owned else ""
        # Words that open the sentence, not the name: `In the Godfather trilogy`.
        while len(words) > 1 and (words[0].islower() or words[0].lower() in _NOT_A_TITLE_START):
            the = "The " if words.pop(0).lower() == "the" else the
        # Whose it is, left out: `Stieg Larsson's Millennium trilogy`, the Millennium Trilogy.
        owner = max((i for i, word in enumerate(words) if word.endswith(("'s", "’s"))), default=-1)
        if owner >= 0:
            words, the = words[owner + 1 :], "The "
        if not words or words[0].lower() in _NOT_A_SERIES_NAME:
            continue
        name = " ".join(words)
        if is_shouted(name):
            name = title_case(name)
        return f"{the}{name} {match.group('word').capitalize()}"
    for match in _FILM_SERIES_NAMED.finditer(paragraph):
        name = match.group("name")
        if name.split()[0].lower() not in _NOT_A_SERIES_NAME:
            return f"The {title_case(name) if is_shouted(name) else name} Series"
    for match in _SERIES_THEME.finditer(paragraph):
        theme = match.group("theme") or match.group("theme2")
        if theme not in _NOT_A_THEME:
            word = match.group("word") or match.group("word2")
            return f"The {theme.capitalize()} {word.capitalize()}"
    return ""


# Words a title written in title case may hold uncapitalised (`Sympathy for Mr. Vengeance`).
_TITLE_SMALL_WORDS = {
    "a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "my", "your", "his", "her", "its", "our", "their", "vs", "vs.",
}  # fmt: skip
# Words that open a sentence before a title rather than the title (`Following Heat (1995)`).
_NOT_A_TITLE_START = {
    "after", "also", "and", "as", "at", "both", "but", "by", "following", "for", "from", "he",
    "his", "her", "in", "its", "like", "of", "on", "she", "since", "so", "their", "then",
    "they", "this", "unlike", "when", "while", "with",
}  # fmt: skip
# A capitalised word that opens a sentence before a part's name, and is none of it: `With Benny
# (Ann Lee)`, `Meanwhile Ida (Ann Lee)`.
_NOT_A_PART_START = _NOT_A_TITLE_START | {
    "meanwhile", "now", "once", "only", "soon", "there", "together", "until", "where", "whose",
}  # fmt: skip
_QUOTES = "\"'“”‘’«»"


def _part_named(character: str, paragraph: str, start: int) -> str:
    """A part's name as the prose gives it before its actor's, without the words that open a
    sentence before it, nor a possessive (`his daughter Ida's (Ann Lee) birthday`: Ida). A part
    the prose calls `the` something is that (`the Bride (Uma Thurman)`: The Bride, as a cast
    list names it)."""
    words = _POSSESSIVE.sub("", character).split(" ")
    while len(words) > 1 and words[0].lower() in _NOT_A_PART_START:
        words.pop(0)
    if words[0] != "The" and _THE_BEFORE.search(paragraph, 0, start):
        words.insert(0, "The")
    return " ".join(words)


_THE_BEFORE = re.compile(r"\bthe\s+$")


# A word that ends with its full stop and no sentence: a title's (`Mr.`, `Vol.`), an initial.
ABBREVIATED = re.compile(r"^(?:[A-Z]\.)+$|^(?:Mrs?|Ms|Dr|St|Jr|Sr|Vs|Vol|No)\.$", re.IGNORECASE)


def _title_cased_before(text: str, end: int, year: str, names: set[str]) -> tuple[int, str] | None:
    """The title written in title case (or in quotes) just before `end` (a year in
    parentheses), and where it starts; None when there is none. It stops at a word in lower
    case, at the end of a clause, and at the possessive of a person the kit credits (`Park
    Chan-wook's Oldboy`: `Oldboy`; but `Bram Stoker's Dracula`)."""
    before = text[:end].rstrip()
    tokens = list(re.finditer(r"\S+", before))
    taken: list[re.Match] = []
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position]
        word = token.group().strip(_QUOTES)
        if taken and (
            word.endswith((",", ";", "!", "?", ")"))
            or (word.endswith(".") and not ABBREVIATED.match(word))
        ):
            break  # the end of a clause before the title
        if word.endswith(("'s", "’s")) and taken and _owner_is_credited(tokens, position, names):
            break
        bare = word.rstrip(":")
        if not (bare[:1].isupper() or bare[:1].isdigit() or bare.lower() in _TITLE_SMALL_WORDS):
            break
        if _YEAR.fullmatch(word) or (word.endswith(":") and word[:-1] == year):
            break  # `in 2004 with Heat (2004)`, `in 2004: Heat (2004)`: a year before the title
        taken.insert(0, token)
        if token.group()[:1] in _QUOTES:
            break  # its opening quote
    while taken and taken[0].group().strip(_QUOTES)[:1].islower():
        taken.pop(0)  # `with` of `began with Heat (1995)`
    at_sentence_start = (
        not taken or taken[0].start() == 0 or re.search(r"[.!?]\s*$", before[: taken[0].start()])
    )
    if (
        at_sentence_start
        and len(taken) > 1
        and taken[0].group().strip(_QUOTES).lower() in _NOT_A_TITLE_START
        and taken[1].group().strip(_QUOTES).lower() not in _TITLE_SMALL_WORDS
    ):  # `In Heat (1995)`, but `In the Mood for Love (2000)`
        taken.pop(0)
    if not taken:
        return None
    title = before[taken[0].start() :].strip(_QUOTES + " ").rstrip(":")
    if not any(c.isupper() or c.isdigit() for c in title[:1]) or len(title) < 2:
        return None
    return taken[0].start(), title


def _owner_is_credited(tokens: list[re.Match], position: int, names: set[str]) -> bool:
    """Whether the possessive at `position` and the capitalised words before it name a person
    the document credits (`Park's`, `Park Chan-wook's`)."""
    words = []
    for token in reversed(tokens[: position + 1]):
        word = token.group().removesuffix("'s").removesuffix("’s")
        if not word[:1].isupper():
            break
        words.insert(0, word)
        if fold(" ".join(words)) in names or any(
            fold(" ".join(words)) in name.split() for name in names
        ):
            return True
    return False


# A title's year in the words after it: `NIGHT ONE in 1999`, `NIGHT TWO, followed in 2002`;
# not the year of the next title (`A and continued in 2003 with B`).
_YEAR_IN_WORDS_AFTER = re.compile(
    r"(?:\s*,)?(?:\s+(?!and\b|or\b|with\b)[a-z]+){0,2}\s+in\s+(?P<year>(?:19|20)\d\d)\b"
    r"(?!\s*,?\s+(?:with|by)\b)"
)
# Films a sentence names as someone's earlier work, in a phrase about them: `Brad Bird, director
# of THE INCREDIBLES (2004) and RATATOUILLE (2007), makes his live-action debut with …`.
_CAREER_BEFORE = re.compile(
    r"\b(?:(?:co-?)?(?:director|creator|maker|writer|star|producer|helmer)s?\s+of"
    r"|the\s+(?:man|woman|team|mind|minds|filmmakers?|directors?)\s+behind"
    r"|(?:best\s+|well\s+)?known\s+for|whose\s+(?:films|credits|work)\s+include)"
    r"(?:\s+(?:the\s+)?(?:hits?|films?|acclaimed|award-winning|animated|features?))*\s+$",
    re.IGNORECASE,
)
# What goes on with such a list after a title and its year: `A (2004) and B`.
_DATED_LIST_GLUE = re.compile(r"(?:\s*\((?:19|20)\d\d\))?\s*(?:,|,?\s*(?:and|&))\s*")
# What joins the titles of a list: `A, B and C`, `A, a prequel, and B`.
_LIST_GLUE = re.compile(r"(?:\s*,\s*(?:an?|the)(?:\s+[a-z]+){1,2})?\s*(?:,|,?\s*(?:and|&))\s*")


# A title's year in parentheses after it, maybe after its other title: `(1995)`, `(BRAT, 1997)`.
_YEAR_AFTER = re.compile(r"\s*\((?:(?P<aside>[^()]*?),\s*)?(?P<year>\d{4})\)")
# A title's other title in parentheses after it, with no year: `APUR SANSAR (THE WORLD OF APU)`.
_ASIDE_AFTER = re.compile(r"\s*\((?P<aside>[^()\d]+)\)")


_AKA = re.compile(r"^(?:(?i:a\.?k\.?a\.?|also known as)\s+)?")


def _shouted_whole(aside: str) -> str:
    """What parentheses hold, less an `aka`, when it is one title in capitals; else ''."""
    whole = aside[_AKA.match(aside).end() :].strip(" :-")
    return whole if is_shouted(whole) and sum(c.isalpha() for c in whole) >= 3 else ""


def _other_titles_aside(aside: str) -> tuple[str, ...]:
    """The other titles in the parentheses before a title's year: the whole of them when they
    are in capitals, commas and all (`IL BUONO, IL BRUTTO, IL CATTIVO`), else each title in
    capitals they hold."""
    if whole := _shouted_whole(aside):
        return (whole,)
    return tuple(
        other.group(0).strip(" :-")
        for other in _SHOUTED_TITLE.finditer(aside)
        if sum(c.isalpha() for c in other.group(0)) >= 3
    )


def _other_title_alone(aside: str, names: set[str]) -> tuple[str, ...]:
    """The other title that parentheses after a title hold alone, in capitals (`THE WORLD OF
    APU`, `aka THE ROAD WARRIOR`); none for an actor's name (`IDA (ANN LEE)`)."""
    whole = _shouted_whole(aside)
    return (whole,) if whole and fold(whole) not in names else ()


def mentions_in(paragraph: str, line: int, names: set[str] = frozenset()) -> list[MentionedFilm]:
    """Films named in capitals with their year: `HEAT (1995)`, `in 1979 with ROCKY II`; those
    of a sentence about a series that names two or more (`His trilogy on revenge opened in 2002
    with …, continued in 2003 with …`), and the one the film is the sequel or prequel to
    (`the sequel to OLDBOY (2003)`), marked as of the film's series."""
    used_years: set[int] = set()
    sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(paragraph)]
    sentence_ends = [*sentence_starts[1:], len(paragraph)]
    candidates = []
    # The parentheses after a title that give its year with its other title (`BROTHER (BRAT,
    # 1997)`, `MAD MAX 2 (aka THE ROAD WARRIOR, 1981)`): the title in them is no other film.
    aside_until = -1
    for match in _SHOUTED_TITLE.finditer(paragraph):
        if match.start() < aside_until:
            continue
        title = match.group(0).strip(" :-")
        if title.endswith(("'", "’")) and not title.endswith(("S'", "S’")):
            title = title[:-1]  # a closing quote (`'HEAT'`), not a plural's apostrophe
        after = _YEAR_AFTER.match(paragraph, match.end())
        others: tuple[str, ...] = ()
        title_end = match.end()  # with its other title in parentheses after it, if any
        if after and after["aside"]:
            aside_until = after.end()
            others = _other_titles_aside(after["aside"])
        elif (aside := _ASIDE_AFTER.match(paragraph, match.end())) and (
            others := _other_title_alone(aside["aside"], names)
        ):
            # `APUR SANSAR (THE WORLD OF APU)`, its year maybe after: the title in the
            # parentheses is no other film.
            aside_until = title_end = aside.end()
            after = _YEAR_AFTER.match(paragraph, aside.end())
            if after and after["aside"]:
                after = None
        opening_year = _OPENING_YEAR.match(title)
        if opening_year and (not after or after["year"] == opening_year.group(1)):
            title = title[opening_year.end() :]  # `in 2009: THE GIRL … (2009)`: a list's year
        if sum(c.isalpha() for c in title) < 3 and not (title.isdigit() and after):
            continue
        before = _TITLE_CASED_WORD_BEFORE.search(
            paragraph, max(0, match.start() - _NEAR), match.start()
        )
        if before and (_NUMERAL.fullmatch(title) or not _opens_sentence(paragraph, before)):
            continue  # the numeral of a title in title case: `Rocky III (1983)`
        candidates.append((match, title, int(after["year"]) if after else None, others, title_end))
        if after:
            used_years.add(after.start("year"))
    spans = [
        (match.start(), title, year, others, title_end)
        for match, title, year, others, title_end in candidates
    ]
    # Titles written as titles, not in capitals, with their year: `Three Colours: Blue (1993)`,
    # `Sympathy for Mr. Vengeance (2002)`, `“Heat” (1995)`.
    for year_match in re.finditer(r"\((?P<year>(?:19|20)\d\d)\)", paragraph):
        if year_match.start("year") in used_years:
            continue
        found = _title_cased_before(paragraph, year_match.start(), year_match["year"], names)
        if found is not None:
            start, title = found
            spans.append((start, title, int(year_match.group("year")), (), year_match.end()))
            used_years.add(year_match.start("year"))
    spans.sort(key=lambda span: span[0])
    named: list[tuple[str, int | None, int, tuple]] = []  # title, year, sentence, other titles
    last_dated: dict[int, int] = {}  # where each sentence names its last film with a year
    follows: set[int] = set()  # the mentions the document's film follows or comes before
    own: set[int] = set()  # the mentions of the kit's own film, named as the new one
    career: set[int] = set()  # the mentions of someone's earlier work (`director of A and B`)
    listed_year: int | None = None  # the year a list of titles opens with, while it goes on
    end = 0
    for start, title, year, others, next_end in spans:
        sentence = max(i for i, s in enumerate(sentence_starts) if s <= start)
        sequel = _SEQUEL_TO.search(paragraph, max(sentence_starts[sentence], start - _NEAR), start)
        if sequel and not (
            # `STAR WARS (1977), a role he repeated in its sequel, THE EMPIRE STRIKES BACK`: the
            # sequel of the film named before it, not of the kit's (a bio's career).
            sequel["whose"] and named and named[-1][2] == sentence
        ):
            follows.add(len(named))
        in_list = (
            bool(named) and named[-1][2] == sentence and _LIST_GLUE.fullmatch(paragraph, end, start)
        )
        if _CAREER_BEFORE.search(paragraph, max(sentence_starts[sentence], start - _NEAR), start):
            career.add(len(named))
        elif len(named) - 1 in career and _DATED_LIST_GLUE.fullmatch(paragraph, end, start):
            career.add(len(named))  # `director of A (2004) and B (2007)`: B's too
        if year is None and (known := [y for t, y, _, _ in named if y and fold(t) == fold(title)]):
            year, listed_year = known[-1], None  # named with its year before: `A (2000) … A`
        elif year is None:
            preceding = [
                m
                for m in _YEAR.finditer(paragraph, sentence_starts[sentence], start)
                if m.start() not in used_years
            ]
            later = _YEAR_IN_WORDS_AFTER.match(paragraph, next_end)
            if preceding:
                year = listed_year = int(preceding[-1].group(1))
                used_years.add(preceding[-1].start())
            elif later and later.start("year") not in used_years:
                year, listed_year = int(later["year"]), None
                used_years.add(later.start("year"))
            elif in_list:
                year = listed_year  # `in 2003 with A, a prequel, and B`: B's year too
            else:
                listed_year = None
        else:
            listed_year = None  # `A (2002) and B`: A's year is its own
        played = _ASIDE_AFTER.match(paragraph, next_end)
        if (
            year is None
            and _NEW_FILM.search(paragraph, max(sentence_starts[sentence], start - _NEAR), start)
            # Not a part in capitals with its actor: `returns with a new sidekick, SHORT ROUND
            # (Ke Huy Quan)`.
            and not (played and fold(played["aside"]) in names)
        ):
            own.add(len(named))  # `… return with TITLE`: the kit's own film
        named.append((title, year, sentence, others))
        if year:
            last_dated[sentence] = start
        end = next_end
    with_years = Counter(sentence for _, year, sentence, _ in named if year)
    # A sentence about the series: it names the series and two of its films or more, or one
    # film and its place in the series, or the story going on in it (`The adventure will
    # continue in 1989 with …`).
    about_series = set()
    for sentence, count in with_years.items():
        says = [_SERIES_IN_SENTENCE] if count >= 2 else [_PLACE_IN_SERIES, _STORY_CONTINUES]
        says.append(_FILM_IN_SERIES)
        # The series named before the last of its films (`the trilogy began with A and
        # continued with B`), not only after them, as a career names it: `After A (2002) and
        # B (2006), Lin took over the franchise`.
        end = last_dated[sentence] if count >= 2 else sentence_ends[sentence]
        if any(pattern.search(paragraph, sentence_starts[sentence], end) for pattern in says):
            about_series.add(sentence)
    # A sentence that names the new film, with a sequel's words: the others it names with
    # their years are of its series.
    for sentence in {sentence for index, (_, _, sentence, _) in enumerate(named) if index in own}:
        if _SEQUEL_WORDS.search(paragraph, sentence_starts[sentence], sentence_ends[sentence]):
            about_series.add(sentence)
    # Or it names the series and counts back to the films the sentences before it name:
    # `… with APARAJITO in 1956, and … with APUR SANSAR in 1959. Together the three films are
    # known as the Apu Trilogy.`
    for sentence in range(1, len(sentence_starts)):
        text = paragraph[sentence_starts[sentence] : sentence_ends[sentence]]
        if with_years[sentence] or not (back := _COUNTS_BACK.search(text)):
            continue
        if not (word := _SERIES_IN_SENTENCE.search(text)):
            continue
        wanted = _COUNTED.get((back["count"] or "").lower()) or _COUNTED[word.group(0).lower()]
        earlier, films = sentence, 0
        while films < wanted and earlier > 0 and with_years[earlier - 1]:
            earlier -= 1
            films += with_years[earlier]
        if films == wanted:
            about_series.update(range(earlier, sentence))
    # Someone's earlier work in a sentence that names films of the series besides, two or more
    # (one may be the new film, that the work leads to): not of it.
    others_dated = Counter(
        sentence
        for index, (_, year, sentence, _) in enumerate(named)
        if year and index not in career
    )
    apart = {index for index in career if others_dated[named[index][2]] >= 2}
    # A film named twice with its year is one mention: of the series if either sentence says.
    return _one_mention_per_film(
        [
            MentionedFilm(
                title,
                year,
                line,
                in_series=bool(year)
                and (index in follows or (sentence in about_series and index not in apart)),
                other_titles=others,
                new=index in own,
            )
            for index, (title, year, sentence, others) in enumerate(named)
        ]
    )
