from django.contrib import admin
from django.urls import include, path

from reviews import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("reviews.urls")),
]

handler404 = "reviews.views.page_not_found"
handler500 = "reviews.views.server_error"
