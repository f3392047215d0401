"""Duty cycles: building blocks, built-ins, resolution to A and W."""

from __future__ import annotations

import math

import pytest

from naion_designer.core.pack import PackDesign
from naion_designer.core.profiles import (
    Profile,
    Segment,
    builtin_profiles,
    cc_cv_charge,
    constant_current,
    constant_power,
    parse_builtin,
    pulse_train,
    rest,
)
from naion_designer.core.units import InputError
from naion_designer.io.library import library


@pytest.fixture
def design():
    return PackDesign(cell=library().get("hakadi-18650-1500"), series=16, parallel=4)


def test_blocks_and_durations():
    p = constant_current(10.0, 60) + rest(30) + constant_power(-100.0, 20)
    assert p.duration == 110
    assert [s.mode for s in p.segments] == ["current", "current", "power"]
    assert constant_current(1.0).duration == math.inf
    pt = pulse_train(20.0, 10, 0.0, 40, count=3)
    assert len(pt.segments) == 6 and pt.duration == 150
    assert pt.repeat(2).duration == 300
    cc = cc_cv_charge(3.0)
    assert cc.segments[0].value == -3.0 and cc.segments[0].cutoff == pytest.approx(0.15)


def test_resolve_c_rate_and_energy_rate(design):
    p = constant_current(1.0, 10, unit="C") + constant_power(0.5, 10, unit="E")
    r = p.resolve(design)
    assert r.segments[0].value == pytest.approx(4 * 1.5) and r.segments[0].unit == "A"
    energy_wh = 4 * 1.5 * 16 * 3.0
    assert r.segments[1].value == pytest.approx(0.5 * energy_wh) and r.segments[1].unit == "W"
    cc = cc_cv_charge(0.5, unit="C").resolve(design).segments[0]
    assert cc.value == pytest.approx(-3.0) and cc.cutoff == pytest.approx(0.05 * 6.0)


def test_bad_segments():
    with pytest.raises(InputError, match="rest needs a duration"):
        Segment("current", 0.0)
    with pytest.raises(InputError, match="takes a value in A or C"):
        Segment("current", 1.0, "W")
    with pytest.raises(InputError):
        Segment("current", 1.0, "A", -5)
    with pytest.raises(InputError):
        Profile(())
    with pytest.raises(InputError):
        pulse_train(1.0, 1.0, count=0)


@pytest.mark.parametrize("spec,mode,value,unit", [
    ("cc:1C", "current", 1.0, "C"), ("cc:12A", "current", 12.0, "A"),
    ("cc:500mA", "current", 0.5, "A"), ("cc:-0.5C", "current", -0.5, "C"),
    ("cp:500W", "power", 500.0, "W"), ("cp:2kW", "power", 2000.0, "W"),
    ("cp:0.5E", "power", 0.5, "E"), ("cccv:0.5C", "cccv", -0.5, "C"),
])
def test_parse_builtin(spec, mode, value, unit):
    p = parse_builtin(spec)
    s = p.segments[0]
    assert (s.mode, s.value, s.unit) == (mode, pytest.approx(value), unit)
    assert p.name == spec


@pytest.mark.parametrize("spec", ["cc:", "cc:1X", "cc:0A", "xx:1C", "bogus", "cp:5A",
                                  "rest:0s", "cccv:0C"])
def test_parse_builtin_errors(spec):
    with pytest.raises(InputError, match="^profile: "):
        parse_builtin(spec)


def test_application_cycles(design):
    ids = builtin_profiles()
    assert set(ids) == {"two-wheeler-urban", "forklift-lift-drive", "home-storage-day",
                        "grid-day"}
    for pid, b in ids.items():
        p = b.make(design)
        assert b.label and b.description
        assert p.duration in (3600.0, 86400.0)
        assert parse_builtin(pid).duration == p.duration
        r = p.resolve(design)
        assert all(s.unit in ("A", "W") for s in r.segments)
        values = [s.value for s in r.segments]
        assert max(values) > 0 and min(values) < 0  # discharge and (regen or) charge


