"""GUI fixtures: settings, recovery folder and user folder redirected per test, and a factory
for the real main window (questions answered by the test, never by a modal dialog)."""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

import naion_designer.gui  # noqa: F401 - pins True/None before any Qt signal
from naion_designer.io.paths import examples_dir

HOME_STORAGE = examples_dir() / "home-storage-51v.naion"
MOPED = examples_dir() / "e-moped-60v.naion"


@pytest.fixture(autouse=True)
def _redirect_app_state(tmp_path, monkeypatch):
    monkeypatch.setenv("NAION_SETTINGS_FILE", str(tmp_path / "settings" / "naion-designer.ini"))
    monkeypatch.setenv("NAION_RECOVERY_DIR", str(tmp_path / "recovery"))


class Answers:
    """What the 'user' answers to the window's questions; records every error shown."""

    def __init__(self):
        self.save_changes = "discard"
        self.restore = True
        self.save_path = ""
        self.errors: list[tuple[str, str]] = []
        self.asked: list[str] = []


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def make_window(qtbot, answers, monkeypatch):
    """make_window(*files, settings_path=None) -> MainWindow, shown, with the files open."""
    from naion_designer.gui import main_window as mw
    from naion_designer.gui.settings import Settings

    def ask_save_changes(self, doc):
        answers.asked.append(f"save_changes:{doc.display_name()}")
        return answers.save_changes

    def ask_restore(self, found):
        answers.asked.append(f"restore:{len(found)}")
        return answers.restore

    def ask_save_path(self, doc):
        answers.asked.append("save_path")
        return answers.save_path

    def show_error(self, title, message):
        answers.errors.append((title, message))

    monkeypatch.setattr(mw.MainWindow, "ask_save_changes", ask_save_changes)
    monkeypatch.setattr(mw.MainWindow, "ask_restore", ask_restore)
    monkeypatch.setattr(mw.MainWindow, "ask_save_path", ask_save_path)
    monkeypatch.setattr(mw.MainWindow, "show_error", show_error)
    windows = []

    def factory(*files: str | Path, show: bool = True):
        win = mw.MainWindow(Settings())
        qtbot.addWidget(win)
        for f in files:
            win.open_file(f)
        if show:
            win.show()
            qtbot.waitExposed(win)
            # the figures of files opened before the window was shown follow the first paint
            qtbot.waitUntil(lambda: not win.results._pending, timeout=10_000)
        windows.append(win)
        return win

    yield factory
    for win in windows:
        win.plots.shutdown()
        for doc in win.docs:
            doc.undo_stack.setClean()
            doc.set_dirty(False)


@pytest.fixture(scope="session")
def _bundled_library():
    from naion_designer.io.library import load_library

    return load_library(include_user=False)


@pytest.fixture(autouse=True)
def _fast_library(_bundled_library, _user_dir):
    """Parsing the 18 bundled cell files takes ~1.5 s: share one parse across the GUI tests (the
    user folder is still per test: `library(reload=True)` reads it)."""
    from naion_designer.io import library

    library._cache = library.CellLibrary(dict(_bundled_library.cells),
                                         list(_bundled_library.problems))
    yield


def drag_to(qtbot, widget, start, target, modifier=None, steps: int = 10) -> None:
    """Press the left button at `start` and move in `steps` moves to `target` (no release:
    the caller may look at the view mid-drag)."""
    from PySide6.QtCore import QPoint, Qt

    qtbot.mousePress(widget, Qt.MouseButton.LeftButton,
                     modifier or Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, steps + 1):
        p = start + (target - start) * (k / steps)
        qtbot.mouseMove(widget, pos=QPoint(int(p.x()), int(p.y())))
