"""Install the classroom JupyterLab settings into the current Python environment.

No "Jupyter news" pop-up, no update check, a read-only extension manager: settings that suit a
classroom and machines without internet. Used by `make lab`, `make test` and Binder's postBuild.

    python scripts/configure_lab.py [--prefix PREFIX]   # default: sys.prefix
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent.parent / "lab-settings"


def install(prefix: Path) -> list[Path]:
    """Copy overrides.json and the server config under ``prefix``; return the files written."""
    targets = [
        (SETTINGS / "overrides.json", prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"),
        (SETTINGS / "jupyter_server_config.json",
         prefix / "etc" / "jupyter" / "jupyter_server_config.d" / "titfortat-classroom.json"),
    ]
    written = []
    for source, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", type=Path, default=Path(sys.prefix))
    args = parser.parse_args()
    for path in install(args.prefix):
        print(f"configured {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
