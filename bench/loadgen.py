"""
Load generators: `wrk` when it is installed (or can be installed), else a small thread-based generator in Python.
Both load one URL for a fixed time over a fixed number of connections and return the same `LoadResult`.
"""

import http.client
import math
import os
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# A request that takes longer than this counts as a socket error (a timeout), with either generator.
REQUEST_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class LoadResult:
    requests: int  # responses received
    seconds: float
    rps: float
    p50_ms: float | None  # None when no response came back
    p99_ms: float | None
    bad_status: int = 0  # responses that are not 2xx or 3xx
    socket_errors: int = 0  # connect, read and write errors, and timeouts

    @property
    def errors(self):
        return self.bad_status + self.socket_errors


# --- wrk ---------------------------------------------------------------------------------------------------------

_MS_PER_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _milliseconds(text):
    """wrk's durations ("812.00us", "1.23ms", "10.01s", "1.00m") in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"Not a wrk duration: {text!r}")
    return float(match[1]) * _MS_PER_UNIT[match[2]]


def _search(pattern, text):
    match = re.search(pattern, text, re.MULTILINE)
    if not match:
        raise ValueError(f"wrk's output has no line matching {pattern!r}:\n{text}")
    return match


def parse_wrk(output):
    """The numbers in the output of `wrk --latency`."""
    requests, duration = _search(r"^\s*(\d+) requests in (\S+), ", output).groups()
    p50 = _search(r"^\s*50(?:\.0+)?%\s+(\S+)\s*$", output)[1]
    p99 = _search(r"^\s*99(?:\.0+)?%\s+(\S+)\s*$", output)[1]
    non_2xx_3xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return LoadResult(
        requests=int(requests),
        seconds=_milliseconds(duration) / 1000,
        rps=float(_search(r"^Requests/sec:\s+([\d.]+)", output)[1]),
        p50_ms=_milliseconds(p50),
        p99_ms=_milliseconds(p99),
        bad_status=int(non_2xx_3xx[1]) if non_2xx_3xx else 0,
        socket_errors=sum(int(count) for count in sockets.groups()) if sockets else 0,
    )


def find_wrk(*, install):
    """The path of `wrk`; when it is missing and `install`, try the Debian package (root only). None if absent."""
    return find_or_install("wrk", install=install)


def find_or_install(command, *, install):
    """The path of `command`; when it is missing and `install`, try the Debian package of the same name (root
    only). None if absent."""
    path = shutil.which(command)
    if path or not install or os.geteuid() != 0 or not shutil.which("apt-get"):
        return path
    print(f"{command} is not installed: installing the Debian package (apt-get install -y {command}).", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install_command = ["apt-get", "install", "-y", "-qq", command]
    quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": False}
    if subprocess.run(install_command, **quiet).returncode != 0:
        # The package lists may be missing or stale (a fresh container): refresh them once and try again.
        subprocess.run(["apt-get", "update", "-qq"], **quiet)
        subprocess.run(install_command, **quiet)
    return shutil.which(command)


def wrk_version(path):
    """`wrk 4.1.0`: the first words of `wrk -v` (which exits with status 1)."""
    output = subprocess.run([path, "-v"], capture_output=True, text=True, check=False).stdout
    return " ".join(output.split()[:2]) or "wrk"


def run_wrk(url, *, seconds, connections, threads, headers, wrk="wrk"):
    command = [
        wrk,
        "--latency",
        f"--duration={seconds}s",
        f"--connections={connections}",
        f"--threads={min(threads, connections)}",
        f"--timeout={REQUEST_TIMEOUT_SECONDS}s",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    completed = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 2 * REQUEST_TIMEOUT_SECONDS
    )
    return parse_wrk(completed.stdout)


# --- The Python fallback -----------------------------------------------------------------------------------------


def percentile(sorted_values, percent):
    """Nearest-rank percentile of an ascending list; None when it is empty."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class _Tally:
    latencies_ms: list = field(default_factory=list)
    bad_status: int = 0
    socket_errors: int = 0


def _load_one_connection(host, port, target, headers, deadline, stop, tally):
    """One client connection: GET `target` again and again until `deadline` (reconnecting when the server closes)."""
    connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        while time.monotonic() < deadline and not stop.is_set():
            started = time.perf_counter()
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                tally.socket_errors += 1
                connection.close()
                continue
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            if not 200 <= response.status < 400:
                tally.bad_status += 1
    finally:
        connection.close()


def run_python(url, *, seconds, connections, headers):
    """What `run_wrk` measures, with one thread per connection. Slower than wrk: compare ratios, not req/s."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    stop = threading.Event()
    tallies = [_Tally() for _ in range(connections)]
    started = time.monotonic()
    deadline = started + seconds
    workers = [
        threading.Thread(
            target=_load_one_connection,
            args=(parts.hostname, parts.port, target, headers, deadline, stop, tally),
            daemon=True,
        )
        for tally in tallies
    ]
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        stop.set()
    elapsed = time.monotonic() - started
    latencies = sorted(latency for tally in tallies for latency in tally.latencies_ms)
    return LoadResult(
        requests=len(latencies),
        seconds=elapsed,
        rps=len(latencies) / elapsed,
        p50_ms=percentile(latencies, 50),
        p99_ms=percentile(latencies, 99),
        bad_status=sum(tally.bad_status for tally in tallies),
        socket_errors=sum(tally.socket_errors for tally in tallies),
    )


@dataclass(frozen=True)
class LoadGenerator:
    """The generator chosen for a run: `wrk` at `wrk_path`, or the Python fallback when it is None."""

    wrk_path: str | None
    threads: int

    @property
    def name(self):
        if self.wrk_path:
            return wrk_version(self.wrk_path)
        return "Python fallback (bench/loadgen.py: one thread per connection)"

    def run(self, url, *, seconds, connections, headers):
        if self.wrk_path:
            return run_wrk(
                url, seconds=seconds, connections=connections, threads=self.threads, headers=headers, wrk=self.wrk_path
            )
        return run_python(url, seconds=seconds, connections=connections, headers=headers)
