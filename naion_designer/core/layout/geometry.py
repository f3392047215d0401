"""`PackLayout`: where every cell of a pack stands, its envelope, and which cells are side by
side (for heat conduction and busbar sheets)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .blocks import Footprint


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
    group_shape: tuple[int, int] = (1, 1)  # (rows, columns) of one group block
    rotation: int = 0
    modules: int = 1
    modules_per_row: int = 1  # modules side by side along x (before rotation)
    empty_slots: int = 0  # places left free in the rows of blocks
    chosen: bool = False  # the app chose the block shape or the groups per row
    footprint: Footprint | None = None  # unrotated cell lattice
    group_gap: float = 0.0
    fits: bool | None = None  # inside `layout.envelope` (None: no envelope)
    shortfall: tuple[float, float, float] = (0.0, 0.0, 0.0)  # miss per dimension, m

    @cached_property
    def _neighbour_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        nb, gaps = neighbours(self.x.ravel(), self.y.ravel(), self.cell_dx, self.cell_dy,
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

    @cached_property
    def block_neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """Flat index pairs of cells side by side across a `group_gap` between blocks."""
        if self.group_gap <= 0:
            nb = self.neighbours
        else:
            nb, _ = neighbours(self.x.ravel(), self.y.ravel(), self.cell_dx, self.cell_dy,
                               self.round_cells, self.gap + self.group_gap)
        return nb[:, 0], nb[:, 1]

    @cached_property
    def series_adjacent(self) -> np.ndarray:
        """S − 1 flags: group s and group s+1 stand side by side (False: the series path jumps,
        after a reorder or from one module to the next).  Side by side = some cell of one is a
        neighbour of some cell of the other across at most `gap + group_gap` (as `neighbours`)."""
        S, P = self.x.shape
        out = np.zeros(max(S - 1, 0), dtype=bool)
        if S >= 2 and P <= 64:  # direct: S × P × P distances, no tree
            dx = np.abs(self.x[:-1, :, None] - self.x[1:, None, :])
            dy = np.abs(self.y[:-1, :, None] - self.y[1:, None, :])
            tol = self.gap + self.group_gap + 5e-4
            if self.round_cells:
                near = np.hypot(dx, dy) - self.cell_dx <= tol
            else:
                gx, gy = dx - self.cell_dx, dy - self.cell_dy
                near = ((gx <= tol) & (gy < -1e-9)) | ((gy <= tol) & (gx < -1e-9))
            out[:] = near.any(axis=(1, 2))
        elif S >= 2:
            i, j = self.block_neighbours
            si, sj = i // P, j // P
            step = np.abs(si - sj) == 1
            out[np.minimum(si, sj)[step]] = True
        out.setflags(write=False)
        return out

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


def neighbours(x: np.ndarray, y: np.ndarray, dx: float, dy: float, round_cells: bool,
               gap: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of cells side by side (surface gap ≤ gap + 0.5 mm) and their surface gaps."""
    n = x.size
    if n < 2:
        return np.zeros((0, 2), dtype=int), np.zeros(0)
    tol = gap + 5e-4
    cand = _close_pairs(x, y, max(dx, dy) + tol)
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


# cells up to which the pairs are found by a sweep along x in numpy (the layout of a small pack
# imports no scipy); a k-d tree beyond
SWEEP_CELLS = 1000


def _close_pairs(x: np.ndarray, y: np.ndarray, r: float) -> np.ndarray:
    """Pairs (i, j) of points at most r apart, d² ≤ r² as cKDTree.query_pairs finds them."""
    n = x.size
    if n > SWEEP_CELLS:
        from scipy.spatial import cKDTree

        return cKDTree(np.stack([x, y], axis=1)).query_pairs(
            r, output_type="ndarray").astype(int)
    # candidates: every later point in x order less than r (and a margin) further along x
    order = np.argsort(x, kind="stable")
    xs = x[order]
    count = np.searchsorted(xs, xs + r * (1.0 + 1e-9) + 1e-12, side="right") - np.arange(n) - 1
    i = np.repeat(np.arange(n), count)
    j = i + 1 + np.arange(i.size) - np.repeat(np.cumsum(count) - count, count)
    i, j = order[i], order[j]
    ddx, ddy = x[i] - x[j], y[i] - y[j]
    close = ddx * ddx + ddy * ddy <= r * r
    return np.stack([i[close], j[close]], axis=1)
