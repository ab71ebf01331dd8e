"""
Editors write Markdown; visitors get sanitised HTML.

The pipeline, in this order:
0. Unicode directional override characters are removed (they can make text read differently from what it is);
1. live figures: `[[figure:parties]]` placeholders become numbers from the treaty data (`treaty.figures`);
2. Markdown to HTML (raw HTML inside the Markdown passes through this step...);
3. ...and is then cleaned by nh3 against an allow-list: no scripts, no event handlers, no `style` attributes or
   elements, only http, https and mailto links (relative links stay), and `rel="noopener noreferrer"` on every
   link. Anything not on the list is dropped; the text inside a dropped `<script>`/`<style>` is dropped too.
   A picture or link whose address is one of the site's staff pages (the admin, /exports/) loses that address:
   a picture is fetched by every browser that shows the page, in its user's name, so an editor's draft could
   otherwise make each staff member who previews it run an export or an admin page.
"""

import functools
import threading
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.text import strip_bidi_controls
from treaty.figures import expand_placeholders

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
}
# Their content goes with them: a script's source or a stylesheet is never shown as text either.
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript", "textarea", "select"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    # No `cite` on q/blockquote: nh3 does not check its URL scheme, and readers never see it.
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "time": {"datetime"},
    "ol": {"start"},
    # Footnotes from the "extra" extension link by id.
    "li": {"id"},
    "sup": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"


@functools.cache
def staff_prefixes():
    """The first path segments of the staff pages ("admin", "exports")."""
    return {reverse(name).strip("/").split("/")[0] for name in ("admin:index", "exports:index")}


def site_hosts():
    hosts = {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host != "*"}
    if settings.SITE_URL:
        hosts.add(urlsplit(settings.SITE_URL).hostname or "")
    return hosts


def points_at_staff_pages(url):
    """Whether `url` may be one of the site's staff pages: an address on this site (or relative, from any of its
    pages) with "admin" or "exports" as one of its path segments. Browsers drop tabs and line breaks from an
    address, read a backslash as a slash and undo percent-encoding: so is the address read here."""
    url = "".join(url.split("\t")).replace("\n", "").replace("\r", "").replace("\\", "/").strip()
    parts = urlsplit(url)
    if parts.scheme and parts.scheme.lower() not in {"http", "https"}:
        return False
    if parts.netloc and (parts.hostname or "").lower() not in site_hosts():
        return False
    path = unquote(unquote(parts.path))
    return any(segment.lower() in staff_prefixes() for segment in path.split("/"))


def _keep_attribute(tag, attribute, value):
    if (tag, attribute) in {("img", "src"), ("a", "href")} and points_at_staff_pages(value):
        return None
    return value


def sanitise(html):
    """Clean an HTML fragment against the allow-list above."""
    return nh3.clean(
        html,
        attribute_filter=_keep_attribute,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


_converters = threading.local()


def markdown_to_html(text):
    """
    Markdown to HTML with one converter per thread, reset between documents: building a converter and its
    extensions cost several times more than converting a page's text. (A converter keeps state while it
    works, footnotes for one, so threads do not share one.)
    """
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return converter.reset().convert(text)


@functools.lru_cache(maxsize=512)
def _converted(text):
    """
    Markdown (figures already filled in) to sanitised HTML, remembered per process for the last 512 texts: the
    conversion is a pure function of the text, and converting an era's introduction on every render was a large
    part of the page's cost (bench/RESULTS.md). An edited text, or one whose figures changed, is a new text,
    converted afresh.
    """
    return sanitise(markdown_to_html(text))


def render_markdown(text):
    """Editorial Markdown → safe HTML for a template, with live figures filled in. Empty text gives ""."""
    if not text or not text.strip():
        return mark_safe("")
    html = _converted(expand_placeholders(strip_bidi_controls(text)))
    return mark_safe(html)  # noqa: S308 - the output of the nh3 allow-list above
