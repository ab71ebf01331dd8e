"""
`LOG_FORMAT=json`: every line the site writes on stdout is one JSON object, with the request id nginx passes in
`X-Request-ID` (or one made up when there is none), also sent back in the response. A process of its own, so its
stdout is only what the logging configuration writes.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import django
django.setup()
from django.conf import settings
from django.test.utils import override_settings
# Static files' plain names, as the rest of the suite uses (the hashed manifest needs `collectstatic`).
plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}).enable()
from django.test import Client
client = Client()
given = client.get("/no-such-page/", headers={"X-Request-ID": "nginx-id-0123456789abcdef"})
made = client.get("/no-such-page-either/")
hostile = client.get("/still-no-page/", headers={"X-Request-ID": "a b\\n{}"})
import logging
logging.getLogger("ottawa.test").warning("outside any request")
import sys
sys.stderr.write(json.dumps([given["X-Request-ID"], made["X-Request-ID"], hostile["X-Request-ID"]]))
"""


def run(log_format):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ottawa.settings",
        "DATABASE_URL": "sqlite://:memory:",
        "LOG_FORMAT": log_format,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import json\n" + CODE],
        env=environment, cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return result.stdout, json.loads(result.stderr.strip().splitlines()[-1])


def test_json_logs_are_one_object_a_line_with_the_request_id():
    stdout, (given, made, hostile) = run("json")
    records = [json.loads(line) for line in stdout.splitlines()]  # each line parses on its own
    assert len(records) >= 4
    assert all({"ts", "level", "logger", "msg", "request_id"} <= set(record) for record in records)
    assert given == "nginx-id-0123456789abcdef"
    assert len(made) == 32
    assert hostile != "a b\n{}"  # a header that does not look like an id is replaced, never logged
    by_id = {record["request_id"]: record for record in records if record["logger"] == "django.request"}
    assert by_id[given]["msg"] == "Not Found: /no-such-page/"
    assert by_id[made]["msg"] == "Not Found: /no-such-page-either/"
    assert by_id[hostile]["msg"] == "Not Found: /still-no-page/"
    outside = next(record for record in records if record["logger"] == "ottawa.test")
    assert outside["request_id"] == ""
    assert outside["level"] == "WARNING"


def test_the_default_log_stays_key_value_lines():
    stdout, _ = run("line")
    line = next(line for line in stdout.splitlines() if "/no-such-page/" in line)
    assert line.startswith("ts=")
    assert 'msg="Not Found: /no-such-page/"' in line
