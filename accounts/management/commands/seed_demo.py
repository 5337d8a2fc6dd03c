"""Demo data for `make run`: idempotent, prints every login.

Three client companies in different states (UF and financial situation; one retail), each with an
administrator and two contacts; a partner unit whose consultant serves one of them; two
analysts and a leader; tickets in several states, and a ticket in each consultancy state.
Running it again changes nothing but resetting the demo passwords, so the printed logins always
work.
"""

import os
from typing import cast

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Company, Contact, PartnerConsultant, PartnerUnit, ProductLine, User
from chat.demo import seed_demo as seed_demo_chat
from consultoria.demo import seed_demo_consultancies
from downloads.demo import seed_demo as seed_demo_downloads
from ideas.demo import seed_demo as seed_demo_ideas
from inbox.demo import seed_demo as seed_demo_inbox
from knowledge.demo import seed_demo as seed_demo_knowledge
from news.demo import seed_demo as seed_demo_news
from ombudsman.demo import seed_demo as seed_demo_ombudsman
from solutions.demo import seed_demo as seed_demo_solutions

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "Portal#Demo2026")
# The staff's authenticator app (the back-office asks for its code): one known key for the demo.
DEMO_TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET", "PORTALDEMOBACKOFFICETOTP")

PRODUCT_LINES = [
    ("ERP Backoffice", "erp"),
    ("Gestão de Pessoas (RH)", "rh"),
    ("Varejo", "varejo"),
]

COMPANIES = [
    {
        "cnpj": "11222333000181",
        "legal_name": "Metalúrgica Horizonte Ltda.",
        "trade_name": "Metalúrgica Horizonte",
        "state": "SP",
        "municipality": "São Paulo",
        "address": "Av. Paulista, 1000, Bela Vista",
        "postal_code": "01310100",
        "phone": "(11) 3333-4444",
        "support_offer": Company.SupportOffer.PRIME,
        "financial_status": Company.FinancialStatus.REGULAR,
        "lines": ["erp", "rh"],
        "partner": True,
        "people": [
            ("ana.admin@horizonte.example", "Ana Souza", "52998224725", "admin"),
            ("bruno@horizonte.example", "Bruno Lima", "11144477735", "all"),
            ("carla@horizonte.example", "Carla Mendes", "39053344705", "own"),
        ],
    },
    {
        "cnpj": "44555666000181",
        "legal_name": "Comercial Vale Verde S.A.",
        "trade_name": "Vale Verde Comércio",
        "state": "MG",
        "municipality": "Belo Horizonte",
        "address": "Rua da Bahia, 500, Centro",
        "postal_code": "30160011",
        "phone": "(31) 3222-1100",
        "support_offer": Company.SupportOffer.STANDARD,
        "financial_status": Company.FinancialStatus.PENDENCY,
        "financial_note": "Boleto de outubro em aberto. Regularize com o Centro de Serviços (CST).",
        "lines": ["varejo"],
        "partner": False,
        "people": [
            ("diego.admin@valeverde.example", "Diego Rocha", "12345678909", "admin"),
            ("elisa@valeverde.example", "Elisa Prado", "98765432100", "all"),
            ("fabio@valeverde.example", "Fábio Nunes", "24681357928", "own"),
        ],
    },
    {
        # ACP-5: a regular retail client, so the retail line's window (5 business days) can be tried.
        "cnpj": "55667788000186",
        "legal_name": "Supermercados Bom Preço Ltda.",
        "trade_name": "Bom Preço Supermercados",
        "state": "RS",
        "municipality": "Porto Alegre",
        "address": "Av. Ipiranga, 1200, Azenha",
        "postal_code": "90160093",
        "phone": "(51) 3211-5500",
        "support_offer": Company.SupportOffer.STANDARD,
        "financial_status": Company.FinancialStatus.REGULAR,
        "lines": ["varejo"],
        "partner": False,
        "people": [
            ("marina.admin@bompreco.example", "Marina Costa", "32165498791", "admin"),
            ("otavio@bompreco.example", "Otávio Reis", "74185296355", "all"),
            ("paula@bompreco.example", "Paula Freitas", "36925814755", "own"),
        ],
    },
]

PARTNER_UNIT = {"cnpj": "77888999000181", "name": "Unidade Parceira Campinas", "kind": PartnerUnit.Kind.UNIT}
PARTNER_CONSULTANT = ("gabriel@parceiro.example", "Gabriel Torres", "13579246828")
STAFF = [
    ("helena.analista@suporte.example", "Helena Castro", User.Role.ANALYST),
    ("igor.analista@suporte.example", "Igor Batista", User.Role.ANALYST),
    ("julia.lider@suporte.example", "Júlia Andrade", User.Role.LEADER),
]


