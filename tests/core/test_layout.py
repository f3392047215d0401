import numpy as np
import pytest

from naion_designer.core.layout import compute_layout
from naion_designer.core.pack import Layout, PackDesign
from naion_designer.core.units import InputError
from naion_designer.io.library import library


def _d(cell_id, S, P, **lay):
    return PackDesign(cell=library().get(cell_id), series=S, parallel=P, layout=Layout(**lay))


def test_cylindrical_square_grid_envelope_by_hand():
    d = _d("tob-18650-c-na", 4, 3, gap=0.001, margin=0.01, top_clearance=0.015,
           groups_per_row=4)
    lay = compute_layout(d)
    dia = d.cell.diameter
    pitch = dia + 0.001
    assert lay.length == pytest.approx(3 * pitch + dia + 0.02)
    assert lay.width == pytest.approx(2 * pitch + dia + 0.02)
    assert lay.height == pytest.approx(d.cell.height + 0.025)
    # no two cells overlap
    pts = np.stack([lay.x.ravel(), lay.y.ravel()], 1)
    dist = np.linalg.norm(pts[:, None] - pts[None], axis=2) + np.eye(len(pts))
    assert dist.min() >= dia - 1e-12


def test_hexagonal_is_denser_and_neighbours_are_six_inside():
    sq = compute_layout(_d("tob-18650-c-na", 10, 10, gap=0.0, groups_per_row=10))
    hx = compute_layout(_d("tob-18650-c-na", 10, 10, gap=0.0, packing="hexagonal",
                           groups_per_row=10))
    assert hx.length * hx.width < sq.length * sq.width
    assert sq.neighbour_count().max() == 4
    assert hx.neighbour_count().max() == 6


def test_serpentine_keeps_consecutive_groups_adjacent():
    lay = compute_layout(_d("hina-nacr32140-me12", 12, 2, groups_per_row=4))
    c = lay.group_centres()
    step = np.linalg.norm(np.diff(c, axis=0), axis=1)
    assert step.max() <= 2.01 * (library().get("hina-nacr32140-me12").diameter + 0.002)


def test_prismatic_cells_face_to_face():
    d = _d("generic-nfpp-210ah", 16, 1, gap=0.0, groups_per_row=16, margin=0.0,
           top_clearance=0.0)
    lay = compute_layout(d)
    c = d.cell
    assert lay.length == pytest.approx(16 * c.width)
    assert lay.width == pytest.approx(c.length)
    assert len(lay.neighbours) == 15


def test_rotation_and_group_order():
    d = _d("hina-nacr32140-me12", 6, 2)
    r = compute_layout(d.evolve(layout=Layout(rotation=90)))
    a = compute_layout(d)
    assert (r.length, r.width) == pytest.approx((a.width, a.length))
    swapped = compute_layout(d.evolve(layout=Layout(group_order=(1, 0, 2, 3, 4, 5))))
    assert np.allclose(swapped.x[0], a.x[1]) and np.allclose(swapped.x[1], a.x[0])
    with pytest.raises(InputError, match="group_order"):
        d.evolve(layout=Layout(group_order=(0, 0, 1, 2, 3, 4)))


def test_modules_add_gaps():
    one = compute_layout(_d("tob-18650-c-na", 8, 2, groups_per_row=8))
    two = compute_layout(_d("tob-18650-c-na", 8, 2, groups_per_row=4, modules=2,
                            module_gap=0.05))
    assert two.length == pytest.approx(one.length + 0.05)
    assert set(two.module_of_series) == {0, 1}
