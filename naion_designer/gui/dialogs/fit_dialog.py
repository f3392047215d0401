""""New cell from test data…": pick cycler files (or drop them), fit an equivalent-circuit cell
off the UI thread (progress, cancel), see each measured curve against the model with its
residual, the parameters with their units and the hold-out results, and save the cell to the
user's library."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..workers import Task

SUFFIXES = (".csv", ".txt", ".mpr", ".nda", ".ndax")
ROLES = (QT_TRANSLATE_NOOP("FitDialog", "train"),  # the roles of a file in a fit report
         QT_TRANSLATE_NOOP("FitDialog", "hold-out"))


class FileList(QListWidget):
    """A list of data files that accepts files dropped on it."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)

    def paths(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def add_paths(self, paths) -> None:
        have = set(self.paths())
        for p in paths:
            p = str(p)
            if p not in have and Path(p).suffix.lower() in SUFFIXES:
                self.addItem(Path(p).name)
                self.item(self.count() - 1).setData(Qt.ItemDataRole.UserRole, p)
                self.item(self.count() - 1).setToolTip(p)
                have.add(p)
        self.changed.emit()

    def remove_selected(self) -> None:
        for it in self.selectedItems():
            self.takeItem(self.row(it))
        self.changed.emit()

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event):
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event):
        self.add_paths(u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile())
        event.acceptProposedAction()


