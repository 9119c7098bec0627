"""Background jobs: the engine (Celery), the jobs that leave the editor's request, and the failures kept for editors."""
