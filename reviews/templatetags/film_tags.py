import html
import json
import re
from decimal import Decimal
from urllib.parse import urlencode

from django import template
from django.template.defaultfilters import truncatewords
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..text import (
    named_subtitle,
    split_title,
    telling_subtitle,
    title_case,
    title_key,
    told_subtitle,
)

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def rating10(value) -> str:
    """`7.40` -> `7.4`; `10.0` -> `10`."""
    if value is None or value == "":
        return ""
    number = Decimal(value).quantize(Decimal("0.1"))
    return f"{number:.0f}" if number == number.to_integral() else f"{number}"


# A review card shows the first paragraph of the review, to this many words.
EXCERPT_WORDS = 60


@register.simple_tag
def excerpt(review) -> dict:
    """What a review card shows of a review (`text`: its first paragraph, cut to
    `EXCERPT_WORDS` words, as `truncatewords` cuts), and whether that is the whole review
    (`whole`): the card's link then leads to the review's page, not to the rest of it."""
    paragraphs = review.paragraphs
    first = paragraphs[0] if paragraphs else ""
    return {
        "text": truncatewords(first, EXCERPT_WORDS),
        "whole": len(paragraphs) <= 1 and len(first.split()) <= EXCERPT_WORDS,
    }


@register.simple_tag
def rating(value, source: str = ""):
    """A review's rating on the 0-10 scale as a meter, or `Not rated`; a badge when the reviewer
    gave it in the text. A tag, not an included template: the include was a fifth of the time of
    a review card, twenty to a list. The meter's value as it is shown (`7.4`, not `7.40`), in
    digits whatever the language. The score in one span: the line is a flex row, and `/10` alone
    stood a gap away from its number."""
    if value is None:
        return mark_safe('<p class="rating unrated">Not rated</p>')
    shown = rating10(value)
    badge = (
        ' <span class="badge" title="The reviewer stated this rating in the text">'
        "from the text</span>"
        if source == "text"
        else ""
    )
    return format_html(
        '<p class="rating"><meter min="0" max="10" low="4" high="7" optimum="10" value="{}">'
        '{}/10</meter> <span class="score"><strong>{}</strong>/10</span>{}</p>',
        shown,
        shown,
        shown,
        mark_safe(badge),
    )


@register.simple_tag
def json_ld(data: dict):
    """A schema.org block; `<`, `>` and `&` escaped so that no text can close the script."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, default=str)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text.translate(_JSON_ESCAPES))
    )


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The URL of another page of the same list, filters kept."""
    query = context.get("query") or ""
    return f"?{query}&page={number}" if query else f"?page={number}"


@register.simple_tag(takes_context=True)
def cursor_url(context, cursor) -> str:
    """The URL of the page after `cursor` in the same list, filters kept."""
    after = urlencode({"after": cursor})
    query = context.get("query") or ""
    return f"?{query}&{after}" if query else f"?{after}"


@register.filter
def money(figure) -> str:
    symbols = {"USD": "$", "GBP": "£", "EUR": "€"}
    amount = f"{figure.amount:,.0f}"
    symbol = symbols.get(figure.currency)
    return f"{symbol}{amount}" if symbol else f"{figure.currency} {amount}"


# The fewest letters of a title in capitals that `cite_films` takes for a film's (not `M`, nor
# `2046`, which prose may write as a year).
CITED_TITLE_LETTERS = 3
# Words in capitals just before a year in parentheses, in escaped text: a title (`FEAR X (2003)`).
_SHOUTED_BEFORE_YEAR = (
    r"(?P<other>(?=(?:[^a-z(]*?[A-Z]){3})[A-Z0-9](?:[A-Z0-9:,.-]|&amp;|&\#x27;|’)*"
    r"(?:\s[A-Z0-9](?:[A-Z0-9:,.-]|&amp;|&\#x27;|’)*)*)(?=\s\((?:19|20)\d\d\))"
)


# What names a series after a title: `All three NIGHT films`, `the NIGHT trilogy`.
_SERIES_AFTER = re.compile(r"\s+(?:films|movies|franchise|series|trilogy|saga)\b", re.IGNORECASE)


def _linked(url: str, title: str) -> SafeString:
    """A title cited and linked to its page."""
    return format_html('<a href="{}"><cite>{}</cite></a>', url, title)


