"""Helpers for the 'Diplomatic Tit-for-Tat' notebooks.

- :mod:`helpers.data` — ``load_events()`` and one loader per table of the data package;
- :mod:`helpers.charts` — the collection's plotly template and chart builders;
- :mod:`helpers.maps` — maps that draw without internet;
- :mod:`helpers.widgets` — the explorers (ipywidgets) used in the notebooks;
- :mod:`helpers.exercises` — ``check``, ``hint`` and ``solution`` for the exercises;
- :mod:`helpers.sources` — render a notebook's sources as a list with links.
"""

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
from helpers.exercises import check, hint, solution
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
    "solution",
    "sources_list",
    "split_ids",
    "timeline_figure",
    "year_axis",
]
