"""The branch solve of the time loop: the dense per-pack operator of small packs gives what the
sparse factorisation gives, and the banded path covers a 100P pack."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from naion_designer.core.csr import csr_matvec as matvec
from naion_designer.core.network import build_network, incidence
from naion_designer.core.pack import Interconnect, PackDesign
from naion_designer.core.simulate import solver
from naion_designer.core.simulate.solver import BranchSolve, NodalSolver
from naion_designer.io.library import library


def _design(S: int, P: int) -> PackDesign:
    ic = Interconnect(cell_connection=0.5e-3, busbar_segment=0.1e-3, terminal=0.05e-3)
    return PackDesign(cell=library().get("tob-18650-c-na"), series=S, parallel=P,
                      interconnect=ic)


def _branch_solve(design: PackDesign, rb: np.ndarray, dense: bool, monkeypatch) -> BranchSolve:
    net = build_network(design)
    m1 = incidence(net)
    B, N = rb.shape
    m = sp.block_diag([m1] * B, format="csr") if B > 1 else m1
    nn = net.n_nodes - 1
    taps = net.pos_tap - 1 + nn * np.arange(B)
    blocks = [net.laplacian(r.reshape(design.series, design.parallel)) for r in rb]
    monkeypatch.setattr(solver, "DENSE_MAX", N if dense else 0)
    return BranchSolve(blocks, m1, matvec(m), matvec(m.T.tocsr()), taps, N)


def test_dense_operator_equals_the_sparse_factorisation(monkeypatch):
    d = _design(5, 3)
    rng = np.random.default_rng(4)
    rb = 0.05 * rng.uniform(0.8, 1.2, (3, 15))
    dense = _branch_solve(d, rb, True, monkeypatch)
    sparse = _branch_solve(d, rb, False, monkeypatch)
    assert dense.dense and not sparse.dense
    x = rng.normal(0.0, 50.0, 45)
    vd, pd = dense(x)
    vs, ps = sparse(x)
    assert np.allclose(vd, vs, rtol=1e-12, atol=1e-12 * np.abs(vs).max())
    assert np.allclose(pd, ps, rtol=1e-12)
    assert np.allclose(dense.z_branch, sparse.z_branch, rtol=1e-12, atol=1e-15)
    assert np.allclose(dense.z_pos, sparse.z_pos, rtol=1e-12)
    # each pack's figures depend on that pack's sources only
    x2 = x.copy()
    x2[15:] = 0.0
    assert np.array_equal(dense(x2)[0][:15], vd[:15])


def test_a_100p_pack_is_solved_banded():
    d = _design(4, 100)
    net = build_network(d)
    lap = net.laplacian(np.full((4, 100), 0.05))
    s = NodalSolver(lap)
    assert s.bandwidth == 100 and s.method == "banded"
    rhs = np.random.default_rng(1).normal(size=lap.shape[0])
    assert np.allclose(lap @ s.solve(rhs), rhs, atol=1e-9 * np.abs(rhs).max())


def test_the_shifted_scatter_and_gather_equal_the_sparse_products_bit_for_bit(monkeypatch):
    d = _design(6, 4)
    rng = np.random.default_rng(7)
    rb = 0.05 * rng.uniform(0.8, 1.2, (1, 24))
    bs = _branch_solve(d, rb, False, monkeypatch)
    assert bs._shifted is not None
    for _ in range(3):
        x = rng.normal(0.0, 50.0, 24)
        v, pos = bs(x)
        sh, bs._shifted = bs._shifted, None  # the sparse products
        v0, pos0 = bs(x)
        bs._shifted = sh
        assert np.array_equal(v, v0) and np.array_equal(pos, pos0)
    # busbars without segments (one node a busbar) and batches keep the sparse products
    ic = Interconnect(cell_connection=0.5e-3, busbar_segment=0.0, terminal=0.05e-3)
    d0 = PackDesign(cell=d.cell, series=6, parallel=4, interconnect=ic)
    assert _branch_solve(d0, rb, False, monkeypatch)._shifted is None
    assert _branch_solve(d, np.vstack([rb, rb]), False, monkeypatch)._shifted is None


def test_signed_pairs_only_for_one_plus_and_one_minus_a_row():
    m = sp.csr_matrix(np.array([[1.0, -1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, -1.0]]))
    pos, neg = solver.signed_pairs(m)
    assert pos.tolist() == [0, 1, 3] and neg.tolist() == [1, 3, 2]
    assert solver.signed_pairs(sp.csr_matrix(np.array([[1.0, 1.0, -1.0]]))) is None
    assert solver.signed_pairs(sp.csr_matrix(np.array([[2.0, -1.0]]))) is None
