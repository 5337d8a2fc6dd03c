"""REST API v1 of tickets (API-1): what a client and an analyst do in the browser, same rules.

Every read goes through tickets/selectors.py (TEN-2: another company's ticket or attachment is a
404, exactly like a missing one, and it is looked up *before* any role check so a 403 never
confirms that a number exists); every write goes through tickets/services.py, whose
`DomainError`s core.api.exception_handler turns into 400/409.

Uploads: `POST /tickets/` and `POST /tickets/{number}/messages/` take JSON, or multipart with
one or more `files`; `POST /tickets/{number}/attachments/` is multipart only and posts the files
as a message of the timeline (its `body` defaults to the list of file names).
"""

from __future__ import annotations

from pathlib import PurePath

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import access
from accounts.api import IsAnalyst
from accounts.models import User
from core.api import BAD_REQUEST, CONFLICT, ERROR_RESPONSES, NOT_FOUND, PAGE_NOT_FOUND, Pagination

from . import deadlines, selectors, services
from .downloads import attachment_for_download, attachment_response
from .models import ProductVersion, Routine, Team, Ticket
from .serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    CompanySerializer,
    MessageCreateSerializer,
    MessageCreateUploadSerializer,
    MessagePostedSerializer,
    MessageSerializer,
    ProductFilterSerializer,
    ProductSerializer,
    TeamSerializer,
    TicketAssignSerializer,
    TicketCreateSerializer,
    TicketCreateUploadSerializer,
    TicketDetailSerializer,
    TicketFilterSerializer,
    TicketListSerializer,
    TicketReclassifySerializer,
    TicketTransferSerializer,
    TicketTransitionSerializer,
)

NUMBER = OpenApiParameter(
    "number",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[0-9]{8}$",
    description="The ticket's 8-digit number (TKT-4).",
)
TICKET_ERRORS = {**ERROR_RESPONSES, **NOT_FOUND}


def ticket_detail_response(request, ticket: Ticket, *, status_code: int = status.HTTP_200_OK) -> Response:
    """The ticket with its SLA computed now (SLA-1, SLA-5)."""
    context = {"request": request, "sla": deadlines.ticket_sla(ticket)}
    return Response(TicketDetailSerializer(ticket, context=context).data, status=status_code)


def message_posted_response(request, message) -> Response:
    """201 with the message; a client's reply to a closed ticket opened a follow-up (TKT-9),
    whose address is then the Location."""
    response = Response(
        MessagePostedSerializer(message, context={"request": request}).data, status=status.HTTP_201_CREATED
    )
    if message.pk is None:
        response["Location"] = reverse("api-ticket-detail", kwargs={"number": message.ticket.number})
    return response


def visible_attachments(user: User, ticket: Ticket):
    """The ticket's files the user may see (TKT-7, TKT-10)."""
    return access.attachments_visible_to(user, ticket).select_related("message").order_by("created_at", "pk")


# --- Tickets ----------------------------------------------------------------------------------------------


class TicketListView(GenericAPIView):
    """The ticket list (TEN-2, TEN-3, ACC-3) and opening a ticket (TKT-2)."""

    pagination_class = Pagination
    parser_classes = [JSONParser, MultiPartParser]
    serializer_class = TicketListSerializer

    @extend_schema(
        tags=["tickets"],
        operation_id="tickets_list",
        parameters=[TicketFilterSerializer],
        description=(
            "The tickets the user may see, most recent first: a contact's own (or the company's with "
            "\"see all company tickets\"), a partner's served companies', every ticket for analysts. "
            "`sla` holds the stored deadlines; the detail computes them to the second."
        ),
        responses={200: TicketListSerializer(many=True), **BAD_REQUEST, **ERROR_RESPONSES, **PAGE_NOT_FOUND},
    )
    def get(self, request):
        filters = TicketFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.tickets_list(request.user, **filters.to_selector_kwargs())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(
            TicketListSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        tags=["tickets"],
        operation_id="tickets_create",
        request={
            "application/json": TicketCreateSerializer,
            "multipart/form-data": TicketCreateUploadSerializer,
        },
        responses={201: TicketDetailSerializer, **BAD_REQUEST, **ERROR_RESPONSES},
        description=(
            "Open a ticket (TKT-2) in the name of the logged-in contact, or of a partner consultant "
            "for a company their unit serves (`company` required then). Severity comes from the four "
            "answers (SEV-1); the response has the forecast deadlines (SLA-1). Refused rules (ACC-4, "
            "ACC-6, catalogue) answer 400 with `detail`, `code` and `field`; analysts get 403."
        ),
    )
    def post(self, request):
        serializer = TicketCreateUploadSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ticket = services.ticket_open(
            actor=request.user,
            company=data["company"],
            product=data["product"],
            routine=data["routine"],
            version=data["version"],
            environment=data["environment"],
            environment_details=data["environment_details"],
            kind=data["kind"],
            modality=data["modality"],
            summary=data["summary"],
            description=data["description"],
            error_message=data["error_message"],
            particularities=data["particularities"],
            answers=services.SeverityAnswers(
                function_unusable=data["function_unusable"],
                has_workaround=data["has_workaround"],
                data_corruption=data["data_corruption"],
                cosmetic=data["cosmetic"],
            ),
            files=data["files"],
        )
        response = ticket_detail_response(
            request, access.access_ticket(request.user, ticket.number), status_code=status.HTTP_201_CREATED
        )
        response["Location"] = reverse("api-ticket-detail", kwargs={"number": ticket.number})
        return response


