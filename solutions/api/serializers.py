"""Input and output of the solutions search API: only the product, routine and anonymised texts."""

from __future__ import annotations

from rest_framework import serializers

from core import fulltext
from core.ids import id_field

from ..models import Solution


class SolutionSearchInputSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200, allow_blank=True, default="", help_text="At least two meaningful words."
    )
    product = id_field(required=False, help_text="A product id.")


class SolutionResultSerializer(serializers.ModelSerializer):
    product = serializers.CharField(source="product.name", read_only=True)
    routine = serializers.CharField(source="routine.name", read_only=True)
    problem_snippet = serializers.SerializerMethodField(help_text="HTML: escaped, matches in <mark>.")
    solution_snippet = serializers.SerializerMethodField(help_text="HTML: escaped, matches in <mark>.")
    rank = serializers.FloatField(source="search_rank", read_only=True)

    class Meta:
        model = Solution
        fields = (
            "id",
            "product",
            "routine",
            "problem",
            "solution",
            "problem_snippet",
            "solution_snippet",
            "rank",
        )
        read_only_fields = fields

    def get_problem_snippet(self, obj: Solution) -> str:
        return str(fulltext.highlight(getattr(obj, "problem_snippet", "")))

    def get_solution_snippet(self, obj: Solution) -> str:
        return str(fulltext.highlight(getattr(obj, "solution_snippet", "")))
