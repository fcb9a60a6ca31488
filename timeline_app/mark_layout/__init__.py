"""Where every mark and its title go on the timeline: rows, labels, clusters, lane heights.

Pure geometry with text measuring passed in, so it is unit-tested without Qt and the
painter only draws the result (the screen and the image exports alike).

Coordinates: x in day numbers (the painter maps them), y in layout pixels from the top
of the first lane; widths of symbols and titles are in pixels at ``days_per_pixel``.

The rules, in the order they apply on each lane:

1. **Long-running states** (a span of ``STATE_MIN_DAYS``, five years, or more: decades-long ties,
   memberships, programmes) go in thin state rows at the top of the lane, so they no
   longer crush the dated events.
2. **Clusters.** Point-like marks that would sit on top of one another at this zoom form
   piles; a pile of more than ``STACK_LIMIT`` events that zooming can still separate
   (they are not all on the same day) becomes one cluster mark with its count.
3. **Rows and titles.** Marks are placed in rank order (the selected event, then the
   largest absolute score, then the most sources, then the earliest): each takes the
   first row where its whole title fits beside it, else the row with the most room for
   a shortened title, else a row with room for the bare mark. Nothing placed in a row
   overlaps anything else in it, so no title covers another title or a mark.
4. **Lanes grow** with their rows, up to ``LABEL_ROWS`` rows for titled marks; bare
   marks of one same-day pile may add rows beyond that (never drawn on top of each other).

A figure (a slide cannot zoom) adds three rules: events it names in ``state_ids`` (dates
far coarser than its window, see ``coarse_for_window``) go in the thin state rows too;
events in ``ranked_first`` (pinned, selected) are ranked first; and with ``pile_limit``
a pile stacks up to that many marks, its best-ranked, and only the rest become one cluster;
with ``shed_by_rank`` a lane short of rows sheds its lowest-ranked events first (bare
marks, then clusters of those near one another), so no event loses its title while a
lower-ranked one keeps it; with ``view`` a title that would run past the window's right
edge is placed left of its mark.

The package, one module per concern:

* ``marks``: what a layout is made of (``Style``, ``PlacedMark``, ``LaneBox``,
  ``MarksLayout``) and its geometry queries (rectangles, hit testing);
* ``titles``: text measuring and shortening a title to a width;
* ``clusters``: piles of point-like marks that become one cluster mark;
* ``rows``: giving each mark (and each state) its row and its title;
* ``shedding``: a figure's lane giving up titles, its least significant events first;
* ``lanes``: ``layout_timeline``, which applies the rules above lane by lane;
* ``readable``: how much of each title the analyst can read in a window, and moving
  titles the view would cut.
"""

from timeline_app.mark_layout.clusters import cluster_label
from timeline_app.mark_layout.lanes import coarse_for_window, layout_timeline
from timeline_app.mark_layout.marks import LaneBox, MarkKind, MarksLayout, PlacedMark, Style
from timeline_app.mark_layout.readable import in_window, readable_events, titles_inside_view
from timeline_app.mark_layout.rows import LABEL_ROWS
from timeline_app.mark_layout.titles import ELLIPSIS, Measure, shorten

# What the painters, the figures and the tests use; the rest stays in its module.
__all__ = [
    "ELLIPSIS",
    "LABEL_ROWS",
    "LaneBox",
    "MarkKind",
    "MarksLayout",
    "Measure",
    "PlacedMark",
    "Style",
    "cluster_label",
    "coarse_for_window",
    "in_window",
    "layout_timeline",
    "readable_events",
    "shorten",
    "titles_inside_view",
]
