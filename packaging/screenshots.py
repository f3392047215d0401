"""Take the README screenshots from the real app on an X server (Xvfb) with ImageMagick.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python packaging/screenshots.py docs/images

Opens the bundled examples in the main window, runs a simulation, switches the layout editor to
its temperature colour map and captures the screen with `import -window root`, cropped to the
window, the layout editor and the plots.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wait_until(app, condition, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("screenshots: timed out")
        app.processEvents()
        time.sleep(0.02)


def settle(app, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def capture(path: Path, rect, max_width: int = 1400) -> None:
    x, y, w, h = rect
    resize = ["-resize", f"{max_width}x>"] if w > max_width + 40 else []
    w = min(w, max_width + 40) if resize else min(w, max_width)  # crop a pixel, don't resample
    subprocess.run(["import", "-window", "root", "-crop", f"{w}x{h}+{x}+{y}", "+repage",
                    *resize, "-strip", "-define", "png:compression-level=9", str(path)],
                   check=True)
    print(f"wrote {path} ({w}×{h})")


def global_rect(widget) -> tuple[int, int, int, int]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return top_left.x(), top_left.y(), widget.width(), widget.height()


def main(out: str) -> int:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="naion-shots-")
    os.environ["NAION_SETTINGS_FILE"] = str(Path(tmp) / "settings.ini")
    os.environ["NAION_RECOVERY_DIR"] = str(Path(tmp) / "recovery")
    from PySide6.QtWidgets import QApplication

    import naion_designer.gui  # noqa: F401 - pins True/None (see the package docstring)
    from naion_designer.gui.main_window import MainWindow, app_icon
    from naion_designer.io.paths import APP_NAME, examples_dir

    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    win = MainWindow()
    win.open_file(examples_dir() / "home-storage-51v.naion")
    win.open_file(examples_dir() / "e-moped-60v.naion")
    win.setGeometry(0, 0, 1400, 900)
    win.show()
    settle(app, 1.5)
    plots = win.plots
    done: list[str] = []
    plots.simulation_finished.connect(done.append)

    def simulate(profile: str) -> None:
        done.clear()
        plots.select_profile(profile)
        plots.run_simulation()
        wait_until(app, lambda: bool(done))
        if done[0] != "done":
            raise SystemExit(f"screenshots: simulation {done[0]}: {plots.status.text()}")

    # the home storage example as `make run` opens it, after a simulated day
    win.tabs.setCurrentIndex(0)
    simulate("home-storage-day")
    settle(app)
    capture(out_dir / "main-window.png", (0, 0, win.width(), win.height()))

    # the moped: run the urban cycle, then paint the cells by temperature
    win.tabs.setCurrentIndex(1)
    simulate("two-wheeler-urban")
    tab = win.current_tab()
    tab.set_mode("temperature")
    tab.time_slider.setValue(tab.time_slider.maximum())
    view = tab.view
    settle(app)
    view.fit()
    target = view.cell_view_pos(9, 2)
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(target), QPointF(view.viewport().mapToGlobal(
        target)), Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier)
    app.sendEvent(view.viewport(), move)
    tab.info.setText(view.describe_cell(9, 2))
    settle(app)
    capture(out_dir / "layout-colormap.png", global_rect(win.tabs))
    plots.tabs.setCurrentIndex(0)
    win.plots_dock.setFloating(True)  # a wide view of the plots on their own
    win.plots_dock.setGeometry(0, 0, 1400, 500)
    settle(app, 1.0)
    capture(out_dir / "plots.png", global_rect(win.plots_dock))
    for doc in win.docs:
        doc.undo_stack.setClean()
        doc.set_dirty(False)
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/images"))
