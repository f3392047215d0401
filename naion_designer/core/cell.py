"""Cell: one sodium-ion cell as SI floats, its OCV table, RC pairs, limits and plausibility checks.

Units inside: V, A, ohm, coulomb (A*s) for capacity, kg, m, K, J/(kg*K), F, s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .units import InputError

FORM_FACTORS = ("cylindrical", "prismatic", "pouch")
CHEMISTRIES = ("layered-oxide", "polyanion", "prussian-white", "other")


@dataclass(frozen=True)
class RCPair:
    resistance: float  # ohm
    capacitance: float  # F

    @property
    def tau(self) -> float:
        return self.resistance * self.capacitance


@dataclass(frozen=True)
class Table1D:
    """A table y(x) interpolated linearly, clamped at the ends."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, xq):
        return np.interp(xq, self.x, self.y)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        return np.asarray(self.x, float), np.asarray(self.y, float)


@dataclass(frozen=True)
class RateTable:
    """R0 versus SOC at several C-rates (|I| / the 1C current): `resistance[j][i]` (ohm) at
    `c_rate[j]` and `soc[i]`.  Linear in SOC; between two C-rates the voltage drop R0·|I| is
    linear in the current (so that it always grows with the current); below the first C-rate
    and above the last, R0 is that row's (a constant resistance)."""

    soc: tuple[float, ...]
    c_rate: tuple[float, ...]
    resistance: tuple[tuple[float, ...], ...]

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (np.asarray(self.soc, float), np.asarray(self.c_rate, float),
                np.asarray(self.resistance, float))

    def __call__(self, soc, c_rate):
        """R0 (ohm) at SOC and C-rate (arrays broadcast)."""
        s, c, r = self.arrays()
        soc_b, c_b = np.broadcast_arrays(np.asarray(soc, float), np.abs(np.asarray(c_rate,
                                                                                   float)))
        shape = soc_b.shape
        sq, cq = soc_b.ravel(), c_b.ravel()
        rows = np.array([np.interp(sq, s, r[j]) for j in range(len(c))])  # nc × n
        if len(c) == 1:
            return rows[0].reshape(shape)
        j = np.clip(np.searchsorted(c, cq) - 1, 0, len(c) - 2)
        n = np.arange(sq.size)
        da = rows[j, n] * c[j]
        db = rows[j + 1, n] * c[j + 1]
        w = np.clip((cq - c[j]) / (c[j + 1] - c[j]), 0.0, 1.0)
        inside = (da + w * (db - da)) / np.where(cq > 0, cq, 1.0)
        out = np.where(cq <= c[0], rows[0], np.where(cq >= c[-1], rows[-1], inside))
        return out.reshape(shape)


