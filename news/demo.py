"""Demo data of news, loaded by `manage.py seed_demo` (idempotent): news and release news of the
demo products (one draft), the policy and procedure pages, the versions' lifecycle (one version no
longer supported, one ending soon) and tira-dúvidas events (three to come, one past)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from core.periods import SAO_PAULO, local_today
from tickets.models import Product, ProductVersion

from . import services
from .models import Event, NewsItem, Page, ProductLifecycle
from .models.lifecycle import add_months

# slug, title, summary, body, kind, product, version, days ago (None: draft)
NEWS = [
    (
        "erp-backoffice-12-1-2510",
        "ERP Backoffice 12.1.2510: o que há de novo",
        "Faturamento em lote mais rápido, novas validações da NF-e e melhorias no estoque.",
        "## Destaques do release\n\n"
        "- **Faturamento**: geração de notas em lote até 40% mais rápida.\n"
        "- **Livros fiscais**: novas validações da NF-e 4.0 (regras de rejeição 539 e 778).\n"
        "- **Estoque**: inventário rotativo com contagem por endereço.\n\n"
        "## Como atualizar\n\n"
        "1. Faça uma cópia da base de testes a partir da base de produção.\n"
        "2. Aplique o pacote no ambiente de testes e valide as rotinas usadas.\n"
        "3. Agende a atualização da produção.\n\n"
        "| Rotina | Mudança |\n|:--|:--|\n"
        "| Faturamento | Lote paralelo |\n| Compras | Aprovação por alçada |\n",
        "release",
        "ERP Backoffice",
        "12.1.2510",
        3,
    ),
    (
        "erp-backoffice-12-1-2410-fim-do-suporte",
        "ERP Backoffice 12.1.2410: suporte termina em breve",
        "Planeje a atualização para o release 12.1.2510 antes do fim do suporte da versão 12.1.2410.",
        "O suporte atende com base no **ambiente atualizado**. Depois da data final, chamados da versão "
        "12.1.2410 precisarão da atualização antes da análise.\n\n"
        "Consulte as datas na página *Ciclo de vida das versões*.",
        "release",
        "ERP Backoffice",
        "12.1.2410",
        8,
    ),
    (
        "folha-de-pagamento-12-1-2510",
        "Folha de Pagamento 12.1.2510: eSocial S-1.3 e férias em lote",
        "Leiautes S-1.3 do eSocial, programação de férias coletivas e cálculo de dissídio retroativo.",
        "## Novidades\n\n"
        "- Leiautes **S-1.3** do eSocial nos eventos S-1200, S-2200 e S-2299.\n"
        "- **Férias**: programação coletiva por departamento.\n"
        "- **Cálculo da folha**: dissídio retroativo com diferenças por competência.\n",
        "release",
        "Folha de Pagamento",
        "12.1.2510",
        5,
    ),
    (
        "pdv-varejo-4-0",
        "PDV Varejo 4.0: nova frente de caixa",
        "Frente de caixa redesenhada, PIX integrado e promoções leve 3 pague 2.",
        "## O que mudou\n\n"
        "- Nova tela da **frente de caixa**, pensada para telas sensíveis ao toque.\n"
        "- Pagamento por **PIX** com QR Code dinâmico.\n"
        "- **Promoções**: leve 3 pague 2 e desconto progressivo.\n\n"
        "A versão 3.8 não tem mais suporte: atualize para a 4.0.",
        "release",
        "PDV Varejo",
        "4.0",
        12,
    ),
    (
        "novo-portal-do-cliente",
        "Conheça o novo Portal do Cliente",
        "Abertura de chamados com sugestões da base de conhecimento, acompanhamento e extratos.",
        "O novo portal reúne em um só lugar:\n\n"
        "- abertura e acompanhamento de chamados, com a data da última interação;\n"
        "- a previsão de atendimento de cada chamado;\n"
        "- o extrato de chamados e da consultoria;\n"
        "- as novidades dos seus produtos e a agenda de tira-dúvidas.\n",
        "news",
        None,
        None,
        20,
    ),
    (
        "atendimento-nos-feriados-de-fim-de-ano",
        "Atendimento nos feriados de fim de ano",
        "Confira o calendário de atendimento em feriados e os plantões de dezembro e janeiro.",
        "Nos feriados nacionais os calendários que seguem feriados não atendem. Consulte o "
        "[calendário de atendimento em feriados](/feriados/) para os plantões de cada atendimento.",
        "news",
        None,
        None,
        1,
    ),
    (
        "dicas-para-abrir-um-chamado",
        "Dicas para um atendimento mais assertivo",
        "Envie na abertura do chamado todos os dados pertinentes: rotina, versão, ambiente, passos e logs.",
        "Quando você envia de uma só vez todas as informações, o suporte analisa sem precisar devolver o "
        "chamado com perguntas.\n\n"
        "1. Informe **produto, rotina, versão e ambiente**.\n"
        "2. Descreva o processo realizado e o comportamento questionado.\n"
        "3. Anexe o erro completo e, se possível, um vídeo.\n",
        "news",
        None,
        None,
        30,
    ),
    (
        "pdv-varejo-4-1-previa",
        "PDV Varejo 4.1 (prévia)",
        "Rascunho: novidades previstas para o próximo release do PDV.",
        "Em preparação.",
        "release",
        "PDV Varejo",
        None,
        None,
    ),
]

PAGES = [
    (
        "politica-de-atendimento",
        "Política de atendimento",
        "Canais, horários e o que o suporte padrão atende.",
        "## Canais\n\n- **Portal do Cliente**: abertura e acompanhamento de chamados.\n"
        "- **Chat**: conversa em tempo real que gera um chamado.\n- **Telefone**: identificação pelo CPF.\n\n"
        "## Horários\n\nAtendimento das 8h às 18h, de segunda a sexta-feira, horário de Brasília, exceto "
        "feriados. Consulte o calendário de atendimento em feriados.\n\n"
        "## Escopo\n\nO suporte padrão atua com base em ambiente **atualizado e padrão**. Situações fora "
        "do escopo podem ser tratadas pela consultoria técnica.",
        1,
    ),
    (
        "procedimentos-de-abertura-de-chamados",
        "Procedimentos de abertura de chamados",
        "Como gerar o chamado para um atendimento mais assertivo e efetivo.",
        "Para cada assunto, problema ou dúvida, abra **um chamado exclusivo**, de forma detalhada.\n\n"
        "1. Preencha **Produto, Rotina, Versão e Ambiente** corretamente: o chamado vai direto para a "
        "equipe certa.\n2. Descreva o processo realizado e o comportamento questionado.\n"
        "3. Envie o erro completo e, se possível, um vídeo dos passos.\n"
        "4. Garanta o acesso remoto ao ambiente durante o atendimento.\n\n"
        "Quando o suporte pedir dados, o chamado fica em *Pendência do cliente*: responda em até 7 dias "
        "úteis.",
        2,
    ),
    (
        "politica-de-privacidade",
        "Política de privacidade",
        "Como tratamos os dados pessoais dos contatos das empresas clientes.",
        "## Dados que coletamos\n\nNome, e-mail, CPF e telefone dos contatos, para identificar quem abre "
        "e acompanha os chamados.\n\n## Para que usamos\n\n- Atender e registrar os chamados.\n"
        "- Enviar os avisos de cada chamado e a pesquisa de satisfação.\n\n"
        "## Seus direitos\n\nO administrador da sua empresa mantém os contatos em dia; você pode pedir a "
        "correção ou a exclusão dos seus dados pelo portal.",
        3,
    ),
]

# product, version, released (months before today), supported until (months after today; None: no date)
LIFECYCLE = [
    ("ERP Backoffice", "12.1.2510", -2, 22, ""),
    ("ERP Backoffice", "12.1.2410", -14, 4, "Atualize para o release 12.1.2510."),
    ("Folha de Pagamento", "12.1.2510", -2, None, ""),
    ("PDV Varejo", "4.0", -6, 30, ""),
    ("PDV Varejo", "3.8", -30, -3, "Sem correções: atualize para a versão 4.0."),
]

# title, product, days from today, hour, minutes, description
EVENTS = [
    (
        "Tira-dúvidas: fechamento fiscal no ERP Backoffice",
        "ERP Backoffice",
        6,
        10,
        60,
        "Apuração de ICMS, livros fiscais e as novas validações da NF-e.",
    ),
    (
        "Tira-dúvidas: eSocial S-1.3 na Folha de Pagamento",
        "Folha de Pagamento",
        13,
        14,
        90,
        "Os novos leiautes, eventos periódicos e como conferir os retornos do eSocial.",
    ),
    (
        "Tira-dúvidas: promoções no PDV Varejo 4.0",
        "PDV Varejo",
        20,
        15,
        60,
        "Leve 3 pague 2, desconto progressivo e PIX na frente de caixa.",
    ),
    (
        "Tira-dúvidas: inventário rotativo",
        "ERP Backoffice",
        -9,
        10,
        60,
        "Contagem por endereço e ajustes de estoque.",
    ),
]


def _at(days: int, hour: int) -> datetime:
    day = local_today() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=SAO_PAULO)


def seed_demo() -> None:
    """Create the demo rows once; running it again changes nothing."""
    author = User.objects.filter(email="julia.lider@suporte.example").first()
    if author is None:
        return
    products = {product.name: product for product in Product.objects.all()}
    versions = {(v.product.name, v.name): v for v in ProductVersion.objects.select_related("product")}
    now = timezone.now()
    for slug, title, summary, body, kind, product, version_name, days in NEWS:
        if NewsItem.objects.filter(slug=slug).exists() or (product and product not in products):
            continue
        services.news_save(
            actor=author,
            item=NewsItem(
                slug=slug,
                title=title,
                summary=summary,
                body=body,
                kind=kind,
                product=products.get(product) if product else None,
                version=versions.get((product, version_name)) if product and version_name else None,
                status=NewsItem.Status.DRAFT if days is None else NewsItem.Status.PUBLISHED,
                published_at=None if days is None else now - timedelta(days=days),
            ),
        )
    for slug, title, summary, body, order in PAGES:
        if not Page.objects.filter(slug=slug).exists():
            services.page_save(
                actor=author,
                page=Page(slug=slug, title=title, summary=summary, body=body, order=order, is_published=True),
            )
    today = local_today()
    for product, name, released, until, notes in LIFECYCLE:
        version = versions.get((product, name))
        if version is None or ProductLifecycle.objects.filter(version=version).exists():
            continue
        services.lifecycle_save(
            actor=author,
            row=ProductLifecycle(
                version=version,
                released_on=add_months(today, released),
                supported_until=None if until is None else add_months(today, until),
                notes=notes,
            ),
        )
    for title, product, days, hour, minutes, description in EVENTS:
        if product not in products or Event.objects.filter(title=title).exists():
            continue
        services.event_save(
            actor=author,
            event=Event(
                title=title,
                product=products[product],
                starts_at=_at(days, hour),
                duration_minutes=minutes,
                online_url="https://reuniao.example/tira-duvidas",
                description=description,
            ),
        )
    bruno = User.objects.filter(email="bruno@horizonte.example").first()
    first = Event.objects.filter(title=EVENTS[0][0], starts_at__gt=timezone.now()).first()
    if bruno is not None and first is not None:
        services.event_interest_register(actor=bruno, event=first)
