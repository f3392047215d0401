"""The DC solution of the busbar network from geometry (one node per cell face), group by group.

In `series-groups` the faces of group s (its negative sheet, nodes 2·s·P + p, and its positive
sheet, nodes (2·s + 1)·P + p) touch the rest of the pack only through the strips to the
neighbouring groups.  Each group's nodal matrix is reduced exactly onto its boundary faces (the
ends of those strips, the ground and the positive tap): the Schur complement
K = L_BB − L_BI·L_II⁻¹·L_IB.  The small boundary system is solved, and each group's inner faces
follow from its boundary, x_I = −L_II⁻¹·L_IB·x_B.  Groups that are alike (block geometry, cell
conductances, boundary faces) share one reduction, so a pack of equal cells costs a handful of
small factorisations instead of one of the whole pack.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np

# distinct groups above which one factorisation of the whole network is cheaper
MAX_DISTINCT_GROUPS = 24
# cells per group up to which the groups are reduced; above DENSE_CELLS with a sparse
# factorisation of each group
MAX_GROUP_CELLS = 1000
DENSE_CELLS = 200
# half-bandwidth of the boundary system up to which it is solved as a band
BAND_MAX = 256
# networks of up to this many nodes are solved with numpy alone, so that a small pack never
# imports scipy (~0.3 s)
NUMPY_NODES = 800


def solve_by_groups(net, g_cell: np.ndarray) -> np.ndarray | None:
    """Node potentials (ground node 0 at 0 V) for 1 A into `net.pos_tap`, the cells having the
    S × P branch conductances `g_cell`; None where the groups are not alike enough for the
    reduction to pay (the caller then factorises the whole network)."""
    from .network import single_threaded_blas

    with single_threaded_blas():
        return _solve_by_groups(net, g_cell)


@dataclass(eq=False)
class _Groups:
    """What the reduction needs of a network, whatever the cells: each group's sheet strips in
    local face numbers, the boundary faces, and the reductions made so far."""

    a: np.ndarray  # S × m local ends of the sheet strips
    b: np.ndarray
    gs: np.ndarray  # S × m their conductances
    mask: np.ndarray  # S × 2P: boundary faces
    static_kind: np.ndarray  # S: groups alike but for their cells
    boundary: np.ndarray  # node numbers of the boundary faces, ascending (the ground first)
    position: np.ndarray  # node -> index among the boundary faces (−1 inside)
    inter: tuple[np.ndarray, np.ndarray, np.ndarray]  # strips between groups: i, j, conductance
    reductions: dict = field(default_factory=dict)


_GROUPS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _groups(net) -> _Groups | None:
    if net in _GROUPS:
        return _GROUPS[net]
    S, P = net.series, net.parallel
    n2 = 2 * P
    intra = (net.seg_a // P) == (net.seg_b // P)
    group = net.seg_a[intra] // n2
    counts = np.bincount(group, minlength=S)
    out = None
    if S >= 2 and P <= MAX_GROUP_CELLS and np.all(counts == counts[0]):
        order = np.argsort(group, kind="stable")
        m = int(counts[0])
        a = (net.seg_a[intra][order] % n2).reshape(S, m)
        b = (net.seg_b[intra][order] % n2).reshape(S, m)
        gs = (1.0 / net.seg_r[intra][order]).reshape(S, m)
        inter = ~intra
        ia, ib = net.seg_a[inter], net.seg_b[inter]
        boundary = np.unique(np.concatenate([ia, ib, [0, net.pos_tap]]))
        mask = np.zeros(S * n2, dtype=bool)
        mask[boundary] = True
        mask = mask.reshape(S, n2)
        # strip lengths from the layout's coordinates differ in their last bits from block to
        # block: alike to 40 bits (12 digits)
        rows = np.concatenate([a, b, _bits40(gs), mask], axis=1)
        kinds: dict[bytes, int] = {}
        static_kind = np.array([kinds.setdefault(row.tobytes(), len(kinds)) for row in rows])
        position = np.full(S * n2, -1)
        position[boundary] = np.arange(boundary.size)
        out = _Groups(a, b, gs, mask, static_kind, boundary, position,
                      (position[ia], position[ib], 1.0 / net.seg_r[inter]))
    _GROUPS[net] = out
    return out


def _solve_by_groups(net, g_cell: np.ndarray) -> np.ndarray | None:
    grp = _groups(net)
    if grp is None:
        return None
    S, P = net.series, net.parallel
    n2 = 2 * P
    numpy_only = net.n_nodes <= NUMPY_NODES
    gc = np.ascontiguousarray(g_cell.reshape(S, P), dtype=float)
    cells = _bits40(gc)
    keys: dict[tuple, int] = {}
    first: list[int] = []
    which = np.empty(S, dtype=np.int64)
    for s in range(S):
        k = keys.setdefault((int(grp.static_kind[s]), cells[s].tobytes()), len(first))
        if k == len(first):
            if k >= MAX_DISTINCT_GROUPS:
                return None
            first.append(s)
        which[s] = k
    if len(grp.reductions) > 4 * MAX_DISTINCT_GROUPS:
        grp.reductions.clear()
    reductions = []
    for key, s in zip(keys, first, strict=True):
        red = grp.reductions.get(key)
        if red is None:
            red = grp.reductions[key] = _reduce(grp.a[s], grp.b[s], grp.gs[s], gc[s],
                                                grp.mask[s], numpy_only)
        reductions.append(red)
    # the boundary system: every group's Schur complement plus the strips between groups
    ri, rj, rv = [], [], []
    members = [np.nonzero(which == k)[0] for k in range(len(first))]
    for groups, (local_b, _, _, schur) in zip(members, reductions, strict=True):
        idx = grp.position[groups[:, None] * n2 + local_b[None, :]]  # n_g × |B|
        ri.append(np.repeat(idx, local_b.size, axis=1).ravel())
        rj.append(np.tile(idx, (1, local_b.size)).ravel())
        rv.append(np.broadcast_to(schur.ravel(), (groups.size, schur.size)).ravel())
    bi, bj, g_inter = grp.inter
    ri += [bi, bj, bi, bj]
    rj += [bi, bj, bj, bi]
    rv += [g_inter, g_inter, -g_inter, -g_inter]
    x_b = _solve_boundary(np.concatenate(ri), np.concatenate(rj), np.concatenate(rv),
                          grp.boundary.size, int(grp.position[net.pos_tap]), numpy_only)
    v = np.zeros(S * n2)
    v[grp.boundary] = x_b
    for groups, (local_b, local_i, z, _) in zip(members, reductions, strict=True):
        if local_i.size:
            base = groups[:, None] * n2
            v[base + local_i[None, :]] = -(v[base + local_b[None, :]] @ z.T)
    return v


def spd_solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a⁻¹·b for a symmetric positive definite a, by numpy alone: its Cholesky factor L
    (a = L·Lᵀ) and two triangular solves.  numpy has no triangular solver, but its LU solve of an
    upper triangular matrix pivots nowhere and so is back substitution: L·y = b is solved as the
    flipped upper triangular system."""
    low = np.linalg.cholesky(a)
    y = np.linalg.solve(low[::-1, ::-1], b[::-1])[::-1]
    return np.linalg.solve(low.T, y)


