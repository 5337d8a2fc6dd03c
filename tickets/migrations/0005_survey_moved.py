# Survey now belongs to the `surveys` app (same table; surveys.0002 renames it).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tickets", "0004_event_postponed"), ("surveys", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Survey")], database_operations=[]
        )
    ]
