"""The teacher's loop: collect a class's notebooks, see where the class stands, read the written answers.

    python -m helpers.report FOLDER [--out FOLDER] [--timeout SECONDS] [--cell-timeout SECONDS] [--workers N]
    make report SUBMISSIONS=FOLDER [REPORT_OUT=FOLDER]

``FOLDER`` holds the students' notebooks under any names, in nested folders if need be (a hub's home
folders, a download of e-mail attachments). Each is run, from a copy, in a fresh Python kernel with a time
limit, and what its checks found is collected. The report folder (default: ``FOLDER-report`` next to it)
then holds:

- ``results.csv`` — one row per student × exercise: status, the answer given, the typical mistake it
  matched, attempts, hints, and a note when no check ran;
- ``submissions.csv`` — one row per file: whose, which notebook, what happened, and any problem;
- ``summary.html`` — completion and success per exercise, the most common wrong answers, a grid of
  students × exercises, and the files that need a look (one file that works offline: plotly.js inlined);
- ``booklet.html`` — the written answers grouped by exercise, with room for comments, to read or print.

Student notebooks are code, and the report runs them with the permissions of whoever runs it, as
nbgrader and otter-grader do: see "Collecting and reading your class's work" in the instructor guide.

This is the top layer of the package: it may import every other part of ``helpers``; nothing imports it.
Modules: :mod:`~helpers.report.submissions` (finding files, naming students, telling notebooks apart),
:mod:`~helpers.report.run` (running one notebook), :mod:`~helpers.report.collect` (the class, the cache,
the progress bar), :mod:`~helpers.report.tables` (the tables) and :mod:`~helpers.report.pages` (the pages).
"""

from __future__ import annotations

from helpers.report.collect import ClassReport, collect_class, default_out
from helpers.report.run import Limits

__all__ = ["ClassReport", "Limits", "collect_class", "default_out"]
