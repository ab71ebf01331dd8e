"""The benchmark's tables and its Markdown report. Every figure is compared with the bare view of the same run."""

from dataclasses import dataclass
from pathlib import Path

from bench.loadgen import LoadResult

# The targets of the performance and reliability issues.
MIN_THROUGHPUT_RATIO = 0.70  # a warm page serves at least 70 % of the bare view's requests per second
MAX_P99_RATIO = 3.0  # and its p99 latency is at most 3 times the bare view's
MAX_COLD_RENDER_MS = 15.0  # median CPU time of a cold render of /states/

# The bare view is measured first and last; when the two differ by more than this, the machine's load changed
# during the run (another process, thermal limits…) and the ratios say more about that than about the pages.
MAX_REFERENCE_DRIFT = 0.15


@dataclass(frozen=True)
class PageRow:
    url: str
    status: int | None = None  # the server's answer to one GET before the load
    queries: int | None = None  # SQL queries of a warm request
    result: LoadResult | None = None  # None when the page was not loaded
    skipped: str = ""  # why it was not loaded, e.g. "skipped (404)"
    is_bare: bool = False


@dataclass(frozen=True)
class BurstRow:
    url: str
    connections: int
    result: LoadResult | None = None
    skipped: str = ""


def reference(first, last):
    """What the pages are compared with: the mean of the bare view's two measurements."""
    return LoadResult(
        requests=first.requests + last.requests,
        seconds=first.seconds + last.seconds,
        rps=(first.rps + last.rps) / 2,
        p50_ms=(first.p50_ms + last.p50_ms) / 2,
        p99_ms=(first.p99_ms + last.p99_ms) / 2,
        bad_status=first.bad_status + last.bad_status,
        socket_errors=first.socket_errors + last.socket_errors,
    )


def reference_note(first, last):
    """How far apart the bare view's two measurements are, with a warning when the ratios cannot be trusted."""
    drift = abs(first.rps - last.rps) / ((first.rps + last.rps) / 2)
    note = (
        f"Ratios are to the mean of the bare view's two measurements, first and last in the run: "
        f"{first.rps:,.0f} and {last.rps:,.0f} req/s, {drift:.0%} apart."
    )
    if drift > MAX_REFERENCE_DRIFT:
        note += (
            f" **More than {MAX_REFERENCE_DRIFT:.0%}: the machine's load changed during the run, so the ratios are "
            "unreliable. Run again on a quiet machine.**"
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


PAGE_HEADER = ["URL", "HTTP", "req/s", "p50", "p99", "req/s vs bare", "p99 vs bare", "SQL/req", "errors", "targets"]


def page_cells(row, bare):
    """One line of the pages table."""
    status = _number(row.status, "{}")
    queries = _number(row.queries, "{}")
    if row.result is None:
        return [f"`{row.url}`", status, row.skipped or "not loaded", "—", "—", "—", "—", queries, "—", "—"]
    throughput, p99 = ratios(row.result, bare)
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
        _number(throughput, "{:.0%}"),
        _number(p99, "{:.1f}×"),
        queries,
        row.result.errors,
        verdict,
    ]


def pages_table(rows, bare):
    return _markdown_table(PAGE_HEADER, [page_cells(row, bare) for row in rows])


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


def cold_render_line(path, median_ms, renders):
    if median_ms is None:
        return f"`{path}`: skipped (404)."
    verdict = "met" if median_ms <= MAX_COLD_RENDER_MS else "missed"
    return (
        f"`{path}`: median **{median_ms:.1f} ms** CPU over {renders} renders, cache cleared before each "
        f"(target ≤ {MAX_COLD_RENDER_MS:.0f} ms: {verdict})."
    )


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
