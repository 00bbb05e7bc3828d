"""Pure text helpers shared by the parsers, the loader and the views: no Django, no database."""

import hashlib
import re
import unicodedata
from fractions import Fraction

# The capital letters of the Latin alphabets, for a regular expression's character class: `A-Z`
# alone stops a name or a title in capitals at its first `Å`, `Ø`, `É` or `Ł`.
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())

# A fraction glued to its number (`2½`) parts from it as it is typed (`2 1/2`): else `½`
# decomposes to `1⁄2`, and `2½` folds as `21 2`.
VULGAR_FRACTIONS = "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_TYPED_FRACTIONS = {
    c: " " + unicodedata.normalize("NFKD", c).replace("\u2044", "/") for c in VULGAR_FRACTIONS
}
_TYPED_FRACTION_TABLE = str.maketrans(_TYPED_FRACTIONS)

# Letters that Unicode decomposition does not reduce to ASCII.
_TRANSLITERATIONS = str.maketrans(
    {
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "Ð": "d",
        "ı": "i",
        **_TYPED_FRACTIONS,
    }
)


# Byte tables for the ASCII text that folding works on: `str.translate` and `re.sub` look at one
# character at a time in Python's loop; `bytes.translate` does it in C (reviews are long).
_ALNUM = b"abcdefghijklmnopqrstuvwxyz0123456789"
_ALNUM_OR_SPACE = bytes(c if c in _ALNUM else 32 for c in range(256))
_NOT_ALNUM = bytes(c for c in range(256) if c not in _ALNUM)


# A run of what is neither a letter nor a digit, of any alphabet (in text outside ASCII).
_NOT_WORD = re.compile(r"[\W_]+")
_TRANSLITERATED = re.compile(f"[{''.join(chr(code) for code in _TRANSLITERATIONS)}]")


def fold(text: str) -> str:
    """Lower-case form for comparing names: `Søren Brønd` and `Soren Brond` fold alike. Every
    run of characters other than letters and digits becomes one space, whatever the alphabet of
    the mark: `O’Brien` and `O'Brien` fold alike. Letters that do not decompose to ASCII are
    kept (`брат`, `花樣年華`): lost, every name in such an alphabet would fold alike.

    Text outside ASCII is looked at by the characters it holds (a review's typographic quotes
    and dashes, a few accents): a pass over the whole of it per rule cost four times more."""
    if not text.isascii():
        if _TRANSLITERATED.search(text):
            text = text.translate(_TRANSLITERATIONS)
        text = unicodedata.normalize("NFKD", text)
        others = {c for c in set(text) if not c.isascii()}
        marks = {c for c in others if unicodedata.combining(c)}
        if marks:  # the accents go; any other mark is a space
            text = re.sub(f"[{''.join(sorted(marks))}]", "", text)
        if any(c.isalnum() for c in others - marks):
            return " ".join(_NOT_WORD.sub(" ", text.lower()).split())
    ascii_bytes = text.lower().encode("ascii", "replace")
    return " ".join(ascii_bytes.translate(_ALNUM_OR_SPACE).decode("ascii").split())


