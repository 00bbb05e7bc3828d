"""Resolve parsed documents against the database and write them: the only code that writes
imported data.

`load_document` runs inside the caller's transaction (in which the caller moves the data version
with `bump_data_version`). It decides which film, people, reviewers and reviews a document
speaks of, using what the database already knows, and records every merge with its reason.
Choices between sources (a film's title, a person's name, a review's paragraphs) are made from
everything stored, by fixed rules, so the order in which documents arrive does not change the
result. Fields named in a row's `locked_fields` (corrected by staff) are never written.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Replace
from django.utils import timezone
from rapidfuzz import fuzz

from .bulk import insert_rows, instance_values, keys_by, rows_where_in
from .importers.records import SOURCE_RANK, FilmDocument, MentionedFilm, ReviewRecord
from .importers.review_page import choose_author
from .models import (
    Certificate,
    Character,
    Credit,
    DataVersion,
    Distributor,
    Film,
    FilmNote,
    FilmTitle,
    MoneyFigure,
    Person,
    PersonAlias,
    Quote,
    QuoteLine,
    Release,
    Review,
    Reviewer,
    Runtime,
    Series,
    SourceDocument,
)
from .people import (
    CreditResolver,
    assign_fields,
    close_spelling_reason,
    free_slugs,
    listed_in,
    merge_people,
    names_close,
    other_orders,
    ranked_name_of,
    short_name_of,
    spelled_alike,
    spelled_otherwise,
)
from .text import (
    FOREIGN_ARTICLES,
    PART_WORDS,
    PARTS_SEPARATOR,
    SELF_PARTS,
    SUPERSCRIPT_DIGITS,
    TITLE_ARTICLES,
    UNCAST_SPEAKERS,
    called_by_nickname,
    fill_lost_letters,
    fingerprint,
    fold,
    has_lost_letter,
    letters_from_copy,
    lost_letters_pattern,
    name_forms,
    named_subtitle,
    names_a_version,
    nicknames,
    non_ascii_words,
    paragraph_count,
    redact_emails,
    repair_lost_letters,
    review_search_text,
    split_title,
    spoken_forms,
    strip_email,
    telling_subtitle,
    title_case,
    title_key,
    title_stem_and_number,
    told_subtitle,
    typeset_fractions,
    unique_slug,
    without_closing_fraction,
    written_alike,
)

logger = logging.getLogger(__name__)


def _column(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# How long a document's values may be (`DocumentLoader.fit_to_columns`). Names and titles are
# kept well inside their columns: their folded forms are stored too, and folding may lengthen
# them (`æ` -> `ae`).
NAME_LIMIT = 120
TITLE_LIMIT = 200
SERIES_NAME_LIMIT = _column(Series, "name")
SPEAKER_LIMIT = _column(QuoteLine, "speaker")
REVIEW_TITLE_LIMIT = _column(Review, "title")
# The largest count an integer column holds on every database; the least amount of money too
# large for its column.
MAX_COUNT = 2**31 - 1
# The most minutes a runtime's column holds (a small integer's, on every database).
MAX_MINUTES = 2**15 - 1
MAX_AMOUNT = Decimal(10) ** (
    MoneyFigure._meta.get_field("amount").max_digits
    - MoneyFigure._meta.get_field("amount").decimal_places
)
RECORD_LIMITS = {
    "credits": {
        "name": NAME_LIMIT,
        "character": NAME_LIMIT,
        "credited_as": NAME_LIMIT,
        "note": _column(Credit, "note"),
    },
    "releases": {
        "territory": _column(Release, "territory"),
        "date_text": _column(Release, "date_text"),
        "note": _column(Release, "note"),
    },
    "runtimes": {"territory": _column(Runtime, "territory"), "note": _column(Runtime, "note")},
    "certificates": {
        "territory": _column(Certificate, "territory"),
        "rating": _column(Certificate, "rating"),
        "reason": _column(Certificate, "reason"),
    },
    "distributors": {
        "territory": _column(Distributor, "territory"),
        "company": _column(Distributor, "company"),
    },
    "notes": {"detail": _column(FilmNote, "detail")},
    "money": {"territory": _column(MoneyFigure, "territory"), "note": _column(MoneyFigure, "note")},
    "other_titles": {"title": TITLE_LIMIT},
    "mentioned_films": {"title": TITLE_LIMIT},
}
# The length of a review's text from which a document that carries it is taken for the film
# that holds it; from which two films that carry it under titles of no common stem are one.
TELLING_REVIEW = 40
LONG_REVIEW = 200
# Documents that copy a review site, which titles a film as its country does (`The Road
# Warrior`); a film's own documents (dumps, press kits) title it as its makers do (`Mad Max 2`).
REVIEW_COPIES = {SourceDocument.Format.REVIEW_XML, SourceDocument.Format.REVIEW_PAGE}
# A letter outside ASCII, which a careless copy writes as `?`.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass
class Tally:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    warnings: list[tuple[int | None, str, str, object]] = field(default_factory=list)
    # What a warning is about when it names nothing more precise: the document's film.
    default_subject: object = None

    def count(self, kind: str, model: str, n: int = 1) -> None:
        getattr(self, kind)[model] += n

    def warn(self, line: int | None, code: str, message: str, subject=None) -> None:
        # A warning quotes what it could not place: never an e-mail address it held (a press
        # contact's), which staff would see in the admin and the run's report.
        self.warnings.append((line, code, redact_emails(message)[0], subject))

    def totals(self) -> dict[str, int]:
        return {
            "created": sum(self.created.values()),
            "updated": sum(self.updated.values()),
            "unchanged": sum(self.unchanged.values()),
        }


def _set_fields(obj, values: dict, tally: Tally) -> bool:
    """Write the values that differ and are not locked; count the row updated/unchanged."""
    changed = assign_fields(obj, values, tally)
    if changed:
        obj.save(update_fields=changed)
    return bool(changed)


# Where a paragraph's sentences part: after a full stop, before the next one's capital.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(]?[A-Z])")


class DocumentLoader:
    def __init__(self, doc: FilmDocument, source: SourceDocument, *, defer_counts: bool = False):
        self.doc = doc
        self.source = source
        # A bulk load counts every film's and reviewer's reviews once, at its end
        # (`refresh_all_review_counts`), not after each document.
        self.defer_counts = defer_counts
        self.rank = SOURCE_RANK.get(doc.format, 0)
        self.source_ranks: dict[int | None, int] = {}  # a stored fact's source's rank, by key
        self.tally = Tally()
        # Whether the film's reviews changed: only then are its aggregates recomputed (a merge
        # of films recomputes them itself).
        self.reviews_changed = False
        self.touched_series: set[int] = set()
        # Set when this document adds a name with letters outside ASCII: only then can reviews
        # stored earlier with letters lost as `?` be repaired.
        self.learned_names = False
        # Set when a provisional film was merged into this document's: its credits joined the
        # film's, and may repeat a person under a close spelling.
        self.merged_films = False
        # Set when this document created its film: the film has no rows of its own to read yet.
        self.film_is_new = False

    @property
    def review_prints(self) -> list[str]:
        """The fingerprint of each review record of the first batch (all of them, unless the
        document is read as a stream) long enough to tell a film by, in order: `Great film.`
        may be written of any film."""
        return [r.fingerprint for r in self.doc.reviews if len(r.body) >= TELLING_REVIEW]

    @cached_property
    def known_words(self) -> set[str]:
        """Name words with letters outside ASCII, read once for all of a document's batches
        (its own names are stored before its reviews)."""
        return known_name_words()

    def prov(self, line: int | None) -> dict:
        return {"source": self.source, "source_line": line}

    # -- films --------------------------------------------------------------------------

    def load(self) -> Tally:
        for warning in self.doc.warnings:
            self.tally.warn(warning.line, warning.code, warning.message)
        read_warnings = len(self.doc.warnings)
        self.redact_film_texts()
        self.fit_to_columns()
        film = self.resolve_film()
        self.tally.default_subject = film
        self.load_film_facts(film)
        self.load_series(film)
        self.load_credits(film)
        self.load_quotes(film)
        self.load_reviews(film)
        # What the parser found while the rest of a streamed document was read.
        for warning in self.doc.warnings[read_warnings:]:
            self.tally.warn(warning.line, warning.code, warning.message)
        if self.merged_films and film.series_id:  # the merged film's characters join the series'
            self.touched_series.add(film.series_id)
        self.join_title_less_films_to_series()
        self.consolidate_characters()
        if self.learned_names:
            repair_stored_lost_letters(self.tally)
        if self.reviews_changed and not self.defer_counts:
            refresh_film_aggregates(film.pk)
        return self.tally

    def redact_film_texts(self) -> None:
        """No e-mail address in what a film's page shows either (a press contact in a kit's
        synopsis, an address in a trivia line): each is replaced, with a warning. (A review's
        text is redacted as it is prepared.)"""
        doc = self.doc
        removed: list[tuple[int | None, str]] = []
        for name in ("logline", "plot", "synopsis"):
            text, found = redact_emails(getattr(doc, name))
            if found:
                setattr(doc, name, text)
                removed.append((None, name))
        contacts = []
        for i, note in enumerate(doc.notes):
            (text, in_text), (detail, in_detail) = map(redact_emails, (note.text, note.detail))
            if in_text and note.kind == "press":
                # A kit's sentences that give an address are its press contact, no fact of the
                # film: left out, as a warning; the paragraph's other sentences stay.
                sentences = [(s, *redact_emails(s)) for s in _SENTENCE_BREAK.split(note.text)]
                kept = " ".join(s for s, _, found in sentences if not found)
                if kept and kept != note.text:
                    doc.notes[i] = replace(note, text=kept)
                else:
                    contacts.append(i)
                left_out = " ".join(redacted for _, redacted, found in sentences if found)
                self.tally.warn(
                    note.line,
                    "press_contact",
                    f"a press contact was left out (its e-mail address removed): "
                    f"{(left_out if kept else text)[:200]!r}",
                )
            elif in_text or in_detail:
                doc.notes[i] = replace(note, text=text, detail=detail)
                removed.append((note.line, note.kind))
        doc.notes = [note for i, note in enumerate(doc.notes) if i not in contacts]
        for i, quote in enumerate(doc.quotes):
            lines = tuple((speaker, redact_emails(text)[0]) for speaker, text in quote.lines)
            if lines != quote.lines:
                doc.quotes[i] = replace(quote, lines=lines)
                removed.append((quote.line, "quote"))
        for line, label in removed:
            self.tally.warn(
                line, "email_removed", f"an e-mail address was removed from the {label}"
            )

    def fit_to_columns(self) -> None:
        """Values longer than their columns are cut, with a warning: PostgreSQL refuses a value
        too long (and with it the whole file), SQLite would keep it whole."""
        doc = self.doc
        doc.title = self.fitted(doc.title, TITLE_LIMIT, doc.title_line, "title")
        doc.series_name = self.fitted(doc.series_name, SERIES_NAME_LIMIT, None, "series name")
        for collection, limits in RECORD_LIMITS.items():
            records = getattr(doc, collection)
            for i, record in enumerate(records):
                fitted = {
                    name: self.fitted(getattr(record, name), limit, record.line, name)
                    for name, limit in limits.items()
                }
                if any(fitted[name] != getattr(record, name) for name in fitted):
                    records[i] = replace(record, **fitted)
        for money in [m for m in doc.money if abs(m.amount) >= MAX_AMOUNT]:
            doc.money.remove(money)
            self.tally.warn(
                money.line, "value_cut", f"{money.kind} of {money.amount:,.0f}: too large, left out"
            )
        for runtime in [r for r in doc.runtimes if r.minutes > MAX_MINUTES]:
            doc.runtimes.remove(runtime)
            self.tally.warn(
                runtime.line, "value_cut", f"a runtime of {runtime.minutes:,} minutes: left out"
            )
        for i, quote in enumerate(doc.quotes):
            lines = tuple(
                (self.fitted(speaker, SPEAKER_LIMIT, quote.line, "speaker"), text)
                for speaker, text in quote.lines
            )
            if lines != quote.lines:
                doc.quotes[i] = replace(quote, lines=lines)

    def fitted(self, value: str, limit: int, line: int | None, label: str) -> str:
        if len(value) <= limit:
            return value
        self.tally.warn(
            line, "value_cut", f"a {label} of {len(value):,} characters was cut to {limit:,}"
        )
        return value[: limit - 1].rstrip() + "…"

    def resolve_film(self) -> Film:
        doc = self.doc
        film = None
        reason = ""
        self.repair_lost_letters_of_title()
        if doc.imdb_id:
            film = Film.objects.filter(imdb_id=doc.imdb_id).first()
            reason = f"same IMDb id {doc.imdb_id}"
        if film is None and doc.title:
            film = find_film_by_title(doc.title, doc.year)
            reason = f"same title {doc.title!r} and year {doc.year}"
            if film is not None and None not in (film.year, doc.year) and film.year != doc.year:
                reason = f"same title {doc.title!r}, {film.year} for {doc.year}"
        if film is None and doc.title:
            film, how = find_film_by_title_written_otherwise(doc.title, doc.year)
            reason = f"title {doc.title!r}, {TITLE_WRITTEN.get(how)}, and year {doc.year}"
        if film is None and doc.other_titles:
            film, reason = self.find_film_by_other_titles()
        # A review both documents carry is stronger evidence than shared people: a director
        # may shoot two films in a year with much the same cast.
        if film is None:
            film, reason = self.find_film_by_reviews()
        if film is None:
            film, reason = self.find_film_by_people()
        if film is None:
            film, reason = self.find_film_by_series()
        if film is None:
            film = self.create_film()
            self.film_is_new = True
            if (
                doc.title
                and doc.year is None
                and (films_titled := films_of_title(doc.title, exclude=film.pk))
            ):
                self.tally.warn(
                    doc.title_line,
                    "ambiguous_film",
                    f"no year to tell which film of this title it is ("
                    f"{', '.join(str(f) for f in films_titled)}): a film of its own, for staff "
                    "to merge",
                    film,
                )
        else:
            self.tally.warn(doc.title_line, "film_matched", f"joined {film} by {reason}")
            self.tally.count("unchanged", "Film")
        self.absorb_films_titled_with_lost_letters(film)
        # A film no document has titled yet is titled by this one, if it has a title (a kit
        # that joins a title-less dump's film by the English title the dump gives it).
        if doc.title or not film.title_is_provisional:
            self.absorb_provisional_films(film)
            self.absorb_films_titled_otherwise(film)
        return film

    def repair_lost_letters_of_title(self) -> None:
        """A title with letters lost as `?` (`Am?lie`) is the only title of a film of its year
        that it may be (`Amélie`): it is read so, as a name with lost letters is."""
        doc = self.doc
        if not doc.title or doc.year is None or not has_lost_letter(doc.title):
            return
        pattern = lost_letters_pattern(doc.title)
        known = FilmTitle.objects.filter(film__year=doc.year).values_list("title", flat=True)
        spelled = {fill_lost_letters(doc.title, t) for t in known if pattern.fullmatch(t)}
        if len(spelled) == 1:
            [repaired] = spelled
            self.tally.warn(doc.title_line, "letter_repaired", f"title: {doc.title} -> {repaired}")
            doc.title = repaired
            return
        # Kept: a document that spells it whole may come later and repair it.
        self.tally.warn(
            doc.title_line,
            "lost_letters",
            f"title: {doc.title} kept as written: "
            + (
                f"it may be {' or '.join(sorted(spelled))}" if spelled else "no known title matches"
            ),
        )

    def absorb_films_titled_with_lost_letters(self, film: Film) -> None:
        """Titles stored with letters lost as `?` (a review file's `Am?lie`, read before any
        other document of its film) that this document's title spells whole (`Amélie`) are
        that title, or one of its other titles (`Le fabuleux destin d'Amélie Poulain`, also
        known as `Amélie`): their films, of the same year, are this film."""
        doc = self.doc
        titles = [
            clean_title(title)
            for title in (doc.title, *(other.title for other in doc.other_titles))
            if title and not title.isascii()
        ]
        if doc.year is None or not titles:
            return
        lost = []
        for row in FilmTitle.objects.filter(film__year=doc.year, title__contains="?"):
            if not has_lost_letter(row.title):
                continue
            pattern = lost_letters_pattern(row.title)
            fills = {
                fill_lost_letters(row.title, title) for title in titles if pattern.fullmatch(title)
            }
            if len(fills) == 1:  # two titles it may be: left for an editor
                lost.append((row, fills.pop()))
        for row, repaired in lost:
            if row.film_id != film.pk:
                other = Film.objects.get(pk=row.film_id)
                merge_films(film, other, refresh_counts=not self.defer_counts)
                self.merged_films = True
                self.film_is_new = False
                self.tally.warn(
                    doc.title_line, "films_merged", f"{other.title} is {film}: letters lost"
                )
                self.tally.count("updated", "Film")
            self.tally.warn(doc.title_line, "letter_repaired", f"title: {row.title} -> {repaired}")
            stored = FilmTitle.objects.filter(pk=row.pk).first()  # this film's now
            if stored is None:  # a title the merge found twice
                continue
            if FilmTitle.objects.filter(film=film, title=repaired).exists():
                stored.delete()
            else:
                stored.title = repaired
                stored.save(update_fields=["title"])
        if lost:
            film.refresh_from_db()
            choose_film_title(film)

    def absorb_provisional_films(self, film: Film) -> None:
        """A title-less document that came first made a provisional film; this document names
        it (same year, director and cast): the two are one film."""
        doc = self.doc
        if not (doc.credits or doc.reviews):  # nothing to know one by
            return
        provisional = Film.objects.filter(title_is_provisional=True).exclude(pk=film.pk)
        if doc.year:  # the searches below look at films of the document's year (or of none)
            provisional = provisional.filter(Q(year=doc.year) | Q(year__isnull=True))
        # Mostly none is left (after a merge, too): one cheap query, not the searches below.
        while provisional.exists():
            other, reason = self.find_film_by_reviews(provisional_only=True, exclude=film.pk)
            if other is None:
                other, reason = self.find_film_by_people(provisional_only=True, exclude=film.pk)
            if other is None:
                return
            merge_films(film, other, refresh_counts=not self.defer_counts)
            self.merged_films = True
            self.film_is_new = False  # it holds the merged film's rows now
            self.tally.warn(
                self.doc.title_line, "films_merged", f"{other.title} is {film}: {reason}"
            )
            self.tally.count("updated", "Film")

    def absorb_films_titled_otherwise(self, film: Film) -> None:
        """The same director and cast in a film of the year titled in another language
        (`Festen`, `The Celebration`), where one of the two is titled by review pages or XML
        alone: this document says they are one film (`titled_otherwise_too`). So does a review
        this document carries, held by a film of the year under a title of another stem."""
        if self.doc.year is None:
            return
        while True:
            # A film of the year known by one of this document's other titles (a dump's `Also
            # Known As: The Road Warrior`, a review file's film) is this film; so is one known
            # by its title with the subtitle swapped (`Dead Man's Chest: Pirates of the…`).
            other, reason = self.find_film_by_other_titles(exclude=film.pk)
            if other is None and self.doc.title:
                other, how = find_film_by_subtitle(self.doc.title, self.doc.year, film.pk)
                reason = TITLE_WRITTEN.get(how, "")
            if other is None and not (self.doc.credits or self.doc.reviews):
                return
            if other is None:
                other, reason = self.find_film_by_reviews(exclude=film.pk, titled_otherwise=film)
            if other is None and self.doc.credits:
                other, reason = self.find_film_by_people(exclude=film.pk, titled_otherwise=film)
            if other is None:
                return
            merge_films(film, other, refresh_counts=not self.defer_counts)  # titles it too
            self.merged_films = True
            self.film_is_new = False
            self.tally.warn(
                self.doc.title_line, "films_merged", f"{other.title} is {film}: {reason}"
            )
            self.tally.count("updated", "Film")

    def find_film_by_other_titles(self, exclude: int | None = None) -> tuple[Film | None, str]:
        """The film of the year known by one of the document's other titles (a dump's `Also
        Known As: The Celebration` is the page's `The Celebration (1998)`), unless another
        director is credited with it: `Blue` is one title of Three Colours: Blue and the whole
        title of another film of 1993."""
        doc = self.doc
        if doc.year is None:
            return None, ""
        directors = self.credited_names["director"]
        for other in doc.other_titles:
            film = find_film_by_title(other.title, doc.year, exclude=exclude)
            if film is None:
                # Or spelled a little otherwise (`Kolya`, the review file's `Kolja`), or with
                # words put before it (`Cinema Paradiso`, the review file's `Nuovo Cinema
                # Paradiso`).
                film, how = find_film_by_title_written_otherwise(other.title, doc.year, exclude)
                film = film if how in ("close", "within") else None
            if film is None or film.year != doc.year:
                continue
            theirs = set(
                PersonAlias.objects.filter(
                    person__credits__film=film, person__credits__role=Credit.Role.DIRECTOR
                ).values_list("folded", flat=True)
            )
            if directors and theirs and not spellings_of(theirs, directors):
                continue
            return film, f"its other title {other.title!r} and year {doc.year}"
        return None, ""

    def find_film_by_people(
        self,
        *,
        provisional_only: bool = False,
        exclude: int | None = None,
        titled_otherwise: Film | None = None,
    ) -> tuple[Film | None, str]:
        """A document without a (matching) title joins the film of the same year with the same
        director and cast. With `titled_otherwise`: a film of the same director and cast known
        by titles that are not this film's in another form (`titled_otherwise_too`)."""
        doc = self.doc
        if doc.year is None or not doc.credits:
            return None, ""
        names = {fold(c.name) for c in doc.credits}
        cast_names, directors = self.credited_names["cast"], self.credited_names["director"]
        # Only a film that credits one of these names can share enough of them; when none
        # does, a film whose director's name is a close spelling of this one's (every name
        # transliterated otherwise: `Alexei Balabanov`, `Sergey Bodrov Jr.`).
        of_the_year = Film.objects.filter(year=doc.year).exclude(pk=exclude)
        if provisional_only:
            of_the_year = of_the_year.filter(title_is_provisional=True)
        credited = Credit.objects.filter(person__aliases__folded__in=names).values("film_id")
        films = list(of_the_year.filter(pk__in=credited).order_by("year", "title", "pk"))
        if not films and directors and titled_otherwise is None:
            directed = Credit.objects.filter(
                film__in=of_the_year, role=Credit.Role.DIRECTOR
            ).values_list("film_id", "person__aliases__folded")
            close = {
                film_id
                for film_id, folded in directed.order_by()
                if folded and spellings_of({folded}, directors)
            }
            films = list(of_the_year.filter(pk__in=close).order_by("year", "title", "pk"))
        if not films:
            return None, ""
        weak: set[int] = set()
        if titled_otherwise is not None:  # its titles too, and which films reviews alone titled
            titles = titles_of([*films, titled_otherwise])
            weak = titled_by_reviews_only(list(titles))
        else:
            titles = titles_of(films) if doc.title else {}
        # The candidates' directors and cast, each credit with every spelling of its person:
        # plain values in one query, not credits, people and aliases made into models.
        spellings: dict[int, dict[tuple[str, int], set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        credited = Credit.objects.filter(
            film__in=[film.pk for film in films], role__in=("director", "cast")
        ).values_list("film_id", "role", "person_id", "person__aliases__folded")
        for film_id, role, person_id, folded in credited.order_by():
            entry = spellings[film_id][role, person_id]
            if folded is not None:
                entry.add(folded)
        best, best_score, best_reason = None, 0, ""
        for film in films:
            if titled_otherwise is not None:
                if film.title_is_provisional or not titled_otherwise_too(
                    titles[titled_otherwise.pk],
                    titles[film.pk],
                    weak & {film.pk, titled_otherwise.pk},
                ):
                    continue
            elif (
                doc.title
                and not film.title_is_provisional
                and not titles_agree(doc.title, titles[film.pk])
            ):
                continue
            shared_directors, shared_cast, film_cast = set(), set(), {}
            film_directed = False
            for (role, person_id), folded in spellings[film.pk].items():
                if role == "director":
                    film_directed = True
                    shared_directors |= spellings_of(folded, directors)
                elif role == "cast":
                    film_cast[person_id] = folded
                    shared_cast |= folded & names
            if directors and film_directed and not shared_directors:
                continue  # another director: another film, though its cast be the same
            # Much of the smaller cast list must be shared: a sequel shot the same year by the
            # same director shares a few actors by chance, the same film shares most of them.
            needed = max(2, 0.4 * (min(len(cast_names), len(film_cast)) or 1))
            if shared_directors and len(shared_cast) < needed:  # transliterated otherwise?
                for folded in film_cast.values():
                    shared_cast |= spellings_of(folded, cast_names)
            score = 3 * len(shared_directors) + len(shared_cast)
            enough = len(shared_cast) >= needed and (shared_directors or len(shared_cast) >= 3)
            shared = f"{len(shared_cast)} shared cast member(s)"
            if shared_directors and not enough and (voiced := self.voiced_parts_shared(film)):
                # An animated film's voices in another language (its English version): the
                # same director, the same parts, other actors.
                enough, score = True, 3 * len(shared_directors) + voiced
                shared = f"{voiced} shared part(s) voiced in another version"
            if enough and score > best_score:
                best, best_score = film, score
                best_reason = (
                    f"year {doc.year}, {len(shared_directors)} shared director(s) and {shared}"
                )
        return best, best_reason

    def voiced_parts_shared(self, film: Film) -> int:
        """How many parts of its voice cast the document shares with the film's (`Haku`, and
        `Haku` in the English version), when they are much of the smaller list of parts; else
        0."""
        doc_parts = {
            fold(part)
            for c in self.doc.credits
            if c.role == Credit.Role.CAST and c.character and "voice" in c.note
            for part in PARTS_SEPARATOR.split(c.character)
        }
        if not doc_parts:
            return 0
        film_parts = set(
            film.credits.filter(role=Credit.Role.CAST, note__contains="voice")
            .exclude(character=None)
            .values_list("character__folded_name", flat=True)
        )
        shared = doc_parts & film_parts
        needed = max(2, 0.4 * min(len(doc_parts), len(film_parts)))
        return len(shared) if len(shared) >= needed else 0

    @cached_property
    def credited_names(self) -> dict[str, set[str]]:
        """The folded names of the document's directors and of its cast."""
        names: dict[str, set[str]] = {"director": set(), "cast": set()}
        for credit in self.doc.credits:
            if credit.role in names:
                names[credit.role].add(fold(credit.name))
        return names

    def find_film_by_series(self) -> tuple[Film | None, str]:
        """A film a press kit's prose named as part of a series, known by its title alone (no
        credits yet), is the film of a title-less document of its year whose director, and one
        of whose actors, the series' other films credit; or, of a director of its own, three of
        whose actors they credit (`SERIES_CAST`)."""
        doc, names = self.doc, self.credited_names
        if doc.title or doc.year is None or not names["director"] or not names["cast"]:
            return None, ""
        # Rare, and looked for by every title-less document that matched nothing else: the
        # candidates' series and their films in one plain statement, not two ORM queries.
        candidates: dict[int, int] = {}  # film: its series
        by_series: dict[int, list[int]] = defaultdict(list)
        with connection.cursor() as cursor:
            cursor.execute(_UNCREDITED_SERIES_FILMS, [doc.year, doc.year])
            for film_id, series_id, candidate in cursor.fetchall():
                by_series[series_id].append(film_id)
                if candidate:
                    candidates[film_id] = series_id
        if not candidates:
            return None, ""
        spellings = credited_spellings([f for films in by_series.values() for f in films])
        # An actor in the part they play in another film of the series (`Harrison Ford as
        # Rick Deckard`): the series' hero, whatever its other films' directors.
        played = self.doc_parts()
        parts = parts_of([f for films in by_series.values() for f in films]) if played else {}
        matched = {}
        for film_id, series_id in candidates.items():
            others = [spellings[f] for f in by_series[series_id] if f != film_id]
            if shares_director_and_cast(names, others):
                matched[film_id] = "director and cast"
            elif (actors := len(cast_credited(names, others))) >= SERIES_CAST:
                matched[film_id] = f"cast ({actors} actors)"
            elif played and (
                shared := played.keys()
                & set().union(*(parts[f] for f in by_series[series_id] if f != film_id))
            ):
                matched[film_id] = f"actor in the same part ({played[min(shared)]})"
        if len(matched) != 1:  # none, or no telling which
            return None, ""
        [(film_id, shared)] = matched.items()
        return Film.objects.get(pk=film_id), (
            f"year {doc.year}, known only by its title in a series whose films share its {shared}"
        )

    def doc_parts(self) -> dict[tuple[str, str], str]:
        """The document's actors in their parts, folded (`parts_of`), to how it writes them."""
        return {
            (fold(c.name), fold(c.character)): f"{c.name} as {c.character}"
            for c in self.doc.credits
            if c.role == Credit.Role.CAST and c.character
        }

    def find_film_by_reviews(
        self,
        *,
        provisional_only: bool = False,
        exclude: int | None = None,
        titled_otherwise: Film | None = None,
    ) -> tuple[Film | None, str]:
        """The film of the first stored review (by key) that this document carries too. With
        `titled_otherwise`: another film of the year with that review, whose titles share no
        stem with that film's (the same film, titled in another language)."""
        # Under titles that differ, only a long text in common says it is one film: a line
        # such as `Great film.` may be written of two.
        long_prints = {r.fingerprint for r in self.doc.reviews if len(r.body) >= LONG_REVIEW}
        prints = self.review_prints if titled_otherwise is None else list(long_prints)
        # The reviews carrying these texts (a few films' at most), then which films qualify.
        shared = rows_where_in(Review, "fingerprint", prints, ["pk", "film", "fingerprint"])
        if titled_otherwise is not None:  # (its caller makes sure the document has a year)
            shared = [(pk, f, p) for pk, f, p in shared if f != titled_otherwise.pk]
        if not shared:
            return None, ""
        films = Film.objects.filter(pk__in={f for _, f, _ in shared}).exclude(pk=exclude)
        if provisional_only:
            films = films.filter(title_is_provisional=True)
        year = self.doc.year
        if year:  # sources disagree by a year (a festival, a country's release)
            films = films.filter(Q(year__range=(year - 1, year + 1)) | Q(year__isnull=True))
        found = films.in_bulk()

        def years_apart(film: Film) -> int:
            return abs(film.year - year) if year and film.year else 0

        # Of the same year first, then of the first stored review.
        nearest = [(years_apart(found[f]), pk, f) for pk, f, _ in shared if f in found]
        film = found[min(nearest)[2]] if nearest else None
        if film is None:
            return None, ""
        if titled_otherwise is not None:
            titles = titles_of([film, titled_otherwise])
            mine, theirs = titles[titled_otherwise.pk], titles[film.pk]
            if titles_share_a_stem(theirs, mine) and not any(
                titles_agree(title, mine) for title in theirs
            ):
                return None, ""  # parts of one story (`Night Story`, `Night Story 2`)
        elif self.doc.title and not film.title_is_provisional:
            # The same long text under another title is the film titled in another language
            # (`Brat`, `Brother`); under a title of the same stem, another part of it.
            known = titles_of([film])[film.pk]
            if not titles_agree(self.doc.title, known) and (
                titles_share_a_stem([self.doc.title], known)
                or not any(f == film.pk and p in long_prints for _, f, p in shared)
            ):
                return None, ""
        return film, "a review both documents carry"

    def create_film(self) -> Film:
        doc = self.doc
        if doc.title:
            title, provisional = clean_title(doc.title), False
        else:
            directors = [c.name for c in doc.credits if c.role == "director"]
            title = "Untitled film"
            if doc.year:
                title += f" of {doc.year}"
            if directors:
                title += f" by {directors[0]}"
            provisional = True
            if doc.other_titles:  # shown under the best of them (`choose_film_title`)
                others = ", ".join(repr(other.title) for other in doc.other_titles)
                said = f"shown under its other titles ({others}) until a document gives one"
            else:
                said = f"named {title!r}"
            self.tally.warn(1, "provisional_title", f"no title in the document: {said}")
        film = Film.objects.create(
            title=title,
            title_is_provisional=provisional,
            year=doc.year,
            slug=film_slug(title, doc.year),
            **self.prov(doc.title_line or 1),
        )
        self.tally.count("created", "Film")
        return film

    def load_film_facts(self, film: Film) -> None:
        doc = self.doc
        if doc.title and self.film_is_new:
            self.add_first_title(film, doc.title_line)
        elif doc.title:
            self.add_title(film, doc.title, doc.title_line)
        for other in doc.other_titles:
            self.add_title(film, other.title, other.line, kind=other.kind)
        values = {}
        for name in ("year", "logline", "plot", "synopsis", "imdb_id", "imdb_rating"):
            new = getattr(doc, name)
            if new in (None, ""):
                continue
            old = getattr(film, name)
            if old in (None, ""):
                values[name] = new
            elif name == "year" and abs(old - new) == 1 and not film.is_locked(name):
                # A year off by one joined the film (`find_film_by_title`): the earlier year,
                # whichever document came first.
                values[name] = min(old, new)
                self.tally.warn(
                    None, "conflict", f"{film}: year {new} and {old} given; took {min(old, new)}"
                )
            elif old != new and not film.is_locked(name) and name in ORDER_FREE:
                # Two documents give it otherwise: one rule keeps one, whichever came first.
                kept = order_free_choice(name, old, new)
                if kept != old:
                    values[name] = kept
                self.tally.warn(
                    None,
                    "conflict",
                    f"{film}: {name} {new!r} differs from {old!r}; kept {ORDER_FREE[name]}",
                )
            elif old != new and not film.is_locked(name):
                self.tally.warn(
                    None,
                    "conflict",
                    f"{film}: {name} {new!r} differs from the stored {old!r}; kept the stored one",
                )
        year_before = film.year
        if values:
            _set_fields(film, values, self.tally)
        if film.year != year_before and not self.film_is_new and not film.is_locked("slug"):
            film.slug = free_film_slug(film)  # the slug follows the year, as it does the title
            film.save(update_fields=["slug"])
        if (doc.title and not self.film_is_new) or doc.other_titles:
            choose_film_title(film)
        # The film's releases, read once: for the releases told otherwise, and to upsert.
        releases = [] if self.film_is_new or not doc.releases else list(film.releases.all())
        self.upsert_all(
            Release,
            film,
            [
                (
                    {
                        "territory": r.territory,
                        "medium": r.medium,
                        "date_text": r.date_text,
                        "note": r.note,
                    },
                    {"date": r.date},
                    r.line,
                )
                for r in self.releases_told_otherwise(doc.releases, releases)
            ],
            stored_rows=releases,
        )
        self.upsert_all(
            Runtime,
            film,
            [
                ({"territory": r.territory, "note": r.note}, {"minutes": r.minutes}, r.line)
                for r in doc.runtimes
            ],
        )
        self.upsert_all(
            Certificate,
            film,
            [
                ({"territory": r.territory}, {"rating": r.rating, "reason": r.reason}, r.line)
                for r in doc.certificates
            ],
        )
        self.upsert_all(
            Distributor,
            film,
            [
                ({"territory": r.territory, "company": r.company}, {}, r.line)
                for r in doc.distributors
            ],
        )
        self.upsert_all(
            FilmNote,
            film,
            [
                (
                    {"kind": r.kind, "text": r.text},
                    {"detail": r.detail, "position": position},
                    r.line,
                )
                for position, r in enumerate(doc.notes)
            ],
            fill_only=True,
        )
        self.upsert_all(
            MoneyFigure,
            film,
            [
                (
                    {
                        "kind": r.kind,
                        "territory": r.territory,
                        "currency": r.currency,
                        "amount": r.amount,
                    },
                    {"date": r.date, "is_estimate": r.is_estimate, "note": r.note},
                    r.line,
                )
                for r in doc.money
            ],
        )

    def releases_told_otherwise(self, releases: list, stored_releases: list[Release]) -> list:
        """The document's releases less those the film has already, told otherwise: one of the
        same territory, medium and day, its date written otherwise, or with a note where the
        other has none (a dump's `8 March 1996 (USA)`, a kit's `USA Release Date: 8 March 1996
        (Limited Release)`). The one release keeps the note, and the date as the release with
        the note writes it (as the first in the alphabet when neither has one), whichever
        document came first."""
        releases = releases_once(releases)
        if not stored_releases or all(r.date is None for r in releases):
            return releases
        stored = defaultdict(list)
        for release in stored_releases:
            if release.date is not None:
                stored[release.territory, release.medium, release.date].append(release)
        kept = []
        for record in releases:
            same_day = stored.get((record.territory, record.medium, record.date), [])
            match = next(
                (r for r in same_day if not r.note or not record.note or r.note == record.note),
                None,
            )
            if match is None:  # a release of its own (or with no day to tell it by)
                kept.append(record)
                continue
            values = {}
            if record.note and not match.note:
                values = {"note": record.note, "date_text": record.date_text}
            elif not record.note and not match.note:
                values = {"date_text": min(match.date_text, record.date_text)}
            fields = assign_fields(match, values, self.tally)
            if fields:
                match.save(update_fields=sorted(fields))
        return kept

    def upsert_all(
        self, model, film: Film, rows, fill_only: bool = False, stored_rows: list | None = None
    ) -> None:
        """Rows of one of the film's fact tables: `(key, values, line)` each, the key naming a
        row together with the film. One query reads the film's rows (none when the caller read
        them: `stored_rows`); new ones are created and changed ones updated in bulk.
        `fill_only`: a stored value is never replaced, only an empty one filled."""
        if not rows:
            return
        if stored_rows is None:
            stored_rows = [] if self.film_is_new else model.objects.filter(film=film)
        key_names = list(rows[0][0])
        stored = {tuple(getattr(obj, name) for name in key_names): obj for obj in stored_rows}
        new, changed = [], {}
        for key, values, line in rows:
            obj = stored.get(tuple(key.values()))
            if obj is None:
                obj = model(film=film, **key, **values, **self.prov(line))
                stored[tuple(key.values())] = obj
                new.append(obj)
                self.tally.count("created", model.__name__)
                continue
            if fill_only:
                values = {k: v for k, v in values.items() if getattr(obj, k) in (None, "")}
            else:
                values = self.winning_values(obj, key, values, line)
            fields = assign_fields(obj, values, self.tally)
            if fields and obj.pk is not None:
                changed.setdefault(obj.pk, (obj, set()))[1].update(fields)
        insert_rows(model, map(instance_values, new))  # their keys are not needed
        if changed:
            fields = sorted(set().union(*(names for _, names in changed.values())))
            model.objects.bulk_update([obj for obj, _ in changed.values()], fields)

    def winning_values(self, obj, key: dict, values: dict, line: int | None) -> dict:
        """The values a document gives a fact the film has: an empty one filled; where both
        give one and they differ (a kit's runtime of 142 minutes, a dump's 143), those of the
        document that ranks higher (`SOURCE_RANK`; of two alike, the greater), which becomes
        the fact's source, whichever came first; the others told in a warning."""
        empty = (None, "")
        mine = {k: v for k, v in values.items() if v not in empty}
        filled = {k: v for k, v in mine.items() if getattr(obj, k) in empty}
        differ = {k: v for k, v in mine.items() if k not in filled and getattr(obj, k) != v}
        if not differ:
            return filled
        stored = {k: getattr(obj, k) for k in differ}
        if obj.source_id not in self.source_ranks:
            fmt = SourceDocument.objects.filter(pk=obj.source_id).values_list("format", flat=True)
            self.source_ranks[obj.source_id] = SOURCE_RANK.get(fmt.first(), -1)
        ours = (self.rank, [differ[k] for k in sorted(differ)])
        what = ", ".join(str(v) for v in key.values() if v not in empty)
        label = f"{obj._meta.verbose_name}{f' ({what})' if what else ''}"

        def told(given: dict) -> str:
            return ", ".join(f"{name} {value}" for name, value in given.items())

        if ours > (self.source_ranks[obj.source_id], [stored[k] for k in sorted(stored)]):
            filled |= differ | {"source_id": self.source.pk, "source_line": line}
            said = f"{told(differ)} replaces {told(stored)}, an earlier document's"
        else:
            said = f"{told(differ)} left for {told(stored)}, an earlier document's"
        self.tally.warn(line, "fact_differs", f"{label}: {said}")
        return filled

    def add_first_title(self, film: Film, line: int | None) -> None:
        """The title a film was just created with is its first: nothing to look up, nor to
        choose from."""
        FilmTitle.objects.create(film=film, title=film.title, **self.prov(line))
        self.tally.count("created", "FilmTitle")

    def add_title(
        self, film: Film, title: str, line: int | None, kind: str = FilmTitle.Kind.TITLE
    ) -> None:
        """A title the document gives the film; a title given before as an alternative becomes
        the film's own when this document gives it so (`FilmTitle.Kind`, in precedence)."""
        title = clean_title(title)
        obj = FilmTitle.objects.filter(film=film, title=title).first()
        if obj is None:
            FilmTitle.objects.create(film=film, title=title, kind=kind, **self.prov(line))
            self.tally.count("created", "FilmTitle")
            # The same title in other capitals (a kit's `EL LABERINTO DEL FAUNO`, a review
            # file's `El laberinto del fauno`) is this one.
            one_title_per_spelling(film)
            return
        if kind == FilmTitle.Kind.ORIGINAL and not obj.is_original:
            _set_fields(obj, {"is_original": True}, self.tally)
        if _TITLE_PRECEDENCE.index(kind) < _TITLE_PRECEDENCE.index(obj.kind):
            # The document that gives it as the film's own title is its source now.
            _set_fields(obj, {"kind": kind, **self.prov(line)}, self.tally)
        elif kind == obj.kind and self.source.format not in REVIEW_COPIES:
            # A film's own document (a dump, a kit) is the source of a title a review copy gave
            # too, whichever came first: `choose_film_title` prefers such titles.
            source_format = SourceDocument.objects.filter(pk=obj.source_id).values_list(
                "format", flat=True
            )
            if source_format.first() in REVIEW_COPIES:
                _set_fields(obj, self.prov(line), self.tally)

    # -- series ---------------------------------------------------------------------------

    def load_series(self, film: Film) -> None:
        """Films named in the prose that share the film's title stem form its series; so do
        films whose titles open with the name of the series the prose names (`the Before
        Trilogy`: `Before Sunrise`, `Before Sunset`, `Before Midnight`), and films the prose
        names together in a sentence about a series (`His trilogy on revenge opened in 2002
        with SYMPATHY FOR MR. VENGEANCE, continued in 2003 with OLDBOY`)."""
        doc = self.doc
        if not doc.title:
            for mention in doc.mentioned_films:
                if mention.year:
                    self.tally.warn(
                        mention.line,
                        "other_film",
                        f"the document names {title_case(mention.title)} ({mention.year}) but "
                        "gives no title of its own to place it by: not imported",
                    )
            return
        makers = {fold(c.name) for c in doc.credits if c.role != Credit.Role.CAST}
        stem = series_stem(without_makers_possessive(doc.title, makers), doc.series_name)
        members = {film.pk: film}
        prose_order = []  # the films as the prose names them: a series' order, ties apart
        by_sentence = False  # a film joined by a sentence about the series, not by its title
        named_after = doc.title
        named_titles = [m.title for m in doc.mentioned_films]
        for mention in doc.mentioned_films:
            mention_stem = series_stem(
                without_makers_possessive(mention.title, makers), doc.series_name
            )
            stem_apart = not stems_of_one_series(mention_stem, stem)
            if stem_apart and mention.in_series:
                by_sentence = True
            elif stem_apart:
                if mention.year:
                    self.tally.warn(
                        mention.line,
                        "other_film",
                        f"the prose names {title_case(mention.title)} ({mention.year}), "
                        "which is not part of this film's series: not imported",
                    )
                continue
            if mention.year is None:
                continue
            if version := version_of(mention.title, [doc.title, *named_titles]):
                self.tally.warn(
                    mention.line,
                    "film_version",
                    f"the prose names {title_case(mention.title)} ({mention.year}), a version "
                    f"of {title_case(version)}, not a film of its own: not imported",
                )
                continue
            if not stem_apart and len(mention_stem) < len(stem):
                # `Mad Max (1979)` named in the kit of `Mad Max Beyond Thunderdome`: the series
                # is known by the shorter title.
                stem, named_after = mention_stem, mention.title
            if titles_agree(mention.title, [doc.title]) and not another_of_its_main_title(
                mention, doc.title, doc.year
            ):
                prose_order.append(film.pk)
                self.add_other_titles(film, mention)
                continue
            other = self.mentioned_film(mention, members)
            members[other.pk] = other
            prose_order.append(other.pk)
        if len(members) < 2:
            return
        if by_sentence:
            # Titles that share no stem: the series is known by its first film, whichever
            # of its documents comes first.
            named_after = min(members.values(), key=lambda m: (m.year or 0, m.title)).title
            stem = series_stem(named_after, doc.series_name)
        # The series a member is in already, else the series of the stem.
        in_series = sorted({m.series_id for m in members.values() if m.series_id})
        if len(in_series) > 1:  # the one staff edited first: it stays, and keeps its name
            edited = dict(
                Series.objects.filter(pk__in=in_series).values_list("pk", "locked_fields")
            )
            in_series.sort(key=lambda pk: (not edited[pk], pk))
        series = (
            Series.objects.filter(pk=in_series[0]).first() if in_series else None
        ) or Series.objects.filter(stem=stem).first()
        for other_id in in_series[1:]:
            self.join_series(series, other_id, members.values())
        name = doc.series_name or series_name_from(named_after)
        if series is None:
            series = Series.objects.create(
                name=name, stem=stem, slug=unique_slug(name, series_slug_taken), **self.prov(None)
            )
            self.tally.count("created", "Series")
        elif doc.series_name and series.name.endswith(" series") and not series.is_locked("name"):
            # A name a document gives beats the one made up from the title; the slug follows
            # the name, as a film's follows its title, whichever document came first.
            values = {"name": doc.series_name}
            if not series.is_locked("slug"):
                values["slug"] = unique_slug(
                    doc.series_name,
                    lambda s: Series.objects.filter(slug=s).exclude(pk=series.pk).exists(),
                )
            _set_fields(series, values, self.tally)
        joining = [m for m in members.values() if m.series_id is None and not m.is_locked("series")]
        for member in joining:
            member.series = series
        Film.objects.filter(pk__in=[member.pk for member in joining]).update(series=series)
        order_series(series, prose_order)
        self.touched_series.add(series.pk)

    def join_series(self, series: Series, other_id: int, members: Iterable[Film]) -> None:
        """Films of two series the prose names together are of one: `First Blood` and its
        sequel, which a dump links, and `Rambo III` and `Rambo`, which another does, are one
        series once a kit names the first two in the third's. The other series' films join
        `series` (those staff placed stay), and the other goes when it has none left; a name a
        document gave it is the series' when `series` has a made-up one. A series staff edited
        is left as it is."""
        other = Series.objects.get(pk=other_id)
        if other.locked_fields:
            return  # a series staff edited stays as they left it
        films = list(Film.objects.filter(series=other))
        moved = [film.pk for film in films if not film.is_locked("series")]
        Film.objects.filter(pk__in=moved).update(series=series, series_position=None)
        for member in members:
            if member.pk in moved:
                member.series, member.series_position = series, None
        self.touched_series.discard(other.pk)
        if len(moved) < len(films):
            return
        named = not other.name.endswith(" series") and series.name.endswith(" series")
        other.delete()  # (first: its slug is free for `series`)
        if named and not series.is_locked("name"):
            _set_fields(series, {"name": other.name, "slug": other.slug}, self.tally)
        self.tally.count("updated", "Series")

    def add_other_titles(self, film: Film, mention: MentionedFilm) -> None:
        """The titles the prose gives a film besides its own (`BROTHER (BRAT, 1997)`)."""
        for other in mention.other_titles:
            if not titles_agree(other, [film.title]):
                self.add_title(film, other, mention.line, FilmTitle.Kind.AKA)

    def mentioned_film(self, mention: MentionedFilm, members: dict[int, Film]) -> Film:
        film = self.named_film(mention, members)
        self.add_other_titles(film, mention)
        return film

    def named_film(self, mention: MentionedFilm, members: dict[int, Film]) -> Film:
        # By its title, else by the other the prose gives (`MAD MAX 2 (aka THE ROAD WARRIOR)`).
        titles = (mention.title, *mention.other_titles)
        film = next(filter(None, (find_film_by_title(t, mention.year) for t in titles)), None)
        if film is None:
            film, how = find_film_by_title_written_otherwise(mention.title, mention.year)
            if film is not None:
                self.tally.warn(
                    mention.line,
                    "film_matched",
                    f"{film} is {title_case(mention.title)}: {TITLE_WRITTEN[how]}, "
                    f"year {mention.year}",
                )
        if film is not None:
            # A film titled the other way round (`Dead Man's Chest: Pirates of the Caribbean`)
            # or by the subtitle alone (`Dead Man's Chest`), a review file's, is the one the
            # prose names (`PIRATES OF THE CARIBBEAN: DEAD MAN'S CHEST`).
            other, how = find_film_by_subtitle(mention.title, mention.year, film.pk)
            if other is not None:
                merge_films(film, other, refresh_counts=not self.defer_counts)
                self.merged_films = True
                self.tally.warn(
                    mention.line, "films_merged", f"{other.title} is {film}: {TITLE_WRITTEN[how]}"
                )
                self.tally.count("updated", "Film")
        provisional = self.provisional_film_named(mention, members, film)
        if film is None:
            film = provisional
        elif provisional is not None:
            # A page made the film by its title, a title-less dump made another by its people:
            # the prose says they are one.
            merge_films(film, provisional, refresh_counts=not self.defer_counts)
            self.merged_films = True
            self.tally.warn(mention.line, "films_merged", f"{provisional.title} is {film}")
            self.tally.count("updated", "Film")
        if film is None:
            title = clean_title(mention.title)
            film = Film.objects.create(
                title=title,
                year=mention.year,
                slug=film_slug(title, mention.year),
                **self.prov(mention.line),
            )
            self.tally.count("created", "Film")
            self.tally.warn(
                mention.line, "film_from_prose", f"{film} is known only from this mention", film
            )
            self.add_first_title(film, mention.line)
            return film
        self.add_title(film, mention.title, mention.line)
        choose_film_title(film)
        if film.year is None and mention.year and not film.is_locked("year"):
            # The year the prose gives a film a document gave none (a review file's).
            _set_fields(film, {"year": mention.year}, self.tally)
            if not film.is_locked("slug"):
                film.slug = free_film_slug(film)
                film.save(update_fields=["slug"])
        return film

    def provisional_film_named(
        self, mention: MentionedFilm, members: dict[int, Film], named: Film | None = None
    ) -> Film | None:
        """The title-less film of the mention's year (`find_film_by_series` the other way
        round) whose director, and one of whose actors, this document or the series' films
        it names credit: it gets the mention's title, or joins `named`, the film found by
        that title."""
        excluded = [*members, named.pk] if named is not None else list(members)
        candidates = list(
            Film.objects.filter(title_is_provisional=True, year=mention.year)
            .exclude(pk__in=excluded)
            .values_list("pk", flat=True)
        )
        if not candidates:
            return None
        spellings = credited_spellings([*candidates, *members])
        series = [self.credited_names] + [spellings[pk] for pk in members]
        matched = {
            pk: "the director and cast of its series"
            for pk in candidates
            if shares_director_and_cast(spellings[pk], series)
        }
        of_year = [m for m in self.doc.mentioned_films if m.year == mention.year]
        if not matched and self.doc.year != mention.year and len(of_year) == 1:
            # An actor in the part they play in the series (`Rick Deckard`), when no other film
            # of the year is named (the part says the series, not which of its films).
            parts = parts_of([*candidates, *members])
            played = self.doc_parts().keys() | set().union(*(parts[pk] for pk in members))
            matched = {
                pk: "an actor in the part they play in its series"
                for pk in candidates
                if parts[pk] & played
            }
        if len(matched) != 1:
            return None
        [(pk, shared)] = matched.items()
        film = Film.objects.get(pk=pk)
        self.tally.warn(
            mention.line,
            "film_matched",
            f"{film} is {title_case(mention.title)}: year {mention.year}, and {shared}",
        )
        return film

    # -- people and credits -----------------------------------------------------------------

    def load_credits(self, film: Film) -> None:
        if self.doc.credits and film.series_id:  # a part named otherwise in another film
            self.touched_series.add(film.series_id)
        self.credit_teams_as_their_members(film)
        if self.doc.credits:
            resolver = CreditResolver(self, film)
            resolver.resolve()
            merge_close_spellings(film, self.tally, resolver.credited_people())
        elif self.merged_films:
            merge_close_spellings(film, self.tally)

    def credit_teams_as_their_members(self, film: Film) -> None:
        """`The Coen Brothers`, where the film credits two people of that family name or more
        (`Joel Coen`, `Ethan Coen`), are those people, not a person of their own: the team's
        credit this document gives is left out, and one an earlier document gave is taken
        back (with the team, when it has no other film), each with a warning. A team whose
        members the film does not name stays as credited."""
        doc = self.doc
        teams = [c for c in doc.credits if _team_families(c.name)]
        # The family names two of the document's people or more share (each name once: one
        # person credited as director and writer is one).
        people = {fold(c.name) for c in doc.credits if not _team_families(c.name)}
        families = Counter(_family_name(name) for name in people)
        shared = sorted(family for family, count in families.items() if count >= 2)
        stored_teams = []
        if shared:  # the teams of those families an earlier document credited: by their names
            stored_teams = list(
                Credit.objects.filter(
                    film=film,
                    person__folded_name__in=[
                        name for family in shared for name in _team_names(family)
                    ],
                )
                .select_related("person")
                .order_by("pk")
            )
        if not teams and not stored_teams:
            return
        names = [c.name for c in doc.credits]
        if teams:  # their members may be the film's already
            names += Credit.objects.filter(film=film).values_list("person__name", flat=True)
        written = {fold(name): name for name in names if not _team_families(name)}
        members: dict[str, list[str]] = defaultdict(list)  # family name: the names, written
        for name in sorted(written.values(), key=fold):
            members[_family_name(name)].append(name)

        def known_members(team: str) -> str:
            """The film's people the team stands for, written out; '' for fewer than two."""
            for family in _team_families(team):
                if len(found := members.get(family, [])) >= 2:
                    return " and ".join(found)
            return ""

        for record in teams:
            if who := known_members(record.name):
                doc.credits.remove(record)
                self.tally.warn(
                    record.line,
                    "team_credit",
                    f"{record.name}, credited as {record.role}, are {who}: no person of their own",
                )
        for credit in stored_teams:
            team = credit.person
            credit.delete()
            self.tally.count("updated", "Credit")
            self.tally.warn(
                None,
                "team_credit",
                f"{team.name}, credited as {credit.role}, are "
                f"{known_members(team.name)}: no person of their own",
            )
            if not team.locked_fields and not team.credits.exists():
                team.delete()

    def join_title_less_films_to_series(self) -> None:
        """`find_film_by_series` the other way round, for a title-less document that came
        before the series' credits: its film (a dump's, provisional) is the series' film of its
        year known only by its title, once the series' other films credit its director and one
        of its actors, or three of its actors (the kit that credits them may come after the one
        whose prose named the film)."""
        for series_id in self.touched_series:
            members = dict(Film.objects.filter(series_id=series_id).values_list("pk", "year"))
            credited = set(
                Credit.objects.filter(film__in=list(members))
                .order_by()
                .values_list("film_id", flat=True)
                .distinct()
            )
            uncredited = {pk: year for pk, year in members.items() if pk not in credited and year}
            if not uncredited:
                continue
            candidates = dict(
                Film.objects.filter(
                    title_is_provisional=True,
                    series__isnull=True,
                    year__in=set(uncredited.values()),
                ).values_list("pk", "year")
            )
            if not candidates:
                continue
            spellings = credited_spellings([*candidates, *credited])
            series = [spellings[pk] for pk in sorted(credited)]
            parts = parts_of([*candidates, *credited])
            played = set().union(*(parts[pk] for pk in credited))
            of_year = Counter(uncredited.values())
            for member_id, year in sorted(uncredited.items()):
                if of_year[year] > 1:
                    continue  # two films of the series known by their titles alone: which?
                matched = {}
                for pk, its_year in candidates.items():
                    if its_year != year:
                        continue
                    if shares_director_and_cast(spellings[pk], series):
                        matched[pk] = "the director and cast"
                    elif (actors := actors_in_common(pk, credited)) >= SERIES_CAST:
                        matched[pk] = f"{actors} actors"
                    elif parts[pk] & played:
                        matched[pk] = "an actor in the part they play"
                if len(matched) != 1:  # none, or no telling which
                    continue
                [(pk, shared)] = matched.items()
                member, other = Film.objects.get(pk=member_id), Film.objects.get(pk=pk)
                del candidates[other.pk]
                merge_films(member, other, refresh_counts=not self.defer_counts)
                self.merged_films = True
                self.tally.warn(
                    None,
                    "films_merged",
                    f"{other.title} is {member}: year {year}, and {shared} of its series",
                )
                self.tally.count("updated", "Film")

    def consolidate_characters(self) -> None:
        """Characters of the same name in the films of one series are one character; so are
        an actor's part named in full in one film and by its first or last words in another
        (`Danila Bagrov`, `Danila`; `Pavel Chekov`, `Chekov`), under the fuller name."""
        for series_id in self.touched_series:
            self.merge_makers_of_a_series(series_id)
            credits = list(
                Credit.objects.filter(film__series_id=series_id, character__isnull=False)
                .select_related("character")
                .order_by("pk")
            )
            by_name: dict[str, list[Credit]] = defaultdict(list)
            for credit in credits:
                by_name[_without_article(credit.character.folded_name)].append(credit)
            for group in by_name.values():
                # `The Oracle` of one film is the `Oracle` of another: the fuller name, whichever
                # film came first.
                keep = min(
                    (c.character for c in group),
                    key=lambda character: (-len(character.name), character.name, character.pk),
                )
                for credit in group:
                    if credit.character_id != keep.pk:
                        QuoteLine.objects.filter(character_id=credit.character_id).update(
                            character_id=keep.pk
                        )
                        self.move_credit(credit, keep)
            if self.merge_players_of_a_part(by_name):
                credits = list(
                    Credit.objects.filter(film__series_id=series_id, character__isnull=False)
                    .select_related("character")
                    .order_by("pk")
                )
            parts: dict[int, dict[int, Character]] = defaultdict(dict)
            for credit in credits:
                parts[credit.person_id][credit.character_id] = credit.character
            films_of: dict[tuple[int, int], set[int]] = defaultdict(set)  # (person, part): films
            for credit in credits:
                films_of[(credit.person_id, credit.character_id)].add(credit.film_id)
            for person_id, played in parts.items():
                for short in played.values():
                    fuller = [
                        c
                        for c in played.values()
                        if short_name_of(short.name, c.name, or_last=True)
                        or ranked_name_of(short.name, c.name)
                        or called_by_nickname(short.name, c.name)
                    ]
                    if len(fuller) != 1:
                        continue
                    if films_of[(person_id, short.pk)] & films_of[(person_id, fuller[0].pk)]:
                        continue  # both in one film: two parts (`Ida / Ida Berg`)
                    moved = [
                        c
                        for c in credits
                        if c.person_id == person_id and c.character_id == short.pk
                    ]
                    QuoteLine.objects.filter(
                        character=short, quote__film__in={c.film_id for c in moved}
                    ).update(character=fuller[0])
                    for credit in moved:
                        self.move_credit(credit, fuller[0])
            self.join_recast_parts(credits)

    def join_recast_parts(self, credits: list[Credit]) -> None:
        """A part that another actor plays in another film of the series, named there by its
        nickname alone (`Rhodey`, and `James "Rhodey" Rhodes` in the sequel): one character,
        under the fuller name, when one part alone has that nickname and no film has both."""
        characters = {c.character_id: c.character for c in credits}
        films_of: dict[int, set[int]] = defaultdict(set)
        for credit in credits:
            films_of[credit.character_id].add(credit.film_id)
        for short in list(characters.values()):
            fuller = [
                c
                for c in characters.values()
                if c.pk != short.pk and called_by_nickname(short.name, c.name)
            ]
            if len(fuller) != 1 or films_of[short.pk] & films_of[fuller[0].pk]:
                continue
            moved = [c for c in credits if c.character_id == short.pk]
            QuoteLine.objects.filter(character=short).update(character=fuller[0])
            for credit in moved:
                self.move_credit(credit, fuller[0])
            films_of[fuller[0].pk] |= films_of.pop(short.pk)
            del characters[short.pk]

    def merge_makers_of_a_series(self, series_id: int) -> None:
        """Two people credited in one role of the crew in different films of a series, never
        together in one, under names that are close spellings of each other (`Nicolas Winding
        Refn`, director of the first, `Nicholas Winding Refn`, of the second), are one person;
        two directors of one film (`Joel Coen`, `Ethan Coen`) stay two."""
        films_of: dict[tuple[str, int], set[int]] = defaultdict(set)  # (role, person): films
        for role, person_id, film_id in (
            Credit.objects.filter(film__series_id=series_id)
            .exclude(role=Credit.Role.CAST)
            .values_list("role", "person_id", "film_id")
        ):
            films_of[(role, person_id)].add(film_id)
        by_role: dict[str, list[int]] = defaultdict(list)
        for role, person_id in sorted(films_of):
            by_role[role].append(person_id)
        pairs = [
            (role, a, b)
            for role, people in by_role.items()
            for i, a in enumerate(people)
            for b in people[i + 1 :]
            if not films_of[(role, a)] & films_of[(role, b)]
        ]
        if not pairs:
            return
        people_named = Person.objects.in_bulk({pk for _, a, b in pairs for pk in (a, b)})
        gone: set[int] = set()
        for role, a, b in pairs:
            if (
                a in gone
                or b in gone
                or not (ratio := names_close(people_named[a].name, people_named[b].name))
            ):
                continue
            keep, other = people_named[a], people_named[b]
            written = spelled_otherwise(other.name, keep.name, ratio)
            merge_people(
                keep,
                other,
                f"{written}; both credited as {role} in films of one series",
                self.tally,
            )
            gone.add(b)

    def merge_players_of_a_part(self, by_name: dict[str, list[Credit]]) -> bool:
        """The actors credited with one part in the films of a series, under names that are
        close spellings of each other (`Tony Leung Chiu-wai`, `Tony Chiu-Wai Leung`), are one
        person; two actors of one part (the young and the old Su Li-zhen) stay two."""
        merged = False
        # A part named by its first words in one film is the one fuller name it opens in
        # another (`Kjeld`, `Kjeld Jensen`): its players are that part's too.
        groups = dict(by_name)
        by_first_word: dict[str, list[str]] = defaultdict(list)
        for key in by_name:
            by_first_word[key.split(" ", 1)[0]].append(key)
        for short, group in by_name.items():
            fuller = [
                key
                for key in by_first_word[short.split(" ", 1)[0]]
                if short_name_of(group[0].character.name, by_name[key][0].character.name)
            ]
            if len(fuller) == 1:
                groups[fuller[0]] = groups[fuller[0]] + group
        shared = [
            (group, players)
            for group in groups.values()
            if len(players := {c.person_id for c in group if c.role == Credit.Role.CAST}) > 1
        ]
        if not shared:
            return False
        # Their names in one query, not one a part.
        people_named = Person.objects.in_bulk({pk for _, players in shared for pk in players})
        gone: set[int] = set()
        for group, players in shared:
            people = sorted(
                (people_named[pk] for pk in players if pk not in gone), key=lambda p: p.pk
            )
            for i, keep in enumerate(people):
                for other in people[i + 1 :]:
                    if keep.pk in gone or other.pk in gone:
                        continue
                    ratio = names_close(keep.name, other.name)
                    if not ratio:
                        continue
                    part = max((c.character.name for c in group), key=len)
                    written = spelled_otherwise(other.name, keep.name, ratio)
                    merge_people(
                        keep,
                        other,
                        f"{written}; both play {part} in films of one series",
                        self.tally,
                    )
                    gone.add(other.pk)
                    merged = True
        return merged

    def move_credit(self, credit: Credit, character: Character) -> None:
        """Give the credit (and the copy in memory) another character; the same actor may
        already hold that one in the film."""
        _move_rows(Credit.objects.filter(pk=credit.pk), character_id=character.pk)
        credit.character = character
        self.tally.count("updated", "Credit")

    # -- quotes -----------------------------------------------------------------------------

    def load_quotes(self, film: Film) -> None:
        if not self.doc.quotes:
            return
        credits = list(
            film.credits.filter(character__isnull=False).select_related("character", "person")
        )
        characters = speaking_characters(c.character for c in credits)
        # A person who plays themselves speaks under their own name (`Philippe Petit:`, not
        # the part `Young Philippe Petit`).
        selves = {
            fold(c.person.name): c.character
            for c in credits
            if c.role == Credit.Role.CAST and c.character.folded_name in SELF_PARTS
        }
        stored = set(Quote.objects.filter(film=film).values_list("fingerprint", flat=True))
        quotes, lines = [], []
        for position, record in enumerate(self.doc.quotes):
            print_ = fingerprint(" ".join(f"{s} {t}" for s, t in record.lines))
            if print_ in stored:
                self.tally.count("unchanged", "Quote")
                continue
            stored.add(print_)
            quote = Quote(
                film=film, fingerprint=print_, position=position, **self.prov(record.line)
            )
            quotes.append(quote)
            lines.extend(
                QuoteLine(
                    quote=quote,
                    position=i,
                    speaker=speaker,
                    character=selves.get(fold(speaker))
                    or next(
                        (characters[f] for f in spoken_forms(speaker) if f in characters), None
                    ),
                    text=text,
                )
                for i, (speaker, text) in enumerate(record.lines)
            )
            for speaker, _ in record.lines:
                if fold(speaker) in UNCAST_SPEAKERS or fold(speaker) in selves:
                    continue  # `Title Card:`, no one's part; a person who plays themselves
                if not characters.keys() & spoken_forms(speaker):
                    self.tally.warn(
                        record.line,
                        "unknown_speaker",
                        f"quote speaker {speaker!r} is not in the cast",
                    )
        Quote.objects.bulk_create(quotes)
        self.tally.count("created", "Quote", len(quotes))
        for line in lines:
            line.quote = line.quote  # the quote has its key now
        QuoteLine.objects.bulk_create(lines)

    # -- reviews ----------------------------------------------------------------------------

    def load_reviews(self, film: Film) -> None:
        """The document's reviews, a batch at a time (a streamed document is read meanwhile)."""
        if not self.doc.reviews:  # a first batch, or none at all
            return
        # Keys only grow: a review above this one was written by this document, in an earlier
        # batch. (Nothing is held across batches: memory does not grow with the file.)
        written_before = Review.objects.aggregate(last=Max("pk"))["last"] or 0
        # A film no document gave reviews before has none to merge or to find edited.
        reviewed = Review.objects.filter(film=film, pk__lte=written_before).exists()
        for records in self.doc.review_batches():
            self.load_review_batch(film, records, written_before if reviewed else 0)

    def load_review_batch(
        self, film: Film, records: list[ReviewRecord], written_before: int
    ) -> None:
        """Reviews new to the film are inserted, known ones merged; a review the document
        repeats (in this batch, or stored by an earlier batch: a key above `written_before`)
        is kept once."""
        needs_repair = any(has_lost_letter(f"{r.username} {r.title} {r.body}") for r in records)
        known_words, reviewer_words = set(), set()
        if needs_repair:
            reviewer_words = reviewer_name_words(r.username for r in records)
            known_words = self.known_words | reviewer_words
        ambiguous = {u for r in records for u, _ in r.author_alternatives[1:]}
        ambiguous |= {
            r.author_alternatives[0][0] for r in records if len(r.author_alternatives) > 1
        }
        known_reviewers = set(keys_by(Reviewer, "folded_username", map(fold, ambiguous)))
        prints = [r.fingerprint for r in records]
        keys = keys_by(Review, "fingerprint", prints, film=film.pk)
        # Only a review stored before this document is merged: only those are read whole.
        earlier = [key for key in keys.values() if key <= written_before]
        merged = Review.objects.filter(pk__in=earlier).select_related("source") if earlier else []
        existing = {review.fingerprint: review for review in merged}
        spelled_whole = reviewers_spelled_whole(
            strip_email(username)[0]
            for r in records
            for username in (r.username, *(u for u, _ in r.author_alternatives))
            if "?" in username
        )
        prepared = [
            self.prepare_review(r, known_words, reviewer_words, known_reviewers, spelled_whole)
            for r in records
        ]
        reviewers = self.resolve_reviewers({p["username"] for p in prepared if p["username"]})
        edited = self.reviews_edited(film, records, prepared, reviewers, keys, written_before)
        to_create, seen = [], set()
        for record, data, print_ in zip(records, prepared, prints, strict=True):
            if print_ in seen or keys.get(print_, 0) > written_before:
                self.tally.warn(record.line, "duplicate_review", "the same review twice: kept once")
                continue
            seen.add(print_)
            reviewer_id = reviewers.get(fold(data["username"])) if data["username"] else None
            review = existing.get(print_) or edited.get(id(record))
            if review is None:
                to_create.append(
                    {
                        "film_id": film.pk,
                        "reviewer_id": reviewer_id,
                        "fingerprint": print_,
                        "title": data["title"],
                        "body": data["body"],
                        "date": data["date"],
                        "rating": record.rating,
                        "rating_source": record.rating_source,
                        "helpful_yes": data["helpful"][0],
                        "helpful_total": data["helpful"][1],
                        "has_spoilers": record.has_spoilers,
                        "has_lost_letters": data["lost"],
                        "search_text": record.search_text
                        if (data["title"], data["body"]) == (record.title, record.body)
                        else review_search_text(data["title"], data["body"]),
                        "source_id": self.source.pk,
                        "source_line": record.line,
                    }
                )
            else:
                self.merge_review(review, record, data, reviewer_id)
        self.tally.count("created", "Review", insert_rows(Review, to_create))
        self.reviews_changed = self.reviews_changed or bool(to_create)
        if not self.defer_counts:
            refresh_reviewer_counts(reviewers.values())

    def reviews_edited(
        self, film, records, prepared, reviewers, keys, written_before
    ) -> dict[int, Review]:
        """The stored review each record is another copy of with its text edited (`made me
        cry.`, `made me cry!`): of the film, by the same reviewer, on the same day, under the
        same title (a reviewer writes one review of a film), stored before this document; by
        the record's id."""
        wanted = {}
        for record, data in zip(records, prepared, strict=True):
            reviewer = reviewers.get(fold(data["username"])) if data["username"] else None
            if reviewer and data["date"] and data["title"] and record.fingerprint not in keys:
                wanted[id(record)] = (reviewer, data["date"], fold(data["title"]))
        if not wanted or not written_before:
            return {}
        stored = Review.objects.filter(
            film=film,
            reviewer_id__in={reviewer for reviewer, _, _ in wanted.values()},
            pk__lte=written_before,
        ).select_related("source")
        by_copy = {(r.reviewer_id, r.date, fold(r.title)): r for r in stored.order_by("pk")}
        return {key: by_copy[copy] for key, copy in wanted.items() if copy in by_copy}

    def prepare_review(
        self, record: ReviewRecord, known_words, reviewer_words, known_reviewers, spelled_whole
    ) -> dict:
        """A review's values as stored: its author read, e-mail addresses removed, lost letters
        repaired by the name words known (`known_words`), a username's by the stored username
        it spells with letters lost (`spelled_whole`: `Jos? Mar?a`, whose `Jos?` no word can
        tell from a question) or by known reviewers' words alone (`reviewer_words`: an actor's
        name is no reviewer's, and a reviewer stored before the actor's document came would
        keep its lost letters)."""
        username, when = record.username, record.date
        if len(record.author_alternatives) > 1:
            username, when, ambiguous = choose_author(
                list(record.author_alternatives), known_reviewers
            )
            if ambiguous:
                readings = " or ".join(
                    f"{u!r} on {d:%-d %B %Y}" for u, d in record.author_alternatives
                )
                self.tally.warn(
                    record.line,
                    "ambiguous_author",
                    f"author and date could be {readings}; took {username!r}",
                )
        username, removed = strip_email(username)
        if removed:
            self.tally.warn(
                record.line, "email_removed", "an e-mail address was removed from a username"
            )
        username = self.fitted(username, NAME_LIMIT, record.line, "username")
        if whole := spelled_whole.get(username):
            self.tally.warn(record.line, "letter_repaired", f"username: {username} -> {whole}")
            username = whole
        title = self.fitted(record.title, REVIEW_TITLE_LIMIT, record.line, "review title")
        body, lost = record.body, False
        # Never on a public page: an address a reviewer wrote into the text either.
        title, in_title = redact_emails(title)
        body, in_body = redact_emails(body)
        for label in ("title",) * in_title + ("text",) * in_body:
            self.tally.warn(
                record.line, "email_removed", f"an e-mail address was removed from the {label}"
            )
        for label in ("username", "title", "body"):
            text = {"username": username, "title": title, "body": body}[label]
            if not has_lost_letter(text):
                continue
            words = reviewer_words if label == "username" else known_words
            repaired, fixes, unresolved = repair_lost_letters(text, words)
            if label == "username" and unresolved:
                # A username is repaired whole or not at all: `Jürgen Sp?ngberg` would be a
                # reviewer that neither the lost spelling nor the whole one finds again.
                repaired, fixes = text, []
            for fix in fixes:
                self.tally.warn(record.line, "letter_repaired", f"{label}: {fix}")
            if unresolved:
                lost = lost or label != "username"
                self.tally.warn(
                    record.line,
                    "lost_letters",
                    f"{label}: {', '.join(sorted(set(unresolved)))} kept as written: no known "
                    "name matches",
                )
            if label == "username":
                username = repaired
            elif label == "title":
                title = repaired
            else:
                body = repaired
        helpful = (record.helpful_yes, record.helpful_total)
        if (record.helpful_total or 0) > MAX_COUNT:
            self.tally.warn(
                record.line, "value_cut", f"{record.helpful_total:,} helpful votes: left out"
            )
            helpful = (None, None)
        return {
            "username": username,
            "title": title,
            "body": body,
            "date": when,
            "lost": lost,
            "helpful": helpful,
        }

    def resolve_reviewers(self, usernames: set[str]) -> dict[str, int]:
        """The key of each username's reviewer (folded username to key), created if new."""
        by_fold = {fold(u): u for u in sorted(usernames)}
        found = keys_by(Reviewer, "folded_username", by_fold)
        missing = [
            (folded, username) for folded, username in by_fold.items() if folded not in found
        ]
        self.tally.count("unchanged", "Reviewer", len(found))
        self.respell_reviewers({by_fold[folded] for folded in found})
        if any(not username.isascii() for _, username in missing):
            # Words a review stored before may have lost (`S?ren` by `Søren M.`).
            self.learned_names = True
            repaired = self.repair_reviewers([username for _, username in missing])
            found.update(repaired)
            missing = [(folded, username) for folded, username in missing if folded not in found]
        slugs = free_slugs(Reviewer, [username for _, username in missing])
        missing = [
            {
                "username": username,
                "folded_username": folded,
                "slug": slug,
                "source_id": self.source.pk,
            }
            for (folded, username), slug in zip(missing, slugs, strict=True)
        ]
        if missing:
            insert_rows(Reviewer, missing)
            found.update(
                keys_by(Reviewer, "folded_username", [r["folded_username"] for r in missing])
            )
        self.tally.count("created", "Reviewer", len(missing))
        return found

    def respell_reviewers(self, usernames: set[str]) -> None:
        """A stored reviewer whose username these spell with more letters outside ASCII
        (`Kjell Åke` for `Kjell Ake`: a copy that lost the accents) takes that spelling,
        whichever document came first (of two such, the first in alphabetical order)."""

        def accents(username: str) -> int:
            return sum(not c.isascii() for c in username)

        richer = {fold(u): u for u in usernames if accents(u)}
        if not richer:
            return
        for reviewer in Reviewer.objects.filter(folded_username__in=richer):
            username = richer[reviewer.folded_username]
            if reviewer.is_locked("username") or (accents(username), reviewer.username) <= (
                accents(reviewer.username),
                username,
            ):
                continue
            reviewer.username = username
            [reviewer.slug] = free_slugs(Reviewer, [username])
            reviewer.save(update_fields=["username", "slug"])
            self.tally.count("updated", "Reviewer")

    def repair_reviewers(self, usernames: list[str]) -> dict[str, int]:
        """Reviewers stored with letters lost as `?` (`J?rgen Kr?ger`) that one of these new
        usernames spells whole (`Jürgen Krüger`) take its spelling: one reviewer. Their keys,
        by the new folded username."""
        lost_forms = {_NOT_ASCII.sub("?", username): username for username in usernames}
        stored = Reviewer.objects.filter(folded_username__in=[fold(u) for u in lost_forms])
        repaired = {}
        for reviewer in stored:
            username = lost_forms.get(reviewer.username)
            if username is None:
                continue
            reviewer.username, reviewer.folded_username = username, fold(username)
            [reviewer.slug] = free_slugs(Reviewer, [username])
            reviewer.save(update_fields=["username", "folded_username", "slug"])
            self.tally.warn(
                None,
                "letter_repaired",
                f"reviewer {_NOT_ASCII.sub('?', username)} -> {username}",
                reviewer,
            )
            self.tally.count("updated", "Reviewer")
            repaired[reviewer.folded_username] = reviewer.pk
        return repaired

    def merge_review(self, review: Review, record: ReviewRecord, data: dict, reviewer_id) -> None:
        """The same review from two documents: keep the richer paragraphs, fill what is empty;
        of two values both give, keep the one `review_value` chooses, whichever came first."""
        values = {}
        stored_rank = SOURCE_RANK.get(review.source.format, 0) if review.source_id else -1
        body, other = review.body, data["body"]
        # The richer paragraphs; of an edited text as rich, the longer, whichever came first.
        if (paragraph_count(data["body"]), self.rank, len(data["body"]), data["body"]) > (
            paragraph_count(review.body),
            stored_rank,
            len(review.body),
            review.body,
        ):
            body, other = data["body"], review.body
            values["body"] = body
            values["has_lost_letters"] = data["lost"]
        # The letters one copy lost as `?` where the other kept them, in either order.
        if (filled := letters_from_copy(body, other)) is not None:
            values["body"] = filled
            values["has_lost_letters"] = has_lost_letter(filled)
        if reviewer_id and review.reviewer_id is None and not review.is_locked("reviewer"):
            values["reviewer_id"] = reviewer_id
        for name, new in (("title", data["title"]), ("date", data["date"])):
            if new not in (None, "") and review_value(name, getattr(review, name), new) == new:
                values[name] = new
        votes = data["helpful"]
        if votes[1] is not None and review_value(
            "helpful", (review.helpful_yes, review.helpful_total), votes
        ) == tuple(votes):
            values["helpful_yes"], values["helpful_total"] = votes
        # A score a document gives in its field beats one read in the text, in either order.
        field = Review.RatingSource.FIELD
        in_field, stored_in_field = record.rating_source == field, review.rating_source == field
        if record.rating is not None and (
            review.rating is None
            or (in_field and not stored_in_field)
            or (
                in_field == stored_in_field
                and review_value("rating", review.rating, record.rating) == record.rating
            )
        ):
            values["rating"], values["rating_source"] = record.rating, record.rating_source
        if record.has_spoilers and not review.has_spoilers:
            values["has_spoilers"] = True
        if _set_fields(review, values, self.tally):
            self.reviews_changed = True


def review_value(name: str, stored, new):
    """Of a review's value two documents give otherwise, the one kept, whichever came first:
    the fuller title (one with no letter lost as `?` before one with; of two as long, the
    later in alphabetical order), the earlier date (a copy's later one is of an edit, or of
    another time zone), the votes of the later count (more votes: a later copy), the higher
    rating (of two read alike). A value only one gives is that one."""
    if stored in (None, "") or stored == (None, None):
        return new
    if name == "title":
        return max(stored, new, key=lambda title: (not has_lost_letter(title), len(title), title))
    if name == "date":
        return min(stored, new)
    if name == "helpful":
        return max(tuple(stored), tuple(new), key=lambda votes: (votes[1], votes[0]))
    return max(stored, new)


# -- shared resolution rules ------------------------------------------------------------------


# A typographic apostrophe inside a word (`PAN’S LABYRINTH`): a title is stored with the plain
# one, as most documents write it, so that the two spellings are one title.
_TYPOGRAPHIC_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")


def clean_title(title: str) -> str:
    title = _TYPOGRAPHIC_APOSTROPHE.sub("'", " ".join(title.split()))
    return title_case(title) if title.isupper() else title


def _spelling_rank(title: str, kind: str) -> tuple:
    """Of a film's title in two capitals, the spelling kept is the least of this: one not cased
    from capitals, then one of the higher kind, then the first in order."""
    return (_cased_from_capitals(title), _TITLE_PRECEDENCE.index(kind), title)


def one_title_per_spelling(film: Film) -> None:
    """A film's titles that differ in their capitals alone (a kit's guess and a review file's
    spelling; two films' titles, merged) are one title, whichever came first: the spelling
    `_spelling_rank` keeps, of the higher kind, original if either is."""
    by_spelling = defaultdict(list)
    for row in FilmTitle.objects.filter(film=film):
        by_spelling[row.title.casefold()].append(row)
    for rows in by_spelling.values():
        if len(rows) < 2:
            continue
        kept = min(rows, key=lambda row: _spelling_rank(row.title, row.kind))
        FilmTitle.objects.filter(pk__in=[row.pk for row in rows if row is not kept]).delete()
        kept.kind = min((row.kind for row in rows), key=_TITLE_PRECEDENCE.index)
        kept.is_original = any(row.is_original for row in rows)
        kept.save(update_fields=["kind", "is_original"])


def _cased_from_capitals(title: str) -> bool:
    """Whether a title is written as `title_case` writes one given in capitals (`El Laberinto
    Del Fauno`): perhaps a guess, which a spelling written otherwise (`El laberinto del fauno`)
    outranks."""
    return title_case(title.upper()) == title


def film_slug(title: str, year: int | None) -> str:
    return unique_slug(f"{title} {year or ''}", lambda s: Film.objects.filter(slug=s).exists())


def series_slug_taken(slug: str) -> bool:
    return Series.objects.filter(slug=slug).exists()


def another_of_its_main_title(mention: MentionedFilm, title: str, year: int | None) -> bool:
    """Whether the prose names another film of the film's main title, years more than one apart
    (sources disagree by one): the film whose title a subtitled one goes on from (`THE FAST AND
    THE FURIOUS (2001)` in the kit of `The Fast and the Furious: Tokyo Drift`, 2006), or one
    that goes on from it with a subtitle (`Sin City: A Dame to Kill For (2014)` in the dump of
    `Sin City`, 2005: it was the film's own title); or the first film of a sequel titled as it,
    which the prose places in its series (`HALLOWEEN (1978)` in the kit of Halloween, 2018). A
    title of no subtitle either way named with another year is else the film's own (`Filmed in
    1951, SHANE …`)."""
    apart = mention.year is not None and year is not None and abs(mention.year - year) > 1
    subtitled_otherwise = bool(told_subtitle(title)) != bool(told_subtitle(mention.title))
    return apart and (subtitled_otherwise or mention.in_series)


def same_title(title: str, known_titles: list[str]) -> bool:
    """Whether one of a film's titles is this one, case and numerals aside, subtitle and all."""
    told = (title_key(title), told_subtitle(title))
    return any((title_key(known), told_subtitle(known)) == told for known in known_titles)


def titles_agree(title: str, known_titles: list[str]) -> bool:
    """Same main title as one of a film's titles (case, numerals folded), and no conflicting
    subtitles; or a close spelling of one (`titles_close`)."""
    key = title_key(title)
    subtitle = told_subtitle(title)
    for known in known_titles:
        if title_key(known) != key:
            if titles_close(title, known):
                return True
            continue
        other = told_subtitle(known)
        if not subtitle or not other or subtitle == other:
            return True
    return False


# How alike two titles' words must be (rapidfuzz's ratio, 0-100) to be spellings of one title:
# `three colors blue` and `three colours blue` are 97; one letter more or less reaches 94 only
# in a title of 16 letters or more, so that `Scream` and `Screams` stay two films.
TITLE_RATIO = 94
# A subtitle of each must be alike too: `Three Colours: Red` is not `Three Colours: Bed`.
SUBTITLE_RATIO = 80


def titles_close(a: str, b: str) -> bool:
    """Two spellings of one title (`Three Colors: Blue`, `Three Colours: Blue`; `Old Boy`,
    `Oldboy`; `The Celebration`, `Celebration`): the same numeral, no conflicting subtitle, and
    words alike, an article aside, or the same letters with words run together, or sounding
    alike (`Kolja`, `Kolya`)."""
    (stem_a, number_a), (stem_b, number_b) = title_stem_and_number(a), title_stem_and_number(b)
    if number_a != number_b:  # `Rocky II` and `Rocky III` differ by a letter
        return False
    sub_a, sub_b = told_subtitle(a), told_subtitle(b)
    if sub_a and sub_b:
        if fuzz.ratio(sub_a, sub_b) < SUBTITLE_RATIO:
            return False
        stem_a, stem_b = f"{stem_a} {sub_a}", f"{stem_b} {sub_b}"
    stem_a, stem_b = _without_article(_without_and(stem_a)), _without_article(_without_and(stem_b))
    if stem_a.replace(" ", "") == stem_b.replace(" ", ""):
        return True
    # Or transliterated otherwise (`Kolja`, `Kolya`), or a few letters apart.
    return spelled_alike(stem_a, stem_b) or fuzz.ratio(stem_a, stem_b) >= TITLE_RATIO


def _without_article(folded: str) -> str:
    words = folded.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in TITLE_ARTICLES else folded


def _without_and(folded: str) -> str:
    """`&` folds to nothing: `and` is left out too (`Lock, Stock & Two Smoking Barrels`)."""
    return " ".join(word for word in folded.split() if word != "and")


_UNCREDITED = "NOT EXISTS (SELECT 1 FROM {credit} c WHERE c.film_id = {film}.id)"
# Every film of each series that holds a film of the year without credits, and which they are.
_UNCREDITED_SERIES_FILMS = (
    "SELECT m.id, m.series_id, (m.year = %s AND {uncredited_m}) FROM {film} m "
    "WHERE m.series_id IN (SELECT f.series_id FROM {film} f "
    "WHERE f.year = %s AND f.series_id IS NOT NULL AND {uncredited_f})"
).format(
    film=Film._meta.db_table,
    uncredited_m=_UNCREDITED.format(credit=Credit._meta.db_table, film="m"),
    uncredited_f=_UNCREDITED.format(credit=Credit._meta.db_table, film="f"),
)


def version_of(title: str, titles: list[str]) -> str:
    """The title of which `title` names a version (`Blade Runner: The Final Cut`, `Apocalypse
    Now Redux`), one of `titles` (the main title alone, as the prose names it), or ''."""
    main, subtitle = split_title(title)
    if not subtitle and (words := main.split()) and fold(words[-1]) == "redux":
        main, subtitle = " ".join(words[:-1]), words[-1]
    if not subtitle or not names_a_version(subtitle):
        return ""
    return next((t for t in titles if titles_agree(main, [t]) and t != title), "")


def parts_of(film_ids) -> dict[int, set[tuple[str, str]]]:
    """Each film's actors in their parts: (a spelling of the actor's name, the part), folded,
    every spelling, in one query."""
    found: dict[int, set[tuple[str, str]]] = defaultdict(set)
    rows = Credit.objects.filter(
        film__in=list(film_ids), role=Credit.Role.CAST, character__isnull=False
    ).values_list("film_id", "person__aliases__folded", "character__folded_name")
    for film_id, actor, part in rows.order_by():
        if actor:
            found[film_id].add((actor, part))
    return found


def credited_spellings(film_ids) -> dict[int, dict[str, set[str]]]:
    """Every spelling of each film's directors and of its cast, folded, in one query."""
    found: dict[int, dict[str, set[str]]] = defaultdict(lambda: {"director": set(), "cast": set()})
    credited = Credit.objects.filter(
        film__in=list(film_ids), role__in=("director", "cast")
    ).values_list("film_id", "role", "person__aliases__folded")
    for film_id, role, folded in credited.order_by():
        if folded is not None:
            found[film_id][role].add(folded)
    return found


def spellings_of(known: set[str], names: set[str]) -> set[str]:
    """The names (folded) that spell someone known by the `known` spellings: the same, or,
    when none is, close ones (`names_close`: `Aleksei Balabanov`, `Alexey Balabanov`), or a
    team and one of its members (`The Coen Brothers`, `Joel Coen`)."""
    return (
        known & names
        or {name for name in names if any(names_close(name, k) for k in known)}
        or {name for name in names if any(_of_one_team(name, k) for k in known)}
    )


def _of_one_team(name: str, other: str) -> bool:
    """Whether one name is a team's (`the coen brothers`) and the other a name of its family
    (`joel coen`)."""
    for team, member in ((name, other), (other, name)):
        if (families := _team_families(team)) and not _team_families(member):
            return _family_name(member) in families
    return False


# The actors a title-less film must share with the other films of a series none of whose
# directors it shares, to be the series' film of its year known only by its title (a series'
# films may each have a director of their own: `The Bourne Identity`, `The Bourne Supremacy`).
SERIES_CAST = 3


def cast_credited(names: dict[str, set[str]], others: list[dict[str, set[str]]]) -> set[str]:
    """The actors of `names` (a document's, a spelling each) the other films credit, under
    these spellings or with the family name at the other end."""
    credited = set().union(*(other["cast"] for other in others))
    return {name for name in names["cast"] if {name, *other_orders(name)} & credited}


def actors_in_common(film_id: int, film_ids) -> int:
    """How many people the film credits in its cast whom the other films do too."""
    people = Credit.objects.filter(role=Credit.Role.CAST).values_list("person_id", flat=True)
    return len(
        set(people.filter(film_id=film_id).order_by())
        & set(people.filter(film_id__in=list(film_ids)).order_by())
    )


def shares_director_and_cast(names: dict[str, set[str]], others: list[dict[str, set[str]]]):
    """Whether other films credit one of these directors (under these spellings or close
    ones) and one of these actors (under these spellings, or with the family name at the other
    end, `Min-sik Choi` for `Choi Min-sik`: a close one among whole casts costs a comparison of
    every pair)."""
    if not any(spellings_of(other["director"], names["director"]) for other in others):
        return False
    cast = names["cast"] | {form for name in names["cast"] for form in other_orders(name)}
    return any(cast & other["cast"] for other in others)


def titled_by_reviews_only(film_ids: list[int]) -> set[int]:
    """The films whose own titles only review pages and review XML gave: a review copy names
    a film as its site does, often in another language than the film's credits."""
    sources: dict[int, set[str]] = defaultdict(set)
    given = FilmTitle.objects.filter(film__in=film_ids, kind=FilmTitle.Kind.TITLE).values_list(
        "film_id", "source__format"
    )
    for film_id, source_format in given.order_by():
        sources[film_id].add(source_format or "")
    return {film_id for film_id, formats in sources.items() if formats <= REVIEW_COPIES}


def titled_otherwise_too(mine: list[str], theirs: list[str], by_reviews: set[int]) -> bool:
    """Whether two films of one director and cast may be one film known by two titles: one of
    them titled by reviews alone (`by_reviews`), and no title stem in common (`Festen`, `The
    Celebration`). Titles that share a stem are parts (`Nymphomaniac: Vol. I`, `Vol. II`), or
    the same title, which the title lookups match."""
    return bool(by_reviews) and not titles_share_a_stem(mine, theirs)


def titles_share_a_stem(mine: list[str], theirs: list[str]) -> bool:
    stems = {title_stem_and_number(title)[0] for title in mine}
    return bool(stems & {title_stem_and_number(title)[0] for title in theirs})


def titles_of(films: list[Film]) -> dict[int, list[str]]:
    """Each film's titles: its own, then every title a document or staff gave it."""
    titles = {film.pk: [film.title] for film in films}
    given = FilmTitle.objects.filter(film__in=list(titles)).values_list("film_id", "title")
    for film_id, title in given.order_by():
        titles[film_id].append(title)
    return titles


def films_of_title(title: str, exclude: int | None = None) -> list[Film]:
    """The films one of whose titles is this one (`same_title`), by year."""
    named = FilmTitle.objects.filter(key=title_key(title)).exclude(film=exclude)
    films = Film.objects.filter(pk__in=named.values("film_id")).prefetch_related("titles")
    return [
        film
        for film in films.order_by("year", "pk")
        if same_title(title, [film.title, *(t.title for t in film.titles.all())])
    ]


def find_film_by_title(title: str, year: int | None, exclude: int | None = None) -> Film | None:
    """The first film of the year one of whose titles has the same key (`FilmTitle.key`: every
    title a document or staff gave it) and no conflicting subtitle; else the only such film a
    year before or after (sources disagree by one: a festival, a country's release). With no
    year on either side, a film only under the same title, subtitle and all, and with no year
    given, only the one film so titled. Never the film whose key is `exclude`."""
    named = FilmTitle.objects.filter(key=title_key(title))
    if exclude is not None:
        named = named.exclude(film=exclude)
    if year:
        named = named.filter(Q(film__year__range=(year - 1, year + 1)) | Q(film__year__isnull=True))
    # The candidates' titles as plain values (their films' own by a join); only the film
    # chosen is made a model: `titles_of` over candidate models cost a page's load 5 % more.
    titles: dict[int, list[str]] = {}
    years: dict[int, int | None] = {}
    given = FilmTitle.objects.filter(film__in=named.values("film_id")).values_list(
        "film_id", "film__year", "film__title", "title"
    )
    for film_id, film_year, film_title, given_title in given.order_by():
        titles.setdefault(film_id, [film_title]).append(given_title)
        years[film_id] = film_year
    # With no year on one side, only the same title, subtitle and all, says it is one film:
    # `Rambo` of 2008 is not the `Rambo: First Blood Part II` a review file gave no year.
    agreeing = [
        film_id
        for film_id in sorted(titles)
        if titles_agree(title, titles[film_id])
        and ((year and years[film_id] is not None) or same_title(title, titles[film_id]))
    ]
    if not year:  # no telling which of two films of one title (a remake's) it is
        return Film.objects.get(pk=agreeing[0]) if len(agreeing) == 1 else None
    same_year = [film_id for film_id in agreeing if years[film_id] in (year, None)]
    if same_year or len(agreeing) == 1:
        return Film.objects.get(pk=(same_year or agreeing)[0])
    return None


# How `find_film_by_title_written_otherwise` found a film, in words.
TITLE_WRITTEN = {
    "close": "a close spelling of its title",
    "within": "its title with words put before it or taken away",
    "swapped": "its title and subtitle swapped",
    "subtitle": "its subtitle alone",
}


def find_film_by_title_written_otherwise(
    title: str, year: int | None, exclude: int | None = None
) -> tuple[Film | None, str]:
    """The only film of the year one of whose titles is a close spelling of this one
    (`titles_close`: British and American spellings, a letter lost); else the only one with a
    title that is this one with words put before it, or this one without them (`title_within`:
    a country's release title, `Sympathy for Lady Vengeance` for `Lady Vengeance`); else the
    only one with this title's main title and subtitle swapped (`titles_swapped`), else the only
    one titled by this title's subtitle alone, or whose subtitle this title is
    (`subtitle_alone`). With how it was found: `close`, `within`, `swapped` or `subtitle`. The
    year must be the same: a near title a year apart is too little to go on."""
    if not year:
        return None, ""
    candidates = [
        *Film.objects.filter(year=year, title_is_provisional=False).values_list("pk", "title"),
        *FilmTitle.objects.filter(film__year=year).values_list("film_id", "title"),
    ]
    candidates = [(film_id, known) for film_id, known in candidates if film_id != exclude]
    for how, alike in (
        ("close", titles_close),
        ("within", title_within),
        ("swapped", titles_swapped),
        ("subtitle", subtitle_alone),
    ):
        matched = {film_id for film_id, known in candidates if alike(title, known)}
        if len(matched) == 1:
            return Film.objects.get(pk=matched.pop()), how
        if matched:
            break  # two films fit: neither is taken
    return None, ""


def titles_swapped(a: str, b: str) -> bool:
    """Whether each title is the other with its main title and subtitle swapped, as IMDb writes
    some English titles (`Dead Man's Chest: Pirates of the Caribbean`, `Pirates of the
    Caribbean: Dead Man's Chest`)."""
    (main_a, sub_a), (main_b, sub_b) = split_title(a), split_title(b)
    return bool(sub_a and sub_b) and (
        title_key(main_a) == title_key(sub_b) and title_key(sub_a) == title_key(main_b)
    )


def find_film_by_subtitle(title: str, year: int | None, exclude: int) -> tuple[Film | None, str]:
    """The only film of the year, other than `exclude`, titled by this title's subtitle: with
    its main title and subtitle swapped (`titles_swapped`), or the subtitle alone
    (`subtitle_alone`); with how it is titled, `swapped` or `subtitle`."""
    subtitle = named_subtitle(title)
    if not (subtitle and year):
        return None, ""
    known = FilmTitle.objects.filter(key=title_key(subtitle), film__year=year).exclude(film=exclude)
    matched: dict[int, str] = {}
    for film_id, other in known.values_list("film_id", "title"):
        if titles_swapped(title, other):
            matched[film_id] = "swapped"
        elif subtitle_alone(title, other):
            matched[film_id] = "subtitle"
    if len(matched) != 1:
        return None, ""
    film_id, how = matched.popitem()
    return Film.objects.get(pk=film_id), how


def subtitle_alone(a: str, b: str) -> bool:
    """Whether one title is the other's subtitle alone (`The Two Towers`, `The Lord of the
    Rings: The Two Towers`), a subtitle that tells a film (`telling_subtitle`)."""
    for short, full in ((a, b), (b, a)):
        subtitle = named_subtitle(full)  # `Episode I - The Phantom Menace`: after the number
        if (
            subtitle
            and not split_title(short)[1]
            and telling_subtitle(subtitle)
            and title_key(short) == title_key(subtitle)
        ):
            return True
    return False


def title_within(a: str, b: str) -> bool:
    """Whether one title is the other with words put before it (`Bram Stoker's Dracula`,
    `Dracula`): what is left must be two words or more, or follow a possessive (`Dead Heat` is
    not `Heat`)."""
    short, long = sorted((title_key(a), title_key(b)), key=len)
    if short == long or not long.endswith(f" {short}"):
        return False
    subtitles = {told_subtitle(a), told_subtitle(b)} - {""}
    if len(subtitles) > 1:
        return False
    before = long[: -len(short)].split()
    return len(short.split()) >= 2 or before[-1] == "s"  # `bram stoker s dracula`


def free_film_slug(film: Film) -> str:
    """The slug of a film's title and year, free among the other films."""
    return unique_slug(
        f"{film.title} {film.year or ''}",
        lambda s: Film.objects.filter(slug=s).exclude(pk=film.pk).exists(),
    )


_TITLE_PRECEDENCE = list(FilmTitle.Kind)


def rename_in_reasons(known_as: str, now: str) -> None:
    """A person's spelling's reason names the film as it was known then (`credited as Jang Go
    Star in Untitled film of 1996 by …`): by what it is now, once it is titled or merged."""
    if known_as != now:
        PersonAlias.objects.filter(reason__contains=f" in {known_as}").update(
            reason=Replace("reason", Value(f" in {known_as}"), Value(f" in {now}"))
        )


def releases_once(releases: list) -> list:
    """A document's releases, one told twice (a page's line under its title, `10 November 2006
    (USA)`, and its details, `November 10, 2006 (United States)`) once: as with a release two
    documents tell, its note kept, and the date as the first in the alphabet writes it."""
    kept: dict[tuple, object] = {}
    out = []
    for record in releases:
        key = (record.territory, record.medium, record.date)
        first = kept.get(key) if record.date else None
        if first is None or (first.note and record.note and first.note != record.note):
            kept.setdefault(key, record)
            out.append(record)
            continue
        if (record.note and not first.note) or (
            not record.note and not first.note and record.date_text < first.date_text
        ):
            out[out.index(first)] = kept[key] = record
    return out


def series_name_from(title: str, others: Iterable[str] = ()) -> str:
    """The name of a series no document names, made from its first film's title: `Kill Bill
    series` of `Kill Bill: Vol. 1`. A first title that the series' other titles (`others`) all
    go on from, past its colon, is whole: `Mission: Impossible series` of `Mission: Impossible`,
    `Mission: Impossible II` and `Mission: Impossible - Ghost Protocol`. A first title unlike
    the others, which share their main title (two films at least), gives way to theirs: `Rambo
    series` of `First Blood`, `Rambo: First Blood Part II` and `Rambo III`."""
    others = list(others)
    if _opens_every_title(clean_title(title), others):
        return f"{clean_title(title)} series"
    main = _series_main_title(title)
    shared = {fold(_series_main_title(other)) for other in others}
    if len(others) >= 2 and len(shared) == 1 and shared != {fold(main)}:
        main = _series_main_title(sorted(others)[0])
    return f"{main} series"


_COMMA_BEFORE_ARTICLE = re.compile(rf",\s+(?=(?i:{'|'.join(FOREIGN_ARTICLES)})\s)")


def _series_main_title(title: str) -> str:
    """A title's main part without the film's number: what its series is named by (before a
    comma and an article of another language than English: `Torrente, el brazo tonto de la
    ley`, of the Torrente series)."""
    main = split_title(clean_title(title))[0]
    main = _COMMA_BEFORE_ARTICLE.split(main, maxsplit=1)[0]
    main_words = (without_closing_fraction(main) or main).split()  # `The Naked Gun 2½`
    if main_words and main_words[-1].rstrip(SUPERSCRIPT_DIGITS) != main_words[-1]:
        main_words[-1] = main_words[-1].rstrip(SUPERSCRIPT_DIGITS)  # `Alien³`
    elif len(main_words) > 1 and _closes_with_number(" ".join(main_words)):
        # The main title's number goes, not a subtitle's (`Kill Bill: Vol. 2`: Kill Bill).
        main_words = main_words[:-1]
        if len(main_words) > 1 and fold(main_words[-1]) in PART_WORDS:
            main_words = main_words[:-1]  # `The Godfather Part II`: the Godfather series
        while len(main_words) > 1 and not any(c.isalnum() for c in main_words[-1]):
            main_words = main_words[:-1]  # `Star Wars - Episode I`: Star Wars
    if all(word.isdigit() for word in main_words):
        # A main title that is a number (`2001: A Space Odyssey`): the whole title names it.
        main_words = clean_title(title).split()
    return " ".join(main_words)


def _opens_every_title(first: str, others: Iterable[str]) -> bool:
    """Whether a title with a subtitle (or what looks like one) opens each of the other titles,
    one at least, with more words after it."""
    others = list(others)
    opening = f"{fold(first)} "
    return (
        bool(split_title(first)[1])
        and bool(others)
        and all(fold(other).startswith(opening) for other in others)
    )


def _closes_with_number(main: str) -> bool:
    """Whether a main title ends with a part's number, the first's too (`Rocky II`, `Star Wars
    Episode I`)."""
    stem, number = title_stem_and_number(main)
    return number > 1 or stem != title_key(main)


def recase_series_name(film: Film) -> None:
    """A series' made-up name written as its film's title was before another document wrote
    it better (`Amores Perros series` of a kit's `AMORES PERROS`, `Amores perros`) follows
    the title, whichever document came first."""
    series = Series.objects.filter(pk=film.series_id).first() if film.series_id else None
    if series is None or series.is_locked("name") or not series.name.endswith(" series"):
        return
    name = series_name_from(film.title, other_titles_of_series(series, film))
    if name != series.name and written_alike(name, series.name):
        Series.objects.filter(pk=series.pk).update(name=name)


# A team credited under its family name: `The Coen Brothers`, `Dardenne Brothers`, `The
# Wachowski Sisters`.
_TEAM_WORDS = ("brothers", "sisters", "siblings", "bros")
_TEAM = re.compile(
    rf"^(?:the\s+)?(?P<family>[^\W\d_][\w'’-]*)\s+(?:{'|'.join(_TEAM_WORDS)})\.?$",
    re.IGNORECASE,
)
# Or by its family name made plural: `The Wachowskis`, `the Coens`, `The Dardennes`.
_PLURAL_TEAM = re.compile(r"^the\s+(?P<plural>[^\W\d_][\w'’-]*s)$", re.IGNORECASE)


def _team_families(name: str) -> tuple[str, ...]:
    """The family names (folded) a team's credit may stand for (`coen` of `The Coen Brothers`;
    `dardenne` or `dardenn` of `The Dardennes`); () for a name that is no team's."""
    if match := _TEAM.match(name):
        return (fold(match["family"]),)
    if match := _PLURAL_TEAM.match(name):
        plural = fold(match["plural"])
        return (plural[:-1], plural[:-2]) if plural.endswith("es") else (plural[:-1],)
    return ()


def _team_names(family: str) -> list[str]:
    """The names (folded) a team of a family may be credited under."""
    brothers = [f"{the}{family} {word}" for the in ("", "the ") for word in _TEAM_WORDS]
    return [*brothers, f"the {family}s", f"the {family}es"]


def _family_name(name: str) -> str:
    """A name's last word, folded: the family name of a name written given name first."""
    words = fold(name).split()
    return words[-1] if words else ""


def other_titles_of_series(series: Series, film: Film, films: Iterable[Film] = ()) -> list[str]:
    """The titles of a series' films besides `film`, those a document gave (`films`: the
    series' films, when the caller has them)."""
    films = list(films) or Film.objects.filter(series=series)
    return [f.title for f in films if f.pk != film.pk and not f.title_is_provisional]


def name_after_first_film(series: Series, first: Film, films: Iterable[Film] = ()) -> None:
    """A series no document names is known by its first film (`Raiders of the Lost Ark
    series`), whichever of its documents came first: a film placed before the one its made-up
    name came from (a dump that says its film follows another) gives the series its name.
    `films`: the series' films, when the caller has them."""
    if series.is_locked("name") or not series.name.endswith(" series"):
        return
    if first.title_is_provisional:
        return
    name = series_name_from(first.title, other_titles_of_series(series, first, films))
    if name == series.name:
        return
    values = {"name": name}
    if not series.is_locked("slug"):
        values["slug"] = unique_slug(
            name, lambda s: Series.objects.filter(slug=s).exclude(pk=series.pk).exists()
        )
    Series.objects.filter(pk=series.pk).update(**values)
    for name_of_field, value in values.items():
        setattr(series, name_of_field, value)


def choose_film_title(film: Film) -> None:
    """The fullest title any document gave as the film's: with its subtitle, then with the
    most letters. A film no document has given a title yet (its documents have none, or only
    other titles: `Also Known As`) is shown under the best of its other titles, and its title
    stays provisional.
    Titles of different stems (`Mad Max 2`, `The Road Warrior`) name the film in two countries
    or languages: the film's own documents (a dump, a kit) outrank review copies, which title
    a film as their site's country does; the fullest title of the stem chosen is shown. An
    English title from the film's own documents is shown over titles from review copies alone."""
    given = list(
        FilmTitle.objects.filter(film=film)
        .order_by()
        .values_list("title", "kind", "source__format")
    )
    if not given or film.is_locked("title"):
        return
    titles = [(title, fmt) for title, kind, fmt in given if kind == FilmTitle.Kind.TITLE]
    provisional = not titles
    # The English title the film's own documents give, over titles from review copies alone
    # (`Yôjinbô`, as a review site names `Yojimbo`), as the film is known here.
    english = [
        (title, fmt)
        for title, kind, fmt in given
        if kind == FilmTitle.Kind.ENGLISH and fmt not in REVIEW_COPIES
    ]
    if english and all(fmt in REVIEW_COPIES for _, fmt in titles):
        titles = english
    elif provisional:  # the titles of the first kind given (English, original, also-known-as)
        first_kind = min((kind for _, kind, _ in given), key=_TITLE_PRECEDENCE.index)
        titles = [(title, fmt) for title, kind, fmt in given if kind == first_kind]

    def fullness(title: str) -> tuple:
        main, subtitle = split_title(typeset_fractions(title))
        # The words count, not the separator; the same words: a colon before the subtitle, a
        # fraction's character (`2½`) before the fraction typed (`2 1/2`).
        return (bool(subtitle), len(main) + len(subtitle), ":" in title, "/" not in title, title)

    own = [title for title, fmt in titles if fmt not in REVIEW_COPIES]  # staff's too (None)
    stem = title_stem_and_number(max(own or [title for title, _ in titles], key=fullness))[0]
    best = max(
        (title for title, _ in titles if title_stem_and_number(title)[0] == stem), key=fullness
    )
    mains = {split_title(title)[0] for title, _ in titles}
    if provisional and len(titles) > 1 and len(mains) == 1:
        # Countries' titles of one main title, each with its own subtitle (`Toy Story 2 -
        # Woody schlägt Alarm!`, `Toy Story 2: Los juguetes vuelven a la carga`): the words
        # they share, not one country's subtitle.
        best = mains.pop()
    if film.title != best or film.title_is_provisional != provisional:
        known_as = str(film)
        film.title, film.title_is_provisional = best, provisional
        fields = ["title", "title_is_provisional"]
        rename_in_reasons(known_as, str(film))
        # The slug follows the title, so that it does not depend on which document came first.
        if not film.is_locked("slug"):
            film.slug = free_film_slug(film)
            fields.append("slug")
        film.save(update_fields=fields)
        recase_series_name(film)


def merge_close_spellings(
    film: Film, tally: Tally, credited: list[tuple[str, Person, int | None]] | None = None
) -> None:
    """Two people in the same credits of one film whose names are close spellings are one,
    unless one document's list names both (`Mark Smith` and `Mark Smyth` in one cast list).
    `credited`: (role, person, the document whose list gives the credit, or None) of each of
    the film's credits, when the caller has them all."""
    if credited is None:
        credited = [
            (credit.role, credit.person, listed_in(credit))
            for credit in Credit.objects.filter(film=film).select_related("person")
        ]
    by_role: dict[str, dict[int, Person]] = defaultdict(dict)
    lists: dict[tuple[str, int], set[int]] = defaultdict(set)  # the lists naming each
    for role, person, document in sorted(credited, key=lambda credit: credit[1].pk):
        by_role[role][person.pk] = person
        if document is not None:
            lists[role, person.pk].add(document)
    # Each role's people by their keys, taken before any merge: a merged person, deleted, has
    # none, and may be credited in another role too.
    ordered_by_role = {role: sorted(people.items()) for role, people in by_role.items()}
    merged: set[int] = set()
    for role, ordered in ordered_by_role.items():
        for i, (keep_pk, keep) in enumerate(ordered):
            if keep_pk in merged:
                continue
            for other_pk, other in ordered[i + 1 :]:
                if other_pk in merged or lists[role, keep_pk] & lists[role, other_pk]:
                    continue
                ratio = names_close(keep.name, other.name)
                # `J. Smith` beside John and Jane Smith is either: left apart.
                if ratio and not any(
                    names_close(third.name, other.name)
                    for third_pk, third in ordered
                    if third_pk not in (keep_pk, other_pk) and third_pk not in merged
                ):
                    merge_people(
                        keep,
                        other,
                        close_spelling_reason(other.name, keep.name, ratio, role, film),
                        tally,
                    )
                    merged.add(other_pk)


_POSSESSIVE_NAME = re.compile(r"\w['’]s\b")


def speaking_characters(characters) -> dict[str, Character]:
    """The characters a quote's speaker may name, by folded name: the whole name, or its first
    or last word when no other character has that word there (`Julie` for `Julie Vignon`)."""
    by_name = {character.folded_name: character for character in characters}
    by_word: dict[str, set[Character]] = defaultdict(set)
    for name, character in by_name.items():
        if _POSSESSIVE_NAME.search(character.name):
            continue  # `Louka's Mother` is not called `Louka`
        # As the dump's parser knows a quote: `name_forms`, and a nickname (`Rusty`).
        for word in [*name_forms(name)[1:], *nicknames(character.name)]:
            by_word[word].add(character)
    shortened = {word: found.pop() for word, found in by_word.items() if len(found) == 1}
    return {**shortened, **by_name}


def _move_rows(queryset, **values) -> None:
    """Move rows with one UPDATE; when some would duplicate rows already there, move them one
    by one and drop the duplicates."""
    try:
        with transaction.atomic():
            queryset.update(**values)
            return
    except IntegrityError:
        pass
    for row in queryset:
        try:
            with transaction.atomic():
                type(row).objects.filter(pk=row.pk).update(**values)
        except IntegrityError:
            row.delete()


def keep_better_of_shared_titles(keep: Film, other: Film) -> None:
    """A title both films carry is one row after their merge, `keep`'s: it takes the kind and
    source of `other`'s where those rank higher (`add_title`: a film's own title before an
    alternative, a film's own document before a review copy), as if `other`'s document had
    come second."""
    rows = FilmTitle.objects.filter(film__in=[keep.pk, other.pk]).values_list(
        "film_id", "title", "kind", "source_id", "source_line", "source__format", "is_original"
    )
    mine, theirs = {}, {}
    for film_id, title, *rest in rows.order_by():
        (mine if film_id == keep.pk else theirs)[title] = rest

    def rank(kind: str, source_format: str | None) -> tuple:
        return (_TITLE_PRECEDENCE.index(kind), source_format in REVIEW_COPIES)

    for title in mine.keys() & theirs.keys():
        kind, source_id, line, source_format, original = theirs[title]
        if rank(kind, source_format) < rank(mine[title][0], mine[title][3]):
            FilmTitle.objects.filter(film=keep, title=title).update(
                kind=kind, source_id=source_id, source_line=line
            )
        if original and not mine[title][4]:  # an original title in either document
            FilmTitle.objects.filter(film=keep, title=title).update(is_original=True)


# A film's fields two documents may give otherwise, and which of the two values is kept,
# whatever their order: the fuller telling of a text, the higher of two IMDb ratings (two
# crawls of one page).
ORDER_FREE = {
    **dict.fromkeys(("logline", "plot", "synopsis"), "the fuller one"),
    "imdb_rating": "the higher",
}


def order_free_choice(name: str, a, b):
    """Of two values of a film's field in `ORDER_FREE`, the one kept: the longer text (of two
    as long, the later in alphabetical order), the higher rating; the same one whichever
    document came first."""
    if name == "imdb_rating":
        return max(a, b)
    return max(a, b, key=lambda text: (len(text), text))


def merge_films(keep: Film, other: Film, *, refresh_counts: bool = True) -> None:
    """Everything known of `other` moves to `keep`; `keep`'s own values win. `refresh_counts`
    False: `keep`'s review figures are left to the caller."""
    # Every table that refers to films (titles, credits, facts, quotes, reviews).
    relations = [relation.field for relation in Film._meta.related_objects]
    quote = connection.ops.quote_name
    keep_better_of_shared_titles(keep, other)
    try:  # the usual case: no row of `other` repeats one of `keep`; an UPDATE a table
        with transaction.atomic(), connection.cursor() as cursor:
            for field in relations:
                table, column = quote(field.model._meta.db_table), quote(field.column)
                cursor.execute(
                    f"UPDATE {table} SET {column} = %s WHERE {column} = %s", [keep.pk, other.pk]
                )
    except IntegrityError:
        for field in relations:
            _move_rows(field.model.objects.filter(**{field.name: other}), **{field.name: keep})
    if not other.title_is_provisional:
        FilmTitle.objects.get_or_create(film=keep, title=other.title)
    one_title_per_spelling(keep)
    changed = []
    for name in ("year", "logline", "plot", "synopsis", "imdb_id", "imdb_rating", "series"):
        mine, theirs = getattr(keep, name), getattr(other, name)
        if theirs in (None, ""):
            continue
        if mine in (None, ""):
            chosen = theirs
        elif name in ORDER_FREE and not keep.is_locked(name):
            chosen = order_free_choice(name, mine, theirs)  # whichever film came first
        else:
            chosen = mine
        if chosen != mine:
            setattr(keep, name, chosen)
            changed.append(name)
    # Nothing refers to `other` now: one DELETE, not a query per relation from the collector.
    # (Were a row left behind, the foreign key would refuse the transaction's commit.)
    with connection.cursor() as cursor:
        table, key = quote(Film._meta.db_table), quote(Film._meta.pk.column)
        cursor.execute(f"DELETE FROM {table} WHERE {key} = %s", [other.pk])
    if changed:
        keep.save(update_fields=changed)
    choose_film_title(keep)
    rename_in_reasons(str(other), str(keep))
    if keep.series_id:
        order_series(keep.series)
    if refresh_counts:
        refresh_film_aggregates(keep.pk)


# A title opening with whose film it is: `Frank Miller's Sin City: A Dame to Kill For`.
_POSSESSIVE_OPENING = re.compile(r"^(?P<who>[^:]+?)['’]s?\s+(?P<title>\S.*)$")


def without_makers_possessive(title: str, makers: set[str]) -> str:
    """The title less the possessive of one of the film's makers (`makers`, folded) it opens
    with: `Sin City: A Dame to Kill For` of `Frank Miller's Sin City: A Dame to Kill For`, by
    Frank Miller, whose series is Sin City's; not `Schindler's List`."""
    opening = _POSSESSIVE_OPENING.match(title)
    return opening["title"] if opening and fold(opening["who"]) in makers else title


def stems_of_one_series(a: str, b: str) -> bool:
    """Whether two title stems (`series_stem`) may name films of one series: the same, or one
    the other's opening words (`mad max`, `mad max beyond thunderdome`; `rocky`, `rocky
    balboa`), not only its opening letters (`alien`, `aliens`)."""
    short, long = sorted((a, b), key=len)
    return short == long or long.startswith(f"{short} ")


def series_stem(title: str, series_name: str = "") -> str:
    """What the films of one series share: the title's stem (`Rocky III`: `rocky`), or the
    series' own name when the title opens with it, after its article maybe (`Before Sunset` in
    `The Before Trilogy`, `The Bourne Identity` in `The Bourne Trilogy`: `before`, `bourne`)."""
    stem = title_stem_and_number(title)[0]
    name = title_key(series_name).split()
    if name and name[0] == "the":
        name = name[1:]
    name = name[:-1]  # the word for a series: `trilogy`, `saga`
    words = stem.split()
    if words[:1] == ["the"] and name[:1] != ["the"]:
        words = words[1:]  # `The Bourne Identity` in `the Bourne trilogy`
    if name and words[: len(name)] == name:
        return " ".join(name)
    return stem


def order_series(series: Series, prose_order: list[int] | None = None) -> None:
    """Number the films of a series by year (`Mad Max 2`, 1981, before `Mad Max Beyond
    Thunderdome`, 1985), then by the numeral in their title; films of one year (`Three
    Colours: White` and `Red`, 1994) in the order a document's prose names them (`prose_order`,
    their keys), else in the order they had."""
    films = list(Film.objects.filter(series=series))
    if any(f.is_locked("series_position") for f in films):
        return
    named = {pk: i for i, pk in enumerate(dict.fromkeys(prose_order or []))}
    ordered = sorted(
        films,
        key=lambda f: (
            f.year or 9999,
            title_stem_and_number(f.title)[1],
            named.get(f.pk, len(named)),
            f.series_position or len(films) + 1,
            f.title,
        ),
    )
    if ordered:
        name_after_first_film(series, ordered[0], films)
    wanted = {f.pk: i for i, f in enumerate(ordered, start=1)}
    if all(f.series_position == wanted[f.pk] for f in films):
        return
    # Positions are unique in a series: clear them before the new numbering is written.
    Film.objects.filter(series=series).update(series_position=None)
    for film in films:
        film.series_position = wanted[film.pk]
    Film.objects.bulk_update(films, ["series_position"])


def delete_orphan_characters() -> int:
    """Characters no credit and no quote line names any more (merges and consolidation leave
    them). Once per run: over every character, it cost more per document than the rest of a
    document's credits on a large archive."""
    return Character.objects.filter(credits__isnull=True, quote_lines__isnull=True).delete()[0]


def known_name_words() -> set[str]:
    """Words with letters outside ASCII in the names of people and characters."""
    words: set[str] = set()
    for name in PersonAlias.objects.values_list("name", flat=True):
        words |= non_ascii_words(name)
    for name in Character.objects.values_list("name", flat=True):
        words |= non_ascii_words(name)
    return words


def known_reviewer_words() -> set[str]:
    """Words with letters outside ASCII in reviewers' usernames (`Søren M.`)."""
    words: set[str] = set()
    for username in Reviewer.objects.values_list("username", flat=True).iterator():
        if not username.isascii():
            words |= non_ascii_words(username)
    return words


def reviewer_name_words(usernames) -> set[str]:
    """Words with letters outside ASCII in the stored usernames that these, written with
    letters lost as `?` (`J?rgen Kr?ger`), may be: a known reviewer's name is a known name."""
    lost = [username for username in usernames if has_lost_letter(username)]
    if not lost:
        return set()
    words: set[str] = set()
    for name in usernames_opening_as(lost):
        words |= non_ascii_words(name)
    return words


def usernames_opening_as(lost) -> QuerySet:
    """The stored usernames that usernames written with letters lost as `?` may be: the
    letters before the first lost one open the folded username whole."""
    beginnings = Q()
    for username in lost:
        beginnings |= Q(folded_username__startswith=fold(username.split("?", 1)[0]))
    return Reviewer.objects.filter(beginnings).values_list("username", flat=True)


def reviewers_spelled_whole(usernames) -> dict[str, str]:
    """The stored usernames these, written with letters lost as `?` (`Jos? Mar?a`), spell
    whole (`José María`), by the lost spelling: where one stored username alone fits it."""
    lost = {username for username in usernames if username.split("?", 1)[0].strip()}
    if not lost:
        return {}
    fits = defaultdict(set)
    for name in usernames_opening_as(lost):
        if (form := _NOT_ASCII.sub("?", name)) in lost and form != name:
            fits[form].add(name)
    return {form: names.pop() for form, names in fits.items() if len(names) == 1}


def repair_stored_lost_letters(tally: Tally) -> None:
    """Reviews stored before a document taught us the name they mangle are repaired now."""
    pending = [
        review
        for review in Review.objects.filter(has_lost_letters=True)
        if not review.is_locked("body")
    ]
    if not pending:
        return
    # The reviewers' words too, as a review's document read them when their reviewer came
    # first (`reviewer_name_words`): `S?ren` by `Søren M.`, in either order of the documents.
    words = known_name_words() | known_reviewer_words()
    for review in pending:
        title, title_fixes, _ = repair_lost_letters(review.title, words)
        body, body_fixes, unresolved = repair_lost_letters(review.body, words)
        if title_fixes or body_fixes:
            Review.objects.filter(pk=review.pk).update(
                title=title,
                body=body,
                has_lost_letters=bool(unresolved),
                search_text=review_search_text(title, body),
            )
            for fix in title_fixes + body_fixes:
                tally.warn(None, "letter_repaired", f"review {review.pk}: {fix}", review)


def refresh_film_aggregates(film_id: int | None = None) -> None:
    """Recompute the stored review count, average, histogram and reviews per year of a film,
    or of every film (`film_id` None)."""
    visible = Review.objects.filter(is_hidden=False)
    if film_id is not None:
        visible = visible.filter(film_id=film_id)
    # One pass over the reviews, counted by film, rating and year, gives every figure.
    groups: dict[int, list] = defaultdict(list)
    counted = visible.order_by().values_list("film_id", "rating", "date__year")
    for film, rating, year, n in counted.annotate(n=Count("pk")):
        groups[film].append((rating, year, n))
    if film_id is not None:
        Film.objects.filter(pk=film_id).update(**_aggregates(groups[film_id]))
        return
    # One UPDATE a film, all in one `executemany` (`bulk_update` builds a CASE per field over
    # every film of a batch: SQL the size of the archive's film list, parsed each time).
    fields = [Film._meta.get_field(name) for name in _aggregates([])]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, key = quote(Film._meta.db_table), quote(Film._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"
    rows = []
    for film in Film.objects.order_by("pk").values_list("pk", flat=True):
        values = _aggregates(groups[film])
        rows.append(
            [field.get_db_prep_save(values[field.name], connection) for field in fields] + [film]
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _aggregates(groups: list[tuple]) -> dict:
    """A film's stored figures from its visible reviews counted by (rating, year)."""
    count = rated = 0
    total = Decimal(0)
    histogram = [0] * 11
    per_year: Counter = Counter()
    for rating, year, n in groups:
        count += n
        if year is not None:
            per_year[str(year)] += n
        if rating is not None:
            rating = Decimal(rating)
            rated += n
            total += rating * n
            histogram[int(rating.quantize(Decimal(1), rounding=ROUND_HALF_UP))] += n
    return {
        "review_count": count,
        "rated_review_count": rated,
        "average_rating": (total / rated).quantize(Decimal("0.01")) if rated else None,
        "rating_histogram": histogram if rated else [],
        "reviews_per_year": dict(sorted(per_year.items(), key=lambda item: int(item[0]))),
    }


def refresh_reviewer_counts(reviewer_ids=None) -> None:
    """Visible reviews per reviewer (of every reviewer: `reviewer_ids` None), in one UPDATE."""
    visible = (
        Review.objects.filter(reviewer=OuterRef("pk"), is_hidden=False)
        .order_by()
        .values("reviewer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    reviewers = (
        Reviewer.objects.all()
        if reviewer_ids is None
        else Reviewer.objects.filter(pk__in=reviewer_ids)
    )
    reviewers.update(review_count=Coalesce(Subquery(visible), 0))


def refresh_all_review_counts() -> None:
    """Every film's review figures and every reviewer's count: the end of a bulk load."""
    refresh_film_aggregates()
    refresh_reviewer_counts()


def bump_data_version() -> None:
    # update() skips auto_now: the time is set here, for Last-Modified.
    moved = DataVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not moved:
        DataVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def load_document(doc: FilmDocument, source: SourceDocument, *, defer_counts=False) -> Tally:
    return DocumentLoader(doc, source, defer_counts=defer_counts).load()
