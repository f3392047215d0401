"""The one pint registry of NaIon Designer, and quantity parsing/formatting at the edges.

Inside the core every figure is a plain SI float (V, A, ohm, A*s, kg, m, K, J, W, ...).
pint is used only here: to parse a user's "210 Ah" into 756000.0 (coulomb) and to format a
result for display or JSON.  Errors always name the field and the expected dimension.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any


class InputError(ValueError):
    """Bad user input.  The message names the offending field and what was expected."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.detail = message
        super().__init__(f"{field}: {message}" if field else message)


# Dimension name -> (pint dimensionality string, SI unit we store, example for messages)
DIMENSIONS: dict[str, tuple[str, str, str]] = {
    "voltage": ("[length] ** 2 * [mass] / [current] / [time] ** 3", "V", "3.2 V"),
    "charge": ("[current] * [time]", "C", "12 Ah"),
    "current": ("[current]", "A", "36 A"),
    "resistance": ("[length] ** 2 * [mass] / [current] ** 2 / [time] ** 3", "ohm", "2 mohm"),
    "capacitance": ("[current] ** 2 * [time] ** 4 / [length] ** 2 / [mass]", "F", "10000 F"),
    "mass": ("[mass]", "kg", "0.38 kg"),
    "length": ("[length]", "m", "32 mm"),
    "area": ("[length] ** 2", "m**2", "0.01 m**2"),
    "volume": ("[length] ** 3", "m**3", "1.5 L"),
    "temperature": ("[temperature]", "K", "25 degC"),
    "temperature_difference": ("[temperature]", "K", "5 K"),
    "specific_heat": ("[length] ** 2 / [time] ** 2 / [temperature]", "J/(kg*K)", "1000 J/(kg*K)"),
    "heat_transfer_coefficient": ("[mass] / [time] ** 3 / [temperature]", "W/(m**2*K)",
                                  "10 W/(m**2*K)"),
    "thermal_conductance": ("[length] ** 2 * [mass] / [time] ** 3 / [temperature]", "W/K", "0.5 W/K"),
    "time": ("[time]", "s", "10 s"),
    "energy": ("[length] ** 2 * [mass] / [time] ** 2", "J", "10 kWh"),
    "power": ("[length] ** 2 * [mass] / [time] ** 3", "W", "5 kW"),
    "voltage_per_temperature": ("[length] ** 2 * [mass] / [current] / [time] ** 3 / [temperature]",
                                "V/K", "-0.2 mV/K"),
    "specific_energy": ("[length] ** 2 / [time] ** 2", "J/kg", "150 Wh/kg"),
    "energy_density": ("[mass] / [length] / [time] ** 2", "J/m**3", "300 Wh/L"),
    "temperature_rate": ("[temperature] / [time]", "K/s", "1 K/min"),
    "dimensionless": ("", "", "0.5"),
}

CURRENCIES = ("CNY", "USD", "EUR")


def check_format_version(data: dict, fmt: str, newest: int, what: str) -> int:
    """The `format` and `version` keys every NaIon Designer file carries: the version, or an
    InputError that says the file is of another kind, malformed, or newer than this app reads."""
    if data.get("format") != fmt:
        raise InputError("format", f"expected \"{fmt}\", got {data.get('format')!r}")
    ver = data.get("version")
    if not isinstance(ver, int) or isinstance(ver, bool) or ver < 1:
        raise InputError("version", f"expected a whole number ≥ 1, got {ver!r}")
    if ver > newest:
        raise InputError("version", f"this {what} is version {ver}, newer than this NaIon "
                                    f"Designer reads (up to {newest}); please update the app")
    return ver


@lru_cache(maxsize=1)
def ureg():
    """The application registry (created lazily: pint costs ~100 ms to import)."""
    import pint

    try:  # a disk cache of the parsed definitions halves start-up
        reg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except Exception:  # an unwritable cache folder must not stop the app
        reg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    reg.formatter.default_format = "~"
    # Currencies are separate dimensions: we never convert between them silently.
    for code in CURRENCIES:
        reg.define(f"{code} = [currency_{code}]")
    reg.define("Ah = ampere * hour")
    reg.define("mAh = milliampere * hour")
    pint.set_application_registry(reg)
    return reg


def _dimensionality(kind: str):
    reg = ureg()
    dim = DIMENSIONS[kind][0]
    return reg.parse_expression("1").dimensionality if dim == "" else reg.get_dimensionality(dim)


def _norm_text(text: str) -> str:
    # Accept what users type: Ω, µ/μ, °C, °F, Wh, kWh
    t = text.strip()
    t = t.replace("Ω", "ohm").replace("µ", "u").replace("μ", "u")
    t = t.replace("°C", "degC").replace("°F", "degF").replace("℃", "degC")
    t = t.replace("·", "*")
    return t


