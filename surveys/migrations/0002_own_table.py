from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial"), ("tickets", "0005_survey_moved")]

    operations = [
        migrations.AlterModelTable(name="survey", table=None),
        migrations.RenameIndex(
            model_name="survey", new_name="survey_answered_at", old_name="tickets_sur_answere_73f884_idx"
        ),
        migrations.RenameIndex(
            model_name="survey",
            new_name="survey_analyst_answered_at",
            old_name="tickets_sur_analyst_2741cd_idx",
        ),
    ]
