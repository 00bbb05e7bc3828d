from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.home, name="home"),
    path("films/", views.film_list, name="film-list"),
    path("films/<slug:slug>/", views.film_detail, name="film-detail"),
    path("reviews/", views.review_list, name="review-list"),
    path("reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("series/", views.series_list, name="series-list"),
    path("series/<slug:slug>/", views.series_detail, name="series-detail"),
    path("reviewers/<slug:slug>/", views.reviewer_detail, name="reviewer-detail"),
    path("search/", views.search, name="search"),
]
