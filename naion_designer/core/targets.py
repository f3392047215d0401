"""Application targets: what a forklift, a telecom cabinet or an e-moped asks of a pack, and the
checks of any design against them.

A target file is TOML (`format = "naion-target"`) with quantities as unit strings, parsed here
into SI floats.  The checks (`check_design`) take every figure from `electrical.calculate` plus a
few target-specific ones computed in closed form, so that the vectorised search in `sizing.py`
(which uses the same formulas, `window_energy` and `power_factor` below) finds the same numbers.

Conventions of the checks (documented in the README as well):

- **Voltage window** (the controller's, inverter's or charger's min and max): the pack is only
  used while its voltage lies inside the window.  Per cell that is the SOC range whose OCV lies
  inside [window min / S, window max / S]; the *usable energy* is the OCV energy over that range
  (intersected with the design's SOC window).  The **drop-in check** is the part of the cell's
  whole OCV energy (SOC 0–1) that lies inside the window: a sodium cell swings 1.5–4.1 V, so a
  pack built for an LFP or lead-acid window leaves part of its energy unused.
- **Power is met at the lowest voltage**: the lowest voltage is max(S × cell min voltage, window
  min).  The pack current is the smaller of the cell current limit × P and the current that pulls
  the pack from its OCV at a low state of charge (`power_soc` of the usable SOC range, 30 % by
  default) down to that lowest voltage through the pack resistance.  Power = current × lowest
  voltage.  The peak power uses the cell's peak current when the cell's peak duration covers the
  target's, otherwise the continuous current.
- **Cold**: at the coldest ambient the usable energy is scaled by the cell's capacity-temperature
  factor and the resistance by its resistance-temperature factor (generic sodium-ion tables below
  when a cell gives none).
- **Charge power** is the charge current limit × P × the nominal voltage.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from .cell import Cell, Table1D
from .units import InputError, check_format_version, parse_fraction, parse_money, parse_quantity

FORMAT = "naion-target"
VERSION = 1
C0 = 273.15

# Generic sodium-ion temperature factors, used only when a cell gives no table of its own.
# Capacity: sodium_cells.md section 3 (">90 % at -20 degC" CATL gen-1, HiNa E10X 90 %, CAS IoP
# 86 % at -20 degC, TAILG 93 %, Yadea >92 %); the lower of the claims is taken.
# Resistance: an engineering assumption (no Na-ion DC resistance-temperature data in the sources):
# an Arrhenius-like rise similar to Li-ion cells, about 4x at -20 degC.
GENERIC_CAPACITY_FACTOR = Table1D((C0 - 40, C0 - 30, C0 - 20, C0 - 10, C0, C0 + 10, C0 + 25),
                                  (0.70, 0.80, 0.86, 0.92, 0.96, 0.99, 1.0))
GENERIC_RESISTANCE_FACTOR = Table1D((C0 - 40, C0 - 30, C0 - 20, C0 - 10, C0, C0 + 10, C0 + 25,
                                     C0 + 45),
                                    (11.0, 6.5, 4.0, 2.7, 1.9, 1.4, 1.0, 0.8))


@dataclass(frozen=True)
class Target:
    """An application's requirements, SI floats.  None = not required."""

    id: str
    name: str
    voltage_min: float  # V, the system's window
    voltage_max: float
    usable_energy: float  # J, inside the window
    application: str = ""
    description: str = ""
    source: str = ""
    nominal_min: float | None = None  # V, pack nominal voltage (default: the window)
    nominal_max: float | None = None
    incumbent: str = ""  # drop-in replacement for this system ("LFP 16S 51.2 V"), "" = none
    min_usable_fraction: float = 0.0  # of the cell's OCV energy usable inside the window
    full_range: bool = False  # the pack's whole voltage range must lie inside the window
    continuous_power: float | None = None  # W at the lowest voltage
    peak_power: float | None = None  # W at the lowest voltage
    peak_duration: float = 10.0  # s
    charge_power: float | None = None  # W
    temperature_min: float = C0 + 25  # K, ambient
    temperature_max: float = C0 + 25
    coldest_energy: float | None = None  # J usable at temperature_min
    coldest_power: float | None = None  # W at temperature_min, at the lowest voltage
    charge_temperature_min: float | None = None  # K; None = max(temperature_min, 0 degC)
    charge_temperature_max: float | None = None  # K; None = temperature_max
    power_soc: float = 0.3  # where in the usable SOC range the power is asked for
    max_mass: float | None = None  # kg
    max_length: float | None = None  # m
    max_width: float | None = None
    max_height: float | None = None
    max_volume: float | None = None  # m^3
    overhead_mass_fraction: float = 0.0  # housing, BMS, busbars as a fraction of cell mass
    overhead_volume_fraction: float = 0.0  # of the cell layout envelope
    cycle_life: float | None = None
    energy_at_end_of_life: float | None = None  # J usable after cycle_life (core.ageing)
    budget: tuple[tuple[float, str], ...] = ()  # (amount, currency): any one may apply
    duty_cycle: str = ""  # a built-in profile id or a profile CSV path
    origin: str = field(default="", compare=False)  # "preset", "user" or a path

    @property
    def charge_min_temperature(self) -> float:
        if self.charge_temperature_min is not None:
            return self.charge_temperature_min
        return max(self.temperature_min, C0)

    @property
    def charge_max_temperature(self) -> float:
        if self.charge_temperature_max is not None:
            return self.charge_temperature_max
        return self.temperature_max

    @property
    def nominal_window(self) -> tuple[float, float]:
        lo = self.nominal_min if self.nominal_min is not None else self.voltage_min
        hi = self.nominal_max if self.nominal_max is not None else self.voltage_max
        return lo, hi

    def budget_in(self, currency: str) -> float | None:
        for amount, cur in self.budget:
            if cur == currency:
                return amount
        return None

    def validate(self) -> None:
        if not 0 < self.voltage_min < self.voltage_max:
            raise InputError("voltage.min", f"expected 0 < min < max, got {self.voltage_min:g} V "
                                            f"and {self.voltage_max:g} V")
        lo, hi = self.nominal_window
        if not lo <= hi:
            raise InputError("voltage.nominal_min", "must not exceed nominal_max")
        if not self.usable_energy > 0:
            raise InputError("energy.usable", "must be positive")
        for name, key in (("continuous_power", "power.continuous"), ("peak_power", "power.peak"),
                          ("charge_power", "power.charge"), ("coldest_energy",
                                                             "temperature.coldest_energy"),
                          ("coldest_power", "temperature.coldest_power"),
                          ("max_mass", "mechanical.max_mass"),
                          ("max_length", "mechanical.max_length"),
                          ("max_width", "mechanical.max_width"),
                          ("max_height", "mechanical.max_height"),
                          ("max_volume", "mechanical.max_volume"), ("cycle_life", "life.cycles")):
            v = getattr(self, name)
            if v is not None and not v > 0:
                raise InputError(key, f"must be positive, got {v:g}")
        if not self.peak_duration > 0:
            raise InputError("power.peak_duration", "must be positive")
        if not self.temperature_min <= self.temperature_max:
            raise InputError("temperature.min", "must not be above temperature.max")
        if not 0.0 <= self.power_soc <= 1.0:
            raise InputError("temperature.power_soc", "expected a number from 0 to 1")
        for amount, cur in self.budget:
            if not amount > 0:
                raise InputError("cost.budget", f"must be positive, got {amount:g} {cur}")


