"""The benchmark harness's pieces that need no gunicorn and no wrk: URLconf, ratios, wrk's output, ports, fallback."""

import http.server
import socket
import threading

from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from bench import export_csv, loadgen, probe, report, run, server
from bench.urls import bare_view
from treaty import seed

# Captured from `wrk --latency -d 3s -c 16 -t 2 --timeout 10s -H "X-Forwarded-Proto: https"` against the bare
# view (wrk debian/4.1.0-3+b2, gunicorn with 2 workers, this project).
WRK_BARE_VIEW = """\
Running 3s test @ http://127.0.0.1:47999/__bench__/bare
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.68ms    1.78ms  30.90ms   87.86%
    Req/Sec     0.92k   104.98     1.23k    83.33%
  Latency Distribution
     50%    8.42ms
     75%    9.07ms
     90%   10.02ms
     99%   15.60ms
  5515 requests in 3.00s, 3.12MB read
Requests/sec:   1837.55
Transfer/sec:      1.04MB
"""

# Captured the same way against a URL that answers 404.
WRK_NOT_FOUND = """\
Running 2s test @ http://127.0.0.1:47999/states/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    19.91ms    3.91ms  80.83ms   88.31%
    Req/Sec   393.54     65.62   464.00     80.49%
  Latency Distribution
     50%   19.34ms
     75%   20.57ms
     90%   22.79ms
     99%   36.61ms
  1611 requests in 2.10s, 3.76MB read
  Non-2xx or 3xx responses: 1611
Requests/sec:    766.54
Transfer/sec:      1.79MB
"""

# Captured against a server that answers after 2 s, with `--timeout 1s`: every request timed out.
WRK_TIMEOUTS = """\
Running 3s test @ http://127.0.0.1:47998/slow
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     7.00     11.27    20.00     66.67%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  7 requests in 3.01s, 791.00B read
  Socket errors: connect 0, read 0, write 0, timeout 7
Requests/sec:      2.33
Transfer/sec:    262.98B
"""


class BareViewTests(TestCase):
    def test_the_bench_urlconf_serves_the_bare_view_and_the_site(self):
        self.assertIs(resolve("/__bench__/bare", urlconf="bench.urls").func, bare_view)
        self.assertEqual(resolve("/healthz", urlconf="bench.urls").view_name, "pages:healthz")

    def test_the_public_site_has_no_bare_view(self):
        with self.assertRaises(Resolver404):
            resolve("/__bench__/bare", urlconf="ottawa.urls")
        with self.assertRaises(NoReverseMatch):
            reverse("bench-bare", urlconf="ottawa.urls")
        self.assertEqual(self.client.get("/__bench__/bare").status_code, 404)

    @override_settings(ROOT_URLCONF="bench.urls")
    def test_the_bare_view_answers_a_short_fixed_response(self):
        response = self.client.get("/__bench__/bare")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"bare\n")


def result(rps, p99_ms, **errors):
    return loadgen.LoadResult(requests=int(rps * 10), seconds=10, rps=rps, p50_ms=p99_ms / 2, p99_ms=p99_ms, **errors)


def page(url, measured, **fields):
    return report.PageRow(url, result=measured, reference=result(2000, 10.0), **fields)


