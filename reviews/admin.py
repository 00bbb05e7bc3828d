"""The admin where staff correct the data. Every field they edit is locked against re-imports."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, OuterRef, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from . import services
from .models import (
    Certificate,
    Character,
    Credit,
    Distributor,
    Film,
    FilmNote,
    FilmTitle,
    ImportRun,
    ImportWarning,
    MergeRecord,
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
from .text import fold

admin.site.site_header = "filmsite administration"
admin.site.site_title = "filmsite admin"
admin.site.index_title = "Correct the data"

# An import run's totals, in the order its page shows them.
RUN_TOTALS = ("files", "failed", "records", "created", "updated", "unchanged", "warnings")


@admin.display(description="Source")
def source_link(obj):
    if not obj.source_id:
        return "—"
    url = reverse("admin:reviews_sourcedocument_change", args=[obj.source_id])
    return format_html('<a href="{}">{}</a>', url, obj.provenance)


class CuratedAdmin(admin.ModelAdmin):
    """Edited fields are locked against imports; every change invalidates cached pages.

    Where a row came from is the importer's record, shown (`source_link`), not edited: as a
    select, the source listed every document (7,227 options, 370 KB a form, on a large
    archive)."""

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), "source", "source_line"]

    @admin.display(description="Public page")
    def public_link(self, obj):
        if not hasattr(obj, "get_absolute_url"):
            return "—"
        return format_html('<a href="{}">view</a>', obj.get_absolute_url())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and hasattr(obj, "locked_fields"):
            services.lock_fields(obj, form.changed_data)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.data_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.data_changed()

    @admin.display(description="Locked against imports")
    def locked(self, obj):
        return ", ".join(obj.locked_fields) or "—"


def merge_action(model_name: str, merge):
    """An admin action that asks which record to keep, then merges the others into it."""

    def action(modeladmin, request, queryset):
        objects = list(queryset)
        if len(objects) < 2:
            modeladmin.message_user(
                request, f"Select at least two {model_name} to merge.", messages.WARNING
            )
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("confirm") == "yes" and keep_id:
            keep = next((o for o in objects if str(o.pk) == keep_id), None)
            if keep is None:
                modeladmin.message_user(request, "Choose one of the selected records.", "error")
                return None
            others = [o for o in objects if o.pk != keep.pk]
            merge(keep, others, request.user)
            for other in others:
                modeladmin.log_change(request, keep, f"Merged {other} (id {other.pk}) into this.")
            modeladmin.message_user(
                request,
                format_html(
                    'Merged {} into {}. <a href="{}">Undo it from the list of merges.</a>',
                    len(others),
                    keep,
                    reverse("admin:reviews_mergerecord_changelist"),
                ),
            )
            return None
        return TemplateResponse(
            request,
            "admin/reviews/merge_confirmation.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": f"Merge {model_name}",
                "objects": objects,
                "model_name": model_name,
                "opts": modeladmin.model._meta,
                "action": request.POST.get("action"),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    action.__name__ = f"merge_{model_name.replace(' ', '_')}"
    action.short_description = f"Merge selected {model_name}…"
    action.allowed_permissions = ("change",)
    return action


# -- films ---------------------------------------------------------------------------------------


class ProvenanceInline(admin.TabularInline):
    """An inline whose rows show their source: fetched with the rows, not one by one."""

    extra = 0
    readonly_fields = (source_link,)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class FilmTitleInline(ProvenanceInline):
    model = FilmTitle
    fields = ("title", "kind", "is_original", source_link)


class CreditInline(ProvenanceInline):
    model = Credit
    autocomplete_fields = ("person", "character")
    fields = ("role", "person", "character", "credited_as", "note", "billing_order", source_link)
    ordering = ("role", "billing_order")


class ReleaseInline(ProvenanceInline):
    model = Release
    fields = ("territory", "medium", "date", "date_text", "note", source_link)


class RuntimeInline(ProvenanceInline):
    model = Runtime
    fields = ("territory", "minutes", "note", source_link)


class CertificateInline(ProvenanceInline):
    model = Certificate
    fields = ("territory", "rating", "reason", source_link)


class DistributorInline(ProvenanceInline):
    model = Distributor
    fields = ("territory", "company", source_link)


class MoneyInline(ProvenanceInline):
    model = MoneyFigure
    fields = ("kind", "amount", "currency", "territory", "date", "is_estimate", "note", source_link)


class NoteInline(ProvenanceInline):
    model = FilmNote
    fields = ("kind", "text", "detail", "position", source_link)


class QuoteInline(ProvenanceInline):
    model = Quote
    fields = ("position", source_link)
    show_change_link = True


@admin.register(Film)
class FilmAdmin(CuratedAdmin):
    list_display = (
        "title",
        "year",
        "series",
        "series_position",
        "review_count",
        "average_rating",
        "imdb_rating",
        "title_is_provisional",
        "public_link",
        source_link,
    )
    list_filter = ("title_is_provisional", "series", "year")
    list_select_related = ("series", "source")
    search_fields = ("title", "titles__folded", "imdb_id")
    autocomplete_fields = ("series",)
    readonly_fields = (source_link, "locked", "reviews_in_admin", "average_rating")
    fieldsets = (
        (None, {"fields": ("title", "title_is_provisional", "slug", "year")}),
        ("Series", {"fields": ("series", "series_position")}),
        ("Text", {"fields": ("logline", "plot", "synopsis")}),
        ("IMDb", {"fields": ("imdb_id", "imdb_rating")}),
        (
            "Provenance",
            {"fields": (source_link, "locked", "reviews_in_admin", "average_rating")},
        ),
    )
    inlines = (
        FilmTitleInline,
        CreditInline,
        ReleaseInline,
        RuntimeInline,
        CertificateInline,
        DistributorInline,
        MoneyInline,
        NoteInline,
        QuoteInline,
    )
    actions = (
        merge_action("films", lambda keep, others, user: services.merge_films(keep, others)),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "title" in form.changed_data:
            services.keep_title(obj)

    @admin.display(description="Reviews")
    def reviews_in_admin(self, obj):
        url = reverse("admin:reviews_review_changelist")
        return format_html(
            '<a href="{}?film__id__exact={}">{} review(s)</a>', url, obj.pk, f"{obj.review_count:,}"
        )


class FilmInline(admin.TabularInline):
    model = Film
    fields = ("title", "year", "series_position")
    readonly_fields = ("title", "year")
    extra = 0
    ordering = ("series_position",)
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Series)
class SeriesAdmin(CuratedAdmin):
    list_display = ("name", "film_count", "public_link")
    search_fields = ("name", "stem")
    readonly_fields = (source_link, "locked")
    inlines = (FilmInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_films=Count("films"))

    @admin.display(description="Films", ordering="n_films")
    def film_count(self, obj):
        return obj.n_films


# -- people --------------------------------------------------------------------------------------


class AliasInline(ProvenanceInline):
    model = PersonAlias
    fields = ("name", "is_credited_alias", "reason", source_link)


class PersonCreditInline(CreditInline):
    autocomplete_fields = ("film", "character")
    fields = ("film", "role", "character", "credited_as", "note", "billing_order", source_link)
    ordering = ("film__year",)


@admin.register(Person)
class PersonAdmin(CuratedAdmin):
    list_display = ("name", "alias_list", "credit_count", "public_link", source_link)
    search_fields = ("name", "aliases__folded", "aliases__name")
    list_select_related = ("source",)
    readonly_fields = (source_link, "locked")
    inlines = (AliasInline, PersonCreditInline)
    actions = (merge_action("people", services.merge_people_by_staff),)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_credits=Count("credits", distinct=True))
            .prefetch_related("aliases")
        )

    def get_search_results(self, request, queryset, search_term):
        results, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.filter(aliases__folded__contains=fold(search_term))
            duplicates = True
        return results, duplicates

    @admin.display(description="Other spellings")
    def alias_list(self, obj):
        return ", ".join(a.name for a in obj.aliases.all() if a.name != obj.name)

    @admin.display(description="Credits", ordering="n_credits")
    def credit_count(self, obj):
        return obj.n_credits

    def save_model(self, request, obj, form, change):
        old_name = Person.objects.get(pk=obj.pk).name if change else ""
        super().save_model(request, obj, form, change)
        services.keep_old_name_as_alias(obj, old_name)


@admin.register(Character)
class CharacterAdmin(CuratedAdmin):
    list_display = ("name",)
    search_fields = ("name", "folded_name")
    readonly_fields = (source_link,)


# -- reviews -------------------------------------------------------------------------------------


@admin.register(Reviewer)
class ReviewerAdmin(CuratedAdmin):
    list_display = ("username", "review_count", "public_link")
    search_fields = ("username", "folded_username")
    readonly_fields = (source_link, "locked", "review_count")
    actions = (
        merge_action(
            "reviewers", lambda keep, others, user: services.merge_reviewers(keep, others)
        ),
    )


@admin.register(Review)
class ReviewAdmin(CuratedAdmin):
    list_display = (
        "__str__",
        "film",
        "reviewer",
        "date",
        "rating",
        "helpful_yes",
        "has_spoilers",
        "is_hidden",
        "public_link",
        source_link,
    )
    # Built for an archive of many reviews: newest imported first (the key's order: sorting
    # every review by date took most of a second), no count of the whole table, no filter
    # listing every film nor date hierarchy reading every review's date, and a search through
    # the full-text index (the text and title) and reviewers' names, not `LIKE` over each body
    # (4 s on 500,000 reviews).
    ordering = ("-pk",)
    show_full_result_count = False
    list_filter = ("is_hidden", "has_spoilers", "rating_source")
    list_select_related = ("film", "reviewer", "source")
    search_fields = ("title",)  # the search box; `get_search_results` decides
    search_help_text = "Words of the title or text (their beginnings), or a reviewer's name."
    autocomplete_fields = ("film", "reviewer")
    readonly_fields = (source_link, "locked")
    actions = ("hide_reviews", "show_reviews")

    @admin.action(description="Hide selected reviews from the public site", permissions=["change"])
    def hide_reviews(self, request, queryset):
        return self._set_hidden(request, queryset, True)

    @admin.action(description="Show selected reviews on the public site", permissions=["change"])
    def show_reviews(self, request, queryset):
        return self._set_hidden(request, queryset, False)

    def _set_hidden(self, request, queryset, hidden):
        verb = "hide" if hidden else "show"
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/reviews/moderation_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": f"{verb.capitalize()} reviews",
                    "objects": queryset.select_related("film", "reviewer"),
                    "verb": verb,
                    "opts": self.model._meta,
                    "action": request.POST.get("action"),
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        count = services.set_reviews_hidden(queryset.select_related("reviewer"), hidden)
        for review in queryset:
            self.log_change(request, review, "Hidden" if hidden else "Shown")
        self.message_user(request, f"{count} review(s) {'hidden' if hidden else 'shown'}.")
        return None

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        by_reviewer = queryset.filter(reviewer__folded_username=fold(search_term))
        return queryset.matching(search_term) | by_reviewer, False

    def lookup_allowed(self, lookup, value, request=None):
        # A film's reviews, linked from the film's change page (`?film__id__exact=`).
        return lookup == "film__id__exact" or super().lookup_allowed(lookup, value, request)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.reviews_changed([obj])


# -- imports -------------------------------------------------------------------------------------


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ("name", "format", "size", "first_imported_at", "last_imported_at")
    list_filter = ("format",)
    search_fields = ("name",)
    readonly_fields = ("name", "format", "sha256", "size", "first_imported_at", "last_imported_at")

    def has_add_permission(self, request):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """A run's summary holds a line per file (2.7 MB for a first load of 7,227 files): the list
    reads its totals in the database; a run's page shows the totals, the files that failed and
    a link to its warnings (a first load stores thousands: too many for an inline)."""

    list_display = ("started_at", "status", "files", "created", "warning_count")
    list_filter = ("status",)
    fields = ("started_at", "finished_at", "status", "totals", "failed_files", "warnings")
    readonly_fields = fields
    date_hierarchy = "started_at"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("summary")
            .annotate(
                n_files=KT("summary__totals__files"),
                n_created=KT("summary__totals__created"),
                # Counted apart: grouped with the totals, the summary was read once per warning.
                n_warnings=Coalesce(
                    Subquery(
                        ImportWarning.objects.filter(run=OuterRef("pk"))
                        .order_by()
                        .values("run")
                        .annotate(n=Count("pk"))
                        .values("n")
                    ),
                    0,
                ),
            )
        )

    def has_add_permission(self, request):
        return False

    @admin.display(description="Files")
    def files(self, obj):
        return obj.n_files or "—"

    @admin.display(description="Created")
    def created(self, obj):
        return obj.n_created or "—"

    @admin.display(description="Warnings", ordering="n_warnings")
    def warning_count(self, obj):
        return obj.n_warnings

    @admin.display(description="Totals")
    def totals(self, obj):
        totals = obj.summary.get("totals", {})
        parts = [f"{totals[key]:,} {key}" for key in RUN_TOTALS if key in totals]
        return ", ".join(parts) or "—"

    @admin.display(description="Files that failed")
    def failed_files(self, obj):
        failed = [(f["path"], f["error"]) for f in obj.summary.get("files", []) if f.get("error")]
        if not failed:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", failed))

    @admin.display(description="Queued for editors")
    def warnings(self, obj):
        # Fewer than the totals' warnings: how a film was found is reported, not queued, nor
        # is a problem an earlier run queued.
        url = reverse("admin:reviews_importwarning_changelist")
        return format_html(
            '<a href="{}?run__id__exact={}">{} warning(s) to review</a>',
            url,
            obj.pk,
            f"{obj.n_warnings:,}",
        )


@admin.register(ImportWarning)
class ImportWarningAdmin(admin.ModelAdmin):
    list_display = ("where", "code", "message", "about", "is_resolved", "run")
    # No filter by file: a first load names thousands of files (the search finds one).
    list_filter = ("is_resolved", "code")
    search_fields = ("message", "file_name")
    readonly_fields = ("run", "document", "file_name", "line", "code", "message")
    actions = ("mark_resolved", "mark_unresolved")

    def get_queryset(self, request):
        # Each row names its run, whose summary (megabytes for a large run) stays unread:
        # decoding it for every row of a page took 8 s.
        return super().get_queryset(request).select_related("run").defer("run__summary")

    def lookup_allowed(self, lookup, value, request=None):
        # A run's warnings, linked from the run's page (`?run__id__exact=`).
        return lookup == "run__id__exact" or super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    @admin.display(description="About")
    def about(self, obj):
        if not obj.subject_type or obj.subject_id is None:
            return "—"
        try:
            url = reverse(f"admin:reviews_{obj.subject_type}_change", args=[obj.subject_id])
        except NoReverseMatch:
            return "—"
        return format_html('<a href="{}">{} {}</a>', url, obj.subject_type, obj.subject_id)

    @admin.display(description="Where", ordering="file_name")
    def where(self, obj):
        return f"{obj.file_name}:{obj.line}" if obj.line else obj.file_name

    @admin.action(description="Mark selected warnings resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        self._resolve(request, queryset, True)

    @admin.action(description="Mark selected warnings unresolved", permissions=["change"])
    def mark_unresolved(self, request, queryset):
        self._resolve(request, queryset, False)

    def _resolve(self, request, queryset, resolved):
        for warning in queryset:
            warning.is_resolved = resolved
            warning.save(update_fields=["is_resolved"])
            self.log_change(request, warning, "Resolved" if resolved else "Reopened")
        self.message_user(request, f"{queryset.count()} warning(s) updated.")


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "merged_by", "merged_at", "undone_at")
    list_filter = ("kind", ("undone_at", admin.EmptyFieldListFilter))
    search_fields = ("kept_label", "removed_label")
    readonly_fields = ("kind", "kept_id", "kept_label", "removed_label", "merged_by",
                       "merged_at", "undone_at", "snapshot")  # fmt: skip
    actions = ("undo_merges",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("reviews.change_mergerecord")

    @admin.action(description="Undo selected merges", permissions=["change"])
    def undo_merges(self, request, queryset):
        pending = queryset.filter(undone_at__isnull=True)
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/reviews/undo_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Undo merges",
                    "objects": pending,
                    "opts": self.model._meta,
                    "action": request.POST.get("action"),
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        count = 0
        for record in pending.order_by("-merged_at"):
            services.undo_merge(record)
            self.log_change(request, record, "Undone")
            count += 1
        self.message_user(request, f"{count} merge(s) undone.")
        return None


admin.site.register(QuoteLine)