@dataclass(frozen=True)
class Check:
    """One requirement checked on one design.  `value` and `required` are in `unit`; `margin` is
    the relative headroom (positive = passes: (value − required) / required for a minimum,
    (required − value) / required for a maximum).  `verified` is False when the cell lacks the
    data to decide (the check then passes with a note)."""

    name: str
    passed: bool
    value: float
    required: float
    margin: float
    unit: str
    reason: str
    label: str = ""
    verified: bool = True


# --- file format ----------------------------------------------------------------------------
_QUANTITY_KEYS: dict[str, tuple[str, str, str]] = {
    # section.key -> (field, kind, unit used when writing)
    "voltage.min": ("voltage_min", "voltage", "V"),
    "voltage.max": ("voltage_max", "voltage", "V"),
    "voltage.nominal_min": ("nominal_min", "voltage", "V"),
    "voltage.nominal_max": ("nominal_max", "voltage", "V"),
    "energy.usable": ("usable_energy", "energy", "kWh"),
    "energy.at_end_of_life": ("energy_at_end_of_life", "energy", "kWh"),
    "power.continuous": ("continuous_power", "power", "kW"),
    "power.peak": ("peak_power", "power", "kW"),
    "power.peak_duration": ("peak_duration", "time", "s"),
    "power.charge": ("charge_power", "power", "kW"),
    "temperature.min": ("temperature_min", "temperature", "degC"),
    "temperature.max": ("temperature_max", "temperature", "degC"),
    "temperature.coldest_energy": ("coldest_energy", "energy", "kWh"),
    "temperature.coldest_power": ("coldest_power", "power", "kW"),
    "temperature.charge_min": ("charge_temperature_min", "temperature", "degC"),
    "temperature.charge_max": ("charge_temperature_max", "temperature", "degC"),
    "mechanical.max_mass": ("max_mass", "mass", "kg"),
    "mechanical.max_length": ("max_length", "length", "mm"),
    "mechanical.max_width": ("max_width", "length", "mm"),
    "mechanical.max_height": ("max_height", "length", "mm"),
    "mechanical.max_volume": ("max_volume", "volume", "L"),
}
_FRACTION_KEYS = {
    "voltage.min_usable_fraction": "min_usable_fraction",
    "temperature.power_soc": "power_soc",
    "mechanical.overhead_mass_fraction": "overhead_mass_fraction",
    "mechanical.overhead_volume_fraction": "overhead_volume_fraction",
}
_TEXT_KEYS = ("id", "name", "application", "description", "source", "duty_cycle")
_SECTIONS = ("voltage", "energy", "power", "temperature", "mechanical", "life", "cost")
_REQUIRED = ("voltage.min", "voltage.max", "energy.usable")


