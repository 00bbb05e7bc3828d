"""Films, the people who made them, their series, reviewers and reviews, with provenance.

Every imported row knows the document and line it came from (`source`, `source_line`).
Fields that staff edit in the admin are listed in `locked_fields`, and the importer never
writes them again.
"""

import datetime
import functools
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from .text import fold, review_search_text, title_key

# A value no slug or key takes, reversed in its place to make a route's template.
_SENTINEL = {str: "zq9-route-sentinel-9qz", int: 987_654_321_987}


@functools.lru_cache(maxsize=64)
def _route_template(name: str, kind: type, prefix: str) -> str:
    sentinel = str(_SENTINEL[kind])
    url = reverse(name, args=[_SENTINEL[kind]])
    if url.count(sentinel) != 1:
        raise ValueError(f"route {name} cannot be templated")
    return url.replace("{", "{{").replace("}", "}}").replace(sentinel, "{}")


def route_url(name: str, value: str | int) -> str:
    """`reverse(name, args=[value])` for a route with one slug or key, reversed once per route
    (and script prefix): a list page links some sixty rows, and `reverse` cost 40 us each."""
    kind = int if isinstance(value, int) else str
    value = quote(str(value), safe=RFC3986_SUBDELIMS + "/~:@")  # as `reverse` quotes
    return _route_template(name, kind, get_script_prefix()).format(value)


class SourceDocument(models.Model):
    """A file that was imported: its name, format and content hash."""

    class Format(models.TextChoices):
        METADATA_DUMP = "metadata_dump", "Metadata dump"
        REVIEW_XML = "review_xml", "Review XML"
        PRESS_KIT = "press_kit", "Press kit"
        REVIEW_PAGE = "review_page", "Review page copy"

    name = models.CharField(max_length=255, unique=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    first_imported_at = models.DateTimeField(auto_now_add=True)
    last_imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Provenanced(models.Model):
    """Abstract base: the document and line a row was first read from."""

    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def provenance(self) -> str:
        if self.source_id is None:
            return ""
        return f"{self.source.name}:{self.source_line}" if self.source_line else self.source.name


class Curated(models.Model):
    """Abstract base: names the fields staff corrected, which imports leave alone."""

    locked_fields = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def is_locked(self, field: str) -> bool:
        return field in self.locked_fields


class Series(Curated, Provenanced):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    stem = models.CharField(
        max_length=255,
        db_index=True,
        help_text="The folded title the films of the series share; how imports find it.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return route_url("reviews:series-detail", self.slug)


class FilmQuerySet(models.QuerySet):
    def sequels(self):
        return self.filter(series_position__gt=1)

    def originals(self):
        return self.exclude(series_position__gt=1)

    def for_cards(self):
        """What a film's card shows beside the film's own fields, for lists of films: its
        directors as `director_credits` and its genres as `genre_notes` (a query each for the
        page)."""
        genres = FilmNote.objects.filter(kind=FilmNote.Kind.GENRE).order_by("position", "id")
        directors = (
            Credit.objects.filter(role=Credit.Role.DIRECTOR)
            .select_related("person")
            .order_by("billing_order", "id")
        )
        return self.select_related("series").prefetch_related(
            models.Prefetch("notes", queryset=genres, to_attr="genre_notes"),
            models.Prefetch("credits", queryset=directors, to_attr="director_credits"),
        )


class Film(Curated, Provenanced):
    title = models.CharField(max_length=255)
    title_is_provisional = models.BooleanField(
        default=False, help_text="No document has named this film yet; the title was made up."
    )
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    logline = models.TextField(blank=True)
    plot = models.TextField(blank=True)
    synopsis = models.TextField(blank=True)
    imdb_id = models.CharField(max_length=16, blank=True, db_index=True)
    imdb_rating = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10))],
    )
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="films"
    )
    series_position = models.PositiveSmallIntegerField(null=True, blank=True)
    # Aggregates of the visible reviews, kept up to date by the importer and the admin.
    review_count = models.PositiveIntegerField(default=0, editable=False)
    rated_review_count = models.PositiveIntegerField(default=0, editable=False)
    average_rating = models.DecimalField(
        max_digits=4, decimal_places=2, null=True, blank=True, editable=False
    )
    rating_histogram = models.JSONField(default=list, blank=True, editable=False)
    reviews_per_year = models.JSONField(default=dict, blank=True, editable=False)

    objects = FilmQuerySet.as_manager()

    class Meta:
        ordering = ["year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "series_position"],
                name="film_unique_series_position",
                condition=Q(series__isnull=False),
            ),
            models.CheckConstraint(
                condition=Q(imdb_rating__isnull=True) | Q(imdb_rating__gte=0, imdb_rating__lte=10),
                name="film_imdb_rating_0_10",
            ),
        ]
        indexes = [
            models.Index(fields=["title"]),
            models.Index(fields=["average_rating"]),
            models.Index(fields=["imdb_rating"]),
            models.Index(fields=["review_count"]),
            models.Index(fields=["series", "series_position"]),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self):
        return route_url("reviews:film-detail", self.slug)

    @property
    def is_sequel(self) -> bool:
        return bool(self.series_position and self.series_position > 1)


