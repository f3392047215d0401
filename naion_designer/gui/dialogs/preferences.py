"""Preferences: the language, display units per quantity kind, default ambient temperature for
new designs and the autosave interval (kept with QSettings through `settings.Settings`).  A new
language applies at the next start (the translators are installed before the main window)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
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
from ..i18n import LANGUAGES

KIND_NAMES = {
    "energy": QT_TRANSLATE_NOOP("PreferencesDialog", "Energy"),
    "power": QT_TRANSLATE_NOOP("PreferencesDialog", "Power"),
    "voltage": QT_TRANSLATE_NOOP("PreferencesDialog", "Voltage"),
    "charge": QT_TRANSLATE_NOOP("PreferencesDialog", "Charge"),
    "resistance": QT_TRANSLATE_NOOP("PreferencesDialog", "Resistance"),
    "current": QT_TRANSLATE_NOOP("PreferencesDialog", "Current"),
    "mass": QT_TRANSLATE_NOOP("PreferencesDialog", "Mass"),
    "length": QT_TRANSLATE_NOOP("PreferencesDialog", "Length"),
    "volume": QT_TRANSLATE_NOOP("PreferencesDialog", "Volume"),
    "temperature": QT_TRANSLATE_NOOP("PreferencesDialog", "Temperature"),
    "time": QT_TRANSLATE_NOOP("PreferencesDialog", "Time"),
}
UNIT_KINDS = ["energy", "power", "voltage", "charge", "resistance", "current", "mass", "length",
              "volume", "temperature", "time"]


class PreferencesDialog(QDialog):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        lay = QVBoxLayout(self)
        box = QGroupBox(self.tr("Language"))
        form = QFormLayout(box)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        self.language_combo.addItem(self.tr("as the system"), "")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(
            settings.get("language"))))
        self.language_combo.setToolTip(self.tr("Applies the next time the app starts"))
        form.addRow(self.tr("Language"), self.language_combo)
        lay.addWidget(box)
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
            form.addRow(self.tr(KIND_NAMES[kind]), combo)
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
        self.autosave_spin.setSpecialValueText(self.tr("off"))
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
        self.settings.set("language", self.language_combo.currentData())
        for kind, combo in self.unit_combos.items():
            self.settings.set(f"units/{kind}", combo.currentData())
        self.settings.set("ambient_temperature_c", float(self.ambient_spin.value()))
        self.settings.set("autosave_interval_s", int(self.autosave_spin.value()))
        self.settings.sync()
