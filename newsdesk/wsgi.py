"""The WSGI application: Django, with stored public pages answered in front of it (reader/page_front.py)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402  (the settings module must be named first)

django_application = get_wsgi_application()  # sets Django up: the front below imports the models

from reader.page_front import StoredPageFront  # noqa: E402


def without_body_for_head(application):
    """A HEAD answer carries the headers of the GET and no body, whatever the server in front does."""

    def answer(environ, start_response):
        body = application(environ, start_response)
        if environ.get("REQUEST_METHOD") != "HEAD":
            return body
        if hasattr(body, "close"):
            body.close()  # Django's request_finished: the database connection goes back
        return []

    return answer


application = without_body_for_head(StoredPageFront(django_application))