def target_from_dict(data: Any) -> Target:
    if not isinstance(data, dict):
        raise InputError("target", "expected a table of target keys")
    check_format_version(data, FORMAT, VERSION, "target file")
    kw: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        if key in data:
            v = data[key]
            if not isinstance(v, str):
                raise InputError(key, f"expected a text, got {v!r}")
            kw[key] = v.strip()
    for key in ("id", "name"):
        if not kw.get(key):
            raise InputError(key, "missing (expected a non-empty text)")
    known_top = set(_TEXT_KEYS) | set(_SECTIONS) | {"format", "version"}
    for key in data:
        if key not in known_top:
            raise InputError(key, f"unknown key (expected one of {', '.join(sorted(known_top))})")
    sections: dict[str, dict] = {}
    for sec in _SECTIONS:
        v = data.get(sec, {})
        if not isinstance(v, dict):
            raise InputError(sec, f"expected a table [{sec}], got {v!r}")
        sections[sec] = v
    allowed = set(_QUANTITY_KEYS) | set(_FRACTION_KEYS) | {"voltage.incumbent",
                                                           "voltage.full_range", "life.cycles",
                                                           "cost.budget"}
    for sec, table in sections.items():
        for key in table:
            if f"{sec}.{key}" not in allowed:
                options = sorted(k.split(".", 1)[1] for k in allowed if k.startswith(sec + "."))
                raise InputError(f"{sec}.{key}", f"unknown key (expected one of "
                                                 f"{', '.join(options)})")
    for dotted in _REQUIRED:
        sec, key = dotted.split(".")
        if key not in sections[sec]:
            raise InputError(dotted, "missing")
    for dotted, (name, kind, _unit) in _QUANTITY_KEYS.items():
        sec, key = dotted.split(".")
        if key in sections[sec]:
            kw[name] = parse_quantity(sections[sec][key], kind, dotted)
    for dotted, name in _FRACTION_KEYS.items():
        sec, key = dotted.split(".")
        if key in sections[sec]:
            hi = 1.0 if name in ("min_usable_fraction", "power_soc") else 10.0
            kw[name] = parse_fraction(sections[sec][key], dotted, 0.0, hi)
    v = sections["voltage"]
    if "incumbent" in v:
        if not isinstance(v["incumbent"], str):
            raise InputError("voltage.incumbent", f"expected a text, got {v['incumbent']!r}")
        kw["incumbent"] = v["incumbent"].strip()
    if "full_range" in v:
        if not isinstance(v["full_range"], bool):
            raise InputError("voltage.full_range", f"expected true or false, got "
                                                   f"{v['full_range']!r}")
        kw["full_range"] = v["full_range"]
    if "cycles" in sections["life"]:
        c = sections["life"]["cycles"]
        if isinstance(c, bool) or not isinstance(c, (int, float)) or not c > 0:
            raise InputError("life.cycles", f"expected a positive number of cycles, got {c!r}")
        kw["cycle_life"] = float(c)
    if "budget" in sections["cost"]:
        b = sections["cost"]["budget"]
        items = b if isinstance(b, list) else [b]
        budget = []
        for i, item in enumerate(items):
            where = "cost.budget" if not isinstance(b, list) else f"cost.budget[{i}]"
            amount, cur, basis = parse_money(item, where)
            if basis != "cell":
                raise InputError(where, f"expected a total amount such as '5000 CNY', got "
                                        f"{item!r}")
            budget.append((amount, cur))
        kw["budget"] = tuple(budget)
    t = Target(**kw)
    t.validate()
    return t


def target_to_dict(target: Target) -> dict[str, Any]:
    """A target as the keys of a target file (quantities as unit strings)."""
    from .units import to_unit

    d: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for key in _TEXT_KEYS:
        v = getattr(target, key)
        if v:
            d[key] = v
    sections: dict[str, dict[str, Any]] = {s: {} for s in _SECTIONS}
    defaults = {f.name: f.default for f in fields(Target)}
    for dotted, (name, kind, unit) in _QUANTITY_KEYS.items():
        v = getattr(target, name)
        if v is None or (name == "peak_duration" and target.peak_power is None):
            continue
        sec, key = dotted.split(".")
        sections[sec][key] = f"{to_unit(v, kind, unit):.6g} {unit}"
    for dotted, name in _FRACTION_KEYS.items():
        v = getattr(target, name)
        if v != defaults[name]:
            sec, key = dotted.split(".")
            sections[sec][key] = v
    if target.incumbent:
        sections["voltage"]["incumbent"] = target.incumbent
    if target.full_range:
        sections["voltage"]["full_range"] = True
    if target.cycle_life is not None:
        c = target.cycle_life
        sections["life"]["cycles"] = int(c) if c == int(c) else c
    if target.budget:
        sections["cost"]["budget"] = [f"{a:.10g} {c}" for a, c in target.budget]
    for sec in _SECTIONS:
        if sections[sec]:
            d[sec] = sections[sec]
    return d


def read_target_file(path: str | Path) -> Target:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such target file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a target file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the target file ({exc.__class__.__name__})") \
            from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"not a valid TOML target file ({exc})") from None
    try:
        t = target_from_dict(data)
    except InputError as exc:
        raise InputError(f"{path.name}: {exc.field}", exc.detail) from None
    return replace(t, origin=str(path))


def write_target_file(target: Target, path: str | Path) -> None:
    import tomli_w

    from ..io.atomic import atomic_write_text

    atomic_write_text(Path(path), tomli_w.dumps(target_to_dict(target)), "target file")


def preset_dir() -> Path:
    from ..io.paths import resources_dir

    return resources_dir() / "targets"


def user_target_dir() -> Path:
    from ..io.paths import user_data_dir

    return user_data_dir() / "targets"


def presets() -> dict[str, Target]:
    """The bundled presets by id (sorted), then the user's own targets (which may shadow)."""
    out: dict[str, Target] = {}
    for folder, origin in ((preset_dir(), "preset"), (user_target_dir(), "user")):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                t = read_target_file(path)
            except InputError:
                if origin == "preset":
                    raise
                continue  # a broken user file does not hide the rest
            out[t.id] = replace(t, origin=origin if origin == "preset" else str(path))
    return out


