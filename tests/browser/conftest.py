"""
Browser tests: Playwright drives Debian's Chromium (`apt-get install -y chromium`) against pytest-django's live
server. Without Chromium they are skipped, and pytest's summary says so. Screenshots of a failing page, at 375 and
1280 pixels wide, are saved in test-artifacts/ (kept by CI on failure).
"""

import functools
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

if not CHROMIUM.exists():
    pytest.skip(
        f"Browser tests skipped: no Chromium at {CHROMIUM} (install it with `apt-get install -y chromium`).",
        allow_module_level=True,
    )

# Playwright's synchronous API runs an event loop in the test's thread; the ORM calls these tests make for set-up
# are still synchronous, so Django's async-safety check is relaxed for this folder only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def seeded(transactional_db):
    from meetings import seed as meetings_seed
    from obligations import seed as obligations_seed
    from timeline import seed as timeline_seed
    from treaty import seed as treaty_seed

    treaty_seed.load()
    timeline_seed.load()
    meetings_seed.load()
    obligations_seed.load()


@contextmanager
def screenshots_on_failure(page, name):
    """On failure, keep what the page looked like on a phone and on a desktop."""
    try:
        yield
    except BaseException:
        save_screenshots(page, name)
        raise


def save_screenshots(page, name):
    """The current page on a phone and on a desktop, in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


@functools.cache
def axe_source():
    return AXE.read_text(encoding="utf-8")


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, *, rules=None):
    """Serious and critical violations on the current page, as readable lines: of WCAG 2.2 A/AA, or of the axe
    rules named in `rules` only."""
    if not page.evaluate("() => 'axe' in window"):  # once per page load: the script is half a megabyte
        page.evaluate(axe_source())
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    # Only the violations are wanted: axe then does not write up every node that passes.
    result = page.evaluate(
        "async (only) => await axe.run(document, {runOnly: only, resultTypes: ['violations']})", only
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
