from django import forms
from django.template import Context, Template
from django.test import SimpleTestCase


class Filters(forms.Form):
    region = forms.ChoiceField(
        choices=[("", "All regions"), ("europe", "Europe"), ('"<x>', "Odd <one>")], required=False
    )
    q = forms.CharField(required=False, max_length=10)
    as_of = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    code = forms.CharField(help_text="Two letters.")
    sort = forms.CharField(required=False, widget=forms.HiddenInput)
    upload = forms.FileField(required=False)


class ControlFilterTests(SimpleTestCase):
    def render(self, data):
        form = Filters(data)
        form.is_valid()
        return Template("{% load site_forms %}{{ form.region|control }}|{{ form.q|control }}").render(
            Context({"form": form})
        )

    def test_a_select_renders_like_djangos_with_the_choice_selected(self):
        html = self.render({"region": "europe"})
        select, text_input = html.split("|")
        self.assertHTMLEqual(
            select,
            '<select name="region" id="id_region"><option value="">All regions</option>'
            '<option value="europe" selected>Europe</option>'
            '<option value="&quot;&lt;x&gt;">Odd &lt;one&gt;</option></select>',
        )
        self.assertHTMLEqual(text_input, str(Filters({"region": "europe"})["q"]))

    def test_inputs_render_exactly_as_djangos_widgets_do(self):
        for data in ({}, {"q": '"><script>alert(1)</script>', "as_of": "2017-12-03", "sort": "-name"}, {"as_of": "x"}):
            form = Filters(data)
            form.is_valid()
            for name in ("q", "as_of", "code", "sort", "upload"):
                with self.subTest(data=data, field=name):
                    rendered = Template("{% load site_forms %}{{ field|control }}").render(
                        Context({"field": form[name]})
                    )
                    self.assertHTMLEqual(rendered, form[name].as_widget())

    def test_an_invalid_choice_is_announced(self):
        html = self.render({"region": "<script>"})
        self.assertIn('aria-invalid="true" aria-describedby="id_region_error"', html)
        self.assertNotIn("<script>", html)
