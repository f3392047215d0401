"""Editor for the user's own cells: starts from a library cell (or a blank one), accepts values
with units, validates like a cell file and saves to the user's library folder."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.cell import CHEMISTRIES, FORM_FACTORS
from ...core.units import InputError

TEXT_FIELDS = [("id", QT_TRANSLATE_NOOP("CellEditorDialog", "Id")), ("maker", QT_TRANSLATE_NOOP("CellEditorDialog", "Maker")), ("model", QT_TRANSLATE_NOOP("CellEditorDialog", "Model")), ("cathode", QT_TRANSLATE_NOOP("CellEditorDialog", "Cathode")),
               ("anode", QT_TRANSLATE_NOOP("CellEditorDialog", "Anode")), ("source", QT_TRANSLATE_NOOP("CellEditorDialog", "Source"))]
QUANTITY_FIELDS = [("nominal_voltage", QT_TRANSLATE_NOOP("CellEditorDialog", "Nominal voltage")), ("capacity", QT_TRANSLATE_NOOP("CellEditorDialog", "Capacity")),
                   ("max_voltage", QT_TRANSLATE_NOOP("CellEditorDialog", "Maximum voltage")), ("min_voltage", QT_TRANSLATE_NOOP("CellEditorDialog", "Minimum voltage")),
                   ("resistance", QT_TRANSLATE_NOOP("CellEditorDialog", "R0 (DC resistance)")),
                   ("max_continuous_discharge_current", QT_TRANSLATE_NOOP("CellEditorDialog", "Max. continuous discharge")),
                   ("max_continuous_charge_current", QT_TRANSLATE_NOOP("CellEditorDialog", "Max. continuous charge")),
                   ("mass", QT_TRANSLATE_NOOP("CellEditorDialog", "Mass")), ("diameter", QT_TRANSLATE_NOOP("CellEditorDialog", "Diameter (cylindrical)")),
                   ("length", QT_TRANSLATE_NOOP("CellEditorDialog", "Length (prismatic/pouch)")), ("width", QT_TRANSLATE_NOOP("CellEditorDialog", "Width (prismatic/pouch)")),
                   ("height", QT_TRANSLATE_NOOP("CellEditorDialog", "Height")), ("specific_heat", QT_TRANSLATE_NOOP("CellEditorDialog", "Specific heat"))]
BLANK = {"format": "naion-cell", "version": 1, "id": "my-cell", "maker": "", "model": "",
         "form_factor": "cylindrical", "cathode": "layered oxide", "anode": "hard carbon",
         "source": "own measurement", "chemistry": "layered-oxide",
         "nominal_voltage": "3.1 V", "capacity": "1.5 Ah", "max_voltage": "4.0 V",
         "min_voltage": "1.5 V", "resistance": "30 mohm",
         "max_continuous_discharge_current": "4.5 A", "max_continuous_charge_current": "1.5 A",
         "mass": "38 g", "diameter": "18 mm", "height": "65 mm",
         "specific_heat": "1000 J/(kg*K)", "charge_temperature": ["0 degC", "45 degC"],
         "discharge_temperature": ["-20 degC", "60 degC"]}


class CellEditorDialog(QDialog):
    def __init__(self, base_cell=None, parent=None):
        super().__init__(parent)
        from ...io.cell_file import cell_to_dict

        self.setWindowTitle(self.tr("User cell"))
        self.resize(480, 640)
        self.saved_id = ""
        self.base = dict(BLANK) if base_cell is None else cell_to_dict(base_cell)
        if base_cell is not None and base_cell.origin == "library":
            self.base["id"] = f"{base_cell.id}-user"
            self.base["source"] = f"edited from library cell {base_cell.id}: {base_cell.source}"
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Values accept units (e.g. '12 Ah', '2 mΩ', '380 g'). The cell is "
                             "saved to your own library folder.")))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        scroll.setWidget(body)
        lay.addWidget(scroll, 1)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in TEXT_FIELDS:
            self.edits[key] = QLineEdit(str(self.base.get(key, "")))
            form.addRow(self.tr(label), self.edits[key])
        self.form_combo = QComboBox()
        self.form_combo.addItems(FORM_FACTORS)
        self.form_combo.setCurrentText(self.base.get("form_factor", "cylindrical"))
        form.addRow(self.tr("Format"), self.form_combo)
        self.chem_combo = QComboBox()
        self.chem_combo.addItems(CHEMISTRIES)
        self.chem_combo.setCurrentText(self.base.get("chemistry", "other"))
        form.addRow(self.tr("Chemistry"), self.chem_combo)
        for key, label in QUANTITY_FIELDS:
            self.edits[key] = QLineEdit(str(self.base.get(key, "")))
            self.edits[key].setObjectName(key)
            form.addRow(self.tr(label), self.edits[key])
        self.edits["estimated"] = QLineEdit(", ".join(self.base.get("estimated", [])))
        self.edits["estimated"].setPlaceholderText(self.tr("keys whose values are estimates"))
        form.addRow(self.tr("Estimated keys"), self.edits["estimated"])
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        lay.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def cell_dict(self) -> dict:
        d = dict(self.base)
        d["format"], d["version"] = "naion-cell", 1
        for key, _label in TEXT_FIELDS + QUANTITY_FIELDS:
            text = self.edits[key].text().strip()
            if text:
                d[key] = text
            else:
                d.pop(key, None)
        d["form_factor"] = self.form_combo.currentText()
        d["chemistry"] = self.chem_combo.currentText()
        est = [k.strip() for k in self.edits["estimated"].text().split(",") if k.strip()]
        if est:
            d["estimated"] = est
        else:
            d.pop("estimated", None)
        return d

    def save(self) -> bool:
        from ...io.cell_file import cell_from_dict, write_cell_file
        from ...io.paths import user_cell_dir

        try:
            cell = cell_from_dict(self.cell_dict())
            cell.validate()
            folder = user_cell_dir()
            folder.mkdir(parents=True, exist_ok=True)
            write_cell_file(cell, folder / f"{cell.id}.toml")
        except (InputError, OSError) as exc:
            self.error_label.setText(str(exc))
            return False
        self.saved_id = cell.id
        self.accept()
        return True
