"""View helpers: anonymous visitors who hit a hidden record are sent to log in; others get a 404."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login

from .permissions import LoginRequired


def atelier_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LoginRequired:
            return redirect_to_login(request.get_full_path())

    return wrapper
