"""Layout editor redraw after an edit on a 4,000-cell pack (100S40P of 18650 cells), in the real
main window offscreen.  Target: < 100 ms from the edit to a painted viewport."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import replace


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    tmp = tempfile.mkdtemp(prefix="naion-bench-")
    os.environ.setdefault("NAION_SETTINGS_FILE", os.path.join(tmp, "settings.ini"))
    os.environ.setdefault("NAION_RECOVERY_DIR", os.path.join(tmp, "recovery"))
    from PySide6.QtWidgets import QApplication

    import naion_designer.gui  # noqa: F401 - pins True/None (see the package docstring)
    from naion_designer.gui.document import Document
    from naion_designer.gui.main_window import MainWindow
    from naion_designer.io.design_file import new_design

    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    design = new_design("kit-18650-1500", 100, 40, "Bench 100S40P")
    design = design.evolve(interconnect=replace(design.interconnect, cell_connection=0.5e-3,
                                                busbar_segment=0.05e-3))
    t0 = time.perf_counter()
    doc = win.add_document(Document(design))
    app.processEvents()
    tab = win.current_tab()
    tab.view.viewport().repaint()
    t_open = time.perf_counter() - t0
    print(f"cells: {design.cell_count} in {len(tab.view.groups)} group items; "
          f"scene items: {len(tab.view.scene().items())}")
    print(f"open + lay out + compute + first paint: {t_open * 1e3:.0f} ms")

    def timed_edit(k: int) -> tuple[float, float]:
        gap = 0.001 + 0.0005 * (k % 4)
        t0 = time.perf_counter()
        doc.edit("gap", layout=replace(doc.design.layout, gap=gap, groups_per_row=10 + k % 3))
        t1 = time.perf_counter()
        tab.view.viewport().repaint()  # synchronous paint of the layout editor
        t2 = time.perf_counter()
        return t1 - t0, t2 - t0

    for k in range(2):  # warm-up
        timed_edit(k)
    edits, totals = zip(*(timed_edit(k) for k in range(2, 22)), strict=True)
    med, worst = statistics.median(totals), max(totals)
    print(f"edit → model, layout items, results, editor: median {statistics.median(edits) * 1e3:.1f}"
          " ms")
    print(f"edit → painted layout view: median {med * 1e3:.1f} ms, worst {worst * 1e3:.1f} ms "
          f"(target < 100 ms) {'OK' if med < 0.1 else 'TOO SLOW'}")

    # colour map: repaint every cell with its own colour
    tab.set_mode("share")
    t0 = time.perf_counter()
    tab.update_colours()
    tab.view.viewport().repaint()
    print(f"colour map (4,000 cells, own colours) repaint: {(time.perf_counter() - t0) * 1e3:.1f}"
          " ms")
    t0 = time.perf_counter()
    tab.view.zoom_by(2.0)
    tab.view.viewport().repaint()
    print(f"zoom ×2 repaint: {(time.perf_counter() - t0) * 1e3:.1f} ms")
    doc.undo_stack.setClean()
    win.close()


if __name__ == "__main__":
    main()
