"""Resolve parsed documents against the database and write them: the only code that writes
imported data.

`load_document` runs inside the caller's transaction. It decides which film, people, reviewers
and reviews a document speaks of, using what the database already knows, and records every
merge with its reason. Choices between sources (a film's title, a person's name, a review's
paragraphs) are made from everything stored, by fixed rules, so the order in which documents
arrive does not change the result. Fields named in a row's `locked_fields` (corrected by staff)
are never written.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from rapidfuzz import fuzz

from .importers.records import CreditRecord, FilmDocument, MentionedFilm, ReviewRecord
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
from .text import (
    LOST_LETTER,
    fingerprint,
    fold,
    non_ascii_words,
    paragraph_count,
    repair_lost_letters,
    review_search_text,
    split_title,
    strip_email,
    title_case,
    title_key,
    title_stem_and_number,
    unique_slug,
)

logger = logging.getLogger(__name__)

# How careful a format is about names and text: breaks ties between sources.
SOURCE_RANK = {"metadata_dump": 3, "review_xml": 2, "press_kit": 1, "review_page": 0}
NAME_MATCH_RATIO = 85
NAME_PART_RATIO = 75


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
        self.warnings.append((line, code, message, subject))

    def totals(self) -> dict[str, int]:
        return {
            "created": sum(self.created.values()),
            "updated": sum(self.updated.values()),
            "unchanged": sum(self.unchanged.values()),
        }


def _set_fields(obj, values: dict, tally: Tally) -> bool:
    """Write the values that differ and are not locked; count the row created/updated/unchanged."""
    locked = getattr(obj, "locked_fields", ())
    changed = [
        name for name, value in values.items() if name not in locked and getattr(obj, name) != value
    ]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
        tally.count("updated", type(obj).__name__)
    else:
        tally.count("unchanged", type(obj).__name__)
    return bool(changed)


def _get_or_create(model, lookup: dict, defaults: dict, tally: Tally):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **defaults)
        tally.count("created", model.__name__)
        return obj, True
    return obj, False


class DocumentLoader:
    def __init__(self, doc: FilmDocument, source: SourceDocument):
        self.doc = doc
        self.source = source
        self.rank = SOURCE_RANK.get(doc.format, 0)
        self.tally = Tally()
        self.touched_films: set[int] = set()
        self.touched_series: set[int] = set()
        # Set when this document adds a name with letters outside ASCII: only then can reviews
        # stored earlier with letters lost as `?` be repaired.
        self.learned_names = False

    def prov(self, line: int | None) -> dict:
        return {"source": self.source, "source_line": line}

    # -- films --------------------------------------------------------------------------

    def load(self) -> Tally:
        for warning in self.doc.warnings:
            self.tally.warn(warning.line, warning.code, warning.message)
        film = self.resolve_film()
        self.tally.default_subject = film
        self.touched_films.add(film.pk)
        self.load_film_facts(film)
        self.load_series(film)
        self.load_credits(film)
        self.load_quotes(film)
        self.load_reviews(film)
        self.consolidate_characters()
        if self.learned_names:
            repair_stored_lost_letters(self.tally)
        for film_id in self.touched_films:
            refresh_film_aggregates(film_id)
        bump_data_version()
        return self.tally

    def resolve_film(self) -> Film:
        doc = self.doc
        film = None
        reason = ""
        if doc.imdb_id:
            film = Film.objects.filter(imdb_id=doc.imdb_id).first()
            reason = f"same IMDb id {doc.imdb_id}"
        if film is None and doc.title:
            film = find_film_by_title(doc.title, doc.year)
            reason = f"same title {doc.title!r} and year {doc.year}"
        # A review both documents carry is stronger evidence than shared people: a director
        # may shoot two films in a year with much the same cast.
        if film is None:
            film, reason = self.find_film_by_reviews()
        if film is None:
            film, reason = self.find_film_by_people()
        if film is None:
            film = self.create_film()
        else:
            self.tally.warn(doc.title_line, "film_matched", f"joined {film} by {reason}")
            self.tally.count("unchanged", "Film")
        if not film.title_is_provisional:
            self.absorb_provisional_films(film)
        return film

    def absorb_provisional_films(self, film: Film) -> None:
        """A title-less document that came first made a provisional film; this document names
        it (same year, director and cast): the two are one film."""
        while True:
            other, reason = self.find_film_by_reviews(provisional_only=True, exclude=film.pk)
            if other is None:
                other, reason = self.find_film_by_people(provisional_only=True, exclude=film.pk)
            if other is None:
                return
            merge_films(film, other)
            self.tally.warn(
                self.doc.title_line, "films_merged", f"{other.title} is {film}: {reason}"
            )
            self.tally.count("updated", "Film")

    def find_film_by_people(
        self, *, provisional_only: bool = False, exclude: int | None = None
    ) -> tuple[Film | None, str]:
        """A document without a (matching) title joins the film of the same year with the same
        director and cast."""
        doc = self.doc
        if doc.year is None or not doc.credits:
            return None, ""
        names = {fold(c.name) for c in doc.credits}
        cast_names = {fold(c.name) for c in doc.credits if c.role == "cast"}
        directors = {fold(c.name) for c in doc.credits if c.role == "director"}
        best, best_score, best_reason = None, 0, ""
        candidates = Film.objects.filter(year=doc.year).exclude(pk=exclude)
        if provisional_only:
            candidates = candidates.filter(title_is_provisional=True)
        candidates = candidates.prefetch_related("credits__person__aliases")
        for film in candidates:
            if doc.title and not film.title_is_provisional and not titles_agree(doc.title, film):
                continue
            shared_directors, shared_cast, film_cast = set(), set(), set()
            for credit in film.credits.all():
                spellings = {a.folded for a in credit.person.aliases.all()}
                if credit.role == "director" and spellings & directors:
                    shared_directors |= spellings & directors
                elif credit.role == "cast":
                    film_cast.add(credit.person_id)
                    shared_cast |= spellings & names
            score = 3 * len(shared_directors) + len(shared_cast)
            # Much of the smaller cast list must be shared: a sequel shot the same year by the
            # same director shares a few actors by chance, the same film shares most of them.
            smaller = min(len(cast_names), len(film_cast)) or 1
            enough = len(shared_cast) >= max(2, 0.4 * smaller) and (
                shared_directors or len(shared_cast) >= 3
            )
            if enough and score > best_score:
                best, best_score = film, score
                best_reason = (
                    f"year {doc.year}, {len(shared_directors)} shared director(s) and "
                    f"{len(shared_cast)} shared cast member(s)"
                )
        return best, best_reason

    def find_film_by_reviews(
        self, *, provisional_only: bool = False, exclude: int | None = None
    ) -> tuple[Film | None, str]:
        prints = {fingerprint(r.body) for r in self.doc.reviews}
        if not prints:
            return None, ""
        query = Review.objects.filter(fingerprint__in=prints).exclude(film_id=exclude)
        if provisional_only:
            query = query.filter(film__title_is_provisional=True)
        if self.doc.year:
            query = query.filter(Q(film__year=self.doc.year) | Q(film__year__isnull=True))
        review = query.select_related("film").first()
        if review is None:
            return None, ""
        film = review.film
        if (
            self.doc.title
            and not film.title_is_provisional
            and not titles_agree(self.doc.title, film)
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
            self.tally.warn(1, "provisional_title", f"no title in the document: named {title!r}")
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
        if doc.title:
            self.add_title(film, doc.title, doc.title_line)
        values = {}
        for name in ("year", "logline", "plot", "synopsis", "imdb_id", "imdb_rating"):
            new = getattr(doc, name)
            if new in (None, ""):
                continue
            old = getattr(film, name)
            if old in (None, ""):
                values[name] = new
            elif old != new and not film.is_locked(name):
                self.tally.warn(
                    None,
                    "conflict",
                    f"{film}: {name} {new!r} differs from the stored {old!r}; kept the stored one",
                )
        if values:
            _set_fields(film, values, self.tally)
        choose_film_title(film)
        for record in doc.releases:
            self.upsert(
                Release,
                {
                    "film": film,
                    "territory": record.territory,
                    "medium": record.medium,
                    "date_text": record.date_text,
                    "note": record.note,
                },
                {"date": record.date},
                record.line,
            )
        for record in doc.runtimes:
            self.upsert(
                Runtime,
                {"film": film, "territory": record.territory},
                {"minutes": record.minutes},
                record.line,
            )
        for record in doc.certificates:
            self.upsert(
                Certificate,
                {"film": film, "territory": record.territory},
                {"rating": record.rating, "reason": record.reason},
                record.line,
            )
        for record in doc.distributors:
            self.upsert(
                Distributor,
                {"film": film, "territory": record.territory, "company": record.company},
                {},
                record.line,
            )
        for position, record in enumerate(doc.notes):
            self.upsert(
                FilmNote,
                {"film": film, "kind": record.kind, "text": record.text},
                {"detail": record.detail, "position": position},
                record.line,
                fill_only=True,
            )
        for record in doc.money:
            self.upsert(
                MoneyFigure,
                {
                    "film": film,
                    "kind": record.kind,
                    "territory": record.territory,
                    "currency": record.currency,
                    "amount": record.amount,
                },
                {"date": record.date, "is_estimate": record.is_estimate, "note": record.note},
                record.line,
            )

    def upsert(self, model, lookup, values, line, fill_only=False):
        obj, created = _get_or_create(model, lookup, {**values, **self.prov(line)}, self.tally)
        if not created:
            if fill_only:
                values = {k: v for k, v in values.items() if getattr(obj, k) in (None, "")}
            _set_fields(obj, values, self.tally)
        return obj

    def add_title(self, film: Film, title: str, line: int | None) -> None:
        title = clean_title(title)
        self.upsert(FilmTitle, {"film": film, "title": title}, {"folded": fold(title)}, line)

    # -- series ---------------------------------------------------------------------------

    def load_series(self, film: Film) -> None:
        """Films named in the prose that share the film's title stem form its series."""
        doc = self.doc
        if not doc.title:
            return
        stem, _ = title_stem_and_number(doc.title)
        members = {film.pk: film}
        for mention in doc.mentioned_films:
            if title_stem_and_number(mention.title)[0] != stem:
                if mention.year:
                    self.tally.warn(
                        mention.line,
                        "other_film",
                        f"the prose names {title_case(mention.title)} ({mention.year}), "
                        "which is not part of this film's series: not imported",
                    )
                continue
            if mention.year is None or title_key(mention.title) == title_key(doc.title):
                continue
            other = self.mentioned_film(mention)
            members[other.pk] = other
        if len(members) < 2:
            return
        series = Series.objects.filter(stem=stem).first()
        main_words = split_title(clean_title(doc.title))[0].split()
        if len(main_words) > 1 and title_stem_and_number(doc.title)[1] > 1:
            main_words = main_words[:-1]
        name = doc.series_name or f"{' '.join(main_words)} series"
        if series is None:
            series = Series.objects.create(
                name=name, stem=stem, slug=unique_slug(name, series_slug_taken), **self.prov(None)
            )
            self.tally.count("created", "Series")
        elif doc.series_name and series.name.endswith(" series") and not series.is_locked("name"):
            # A name a document gives beats the one made up from the title.
            _set_fields(series, {"name": doc.series_name}, self.tally)
        for member in members.values():
            if member.series_id is None and not member.is_locked("series"):
                member.series = series
                member.save(update_fields=["series"])
            self.touched_films.add(member.pk)
        order_series(series)
        self.touched_series.add(series.pk)

    def mentioned_film(self, mention: MentionedFilm) -> Film:
        film = find_film_by_title(mention.title, mention.year)
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
        self.add_title(film, mention.title, mention.line)
        choose_film_title(film)
        return film

    # -- people and credits -----------------------------------------------------------------

    def load_credits(self, film: Film) -> None:
        for record in self.doc.credits:
            person = self.resolve_person(record.name, film, record.role, record.line)
            if record.credited_as:
                self.absorb_credited_alias(person, record, film)
            self.upsert_credit(film, person, record)
        merge_close_spellings(film, self.tally)

    def resolve_person(self, name: str, film: Film, role: str, line: int) -> Person:
        folded = fold(name)
        people = list(Person.objects.filter(aliases__folded=folded).distinct().order_by("pk"))
        if len(people) > 1:
            credited_here = [p for p in people if p.credits.filter(film=film).exists()]
            people = credited_here or people
        if people:
            person = people[0]
            reason = "" if name == person.name else f"{person.name} with accents folded"
            self.record_alias(person, name, line, reason)
            return person
        match = close_spelling_in_film(name, film, role)
        if match is not None:
            person, ratio = match
            self.record_alias(
                person,
                name,
                line,
                f"close spelling of {person.name} (similarity {ratio:.0f}); both in the "
                f"{role} credits of {film}",
            )
            return person
        person = Person.objects.create(
            name=name, slug=unique_slug(name, person_slug_taken), **self.prov(line)
        )
        self.tally.count("created", "Person")
        self.record_alias(person, name, line, "first seen")
        return person

    def record_alias(self, person: Person, name: str, line: int, reason: str, credited=False):
        alias = PersonAlias.objects.filter(person=person, name=name).first()
        if alias is None:
            self.learned_names |= not name.isascii()
            PersonAlias.objects.create(
                person=person,
                name=name,
                reason=reason,
                is_credited_alias=credited,
                documents=[self.source.name],
                source_rank=self.rank,
                **self.prov(line),
            )
            self.tally.count("created", "PersonAlias")
        else:
            values = {}
            if self.source.name not in alias.documents:
                values["documents"] = sorted({*alias.documents, self.source.name})
            if self.rank > alias.source_rank:
                values["source_rank"] = self.rank
            if credited and not alias.is_credited_alias:
                values["is_credited_alias"] = True
            if not _set_fields(alias, values, self.tally):
                return  # nothing new about this spelling: the name stands
        choose_person_name(person)

    def absorb_credited_alias(self, person: Person, record: CreditRecord, film: Film) -> None:
        """`Refn - Brian (as Jang Go Star)`: the alias is this person; merge anyone under it."""
        folded = fold(record.credited_as)
        for other in Person.objects.filter(aliases__folded=folded).exclude(pk=person.pk).distinct():
            merge_people(
                person,
                other,
                f"credited as {record.credited_as} in {film} ({self.source.name}:{record.line})",
                self.tally,
            )
        self.record_alias(
            person,
            record.credited_as,
            record.line,
            f"credited as {record.credited_as} in {film}",
            credited=True,
        )

    def upsert_credit(self, film: Film, person: Person, record: CreditRecord) -> None:
        character = self.resolve_character(film, record.character) if record.character else None
        credits = Credit.objects.filter(film=film, person=person, role=record.role).select_related(
            "source"
        )
        existing = None
        if character is not None:
            existing = next((c for c in credits if c.character_id == character.pk), None)
            existing = existing or next((c for c in credits if c.character_id is None), None)
        else:
            existing = next(iter(credits), None)
        if existing is None:
            Credit.objects.create(
                film=film,
                person=person,
                role=record.role,
                character=character,
                credited_as=record.credited_as,
                billing_order=record.billing_order,
                is_top_billed=record.top_billed,
                **self.prov(record.line),
            )
            self.tally.count("created", "Credit")
            return
        values = {}
        if character is not None and existing.character_id is None:
            values["character"] = character
        if record.credited_as and not existing.credited_as:
            values["credited_as"] = record.credited_as
        if record.top_billed and not existing.is_top_billed:
            values["is_top_billed"] = True
        if record.billing_order is not None:
            old_rank = SOURCE_RANK.get(existing.source.format, 0) if existing.source else -1
            if existing.billing_order is None or self.rank > old_rank:
                values["billing_order"] = record.billing_order
                values["source"], values["source_line"] = self.source, record.line
        _set_fields(existing, values, self.tally)

    def resolve_character(self, film: Film, name: str) -> Character:
        folded = fold(name)
        films = [film.pk]
        if film.series_id:
            films = list(Film.objects.filter(series_id=film.series_id).values_list("pk", flat=True))
        character = (
            Character.objects.filter(folded_name=folded, credits__film__in=films)
            .order_by("pk")
            .first()
        )
        if character is None:
            self.learned_names |= not name.isascii()
            character = Character.objects.create(name=name, **self.prov(None))
            self.tally.count("created", "Character")
        return character

    def consolidate_characters(self) -> None:
        """Characters of the same name in the films of one series are one character."""
        for series_id in self.touched_series:
            credits = Credit.objects.filter(
                film__series_id=series_id, character__isnull=False
            ).select_related("character")
            by_name: dict[str, list[Credit]] = defaultdict(list)
            for credit in credits:
                by_name[credit.character.folded_name].append(credit)
            for group in by_name.values():
                keep = min(c.character_id for c in group)
                for credit in group:
                    if credit.character_id != keep:
                        QuoteLine.objects.filter(character_id=credit.character_id).update(
                            character_id=keep
                        )
                        # The same actor may already hold this character in this film.
                        _move_rows(Credit.objects.filter(pk=credit.pk), character_id=keep)
                        self.tally.count("updated", "Credit")
        Character.objects.filter(credits__isnull=True, quote_lines__isnull=True).delete()

    # -- quotes -----------------------------------------------------------------------------

    def load_quotes(self, film: Film) -> None:
        characters = {
            c.character.folded_name: c.character
            for c in film.credits.filter(character__isnull=False).select_related("character")
        }
        for position, record in enumerate(self.doc.quotes):
            print_ = fingerprint(" ".join(f"{s} {t}" for s, t in record.lines))
            quote, created = _get_or_create(
                Quote,
                {"film": film, "fingerprint": print_},
                {"position": position, **self.prov(record.line)},
                self.tally,
            )
            if not created:
                self.tally.count("unchanged", "Quote")
                continue
            QuoteLine.objects.bulk_create(
                QuoteLine(
                    quote=quote,
                    position=i,
                    speaker=speaker,
                    character=characters.get(fold(speaker)),
                    text=text,
                )
                for i, (speaker, text) in enumerate(record.lines)
            )
            for speaker, _ in record.lines:
                if fold(speaker) not in characters:
                    self.tally.warn(
                        record.line,
                        "unknown_speaker",
                        f"quote speaker {speaker!r} is not in the cast",
                    )

    # -- reviews ----------------------------------------------------------------------------

    def load_reviews(self, film: Film) -> None:
        records = self.doc.reviews
        if not records:
            return
        needs_repair = any(LOST_LETTER.search(f"{r.username} {r.title} {r.body}") for r in records)
        known_words = known_name_words() if needs_repair else set()
        ambiguous = {u for r in records for u, _ in r.author_alternatives[1:]}
        ambiguous |= {
            r.author_alternatives[0][0] for r in records if len(r.author_alternatives) > 1
        }
        known_reviewers = (
            set(
                Reviewer.objects.filter(
                    folded_username__in=[fold(u) for u in ambiguous]
                ).values_list("folded_username", flat=True)
            )
            if ambiguous
            else set()
        )
        existing = {r.fingerprint: r for r in Review.objects.filter(film=film)}
        prepared = [self.prepare_review(r, known_words, known_reviewers) for r in records]
        reviewers = self.resolve_reviewers({p["username"] for p in prepared if p["username"]})
        to_create, seen = [], set()
        for record, data in zip(records, prepared, strict=True):
            print_ = fingerprint(record.body)
            if print_ in seen:
                self.tally.warn(record.line, "duplicate_review", "the same review twice: kept once")
                continue
            seen.add(print_)
            reviewer = reviewers.get(fold(data["username"])) if data["username"] else None
            review = existing.get(print_)
            if review is None:
                to_create.append(
                    Review(
                        film=film,
                        reviewer=reviewer,
                        fingerprint=print_,
                        title=data["title"],
                        body=data["body"],
                        date=data["date"],
                        rating=record.rating,
                        rating_source=record.rating_source,
                        helpful_yes=record.helpful_yes,
                        helpful_total=record.helpful_total,
                        has_spoilers=record.has_spoilers,
                        has_lost_letters=data["lost"],
                        search_text=review_search_text(data["title"], data["body"]),
                        **self.prov(record.line),
                    )
                )
            else:
                self.merge_review(review, record, data, reviewer)
        Review.objects.bulk_create(to_create, batch_size=500)
        self.tally.count("created", "Review", len(to_create))
        refresh_reviewer_counts(reviewers.values())

    def prepare_review(self, record: ReviewRecord, known_words, known_reviewers) -> dict:
        username, removed = strip_email(record.username)
        if removed:
            self.tally.warn(
                record.line, "email_removed", "an e-mail address was removed from a username"
            )
        when = record.date
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
        title, body, lost = record.title, record.body, False
        for label in ("username", "title", "body"):
            text = {"username": username, "title": title, "body": body}[label]
            if not LOST_LETTER.search(text):
                continue
            repaired, fixes, unresolved = repair_lost_letters(text, known_words)
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
        return {"username": username, "title": title, "body": body, "date": when, "lost": lost}

    def resolve_reviewers(self, usernames: set[str]) -> dict[str, Reviewer]:
        by_fold = {fold(u): u for u in sorted(usernames)}
        found = {r.folded_username: r for r in Reviewer.objects.filter(folded_username__in=by_fold)}
        missing = []
        taken = set(
            Reviewer.objects.filter(
                slug__in=[unique_slug(u, lambda s: False) for u in by_fold.values()]
            ).values_list("slug", flat=True)
        )
        for folded, username in by_fold.items():
            if folded in found:
                self.tally.count("unchanged", "Reviewer")
                continue
            slug = unique_slug(username, lambda s: s in taken)
            taken.add(slug)
            missing.append(
                Reviewer(username=username, folded_username=folded, slug=slug, **self.prov(None))
            )
        for reviewer in Reviewer.objects.bulk_create(missing):
            found[reviewer.folded_username] = reviewer
        if missing:
            found.update(
                {r.folded_username: r for r in Reviewer.objects.filter(folded_username__in=by_fold)}
            )
        self.tally.count("created", "Reviewer", len(missing))
        return found

    def merge_review(self, review: Review, record: ReviewRecord, data: dict, reviewer) -> None:
        """The same review from two documents: keep the richer paragraphs, fill what is empty."""
        values = {}
        stored_rank = SOURCE_RANK.get(review.source.format, 0) if review.source_id else -1
        if (paragraph_count(data["body"]), self.rank) > (paragraph_count(review.body), stored_rank):
            values["body"] = data["body"]
            values["has_lost_letters"] = data["lost"]
        if data["title"] and not review.title:
            values["title"] = data["title"]
        for name, new in (
            ("reviewer", reviewer),
            ("date", data["date"]),
            ("rating", record.rating),
            ("rating_source", record.rating_source),
            ("helpful_yes", record.helpful_yes),
            ("helpful_total", record.helpful_total),
        ):
            if new not in (None, "") and getattr(review, name) in (None, ""):
                values[name] = new
        if record.has_spoilers and not review.has_spoilers:
            values["has_spoilers"] = True
        _set_fields(review, values, self.tally)


