"""CLI contract for `naion targets`, `naion size` and `naion compare`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.cli.conftest import assert_input_error

TARGET_TOML = """
format = "naion-target"
version = 1
id = "test-home"
name = "Test home storage"
source = "test"

[voltage]
min = "40 V"
max = "58.4 V"
incumbent = "LFP 16S"
min_usable_fraction = 0.55

[energy]
usable = "3 kWh"

[power]
continuous = "3 kW"
charge = "1 kW"

[temperature]
min = "0 degC"
max = "40 degC"

[mechanical]
max_mass = "60 kg"
"""

RESULT_KEYS = ("nominal_voltage", "max_voltage", "min_voltage", "capacity", "energy",
               "cell_mass", "mass", "cells_resistance", "resistance",
               "max_continuous_discharge_current", "max_continuous_discharge_power",
               "max_continuous_charge_current", "heat_at_max_continuous_discharge",
               "specific_energy", "energy_density")


@pytest.fixture
def target_file(tmp_path):
    p = tmp_path / "home.toml"
    p.write_text(TARGET_TOML)
    return p


def test_targets_list(naion):
    r = naion("targets", "list", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert len(data) >= 12
    ids = {t["id"] for t in data}
    assert {"home-storage-51v2", "telecom-48v", "grid-container-1200v"} <= ids
    t = next(t for t in data if t["id"] == "grid-container-1200v")
    assert t["voltage_min"] == {"value": 800.0, "unit": "V"}
    assert t["voltage_max"] == {"value": 1400.0, "unit": "V"}
    assert t["usable_energy"]["unit"] == "kW*h" and t["source"]
    r = naion("targets", "list")
    assert r.code == 0 and "home-storage-51v2" in r.out and "drop-in" in r.out


def test_targets_show(naion, target_file):
    r = naion("targets", "show", "telecom-48v", "--json")
    assert r.code == 0
    assert json.loads(r.out)["voltage_min"] == {"value": 40.5, "unit": "V"}
    r = naion("targets", "show", str(target_file))
    assert r.code == 0 and "Test home storage" in r.out and "LFP 16S" in r.out
    assert_input_error(naion("targets", "show", "nope"), "target", "nope")
    assert_input_error(naion("targets"), "subcommand")


def test_bad_target_file_exits_2_naming_the_field(naion, tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text(TARGET_TOML.replace('usable = "3 kWh"', 'usable = "3 Ah"'))
    assert_input_error(naion("size", "--target", str(p)), "bad.toml", "energy.usable")
    p.write_text(TARGET_TOML.replace('usable = "3 kWh"', "usable = 3"))
    assert_input_error(naion("targets", "show", str(p)), "energy.usable", "unit")
    assert_input_error(naion("size", "--target", str(tmp_path / "missing.toml")), "missing.toml")


def test_size_json_contract_and_recheck_with_calc(naion, target_file, example_cell_path):
    r = naion("size", "--target", target_file, "--cell", example_cell_path, "--top", "3",
              "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert isinstance(data, list) and 1 <= len(data) <= 3
    for c in data:
        assert {"name", "cell", "series", "parallel", "cell_count", "results", "passes",
                "reasons"} <= set(c)
        assert isinstance(c["passes"], bool) and isinstance(c["reasons"], list)
        assert all(isinstance(x, str) for x in c["reasons"]) and c["reasons"]
        for key in RESULT_KEYS:
            assert set(c["results"][key]) == {"value", "unit"}
    best = data[0]
    assert best["passes"] is True
    # `naion calc` of the same cell, S and P gives the same figures (this target has no
    # overheads, so only the layout-dependent envelope may differ with a fitted layout)
    calc = naion("calc", "--cell", example_cell_path, "--series", best["series"],
                 "--parallel", best["parallel"], "--json")
    assert calc.code == 0
    cr = json.loads(calc.out)["results"]
    for key in RESULT_KEYS:
        if key == "energy_density" and best["layout"]["groups_per_row"]:
            continue
        assert cr[key] == best["results"][key], key
    usable = next(k for k in best["checks"] if k["name"] == "usable_energy")
    assert usable["passed"] and usable["value"] >= 3.0


def test_size_reports_why_nothing_passes(naion, target_file, example_cell_path):
    heavy = target_file.read_text().replace('max_mass = "60 kg"', 'max_mass = "3 kg"')
    target_file.write_text(heavy)
    r = naion("size", "--target", target_file, "--cell", example_cell_path, "--json")
    assert r.code == 0
    data = json.loads(r.out)
    assert data and all(c["passes"] is False for c in data)
    assert any("Mass" in x or "mass" in x for x in data[0]["reasons"])
    r = naion("size", "--target", target_file, "--cell", example_cell_path)
    assert r.code == 0 and "no library cell meets" in r.out and "Mass binds" in r.out


def test_size_human_readable_with_library(naion):
    r = naion("size", "--target", "home-storage-51v2", "--top", "3", "--pareto")
    assert r.code == 0, r.err
    assert "home-storage-51v2" in r.out and "S×P" in r.out
    if "pass" in r.out:
        assert "Pareto front" in r.out
    assert "rank 1 by lowest cell cost" in r.out or "no library cell meets" in r.out


@pytest.mark.parametrize("args, needle", [
    (("--top", "0"), "--top"),
    (("--top", "x"), "--top"),
    (("--objective", "beauty"), "--objective"),
    (("--cell", "no-such-cell"), "no-such-cell"),
])
def test_size_bad_input(naion, args, needle):
    assert_input_error(naion("size", "--target", "telecom-48v", *args), needle)


def test_size_needs_a_target(naion):
    assert_input_error(naion("size"), "--target")
    assert_input_error(naion("size", "--target", "no-such-target"), "no-such-target")


@pytest.fixture
def two_designs(naion, tmp_path, example_cell_path):
    a, b = tmp_path / "a.naion", tmp_path / "b.naion"
    # bare packs (no default overheads): the figures below are the cells' own
    assert naion("new", "--cell", example_cell_path, "--series", "16", "--parallel", "2",
                 "--name", "A", "--application", "none", "-o", a).code == 0
    assert naion("new", "--cell", example_cell_path, "--series", "14", "--parallel", "4",
                 "--name", "B", "--application", "none", "-o", b).code == 0
    return a, b


def test_compare_json_in_order(naion, two_designs):
    a, b = two_designs
    r = naion("compare", b, a, "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert [d["name"] for d in data] == ["B", "A"]
    for d in data:
        calc = naion("calc", a if d["name"] == "A" else b, "--json")
        assert json.loads(calc.out)["results"] == d["results"]


def test_compare_table_marks_the_best_and_checks_a_target(naion, two_designs):
    a, b = two_designs
    r = naion("compare", a, b, "--target", "home-storage-51v2")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    cap = next(line for line in lines if line.startswith("Capacity"))
    assert "*48.00" in cap  # 4P x 12 Ah beats 2P
    mass = next(line for line in lines if line.startswith("Pack mass"))
    assert "*12.16" in mass
    assert "passes home-storage-51v2" in r.out and "best of the row" in r.out
    r = naion("compare", a, b, "--target", "home-storage-51v2", "--json")
    data = json.loads(r.out)
    assert all(d["target"] == "home-storage-51v2" and "checks" in d for d in data)


def test_compare_bad_input(naion, tmp_path, two_designs):
    a, _ = two_designs
    assert_input_error(naion("compare", a, tmp_path / "missing.naion"), "missing.naion")
    bad = tmp_path / "bad.naion"
    bad.write_text("{not json")
    assert_input_error(naion("compare", a, bad), "bad.naion")


def test_compare_pdf_calls_write_comparison(naion, two_designs, monkeypatch, tmp_path):
    import types

    a, b = two_designs
    seen = {}
    fake = types.ModuleType("naion_designer.report.comparison")

    def write_comparison(designs, path, options=None):
        seen["names"] = [d.name for d in designs]
        seen["path"] = str(path)

    fake.write_comparison = write_comparison
    monkeypatch.setitem(sys.modules, "naion_designer.report.comparison", fake)
    out = tmp_path / "c.pdf"
    r = naion("compare", a, b, "-o", out)
    assert r.code == 0, r.err
    assert seen == {"names": ["A", "B"], "path": str(out)}


def test_cli_targets_imports_no_numpy_or_pint():
    code = ("import sys, naion_designer.cli.targets, naion_designer.cli;"
            "naion_designer.cli.build_parser();"
            "print(sorted(m for m in ('numpy', 'pint', 'scipy', 'PySide6') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_targets_check(naion, two_designs, tmp_path):
    a, b = two_designs
    r = naion("targets", "check", a, b, "--target", "home-storage-51v2", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert [d["name"] for d in data] == ["A", "B"]
    for d in data:
        assert d["target"] == "home-storage-51v2" and isinstance(d["passes"], bool)
        names = [c["name"] for c in d["checks"]]
        assert "voltage_window" in names and "usable_energy" in names
        assert d["passes"] == all(c["passed"] for c in d["checks"])
        assert set(d["reasons"]) == {c["reason"] for c in d["checks"] if not c["passed"]}
    r = naion("targets", "check", a, "--target", "e-bike-48v", "--duty-cycle")
    assert r.code == 0, r.err
    assert "Duty cycle" in r.out and "against e-bike-48v" in r.out
    assert_input_error(naion("targets", "check", a), "--target")


def test_size_duty_cycle_flag(naion, target_file, example_cell_path):
    text = target_file.read_text().replace('source = "test"',
                                           'source = "test"\nduty_cycle = "two-wheeler-urban"')
    target_file.write_text(text)
    r = naion("size", "--target", target_file, "--cell", example_cell_path, "--top", "2",
              "--duty-cycle", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    for c in data:
        if c["passes"]:
            assert c["checks"][-1]["name"] == "duty_cycle"


def test_size_save_then_calc_gives_the_same_figures(naion, tmp_path):
    # a preset with overheads and a fitted layout: the saved design files carry them, so
    # `naion calc FILE` reproduces every figure of the candidate exactly
    out = tmp_path / "found"
    r = naion("size", "--target", "e-moped-60v", "--top", "3", "--json", "--save", out)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data
    for c in data:
        calc = naion("calc", c["file"], "--json")
        assert calc.code == 0, calc.err
        assert json.loads(calc.out)["results"] == c["results"]
        check = naion("targets", "check", c["file"], "--json")  # the file names its target
        assert check.code == 0, check.err
        assert json.loads(check.out)[0]["passes"] == c["passes"]
    assert len(list(out.glob("*.naion"))) == len(data)
