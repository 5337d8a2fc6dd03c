"""Portal shell, login and company-administrator pages (ACC, TEN)."""

from accounts import services
from outbox.models import OutboxEmail
from tests.factories import ContactFactory

from . import LOGIN, VIEW, everyone, logged_in, row

PORTAL = {
    "home": (lambda o: {}, logged_in(200)),
    "set-language": (lambda o: {}, everyone(405)),
    "healthz": (lambda o: {}, everyone(200)),
    "account_login": (lambda o: {}, logged_in(302, anonymous=200)),
    "account_logout": (lambda o: {}, logged_in(200, anonymous=302)),
    "account_inactive": (lambda o: {}, everyone(200)),
    "account_change_password": (lambda o: {}, logged_in(200)),
    "account_set_password": (lambda o: {}, logged_in(302)),
    "account_reset_password": (lambda o: {}, everyone(200)),
    "account_reset_password_done": (lambda o: {}, everyone(200)),
    "account_reset_password_from_key": (lambda o: {"uidb36": "1", "key": "bad-key"}, everyone(200)),
    "account_reset_password_from_key_done": (lambda o: {}, everyone(200)),
    #                                  anonymous other contact admin partner analyst leader
    "company-detail": (lambda o: {}, row(LOGIN, 200, 200, 200, 403, 403, 403)),
    "company-edit": (lambda o: {}, row(LOGIN, 200, 403, 200, 403, 403, 403)),
    "contact-list": (lambda o: {}, row(LOGIN, 200, 403, 200, 403, 403, 403)),
    "contact-invite": (lambda o: {}, row(LOGIN, 200, 403, 200, 403, 403, 403)),
    "contact-edit": (lambda o: {"pk": o["contact"].pk}, row(LOGIN, 404, 403, 200, 403, 403, 403)),
    "contact-action": (
        lambda o: {"pk": o["contact"].pk, "action": "desativar"},
        row(LOGIN, 405, 403, 405, 403, 403, 403),
    ),
    "contact-deactivate": (lambda o: {"pk": o["contact"].pk}, row(LOGIN, 404, 403, 200, 403, 403, 403)),
    "contact-activate": (lambda o: {"token": o["invitation_token"]}, everyone(200)),
    "profile": (lambda o: {}, logged_in(200)),
}

ADMIN_SITE = {
    "admin:index": {"analyst": 200, "leader": 200},
    # Logged-in non-staff are told no (403) by allauth's secure_admin_login; staff go to the index.
    "admin:login": {
        "other": 403,
        "contact": 403,
        "admin": 403,
        "partner": 403,
        "analyst": 302,
        "leader": 302,
    },
    "admin:logout": {"analyst": 405, "leader": 405},
    "admin:password_change": {"analyst": 200, "leader": 200},
    "admin:password_change_done": {"analyst": 200, "leader": 200},
    "admin:autocomplete": {"analyst": 403, "leader": 403},
    "admin:jsi18n": {"analyst": 200, "leader": 200},
    "admin:app_list": {"analyst": 200, "leader": 200},
    "admin:view_on_site": {"analyst": 404, "leader": 404},
}

ADMIN_MODELS = {
    "accounts_company": {"analyst": VIEW | {"add"}, "leader": VIEW | {"add"}},
    "accounts_contact": {"analyst": VIEW, "leader": VIEW},
    "accounts_partnerunit": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "accounts_partnerconsultant": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "accounts_productline": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "accounts_user": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "outbox_outboxemail": {"analyst": VIEW, "leader": VIEW},
}


def objects(world) -> dict:
    from accounts.models import ProductLine

    pending = ContactFactory(company=world.company, user__activated_at=None)
    pending.user.set_unusable_password()
    pending.user.save()
    return {
        "contact": world.contact,
        "invitation_token": services.invitation_token_make(pending.user),
        "accounts_company": world.company,
        "accounts_contact": world.contact,
        "accounts_partnerunit": world.company.partner_unit,
        "accounts_partnerconsultant": world.partner.partner_consultant,
        "accounts_productline": ProductLine.objects.get_or_create(slug="erp", defaults={"name": "ERP"})[0],
        "accounts_user": world.contact.user,
        "outbox_outboxemail": OutboxEmail.objects.create(
            to=["a@b.example"], subject="s", body_text="t", template="x"
        ),
    }
