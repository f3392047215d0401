"""The main window paints before the cell library and the plots (pyqtgraph) are made, and
makes them right after; a window that is never shown makes them at the first event-loop turn;
a plot asked for before then is made at once."""

from __future__ import annotations

from naion_designer.gui.settings import Settings


def test_first_paint_then_library_and_plots(make_window, qtbot):
    win = make_window(show=False)
    order = []
    real = win.plots.ensure_plots
    win.plots.ensure_plots = lambda: (order.append(("plots", win._painted)), real())
    win._after_paint = [win.library.ensure_loaded, win.plots.ensure_plots]
    assert not win.plots._plots_built and win.library._cells is None
    win.show()
    qtbot.waitUntil(lambda: win.plots._plots_built, timeout=10000)
    assert order == [("plots", True)]  # made after the window had painted
    assert win.library._cells is not None
    assert win.plots.v_plot.parent() is not None
    assert not win.plots._stand_ins


def test_a_window_never_shown_still_gets_them(qtbot):
    from naion_designer.gui.main_window import MainWindow

    win = MainWindow(Settings())
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plots._plots_built and win.library._cells is not None,
                    timeout=10000)


def test_a_plot_asked_for_early_is_made_at_once(qtbot):
    from naion_designer.gui.main_window import MainWindow

    win = MainWindow(Settings())
    qtbot.addWidget(win)
    assert not win.plots._plots_built
    assert win.plots.discharge_plot.getPlotItem() is not None
    assert win.plots._plots_built
