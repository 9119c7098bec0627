"""manage.py poll_sources: poll every feed once, now, and say what came in."""

from django.core.management.base import BaseCommand

from ingest import polling


class Command(BaseCommand):
    help = "Poll every source's feeds once, now, and report the new inbox items."

    def handle(self, *args, **options):
        results = polling.poll_all()
        if not results:
            self.stdout.write("No feeds. Add one with: manage.py add_feed \"<source name>\" <feed url>")
            return
        total = 0
        for result in results:
            label = f"{result.feed.source.name}: {result.feed.url}"
            if result.error:
                self.stdout.write(self.style.WARNING(f"{label}: failed: {result.error}"))
            elif result.not_modified:
                self.stdout.write(f"{label}: not modified")
            else:
                self.stdout.write(f"{label}: {len(result.new_items)} new")
                for item in result.new_items:
                    self.stdout.write(f"  + {item.title} <{item.url}>")
            total += len(result.new_items)
        self.stdout.write(self.style.SUCCESS(f"{total} new item(s) from {len(results)} feed(s)."))
