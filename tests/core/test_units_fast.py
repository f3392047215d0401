"""The pint-free reading and display of the common units (`core.unit_table`) gives what pint
gives, bit for bit: the table's factors, every quantity text of the shipped files, and
generated texts, values and prices."""

import json
import math
import re
import tomllib
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naion_designer.core import units
from naion_designer.core.unit_table import MONEY_PER_ENERGY, UNITS, unit_key
from naion_designer.core.units import DIMENSIONS, InputError, parse_money, parse_quantity, to_unit

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def pint_only():
    """parse_quantity, parse_money and to_unit as they are without the table: all through pint."""
    units._unit_factor.cache_clear()
    with mock.patch.object(units, "_table_entry", lambda unit, kind: None), \
            mock.patch.object(units, "_temperature", lambda number, unit, kind: None), \
            mock.patch.object(units, "_from_si_fast", lambda value, kind, unit: None), \
            mock.patch.object(units, "_MONEY", re.compile(r"(?!)")):
        yield
    units._unit_factor.cache_clear()


def outcome(fn, *args):
    try:
        return fn(*args)
    except InputError as exc:
        return ("InputError", str(exc))


def same(a, b) -> bool:
    """Equal, bit for bit (float results), or the same error."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_table_entry_is_pints(unit):
    kind, to_si, from_si = UNITS[unit]
    reg = units.ureg()
    q = reg.Quantity(1.0, unit)
    si = DIMENSIONS[kind][1]
    assert q.dimensionality == units._dimensionality(kind)
    assert float(q.to(si).magnitude) == to_si
    assert float(reg.Quantity(1.0, si).to(unit).magnitude) == from_si
    assert unit_key(unit) == unit


def test_money_factors_are_pints():
    reg = units.ureg()
    for code in units.CURRENCIES:
        for per, factor in MONEY_PER_ENERGY.items():
            assert float(reg.Quantity(1.0, f"{code}/{per}").to(f"{code}/J").magnitude) == factor


def _shipped_texts() -> set[str]:
    texts: set[str] = set()

    def walk(o):
        if isinstance(o, str):
            texts.add(o)
        elif isinstance(o, dict):
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    for p in [*(ROOT / "cell_library").glob("*.toml"), *(ROOT / "resources/targets").glob("*.toml")]:
        walk(tomllib.loads(p.read_text(encoding="utf-8")))
    for p in (ROOT / "examples").glob("*.naion"):
        walk(json.loads(p.read_text(encoding="utf-8")))
    return {t for t in texts if len(t) <= units.MAX_QUANTITY_CHARS and re.match(r"\s*[-+.\d]", t)}


SHIPPED = sorted(_shipped_texts())


def test_the_shipped_files_have_quantities():
    assert len(SHIPPED) > 100
    assert sum(1 for t in SHIPPED if units._NUMBER_UNIT.fullmatch(t)
               and units._table_entry(units._NUMBER_UNIT.fullmatch(t).group(2), "charge")) > 10


@pytest.mark.parametrize("kind", sorted(DIMENSIONS))
def test_every_shipped_quantity_reads_as_pint_reads_it(kind):
    fast = [outcome(parse_quantity, t, kind, "f") for t in SHIPPED]
    with pint_only():
        slow = [outcome(parse_quantity, t, kind, "f") for t in SHIPPED]
    bad = [(t, a, b) for t, a, b in zip(SHIPPED, fast, slow, strict=True) if not same(a, b)]
    assert not bad


def test_every_shipped_price_reads_as_pint_reads_it():
    prices = [t for t in SHIPPED if any(c in t for c in units.CURRENCIES)]
    assert prices
    fast = [outcome(parse_money, t, "price") for t in prices]
    with pint_only():
        slow = [outcome(parse_money, t, "price") for t in prices]
    assert fast == slow


numbers = st.one_of(
    st.integers(-10**7, 10**7).map(str),
    st.decimals(-1e6, 1e6, places=4, allow_nan=False, allow_infinity=False).map(str),
    st.floats(-1e17, 1e17, allow_nan=False, allow_infinity=False).map(repr),
    st.tuples(st.integers(-999, 999), st.integers(-20, 20)).map(lambda t: f"{t[0]}e{t[1]}"),
    st.floats(0, 1e3, allow_nan=False).map(lambda v: f"{v:.3f}".lstrip("0") or "0"),
)
spaced = st.sampled_from(["{n} {u}", "{n}{u}", " {n}  {u} ", "{n} {s}"])


def _spread(unit: str) -> str:
    return re.sub(r"(\*\*|[*/()])", r" \1 ", unit)


@settings(max_examples=400, deadline=None)
@given(numbers, st.sampled_from(sorted(UNITS)), spaced)
def test_generated_quantities_read_as_pint_reads_them(number, unit, form):
    text = form.format(n=number, u=unit, s=_spread(unit))
    kind = UNITS[unit][0]
    kinds = [kind, "temperature_difference"] if kind == "temperature" else [kind]
    for k in kinds:
        fast = outcome(parse_quantity, text, k, "f")
        with pint_only():
            slow = outcome(parse_quantity, text, k, "f")
        assert same(fast, slow), (text, k, fast, slow)


@settings(max_examples=200, deadline=None)
@given(numbers, st.sampled_from(["degC", "K", "°C", "℃"]), spaced)
def test_generated_temperatures_read_as_pint_reads_them(number, unit, form):
    text = form.format(n=number, u=unit, s=unit)
    for kind in ("temperature", "temperature_difference"):
        fast = outcome(parse_quantity, text, kind, "f")
        with pint_only():
            slow = outcome(parse_quantity, text, kind, "f")
        assert same(fast, slow), (text, kind, fast, slow)


@settings(max_examples=200, deadline=None)
@given(numbers, st.sampled_from(units.CURRENCIES),
       st.sampled_from(["", "/Wh", "/kWh", "/(W*h)", "/(kW*h)", " / Wh", "/(W * h)"]))
def test_generated_prices_read_as_pint_reads_them(number, code, per):
    text = f"{number} {code}{per}"
    fast = outcome(parse_money, text, "price")
    with pint_only():
        slow = outcome(parse_money, text, "price")
    assert fast == slow, (text, fast, slow)


values = st.one_of(st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False),
                   st.integers(-10**6, 10**6))


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from(sorted(UNITS)))
def test_display_conversions_are_pints(value, unit):
    kind = UNITS[unit][0]
    fast = to_unit(value, kind, unit)
    with pint_only():
        slow = to_unit(value, kind, unit)
    assert same(fast, slow), (value, unit, fast, slow)


@settings(max_examples=200, deadline=None)
@given(values, st.sampled_from(["degC", "K", "°C"]),
       st.sampled_from(["temperature", "temperature_difference"]))
def test_temperature_display_is_pints(value, unit, kind):
    fast = outcome(to_unit, value, kind, unit)
    with pint_only():
        slow = outcome(to_unit, value, kind, unit)
    assert same(fast, slow), (value, unit, kind, fast, slow)


@pytest.fixture
def fresh_registry():
    units.ureg.cache_clear()
    units._unit_factor.cache_clear()
    yield
    units.set_cache_folder(None)
    units.ureg.cache_clear()
    units._unit_factor.cache_clear()


def test_pint_keeps_its_definitions_in_the_folder_given(fresh_registry, tmp_path):
    units.set_cache_folder(lambda: tmp_path / "pint")
    assert float(units.ureg().Quantity(2.0, "inch").to("m").magnitude) == pytest.approx(0.0508)
    assert any((tmp_path / "pint").rglob("*"))


def test_an_unusable_cache_folder_does_not_stop_pint(fresh_registry, tmp_path):
    (tmp_path / "a-file").write_text("")
    units.set_cache_folder(lambda: tmp_path / "a-file" / "pint")
    assert parse_quantity("0.6 inch", "length", "f") == pytest.approx(0.01524)
