"""A sketch map of a walk, drawn from the stops' coordinates as inline SVG.

No map tiles: it works offline, on paper and in the PDF renderer (WeasyPrint draws inline SVG itself).
North is up; a scale bar gives the distances. Pure drawing: points in, markup out.
"""

import math
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from ..geo import nice_scale_metres

# Metres per degree of latitude; a degree of longitude is this times cos(latitude).
M_PER_DEG = 111_320
WIDTH = 600
PADDING = 40
MIN_HEIGHT = 260
MAX_HEIGHT = 520
LINE = "#005a70"  # the portal's brand colour (site.css --brand)
INK = "#1b1b1b"


def _project(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """(lat, lng) to metres east and north of the first point; fine for a walk of a few kilometres."""
    lat0, lng0 = float(points[0][0]), float(points[0][1])
    factor = math.cos(math.radians(lat0))
    return [((float(lng) - lng0) * M_PER_DEG * factor, (float(lat) - lat0) * M_PER_DEG) for lat, lng in points]


def sketch_svg(
    points: Sequence[tuple[float, float]],
    *,
    label: str,
    north: str,
    current: int | None = None,
    css_class: str = "pk-sketch",
) -> SafeString:
    """Numbered stops (1 … n) joined by a line, north arrow and scale bar. ``current`` (1-based) is filled in.

    ``label`` is the text alternative; ``north`` the letter under the arrow ("N").
    """
    if not points:
        return SafeString("")
    metres = _project(points)
    xs, ys = [p[0] for p in metres], [p[1] for p in metres]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    inner_w = WIDTH - 2 * PADDING
    # A walk that goes mostly north gets a taller drawing, one that goes east a flatter one.
    height = (
        MIN_HEIGHT if span_x == 0 else int(min(MAX_HEIGHT, max(MIN_HEIGHT, inner_w * span_y / span_x + 2 * PADDING)))
    )
    inner_h = height - 2 * PADDING - 30  # room for the scale bar at the bottom
    span = max(span_x / inner_w, span_y / inner_h, 100 / inner_w)  # metres per unit; at least 100 m wide
    left = PADDING + (inner_w - span_x / span) / 2
    top = PADDING + (inner_h - span_y / span) / 2
    coords = [(left + (x - min(xs)) / span, top + (max(ys) - y) / span) for x, y in metres]

    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    stops = format_html_join(
        "",
        '<g class="pk-sketch__stop"><circle cx="{0}" cy="{1}" r="18" fill="{3}" stroke="{5}" stroke-width="3"/>'
        '<text x="{0}" y="{4}" text-anchor="middle" font-size="20" font-weight="bold" fill="{6}"'
        ' font-family="DejaVu Sans, Arial, sans-serif">{2}</text></g>',
        (
            (
                f"{x:.1f}",
                f"{y:.1f}",
                n,
                LINE if n == current else "#fff",
                f"{y + 7:.1f}",
                LINE,
                "#fff" if n == current else INK,
            )
            for n, (x, y) in enumerate(coords, start=1)
        ),
    )
    scale_m = nice_scale_metres(max(span_x, span_y, 100))
    bar = scale_m / span
    bottom = height - 18
    return format_html(
        '<svg class="{css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}"'
        ' role="img" aria-label="{label}" direction="ltr">'
        '<rect x="1" y="1" width="{w2}" height="{h2}" fill="#fff" stroke="{ink}" stroke-width="2"/>'
        '<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="5" stroke-linejoin="round"'
        ' stroke-linecap="round"/>'
        "{stops}"
        '<g class="pk-sketch__north"><path d="M{nx},18 l10,26 l-10,-7 l-10,7 z" fill="{ink}"/>'
        '<text x="{nx}" y="64" text-anchor="middle" font-size="20" font-weight="bold" fill="{ink}"'
        ' font-family="DejaVu Sans, Arial, sans-serif">{north}</text></g>'
        '<g class="pk-sketch__scale"><path d="M20,{b0} v8 h{bar} v-8" fill="none" stroke="{ink}" stroke-width="2"/>'
        '<text x="{tx}" y="{ty}" font-size="20" fill="{ink}" font-family="DejaVu Sans, Arial, sans-serif">'
        "{scale} m</text></g></svg>",
        css=css_class,
        w=WIDTH,
        h=height,
        w2=WIDTH - 2,
        h2=height - 2,
        label=label,
        ink=INK,
        colour=LINE,
        line=line,
        stops=stops,
        nx=WIDTH - 30,
        north=north,
        b0=bottom - 8,
        bar=f"{bar:.1f}",
        tx=f"{28 + bar:.1f}",
        ty=bottom,
        scale=scale_m,
    )
