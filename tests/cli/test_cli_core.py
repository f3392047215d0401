"""`naion cells`, `new`, `calc`: the contract's command line, including every kind of bad input."""

import json
import os

import pytest

from .conftest import assert_input_error


def test_help_and_version(naion_subprocess):
    r = naion_subprocess("--help")
    assert r.code == 0 and "calc" in r.out and "cells" in r.out
    r = naion_subprocess("calc", "--help")
    assert r.code == 0 and "--series" in r.out


def test_cells_list_json_has_contract_keys(naion):
    r = naion("cells", "list", "--json")
    assert r.code == 0
    cells = json.loads(r.out)
    assert len(cells) >= 15
    for c in cells:
        for key in ("id", "maker", "model", "form_factor", "cathode", "anode",
                    "nominal_voltage", "capacity", "source"):
            assert key in c
        assert set(c["capacity"]) == {"value", "unit"}


def test_cells_list_table(naion):
    r = naion("cells", "list")
    assert r.code == 0
    assert "generic-nfpp-210ah" in r.out and "hakadi-18650-1500" in r.out


def test_cells_show(naion, example_cell_path):
    r = naion("cells", "show", "hakadi-18650-1500", "--json")
    assert r.code == 0
    d = json.loads(r.out)
    assert d["id"] == "hakadi-18650-1500"
    assert d["fields"]["ocv"]["voltage"][0] == pytest.approx(1.989)
    r = naion("cells", "show", str(example_cell_path))
    assert r.code == 0 and "estimated" in r.out and "rc[0]" in r.out


def test_calc_210ah_json(naion):
    r = naion("calc", "--cell", "generic-nfpp-210ah", "--series", "16", "--parallel", "1",
              "--json")
    assert r.code == 0, r.err
    d = json.loads(r.out)
    assert (d["cell"], d["series"], d["parallel"], d["cell_count"]) == (
        "generic-nfpp-210ah", 16, 1, 16)
    res = d["results"]
    assert res["nominal_voltage"] == {"value": 51.2, "unit": "V"}
    assert res["energy"]["value"] == pytest.approx(10.752)
    assert res["energy"]["unit"] == "kW*h"
    for name in ("nominal_voltage", "max_voltage", "min_voltage", "capacity", "energy",
                 "cell_mass", "mass", "cells_resistance", "resistance",
                 "max_continuous_discharge_current", "max_continuous_discharge_power",
                 "max_continuous_charge_current", "heat_at_max_continuous_discharge",
                 "specific_energy", "energy_density"):
        assert name in res, name
        assert isinstance(res[name]["value"], float | int)


def test_json_units_parse_with_pint(naion):
    from naion_designer.core.units import ureg

    r = naion("calc", "--cell", "tob-18650-c-na", "--series", "14", "--parallel", "5", "--json")
    for name, q in json.loads(r.out)["results"].items():
        ureg().Quantity(q["value"], q["unit"])  # must not raise
        assert q["unit"], name


def test_new_then_calc_design(naion, tmp_path):
    out = tmp_path / "moped.naion"
    r = naion("new", "--cell", "hina-nacr32140-me12", "--series", "20", "--parallel", "4",
              "--name", "E-moped 62 V", "-o", out)
    assert r.code == 0, r.err
    d = json.loads(out.read_text())
    assert d["format"] == "naion-design" and d["version"] == 2 and d["cell"] == "hina-nacr32140-me12"
    r = naion("calc", out, "--json")
    assert r.code == 0
    assert json.loads(r.out)["name"] == "E-moped 62 V"
    r2 = naion("calc", out)
    assert "Nominal voltage" in r2.out and "62.00" in r2.out


def test_calc_table_for_humans(naion):
    r = naion("calc", "--cell", "generic-nfpp-210ah", "--series", "16", "--parallel", "1")
    assert r.code == 0
    assert "51.20  V" in r.out and "10.75  kWh" in r.out


def test_calc_reports_the_module_grid(naion, tmp_path):
    """The arrangement's module grid in the table and in --json, beside the group block: the
    design's `layout.modules_per_row`, and the app's choice where it is 0."""
    out = tmp_path / "grid.naion"
    assert naion("new", "--cell", "tob-18650-c-na", "--series", "16", "--parallel", "4",
                 "-o", out).code == 0
    d = json.loads(out.read_text())
    d["layout"].update(group_shape=[2, 2], groups_per_row=4, modules=4, modules_per_row=2)
    out.write_text(json.dumps(d))
    r = naion("calc", out)
    assert r.code == 0, r.err
    rows = {line.split("  ")[0]: line.split()[-1] for line in r.out.splitlines() if "  " in line}
    assert (rows["Modules"], rows["Module rows"], rows["Modules per row"]) == ("4", "2", "2")
    res = json.loads(naion("calc", out, "--json").out)["results"]
    assert [res[k]["value"] for k in ("modules", "module_rows", "modules_per_row")] == [4, 2, 2]
    assert res["modules_per_row"]["unit"] == "dimensionless"
    d["layout"]["modules_per_row"] = 0  # the app chooses: a grid or one row of the four
    out.write_text(json.dumps(d))
    res = json.loads(naion("calc", out, "--json").out)["results"]
    per, n_rows = res["modules_per_row"]["value"], res["module_rows"]["value"]
    assert per in (1, 2, 4) and n_rows == 4 / per


