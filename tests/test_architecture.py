"""Architecture rules that import-linter (`lint-imports`, contracts in pyproject.toml) cannot say.

Read from the source with `ast`, without importing it and without a database:

(a) no module over 400 lines outside migrations, except `sla/engine.py` (the pure SLA engine is
    one subject);
(b) no import cycle between the project's modules, imports inside functions included, and
    `from . import x` counting as an import of the package itself (Python runs its `__init__`);
(c) no module imports a private name (one starting with `_`) from another top-level app, whether
    as `from app.module import _name`, `import app._module` or `module._name` on an imported module
    of another app: what an app keeps private may change without notice;
(d) `sla/engine.py` imports only the standard library (ARCHITECTURE.md, convention 8);
(e) every project package is a root package of the import-linter contracts.

The resolution of imports follows ../shared/tools/import_cycles.py. A known offender is marked
`xfail(strict=True)` one by one in KNOWN_*: fixing it makes its test XPASS, which fails the suite
until the mark is dropped.
"""

from __future__ import annotations

import ast
import functools
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400
LARGE_ALLOWED = {"sla.engine"}  # one subject: the pure business-time engine
# Where the rules apply: the apps and the project package; tests and bench are tooling (but (b)
# also walks them, a cycle is a cycle wherever it is).
TOOLING = ("tests", "bench")

# Known offenders, one xfail each (see the module docstring); an empty one means none today.
KNOWN_LARGE: dict[str, str] = {}
KNOWN_CYCLES: dict[frozenset[str], str] = {}
KNOWN_PRIVATE: dict[str, str] = {}  # "importer:line -> imported name": reason


@dataclass(frozen=True)
class Module:
    name: str
    path: Path

    @property
    def top(self) -> str:
        return self.name.split(".")[0]

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    @property
    def is_migration(self) -> bool:
        return "migrations" in self.name.split(".")

    @property
    def is_tooling(self) -> bool:
        return self.top in TOOLING


def project_packages() -> set[str]:
    """The top-level packages of the project, tooling aside."""
    return {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in TOOLING and not path.parent.name.startswith(".")
    }