def without_marks(text: str) -> str:
    """The text with its accents taken off (`Søren` keeps its `ø`, a letter of its own)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_forms(folded: str) -> list[str]:
    """What a character may be called, by a folded name: the whole of it, its first words, and
    its last words (`julie vignon`: `julie`, `vignon`; `stinky pete the prospector`: `stinky`,
    `stinky pete`, `stinky pete the`, `pete the prospector`, `the prospector`, `prospector`)."""
    words = folded.split()
    if not words:
        return []
    return [
        folded,
        *(" ".join(words[:i]) for i in range(1, len(words))),
        *(" ".join(words[i:]) for i in range(1, len(words))),
    ]


# A nickname in quotes in a part's name: `Robert 'Rusty' Ryan`, `'The Amazing' Yen`, its
# quotes curled either way (`’Totò’`, as a text's every apostrophe curled writes it).
_NICKNAME = re.compile(
    r"(?:^|\s)['‘’\"“](?P<nickname>[^\W\d_][\w-]*(?:\s[\w-]+){0,2})['’\"”](?=\s|$)"
)


def nicknames(name: str) -> list[str]:
    """The nicknames a part's name gives in quotes, folded: what a quote may call it too
    (`Rusty:` speaks the part `Robert 'Rusty' Ryan`)."""
    return [fold(m["nickname"]) for m in _NICKNAME.finditer(name)]


def called_by_nickname(short: str, full: str) -> bool:
    """Whether a part's name is another's nickname, alone or with the names after it: `Rusty
    Ryan` or `Rusty` of `Robert 'Rusty' Ryan`, in another film of the series."""
    match = _NICKNAME.search(full)
    if match is None or match.start() == 0:
        return False
    return fold(short) in (
        fold(match["nickname"]),
        fold(f"{match['nickname']} {full[match.end() :]}"),
    )


# An actor's parts in one film, one credit each: `Bruce Wayne / Batman`.
PARTS_SEPARATOR = re.compile(r"(?<!\s)\s+/\s+")


# Who a quote's line may be said by that is no one's part, folded: a silent film's `Title
# Card:`, a `Narrator:` the cast does not name.
UNCAST_SPEAKERS = {
    *("title card", "intertitle", "caption", "on screen text", "onscreen text"),
    *("opening title", "closing title", "narrator", "voice over", "voiceover"),
}


# The parts of a film's people who play themselves (a documentary's), folded: a quote's line
# by such a person's name (`Philippe Petit:`) is theirs.
SELF_PARTS = {"himself", "herself", "themselves", "themself", "self"}


def spoken_forms(speaker: str) -> list[str]:
    """What a quote's speaker may be looked up by among `name_forms`: the folded name, and
    without an article or a rank before it (`The Joker` speaks the part `Joker`, `Mrs. Drusse`
    the part `Sigrid Drusse`)."""
    folded = fold(speaker)
    words = folded.removeprefix("the ").split()
    bare = " ".join(without_ranks(words)[1] or words)
    return [folded, bare] if bare != folded else [folded]


# Ranks and forms of address a part's name may open with, folded (`Lt.` is `lt`).
RANKS = {
    *("mr", "mrs", "ms", "miss", "dr", "doc", "doctor", "prof", "professor", "sir", "lady"),
    "lord",
    *("officer", "detective", "det", "inspector", "sergeant", "sgt", "lieutenant", "lt"),
    *("captain", "capt", "commissioner", "superintendent", "chief", "agent", "judge", "mayor"),
    *("colonel", "col", "major", "general", "gen", "admiral", "commander", "private", "pvt"),
    *("corporal", "cpl", "sheriff", "deputy", "marshal", "constable"),
    *("father", "sister", "brother", "reverend", "rev", "king", "queen", "prince", "princess"),
    # The same in the languages of the films' documents (`Capitán Vidal`, `Kommissar Faber`).
    *("capitan", "capitaine", "capitano", "kapitan", "kaptajn", "kapten", "teniente", "tenente"),
    *("sargento", "sergent", "coronel", "colonnello", "oberst", "comandante", "commandant"),
    *("commissaire", "commissario", "kommissar", "inspecteur", "ispettore", "inspektor"),
    *("doctora", "docteur", "dottore", "dottor", "doktor", "monsieur", "madame", "mademoiselle"),
    *("mme", "mlle", "senor", "senora", "senorita", "signor", "signora", "signorina", "herr"),
    *("frau", "fraulein", "fru", "hr", "frk", "pere", "soeur", "frere", "fray", "hermana"),
    *("hauptmann", "leutnant", "oberleutnant", "oberstleutnant", "feldwebel", "kommandant"),
    # Offices one is addressed by (`Minister Hempf`, `Count Dracula`).
    *("minister", "senator", "governor", "president", "ambassador", "baron", "duke", "count"),
}

# Ranks written short, each with the rank it stands for (`Capt. Ed Hocken`, `Captain Ed Hocken`).
RANKS_WRITTEN_OUT = {
    "dr": "doctor", "doc": "doctor", "prof": "professor", "det": "detective", "sgt": "sergeant",
    "lt": "lieutenant", "capt": "captain", "col": "colonel", "gen": "general", "pvt": "private",
    "cpl": "corporal", "rev": "reverend",
}  # fmt: skip


def without_ranks(words: list[str]) -> tuple[list[str], list[str]]:
    """A folded name's words: the ranks it opens with (`RANKS`), and the rest."""
    ranks = 0
    while ranks < len(words) and words[ranks] in RANKS:
        ranks += 1
    return words[:ranks], words[ranks:]


def review_search_text(title: str, body: str) -> str:
    return fold(f"{title} {body}")


