"""manage.py add_feed "<source name>" <feed url>: the inbox polls that feed from now on (the source is made if new)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ingest import fetching, inbox


class Command(BaseCommand):
    help = "Add a feed (RSS or Atom) of a source to the inbox's polling; the source is created if new."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the source's name, e.g. \"Harbor Ledger\"")
        parser.add_argument("url", help="the feed's http or https URL")

    def handle(self, *args, source, url, **options):
        try:
            feed, created = inbox.add_feed(source_name=source, url=url)
        except (ValidationError, fetching.FetchError) as exc:
            raise CommandError(_message(exc)) from None
        verb = "Added" if created else "Already polled"
        self.stdout.write(f"{verb}: {feed.url} ({feed.source.name})")


def _message(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
