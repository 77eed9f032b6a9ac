"""The portal's icon in every size, from one drawing: a house under a string of pearls, in the portal's colours.

Writes ``static/img/icon.svg`` (the favicon for browsers that take SVG) and, drawn with Pillow from the same
shapes, ``favicon.ico`` (16, 32, 48), ``apple-touch-icon.png`` (180) and the web manifest's 192 and 512 (plus a
512 "maskable" one, with room at the edges that a phone may cut off). The files are committed; run
``make icons`` after changing the drawing.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIDE = 64
CORNER = 12
BRAND = "#005a70"
SOFT = "#f4f1ea"
PEARL = "#fff"
HEART = "#ffbf47"
DOOR = "#b3441e"
STRING = ((6, 14), (32, 30), (58, 14))  # a quadratic curve: start, control point, end
PEARLS = ((12, 17.4, PEARL), (22, 21.2, PEARL), (32, 22.1, HEART), (42, 21.2, PEARL), (52, 17.4, PEARL))
PEARL_R = 3.6
HOUSE = ((16, 38), (32, 27), (48, 38), (48, 56), (16, 56))
DOOR_BOX = (28, 44, 36, 56)


def svg() -> str:
    (x0, y0), (cx, cy), (x1, y1) = STRING
    pearls = "\n".join(
        f'  <circle cx="{x:g}" cy="{y:g}" r="{PEARL_R:g}" fill="{colour.lower()}"/>' for x, y, colour in PEARLS
    )
    house = "M{:g} {:g} L{:g} {:g} L{:g} {:g} V{:g} H{:g}".format(
        *HOUSE[0], *HOUSE[1], *HOUSE[2], HOUSE[3][1], HOUSE[4][0]
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIDE} {SIDE}" role="img" aria-label="Wijkportaal">\n'
        "  <!-- Drawn for Wijkportaal: a house under a string of pearls, in the portal's colours. -->\n"
        f'  <rect width="{SIDE}" height="{SIDE}" rx="{CORNER}" fill="{BRAND}"/>\n'
        f'  <path d="M{x0} {y0} Q{cx} {cy} {x1} {y1}" fill="none" stroke="{SOFT}" stroke-width="1.5"/>\n'
        f"{pearls}\n"
        f'  <path d="{house} Z" fill="{SOFT}"/>\n'
        f'  <rect x="{DOOR_BOX[0]}" y="{DOOR_BOX[1]}" width="{DOOR_BOX[2] - DOOR_BOX[0]}"'
        f' height="{DOOR_BOX[3] - DOOR_BOX[1]}" fill="{DOOR}"/>\n'
        "</svg>\n"
    )


def png(size: int, *, full_bleed: bool = False) -> Image.Image:
    """Drawn at eight times the size and scaled down, for smooth edges. ``full_bleed``: a square background
    and the drawing at 80 % in the middle (maskable icons; iOS rounds the corners itself)."""
    big = size * 8
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    shrink = 0.8 if full_bleed else 1.0

    def at(x, y):
        scale = big / SIDE
        return ((SIDE / 2 + (x - SIDE / 2) * shrink) * scale, (SIDE / 2 + (y - SIDE / 2) * shrink) * scale)

    unit = big / SIDE * shrink
    if full_bleed:
        draw.rectangle((0, 0, big, big), fill=BRAND)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * big / SIDE, fill=BRAND)
    (x0, y0), (cx, cy), (x1, y1) = STRING
    steps = 40
    curve = [
        at(
            (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1,
            (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1,
        )
        for t in (i / steps for i in range(steps + 1))
    ]
    draw.line(curve, fill=SOFT, width=max(1, round(1.5 * unit)), joint="curve")
    for x, y, colour in PEARLS:
        px, py = at(x, y)
        r = PEARL_R * unit
        draw.ellipse((px - r, py - r, px + r, py + r), fill=colour)
    draw.polygon([at(x, y) for x, y in HOUSE], fill=SOFT)
    draw.rectangle((*at(DOOR_BOX[0], DOOR_BOX[1]), *at(DOOR_BOX[2], DOOR_BOX[3])), fill=DOOR)
    return image.resize((size, size), Image.LANCZOS)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "icon.svg").write_text(svg())
    png(180, full_bleed=True).convert("RGB").save(folder / "apple-touch-icon.png", optimize=True)
    png(192).save(folder / "icon-192.png", optimize=True)
    png(512).save(folder / "icon-512.png", optimize=True)
    png(512, full_bleed=True).save(folder / "icon-maskable-512.png", optimize=True)
    png(48).save(folder / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "static" / "img")
