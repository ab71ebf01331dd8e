"""obligations.charts: the completions chart, left to right in English and mirrored in Arabic."""

import re

from django.test import SimpleTestCase
from django.utils import translation

from obligations import charts

TABLE = [(1999, 0, 0), (2000, 1, 1), (2001, 2, 3), (2002, 0, 3)]


def bars(svg):
    """The x of each year's bar, in the order of the years."""
    return [float(x) for x in re.findall(r'<rect class="chart-bar" x="([\d.]+)"', svg)]


class CompletionsChartTests(SimpleTestCase):
    def test_english_years_run_left_to_right_with_the_axis_on_the_left(self):
        with translation.override("en"):
            svg = charts.completions_svg(TABLE, caption_id="c")
        self.assertNotIn("direction", svg)
        self.assertEqual(bars(svg), sorted(bars(svg)))
        self.assertIn(f'x="{charts.LEFT - 6}" y="', svg)

    def test_arabic_years_run_right_to_left_with_the_axis_on_the_right(self):
        with translation.override("en"):
            english = bars(charts.completions_svg(TABLE, caption_id="c"))
        with translation.override("ar"):
            svg = charts.completions_svg(TABLE, caption_id="c")
        self.assertIn('direction="rtl"', svg)
        self.assertEqual(bars(svg), sorted(bars(svg), reverse=True))
        self.assertIn(f'x="{charts.WIDTH - charts.LEFT + 6}" y="', svg)
        # The mirror image: each bar (70 % of its slot wide) where the English one is, seen from the right.
        width = (charts.WIDTH - charts.LEFT - charts.RIGHT) / len(TABLE) * 0.7
        for mirrored, original in zip(bars(svg), english, strict=True):
            self.assertAlmostEqual(mirrored + width, charts.WIDTH - original, delta=0.2)
