"""The sizing view: pick a target and an objective, size over the whole cell library (in a
worker thread, with progress and cancel), see the ranked designs, the Pareto front of mass vs
cost, and why each rejected cell fails.  Double-clicking a design (row or Pareto point) emits
`open_design(PackDesign)`.

Interface: `SizingView(QWidget)`; signal `open_design(object)`.
"""

from __future__ import annotations

import math
import os

import PySide6  # noqa: F401 - imported before pyqtgraph so that it picks PySide6

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.sizing import OBJECTIVES, size
from ..core.units import InputError
from ..io.target_file import load_target, presets
from .i18n import core_text
from .workers import Task

PASS_FG, FAIL_FG = QColor("#1b6e2f"), QColor("#9b1c1c")
FAILING_BG = QColor("#f1f1f1")  # rows of designs that fail: after the ranked ones, greyed
COLUMNS = ["#", "", QT_TRANSLATE_NOOP("SizingView", "Cell"), "S×P", QT_TRANSLATE_NOOP("SizingView", "Nominal"), QT_TRANSLATE_NOOP("SizingView", "Usable"), QT_TRANSLATE_NOOP("SizingView", "Cont. power"), QT_TRANSLATE_NOOP("SizingView", "Mass"), QT_TRANSLATE_NOOP("SizingView", "Volume"),
           QT_TRANSLATE_NOOP("SizingView", "Cell cost"), QT_TRANSLATE_NOOP("SizingView", "Why")]


