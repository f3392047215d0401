"""`naion life`: rows per year, JSON quantities, CSV, Monte Carlo, bad input."""

from __future__ import annotations

import csv
import json

import pytest

from .conftest import assert_input_error

PACK = ("--cell", "hina-nacr32140-me12", "--series", "2", "--parallel", "1")


@pytest.fixture
def duty(tmp_path):
    p = tmp_path / "duty.csv"
    p.write_text("time_s,current_A\n0,12\n1800,0\n2400,0\n")
    return p


def test_life_text_json_and_csv(naion, duty, tmp_path):
    out = tmp_path / "life.csv"
    r = naion("life", *PACK, "--profile", duty, "--years", "6", "--period", "4",
              "--ambient", "35degC", "-o", out)
    assert r.code == 0, r.err
    assert "end of life" in r.out and "limiting cells" in r.out and "estimated" in r.out
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert [float(x["year"]) for x in rows] == [0, 1, 2, 3, 4, 5, 6]
    soh = [float(x["capacity_soh"]) for x in rows]
    assert soh[0] == pytest.approx(1.0) and all(b < a for a, b in zip(soh, soh[1:], strict=False))
    r = naion("life", *PACK, "--profile", duty, "--years", "6", "--period", "4",
              "--ambient", "35degC", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["rows"][-1]["usable_energy"]["unit"] == "kW*h"
    assert data["rows"][-1]["capacity_soh"] == pytest.approx(soh[-1], rel=1e-5)
    assert data["ageing"]["estimated"] is True
    assert data["end_of_life"]["capacity_fraction"] == 0.8
    # hotter ambient ages faster
    cool = json.loads(naion("life", *PACK, "--profile", duty, "--years", "6", "--period", "4",
                            "--ambient", "15degC", "--json").out)
    assert cool["rows"][-1]["capacity_soh"] > data["rows"][-1]["capacity_soh"]


def test_life_climate_and_monte_carlo(naion, duty, tmp_path):
    clim = tmp_path / "climate.csv"
    clim.write_text("month,ambient_C\n" + "".join(f"{m},{t}\n" for m, t in
                                                  enumerate([0, 5, 10, 15, 25, 35] * 2, 1)))
    args = ("life", *PACK, "--profile", duty, "--years", "3", "--period", "4", "--climate",
            clim, "--monte-carlo", "3", "--seed", "5", "--json")
    a = naion(*args)
    assert a.code == 0, a.err
    b = naion(*args)
    assert a.out == b.out  # seeded: bit for bit
    mc = json.loads(a.out)["monte_carlo"]
    assert mc["n"] == 3 and mc["seed"] == 5
    p5, p95 = mc["percentiles"]["capacity_soh"]["P5"], mc["percentiles"]["capacity_soh"]["P95"]
    assert all(lo <= hi for lo, hi in zip(p5, p95, strict=True))


@pytest.mark.parametrize("extra, needle", [
    (("--years", "0"), "--years"),
    (("--years", "5", "--ambient", "25 V"), "--ambient"),
    (("--years", "5", "--monte-carlo", "1"), "--monte-carlo"),
    (("--years", "5", "--monte-carlo", "many"), "--monte-carlo"),
    (("--years", "5", "--climate", "missing.csv"), "missing.csv"),
    (("--years", "5", "-o", "/no/such/folder/x.csv"), "/no/such/folder"),
    (("--years", "5", "--charge-rate", "0"), "--charge-rate"),
])
def test_life_bad_input(naion, duty, extra, needle):
    assert_input_error(naion("life", *PACK, "--profile", duty, *extra), needle)


def test_life_bad_climate(naion, duty, tmp_path):
    clim = tmp_path / "c.csv"
    clim.write_text("month,temp\n1,5\n")
    assert_input_error(naion("life", *PACK, "--profile", duty, "--years", "2", "--climate",
                             clim), "ambient_C")


def test_life_says_when_the_duty_cycle_cannot_run(naion, duty):
    r = naion("life", *PACK, "--profile", duty, "--years", "1", "--ambient=-35degC")
    assert r.code == 0, r.err
    assert "the duty cycle stops early from year 0" in r.out and "discharge temperature" in r.out
    assert "not within 1 year:" not in r.out and "not within 1 year" in r.out
