""""Fit to box…": the largest envelope allowed, and the arrangements of the design's cells that
fit it, ranked (block shape, groups per row, modules, orientation).  Applying one writes the
arrangement and the box into the design's layout as one undo step."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...core.layout import arrangements, compute_layout
from ...core.units import InputError
from ..messages import user_message
from ..widgets.quantity_edit import QuantityEdit

COLUMNS = (QT_TRANSLATE_NOOP("FitToBoxDialog", "Block"),
           QT_TRANSLATE_NOOP("FitToBoxDialog", "Per row"),
           QT_TRANSLATE_NOOP("FitToBoxDialog", "Modules"),
           QT_TRANSLATE_NOOP("FitToBoxDialog", "Turned"),
           QT_TRANSLATE_NOOP("FitToBoxDialog", "L × W × H (mm)"),
           QT_TRANSLATE_NOOP("FitToBoxDialog", "Volume (L)"),
           QT_TRANSLATE_NOOP("FitToBoxDialog", "Fits"))
SIDES = (  # (field label, row label) of each side of the box
    (QT_TRANSLATE_NOOP("FitToBoxDialog", "Box length"),
     QT_TRANSLATE_NOOP("FitToBoxDialog", "Largest length")),
    (QT_TRANSLATE_NOOP("FitToBoxDialog", "Box width"),
     QT_TRANSLATE_NOOP("FitToBoxDialog", "Largest width")),
    (QT_TRANSLATE_NOOP("FitToBoxDialog", "Box height"),
     QT_TRANSLATE_NOOP("FitToBoxDialog", "Largest height")),
)


class FitToBoxDialog(QDialog):
    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle(self.tr("Fit to box"))
        self.resize(820, 480)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        d = doc.design
        current = d.layout.envelope or compute_layout(d).dimensions
        self.edits = []
        for (field_label, row_label), v in zip(SIDES, current, strict=True):
            e = QuantityEdit("length", "mm", self.tr(field_label))
            e.set_value(v)
            e.failed.connect(self._show_error)
            self.edits.append(e)
            form.addRow(self.tr(row_label), e)
        self.modules_spin = QSpinBox()
        self.modules_spin.setRange(1, max(1, min(d.series, 12)))
        self.modules_spin.setValue(max(1, d.layout.modules))
        form.addRow(self.tr("Try up to … modules"), self.modules_spin)
        lay.addLayout(form)
        row = QHBoxLayout()
        self.search_button = QPushButton(self.tr("Search arrangements"))
        self.search_button.clicked.connect(self.search)
        row.addWidget(self.search_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        row.addWidget(self.summary, 1)
        lay.addLayout(row)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for col in (4, 6):  # the dimensions and what misses: as wide as their text
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda idx: self.apply(idx.row()))
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.apply_button.clicked.connect(lambda: self.apply(self.table.currentRow()))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.ranked = []
        self.search()

    def box(self) -> tuple[float, float, float] | None:
        values = []
        for e in self.edits:
            try:
                v = e.parse(e.text())
            except InputError as exc:
                self._show_error(user_message(exc))
                return None
            if v is None or not v > 0:
                self._show_error(self.tr("{0}: give a positive length").format(e.label))
                return None
            values.append(v)
        return tuple(values)

    def set_box(self, length: float, width: float, height: float) -> None:
        for e, v in zip(self.edits, (length, width, height), strict=True):
            e.set_value(v)

    def _show_error(self, message: str) -> None:
        self.summary.setText(message)
        self.summary.setStyleSheet("color: #b00020;")

    def search(self) -> None:
        box = self.box()
        if box is None:
            return
        self.ranked = arrangements(self.doc.design, box,
                                   modules=tuple(range(1, self.modules_spin.value() + 1)),
                                   limit=40)
        t = self.table
        t.setRowCount(len(self.ranked))
        for row, c in enumerate(self.ranked):
            a = c.arrangement
            if c.fits:
                fit = self.tr("yes")
            else:
                fit = self.tr("misses {0}").format(", ".join(
                    f"{n} {v * 1e3:.0f} mm" for n, v in zip(("L", "W", "H"), c.shortfall,
                                                            strict=True) if v > 0))
            cells = [f"{a.group_shape[0]} × {a.group_shape[1]}", str(a.groups_per_row),
                     str(a.modules) if a.modules == 1 else
                     "{} ({} × {})".format(a.modules, *a.module_grid),
                     "90°" if a.rotation else "—",
                     f"{c.length * 1e3:.0f} × {c.width * 1e3:.0f} × {c.height * 1e3:.0f}",
                     f"{c.volume * 1e3:.1f}",
                     fit + (self.tr(" ({0} empty)").format(c.empty_slots)
                            if c.empty_slots else "")]
            for col, text in enumerate(cells):
                t.setItem(row, col, QTableWidgetItem(text))
        if self.ranked:
            t.selectRow(0)
        n_fit = sum(c.fits for c in self.ranked)
        self.summary.setStyleSheet("")
        if n_fit:
            self.summary.setText(self.tr("{0} arrangement(s) fit; the most compact first.")
                                 .format(n_fit))
        elif self.ranked:
            best = self.ranked[0]
            sides = (self.tr("length"), self.tr("width"), self.tr("height"))
            miss = ", ".join(self.tr("{0} by {1:.0f} mm").format(n, v * 1e3) for n, v in
                             zip(sides, best.shortfall, strict=True) if v > 0)
            self.summary.setText(self.tr("Nothing fits: the best misses {0}.").format(miss))

    def apply(self, row: int) -> bool:
        if not 0 <= row < len(self.ranked):
            return False
        box = self.box()
        if box is None:
            return False
        a = self.ranked[row].arrangement
        lay = replace(self.doc.design.layout, group_shape=a.group_shape,
                      groups_per_row=a.groups_per_row, rotation=a.rotation, modules=a.modules,
                      modules_per_row=a.module_grid[1], envelope=box, group_order=())
        try:
            self.doc.edit(self.tr("Fit to box"), layout=lay)
        except InputError as exc:
            self._show_error(user_message(exc))
            return False
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Applied: the design now has this arrangement and the box "
                                     "as its largest envelope."))
        return True


def open_fit_to_box(window) -> FitToBoxDialog | None:
    doc = window.current_document()
    if doc is None:
        return None
    dlg = FitToBoxDialog(doc, window)
    dlg.show()
    return dlg