# ---- bad input: exit 2, one `error:` line naming the field -----------------------------------
@pytest.mark.parametrize("args, needle", [
    (["calc", "--cell", "nope", "--series", "16", "--parallel", "1"], "unknown cell 'nope'"),
    (["calc", "--cell", "generic-nfpp-210ah", "--series", "0", "--parallel", "1"], "--series"),
    (["calc", "--cell", "generic-nfpp-210ah", "--series", "-3", "--parallel", "1"], "--series"),
    (["calc", "--cell", "generic-nfpp-210ah", "--series", "16", "--parallel", "two"],
     "--parallel"),
    (["calc", "--cell", "generic-nfpp-210ah", "--series", "1.5", "--parallel", "1"], "--series"),
    (["calc", "--cell", "generic-nfpp-210ah", "--parallel", "1"], "--series"),
    (["calc"], "DESIGN"),
    (["calc", "missing.naion"], "missing.naion"),
    (["new", "--cell", "generic-nfpp-210ah", "--series", "16", "--parallel", "0", "-o",
      "x.naion"], "--parallel"),
    (["cells", "show", "nope"], "unknown cell"),
    (["frobnicate"], "invalid choice"),
    (["calc", "--bogus"], "unrecognized arguments"),
])
def test_bad_arguments(naion, args, needle, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_input_error(naion(*args), needle)


@pytest.mark.parametrize("content, needle", [
    ('{"format": "naion-design", "version": 1, "cell": "generic-nfpp', "corrupt design file"),
    ('{"format": "naion-design", "version": 7, "name": "x", "cell": "generic-nfpp-210ah", '
     '"series": 16, "parallel": 1}', "version 7, newer"),
    ('{"format": "naion-design", "version": 1, "cell": "generic-nfpp-210ah", "series": 16}',
     "parallel: missing"),
    ('{"format": "naion-design", "version": 1, "cell": "generic-nfpp-210ah", "series": 16, '
     '"parallel": 1, "thermal": {"ambient_temperature": "25"}}', "thermal.ambient_temperature"),
    ('{"format": "naion-design", "version": 1, "cell": "generic-nfpp-210ah", "series": "x", '
     '"parallel": 1}', "series"),
    ('{"format": "naion-design", "version": 1, "cell": "generic-nfpp-210ah", "series": 16, '
     '"parallel": 1, "interconnect": {"terminal": "2 V"}}', "interconnect.terminal"),
])
def test_bad_design_files(naion, tmp_path, content, needle):
    p = tmp_path / "bad.naion"
    p.write_text(content)
    r = naion("calc", p)
    assert_input_error(r, needle)
    assert "bad.naion" in r.err


def test_bad_cell_file_wrong_unit(naion, tmp_path, example_cell_path):
    p = tmp_path / "cell.toml"
    p.write_text(example_cell_path.read_text().replace('capacity = "12 Ah"', 'capacity = "12 V"'))
    r = naion("calc", "--cell", p, "--series", "2", "--parallel", "1")
    assert_input_error(r, "capacity: expected a charge such as '12 Ah', got '12 V'")


def test_unwritable_output(naion, tmp_path):
    r = naion("new", "--cell", "generic-nfpp-210ah", "--series", "16", "--parallel", "1", "-o",
              tmp_path / "no" / "such" / "dir" / "x.naion")
    assert_input_error(r, "does not exist")
    blocker = tmp_path / "file"
    blocker.write_text("")
    r = naion("new", "--cell", "generic-nfpp-210ah", "--series", "16", "--parallel", "1", "-o",
              blocker / "x.naion")
    assert_input_error(r, "x.naion")
    if os.path.isdir("/proc/self"):
        r = naion("new", "--cell", "generic-nfpp-210ah", "--series", "16", "--parallel", "1",
                  "-o", "/proc/self/x.naion")
        assert_input_error(r, "cannot write")


def test_error_in_subprocess_has_no_traceback(naion_subprocess, tmp_path):
    p = tmp_path / "future.naion"
    p.write_text('{"format": "naion-design", "version": 99}')
    r = naion_subprocess("calc", p, "--json")
    assert_input_error(r, "version 99")