# Letters of alphabets other than the Latin one (whose letters outside ASCII a crawler may lose).
_NOT_LATIN = re.compile(r"[^\W\d_\x00-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff]+")


def fingerprint(text: str) -> str:
    """Identity of a text whatever its white space, punctuation and lost letters: `Brønd`,
    `Br?nd` and `Brond` differ only in Latin letters outside ASCII, which are left out. The
    letters of other alphabets count (`Бодров великолепен.`): without them, texts in those
    alphabets would be one."""
    lower = text.lower()
    letters = lower.encode("ascii", "ignore").translate(None, _NOT_ALNUM)
    if not lower.isascii() and (others := _NOT_LATIN.findall(lower)):
        letters += b"|" + "".join(others).encode()
    return hashlib.sha1(letters).hexdigest()


ROMAN_NUMERALS = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}
_ROMAN_WORD = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$", re.IGNORECASE)


_SUBTITLE_DASH = re.compile(r"\s[-–—]\s")


def split_title(title: str) -> tuple[str, str]:
    """`Alien 3: The Return`, `Alien 3 – The Return` -> (`Alien 3`, `The Return`)."""
    main, sep, subtitle = title.partition(":")
    if not sep:
        main, *rest = _SUBTITLE_DASH.split(title, maxsplit=1)
        subtitle = rest[0] if rest else ""
    return main.strip(), subtitle.strip()


# A subtitle that names a version of a film, not a film (`Blade Runner: The Final Cut`), folded:
# `The Restored Version`, `4K Restoration`, `50th Anniversary Edition`.
_VERSION = re.compile(
    r"^(?:the )?(?:new )?(?:\dk )?(?:(?:final|director s|extended|special|ultimate|theatrical"
    r"|uncut|unrated|restored|remastered|redux|\d+(?:st|nd|rd|th) anniversary)"
    r"(?: (?:cut|edition|version|restoration))?|restoration)$"
)


def names_a_version(text: str) -> bool:
    """Whether `text` names a version of a film, not a film: `The Final Cut`, `Redux`."""
    return _VERSION.match(fold(text)) is not None


# A film's number as a word, closing its title: `Rocky Two`, `Ocean's Twelve`.
_NUMBER_NAMES = "one two three four five six seven eight nine ten eleven twelve thirteen"
NUMBER_WORDS = {word: n for n, word in enumerate(_NUMBER_NAMES.split(), start=1)}
# Words that may stand before a film's number: `The Godfather Part II`, `Kill Bill: Vol. 2`.
PART_WORDS = {"part", "pt", "chapter", "vol", "volume", "episode", "book"}


# A number written as a superscript is a part's number: `Alien³` is `Alien 3` (folded alone, the
# superscript would be glued to the word: `alien3`).
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_NUMBERS = str.maketrans({c: f" {i}" for i, c in enumerate(SUPERSCRIPT_DIGITS)})


# A number with a fraction, typed (`2 1/2`, `2-1/2`) or as one character (`2½`, folded as typed):
# one word of the key, `2and1over2`, that is no part's number alone (`The Naked Gun 2½` is not
# `The Naked Gun 2`, nor `8½` the second of `8`).
_FRACTION = re.compile(r"(?<![\w/])(?:(\d+)[\s-]+)?(\d)/(\d)(?![\w/])")
_FRACTION_WORD = re.compile(r"^(?:(\d+)and)?(\d+)over(\d+)$")


def _fraction_word(match: re.Match) -> str:
    whole, numerator, denominator = match.groups()
    if not 0 < int(numerator) < int(denominator):  # no fraction: `2/1`
        return match[0]
    return f" {f'{whole}and' if whole else ''}{numerator}over{denominator} "


_GLYPHS = {typed.strip(): glyph for glyph, typed in _TYPED_FRACTIONS.items()}


def typeset_fractions(title: str) -> str:
    """A title with its typed fractions as their characters: `The Naked Gun 2 1/2` as `The Naked
    Gun 2½`, the way the film is titled (a kit's capitals type it)."""
    if "/" not in title:
        return title

    def glyph(match: re.Match) -> str:
        whole, numerator, denominator = match.groups()
        typed = _GLYPHS.get(f"{numerator}/{denominator}")
        return f"{whole or ''}{typed}" if typed else match[0]

    return _FRACTION.sub(glyph, title)


