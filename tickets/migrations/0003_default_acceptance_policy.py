"""ACP-1..4 defaults: 15 calendar days, reminder 4 days before, one 45-day postponement."""

from django.db import migrations


def create_default(apps, schema_editor):
    AcceptancePolicy = apps.get_model("tickets", "AcceptancePolicy")
    if not AcceptancePolicy.objects.filter(is_default=True).exists():
        AcceptancePolicy.objects.create(
            name="Padrão",
            is_default=True,
            window_length=15,
            window_unit="calendar",
            reminder_before=4,
            postponement_days=45,
            survey_on_validation=False,
        )


class Migration(migrations.Migration):
    dependencies = [("tickets", "0002_acceptance_followups_surveys")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
