"""Signed-in clients for the benchmarks, as people really are: staff have passed their second factor
(the back-office demands it), API clients hold a device token issued by the token service."""

from __future__ import annotations

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client

from accounts.services import api_token_issue


def _authenticator(user) -> Authenticator:
    found = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return found or TOTP.activate(user, generate_totp_secret()).instance


def signed_in(user) -> Client:
    """A browser session of `user`; staff also passed their authenticator app, as at a real login."""
    client = Client()
    client.force_login(user)
    if user.is_staff:
        authenticator = _authenticator(user)
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": authenticator.type}
        ]
        session["account_authentication_methods_user"] = str(user.pk)  # whose records they are
        session.save()
    return client


def api_client(user) -> Client:
    """A JSON client with a device token of `user` (staff type their authenticator's code for it)."""
    code = ""
    if user.is_staff:
        secret = decrypt(_authenticator(user).data["secret"])
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    raw, _token = api_token_issue(user=user, device="bench", code=code)
    return Client(headers={"authorization": f"Token {raw}", "accept": "application/json"})
