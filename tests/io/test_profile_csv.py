"""Profile CSV files (the contract): reading, errors that name the file, row and column."""

from __future__ import annotations

import pytest

from naion_designer.core.profiles import StepSegments, from_steps
from naion_designer.core.units import InputError
from naion_designer.io.profile_csv import read_profile_csv


def test_csv_reading(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("# a comment\ntime_s,current_A,voltage_V\n0,5,3.9\n10.5,-2,3.8\n\n20,0,3.7\n")
    p = read_profile_csv(f)
    assert [(s.value, s.duration) for s in p.segments] == [(5.0, 10.5), (-2.0, 9.5)]
    f.write_text("time_s,power_W\n0,100\n60,0\n")
    p = read_profile_csv(f)
    assert p.segments[0].mode == "power" and p.duration == 60
    # the last row only marks the end
    p = from_steps([0, 1, 2], [1, 2, 99])
    assert [s.value for s in p.segments] == [1.0, 2.0]


@pytest.mark.parametrize("content,needles", [
    ("time_s,volts\n0,1\n1,1\n", ["missing column current_A or power_W"]),
    ("t,current_A\n0,1\n1,1\n", ["missing column time_s"]),
    ("time_s,current_A\n0,1\n-1,1\n", ["row 3", "time_s", "negative"]),
    ("time_s,current_A\n0,x\n1,1\n", ["row 2", "current_A", "'x'"]),
    ("time_s,current_A\n0,1\n1,\n", ["row 3", "current_A", "missing"]),
    ("time_s,current_A\n0,1\n1,nan\n", ["row 3", "finite"]),
    ("time_s,current_A\n0,1\n5,1\n3,1\n", ["row 4", "unsorted"]),
    ("time_s,current_A\n0,1\n5,1\n5,1\n", ["row 4", "duplicate"]),
    ("time_s,current_A\n2,1\n5,1\n", ["row 2", "start at 0"]),
    ("", ["empty"]),
])
def test_csv_errors_name_file_row_and_column(tmp_path, content, needles):
    f = tmp_path / "prof.csv"
    f.write_text(content)
    with pytest.raises(InputError) as e:
        read_profile_csv(f)
    msg = str(e.value)
    assert "prof.csv" in msg
    for n in needles:
        assert n in msg, msg


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such profile file"):
        read_profile_csv(tmp_path / "nope.csv")


def test_long_profile_is_compact(tmp_path):
    """A CSV of many rows keeps arrays, not one object per row, and reads back exactly."""
    f = tmp_path / "long.csv"
    n = 20000
    f.write_text("time_s,current_A\n" + "".join(f"{k},{(k % 7) - 3}\n" for k in range(n)))
    p = read_profile_csv(f)
    assert isinstance(p.segments, StepSegments)
    assert len(p.segments) == n - 1 and p.duration == n - 1
    assert p.segments[10].value == 10 % 7 - 3 and p.segments[10].duration == 1.0
    assert p.segments[-1].value == (n - 2) % 7 - 3
    assert [s.value for s in p.segments[:3]] == [-3.0, -2.0, -1.0]
