"""Demo data of ideas, loaded by `manage.py seed_demo` (idempotent): suggestions over the demo
products in every status, with supports, proposed by contacts of both demo companies and by the
partner consultant; each created once (by its title)."""

from __future__ import annotations

from accounts.models import User
from tickets.models import Product

from . import services
from .models import Suggestion

S = Suggestion.Status
ANALYST = "helena.analista@suporte.example"
# proposer, product, title, description, [(status, reason)], supporters
SUGGESTIONS: list[tuple[str, str, str, str, list[tuple[str, str]], list[str]]] = [
    (
        "ana.admin@horizonte.example",
        "ERP Backoffice",
        "Exportar o relatório de faturamento em Excel",
        "Hoje o relatório de faturamento sai só em PDF. Precisamos exportá-lo em planilha para cruzar "
        "com o controle financeiro sem redigitar os valores.",
        [
            (S.IN_REVIEW, "A equipe de produto está avaliando o formato da planilha."),
            (S.PLANNED, "Previsto para a release 12.1.2610, com colunas iguais às do PDF."),
        ],
        ["bruno@horizonte.example", "carla@horizonte.example", "gabriel@parceiro.example"],
    ),
    (
        "bruno@horizonte.example",
        "Folha de Pagamento",
        "Aviso de férias vencendo no painel do RH",
        "Seria ótimo um aviso no painel quando um colaborador estiver com férias perto de vencer, "
        "para programarmos antes da dobra.",
        [(S.IN_REVIEW, "Em análise junto com o novo painel do RH.")],
        ["ana.admin@horizonte.example", "gabriel@parceiro.example"],
    ),
    (
        "gabriel@parceiro.example",
        "ERP Backoffice",
        "Consulta de estoque por lote e validade",
        "Clientes do setor de alimentos pedem a consulta do estoque filtrada por lote e data de "
        "validade, com destaque para os lotes que vencem no mês.",
        [],
        ["ana.admin@horizonte.example", "carla@horizonte.example"],
    ),
    (
        "carla@horizonte.example",
        "ERP Backoffice",
        "Campo de observação maior no pedido de compra",
        "O campo de observação do pedido de compra aceita poucos caracteres e corta as instruções "
        "de entrega que enviamos ao fornecedor.",
        [
            (S.IN_REVIEW, "Verificando o impacto na impressão do pedido."),
            (S.PLANNED, "Aumento para 2.000 caracteres aprovado."),
            (S.DELIVERED, "Entregue na release 12.1.2510: o campo aceita até 2.000 caracteres."),
        ],
        ["bruno@horizonte.example"],
    ),
    (
        "diego.admin@valeverde.example",
        "PDV Varejo",
        "Tema escuro na frente de caixa",
        "Nas lojas com pouca luz o tema claro cansa a vista dos operadores no fim do dia. Um tema "
        "escuro opcional ajudaria.",
        [
            (S.IN_REVIEW, "Avaliando a legibilidade nos monitores das lojas."),
            (
                S.DECLINED,
                "Os monitores homologados não garantem o contraste mínimo no tema escuro; "
                "vamos rever quando a nova linha de terminais for lançada.",
            ),
        ],
        ["elisa@valeverde.example"],
    ),
    (
        "elisa@valeverde.example",
        "PDV Varejo",
        "Promoção leve 3 pague 2 por categoria",
        "Hoje a promoção leve 3 pague 2 só vale por produto. Queremos montá-la para uma categoria "
        "inteira, como todos os sabonetes.",
        [],
        ["diego.admin@valeverde.example", "fabio@valeverde.example"],
    ),
]


def seed_demo() -> None:
    """Create the demo rows once; running it again changes nothing."""
    analyst = User.objects.filter(email=ANALYST).first()
    if analyst is None:
        return
    for proposer_email, product_name, title, description, moves, supporters in SUGGESTIONS:
        if Suggestion.objects.filter(title=title).exists():
            continue
        proposer = User.objects.filter(email=proposer_email).first()
        product = Product.objects.filter(name=product_name).first()
        if proposer is None or product is None:
            continue
        suggestion = services.suggestion_propose(
            actor=proposer, product=product, title=title, description=description
        )
        for email in supporters:
            supporter = User.objects.get(email=email)
            services.suggestion_support(actor=supporter, suggestion=suggestion)
        for status, reason in moves:
            suggestion = services.suggestion_move(
                actor=analyst, suggestion=suggestion, to_status=status, reason=reason
            )
