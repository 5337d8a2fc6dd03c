"""The full-text selector (SELF-1, SELF-3): the same cases on PostgreSQL (`make test`) and on SQLite
(scripts/test.sh runs the `fulltext` marker again on the embedded default).

A probe table registered for the test stands for any searchable model: accents, plurals, stop words,
the title weighing more than the body, prefixes while typing, snippets escaped and highlighted.
"""

from __future__ import annotations

import pytest
from django.db import connection, models

from core import fulltext

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.fulltext]


class Probe(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        app_label = "core"
        db_table = "core_fulltext_probe"
        managed = False

    def __str__(self) -> str:
        return self.title


PROBE = fulltext.Index(table="core_fulltext_probe", columns=(("title", "A"), ("body", "B")))


@pytest.fixture
def probe():
    with connection.schema_editor() as editor:
        editor.create_model(Probe)
    fulltext.register(PROBE)
    try:
        fulltext.ensure_indexes()
        yield Probe
    finally:
        fulltext._REGISTRY.pop(PROBE.table, None)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f'DROP TABLE IF EXISTS "{PROBE.fts_table}"')
        with connection.schema_editor() as editor:
            editor.delete_model(Probe)


def titles(queryset):
    return [row.title for row in queryset]


def test_accents_plurals_and_stop_words(probe):
    probe.objects.create(title="Cálculo de férias", body="Como calcular as férias dos funcionários.")
    probe.objects.create(title="Folha de pagamento", body="Erro ao fechar a folha.")
    search = lambda q: titles(fulltext.search(probe.objects.all(), PROBE, q))  # noqa: E731
    assert search("ferias") == ["Cálculo de férias"]
    assert search("cálculos") == ["Cálculo de férias"]
    assert search("FÉRIAS dos") == ["Cálculo de férias"]
    assert search("as de") == []  # nothing but stop words: nothing
    assert search("folhas pagamento") == ["Folha de pagamento"]
    assert search("folha ferias") == []  # every word must match
    assert sorted(titles(fulltext.search(probe.objects.all(), PROBE, "folha ferias", any_word=True))) == [
        "Cálculo de férias",
        "Folha de pagamento",
    ]


def test_title_weighs_more_than_body(probe):
    probe.objects.create(title="Impressão de boletos", body="Configurar a impressora.")
    probe.objects.create(title="Configurar a impressora", body="Texto sobre boletos e boletos.")
    assert titles(fulltext.search(probe.objects.all(), PROBE, "boletos"))[0] == "Impressão de boletos"


def test_prefix_of_the_word_being_typed(probe):
    probe.objects.create(title="Integração bancária", body="Arquivo de retorno do banco.")
    assert titles(fulltext.search(probe.objects.all(), PROBE, "integr")) == ["Integração bancária"]


def test_searches_only_inside_the_given_queryset(probe):
    kept = probe.objects.create(title="Nota fiscal eletrônica", body="Emissão da nota.")
    probe.objects.create(title="Nota fiscal de serviço", body="Emissão da nota.")
    found = fulltext.search(probe.objects.filter(pk=kept.pk), PROBE, "nota fiscal")
    assert titles(found) == ["Nota fiscal eletrônica"]


def test_updates_and_deletes_follow(probe):
    row = probe.objects.create(title="Rascunho", body="nada")
    row.title = "Exportação contábil"
    row.save()
    assert titles(fulltext.search(probe.objects.all(), PROBE, "exportacao")) == ["Exportação contábil"]
    assert titles(fulltext.search(probe.objects.all(), PROBE, "rascunho")) == []
    row.delete()
    assert titles(fulltext.search(probe.objects.all(), PROBE, "exportacao")) == []


def test_rows_written_before_the_index_are_found(probe):
    probe.objects.create(title="Antes do índice", body="Parâmetros do sistema.")
    fulltext.ensure_indexes()  # idempotent: nothing changes, nothing is lost
    assert titles(fulltext.search(probe.objects.all(), PROBE, "parametros")) == ["Antes do índice"]


def test_snippet_is_escaped_and_highlighted(probe):
    probe.objects.create(
        title="Erro <script>",
        body="Ao gerar o <b>relatório</b> de férias o sistema trava <script>x</script>.",
    )
    found = fulltext.search(probe.objects.all(), PROBE, "ferias")
    row = fulltext.with_snippet(found, PROBE, "ferias", "body")[0]
    html = fulltext.highlight(row.search_snippet)
    assert "<mark>férias</mark>" in html
    # PostgreSQL's parser drops the tags from the extract, SQLite keeps them as text: never markup.
    assert "<script" not in html and "<b>" not in html


def test_punctuation_and_operators_are_plain_words(probe):
    probe.objects.create(title="Senha expirada", body="Trocar a senha.")
    for query in ['senha" OR "x', "senha & | ! :* ()", "senha NEAR(x)", "senha_expirada"]:
        assert titles(fulltext.search(probe.objects.all(), PROBE, query)) in (["Senha expirada"], [])
    assert titles(fulltext.search(probe.objects.all(), PROBE, "senha!!!")) == ["Senha expirada"]


def test_words_of_a_query():
    assert fulltext.words("Não consigo emitir a NF-e do mês") == ["consigo", "emitir", "nf", "mes"]
    assert fulltext.words("  ") == []


def test_index_refuses_unsafe_names():
    with pytest.raises(ValueError):
        fulltext.Index(table="x; drop table y", columns=(("title", "A"),))
    with pytest.raises(ValueError):
        fulltext.Index(table="x", columns=(("title", "Z"),))


def test_whole_words_only_without_prefix(probe):
    probe.objects.create(title="Cálculo de férias", body="As férias saem erradas.")
    assert titles(fulltext.search(probe.objects.all(), PROBE, "calculos ferias", prefix=False)) == [
        "Cálculo de férias"
    ]
    partial = fulltext.search(probe.objects.all(), PROBE, "calc feri", prefix=False)
    # PostgreSQL matches whole stems only; SQLite always matches prefixes (its stemmer)
    assert titles(partial) == ([] if connection.vendor == "postgresql" else ["Cálculo de férias"])


def test_matched_rows_are_ranked_without_filtering_again(probe):
    first = probe.objects.create(title="Cálculo de férias", body="Férias.")
    second = probe.objects.create(title="Folha", body="Cálculo das férias na folha.")
    chosen = probe.objects.filter(pk__in=[first.pk, second.pk])
    assert titles(fulltext.search(chosen, PROBE, "ferias calculo", matched=True)) == [
        "Cálculo de férias",
        "Folha",
    ]
