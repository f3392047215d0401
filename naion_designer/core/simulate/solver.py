"""The factorised nodal matrix of the time loop, and the branch solve built on it.

The network's node order (busbar by busbar, position p fastest) gives a symmetric positive
definite matrix whose band is about P wide.  A banded Cholesky (LAPACK dpbtrf once, dpbtrs per
step: O(n·P) a solve) is the fastest up to a band of 128; beyond it a sparse LU with a minimum
degree ordering.  Measured on this machine for 100S100P (10,099 nodes, band 100): dpbtrs
0.74 ms a solve against SuperLU's 2.2 ms (MMD on AᵀA + A: 1.1 million entries in L and U), for
a dpbtrf of 0.2 s against 0.07 s; a run factorises a few times and solves every step.

What a step needs is not the node voltages themselves but each cell branch's voltage and the
positive terminal's: `BranchSolve` gives both for the sources g·E of the branches.  For small
packs (up to `DENSE_MAX` cells) it holds each pack's dense branch-to-branch operator
A K⁻¹ Aᵀ, with the row of the positive terminal appended, and one stacked matrix product does
the work of the scatter, the two triangular solves and the gather for every pack of a batch at
once (100 packs of 16S4P: 0.09 ms against 0.22 ms).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

BANDED_MAX = 128
DENSE_MAX = 64  # cells per pack


class NodalSolver:
    """solve(rhs) for the reduced nodal matrix `lap` (SPD, sparse)."""

    def __init__(self, lap: sp.spmatrix):
        coo = lap.tocoo()
        n = lap.shape[0]
        self.n = n
        keep = coo.row >= coo.col
        i, j, v = coo.row[keep], coo.col[keep], coo.data[keep]
        bw = int((i - j).max()) if i.size else 0
        self.bandwidth = bw
        if bw <= BANDED_MAX:
            from scipy.linalg import lapack

            # upper band storage (row bw − (i − j), column i): its triangular solves are
            # ~15 % faster than the lower form's in OpenBLAS
            ab = np.zeros((bw + 1) * n)
            np.add.at(ab, (bw - (i - j)) * n + i, v)
            c, info = lapack.dpbtrf(ab.reshape(bw + 1, n), lower=0)
            if info != 0:
                raise ArithmeticError(f"nodal matrix not positive definite (info {info})")
            self._c = c
            self._trs = lapack.dpbtrs
            self.method = "banded"
        else:
            import scipy.sparse.linalg as spla

            self._lu = spla.splu(lap.tocsc(), permc_spec="MMD_AT_PLUS_A",
                                 options={"SymmetricMode": True})
            self.method = "splu"

    def solve(self, rhs: np.ndarray) -> np.ndarray:
        if self.method == "banded":
            return self._trs(self._c, rhs)[0]
        return self._lu.solve(rhs)

    def solve_in_place(self, rhs: np.ndarray) -> None:
        """solve(rhs) written into `rhs` (banded: a contiguous float64 vector)."""
        if self.method == "banded":
            self._trs(self._c, rhs, overwrite_b=1)
        else:
            rhs[:] = self._lu.solve(rhs)


def signed_pairs(m: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray] | None:
    """For an incidence-like matrix (entries ±1, at most one +1 and one −1 in each row): the
    column of each row's +1 and of its −1 (m.shape[1] where there is none), so that m @ x is
    x[pos] − x[neg] with a zero appended to x.  None for any other matrix."""
    m = m.tocsr()
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    plus, minus = m.data == 1.0, m.data == -1.0
    if not (plus | minus).all():
        return None
    out = []
    for sel in (plus, minus):
        r = rows[sel]
        if r.size and np.bincount(r).max() > 1:
            return None
        col = np.full(m.shape[0], m.shape[1])
        col[r] = m.indices[sel]
        out.append(col)
    return out[0], out[1]


class BranchSolve:
    """For the branches' source currents x = g·E (flat, B packs × N cells): each branch's
    voltage (A K⁻¹ Aᵀ x) and each pack's positive terminal voltage (B,).  Also the same for a
    unit pack current: `z_branch` (N·B) and `z_pos` (B), the node voltages per ampere."""

    def __init__(self, blocks: list[sp.spmatrix], incidence: sp.csr_matrix, scatter, gather,
                 pos_taps: np.ndarray, cells: int):
        B = len(blocks)
        self.B, self.N = B, cells
        nn = blocks[0].shape[0]
        e_pos = np.zeros(nn * B)
        e_pos[pos_taps] = 1.0
        self.dense = cells <= DENSE_MAX
        if self.dense:
            at = incidence.toarray()  # nodes × branches of one pack
            ops = np.empty((B, cells + 1, cells))
            z = np.empty(nn * B)
            tap = pos_taps[0]
            for b, k in enumerate(blocks):
                kinv_at = np.linalg.solve(k.toarray(), np.column_stack([at, e_pos[:nn]]))
                ops[b, :cells] = at.T @ kinv_at[:, :cells]
                ops[b, cells] = kinv_at[tap, :cells]
                z[b * nn:(b + 1) * nn] = kinv_at[:, cells]
            self._ops = ops
            self.factor = None
        else:
            self.factor = NodalSolver(blocks[0] if B == 1 else sp.block_diag(blocks,
                                                                              format="csc"))
            self._scatter, self._gather, self._taps = scatter, gather, pos_taps
            self._shifted = ShiftedIncidence.of(incidence, nn, cells) \
                if B == 1 and self.factor.method == "banded" else None
            z = self.factor.solve(e_pos)
        self.z_branch = gather(z)
        self.z_pos = z[pos_taps]

    def __call__(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.dense:
            y = np.matmul(self._ops, x.reshape(self.B, self.N, 1))
            return y[:, :self.N].reshape(-1), y[:, self.N, 0]
        sh = self._shifted
        if sh is not None:  # the same sums as the sparse products, on views
            sh.x[:] = x
            np.subtract(sh.node_pos, sh.node_neg, out=sh.v)
            self.factor.solve_in_place(sh.v)
            return sh.branch_pos - sh.branch_neg, sh.v[self._taps]
        vs = self.factor.solve(self._scatter(x))
        return self._gather(vs), vs[self._taps]


def _offset(idx: np.ndarray, none: int) -> int | None:
    """c with idx[k] = k + c wherever idx[k] != none, and k + c outside 0 … none − 1 where
    idx[k] == none; None if there is no such c."""
    k = np.arange(idx.size)
    real = idx != none
    c = np.unique(idx[real] - k[real])
    if c.size != 1:
        return None
    c = int(c[0])
    pad = k[~real] + c
    return c if not ((pad >= 0) & (pad < none)).any() else None


def _shifted_views(buf_len_in: int, rows: int, offsets: tuple[int, int]):
    """A zero-padded buffer, the view of its `buf_len_in` values, and the two views of `rows`
    elements that start `offsets` after those values."""
    lead = max(0, -min(offsets))
    buf = np.zeros(lead + max(buf_len_in, rows + max(offsets)))
    return buf, buf[lead:lead + buf_len_in], \
        tuple(buf[lead + c:lead + c + rows] for c in offsets)


class ShiftedIncidence:
    """The scatter M x and the gather Mᵀ v of an incidence matrix M whose +1 and −1 entries lie
    on two diagonals each (one pack's nodes in busbar order, each node with at most one cell's
    positive and one cell's negative end: busbars of segments) as differences of shifted views
    of zero-padded buffers: M x = x[k + a] − x[k + b], with zeros beyond x.  The sparse product
    sums 0 + x[k + a] − x[k + b] in some order, the same number bit for bit.
    `x`: where the branch values go; `v`: the node values (the solve works in place on it).
    The buffers are reused: one solve at a time (each `PackModel` makes its own systems)."""

    __slots__ = ("x", "v", "node_pos", "node_neg", "branch_pos", "branch_neg", "_bufs")

    @classmethod
    def of(cls, incidence: sp.csr_matrix, nodes: int, cells: int) -> ShiftedIncidence | None:
        by_node, by_branch = signed_pairs(incidence), signed_pairs(incidence.T)
        if by_node is None or by_branch is None:
            return None
        off_n = tuple(_offset(a, cells) for a in by_node)
        off_b = tuple(_offset(a, nodes) for a in by_branch)
        if None in off_n or None in off_b:
            return None
        self = cls()
        xb, self.x, (self.node_pos, self.node_neg) = _shifted_views(cells, nodes, off_n)
        vb, self.v, (self.branch_pos, self.branch_neg) = _shifted_views(nodes, cells, off_b)
        self._bufs = (xb, vb)
        return self
