"""The target, sizing, comparison and export widgets wired into the main window: the Target
dock, Tools → Size for target…
(opening a sized design as a new tab), Tools → Compare open designs, and the PDF export dialogs
from the File menu.  Each is skipped until its module exists (they are written in parallel)."""

from __future__ import annotations

from .conftest import HOME_STORAGE, MOPED


def test_target_dock_follows_the_design_and_sets_its_target(make_window):
    from naion_designer.gui.widgets.target_panel import TargetPanel

    win = make_window(MOPED)
    panel = win.target_panel
    assert isinstance(panel, TargetPanel)
    doc = win.current_document()
    assert doc.design.target == "e-moped-60v"
    # the results list the target's checks, failing ones highlighted with the reason
    assert "target:mass" in win.results.items
    mass = win.results.items["target:mass"]
    assert mass.text(0).startswith("✗")
    assert "over by" in mass.toolTip(1)
    assert "mass" in win.results.reasons  # the pack mass figure itself is flagged
    # choosing another target in the dock is one undo step on the design
    panel.select_target("e-moped-72v")
    assert doc.design.target == "e-moped-72v"
    assert doc.undo_stack.count() == 1
    win.undo_action.trigger()
    assert doc.design.target == "e-moped-60v"


def test_size_for_target_opens_the_chosen_design_as_a_new_tab(make_window):
    from naion_designer.gui.sizing_view import SizingView

    win = make_window(HOME_STORAGE)
    view = win.open_sizing()
    assert isinstance(view, SizingView) and view.isWindow()
    design = win.current_document().design.evolve(series=15, name="Sized 15S1P")
    view.open_design.emit(design)
    assert win.tabs.count() == 2
    doc = win.current_document()
    assert doc.design.name == "Sized 15S1P"
    assert doc.is_modified() and doc.path is None
    assert win.windowTitle() == "NaIon Designer — Sized 15S1P *"
    view.close()


def test_compare_open_designs(make_window):
    from naion_designer.gui.comparison_view import ComparisonView

    win = make_window(HOME_STORAGE, MOPED)
    view = win.open_comparison()
    assert isinstance(view, ComparisonView)
    assert [d.name for d in view.designs] == [d.design.name for d in win.docs]
    view.close()


def test_export_dialogs_get_the_current_and_all_designs(make_window, monkeypatch):
    import naion_designer.gui.dialogs.export as mod
    seen = []
    monkeypatch.setattr(mod.ExportDialog, "exec", lambda self: seen.append(("one", self)) or 0)
    monkeypatch.setattr(mod.ComparisonExportDialog, "exec",
                        lambda self: seen.append(("all", self)) or 0)
    win = make_window(HOME_STORAGE, MOPED)
    win.export_action.trigger()
    win.export_cmp_action.trigger()
    assert [k for k, _d in seen] == ["one", "all"]
    for _k, dlg in seen:
        assert dlg.parent() is win
        dlg.deleteLater()
