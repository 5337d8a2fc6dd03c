"""Rules of companies and contacts through the services (ACC-1..7, TEN-1)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts import services
from accounts.models import Company, Contact, User
from core.errors import DomainError
from outbox.models import OutboxEmail
from tests.factories import ContactFactory, make_cpf

pytestmark = pytest.mark.django_db


def _activation_token(message) -> str:
    return re.search(r"/ativar/([^/\s]+)/", message.body).group(1)


def test_acc2_invitation_creates_contact_without_password_and_emails_a_one_time_link(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contact = services.contact_invite(
            actor=world.admin.user,
            company=world.company,
            email="Nova.Pessoa@Alfa.example",
            full_name="Nova Pessoa",
            cpf="529.982.247-25",
            can_see_company_tickets=True,
        )

    assert contact.user.email == "nova.pessoa@alfa.example"
    assert contact.user.role == User.Role.CONTACT
    assert not contact.user.has_usable_password()
    assert contact.cpf == "52998224725"
    assert contact.company == world.company
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nova.pessoa@alfa.example"]
    assert "Metalúrgica Alfa" in message.subject
    assert "/ativar/" in message.body
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT

    token = _activation_token(message)
    services.user_activate(token=token, password="Uma-Senha-Boa-9")
    contact.user.refresh_from_db()
    assert contact.user.check_password("Uma-Senha-Boa-9")
    assert contact.user.activated_at is not None
    # One-time: the same link no longer works.
    assert services.invitation_token_read(token) is None
    with pytest.raises(DomainError, match="inválido, já foi usado ou expirou"):
        services.user_activate(token=token, password="Outra-Senha-Boa-9")


def test_acc2_weak_password_is_refused_and_the_link_stays_valid(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_invite(
            actor=world.admin.user,
            company=world.company,
            email="x@alfa.example",
            full_name="X Y",
            cpf=make_cpf(),
        )
    token = _activation_token(mail.outbox[0])
    with pytest.raises(DomainError):
        services.user_activate(token=token, password="12345678")
    assert services.invitation_token_read(token) is not None


def test_acc2_resending_an_invitation_invalidates_the_previous_link(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contact = services.contact_invite(
            actor=world.admin.user,
            company=world.company,
            email="y@alfa.example",
            full_name="Y Z",
            cpf=make_cpf(),
        )
    first = _activation_token(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_resend_invitation(actor=world.admin.user, contact=contact)
    second = _activation_token(mail.outbox[1])
    assert services.invitation_token_read(first) is None
    assert services.invitation_token_read(second).pk == contact.user.pk


def test_acc2_expired_invitation_is_refused(world, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_invite(
            actor=world.admin.user,
            company=world.company,
            email="z@alfa.example",
            full_name="Z W",
            cpf=make_cpf(),
        )
    token = _activation_token(mail.outbox[0])
    later = timezone.now() + timedelta(days=settings.INVITATION_TIMEOUT_DAYS, minutes=1)
    with time_machine.travel(later):
        assert services.invitation_token_read(token) is None


def test_acc2_duplicate_email_and_cpf_are_refused_with_field_errors(world):
    with pytest.raises(DomainError) as error:
        services.contact_invite(
            actor=world.admin.user,
            company=world.company,
            email="CONTATO@alfa.example",
            full_name="Dup",
            cpf=make_cpf(),
        )
    assert error.value.field == "email"
    with pytest.raises(DomainError) as error:
        services.contact_invite(
            actor=world.admin.user,
            company=world.company,
            email="new@alfa.example",
            full_name="Dup",
            cpf=world.contact.cpf,
        )
    assert error.value.field == "cpf"
    assert not User.objects.filter(email="new@alfa.example").exists()


def test_acc1_only_an_administrator_of_the_same_company_may_invite(world):
    for actor in (world.contact.user, world.other_admin.user, world.partner):
        with pytest.raises(PermissionDenied):
            services.contact_invite(
                actor=actor, company=world.company, email="no@alfa.example", full_name="No", cpf=make_cpf()
            )
    assert not User.objects.filter(email="no@alfa.example").exists()


def test_acc3_permissions_are_changed_and_admins_always_see_company_tickets(world):
    services.contact_update(
        actor=world.admin.user,
        contact=world.contact,
        full_name="Novo Nome",
        phone="(11) 98888-7777",
        cpf=world.contact.cpf,
        can_open_tickets=False,
        can_see_company_tickets=True,
        can_authorize_consultancy=True,
    )
    world.contact.refresh_from_db()
    assert (world.contact.can_open_tickets, world.contact.can_see_company_tickets) == (False, True)
    assert world.contact.can_authorize_consultancy
    assert world.contact.user.full_name == "Novo Nome"

    services.contact_update(
        actor=world.admin.user,
        contact=world.admin,
        full_name=world.admin.user.full_name,
        phone="",
        cpf=world.admin.cpf,
        can_open_tickets=True,
        can_see_company_tickets=False,
        can_authorize_consultancy=True,
    )
    world.admin.refresh_from_db()
    assert world.admin.can_see_company_tickets


def test_acc1_the_last_active_administrator_cannot_be_demoted_or_deactivated(world):
    with pytest.raises(DomainError, match="pelo menos um administrador ativo"):
        services.contact_set_admin(actor=world.admin.user, contact=world.admin, is_admin=False)
    with pytest.raises(DomainError, match="último administrador ativo"):
        services.contact_deactivate(actor=world.analyst, contact=world.admin)
    world.admin.refresh_from_db()
    assert world.admin.is_company_admin and world.admin.user.is_active


def test_acc1_after_promoting_another_the_first_may_step_down(world):
    services.contact_set_admin(actor=world.admin.user, contact=world.contact, is_admin=True)
    services.contact_set_admin(actor=world.admin.user, contact=world.admin, is_admin=False)
    assert list(
        Contact.objects.filter(company=world.company, is_company_admin=True).values_list("pk", flat=True)
    ) == [world.contact.pk]


def test_acc1_an_inactive_administrator_does_not_count(world):
    second = ContactFactory(company=world.company, admin=True)
    services.contact_deactivate(actor=world.admin.user, contact=second)
    with pytest.raises(DomainError):
        services.contact_set_admin(actor=world.admin.user, contact=world.admin, is_admin=False)


def test_acc7_deactivation_blocks_login_and_keeps_the_contact(world):
    services.contact_deactivate(actor=world.admin.user, contact=world.contact)
    world.contact.refresh_from_db()
    assert not world.contact.user.is_active
    assert world.contact.company == world.company
    services.contact_reactivate(actor=world.admin.user, contact=world.contact)
    world.contact.refresh_from_db()
    assert world.contact.user.is_active


def test_acc1_registration_data_is_edited_by_the_administrator_only(world):
    services.company_update_registration(
        actor=world.admin.user, company=world.company, address="Rua Nova, 10", postal_code="01310-100"
    )
    world.company.refresh_from_db()
    assert (world.company.address, world.company.postal_code) == ("Rua Nova, 10", "01310100")
    with pytest.raises(PermissionDenied):
        services.company_update_registration(actor=world.contact.user, company=world.company, address="X")
    with pytest.raises(DomainError, match="não editáveis"):
        services.company_update_registration(
            actor=world.admin.user, company=world.company, cnpj="11222333000181"
        )


def test_acc6_only_staff_change_the_financial_status(world):
    with pytest.raises(PermissionDenied):
        services.company_set_financial_status(
            actor=world.admin.user, company=world.company, status="pendency"
        )


def test_ten1_company_create_registers_the_first_administrator(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        company = services.company_create(
            actor=world.analyst,
            admin_email="chefe@gama.example",
            admin_full_name="Chefe Gama",
            admin_cpf=make_cpf(),
            legal_name="Gama Ltda.",
            trade_name="Gama",
            cnpj="12.ABC.345/01DE-35",
            state="RJ",
            municipality="Rio de Janeiro",
        )
    assert company.cnpj == "12ABC34501DE35"
    admin = company.contacts.get()
    assert admin.is_company_admin and admin.user.email == "chefe@gama.example"
    assert mail.outbox[0].to == ["chefe@gama.example"]


def test_ten1_company_create_refuses_an_invalid_cnpj(world):
    with pytest.raises(DomainError, match="CNPJ inválido"):
        services.company_create(
            actor=world.analyst,
            admin_email="a@b.example",
            admin_full_name="A B",
            admin_cpf=make_cpf(),
            legal_name="X",
            trade_name="X",
            cnpj="11.222.333/0001-00",
            state="SP",
            municipality="São Paulo",
        )
    assert not Company.objects.filter(legal_name="X").exists()


def test_staff_and_partner_accounts_are_created_by_leaders_only(world, django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        services.staff_user_create(
            actor=world.analyst, email="n@suporte.example", full_name="N", role="analyst"
        )
    with django_capture_on_commit_callbacks(execute=True):
        analyst = services.staff_user_create(
            actor=world.leader, email="n@suporte.example", full_name="Nina", role="analyst"
        )
        consultant = services.partner_consultant_create(
            actor=world.leader, unit=world.company.partner_unit, email="p@parceiro.example", full_name="Paula"
        )
    assert analyst.is_staff and analyst.role == User.Role.ANALYST
    assert consultant.user.role == User.Role.PARTNER
    assert sorted(m.to[0] for m in mail.outbox) == ["n@suporte.example", "p@parceiro.example"]
