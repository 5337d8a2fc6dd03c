"""The suggestion channel's services (SELF-5): proposing, the triage's moves with a reason and
their history, the e-mail to the proposer, supporting once and withdrawing."""

import pytest

from core.errors import ConflictError, DomainError, ForbiddenError
from ideas import services
from ideas.models import Suggestion, SuggestionStatusChange
from outbox.models import OutboxEmail

pytestmark = pytest.mark.django_db
S = Suggestion.Status


def test_self5_a_contact_proposes_for_a_product_of_the_company(world, ideas):
    suggestion = ideas.shared_suggestion
    assert suggestion.status == S.RECEIVED
    assert suggestion.company == world.company
    assert suggestion.proposer == world.contact.user
    assert suggestion.support_count == 0


def test_self5_a_product_the_company_does_not_use_is_refused(world, ideas):
    with pytest.raises(DomainError) as error:
        services.suggestion_propose(
            actor=world.contact.user, product=ideas.nobody, title="Tema escuro", description="No caixa."
        )
    assert error.value.field == "product"


def test_self5_a_partner_consultant_proposes_for_a_served_company_product(world, ideas):
    suggestion = services.suggestion_propose(
        actor=world.partner,
        product=ideas.alfa_only,
        title="Consulta por lote",
        description="Lote e validade.",
    )
    assert suggestion.company is None


@pytest.mark.parametrize("field", ["title", "description"])
def test_self5_title_and_description_are_needed(world, ideas, field):
    data = {"title": "Título", "description": "Descrição", field: "   "}
    with pytest.raises(DomainError) as error:
        services.suggestion_propose(actor=world.contact.user, product=ideas.shared, **data)
    assert error.value.field == field


def test_self5_staff_do_not_propose(world, ideas):
    with pytest.raises(ForbiddenError):
        services.suggestion_propose(actor=world.analyst, product=ideas.shared, title="T", description="D")


def _move(world, suggestion, status, reason="Motivo da equipe."):
    return services.suggestion_move(
        actor=world.analyst, suggestion=suggestion, to_status=status, reason=reason
    )


def test_self5_the_triage_goes_received_review_planned_delivered_with_history(
    world, ideas, django_capture_on_commit_callbacks
):
    suggestion = ideas.shared_suggestion
    for status in (S.IN_REVIEW, S.PLANNED, S.DELIVERED):
        suggestion = _move(world, suggestion, status, f"Agora {status}.")
    assert suggestion.status == S.DELIVERED
    assert suggestion.status_reason == "Agora delivered."
    history = list(
        SuggestionStatusChange.objects.filter(suggestion=suggestion).values_list("from_status", "to_status")
    )
    assert history == [(S.RECEIVED, S.IN_REVIEW), (S.IN_REVIEW, S.PLANNED), (S.PLANNED, S.DELIVERED)]


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], S.PLANNED),
        ([], S.DELIVERED),
        ([S.IN_REVIEW], S.DELIVERED),
        ([S.IN_REVIEW], S.RECEIVED),
        ([S.IN_REVIEW, S.DECLINED], S.IN_REVIEW),
        ([S.IN_REVIEW, S.DECLINED], S.PLANNED),
        ([S.IN_REVIEW, S.PLANNED, S.DELIVERED], S.DECLINED),
        ([S.IN_REVIEW, S.PLANNED], S.IN_REVIEW),
    ],
)
def test_self5_moves_outside_the_triage_are_refused(world, ideas, path, refused):
    suggestion = ideas.shared_suggestion
    for status in path:
        suggestion = _move(world, suggestion, status)
    with pytest.raises(ConflictError):
        _move(world, suggestion, refused)
    assert Suggestion.objects.get(pk=suggestion.pk).status == (path[-1] if path else S.RECEIVED)


def test_self5_every_change_needs_a_reason(world, ideas):
    with pytest.raises(DomainError) as error:
        _move(world, ideas.shared_suggestion, S.IN_REVIEW, reason="  ")
    assert error.value.field == "reason"
    assert not SuggestionStatusChange.objects.exists()


def test_self5_only_staff_move(world, ideas):
    with pytest.raises(ForbiddenError):
        services.suggestion_move(
            actor=world.admin.user, suggestion=ideas.shared_suggestion, to_status=S.IN_REVIEW, reason="Eu"
        )


def test_self5_the_proposer_is_told_by_email_on_every_change(
    world, ideas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        _move(world, ideas.shared_suggestion, S.IN_REVIEW, "Avaliando o formato.")
        _move(world, ideas.shared_suggestion, S.DECLINED, "Fora do escopo do produto.")
    emails = list(OutboxEmail.objects.filter(template="ideas/status_changed").order_by("pk"))
    assert [email.to for email in emails] == [["contato@alfa.example"]] * 2
    assert "Em análise" in emails[0].subject
    assert "Fora do escopo do produto." in emails[1].body_text
    assert "/sugestoes/" in emails[1].body_text


def test_self5_a_client_supports_once_and_withdraws(world, ideas):
    suggestion = services.suggestion_support(actor=world.other_admin.user, suggestion=ideas.shared_suggestion)
    assert suggestion.support_count == 1
    with pytest.raises(ConflictError):
        services.suggestion_support(actor=world.other_admin.user, suggestion=ideas.shared_suggestion)
    assert Suggestion.objects.get(pk=suggestion.pk).support_count == 1
    suggestion = services.suggestion_support(actor=world.admin.user, suggestion=ideas.shared_suggestion)
    assert suggestion.support_count == 2
    suggestion = services.suggestion_withdraw(
        actor=world.other_admin.user, suggestion=ideas.shared_suggestion
    )
    assert suggestion.support_count == 1
    with pytest.raises(ConflictError):
        services.suggestion_withdraw(actor=world.other_admin.user, suggestion=ideas.shared_suggestion)
    assert Suggestion.objects.get(pk=suggestion.pk).support_count == 1


def test_self5_the_proposer_does_not_support_their_own(world, ideas):
    with pytest.raises(ConflictError):
        services.suggestion_support(actor=world.contact.user, suggestion=ideas.shared_suggestion)


def test_self5_a_final_suggestion_takes_no_more_support(world, ideas):
    suggestion = _move(world, ideas.shared_suggestion, S.IN_REVIEW)
    suggestion = _move(world, suggestion, S.DECLINED)
    with pytest.raises(ConflictError):
        services.suggestion_support(actor=world.admin.user, suggestion=suggestion)


def test_self5_staff_do_not_support(world, ideas):
    with pytest.raises(ForbiddenError):
        services.suggestion_support(actor=world.analyst, suggestion=ideas.shared_suggestion)
