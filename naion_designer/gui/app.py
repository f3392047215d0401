"""Entry point of the desktop app (`naion-designer [FILE...]`).

Qt is imported inside `main()` so that `--version` and `--help` stay fast.  With no file the
bundled example opens; `--smoke-test` opens, computes, prints one line and exits (used by the
packaging smoke test and the start-up test).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .. import version_action

ORG_NAME = "NaIon"
ORG_DOMAIN = "naion.io"
DESKTOP_FILE = "io.naion.Designer"


def app_version() -> str:
    from .. import __version__

    return __version__


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    p = argparse.ArgumentParser(prog="naion-designer",
                                description="NaIon Designer: design sodium-ion battery packs.")
    p.add_argument("files", nargs="*", metavar="FILE", help="design files (.naion) to open")
    p.add_argument("--version", action=version_action("naion-designer"))
    p.add_argument("--smoke-test", action="store_true",
                   help="open the files (or the example), compute, print one line and exit")
    p.add_argument("--no-restore", action="store_true",
                   help="do not offer to restore autosaved work")
    p.add_argument("--lang", choices=["en", "zh_CN"], default="",
                   help="the interface language (default: the Preferences choice, else the "
                        "system's)")
    p.add_argument("--watchdog", action="store_true",
                   help="report (in the log) when the interface is busy for more than 250 ms")
    return p.parse_known_args(argv)  # unknown arguments go to Qt (-platform, -style, ...)


def smoke_report(win) -> tuple[bool, str]:
    """(ok, one line) about the open documents: laid out and computed."""
    doc = win.current_document()
    if doc is None:
        return False, "smoke-test FAILED: no design open"
    results = doc.results()
    tab = win.current_tab()
    n_groups = len(tab.view.groups) if tab is not None else 0
    if results is None:
        return False, f"smoke-test FAILED: {doc.display_name()}: {doc.results_error()}"
    if n_groups != doc.design.series:
        return False, f"smoke-test FAILED: layout has {n_groups} groups for {doc.design.series}S"
    energy = results.value("energy") / 3.6e6
    return True, (f"smoke-test ok: {doc.display_name()} {doc.design.series}S"
                  f"{doc.design.parallel}P, {energy:.3f} kWh, {n_groups} groups laid out, "
                  f"{len(win.docs)} design(s) open")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args, qt_args = parse_args(argv)
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from .startup import missing_xcb_packages, uses_xcb, xcb_message

    if uses_xcb(qt_args):
        missing = missing_xcb_packages()
        if missing:
            print(xcb_message(missing), file=sys.stderr)
            return 1
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    from ..core.units import set_cache_folder
    from ..io.paths import APP_NAME, DISPLAY_NAME, unit_cache_dir

    set_cache_folder(unit_cache_dir)

    # the file-system name goes into settings paths; the display name is what users read
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(DISPLAY_NAME)
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setOrganizationDomain(ORG_DOMAIN)
    QApplication.setApplicationVersion(app_version())
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])

    from .i18n import choose_language, install_translators
    from .settings import Settings
    from .startup import install_excepthook, setup_logging

    log_path = setup_logging()
    install_excepthook(log_path, show_dialog=not args.smoke_test)
    settings = Settings()
    lang = choose_language(args.lang, settings.get("language"))
    install_translators(app, lang)
    logging.getLogger(__name__).info("NaIon Designer %s started (language %s, log %s)",
                                     app_version(), lang, log_path)
    from .main_window import MainWindow, app_icon

    app.setWindowIcon(app_icon())
    win = MainWindow(settings)
    win.log_path = log_path
    if args.watchdog or os.environ.get("NAION_WATCHDOG_MS"):
        from .watchdog import Watchdog

        ms = float(os.environ.get("NAION_WATCHDOG_MS") or 250)
        win.watchdog = Watchdog(ms / 1000, parent=win).start()
    opened = [win.open_file(f) for f in args.files]
    if not args.files or not any(opened):
        if not win.docs:
            win.open_example()
    win.show()
    if args.smoke_test:
        def finish() -> None:
            ok, line = smoke_report(win)
            print(line, flush=True)
            for doc in win.docs:
                doc.undo_stack.setClean()
                doc.set_dirty(False)
            win.close()
            app.exit(0 if ok else 1)

        QTimer.singleShot(0, finish)
    elif not args.no_restore:
        QTimer.singleShot(0, win.offer_restore)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
