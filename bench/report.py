"""The benchmark's tables and its Markdown report. Every page is compared with the bare view of the same run."""

from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

from bench.loadgen import LoadResult

# The targets of the performance and reliability issues.
MIN_THROUGHPUT_RATIO = 0.80  # a warm page serves at least 80 % of the bare view's requests per second
MAX_P99_RATIO = 3.0  # and its p99 latency is at most 3 times the bare view's
MAX_COLD_RENDER_MS = 40.0  # median CPU time of a cold render of any public page

# When the bare view's measurements across a run are further apart than this, the machine's load changed during
# the run (other processes, thermal limits…): the report says so.
MAX_BARE_SPREAD = 0.15


@dataclass(frozen=True)
class PageRow:
    url: str
    status: int | None = None  # the server's answer to one GET before the load
    queries: int | None = None  # SQL queries of a warm request
    result: LoadResult | None = None  # None when the page was not loaded
    reference: LoadResult | None = None  # the bare view's numbers this page is compared with
    skipped: str = ""  # why it was not loaded, e.g. "skipped (404)"
    is_bare: bool = False


@dataclass(frozen=True)
class BurstRow:
    url: str
    connections: int
    result: LoadResult | None = None
    skipped: str = ""


def mean_result(results):
    """One `LoadResult` for several measurements of the same URL: counts added up, rates and latencies averaged."""
    return LoadResult(
        requests=sum(result.requests for result in results),
        seconds=sum(result.seconds for result in results),
        rps=fmean(result.rps for result in results),
        p50_ms=fmean(result.p50_ms for result in results),
        p99_ms=fmean(result.p99_ms for result in results),
        bad_status=sum(result.bad_status for result in results),
        socket_errors=sum(result.socket_errors for result in results),
    )


def bare_spread_note(bare_results):
    """How the bare view's req/s varied across the run, with a warning when the machine's load changed."""
    rates = [result.rps for result in bare_results]
    spread = (max(rates) - min(rates)) / fmean(rates)
    note = (
        "Each page is compared with the mean of the bare view measured just before and just after it; the bare "
        f"view's row is the mean of its {len(rates)} measurements, {min(rates):,.0f} to {max(rates):,.0f} req/s "
        f"({spread:.0%} spread)."
    )
    if spread > MAX_BARE_SPREAD:
        note += (
            f" **More than {MAX_BARE_SPREAD:.0%}: the machine's load changed during the run. The pairing absorbs "
            "slow changes, not fast ones: run again on a quiet machine before trusting a result near a target.**"
        )
    return note


def ratios(result, bare):
    """`(throughput ratio, p99 ratio)`: req/s as a share of the bare view's, p99 as a multiple of the bare view's."""
    throughput = result.rps / bare.rps if bare.rps else None
    p99 = result.p99_ms / bare.p99_ms if result.p99_ms is not None and bare.p99_ms else None
    return throughput, p99


def meets_targets(throughput_ratio, p99_ratio):
    if throughput_ratio is None or p99_ratio is None:
        return False
    return throughput_ratio >= MIN_THROUGHPUT_RATIO and p99_ratio <= MAX_P99_RATIO


def _number(value, template, empty="—"):
    return empty if value is None else template.format(value)


def _markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


PAGE_HEADER = [
    "URL",
    "HTTP",
    "req/s",
    "p50",
    "p99",
    "bare req/s",
    "bare p99",
    "req/s vs bare",
    "p99 vs bare",
    "SQL/req",
    "errors",
    "targets",
]


def page_cells(row):
    """One line of the pages table."""
    status = _number(row.status, "{}")
    queries = _number(row.queries, "{}")
    if row.result is None:
        return [f"`{row.url}`", status, row.skipped or "not loaded", *["—"] * 6, queries, "—", "—"]
    throughput, p99 = ratios(row.result, row.reference)
    if row.is_bare:
        verdict = "reference"
    else:
        verdict = "met" if meets_targets(throughput, p99) and not row.result.errors else "missed"
    return [
        f"`{row.url}`",
        status,
        f"{row.result.rps:,.0f}",
        _number(row.result.p50_ms, "{:.1f} ms"),
        _number(row.result.p99_ms, "{:.1f} ms"),
        f"{row.reference.rps:,.0f}",
        _number(row.reference.p99_ms, "{:.1f} ms"),
        _number(throughput, "{:.0%}"),
        _number(p99, "{:.1f}×"),
        queries,
        row.result.errors,
        verdict,
    ]


def pages_table(rows):
    return _markdown_table(PAGE_HEADER, [page_cells(row) for row in rows])


BURST_HEADER = ["URL", "connections", "seconds", "requests", "req/s", "p99", "non-2xx/3xx", "socket errors", "result"]


def burst_cells(row):
    if row.result is None:
        return [f"`{row.url}`", row.connections, "—", "—", row.skipped, "—", "—", "—", "—"]
    result = row.result
    return [
        f"`{row.url}`",
        row.connections,
        f"{result.seconds:.0f}",
        f"{result.requests:,}",
        f"{result.rps:,.0f}",
        _number(result.p99_ms, "{:.1f} ms"),
        result.bad_status,
        result.socket_errors,
        "no errors" if not result.errors else f"**{result.errors} errors**",
    ]


def burst_table(rows):
    return _markdown_table(BURST_HEADER, [burst_cells(row) for row in rows])


def cold_render_line(path, renders):
    """`renders`: a `probe.ColdRenders`, or None when the page answered 404."""
    if renders is None:
        return f"`{path}`: skipped (404)."
    verdict = "met" if renders.median <= MAX_COLD_RENDER_MS else "missed"
    return (
        f"`{path}`: median **{renders.median:.1f} ms** CPU over {renders.renders} renders, cache cleared before each "
        f"(target ≤ {MAX_COLD_RENDER_MS:.0f} ms: {verdict}). The middle 80 % took {renders.low:.1f} to "
        f"{renders.high:.1f} ms; the renders were spread over {renders.seconds:.0f} s, as this machine's speed "
        "varies over time."
    )


COLD_RENDER_HEADER = ("Page", "Median CPU", "Middle 80 %", "Renders", "Target")


def cold_render_table(renders_by_page):
    """`renders_by_page`: {page: `probe.ColdRenders` or None (404)}, one row each, with the target's verdict."""
    rows = []
    for page, renders in renders_by_page.items():
        if renders is None:
            rows.append((f"`{page}`", "skipped (404)", "", "", ""))
            continue
        verdict = "met" if renders.median <= MAX_COLD_RENDER_MS else "missed"
        rows.append(
            (
                f"`{page}`",
                f"{renders.median:.1f} ms",
                f"{renders.low:.1f}–{renders.high:.1f} ms",
                str(renders.renders),
                f"≤ {MAX_COLD_RENDER_MS:.0f} ms: {verdict}",
            )
        )
    return _markdown_table(COLD_RENDER_HEADER, rows)


def cpu_model(cpuinfo=Path("/proc/cpuinfo")):
    """The processor's name from /proc/cpuinfo, or "unknown" elsewhere."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return "unknown"
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() in {"model name", "Model", "Hardware"}:
            return value.strip()
    return "unknown"


def markdown(*, title, setup, sections):
    """The report: a title, the setup as a list of `(label, value)`, then `(heading, body)` sections."""
    parts = [f"# {title}", "\n".join(f"- **{label}:** {value}" for label, value in setup)]
    parts += [f"## {heading}\n\n{body}" for heading, body in sections]
    return "\n\n".join(parts) + "\n"
