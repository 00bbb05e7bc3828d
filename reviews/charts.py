"""Geometry for the small SVG charts of a film page, drawn server-side (no JavaScript)."""

import math
from html import escape

from django.utils.safestring import mark_safe

WIDTH, HEIGHT, PAD = 440, 160, 24
# The width a character of the charts' 11 px labels takes, in the charts' units, and the gap a
# label keeps from the next: a label is written only where it fits beside its neighbours.
CHAR_WIDTH, LABEL_GAP = 6.2, 4
MAX_BAR = 40


def _fits(texts: list[str], slot: float) -> int:
    """Write one label in how many (1: all of them) for labels this long to stand apart."""
    widest = max((len(text) for text in texts), default=0) * CHAR_WIDTH + LABEL_GAP
    return max(math.ceil(widest / slot), 1)


def _marks(bars: list[dict], name: str, tick_y: int) -> str:
    """Each bar's rectangle and texts. Written here: a bar is a dozen numbers, and a template
    writing them took a sixth of a film page's render for its 40 bars. Numbers as Python writes
    them, `12.5` in any language (SVG wants no other); words escaped."""
    name = escape(name)
    marks = []
    for bar in bars:
        label, count = escape(bar["label"]), escape(bar["count_text"])
        marks.append(
            f'<rect x="{bar["x"]}" y="{bar["y"]}" width="{bar["width"]}" height="{bar["height"]}"'
            f' class="bar"><title>{name} {label}: {count}</title></rect>'
        )
        text = f'<text x="{bar["label_x"]}" y="{{}}" text-anchor="middle" class="{{}}">{{}}</text>'
        if bar["show_label"]:
            marks.append(text.format(tick_y, "tick", label))
        if bar["show_value"]:
            marks.append(text.format(bar["value_y"], "value", count))
    return mark_safe("\n    ".join(marks))


def _bars(items: list[tuple[str, int]], name: str) -> dict:
    top = max((count for _, count in items), default=0)
    if not top:
        return {}
    slot = (WIDTH - PAD) / len(items)
    # A few bars keep a bar's width (one year's reviews is no wall), centred in their slots.
    bar = min(max(slot * 0.7, 2), MAX_BAR)
    # Ticks thinned to every n-th when the labels (years) are too wide for a bar each; counts
    # over the bars all or none (the table and each bar's title hold them all).
    tick_every = _fits([label for label, _ in items], slot)
    show_values = _fits([f"{count:,}" for _, count in items], slot) == 1
    bars = []
    for i, (label, count) in enumerate(items):
        height = (HEIGHT - 2 * PAD) * count / top
        x = PAD / 2 + i * slot + (slot - bar) / 2
        bars.append(
            {
                "label": label,
                "count": count,
                # As the lists write their counts (`CappedPaginator.display_count`): a chart
                # writes three per bar, `intcomma` in the template cost 0.4 ms a film page.
                "count_text": f"{count:,}",
                "x": round(x, 1),
                "y": round(HEIGHT - PAD - height, 1),
                "width": round(bar, 1),
                "height": round(height, 1),
                "label_x": round(x + bar / 2, 1),
                "value_y": round(HEIGHT - PAD - height - 4, 1),
                "show_label": i % tick_every == 0,
                "show_value": show_values and count > 0,
            }
        )
    return {
        "name": name,
        "bars": bars,
        "marks": _marks(bars, name, HEIGHT - 6),
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - PAD,
        "tick_y": HEIGHT - 6,
    }


def rating_histogram(histogram: list[int]) -> dict:
    """Bars for ratings 0..10 from the stored histogram."""
    if not histogram:
        return {}
    return _bars([(str(rating), count) for rating, count in enumerate(histogram)], "Rating")


def reviews_per_year(per_year: dict[str, int]) -> dict:
    """Bars for every year from the first review to the last, empty years included."""
    if not per_year:
        return {}
    years = sorted(int(y) for y in per_year)
    bars = [(str(y), per_year.get(str(y), 0)) for y in range(years[0], years[-1] + 1)]
    return _bars(bars, "Year")
