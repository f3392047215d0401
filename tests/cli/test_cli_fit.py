"""`naion cells fit` (CONTRACT.md, later commands), `cells export` and `cells import`.

The Hakadi acceptance: fitted on cell 2's run 1 at 0.5C, 1C and 2C, the cell predicts every
held-out run named below within 3 % capacity and 50 mV RMS (0.5C-1.5C), 80 mV (2C)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "hakadi-18650"
TRAIN = ("0c5-2-1", "1c-2-1", "2c-2-1")
HOLD_OUT = {"0c5-2-2": 0.05, "1c-2-2": 0.05, "0c66-2-1": 0.05, "0c75-2-1": 0.05,
            "1c33-2-1": 0.05, "1c5-2-1": 0.05, "1c5-2-2": 0.05, "2c-1-1": 0.08}


def f(name: str) -> str:
    return str(DATA / f"discharge_{name}.csv")


def one_error_line(r) -> str:
    assert r.code == 2, r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.err
    assert "Traceback" not in r.err
    return lines[0]


def test_hakadi_refit_predicts_the_held_out_runs(naion, tmp_path):
    out = tmp_path / "hakadi-fit.toml"
    pdf = tmp_path / "fit.pdf"
    r = naion("cells", "fit", *map(f, TRAIN), "--hold-out", *map(f, HOLD_OUT),
              "--template", "hakadi-18650-1500", "--current-sign", "negative-discharge",
              "--capacity", "1.5 Ah", "--rc-pairs", "1", "--ocv-from-template",
              "-o", out, "--report", pdf, "--json")
    assert r.code == 0, r.err
    rep = json.loads(r.out)
    assert rep["cell"] == "hakadi-fit"
    files = {Path(x["file"]).stem.removeprefix("discharge_"): x for x in rep["files"]}
    assert [files[n]["role"] for n in TRAIN] == ["train"] * 3
    for name, limit in HOLD_OUT.items():
        x = files[name]
        assert x["role"] == "hold-out"
        assert x["rms_V"] < limit, (name, x)
        assert abs(x["capacity_error"]) < 0.03, (name, x)
        assert x["max_error_V"] >= x["rms_V"]
    assert pdf.read_bytes().startswith(b"%PDF")
    # the file written loads with cells show and simulate
    r = naion("cells", "show", out, "--json")
    assert r.code == 0
    d = json.loads(r.out)
    assert d["fields"]["fit"]["files"][0]["sha256"]
    assert set(d["fields"]["fit"]["fitted"]) == {"resistance", "rc", "r0_rate"}  # capacity given
    # the template's rate capability is held in the fit and kept in the cell
    assert d["fields"]["diffusion_time_constant"].startswith("49")
    assert "the template's, held in the fit" in d["fields"]["fit"]["diffusion_time_constant"]
    sim = tmp_path / "sim.csv"
    r = naion("simulate", "--cell", out, "--series", "1", "--parallel", "1", "--profile",
              "cc:1C", "-o", sim, "--dt", "10s", "--quiet")
    assert r.code == 0, r.err
    a = np.genfromtxt(sim, delimiter=",", names=True)
    assert a["pack_voltage_V"][-1] == pytest.approx(1.5, abs=0.01)


def test_fit_without_a_template_from_the_plain_csv(naion, tmp_path):
    from core.fit_synthetic import gitt, known_cell, run_from

    from naion_designer.core.profiles import constant_current

    cell = known_cell()
    paths = []
    for name, run in (("gitt.csv", run_from(cell, gitt(cell, pulses=6), "gitt")),
                      ("cc.csv", run_from(cell, constant_current(12.0), "cc", dt=5))):
        p = tmp_path / name
        np.savetxt(p, np.column_stack([run.time, run.current, run.voltage]), delimiter=",",
                   header="time_s,current_A,voltage_V", comments="", fmt="%.6f")
        paths.append(p)
    out = tmp_path / "My Cell.toml"
    r = naion("cells", "fit", *paths, "-o", out)
    assert r.code == 0, r.err
    assert "gitt.csv" in r.out and "wrote" in r.out
    r = naion("cells", "show", out, "--json")
    assert r.code == 0, r.err
    d = json.loads(r.out)
    assert d["id"] == "my-cell"
    assert {"mass", "diameter", "maker"} <= set(d["fields"]["estimated"])
    assert "capacity" not in d["fields"]["estimated"]


@pytest.mark.parametrize("text,match", [
    ("", "empty"),
    ("time_s,voltage_V\n0,4\n", "missing column current_A"),
    ("time_s,current_A,voltage_V\n0,1,4\n20,1,3.9\n10,1,3.8\n", "time goes backwards"),
    ("time_s,current_A,voltage_V\n0,1,4000\n10,1,3990\n", "millivolts"),
])
def test_bad_data_gives_one_error_line(naion, tmp_path, text, match):
    p = tmp_path / "bad.csv"
    p.write_text(text)
    out = tmp_path / "x.toml"
    line = one_error_line(naion("cells", "fit", p, "-o", out))
    assert "bad.csv" in line and match in line
    assert not out.exists()


def test_too_little_data_and_bad_options_are_refused(naion, tmp_path):
    p = tmp_path / "short.csv"
    p.write_text("time_s,current_A,voltage_V\n" + "".join(f"{10 * k},1.5,{4 - 0.01 * k}\n"
                                                          for k in range(20)))
    out = tmp_path / "x.toml"
    assert "too little data" in one_error_line(naion("cells", "fit", p, "-o", out))
    assert not out.exists()
    assert "--rc-pairs" in one_error_line(naion("cells", "fit", p, "-o", out, "--rc-pairs", "4"))
    assert "--capacity" in one_error_line(naion("cells", "fit", p, "-o", out, "--capacity",
                                                "3 V"))
    assert "-o" in one_error_line(naion("cells", "fit", p, "-o", tmp_path / "x.json"))
    assert "--hold-out" in one_error_line(naion("cells", "fit", p, "--hold-out", p, "-o", out))
    assert "--template" in one_error_line(naion("cells", "fit", p, "-o", out, "--template",
                                                "no-such-cell"))
    assert "--diffusion-time" in one_error_line(naion("cells", "fit", p, "-o", out,
                                                      "--diffusion-time", "3 V"))


def test_bad_data_through_the_real_entry_point(naion_subprocess, tmp_path):
    p = tmp_path / "log.csv"
    p.write_text("time_s,current_A,voltage_V\n0,1,4\n10,x,3.9\n")
    r = naion_subprocess("cells", "fit", str(p), "-o", str(tmp_path / "c.toml"))
    assert r.code == 2 and r.err.startswith("error: log.csv: current_A: row 3")
    assert "Traceback" not in r.err


def test_export_import_pybamm_and_library_csv(naion, tmp_path):
    js = tmp_path / "hakadi.json"
    r = naion("cells", "export", "hakadi-18650-1500", "-o", js)
    assert r.code == 0, r.err
    d = json.loads(js.read_text())
    assert d["R0 [Ohm]"] > 0 and d["Open-circuit voltage [V]"][0] == "ocv"
    back = tmp_path / "back.toml"
    assert naion("cells", "import", js, "-o", back).code == 0
    a = json.loads(naion("cells", "show", "hakadi-18650-1500", "--json").out)["fields"]
    b = json.loads(naion("cells", "show", back, "--json").out)["fields"]
    assert a == b
    csv = tmp_path / "library.csv"
    r = naion("cells", "export", "--library", "-o", csv)
    assert r.code == 0 and "cells)" in r.out
    folder = tmp_path / "cells"
    r = naion("cells", "import", csv, "-o", folder)
    assert r.code == 0, r.err
    assert (folder / "hakadi-18650-1500.toml").is_file()
    assert "CELL" in one_error_line(naion("cells", "export", "-o", js))
    assert "give --template" in one_error_line(_bare(naion, d, tmp_path))


def _bare(naion, d, tmp_path):
    d = dict(d)
    del d["naion:cell"]
    p = tmp_path / "bare.json"
    p.write_text(json.dumps(d))
    return naion("cells", "import", p, "-o", tmp_path / "bare.toml")


def test_hold_out_fraction_holds_out_whole_files_named_in_the_json(naion, tmp_path):
    out = tmp_path / "frac.toml"
    names = ("0c5-2-1", "1c-2-1", "1c-2-2", "2c-2-1")
    r = naion("cells", "fit", *map(f, names), "--hold-out-fraction", "0.25",
              "--template", "hakadi-18650-1500", "--current-sign", "negative-discharge",
              "--capacity", "1.5 Ah", "--rc-pairs", "1", "--ocv-from-template", "-o", out,
              "--json")
    assert r.code == 0, r.err
    rep = json.loads(r.out)
    sel = rep["hold_out_selection"]
    assert sel["mode"] == "files" and sel["fraction"] == 0.25
    assert sel["held_out"] == ["discharge_1c-2-2.csv"]
    roles = {Path(x["file"]).name: x["role"] for x in rep["files"]}
    assert roles == {"discharge_0c5-2-1.csv": "train", "discharge_1c-2-1.csv": "train",
                     "discharge_2c-2-1.csv": "train", "discharge_1c-2-2.csv": "hold-out"}
    held = next(x for x in rep["files"] if x["role"] == "hold-out")
    assert held["rms_V"] < 0.05 and abs(held["capacity_error"]) < 0.03
    assert "discharge_1c-2-2.csv" in out.read_text(encoding="utf-8").split("hold_out = ")[1]


def test_hold_out_fraction_is_refused_where_it_cannot_be_met(naion, tmp_path):
    out = tmp_path / "x.toml"
    for bad in ("0", "1", "1.5", "a quarter"):
        assert "--hold-out-fraction" in one_error_line(
            naion("cells", "fit", f("0c5-2-1"), f("1c-2-1"), "--hold-out-fraction", bad,
                  "-o", out))
    # one constant-current log has no rest to split its tail at
    line = one_error_line(naion("cells", "fit", f("0c5-2-1"), "--hold-out-fraction", "0.2",
                                "--current-sign", "negative-discharge", "-o", out))
    assert "--hold-out-fraction" in line and "rest" in line
    assert not out.exists()
