"""The monthly A3 poster, for moderators of the neighbourhood's corporation: as a page and as a PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lib.pdf import pdf_response, render_pdf
from wijk.models import Neighbourhood

from ... import permissions as perms
from ..poster import month_parse, poster_data, poster_default_month, poster_month_allowed, poster_months

POSTER_CSS = "parelketting/poster.css"


def poster_neighbourhoods(user) -> list:
    """The neighbourhoods whose corporation the user moderates (all for a superuser)."""
    hoods = Neighbourhood.objects.select_related("corporation").order_by("name")
    return [hood for hood in hoods if perms.is_neighbourhood_moderator(user, hood)]


@login_required
@require_GET
def poster(request, pdf=False):
    """``?wijk=<slug>&maand=2026-12``; without them the first neighbourhood and ``poster_default_month``: this
    month, or the next month with activities. A month that is not a month, or more than a year away, gives that
    default (the page says so).
    """
    hoods = poster_neighbourhoods(request.user)
    if not hoods:
        raise PermissionDenied
    slug = request.GET.get("wijk")
    neighbourhood = next((h for h in hoods if h.slug == slug), None) if slug else hoods[0]
    if neighbourhood is None:
        raise Http404
    today = timezone.localdate()
    months = poster_months(today)
    month = month_parse(request.GET.get("maand"))
    if month is None or not poster_month_allowed(month, today):
        month = poster_default_month(neighbourhood, today)
        if request.GET.get("maand") and not pdf:
            messages.info(
                request,
                _("Voor die maand kunnen wij geen affiche maken. U ziet het affiche van %(month)s.")
                % {"month": date_format(month, "F Y")},
            )
    context = poster_data(neighbourhood=neighbourhood, month=month)
    if pdf:
        context["body_template"] = "parelketting/_poster_body.html"
        context["paper_title"] = neighbourhood.name
        body = render_pdf("wijk/paper_pdf.html", context, stylesheets=[POSTER_CSS], request=request)
        return pdf_response(body, filename=f"affiche-{neighbourhood.slug}-{month:%Y-%m}.pdf")
    context.update(
        {
            "neighbourhoods": hoods,
            "months": [(f"{m:%Y-%m}", date_format(m, "F Y")) for m in months],
            "chosen_month": f"{month:%Y-%m}",
        }
    )
    return render(request, "parelketting/poster.html", context)
