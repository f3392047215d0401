"""What the app does before and around its main window: check that Qt's xcb platform plugin can
load (and say which Debian packages to install when it cannot), the log file, and the last line
of defence: `sys.excepthook` logs an uncaught exception and shows a dialog with the log's path
instead of the app vanishing."""

from __future__ import annotations

import ctypes.util
import logging
import logging.handlers
import os
import sys
from pathlib import Path

log = logging.getLogger("naion_designer")

# the shared libraries of Qt's xcb plugin (libqxcb.so, libQt6XcbQpa) -> the Debian package
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1", "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0", "xcb-render": "libxcb-render0",
    "xcb-shape": "libxcb-shape0", "xcb-shm": "libxcb-shm0", "xcb-sync": "libxcb-sync1",
    "xcb-util": "libxcb-util1", "xcb-xfixes": "libxcb-xfixes0", "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0", "xkbcommon": "libxkbcommon0", "X11-xcb": "libx11-xcb1",
    "xcb": "libxcb1",
}


def uses_xcb(qt_args: list[str]) -> bool:
    """Qt will pick its xcb plugin: Linux, an X display, no other platform asked for."""
    if not sys.platform.startswith("linux"):
        return False
    if "-platform" in qt_args:
        i = qt_args.index("-platform")
        return i + 1 < len(qt_args) and qt_args[i + 1].startswith("xcb")
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")


def missing_xcb_packages(find=ctypes.util.find_library) -> list[str]:
    """The Debian packages whose libraries Qt's xcb plugin needs and this system lacks."""
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if find(lib) is None]


def xcb_message(packages: list[str]) -> str:
    return ("naion-designer: Qt's X11 (xcb) platform plugin cannot load: missing "
            f"{', '.join(packages)}.\nInstall them with:\n    sudo apt-get install "
            f"{' '.join(packages)}\n(or run on Wayland with QT_QPA_PLATFORM=wayland).")


def log_dir() -> Path:
    """The user's log folder (NAION_LOG_DIR overrides: tests)."""
    env = os.environ.get("NAION_LOG_DIR")
    if env:
        return Path(env)
    from ..io.paths import log_dir as state_log_dir

    return state_log_dir()


def setup_logging() -> Path:
    """The rotating log file of `io.logs`, in `log_dir()`; returns its path."""
    from .. import __version__
    from ..io.logs import setup_logging as setup

    path = setup(folder=log_dir())
    logging.getLogger("naion_designer").info("NaIon Designer %s starting", __version__)
    return path


def install_excepthook(log_path: Path, show_dialog: bool = True) -> None:
    """Uncaught exceptions: logged in full, then a dialog with the log's path."""

    def hook(etype, value, tb) -> None:
        log.critical("uncaught exception", exc_info=(etype, value, tb))
        if show_dialog:
            show_crash_dialog(value, log_path)

    sys.excepthook = hook


def show_crash_dialog(exc: BaseException, log_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .messages import first_line

    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("Crash", "NaIon Designer: unexpected error"),
                      QCoreApplication.translate("Crash", "Something went wrong: {0}").format(
                          first_line(exc)))
    box.setInformativeText(QCoreApplication.translate(
        "Crash", "The details are in the log file:\n{0}\nYour open designs are autosaved.").format(
        log_path))
    box.exec()
