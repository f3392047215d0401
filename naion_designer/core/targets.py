"""Application targets: what a forklift, a telecom cabinet or an e-moped asks of a pack.

`Target` holds the requirements (SI floats) and `Check` one requirement checked on one design;
`checks.check_design` makes the checks and `window` the closed-form figures they use.  Target
files (TOML, `format = "naion-target"`) and the presets are read and written by `io.target_file`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .units import InputError

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
    energy_at_end_of_life: float | None = None  # J usable after cycle_life (core.ageing)
    budget: tuple[tuple[float, str], ...] = ()  # (amount, currency): any one may apply
    duty_cycle: str = ""  # a built-in profile id or a profile CSV path
    origin: str = field(default="", compare=False)  # "preset", "user" or a path
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)  # extensions
    folder: str = field(default="", compare=False)  # read from; relative duty-cycle paths

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


CHECK_LABELS = {
    "nominal_voltage": "Nominal voltage in the window",
    "voltage_window": "Energy inside the voltage window",
    "min_voltage": "Pack minimum voltage",
    "max_voltage": "Pack maximum voltage",
    "usable_energy": "Usable energy inside the voltage window",
    "energy_at_end_of_life": "Usable energy at end of life",
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
