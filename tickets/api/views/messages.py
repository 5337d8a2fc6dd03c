"""The timeline and files in the API (TKT-7, TKT-9, TKT-10).

Uploads: `POST /tickets/{number}/messages/` takes JSON, or multipart with one or more `files`;
`POST /tickets/{number}/attachments/` is multipart only and posts the files as a message of the
timeline (its `body` defaults to the list of file names).
"""

from __future__ import annotations

from pathlib import PurePath

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.views import APIView

from accounts import access
from accounts.models import User
from core.api import BAD_REQUEST, CONFLICT, Pagination

from ... import selectors, services
from ...downloads import attachment_for_download, attachment_response
from ...models import Ticket
from ..serializers.messages import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    MessageCreateSerializer,
    MessageCreateUploadSerializer,
    MessagePostedSerializer,
    MessageSerializer,
)
from .common import NUMBER, TICKET_ERRORS, message_posted_response


def visible_attachments(user: User, ticket: Ticket):
    """The ticket's files the user may see (TKT-7, TKT-10)."""
    return access.attachments_visible_to(user, ticket).select_related("message").order_by("created_at", "pk")


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
            "words (`follow_up: true`, `ticket` is the new number); an analyst's answers 409."
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
            "Download a file after the same check as its ticket. Clients of a company "
            "with a financial pendency get 403; analysts always can."
        ),
    )
    def get(self, request, pk: int):
        return attachment_response(attachment_for_download(request.user, pk))
