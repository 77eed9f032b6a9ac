"""PDF rendering with WeasyPrint from ordinary templates and our own print stylesheets.

Nothing is fetched over the network: stylesheets are read from the static files on disk and the URL
fetcher refuses every request, so no content can make the server call out.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"PDF rendering does not fetch {url}")


def render_pdf(template: str, context: dict, *, stylesheets: list[str], request=None) -> bytes:
    """Render ``template`` to PDF bytes with the given static stylesheets (paths under ``static/``)."""
    import weasyprint

    html = render_to_string(template, {**context, "for_pdf": True}, request=request)
    css = [weasyprint.CSS(filename=finders.find(path), url_fetcher=_no_fetch) for path in stylesheets]
    return weasyprint.HTML(string=html, base_url="/", url_fetcher=_no_fetch).write_pdf(stylesheets=css)


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