def without_closing_fraction(title: str) -> str | None:
    """A title without the number and fraction that close it (`The Naked Gun 2 1/2`, `The
    Naked Gun 2½`: The Naked Gun); None if none closes it."""
    typed = title.strip().translate(_TYPED_FRACTION_TABLE)
    closing = [m for m in _FRACTION.finditer(typed) if not typed[m.end() :].strip()]
    if not closing or _fraction_word(closing[0]) == closing[0][0]:
        return None
    return typed[: closing[0].start()].strip() or None


def title_key(title: str) -> str:
    """Folded main title with its number as digits: `ROCKY II`, `Rocky 2` and `Rocky Two`
    share a key; so do `The Godfather: Part II` and `The Godfather 2` (a subtitle that is only
    a part's number is the number), and `The Naked Gun 2½` and `THE NAKED GUN 2 1/2`."""
    title = title.translate(_SUPERSCRIPT_NUMBERS)
    if "/" in title or any(c in VULGAR_FRACTIONS for c in title):
        title = _FRACTION.sub(_fraction_word, title.translate(_TYPED_FRACTION_TABLE))
    main, subtitle = split_title(title)
    if _numbers_a_part(subtitle):
        main = f"{main} {subtitle}"
    elif number := _numbered_subtitle(subtitle)[0]:
        main = f"{main} {number}"  # `Star Wars: Episode II - Attack of the Clones`: star wars 2
    words = [str(ROMAN_NUMERALS.get(w, w)) for w in fold(main).split()]
    if len(words) > 1 and words[-1] in NUMBER_WORDS:
        words[-1] = str(NUMBER_WORDS[words[-1]])
    if len(words) > 2 and words[-1].isdigit() and words[-2] in PART_WORDS:
        del words[-2]
    return " ".join(words)


def _numbers_a_part(subtitle: str) -> bool:
    """Whether a subtitle is only a part's number: `Part II`, `Vol. 1`, `Volume One`."""
    words = fold(subtitle).split()
    return len(words) == 2 and words[0] in PART_WORDS and bool(_number(words[1]))


def _numbered_subtitle(subtitle: str) -> tuple[str, str]:
    """A subtitle that opens with a part's number, and what names the part after it: `Episode
    I - The Phantom Menace` -> (`Episode I`, `The Phantom Menace`); any other: (``, itself)."""
    number, named = split_title(subtitle)
    return (number, named) if named and _numbers_a_part(number) else ("", subtitle)


# Articles a title may be written with or without (`The Celebration`, `Celebration`); not
# `die` (`Die Hard`) nor `i` (a numeral).
TITLE_ARTICLES = {"the", "a", "an", "le", "la", "les", "l"}
# Articles of languages other than English that open a title's part after a comma, as the
# title's own words, not another title's (`Torrente, el brazo tonto de la ley`).
FOREIGN_ARTICLES = (
    "el", "la", "los", "las", "le", "les", "il", "lo", "gli", "un", "una", "une",
    "der", "die", "das", "ein", "eine",
)  # fmt: skip


def telling_subtitle(subtitle: str) -> bool:
    """Whether a subtitle tells a film by itself: two words or more besides its articles, and
    no part's number (`The Beginning` and `Part Two` are too common)."""
    words = fold(subtitle).split()
    return len([w for w in words if w not in TITLE_ARTICLES]) >= 2 and words[0] not in PART_WORDS


def named_subtitle(title: str) -> str:
    """What a title's subtitle names the film by, after a part's number: `The Phantom Menace` of
    `Star Wars: Episode I - The Phantom Menace`; `Dead Man's Chest` of `Pirates of the
    Caribbean: Dead Man's Chest`."""
    return _numbered_subtitle(split_title(title)[1])[1]


def told_subtitle(title: str) -> str:
    """A title's subtitle folded, one that tells a film apart from others of its main title:
    none for a part's number, which `title_key` holds (`Kill Bill: Vol. 1` and `Kill Bill:
    Volume 1` have no subtitles to disagree on); after it, what names the part (`Star Wars:
    Episode I - The Phantom Menace`: `the phantom menace`)."""
    subtitle = split_title(title)[1]
    if _numbers_a_part(subtitle):
        return ""
    words = fold(_numbered_subtitle(subtitle)[1]).split()
    if len(words) > 1 and (number := _number(words[-1])):
        words[-1] = str(number)  # `Mission: Impossible III`, `Mission: Impossible 3`
    return " ".join(words)


