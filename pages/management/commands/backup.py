from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from pages.backup import BACKUP_MODELS, is_archive, save_media, with_header, write_archive


class Command(BaseCommand):
    help = (
        "Write all content and treaty data (and editors' accounts and groups) as JSON, to stdout or -o FILE, with "
        "the schema (migrations) it was made with. Restore it with `manage.py restore FILE`. With -o FILE.tar, one "
        "archive holds the JSON and every uploaded picture (from the local folder or the bucket, whichever stores "
        "them). --media DIR copies the uploaded pictures into DIR instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="File to write (default: standard output); FILE.tar: an archive with the pictures."
        )
        parser.add_argument("--media", metavar="DIR", help="Also copy every uploaded file into DIR.")

    def handle(self, *args, output=None, media=None, **options):
        dumped = StringIO()
        call_command("dumpdata", *BACKUP_MODELS, natural_foreign=True, indent=1, stdout=dumped)
        if output and is_archive(output):
            count = write_archive(output, dumped.getvalue())
            self.stderr.write(f"Wrote {output} with {count} uploaded file(s).")
        elif output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(with_header(dumped.getvalue()))
        else:
            self.stdout.write(with_header(dumped.getvalue()), ending="")
        if media:
            count = save_media(media)
            self.stderr.write(f"Copied {count} uploaded file(s) to {media}.")
