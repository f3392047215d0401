"""Geometry has one owner: where every cell stands, the envelope, neighbours, the series path and
the busbars that follow from them.

`blocks` places the cells of one parallel group in its `rows × columns` block, `arrange` puts
the blocks in rows, modules and orientation (and searches the most compact arrangement, or one
that fits a box), `busbars` turns the layout into busbar strips.  `compute_layout(design)` is
the one entry point the rest of the program reads.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from ..pack import Layout, PackDesign
from . import version1
from .arrange import Arrangement, Candidate, candidates, choose, slot_positions
from .blocks import Footprint, footprint
from .geometry import PackLayout

__all__ = ["Arrangement", "Candidate", "PackLayout", "arrangements", "compute_layout",
           "design_footprint"]


def design_footprint(design: PackDesign) -> Footprint:
    c, lay = design.cell, design.layout
    return footprint(c.form_factor, c.diameter, c.length, c.width, lay.gap, lay.packing)


def compute_layout(design: PackDesign) -> PackLayout:
    c = design.cell
    # cached on what geometry depends on, so that electrical or thermal edits reuse it
    return _cached_layout(c.form_factor, c.diameter, c.length, c.width, c.height,
                          design.series, design.parallel, design.layout)


def arrangements(design: PackDesign, envelope: tuple[float, float, float] | None = None,
                 modules: tuple[int, ...] | None = None, limit: int = 50) -> list[Candidate]:
    """Ranked arrangements of the design's cells (every block shape, groups per row and
    orientation; the given module counts), for the envelope given or the design's own."""
    env = envelope if envelope is not None else design.layout.envelope
    height = design.cell.height + design.layout.top_clearance + design.layout.margin
    return candidates(design_footprint(design), design.series, design.parallel, design.layout,
                      height, env, rotations=(0, 90), modules=modules, limit=limit)


@lru_cache(maxsize=32)
def _cached_layout(form_factor: str, diameter: float, length: float, width: float,
                   height: float, S: int, P: int, lay: Layout) -> PackLayout:
    fp = footprint(form_factor, diameter, length, width, lay.gap, lay.packing)
    env_height = height + lay.top_clearance + lay.margin
    best = choose(fp, S, P, lay, env_height)
    arr = best.arrangement
    empty = best.empty_slots
    if version1.applies(form_factor, S, P, lay):
        x_slot, y_slot, module, empty, n_modules = version1.slot_positions(
            form_factor, diameter, length, width, S, P, lay)
        arr = replace(arr, modules=n_modules, modules_per_row=n_modules)
    else:
        x_slot, y_slot, module = slot_positions(fp, S, P, arr, lay)

    order = np.asarray(lay.group_order if lay.group_order else range(S), dtype=int)
    slot_of_series = np.empty(S, dtype=int)
    slot_of_series[order] = np.arange(S)
    x = x_slot[slot_of_series]
    y = y_slot[slot_of_series]
    cell_dx, cell_dy = fp.dx, fp.dy
    if arr.rotation == 90:
        x, y = y, x
        cell_dx, cell_dy = cell_dy, cell_dx
    # envelope: shift so the outer cells sit `margin` from the walls
    x = x - (x.min() - cell_dx / 2) + lay.margin
    y = y - (y.min() - cell_dy / 2) + lay.margin
    L = float((x + cell_dx / 2).max() + lay.margin)
    W = float((y + cell_dy / 2).max() + lay.margin)
    fits, shortfall = None, (0.0, 0.0, 0.0)
    if lay.envelope is not None:
        e = lay.envelope
        shortfall = (max(L - e[0], 0.0), max(W - e[1], 0.0), max(env_height - e[2], 0.0))
        fits = all(v <= t * 1e-9 for v, t in zip(shortfall, e, strict=True))
    for a in (x, y, slot_of_series, module):
        a.setflags(write=False)
    return PackLayout(x=x, y=y, cell_dx=cell_dx, cell_dy=cell_dy, round_cells=fp.round_cells,
                      length=L, width=W, height=env_height, gap=lay.gap,
                      slot_of_series=slot_of_series, module_of_series=module[slot_of_series],
                      groups_per_row=arr.groups_per_row, group_shape=arr.group_shape,
                      rotation=arr.rotation, modules=arr.modules,
                      modules_per_row=arr.module_grid[1], empty_slots=empty,
                      chosen=not (lay.group_shape and lay.groups_per_row), footprint=fp,
                      group_gap=lay.group_gap, fits=fits, shortfall=shortfall)