def load_target(ref: str) -> Target:
    """A preset id or a path to a target file."""
    if not isinstance(ref, str) or not ref.strip():
        raise InputError("target", "expected a target id (see 'naion targets list') or a target "
                                   "file path")
    p = Path(ref)
    if ref.endswith(".toml") or "/" in ref or "\\" in ref or p.is_file():
        return read_target_file(p)
    all_presets = presets()
    if ref not in all_presets:
        raise InputError("target", f"unknown target '{ref}' (see 'naion targets list')")
    return all_presets[ref]


# --- shared closed-form figures (used by check_design and, vectorised, by sizing) -------------
def ocv_table(cell: Cell) -> tuple[np.ndarray, np.ndarray]:
    """The cell's OCV table; without one, a two-segment line through the voltage limits whose
    mean is the nominal voltage (so the energy over SOC 0–1 is nominal × capacity)."""
    if cell.ocv is not None:
        return cell.ocv.arrays()
    lo, hi = cell.min_voltage, cell.max_voltage
    mid = min(max(2 * cell.nominal_voltage - (lo + hi) / 2, lo + 1e-3), hi - 1e-3)
    return np.array([0.0, 0.5, 1.0]), np.array([lo, mid, hi])


class OcvModel:
    """Cumulative OCV energy E(soc) = ∫₀^soc OCV and the SOC range inside a voltage window,
    vectorised."""

    def __init__(self, cell: Cell):
        s, v = ocv_table(cell)
        self.s, self.v = s, v
        self.slope = np.diff(v) / np.diff(s)
        self.cum = np.concatenate([[0.0], np.cumsum(0.5 * (v[1:] + v[:-1]) * np.diff(s))])
        # voltage -> soc: first SOC with OCV >= v uses the last point of any flat, and the last
        # SOC with OCV <= v the first point of a flat
        rv = v[::-1]
        _, last_idx = np.unique(rv, return_index=True)
        last_idx = len(v) - 1 - last_idx
        _, first_idx = np.unique(v, return_index=True)
        self.v_last, self.s_last = v[last_idx], s[last_idx]
        self.v_first, self.s_first = v[first_idx], s[first_idx]

    def energy(self, q):
        q = np.clip(np.asarray(q, float), 0.0, 1.0)
        i = np.clip(np.searchsorted(self.s, q, side="right") - 1, 0, len(self.s) - 2)
        ds = q - self.s[i]
        return self.cum[i] + self.v[i] * ds + 0.5 * self.slope[i] * ds * ds

    def ocv(self, q):
        return np.interp(q, self.s, self.v)

    def soc_range(self, v_lo, v_hi):
        """(s_lo, s_hi): the SOC range whose OCV lies in [v_lo, v_hi] (s_hi < s_lo: empty)."""
        v_lo = np.asarray(v_lo, float)
        v_hi = np.asarray(v_hi, float)
        s_lo = np.where(v_lo <= self.v[0], 0.0, np.where(
            v_lo > self.v[-1], 1.0 + 1e-12, np.interp(v_lo, self.v_last, self.s_last)))
        s_hi = np.where(v_hi >= self.v[-1], 1.0, np.where(
            v_hi < self.v[0], -1e-12, np.interp(v_hi, self.v_first, self.s_first)))
        return s_lo, s_hi

    @property
    def total(self) -> float:
        return float(self.cum[-1])


@dataclass
class WindowFigures:
    """Per-cell figures of S cells in series inside a voltage window (arrays over S)."""

    s_lo: np.ndarray  # SOC range used (design SOC window ∩ voltage window)
    s_hi: np.ndarray
    fraction: np.ndarray  # of the cell's OCV energy (SOC 0–1) inside the window
    energy_per_cell: np.ndarray  # J per cell (× capacity) inside the used SOC range
    v_low: np.ndarray  # pack lowest voltage, V
    ocv_ref: np.ndarray  # cell OCV at the power SOC


def window_figures(cell: Cell, series, target: Target, capacity: float | None = None,
                   soc_window: tuple[float, float] = (0.0, 1.0), ocv: OcvModel | None = None
                   ) -> WindowFigures:
    S = np.asarray(series, float)
    ocv = ocv or OcvModel(cell)
    cap = cell.capacity if capacity is None else capacity
    w_lo, w_hi = ocv.soc_range(target.voltage_min / S, target.voltage_max / S)
    full = np.maximum(ocv.energy(np.maximum(w_hi, w_lo)) - ocv.energy(w_lo), 0.0)
    fraction = np.where(w_hi > w_lo, full / ocv.total, 0.0)
    a, b = soc_window
    s_lo = np.maximum(w_lo, a)
    s_hi = np.minimum(w_hi, b)
    used = np.where(s_hi > s_lo, ocv.energy(np.maximum(s_hi, s_lo)) - ocv.energy(s_lo), 0.0)
    v_low = np.maximum(S * cell.min_voltage, target.voltage_min)
    soc_ref = s_lo + target.power_soc * np.maximum(s_hi - s_lo, 0.0)
    return WindowFigures(s_lo=s_lo, s_hi=s_hi, fraction=fraction, energy_per_cell=used * cap,
                         v_low=v_low, ocv_ref=ocv.ocv(soc_ref))


