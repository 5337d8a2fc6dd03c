"""No rule id (SLA-7, ACC-5, TKT-9…) in any text a user reads: every translatable string of every app,
every template (comments included, they end up read by whoever edits the page), every help text and
label of the models. Rule ids belong in tests, commits and notes."""

import ast
import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
RULE_ID = re.compile(r"\b(?:ACC|ACP|API|CAL|CHN|CON|OMB|OPS|SELF|SEV|SLA|SRV|TEN|TKT)-\d")
APPS = [
    path.parent
    for path in ROOT.glob("*/apps.py")
    if path.parent.name not in {"tests", "bench", "node_modules"}
]
USER_TEXT_KEYWORDS = {"help_text", "verbose_name", "verbose_name_plural", "label", "description"}


def _user_strings(path: Path) -> list[str]:
    """Literal strings handed to gettext or to a user-facing keyword (help_text, label…)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        values = list(node.args) if name == "_" or "gettext" in name else []
        values += [keyword.value for keyword in node.keywords if keyword.arg in USER_TEXT_KEYWORDS]
        found += [
            value.value
            for value in values
            if isinstance(value, ast.Constant) and isinstance(value.value, str)
        ]
    return found


def test_the_project_has_apps_to_check():
    assert {"tickets", "sla", "accounts", "consultoria"} <= {app.name for app in APPS}


def test_no_rule_id_in_python_texts_users_read():
    offending = [
        f"{path.relative_to(ROOT)}: {text}"
        for app in APPS
        for path in app.rglob("*.py")
        if "migrations" not in path.parts
        for text in _user_strings(path)
        if RULE_ID.search(text)
    ]
    assert offending == []


def test_no_rule_id_in_the_models_help_texts_and_names():
    """The models' current state (old migrations keep the history, the database forms read this)."""
    offending = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if RULE_ID.search(f"{getattr(field, 'help_text', '')} {getattr(field, 'verbose_name', '')}")
    ]
    assert offending == []


def test_no_rule_id_in_any_template():
    offending = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*")
        if path.is_file() and RULE_ID.search(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_no_rule_id_in_the_translation_catalogue():
    catalogue = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    offending = [line for line in catalogue.splitlines() if not line.startswith("#") and RULE_ID.search(line)]
    assert offending == []


def test_no_rule_id_in_the_published_api_schema(client):
    """The views' docstrings cite rules for whoever reads the code; the schema (and its docs page)
    that client developers read says the same without them."""
    schema = client.get("/api/v1/schema/").content.decode()
    assert "What a client needs to open a ticket: the products" in schema
    assert not RULE_ID.findall(schema)