def _title_form(title: str, kind: str) -> str:
    """A form a text may name a film by: its whole title, its main title, or its subtitle
    when that tells the film by itself ('' when it does not)."""
    if kind == "whole":
        return title
    if kind == "main":
        return split_title(title)[0]
    subtitle = named_subtitle(title)
    return subtitle if telling_subtitle(subtitle) else ""


@register.simple_tag
def cite_films(text: str, film, films=(), titles=()) -> SafeString:
    """`text`, escaped, with the titles a document writes in capitals (a kit's `NIGHT TWO tells
    the story of …`, `… began in 1999 with NIGHT ONE`) of the page's `film` (its title, its main
    title before a subtitle, its other `titles`) and of `films` (its series') shown as titles:
    a `<cite>` under the title as the site writes it, linked to the film's page but for the
    page's own. A form two films share is left as written. Another film's title in capitals
    with its year after it (`BLEEDER (1999)`) is shown as a title too, in title case. The
    series' films' other titles count too (`films` come with their `titles` prefetched); a title
    in parentheses after one of the same film's (`BED & BOARD (DOMICILE CONJUGAL)`) is cited,
    not linked again."""
    forms: dict[str, tuple] = {}  # the form in capitals (`'` for any apostrophe): film, form
    named = [
        (film, [film.title, *titles]),
        *((f, [f.title, *(t.title for t in f.titles.all())]) for f in films),
    ]
    # Whole titles first: `MAD MAX` is the film of that title, not the main title of `Mad Max:
    # Fury Road`; a main title two films share is neither's. Then subtitles that tell a film
    # by themselves (`THE PHANTOM MENACE` of `Star Wars: Episode I - The Phantom Menace`).
    for kind in ("whole", "main", "subtitle"):
        whole = kind == "whole"
        shared: set[str] = set()
        for one, names in named:
            for name in names:
                if not (form := _title_form(name, kind)):
                    continue
                shouted = form.upper().replace("’", "'")
                if sum(c.isalpha() for c in shouted) < CITED_TITLE_LETTERS:
                    continue
                if shouted in forms and not whole and forms[shouted][0].pk != one.pk:
                    if forms[shouted][2]:  # another's main title only
                        shared.add(shouted)
                    continue
                forms.setdefault(shouted, (one, form, not whole))
        for shouted in shared:
            del forms[shouted]
    escaped = escape(text)

    def pattern(shouted: str) -> str:  # an apostrophe written either way
        return "(?:&#x27;|’)".join(re.escape(escape(part)) for part in shouted.split("'"))

    # A series film's title the prose writes otherwise: `MISSION: IMPOSSIBLE 2` of `Mission:
    # Impossible II`, by its key and subtitle.
    by_key = {(title_key(f.title), told_subtitle(f.title)): f for f in films}

    last = [None, -1]  # the film last linked, where its title ended

    def cite(match: re.Match) -> str:
        if match["other"]:
            written = title_case(html.unescape(match["other"]))
            one = by_key.get((title_key(written), told_subtitle(written)))
            if one is None or one.pk == film.pk:
                return format_html("<cite>{}</cite>", written)
            return _linked(one.get_absolute_url(), written)
        one, form, _ = forms[html.unescape(match.group(0)).replace("’", "'")]
        if film.series_id and _SERIES_AFTER.match(escaped, match.end()):
            # `All three NIGHT films`, `the MISSION: IMPOSSIBLE franchise`: the series.
            return _linked(film.series.get_absolute_url(), form)
        again = last[0] == one.pk and escaped[last[1] : match.start()] == " ("
        if one.pk == film.pk or again:
            return format_html("<cite>{}</cite>", form)
        last[:] = [one.pk, match.end()]
        return _linked(one.get_absolute_url(), form)

    known = "|".join(map(pattern, sorted(forms, key=len, reverse=True)))
    # A form followed by a part's number is another title: `MISSION: IMPOSSIBLE 2`.
    known = f"(?:{known})(?!\\s+(?:[0-9]+|[IVX]+)\\b)" if known else ""
    titled = re.compile(rf"(?<!\w)(?:{known}{'|' if known else ''}{_SHOUTED_BEFORE_YEAR})(?!\w)")
    return mark_safe(titled.sub(cite, escaped))
