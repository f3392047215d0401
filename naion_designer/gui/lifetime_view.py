"""The Lifetime view: state of health over the years of a duty cycle, the P5–P95 band of a Monte
Carlo over the cells' spread, and the pack's layout coloured by each cell's state of health at
end of life with the limiting cells outlined.  The run (nominal pack, then the Monte Carlo
packs) goes off the UI thread through `workers.Task`, with progress and cancel.
"""

from __future__ import annotations

import os

import PySide6  # noqa: F401 - imported before pyqtgraph so that it picks PySide6

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.life_request import LifeRequest, run_request
from ..core.profiles import builtin_profiles
from ..core.units import InputError
from .i18n import core_text, translate
from .workers import Task

LIMIT_PEN = QColor("#c00000")


def soh_colour(soh: float, lo: float, hi: float) -> QColor:
    """Green at the best cell's SOH (`hi`) to red at the worst (`lo`): the differences between
    the cells are what the view shows (the tooltips give the values)."""
    f = 0.5 if hi - lo < 1e-9 else min(1.0, max(0.0, (hi - soh) / (hi - lo)))
    return QColor.fromHsvF(0.33 * (1.0 - f), 0.65, 0.92)


class LifetimeView(QWidget):
    finished = Signal(str)  # "done" | "failed" | "cancelled"

    def __init__(self, design=None, parent=None):
        super().__init__(parent)
        self.design = design
        self.outcome = None
        self.task: Task | None = None
        self.setObjectName("lifetime_view")

        self.profile = QComboBox()
        self.profile.setEditable(True)
        for pid, bp in builtin_profiles().items():  # shown by name, the id kept as data
            self.profile.addItem(core_text(bp.label), pid)
            self.profile.setItemData(self.profile.count() - 1,
                                     f"{pid}: {core_text(bp.description)}",
                                     Qt.ItemDataRole.ToolTipRole)
        self.profile.setToolTip(self.tr("A built-in duty cycle or the path of a profile CSV"))
        self.years = QDoubleSpinBox()
        self.years.setRange(0.5, 50.0)
        self.years.setValue(15.0)
        self.years.setSuffix(self.tr(" years"))
        self.ambient = QDoubleSpinBox()
        self.ambient.setRange(-40.0, 70.0)
        self.ambient.setDecimals(1)
        self.ambient.setSuffix(" °C")
        self.packs = QSpinBox()
        self.packs.setRange(0, 1000)
        self.packs.setValue(10)
        self.packs.setSpecialValueText(self.tr("none"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.run_button = QPushButton(self.tr("Run"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel(self.tr("Set the duty cycle and press Run."))
        self.status.setWordWrap(True)
        self.limiting = QLabel("")
        self.limiting.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Duty cycle"), self.profile)
        form.addRow(self.tr("Years"), self.years)
        form.addRow(self.tr("Ambient"), self.ambient)
        form.addRow(self.tr("Monte Carlo packs"), self.packs)
        form.addRow(self.tr("Seed"), self.seed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.progress)
        side.addWidget(self.status)
        side.addWidget(QLabel(self.tr("Limiting cells")))
        side.addWidget(self.limiting)
        side.addStretch(1)
        left = QWidget()
        left.setLayout(side)

        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("bottom", self.tr("Year"))
        self.plot.setLabel("left", self.tr("State of health (% of rated capacity)"))
        self.plot.addLegend(offset=(-10, 10))
        self.scene = QGraphicsScene(self)
        self.layout_view = QGraphicsView(self.scene)
        self.layout_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.layout_view.setToolTip(self.tr("Each cell's state of health at end of life (or at "
                                            "the end of the run), from green (best cell) to red "
                                            "(worst); the limiting cells outlined in red"))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.plot)
        right.addWidget(self.layout_view)
        right.setSizes([420, 260])
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([280, 720])
        box = QVBoxLayout(self)
        box.addWidget(split)

        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        if design is not None:
            self.set_design(design)

    # --- inputs ----------------------------------------------------------------------------------
    def set_design(self, design) -> None:
        self.design = design
        self.ambient.setValue(design.thermal.ambient_temperature - 273.15)
        try:
            req = design.lifetime
        except InputError as exc:
            self.status.setText(self.tr("The design's lifetime request is not valid: {0}")
                                .format(str(exc)))
            req = None
        if req is not None:
            self._show_profile(req.profile)
            self.years.setValue(req.years)
            self.packs.setValue(req.monte_carlo)
            self.seed.setValue(min(req.seed, self.seed.maximum()))
            if req.ambient is not None:
                self.ambient.setValue(req.ambient - 273.15)
        elif design.target:
            self._show_profile("home-storage-day")

    def _show_profile(self, ref: str) -> None:
        k = self.profile.findData(ref)
        if k >= 0:
            self.profile.setCurrentIndex(k)
        else:
            self.profile.setCurrentText(ref)

    def profile_ref(self) -> str:
        """The chosen built-in cycle's id, or the typed reference (a CSV path, `cc:1C`)."""
        text = self.profile.currentText().strip()
        k = self.profile.findText(text)
        return self.profile.itemData(k) if k >= 0 and self.profile.itemData(k) else text

    def request(self) -> LifeRequest:
        base = self.design.lifetime if self.design is not None else None
        ref = self.profile_ref()
        if not ref:
            raise InputError("profile", self.tr("choose a duty cycle"))
        kw = {}
        if base is not None:
            kw = {"warranty_years": base.warranty_years, "warranty_cycles": base.warranty_cycles,
                  "period": base.period, "charge_rate": base.charge_rate}
        n = self.packs.value()
        return LifeRequest(profile=ref, years=self.years.value(), monte_carlo=n if n >= 2 else 0,
                           seed=self.seed.value(), ambient=self.ambient.value() + 273.15, **kw)

    # --- the run ---------------------------------------------------------------------------------
    def run(self) -> Task | None:
        from ..report.lifetime_section import load_profile

        if self.design is None or (self.task is not None and self.task.isRunning()):
            return None
        try:
            req = self.request()
            profile = load_profile(req.profile)
        except InputError as exc:
            self.status.setText(str(exc))
            return None
        design = self.design

        def work(progress, cancelled):
            return run_request(design, profile, req, progress=progress, cancel=cancelled)

        task = Task(work, "lifetime", self)
        task.progressed.connect(lambda f: self.progress.setValue(int(1000 * f)))
        task.succeeded.connect(self._done)
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        self.task = task
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Running {0} for {1:g} years ({2} Monte Carlo packs)…")
                            .format(req.profile, req.years, req.monte_carlo))
        task.start()
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def closeEvent(self, event) -> None:
        # the worker polls the cancel flag every few simulation steps: wait for it to stop
        # rather than destroy a running thread with the window
        if self.task is not None and self.task.isRunning():
            self.task.cancel()
            self.task.wait(30_000)
        super().closeEvent(event)

    def _idle(self) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _failed(self, message: str) -> None:
        self._idle()
        self.status.setText(self.tr("Lifetime run failed: {0}").format(message))
        self.finished.emit("failed")

    def _cancelled(self) -> None:
        self._idle()
        self.status.setText(self.tr("Lifetime run cancelled."))
        self.finished.emit("cancelled")

    def _done(self, outcome) -> None:
        self._idle()
        self.progress.setValue(1000)
        self.outcome = outcome
        self.show_outcome(outcome)
        self.finished.emit("done")

    # --- the results -----------------------------------------------------------------------------
    def show_outcome(self, outcome) -> None:
        nom, mc = outcome.nominal, outcome.monte_carlo
        self.plot.clear()
        years = [r.year for r in nom.rows]
        soh = [100 * r.capacity_soh for r in nom.rows]
        if mc is not None:
            ys = list(mc.years)
            lo = pg.PlotDataItem(ys, list(100 * mc.percentiles["capacity_soh"][0]),
                                 pen=pg.mkPen("#9fc5e8"))
            hi = pg.PlotDataItem(ys, list(100 * mc.percentiles["capacity_soh"][2]),
                                 pen=pg.mkPen("#9fc5e8"))
            self.plot.addItem(lo)
            self.plot.addItem(hi)
            band = pg.FillBetweenItem(lo, hi, brush=pg.mkBrush("#cfe2f3"))
            self.plot.addItem(band)
            self.band = band
            self.plot.plot(ys, list(100 * mc.percentiles["capacity_soh"][1]),
                           pen=pg.mkPen("#6fa8dc", width=1.5, style=Qt.PenStyle.DashLine),
                           name=self.tr("P50 of {0} packs (band: P5–P95)").format(mc.n))
        else:
            self.band = None
        self.plot.plot(years, soh, pen=pg.mkPen("#0b5394", width=2.2),
                       name=self.tr("Nominal cells"))
        self.plot.addItem(pg.InfiniteLine(100 * nom.eol_capacity, angle=0,
                                          pen=pg.mkPen("#990000", style=Qt.PenStyle.DashLine)))
        self.plot.addItem(pg.InfiniteLine(outcome.warranty_year, angle=90,
                                          pen=pg.mkPen("#38761d", style=Qt.PenStyle.DotLine)))
        eol = (self.tr("year {0:.1f}").format(nom.eol_year) if nom.eol_year is not None
               else self.tr("beyond year {0:g}").format(outcome.request.years))
        text = self.tr("End of life ({0:.0%} of rated capacity): {1}; {2} simulated cycles.") \
            .format(nom.eol_capacity, eol, nom.simulations)
        if mc is not None:
            vals = [self.tr("{0:.1f}").format(v) if v is not None else
                    self.tr("> {0:g}").format(outcome.request.years)
                    for v in mc.eol_percentiles]
            text += " " + self.tr("End-of-life year P5 {0}, P50 {1}, P95 {2}.").format(*vals)
        if nom.model.estimated:
            text += " " + self.tr("Ageing model estimated.")
        self.status.setText(text)
        self.limiting.setText(", ".join(f"s{s} p{p}" for s, p in nom.limiting_cells))
        self.draw_layout(nom)

    def draw_layout(self, result) -> None:
        from ..core.layout import compute_layout

        self.scene.clear()
        lay = compute_layout(self.design)
        soh = result.cell_soh
        lo, hi = float(soh.min()), float(soh.max())
        limiting = set(result.limiting_cells)
        k = 1000.0  # mm
        self.cell_items = {}
        for s in range(self.design.series):
            for p in range(self.design.parallel):
                x, y = float(lay.x[s, p]) * k, float(lay.y[s, p]) * k
                w, h = lay.cell_dx * k, lay.cell_dy * k
                rect = QRectF(x - w / 2, -y - h / 2, w, h)
                pen = QPen(LIMIT_PEN, 2.5) if (s, p) in limiting else QPen(QColor("#555555"),
                                                                             0.5)
                brush = QBrush(soh_colour(float(soh[s, p]), lo, hi))
                item = (self.scene.addEllipse(rect, pen, brush) if lay.round_cells
                        else self.scene.addRect(rect, pen, brush))
                item.setToolTip(self.tr("s{0} p{1}: {2:.1%} of rated capacity")
                                .format(s, p, float(soh[s, p])))
                self.cell_items[(s, p)] = item
        self._fit_layout()

    def _fit_layout(self) -> None:
        if self.scene.items():
            self.layout_view.fitInView(self.scene.itemsBoundingRect().adjusted(-5, -5, 5, 5),
                                       Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_layout()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_layout()


def open_for(window):
    """Tools → Lifetime: a window for the current design of `window` (a MainWindow)."""
    doc = window.current_document()
    if doc is None:
        return None
    view = LifetimeView(doc.design)
    return window._tool_window(view, translate("LifetimeView", "Lifetime"))
