"""A document's credits resolved in memory and written in bulk.

`CreditResolver` loads, in a handful of queries, every person a document's credits can touch
(those with an alias of the same folded spelling, and those already credited in the film), their
aliases, the film's credits and the characters of its series. It then applies the loader's rules
to each credit record against that picture, kept up to date as records create people, aliases,
credits and characters, and writes what changed with `bulk_create` / `bulk_update`: the queries
a document costs do not grow with its number of credits.

The rules:
- a name is the person who has an alias of the same folded spelling (accents and
  transliterations folded, `Jr.` = `Jnr` = `Junior`); among several, the one credited in this
  film;
- otherwise a close spelling (rapidfuzz, as written or as transliterated otherwise:
  `names_close`) of someone in the same credits of the same film;
- otherwise the one person credited in the same role in another film under this name written
  otherwise: turned round (`Chan-wook Park`, `Park Chan-wook`), with a middle name as its
  initial (`Alejandro G. Iñárritu`, `Alejandro González Iñárritu`), or with a romanised given
  name added (`Andrew Lau`, `Andrew Lau Wai-Keung`) when no one else adds another to it;
- otherwise a new person. Every spelling is kept as an alias with the reason it was joined.
- `(as Alias)`: whoever else goes by that alias is the same person and is merged (rare: the
  merge itself runs row by row, between a flush and a reload).
- a character is the one of the same folded name in the films of the series.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from rapidfuzz import fuzz

from .bulk import insert_rows, instance_values, keys_by
from .importers.common import NARRATOR
from .importers.records import SOURCE_RANK, CreditRecord
from .models import Character, Credit, Film, Person, PersonAlias, QuoteLine
from .text import (
    PARTS_SEPARATOR,
    RANKS_WRITTEN_OUT,
    fold,
    is_shouted,
    name_case,
    nicknames,
    unique_slug,
    without_marks,
    without_ranks,
)

if TYPE_CHECKING:
    from .loader import DocumentLoader, Tally

logger = logging.getLogger(__name__)

NAME_MATCH_RATIO = 85
NAME_PART_RATIO = 75


# Letters that different hands write for one sound when they transliterate a name
# (`Aleksei`, `Alexey`; `Yuriy`, `Jurij`; `Sukhorukov`, `Suhorukov`; `Jee-woon`, `Ji-woon`;
# `Hye-jeong`, `Hye-jung`), each made one.
_ONE_SOUND = (
    ("ee", "i"),
    ("oo", "u"),
    ("eo", "u"),
    ("ks", "x"),
    ("kh", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
)
_DOUBLED_I = re.compile("i+")


@lru_cache(maxsize=65536)
def sound_of(part: str) -> str:
    """A folded name part with the letters transliterations disagree on made alike."""
    for letters, sound in _ONE_SOUND:
        part = part.replace(letters, sound)
    return _DOUBLED_I.sub("i", part)


def spelled_alike(a: str, b: str) -> bool:
    """Whether two names are one transliterated otherwise (`Kolja`, `Kolya`; `Sergei`,
    `Sergey`): their words sound alike (`sound_of`)."""
    words_a, words_b = fold(a).split(), fold(b).split()
    return len(words_a) == len(words_b) and all(
        sound_of(x) == sound_of(y) for x, y in zip(words_a, words_b, strict=True)
    )


# How alike each word of two names of one actor's part in one film must be (`fuzz.ratio`) for
# them to be one part written otherwise.
PART_WORD_RATIO = 85


# Ranks and forms of address of men and of women (folded, `RANKS`): `Mr Smith` and `Mrs Smith`
# are two parts, whoever plays them.
_MEN = {
    *("mr", "sir", "lord", "king", "prince", "father", "brother", "monsieur", "senor", "signor"),
    *("herr", "hr", "pere", "frere", "fray"),
}
_WOMEN = {
    *("mrs", "ms", "miss", "lady", "queen", "princess", "sister", "madame", "mademoiselle"),
    *("mme", "mlle", "senora", "senorita", "signora", "signorina", "frau", "fraulein", "fru"),
    *("frk", "soeur", "hermana", "doctora"),
}


def one_part(a: str, b: str) -> bool:
    """Whether two names one actor's parts in one film are given are one part written
    otherwise: transliterated (`Kolja`, `Kolya`), with its rank in two languages (`Captain
    Vidal`, `Capitán Vidal`), or in two languages' close spellings (`The Faun`, `Fauno`)."""
    if spelled_alike(a, b):
        return True
    ranks_a, rest_a = without_ranks(fold(a).removeprefix("the ").split())
    ranks_b, rest_b = without_ranks(fold(b).removeprefix("the ").split())
    if not (rest_a and rest_b) or bool(ranks_a) != bool(ranks_b):
        return False
    if ranks_a and {*ranks_a, *ranks_b} & _MEN and {*ranks_a, *ranks_b} & _WOMEN:
        return False  # a man's rank and a woman's: two parts
    shorter, longer = sorted((rest_a, rest_b), key=len)
    if ranks_a and longer[len(longer) - len(shorter) :] == shorter:
        # The same name after a rank, or its last names, as one is addressed: `Minister Hempf`
        # is `Minister Bruno Hempf`, `Hauptmann Gerd Wiesler` is `Captain Gerd Wiesler`.
        return True
    return len(rest_a) == len(rest_b) and all(
        fuzz.ratio(x, y) >= PART_WORD_RATIO for x, y in zip(rest_a, rest_b, strict=True)
    )


def preferred_part(a: str, b: str) -> str:
    """Of two names of one part (`one_part`), the one kept: the one of more names (`Minister
    Bruno Hempf`, its ranks and article aside), then the one `preferred_spelling` prefers; the
    same whichever document came first."""

    def names(part: str) -> int:
        return len(without_ranks(fold(part).removeprefix("the ").split())[1])

    if names(a) != names(b):
        return max(a, b, key=names)
    return preferred_spelling(a, b)


def preferred_spelling(a: str, b: str) -> str:
    """Of two spellings of one name, the one with the most accents, then the first in
    alphabetical order: the same whichever document came first."""
    return min(a, b, key=lambda name: (-_accents(name), name))


def _similarity(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.ratio(sound_of(a), sound_of(b)))


def _parts_alike(x: str, y: str) -> bool:
    """Two parts of names alike: close spellings, or an initial and a name it opens (`W`,
    `Winding`)."""
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return (
        fuzz.ratio(x, y) >= NAME_PART_RATIO
        or fuzz.ratio(sound_of(x), sound_of(y)) >= NAME_PART_RATIO
    )


