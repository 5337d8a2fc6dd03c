"""Benchmark of the solutions search (SELF-3) on PostgreSQL: `--rows` published solutions.

1. Seeds, in the database it finds (empty, or after the other benchmarks): the demo companies,
   catalogue and people (seed_demo, which also solves and publishes its 16 demo tickets through
   the services); then, set-based, `--rows` closed tickets copied from a demo one (new numbers,
   every routine of the catalogue in turn, closed over two years) and their published solutions,
   one per ticket, in the same INSERT ... SELECT generate_series: problems and solutions composed
   from a Portuguese support vocabulary (subjects, symptoms, contexts, actions, objects), so word
   frequencies range from a few hundred rows to tens of thousands. The search's GIN index is
   dropped during the load and built after it (the trigger keeps the vector of every row).
2. Measures, after a warm-up, `--repeat` rounds of 24 varied two-word queries: the selector alone
   (the first page of rows with their snippets and the count), the whole page /solucoes/ as a
   client contact (Django test client, DEBUG=0), the API and the suggestions; median and p95 of
   each, the queries per request; then EXPLAIN (ANALYZE, BUFFERS) of the page's query.

    DATABASE_URL=postgres://... python bench/bench_solutions.py [--rows 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import bench_portal as bench  # sets Django up (DEBUG=0, settings) and holds the shared helpers
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.management.commands import seed_demo
from accounts.models import User
from solutions import selectors
from solutions.models import SEARCH_INDEX, Solution
from tickets.models import Ticket

log, section, percentile = bench.log, bench.section, bench.percentile
CHUNK = 100_000

SUBJECTS = [
    "Nota fiscal rejeitada na transmissão", "Cálculo de férias incorreto", "Boleto com vencimento errado",
    "Saldo de estoque negativo", "Relatório de faturamento lento", "Pedido de compra bloqueado",
    "Apuração de ICMS divergente", "Evento do eSocial rejeitado", "Cupom fiscal não imprime",
    "Promoção não aplica desconto", "Horas extras fora da folha", "Custo médio zerado",
    "Conciliação bancária não fecha", "Integração com a retaguarda parada", "Etiqueta sem código de barras",
    "Lançamento contábil duplicado", "Provisão de décimo terceiro errada", "Rescisão com verbas faltando",
    "Certificado digital expirado", "Tabela de preços não atualiza", "Inventário com diferença",
    "Ordem de produção sem empenho", "Título a receber sem baixa", "Remessa bancária recusada",
    "Arquivo SPED com erro de validação", "DANFE sem logotipo", "Usuário sem acesso à rotina",
    "Senha do usuário bloqueada", "Backup do banco de dados falhou", "Tela congela ao salvar",
    "Comissão de vendedores calculada a maior", "Frete não calculado no pedido", "Contrato sem reajuste",
    "Depreciação do ativo imobilizado errada", "Fluxo de caixa com saldo divergente",
    "Pagamento de fornecedor em duplicidade", "Adiantamento salarial não descontado",
    "Ponto eletrônico sem marcações", "Vale transporte calculado errado", "Devolução de venda sem estorno",
]  # fmt: skip
SYMPTOMS = [
    "após a atualização da release", "somente na filial 02", "no fechamento do mês",
    "ao transmitir para a SEFAZ", "desde a virada do ano", "em alguns funcionários",
    "quando o cliente tem desconto", "apenas em homologação",
    "com a mensagem de chave duplicada", "depois da troca do servidor", "nos pedidos importados",
    "quando há mais de uma moeda", "para produtos com lote", "na emissão em lote", "ao reprocessar o período",
    "só para o usuário administrador", "com timeout na conexão", "em notas de devolução",
    "após mudar o regime tributário", "quando o período está bloqueado",
]  # fmt: skip
CONTEXTS = [
    "O problema acontece todos os dias e impede o faturamento.", "Já reiniciamos o servidor sem sucesso.",
    "Seguem os logs e as telas do erro.", "O erro aparece também na versão anterior.",
    "Precisamos resolver antes do fechamento fiscal.", "Outras filiais não têm o problema.",
    "O suporte interno já conferiu os parâmetros.", "Começou depois da carga de dados do legado.",
    "A operação fica parada enquanto isso.", "O relatório é usado pela diretoria toda semana.",
    "Os valores conferem no banco mas não na tela.", "Testamos com outro usuário e o erro continua.",
    "Há impacto na entrega aos clientes.", "A mensagem cita uma tabela temporária.",
    "Em homologação o processo funciona.", "O arquivo gerado fica vazio.",
]  # fmt: skip
ACTIONS = [
    "Atualize o pacote da rotina", "Reprocesse o período", "Ajuste o parâmetro de configuração",
    "Recrie o índice da tabela", "Corrija o cadastro do cliente", "Revise a regra de tributação",
    "Execute o recálculo do saldo", "Reinstale o certificado digital", "Libere o acesso no perfil do usuário",
    "Refaça a conciliação bancária", "Estorne o lançamento duplicado", "Reenvie o evento pelo monitor",
    "Atualize as estatísticas do banco", "Configure a porta da impressora", "Inclua as lojas na promoção",
    "Cadastre a verba com incidência", "Ajuste a condição de pagamento", "Desbloqueie o período contábil",
    "Importe o layout atualizado do banco", "Corrija a data de corte do inventário",
]  # fmt: skip
OBJECTS = [
    "e confirme a nota fiscal", "e gere o relatório novamente", "antes do próximo fechamento",
    "em todas as filiais", "e reinicie o serviço de integração", "e valide com o usuário",
    "para os funcionários afetados", "e transmita o arquivo novamente", "e confira o saldo de estoque",
    "e emita os boletos outra vez", "conforme a documentação da release", "e limpe o cache da aplicação",
]  # fmt: skip
QUERIES = [
    "nota rejeitada", "cálculo férias", "boleto vencimento", "estoque negativo", "faturamento lento",
    "pedido bloqueado", "icms divergente", "esocial rejeitado", "cupom imprime", "promoção desconto",
    "horas extras", "custo médio", "conciliação bancária", "certificado expirado", "tabela preços",
    "inventário diferença", "remessa recusada", "sped validação", "senha bloqueada", "backup falhou",
    "atualização release", "filial fechamento", "recálculo saldo", "notas devolução",
]  # fmt: skip


def _sql_array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


def _pick(array: list[str], expression: str) -> str:
    return f"({_sql_array(array)})[1 + ({expression}) %% {len(array)}]"


def seed(rows: int) -> None:
    section(f"Seeding {rows:,} closed tickets and their published solutions (set-based)")
    started = time.perf_counter()
    seed_demo.Command().handle()
    template = Ticket.objects.filter(status=Ticket.Status.CLOSED).order_by("pk").first()
    if template is None:
        raise SystemExit("seed_demo left no closed ticket to copy")
    columns = [f.column for f in Ticket._meta.concrete_fields if f.column != "id"]
    values = []
    for column in columns:
        if column == "number":
            values.append("(10000000 + ((%(first)s + g.gs)::bigint * 73856093) %% 90000000)::text")
        elif column in ("product_id", "routine_id"):
            values.append(f"r.{column.replace('routine_id', 'id')}")
        elif column in ("created_at", "status_changed_at", "updated_at", "closed_at"):
            values.append("now() - (g.gs %% 730) * interval '1 day'")
        elif column == "summary":
            values.append(_pick(SUBJECTS, "g.gs"))
        else:
            values.append(f"t.{column}")
    problem = (
        f"{_pick(SUBJECTS, 'g.gs')} || ' ' || {_pick(SYMPTOMS, 'g.gs * 7 + g.gs / 40')} || E'\\n\\n' || "
        f"{_pick(CONTEXTS, 'g.gs * 13 + g.gs / 800')} || ' ' || {_pick(SYMPTOMS, 'g.gs * 3 + 5')} || "
        "' (rejeição ' || (100 + g.gs %% 700) || ').'"
    )
    solution = (
        f"{_pick(ACTIONS, 'g.gs * 11 + g.gs / 40')} || ' ' || {_pick(OBJECTS, 'g.gs * 17 + g.gs / 20')} || "
        f"'. ' || {_pick(ACTIONS, 'g.gs * 5 + 3')} || ' ' || {_pick(OBJECTS, 'g.gs * 19 + 7')} || "
        "'. Parâmetro MV_' || (1000 + g.gs %% 5000) || ' revisado.'"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP INDEX IF EXISTS "{SEARCH_INDEX.table}_search_gin"')
        cursor.execute(
            "CREATE TEMP TABLE bench_routines AS SELECT row_number() OVER (ORDER BY id) - 1 AS rn, id, "
            "product_id FROM tickets_routine"
        )
        cursor.execute("SELECT count(*) FROM bench_routines")
        routines = cursor.fetchone()[0]
        done = 0
        while done < rows:
            size = min(CHUNK, rows - done)
            with transaction.atomic():
                cursor.execute(
                    f"WITH new AS (INSERT INTO tickets_ticket ({', '.join(columns)}) "  # noqa: S608
                    f"SELECT {', '.join(values)} FROM generate_series(%(start)s, %(end)s) AS g(gs) "
                    "JOIN bench_routines r ON r.rn = g.gs %% %(routines)s "
                    "CROSS JOIN (SELECT * FROM tickets_ticket WHERE id = %(template)s) t "
                    "ON CONFLICT (number) DO NOTHING RETURNING id, product_id, routine_id, closed_at) "
                    "INSERT INTO solutions_solution (ticket_id, product_id, routine_id, problem, solution, "
                    "closed_at, published_at, withheld, withheld_reason) "
                    f"SELECT new.id, new.product_id, new.routine_id, {problem}, {solution}, new.closed_at, "
                    "new.closed_at, false, '' FROM new CROSS JOIN LATERAL (SELECT new.id AS gs) g",
                    {
                        "start": done,
                        "end": done + size - 1,
                        "first": 1_000_000 + done,
                        "routines": routines,
                        "template": template.pk,
                    },
                )
            done += size
            log(f"  {done:,} rows ({time.perf_counter() - started:.0f} s)")
        log("  building the GIN index")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # inside a transaction (the smoke test)
        cursor.execute(
            f'CREATE INDEX "{SEARCH_INDEX.table}_search_gin" ON "{SEARCH_INDEX.table}" '
            "USING GIN (search_vector)"
        )
        cursor.execute("ANALYZE tickets_ticket")
        cursor.execute(f'ANALYZE "{SEARCH_INDEX.table}"')
    log(f"seeded {Solution.objects.count():,} solutions in {time.perf_counter() - started:.0f} s")


def timed(call) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        call()
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(queries)


def selector_first_page(query: str, every_match: bool = False) -> None:
    page = Paginator(selectors.solutions_search(query, every_match=every_match), 20).get_page(1)
    list(page)
    page.paginator.count  # noqa: B018 - the count the page shows


def report(name: str, samples: list[float], queries: set[int]) -> float:
    p95 = percentile(samples, 95)
    log(
        f"{name:<34} median {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {max(samples):7.1f} ms   queries {'/'.join(map(str, sorted(queries)))}"
    )
    return p95


def measure(repeat: int) -> float:
    contact = User.objects.get(email="bruno@horizonte.example")
    client = Client()
    client.force_login(contact)
    found = {query: selectors.solutions_search(query, every_match=True).count() for query in QUERIES}
    # (the count alone: cheap, no ranking)
    section("Matches per query (all words)")
    log(", ".join(f"{query!r}: {count:,}" for query, count in found.items()))
    for query in QUERIES:  # warm-up: caches, plans, the GIN pages
        selector_first_page(query)
        client.get("/solucoes/", {"q": query})
    names = ("selector", "selector, every match ranked", "page", "api", "suggestions")
    samples: dict[str, list[float]] = {name: [] for name in names}
    queries: dict[str, set[int]] = {name: set() for name in samples}
    for round_ in range(repeat):
        for query in QUERIES:
            for name, call in (
                ("selector", lambda q=query: selector_first_page(q)),
                # ranking every match is the slow way this avoids: measured once per query only
                *(
                    [
                        (
                            "selector, every match ranked",
                            lambda q=query: selector_first_page(q, every_match=True),
                        )
                    ]
                    if round_ == 0
                    else []
                ),
                ("page", lambda q=query: client.get("/solucoes/", {"q": q})),
                ("api", lambda q=query: client.get("/api/v1/solutions/", {"q": q})),
                ("suggestions", lambda q=query: selectors.solution_suggestions(q[:-2])),
            ):
                elapsed, count = timed(call)
                samples[name].append(elapsed)
                queries[name].add(count)
    section(f"Search at {Solution.objects.count():,} solutions ({repeat} x {len(QUERIES)} queries)")
    p95 = {name: report(name, samples[name], queries[name]) for name in samples}
    response = client.get("/solucoes/", {"q": QUERIES[0]})
    assert response.status_code == 200 and b"solution-result" in response.content
    common = max(found, key=found.__getitem__)
    for query in (common, QUERIES[0]):
        section(f"EXPLAIN (ANALYZE, BUFFERS) of the page's rows, q={query!r} ({found[query]:,} matches)")
        log(selectors.solutions_search(query)[:20].explain(analyze=True, buffers=True))
    return max(p95["selector"], p95["page"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="published solutions to seed")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the 24 queries")
    parser.add_argument("--measure-only", action="store_true", help="measure the rows already there")
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        log("error: set DATABASE_URL to a throw-away PostgreSQL database (scripts/bench.sh starts one)")
        return 2
    if not args.measure_only:
        seed(args.rows)
    worst = measure(args.repeat)
    section("Summary")
    log(f"p95 of the selector/page at {Solution.objects.count():,} solutions: {worst:.0f} ms (goal 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
