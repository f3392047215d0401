"""Texts shared by the main window's parts, how an exception becomes the one line a label or a
message box shows, and errors in the user's words: an `InputError` names a field of the design
file (`layout.group_shape`); the GUI shows the label of the control instead."""

from __future__ import annotations

from ..core.units import InputError

APP_TITLE = "NaIon Designer"
FILE_FILTER = "NaIon designs (*.naion);;All files (*)"


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


FIELD_LABELS = {
    "series": "Series (S)", "parallel": "Parallel (P)", "topology": "Topology",
    "interconnect.cell_connection": "Cell connection",
    "interconnect.busbar_segment": "Busbar segment", "interconnect.terminal": "Terminal",
    "interconnect.terminal_side": "Pack terminals",
    "interconnect.busbar.material": "Busbar material",
    "interconnect.busbar.thickness": "Busbar thickness",
    "interconnect.busbar.width": "Busbar width",
    "layout.packing": "Packing", "layout.gap": "Cell gap", "layout.module_gap": "Module gap",
    "layout.margin": "Margin to wall", "layout.top_clearance": "Top clearance",
    "layout.groups_per_row": "Groups per row", "layout.rotation": "Rotation",
    "layout.modules": "Modules", "layout.group_order": "Series order of the groups",
    "layout.group_shape": "Block shape", "layout.group_gap": "Gap between blocks",
    "layout.envelope": "Largest envelope", "layout.envelope.length": "Largest envelope length",
    "layout.envelope.width": "Largest envelope width",
    "layout.envelope.height": "Largest envelope height",
    "cell_overrides.series": "Per-cell override (series position)",
    "cell_overrides.parallel": "Per-cell override (parallel position)",
    "thermal.ambient_temperature": "Ambient temperature",
    "thermal.heat_transfer_coefficient": "Heat transfer coefficient",
    "analysis.soc_window": "Usable SOC window",
}


def user_message(exc: InputError) -> str:
    """'Label: detail' in the UI language: the control's label for the field, the core's
    detail through its catalogue."""
    from PySide6.QtCore import QCoreApplication

    from .i18n import core_text

    label = FIELD_LABELS.get(exc.field)
    if label is None:
        last = exc.field.rsplit(".", 1)[-1].replace("_", " ")
        label = last[:1].upper() + last[1:]
    else:
        label = QCoreApplication.translate("FieldLabels", label)
    return f"{label}: {core_text(exc.detail)}"
