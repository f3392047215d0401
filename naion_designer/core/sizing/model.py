"""What sizing returns: candidates, the result of a search, and the per-cell grid of the
vectorised screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..cell import Cell
from ..pack import PackDesign
from ..results import Results
from ..targets import Check, Target

OBJECTIVES = {
    "cost": "lowest cell cost",
    "mass": "lowest mass",
    "volume": "smallest envelope volume",
    "energy_margin": "largest usable-energy margin",
}
MAX_CELLS = 200_000
MAX_GRID = 2_000_000  # candidates per cell, a guard against absurd targets
PARETO_MAX = 40


@dataclass
class Candidate:
    cell_id: str
    series: int
    parallel: int
    design: PackDesign
    results: Results
    checks: list[Check]
    passes: bool
    reasons: list[str]
    objective: float  # the objective's value (cost in the cell's currency, kg, m³, or margin)
    screen: dict[str, float] = field(default_factory=dict)  # the vectorised figures
    pareto: bool = False

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]


@dataclass
class SizingResult:
    target: Target
    objective: str
    candidates: list[Candidate]  # best first: passing ones, then near misses
    pareto: list[Candidate]  # passing, non-dominated in (mass, cost), by mass
    rejected_reasons: dict[str, str]  # cell id -> why no S × P of it passes ("" if some do)
    rejected_counts: dict[str, dict[str, int]]  # cell id -> binding requirement -> candidates
    passing_counts: dict[str, int]
    evaluated: int
    elapsed: float
    pareto_axes: tuple[str, str] = ("mass", "cost")
    _grids: dict[str, _Grid] = field(default_factory=dict, repr=False)

    @property
    def passing(self) -> list[Candidate]:
        return [c for c in self.candidates if c.passes]

    def binding(self, cell_id: str, series: int, parallel: int) -> str | None:
        """The requirement that rejects (cell, S, P) in the search, None if it passes, or
        'not searched' when the search did not cover it."""
        g = self._grids.get(cell_id)
        if g is None:
            return "not searched"
        i = np.searchsorted(g.S, series)
        j = parallel - 1
        if i >= g.S.size or g.S[i] != series or j < 0 or j >= g.P.size:
            return "not searched"
        code = int(g.binding[i, j])
        return None if code < 0 else g.names[code]


@dataclass
class _Grid:
    cell: Cell
    S: np.ndarray  # (nS,)
    P: np.ndarray  # (nP,) = 1..nP
    names: list[str]
    margins: np.ndarray  # (nReq, nS, nP)
    binding: np.ndarray  # (nS, nP) index of the binding requirement, -1 = passes
    passes: np.ndarray  # (nS, nP) bool
    figures: dict[str, np.ndarray]  # (nS, nP) arrays in SI (cost in currency)
    layout_choice: np.ndarray  # (nS, nP) 0 automatic layout, 1 the screened arrangement
    arrangement: Any  # [i, j] -> layout.arrange.Arrangement of the choice


class SizingCancelled(Exception):
    """Raised by size() when its cancel() callback returns True."""