_ROMAN_OF = {n: roman for roman, n in ROMAN_NUMERALS.items()}
_WORD_OF = {n: word for word, n in NUMBER_WORDS.items()}


def numeral_forms(folded: str, limit: int = 8) -> list[str]:
    """A folded text with its numbers written each other way a title may write them (`rocky 2`:
    `rocky ii`, `rocky two`; `rocky iii`: `rocky 3`, `rocky three`), itself first; at most `limit`
    forms. (`closes_with_numeral` tells a form whose last word is a number.)"""
    forms = [[]]
    for word in folded.split():
        number = _number(word) if word != "i" else None  # `I, Robot`: no numeral
        spellings = [word]
        if number:
            spellings += [
                s
                for s in (str(number), _ROMAN_OF.get(number), _WORD_OF.get(number))
                if s and s != word
            ]
        forms = [[*form, spelling] for form in forms for spelling in spellings][:limit]
    return [" ".join(form) for form in forms]


def closes_with_numeral(folded: str) -> bool:
    """Whether a folded text's last word is a number (`rocky ii`, `rocky 2`): a whole word,
    which `rocky iii` does not hold."""
    words = folded.split()
    return bool(words) and words[-1] != "i" and _number(words[-1]) is not None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return ROMAN_NUMERALS.get(word) or NUMBER_WORDS.get(word)


def title_stem_and_number(title: str) -> tuple[str, int | Fraction]:
    """The series stem and the film's number in it: `Rocky III` -> (`rocky`, 3)."""
    words = title_key(title).split()
    if len(words) > 1 and words[-1].isdigit() and int(words[-1]) < 100:
        return " ".join(words[:-1]), int(words[-1])
    if len(words) > 1 and (fraction := _FRACTION_WORD.match(words[-1])):
        whole, numerator, denominator = (int(n or 0) for n in fraction.groups())
        if denominator:  # `The Naked Gun 2½`: the Naked Gun's 2½, after its 2 and before its 3
            return " ".join(words[:-1]), whole + Fraction(numerator, denominator)
    return " ".join(words), 1


_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "from",
    "in",
    "nor",
    "of",
    "on",
    "or",
    "the",
    "to",
    "vs",
    "with",
}


def title_case(text: str) -> str:
    """Title case for a title shouted in capitals: `I'M THE ANGEL OF DEATH` -> `I'm the Angel of
    Death`, `THE GIRL WITH THE DRAGON TATTOO` -> `The Girl with the Dragon Tattoo`, `X-MEN` ->
    `X-Men`. Roman numerals stay upper case; small words stay lower unless they open a part
    (after a colon or a dash) or end the title (`Something to Die For`)."""
    out = []
    opens_part = True
    tokens = re.split(r"(\s+)", text.strip())
    for position, token in enumerate(tokens):
        if not token or token.isspace():
            out.append(token)
            continue
        core = token.strip(":;,.!?\"'()")
        if _ROMAN_WORD.match(core) and core.upper() == core and len(core) > 1:
            word = token.upper()
        elif core.lower() in _SMALL_WORDS and not opens_part and position < len(tokens) - 1:
            word = token.lower()
        else:  # each part of a hyphenated word: `SPIDER-MAN` -> `Spider-Man`
            word = "-".join(map(_capitalized, token.split("-")))
        out.append(word)
        opens_part = token.endswith(":") or token in ("-", "–", "—")
    return "".join(out)


# Names a title or a name in capitals holds that keep a capital inside: `McCABE`, `O'BRIEN`.
_MC = re.compile(r"^(Mc)([^\W\d_]{3,})")
_O_APOSTROPHE = re.compile(r"^([OD]['’])([^\W\d_]{2,})")


def _capitalized(word: str) -> str:
    """A word in capitals with a capital first (`Mccabe` as `McCabe`, `O'brien` as `O'Brien`;
    `"EPSILON"` as `"Epsilon"`)."""
    lead = len(word) - len(word.lstrip("\"'“‘«(["))
    word = word[: lead + 1].upper() + word[lead + 1 :].lower()
    for inner in (_MC, _O_APOSTROPHE):
        word = inner.sub(lambda m: m[1] + m[2].capitalize(), word)
    return word


