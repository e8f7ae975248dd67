"""Where the site's launch buttons point: read from ``[tool.titfortat.site]`` in pyproject.toml.

>>> cfg = SiteConfig(repo="OWNER/REPO", ref="v1.0", branch="main")
>>> cfg.binder_url("notebooks/03-expulsions.ipynb")
'https://mybinder.org/v2/gh/OWNER/REPO/v1.0?urlpath=lab/tree/notebooks/03-expulsions.ipynb'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from helpers.notebooks import ROOT

__all__ = ["SiteConfig", "load_config"]


@dataclass(frozen=True)
class SiteConfig:
    """The repository the launch buttons open (``OWNER/REPO`` until it is published), and at which ref."""

    repo: str = "OWNER/REPO"
    ref: str = "v1.0"          # Binder: a tag, built once for a whole class (README, "Ways to open it")
    branch: str = "main"       # nbgitpuller: the branch a hub pulls
    title: str = "Diplomatic Tit-for-Tat"

    @property
    def repo_url(self) -> str:
        return f"https://github.com/{self.repo}"

    @property
    def repo_name(self) -> str:
        return self.repo.rsplit("/", 1)[-1]

    def binder_url(self, path: str) -> str:
        """Open ``path`` (a notebook, relative to the repository) in JupyterLab on Binder."""
        return f"https://mybinder.org/v2/gh/{self.repo}/{self.ref}?urlpath=lab/tree/{path}"

    def source_url(self, path: str) -> str:
        """A file of the repository on GitHub (for links to files the site does not publish)."""
        return f"{self.repo_url}/blob/{self.ref}/{path}"


def load_config(pyproject: Path = ROOT / "pyproject.toml") -> SiteConfig:
    """The site settings of pyproject.toml's ``[tool.titfortat.site]`` (defaults for what it leaves out)."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return SiteConfig()
    table = data.get("tool", {}).get("titfortat", {}).get("site", {})
    known = {k: str(v) for k, v in table.items() if k in SiteConfig.__dataclass_fields__}
    return SiteConfig(**known)
