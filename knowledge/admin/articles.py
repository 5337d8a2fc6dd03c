"""Articles in the back-office (SELF-1, SELF-7): written in Markdown with a preview, images inline
with the snippet to paste in the text, published or taken back to draft; views and answers in the
list. Readers' answers ("Esta resposta ajudou?") are read here too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.admin import DomainErrorAdminMixin, ReadOnlyAdminMixin, SelectedRowsAdminMixin, run_for_each
from core.markdown import render_markdown

from .. import services
from ..models import Article, ArticleFeedback, ArticleImage
from .base import StaffAdmin
from .forms import ArticleForm, ArticleImageForm


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    form = ArticleImageForm
    extra = 1
    fields = ("image", "alt", "markdown")
    readonly_fields = ("markdown",)
    verbose_name = _("imagem")
    verbose_name_plural = _("imagens (copie o código para o texto)")

    @admin.display(description=_("código para o texto"))
    def markdown(self, obj: ArticleImage) -> str:
        if not obj.pk:
            return "—"
        snippet = f"![{obj.alt}]({reverse('kb-image', kwargs={'pk': obj.pk})})"
        return format_html('<code class="kb-image-snippet">{}</code>', snippet)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_analyst", False))

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Article)
class ArticleAdmin(SelectedRowsAdminMixin, DomainErrorAdminMixin, StaffAdmin):
    form = ArticleForm
    inlines = (ArticleImageInline,)
    list_display = (
        "title",
        "kind",
        "product",
        "status",
        "published_at",
        "view_count",
        "helpful_yes",
        "helpful_no",
        "updated_at",
    )
    list_filter = ("status", "kind", "product")
    search_fields = ("title", "summary")
    list_select_related = ("product",)
    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = None
    autocomplete_fields = ()
    filter_horizontal = ("related",)
    readonly_fields = ("rendered", "counts", "author", "published_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "summary", ("product", "routine"), "status")}),
        (_("Texto"), {"fields": ("body", "rendered")}),
        (_("Vídeo"), {"fields": ("video",), "classes": ("collapse",)}),
        (_("Relacionados"), {"fields": ("related",)}),
        (_("Leitura"), {"fields": ("counts", "author", "published_at", "updated_at")}),
    )
    actions = ("publish", "unpublish")

    class Media:
        js = ("knowledge/admin-preview.js",)
        css = {"all": ("knowledge/admin.css",)}

    def get_urls(self) -> list[URLPattern]:
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [path("pre-visualizar/", preview, name="knowledge_article_preview"), *super().get_urls()]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """The body as readers will see it (rendered by core.markdown), for the preview button."""
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            return HttpResponse(status=403)
        body = str(request.POST.get("body", ""))[:200_000]
        rendered = render_markdown(body) or format_html("<p><em>{}</em></p>", _("O texto está vazio."))
        return HttpResponse(rendered, content_type="text/html; charset=utf-8")

    @admin.display(description=_("como o leitor vê"))
    def rendered(self, obj: Article) -> str:
        if not obj.pk:
            return _("Salve o artigo, ou use “Pré-visualizar”, para ver o texto formatado.")  # type: ignore[return-value]
        return format_html('<div class="kb-rendered">{}</div>', render_markdown(obj.body))

    @admin.display(description=_("leitura e avaliações"))
    def counts(self, obj: Article) -> str:
        return format_html(
            "{} · {} · {}",
            _("%(n)d visualizações") % {"n": obj.view_count},
            _("ajudou: %(n)d") % {"n": obj.helpful_yes},
            _("não ajudou: %(n)d") % {"n": obj.helpful_no},
        )

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        services.article_save(actor=request.user, article=obj)  # type: ignore[arg-type]

    def save_formset(self, request: HttpRequest, form: Any, formset: BaseInlineFormSet, change: bool) -> None:
        if formset.model is not ArticleImage:
            super().save_formset(request, form, formset, change)
            return
        images = formset.save(commit=False)
        for image in images:
            services.image_save(actor=request.user, image=image)  # type: ignore[arg-type]
        for removed in formset.deleted_objects:
            removed.delete()

    @admin.action(description=_("Publicar os artigos selecionados"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        actor: User = request.user  # type: ignore[assignment]
        run_for_each(
            self,
            request,
            queryset,
            lambda a: services.article_publish(actor=actor, article=a),
            str(_("%(count)d artigo(s) publicado(s).")),
        )

    @admin.action(description=_("Voltar os artigos selecionados a rascunho"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        actor: User = request.user  # type: ignore[assignment]
        run_for_each(
            self,
            request,
            queryset,
            lambda a: services.article_unpublish(actor=actor, article=a),
            str(_("%(count)d artigo(s) de volta a rascunho.")),
        )


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(ReadOnlyAdminMixin, StaffAdmin):
    """What readers answered, with the comments of "Não": what an article is missing."""

    list_display = ("article", "helpful", "comment", "user", "updated_at")
    list_filter = ("helpful",)
    search_fields = ("article__title", "comment")
    list_select_related = ("article", "user")
    show_facets = admin.ShowFacets.NEVER
    fields = ("article", "user", "helpful", "comment", "created_at", "updated_at")
    readonly_fields = fields
