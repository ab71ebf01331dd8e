import re
from html.parser import HTMLParser

from django.test import TestCase

from tests.treaty.factories import StateFactory
from timeline.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown, sanitise

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#9;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    '[click][ref]\n\n[ref]: javascript:alert(1) "t"',
    "<javascript:alert(1)>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="vbscript:msgbox(1)">x</a>',
    "![x](javascript:alert(1))",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body { display: none }</style>",
    '<div onclick="alert(1)" onmouseover="alert(1)">handlers</div>',
    "<svg onload=alert(1)><circle/></svg>",
    "<iframe src=https://evil.example></iframe>",
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name=q><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    'A paragraph\n{: onclick="alert(1)" style="color:red" }',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!-- <script>alert(1)</script> -->",
    '<a href="https://ok.example" target="_blank" rel="opener" onclick="x">ok</a>',
]
SAFE_SCHEMES = {"http", "https", "mailto"}


class Inspector(HTMLParser):
    """Collects every element and attribute of a fragment, as a browser's parser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.comments = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    def handle_comment(self, data):
        self.comments.append(data)


def url_scheme(url):
    """The scheme a browser would see: tabs and newlines anywhere and leading control characters are ignored."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(chr(c) for c in range(33)))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match[1].lower() if match else None


def assert_harmless(test, html):
    inspector = Inspector()
    inspector.feed(html)
    test.assertLessEqual(set(inspector.tags), ALLOWED_TAGS)
    test.assertEqual(inspector.comments, [])
    for tag, name, value in inspector.attributes:
        test.assertIn(name, ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set()), (tag, name))
        if name in {"href", "src", "cite"}:
            test.assertIn(url_scheme(value), SAFE_SCHEMES | {None}, value)
        if tag == "a" and name == "rel":
            test.assertEqual(value, "noopener noreferrer")


class SanitisationTests(TestCase):
    def test_hostile_markdown_and_html_lose_everything_dangerous(self):
        for text in HOSTILE:
            with self.subTest(text):
                html = str(render_markdown(text))
                assert_harmless(self, html)
                for needle in ("<script", "javascript:", "style=", "onerror", "onclick"):
                    self.assertNotIn(needle, html.lower())

    def test_all_hostile_inputs_at_once_in_a_body(self):
        assert_harmless(self, str(render_markdown("\n\n".join(HOSTILE))))

    def test_links_keep_safe_schemes_and_get_rel(self):
        html = render_markdown(
            "[site](https://www.icbl.org/) [mail](mailto:info@example.org) [here](/timeline/) [http](http://x.org)"
        )
        self.assertInHTML('<a href="https://www.icbl.org/" rel="noopener noreferrer">site</a>', html)
        self.assertInHTML('<a href="mailto:info@example.org" rel="noopener noreferrer">mail</a>', html)
        self.assertInHTML('<a href="/timeline/" rel="noopener noreferrer">here</a>', html)
        self.assertInHTML('<a href="http://x.org" rel="noopener noreferrer">http</a>', html)

    def test_ordinary_markdown_survives(self):
        html = render_markdown(
            "## Oslo\n\nThe *text* was **adopted**.\n\n> never under any circumstances\n\n- one\n- two"
        )
        self.assertInHTML("<h2>Oslo</h2>", html)
        self.assertInHTML("<p>The <em>text</em> was <strong>adopted</strong>.</p>", html)
        self.assertInHTML("<blockquote><p>never under any circumstances</p></blockquote>", html)
        self.assertInHTML("<ul><li>one</li><li>two</li></ul>", html)

    def test_text_inside_dropped_script_and_style_is_dropped_too(self):
        html = sanitise("<p>a</p><script>var secret = 1;</script><style>p{}</style><p>b</p>")
        self.assertNotIn("secret", html)
        self.assertNotIn("p{}", html)

    def test_one_document_leaves_nothing_in_the_next(self):
        """The converter is reused: footnotes, abbreviations and references of one text stay with it."""
        with_notes = (
            "Signed in Ottawa.[^1] The [ICBL] campaigned.\n\n[^1]: In December 1997.\n\n"
            "*[ICBL]: International Campaign to Ban Landmines\n\n[ICBL]: https://example.org/icbl"
        )
        first = render_markdown(with_notes)
        self.assertIn("In December 1997.", first)
        self.assertIn('<abbr title="International Campaign to Ban Landmines">ICBL</abbr>', first)
        second = render_markdown("Signed in Ottawa. The [ICBL] campaigned, ICBL again.")
        self.assertEqual(second, "<p>Signed in Ottawa. The [ICBL] campaigned, ICBL again.</p>")
        self.assertEqual(render_markdown(with_notes), first)

    def test_empty_text_renders_nothing(self):
        self.assertEqual(render_markdown(""), "")
        self.assertEqual(render_markdown("   \n"), "")


class PlaceholderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        StateFactory(acceded=True)
        StateFactory(acceded=True)
        StateFactory()

    def test_figures_are_expanded_before_rendering(self):
        html = render_markdown("Today **[[figure:parties]]** of [[figure:states]] States are party.")
        self.assertInHTML("<p>Today <strong>2</strong> of 3 States are party.</p>", html)

    def test_a_text_shows_new_figures_as_soon_as_the_data_changes(self):
        """Converted texts are remembered, by their text with the figures filled in: never stale figures."""
        text = "**[[figure:parties]]** States are party."
        self.assertInHTML("<p><strong>2</strong> States are party.</p>", render_markdown(text))
        StateFactory(acceded=True)
        self.assertInHTML("<p><strong>3</strong> States are party.</p>", render_markdown(text))

    def test_a_dated_figure_uses_that_day(self):
        self.assertInHTML("<p>0</p>", render_markdown("[[figure:parties@1997-01-01]]"))

    def test_placeholders_cannot_smuggle_markup(self):
        html = str(render_markdown("[[figure:<script>alert(1)</script>]]"))
        self.assertNotIn("<script", html)
