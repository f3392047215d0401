"""The results dock: every `calc` figure of the current design, live, grouped, with a unit
chooser per quantity kind; figures that break a cell or target limit are highlighted with the
reason.  The last simulation's extremes and the target checks follow."""

from __future__ import annotations

import html
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer, Signal
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

from ...core.checks import check_design
from ...core.limits import check_violations, violations, warnings
from ...core.results import (
    DISPLAY_UNITS,
    RESULT_DEFS,
    Quantity,
    ResultDef,
    display,
    pretty_unit,
)
from ...core.units import InputError, format_number, to_unit
from ..i18n import core_text
from ..target_cache import cached_target


def _target_checks(design, results) -> tuple[list, str]:
    """(checks, error) of the design's target; ([], "") without a target."""
    if not design.target:
        return [], ""
    try:
        return check_design(design, cached_target(design.target), results), ""
    except InputError as exc:  # an unknown or broken target: the user's input, not a bug
        return [], core_text(str(exc).splitlines()[0])


GROUPS = [("electrical", QT_TRANSLATE_NOOP("ResultsPanel", "Electrical")), ("thermal", QT_TRANSLATE_NOOP("ResultsPanel", "Thermal")), ("mechanical", QT_TRANSLATE_NOOP("ResultsPanel", "Mechanical")),
          ("cost", QT_TRANSLATE_NOOP("ResultsPanel", "Cost"))]
BAD_BG = QColor("#fde2e1")
BAD_FG = QColor("#9b1c1c")
OK_FG = QColor("#1b6e2f")
VALUE_MAX_PX = 170
# English figure names that share a long beginning ("Max. continuous discharge current", "…
# charge current") are shortened word by word, in this order, before the column elides them
ABBREVIATIONS = (("Max. continuous ", "Cont. "), ("max. continuous ", "cont. "),
                 ("Interconnect ", "Intercon. "), ("temperature", "temp."),
                 ("resistance", "res."), ("(analysis)", "(an.)"), ("analysis", "an."),
                 ("discharge", "disch."), ("Sustained ", "Sust. "))


def short_name(name: str, width: float, advance) -> str:
    """`name`, or its first abbreviations (ABBREVIATIONS) until it fits `width` pixels as
    measured by `advance` (a font's horizontalAdvance); what still does not fit is elided by
    the view, with the full name in the row's tooltip."""
    for old, new in ABBREVIATIONS:
        if advance(name) <= width:
            break
        name = name.replace(old, new)
    return name
# simulation summary rows: name -> (label, kind)
SIM_ROWS = {"sim_profile": (QT_TRANSLATE_NOOP("ResultsPanel", "Duty cycle"), ""),
            "sim_hottest_cell": (QT_TRANSLATE_NOOP("ResultsPanel", "Hottest cell"), "temperature"),
            "sim_coldest_cell": (QT_TRANSLATE_NOOP("ResultsPanel", "Coldest cell"), "temperature"),
            "sim_min_voltage": (QT_TRANSLATE_NOOP("ResultsPanel", "Lowest pack voltage"), "voltage"),
            "sim_energy": (QT_TRANSLATE_NOOP("ResultsPanel", "Energy delivered"), "energy"),
            "sim_end": (QT_TRANSLATE_NOOP("ResultsPanel", "End"), "")}


@lru_cache(maxsize=256)
def _affine(kind: str, unit: str) -> tuple[float, float]:
    """(a, b) with to_unit(v) = a·v + b: pint once per unit, not once per figure and edit."""
    b = to_unit(0.0, kind, unit) if kind == "temperature" else 0.0
    return to_unit(1.0, kind, unit) - b, b


