"""Messages of the timeline and attachments (TKT-7, TKT-9, TKT-10)."""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import TEXT_MAX, Attachment, Message
from .common import UserRefSerializer


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    message = serializers.IntegerField(source="message_id", read_only=True, allow_null=True)
    internal = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "size", "content_type", "created_at", "message", "internal", "download_url"]
        read_only_fields = fields

    def get_internal(self, attachment: Attachment) -> bool:
        """True for the files of an internal note (analysts only ever see these)."""
        return bool(attachment.message_id and cast(Message, attachment.message).is_internal)

    def get_download_url(self, attachment: Attachment) -> str:
        path = reverse("api-attachment-download", kwargs={"pk": attachment.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class MessageSerializer(serializers.ModelSerializer):
    author = UserRefSerializer(read_only=True)
    from_staff = serializers.BooleanField(read_only=True)
    internal = serializers.BooleanField(source="is_internal", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Message
        fields = ["id", "author", "from_staff", "body", "internal", "created_at", "attachments"]
        read_only_fields = fields


class MessagePostedSerializer(MessageSerializer):
    """The new message and where it went: a client reply may move the ticket (TKT-7), and a
    client reply to a closed ticket opens a follow-up with those words instead (TKT-9)."""

    id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Null when it opened a follow-up."
    )
    attachments = serializers.SerializerMethodField()  # type: ignore[assignment]  # replaces the parent's field
    ticket = serializers.CharField(
        source="ticket.number", read_only=True, help_text="The ticket it was posted on."
    )
    ticket_status = serializers.CharField(source="ticket.status", read_only=True)
    follow_up = serializers.SerializerMethodField()

    class Meta(MessageSerializer.Meta):
        fields = [*MessageSerializer.Meta.fields, "ticket", "ticket_status", "follow_up"]
        read_only_fields = fields

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, message: Message) -> list[Any]:
        if message.pk is None:
            return []  # the files went with the words to the follow-up's opening
        # many=True: a ReturnList (the stubs type every serializer's .data as a ReturnDict)
        return AttachmentSerializer(  # type: ignore[return-value]
            message.attachments.all(), many=True, context=self.context
        ).data

    def get_follow_up(self, message: Message) -> bool:
        """True when the ticket was closed: the reply opened the follow-up `ticket` (TKT-9)."""
        return message.pk is None


class MessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=TEXT_MAX)
    internal = serializers.BooleanField(default=False, help_text="An internal note (analysts only).")


class MessageCreateUploadSerializer(MessageCreateSerializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), required=False, default=list, max_length=10
    )


class AttachmentUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), min_length=1, max_length=10
    )
    body = serializers.CharField(
        max_length=TEXT_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="Text of the message the files are attached to; by default, the list of file names.",
    )
    internal = serializers.BooleanField(
        default=False, help_text="Attach to an internal note (analysts only)."
    )
