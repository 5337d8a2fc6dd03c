"""pt-BR is the source language; English must be complete (every string the UI can show)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Every app of the project (a folder with an apps.py) and the templates.
SOURCES = (*sorted(path.parent.name for path in ROOT.glob("*/apps.py")), "templates")


def _msgids(po_text: str) -> set[str]:
    entries = re.findall(r'^msgid ((?:".*"\n)+)', po_text, flags=re.MULTILINE)
    return {"".join(re.findall(r'"(.*)"', entry)) for entry in entries} - {""}


def test_every_english_entry_is_translated_and_not_fuzzy():
    text = PO.read_text()
    _header, _, body = text.partition("\n\n")
    assert "#, fuzzy" not in body
    empty = re.findall(r'^msgid ((?:".*"\n)+)msgstr ""\n(?!")', body, flags=re.MULTILINE)
    assert empty == []


def test_compiled_catalogue_matches_the_po_file(tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("gettext is not installed")
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), "run `make messages`"


def test_catalogue_has_every_string_of_the_code(tmp_path):
    if not shutil.which("xgettext"):
        pytest.skip("gettext is not installed")
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    missing = _msgids((tmp_path / "locale/en/LC_MESSAGES/django.po").read_text()) - _msgids(PO.read_text())
    assert sorted(missing) == [], "run `make messages` and translate the new strings"
