"""Which figures break a cell limit or the design's target, and which inputs make the results
implausible, each with a one-line reason.

`violations(design, results, simulation)` maps a result name to why it breaks a limit;
`check_violations(checks)` maps the calc figure of each failed target check to its reason;
`warnings(design, results)` names the input fields whose values make the figures absurd.
`naion calc`, the results panel and the spec sheet all show these.
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger(__name__)

SHARE_LIMIT = 1.10  # most-loaded cell at the pack limit: more than 10 % over its own limit
# An interconnect that dissipates more than this many times the cells' own resistance is a typo
# (a busbar of 1 mΩ beside 1 mΩ cells is already poor).
INTERCONNECT_RATIO_LIMIT = 10.0
# One overhead heavier than twice the cells (real packs: 15-25 % for all of them together).
OVERHEAD_RATIO_LIMIT = 2.0


def _c(t_k: float) -> str:
    return f"{t_k - 273.15:.0f} °C"


def violations(design, results, simulation=None) -> dict[str, str]:
    """Result name -> why that figure breaks a cell or pack limit."""
    out: dict[str, str] = {}
    if results is None:
        return out
    cell = design.cell
    v = results.value
    P = design.parallel
    i_cell_max = cell.max_continuous_discharge_current
    if v("load_current") > v("max_continuous_discharge_current") * (1 + 1e-9):
        out["load_current"] = (f"above the cells' continuous discharge limit "
                               f"({v('max_continuous_discharge_current'):.4g} A for {P}P)")
    if v("runtime_power") > v("max_continuous_discharge_power") * (1 + 1e-9):
        out["runtime_power"] = (f"above the continuous discharge power the cells allow "
                                f"({v('max_continuous_discharge_power') / 1e3:.4g} kW)")
    if v("voltage_under_load") < v("min_voltage"):
        out["voltage_under_load"] = (f"below the pack's minimum voltage "
                                     f"({v('min_voltage'):.4g} V = cell cut-off × S)")
    share = v("max_cell_current_share")
    if share > SHARE_LIMIT:
        out["max_cell_current_share"] = (
            f"at the pack's continuous limit the most loaded cell carries "
            f"{share * i_cell_max:.3g} A, above its {i_cell_max:.3g} A limit "
            f"(uneven sharing through the interconnect)")
    rate = v("adiabatic_temperature_rise_rate")  # K/s
    c_rate = v("max_discharge_c_rate")
    if c_rate > 0:
        t_end = design.thermal.ambient_temperature + rate * 3600.0 / c_rate
        t_max = cell.discharge_temperature[1]
        if t_end > t_max:
            out["adiabatic_temperature_rise_rate"] = (
                f"a full discharge at the continuous limit without cooling ends at "
                f"{_c(t_end)}, above the cell's {_c(t_max)} discharge limit")
    if simulation is not None:
        t_hot = float(np.max(simulation.max_cell_temperature))
        t_max = cell.discharge_temperature[1]
        if t_hot > t_max:
            out["sim_hottest_cell"] = f"above the cell's {_c(t_max)} discharge temperature limit"
        t_cold = float(np.min(simulation.min_cell_temperature))
        if t_cold < cell.discharge_temperature[0]:
            out["sim_coldest_cell"] = (f"below the cell's {_c(cell.discharge_temperature[0])} "
                                       "discharge temperature limit")
        if simulation.cutoff:
            out["sim_end"] = str(simulation.cutoff)
    return out


def check_violations(checks) -> dict[str, str]:
    """The calc figure of each failed target check -> the check's reason."""
    from .results import RESULT_DEFS

    return {c.figure: c.reason for c in checks
            if not c.passed and c.figure in RESULT_DEFS}


def warnings(design, results) -> list[tuple[str, str]]:
    """(field, message) for inputs whose values make the results absurd."""
    out: list[tuple[str, str]] = []
    if results is None:
        return out
    v = results.value
    cells_r = v("cells_resistance")
    inter = v("interconnect_resistance")
    if cells_r > 0 and inter > INTERCONNECT_RATIO_LIMIT * cells_r:
        ic = design.interconnect
        S, P = design.series, design.parallel
        # each field's share of the pack resistance, roughly: series count × value / parallel
        shares = {"interconnect.terminal": 2 * ic.terminal,
                  "interconnect.cell_connection": ic.cell_connection * S / P,
                  "interconnect.busbar_segment": ic.busbar_segment * S}
        field = max(shares, key=shares.get)
        out.append((field, f"the interconnect adds {inter * 1e3:.4g} mΩ, "
                           f"{inter / cells_r:.3g} × the cells' own {cells_r * 1e3:.4g} mΩ: "
                           "check the value and its unit"))
    cell_mass = v("cell_mass")
    for i, o in enumerate(design.overheads):
        extra = o.mass + o.mass_fraction * cell_mass
        if cell_mass > 0 and extra > OVERHEAD_RATIO_LIMIT * cell_mass:
            out.append((f"overheads[{i}]", f"'{o.name}' weighs {extra:.4g} kg, "
                                           f"{extra / cell_mass:.3g} × the cells' "
                                           f"{cell_mass:.4g} kg: check the value and its unit"))
    if v("voltage_under_load") <= 0:
        out.append(("resistance", f"the voltage under load is {v('voltage_under_load'):.4g} V: "
                                  "the pack resistance is implausible"))
    return out