class TableTests(SimpleTestCase):
    def test_ratios_compare_with_the_bare_view(self):
        self.assertEqual(report.ratios(result(1500, 25.0), result(2000, 10.0)), (0.75, 2.5))

    def test_a_page_within_both_targets_meets_them(self):
        cells = report.page_cells(page("/", result(1700, 25.0), status=200, queries=3))

        self.assertEqual(
            cells, ["`/`", "200", "1,700", "12.5 ms", "25.0 ms", "2,000", "10.0 ms", "85%", "2.5×", "3", 0, "met"]
        )

    def test_a_page_outside_either_target_misses_them(self):
        slow = report.page_cells(page("/a/", result(1000, 20.0)))
        tail = report.page_cells(page("/b/", result(1800, 31.0)))
        failing = report.page_cells(page("/c/", result(1900, 12.0, bad_status=1)))

        self.assertEqual((slow[7], slow[8], slow[-1]), ("50%", "2.0×", "missed"))
        self.assertEqual((tail[7], tail[8], tail[-1]), ("90%", "3.1×", "missed"))
        self.assertEqual((failing[-2], failing[-1]), (1, "missed"))

    def test_the_table_has_the_bare_view_as_reference_and_skipped_rows(self):
        bare = result(2000, 10.0)
        rows = [
            report.PageRow("/__bench__/bare", status=200, queries=0, result=bare, reference=bare, is_bare=True),
            report.PageRow("/states/", status=404, queries=2, skipped="skipped (404)"),
        ]

        lines = report.pages_table(rows).splitlines()

        self.assertEqual(lines[0], "| " + " | ".join(report.PAGE_HEADER) + " |")
        self.assertEqual(
            lines[2],
            "| `/__bench__/bare` | 200 | 2,000 | 5.0 ms | 10.0 ms | 2,000 | 10.0 ms | 100% | 1.0× | 0 | 0 "
            "| reference |",
        )
        self.assertEqual(lines[3], "| `/states/` | 404 | skipped (404) | — | — | — | — | — | — | 2 | — | — |")

    def test_a_page_is_compared_with_the_mean_of_the_bare_runs_around_it(self):
        before, after = result(1900, 9.0), result(2100, 11.0)

        mean = report.mean_result([before, after])

        self.assertEqual((mean.rps, mean.p99_ms, mean.requests, mean.seconds), (2000, 10.0, 40000, 20))

    def test_the_note_gives_the_bare_views_spread(self):
        note = report.bare_spread_note([result(1900, 9.0), result(2100, 11.0), result(2000, 10.0)])

        self.assertIn("mean of its 3 measurements, 1,900 to 2,100 req/s (10% spread)", note)
        self.assertNotIn("load changed", note)

    def test_a_wide_spread_says_the_machines_load_changed(self):
        note = report.bare_spread_note([result(1000, 30.0), result(1900, 19.0)])

        self.assertIn("(62% spread)", note)
        self.assertIn("the machine's load changed during the run", note)

    def test_the_cold_render_line_says_whether_the_target_is_met(self):
        met = report.cold_render_line("/states/", probe.ColdRenders(12.34, 10.0, 17.5, renders=60, seconds=7.2))
        self.assertIn("median **12.3 ms** CPU over 60 renders", met)
        self.assertIn("target ≤ 40 ms: met", met)
        self.assertIn("The middle 80 % took 10.0 to 17.5 ms; the renders were spread over 7 s", met)
        missed = report.cold_render_line("/states/", probe.ColdRenders(40.1, 34.0, 46.0, renders=60, seconds=7.0))
        self.assertIn("missed", missed)
        self.assertIn("skipped (404)", report.cold_render_line("/states/", None))

    def test_the_cold_render_table_has_a_verdict_for_every_page(self):
        table = report.cold_render_table(
            {
                "/": probe.ColdRenders(21.0, 19.0, 25.5, renders=15, seconds=7.5),
                "/timeline/": probe.ColdRenders(41.0, 39.0, 44.0, renders=15, seconds=7.5),
                "/anniversaries/99/": None,
            }
        )
        self.assertIn("| `/` | 21.0 ms | 19.0–25.5 ms | 15 | ≤ 40 ms: met |", table)
        self.assertIn("| `/timeline/` | 41.0 ms | 39.0–44.0 ms | 15 | ≤ 40 ms: missed |", table)
        self.assertIn("| `/anniversaries/99/` | skipped (404) |", table)


class WrkParserTests(SimpleTestCase):
    def test_parses_a_run_without_errors(self):
        self.assertEqual(
            loadgen.parse_wrk(WRK_BARE_VIEW),
            loadgen.LoadResult(requests=5515, seconds=3.0, rps=1837.55, p50_ms=8.42, p99_ms=15.6),
        )

    def test_reads_seconds_that_wrk_pads_with_a_space(self):
        # wrk writes "1.68s " (a trailing space) where a latency reaches seconds: seen on a loaded machine.
        padded = WRK_BARE_VIEW.replace("    99%   15.60ms", "    99%    1.68s ")
        self.assertEqual(loadgen.parse_wrk(padded).p99_ms, 1680.0)

    def test_counts_non_2xx_3xx_responses(self):
        parsed = loadgen.parse_wrk(WRK_NOT_FOUND)

        self.assertEqual((parsed.requests, parsed.bad_status, parsed.socket_errors), (1611, 1611, 0))
        self.assertEqual((parsed.p50_ms, parsed.p99_ms, parsed.seconds), (19.34, 36.61, 2.1))

    def test_counts_socket_errors_and_reads_microseconds(self):
        parsed = loadgen.parse_wrk(WRK_TIMEOUTS)

        self.assertEqual((parsed.socket_errors, parsed.errors, parsed.p99_ms), (7, 7, 0.0))

    def test_converts_every_unit(self):
        self.assertAlmostEqual(loadgen.parse_wrk(WRK_BARE_VIEW.replace("15.60ms", "812.00us")).p99_ms, 0.812)
        self.assertEqual(loadgen.parse_wrk(WRK_BARE_VIEW.replace("15.60ms", "1.50s")).p99_ms, 1500.0)

    def test_rejects_output_that_is_not_wrk_latency_output(self):
        with self.assertRaises(ValueError):
            loadgen.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