def is_shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def name_case(name: str, *, one_word: bool = False) -> str:
    """A person's name of two words or more written in capitals, as a name is written: `PETER
    O'TOOLE` -> `Peter O'Toole`, `JEAN-PIERRE LÉAUD` -> `Jean-Pierre Léaud`; a numeral stays
    in capitals (`LOUIS GOSSETT III`). Any other name, as it is (one word in capitals may be
    written so, `RZA`, or with a number, `HAL 9000`, unless the list it is in writes every name
    so: `one_word`)."""
    worded = [word for word in name.split() if re.search(r"[^\W\d_]", word)]
    if (len(worded) < 2 and not one_word) or not is_shouted(name):
        return name
    return re.sub(
        r"[^\W\d_]+",
        lambda letters: (
            letters.group()
            if _ROMAN_WORD.match(letters.group()) and len(letters.group()) > 1
            else _capitalized(letters.group())
        ),
        name,
    )


# A sentence glued to the next one: `review it.But not` -> two paragraphs.
# Where a paragraph break was lost: a sentence's end glued to the next one's capital
# (`review it.But`, `said.“Now`). The pattern finds the punctuation; `_glued_at` checks the
# letter before it (a lookbehind would make the regex engine try every position: 10x slower).
_SENTENCE_END = re.compile(r"([.!?…:])(?=([\"“]?)[A-Z]([a-z'’ ])?)")
_BEFORE_END = frozenset("abcdefghijklmnopqrstuvwxyz0123456789)]\"'!?.…")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


def _glued_at(block: str, match: re.Match) -> bool:
    before = block[match.start() - 1] if match.start() else ""
    # A word's end, then `.` and a capitalised word; or `.` and a quotation opening.
    return bool(before) and (
        (before in _BEFORE_END and match.group(3) is not None)
        or (before in _LOWER and match.group(1) in ".!?" and match.group(2) != "")
    )


def split_glued(block: str) -> list[str]:
    """The sentences of `block` that lost the break between them, split apart."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(block):
        if _glued_at(block, match):
            parts.append(block[start : match.end()])
            start = match.end()
    parts.append(block[start:])
    return parts


def restore_paragraphs(text: str) -> str:
    """Split paragraphs that lost their breaks (`…review it.But not this one.`)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        parts = split_glued(block.strip())
        paragraphs.extend(" ".join(p.split()) for p in parts if p.strip())
    return "\n\n".join(paragraphs)


def paragraph_count(text: str) -> int:
    return len([p for p in text.split("\n\n") if p.strip()])


# The at sign, and the full-width and small forms that write it past a robot (`ann＠b.dk`).
_AT_SIGNS = "@＠﹫"
# An at sign, or the one a link's address encodes (`ann%40example.org`).
_AT = rf"(?:[{_AT_SIGNS}]|%40)"
# A domain's dot, with a space before it where a copy put one (`example .com`, `example . com`;
# not a space after it alone: `it @ home. then` is a sentence).
_DOMAIN_DOT = r"(?:\.|\s\.(?!\s)|\s\.\s)"
_EMAIL = re.compile(
    rf"[\w.+-]+{_AT}[\w-]+(?:{_DOMAIN_DOT}[\w-]+)+"
    # Spaced out, `ann @ example.com`: its domain ends in letters (`meet @ 5.30pm` is none).
    rf"|[\w.+-]+ {_AT} [\w-]+(?:{_DOMAIN_DOT}[\w-]+)*{_DOMAIN_DOT}[^\W\d_]{{2,}}\b"
)
# An address in brackets of any kind: `(a@b.dk)`, `<a@b.dk>`, `[a@b.dk]`.
_PARENTHESISED_EMAIL = re.compile(
    rf"(?<!\s)\s*[(<\[][^()<>\[\]]*[{_AT_SIGNS}][^()<>\[\]]*[)>\]]\s*"
)


