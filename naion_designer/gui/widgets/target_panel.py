"""The target panel: pick an application target (presets, the user's own, or a file), edit its
requirements, and see a pass/fail badge per requirement for the current design.

Interface: `TargetPanel(QWidget)`, `set_design(design)`, signal
`target_changed(str)` (a target id or path; "" for none).  Editing a field re-checks the design
against the edited target at once; "Save as…" writes it as a user target (or any file) and makes
it the design's target.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.checks import check_design, margin_text
from ...core.targets import Target
from ...core.units import InputError
from ...io.target_file import (
    target_from_dict,
    target_to_dict,
    user_target_dir,
    write_target_file,
)
from ..i18n import core_text
from ..messages import first_line
from ..target_cache import cached_presets, cached_target
from ..workers import Task
from .target_fields import (
    ERROR_STYLE,
    FAIL_BG,
    FAIL_FG,
    FIELDS,
    NUMBER_KEYS,
    NV_BG,
    NV_FG,
    PASS_BG,
    PASS_FG,
    SECTION_TITLES,
    _dotted,
    _num,
)

log = logging.getLogger(__name__)


class TargetPanel(QWidget):
    target_changed = Signal(str)
    duty_cycle_done = Signal(object)  # the duty-cycle Check (or an error text)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._design = None
        self._target: Target | None = None  # as loaded
        self._edited: Target | None = None  # with the editor's changes (None = invalid)
        self._ref = ""  # the id or path of the loaded target
        self._loading = False
        self.edits: dict[str, QLineEdit] = {}
        self._checks: list = []
        self._duty = None  # (design, target, Check) of the last duty-cycle run
        self._duty_worker: Task | None = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setObjectName("target_picker")
        self.picker.setMinimumContentsLength(18)
        self.picker.activated.connect(self._picked)
        row.addWidget(self.picker, 1)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setToolTip(self.tr("Save the edited target as your own target and use it"))
        self.save_button.clicked.connect(self._save_as)
        row.addWidget(self.save_button)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self._revert)
        row.addWidget(self.revert_button)
        lay.addLayout(row)

        self.summary = QLabel()
        self.summary.setObjectName("target_summary")
        self.summary.setWordWrap(True)
        f = QFont(self.summary.font())
        f.setBold(True)
        self.summary.setFont(f)
        lay.addWidget(self.summary)
        drow = QHBoxLayout()
        self.duty_button = QPushButton(self.tr("Simulate duty cycle"))
        self.duty_button.setObjectName("target_duty_cycle")
        self.duty_button.setToolTip(self.tr("Run the target's duty cycle through the time-domain "
                                    "simulation and add the result to the checks"))
        self.duty_button.clicked.connect(self.run_duty_cycle)
        drow.addWidget(self.duty_button)
        self.duty_label = QLabel()
        self.duty_label.setWordWrap(True)
        drow.addWidget(self.duty_label, 1)
        lay.addLayout(drow)

        split = QSplitter(Qt.Orientation.Vertical)
        self.checks_tree = QTreeWidget()
        self.checks_tree.setObjectName("target_checks")
        self.checks_tree.setColumnCount(5)
        self.checks_tree.setHeaderLabels(["", self.tr("Requirement"), self.tr("Design"), self.tr("Required"), self.tr("Margin")])
        self.checks_tree.setRootIsDecorated(False)
        self.checks_tree.setUniformRowHeights(True)
        h = self.checks_tree.header()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for c in (2, 3, 4):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        h.setStretchLastSection(False)
        self.checks_tree.currentItemChanged.connect(self._show_reason)
        split.addWidget(self.checks_tree)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setObjectName("target_reason")
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        editor = QWidget()
        ev = QVBoxLayout(editor)
        ev.setContentsMargins(0, 0, 0, 0)
        groups: dict[str, QFormLayout] = {}
        for section, key, label, hint in FIELDS:
            if section not in groups:
                box = QGroupBox(self.tr(SECTION_TITLES[section]))
                groups[section] = QFormLayout(box)
                ev.addWidget(box)
            e = QLineEdit()
            e.setPlaceholderText(self.tr(hint))
            name = _dotted(section, key)
            e.setObjectName(f"target_field_{name}")
            e.editingFinished.connect(self._edited_field)
            self.edits[name] = e
            groups[section].addRow(self.tr(label), e)
        ev.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.reason)
        self.error = QLabel()
        self.error.setObjectName("target_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        bl.addWidget(self.error)
        bl.addWidget(scroll, 1)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 420])
        lay.addWidget(split, 1)
        self.refresh_presets()
        self._show_target(None, "")
        self._update_checks()

    # --- public API ---------------------------------------------------------------------------
    def set_design(self, design) -> None:
        """Follow the current design: select its target and check it."""
        self._design = design
        ref = getattr(design, "target", "") if design is not None else ""
        if ref != self._ref:
            self._load_ref(ref)
        self._update_checks()

    def target(self) -> Target | None:
        """The target as edited (None when no target or the edits are invalid)."""
        return self._edited

    def checks(self) -> list:
        return list(self._checks)

    def select_target(self, ref: str) -> None:
        """Select a target by preset id or path and tell the main window (target_changed)."""
        self._load_ref(ref)
        self._update_checks()
        self.target_changed.emit(self._ref)

    def refresh_presets(self) -> None:
        self._loading = True
        try:
            self.picker.clear()
            self.picker.addItem(self.tr("(no target)"), "")
            try:
                all_t = cached_presets()
            except InputError as exc:
                all_t = {}
                self.error.setText(str(exc))
            for t in all_t.values():
                tag = "" if t.origin == "preset" else "  (yours)"
                self.picker.addItem(f"{core_text(t.name)}{tag}", t.id)
                self.picker.setItemData(self.picker.count() - 1,
                                        core_text(t.description) or t.source,
                                        Qt.ItemDataRole.ToolTipRole)
            self.picker.addItem(self.tr("Open target file…"), "__open__")
            self._select_in_picker(self._ref)
        finally:
            self._loading = False

    # --- loading and editing ------------------------------------------------------------------
    def _select_in_picker(self, ref: str) -> None:
        i = self.picker.findData(ref)
        if i < 0 and ref:
            self.picker.insertItem(self.picker.count() - 1, Path(ref).name, ref)
            i = self.picker.findData(ref)
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(max(i, 0))
        self.picker.blockSignals(False)

    def _load_ref(self, ref: str) -> None:
        if not ref:
            self._show_target(None, "")
            return
        try:
            t = cached_target(ref)
        except InputError as exc:
            self._show_target(None, ref)
            self.error.setText(self.tr("Cannot load the target: {0}").format(core_text(str(exc))))
            return
        self._show_target(t, ref)

    def _show_target(self, t: Target | None, ref: str) -> None:
        self._target, self._edited, self._ref = t, t, ref
        self._select_in_picker(ref)
        self._loading = True
        try:
            d = target_to_dict(t) if t is not None else {}
            for section, key, _label, _hint in FIELDS:
                v = d.get(key) if not section else d.get(section, {}).get(key)
                e = self.edits[_dotted(section, key)]
                if isinstance(v, list):
                    text = ", ".join(str(x) for x in v)
                elif isinstance(v, bool):
                    text = "true" if v else "false"
                elif v is None:
                    text = ""
                else:
                    text = str(v)
                e.setText(text)
                e.setStyleSheet("")
                e.setEnabled(t is not None)
        finally:
            self._loading = False
        self.error.setText("")
        self.save_button.setEnabled(t is not None)
        self.revert_button.setEnabled(False)

    def _form_dict(self) -> dict:
        d: dict = {"format": "naion-target", "version": 1}
        base = target_to_dict(self._target) if self._target is not None else {}
        if base.get("voltage", {}).get("full_range"):
            d["voltage"] = {"full_range": True}
        for section, key, _label, _hint in FIELDS:
            text = self.edits[_dotted(section, key)].text().strip()
            if not text:
                continue
            name = _dotted(section, key)
            value: object = text
            if name in NUMBER_KEYS:
                try:
                    value = float(text)
                except ValueError:
                    value = text  # the parser names the field
                if name == "life.cycles" and isinstance(value, float) and value == int(value):
                    value = int(value)
            elif name == "cost.budget":
                value = [p.strip() for p in text.split(",") if p.strip()]
            if section:
                d.setdefault(section, {})[key] = value
            else:
                d[key] = value
        return d

    def _edited_field(self) -> None:
        if self._loading or self._target is None:
            return
        for e in self.edits.values():
            e.setStyleSheet("")
        try:
            t = target_from_dict(self._form_dict())
        except InputError as exc:
            self._edited = None
            self.error.setText(str(exc))
            field = exc.field.split("[")[0]
            if field in self.edits:
                self.edits[field].setStyleSheet(ERROR_STYLE)
            self._update_checks()
            return
        self.error.setText("")
        from dataclasses import replace

        self._edited = replace(t, origin=self._target.origin)
        self.revert_button.setEnabled(self._edited != self._target)
        self._update_checks()

    def _revert(self) -> None:
        self._show_target(self._target, self._ref)
        self._update_checks()

    def _picked(self, index: int) -> None:
        if self._loading:
            return
        data = self.picker.itemData(index)
        if data == "__open__":
            path, _ = QFileDialog.getOpenFileName(self, "Open target file", "",
                                                  "Target files (*.toml);;All files (*)")
            if not path:
                self._select_in_picker(self._ref)
                return
            data = path
        self.select_target(data or "")

    def save_to(self, path: str | Path) -> str:
        """Write the edited target to `path`, select it and return its reference."""
        t = self._edited
        if t is None:
            raise InputError("target", self.error.text() or "nothing to save")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_target_file(t, path)
        ref = t.id if path.parent == user_target_dir() else str(path)
        self.refresh_presets()
        self.select_target(ref)
        return ref

    def _save_as(self) -> None:
        t = self._edited
        if t is None:
            return
        new_id = t.id if t.origin != "preset" else f"{t.id}-custom"
        new_id = re.sub(r"[^a-z0-9-]+", "-", new_id.lower()).strip("-") or "my-target"
        from dataclasses import replace

        self._edited = replace(t, id=new_id)
        default = str(user_target_dir() / f"{new_id}.toml")
        path, _ = QFileDialog.getSaveFileName(self, "Save target", default,
                                              "Target files (*.toml)")
        if not path:
            self._edited = t
            return
        try:
            self.save_to(path)
        except (InputError, OSError) as exc:
            self.error.setText(self.tr("Cannot save the target: {0}").format(core_text(str(exc))))

    # --- checks -------------------------------------------------------------------------------
    def run_duty_cycle(self) -> None:
        t = self._edited
        if t is None or not t.duty_cycle or self._design is None or self._duty_worker:
            return
        from ...core.checks import check_duty_cycle
        from ...io.target_file import duty_cycle_profile

        design = self._design
        w = Task(lambda _progress, _cancelled: check_duty_cycle(design, t, duty_cycle_profile(t, design)),
                 "duty cycle", self)
        w.succeeded.connect(lambda res, d=design, t=t: self._duty_finished(d, t, res))
        w.failed.connect(lambda msg, d=design, t=t: self._duty_finished(d, t, msg))
        w.cancelled.connect(lambda d=design, t=t: self._duty_finished(d, t, "cancelled"))
        w.finished.connect(w.deleteLater)
        self._duty_worker = w
        self.duty_button.setEnabled(False)
        self.duty_label.setText(self.tr("Simulating '{0}'…").format(t.duty_cycle))
        w.start()

    def _duty_finished(self, design, target, res) -> None:
        self._duty_worker = None
        if isinstance(res, str):
            self.duty_label.setText(self.tr("Duty cycle not simulated: {0}").format(core_text(res)))
        else:
            self._duty = (design, target, res)
            self.duty_label.setText("")
        self._update_checks()
        self.duty_cycle_done.emit(res)

    def _update_duty_button(self) -> None:
        t = self._edited
        ok = (t is not None and bool(t.duty_cycle) and self._design is not None
              and self._duty_worker is None)
        self.duty_button.setEnabled(ok)
        self.duty_button.setVisible(t is not None and bool(t.duty_cycle))
        if t is None or not t.duty_cycle:
            self.duty_label.setText("")

    def _update_checks(self) -> None:
        self.checks_tree.clear()
        self._checks = []
        self.reason.setText("")
        self._update_duty_button()
        t = self._edited
        self.summary.setStyleSheet("")  # neutral: only checks are coloured as pass or fail
        if self._design is None:
            self.summary.setText(self.tr("No design open.") if t is None else
                                 self.tr("{0}: open a design to check it.").format(core_text(t.name)))
            return
        if t is None:
            self.summary.setText(
                self.tr("No target: pick an application to check the design against.")
                if self._target is None else
                self.tr("The edited target is not valid (see below)."))
            return
        try:
            checks = check_design(self._design, t)
        except Exception as exc:  # a check bug must not break the panel
            log.exception("shown to the user as one line")
            self.summary.setText(self.tr("Cannot check the design: {0}").format(core_text(first_line(exc))))
            return
        if self._duty is not None and self._duty[0] is self._design and self._duty[1] == t:
            checks = [*checks, self._duty[2]]
        self._checks = checks
        failed = [c for c in checks if not c.passed]
        unverified = [c for c in checks if c.passed and not c.verified]
        n_ok = len(checks) - len(failed)
        text = self.tr("{0}: {1} of {2} requirements met").format(core_text(t.name), n_ok,
                                                                  len(checks))
        if unverified:
            text += self.tr(" ({0} not verified)").format(len(unverified))
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {(FAIL_FG if failed else PASS_FG).name()};")
        for c in checks:
            state = "PASS" if c.passed and c.verified else "FAIL" if not c.passed else "n/v"
            bg, fg = ((PASS_BG, PASS_FG) if state == "PASS" else
                      (FAIL_BG, FAIL_FG) if state == "FAIL" else (NV_BG, NV_FG))
            badge = {"PASS": self.tr("PASS"), "FAIL": self.tr("FAIL"), "n/v": self.tr("n/v")}[state]
            item = QTreeWidgetItem([badge, core_text(c.label or c.name), _num(c.value, c.unit),
                                    _num(c.required, c.unit), margin_text(c)])
            item.setData(0, Qt.ItemDataRole.UserRole, c.name)
            item.setToolTip(1, c.reason)
            for col in range(5):
                item.setToolTip(col, c.reason)
            item.setBackground(0, QBrush(bg))
            item.setForeground(0, QBrush(fg))
            f = item.font(0)
            f.setBold(True)
            item.setFont(0, f)
            for col in (2, 3, 4):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.checks_tree.addTopLevelItem(item)

    def _show_reason(self, item, _prev=None) -> None:
        if item is None:
            self.reason.setText("")
            return
        self.reason.setText(item.toolTip(1))

    def closeEvent(self, event) -> None:
        if self._duty_worker is not None:
            self._duty_worker.wait(30000)
        super().closeEvent(event)

    def badge_of(self, name: str) -> str:
        """The badge text shown for a requirement ("PASS", "FAIL", "n/v"; "" if absent)."""
        for i in range(self.checks_tree.topLevelItemCount()):
            it = self.checks_tree.topLevelItem(i)
            if it.data(0, Qt.ItemDataRole.UserRole) == name:
                return it.text(0)
        return ""
