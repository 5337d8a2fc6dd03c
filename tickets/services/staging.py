"""Files chosen on the opening form, kept while the person answers the duplicate warning (TKT-1, TKT-10).

A browser never re-sends a file input after a server round trip, so the files of a submission that
stops at "is it the same problem?" are checked and kept server-side under a random folder; the form
carries a signed token naming that folder and its owner. Confirming restores them; they are deleted
once the ticket is opened, and a stage older than `STAGE_MAX_AGE` is refused and swept.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterable

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError

from ..attachments import CheckedFile, check_uploads

STAGE_DIR = "staging"
STAGE_MAX_AGE = 2 * 3600  # seconds
_SALT = "tickets.staging"


def _folder(key: str) -> str:
    return f"{STAGE_DIR}/{key}"


def _sweep_old(now: float) -> None:
    try:
        folders, _files = default_storage.listdir(STAGE_DIR)
    except FileNotFoundError:
        return
    for key in folders:
        manifest = f"{_folder(key)}/manifest.json"
        try:
            if now - default_storage.get_modified_time(manifest).timestamp() > STAGE_MAX_AGE:
                _delete(key)
        except (FileNotFoundError, OSError):
            continue


def _delete(key: str) -> None:
    try:
        _folders, files = default_storage.listdir(_folder(key))
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(f"{_folder(key)}/{name}")


def uploads_stage(files: Iterable[UploadedFile[bytes]], *, actor: User, keep: str = "") -> str:
    """Check `files` (TKT-10) and keep them with those of the earlier stage `keep` (a token); the
    token of the new stage, or "" when there is nothing to keep."""
    kept = uploads_restore(keep, actor=actor) if keep else []
    checked: list[CheckedFile] = check_uploads([*kept, *files])
    if not checked:
        return ""
    _sweep_old(time.time())
    key = secrets.token_hex(16)
    manifest = []
    for index, item in enumerate(checked):
        item.upload.seek(0)
        default_storage.save(f"{_folder(key)}/{index}", ContentFile(item.upload.read()))
        manifest.append({"name": item.name, "content_type": item.content_type})
    default_storage.save(f"{_folder(key)}/manifest.json", ContentFile(json.dumps(manifest).encode()))
    if keep:
        uploads_discard(keep, actor=actor)
    return signing.dumps({"key": key, "user": actor.pk}, salt=_SALT)


def _key(token: str, actor: User) -> str:
    try:
        data = signing.loads(token, salt=_SALT, max_age=STAGE_MAX_AGE)
    except signing.BadSignature as error:
        raise DomainError(
            _("Os anexos escolhidos expiraram: selecione os arquivos novamente."), field="attachments"
        ) from error
    if not isinstance(data, dict) or data.get("user") != actor.pk or not str(data.get("key", "")).isalnum():
        raise DomainError(
            _("Os anexos escolhidos expiraram: selecione os arquivos novamente."), field="attachments"
        )
    return str(data["key"])


def uploads_restore(token: str, *, actor: User) -> list[UploadedFile[bytes]]:
    """The files kept under `token` (only for who staged them), as uploads again."""
    key = _key(token, actor)
    try:
        with default_storage.open(f"{_folder(key)}/manifest.json") as handle:
            manifest = json.loads(handle.read())
    except FileNotFoundError as error:
        raise DomainError(
            _("Os anexos escolhidos expiraram: selecione os arquivos novamente."), field="attachments"
        ) from error
    restored: list[UploadedFile[bytes]] = []
    for index, item in enumerate(manifest):
        with default_storage.open(f"{_folder(key)}/{index}") as handle:
            restored.append(
                SimpleUploadedFile(item["name"], handle.read(), content_type=item["content_type"])
            )
    return restored


def uploads_staged_names(token: str, *, actor: User) -> list[str]:
    """The names of the kept files (what the form shows as still attached); [] if expired."""
    try:
        key = _key(token, actor)
        with default_storage.open(f"{_folder(key)}/manifest.json") as handle:
            return [str(item["name"]) for item in json.loads(handle.read())]
    except (DomainError, FileNotFoundError):
        return []


def uploads_discard(token: str, *, actor: User) -> None:
    """Delete the kept files (the ticket was opened with them)."""
    try:
        key = _key(token, actor)
    except DomainError:
        return
    _delete(key)
