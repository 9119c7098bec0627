from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from articles.roles import EDITOR


class Command(BaseCommand):
    help = "Create (or reset) the demo editor account and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--password", default="newsdesk-demo")

    def handle(self, *args, username, password, **options):
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=EDITOR))
        self.stdout.write(f"Demo editor: {username} / {password} ({'created' if created else 'reset'})")
