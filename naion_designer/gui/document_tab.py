"""One tab of the main window: the layout editor of one document with its tool bar (fit, zoom,
wiring toggles, colour-map mode with a time slider and a colour bar)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .layout_view import VIRIDIS, LayoutView

# colour-map modes: id -> (label, unit, needs a simulation)
MODES = {"groups": (QT_TRANSLATE_NOOP("DocumentTab", "Series groups"), "", False),
         "share": (QT_TRANSLATE_NOOP("DocumentTab", "DC current share"), QT_TRANSLATE_NOOP("DocumentTab", "× mean"), False),
         "temperature": (QT_TRANSLATE_NOOP("DocumentTab", "Temperature"), "°C", True),
         "current": (QT_TRANSLATE_NOOP("DocumentTab", "Cell current"), "A", True),
         "soc": (QT_TRANSLATE_NOOP("DocumentTab", "Cell SOC"), "%", True)}


class ColourBar(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.lo, self.hi, self.unit = "", "", ""
        self.setMinimumWidth(150)
        self.setFixedHeight(26)

    def set_range(self, lo: str, hi: str, unit: str) -> None:
        self.lo, self.hi, self.unit = lo, hi, unit
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 26)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        fm = p.fontMetrics()
        lo_w = fm.horizontalAdvance(self.lo) + 6
        hi_text = f"{self.hi} {self.unit}".strip()
        hi_w = fm.horizontalAdvance(hi_text) + 6
        bar = self.rect().adjusted(lo_w, 6, -hi_w, -6)
        g = QLinearGradient(bar.left(), 0, bar.right(), 0)
        for k, (r, gg, b) in enumerate(VIRIDIS):
            g.setColorAt(k / (len(VIRIDIS) - 1), QColor(int(r), int(gg), int(b)))
        p.fillRect(bar, g)
        p.setPen(QColor("#505050"))
        p.drawRect(bar)
        p.drawText(self.rect().adjusted(0, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter
                   | Qt.AlignmentFlag.AlignLeft, self.lo)
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                   hi_text)
        p.end()


class DocumentTab(QWidget):
    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.temperature_unit = "degC"
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Fit the pack in the view (F)"))
        bar.addWidget(self.fit_button)
        for text, factor, tip in (("+", 1.25, "Zoom in (Ctrl++)"), ("−", 0.8, "Zoom out (Ctrl+-)")):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _c=False, f=factor: self.view.zoom_by(f))
            bar.addWidget(b)
        self.busbar_check = QCheckBox(self.tr("Busbars"))
        self.busbar_check.setChecked(True)
        self.path_check = QCheckBox(self.tr("Series path"))
        self.path_check.setChecked(True)
        bar.addWidget(self.busbar_check)
        bar.addWidget(self.path_check)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Colour by")))
        self.mode_combo = QComboBox()
        for mode, (label, _u, _sim) in MODES.items():
            self.mode_combo.addItem(self.tr(label), mode)
        bar.addWidget(self.mode_combo)
        bar.addStretch(1)
        lay.addLayout(bar)
        # second row, shown in the colour-map modes: time, scale and the colour bar
        self.map_row = QWidget()
        row = QHBoxLayout(self.map_row)
        row.setContentsMargins(6, 0, 6, 4)
        self.time_slider = QSlider(Qt.Orientation.Horizontal)
        self.time_slider.setMinimumWidth(80)
        self.time_slider.setMaximumWidth(420)
        self.time_slider.setToolTip(self.tr("Time in the last simulation"))
        row.addWidget(self.time_slider, 1)
        self.time_label = QLabel()
        self.time_label.setMinimumWidth(96)
        row.addWidget(self.time_label)
        self.fixed_scale_check = QCheckBox(self.tr("Fixed scale"))
        self.fixed_scale_check.setToolTip(self.tr("One colour scale over the whole run (unchecked: the "
                                          "scale spans the cells at the chosen time)"))
        row.addWidget(self.fixed_scale_check)
        self.colour_bar = ColourBar()
        row.addWidget(self.colour_bar)
        self.map_row.hide()
        lay.addWidget(self.map_row)
        self.view = LayoutView()
        lay.addWidget(self.view, 1)
        self.info = QLabel()
        self.info.setContentsMargins(8, 3, 8, 3)
        self.info.setStyleSheet("color: #404040; background: #eef1f5;")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.info)
        self.fit_button.clicked.connect(self.view.fit)
        self.busbar_check.toggled.connect(self._wiring_toggled)
        self.path_check.toggled.connect(self._wiring_toggled)
        self.mode_combo.currentIndexChanged.connect(lambda _i: self.update_colours())
        self.time_slider.valueChanged.connect(lambda _v: self.update_colours())
        self.fixed_scale_check.toggled.connect(lambda _c: self.update_colours())
        self.view.info_provider = self.cell_info
        self.view.cell_clicked.connect(self._cell_clicked)
        self.view.set_document(doc)
        doc.design_changed.connect(lambda _d: self.update_colours())
        doc.design_changed.connect(lambda _d: self.show_envelope())
        self.show_envelope()
        doc.simulation_changed.connect(self._simulation_changed)
        self._simulation_changed(doc.simulation)

    # --- colour map ------------------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode))

    def mode(self) -> str:
        return self.mode_combo.currentData()

    def _simulation_changed(self, sim) -> None:
        n = len(sim.time) if sim is not None else 1
        self.time_slider.blockSignals(True)
        self.time_slider.setRange(0, max(0, n - 1))
        self.time_slider.setValue(max(0, n - 1))
        self.time_slider.blockSignals(False)
        self.update_colours()

    def time_index(self) -> int:
        return self.time_slider.value()

    def _sim_arrays(self, mode: str):
        sim = self.doc.simulation
        if sim is None or not self.doc.simulation_matches():
            return None
        arr = {"temperature": sim.cell_temperature, "current": sim.cell_current,
               "soc": sim.cell_soc}[mode]
        return None if arr is None else np.asarray(arr)

    def update_colours(self) -> None:
        mode = self.mode()
        needs_sim = MODES[mode][2]
        sim_ok = self.doc.simulation is not None and self.doc.simulation_matches()
        self.time_slider.setEnabled(needs_sim and sim_ok)
        self.fixed_scale_check.setVisible(needs_sim)
        self.map_row.setVisible(mode != "groups")
        if mode == "groups":
            self.view.set_colour_values(None)
            self.colour_bar.hide()
            self.time_label.setText("")
            return
        if mode == "share":
            values = self.doc.current_share()
            lo, hi = float(values.min()), float(values.max())
            if hi - lo < 1e-6:
                lo, hi = lo - 0.01, hi + 0.01
            self.view.set_colour_values(values, lo, hi)
            self.colour_bar.set_range(f"{lo:.3f}", f"{hi:.3f}", "× mean")
            self.colour_bar.show()
            self.time_label.setText(self.tr("steady state"))
            return
        arr = self._sim_arrays(mode)
        if arr is None:
            self.view.set_colour_values(None)
            self.colour_bar.hide()
            self.time_label.setText(self.tr("run a simulation") if not sim_ok
                                    else self.tr("no per-cell data"))
            return
        k = min(self.time_index(), arr.shape[0] - 1)
        scale, offset, unit = 1.0, 0.0, MODES[mode][1]
        if mode == "temperature":
            offset = -273.15
        elif mode == "soc":
            scale = 100.0
        full = arr * scale + offset
        span = full if self.fixed_scale_check.isChecked() else full[k]
        lo, hi = float(span.min()), float(span.max())
        if hi - lo < 1e-3:
            lo, hi = lo - 0.05, hi + 0.05
        self.view.set_colour_values(full[k], lo, hi)
        digits = 1 if hi - lo < 10 else 0
        self.colour_bar.set_range(f"{lo:.{digits + (1 if hi - lo < 1 else 0)}f}",
                                  f"{hi:.{digits + (1 if hi - lo < 1 else 0)}f}", unit)
        self.colour_bar.show()
        t = float(self.doc.simulation.time[k])
        self.time_label.setText(self.tr("t = {0:.1f} min").format(t / 60))

    def _wiring_toggled(self, _checked) -> None:
        self.view.show_busbars = self.busbar_check.isChecked()
        self.view.show_path = self.path_check.isChecked()
        if self.view.wiring is not None:
            self.view.wiring.show_busbars = self.view.show_busbars
            self.view.wiring.show_path = self.view.show_path
            self.view.wiring.update()

    # --- cell information ------------------------------------------------------------------
    def cell_info(self, s: int, p: int) -> str:
        parts = [self.tr("DC current share {0:.3f}× mean").format(self.doc.current_share()[s, p])]
        sim = self.doc.simulation
        if sim is not None and self.doc.simulation_matches():
            k = min(self.time_index(), len(sim.time) - 1)
            t = float(sim.time[k])
            bits = []
            if sim.cell_temperature is not None:
                bits.append(f"{float(sim.cell_temperature[k, s, p]) - 273.15:.1f} °C")
            if sim.cell_current is not None:
                bits.append(f"{float(sim.cell_current[k, s, p]):.2f} A")
            if sim.cell_soc is not None:
                bits.append(f"SOC {float(sim.cell_soc[k, s, p]) * 100:.0f} %")
            if bits:
                parts.append(self.tr("at t = {0:.1f} min: ").format(t / 60) + ", ".join(bits))
        return " · ".join(parts)

    def show_envelope(self) -> None:
        lay, d = self.view.layout, self.doc.design
        self.info.setText(self.tr("Envelope L × W × H = {0:.0f} × {1:.0f} × {2:.0f} mm · {3}S{4}P = {5} cells · drag a group onto another to swap them in the series path").format(lay.length * 1e3, lay.width * 1e3, lay.height * 1e3, d.series, d.parallel, d.cell_count))

    def _cell_clicked(self, s: int, p: int) -> None:
        self.info.setText(self.view.describe_cell(s, p))
