# The outbox moved from the `portal` app: the table is kept (state only here), then renamed.

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="outbox", model="outboxemail").exists():
        content_type.objects.filter(app_label="portal", model="outboxemail").update(app_label="outbox")


class Migration(migrations.Migration):
    initial = True

    dependencies = [("portal", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("to", models.JSONField(verbose_name="destinatários")),
                        ("subject", models.CharField(max_length=250, verbose_name="assunto")),
                        ("body_text", models.TextField(verbose_name="texto")),
                        ("body_html", models.TextField(blank=True, verbose_name="HTML")),
                        ("template", models.CharField(max_length=80, verbose_name="modelo")),
                        (
                            "dedupe_key",
                            models.CharField(
                                blank=True,
                                help_text="Impede que a mesma notificação seja registrada duas vezes.",
                                max_length=200,
                                null=True,
                                unique=True,
                                verbose_name="chave de unicidade",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "pendente"),
                                    ("sending", "enviando"),
                                    ("sent", "enviado"),
                                    ("failed", "falhou"),
                                ],
                                default="pending",
                                max_length=10,
                                verbose_name="situação",
                            ),
                        ),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="tentativas")),
                        ("last_error", models.TextField(blank=True, verbose_name="último erro")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="criado em")),
                        (
                            "next_attempt_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="próxima tentativa"),
                        ),
                        (
                            "claimed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="reservado em"),
                        ),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="enviado em")),
                    ],
                    options={
                        "verbose_name": "e-mail da fila de saída",
                        "verbose_name_plural": "fila de saída de e-mails",
                        "ordering": ["-created_at"],
                        "db_table": "portal_outboxemail",
                        "indexes": [
                            models.Index(
                                fields=["status", "next_attempt_at"], name="portal_outb_status_e0ddaf_idx"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
