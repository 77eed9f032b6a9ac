"""Live evidence for an experiment: monthly figures from the live part of the portal, never revealing individuals.

The live parts offer ``evidence_counts(neighbourhood)`` in the module other apps read them through
(``droomhuis.selectors``, ``parelketting.selectors``); this adapter imports those modules like any other import, so
``lint-imports`` sees the dependency. It accepts the shapes in which they give monthly counts (per series, per
month, or a list of month rows), and turns every count from 1 up to ``settings.SMALL_COUNT_THRESHOLD - 1`` into "<10" — in the table and in the chart alike (a suppressed bar has
one fixed height, so its length gives nothing away either).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from droomhuis import selectors as dream_selectors
from parelketting import selectors as pearl_selectors

from .models import LivePart

SERIES_LABELS = {
    "submitted": _("Parels ingestuurd"),
    "published": _("Parels op de ketting"),
    "received": _("Dromen ontvangen"),
    "picked_up": _("Dromen opgepakt"),
    "realised": _("Dromen waargemaakt"),
    "pearls_submitted": _("Parels ingestuurd"),
    "pearls_published": _("Parels op de ketting"),
    "activities": _("Activiteiten"),
    "activities_held": _("Activiteiten"),
    "signups": _("Aanmeldingen"),
    "sign_ups": _("Aanmeldingen"),
    "dreams_received": _("Dromen ontvangen"),
    "dreams_picked_up": _("Dromen opgepakt"),
    "dreams_realised": _("Dromen waargemaakt"),
    "partners_involved": _("Partners die meedoen"),
    "partners": _("Partners die meedoen"),
    "matches_closed": _("Matches afgerond"),
    "matches_helped": _("Matches die hielpen"),
}

MONTH_PATTERN = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?$")

# Each live part's read module, with its ``evidence_counts(neighbourhood)``.
LIVE_PARTS = {LivePart.PARELKETTING: pearl_selectors, LivePart.DROOMHUIS: dream_selectors}


def threshold() -> int:
    return int(getattr(settings, "SMALL_COUNT_THRESHOLD", 10))


def shown(count: int) -> str:
    """The text for a count: 0 stays 0, 1 up to the threshold becomes "<10", larger counts are shown."""
    limit = threshold()
    if 0 < count < limit:
        return f"<{limit}"
    return str(count)


def is_suppressed(count: int) -> bool:
    return 0 < count < threshold()


@dataclass
class Cell:
    month: datetime.date
    text: str
    suppressed: bool
    bar_value: int


@dataclass
class Series:
    key: str
    label: str
    cells: list[Cell] = field(default_factory=list)
    bars: list[dict] = field(default_factory=list)


@dataclass
class Evidence:
    available: bool
    months: list[datetime.date] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    rows: list[tuple[datetime.date, list[str]]] = field(default_factory=list)


def _month(key) -> datetime.date | None:
    if isinstance(key, datetime.datetime):
        return key.date().replace(day=1)
    if isinstance(key, datetime.date):
        return key.replace(day=1)
    if isinstance(key, str):
        try:
            parts = [int(p) for p in key.strip()[:10].split("-")[:2]]
            return datetime.date(parts[0], parts[1], 1)
        except (ValueError, IndexError):
            return None
    if isinstance(key, tuple | list) and len(key) == 2:
        try:
            return datetime.date(int(key[0]), int(key[1]), 1)
        except (TypeError, ValueError):
            return None
    return None


def _looks_like_month(key) -> bool:
    if isinstance(key, datetime.date):
        return True
    if isinstance(key, str):
        return bool(MONTH_PATTERN.match(key.strip()))
    return isinstance(key, tuple | list) and len(key) == 2


def _as_count(value) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def normalise(raw) -> dict[str, dict[datetime.date, int]]:
    """Accept ``{series: {month: n}}``, ``{month: {series: n}}`` or ``[{"month": m, series: n}, ...]``;
    return ``{series: {month: n}}``."""
    result: dict[str, dict[datetime.date, int]] = {}
    if isinstance(raw, list | tuple):
        for row in raw:
            if not isinstance(row, dict) or not _looks_like_month(row.get("month")):
                continue
            month = _month(row["month"])
            for series, value in row.items():
                if series != "month" and month is not None:
                    result.setdefault(str(series), {})[month] = _as_count(value)
        return result
    if not isinstance(raw, dict):
        return result
    for outer, inner in raw.items():
        if not isinstance(inner, dict):
            continue
        outer_month = _month(outer) if _looks_like_month(outer) else None
        if outer_month is not None:
            for series, value in inner.items():
                result.setdefault(str(series), {})[outer_month] = _as_count(value)
            continue
        for key, value in inner.items():
            month = _month(key) if _looks_like_month(key) else None
            if month is not None:
                result.setdefault(str(outer), {})[month] = _as_count(value)
    return result


def _fetch(experiment):
    """Call the live part's ``evidence_counts``; ``None`` when the experiment's live part gives no figures."""
    module = LIVE_PARTS.get(experiment.live_part)
    if module is None:
        return None
    return module.evidence_counts(experiment.neighbourhood)


def build(raw) -> Evidence:
    """Turn raw monthly counts into table cells and bar heights that never show a figure from 1 to 9."""
    data = normalise(raw)
    months = sorted({m for series in data.values() for m in series})
    limit = threshold()
    evidence = Evidence(available=True, months=months)
    for key, per_month in data.items():
        series = Series(key=key, label=str(SERIES_LABELS.get(key, key.replace("_", " ").capitalize())))
        for month in months:
            count = per_month.get(month, 0)
            suppressed = is_suppressed(count)
            series.cells.append(Cell(month, shown(count), suppressed, limit if suppressed else count))
        evidence.series.append(series)
    for series in evidence.series:
        series.bars = _bars(series.cells)
    evidence.rows = [(month, [s.cells[i].text for s in evidence.series]) for i, month in enumerate(months)]
    return evidence


CHART_HEIGHT = 80
BAR_WIDTH = 24
BAR_GAP = 8


def _bars(cells: list[Cell]) -> list[dict]:
    top = max([c.bar_value for c in cells] + [threshold()])
    bars = []
    for i, cell in enumerate(cells):
        height = round(CHART_HEIGHT * cell.bar_value / top) if cell.bar_value else 0
        bars.append(
            {
                "x": i * (BAR_WIDTH + BAR_GAP),
                "y": CHART_HEIGHT - height + 16,
                "height": height,
                "text": cell.text,
                "text_y": CHART_HEIGHT - height + 12,
                "suppressed": cell.suppressed,
                "month": cell.month,
            }
        )
    return bars


def evidence_for(experiment) -> Evidence:
    """The experiment's live evidence, or an unavailable one when the live part offers no figures yet."""
    raw = _fetch(experiment)
    if raw is None:
        return Evidence(available=False)
    return build(raw)


MIN_SLOTS = 8


def chart_width(evidence: Evidence) -> int:
    """Room for at least eight months, so a young experiment's chart is not a sliver."""
    return max(MIN_SLOTS, len(evidence.months)) * (BAR_WIDTH + BAR_GAP)
