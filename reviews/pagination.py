"""Pagination that stays fast on a large archive.

- `CappedPaginator` counts at most `COUNT_CAP` rows: an exact count over a large filtered set
  costs more than the page itself ("1,000+", as large data browsers say).
- Given the rows as they are shown (`display`), a page is found by its keys first, then read by
  key: a list that the database must sort (no index holds its filter and its sort together)
  sorts narrow index entries, not whole rows with their texts.
- Past the numbered pages, a list goes on by keyset: `?after=[...]` holds the sort values of the
  last row shown, and the next page is the rows that sort after it, found through the sort's
  index whatever the depth (an OFFSET reads and drops every row before the page). The cursor is
  plain JSON in the URL, so a deep page can be shared like any other.

Every list sorts with empty values last and ends its ordering with the primary key, so the sort
values of a row name one position in the list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db.models import F, OrderBy, Q
from django.http import Http404
from django.utils.functional import cached_property

CURSOR_MAX_LENGTH = 500


class CappedPaginator(Paginator):
    COUNT_CAP = 1_000

    def __init__(self, object_list, per_page, *, display=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.display = display

    def rows(self, sliced) -> list:
        """The rows of a page (a slice of the sorted list), read whole from `display` by key
        once the sort has found their keys; as the slice gives them without `display`."""
        if self.display is None:
            return list(sliced)
        keys = list(sliced.values_list("pk", flat=True))
        found = self.display.order_by().in_bulk(keys)
        return [found[key] for key in keys if key in found]

    def _get_page(self, object_list, *args, **kwargs):
        return super()._get_page(self.rows(object_list), *args, **kwargs)

    @cached_property
    def count(self) -> int:
        return self.counted_rows().count()

    def counted_rows(self):
        """The rows the count reads: at most one past the cap, without the ordering and the
        joins for display (counting needs neither)."""
        return self.object_list.order_by().select_related(None)[: self.COUNT_CAP + 1]

    @cached_property
    def num_pages(self) -> int:
        """Past the cap the numbered pages stop (full ones: the last is not a stub)."""
        if self.is_capped:
            return -(-self.COUNT_CAP // self.per_page)
        return super().num_pages

    def page(self, number):
        if not self.is_capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)

    @property
    def is_capped(self) -> bool:
        return self.count > self.COUNT_CAP

    @property
    def display_count(self) -> str:
        return f"{self.COUNT_CAP:,}+" if self.is_capped else f"{self.count:,}"


def sort_keys(queryset) -> list[tuple[str, bool]]:
    """(field name, descending) for each term of the queryset's ordering."""
    keys = []
    for term in queryset.query.order_by:
        if isinstance(term, str):
            keys.append((term.removeprefix("-"), term.startswith("-")))
        elif isinstance(term, OrderBy) and isinstance(term.expression, F):
            keys.append((term.expression.name, term.descending))
        else:
            raise TypeError(f"cannot page by keyset over {term!r}")
    names = {name for name, _ in keys}
    if "id" not in names and "pk" not in names:
        keys.append(("id", False))  # a unique last key: every row has one place
    return keys


def cursor_of(obj, keys) -> str:
    values = []
    for name, _ in keys:
        value = getattr(obj, name)
        values.append(value if value is None or isinstance(value, int | str) else str(value))
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False)


def parse_cursor(text: str, queryset, keys) -> list:
    """The sort values a cursor holds, each checked by its model field; BadRequest if not."""
    try:
        values = json.loads(text) if len(text) <= CURSOR_MAX_LENGTH else None
    except ValueError:
        values = None
    if not isinstance(values, list) or len(values) != len(keys):
        raise BadRequest("The `after` cursor is not one this list made.")
    parsed = []
    for (name, _), value in zip(keys, values, strict=True):
        field = queryset.model._meta.get_field(name)
        if value is None:
            if not field.null:
                raise BadRequest(f"The `after` cursor lacks a {name}.")
            parsed.append(None)
            continue
        if not isinstance(value, int | str) or isinstance(value, bool):
            raise BadRequest(f"The `after` cursor's {name} is not a value.")
        try:
            parsed.append(field.to_python(value))
        except ValidationError as error:
            raise BadRequest(f"The `after` cursor's {name}: {error.messages[0]}") from error
    return parsed


def after(queryset, keys, values):
    """The rows that sort after the row with these sort values (empty values sort last)."""
    clauses, equal = [], Q()
    for (name, descending), value in zip(keys, values, strict=True):
        nullable = queryset.model._meta.get_field(name).null
        if value is None:
            # Only rows equal so far and empty here too can come later: the next key decides.
            equal &= Q(**{f"{name}__isnull": True})
            continue
        step = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
        if nullable:
            step |= Q(**{f"{name}__isnull": True})
        clauses.append(equal & step)
        equal &= Q(**{name: value})
    if not clauses:
        return queryset.none()
    return queryset.filter(reduce(or_, clauses))


@dataclass
class KeysetPage:
    """A page found by cursor: the rows, and the cursor of the next page if there is one."""

    rows: list
    paginator: CappedPaginator
    next_cursor: str | None
    is_keyset = True
    number = None
    has_next = False  # numbered pages only: a keyset page goes on by `next_cursor`

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def has_other_pages(self) -> bool:
        return True


def paginate(request, queryset, per_page, *, display=None):
    """The page asked for: `?page=N` among the numbered pages, `?after=CURSOR` beyond them. A
    page number that is no page is a 404, a cursor that is no cursor a 400. `display`: the rows
    as the page shows them (unfiltered), when a page is to be found by its keys first."""
    paginator = CappedPaginator(queryset, per_page, display=display)
    cursor = request.GET.get("after")
    if cursor is not None:
        keys = sort_keys(queryset)
        rows = after(queryset, keys, parse_cursor(cursor, queryset, keys))
        rows = paginator.rows(rows[: per_page + 1])
        more = len(rows) > per_page
        rows = rows[:per_page]
        return KeysetPage(rows, paginator, cursor_of(rows[-1], keys) if more else None)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    # The last numbered page of a capped list goes on by cursor.
    page.next_cursor = None
    if paginator.is_capped and not page.has_next() and len(page.object_list):
        page.next_cursor = cursor_of(page.object_list[-1], sort_keys(queryset))
    return page
