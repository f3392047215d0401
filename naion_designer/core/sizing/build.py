"""Real designs from the screen: built as PackDesigns and re-checked with calc and the checks."""

from __future__ import annotations

import math

from ..cell import Cell
from ..checks import check_design
from ..pack import Layout, Overhead, PackDesign
from ..targets import Target
from .model import Candidate, _Grid
from .screen import _objective_of


# --- building real designs --------------------------------------------------------------------
def build_design(cell: Cell, series: int, parallel: int, target: Target,
                 layout: Layout | None = None) -> PackDesign:
    """The PackDesign the search means by (cell, S, P) for this target."""
    overheads = ()
    if target.overhead_mass_fraction or target.overhead_volume_fraction:
        overheads = (Overhead("housing, BMS and busbars (target allowance)",
                              mass_fraction=target.overhead_mass_fraction,
                              volume_fraction=target.overhead_volume_fraction),)
    design = PackDesign(cell=cell, series=int(series), parallel=int(parallel),
                        name=f"{target.name}: {series}S{parallel}P {cell.model}",
                        cell_ref=cell.id if cell.origin == "library" else "",
                        overheads=overheads, layout=layout or Layout(),
                        target=target.id if target.origin in ("preset", "user", "") else
                        target.origin)
    design.validate()
    return design


def _layout_for(g: _Grid, i: int, j: int) -> Layout:
    if int(g.layout_choice[i, j]) == 0:
        return Layout()
    a = g.arrangement[i, j]
    return Layout(group_shape=a.group_shape, groups_per_row=a.groups_per_row,
                  rotation=a.rotation)


def _layout_variants(design: PackDesign) -> list[Layout]:
    """Other layouts to try when the screened one does not fit the envelope."""
    S, P = design.series, design.parallel
    out = []
    for rot in (0, 90):
        for gpr in (0, 1, S, max(1, S // 2), max(1, round(math.sqrt(S / max(P, 1))))):
            lay = Layout(groups_per_row=gpr, rotation=rot)
            if lay != design.layout and lay not in out:
                out.append(lay)
    return out


def evaluate(cell: Cell, series: int, parallel: int, target: Target,
             layout: Layout | None = None, screen: dict[str, float] | None = None,
             objective: str = "cost") -> Candidate:
    """Build the design, run calculate() and check_design(); try other layouts if the envelope
    is what fails."""
    from ..electrical import calculate

    design = build_design(cell, series, parallel, target, layout)
    results = calculate(design)
    checks = check_design(design, target, results)
    env = {"length", "width", "volume"}
    if any(not c.passed and c.name in env for c in checks):
        for lay in _layout_variants(design):
            d2 = design.evolve(layout=lay)
            r2 = calculate(d2)
            c2 = check_design(d2, target, r2)
            if sum(not c.passed for c in c2) < sum(not c.passed for c in checks):
                design, results, checks = d2, r2, c2
                if not any(not c.passed and c.name in env for c in checks):
                    break
    passes = all(c.passed for c in checks)
    cand = Candidate(cell_id=cell.id, series=series, parallel=parallel, design=design,
                     results=results, checks=checks, passes=passes, reasons=[],
                     objective=math.nan, screen=dict(screen or {}))
    cand.objective = _objective_of(cand, target, objective)
    return cand
