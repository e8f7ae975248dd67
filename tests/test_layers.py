"""The helpers package keeps its layers: no module imports from a layer above its own.

vocabulary → data → analysis → charts → widgets → exercises → tools (report, site). A teacher who changes
notebook 03's chart can then trust that nothing below the charts depends on it, and a function that
computes a table never draws. Imports inside functions count too (they are dependencies all the same).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "helpers"

# (module name prefix, layer); the longest matching prefix wins.
LAYERS: list[tuple[str, int]] = [
    ("helpers.vocabulary", 0),
    ("helpers.errors", 0),
    ("helpers.data", 1),
    ("helpers.validate", 1),
    ("helpers.notebooks", 1),
    ("helpers.analysis", 2),
    ("helpers.contribute", 2),
    ("helpers.collection", 2),
    ("helpers.charts", 3),
    ("helpers.display", 3),
    ("helpers.sources", 3),
    ("helpers.widgets", 4),
    ("helpers.exercises", 5),
    ("helpers.report", 6),
    ("helpers.site", 6),
]
NAMES = ["vocabulary/errors", "data", "analysis", "charts", "widgets", "exercises", "tools"]


def layer_of(module: str) -> int | None:
    """The layer of a helpers module (None for the package itself, which may import anything)."""
    best = None
    for prefix, layer in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, layer)
    return None if best is None else best[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every helpers module a file imports, relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "helpers"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "helpers":
                continue
            # `from helpers.x import y` may import the submodule helpers.x.y
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                sub = ROOT.joinpath(*candidate.split("."))
                found.append((node.lineno, candidate if sub.with_suffix(".py").exists() or sub.is_dir() else target))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


def test_every_module_has_a_layer():
    unplaced = [module_name(p) for p in MODULES if layer_of(module_name(p)) is None]
    assert not unplaced, f"give these modules a layer in tests/test_layers.py: {unplaced}"


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_module_imports_from_a_layer_above_it(path: Path):
    own = layer_of(module_name(path))
    above = []
    for line, target in imports_of(path):
        layer = layer_of(target)
        if target == "helpers":
            above.append(f"line {line}: imports the top package `helpers` (import the module you need)")
        elif layer is not None and own is not None and layer > own:
            above.append(f"line {line}: {target} ({NAMES[layer]}) is above {module_name(path)} ({NAMES[own]})")
    assert not above, "\n".join(above)


def test_the_check_catches_an_upward_import(tmp_path: Path):
    """The rule itself can fail: an analysis module importing a chart is refused."""
    fake = ROOT / "helpers" / "analysis" / "_layer_probe.py"
    fake.write_text("from helpers.charts.causes import event_strip_figure\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match="above helpers.analysis._layer_probe"):
            test_no_module_imports_from_a_layer_above_it(fake)
    finally:
        fake.unlink()
