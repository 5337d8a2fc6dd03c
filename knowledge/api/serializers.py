"""Shapes of the knowledge base API: articles as a list row and in full, the search and suggestion
filters, feedback and deflection input. Types and ranges only; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core import fulltext
from core.ids import id_field
from core.markdown import render_markdown

from ..models import Article

# Kinds and statuses as patterns: the names `kind` and `status` already name other choice sets' enums.
KINDS = [value for value, _ in Article.Kind.choices]
STATUSES = [value for value, _ in Article.Status.choices]


@extend_schema_field(
    {
        "type": "string",
        "pattern": f"^({'|'.join(KINDS)})$",
        "description": "faq, howto, known_issue or video.",
    }
)
class KindField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Article.Kind.choices, **kwargs)


@extend_schema_field(
    {
        "type": "string",
        "pattern": f"^({'|'.join(STATUSES)})$",
        "description": "draft (staff only) or published.",
    }
)
class StatusField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Article.Status.choices, **kwargs)


@extend_schema_field(
    {"type": "string", "enum": ["", *KINDS], "description": "faq, howto, known_issue or video."}
)
class KindFilterField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Article.Kind.choices, allow_blank=True, **kwargs)


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ArticleListSerializer(serializers.ModelSerializer):
    product = NamedSerializer(allow_null=True, help_text="Empty for a general article.")
    routine = NamedSerializer(allow_null=True)
    snippet = serializers.SerializerMethodField(
        help_text="With a query: an extract of the text, HTML-escaped, the words found inside <mark>."
    )
    url = serializers.SerializerMethodField(help_text="The article's page in the portal.")
    kind = KindField(read_only=True)
    status = StatusField(read_only=True)

    class Meta:
        model = Article
        fields = (
            "slug",
            "title",
            "kind",
            "status",
            "product",
            "routine",
            "summary",
            "snippet",
            "published_at",
            "updated_at",
            "view_count",
            "url",
        )

    @extend_schema_field(OpenApiTypes.STR)
    def get_snippet(self, obj: Article) -> str:
        return (
            str(fulltext.highlight(getattr(obj, "search_snippet", "")))
            if hasattr(obj, "search_snippet")
            else ""
        )

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, obj: Article) -> str:
        return reverse("kb-article", kwargs={"slug": obj.slug})


class RelatedSerializer(serializers.ModelSerializer):
    kind = KindField(read_only=True)

    class Meta:
        model = Article
        fields = ("slug", "title", "kind")


class ArticleDetailSerializer(ArticleListSerializer):
    body_html = serializers.SerializerMethodField(help_text="The Markdown body rendered and sanitised.")
    video_url = serializers.SerializerMethodField(help_text="Video articles: the file, for who may read it.")
    helpful_yes = serializers.IntegerField()
    helpful_no = serializers.IntegerField()
    related = serializers.SerializerMethodField()

    class Meta(ArticleListSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *ArticleListSerializer.Meta.fields,
            "body",
            "body_html",
            "video_url",
            "helpful_yes",
            "helpful_no",
            "related",
        )

    @extend_schema_field(OpenApiTypes.STR)
    def get_body_html(self, obj: Article) -> str:
        return str(render_markdown(obj.body))

    @extend_schema_field(OpenApiTypes.STR)
    def get_video_url(self, obj: Article) -> str:
        return (
            reverse("kb-video", kwargs={"slug": obj.slug})
            if obj.kind == Article.Kind.VIDEO and obj.video
            else ""
        )

    @extend_schema_field(RelatedSerializer(many=True))
    def get_related(self, obj: Article) -> list[dict[str, Any]]:
        return RelatedSerializer(self.context.get("related", []), many=True).data  # type: ignore[return-value]


class ArticleFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Words to look for."
    )
    kind = KindFilterField(required=False)
    product = id_field(required=False)


class SuggestionFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200, allow_blank=True, help_text="What is being typed (3 letters or more)."
    )
    product = id_field(required=False)


class SolutionSuggestionSerializer(serializers.Serializer):
    """An anonymised solution of a solved ticket (never its company, contact or number)."""

    id = serializers.IntegerField(source="pk")
    product = serializers.CharField()
    routine = serializers.CharField()
    problem_html = serializers.CharField(source="problem", help_text="Highlighted extract (escaped HTML).")
    solution_html = serializers.CharField(source="solution", help_text="Highlighted extract (escaped HTML).")


class SuggestionSerializer(serializers.Serializer):
    articles = ArticleListSerializer(many=True)
    solutions = SolutionSuggestionSerializer(many=True, help_text="Solved tickets' solutions.")


class FeedbackInputSerializer(serializers.Serializer):
    helpful = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class FeedbackSerializer(serializers.Serializer):
    helpful = serializers.BooleanField()
    comment = serializers.CharField()
    helpful_yes = serializers.IntegerField()
    helpful_no = serializers.IntegerField()


class DeflectionInputSerializer(serializers.Serializer):
    article = serializers.SlugField(required=False, max_length=220, help_text="The article's slug.")
    solution_id = id_field(required=False)
    query = serializers.CharField(required=False, allow_blank=True, max_length=500)
    product = id_field(required=False)
    company = id_field(required=False, help_text="Partner consultants: the served company.")


class DeflectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    article = serializers.CharField(allow_null=True)
    solution_id = serializers.IntegerField(allow_null=True)
    product = serializers.IntegerField(allow_null=True)
    company = serializers.IntegerField(allow_null=True)
    query = serializers.CharField()
    created_at = serializers.DateTimeField()