# An address written so that robots miss it: `ann [at] example [dot] org`, `ann(at)example.org`,
# `ann at example dot org` (a word `at` only with a word `dot`: `looked at imdb.com` is none).
_BRACKETED_AT = r"\s*[(\[{<]\s*at\s*[)\]}>]\s*"
_WORD_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)"
_OBFUSCATED_EMAIL = re.compile(
    rf"[\w.+-]+(?:{_BRACKETED_AT}[\w-]+(?:(?:{_WORD_DOT}|\.)[\w-]+)+"
    rf"|\s+at\s+[\w-]+(?:{_WORD_DOT}[\w-]+)+)",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = re.compile(r"[(<\[{]\s*[)>\]}]")


def _may_hide_email(text: str) -> bool:
    """Whether a text may hold an address, written plainly or in one of the usual disguises:
    a few substring tests (about a microsecond for a review's text) before the patterns, which
    scan at 25 MB/s (an archive is gigabytes). One character is found fastest; the longer
    hints are looked for in lower and upper case (`ann AT example DOT com`), not mixed."""
    return (
        "@" in text
        or "%40" in text
        or "＠" in text
        or "﹫" in text
        or "]" in text
        or "}" in text
        or ">" in text
        or "dot" in text
        or "at)" in text
        or "DOT" in text
        or "AT)" in text
    )


def _without_emails(text: str, replacement: str) -> str:
    if not _may_hide_email(text):
        return text
    return _OBFUSCATED_EMAIL.sub(replacement, _EMAIL.sub(replacement, text))


# What stood before an address and means nothing without it: `mailto:`, `e-mail:`, a dash.
_LEFT_OF_AN_ADDRESS = re.compile(r"(?i:\bmailto:|\be-?mail:)|\s[-–—|·:,]\s*$|:\s*$")


def strip_email(name: str) -> tuple[str, bool]:
    """Remove e-mail addresses from a username: (clean name, whether one was removed)."""
    cleaned = _PARENTHESISED_EMAIL.sub(" ", name)
    # Brackets an address written out left empty: `bob (bob [at] mail [dot] com)`.
    cleaned = _EMPTY_BRACKETS.sub(" ", _without_emails(cleaned, " "))
    removed = " ".join(cleaned.split()) != " ".join(name.split())
    if removed:
        cleaned = _LEFT_OF_AN_ADDRESS.sub(" ", cleaned)  # `mailto:`, `e-mail:`, a separator
    return " ".join(cleaned.split()), removed


EMAIL_REMOVED = "[e-mail address removed]"


def redact_emails(text: str) -> tuple[str, bool]:
    """A text with every e-mail address replaced, and whether there was one."""
    redacted = _without_emails(text, EMAIL_REMOVED)
    return redacted, redacted != text


# Letters lost as `?`, one `?` a letter: between two letters, or opening a word before a
# lower-case letter; up to three in a row (`I??rritu`, `Iñárritu`). A match is the whole run.
LOST_LETTER = re.compile(r"(?:(?<=[A-Za-z])|(?<![\w?]))\?{1,3}(?=[a-z])")
_WORD_WITH_LOST_LETTER = re.compile(r"[A-Za-z?]*\?[A-Za-z?]*")


def has_lost_letter(text: str) -> bool:
    return "?" in text and LOST_LETTER.search(text) is not None


def lost_letters_pattern(text: str) -> re.Pattern:
    """What a text with letters lost as `?` may have been (`Am?lie`: `Amélie`, `Amãlie`): each
    lost letter one letter outside ASCII, case aside."""
    pattern, end = [], 0
    for lost in LOST_LETTER.finditer(text):
        pattern += [re.escape(text[end : lost.start()]), rf"[^\x00-\x7f]{{{len(lost[0])}}}"]
        end = lost.end()
    return re.compile("".join(pattern) + re.escape(text[end:]), re.IGNORECASE)


def words_with_lost_letters(text: str) -> list[str]:
    return [
        m.group(0) for m in _WORD_WITH_LOST_LETTER.finditer(text) if LOST_LETTER.search(m.group(0))
    ]


def repair_lost_letters(text: str, known_words: set[str]) -> tuple[str, list[str], list[str]]:
    """Replace `Br?nd` by the single known word it can be (`Brønd`): its lost letters filled,
    the others as written (`bj?rn` is `bjørn` by `Bjørn`).

    Returns the text, the repairs made (`Br?nd -> Brønd`) and the words left alone because no
    known word, or more than one that fills them otherwise, matches.
    """
    repaired, unresolved = [], []

    def fix(match: re.Match) -> str:
        word = match.group(0)
        if not LOST_LETTER.search(word):
            return word
        # A word's closing `?` may be a lost letter too (`V?in?` is `Väinö`), or the question's
        # mark (`Br?nd?`): the word read with it, then without it.
        stem = word.rstrip("?")
        for reading in dict.fromkeys((word, stem)):
            pattern = re.compile(
                "".join("[^\\x00-\\x7f]" if c == "?" else re.escape(c) for c in reading),
                re.IGNORECASE,
            )
            fills = {
                _fill_word(reading, known) for known in known_words if pattern.fullmatch(known)
            }
            if not fills:
                continue
            if len({fill.casefold() for fill in fills}) == 1:
                # One fill; or one in two cases, by a word's first letter known in both
                # (`Øystein`, `øystein`): the capital, as a name writes it, whichever was known
                # first.
                filled = min(fills)
                repaired.append(f"{reading} -> {filled}")
                return filled + word[len(reading) :]
            break
        unresolved.append(word)
        return word

    return _WORD_WITH_LOST_LETTER.sub(fix, text), repaired, unresolved


def letters_from_copy(text: str, copy: str) -> str | None:
    """`text` with the letters it lost as `?` (a crawler's `Maribel Verd?`, where no name can
    tell a lost letter from a question mark) taken from another copy of the same words that
    kept them (`Maribel Verdú`), whatever the paragraphs of each; None when `text` lost none
    that `copy` has, or the two are not the same words so."""
    if "?" not in text:
        return None
    mine = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    theirs = [c for c in copy if not c.isspace()]
    if len(mine) != len(theirs):
        return None
    letters, filled = list(text), False
    for (i, lost), kept in zip(mine, theirs, strict=True):
        if lost == kept:
            continue
        if lost != "?" or kept.isascii() or not kept.isalpha():
            return None
        letters[i], filled = kept, True
    return "".join(letters) if filled else None


def _fill_word(word: str, known: str) -> str:
    """A word's lost letters filled by a known word it may be (`fill_lost_letters`), its
    closing ones too: `V?in?` by `Väinö` is `Väinö`."""
    filled = fill_lost_letters(word, known)
    if "?" not in filled:
        return filled
    lower = all(c.islower() for c in filled[1:] if c.isalpha())
    return "".join(
        (known[i].lower() if lower else known[i]) if c == "?" else c for i, c in enumerate(filled)
    )


def fill_lost_letters(text: str, known: str) -> str:
    """`text` with each letter lost as `?` the one `known` (the text spelled whole, in any case:
    `lost_letters_pattern`) has there, in the case of the word around it (`Olsen-banden ser
    r?dt` by `OLSEN-BANDEN SER RØDT` is `Olsen-banden ser rødt`, `bj?rn` by `Bjørn` is
    `bjørn`, `I??rritu` by `IÑÁRRITU` is `Iñárritu`); in a word of other cases, and as a
    word's first letter, as `known` writes it (`?ystein` by `Øystein`)."""
    letters = list(text)
    for i in (i for lost in LOST_LETTER.finditer(text) for i in range(*lost.span())):
        start, end = i, i + 1
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "?"):
            start -= 1
        while end < len(text) and (text[end].isalpha() or text[end] == "?"):
            end += 1
        around = [c for c in text[start:end] if c.isalpha()]
        letter = known[i]
        if i == start and not text[start + 1 : end].isupper():
            pass  # a word's first letter: its case is the name's (`?ystein` is `Øystein`)
        elif around and all(c.islower() for c in around[1:]):
            letter = letter.lower()  # `Br?nd` by `BRØND` is `Brønd`
        elif len(around) > 1 and all(c.isupper() for c in around):
            letter = letter.upper()
        letters[i] = letter
    return "".join(letters)


def non_ascii_words(text: str) -> set[str]:
    """The words of letters (`lumière` of `lumière_fan`) with a letter outside ASCII."""
    return {w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()}


_APOSTROPHE_IN_WORD = re.compile(r"(?<=\w)['’ʼ](?=\w)")


def written_alike(a: str, b: str) -> bool:
    """Two spellings that differ only in case, marks and apostrophes (`The Hornets' Nest`, `The
    Hornet's Nest`; `I’m`, `I'm`): one title or name written twice, not two."""
    return fold(_APOSTROPHE_IN_WORD.sub("", a)).replace(" ", "") == fold(
        _APOSTROPHE_IN_WORD.sub("", b)
    ).replace(" ", "")


def unique_slug(base: str, taken) -> str:
    """`base`, or `base-2`, `base-3`… whichever `taken(slug)` says is free. An apostrophe
    inside a word parts nothing: `I'm the King` is `im-the-king`, not `i-m-the-king`."""
    root = fold(_APOSTROPHE_IN_WORD.sub("", base)).replace(" ", "-")[:200] or "item"
    slug, n = root, 1
    while taken(slug):
        n += 1
        slug = f"{root}-{n}"
    return slug
