"""Paper versions of online forms: the questions are read from the form class itself, so the paper form
and the online form cannot drift apart.

``paper_questions(form)`` turns each visible field into a question for a template
(``wijk/_paper_questions.html``): a line to write on, a box for a longer text, or tick boxes for choices.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _

from lib.links import absolute_url, short_address
from lib.qr import qr_svg

# A choice field with more options than this gets a line to write on instead of a tick box per option.
MAX_BOXES = 14
# Never a question on paper: the honeypot, and "Deze foto niet gebruiken" for a photo kept after an error online.
SKIP_FIELDS = frozenset({"website", "kept_photo_drop"})


@dataclass
class PaperQuestion:
    name: str
    label: str
    help_text: str = ""
    kind: str = "line"  # line | box | choices | check | file
    choices: list = field(default_factory=list)
    multiple: bool = False
    rows: int = 1


def _choice_labels(bound) -> list[str]:
    labels = []
    for value, label in bound.field.choices:
        if value in ("", None):
            continue
        labels.append(str(label))
    return labels


def paper_question(bound) -> PaperQuestion:
    """One bound field as a paper question."""
    formfield, widget = bound.field, bound.field.widget
    question = PaperQuestion(name=bound.name, label=str(formfield.label or ""), help_text=str(formfield.help_text))
    if isinstance(formfield, forms.BooleanField):
        question.kind = "check"
    elif isinstance(formfield, forms.FileField):
        question.kind = "file"
    elif isinstance(formfield, forms.ChoiceField | forms.ModelChoiceField):
        labels = _choice_labels(bound)
        if labels and len(labels) <= MAX_BOXES:
            question.kind = "choices"
            question.choices = labels
            question.multiple = isinstance(widget, forms.CheckboxSelectMultiple | forms.SelectMultiple)
    elif isinstance(widget, forms.Textarea):
        question.kind = "box"
        question.rows = int(widget.attrs.get("rows", 4))
    return question


def paper_questions(form, *, only=None, skip=()) -> list[PaperQuestion]:
    """The visible fields of ``form`` in order (or the names in ``only``), without hidden fields and honeypot."""
    names = only if only is not None else list(form.fields)
    questions = []
    for name in names:
        if name in SKIP_FIELDS or name in skip or name not in form.fields:
            continue
        bound = form[name]
        if bound.is_hidden:
            continue
        questions.append(paper_question(bound))
    return questions


def question_labels(form, *, only=None, skip=()) -> list[str]:
    """Every text a person reads for these questions: labels and choice labels (used by tests and checks)."""
    texts = []
    for question in paper_questions(form, only=only, skip=skip):
        texts.append(question.label)
        texts.extend(question.choices)
    return texts


def paper_online(path: str, *, opens: str = "") -> dict:
    """The way back online printed at the top of a paper form: the short address of ``path`` to type, and a QR
    code that opens ``opens`` (a page with a long address, such as one activity) or else ``path``."""
    return {
        "online_address": short_address(path),
        "online_qr": qr_svg(
            absolute_url(opens or path), label=_("QR-code naar het formulier op de website"), css_class="paper-qr"
        ),
    }
