"""drf-spectacular's settings: the API schema's title, description and enum names (imported by the
settings; no environment in them)."""

SPECTACULAR_SETTINGS = {
    "TITLE": "Portal do Cliente API",
    "DESCRIPTION": (
        "API v1: what a client contact, a partner consultant and an analyst do in the browser, "
        "with the same permissions. Authenticate with `Authorization: Token <token>` "
        "(from `POST /api/v1/auth/token/`) or the browser session (unsafe methods then need the "
        "CSRF token). Another company's ticket or file answers 404, exactly like a missing one."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # File fields need distinct request and response components (multipart uploads).
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name (`status`, `modality`, `kind`): each keeps a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "tickets.models.Ticket.Status",
        "ModalityEnum": "tickets.models.Ticket.Modality",
        "KindEnum": "tickets.models.Ticket.Kind",
        "ConsultancyStatusEnum": "consultoria.models.Consultancy.Status",
        "ModalityCodeEnum": "consultoria.models.Modality.Code",
        "PayerEnum": "consultoria.models.Consultancy.Payer",
    },
}
