"""manage.py start_translation <original url>: fetch and extract the page, create the draft, as 「翻訳を始める」 does."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ingest import fetching, inbox


class Command(BaseCommand):
    help = "Fetch an original article page, extract its text and create a draft story from it."

    def add_arguments(self, parser):
        parser.add_argument("url", help="the original article's http or https URL")
        parser.add_argument("--source", default="", help="the source's name (default: the source of that host)")
        parser.add_argument("--user", default="", help="the username the draft is assigned to")

    def handle(self, *args, url, source, user, **options):
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"No such user: {user}")
        try:
            article, item = inbox.start_translation_from_url(url, by=by, source_name=source)
        except inbox.AlreadyTranslated as exc:
            raise CommandError(f"A story already has this original: #{exc.article.pk} {exc.article.title}") from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        except fetching.FetchError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Draft #{article.pk} created: {article.original_title}"))
        self.stdout.write(f"  source: {article.source.name}; author: {article.original_author or '-'}; "
                          f"published: {article.original_published_at or '-'}")
        for missing in item.extracted.get("missing", []):
            self.stdout.write(self.style.WARNING(f"  {missing}"))
        self.stdout.write(f"  /admin/articles/article/{article.pk}/change/")
