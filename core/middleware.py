from django.conf import settings
from django.utils import translation


def reader_language(request) -> str:
    """The language a reader chose with the switch (its cookie), else the site's."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class LanguageCookieMiddleware:
    """Japanese unless the reader chose another language with the switch.

    Unlike Django's LocaleMiddleware this ignores Accept-Language: a
    Japanese site should not turn English because a browser is set so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = reader_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RejectNulMiddleware:
    """A NUL character in the path or query is a 400; one in a cookie drops that cookie.

    No legitimate URL carries one, and PostgreSQL refuses it in any text
    parameter, so it must never reach a query (that would be a 500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            from django.http import HttpResponseBadRequest

            return HttpResponseBadRequest("Bad request\n", content_type="text/plain")
        for name in [name for name, value in request.COOKIES.items() if "\x00" in name or "\x00" in value]:
            del request.COOKIES[name]
        return self.get_response(request)
