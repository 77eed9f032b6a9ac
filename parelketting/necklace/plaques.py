"""QR plaques for place pearls: a QR code to the pearl's short link, as PNG and in a printable PDF."""

import io
import secrets

from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from lib.links import absolute_url
from lib.qr import qr_png_image

# Short codes: no 0/O, 1/l/I, so they can be typed from a photo of the plaque; random, never a sequence.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 7
QR_BOX_SIZE = 10


def new_short_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def short_url(code: str) -> str:
    return absolute_url(reverse("parelketting:short", kwargs={"code": code}))


def qr_image(url: str) -> Image.Image:
    """A black-on-white QR code, ``QR_BOX_SIZE`` pixels per module and a ``QR_BORDER``-module quiet zone."""
    return qr_png_image(url, box_size=QR_BOX_SIZE)


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    qr_image(url).save(buffer, format="PNG")
    return buffer.getvalue()


def _font(size: int):
    """DejaVu Sans Bold, which Pillow finds by name in the system's font folders (Linux, macOS, Windows); it has
    é, ë, ş and Arabic. Without it, Pillow's own scalable font, which draws ASCII letters only."""
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        attempt = f"{line} {word}".strip()
        if draw.textlength(attempt, font=font) <= width:
            line = attempt
        else:
            if line:
                lines.append(line)
            line = word
        if len(lines) == max_lines:
            break
    if line and len(lines) < max_lines:
        lines.append(line)
    return lines


PLAQUE_WIDTH = 1200
PLAQUE_MARGIN = 60


def plaque_png(*, title: str, line: str, url: str, caption: str) -> tuple[bytes, tuple[int, int]]:
    """A plaque picture: name, a short line of the story, the QR code and the short link written out.

    Returns the PNG and the (x, y) pixel of the QR image's top-left corner, so a test can read it back.
    """
    qr = qr_image(url).convert("RGB")
    title_font, text_font, small_font = _font(64), _font(38), _font(30)
    scratch = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    inner = PLAQUE_WIDTH - 2 * PLAQUE_MARGIN
    title_lines = _wrap(scratch, title, title_font, inner, 2)
    text_lines = _wrap(scratch, line, text_font, inner, 3)
    height = PLAQUE_MARGIN + len(title_lines) * 80 + 20 + len(text_lines) * 50 + 30 + qr.height + 110
    image = Image.new("RGB", (PLAQUE_WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, PLAQUE_WIDTH - 9, height - 9), outline=(30, 30, 30), width=6)
    y = PLAQUE_MARGIN
    for text in title_lines:
        draw.text((PLAQUE_MARGIN, y), text, font=title_font, fill="black")
        y += 80
    y += 20
    for text in text_lines:
        draw.text((PLAQUE_MARGIN, y), text, font=text_font, fill=(20, 20, 20))
        y += 50
    y += 30
    origin = ((PLAQUE_WIDTH - qr.width) // 2, y)
    image.paste(qr, origin)
    y += qr.height + 20
    draw.text((PLAQUE_MARGIN, y), caption, font=small_font, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), origin
