import math

import pytest

from naion_designer.core.units import (
    InputError,
    check_number,
    format_number,
    parse_count,
    parse_fraction,
    parse_money,
    parse_quantity,
    to_unit,
)


@pytest.mark.parametrize("text, kind, expected", [
    ("3.2 V", "voltage", 3.2),
    ("210 Ah", "charge", 210 * 3600),
    ("210 A*h", "charge", 210 * 3600),
    ("1500 mAh", "charge", 1.5 * 3600),
    ("0.25 mohm", "resistance", 0.25e-3),
    ("0.2 mΩ", "resistance", 0.2e-3),
    ("200 µΩ", "resistance", 200e-6),
    ("-20 degC", "temperature", 253.15),
    ("25 °C", "temperature", 298.15),
    ("1000 J/(kg*K)", "specific_heat", 1000.0),
    ("10 W/(m**2*K)", "heat_transfer_coefficient", 10.0),
    ("32 mm", "length", 0.032),
    ("10 kWh", "energy", 3.6e7),
    ("-0.2 mV/K", "voltage_per_temperature", -0.2e-3),
])
def test_parse_quantity(text, kind, expected):
    assert parse_quantity(text, kind, "f") == pytest.approx(expected, rel=1e-12)


def test_wrong_dimension_names_field_and_expectation():
    with pytest.raises(InputError) as e:
        parse_quantity("12 V", "charge", "capacity")
    assert str(e.value) == "capacity: expected a charge such as '12 Ah', got '12 V'"


@pytest.mark.parametrize("bad", [12, 12.0, "12", "", "twelve amps", "3.2 V V", None, True,
                                 [1], "nan V", "inf V"])
def test_bare_numbers_and_garbage_are_errors(bad):
    with pytest.raises(InputError) as e:
        parse_quantity(bad, "voltage", "nominal_voltage")
    assert e.value.field == "nominal_voltage"
    assert "expected" in str(e.value)


def test_counts():
    assert parse_count(16, "series") == 16
    assert parse_count("16", "series") == 16
    for bad in (0, -1, 1.5, "x", None, True, float("nan")):
        with pytest.raises(InputError, match="series"):
            parse_count(bad, "series")


def test_money():
    assert parse_money("60 CNY", "price") == (60.0, "CNY", "cell")
    v, cur, basis = parse_money("0.45 CNY/Wh", "price")
    assert (cur, basis) == ("CNY", "energy")
    assert v == pytest.approx(0.45 / 3600)
    with pytest.raises(InputError, match="price"):
        parse_money("12 V", "price")


def test_conversions_and_format():
    assert to_unit(3.6e6, "energy", "kW*h") == pytest.approx(1.0)
    assert to_unit(300.15, "temperature", "degC") == pytest.approx(27.0)
    assert to_unit(300.15, "temperature", "degF") == pytest.approx(80.6)
    assert format_number(51.2) == "51.20"
    assert format_number(10.752) == "10.75"
    assert format_number(0.0) == "0"
    assert math.isnan(float(format_number(float("nan"))))


@pytest.mark.parametrize("bad, words", [
    ("3000 W" * 400, "characters"),
    ("3000 W3000 W3000 W3000 W", "expected"),
    ("(", "unbalanced"),
    ("((1 W", "unbalanced"),
    ("1 W)", "unbalanced"),
    ("x" * 61, "characters"),
    ("10**400 W", "power must be a unit's"),
    ("2**2**2**2 W", "power must be a unit's"),
    ("(10*W)**99", "power must be a unit's"),
    ("1 W**99999", "power must be a unit's"),
    ("1e400 W", "out of range"),
    ("1e300 W", "out of range"),
    ("1 W; import os", "character"),
    ("１ W", "character"),
])
def test_hostile_quantity_text_is_one_error_quickly(bad, words):
    import time

    t0 = time.perf_counter()
    with pytest.raises(InputError) as e:
        parse_quantity(bad, "power", "power.continuous")
    assert time.perf_counter() - t0 < 1.0
    assert e.value.field == "power.continuous"
    assert words in str(e.value)
    assert len(str(e.value)) < 300  # the message never echoes 2,400 characters


def test_units_still_parse_with_powers_and_brackets():
    assert parse_quantity("10 W/(m**2*K)", "heat_transfer_coefficient", "h") == 10.0
    assert parse_quantity("1 (m)**2", "area", "a") == 1.0
    assert parse_quantity("1 m^2", "area", "a") == 1.0


@pytest.mark.parametrize("fn", [
    lambda v: parse_count(v, "series"),
    lambda v: parse_fraction(v, "analysis.load_c_rate", 0, 100),
    lambda v: check_number(v, "ocv.voltage[1]"),
    lambda v: parse_quantity(v, "dimensionless", "x"),
])
@pytest.mark.parametrize("value", [10**400, -(10**400), float("nan"), float("inf"), 2**1024])
def test_huge_and_non_finite_numbers_are_input_errors(fn, value):
    with pytest.raises(InputError) as e:
        fn(value)
    assert "digit" in str(e.value) or "expected" in str(e.value) or "range" in str(e.value)


def test_money_text_is_bounded():
    for bad in ("3000 W" * 400, "1 CNY" * 30, "(", "10**400 CNY", "1e400 CNY"):
        with pytest.raises(InputError, match="^price: "):
            parse_money(bad, "price")