def band_solve(a: np.ndarray, b: np.ndarray, kd: int) -> np.ndarray:
    """a⁻¹·b for a symmetric positive definite a of half-bandwidth kd, by numpy alone: cut into
    diagonal blocks of at least kd rows, a is block tridiagonal, and block Gaussian elimination
    (no pivoting needed) costs O(n·kd²) instead of the dense O(n³)."""
    n = a.shape[0]
    size = max(2 * kd, 32)
    cuts = list(range(0, n, size)) + [n]
    blocks = list(zip(cuts[:-1], cuts[1:], strict=True))
    d = a[blocks[0][0]:blocks[0][1], blocks[0][0]:blocks[0][1]]
    y = b[blocks[0][0]:blocks[0][1]]
    eliminated = []  # per block: D_k⁻¹·[A_k,k+1 | y_k]
    for (lo, hi), (nlo, nhi) in zip(blocks[:-1], blocks[1:], strict=True):
        upper = a[lo:hi, nlo:nhi]
        w = spd_solve(d, np.column_stack([upper, y]))
        eliminated.append(w)
        d = a[nlo:nhi, nlo:nhi] - upper.T @ w[:, :-1]
        y = b[nlo:nhi] - upper.T @ w[:, -1]
    x = np.empty(n)
    lo, hi = blocks[-1]
    x[lo:hi] = spd_solve(d, y)
    for (lo, hi), (nlo, nhi), w in zip(blocks[-2::-1], blocks[:0:-1], eliminated[::-1],
                                       strict=True):
        x[lo:hi] = w[:, -1] - w[:, :-1] @ x[nlo:nhi]
    return x


