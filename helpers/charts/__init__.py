"""Charts: functions that take a DataFrame and return a plotly figure; they never compute beyond plotting.

One module per notebook, named after it (``causes``, ``sanctions``, ``expulsions``, ``closures``,
``tit_for_tat``, ``reading_the_news``, ``capstone``); :mod:`helpers.charts.common` for the timeline
every notebook may use, :mod:`helpers.charts.maps` for the offline base map, and
the template in :mod:`helpers.display` (registered when this package is imported). A chart
function never displays, reads files or changes its input; what it draws comes from
:mod:`helpers.analysis`.
"""

from helpers import display  # noqa: F401  (registers the collection's template)
from helpers.charts.common import timeline_figure, year_axis

__all__ = ["timeline_figure", "year_axis"]
