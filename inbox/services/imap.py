"""The IMAP poller (CHN-1): fetch the unseen messages of the mailbox in `IMAP_URL`, process each
(`inbound_message_process`, which commits its effect with its record) and then move it to the
processed folder, created when missing.

A message is fetched with BODY.PEEK, so it stays unseen until it is moved: if the poller dies
before the commit, the next poll processes it again (nothing was kept); if it dies after the
commit but before the move, the next poll finds its record and only moves it. Two pollers at once
apply it once (the unique Message-ID, see processing.py).
"""

from __future__ import annotations

import imaplib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings

from core.errors import DomainError

from ..models import InboundMessage
from .processing import inbound_message_process

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    user: str
    password: str
    mailbox: str
    ssl: bool


@dataclass
class PollReport:
    fetched: int = 0
    applied: int = 0
    duplicates: int = 0
    failed: int = 0


def imap_config(url: str) -> ImapConfig | None:
    """`imap://user:password@host:port/MAILBOX` (`imaps://` for TLS; the mailbox defaults to
    INBOX; user and password percent-encoded), or None when `url` is empty."""
    if not url.strip():
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in {"imap", "imaps"} or not parts.hostname:
        raise ValueError(
            f"IMAP_URL: expected imap://user:password@host:port/INBOX, got scheme {parts.scheme!r}"
        )
    ssl = parts.scheme == "imaps"
    return ImapConfig(
        host=parts.hostname,
        port=parts.port or (993 if ssl else 143),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        mailbox=unquote(parts.path.lstrip("/")) or "INBOX",
        ssl=ssl,
    )


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


@contextmanager
def imap_connection(config: ImapConfig) -> Iterator[imaplib.IMAP4]:
    imap: imaplib.IMAP4
    if config.ssl:
        imap = imaplib.IMAP4_SSL(config.host, config.port, timeout=TIMEOUT_SECONDS)
    else:
        imap = imaplib.IMAP4(config.host, config.port, timeout=TIMEOUT_SECONDS)
    try:
        imap.login(config.user, config.password)
        yield imap
    finally:
        with suppress(imaplib.IMAP4.error, OSError):
            imap.logout()


def _ensure_folder(imap: imaplib.IMAP4, folder: str) -> None:
    status, listed = imap.list('""', _quote(folder))
    if status == "OK" and any(item for item in listed if item):
        return
    status, answer = imap.create(_quote(folder))
    if status != "OK" and not re.search(
        rb"exists", b" ".join(a for a in answer if isinstance(a, bytes)), re.I
    ):
        raise imaplib.IMAP4.error(f"cannot create IMAP folder {folder!r}: {answer!r}")
    imap.subscribe(_quote(folder))


def _move(imap: imaplib.IMAP4, uid: bytes, folder: str) -> None:
    if "MOVE" in imap.capabilities:
        status, answer = imap.uid("MOVE", uid.decode(), _quote(folder))
    else:  # RFC 3501 only: copy, flag deleted, expunge
        status, answer = imap.uid("COPY", uid.decode(), _quote(folder))
        if status == "OK":
            imap.uid("STORE", uid.decode(), "+FLAGS.SILENT", r"(\Deleted)")
            imap.expunge()
    if status != "OK":
        logger.warning("inbox: could not move IMAP message %s to %s: %r", uid, folder, answer)


def _raw(fetched: list[object]) -> bytes | None:
    for item in fetched:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def imap_poll(*, limit: int = 100) -> PollReport:
    """Process up to `limit` unseen messages of `IMAP_URL`'s mailbox; a no-op without IMAP_URL."""
    config = imap_config(str(getattr(settings, "IMAP_URL", "") or ""))
    report = PollReport()
    if config is None:
        return report
    processed_folder = str(getattr(settings, "IMAP_PROCESSED_FOLDER", "Processed"))
    with imap_connection(config) as imap:
        status, answer = imap.select(_quote(config.mailbox))
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open IMAP mailbox {config.mailbox!r}: {answer!r}")
        _ensure_folder(imap, processed_folder)
        status, found = imap.uid("SEARCH", "UNSEEN")
        uids = (found[0] or b"").split()[:limit] if status == "OK" and found else []
        for uid in uids:
            status, fetched = imap.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
            raw = _raw(list(fetched)) if status == "OK" else None
            if raw is None:
                continue
            report.fetched += 1
            try:
                result = inbound_message_process(raw, source=InboundMessage.Source.IMAP)
            except DomainError:
                # Not an e-mail at all: nothing to record; keep it out of the way, flagged for a person.
                logger.warning("inbox: IMAP message %s is not an e-mail; moved aside", uid)
                imap.uid("STORE", uid.decode(), "+FLAGS.SILENT", r"(\Flagged)")
                _move(imap, uid, processed_folder)
                report.failed += 1
                continue
            except Exception:
                # Nothing was committed: the message stays unseen and the next poll tries again.
                logger.exception("inbox: IMAP message %s failed; it will be processed again", uid)
                report.failed += 1
                continue
            if result.duplicate:
                report.duplicates += 1
            else:
                report.applied += 1
            _move(imap, uid, processed_folder)
    return report
