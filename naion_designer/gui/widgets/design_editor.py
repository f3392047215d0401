"""The design editor dock: S × P, topology, interconnect, layout, overheads, thermal and analysis
settings and the target.  Every committed field is one undo step; bad input is refused in the
field itself (marked, with the message naming the field as its tooltip) and in a message line at
the foot of the dock, never a traceback.  The message line sits below the fields so that showing
it never moves a field under the user's pointer."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.units import InputError
from ..messages import user_message
from .layout_controls import LayoutControls
from .overheads import OverheadsMixin
from .quantity_edit import QuantityEdit

# (section attribute, field, label, kind, unit or preference kind, optional)
QUANTITY_FIELDS = [
    ("interconnect", "cell_connection", QT_TRANSLATE_NOOP("DesignEditor", "Cell connection"), "resistance", "mohm", False),
    ("interconnect", "busbar_segment", QT_TRANSLATE_NOOP("DesignEditor", "Busbar segment"), "resistance", "mohm", False),
    ("interconnect", "terminal", QT_TRANSLATE_NOOP("DesignEditor", "Terminal"), "resistance", "mohm", False),
    ("layout", "gap", QT_TRANSLATE_NOOP("DesignEditor", "Cell gap"), "length", "mm", False),
    ("layout", "module_gap", QT_TRANSLATE_NOOP("DesignEditor", "Module gap"), "length", "mm", False),
    ("layout", "margin", QT_TRANSLATE_NOOP("DesignEditor", "Margin to wall"), "length", "mm", False),
    ("layout", "top_clearance", QT_TRANSLATE_NOOP("DesignEditor", "Top clearance"), "length", "mm", False),
    ("thermal", "ambient_temperature", QT_TRANSLATE_NOOP("DesignEditor", "Ambient temperature"), "temperature", "@temperature", False),
    ("thermal", "heat_transfer_coefficient", QT_TRANSLATE_NOOP("DesignEditor", "Heat transfer coefficient"),
     "heat_transfer_coefficient", "W/(m**2*K)", False),
    ("thermal", "neighbour_conductance", QT_TRANSLATE_NOOP("DesignEditor", "Cell-to-cell conductance"), "thermal_conductance", "W/K",
     True),
    ("thermal", "coolant_temperature", QT_TRANSLATE_NOOP("DesignEditor", "Coolant temperature"), "temperature", "@temperature", True),
    ("thermal", "cooling_conductance", QT_TRANSLATE_NOOP("DesignEditor", "Cooling conductance per cell"), "thermal_conductance", "W/K",
     False),
    ("analysis", "runtime_power", QT_TRANSLATE_NOOP("DesignEditor", "Runtime power"), "power", "@power", True),
]
# bounds (SI, inclusive) of typed values: per field, else per kind
FIELD_BOUNDS = {
    ("interconnect", "cell_connection"): (0.0, 1.0),
    ("interconnect", "busbar_segment"): (0.0, 1.0),
    ("interconnect", "terminal"): (0.0, 10.0),
    ("layout", "gap"): (0.0, 0.5),
    ("layout", "module_gap"): (0.0, 2.0),
    ("layout", "margin"): (0.0, 1.0),
    ("layout", "top_clearance"): (0.0, 1.0),
    ("thermal", "ambient_temperature"): (213.15, 358.15),
    ("thermal", "coolant_temperature"): (213.15, 358.15),
}
KIND_BOUNDS = {
    "resistance": (0.0, 10.0), "length": (0.0, 10.0), "temperature": (173.15, 473.15),
    "heat_transfer_coefficient": (0.0, 10_000.0), "thermal_conductance": (0.0, 1000.0),
    "power": (0.0, 1e8), "mass": (0.0, 10_000.0), "volume": (0.0, 100.0),
}
NOTE_STYLE = "color: #0b4f8a; background: #e8f1fb; padding: 4px;"
ERROR_BANNER_STYLE = "color: #b00020; background: #fdecea; padding: 4px;"

OVERHEAD_COLUMNS = [(QT_TRANSLATE_NOOP("DesignEditor", "Name"), ""), (QT_TRANSLATE_NOOP("DesignEditor", "Mass"), "mass"), (QT_TRANSLATE_NOOP("DesignEditor", "Mass fraction"), "fraction"),
                    (QT_TRANSLATE_NOOP("DesignEditor", "Volume"), "volume"), (QT_TRANSLATE_NOOP("DesignEditor", "Volume fraction"), "fraction")]


def _target_ids() -> list[str]:
    """Preset and user target ids from the file names (parsing them all costs ~0.2 s; the
    Target dock parses and checks them)."""
    from ...io.target_file import preset_dir, user_target_dir

    ids: set[str] = set()
    for folder in (preset_dir(), user_target_dir()):
        if folder.is_dir():
            ids.update(p.stem for p in folder.glob("*.toml"))
    return sorted(ids)


class DesignEditor(OverheadsMixin, QWidget):
    choose_cell_requested = Signal()

    def __init__(self, units: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.doc = None
        self.units = dict(units or {})
        self._refreshing = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.error_label = QLabel()
        self.error_label.setObjectName("design_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_BANNER_STYLE)
        self.error_label.hide()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self.body = QVBoxLayout(body)
        self.quantity_edits: dict[tuple[str, str], QuantityEdit] = {}
        self._shown: dict[tuple[str, str], tuple] = {}  # (value, unit, text) last set

        # --- pack -------------------------------------------------------------------------
        form = self._section(self.tr("Pack"))
        self.name_edit = QLineEdit()
        self.name_edit.editingFinished.connect(self._name_finished)
        form.addRow(self.tr("Name"), self.name_edit)
        cell_row = QHBoxLayout()
        self.cell_label = QLineEdit()  # read-only: long names scroll instead of widening
        self.cell_label.setReadOnly(True)
        self.cell_label.setFrame(False)
        self.cell_label.setStyleSheet("background: transparent;")
        choose = QPushButton(self.tr("Change…"))
        choose.setToolTip(self.tr("Pick a cell in the cell library and press 'Use in design'"))
        choose.clicked.connect(self.choose_cell_requested)
        cell_row.addWidget(self.cell_label, 1)
        cell_row.addWidget(choose)
        form.addRow(self.tr("Cell"), cell_row)
        self.series_spin = self._spin(1, 2000, "S")
        self.series_spin.valueChanged.connect(self._series_changed)
        form.addRow(self.tr("Series (S)"), self.series_spin)
        self.parallel_spin = self._spin(1, 2000, "P")
        self.parallel_spin.valueChanged.connect(lambda v: self._commit(
            self.tr("Parallel count %1").replace("%1", str(v)), parallel=v))
        form.addRow(self.tr("Parallel (P)"), self.parallel_spin)
        self.topology_combo = QComboBox()
        self.topology_combo.addItem(self.tr("Parallel groups in series"), "series-groups")
        self.topology_combo.addItem(self.tr("Series strings in parallel"), "parallel-strings")
        self.topology_combo.activated.connect(
            lambda _i: self._commit(self.tr("Topology"), topology=self.topology_combo.currentData()))
        form.addRow(self.tr("Topology"), self.topology_combo)

        # --- interconnect ------------------------------------------------------------------
        form = self._section(self.tr("Interconnect"))
        self._add_quantities(form, "interconnect")
        self.terminal_side_combo = QComboBox()
        self.terminal_side_combo.addItem(self.tr("Same side"), "same")
        self.terminal_side_combo.addItem(self.tr("Opposite sides"), "opposite")
        self.terminal_side_combo.activated.connect(lambda _i: self._commit_nested(
            self.tr("Terminal side"), "interconnect", terminal_side=self.terminal_side_combo.currentData()))
        form.addRow(self.tr("Pack terminals"), self.terminal_side_combo)

        # --- layout ------------------------------------------------------------------------
        form = self._section(self.tr("Layout"))
        self.packing_combo = QComboBox()
        self.packing_combo.addItem(self.tr("Square"), "square")
        self.packing_combo.addItem(self.tr("Hexagonal (staggered)"), "hexagonal")
        self.packing_combo.activated.connect(lambda _i: self._commit_nested(
            self.tr("Packing"), "layout", packing=self.packing_combo.currentData()))
        form.addRow(self.tr("Packing"), self.packing_combo)
        self.groups_per_row_spin = self._spin(0, 2000, "")
        self.groups_per_row_spin.setSpecialValueText(self.tr("auto"))
        self.groups_per_row_spin.valueChanged.connect(lambda v: self._commit_nested(
            self.tr("Groups per row"), "layout", groups_per_row=v))
        form.addRow(self.tr("Groups per row"), self.groups_per_row_spin)
        self.rotation_combo = QComboBox()
        self.rotation_combo.addItem("0°", 0)
        self.rotation_combo.addItem("90°", 90)
        self.rotation_combo.activated.connect(lambda _i: self._commit_nested(
            self.tr("Rotation"), "layout", rotation=self.rotation_combo.currentData()))
        form.addRow(self.tr("Rotation"), self.rotation_combo)
        self.modules_spin = self._spin(1, 2000, "")
        self.modules_spin.valueChanged.connect(lambda v: self._commit_nested(
            self.tr("Modules"), "layout", modules=v))
        form.addRow(self.tr("Modules"), self.modules_spin)
        self.modules_per_row_spin = self._spin(0, 2000, "")
        self.modules_per_row_spin.setSpecialValueText(self.tr("auto"))
        self.modules_per_row_spin.valueChanged.connect(lambda v: self._commit_nested(
            self.tr("Modules per row"), "layout", modules_per_row=v))
        form.addRow(self.tr("Modules per row"), self.modules_per_row_spin)
        self._add_quantities(form, "layout")
        # its rows join the section's form: one label column for the whole section
        self.layout_controls = LayoutControls(self._commit, self.show_error, self, form)
        self.layout_controls.hide()  # holds the logic; its widgets are in the form

        # --- overheads ---------------------------------------------------------------------
        box = QGroupBox(self.tr("Overheads (busbars, BMS, enclosure…)"))
        self.body.addWidget(box)
        lay = QVBoxLayout(box)
        self.overhead_table = QTableWidget(0, len(OVERHEAD_COLUMNS))
        self.overhead_table.setHorizontalHeaderLabels([self.tr(c) for c, _ in OVERHEAD_COLUMNS])
        self.overhead_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.overhead_table.horizontalHeader().setMinimumSectionSize(40)
        self.overhead_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Mass"), self.tr("Mass frac."), self.tr("Volume"),
                                                       self.tr("Vol. frac.")])
        self.overhead_table.setToolTip(self.tr("Mass and volume with units (e.g. '0.8 kg', '1.5 L'); "
                                       "fractions of the cell mass / layout volume (0.12)"))
        self.overhead_table.verticalHeader().hide()
        self.overhead_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.overhead_table.setMinimumHeight(110)
        self.overhead_table.itemChanged.connect(self._overhead_changed)
        lay.addWidget(self.overhead_table)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self._add_overhead)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_overhead)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        lay.addLayout(row)

        # --- thermal -----------------------------------------------------------------------
        form = self._section(self.tr("Thermal"))
        self._add_quantities(form, "thermal")

        # --- analysis and target -----------------------------------------------------------
        form = self._section(self.tr("Analysis and target"))
        soc_row = QHBoxLayout()
        self.soc_low_spin = self._dspin(0, 100, 1, " %")
        self.soc_high_spin = self._dspin(0, 100, 1, " %")
        self.soc_low_spin.valueChanged.connect(self._soc_changed)
        self.soc_high_spin.valueChanged.connect(self._soc_changed)
        soc_row.addWidget(self.soc_low_spin)
        soc_row.addWidget(QLabel(self.tr("to")))
        soc_row.addWidget(self.soc_high_spin)
        form.addRow(self.tr("Usable SOC window"), soc_row)
        self.load_c_spin = self._dspin(0.01, 100, 2, " C")
        self.load_c_spin.valueChanged.connect(lambda v: self._commit_nested(
            self.tr("Load C-rate"), "analysis", load_c_rate=float(v)))
        form.addRow(self.tr("Load C-rate"), self.load_c_spin)
        self._add_quantities(form, "analysis")
        self.target_combo = QComboBox()
        self.target_combo.setEditable(True)
        self.target_combo.addItem("")
        self.target_combo.addItems(_target_ids())
        self.target_combo.lineEdit().setPlaceholderText(self.tr("none (a preset id or a target file)"))
        self.target_combo.lineEdit().editingFinished.connect(self._target_finished)
        self.target_combo.activated.connect(lambda _i: self._target_finished())
        form.addRow(self.tr("Target"), self.target_combo)
        self.body.addStretch(1)
        outer.addWidget(self.error_label)  # below the fields: showing it moves none of them
        self.setEnabled(False)

    # --- construction helpers --------------------------------------------------------------
    def _section(self, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body.addWidget(box)
        return form

    def _spin(self, lo: int, hi: int, suffix: str) -> QSpinBox:
        s = QSpinBox()
        s.setRange(lo, hi)
        s.setKeyboardTracking(False)  # typing "16" is one edit, not "1" then "16"
        if suffix:
            s.setSuffix(f" {suffix}")
        return s

    def _dspin(self, lo: float, hi: float, decimals: int, suffix: str) -> QDoubleSpinBox:
        s = QDoubleSpinBox()
        s.setRange(lo, hi)
        s.setDecimals(decimals)
        s.setKeyboardTracking(False)
        s.setSuffix(suffix)
        return s

    def _unit(self, spec: str) -> str:
        if spec.startswith("@"):
            kind = spec[1:]
            from ...core.results import DISPLAY_UNITS

            return self.units.get(kind, DISPLAY_UNITS[kind][0])
        return spec

    def _add_quantities(self, form: QFormLayout, section: str) -> None:
        for sec, name, label, kind, unit, optional in QUANTITY_FIELDS:
            if sec != section:
                continue
            bounds = FIELD_BOUNDS.get((sec, name), KIND_BOUNDS.get(kind, (-math.inf, math.inf)))
            label = self.tr(label)
            edit = QuantityEdit(kind, self._unit(unit), label, optional, bounds)
            edit.setObjectName(f"{sec}.{name}")
            edit.committed.connect(lambda v, e=edit, s=sec, n=name: self._commit_quantity(
                e, s, n, v))
            edit.failed.connect(self.show_error)
            self.quantity_edits[(sec, name)] = edit
            form.addRow(label, edit)

    # --- document --------------------------------------------------------------------------
    def set_document(self, doc) -> None:
        if self.doc is not None:
            try:
                self.doc.design_changed.disconnect(self.refresh)
            except (RuntimeError, TypeError):
                pass
        self.doc = doc
        self.setEnabled(doc is not None)
        self.show_error("")
        if doc is not None:
            doc.design_changed.connect(self.refresh)
            self.refresh()

    def set_units(self, units: dict[str, str]) -> None:
        self.units = dict(units)
        for (sec, name), edit in self.quantity_edits.items():
            spec = next(f[4] for f in QUANTITY_FIELDS if f[0] == sec and f[1] == name)
            edit.unit = self._unit(spec)
        self.refresh()

    def refresh(self, *_args) -> None:
        if self.doc is None:
            return
        d = self.doc.design
        self._refreshing = True
        try:
            # ranges before values: a value above the old maximum would be clamped silently
            self.modules_spin.setMaximum(max(1, d.series))
            self.groups_per_row_spin.setMaximum(max(2000, d.layout.groups_per_row))
            self.modules_per_row_spin.setMaximum(max(2000, d.layout.modules_per_row))
            self.name_edit.setText(d.name)
            c = d.cell
            self.cell_label.setText(c.id)
            self.cell_label.setCursorPosition(0)
            self.cell_label.setToolTip(self.tr("{0} {1}: {2}, {3:.4g} Ah, {4:.3g} V").format(c.maker, c.model, c.form_factor, c.capacity_ah, c.nominal_voltage))
            for w, v in ((self.series_spin, d.series), (self.parallel_spin, d.parallel),
                         (self.groups_per_row_spin, d.layout.groups_per_row),
                         (self.modules_spin, d.layout.modules),
                         (self.modules_per_row_spin, d.layout.modules_per_row),
                         (self.soc_low_spin, d.analysis.soc_window[0] * 100),
                         (self.soc_high_spin, d.analysis.soc_window[1] * 100),
                         (self.load_c_spin, d.analysis.load_c_rate)):
                w.blockSignals(True)
                w.setValue(v)
                w.blockSignals(False)
            for combo, value in ((self.topology_combo, d.topology),
                                 (self.terminal_side_combo, d.interconnect.terminal_side),
                                 (self.packing_combo, d.layout.packing),
                                 (self.rotation_combo, d.layout.rotation)):
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.blockSignals(False)
            # hexagonal packing needs round cells; a design that has it anyway can go back
            self.packing_combo.setEnabled(c.form_factor == "cylindrical"
                                          or d.layout.packing != "square")
            shown = self._shown
            for key, edit in self.quantity_edits.items():
                v = getattr(getattr(d, key[0]), key[1])
                # unchanged value, unit and text, no error: the unit conversion is skipped
                if shown.get(key) == (v, edit.unit, edit.text()) and edit.value() == v \
                        and not edit.error:
                    continue
                edit.set_value(v)
                shown[key] = (v, edit.unit, edit.text())
            self.target_combo.setEditText(d.target)
            self._fill_overheads(d.overheads)
            self.layout_controls.refresh(d)
        finally:
            self._refreshing = False

    # --- commits ---------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error_label.setStyleSheet(ERROR_BANNER_STYLE)
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def show_note(self, message: str) -> None:
        """A line that tells what the editor changed besides the field edited."""
        self.error_label.setStyleSheet(NOTE_STYLE)
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _series_changed(self, v: int) -> None:
        if self._refreshing or self.doc is None:
            return
        d = self.doc.design
        changes: dict = {"series": v}
        note = ""
        if d.layout.modules > v:
            changes["layout"] = replace(d.layout, modules=v)
            note = self.tr("Modules reduced from %1 to %2: a pack of %2 series groups has at "
                           "most %2 modules.").replace("%1", str(d.layout.modules)).replace(
                "%2", str(v))
        if self._commit(self.tr("Series count %1").replace("%1", str(v)), **changes) and note:
            self.show_note(note)

    def _commit_quantity(self, edit: QuantityEdit, section: str, name: str, value) -> None:
        if self._refreshing or self.doc is None:
            return
        text = edit.text()
        current = getattr(self.doc.design, section)
        values = {name: value}
        if section == "interconnect" and name == "busbar_segment":
            values["busbar_segment_given"] = True  # a typed segment overrides the geometry
        try:
            self.doc.edit(edit.label, **{section: replace(current, **values)})
        except InputError as exc:
            self.show_error(user_message(exc))
            self.refresh()
            edit.setText(text)  # the refused text stays, marked, with the message
            edit.show_error(user_message(exc))
            return
        self.show_error("")

    def _commit(self, text: str, **changes) -> bool:
        if self._refreshing or self.doc is None:
            return False
        try:
            self.doc.edit(text, **changes)
        except InputError as exc:
            self.show_error(user_message(exc))
            self.refresh()
            return False
        self.show_error(" ".join(self.doc.last_notes))
        return True

    def _commit_nested(self, text: str, section: str, **values) -> bool:
        if self._refreshing or self.doc is None:
            return False
        current = getattr(self.doc.design, section)
        if section == "interconnect" and "busbar_segment" in values:
            values["busbar_segment_given"] = True  # a typed segment overrides the geometry
        return self._commit(text, **{section: replace(current, **values)})

    def _name_finished(self) -> None:
        if self.doc is None or self._refreshing:
            return
        name = self.name_edit.text().strip()
        if not name:  # a design keeps a name: the field shows it again
            self.name_edit.setText(self.doc.design.name)
            self.show_error(self.tr("Name: a design needs a name"))
        elif name != self.doc.design.name:
            self._commit(self.tr("Rename"), name=name)
        elif self.name_edit.text() != name:
            self.name_edit.setText(name)

    def _soc_changed(self, _v) -> None:
        lo, hi = self.soc_low_spin.value() / 100, self.soc_high_spin.value() / 100
        self._commit_nested(self.tr("SOC window"), "analysis", soc_window=(lo, hi))

    def _target_finished(self) -> None:
        if self.doc is None or self._refreshing:
            return
        text = self.target_combo.currentText().strip()
        if text != self.doc.design.target:
            self._commit(self.tr("Target"), target=text)
