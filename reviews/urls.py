from django.urls import path, register_converter
from django.urls.converters import SlugConverter

from . import views


class SlugOfAnyAlphabet(SlugConverter):
    """A slug of letters of any alphabet: a film, a person or a reviewer named in Cyrillic or
    Chinese (`брат-1997`) has a slug in their letters."""

    regex = r"[-\w]+"


register_converter(SlugOfAnyAlphabet, "any_slug")

app_name = "reviews"

urlpatterns = [
    path("", views.home, name="home"),
    path("films/", views.film_list, name="film-list"),
    path("films/<any_slug:slug>/", views.film_detail, name="film-detail"),
    path("reviews/", views.review_list, name="review-list"),
    path("reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<any_slug:slug>/", views.person_detail, name="person-detail"),
    path("series/", views.series_list, name="series-list"),
    path("series/<any_slug:slug>/", views.series_detail, name="series-detail"),
    path("reviewers/<any_slug:slug>/", views.reviewer_detail, name="reviewer-detail"),
    path("search/", views.search, name="search"),
]
