"""The comparison view: any number of designs side by side.

- **Figures**: one column per design, the best value of each row highlighted, and each value's
  difference from a reference design (the first by default); optionally the checks against a
  target, with a pass/fail badge per requirement.
- **Curves**: discharge curves and power capability overlaid (core.curves when it is installed,
  else a quasi-static OCV − I·R estimate, said so on the plot), computed in a worker thread.
- **Layouts**: the layouts next to each other at the same scale (from layout.compute_layout).

Interface: `ComparisonView(QWidget)`; `set_designs(list[PackDesign])`.
"""

from __future__ import annotations

import logging
import math
import os

import PySide6  # noqa: F401 - imported before pyqtgraph so that it picks PySide6

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.comparison import BETTER_HIGH, COMPARE_ROWS
from ..core.results import RESULT_DEFS, display
from .i18n import core_text
from .messages import first_line
from .workers import Cancelled, Task

log = logging.getLogger(__name__)

BEST_BG = QColor("#dff3e3")
PASS_FG, FAIL_FG, NV_FG = QColor("#1b6e2f"), QColor("#9b1c1c"), QColor("#555555")
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#17becf", "#7f7f7f", "#bcbd22"]
C_RATE = 1.0
MAX_DRAWN_CELLS = 20_000  # per design; larger packs are drawn as their envelope only


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


# --- curves (worker) ---------------------------------------------------------------------------
def design_curves(design) -> dict:
    from ..core.curves import discharge_curves, power_capability

    dis = discharge_curves(design, c_rates=(C_RATE,))
    pc = power_capability(design)
    return {"discharge": [(c, np.asarray(q), np.asarray(v)) for c, q, v in dis],
            "power_soc": np.asarray(pc["soc"]), "power_W": np.asarray(pc["power_W"]),
            "source": f"core.curves: discharge at {C_RATE:g}C, power capability"}


def curves_of(designs, cancelled) -> list:
    """design_curves of each design, or the one-line error that stopped it."""
    out = []
    for d in designs:
        if cancelled():
            raise Cancelled("curves")
        try:
            out.append(design_curves(d))
        except Exception as exc:  # one line per design, shown on the plot
            log.exception("shown to the user as one line")
            out.append(first_line(exc))
    return out


