"""One django-filter FilterSet per list page. Every bound is validated, so a hostile query string
gets the form's errors, never a database error."""

from decimal import Decimal
from functools import lru_cache
from html import escape  # the standard library's: Django's adds a lazy wrapper per call

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .models import Credit, Film, FilmNote, Person, Review, Series, searched_words
from .text import fold

YEAR_BOUNDS = {"min_value": 1850, "max_value": 2200}
RATING_BOUNDS = {
    "min_value": Decimal(0),
    "max_value": Decimal(10),
    "max_digits": 4,
    "decimal_places": 2,
}
TEXT_MAX = 200


@lru_cache(maxsize=8)
def options_markup(rows: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """(value, option, option selected) of each row, written once for the same rows: the same
    list is on every page of a kind until the data changes."""
    markup = []
    for value, label in rows:
        value, label = escape(str(value)), escape(str(label))
        option = f'<option value="{value}"'
        markup.append((value, f"{option}>{label}</option>", f"{option} selected>{label}</option>"))
    return tuple(markup)


class ListSelect(forms.Widget):
    """A select for long lists (every series), its options written in Python once for the same
    rows. Django's select made a dictionary and rendered a template per option, and its field
    copied, normalized and walked the list twice more: for some 400 series 3 ms of a page of 13.
    Same markup (`tests/test_views.py` compares the two)."""

    def __init__(self, rows=(), empty_label=None, attrs=None):
        super().__init__(attrs)
        self.rows, self.empty_label = rows, empty_label

    def render(self, name, value, attrs=None, renderer=None):
        rows = self.rows() if callable(self.rows) else self.rows
        chosen = escape(str(value)) if value not in (None, "") else ""
        options = [
            selected if key == chosen else option
            for key, option, selected in options_markup(tuple(rows))
        ]
        if self.empty_label is not None:
            blank = f'<option value=""{" selected" if not chosen else ""}>'
            options.insert(0, f"{blank}{escape(str(self.empty_label))}</option>")
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final_attrs),
            mark_safe("".join(options)),
        )


class ListField(forms.CharField):
    """One value of a long list of (value, label) rows, or none: the rows are read when the form
    is shown, and again only to check a value given."""

    default_error_messages = forms.ChoiceField.default_error_messages

    def __init__(self, *, rows=(), empty_label=None, **kwargs):
        self.rows = rows
        kwargs["widget"] = ListSelect(rows, empty_label)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        rows = self.rows() if callable(self.rows) else self.rows
        if value not in {str(key) for key, _ in rows}:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )


class ListFilter(filters.Filter):
    """A filter on one of a long list (`ListField`): `rows=` the (value, label) pairs or a
    function that reads them."""

    field_class = ListField


class FewChoicesFilter(filters.ChoiceFilter):
    """A choice among a few written in code, on Django's own choice field, the empty choice
    (`empty_label`, none when None) first in its list. django-filter's field keeps its choices in
    an iterator that holds the field itself, and copying the form's fields, as every form does,
    took fifteen times as long with it (some 0.5 ms of a review list's 13)."""

    field_class = forms.ChoiceField

    def __init__(self, *args, choices, empty_label="---------", **kwargs):
        if empty_label is not None:
            choices = [("", empty_label), *choices]
        super().__init__(*args, choices=choices, **kwargs)


def has_searched_word(value: str) -> None:
    """A review text filter needs a word of two letters or more (`searched_words`): letters
    alone would match nearly every review, slowly. Punctuation alone is looked for as it is."""
    if fold(value).split() and not searched_words(value):
        raise ValidationError("Give a word of two letters or more.", code="short_words")


def series_choices() -> list[tuple[str, str]]:
    return list(Series.objects.values_list("slug", "name"))


def series_filter(**kwargs) -> filters.ChoiceFilter:
    """Every series by its slug. Plain (slug, name) pairs, read for each form: building a
    model instance per series cost more than the page's other queries."""
    return ListFilter(rows=series_choices, label="Series", empty_label="Any series", **kwargs)


def genre_choices() -> list[tuple[str, str]]:
    """The genres the documents gave, by name."""
    genres = FilmNote.objects.filter(kind=FilmNote.Kind.GENRE).values_list("text", flat=True)
    return [(genre, genre) for genre in genres.distinct().order_by("text")]


def desc(field):
    return F(field).desc(nulls_last=True)


def asc(field):
    return F(field).asc(nulls_last=True)


# Sort keys in the URL, their labels, and the ordering (empty values last, ties broken by id).
FILM_SORTS = {
    "year": ("Year, oldest first", (asc("year"), "title", "id")),
    "-year": ("Year, newest first", (desc("year"), "title", "id")),
    "title": ("Title", ("title", "year", "id")),
    "-rating": ("Viewers' rating, best first", (desc("average_rating"), "title", "id")),
    "rating": ("Viewers' rating, lowest first", (asc("average_rating"), "title", "id")),
    "-imdb": ("IMDb rating, best first", (desc("imdb_rating"), "title", "id")),
    "-reviews": ("Most reviewed", ("-review_count", "title", "id")),
}
REVIEW_SORTS = {
    "newest": ("Newest", (desc("date"), "-id")),
    "oldest": ("Oldest", (asc("date"), "id")),
    "highest": ("Highest rated", (desc("rating"), desc("date"), "-id")),
    "lowest": ("Lowest rated", (asc("rating"), desc("date"), "-id")),
    "helpful": ("Most helpful", (desc("helpful_yes"), desc("date"), "-id")),
}


