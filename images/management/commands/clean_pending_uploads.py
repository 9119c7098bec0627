from datetime import timedelta

from django.core.management.base import BaseCommand

from images.pending import KEPT_FOR, clean_pending_uploads


class Command(BaseCommand):
    help = "Delete images kept for a form with errors that nobody saved (older than a day, or --hours)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=float, default=KEPT_FOR.total_seconds() / 3600,
            help="Delete the ones kept longer than this many hours (default: 24).",
        )

    def handle(self, *args, hours, **options):
        count = clean_pending_uploads(older_than=timedelta(hours=hours))
        self.stdout.write(f"Deleted {count} kept upload(s).")
