"""Benchmark of the knowledge base's search (SELF-1) and suggestions while typing (SELF-2) on PostgreSQL.

1. Seeds, in the database it finds (empty, or bench_portal.py's): the demo catalogue's products and
   routines, a client company with one contact, and `--articles` published articles (bulk inserts;
   the full-text trigger fills `search_vector` as in production). Titles and texts are Portuguese
   support vocabulary (notas fiscais, férias, folha, estoque, PDV...) combined pseudo-randomly, with
   accents and plurals, so the queries below match hundreds to thousands of rows each.
2. Measures, as the contact, in-process with django.test.Client after a warm-up:
   - the knowledge-base page `/base/?q=…` for 24 varied queries (accents left out, plurals, several
     words, a product filter): median and p95 of every request, rows found, queries per request;
   - the suggestion endpoint `/base/sugestoes/?q=…` (the htmx partial of the new-ticket page) for 20
     summaries as typed: median and p95, queries per request.
   Goals: search p95 <= 50 ms, suggestions median <= 30 ms.

    DATABASE_URL=postgres://... python bench/bench_knowledge.py [--articles 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta
from urllib.parse import urlencode

import bench_portal as bench  # sets Django up (DEBUG=0, settings) and holds the shared helpers
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.management.commands import seed_demo
from accounts.models import Company, Contact, ProductLine, User
from knowledge import selectors
from knowledge.models import Article
from tickets.models import Product, Routine, Team

log, section = bench.log, bench.section
EMAIL = "contato@base-bench.example"

# (subject, short name, sentences of its own): a text speaks of its subject, plus a few generic lines.
SUBJECTS: list[tuple[str, str, list[str]]] = [
    (
        "nota fiscal eletrônica",
        "NF-e",
        [
            "A SEFAZ devolve a rejeição quando o XML tem dados divergentes do cadastro.",
            "Consulte a situação da nota no monitor antes de transmitir de novo.",
            "A numeração da série não pode ter lacunas sem inutilização.",
        ],
    ),
    (
        "nota fiscal de consumidor",
        "NFC-e",
        [
            "Em contingência offline, as notas são transmitidas quando a conexão volta.",
            "O QR Code do cupom depende do token do contribuinte.",
        ],
    ),
    (
        "cálculo de férias",
        "férias",
        [
            "O abono pecuniário converte até dez dias de férias em dinheiro.",
            "Faltas injustificadas reduzem os dias de direito do período aquisitivo.",
        ],
    ),
    (
        "folha de pagamento",
        "folha",
        [
            "Feche a folha da competência antes de gerar os relatórios de encargos.",
            "O recálculo considera só os funcionários com eventos alterados.",
        ],
    ),
    (
        "décimo terceiro salário",
        "13º",
        [
            "A primeira parcela do décimo terceiro é paga até novembro.",
            "As médias de horas extras entram na segunda parcela.",
        ],
    ),
    (
        "rescisão de contrato",
        "rescisão",
        [
            "O aviso prévio indenizado projeta o fim do contrato.",
            "As verbas rescisórias têm prazo de pagamento de dez dias.",
        ],
    ),
    (
        "eventos do eSocial",
        "eSocial",
        [
            "Os eventos periódicos dependem do fechamento da folha.",
            "O recibo de cada evento fica no painel de transmissão.",
        ],
    ),
    (
        "inventário de estoque",
        "inventário",
        [
            "Bloqueie as movimentações dos locais durante a contagem.",
            "As divergências geram ajustes de estoque ao efetivar.",
        ],
    ),
    (
        "custo médio do produto",
        "custo médio",
        [
            "O estoque negativo distorce o custo médio dos produtos.",
            "Recalcule o custo a partir do primeiro dia afetado.",
        ],
    ),
    (
        "pedido de compra",
        "pedido",
        [
            "Pedidos acima da alçada vão para o aprovador seguinte.",
            "O pedido aprovado pode ser enviado ao fornecedor por e-mail.",
        ],
    ),
    (
        "boleto bancário",
        "boletos",
        [
            "Os boletos registrados aparecem no arquivo de retorno do banco.",
            "A carteira de cobrança define o layout da remessa.",
        ],
    ),
    (
        "conciliação bancária",
        "conciliação",
        [
            "Importe o extrato OFX e relacione os lançamentos.",
            "Tarifas bancárias sem lançamento ficam pendentes na conciliação.",
        ],
    ),
    (
        "apuração de ICMS",
        "ICMS",
        [
            "Cadastre as alíquotas por estado e por produto antes de faturar.",
            "Notas canceladas fora do prazo continuam somando nos livros fiscais.",
        ],
    ),
    (
        "SPED Fiscal",
        "SPED",
        [
            "Valide o arquivo no PVA e corrija as ocorrências apontadas.",
            "O perfil do arquivo é definido pela SEFAZ do estado.",
        ],
    ),
    (
        "promoção no PDV",
        "promoções",
        [
            "As promoções só valem depois que a carga de preços chega aos caixas.",
            "Promoções por quantidade exigem a vigência e as lojas participantes.",
        ],
    ),
    (
        "frente de caixa",
        "caixa",
        [
            "Registre as sangrias durante o dia e confira no fechamento.",
            "A impressora térmica precisa de papel e comunicação ativa.",
        ],
    ),
    (
        "certificado digital",
        "certificado",
        [
            "Verifique se o certificado A1 está válido e instalado no servidor.",
            "A senha do arquivo pfx é pedida na importação.",
        ],
    ),
    (
        "carta de correção",
        "CC-e",
        [
            "A carta de correção não altera valores nem impostos.",
            "Cada nota aceita várias cartas de correção, a última vale.",
        ],
    ),
    (
        "transferência entre filiais",
        "transferências",
        [
            "A transferência fica em trânsito até a entrada no destino.",
            "A nota de transferência usa o CFOP de saída entre filiais.",
        ],
    ),
    (
        "relatórios gerenciais",
        "relatórios",
        [
            "Os relatórios podem ser exportados em PDF ou planilha.",
            "Filtros de período e filial reduzem o tempo de emissão.",
        ],
    ),
    (
        "contas a pagar",
        "contas a pagar",
        [
            "Títulos vencidos aparecem no painel de pendências.",
            "O pagamento em lote gera o arquivo para o banco.",
        ],
    ),
    (
        "contas a receber",
        "contas a receber",
        [
            "A baixa por retorno bancário liquida os títulos pagos.",
            "Juros e multa são calculados na data do recebimento.",
        ],
    ),
    (
        "ponto eletrônico",
        "ponto",
        [
            "As marcações importadas do relógio alimentam o banco de horas.",
            "Ajustes de ponto precisam de justificativa do gestor.",
        ],
    ),
    (
        "benefícios dos funcionários",
        "benefícios",
        [
            "Vale-transporte e vale-refeição são descontados conforme a política.",
            "A adesão ao plano de saúde gera desconto na folha.",
        ],
    ),
    (
        "cadastro de produtos",
        "produtos",
        [
            "O NCM e o CEST do produto definem a tributação.",
            "Códigos de barras repetidos impedem a venda no caixa.",
        ],
    ),
    (
        "tabela de preços",
        "preços",
        [
            "A vigência da tabela define o preço no pedido de venda.",
            "Descontos acima do limite pedem liberação do supervisor.",
        ],
    ),
]
GENERIC = [
    "Acesse o menu da rotina e informe o período.",
    "Confira os parâmetros da filial antes de recalcular os valores.",
    "Depois da atualização do sistema, reprocesse os movimentos do mês.",
    "Gere o relatório de conferência e compare os totais.",
    "Se o problema continuar, abra um chamado com a mensagem de erro completa.",
    "Teste primeiro no ambiente de homologação.",
]
ACTIONS = [
    "Como emitir",
    "Como calcular",
    "Como configurar",
    "Como cancelar",
    "Erro ao gravar",
    "Erro ao transmitir",
    "Rejeição na",
    "Diferença na",
    "Lentidão na",
    "Como importar",
    "Como conferir",
    "Dúvidas sobre",
]
CONTEXTS = [
    "na filial",
    "após a atualização",
    "com contingência",
    "no fechamento do mês",
    "para funcionários afastados",
    "em lote",
    "pelo XML do fornecedor",
    "com várias alíquotas",
    "no ambiente de homologação",
    "",
    "",
]
SEARCHES = [
    "ferias",
    "calculo de ferias",
    "cálculos de férias com abono",
    "erro ao emitir nfe",
    "rejeição sefaz",
    "nota fiscal eletronica",
    "notas fiscais canceladas",
    "folha de pagamento",
    "fechamento da folha",
    "esocial eventos periodicos",
    "inventario estoque",
    "custo medio negativo",
    "pedidos de compra",
    "boletos bancarios retorno",
    "conciliacao bancaria",
    "apuração icms",
    "sped fiscal",
    "promoções pdv",
    "frente de caixa",
    "certificado digital vencido",
    "carta de correção",
    "transferencias entre filiais",
    "relatorios gerenciais",
    "rescisão de contrato",
]
SUMMARIES = [
    "erro ao emi",
    "erro ao emitir nota",
    "rejeição na transmissão da nf",
    "calculo de feri",
    "cálculo de férias com abono",
    "folha de pagamento não fecha",
    "diferença no icms",
    "estoque negativo custo",
    "boleto não registra",
    "certificado digital venc",
    "promoção não aplica no caixa",
    "lentidão no fechamento",
    "esocial rejeitou evento",
    "inventario com divergencia",
    "como importar xml do fornecedor",
    "nota de consumidor em contingencia",
    "rescisao de contrato",
    "transferencia entre filiais",
    "pedido de compra parado",
    "relatorio gerencial",
]


def catalogue() -> list[tuple[Product, list[Routine]]]:
    """The demo catalogue's products and routines (bench_portal.py's, or created here)."""
    lines = {slug: name for name, slug in seed_demo.PRODUCT_LINES}
    teams = dict(seed_demo.TEAMS)
    result = []
    for line_slug, product_name, team_slug, routines, _versions in seed_demo.CATALOGUE:
        line = ProductLine.objects.get_or_create(slug=line_slug, defaults={"name": lines[line_slug]})[0]
        team = Team.objects.get_or_create(slug=team_slug, defaults={"name": teams[team_slug]})[0]
        product = Product.objects.get_or_create(
            line=line, name=product_name, defaults={"default_team": team}
        )[0]
        rows = [Routine.objects.get_or_create(product=product, name=name)[0] for name, _team in routines]
        result.append((product, rows))
    return result


def seed_contact() -> User:
    company = Company.objects.create(
        legal_name="Cliente da Base Bench Ltda.",
        trade_name="Cliente da Base Bench",
        cnpj=bench.make_cnpj(48_000_001),
        state="SP",
        municipality="São Paulo",
    )
    user = User.objects.create(
        email=EMAIL,
        full_name="Contato Bench",
        role=User.Role.CONTACT,
        password=make_password(bench.PASSWORD),
        activated_at=timezone.now(),
    )
    Contact.objects.create(user=user, company=company, cpf=bench.make_cpf(480_000_001))
    return user


def article_rows(count: int, rng: random.Random, products: list[tuple[Product, list[Routine]]], start: int):
    kinds = [Article.Kind.FAQ, Article.Kind.HOWTO, Article.Kind.HOWTO, Article.Kind.KNOWN_ISSUE]
    now = timezone.now()
    for i in range(start, start + count):
        subject, short, own = SUBJECTS[rng.randrange(len(SUBJECTS))]
        title = " ".join(part for part in (rng.choice(ACTIONS), subject, rng.choice(CONTEXTS)) if part)
        product, routines = products[rng.randrange(len(products))] if rng.random() < 0.9 else (None, [])
        routine = routines[rng.randrange(len(routines))] if routines and rng.random() < 0.8 else None
        sentences = rng.sample(own, len(own)) + rng.sample(GENERIC, rng.randint(2, 4))
        steps = "\n".join(f"{n}. {sentence}" for n, sentence in enumerate(sentences, 1))
        summary = f"{title} ({short}): o que fazer e o que conferir."
        yield Article(
            kind=rng.choice(kinds),
            product=product,
            routine=routine,
            title=title,
            slug=f"artigo-{i}",
            summary=summary,
            body=f"## Passo a passo\n\n{steps}\n",
            body_text="Passo a passo\n" + "\n".join(sentences),
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=i),
            view_count=rng.randint(0, 5000),
        )


def seed_articles(count: int, rng: random.Random, products) -> float:
    started = time.perf_counter()
    batch = 5000
    existing = Article.objects.count()
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        Article.objects.bulk_create(article_rows(size, rng, products, existing + offset), batch_size=batch)
        if count >= 20_000 and (offset // batch) % 4 == 3:
            log(f"  {offset + size:,} articles")
    bench.analyze("knowledge_article")
    return time.perf_counter() - started


def measure(client: Client, urls: list[str], repeat: int) -> tuple[list[float], list[int], list[int]]:
    """Every URL `repeat` times after one warm-up: the timings, the queries and the status of each."""
    timings, queries, statuses = [], [], []
    for url in urls:
        client.get(url)
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured))
            statuses.append(response.status_code)
    return timings, queries, statuses


def found_rows(user: User, query: str) -> int:
    return selectors.articles_search(user, query).count()


def measure_selector(user: User, repeat: int) -> list[float]:
    """The search selector alone: the first page of 20 with its snippets, and its count."""
    timings = []
    for query in SEARCHES:
        for n in range(repeat + 1):
            started = time.perf_counter()
            rows = selectors.articles_search(user, query)
            page = list(rows[:20])
            rows.count()
            if n:  # the first is the warm-up
                timings.append((time.perf_counter() - started) * 1000)
            assert len(page) <= 20
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="published articles to insert")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per query")
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        log("error: set DATABASE_URL to a throw-away PostgreSQL database (scripts/bench.sh starts one)")
        return 2
    if User.objects.filter(email=EMAIL).exists():
        log("error: this database already holds this benchmark's data; use a throw-away database")
        return 2
    log(f"Knowledge base benchmark: options {vars(args)}")
    rng = random.Random(args.seed)
    products = catalogue()
    contact = seed_contact()
    seconds = seed_articles(args.articles, rng, products)
    log(f"seeded {args.articles:,} articles in {seconds:.1f} s ({Article.objects.count():,} in the table)")

    client = Client()
    client.force_login(contact)
    product = products[0][0]
    searches = ["/base/?" + urlencode({"q": q}) for q in SEARCHES]
    searches += ["/base/?" + urlencode({"q": "nota fiscal", "produto": product.pk})]
    suggestions = ["/base/sugestoes/?" + urlencode({"q": q, "produto": ""}) for q in SUMMARIES]

    section(f"Knowledge base search over {Article.objects.count():,} articles")
    timings, queries, statuses = measure(client, searches, args.repeat)
    for query in SEARCHES[:6]:
        log(f"  {query!r:<36} {found_rows(contact, query):>7,} articles found")
    search_median, search_p95 = statistics.median(timings), bench.percentile(timings, 95)
    log(
        f"search page: {len(searches)} queries x {args.repeat}: median {search_median:.1f} ms, "
        f"p95 {search_p95:.1f} ms, max {max(timings):.1f} ms; "
        f"queries per request {min(queries)}-{max(queries)}"
    )

    selector = measure_selector(contact, args.repeat)
    log(
        "search selector (first page of 20 with snippets + count): "
        f"median {statistics.median(selector):.1f} ms, "
        f"p95 {bench.percentile(selector, 95):.1f} ms"
    )

    section("Suggestions while typing (new-ticket page)")
    s_timings, s_queries, s_statuses = measure(client, suggestions, args.repeat)
    suggest_median, suggest_p95 = statistics.median(s_timings), bench.percentile(s_timings, 95)
    log(
        f"suggestions: {len(suggestions)} summaries x {args.repeat}: median {suggest_median:.1f} ms, "
        f"p95 {suggest_p95:.1f} ms; queries per request {min(s_queries)}-{max(s_queries)}"
    )

    section("Summary")
    log(f"search p95 {search_p95:.1f} ms (goal <= 50 ms): {'OK' if search_p95 <= 50 else 'OVER'}")
    log(
        f"suggestions median {suggest_median:.1f} ms (goal <= 30 ms): "
        f"{'OK' if suggest_median <= 30 else 'OVER'}"
    )
    failed = [status for status in statuses + s_statuses if status != 200]
    if failed:
        log(f"error: {len(failed)} requests did not answer 200")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
