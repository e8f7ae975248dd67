"""``python -m helpers.report FOLDER``: the class report (see :mod:`helpers.report`)."""

from __future__ import annotations

import argparse
import sys

from helpers.report.collect import collect_class, default_out
from helpers.report.run import Limits


def main(argv: list[str] | None = None) -> int:
    """Run the class report from the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.report",
        description="Run every student notebook in FOLDER (from a copy, in a fresh Python, with a time limit) "
                    "and write the class's results, a summary page and a booklet of written answers. "
                    "Student notebooks are code: run this only on notebooks you would run yourself.")
    parser.add_argument("folder", help="the folder holding the students' notebooks (nested folders allowed)")
    parser.add_argument("--out", help="the report folder (default: FOLDER-report, next to FOLDER)")
    parser.add_argument("--timeout", type=float, default=Limits.notebook, metavar="SECONDS",
                        help=f"time limit for one notebook, all cells together (default {Limits.notebook:g})")
    parser.add_argument("--cell-timeout", type=float, default=Limits.cell, metavar="SECONDS",
                        help=f"time limit for one cell (default {Limits.cell:g})")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="notebooks run at a time (default: the number of cores, at most 4)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    limits = Limits(notebook=args.timeout, cell=min(args.cell_timeout, args.timeout))
    out = args.out or default_out(args.folder)
    try:
        report = collect_class(args.folder, out, limits=limits, workers=args.workers, progress=not args.quiet)
    except NotADirectoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nStopped. The notebooks that had finished are kept: run the same command again to go on.",
              file=sys.stderr)
        return 130
    subs = report.submissions
    if subs.empty:
        print(f"No notebooks (.ipynb) were found in {args.folder}.", file=sys.stderr)
        return 1
    needs_look = int(((subs["problem"] != "") | ~subs["outcome"].isin(["collected", "not started"])).sum())
    print(f"{len(subs)} notebooks from {subs['student'].nunique()} students in {report.seconds:.0f} s "
          f"({report.ran} run, {report.reused} reused; {report.workers} at a time)"
          + (f"; {needs_look} need a look (see the end of the summary)" if needs_look else "") + ".")
    print(f"Summary:  {report.files['summary.html']}\nBooklet:  {report.files['booklet.html']}\n"
          f"Results:  {report.files['results.csv']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