class FitDialog(QDialog):
    fit_finished = Signal(str)  # "done" | "failed" | "cancelled"

    def __init__(self, template=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New cell from test data"))
        self.resize(1100, 720)
        self.result = None
        self.task: Task | None = None
        self.saved_id = ""
        self.outcome = ""
        lay = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        lay.addWidget(split)
        split.addWidget(self._inputs(template))
        split.addWidget(self._results())
        split.setStretchFactor(1, 3)

    # --- inputs ----------------------------------------------------------------------------
    def _inputs(self, template) -> QWidget:
        from ...io.library import library

        w = QWidget()
        v = QVBoxLayout(w)
        self.train_list, self.hold_list = FileList(), FileList()
        for title, lst in ((self.tr("Training files (drop cycler logs here)"), self.train_list),
                           (self.tr("Held-out files (never seen by the fit)"), self.hold_list)):
            box = QGroupBox(title)
            b = QVBoxLayout(box)
            b.addWidget(lst)
            row = QHBoxLayout()
            add, rem = QPushButton(self.tr("Add…")), QPushButton(self.tr("Remove"))
            add.clicked.connect(lambda _c=False, lst=lst: self._browse(lst))
            rem.clicked.connect(lst.remove_selected)
            row.addWidget(add)
            row.addWidget(rem)
            b.addLayout(row)
            v.addWidget(box)
        form = QFormLayout()
        self.template_combo = QComboBox()
        self.template_combo.addItem(self.tr("none (other fields estimated)"), "")
        for cid in library().ids():
            self.template_combo.addItem(cid, cid)
        if template is not None:
            self.template_combo.setCurrentIndex(max(0, self.template_combo.findData(template.id)))
        self.id_edit = QLineEdit("my-fitted-cell")
        self.capacity_edit = QLineEdit()
        self.capacity_edit.setPlaceholderText(self.tr("from the lowest-rate full discharge"))
        self.rc_spin = QSpinBox()
        self.rc_spin.setRange(1, 3)
        self.rc_spin.setValue(2)
        self.sign_combo = QComboBox()
        self.sign_combo.addItem(self.tr("positive = discharge"), "positive-discharge")
        self.sign_combo.addItem(self.tr("negative = discharge"), "negative-discharge")
        self.ocv_check = QCheckBox(self.tr("keep the template's OCV table"))
        self.fraction_spin = QDoubleSpinBox()  # `cells fit --hold-out-fraction`, in %
        self.fraction_spin.setRange(0.0, 90.0)
        self.fraction_spin.setDecimals(0)
        self.fraction_spin.setSingleStep(5.0)
        self.fraction_spin.setSuffix(" %")
        self.fraction_spin.setSpecialValueText(self.tr("none"))
        self.fraction_spin.setToolTip(self.tr(
            "Also hold out this share of the training files: whole files spread over the list, "
            "or of a single log its tail from the end of a rest"))
        form.addRow(self.tr("Template cell"), self.template_combo)
        form.addRow(self.tr("New cell id"), self.id_edit)
        form.addRow(self.tr("Capacity"), self.capacity_edit)
        form.addRow(self.tr("RC pairs"), self.rc_spin)
        form.addRow(self.tr("Current sign in CSV"), self.sign_combo)
        form.addRow("", self.ocv_check)
        form.addRow(self.tr("Also hold out"), self.fraction_spin)
        v.addLayout(form)
        row = QHBoxLayout()
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.clicked.connect(self.start_fit)
        self.cancel_button = QPushButton(self.tr("Cancel fit"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_fit)
        self.save_button = QPushButton(self.tr("Save to my library"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        for b in (self.fit_button, self.cancel_button, self.save_button):
            row.addWidget(b)
        v.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel(self.tr("Add training files, then Fit."))
        self.status.setWordWrap(True)
        v.addWidget(self.progress)
        v.addWidget(self.status)
        return w

    def _browse(self, lst: FileList) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Cycler logs"), "",
            self.tr("Cycler logs (*.csv *.txt *.mpr *.nda *.ndax);;All files (*)"))
        lst.add_paths(paths)

    # --- results ---------------------------------------------------------------------------
    def _results(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Curve")))
        self.file_combo = QComboBox()
        self.file_combo.currentIndexChanged.connect(self._plot_current)
        top.addWidget(self.file_combo, 1)
        v.addLayout(top)
        self.v_plot = pg.PlotWidget()
        self.v_plot.setBackground("w")
        self.v_plot.addLegend()
        self.v_plot.setLabel("left", self.tr("voltage"), units="V")
        self.v_plot.setLabel("bottom", self.tr("time"), units="s")
        self.e_plot = pg.PlotWidget()
        self.e_plot.setBackground("w")
        self.e_plot.setLabel("left", self.tr("model − measured"), units="V")
        self.e_plot.setLabel("bottom", self.tr("time"), units="s")
        self.e_plot.setXLink(self.v_plot)
        v.addWidget(self.v_plot, 3)
        v.addWidget(self.e_plot, 2)
        tables = QHBoxLayout()
        self.param_table = QTableWidget(0, 2)
        self.param_table.setHorizontalHeaderLabels([self.tr("parameter"), self.tr("value")])
        self.param_table.horizontalHeader().setStretchLastSection(True)
        self.runs_table = QTableWidget(0, 5)
        self.runs_table.setHorizontalHeaderLabels(
            [self.tr("file"), self.tr("role"), self.tr("RMS (mV)"), self.tr("max (mV)"),
             self.tr("capacity error")])
        self.runs_table.horizontalHeader().setStretchLastSection(True)
        tables.addWidget(self.param_table, 2)
        tables.addWidget(self.runs_table, 3)
        v.addLayout(tables, 2)
        return w

    # --- the fit ---------------------------------------------------------------------------
    def options(self):
        from ...core.fit import FitOptions
        from ...core.units import InputError, parse_quantity
        from ...io.library import library

        cid = self.id_edit.text().strip()
        opts = FitOptions(rc_pairs=self.rc_spin.value(), cell_id=cid,
                          ocv_from_template=self.ocv_check.isChecked())
        if self.capacity_edit.text().strip():
            opts.capacity = parse_quantity(self.capacity_edit.text(), "charge", "capacity")
        tid = self.template_combo.currentData()
        if tid:
            opts.template = library().get(tid)
        if opts.ocv_from_template and opts.template is None:
            raise InputError("template", self.tr("keeping the OCV needs a template cell"))
        return opts

    def start_fit(self) -> None:
        from ...core.fit import fit_cell
        from ...io.cycler import read_runs

        if self.task is not None:
            return
        train, hold = self.train_list.paths(), self.hold_list.paths()
        if not train:
            self.status.setText(self.tr("Add at least one training file."))
            return
        try:
            opts = self.options()
        except Exception as exc:  # one line to the user
            self.status.setText(str(exc))
            return
        sign = self.sign_combo.currentData()
        fraction = self.fraction_spin.value() / 100.0

        def work(progress, cancelled):
            from ...core.fit.holdout import select

            opts.progress, opts.cancel = progress, cancelled
            train_runs, hold_runs = read_runs(train, sign), read_runs(hold, sign)
            if fraction > 0:
                train_runs, chosen, opts.hold_out = select(train_runs, fraction)
                hold_runs = chosen + hold_runs
            return fit_cell(train_runs, hold_runs, opts)

        task = Task(work, "cell fit", self)
        self.task = task
        task.progressed.connect(lambda f: self.progress.setValue(int(f * 1000)))
        task.succeeded.connect(self._show_result)
        task.failed.connect(lambda msg: self._done("failed", self.tr("The fit failed: ") + msg))
        task.cancelled.connect(lambda: self._done("cancelled", self.tr("Fit cancelled.")))
        self.fit_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.save_button.setEnabled(False)
        self.progress.setValue(0)
        self.status.setText(self.tr("Fitting…"))
        task.start()

    def cancel_fit(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _done(self, outcome: str, text: str) -> None:
        if self.task is not None:
            self.task.wait()
            self.task = None
        self.outcome = outcome
        self.fit_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.save_button.setEnabled(outcome == "done")
        self.status.setText(text)
        self.fit_finished.emit(outcome)

    def _show_result(self, result) -> None:
        self.result = result
        cell = result.cell
        rows = [(self.tr("capacity"), f"{cell.capacity / 3600:.4g} Ah"),
                (self.tr("R0 (50 % SOC, 1C)"), f"{cell.resistance * 1e3:.4g} mΩ")]
        for j, p in enumerate(cell.rc, start=1):
            rows.append((self.tr("RC %1: R").replace("%1", str(j)),
                         f"{p.resistance * 1e3:.4g} mΩ"))
            rows.append((self.tr("RC %1: C").replace("%1", str(j)), f"{p.capacitance:.4g} F"))
            rows.append((self.tr("RC %1: τ").replace("%1", str(j)), f"{p.tau:.4g} s"))
        rows.append((self.tr("OCV source"), result.ocv_source))
        rows.append((self.tr("capacity source"), result.capacity_source))
        rows.append((self.tr("fit residual"), f"{result.fit_rms * 1e3:.2f} mV"))
        self.param_table.setRowCount(len(rows))
        for r, (k, val) in enumerate(rows):
            self.param_table.setItem(r, 0, QTableWidgetItem(k))
            self.param_table.setItem(r, 1, QTableWidgetItem(val))
        self.runs_table.setRowCount(len(result.reports))
        for r, rep in enumerate(result.reports):
            cap = "" if rep.capacity_error is None else f"{rep.capacity_error * 100:+.2f} %"
            for c, val in enumerate((rep.file, self.tr(rep.role), f"{rep.rms * 1e3:.1f}",
                                     f"{rep.max_error * 1e3:.1f}", cap)):
                self.runs_table.setItem(r, c, QTableWidgetItem(val))
        self.runs_table.resizeColumnsToContents()
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for rep in result.reports:
            self.file_combo.addItem(f"{rep.file} ({self.tr(rep.role)})")
        self.file_combo.blockSignals(False)
        self._plot_current(0)
        held = [r for r in result.reports if r.role == "hold-out"]
        text = self.tr("Fitted %1.").replace("%1", cell.id)
        if held:
            worst = max(held, key=lambda r: r.rms)
            text += " " + self.tr("Worst held-out RMS: %1 mV (%2).").replace(
                "%1", f"{worst.rms * 1e3:.1f}").replace("%2", worst.file)
        self._done("done", text)

    def _plot_current(self, index: int) -> None:
        self.v_plot.clear()
        self.e_plot.clear()
        if self.result is None or not 0 <= index < len(self.result.reports):
            return
        rep = self.result.reports[index]
        self.v_plot.plot(rep.time, rep.measured, pen=pg.mkPen("#0b5394", width=2),
                         name=self.tr("measured"))
        self.v_plot.plot(rep.sim_time, rep.simulated, pen=pg.mkPen("#e69138", width=2),
                         name=self.tr("model"))
        m = rep.time <= rep.sim_time[-1] + 1e-9
        err = np.interp(rep.time[m], rep.sim_time, rep.simulated) - rep.measured[m]
        self.e_plot.plot(rep.time[m], err, pen=pg.mkPen("#990000", width=1))

    def save(self) -> None:
        from ...io.cell_file import write_cell_file
        from ...io.paths import user_cell_dir

        if self.result is None:
            return
        try:
            folder = user_cell_dir()
            folder.mkdir(parents=True, exist_ok=True)
            write_cell_file(self.result.cell, folder / f"{self.result.cell.id}.toml")
        except Exception as exc:  # one line to the user
            self.status.setText(self.tr("Cannot save: ") + str(exc))
            return
        self.saved_id = self.result.cell.id
        self.status.setText(self.tr("Saved %1 to your library.").replace("%1", self.saved_id))
        self.accept()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().reject()
