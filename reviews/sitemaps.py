from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Film, Person, Review, Reviewer, Series


class StaticSitemap(Sitemap):
    def items(self):
        return ["home", "film-list", "review-list", "person-list", "series-list"]

    def location(self, item):
        return reverse(f"reviews:{item}")


class ModelSitemap(Sitemap):
    model = None
    limit = 5000

    def items(self):
        return self.model.objects.order_by("pk")


class FilmSitemap(ModelSitemap):
    model = Film
    priority = 0.8


class PersonSitemap(ModelSitemap):
    model = Person


class SeriesSitemap(ModelSitemap):
    model = Series


class ReviewerSitemap(ModelSitemap):
    model = Reviewer


class ReviewSitemap(ModelSitemap):
    def items(self):
        return Review.objects.visible().order_by("pk").only("pk")


SITEMAPS = {
    "pages": StaticSitemap,
    "films": FilmSitemap,
    "series": SeriesSitemap,
    "people": PersonSitemap,
    "reviewers": ReviewerSitemap,
    "reviews": ReviewSitemap,
}
