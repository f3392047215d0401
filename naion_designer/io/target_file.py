"""Target files (TOML, `format = "naion-target"`) to and from `Target`, declared once in `TARGET`,
and the presets: the bundled ones (`resources/targets/`) and the user's own (which may shadow).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core.targets import C0, Target
from ..core.units import InputError, check_format_version, parse_money
from .atomic import atomic_write_text
from .paths import resources_dir, user_data_dir
from .schema import MAX_NAME, Field, N, Q, S, Section, T, check_list, read_toml_file

FORMAT = "naion-target"
VERSION = 1

_TEMP = dict(lo=C0 - 100, hi=C0 + 200)
_POWER = dict(lo=0.0, hi=1e10, lo_open=True)
_ENERGY = dict(lo=0.0, hi=1e13, lo_open=True)
_LENGTH = dict(lo=0.0, hi=100.0, lo_open=True)


def _budget(v: Any, name: str) -> tuple[tuple[float, str], ...]:
    items = check_list(v, name, 10) if isinstance(v, list) else [v]
    budget = []
    for i, item in enumerate(items):
        where = f"{name}[{i}]" if isinstance(v, list) else name
        amount, cur, basis = parse_money(item, where)
        if basis != "cell":
            raise InputError(where, f"expected a total amount such as '5000 CNY', got {item!r}")
        budget.append((amount, cur))
    return tuple(budget)


def _cycles(c: float) -> float | int:
    return int(c) if c == int(c) else c


VOLTAGE = Section((
    Q("min", "voltage", "V", 0.0, 1e5, lo_open=True, required=True, attr="voltage_min",
      help="the system's lowest voltage, e.g. '40 V'"),
    Q("max", "voltage", "V", 0.0, 1e5, lo_open=True, required=True, attr="voltage_max",
      help="the system's highest voltage, e.g. '58.4 V'"),
    Q("nominal_min", "voltage", "V", 0.0, 1e5, lo_open=True),
    Q("nominal_max", "voltage", "V", 0.0, 1e5, lo_open=True),
    T("incumbent", max_len=MAX_NAME, default=""),
    N("min_usable_fraction", 0.0, 1.0, default=0.0),
    Field("full_range", "bool", default=False),
))
ENERGY = Section((
    Q("usable", "energy", "kWh", **_ENERGY, required=True, attr="usable_energy",
      help="an energy such as '10 kWh'"),
    Q("at_end_of_life", "energy", "kWh", **_ENERGY, attr="energy_at_end_of_life",
      help="usable energy required after the cycle life, e.g. '8 kWh'"),
))
POWER = Section((
    Q("continuous", "power", "kW", **_POWER, attr="continuous_power"),
    Q("peak", "power", "kW", **_POWER, attr="peak_power"),
    Q("peak_duration", "time", "s", 0.0, 1e7, lo_open=True, default=10.0, always=True),
    Q("charge", "power", "kW", **_POWER, attr="charge_power"),
))
TEMPERATURE = Section((
    Q("min", "temperature", "degC", **_TEMP, attr="temperature_min", default=C0 + 25),
    Q("max", "temperature", "degC", **_TEMP, attr="temperature_max", default=C0 + 25),
    Q("coldest_energy", "energy", "kWh", **_ENERGY),
    Q("coldest_power", "power", "kW", **_POWER),
    Q("charge_min", "temperature", "degC", **_TEMP, attr="charge_temperature_min"),
    Q("charge_max", "temperature", "degC", **_TEMP, attr="charge_temperature_max"),
    N("power_soc", 0.0, 1.0, default=0.3),
))
MECHANICAL = Section((
    Q("max_mass", "mass", "kg", 0.0, 1e6, lo_open=True),
    Q("max_length", "length", "mm", **_LENGTH),
    Q("max_width", "length", "mm", **_LENGTH),
    Q("max_height", "length", "mm", **_LENGTH),
    Q("max_volume", "volume", "L", 0.0, 1e4, lo_open=True),
    N("overhead_mass_fraction", 0.0, 10.0, default=0.0),
    N("overhead_volume_fraction", 0.0, 10.0, default=0.0),
))
LIFE = Section((
    N("cycles", 0.0, 1e7, lo_open=True, attr="cycle_life", write=_cycles,
      help="a positive number of cycles"),
))
COST = Section((
    Field("budget", "custom", parse=_budget, default=(),
          write=lambda b: [f"{a:.10g} {c}" for a, c in b]),
))

_SECTIONS = (("voltage", VOLTAGE), ("energy", ENERGY), ("power", POWER),
             ("temperature", TEMPERATURE), ("mechanical", MECHANICAL), ("life", LIFE),
             ("cost", COST))

TARGET = Section((
    Field("format", "custom", parse=lambda v, n: v),
    Field("version", "custom", parse=lambda v, n: v),
    T("id", required=True, max_len=MAX_NAME, help="a non-empty text"),
    T("name", required=True, max_len=MAX_NAME, help="a non-empty text"),
    T("application", default=""),
    T("description", default=""),
    T("source", default=""),
    T("duty_cycle", max_len=4096, default=""),
    *(S(key, sec, flatten=True) for key, sec in _SECTIONS),
), keep_unknown=True)


def target_from_dict(data: Any) -> Target:
    if not isinstance(data, dict):
        raise InputError("target", "expected a table of target keys")
    check_format_version(data, FORMAT, VERSION, "target file")
    data = {"voltage": {}, "energy": {}, **data}  # their required keys are named when missing
    kw, extra = TARGET.parse(data)
    kw.pop("format", None)
    kw.pop("version", None)
    t = Target(**kw, extra=extra)
    t.validate()
    return t


def target_to_dict(target: Target) -> dict[str, Any]:
    """A target as the keys of a target file (quantities as unit strings)."""
    d = {"format": FORMAT, "version": VERSION, **TARGET.write(target)}
    if target.peak_power is None:
        d.get("power", {}).pop("peak_duration", None)
    d.update(target.extra)
    return d


def read_target_file(path: str | Path) -> Target:
    path = Path(path)
    t = read_toml_file(path, "target file", target_from_dict)
    return replace(t, origin=str(path), folder=str(path.parent))


def write_target_file(target: Target, path: str | Path) -> None:
    import tomli_w

    atomic_write_text(Path(path), tomli_w.dumps(target_to_dict(target)), "target file")


def preset_dir() -> Path:
    return resources_dir() / "targets"


def user_target_dir() -> Path:
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
    if len(ref) > 4096:
        raise InputError("target", f"expected a target id or a file path, got a text of "
                                   f"{len(ref):,} characters")
    p = Path(ref)
    if ref.endswith(".toml") or "/" in ref or "\\" in ref or p.is_file():
        return read_target_file(p)
    all_presets = presets()
    if ref not in all_presets:
        raise InputError("target", f"unknown target '{ref}' (see 'naion targets list')")
    return all_presets[ref]


def target_notes(target: Target) -> list[str]:
    from .schema import extension_notes

    return extension_notes(target.extra, TARGET.keys(), "target file")


def duty_cycle_profile(target: Target, design):
    """The target's duty cycle as a Profile: a built-in application cycle id, a `cc:`/`cp:`
    spec, or a CSV file (a relative path is read from the target file's folder)."""
    from ..core.profiles import builtin_profiles, parse_builtin
    from .profile_csv import read_profile_csv

    ref = target.duty_cycle
    builtins = builtin_profiles()
    if ref in builtins:
        return builtins[ref].make(design)
    if ref.startswith(("cc:", "cp:")):
        return parse_builtin(ref)
    path = Path(ref)
    if not path.is_absolute() and target.folder:
        path = Path(target.folder) / path
    return read_profile_csv(path)
