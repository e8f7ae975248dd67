"""Run a notebook as a student runs it (its own folder as working directory), keeping the result in a cache.

The cache (``.cache/site/`` in the repository) is keyed by the notebook's text, every file of ``helpers/``
and ``data/``, and the versions of Python, pandas and plotly: a second ``make site`` with nothing changed
only renders. Nothing the kernel writes goes to the home folder: its Jupyter and IPython folders are
temporary.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from helpers.notebooks import ROOT, read_notebook

__all__ = ["CACHE_DIR", "ExecutionError", "execute_notebook", "inputs_key"]

CACHE_DIR = ROOT / ".cache" / "site"


class ExecutionError(RuntimeError):
    """A notebook raised an error while the site was built; the message names the notebook and the cell."""


def inputs_key(path: Path) -> str:
    """A hash of what an executed notebook depends on: its text, the helpers package, the data, the versions."""
    import pandas
    import plotly

    digest = hashlib.sha256()
    digest.update(path.read_bytes())
    for folder in (ROOT / "helpers", ROOT / "data"):
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode())
                digest.update(file.read_bytes())
    digest.update(f"{platform.python_version()} {pandas.__version__} {plotly.__version__}".encode())
    return digest.hexdigest()[:20]


def execute_notebook(path: Path, *, cache: bool = True, timeout: int = 600) -> dict[str, Any]:
    """The notebook at ``path`` with its outputs (run in its folder by a fresh kernel of this Python)."""
    key = inputs_key(path)
    prefix = f"{'teacher' if path.parent.name == 'solutions' else 'student'}-{path.stem}"
    cached = CACHE_DIR / f"{prefix}-{key}.ipynb"
    if cache and cached.exists():
        return read_notebook(cached)
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="titfortat-site-") as state:
        env = {"JUPYTER_CONFIG_DIR": f"{state}/config", "JUPYTER_DATA_DIR": f"{state}/data",
               "JUPYTER_RUNTIME_DIR": f"{state}/runtime", "IPYTHONDIR": f"{state}/ipython",
               "MPLCONFIGDIR": f"{state}/mpl"}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                    resources={"metadata": {"path": str(path.parent)}})
            # This interpreter's kernel (the project's .venv), whatever kernels the machine has installed.
            client.kernel_manager_class = _kernel_manager()
            client.execute()
        except CellExecutionError as exc:
            raise ExecutionError(f"{path.relative_to(ROOT)} raised an error while the site was built:\n{exc}") from None
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    data = json.loads(nbformat.writes(nb))
    if cache:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for old in CACHE_DIR.glob(f"{prefix}-*.ipynb"):  # older runs of this notebook
            old.unlink(missing_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(cached)
    return data


def _kernel_manager() -> type:
    from jupyter_client import KernelManager

    class ThisPythonKernel(KernelManager):
        """A python3 kernel started with this interpreter (sys.executable)."""

        @property
        def kernel_spec(self) -> Any:
            spec = super().kernel_spec
            # log_level: not the warning about TCP on the loopback that every kernel start prints
            spec.argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                         "--IPKernelApp.log_level=ERROR"]
            return spec

    return ThisPythonKernel
