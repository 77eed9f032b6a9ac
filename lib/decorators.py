"""The one way a view says "not for you": anonymous visitors log in first, others without the role get 403.

A record that is not the user's is a 404 from a scoped queryset (``get_*_for_*`` in each app's permissions),
never a 403, so "not yours" looks the same as "missing".
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def role_required(predicate):
    """Wrap a view: ``predicate(user)`` (a small boolean check from an app's permissions) must hold."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
