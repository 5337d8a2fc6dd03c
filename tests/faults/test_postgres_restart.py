"""PostgreSQL restarted while the web serves (issue 14, item 10): during the outage requests fail
cleanly (the portal's error page or the health check's 503, never a traceback), and after it they
succeed again without restarting the web process (CONN_HEALTH_CHECKS).

A throw-away PostgreSQL of the test's own (the suite's must keep running), given the schema of the
test database with pg_dump, and a real web process (`manage.py runserver`, Daphne) on it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from .conftest import ROOT, wait_for

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db,
    pytest.mark.skipif(not (PG_BIN / "postgres").exists(), reason="needs PostgreSQL 15's binaries"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else list(command)


class Postgres:
    def __init__(self, directory: Path) -> None:
        self.port = _free_port()
        self.directory = directory
        self.data = directory / "data"
        directory.mkdir(parents=True, exist_ok=True)
        if os.getuid() == 0:
            shutil.chown(directory, "postgres")
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync"
            ),
            check=True,
            capture_output=True,
        )

    def ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        command = [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-m", "fast", "-o", options]
        command += ["-l", str(self.directory / "server.log"), action]
        subprocess.run(_as_postgres(*command), check=True, capture_output=True)

    def psql(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", *args],
            check=True,
            capture_output=True,
            **kwargs,
        )


@pytest.fixture
def postgres(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("copies the schema of the PostgreSQL test database")
    server = Postgres(Path(f"/tmp/portal-fault-pg-{os.getpid()}"))
    server.ctl("start")
    db = connection.settings_dict
    schema = subprocess.run(
        [
            str(PG_BIN / "pg_dump"),
            "-s",
            "-h",
            db["HOST"],
            "-p",
            str(db["PORT"]),
            "-U",
            db["USER"],
            db["NAME"],
        ],
        check=True,
        capture_output=True,
    ).stdout
    server.psql("-c", "CREATE DATABASE portal")
    server.psql("-q", "-d", "portal", "-v", "ON_ERROR_STOP=1", input=schema)
    yield server
    subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(server.data), "-m", "immediate", "stop"))
    shutil.rmtree(server.directory, ignore_errors=True)


@pytest.fixture
def web(postgres, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{postgres.port}/portal",
        "DEBUG": "0",
        "LOG_FORMAT": "json",
        "PORTAL_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tests.faults.web_settings",
    }
    log = (tmp_path / "web.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(
        lambda: _get(base + "/healthz/")[0] in (200, 503),
        timeout=25,
        message="the web did not start",
        step=0.3,
    )
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()


def _get(url: str, *, session: bool = False) -> tuple[int, str]:
    # A session cookie makes every page read the database (the session), even the login page; a
    # monitor calling /healthz/ sends none.
    headers = {"Cookie": "sessionid=sessao-inexistente"} if session else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the local test server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def test_requests_fail_cleanly_during_a_postgresql_restart_and_recover_without_restarting_the_web(
    postgres, web
):
    health = web + "/healthz/"
    page = web + "/chamados/"  # the login-required list: the session is read, then the login page
    status, body = _get(health)
    assert status == 503 and '"database": {"status": "ok"}' in body  # beat never ran here: 503 anyway
    assert _get(page, session=True)[0] == 200  # redirected to the login page

    postgres.ctl("stop")  # the database goes away while the web keeps its connections
    status, body = _get(health)
    assert status == 503 and '"database": {"status": "error"}' in body
    status, body = _get(page, session=True)
    assert status == 500  # the portal's error page, no traceback
    assert "Traceback" not in body and "OperationalError" not in body and "psycopg" not in body

    postgres.ctl("start")  # back: the same web process answers again (CONN_HEALTH_CHECKS)
    wait_for(lambda: '"database": {"status": "ok"}' in _get(health)[1], timeout=15, message="no reconnect")
    assert _get(page, session=True)[0] == 200
