"""Remote-access credentials a client gives for the analysis (CHN-4), kept apart from the ticket.

The user, password and connection notes are stored as one Fernet token (the `cryptography`
package), encrypted with `settings.REMOTE_ACCESS_KEY`; the database never holds them in clear.
Production must set the key (a system check of `check --deploy` fails without it); DEBUG and the
embedded SQLite default derive a development key from SECRET_KEY. The row is deleted by a
database trigger when its ticket closes (tickets/migrations, `remote_access_wipe`).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .ticket import Ticket


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    notes: str = ""

    def __repr__(self) -> str:  # never the secret in a log line or a traceback
        return "Credentials(***)"


def _embedded() -> bool:
    return bool(settings.DEBUG) or settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def remote_access_key() -> bytes:
    key = getattr(settings, "REMOTE_ACCESS_KEY", "")
    if key:
        return key.encode() if isinstance(key, str) else key
    if not _embedded():
        raise ImproperlyConfigured("REMOTE_ACCESS_KEY is not set.")
    digest = hashlib.sha256(f"remote-access:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _fernet() -> Fernet:
    return Fernet(remote_access_key())


class RemoteAccess(models.Model):
    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, related_name="remote_access", verbose_name=_("chamado")
    )
    secret = models.TextField(_("credenciais cifradas"), editable=False)
    provided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("informado por"),
    )
    provided_at = models.DateTimeField(_("informado em"))

    class Meta:
        verbose_name = _("acesso remoto")
        verbose_name_plural = _("acessos remotos")

    def __str__(self) -> str:
        return f"{self.ticket_id}: ***"

    def seal(self, credentials: Credentials) -> None:
        payload = json.dumps(
            {"user": credentials.user, "password": credentials.password, "notes": credentials.notes}
        )
        self.secret = _fernet().encrypt(payload.encode()).decode()

    def unseal(self) -> Credentials:
        try:
            data = json.loads(_fernet().decrypt(self.secret.encode()))
        except InvalidToken as error:  # another key: say so without the token
            raise ImproperlyConfigured("REMOTE_ACCESS_KEY does not open these credentials.") from error
        return Credentials(user=data["user"], password=data["password"], notes=data.get("notes", ""))


@checks.register(checks.Tags.security, deploy=True)
def check_remote_access_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """`check --deploy`: production needs its own key (the derived one is for development)."""
    key = getattr(settings, "REMOTE_ACCESS_KEY", "")
    if not key:
        if settings.DEBUG:
            return []
        return [
            checks.Error(
                "REMOTE_ACCESS_KEY is not set: remote-access credentials cannot be encrypted.",
                hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'",
                id="tickets.E101",
            )
        ]
    try:
        Fernet(key)
    except ValueError:
        return [
            checks.Error(
                "REMOTE_ACCESS_KEY is not a Fernet key (32 url-safe base64 bytes).", id="tickets.E102"
            )
        ]
    return []


# --- Wiped when the ticket closes: a trigger, so every way of closing (the workflow's move, a
# job's set-based UPDATE, the shell) deletes the credentials in the same statement. ------------
WIPE_POSTGRESQL = [
    # Statement-level over the transition tables: a job closing 500 tickets deletes their
    # credentials in one DELETE, not one per row.
    """CREATE OR REPLACE FUNCTION tickets_remote_access_wipe() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM tickets_remoteaccess AS r
         USING wipe_new AS n, wipe_old AS o
         WHERE r.ticket_id = n.id AND o.id = n.id
           AND n.status = 'closed' AND o.status IS DISTINCT FROM n.status;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS tickets_remote_access_wipe ON tickets_ticket",
    """CREATE TRIGGER tickets_remote_access_wipe AFTER UPDATE ON tickets_ticket
        REFERENCING OLD TABLE AS wipe_old NEW TABLE AS wipe_new
        FOR EACH STATEMENT EXECUTE FUNCTION tickets_remote_access_wipe()""",
]
UNWIPE_POSTGRESQL = [
    "DROP TRIGGER IF EXISTS tickets_remote_access_wipe ON tickets_ticket",
    "DROP FUNCTION IF EXISTS tickets_remote_access_wipe()",
]
WIPE_SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS tickets_remote_access_wipe AFTER UPDATE OF status ON tickets_ticket
    WHEN NEW.status = 'closed' AND OLD.status IS NOT NEW.status
    BEGIN
        DELETE FROM tickets_remoteaccess WHERE ticket_id = NEW.id;
    END""",
]
UNWIPE_SQLITE = ["DROP TRIGGER IF EXISTS tickets_remote_access_wipe"]


def install_wipe_trigger(connection: BaseDatabaseWrapper, *, remove: bool = False) -> None:
    statements = {
        "postgresql": UNWIPE_POSTGRESQL if remove else WIPE_POSTGRESQL,
        "sqlite": UNWIPE_SQLITE if remove else WIPE_SQLITE,
    }.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _ensure_wipe_trigger(using: str = "default", **kwargs: Any) -> None:
    """post_migrate: SQLite drops a table's triggers when a migration rebuilds the table."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    if {"tickets_ticket", "tickets_remoteaccess"} <= tables:
        install_wipe_trigger(connection)


post_migrate.connect(_ensure_wipe_trigger, dispatch_uid="tickets.remote_access.wipe_trigger")