# -- shared resolution rules ------------------------------------------------------------------


def clean_title(title: str) -> str:
    title = " ".join(title.split())
    return title_case(title) if title.isupper() else title


def film_slug(title: str, year: int | None) -> str:
    return unique_slug(f"{title} {year or ''}", lambda s: Film.objects.filter(slug=s).exists())


def person_slug_taken(slug: str) -> bool:
    return Person.objects.filter(slug=slug).exists()


def series_slug_taken(slug: str) -> bool:
    return Series.objects.filter(slug=slug).exists()


def titles_agree(title: str, film: Film) -> bool:
    """Same main title (case, numerals folded) and no conflicting subtitles."""
    key = title_key(title)
    subtitle = fold(split_title(title)[1])
    for known in [film.title, *film.titles.values_list("title", flat=True)]:
        if title_key(known) != key:
            continue
        other = fold(split_title(known)[1])
        if not subtitle or not other or subtitle == other:
            return True
    return False


def find_film_by_title(title: str, year: int | None) -> Film | None:
    key = title_key(title)
    first_word = key.split()[0] if key else ""
    candidates = Film.objects.filter(
        Q(titles__folded__startswith=first_word) | Q(title__istartswith=first_word)
    ).distinct()
    if year:
        candidates = candidates.filter(Q(year=year) | Q(year__isnull=True))
    for film in candidates.order_by("pk"):
        if titles_agree(title, film):
            return film
    return None


