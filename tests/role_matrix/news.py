"""News, policy and procedure pages, lifecycle and tira-dúvidas (SELF-4, SELF-7).

Every signed-in user reads them (they are the vendor's, not a company's: Beta's administrator reads
them too); anonymous users are sent to the login. Registering and withdrawing interest take POST
only (405 on GET). In the back-office analysts and leaders add and change; leaders also remove.
"""

from . import VIEW, logged_in

PORTAL = {
    "news-list": (lambda o: {}, logged_in(200)),
    "news-detail": (lambda o: {"slug": o["news_item"].slug}, logged_in(200)),
    "page-index": (lambda o: {}, logged_in(200)),
    "page-detail": (lambda o: {"slug": o["news_page"].slug}, logged_in(200)),
    "lifecycle": (lambda o: {}, logged_in(200)),
    "event-list": (lambda o: {}, logged_in(200)),
    "event-interest": (lambda o: {"pk": o["news_event"].pk}, logged_in(405)),
    "event-withdraw": (lambda o: {"pk": o["news_event"].pk}, logged_in(405)),
}

EDIT = VIEW | {"add"}
ADMIN_MODELS = {
    model: {"analyst": EDIT, "leader": EDIT | {"delete"}}
    for model in ("news_newsitem", "news_page", "news_productlifecycle", "news_event")
}


def objects(world) -> dict:
    from datetime import date, timedelta

    from django.utils import timezone

    from news import services
    from news.models import Event, NewsItem, Page, ProductLifecycle
    from tests.factories import ProductFactory, ProductLineFactory, VersionFactory

    line = ProductLineFactory(name="Linha novidades", slug="linha-novidades")
    world.company.product_lines.add(line)
    product = ProductFactory(line=line, name="Produto novidades")
    version = VersionFactory(product=product, name="1.0")
    item = services.news_save(
        actor=world.analyst,
        item=NewsItem(
            title="Release 1.0",
            summary="Resumo",
            body="## Novidades",
            kind=NewsItem.Kind.RELEASE,
            product=product,
            version=version,
            status=NewsItem.Status.PUBLISHED,
        ),
    )
    page = services.page_save(
        actor=world.analyst, page=Page(title="Política de atendimento", body="Texto", is_published=True)
    )
    lifecycle = services.lifecycle_save(
        actor=world.analyst, row=ProductLifecycle(version=version, released_on=date(2026, 1, 1))
    )
    event = services.event_save(
        actor=world.analyst,
        event=Event(
            title="Tira-dúvidas",
            product=product,
            starts_at=timezone.now() + timedelta(days=3),
            online_url="https://reuniao.example/sala",
        ),
    )
    services.event_interest_register(actor=world.contact.user, event=event)
    # "news_page" and "news_event" serve both the portal routes and their admin pages.
    return {
        "news_item": item,
        "news_page": page,
        "news_event": event,
        "news_newsitem": item,
        "news_productlifecycle": lifecycle,
    }
