"""PDF downloads of the atelier's print views, rendered by the shared ``lib.pdf`` helper."""

from lib.pdf import pdf_response as _pdf_response
from lib.pdf import render_pdf

PRINT_CSS = "atelier/print.css"


def pdf_response(template: str, context: dict, *, filename: str, request=None):
    """Render ``template`` with the atelier's print stylesheet and send it as a download."""
    pdf = render_pdf(template, context, stylesheets=[PRINT_CSS], request=request)
    return _pdf_response(pdf, filename=filename)