def choose_film_title(film: Film) -> None:
    """The fullest title any document gave: with its subtitle, then the longest."""
    titles = list(FilmTitle.objects.filter(film=film).values_list("title", flat=True))
    if not titles or film.is_locked("title"):
        return
    best = max(titles, key=lambda t: (bool(split_title(t)[1]), len(t), t))
    if film.title != best or film.title_is_provisional:
        film.title, film.title_is_provisional = best, False
        fields = ["title", "title_is_provisional"]
        # The slug follows the title, so that it does not depend on which document came first.
        if not film.is_locked("slug"):
            film.slug = unique_slug(
                f"{best} {film.year or ''}",
                lambda s: Film.objects.filter(slug=s).exclude(pk=film.pk).exists(),
            )
            fields.append("slug")
        film.save(update_fields=fields)


def choose_person_name(person: Person) -> None:
    """The spelling most documents use; then the one with letters outside ASCII (more was
    kept), then the one from the most careful format."""
    if person.is_locked("name"):
        return
    # Fresh from the database: a prefetched list on `person` may predate the new spelling.
    aliases = list(PersonAlias.objects.filter(person=person, is_credited_alias=False))
    if not aliases:
        return
    best = max(
        aliases,
        key=lambda a: (
            len(a.documents),
            sum(not c.isascii() for c in a.name),
            a.source_rank,
            a.name,
        ),
    )
    if person.name != best.name:
        person.name = best.name
        person.save(update_fields=["name", "folded_name"])


