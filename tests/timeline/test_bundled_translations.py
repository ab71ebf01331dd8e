"""
The bundled French and Spanish content (`timeline/data/translations/<lang>/*.csv`,
`meetings/data/translations/<lang>/meetings.csv`) against the bundled English it translates, read where the seeds
read it (`timeline.seed`, `meetings.seed`): no database.

Each file has a row for every English row and no other, its columns are the model's field names, a cell is empty
exactly where the English is, and a translation keeps the English text's facts that a check can see: its numbers
(outside quotations of the Convention, which follow its authentic text), its live figures, its Markdown's shape and
the Convention's own terms.
"""

import csv
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from django.test import SimpleTestCase

from meetings import seed as meetings_seed
from meetings.models import Meeting
from timeline import seed as timeline_seed
from timeline.models import Anniversary, Category, Era, Event

LANGUAGES = ("fr", "es")


def english_events():
    return {
        row["key"]: {name: row["values"][name] for name in ("title", "summary", "location")}
        for row in timeline_seed.event_rows()
    }


def english_eras():
    return {
        era["slug"]: {
            "title": era["title"],
            "short_title": era["short_title"],
            "summary": era["summary"],
            "introduction": timeline_seed.introduction(era["slug"]),
        }
        for era in timeline_seed.ERAS
    }


def english_anniversaries():
    return {
        str(anniversary["years"]): {
            "title": anniversary["title"],
            "introduction": anniversary["introduction"],
            "body": timeline_seed.anniversary_body(anniversary["years"]),
        }
        for anniversary in timeline_seed.ANNIVERSARIES
    }


def english_categories():
    return {slug: {"name": name, "description": description} for slug, name, description in timeline_seed.CATEGORIES}


def english_meetings():
    return {
        row["code"]: {"city": row["city"], "president": row["president"], "outcome": row["outcome"]}
        for row in meetings_seed.read_csv("meetings.csv")
    }


# (file, model, key column, the English rows by key: {key: {field: text}}, Markdown fields)
BUNDLES = [
    (timeline_seed.DATA / "translations" / "{lang}" / "events.csv", Event, "slug", english_events, ()),
    (timeline_seed.DATA / "translations" / "{lang}" / "eras.csv", Era, "slug", english_eras, ("introduction",)),
    (
        timeline_seed.DATA / "translations" / "{lang}" / "anniversaries.csv",
        Anniversary,
        "years",
        english_anniversaries,
        ("body",),
    ),
    (timeline_seed.DATA / "translations" / "{lang}" / "categories.csv", Category, "slug", english_categories, ()),
    (meetings_seed.DATA / "translations" / "{lang}" / "meetings.csv", Meeting, "code", english_meetings, ()),
]

# Quotations of the Convention that a translation gives in its own words, its authentic text in that language not having
# been checked: (language, key, field). There the quotation and the paragraphs either side of it are one paragraph.
PARAPHRASED = {("es", "ottawa-process", "introduction")}

# Fields whose English is sentences: a translation must differ from it (a name such as "Signature" or "Maputo" may
# rightly stay as it is).
PROSE = {"summary", "introduction", "body", "outcome", "description"}

# The Convention's own terms: where the English uses the first, the translation uses the second (a regular
# expression, case-insensitive).
TERMS = {
    "fr": [
        (r"States? Part(y|ies)", r"États? partie"),
        (r"Meeting of States Parties", r"Assemblées? des États parties"),
        (r"Review Conference", r"Conférences? d’examen"),
        (r"anti-personnel mines", r"mines antipersonnel"),
        (r"stockpiles|stockpile destruction", r"stocks"),
        (r"\bclear(ance|ing|ed)\b", r"démin"),
        (r"withdr", r"retrait|retir"),
        (r"International Campaign to Ban Landmines", r"Campagne internationale pour interdire les mines"),
        (r"International Committee of the Red Cross", r"Comité international de la Croix-Rouge"),
        (r"\bICRC\b", r"\bCICR\b"),
        (r"\bICBL\b", r"\bICBL\b|Campagne internationale pour interdire les mines"),
    ],
    "es": [
        (r"States? Part(y|ies)", r"Estados? Partes?"),
        (r"Meeting of States Parties", r"Reunión(es)? de los Estados Partes"),
        (r"Review Conference", r"Conferencias? de Examen"),
        (r"anti-personnel mines", r"minas antipersonal"),
        (r"stockpiles|stockpile destruction", r"existencias"),
        (r"\bclear(ance|ing|ed)\b", r"remoción de minas"),
        (r"withdr", r"retir"),
        (
            r"International Campaign to Ban Landmines",
            r"Campaña Internacional para la Prohibición de las Minas Terrestres",
        ),
        (r"International Committee of the Red Cross", r"Comité Internacional de la Cruz Roja"),
        (r"\bICRC\b", r"\bCICR\b"),
        (r"\bICBL\b", r"\bICBL\b|Campaña Internacional para la Prohibición de las Minas Terrestres"),
    ],
}
# Words the English of a translation must never keep.
NOT_OURS = {
    "fr": [r"États Parties", r"anti-personnel", r"antipersonnels\b", r"Conférence d’Examen"],
    "es": [r"Estados Parte\b", r"antipersonales", r"anti-personal", r"Conferencia de examen"],
}

FIGURE = re.compile(r"\[\[figure:[^\]]*\]\]")
NUMBER = re.compile(r"\d+")


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def outside_quotations(text):
    """The text without its Markdown block quotations (the Convention's own words, in its authentic texts)."""
    return "\n".join(line for line in text.splitlines() if not line.startswith(">"))


