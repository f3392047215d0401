"""The design editor's controls for group blocks, the largest envelope and busbars from
geometry (`layout.group_shape`, `layout.group_gap`, `layout.envelope`, `interconnect.busbar`).
Each committed change is one undo step through the editor's commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from ...core.layout import compute_layout
from ...core.layout.blocks import group_shapes
from ...core.pack import BUSBAR_MATERIALS, Busbar
from ...core.units import InputError
from .quantity_edit import QuantityEdit

MATERIAL_LABELS = {"copper": QT_TRANSLATE_NOOP("LayoutControls", "Copper"),
                   "aluminium": QT_TRANSLATE_NOOP("LayoutControls", "Aluminium"),
                   "nickel": QT_TRANSLATE_NOOP("LayoutControls", "Nickel strip"),
                   "nickel-plated-steel": QT_TRANSLATE_NOOP("LayoutControls",
                                                            "Nickel-plated steel")}
ENVELOPE_TEXTS = {  # (field label, row label) of each side of the largest envelope
    "length": (QT_TRANSLATE_NOOP("LayoutControls", "Largest envelope length"),
               QT_TRANSLATE_NOOP("LayoutControls", "Box length")),
    "width": (QT_TRANSLATE_NOOP("LayoutControls", "Largest envelope width"),
              QT_TRANSLATE_NOOP("LayoutControls", "Box width")),
    "height": (QT_TRANSLATE_NOOP("LayoutControls", "Largest envelope height"),
               QT_TRANSLATE_NOOP("LayoutControls", "Box height")),
}


class LayoutControls(QWidget):
    def __init__(self, commit: Callable[..., bool], show_error: Callable[[str], None],
                 parent=None, form: QFormLayout | None = None):
        """The rows go into `form` when given (one label column with the rows above them),
        else into this widget's own form."""
        super().__init__(parent)
        self._commit = commit
        self._show_error = show_error
        self.design = None
        self.shapes: list[tuple[int, int] | None] = [None]
        self._refreshing = False
        if form is None:
            form = QFormLayout(self)
            form.setContentsMargins(0, 0, 0, 0)
        self.shape_combo = QComboBox()
        self.shape_combo.setObjectName("layout.group_shape")
        self.shape_combo.activated.connect(self._shape_chosen)
        form.addRow(self.tr("Group block"), self.shape_combo)
        gap_label = self.tr("Gap between blocks")
        self.group_gap_edit = QuantityEdit("length", "mm", gap_label)
        self.group_gap_edit.committed.connect(lambda v: self._layout(gap_label, group_gap=v))
        self.group_gap_edit.failed.connect(show_error)
        form.addRow(gap_label, self.group_gap_edit)
        self.envelope_edits = []
        for name in ("length", "width", "height"):
            field_label, row_label = ENVELOPE_TEXTS[name]
            e = QuantityEdit("length", "mm", self.tr(field_label), optional=True)
            e.setPlaceholderText(self.tr("no limit"))
            e.committed.connect(self._envelope_changed)
            e.failed.connect(show_error)
            self.envelope_edits.append(e)
            form.addRow(self.tr(row_label), e)
        self.material_combo = QComboBox()
        self.material_combo.addItem(self.tr("None (busbar segment as typed)"), "")
        for m in BUSBAR_MATERIALS:
            self.material_combo.addItem(self.tr(MATERIAL_LABELS[m]), m)
        self.material_combo.activated.connect(self._busbar_changed)
        form.addRow(self.tr("Busbar material"), self.material_combo)
        self.thickness_edit = QuantityEdit("length", "mm", self.tr("Busbar thickness"))
        self.width_edit = QuantityEdit("length", "mm", self.tr("Busbar width"))
        for e in (self.thickness_edit, self.width_edit):
            e.committed.connect(lambda _v: self._busbar_changed())
            e.failed.connect(show_error)
            form.addRow(e.label, e)

    def refresh(self, design) -> None:
        self.design = design
        self._refreshing = True
        try:
            lay = design.layout
            self.shape_combo.clear()
            chosen = compute_layout(design).group_shape
            self.shapes: list[tuple[int, int] | None] = [None] + group_shapes(design.parallel)
            self.shape_combo.addItem(self.tr("Automatic ({0} × {1})").format(*chosen))
            for sh in self.shapes[1:]:
                self.shape_combo.addItem(self.tr("{0} rows × {1} columns").format(*sh))
            self.shape_combo.setCurrentIndex(self.shape_index(lay.group_shape))
            self.group_gap_edit.set_value(lay.group_gap)
            for e, v in zip(self.envelope_edits, lay.envelope or (None, None, None),
                            strict=True):
                e.set_value(v)
            bb = design.interconnect.busbar
            self.material_combo.setCurrentIndex(
                max(0, self.material_combo.findData(bb.material if bb else "")))
            shown = bb or Busbar()
            self.thickness_edit.set_value(shown.thickness)
            self.width_edit.set_value(shown.width)
            self.thickness_edit.setEnabled(bb is not None)
            self.width_edit.setEnabled(bb is not None)
        finally:
            self._refreshing = False

    def shape_index(self, shape: tuple[int, int] | None) -> int:
        return self.shapes.index(shape) if shape in self.shapes else 0

    def _layout(self, text: str, **values) -> bool:
        if self._refreshing or self.design is None:
            return False
        return self._commit(text, layout=replace(self.design.layout, **values))

    def _shape_chosen(self, index: int) -> None:
        shape = self.shapes[index] if 0 <= index < len(self.shapes) else None
        self._layout(self.tr("Group block shape"), group_shape=shape)

    def _envelope_changed(self, _v) -> None:
        if self._refreshing or self.design is None:
            return
        try:
            values = [e.parse(e.text()) for e in self.envelope_edits]
        except InputError as exc:
            self._show_error(str(exc))
            return
        if all(v is None for v in values):
            self._layout(self.tr("Largest envelope"), envelope=None)
        elif any(v is None for v in values):
            self._show_error(self.tr("Largest envelope: give its length, width and height (or "
                                     "clear all three for no limit)"))
        else:
            self._layout(self.tr("Largest envelope"), envelope=tuple(values))

    def _busbar_changed(self) -> None:
        if self._refreshing or self.design is None:
            return
        material = self.material_combo.currentData()
        ic = self.design.interconnect
        if not material:
            new = replace(ic, busbar=None, busbar_segment_given=True)
        else:
            try:
                t = self.thickness_edit.parse(self.thickness_edit.text())
                w = self.width_edit.parse(self.width_edit.text())
            except InputError as exc:
                self._show_error(str(exc))
                return
            # busbars from geometry replace the typed segment resistance
            new = replace(ic, busbar=Busbar(material, t, w), busbar_segment_given=False)
        self._commit(self.tr("Busbar"), interconnect=new)
