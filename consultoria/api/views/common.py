"""What the consultancy API's views share: the error responses, reading the input, and the
consultancy's detail as the user may see it."""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import access
from accounts.models import User
from core.api import ERROR_RESPONSES, NOT_FOUND, ErrorSerializer

from ... import selectors
from ...models import Consultancy
from ..serializers.consultancies import ConsultancyDetailSerializer

TAG = "consultancy"
WORK_TAG = "consultancy sessions"
BILLING_TAG = "consultancy billing"
ERRORS = {**ERROR_RESPONSES, **NOT_FOUND}
CONFLICT = {
    409: OpenApiResponse(ErrorSerializer, description="The consultancy's current status refuses the action.")
}


def read_input(serializer_class: type[serializers.Serializer] | None, request: Request) -> dict[str, Any]:
    """The validated input (400 with the field errors otherwise); an action without input reads none."""
    if serializer_class is None:
        return {}
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def consultancy_context(request: Request, consultancy: Consultancy) -> dict[str, Any]:
    """What the detail shows this user: each session's line as their statement shows it, whether they
    may answer the term and whether anyone may, and whether they may read the address the term was
    accepted from (staff and whoever accepted it)."""
    user = cast(User, request.user)  # every consultancy route needs a login
    term = getattr(consultancy, "term", None)
    offered = consultancy.status == Consultancy.Status.OFFERED
    return {
        "request": request,
        "staff": access.is_staff(user),
        "lines": selectors.consultancy_session_lines(user, consultancy),
        "may_answer": offered and access.may_accept_term(user, consultancy),
        "acceptors_exist": term is not None and bool(access.consultancy_term_acceptors(consultancy)),
        "shows_address": access.is_staff(user) or (term is not None and term.accepted_by_id == user.pk),
    }


def consultancy_detail_response(request: Request, pk: int, *, created: bool = False) -> Response:
    """The consultancy, read again through the access rule (201 with its Location when created)."""
    consultancy = access.access_consultancy(request.user, pk)
    data = ConsultancyDetailSerializer(consultancy, context=consultancy_context(request, consultancy)).data
    if not created:
        return Response(data)
    response = Response(data, status=status.HTTP_201_CREATED)
    response["Location"] = reverse("api-consultancy-detail", kwargs={"pk": consultancy.pk})
    return response
