"""ACP-5 in the default data: the retail line ("varejo") and its acceptance policy (5 business days,
reminder 1 business day before, no postponement: continuation is a follow-up; the satisfaction
survey goes out when the solution is proposed, SRV-1).

Reversible: going back deletes the policy this migration created unless a ticket's window used
it (the line stays, tickets may use it); a policy an administrator had already given the line is left alone both ways.
"""

from django.db import migrations

RETAIL_SLUG, RETAIL_NAME, POLICY_NAME = "varejo", "Varejo", "Varejo (5 dias úteis)"


def create_retail_policy(apps, schema_editor):
    ProductLine = apps.get_model("accounts", "ProductLine")
    AcceptancePolicy = apps.get_model("tickets", "AcceptancePolicy")
    line = ProductLine.objects.filter(slug=RETAIL_SLUG).first()
    if line is None:
        line = ProductLine.objects.create(slug=RETAIL_SLUG, name=RETAIL_NAME)
    if not AcceptancePolicy.objects.filter(product_line=line).exists():
        AcceptancePolicy.objects.create(
            name=POLICY_NAME,
            product_line=line,
            is_default=False,
            window_length=5,
            window_unit="business",
            reminder_before=1,
            postponement_days=0,
            survey_on_validation=True,
        )


def delete_retail_policy(apps, schema_editor):
    AcceptancePolicy = apps.get_model("tickets", "AcceptancePolicy")
    Ticket = apps.get_model("tickets", "Ticket")
    used = Ticket.objects.filter(acceptance_policy__isnull=False).values("acceptance_policy_id")
    AcceptancePolicy.objects.filter(product_line__slug=RETAIL_SLUG, name=POLICY_NAME).exclude(
        pk__in=used
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_help_texts_without_rule_ids"),
        ("tickets", "0009_phone_desk"),
    ]

    operations = [migrations.RunPython(create_retail_policy, delete_retail_policy)]