def power_per_parallel(cell: Cell, series, fig: WindowFigures, current_limit: float,
                       resistance_factor: float = 1.0, r_cell: float | None = None):
    """Pack power per parallel cell at the lowest voltage (W / P), and whether the cell current
    limit (True) or the voltage sag (False) sets it.  r_cell: the resistance of one cell's share
    of the pack (pack R × P / S); the cell's R0 when None."""
    S = np.asarray(series, float)
    r = (cell.resistance if r_cell is None else r_cell) * resistance_factor
    sag_current = np.maximum(S * fig.ocv_ref - fig.v_low, 0.0) / (S * r)
    i = np.minimum(current_limit, sag_current)
    return i * fig.v_low, current_limit <= sag_current


def peak_current(cell: Cell, target: Target) -> tuple[float, str]:
    """The per-cell current for the target's peak, and a note."""
    if cell.peak_discharge_current:
        dur = cell.peak_discharge_duration
        if dur is None or dur >= target.peak_duration - 1e-9:
            return cell.peak_discharge_current, "cell peak current"
        return cell.max_continuous_discharge_current, (
            f"continuous current: the cell's peak lasts {dur:g} s < {target.peak_duration:g} s")
    return cell.max_continuous_discharge_current, "continuous current: the cell gives no peak"


def temperature_factors(cell: Cell, temperature: float) -> tuple[float, float, bool, bool]:
    """(capacity factor, resistance factor, capacity table is the cell's, resistance table is
    the cell's) at an ambient temperature."""
    ct = cell.temp_capacity_factor or GENERIC_CAPACITY_FACTOR
    rt = cell.temp_resistance_factor or GENERIC_RESISTANCE_FACTOR
    return (float(ct(temperature)), float(rt(temperature)),
            cell.temp_capacity_factor is not None, cell.temp_resistance_factor is not None)


# --- the checks -------------------------------------------------------------------------------
CHECK_LABELS = {
    "nominal_voltage": "Nominal voltage in the window",
    "voltage_window": "Energy inside the voltage window",
    "min_voltage": "Pack minimum voltage",
    "max_voltage": "Pack maximum voltage",
    "usable_energy": "Usable energy",
    "energy_at_end_of_life": "Usable energy at end of life",
    "continuous_power": "Continuous power at the lowest voltage",
    "peak_power": "Peak power at the lowest voltage",
    "charge_power": "Charge power",
    "discharge_temperature": "Discharge temperature range",
    "charge_temperature": "Charge temperature range",
    "coldest_energy": "Usable energy at the coldest ambient",
    "coldest_power": "Power at the coldest ambient",
    "mass": "Mass",
    "length": "Envelope length",
    "width": "Envelope width",
    "height": "Envelope height",
    "volume": "Volume",
    "cycle_life": "Cycle life",
    "budget": "Cell cost",
    "duty_cycle": "Duty cycle",
}


def _fmt(v: float, digits: int = 4) -> str:
    from .units import format_number

    return format_number(v, digits)


def _u(unit: str) -> str:
    from .results import pretty_unit

    return " " + pretty_unit(unit) if unit else ""


def _min_check(name: str, value: float, required: float, unit: str, what: str,
               extra: str = "") -> Check:
    margin = (value - required) / required if required else math.inf
    ok = value >= required * (1 - 1e-9)
    rel = "≥" if ok else "<"
    u = _u(unit) if unit else " cycles" if name == "cycle_life" else ""
    reason = f"{what} {_fmt(value)}{u} {rel} {_fmt(required)}{u} required"
    if not ok:
        reason += f" (short by {_fmt(required - value, 3)}{u})"
    if extra:
        reason += f"; {extra}"
    return Check(name, ok, value, required, margin, unit, reason, CHECK_LABELS.get(name, name))


def _max_check(name: str, value: float, limit: float, unit: str, what: str,
               extra: str = "") -> Check:
    margin = (limit - value) / limit if limit else -math.inf
    ok = value <= limit * (1 + 1e-9)
    rel = "≤" if ok else ">"
    u = _u(unit)
    reason = f"{what} {_fmt(value)}{u} {rel} {_fmt(limit)}{u} allowed"
    if not ok:
        reason += f" (over by {_fmt(value - limit, 3)}{u})"
    if extra:
        reason += f"; {extra}"
    return Check(name, ok, value, limit, margin, unit, reason, CHECK_LABELS.get(name, name))


def window_note(cell: Cell, S: int, target: Target, fig: WindowFigures) -> str:
    inc = f"the {target.incumbent} window" if target.incumbent else "the system window"
    lo, hi = float(fig.s_lo[()]), float(fig.s_hi[()])
    txt = (f"{S}S swings {_fmt(S * cell.min_voltage)}–{_fmt(S * cell.max_voltage)} V against "
           f"{inc} {_fmt(target.voltage_min)}–{_fmt(target.voltage_max)} V, i.e. "
           f"{_fmt(target.voltage_min / S, 3)}–{_fmt(target.voltage_max / S, 3)} V per cell")
    if hi > lo:
        txt += f": SOC {lo * 100:.0f}–{hi * 100:.0f} % is usable"
    else:
        txt += ": no SOC range of the cell lies inside it"
    if cell.ocv is None:
        txt += " (the cell has no OCV table: a line through its limits is assumed)"
    return txt