class SizingView(QWidget):
    open_design = Signal(object)
    finished = Signal(object)  # the SizingResult, or None when cancelled or failed

    def __init__(self, cells=None, parent=None):
        """`cells`: the cells to search (default: the whole library at run time)."""
        super().__init__(parent)
        self._cells = cells
        self._worker: Task | None = None
        self.result = None
        self._rows: list = []  # candidates in table order

        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Target")))
        self.target_picker = QComboBox()
        self.target_picker.setObjectName("sizing_target")
        self.target_picker.setMinimumContentsLength(24)
        self.target_picker.activated.connect(self._target_picked)
        top.addWidget(self.target_picker, 1)
        top.addWidget(QLabel(self.tr("Objective")))
        self.objective = QComboBox()
        for key, text in OBJECTIVES.items():
            self.objective.addItem(core_text(text), key)
        top.addWidget(self.objective)
        top.addWidget(QLabel(self.tr("Designs")))
        self.top_n = QSpinBox()
        self.top_n.setRange(1, 100)
        self.top_n.setValue(10)
        top.addWidget(self.top_n)
        self.run_button = QPushButton(self.tr("Size"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        top.addWidget(self.run_button)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        top.addWidget(self.cancel_button)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the sizing window (Esc)"))
        self.close_button.clicked.connect(self.close)
        top.addWidget(self.close_button)
        lay.addLayout(top)
        status = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        status.addWidget(self.progress)
        self.status = QLabel(self.tr("Pick a target and press Size."))
        self.status.setObjectName("sizing_status")
        self.status.setWordWrap(True)
        status.addWidget(self.status, 1)
        lay.addLayout(status)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("sizing_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        h = self.table.horizontalHeader()
        for c in range(len(COLUMNS) - 1):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._row_double_clicked)
        self.table.currentCellChanged.connect(self._row_selected)
        split.addWidget(self.table)

        tabs = QTabWidget()
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("sizing_pareto")
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.plot.setLabel("bottom", self.tr("Pack mass"), units="kg")
        self.plot.setLabel("left", self.tr("Cell cost"))
        self.plot.addLegend(offset=(10, 10))
        tabs.addTab(self.plot, self.tr("Pareto front"))
        self.details = QTextBrowser()
        self.details.setObjectName("sizing_details")
        tabs.addTab(self.details, self.tr("Reasons"))
        self.rejected = QTextBrowser()
        self.rejected.setObjectName("sizing_rejected")
        tabs.addTab(self.rejected, self.tr("Rejected cells"))
        self.tabs = tabs
        split.addWidget(tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        self._scatter_items: list = []
        self.refresh_targets()

    # --- targets ------------------------------------------------------------------------------
    def refresh_targets(self) -> None:
        current = self.target_picker.currentData()
        self.target_picker.clear()
        try:
            all_t = presets()
        except InputError as exc:
            all_t = {}
            self.status.setText(str(exc))
        for t in all_t.values():
            self.target_picker.addItem(core_text(t.name), t.id)
            self.target_picker.setItemData(self.target_picker.count() - 1,
                                           core_text(t.description) or t.source,
                                           Qt.ItemDataRole.ToolTipRole)
        self.target_picker.addItem(self.tr("Open target file…"), "__open__")
        if current:
            self.set_target(current)

    def set_target(self, ref: str) -> None:
        i = self.target_picker.findData(ref)
        if i < 0:
            self.target_picker.insertItem(self.target_picker.count() - 1,
                                          os.path.basename(ref), ref)
            i = self.target_picker.findData(ref)
        self.target_picker.setCurrentIndex(i)

    def set_objective(self, objective: str) -> None:
        self.objective.setCurrentIndex(max(0, self.objective.findData(objective)))

    def _target_picked(self, index: int) -> None:
        if self.target_picker.itemData(index) == "__open__":
            path, _ = QFileDialog.getOpenFileName(self, "Open target file", "",
                                                  "Target files (*.toml);;All files (*)")
            if path:
                self.set_target(path)
            else:
                self.target_picker.setCurrentIndex(0)

    # --- running ------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._worker is not None

    def run(self) -> None:
        if self._worker is not None:
            return
        ref = self.target_picker.currentData()
        if not ref or ref == "__open__":
            self.status.setText(self.tr("Pick a target first."))
            return
        try:
            target = load_target(ref)
            cells = self._cells
            if cells is None:
                from ..io.library import library

                lib = library()
                cells = [lib.cells[i] for i in lib.ids()]
        except InputError as exc:
            self.status.setText(self.tr("Cannot size: {0}").format(core_text(str(exc))))
            return
        if not cells:
            self.status.setText(self.tr("The cell library is empty."))
            return
        self.result = None
        cells, top, objective = list(cells), self.top_n.value(), self.objective.currentData()

        def work(progress, cancelled):
            return size(target, cells, top=top, objective=objective, progress=progress,
                        cancel=cancelled)

        w = Task(work, "sizing", self)
        w.progressed.connect(self._progressed)
        w.succeeded.connect(self._done)
        w.failed.connect(self._failed)
        w.cancelled.connect(self._cancelled)
        w.finished.connect(self._worker_finished)
        self._worker = w
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Sizing {0} cells for {1}…").format(len(cells), core_text(target.name)))
        w.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _progressed(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 1000))

    def _worker_finished(self) -> None:
        w = self._worker
        self._worker = None
        if w is not None:
            w.deleteLater()
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setVisible(False)

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Sizing failed: {0}").format(core_text(message)))
        self.finished.emit(None)

    def _cancelled(self) -> None:
        self.status.setText(self.tr("Sizing cancelled."))
        self.finished.emit(None)

    def _done(self, res) -> None:
        self.result = res
        self.show_result(res)
        self.finished.emit(res)

    # --- showing ------------------------------------------------------------------------------
    def show_result(self, res) -> None:
        n_pass = len(res.passing)
        n_cells = len(res.passing_counts)
        ok_cells = sum(1 for n in res.passing_counts.values() if n)
        text = self.tr("{0}: searched {1} S × P combinations of {2} cells in {3} ms; {4} cells "
                       "give a passing design").format(
            core_text(res.target.name), f"{res.evaluated:,}", n_cells,
            f"{res.elapsed * 1e3:.0f}", ok_cells)
        if n_pass == 0:
            text += self.tr(" — no design meets every requirement (the table shows the "
                            "closest)")
        self.status.setText(text)
        self._fill_table(res)
        self._fill_plot(res)
        self._fill_rejected(res)
        if self._rows:
            self.table.selectRow(0)

    def _fill_table(self, res) -> None:
        self._rows = list(res.candidates)
        self.table.setRowCount(len(self._rows))
        for row, c in enumerate(self._rows):
            r = c.results
            usable = next((k.value for k in c.checks if k.name == "usable_energy"), math.nan)
            cost = (f"{r.value('cell_cost'):,.0f} {r['cell_cost'].unit}" if "cell_cost" in r
                    else "–")
            why = c.reasons[0] if c.reasons else ""
            if c.passes and len(c.reasons) > 1:
                why = c.reasons[1]
            # only passing designs are ranked; the closest failing ones follow, unranked and
            # greyed, so that a FAIL never reads as one of the ranked designs
            rank = str(row + 1) if c.passes else "–"
            values = [rank, "pass" if c.passes else "FAIL", c.cell_id,
                      f"{c.series}S{c.parallel}P", f"{r.value('nominal_voltage'):.1f} V",
                      f"{usable:.3g} kWh",
                      f"{r.value('max_continuous_discharge_power') / 1e3:.3g} kW",
                      f"{r.value('mass'):.4g} kg", f"{r.value('volume') * 1e3:.4g} L", cost, why]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip("\n".join(c.reasons))
                if col in (0, 4, 5, 6, 7, 8, 9):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if col == 1:
                    item.setForeground(QBrush(PASS_FG if c.passes else FAIL_FG))
                if not c.passes:
                    item.setBackground(QBrush(FAILING_BG))
                self.table.setItem(row, col, item)

    def _fill_plot(self, res) -> None:
        self.plot.clear()
        self._scatter_items = []
        a, b = res.pareto_axes
        unit = ""
        if b == "cost":
            units = {c.results["cell_cost"].unit for c in res.pareto if "cell_cost" in c.results}
            unit = units.pop() if len(units) == 1 else ""
        self.plot.setLabel("left", "Cell cost" if b == "cost" else "Volume",
                           units=unit if b == "cost" else "L")

        def yval(c):
            if b == "cost":
                return c.results.value("cell_cost") if "cell_cost" in c.results else math.nan
            return c.results.value("volume") * 1e3

        ranked = [c for c in res.candidates if c.passes]
        if ranked:
            pts = [{"pos": (c.results.value("mass"), yval(c)), "data": c} for c in ranked
                   if math.isfinite(yval(c))]
            s = pg.ScatterPlotItem(size=11, symbol="o", brush=pg.mkBrush(60, 120, 200, 160),
                                   pen=pg.mkPen("#1f4e8c"), name="ranked designs")
            s.addPoints(pts)
            s.sigClicked.connect(self._point_clicked)
            self.plot.addItem(s)
            self._scatter_items.append(s)
        if res.pareto:
            xs = [c.results.value("mass") for c in res.pareto]
            ys = [yval(c) for c in res.pareto]
            self.plot.plot(xs, ys, pen=pg.mkPen("#d0312d", width=2), name="Pareto front")
            s = pg.ScatterPlotItem(size=9, symbol="s", brush=pg.mkBrush("#d0312d"),
                                   pen=pg.mkPen("#7a1512"))
            s.addPoints([{"pos": (x, y), "data": c} for x, y, c in
                         zip(xs, ys, res.pareto, strict=True)])
            s.sigClicked.connect(self._point_clicked)
            self.plot.addItem(s)
            self._scatter_items.append(s)

    def _fill_rejected(self, res) -> None:
        lines = []
        for cid, why in res.rejected_reasons.items():
            counts = res.rejected_counts.get(cid, {})
            top = sorted(counts.items(), key=lambda kv: -kv[1])[:3]
            binding = ", ".join(f"{k} ({n})" for k, n in top)
            if why:
                lines.append(f"<p><b>{_esc(cid)}</b>: {_esc(why)}</p>")
            else:
                lines.append(f"<p><b>{_esc(cid)}</b>: {res.passing_counts.get(cid, 0):,} "
                             f"passing S × P; rejected ones bind on {_esc(binding) or '–'}</p>")
        self.rejected.setHtml("".join(lines))

    def _row_selected(self, row: int, *_args) -> None:
        if 0 <= row < len(self._rows):
            c = self._rows[row]
            items = "".join(f"<li>{_esc(r)}</li>" for r in c.reasons)
            checks = "".join(
                f"<tr><td>{'✔' if k.passed else '✘'}</td><td>{_esc(k.label)}</td>"
                f"<td>{_esc(k.reason)}</td></tr>" for k in c.checks)
            self.details.setHtml(f"<h3>{_esc(c.cell_id)} {c.series}S{c.parallel}P — "
                                 f"{'passes' if c.passes else 'fails'}</h3><ul>{items}</ul>"
                                 f"<table cellspacing='4'>{checks}</table>")

    def _row_double_clicked(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._rows):
            self.open_design.emit(self._rows[row].design)

    def _point_clicked(self, _item, points, *_args) -> None:
        if not points:
            return
        c = points[0].data()
        if c in self._rows:
            self.table.selectRow(self._rows.index(c))
        else:
            self.open_design.emit(c.design)

    def candidate_at(self, row: int):
        return self._rows[row]

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:  # a tool window closes like a dialog
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait(5000)
        super().closeEvent(event)


def _esc(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