class FilmFilter(filters.FilterSet):
    q = filters.CharFilter(
        label="Title contains", method="filter_title", max_length=TEXT_MAX, strip=True
    )
    year_min = filters.NumberFilter(
        field_name="year", lookup_expr="gte", label="Year from", **YEAR_BOUNDS
    )
    year_max = filters.NumberFilter(
        field_name="year", lookup_expr="lte", label="Year to", **YEAR_BOUNDS
    )
    rating_min = filters.NumberFilter(
        field_name="average_rating",
        lookup_expr="gte",
        label="Viewers' rating from",
        **RATING_BOUNDS,
    )
    rating_max = filters.NumberFilter(
        field_name="average_rating",
        lookup_expr="lte",
        label="Viewers' rating to",
        **RATING_BOUNDS,
    )
    imdb_min = filters.NumberFilter(
        field_name="imdb_rating", lookup_expr="gte", label="IMDb rating from", **RATING_BOUNDS
    )
    imdb_max = filters.NumberFilter(
        field_name="imdb_rating", lookup_expr="lte", label="IMDb rating to", **RATING_BOUNDS
    )
    sequel = FewChoicesFilter(
        choices=[("original", "Originals"), ("sequel", "Sequels")],
        method="filter_sequel",
        label="Originals or sequels",
        empty_label="Both",
    )
    series = series_filter(method="filter_series")
    genre = ListFilter(method="filter_genre", label="Genre", empty_label="Any genre")
    has_reviews = filters.BooleanFilter(
        method="filter_has_reviews",
        label="Has reviews",
        widget=forms.Select(choices=[("", "Any"), ("true", "Yes"), ("false", "No")]),
    )
    sort = FewChoicesFilter(
        choices=[(key, label) for key, (label, _) in FILM_SORTS.items()],
        method="filter_sort",
        label="Sort by",
        empty_label=None,
    )

    class Meta:
        model = Film
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Read once for the form; no select at all where no document gave a genre (a genre
        # asked for in the URL then gets the form's error).
        genres = genre_choices()
        if genres or (data and data.get("genre")):
            self.filters["genre"].extra["rows"] = genres
        else:
            del self.filters["genre"]

    def filter_title(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(
            Q(title__icontains=value) | Q(titles__folded__contains=folded)
        ).distinct()

    def filter_series(self, queryset, name, value):
        return queryset.filter(series__slug=value)

    def filter_genre(self, queryset, name, value):
        return queryset.filter(notes__kind=FilmNote.Kind.GENRE, notes__text=value)

    def filter_sequel(self, queryset, name, value):
        return queryset.sequels() if value == "sequel" else queryset.originals()

    def filter_has_reviews(self, queryset, name, value):
        return queryset.filter(review_count__gt=0) if value else queryset.filter(review_count=0)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*FILM_SORTS[value][1])


class ReviewFilter(filters.FilterSet):
    q = filters.CharFilter(
        label="Text contains",
        method="filter_text",
        max_length=TEXT_MAX,
        strip=True,
        validators=[has_searched_word],
    )
    rating_min = filters.NumberFilter(
        field_name="rating", lookup_expr="gte", label="Rating from", **RATING_BOUNDS
    )
    rating_max = filters.NumberFilter(
        field_name="rating", lookup_expr="lte", label="Rating to", **RATING_BOUNDS
    )
    rated = filters.BooleanFilter(
        field_name="rating",
        lookup_expr="isnull",
        exclude=True,
        label="Rated",
        widget=forms.Select(choices=[("", "Any"), ("true", "Rated"), ("false", "Unrated")]),
    )
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte", label="Written from")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte", label="Written to")
    sequel = FewChoicesFilter(
        choices=[("original", "Of originals"), ("sequel", "Of sequels")],
        method="filter_sequel",
        label="Originals or sequels",
        empty_label="Both",
    )
    film = filters.ModelChoiceFilter(
        queryset=Film.objects.all(),
        to_field_name="slug",
        label="Film",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "There is no such film."},
    )
    series = series_filter(method="filter_series")
    spoilers = FewChoicesFilter(
        choices=[("hide", "Hide"), ("only", "Only spoilers")],
        method="filter_spoilers",
        label="Spoilers",
        empty_label="Show",
    )
    helpful_min = filters.NumberFilter(
        field_name="helpful_yes",
        lookup_expr="gte",
        label="Helpful votes at least",
        min_value=0,
        max_value=10**9,
    )
    sort = FewChoicesFilter(
        choices=[(key, label) for key, (label, _) in REVIEW_SORTS.items()],
        method="filter_sort",
        label="Sort by",
        empty_label=None,
    )

    class Meta:
        model = Review
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)

    def filter_sequel(self, queryset, name, value):
        return queryset.of_sequels() if value == "sequel" else queryset.of_originals()

    def filter_series(self, queryset, name, value):
        return queryset.in_series(value)

    def filter_spoilers(self, queryset, name, value):
        return queryset.filter(has_spoilers=(value == "only"))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*REVIEW_SORTS[value][1])


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(label="Name", method="filter_name", max_length=TEXT_MAX, strip=True)
    role = FewChoicesFilter(
        choices=[
            (role.value, role.label if role == Credit.Role.CAST else f"{role.label}s")
            for role in Credit.Role
        ],
        field_name="credits__role",
        label="Role",
        empty_label="Any role",
        distinct=True,
    )

    class Meta:
        model = Person
        fields = []

    def filter_name(self, queryset, name, value):
        return queryset.filter(aliases__folded__contains=fold(value)).distinct()
