"""The site's chrome (base.html and includes/header.html): the same header and stylesheet on every page, including
the error pages Django and our middleware render without a request or context processors."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.test import SimpleTestCase, TestCase

NAVIGATION = [
    ("/", "Home"),
    ("/ottawa-process/", "Ottawa Process"),
    ("/timeline/", "Timeline"),
    ("/meetings/", "Meetings"),
    ("/anniversaries/", "Anniversaries"),
    ("/states/", "States"),
]


class ErrorPageChromeTests(SimpleTestCase):
    def test_pages_rendered_without_a_request_get_the_whole_header_and_the_stylesheet(self):
        for template in ("500.html", "503.html"):
            with self.subTest(template):
                html = render_to_string(template)
                for url, label in NAVIGATION:
                    self.assertInHTML(f'<li><a href="{url}">{label}</a></li>', html)
                self.assertNotIn("aria-current", html)
                self.assertInHTML('<a class="site-title" href="/">Anti-Personnel Mine Ban Convention</a>', html)
                self.assertIn('action="/search/"', html)
                self.assertIn(f'<link rel="stylesheet" href="{static("css/site.css")}">', html)


class CurrentSectionTests(TestCase):
    def test_the_header_marks_the_section_a_page_is_in_and_no_other(self):
        for path, current in (("/timeline/", "Timeline"), ("/states/", "States"), ("/no-such-page/", None)):
            with self.subTest(path):
                html = self.client.get(path).content.decode()
                for url, label in NAVIGATION:
                    marked = ' aria-current="page"' if label == current else ""
                    self.assertInHTML(f'<li><a href="{url}"{marked}>{label}</a></li>', html)
