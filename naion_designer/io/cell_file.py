"""Cell files (TOML, `format = "naion-cell"`) to and from `Cell`.

Every error names the key (e.g. "capacity: expected a charge such as '12 Ah', got '12 V'").
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ..core.cell import CHEMISTRIES, Cell, RateTable, RCPair, Table1D
from ..core.units import (
    InputError,
    check_format_version,
    parse_fraction,
    parse_money,
    parse_quantity,
)
from .ageing_table import ageing_table_entries, parse_ageing_table
from .atomic import read_text_file

FORMAT = "naion-cell"
VERSION = 1
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

REQUIRED_QUANTITIES = {
    "nominal_voltage": "voltage",
    "capacity": "charge",
    "max_voltage": "voltage",
    "min_voltage": "voltage",
    "resistance": "resistance",
    "max_continuous_discharge_current": "current",
    "max_continuous_charge_current": "current",
    "mass": "mass",
    "specific_heat": "specific_heat",
}
REQUIRED_TEXT = ("id", "maker", "model", "form_factor", "cathode", "anode", "source")
DIMENSION_KEYS = {"cylindrical": ("diameter", "height"), "prismatic": ("length", "width", "height"),
                  "pouch": ("length", "width", "height")}


def read_cell_file(path: str | Path) -> Cell:
    path = Path(path)
    text = read_text_file(path, "cell file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"not a valid TOML cell file ({exc})") from None
    try:
        cell = cell_from_dict(data)
    except InputError as exc:
        raise InputError(f"{path.name}: {exc.field}", exc.detail) from None
    return cell


def cell_from_dict(data: dict[str, Any], check_format: bool = True) -> Cell:
    if not isinstance(data, dict):
        raise InputError("cell", "expected a table of cell keys")
    if check_format or "format" in data:
        check_format_version(data, FORMAT, VERSION, "cell file")
    kw: dict[str, Any] = {}
    for key in REQUIRED_TEXT:
        v = data.get(key)
        if not isinstance(v, str) or not v.strip():
            raise InputError(key, "missing (expected a non-empty text)" if v is None
                             else f"expected a non-empty text, got {v!r}")
        kw[key] = v.strip()
    if not ID_RE.match(kw["id"]):
        raise InputError("id", f"expected lowercase letters, digits and '-', got '{kw['id']}'")
    ff = kw["form_factor"]
    if ff not in DIMENSION_KEYS:
        raise InputError("form_factor", f"expected cylindrical, prismatic or pouch, got '{ff}'")
    for key, kind in REQUIRED_QUANTITIES.items():
        if key not in data:
            raise InputError(key, f"missing (expected {_a(kind)})")
        kw[key] = parse_quantity(data[key], kind, key)
    for key in DIMENSION_KEYS[ff]:
        if key not in data:
            raise InputError(key, f"missing (a {ff} cell needs {', '.join(DIMENSION_KEYS[ff])})")
        kw[key] = parse_quantity(data[key], "length", key)
    for key in ("charge_temperature", "discharge_temperature"):
        v = data.get(key)
        if v is None:
            raise InputError(key, "missing (expected [\"low degC\", \"high degC\"])")
        if not isinstance(v, list) or len(v) != 2:
            raise InputError(key, f"expected [\"low degC\", \"high degC\"], got {v!r}")
        kw[key] = (parse_quantity(v[0], "temperature", f"{key}[0]"),
                   parse_quantity(v[1], "temperature", f"{key}[1]"))
    est = data.get("estimated", [])
    if not isinstance(est, list) or not all(isinstance(e, str) for e in est):
        raise InputError("estimated", "expected a list of key names")
    kw["estimated"] = tuple(est)

    if "ocv" in data:
        kw["ocv"] = _table(data["ocv"], "ocv", "soc", "voltage", "voltage", absolute=True)
    rc = data.get("rc", [])
    if not isinstance(rc, list):
        raise InputError("rc", "expected [[rc]] tables")
    kw["rc"] = tuple(RCPair(parse_quantity(_get(t, "resistance", f"rc[{i}]"), "resistance",
                                           f"rc[{i}].resistance"),
                            parse_quantity(_get(t, "capacitance", f"rc[{i}]"), "capacitance",
                                           f"rc[{i}].capacitance"))
                     for i, t in enumerate(rc))

    # --- optional extensions ---
    chem = data.get("chemistry", "other")
    if chem not in CHEMISTRIES:
        raise InputError("chemistry", f"expected one of {', '.join(CHEMISTRIES)}, got {chem!r}")
    kw["chemistry"] = chem
    for key in ("confidence", "status", "notes", "shipping_note"):
        if key in data:
            if not isinstance(data[key], str):
                raise InputError(key, f"expected a text, got {data[key]!r}")
            kw[key] = data[key]
    for key, kind in (("peak_discharge_current", "current"),
                      ("peak_discharge_duration", "time"),
                      ("entropic_coefficient", "voltage_per_temperature")):
        if key in data:
            kw[key] = parse_quantity(data[key], kind, key)
    if "cycle_life" in data:
        v = data["cycle_life"]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
            raise InputError("cycle_life", f"expected a positive number of cycles, got {v!r}")
        kw["cycle_life"] = float(v)
    if "price" in data:
        kw["price"], kw["currency"], kw["price_basis"] = parse_money(data["price"], "price")
    if "zero_volt_shipping" in data:
        v = data["zero_volt_shipping"]
        if not isinstance(v, bool):
            raise InputError("zero_volt_shipping", f"expected true or false, got {v!r}")
        kw["zero_volt_shipping"] = v
    spread = data.get("spread", {})
    if spread:
        if not isinstance(spread, dict):
            raise InputError("spread", "expected a table")
        if "capacity_cv" in spread:
            kw["capacity_cv"] = parse_fraction(spread["capacity_cv"], "spread.capacity_cv", 0, 0.5)
        if "resistance_cv" in spread:
            kw["resistance_cv"] = parse_fraction(spread["resistance_cv"], "spread.resistance_cv",
                                                 0, 1.0)
    eol = data.get("end_of_life", {})
    if eol:
        if not isinstance(eol, dict):
            raise InputError("end_of_life", "expected a table")
        if "capacity_fraction" in eol:
            kw["eol_capacity_fraction"] = parse_fraction(eol["capacity_fraction"],
                                                         "end_of_life.capacity_fraction", 0.01, 1)
        if "resistance_factor" in eol:
            kw["eol_resistance_factor"] = parse_fraction(eol["resistance_factor"],
                                                         "end_of_life.resistance_factor", 1, 20)
    if "r0_soc" in data:
        kw["r0_soc"] = _table(data["r0_soc"], "r0_soc", "soc", "resistance", "resistance",
                              absolute=False)
    if "r0_rate" in data:
        kw["r0_rate"] = _rate_table(data["r0_rate"])
    te = data.get("temperature_effects")
    if te is not None:
        if not isinstance(te, dict):
            raise InputError("temperature_effects", "expected a table")
        temps = _number_list(te, "temperature", "temperature_effects")
        unit = te.get("unit", "degC")
        temps_k = [parse_quantity(f"{t} {unit}", "temperature",
                                  "temperature_effects.temperature") for t in temps]
        for key, target in (("resistance_factor", "temp_resistance_factor"),
                            ("capacity_factor", "temp_capacity_factor")):
            if key in te:
                vals = _number_list(te, key, "temperature_effects")
                if len(vals) != len(temps_k):
                    raise InputError(f"temperature_effects.{key}",
                                     "must have as many values as temperature")
                kw[target] = Table1D(tuple(temps_k), tuple(vals))
    kw["ageing"] = parse_ageing_table(data.get("ageing"), "ageing" in kw["estimated"])
    known = set(REQUIRED_QUANTITIES) | set(REQUIRED_TEXT) | {"ageing",
        "format", "version", "estimated", "ocv", "rc", "diameter", "length", "width", "height",
        "charge_temperature", "discharge_temperature", "chemistry", "confidence", "status",
        "notes", "shipping_note", "peak_discharge_current", "peak_discharge_duration",
        "entropic_coefficient", "cycle_life", "price", "zero_volt_shipping", "spread",
        "end_of_life", "r0_soc", "temperature_effects", "r0_rate"}
    kw["extra"] = {k: v for k, v in data.items() if k not in known}
    for e in kw["estimated"]:
        if e not in data and e not in ("ocv", "rc"):
            raise InputError("estimated", f"names '{e}', which is not a key of this cell")
    cell = Cell(**kw)
    cell.validate()
    return cell


def _get(t: Any, key: str, where: str) -> Any:
    if not isinstance(t, dict) or key not in t:
        raise InputError(f"{where}.{key}", "missing")
    return t[key]


def _number_list(t: dict, key: str, where: str) -> list[float]:
    v = t.get(key)
    if not isinstance(v, list) or not v or not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) for x in v):
        raise InputError(f"{where}.{key}", f"expected a list of numbers, got {v!r}")
    return [float(x) for x in v]


def _table(t: Any, where: str, xkey: str, ykey: str, kind: str, absolute: bool) -> Table1D:
    if not isinstance(t, dict):
        raise InputError(where, "expected a table")
    xs = _number_list(t, xkey, where)
    ys = _number_list(t, ykey, where)
    if len(xs) != len(ys):
        raise InputError(where, f"{xkey} and {ykey} must have the same length")
    unit = t.get("unit")
    if not isinstance(unit, str):
        raise InputError(f"{where}.unit", f"missing (expected a unit such as 'V' for the {ykey} "
                                          "values)")
    scale = parse_quantity(f"1 {unit}", kind, f"{where}.unit")
    if any(b <= a for a, b in zip(xs, xs[1:], strict=False)):
        raise InputError(f"{where}.{xkey}", "must be strictly increasing")
    return Table1D(tuple(xs), tuple(y * scale for y in ys))


def _rate_table(t: Any) -> RateTable:
    """[r0_rate]: soc = [...], c_rate = [...], resistance = [[...] per c_rate], unit."""
    where = "r0_rate"
    if not isinstance(t, dict):
        raise InputError(where, "expected a table")
    soc = _number_list(t, "soc", where)
    rates = _number_list(t, "c_rate", where)
    rows = t.get("resistance")
    if not isinstance(rows, list) or len(rows) != len(rates):
        raise InputError(f"{where}.resistance", "expected one list of values per c_rate")
    unit = t.get("unit")
    if not isinstance(unit, str):
        raise InputError(f"{where}.unit", "missing (expected a unit such as 'mohm')")
    scale = parse_quantity(f"1 {unit}", "resistance", f"{where}.unit")
    values = []
    for j, row in enumerate(rows):
        vals = _number_list({"r": row}, "r", f"{where}.resistance[{j}]")
        if len(vals) != len(soc):
            raise InputError(f"{where}.resistance[{j}]", f"expected {len(soc)} values (one per "
                                                         "soc)")
        values.append(tuple(v * scale for v in vals))
    return RateTable(tuple(soc), tuple(rates), tuple(values))


def _a(kind: str) -> str:
    k = kind.replace("_", " ")
    return ("an " if k[0] in "aeiou" else "a ") + k


def cell_to_dict(cell: Cell) -> dict[str, Any]:
    """A cell as the keys of a cell file (quantities as unit strings)."""
    d: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for key in REQUIRED_TEXT:
        d[key] = getattr(cell, key)
    d["chemistry"] = cell.chemistry
    if cell.estimated:
        d["estimated"] = list(cell.estimated)
    d["nominal_voltage"] = f"{cell.nominal_voltage:.6g} V"
    d["capacity"] = f"{cell.capacity / 3600:.6g} Ah"
    d["max_voltage"] = f"{cell.max_voltage:.6g} V"
    d["min_voltage"] = f"{cell.min_voltage:.6g} V"
    d["resistance"] = f"{cell.resistance * 1e3:.6g} mohm"
    d["max_continuous_discharge_current"] = f"{cell.max_continuous_discharge_current:.6g} A"
    d["max_continuous_charge_current"] = f"{cell.max_continuous_charge_current:.6g} A"
    d["mass"] = f"{cell.mass:.6g} kg"
    for key in DIMENSION_KEYS[cell.form_factor]:
        d[key] = f"{getattr(cell, key) * 1e3:.6g} mm"
    d["specific_heat"] = f"{cell.specific_heat:.6g} J/(kg*K)"
    d["charge_temperature"] = [f"{t - 273.15:.6g} degC" for t in cell.charge_temperature]
    d["discharge_temperature"] = [f"{t - 273.15:.6g} degC" for t in cell.discharge_temperature]
    for key in ("confidence", "status", "notes", "shipping_note"):
        if getattr(cell, key):
            d[key] = getattr(cell, key)
    if cell.peak_discharge_current:
        d["peak_discharge_current"] = f"{cell.peak_discharge_current:.6g} A"
    if cell.peak_discharge_duration:
        d["peak_discharge_duration"] = f"{cell.peak_discharge_duration:.6g} s"
    if cell.entropic_coefficient:
        d["entropic_coefficient"] = f"{cell.entropic_coefficient * 1e3:.6g} mV/K"
    if cell.cycle_life:
        d["cycle_life"] = cell.cycle_life
    if cell.price is not None:
        d["price"] = (f"{cell.price:.6g} {cell.currency}" if cell.price_basis == "cell"
                      else f"{cell.price * 3600:.6g} {cell.currency}/(W*h)")
    if cell.zero_volt_shipping is not None:
        d["zero_volt_shipping"] = cell.zero_volt_shipping
    if cell.capacity_cv is not None or cell.resistance_cv is not None:
        d["spread"] = {k: v for k, v in (("capacity_cv", cell.capacity_cv),
                                         ("resistance_cv", cell.resistance_cv)) if v is not None}
    if cell.eol_capacity_fraction is not None or cell.eol_resistance_factor is not None:
        d["end_of_life"] = {k: v for k, v in (
            ("capacity_fraction", cell.eol_capacity_fraction),
            ("resistance_factor", cell.eol_resistance_factor)) if v is not None}
    if cell.ocv is not None:
        d["ocv"] = {"soc": list(cell.ocv.x), "voltage": [round(v, 6) for v in cell.ocv.y],
                    "unit": "V"}
    if cell.r0_soc is not None:
        d["r0_soc"] = {"soc": list(cell.r0_soc.x),
                       "resistance": [round(v * 1e3, 6) for v in cell.r0_soc.y], "unit": "mohm"}
    if cell.r0_rate is not None:
        d["r0_rate"] = {"soc": list(cell.r0_rate.soc), "c_rate": list(cell.r0_rate.c_rate),
                        "resistance": [[round(v * 1e3, 6) for v in row]
                                       for row in cell.r0_rate.resistance], "unit": "mohm"}
    te: dict[str, Any] = {}
    for key, tab in (("resistance_factor", cell.temp_resistance_factor),
                     ("capacity_factor", cell.temp_capacity_factor)):
        if tab is not None:
            te["temperature"] = [round(t - 273.15, 6) for t in tab.x]
            te[key] = list(tab.y)
    if te:
        te["unit"] = "degC"
        d["temperature_effects"] = te
    if cell.rc:
        d["rc"] = [{"resistance": f"{p.resistance * 1e3:.6g} mohm",
                    "capacitance": f"{p.capacitance:.6g} F"} for p in cell.rc]
    d.update(ageing_table_entries(cell.ageing))
    d.update(cell.extra)
    return d


def write_cell_file(cell: Cell, path: str | Path) -> None:
    import tomli_w

    from .atomic import atomic_write_text

    atomic_write_text(Path(path), tomli_w.dumps(cell_to_dict(cell)), "cell file")