class TicketDetailView(APIView):
    @extend_schema(
        tags=["tickets"],
        operation_id="tickets_retrieve",
        parameters=[NUMBER],
        responses={200: TicketDetailSerializer, **TICKET_ERRORS},
        description="One ticket with its SLA computed now. Another company's number is a 404 (TEN-2).",
    )
    def get(self, request, number: str):
        return ticket_detail_response(request, access.access_ticket(request.user, number))


class TicketMessagesView(GenericAPIView):
    """The ticket's timeline (TKT-7): clients never see internal notes."""

    pagination_class = Pagination
    parser_classes = [JSONParser, MultiPartParser]
    serializer_class = MessageSerializer

    @extend_schema(
        tags=["messages"],
        operation_id="tickets_messages_list",
        parameters=[NUMBER],
        responses={200: MessageSerializer(many=True), **TICKET_ERRORS},
    )
    def get(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        page = self.paginate_queryset(selectors.ticket_messages(request.user, ticket))
        return self.get_paginated_response(
            MessageSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        tags=["messages"],
        operation_id="tickets_messages_create",
        parameters=[NUMBER],
        request={
            "application/json": MessageCreateSerializer,
            "multipart/form-data": MessageCreateUploadSerializer,
        },
        responses={201: MessagePostedSerializer, **BAD_REQUEST, **TICKET_ERRORS, **CONFLICT},
        description=(
            "Reply on the ticket. A client reply on `pending_client` (or during validation) moves it "
            "back to `in_analysis` (`ticket_status` in the response); `internal: true` is for analysts "
            "only (403 otherwise). A client's reply to a closed ticket opens a follow-up with those "
            "words (`follow_up: true`, `ticket` is the new number, TKT-9); an analyst's answers 409."
        ),
    )
    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        serializer = MessageCreateUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.ticket_reply(
            actor=request.user,
            ticket=ticket,
            body=serializer.validated_data["body"],
            files=serializer.validated_data["files"],
            internal=serializer.validated_data["internal"],
        )
        return message_posted_response(request, message)


class TicketAttachmentsView(GenericAPIView):
    """The ticket's files (TKT-10): the opening's and the messages' ones."""

    pagination_class = Pagination
    parser_classes = [MultiPartParser]
    serializer_class = AttachmentSerializer

    @extend_schema(
        tags=["attachments"],
        operation_id="tickets_attachments_list",
        parameters=[NUMBER],
        responses={200: AttachmentSerializer(many=True), **TICKET_ERRORS},
    )
    def get(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        page = self.paginate_queryset(visible_attachments(request.user, ticket))
        data = AttachmentSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)

    @extend_schema(
        tags=["attachments"],
        operation_id="tickets_attachments_create",
        parameters=[NUMBER],
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: MessagePostedSerializer, **BAD_REQUEST, **TICKET_ERRORS, **CONFLICT},
        description=(
            "Upload one or more `files` (multipart). They are posted as a message of the timeline, "
            "whose text is `body` or, when empty, the list of file names; the response is that message."
        ),
    )
    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        files = serializer.validated_data["files"]
        body = serializer.validated_data["body"].strip()
        if not body:
            names = ", ".join(PurePath((upload.name or "").replace("\\", "/")).name for upload in files)
            body = _("Arquivos anexados: %(names)s") % {"names": names}
        message = services.ticket_reply(
            actor=request.user,
            ticket=ticket,
            body=body,
            files=files,
            internal=serializer.validated_data["internal"],
        )
        return message_posted_response(request, message)


