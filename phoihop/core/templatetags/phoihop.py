"""Template helpers available in every template (registered as a builtin)."""

from django import template

register = template.Library()


@register.inclusion_tag("core/_field.html")
def field(bound_field, hint: str = ""):
    """A form field with its label, help text and its errors right next to it."""
    return {"field": bound_field, "hint": hint or bound_field.help_text}


@register.inclusion_tag("core/_pagination.html", takes_context=True)
def pagination(context, page):
    return {"page": page, "request": context["request"]}


@register.filter
def dmy(value):
    """A date or datetime as dd/mm/yyyy, empty for None."""
    if not value:
        return ""
    return value.strftime("%d/%m/%Y")
