"""Back-office permissions by role: analysts and leaders get the admin rights their work needs.

Roles live in code (one table) instead of groups edited by hand, so a fresh machine and
production agree on who may do what in the Django admin.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import BaseBackend, ModelBackend

from core.prepared import prepared_fetch

# "app_label.action_model" codenames; leaders get everything analysts have plus their own.
ANALYST_PERMISSIONS = frozenset(
    {
        "accounts.view_company",
        "accounts.change_company",
        "accounts.add_company",
        "accounts.view_contact",
        "accounts.change_contact",
        "accounts.view_partnerunit",
        "accounts.view_partnerconsultant",
        "accounts.view_productline",
        "accounts.view_user",
        "outbox.view_outboxemail",
        # Service calendars, holidays and targets (CAL, SEV, SLA-8): analysts look, leaders edit.
        "sla.view_calendar",
        "sla.view_calendarinterval",
        "sla.view_calendarexception",
        "sla.view_holiday",
        "sla.view_severitytarget",
        "sla.view_primecontract",
        "sla.view_primetarget",
        "sla.view_calendarsnapshot",
        # Tickets (TKT-5..7, SEV-1): the triage list and the work page; "change" is the right to act
        # through the work page's buttons and the list's actions (tickets/admin.py calls the services).
        "tickets.view_ticket",
        "tickets.change_ticket",
        # Catalogue and routing (TKT-2, TKT-5): analysts look, leaders add and change.
        "tickets.view_team",
        "tickets.view_product",
        "tickets.view_routine",
        "tickets.view_productversion",
        "tickets.view_cannedreply",  # canned replies: analysts use their teams', leaders manage them
        # Billable consultancy (CON-1..8): analysts ask, schedule and record through the services;
        # they read the modalities, rates, taxes and term templates.
        "consultoria.view_consultancy",
        "consultoria.view_session",
        "consultoria.view_timeentry",
        "consultoria.view_modality",
        "consultoria.view_rate",
        "consultoria.view_rateadjustment",
        "consultoria.view_taxrate",
        "consultoria.view_termtemplate",
    }
)
LEADER_PERMISSIONS = ANALYST_PERMISSIONS | {
    # CON-2, CON-6, CON-7: leaders approve, correct entries, set rates, taxes, the IGPM and the terms.
    "consultoria.change_consultancy",
    "consultoria.change_timeentry",
    "consultoria.view_timeentrycorrection",
    "consultoria.add_rate",
    "consultoria.add_rateadjustment",
    "consultoria.add_taxrate",
    "consultoria.add_termtemplate",
    "core.view_changerecord",  # who changed which setting, when (core.history)
    "surveys.view_survey",  # SRV-3: survey results are the leaders'
    "tickets.view_acceptancepolicy",  # ACP-5: the acceptance window per product line
    "tickets.add_acceptancepolicy",
    "tickets.change_acceptancepolicy",
    "accounts.add_partnerunit",
    "accounts.change_partnerunit",
    "accounts.add_partnerconsultant",
    "accounts.change_partnerconsultant",
    "accounts.add_productline",
    "accounts.change_productline",
    "accounts.add_user",
    "accounts.change_user",
    "sla.add_calendar",
    "sla.change_calendar",
    # Intervals, exceptions and Prime targets are rows edited inside their calendar or contract:
    # removing a row is part of changing it. Deadlines already promised keep their frozen snapshot.
    "sla.add_calendarinterval",
    "sla.change_calendarinterval",
    "sla.delete_calendarinterval",
    "sla.add_calendarexception",
    "sla.change_calendarexception",
    "sla.delete_calendarexception",
    # add_holiday also lets a leader import a year from the `holidays` package (sla/admin.py).
    "sla.add_holiday",
    "sla.change_holiday",
    "sla.add_severitytarget",
    "sla.change_severitytarget",
    "sla.add_primecontract",
    "sla.change_primecontract",
    "sla.add_primetarget",
    "sla.change_primetarget",
    "sla.delete_primetarget",
    # Catalogue: products, routines and versions are retired with "active", never deleted
    # (tickets point at them).
    "tickets.add_team",
    "tickets.change_team",
    "tickets.add_product",
    "tickets.change_product",
    "tickets.add_routine",
    "tickets.change_routine",
    "tickets.add_productversion",
    "tickets.change_productversion",
    "tickets.add_cannedreply",
    "tickets.change_cannedreply",
    "tickets.delete_cannedreply",
}


def role_permissions(user) -> frozenset[str]:
    if not (user.is_active and user.is_staff):
        return frozenset()
    if user.role == user.Role.LEADER:
        return LEADER_PERMISSIONS
    if user.role == user.Role.ANALYST:
        return ANALYST_PERMISSIONS
    return frozenset()


class StaffRoleBackend(BaseBackend):
    """Grants permissions from the role table; authenticates nobody (ModelBackend/allauth do)."""

    def get_all_permissions(self, user_obj, obj=None):
        return set(role_permissions(user_obj))

    def has_perm(self, user_obj, perm, obj=None):
        return perm in role_permissions(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return any(perm.startswith(f"{app_label}.") for perm in role_permissions(user_obj))


class _PortalUserLoading:
    """What the portal's login backends share: the signed-in user is read with their contact
    profile and its company, which nearly every page shows (one query instead of three), and no
    permission comes from Django's user/group tables: roles live in code (`StaffRoleBackend`),
    so the two permission queries of every back-office page are gone."""

    def get_user(self, user_id):
        from .models import User

        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        # On every request: compiled once (`core.prepared`); by primary key, no ORDER BY.
        found = prepared_fetch(
            "session_user",
            lambda pk: User._default_manager.select_related("contact__company").filter(pk=pk).order_by()[:1],
            {"pk": pk},
        )
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False


class PortalModelBackend(_PortalUserLoading, ModelBackend):
    """Django's password backend (the admin's login form, `force_login`)."""


class PortalAuthenticationBackend(_PortalUserLoading, AuthenticationBackend):
    """allauth's backend (the portal's login by e-mail)."""