class FilmTitle(Provenanced):
    """Every title a document gave a film; the film's title is chosen among those given as its
    title (the others when there are none)."""

    class Kind(models.TextChoices):
        # In order of precedence: a title one document gives as the film's and another as an
        # alternative is the film's. An English title (`Yojimbo (World-wide: English title)`)
        # names the film here when only review copies give it a title (`choose_film_title`).
        TITLE = "title", "title"
        ENGLISH = "english", "English title"
        ORIGINAL = "original", "original title"
        AKA = "aka", "also known as"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TITLE)
    # Whether a document gives it as the film's original title, whatever its kind: a review
    # file that titles the film so (`El laberinto del fauno`) does not make it any less the
    # original title a kit gives under the English one.
    is_original = models.BooleanField(
        "original title", default=False, help_text="A document gives it as the original title."
    )
    folded = models.CharField(max_length=255, db_index=True, editable=False)
    # The main title folded with numerals as digits (`text.title_key`): the importer finds a
    # film by it, with an index, whatever the number of films.
    key = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["film", "title"], name="filmtitle_unique"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        self.folded, self.key = fold(self.title), title_key(self.title)
        if update_fields is not None and "title" in update_fields:
            update_fields = [*update_fields, "folded", "key"]
        if self.kind == self.Kind.ORIGINAL and not self.is_original:
            self.is_original = True  # given as the original title, by a document or by staff
            if update_fields is not None:
                update_fields = [*update_fields, "is_original"]
        super().save(*args, update_fields=update_fields, **kwargs)


class Person(Curated, Provenanced):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    folded_name = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return route_url("reviews:person-detail", self.slug)


