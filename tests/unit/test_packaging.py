"""Packaging: our generic package names import from this repository; environment.yml matches."""

import ast
import importlib
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


@pytest.mark.parametrize("name", ["journal", "widgets", "references", "export"])
def test_package_imports_from_this_repo(name):
    module = importlib.import_module(name)
    assert Path(module.__file__).resolve().parent == ROOT / name


def test_only_our_four_packages_are_installed():
    include = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {p.split(".")[0] for p in include} == {"journal", "widgets", "references", "export"}


def test_console_script_and_entry_points_resolve():
    from importlib.metadata import entry_points

    assert PYPROJECT["project"]["scripts"]["journal"] == "journal.cli:main"
    groups = [g for g in PYPROJECT["project"]["entry-points"]]
    assert "nbconvert.exporters" in groups
    for group in groups:
        declared = PYPROJECT["project"]["entry-points"][group]
        installed = {ep.name: ep for ep in entry_points(group=group)}
        for name, target in declared.items():
            assert installed[name].value == target, (group, name)
            assert installed[name].load() is not None, (group, name)


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_every_runtime_dependency():
    text = (ROOT / "environment.yml").read_text().lower().replace("_", "-")
    listed = set(re.findall(r"^\s*-\s*([a-z0-9][a-z0-9.\-]*)", text, re.M))
    missing = {_name(r) for r in PYPROJECT["project"]["dependencies"]} - listed
    assert not missing, f"environment.yml lacks {sorted(missing)}"
    assert re.search(r"-\s*pip:\s*\n\s*-\s*-e\s+\.|\s-\s+\.\s*$", (ROOT / "environment.yml").read_text(), re.M)


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module `path` imports, anywhere in it (inside functions too), as absolute dotted names.

    `package` is the dotted name of the module's package, to resolve relative imports; calls of
    `importlib.import_module("name")` with a literal name count as imports.
    """
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def _package_of(path: Path) -> str:
    """The dotted package a module file belongs to (a package's __init__ belongs to itself)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1])


def _imports_any(modules: set[str], roots: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in roots)


CORE_MAY_NOT_IMPORT = ("ipywidgets", "widgets", "export")
# Exempt: the Voila index page shows its listing as an ipywidgets HTML widget in the served kernel.
# It goes away with Voila (the course server replaces `journal serve`), so it is not moved to widgets/.
VOILA_ONLY = ("journal/serve/index.py",)


def core_modules():
    """Every module of the core: `journal/` but its CLI (which sits above export and widgets)."""
    return [p for p in sorted((ROOT / "journal").rglob("*.py"))
            if "cli" not in p.relative_to(ROOT).parts and p.relative_to(ROOT).as_posix() not in VOILA_ONLY]


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_core_never_imports_ui_or_export(path):
    bad = _imports_any(imported_modules(path, _package_of(path)), CORE_MAY_NOT_IMPORT)
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}: the core never imports UI or export code"


def test_the_import_reader_sees_every_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    import ipywidgets.widgets as w\n    from . import sibling\n"
                      "    from widgets.render import notice\n    importlib.import_module('export.html')\n")
    found = imported_modules(module, "journal.serve")
    assert {"os", "ipywidgets.widgets", "journal.serve.sibling", "widgets.render", "export.html"} <= found
    assert _imports_any(found, CORE_MAY_NOT_IMPORT) == ["export.html", "ipywidgets.widgets", "widgets.render",
                                                        "widgets.render.notice"]


def test_the_voila_exemption_is_still_needed():
    """An exempt module that no longer imports UI code must lose its exemption (a deleted one is harmless)."""
    for name in VOILA_ONLY:
        path = ROOT / name
        if path.is_file():
            assert _imports_any(imported_modules(path, _package_of(path)), CORE_MAY_NOT_IMPORT), \
                f"{name} no longer needs its exemption: remove it from VOILA_ONLY"


def test_references_knows_nothing_of_journals():
    for path in (ROOT / "references").rglob("*.py"):
        package = _package_of(path)
        bad = _imports_any(imported_modules(path, package), ("journal", "widgets", "export"))
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}: references knows no journal"
