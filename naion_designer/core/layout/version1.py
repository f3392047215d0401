"""The geometry of version-1 designs, for the files that the current rules cannot place exactly
where version 1 did (`layout.version1_geometry`, written by the design-file migration).

Version 1 had no group blocks.  A parallel group was a line of P cells: a column of round cells
along y, or prismatic and pouch cells face to face along x.  Hexagonal packing staggered the
*columns*: columns √3/2 of the pitch apart along x, every other column of a module half a pitch
up, and the rows of groups P·pitch + pitch/2 apart.  Modules held ceil(S / modules) groups each
(the last one the rest), all as many rows tall, top-aligned, and stood `groups_per_row · group
width + module_gap` apart along x.  The current rules stagger rows, share the groups out evenly
and put `module_gap` between the cell surfaces, so a hexagonal or multi-module version-1 file
keeps these rules for as long as its layout keeps line groups, a fixed number of groups per row
and its modules in one row; any other arrangement (a block shape, automatic rows, a module grid)
is laid out by the current rules.
"""

from __future__ import annotations

import math

import numpy as np

from ..pack import Layout, version1_applies


def applies(form_factor: str, S: int, P: int, lay: Layout) -> bool:
    return version1_applies(form_factor, S, P, lay)


def slot_positions(form_factor: str, diameter: float, length: float, width: float, S: int,
                   P: int, lay: Layout):
    """S × P centre x and y of every slot's cells (unrotated), the module of each slot, the
    empty places in the rows of groups and the number of modules, by the version-1 rule."""
    gap = lay.gap
    round_cells = form_factor == "cylindrical"
    hexagonal = round_cells and lay.packing == "hexagonal"
    if round_cells:
        pitch = diameter + gap
        group_dx = pitch * (math.sqrt(3) / 2 if hexagonal else 1.0)
        group_dy = P * pitch + (pitch / 2 if hexagonal else 0.0)
    else:
        pitch = width + gap  # face to face along x
        group_dx, group_dy = P * pitch, length + gap
    per_module = math.ceil(S / max(1, lay.modules))
    gpr = max(1, min(lay.groups_per_row, per_module))
    rows = math.ceil(per_module / gpr)
    module_dx = gpr * group_dx + lay.module_gap
    slot = np.arange(S)
    module = slot // per_module
    k = slot % per_module
    row = k // gpr
    col = np.where(row % 2 == 0, k % gpr, gpr - 1 - k % gpr)  # serpentine
    gx0 = module * module_dx + col * group_dx
    gy0 = (rows - 1 - row) * group_dy  # the first row at the top
    p = np.arange(P)
    if round_cells:
        x = np.repeat(gx0[:, None], P, axis=1).astype(float)
        shift = np.where((col % 2 == 1) & hexagonal, pitch / 2, 0.0)
        y = (gy0 + shift)[:, None] + p[None, :] * pitch
    else:
        x = gx0[:, None] + p[None, :] * pitch
        y = np.repeat(gy0[:, None], P, axis=1).astype(float)
    n_modules = int(module.max()) + 1
    sizes = np.bincount(module, minlength=n_modules)
    empty = int(np.sum(np.ceil(sizes / gpr) * gpr - sizes))
    return x, y, module, empty, n_modules
