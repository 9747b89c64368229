"""The engine is framework-free: no Django anywhere under corridor/forecasting/engine/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "corridor" / "forecasting" / "engine"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_engine_module_imports_django() -> None:
    offenders = {
        path.name: sorted(name for name in imported_modules(path) if name.split(".")[0] == "django")
        for path in ENGINE.glob("*.py")
    }

    assert {name: found for name, found in offenders.items() if found} == {}


def test_importing_the_engine_loads_neither_django_nor_scipy() -> None:
    code = "import sys, corridor.forecasting.engine; print(sorted({'django', 'scipy'} & set(sys.modules)))"

    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout

    assert loaded.strip() == "[]"
