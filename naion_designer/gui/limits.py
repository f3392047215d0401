"""Which figures break a cell limit or the design's target, and why (no Qt here).

`violations(design, results, simulation)` maps a result name to a one-line reason; the results
panel paints those rows and shows the reason.  Target checks are added when the design names a
target.
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger(__name__)

SHARE_LIMIT = 1.10  # most-loaded cell at the pack limit: more than 10 % over its own limit


def _c(t_k: float) -> str:
    return f"{t_k - 273.15:.0f} °C"


def violations(design, results, simulation=None) -> dict[str, str]:
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
        if getattr(simulation, "cutoff", None):
            out["sim_end"] = str(simulation.cutoff)
    return out


def target_checks(design) -> tuple[list, str]:
    """(checks, error) of the design's target; ([], "") without a target."""
    if not design.target:
        return [], ""
    from ..core.targets import check_design
    from ..core.units import InputError
    from .target_cache import cached_target

    try:
        target = cached_target(design.target)
    except InputError as exc:  # an unknown or broken target: the user's input, not a bug
        return [], str(exc).splitlines()[0]
    try:
        return list(check_design(design, target)), ""
    except Exception as exc:  # shown to the user as one line
        log.exception("shown to the user as one line")
        return [], str(exc).splitlines()[0] if str(exc) else type(exc).__name__