def check_design(design, target: Target, results=None, duty_cycle: bool = False) -> list[Check]:
    """Every requirement of `target` checked on `design` (a PackDesign).

    `results` may pass an already computed `calculate(design)`.  With `duty_cycle=True` and a
    target duty cycle, the design is also simulated through it (slow; needs core.simulate).
    """
    from .electrical import calculate

    r = results if results is not None else calculate(design)
    cell = design.cell
    S, P = design.series, design.parallel
    capacity = r.value("capacity")
    fig = window_figures(cell, S, target, capacity=capacity / P,
                         soc_window=design.analysis.soc_window)
    checks: list[Check] = []

    # voltage
    nom = r.value("nominal_voltage")
    nlo, nhi = target.nominal_window
    ok = nlo * (1 - 1e-9) <= nom <= nhi * (1 + 1e-9)
    margin = min(nom - nlo, nhi - nom) / ((nhi + nlo) / 2)
    checks.append(Check("nominal_voltage", ok, nom, nhi if nom > nhi else nlo, margin, "V",
                        f"{S}S × {_fmt(cell.nominal_voltage)} V = {_fmt(nom)} V "
                        f"{'inside' if ok else 'outside'} {_fmt(nlo)}–{_fmt(nhi)} V",
                        CHECK_LABELS["nominal_voltage"]))
    frac = float(fig.fraction[()])
    wnote = window_note(cell, S, target, fig)
    what = "drop-in: energy inside the window" if target.incumbent else "energy inside the window"
    c = _min_check("voltage_window", frac * 100, target.min_usable_fraction * 100, "%", what,
                   wnote)
    if frac <= 0:
        c = replace(c, passed=False, margin=-1.0)
    label = CHECK_LABELS["voltage_window"]
    if target.incumbent:
        label = "Drop-in: " + label[0].lower() + label[1:]
    checks.append(replace(c, label=label))
    if target.full_range:
        checks.append(_min_check("min_voltage", r.value("min_voltage"), target.voltage_min, "V",
                                 "pack minimum voltage"))
        checks.append(_max_check("max_voltage", r.value("max_voltage"), target.voltage_max, "V",
                                 "pack maximum voltage"))

    # energy
    usable = S * P * float(fig.energy_per_cell[()])
    checks.append(_min_check("usable_energy", usable / 3.6e6, target.usable_energy / 3.6e6,
                             "kW*h", "usable energy inside the window",
                             f"SOC {float(fig.s_lo[()]) * 100:.0f}–"
                             f"{float(fig.s_hi[()]) * 100:.0f} %"))
    if target.energy_at_end_of_life is not None:
        from .ageing import end_of_life_energy_fraction as eol_f

        checks.append(_min_check("energy_at_end_of_life", usable * eol_f(cell, target.cycle_life)
                                 / 3.6e6, target.energy_at_end_of_life / 3.6e6, "kW*h",
                                 "usable energy after the cycle life (ageing model)"))

    # power at the lowest voltage (pack resistance from the network, cell share = R × P / S)
    r_share = r.value("resistance") * P / S
    v_low = float(fig.v_low[()])
    if target.continuous_power is not None:
        pw, by_current = power_per_parallel(cell, S, fig, cell.max_continuous_discharge_current,
                                            r_cell=r_share)
        checks.append(_min_check("continuous_power", P * float(pw) / 1e3,
                                 target.continuous_power / 1e3, "kW", "continuous power",
                                 f"at {_fmt(v_low)} V, "
                                 + ("cell current limit" if by_current else
                                    f"voltage sag at {target.power_soc * 100:.0f} % of the "
                                    "usable SOC range")))
    if target.peak_power is not None:
        i_pk, note = peak_current(cell, target)
        pw, by_current = power_per_parallel(cell, S, fig, i_pk, r_cell=r_share)
        checks.append(_min_check("peak_power", P * float(pw) / 1e3, target.peak_power / 1e3,
                                 "kW", f"peak power for {target.peak_duration:g} s",
                                 f"at {_fmt(v_low)} V with the {note}"
                                 + ("" if by_current else ", limited by voltage sag")))
    if target.charge_power is not None:
        value = P * cell.max_continuous_charge_current * nom
        checks.append(_min_check("charge_power", value / 1e3, target.charge_power / 1e3, "kW",
                                 "charge power", f"{_fmt(P * cell.max_continuous_charge_current)}"
                                 f" A at the nominal {_fmt(nom)} V"))

    # temperature
    tmin_c, tmax_c = target.temperature_min - C0, target.temperature_max - C0
    dlo, dhi = (t - C0 for t in cell.discharge_temperature)
    ok = dlo <= tmin_c + 1e-9 and dhi >= tmax_c - 1e-9
    margin = min(tmin_c - dlo, dhi - tmax_c)
    checks.append(Check("discharge_temperature", ok, dlo if tmin_c - dlo < dhi - tmax_c else dhi,
                        tmin_c if tmin_c - dlo < dhi - tmax_c else tmax_c, margin / 100.0,
                        "degC", f"cell discharges from {_fmt(dlo, 3)} to {_fmt(dhi, 3)} °C; the "
                        f"application needs {_fmt(tmin_c, 3)} to {_fmt(tmax_c, 3)} °C",
                        CHECK_LABELS["discharge_temperature"]))
    clo, chi = (t - C0 for t in cell.charge_temperature)
    need_lo = target.charge_min_temperature - C0
    need_hi = target.charge_max_temperature - C0
    ok = clo <= need_lo + 1e-9 and chi >= need_hi - 1e-9
    margin = min(need_lo - clo, chi - need_hi)
    checks.append(Check("charge_temperature", ok, clo if need_lo - clo < chi - need_hi else chi,
                        need_lo if need_lo - clo < chi - need_hi else need_hi, margin / 100.0,
                        "degC", f"cell charges from {_fmt(clo, 3)} to {_fmt(chi, 3)} °C; the "
                        f"application charges from {_fmt(need_lo, 3)} to {_fmt(need_hi, 3)} °C",
                        CHECK_LABELS["charge_temperature"]))
    if target.coldest_energy is not None or target.coldest_power is not None:
        cf, rf, own_c, own_r = temperature_factors(cell, target.temperature_min)
        if target.coldest_energy is not None:
            src = "the cell's table" if own_c else "generic sodium-ion factor (cell gives none)"
            checks.append(_min_check("coldest_energy", usable * cf / 3.6e6,
                                     target.coldest_energy / 3.6e6, "kW*h",
                                     f"usable energy at {_fmt(tmin_c, 3)} °C",
                                     f"capacity × {cf:.3g} ({src})"))
        if target.coldest_power is not None:
            src = "the cell's table" if own_r else "generic sodium-ion factor (cell gives none)"
            pw, by_current = power_per_parallel(cell, S, fig,
                                                cell.max_continuous_discharge_current,
                                                resistance_factor=rf, r_cell=r_share)
            checks.append(_min_check("coldest_power", P * float(pw) / 1e3,
                                     target.coldest_power / 1e3, "kW",
                                     f"power at {_fmt(tmin_c, 3)} °C",
                                     f"resistance × {rf:.3g} ({src}), at {_fmt(v_low)} V, "
                                     + ("cell current limit" if by_current else "voltage sag")))

    # mechanical
    if target.max_mass is not None:
        checks.append(_max_check("mass", r.value("mass"), target.max_mass, "kg", "pack mass"))
    dims = {"length": r.value("length"), "width": r.value("width"),
            "height": r.value("height")}
    limits = {"length": target.max_length, "width": target.max_width,
              "height": target.max_height}
    for key in ("length", "width", "height"):
        if limits[key] is not None:
            extra = ""
            if key in ("length", "width") and dims[key] > limits[key]:
                other = "width" if key == "length" else "length"
                if (limits[other] is None or dims[key] <= limits[other]) and (
                        limits[key] is None or dims[other] <= limits[key]):
                    extra = "it fits turned by 90° (layout rotation)"
            checks.append(_max_check(key, dims[key] * 1e3, limits[key] * 1e3, "mm",
                                     f"envelope {key}", extra))
    if target.max_volume is not None:
        checks.append(_max_check("volume", r.value("volume") * 1e3, target.max_volume * 1e3,
                                 "L", "pack volume"))

    # life and cost
    if target.cycle_life is not None:
        if cell.cycle_life is None:
            checks.append(Check("cycle_life", True, math.nan, target.cycle_life, math.nan, "",
                                f"the cell gives no cycle life: {target.cycle_life:g} cycles "
                                "not verified", CHECK_LABELS["cycle_life"], verified=False))
        else:
            est = " (estimated)" if cell.is_estimated("cycle_life") else ""
            checks.append(_min_check("cycle_life", cell.cycle_life, target.cycle_life, "",
                                     f"cell cycle life{est}"))
    if target.budget:
        per_cell = cell.price_per_cell()
        if per_cell is None:
            amount, cur = target.budget[0]
            checks.append(Check("budget", True, math.nan, amount, math.nan, cur,
                                "the cell gives no price: budget not verified",
                                CHECK_LABELS["budget"], verified=False))
        else:
            limit = target.budget_in(cell.currency)
            cost = per_cell * design.cell_count
            if limit is None:
                have = ", ".join(f"{a:g} {c}" for a, c in target.budget)
                checks.append(Check("budget", True, cost, math.nan, math.nan, cell.currency,
                                    f"cell cost {cost:,.0f} {cell.currency}: the budget is "
                                    f"given in {have} only, so it is not verified (no exchange "
                                    "rates are assumed)", CHECK_LABELS["budget"],
                                    verified=False))
            else:
                est = " (estimated price)" if cell.is_estimated("price") else ""
                checks.append(_max_check("budget", cost, limit, cell.currency,
                                         f"cell cost{est}",
                                         f"{design.cell_count} cells × {per_cell:.4g} "
                                         f"{cell.currency}"))
    if duty_cycle and target.duty_cycle:
        checks.append(check_duty_cycle(design, target))
    return checks


