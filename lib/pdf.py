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


def pdf_warm_up() -> None:
    """Load WeasyPrint now, when a web or worker process starts, instead of in the first PDF request.

    The first PDF in a process imports WeasyPrint and fontTools, parses the C declarations for Pango, and looks up
    each system library under several names (``ctypes.util.find_library`` starts ``ldconfig``, ``gcc`` and ``ld``
    for every name that misses: about 50 subprocesses); then Pango and fontconfig load their fonts. That took
    0.7 s on a quiet machine and up to several seconds on a busy one (docs/performance.md, "PDFs").
    """
    import weasyprint

    css = weasyprint.CSS(string='body { font-family: "DejaVu Sans", Arial, sans-serif; }', url_fetcher=_no_fetch)
    weasyprint.HTML(string="<p>Wijkportaal</p><p><b>PDF</b></p>", url_fetcher=_no_fetch).write_pdf(stylesheets=[css])


def pdf_response(pdf: bytes, *, filename: str, shared: bool = False) -> HttpResponse:
    """A PDF download. Kept by no one unless ``shared``: a blank form that is the same for everyone who asks this
    address, which a browser may keep (asking again first) and the public page cache may store."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-cache" if shared else "no-store"
    return response
