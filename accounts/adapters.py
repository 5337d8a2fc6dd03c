import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context


class PortalAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: contacts are invited by their administrator (ACC-2)."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def pre_authenticate(self, request, **credentials):
        # Too many failed logins: the refusal is a security event of the audit trail.
        from django.core.exceptions import ValidationError

        from audit.services import audit_lockout

        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            audit_lockout(request, credentials)
            raise

    def send_mail(self, template_prefix, email, context):
        # Password reset and other allauth mail go through the outbox too (OPS-2).
        from django.template.loader import render_to_string

        from outbox.services import email_enqueue_rendered

        context = {**context, "email": email}
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        subject = self.format_email_subject(" ".join(subject.split()))
        body_text = render_to_string(f"{template_prefix}_message.txt", context)
        email_enqueue_rendered(to=email, subject=subject, body_text=body_text, template=template_prefix)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Activating or changing the second factor asks for the password again, unless the session
        logged in with it in the last few minutes (a staff user sent to activate it right after
        logging in types it once, SEC-5)."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        records = get_authentication_records(request, request.user) if request is not None else []
        timeout = self.reauthentication_timeout()
        return not any(
            record.get("method") == "password" and time.time() - record.get("at", 0) < timeout
            for record in records
        )

    @staticmethod
    def reauthentication_timeout() -> int:
        from allauth.account import app_settings

        return app_settings.REAUTHENTICATION_TIMEOUT
