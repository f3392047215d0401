"""The fitted cell: the electrical model from the fit, everything else from a template cell (or
estimated from the data and flagged so)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ..cell import Cell, RateTable, RCPair, Table1D
from .impedance import ImpedanceFit
from .ocv import OCVEstimate

FITTED = ("capacity", "resistance", "ocv", "rc", "r0_rate")
# keys of the template's electrical model that the fit replaces
REPLACED = ("r0_soc", "r0_rate")
# without a template: an 18650-like cylinder of the cell's energy at 120 Wh/kg, 2,500 kg/m³
GENERIC_SPECIFIC_ENERGY = 120 * 3600.0  # J/kg
GENERIC_DENSITY = 2500.0  # kg/m³
GENERIC_ASPECT = 65 / 18  # height / diameter


def r0_tables(imp: ImpedanceFit) -> tuple[float, RateTable | None, Table1D | None]:
    """`resistance` (R0 at 50 % SOC and 1C, or the single rate) and the table."""
    r0 = imp.r0
    if len(imp.c_rate) == 1:
        tab = Table1D(tuple(float(s) for s in imp.soc), tuple(float(x) for x in r0[0]))
        return float(tab(0.5)), None, tab
    rate = RateTable(tuple(float(s) for s in imp.soc), tuple(float(c) for c in imp.c_rate),
                     tuple(tuple(float(x) for x in row) for row in r0))
    return float(rate(0.5, 1.0)), rate, None


def build_cell(imp: ImpedanceFit, ocv: OCVEstimate, capacity: float, cell_id: str,
               template: Cell | None, limits: tuple[float, float], nominal: float,
               max_current: float, fit_table: dict, ocv_fitted: bool = True,
               capacity_given: bool = False, temp_factor: Table1D | None = None,
               diffusion_time: float | None = None) -> Cell:
    r0, rate, soc_tab = r0_tables(imp)
    rc = tuple(RCPair(float(r), float(t / r)) for r, t in zip(imp.rc_resistance, imp.rc_tau,
                                                              strict=True))
    ocv_tab = Table1D(tuple(float(s) for s in ocv.soc), tuple(float(v) for v in ocv.voltage))
    fitted = ([] if capacity_given else ["capacity"]) + [
        "resistance", "rc", "r0_rate" if rate is not None else "r0_soc"]
    if ocv_fitted:
        fitted.append("ocv")
    if template is not None:
        est = [e for e in template.estimated if e not in fitted and e not in REPLACED]
        if not ocv_fitted and template.is_estimated("ocv"):
            est.append("ocv")
        extra = {k: v for k, v in template.extra.items() if k != "fit"}
        cell = replace(template, id=cell_id, capacity=capacity, resistance=r0, rc=rc,
                       ocv=ocv_tab if ocv_fitted else template.ocv, r0_rate=rate,
                       r0_soc=soc_tab, estimated=tuple(est),
                       source=f"fitted to cycler data ({fit_table['n_train']} training files); "
                              f"other fields: {template.source}",
                       extra=extra, origin="")
    else:
        energy = nominal * capacity
        mass = energy / GENERIC_SPECIFIC_ENERGY
        volume = mass / GENERIC_DENSITY
        diameter = (4 * volume / (math.pi * GENERIC_ASPECT)) ** (1 / 3)
        vmin, vmax = limits
        est = ["maker", "model", "form_factor", "cathode", "anode", "mass", "diameter",
               "height", "specific_heat", "max_continuous_discharge_current",
               "max_continuous_charge_current", "charge_temperature", "discharge_temperature"]
        cell = Cell(id=cell_id, maker="unknown", model=cell_id, form_factor="cylindrical",
                    cathode="unknown", anode="unknown",
                    source=f"fitted to cycler data ({fit_table['n_train']} training files)",
                    nominal_voltage=nominal, capacity=capacity, max_voltage=vmax,
                    min_voltage=vmin, resistance=r0,
                    max_continuous_discharge_current=max_current,
                    max_continuous_charge_current=max_current / 2, mass=mass,
                    height=GENERIC_ASPECT * diameter, diameter=diameter,
                    estimated=tuple(est), ocv=ocv_tab, rc=rc, r0_rate=rate, r0_soc=soc_tab)
    if diffusion_time is not None:  # given, not fitted: held while R0 and the RC pairs were
        cell = replace(cell, diffusion_time_constant=float(diffusion_time))
    if temp_factor is not None:
        fitted.append("temperature_effects.resistance_factor")
        est = [e for e in cell.estimated
               if not (e == "temperature_effects" and cell.temp_capacity_factor is None)]
        cell = replace(cell, temp_resistance_factor=temp_factor, estimated=tuple(est))
    fit_table.pop("n_train", None)
    fit_table["fitted"] = fitted
    cell = replace(cell, extra={**cell.extra, "fit": fit_table})
    cell.validate()
    return cell


def with_impedance(cell: Cell, imp: ImpedanceFit) -> Cell:
    r0, rate, soc_tab = r0_tables(imp)
    rc = tuple(RCPair(float(r), float(t / r)) for r, t in zip(imp.rc_resistance, imp.rc_tau,
                                                              strict=True))
    return replace(cell, resistance=r0, r0_rate=rate, r0_soc=soc_tab, rc=rc)


def mean_voltage(v: np.ndarray, i: np.ndarray, t: np.ndarray) -> float:
    dt = np.diff(t)
    q = float(np.sum(i[:-1] * dt))
    return float(np.sum(v[:-1] * i[:-1] * dt) / q) if q > 0 else float(np.mean(v))
