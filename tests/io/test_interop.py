"""Cell models through PyBaMM parameter sets and the library through CSV, and back."""

from __future__ import annotations

import json

import pytest

from naion_designer.core.units import InputError
from naion_designer.io.cell_file import cell_to_dict
from naion_designer.io.library import load_library
from naion_designer.io.library_csv import read_library_csv, write_library_csv
from naion_designer.io.pybamm import (
    cell_to_pybamm,
    pybamm_to_cell,
    read_pybamm_json,
    write_pybamm_json,
)


def test_every_library_cell_round_trips_through_pybamm(tmp_path):
    lib = load_library(include_user=False)
    for cid in lib.ids():
        cell = lib.cells[cid].with_overrides(origin="")
        p = tmp_path / f"{cid}.json"
        write_pybamm_json(cell, p)
        assert read_pybamm_json(p) == cell, cid


def test_the_pybamm_keys_are_pybamms_and_edits_come_back():
    cell = load_library(include_user=False).cells["hakadi-18650-1500"]
    d = cell_to_pybamm(cell)
    for key in ("Cell capacity [A.h]", "Nominal cell capacity [A.h]", "Upper voltage cut-off [V]",
                "Lower voltage cut-off [V]", "Open-circuit voltage [V]", "R0 [Ohm]", "R1 [Ohm]",
                "C1 [F]", "Element-1 initial overpotential [V]", "Cell thermal mass [J/K]",
                "Entropic change [V/K]", "Initial SoC", "Ambient temperature [K]"):
        assert key in d, key
    assert d["Cell capacity [A.h]"] == pytest.approx(1.5)
    assert d["Cell thermal mass [J/K]"] == pytest.approx(cell.mass * cell.specific_heat)
    json.dumps(d)  # plain JSON
    d["R0 [Ohm]"] = 2 * cell.resistance
    d["C1 [F]"] = 1000.0
    again = pybamm_to_cell(json.loads(json.dumps(d)))
    assert again.resistance == pytest.approx(2 * cell.resistance)
    assert again.rc[0].capacitance == 1000.0
    # the rate table scales with the edited R0
    assert again.r0_at(0.5, None, 1.5) == pytest.approx(2 * cell.r0_at(0.5, None, 1.5))


def test_a_bare_pybamm_set_needs_a_template(tmp_path):
    cell = load_library(include_user=False).cells["hakadi-18650-1500"]
    d = cell_to_pybamm(cell)
    del d["naion:cell"]
    with pytest.raises(InputError, match="give --template"):
        pybamm_to_cell(d)
    tpl = load_library(include_user=False).cells["tob-18650-c-na"]
    got = pybamm_to_cell(d, template=tpl, cell_id="from-pybamm")
    assert got.id == "from-pybamm" and got.maker == tpl.maker
    assert got.capacity == pytest.approx(cell.capacity) and got.rc == cell.rc
    p = tmp_path / "bad.json"
    p.write_text("{not json")
    with pytest.raises(InputError, match="bad.json: not valid JSON"):
        read_pybamm_json(p)


def test_the_library_round_trips_through_csv(tmp_path):
    lib = load_library(include_user=False)
    cells = [lib.cells[i].with_overrides(origin="") for i in lib.ids()]
    p = tmp_path / "library.csv"
    write_library_csv(cells, p)
    back = read_library_csv(p)
    assert back == cells
    assert [cell_to_dict(c) for c in back] == [cell_to_dict(c) for c in cells]
    text = p.read_text()
    assert text.splitlines()[0].startswith("id,maker,model") and "capacity [Ah]" in text


def test_a_spreadsheet_edit_comes_back_and_bad_numbers_are_named(tmp_path):
    lib = load_library(include_user=False)
    p = tmp_path / "library.csv"
    write_library_csv([lib.cells["hakadi-18650-1500"]], p)
    lines = p.read_text().splitlines()
    header = lines[0].split(",")
    k = header.index("mass [kg]")
    import csv
    import io

    row = next(csv.reader(io.StringIO(lines[1])))
    row[k] = "0.04"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row)
    p.write_text(lines[0] + "\n" + buf.getvalue())
    assert read_library_csv(p)[0].mass == pytest.approx(0.04)
    row[k] = "heavy"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row)
    p.write_text(lines[0] + "\n" + buf.getvalue())
    with pytest.raises(InputError, match=r"library.csv: row 2: mass \[kg\]: expected a number"):
        read_library_csv(p)
