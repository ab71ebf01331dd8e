from html import escape

from django import forms, template
from django.forms.widgets import Input
from django.utils.safestring import mark_safe

register = template.Library()


def attributes(attrs):
    """HTML attributes as Django's widgets/attrs.html writes them, in their order (`flatatt` would sort them): True is
    a bare name, False leaves it out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def option(value, label, *, selected):
    return f'<option value="{escape(str(value))}"{" selected" if selected else ""}>{escape(str(label))}</option>'


def is_plain_input(widget):
    """An <input> whose template is still Django's own (not a file input, which never shows its value)."""
    return (
        isinstance(widget, Input)
        and not isinstance(widget, forms.FileInput)
        and widget.template_name.startswith("django/forms/widgets/")
    )


@register.filter
def control(bound_field):
    """
    A form field's control, written here for a <select> and a plain <input>: Django's widget templates render each
    control (and each option of a select) through templates of their own, the dearest part of a filter form. Same
    markup and attributes as Django's (`required`, `aria-invalid`, `aria-describedby` pointing at `<id>_error`);
    other widgets render as usual.
    """
    widget = bound_field.field.widget
    plain_select = type(widget) is forms.Select
    if not (plain_select or is_plain_input(widget)):
        return bound_field.as_widget()
    attrs = bound_field.build_widget_attrs({}, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    # As Widget.get_context() would, without building every option of a select as a dictionary first.
    attrs = attributes(widget.build_attrs(widget.attrs, attrs))
    name, value = escape(bound_field.html_name), bound_field.value()
    if plain_select:
        current = "" if value is None else str(value)
        options = "".join(option(key, label, selected=str(key) == current) for key, label in bound_field.field.choices)
        html = f'<select name="{name}"{attrs}>{options}</select>'
    else:
        value = widget.format_value(value)
        value = "" if value is None else f' value="{escape(str(value))}"'
        html = f'<input type="{escape(widget.input_type)}" name="{name}"{value}{attrs}>'
    return mark_safe(html)  # noqa: S308 - every value above is escaped
