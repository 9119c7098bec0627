from django.conf import settings
from django.utils import translation


def path_language(path: str) -> str:
    """The language a path names (`/en/…`), else the site's own."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def reader_language(request) -> str:
    """The language of a request: its path's, never a cookie's or Accept-Language's."""
    return path_language(request.path_info)


class PathLanguageMiddleware:
    """The language of the request is the one in its path: Japanese unless the path starts with /en/.

    Unlike Django's LocaleMiddleware this never reads Accept-Language or a
    cookie, so a page is the same for everyone who asks for its URL (and no
    `Vary` is needed to cache it): a Japanese site should not turn English
    because a browser is set so. The admin and the machine endpoints have no
    prefix, so they are Japanese.
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
