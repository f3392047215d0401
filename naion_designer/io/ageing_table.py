"""The optional `[ageing]` table of a cell file, to and from `core.ageing.AgeingTable`.

```toml
[ageing]
source = "fitted to ... / measured by ..."
reference_temperature = "25 degC"
calendar_capacity = 0.02          # capacity lost in the first year at 50 % SOC (∝ √t)
calendar_doubling = "10 K"        # temperature rise that doubles the calendar rate
calendar_soc_coefficient = 1.0    # rate × exp(k (SOC − 0.5))
calendar_resistance = 0.03        # resistance gained in the first year (∝ √t)
cycle_capacity = 4.4e-5           # lost per equivalent full cycle, 100 % DoD, 1C
cycle_doubling = "20 K"
cycle_dod_exponent = 0.5          # per cycle × DoD^exponent
cycle_c_rate_coefficient = 0.15   # × exp(c (C-rate − 1))
cycle_resistance = 6.6e-5
rate_cv = 0.1                     # cell-to-cell spread of the rates
```
Every key is optional; without `cycle_capacity` the cycle fade is fitted to `cycle_life`.  The
table is estimated when the cell's `estimated` list names `ageing`.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from ..core.ageing import AgeingModel, AgeingTable
from ..core.units import InputError, parse_fraction, parse_quantity

_NUMBERS = {  # key: (low, high)
    "calendar_capacity": (0.0, 0.5),
    "calendar_soc_coefficient": (-5.0, 10.0),
    "calendar_resistance": (0.0, 2.0),
    "cycle_capacity": (0.0, 0.01),
    "cycle_dod_exponent": (0.0, 3.0),
    "cycle_c_rate_coefficient": (-2.0, 5.0),
    "cycle_resistance": (0.0, 0.02),
    "rate_cv": (0.0, 1.0),
}
_DIFFERENCES = ("calendar_doubling", "cycle_doubling")
_KNOWN = set(_NUMBERS) | set(_DIFFERENCES) | {"reference_temperature", "source"}


def parse_ageing_table(table: Any, estimated: bool) -> AgeingTable | None:
    """The `[ageing]` table (None when the file has none)."""
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError("ageing", "expected a table")
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise InputError(f"ageing.{unknown[0]}", f"unknown key (known: {', '.join(sorted(_KNOWN))})")
    kw: dict[str, Any] = {}
    for key, (lo, hi) in _NUMBERS.items():
        if key in table:
            kw[key] = parse_fraction(table[key], f"ageing.{key}", lo, hi)
    for key in _DIFFERENCES:
        if key in table:
            kw[key] = parse_quantity(table[key], "temperature_difference", f"ageing.{key}")
    if "reference_temperature" in table:
        kw["reference_temperature"] = parse_quantity(table["reference_temperature"],
                                                     "temperature",
                                                     "ageing.reference_temperature")
    src = table.get("source", "")
    if not isinstance(src, str):
        raise InputError("ageing.source", f"expected a text, got {src!r}")
    # resistance growth follows the capacity fade when only the capacity rate is given
    base = AgeingModel()
    if "calendar_capacity" in kw and "calendar_resistance" not in kw:
        kw["calendar_resistance"] = kw["calendar_capacity"] * base.calendar_resistance_ratio
    if "cycle_capacity" in kw and "cycle_resistance" not in kw:
        kw["cycle_resistance"] = kw["cycle_capacity"] * base.cycle_resistance_ratio
    model = AgeingModel(**kw, estimated=estimated, basis=src)
    model.validate()
    return AgeingTable(model, fit_cycle="cycle_capacity" not in kw)


def ageing_table_entries(table: AgeingTable | None) -> dict[str, Any]:
    """{"ageing": {...}} for a cell file (empty when the cell has no table)."""
    if table is None:
        return {}
    m = table.model
    out: dict[str, Any] = {}
    if m.basis:
        out["source"] = m.basis
    out["reference_temperature"] = f"{m.reference_temperature - 273.15:.6g} degC"
    for f in fields(AgeingModel):
        key = f.name
        if key in _NUMBERS:
            if key.startswith("cycle_") and key in ("cycle_capacity", "cycle_resistance") \
                    and table.fit_cycle:
                continue
            out[key] = float(getattr(m, key))
        elif key in _DIFFERENCES:
            out[key] = f"{getattr(m, key):.6g} K"
    return {"ageing": out}
