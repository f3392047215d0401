"""The one pint registry of NaIon Designer, and quantity parsing/formatting at the edges.

Inside the core every figure is a plain SI float (V, A, ohm, A*s, kg, m, K, J, W, ...).
pint is used only here: to parse a user's "210 Ah" into 756000.0 (coulomb) and to format a
result for display or JSON.  Errors always name the field and the expected dimension.

Input is bounded before pint sees it (`MAX_QUANTITY_CHARS`, balanced brackets, the characters
a unit can contain, `MAX_MAGNITUDE`): pint's parser recurses and tokenises, and hostile or
mangled text (repeated unit strings, unbalanced brackets, 10**400) must end in one InputError.

pint itself is imported only when a text needs it: the unit texts that files and the display
use most are read through `unit_table` (pint's own factors, checked against pint by the tests),
so that `naion calc` of a usual design starts without it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .unit_table import DEGC_OFFSET, MONEY_PER_ENERGY, UNITS, unit_key


class InputError(ValueError):
    """Bad user input.  The message names the offending field and what was expected.

    `field` is what the message shows ("home.naion: thermal.ambient_temperature"); `key` is the
    key path alone ("thermal.ambient_temperature") and `file` the file, where there is one, so
    that a form can put the message beside the field it belongs to."""

    def __init__(self, field: str, message: str, key: str | None = None,
                 file: str | None = None):
        self.field = field
        self.detail = message
        self.key = field if key is None else key
        self.file = file
        super().__init__(f"{field}: {message}" if field else message)

    def in_file(self, path) -> InputError:
        """The same error, named inside the file `path` (for a file reader to raise)."""
        name = getattr(path, "name", str(path))
        return InputError(f"{name}: {self.field}", self.detail, key=self.key,
                          file=str(path))


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

# Bounds on what reaches pint and the core.
MAX_QUANTITY_CHARS = 48  # "1000 J/(kg*K)" is 13; anything much longer is not a quantity
MAX_MAGNITUDE = 1e18  # of any number read, in its own unit and in SI
MAX_COUNT = 10**9
_QUANTITY_CHARS = re.compile(r"[0-9A-Za-z_ .,+\-*/()^%]*")


def check_number(value: Any, field: str) -> float:
    """A JSON/TOML number as a finite float within ±MAX_MAGNITUDE (not a bool, not 10**400)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, f"expected a number, got {_show(value)}")
    if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
        raise InputError(field, f"{_show(value)} is out of range (at most {MAX_MAGNITUDE:g} in "
                                "size)")
    v = float(value)
    if not math.isfinite(v):
        raise InputError(field, f"expected a finite number, got {value!r}")
    if abs(v) > MAX_MAGNITUDE:
        raise InputError(field, f"{v:g} is out of range (at most {MAX_MAGNITUDE:g} in size)")
    return v


