"""The cell library dock: search and filters, sortable unit columns, details with the source and
estimated figures, importing a cell file and saving a user cell to the user's folder."""

from __future__ import annotations

from PySide6.QtCore import Qt

from naion_designer.gui.dialogs.cell_editor import CellEditorDialog
from naion_designer.io.paths import user_cell_dir


def test_search_and_filters(make_window):
    win = make_window()
    lib = win.library
    assert len(lib.visible_ids()) == len(lib.cells) >= 18
    lib.search.setText("18650")
    ids = lib.visible_ids()
    assert ids and all("18650" in i for i in ids)
    lib.search.setText("")
    lib.format_combo.setCurrentIndex(lib.format_combo.findData("prismatic"))
    assert all(lib.cells[i].form_factor == "prismatic" for i in lib.visible_ids())
    lib.chem_combo.setCurrentIndex(lib.chem_combo.findData("polyanion"))
    ids = lib.visible_ids()
    assert "generic-nfpp-210ah" in ids
    assert all(lib.cells[i].chemistry == "polyanion" for i in ids)


def test_numeric_columns_sort_by_value_and_carry_units(make_window):
    win = make_window()
    lib = win.library
    headers = [lib.model.horizontalHeaderItem(c).text() for c in range(lib.model.columnCount())]
    assert "Capacity (Ah)" in headers and "R0 (mΩ)" in headers and "Mass (g)" in headers
    col = headers.index("Capacity (Ah)")
    lib.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    caps = [lib.cells[i].capacity_ah for i in lib.visible_ids()]
    assert caps == sorted(caps, reverse=True)


def test_details_show_source_and_flag_estimates(make_window):
    win = make_window()
    lib = win.library
    assert lib.select("generic-nfpp-210ah")
    html = lib.details.toHtml()
    assert "bauaelectric.com" in html
    assert "estimated" in html
    assert "210 Ah" in html


def test_import_a_cell_file_into_the_user_library(make_window, example_cell_path):
    win = make_window()
    cid = win.library.import_cell_file(str(example_cell_path))
    assert cid == "example-na-32140"
    assert (user_cell_dir() / "example-na-32140.toml").is_file()
    assert "example-na-32140" in win.library.visible_ids()
    assert win.library.selected_cell().id == "example-na-32140"


def test_user_cell_editor_saves_to_the_user_folder(make_window, qtbot):
    win = make_window()
    base = win.library.cells["hina-nacr32140-me12"]
    dlg = CellEditorDialog(base, win)
    qtbot.addWidget(dlg)
    assert dlg.edits["id"].text() == "hina-nacr32140-me12-user"
    dlg.edits["resistance"].setText("1.6 mΩ")
    dlg.edits["capacity"].setText("12 V")  # wrong dimension: refused, field named
    assert not dlg.save()
    assert dlg.error_label.text().startswith("capacity: expected a charge")
    dlg.edits["capacity"].setText("12.5 Ah")
    assert dlg.save()
    path = user_cell_dir() / "hina-nacr32140-me12-user.toml"
    assert path.is_file()
    win.library.reload(reload_files=True, select=dlg.saved_id)
    cell = win.library.cells["hina-nacr32140-me12-user"]
    assert abs(cell.resistance - 1.6e-3) < 1e-12 and abs(cell.capacity_ah - 12.5) < 1e-9
    assert cell.ocv is not None  # the rest of the base cell is kept


def test_bad_import_is_one_line(make_window, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 'naion-cell'\nversion = 1\n", encoding="utf-8")
    win = make_window()
    errors = []
    win.library.error.connect(lambda t, m: errors.append((t, m)))
    assert win.library.import_cell_file(str(bad)) == ""
    assert errors and "\n" not in errors[0][1]


def test_the_dock_shows_more_than_id_and_maker(make_window):
    from naion_designer.gui.widgets.cell_library import MAX_COLUMN_PX

    win = make_window()
    lib = win.library
    lib.ensure_loaded()
    widths = [lib.table.columnWidth(c) for c in range(lib.model.columnCount())]
    assert max(widths[:2]) <= MAX_COLUMN_PX  # Id and Maker elided, not 200 px each
    assert sum(widths[:5]) <= 5 * MAX_COLUMN_PX
