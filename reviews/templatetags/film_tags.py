import json
from decimal import Decimal
from urllib.parse import urlencode

from django import template
from django.template.defaultfilters import truncatewords
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
