"""Automatic sizing: every cell × series count × parallel count against one target.

The search is vectorised with numpy over S and P for each cell: the figures of every candidate
come in closed form from the same functions `check_design` uses (`window.window_figures`,
`window.power_per_parallel`, ...) and from the layout formulas of `layout.compute_layout`
(square packing, one module), so no PackDesign is built in the inner search.  The candidates that
are returned are then built as real PackDesigns and re-checked with `calculate()` +
`check_design()`: the figures a user sees are those of `naion calc`.

Every rejected candidate has a *binding* requirement: the failed one with the worst relative
margin.  A cell with no passing candidate gets a sentence saying which requirement no S × P of it
can meet.
"""

from .build import _layout_for, build_design, evaluate
from .model import OBJECTIVES, Candidate, SizingCancelled, SizingResult
from .pareto import pareto_indices
from .screen import _envelope
from .search import size

__all__ = ["size", "Candidate", "SizingResult", "SizingCancelled", "OBJECTIVES", "evaluate",
           "build_design", "pareto_indices", "_envelope", "_layout_for"]
