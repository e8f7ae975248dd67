"""Helpers for the 'Diplomatic Tit-for-Tat' notebooks: what a notebook's imports cell needs, in one place.

The package is layered; each layer imports only from the layers below it (a test enforces this):

1. :mod:`helpers.vocabulary` and :mod:`helpers.errors` — countries, categories, colours; plain errors;
2. :mod:`helpers.data` — one loader per table of the data package (``load_events()``, ...);
3. :mod:`helpers.analysis` — one module per notebook: functions that return tables, never draw;
4. :mod:`helpers.charts` — one module per notebook: functions that take a table and return a figure;
   :mod:`helpers.display` — how figures reach the page (fast, offline, ``fig.show()`` included);
5. :mod:`helpers.widgets` — one module per notebook: explorers that wire controls to analysis + charts;
6. :mod:`helpers.exercises` — ``check``, ``hint``, ``solution``, ``progress``, one module per notebook;
7. tools built on all of these: :mod:`helpers.report` (the teacher's report of a class's notebooks).

Importing ``helpers`` in a notebook also installs the kernel support: figures drawn without plotly's
slow path (:func:`helpers.display.install`), and one-line advice after out-of-order errors
(:func:`helpers.exercises.kernel.install`). Outside a notebook both do nothing.
"""

from helpers import display as _display
from helpers.charts import timeline_figure, year_axis
from helpers.data import (
    DataPackageError,
    explode_ids,
    load_claims,
    load_events,
    load_facilities,
    load_people,
    load_sanctions,
    load_sources,
    load_staffing,
    load_table,
    split_ids,
)
from helpers.exercises import check, hint, progress, solution
from helpers.exercises import kernel as _kernel
from helpers.sources import cite, sources_list

__all__ = [
    "DataPackageError",
    "check",
    "cite",
    "explode_ids",
    "hint",
    "load_claims",
    "load_events",
    "load_facilities",
    "load_people",
    "load_sanctions",
    "load_sources",
    "load_staffing",
    "load_table",
    "progress",
    "solution",
    "sources_list",
    "split_ids",
    "timeline_figure",
    "year_axis",
]

_display.install()
_kernel.install()