def names_close(a: str, b: str) -> float:
    """Similarity of two names, 0 when any part differs too much (Thomas and Kenneth Herschel)."""
    parts_a, parts_b = fold(a).split(), fold(b).split()
    if len(parts_a) != len(parts_b) or not parts_a:
        return 0.0
    if any(fuzz.ratio(x, y) < NAME_PART_RATIO for x, y in zip(parts_a, parts_b, strict=True)):
        return 0.0
    ratio = fuzz.ratio(" ".join(parts_a), " ".join(parts_b))
    return ratio if ratio >= NAME_MATCH_RATIO else 0.0


def close_spelling_in_film(name: str, film: Film, role: str) -> tuple[Person, float] | None:
    best = None
    credits = Credit.objects.filter(film=film, role=role).select_related("person")
    for credit in credits.prefetch_related("person__aliases"):
        for alias in credit.person.aliases.all():
            ratio = names_close(name, alias.name)
            if ratio and (best is None or ratio > best[1]):
                best = (credit.person, ratio)
    return best


def merge_close_spellings(film: Film, tally: Tally) -> None:
    """Two people in the same credits of one film whose names are close spellings are one."""
    credits = list(Credit.objects.filter(film=film).select_related("person").order_by("person_id"))
    by_role: dict[str, dict[int, Person]] = defaultdict(dict)
    for credit in credits:
        by_role[credit.role][credit.person_id] = credit.person
    merged: set[int] = set()
    for role, people in by_role.items():
        ordered = sorted(people.values(), key=lambda p: p.pk)
        for i, keep in enumerate(ordered):
            if keep.pk in merged:
                continue
            for other in ordered[i + 1 :]:
                if other.pk in merged:
                    continue
                ratio = names_close(keep.name, other.name)
                if ratio:
                    merge_people(
                        keep,
                        other,
                        f"close spelling of {keep.name} (similarity {ratio:.0f}); both in the "
                        f"{role} credits of {film}",
                        tally,
                    )
                    merged.add(other.pk)


