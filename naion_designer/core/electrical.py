"""Steady-state estimates of a design: the `calc` figures, as a Results mapping of SI quantities."""

from __future__ import annotations

import numpy as np

from .layout import compute_layout
from .layout.results import layout_results
from .network import build_network, network_key
from .pack import PackDesign
from .results import Quantity, Results

_DC_MEMO: dict[tuple, tuple[float, np.ndarray]] = {}


def dc_solution(design: PackDesign, r0: np.ndarray) -> tuple[float, np.ndarray]:
    """The network's DC solution, memoised on what it depends on (edits elsewhere are free)."""
    key = (network_key(design), r0.tobytes())
    hit = _DC_MEMO.get(key)
    if hit is None:
        hit = build_network(design).dc_solution(r0)
        if len(_DC_MEMO) > 16:
            _DC_MEMO.pop(next(iter(_DC_MEMO)))
        _DC_MEMO[key] = hit
    return hit


def usable_fraction_ocv(design: PackDesign) -> float:
    """Mean OCV over the SOC window × window width, per cell (V); nominal × width without OCV."""
    a, b = design.analysis.soc_window
    cell = design.cell
    if cell.ocv is None:
        return cell.nominal_voltage * (b - a)
    s, v = cell.ocv.arrays()
    grid = np.union1d(s[(s > a) & (s < b)], [a, b])
    return float(np.trapezoid(np.interp(grid, s, v), grid))


def cell_resistances(design: PackDesign) -> tuple[np.ndarray, np.ndarray]:
    """S × P arrays (R0, impedance factor) of every cell: an override of `resistance` replaces
    R0, `impedance_factor` scales the whole impedance (R0 here, the RC resistances in
    `settled_resistances`), as the simulation does."""
    z = design.cell_array("impedance_factor")
    return design.cell_array("resistance") * z, z


def settled_resistances(design: PackDesign, r0: np.ndarray,
                        impedance: np.ndarray | float = 1.0) -> tuple[float, float]:
    """(pack, cells) resistance once the RC pairs have settled under a sustained current: each
    cell's R0 at mid SOC plus its RC resistances (scaled by its impedance factor), through the
    network (pack) or the parallel groups alone (cells)."""
    cell = design.cell
    mid = cell.r0_at(0.5) / cell.resistance if cell.r0_soc is not None else 1.0
    r_cell = r0 * mid + np.asarray(impedance) * sum(pair.resistance for pair in cell.rc)
    pack, _ = dc_solution(design, r_cell)
    cells = float(np.sum(1.0 / np.sum(1.0 / r_cell, axis=1)))
    return pack, cells


def calculate(design: PackDesign) -> Results:
    cell = design.cell
    S, P = design.series, design.parallel
    cap = design.cell_array("capacity")
    r0, impedance = cell_resistances(design)
    masses = design.cell_array("mass")
    idis = design.cell_array("max_continuous_discharge_current")
    ichg = design.cell_array("max_continuous_charge_current")

    group_capacity = cap.sum(axis=1)
    capacity = float(group_capacity.min())  # the weakest group limits the pack
    nominal_v = S * cell.nominal_voltage
    max_v = S * cell.max_voltage
    min_v = S * cell.min_voltage
    energy = nominal_v * capacity
    cells_r = float(np.sum(1.0 / np.sum(1.0 / r0, axis=1)))

    pack_r, share = dc_solution(design, r0)
    i_dis = float(idis.sum(axis=1).min())
    i_chg = float(ichg.sum(axis=1).min())
    heat = i_dis**2 * pack_r
    cell_mass = float(masses.sum())
    overhead_mass = design.overhead_mass(cell_mass)
    lay = compute_layout(design)
    layout_figures = layout_results(design, lay)
    mass = cell_mass + overhead_mass + layout_figures.value("busbar_mass") \
        if "busbar_mass" in layout_figures else cell_mass + overhead_mass
    volume = lay.volume + design.overhead_volume(lay.volume)

    usable = S * capacity * usable_fraction_ocv(design)
    load_i = design.analysis.load_c_rate * capacity / 3600.0
    ocv50 = float(cell.ocv(0.5)) if cell.ocv is not None else cell.nominal_voltage
    p_run = design.analysis.runtime_power or 0.5 * energy / 3600.0
    # a sustained discharge: R0 at mid SOC + the settled RC pairs, and the reversible heat
    # −I·T·dOCV/dT of every cell (S cells carry the pack current) at the ambient temperature
    settled_r, settled_cells_r = settled_resistances(design, r0, impedance)
    reversible = -S * i_dis * design.thermal.ambient_temperature * cell.entropic_coefficient
    sustained_heat = i_dis**2 * settled_r + reversible
    # adiabatic heating of the cells alone: the interconnect heat leaves through the busbars
    cell_heat = i_dis**2 * settled_cells_r + reversible
    heat_capacity = float((masses * design.cell_array("specific_heat")).sum())

    mean_share = 1.0 / P
    r = Results()

    def put(name, value, kind, unit=""):
        r[name] = Quantity(float(value), kind, unit)

    put("nominal_voltage", nominal_v, "voltage")
    put("max_voltage", max_v, "voltage")
    put("min_voltage", min_v, "voltage")
    put("capacity", capacity, "charge")
    put("energy", energy, "energy")
    put("usable_energy", usable, "energy")
    put("cell_mass", cell_mass, "mass")
    put("overhead_mass", overhead_mass, "mass")
    put("mass", mass, "mass")
    put("cells_resistance", cells_r, "resistance")
    put("resistance", pack_r, "resistance")
    put("interconnect_resistance", max(pack_r - cells_r, 0.0), "resistance")
    put("max_continuous_discharge_current", i_dis, "current")
    put("max_continuous_discharge_power", i_dis * min_v, "power")
    put("max_continuous_charge_current", i_chg, "current")
    put("max_continuous_charge_power", i_chg * nominal_v, "power")
    if cell.peak_discharge_current:
        i_pk = cell.peak_discharge_current * P
        put("peak_discharge_current", i_pk, "current")
        put("peak_discharge_power", i_pk * min_v, "power")
    put("max_discharge_c_rate", i_dis / (capacity / 3600.0), "dimensionless")
    put("max_charge_c_rate", i_chg / (capacity / 3600.0), "dimensionless")
    put("load_current", load_i, "current")
    put("voltage_under_load", S * ocv50 - load_i * settled_r, "voltage")
    put("runtime_power", p_run, "power")
    put("runtime", usable / p_run, "time")
    put("heat_at_max_continuous_discharge", heat, "power")
    put("sustained_heat_at_max_continuous_discharge", sustained_heat, "power")
    put("interconnect_loss_at_max_continuous_discharge", i_dis**2 * max(pack_r - cells_r, 0.0),
        "power")
    put("adiabatic_temperature_rise_rate", cell_heat / heat_capacity, "temperature_rate")
    put("max_cell_current_share", float(np.max(np.abs(share))) / mean_share, "dimensionless")
    put("cell_count", S * P, "dimensionless")
    put("length", lay.length, "length")
    put("width", lay.width, "length")
    put("height", lay.height, "length")
    put("volume", volume, "volume")
    r.update(layout_figures)
    put("specific_energy", energy / mass, "specific_energy")
    put("energy_density", energy / volume, "energy_density")
    per_cell = cell.price_per_cell()
    if per_cell is not None:
        total = per_cell * S * P
        put("cell_cost", total, "money", cell.currency)
        put("cost_per_energy", total / (energy / 3.6e6), "money_per_energy", cell.currency)
    return r
