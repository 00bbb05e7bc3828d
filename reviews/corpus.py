"""A synthetic corpus in the four source formats, for benchmarks: deterministic for a seed.

Films come in series (with press kits whose prose names the other films) and standalone; each
has a metadata dump and a review XML file, some a copied review page. One film gets a large
share of the reviews, as popular films do. Review texts are built from a pool of paragraphs
with a unique opening, so that every review is distinct.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "sen",
    "da",
    "lu",
    "vik",
    "ta",
    "ne",
    "bor",
    "il",
    "sa",
    "gu",
    "fen",
    "ma",
    "or",
    "lin",
    "tor",
    "ve",
    "ja",
    "ho",
    "pel",
    "stu",
    "an",
]
WORDS = [
    "film",
    "story",
    "camera",
    "night",
    "city",
    "light",
    "brother",
    "money",
    "debt",
    "friend",
    "father",
    "scene",
    "actor",
    "director",
    "score",
    "silence",
    "rain",
    "street",
    "police",
    "deal",
    "week",
    "life",
    "death",
    "music",
    "colour",
    "shot",
    "end",
    "tension",
    "humour",
    "violence",
    "dialogue",
    "edit",
    "pace",
    "cast",
    "ending",
    "sequel",
    "original",
    "character",
]
ROMAN = ["", " II", " III", " IV", " V"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


@dataclass
class SyntheticFilm:
    index: int
    title: str
    year: int
    series_title: str
    part: int
    director: str
    writers: list[str]
    cast: list[tuple[str, str]]
    reviews: int


def _name(rng: random.Random, parts: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(parts)
    )


def _paragraph_pool(rng: random.Random, size: int = 400) -> list[str]:
    pool = []
    for _ in range(size):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
            sentences.append(" ".join(words).capitalize() + ".")
        pool.append(" ".join(sentences))
    return pool


def plan_films(films: int, reviews: int, people: int, seed: int) -> list[SyntheticFilm]:
    rng = random.Random(seed)
    names = list({_name(rng, 2) for _ in range(people * 2)})[:people]
    characters = [_name(rng, 1) for _ in range(max(people // 4, 50))]
    weights = [rng.paretovariate(1.2) for _ in range(films)]
    weights[0] = sum(weights) / 24  # one film draws about 4 % of all reviews
    total = sum(weights)
    counts = [int(reviews * w / total) for w in weights]
    counts[0] += reviews - sum(counts)
    plan, index = [], 0
    while index < films:
        in_series = rng.random() < 0.35 and index + 1 < films
        parts = min(rng.randint(2, 4), films - index) if in_series else 1
        stem = f"{_name(rng, 1)} {rng.choice(WORDS).capitalize()}"
        year = rng.randint(1950, 2012)  # sequels up to 12 years later: none in the future
        director = rng.choice(names)
        for part in range(parts):
            title = stem + ROMAN[part] if parts > 1 else stem
            cast = [(rng.choice(names), rng.choice(characters)) for _ in range(rng.randint(6, 14))]
            plan.append(
                SyntheticFilm(
                    index=index,
                    title=title,
                    year=year + part * rng.randint(1, 4),
                    series_title=stem if parts > 1 else "",
                    part=part + 1,
                    director=director,
                    writers=[director, rng.choice(names)],
                    cast=list(dict(cast).items()),
                    reviews=counts[index],
                )
            )
            index += 1
    return plan


def _review_text(rng: random.Random, pool: list[str], serial: int) -> str:
    opening = f"Review {serial}: " + " ".join(rng.choice(WORDS) for _ in range(6)) + "."
    return "\n\n".join([opening, *rng.sample(pool, rng.randint(2, 4))])


# The last day a generated review is written on: fixed, so that the corpus stays the same.
LAST_REVIEW_DAY = date(2025, 12, 31)


def _date(rng: random.Random, year: int) -> date:
    """A day in the fifteen years after the film's release, none of them in the future."""
    first = date(year, 1, 1) + timedelta(days=30)
    span = min(365 * 15, (LAST_REVIEW_DAY - first).days)
    return first + timedelta(days=rng.randint(0, max(span, 0)))


def metadata_dump(
    film: SyntheticFilm, rng: random.Random, pool: list[str], review: tuple[str, str] | None
) -> str:
    cast_lines = "\n".join(f"{actor} - {character}" for actor, character in film.cast)
    stars = ", ".join(actor for actor, _ in film.cast[:3])
    return (
        f"A {rng.choice(WORDS)} about a {rng.choice(WORDS)} and a {rng.choice(WORDS)}.\n\n"
        f"Release Year: {film.year}\n\nDirector: {film.director}\n\nStars: {stars}\n\n"
        f"{rng.choice(pool)}\n\nWriters: {', '.join(film.writers)}\n\n{cast_lines}\n\n"
        f"Taglines: The {rng.choice(WORDS)} never ends.\n\n"
        f"Release Date: {rng.randint(1, 28)} {rng.choice(MONTHS)} {film.year}\n\n"
        f"Budget: ${rng.randint(1, 90) * 100_000:,}(estimated)\n"
        + (f"\n{review[0]}\n\n{review[1]}\n" if review else "")
    )


