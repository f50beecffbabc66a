"""Packaging: our generic package names import from this repository; environment.yml matches.

Which package may import which is pyproject.toml's import-linter contracts, checked by `make test`."""

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


def test_what_the_core_looks_up_the_course_registers():
    from journal.registry import CLASS_FEEDBACK, JOINED_STORES, registered

    for group in (JOINED_STORES, CLASS_FEEDBACK):
        target = PYPROJECT["project"]["entry-points"][group]["course"]
        assert target.startswith("journal.course.") and callable(registered(group)), group


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_every_runtime_dependency():
    text = (ROOT / "environment.yml").read_text().lower().replace("_", "-")
    listed = set(re.findall(r"^\s*-\s*([a-z0-9][a-z0-9.\-]*)", text, re.M))
    missing = {_name(r) for r in PYPROJECT["project"]["dependencies"]} - listed
    assert not missing, f"environment.yml lacks {sorted(missing)}"
    assert re.search(r"-\s*pip:\s*\n\s*-\s*-e\s+\.|\s-\s+\.\s*$", (ROOT / "environment.yml").read_text(), re.M)
