import re
from datetime import date

import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from treaty import charts, seed, worldmap
from treaty.models import State
from treaty.views import ROW_FIELDS


def everyone(day):
    return list(State.objects.for_charts(as_of=day))


class PartiesSeriesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_series_agrees_with_the_status_queries(self):
        series = charts.parties_series(everyone(date(2026, 11, 27)), until=date(2026, 11, 27))
        for day in [date(1998, 9, 16), date(1999, 3, 1), date(2017, 12, 3), date(2017, 12, 29), date(2026, 11, 27)]:
            with self.subTest(day=day):
                self.assertEqual(charts.value_on(series, day), State.objects.parties(as_of=day).count())

    def test_series_and_moments_from_table_rows_equal_those_from_the_chart_rows(self):
        for day in [date(1999, 3, 1), date(2017, 12, 3), date(2026, 11, 27)]:
            table = list(State.objects.for_membership_table(as_of=day).values_list(*ROW_FIELDS, named=True))
            with self.subTest(day=day):
                self.assertEqual(
                    charts.parties_series(table, until=day), charts.parties_series(everyone(day), until=day)
                )
                self.assertEqual(charts.key_moments(table, until=day), charts.key_moments(everyone(day), until=day))

    def test_series_stops_at_until(self):
        series = charts.parties_series(everyone(date(2026, 11, 27)), until=date(2017, 12, 3))
        self.assertEqual(series[-1][1], 162)
        self.assertLessEqual(series[-1][0], date(2017, 12, 3))

    def test_key_moments_come_from_the_data(self):
        rows = everyone(date(2026, 11, 27))
        moments = charts.key_moments(rows, until=date(2026, 11, 27))
        self.assertEqual(moments[0], charts.Moment(date(1999, 3, 1), "Entry into force"))
        self.assertIn(charts.Moment(date(2025, 12, 27), "Withdrawal: Estonia, Latvia, Lithuania"), moments)
        self.assertEqual(charts.key_moments(rows, until=date(1999, 2, 28)), [])

    def test_year_end_table_ends_on_the_day(self):
        series = charts.parties_series(everyone(date(2017, 12, 3)), until=date(2017, 12, 3))
        rows = charts.year_end_table(series, until=date(2017, 12, 3))
        self.assertEqual(rows[0], ("1997", 3))
        self.assertEqual(rows[-1], ("3 December 2017", 162))

    def test_region_rows_add_up(self):
        rows = charts.by_region_rows(State.objects.figures_by_region(as_of=date(2017, 12, 3)))
        self.assertEqual([row[0] for row in rows], ["Africa", "Americas", "Asia", "Europe", "Oceania"])
        self.assertEqual(sum(row[1] for row in rows), 162)
        self.assertEqual(sum(row[2] for row in rows), 197)


class WorldMapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def statuses(self, day):
        rows = State.objects.with_status(as_of=day).values_list("iso3", "name", "status")
        return {iso3: (name, status) for iso3, name, status in rows}

    def test_every_state_is_drawn_as_an_outline_or_a_dot(self):
        svg = worldmap.render(self.statuses(date(2026, 11, 27)))
        linked = set(re.findall(r'href="/states/([a-z]{3})/"', svg))
        self.assertEqual(linked, {iso3.lower() for iso3 in State.objects.values_list("iso3", flat=True)})

    def test_status_classes_and_titles(self):
        svg = worldmap.render(self.statuses(date(2026, 11, 27)))
        self.assertRegex(svg, r'href="/states/fin/" tabindex="-1"><path class="map-withdrawn"')
        self.assertRegex(svg, r'href="/states/fra/" tabindex="-1"><path class="map-party"')
        self.assertRegex(svg, r'<circle class="map-party map-marker"[^>]*><title>Tonga: Party — in force</title>')
        self.assertIn("<title>Greenland (not in the list of States)</title>", svg)
        self.assertIn('aria-hidden="true"', svg)

    def test_legend_counts_per_category(self):
        self.assertEqual(
            [(category, count) for category, _, _, count in worldmap.legend(self.statuses(date(2000, 1, 1)))],
            [("party", 90), ("signatory", 47), ("withdrawn", 0), ("not-party", 60)],
        )

    def test_names_are_escaped(self):
        svg = worldmap.render({"FRA": ("<b>France</b> & co", "in-force")})
        self.assertIn("<title>&lt;b&gt;France&lt;/b&gt; &amp; co: Party — in force</title>", svg)


