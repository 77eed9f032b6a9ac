"""QR codes for paper: plaques, posters and paper forms carry a code that opens the page online."""

import qrcode
from django.utils.html import format_html

QR_BORDER = 4


def _code(url: str, **options) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, **options)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR modules for ``url`` (True = dark), without the quiet zone. Also used to check a plaque image."""
    return [list(row) for row in _code(url, border=0).get_matrix()]


def qr_png_image(url: str, *, box_size: int):
    """The QR code as a black-on-white PIL image (qrcode's own image factory), ``box_size`` pixels per module
    and a ``QR_BORDER``-module quiet zone."""
    return _code(url, border=QR_BORDER, box_size=box_size).make_image().get_image()


def qr_svg(url: str, *, label: str, css_class: str = "pk-qr") -> str:
    """The QR code as inline SVG (one path), so a PDF needs no image file and nothing is fetched."""
    matrix = qr_matrix(url)
    side = len(matrix) + 2 * QR_BORDER
    cells = "".join(
        f"M{x + QR_BORDER},{y + QR_BORDER}h1v1h-1z"
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    )
    return format_html(
        '<svg class="{3}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {0}" role="img" aria-label="{1}">'
        '<rect width="{0}" height="{0}" fill="#fff"/><path d="{2}" fill="#000"/></svg>',
        side,
        label,
        cells,
        css_class,
    )
