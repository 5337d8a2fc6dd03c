# OutboxEmail now belongs to the `outbox` app (same table; outbox.0002 renames it).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("outbox", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboxEmail")], database_operations=[]
        )
    ]
