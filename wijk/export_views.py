"""Download my data: a readable page, a PDF and JSON, for the resident or through staff on their behalf."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lib.pdf import pdf_response, render_pdf

from .choices import RoleKind
from .export import for_display, resident_export
from .export_summary import resident_summary
from .models import AccessAction, Resident
from .permissions import active_roles
from .services import access_log_record

STAFF_KINDS = (RoleKind.BROKER, RoleKind.MODERATOR)


def _respond(request, resident, *, role: str, on_behalf: bool):
    data = resident_export(resident)
    fmt = request.GET.get("formaat", "")
    action = {"json": AccessAction.EXPORT, "pdf": AccessAction.PRINT}.get(fmt, AccessAction.VIEW)
    organisation = resident.neighbourhood.corporation if on_behalf else None
    access_log_record(
        user=request.user,
        action=action,
        obj=resident,
        resident=resident,
        role=role,
        organisation=organisation,
        on_behalf_of=str(resident.uid) if on_behalf else "",
        detail="download my data",
    )
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
        response["Cache-Control"] = "no-store"
        return response
    context = {
        "data": for_display(data, complete=on_behalf),
        "summary": resident_summary(resident, data),
        "resident": resident,
        "on_behalf": on_behalf,
    }
    if fmt == "pdf":
        pdf = render_pdf("wijk/my_data_print.html", context, stylesheets=["css/export-print.css"], request=request)
        return pdf_response(pdf, filename=f"mijn-gegevens-{stamp}.pdf")
    response = render(request, "wijk/my_data.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def my_data(request):
    resident = getattr(request.user, "resident", None)
    if resident is None:
        return render(request, "wijk/my_data_none.html")
    return _respond(request, resident, role="resident", on_behalf=False)


def staff_resident(request, uid) -> tuple[Resident, str]:
    """The resident and the staff member's role, for a broker or moderator of the resident's corporation; else 404."""
    resident = get_object_or_404(Resident.objects.select_related("neighbourhood__corporation"), uid=uid)
    roles = [
        r
        for r in active_roles(request.user, *STAFF_KINDS)
        if r.organisation_id == resident.neighbourhood.corporation_id
    ]
    if not roles and not request.user.is_superuser:
        raise Http404
    return resident, roles[0].kind if roles else "superuser"


@login_required
@require_GET
def resident_data(request, uid):
    """Staff (broker or moderator of the resident's corporation) export for someone without an account."""
    resident, role = staff_resident(request, uid)
    return _respond(request, resident, role=role, on_behalf=True)
