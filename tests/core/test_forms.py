"""core.forms: the shared ISO date field."""

from datetime import date

from django import forms

from core.forms import IsoDateField


class DayForm(forms.Form):
    day = IsoDateField(required=False, example="2017-12-03")


def test_a_valid_day_is_shown_in_the_date_picker():
    html = str(DayForm({"day": "2017-12-03"})["day"])
    assert 'type="date"' in html
    assert 'value="2017-12-03"' in html
    assert DayForm({"day": "2017-12-03"}).is_valid()


def test_what_is_not_a_date_is_refused_with_the_format_and_not_echoed_into_the_picker():
    form = DayForm({"day": "not-a-date"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Give the date as YYYY-MM-DD, for example 2017-12-03."]
    assert "value=" not in str(form["day"])  # a date input's value must be a valid date (W3C Nu Html Checker)


def test_an_initial_date_is_written_in_iso_form():
    assert 'value="1997-12-03"' in str(DayForm(initial={"day": date(1997, 12, 3)})["day"])