def _aligned(short: list[str], long: list[str]) -> list[str] | None:
    """The parts of the longer name that the shorter one's stand for, when it leaves out
    middle names (`Nicolas Refn` of `Nicolas Winding Refn`): the same first and last part, the
    others in order. None when they do not line up."""
    if len(short) < 2 or not (
        _parts_alike(short[0], long[0]) and _parts_alike(short[-1], long[-1])
    ):
        return None
    aligned, rest = [long[0]], iter(long[1:-1])
    for part in short[1:-1]:
        found = next((other for other in rest if _parts_alike(part, other)), None)
        if found is None:
            return None
        aligned.append(found)
    return [*aligned, long[-1]]


# What a name written in the other order (`Min-sik Choi` for `Choi Min-sik`) loses of its
# similarity: the same spelling in the same order is the closer match.
OTHER_ORDER_PENALTY = 5


def names_close(a: str, b: str) -> float:
    """Similarity of two names, as written or as transliterated otherwise, with an initial for
    a name (`Nicolas W. Refn`) or a middle name left out (`Nicolas Refn`), or with the family
    name written first in one and last in the other (`Choi Min-sik`, `Min-sik Choi`, a little
    less close), or its parts otherwise in another order (`Tony Leung Chiu-wai`, `Tony Chiu-Wai
    Leung`); 0 when any part differs too much (Thomas and Kenneth Herschel)."""
    parts_a, parts_b = fold(a).split(), fold(b).split()
    if not parts_a or not parts_b:
        return 0.0
    ratio = _parts_close(parts_a, parts_b)
    if ratio or len(parts_a) != len(parts_b) or len(parts_a) < 2:
        return ratio
    if sorted(part[0] for part in parts_a) != sorted(part[0] for part in parts_b):
        return 0.0  # turning a name round keeps its parts' initials: most pairs end here
    for turned in (parts_b[1:] + parts_b[:1], parts_b[-1:] + parts_b[:-1]):
        ratio = _parts_close(parts_a, turned) - OTHER_ORDER_PENALTY
        if ratio >= NAME_MATCH_RATIO:
            return ratio
    if len(parts_a) > 2 and sorted(map(sound_of, parts_a)) == sorted(map(sound_of, parts_b)):
        # The same names in another order (`Tony Leung Chiu-wai`, `Tony Chiu-Wai Leung`).
        return 100.0 - OTHER_ORDER_PENALTY
    return 0.0


def _parts_close(parts_a: list[str], parts_b: list[str]) -> float:
    """`names_close` of two names' folded parts, in the order given."""
    if len(parts_a) != len(parts_b):
        short, long = sorted((parts_a, parts_b), key=len)
        aligned = _aligned(short, long)
        if aligned is None:
            return 0.0
        parts_a, parts_b = short, aligned
    if not all(map(_parts_alike, parts_a, parts_b)):
        return 0.0
    # An initial counts as the name it opens.
    parts_a = [y if len(x) == 1 else x for x, y in zip(parts_a, parts_b, strict=True)]
    parts_b = [x if len(y) == 1 else y for x, y in zip(parts_a, parts_b, strict=True)]
    ratio = _similarity(" ".join(parts_a), " ".join(parts_b))
    return ratio if ratio >= NAME_MATCH_RATIO else 0.0


def other_orders(folded: str) -> list[str]:
    """A folded name with its first part moved to the end, and its last to the front: the
    family name written last or first (`park chan wook`, `chan wook park`)."""
    parts = folded.split()
    if len(parts) < 2:
        return []
    return list(dict.fromkeys([" ".join(parts[1:] + parts[:1]), " ".join(parts[-1:] + parts[:-1])]))


def initialled_forms(folded: str) -> list[str]:
    """A folded name with a middle name written as its initial, one at a time and all together
    (`alejandro g inarritu` of `alejandro gonzalez inarritu`)."""
    parts = folded.split()
    middles = [i for i in range(1, len(parts) - 1) if len(parts[i]) > 1]
    forms = [[*parts[:i], parts[i][0], *parts[i + 1 :]] for i in middles]
    if len(middles) > 1:
        forms.append([part[0] if i in middles else part for i, part in enumerate(parts)])
    return [" ".join(form) for form in forms]


def without_middle_names(folded: str) -> str | None:
    """A folded name of three parts or more as its first and last alone (`nicolas refn` of
    `nicolas winding refn`, `samuel raimi` of `samuel m raimi`); None for a shorter one."""
    parts = folded.split()
    return f"{parts[0]} {parts[-1]}" if len(parts) >= 3 else None


# The roles in which a name without its middle names is the same person's: a film's makers,
# few to a film. (An actor's is not: `Thomas Larsen` and `Thomas Bo Larsen` may be two of a
# country's actors.)
MIDDLE_NAME_ROLES = frozenset({"director", "writer", "producer", "cinematographer", "composer"})


def middle_names_alike(a: str, b: str) -> bool:
    """Whether two folded names' middle names may be one person's: one has none, or each of
    one's is the other's or its initial (`paul w s anderson`, `paul thomas anderson`: two)."""
    x, y = a.split()[1:-1], b.split()[1:-1]
    return (
        not x
        or not y
        or (
            len(x) == len(y)
            and all(
                p == q or (len(p) == 1 and q.startswith(p)) or (len(q) == 1 and p.startswith(q))
                for p, q in zip(x, y, strict=True)
            )
        )
    )


def has_middle_initial(folded: str) -> bool:
    parts = folded.split()
    return any(len(part) == 1 for part in parts[1:-1])


def initials_written_out(short: str, full: str) -> bool:
    """Whether a folded name is another with its middle initials written out: the same first
    and last names, each middle one the same or the initial of the other's."""
    a, b = short.split(), full.split()
    return (
        len(a) == len(b) >= 3
        and a != b
        and a[0] == b[0]
        and a[-1] == b[-1]
        and all(x == y or (len(x) == 1 and y.startswith(x)) for x, y in zip(a, b, strict=True))
    )


def how_written_otherwise(name: str, other: str) -> str | None:
    """How `name` writes `other` otherwise, where it does in one of the ways
    `Resolver.written_otherwise` knows (`with a middle name as its initial`); else None."""
    folded, known = fold(name), fold(other)
    if known in other_orders(folded):
        return "written in the other order"
    if known in initialled_forms(folded):
        return "with a middle name written out"
    if has_middle_initial(folded) and initials_written_out(folded, known):
        return "with a middle name as its initial"
    if given_names_initialled(folded, known):
        return "with its given names as their initials"
    if given_names_initialled(known, folded):
        return "with its given names written out"
    if given_name_initialled(folded, known):
        return "with its given name as its initial"
    if given_name_initialled(known, folded):
        return "with its given name written out"
    if without_given_name(name) == known:
        return "with a given name left out"
    if without_given_name(other) == folded:
        return "with a given name added"
    if without_middle_names(known) == folded:
        return "with a middle name left out"
    if without_middle_names(folded) == known:
        return "with a middle name added"
    return None


