"""Targets: the file format, the presets, and every requirement check (hand-computed figures)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from naion_designer.core.pack import PackDesign
from naion_designer.core.targets import C0, Target
from naion_designer.core.units import InputError
from naion_designer.io.cell_file import read_cell_file
from naion_designer.io.paths import resources_dir
from naion_designer.io.target_file import (
    duty_cycle_profile,
    load_target,
    presets,
    read_target_file,
    target_from_dict,
    target_to_dict,
    write_target_file,
)

KWH = 3.6e6


@pytest.fixture
def cell(example_cell_path):
    return read_cell_file(example_cell_path)


def minimal(**sections) -> dict:
    d = {"format": "naion-target", "version": 1, "id": "t", "name": "T",
         "voltage": {"min": "40 V", "max": "58.4 V"}, "energy": {"usable": "1 kWh"}}
    for k, v in sections.items():
        if isinstance(v, dict) and isinstance(d.get(k), dict):
            d[k] = {**d[k], **v}
        else:
            d[k] = v
    return d


def by_name(checks):
    return {c.name: c for c in checks}


# --- file format -------------------------------------------------------------------------------
def test_minimal_target_parses_to_si():
    t = target_from_dict(minimal(power={"continuous": "2 kW", "peak": "3 kW",
                                        "peak_duration": "30 s"},
                                 temperature={"min": "-20 degC", "max": "45 degC"},
                                 mechanical={"max_mass": "12 kg", "max_length": "420 mm"},
                                 cost={"budget": ["900 CNY", "120 EUR"]}))
    assert t.voltage_min == 40.0 and t.voltage_max == 58.4
    assert t.usable_energy == pytest.approx(3.6e6)
    assert t.continuous_power == 2000.0 and t.peak_duration == 30.0
    assert t.temperature_min == pytest.approx(C0 - 20)
    assert t.max_length == pytest.approx(0.42)
    assert t.budget_in("EUR") == 120.0 and t.budget_in("USD") is None


@pytest.mark.parametrize("data, field", [
    (minimal(energy={"usable": "12 V"}), "energy.usable"),
    (minimal(energy={"usable": 5}), "energy.usable"),
    (minimal(voltage={"min": "40 V"}) | {"voltage": {"min": "40 V"}}, "voltage.max"),
    (minimal(power={"continuos": "1 kW"}), "power.continuos"),
    (minimal(voltage={"min": "60 V", "max": "40 V"}), "voltage.min"),
    (minimal(cost={"budget": "0.5 CNY/Wh"}), "cost.budget"),
    (minimal(life={"cycles": "many"}), "life.cycles"),
    (minimal(temperature={"power_soc": 2}), "temperature.power_soc"),
    (minimal(version=2), "version"),
    (minimal(format="naion-cell"), "format"),
    (minimal(temperature={"mni": "-20 degC"}), "temperature.mni"),
    ({k: v for k, v in minimal().items() if k != "name"}, "name"),
])
def test_bad_target_names_the_field(data, field):
    with pytest.raises(InputError) as e:
        target_from_dict(data)
    assert e.value.field == field


def test_round_trip_through_a_file(tmp_path):
    t = target_from_dict(minimal(voltage={"incumbent": "LFP 16S", "min_usable_fraction": 0.6},
                                 power={"continuous": "2 kW", "peak": "3 kW",
                                        "peak_duration": "30 s", "charge": "1 kW"},
                                 temperature={"min": "-20 degC", "max": "45 degC",
                                              "coldest_energy": "0.8 kWh",
                                              "charge_min": "0 degC"},
                                 mechanical={"max_mass": "12 kg", "max_height": "200 mm",
                                             "overhead_mass_fraction": 0.2},
                                 life={"cycles": 1500}, cost={"budget": ["900 CNY"]}))
    path = tmp_path / "mine.toml"
    write_target_file(t, path)
    back = read_target_file(path)
    assert back == t
    assert target_from_dict(target_to_dict(t)) == t


def test_read_errors_name_the_file(tmp_path):
    with pytest.raises(InputError, match="no such target file"):
        read_target_file(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 'naion-target'\nversion = 1\nid = 'x'\nname = 'x'\n"
                   "[voltage]\nmin = '40 V'\nmax = '58 V'\n[energy]\nusable = '3 Ah'\n")
    with pytest.raises(InputError) as e:
        read_target_file(bad)
    assert e.value.field == "bad.toml: energy.usable"
    bad.write_text("not = [toml")
    with pytest.raises(InputError, match="not a valid TOML"):
        read_target_file(bad)


# --- presets -----------------------------------------------------------------------------------
def test_at_least_twelve_presets_covering_the_applications():
    p = presets()
    assert len(p) >= 12
    ids = set(p)
    for needed in ("e-bike-48v", "e-moped-60v", "e-moped-72v", "micro-car-a00",
                   "low-speed-vehicle-72v", "special-vehicle-72v", "forklift-48v",
                   "forklift-80v", "home-storage-51v2", "commercial-storage", "telecom-48v",
                   "grid-container-1200v", "truck-start-stop-24v"):
        assert needed in ids
    assert p["home-storage-51v2"].incumbent and p["home-storage-51v2"].voltage_max == 58.4
    g = p["grid-container-1200v"]
    assert (g.voltage_min, g.voltage_max) == (800.0, 1400.0)
    assert p["e-bike-48v"].nominal_window[1] == 48.0  # China's e-bike rule: nominal <= 48 V
    assert p["micro-car-a00"].usable_energy / KWH == pytest.approx(23)


def test_every_preset_says_where_its_numbers_come_from():
    folder = resources_dir() / "targets"
    files = sorted(folder.glob("*.toml"))
    assert len(files) >= 12
    for f in files:
        text = f.read_text(encoding="utf-8")
        comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
        assert "sodium_cells.md" in comments or "engineering assumption" in comments.lower(), f
        assert "ssumption" in comments or "http" in comments, f
        t = read_target_file(f)
        assert t.source, f
        assert t.id == f.stem


def test_load_target_by_id_path_and_user_folder(tmp_path, monkeypatch):
    t = load_target("telecom-48v")
    assert t.origin == "preset"
    path = resources_dir() / "targets" / "telecom-48v.toml"
    assert load_target(str(path)) == t
    with pytest.raises(InputError) as e:
        load_target("no-such-target")
    assert e.value.field == "target"
    user = Path(tmp_path / "user" / "targets")
    user.mkdir(parents=True)
    write_target_file(replace(t, id="my-telecom", name="Mine"), user / "my-telecom.toml")
    assert load_target("my-telecom").name == "Mine"
    (user / "broken.toml").write_text("junk = [")
    assert "telecom-48v" in presets()  # a broken user file hides nothing


def lfp_dropin(**kw) -> Target:
    base = Target(id="lfp", name="LFP drop-in", voltage_min=40.0, voltage_max=58.4,
                  usable_energy=1.0 * KWH, incumbent="LFP 16S 51.2 V", min_usable_fraction=0.65)
    return replace(base, **kw)


def test_duty_cycle_csv_relative_to_the_target_file(cell, tmp_path):
    (tmp_path / "cycle.csv").write_text("time_s,current_A\n0,10\n600,0\n1200,0\n")
    path = tmp_path / "t.toml"
    write_target_file(lfp_dropin(duty_cycle="cycle.csv"), path)
    t = read_target_file(path)
    prof = duty_cycle_profile(t, PackDesign(cell=cell, series=16, parallel=2))
    assert prof.duration == pytest.approx(1200.0)
    with pytest.raises(InputError):
        duty_cycle_profile(replace(t, duty_cycle="missing.csv"),
                           PackDesign(cell=cell, series=16, parallel=2))
