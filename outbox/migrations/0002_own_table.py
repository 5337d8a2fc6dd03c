from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_initial"), ("portal", "0002_outbox_moved")]

    operations = [
        migrations.AlterModelTable(name="outboxemail", table=None),
        migrations.RenameIndex(
            model_name="outboxemail",
            new_name="outbox_status_next_attempt",
            old_name="portal_outb_status_e0ddaf_idx",
        ),
    ]
