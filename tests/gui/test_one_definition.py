"""One figure, one definition: every figure that appears in more than one place (naion calc,
compare and size, the results panel, the target checks, the sizing candidates, the spec sheet)
shows the same number; a target figure on another basis has a name of its own and its basis."""

from __future__ import annotations

import json
import math

import pytest

from naion_designer.core.checks import check_design
from naion_designer.core.electrical import calculate
from naion_designer.core.results import RESULT_DEFS, display, results_to_json
from naion_designer.core.sizing import size
from naion_designer.core.units import to_unit
from naion_designer.io.design_file import read_design_file, write_design_file
from naion_designer.io.library import library
from naion_designer.io.target_file import load_target

# figures the spec sheet prints in its tables (as `display` formats them)
PDF_FIGURES = ("nominal_voltage", "capacity", "energy", "usable_energy", "resistance",
               "max_continuous_discharge_current", "max_continuous_discharge_power",
               "max_continuous_charge_power", "heat_at_max_continuous_discharge",
               "sustained_heat_at_max_continuous_discharge", "mass", "specific_energy")


@pytest.fixture(scope="module")
def sized():
    """The best designs that sizing finds for a forklift: real, target-bound designs."""
    target = load_target("forklift-48v")
    cells = [library().cells[i] for i in library().ids()]
    res = size(target, cells, top=2)
    assert len(res.candidates) == 2
    return target, res.candidates


def _cli(capsys, *args) -> object:
    from naion_designer.cli import main

    assert main([str(a) for a in args]) == 0
    return json.loads(capsys.readouterr().out)


def _same_json(a: dict, b: dict, where: str) -> None:
    assert set(a) == set(b), where
    for name in a:
        assert a[name]["unit"] == b[name]["unit"], (where, name)
        assert a[name]["value"] == pytest.approx(b[name]["value"], rel=1e-9, abs=1e-12), \
            (where, name)


def test_every_place_shows_the_same_figures(sized, tmp_path, capsys, make_window):
    from naion_designer.report.common import ReportOptions
    from naion_designer.report.spec_sheet import spec_sheet_bytes
    from tests.report.conftest import pdf_text

    target, candidates = sized
    paths = []
    for k, c in enumerate(candidates):
        path = tmp_path / f"{k}.naion"
        write_design_file(c.design, path)
        paths.append(path)
    designs = [read_design_file(p) for p in paths]
    results = [calculate(d) for d in designs]

    for c, d, r in zip(candidates, designs, results, strict=True):
        # sizing re-checks with calc: its candidate figures are calc's
        _same_json(results_to_json(c.results), results_to_json(r), "size")
        # the target checks read calc's figures where they name one
        for check in check_design(d, target, r):
            assert check.figure, check.name
            if check.figure in RESULT_DEFS:
                q = r[check.figure]
                expected = q.value if q.kind in ("money", "dimensionless") else \
                    to_unit(q.value, q.kind, check.unit.replace("kW*h", "kW*h"))
                assert check.value == pytest.approx(expected, rel=1e-9), check.name
            else:
                # a figure only a target defines: its own name, its own label, its basis said
                labels = {x.label for x in RESULT_DEFS.values()}
                assert check.label not in labels, check.name
                if check.unit in ("kW", "kW*h"):
                    assert check.basis and check.basis in check.reason, check.name

    # naion calc --json and naion compare --json
    for p, r in zip(paths, results, strict=True):
        _same_json(_cli(capsys, "calc", p, "--json")["results"], results_to_json(r), "calc")
    both = _cli(capsys, "compare", *paths, "--json")
    for obj, r in zip(both, results, strict=True):
        _same_json(obj["results"], results_to_json(r), "compare")
    # naion size --json: the same candidates, the same figures
    sized_json = _cli(capsys, "size", "--target", target.id, "--top", "2", "--json")
    for obj, r in zip(sized_json, results, strict=True):
        _same_json(obj["results"], results_to_json(r), "size --json")

    # the results panel shows each figure as `display` formats it
    win = make_window(paths[0])
    panel = win.results
    for name, q in results[0].items():
        num, unit = display(name, q, panel.units)
        assert panel.value_text(name) == f"{num} {unit}".strip(), name

    # the spec sheet prints the same numbers
    text = " ".join(pdf_text(spec_sheet_bytes(designs[0], ReportOptions(date="2026-01-01"))))
    for name in PDF_FIGURES:
        num, _ = display(name, results[0][name])
        assert num in text, (name, num)


