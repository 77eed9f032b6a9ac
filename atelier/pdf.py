"""PDF downloads rendered by WeasyPrint from the same templates as the print views.

The stylesheet is read from the static files on disk and nothing is fetched over the network: the URL fetcher
refuses every request, so a record can never make the server call out.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

PRINT_CSS = "atelier/print.css"


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"PDF rendering does not fetch {url}")


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    import weasyprint

    html = render_to_string(template, {**context, "for_pdf": True}, request=request)
    css = weasyprint.CSS(filename=finders.find(PRINT_CSS), url_fetcher=_no_fetch)
    return weasyprint.HTML(string=html, base_url="/", url_fetcher=_no_fetch).write_pdf(stylesheets=[css])


def pdf_response(template: str, context: dict, *, filename: str, request=None) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
