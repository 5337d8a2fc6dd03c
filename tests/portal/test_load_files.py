"""`make load` / `make soak`: the locustfile imports cleanly, the script is valid bash, and the
gunicorn configuration freezes the collector after loading the app (the load itself is not run)."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECK_LOCUSTFILE = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("portal_locustfile", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
contact = {task.__name__ for task in module.ClientContact.tasks}
analyst = {task.__name__ for task in module.Analyst.tasks}
assert {"ticket_list", "ticket_page", "api_list", "reply", "sign_out_and_in"} <= contact, contact
assert {"queue", "ticket", "home_page"} <= analyst and "sign_out_and_in" not in analyst, analyst
assert module._account("contacts") == "a@x.example"
# RFC 6238's SHA-1 vector (T = 59 s): 94287082, of which an authenticator shows the last 6 digits.
assert module.totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=59) == "287082"
print("ok")
"""


def test_the_locustfile_imports_and_defines_the_mixed_flow(tmp_path):
    """In a separate interpreter: locust monkey-patches the standard library (gevent) on import."""
    accounts = tmp_path / "accounts.json"
    accounts.write_text(
        json.dumps({"password": "x", "contacts": ["a@x.example"], "analysts": ["b@x.example"]})
    )
    result = subprocess.run(
        [sys.executable, "-c", CHECK_LOCUSTFILE, str(ROOT / "locustfile.py")],
        env={**os.environ, "LOAD_ACCOUNTS": str(accounts)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr[-2000:]


def test_load_script_is_valid_bash():
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    subprocess.run([bash, "-n", str(ROOT / "scripts" / "load.sh")], check=True)


def test_gunicorn_config_preloads_and_freezes_the_collector(monkeypatch):
    import gc

    config = _load(ROOT / "gunicorn.conf.py", "portal_gunicorn_conf")
    assert config.preload_app is True and config.workers == 2

    class Log:
        def info(self, *args):
            self.args = args

    class Server:
        log = Log()

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    config.when_ready(Server())
    assert frozen == [True]


def test_make_load_and_soak_targets_exist():
    makefile = (ROOT / "Makefile").read_text()
    assert (
        "\nload:" in makefile and "\nsoak:" in makefile and "LOAD_SECONDS=$${LOAD_SECONDS:-1800}" in makefile
    )


@pytest.mark.django_db
def test_the_load_seeding_writes_accounts_that_sign_in(monkeypatch, tmp_path, client, settings):
    from django.urls import reverse

    saved = dict(os.environ)
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import seed_load

    os.environ.clear()
    os.environ.update(saved)
    try:
        accounts_file = tmp_path / "accounts.json"
        assert seed_load.main(["--tickets", "120", "--analysts", "2", "--accounts", str(accounts_file)]) == 0
    finally:
        sys.modules.pop("seed_load", None)
        sys.modules.pop("bench_portal", None)
    accounts = json.loads(accounts_file.read_text())
    assert len(accounts["contacts"]) == 200 and len(set(accounts["contacts"])) == 200
    assert len(accounts["analysts"]) == 2
    response = client.post(
        reverse("account_login"), {"login": accounts["contacts"][0], "password": accounts["password"]}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session

    # An analyst: the password, then the code of the authenticator the seeding gave them.
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    analyst = accounts["analysts"][0]
    staff = client.__class__()
    response = staff.post(reverse("account_login"), {"login": analyst, "password": accounts["password"]})
    assert response.status_code == 302 and "/2fa/" in response.url
    code = format_hotp_value(hotp_value(accounts["totp"][analyst], int(time.time()) // 30))
    response = staff.post(response.url, {"code": code})
    assert response.status_code == 302 and "/2fa/" not in response.url
    assert staff.get("/admin/tickets/ticket/").status_code == 200
