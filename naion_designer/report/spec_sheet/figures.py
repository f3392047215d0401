"""Sections "Electrical characteristics" and "Mechanical and thermal" (with the cost)."""

from __future__ import annotations

from ..common import DAGGER, grid_table
from ..common import P as Para
from .blocks import Context, results_table, setting, side_by_side, temp

ELECTRICAL = ("nominal_voltage", "max_voltage", "min_voltage", "capacity", "energy",
              "usable_energy", "cells_resistance", "interconnect_resistance", "resistance",
              "max_continuous_discharge_current", "max_continuous_discharge_power",
              "max_discharge_c_rate", "max_continuous_charge_current",
              "max_continuous_charge_power", "max_charge_c_rate", "peak_discharge_current",
              "peak_discharge_power", "load_current", "voltage_under_load", "runtime_power",
              "runtime", "max_cell_current_share", "busbar_segment_resistance")
MECHANICAL = ("cell_count", "cell_mass", "overhead_mass", "busbar_mass", "mass", "length",
              "width", "height", "volume", "specific_energy", "energy_density", "group_rows",
              "group_columns", "groups_per_row", "empty_slots", "modules", "module_rows",
              "modules_per_row", "fits_envelope", "fit_shortfall",
              "fit_shortfall_length", "fit_shortfall_width", "fit_shortfall_height")
THERMAL = ("heat_at_max_continuous_discharge", "sustained_heat_at_max_continuous_discharge",
           "interconnect_loss_at_max_continuous_discharge", "adiabatic_temperature_rise_rate")
COST = ("cell_cost", "cost_per_energy")


def electrical(ctx: Context) -> list:
    from reportlab.platypus import CondPageBreak

    return [CondPageBreak(120), ctx.heading("Electrical characteristics"),
            results_table(ctx, ELECTRICAL, ctx.width)]


def operating_conditions(ctx: Context, width: float):
    c, th, units, st, tr = ctx.design.cell, ctx.design.thermal, ctx.units, ctx.st, ctx.tr
    cond = [("Charge temperature (cell limits)",
             f"{temp(c.charge_temperature[0], units)} … {temp(c.charge_temperature[1], units)}",
             "charge_temperature"),
            ("Discharge temperature (cell limits)",
             f"{temp(c.discharge_temperature[0], units)} … "
             f"{temp(c.discharge_temperature[1], units)}", "discharge_temperature"),
            ("Ambient temperature (model)", temp(th.ambient_temperature, units), ""),
            ("Heat transfer coefficient",
             setting("heat_transfer_coefficient", th.heat_transfer_coefficient, units, 3), ""),
            ("Cell specific heat", setting("specific_heat", c.specific_heat, units),
             "specific_heat")]
    if th.coolant_temperature is not None:
        cond.append(("Coolant temperature", temp(th.coolant_temperature, units), ""))
    rows = [[Para(tr("Operating conditions"), st["th"]), Para("", st["th"]),
             Para("", st["th"])]]
    for text, value, key in cond:
        rows.append([Para(tr(text, sep="\n"), st["cell"]), Para(value, st["cellr"]),
                     Para(DAGGER if key and key in c.estimated else "", st["cellc"])])
    return grid_table(rows, [width * 0.55, width * 0.38, width * 0.07])


def mechanical_thermal(ctx: Context) -> list:
    from reportlab.platypus import KeepTogether, Spacer

    half, st, tr = ctx.half, ctx.st, ctx.tr
    mech = results_table(ctx, MECHANICAL, half, show_basis=False)
    therm = results_table(ctx, THERMAL, half, show_basis=False)
    out = [KeepTogether([
        ctx.heading("Mechanical and thermal"),
        side_by_side([Para(tr("Mechanical"), st["h2"]), mech],
                     [Para(tr("Thermal"), st["h2"]), therm, Spacer(1, 6),
                      operating_conditions(ctx, half)], ctx.width)])]
    if ctx.opts.include_cost and any(n in ctx.res for n in COST):
        out += [Spacer(1, 6), Para(tr("Cost (cells only)"), st["h2"]),
                results_table(ctx, COST, ctx.width)]
    return out
