"""Application targets: what a forklift, a telecom cabinet or an e-moped asks of a pack.

`Target` holds the requirements (SI floats) and `Check` one requirement checked on one design;
`checks.check_design` makes the checks and `window` the closed-form figures they use.  A target
file is TOML (`format = "naion-target"`) with quantities as unit strings, parsed here into SI
floats.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .units import InputError, check_format_version, parse_fraction, parse_money, parse_quantity

FORMAT = "naion-target"
VERSION = 1
C0 = 273.15


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
    figure: str = ""  # the figure compared: a `calc` result name, or a target-only figure
    basis: str = ""  # for a target-only figure: how it is taken (shown beside the value)


# --- file format ----------------------------------------------------------------------------
_QUANTITY_KEYS: dict[str, tuple[str, str, str]] = {
    # section.key -> (field, kind, unit used when writing)
    "voltage.min": ("voltage_min", "voltage", "V"),
    "voltage.max": ("voltage_max", "voltage", "V"),
    "voltage.nominal_min": ("nominal_min", "voltage", "V"),
    "voltage.nominal_max": ("nominal_max", "voltage", "V"),
    "energy.usable": ("usable_energy", "energy", "kWh"),
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


CHECK_LABELS = {
    "nominal_voltage": "Nominal voltage in the window",
    "voltage_window": "Energy inside the voltage window",
    "min_voltage": "Pack minimum voltage",
    "max_voltage": "Pack maximum voltage",
    "usable_energy": "Usable energy inside the voltage window",
    "continuous_power": "Continuous power at the end of the usable window",
    "peak_power": "Peak power at the end of the usable window",
    "charge_power": "Max. continuous charge power",
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


def describe_target(target: Target) -> list[tuple[str, str]]:
    """(label, text) rows describing a target, for tables."""
    from .units import format_number as _fmt
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
