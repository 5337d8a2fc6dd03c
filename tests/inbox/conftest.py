"""Fixtures of the incoming-mail tests: the real SMTP server (tests/outbox/conftest.py) and the real
IMAP mailbox that scripts/test.sh starts (Dovecot; TEST_IMAP_* variables)."""

from __future__ import annotations

import imaplib
import os
from dataclasses import dataclass

import pytest

from tests.outbox.conftest import smtp_server  # noqa: F401 - a fixture of these tests too


@dataclass
class Mailbox:
    host: str
    port: int
    user: str
    password: str

    @property
    def url(self) -> str:
        return f"imap://{self.user}:{self.password}@{self.host}:{self.port}/INBOX"

    def connect(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.host, self.port, timeout=10)
        imap.login(self.user, self.password)
        return imap

    def deliver(self, raw: bytes) -> None:
        """Deliver a real message to INBOX (IMAP APPEND), unseen."""
        imap = self.connect()
        try:
            status, answer = imap.append("INBOX", None, None, raw)
            assert status == "OK", answer
        finally:
            imap.logout()

    def count(self, folder: str) -> int:
        imap = self.connect()
        try:
            status, answer = imap.select(f'"{folder}"', readonly=True)
            return int(answer[0]) if status == "OK" else 0
        finally:
            imap.logout()

    def empty(self) -> None:
        imap = self.connect()
        try:
            for folder in ("INBOX", "Processed"):
                status, count = imap.select(f'"{folder}"')
                if status == "OK" and int(count[0] or 0):
                    imap.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
                    imap.expunge()
        finally:
            imap.logout()


@pytest.fixture
def mailbox(settings) -> Mailbox:
    """The IMAP mailbox of scripts/test.sh, emptied, with IMAP_URL pointing at it."""
    host = os.environ.get("TEST_IMAP_HOST")
    if not host:
        pytest.skip("no IMAP server: TEST_IMAP_HOST is not set (scripts/test.sh starts Dovecot and sets it)")
    box = Mailbox(
        host=host,
        port=int(os.environ["TEST_IMAP_PORT"]),
        user=os.environ["TEST_IMAP_USER"],
        password=os.environ["TEST_IMAP_PASSWORD"],
    )
    box.empty()
    settings.IMAP_URL = box.url
    return box
