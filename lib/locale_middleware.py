"""Dutch first: the language is Dutch unless the visitor chose another with the switch.

Django's own LocaleMiddleware would follow the browser's language setting. Many residents use a
phone set to English without reading English well, so the portal only follows an explicit choice,
which the language switch stores in a cookie (no account needed).
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.available:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        try:
            response = self.get_response(request)
        finally:
            # The thread serves the next request (or test) in the default language, not this visitor's.
            translation.activate(settings.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        return response
