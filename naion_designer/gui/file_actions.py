"""Documents and files of the main window: new, open, recent, save, close, autosave and restore
after a crash."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ..core.units import InputError
from . import recovery
from .document import Document
from .document_tab import DocumentTab
from .i18n import translate
from .messages import file_filter, first_line

log = logging.getLogger(__name__)


class FilesMixin:
    """File handling of the main window (`self.docs`, `self.tabs`, `self.settings`)."""

    def new_document(self, design=None) -> Document | None:
        """A new tab: `design` (e.g. from sizing; modified until saved) or a fresh 16S1P."""
        given = design is not None
        if design is None:
            from ..core.overheads import default_overheads
            from ..io.design_file import new_design

            cell = self.library.selected_cell()
            cell_id = cell.id if cell is not None and cell.origin == "library" \
                else "generic-nfpp-210ah"
            self._untitled += 1
            try:
                design = new_design(cell_id, 16, 1, translate("MainWindow", "Untitled {0}").format(
                    self._untitled))
            except InputError:
                ids = sorted(self.library.cells)
                if not ids:
                    self.show_error(translate("MainWindow", "Cannot create a design"),
                                    translate("MainWindow", "the cell library is empty"))
                    return None
                design = new_design(ids[0], 16, 1, translate("MainWindow", "Untitled {0}").format(
                    self._untitled))
            ambient = self.settings.get("ambient_temperature_c") + 273.15
            design = design.evolve(thermal=replace(design.thermal, ambient_temperature=ambient),
                                   overheads=default_overheads())
        doc = Document(design)
        self.add_document(doc)
        if given:
            doc.set_dirty(True)
        else:  # say which cell: the one selected in the library, else the default
            c = design.cell
            self.statusBar().showMessage(translate(
                "MainWindow", "New design with {0} {1} ({2}): pick another cell in the cell "
                "library and press 'Use in design'").format(c.maker, c.model, c.id), 8000)
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
            self.show_error("Cannot open the design", first_line(exc))
            return None
        except Exception as exc:  # one line, never a traceback
            log.exception("shown to the user as one line")
            self.show_error("Cannot open the design", first_line(exc))
            return None
        doc = self.add_document(Document(design, path))
        self.settings.add_recent(str(path))
        return doc

    def open_dialog(self) -> None:
        start = str(self.current_document().path.parent) if self.current_document() and \
            self.current_document().path else ""
        paths, _ = QFileDialog.getOpenFileNames(self, translate("MainWindow", "Open designs"), start,
                                                file_filter())
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
            a = self.recent_menu.addAction(translate("MainWindow", "(none)"))
            a.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(translate("MainWindow", "Clear list"), lambda: self.settings.set("recent_files",
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
            self.show_error("Cannot save the design", first_line(exc))
            return False
        recovery.remove_autosave(doc.doc_id)
        self.settings.add_recent(str(target))
        self.statusBar().showMessage(translate("MainWindow", "Saved {0}").format(target), 4000)
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
                    self.statusBar().showMessage(translate("MainWindow", "Autosave failed: {0}").format(first_line(exc)), 8000)
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
                self.show_error("Cannot restore an autosave", first_line(exc))
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

