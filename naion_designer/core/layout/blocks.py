"""Parallel-group blocks: the footprint and pitch of one cell, and where the cells of one group
stand inside their `rows × columns` block.

Seen from above, x is the pack's length and y its width.  A cylindrical cell's footprint is its
diameter; a prismatic or pouch cell's is its thickness (`width`) along x, the stacking
direction, and its `length` along y.  The pitch is footprint + gap.  Hexagonal packing (round
cells only) puts rows √3/2 of the pitch apart and shifts every other row by half a pitch.
Inside a block, cell `p = i · columns + j` stands in row `i` (along y) and column `j` (along x).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..cell import Cell

HEX_ROW = math.sqrt(3.0) / 2.0


@dataclass(frozen=True)
class Footprint:
    """One cell seen from above, unrotated, and the lattice it sits on (SI, m)."""

    dx: float  # footprint along x
    dy: float  # footprint along y
    pitch_x: float  # centre-to-centre along x inside a row
    pitch_y: float  # centre-to-centre between rows (√3/2 pitch when hexagonal)
    round_cells: bool
    hexagonal: bool

    @property
    def gap(self) -> float:
        return self.pitch_x - self.dx


def footprint(form_factor: str, diameter: float, length: float, width: float,
              gap: float, packing: str) -> Footprint:
    if form_factor == "cylindrical":
        hexagonal = packing == "hexagonal"
        pitch = diameter + gap
        return Footprint(diameter, diameter, pitch, pitch * (HEX_ROW if hexagonal else 1.0),
                         True, hexagonal)
    # prismatic and pouch: thickness along the stacking direction x, length across it
    return Footprint(width, length, width + gap, length + gap, False, False)


def cell_footprint(cell: Cell, gap: float, packing: str) -> Footprint:
    return footprint(cell.form_factor, cell.diameter, cell.length, cell.width, gap, packing)


def group_shapes(P: int) -> list[tuple[int, int]]:
    """Every (rows, columns) with rows × columns = P."""
    out = []
    for r in range(1, math.isqrt(P) + 1):
        if P % r == 0:
            out.append((r, P // r))
            if r != P // r:
                out.append((P // r, r))
    return sorted(out)


def line_shape(form_factor: str, P: int) -> tuple[int, int]:
    """The group of earlier versions: a column of P round cells along y, or P prismatic cells
    face to face along x."""
    return (P, 1) if form_factor == "cylindrical" else (1, P)


def block_offsets(shape: tuple[int, int], fp: Footprint) -> tuple[np.ndarray, np.ndarray,
                                                                   np.ndarray]:
    """Row index, x and y of every cell p of a block, relative to its first cell's centre,
    without the hexagonal row shift (which depends on the row's place in the whole pack)."""
    r, c = shape
    p = np.arange(r * c)
    i, j = p // c, p % c
    return i, j * fp.pitch_x, i * fp.pitch_y


def block_pitch(shape: tuple[int, int], fp: Footprint, group_gap: float) -> tuple[float, float]:
    """Distance between the first cells of neighbouring blocks along x and along y."""
    r, c = shape
    return c * fp.pitch_x + group_gap, r * fp.pitch_y + group_gap


def grid_pairs(shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Neighbouring positions (p_a, p_b) of a block's grid: along its rows, then its columns."""
    r, c = shape
    idx = np.arange(r * c).reshape(r, c)
    a = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    b = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    return a, b
