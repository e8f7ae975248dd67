"""Analysis: plain functions that take the tables of :mod:`helpers.data` and return tables or values.

One module per notebook, named after it (``causes``, ``sanctions``, ``expulsions``, ``closures``,
``tit_for_tat``, ``reading_the_news``, ``capstone``), plus :mod:`helpers.analysis.links` for the
links between an act and its answer, which several notebooks use. Analysis functions never draw,
display, read files or change their input; charts (:mod:`helpers.charts`) draw what they return, and
the exercises compute their expected answers with them.
"""
