"""The WSGI application gunicorn serves."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

from django.core.wsgi import get_wsgi_application

django_application = get_wsgi_application()


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


application = without_body_for_head(django_application)