class AnyAcceptContentNegotiation(BaseContentNegotiation):
    """A download answers with the file whatever the client's Accept header (errors in JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AttachmentDownloadView(APIView):
    content_negotiation_class = AnyAcceptContentNegotiation

    @extend_schema(
        tags=["attachments"],
        operation_id="attachments_download",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, as an attachment."
            ),
            **TICKET_ERRORS,
        },
        description=(
            "Download a file after the same check as its ticket (TEN-2, TKT-10). Clients of a company "
            "with a financial pendency get 403 (ACC-6); analysts always can."
        ),
    )
    def get(self, request, pk: int):
        return attachment_response(attachment_for_download(request.user, pk))


# --- Analyst actions --------------------------------------------------------------------------------------


class TicketActionView(APIView):
    """An analyst's action on a ticket. The ticket is looked up first (404 for another company's,
    TEN-2), then the role is checked (403 for clients)."""

    parser_classes = [JSONParser]
    input_serializer: type = None

    def post(self, request, number: str):
        ticket = access.access_ticket(request.user, number)
        access.require_staff(request.user)
        serializer = self.input_serializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        self.perform(request.user, ticket, serializer.validated_data)
        return ticket_detail_response(request, access.access_ticket(request.user, number))

    def perform(self, actor: User, ticket: Ticket, data: dict) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def _action_schema(operation_id: str, serializer, description: str):
    return extend_schema_view(
        post=extend_schema(
            tags=["analyst actions"],
            operation_id=operation_id,
            parameters=[NUMBER],
            request=serializer,
            responses={200: TicketDetailSerializer, **BAD_REQUEST, **TICKET_ERRORS, **CONFLICT},
            description=description,
        )
    )


@_action_schema(
    "tickets_assign",
    TicketAssignSerializer,
    'Give the ticket to an analyst (`assignee`: user id or `"me"`), or back to the queue (`null`).',
)
class TicketAssignView(TicketActionView):
    input_serializer = TicketAssignSerializer

    def perform(self, actor, ticket, data):
        services.ticket_assign(actor=actor, ticket=ticket, assignee=data["assignee"])


@_action_schema(
    "tickets_transition",
    TicketTransitionSerializer,
    "Move the ticket along TKT-6's table; a move not in the table answers 409. Moving to "
    "`pending_client` or `awaiting_validation` needs a `reason`, which the client reads.",
)
class TicketTransitionView(TicketActionView):
    input_serializer = TicketTransitionSerializer

    def perform(self, actor, ticket, data):
        services.ticket_transition(
            actor=actor, ticket=ticket, to_status=data["status"], reason=data["reason"]
        )


@_action_schema(
    "tickets_reclassify",
    TicketReclassifySerializer,
    "Change the severity with a reason (SEV-1); deadlines are recomputed from the opening (SLA-3).",
)
class TicketReclassifyView(TicketActionView):
    input_serializer = TicketReclassifySerializer

    def perform(self, actor, ticket, data):
        services.ticket_reclassify(
            actor=actor, ticket=ticket, severity=data["severity"], reason=data["reason"]
        )


@_action_schema(
    "tickets_transfer",
    TicketTransferSerializer,
    "Send the ticket to another team with a reason (TKT-5); the assignee is cleared.",
)
class TicketTransferView(TicketActionView):
    input_serializer = TicketTransferSerializer

    def perform(self, actor, ticket, data):
        services.ticket_transfer(actor=actor, ticket=ticket, team=data["team"], reason=data["reason"])


# --- Catalogue, companies, teams --------------------------------------------------------------------------


class ProductListView(APIView):
    """What a client needs to open a ticket (TKT-2): the products their company contracted, with
    routines and versions. Partner consultants see their companies' products; analysts all."""

    @extend_schema(
        tags=["catalogue"],
        operation_id="products_list",
        parameters=[ProductFilterSerializer],
        responses={200: ProductSerializer(many=True), **BAD_REQUEST, **ERROR_RESPONSES},
    )
    def get(self, request):
        filters = ProductFilterSerializer(data=request.query_params, context={"request": request})
        filters.is_valid(raise_exception=True)
        queryset = selectors.catalogue_products_for(
            request.user, filters.validated_data.get("company")
        ).prefetch_related(
            Prefetch(
                "routines",
                queryset=Routine.objects.filter(is_active=True).order_by("name"),
                to_attr="active_routines",
            ),
            Prefetch(
                "versions",
                queryset=ProductVersion.objects.filter(is_active=True).order_by("-name"),
                to_attr="active_versions",
            ),
        )
        return Response(ProductSerializer(queryset, many=True).data)


class CompanyListView(GenericAPIView):
    """The companies the user may act for: a contact's own, a partner's served ones, all for analysts."""

    pagination_class = Pagination
    serializer_class = CompanySerializer

    @extend_schema(
        tags=["catalogue"],
        operation_id="companies_list",
        responses={200: CompanySerializer(many=True), **ERROR_RESPONSES, **PAGE_NOT_FOUND},
    )
    def get(self, request):
        queryset = access.companies_actable_by(request.user).order_by("trade_name", "pk")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(CompanySerializer(page, many=True).data)


class TeamListView(APIView):
    """The teams (queues) a ticket may be transferred to (TKT-5): analysts only."""

    permission_classes = [IsAnalyst]

    @extend_schema(
        tags=["catalogue"],
        operation_id="teams_list",
        responses={200: TeamSerializer(many=True), **ERROR_RESPONSES},
    )
    def get(self, request):
        return Response(TeamSerializer(Team.objects.order_by("name"), many=True).data)
