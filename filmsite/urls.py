from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.decorators.http import require_safe

from reviews import views
from reviews.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # An index of one sitemap per kind of page, each in pages of `ModelSitemap.limit` URLs: a
    # single sitemap would list the first few thousand reviews of a large archive and no more.
    path(
        "sitemap.xml",
        require_safe(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("", include("reviews.urls")),
]

handler404 = "reviews.views.page_not_found"
handler500 = "reviews.views.server_error"
