"""
Load-test the public pages and compare each with a bare Django view served by the same server in the same run.

    python bench/run.py            # the pages table, the cold render of /states/, then the burst
    python bench/run.py --quick    # a 2-second smoke run of the same
    python bench/run.py --burst    # only the burst: 64 connections for 30 s against / and /states/

`make bench` runs the first. Environment: BENCH_DURATION (seconds per URL, default 10), BENCH_CONNECTIONS (16),
BENCH_THREADS (wrk threads, 2). The report is printed and written to bench/out/latest.md. See bench/README.md.
"""

import argparse
import os
import platform
import secrets
import signal
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/run.py` from anywhere

import django
from django.conf import settings
from django.db import connections

from bench import loadgen, probe, report, server

BARE = "/__bench__/bare"

# The pages of the performance issue, in the table's order: add a page by adding its address. An address with a
# <placeholder> is looked up in the database at run time (PLACEHOLDERS); its row is skipped when nothing is found.
PAGES = [
    "/",
    "/states/",
    "/states/?as_of=2017-12-03",
    "/states/fra/",
    "/fr/states/",  # other languages (issue 19): the same view, French and Arabic (right to left)
    "/ar/states/",
    "/timeline/",
    "/timeline/<slug>/",
    "/ottawa-process/",
    "/anniversaries/20/",
    "/meetings/",
    "/meetings/1msp/",
    "/states.csv",
    "/obligations/clearance/",
    "/obligations/stockpiles/",
    "/obligations/clearance.csv",
    "/healthz",
]
PLACEHOLDERS = {"/timeline/<slug>/": probe.first_timeline_event_path}
COLD_RENDER_PAGE = "/states/"  # the largest page, timed most
NOT_PAGES = {"/states.csv", "/obligations/clearance.csv", "/healthz"}  # no template to render: no cold-render row
BURST_PAGES = ["/", "/states/"]
BURST_CONNECTIONS = 64

# Every request says it came through the TLS proxy, as in production: the HTTPS redirect, HSTS and secure cookies
# stay on, exactly as the deployed site runs them.
HEADERS = {"X-Forwarded-Proto": "https"}
PROBE_HEADERS = {**HEADERS, "Host": server.HOST}
# The load asks for compressed pages, as every browser does (this is what Chromium and Firefox send); the site
# answers with gzip. The largest pages are measured once more without (UNCOMPRESSED_PAGES), to show both.
LOAD_HEADERS = {**HEADERS, "Accept-Encoding": "gzip, deflate, br, zstd"}
UNCOMPRESSED_PAGES = ["/states/", "/states/?as_of=2017-12-03"]
OUT = server.ROOT / "bench" / "out"


@dataclass(frozen=True)
class Config:
    seconds: int  # of load per URL
    warmup_seconds: int  # of load per URL before that, not measured
    connections: int
    threads: int  # wrk's
    burst_seconds: int
    renders: int  # cold renders of COLD_RENDER_PAGE (every other page: a quarter as many)
    workers: int = 2  # gunicorn's, as `make run` and production


def read_config(*, quick, environ):
    connections = int(environ.get("BENCH_CONNECTIONS", 16))
    threads = int(environ.get("BENCH_THREADS", 2))
    if quick:
        return Config(seconds=2, warmup_seconds=1, connections=connections, threads=threads, burst_seconds=2, renders=5)
    seconds = int(environ.get("BENCH_DURATION", 10))
    return Config(
        seconds=seconds, warmup_seconds=2, connections=connections, threads=threads, burst_seconds=30, renders=60
    )


def bench_environment():
    """The site's production settings (DEBUG off) through bench.settings, with a fresh key and no local .env."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_READ_DOT_ENV": "false",  # a developer's .env must not change the numbers
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": server.HOST,
        "DJANGO_SECURE_PROXY_SSL_HEADER": "true",
    }


def choose_generator(choice, threads):
    if choice == "python":
        return loadgen.LoadGenerator(wrk_path=None, threads=threads)
    wrk = loadgen.find_wrk(install=True)
    if wrk is None and choice == "wrk":
        raise SystemExit("wrk is not installed and could not be installed (apt-get install wrk needs root).")
    if wrk is None:
        print("wrk is not available: using the Python load generator (compare ratios, not req/s).", flush=True)
    return loadgen.LoadGenerator(wrk_path=wrk, threads=threads)


# --- Before the server starts: the test client, in-process -------------------------------------------------------


@dataclass(frozen=True)
class InProcess:
    pages: list  # [(label, path or None)]: PAGES with their placeholders looked up
    queries: dict  # {path: SQL queries of a warm request}
    cold_renders: probe.ColdRenders | None  # None when COLD_RENDER_PAGE answers 404
    other_cold_renders: dict = None  # {page: probe.ColdRenders or None} for the other HTML pages


def measure_in_process(config):
    print("Counting SQL queries per request and timing cold renders (test client, in-process)…", flush=True)
    pages = [(page, PLACEHOLDERS[page]() if page in PLACEHOLDERS else page) for page in PAGES]
    queries = probe.query_counts([BARE, *(path for _, path in pages if path)], headers=PROBE_HEADERS)
    cold = probe.cold_render_cpu_ms(COLD_RENDER_PAGE, renders=config.renders, headers=PROBE_HEADERS)
    others = {
        label: probe.cold_render_cpu_ms(path, renders=max(config.renders // 4, 3), headers=PROBE_HEADERS)
        for label, path in pages
        if path and label != COLD_RENDER_PAGE and label not in NOT_PAGES
    }
    return InProcess(pages=pages, queries=queries, cold_renders=cold, other_cold_renders=others)


# --- Against the server ------------------------------------------------------------------------------------------


def load(generator, port, path, *, seconds, connections, headers=LOAD_HEADERS):
    url = f"http://{server.HOST}:{port}{path}"
    return generator.run(url, seconds=seconds, connections=connections, headers=headers)


def measure_pages(generator, port, in_process, config, *, headers=LOAD_HEADERS):
    """
    `(rows, bare results)`. The bare view, then each page followed by the bare view again: every page is compared
    with the mean of the bare view measured just before and just after it, so that a slow change in the machine's
    load cancels out. Each page gets a warm-up, then `config.seconds` of load. Pages that 404 are skipped.
    """

    def measure(path, *, warm_up=True):
        if warm_up:
            load(generator, port, path, seconds=config.warmup_seconds, connections=config.connections, headers=headers)
        result = load(generator, port, path, seconds=config.seconds, connections=config.connections, headers=headers)
        print(f"  {path:<30} {result.rps:8,.0f} req/s   p99 {result.p99_ms or 0:7.1f} ms", flush=True)
        return result

    if server.get_status(port, BARE, headers=HEADERS) != 200:
        raise RuntimeError(f"The bare view {BARE} did not answer 200: see bench/out/gunicorn.log")
    bare_results = [measure(BARE)]
    rows = []
    for label, path in in_process.pages:
        if path is None:
            rows.append(report.PageRow(label, skipped="skipped (nothing in the database)"))
            print(f"  {label:<30} skipped: nothing in the database", flush=True)
            continue
        status = server.get_status(port, path, headers=HEADERS)
        queries = in_process.queries[path]
        if status >= 400:
            reason = "skipped (404)" if status == 404 else f"not loaded (HTTP {status})"
            rows.append(report.PageRow(path, status=status, queries=queries, skipped=reason))
            print(f"  {path:<30} {reason}", flush=True)
            continue
        result = measure(path)
        bare_results.append(measure(BARE, warm_up=False))
        reference = report.mean_result(bare_results[-2:])
        rows.append(report.PageRow(path, status=status, queries=queries, result=result, reference=reference))
    bare = report.mean_result(bare_results)
    bare_row = report.PageRow(
        BARE, status=200, queries=in_process.queries[BARE], result=bare, reference=bare, is_bare=True
    )
    return [bare_row, *rows], bare_results


def measure_burst(generator, port, config):
    """BURST_CONNECTIONS connections for `config.burst_seconds` against each of BURST_PAGES (no warm-up of its own)."""
    rows = []
    for path in BURST_PAGES:
        if server.get_status(port, path, headers=HEADERS) == 404:
            rows.append(report.BurstRow(path, BURST_CONNECTIONS, skipped="skipped (404)"))
            print(f"  burst {path:<24} skipped (404)", flush=True)
            continue
        result = load(generator, port, path, seconds=config.burst_seconds, connections=BURST_CONNECTIONS)
        rows.append(report.BurstRow(path, BURST_CONNECTIONS, result=result))
        print(f"  burst {path:<24} {result.requests:,} requests, {result.errors} errors", flush=True)
    return rows


def pages_sections(generator, port, in_process, config):
    rows, bare_results = measure_pages(generator, port, in_process, config)
    targets = (
        f"Targets for each warm page: req/s ≥ {report.MIN_THROUGHPUT_RATIO:.0%} of the bare view's, "
        f"p99 ≤ {report.MAX_P99_RATIO:.0f}× the bare view's, no errors. "
        "SQL/req: the queries of a warm request (test client, in-process). "
        f"Requests ask for compression as browsers do (`Accept-Encoding: {LOAD_HEADERS['Accept-Encoding']}`)."
    )
    print("The largest pages again, without asking for compression…", flush=True)
    plain = InProcess(
        pages=[(path, path) for path in UNCOMPRESSED_PAGES], queries=in_process.queries, cold_renders=None
    )
    plain_rows, plain_bare = measure_pages(generator, port, plain, config, headers=HEADERS)
    plain_intro = (
        "The same measurement for the largest pages, by a client that does not ask for compression (the whole "
        "page travels: the comparison with the bare view is harder here)."
    )
    return [
        ("Pages", f"{report.pages_table(rows)}\n\n{targets}\n\n{report.bare_spread_note(bare_results)}"),
        (
            "Largest pages, uncompressed",
            f"{plain_intro}\n\n{report.pages_table(plain_rows)}\n\n{report.bare_spread_note(plain_bare)}",
        ),
        (
            "Cold render",
            report.cold_render_line(COLD_RENDER_PAGE, in_process.cold_renders)
            + "\n\nEvery other page, the same way with a quarter as many renders:\n\n"
            + report.cold_render_table(in_process.other_cold_renders or {}),
        ),
    ]


def burst_section(generator, port, config):
    rows = measure_burst(generator, port, config)
    intro = f"{BURST_CONNECTIONS} connections for {config.burst_seconds} s against each page."
    return ("Burst", f"{intro}\n\n{report.burst_table(rows)}\n\nTarget: no errors.")


# --- The report --------------------------------------------------------------------------------------------------


def setup_lines(*, generator, config, seed_lines, burst_only, load_before):
    if burst_only:
        load_line = f"{generator.name}; burst only"
    else:
        load_line = (
            f"{generator.name}; {config.seconds} s per URL after {config.warmup_seconds} s of warm-up, "
            f"{config.connections} connections" + (f", {config.threads} threads" if generator.wrk_path else "")
        )
    return [
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        (
            "Machine",
            f"{os.cpu_count()} CPUs ({report.cpu_model()}), {platform.system()} {platform.release()}; "
            f"load average {load_before:.2f} before the run",
        ),
        ("Software", f"Python {platform.python_version()}, Django {django.get_version()}"),
        (
            "Server",
            f"gunicorn with gunicorn.conf.py, {config.workers} sync workers on 127.0.0.1, "
            f"DEBUG {'on' if settings.DEBUG else 'off'}, "
            "the site's settings through bench.settings, requests marked as coming through the TLS proxy",
        ),
        ("Database", f"SQLite {sqlite3.sqlite_version}, a throw-away copy in var/bench/ ({'; '.join(seed_lines)})"),
        ("Cache", settings.CACHES["default"]["BACKEND"]),
        ("Load", load_line),
    ]


# --- The run -----------------------------------------------------------------------------------------------------


def run(args):
    load_before = os.getloadavg()[0]  # 1 minute: was the machine already busy?
    config = read_config(quick=args.quick, environ=os.environ)
    os.environ.update(bench_environment())  # for this process and the server it starts
    django.setup()
    generator = choose_generator(args.loadgen, config.threads)
    print("Preparing the throw-away database (var/bench/db.sqlite3) and static files…", flush=True)
    seed_lines = probe.prepare()
    in_process = None if args.burst else measure_in_process(config)
    connections.close_all()  # the server opens its own

    OUT.mkdir(parents=True, exist_ok=True)
    port = server.free_port()
    print(f"Starting gunicorn on http://{server.HOST}:{port}/ (log: bench/out/gunicorn.log)…", flush=True)
    sections = []
    with server.Gunicorn(port=port, workers=config.workers, log_path=OUT / "gunicorn.log", headers=HEADERS):
        if in_process:
            sections += pages_sections(generator, port, in_process, config)
        sections.append(burst_section(generator, port, config))

    setup = setup_lines(
        generator=generator, config=config, seed_lines=seed_lines, burst_only=args.burst, load_before=load_before
    )
    text = report.markdown(title="Ottawa benchmark", setup=setup, sections=sections)
    (OUT / "latest.md").write_text(text)
    print(f"\n{text}\nWritten to bench/out/latest.md", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2 seconds per URL: a smoke run")
    parser.add_argument("--burst", action="store_true", help="only the burst (64 connections against / and /states/)")
    parser.add_argument(
        "--loadgen",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="wrk (installed with apt-get when missing, as root), the Python fallback, or auto: wrk if possible",
    )
    return parser.parse_args(argv)


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through the `with` block, which stops the server


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        run(args)
    except KeyboardInterrupt:
        print("\nInterrupted: everything the benchmark started has been stopped.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
