"""The command line's own behaviour: flags for core field names, negative quantities after
their option, readable tables, and calc's limits and warnings."""

import csv
import json

import pytest

from naion_designer.cli.common import flag_for, join_negative_values

from .conftest import assert_input_error


def test_negative_quantities_after_their_option():
    assert join_negative_values(["simulate", "--ambient", "-20degC", "--dt", "1 s"]) == [
        "simulate", "--ambient=-20degC", "--dt", "1 s"]
    # other options and values are left alone, and so is everything after "--"
    assert join_negative_values(["size", "--top", "-3"]) == ["size", "--top", "-3"]
    assert join_negative_values(["--", "--ambient", "-5degC"]) == ["--", "--ambient", "-5degC"]


def test_ambient_minus_20_degc_runs(naion, example_cell_path, tmp_path):
    out = tmp_path / "cold.csv"
    r = naion("simulate", "--cell", example_cell_path, "--series", 1, "--parallel", 1,
              "--profile", "rest:10s", "-o", out, "--ambient", "-20degC")
    assert r.code == 0, r.err
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert float(rows[0]["max_cell_temperature_C"]) == pytest.approx(-20.0)


def test_core_field_names_shown_as_flags(naion):
    assert flag_for("dt") == "--dt" and flag_for("objective") == "--objective"
    assert flag_for("interconnect.terminal") == "interconnect.terminal"
    assert_input_error(naion("size", "--target", "e-moped-60v", "--objective", "beauty"),
                       "--objective")


def test_cells_list_full_names_and_headers(naion):
    from naion_designer.io.library import library

    r = naion("cells", "list")
    assert r.code == 0
    header = r.out.splitlines()[0].split()
    assert header[-1] == "estimates" and "" not in header
    for c in library().cells.values():
        assert c.model in r.out and c.maker in r.out  # never cut off


def test_calc_shows_the_limits_it_breaks(naion, tmp_path):
    # 16S1P of a 1.5 Ah cell at its 3C limit, no cooling: the cells overheat in a full discharge
    r = naion("calc", "--cell", "hakadi-18650-1500", "--series", 16, "--parallel", 1, "--json")
    d = json.loads(r.out)
    assert "adiabatic_temperature_rise_rate" in d["violations"]
    assert d["warnings"] == []
    r = naion("calc", "--cell", "hakadi-18650-1500", "--series", 16, "--parallel", 1)
    assert "Limits exceeded" in r.out and "discharge limit" in r.out


def test_absurd_terminal_resistance_is_named(naion, tmp_path):
    path = tmp_path / "d.naion"
    assert naion("new", "--cell", "generic-nfpp-210ah", "--series", 16, "--parallel", 1, "-o",
                 path).code == 0
    data = json.loads(path.read_text())
    # beyond the schema's plausible range: refused, naming the field
    data["interconnect"] = {"terminal": "1.5e11 mohm"}
    path.write_text(json.dumps(data))
    r = naion("calc", path, "--json")
    assert r.code == 2 and r.err.startswith("error: ") and "interconnect.terminal" in r.err
    # inside the range but far above the cells' own resistance: computed, with a warning
    data["interconnect"] = {"terminal": "5000 mohm"}
    path.write_text(json.dumps(data))
    r = naion("calc", path, "--json")
    assert r.code == 0
    fields = [w["field"] for w in json.loads(r.out)["warnings"]]
    assert fields[0] == "interconnect.terminal"
    r = naion("calc", path)
    assert "warning: interconnect.terminal:" in r.err


def test_new_designs_start_with_application_overheads(naion, tmp_path):
    """A new design carries BMS, busbars and enclosure: its pack Wh/kg is 80-85 % of the cell's
    (HiNa Sehol: 120 of 140 Wh/kg), the overheads are in the file to edit, and 'none' keeps the
    contract's bare pack (mass = cell mass)."""
    from naion_designer.core.overheads import APPLICATION_CLASSES

    ratios = {}
    for app in APPLICATION_CLASSES:
        path = tmp_path / f"{app}.naion"
        r = naion("new", "--cell", "hina-nacr32140-me12", "--series", 20, "--parallel", 4,
                  "--application", app, "-o", path)
        assert r.code == 0, r.err
        saved = json.loads(path.read_text())["overheads"]
        res = json.loads(naion("calc", path, "--json").out)["results"]
        ratios[app] = res["cell_mass"]["value"] / res["mass"]["value"]
        assert len(saved) == (0 if app == "none" else 3)
    assert ratios.pop("none") == pytest.approx(1.0)
    assert all(0.79 <= x <= 0.86 for x in ratios.values()), ratios
    assert ratios["vehicle"] == pytest.approx(120 / 140, abs=0.01)
    assert_input_error(naion("new", "--cell", "hina-nacr32140-me12", "--series", 2,
                             "--parallel", 1, "--application", "rocket", "-o",
                             tmp_path / "x.naion"), "--application")


def test_check_json_names_the_figure_and_its_basis(naion, tmp_path):
    path = tmp_path / "d.naion"
    assert naion("new", "--cell", "generic-nfpp-210ah", "--series", 16, "--parallel", 1, "-o",
                 path).code == 0
    r = naion("targets", "check", path, "--target", "forklift-48v", "--json")
    assert r.code == 0, r.err
    checks = {c["name"]: c for c in json.loads(r.out)[0]["checks"]}
    power = checks["continuous_power"]
    assert power["figure"] == "window_continuous_power" and "end of the usable window" in \
        power["basis"]
    assert checks["mass"]["figure"] == "mass" and checks["mass"]["basis"] == ""