TEAMS = [
    ("backoffice", "Backoffice"),
    ("fiscal", "Fiscal e tributário"),
    ("rh", "RH e folha"),
    ("varejo", "Varejo"),
    ("manutencao", "Manutenção de produto"),
]
TEAM_MEMBERS = {
    "helena.analista@suporte.example": ["backoffice", "fiscal"],
    "igor.analista@suporte.example": ["rh", "varejo", "manutencao"],
    "julia.lider@suporte.example": ["backoffice", "fiscal", "rh", "varejo", "manutencao"],
}
# (product line, product, team, [(routine, its own team or None)], versions)
CATALOGUE: list[tuple[str, str, str, list[tuple[str, str | None]], list[str]]] = [
    (
        "erp",
        "ERP Backoffice",
        "backoffice",
        [("Faturamento", None), ("Compras", None), ("Estoque", None), ("Livros fiscais", "fiscal")],
        ["12.1.2410", "12.1.2510"],
    ),
    (
        "rh",
        "Folha de Pagamento",
        "rh",
        [("Cálculo da folha", None), ("Férias", None), ("eSocial", None)],
        ["12.1.2510"],
    ),
    ("varejo", "PDV Varejo", "varejo", [("Frente de caixa", None), ("Promoções", None)], ["3.8", "4.0"]),
]
# requester, product, routine, kind, summary, (unusable, workaround, corruption, cosmetic), opened hours ago,
# [(hours after opening, status, reason)]
DEMO_TICKETS = [
    (
        "ana.admin@horizonte.example",
        "ERP Backoffice",
        "Livros fiscais",
        "technical",
        "Nota fiscal rejeitada na transmissão (539)",
        (True, False, False, False),
        30,
        [(2, "in_analysis", ""), (4, "pending_client", "Envie o XML da nota rejeitada, por favor.")],
    ),
    (
        "bruno@horizonte.example",
        "Folha de Pagamento",
        "Férias",
        "technical",
        "Cálculo de férias com um dia a menos",
        (True, True, False, False),
        6,
        [(1, "in_analysis", "")],
    ),
    (
        "carla@horizonte.example",
        "ERP Backoffice",
        "Estoque",
        "technical",
        "Texto cortado no relatório de estoque",
        (False, False, False, True),
        2,
        [],
    ),
    (
        "elisa@valeverde.example",
        "",  # administrative and financial tickets name a subject of the CST, not a product
        "boleto",
        "financial",
        "Segunda via do boleto de outubro",
        (False, False, False, False),
        20,
        [(3, "in_analysis", "")],
    ),
    (
        # ACP-5: a retail ticket waiting for validation, in the retail window of 5 business days.
        "otavio@bompreco.example",
        "PDV Varejo",
        "Frente de caixa",
        "technical",
        "Cupom fiscal sai sem o CPF do cliente",
        (False, True, False, False),
        10,
        [
            (1, "in_analysis", ""),
            (3, "awaiting_validation", "Ative o parâmetro MV_CPFCUPOM e reinicie o PDV."),
        ],
    ),
]


