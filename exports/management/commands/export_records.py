"""
python manage.py export_records <dataset> --format csv|xlsx|json [--as-of YYYY-MM-DD] [filters] [-o FILE]

The same files as /exports/ (same columns, same filters, same log), for scheduled reports. Output goes to stdout
unless -o names a file; XLSX, being binary, goes to a file or to a redirected stdout, never to a terminal.
"""

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from exports import datasets
from exports.models import Format
from exports.services import start_export


def filter_options():
    """{field name: {dataset name: the field's label}} over every dataset's filter form."""
    options = {}
    for dataset in datasets.REGISTRY.values():
        for name, field in dataset.form().fields.items():
            options.setdefault(name, {})[dataset.name] = str(field.label or name)
    return options


def option(name):
    return "--" + name.replace("_", "-")


class Command(BaseCommand):
    help = "Export a dataset as CSV, XLSX or JSON (to stdout, or to a file with -o); each export is logged."

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=list(datasets.REGISTRY), help="Which records to export.")
        parser.add_argument(
            "--format", dest="export_format", choices=Format.values, default=Format.CSV, help="Default: csv."
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
        parser.add_argument(
            "--lang",
            choices=[code for code, _name in datasets.export_languages()],
            help="Add the translated columns of this language (title_fr, name_fr…); the others stay as they are.",
        )
        for name, labels in filter_options().items():
            help_text = "; ".join(f"{label} ({dataset})" for dataset, label in labels.items())
            parser.add_argument(option(name), dest=f"filter_{name}", metavar="VALUE", help=help_text)

    def handle(self, *args, dataset, export_format, output, lang=None, **options):
        dataset = datasets.get(dataset)
        given = {name: options[f"filter_{name}"] for name in filter_options() if options[f"filter_{name}"] is not None}
        form = dataset.form(given)
        if wrong := [name for name in given if name not in form.fields]:
            accepted = ", ".join(option(name) for name in form.fields) or "none"
            wrong = ", ".join(option(name) for name in wrong)
            raise CommandError(f"{wrong}: not a filter of {dataset.name} (its filters: {accepted}).")
        if not form.is_valid():
            messages = [
                f"{option(name) + ': ' if name != '__all__' else ''}{error}"
                for name, errors in form.errors.items()
                for error in errors
            ]
            raise CommandError("\n".join(messages))
        binary_out = None
        if output is None and export_format == Format.XLSX:
            binary_out = getattr(self.stdout._out, "buffer", None)
            if binary_out is None or self.stdout.isatty():
                raise CommandError("XLSX is a binary file: give -o FILE (or redirect the output to a file).")

        filters = dataset.log_filters(form) | ({"lang": lang} if lang else {})
        stem = dataset.file_stem(form, today=timezone.localdate()) + (f"-{lang}" if lang else "")
        dataset = dataset.in_language(lang)
        export = start_export(
            dataset=dataset,
            export_format=export_format,
            objects=dataset.objects(form),
            filters=filters,
            source="command",
            username=getpass.getuser(),
            stem=stem,
        )
        if output is not None:
            with open(output, "wb") as file:
                for chunk in export.chunks:
                    file.write(chunk)
            self.stderr.write(f"Wrote {export.log.row_count} rows of {dataset.name} to {output}.")
        elif binary_out is not None:
            for chunk in export.chunks:
                binary_out.write(chunk)
            binary_out.flush()
        else:
            for chunk in export.chunks:  # whole rows per chunk: each decodes on its own
                self.stdout.write(chunk.decode(), ending="")
            self.stdout.flush()
