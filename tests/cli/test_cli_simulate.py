"""`naion simulate` per the contract: CSV columns, cut-off on stderr, bad input, atomic output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .conftest import assert_input_error

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def refsim_cell_file(tmp_path) -> Path:
    d = json.loads((DATA / "refsim" / "cell_parameters.json").read_text())
    soc = ", ".join(f"{x:g}" for x in d["ocv_table"]["soc"])
    ocv = ", ".join(f"{x:g}" for x in d["ocv_table"]["ocv_V"])
    text = f'''format = "naion-cell"
version = 1
id = "refsim-12ah"
maker = "PyBaMM reference"
model = "Thevenin 1RC"
form_factor = "cylindrical"
cathode = "-"
anode = "-"
source = "refsim"
nominal_voltage = "3.2 V"
capacity = "12 Ah"
max_voltage = "4.0 V"
min_voltage = "2.0 V"
resistance = "2 mohm"
max_continuous_discharge_current = "36 A"
max_continuous_charge_current = "12 A"
mass = "0.38 kg"
diameter = "32 mm"
height = "140 mm"
specific_heat = "1000 J/(kg*K)"
charge_temperature = ["0 degC", "45 degC"]
discharge_temperature = ["-30 degC", "60 degC"]

[ocv]
soc = [{soc}]
voltage = [{ocv}]
unit = "V"

[[rc]]
resistance = "1 mohm"
capacitance = "10000 F"
'''
    p = tmp_path / "refsim.toml"
    p.write_text(text)
    return p


def read_rows(path: Path) -> tuple[list[str], list[list[float]]]:
    with open(path, newline="") as fh:
        r = list(csv.reader(fh))
    return r[0], [[float(x) for x in row] for row in r[1:]]


def test_cc_discharge_to_cutoff(naion, refsim_cell_file, tmp_path):
    out = tmp_path / "out.csv"
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 2, "--parallel", 1,
              "--profile", "cc:1C", "-o", out, "--dt", "10s")
    assert r.code == 0, r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cut-off: cell s")
    assert "minimum voltage 2.00 V at t = 3590" in lines[0]
    header, rows = read_rows(out)
    assert header[:5] == ["time_s", "pack_current_A", "pack_voltage_V", "soc",
                          "max_cell_temperature_C"]
    assert header[5:] == ["min_cell_temperature_C", "min_cell_voltage_V", "max_cell_voltage_V",
                          "available_soc"]
    assert rows[0][0] == 0 and rows[0][1] == 12.0
    assert rows[0][2] == pytest.approx(2 * (3.95 - 0.024), abs=1e-6)  # under the first load
    assert rows[1][0] == 10.0
    assert rows[-1][0] == pytest.approx(3590.60, abs=0.5)
    assert rows[-1][2] == pytest.approx(4.0, abs=2e-3)  # two cells at the 2.0 V cut-off
    assert rows[0][4] == pytest.approx(25.0)


def test_per_cell_columns_and_csv_profile(naion, refsim_cell_file, tmp_path):
    prof = tmp_path / "p.csv"
    prof.write_text("time_s,current_A\n0,10\n30,-5\n50,0\n60,0\n")
    out = tmp_path / "out.csv"
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 2, "--parallel", 2,
              "--profile", prof, "-o", out, "--per-cell", "--soc0", "0.5",
              "--ambient", "10degC")
    assert r.code == 0, r.err
    assert r.err == ""
    header, rows = read_rows(out)
    assert header[5:9] == ["I_s0_p0_A", "V_s0_p0_V", "SOC_s0_p0", "T_s0_p0_C"]
    assert header[5 + 4 * 4 - 1] == "T_s1_p1_C" and len(header) == 5 + 4 * 4 + 4
    assert [row[0] for row in rows] == list(range(61))
    assert rows[0][1] == 10 and rows[30][1] == 10 and rows[31][1] == -5 and rows[55][1] == 0
    assert rows[0][4] == pytest.approx(10.0)
    i = header.index("I_s0_p0_A")
    assert rows[5][i] + rows[5][i + 4] == pytest.approx(10.0)


def test_power_profile_and_builtins(naion, refsim_cell_file, tmp_path):
    out = tmp_path / "out.csv"
    prof = tmp_path / "p.csv"
    prof.write_text("time_s,power_W\n0,100\n10,200\n20,0\n")
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 1, "--parallel", 1,
              "--profile", prof, "-o", out)
    assert r.code == 0, r.err
    _, rows = read_rows(out)
    assert rows[5][1] * rows[5][2] == pytest.approx(100.0, rel=1e-6)
    for spec in ("cp:50W", "cc:12A", "forklift-lift-drive"):
        r = naion("simulate", "--cell", refsim_cell_file, "--series", 1, "--parallel", 1,
                  "--profile", spec, "-o", out, "--dt", "60")
        assert r.code == 0, (spec, r.err)


@pytest.mark.parametrize("content,needles", [
    ("time_s,voltage_V\n0,1\n10,1\n", ["p.csv", "missing column current_A or power_W"]),
    ("current_A\n1\n2\n", ["p.csv", "missing column time_s"]),
    ("time_s,current_A\n0,1\n-5,1\n", ["p.csv", "row 3", "time_s", "negative"]),
    ("time_s,current_A\n0,1\n10,abc\n20,0\n", ["p.csv", "row 3", "current_A", "abc"]),
    ("time_s,current_A\n0,1\n20,1\n10,0\n", ["p.csv", "row 4", "time_s", "unsorted"]),
    ("time_s,current_A\n0,1\n10,1\n10,0\n", ["p.csv", "row 4", "duplicate"]),
    ("time_s,current_A,power_W\n0,1,1\n10,1,1\n", ["p.csv", "not both"]),
    ("time_s,power_W\n0,1\n", ["p.csv", "at least two rows"]),
])
def test_bad_profile_files(naion, refsim_cell_file, tmp_path, content, needles):
    prof = tmp_path / "p.csv"
    prof.write_text(content)
    out = tmp_path / "out.csv"
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 1, "--parallel", 1,
              "--profile", prof, "-o", out)
    assert_input_error(r, *needles)
    assert not out.exists()


@pytest.mark.parametrize("args,needle", [
    (["--profile", "cc:1Q"], "--profile"),
    (["--profile", "nonsense"], "nonsense"),
    (["--profile", "missing.csv"], "missing.csv"),
    (["--profile", "cc:1C", "--dt", "0"], "--dt"),
    (["--profile", "cc:1C", "--dt", "5 V"], "--dt"),
    (["--profile", "cc:1C", "--soc0", "1.5"], "--soc0"),
    (["--profile", "cc:1C", "--ambient", "25"], "--ambient"),
    (["--profile", "cc:1C", "--spread-seed", "x"], "--spread-seed"),
])
def test_bad_options(naion, refsim_cell_file, tmp_path, args, needle):
    out = tmp_path / "out.csv"
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 1, "--parallel", 1, *args,
              "-o", out)
    assert_input_error(r, needle)
    assert not out.exists()


def test_unwritable_output_and_no_time_model(naion, refsim_cell_file, tmp_path, data_dir):
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 1, "--parallel", 1,
              "--profile", "cc:1C", "-o", tmp_path / "nope" / "out.csv")
    assert_input_error(r, "nope")
    text = refsim_cell_file.read_text()
    no_ocv = tmp_path / "no-ocv.toml"
    no_ocv.write_text(text[:text.index("[ocv]")])
    r = naion("simulate", "--cell", no_ocv, "--series", 1, "--parallel", 1,
              "--profile", "cc:1C", "-o", tmp_path / "out.csv")
    assert_input_error(r, "ocv")


def test_existing_output_untouched_when_cancelled(refsim_cell_file, tmp_path, monkeypatch):
    """A cancelled run raises SimulationCancelled and leaves no (partial) output file."""
    from naion_designer.cli import simulate as cli_simulate
    from naion_designer.core import simulate as sim

    out = tmp_path / "out.csv"
    out.write_text("old")
    real = sim.simulate

    def cancelled(*a, **kw):
        kw["cancel"] = lambda: True
        return real(*a, **kw)

    monkeypatch.setattr(sim, "simulate", cancelled)
    from naion_designer.cli import build_parser

    args = build_parser().parse_args(["simulate", "--cell", str(refsim_cell_file), "--series",
                                      "1", "--parallel", "1", "--profile", "cc:1C", "-o",
                                      str(out)])
    with pytest.raises(sim.SimulationCancelled):
        cli_simulate.cmd_simulate(args)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_spread_and_cooling_options(naion, refsim_cell_file, tmp_path):
    def run(*extra):
        out = tmp_path / "o.csv"
        r = naion("simulate", "--cell", refsim_cell_file, "--series", 2, "--parallel", 3,
                  "--profile", "cc:2C", "-o", out, "--per-cell", "--dt", "60", *extra)
        assert r.code == 0, r.err
        header, rows = read_rows(out)
        return header, rows

    header, a = run("--spread-seed", "7", "--capacity-cv", "0.03", "--resistance-cv", "0.1")
    _, b = run("--spread-seed", "7", "--capacity-cv", "0.03", "--resistance-cv", "0.1")
    _, plain = run()
    assert a == b
    i0, i1 = header.index("I_s0_p0_A"), header.index("I_s0_p1_A")
    assert plain[3][i0] == pytest.approx(plain[3][i1])
    assert abs(a[3][i0] - a[3][i1]) > 0.1
    _, cooled = run("--cooling", "10degC:2W/K")
    t = header.index("max_cell_temperature_C")
    assert cooled[5][t] < plain[5][t] - 1.0
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 1, "--parallel", 1,
              "--profile", "cc:1C", "-o", tmp_path / "x.csv", "--cooling", "10degC")
    assert_input_error(r, "--cooling")


def test_help_lists_simulate(naion_subprocess):
    r = naion_subprocess("simulate", "--help")
    assert r.code == 0 and "--per-cell" in r.out and "cc:1C" in r.out


def test_stats_line(naion, refsim_cell_file, tmp_path):
    import re

    r = naion("simulate", "--cell", refsim_cell_file, "--series", 2, "--parallel", 3,
              "--profile", "cc:1C", "--dt", "30", "-o", tmp_path / "o.csv", "--stats", "--quiet")
    assert r.code == 0, r.err
    line = [ln for ln in r.err.splitlines() if ln.startswith("simulation:")]
    assert len(line) == 1
    m = re.fullmatch(r"simulation: (\d+) cells, (\d+) steps, ([\d.e+-]+) s, ([\d.e+-]+) µs per "
                     r"cell-step", line[0])
    assert m, line[0]
    cells, steps, secs, us = int(m[1]), int(m[2]), float(m[3]), float(m[4])
    assert cells == 6 and steps > 100
    assert us == pytest.approx(secs / (cells * steps) * 1e6, rel=2e-3)


def test_warning_when_the_profile_exceeds_the_continuous_rating(naion, refsim_cell_file,
                                                                  tmp_path):
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 1, "--parallel", 1,
              "--profile", "cc:4C", "--dt", "30", "-o", tmp_path / "o.csv", "--quiet")
    assert r.code == 0, r.err
    assert any(ln.startswith("warning: the profile exceeds the cells' continuous discharge")
               for ln in r.err.splitlines()), r.err


def test_monte_carlo(naion, refsim_cell_file, tmp_path):
    out = tmp_path / "mc.csv"
    args = ("simulate", "--cell", refsim_cell_file, "--series", 2, "--parallel", 2,
            "--profile", "cc:1C", "--dt", "30", "-o", out, "--monte-carlo", 5,
            "--spread-seed", 3, "--capacity-cv", "0.03", "--resistance-cv", "0.1")
    r = naion(*args, "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["packs"] == 5 and data["seed"] == 3
    e = data["percentiles"]["energy_Wh"]
    assert e["P5"] <= e["P50"] <= e["P95"] and e["P5"] < e["P95"]
    header, rows = read_rows_text(out)
    assert header[:4] == ["pack", "energy_Wh", "charge_Ah", "min_cell_voltage_V"]
    assert len(rows) == 5
    first = out.read_text()
    r = naion(*args)
    assert r.code == 0 and "P50" in r.out
    assert out.read_text() == first  # seeded: the same bit for bit
    r = naion(*args[:-4], "--json")  # the refsim cell states no spread
    assert r.code == 0 and "no stated spread" in r.err


def read_rows_text(path):
    with open(path, newline="") as fh:
        r = list(csv.reader(fh))
    return r[0], r[1:]


def test_progress_on_stderr(naion, refsim_cell_file, tmp_path):
    r = naion("simulate", "--cell", refsim_cell_file, "--series", 1, "--parallel", 1,
              "--profile", "cc:1C", "--dt", "60", "-o", tmp_path / "o.csv", "--progress",
              "--quiet")
    assert r.code == 0, r.err
    assert "simulating: 100 %" in r.err


def test_step_every_row_extension(naion, refsim_cell_file, tmp_path):
    """`--step-every-row` (an extension): every output row ends an internal step; the default
    takes steps of several rows in settled constant-current stretches.  Same rows, nearly the
    same numbers."""
    import re

    def run(*extra):
        out = tmp_path / f"o{len(extra)}.csv"
        r = naion("simulate", "--cell", refsim_cell_file, "--series", 2, "--parallel", 2,
                  "--profile", "cc:1C", "--dt", "1", "-o", out, "--stats", "--quiet", *extra)
        assert r.code == 0, r.err
        steps = int(re.search(r"(\d+) steps", r.err)[1])
        with open(out, newline="") as fh:
            rows = list(csv.DictReader(fh))
        return steps, rows

    steps_fast, fast = run()
    steps_every, every = run("--step-every-row")
    assert len(fast) == len(every) > 3000
    assert steps_every >= len(every) - 1 > 2 * steps_fast
    assert [r["time_s"] for r in fast[:-1]] == [r["time_s"] for r in every[:-1]]
    dv = max(abs(float(a["pack_voltage_V"]) - float(b["pack_voltage_V"]))
             for a, b in zip(fast[:-1], every[:-1], strict=True))
    assert dv < 1e-3