class Command(BaseCommand):
    help = "Load the demo companies, contacts, partner and staff (idempotent) and print their logins."

    def _catalogue_and_tickets(self, lines) -> None:
        """Teams, products, routines and versions; a few tickets in different states (first run only)."""
        from datetime import timedelta

        from tickets import services as ticket_services
        from tickets.models import Product, ProductVersion, Routine, Team, Ticket

        teams: dict[str | None, Team] = {}  # .get(None): a routine without its own team
        for slug, name in TEAMS:
            teams[slug], _ = Team.objects.get_or_create(slug=slug, defaults={"name": name})
        analysts = {u.email: u for u in User.objects.filter(email__in=[e for e, _n, _r in STAFF])}
        for email, team_slugs in TEAM_MEMBERS.items():
            for slug in team_slugs:
                teams[slug].members.add(analysts[email])
        for line_slug, product_name, team_slug, routines, versions in CATALOGUE:
            product, _ = Product.objects.get_or_create(
                line=lines[line_slug], name=product_name, defaults={"default_team": teams[team_slug]}
            )
            for routine_name, routine_team in routines:
                Routine.objects.get_or_create(
                    product=product, name=routine_name, defaults={"team": teams.get(routine_team)}
                )
            for version in versions:
                ProductVersion.objects.get_or_create(product=product, name=version)

        # SLA-8: the Prime company's contract, with shorter targets than the standard table.
        from sla.models import Calendar, PrimeContract, PrimeTarget

        prime_company = Company.objects.get(cnpj=COMPANIES[0]["cnpj"])
        contract, _ = PrimeContract.objects.get_or_create(
            company=prime_company,
            defaults={
                "calendar": Calendar.objects.get(slug="prime"),
                "starts_on": timezone.localdate().replace(month=1, day=1),
            },
        )
        for severity, hours, days in (
            ("critical", 6, 3),
            ("high", 12, 7),
            ("medium", 24, 20),
            ("low", 32, 30),
        ):
            PrimeTarget.objects.get_or_create(
                contract=contract,
                severity=severity,
                defaults={"response_hours": hours, "maintenance_days": days},
            )

        if Ticket.objects.exists():
            return
        now = timezone.now()
        for email, product_name, routine_name, kind, summary, answers, age_hours, steps in DEMO_TICKETS:
            requester = User.objects.get(email=email)
            if not product_name:
                catalogue: dict = {"subject": routine_name}
            else:
                product = Product.objects.get(name=product_name)
                catalogue = {
                    "product": product,
                    "routine": product.routines.get(name=routine_name),
                    "version": cast(ProductVersion, product.versions.order_by("-name").first()),
                    "environment": "production",
                }
            ticket = ticket_services.ticket_open(
                actor=requester,
                company=requester.contact.company,
                **catalogue,
                kind=kind,
                summary=summary,
                description=f"{summary}. Passos: abrir a rotina, preencher os dados e confirmar.",
                error_message="",
                answers=ticket_services.SeverityAnswers(*answers),
                now=now - timedelta(hours=age_hours),
            )
            helena = analysts["helena.analista@suporte.example"]
            for offset, to_status, reason in steps:
                ticket_services.ticket_transition(
                    actor=helena,
                    ticket=ticket,
                    to_status=to_status,
                    reason=reason,
                    now=now - timedelta(hours=age_hours - offset),
                )

    def _user(self, email: str, full_name: str, role: str, *, is_staff: bool = False) -> User:
        user, _created = User.objects.get_or_create(
            email=email, defaults={"full_name": full_name, "role": role, "is_staff": is_staff}
        )
        user.full_name, user.role, user.is_staff, user.is_active = full_name, role, is_staff, True
        user.activated_at = user.activated_at or timezone.now()
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    @transaction.atomic
    def handle(self, *args, **options):
        lines = {}
        for name, slug in PRODUCT_LINES:
            lines[slug], _ = ProductLine.objects.get_or_create(slug=slug, defaults={"name": name})

        unit, _ = PartnerUnit.objects.update_or_create(cnpj=PARTNER_UNIT["cnpj"], defaults=PARTNER_UNIT)
        logins: list[tuple[str, str, str]] = []

        for spec in COMPANIES:
            data = {k: v for k, v in spec.items() if k not in ("lines", "partner", "people")}
            data.setdefault("financial_note", "")
            data["partner_unit"] = unit if spec["partner"] else None
            company, _ = Company.objects.update_or_create(cnpj=spec["cnpj"], defaults=data)
            company.product_lines.set([lines[slug] for slug in spec["lines"]])
            for email, name, cpf, kind in spec["people"]:
                user = self._user(email, name, User.Role.CONTACT)
                Contact.objects.update_or_create(
                    user=user,
                    defaults={
                        "company": company,
                        "cpf": cpf,
                        "can_open_tickets": True,
                        "can_see_company_tickets": kind in ("admin", "all"),
                        "can_authorize_consultancy": kind == "admin",
                        "is_company_admin": kind == "admin",
                    },
                )
                role = {"admin": "administrador", "all": "contato (vê todos)", "own": "contato (só os seus)"}[
                    kind
                ]
                logins.append((email, f"{role}, {company.trade_name}", ""))

        email, name, cpf = PARTNER_CONSULTANT
        user = self._user(email, name, User.Role.PARTNER)
        PartnerConsultant.objects.update_or_create(user=user, defaults={"unit": unit, "cpf": cpf})
        served = ", ".join(unit.companies.values_list("trade_name", flat=True))
        logins.append((email, f"consultor de {unit.name} (atende {served})", ""))

        for email, name, role in STAFF:
            _demo_authenticator(self._user(email, name, role, is_staff=True))
            logins.append((email, "líder" if role == User.Role.LEADER else "analista", ""))

        self._catalogue_and_tickets(lines)
        seed_demo_consultancies()  # one ticket in each consultancy state (first run only)
        seed_demo_knowledge()
        seed_demo_solutions()
        seed_demo_news()
        seed_demo_ideas()
        seed_demo_ombudsman()
        seed_demo_downloads()
        seed_demo_inbox()
        seed_demo_chat()

        self.stdout.write(
            self.style.SUCCESS("Dados de demonstração prontos. Logins (senha de todos abaixo):")
        )
        width = max(len(login[0]) for login in logins)
        for email, description, _ in logins:
            self.stdout.write(f"  {email.ljust(width)}  {description}")
        self.stdout.write(f"  Senha de todos: {DEMO_PASSWORD}")
        self.stdout.write(
            f"  Equipe (back-office): verificação em duas etapas com a chave {DEMO_TOTP_SECRET} num "
            "aplicativo autenticador, ou o código atual com `manage.py demo_totp_code <e-mail>`"
        )


def _demo_authenticator(user: User) -> None:
    """The demo staff's authenticator app, on the known demo key (kept as is when already there)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
