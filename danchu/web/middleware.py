"""Language selection: Vietnamese unless the person chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language header, and many cheap
phones in Vietnam ship with an English system language; residents would then see English
without asking for it. Here only an explicit choice (the language cookie set by the switcher)
changes the language (docs/decisions/0008-vietnamese-first.md).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
