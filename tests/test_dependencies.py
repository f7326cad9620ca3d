"""Every third-party module copydesk imports belongs to a core dependency, or to an extra whose
absence the code reports: readability-lxml sat in the `bench` extra while the extraction
fallback imported it, so a core install failed some pages with ModuleNotFoundError."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Modules an extra provides, imported only where a missing extra is reported by name.
EXTRA_MODULES = {"spacy", "dateparser", "pycountry", "countryinfo", "ray", "en_core_web_sm"}
#: Distributions that come with a core dependency (trafilatura, fastapi ...).
COMES_WITH_CORE = {
    "starlette",
    "pydantic",
    "courlan",
    "urllib3",
    "certifi",
    "regex",
    "h11",
    "markupsafe",
}


def _imported_modules() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src" / "copydesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "copydesk"}


def _core() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = (re.split(r"[<>=\[;! ]", d, maxsplit=1)[0] for d in project["dependencies"])
    return {n.lower().replace("_", "-") for n in names}


def test_every_imported_module_is_a_core_dependency_or_a_named_extra() -> None:
    dists = packages_distributions()
    core = _core() | COMES_WITH_CORE
    missing = []
    for module in sorted(_imported_modules() - EXTRA_MODULES):
        owners = {d.lower().replace("_", "-") for d in dists.get(module, [])}
        if not owners & core:
            missing.append(f"{module} ({', '.join(sorted(owners)) or 'not installed'})")
    assert not missing, f"imported but not a core dependency: {missing}"
