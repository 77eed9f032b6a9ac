"""Simple illustrations drawn in code for the demo's mood images: nothing downloaded, nothing copied.

Each function draws one picture with Pillow (flat shapes in the portal's colours, drawn at twice the size and
scaled down for smooth edges) and returns it as a PNG upload, which the demo then sends through the same
``photo_process`` as every photo (``wijk.mood.mood_image_store``).
"""

import io
import math

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1500, 1000
SCALE = 2

SKY = (222, 236, 240)
BRAND = (0, 90, 112)
BRAND_DARK = (0, 61, 77)
ACCENT = (179, 68, 30)
SOFT = (244, 241, 234)
GRASS = (120, 170, 110)
GRASS_DARK = (80, 130, 80)
YELLOW = (235, 185, 60)
PEARL = (250, 248, 240)
PEARL_EDGE = (170, 160, 140)
WOOD = (150, 100, 60)
WHITE = (255, 255, 255)
ROOFS = [(150, 60, 45), (110, 70, 60), (170, 90, 50), (90, 60, 60)]
WALLS = [(230, 200, 160), (200, 120, 90), (240, 225, 200), (180, 150, 120), (220, 170, 120)]


def _canvas(sky=SKY):
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), sky)
    return image, ImageDraw.Draw(image)


def _s(*values):
    return [round(v * SCALE) for v in values]


def _upload(image, name):
    image = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _house(draw, x, base, width, height, wall, roof, door=True):
    draw.rectangle(_s(x, base - height, x + width, base), fill=wall)
    draw.polygon(
        _s(x - 12, base - height, x + width / 2, base - height - width * 0.55, x + width + 12, base - height), fill=roof
    )
    pane = width / 5
    for row in range(2):
        top = base - height + 30 + row * (height / 2.4)
        for col in (1, 3):
            left = x + pane * col - pane / 2
            draw.rectangle(_s(left, top, left + pane, top + pane * 1.1), fill=SKY, outline=WHITE, width=3 * SCALE)
    if door:
        draw.rectangle(_s(x + width / 2 - 22, base - 90, x + width / 2 + 22, base), fill=BRAND_DARK)


def _tree(draw, x, base, size):
    draw.rectangle(_s(x - size * 0.08, base - size * 0.9, x + size * 0.08, base), fill=WOOD)
    for dx, dy, r in ((0, -1.15, 0.5), (-0.35, -0.9, 0.38), (0.35, -0.9, 0.38), (0, -0.75, 0.4)):
        cx, cy = x + dx * size, base + dy * size
        draw.ellipse(_s(cx - r * size, cy - r * size, cx + r * size, cy + r * size), fill=GRASS_DARK)


def _pearl(draw, x, y, r):
    draw.ellipse(_s(x - r, y - r, x + r, y + r), fill=PEARL, outline=PEARL_EDGE, width=3 * SCALE)
    draw.ellipse(_s(x - r * 0.45, y - r * 0.55, x - r * 0.05, y - r * 0.15), fill=WHITE)


def _necklace(draw, points, r):
    draw.line(_s(*[v for point in points for v in point]), fill=PEARL_EDGE, width=4 * SCALE, joint="curve")
    for x, y in points:
        _pearl(draw, x, y, r)


def _curve(x0, x1, y, amplitude, count, phase=0.0):
    return [
        (x0 + (x1 - x0) * i / (count - 1), y + amplitude * math.sin(phase + math.pi * i / (count - 1)))
        for i in range(count)
    ]


def neighbourhood_houses():
    """A street of houses under a string of pearls: the Zuidwijk and its parelketting."""
    image, draw = _canvas()
    draw.ellipse(_s(1180, 90, 1320, 230), fill=YELLOW)
    _necklace(draw, _curve(80, 1420, 150, 140, 13), 26)
    draw.rectangle(_s(0, 820, WIDTH, HEIGHT), fill=GRASS)
    x = 60
    for i in range(6):
        width = 190 + (i % 3) * 20
        _house(draw, x, 840, width, 300 + (i % 2) * 60, WALLS[i % len(WALLS)], ROOFS[i % len(ROOFS)])
        x += width + 40
    draw.rectangle(_s(0, 880, WIDTH, 930), fill=(200, 195, 185))
    return _upload(image, "zuidwijk.png")


