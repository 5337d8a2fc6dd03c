"""Demo data of ombudsman, loaded by `manage.py seed_demo` (idempotent): a compliment already
answered and a complaint in analysis, each citing a demo ticket of its company; created once (by
its subject)."""

from __future__ import annotations

from accounts.models import User
from tickets.models import Ticket

from . import services
from .models import Case

TEAM = "julia.lider@suporte.example"


def _case(
    *, email: str, summary: str, kind: str, subject: str, description: str, moves: list[tuple[str, str]]
) -> None:
    if Case.objects.filter(subject=subject).exists():
        return
    client = User.objects.filter(email=email).first()
    ticket = Ticket.objects.filter(summary=summary).order_by("pk").first()
    team = User.objects.filter(email=TEAM).first()
    if client is None or ticket is None or team is None:
        return
    case = services.case_open(
        actor=client, kind=kind, ticket_numbers=[ticket.number], subject=subject, description=description
    )
    for status, text in moves:
        case = services.case_move(actor=team, case=case, to_status=status, answer=text)


def seed_demo() -> None:
    """Create the demo rows once; running it again changes nothing."""
    _case(
        email="ana.admin@horizonte.example",
        summary="Nota fiscal rejeitada na transmissão (539)",
        kind=Case.Kind.COMPLIMENT,
        subject="Atendimento rápido na rejeição da nota fiscal",
        description=(
            "Quero registrar um elogio à analista que nos atendeu: explicou a rejeição 539 com "
            "clareza e acompanhou até a nota ser autorizada."
        ),
        moves=[
            ("in_analysis", ""),
            (
                "answered",
                "Obrigada pelo retorno, Ana! Compartilhamos o elogio com a analista e com a equipe "
                "fiscal. Sua mensagem faz parte do nosso reconhecimento mensal.",
            ),
        ],
    )
    _case(
        email="elisa@valeverde.example",
        summary="Segunda via do boleto de outubro",
        kind=Case.Kind.COMPLAINT,
        subject="Demora para receber a segunda via do boleto",
        description=(
            "Pedi a segunda via do boleto e até agora não recebi. Precisamos dela para regularizar "
            "a pendência e liberar os downloads."
        ),
        moves=[("in_analysis", "Encaminhado ao Centro de Serviços para apurar o atraso.")],
    )
