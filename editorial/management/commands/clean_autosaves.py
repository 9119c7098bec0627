from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.autosaves import clean_abandoned


class Command(BaseCommand):
    help = "Delete editors' autosaves untouched for NEWSDESK_AUTOSAVE_MAX_AGE_DAYS days (or --days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help=f"Age in days (default: {settings.NEWSDESK_AUTOSAVE_MAX_AGE_DAYS}).")

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            raise SystemExit(2)
        count = clean_abandoned(days=days)
        self.stdout.write(f"{count} abandoned autosave(s) deleted.")