@dataclass(frozen=True)
class Cell:
    id: str
    maker: str
    model: str
    form_factor: str
    cathode: str
    anode: str
    source: str
    nominal_voltage: float
    capacity: float  # coulomb
    max_voltage: float
    min_voltage: float
    resistance: float  # R0, ohm
    max_continuous_discharge_current: float
    max_continuous_charge_current: float
    mass: float
    # dimensions, m: cylindrical uses diameter/height, prismatic/pouch length/width/height
    height: float
    diameter: float = 0.0
    length: float = 0.0
    width: float = 0.0
    specific_heat: float = 1000.0
    charge_temperature: tuple[float, float] = (273.15, 318.15)
    discharge_temperature: tuple[float, float] = (253.15, 333.15)
    estimated: tuple[str, ...] = ()
    ocv: Table1D | None = None  # SOC -> V
    rc: tuple[RCPair, ...] = ()
    # extensions
    chemistry: str = "other"
    confidence: str = ""
    status: str = ""
    notes: str = ""
    peak_discharge_current: float | None = None
    peak_discharge_duration: float | None = None
    cycle_life: float | None = None
    price: float | None = None  # in `currency`, per cell or per J depending on price_basis
    currency: str = ""
    price_basis: str = ""  # "cell" | "energy"
    zero_volt_shipping: bool | None = None
    shipping_note: str = ""
    entropic_coefficient: float = 0.0  # V/K
    capacity_cv: float | None = None
    resistance_cv: float | None = None
    eol_capacity_fraction: float | None = None
    eol_resistance_factor: float | None = None
    r0_soc: Table1D | None = None  # SOC -> ohm (absolute R0)
    temp_resistance_factor: Table1D | None = None  # K -> factor
    temp_capacity_factor: Table1D | None = None  # K -> factor
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    origin: str = ""  # "library", "user" or a path; not saved
    # time-domain model: R0 versus SOC and C-rate; when given, the simulation uses it instead
    # of r0_soc/resistance (scaled by a per-cell override of resistance)
    r0_rate: RateTable | None = None
    # a factor on the whole impedance (R0 and every RC resistance): 1 for a cell file; a
    # design's cell_overrides set it per cell (an aged or a weak cell)
    impedance_factor: float = 1.0
    # rate capability: the diffusion time constant τ_d of the surface depletion x' = −x/τ_d + I/Q
    # (the cell is empty when SOC − x reaches 0; the OCV is read at SOC − x).  At a constant
    # C-rate c the capacity lost to it is c·τ_d/3600 of the rated capacity.
    diffusion_time_constant: float | None = None  # s
    ageing: Any = None  # core.ageing.AgeingTable from the [ageing] table; None = fitted

    # --- derived geometry -------------------------------------------------
    @property
    def footprint(self) -> tuple[float, float]:
        """(x, y) extent seen from above, m."""
        if self.form_factor == "cylindrical":
            return (self.diameter, self.diameter)
        return (self.length, self.width)

    @property
    def volume(self) -> float:
        if self.form_factor == "cylindrical":
            return math.pi / 4 * self.diameter**2 * self.height
        return self.length * self.width * self.height

    @property
    def surface_area(self) -> float:
        if self.form_factor == "cylindrical":
            r = self.diameter / 2
            return 2 * math.pi * r * self.height + 2 * math.pi * r * r
        lx, wy, h = self.length, self.width, self.height
        return 2 * (lx * wy + lx * h + wy * h)

    @property
    def energy(self) -> float:
        return self.nominal_voltage * self.capacity

    @property
    def capacity_ah(self) -> float:
        return self.capacity / 3600.0

    @property
    def has_time_model(self) -> bool:
        return self.ocv is not None

    def is_estimated(self, key: str) -> bool:
        return key in self.estimated

    def price_per_cell(self) -> float | None:
        if self.price is None:
            return None
        return self.price if self.price_basis == "cell" else self.price * self.energy

    def ocv_at(self, soc):
        if self.ocv is None:
            raise InputError("ocv", f"cell '{self.id}' has no [ocv] table, so it has no "
                                    "time-domain model")
        return self.ocv(soc)

    def r0_at(self, soc=None, temperature=None, current=None):
        """R0 at a SOC (table if given), temperature (factor table if given) and, for cells
        with an `r0_rate` table, a current (A, either sign)."""
        if self.r0_rate is not None and soc is not None and current is not None:
            r = self.r0_rate(soc, np.abs(current) / self.capacity_ah)
        else:
            r = self.resistance if (self.r0_soc is None or soc is None) else self.r0_soc(soc)
        if temperature is not None and self.temp_resistance_factor is not None:
            r = r * self.temp_resistance_factor(temperature)
        return r

    def with_overrides(self, **values) -> Cell:
        return replace(self, **values)

    # --- validation --------------------------------------------------------
    def validate(self) -> None:
        """Raise InputError naming the first implausible field."""
        if self.form_factor not in FORM_FACTORS:
            raise InputError("form_factor", f"expected one of {', '.join(FORM_FACTORS)}, "
                                            f"got '{self.form_factor}'")
        for name in ("capacity", "mass", "resistance", "max_continuous_discharge_current",
                     "specific_heat", "height", "nominal_voltage", "min_voltage"):
            v = getattr(self, name)
            if not v > 0:
                raise InputError(name, f"must be positive, got {v:g} (SI)")
        if self.max_continuous_charge_current < 0:
            raise InputError("max_continuous_charge_current", "must not be negative")
        if self.form_factor == "cylindrical":
            if not self.diameter > 0:
                raise InputError("diameter", "a cylindrical cell needs a positive diameter")
        else:
            for name in ("length", "width"):
                if not getattr(self, name) > 0:
                    raise InputError(name, f"a {self.form_factor} cell needs a positive {name}")
        if not self.min_voltage < self.nominal_voltage < self.max_voltage:
            raise InputError("nominal_voltage",
                             f"expected min_voltage < nominal_voltage < max_voltage, got "
                             f"{self.min_voltage:g} V, {self.nominal_voltage:g} V, "
                             f"{self.max_voltage:g} V")
        if self.max_voltage > 6.0:
            raise InputError("max_voltage", f"{self.max_voltage:g} V is not a plausible cell voltage")
        for name, (lo, hi) in (("charge_temperature", self.charge_temperature),
                               ("discharge_temperature", self.discharge_temperature)):
            if not lo < hi:
                raise InputError(name, "expected [low, high] with low < high")
        density = self.mass / self.volume
        if not 300.0 < density < 8000.0:
            raise InputError("mass", f"{self.mass:g} kg in {self.volume * 1e6:.4g} cm³ gives "
                                     f"{density:.0f} kg/m³, not a plausible cell density")
        if self.ocv is not None:
            s, v = self.ocv.arrays()
            if len(s) < 2 or len(s) != len(v):
                raise InputError("ocv", "soc and voltage must be lists of the same length (≥ 2)")
            if abs(s[0]) > 1e-9 or abs(s[-1] - 1.0) > 1e-9:
                raise InputError("ocv.soc", "must run from 0.0 to 1.0")
            if np.any(np.diff(s) <= 0):
                raise InputError("ocv.soc", "must be strictly increasing")
            if np.any(np.diff(v) < 0):
                raise InputError("ocv.voltage", "must not decrease with SOC (monotonic OCV)")
            if v[0] < self.min_voltage - 0.6 or v[-1] > self.max_voltage + 0.2:
                raise InputError("ocv.voltage", "the OCV table lies outside the cell's voltage "
                                                "limits")
        for i, pair in enumerate(self.rc):
            if not (pair.resistance > 0 and pair.capacitance > 0):
                raise InputError(f"rc[{i}]", "resistance and capacitance must be positive")
        if self.diffusion_time_constant is not None and not (
                0.0 < self.diffusion_time_constant < 1e6):
            raise InputError("diffusion_time_constant", "expected a positive time below 10⁶ s")
        if self.r0_soc is not None:
            s, r = self.r0_soc.arrays()
            if np.any(np.diff(s) <= 0) or np.any(r <= 0):
                raise InputError("r0_soc", "soc must increase and resistances be positive")
        if self.r0_rate is not None:
            s, c, r = self.r0_rate.arrays()
            if r.shape != (len(c), len(s)) or len(s) < 2:
                raise InputError("r0_rate", "resistance needs one row per c_rate, each with one "
                                            "value per soc (at least 2)")
            if np.any(np.diff(s) <= 0) or np.any(np.diff(c) <= 0) or c[0] <= 0:
                raise InputError("r0_rate", "soc and c_rate must increase, c_rate be positive")
            if np.any(r <= 0):
                raise InputError("r0_rate.resistance", "resistances must be positive")
            if np.any(np.diff(r * c[:, None], axis=0) < 0):
                raise InputError("r0_rate.resistance", "the voltage drop R0 × c_rate must not "
                                                       "fall as the C-rate rises")
        for name in ("temp_resistance_factor", "temp_capacity_factor"):
            t = getattr(self, name)
            if t is not None:
                x, y = t.arrays()
                if np.any(np.diff(x) <= 0) or np.any(y <= 0):
                    raise InputError("temperature_effects",
                                     "temperatures must increase and factors be positive")


def diffusion_time_from_rate_capacity(c_rates, capacity_fractions) -> float:
    """τ_d (s) from a capacity-versus-rate table (C-rates, delivered capacity as fractions of
    the rated capacity): least squares of the loss model 1 − q(c) = q_0 + c·τ_d/3600 over the
    rows (q_0: a rate-independent loss).  An estimate: the voltage cut-off, R0 and the RC pairs
    also take capacity at high rate, so a fit against simulated discharges refines it."""
    c = np.asarray(c_rates, float)
    q = np.asarray(capacity_fractions, float)
    if c.size < 2 or c.size != q.size or np.any(c <= 0) or np.ptp(c) == 0:
        raise InputError("rate_capability", "expected at least two different positive C-rates, "
                                            "one capacity each")
    slope = np.polyfit(c, 1.0 - q, 1)[0]
    if not slope > 0:
        raise InputError("rate_capability", "the capacity does not fall with the rate")
    return float(slope * 3600.0)
