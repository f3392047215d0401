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

import numpy as np

# distinct groups above which one factorisation of the whole network is cheaper
MAX_DISTINCT_GROUPS = 24
# cells per group up to which the groups are reduced (densely); larger groups are solved with
# the whole network, where a sparse factorisation of each group did not pay
MAX_GROUP_CELLS = 200


def solve_by_groups(net, g_cell: np.ndarray) -> np.ndarray | None:
    """Node potentials (ground node 0 at 0 V) for 1 A into `net.pos_tap`, the cells having the
    S × P branch conductances `g_cell`; None where the groups are not alike enough for the
    reduction to pay (the caller then factorises the whole network)."""
    from .network import single_threaded_blas

    with single_threaded_blas():
        return _solve_by_groups(net, g_cell)


def _solve_by_groups(net, g_cell: np.ndarray) -> np.ndarray | None:
    S, P = net.series, net.parallel
    n2 = 2 * P
    layer_a, layer_b = net.seg_a // P, net.seg_b // P
    intra = layer_a == layer_b
    group = net.seg_a // n2
    order = np.argsort(group[intra], kind="stable")
    counts = np.bincount(group[intra], minlength=S)
    if S < 2 or P > MAX_GROUP_CELLS or np.any(counts != counts[0]):
        return None
    m = int(counts[0])
    a = (net.seg_a[intra][order] % n2).reshape(S, m)
    b = (net.seg_b[intra][order] % n2).reshape(S, m)
    gs = (1.0 / net.seg_r[intra][order]).reshape(S, m)
    inter = ~intra
    ia, ib, g_inter = net.seg_a[inter], net.seg_b[inter], 1.0 / net.seg_r[inter]
    boundary = np.unique(np.concatenate([ia, ib, [0, net.pos_tap]]))
    mask = np.zeros(S * n2, dtype=bool)
    mask[boundary] = True
    mask = mask.reshape(S, n2)
    # what a group's reduction depends on; conductances to 40 bits (12 digits), as strip
    # lengths from the layout's coordinates differ in their last bits from block to block
    gc = np.ascontiguousarray(g_cell.reshape(S, P), dtype=float)
    rows = np.concatenate([a, b, _bits40(gs), _bits40(gc), mask], axis=1)
    kinds: dict[bytes, int] = {}
    first: list[int] = []
    which = np.empty(S, dtype=np.int64)
    for s, row in enumerate(rows):
        k = kinds.setdefault(row.tobytes(), len(first))
        if k == len(first):
            if k >= MAX_DISTINCT_GROUPS:
                return None
            first.append(s)
        which[s] = k
    reductions = [_reduce(a[s], b[s], gs[s], gc[s], mask[s])
                  for s in first]
    # the boundary system: every group's Schur complement plus the strips between groups
    pos_in_boundary = np.full(S * n2, -1)
    pos_in_boundary[boundary] = np.arange(boundary.size)
    ri, rj, rv = [], [], []
    for k, (local_b, _, _, schur) in enumerate(reductions):
        groups = np.nonzero(which == k)[0]
        idx = pos_in_boundary[groups[:, None] * n2 + local_b[None, :]]  # n_g × |B|
        ri.append(np.repeat(idx, local_b.size, axis=1).ravel())
        rj.append(np.tile(idx, (1, local_b.size)).ravel())
        rv.append(np.broadcast_to(schur.ravel(), (groups.size, schur.size)).ravel())
    bi, bj = pos_in_boundary[ia], pos_in_boundary[ib]
    ri += [bi, bj, bi, bj]
    rj += [bi, bj, bj, bi]
    rv += [g_inter, g_inter, -g_inter, -g_inter]
    x_b = _solve_boundary(np.concatenate(ri), np.concatenate(rj), np.concatenate(rv),
                          boundary.size, int(pos_in_boundary[net.pos_tap]))
    v = np.zeros(S * n2)
    v[boundary] = x_b
    for k, (local_b, local_i, z, _) in enumerate(reductions):
        groups = np.nonzero(which == k)[0]
        if local_i.size:
            base = groups[:, None] * n2
            v[base + local_i[None, :]] = -(v[base + local_b[None, :]] @ z.T)
    return v


def _bits40(x: np.ndarray) -> np.ndarray:
    """Positive floats with the last 12 bits of the mantissa dropped, as integers."""
    return np.ascontiguousarray(x, dtype=float).view(np.int64) >> 12


def _reduce(a, b, gs, g, mask):
    """(boundary indices, inner indices, L_II⁻¹·L_IB, Schur complement) of one group: 2·P local
    nodes, the sheet strips (a, b, gs) on its faces, cell p between local nodes p and P + p."""
    P = g.size
    n2 = 2 * P
    p = np.arange(P)
    u, w, c = np.concatenate([a, p]), np.concatenate([b, P + p]), np.concatenate([gs, g])
    local_b = np.nonzero(mask)[0]
    local_i = np.nonzero(~mask)[0]
    lap = np.zeros((n2, n2))
    np.add.at(lap, (u, w), -c)
    lap += lap.T
    lap[np.diag_indices(n2)] = -lap.sum(axis=1)
    l_bb = lap[np.ix_(local_b, local_b)]
    if not local_i.size:
        return local_b, local_i, np.zeros((0, local_b.size)), l_bb
    l_ib = lap[np.ix_(local_i, local_b)]
    z = np.linalg.solve(lap[np.ix_(local_i, local_i)], l_ib)
    return local_b, local_i, z, l_bb - l_ib.T @ z


def _solve_boundary(ri, rj, rv, n, tap):
    """Potentials of the boundary nodes (node 0 grounded) for 1 A into `tap`."""
    import scipy.sparse as sp

    from .network import _solve

    lap = sp.coo_matrix((rv, (ri, rj)), shape=(n, n)).tocsc()[1:, 1:]
    rhs = np.zeros(n - 1)
    rhs[tap - 1] = 1.0
    x = np.zeros(n)
    x[1:] = _solve(lap, rhs)
    return x
