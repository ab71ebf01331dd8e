from datetime import date

import time_machine
from django.template import Context, Template
from django.test import TestCase

from treaty import figures, seed


@time_machine.travel(date(2026, 11, 27))
class LiveFigureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_template_tag_today_and_as_of(self):
        template = Template('{% load treaty %}{% treaty_figure "parties" %} / {% treaty_figure "parties" as_of=day %}')
        self.assertEqual(template.render(Context({"day": date(2017, 12, 3)})), "161 / 162")

    def test_placeholders_in_editorial_text(self):
        text = "Membership has grown to [[figure:parties]] countries ([[figure:parties@2017-12-03]] in 2017)."
        self.assertEqual(figures.expand_placeholders(text), "Membership has grown to 161 countries (162 in 2017).")

    def test_unknown_or_malformed_placeholders_are_left_as_typed(self):
        text = "[[figure:unicorns]] [[figure:parties@2017-02-30]]"
        self.assertEqual(figures.expand_placeholders(text), text)

    def test_one_query_per_distinct_day(self):
        # The day's counts.
        with self.assertNumQueries(1):
            figures.expand_placeholders("[[figure:parties]] and [[figure:bound]] and [[figure:withdrawn]]")
        # A second day adds its counts only.
        with self.assertNumQueries(2):
            figures.expand_placeholders(
                "[[figure:parties]], [[figure:parties@2017-12-03]], [[figure:bound@2017-12-03]]"
            )