def dream_house():
    """A house with a big dream cloud above it, a tree and a bench: the Droomhuis in Hagedoorn."""
    image, draw = _canvas((236, 230, 244))
    draw.rectangle(_s(0, 800, WIDTH, HEIGHT), fill=GRASS)
    _house(draw, 520, 820, 460, 380, WALLS[0], ROOFS[0])
    _tree(draw, 1200, 820, 330)
    _tree(draw, 260, 820, 260)
    for cx, cy, r in ((760, 150, 110), (640, 190, 85), (880, 190, 85), (700, 110, 75), (830, 100, 80)):
        draw.ellipse(_s(cx - r, cy - r, cx + r, cy + r), fill=WHITE)
    for cx, cy, r in ((610, 330, 22), (580, 370, 14)):
        draw.ellipse(_s(cx - r, cy - r, cx + r, cy + r), fill=WHITE)
    star = [
        (
            760 + (60 if i % 2 == 0 else 25) * math.sin(math.pi * i / 5),
            160 - (60 if i % 2 == 0 else 25) * math.cos(math.pi * i / 5),
        )
        for i in range(10)
    ]
    draw.polygon(_s(*[v for point in star for v in point]), fill=YELLOW, outline=ACCENT, width=3 * SCALE)
    draw.rectangle(_s(1010, 760, 1140, 775), fill=WOOD)
    draw.rectangle(_s(1020, 775, 1030, 820), fill=WOOD)
    draw.rectangle(_s(1120, 775, 1130, 820), fill=WOOD)
    return _upload(image, "hagedoorn.png")


def pearl_path():
    """A winding footpath with pearls along it, a bench and trees: a walk along the necklace."""
    image, draw = _canvas()
    draw.rectangle(_s(0, 380, WIDTH, HEIGHT), fill=GRASS)
    path = [(x, 380 + (x / WIDTH) * 560 + 90 * math.sin(x / 210)) for x in range(0, WIDTH + 1, 25)]
    for width, colour in ((90, (205, 190, 160)), (70, (225, 212, 185))):
        draw.line(_s(*[v for point in path for v in point]), fill=colour, width=width * SCALE, joint="curve")
    _tree(draw, 220, 430, 200)
    _tree(draw, 1250, 470, 240)
    _tree(draw, 700, 400, 150)
    for i, index in enumerate(range(6, len(path), 10)):
        x, y = path[index]
        _pearl(draw, x, y, 30 if i % 2 else 36)
    draw.rectangle(_s(980, 700, 1140, 716), fill=WOOD)
    draw.rectangle(_s(980, 670, 1140, 684), fill=WOOD)
    draw.rectangle(_s(995, 716, 1005, 760), fill=WOOD)
    draw.rectangle(_s(1115, 716, 1125, 760), fill=WOOD)
    return _upload(image, "wandeling.png")


def popup_space():
    """An empty shop that became a pop-up making space: yellow flag, a work table with wood and a lamp."""
    image, draw = _canvas(SOFT)
    draw.rectangle(_s(0, 820, WIDTH, HEIGHT), fill=(200, 195, 185))
    draw.rectangle(_s(200, 200, 1300, 820), fill=(225, 215, 195))
    draw.rectangle(_s(200, 150, 1300, 240), fill=BRAND)
    draw.rectangle(_s(280, 300, 1000, 820), fill=SKY, outline=WHITE, width=8 * SCALE)
    draw.rectangle(_s(1060, 420, 1220, 820), fill=ACCENT)
    draw.line(_s(1240, 260, 1240, 140), fill=BRAND_DARK, width=8 * SCALE)
    draw.polygon(_s(1240, 140, 1400, 175, 1240, 210), fill=YELLOW)
    draw.rectangle(_s(360, 640, 920, 670), fill=WOOD)
    draw.rectangle(_s(390, 670, 410, 800), fill=WOOD)
    draw.rectangle(_s(870, 670, 890, 800), fill=WOOD)
    for i, colour in enumerate((ACCENT, YELLOW, GRASS_DARK)):
        draw.rectangle(_s(420 + i * 110, 590 - i * 10, 500 + i * 110, 640), fill=colour)
    draw.line(_s(780, 300, 780, 470), fill=BRAND_DARK, width=4 * SCALE)
    draw.polygon(_s(730, 470, 830, 470, 800, 420, 760, 420), fill=YELLOW)
    for x in range(330, 1000, 90):
        draw.ellipse(_s(x, 330, x + 22, 352), fill=YELLOW)
    return _upload(image, "rommelruimte.png")
