"""What readers record: "Esta resposta ajudou?" (one answer per reader and article, which they may
change) and a deflection, the ticket a suggestion made unnecessary (SELF-1, SELF-2)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Company, User
from core.errors import DomainError, NotFoundError
from solutions.selectors import solution_is_searchable
from tickets.models import Product

from ..models import Article, ArticleFeedback, Deflection

COMMENT_MAX = 1000
QUERY_MAX = 200


def _counter(helpful: bool) -> str:
    return "helpful_yes" if helpful else "helpful_no"


def feedback_record(*, actor: User, article: Article, helpful: bool, comment: str = "") -> ArticleFeedback:
    """Record (or change) the reader's answer; the article's counters move with it, by F() updates.
    A comment is kept with a "Não" only."""
    comment = comment.strip() if not helpful else ""
    if len(comment) > COMMENT_MAX:
        raise DomainError(_("O comentário passa de %(n)d caracteres.") % {"n": COMMENT_MAX}, field="comment")
    if not access.articles_visible_to(actor).filter(pk=article.pk).exists():
        raise NotFoundError
    with transaction.atomic():
        existing = ArticleFeedback.objects.select_for_update().filter(article=article, user=actor).first()
        if existing is None:
            try:
                with transaction.atomic():
                    feedback = ArticleFeedback.objects.create(
                        article=article, user=actor, helpful=helpful, comment=comment
                    )
            except IntegrityError:  # the same reader's other tab got there first
                existing = ArticleFeedback.objects.select_for_update().get(article=article, user=actor)
            else:
                Article.objects.filter(pk=article.pk).update(**{_counter(helpful): F(_counter(helpful)) + 1})
                return feedback
        if existing.helpful != helpful:
            Article.objects.filter(pk=article.pk).update(
                **{
                    _counter(helpful): F(_counter(helpful)) + 1,
                    _counter(existing.helpful): F(_counter(existing.helpful)) - 1,
                }
            )
        existing.helpful = helpful
        existing.comment = comment
        existing.save(update_fields=["helpful", "comment", "updated_at"])
        return existing


def deflection_record(
    *,
    actor: User,
    query: str,
    company: Company | None,
    product: Product | None = None,
    article: Article | None = None,
    solution_id: int | None = None,
) -> Deflection:
    """A client who read a suggestion while typing a new ticket's summary and did not open it."""
    access.deflection_company(actor, None)  # clients only (403 for staff)
    if article is None and solution_id is None:
        raise DomainError(_("Informe o artigo ou a solução que resolveu."), field="article")
    if article is not None and not access.articles_visible_to(actor).filter(pk=article.pk).exists():
        raise NotFoundError
    if solution_id is not None and not solution_is_searchable(solution_id):
        raise DomainError(_("Esta solução não está disponível na consulta."), field="solution_id")
    return Deflection.objects.create(
        user=actor,
        company=company,
        product=product,
        article=article,
        solution_id=solution_id,
        query=query.strip()[:QUERY_MAX],
    )
