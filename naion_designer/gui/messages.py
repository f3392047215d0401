"""Texts shared by the main window's parts, how an exception becomes the one line a label or a
message box shows, and errors in the user's words: an `InputError` names a field of the design
file (`layout.group_shape`); the GUI shows the label of the control instead."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..core.units import InputError

APP_TITLE = "NaIon Designer"
FILE_FILTER = QT_TRANSLATE_NOOP("FileDialogs", "NaIon designs (*.naion);;All files (*)")


def file_filter() -> str:
    """The designs' filter of the open and save dialogs, in the UI language."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("FileDialogs", FILE_FILTER)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


FIELD_LABELS = {  # the label of a design file's field, as its control shows it
    "series": QT_TRANSLATE_NOOP("FieldLabels", "Series (S)"),
    "parallel": QT_TRANSLATE_NOOP("FieldLabels", "Parallel (P)"),
    "topology": QT_TRANSLATE_NOOP("FieldLabels", "Topology"),
    "interconnect.cell_connection": QT_TRANSLATE_NOOP("FieldLabels", "Cell connection"),
    "interconnect.busbar_segment": QT_TRANSLATE_NOOP("FieldLabels", "Busbar segment"),
    "interconnect.terminal": QT_TRANSLATE_NOOP("FieldLabels", "Terminal"),
    "interconnect.terminal_side": QT_TRANSLATE_NOOP("FieldLabels", "Pack terminals"),
    "interconnect.busbar.material": QT_TRANSLATE_NOOP("FieldLabels", "Busbar material"),
    "interconnect.busbar.thickness": QT_TRANSLATE_NOOP("FieldLabels", "Busbar thickness"),
    "interconnect.busbar.width": QT_TRANSLATE_NOOP("FieldLabels", "Busbar width"),
    "layout.packing": QT_TRANSLATE_NOOP("FieldLabels", "Packing"),
    "layout.gap": QT_TRANSLATE_NOOP("FieldLabels", "Cell gap"),
    "layout.module_gap": QT_TRANSLATE_NOOP("FieldLabels", "Module gap"),
    "layout.margin": QT_TRANSLATE_NOOP("FieldLabels", "Margin to wall"),
    "layout.top_clearance": QT_TRANSLATE_NOOP("FieldLabels", "Top clearance"),
    "layout.groups_per_row": QT_TRANSLATE_NOOP("FieldLabels", "Groups per row"),
    "layout.rotation": QT_TRANSLATE_NOOP("FieldLabels", "Rotation"),
    "layout.modules": QT_TRANSLATE_NOOP("FieldLabels", "Modules"),
    "layout.modules_per_row": QT_TRANSLATE_NOOP("FieldLabels", "Modules per row"),
    "layout.group_order": QT_TRANSLATE_NOOP("FieldLabels", "Series order of the groups"),
    "layout.group_shape": QT_TRANSLATE_NOOP("FieldLabels", "Block shape"),
    "layout.group_gap": QT_TRANSLATE_NOOP("FieldLabels", "Gap between blocks"),
    "layout.envelope": QT_TRANSLATE_NOOP("FieldLabels", "Largest envelope"),
    "layout.envelope.length": QT_TRANSLATE_NOOP("FieldLabels", "Largest envelope length"),
    "layout.envelope.width": QT_TRANSLATE_NOOP("FieldLabels", "Largest envelope width"),
    "layout.envelope.height": QT_TRANSLATE_NOOP("FieldLabels", "Largest envelope height"),
    "cell_overrides.series": QT_TRANSLATE_NOOP("FieldLabels", "Per-cell override (series position)"),
    "cell_overrides.parallel": QT_TRANSLATE_NOOP("FieldLabels", "Per-cell override (parallel position)"),
    "thermal.ambient_temperature": QT_TRANSLATE_NOOP("FieldLabels", "Ambient temperature"),
    "thermal.heat_transfer_coefficient": QT_TRANSLATE_NOOP("FieldLabels", "Heat transfer coefficient"),
    "analysis.soc_window": QT_TRANSLATE_NOOP("FieldLabels", "Usable SOC window"),
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
