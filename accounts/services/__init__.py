"""Every write on companies, contacts and consultants (ACC-1..7, TEN-1), one module per subject.

Views, admin actions and tasks call these functions; none of them saves a model itself.
Rules raise `DomainError` with a message for the user; missing rights raise `ForbiddenError`;
who may act is decided by accounts/access.py. Callers use the package (`services.contact_invite`);
the modules inside import one another by name (`from .invitations import invitation_send`), and the
helpers they share without an access check of their own (`invitation_send`, `lock_company`, ...)
are not re-exported here.
"""

from .companies import (
    COMPANY_REGISTRATION_FIELDS,
    company_create,
    company_set_financial_status,
    company_update,
    company_update_registration,
)
from .contacts import (
    CONTACT_PERMISSION_FIELDS,
    contact_deactivate,
    contact_invite,
    contact_reactivate,
    contact_resend_invitation,
    contact_set_admin,
    contact_update,
)
from .invitations import invitation_token_make, invitation_token_read, user_activate
from .partners import partner_consultant_create, partner_consultant_update, partner_unit_save
from .profile import user_set_language, user_update_profile
from .staff import staff_user_create, staff_user_set_active
from .tokens import api_token_authenticate, api_token_issue, api_token_revoke_one

__all__ = [
    "COMPANY_REGISTRATION_FIELDS",
    "CONTACT_PERMISSION_FIELDS",
    "api_token_authenticate",
    "api_token_issue",
    "api_token_revoke_one",
    "company_create",
    "company_set_financial_status",
    "company_update",
    "company_update_registration",
    "contact_deactivate",
    "contact_invite",
    "contact_reactivate",
    "contact_resend_invitation",
    "contact_set_admin",
    "contact_update",
    "invitation_token_make",
    "invitation_token_read",
    "partner_consultant_create",
    "partner_consultant_update",
    "partner_unit_save",
    "staff_user_create",
    "staff_user_set_active",
    "user_activate",
    "user_set_language",
    "user_update_profile",
]
