from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from pages.backup import BACKUP_MODELS, with_header


class Command(BaseCommand):
    help = (
        "Write all content and treaty data (and editors' accounts and groups) as JSON, to stdout or -o FILE, with "
        "the schema (migrations) it was made with. Restore it with `manage.py restore FILE`. Uploaded images live "
        "in MEDIA_ROOT: copy that folder too."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        dumped = StringIO()
        call_command("dumpdata", *BACKUP_MODELS, natural_foreign=True, indent=1, stdout=dumped)
        text = with_header(dumped.getvalue())
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
