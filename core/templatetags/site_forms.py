from html import escape

from django import forms, template
from django.utils.safestring import mark_safe

register = template.Library()


def option(value, label, *, selected):
    return f'<option value="{escape(str(value))}"{" selected" if selected else ""}>{escape(str(label))}</option>'


@register.filter
def control(bound_field):
    """
    A form field's control. A <select> is written here, a loop over its options: Django's widget templates render
    each option through a template of its own, the dearest part of a filter form. Other widgets render as usual.
    """
    field = bound_field.field
    if type(field.widget) is not forms.Select:
        return bound_field.as_widget()
    current = "" if bound_field.value() is None else str(bound_field.value())
    described = (
        f' aria-invalid="true" aria-describedby="{bound_field.id_for_label}-error"' if bound_field.errors else ""
    )
    options = "".join(option(value, label, selected=str(value) == current) for value, label in field.choices)
    html = f'<select name="{bound_field.html_name}" id="{bound_field.id_for_label}"{described}>{options}</select>'
    return mark_safe(html)  # noqa: S308 - every value above is escaped
