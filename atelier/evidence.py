"""Live evidence for an experiment: monthly figures from the live part of the portal, never revealing individuals.

The live parts offer ``evidence_counts(neighbourhood)`` in the module other apps read them through
(``droomhuis.selectors``, ``parelketting.selectors``); this adapter imports those modules like any other import, so
``lint-imports`` sees the dependency. It accepts the shapes in which they give monthly counts (per series, per
month, or a list of month rows), and turns every count from 1 up to ``settings.SMALL_COUNT_THRESHOLD - 1`` into "<10" — in the table and in the chart alike (a suppressed bar has
one fixed height, so its length gives nothing away either).

Each series that adds up (not the number of different partners, which is counted per month) gets a total over
all its months: shown as a number when it is 10 or more. A total with one small cell could give that cell away
(total minus the other months), so then one more cell is hidden, as "×" (complementary suppression): the
smallest other month, as many as needed until no hidden cell can be worked out from the total, the shown cells
and what "<10" and "×" say (1 to 9; 10 or more). If even that is not enough, the total is hidden instead.
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
    "matches_closed": _("Koppelingen afgerond"),
    "matches_helped": _("Koppelingen die hielpen"),
}

# Series whose months do not add up to a total: a partner that joins in two months is one partner, not two.
NOT_ADDITIVE = {"partners_involved", "partners"}
HIDDEN = "×"  # a cell of 10 or more, hidden so that a small cell cannot be worked out from the total

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
    hidden: bool = False  # suppressed as well, though 10 or more: see ``protect``


@dataclass
class Series:
    key: str
    label: str
    cells: list[Cell] = field(default_factory=list)
    bars: list[dict] = field(default_factory=list)
    total_text: str = ""  # "" for a series without a total (``NOT_ADDITIVE``)


@dataclass
class Evidence:
    available: bool
    months: list[datetime.date] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    rows: list[tuple[datetime.date, list[str]]] = field(default_factory=list)

    @property
    def labelled_rows(self) -> list[tuple[datetime.date, list[tuple[str, str]]]]:
        """``rows`` with each figure's column name beside it: on a phone the table stacks, one block per month, and
        each figure says what it counts (``data-label``)."""
        labels = [series.label for series in self.series]
        return [(month, list(zip(labels, texts, strict=True))) for month, texts in self.rows]


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
    """Turn raw monthly counts into table cells, totals and bar heights that never show a figure from 1 to 9,
    nor let one be worked out from a total."""
    data = normalise(raw)
    months = sorted({m for series in data.values() for m in series})
    limit = threshold()
    evidence = Evidence(available=True, months=months)
    for key, per_month in data.items():
        series = Series(key=key, label=str(SERIES_LABELS.get(key, key.replace("_", " ").capitalize())))
        counts = [per_month.get(month, 0) for month in months]
        for month, count in zip(months, counts, strict=True):
            suppressed = is_suppressed(count)
            series.cells.append(Cell(month, shown(count), suppressed, limit if suppressed else count))
        if key not in NOT_ADDITIVE:
            series.total_text = protect(series.cells, counts, sum(counts))
        evidence.series.append(series)
    for series in evidence.series:
        series.bars = _bars(series.cells)
    evidence.rows = [(month, [s.cells[i].text for s in evidence.series]) for i, month in enumerate(months)]
    return evidence


def bounds(cells: list[Cell], counts: list[int]) -> list[tuple[int, int | None]]:
    """What a reader knows of each cell from the texts: (lowest, highest) value, ``None`` for no highest. A reader
    who knows that the smallest months are hidden first knows that a "×" is at most the smallest shown month."""
    limit = threshold()
    shown_counts = [n for cell, n in zip(cells, counts, strict=True) if not cell.suppressed and n > 0]
    hidden_high = min(shown_counts) if shown_counts else None
    known = []
    for cell, count in zip(cells, counts, strict=True):
        if cell.hidden:
            known.append((limit, hidden_high))
        elif cell.suppressed:
            known.append((1, limit - 1))
        else:
            known.append((count, count))
    return known


def worked_out(known: list[tuple[int, int | None]], total: int) -> list[tuple[int, int | None]]:
    """Each cell's range once the total is known too: its own range, narrowed by the total minus the others."""
    result = []
    for i, (low, high) in enumerate(known):
        others = [k for j, k in enumerate(known) if j != i]
        others_low = sum(k[0] for k in others)
        others_high = None if any(k[1] is None for k in others) else sum(k[1] for k in others)
        new_low = low if others_high is None else max(low, total - others_high)
        new_high = total - others_low if high is None else min(high, total - others_low)
        result.append((new_low, new_high))
    return result


def _gives_away(cells: list[Cell], counts: list[int], total: int) -> bool:
    ranges = worked_out(bounds(cells, counts), total)
    return any(cell.suppressed and low == high for cell, (low, high) in zip(cells, ranges, strict=True))


def protect(cells: list[Cell], counts: list[int], total: int) -> str:
    """The total's text; hides more cells (smallest first) while a suppressed one could be worked out from it."""
    limit = threshold()
    if total < limit or not any(cell.suppressed for cell in cells):
        return shown(total)
    candidates = sorted(
        (i for i, cell in enumerate(cells) if not cell.suppressed and counts[i] > 0), key=lambda i: counts[i]
    )
    while _gives_away(cells, counts, total):
        if not candidates:
            return HIDDEN  # nothing left to hide but the total itself
        cell = cells[candidates.pop(0)]
        cell.text, cell.suppressed, cell.hidden, cell.bar_value = HIDDEN, True, True, limit
    return shown(total)


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
