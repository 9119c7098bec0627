"""The WSGI application: Django, with stored public pages answered in front of it (articles/page_front.py)."""

import os

from django.core.wsgi import get_wsgi_application

from articles.page_front import StoredPageFront

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

application = StoredPageFront(get_wsgi_application())
