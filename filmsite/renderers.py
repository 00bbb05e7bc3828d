"""The form renderer: Django's own, with its commonest widget templates written in Python.

Every list page renders a filter form of a dozen inputs and selects, and each went through three
templates (`number.html` includes `input.html`, which includes `attrs.html`): some 3 ms of the
13 a cold review list took to render. The markup here is those templates', character for
character (`tests/test_renderers.py` renders each widget both ways); any other template, and a
select whose options have templates of their own, are rendered by Django's templates. A project
that overrides these templates must drop this renderer."""

from html import escape

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
# The templates that are `input.html` alone.
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
SELECT_TEMPLATE = f"{WIDGETS}select.html"
OPTION_TEMPLATE = f"{WIDGETS}select_option.html"


def shown(value) -> str:
    """`{{ value }}`: localized, made text and escaped, as a template writes a variable."""
    value = localize(template_localtime(value))
    if isinstance(value, SafeData):
        return str(value)
    return escape(str(value))


def formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`, escaped unless safe."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else escape(text)


def attributes(attrs: dict) -> str:
    """`attrs.html`: ` name="value"`; a True value is the bare name, a False one is left out."""
    return "".join(
        f" {shown(name)}" if value is True else f' {shown(name)}="{formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_markup(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{formatted(widget["value"])}"'
    return (
        f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"'
        f"{value}{attributes(widget['attrs'])}>"
    )


def select_markup(widget: dict) -> str:
    parts = [f'<select name="{shown(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in options:
            # Each option ends with the line end of its own template, as included.
            parts.append(
                f'\n  <option value="{formatted(option["value"])}"'
                f"{attributes(option['attrs'])}>{shown(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class WidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return mark_safe(input_markup(context["widget"]))
        if template_name == SELECT_TEMPLATE and all(
            option["template_name"] == OPTION_TEMPLATE
            for _name, options, _index in context["widget"]["optgroups"]
            for option in options
        ):
            return mark_safe(select_markup(context["widget"]))
        return super().render(template_name, context, request)