def merge_people(keep: Person, other: Person, reason: str, tally: Tally | None = None) -> None:
    """Move every credit and alias of `other` to `keep`, then delete `other`."""
    for credit in Credit.objects.filter(person=other):
        twin = (
            Credit.objects.filter(film=credit.film_id, person=keep, role=credit.role)
            .filter(
                Q(character=credit.character_id) | Q(character__isnull=True)
                if credit.character_id
                else Q()
            )
            .first()
        )
        if twin is None:
            credit.person = keep
            credit.save(update_fields=["person"])
            continue
        values = {}
        if credit.character_id and not twin.character_id:
            values["character_id"] = credit.character_id
        if credit.credited_as and not twin.credited_as:
            values["credited_as"] = credit.credited_as
        if credit.is_top_billed and not twin.is_top_billed:
            values["is_top_billed"] = True
        if twin.billing_order is None and credit.billing_order is not None:
            values["billing_order"] = credit.billing_order
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


def _move_rows(queryset, **values) -> None:
    """Move rows one by one; a row that would duplicate one already there is dropped."""
    for row in queryset:
        try:
            with transaction.atomic():
                type(row).objects.filter(pk=row.pk).update(**values)
        except IntegrityError:
            row.delete()


def merge_films(keep: Film, other: Film) -> None:
    """Everything known of `other` moves to `keep`; `keep`'s own values win."""
    for model in (
        FilmTitle,
        Credit,
        Release,
        Runtime,
        Certificate,
        Distributor,
        FilmNote,
        MoneyFigure,
        Quote,
        Review,
    ):
        _move_rows(model.objects.filter(film=other), film=keep)
    if not other.title_is_provisional:
        FilmTitle.objects.get_or_create(
            film=keep, title=other.title, defaults={"folded": fold(other.title)}
        )
    changed = []
    for name in ("year", "logline", "plot", "synopsis", "imdb_id", "imdb_rating", "series"):
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(keep, name, getattr(other, name))
            changed.append(name)
    other.delete()
    if changed:
        keep.save(update_fields=changed)
    choose_film_title(keep)
    if keep.series_id:
        order_series(keep.series)
    refresh_film_aggregates(keep.pk)