def test_charge_power_has_one_definition(sized):
    """The Results panel's charge power and the target's are one figure (at nominal voltage)."""
    target, candidates = sized
    d = candidates[0].design
    r = calculate(d)
    assert r.value("max_continuous_charge_power") == pytest.approx(
        r.value("max_continuous_charge_current") * r.value("nominal_voltage"))
    if target.charge_power is not None:
        c = next(k for k in check_design(d, target, r) if k.name == "charge_power")
        assert c.value * 1e3 == pytest.approx(r.value("max_continuous_charge_power"))


def test_power_on_another_basis_is_named_with_its_basis(sized):
    target, candidates = sized
    d = candidates[0].design
    r = calculate(d)
    c = next(k for k in check_design(d, target, r) if k.name == "continuous_power")
    assert c.figure == "window_continuous_power" and c.figure not in RESULT_DEFS
    assert "end of the usable window" in c.label.lower()
    v_low = max(r.value("min_voltage"), target.voltage_min)
    assert f"{v_low:.4g}" in c.basis
    # where the window's low end is above the cells' cut-off, the two figures differ, each
    # true on its own basis
    if target.voltage_min > r.value("min_voltage") and "cell current limit" in c.basis:
        assert c.value * 1e3 == pytest.approx(
            r.value("max_continuous_discharge_current") * target.voltage_min)
        assert not math.isclose(c.value * 1e3, r.value("max_continuous_discharge_power"))


def test_results_panel_names_an_absurd_input(make_window, tmp_path, capsys):
    """A terminal resistance far above the cells' own (inside the schema's range, which refuses
    the 1.5e11 mΩ that once gave −3.1e10 V) is named in the results panel too."""
    from naion_designer.cli import main

    path = tmp_path / "d.naion"
    assert main(["new", "--cell", "generic-nfpp-210ah", "--series", "16", "--parallel", "1",
                 "-o", str(path)]) == 0
    data = json.loads(path.read_text())
    data["interconnect"] = {"terminal": "5000 mohm"}
    path.write_text(json.dumps(data))
    win = make_window(path)
    assert "interconnect.terminal" in win.results.header.text()


def test_compare_window_shows_calc_figures(sized, qtbot):
    from naion_designer.core.comparison import COMPARE_ROWS
    from naion_designer.gui.comparison_view import ComparisonView

    _, candidates = sized
    designs = [c.design for c in candidates]
    results = [calculate(d) for d in designs]
    view = ComparisonView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.curves_ready, timeout=60000):
        view.set_designs(designs)
    shown = 0
    for name in COMPARE_ROWS:
        if name not in results[0]:
            continue
        label = RESULT_DEFS[name].label
        _, unit = display(name, results[0][name])
        header = f"{label} ({unit})" if unit else label
        row = next(r for r in range(view.table.rowCount())
                   if view.table.verticalHeaderItem(r).text() == header)
        for col, r in enumerate(results):
            num, _ = display(name, r[name])
            assert view.table.item(row, col).text().split("  (")[0] == num, name
        shown += 1
    assert shown >= 15


def test_a_new_design_in_the_app_has_default_overheads(make_window):
    win = make_window()
    doc = win.new_document()
    d = doc.design
    assert [o.name.split(" (")[0] for o in d.overheads] == ["BMS and wiring", "busbars",
                                                             "enclosure"]
    r = calculate(d)
    assert r.value("cell_mass") / r.value("mass") == pytest.approx(1 / 1.2)
