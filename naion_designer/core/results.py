"""Results are data: named quantities (SI value + kind) with one definition of labels, units and
groups that the command line, the GUI and the reports all typeset from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultDef:
    label: str
    kind: str  # a units.DIMENSIONS kind, or "money"/"money_per_energy"/"dimensionless"
    unit: str  # the unit of JSON output and the default display unit
    group: str  # electrical | mechanical | thermal | cost
    help: str = ""


RESULT_DEFS: dict[str, ResultDef] = {
    "nominal_voltage": ResultDef("Nominal voltage", "voltage", "V", "electrical",
                                 "cell nominal voltage × S"),
    "max_voltage": ResultDef("Maximum voltage", "voltage", "V", "electrical",
                             "cell maximum (charge cut-off) voltage × S"),
    "min_voltage": ResultDef("Minimum voltage", "voltage", "V", "electrical",
                             "cell minimum (discharge cut-off) voltage × S"),
    "capacity": ResultDef("Capacity", "charge", "A*h", "electrical", "cell capacity × P"),
    "energy": ResultDef("Energy", "energy", "kW*h", "electrical",
                        "nominal voltage × capacity"),
    "usable_energy": ResultDef("Usable energy", "energy", "kW*h", "electrical",
                               "open-circuit energy inside the design's SOC window"),
    "cells_resistance": ResultDef("Cells resistance", "resistance", "mohm", "electrical",
                                  "cell R0 × S / P"),
    "resistance": ResultDef("Pack resistance", "resistance", "mohm", "electrical",
                            "DC resistance including the interconnect network"),
    "interconnect_resistance": ResultDef("Interconnect resistance", "resistance", "mohm",
                                         "electrical", "pack resistance − cells resistance"),
    "max_continuous_discharge_current": ResultDef("Max. continuous discharge current", "current",
                                                  "A", "electrical", "cell limit × P"),
    "max_continuous_discharge_power": ResultDef("Max. continuous discharge power", "power", "kW",
                                                "electrical",
                                                "current limit × minimum voltage (under load)"),
    "max_continuous_charge_current": ResultDef("Max. continuous charge current", "current", "A",
                                               "electrical", "cell limit × P"),
    "max_continuous_charge_power": ResultDef("Max. continuous charge power", "power", "kW",
                                             "electrical",
                                             "charge current limit × nominal voltage"),
    "peak_discharge_current": ResultDef("Peak discharge current", "current", "A", "electrical",
                                        "cell peak limit × P"),
    "peak_discharge_power": ResultDef("Peak discharge power", "power", "kW", "electrical",
                                      "peak current × minimum voltage"),
    "max_discharge_c_rate": ResultDef("Max. continuous discharge C-rate", "dimensionless", "",
                                      "electrical", "continuous current / capacity (1/h)"),
    "max_charge_c_rate": ResultDef("Max. continuous charge C-rate", "dimensionless", "",
                                   "electrical", "continuous charge current / capacity (1/h)"),
    "load_current": ResultDef("Load current (analysis)", "current", "A", "electrical",
                              "the design's analysis C-rate × capacity"),
    "voltage_under_load": ResultDef("Voltage under load", "voltage", "V", "electrical",
                                    "OCV at 50 % SOC − load current × (pack resistance + "
                                    "settled RC resistance)"),
    "runtime_power": ResultDef("Runtime power (analysis)", "power", "kW", "electrical",
                               "the design's analysis power"),
    "runtime": ResultDef("Runtime at analysis power", "time", "h", "electrical",
                         "usable energy / analysis power (resistive losses neglected)"),
    "interconnect_loss_at_max_continuous_discharge": ResultDef(
        "Interconnect loss at max. current", "power", "W", "thermal",
        "I² × interconnect resistance at the continuous current limit"),
    "heat_at_max_continuous_discharge": ResultDef("Heat at max. continuous discharge (R0)",
                                                  "power", "W", "thermal",
                                                  "I² × pack DC resistance, at the first instant"),
    "sustained_heat_at_max_continuous_discharge": ResultDef(
        "Sustained heat at max. continuous discharge", "power", "W", "thermal",
        "I² × (R0 at mid SOC + settled RC + interconnect) + entropic heat at the ambient"),
    "adiabatic_temperature_rise_rate": ResultDef(
        "Adiabatic temperature rise", "temperature_rate", "K/min", "thermal",
        "sustained cell heat (R0 + RC + entropic) at the continuous current / "
        "(cell mass × specific heat)"),
    "max_cell_current_share": ResultDef("Max. cell current share", "dimensionless", "",
                                        "electrical",
                                        "highest cell current / mean cell current (DC network)"),
    "cell_count": ResultDef("Cells", "dimensionless", "", "mechanical", "S × P"),
    "cell_mass": ResultDef("Cell mass", "mass", "kg", "mechanical", "cell mass × count"),
    "overhead_mass": ResultDef("Overhead mass", "mass", "kg", "mechanical",
                               "busbars, BMS, enclosure as the design defines them"),
    "mass": ResultDef("Pack mass", "mass", "kg", "mechanical", "cells + overheads + busbars"),
    "length": ResultDef("Envelope length", "length", "mm", "mechanical", "from the layout"),
    "width": ResultDef("Envelope width", "length", "mm", "mechanical", "from the layout"),
    "height": ResultDef("Envelope height", "length", "mm", "mechanical", "from the layout"),
    "volume": ResultDef("Pack volume", "volume", "L", "mechanical",
                        "layout envelope + overhead volumes"),
    "specific_energy": ResultDef("Specific energy", "specific_energy", "W*h/kg", "mechanical",
                                 "energy / pack mass"),
    "energy_density": ResultDef("Energy density", "energy_density", "W*h/L", "mechanical",
                                "energy / pack envelope volume"),
    "group_rows": ResultDef("Group block rows", "dimensionless", "", "mechanical",
                            "cells of one parallel group across x (layout.group_shape)"),
    "group_columns": ResultDef("Group block columns", "dimensionless", "", "mechanical",
                               "cells of one parallel group along x (layout.group_shape)"),
    "groups_per_row": ResultDef("Groups per row", "dimensionless", "", "mechanical",
                                "group blocks side by side along x"),
    "empty_slots": ResultDef("Empty slots", "dimensionless", "", "mechanical",
                             "places left free in the rows of group blocks"),
    "modules": ResultDef("Modules", "dimensionless", "", "mechanical",
                         "modules the series groups are split into (layout.modules)"),
    "module_rows": ResultDef("Module rows", "dimensionless", "", "mechanical",
                             "rows of modules, one after the other across x"),
    "modules_per_row": ResultDef("Modules per row", "dimensionless", "", "mechanical",
                                 "modules side by side along x (layout.modules_per_row)"),
    "fits_envelope": ResultDef("Fits the envelope", "bool", "", "mechanical",
                               "inside layout.envelope in every dimension"),
    "fit_shortfall": ResultDef("Envelope shortfall", "length", "mm", "mechanical",
                               "the largest miss of any dimension"),
    "fit_shortfall_length": ResultDef("Shortfall in length", "length", "mm", "mechanical",
                                      "pack length − envelope length"),
    "fit_shortfall_width": ResultDef("Shortfall in width", "length", "mm", "mechanical",
                                     "pack width − envelope width"),
    "fit_shortfall_height": ResultDef("Shortfall in height", "length", "mm", "mechanical",
                                      "pack height − envelope height"),
    "busbar_segment_resistance": ResultDef(
        "Busbar segment resistance", "resistance", "mohm", "electrical",
        "ρ(20 °C) × pitch along x / (thickness × width), or the explicit busbar_segment"),
    "busbar_mass": ResultDef("Busbar mass", "mass", "kg", "mechanical",
                             "density × thickness × width × strip length"),
    "cell_cost": ResultDef("Cell cost", "money", "", "cost", "cell price × count"),
    "cost_per_energy": ResultDef("Cell cost per kWh", "money_per_energy", "", "cost",
                                 "cell cost / energy"),
}


@dataclass(frozen=True)
class Quantity:
    value: float  # SI, or currency units for money
    kind: str
    unit: str = ""  # for money: the currency code; else overrides the definition's unit

    def __float__(self) -> float:
        return float(self.value)


class Results(dict):
    """Ordered mapping name -> Quantity."""

    def value(self, name: str) -> float:
        return self[name].value


def json_unit(name: str, q: Quantity) -> str:
    if q.kind == "money":
        return q.unit
    if q.kind == "money_per_energy":
        return f"{q.unit}/(kW*h)"
    d = RESULT_DEFS.get(name)
    unit = q.unit or (d.unit if d else "")
    return unit or "dimensionless"


def json_value(name: str, q: Quantity) -> float:
    from .units import to_unit

    if q.kind == "money":
        return q.value
    if q.kind == "money_per_energy":
        return q.value  # already per kWh
    unit = json_unit(name, q)
    if unit == "dimensionless":
        return q.value
    return to_unit(q.value, q.kind, unit)


def results_to_json(results: Results) -> dict:
    out = {}
    for name, q in results.items():
        if q.kind == "bool":
            out[name] = bool(q.value)
            continue
        v = json_value(name, q)
        out[name] = {"value": round(v, 10) if abs(v) > 1e-300 else 0.0,
                     "unit": json_unit(name, q)}
    return out


# Display unit choices the GUI and reports offer per kind (first = default).
DISPLAY_UNITS: dict[str, tuple[str, ...]] = {
    "voltage": ("V", "kV", "mV"),
    "charge": ("A*h", "mA*h", "C"),
    "energy": ("kW*h", "W*h", "MW*h", "MJ"),
    "resistance": ("mohm", "ohm", "uohm"),
    "current": ("A", "kA", "mA"),
    "power": ("kW", "W", "MW", "hp"),
    "mass": ("kg", "g", "t", "lb"),
    "length": ("mm", "cm", "m", "in"),
    "volume": ("L", "m**3", "ft**3"),
    "specific_energy": ("W*h/kg", "W*h/lb"),
    "energy_density": ("W*h/L", "W*h/in**3"),
    "heat_transfer_coefficient": ("W/(m**2*K)", "Btu/(h*ft**2*delta_degF)"),
    "specific_heat": ("J/(kg*K)", "Btu/(lb*delta_degF)"),
    "temperature": ("degC", "degF", "K"),
    "temperature_rate": ("K/min", "K/s", "K/h"),
    "time": ("h", "min", "s"),
}

PRETTY_UNITS = {"A*h": "Ah", "mA*h": "mAh", "kW*h": "kWh", "W*h": "Wh", "MW*h": "MWh",
                "mohm": "mΩ", "ohm": "Ω", "uohm": "µΩ", "degC": "°C", "degF": "°F",
                "W*h/kg": "Wh/kg", "W*h/L": "Wh/L", "m**3": "m³", "ft**3": "ft³",
                "W*h/lb": "Wh/lb", "W*h/in**3": "Wh/in³", "W/(m**2*K)": "W/(m²·K)",
                "J/(kg*K)": "J/(kg·K)", "Btu/(h*ft**2*delta_degF)": "Btu/(h·ft²·°F)",
                "Btu/(lb*delta_degF)": "Btu/(lb·°F)"}


def pretty_unit(unit: str) -> str:
    return PRETTY_UNITS.get(unit, unit)


def display(name: str, q: Quantity, units: dict[str, str] | None = None,
            digits: int = 4) -> tuple[str, str]:
    """(number text, unit text) for a result, in the user's unit for its kind."""
    from .units import format_number, to_unit

    if q.kind == "money":
        return f"{q.value:,.0f}", q.unit
    if q.kind == "money_per_energy":
        return f"{q.value:,.0f}", f"{q.unit}/kWh"
    if q.kind == "bool":
        return ("yes" if q.value else "no"), ""
    if q.kind == "dimensionless":
        if name in ("cell_count", "group_rows", "group_columns", "groups_per_row",
                    "empty_slots", "modules", "module_rows", "modules_per_row"):
            return f"{int(q.value)}", ""
        return format_number(q.value, 3), ("C" if name.endswith("c_rate") else "")
    unit = (units or {}).get(q.kind) or RESULT_DEFS.get(name, ResultDef("", "", "", "")).unit \
        or DISPLAY_UNITS.get(q.kind, ("",))[0]
    return format_number(to_unit(q.value, q.kind, unit), digits), pretty_unit(unit)
