from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.static import serve

from core.resilience import breaker, close_broken_connections


@never_cache
def healthz(request):
    """200 when the app and its database answer, else 503.

    Always asks the database, even while the circuit breaker (core/resilience.py)
    answers other requests with 503: a probe that gets an answer closes it.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        breaker.trip()
        close_broken_connections()
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        response.headers["Retry-After"] = "5"
        return response
    breaker.reset()
    return HttpResponse("ok\n", content_type="text/plain")


def media(request, path):
    """Uploaded files, when no web server in front serves them (development, small sites)."""
    if not settings.NEWSDESK_SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
