"""The one schema: strict keys with suggestions, extensions kept, bounds, and every kind of bad
input the mutation fuzz found, as regression tests."""

from __future__ import annotations

import json
import time
import tomllib

import pytest

from naion_designer.cli import main
from naion_designer.core.units import InputError
from naion_designer.io.atomic import leftover_temp_files
from naion_designer.io.cell_file import CELL, cell_from_dict, read_cell_file
from naion_designer.io.design_file import (
    DESIGN,
    design_from_dict,
    design_notes,
    design_to_dict,
    read_design_file,
    write_design_file,
)
from naion_designer.io.paths import resources_dir
from naion_designer.io.target_file import TARGET, target_from_dict, target_to_dict

DESIGN_DATA = {
    "format": "naion-design", "version": 1, "name": "t", "cell": "generic-nfpp-210ah",
    "series": 4, "parallel": 2, "topology": "series-groups",
    "interconnect": {"cell_connection": "0.2 mohm", "terminal": "0.01 mohm",
                     "busbar": {"material": "copper", "thickness": "2 mm", "width": "20 mm"}},
    "cell_overrides": [{"series": 0, "parallel": 1, "resistance": "2.0 mohm"}],
    "overheads": [{"name": "BMS", "mass": "0.8 kg"}],
    "layout": {"gap": "2 mm", "envelope": {"length": "1 m", "width": "1 m", "height": "1 m"}},
    "thermal": {"ambient_temperature": "25 degC", "heat_transfer_coefficient": "10 W/(m**2*K)"},
    "analysis": {"soc_window": [0.1, 0.9], "load_c_rate": 1.0},
}


def design(**changes):
    d = json.loads(json.dumps(DESIGN_DATA))
    d.update(changes)
    return d


@pytest.fixture
def cell_data(example_cell_path):
    return tomllib.loads(example_cell_path.read_text())


@pytest.fixture
def target_data():
    return tomllib.loads((resources_dir() / "targets" / "home-storage-51v2.toml").read_text())


def field_of(fn, data) -> InputError:
    with pytest.raises(InputError) as e:
        fn(data)
    return e.value


# --- unknown keys ------------------------------------------------------------------------------
def test_misspelt_ambient_temperature_suggests_the_key():
    d = design(thermal={"ambient_temprature": "20 degC"})
    e = field_of(design_from_dict, d)
    assert e.field == "thermal.ambient_temprature"
    assert "did you mean `ambient_temperature`?" in str(e)


@pytest.mark.parametrize("section, path, wrong, right", [
    ("interconnect", ("interconnect",), "terminl", "terminal"),
    ("interconnect.busbar", ("interconnect", "busbar"), "materal", "material"),
    ("layout", ("layout",), "top_clearence", "top_clearance"),
    ("layout.envelope", ("layout", "envelope"), "lenght", "length"),
    ("thermal", ("thermal",), "heat_transfer_coeficient", "heat_transfer_coefficient"),
    ("analysis", ("analysis",), "soc_windw", "soc_window"),
    ("cell_overrides[0]", ("cell_overrides", 0), "resistence", "resistance"),
    ("overheads[0]", ("overheads", 0), "mas", "mass"),
])
def test_misspelt_key_in_each_design_section(section, path, wrong, right):
    d = design()
    node = d
    for k in path:
        node = node[k]
    node[wrong] = "1 mohm"
    e = field_of(design_from_dict, d)
    assert e.field == f"{section}.{wrong}"
    assert f"did you mean `{right}`?" in str(e)


@pytest.mark.parametrize("section, wrong, right, value", [
    ("ocv", "untis", "unit", "V"),
    ("rc", "capacitence", "capacitance", "1 F"),
    ("spread", "capacity_c", "capacity_cv", 0.1),
    ("end_of_life", "capacity_fracton", "capacity_fraction", 0.8),
    ("r0_soc", "resistanse", "resistance", [1.0]),
    ("temperature_effects", "capacity_factr", "capacity_factor", [1.0]),
])
def test_misspelt_key_in_each_cell_section(cell_data, section, wrong, right, value):
    cell_data.setdefault("spread", {"capacity_cv": 0.01})
    cell_data.setdefault("end_of_life", {"capacity_fraction": 0.8})
    cell_data.setdefault("r0_soc", {"soc": [0, 1], "resistance": [2, 2], "unit": "mohm"})
    cell_data.setdefault("temperature_effects", {"temperature": [-20, 25],
                                                 "capacity_factor": [0.9, 1.0]})
    assert cell_from_dict(json.loads(json.dumps(cell_data)))  # valid before the typo
    table = cell_data[section][0] if section == "rc" else cell_data[section]
    table[wrong] = value
    e = field_of(cell_from_dict, cell_data)
    where = "rc[0]" if section == "rc" else section
    assert e.field == f"{where}.{wrong}"
    assert f"did you mean `{right}`?" in str(e)


