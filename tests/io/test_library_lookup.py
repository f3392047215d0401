"""`library_cell`: one cell by id without reading the whole library, the same cell
`library().get` gives, with the user's cells shadowing the bundled ones."""

from __future__ import annotations

import pytest

from naion_designer.core.units import InputError
from naion_designer.io import library as lib
from naion_designer.io.paths import cell_library_dir, user_cell_dir


def test_bundled_cells_are_named_after_their_ids():
    ids = lib.load_library(include_user=False).ids()
    assert sorted(p.stem for p in cell_library_dir().glob("*.toml")) == ids


@pytest.mark.parametrize("cell_id", sorted(p.stem for p in cell_library_dir().glob("*.toml")))
def test_one_cell_is_the_librarys(cell_id):
    one = lib.library_cell(cell_id)
    assert lib._cache is None  # the whole library was not read
    assert one == lib.library(reload=True).get(cell_id)


def test_a_user_cell_shadows_the_bundled_one():
    src = (cell_library_dir() / "hina-nacr32140-me12.toml").read_text(encoding="utf-8")
    folder = user_cell_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "my-copy.toml").write_text(src.replace('capacity = "12 Ah"', 'capacity = "13 Ah"'),
                                         encoding="utf-8")
    one = lib.library_cell("hina-nacr32140-me12")
    assert one.capacity == 13 * 3600
    assert one == lib.library(reload=True).get("hina-nacr32140-me12")


def test_an_unknown_id_is_the_librarys_error():
    with pytest.raises(InputError, match="unknown cell 'nope'"):
        lib.library_cell("nope")
    with pytest.raises(InputError, match="unknown cell"):
        lib.library_cell("../cell_library/hina-nacr32140-me12")
