"""Texts users read (admin actions, help texts, labels, messages, pages) carry no rule ids: those
belong in tests, comments and docstrings."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULE_ID = re.compile(r"\b(?:ACC|TEN|TKT|SLA|SEV|CAL|ACP|SRV|API|OPS)-\d")
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def _translatable_strings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT:
            found += [
                arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
    return found


def test_no_rule_id_in_the_accounts_apps_translatable_texts():
    sources = [path for path in (ROOT / "accounts").rglob("*.py") if "migrations" not in path.parts]
    offending = [
        f"{path.relative_to(ROOT)}: {text}"
        for path in sources
        for text in _translatable_strings(path)
        if RULE_ID.search(text)
    ]
    assert offending == []


def test_no_rule_id_in_the_accounts_templates():
    comment = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.DOTALL)
    templates = [
        *(ROOT / "templates" / "accounts").rglob("*"),
        *(ROOT / "templates" / "emails" / "accounts").rglob("*"),
    ]
    offending = [
        str(path.relative_to(ROOT))
        for path in templates
        if path.is_file() and RULE_ID.search(comment.sub("", path.read_text(encoding="utf-8")))
    ]
    assert offending == []
