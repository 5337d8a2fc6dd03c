"""Plain helpers shared by the suite: import them, never copy them into a test module.

Fixtures stay in the conftest files (tests/conftest.py: `world`, `roles`, `catalogue`, `open_ticket`,
`client_for`; tests/api/conftest.py: `api_for`; tests/browser/conftest.py: `page`), factories in
tests/factories.py.
"""

import threading
import time
from datetime import datetime
from pathlib import Path

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections

from core.periods import SAO_PAULO
from tests.factories import PASSWORD
from tickets import services

# --- Instants ----------------------------------------------------------------------------------------------

SP = SAO_PAULO  # the project's zone: Brasília time


def at(*args, fold: int = 0) -> datetime:
    """An instant in São Paulo: `at(2026, 3, 10, 10)` is 10/03/2026 10:00 -03:00 (`fold`: a repeated hour)."""
    return datetime(*args, tzinfo=SP, fold=fold)


# --- Files -------------------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64  # the PNG signature and 64 zero bytes: passes the content check


def upload(name: str = "log.txt", content: bytes = b"erro 539", content_type: str = "text/plain"):
    """A file as a form or the API receives it (a small text log unless told otherwise)."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def png(name: str = "tela.png"):
    """A PNG screenshot upload."""
    return upload(name, PNG, "image/png")


# --- Tickets -----------------------------------------------------------------------------------------------


def answers(**given) -> services.SeverityAnswers:
    """The four SEV-1 answers, "no" unless given: `answers(function_unusable=True)` is critical."""
    base = {"function_unusable": False, "has_workaround": False, "data_corruption": False, "cosmetic": False}
    return services.SeverityAnswers(**{**base, **given})


# --- Clients and responses ---------------------------------------------------------------------------------


def logged_in(client, user):
    """`client` (Django's or DRF's test client) with `user` logged in; None leaves it anonymous.

    Staff (analysts, leaders) also hold an authenticator app and have passed it in this session,
    as after a real login with the code: the back-office demands it (see `second_factor_passed`)."""
    if user is not None:
        client.force_login(user)
        if user.is_staff:
            second_factor_passed(client, user)
    return client


def api_token_for(user, device: str = "Testes") -> str:
    """A live API token of `user` for `Authorization: Token …` (one device of theirs).

    It counts as used just now: the "last used" write (at most once every 5 minutes per token) does
    not land in the first request a test measures."""
    from django.utils import timezone

    from accounts.models import ApiToken
    from accounts.services.tokens import api_token_issue

    raw, token = api_token_issue(user=user, device=device, code=totp_code(user) if user.is_staff else "")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return raw


# --- Second factor (allauth's mfa) -------------------------------------------------------------------------


def authenticator_app(user):
    """The user's authenticator app (a TOTP authenticator), activated now if they had none."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, generate_totp_secret()).instance


def totp_code(user) -> str:
    """The code the user's authenticator app shows right now (it may be typed again: the "used
    codes" memory of this code is forgotten, so two logins in one 30-second window both work),
    never one about to expire."""
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt
    from django.core.cache import cache

    authenticator = authenticator_app(user)
    secret = decrypt(authenticator.data["secret"])
    # A code read in the last seconds of its window may reach the server in the next one, which
    # refuses it (no tolerance): wait for the new window instead.
    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.05)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    cache.delete(TOTP(authenticator)._get_used_cache_key(code))
    return code


def second_factor_passed(client, user) -> None:
    """Record in the client's session that `user` passed their authenticator app, the way allauth's
    mfa records it at login (`account_authentication_methods`)."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    authenticator = authenticator_app(user)
    session = client.session
    records = list(session.get(AUTHENTICATION_METHODS_SESSION_KEY) or [])
    records.append({"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": authenticator.type})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def flash(response) -> list[str]:
    """The messages the request queued for the next page (django.contrib.messages), as text."""
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Races (PostgreSQL, transaction=True tests) ------------------------------------------------------------


def race(*calls, timeout: float) -> list[BaseException | None]:
    """Run the calls in threads released together by a barrier, each on its own database connection.

    Returns what each one raised (None: it returned), in the order they ended; a thread still running
    after `timeout` seconds is not waited for."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[BaseException | None] = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append(None)
        except BaseException as error:  # reported to the test
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes


# --- Browser journeys (Playwright pages of tests/browser) --------------------------------------------------

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def screenshot(page, name: str) -> None:
    """Keep a picture of the page for people to look at (test-artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def browser_login(page, email: str, password: str = PASSWORD) -> None:
    """Log `email` in through the portal's login page (whoever was logged in is logged out first).

    Staff hold an authenticator app (activated here if they had none) and type its code when asked."""
    from accounts.models import User

    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.is_staff:
        authenticator_app(user)
    page.context.clear_cookies()
    page.goto(page.base_url + "/conta/entrar/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Senha", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Entrar").click()
    page.wait_for_load_state()
    if user is not None and user.is_staff and "/conta/2fa/authenticate/" in page.url:
        page.locator("input[name=code]").fill(totp_code(user))
        page.locator("main").locator("button[type=submit]").first.click()
        page.wait_for_load_state()


def analyst_moves(page, ticket, status_label: str, reason: str) -> None:
    """The analyst changes the ticket's status on its back-office work page."""
    page.goto(f"{page.base_url}/admin/tickets/ticket/{ticket.pk}/change/")
    page.locator("#id_transition-to_status").select_option(label=status_label)
    page.locator("#id_transition-reason").fill(reason)
    page.get_by_role("button", name="Mudar situação").click()
    page.wait_for_load_state()
