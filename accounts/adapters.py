from allauth.account.adapter import DefaultAccountAdapter


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
