"""The main window's tool windows and dialogs: sizing, comparison, PDF export, preferences,
keyboard shortcuts and About.  Each is imported when first opened (pyqtgraph, reportlab and the
sizing search stay off the start-up path)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from .i18n import translate
from .messages import APP_TITLE


class ToolsMixin:
    """Opens the tools of the main window; tool windows are kept in `self._tool_windows`."""

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
        from .sizing_view import SizingView

        view = SizingView()
        view.open_design.connect(self._open_sized_design)
        doc = self.current_document()
        if doc is not None and doc.design.target:  # size for the current design's target
            view.set_target(doc.design.target)
        return self._tool_window(view, translate("MainWindow", "Size for target"))

    def _open_sized_design(self, design) -> None:
        self.new_document(design)

    def open_lifetime(self):
        from .lifetime_view import open_for

        return open_for(self)

    def fit_to_box(self):
        from .dialogs.fit_to_box import open_fit_to_box

        self._fit_dialog = open_fit_to_box(self)
        return self._fit_dialog

    def open_comparison(self):
        from .comparison_view import ComparisonView

        view = ComparisonView()
        view.set_designs([d.design for d in self.docs])
        window = self._tool_window(view, translate("MainWindow", "Compare designs"))
        # room for three designs side by side (names, figures, layouts)
        window.resize(max(1000, 420 + 300 * min(len(self.docs), 4)), 760)
        return window

    def export_spec_sheet(self) -> None:
        doc = self.current_document()
        if doc is None:
            return
        from .dialogs.export import ExportDialog

        ExportDialog(doc.design, self).exec()

    def export_comparison(self) -> None:
        if not self.docs:
            return
        from .dialogs.export import ComparisonExportDialog

        ComparisonExportDialog([d.design for d in self.docs], self).exec()

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

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td>{t}</td><td><b>{k}</b></td></tr>"
                       for t, k in self.shortcut_table())
        QMessageBox.information(self, translate("MainWindow", "Keyboard shortcuts"),
                                translate("MainWindow", "<table cellspacing='4'>{0}</table><p>Layout editor: wheel to zoom, drag the background to pan, drag a group onto another to swap them.</p>").format(rows))

    def open_log_folder(self) -> bool:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from .startup import log_dir

        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def about(self) -> None:
        from .app import app_version

        QMessageBox.about(self, translate("MainWindow", "About {0}").format(APP_TITLE),
                          translate("MainWindow", "<b>{0}</b> {1}<br>Sodium-ion battery pack design: cell library, layout, estimates, simulation, sizing and spec sheets.").format(APP_TITLE, app_version()))