def duty_cycle_profile(target: Target, design):
    """The target's duty cycle as a Profile: a built-in application cycle id, a `cc:`/`cp:`
    spec, or a CSV file (a relative path is read from the target file's folder)."""
    from .profiles import builtin_profiles, parse_builtin, read_profile_csv

    ref = target.duty_cycle
    builtins = builtin_profiles()
    if ref in builtins:
        return builtins[ref].make(design)
    if ref.startswith(("cc:", "cp:")):
        return parse_builtin(ref)
    path = Path(ref)
    if not path.is_absolute() and target.origin not in ("", "preset", "user"):
        path = Path(target.origin).parent / path
    elif not path.is_absolute() and target.origin in ("preset", "user"):
        path = (preset_dir() if target.origin == "preset" else user_target_dir()) / path
    return read_profile_csv(path)


def start_soc(profile, design) -> float:
    """Where a cycle starts: full for a discharge-only cycle; for one that charges too, the middle
    of the start states that keep it inside 0–1 (counting C-rate × time and W/Wh × time as
    fractions of the pack's charge)."""
    resolved = profile.resolve(design)
    cap_as = design.cell.capacity * design.parallel
    v_nom = design.series * design.cell.nominal_voltage
    c, lo, hi = 0.0, 0.0, 0.0
    for seg in resolved.segments:
        if seg.duration is None:
            break
        amps = seg.value / v_nom if seg.mode == "power" else seg.value
        c += amps * seg.duration / cap_as
        lo, hi = max(lo, c), min(hi, c)
    top = 1.0 + hi  # highest start that never overcharges
    if top >= 1.0:
        return 1.0
    return float(min(1.0, max(0.0, (lo + top) / 2)))


