"""The collection itself: its notebooks, their titles and time to learn, read from the notebooks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

__all__ = ["notebooks_dir", "notebook_map"]

_TIME = re.compile(r"\*\*Time to learn\*\*:?\s*(\d+)\s*minutes", re.IGNORECASE)


def notebooks_dir() -> Path:
    """The folder of student notebooks (notebooks/ in the repository)."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def notebook_map() -> pd.DataFrame:
    """One row per student notebook: file, title and minutes to learn, read from each notebook."""
    rows = []
    for path in sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        text = "\n".join("".join(c.get("source", [])) for c in nb.get("cells", []) if c.get("cell_type") == "markdown")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        minutes = _TIME.search(text)
        rows.append({"notebook": path.name, "title": title,
                     "minutes": int(minutes.group(1)) if minutes else pd.NA})
    frame = pd.DataFrame(rows, columns=["notebook", "title", "minutes"])
    frame["minutes"] = frame["minutes"].astype("Int64")
    return frame
