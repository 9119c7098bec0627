import time

from django.core.management.base import BaseCommand

from search.documents import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the articles (published and scheduled ones are searchable)."

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done:,} / {total:,} article(s) indexed ({time.monotonic() - started:.0f} s)")

        count = rebuild(progress=progress)
        self.stdout.write(f"Search index rebuilt: {count} article(s) in {time.monotonic() - started:.1f} s.")