def parse_quantity(text: Any, kind: str, field: str) -> float:
    """Parse a quantity string like '210 Ah' into the SI float of `kind`.

    A bare number where a unit is required is an error; so is a wrong dimension.
    """
    example = DIMENSIONS[kind][2]
    if isinstance(text, bool) or text is None:
        raise InputError(field, f"expected {_article(kind)} such as '{example}', got {text!r}")
    if isinstance(text, (int, float)):
        if kind == "dimensionless":
            return float(text)
        raise InputError(field, f"expected {_article(kind)} with a unit such as '{example}', "
                                f"got the bare number {text!r}")
    if not isinstance(text, str):
        raise InputError(field, f"expected {_article(kind)} such as '{example}', got {text!r}")
    fast = _NUMBER_UNIT.fullmatch(_norm_text(text))
    if fast and fast.group(2) and kind not in ("temperature", "temperature_difference"):
        factor = _unit_factor(fast.group(2), kind)
        if factor is not None:
            value = float(fast.group(1)) * factor
            if math.isfinite(value):
                return value
    import pint

    reg = ureg()
    try:
        q = reg.Quantity(_norm_text(text))
    except (pint.errors.PintError, SyntaxError, ValueError, TypeError, AttributeError,
            KeyError, ZeroDivisionError, AssertionError) as exc:
        raise InputError(field, f"expected {_article(kind)} such as '{example}', got '{text}' "
                                f"({_short(exc)})") from None
    if not isinstance(q, reg.Quantity):
        q = reg.Quantity(q)
    if kind != "dimensionless" and q.dimensionless and q.unitless:
        raise InputError(field, f"expected {_article(kind)} with a unit such as '{example}', "
                                f"got '{text}' without a unit")
    if q.dimensionality != _dimensionality(kind):
        raise InputError(field, f"expected {_article(kind)} such as '{example}', got '{text}'")
    try:
        if kind == "temperature":
            value = q.to("kelvin").magnitude
        elif kind == "temperature_difference":
            value = q.to("delta_degC").magnitude if "deg" in str(q.units) else q.to("K").magnitude
        else:
            value = q.to(DIMENSIONS[kind][1] or "dimensionless").magnitude
    except pint.errors.PintError as exc:
        raise InputError(field, f"cannot convert '{text}': {_short(exc)}") from None
    value = float(value)
    if not math.isfinite(value):
        raise InputError(field, f"expected a finite number, got '{text}'")
    return value


_NUMBER_UNIT = re.compile(r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z(][\w*/().\s]*)")


@lru_cache(maxsize=1024)
def _unit_factor(unit: str, kind: str) -> float | None:
    """SI factor of a unit string of the right dimension (None: let the full parser explain).
    Memoised: the library repeats a few dozen unit strings hundreds of times and pint takes
    about a millisecond a parse."""
    import pint

    reg = ureg()
    try:
        q = reg.Quantity(1.0, unit)
        if q.dimensionality != _dimensionality(kind):
            return None
        return float(q.to(DIMENSIONS[kind][1] or "dimensionless").magnitude)
    except (pint.errors.PintError, SyntaxError, ValueError, TypeError, AttributeError,
            KeyError, AssertionError):
        return None


def parse_money(text: Any, field: str) -> tuple[float, str, str]:
    """Parse a price: '60 CNY' (per cell) or '0.45 CNY/(W*h)' (per energy).

    Returns (value, currency, basis) with basis 'cell' (value in currency) or 'energy'
    (value in currency per joule).
    """
    if not isinstance(text, str):
        raise InputError(field, f"expected a price such as '60 CNY' or '0.45 CNY/Wh', got {text!r}")
    import pint

    reg = ureg()
    try:
        q = reg.Quantity(_norm_text(text).replace("/Wh", "/(W*h)").replace("/kWh", "/(kW*h)"))
    except (pint.errors.PintError, SyntaxError, ValueError, TypeError, AttributeError):
        raise InputError(field, f"expected a price such as '60 CNY' or '0.45 CNY/Wh', "
                                f"got '{text}'") from None
    for code in CURRENCIES:
        cur = reg.Quantity(1, code).dimensionality
        if q.dimensionality == cur:
            return float(q.to(code).magnitude), code, "cell"
        if q.dimensionality == cur / reg.Quantity(1, "J").dimensionality:
            return float(q.to(f"{code}/J").magnitude), code, "energy"
    raise InputError(field, f"expected a price in {', '.join(CURRENCIES)} per cell or per Wh, "
                            f"got '{text}'")


def parse_count(value: Any, field: str, minimum: int = 1) -> int:
    """A dimensionless whole count (series, parallel, ...)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(field, f"expected a whole number ≥ {minimum}, got {value!r}")
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise InputError(field, f"expected a whole number ≥ {minimum}, got '{value}'") from None
    if not math.isfinite(value) or value != int(value):
        raise InputError(field, f"expected a whole number ≥ {minimum}, got {value!r}")
    if value < minimum:
        raise InputError(field, f"expected a whole number ≥ {minimum}, got {int(value)}")
    return int(value)


def parse_fraction(value: Any, field: str, lo: float = 0.0, hi: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, f"expected a number from {lo:g} to {hi:g}, got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v < lo or v > hi:
        raise InputError(field, f"expected a number from {lo:g} to {hi:g}, got {value!r}")
    return v


def to_unit(value_si: float, kind: str, unit: str) -> float:
    """Convert an SI float of `kind` into `unit` (e.g. J -> kWh)."""
    reg = ureg()
    si = DIMENSIONS[kind][1]
    if kind == "temperature":
        return float(reg.Quantity(value_si, "kelvin").to(_norm_text(unit)).magnitude)
    return float(reg.Quantity(value_si, si or "dimensionless").to(_norm_text(unit)).magnitude)


def format_quantity(value_si: float, kind: str, unit: str, digits: int = 4) -> str:
    """'51.2 V' for display: `digits` significant digits, unit as given."""
    v = to_unit(value_si, kind, unit)
    return f"{format_number(v, digits)} {unit}".strip()


def format_number(v: float, digits: int = 4) -> str:
    if v == 0 or not math.isfinite(v):
        return f"{v:g}"
    mag = math.floor(math.log10(abs(v)))
    decimals = max(0, digits - 1 - mag)
    return f"{v:.{decimals}f}"


def _article(kind: str) -> str:
    name = kind.replace("_", " ")
    return ("an " if name[0] in "aeiou" else "a ") + name


def _short(exc: Exception) -> str:
    s = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return s[:120]
