from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import display
from .models import Neighbourhood
from .permissions import active_roles, may_print_letters


@require_GET
def home(request):
    neighbourhoods = Neighbourhood.objects.select_related("corporation").order_by("municipality", "name")
    return render(request, "wijk/home.html", {"neighbourhoods": neighbourhoods})


@require_GET
def privacy(request):
    return render(request, "wijk/privacy.html")


@require_GET
def accessibility(request):
    return render(request, "wijk/accessibility.html")


@login_required
@require_GET
def account(request):
    resident = getattr(request.user, "resident", None)
    roles = active_roles(request.user)
    context = {"resident": resident, "roles": roles, "can_print_letters": may_print_letters(request.user)}
    return render(request, "wijk/account.html", context)


@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@csrf_exempt
@require_POST
def display_preferences(request):
    """Store the text size and contrast chosen by the visitor in cookies (no account needed)."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    display.store(response, text=request.POST.get("text"), contrast=request.POST.get("contrast"))
    return response
