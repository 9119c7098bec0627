from django.core.management.base import BaseCommand

from articles.stored_html import render_all


class Command(BaseCommand):
    help = (
        "Render every story's stored HTML again from its Markdown, key points, corrections and figures "
        "(after the Markdown or sanitizer rules in articles/rendering.py change)."
    )

    def handle(self, *args, **options):
        count = render_all()
        self.stdout.write(f"Stored HTML rendered again: {count} article(s).")
