"""The role matrix, one module per part of the project (merged by tests/test_role_matrix.py).

Each module may define:
- `PORTAL`: route name -> (kwargs builder taking the `objects` dict, expected status per role on GET)
- `ADMIN_SITE`: admin route name -> expected status for the roles that differ from NON_STAFF
- `ADMIN_MODELS`: "app_model" -> the admin actions each staff role may open
- `objects(world) -> dict`: objects the routes need (keys: free names, or "app_model" for admin pages)
- `CSRF_EXEMPT`: route names a forged POST may reach without a CSRF token (e.g. API token login)
"""

ROLES = ("anonymous", "other", "contact", "admin", "partner", "analyst", "leader")
LOGIN = 302  # redirected to the login page
VIEW = frozenset({"changelist", "change", "history"})
NON_STAFF = {"anonymous": LOGIN, "other": LOGIN, "contact": LOGIN, "admin": LOGIN, "partner": LOGIN}


def row(*statuses: int) -> dict[str, int]:
    """A status per role, in ROLES order: anonymous, other, contact, admin, partner, analyst, leader."""
    assert len(statuses) == len(ROLES)
    return dict(zip(ROLES, statuses, strict=True))


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def logged_in(status: int, anonymous: int = LOGIN) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def open_ticket_for(world, name: str, **extra):
    """A ticket of Alfa opened by its contact through the service, on a small catalogue of its own
    (`name` keeps the catalogue rows of each module apart)."""
    from tests.factories import (
        ProductFactory,
        ProductLineFactory,
        RoutineFactory,
        TeamFactory,
        VersionFactory,
    )
    from tests.helpers import answers
    from tickets import services

    line = ProductLineFactory(name=f"Linha {name}", slug=f"linha-{name}")
    world.company.product_lines.add(line)
    team = TeamFactory(name=f"Equipe {name}", slug=f"equipe-{name}")
    team.members.add(world.analyst)
    product = ProductFactory(line=line, name=f"Produto {name}", default_team=team)
    return services.ticket_open(
        actor=world.contact.user,
        company=world.company,
        product=product,
        routine=RoutineFactory(product=product),
        version=VersionFactory(product=product),
        environment="production",
        summary=f"Chamado da matriz de papéis ({name})",
        description="Aberto para a matriz de papéis.",
        answers=answers(function_unusable=True, has_workaround=True),
        **extra,
    )
