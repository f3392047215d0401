"""The `lifetime` section of a design file: parsed into SI by the schema, errors named by field,
written back so that a saved design loads equal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from naion_designer.core.life_request import LifeRequest
from naion_designer.core.units import InputError
from naion_designer.io.design_file import (
    design_from_dict,
    design_notes,
    design_to_dict,
    new_design,
    read_design_file,
    write_design_file,
)
from naion_designer.io.lifetime_schema import lifetime_from_dict, lifetime_to_dict

ROOT = Path(__file__).resolve().parents[2]
FULL = {"profile": "home-storage-day", "years": 12, "warranty_years": 8,
        "warranty_cycles": 4000, "monte_carlo": 20, "seed": 7, "ambient": "35 degC",
        "period": "12 h", "charge_rate": 0.25}


def _design(lifetime) -> dict:
    d = design_to_dict(new_design("hina-nacr32140-me12", 4, 1, "life"))
    d["lifetime"] = lifetime
    return d


def test_every_key_is_parsed_in_si():
    req = design_from_dict(_design(FULL)).lifetime
    assert req == LifeRequest(profile="home-storage-day", years=12.0, warranty_years=8.0,
                              warranty_cycles=4000.0, monte_carlo=20, seed=7,
                              ambient=pytest.approx(308.15), period=43200.0,
                              charge_rate=0.25)
    assert req.settings().period == 43200.0 and req.settings().ambient == pytest.approx(308.15)


def test_only_the_profile_is_required_and_defaults_follow():
    req = lifetime_from_dict({"profile": " my duty.csv "})
    assert req == LifeRequest(profile="my duty.csv")
    with pytest.raises(InputError) as e:
        lifetime_from_dict({"years": 3})
    assert e.value.field == "lifetime.profile"


@pytest.mark.parametrize("bad, field, words", [
    ({"yeras": 3}, "lifetime.yeras", "did you mean `years`"),
    ({"period": "3 V"}, "lifetime.period", "expected a time"),
    ({"period": "-1 h"}, "lifetime.period", "must be positive"),
    ({"ambient": "25 kg"}, "lifetime.ambient", "expected a temperature"),
    ({"years": -2}, "lifetime.years", "outside the plausible range"),
    ({"years": "ten"}, "lifetime.years", "expected a number"),
    ({"warranty_cycles": 0}, "lifetime.warranty_cycles", "outside the plausible range"),
    ({"charge_rate": -0.5}, "lifetime.charge_rate", "outside the plausible range"),
    ({"monte_carlo": 1}, "lifetime.monte_carlo", "at least 2 packs"),
    ({"monte_carlo": -3}, "lifetime.monte_carlo", "whole number"),
    ({"monte_carlo": 2.5}, "lifetime.monte_carlo", "whole number"),
    ({"monte_carlo": 20000}, "lifetime.monte_carlo", "0 to 10000"),
    ({"seed": True}, "lifetime.seed", "whole number"),
    ({"seed": -1}, "lifetime.seed", "whole number"),
])
def test_bad_keys_and_values_are_named(bad, field, words):
    with pytest.raises(InputError) as e:
        design_from_dict(_design({"profile": "home-storage-day", **bad}))
    assert e.value.field == field
    assert words in str(e.value)


def test_not_a_table_is_named():
    with pytest.raises(InputError) as e:
        design_from_dict(_design("home-storage-day"))
    assert e.value.field == "lifetime"


def test_round_trip_through_a_file(tmp_path):
    design = design_from_dict(_design(FULL))
    path = tmp_path / "life.naion"
    write_design_file(design, path)
    written = json.loads(path.read_text())["lifetime"]
    assert written["period"] == "12 h" and written["ambient"] == "35 degC"
    assert written["years"] == 12 and isinstance(written["years"], int)
    again = read_design_file(path)
    assert again == design and again.lifetime == design.lifetime
    assert lifetime_from_dict(lifetime_to_dict(design.lifetime)) == design.lifetime


@pytest.mark.parametrize("name", ["home-storage-51v", "e-moped-60v"])
def test_the_examples_ask_for_a_lifetime_and_keep_it(tmp_path, name):
    design = read_design_file(ROOT / "examples" / f"{name}.naion")
    req = design.lifetime
    assert req is not None and req.profile
    assert "lifetime" not in design.extra  # a key of the schema, not an extension
    assert not any("lifetime" in n for n in design_notes(design))
    write_design_file(design, tmp_path / "x.naion")
    assert read_design_file(tmp_path / "x.naion") == design


def test_a_design_without_the_key_asks_for_none():
    design = design_from_dict(_design(None) | {"lifetime": {"profile": "x"}})
    assert design.lifetime.profile == "x"
    d = _design(None)
    del d["lifetime"]
    assert design_from_dict(d).lifetime is None
    assert "lifetime" not in design_to_dict(design_from_dict(d))
