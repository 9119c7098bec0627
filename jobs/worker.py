"""What `celery -A jobs.worker worker` and `celery -A jobs.worker beat` load: Django, then the engine with every job.

    celery -A jobs.worker worker --loglevel=INFO
    celery -A jobs.worker beat --loglevel=INFO --schedule /var/lib/newsdesk/celerybeat-schedule

(scripts/run-jobs.sh runs either with the production environment.)
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
django.setup()  # the apps' ready() register their jobs

from jobs.engine import app

__all__ = ["app"]
