from django.core.management.base import BaseCommand

from articles.publishing import publish_due


class Command(BaseCommand):
    help = "Mark scheduled articles whose publish time has passed as published (idempotent)."

    def handle(self, *args, **options):
        count = publish_due()
        self.stdout.write(f"{count} scheduled article(s) marked as published.")
