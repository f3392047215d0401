"""Small parts of the export dialogs: the language choice, the text summary shown when the
page cannot be rendered, a layout wrapped as a widget."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


def wrap(layout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w


def esc(text: str) -> str:
    from html import escape

    return escape(str(text))


def figures_html(design, units) -> str:
    from ...core.electrical import calculate
    from ...core.results import RESULT_DEFS, display

    res = calculate(design)
    cells = []
    for name in ("nominal_voltage", "capacity", "energy", "max_continuous_discharge_power",
                 "mass", "specific_energy"):
        num, unit = display(name, res[name], units or None)
        cells.append(f"<td style='padding:4px 8px;background:#f1f5f9'><b style='font-size:13pt;"
                     f"color:#123b5d'>{esc(num)} {esc(unit)}</b><br><span style='color:#5b6673'"
                     f">{esc(RESULT_DEFS[name].label)}</span></td>")
    rows = "".join("<tr>" + "".join(cells[i:i + 2]) + "</tr>" for i in range(0, 6, 2))
    return f"<table cellspacing='3'>{rows}</table>"


def language_combo() -> QComboBox:
    """The spec sheet's language: English, Chinese or both; Chinese when the app is."""
    from ...report.i18n import LANGUAGE_NAMES
    from ..i18n import current_language

    combo = QComboBox()
    combo.setObjectName("report_language")
    for code, name in LANGUAGE_NAMES.items():
        combo.addItem(name, code)
    combo.setCurrentIndex(max(0, combo.findData("zh_CN" if current_language() == "zh_CN"
                                                else "en")))
    return combo
