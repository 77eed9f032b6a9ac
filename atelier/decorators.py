"""View helpers: an anonymous visitor refused a record (hidden or missing: 404; not theirs to edit: 403) is sent
to log in first, as on every staff page; a logged-in user gets the 404 or 403 itself."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404


def atelier_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (Http404, PermissionDenied):
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapper
