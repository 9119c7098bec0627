from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from articles.roles import EDITOR, TRANSLATOR


class Command(BaseCommand):
    help = "Create (or reset) the demo editor and translator accounts and print their logins."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--translator", default="translator",
                            help="The demo translator's user name: a story goes to review between the two.")
        parser.add_argument("--password", default="newsdesk-demo")

    def handle(self, *args, username, translator, password, **options):
        for name, role, label in ((username, EDITOR, "Demo editor"), (translator, TRANSLATOR, "Demo translator")):
            user, created = User.objects.get_or_create(username=name, defaults={"is_staff": True})
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
            self.stdout.write(f"{label}: {name} / {password} ({'created' if created else 'reset'})")