class PersonAlias(Provenanced):
    """A spelling a person appears under, and why it was taken to be this person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    folded = models.CharField(max_length=255, db_index=True, editable=False)
    is_credited_alias = models.BooleanField(
        default=False, help_text="A name the person was credited under, such as (as …)."
    )
    reason = models.CharField(max_length=500, blank=True)
    documents = models.JSONField(
        default=list, editable=False, help_text="Names of the documents using this spelling."
    )
    source_rank = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="Rank of the most careful format that used it."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="personalias_unique"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        super().save(*args, **kwargs)


class Character(Provenanced):
    """A character, shared by the films of one series when they carry the same name."""

    name = models.CharField(max_length=255)
    folded_name = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)


class Credit(Provenanced):
    class Role(models.TextChoices):
        DIRECTOR = "director", "Director"
        WRITER = "writer", "Writer"
        PRODUCER = "producer", "Producer"
        CINEMATOGRAPHER = "cinematographer", "Cinematographer"
        COMPOSER = "composer", "Composer"
        EDITOR = "editor", "Editor"
        CAST = "cast", "Cast"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=20, choices=Role.choices)
    character = models.ForeignKey(
        Character, null=True, blank=True, on_delete=models.SET_NULL, related_name="credits"
    )
    credited_as = models.CharField(max_length=255, blank=True)
    # What the document says of the credit in parentheses: screenplay, novel, uncredited, voice.
    note = models.CharField(max_length=255, blank=True)
    billing_order = models.PositiveSmallIntegerField(null=True, blank=True)
    is_top_billed = models.BooleanField(default=False)

    class Meta:
        # By `film_id`, here and in the film's other facts: by `film`, each read of a film's
        # facts joined the film table to sort by the film's own ordering.
        ordering = ["film_id", "role", "billing_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role", "character"],
                name="credit_unique_with_character",
                condition=Q(character__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["film", "person", "role"],
                name="credit_unique_without_character",
                condition=Q(character__isnull=True),
            ),
        ]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self):
        label = f"{self.person} — {self.get_role_display()} in {self.film}"
        return f"{label} as {self.character}" if self.character_id else label


class Release(Provenanced):
    class Medium(models.TextChoices):
        THEATRICAL = "theatrical", "Cinema"
        DVD = "dvd", "DVD"
        BLU_RAY = "blu-ray", "Blu-ray"
        TV = "tv", "Television"
        STREAMING = "streaming", "Streaming"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="releases")
    territory = models.CharField(max_length=100, blank=True, help_text="Blank: the original.")
    medium = models.CharField(max_length=12, choices=Medium.choices, default=Medium.THEATRICAL)
    date = models.DateField(null=True, blank=True)
    date_text = models.CharField(max_length=100, blank=True, help_text="As the document gave it.")
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["film_id", "date", "territory", "medium"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "territory", "medium", "date_text", "note"],
                name="release_unique",
            ),
        ]

    def __str__(self):
        return f"{self.territory or 'Original'} {self.get_medium_display()}: {self.date_text}"


class Runtime(Provenanced):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="runtimes")
    territory = models.CharField(max_length=100, blank=True)
    minutes = models.PositiveSmallIntegerField()
    # The version the runtime is of, where a document tells several: `director's cut`.
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["film_id", "territory", "note"]
        constraints = [
            models.UniqueConstraint(fields=["film", "territory", "note"], name="runtime_unique"),
        ]

    def __str__(self):
        told = ", ".join(filter(None, [self.territory, self.note]))
        return f"{self.minutes} min ({told})" if told else f"{self.minutes} min"


class Certificate(Provenanced):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="certificates")
    territory = models.CharField(max_length=100)
    rating = models.CharField(max_length=20)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["film_id", "territory"]
        constraints = [
            models.UniqueConstraint(fields=["film", "territory"], name="certificate_unique"),
        ]

    def __str__(self):
        return f"{self.territory} {self.rating}"


class Distributor(Provenanced):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="distributors")
    territory = models.CharField(max_length=100)
    company = models.CharField(max_length=255)

    class Meta:
        ordering = ["film_id", "territory", "company"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "territory", "company"], name="distributor_unique"
            ),
        ]

    def __str__(self):
        return f"{self.company} ({self.territory})"


class FilmNote(Provenanced):
    """One short fact of a kind: a genre, a language, a country, a location, a tagline, trivia,
    a goof, a production company, a technical specification, a plot keyword; or a paragraph of
    a press kit's notes (on the director, the production)."""

    class Kind(models.TextChoices):
        GENRE = "genre", "Genre"
        LANGUAGE = "language", "Language"
        COUNTRY = "country", "Country"
        LOCATION = "location", "Filming location"
        TAGLINE = "tagline", "Tagline"
        TRIVIA = "trivia", "Trivia"
        GOOF = "goof", "Goof"
        PRESS = "press", "Press notes"
        COMPANY = "company", "Production company"
        TECHNICAL = "technical", "Technical specification"
        KEYWORD = "keyword", "Plot keyword"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    detail = models.CharField(
        max_length=255, blank=True, help_text="A qualifier: a goof's category, subtitles, …"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["film_id", "kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["film", "kind", "text"], name="filmnote_unique"),
        ]
        indexes = [models.Index(fields=["kind", "text"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class MoneyFigure(Provenanced):
    class Kind(models.TextChoices):
        BUDGET = "budget", "Budget"
        OPENING_WEEKEND = "opening_weekend", "Opening weekend"
        GROSS = "gross", "Gross"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="money")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    currency = models.CharField(max_length=3)
    territory = models.CharField(max_length=100, blank=True)
    date = models.DateField(null=True, blank=True)
    is_estimate = models.BooleanField(default=False)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["film_id", "kind", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "kind", "territory", "currency", "amount"],
                name="moneyfigure_unique",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.currency} {self.amount:,.0f}"


class Quote(Provenanced):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveSmallIntegerField(default=0)
    fingerprint = models.CharField(max_length=40, editable=False)

    class Meta:
        ordering = ["film_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["film", "fingerprint"], name="quote_unique"),
        ]

    def __str__(self):
        first = self.lines.first()
        return f"Quote from {self.film}: {first.text[:50] if first else ''}"


class QuoteLine(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    speaker = models.CharField(max_length=255)
    character = models.ForeignKey(
        Character, null=True, blank=True, on_delete=models.SET_NULL, related_name="quote_lines"
    )
    text = models.TextField()

    class Meta:
        ordering = ["quote_id", "position"]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"


class Reviewer(Curated, Provenanced):
    username = models.CharField(max_length=255)
    folded_username = models.CharField(max_length=255, unique=True, editable=False)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    review_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["username"]

    def __str__(self):
        return self.username

    def save(self, *args, **kwargs):
        if not self.folded_username:
            self.folded_username = fold(self.username)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return route_url("reviews:reviewer-detail", self.slug)


# A text search counts its matches first, up to this many: when there are no more, the query
# gets their keys and sorts them; when there are more, it walks the list's sort index for a page
# of them. Left to themselves, PostgreSQL (which guesses that 2 % of rows match any prefix
# query: it has no statistics for prefixes) would always walk, through the whole table for a
# rare word, and SQLite would always sort, every review for a common one.
FEW_TEXT_MATCHES = 1000
# SQLite's FTS5 table over the reviews' `search_text` (migration 0008: external content, kept by
# triggers).
SQLITE_FULL_TEXT_TABLE = "reviews_review_fts"


def searched_words(query: str) -> list[str]:
    """The folded words of `query` that a text search looks for in the reviews: those of two
    letters or more. A letter alone begins a word of nearly every review: it narrows nothing,
    and is the dearest to look up (the index merges every word it begins: 0.1 to 0.3 s)."""
    return [word for word in fold(query).split() if len(word) > 1]


def _few_text_matches(match: str, limit: int) -> list[int] | None:
    """The keys of the reviews that `match` finds (a tsquery on PostgreSQL, an FTS5 query on
    SQLite) when there are at most `limit`, else None; read from the full-text index alone (on
    PostgreSQL a bitmap scan: told not to read the table instead)."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:  # for SET LOCAL
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                'SELECT "id" FROM "reviews_review" '
                "WHERE \"search_vector\" @@ to_tsquery('simple'::regconfig, %s) LIMIT %s",
                [match, limit + 1],
            )
            keys = [key for (key,) in cursor.fetchall()]
    else:  # no transaction: SQLite's would take the write lock (`transaction_mode`)
        fts = connection.ops.quote_name(SQLITE_FULL_TEXT_TABLE)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT %s", [match, limit + 1]
            )
            keys = [key for (key,) in cursor.fetchall()]
    return keys if len(keys) <= limit else None


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def matching(self, query: str):
        """Reviews whose title or text hold every word of the query as the start of a word,
        accents ignored: the database's full-text index over `search_text` (SQLite: the FTS5
        table of migration 0008; PostgreSQL: the stored tsvector of migration 0009).

        The matches are counted first, when this is called. A few are found by their keys and
        sorted. Many (a common word) are kept as the list walks its sort's index: a list sorted
        from all of them took 0.6 s on SQLite for a word most of 500,000 reviews hold, and on
        PostgreSQL 4.4 s for a rare word, the planner having guessed the other way."""
        words = fold(query).split()
        if not words:  # only punctuation: look for it literally
            return self.filter(models.Q(body__icontains=query) | models.Q(title__icontains=query))
        words = searched_words(query) or words  # letters alone, when nothing else is asked
        # Folded words are letters and digits only: nothing in them is query syntax.
        if connection.vendor == "postgresql":
            match = " & ".join(f"{word}:*" for word in words)
            # Each row's stored tsvector is cheap to check.
            sql = '"reviews_review"."search_vector" @@ to_tsquery(\'simple\'::regconfig, %s)'
        else:
            match = " ".join(f'"{word}"*' for word in words)
            fts = connection.ops.quote_name(SQLITE_FULL_TEXT_TABLE)
            # The unary `+` keeps SQLite from looking each match up by its key and sorting
            # them all: it walks the sort's index and keeps the rows among the matches.
            sql = f'+"reviews_review"."id" IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)'
        keys = _few_text_matches(match, FEW_TEXT_MATCHES)
        if keys is not None:
            return self.filter(pk__in=keys)
        return self.filter(RawSQL(sql, [match], output_field=models.BooleanField()))

    # Film conditions as subqueries, not joins: with a join, SQLite would rather read the films
    # first and sort their reviews than walk the sort's index (tests/test_query_plans.py).
    def of_sequels(self):
        return self.filter(film__in=Film.objects.filter(series_position__gt=1).values("pk"))

    def of_originals(self):
        return self.exclude(film__in=Film.objects.filter(series_position__gt=1).values("pk"))

    def in_series(self, slug: str):
        return self.filter(film__in=Film.objects.filter(series__slug=slug).values("pk"))


class Review(Curated, Provenanced):
    class RatingSource(models.TextChoices):
        FIELD = "field", "Score field"
        TEXT = "text", "Stated in the text"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        Reviewer, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    title = models.CharField(max_length=500, blank=True)
    body = models.TextField(help_text="Paragraphs separated by a blank line.")
    date = models.DateField(null=True, blank=True)
    rating = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10))],
        help_text="On a 0–10 scale; empty when the reviewer gave none.",
    )
    rating_source = models.CharField(max_length=5, choices=RatingSource.choices, blank=True)
    helpful_yes = models.PositiveIntegerField(null=True, blank=True)
    helpful_total = models.PositiveIntegerField(null=True, blank=True)
    has_spoilers = models.BooleanField(default=False)
    is_hidden = models.BooleanField(
        default=False, help_text="Hidden reviews appear nowhere public."
    )
    has_lost_letters = models.BooleanField(
        default=False, editable=False, help_text="Text holds letters lost as `?`, not yet repaired."
    )
    fingerprint = models.CharField(max_length=40, editable=False)
    search_text = models.TextField(
        blank=True, editable=False, help_text="Title and text folded for accent-free search."
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["film", "fingerprint"], name="review_unique_text"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=0, rating__lte=10),
                name="review_rating_0_10",
            ),
            models.CheckConstraint(
                condition=Q(helpful_yes__isnull=True)
                | Q(helpful_total__isnull=True)
                | Q(helpful_yes__lte=models.F("helpful_total")),
                name="review_helpful_yes_le_total",
            ),
        ]
        # The public lists' indexes (one per sort, on visible reviews only, with empty values
        # last as the sorts want them) differ between SQLite and PostgreSQL: migration 0007
        # creates them, `tests/test_query_plans.py` checks that every list uses them.
        indexes = [
            # The importer finds a review another document carries by its fingerprint alone,
            # and retries the few reviews whose letters were lost.
            models.Index(fields=["fingerprint"]),
            models.Index(
                fields=["has_lost_letters"],
                condition=Q(has_lost_letters=True),
                name="review_lost_letters_idx",
            ),
            # The few hidden reviews, for the admin's moderation list (without it, listing them
            # read every review: 0.4 s on 500,000).
            models.Index(fields=["id"], condition=Q(is_hidden=True), name="review_hidden_idx"),
        ]

    def __str__(self):
        return self.title or f"Review of {self.film}"

    def save(self, *args, update_fields=None, **kwargs):
        self.search_text = review_search_text(self.title, self.body)
        if update_fields is not None and {"title", "body"} & set(update_fields):
            update_fields = [*update_fields, "search_text"]
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        return route_url("reviews:review-detail", self.pk)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Some files failed"
        DRY_RUN = "dry_run", "Dry run"

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"Import {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class ImportWarning(models.Model):
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="warnings")
    document = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="warnings"
    )
    # Indexed: the import of each file reads the warnings queued for it by earlier runs
    # (`importing.queued_warnings`).
    file_name = models.CharField(max_length=255, db_index=True)
    line = models.PositiveIntegerField(null=True, blank=True)
    code = models.CharField(max_length=40, db_index=True)
    message = models.TextField()
    subject_type = models.CharField(max_length=40, blank=True)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    is_resolved = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ["run", "file_name", "line", "id"]

    def __str__(self):
        where = f"{self.file_name}:{self.line}" if self.line else self.file_name
        return f"{where}: {self.message}"


class MergeRecord(models.Model):
    """A merge staff made in the admin, with what it needs to be undone."""

    class Kind(models.TextChoices):
        PERSON = "person", "People"
        REVIEWER = "reviewer", "Reviewers"
        FILM = "film", "Films"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    kept_id = models.PositiveBigIntegerField()
    kept_label = models.CharField(max_length=255)
    removed_label = models.CharField(max_length=255)
    snapshot = models.JSONField(help_text="The removed record and its rows, as they were.")
    merged_by = models.CharField(max_length=150, blank=True)
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self):
        return f"{self.removed_label} merged into {self.kept_label}"


class DataVersion(models.Model):
    """One row whose counter moves whenever imported or edited data changes (cache keys)."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"data version {self.version}"

    @classmethod
    def current(cls) -> tuple[int, datetime.datetime | None]:
        """(version, changed_at): (0, None) before the first import. Read on every public
        request, a cached page's too, so written in SQL: the ORM took two thirds of a cached
        page's time building this one statement."""
        quoted = connection.ops.quote_name
        pk, version, changed_at = (
            quoted(cls._meta.get_field(name).column) for name in ("id", "version", "changed_at")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {version}, {changed_at} FROM {quoted(cls._meta.db_table)} "
                f"ORDER BY {pk} LIMIT 1"
            )
            row = cursor.fetchone()
        if row is None:
            return 0, None
        # SQLite gives the text it stores (in UTC), PostgreSQL a datetime.
        moment = cls._meta.get_field("changed_at").to_python(row[1])
        if moment is not None and settings.USE_TZ and timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return row[0], moment


class DeferredIndex(models.Model):
    """An index of the review table that a first import dropped, with the statement that builds
    it again. The public pages' indexes (the lists' sorts, the full-text index) are built once
    after a bulk load instead of row by row during it (`reviews.bulk`); a row outlives its
    import only when that import was killed, and the next import builds what it names."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10)  # "index", or "trigger" (SQLite's full-text)
    statement = models.TextField()
    dropped_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.kind} {self.name} (dropped {self.dropped_at:%Y-%m-%d %H:%M})"
