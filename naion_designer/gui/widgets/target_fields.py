"""The target editor's fields (section, key, label, hint) in the order shown, and how the
target panel colours and formats its badges and figures."""

from __future__ import annotations

import math

from PySide6.QtGui import QColor

PASS_BG, PASS_FG = QColor("#dff3e3"), QColor("#1b6e2f")
FAIL_BG, FAIL_FG = QColor("#fde2e1"), QColor("#9b1c1c")
NV_BG, NV_FG = QColor("#eeeeee"), QColor("#555555")
ERROR_STYLE = "QLineEdit { border: 1px solid #d0312d; background: #fff0f0; }"

# (section, key, label, hint) of the editor, in the order shown; "" section = top level text
FIELDS: list[tuple[str, str, str, str]] = [
    ("", "id", "Id", "lowercase letters, digits and '-'"),
    ("", "name", "Name", ""),
    ("", "application", "Application", ""),
    ("", "description", "Description", ""),
    ("", "source", "Source of the figures", ""),
    ("voltage", "min", "Window min", "e.g. 40 V"),
    ("voltage", "max", "Window max", "e.g. 58.4 V"),
    ("voltage", "nominal_min", "Nominal min", "optional"),
    ("voltage", "nominal_max", "Nominal max", "optional"),
    ("voltage", "incumbent", "Drop-in for", "e.g. LFP 16S 51.2 V (optional)"),
    ("voltage", "min_usable_fraction", "Min. energy inside window", "0-1, e.g. 0.65"),
    ("energy", "usable", "Usable energy", "e.g. 5 kWh"),
    ("power", "continuous", "Continuous power", "at the lowest voltage"),
    ("power", "peak", "Peak power", "at the lowest voltage"),
    ("power", "peak_duration", "Peak duration", "e.g. 10 s"),
    ("power", "charge", "Charge power", ""),
    ("temperature", "min", "Coldest ambient", "e.g. -20 degC"),
    ("temperature", "max", "Hottest ambient", "e.g. 45 degC"),
    ("temperature", "coldest_energy", "Energy at the coldest", ""),
    ("temperature", "coldest_power", "Power at the coldest", ""),
    ("temperature", "charge_min", "Charging from", "default: max(coldest, 0 °C)"),
    ("temperature", "charge_max", "Charging up to", "default: hottest ambient"),
    ("mechanical", "max_mass", "Max. mass", ""),
    ("mechanical", "max_length", "Max. length", ""),
    ("mechanical", "max_width", "Max. width", ""),
    ("mechanical", "max_height", "Max. height", ""),
    ("mechanical", "max_volume", "Max. volume", ""),
    ("mechanical", "overhead_mass_fraction", "Overhead mass fraction", "of the cell mass"),
    ("mechanical", "overhead_volume_fraction", "Overhead volume fraction", "of the envelope"),
    ("life", "cycles", "Cycle life", "cycles"),
    ("cost", "budget", "Budget (cells)", "e.g. 4500 CNY; several: 4500 CNY, 600 EUR"),
    ("", "duty_cycle", "Duty cycle", "a built-in profile id or a CSV path (optional)"),
]
SECTION_TITLES = {"": "Target", "voltage": "Voltage", "energy": "Energy", "power": "Power",
                  "temperature": "Temperature", "mechanical": "Mechanical", "life": "Life",
                  "cost": "Cost"}
NUMBER_KEYS = {"voltage.min_usable_fraction", "mechanical.overhead_mass_fraction",
               "mechanical.overhead_volume_fraction", "life.cycles"}


def _dotted(section: str, key: str) -> str:
    return f"{section}.{key}" if section else key


def _num(v: float, unit: str) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    from ...core.results import pretty_unit
    from ...core.units import format_number

    u = pretty_unit(unit)
    return f"{format_number(v, 4)} {u}".strip()


