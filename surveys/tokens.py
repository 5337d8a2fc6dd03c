"""The survey link's signed token (SRV-2): it works without logging in or searching the portal."""

from __future__ import annotations

from collections.abc import Iterable

from django.core import signing
from django.urls import reverse

from .models import Survey

_SALT = "tickets.survey"  # kept from before the app had its own package: links already sent still work
MAX_AGE = 180 * 24 * 3600


def survey_tokens(surveys: Iterable[Survey]) -> list[str]:
    """The surveys' signed tokens, one signer for all (a periodic job's batch)."""
    signer = signing.TimestampSigner(salt=_SALT)
    return [signer.sign_object({"s": survey.pk}) for survey in surveys]


def survey_token(survey: Survey) -> str:
    return survey_tokens([survey])[0]


_MARK = "TOKEN"


def survey_paths(surveys: Iterable[Survey]) -> list[str]:
    """The surveys' links: one URL reversal for all. A token is URL-safe (base64 and ":"), so it
    goes into the path as reversing would put it."""
    prefix, suffix = reverse("survey-answer", kwargs={"token": _MARK}).split(_MARK)
    return [f"{prefix}{token}{suffix}" for token in survey_tokens(surveys)]


def survey_pk_from_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    pk = data.get("s") if isinstance(data, dict) else None
    return pk if isinstance(pk, int) else None
