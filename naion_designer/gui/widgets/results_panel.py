"""The results dock: every `calc` figure of the current design, live, grouped, with a unit
chooser per quantity kind; figures that break a cell or target limit are highlighted with the
reason.  The last simulation's extremes and the target checks follow."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.results import DISPLAY_UNITS, RESULT_DEFS, Quantity, display, pretty_unit
from ..limits import target_checks, violations

GROUPS = [("electrical", "Electrical"), ("thermal", "Thermal"), ("mechanical", "Mechanical"),
          ("cost", "Cost")]
BAD_BG = QColor("#fde2e1")
BAD_FG = QColor("#9b1c1c")
OK_FG = QColor("#1b6e2f")
# simulation summary rows: name -> (label, kind)
SIM_ROWS = {"sim_profile": ("Duty cycle", ""),
            "sim_hottest_cell": ("Hottest cell", "temperature"),
            "sim_coldest_cell": ("Coldest cell", "temperature"),
            "sim_min_voltage": ("Lowest pack voltage", "voltage"),
            "sim_energy": ("Energy delivered", "energy"),
            "sim_end": ("End", "")}


class ResultsPanel(QWidget):
    units_changed = Signal(dict)

    def __init__(self, units: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.doc = None
        self.units = dict(units or {})
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(self.header)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Figure", "Value", "Unit"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        h = self.tree.header()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        h.setStretchLastSection(False)
        lay.addWidget(self.tree)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.reasons: dict[str, str] = {}
        self._unit_combos: list[tuple[QComboBox, str]] = []

    # --- document --------------------------------------------------------------------------
    def set_document(self, doc) -> None:
        if self.doc is not None:
            for sig in (self.doc.design_changed, self.doc.simulation_changed):
                try:
                    sig.disconnect(self.refresh)
                except (RuntimeError, TypeError):
                    pass
        self.doc = doc
        if doc is not None:
            doc.design_changed.connect(self.refresh)
            doc.simulation_changed.connect(self.refresh)
        self.refresh()

    def set_units(self, units: dict[str, str]) -> None:
        self.units = dict(units)
        self.refresh()

    def value_text(self, name: str) -> str:
        """'10.75 kWh' as shown (tests and the status bar)."""
        item = self.items[name]
        return f"{item.text(1)} {item.text(2)}".strip()

    # --- build -----------------------------------------------------------------------------
    def refresh(self, *_args) -> None:
        self.tree.clear()
        self.items.clear()
        self._unit_combos.clear()
        if self.doc is None:
            self.header.setText("No design open")
            return
        d = self.doc.design
        results = self.doc.results()
        if results is None:
            self.header.setText(f"<b>Cannot compute this design:</b> {self.doc.results_error()}")
            return
        sim = self.doc.simulation if self.doc.simulation_matches() else None
        self.reasons = violations(d, results, sim)
        n_est = len(d.cell.estimated)
        est = (f"<br><span style='color:#8a6d00'>⚠ {n_est} cell figure"
               f"{'s' if n_est != 1 else ''} estimated (not published)</span>" if n_est else "")
        self.header.setToolTip("Estimated cell figures: " + ", ".join(d.cell.estimated)
                               if n_est else "")
        n_bad = len(self.reasons)
        flag = (f" · <span style='color:#9b1c1c'>{n_bad} limit"
                f"{'s' if n_bad != 1 else ''} exceeded</span>" if n_bad else "")
        self.header.setText(f"<b>{d.series}S{d.parallel}P</b> of {d.cell.maker} {d.cell.model} "
                            f"· {d.cell_count} cells{flag}{est}")
        bold = QFont()
        bold.setBold(True)
        for group, title in GROUPS:
            names = [n for n, q in results.items()
                     if (RESULT_DEFS[n].group if n in RESULT_DEFS else "electrical") == group]
            if not names:
                continue
            self._heading(title, bold)
            for name in names:
                self._row(name, RESULT_DEFS[name].label, results[name], RESULT_DEFS[name].help)
        if sim is not None:
            self._heading("Last simulation", bold)
            self._sim_rows(sim)
        checks, err = target_checks(d)
        if d.target:
            self._heading(f"Target: {d.target}", bold)
            if err:
                item = QTreeWidgetItem(["Target", "not checked", ""])
                item.setToolTip(0, err)
                item.setToolTip(1, err)
                self.tree.addTopLevelItem(item)
            for c in checks:
                self._check_row(c)
        for combo, _kind in self._unit_combos:
            self.tree.setItemWidget(self.items[combo.property("result")], 2, combo)

    def _heading(self, title: str, font: QFont) -> None:
        item = QTreeWidgetItem([title, "", ""])
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setBackground(0, QBrush(QColor("#e8edf3")))
        self.tree.addTopLevelItem(item)

    def _row(self, name: str, label: str, q: Quantity, help_text: str = "") -> None:
        num, unit = display(name, q, self.units)
        item = QTreeWidgetItem([label, num, unit])
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, Qt.ItemDataRole.UserRole, name)
        tip = help_text
        if name in self.reasons:
            tip = f"⚠ {self.reasons[name]}" + (f"\n({help_text})" if help_text else "")
            for col in range(3):
                item.setBackground(col, QBrush(BAD_BG))
                item.setForeground(col, QBrush(BAD_FG))
            item.setText(0, f"⚠ {label}")
        for col in range(3):
            item.setToolTip(col, tip)
        self.tree.addTopLevelItem(item)
        self.items[name] = item
        choices = DISPLAY_UNITS.get(q.kind, ())
        if len(choices) > 1 and q.kind not in ("money", "money_per_energy"):
            combo = QComboBox()
            combo.setProperty("result", name)
            for u in choices:
                combo.addItem(pretty_unit(u), u)
            current = self.units.get(q.kind) or (RESULT_DEFS[name].unit if name in RESULT_DEFS
                                                 else choices[0])
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.setFrame(False)
            combo.setToolTip(f"Unit for every {q.kind.replace('_', ' ')} figure")
            combo.activated.connect(lambda _i, c=combo, k=q.kind: self._unit_chosen(k, c))
            self._unit_combos.append((combo, q.kind))

    def _unit_chosen(self, kind: str, combo: QComboBox) -> None:
        self.units[kind] = combo.currentData()
        self.units_changed.emit(dict(self.units))
        self.refresh()

    def _sim_rows(self, sim) -> None:
        doc = self.doc
        rows = {"sim_hottest_cell": Quantity(float(np.max(sim.max_cell_temperature)),
                                             "temperature"),
                "sim_coldest_cell": Quantity(float(np.min(sim.min_cell_temperature)),
                                             "temperature"),
                "sim_min_voltage": Quantity(float(np.min(sim.pack_voltage)), "voltage")}
        t = np.asarray(sim.time, float)
        if t.size > 1:
            e = float(np.sum(0.5 * (sim.pack_voltage[1:] * sim.pack_current[1:]
                                    + sim.pack_voltage[:-1] * sim.pack_current[:-1])
                             * np.diff(t)))
            rows["sim_energy"] = Quantity(abs(e), "energy")
        self._text_row("sim_profile", SIM_ROWS["sim_profile"][0], doc.simulation_profile)
        for name, q in rows.items():
            self._row(name, SIM_ROWS[name][0], q)
        end = sim.cutoff or f"completed ({t[-1] / 60:.1f} min)" if t.size else "completed"
        self._text_row("sim_end", "End", str(end))

    def _text_row(self, name: str, label: str, text: str) -> None:
        item = QTreeWidgetItem([label, text, ""])
        item.setToolTip(1, text)
        if name in self.reasons:
            item.setForeground(1, QBrush(BAD_FG))
            item.setToolTip(1, self.reasons[name])
        self.tree.addTopLevelItem(item)
        self.items[name] = item

    def _check_row(self, c) -> None:
        passed = bool(getattr(c, "passed", False))
        value, required = getattr(c, "value", ""), getattr(c, "required", "")
        unit = getattr(c, "unit", "")
        name = getattr(c, "name", "check")
        text = f"{value:.4g}" if isinstance(value, (int, float)) else str(value)
        req = f"{required:.4g}" if isinstance(required, (int, float)) else str(required)
        item = QTreeWidgetItem([("✓ " if passed else "✗ ") + name.replace("_", " "),
                                text, unit])
        tip = f"required {req} {unit}".strip()
        reason = getattr(c, "reason", "")
        if reason:
            tip += f"\n{reason}"
        for col in range(3):
            item.setToolTip(col, tip)
            if not passed:
                item.setBackground(col, QBrush(BAD_BG))
                item.setForeground(col, QBrush(BAD_FG))
            else:
                item.setForeground(col, QBrush(OK_FG))
        self.tree.addTopLevelItem(item)
        self.items[f"target:{name}"] = item
        if not passed and name in self.items and name in RESULT_DEFS:
            row = self.items[name]
            self.reasons[name] = reason or f"target requires {req} {unit}"
            for col in range(3):
                row.setBackground(col, QBrush(BAD_BG))
                row.setForeground(col, QBrush(BAD_FG))
                row.setToolTip(col, f"⚠ {self.reasons[name]}")
