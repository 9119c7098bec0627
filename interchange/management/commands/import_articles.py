import sys

from django.core.management.base import BaseCommand, CommandError

from interchange.importer import import_file
from interchange.schema import MAX_FILE_BYTES, InterchangeError

MEGABYTE = 1024 * 1024


class Command(BaseCommand):
    help = "Import articles from a JSON file in the interchange format. The whole file is one transaction."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the JSON file; figure images are relative to it")
        parser.add_argument(
            "--max-size", type=int, default=MAX_FILE_BYTES // MEGABYTE, metavar="MB",
            help="refuse a file larger than this many megabytes (default: %(default)s); it is read into memory whole",
        )

    def handle(self, *args, file, **options):
        def progress(done: int, total: int) -> None:
            sys.stderr.write(f"\r{done}/{total} articles")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        try:
            result = import_file(
                file, progress=progress if options["verbosity"] >= 1 else None,
                max_bytes=options["max_size"] * MEGABYTE,
            )
        except InterchangeError as exc:
            raise CommandError(f"{exc}\nNothing was imported.")
        self.stdout.write(
            self.style.SUCCESS(f"Imported {result.created + result.updated} articles "
                               f"({result.created} new, {result.updated} updated).")
        )
