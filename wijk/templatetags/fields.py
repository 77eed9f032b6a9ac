"""The one field template (``wijk/_field.html``): the input points at its own hint and error message."""

from django import template

register = template.Library()


@register.filter
def described_by(field) -> str:
    """The ids a field's input (or fieldset) is described by: its hint and, after a failed try, its message."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_errors")
    return " ".join(ids)


@register.filter
def may_stay_empty(field) -> bool:
    """Whether the label may say "(mag leeg blijven)": not for a required field, nor for a detail of the one contact
    question (needed when its way is chosen: ``wijk.contact_question``), nor for radio buttons whose answers include an
    empty one ("Nee, ...": choosing that is the answer, nothing stays empty)."""
    if field.field.required or getattr(field.field, "needed_for_a_choice", False):
        return False
    if getattr(field.field.widget, "input_type", "") != "radio":
        return True
    return not any(value == "" for value, _label in field.field.choices)


@register.simple_tag
def field_input(field):
    """The field's widget with ``aria-describedby`` (hint, message) and ``aria-invalid`` after a failed try."""
    attrs = {}
    described = described_by(field)
    if described:
        attrs["aria-describedby"] = described
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
