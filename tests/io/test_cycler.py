"""Reading cycler logs: the plain CSV (and its unit variants), and bad files, each refused with
one InputError that names the file and the column."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from naion_designer.core.units import InputError
from naion_designer.io.cycler import common, read_run, read_runs

HAKADI = Path(__file__).resolve().parent.parent / "data" / "hakadi-18650"


def write(tmp_path, text: str, name: str = "log.csv") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def rows(n=5, t0=0.0):
    return "".join(f"{t0 + 10 * k},{1.5},{4.0 - 0.01 * k}\n" for k in range(n))


def test_reads_a_hakadi_file_with_the_sign_turned():
    path = HAKADI / "discharge_1c-2-1.csv"
    run = read_run(path, "negative-discharge")
    assert run.name == "discharge_1c-2-1.csv"
    assert run.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert run.time[0] == 0 and np.all(np.diff(run.time) > 0)
    assert np.median(run.current) == pytest.approx(1.5, rel=0.01)  # positive = discharge
    assert run.temperature is None
    assert read_run(path).current[5] == -run.current[5]


def test_unit_variants_separator_and_temperature(tmp_path):
    p = write(tmp_path, "# exported by a logger\nvoltage_mV;time_min;current_mA;temperature_C\n"
                        "4000;0;1500;25\n3990;1;1500;25.5\n3980;2;1500;26\n")
    run = read_run(p)
    np.testing.assert_allclose(run.time, [0, 60, 120])
    np.testing.assert_allclose(run.current, [1.5] * 3)
    np.testing.assert_allclose(run.voltage, [4.0, 3.99, 3.98])
    np.testing.assert_allclose(run.temperature, [298.15, 298.65, 299.15])


def test_a_repeated_time_stamp_keeps_the_later_row(tmp_path):
    p = write(tmp_path, "time_s,current_A,voltage_V\n0,0,4\n10,0,4\n10,1.5,3.9\n20,1.5,3.8\n")
    run = read_run(p)
    np.testing.assert_allclose(run.time, [0, 10, 20])
    np.testing.assert_allclose(run.current, [0, 1.5, 1.5])


@pytest.mark.parametrize("text,match", [
    ("", "log.csv: the file is empty"),
    ("time_s,current_A,voltage_V\n", "log.csv: no data rows"),
    ("time_s,voltage_V\n0,4\n1,4\n", "log.csv: missing column current_A"),
    ("time_s,current_A,voltage_V\n" + rows(3) + "5,1.5,3.9\n",
     r"log.csv: time_s: time goes backwards at row 5"),
    ("time_s,current_A,voltage_V\n0,1.5,4000\n10,1.5,3990\n",
     "log.csv: voltage_V: voltages up to 4000 V: values look like millivolts"),
    ("time_s,current_A,voltage_V\n0,4.0,-1.5\n10,3.99,-1.5\n",
     r"log.csv: voltage_V: row 2: a cell voltage of -1.5 V \(is the current in this column\?\)"),
    ("time_s,current_A,voltage_V\n0,15000,4\n10,15000,3.9\n", "log.csv: current_A: currents up to "
                                                                "15000 A: values look like milli"),
    ("time_s,current_A,voltage_V\n0,1.5,4\n10,abc,3.9\n",
     "log.csv: current_A: row 3: 'abc' is not a number"),
    ("time_s,current_A,voltage_V\n0,1.5,4\n10,1.5\n", "log.csv: voltage_V: row 3: missing value"),
    ("time_s,current_A,voltage_V,temperature_C\n0,1.5,4,298\n10,1.5,3.9,298\n",
     "log.csv: temperature_C: temperatures outside"),
    ("time_s,current_A,voltage_V\n0,0,4\n10,0,3.9\n", "current_A: the current is zero"),
])
def test_bad_files_give_one_error_naming_file_and_column(tmp_path, text, match):
    p = write(tmp_path, text)
    with pytest.raises(InputError, match=match):
        read_run(p)


def test_binary_and_missing_files(tmp_path):
    p = tmp_path / "log.csv"
    p.write_bytes(b"\xff\xfe\x00\x01" * 10)
    with pytest.raises(InputError, match="log.csv: not a text"):
        read_run(p)
    with pytest.raises(InputError, match="no such file"):
        read_run(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="--current-sign"):
        read_run(HAKADI / "discharge_1c-2-1.csv", "backwards")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    p = write(tmp_path, "time_s,current_A,voltage_V\n" + rows(200))
    monkeypatch.setattr(common, "MAX_BYTES", 1000)
    with pytest.raises(InputError, match=r"log.csv: .* MiB is more than .*downsample"):
        read_run(p)
    monkeypatch.setattr(common, "MAX_BYTES", 10**9)
    monkeypatch.setattr(common, "MAX_ROWS", 100)
    with pytest.raises(InputError, match="log.csv: 200 rows is more than the 100"):
        read_run(p)


def test_the_same_file_twice_is_refused():
    p = HAKADI / "discharge_1c-2-1.csv"
    with pytest.raises(InputError, match="given twice"):
        read_runs([p, p])
