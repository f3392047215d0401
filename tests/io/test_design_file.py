import json
import os
import stat

import pytest

from naion_designer.core.units import InputError
from naion_designer.io.design_file import (
    MIGRATIONS,
    design_from_dict,
    design_to_dict,
    new_design,
    read_design_file,
    write_design_file,
)

CONTRACT_EXAMPLE = {
    "format": "naion-design", "version": 1, "name": "Home storage 51.2 V",
    "cell": "generic-nfpp-210ah", "series": 16, "parallel": 1, "topology": "series-groups",
    "interconnect": {"cell_connection": "0.2 mohm", "busbar_segment": "0.1 mohm",
                     "terminal": "0.01 mohm", "terminal_side": "same"},
    "cell_overrides": [{"series": 0, "parallel": 0, "resistance": "2.0 mohm"}],
    "thermal": {"ambient_temperature": "25 degC",
                "heat_transfer_coefficient": "10 W/(m**2*K)"},
}


def test_contract_example_reads():
    d = design_from_dict(CONTRACT_EXAMPLE)
    assert (d.series, d.parallel, d.cell.id) == (16, 1, "generic-nfpp-210ah")
    assert d.interconnect.cell_connection == pytest.approx(0.2e-3)
    assert d.cell_array("resistance")[0, 0] == pytest.approx(2e-3)
    assert d.thermal.ambient_temperature == pytest.approx(298.15)


def test_round_trip_through_file(tmp_path):
    d = design_from_dict(CONTRACT_EXAMPLE)
    p = tmp_path / "home.naion"
    write_design_file(d, p)
    again = read_design_file(p)
    assert again == d
    assert json.loads(p.read_text())["format"] == "naion-design"


def test_embedded_cell_round_trip(tmp_path, example_cell_path):
    d = new_design(str(example_cell_path), 4, 2)
    assert d.cell_ref == ""  # a cell given by path is embedded
    p = tmp_path / "x.naion"
    write_design_file(d, p)
    assert isinstance(json.loads(p.read_text())["cell"], dict)
    assert read_design_file(p).cell == d.cell.with_overrides(origin="")


def test_atomic_write_keeps_permissions_and_leaves_no_temp(tmp_path):
    d = design_from_dict(CONTRACT_EXAMPLE)
    p = tmp_path / "a.naion"
    write_design_file(d, p)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~umask
    os.chmod(p, 0o640)
    write_design_file(d.evolve(name="changed"), p)
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert [f.name for f in tmp_path.iterdir()] == ["a.naion"]


def test_failed_write_keeps_the_old_file(tmp_path):
    d = design_from_dict(CONTRACT_EXAMPLE)
    p = tmp_path / "a.naion"
    write_design_file(d, p)
    before = p.read_bytes()
    with pytest.raises(InputError, match="does not exist"):
        write_design_file(d, tmp_path / "missing" / "a.naion")
    os.chmod(tmp_path, 0o500)
    try:
        if os.access(tmp_path, os.W_OK):  # running as root: permissions do not bind
            pytest.skip("permissions are not enforced for this user")
        with pytest.raises(InputError, match="permission denied"):
            write_design_file(d.evolve(name="new"), p)
    finally:
        os.chmod(tmp_path, 0o700)
    assert p.read_bytes() == before


@pytest.mark.parametrize("mutate, field, words", [
    (lambda d: d.update(version=3), "version", "newer"),
    (lambda d: d.update(version="1"), "version", "whole number"),
    (lambda d: d.update(format="other"), "format", "naion-design"),
    (lambda d: d.pop("series"), "series", "missing"),
    (lambda d: d.update(series=0), "series", "≥ 1"),
    (lambda d: d.update(parallel=-2), "parallel", "≥ 1"),
    (lambda d: d.update(parallel=1.5), "parallel", "whole number"),
    (lambda d: d.update(cell="unknown-cell"), "cell", "unknown cell"),
    (lambda d: d.update(topology="mesh"), "topology", "series-groups"),
    (lambda d: d["interconnect"].update(busbar_segment="0.1 V"), "interconnect.busbar_segment",
     "resistance"),
    (lambda d: d["interconnect"].update(terminal="-1 mohm"), "interconnect.terminal",
     "negative"),
    (lambda d: d["interconnect"].update(terminal_side="left"), "interconnect.terminal_side",
     "same"),
    (lambda d: d["cell_overrides"][0].update(series=16), "cell_overrides.series", "0 to 15"),
    (lambda d: d["cell_overrides"][0].update(colour="red"), "cell_overrides[0].colour",
     "unknown key"),
    (lambda d: d["thermal"].update(ambient_temperature="25"), "thermal.ambient_temperature",
     "unit"),
    (lambda d: d.update(overheads=[{"name": "BMS", "mass": "0.8 m"}]), "overheads[0].mass",
     "mass"),
    (lambda d: d.update(layout={"packing": "triangular"}), "layout.packing", "hexagonal"),
])
def test_bad_designs_name_the_field(mutate, field, words):
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    mutate(data)
    with pytest.raises(InputError) as e:
        design_from_dict(data)
    assert e.value.field == field, str(e.value)
    assert words in str(e.value)


def test_corrupt_file(tmp_path):
    p = tmp_path / "c.naion"
    p.write_text('{"format": "naion-design", "version": 1, "cell": ')
    with pytest.raises(InputError, match="corrupt design file"):
        read_design_file(p)
    p.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="c.naion"):
        read_design_file(p)
    p.write_text("[1, 2]")
    with pytest.raises(InputError, match="expected a JSON object"):
        read_design_file(p)


def test_migration_path(monkeypatch):
    """A future version 3 reader migrates version-1 files through every step of MIGRATIONS."""
    import naion_designer.io.design_file as df

    def v2_to_v3(d, base_dir):
        d["version"] = 3
        d["name"] = d["name"] + " (migrated)"
        return d

    monkeypatch.setattr(df, "VERSION", 3)
    monkeypatch.setitem(MIGRATIONS, 2, v2_to_v3)
    d = design_from_dict(json.loads(json.dumps(CONTRACT_EXAMPLE)))
    assert d.name.endswith("(migrated)")
    assert d.layout.group_shape == (1, 1)  # the version-1 step ran first (a line of P = 1)


def test_unknown_keys_survive_a_round_trip():
    data = dict(CONTRACT_EXAMPLE, x_vendor={"a": 1})
    assert design_to_dict(design_from_dict(data))["x_vendor"] == {"a": 1}
