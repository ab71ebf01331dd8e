"""
The datasets staff can export: a base class and a registry, on the model of `django.contrib.admin`.

Each app lists its own datasets in `<app>/datasets.py` (`treaty.datasets`, `timeline.datasets`), which
`ExportsConfig.ready()` imports, as the admin finds `admin.py`; this module never imports an app.

A dataset names itself (its name is the address /exports/<name>/, the file name, the command's argument and the
log's entry), parses its filters with a form (the public pages' own forms where there is one), gets its records from
the model layer and lists its columns. Each column is a name, a function giving a native value (str, int, bool, date,
datetime or None) and an XLSX width; `core.spreadsheets` turns the rows into CSV, XLSX or JSON.

To add a dataset: in the app's `datasets.py`, subclass `Dataset`, fill in the class attributes and `objects()`, and
decorate the class with `@register`. A dataset with a `model` gets the "Export" actions on that model's admin list
(`exports.admin`).
"""

import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

ITERATOR_CHUNK = 2000
# Every registered dataset by name, in the order the apps are installed and each app declares them.
REGISTRY = {}


@dataclass(frozen=True)
class Column:
    name: str
    value: Any  # a function of one record giving a native value
    width: int | None = None  # in characters, for XLSX; None: fitted to the header


class Dataset:
    name = ""  # a slug
    title = ""
    description = ""
    form_class = None
    model = None  # the model whose admin list offers the "Export" actions (None: no admin list)
    columns = []
    # With a language (`in_language`), each column of a translated field of `model` gets its text in that language
    # beside it (`title` → `title_fr`); these name the other columns that get one:
    related_translations = {}  # {column: (function of a record → a related record or None, its translated field)}
    state_columns = {}  # {column: function of a record → a State or None}: its name in the language (CLDR)

    @property
    def header(self):
        return [column.name for column in self.columns]

    @property
    def widths(self):
        return [column.width for column in self.columns]

    def form(self, data=None, **kwargs):
        return self.form_class(data, **kwargs)

    def queryset(self):
        """Every record of the dataset, annotated and in export order."""
        raise NotImplementedError

    def objects(self, form):
        """The records to export, filtered by a valid `form`, in the export's order (an iterable, read lazily).
        By default every record: datasets with filters override this."""
        return self.queryset().iterator(chunk_size=ITERATOR_CHUNK)

    def objects_for_admin(self, queryset):
        """The records of an admin list's `queryset` (its filters, search and selection applied), in export order."""
        return self.queryset().filter(pk__in=queryset.values("pk")).iterator(chunk_size=ITERATOR_CHUNK)

    def rows(self, objects):
        getters = [column.value for column in self.columns]
        for record in objects:
            yield [value(record) for value in getters]

    def file_stem(self, form=None, *, today):
        """The file name without extension: the dataset and the date, e.g. `events-2026-11-27`."""
        return f"{self.name}-{today.isoformat()}"

    def log_value(self, name, value):
        """A filter's value as JSON-friendly data for the export log: days in ISO, records by slug. Datasets whose
        filters hold other records say how to name them."""
        if isinstance(value, date):
            return value.isoformat()
        if hasattr(value, "slug"):
            return value.slug
        return value

    def log_filters(self, form):
        """A valid form's non-empty values as JSON-friendly data for the export log."""
        return {
            name: self.log_value(name, value) for name, value in form.cleaned_data.items() if value not in (None, "")
        }

    def language_columns(self, lang):
        """The columns a `lang` export adds, each after the English one's name with the language's suffix
        (`title_fr`, `name_zh_hans`); an empty cell is "not yet translated". The English columns stay as they are."""
        from core.translations import column, translated_fields

        own = set(translated_fields(self.model)) if self.model is not None else set()
        added = []
        for base in self.columns:
            if base.name in own:
                value = _text_in(_itself, base.name, lang)
            elif base.name in self.related_translations:
                value = _text_in(*self.related_translations[base.name], lang)
            elif base.name in self.state_columns:
                value = _state_name_in(self.state_columns[base.name], lang)
            else:
                continue
            added.append(Column(column(base.name, lang), value, base.width))
        return added

    def in_language(self, lang):
        """This dataset with the columns of `lang` added (itself for none, or English)."""
        from core.translations import BASE_LANGUAGE

        if not lang or lang == BASE_LANGUAGE:
            return self
        dataset = copy.copy(self)
        dataset.columns = [*self.columns, *self.language_columns(lang)]
        return dataset

    def __str__(self):
        return self.name


def _itself(record):
    return record


def _text_in(get, field, lang):
    from core.translations import column

    name = column(field, lang)

    def value(record):
        owner = get(record)
        return None if owner is None else getattr(owner, name, None) or None

    return value


def _state_name_in(get, lang):
    from django.utils import translation

    from core.locale import state_name

    def value(record):
        state = get(record)
        if state is None:
            return None
        with translation.override(lang):
            return state_name(state)

    return value


def export_languages():
    """The languages an export can add columns in: (code, name) for each but English."""
    from django.conf import settings

    from core.translations import BASE_LANGUAGE

    return [(code, name) for code, name in settings.LANGUAGES if code != BASE_LANGUAGE]


def register(dataset_class):
    """Class decorator: add an instance of `dataset_class` to the registry under its name (once)."""
    dataset = dataset_class()
    if dataset.name in REGISTRY:
        raise ValueError(f"Two datasets are named {dataset.name!r}.")
    REGISTRY[dataset.name] = dataset
    return dataset_class


def get(name):
    return REGISTRY.get(name)


def for_model(model):
    """The dataset exported from `model`'s admin list, or None."""
    return next((dataset for dataset in REGISTRY.values() if dataset.model is model), None)
