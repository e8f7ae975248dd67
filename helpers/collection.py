"""The collection itself: its notebooks, their titles and time to learn, read from the notebooks."""

from __future__ import annotations

import re

import pandas as pd

from helpers.notebooks import NotebookReadError, cell_source, read_notebook, student_notebooks

__all__ = ["notebook_map"]

_TIME = re.compile(r"\*\*Time to learn\*\*:?\s*(\d+)\s*minutes", re.IGNORECASE)


def notebook_map() -> pd.DataFrame:
    """One row per student notebook: file, title and minutes to learn, read from each notebook."""
    rows = []
    for path in student_notebooks():
        try:
            nb = read_notebook(path)
        except NotebookReadError:
            continue
        text = "\n".join(cell_source(c) for c in nb["cells"] if c.get("cell_type") == "markdown")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        minutes = _TIME.search(text)
        rows.append({"notebook": path.name, "title": title,
                     "minutes": int(minutes.group(1)) if minutes else pd.NA})
    frame = pd.DataFrame(rows, columns=["notebook", "title", "minutes"])
    frame["minutes"] = frame["minutes"].astype("Int64")
    return frame
