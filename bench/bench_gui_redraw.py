"""Layout editor redraw after an edit on a 4,000-cell pack (100S40P of 18650 cells), in the real
main window offscreen.  Target (issue): ≤ 50 ms from the edit to a painted viewport.  Times are
CPU time of the process (the machine is shared; wall times follow in brackets), medians over
20 edits; the colour-map and zoom repaints are medians of 5."""

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

    def timed_edit(k: int) -> tuple[float, float, float]:
        gap = 0.001 + 0.0005 * (k % 4)
        t0, c0 = time.perf_counter(), time.process_time()
        doc.edit("gap", layout=replace(doc.design.layout, gap=gap, groups_per_row=10 + k % 3))
        c1 = time.process_time()
        tab.view.viewport().repaint()  # synchronous paint of the layout editor
        return c1 - c0, time.process_time() - c0, time.perf_counter() - t0

    for k in range(2):  # warm-up
        timed_edit(k)
    edits, totals, walls = zip(*(timed_edit(k) for k in range(2, 22)), strict=True)
    med, worst = statistics.median(totals), max(totals)
    print(f"edit → model, layout items, results, editor: median {statistics.median(edits) * 1e3:.1f}"
          " ms CPU")
    print(f"edit → painted layout view: median {med * 1e3:.1f} ms, worst {worst * 1e3:.1f} ms CPU "
          f"(wall median {statistics.median(walls) * 1e3:.1f} ms) (target ≤ 50 ms) "
          f"{'met' if med <= 0.05 else 'NOT MET'}")

    def cpu(f) -> float:
        c0 = time.process_time()
        f()
        return time.process_time() - c0

    # colour map: repaint every cell with its own colour
    tab.set_mode("share")

    def colours():
        tab.view.set_colour_values(None)
        tab.update_colours()
        tab.view.viewport().repaint()
    t = statistics.median(cpu(colours) for _ in range(5))
    print(f"colour map (4,000 cells, own colours) update + repaint: {t * 1e3:.1f} ms CPU")

    def zoom(factor: float) -> None:
        tab.view.zoom_by(factor)
        tab.view.viewport().repaint()
    t = statistics.median(cpu(lambda k=k: zoom(2.0 if k % 2 == 0 else 0.5)) for k in range(6))
    print(f"zoom ×2 / ×0.5 repaint: {t * 1e3:.1f} ms CPU")
    doc.undo_stack.setClean()
    win.close()


if __name__ == "__main__":
    main()