@time_machine.travel(date(2026, 11, 27))
class StateListVisualsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_map_legend_and_charts_on_the_page(self):
        response = self.client.get(reverse("treaty:state-list"), {"as_of": "2000-01-01"})

        self.assertContains(response, '<svg class="world-map"')
        self.assertContains(response, "Signatory, not yet party")
        self.assertContains(response, "(diagonal stripes): 47")
        self.assertContains(
            response,
            '<p id="parties-chart-caption">Number of States Parties from 3 December 1997 to 1 January 2000.',
        )
        self.assertContains(response, "Entry into force (1 March 1999)")
        self.assertContains(response, '<th scope="row">1 January 2000</th><td class="num">90</td>', html=True)
        self.assertContains(response, '<th scope="row">Europe</th>', html=True)

    def test_a_filtered_table_still_has_the_whole_map(self):
        response = self.client.get(reverse("treaty:state-list"), {"region": "europe"})
        self.assertNotIn("TON", {state.iso3 for state in response.context["states"]})
        self.assertContains(response, "<title>Tonga: Party — in force</title>")
        self.assertContains(response, "(solid fill): 161")


class WorldMapLanguageTests(TestCase):
    """The map's links follow the page's language, whichever language the process drew first."""

    @classmethod
    def setUpTestData(cls):
        seed.load()

    def test_links_follow_the_language_of_each_render(self):
        from django.utils import translation

        rows = State.objects.with_status(as_of=date(2026, 11, 27)).values_list("iso3", "name", "status")
        statuses = {iso3: (name, status) for iso3, name, status in rows}
        with translation.override("fr"):
            french = worldmap.render(statuses)
        english = worldmap.render(statuses)
        self.assertIn('href="/fr/states/fra/"', french)
        self.assertIn('href="/states/fra/"', english)
        self.assertNotIn('href="/fr/', english)


class RightToLeftChartsTests(TestCase):
    """In Arabic the charts read from the right: time and bars start at the right edge, the count's axis is on the
    right, and the <svg> says its direction (so `text-anchor` "start" is a label's right end). English is as before."""

    @classmethod
    def setUpTestData(cls):
        seed.load()
        cls.day = date(2017, 12, 3)
        cls.rows = everyone(cls.day)

    def draw(self, language):
        with translation.override(language):
            series = charts.parties_series(self.rows, until=self.day)
            figures = charts.by_region_rows(State.objects.figures_by_region(as_of=self.day))
            return charts.parties_over_time_svg(series, until=self.day), charts.by_region_svg(figures)

    def path_ends(self, svg):
        """The x of the step line's first and last points."""
        return float(re.search(r'd="M([\d.]+) ', svg)[1]), float(re.search(r'H([\d.]+)"/>', svg)[1])

    def test_the_english_charts_run_left_to_right(self):
        parties, regions = self.draw("en")
        self.assertNotIn("direction", parties + regions)
        self.assertIn(f'<text class="chart-label" x="{charts.LEFT - 6}"', parties)  # the axis on the left
        first, last = self.path_ends(parties)
        self.assertLess(first, last)  # time runs to the right
        self.assertIn('<text class="chart-label" x="0" y="22">Africa</text>', regions)
        self.assertIn('<rect class="chart-bar" x="110"', regions)  # the bars start at the left

    def test_the_arabic_charts_run_right_to_left(self):
        parties, regions = self.draw("ar")
        self.assertIn('direction="rtl"', parties)
        self.assertIn('direction="rtl"', regions)
        self.assertIn(f'<text class="chart-label" x="{charts.WIDTH - charts.LEFT + 6}"', parties)  # axis on the right
        first, last = self.path_ends(parties)
        english_first, english_last = self.path_ends(self.draw("en")[0])
        # The mirror image of the English chart: time runs to the left.
        self.assertAlmostEqual(first, charts.WIDTH - english_first, delta=0.11)
        self.assertAlmostEqual(last, charts.WIDTH - english_last, delta=0.11)
        # Each bar ends at the same right edge, so the filled part grows leftwards from it.
        bars = re.findall(r'<rect class="chart-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', regions)
        self.assertEqual(len(bars), 5)
        self.assertEqual({round(float(x) + float(width)) for x, width in bars}, {charts.WIDTH - 110})
        self.assertRegex(regions, rf'<text class="chart-label" x="{charts.WIDTH}" y="22">')
