"""The form renderer writes in Python what Django's widget templates write, to the character."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.contrib.admin.sites import site
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from filmsite.renderers import WidgetRenderer
from reviews.filters import FilmFilter, PersonFilter, ReviewFilter
from reviews.models import Film, Review
from tests.factories import make_series

TEMPLATES = DjangoTemplates()
PYTHON = WidgetRenderer()


def both(widget, name, value, attrs=None) -> tuple[str, str]:
    return (
        widget.render(name, value, attrs, renderer=TEMPLATES),
        widget.render(name, value, attrs, renderer=PYTHON),
    )


class Kind(forms.Form):
    text = forms.CharField(max_length=20, required=False)
    number = forms.DecimalField(min_value=0, max_value=10, decimal_places=2, required=False)
    day = forms.DateField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    mail = forms.EmailField(required=False)
    address = forms.URLField(required=False, assume_scheme="https")
    found = forms.CharField(widget=forms.SearchInput, required=False)
    flag = forms.BooleanField(required=False)
    maybe = forms.NullBooleanField(required=False)
    pick = forms.ChoiceField(choices=[("", "Any"), (1, 1968), ("b", gettext_lazy("Bee"))])
    grouped = forms.MultipleChoiceField(
        choices=[("Old", [("a", "A & co"), ("b", "<B>")]), ("c", "C")], required=False
    )
    radio = forms.ChoiceField(choices=[("x", "X")], widget=forms.RadioSelect, required=False)
    note = forms.CharField(widget=forms.Textarea, required=False)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": 'a "quoted" <b>&amp;</b>', "number": "7.5", "day": "2004-02-29", "flag": "on"},
        {"number": "eleven", "day": "2004-02-30", "pick": "b", "grouped": ["a", "c"]},
        {"hidden": "x'y", "secret": "s", "mail": "a@b.dk", "address": "http://x/?a=1&b=2"},
        {"found": "ø", "maybe": "true", "radio": "x", "note": "line\nline"},
    ],
)
def test_every_kind_of_widget_is_written_alike(data):
    form = Kind(data or None)
    form.is_valid()
    for field in form:
        attrs = field.build_widget_attrs({"id": field.auto_id})
        value = field.value()
        templates, python = both(field.field.widget, field.html_name, value, attrs)
        assert python == templates, field.name


@pytest.mark.parametrize(
    "value, attrs",
    [
        (None, {}),
        ("", {"required": True, "disabled": False}),
        (0, {"min": 0, "step": Decimal("0.5"), "data-x": mark_safe("<i>")}),
        (mark_safe("&amp;"), {"class": 'a"b', "aria-label": gettext_lazy("Year")}),
        (date(1996, 8, 30), {"placeholder": "café"}),
        (("a", "b"), {}),
    ],
)
def test_an_input_is_written_alike(value, attrs):
    for widget in (forms.TextInput(), forms.NumberInput(), forms.DateInput()):
        templates, python = both(widget, "field", value, attrs)
        assert python == templates


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filterset, query",
    [
        (FilmFilter, {}),
        (FilmFilter, {"year_min": "1990", "sort": "-rating", "series": "tom-jerry-shorts"}),
        (FilmFilter, {"year_min": "then", "rating_min": "11"}),
        (ReviewFilter, {}),
        (ReviewFilter, {"rating_min": "6", "date_after": "2000-01-01", "sequel": "original"}),
        (ReviewFilter, {"q": "<script>", "date_before": "2000-13-01", "film": "nothing"}),
        (PersonFilter, {"q": "Ø", "role": "cast"}),
    ],
)
def test_the_filter_forms_are_written_alike(filterset, query):
    make_series(name="Tom & Jerry <shorts>")
    form = filterset(query, queryset=filterset._meta.model.objects.all()).form
    form.is_valid()
    for field in form:
        field.form.renderer = TEMPLATES
        templates = str(field)
        field.form.renderer = PYTHON
        assert str(field) == templates, field.name


@pytest.mark.django_db
def test_the_admin_forms_are_written_alike(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for model in (Film, Review):
        admin = site._registry[model]
        form = admin.get_form(request)()
        for field in form:
            form.renderer = TEMPLATES
            templates = str(field)
            form.renderer = PYTHON
            assert str(field) == templates, (model.__name__, field.name)


def test_the_site_renders_its_forms_with_it(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    try:
        assert isinstance(get_default_renderer(), WidgetRenderer)
        assert 'value="7"' in str(Kind({"number": "7"})["number"])
    finally:
        get_default_renderer.cache_clear()
