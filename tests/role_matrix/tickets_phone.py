"""The phone desk (CHN-2): staff only. It lives beside the portal's opening page (it shares its
form) but is drawn in the back-office; its menu entry in the admin only sends staff there.
Without a caller chosen (`?pessoa=`), the opening page sends the analyst back to the desk."""

from . import LOGIN, row

#                                      anonymous other contact admin partner analyst leader
STAFF_ONLY = row(LOGIN, 403, 403, 403, 403, 200, 200)

PORTAL = {
    "phone-desk": (lambda o: {}, STAFF_ONLY),
    "phone-open": (lambda o: {}, row(LOGIN, 403, 403, 403, 403, 302, 302)),
}

ADMIN_SITE = {
    # The back-office menu's "Atendimento por telefone": a redirect to the desk, for staff.
    "admin:tickets_phonedesk_changelist": {"analyst": 302, "leader": 302},
}
