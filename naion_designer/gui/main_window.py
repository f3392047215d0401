"""The main window: documents as tabs around the layout editor and dockable panels (cell library,
design editor, results, plots, target).  Its actions and menus are in `actions.py`, file handling
(open, save, recent, autosave, restore) in `file_actions.py`, the tool windows and dialogs in
`tools.py`.

Every modal question goes through one `ask_*` method so that tests can answer it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QIcon, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from ..core.units import InputError
from . import recovery
from .actions import ActionsMixin
from .document import Document
from .document_tab import DocumentTab
from .file_actions import FilesMixin
from .i18n import core_text
from .messages import APP_TITLE, file_filter, first_line
from .settings import Settings
from .tools import ToolsMixin
from .widgets.cell_library import CellLibraryPanel
from .widgets.design_editor import DesignEditor
from .widgets.results_panel import ResultsPanel
from .widgets.target_panel import TargetPanel

log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    from ..io.paths import resources_dir

    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = folder / f"naion-designer-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = folder / "naion-designer.svg"
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon


class MainWindow(FilesMixin, ToolsMixin, ActionsMixin, QMainWindow):
    def __init__(self, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.units = self.settings.units()
        self.docs: list[Document] = []
        self.undo_group = QUndoGroup(self)
        self._untitled = 0
        self._tool_windows: list[QWidget] = []
        self.setObjectName("main_window")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks)
        # --- centre: one tab per document ----------------------------------------------------
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self.tabs.tabBar().tabMoved.connect(self._tab_moved)
        self.setCentralWidget(self.tabs)
        # --- docks ---------------------------------------------------------------------------
        self.library = CellLibraryPanel()
        self.library.use_cell.connect(self.use_cell)
        self.library.error.connect(self.show_error)
        self.editor = DesignEditor(self.units)
        self.editor.choose_cell_requested.connect(self._show_library)
        self.results = ResultsPanel(self.units)
        self.results.units_changed.connect(self._units_changed)
        from .plots import PlotsPanel

        self.plots = PlotsPanel()
        self.plots.simulation_finished.connect(self._simulation_finished)
        self.target_panel = self._make_target_panel()
        self.design_dock = self._dock(self.tr("Design"), "design_dock", self.editor,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.library_dock = self._dock(self.tr("Cell library"), "library_dock", self.library,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.library_dock, self.design_dock)
        self.results_dock = self._dock(self.tr("Results"), "results_dock", self.results,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.target_dock = self._dock(self.tr("Target"), "target_dock", self.target_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.target_dock, self.results_dock)
        self.plots_dock = self._dock(self.tr("Plots"), "plots_dock", self.plots,
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.design_dock.raise_()
        self.results_dock.raise_()
        self.resizeDocks([self.design_dock, self.results_dock], [360, 380],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.plots_dock], [270], Qt.Orientation.Vertical)
        self._build_actions()
        self._build_menus()
        self.hover_label = QLabel()
        self.statusBar().addWidget(self.hover_label, 1)
        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.zoom_label)
        # --- autosave ------------------------------------------------------------------------
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self._apply_autosave_interval()
        self._restore_geometry()
        self._update_title()
        self._update_enabled()
        # the window first: the cell library and the plots (pyqtgraph) are made once it has
        # painted (or at once when it is not shown: tests, --smoke-test)
        self._painted = False
        self._after_paint = [self.library.ensure_loaded, self.plots.ensure_plots]
        QTimer.singleShot(0, self._start_deferred)

    def _start_deferred(self) -> None:
        if self.isVisible() and not self._painted:
            QTimer.singleShot(1000, self._run_deferred)  # should no paint come
            return
        self._run_deferred()

    def _run_deferred(self) -> None:
        jobs, self._after_paint = self._after_paint, []
        for job in jobs:
            job()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._run_deferred)

    # --- construction ----------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _make_target_panel(self) -> TargetPanel:
        panel = TargetPanel()
        panel.target_changed.connect(self._target_changed)
        return panel

    def _restore_geometry(self) -> None:
        geo = self.settings.get("window/geometry")
        state = self.settings.get("window/state")
        if isinstance(geo, QByteArray) and not geo.isEmpty() and self.restoreGeometry(geo):
            if isinstance(state, QByteArray) and not state.isEmpty():
                self.restoreState(state)
            return
        screen = QApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else None
        w, h = 1400, 900
        if avail is not None:
            w, h = min(w, avail.width() - 40), min(h, avail.height() - 60)
            self.resize(w, h)
            self.move(avail.center().x() - w // 2, avail.center().y() - h // 2)
        else:
            self.resize(w, h)

    # --- documents -------------------------------------------------------------------------
    def current_document(self) -> Document | None:
        tab = self.tabs.currentWidget()
        return tab.doc if isinstance(tab, DocumentTab) else None

    def current_tab(self) -> DocumentTab | None:
        tab = self.tabs.currentWidget()
        return tab if isinstance(tab, DocumentTab) else None

    def tab_of(self, doc: Document) -> DocumentTab | None:
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, DocumentTab) and tab.doc is doc:
                return tab
        return None

    def add_document(self, doc: Document) -> Document:
        doc.setParent(self)
        self.docs.append(doc)
        self.undo_group.addStack(doc.undo_stack)
        tab = DocumentTab(doc)
        tab.view.hovered.connect(self.hover_label.setText)
        tab.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} px/m"
                                                                        if z < 0.01 else
                                                                        f"{z:.2f} px/mm"))
        tab.temperature_unit = self.units.get("temperature", "degC")
        doc.modified_changed.connect(lambda _m, d=doc: self._doc_state_changed(d))
        doc.design_changed.connect(lambda _d, d=doc: self._doc_state_changed(d))
        doc.path_changed.connect(lambda _p, d=doc: self._doc_state_changed(d))
        index = self.tabs.addTab(tab, doc.display_name())
        self.tabs.setCurrentIndex(index)
        self._doc_state_changed(doc)
        return doc

    # --- edits from the panels -------------------------------------------------------------
    def use_cell(self, cell) -> None:
        doc = self.current_document()
        if doc is None:
            self.new_document()
            doc = self.current_document()
            if doc is None:
                return
        ref = cell.id if cell.origin == "library" else ""
        d = doc.design
        changes = {"cell": cell, "cell_ref": ref, "cell_overrides": ()}
        square = cell.form_factor != "cylindrical" and d.layout.packing != "square"
        if square:  # staggered rows need round cells
            changes["layout"] = replace(d.layout, packing="square")
        try:
            doc.edit(self.tr("Use cell %1").replace("%1", cell.id), **changes)
        except InputError as exc:
            self.show_error(self.tr("Cannot use this cell"), core_text(first_line(exc)))
            return
        self.design_dock.raise_()
        message = self.tr("Design now uses %1 %2").replace("%1", cell.maker).replace(
            "%2", cell.model)
        if square:
            message += self.tr(" (packing set to square: hexagonal packing needs round cells)")
        self.statusBar().showMessage(message, 6000)

    def _target_changed(self, target: str) -> None:
        doc = self.current_document()
        if doc is not None and target != doc.design.target:
            try:
                doc.edit("Target", target=target)
            except InputError as exc:
                self.show_error("Cannot set the target", first_line(exc))

    def _units_changed(self, units: dict) -> None:
        self.units = dict(units)
        for kind, unit in units.items():
            self.settings.set(f"units/{kind}", unit)
        self.editor.set_units(self.units)

    def _show_library(self) -> None:
        self.library_dock.show()
        self.library_dock.raise_()
        doc = self.current_document()
        if doc is not None:
            self.library.select(doc.design.cell.id)

    # --- state display ---------------------------------------------------------------------
    def _current_changed(self, _index: int) -> None:
        self.hover_label.setText("")  # the last tab's hover text is not about this one
        self.statusBar().clearMessage()
        doc = self.current_document()
        if doc is not None:
            self.undo_group.setActiveStack(doc.undo_stack)
        self.editor.set_document(doc)
        self.results.set_document(doc)
        self.plots.set_document(doc)
        self._sync_target_panel()
        self._update_title()
        self._update_enabled()
        tab = self.current_tab()
        if tab is not None:
            self._sync_colour_actions(tab.mode())

    def _tab_moved(self, _a: int, _b: int) -> None:
        self.docs.sort(key=lambda d: self.tabs.indexOf(self.tab_of(d)))

    def _doc_state_changed(self, doc: Document) -> None:
        tab = self.tab_of(doc)
        if tab is not None:
            i = self.tabs.indexOf(tab)
            self.tabs.setTabText(i, doc.display_name() + (" *" if doc.is_modified() else ""))
            self.tabs.setTabToolTip(i, str(doc.path) if doc.path else "not saved yet")
        if doc is self.current_document():
            self._update_title()
            self._sync_target_panel()

    def _sync_target_panel(self) -> None:
        doc = self.current_document()
        if doc is not None and hasattr(self.target_panel, "set_design"):
            try:
                self.target_panel.set_design(doc.design)
            except Exception as exc:  # a panel bug must not break editing
                log.exception("shown to the user as one line")
                self.statusBar().showMessage(self.tr("Target panel: {0}").format(first_line(exc)), 5000)

    def _update_title(self) -> None:
        doc = self.current_document()
        if doc is None:
            self.setWindowTitle(APP_TITLE)
            return
        star = " *" if doc.is_modified() else ""
        self.setWindowTitle(f"{APP_TITLE} — {doc.display_name()}{star}")
        if doc.path is not None:
            self.setWindowFilePath(str(doc.path))

    def _update_enabled(self) -> None:
        has = self.current_document() is not None
        for a in (self.save_action, self.save_as_action, self.close_action, self.export_action,
                  self.fit_action, self.zoom_in_action, self.zoom_out_action, self.run_action):
            a.setEnabled(has)
        self.export_cmp_action.setEnabled(len(self.docs) >= 1)
        self.compare_action.setEnabled(len(self.docs) >= 1)

    def _fit(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.view.fit()

    def _zoom(self, factor: float) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.view.zoom_by(factor)

    def _cycle_tab(self, step: int) -> None:
        n = self.tabs.count()
        if n:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % n)

    def _set_colour_mode(self, mode: str) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.set_mode(mode)

    def _sync_colour_actions(self, _mode: str) -> None:
        pass

    def _simulation_finished(self, outcome: str) -> None:
        if outcome == "done":
            self.statusBar().showMessage(self.tr("Simulation finished"), 4000)
        elif outcome == "failed":
            self.statusBar().showMessage(self.plots.status.text(), 8000)

    # --- questions (tests replace these) ---------------------------------------------------
    def ask_save_changes(self, doc: Document) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE,
                          f"Save the changes to “{doc.display_name()}” before closing?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("Your changes are lost if you don't save them."))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(
            QMessageBox.StandardButton(answer), "cancel")

    def ask_restore(self, found: list) -> bool:
        names = "\n".join(f"• {r.name}" + (f" ({r.original_path})" if r.original_path else "")
                          for r in found)
        answer = QMessageBox.question(
            self, self.tr("Restore unsaved work"),
            self.tr("NaIon Designer did not close properly last time. Restore the unsaved designs?\n\n{0}").format(names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def ask_save_path(self, doc: Document) -> str:
        start = str(doc.path) if doc.path and not self._is_bundled(doc.path) else \
            str(Path.home() / f"{doc.display_name()}.naion")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save design as"), start,
                                              file_filter())
        return path

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    # --- window events ---------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().endswith(".naion") for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls()
                 if u.toLocalFile().endswith(".naion")]
        for p in paths:
            self.open_file(p)
        if paths:
            event.acceptProposedAction()

    def closeEvent(self, event) -> None:
        for doc in list(self.docs):
            if doc.is_modified():
                self.tabs.setCurrentWidget(self.tab_of(doc))
                answer = self.ask_save_changes(doc)
                if answer == "cancel" or (answer == "save" and not self.save(doc)):
                    event.ignore()
                    return
        self.plots.shutdown()
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.sync()
        for doc in list(self.docs):
            recovery.remove_autosave(doc.doc_id)
        for w in list(self._tool_windows):
            w.close()
        event.accept()

