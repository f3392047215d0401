"""The unit texts that design, cell and target files and the display use most, with the SI
factors pint gives them, so that the common quantities are read and shown without importing
pint (~0.15 s) or building its registry (~0.03-0.3 s) on every start of `naion calc`.

Each entry is what `units.ureg()` computes: `to_si` is `Quantity(1.0, unit).to(SI unit)` and
`from_si` is `Quantity(1.0, SI unit).to(unit)`, bit for bit (tests/core/test_units_fast.py
checks every entry against pint, and parsing through this table against parsing through pint).
A unit text not listed here goes to pint, as before; so does any text the table does not
recognise exactly, after the spaces around operators are dropped ("J / (kg * K)").
"""

from __future__ import annotations

import re

# unit text -> (kind of units.DIMENSIONS, to_si, from_si)
UNITS: dict[str, tuple[str, float, float]] = {
    "A": ("current", 1.0, 1.0),
    "A*h": ("charge", 3600.0, 0.0002777777777777778),
    "Ah": ("charge", 3600.0, 0.0002777777777777778),
    "Btu/(h*ft**2*delta_degF)": ("heat_transfer_coefficient", 5.678264134306047, 0.17611015908160327),
    "Btu/(lb*delta_degF)": ("specific_heat", 4186.800584851107, 0.0002388458632632876),
    "C": ("charge", 1.0, 1.0),
    "F": ("capacitance", 1.0, 1.0),
    "J": ("energy", 1.0, 1.0),
    "J/(kg*K)": ("specific_heat", 1.0, 1.0),
    "J/kg": ("specific_energy", 1.0, 1.0),
    "J/m**3": ("energy_density", 1.0, 1.0),
    "K": ("temperature", 1.0, 1.0),
    "K/h": ("temperature_rate", 0.0002777777777777778, 3600.0),
    "K/min": ("temperature_rate", 0.016666666666666666, 60.0),
    "K/s": ("temperature_rate", 1.0, 1.0),
    "L": ("volume", 0.0010000000000000002, 999.9999999999999),
    "MJ": ("energy", 1000000.0, 1e-06),
    "MW": ("power", 1000000.0, 1e-06),
    "MW*h": ("energy", 3600000000.0, 2.7777777777777777e-10),
    "V": ("voltage", 1.0, 1.0),
    "V/K": ("voltage_per_temperature", 1.0, 1.0),
    "W": ("power", 1.0, 1.0),
    "W*h": ("energy", 3600.0, 0.0002777777777777778),
    "W*h/L": ("energy_density", 3599999.9999999995, 2.7777777777777787e-07),
    "W*h/in**3": ("energy_density", 219685478.7410363, 4.551962222222221e-09),
    "W*h/kg": ("specific_energy", 3600.0, 0.0002777777777777778),
    "W*h/lb": ("specific_energy", 7936.641438655593, 0.0001259978805555556),
    "W/(m**2*K)": ("heat_transfer_coefficient", 1.0, 1.0),
    "W/K": ("thermal_conductance", 1.0, 1.0),
    "Wh/L": ("energy_density", 3599999.9999999995, 2.7777777777777787e-07),
    "Wh/kg": ("specific_energy", 3600.0, 0.0002777777777777778),
    "cm": ("length", 0.01, 100.0),
    "ft**3": ("volume", 0.028316846591999994, 35.3146667214886),
    "g": ("mass", 0.001, 1000.0),
    "h": ("time", 3600.0, 0.0002777777777777778),
    "hp": ("power", 745.6998715822701, 0.0013410220895950279),
    "in": ("length", 0.0254, 39.37007874015748),
    "kA": ("current", 1000.0, 0.001),
    "kV": ("voltage", 1000.0, 0.001),
    "kW": ("power", 1000.0, 0.001),
    "kW*h": ("energy", 3600000.0, 2.7777777777777776e-07),
    "kWh": ("energy", 3600000.0, 2.7777777777777776e-07),
    "kg": ("mass", 1.0, 1.0),
    "lb": ("mass", 0.4535923700000001, 2.2046226218487757),
    "m": ("length", 1.0, 1.0),
    "m**2": ("area", 1.0, 1.0),
    "m**3": ("volume", 1.0, 1.0),
    "mA": ("current", 0.001, 1000.0),
    "mA*h": ("charge", 3.6, 0.2777777777777778),
    "mV": ("voltage", 0.001, 1000.0),
    "mV/K": ("voltage_per_temperature", 0.001, 1000.0),
    "min": ("time", 60.0, 0.016666666666666666),
    "mm": ("length", 0.001, 1000.0),
    "mohm": ("resistance", 0.001, 1000.0),
    "ohm": ("resistance", 1.0, 1.0),
    "s": ("time", 1.0, 1.0),
    "t": ("mass", 1000.0, 0.001),
    "uohm": ("resistance", 1e-06, 1000000.0),
    "mAh": ("charge", 3.6, 0.2777777777777778),
    "Wh": ("energy", 3600.0, 0.0002777777777777778),
    "MWh": ("energy", 3600000000.0, 2.7777777777777777e-10),
    "kJ": ("energy", 1000.0, 0.001),
    "mW": ("power", 0.001, 1000.0),
    "mF": ("capacitance", 0.001, 1000.0),
    "kF": ("capacitance", 1000.0, 0.001),
    "ms": ("time", 0.001, 1000.0),
    "day": ("time", 86400.0, 1.1574074074074073e-05),
    "d": ("time", 86400.0, 1.1574074074074073e-05),
    "kohm": ("resistance", 1000.0, 0.001),
    "mL": ("volume", 1.0000000000000002e-06, 999999.9999999999),
    "cm**3": ("volume", 1.0000000000000002e-06, 999999.9999999999),
    "mm**2": ("area", 1e-06, 1000000.0),
    "cm**2": ("area", 0.0001, 10000.0),
    "mm**3": ("volume", 1e-09, 999999999.9999999),
    "um": ("length", 1e-06, 1000000.0),
    "km": ("length", 1000.0, 0.001),
    "kWh/kg": ("specific_energy", 3600000.0, 2.7777777777777776e-07),
    "kWh/L": ("energy_density", 3599999999.9999995, 2.777777777777778e-10),
    "kJ/(kg*K)": ("specific_heat", 1000.0, 0.001),
    "J/(g*K)": ("specific_heat", 1000.0, 0.001),
    "W/m**2/K": ("heat_transfer_coefficient", 1.0, 1.0),
    "uV/K": ("voltage_per_temperature", 1e-06, 1000000.0),
    "degC/min": ("temperature_rate", 0.016666666666666666, 60.0),
    "W*s": ("energy", 1.0, 1.0),
    "kW*s": ("energy", 1000.0, 0.001),
    "A*s": ("charge", 1.0, 1.0),
    "mA*s": ("charge", 0.001, 1000.0),
    "Wh/m**3": ("energy_density", 3600.0, 0.0002777777777777778),
    "J/L": ("energy_density", 999.9999999999999, 0.0010000000000000002),
}

# money per energy: the `/(W*h)` part of "0.45 CNY/(W*h)" -> factor into currency per joule
# (pint's factor of CNY/(W*h) -> CNY/J, the same for every currency)
MONEY_PER_ENERGY: dict[str, float] = {
    "(W*h)": 0.0002777777777777778,
    "(kW*h)": 2.7777777777777776e-07,
}

# the offset of degC: pint converts "25 degC" to 25 * 1 + 273.15 kelvin and back with
# (v - 273.15) / 1
DEGC_OFFSET = 273.15

_AROUND_OPERATORS = re.compile(r"\s*([*/()^])\s*")


def unit_key(unit: str) -> str:
    """The table's spelling of a unit text: no spaces around operators, `^` as `**`."""
    return _AROUND_OPERATORS.sub(r"\1", unit.strip()).replace("^", "**")