class FreePortTests(SimpleTestCase):
    def test_returns_a_bindable_loopback_port(self):
        port = server.free_port()

        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", port))
            sock.listen()
            self.assertEqual(sock.getsockname(), ("127.0.0.1", port))


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(500 if self.path == "/error" else 200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass  # no access log in the test output


class PythonLoadGeneratorTests(SimpleTestCase):
    """The fallback used when wrk is missing, against a tiny loopback server (never gunicorn)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.httpd = http.server.ThreadingHTTPServer((server.HOST, 0), _Handler)
        threading.Thread(target=cls.httpd.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.httpd.server_close)
        cls.addClassCleanup(cls.httpd.shutdown)
        cls.base = f"http://{server.HOST}:{cls.httpd.server_address[1]}"

    def test_reports_the_same_numbers_as_wrk(self):
        measured = loadgen.run_python(f"{self.base}/?x=1", seconds=0.3, connections=2, headers=run.HEADERS)

        self.assertGreater(measured.requests, 0)
        self.assertAlmostEqual(measured.rps, measured.requests / measured.seconds)
        self.assertLessEqual(measured.p50_ms, measured.p99_ms)
        self.assertEqual(measured.errors, 0)

    def test_counts_responses_that_are_not_2xx_or_3xx(self):
        measured = loadgen.run_python(f"{self.base}/error", seconds=0.2, connections=1, headers={})

        self.assertEqual(measured.bad_status, measured.requests)
        self.assertGreater(measured.bad_status, 0)

    def test_percentile_is_nearest_rank(self):
        values = list(range(1, 101))

        self.assertEqual((loadgen.percentile(values, 50), loadgen.percentile(values, 99)), (50, 99))
        self.assertEqual(loadgen.percentile([7], 99), 7)
        self.assertIsNone(loadgen.percentile([], 50))


class ConfigTests(SimpleTestCase):
    def test_reads_the_environment_and_quick_overrides_the_duration(self):
        environ = {"BENCH_DURATION": "5", "BENCH_CONNECTIONS": "8", "BENCH_THREADS": "1"}

        full = run.read_config(quick=False, environ=environ)
        quick = run.read_config(quick=True, environ=environ)

        self.assertEqual((full.seconds, full.connections, full.threads, full.burst_seconds), (5, 8, 1, 30))
        self.assertEqual((quick.seconds, quick.connections, quick.burst_seconds), (2, 8, 2))
        self.assertEqual(run.read_config(quick=False, environ={}).seconds, 10)


class ExportBenchmarkTests(TestCase):
    """bench/export_csv.py's pieces on the test database: synthetic changes in, the real CSV export out."""

    def test_synthetic_changes_are_exported_one_row_each(self):
        seed.load()
        export_csv.add_changes(30)
        rows, size = export_csv.export({"from": "2030-01-01"})
        self.assertEqual(rows, 30)
        self.assertGreater(size, 30 * 50)

    def test_report(self):
        result = {
            "rows": 100_000,
            "bytes": 27_000_000,
            "wall_s": 8.0,
            "cpu_s": 4.0,
            "rss_before": 100 * 2**20,
            "rss_after": 101 * 2**20,
            "tracemalloc": [[10_080, 4 * 2**20], [100_000, 4.2 * 2**20]],
        }
        text = export_csv.report(result, prepare_s=40.0)
        self.assertIn("| Rows exported to CSV | 100,000 |", text)
        self.assertIn("12,500 rows/s", text)
        self.assertIn("1.05× for 10× the rows", text)
        self.assertIn("≤ 1.5× the peak for a tenth) | met |", text)
