"""Demo data of knowledge, loaded by `manage.py seed_demo` (idempotent): 30+ Portuguese articles over
the demo products and routines (FAQ, how-to, known issues and two videos), some related links, a few
views, answers and deflections, so search, suggestions and the leaders' summary have something to show."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from tickets.models import Product, Routine

from . import services
from .models import Article, Deflection

VIDEO = Path(__file__).with_name("demo_video.webm")
K = Article.Kind

# (kind, product, routine, title, summary, steps or paragraphs)
# The articles, videos and related links (kind, product, routine, title, summary, steps).
DATA = Path(__file__).with_name("demo_articles.json")


def _body(summary: str, steps: list[str], kind: str) -> str:
    headings: dict[str, str] = {K.HOWTO: "Passo a passo", K.KNOWN_ISSUE: "Sintoma, causa e solução"}
    heading = headings.get(kind, "Resposta")
    if kind == K.HOWTO:
        items = "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))
    else:
        items = "\n".join(f"- {step}" for step in steps)
    closing = "> Ainda com dúvida? Abra um chamado informando a rotina e a versão."
    return f"## {heading}\n\n{items}\n\n{closing}\n"


def seed_demo() -> None:
    """Create the demo rows once; running it again changes nothing."""
    author = User.objects.filter(email="helena.analista@suporte.example").first()
    if author is None or Article.objects.exists():
        return
    data = json.loads(DATA.read_text(encoding="utf-8"))
    products = {product.name: product for product in Product.objects.all()}
    routines = {(r.product.name, r.name): r for r in Routine.objects.select_related("product")}
    now = timezone.now()
    by_title: dict[str, Article] = {}
    for n, row in enumerate(data["articles"]):
        kind, product_name, routine_name = row["kind"], row["product"], row["routine"]
        title, summary, steps = row["title"], row["summary"], row["steps"]
        product = products.get(product_name) if product_name else None
        routine = routines.get((product_name, routine_name)) if product_name and routine_name else None
        article = Article(
            kind=kind,
            product=product,
            routine=routine,
            title=title,
            summary=summary,
            body=_body(summary, steps, kind),
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=2 * n + 1),
        )
        by_title[title] = services.article_save(actor=author, article=article)
    for row in data["videos"]:
        product_name, routine_name, title, summary = (
            row["product"],
            row["routine"],
            row["title"],
            row["summary"],
        )
        article = Article(
            kind=K.VIDEO,
            product=products.get(product_name),
            routine=routines.get((product_name, routine_name)),
            title=title,
            summary=summary,
            body=f"{summary}\n\nAssista ao vídeo e repita os passos no seu ambiente.",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=3),
        )
        article.video.save("demo.webm", ContentFile(VIDEO.read_bytes()), save=False)
        by_title[title] = services.article_save(actor=author, article=article)
    draft = Article(
        kind=K.FAQ,
        product=products.get("ERP Backoffice"),
        title="Rascunho: novas regras da reforma tributária",
        summary="Em revisão pela equipe.",
        body="Texto em revisão.",
        status=Article.Status.DRAFT,
    )
    services.article_save(actor=author, article=draft)
    for row in data["related"]:
        by_title[row["title"]].related.set([by_title[name] for name in row["related"]])
    for views, title in enumerate(reversed(list(by_title)), 1):
        Article.objects.filter(pk=by_title[title].pk).update(view_count=(views * 37) % 300 + 5)
    _deflections(by_title, products)


def _deflections(by_title: dict[str, Article], products: dict[str, Product]) -> None:
    """A few tickets not opened over the last months, for the leaders' summary."""
    from accounts.models import Contact

    contacts = list(Contact.objects.select_related("user", "company")[:3])
    if not contacts:
        return
    now = timezone.now()
    picks = [
        ("Como calcular férias", "Folha de Pagamento", "calculo de ferias com abono"),
        ("Erro ao emitir NF-e: rejeição 539 (duplicidade)", "ERP Backoffice", "rejeição 539 nfe"),
        ("Promoção não aplicada no caixa", "PDV Varejo", "promoção não aplica no pdv"),
        ("Como fazer o inventário de estoque", "ERP Backoffice", "inventario estoque"),
    ]
    rows = []
    for n in range(18):
        title, product_name, query = picks[n % len(picks)]
        contact = contacts[n % len(contacts)]
        rows.append(
            Deflection(
                user=contact.user,
                company=contact.company,
                product=products.get(product_name),
                article=by_title[title],
                query=query,
            )
        )
    created = Deflection.objects.bulk_create(rows)
    for n, row in enumerate(created):
        Deflection.objects.filter(pk=row.pk).update(created_at=now - timedelta(days=(n * 9) % 120))
