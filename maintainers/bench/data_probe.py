"""Import and data-loading costs, measured in a fresh Python process (run by bench/run.py, N times).

Prints one JSON object:

- ``import_helpers_s``: ``import helpers`` in a fresh process (what the imports cell pays, minus
  the kernel), and which heavy modules that import pulled in;
- ``tables``: per table of the data package, a cold load (``clear_cache()`` first, so the table and
  the tables its foreign keys point to are parsed and checked) and a cached load (the kernel has
  loaded it before: ``functools.cache`` hit plus a defensive ``.copy()``), median of 20.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

HEAVY = ["pandas", "plotly.graph_objects", "plotly.express", "plotly.io._renderers", "ipywidgets",
         "IPython", "nbformat", "jsonschema", "rfc3987_syntax", "narwhals"]


def main() -> None:
    t = time.perf_counter()
    import helpers  # noqa: F401  (the measured import)

    import_s = time.perf_counter() - t
    loaded = [m for m in HEAVY if m in sys.modules]
    from helpers.data import clear_cache, load_table, table_names

    tables = {}
    for name in table_names():
        cold = []
        for _ in range(3):
            clear_cache()
            t = time.perf_counter()
            load_table(name)
            cold.append((time.perf_counter() - t) * 1000)
        warm = []
        for _ in range(20):
            t = time.perf_counter()
            frame = load_table(name)
            warm.append((time.perf_counter() - t) * 1000)
        tables[name] = {"rows": len(frame), "cold_ms": statistics.median(cold),
                        "cached_ms": statistics.median(warm)}
    print(json.dumps({"import_helpers_s": import_s, "loaded_by_import": loaded, "tables": tables}))


if __name__ == "__main__":
    main()