def order_series(series: Series) -> None:
    """Number the films of a series by the numeral in their title, then by year."""
    films = list(Film.objects.filter(series=series))
    if any(f.is_locked("series_position") for f in films):
        return
    ordered = sorted(
        films, key=lambda f: (title_stem_and_number(f.title)[1], f.year or 9999, f.title)
    )
    wanted = {f.pk: i for i, f in enumerate(ordered, start=1)}
    if all(f.series_position == wanted[f.pk] for f in films):
        return
    Film.objects.filter(series=series).update(series_position=None)
    for film in films:
        Film.objects.filter(pk=film.pk).update(series_position=wanted[film.pk])


def known_name_words() -> set[str]:
    """Words with letters outside ASCII in the names of people and characters."""
    words: set[str] = set()
    for name in PersonAlias.objects.values_list("name", flat=True):
        words |= non_ascii_words(name)
    for name in Character.objects.values_list("name", flat=True):
        words |= non_ascii_words(name)
    return words


def repair_stored_lost_letters(tally: Tally) -> None:
    """Reviews stored before a document taught us the name they mangle are repaired now."""
    pending = [
        review
        for review in Review.objects.filter(has_lost_letters=True)
        if not review.is_locked("body")
    ]
    if not pending:
        return
    words = known_name_words()
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


