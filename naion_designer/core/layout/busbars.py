"""Busbars from geometry: materials, and every busbar segment's length from the layout.

A busbar is a strip of `thickness × width`.  Inside a parallel group it is a sheet: a strip runs
between every two cells of the block that are neighbours (rows, columns and, in hexagonal
packing, the diagonals).  In `series-groups` the busbar on one face joins the positive side of
group s to the negative side of group s+1 through a strip between every two cells of the two
blocks that are neighbours across their common edge; groups that are not side by side (a series
path that jumps after a reorder, or the step from one module to the next) are joined by one strip
between their nearest cells.  In `parallel-strings` cell (s, p) is joined to cell (s+1, p) by
one strip, and only the two end busbars are sheets.  Each strip has the resistance
ρ(20 °C) · L / (thickness · width) and the mass density · L · thickness · width, L its
centre-to-centre length.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from ..pack import Busbar


@dataclass(frozen=True)
class Material:
    resistivity: float  # Ω·m at 20 °C
    temperature_coefficient: float  # 1/K at 20 °C
    density: float  # kg/m³
    source: str


MATERIALS: dict[str, Material] = {
    "copper": Material(1.7241e-8, 0.00393, 8890.0,
                       "IEC 60028 (International Annealed Copper Standard): 1/58 Ω·mm²/m at "
                       "20 °C, α20 = 0.00393 /K, 8.89 g/cm³"),
    "aluminium": Material(2.8264e-8, 0.00403, 2703.0,
                          "IEC 60889 (hard-drawn aluminium for conductors): 0.028264 Ω·mm²/m at "
                          "20 °C, α20 = 0.00403 /K, 2.703 g/cm³"),
    "nickel": Material(7.0e-8, 0.0066, 8900.0,
                       "Isabellenhütte data sheet 'Super Pure Nickel' (Ni 99.98): 7 µΩ·cm at "
                       "20 °C, +6,600 ppm/K (20-105 °C), 8.90 g/cm³"),
    "nickel-plated-steel": Material(1.43e-7, 0.0050, 7870.0,
                                    "ASM Handbook vol. 1, low-carbon steel AISI 1010: 0.143 µΩ·m "
                                    "at 20 °C, 7.87 g/cm³; α estimated (0.005 /K); the thin "
                                    "nickel plating is neglected"),
}


def resistivity(material: str, temperature: float = 293.15) -> float:
    """ρ (Ω·m) at `temperature` (K), linear in the temperature coefficient around 20 °C."""
    m = MATERIALS[material]
    return m.resistivity * (1.0 + m.temperature_coefficient * (temperature - 293.15))


def strip_resistance(busbar: Busbar, length: np.ndarray | float) -> np.ndarray | float:
    return resistivity(busbar.material) * np.asarray(length) / (busbar.thickness * busbar.width)


def strip_mass(busbar: Busbar, length: np.ndarray | float) -> float:
    return float(MATERIALS[busbar.material].density * busbar.thickness * busbar.width
                 * np.sum(length))


@dataclass(frozen=True, eq=False)
class BusbarGeometry:
    """The strips of a pack's busbars as pairs of cells (series s, position p)."""

    # inside a block (the same sheet on both faces of group s): (s, p_a, p_b, length)
    intra_s: np.ndarray
    intra_a: np.ndarray
    intra_b: np.ndarray
    intra_len: np.ndarray
    # from cell (s, p_a) to cell (s+1, p_b): (s, p_a, p_b, length)
    inter_s: np.ndarray
    inter_a: np.ndarray
    inter_b: np.ndarray
    inter_len: np.ndarray
    jumps: int  # consecutive groups joined by one strip because they are not side by side

    def total_length(self, topology: str, series: int) -> float:
        """Strip length of every busbar of the pack, m."""
        if topology == "series-groups":
            intra = 2.0 * float(self.intra_len.sum())  # a sheet on each face of every group
        else:
            ends = (self.intra_s == 0) | (self.intra_s == series - 1)
            intra = float(self.intra_len[ends].sum()) if series > 1 else \
                2.0 * float(self.intra_len.sum())
        return intra + float(self.inter_len.sum())


_GEOMETRY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def busbar_geometry(lay, topology: str) -> BusbarGeometry:
    """Strips from a `PackLayout`: positions, neighbours and the series order (made once per
    layout and topology: the network and the busbar mass both need them)."""
    known = _GEOMETRY.setdefault(lay, {})
    if topology not in known:
        known[topology] = _busbar_geometry(lay, topology)
    return known[topology]


def _busbar_geometry(lay, topology: str) -> BusbarGeometry:
    x, y = lay.x, lay.y
    S, P = x.shape
    flat_x, flat_y = x.ravel(), y.ravel()
    nb = lay.neighbours
    i, j = nb[:, 0], nb[:, 1]
    same = (i // P) == (j // P)
    dist = np.hypot(flat_x[i] - flat_x[j], flat_y[i] - flat_y[j])
    intra_s, intra_a, intra_b, intra_len = i[same] // P, i[same] % P, j[same] % P, dist[same]
    if topology == "series-groups":
        wide_i, wide_j = lay.block_neighbours
        si, sj = wide_i // P, wide_j // P
        step = np.abs(si - sj) == 1
        lo = np.where(si < sj, wide_i, wide_j)[step]
        hi = np.where(si < sj, wide_j, wide_i)[step]
        inter_s, inter_a, inter_b = lo // P, lo % P, hi % P
        linked = np.zeros(max(S - 1, 0), dtype=bool)
        linked[inter_s] = True
        extra = []
        for s in np.nonzero(~linked)[0]:
            d = np.hypot(x[s][:, None] - x[s + 1][None, :], y[s][:, None] - y[s + 1][None, :])
            a, b = np.unravel_index(int(np.argmin(d)), d.shape)
            extra.append((s, a, b))
        if extra:
            e = np.array(extra, dtype=int)
            inter_s = np.concatenate([inter_s, e[:, 0]])
            inter_a = np.concatenate([inter_a, e[:, 1]])
            inter_b = np.concatenate([inter_b, e[:, 2]])
        jumps = len(extra)
    else:
        inter_s = np.repeat(np.arange(S - 1), P)
        inter_a = inter_b = np.tile(np.arange(P), S - 1)
        jumps = 0
    inter_len = np.hypot(x[inter_s, inter_a] - x[inter_s + 1, inter_b],
                         y[inter_s, inter_a] - y[inter_s + 1, inter_b])
    return BusbarGeometry(intra_s, intra_a, intra_b, intra_len, inter_s, inter_a, inter_b,
                          inter_len, jumps)
