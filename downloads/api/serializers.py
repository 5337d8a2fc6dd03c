"""A package in the API, and the list's filters (types only: who sees what is `accounts.access`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.ids import id_field

from ..models import Package


class ProductRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PackageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    product = ProductRefSerializer(read_only=True)
    version_id = serializers.IntegerField(read_only=True, allow_null=True, help_text="A registered version.")
    version = serializers.CharField(
        source="version_name", read_only=True, help_text="The version's name, or a free label."
    )
    kind = serializers.ChoiceField(choices=Package.Kind.choices, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    released_on = serializers.DateField(read_only=True)
    file_name = serializers.CharField(source="original_name", read_only=True)
    size = serializers.IntegerField(read_only=True, help_text="In bytes.")
    sha256 = serializers.CharField(
        read_only=True, help_text="SHA-256 of the file, computed when it was uploaded (hex)."
    )
    file_url = serializers.SerializerMethodField()
    download_count = serializers.IntegerField(
        read_only=True, required=False, help_text="Staff only: how many times it was downloaded."
    )

    @extend_schema_field(serializers.URLField())
    def get_file_url(self, obj: Package) -> str:
        path = reverse("api-download-file", kwargs={"pk": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def to_representation(self, instance: Package) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not hasattr(instance, "download_count"):
            data.pop("download_count", None)
        return data


class PackageFilterSerializer(serializers.Serializer):
    product = id_field(required=False, help_text="A product's id.")
    version = id_field(required=False, help_text="A product version's id.")
    kind = serializers.ChoiceField(choices=Package.Kind.choices, required=False)
    q = serializers.CharField(
        required=False,
        max_length=100,
        allow_blank=True,
        help_text="Keywords: each word must be in the title, description or version (any accent or case).",
    )
