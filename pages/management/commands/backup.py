from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from pages.backup import BACKUP_MODELS, save_media, with_header


class Command(BaseCommand):
    help = (
        "Write all content and treaty data (and editors' accounts and groups) as JSON, to stdout or -o FILE, with "
        "the schema (migrations) it was made with. Restore it with `manage.py restore FILE`. --media DIR also copies "
        "the uploaded pictures (from the local folder or the bucket, whichever stores them) into DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")
        parser.add_argument("--media", metavar="DIR", help="Also copy every uploaded file into DIR.")

    def handle(self, *args, output=None, media=None, **options):
        dumped = StringIO()
        call_command("dumpdata", *BACKUP_MODELS, natural_foreign=True, indent=1, stdout=dumped)
        text = with_header(dumped.getvalue())
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
        if media:
            count = save_media(media)
            self.stderr.write(f"Copied {count} uploaded file(s) to {media}.")