def review_xml(
    film: SyntheticFilm, rng: random.Random, pool: list[str], serial: int
) -> tuple[str, tuple[str, str] | None]:
    """The XML text, and the first review's (title, paragraphs): the dump repeats it, as real
    dumps repeat a review the crawler also found."""
    parts = [
        f"<movie>\n\t<title>{escape(film.title)}</title>\n"
        f"\t<link>http://www.imdb.com/title/tt{9_000_000 + film.index}/</link>\n"
        f"\t<year>{film.year}</year>\n\t<generalScore>{rng.randint(30, 95) / 100}</generalScore>\n"
    ]
    first = None
    for n in range(film.reviews):
        score = -1.0 if rng.random() < 0.15 else rng.randint(0, 10) / 10
        text = _review_text(rng, pool, serial + n)
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}"
        first = first or (title, text)
        parts.append(
            f"\t<review>\n\t\t<date>{_date(rng, film.year).isoformat()}</date>\n"
            f"\t\t<username>user{rng.randint(1, 400_000)}</username>\n"
            f"\t\t<score>{score}</score>\n"
            f"\t\t<shortDescription>{title}</shortDescription>\n"
            f"\t\t<fullReview>{escape(text.replace(chr(10) * 2, ''))}</fullReview>\n\t</review>\n"
        )
    parts.append("</movie>\n")
    return "".join(parts), first


def press_kit(film: SyntheticFilm, siblings: list[SyntheticFilm], rng: random.Random) -> str:
    named = ", ".join(f"{s.title.upper()} ({s.year})" for s in siblings)
    lead_actor, lead_character = film.cast[0]
    return (
        f"Year: {film.year}\nUSA: {_name(rng, 1)} Films\n"
        f"Cast: {', '.join(a for a, _ in film.cast)}\nDirector: {film.director}\n"
        f"Country: Denmark\nLanguage: Danish (English subtitles)\n"
        f"USA: {rng.randint(80, 140)} mins\n"
        f"UK Certificate: 15 for {rng.choice(WORDS)}\n"
        f"UK DVD Release Date: tbc ({film.series_title} Collection)\n\n\n"
        f"The director made the films of the series one after the other: {named}. Each of "
        f"them follows a minor character of the one before into the middle of a new story, "
        f"and together they form a portrait of a city that the director knows by heart.\n\n"
        f"{film.title.upper()} tells the story of {lead_character} ({lead_actor}), who must "
        f"find the money before the week is over.\n"
    )


def review_page(film: SyntheticFilm, rng: random.Random, pool: list[str], serial: int) -> str:
    count = max(film.reviews // 10, 1)
    lines = [
        f"{film.title} ({film.year}) Poster",
        "",
        "User Reviews",
        f"{count} Reviews",
        "Sort by:",
    ]
    for n in range(count):
        when = _date(rng, film.year)
        lines.append(f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}")
        lines.append(
            f"viewer{rng.randint(1, 90_000)}x{when.day} {MONTHS[when.month - 1]} {when.year}"
        )
        if rng.random() < 0.1:
            lines.append("Warning: Spoilers")
        lines.extend(_review_text(rng, pool, serial + n).split("\n\n"))
        lines.append(
            f"{rng.randint(0, 9)} out of {rng.randint(10, 20)} found this helpful. "
            "Was this review helpful? | Report this"
        )
    lines.append("An error has occured. Please try again.")
    return "\n".join(lines) + "\n"


def generate(
    output: Path, *, films: int, reviews: int, people: int = 20_000, seed: int = 42
) -> Iterator[Path]:
    """Write the corpus into `output`, yielding each file as it is written."""
    rng = random.Random(seed)
    pool = _paragraph_pool(rng)
    plan = plan_films(films, reviews, people, seed)
    output.mkdir(parents=True, exist_ok=True)
    serial = 0
    by_series: dict[str, list[SyntheticFilm]] = {}
    for film in plan:
        if film.series_title:
            by_series.setdefault(film.series_title, []).append(film)
    for film in plan:
        stem = f"{film.index:05d}"
        page_share = film.reviews // 10 if film.reviews >= 10 else 0
        xml_film = SyntheticFilm(**{**film.__dict__, "reviews": film.reviews - page_share})
        xml_text, first_review = review_xml(xml_film, rng, pool, serial)
        files = {
            f"{stem}_dump.txt": metadata_dump(film, rng, pool, first_review),
            f"{stem}_reviews.xml": xml_text,
        }
        serial += xml_film.reviews
        if page_share:
            files[f"{stem}_page.txt"] = review_page(film, rng, pool, serial)
            serial += page_share
        if film.series_title:
            files[f"{stem}_press.txt"] = press_kit(film, by_series[film.series_title], rng)
        for name, text in files.items():
            path = output / name
            path.write_text(text, encoding="utf-8")
            yield path
