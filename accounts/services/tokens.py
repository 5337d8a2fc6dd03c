"""API tokens (API-1, SEC-6): one per device, expiring, revocable one by one; only their SHA-256
is stored. Staff get one only with their second factor (the code of their authenticator app)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, NotFoundError

from .. import access
from ..models import ApiToken, User

TOKEN_BYTES = 32
LAST_USED_PRECISION = timedelta(minutes=5)  # `last_used_at` is written at most this often


def api_token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _second_factor_check(user: User, code: str) -> None:
    """Staff need their authenticator app's current code for a token, as for the back-office."""
    if not access.second_factor_required(user):
        return
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        raise DomainError(
            _("Ative a verificação em duas etapas no portal (Meu perfil) antes de pedir um token."),
            field="code",
            code="mfa_required",
        )
    if not code or not TOTP(authenticator).validate_code(code.strip()):
        raise DomainError(
            _("Informe o código atual do seu aplicativo autenticador."), field="code", code="mfa_code"
        )
    authenticator.record_usage()


@transaction.atomic
def api_token_issue(*, user: User, device: str = "", code: str = "") -> tuple[str, ApiToken]:
    """A new token for one device (`Authorization: Token …`); the raw token is returned only now."""
    _second_factor_check(user, code)
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=(device or "").strip()[:80] or _("Dispositivo sem nome"),
        key_hash=api_token_digest(raw),
        key_hint=raw[:8],
        created_at=now,
        expires_at=now + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS),
    )
    return raw, token


def api_token_authenticate(raw: str) -> ApiToken:
    """The live token `raw` is, its last use noted; a clear DomainError otherwise."""
    token = ApiToken.objects.select_related("user").filter(key_hash=api_token_digest(raw)).first()
    if token is None or not token.user.is_active:
        raise DomainError(_("Token inválido."), code="token_invalid")
    now = timezone.now()
    if token.revoked_at is not None:
        raise DomainError(
            _("Este token foi revogado. Peça um novo em /api/v1/auth/token/."), code="token_revoked"
        )
    if token.expires_at <= now:
        raise DomainError(_("Este token expirou. Peça um novo em /api/v1/auth/token/."), code="token_expired")
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_token_revoke_one(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens; another user's token is not found."""
    token = ApiToken.objects.filter(pk=token_id, user=actor).first()
    if token is None:
        raise NotFoundError(_("Token não encontrado."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_revoke(*, user: User) -> None:
    """Token API access ends with the session (TEN-2): revoke every live token of the user."""
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
