"""Every public page type in a real browser: it loads, it is keyboard-usable, and axe finds nothing serious."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from .conftest import axe_violations, save_screenshots, screenshots_on_failure

PAGES = {
    "home": "/",
    "ottawa-process": "/ottawa-process/",
    "timeline": "/timeline/",
    "event": "/timeline/oslo-diplomatic-conference/",
    "era": "/timeline/eras/implementation/",
    "states": "/states/",
    "states-as-of": "/states/?as_of=2017-12-03",
    "state": "/states/fin/",
    "meetings": "/meetings/",
    "meeting": "/meetings/4rc/",
    "clearance": "/obligations/clearance/",
    "stockpiles": "/obligations/stockpiles/?as_of=2010-06-01",
    "search": "/search/?q=oslo",
    "anniversaries": "/anniversaries/",
    "anniversary": "/anniversaries/20/",
    "not-found": "/no-such-page/",
}


# The same page type as "states": checked in English only.
ENGLISH_ONLY = {"states-as-of"}
WIDTHS = (1280, 375)
HORIZONTAL_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def in_language(code, address):
    """The page at `address` (its English path) in the language `code`: under /fr/, /ar/…; English at the root."""
    return address if code == settings.LANGUAGE_CODE else f"/{code}{address}"


def test_every_page_type_in_every_language(seeded, live_server, page):
    """
    Every page type in each of the six languages loads, has one main heading and the right `lang` and `dir` on
    <html>, and axe finds nothing serious at 375 and 1280 pixels; right to left, nothing scrolls sideways. One test,
    so the data is seeded once, in one browser page. Nothing here reads the interface's words, which translators
    may change. Every problem is listed at the end, not only the first; each page with one is saved as screenshots.
    """
    problems = []
    for code, _ in settings.LANGUAGES:
        rtl = translation.get_language_info(code)["bidi"]
        for name, address in PAGES.items():
            if name in ENGLISH_ONLY and code != settings.LANGUAGE_CODE:
                continue
            where, found = f"{in_language(code, address)} ({name})", len(problems)
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            response = page.goto(live_server.url + in_language(code, address))
            with screenshots_on_failure(page, f"{code}-{name}"):
                if response.status != (404 if name == "not-found" else 200):
                    problems.append(f"{where}: status {response.status}")
                if (headings := page.locator("main h1").count()) != 1:
                    problems.append(f"{where}: {headings} main headings")
                lang, direction = page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
                if (lang, direction) != (code, "rtl" if rtl else ""):
                    problems.append(f'{where}: <html lang="{lang}" dir="{direction}">')
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    problems.extend(f"{where} at {width} px: {line}" for line in axe_violations(page))
                    if rtl and (overflow := page.evaluate(HORIZONTAL_OVERFLOW)) > 0:
                        problems.append(f"{where} at {width} px: {overflow} px wider than the window")
                if len(problems) > found:
                    save_screenshots(page, f"{code}-{name}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", ["anniversary", "states"])
def test_scrollable_tables_are_reachable_by_keyboard_on_a_phone(seeded, live_server, page, name):
    """At 375 pixels the wide tables scroll sideways: a keyboard user must be able to focus them to scroll."""
    with screenshots_on_failure(page, f"scrollable-{name}"):
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(live_server.url + PAGES[name])
        regions = page.locator(".table-scroll")
        assert regions.count() >= 1
        assert page.evaluate(
            "() => [...document.querySelectorAll('.table-scroll')].some((el) => el.scrollWidth > el.clientWidth)"
        ), "nothing scrolls at this width: the check below would prove nothing"
        assert axe_violations(page, rules=["scrollable-region-focusable"]) == []


def test_skip_link_leads_the_keyboard_to_the_main_content(seeded, live_server, page):
    with screenshots_on_failure(page, "skip-link"):
        page.goto(live_server.url + "/states/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


def tab_until(page, selector, *, limit=40):
    """Press Tab until the element matching `selector` has focus; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} was not reached with the keyboard")


@pytest.mark.parametrize(
    ("url", "controls"),
    [
        ("/states/", ["#id_as_of", "#id_q", "#id_status", "#id_region", "#id_instrument", ".filters button"]),
        ("/timeline/", ["#id_category", "#id_era", "#id_from", "#id_to", ".filters button"]),
    ],
)
def test_every_filter_control_is_reachable_by_keyboard(seeded, live_server, page, url, controls):
    with screenshots_on_failure(page, "keyboard" + url.replace("/", "-")):
        page.goto(live_server.url + url)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # through the skip link into the main content
        for selector in controls:
            tab_until(page, selector)


def test_states_filters_work_in_the_browser(seeded, live_server, page):
    with screenshots_on_failure(page, "states-filters"):
        page.goto(live_server.url + "/states/")
        page.select_option("#id_region", "oceania")
        page.select_option("#id_status", "withdrawn")
        page.click(".filters button")
        assert re.search(r"region=oceania", page.url)
        assert page.locator("table.membership caption").inner_text() == "0 States"
        page.select_option("#id_region", "europe")
        page.click(".filters button")
        names = page.locator("table.membership tbody th").all_inner_texts()
        assert names == ["Estonia", "Finland", "Latvia", "Lithuania", "Poland"]


def test_timeline_filters_work_in_the_browser(seeded, live_server, page):
    with screenshots_on_failure(page, "timeline-filters"):
        page.goto(live_server.url + "/timeline/")
        page.select_option("#id_category", "review-conference")
        page.click(".filters button")
        assert "category=review-conference" in page.url
        titles = page.locator("main .events h3, main .events h4, main .events a").all_inner_texts()
        assert any("Review Conference" in title for title in titles)
        assert not any("Oslo Diplomatic Conference" in title for title in titles)


def test_the_admin_works_under_the_strict_content_security_policy(seeded, live_server, page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password-for-tests-1")
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    with screenshots_on_failure(page, "admin-csp"):
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "a-long-password-for-tests-1")
        page.click("input[type=submit]")
        page.goto(live_server.url + "/admin/treaty/state/?q=fin")
        page.click("text=Finland")
        page.wait_for_selector("#state_form")
        # The admin's own scripts ran: the date fields got their calendar shortcuts.
        page.wait_for_selector(".datetimeshortcuts", timeout=5000)
    assert violations == []