def paragraphs(text):
    return [part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def quotations_run_in(parts):
    """`parts` (paragraphs) with each quotation and the paragraphs either side of it as one paragraph: a quotation
    given in other words."""
    joined, run_in = [], False
    for part in parts:
        if part.startswith(">"):
            run_in = bool(joined)
        elif run_in:
            joined[-1], run_in = f"{joined[-1]} {part}", False
        else:
            joined.append(part)
    return joined


class File(NamedTuple):
    language: str
    path: Path
    model: type
    key: str
    english: dict  # {key: {field: English text}}
    markdown_fields: tuple
    header: list
    rows: list


class Cell(NamedTuple):
    language: str
    key: str
    field: str
    english: str
    text: str
    markdown: bool


class BundledTranslationsTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = []
        for language in LANGUAGES:
            for pattern, model, key, english, markdown_fields in BUNDLES:
                path = Path(str(pattern).format(lang=language))
                header, rows = read(path)
                cls.files.append(File(language, path, model, key, english(), markdown_fields, header, rows))

    def cells(self):
        """Every translated cell, with the English it translates."""
        for file in self.files:
            for row in file.rows:
                record = dict(zip(file.header, row, strict=True))
                key = record[file.key]
                for field in file.header[1:]:
                    markdown = field in file.markdown_fields
                    yield Cell(file.language, key, field, file.english[key][field], record[field], markdown)

    def test_the_columns_are_the_key_and_the_model_fields_visitors_read(self):
        for file in self.files:
            with self.subTest(path=str(file.path)):
                fields = list(next(iter(file.english.values())))
                self.assertEqual(file.header, [file.key, *fields])
                for name in file.header:
                    self.assertTrue(file.model._meta.get_field(name).concrete, name)  # raises for a non-field

    def test_every_english_row_has_one_translation_and_there_are_no_others(self):
        for file in self.files:
            with self.subTest(path=str(file.path)):
                keys = [row[0] for row in file.rows]
                self.assertEqual([key for key, n in Counter(keys).items() if n > 1], [], "duplicate keys")
                self.assertEqual(set(keys), set(file.english), "missing or extra keys")
                self.assertTrue(all(len(row) == len(file.header) for row in file.rows), "a row's cells")

    def test_a_cell_is_empty_exactly_where_the_english_is(self):
        for cell in self.cells():
            with self.subTest(language=cell.language, key=cell.key, field=cell.field):
                self.assertEqual(bool(cell.text.strip()), bool(cell.english.strip()))
                self.assertEqual(cell.text, cell.text.strip(), "leading or trailing space")

    def test_prose_is_translated(self):
        for cell in self.cells():
            if cell.field in PROSE and cell.english:
                with self.subTest(language=cell.language, key=cell.key, field=cell.field):
                    self.assertNotEqual(cell.text.strip(), cell.english.strip())

    def test_every_number_of_the_english_and_no_other(self):
        for cell in self.cells():
            with self.subTest(language=cell.language, key=cell.key, field=cell.field):
                self.assertEqual(
                    set(NUMBER.findall(outside_quotations(cell.text))),
                    set(NUMBER.findall(outside_quotations(cell.english))),
                )

    def test_live_figures_are_kept(self):
        for cell in self.cells():
            with self.subTest(language=cell.language, key=cell.key, field=cell.field):
                self.assertEqual(Counter(FIGURE.findall(cell.text)), Counter(FIGURE.findall(cell.english)))

    def test_markdown_keeps_its_shape(self):
        """As many paragraphs, the quotations in the same places (none where a quotation is given in other words:
        `PARAPHRASED`), as many bold phrases."""
        for cell in self.cells():
            if cell.markdown:
                source, text = paragraphs(cell.english), paragraphs(cell.text)
                if (cell.language, cell.key, cell.field) in PARAPHRASED:
                    source = quotations_run_in(source)
                with self.subTest(language=cell.language, key=cell.key, field=cell.field):
                    self.assertEqual(len(text), len(source))
                    self.assertEqual([p.startswith(">") for p in text], [p.startswith(">") for p in source])
                    self.assertEqual(cell.text.count("**"), cell.english.count("**"))

    def test_the_conventions_own_terms(self):
        for cell in self.cells():
            english, text = " ".join(cell.english.split()), " ".join(cell.text.split())  # Markdown wraps lines
            with self.subTest(language=cell.language, key=cell.key, field=cell.field):
                for source_term, term in TERMS[cell.language]:
                    if re.search(source_term, english):
                        self.assertRegex(text, re.compile(term, re.IGNORECASE), source_term)
                for wrong in NOT_OURS[cell.language]:
                    self.assertNotRegex(text, re.compile(wrong), wrong)

    def test_each_text_fits_its_field(self):
        for file in self.files:
            for row in file.rows:
                for name, text in zip(file.header, row, strict=True):
                    if limit := file.model._meta.get_field(name).max_length:
                        with self.subTest(language=file.language, key=row[0], field=name):
                            self.assertLessEqual(len(text), limit)

    def test_french_typography(self):
        """French punctuation: typographic apostrophes, and a no-break space before : ; ! ? » and after «."""
        for cell in self.cells():
            if cell.language == "fr":
                with self.subTest(key=cell.key, field=cell.field):
                    self.assertNotIn("'", cell.text)
                    self.assertNotRegex(cell.text, r"[ \t][:;!?»]|«[ \t]")
