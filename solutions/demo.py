"""Demo data of solutions, loaded by `manage.py seed_demo` (idempotent).

The demo tickets of seed_demo are all still open, so this adds solved tickets of the two demo
companies through the tickets services (opened, a solution proposed by the analyst, accepted by
the client), with realistic problems whose texts name people, e-mails, CPFs and phones, then runs
the publishing job: the published texts show the anonymisation."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from tickets import services as ticket_services
from tickets.models import Product, Ticket

from .jobs import publish_accepted_solutions

MARK = "[demo-solução]"  # in the error message of the demo tickets: created once
H, V = "horizonte", "valeverde"
# (company key, requester, product, routine, summary, description, accepted solution)
SOLVED: list[tuple[str, str, str, str, str, str, str]] = [
    (
        H,
        "bruno",
        "Folha de Pagamento",
        "Férias",
        "Cálculo de férias com um dia a menos",
        "As férias do funcionário Marcos (CPF 529.982.247-25) saíram com 29 dias em vez de 30. "
        "Sou Bruno Lima, fone (11) 98765-4321.",
        "Bruno Lima, o período aquisitivo tinha uma falta injustificada lançada em duplicidade. Exclua o "
        "lançamento repetido em Faltas e recalcule as férias; o cálculo volta a considerar 30 dias.",
    ),
    (
        H,
        "ana.admin",
        "Folha de Pagamento",
        "Cálculo da folha",
        "Horas extras não aparecem na folha",
        "Lançamos as horas extras de outubro, mas o cálculo da folha não as considera. "
        "Contato: ana.admin@horizonte.example.",
        "A verba de horas extras estava sem incidência no período. Em Verbas, marque a incidência para a "
        "folha mensal e recalcule a folha; as horas extras passam a ser pagas.",
    ),
    (
        H,
        "carla",
        "Folha de Pagamento",
        "eSocial",
        "Evento S-1200 rejeitado no eSocial",
        "O envio do S-1200 retorna erro de CPF inválido para o trabalhador 39053344705.",
        "O CPF do trabalhador estava com um dígito trocado no cadastro. Corrija o CPF no cadastro do "
        "funcionário e reenvie o evento S-1200 pelo monitor do eSocial.",
    ),
    (
        H,
        "bruno",
        "Folha de Pagamento",
        "Férias",
        "Aviso de férias não gera o recibo",
        "Ao emitir o aviso de férias o sistema não gera o recibo de férias.",
        "Falta o modelo de recibo no cadastro de relatórios. Importe o modelo padrão de recibo de férias "
        "e vincule-o ao aviso; depois emita novamente.",
    ),
    (
        H,
        "ana.admin",
        "ERP Backoffice",
        "Livros fiscais",
        "Nota fiscal rejeitada com código 539",
        "A transmissão da nota fiscal 1234 da Metalúrgica Horizonte foi rejeitada: 539 duplicidade.",
        "A nota já tinha sido autorizada com outra chave. Consulte a situação da nota na SEFAZ, "
        "recupere o XML autorizado e não retransmita; o livro fiscal é atualizado pela consulta.",
    ),
    (
        H,
        "carla",
        "ERP Backoffice",
        "Livros fiscais",
        "Apuração de ICMS com valor divergente",
        "A apuração de ICMS do mês difere do livro de saídas. Falei com Helena Castro por telefone.",
        "Havia notas de saída canceladas ainda escrituradas. Reprocesse a escrituração fiscal do período "
        "e gere a apuração de ICMS novamente; os valores passam a coincidir com o livro.",
    ),
    (
        H,
        "bruno",
        "ERP Backoffice",
        "Estoque",
        "Saldo de estoque negativo após inventário",
        "Depois do inventário alguns produtos ficaram com saldo de estoque negativo.",
        "O inventário foi processado com movimentações posteriores à data de corte. Estorne o "
        "inventário, processe-o com a data correta e rode o recálculo do saldo de estoque.",
    ),
    (
        H,
        "ana.admin",
        "ERP Backoffice",
        "Estoque",
        "Custo médio zerado em produtos importados",
        "O custo médio dos produtos importados aparece zerado no relatório de estoque.",
        "As entradas de importação estavam sem o custo das despesas aduaneiras. Lance as despesas na "
        "nota de importação e execute o recálculo do custo médio do período.",
    ),
    (
        H,
        "carla",
        "ERP Backoffice",
        "Compras",
        "Pedido de compra não libera para aprovação",
        "O pedido de compra fica parado sem ir para o aprovador. E-mail do aprovador: "
        "roberto.compras@horizonte.example.",
        "O grupo de aprovação do centro de custo estava sem aprovador ativo. Inclua o aprovador no grupo "
        "de aprovação e reenvie o pedido de compra para aprovação.",
    ),
    (
        H,
        "bruno",
        "ERP Backoffice",
        "Faturamento",
        "Boleto gerado com vencimento errado",
        "Os boletos do faturamento saem com vencimento no dia seguinte em vez de 30 dias.",
        "A condição de pagamento do cliente estava como à vista. Ajuste a condição de pagamento para "
        "30 dias no cadastro do cliente e gere os boletos novamente pelo faturamento.",
    ),
    (
        H,
        "ana.admin",
        "ERP Backoffice",
        "Faturamento",
        "Nota fiscal de serviço sem retenção de ISS",
        "A nota fiscal de serviço não calcula a retenção de ISS para o tomador. CNPJ do tomador "
        "12.345.678/0001-95.",
        "O tomador não estava marcado como responsável pela retenção de ISS. Marque a retenção no "
        "cadastro do cliente e emita a nota fiscal de serviço novamente.",
    ),
    (
        H,
        "carla",
        "ERP Backoffice",
        "Faturamento",
        "Relatório de faturamento lento no fim do mês",
        "O relatório de faturamento demora mais de dez minutos para abrir no fechamento.",
        "As estatísticas do banco de dados estavam desatualizadas. Atualize as estatísticas das tabelas "
        "de faturamento e agende a rotina semanal de manutenção; o relatório abre em segundos.",
    ),
    (
        V,
        "elisa",
        "PDV Varejo",
        "Frente de caixa",
        "Cupom fiscal não imprime na frente de caixa",
        "A impressora do caixa 3 não imprime o cupom fiscal. Sou Elisa Prado, (31) 3222-1100.",
        "O driver da impressora estava configurado na porta errada. Em Periféricos, selecione a porta "
        "USB correta da impressora e reinicie a frente de caixa.",
    ),
    (
        V,
        "diego.admin",
        "PDV Varejo",
        "Promoções",
        "Promoção leve 3 pague 2 não aplica desconto",
        "A promoção leve 3 pague 2 não dá desconto no caixa. Diego Rocha, CPF 123.456.789-09.",
        "A promoção estava cadastrada só para a loja matriz. Inclua as demais lojas na promoção e "
        "envie a carga de promoções para os caixas.",
    ),
    (
        V,
        "fabio",
        "PDV Varejo",
        "Frente de caixa",
        "Caixa trava ao fechar o movimento",
        "Ao fechar o movimento do dia o caixa trava e precisa ser reiniciado.",
        "O movimento tinha vendas pendentes de envio à retaguarda. Envie as vendas pendentes pelo "
        "monitor de integração e feche o movimento novamente; o caixa não trava mais.",
    ),
    (
        V,
        "elisa",
        "PDV Varejo",
        "Promoções",
        "Preço promocional não volta ao normal",
        "Depois do fim da promoção os produtos continuam com o preço promocional no caixa.",
        "A carga de preços não foi enviada após o fim da vigência. Agende a carga automática de preços "
        "diária e envie uma carga manual agora; os preços voltam ao normal.",
    ),
]
ANALYST_OF = {
    "ERP Backoffice": "helena.analista",
    "Folha de Pagamento": "igor.analista",
    "PDV Varejo": "igor.analista",
}


def _email(key: str, name: str) -> str:
    return f"{name}@{key}.example" if "analista" not in name else f"{name}@suporte.example"


def _solve(index: int, spec: tuple[str, str, str, str, str, str, str], users: dict[str, User]) -> None:
    key, requester, product_name, routine_name, summary, description, solution = spec
    actor = users[_email(key, requester)]
    analyst = users[_email(key, ANALYST_OF[product_name])]
    product = Product.objects.get(name=product_name)
    opened = timezone.now() - timedelta(days=60 - index * 3, hours=5)
    ticket = ticket_services.ticket_open(
        actor=actor,
        company=actor.contact.company,
        product=product,
        routine=product.routines.get(name=routine_name),
        version=product.versions.order_by("-name")[0],
        environment="production",
        summary=summary,
        description=description,
        error_message=MARK,
        answers=ticket_services.SeverityAnswers(True, True, False, False),
        now=opened,
        # solved before the company's financial pendency began (the guard would refuse today)
        skip_financial_guard=True,
    )
    ticket_services.ticket_transition(
        actor=analyst, ticket=ticket, to_status="in_analysis", now=opened + timedelta(hours=1)
    )
    ticket_services.ticket_transition(
        actor=analyst,
        ticket=ticket,
        to_status="awaiting_validation",
        reason=solution,
        now=opened + timedelta(hours=20),
    )
    ticket_services.ticket_accept_solution(
        actor=actor, ticket=ticket, now=opened + timedelta(days=1, hours=2)
    )


def seed_demo() -> None:
    """Create the solved demo tickets once, then publish (the job changes nothing the second time)."""
    if not Ticket.objects.filter(error_message=MARK).exists():
        users = {user.email: user for user in User.objects.all()}
        if all(_email(spec[0], spec[1]) in users for spec in SOLVED):
            for index, spec in enumerate(SOLVED):
                _solve(index, spec, users)
    publish_accepted_solutions()
