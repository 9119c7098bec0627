import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from interchange.exporter import export_articles


class Command(BaseCommand):
    help = (
        "Export every article as JSON in the interchange format. With -o, images are copied "
        "into an 'images' folder beside the file, so the folder is a complete backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="JSON file to write (default: standard output)")
        parser.add_argument(
            "--images", help="folder to copy images into (default: 'images' beside the output file, "
                             "or in the current folder when writing to standard output)",
        )

    def handle(self, *args, output=None, images=None, **options):
        base = Path(output).resolve().parent if output else Path.cwd()
        image_dir = Path(images).resolve() if images else base / "images"
        try:
            prefix = image_dir.relative_to(base).as_posix()
        except ValueError:
            prefix = image_dir.as_posix()
        data = export_articles(image_dir, image_prefix=prefix)
        payload = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)  # images may not have created it
            Path(output).write_text(payload, encoding="utf-8")
            self.stderr.write(f"Exported {len(data['articles'])} articles to {output}, images in {image_dir}")
        else:
            sys.stdout.write(payload)
