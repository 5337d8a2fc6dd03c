"""The load test of `make load` / `make soak` (scripts/load.sh starts the server and runs this).

A mixed flow of signed-in people on the seeded data (bench/seed_load.py): client contacts sign in,
list their tickets, open ticket pages, call the API list and reply (the form's CSRF token); analysts
work the back-office queue and open tickets there; now and then someone signs out and in again.

Every simulated user signs in with ITS OWN account (LOAD_ACCOUNTS: the JSON file the seeding wrote),
so the per-account login limits (failed attempts per account) are never shared between simulated
users; the per-address limit is raised for the load server only, by scripts/load.sh (README, "Teste
de carga"). Any answer that is not 2xx/3xx, or a login that does not sign in, counts as an error.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import threading
import time
from pathlib import Path

from locust import HttpUser, between, task

ACCOUNTS = json.loads(Path(os.environ.get("LOAD_ACCOUNTS", "var/load-accounts.json")).read_text())
ANALYST_SHARE = float(os.environ.get("LOAD_ANALYST_SHARE", "0.1"))  # 1 in 10 simulated users
TICKET_LINK = re.compile(r'href="/chamados/(\d{8})/"')
ADMIN_TICKET_LINK = re.compile(r'href="(/admin/tickets/ticket/\d+/change/)')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REPLY_FORM = re.compile(r'action="(/chamados/\d{8}/responder/)"')

_lock = threading.Lock()
_pick = random.Random().choice  # noqa: S311 - which page to visit, nothing secret
_next = {"contacts": itertools.count(), "analysts": itertools.count()}


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows (RFC 6238: SHA-1, 6 digits, 30 s), as allauth checks it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def _account(kind: str) -> str:
    """A distinct account per simulated user (round-robin if there are more users than accounts)."""
    with _lock:
        emails = ACCOUNTS[kind]
        return emails[next(_next[kind]) % len(emails)]


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)
    kind = "contacts"
    home = "/"

    def on_start(self) -> None:
        self.email = _account(self.kind)
        self.login()

    def csrf(self, html: str) -> str:
        found = CSRF_INPUT.search(html)
        return found.group(1) if found else self.client.cookies.get("csrftoken", "")

    def login(self) -> None:
        page = self.client.get("/conta/entrar/", name="login page")
        with self.client.post(
            "/conta/entrar/",
            {
                "login": self.email,
                "password": ACCOUNTS["password"],
                "csrfmiddlewaretoken": self.csrf(page.text),
            },
            headers={"Referer": f"{self.host}/conta/entrar/"},
            name="login POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "sessionid" not in self.client.cookies:
                response.failure(f"login of {self.email} did not sign in ({response.status_code})")
            elif "/2fa/" in response.headers.get("Location", ""):
                self.second_factor(response.headers["Location"])

    def second_factor(self, path: str) -> None:
        """Staff type their authenticator's code after the password (the back-office demands it)."""
        page = self.client.get(path, name="second factor page")
        if (left := 30 - time.time() % 30) < 3:  # a code about to change: type the next one, as people do
            time.sleep(left + 0.5)
        with self.client.post(
            path,
            {"code": totp_code(ACCOUNTS["totp"][self.email]), "csrfmiddlewaretoken": self.csrf(page.text)},
            headers={"Referer": f"{self.host}{path}"},
            name="second factor POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/2fa/" in response.headers.get("Location", ""):
                response.failure(f"the second factor of {self.email} was refused ({response.status_code})")

    def sign_out_and_in(self) -> None:
        page = self.client.get(self.home, name="home")
        self.client.post(
            "/conta/sair/",
            {"csrfmiddlewaretoken": self.csrf(page.text)},
            headers={"Referer": f"{self.host}{self.home}"},
            name="logout POST",
        )
        self.client.cookies.clear()
        self.login()


class ClientContact(PortalUser):
    weight = max(1, round((1 - ANALYST_SHARE) * 100))
    home = "/chamados/"

    def on_start(self) -> None:
        super().on_start()
        self.numbers: list[str] = []

    @task(1)
    def sign_out_and_in(self) -> None:
        super().sign_out_and_in()

    def _list(self) -> None:
        page = self.client.get("/chamados/", name="ticket list")
        self.numbers = TICKET_LINK.findall(page.text) or self.numbers

    @task(5)
    def ticket_list(self) -> None:
        self._list()

    @task(5)
    def ticket_page(self) -> None:
        if not self.numbers:
            self._list()
        if self.numbers:
            self.client.get(f"/chamados/{_pick(self.numbers)}/", name="ticket page")

    @task(3)
    def api_list(self) -> None:
        self.client.get("/api/v1/tickets/", name="API ticket list")

    @task(1)
    def reply(self) -> None:
        if not self.numbers:
            self._list()
        if not self.numbers:
            return
        number = _pick(self.numbers)
        page = self.client.get(f"/chamados/{number}/", name="ticket page")
        form = REPLY_FORM.search(page.text)
        if form is None:  # a closed ticket (or one this contact may not answer): no reply form
            return
        self.client.post(
            form.group(1),
            {
                "body": "Segue o retorno solicitado (teste de carga).",
                "csrfmiddlewaretoken": self.csrf(page.text),
            },
            headers={"Referer": f"{self.host}/chamados/{number}/"},
            name="reply POST",
        )


class Analyst(PortalUser):
    weight = max(1, round(ANALYST_SHARE * 100))
    kind = "analysts"
    home = "/admin/"

    # Analysts stay signed in (no sign-out task): an authenticator code is accepted once, and signing
    # in again within the same 30 s window would be refused, as for a person.

    @task(1)
    def home_page(self) -> None:
        self.client.get(self.home, name="home")

    @task(5)
    def queue(self) -> None:
        page = self.client.get("/admin/tickets/ticket/", name="analyst queue")
        self.links = ADMIN_TICKET_LINK.findall(page.text)

    @task(3)
    def ticket(self) -> None:
        links = getattr(self, "links", None)
        if links:
            self.client.get(_pick(links), name="analyst ticket page")
        else:
            self.queue()
