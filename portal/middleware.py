"""Language choice: pt-BR unless the user chose English (not the browser's Accept-Language)."""

from django.conf import settings
from django.utils import translation

LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME


class LanguageMiddleware:
    """Activate the logged-in user's language, else the language cookie, else pt-BR.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Brazilian portal
    speaks Portuguese by default and English only when the user asks for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = None
        if user is not None and user.is_authenticated:
            language = user.language
        if language not in self.supported:
            language = request.COOKIES.get(LANGUAGE_COOKIE)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The language the answer was written in: an API token's owner may have changed it.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
