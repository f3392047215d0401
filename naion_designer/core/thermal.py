"""Time-domain thermal model: one lumped temperature per cell.

    C_k dT_k/dt = q_k − G_amb,k (T_k − T_amb) − G_cool,k (T_k − T_cool) − Σ_j G_kj (T_k − T_j)

- C_k = mass × specific heat of the cell (overrides applied);
- G_amb = heat_transfer_coefficient × the cell's whole outer surface (`cell.surface_area`);
- G_cool = `thermal.cooling_conductance` to a plate at `thermal.coolant_temperature` (only when a
  coolant temperature is set);
- G_kj between cells that the layout places side by side (`compute_layout(design).neighbours`):
  `thermal.neighbour_conductance` when given, else an ESTIMATE: conduction through the air gap
  between the facing surfaces, G = k_air · A_face / max(gap, 0.5 mm) with k_air = 0.026 W/(m·K)
  and A_face = height × (diameter / 2) for cylinders (the strip that faces the neighbour) or
  the facing side (height × the side of the footprint that faces it) for prismatic and pouch
  cells.  Packs with thermal pads or potting conduct far more: set neighbour_conductance.
- q_k = the cell's own losses (I²R0 + Σ u²/R of the RC pairs) + entropic heat −I·T·dOCV/dT.
  The interconnect's losses (cell_connection, busbars) leave through the busbars.

The update over a step h is the exponential integrator of each cell's own balance with the
neighbours' temperatures held at the start of the step (a Jacobi splitting): unconditionally
stable, exact for an isolated cell with constant heat, first order in the neighbour exchange
(thermal time constants are minutes, the steps seconds).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .csr import csr_matvec
from .layout import compute_layout
from .pack import PackDesign

K_AIR = 0.026  # W/(m K)
MIN_GAP = 5e-4  # m


@dataclass(frozen=True, eq=False)
class ThermalModel:
    heat_capacity: np.ndarray  # N, J/K
    g_ambient: np.ndarray  # N, W/K
    g_cool: np.ndarray  # N, W/K
    coolant: float  # K (meaningless when g_cool is zero)
    adjacency: sp.csr_matrix | None  # N × N neighbour conductances, W/K
    g_neigh: np.ndarray  # N, row sums of adjacency
    neighbour_conductance: np.ndarray  # K, per neighbour pair, W/K
    neighbours: np.ndarray  # K × 2
    coolant_on: bool = False

    def __post_init__(self):
        mv = None
        if self.adjacency is not None:
            mv = csr_matvec(self.adjacency)
        object.__setattr__(self, "_adj_mv", mv)

    @property
    def g_total(self) -> np.ndarray:
        return self.g_ambient + self.g_cool + self.g_neigh

    def factors(self, h: float) -> np.ndarray:
        """phi(h) = (1 − exp(−h G/C)) / G per cell (→ h/C as G → 0)."""
        g = self.g_total
        c = self.heat_capacity
        x = h * g / c
        with np.errstate(divide="ignore", invalid="ignore"):
            phi = np.where(x > 1e-12, -np.expm1(-x) / np.where(g > 0, g, 1.0), h / c)
        return phi

    def constant_flow(self, ambient: float) -> np.ndarray:
        """The heat flow into each cell at 0 K (ambient and coolant terms), W."""
        b = self.g_ambient * ambient
        if self.cooling:
            b = b + self.g_cool * self.coolant
        return b

    def step_factors(self, h: float) -> tuple[np.ndarray, np.ndarray]:
        """(phi, kk) for `advance`: T1 = kk·T + phi·(q + b + A·T)."""
        phi = self.factors(h)
        return phi, 1.0 - phi * self.g_total

    def advance(self, T: np.ndarray, q: np.ndarray, phi: np.ndarray, kk: np.ndarray,
                b: np.ndarray) -> np.ndarray:
        """One step of the Jacobi-split exponential update (same as `step`)."""
        if self._adj_mv is not None:
            return kk * T + phi * (q + b + self._adj_mv(T))
        return kk * T + phi * (q + b)

    def step(self, T: np.ndarray, q: np.ndarray, phi: np.ndarray, ambient: float) -> np.ndarray:
        flow = q + self.g_ambient * (ambient - T)
        if self.cooling:
            flow = flow + self.g_cool * (self.coolant - T)
        if self.adjacency is not None:
            flow = flow + (self.adjacency @ T) - self.g_neigh * T
        return T + phi * flow

    @property
    def cooling(self) -> bool:
        return self.coolant_on

    def tiled(self, copies: int) -> ThermalModel:
        """The model of `copies` separate packs side by side (cells b·N … b·N + N − 1)."""
        if copies == 1:
            return self
        adj = None if self.adjacency is None else sp.block_diag([self.adjacency] * copies,
                                                                 format="csr")
        return ThermalModel(heat_capacity=np.tile(self.heat_capacity, copies),
                            g_ambient=np.tile(self.g_ambient, copies),
                            g_cool=np.tile(self.g_cool, copies), coolant=self.coolant,
                            adjacency=adj, g_neigh=np.tile(self.g_neigh, copies),
                            neighbour_conductance=self.neighbour_conductance,
                            neighbours=self.neighbours, coolant_on=self.coolant_on)


def estimated_neighbour_conductance(design: PackDesign) -> np.ndarray:
    """Per neighbour pair (layout order), W/K: the air-gap estimate described above."""
    lay = compute_layout(design)
    nb = lay.neighbours
    if nb.size == 0:
        return np.zeros(0)
    c = design.cell
    gap = np.maximum(lay.neighbour_gap, MIN_GAP)
    if lay.round_cells:
        area = np.full(len(nb), c.height * c.diameter / 2.0)
    else:
        x, y = lay.x.ravel(), lay.y.ravel()
        along_x = np.abs(x[nb[:, 0]] - x[nb[:, 1]]) > np.abs(y[nb[:, 0]] - y[nb[:, 1]])
        # neighbours side by side along x face each other with their y-extent
        area = c.height * np.where(along_x, lay.cell_dy, lay.cell_dx)
    return K_AIR * area / gap


def build_thermal(design: PackDesign) -> ThermalModel:
    S, P = design.series, design.parallel
    n = S * P
    th = design.thermal
    mass = design.cell_array("mass").ravel()
    cp = design.cell_array("specific_heat").ravel()
    heat_capacity = mass * cp
    g_amb = np.full(n, th.heat_transfer_coefficient * design.cell.surface_area)
    if th.coolant_temperature is not None and th.cooling_conductance > 0:
        g_cool = np.full(n, float(th.cooling_conductance))
        coolant = float(th.coolant_temperature)
    else:
        g_cool = np.zeros(n)
        coolant = float(th.ambient_temperature)
    lay = compute_layout(design)
    nb = np.asarray(lay.neighbours, dtype=int).reshape(-1, 2)
    if nb.size:
        if th.neighbour_conductance is not None:
            gk = np.full(len(nb), float(th.neighbour_conductance))
        else:
            gk = estimated_neighbour_conductance(design)
        adj = sp.coo_matrix((np.concatenate([gk, gk]),
                             (np.concatenate([nb[:, 0], nb[:, 1]]),
                              np.concatenate([nb[:, 1], nb[:, 0]]))), shape=(n, n)).tocsr()
        g_nb = np.asarray(adj.sum(axis=1)).ravel()
        if not np.any(gk > 0):
            adj = None
    else:
        gk = np.zeros(0)
        adj = None
        g_nb = np.zeros(n)
    return ThermalModel(heat_capacity=heat_capacity, g_ambient=g_amb, g_cool=g_cool,
                        coolant=coolant, adjacency=adj, g_neigh=g_nb,
                        neighbour_conductance=gk, neighbours=nb,
                        coolant_on=bool(np.any(g_cool > 0)))
