"""Version-1 designs (parallel groups as lines of cells) open with the geometry they had."""

import json
import math
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from naion_designer.core.layout import compute_layout
from naion_designer.core.pack import evolve_adapting
from naion_designer.io.design_file import VERSION, design_to_dict, read_design_file


def test_v1_fixtures_keep_their_line_groups(tmp_path):
    moped = read_design_file("tests/data/v1-e-moped-60v.naion")
    assert json.loads(Path("tests/data/v1-e-moped-60v.naion").read_text())["version"] == 1
    assert moped.layout.group_shape == (moped.parallel, 1)  # a column of round cells
    assert moped.layout.groups_per_row == 5
    home = read_design_file("tests/data/v1-home-storage-51v.naion")
    lay = compute_layout(home)
    # 16 prismatic cells, 8 per row, 72 mm thick, 174 mm long, 2 mm gap, 15 mm margins
    assert lay.length == pytest.approx((8 * 74 - 2 + 30) * 1e-3)
    assert lay.width == pytest.approx((2 * 176 - 2 + 30) * 1e-3)
    # written back as the current version, with the arrangement explicit
    out = design_to_dict(home)
    assert out["version"] == VERSION and out["layout"]["group_shape"] == [1, 1]


def test_v1_automatic_rows_are_kept(tmp_path):
    """A v1 file without groups_per_row had a near-square module of line groups."""
    data = json.loads(Path("tests/data/v1-e-moped-60v.naion").read_text())
    data["series"], data["parallel"] = 12, 3
    data["layout"] = {"packing": "square", "gap": "2 mm"}
    p = tmp_path / "old.naion"
    p.write_text(json.dumps(data))
    d = read_design_file(p)
    lay = compute_layout(d)
    assert d.layout.group_shape == (3, 1) and d.layout.groups_per_row == 6
    # 6 columns of 3 cells, 2 rows of groups: 32 mm cells at a 34 mm pitch
    assert lay.length == pytest.approx((6 * 34 - 2 + 20) * 1e-3)
    assert lay.width == pytest.approx((2 * 3 * 34 - 2 + 20) * 1e-3)


def test_a_v1_file_naming_its_cell_by_path_migrates(tmp_path):
    shutil.copy("tests/data/example-na-32140.toml", tmp_path / "cell.toml")
    data = json.loads(Path("tests/data/v1-e-moped-60v.naion").read_text())
    data["cell"] = "cell.toml"
    (tmp_path / "old.naion").write_text(json.dumps(data))
    d = read_design_file(tmp_path / "old.naion")
    assert d.layout.group_shape == (d.parallel, 1)


def _v1_centres(S, P, pitch, gpr, modules, module_gap, hexagonal):
    """Round-cell centres by the version-1 rule, written out: a group is a column of P cells;
    columns √3/2 pitch apart when hexagonal, every other column of a module half a pitch up;
    rows of groups P·pitch (+ pitch/2) apart, the first at the top; ceil(S / modules) groups
    per module, modules gpr columns + module_gap apart."""
    col_dx = pitch * (math.sqrt(3) / 2 if hexagonal else 1.0)
    group_dy = P * pitch + (pitch / 2 if hexagonal else 0.0)
    per_module = math.ceil(S / modules)
    rows = math.ceil(per_module / gpr)
    xs, ys = np.zeros((S, P)), np.zeros((S, P))
    for s in range(S):
        m, k = divmod(s, per_module)
        row = k // gpr
        col = k % gpr if row % 2 == 0 else gpr - 1 - k % gpr
        for p in range(P):
            xs[s, p] = m * (gpr * col_dx + module_gap) + col * col_dx
            ys[s, p] = ((rows - 1 - row) * group_dy + p * pitch
                        + (pitch / 2 if hexagonal and col % 2 == 1 else 0.0))
    return xs, ys


def test_v1_hexagonal_modules_keep_their_staggered_columns():
    """The e-moped fixture: 20S4P of 32 mm cells, 1 mm gap, hexagonal, 5 groups per row, two
    modules 12 mm apart, 8 mm margins: every cell centre where version 1 put it."""
    d = read_design_file("tests/data/v1-e-moped-60v.naion")
    assert d.layout.version1_geometry
    lay = compute_layout(d)
    ex, ey = _v1_centres(20, 4, 0.033, 5, 2, 0.012, True)
    assert lay.x - lay.x.min() == pytest.approx(ex, abs=1e-12)
    assert lay.y - lay.y.min() == pytest.approx(ey, abs=1e-12)
    # the envelope of those centres: 9 columns + a module gap along x, 2 rows of groups along y
    col = 0.033 * math.sqrt(3) / 2
    assert lay.length == pytest.approx(5 * col + 0.012 + 4 * col + 0.032 + 2 * 0.008)
    assert lay.width == pytest.approx(148.5e-3 + 16.5e-3 + 3 * 0.033 + 0.032 + 2 * 0.008)
    # written back, the file keeps the rule; the bundled example is the same design
    assert design_to_dict(d)["layout"]["version1_geometry"] is True
    ex_lay = compute_layout(read_design_file("examples/e-moped-60v.naion"))
    assert ex_lay.x == pytest.approx(lay.x) and ex_lay.y == pytest.approx(lay.y)


def test_v1_uneven_modules_keep_their_places(tmp_path):
    """10 groups in 4 modules were 3 + 3 + 3 + 1 in version 1 (3 + 3 + 2 + 2 today), the
    modules a column pitch + module_gap apart; square packing, rotated."""
    data = json.loads(Path("tests/data/v1-e-moped-60v.naion").read_text())
    data["series"], data["parallel"] = 10, 2
    data["layout"] = dict(data["layout"], packing="square", modules=4, groups_per_row=2,
                          rotation=90)
    p = tmp_path / "old.naion"
    p.write_text(json.dumps(data))
    d = read_design_file(p)
    lay = compute_layout(d)
    ex, ey = _v1_centres(10, 2, 0.033, 2, 4, 0.012, False)
    # rotated by 90°: x and y trade places
    assert lay.y - lay.y.min() == pytest.approx(ex, abs=1e-12)
    assert lay.x - lay.x.min() == pytest.approx(ey, abs=1e-12)
    assert list(np.bincount(lay.module_of_series)) == [3, 3, 3, 1]
    # any other arrangement is laid out by today's rules
    blocks = compute_layout(d.evolve(layout=replace(d.layout, group_shape=(1, 2))))
    assert list(np.bincount(blocks.module_of_series)) == [3, 3, 2, 2]


def test_v1_square_single_module_files_need_no_extension():
    home = read_design_file("tests/data/v1-home-storage-51v.naion")
    assert not home.layout.version1_geometry
    assert "version1_geometry" not in design_to_dict(home)["layout"]


def test_leaving_the_v1_arrangement_is_said():
    d = read_design_file("tests/data/v1-e-moped-60v.naion")
    blocks, notes = evolve_adapting(d, layout=replace(d.layout, group_shape=(2, 2)))
    assert not blocks.layout.version1_geometry
    assert any("version 1" in n for n in notes)
    # a change that keeps line groups keeps the arrangement, and says nothing about it
    wider, notes = evolve_adapting(d, parallel=5)
    assert wider.layout.version1_geometry and wider.layout.group_shape == (5, 1)
    assert not any("version 1" in n for n in notes)
    lay = compute_layout(wider)
    ex, ey = _v1_centres(20, 5, 0.033, 5, 2, 0.012, True)
    assert lay.x - lay.x.min() == pytest.approx(ex, abs=1e-12)
