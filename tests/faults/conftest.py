"""Real processes for the fault tests (issue 14, item 10): a Redis server, a Celery worker in its
own process (killed with SIGKILL), and a tiny SMTP server that can stall in the middle of a send.

The worker runs `celery -A portal worker` against this test run's PostgreSQL database (the tests
are transactional: the worker sees committed rows) and a Redis of the test's own."""

from __future__ import annotations

import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from portal.celery import app as celery_app
from tests.tickets.test_outage import Redis, _reset_connections

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, *, timeout: float, message: str, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        assert time.monotonic() < deadline, message
        time.sleep(step)


class SmtpSink:
    """Accepts messages (kept in `accepted` once the final 250 is sent). With `stall` set, the end
    of a message's DATA gets no answer: the client waits there until it is killed, and the
    message, never acknowledged, is not delivered (RFC 5321, 4.1.1.4)."""

    def __init__(self) -> None:
        self.accepted: list[bytes] = []
        self.stall = threading.Event()
        self.stalled = threading.Event()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 sink ESMTP\r\n")
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        self.wfile.write(b"250 sink\r\n")
                    elif verb == b"DATA":
                        self.wfile.write(b"354 go on\r\n")
                        data = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data += chunk
                        if sink.stall.is_set():
                            sink.stalled.set()
                            self.rfile.read()  # until the client's socket closes (it was killed)
                            return
                        sink.accepted.append(data)
                        self.wfile.write(b"250 queued\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Worker:
    """`celery -A portal worker` in its own process, on the test database and broker."""

    def __init__(self, broker_url: str, smtp_port: int, var_dir: Path) -> None:
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": broker_url,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "CELERY_VISIBILITY_TIMEOUT": "2",
            "PORTAL_VAR_DIR": str(var_dir),
            "LOG_FORMAT": "text",
        }
        self.log = var_dir / "worker.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--loglevel=INFO"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None


@pytest.fixture
def redis_broker(tmp_path):
    """A Redis of the test's own as the Celery broker of this process (tasks really queued)."""
    redis = Redis(tmp_path)
    redis.start()
    keys = ("broker_url", "task_always_eager", "broker_transport_options", "broker_connection_retry")
    previous = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        broker_url=redis.url,
        task_always_eager=False,
        broker_transport_options={"max_retries": 1, "interval_start": 0, "interval_step": 0.1},
        broker_connection_retry=False,
    )
    _reset_connections()
    yield redis
    redis.stop()
    celery_app.conf.update(previous)
    _reset_connections()


@pytest.fixture
def smtp():
    sink = SmtpSink()
    yield sink
    sink.close()


@pytest.fixture
def worker(redis_broker, smtp, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the PostgreSQL test database")
    process = Worker(redis_broker.url, smtp.port, tmp_path)
    yield process
    process.stop()