def refresh_film_aggregates(film_id: int) -> None:
    """Recompute the stored review count, average, histogram and reviews per year of a film."""
    visible = Review.objects.filter(film_id=film_id, is_hidden=False)
    stats = visible.aggregate(count=Count("pk"), rated=Count("rating"), average=Avg("rating"))
    histogram = [0] * 11
    for rating in visible.exclude(rating__isnull=True).values_list("rating", flat=True):
        histogram[int(Decimal(rating).quantize(Decimal(1), rounding=ROUND_HALF_UP))] += 1
    per_year = {
        str(row["date__year"]): row["n"]
        for row in visible.exclude(date__isnull=True)
        .values("date__year")
        .annotate(n=Count("pk"))
        .order_by("date__year")
    }
    average = stats["average"]
    Film.objects.filter(pk=film_id).update(
        review_count=stats["count"],
        rated_review_count=stats["rated"],
        average_rating=Decimal(average).quantize(Decimal("0.01")) if average is not None else None,
        rating_histogram=histogram if stats["rated"] else [],
        reviews_per_year=per_year,
    )


def refresh_reviewer_counts(reviewers) -> None:
    """Visible reviews per reviewer, in one UPDATE."""
    visible = (
        Review.objects.filter(reviewer=OuterRef("pk"), is_hidden=False)
        .order_by()
        .values("reviewer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Reviewer.objects.filter(pk__in=[r.pk for r in reviewers]).update(
        review_count=Coalesce(Subquery(visible), 0)
    )


def bump_data_version() -> int:
    row, _ = DataVersion.objects.get_or_create(pk=1)
    # update() skips auto_now: the time is set here, for Last-Modified.
    DataVersion.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
    return row.version + 1


def load_document(doc: FilmDocument, source: SourceDocument) -> Tally:
    return DocumentLoader(doc, source).load()
