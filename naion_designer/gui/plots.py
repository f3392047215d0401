"""The plots dock (pyqtgraph): discharge curves at several C-rates, power capability vs SOC, and
the last simulation with a duty-cycle picker, run/cancel and a progress bar.  Curves and
simulations run in `workers.Task` threads; the panel follows the current document.

pyqtgraph (~0.25 s to import) and the seven plot widgets (~0.1 s) are made by `ensure_plots`,
which the main window calls once it has painted, so that the window does not wait for them;
asking for a plot before then makes them at once."""

from __future__ import annotations

import logging
import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .i18n import core_text, translate
from .workers import Task

log = logging.getLogger(__name__)

C_RATES = (0.2, 0.5, 1.0, 2.0)
PENS = ["#1f77b4", "#2ca02c", "#ff7f0e", "#d62728", "#9467bd", "#8c564b"]
# simple profiles by specification (core.profiles.parse_builtin), after the application cycles
SPEC_PROFILES = [("cc:0.5C", QT_TRANSLATE_NOOP("PlotsPanel", "Discharge at 0.5C to cut-off")),
                 ("cc:1C", QT_TRANSLATE_NOOP("PlotsPanel", "Discharge at 1C to cut-off")),
                 ("cc:2C", QT_TRANSLATE_NOOP("PlotsPanel", "Discharge at 2C to cut-off")),
                 ("cp:0.5E", QT_TRANSLATE_NOOP("PlotsPanel", "Constant power 0.5 W/Wh to cut-off"))]
T_TITLE = QT_TRANSLATE_NOOP("PlotsPanel", "<span style='color:{0}'>Hottest</span> / "
                            "<span style='color:{1}'>coldest</span> cell")
SPREAD_TITLE = QT_TRANSLATE_NOOP("PlotsPanel", "Cell current spread")
CELL_VALUES_BUDGET = 2_000_000  # recorded rows × cells: bounds the per-cell arrays' memory


def make_profile(spec: str, design):
    """(label, Profile) of a picker entry: an application cycle id or a `cc:1C`-style spec."""
    from ..core.profiles import builtin_profiles, parse_builtin

    builtins = builtin_profiles()
    if spec in builtins:
        bp = builtins[spec]
        return bp.label, bp.make(design)
    return translate("PlotsPanel", dict(SPEC_PROFILES).get(spec, spec)), parse_builtin(spec)