@pytest.mark.parametrize("section, wrong, right", [
    ("voltage", "mni", "min"), ("energy", "usabel", "usable"), ("power", "continuos",
                                                                 "continuous"),
    ("temperature", "charge_mn", "charge_min"), ("mechanical", "max_mas", "max_mass"),
    ("life", "cycels", "cycles"), ("cost", "budgte", "budget"),
])
def test_misspelt_key_in_each_target_section(target_data, section, wrong, right):
    target_data.setdefault(section, {})[wrong] = "1 V"
    e = field_of(target_from_dict, target_data)
    assert e.field == f"{section}.{wrong}"
    assert f"did you mean `{right}`?" in str(e)


def test_top_level_extensions_are_kept_round_trip_and_noted(tmp_path, target_data, cell_data,
                                                            capsys):
    d = design(x_vendor={"plant": "A"}, serie=3)
    cell = dict(cell_data, x_cell_note="kept")
    d["cell"] = {k: v for k, v in cell.items() if k not in ("format", "version")}
    pack = design_from_dict(d)
    assert pack.extra == {"x_vendor": {"plant": "A"}, "serie": 3}
    p = tmp_path / "x.naion"
    write_design_file(pack, p)
    again = json.loads(p.read_text())
    assert again["x_vendor"] == {"plant": "A"} and again["cell"]["x_cell_note"] == "kept"
    assert read_design_file(p) == pack
    notes = design_notes(pack)
    assert any("`x_vendor`" in n for n in notes)
    assert any("`serie`" in n and "`series`" in n for n in notes)
    assert any("`x_cell_note`" in n for n in notes)
    assert main(["calc", str(p), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert any("x_vendor" in n for n in out["notes"])
    t = target_from_dict(dict(target_data, x_site="north"))
    assert t.extra == {"x_site": "north"} and target_to_dict(t)["x_site"] == "north"


def test_the_three_file_kinds_share_one_mechanism():
    for section in (CELL, DESIGN, TARGET):
        assert section.keep_unknown
        assert len(section.keys()) == len(set(section.keys()))


# --- bounds and hostile values -----------------------------------------------------------------
@pytest.mark.parametrize("mutate, field", [
    (lambda d: d["interconnect"].update(terminal="1.5e+11 mohm"), "interconnect.terminal"),
    (lambda d: d.update(series=10**400), "series"),
    (lambda d: d.update(parallel=float("inf")), "parallel"),
    (lambda d: d["analysis"].update(load_c_rate=10**400), "analysis.load_c_rate"),
    (lambda d: d["analysis"].update(soc_window=[0, 10**400]), "analysis.soc_window[1]"),
    (lambda d: d["layout"].update(gap="x" * 80), "layout.gap"),
    (lambda d: d["thermal"].update(ambient_temperature="3000 W" * 400),
     "thermal.ambient_temperature"),
    (lambda d: d["thermal"].update(ambient_temperature="((25 degC"),
     "thermal.ambient_temperature"),
    (lambda d: d["layout"].update(gap="10**400 mm"), "layout.gap"),
    (lambda d: d["cell_overrides"][0].update(resistance="nan mohm"),
     "cell_overrides[0].resistance"),
    (lambda d: d.update(cell_overrides=[{"series": 0, "parallel": 0}] * 300_000),
     "cell_overrides"),
])
def test_absurd_design_values_name_the_field(mutate, field):
    d = design()
    mutate(d)
    t0 = time.perf_counter()
    e = field_of(design_from_dict, d)
    assert time.perf_counter() - t0 < 2.0
    assert e.field == field, str(e)


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d.update(specific_heat="("), "specific_heat"),
    (lambda d: d.update(length="x" * 61, form_factor="cylindrical"), "length"),
    (lambda d: d.update(capacity="1e400 Ah"), "capacity"),
    (lambda d: d.update(resistance="1.5e11 mohm"), "resistance"),
    (lambda d: d["ocv"].update(voltage=[2.0, 10**400, 3.9]), "ocv.voltage[1]"),
    (lambda d: d["ocv"].update(soc=[0.0, float("nan"), 1.0]), "ocv.soc[1]"),
    (lambda d: d.update(r0_rate={"soc": [0, 1], "c_rate": [1, 2], "unit": "mohm",
                                 "resistance": [[2, 2], [float("inf"), 2]]}),
     "r0_rate.resistance[1][0]"),
    (lambda d: d.update(r0_rate={"soc": [0, 1], "c_rate": [1, 2], "unit": "mohm",
                                 "resistance": [[2, 2], [1e30, 2]]}),
     "r0_rate.resistance[1][0]"),
    (lambda d: d.update(price="3000 W" * 400), "price"),
    (lambda d: d.update(price="1 CNY" * 3000), "price"),
    (lambda d: d.update(cycle_life=10**400), "cycle_life"),
    (lambda d: d["rc"][0].update(capacitance="1e30 F"), "rc[0].capacitance"),
])
def test_absurd_cell_values_name_the_field(cell_data, mutate, field):
    mutate(cell_data)
    t0 = time.perf_counter()
    e = field_of(cell_from_dict, cell_data)
    assert time.perf_counter() - t0 < 2.0
    assert e.field == field, str(e)


