"""Duty cycles: what the pack is asked to do over time.

A `Profile` is a sequence of `Segment`s.  Each segment holds one demand on the pack (a current,
a power, a CC-CV charge or a rest) for a duration, or until the first cut-off (`duration=None`).
Signs: positive = discharge, as everywhere in NaIon Designer.

Values may be absolute (A, W) or relative to the design so that one profile fits any pack:
`unit="C"` is a C-rate of the pack capacity (the weakest parallel group), `unit="E"` a power in
W per Wh of the pack's nominal energy.  `Profile.resolve(design)` turns them into A and W.

A piecewise-constant profile of many rows (a profile CSV file, see `io.profile_csv`) keeps its
times and values in two arrays (`StepSegments`) and makes each `Segment` when it is used.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .units import InputError

MODES = ("current", "power", "cccv")
UNITS = {"current": ("A", "C"), "power": ("W", "E"), "cccv": ("A", "C")}


@dataclass(frozen=True)
class Segment:
    """One demand held for `duration` seconds (None: until a cut-off, or for CC-CV until the
    current has tapered to `cutoff`)."""

    mode: str  # "current" | "power" | "cccv"
    value: float  # A or C-rate (current, cccv: the CC charge current, negative), W or W/Wh
    unit: str = "A"  # "A", "C" (C-rate), "W", "E" (W per Wh of nominal pack energy)
    duration: float | None = None  # s
    voltage: float | None = None  # cccv: CV limit in V (per cell or for the pack); None: max
    cutoff: float | None = None  # cccv: end when |current| falls below this (same unit as value)
    limit: str = "cell"  # cccv: "cell" holds the highest cell at `voltage`, "pack" the pack
    label: str = ""

    def __post_init__(self):
        if self.mode not in MODES:
            raise InputError("profile", f"unknown segment mode '{self.mode}'")
        if self.unit not in UNITS[self.mode]:
            raise InputError("profile", f"a {self.mode} segment takes a value in "
                                        f"{' or '.join(UNITS[self.mode])}, got '{self.unit}'")
        if not math.isfinite(self.value):
            raise InputError("profile", f"segment value must be finite, got {self.value!r}")
        if self.duration is not None and not (self.duration >= 0 and
                                              math.isfinite(self.duration)):
            raise InputError("profile", f"segment duration must be ≥ 0 s, got {self.duration!r}")
        if self.duration is None and self.mode != "cccv" and self.value == 0:
            raise InputError("profile", "a rest needs a duration (it has no cut-off)")
        if self.limit not in ("cell", "pack"):
            raise InputError("profile", f"cccv limit must be 'cell' or 'pack', got {self.limit!r}")


@dataclass(frozen=True)
class Profile:
    segments: tuple[Segment, ...] | StepSegments
    name: str = "profile"
    description: str = ""

    def __post_init__(self):
        if not self.segments:
            raise InputError("profile", "a profile needs at least one segment")

    @property
    def duration(self) -> float:
        """Total duration in s (inf when a segment runs until a cut-off)."""
        if isinstance(self.segments, StepSegments):
            return self.segments.duration
        total = 0.0
        for s in self.segments:
            if s.duration is None:
                return math.inf
            total += s.duration
        return total

    def __add__(self, other: Profile) -> Profile:
        return Profile(tuple(self.segments) + tuple(other.segments),
                       f"{self.name} + {other.name}", self.description)

    def repeat(self, n: int) -> Profile:
        return replace(self, segments=tuple(self.segments) * int(n))

    def resolve(self, design) -> Profile:
        """The same profile with every value in A (current, cccv) or W (power)."""
        cap_a = pack_capacity_ah(design)
        energy_wh = cap_a * design.series * design.cell.nominal_voltage
        if isinstance(self.segments, StepSegments):
            st = self.segments
            k = {"C": cap_a, "E": energy_wh}.get(st.unit, 1.0)
            return replace(self, segments=st.scaled(k, "W" if st.mode == "power" else "A"))
        out = []
        for s in self.segments:
            k = {"C": cap_a, "E": energy_wh}.get(s.unit, 1.0)
            unit = "W" if s.mode == "power" else "A"
            cutoff = None if s.cutoff is None else abs(s.cutoff) * k
            out.append(replace(s, value=s.value * k, unit=unit, cutoff=cutoff))
        return replace(self, segments=tuple(out))


class StepSegments(Sequence):
    """The segments of a piecewise-constant profile held as arrays: value[i] holds from
    time[i] to time[i+1] (times strictly increasing).  A few tens of bytes a row, so that a
    profile of millions of rows fits in memory; each `Segment` is made when it is read."""

    __slots__ = ("mode", "unit", "times", "values")

    def __init__(self, mode: str, unit: str, times: array, values: array):
        if len(times) != len(values) + 1:
            raise InputError("profile", "expected one more time than values")
        Segment(mode, 0.0, unit, 0.0)  # checks mode and unit once
        for v in values:
            if not math.isfinite(v):
                raise InputError("profile", f"segment value must be finite, got {v!r}")
        self.mode, self.unit, self.times, self.values = mode, unit, times, values

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        t = self.times
        return Segment(self.mode, self.values[i], self.unit, t[i + 1] - t[i])

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None

    @property
    def duration(self) -> float:
        return self.times[-1] - self.times[0]

    def scaled(self, k: float, unit: str) -> StepSegments:
        return StepSegments(self.mode, unit, self.times, array("d", (v * k for v in self.values)))


def pack_capacity_ah(design) -> float:
    """Capacity of the pack in Ah: the weakest parallel group, as `calc` reports it."""
    return float(design.cell_array("capacity").sum(axis=1).min()) / 3600.0


# --- building blocks --------------------------------------------------------------------------
def constant_current(current: float, duration: float | None = None, unit: str = "A",
                     label: str = "") -> Profile:
    """Constant pack current (positive = discharge) for `duration` s or until a cut-off."""
    seg = Segment("current", float(current), unit, duration, label=label)
    return Profile((seg,), label or f"cc {current:g} {unit}")


def constant_power(power: float, duration: float | None = None, unit: str = "W",
                   label: str = "") -> Profile:
    """Constant pack power (positive = discharge) for `duration` s or until a cut-off."""
    seg = Segment("power", float(power), unit, duration, label=label)
    return Profile((seg,), label or f"cp {power:g} {unit}")


def rest(duration: float) -> Profile:
    return Profile((Segment("current", 0.0, "A", float(duration), label="rest"),), "rest")


def cc_cv_charge(current: float, voltage: float | None = None, cutoff_current: float | None = None,
                 unit: str = "A", limit: str = "cell", max_duration: float | None = None) -> Profile:
    """CC-CV charge: charge at `current` (either sign; charging is negative) until the highest
    cell (limit="cell") or the pack (limit="pack") reaches `voltage` (None: the cell's
    max_voltage, × S for the pack), then hold that voltage while the current tapers to
    `cutoff_current` (None: C/20)."""
    mag = abs(float(current))
    if mag == 0:
        raise InputError("profile", "a CC-CV charge needs a non-zero current")
    if cutoff_current is None:
        cutoff = mag / 20.0 if unit == "A" else 0.05
    else:
        cutoff = abs(float(cutoff_current))
    seg = Segment("cccv", -mag, unit, max_duration, voltage=voltage, cutoff=cutoff, limit=limit,
                  label="cc-cv charge")
    return Profile((seg,), f"cccv {mag:g} {unit}")


def pulse_train(high: float, high_duration: float, low: float = 0.0, low_duration: float = 0.0,
                count: int = 1, unit: str = "A", mode: str = "current") -> Profile:
    """`count` pulses of `high` for `high_duration` s, each followed by `low` for `low_duration`."""
    if count < 1:
        raise InputError("profile", "a pulse train needs at least one pulse")
    segs: list[Segment] = []
    for _ in range(int(count)):
        segs.append(Segment(mode, float(high), unit, float(high_duration), label="pulse"))
        if low_duration > 0:
            segs.append(Segment(mode, float(low), unit, float(low_duration), label="pause"))
    return Profile(tuple(segs), f"pulses {high:g} {unit}")


def from_steps(times: Iterable[float], values: Iterable[float], mode: str = "current",
               unit: str = "A", name: str = "steps") -> Profile:
    """Piecewise-constant profile: values[i] holds from times[i] to times[i+1]; the last time is
    the end (its value is not used)."""
    t = array("d", times)
    v = array("d", values)
    if len(t) >= 2 and len(v) >= len(t) - 1 and all(t[i + 1] > t[i] for i in range(len(t) - 1)):
        return Profile(StepSegments(mode, unit, t, v[:len(t) - 1]), name)
    segs = tuple(Segment(mode, v[i], unit, t[i + 1] - t[i]) for i in range(len(t) - 1)
                 if t[i + 1] > t[i])
    return Profile(segs, name)


# --- built-in profiles -------------------------------------------------------------------------
@dataclass(frozen=True)
class BuiltinProfile:
    label: str
    description: str
    make: Callable[..., Profile] = field(compare=False)


def _c(value: float, duration: float, label: str = "") -> Segment:
    return Segment("current", value, "C", duration, label=label)


def _e(value: float, duration: float, label: str = "") -> Segment:
    return Segment("power", value, "E", duration, label=label)


def _two_wheeler(design=None) -> Profile:
    # One 200 s urban block of an e-scooter/e-moped: pull-away at ~2C, cruise, regenerative
    # braking, stop at a light; repeated for an hour (18 blocks).  Power-based (W per Wh).
    block = (_e(1.8, 8, "pull-away"), _e(0.9, 30, "accelerate"), _e(0.45, 60, "cruise"),
             _e(-0.25, 6, "regen braking"), _e(0.0, 20, "stop"), _e(1.5, 6, "pull-away"),
             _e(0.6, 40, "cruise"), _e(-0.3, 5, "regen braking"), _e(0.0, 25, "stop"))
    return Profile(block * 18, "two-wheeler-urban",
                   "e-scooter urban cycle, 1 h of 200 s stop-and-go blocks")


def _forklift(design=None) -> Profile:
    # One 120 s lift-and-drive cycle: drive to the rack, lift a load (~2.5C), drive, lower with
    # regeneration, idle; 30 cycles = 1 h of a shift.
    block = (_c(0.8, 25, "drive"), _c(2.5, 12, "lift"), _c(0.15, 8, "hold"),
             _c(0.9, 30, "drive loaded"), _c(-0.4, 8, "lower (regen)"), _c(0.6, 20, "drive"),
             _c(0.05, 17, "idle"))
    return Profile(block * 30, "forklift-lift-drive",
                   "forklift lift-and-drive cycle, 1 h of 120 s cycles")


def _home_storage(design=None) -> Profile:
    # A day from midnight, from a full battery: night-time base load, morning peak, PV charge
    # over the day (less than the night and morning used, so that a full pack never overfills),
    # evening peak, late evening.  W per Wh of pack energy, 24 h; ends near 25 % SOC.
    segs = (_e(0.04, 6 * 3600, "night base load"), _e(0.12, 2 * 3600, "morning peak"),
            _e(-0.05, 2 * 3600, "PV charge (morning)"), _e(-0.09, 3 * 3600, "PV charge (noon)"),
            _e(-0.03, 3 * 3600, "PV charge (afternoon)"), _e(0.1, 6 * 3600, "evening peak"),
            _e(0.04, 2 * 3600, "late evening"))
    return Profile(segs, "home-storage-day", "home storage day: PV charge, evening discharge, 24 h")


def _grid_day(design=None) -> Profile:
    # From 06:00, from a full battery: morning price peak, 2 h of frequency response (a
    # deterministic ±0.2C signal in 60 s steps), midday solar charge, evening peak, night
    # charge in the price trough, idle periods between.  C-rates, 24 h.
    segs: list[Segment] = [_c(0.5, 1.5 * 3600, "morning peak")]
    for k in range(120):  # 2 h of frequency response
        x = 0.2 * math.sin(0.37 * k) * math.cos(0.11 * k + 0.5)
        segs.append(_c(round(x, 4), 60, "frequency response"))
    segs += [_c(0.0, 1.5 * 3600, "idle"), _c(-0.22, 3 * 3600, "midday charge"),
             _c(0.0, 3 * 3600, "idle"), _c(0.4, 2 * 3600, "evening peak"),
             _c(0.0, 3 * 3600, "idle"), _c(-0.2, 4 * 3600, "night charge"),
             _c(0.0, 4 * 3600, "idle")]
    return Profile(tuple(segs), "grid-day",
                   "grid storage day from 06:00: arbitrage charge/discharge plus 2 h of "
                   "frequency response")


_BUILTINS = {
    "two-wheeler-urban": BuiltinProfile(
        "Two-wheeler urban cycle", "1 h of 200 s stop-and-go blocks (pull-away ~1.8 W/Wh, "
                                   "regen braking), scaled to the pack energy", _two_wheeler),
    "forklift-lift-drive": BuiltinProfile(
        "Forklift lift-and-drive", "1 h of 120 s cycles: drive 0.8C, lift 2.5C, lower with "
                                   "regen −0.4C, idle; scaled to the pack capacity", _forklift),
    "home-storage-day": BuiltinProfile(
        "Home storage day", "24 h from midnight: night base load, morning peak, PV charge over "
                            "the day, evening peak; scaled to the pack energy", _home_storage),
    "grid-day": BuiltinProfile(
        "Grid arbitrage and frequency day", "24 h from 06:00: 0.5C morning and 0.4C evening "
                                            "peaks, midday and night charge, 2 h of ±0.2C "
                                            "frequency response", _grid_day),
}


def builtin_profiles() -> dict[str, BuiltinProfile]:
    """The built-in application cycles: {id: BuiltinProfile(label, description, make)}."""
    return dict(_BUILTINS)


def profile_label(ref: str) -> str:
    """The name to show for a profile reference: a built-in cycle's label (English; the edges
    translate it), else the reference itself (a CSV path, `cc:1C`)."""
    bp = _BUILTINS.get(ref.strip()) if isinstance(ref, str) else None
    return bp.label if bp is not None else ref


_RATE_RE = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z/*]+)\s*$")


def _rate(text: str, spec: str, allowed: dict[str, tuple[float, str]]) -> tuple[float, str]:
    m = _RATE_RE.match(text)
    if not m or m.group(2) not in allowed:
        raise InputError("profile", f"cannot read '{spec}': expected a value with one of the "
                                      f"units {', '.join(allowed)} (e.g. 'cc:1C', 'cc:12A')")
    k, unit = allowed[m.group(2)]
    return float(m.group(1)) * k, unit


def parse_builtin(text: str) -> Profile:
    """A built-in profile by name: `cc:<rate>` (`cc:1C`, `cc:12A`: discharge until the first
    cut-off), `cp:<power>` (`cp:500W`, `cp:2kW`, `cp:0.5E` = 0.5 W per Wh), `cccv:<rate>`
    (`cccv:0.5C`, `cccv:3A`: CC-CV charge to the cell max voltage, ending at C/20),
    `rest:<seconds>` or an application cycle id (see `builtin_profiles()`)."""
    spec = text.strip()
    if spec in _BUILTINS:
        return _BUILTINS[spec].make()
    kind, sep, arg = spec.partition(":")
    kind = kind.strip().lower()
    if not sep:
        raise InputError("profile", f"no such file or built-in profile '{text}' (built-ins: "
                                      f"cc:<rate>, cp:<power>, cccv:<rate>, rest:<s>, "
                                      f"{', '.join(_BUILTINS)})")
    cur = {"A": (1.0, "A"), "mA": (1e-3, "A"), "C": (1.0, "C")}
    if kind == "cc":
        v, unit = _rate(arg, spec, cur)
        if v == 0:
            raise InputError("profile", f"'{spec}': a constant current of zero never ends")
        return replace(constant_current(v, None, unit), name=spec)
    if kind == "cp":
        v, unit = _rate(arg, spec, {"W": (1.0, "W"), "kW": (1e3, "W"), "MW": (1e6, "W"),
                                     "E": (1.0, "E")})
        if v == 0:
            raise InputError("profile", f"'{spec}': a constant power of zero never ends")
        return replace(constant_power(v, None, unit), name=spec)
    if kind == "cccv":
        v, unit = _rate(arg, spec, cur)
        if v == 0:
            raise InputError("profile", f"'{spec}': a CC-CV charge needs a non-zero current")
        return replace(cc_cv_charge(v, unit=unit), name=spec)
    if kind == "rest":
        v, _ = _rate(arg, spec, {"s": (1.0, "s"), "min": (60.0, "s"), "h": (3600.0, "s")})
        if v <= 0:
            raise InputError("profile", f"'{spec}': a rest needs a positive duration")
        return replace(rest(v), name=spec)
    raise InputError("profile", f"no such file or built-in profile '{text}' (built-ins: "
                                  f"cc:<rate>, cp:<power>, cccv:<rate>, rest:<s>, "
                                  f"{', '.join(_BUILTINS)})")