def _bits40(x: np.ndarray) -> np.ndarray:
    """Positive floats with the last 12 bits of the mantissa dropped, as integers."""
    return np.ascontiguousarray(x, dtype=float).view(np.int64) >> 12


def _reduce(a, b, gs, g, mask, numpy_only=False):
    """(boundary indices, inner indices, L_II⁻¹·L_IB, Schur complement) of one group: 2·P local
    nodes, the sheet strips (a, b, gs) on its faces, cell p between local nodes p and P + p;
    L_II⁻¹ by scipy's Cholesky factorisation, or numpy's where `numpy_only`."""
    P = g.size
    n2 = 2 * P
    p = np.arange(P)
    u, w, c = np.concatenate([a, p]), np.concatenate([b, P + p]), np.concatenate([gs, g])
    local_b = np.nonzero(mask)[0]
    local_i = np.nonzero(~mask)[0]
    if P > DENSE_CELLS:
        return _reduce_sparse(u, w, c, n2, local_b, local_i)
    lap = np.bincount(u * n2 + w, weights=-c, minlength=n2 * n2).reshape(n2, n2)
    lap += lap.T
    lap[np.diag_indices(n2)] = -lap.sum(axis=1)
    l_bb = lap[np.ix_(local_b, local_b)]
    if not local_i.size:
        return local_b, local_i, np.zeros((0, local_b.size)), l_bb
    l_ib = lap[np.ix_(local_i, local_b)]
    l_ii = lap[np.ix_(local_i, local_i)]
    if numpy_only:
        z = spd_solve(l_ii, l_ib)
    else:
        from scipy.linalg import cho_factor, cho_solve

        z = cho_solve(cho_factor(l_ii), l_ib)
    return local_b, local_i, z, l_bb - l_ib.T @ z


def _reduce_sparse(u, w, c, n2, local_b, local_i):
    import scipy.sparse.linalg as spla

    from .nodal import sparse_laplacian

    lap = sparse_laplacian(n2, u, w, c, "csr")
    l_bb = lap[local_b][:, local_b].toarray()
    l_ib = lap[local_i][:, local_b].toarray()
    z = spla.splu(lap[local_i][:, local_i].tocsc(), permc_spec="MMD_AT_PLUS_A",
                  options={"SymmetricMode": True}).solve(l_ib)
    return local_b, local_i, z, l_bb - l_ib.T @ z


def _solve_boundary(ri, rj, rv, n, tap, numpy_only=False):
    """Potentials of the boundary nodes (node 0 grounded) for 1 A into `tap`.  In node order the
    boundary faces of one group follow those of the one before, so the matrix is banded: a
    banded Cholesky factorisation where the band is narrow, a sparse one otherwise; where
    `numpy_only`, block elimination in numpy (`band_solve`)."""
    keep = (ri > 0) & (rj > 0)
    ri, rj, rv = ri[keep] - 1, rj[keep] - 1, rv[keep]
    m = n - 1
    rhs = np.zeros(m)
    rhs[tap - 1] = 1.0
    x = np.zeros(n)
    kd = int(np.max(rj - ri, initial=0))
    if numpy_only:
        lap = np.bincount(ri * m + rj, weights=rv, minlength=m * m).reshape(m, m)
        x[1:] = band_solve(lap, rhs, kd)
        return x
    if kd <= BAND_MAX:
        from scipy.linalg import solveh_banded

        upper = ri <= rj
        ab = np.bincount((kd + ri[upper] - rj[upper]) * m + rj[upper], weights=rv[upper],
                         minlength=(kd + 1) * m).reshape(kd + 1, m)
        x[1:] = solveh_banded(ab, rhs, check_finite=False)
        return x
    import scipy.sparse as sp

    from .network import _solve

    x[1:] = _solve(sp.coo_matrix((rv, (ri, rj)), shape=(m, m)).tocsc(), rhs)
    return x
