"""``python -m helpers.site [--out site] [--teacher] [--no-cache]``: build the static site (``make site``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.notebooks import ROOT
from helpers.site.build import BuildError, build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.site", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="folder to write (default: site/)")
    parser.add_argument("--teacher", action="store_true", help="also publish the teachers' versions (solutions)")
    parser.add_argument("--no-cache", action="store_true", help="run every notebook again, even if unchanged")
    args = parser.parse_args(argv)
    try:
        report = build_site(args.out, teacher=args.teacher, cache=not args.no_cache,
                            log=lambda line: print(f"  {line}", flush=True))
    except BuildError as exc:
        print(f"make site: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    if report.broken_links:
        print("broken internal links:\n  " + "\n  ".join(report.broken_links), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
