from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Neighbourhood
from .permissions import active_roles


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
    return render(request, "wijk/account.html", {"resident": resident, "roles": roles})


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
