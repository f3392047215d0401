"""Designs side by side: which calc figures a comparison shows and which way is better, one
definition for `naion compare`, the Compare window and the PDF comparison."""

from __future__ import annotations

COMPARE_ROWS = ("nominal_voltage", "min_voltage", "max_voltage", "capacity", "energy",
                "usable_energy", "resistance", "max_continuous_discharge_current",
                "max_continuous_discharge_power", "max_continuous_charge_current",
                "max_continuous_charge_power", "heat_at_max_continuous_discharge",
                "sustained_heat_at_max_continuous_discharge", "cell_count", "mass", "length",
                "width", "height", "volume", "specific_energy", "energy_density", "cell_cost",
                "cost_per_energy")

# Which way is better for a row (True: higher is better); rows not listed have no "best".
BETTER_HIGH = {"capacity": True, "energy": True, "usable_energy": True,
               "max_continuous_discharge_current": True, "max_continuous_discharge_power": True,
               "max_continuous_charge_current": True, "max_continuous_charge_power": True,
               "specific_energy": True, "energy_density": True, "resistance": False,
               "mass": False, "volume": False, "heat_at_max_continuous_discharge": False,
               "sustained_heat_at_max_continuous_discharge": False, "cell_cost": False,
               "cost_per_energy": False, "peak_discharge_power": True,
               "max_discharge_c_rate": True, "voltage_under_load": True, "runtime": True,
               "adiabatic_temperature_rise_rate": False}


def best_index(name: str, results) -> int | None:
    """The index of the best of `results` (calc Results) for one row; None when there is no
    best (fewer than two values, all equal, different currencies, or no direction)."""
    if name not in BETTER_HIGH:
        return None
    vals = [(r[name].value, i) for i, r in enumerate(results) if name in r]
    if name in ("cell_cost", "cost_per_energy"):
        units = {r[name].unit for r in results if name in r}
        if len(units) > 1:
            return None  # different currencies: no best without exchange rates
    if len(vals) < 2:
        return None
    pick = max if BETTER_HIGH[name] else min
    v, i = pick(vals)
    if all(abs(x - v) <= 1e-12 * max(abs(v), 1) for x, _ in vals):
        return None  # all equal
    return i