def given_names_initialled(short: str, full: str) -> bool:
    """Whether a folded name is another with its given names, two or more, as their initials:
    `p t anderson`, `paul thomas anderson`."""
    return initials_of(full) == short


def initials_of(folded: str) -> str | None:
    """A folded name with its given names, two or more and written out, as their initials
    (`p t anderson` of `paul thomas anderson`); None for another."""
    *given, last = folded.split()
    if len(given) < 2 or any(len(name) == 1 for name in given):
        return None
    return " ".join([*(name[0] for name in given), last])


def all_initials(folded: str) -> bool:
    """Whether a folded name's given names, two or more, are all initials (`p t anderson`)."""
    *given, _ = folded.split()
    return len(given) >= 2 and all(len(name) == 1 for name in given)


def given_name_initialled(short: str, full: str) -> bool:
    """Whether a folded name is another with its given name as its initial: `t vinterberg`,
    `thomas vinterberg`."""
    a, b = short.split(), full.split()
    return (
        len(a) == len(b) >= 2
        and len(a[0]) == 1
        and len(b[0]) > 1
        and b[0].startswith(a[0])
        and a[1:] == b[1:]
    )


def spelled_otherwise(name: str, known: str, ratio: float) -> str:
    """How `name` is the person `known`, as a merge of two films' credits says it: how it is
    written otherwise, or how close it is (the start of a merge's reason)."""
    if how := how_written_otherwise(name, known):
        return f"{known} {how}"
    return f"close spelling of {known} (similarity {ratio:.0f})"


def close_spelling_reason(name: str, known: str, ratio: float, role: str, film) -> str:
    """Why `name` is the person `known` of one film's credits in `role`: how the name is
    written otherwise (as a merge across films says it, whichever of the two came first), or
    how close it is."""
    if how := how_written_otherwise(name, known):
        return f"{known} {how}; both credited as {role}"
    return (
        f"close spelling of {known} (similarity {ratio:.0f}); both in the {role} credits of {film}"
    )


# A given name romanised in two syllables joined by a hyphen (`Wai-Keung`, `Chiu-wai`), which a
# Hong Kong credit may add after the English name: `Andrew Lau Wai-Keung` is `Andrew Lau`.
_ROMANISED_GIVEN_NAME = re.compile(r"[^\W\d_]{2,5}-[^\W\d_]{2,5}")


def without_given_name(name: str) -> str | None:
    """The folded name a name is without its romanised given name (`andrew lau` of `Andrew Lau
    Wai-Keung`); None when it has none, or would be one word without it."""
    words = name.split()
    if len(words) >= 3 and _ROMANISED_GIVEN_NAME.fullmatch(words[-1]):
        return fold(" ".join(words[:-1]))
    return None


