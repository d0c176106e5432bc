from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are in Vietnamese unless the user chose English with the language switch.

    A browser's Accept-Language is not a choice: officers often run English-language
    systems, and the interface must still open in Vietnamese. API clients, which set the
    header on purpose, get the language they ask for.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            if request.path.startswith("/api/"):
                code = translation.get_language_from_request(request)
            else:
                code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
