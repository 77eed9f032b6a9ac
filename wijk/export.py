"""Download my data: everything the portal holds about one resident, found by walking the models.

Every model with a foreign key to ``Resident`` is included automatically, so a new model cannot be
forgotten. Records that belong to those (a dream's history, a pearl's messages) are listed by name in
``CHILDREN``; a test fails when a model points to such a record without a decision, either in ``CHILDREN`` or
in ``NOT_ABOUT_THE_RESIDENT`` with the reason.

``wijk`` imports no other app: the other apps' models are found through Django's app registry, and each app
lists its own decisions in its ``export`` module (``CHILDREN`` and ``NOT_ABOUT_THE_RESIDENT``), found there too.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from .models import Resident

# Records under a resident's own records that are about the resident too: "app.Model": [related names]. These are
# wijk's own; each other app lists its own in the ``CHILDREN`` of its ``export`` module (``children()`` joins them).
CHILDREN = {
    "wijk.ConsentRecord": ["withdrawal"],
}

# Models that point to a resident's records but hold nothing about the resident, and why: wijk's own here, each
# other app's in the ``NOT_ABOUT_THE_RESIDENT`` of its ``export`` module (``not_about_the_resident()`` joins them).
NOT_ABOUT_THE_RESIDENT = {
    "wijk.ConsentWithdrawal.consent": "listed with the consent",
    "wijk.Letter.superseded_by": "the newer letter that replaced this one; both are listed with the letters",
}


def app_modules():
    """Every other app's ``export`` module, found through the app registry (as for erasure)."""
    return [
        import_module(f"{config.name}.export")
        for config in apps.get_app_configs()
        if config.name != "wijk" and module_has_submodule(config.module, "export")
    ]


def children() -> dict[str, list[str]]:
    """Every app's records under a resident's records that are exported with them, keyed ``"app.Model"``."""
    merged = dict(CHILDREN)
    for hook in app_modules():
        merged.update(getattr(hook, "CHILDREN", {}))
    return merged


def not_about_the_resident() -> dict[str, str]:
    """Every app's links to a resident's records that hold nothing about the resident, keyed
    ``"app.Model.field"``, with the reason."""
    merged = dict(NOT_ABOUT_THE_RESIDENT)
    for hook in app_modules():
        merged.update(getattr(hook, "NOT_ABOUT_THE_RESIDENT", {}))
    return merged


# Fields never shown, even to the resident: secrets and internal bookkeeping.
HIDDEN_FIELDS = {"password", "version", "token", "token_hash", "link_secret"}


@dataclass
class Section:
    label: str
    title: str
    records: list[dict] = field(default_factory=list)


def _value(obj, f):
    if f.is_relation:
        related = getattr(obj, f.name, None)
        return "" if related is None else str(related)
    value = getattr(obj, f.attname)
    if isinstance(f, models.FileField):
        return value.name if value else ""
    if hasattr(obj, f"get_{f.name}_display") and f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, dict, int, float, bool)) or value is None:
        return value
    return str(value)


def _record(obj) -> dict:
    data = {}
    for f in obj._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS or f.primary_key:
            continue
        if isinstance(f, models.ForeignKey) and f.related_model is Resident:
            continue
        data[str(f.verbose_name)] = _value(obj, f)
    for m2m in obj._meta.many_to_many:
        data[str(m2m.verbose_name)] = [str(o) for o in getattr(obj, m2m.name).all()]
    return data


def _resident_relations():
    """(model, field) pairs of every foreign key or one-to-one to Resident, across all apps."""
    found = []
    for model in apps.get_models():
        if model._meta.label.startswith("simple_history.") or model.__name__.startswith("Historical"):
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is Resident and not f.name.startswith("_"):
                found.append((model, f))
    return found


def resident_export(resident: Resident) -> dict:
    """Everything about ``resident`` as plain data (JSON-ready), in sections with readable titles."""
    sections = []
    children_of = children()
    for model, fk in _resident_relations():
        if model._meta.label == "wijk.AccessLogEntry":
            continue
        rows = model._default_manager.filter(**{fk.name: resident})
        section = Section(model._meta.label, str(model._meta.verbose_name_plural).capitalize())
        for obj in rows:
            record = _record(obj)
            for name in children_of.get(model._meta.label, []):
                related = getattr(obj, name, None)
                if related is None:
                    continue
                if hasattr(related, "all"):
                    record[str(related.model._meta.verbose_name_plural)] = [_record(c) for c in related.all()]
                else:
                    record[str(type(related)._meta.verbose_name)] = [_record(related)]
            section.records.append(record)
        sections.append(section)
    profile = _record(resident)
    return {
        "exported_at": timezone.now().isoformat(),
        "resident": profile,
        "sections": [{"model": s.label, "title": s.title, "records": s.records} for s in sections],
        "access_log": access_summary(resident),
    }


