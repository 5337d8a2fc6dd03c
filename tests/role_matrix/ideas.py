"""The suggestion channel (SELF-5): portal pages, back-office and API, for every role.

The suggestion is proposed by Alfa's contact for a product only Alfa uses: Beta's administrator
("other") gets 404 on it, like a missing one; Alfa's partner consultant reads it. The pages are
for client contacts and partner consultants (analysts triage in the back-office: 403); supporting
and withdrawing take POST only (a GET changes nothing: 405). In the API staff read every
suggestion. In the back-office staff look and move a suggestion (its page's form); nobody adds or
deletes one.
"""

from . import LOGIN, VIEW, row

#                                          anonymous other contact admin partner analyst leader
CLIENT_PAGE = row(LOGIN, 200, 200, 200, 200, 403, 403)
OF_ALFA = row(LOGIN, 404, 200, 200, 200, 403, 403)
POST_ONLY = row(LOGIN, 405, 405, 405, 405, 403, 403)
API = 401
API_LIST = row(API, 200, 200, 200, 200, 200, 200)
API_OF_ALFA = row(API, 404, 200, 200, 200, 200, 200)
API_STEP = row(API, 405, 405, 405, 405, 405, 405)


def _pk(o):
    return {"pk": o["ideas_suggestion"].pk}


PORTAL = {
    "suggestion-list": (lambda o: {}, CLIENT_PAGE),
    "suggestion-new": (lambda o: {}, CLIENT_PAGE),
    "suggestion-detail": (_pk, OF_ALFA),
    "suggestion-support": (_pk, POST_ONLY),
    "suggestion-withdraw": (_pk, POST_ONLY),
    "api-suggestion-list": (lambda o: {}, API_LIST),
    "api-suggestion-detail": (_pk, API_OF_ALFA),
    "api-suggestion-support": (_pk, API_STEP),
    "api-suggestion-withdraw": (_pk, API_STEP),
}

ADMIN_MODELS = {"ideas_suggestion": {"analyst": VIEW, "leader": VIEW}}


def objects(world) -> dict:
    from ideas import services
    from tests.factories import ProductFactory, ProductLineFactory, TeamFactory

    line = ProductLineFactory(name="Linha ideias", slug="linha-ideias")
    world.company.product_lines.add(line)
    product = ProductFactory(
        line=line, name="Produto ideias", default_team=TeamFactory(name="Equipe ideias", slug="equipe-ideias")
    )
    suggestion = services.suggestion_propose(
        actor=world.contact.user,
        product=product,
        title="Exportar em Excel",
        description="Para a matriz de papéis.",
    )
    services.suggestion_move(
        actor=world.analyst, suggestion=suggestion, to_status="in_review", reason="Avaliando."
    )
    return {"ideas_suggestion": suggestion}
