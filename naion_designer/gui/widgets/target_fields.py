"""The target editor's fields (section, key, label, hint) in the order shown, and how the
target panel colours and formats its badges and figures."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

PASS_BG, PASS_FG = QColor("#dff3e3"), QColor("#1b6e2f")
FAIL_BG, FAIL_FG = QColor("#fde2e1"), QColor("#9b1c1c")
NV_BG, NV_FG = QColor("#eeeeee"), QColor("#555555")
ERROR_STYLE = "QLineEdit { border: 1px solid #d0312d; background: #fff0f0; }"

# (section, key, label, hint) of the editor, in the order shown; "" section = top level text
FIELDS: list[tuple[str, str, str, str]] = [
    ("", "id", QT_TRANSLATE_NOOP("TargetPanel", "Id"), QT_TRANSLATE_NOOP("TargetPanel", "lowercase letters, digits and '-'")),
    ("", "name", QT_TRANSLATE_NOOP("TargetPanel", "Name"), ""),
    ("", "application", QT_TRANSLATE_NOOP("TargetPanel", "Application"), ""),
    ("", "description", QT_TRANSLATE_NOOP("TargetPanel", "Description"), ""),
    ("", "source", QT_TRANSLATE_NOOP("TargetPanel", "Source of the figures"), ""),
    ("voltage", "min", QT_TRANSLATE_NOOP("TargetPanel", "Window min"), "e.g. 40 V"),
    ("voltage", "max", QT_TRANSLATE_NOOP("TargetPanel", "Window max"), "e.g. 58.4 V"),
    ("voltage", "nominal_min", QT_TRANSLATE_NOOP("TargetPanel", "Nominal min"),
     QT_TRANSLATE_NOOP("TargetPanel", "optional")),
    ("voltage", "nominal_max", QT_TRANSLATE_NOOP("TargetPanel", "Nominal max"),
     QT_TRANSLATE_NOOP("TargetPanel", "optional")),
    ("voltage", "incumbent", QT_TRANSLATE_NOOP("TargetPanel", "Drop-in for"), QT_TRANSLATE_NOOP("TargetPanel", "e.g. LFP 16S 51.2 V (optional)")),
    ("voltage", "min_usable_fraction", QT_TRANSLATE_NOOP("TargetPanel", "Min. energy inside window"), "0-1, e.g. 0.65"),
    ("energy", "usable", QT_TRANSLATE_NOOP("TargetPanel", "Usable energy"), QT_TRANSLATE_NOOP("TargetPanel", "e.g. 5 kWh")),
    ("power", "continuous", QT_TRANSLATE_NOOP("TargetPanel", "Continuous power"), QT_TRANSLATE_NOOP("TargetPanel", "at the lowest voltage")),
    ("power", "peak", QT_TRANSLATE_NOOP("TargetPanel", "Peak power"), QT_TRANSLATE_NOOP("TargetPanel", "at the lowest voltage")),
    ("power", "peak_duration", QT_TRANSLATE_NOOP("TargetPanel", "Peak duration"), "e.g. 10 s"),
    ("power", "charge", QT_TRANSLATE_NOOP("TargetPanel", "Charge power"), ""),
    ("temperature", "min", QT_TRANSLATE_NOOP("TargetPanel", "Coldest ambient"), QT_TRANSLATE_NOOP("TargetPanel", "e.g. -20 degC")),
    ("temperature", "max", QT_TRANSLATE_NOOP("TargetPanel", "Hottest ambient"), QT_TRANSLATE_NOOP("TargetPanel", "e.g. 45 degC")),
    ("temperature", "coldest_energy", QT_TRANSLATE_NOOP("TargetPanel", "Energy at the coldest"), ""),
    ("temperature", "coldest_power", QT_TRANSLATE_NOOP("TargetPanel", "Power at the coldest"), ""),
    ("temperature", "charge_min", QT_TRANSLATE_NOOP("TargetPanel", "Charging from"), QT_TRANSLATE_NOOP("TargetPanel", "default: max(coldest, 0 °C)")),
    ("temperature", "charge_max", QT_TRANSLATE_NOOP("TargetPanel", "Charging up to"), QT_TRANSLATE_NOOP("TargetPanel", "default: hottest ambient")),
    ("mechanical", "max_mass", QT_TRANSLATE_NOOP("TargetPanel", "Max. mass"), ""),
    ("mechanical", "max_length", QT_TRANSLATE_NOOP("TargetPanel", "Max. length"), ""),
    ("mechanical", "max_width", QT_TRANSLATE_NOOP("TargetPanel", "Max. width"), ""),
    ("mechanical", "max_height", QT_TRANSLATE_NOOP("TargetPanel", "Max. height"), ""),
    ("mechanical", "max_volume", QT_TRANSLATE_NOOP("TargetPanel", "Max. volume"), ""),
    ("mechanical", "overhead_mass_fraction", QT_TRANSLATE_NOOP("TargetPanel", "Overhead mass fraction"), QT_TRANSLATE_NOOP("TargetPanel", "of the cell mass")),
    ("mechanical", "overhead_volume_fraction", QT_TRANSLATE_NOOP("TargetPanel", "Overhead volume fraction"), QT_TRANSLATE_NOOP("TargetPanel", "of the envelope")),
    ("life", "cycles", QT_TRANSLATE_NOOP("TargetPanel", "Cycle life"),
     QT_TRANSLATE_NOOP("TargetPanel", "cycles")),
    ("cost", "budget", QT_TRANSLATE_NOOP("TargetPanel", "Budget (cells)"), QT_TRANSLATE_NOOP("TargetPanel", "e.g. 4500 CNY; several: 4500 CNY, 600 EUR")),
    ("", "duty_cycle", QT_TRANSLATE_NOOP("TargetPanel", "Duty cycle"), QT_TRANSLATE_NOOP("TargetPanel", "a built-in profile id or a CSV path (optional)")),
]
SECTION_TITLES = {"": QT_TRANSLATE_NOOP("TargetPanel", "Target"), "voltage": QT_TRANSLATE_NOOP("TargetPanel", "Voltage"), "energy": QT_TRANSLATE_NOOP("TargetPanel", "Energy"), "power": QT_TRANSLATE_NOOP("TargetPanel", "Power"),
                  "temperature": QT_TRANSLATE_NOOP("TargetPanel", "Temperature"), "mechanical": QT_TRANSLATE_NOOP("TargetPanel", "Mechanical"), "life": QT_TRANSLATE_NOOP("TargetPanel", "Life"),
                  "cost": QT_TRANSLATE_NOOP("TargetPanel", "Cost")}
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


