"""The survey in the API (SRV-2, API-1): read and answer by the signed token, no login."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import BAD_REQUEST, CONFLICT
from core.errors import DomainError

from .selectors import survey_from_token
from .services import survey_answer


class SurveyAnswerSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5, help_text="1 (bad) to 5 (excellent).")
    solved = serializers.BooleanField(allow_null=True, required=False, default=None)
    comment = serializers.CharField(allow_blank=True, required=False, default="", max_length=4000)


class SurveySerializer(serializers.Serializer):
    ticket = serializers.CharField(source="ticket.number")
    summary = serializers.CharField(source="ticket.summary")
    answered_at = serializers.DateTimeField(allow_null=True, help_text="Null until the one answer.")
    rating = serializers.IntegerField(allow_null=True)
    solved = serializers.BooleanField(allow_null=True)
    comment = serializers.CharField()


TOKEN = OpenApiParameter("token", str, OpenApiParameter.PATH, description="The survey link's signed token.")


@extend_schema(parameters=[TOKEN])
@extend_schema(tags=["surveys"])
class SurveyView(APIView):
    """SRV-2: the survey by its signed token (no login), answered once; it never changes the ticket."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # the signed token is the credential; no session, no CSRF
    parser_classes = [JSONParser]

    def _survey(self, token: str):
        survey = survey_from_token(token)
        if survey is None:
            raise DomainError(_("Este link de pesquisa é inválido ou expirou."), code="invalid_survey")
        return survey

    @extend_schema(operation_id="surveys_read", responses={200: SurveySerializer, **BAD_REQUEST})
    def get(self, request, token: str):
        return Response(SurveySerializer(self._survey(token)).data)

    @extend_schema(
        operation_id="surveys_answer",
        request=SurveyAnswerSerializer,
        responses={200: SurveySerializer, **BAD_REQUEST, **CONFLICT},
    )
    def post(self, request, token: str):
        self._survey(token)
        data = SurveyAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        survey = survey_answer(
            token=token,
            rating=data.validated_data["rating"],
            solved=data.validated_data["solved"],
            comment=data.validated_data["comment"],
        )
        return Response(SurveySerializer(survey).data)