def check_duty_cycle(design, target: Target, dt: float = 60.0) -> Check:
    """Simulate the target's duty cycle from full charge at the design's ambient: the design
    passes when the whole cycle runs without a cut-off (needs core.simulate)."""
    try:
        from .simulate import simulate
    except ImportError:
        return Check("duty_cycle", True, math.nan, math.nan, math.nan, "s",
                     f"duty cycle '{target.duty_cycle}' not simulated: the simulation module "
                     "is not available", CHECK_LABELS["duty_cycle"], verified=False)
    profile = duty_cycle_profile(target, design)
    total = profile.duration
    soc0 = start_soc(profile, design)
    res = simulate(design, profile, dt=dt, soc0=soc0, per_cell=False)
    t_end = float(res.time[-1])
    ref = target.duty_cycle
    if not math.isfinite(total):
        return Check("duty_cycle", True, t_end, math.nan, math.nan, "s",
                     f"duty cycle '{ref}' runs until a cut-off: it ended after {t_end:.0f} s "
                     f"({res.cutoff or 'no cut-off'}); nothing to compare",
                     CHECK_LABELS["duty_cycle"], verified=False)
    ok = res.cutoff is None and t_end >= total - 1e-6
    reason = (f"duty cycle '{ref}' ({total / 3600:.3g} h from {soc0 * 100:.0f} % SOC) "
              + ("completed without a cut-off" if ok else
                 f"stopped after {t_end:.0f} s of {total:.0f} s: {res.cutoff}"))
    return Check("duty_cycle", ok, t_end, total, (t_end - total) / total if total else 0.0, "s",
                 reason, CHECK_LABELS["duty_cycle"])


def margin_text(check: Check) -> str:
    """The margin for display: kelvins for temperature ratings, else a signed percentage."""
    m = check.margin
    if m is None or not math.isfinite(m):
        return "–"
    if check.unit == "degC":
        return f"{m * 100:+.0f} K"
    return f"{m * 100:+.0f} %"


def all_passed(checks: list[Check]) -> bool:
    return all(c.passed for c in checks)


def describe_target(target: Target) -> list[tuple[str, str]]:
    """(label, text) rows describing a target, for tables."""
    from .units import to_unit

    def q(v, kind, unit):
        return f"{_fmt(to_unit(v, kind, unit))} {unit.replace('*', '')}"

    rows = [("Voltage window", f"{q(target.voltage_min, 'voltage', 'V')} – "
                               f"{q(target.voltage_max, 'voltage', 'V')}")]
    nlo, nhi = target.nominal_window
    if (nlo, nhi) != (target.voltage_min, target.voltage_max):
        rows.append(("Nominal voltage", f"{_fmt(nlo)} – {_fmt(nhi)} V"))
    if target.incumbent:
        rows.append(("Drop-in for", target.incumbent))
    if target.min_usable_fraction:
        rows.append(("Energy inside the window", f"≥ {target.min_usable_fraction * 100:.0f} %"))
    rows.append(("Usable energy", q(target.usable_energy, "energy", "kW*h")))
    if target.energy_at_end_of_life is not None:
        rows.append(("Usable energy at end of life", q(target.energy_at_end_of_life, "energy",
                                                        "kW*h")))
    if target.continuous_power is not None:
        rows.append(("Continuous power", q(target.continuous_power, "power", "kW")))
    if target.peak_power is not None:
        rows.append(("Peak power", f"{q(target.peak_power, 'power', 'kW')} for "
                                   f"{target.peak_duration:g} s"))
    if target.charge_power is not None:
        rows.append(("Charge power", q(target.charge_power, "power", "kW")))
    rows.append(("Ambient", f"{target.temperature_min - C0:.0f} … "
                            f"{target.temperature_max - C0:.0f} °C"))
    if target.coldest_energy is not None:
        rows.append(("Energy at the coldest", q(target.coldest_energy, "energy", "kW*h")))
    if target.coldest_power is not None:
        rows.append(("Power at the coldest", q(target.coldest_power, "power", "kW")))
    if target.max_mass is not None:
        rows.append(("Max. mass", q(target.max_mass, "mass", "kg")))
    if any(v is not None for v in (target.max_length, target.max_width, target.max_height)):
        dims = " × ".join("–" if v is None else f"{v * 1e3:.0f}"
                          for v in (target.max_length, target.max_width, target.max_height))
        rows.append(("Max. envelope L × W × H", f"{dims} mm"))
    if target.max_volume is not None:
        rows.append(("Max. volume", q(target.max_volume, "volume", "L")))
    if target.cycle_life is not None:
        rows.append(("Cycle life", f"{target.cycle_life:g}"))
    if target.budget:
        rows.append(("Budget (cells)", " or ".join(f"{a:,.0f} {c}" for a, c in target.budget)))
    if target.duty_cycle:
        rows.append(("Duty cycle", target.duty_cycle))
    return rows


__all__ = ["Target", "Check", "margin_text", "presets", "load_target", "check_design", "read_target_file",
           "write_target_file", "target_from_dict", "target_to_dict", "all_passed",
           "describe_target", "window_figures", "OcvModel", "power_per_parallel",
           "peak_current", "temperature_factors"]
