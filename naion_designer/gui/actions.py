"""The main window's actions (with their shortcuts) and menus, and the table of shortcuts that
Help → Keyboard shortcuts shows."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from .document_tab import MODES
from .i18n import translate


def _lower(text: str) -> str:
    """'Series groups' -> 'series groups' inside an English sentence; other scripts unchanged."""
    return text.lower() if text.isascii() else text


class ActionsMixin:
    """Builds `self.*_action` and the menu bar of the main window."""

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
        self.new_action = self._action(translate("MainWindow", "&New design"), self.new_document, K.New,
                                       translate("MainWindow", "A new design with the cell selected in the library"))
        self.open_action = self._action(translate("MainWindow", "&Open…"), self.open_dialog, K.Open)
        self.example_action = self._action(translate("MainWindow", "Open &example"), self.open_example)
        self.save_action = self._action(translate("MainWindow", "&Save"), self.save, K.Save)
        self.save_as_action = self._action(translate("MainWindow", "Save &as…"), self.save_as, K.SaveAs)
        self.close_action = self._action(translate("MainWindow", "&Close design"), lambda: self.close_tab(
            self.tabs.currentIndex()), K.Close)
        self.export_action = self._action(translate("MainWindow", "&Export spec sheet…"), self.export_spec_sheet,
                                          "Ctrl+E")
        self.export_cmp_action = self._action(translate("MainWindow", "Export &comparison…"), self.export_comparison,
                                              "Ctrl+Shift+E")
        self.quit_action = self._action(translate("MainWindow", "&Quit"), self.close, "Ctrl+Q")
        self.undo_action = self.undo_group.createUndoAction(self, translate("MainWindow", "&Undo"))
        self.undo_action.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.redo_action = self.undo_group.createRedoAction(self, translate("MainWindow", "&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.prefs_action = self._action(translate("MainWindow", "&Preferences…"), self.preferences, "Ctrl+,")
        self.fit_action = self._action(translate("MainWindow", "&Fit pack in view"), self._fit, ["F", "Ctrl+0"])
        self.zoom_in_action = self._action(translate("MainWindow", "Zoom &in"), lambda: self._zoom(1.25),
                                           [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.zoom_out_action = self._action(translate("MainWindow", "Zoom &out"), lambda: self._zoom(0.8),
                                            QKeySequence.StandardKey.ZoomOut)
        self.run_action = self._action(translate("MainWindow", "&Run simulation"), self.plots.run_simulation, "F5")
        self.cancel_action = self._action(translate("MainWindow", "&Cancel simulation"), self.plots.cancel_simulation,
                                          ["Shift+F5", "Esc"])
        self.sizing_action = self._action(translate("MainWindow", "&Size for target…"), self.open_sizing, "Ctrl+T")
        self.lifetime_action = self._action(translate("MainWindow", "&Lifetime…"),
                                            self.open_lifetime, "Ctrl+L")
        self.compare_action = self._action(translate("MainWindow", "&Compare open designs"), self.open_comparison,
                                           "Ctrl+Shift+C")
        self.next_tab_action = self._action(translate("MainWindow", "Next design"), lambda: self._cycle_tab(1),
                                            QKeySequence.StandardKey.NextChild)
        self.prev_tab_action = self._action(translate("MainWindow", "Previous design"), lambda: self._cycle_tab(-1),
                                            QKeySequence.StandardKey.PreviousChild)
        self.shortcuts_action = self._action(translate("MainWindow", "&Keyboard shortcuts"), self.show_shortcuts,
                                             "Ctrl+/")
        self.log_folder_action = self._action(translate("MainWindow", "Open &log folder"),
                                              self.open_log_folder)
        self.about_action = self._action(translate("MainWindow", "&About NaIon Designer"), self.about)
        self.colour_actions = {}
        for k, (mode, (label, _u, _s)) in enumerate(MODES.items()):
            a = self._action(translate("MainWindow", "Colour by {0}").format(_lower(translate("DocumentTab", label))),
                             lambda m=mode: self._set_colour_mode(m), f"Ctrl+{k + 1}")
            self.colour_actions[mode] = a

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(translate("MainWindow", "&File"))
        for a in (self.new_action, self.open_action):
            m.addAction(a)
        self.recent_menu = m.addMenu(translate("MainWindow", "Open &recent"))
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
        m = mb.addMenu(translate("MainWindow", "&Edit"))
        m.addAction(self.undo_action)
        m.addAction(self.redo_action)
        m.addSeparator()
        m.addAction(self.prefs_action)
        m = mb.addMenu(translate("MainWindow", "&View"))
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
        m = mb.addMenu(translate("MainWindow", "&Simulate"))
        m.addAction(self.run_action)
        m.addAction(self.cancel_action)
        m = mb.addMenu(translate("MainWindow", "&Tools"))
        m.addAction(self.sizing_action)
        m.addAction(self.compare_action)
        m.addAction(self.lifetime_action)
        self.fit_box_action = m.addAction(translate("MainWindow", "Fit to &box…"),
                                          self.fit_to_box)
        m = mb.addMenu(translate("MainWindow", "&Help"))
        m.addAction(self.shortcuts_action)
        m.addAction(self.log_folder_action)
        m.addAction(self.about_action)

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