def access_summary(resident: Resident) -> list[dict]:
    """Who looked at the resident's file, per day, by role and organisation — never by staff name."""
    from .models import AccessLogEntry

    counts = Counter()
    for entry in AccessLogEntry.objects.filter(resident=resident).select_related("organisation"):
        day = timezone.localtime(entry.at).date().isoformat()
        counts[(day, entry.role or "", str(entry.organisation or ""), entry.get_action_display())] += 1
    return [
        {"day": day, "role": role, "organisation": org, "what": what, "times": n}
        for (day, role, org, what), n in sorted(counts.items(), reverse=True)
    ]


_ISO_MOMENT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")
_ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
# Values a resident has no use for: record codes, stored file names, the code of a consent text.
_TECHNICAL = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    r"|^[\w.-]+(/[\w.-]+)+\.\w{2,5}$"
    r"|^[\w-]+ v\d+ \(\w[\w-]*\)$"
)


def _readable(value) -> str:
    """Dates and times as people write them ("25 november 2026, 16:18"); everything else as text."""
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        try:
            moment = timezone.localtime(datetime.fromisoformat(value))
        except ValueError:
            return value
        return date_format(moment, "j F Y, H:i")
    if isinstance(value, str) and _ISO_DAY.match(value):
        try:
            return date_format(datetime.fromisoformat(value).date(), "j F Y")
        except ValueError:
            return value
    return "" if value is None else str(value)


# Fields a resident reads past: bookkeeping times, map coordinates, the plaque's code (all in the JSON).
NOT_FOR_READING = {"updated_at", "status_changed_at", "lat", "lng", "short_code"}


def _labels_not_for_reading() -> set[str]:
    return {
        str(f.verbose_name)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if f.name in NOT_FOR_READING
    }


_RAW_CHOICE = re.compile(r"^[a-z][a-z_]*$")


def _choice_labels() -> dict[str, str]:
    """Stored choice values across all models ("new", "confirmed") and their labels, for values kept as text
    (a dream's history says "naar new"): the page shows the label, the JSON keeps the value."""
    labels = {}
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            for value, label in f.flatchoices if f.choices else ():
                if isinstance(value, str) and _RAW_CHOICE.match(value):
                    labels.setdefault(value, str(label))
    return labels


def _worth_showing(label: str, value, skipped: set[str]) -> bool:
    """For the resident: leave out empty fields, "no" answers, bookkeeping and technical values (codes, files)."""
    if value in (None, "", [], False) or label in skipped:
        return False
    return not (isinstance(value, str) and _TECHNICAL.match(value))


def display_rows(
    record: dict, *, complete: bool = True, skipped: set[str] | None = None, labels: dict | None = None
) -> list[dict]:
    """One record as rows for a page: plain text, a list of names, or nested records (a dream's history).

    ``complete`` (staff) shows every field; otherwise only what a resident can read and use.
    """
    if skipped is None:
        skipped = set() if complete else _labels_not_for_reading()
    if labels is None:
        labels = _choice_labels()
    rows = []
    for label, value in record.items():
        if not complete and not _worth_showing(label, value, skipped):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            children = [display_rows(child, complete=complete, skipped=skipped, labels=labels) for child in value]
            rows.append({"label": label, "children": children})
        elif isinstance(value, list):
            rows.append({"label": label, "text": ", ".join(str(v) for v in value)})
        elif isinstance(value, bool):
            rows.append({"label": label, "text": _("ja") if value else _("nee")})
        elif isinstance(value, str) and value in labels:
            rows.append({"label": label, "text": labels[value]})
        else:
            rows.append({"label": label, "text": _readable(value)})
    return rows


def for_display(data: dict, *, complete: bool = True) -> dict:
    """The export, shaped for the HTML page and the PDF: everything for staff, the readable part for residents."""
    skipped = set() if complete else _labels_not_for_reading()
    labels = _choice_labels()
    return {
        **data,
        "exported_on": _readable(data["exported_at"]),
        "resident_rows": display_rows(data["resident"], complete=complete, skipped=skipped, labels=labels),
        "sections": [
            {**s, "rows": [display_rows(r, complete=complete, skipped=skipped, labels=labels) for r in s["records"]]}
            for s in data["sections"]
            if complete or s["records"]
        ],
    }
