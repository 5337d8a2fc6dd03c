"""The steps of a consultancy in the API: a leader approves or refuses; who may accept the term
accepts or declines it; staff schedule sessions, record time entries and finish; a leader corrects
an entry. Each looks its object up through the access rule first (404 for another company's, so a
403 never confirms that an id exists), then checks the role (403), reads the input (400) and calls
one service, whose refusals answer 400 (a rule), 403 (a right) or 409 (the status)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts import access
from accounts.models import User
from core.api import BAD_REQUEST
from core.http import client_address

from ... import services
from ...models import Consultancy
from ..serializers.consultancies import ConsultancyDetailSerializer
from ..serializers.inputs import (
    DeclineSerializer,
    EntryCorrectSerializer,
    EntryRecordSerializer,
    FinishSerializer,
    RefuseSerializer,
    SessionScheduleSerializer,
)
from .common import CONFLICT, ERRORS, TAG, WORK_TAG, consultancy_detail_response, read_input


def _action_schema(
    operation_id: str,
    request: type[serializers.Serializer] | None,
    description: str,
    *,
    tag: str = TAG,
    created: bool = False,
    subject: str = "consultancy",
):
    path_id = OpenApiParameter("id", int, OpenApiParameter.PATH, description=f"The {subject}'s id.")
    return extend_schema_view(
        post=extend_schema(
            tags=[tag],
            operation_id=operation_id,
            parameters=[path_id],
            request=request,
            responses={
                201 if created else 200: ConsultancyDetailSerializer,
                **BAD_REQUEST,
                **ERRORS,
                **CONFLICT,
            },
            description=description,
        )
    )


class ConsultancyActionView(APIView):
    """A step on one consultancy; the answer is its detail."""

    parser_classes = [JSONParser]
    input_serializer: type[serializers.Serializer] | None = None
    created = False

    def check_role(self, user: User, consultancy: Consultancy) -> None:
        """Who may take the step, checked before the input is read (the service checks it again)."""
        raise NotImplementedError

    def perform(self, request: Request, consultancy: Consultancy, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request, pk: int):
        consultancy = access.access_consultancy(request.user, pk)
        self.check_role(request.user, consultancy)
        self.perform(request, consultancy, read_input(self.input_serializer, request))
        return consultancy_detail_response(request, consultancy.pk, created=self.created)


class _LeaderDecision(ConsultancyActionView):
    def check_role(self, user, consultancy):
        access.require_leader(user)


class _TermAnswer(ConsultancyActionView):
    def check_role(self, user, consultancy):
        access.require_term_acceptor(user, consultancy)


class _StaffStep(ConsultancyActionView):
    def check_role(self, user, consultancy):
        access.require_staff(user)


@_action_schema(
    "consultancies_approve",
    None,
    "A leader approves: the term is rendered from the current template of its variant with today's "
    "rate and taxes, and sent to whoever may accept it.",
)
class ConsultancyApproveView(_LeaderDecision):
    def perform(self, request, consultancy, data):
        services.consultancy_approve(actor=request.user, consultancy=consultancy)


@_action_schema(
    "consultancies_refuse",
    RefuseSerializer,
    "A leader refuses with a reason; the ticket stays in standard support and the client is not told.",
)
class ConsultancyRefuseView(_LeaderDecision):
    input_serializer = RefuseSerializer

    def perform(self, request, consultancy, data):
        services.consultancy_refuse(actor=request.user, consultancy=consultancy, reason=data["reason"])


@_action_schema(
    "consultancies_accept",
    None,
    "Accept the term: only a contact holding the consultancy permission, or the partner consultant who "
    "asked for it (for on-site work, the paying unit's consultants). Who, when and from which address "
    "are recorded with the exact text; from then on the consultancy takes billable minutes.",
)
class ConsultancyAcceptView(_TermAnswer):
    def perform(self, request, consultancy, data):
        services.term_accept(
            actor=request.user, consultancy=consultancy, address=client_address(request._request)
        )


@_action_schema(
    "consultancies_decline",
    DeclineSerializer,
    "Decline the term with a reason (the same people who may accept it); the ticket returns to "
    "standard support.",
)
class ConsultancyDeclineView(_TermAnswer):
    input_serializer = DeclineSerializer

    def perform(self, request, consultancy, data):
        services.term_decline(actor=request.user, consultancy=consultancy, reason=data["reason"])


@_action_schema(
    "consultancies_sessions_create",
    SessionScheduleSerializer,
    "Staff schedule a session at the date agreed with the client, inside the consultancy calendar's "
    "working hours (400 otherwise). Only an accepted term takes sessions (409 before acceptance).",
    tag=WORK_TAG,
    created=True,
)
class ConsultancySessionsView(_StaffStep):
    input_serializer = SessionScheduleSerializer
    created = True

    def perform(self, request, consultancy, data):
        services.session_schedule(
            actor=request.user,
            consultancy=consultancy,
            scheduled_for=data["scheduled_for"],
            note=data["note"],
        )


@_action_schema(
    "consultancies_finish",
    FinishSerializer,
    "Staff finish an accepted consultancy with what it found: a product or documentation defect waives "
    "what the modality's rule waives, on every session.",
)
class ConsultancyFinishView(_StaffStep):
    input_serializer = FinishSerializer

    def perform(self, request, consultancy, data):
        services.consultancy_finish(actor=request.user, consultancy=consultancy, finding=data["finding"])


# --- Time entries: on a session, and a leader's correction of one entry -------------------------------------


@_action_schema(
    "consultancy_sessions_entries_create",
    EntryRecordSerializer,
    "Staff record what they did in a session, from when to when: whole minutes (end − start, rounded "
    "up), never overlapping another entry of the same analyst (400), only on an accepted term (409). "
    "The entry reaches the ticket's timeline and is e-mailed to the client. The answer is the "
    "consultancy.",
    tag=WORK_TAG,
    created=True,
    subject="session",
)
class SessionEntriesView(APIView):
    parser_classes = [JSONParser]

    def post(self, request, pk: int):
        session = access.access_session(request.user, pk)
        access.require_staff(request.user)
        data = read_input(EntryRecordSerializer, request)
        services.entry_record(
            actor=request.user,
            session=session,
            started_at=data["started_at"],
            ended_at=data["ended_at"],
            description=data["description"],
        )
        return consultancy_detail_response(request, session.consultancy_id, created=True)


@_action_schema(
    "consultancy_entries_correct",
    EntryCorrectSerializer,
    "A leader corrects an entry with a reason: the new values replace the old ones, which are kept "
    "with who corrected, when and why. The answer is the consultancy.",
    tag=WORK_TAG,
    subject="time entry",
)
class EntryCorrectView(APIView):
    parser_classes = [JSONParser]

    def post(self, request, pk: int):
        entry = access.access_time_entry(request.user, pk)
        access.require_leader(request.user)
        data = read_input(EntryCorrectSerializer, request)
        services.entry_correct(
            actor=request.user,
            entry=entry,
            started_at=data["started_at"],
            ended_at=data["ended_at"],
            description=data["description"],
            reason=data["reason"],
        )
        return consultancy_detail_response(request, entry.session.consultancy_id)
