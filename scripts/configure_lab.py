"""Install the classroom JupyterLab settings into the current Python environment.

No "Jupyter news" pop-up, no update check, a read-only extension manager, and no search for language
servers at start-up (jupyter-lsp would run `npm prefix -g`, which writes ~/.npm; the collection installs
no language server): settings that suit a classroom and machines without internet. Used by `make lab`,
`make test` and Binder's postBuild.

    python scripts/configure_lab.py [--prefix PREFIX]   # default: sys.prefix
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent.parent / "lab-settings"


def _merge(source: Path, target: Path) -> None:
    """Write source's JSON settings into target, keeping any other settings target already has."""
    current = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    for section, values in json.loads(source.read_text(encoding="utf-8")).items():
        current.setdefault(section, {}).update(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


def install(prefix: Path) -> list[Path]:
    """Merge the lab settings and the LabApp server options into ``prefix``; return the files written."""
    targets = [
        (SETTINGS / "overrides.json", prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"),
        # LabApp reads its options from jupyter_lab_config.json in the environment's etc/jupyter.
        (SETTINGS / "jupyter_lab_config.json", prefix / "etc" / "jupyter" / "jupyter_lab_config.json"),
        # The server and its extensions (jupyter-lsp's LanguageServerManager) read jupyter_server_config.json,
        # whichever command starts the server (jupyter lab, jupyter server, a JupyterHub single-user server).
        (SETTINGS / "jupyter_server_config.json", prefix / "etc" / "jupyter" / "jupyter_server_config.json"),
    ]
    for source, target in targets:
        _merge(source, target)
    return [target for _, target in targets]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", type=Path, default=Path(sys.prefix))
    args = parser.parse_args()
    for path in install(args.prefix):
        print(f"configured {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