def time_step(profile, design) -> float:
    """A recording step that keeps a run to a few thousand rows and the per-cell arrays small."""
    import math

    try:
        duration = float(profile.duration)
    except (TypeError, ValueError, AttributeError):
        duration = math.inf
    if not math.isfinite(duration) or duration <= 0:
        duration = 4 * 3600.0
    rows = max(200, min(2000, CELL_VALUES_BUDGET // max(1, design.cell_count)))
    return max(1.0, math.ceil(duration / rows))

SIM_PLOT_MIN = (120, 110)  # each simulation plot's minimum size (pixels)
PLOT_NAMES = ("v_plot", "i_plot", "soc_plot", "t_plot", "spread_plot", "discharge_plot",
              "power_plot")


def _plot(title: str, xlabel: str, ylabel: str, legend: bool = True):
    import pyqtgraph as pg

    w = pg.PlotWidget()
    w.setTitle(title, size="10pt")
    w.setLabel("bottom", xlabel)
    w.setLabel("left", ylabel)
    w.showGrid(x=True, y=True, alpha=0.25)
    w.getAxis("left").setWidth(58)  # room for the label beside the tick numbers
    if legend:
        w.addLegend(offset=(-8, 8), brush=pg.mkBrush(255, 255, 255, 210),
                    pen=pg.mkPen(200, 200, 200))
    return w


class PlotsPanel(QWidget):
    simulation_started = Signal()
    simulation_finished = Signal(str)  # "done" | "failed" | "cancelled"
    curves_finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.doc = None
        self.sim_task: Task | None = None
        self.curves_task: Task | None = None
        self._curves_for = None  # the design the curves show
        self._tasks: list[Task] = []  # finished tasks waiting for their thread to end
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        # --- simulation controls -------------------------------------------------------------
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Duty cycle")))
        self.profile_combo = QComboBox()
        self.profile_combo.setMinimumWidth(160)
        bar.addWidget(self.profile_combo)
        self.run_button = QPushButton(self.tr("Run simulation"))
        self.run_button.setToolTip(self.tr("Simulate the current design over the duty cycle (F5)"))
        self.run_button.clicked.connect(self.run_simulation)
        bar.addWidget(self.run_button)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_simulation)
        bar.addWidget(self.cancel_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p %")
        self.progress.setMaximumWidth(240)
        self.progress.hide()  # shown while a simulation runs
        bar.addWidget(self.progress)
        self.status = QLabel()
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.status, 1)
        lay.addLayout(bar)
        # --- plots ---------------------------------------------------------------------------
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        lay.addWidget(self.tabs, 1)
        self.sim_stack = QStackedWidget()
        self.placeholder = QLabel(self.tr("No simulation yet: pick a duty cycle and press "
                                  "<b>Run simulation</b> (F5).<br>The run goes on in the "
                                  "background; the layout editor can then paint every cell by "
                                  "temperature, current or SOC."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)  # the dock, and so the window, may be narrow
        self.placeholder.setStyleSheet("color: #606060;")
        self.sim_stack.addWidget(self.placeholder)
        self._sim_page = QWidget()
        self.sim_stack.addWidget(self._sim_page)
        # the simulation plots' grid, with a stand-in of each plot's minimum size until the
        # plots are made: the dock is laid out as it will be with them
        grid = QHBoxLayout(self._sim_page)
        grid.setContentsMargins(0, 0, 0, 0)
        self._stand_ins: dict[str, QWidget] = {}
        for names in (("v_plot", "i_plot"), ("soc_plot", "t_plot"), ("spread_plot",)):
            col = QVBoxLayout()
            for name in names:
                stand_in = QWidget()
                stand_in.setMinimumSize(*SIM_PLOT_MIN)
                col.addWidget(stand_in)
                self._stand_ins[name] = stand_in
            grid.addLayout(col, 1)
        self.tabs.addTab(self.sim_stack, self.tr("Simulation"))
        self._curve_pages = (QWidget(), QWidget())  # the curves' plots go in here
        for page, title in zip(self._curve_pages, (self.tr("Discharge curves"),
                                                   self.tr("Power vs SOC")), strict=True):
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, title)
        self._plots_built = False  # the window calls ensure_plots once it has painted
        self.tabs.currentChanged.connect(lambda _i: self.schedule_curves())
        self._curves_timer = QTimer(self)
        self._curves_timer.setSingleShot(True)
        self._curves_timer.setInterval(250)
        self._curves_timer.timeout.connect(self.update_curves)
        self._fill_profiles()
        self._set_running(False)

    def ensure_plots(self) -> None:
        """Make the plot widgets (once), and show in them what the document has."""
        if self._plots_built:
            return
        self._plots_built = True
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True, background="w", foreground="#303030")
        self.v_plot = _plot(self.tr("Pack voltage"), self.tr("time (min)"), self.tr("voltage (V)"), legend=False)
        self.i_plot = _plot(self.tr("Pack current"), self.tr("time (min)"), self.tr("current (A)"),
                            legend=False)
        self.soc_plot = _plot(self.tr("State of charge"), self.tr("time (min)"), self.tr("SOC (%)"), legend=False)
        self.t_plot = _plot(self.tr(T_TITLE).format(PENS[3], PENS[0]), self.tr("time (min)"), self.tr("temperature (°C)"), legend=False)
        self.spread_plot = _plot(self.tr(SPREAD_TITLE), self.tr("time (min)"), self.tr("max − min in a group (A)"),
                                 legend=False)
        self.spread_plot.setToolTip(self.tr("The widest spread of cell currents inside any parallel "
                                    "group: what uneven current sharing costs"))
        for w in (self.i_plot, self.soc_plot, self.t_plot, self.spread_plot):
            w.setXLink(self.v_plot)
        for name, stand_in in self._stand_ins.items():
            plot = getattr(self, name)
            plot.setMinimumSize(*SIM_PLOT_MIN)
            self._sim_page.layout().replaceWidget(stand_in, plot)
            stand_in.deleteLater()
        self._stand_ins.clear()
        self.discharge_plot = _plot(self.tr("Discharge curves"), self.tr("capacity (Ah)"), self.tr("pack voltage (V)"))
        self.discharge_plot.getPlotItem().legend.setOffset((8, -8))  # bottom left is empty
        self._curve_pages[0].layout().addWidget(self.discharge_plot)
        self.power_plot = _plot(self.tr("Power capability"), self.tr("SOC (%)"), self.tr("power (kW)"))
        # bottom right: at high SOC the curves are near the top, that corner stays free
        self.power_plot.getPlotItem().legend.setOffset((-8, -8))
        self._curve_pages[1].layout().addWidget(self.power_plot)
        if self.doc is not None and self.doc.simulation is not None:
            self.show_simulation(self.doc.simulation)

    def __getattr__(self, name: str):
        if name in PLOT_NAMES and not self.__dict__.get("_plots_built", True):
            self.ensure_plots()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # --- document --------------------------------------------------------------------------
    def set_document(self, doc) -> None:
        if self.doc is not None:
            for sig, slot in ((self.doc.design_changed, self._design_changed),
                              (self.doc.simulation_changed, self.show_simulation)):
                try:
                    sig.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        self.doc = doc
        if doc is not None:
            doc.design_changed.connect(self._design_changed)
            doc.simulation_changed.connect(self.show_simulation)
        self._curves_for = None
        self.show_simulation(doc.simulation if doc else None)
        self._fill_profiles()
        self.schedule_curves()

    def _design_changed(self, _design) -> None:
        self._curves_for = None
        self.schedule_curves()
        if self.doc is not None and self.doc.simulation is not None:
            stale = "" if self.doc.simulation_matches() else " (S × P changed since)"
            self.status.setText(self.tr("Last run: {0}{1} — design edited since; run again to update").format(self.doc.simulation_profile, stale))

    # --- profiles --------------------------------------------------------------------------
    def _fill_profiles(self) -> None:
        from ..core.profiles import builtin_profiles

        current = self.profile_combo.currentData()
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        try:
            for pid, bp in builtin_profiles().items():
                self.profile_combo.addItem(core_text(bp.label), pid)
                self.profile_combo.setItemData(self.profile_combo.count() - 1,
                                               getattr(bp, "description", ""),
                                               Qt.ItemDataRole.ToolTipRole)
            for spec, label in SPEC_PROFILES:
                self.profile_combo.addItem(self.tr(label), spec)
        except Exception as exc:  # shown, not raised
            log.exception("shown to the user as one line")
            self.status.setText(self.tr("Duty cycles unavailable: {0}").format(core_text(str(exc))))
        idx = self.profile_combo.findData(current)
        self.profile_combo.setCurrentIndex(max(0, idx))
        self.run_button.setEnabled(self.sim_task is None and self.profile_combo.count() > 0)
        self.profile_combo.blockSignals(False)

    # --- simulation ------------------------------------------------------------------------
    def select_profile(self, profile_id: str) -> None:
        idx = self.profile_combo.findData(profile_id)
        if idx < 0:
            raise KeyError(profile_id)
        self.profile_combo.setCurrentIndex(idx)

    def run_simulation(self) -> None:
        if self.doc is None or self.sim_task is not None:
            return
        from ..core.simulate import simulate

        pid = self.profile_combo.currentData()
        doc, design = self.doc, self.doc.design
        try:
            label, profile = make_profile(pid, design)
            dt = time_step(profile, design)
        except Exception as exc:  # one line to the user
            log.exception("shown to the user as one line")
            self.status.setText(self.tr("Cannot build the duty cycle: {0}").format(core_text(str(exc))))
            self.simulation_finished.emit("failed")
            return

        def work(progress, cancelled):
            return simulate(design, profile, dt=dt, progress=progress, cancel=cancelled)

        task = Task(work, f"simulate {label}", self)
        self.sim_task = task
        self.sim_doc = doc
        task.progressed.connect(lambda f: self.progress.setValue(int(f * 1000)))
        task.succeeded.connect(lambda res: self._store(doc, res, label, design))
        task.succeeded.connect(lambda _r: self._sim_done("done", f"{label}: done"))
        task.failed.connect(lambda msg: self._sim_done("failed", f"Simulation failed: {msg}"))
        task.cancelled.connect(lambda: self._sim_done("cancelled", "Simulation cancelled"))
        task.finished.connect(lambda t=task: self._reap(t))
        self.progress.setValue(0)
        self.status.setText(self.tr("Simulating {0} on {1} cells…").format(label, design.cell_count))
        self._set_running(True)
        self.simulation_started.emit()
        task.start()

    @staticmethod
    def _store(doc, result, label: str, design) -> None:
        try:
            doc.set_simulation(result, label, design)
        except RuntimeError:  # the document was closed while the simulation ran
            pass

    def document_closing(self, doc) -> None:
        """A document goes away: stop its simulation and forget it."""
        if self.sim_task is not None and getattr(self, "sim_doc", None) is doc:
            self.sim_task.cancel()
        if self.doc is doc:
            self.set_document(None)

    def cancel_simulation(self) -> None:
        if self.sim_task is not None:
            self.sim_task.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def is_running(self) -> bool:
        return self.sim_task is not None

    def _sim_done(self, outcome: str, message: str) -> None:
        task = self.sim_task
        self.sim_task = None
        if task is not None:
            self._tasks.append(task)
        self._set_running(False)
        if outcome == "done":
            self.progress.setValue(1000)
            sim = self.doc.simulation if self.doc else None
            if sim is not None and getattr(sim, "cutoff", None):
                message += f" — stopped: {sim.cutoff}"
        self.status.setText(message)
        self.simulation_finished.emit(outcome)

    def _reap(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        task.deleteLater()

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running and bool(self.profile_combo.currentData()))
        self.cancel_button.setEnabled(running)
        self.profile_combo.setEnabled(not running)
        self.progress.setVisible(running)

    def shutdown(self) -> None:
        """Cancel and wait for running threads (closing the window)."""
        for t in [self.sim_task, self.curves_task, *self._tasks]:
            if t is not None:
                t.cancel()
                t.wait(5000)

    def show_simulation(self, sim) -> None:
        if not self._plots_built:
            self.sim_stack.setCurrentIndex(0 if sim is None else 1)
            if sim is None:
                return  # nothing to clear; a simulation makes the plots
            self.ensure_plots()
        import pyqtgraph as pg

        for w in (self.v_plot, self.i_plot, self.soc_plot, self.t_plot, self.spread_plot):
            w.clear()
        self.sim_stack.setCurrentIndex(0 if sim is None else 1)
        if sim is None:
            return
        t = np.asarray(sim.time, float)
        hours = t.size > 0 and t[-1] > 3 * 3600
        t = t / (3600.0 if hours else 60.0)
        for w in (self.v_plot, self.i_plot, self.soc_plot, self.t_plot, self.spread_plot):
            w.setLabel("bottom", self.tr("time (h)") if hours else self.tr("time (min)"))
        self.v_plot.plot(t, sim.pack_voltage, pen=pg.mkPen(PENS[0], width=2), name="pack V")
        self.i_plot.plot(t, sim.pack_current, pen=pg.mkPen(PENS[3], width=2), name="pack I")
        self.soc_plot.plot(t, np.asarray(sim.soc) * 100, pen=pg.mkPen(PENS[1], width=2),
                           name="SOC")
        self.t_plot.plot(t, np.asarray(sim.max_cell_temperature) - 273.15,
                         pen=pg.mkPen(PENS[3], width=2), name="hottest")
        self.t_plot.plot(t, np.asarray(sim.min_cell_temperature) - 273.15,
                         pen=pg.mkPen(PENS[0], width=2), name="coldest")
        cc = getattr(sim, "cell_current", None)
        if cc is not None:
            cc = np.asarray(cc)  # (N, S, P)
            if cc.shape[2] > 1:
                # the widest spread inside any parallel group: what uneven sharing costs
                spread = (cc.max(axis=2) - cc.min(axis=2)).max(axis=1)
                self.spread_plot.setTitle(self.tr(SPREAD_TITLE), size="10pt")
                self.spread_plot.plot(t, spread, pen=pg.mkPen(PENS[4], width=1.5),
                                      fillLevel=0, brush=pg.mkBrush(148, 103, 189, 60))
            else:
                self.spread_plot.setTitle(self.tr(SPREAD_TITLE), size="10pt")
                note = pg.TextItem("one cell per group (P = 1):\nno spread", color="#606060",
                                   anchor=(0.5, 0.5))
                self.spread_plot.addItem(note)
                note.setPos(float(t[-1]) / 2 if t.size else 0.0, 0.5)
                self.spread_plot.setYRange(0, 1)
        for w in (self.v_plot, self.i_plot, self.soc_plot, self.t_plot, self.spread_plot):
            if w is not self.spread_plot or (cc is not None and np.asarray(cc).shape[2] > 1):
                w.enableAutoRange()

    # --- curves ----------------------------------------------------------------------------
    def schedule_curves(self) -> None:
        if self.tabs.currentIndex() in (1, 2):
            self._curves_timer.start()

    def update_curves(self) -> None:
        if self.doc is None or not self.isVisible() and not self._force_curves:
            return
        design = self.doc.design
        if design == self._curves_for:
            return
        if self.curves_task is not None:
            self.curves_task.cancel()
            self._curves_timer.start()
            return
        from ..core.curves import discharge_curves, power_capability

        def work(progress, cancelled):
            dc = discharge_curves(design, c_rates=C_RATES)
            if cancelled():
                return None
            return design, dc, power_capability(design, n=21)

        task = Task(work, "curves", self)
        self.curves_task = task
        task.succeeded.connect(self._show_curves)
        task.failed.connect(lambda msg: self._curves_failed(msg))
        task.finished.connect(lambda t=task: self._curves_done(t))
        task.start()

    _force_curves = False

    def _curves_done(self, task: Task) -> None:
        if self.curves_task is task:
            self.curves_task = None
        task.deleteLater()

    def _curves_failed(self, msg: str) -> None:
        self.discharge_plot.setTitle(self.tr("Discharge curves unavailable: {0}").format(core_text(msg)), size="10pt")
        self.power_plot.setTitle(self.tr("Power capability unavailable: {0}").format(core_text(msg)), size="10pt")
        self.curves_finished.emit()

    def _show_curves(self, payload) -> None:
        if payload is None:
            return
        import pyqtgraph as pg

        self.ensure_plots()
        design, dc, pc = payload
        if self.doc is None or design != self.doc.design:
            self.schedule_curves()
            return
        self._curves_for = design
        self.discharge_plot.clear()
        self.discharge_plot.setTitle(self.tr("Discharge curves — {0}S{1}P").format(design.series, design.parallel),
                                     size="10pt")
        for k, (c_rate, cap_ah, volts) in enumerate(dc):
            item = self.discharge_plot.plot(np.asarray(cap_ah), np.asarray(volts),
                                            pen=pg.mkPen(PENS[k % len(PENS)], width=2),
                                            name=f"{c_rate:g} C")
            item.setZValue(len(dc) - k)  # the lowest rate on top: 0.2C is not hidden by 0.5C
        self.power_plot.clear()
        self.power_plot.setTitle(self.tr("Power capability vs SOC"), size="10pt")
        soc = np.asarray(pc["soc"]) * 100
        for k, (key, label) in enumerate((("power_W", self.tr("available")),
                                          ("power_at_min_voltage_W", self.tr("at min. voltage")),
                                          ("power_at_current_limit_W",
                                           self.tr("at current limit")))):
            if key in pc:
                style = Qt.PenStyle.SolidLine if key == "power_W" else Qt.PenStyle.DashLine
                self.power_plot.plot(soc, np.asarray(pc[key]) / 1e3,
                                     pen=pg.mkPen(PENS[k], width=2.5 if k == 0 else 1.5,
                                                  style=style), name=label)
        if "power_W" in pc and np.max(pc["power_W"]) > 0:
            # scaled to what the pack delivers: a limit far above it runs off the top
            self.power_plot.setXRange(0, 100, padding=0.02)
            self.power_plot.setYRange(0, 1.6 * float(np.max(pc["power_W"])) / 1e3, padding=0)
        self.curves_finished.emit()
