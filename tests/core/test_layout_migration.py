"""Version-1 designs (parallel groups as lines of cells) open with the geometry they had."""

import json
import shutil
from pathlib import Path

import pytest

from naion_designer.core.layout import compute_layout
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
