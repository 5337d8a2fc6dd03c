"""The article form of the back-office: the Markdown body with its preview button, and the service's
rules checked before saving (a routine of another product, a video article without its file...)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.forms import add_domain_error

from .. import services
from ..models import Article, ArticleImage


class MarkdownWidget(forms.Textarea):
    """The body's textarea with "Pré-visualizar": the text rendered as readers will see it."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"rows": 18, "class": "vLargeTextField kb-markdown", **(attrs or {})})

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="kb-markdown-widget">{}<div class="kb-preview-tools">'
            '<button type="button" class="button kb-preview-button" data-url="{}" data-source="{}">'
            '{}</button> <span class="help">{}</span></div>'
            '<div class="kb-preview" hidden aria-live="polite"></div></div>',
            textarea,
            reverse("admin:knowledge_article_preview"),
            (attrs or {}).get("id", f"id_{name}"),
            _("Pré-visualizar"),
            _("Markdown: **negrito**, ## título, - lista, [link](https://…), ![descrição](/base/imagem/1/)."),
        )


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = (
            "kind",
            "product",
            "routine",
            "title",
            "slug",
            "summary",
            "body",
            "video",
            "related",
            "status",
        )
        widgets = {
            "body": MarkdownWidget(),
            "title": forms.TextInput(attrs={"class": "vTextField kb-wide"}),
            "summary": forms.TextInput(attrs={"class": "vTextField kb-wide"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Em branco: feito a partir do título.")
        self.fields["video"].help_text = _("Só para artigos do tipo vídeo: MP4 ou WebM.")

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        if self.errors:
            return
        try:
            services.article_check(self.instance)
        except DomainError as error:
            add_domain_error(self, error)


class ArticleImageForm(forms.ModelForm):
    class Meta:
        model = ArticleImage
        fields = ("image", "alt")

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        upload = self.cleaned_data.get("image") if not self.errors else None
        if upload is not None and "image" in self.changed_data:
            try:
                services.check_image(upload)
            except DomainError as error:
                add_domain_error(self, error)
