"""The cell library dock: search, filters (format, chemistry, maker), sortable columns with units,
a details view showing the source and flagging estimated figures, import of a cell file and an
editor for the user's own cells (saved to `paths.user_cell_dir()`)."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.cell import Cell
from ..i18n import core_text

log = logging.getLogger(__name__)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

MAX_COLUMN_PX = 110
# column title, value(cell) -> float|str, format
COLUMNS = [
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Id"), lambda c: c.id, "{}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Maker"), lambda c: c.maker, "{}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Format"), lambda c: c.form_factor, "{}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Chemistry"), lambda c: c.chemistry, "{}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Capacity (Ah)"), lambda c: c.capacity_ah, "{:.4g}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Nominal (V)"), lambda c: c.nominal_voltage, "{:.3g}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Energy (Wh)"), lambda c: c.energy / 3600, "{:.4g}"),
    ("R0 (mΩ)", lambda c: c.resistance * 1e3, "{:.3g}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Max. disch. (A)"), lambda c: c.max_continuous_discharge_current, "{:.4g}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Mass (g)"), lambda c: c.mass * 1e3, "{:.4g}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Wh/kg"), lambda c: c.energy / 3600 / c.mass, "{:.0f}"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Source"), lambda c: "user" if c.origin not in ("library", "") else "library", "{}"),
]
# details: (label, attribute, format(value) -> text)
DETAILS = [
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Nominal voltage"), "nominal_voltage", lambda v: f"{v:.3g} V"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Capacity"), "capacity", lambda v: f"{v / 3600:.4g} Ah"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Voltage window"), None, None),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "R0 (DC resistance)"), "resistance", lambda v: f"{v * 1e3:.3g} mΩ"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Max. continuous discharge"), "max_continuous_discharge_current", lambda v: f"{v:.4g} A"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Max. continuous charge"), "max_continuous_charge_current", lambda v: f"{v:.4g} A"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Peak discharge"), "peak_discharge_current",
     lambda v: "—" if v is None else f"{v:.4g} A"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Mass"), "mass", lambda v: f"{v * 1e3:.4g} g"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Dimensions"), None, None),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Specific heat"), "specific_heat", lambda v: f"{v:.4g} J/(kg·K)"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Charge temperature"), "charge_temperature",
     lambda v: f"{v[0] - 273.15:.0f} to {v[1] - 273.15:.0f} °C"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Discharge temperature"), "discharge_temperature",
     lambda v: f"{v[0] - 273.15:.0f} to {v[1] - 273.15:.0f} °C"),
    (QT_TRANSLATE_NOOP("CellLibraryPanel", "Cycle life"), "cycle_life", lambda v: "—" if v is None else f"{v:,.0f}"),
]


def _item(value, fmt: str) -> QStandardItem:
    text = fmt.format(value) if value is not None else ""
    it = QStandardItem(text)
    it.setData(value if isinstance(value, (int, float)) else str(value).lower(), SORT_ROLE)
    it.setEditable(False)
    if isinstance(value, (int, float)):
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


class CellFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.form_factor = ""
        self.chemistry = ""
        self.maker = ""
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, row, parent) -> bool:
        m = self.sourceModel()

        def col(c):
            return m.index(row, c, parent).data() or ""

        if self.form_factor and col(2) != self.form_factor:
            return False
        if self.chemistry and col(3) != self.chemistry:
            return False
        if self.maker and col(1) != self.maker:
            return False
        if self.text:
            hay = " ".join(col(c) for c in range(m.columnCount())).lower()
            hay += " " + (m.index(row, 0, parent).data(Qt.ItemDataRole.ToolTipRole) or "").lower()
            return all(w in hay for w in self.text.lower().split())
        return True


class CellLibraryPanel(QWidget):
    use_cell = Signal(object)  # Cell
    error = Signal(str, str)  # title, message

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cells: dict[str, Cell] | None = None  # loaded on first use (`cells`)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search cells (id, maker, model, chemistry…)"))
        self.search.setClearButtonEnabled(True)
        lay.addWidget(self.search)
        filters = QHBoxLayout()
        self.format_combo, self.chem_combo, self.maker_combo = QComboBox(), QComboBox(), QComboBox()
        for combo, tip in ((self.format_combo, "Format"), (self.chem_combo, "Chemistry"),
                           (self.maker_combo, "Maker")):
            combo.setToolTip(self.tr("Filter by {0}").format(tip.lower()))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            filters.addWidget(combo, 1)
        lay.addLayout(filters)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(c[0]) for c in COLUMNS])
        self.proxy = CellFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.doubleClicked.connect(lambda _i: self._use())
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        buttons = QHBoxLayout()
        self.use_button = QPushButton(self.tr("Use in design"))
        self.use_button.setToolTip(self.tr("Put the selected cell into the current design (Enter)"))
        self.use_button.clicked.connect(self._use)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Import a cell file (.toml) into your library"))
        self.import_button.clicked.connect(self.import_cell_file)
        self.edit_button = QPushButton(self.tr("New / edit user cell…"))
        self.edit_button.setToolTip(self.tr("Create a user cell starting from the selected one"))
        self.edit_button.clicked.connect(self.edit_user_cell)
        self.fit_button = QPushButton(self.tr("New cell from test data…"))
        self.fit_button.setToolTip(self.tr("Fit a cell model to your cycler logs"))
        self.fit_button.clicked.connect(self.new_cell_from_test_data)
        for b in (self.use_button, self.import_button, self.edit_button, self.fit_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.search.textChanged.connect(self._filter)
        for combo in (self.format_combo, self.chem_combo, self.maker_combo):
            combo.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur))

    # --- data ------------------------------------------------------------------------------
    @property
    def cells(self) -> dict[str, Cell]:
        """The library's cells by id; the first use reads the library (~0.5 s with pint), which
        the main window does just after it is shown."""
        if self._cells is None:
            self.reload()
        return self._cells

    def ensure_loaded(self) -> None:
        if self._cells is None:
            self.reload()

    def reload(self, reload_files: bool = False, select: str = "") -> None:
        from ...io.library import library

        try:
            lib = library(reload=reload_files)
        except Exception as exc:  # one line to the user
            log.exception("shown to the user as one line")
            if self._cells is None:
                self._cells = {}
            self.error.emit(self.tr("Cell library"), core_text(str(exc)))
            return
        self._cells = dict(lib.cells)
        self.problems = list(lib.problems)
        self.model.removeRows(0, self.model.rowCount())
        for cell in sorted(self.cells.values(), key=lambda c: c.id):
            row = [_item(f(cell), fmt) for _t, f, fmt in COLUMNS]
            row[0].setData(cell.id, ID_ROLE)
            row[0].setToolTip(f"{cell.maker} {cell.model}")
            if cell.estimated:
                for it in row:
                    it.setToolTip(self.tr("{0} {1}\nestimated: {2}").format(cell.maker, cell.model, ', '.join(cell.estimated)))
            self.model.appendRow(row)
        for combo, values in ((self.format_combo, {c.form_factor for c in self.cells.values()}),
                              (self.chem_combo, {c.chemistry for c in self.cells.values()}),
                              (self.maker_combo, {c.maker for c in self.cells.values()})):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem({self.format_combo: self.tr("All formats"),
                           self.chem_combo: self.tr("All chemistries"),
                           self.maker_combo: self.tr("All makers")}[combo], "")
            for v in sorted(values):
                combo.addItem(v, v)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self.table.resizeColumnsToContents()
        # long ids and makers are elided (full text in the tooltip and the details): the dock
        # then shows capacity, voltage and energy beside them, not only Id and Maker
        for col in range(self.model.columnCount()):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), MAX_COLUMN_PX))
        if select:
            self.select(select)

    def _filter(self, *_args) -> None:
        self.proxy.text = self.search.text().strip()
        self.proxy.form_factor = self.format_combo.currentData() or ""
        self.proxy.chemistry = self.chem_combo.currentData() or ""
        self.proxy.maker = self.maker_combo.currentData() or ""
        self.proxy.invalidate()

    def visible_ids(self) -> list[str]:
        self.ensure_loaded()
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def select(self, cell_id: str) -> bool:
        self.ensure_loaded()
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(ID_ROLE) == cell_id:
                self.table.selectRow(r)
                self.table.scrollTo(self.proxy.index(r, 0))
                self._show(self.proxy.index(r, 0))
                return True
        return False

    def selected_cell(self) -> Cell | None:
        self.ensure_loaded()
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        cid = self.proxy.index(idx.row(), 0).data(ID_ROLE)
        return self.cells.get(cid)

    # --- details ---------------------------------------------------------------------------
    def _show(self, index) -> None:
        if not index.isValid():
            self.details.clear()
            return
        cell = self.cells.get(self.proxy.index(index.row(), 0).data(ID_ROLE))
        if cell is not None:
            self.details.setHtml(cell_details_html(cell))

    def _use(self) -> None:
        cell = self.selected_cell()
        if cell is not None:
            self.use_cell.emit(cell)

    # --- import and user cells -------------------------------------------------------------
    def import_cell_file(self, path: str | None = None) -> str:
        from PySide6.QtWidgets import QFileDialog

        from ...io.cell_file import read_cell_file, write_cell_file
        from ...io.paths import user_cell_dir

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Import a cell file", "",
                                                  "Cell files (*.toml);;All files (*)")
            if not path:
                return ""
        try:
            cell = read_cell_file(path)
            folder = user_cell_dir()
            folder.mkdir(parents=True, exist_ok=True)
            write_cell_file(cell, folder / f"{cell.id}.toml")
        except Exception as exc:  # shown as one line
            log.exception("shown to the user as one line")
            self.error.emit("Cannot import the cell file", str(exc))
            return ""
        self.reload(reload_files=True, select=cell.id)
        return cell.id

    def edit_user_cell(self) -> None:
        from ..dialogs.cell_editor import CellEditorDialog

        dlg = CellEditorDialog(self.selected_cell(), self)
        if dlg.exec() and dlg.saved_id:
            self.reload(reload_files=True, select=dlg.saved_id)

    def new_cell_from_test_data(self) -> None:
        from ..dialogs.fit_dialog import FitDialog

        dlg = FitDialog(self.selected_cell(), self)
        if dlg.exec() and dlg.saved_id:
            self.reload(reload_files=True, select=dlg.saved_id)


def cell_details_html(cell: Cell) -> str:
    e = html.escape
    est = set(cell.estimated)
    rows = []
    for label, attr, fmt in DETAILS:
        if attr is None and label == "Voltage window":
            text = f"{cell.min_voltage:.3g} – {cell.max_voltage:.3g} V"
            flagged = "min_voltage" in est or "max_voltage" in est
        elif attr is None:
            if cell.form_factor == "cylindrical":
                text = f"Ø {cell.diameter * 1e3:.4g} × {cell.height * 1e3:.4g} mm"
                keys = ("diameter", "height")
            else:
                text = (f"{cell.length * 1e3:.4g} × {cell.width * 1e3:.4g} × "
                        f"{cell.height * 1e3:.4g} mm")
                keys = ("length", "width", "height")
            flagged = any(k in est for k in keys)
        else:
            text = fmt(getattr(cell, attr))
            flagged = attr in est or (attr == "capacity" and "capacity" in est)
        mark = (" <span style='color:#a15c00' title='estimated, not published'>⚠ estimated"
                "</span>" if flagged else "")
        rows.append(f"<tr><td style='color:#555'>{e(label)}</td><td><b>{e(text)}</b>{mark}"
                    f"</td></tr>")
    src = cell.source
    src_html = (f"<a href='{e(src)}'>{e(src)}</a>" if src.startswith(("http://", "https://"))
                else e(src))
    origin = "bundled library" if cell.origin == "library" else (cell.origin or "design file")
    extra = []
    if cell.confidence:
        extra.append(f"confidence: {e(cell.confidence)}")
    if cell.status:
        extra.append(e(cell.status))
    n_est = len(est)
    warn = (f"<p style='color:#a15c00'>⚠ {n_est} figure{'s' if n_est != 1 else ''} estimated "
            f"(not published): {e(', '.join(sorted(est)))}</p>" if est else "")
    model = "time model: OCV table" + (f" + {len(cell.rc)} RC pair(s)" if cell.rc else "") \
        if cell.ocv is not None else "no OCV table: steady-state figures only"
    notes = f"<p style='color:#555'>{e(cell.notes)}</p>" if cell.notes else ""
    return (f"<h3 style='margin:2px 0'>{e(cell.maker)} {e(cell.model)}</h3>"
            f"<p style='margin:2px 0;color:#555'>{e(cell.id)} · {e(cell.form_factor)} · "
            f"{e(cell.chemistry)} ({e(cell.cathode)} / {e(cell.anode)})</p>"
            f"<p style='margin:2px 0'><b>Source:</b> {src_html}<br>"
            f"<span style='color:#555'>from {e(origin)}"
            f"{' · ' + ' · '.join(extra) if extra else ''}</span></p>{warn}"
            f"<table cellspacing='2'>{''.join(rows)}</table>"
            f"<p style='color:#555'>{e(model)}</p>{notes}")


def user_cell_path(cell_id: str) -> Path:
    from ...io.paths import user_cell_dir

    return user_cell_dir() / f"{cell_id}.toml"
