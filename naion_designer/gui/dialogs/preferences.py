"""Preferences: display units per quantity kind, default ambient temperature for new designs and
the autosave interval (kept with QSettings through `settings.Settings`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
)

from ...core.results import DISPLAY_UNITS, pretty_unit

UNIT_KINDS = ["energy", "power", "voltage", "charge", "resistance", "current", "mass", "length",
              "volume", "temperature", "time"]


class PreferencesDialog(QDialog):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        lay = QVBoxLayout(self)
        box = QGroupBox(self.tr("Display units"))
        form = QFormLayout(box)
        self.unit_combos: dict[str, QComboBox] = {}
        for kind in UNIT_KINDS:
            combo = QComboBox()
            combo.addItem(self.tr("per figure (default)"), "")
            for u in DISPLAY_UNITS[kind]:
                combo.addItem(pretty_unit(u), u)
            combo.setCurrentIndex(max(0, combo.findData(settings.get(f"units/{kind}"))))
            self.unit_combos[kind] = combo
            form.addRow(kind.replace("_", " ").capitalize(), combo)
        lay.addWidget(box)
        box = QGroupBox(self.tr("New designs and documents"))
        form = QFormLayout(box)
        self.ambient_spin = QDoubleSpinBox()
        self.ambient_spin.setRange(-60, 80)
        self.ambient_spin.setSuffix(" °C")
        self.ambient_spin.setValue(settings.get("ambient_temperature_c"))
        form.addRow(self.tr("Default ambient temperature"), self.ambient_spin)
        self.autosave_spin = QSpinBox()
        self.autosave_spin.setRange(0, 3600)
        self.autosave_spin.setSuffix(" s")
        self.autosave_spin.setSpecialValueText("off")
        self.autosave_spin.setValue(settings.get("autosave_interval_s"))
        form.addRow(self.tr("Autosave every"), self.autosave_spin)
        lay.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.accepted.connect(self.apply)

    def apply(self) -> None:
        for kind, combo in self.unit_combos.items():
            self.settings.set(f"units/{kind}", combo.currentData())
        self.settings.set("ambient_temperature_c", float(self.ambient_spin.value()))
        self.settings.set("autosave_interval_s", int(self.autosave_spin.value()))
        self.settings.sync()
