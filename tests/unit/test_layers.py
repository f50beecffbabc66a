"""Every module of the project is in one layer of the import contract (pyproject.toml, checked by `make test`
with import-linter), so a new module cannot slip past the layering by being in none."""

import pkgutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOP = ("journal.cli", "journal.__main__")    # the CLI: nothing imports it, so no contract lists it as a source


def contracts():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return config["root_packages"], config["contracts"]


def project_modules(roots):
    found = []
    for root in roots:
        found.append(root)
        found += [m.name for m in pkgutil.walk_packages([str(ROOT / root)], prefix=root + ".")
                  if "labextension" not in m.name]
    return found


def placed(module, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_every_module_is_in_a_layer():
    roots, found = contracts()
    layers = [c["source_modules"] for c in found if c["type"] == "forbidden"]
    everyone = [m for layer in layers for m in layer] + list(TOP)
    unplaced = [m for m in project_modules(roots) if m not in roots and m != "journal" and not placed(m, everyone)]
    assert unplaced == []


def test_a_core_module_is_not_also_in_a_higher_layer():
    _, found = contracts()
    core = next(c for c in found if c["name"].startswith("the core"))
    assert all(not placed(m, core["forbidden_modules"]) for m in core["source_modules"])
