"""The test suite's two speed and reliability workarounds, as one pytest plugin loaded first (``-p pytest_speed``).

1. **Import rfc3987-syntax only when used.**

JupyterLab brings ``jsonschema[format-nongpl]`` and with it ``rfc3987-syntax``, which builds a Lark grammar
when imported (~2 s). ``import nbformat`` imports jsonschema, whose format checkers import it at once, so
pytest's main process and each xdist worker paid ~2 s before running anything (nbval imports nbformat
when pytest loads it). nbformat never checks the ``iri`` formats that need the grammar.

This module puts a stand-in for ``rfc3987_syntax`` in ``sys.modules`` that imports the real module on
first use, so behaviour is unchanged: an ``iri`` check still validates with the real grammar, it just
builds it when first needed. It does nothing if the package is absent or already imported. It must be
loaded before the plugins that import nbformat, hence ``-p`` in ``addopts`` (a conftest.py is too late).
Measured by ``make bench`` (``maintainers/bench/REPORT.md``, "Test suite").

2. **Wait for a kernel's reply in short slices.** nbclient (tests/test_rerun.py) waits for a kernel's reply
with an asyncio poll that can miss the wake-up when the reply arrives (upstream jupyter/nbclient#312; here on
cells that build ipywidgets): the wait then lasts the whole cell timeout and returns the reply as if nothing
happened. Polling in slices of 0.2 s bounds such a stall; replies, ``Empty`` at the deadline and everything
else are unchanged.

Maintainers only: nothing in a notebook depends on this file (see maintainers/README.md).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

NAME = "rfc3987_syntax"


def _install() -> None:
    if NAME in sys.modules or importlib.util.find_spec(NAME) is None:
        return
    stub = types.ModuleType(NAME, "Stand-in that imports rfc3987_syntax on first use (maintainers/pytest_speed.py).")

    def load() -> types.ModuleType:
        module = sys.modules.get(NAME)
        if module is None or module is stub:
            sys.modules.pop(NAME, None)
            try:
                module = importlib.import_module(NAME)
            except BaseException:
                sys.modules[NAME] = stub
                raise
        return module

    def is_valid_syntax(*args: Any, **kwargs: Any) -> Any:
        return load().is_valid_syntax(*args, **kwargs)

    def __getattr__(name: str) -> Any:  # anything else: the real module's attribute
        if name.startswith("__") and name.endswith("__"):  # import machinery probing (__path__, ...)
            raise AttributeError(name)
        return getattr(load(), name)

    stub.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    stub.__getattr__ = __getattr__  # type: ignore[method-assign]
    sys.modules[NAME] = stub


_install()


def _poll_kernel_replies_in_slices(step: float = 0.2) -> None:
    from queue import Empty
    from time import monotonic

    try:
        from jupyter_client.channels import AsyncZMQSocketChannel
    except ImportError:  # no jupyter_client: nothing to patch
        return
    original = AsyncZMQSocketChannel.get_msg
    if getattr(original, "_in_slices", False):
        return

    async def get_msg(self: Any, timeout: float | None = None) -> Any:
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            wait = step if deadline is None else max(0.0, min(step, deadline - monotonic()))
            try:
                return await original(self, timeout=wait)
            except Empty:
                if deadline is not None and monotonic() >= deadline:
                    raise

    get_msg._in_slices = True  # type: ignore[attr-defined]
    AsyncZMQSocketChannel.get_msg = get_msg


_poll_kernel_replies_in_slices()
