"""The account's security pages: re-authentication, the second factor (allauth's mfa) and the open
sessions (allauth's usersessions). Staff in the matrix hold an authenticator app and passed it
(tests.helpers.logged_in); the other roles have none."""

from . import LOGIN, everyone, logged_in, row

PORTAL = {
    "account_reauthenticate": (lambda o: {}, logged_in(200)),
    "mfa_index": (lambda o: {}, logged_in(200)),
    "mfa_authenticate": (lambda o: {}, everyone(302)),
    "mfa_reauthenticate": (lambda o: {}, row(LOGIN, 302, 302, 302, 302, 200, 200)),
    "mfa_activate_totp": (lambda o: {}, logged_in(302)),
    "mfa_deactivate_totp": (lambda o: {}, row(LOGIN, 404, 404, 404, 404, 302, 302)),
    "mfa_view_recovery_codes": (lambda o: {}, logged_in(404)),
    "mfa_generate_recovery_codes": (lambda o: {}, logged_in(302)),
    "mfa_download_recovery_codes": (lambda o: {}, logged_in(404)),
    "usersessions_list": (lambda o: {}, logged_in(200)),
}


def objects(world) -> dict:
    from accounts.services.tokens import api_token_issue

    _raw, token = api_token_issue(user=world.contact.user, device="Matriz")
    return {"api_token": token}


PORTAL.update(
    {
        "api-tokens": (lambda o: {}, logged_in(200)),
        # Another user's token (even of the same company) is not found, like a missing one.
        "api-token-revoke": (lambda o: {"pk": o["api_token"].pk}, logged_in(405)),
    }
)