@functools.cache
def modules() -> dict[str, Module]:
    """Every project module by dotted name: the packages, tests, bench and the top-level scripts."""
    found = {}
    for top in sorted(project_packages() | {name for name in TOOLING if (ROOT / name).is_dir()}):
        for path in sorted((ROOT / top).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = Module(name, path)
    for path in sorted(ROOT.glob("*.py")):
        found[path.stem] = Module(path.stem, path)
    return found


@functools.cache
def tree(name: str) -> ast.Module:
    return ast.parse(modules()[name].path.read_text(encoding="utf-8"), filename=str(modules()[name].path))


def resolve(name: str, node: ast.ImportFrom, *, is_package: bool) -> str:
    """The absolute module of a `from ... import`, relative ones resolved against `name`."""
    if not node.level:
        return node.module or ""
    parts = name.split(".") if is_package else name.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def known(target: str) -> str | None:
    """The project module a dotted name lives in (a name inside a module resolves to the module)."""
    while target and target not in modules():
        target = target.rpartition(".")[0]
    return target or None


def imports_in(name: str, source: ast.Module, *, is_package: bool = False) -> dict[str, int]:
    """Project modules imported by `name` (anywhere in it, functions included) -> first line."""
    out: dict[str, int] = {}
    for node in ast.walk(source):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = resolve(name, node, is_package=is_package)
            # `from . import x` names the package too: Python runs its __init__ first.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            module = known(target)
            if module and module != name and node.lineno < out.get(module, sys.maxsize):
                out[module] = node.lineno
    return out


@functools.cache
def imports(name: str) -> dict[str, int]:
    return imports_in(name, tree(name), is_package=modules()[name].is_package)


def strongly_connected(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Tarjan's groups of two or more modules that import each other, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(frozenset(group))
    return groups


@functools.cache
def cycles() -> list[frozenset[str]]:
    graph = {name: set(imports(name)) for name, module in modules().items() if not module.is_migration}
    return strongly_connected(graph)


def describe(group: frozenset[str]) -> str:
    edges = [
        f"    {importer} -> {imported} ({modules()[importer].path.relative_to(ROOT)}:{line})"
        for importer in sorted(group)
        for imported, line in sorted(imports(importer).items())
        if imported in group
    ]
    return " <-> ".join(sorted(group)) + "\n" + "\n".join(edges)


def line_count(name: str) -> int:
    return len(modules()[name].path.read_text(encoding="utf-8").splitlines())


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(name: str, source: ast.Module, *, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, private name) that module `name` takes from another top-level app."""
    top = name.split(".")[0]

    def foreign(module: str | None) -> bool:
        return module is not None and module.split(".")[0] != top

    def private_part(dotted: str) -> str | None:
        # `app._module` or `app.module._name`: the first private component after the app.
        return next((part for part in dotted.split(".")[1:] if is_private(part)), None)

    bound: dict[str, str] = {}  # local name -> module of another app it stands for
    for node in ast.walk(source):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if foreign(known(alias.name)):
                    if private_part(alias.name):
                        yield node.lineno, alias.name
                    if alias.asname:
                        bound[alias.asname] = alias.name
                    else:
                        bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            base = resolve(name, node, is_package=is_package)
            if not foreign(known(base)):
                continue
            for alias in node.names:
                dotted = f"{base}.{alias.name}"
                if private_part(dotted):
                    yield node.lineno, dotted
                elif dotted in modules():
                    bound[alias.asname or alias.name] = dotted
    for node in ast.walk(source):
        # `module._name` on a module of another app bound by an import above.
        if not isinstance(node, ast.Attribute):
            continue
        chain, base = [], node
        while isinstance(base, ast.Attribute):
            chain.append(base.attr)
            base = base.value
        if not isinstance(base, ast.Name) or base.id not in bound:
            continue
        current = bound[base.id]
        for attr in reversed(chain):
            if f"{current}.{attr}" in modules():
                current = f"{current}.{attr}"
                continue
            if is_private(attr) and node.attr == attr:
                yield node.lineno, f"{current}.{attr}"
            break


def private_offenders(*, tooling: bool) -> dict[str, str]:
    found = {}
    for name, module in modules().items():
        if module.is_tooling != tooling:
            continue
        for line, imported in private_imports(name, tree(name), is_package=module.is_package):
            found[f"{module.path.relative_to(ROOT)}:{line} -> {imported}"] = name
    return found


def stdlib_only(name: str) -> list[str]:
    stdlib = set(sys.stdlib_module_names)
    wrong = []
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Import):
            wrong += [
                f"line {node.lineno}: import {a.name}"
                for a in node.names
                if a.name.split(".")[0] not in stdlib
            ]
        elif isinstance(node, ast.ImportFrom) and (
            node.level or (node.module or "").split(".")[0] not in stdlib
        ):
            names = ", ".join(alias.name for alias in node.names)
            wrong.append(f"line {node.lineno}: from {'.' * node.level}{node.module or ''} import {names}")
    return wrong


def xfail_each(known: dict, ids=str) -> list:
    return [
        pytest.param(key, marks=pytest.mark.xfail(strict=True, reason=reason), id=ids(key))
        for key, reason in known.items()
    ] or [pytest.param(None, marks=pytest.mark.skip(reason="no known offender"), id="none")]


# --- (a) module size -----------------------------------------------------------------------------


def large_modules() -> dict[str, int]:
    return {
        name: lines
        for name, module in modules().items()
        if not module.is_tooling and not module.is_migration and (lines := line_count(name)) > MAX_LINES
    }


def test_no_module_is_over_400_lines():
    offenders = {
        name: lines for name, lines in large_modules().items() if name not in LARGE_ALLOWED | set(KNOWN_LARGE)
    }
    assert not offenders, f"modules over {MAX_LINES} lines (split them by subject): " + ", ".join(
        f"{modules()[name].path.relative_to(ROOT)} ({lines})" for name, lines in sorted(offenders.items())
    )


@pytest.mark.parametrize("name", xfail_each(KNOWN_LARGE))
def test_known_large_module_was_split(name):
    assert line_count(name) <= MAX_LINES


def test_the_walk_finds_the_modules():
    # Guards the walk itself: packages, nested modules, migrations and tooling are told apart.
    assert {"sla.engine", "tickets.workflow.moves", "tickets.models", "manage"} <= set(modules())
    assert modules()["tickets.models"].is_package
    assert modules()["accounts.migrations.0001_initial"].is_migration
    assert modules()["tests.factories"].is_tooling


# --- (b) import cycles ---------------------------------------------------------------------------


def test_no_import_cycle():
    offenders = [group for group in cycles() if group not in KNOWN_CYCLES]
    assert not offenders, "import cycles:\n" + "\n".join(describe(group) for group in offenders)


@pytest.mark.parametrize("group", xfail_each(KNOWN_CYCLES, ids=lambda group: "+".join(sorted(group))))
def test_known_import_cycle_is_broken(group):
    joined = [found for found in cycles() if len(found & group) > 1]
    assert not joined, "\n".join(describe(found) for found in joined)


def test_the_cycle_rule_reads_imports_as_python_runs_them():
    source = ast.parse(
        "from . import badges\n"  # the package tickets.admin too: its __init__ runs first
        "from ..models import Ticket\n"
        "def later():\n"
        "    import sla.services.deadlines\n"  # inside a function: still an import
    )
    found = imports_in("tickets.admin.work", source)
    assert set(found) == {"tickets.admin", "tickets.admin.badges", "tickets.models", "sla.services.deadlines"}
    assert found["sla.services.deadlines"] == 4
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]


# --- (c) private names of another app ------------------------------------------------------------


def test_no_app_imports_a_private_name_of_another_app():
    offenders = sorted(set(private_offenders(tooling=False)) - set(KNOWN_PRIVATE))
    assert not offenders, (
        "private names taken from another app (make them public or move them):\n" + "\n".join(offenders)
    )


@pytest.mark.parametrize("offender", xfail_each(KNOWN_PRIVATE))
def test_known_private_import_is_gone(offender):
    assert offender not in private_offenders(tooling=False)


def test_the_private_name_rule_sees_every_spelling():
    source = ast.parse(
        "from accounts.validators import _mod11_digit, cnpj_is_valid\n"
        "from accounts import validators\n"
        "import accounts.validators as checks\n"
        "import sla.services\n"
        "from .models import _own_app_is_fine\n"
        "def f():\n"
        "    return validators._a, checks._b(), sla.services.deadlines._c, validators.__name__\n"
    )
    assert sorted(private_imports("tickets.services.opening", source, is_package=False)) == [
        (1, "accounts.validators._mod11_digit"),
        (7, "accounts.validators._a"),
        (7, "accounts.validators._b"),
        (7, "sla.services.deadlines._c"),
    ]


# --- (d) the pure SLA engine ---------------------------------------------------------------------


def test_sla_engine_imports_only_the_standard_library():
    wrong = stdlib_only("sla.engine")
    assert not wrong, "sla/engine.py must import only the standard library:\n" + "\n".join(wrong)


# --- (e) the import-linter contracts cover every package -----------------------------------------


def test_every_project_package_is_a_root_package_of_the_contracts():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    missing, stale = (
        project_packages() - set(config["root_packages"]),
        set(config["root_packages"]) - project_packages(),
    )
    assert not missing and not stale, (
        f"[tool.importlinter] root_packages: add {sorted(missing)}, drop {sorted(stale)} "
        "(and give a new app its place in the layers contracts)"
    )
