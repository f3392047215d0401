"""ComparisonView: figures side by side with the best highlighted and differences, target checks,
overlaid curves and the layouts next to each other."""

from __future__ import annotations

import pytest

from naion_designer.core.electrical import calculate
from naion_designer.core.pack import PackDesign
from naion_designer.io.cell_file import read_cell_file


@pytest.fixture
def designs(example_cell_path):
    cell = read_cell_file(example_cell_path)
    return [PackDesign(cell=cell, series=16, parallel=2, name="A"),
            PackDesign(cell=cell, series=14, parallel=4, name="B"),
            PackDesign(cell=cell, series=16, parallel=3, name="C")]


@pytest.fixture
def view(qtbot):
    from naion_designer.gui.comparison_view import ComparisonView

    v = ComparisonView()
    qtbot.addWidget(v)
    return v


def show(view, qtbot, designs):
    with qtbot.waitSignal(view.curves_ready, timeout=60000):
        view.set_designs(designs)


def test_table_side_by_side_with_best_and_differences(view, qtbot, designs):
    show(view, qtbot, designs)
    assert view.table.columnCount() == 3
    assert [view.table.horizontalHeaderItem(i).text() for i in range(3)] == ["1: A", "2: B",
                                                                            "3: C"]
    cap = view.row_of("Capacity")
    assert cap >= 0
    # B (4P) has the largest capacity, A (2P) the lowest mass
    assert view.is_best(cap, 1) and not view.is_best(cap, 0)
    mass = view.row_of("Pack mass")
    assert view.is_best(mass, 0)
    # differences against design 1
    assert view.table.item(cap, 0).text() == "24.00"
    assert view.table.item(cap, 1).text() == "48.00  (+100.0 %)"
    assert view.table.item(cap, 2).text() == "36.00  (+50.0 %)"
    # all-equal rows have no best (same cell: the nominal voltage of A and C, not B)
    r = calculate(designs[0])
    assert view.table.item(view.row_of("Nominal voltage"), 0).text().startswith(
        f"{r.value('nominal_voltage'):.2f}")
    # another reference
    view.reference.setCurrentIndex(1)
    assert view.table.item(cap, 0).text() == "24.00  (-50.0 %)"
    assert view.table.item(cap, 1).text() == "48.00"


def test_target_checks_rows(view, qtbot, designs):
    show(view, qtbot, designs)
    view.set_target("home-storage-51v2")
    row = view.row_of("Target:")
    assert row >= 0
    verdicts = [view.table.item(row, c).text() for c in range(3)]
    assert set(verdicts) <= {"passes", "fails"}
    window = view.row_of("  Drop-in")
    assert window > row
    assert {view.table.item(window, c).text() for c in range(3)} <= {"PASS", "FAIL", "n/v"}
    assert "window" in view.table.item(window, 0).toolTip()
    view.set_target("")
    assert view.row_of("Target:") == -1


def test_curves_overlaid_one_per_design(view, qtbot, designs):
    show(view, qtbot, designs)
    assert len(view.curve_data) == 3
    items = view.discharge_plot.getPlotItem().listDataItems()
    assert len(items) == 3
    assert len(view.power_plot.getPlotItem().listDataItems()) == 3
    x, y = items[1].getData()
    assert x[-1] > items[0].getData()[0][-1]  # 4P discharges more Ah than 2P
    assert view.curves_note.text()
    try:
        import naion_designer.core.curves  # noqa: F401
    except ImportError:
        assert "quasi-static" in view.curves_note.text()


def test_layouts_side_by_side(view, qtbot, designs):
    show(view, qtbot, designs)
    from PySide6.QtWidgets import QGraphicsEllipseItem

    ellipses = [i for i in view.scene.items() if isinstance(i, QGraphicsEllipseItem)]
    assert len(ellipses) == sum(d.cell_count for d in designs)
    texts = [i.toPlainText() for i in view.scene.items() if hasattr(i, "toPlainText")]
    assert any(t.startswith("1: A") for t in texts) and any(t.startswith("3: C") for t in texts)
    rect = view.scene.itemsBoundingRect()
    from naion_designer.core.layout import compute_layout

    total = sum(compute_layout(d).length * 1e3 for d in designs)
    assert rect.width() >= total


def test_single_design_and_empty(view, qtbot, designs):
    show(view, qtbot, designs[:1])
    assert "two or more" in view.message.text()
    assert view.best_column("capacity") is None
    view.set_designs([])
    assert view.table.columnCount() == 0