# --- the view ----------------------------------------------------------------------------------
class ComparisonView(QWidget):
    curves_ready = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.designs: list = []
        self.results: list = []
        self.checks: list | None = None
        self._generation = 0
        self._workers: list[Task] = []
        self.curve_data: list = []

        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Differences against")))
        self.reference = QComboBox()
        self.reference.setObjectName("comparison_reference")
        self.reference.currentIndexChanged.connect(lambda _i: self._fill_table())
        bar.addWidget(self.reference)
        bar.addSpacing(20)
        bar.addWidget(QLabel(self.tr("Check against")))
        self.target_picker = QComboBox()
        self.target_picker.setObjectName("comparison_target")
        self.target_picker.setMinimumContentsLength(20)
        self.target_picker.currentIndexChanged.connect(lambda _i: self._target_changed())
        bar.addWidget(self.target_picker, 1)
        lay.addLayout(bar)
        self.message = QLabel()
        self.message.setWordWrap(True)
        lay.addWidget(self.message)

        self.tabs = QTabWidget()
        self.table = QTableWidget()
        self.table.setObjectName("comparison_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabs.addTab(self.table, self.tr("Figures"))

        curves = QWidget()
        cl = QVBoxLayout(curves)
        self.curves_note = QLabel("")
        self.curves_note.setObjectName("curves_note")
        self.curves_note.setWordWrap(True)
        cl.addWidget(self.curves_note)
        plots = QHBoxLayout()
        self.discharge_plot = pg.PlotWidget()
        self.discharge_plot.setBackground("w")
        self.discharge_plot.showGrid(x=True, y=True, alpha=0.3)
        self.discharge_plot.setTitle(self.tr("Discharge at {0:g}C").format(C_RATE))
        self.discharge_plot.setLabel("bottom", self.tr("Capacity discharged"), units="Ah")
        self.discharge_plot.setLabel("left", self.tr("Pack voltage"), units="V")
        self.discharge_plot.addLegend(offset=(-10, 10))
        plots.addWidget(self.discharge_plot)
        self.power_plot = pg.PlotWidget()
        self.power_plot.setBackground("w")
        self.power_plot.showGrid(x=True, y=True, alpha=0.3)
        self.power_plot.setTitle(self.tr("Power capability"))
        self.power_plot.setLabel("bottom", self.tr("State of charge"), units="%")
        self.power_plot.setLabel("left", self.tr("Power"), units="W")
        self.power_plot.addLegend(offset=(-10, 10))
        plots.addWidget(self.power_plot)
        cl.addLayout(plots, 1)
        self.tabs.addTab(curves, self.tr("Curves"))

        self.scene = QGraphicsScene(self)
        self.layout_view = QGraphicsView(self.scene)
        self.layout_view.setObjectName("comparison_layouts")
        self.layout_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.layout_view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.tabs.addTab(self.layout_view, self.tr("Layouts"))
        lay.addWidget(self.tabs, 1)
        self._fill_targets()

    # --- public API ---------------------------------------------------------------------------
    def set_designs(self, designs) -> None:
        from ..core.electrical import calculate

        self.designs = list(designs)
        self.results = []
        errors = []
        for d in self.designs:
            try:
                self.results.append(calculate(d))
            except Exception as exc:  # one bad design must not hide the others
                log.exception("shown to the user as one line")
                self.results.append(None)
                errors.append(f"{d.name}: {str(exc).splitlines()[0]}")
        self.message.setText("; ".join(errors) if errors else
                             ("Open two or more designs to compare them." if len(self.designs)
                              < 2 else ""))
        self.reference.blockSignals(True)
        self.reference.clear()
        for i, d in enumerate(self.designs):
            self.reference.addItem(f"{i + 1}: {d.name}")
        self.reference.blockSignals(False)
        self._compute_checks()
        self._fill_table()
        self._draw_layouts()
        self._start_curves()

    def set_target(self, ref: str) -> None:
        i = self.target_picker.findData(ref)
        if i >= 0:
            self.target_picker.setCurrentIndex(i)

    def best_column(self, name: str) -> int | None:
        """The design index highlighted as best for a result row (None if no best)."""
        rows = [r for r in self.results if r is not None]
        if len(rows) != len(self.results):
            return None
        from ..core.comparison import best_index as _best_index

        return _best_index(name, self.results)

    def row_of(self, label_start: str) -> int:
        for r in range(self.table.rowCount()):
            item = self.table.verticalHeaderItem(r)
            if item is not None and item.text().startswith(label_start):
                return r
        return -1

    # --- target -------------------------------------------------------------------------------
    def _fill_targets(self) -> None:
        from ..core.units import InputError
        from ..io.target_file import presets

        self.target_picker.blockSignals(True)
        self.target_picker.addItem(self.tr("(no target)"), "")
        try:
            for t in presets().values():
                self.target_picker.addItem(core_text(t.name), t.id)
        except InputError as exc:
            self.message.setText(str(exc))
        self.target_picker.blockSignals(False)

    def _target_changed(self) -> None:
        self._compute_checks()
        self._fill_table()

    def _compute_checks(self) -> None:
        ref = self.target_picker.currentData()
        self.checks = None
        if not ref or not self.designs:
            return
        from ..core.checks import check_design
        from .target_cache import cached_target

        try:
            t = cached_target(ref)
            self.checks = [check_design(d, t, r) if r is not None else []
                           for d, r in zip(self.designs, self.results, strict=True)]
        except Exception as exc:
            log.exception("shown to the user as one line")
            self.message.setText(self.tr("Cannot check against the target: {0}").format(core_text(first_line(exc))))

    # --- figures ------------------------------------------------------------------------------
    def _fill_table(self) -> None:
        n = len(self.designs)
        self.table.clear()
        self.table.setColumnCount(n)
        self.table.setHorizontalHeaderLabels([f"{i + 1}: {d.name}"
                                              for i, d in enumerate(self.designs)])
        rows: list[tuple[str, list[str], list[str], int | None, list[QColor | None]]] = []
        rows.append(("Cell", [d.cell.id for d in self.designs], [""] * n, None, [None] * n))
        rows.append(("S × P", [f"{d.series}S{d.parallel}P" for d in self.designs], [""] * n,
                     None, [None] * n))
        ref = max(0, self.reference.currentIndex())
        for name in COMPARE_ROWS:
            if not any(r is not None and name in r for r in self.results):
                continue
            texts, tips = [], []
            unit = ""
            for i, r in enumerate(self.results):
                if r is None or name not in r:
                    texts.append("–")
                    tips.append("")
                    continue
                num, unit = display(name, r[name])
                text = num
                rr = self.results[ref] if ref < len(self.results) else None
                if n > 1 and i != ref and rr is not None and name in rr:
                    a, b = r[name].value, rr[name].value
                    same_unit = r[name].unit == rr[name].unit
                    if same_unit and b and math.isfinite(a) and math.isfinite(b):
                        rel = (a - b) / abs(b)
                        if abs(rel) >= 5e-4:
                            text += f"  ({rel * 100:+.1f} %)"
                        tips.append(f"{a - b:+.6g} (SI) against design {ref + 1}")
                    else:
                        tips.append("")
                else:
                    tips.append("reference" if n > 1 and i == ref else "")
                texts.append(text)
            d = RESULT_DEFS[name]
            label = f"{d.label} ({unit})" if unit else d.label
            rows.append((label, texts, tips, self.best_column(name), [None] * n))
        if self.checks is not None:
            names: list[str] = []
            labels: dict[str, str] = {}
            for cs in self.checks:
                for c in cs:
                    if c.name not in names:
                        names.append(c.name)
                        labels[c.name] = c.label
            verdict = []
            for cs in self.checks:
                ok = all(c.passed for c in cs) if cs else False
                verdict.append("passes" if ok else "fails")
            rows.append(("Target: " + self.target_picker.currentText(), verdict, [""] * n, None,
                         [PASS_FG if v == "passes" else FAIL_FG for v in verdict]))
            for cname in names:
                texts, tips, colours = [], [], []
                for cs in self.checks:
                    c = next((k for k in cs if k.name == cname), None)
                    if c is None:
                        texts.append("–")
                        tips.append("")
                        colours.append(None)
                        continue
                    badge = "PASS" if c.passed and c.verified else "FAIL" if not c.passed \
                        else "n/v"
                    texts.append(badge)
                    tips.append(c.reason)
                    colours.append(PASS_FG if badge == "PASS" else FAIL_FG if badge == "FAIL"
                                   else NV_FG)
                rows.append(("  " + labels[cname], texts, tips, None, colours))
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (label, texts, tips, best, colours) in enumerate(rows):
            self.table.setVerticalHeaderItem(r, QTableWidgetItem(label))
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if tips[c]:
                    item.setToolTip(tips[c])
                if best is not None and c == best and n > 1:
                    item.setBackground(QBrush(BEST_BG))
                    item.setFont(bold)
                    item.setToolTip((tips[c] + "\n" if tips[c] else "") + "best of the row")
                if colours[c] is not None:
                    item.setForeground(QBrush(colours[c]))
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def is_best(self, row: int, col: int) -> bool:
        item = self.table.item(row, col)
        return item is not None and item.background().color() == BEST_BG

    # --- curves -------------------------------------------------------------------------------
    def _start_curves(self) -> None:
        self._generation += 1
        self.discharge_plot.clear()
        self.power_plot.clear()
        self.curve_data = []
        if not self.designs:
            self.curves_note.setText("")
            return
        self.curves_note.setText(self.tr("Computing the curves…"))
        designs = [d for d, r in zip(self.designs, self.results, strict=True) if r is not None]
        w = Task(lambda _progress, cancelled: curves_of(designs, cancelled), "curves", self)
        w.succeeded.connect(lambda data, g=self._generation: self._curves_done(g, data))
        w.finished.connect(lambda w=w: self._worker_finished(w))
        self._workers.append(w)
        w.start()

    def _worker_finished(self, w) -> None:
        if w in self._workers:
            self._workers.remove(w)
        w.deleteLater()

    def _curves_done(self, generation: int, data: list) -> None:
        if generation != self._generation:
            return  # a newer set of designs is on its way
        self.curve_data = data
        designs = [d for d, r in zip(self.designs, self.results, strict=True) if r is not None]
        sources, errors = set(), []
        for i, (d, cd) in enumerate(zip(designs, data, strict=True)):
            pen = pg.mkPen(colour(i), width=2)
            name = f"{i + 1}: {d.name}"
            if isinstance(cd, str):
                errors.append(f"{name}: {cd}")
                continue
            sources.add(cd["source"])
            for _c, q, v in cd["discharge"]:
                self.discharge_plot.plot(np.asarray(q), np.asarray(v), pen=pen, name=name)
            self.power_plot.plot(np.asarray(cd["power_soc"]) * 100, np.asarray(cd["power_W"]),
                                 pen=pen, name=name)
        note = "; ".join(sorted(sources))
        if errors:
            note += ("; " if note else "") + "not computed: " + "; ".join(errors)
        self.curves_note.setText(note)
        self.curves_ready.emit()

    # --- layouts ------------------------------------------------------------------------------
    def _draw_layouts(self) -> None:
        from ..core.layout import compute_layout

        self.scene.clear()
        x0 = 0.0
        gap = 60.0  # mm between layouts
        for i, d in enumerate(self.designs):
            try:
                lay = compute_layout(d)
            except Exception as exc:
                log.exception("shown to the user as one line")
                t = self.scene.addText(f"{i + 1}: {d.name}\n" + self.tr("(no layout: {0})").format(
                    core_text(first_line(exc))))
                t.setPos(x0, -40)
                x0 += 200 + gap
                continue
            L, W = lay.length * 1e3, lay.width * 1e3
            col = QColor(colour(i))
            self.scene.addRect(QRectF(x0, 0, L, W), QPen(col, 2), QBrush(Qt.BrushStyle.NoBrush))
            if d.cell_count <= MAX_DRAWN_CELLS:
                fill = QColor(col)
                fill.setAlpha(70)
                pen = QPen(col.darker(130), 0.5)
                brush = QBrush(fill)
                xs = lay.x.ravel() * 1e3
                ys = lay.y.ravel() * 1e3
                dx, dy = lay.cell_dx * 1e3, lay.cell_dy * 1e3
                for cx, cy in zip(xs, ys, strict=True):
                    # y grows upward in the layout, downward on screen
                    rect = QRectF(x0 + cx - dx / 2, W - cy - dy / 2, dx, dy)
                    if lay.round_cells:
                        self.scene.addEllipse(rect, pen, brush)
                    else:
                        self.scene.addRect(rect, pen, brush)
            else:
                t = self.scene.addText(f"{d.cell_count:,} cells (envelope only)")
                t.setPos(x0 + 5, W / 2)
            label = self.scene.addText(f"{i + 1}: {d.name}\n{d.series}S{d.parallel}P "
                                       f"{d.cell.id} — {L:.0f} × {W:.0f} × "
                                       f"{lay.height * 1e3:.0f} mm")
            label.setDefaultTextColor(col.darker(120))
            label.setPos(x0, -45)
            x0 += max(L, 150.0) + gap
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self.layout_view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.scene.sceneRect().isEmpty():
            self.layout_view.fitInView(self.scene.sceneRect(),
                                       Qt.AspectRatioMode.KeepAspectRatio)

    def closeEvent(self, event) -> None:
        for w in list(self._workers):
            w.wait(10000)
        super().closeEvent(event)


__all__ = ["ComparisonView", "BETTER_HIGH"]
