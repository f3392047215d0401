"""Cell files (TOML, `format = "naion-cell"`) to and from `Cell`, declared once in `CELL`.

Every error names the key (e.g. "capacity: expected a charge such as '12 Ah', got '12 V'");
bounds reject the absurd (a 1e11 mΩ cell) with the key named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.cell import CHEMISTRIES, FORM_FACTORS, Cell, RateTable, RCPair, Table1D
from ..core.units import InputError, check_format_version, check_number, parse_money
from .ageing_table import ageing_table_entries, parse_ageing_table
from .schema import (
    MAX_TABLE,
    C,
    Field,
    N,
    Q,
    S,
    Section,
    T,
    check_list,
    extension_notes,
    fmt_quantity,
    parse_id,
    read_toml_file,
    unit_scale,
)

FORMAT = "naion-cell"
VERSION = 1
DIMENSION_KEYS = {"cylindrical": ("diameter", "height"), "prismatic": ("length", "width", "height"),
                  "pouch": ("length", "width", "height")}

# Plausible ranges (SI): wide enough for any real cell, narrow enough to stop a typo's 1e11.
C0 = 273.15
R_CELL = (1e-6, 10.0)  # ohm
KAH = 3.6e6  # coulomb in 1,000 Ah
T_RANGE = (C0 - 100, C0 + 200)  # K


def _format(v: Any, name: str) -> Any:
    return v  # checked by check_format_version before the schema reads the keys


def _table(xkey: str, ykey: str, dim: str, unit: str, x_range: tuple[float, float],
           y_range: tuple[float, float]) -> tuple[Section, Any, Any]:
    """A table section {xkey = [...], ykey = [...], unit = "..."} as a Table1D (y in SI)."""

    def build(a: dict[str, Any], where: str) -> Table1D:
        xs, ys, scale = a[xkey], a[ykey], a["unit"]
        if len(xs) != len(ys):
            raise InputError(where, f"{xkey} and {ykey} must have the same length")
        if any(b <= x for x, b in zip(xs, xs[1:], strict=False)):
            raise InputError(f"{where}.{xkey}", "must be strictly increasing")
        _in_range(ys, scale, y_range, f"{where}.{ykey}", unit)
        return Table1D(tuple(xs), tuple(y * scale for y in ys))

    def unbuild(t: Table1D) -> dict[str, Any]:
        factor = unit_scale(unit, dim, "unit")
        return {xkey: list(t.x), ykey: [round(y / factor, 6) for y in t.y], "unit": unit}

    section = Section((
        Field(xkey, "numbers", required=True, lo=x_range[0], hi=x_range[1], help="a list"),
        Field(ykey, "numbers", required=True, help="a list of numbers"),
        _unit_field(dim, f"a unit such as '{unit}' for the {ykey} values"),
    ))
    return section, build, unbuild


def _unit_field(dim: str, help_text: str) -> Field:
    return Field("unit", "custom", required=True, help=help_text,
                 parse=lambda v, name: unit_scale(v, dim, name))


def _in_range(values, scale: float, bounds: tuple[float, float], where: str, unit: str) -> None:
    lo, hi = bounds
    for i, y in enumerate(values):
        if not lo <= y * scale <= hi:
            raise InputError(f"{where}[{i}]", f"{y:g} (in the table's unit) is outside the "
                                              f"plausible range {lo:g} to {hi:g} "
                                              f"{'ohm' if unit == 'mohm' else unit} (SI)")


def _sec(key: str, spec, attr: str) -> Field:
    section, build, unbuild = spec
    return S(key, section, attr=attr, build=build, unbuild=unbuild)


def _rate_section() -> tuple[Section, Any, Any]:
    """[r0_rate]: soc = [...], c_rate = [...], resistance = [[...] per c_rate], unit."""

    def rows(v: Any, name: str) -> tuple[tuple[float, ...], ...]:
        out = []
        for j, row in enumerate(check_list(v, name, 100, nonempty=True)):
            where = f"{name}[{j}]"
            vals = check_list(row, where, MAX_TABLE, nonempty=True)
            out.append(tuple(check_number(x, f"{where}[{i}]") for i, x in enumerate(vals)))
        return tuple(out)

    def build(a: dict[str, Any], where: str) -> RateTable:
        soc, rates, res, scale = a["soc"], a["c_rate"], a["resistance"], a["unit"]
        if len(res) != len(rates):
            raise InputError(f"{where}.resistance", "expected one list of values per c_rate")
        for j, row in enumerate(res):
            if len(row) != len(soc):
                raise InputError(f"{where}.resistance[{j}]", f"expected {len(soc)} values (one "
                                                             "per soc)")
            _in_range(row, scale, R_CELL, f"{where}.resistance[{j}]", "ohm")
        return RateTable(tuple(soc), tuple(rates),
                         tuple(tuple(v * scale for v in row) for row in res))

    def unbuild(t: RateTable) -> dict[str, Any]:
        return {"soc": list(t.soc), "c_rate": list(t.c_rate),
                "resistance": [[round(v * 1e3, 6) for v in row] for row in t.resistance],
                "unit": "mohm"}

    section = Section((
        Field("soc", "numbers", required=True, lo=0.0, hi=1.0),
        Field("c_rate", "numbers", required=True, lo=0.0, hi=1000.0, lo_open=True,
              max_len=100),
        Field("resistance", "custom", required=True, parse=rows,
              help="one list of values per c_rate"),
        _unit_field("resistance", "a unit such as 'mohm'"),
    ))
    return section, build, unbuild


def _temperature_effects() -> Field:
    def build(a: dict[str, Any], where: str) -> dict[str, Any]:
        temps = a["temperature"]
        unit = a.get("unit", "degC")
        from ..core.units import parse_quantity

        temps_k = tuple(parse_quantity(f"{t:.12g} {unit}", "temperature",
                                       f"{where}.temperature[{i}]") for i, t in enumerate(temps))
        for i, t in enumerate(temps_k):
            if not T_RANGE[0] <= t <= T_RANGE[1]:
                raise InputError(f"{where}.temperature[{i}]", "outside the plausible range "
                                                              "-100 to 200 degC")
        out: dict[str, Any] = {}
        for key, attr in (("resistance_factor", "temp_resistance_factor"),
                          ("capacity_factor", "temp_capacity_factor")):
            if key in a:
                if len(a[key]) != len(temps_k):
                    raise InputError(f"{where}.{key}", "must have as many values as temperature")
                out[attr] = Table1D(temps_k, a[key])
        return out

    def write(cell: Cell) -> dict[str, Any] | None:
        te: dict[str, Any] = {}
        for key, tab in (("resistance_factor", cell.temp_resistance_factor),
                         ("capacity_factor", cell.temp_capacity_factor)):
            if tab is not None:
                te["temperature"] = [round(t - C0, 6) for t in tab.x]
                te[key] = list(tab.y)
        if te:
            te["unit"] = "degC"
        return te or None

    def parse(v: Any, name: str) -> dict[str, Any]:
        attrs, _ = section.parse(v, f"{name}.")
        return build(attrs, name)

    section = Section((
        Field("temperature", "numbers", required=True, help="a list of temperatures"),
        Field("resistance_factor", "numbers", lo=0.0, hi=1000.0, lo_open=True),
        Field("capacity_factor", "numbers", lo=0.0, hi=10.0, lo_open=True),
        Field("unit", "custom", help="a temperature unit such as 'degC'",
              parse=lambda v, n: _temp_unit(v, n)),
    ))
    return Field("temperature_effects", "custom", parse=parse, write=write, flatten=True)


def _temp_unit(v: Any, name: str) -> str:
    if v not in ("degC", "K", "degF", "kelvin", "°C"):
        raise InputError(name, f"expected degC, K or degF, got {v!r}")
    return v


def _price() -> Field:
    def parse(v: Any, name: str) -> dict[str, Any]:
        price, currency, basis = parse_money(v, name)
        if not 0 < price < 1e9:
            raise InputError(name, f"expected a positive price, got {v!r}")
        return {"price": price, "currency": currency, "price_basis": basis}

    def write(cell: Cell) -> str | None:
        if cell.price is None:
            return None
        return (f"{cell.price:.6g} {cell.currency}" if cell.price_basis == "cell"
                else f"{cell.price * 3600:.6g} {cell.currency}/(W*h)")

    return Field("price", "custom", parse=parse, write=write, flatten=True,
                 help="a price per cell ('60 CNY') or per energy ('0.45 CNY/Wh')")


RC = Section((
    Q("resistance", "resistance", "mohm", 1e-7, 10.0, lo_open=True, required=True,
      help="a resistance such as '1 mohm'"),
    Q("capacitance", "capacitance", "F", 1e-3, 1e9, required=True,
      help="a capacitance such as '10000 F'"),
))

_TEMP = dict(dim="temperature", unit="degC", lo=T_RANGE[0], hi=T_RANGE[1])

CELL = Section((
    Field("format", "custom", parse=_format, write=lambda v: v),
    Field("version", "custom", parse=_format, write=lambda v: v),
    Field("id", "custom", required=True, parse=parse_id, help="a non-empty text"),
    T("maker", required=True, max_len=200, help="a non-empty text"),
    T("model", required=True, max_len=200, help="a non-empty text"),
    C("form_factor", FORM_FACTORS, required=True, help="cylindrical, prismatic or pouch"),
    T("cathode", required=True, max_len=200, help="a non-empty text"),
    T("anode", required=True, max_len=200, help="a non-empty text"),
    T("source", required=True, help="a non-empty text"),
    C("chemistry", CHEMISTRIES, default="other", always=True),
    Field("estimated", "texts", default=(), help="a list of key names"),
    Q("nominal_voltage", "voltage", "V", 0.0, 6.0, lo_open=True, required=True,
      help="a voltage"),
    Q("capacity", "charge", "Ah", 0.0, 10 * KAH, lo_open=True, required=True, help="a charge"),
    Q("max_voltage", "voltage", "V", 0.0, 6.0, lo_open=True, required=True, help="a voltage"),
    Q("min_voltage", "voltage", "V", 0.0, 6.0, lo_open=True, required=True, help="a voltage"),
    Q("resistance", "resistance", "mohm", *R_CELL, required=True, help="a resistance"),
    Q("max_continuous_discharge_current", "current", "A", 0.0, 1e5, lo_open=True,
      required=True, help="a current"),
    Q("max_continuous_charge_current", "current", "A", 0.0, 1e5, required=True,
      help="a current"),
    Q("mass", "mass", "kg", 0.0, 100.0, lo_open=True, required=True, help="a mass"),
    *(Q(k, "length", "mm", 0.0, 2.0, lo_open=True, default=0.0)
      for k in ("diameter", "length", "width")),
    Q("height", "length", "mm", 0.0, 2.0, lo_open=True, required=True,
      help="a length (every cell has a height)"),
    Q("specific_heat", "specific_heat", "J/(kg*K)", 100.0, 10000.0, required=True,
      help="a specific heat"),
    Field("charge_temperature", "pair", required=True, help='["low degC", "high degC"]',
          **_TEMP),
    Field("discharge_temperature", "pair", required=True, help='["low degC", "high degC"]',
          **_TEMP),
    T("confidence", default=""),
    T("status", default=""),
    T("notes", default=""),
    T("shipping_note", default=""),
    Q("peak_discharge_current", "current", "A", 0.0, 1e5, lo_open=True),
    Q("peak_discharge_duration", "time", "s", 0.0, 1e6, lo_open=True),
    Q("diffusion_time_constant", "time", "s", 0.0, 1e6, lo_open=True,
      help="rate-capability time constant of the diffusion limit"),
    Q("entropic_coefficient", "voltage_per_temperature", "mV/K", -0.01, 0.01, default=0.0),
    N("cycle_life", 0.0, 1e7, lo_open=True, help="a positive number of cycles"),
    _price(),
    Field("zero_volt_shipping", "bool"),
    S("spread", Section((N("capacity_cv", 0.0, 0.5), N("resistance_cv", 0.0, 1.0))),
      flatten=True),
    S("end_of_life", Section((N("capacity_fraction", 0.01, 1.0, attr="eol_capacity_fraction"),
                              N("resistance_factor", 1.0, 20.0, attr="eol_resistance_factor"))),
      flatten=True),
    _sec("ocv", _table("soc", "voltage", "voltage", "V", (0.0, 1.0), (0.0, 6.0)), "ocv"),
    _sec("r0_soc", _table("soc", "resistance", "resistance", "mohm", (0.0, 1.0), R_CELL),
         "r0_soc"),
    _sec("r0_rate", _rate_section(), "r0_rate"),
    _temperature_effects(),
    Field("rc", "sections", section=RC, default=(), max_len=10,
          build=lambda a, where: RCPair(a["resistance"], a["capacitance"]),
          unbuild=lambda p: {"resistance": p.resistance, "capacitance": p.capacitance}),
), keep_unknown=True)


def read_cell_file(path: str | Path) -> Cell:
    return read_toml_file(path, "cell file", cell_from_dict)


def cell_from_dict(data: dict[str, Any], check_format: bool = True) -> Cell:
    if not isinstance(data, dict):
        raise InputError("cell", "expected a table of cell keys")
    if check_format or "format" in data:
        check_format_version(data, FORMAT, VERSION, "cell file")
    kw, extra = CELL.parse(data)
    kw.pop("format", None)
    kw.pop("version", None)
    ff = kw["form_factor"]
    for key in DIMENSION_KEYS[ff]:
        if key not in data:
            raise InputError(key, f"missing (a {ff} cell needs {', '.join(DIMENSION_KEYS[ff])})")
    for key in set(("diameter", "length", "width")) - set(DIMENSION_KEYS[ff]):
        kw.pop(key, None)  # a dimension the form factor does not use
    for e in kw.get("estimated", ()):
        if e not in data and e not in ("ocv", "rc"):
            raise InputError("estimated", f"names '{e}', which is not a key of this cell")
    # the optional [ageing] table has its own reader (a table of numbers with their bounds)
    kw["ageing"] = parse_ageing_table(extra.pop("ageing", None),
                                      "ageing" in kw.get("estimated", ()))
    cell = Cell(**kw, extra=extra)
    cell.validate()
    return cell


def cell_to_dict(cell: Cell) -> dict[str, Any]:
    """A cell as the keys of a cell file (quantities as unit strings)."""
    d = CELL.write(cell)
    d = {"format": FORMAT, "version": VERSION, **d}
    for key in ("diameter", "length", "width"):
        if key not in DIMENSION_KEYS[cell.form_factor]:
            d.pop(key, None)
        elif key not in d:
            d[key] = fmt_quantity(getattr(cell, key), "length", "mm")
    d.update(ageing_table_entries(cell.ageing))
    d.update(cell.extra)
    return d


def cell_notes(cell: Cell) -> list[str]:
    """What `calc` says about the cell file's extension keys."""
    return extension_notes(cell.extra, CELL.keys(), "cell")


def write_cell_file(cell: Cell, path: str | Path) -> None:
    import tomli_w

    from .atomic import atomic_write_text

    atomic_write_text(Path(path), tomli_w.dumps(cell_to_dict(cell)), "cell file")
