"""factory_boy factories shared by the suite."""

import itertools

import factory
from django.utils import timezone

from accounts.models import Company, Contact, PartnerConsultant, PartnerUnit, ProductLine, User
from accounts.validators import _mod11_digit

PASSWORD = "Senha-Forte-2026"

_cnpj_seq = itertools.count(10_000_000)
_cpf_seq = itertools.count(100_000_000)


def make_cnpj(base: int | None = None) -> str:
    base12 = f"{next(_cnpj_seq) if base is None else base:08d}0001"
    values = [int(c) for c in base12]
    first = _mod11_digit(values, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    second = _mod11_digit([*values, first], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    return f"{base12}{first}{second}"


def make_cpf(base: int | None = None) -> str:
    base9 = f"{next(_cpf_seq) if base is None else base:09d}"
    digits = [int(c) for c in base9]
    first = _mod11_digit(digits, list(range(10, 1, -1)))
    second = _mod11_digit([*digits, first], list(range(11, 1, -1)))
    return f"{base9}{first}{second}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name", locale="pt_BR")
    role = User.Role.CONTACT
    activated_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(PASSWORD)


class AnalystFactory(UserFactory):
    email = factory.Sequence(lambda n: f"analista{n}@suporte.example")
    role = User.Role.ANALYST
    is_staff = True


class LeaderFactory(AnalystFactory):
    email = factory.Sequence(lambda n: f"lider{n}@suporte.example")
    role = User.Role.LEADER


class ProductLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductLine
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Linha {n}")
    slug = factory.Sequence(lambda n: f"linha-{n}")


class PartnerUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerUnit

    name = factory.Sequence(lambda n: f"Unidade Parceira {n}")
    cnpj = factory.LazyFunction(make_cnpj)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    legal_name = factory.Sequence(lambda n: f"Empresa {n} Ltda.")
    trade_name = factory.Sequence(lambda n: f"Empresa {n}")
    cnpj = factory.LazyFunction(make_cnpj)
    state = "SP"
    municipality = "São Paulo"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    user = factory.SubFactory(UserFactory, role=User.Role.CONTACT)
    company = factory.SubFactory(CompanyFactory)
    cpf = factory.LazyFunction(make_cpf)
    can_open_tickets = True

    class Params:
        admin = factory.Trait(
            is_company_admin=True, can_see_company_tickets=True, can_authorize_consultancy=True
        )


class PartnerConsultantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerConsultant

    user = factory.SubFactory(UserFactory, role=User.Role.PARTNER)
    unit = factory.SubFactory(PartnerUnitFactory)


# --- Tickets -----------------------------------------------------------------------------------------


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Team"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Equipe {n}")
    slug = factory.Sequence(lambda n: f"equipe-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Product"

    line = factory.SubFactory(ProductLineFactory)
    name = factory.Sequence(lambda n: f"Produto {n}")
    default_team = factory.SubFactory(TeamFactory)


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Routine"

    product = factory.SubFactory(ProductFactory)
    name = factory.Sequence(lambda n: f"Rotina {n}")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.ProductVersion"

    product = factory.SubFactory(ProductFactory)
    name = factory.Sequence(lambda n: f"12.1.{n}")