def fast_display(name: str, q: Quantity, units: dict[str, str]) -> tuple[str, str]:
    """Same text as `core.results.display`, with the unit conversion cached."""
    if q.kind in ("money", "money_per_energy", "dimensionless", "bool"):
        return display(name, q, units)
    unit = units.get(q.kind) or RESULT_DEFS.get(name, ResultDef("", "", "", "")).unit \
        or DISPLAY_UNITS.get(q.kind, ("",))[0]
    a, b = _affine(q.kind, unit)
    return format_number(a * q.value + b, 4), pretty_unit(unit)


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
        self.tree.setHeaderLabels([self.tr("Figure"), self.tr("Value"), self.tr("Unit")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        # elided in the middle: names that share a long beginning ("Max continuous discharge
        # current", "… power") stay told apart by their ends
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        h = self.tree.header()
        # widths are set once per refresh (`_fit_columns`): ResizeToContents re-measures every
        # row on every change, and a stretched first column cut the figure names short
        for col in range(3):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(False)
        lay.addWidget(self.tree)
        self.tree.viewport().installEventFilter(self)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._names: dict[str, str] = {}  # the full name of each row (the column may shorten it)
        self._pending = False  # a refresh is scheduled (the window was not shown yet)
        self.reasons: dict[str, str] = {}
        self._keys: list[str] | None = None
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
        if doc is not None and not self.window().isVisible():
            # before the window is first shown (a file given at start-up): the window paints
            # first, the figures (the circuit solver pulls in scipy) follow at once
            self.header.setText(self.tr("Computing…"))
            self._pending = True
            QTimer.singleShot(0, self._refresh_pending)
            return
        self.refresh()

    def _refresh_pending(self) -> None:
        if self._pending:
            self.refresh()

    @property
    def items(self) -> dict[str, QTreeWidgetItem]:
        """The value rows by result name (a scheduled refresh is done first)."""
        if self._pending:
            self.refresh()
        return self._items

    def set_units(self, units: dict[str, str]) -> None:
        self.units = dict(units)
        self.refresh()

    def value_text(self, name: str) -> str:
        """'10.75 kWh' as shown (tests and the status bar)."""
        item = self.items[name]
        return f"{item.text(1)} {item.text(2)}".strip()

    # --- build -----------------------------------------------------------------------------
    def refresh(self, *_args) -> None:
        """Recompute the rows; the tree is rebuilt only when the set of rows changes (an edit
        usually changes values only, which is updated in place: fast on big packs)."""
        self._pending = False
        rows = self._rows()
        keys = [r["key"] for r in rows]
        self.tree.setUpdatesEnabled(False)
        try:
            if keys != self._keys:
                self._rebuild(rows)
                self._keys = keys
            else:
                self._update(rows)
            self._fit_columns()
        finally:
            self.tree.setUpdatesEnabled(True)

    def _fit_columns(self) -> None:
        """Values and units always in view (values up to VALUE_MAX_PX; longer texts, e.g. a duty
        cycle's name, are elided with a tooltip); the names take the rest, in full where they
        fit, else elided in the middle with the full name as their tooltip."""
        t = self.tree
        fm = t.fontMetrics()
        pad = 3 * fm.horizontalAdvance("M")
        # as wide as the widest number (texts longer than a number are elided): the names get
        # the room a long text value would otherwise take
        cap = min(VALUE_MAX_PX, fm.horizontalAdvance("−000,000.00") + pad)
        w_value = min(cap, max([fm.horizontalAdvance(i.text(1)) for i in
                                self._items.values()] + [40]) + pad)
        w_unit = max([fm.horizontalAdvance(i.text(2)) for i in self._items.values()] + [30]) \
            + pad + (24 if self._unit_combos else 0)
        w_name = max([fm.horizontalAdvance(self._names.get(k, i.text(0)))
                      for k, i in self._items.items()] + [80]) + pad
        spare = t.viewport().width() - w_value - w_unit
        h = t.header()
        w0 = max(spare, 12 * fm.horizontalAdvance("n")) if w_name > spare else spare
        h.resizeSection(0, w0)
        h.resizeSection(1, w_value)
        h.resizeSection(2, w_unit)
        for key, item in self._items.items():
            full = self._names.get(key, item.text(0))
            text = short_name(full, w0 - pad, fm.horizontalAdvance)
            if item.text(0) != text:
                item.setText(0, text)

    def eventFilter(self, obj, event) -> bool:
        # the tree's viewport, not the panel: a vertical scroll bar narrows only the viewport;
        # widths depend on the viewport's width alone, so refitting converges at once
        if obj is self.tree.viewport() and event.type() == QEvent.Type.Resize \
                and event.size().width() != event.oldSize().width():
            self._fit_columns()
        return False

    def _rows(self) -> list[dict]:
        rows: list[dict] = []
        self.reasons = {}
        if self.doc is None:
            self.header.setText(self.tr("No design open"))
            return rows
        d = self.doc.design
        results = self.doc.results()
        if results is None:
            self.header.setText(self.tr("<b>Cannot compute this design:</b> {0}").format(core_text(self.doc.results_error())))
            return rows
        sim = self.doc.simulation if self.doc.simulation_matches() else None
        self.reasons = violations(d, results, sim)
        n_est = len(d.cell.estimated)
        est = ("<br><span style='color:#8a6d00'>⚠ " + self.tr(
            "{0} cell figure(s) estimated (not published)").format(n_est) + "</span>"
            if n_est else "")
        self.header.setToolTip(self.tr("Estimated cell figures: {0}").format(
            ", ".join(d.cell.estimated)) if n_est else "")
        checks, err = _target_checks(d, results)
        for name, reason in check_violations(checks).items():
            if name in results and name not in self.reasons:
                self.reasons[name] = core_text(reason) or self.tr("fails the target")
        n_bad = len(self.reasons)
        flag = (" · <span style='color:#9b1c1c'>" + self.tr("{0} limit(s) exceeded").format(n_bad)
                + "</span>" if n_bad else "")
        warn = "".join(f"<br><span style='color:#9b1c1c'>⚠ {html.escape(f)}: "
                       f"{html.escape(core_text(m))}</span>" for f, m in warnings(d, results))
        self.header.setText(self.tr("<b>{0}S{1}P</b> of {2} {3} · {4} cells{5}{6}").format(
            d.series, d.parallel, d.cell.maker, d.cell.model, d.cell_count, flag, est) + warn)
        for group, title in GROUPS:
            names = [n for n in results
                     if (RESULT_DEFS[n].group if n in RESULT_DEFS else "electrical") == group]
            if names:
                rows.append({"key": f"#{group}", "type": "heading", "texts": (self.tr(title), "", "")})
                for name in names:
                    rows.append(self._value_row(name, core_text(RESULT_DEFS[name].label), results[name],
                                                RESULT_DEFS[name].help))
        if sim is not None:
            rows.append({"key": "#sim", "type": "heading", "texts": ("Last simulation", "", "")})
            rows += self._sim_rows(sim)
        if d.target:
            rows.append({"key": "#target", "type": "heading",
                         "texts": (self.tr("Target: {0}").format(d.target), "", "")})
            if err:
                rows.append({"key": "target:error", "type": "text",
                             "texts": ("Target", "not checked", ""), "tip": err, "bad": True})
            for c in checks:
                rows.append(self._check_row(c))
        return rows

    def _value_row(self, name: str, label: str, q: Quantity, help_text: str = "") -> dict:
        num, unit = fast_display(name, q, self.units)
        bad = name in self.reasons
        tip = (f"⚠ {self.reasons[name]}" + (f"\n({help_text})" if help_text else "")) if bad \
            else help_text
        tip = f"{label}\n{tip}" if tip else label  # the full name, should the column elide it
        choices = DISPLAY_UNITS.get(q.kind, ())
        kind = q.kind if len(choices) > 1 and q.kind not in ("money", "money_per_energy") \
            else ""
        current = ""
        if kind:
            current = self.units.get(kind) or (RESULT_DEFS[name].unit if name in RESULT_DEFS
                                               else choices[0])
        return {"key": name, "type": "value", "texts": (("⚠ " if bad else "") + label, num, unit),
                "tip": tip, "bad": bad, "kind": kind, "unit": current}

    def _sim_rows(self, sim) -> list[dict]:
        doc = self.doc
        rows = [{"key": "sim_profile", "type": "text",
                 "texts": (self.tr(SIM_ROWS["sim_profile"][0]), doc.simulation_profile, ""),
                 "tip": doc.simulation_profile, "bad": False}]
        values = {"sim_hottest_cell": Quantity(float(np.max(sim.max_cell_temperature)),
                                               "temperature"),
                  "sim_coldest_cell": Quantity(float(np.min(sim.min_cell_temperature)),
                                               "temperature"),
                  "sim_min_voltage": Quantity(float(np.min(sim.pack_voltage)), "voltage")}
        t = np.asarray(sim.time, float)
        if t.size > 1:
            e = float(np.sum(0.5 * (sim.pack_voltage[1:] * sim.pack_current[1:]
                                    + sim.pack_voltage[:-1] * sim.pack_current[:-1])
                             * np.diff(t)))
            values["sim_energy"] = Quantity(abs(e), "energy")
        for name, q in values.items():
            rows.append(self._value_row(name, self.tr(SIM_ROWS[name][0]), q))
        if sim.cutoff:
            end = str(sim.cutoff)
        else:
            end = "completed"
            if t.size:
                end += f", {t[-1] / 3600:.1f} h" if t[-1] > 3 * 3600 else f", {t[-1] / 60:.0f} min"
        rows.append({"key": "sim_end", "type": "text", "texts": ("End", end, ""),
                     "tip": self.reasons.get("sim_end", end), "bad": "sim_end" in self.reasons})
        return rows

    def _check_row(self, c) -> dict:
        passed = bool(getattr(c, "passed", False))
        value, required = getattr(c, "value", ""), getattr(c, "required", "")
        unit = getattr(c, "unit", "")
        name = getattr(c, "name", "check")
        text = f"{value:.4g}" if isinstance(value, (int, float)) else str(value)
        req = f"{required:.4g}" if isinstance(required, (int, float)) else str(required)
        tip = f"required {req} {pretty_unit(unit)}".strip()
        reason = getattr(c, "reason", "")
        if reason:
            tip += f"\n{core_text(reason)}"
        label = core_text(getattr(c, "label", "") or name.replace("_", " "))
        return {"key": f"target:{name}", "type": "check", "bad": not passed, "ok": passed,
                "texts": (("✓ " if passed else "✗ ") + label, text, pretty_unit(unit)),
                "tip": tip}

    def _rebuild(self, rows: list[dict]) -> None:
        self.tree.clear()
        self._items.clear()
        self._names.clear()
        self._unit_combos.clear()
        bold = QFont()
        bold.setBold(True)
        for r in rows:
            item = QTreeWidgetItem(list(r["texts"]))
            if r["type"] == "heading":
                item.setFont(0, bold)
                item.setFirstColumnSpanned(True)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setBackground(0, QBrush(QColor("#e8edf3")))
                self.tree.addTopLevelItem(item)
                continue
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, Qt.ItemDataRole.UserRole, r["key"])
            self._names[r["key"]] = r["texts"][0]
            self.tree.addTopLevelItem(item)
            self._items[r["key"]] = item
            self._style(item, r)
            if r.get("kind"):
                combo = QComboBox()
                combo.setProperty("result", r["key"])
                for u in DISPLAY_UNITS[r["kind"]]:
                    combo.addItem(pretty_unit(u), u)
                combo.setCurrentIndex(max(0, combo.findData(r["unit"])))
                combo.setFrame(False)
                combo.setToolTip(self.tr("Unit for every {0} figure").format(r['kind'].replace('_', ' ')))
                combo.activated.connect(lambda _i, c=combo, k=r["kind"]: self._unit_chosen(k, c))
                self._unit_combos.append((combo, r["kind"]))
                self.tree.setItemWidget(item, 2, combo)

    def _update(self, rows: list[dict]) -> None:
        combos = {c.property("result"): c for c, _k in self._unit_combos}
        for r in rows:
            if r["type"] == "heading":
                continue
            item = self._items[r["key"]]
            self._names[r["key"]] = r["texts"][0]
            for col, text in enumerate(r["texts"][1:], start=1):
                if item.text(col) != text:
                    item.setText(col, text)
            self._style(item, r)
            combo = combos.get(r["key"])
            if combo is not None and combo.currentData() != r["unit"]:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(r["unit"])))
                combo.blockSignals(False)

    def _style(self, item: QTreeWidgetItem, r: dict) -> None:
        bad, ok = r.get("bad", False), r.get("ok", False)
        state = "bad" if bad else ("ok" if ok else "")
        if item.data(1, Qt.ItemDataRole.UserRole) == state and \
                item.toolTip(0) == r.get("tip", ""):
            return
        item.setData(1, Qt.ItemDataRole.UserRole, state)
        for col in range(3):
            item.setToolTip(col, r.get("tip", ""))
            item.setBackground(col, QBrush(BAD_BG) if bad else QBrush())
            item.setForeground(col, QBrush(BAD_FG) if bad else
                               (QBrush(OK_FG) if ok else QBrush()))

    def _unit_chosen(self, kind: str, combo: QComboBox) -> None:
        self.units[kind] = combo.currentData()
        self.units_changed.emit(dict(self.units))
        self.refresh()

