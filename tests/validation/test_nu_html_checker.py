"""
Every public page type validates in the W3C Nu Html Checker (vnu.jar, from the npm registry's `vnu-jar` package, run
on the machine's Java). `make test` installs it with npm into node_modules/; without Java or the jar, the test is
skipped and pytest's summary says why.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import TestCase

VNU_JAR = Path(
    os.environ.get("VNU_JAR", Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar")
)
JAVA = shutil.which("java")

if JAVA is None or not VNU_JAR.exists():
    pytest.skip(
        f"W3C Nu Html Checker skipped: needs Java (`apt-get install -y default-jre-headless`) and {VNU_JAR} "
        "(`make test` installs it with npm).",
        allow_module_level=True,
    )

# One address per page type, and the error pages a visitor can reach with a bad address or query string.
PAGES = {
    "home": ("/", 200),
    "states": ("/states/", 200),
    "states-before-entry-into-force": ("/states/?as_of=1998-06-01", 200),
    "states-filtered": ("/states/?region=africa&sort=-deposited", 200),
    "states-bad-query": ("/states/?as_of=not-a-date", 400),
    "state": ("/states/fra/", 200),
    "state-withdrawn": ("/states/ukr/", 200),
    "state-successor": ("/states/ssd/", 200),
    "timeline": ("/timeline/", 200),
    "timeline-filtered": ("/timeline/?from=1997&to=1998", 200),
    "ottawa-process": ("/ottawa-process/", 200),
    "era": ("/timeline/eras/implementation/", 200),
    "event": ("/timeline/oslo-diplomatic-conference/", 200),
    "anniversaries": ("/anniversaries/", 200),
    "anniversary": ("/anniversaries/20/", 200),
    "meetings": ("/meetings/", 200),
    "meetings-filtered": ("/meetings/?kind=rc&year=2004", 200),
    "meetings-bad-query": ("/meetings/?year=not-a-year", 400),
    "meeting": ("/meetings/1msp/", 200),
    "clearance": ("/obligations/clearance/", 200),
    "clearance-on-a-day": ("/obligations/clearance/?as_of=2009-06-01&sort=-deadline", 200),
    "clearance-bad-query": ("/obligations/clearance/?as_of=not-a-date", 400),
    "stockpiles": ("/obligations/stockpiles/", 200),
    "search": ("/search/?q=ottawa", 200),
    "search-empty": ("/search/", 200),
    "not-found": ("/no-such-page/", 404),
    # Other languages (issue 19): lang, dir and the switcher's attributes must validate too.
    "home-fr": ("/fr/", 200),
    "states-ar": ("/ar/states/", 200),  # both charts, drawn right to left
    "clearance-ar": ("/ar/obligations/clearance/", 200),
    "state-zh-hans": ("/zh-hans/states/fra/", 200),
    "not-found-ar": ("/ar/no-such-page/", 404),
}


class NuHtmlCheckerTests(TestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        from meetings import seed as meetings_seed
        from obligations import seed as obligations_seed
        from timeline import seed as timeline_seed
        from treaty import seed as treaty_seed

        treaty_seed.load()
        timeline_seed.load()
        meetings_seed.load()
        obligations_seed.load()

    def test_every_page_type_has_no_errors(self):
        with tempfile.TemporaryDirectory() as folder:
            files = {}
            for name, (url, status) in PAGES.items():
                response = self.client.get(url)
                self.assertEqual(response.status_code, status, url)
                path = Path(folder) / f"{name}.html"
                path.write_bytes(response.content)
                files[path.name] = url
            # One Java start for every page: --exit-zero-always, and the messages read from its JSON report.
            result = subprocess.run(
                [JAVA, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always"]
                + [str(Path(folder) / name) for name in files],
                capture_output=True,
                text=True,
                timeout=300,
                check=True,
            )
        messages = json.loads(result.stderr or result.stdout)["messages"]
        self.assertTrue(all("url" in message for message in messages), messages)  # every file was read
        errors = [
            f"{files[Path(message['url']).name]}:{message.get('lastLine')}: {message['message']}"
            for message in messages
            if message["type"] in {"error", "non-document-error"}
        ]
        self.assertEqual(errors, [])
