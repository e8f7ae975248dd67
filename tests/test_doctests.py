"""The examples in the helpers' docstrings (``>>>``, as data-8's tables write them) run and still hold.

They are documentation a teacher reads first; this test keeps them from going stale.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                 for p in (ROOT / "helpers").rglob("*.py") if "__main__" not in p.name)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples of {name} fail"


def test_the_analysis_layer_is_documented_by_examples() -> None:
    """Every analysis module shows at least one example on a few rows."""
    finder = doctest.DocTestFinder()
    bare = [name for name in MODULES if name.startswith("helpers.analysis.") and
            not any(t.examples for t in finder.find(importlib.import_module(name)))]
    assert not bare, f"add a >>> example to: {bare}"
