import tomllib

import pytest

from naion_designer.core.units import InputError
from naion_designer.io.cell_file import cell_from_dict, cell_to_dict, read_cell_file
from naion_designer.io.library import library, load_library, resolve_cell
from naion_designer.io.paths import cell_library_dir


@pytest.fixture
def cell_dict(example_cell_path):
    return tomllib.loads(example_cell_path.read_text())


def test_example_cell_reads_to_si(example_cell_path):
    c = read_cell_file(example_cell_path)
    assert c.capacity == pytest.approx(12 * 3600)
    assert c.resistance == pytest.approx(2e-3)
    assert c.mass == pytest.approx(0.38)
    assert c.diameter == pytest.approx(0.032)
    assert c.charge_temperature == pytest.approx((273.15, 318.15))
    assert float(c.ocv(0.25)) == pytest.approx(2.6)
    assert c.rc[0].tau == pytest.approx(10.0)
    assert c.estimated == ("mass", "resistance")


def test_round_trip(example_cell_path):
    c = read_cell_file(example_cell_path)
    again = cell_from_dict(cell_to_dict(c))
    assert again == c


def test_library_has_the_required_cells():
    lib = load_library(include_user=False)
    assert len(lib.cells) >= 15
    for cid in ("generic-nfpp-210ah", "tob-18650-c-na", "hakadi-18650-1500",
                "hina-nacr32140-me12", "hnxn-nacr26700-me35", "hina-nacp73174207-me240",
                "hithium-n162ah", "generic-185ah-grid"):
        assert cid in lib.cells, cid
    for c in lib.cells.values():
        assert c.source.strip()
        assert c.ocv is not None and len(c.rc) >= 1, c.id
        assert (cell_library_dir() / f"{c.id}.toml").is_file()
        # every cell round-trips through the file format
        assert cell_from_dict(cell_to_dict(c)) == c.with_overrides(origin="")


def test_chemistries_have_different_ocv_shapes():
    lib = library()
    lo = lib.get("hakadi-18650-1500")
    po = lib.get("generic-nfpp-210ah")
    # layered oxide slopes steadily from 30 to 90 % SOC; the polyanion is flatter there
    slope = lambda c: (float(c.ocv(0.9)) - float(c.ocv(0.3))) / (c.max_voltage - c.min_voltage)  # noqa: E731
    assert slope(lo) > 1.5 * slope(po)


def test_210ah_cell_is_the_users_spec():
    c = library().get("generic-nfpp-210ah")
    assert c.nominal_voltage == pytest.approx(3.2)
    assert c.capacity == pytest.approx(210 * 3600)
    assert c.form_factor == "prismatic"
    assert "mass" in c.estimated


@pytest.mark.parametrize("mutate, field, words", [
    (lambda d: d.pop("capacity"), "capacity", "missing"),
    (lambda d: d.update(capacity="12 V"), "capacity", "expected a charge"),
    (lambda d: d.update(capacity=12), "capacity", "with a unit"),
    (lambda d: d.update(mass="-0.38 kg"), "mass", "positive"),
    (lambda d: d.update(nominal_voltage="4.5 V"), "nominal_voltage", "min_voltage <"),
    (lambda d: d.update(form_factor="coin"), "form_factor", "cylindrical"),
    (lambda d: d.pop("diameter"), "diameter", "missing"),
    (lambda d: d.update(id="Bad Id"), "id", "lowercase"),
    (lambda d: d.update(version=2), "version", "newer"),
    (lambda d: d.update(format="something"), "format", "naion-cell"),
    (lambda d: d["ocv"].update(voltage=[2.0, 3.6, 3.5]), "ocv.voltage", "monotonic"),
    (lambda d: d["ocv"].update(soc=[0.0, 0.7, 0.5]), "ocv.soc", "increasing"),
    (lambda d: d["ocv"].pop("unit"), "ocv.unit", "missing"),
    (lambda d: d.update(estimated=["colour"]), "estimated", "colour"),
    (lambda d: d.update(charge_temperature=["0 degC"]), "charge_temperature", "expected"),
    (lambda d: d.update(mass="38 kg"), "mass", "density"),
    (lambda d: d["rc"][0].update(capacitance="10 ohm"), "rc[0].capacitance", "capacitance"),
])
def test_bad_cells_name_the_field(cell_dict, mutate, field, words):
    mutate(cell_dict)
    with pytest.raises(InputError) as e:
        cell_from_dict(cell_dict)
    assert e.value.field == field
    assert words in str(e.value)


def test_bad_toml_names_the_file(tmp_path):
    p = tmp_path / "broken.toml"
    p.write_text("format = 'naion-cell\n")
    with pytest.raises(InputError, match="broken.toml"):
        read_cell_file(p)


def test_resolve_cell_by_id_and_path(example_cell_path):
    assert resolve_cell("tob-18650-c-na").id == "tob-18650-c-na"
    assert resolve_cell(str(example_cell_path)).id == "example-na-32140"
    with pytest.raises(InputError, match="unknown cell 'nope'"):
        resolve_cell("nope")


def test_user_cells_shadow_and_broken_ones_are_reported(tmp_path, monkeypatch,
                                                        example_cell_path):
    user = tmp_path / "u"
    (user / "cells").mkdir(parents=True)
    (user / "cells" / "mine.toml").write_text(example_cell_path.read_text())
    (user / "cells" / "bad.toml").write_text("nonsense = ")
    monkeypatch.setenv("NAION_USER_DIR", str(user))
    lib = load_library()
    assert "example-na-32140" in lib.cells
    assert lib.cells["example-na-32140"].origin.endswith("mine.toml")
    assert any("bad.toml" in p for p in lib.problems)