@pytest.mark.parametrize("section, key, value", [
    ("power", "continuous", "3000 W" * 400), ("temperature", "min", "3000 W3000 W3000 W"),
    ("energy", "usable", "10**400 kWh"), ("life", "cycles", 10**400),
    ("cost", "budget", "1 CNY" * 2000), ("mechanical", "max_mass", "inf kg"),
])
def test_absurd_target_values_name_the_field(target_data, section, key, value):
    target_data.setdefault(section, {})[key] = value
    e = field_of(target_from_dict, target_data)
    assert e.field == f"{section}.{key}", str(e)


# --- files -------------------------------------------------------------------------------------
def test_too_large_and_too_deep_files_are_refused(tmp_path, capsys):
    big = tmp_path / "big.naion"
    with big.open("wb") as fh:
        fh.truncate(17 * 2**20)
    assert main(["calc", str(big)]) == 2
    assert "MiB" in capsys.readouterr().err
    deep = tmp_path / "deep.naion"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["calc", str(deep)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "deep.naion" in err and "internal" not in err
    nested = tmp_path / "nested.toml"
    nested.write_text("x = " + "[" * 50 + "]" * 50 + "\n")
    with pytest.raises(InputError, match="nested"):
        read_cell_file(nested)


def test_a_huge_integer_in_json_is_one_error(tmp_path, capsys):
    p = tmp_path / "h.naion"
    p.write_text(json.dumps(design()).replace('"series": 4', '"series": ' + "9" * 5000))
    assert main(["calc", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "h.naion" in err


def test_leftover_temp_files_are_removed_by_the_next_save(tmp_path):
    pack = design_from_dict(design())
    p = tmp_path / "a.naion"
    write_design_file(pack, p)
    stale = tmp_path / ".a.naion.k1ll3d00.tmp"
    stale.write_text("half a file")
    other = tmp_path / ".b.naion.k1ll3d00.tmp"
    other.write_text("another file's")
    assert leftover_temp_files(p) == [stale]
    write_design_file(pack.evolve(name="again"), p)
    assert not stale.exists() and other.exists()
    assert read_design_file(p).name == "again"
    assert design_to_dict(read_design_file(p))["name"] == "again"


def test_errors_carry_the_key_and_the_file_for_a_form(tmp_path):
    p = tmp_path / "home.naion"
    p.write_text(json.dumps(design(thermal={"ambient_temperature": "25 V"})))
    with pytest.raises(InputError) as e:
        read_design_file(p)
    assert e.value.field == "home.naion: thermal.ambient_temperature"
    assert e.value.key == "thermal.ambient_temperature" and e.value.file == str(p)
    d = design()
    d["cell"] = {"id": "x"}
    e = field_of(design_from_dict, d)
    assert e.key == e.field == "cell.maker"


@pytest.mark.parametrize("row", ["600,-4.9883565140739976e+287", "600,1e308", "1e300,5",
                                 "600," + "9" * 200])
def test_absurd_profile_values_name_the_file_and_row(tmp_path, capsys, row):
    p = tmp_path / "cycle.csv"
    p.write_text(f"time_s,current_A\n0,1\n{row}\n1200,0\n")
    code = main(["simulate", "--cell", "hakadi-18650-1500", "--series", "2", "--parallel",
                 "1", "--profile", str(p), "-o", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"error: {p}: row 3, column ") and err.count("\n") == 1
