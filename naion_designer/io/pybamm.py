"""A cell as a PyBaMM equivalent-circuit parameter set (JSON) for
`pybamm.equivalent_circuit.Thevenin`, and back.

The keys are those of PyBaMM's own example set (`pybamm/input/parameters/ecm/example_set.py`):
capacity, cut-off voltages, thermal masses and heat transfer, "Open-circuit voltage [V]" as 1-D
data `[name, [[soc...], [volts...]]]`, "R0 [Ohm]", "R<j> [Ohm]", "C<j> [F]", "Element-<j>
initial overpotential [V]", "Entropic change [V/K]".  PyBaMM takes scalars for R0 and the RC
elements here (R0 at 50 % SOC, 1C, 25 °C: the cell file's `resistance`); the cell's full model
(SOC and rate tables, temperature factors, every other field) travels alongside under
"naion:cell", which PyBaMM ignores.  On import the PyBaMM keys win over "naion:cell" (or over a
template cell, which, when given, replaces "naion:cell"), so values edited on the PyBaMM side
come back.  Loading in PyBaMM (JSON has no tuples):

    d = json.load(open("cell.json"))
    name, (x, y) = d["Open-circuit voltage [V]"]
    d["Open-circuit voltage [V]"] = (name, (np.array(x), np.array(y)))
    model = pybamm.equivalent_circuit.Thevenin(
        options={"number of rc elements": d["naion:number of rc elements"]})
    values = pybamm.ParameterValues(d)
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ..core.cell import Cell, RCPair, Table1D
from ..core.units import InputError
from .atomic import atomic_write_text, read_text_file
from .cell_file import cell_from_dict, cell_to_dict

H_FREE_AIR = 10.0  # W/(m²·K), the design default


def cell_to_pybamm(cell: Cell) -> dict:
    if cell.ocv is None:
        raise InputError("ocv", f"cell '{cell.id}' has no [ocv] table, so no circuit model")
    q_ah = cell.capacity / 3600.0
    d = {"chemistry": "ecm",
         "Initial SoC": 1.0,
         "Initial temperature [K]": 298.15,
         "Ambient temperature [K]": 298.15,
         "Cell capacity [A.h]": q_ah,
         "Nominal cell capacity [A.h]": q_ah,
         "Current function [A]": q_ah,
         "Upper voltage cut-off [V]": cell.max_voltage,
         "Lower voltage cut-off [V]": cell.min_voltage,
         "Cell thermal mass [J/K]": cell.mass * cell.specific_heat,
         "Cell-jig heat transfer coefficient [W/K]": H_FREE_AIR * cell.surface_area,
         "Jig thermal mass [J/K]": cell.mass * cell.specific_heat,
         "Jig-air heat transfer coefficient [W/K]": 1000.0,
         "Open-circuit voltage [V]": ["ocv", [list(cell.ocv.x), list(cell.ocv.y)]],
         "R0 [Ohm]": cell.resistance,
         "Entropic change [V/K]": cell.entropic_coefficient,
         "RCR lookup limit [A]": cell.peak_discharge_current or
         cell.max_continuous_discharge_current,
         "naion:number of rc elements": len(cell.rc)}
    for j, p in enumerate(cell.rc, start=1):
        d[f"R{j} [Ohm]"] = p.resistance
        d[f"C{j} [F]"] = p.capacitance
        d[f"Element-{j} initial overpotential [V]"] = 0.0
    d["naion:cell"] = cell_to_dict(cell)
    return d


def write_pybamm_json(cell: Cell, path: Path) -> None:
    atomic_write_text(Path(path), json.dumps(cell_to_pybamm(cell), indent=2) + "\n",
                      "PyBaMM parameter set")


def _num(d: dict, key: str, where: str) -> float:
    v = d.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise InputError(f"{where}: {key}", "missing or not a number")
    return float(v)


def pybamm_to_cell(d: dict, template: Cell | None = None, cell_id: str | None = None,
                   where: str = "parameter set") -> Cell:
    if not isinstance(d, dict):
        raise InputError(where, "expected a JSON object of PyBaMM parameters")
    if template is not None:
        base = template
    elif "naion:cell" in d:
        base = cell_from_dict(d["naion:cell"])
    else:
        raise InputError(where, "a PyBaMM parameter set holds no maker, dimensions or mass: "
                                "give --template CELL")
    ocv = d.get("Open-circuit voltage [V]")
    try:
        _, (x, y) = ocv
        ocv_tab = Table1D(tuple(float(s) for s in x), tuple(float(v) for v in y))
    except (TypeError, ValueError):
        raise InputError(f"{where}: Open-circuit voltage [V]",
                         "expected 1-D data [name, [[soc...], [volts...]]]") from None
    rc = []
    j = 1
    while f"R{j} [Ohm]" in d:
        rc.append(RCPair(_num(d, f"R{j} [Ohm]", where), _num(d, f"C{j} [F]", where)))
        j += 1
    r0 = _num(d, "R0 [Ohm]", where)
    changes = dict(capacity=_num(d, "Cell capacity [A.h]", where) * 3600.0,
                   max_voltage=_num(d, "Upper voltage cut-off [V]", where),
                   min_voltage=_num(d, "Lower voltage cut-off [V]", where),
                   resistance=r0, ocv=ocv_tab, rc=tuple(rc),
                   entropic_coefficient=float(d.get("Entropic change [V/K]", 0.0) or 0.0),
                   origin="")
    if abs(r0 - base.resistance) > 1e-12 * max(r0, 1.0):
        # R0 edited in PyBaMM: the SOC and rate tables scale with it
        k = r0 / base.resistance
        if base.r0_soc is not None:
            changes["r0_soc"] = Table1D(base.r0_soc.x, tuple(v * k for v in base.r0_soc.y))
        if base.r0_rate is not None:
            rt = base.r0_rate
            changes["r0_rate"] = replace(rt, resistance=tuple(tuple(v * k for v in row)
                                                              for row in rt.resistance))
    if cell_id:
        changes["id"] = cell_id
    cell = replace(base, **changes)
    cell.validate()
    return cell


def read_pybamm_json(path: Path, template: Cell | None = None,
                     cell_id: str | None = None) -> Cell:
    path = Path(path)
    try:
        d = json.loads(read_text_file(path, "PyBaMM parameter set"))
    except json.JSONDecodeError as exc:
        raise InputError(path.name, f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    try:
        return pybamm_to_cell(d, template, cell_id, path.name)
    except InputError as exc:
        if exc.field.startswith(path.name):
            raise
        raise InputError(f"{path.name}: {exc.field}", exc.detail) from None
