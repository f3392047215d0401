"""The main window: documents as tabs around the layout editor, dockable panels (cell library,
design editor, results, plots, target), menus with shortcuts, recent files, autosave and restore,
drag-and-drop of .naion files, and the tools of issues 5 and 6 (sizing, comparison, PDF export).

Every modal question goes through one `ask_*` method so that tests can answer it.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.units import InputError
from . import recovery
from .document import Document
from .document_tab import MODES, DocumentTab
from .settings import Settings
from .widgets.cell_library import CellLibraryPanel
from .widgets.design_editor import DesignEditor
from .widgets.results_panel import ResultsPanel

APP_TITLE = "NaIon Designer"
FILE_FILTER = "NaIon designs (*.naion);;All files (*)"


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


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class MainWindow(QMainWindow):
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
        self.design_dock = self._dock("Design", "design_dock", self.editor,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.library_dock = self._dock("Cell library", "library_dock", self.library,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.library_dock, self.design_dock)
        self.results_dock = self._dock("Results", "results_dock", self.results,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.target_dock = self._dock("Target", "target_dock", self.target_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.target_dock, self.results_dock)
        self.plots_dock = self._dock("Plots", "plots_dock", self.plots,
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

    def _make_target_panel(self) -> QWidget:
        try:
            mod = importlib.import_module("naion_designer.gui.target_panel")
            panel = mod.TargetPanel()
        except ImportError as exc:
            w = QWidget()
            lay = QVBoxLayout(w)
            lab = QLabel("Target checks are not available in this build "
                         f"({_first_line(exc)}). The design's target can still be set in the "
                         "Design panel.")
            lab.setWordWrap(True)
            lay.addWidget(lab)
            lay.addStretch(1)
            w.setObjectName("target_placeholder")
            return w
        panel.target_changed.connect(self._target_changed)
        return panel

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                a.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self._action("&New design", self.new_document, K.New,
                                       "A new design with the cell selected in the library")
        self.open_action = self._action("&Open…", self.open_dialog, K.Open)
        self.example_action = self._action("Open &example", self.open_example)
        self.save_action = self._action("&Save", self.save, K.Save)
        self.save_as_action = self._action("Save &as…", self.save_as, K.SaveAs)
        self.close_action = self._action("&Close design", lambda: self.close_tab(
            self.tabs.currentIndex()), K.Close)
        self.export_action = self._action("&Export spec sheet…", self.export_spec_sheet,
                                          "Ctrl+E")
        self.export_cmp_action = self._action("Export &comparison…", self.export_comparison,
                                              "Ctrl+Shift+E")
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.prefs_action = self._action("&Preferences…", self.preferences, "Ctrl+,")
        self.fit_action = self._action("&Fit pack in view", self._fit, ["F", "Ctrl+0"])
        self.zoom_in_action = self._action("Zoom &in", lambda: self._zoom(1.25),
                                           [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.zoom_out_action = self._action("Zoom &out", lambda: self._zoom(0.8),
                                            QKeySequence.StandardKey.ZoomOut)
        self.run_action = self._action("&Run simulation", self.plots.run_simulation, "F5")
        self.cancel_action = self._action("&Cancel simulation", self.plots.cancel_simulation,
                                          ["Shift+F5", "Esc"])
        self.sizing_action = self._action("&Size for target…", self.open_sizing, "Ctrl+T")
        self.compare_action = self._action("&Compare open designs", self.open_comparison,
                                           "Ctrl+Shift+C")
        self.lifetime_action = self._action("&Lifetime…", lambda: importlib.import_module(
            "naion_designer.gui.lifetime_view").open_for(self), "Ctrl+L")
        self.next_tab_action = self._action("Next design", lambda: self._cycle_tab(1),
                                            QKeySequence.StandardKey.NextChild)
        self.prev_tab_action = self._action("Previous design", lambda: self._cycle_tab(-1),
                                            QKeySequence.StandardKey.PreviousChild)
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts,
                                             "Ctrl+/")
        self.about_action = self._action("&About NaIon Designer", self.about)
        self.colour_actions = {}
        for k, (mode, (label, _u, _s)) in enumerate(MODES.items()):
            a = self._action(f"Colour by {label.lower()}",
                             lambda m=mode: self._set_colour_mode(m), f"Ctrl+{k + 1}")
            self.colour_actions[mode] = a

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        for a in (self.new_action, self.open_action):
            m.addAction(a)
        self.recent_menu = m.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addAction(self.example_action)
        m.addSeparator()
        for a in (self.save_action, self.save_as_action):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.export_action)
        m.addAction(self.export_cmp_action)
        m.addSeparator()
        m.addAction(self.close_action)
        m.addAction(self.quit_action)
        m = mb.addMenu("&Edit")
        m.addAction(self.undo_action)
        m.addAction(self.redo_action)
        m.addSeparator()
        m.addAction(self.prefs_action)
        m = mb.addMenu("&View")
        for a in (self.fit_action, self.zoom_in_action, self.zoom_out_action):
            m.addAction(a)
        m.addSeparator()
        for a in self.colour_actions.values():
            m.addAction(a)
        m.addSeparator()
        for k, dock in enumerate((self.design_dock, self.library_dock, self.results_dock,
                                  self.target_dock, self.plots_dock)):
            a = dock.toggleViewAction()
            a.setShortcut(QKeySequence(f"Alt+{k + 1}"))
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.next_tab_action)
        m.addAction(self.prev_tab_action)
        m = mb.addMenu("&Simulate")
        m.addAction(self.run_action)
        m.addAction(self.cancel_action)
        m = mb.addMenu("&Tools")
        m.addAction(self.sizing_action)
        m.addAction(self.compare_action)
        m.addAction(self.lifetime_action)
        m = mb.addMenu("&Help")
        m.addAction(self.shortcuts_action)
        m.addAction(self.about_action)

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

    def new_document(self, design=None) -> Document | None:
        """A new tab: `design` (e.g. from sizing; modified until saved) or a fresh 16S1P."""
        given = design is not None
        if design is None:
            from ..io.design_file import new_design

            cell = self.library.selected_cell()
            cell_id = cell.id if cell is not None and cell.origin == "library" \
                else "generic-nfpp-210ah"
            self._untitled += 1
            try:
                design = new_design(cell_id, 16, 1, f"Untitled {self._untitled}")
            except InputError:
                ids = sorted(self.library.cells)
                if not ids:
                    self.show_error("Cannot create a design", "the cell library is empty")
                    return None
                design = new_design(ids[0], 16, 1, f"Untitled {self._untitled}")
            ambient = self.settings.get("ambient_temperature_c") + 273.15
            design = design.evolve(thermal=replace(design.thermal, ambient_temperature=ambient))
        doc = Document(design)
        self.add_document(doc)
        if given:
            doc.set_dirty(True)
        return doc

    def open_file(self, path: str | Path) -> Document | None:
        from ..io.design_file import read_design_file

        path = Path(path)
        for doc in self.docs:
            if doc.path is not None and doc.path.resolve() == path.resolve():
                self.tabs.setCurrentWidget(self.tab_of(doc))
                return doc
        try:
            design = read_design_file(path)
        except InputError as exc:
            self.show_error("Cannot open the design", _first_line(exc))
            return None
        except Exception as exc:  # one line, never a traceback
            self.show_error("Cannot open the design", _first_line(exc))
            return None
        doc = self.add_document(Document(design, path))
        self.settings.add_recent(str(path))
        return doc

    def open_dialog(self) -> None:
        start = str(self.current_document().path.parent) if self.current_document() and \
            self.current_document().path else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "Open designs", start, FILE_FILTER)
        for p in paths:
            self.open_file(p)

    def open_example(self) -> Document | None:
        from ..io.paths import examples_dir

        path = examples_dir() / "home-storage-51v.naion"
        if not path.is_file():
            candidates = sorted(examples_dir().glob("*.naion"))
            if not candidates:
                self.show_error("No example", f"no example design in {examples_dir()}")
                return None
            path = candidates[0]
        return self.open_file(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.get("recent_files")
        for k, p in enumerate(recent):
            a = self.recent_menu.addAction(f"&{k + 1} {Path(p).name}")
            a.setToolTip(p)
            a.setStatusTip(p)
            a.triggered.connect(lambda _c=False, path=p: self.open_file(path))
        if not recent:
            a = self.recent_menu.addAction("(none)")
            a.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", lambda: self.settings.set("recent_files",
                                                                                []))

    def save(self, doc: Document | None = None) -> bool:
        doc = doc or self.current_document()
        if doc is None:
            return False
        if doc.path is None or self._is_bundled(doc.path):
            return self.save_as(doc)
        return self._write(doc, doc.path)

    def save_as(self, doc: Document | None = None, path: str | Path | None = None) -> bool:
        doc = doc or self.current_document()
        if doc is None:
            return False
        if path is None:
            path = self.ask_save_path(doc)
            if not path:
                return False
        return self._write(doc, Path(path))

    def _write(self, doc: Document, path: Path) -> bool:
        try:
            target = doc.save(path)
        except (InputError, OSError) as exc:
            self.show_error("Cannot save the design", _first_line(exc))
            return False
        recovery.remove_autosave(doc.doc_id)
        self.settings.add_recent(str(target))
        self.statusBar().showMessage(f"Saved {target}", 4000)
        return True

    def _is_bundled(self, path: Path) -> bool:
        from ..io.paths import examples_dir

        try:
            return path.resolve().parent == examples_dir().resolve()
        except OSError:
            return False

    def close_tab(self, index: int) -> bool:
        tab = self.tabs.widget(index)
        if not isinstance(tab, DocumentTab):
            return False
        doc = tab.doc
        if doc.is_modified():
            answer = self.ask_save_changes(doc)
            if answer == "cancel":
                return False
            if answer == "save" and not self.save(doc):
                return False
        self._drop_document(doc, index)
        return True

    def _drop_document(self, doc: Document, index: int) -> None:
        recovery.remove_autosave(doc.doc_id)
        self.plots.document_closing(doc)
        self.tabs.removeTab(index)
        tab = self.tab_of(doc)
        self.undo_group.removeStack(doc.undo_stack)
        self.docs.remove(doc)
        if tab is not None:
            tab.deleteLater()
        doc.deleteLater()
        self._current_changed(self.tabs.currentIndex())

    # --- edits from the panels -------------------------------------------------------------
    def use_cell(self, cell) -> None:
        doc = self.current_document()
        if doc is None:
            self.new_document()
            doc = self.current_document()
            if doc is None:
                return
        ref = cell.id if cell.origin == "library" else ""
        try:
            doc.edit(f"Use cell {cell.id}", cell=cell, cell_ref=ref, cell_overrides=())
        except InputError as exc:
            self.show_error("Cannot use this cell", _first_line(exc))
            return
        self.design_dock.raise_()
        self.statusBar().showMessage(f"Design now uses {cell.maker} {cell.model}", 4000)

    def _target_changed(self, target: str) -> None:
        doc = self.current_document()
        if doc is not None and target != doc.design.target:
            try:
                doc.edit("Target", target=target)
            except InputError as exc:
                self.show_error("Cannot set the target", _first_line(exc))

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
                self.statusBar().showMessage(f"Target panel: {_first_line(exc)}", 5000)

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
            self.statusBar().showMessage("Simulation finished", 4000)
        elif outcome == "failed":
            self.statusBar().showMessage(self.plots.status.text(), 8000)

    # --- autosave and restore --------------------------------------------------------------
    def _apply_autosave_interval(self) -> None:
        seconds = int(self.settings.get("autosave_interval_s"))
        if seconds > 0:
            self.autosave_timer.start(seconds * 1000)
        else:
            self.autosave_timer.stop()

    def autosave_now(self) -> list[Path]:
        written = []
        for doc in self.docs:
            if doc.is_modified():
                try:
                    written.append(recovery.write_autosave(doc))
                except (InputError, OSError) as exc:
                    self.statusBar().showMessage(f"Autosave failed: {_first_line(exc)}", 8000)
            else:
                recovery.remove_autosave(doc.doc_id)
        return written

    def offer_restore(self) -> list[Document]:
        """Offer the autosaves a crashed session left; returns the restored documents."""
        from ..io.design_file import read_design_file

        found = recovery.orphaned_autosaves()
        if not found:
            return []
        if not self.ask_restore(found):
            for rec in found:
                recovery.discard(rec)
            return []
        restored = []
        for rec in found:
            try:
                design = read_design_file(rec.design_path)
            except InputError as exc:
                self.show_error("Cannot restore an autosave", _first_line(exc))
                continue
            original = Path(rec.original_path) if rec.original_path else None
            doc = None
            if original is not None and original.is_file():
                doc = self.open_file(original)
            if doc is not None:
                doc.set_design(design, "Restore autosave")
            else:
                doc = self.add_document(Document(design, None))
                doc.set_dirty(True)
            restored.append(doc)
            recovery.discard(rec)
        self.autosave_now()
        return restored

    # --- tools of issues 5 and 6 -----------------------------------------------------------
    def _import_tool(self, module: str, what: str):
        try:
            return importlib.import_module(f"naion_designer.gui.{module}")
        except ImportError as exc:
            self.show_error(f"{what} is not available",
                            f"{what} is not installed in this build "
                            f"(naion_designer.gui.{module}: {_first_line(exc)})")
            return None

    def _tool_window(self, widget: QWidget, title: str) -> QWidget:
        widget.setParent(self, Qt.WindowType.Window)
        widget.setWindowTitle(f"{title} — {APP_TITLE}")
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        widget.resize(1000, 700)
        widget.destroyed.connect(lambda _o=None, w=widget: self._tool_windows.remove(w)
                                 if w in self._tool_windows else None)
        self._tool_windows.append(widget)
        widget.show()
        return widget

    def open_sizing(self):
        mod = self._import_tool("sizing_view", "Sizing")
        if mod is None:
            return None
        view = mod.SizingView()
        view.open_design.connect(self._open_sized_design)
        return self._tool_window(view, "Size for target")

    def _open_sized_design(self, design) -> None:
        self.new_document(design)

    def open_comparison(self):
        mod = self._import_tool("comparison_view", "Comparison")
        if mod is None:
            return None
        view = mod.ComparisonView()
        view.set_designs([d.design for d in self.docs])
        return self._tool_window(view, "Compare designs")

    def export_spec_sheet(self) -> None:
        doc = self.current_document()
        if doc is None:
            return
        mod = self._import_tool("export_dialog", "PDF export")
        if mod is not None:
            mod.ExportDialog(doc.design, self).exec()

    def export_comparison(self) -> None:
        if not self.docs:
            return
        mod = self._import_tool("export_dialog", "PDF export")
        if mod is not None:
            mod.ComparisonExportDialog([d.design for d in self.docs], self).exec()

    # --- preferences and about -------------------------------------------------------------
    def preferences(self) -> None:
        from .dialogs.preferences import PreferencesDialog

        dlg = PreferencesDialog(self.settings, self)
        if dlg.exec():
            self.apply_preferences()

    def apply_preferences(self) -> None:
        self.units = self.settings.units()
        self.editor.set_units(self.units)
        self.results.set_units(self.units)
        self._apply_autosave_interval()

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action, keys) of every action that has a shortcut, in menu order."""
        rows = []
        for menu_action in self.menuBar().actions():
            for a in menu_action.menu().actions():
                keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                 for k in a.shortcuts())
                if keys and a.text():
                    rows.append((a.text().replace("&", ""), keys))
        return rows

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td>{t}</td><td><b>{k}</b></td></tr>"
                       for t, k in self.shortcut_table())
        QMessageBox.information(self, "Keyboard shortcuts",
                                f"<table cellspacing='4'>{rows}</table>"
                                "<p>Layout editor: wheel to zoom, drag the background to pan, "
                                "drag a group onto another to swap them.</p>")

    def about(self) -> None:
        from .app import app_version

        QMessageBox.about(self, f"About {APP_TITLE}",
                          f"<b>{APP_TITLE}</b> {app_version()}<br>Sodium-ion battery pack "
                          "design: cell library, layout, estimates, simulation, sizing and "
                          "spec sheets.")

    # --- questions (tests replace these) ---------------------------------------------------
    def ask_save_changes(self, doc: Document) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE,
                          f"Save the changes to “{doc.display_name()}” before closing?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(
            QMessageBox.StandardButton(answer), "cancel")

    def ask_restore(self, found: list) -> bool:
        names = "\n".join(f"• {r.name}" + (f" ({r.original_path})" if r.original_path else "")
                          for r in found)
        answer = QMessageBox.question(
            self, "Restore unsaved work",
            f"NaIon Designer did not close properly last time. Restore the unsaved designs?"
            f"\n\n{names}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def ask_save_path(self, doc: Document) -> str:
        start = str(doc.path) if doc.path and not self._is_bundled(doc.path) else \
            str(Path.home() / f"{doc.display_name()}.naion")
        path, _ = QFileDialog.getSaveFileName(self, "Save design as", start, FILE_FILTER)
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