def _show(value: Any, limit: int = 40) -> str:
    """A short repr of a user's value for a message (never 10,000 characters of it)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**20:
        return f"a {len(str(abs(value)))}-digit number"
    r = repr(value)
    return r if len(r) <= limit else r[:limit - 5] + "…" + r[-4:]


def _precheck(text: str, field: str, expected: str) -> str:
    """The normalised text, or an InputError for text pint must not be handed."""
    t = _norm_text(text)
    if len(t) > MAX_QUANTITY_CHARS:
        raise InputError(field, f"expected {expected}, got a text of {len(t)} characters "
                                f"(at most {MAX_QUANTITY_CHARS})")
    if not t:
        raise InputError(field, f"expected {expected}, got an empty text")
    if not _QUANTITY_CHARS.fullmatch(t):
        bad = next(ch for ch in t if not _QUANTITY_CHARS.fullmatch(ch))
        raise InputError(field, f"expected {expected}, got {_show(text)} (the character "
                                f"{bad!r} is not part of a quantity)")
    depth = 0
    for ch in t:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            break
    if depth != 0:
        raise InputError(field, f"expected {expected}, got {_show(text)} (unbalanced brackets)")
    for m in _POWER.finditer(t):
        if not _EXPONENT.match(t, m.end()) or _raises_a_number(t, m.start()):
            raise InputError(field, f"expected {expected}, got {_show(text)} (a power must be a "
                                    "unit's, with a small exponent such as m**2)")
    return t


_POWER = re.compile(r"\*\*|\^")
_EXPONENT = re.compile(r"\s*[-+]?\d{1,2}(?:\.\d{1,3})?(?![\d.]|\s*(?:\*\*|\^))")


def _raises_a_number(t: str, at: int) -> bool:
    """Whether the power operator at `at` applies to a number (10**400) rather than a unit."""
    before = t[:at].rstrip()
    if not before or before[-1].isdigit() or before[-1] == ".":
        return True
    if before[-1] == ")":
        depth = 0
        for i in range(len(before) - 1, -1, -1):
            depth += (before[i] == ")") - (before[i] == "(")
            if depth == 0:
                return any(ch.isdigit() for ch in before[i:])
    return False


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


_cache_folder: Callable[[], Any] | None = None


def set_cache_folder(folder: Callable[[], Any] | None) -> None:
    """Where pint keeps its parsed definitions: a function giving the folder (the command line
    and the app pass the user cache folder of `io.paths`; it is asked only when the registry is
    built), or None for no disk cache (building the registry then takes ~0.3 s instead of
    ~0.03 s)."""
    global _cache_folder
    _cache_folder = folder


@lru_cache(maxsize=1)
def ureg():
    """The application registry (created lazily: pint costs ~0.15 s to import)."""
    import pint

    try:  # a disk cache of the parsed definitions: ~10x faster to build
        folder = _cache_folder() if _cache_folder is not None else None
        reg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=folder)
    except Exception:  # an unwritable or broken cache folder must not stop the app
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
            return check_number(text, field)
        raise InputError(field, f"expected {_article(kind)} with a unit such as '{example}', "
                                f"got the bare number {_show(text)}")
    if not isinstance(text, str):
        raise InputError(field, f"expected {_article(kind)} such as '{example}', got "
                                f"{_show(text)}")
    norm = _precheck(text, field, f"{_article(kind)} such as '{example}'")
    fast = _NUMBER_UNIT.fullmatch(norm)
    if fast and fast.group(2):
        number = float(fast.group(1))
        if kind in ("temperature", "temperature_difference"):
            value = _temperature(number, fast.group(2), kind)
        else:
            factor = _unit_factor(fast.group(2), kind)
            value = None if factor is None else number * factor
        if value is not None and math.isfinite(value) and abs(number) <= MAX_MAGNITUDE:
            return _bounded(value, text, field)
    reg = ureg()
    try:
        q = reg.Quantity(norm)
    except Exception as exc:  # pint's parser: any failure is the text's, named for the user
        raise InputError(field, f"expected {_article(kind)} such as '{example}', got "
                                f"{_show(text)} ({_short(exc)})") from None
    if not isinstance(q, reg.Quantity):
        q = reg.Quantity(q)
    if not isinstance(q.magnitude, (int, float)) or abs(q.magnitude) > MAX_MAGNITUDE:
        raise InputError(field, f"expected {_article(kind)} such as '{example}', got "
                                f"{_show(text)} (out of range)")
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
    except Exception as exc:  # pint's conversion (offset units, overflow)
        raise InputError(field, f"cannot convert '{text}': {_short(exc)}") from None
    try:
        value = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(field, f"expected a number with a unit, got {_show(text)}") from None
    return _bounded(value, text, field)


def _bounded(value: float, text: str, field: str) -> float:
    if not math.isfinite(value):
        raise InputError(field, f"expected a finite number, got '{text}'")
    if abs(value) > MAX_MAGNITUDE:
        raise InputError(field, f"'{text}' is out of range")
    return value


_NUMBER_UNIT = re.compile(r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z(][\w*/().\s]*)")


def _temperature(number: float, unit: str, kind: str) -> float | None:
    """A temperature (kelvin) or a temperature difference in K or degC, computed as pint does
    it (None: another unit, for pint)."""
    key = unit_key(unit)
    if key == "K":
        return number * 1.0
    if key == "degC" and kind == "temperature":
        return number * 1 + DEGC_OFFSET
    return None


def _table_entry(unit: str, kind: str) -> tuple[str, float, float] | None:
    """The `unit_table` entry of a unit text of the dimension of `kind` (None: not listed)."""
    entry = UNITS.get(unit_key(unit))
    if entry is None or DIMENSIONS[entry[0]][0] != DIMENSIONS[kind][0]:
        return None
    return entry


@lru_cache(maxsize=1024)
def _unit_factor(unit: str, kind: str) -> float | None:
    """SI factor of a unit string of the right dimension (None: let the full parser explain).
    The common units come from `unit_table`; the others from pint, memoised: the library
    repeats a few dozen unit strings hundreds of times and pint takes about a millisecond a
    parse."""
    entry = _table_entry(unit, kind)
    if entry is not None:
        return entry[1]
    reg = ureg()
    try:
        q = reg.Quantity(1.0, unit)
        if q.dimensionality != _dimensionality(kind):
            return None
        factor = float(q.to(DIMENSIONS[kind][1] or "dimensionless").magnitude)
    except Exception:  # pint's: the full parser gives the message
        return None
    return factor if math.isfinite(factor) and factor != 0 else None


def parse_money(text: Any, field: str) -> tuple[float, str, str]:
    """Parse a price: '60 CNY' (per cell) or '0.45 CNY/(W*h)' (per energy).

    Returns (value, currency, basis) with basis 'cell' (value in currency) or 'energy'
    (value in currency per joule).
    """
    expected = "a price such as '60 CNY' or '0.45 CNY/Wh'"
    if not isinstance(text, str):
        raise InputError(field, f"expected {expected}, got {_show(text)}")
    norm = _precheck(text, field, expected)
    fast = _MONEY.fullmatch(unit_key(norm.replace("/Wh", "/(W*h)").replace("/kWh", "/(kW*h)")))
    if fast and (not fast.group(3) or fast.group(3) in MONEY_PER_ENERGY):
        number = float(fast.group(1))
        if abs(number) <= MAX_MAGNITUDE:
            if not fast.group(3):
                return _bounded(number * 1.0, text, field), fast.group(2), "cell"
            return (_bounded(number * MONEY_PER_ENERGY[fast.group(3)], text, field),
                    fast.group(2), "energy")
    reg = ureg()
    try:
        q = reg.Quantity(norm.replace("/Wh", "/(W*h)").replace("/kWh", "/(kW*h)"))
        if not isinstance(q, reg.Quantity):
            q = reg.Quantity(q)
        for code in CURRENCIES:
            cur = reg.Quantity(1, code).dimensionality
            if q.dimensionality == cur:
                return _bounded(float(q.to(code).magnitude), text, field), code, "cell"
            if q.dimensionality == cur / reg.Quantity(1, "J").dimensionality:
                return _bounded(float(q.to(f"{code}/J").magnitude), text, field), code, "energy"
    except InputError:
        raise
    except Exception as exc:  # pint's parser and conversions
        raise InputError(field, f"expected {expected}, got {_show(text)} ({_short(exc)})") \
            from None
    raise InputError(field, f"expected a price in {', '.join(CURRENCIES)} per cell or per Wh, "
                            f"got '{text}'")


_MONEY = re.compile(r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(" + "|".join(CURRENCIES)
                    + r")(?:/(\(\w+\*\w+\)))?")


def parse_count(value: Any, field: str, minimum: int = 1) -> int:
    """A dimensionless whole count (series, parallel, ...)."""
    expected = f"expected a whole number ≥ {minimum}"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(field, f"{expected}, got {_show(value)}")
    if isinstance(value, str):
        if len(value) > 24:
            raise InputError(field, f"{expected}, got {_show(value)}")
        try:
            value = float(value.strip())
        except ValueError:
            raise InputError(field, f"{expected}, got '{value}'") from None
    if isinstance(value, int) and abs(value) > MAX_COUNT:
        raise InputError(field, f"{expected} and at most {MAX_COUNT:,}, got {_show(value)}")
    if not math.isfinite(value) or value != int(value):
        raise InputError(field, f"{expected}, got {_show(value)}")
    if value < minimum:
        raise InputError(field, f"{expected}, got {int(value)}")
    if value > MAX_COUNT:
        raise InputError(field, f"{expected} and at most {MAX_COUNT:,}, got {value:g}")
    return int(value)


def parse_fraction(value: Any, field: str, lo: float = 0.0, hi: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, f"expected a number from {lo:g} to {hi:g}, got {_show(value)}")
    if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
        raise InputError(field, f"expected a number from {lo:g} to {hi:g}, got {_show(value)}")
    v = float(value)
    if not math.isfinite(v) or v < lo or v > hi:
        raise InputError(field, f"expected a number from {lo:g} to {hi:g}, got {value!r}")
    return v


def from_si(value_si: float, kind: str, unit: str) -> float:
    """`to_unit` with the unit factor memoised (file writers call it for every field)."""
    if kind in ("temperature", "temperature_difference"):
        return to_unit(value_si, kind, unit)
    factor = _unit_factor(_norm_text(unit), kind)
    if factor is None:
        raise ValueError(f"'{unit}' is not a unit of {kind}")
    return value_si / factor


def to_unit(value_si: float, kind: str, unit: str) -> float:
    """Convert an SI float of `kind` into `unit` (e.g. J -> kWh)."""
    fast = _from_si_fast(value_si, kind, unit)
    if fast is not None:
        return fast
    reg = ureg()
    si = DIMENSIONS[kind][1]
    if kind == "temperature":
        return float(reg.Quantity(value_si, "kelvin").to(_norm_text(unit)).magnitude)
    return float(reg.Quantity(value_si, si or "dimensionless").to(_norm_text(unit)).magnitude)


def _from_si_fast(value_si: float, kind: str, unit: str) -> float | None:
    """`to_unit` through `unit_table`, computed as pint does it (None: for pint)."""
    if kind in ("temperature", "temperature_difference"):
        key = unit_key(_norm_text(unit))
        if key == "K":
            return float(value_si * 1.0)
        if key == "degC" and kind == "temperature":
            return float((value_si - DEGC_OFFSET) / 1)
        return None
    entry = _table_entry(_norm_text(unit), kind)
    return None if entry is None else float(value_si * entry[2])


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
