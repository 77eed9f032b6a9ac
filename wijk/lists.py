"""Several short lists for one page in a single query.

A detail page (the broker's case page, an experiment's page) shows many small lists. One query per list made
such a page cost more than thirty queries. Here every list becomes one part of a ``UNION ALL``: each row is
the list's name plus a JSON object with the fields the page needs. The rows are rebuilt into model instances
(read-only use: they carry only the fields asked for) and sorted like the model's ordering.
Works on SQLite and PostgreSQL (``JSONObject``).
"""

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import JSONObject
from django.utils.dateparse import parse_date, parse_datetime


@dataclass
class Part:
    """One list: a queryset, the model fields to read, and related objects as ``{"actor": ["name", "email"]}``."""

    queryset: models.QuerySet
    fields: list[str] | None = None  # None: every column of the model
    related: dict[str, list[str]] = field(default_factory=dict)
    ordering: list[str] | None = None  # None: the model's ordering, which must then name only own fields


def _convert(model_field, value):
    if value is None:
        return None
    if isinstance(model_field, models.DateTimeField):
        parsed = parse_datetime(value) if isinstance(value, str) else value
        if parsed is not None and parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed
    if isinstance(model_field, models.DateField):
        return parse_date(value) if isinstance(value, str) else value
    if isinstance(model_field, models.BooleanField):
        return bool(value)
    if isinstance(model_field, models.UUIDField):
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    if isinstance(model_field, models.JSONField):
        return json.loads(value) if isinstance(value, str) else value
    if isinstance(model_field, models.ForeignKey):
        return _convert(model_field.target_field, value)
    return model_field.to_python(value)


def _build(model, data: dict):
    values = {}
    for name, value in data.items():
        model_field = model._meta.get_field(name)
        values[model_field.attname] = _convert(model_field, value)
    return model(**values)


def _value(obj, path: str):
    for attr in path.split("."):
        obj = getattr(obj, attr) if obj is not None else None
    return obj


def _sort(objects: list, ordering: list[str]) -> list:
    """Sort like ``order_by``: ``-`` for descending, dotted paths (``workshop.number``) for related fields."""
    for name in reversed(ordering):
        reverse = name.startswith("-")
        path = name.lstrip("-")
        objects.sort(key=lambda obj, p=path: (_value(obj, p) is None, _value(obj, p)), reverse=reverse)
    return objects


def fetch_lists(**parts: Part) -> dict[str, list]:
    """``{name: [instances]}`` for every part, read with one query."""
    union = None
    for name, part in parts.items():
        names = part.fields or [f.attname for f in part.queryset.model._meta.concrete_fields]
        columns = {f: F(f) for f in names}
        for relation, attrs in part.related.items():
            columns.update({f"{relation}__{attr}": F(f"{relation}__{attr}") for attr in attrs})
        query = part.queryset.order_by().annotate(_list=Value(name), _row=JSONObject(**columns))
        query = query.values_list("_list", "_row")
        union = query if union is None else union.union(query, all=True)
    result = {name: [] for name in parts}
    if union is None:
        return result
    for name, row in union:
        part = parts[name]
        model = part.queryset.model
        data = json.loads(row) if isinstance(row, str) else row
        own = {k: v for k, v in data.items() if "__" not in k}
        obj = _build(model, own)
        for relation, attrs in part.related.items():
            related_data = {attr: data.get(f"{relation}__{attr}") for attr in attrs}
            related_model = model._meta.get_field(relation).related_model
            related_obj = None if related_data.get("id") is None else _build(related_model, related_data)
            obj._state.fields_cache[relation] = related_obj
        obj._state.adding = False
        obj._state.db = part.queryset.db
        result[name].append(obj)
    for name, part in parts.items():
        _sort(result[name], part.ordering or list(part.queryset.model._meta.ordering))
    return result


def set_prefetched(obj, name: str, queryset, objects: list) -> None:
    """Store ``objects`` as the prefetched result of ``obj.<name>.all()``, so the template runs no query."""
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[name] = queryset
