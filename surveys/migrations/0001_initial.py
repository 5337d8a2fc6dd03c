# The survey moved from the `tickets` app: the table is kept (state only here), then renamed.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="surveys", model="survey").exists():
        content_type.objects.filter(app_label="tickets", model="survey").update(app_label="surveys")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("tickets", "0004_event_postponed"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Survey",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("sent_at", models.DateTimeField(verbose_name="enviada em")),
                        (
                            "answered_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="respondida em"),
                        ),
                        (
                            "rating",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
                                null=True,
                                verbose_name="nota",
                            ),
                        ),
                        (
                            "solved",
                            models.BooleanField(
                                blank=True, null=True, verbose_name="o problema foi resolvido"
                            ),
                        ),
                        ("comment", models.TextField(blank=True, verbose_name="comentário")),
                        (
                            "analyst",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="surveys",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="analista avaliado",
                            ),
                        ),
                        (
                            "team",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="surveys",
                                to="tickets.team",
                                verbose_name="equipe",
                            ),
                        ),
                        (
                            "ticket",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="survey",
                                to="tickets.ticket",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "pesquisa de satisfação",
                        "verbose_name_plural": "pesquisas de satisfação",
                        "db_table": "tickets_survey",
                        "indexes": [
                            models.Index(fields=["answered_at"], name="tickets_sur_answere_73f884_idx"),
                            models.Index(
                                fields=["analyst", "answered_at"], name="tickets_sur_analyst_2741cd_idx"
                            ),
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("rating__isnull", True),
                                    models.Q(("rating__gte", 1), ("rating__lte", 5)),
                                    _connector="OR",
                                ),
                                name="survey_rating_1_5",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
