import math

import pytest

from naion_designer.core.units import (
    InputError,
    format_number,
    parse_count,
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
