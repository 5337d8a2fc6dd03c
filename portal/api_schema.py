"""drf-spectacular's settings: the API schema's title, description and enum names (imported by the
settings; no environment in them), and the hook that keeps rule ids out of the published schema."""

from __future__ import annotations

import re
from typing import Any

# The product's rule ids ("TKT-2", "ACP-1..3"): the views' docstrings cite them for whoever reads the
# code; the schema's readers (client developers) get the sentences without them.
_ID = r"(?:ACC|ACP|API|CAL|CHN|CON|OMB|OPS|SELF|SEV|SLA|SRV|TEN|TKT)-\d+(?:\.\.\d+)?"
_IDS = rf"{_ID}(?:\s*,\s*{_ID})*"
_CLEANUPS = [
    (re.compile(rf"\s*\({_IDS}\)"), ""),  # "… a ticket (TKT-2)"
    (re.compile(rf"^{_IDS}:\s*"), ""),  # "SRV-2: the survey…"
    (re.compile(rf",\s*{_IDS}(?=\))"), ""),  # "(… video, TKT-2)"
    (re.compile(rf"(?<=\()\s*{_IDS}\s*,\s*"), ""),  # "(TKT-2, …)"
    (re.compile(rf"\b{_IDS}\b\s*"), ""),  # any other
]


_TEXTS = ("description", "summary")


def _without_ids(text: str) -> str:
    cleaned = text
    for pattern, replacement in _CLEANUPS:
        cleaned = pattern.sub(replacement, cleaned)
    return cleaned[:1].upper() + cleaned[1:] if cleaned != text else text


def _clean(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: _without_ids(value) if key in _TEXTS and isinstance(value, str) else _clean(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_clean(item) for item in node]
    return node


def without_rule_ids(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular's postprocessing hook: descriptions and summaries without rule ids."""
    return _clean(result)


SPECTACULAR_SETTINGS = {
    "TITLE": "Portal do Cliente API",
    "DESCRIPTION": (
        "API v1: what a client contact, a partner consultant and an analyst do in the browser, "
        "with the same permissions. Authenticate with `Authorization: Token <token>` "
        "(from `POST /api/v1/auth/token/`) or the browser session (unsafe methods then need the "
        "CSRF token). Another company's ticket or file answers 404, exactly like a missing one."
    ),
    "VERSION": "1.0.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api_schema.without_rule_ids",
    ],
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
