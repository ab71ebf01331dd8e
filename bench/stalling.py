"""A TCP proxy to PostgreSQL that can be told to stall: used by `bench/freshness.py` and the database-bound tests."""

import contextlib
import socket
import threading
import time

HOST = "127.0.0.1"


class StallingProxy:
    """Forwards TCP to PostgreSQL until `stall()`; then holds every connection open and answers nothing."""

    def __init__(self, target_port):
        self.target = (HOST, target_port)
        self.stalled = threading.Event()
        self.closed = threading.Event()
        self.listener = socket.create_server((HOST, 0))
        self.port = self.listener.getsockname()[1]
        self.held = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(client)
            if self.stalled.is_set():
                continue
            upstream = socket.create_connection(self.target)
            self.held.append(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    def pipe(self, source, sink):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                return
            while self.stalled.is_set() and not self.closed.is_set():  # hold the bytes: the peer waits for an answer
                time.sleep(0.05)
            try:
                sink.sendall(data)
            except OSError:
                return

    def stall(self):
        self.stalled.set()

    def close(self):
        # `shutdown` first: a bare `close` leaves a socket open while a thread is blocked reading it, so PostgreSQL
        # would keep the session (and a test database it is in could not be dropped).
        self.closed.set()  # a pipe holding bytes lets go of them: its send fails on the closed socket
        for sock in [self.listener, *self.held]:
            with contextlib.suppress(OSError):  # never connected, or already closed by the peer
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
