"""Per-cell parameters of the time-domain model, as flat arrays (cell k = s·P + p), and the
lookups of R0 and the temperature factors that run inside the time loop."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

import numpy as np

from ..pack import PackDesign


@dataclass(frozen=True)
class Spread:
    """Statistical cell-to-cell variation: coefficients of variation of a normal distribution
    (clipped at ±4 σ) of capacity and resistance, and the standard deviation of the initial SOC."""

    capacity_cv: float = 0.0
    resistance_cv: float = 0.0
    soc0_cv: float = 0.0


class RateLookup(NamedTuple):
    """The [r0_rate] table prepared for flat bilinear lookups: voltage drops D = c·R/R_cell."""

    soc: np.ndarray
    c_rate: np.ndarray
    drops: np.ndarray  # flat, c_rate-major: drops[j·n_soc + i]
    one_c_current: float  # A
    soc_inner: np.ndarray  # soc[1:-1] (searchsorted bins)
    inv_dsoc: np.ndarray
    c_inner: np.ndarray
    inv_dc: np.ndarray | None
    n_soc: int


def _draw(rng: np.random.Generator, cv: float, n: int) -> np.ndarray:
    if not cv:
        return np.ones(n)
    return np.clip(rng.normal(1.0, cv, n), max(1 - 4 * cv, 0.05), 1 + 4 * cv)


@dataclass(eq=False)
class CellParameters:
    capacity: np.ndarray  # N, C (rated, with overrides and spread)
    r0: np.ndarray  # N, ohm: R0 at the reference (overrides replace it, impedance_factor and
    #                 the spread scale it)
    impedance: np.ndarray  # N, factor on every resistance of the cell (impedance_factor, spread)
    rc_resistance: np.ndarray  # nrc × N, ohm
    rc_nominal: np.ndarray  # nrc, the cell file's RC resistances
    tau: np.ndarray  # nrc, s
    ocv_soc: np.ndarray
    ocv_voltage: np.ndarray
    entropic: float  # V/K
    r0_soc_x: np.ndarray | None  # SOC of the r0_soc table
    r0_soc_shape: np.ndarray | None  # R0(SOC) / R_cell
    rate: RateLookup | None
    temp_r: tuple[np.ndarray, np.ndarray] | None
    temp_q: tuple[np.ndarray, np.ndarray] | None
    diffusion_tau: float  # s, 0: no rate-capability term

    @classmethod
    def build(cls, design: PackDesign, spread: Spread, rng: np.random.Generator):
        cell = design.cell
        n = design.series * design.parallel
        cap_f = _draw(rng, spread.capacity_cv, n)
        res_f = _draw(rng, spread.resistance_cv, n)
        q = design.cell_array("capacity").ravel() * cap_f
        # the contract: an override of `resistance` replaces R0 only; `impedance_factor` (and
        # the statistical spread) scale the whole impedance, R0 and every RC resistance
        zfac = design.cell_array("impedance_factor").ravel() * res_f
        rfac = zfac
        r0 = design.cell_array("resistance").ravel() * zfac
        rc_nominal = np.array([p.resistance for p in cell.rc], float)
        r0x = r0s = None
        if cell.r0_soc is not None:
            x, y = cell.r0_soc.arrays()
            r0x, r0s = x, y / cell.resistance
        rate = None
        if cell.r0_rate is not None:
            rs, rc, rr = cell.r0_rate.arrays()
            dtab = (rr / cell.resistance) * rc[:, None]  # drops per C-rate, relative
            rate = RateLookup(rs, rc, dtab.ravel(), cell.capacity / 3600.0, rs[1:-1],
                              1.0 / np.diff(rs), rc[1:-1],
                              1.0 / np.diff(rc) if len(rc) > 1 else None, len(rs))
        ox, oy = cell.ocv.arrays()
        return cls(capacity=q, r0=r0, impedance=rfac, rc_resistance=rc_nominal[:, None] *
                   rfac[None, :], rc_nominal=rc_nominal,
                   tau=np.array([p.tau for p in cell.rc], float), ocv_soc=ox, ocv_voltage=oy,
                   entropic=float(cell.entropic_coefficient), r0_soc_x=r0x, r0_soc_shape=r0s,
                   rate=rate,
                   temp_r=cell.temp_resistance_factor.arrays()
                   if cell.temp_resistance_factor else None,
                   temp_q=cell.temp_capacity_factor.arrays()
                   if cell.temp_capacity_factor else None,
                   diffusion_tau=float(cell.diffusion_time_constant or 0.0))

    @classmethod
    def concatenate(cls, packs: list[CellParameters]) -> CellParameters:
        """The cells of several packs of one design in one set of flat arrays."""
        if len(packs) == 1:
            return packs[0]
        return replace(packs[0], capacity=np.concatenate([p.capacity for p in packs]),
                       r0=np.concatenate([p.r0 for p in packs]),
                       impedance=np.concatenate([p.impedance for p in packs]),
                       rc_resistance=np.concatenate([p.rc_resistance for p in packs], axis=1))

    @cached_property
    def ocv_intervals(self) -> tuple[np.ndarray, np.ndarray]:
        """dOCV/dSOC of each interval of the OCV table (≥ 0), and the inner breakpoints."""
        slope = np.maximum(np.diff(self.ocv_voltage) / np.diff(self.ocv_soc), 0.0)
        return slope, self.ocv_soc[1:-1]

    def relaxation(self, soc: np.ndarray, dsoc_di: np.ndarray, g: np.ndarray) -> np.ndarray:
        """1 / (1 + k·g) for branches of conductance g whose OCV moves by k = dOCV/dSOC·dSOC/dI
        per ampere of their current (at SOC `soc`)."""
        slope, inner = self.ocv_intervals
        return 1.0 / (1.0 + slope.take(inner.searchsorted(soc)) * dsoc_di * g)

    @property
    def nrc(self) -> int:
        return len(self.tau)

    @property
    def r0_varies(self) -> bool:
        """R0 depends on the state (SOC or current), not only on the temperature."""
        return self.r0_soc_x is not None or self.rate is not None

    @property
    def temperature_dependent(self) -> bool:
        return self.temp_r is not None or self.temp_q is not None or bool(self.entropic)

    @property
    def full_capacity_temperature(self) -> float:
        """The temperature (K) from which the capacity factor is 1 or more for good (inf when
        it never is): warmer cells withhold nothing."""
        if self.temp_q is None:
            return -np.inf
        x, y = self.temp_q
        below = np.nonzero(y < 1.0)[0]
        if below.size == 0:
            return -np.inf
        k = int(below[-1])
        return float(x[k + 1]) if k + 1 < len(x) else np.inf

    @property
    def ocv_slopes(self) -> np.ndarray:
        """dOCV/dSOC of each segment of the OCV table, V per unit SOC."""
        dx = np.diff(self.ocv_soc)
        return np.diff(self.ocv_voltage) / np.where(dx > 0, dx, 1.0)

    def ocv_slope(self, surface: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
        """dOCV/dSOC at each cell's surface SOC (V per unit SOC; 0 beyond the table, where the
        OCV is held at its end value), or the larger of it and the secant from `start`."""
        x, y, dv = self.ocv_soc, self.ocv_voltage, self.ocv_slopes
        k = np.clip(np.searchsorted(x, surface, side="right") - 1, 0, dv.size - 1)
        slope = np.where((surface >= x[0]) & (surface <= x[-1]), dv[k], 0.0)
        if start is not None:
            d = surface - start
            ok = np.abs(d) > 1e-12
            sec = (np.interp(surface, x, y) - np.interp(start, x, y)) / np.where(ok, d, 1.0)
            slope = np.maximum(slope, np.where(ok, sec, 0.0))
        return slope

    def resistance_factor(self, T: np.ndarray) -> np.ndarray | None:
        if self.temp_r is None:
            return None
        return np.interp(T, self.temp_r[0], self.temp_r[1])

    def capacity_factor(self, T: np.ndarray) -> np.ndarray | None:
        if self.temp_q is None:
            return None
        return np.interp(T, self.temp_q[0], self.temp_q[1])

    def r0_at(self, soc: np.ndarray, ft, current: np.ndarray | None) -> np.ndarray:
        """R0 (secant: the drop is R0·I) at SOC, temperature factor ft and current."""
        if self.rate is not None:
            r = self.r0 * self.rate_shape(soc, current, slope=False)
        elif self.r0_soc_x is not None:
            r = self.r0 * np.interp(soc, self.r0_soc_x, self.r0_soc_shape)
        else:
            r = self.r0
        return r if ft is None else r * ft

    def rate_shape(self, soc: np.ndarray, current, slope: bool) -> np.ndarray:
        """The [r0_rate] table relative to `resistance` at (SOC, |I|): R0, or with slope=True
        the incremental resistance d(R0·I)/dI (the chord of the Newton loop).  Bilinear in
        (SOC, C-rate) on the table of drops D = c·R (flat 1-D lookups: this runs several times
        per step)."""
        rt = self.rate
        s, c, dflat, ns = rt.soc, rt.c_rate, rt.drops, rt.n_soc
        s_in, inv_ds, c_in, inv_dc = rt.soc_inner, rt.inv_dsoc, rt.c_inner, rt.inv_dc
        i1c = rt.one_c_current
        mx, mn = np.maximum, np.minimum  # (np.clip costs ~10 µs of Python per call)
        k = s_in.searchsorted(soc, side="right")
        w = mn(mx((soc - s.take(k)) * inv_ds.take(k), 0.0), 1.0)
        if len(c) == 1:
            d0 = dflat.take(k)
            return (d0 + w * (dflat.take(k + 1) - d0)) / c[0]
        cq = np.abs(current) * (1.0 / i1c) if current is not None else np.ones_like(soc)
        cc = mn(mx(cq, c[0]), c[-1])
        j = c_in.searchsorted(cc)
        base = j * ns + k
        lo = dflat.take(base)
        lo = lo + w * (dflat.take(base + 1) - lo)  # D at (c_j, soc)
        hi = dflat.take(base + ns)
        hi = hi + w * (dflat.take(base + ns + 1) - hi)  # D at (c_j+1, soc)
        if slope:
            val = (hi - lo) * inv_dc.take(j)
            return np.where(cq < c[0], lo / c[0], np.where(cq > c[-1], hi / c[-1], val))
        # clipping the C-rate into the table gives the end rows outside it
        return (lo + (cc - c.take(j)) * inv_dc.take(j) * (hi - lo)) / cc
