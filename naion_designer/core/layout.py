"""Geometry has one owner: where every cell stands, the envelope, neighbours and the series path.

A parallel group is a line of P cells: a column along y for cylindrical cells, a stack face to face
along x for prismatic and pouch cells.  Groups fill rows of `groups_per_row` slots in a serpentine
(so that the series path never jumps), modules sit side by side along x with `module_gap`, and the
whole pack may be rotated by 90°.  `group_order` maps a physical slot to the series position it
holds, so that dragging a group in the editor reorders the series path without moving cells.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from .pack import Layout, PackDesign


@dataclass(frozen=True, eq=False)
class PackLayout:
    x: np.ndarray  # S × P centre x, m (envelope origin at 0, 0)
    y: np.ndarray  # S × P centre y, m
    cell_dx: float  # footprint of one cell along x (after rotation), m
    cell_dy: float
    round_cells: bool
    length: float  # envelope along x, m
    width: float  # envelope along y, m
    height: float  # m
    gap: float  # the layout's cell-to-cell gap, m
    slot_of_series: np.ndarray  # S: the physical slot of each series group
    module_of_series: np.ndarray  # S: module index of each series group
    groups_per_row: int

    @cached_property
    def _neighbour_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        nb, gaps = _neighbours(self.x.ravel(), self.y.ravel(), self.cell_dx, self.cell_dy,
                               self.round_cells, self.gap)
        nb.setflags(write=False)
        gaps.setflags(write=False)
        return nb, gaps

    @property
    def neighbours(self) -> np.ndarray:
        """K × 2 flat indices (s * P + p) of cells side by side (computed on first use)."""
        return self._neighbour_pairs[0]

    @property
    def neighbour_gap(self) -> np.ndarray:
        """K surface-to-surface gaps of those pairs, m."""
        return self._neighbour_pairs[1]

    @property
    def volume(self) -> float:
        return self.length * self.width * self.height

    @property
    def dimensions(self) -> tuple[float, float, float]:
        return (self.length, self.width, self.height)

    def group_centres(self) -> np.ndarray:
        """S × 2 centre of each parallel group, in series order."""
        return np.stack([self.x.mean(axis=1), self.y.mean(axis=1)], axis=1)

    def neighbour_count(self) -> np.ndarray:
        n = self.x.size
        return np.bincount(self.neighbours.ravel(), minlength=n).reshape(self.x.shape)


def auto_groups_per_row(series_per_module: int, group_dx: float, group_dy: float) -> int:
    """The number of groups in a row that makes the module closest to square."""
    if series_per_module <= 1:
        return 1
    n = math.sqrt(series_per_module * group_dy / group_dx)
    return max(1, min(series_per_module, round(n)))


def compute_layout(design: PackDesign) -> PackLayout:
    c = design.cell
    # cached on what geometry depends on, so that electrical or thermal edits reuse it
    return _cached_layout(c.form_factor, c.diameter, c.length, c.width, c.height,
                          design.series, design.parallel, design.layout)


@lru_cache(maxsize=32)
def _cached_layout(form_factor: str, diameter: float, length: float, width: float,
                   height: float, S: int, P: int, lay: Layout) -> PackLayout:
    gap = lay.gap
    round_cells = form_factor == "cylindrical"
    # footprint seen from above: cylindrical d × d; prismatic length × width (the thickness)
    fx, fy = (diameter, diameter) if round_cells else (length, width)
    hexagonal = round_cells and lay.packing == "hexagonal"
    if round_cells:
        # group = column of P cells along y
        pitch = fx + gap
        col_dx = pitch * (math.sqrt(3) / 2 if hexagonal else 1.0)
        group_dx, group_dy = col_dx, P * pitch + (pitch / 2 if hexagonal else 0.0)
        cell_dx, cell_dy = fx, fy
    else:
        # prismatic: cells face to face along x (thickness = width), long side along y
        pitch_x = fy + gap
        group_dx, group_dy = P * pitch_x, fx + gap
        cell_dx, cell_dy = fy, fx

    modules = max(1, lay.modules)
    per_module = math.ceil(S / modules)
    gpr = lay.groups_per_row or auto_groups_per_row(per_module, group_dx, group_dy)
    gpr = max(1, min(gpr, per_module))
    rows = math.ceil(per_module / gpr)
    module_dx = gpr * group_dx + lay.module_gap

    slot = np.arange(S)
    module = slot // per_module
    k = slot % per_module
    row = k // gpr
    col_in_row = k % gpr
    col = np.where(row % 2 == 0, col_in_row, gpr - 1 - col_in_row)  # serpentine

    gx0 = module * module_dx + col * group_dx  # left edge of the group's box
    gy0 = (rows - 1 - row) * group_dy  # first row at the top (y grows upward)
    p = np.arange(P)
    if round_cells:
        pitch = fx + gap
        x_slot = gx0[:, None] + fx / 2 + np.zeros(P)[None, :]
        yoff = np.where((col % 2 == 1) & hexagonal, pitch / 2, 0.0)
        y_slot = gy0[:, None] + yoff[:, None] + fy / 2 + p[None, :] * pitch
    else:
        pitch_x = fy + gap
        x_slot = gx0[:, None] + fy / 2 + p[None, :] * pitch_x
        y_slot = gy0[:, None] + fx / 2 + np.zeros(P)[None, :]

    order = np.asarray(lay.group_order if lay.group_order else range(S), dtype=int)
    slot_of_series = np.empty(S, dtype=int)
    slot_of_series[order] = np.arange(S)
    x = x_slot[slot_of_series]
    y = y_slot[slot_of_series]

    if lay.rotation == 90:
        x, y = y.copy(), x.copy()
        cell_dx, cell_dy = cell_dy, cell_dx
    # envelope: shift so the outer cells sit `margin` from the walls
    xmin, ymin = (x - cell_dx / 2).min(), (y - cell_dy / 2).min()
    x = x - xmin + lay.margin
    y = y - ymin + lay.margin
    length = float((x + cell_dx / 2).max() + lay.margin)
    width = float((y + cell_dy / 2).max() + lay.margin)
    height = height + lay.top_clearance + lay.margin

    for a in (x, y, slot_of_series, module):
        a.setflags(write=False)
    return PackLayout(x=x, y=y, cell_dx=cell_dx, cell_dy=cell_dy, round_cells=round_cells,
                      length=length, width=width, height=height, gap=gap,
                      slot_of_series=slot_of_series,
                      module_of_series=module[slot_of_series], groups_per_row=gpr)


def _neighbours(x: np.ndarray, y: np.ndarray, dx: float, dy: float, round_cells: bool,
                gap: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of cells side by side (surface gap ≤ gap + 0.5 mm) and their surface gaps."""
    from scipy.spatial import cKDTree

    n = x.size
    if n < 2:
        return np.zeros((0, 2), dtype=int), np.zeros(0)
    tol = gap + 5e-4
    pts = np.stack([x, y], axis=1)
    cand = cKDTree(pts).query_pairs(max(dx, dy) + tol, output_type="ndarray").astype(int)
    if cand.size == 0:
        return np.zeros((0, 2), dtype=int), np.zeros(0)
    cand.sort(axis=1)
    ddx = np.abs(x[cand[:, 0]] - x[cand[:, 1]])
    ddy = np.abs(y[cand[:, 0]] - y[cand[:, 1]])
    if round_cells:
        surf = np.hypot(ddx, ddy) - dx
    else:
        # rectangles facing each other: overlapping in one axis, a gap in the other
        gx = ddx - dx
        gy = ddy - dy
        surf = np.where((gx <= tol) & (gy < -1e-9), gx,
                        np.where((gy <= tol) & (gx < -1e-9), gy, np.inf))
    keep = surf <= tol
    cand = cand[keep]
    surf = np.maximum(surf[keep], 0.0)
    idx = np.lexsort((cand[:, 1], cand[:, 0]))
    return cand[idx], surf[idx]