def people_with_spellings_opening(prefixes: list[str], endings: list[str] = ()) -> RawSQL:
    """The ids of the people with a spelling (folded) that opens with one of `prefixes` (and
    ends with the ending of the same place in `endings`, if given), in a form the spellings'
    index serves: ranges of SQLite's byte order (whose LIKE ignores case, and so the index),
    PostgreSQL's LIKE (which Django's pattern index serves, whatever the database's
    collation). Raw SQL: as Q objects, the prefixes of a document's names cost its load a few
    milliseconds to compile."""
    quote = connection.ops.quote_name
    meta = PersonAlias._meta
    column = quote(meta.get_field("folded").column)
    like = connection.ops.prep_for_like_query
    conditions, params = [], []
    for i, prefix in enumerate(prefixes):
        if connection.vendor == "sqlite":
            condition = f"{column} >= %s AND {column} < %s"
            params += [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
        else:
            condition = f"{column} LIKE %s"
            params.append(like(prefix) + "%")
        if endings:  # (the range found by the index, the ending read in its rows)
            condition += f" AND {column} LIKE %s ESCAPE '\\'"
            params.append("%" + like(endings[i]))
        conditions.append(f"({condition})")
    return RawSQL(
        f"SELECT {quote(meta.get_field('person').column)} FROM {quote(meta.db_table)} "
        f"WHERE {' OR '.join(conditions)}",
        params,
    )


# The ways one generation suffix is written (`Sergei Bodrov Jr.`, `Sergei Bodrov Jnr`).
_SUFFIX_FORMS = ({"jr", "jnr", "junior"}, {"sr", "snr", "senior"})
# What a name's generation is written with: a suffix, or a number (`Michael II`).
_GENERATIONS = {*_SUFFIX_FORMS[0], *_SUFFIX_FORMS[1], "ii", "iii", "iv"}


def suffix_forms(folded: str) -> list[str]:
    """A folded name and its other forms with the generation suffix written otherwise."""
    words = folded.split()
    for forms in _SUFFIX_FORMS:
        if len(words) > 2 and words[-1] in forms:
            stem = " ".join(words[:-1])
            return [folded, *(f"{stem} {form}" for form in sorted(forms - {words[-1]}))]
    return [folded]


def free_slugs(model, bases: list[str]) -> list[str]:
    """A slug for each of `bases`, free in `model`'s table and among themselves, found with at
    most two queries: the plain slugs, then the numbered ones of those that clash."""
    roots = [unique_slug(base, lambda s: False) for base in bases]
    taken = set(keys_by(model, "slug", roots))
    repeated = Counter(roots)
    clashing = {r for r in roots if r in taken or repeated[r] > 1}
    if clashing:
        numbered = Q()
        for root in clashing:
            numbered |= Q(slug__startswith=f"{root}-")
        taken |= set(model.objects.filter(numbered).values_list("slug", flat=True))
    slugs = []
    for base, root in zip(bases, roots, strict=True):
        slug = root if root not in taken else unique_slug(base, lambda s: s in taken)
        taken.add(slug)
        slugs.append(slug)
    return slugs


def merge_notes(stored: str, new: str) -> str:
    """A credit's notes from every document (`screenplay`, `uncredited, voice`): each once, in
    an order that does not depend on which document came first."""
    parts = {part.strip() for note in (stored, new) for part in note.split(",")}
    # A note another says more fully is that one (`novel`, `novel "Do Androids Dream …"`).
    parts = {
        part
        for part in parts
        if not any(other.lower().startswith(f"{part.lower()} ") for other in parts)
    }
    return ", ".join(sorted(filter(None, parts), key=str.lower))


def assign_fields(obj, values: dict, tally) -> list[str]:
    """Set the values that differ and are not locked; count the row updated or unchanged."""
    locked = getattr(obj, "locked_fields", ())
    changed = [
        name for name, value in values.items() if name not in locked and getattr(obj, name) != value
    ]
    for name in changed:
        setattr(obj, name, values[name])
    tally.count("updated" if changed else "unchanged", type(obj).__name__)
    return changed


@dataclass(eq=False)
class _Person:
    """A person as the resolver sees it: the row (saved or not) and its aliases by spelling."""

    row: Person
    aliases: dict[str, PersonAlias] = field(default_factory=dict)
    slug_base: str = ""


# A cast line's several parts, as IMDb lists one actor's: `Marty McFly / Marty McFly Jr.` (not
# the slash of a name, `AC/DC`).
def each_part(records: list[CreditRecord]) -> list[CreditRecord]:
    """The records, one for each part a record names (a record of several parts is several
    credits of the actor in the film)."""
    parted = []
    for record in records:
        parts = [p.strip() for p in PARTS_SEPARATOR.split(record.character) if p.strip()]
        if len(parts) > 1:
            parted.extend(replace(record, character=part) for part in parts)
        else:
            parted.append(record)
    return parted


def parts_of_listed_actors(records: list[CreditRecord]) -> list[CreditRecord]:
    """An actor a document's cast list names with no part, and whose one part it gives
    elsewhere unbilled (a kit's `Cast: …, Ned Beatty` and its synopsis's `Lotso (voiced by Ned
    Beatty)`): the listed record names the part too, billed as listed (the other stays, for
    its spelling of the name, and finds that credit). Resolved apart, the billing and the part
    were shared out among the actor's stored credits by the order the documents came in."""
    cast = [r for r in records if r.role == Credit.Role.CAST]
    by_name: dict[str, list[CreditRecord]] = defaultdict(list)
    for record in cast:
        by_name[fold(record.name)].append(record)
    joined: dict[int, CreditRecord] = {}
    for mine in by_name.values():
        listed = [r for r in mine if r.billing_order is not None and not r.character]
        parts = [r for r in mine if r.character and r.character != NARRATOR]
        if len(listed) != 1 or len(parts) != 1 or parts[0].billing_order is not None:
            continue
        (credit,), (part,) = listed, parts
        joined[id(credit)] = replace(
            credit, character=part.character, note=merge_notes(credit.note, part.note)
        )
    return [joined.get(id(r), r) for r in records]


class CreditResolver:
    def __init__(self, loader: DocumentLoader, film: Film):
        self.loader = loader
        self.film = film
        self.tally = loader.tally
        self.records = parts_of_listed_actors(each_part(loader.doc.credits))

    # -- the picture ----------------------------------------------------------------------

    def load(self) -> None:
        names = {form for r in self.records for form in suffix_forms(fold(r.name))}
        names |= {fold(r.credited_as) for r in self.records if r.credited_as}
        # A name written otherwise: turned round (`other_orders`), or with a middle name as its
        # initial (`initialled_forms`), or with its initial written out (the names of that
        # first and last name).
        otherwise = {
            form
            for r in self.records
            for form in [
                *other_orders(fold(r.name)),
                *initialled_forms(fold(r.name)),
                without_given_name(r.name),
                without_middle_names(fold(r.name)) if r.role in MIDDLE_NAME_ROLES else None,
                initials_of(fold(r.name)) if r.role in MIDDLE_NAME_ROLES else None,
            ]
            if form
        } - names
        aliases = Q(folded__in=names | otherwise)
        for name in names:
            if has_middle_initial(name):
                first, *_, last = name.split()
                aliases |= Q(folded__startswith=f"{first} ", folded__endswith=f" {last}")
        found = Q(pk__in=PersonAlias.objects.filter(aliases).values("person_id")) | Q(
            pk__in=Credit.objects.filter(film=self.film).values("person_id")
        )
        if added := sorted(f"{name} " for name in names if name.count(" ") == 1):
            found |= Q(pk__in=people_with_spellings_opening(added))  # a given name added
        # A maker's first and last names: the same with a middle name between them.
        makers = sorted({fold(r.name) for r in self.records if r.role in MIDDLE_NAME_ROLES} & names)
        if makers := [name.split() for name in makers if name.count(" ") == 1]:
            found |= Q(
                pk__in=people_with_spellings_opening(
                    [f"{first} " for first, _ in makers], [f" {last}" for _, last in makers]
                )
            )
        # A maker's given names as initials (`P.T. Anderson`): the names they open.
        initialled = sorted(
            fold(r.name).split()
            for r in self.records
            if r.role in MIDDLE_NAME_ROLES and all_initials(fold(r.name))
        )
        if initialled:
            found |= Q(
                pk__in=people_with_spellings_opening(
                    [parts[0] for parts in initialled], [f" {parts[-1]}" for parts in initialled]
                )
            )
        people = Person.objects.filter(found).order_by("pk").prefetch_related("aliases")
        self.people: dict[int, _Person] = {}
        self.by_spelling: dict[str, list[_Person]] = defaultdict(list)
        for row in people:
            entry = _Person(row, {a.name: a for a in row.aliases.all()})
            self.people[row.pk] = entry
            for alias in entry.aliases.values():
                if entry not in self.by_spelling[alias.folded]:
                    self.by_spelling[alias.folded].append(entry)
        self.credits: list[Credit] = list(
            Credit.objects.filter(film=self.film).select_related("source")
        )
        self.credits.sort(key=lambda c: (c.billing_order is None, c.billing_order or 0, c.pk))
        for credit in self.credits:
            credit.entry = self.people[credit.person_id]
        # The roles of those found only under a name written otherwise.
        self.roles: dict[int, set[str]] = defaultdict(set)
        credited_here = {credit.person_id for credit in self.credits}
        self.named_otherwise = [
            entry
            for pk, entry in self.people.items()
            if pk not in credited_here
            and not {alias.folded for alias in entry.aliases.values()} & names
        ]
        if self.named_otherwise:
            found = Credit.objects.filter(person_id__in=[e.row.pk for e in self.named_otherwise])
            for person_id, role in found.values_list("person_id", "role"):
                self.roles[person_id].add(role)
        self.load_characters()
        self.new_people: list[_Person] = []
        self.new_aliases: list[PersonAlias] = []
        self.new_characters: list[Character] = []
        self.new_credits: list[Credit] = []
        self.dirty: dict[int, tuple[object, set[str]]] = {}
        # A part a credit was given under another name of it (`Oberstleutnant Anton Grubitz`
        # for `Colonel Anton Grubitz`): (the name it had, the name it takes); the film's quotes
        # spoken by the first are spoken by the second.
        self.renamed_parts: list[tuple[Character, Character]] = []

    def load_characters(self) -> None:
        names = {fold(r.character) for r in self.records if r.character}
        self.characters: dict[str, Character] = {}
        self.characters_by_id: dict[int, Character] = {}
        films = [self.film.pk]
        if self.film.series_id:
            films = list(
                Film.objects.filter(series_id=self.film.series_id).values_list("pk", flat=True)
            )
        # The characters of the series' films these records name, and every character of the
        # film (a record may name one more fully: `Valentine Dussaut` for `Valentine`).
        if names or self.credits:
            found = (
                Character.objects.filter(
                    Q(folded_name__in=names, credits__film__in=films) | Q(credits__film=self.film)
                )
                .distinct()
                .order_by("pk")
            )
            for character in found:
                self.characters.setdefault(character.folded_name, character)
                self.characters_by_id[character.pk] = character
        for credit in self.credits:
            if credit.character_id is not None:
                credit.character_ref = self.characters_by_id.setdefault(
                    credit.character_id, Character(pk=credit.character_id)
                )
            else:
                credit.character_ref = None

    def mark(self, obj, fields) -> None:
        """Remember that these fields of a saved row are to be written."""
        if obj.pk is None or not fields:
            return
        _, names = self.dirty.setdefault(id(obj), (obj, set()))
        names.update(fields)

    # -- the rules ------------------------------------------------------------------------

    def resolve(self) -> None:
        self.load()
        # The spellings this document's lists (a cast list, a cast block: records with a
        # billing order) gave each person: two spellings in one list are two people.
        self.listed: dict[int, set[str]] = defaultdict(set)
        # The parts (folded) this document gave each person in each role.
        self.parts_given: dict[tuple[int, str], set[str]] = defaultdict(set)
        # The makers of each role in the document's order (`Directors: Jim Abrahams, David
        # Zucker, Jerry Zucker`): their credits' billing, as the page lists them. Read after the
        # people are found: a maker's credit is no list of spellings (`self.listed`).
        made = Counter()
        for record in self.records:
            listed = record.billing_order is not None
            entry = self.person_for(record.name, record.role, record.line, listed=listed)
            if record.credited_as:
                entry = self.absorb_credited_alias(entry, record)
            if listed:
                self.listed[id(entry)].add(fold(record.name))
            if record.role != Credit.Role.CAST and record.billing_order is None:
                made[record.role] += 1
                record = replace(record, billing_order=made[record.role])
            self.upsert_credit(entry, record)
        self.flush()

    def person_for(self, name: str, role: str, line: int, *, listed: bool = False) -> _Person:
        folded = fold(name)
        form = next((f for f in suffix_forms(folded) if self.by_spelling.get(f)), folded)
        candidates = self.by_spelling.get(form, [])
        if len(candidates) > 1:
            credited = {id(c.entry) for c in self.credits}
            candidates = [p for p in candidates if id(p) in credited] or candidates
        if candidates:
            entry = candidates[0]
            reason = ""
            if name != entry.row.name:
                reason = f"{entry.row.name} {written_how(name, entry.row.name, form == folded)}"
            self.record_alias(entry, name, line, reason)
            return entry
        match = self.close_spelling(name, role, listed=listed)
        if match is None and (otherwise := self.written_otherwise(name, role)) is not None:
            entry, how = otherwise
            self.record_alias(entry, name, line, f"{entry.row.name} {how}; both credited as {role}")
            return entry
        if match is not None:
            entry, ratio = match
            self.record_alias(
                entry,
                name,
                line,
                close_spelling_reason(name, entry.row.name, ratio, role, self.film),
            )
            return entry
        entry = _Person(
            Person(name=name, folded_name=folded, **self.loader.prov(line)), slug_base=name
        )
        self.new_people.append(entry)
        self.tally.count("created", "Person")
        self.record_alias(entry, name, line, "first seen")
        return entry

    def close_spelling(
        self, name: str, role: str, *, listed: bool = False
    ) -> tuple[_Person, float] | None:
        """The person of these credits whose spelling is closest to `name`; None when none is
        close, or two people are as close (`J. Smith` of John and of Jane Smith). A name of a
        list is not the person the same list names otherwise (`Mark Smith` and `Mark Smyth`,
        one cast list: two actors)."""
        folded = fold(name)
        ratios: dict[int, tuple[_Person, float]] = {}
        for credit in self.credits:
            if credit.role != role:
                continue
            for alias_name in sorted(credit.entry.aliases):
                ratio = names_close(name, alias_name)
                if ratio > ratios.get(id(credit.entry), (None, 0.0))[1]:
                    ratios[id(credit.entry)] = (credit.entry, ratio)
        ranked = sorted(ratios.values(), key=lambda match: -match[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        if listed and self.listed.get(id(ranked[0][0]), {folded}) - {folded}:
            return None  # the closest is another of the list: a person of their own
        return ranked[0]

    def written_otherwise(self, name: str, role: str) -> tuple[_Person, str] | None:
        """The one person, credited in the same role in another film, whose name is this one
        written otherwise: with the family name moved to the other end (`Park Chan-wook`,
        `Chan-wook Park`), a middle name as its initial (`Alejandro G. Iñárritu`, `Alejandro
        González Iñárritu`), or a romanised given name added or left out (`Andrew Lau`,
        `Andrew Lau Wai-Keung`) when that person has no other added (`Tony Leung Chiu-wai`
        and `Tony Leung Ka-fai` are two); with how it is written. None when there are two."""
        folded = fold(name)
        found: dict[int, tuple[_Person, str]] = {}

        def written_as(entry: _Person, spelling: str) -> None:
            """The person, with how this name writes their spelling (`how_written_otherwise`)."""
            if how := how_written_otherwise(name, spelling):
                found.setdefault(id(entry), (entry, how))

        for form in [*other_orders(folded), *initialled_forms(folded)]:
            for entry in self.by_spelling.get(form, []):
                written_as(entry, form)
        # A middle name left out or added: the person's, whose spellings give no other middle
        # names (`Paul W.S. Anderson` is not `Paul Thomas Anderson`, written `Paul Anderson`
        # too), and who worked in another film with someone this document credits.
        if role in MIDDLE_NAME_ROLES and (short := without_middle_names(folded)):
            for entry in self.by_spelling.get(short, []):
                if self.middle_names_agree(entry, folded) and self.worked_with(entry):
                    written_as(entry, short)  # `Nicolas Winding Refn`: the `Nicolas Refn` known
        elif role in MIDDLE_NAME_ROLES and folded.count(" ") == 1:
            for entry in self.named_otherwise:  # `Nicolas Refn`: a `Nicolas Winding Refn`'s
                longer = sorted(
                    a.name
                    for a in entry.aliases.values()
                    if without_middle_names(a.folded) == folded
                )
                if longer and self.worked_with(entry):
                    # (its name first: `Nicolas W. Refn` is one of its spellings too)
                    written_as(entry, entry.row.name if entry.row.name in longer else longer[0])
        # Given names as initials (`P.T. Anderson`, `Paul Thomas Anderson`), of a maker who
        # worked in another film with someone this document credits.
        if role in MIDDLE_NAME_ROLES and (initials := initials_of(folded)):
            for entry in self.by_spelling.get(initials, []):
                if self.worked_with(entry):
                    written_as(entry, initials)
        elif role in MIDDLE_NAME_ROLES and all_initials(folded):
            for entry in self.named_otherwise:
                full = sorted(
                    a.name
                    for a in entry.aliases.values()
                    if given_names_initialled(folded, a.folded)
                )
                if full and self.worked_with(entry):
                    written_as(entry, full[0])
        if short := without_given_name(name):
            for entry in self.by_spelling.get(short, []):
                if not any(
                    without_given_name(alias.name) == short and alias.folded != folded
                    for alias in entry.aliases.values()
                ):
                    written_as(entry, short)
        else:
            for entry in self.named_otherwise:
                added = {
                    alias.folded: alias.name
                    for alias in entry.aliases.values()
                    if without_given_name(alias.name) == folded
                }
                if len(added) == 1:
                    written_as(entry, *added.values())
        if has_middle_initial(folded):
            for entry in self.named_otherwise:
                for alias in entry.aliases.values():
                    if initials_written_out(folded, alias.folded):
                        written_as(entry, alias.name)
                        break
        found = {
            key: match
            for key, match in found.items()
            if match[0] in self.named_otherwise and role in self.roles.get(match[0].row.pk, ())
        }
        return next(iter(found.values())) if len(found) == 1 else None

    @staticmethod
    def middle_names_agree(entry: _Person, folded: str) -> bool:
        """Whether a person's spellings with the first and last names of `folded` give middle
        names it may write too: the same, or initials of them."""
        return all(
            middle_names_alike(folded, alias.folded)
            for alias in entry.aliases.values()
            if without_middle_names(alias.folded) == without_middle_names(folded)
        )

    def worked_with(self, entry: _Person) -> bool:
        """Whether a person credited in other films was credited in one of them with someone
        this document credits."""
        names = {fold(record.name) for record in self.records}
        films = Credit.objects.filter(person_id=entry.row.pk).values("film_id")
        return (
            Credit.objects.filter(film_id__in=films, person__aliases__folded__in=names)
            .exclude(person_id=entry.row.pk)
            .exists()
        )

    def record_alias(self, entry: _Person, name: str, line: int, reason: str, credited=False):
        source = self.loader.source
        rank = self.loader.rank
        alias = entry.aliases.get(name)
        if alias is None:
            self.loader.learned_names |= not name.isascii()
            alias = PersonAlias(
                person=entry.row,
                name=name,
                folded=fold(name),
                reason=reason,
                is_credited_alias=credited,
                documents=[source.name],
                source_rank=rank,
                **self.loader.prov(line),
            )
            entry.aliases[name] = alias
            if entry not in self.by_spelling[alias.folded]:
                self.by_spelling[alias.folded].append(entry)
            self.new_aliases.append(alias)
            self.tally.count("created", "PersonAlias")
        else:
            values = {}
            if source.name not in alias.documents:
                values["documents"] = sorted({*alias.documents, source.name})
            if rank > alias.source_rank:
                values["source_rank"] = rank
            if credited and not alias.is_credited_alias:
                values["is_credited_alias"] = True
            changed = assign_fields(alias, values, self.tally)
            if not changed:
                return  # nothing new about this spelling: the name stands
            self.mark(alias, changed)
        self.choose_name(entry)

    def choose_name(self, entry: _Person) -> None:
        person = entry.row
        best = best_spelling(person, entry.aliases.values())
        if best is not None and person.name != best:
            person.name, person.folded_name = best, fold(best)
            self.mark(person, ["name", "folded_name"])

    def absorb_credited_alias(self, entry: _Person, record: CreditRecord) -> _Person:
        """`Refn - Brian (as Jang Go Star)`: the alias is this person; merge anyone under it."""
        others = [p for p in self.by_spelling.get(fold(record.credited_as), []) if p is not entry]
        if others:
            self.flush()
            for other in others:
                merge_people(
                    entry.row,
                    other.row,
                    f"credited as {record.credited_as} in {self.film} "
                    f"({self.loader.source.name}:{record.line})",
                    self.tally,
                )
            self.load()
            entry = self.people[entry.row.pk]
        self.record_alias(
            entry,
            record.credited_as,
            record.line,
            f"credited as {record.credited_as} in {self.film}",
            credited=True,
        )
        return entry

    def character_for(self, name: str) -> Character:
        folded = fold(name)
        character = self.characters.get(folded)
        if character is None:
            self.loader.learned_names |= not name.isascii()
            character = Character(name=name, folded_name=folded, **self.loader.prov(None))
            self.characters[folded] = character
            self.new_characters.append(character)
            self.tally.count("created", "Character")
        else:
            self.respell(character, name)
        return character

    def respell(self, character: Character, name: str) -> None:
        """`Céline` for a stored `Celine`: the spelling that kept its accents, whatever the
        order the documents came in (and the letters it teaches repair lost ones)."""
        if _accents(name) > _accents(character.name):
            character.name = name
            self.mark(character, ["name"])
            self.loader.learned_names = True

    def part_for(self, mine: list[Credit], name: str) -> tuple[Character, Credit | None]:
        """The character a record names, and the credit of the person's (`mine`) that plays it
        already: under this name, or under a shorter or fuller one (`Valentine`, `Valentine
        Dussaut`: one part, under the fuller name)."""
        held = [credit for credit in mine if credit.character_ref is not None]
        folded = fold(name)
        same = next((c for c in held if c.character_ref.folded_name == folded), None)
        if same is not None:
            self.respell(same.character_ref, name)
            return same.character_ref, same
        for credit in held:
            stored = credit.character_ref.name
            # The stored name is fuller (`Totò`, its nickname, is `Salvatore 'Totò' Di Vita`).
            if short_name_of(name, stored, or_last=True) or folded in nicknames(stored):
                return credit.character_ref, credit
            # This one is: the credit takes it.
            if short_name_of(stored, name, or_last=True) or (
                credit.character_ref.folded_name in nicknames(name)
            ):
                return self.character_for(name), credit
        for credit in held:
            stored = credit.character_ref.name
            if one_part(name, stored):  # `Kolja`, `Kolya`: one part
                if preferred_part(name, stored) == name:
                    return self.character_for(name), credit
                return credit.character_ref, credit
        return self.character_for(name), None

    def upsert_credit(self, entry: _Person, record: CreditRecord) -> None:
        mine = [c for c in self.credits if c.entry is entry and c.role == record.role]
        character = existing = None
        if record.character:
            # A part this document gave the person already is another part, not a shorter or
            # fuller name of this one (`Marty McFly / Marty McFly Jr.`).
            given = self.parts_given[(id(entry), record.role)]
            folded = fold(record.character)
            others = [
                c
                for c in mine
                if c.character_ref is None
                or c.character_ref.folded_name == folded
                or c.character_ref.folded_name not in given
            ]
            given.add(folded)
            character, existing = self.part_for(others, record.character)
            if existing is None and record.character != NARRATOR:
                # The part of a listed credit that names none (`Cast: Ann Lee`); a narrator's
                # is a part of its own.
                existing = next((c for c in mine if c.character_ref is None), None)
        else:
            existing = next(iter(mine), None)
        loader = self.loader
        if existing is None:
            credit = Credit(
                film=self.film,
                person=entry.row,
                role=record.role,
                character=character,
                credited_as=record.credited_as,
                note=merge_notes("", record.note),
                billing_order=record.billing_order,
                is_top_billed=record.top_billed,
                **loader.prov(record.line),
            )
            credit.entry, credit.character_ref = entry, character
            self.credits.append(credit)
            self.new_credits.append(credit)
            self.tally.count("created", "Credit")
            return
        values = {}
        if character is not None and (
            existing.character_ref is None
            or short_name_of(existing.character_ref.name, character.name, or_last=True)
            or existing.character_ref.folded_name in nicknames(character.name)
            or (  # `part_for` chose this spelling of the part: `Kolja` for `Kolya`
                character is not existing.character_ref
                and one_part(existing.character_ref.name, character.name)
            )
        ):
            values["character"] = character
        if record.credited_as and not existing.credited_as:
            values["credited_as"] = record.credited_as
        if record.note:
            values["note"] = merge_notes(existing.note, record.note)
        if record.top_billed and not existing.is_top_billed:
            values["is_top_billed"] = True
        if record.billing_order is not None:
            old_rank = SOURCE_RANK.get(existing.source.format, 0) if existing.source else -1
            if existing.billing_order is None or loader.rank > old_rank:
                values["billing_order"] = record.billing_order
                values["source"], values["source_line"] = loader.source, record.line
        changed = assign_fields(existing, values, self.tally)
        if "character" in changed:
            if existing.character_ref is not None:
                self.renamed_parts.append((existing.character_ref, character))
            existing.character_ref = character
        self.mark(existing, changed)

    def credited_people(self) -> list[tuple[str, Person, int | None]]:
        """(role, person, the document whose list gives it) of each of the film's credits,
        stored and new (`loader.merge_close_spellings`)."""
        return [(credit.role, credit.entry.row, listed_in(credit)) for credit in self.credits]

    # -- writing --------------------------------------------------------------------------

    def flush(self) -> None:
        """Write what the records created and changed: a few bulk statements."""
        if self.new_people:
            slugs = free_slugs(Person, [p.slug_base for p in self.new_people])
            for entry, slug in zip(self.new_people, slugs, strict=True):
                entry.row.slug = slug
            Person.objects.bulk_create([p.row for p in self.new_people])
            for entry in self.new_people:
                self.people[entry.row.pk] = entry
        Character.objects.bulk_create(self.new_characters)
        for character in self.new_characters:
            self.characters_by_id[character.pk] = character
        # New aliases and credits are not written to again before the picture is loaded anew:
        # plain rows, without their keys (`bulk_create` costs several times the insert).
        for alias in self.new_aliases:
            alias.person = alias.person  # the person has its key now
        insert_rows(PersonAlias, map(instance_values, self.new_aliases))
        for credit in self.new_credits:
            credit.person = credit.entry.row
            credit.character = credit.character_ref
        insert_rows(Credit, map(instance_values, self.new_credits))
        by_model: dict[type, tuple[list, set[str]]] = {}
        for obj, names in self.dirty.values():
            if "character" in names:
                obj.character = obj.character_ref  # a new character has its key now
            rows, fields = by_model.setdefault(type(obj), ([], set()))
            rows.append(obj)
            fields |= names
        for model, (rows, fields) in by_model.items():
            model.objects.bulk_update(rows, sorted(fields))
        for before, after in self.renamed_parts:
            QuoteLine.objects.filter(character=before, quote__film=self.film).update(
                character=after
            )
        self.renamed_parts = []
        self.new_people, self.new_aliases, self.new_characters, self.new_credits = [], [], [], []
        self.dirty = {}


def listed_in(credit: Credit) -> int | None:
    """The document whose list (a cast list, a cast block: a billing order) gives the credit;
    None for a credit of no list (a synopsis's `Irene (Ann Lee)`, a director's)."""
    return credit.source_id if credit.billing_order is not None else None


def written_how(name: str, other: str, suffix_alike: bool = True) -> str:
    """What parts two spellings of one name that fold alike (a merge's stored reason): `with
    other capitals`, `with its accents folded`, `with its punctuation written otherwise`."""
    if not suffix_alike:
        return "with its suffix written otherwise"
    if name.casefold() == other.casefold():
        return "with other capitals"
    if without_marks(name).casefold() == without_marks(other).casefold():
        return "with its accents folded"
    if letters_of(name) == letters_of(other):
        return "with its punctuation written otherwise"
    return "with its letters transliterated"  # `Brønd`, `Broend`


def letters_of(name: str) -> str:
    return "".join(c for c in without_marks(name).casefold() if c.isalnum())


def short_name_of(short: str, full: str, *, or_last: bool = False) -> bool:
    """Whether a character's name is the first words of another's, which adds names to it
    (`Valentine` of `Valentine Dussaut`; not `Frank` of `Frank's brother`). With `or_last`, its
    last words too (`Kirk` of `James T. Kirk`): one actor's part, where a synopsis or another
    film of the series calls it by the family name (of different actors in the series, `Milo`
    and `Radovan Milo` may be two parts)."""
    short_words, full_words = fold(short).split(), fold(full).split()
    if not short_words or len(short_words) >= len(full_words):
        return False
    count = len(short.split())
    if full_words[: len(short_words)] == short_words:
        added = full.split()[count:]
    elif or_last and full_words[-len(short_words) :] == short_words:
        added = full.split()[:-count]
    else:
        return False
    # A generation added is another person (`Marty McFly Jr.`, his son; `Michael II`).
    if all(fold(word).strip(".,") in _GENERATIONS for word in added):
        return False
    # Names, not words (`Frank's brother`); a nickname in quotes is one (`Lo 'Dark Cloud'`).
    return bool(added) and all(word.lstrip("'‘’\"“")[:1].isupper() for word in added)


def ranked_name_of(short: str, full: str) -> bool:
    """Whether a character's name is another's with a rank or a form of address before it
    (`Gordon` of `Commissioner Gordon`, `Jones` of `Dr. Jones`), or a rank and the other's
    last names, as one is addressed (`Mrs Drusse` of `Sigrid Drusse`): one actor's part in the
    films of a series, called so in one of them."""
    short_ranks, short_name = without_ranks(fold(short).split())
    full_ranks, full_name = without_ranks(fold(full).split())
    if not short_name:
        return False
    written_out = [RANKS_WRITTEN_OUT.get(rank, rank) for rank in short_ranks]
    if short_ranks != full_ranks and written_out == full_ranks:
        return short_name == full_name  # `Capt. Ed Hocken` of `Captain Ed Hocken`
    if full_ranks and not short_ranks:
        return short_name == full_name
    return (
        bool(short_ranks)
        and len(short_name) < len(full_name)
        and full_name[-len(short_name) :] == short_name
    )


# -- rules on stored people, for merges (the importer's and staff's) --------------------


def _accents(name: str) -> int:
    return sum(not c.isascii() for c in name)


def best_spelling(person: Person, aliases) -> str | None:
    """The name a person goes by: of the spellings most documents use (counting together those
    that differ only by accents: `Kieślowski` and `Kieslowski`), the one with the most letters
    outside ASCII (more was kept; an ASCII copy loses them, nobody adds them), then the one most
    documents use, then the one from the most careful format; one written in capitals (`ANN
    LEE`, a kit's) after any other, and as a name is written (`name_case`) when it is the
    only one. None when staff locked the name or no alias is a plain spelling (only `(as …)`
    aliases)."""
    spellings = [a for a in aliases if not a.is_credited_alias]
    if person.is_locked("name") or not spellings:
        return None
    # A document that writes the name twice (`NAKADAI Tatsuya`, `Nakadai Tatsuya`) counts once.
    documents_by_fold: dict[str, set[str]] = defaultdict(set)
    for alias in spellings:
        documents_by_fold[fold(alias.name)].update(alias.documents)
    best = max(
        spellings,
        key=lambda a: (
            len(documents_by_fold[fold(a.name)]),
            not is_shouted(a.name),
            _accents(a.name),
            len(a.documents),
            a.source_rank,
            a.name,
        ),
    ).name
    return name_case(best)


def choose_person_name(person: Person) -> None:
    """Store the name `best_spelling` chooses from the person's aliases as they are stored."""
    # Fresh from the database: a prefetched list on `person` may predate the new spelling.
    best = best_spelling(person, PersonAlias.objects.filter(person=person))
    if best is not None and person.name != best:
        person.name = best
        person.save(update_fields=["name", "folded_name"])


def _same_part(credit: Credit, keep: Person) -> Credit | None:
    """`keep`'s credit in the film that plays the part `credit` names more or less fully
    (`Viktor`, `Viktor Bagrov`)."""
    if credit.character_id is None:
        return None
    theirs = Credit.objects.filter(
        film=credit.film_id, person=keep, role=credit.role, character__isnull=False
    ).select_related("character", "source")
    name = credit.character.name
    return next(
        (
            twin
            for twin in theirs
            if short_name_of(name, twin.character.name)
            or short_name_of(twin.character.name, name)
            or one_part(name, twin.character.name)
        ),
        None,
    )


def _source_rank(credit: Credit) -> int:
    return SOURCE_RANK.get(credit.source.format, 0) if credit.source else -1


def merge_people(keep: Person, other: Person, reason: str, tally: Tally | None = None) -> None:
    """Move every credit and alias of `other` to `keep`, then delete `other`."""
    for credit in Credit.objects.filter(person=other).select_related("character", "source"):
        twin = (
            Credit.objects.filter(film=credit.film_id, person=keep, role=credit.role)
            .select_related("source")
            .filter(
                Q(character=credit.character_id) | Q(character__isnull=True)
                if credit.character_id
                else Q()
            )
            .first()
        ) or _same_part(credit, keep)
        if twin is None:
            credit.person = keep
            credit.save(update_fields=["person"])
            continue
        values = {}
        if credit.character_id and (
            not twin.character_id
            or short_name_of(twin.character.name, credit.character.name)
            or (
                one_part(twin.character.name, credit.character.name)
                and preferred_part(twin.character.name, credit.character.name)
                == credit.character.name
            )
        ):
            values["character_id"] = credit.character_id
        if credit.credited_as and not twin.credited_as:
            values["credited_as"] = credit.credited_as
        if credit.note and (notes := merge_notes(twin.note, credit.note)) != twin.note:
            values["note"] = notes
        if credit.is_top_billed and not twin.is_top_billed:
            values["is_top_billed"] = True
        if credit.billing_order is not None and (
            twin.billing_order is None or _source_rank(credit) > _source_rank(twin)
        ):
            # The billing the better source gives, as a document's credit takes it
            # (`CreditResolver.upsert_credit`), whichever of the two people came first.
            values["billing_order"] = credit.billing_order
            values["source_id"], values["source_line"] = credit.source_id, credit.source_line
        credit.delete()
        if values:
            Credit.objects.filter(pk=twin.pk).update(**values)
    for alias in PersonAlias.objects.filter(person=other):
        twin = PersonAlias.objects.filter(person=keep, name=alias.name).first()
        if twin is None:
            alias.person = keep
            alias.reason = reason if alias.reason in ("", "first seen") else alias.reason
            alias.save(update_fields=["person", "reason"])
        else:
            twin.documents = sorted({*twin.documents, *alias.documents})
            twin.source_rank = max(twin.source_rank, alias.source_rank)
            twin.save(update_fields=["documents", "source_rank"])
            alias.delete()
    logger.info("merged person %s into %s: %s", other.pk, keep.pk, reason)
    other.delete()
    if tally is not None:
        tally.warn(None, "people_merged", f"{other.name} merged into {keep.name}: {reason}", keep)
        tally.count("updated", "Person")
    choose_person_name(keep)
