"""The server under test: gunicorn on a free loopback port, in its own process group so it can be stopped whole."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"  # the benchmark never targets any other address
ROOT = Path(__file__).resolve().parent.parent


def free_port():
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get_status(port, path, *, headers, timeout=5):
    """The HTTP status of one GET to the server."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Gunicorn:
    """
    `with Gunicorn(...) as server:` starts gunicorn as production runs it (gunicorn.conf.py: sync workers forked
    from a master that imported and warmed the site, the access log, workers replaced after max_requests), waits until
    `/healthz` answers 200, and on the way out — normal end, error or Ctrl+C — stops its whole process group.
    """

    def __init__(self, *, port, workers, log_path, headers, start_timeout=60):
        self.port = port
        self.workers = workers
        self.log_path = log_path
        self.headers = headers
        self.start_timeout = start_timeout
        self.process = None

    def __enter__(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config=gunicorn.conf.py",
            f"--bind={HOST}:{self.port}",
            f"--workers={self.workers}",
            "--forwarded-allow-ips=",
            "--no-control-socket",  # the default socket path would clash with a `make run` on the same machine
            f"--chdir={ROOT}",
        ]
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def _wait_until_ready(self):
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {self.process.returncode}: see {self.log_path}")
            try:
                if get_status(self.port, "/healthz", headers=self.headers, timeout=2) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within {self.start_timeout} s: see {self.log_path}")

    def stop(self):
        """SIGTERM to the process group (the arbiter and its workers), SIGKILL if it is still there after 10 s."""
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue
