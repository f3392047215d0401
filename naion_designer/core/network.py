"""The pack circuit has one owner: nodes and branches built once from a design and its layout.

Each cell is a branch in series with its `cell_connection`; each pack terminal adds `terminal`.
The busbars follow the real geometry of the group blocks (`core.layout`):

- With an explicit `busbar_segment` (or no `interconnect.busbar`), busbar `b` (0..S) is a node
  per position p of the `rows × columns` block, shared by the positive side of cell p of group
  b-1 and the negative side of cell p of group b (the contract's convention), and a sheet of
  `busbar_segment` resistors joins neighbouring positions of the block along its rows and
  columns.  A line block gives the classic ladder; a 2-D block a grid.  In `parallel-strings`
  only the end busbars have segments.  A busbar whose segments have zero resistance collapses
  into one node.
- With `interconnect.busbar` and no explicit `busbar_segment`, every cell has its own node on
  each face and the strips of `layout.busbars` join them with ρ·L/(t·w): a sheet inside every
  block and strips between the neighbouring cells of consecutive groups.

The steady-state pack resistance and the time-domain simulation both use this structure.  The
DC solution (`PackNetwork.dc_solution`) takes the fastest exact route the structure allows: a
3-D DCT for the shared-node grid (with a low-rank correction for a few unequal cells, conjugate
gradients for many), the two end sheets for parallel strings, group-by-group reduction for
busbars from geometry (`core.network_groups`), and one sparse factorisation otherwise.  A small
network takes the same routes with numpy alone (the DCT as matrix products, dense solves), so
that the `calc` of a pack of a few hundred cells never imports scipy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .layout import compute_layout
from .layout.blocks import grid_pairs
from .layout.busbars import busbar_geometry, strip_resistance
from .network_groups import solve_by_groups
from .nodal import dense_laplacian, sparse_laplacian
from .pack import PackDesign

if TYPE_CHECKING:  # scipy costs ~0.2-0.3 s to import: the small packs' paths never need it
    import scipy.sparse as sp


@dataclass(frozen=True, eq=False)
class PackNetwork:
    series: int
    parallel: int
    n_nodes: int  # including the ground node (index 0 = negative terminal tap)
    cell_neg: np.ndarray  # S × P node index of each cell's negative side
    cell_pos: np.ndarray  # S × P node index of each cell's positive side
    seg_a: np.ndarray  # busbar segment endpoints
    seg_b: np.ndarray
    seg_r: np.ndarray  # resistance of each segment, ohm
    cell_connection: float
    terminal_resistance: float  # both terminals together
    pos_tap: int  # node of the positive terminal tap
    kind: str = "general"  # "grid" | "strings" | "faces" | "general": which solver applies
    block: tuple[int, int] = (1, 1)  # (rows, columns) of the shared-node grid

    def laplacian(self, cell_branch_resistance: np.ndarray) -> sp.csc_matrix:
        """Nodal conductance matrix (ground row/column removed) for the given S × P branch
        resistances (cell R plus cell_connection)."""
        a = np.concatenate([self.cell_neg.ravel(), self.seg_a])
        b = np.concatenate([self.cell_pos.ravel(), self.seg_b])
        g = np.concatenate([(1.0 / cell_branch_resistance).ravel(), 1.0 / self.seg_r])
        return sparse_laplacian(self.n_nodes, a, b, g)[1:, 1:]

    def dc_solution(self, cell_resistance: np.ndarray) -> tuple[float, np.ndarray]:
        """Pack DC resistance (ohm) and each cell's share of a 1 A pack current (S × P),
        with all cells at the same open-circuit voltage."""
        rb = cell_resistance + self.cell_connection
        if self.seg_a.size == 0:
            return self._dc_closed_form(rb)
        if self.kind == "grid":
            return self._dc_grid(rb)
        if self.kind == "strings" and self.series >= 2:
            return self._dc_strings(rb)
        v = solve_by_groups(self, 1.0 / rb) if self.kind == "faces" else None
        if v is None:
            a, b = self.cell_neg.ravel(), self.cell_pos.ravel()
            v = _nodal_solve(self.n_nodes, np.concatenate([a, self.seg_a]),
                             np.concatenate([b, self.seg_b]),
                             np.concatenate([1.0 / rb.ravel(), 1.0 / self.seg_r]), self.pos_tap)
        r = float(v[self.pos_tap]) + self.terminal_resistance
        i_cell = (v[self.cell_pos] - v[self.cell_neg]) / rb
        return r, i_cell

    def _dc_grid(self, rb: np.ndarray) -> tuple[float, np.ndarray]:
        """Series groups with resistive busbar sheets: the nodes form an (S+1) × rows × columns
        grid with uniform segments.

        The grid Laplacian with uniform cells is separable and diagonalised by a 3-D DCT.  The
        1 A injected at the positive tap and drawn at the ground node has a closed-form
        transform (outer products of DCT basis vectors), so the exact potentials of uniform
        cells take one inverse transform, O(N log N).  A few cells that differ from the others
        (overrides, an impedance factor) are a low-rank change of that Laplacian, solved
        exactly by the Sherman-Morrison-Woodbury identity (`_grid_low_rank`); with many, the
        uniform solution starts a conjugate-gradient solve on the true network, preconditioned
        by the same transform (a handful of iterations)."""
        S = self.series
        nr, nc = self.block
        shape = (S + 1, nr, nc)
        dctn, idctn = _transforms(shape)
        g = (1.0 / rb).reshape(S, nr, nc)
        gs = 1.0 / float(self.seg_r[0])
        g_ref = float(np.median(g))
        differs = np.abs(g - g_ref) > 1e-14 * g_ref
        n_diff = int(np.count_nonzero(differs))
        gc = g_ref if n_diff <= LOW_RANK_MAX else float(np.exp(np.mean(np.log(g))))
        mu = (gc * _path_eigenvalues(S + 1)[:, None, None]
              + gs * _path_eigenvalues(nr)[None, :, None]
              + gs * _path_eigenvalues(nc)[None, None, :])
        mu[0, 0, 0] = np.inf  # the constant mode: potentials are defined up to a constant
        tap = np.unravel_index(self.pos_tap, shape)
        b_hat = _outer3(*(_dct_basis(n, k) for n, k in zip(shape, tap, strict=True))) \
            - _outer3(*(_dct_basis(n, 0) for n in shape))
        x = idctn(b_hat / mu)
        if 0 < n_diff <= LOW_RANK_MAX:
            x = _grid_low_rank(x, np.nonzero(differs), g[differs] - gc, mu, idctn)
        elif n_diff:
            b = np.zeros(shape)
            b[tap] += 1.0
            b[0, 0, 0] -= 1.0
            x = _grid_cg(b, x, g, gs, mu, (dctn, idctn))
        x -= x[0, 0, 0]
        i_cell = (x[1:] - x[:-1]).reshape(S, nr * nc) / rb
        return float(x[tap]) + self.terminal_resistance, i_cell

    def _dc_strings(self, rb: np.ndarray) -> tuple[float, np.ndarray]:
        """Parallel strings: each string reduces exactly to one resistance between the two end
        busbars, leaving the two end sheets joined by P string resistances."""
        S, P = self.series, self.parallel
        r_string = rb.sum(axis=0)
        n = 2 * P  # nodes: (0, p) -> p, (S, p) -> P + p; ground = node 0

        def remap(k: np.ndarray) -> np.ndarray:
            return np.where(k < P, k, k - (S - 1) * P)

        a = np.concatenate([np.arange(P), remap(self.seg_a)])
        bb = np.concatenate([P + np.arange(P), remap(self.seg_b)])
        gv = np.concatenate([1.0 / r_string, 1.0 / self.seg_r])
        pos = P + self.pos_tap - S * P
        v = _nodal_solve(n, a, bb, gv, pos)
        i_string = (v[P:] - v[:P]) / r_string
        return float(v[pos]) + self.terminal_resistance, np.broadcast_to(i_string, rb.shape).copy()

    def _dc_closed_form(self, rb: np.ndarray) -> tuple[float, np.ndarray]:
        """No busbar segments carry resistance: exact in O(S × P)."""
        g = 1.0 / rb
        if self.n_nodes == self.series + 1:  # every busbar is one node: groups in series
            gsum = g.sum(axis=1)
            share = g / gsum[:, None]
            return float(np.sum(1.0 / gsum)) + self.terminal_resistance, share
        # parallel-strings whose end busbars collapsed: independent strings
        r_string = rb.sum(axis=0)
        g_string = 1.0 / r_string
        share = np.broadcast_to(g_string / g_string.sum(), rb.shape).copy()
        return float(1.0 / g_string.sum()) + self.terminal_resistance, share


def _dct_basis(n: int, k: int) -> np.ndarray:
    """The orthonormal DCT-II of the unit vector e_k of length n."""
    j = np.arange(n)
    out = np.sqrt(2.0 / n) * np.cos(np.pi * j * (2 * k + 1) / (2 * n))
    out[0] = np.sqrt(1.0 / n)
    return out


def _outer3(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    return a[:, None, None] * (b[:, None] * c[None, :])[None, :, :]


# cells that differ from the rest up to which the grid is solved by a low-rank correction (its
# cost grows as their number squared; beyond it, conjugate gradients)
LOW_RANK_MAX = 16


def _dct_columns(n: int, m: np.ndarray) -> np.ndarray:
    """Transforms of the unit vectors e_m (orthonormal DCT-II of length n), one row each."""
    j = np.arange(n)[None, :]
    c = np.sqrt(2.0 / n) * np.cos(np.pi * j * (2 * np.asarray(m)[:, None] + 1) / (2 * n))
    c[:, 0] = np.sqrt(1.0 / n)
    return c


def _grid_low_rank(x0: np.ndarray, cells: tuple[np.ndarray, ...], dg: np.ndarray,
                   mu: np.ndarray, idctn: Transform) -> np.ndarray:
    """Potentials of the grid whose cells `cells` = (s, i, j) have conductance g_ref + dg, from
    x0, the solution with every cell at g_ref (eigenvalues mu of its Laplacian L0).

    L = L0 + A·diag(dg)·Aᵀ, A's columns the cells' incidence vectors e(s+1, i, j) − e(s, i, j);
    then L⁺b = x0 − L0⁺A·(diag(1/dg) + AᵀL0⁺A)⁻¹·Aᵀx0 (Woodbury, on the potentials of zero mean,
    where L0⁺ is the inverse).  A's transform is closed-form, so AᵀL0⁺A is a sum over the modes
    and the correction one more inverse transform."""
    s, i, j = cells
    n_s, nr, nc = mu.shape
    k = s.size
    transverse = (_dct_columns(nr, i)[:, :, None] * _dct_columns(nc, j)[:, None, :])
    a_hat = ((_dct_columns(n_s, s + 1) - _dct_columns(n_s, s))[:, :, None]
             * transverse.reshape(k, 1, nr * nc)).reshape(k, -1)
    y = a_hat * (1.0 / mu).reshape(1, -1)
    capacitance = np.einsum("kn,ln->kl", y, a_hat) + np.diag(1.0 / dg)
    w = np.linalg.solve(capacitance, x0[s + 1, i, j] - x0[s, i, j])
    return x0 - idctn(np.einsum("k,kn->n", w, y).reshape(mu.shape))


Transform = Callable[[np.ndarray], np.ndarray]

# grids up to this cost, nodes × (series busbars + block positions), take their transforms as two
# matrix products: numpy only, so that the solve of a small pack never imports scipy (~0.3 s),
# and faster than scipy's FFT-based transform there; beyond it the products grow quadratically
# per axis and OpenBLAS threads them
MATRIX_DCT_WORK = 500_000


def _transforms(shape: tuple[int, int, int]) -> tuple[Transform, Transform]:
    """The orthonormal 3-D DCT-II of an array of `shape` and its inverse."""
    n_s, nr, nc = shape
    if n_s * nr * nc * (n_s + nr * nc) <= MATRIX_DCT_WORK:
        along, across = _dct_matrix(n_s), _dct_block_matrix(nr, nc)

        def forward(x: np.ndarray) -> np.ndarray:
            return ((along @ x.reshape(n_s, -1)) @ across.T).reshape(shape)

        def inverse(x: np.ndarray) -> np.ndarray:
            return ((along.T @ x.reshape(n_s, -1)) @ across).reshape(shape)

        return forward, inverse
    from scipy.fft import dctn, idctn

    return (lambda x: dctn(x, norm="ortho"), lambda x: idctn(x, norm="ortho"))


@lru_cache(maxsize=32)
def _dct_matrix(n: int) -> np.ndarray:
    """C with C·x the orthonormal DCT-II of x (Cᵀ is its inverse)."""
    c = _dct_columns(n, np.arange(n)).T.copy()
    c.setflags(write=False)
    return c


@lru_cache(maxsize=32)
def _dct_block_matrix(nr: int, nc: int) -> np.ndarray:
    """The 2-D orthonormal DCT-II of an nr × nc block, raveled: C_r ⊗ C_c."""
    c = np.kron(_dct_matrix(nr), _dct_matrix(nc))
    c.setflags(write=False)
    return c


def _dot(a: np.ndarray, b: np.ndarray) -> float:
    """Σ a·b as a ufunc reduction: BLAS's dot and norm run on a thread pool that, on a busy
    machine, made the conjugate-gradient loop 10-50× slower on vectors of 10⁴ elements."""
    return float(np.multiply(a, b).sum())


def _grid_cg(b: np.ndarray, x: np.ndarray, g: np.ndarray, gs: float, mu: np.ndarray,
             transforms: tuple[Transform, Transform]) -> np.ndarray:
    """Conjugate gradients on the grid network (cell conductances g between consecutive
    busbars, busbar sheets of conductance gs), preconditioned by the DCT solve of the uniform
    grid with eigenvalues mu; x is the preconditioned start."""
    dctn, idctn = transforms

    def apply(x: np.ndarray) -> np.ndarray:
        y = np.zeros_like(x)
        f = g * (x[1:] - x[:-1])
        y[:-1] -= f
        y[1:] += f
        fr = gs * (x[:, 1:] - x[:, :-1])
        y[:, :-1] -= fr
        y[:, 1:] += fr
        fc = gs * (x[:, :, 1:] - x[:, :, :-1])
        y[:, :, :-1] -= fc
        y[:, :, 1:] += fc
        return y

    def precondition(r: np.ndarray) -> np.ndarray:
        return idctn(dctn(r) / mu)

    r = b - apply(x)
    tol2 = (1e-11) ** 2 * _dot(b, b)
    if _dot(r, r) <= tol2:
        return x
    z = precondition(r)
    d = z.copy()
    rz = _dot(r, z)
    for _ in range(500):
        ad = apply(d)
        alpha = rz / _dot(d, ad)
        x += alpha * d
        r -= alpha * ad
        if _dot(r, r) <= tol2:
            break
        z = precondition(r)
        rz_new = _dot(r, z)
        d = z + (rz_new / rz) * d
        rz = rz_new
    return x


def _path_eigenvalues(n: int) -> np.ndarray:
    """Eigenvalues of the Laplacian of a path of n nodes (DCT-II basis)."""
    return 4.0 * np.sin(np.pi * np.arange(n) / (2 * n)) ** 2


_BLAS: list = []  # the threadpoolctl controller, made on first use (it inspects the libraries)


def single_threaded_blas():
    """A context in which BLAS and LAPACK run on one thread: on a busy machine their thread
    pools made the direct solves of `calc` several times slower."""
    if not _BLAS:
        from threadpoolctl import ThreadpoolController

        _BLAS.append(ThreadpoolController())
    return _BLAS[0].limit(limits=1, user_api="blas")


# unknowns up to which a network is solved densely
DENSE_NODES = 400


def _nodal_solve(n: int, a: np.ndarray, b: np.ndarray, g: np.ndarray, tap: int) -> np.ndarray:
    """Potentials of n nodes joined by branches (a, b, conductance g), node 0 grounded, for 1 A
    into `tap`.  A small network's matrix is built and solved by numpy alone (no scipy import)."""
    rhs = np.zeros(n - 1)
    rhs[tap - 1] = 1.0
    v = np.zeros(n)
    if n - 1 <= DENSE_NODES:
        with single_threaded_blas():
            v[1:] = np.linalg.solve(dense_laplacian(n, a, b, g)[1:, 1:], rhs)
        return v
    v[1:] = _solve(sparse_laplacian(n, a, b, g)[1:, 1:], rhs)
    return v


def _solve(lap: sp.csc_matrix, rhs: np.ndarray) -> np.ndarray:
    n = lap.shape[0]
    with single_threaded_blas():
        if n <= DENSE_NODES:
            return np.linalg.solve(lap.toarray(), rhs)
        import scipy.sparse.linalg as spla

        lu = spla.splu(lap, permc_spec="MMD_AT_PLUS_A", options={"SymmetricMode": True})
        return lu.solve(rhs)


def geometric_busbars(design: PackDesign) -> bool:
    """The busbar segments come from the layout (a busbar is given, no explicit segment)."""
    ic = design.interconnect
    return ic.busbar is not None and not ic.busbar_segment_given


def network_key(design: PackDesign) -> tuple:
    """What the network depends on: with explicit segments only the block shape of the layout,
    with busbars from geometry the whole layout."""
    base = (design.series, design.parallel, design.topology, design.interconnect)
    if not geometric_busbars(design):
        return base + (compute_layout(design).group_shape,)
    c = design.cell
    return base + (c.form_factor, c.diameter, c.length, c.width, c.height, design.layout)


_NETWORKS: dict[tuple, PackNetwork] = {}


def build_network(design: PackDesign) -> PackNetwork:
    key = network_key(design)
    net = _NETWORKS.get(key)
    if net is None:
        net = _geometric(design) if geometric_busbars(design) else _shared(design)
        if len(_NETWORKS) >= 32:
            _NETWORKS.pop(next(iter(_NETWORKS)))
        _NETWORKS[key] = net
    return net


def clear_cache() -> None:
    _NETWORKS.clear()


def _shared(design: PackDesign) -> PackNetwork:
    S, P, topology, ic = design.series, design.parallel, design.topology, design.interconnect
    shape = compute_layout(design).group_shape
    seg_r = ic.busbar_segment
    # which busbars carry segments along p
    has_segments = np.zeros(S + 1, dtype=bool)
    has_segments[0] = has_segments[S] = True
    if topology == "series-groups":
        has_segments[:] = True
    collapse = has_segments & (seg_r <= 0.0)
    nodes_per_bar = np.where(collapse, 1, P)
    start = np.concatenate([[0], np.cumsum(nodes_per_bar)[:-1]])
    n_nodes = int(nodes_per_bar.sum())
    p = np.arange(P)

    def node(b: np.ndarray, pp: np.ndarray) -> np.ndarray:
        return start[b] + np.where(collapse[b], 0, pp)

    s_idx = np.arange(S)[:, None]
    cell_neg = node(np.broadcast_to(s_idx, (S, P)), np.broadcast_to(p, (S, P)))
    cell_pos = node(np.broadcast_to(s_idx + 1, (S, P)), np.broadcast_to(p, (S, P)))
    seg_bars = np.nonzero(has_segments & ~collapse)[0]
    pa, pb = grid_pairs(shape)
    if P > 1 and seg_bars.size:
        bb = np.repeat(seg_bars, pa.size)
        seg_a, seg_b = start[bb] + np.tile(pa, seg_bars.size), start[bb] + np.tile(pb,
                                                                                  seg_bars.size)
    else:
        seg_a = seg_b = np.zeros(0, dtype=int)
    pos_p = 0 if ic.terminal_side == "same" else P - 1
    pos_tap = int(node(np.array([S]), np.array([pos_p]))[0])
    full = not collapse.any()
    kind = "grid" if (topology == "series-groups" and full) else \
        "strings" if (topology == "parallel-strings" and full) else "general"
    return PackNetwork(series=S, parallel=P, n_nodes=n_nodes, cell_neg=cell_neg,
                       cell_pos=cell_pos, seg_a=seg_a, seg_b=seg_b,
                       seg_r=np.full(seg_a.size, seg_r), cell_connection=ic.cell_connection,
                       terminal_resistance=2.0 * ic.terminal, pos_tap=pos_tap, kind=kind,
                       block=shape)


def _geometric(design: PackDesign) -> PackNetwork:
    """Every cell face its own node; strips from the layout (see `layout.busbars`).

    Node of the negative side of cell (s, p): 2·s·P + p; of its positive side: (2·s + 1)·P + p,
    so that the band of the nodal matrix stays about 2·P wide."""
    S, P, ic = design.series, design.parallel, design.interconnect
    geo = busbar_geometry(compute_layout(design), design.topology)
    s = np.arange(S)[:, None]
    p = np.arange(P)[None, :]
    cell_neg = np.broadcast_to(2 * s * P + p, (S, P)).copy()
    cell_pos = np.broadcast_to((2 * s + 1) * P + p, (S, P)).copy()
    if design.topology == "series-groups":
        faces_a = np.concatenate([cell_neg[geo.intra_s, geo.intra_a],
                                  cell_pos[geo.intra_s, geo.intra_a]])
        faces_b = np.concatenate([cell_neg[geo.intra_s, geo.intra_b],
                                  cell_pos[geo.intra_s, geo.intra_b]])
        intra_len = np.concatenate([geo.intra_len, geo.intra_len])
    else:
        first = geo.intra_s == 0
        last = geo.intra_s == S - 1
        faces_a = np.concatenate([cell_neg[0, geo.intra_a[first]],
                                  cell_pos[S - 1, geo.intra_a[last]]])
        faces_b = np.concatenate([cell_neg[0, geo.intra_b[first]],
                                  cell_pos[S - 1, geo.intra_b[last]]])
        intra_len = np.concatenate([geo.intra_len[first], geo.intra_len[last]])
    seg_a = np.concatenate([faces_a, cell_pos[geo.inter_s, geo.inter_a]])
    seg_b = np.concatenate([faces_b, cell_neg[geo.inter_s + 1, geo.inter_b]])
    length = np.concatenate([intra_len, geo.inter_len])
    seg_r = np.maximum(strip_resistance(ic.busbar, length), 1e-12)
    pos_p = 0 if ic.terminal_side == "same" else P - 1
    return PackNetwork(series=S, parallel=P, n_nodes=2 * S * P, cell_neg=cell_neg,
                       cell_pos=cell_pos, seg_a=seg_a.astype(int), seg_b=seg_b.astype(int),
                       seg_r=np.asarray(seg_r, float), cell_connection=ic.cell_connection,
                       terminal_resistance=2.0 * ic.terminal, pos_tap=int(cell_pos[S - 1, pos_p]),
                       kind="faces" if design.topology == "series-groups" else "general")


# --- what the time-domain solve needs (core.simulate factorises the matrix: simulate/solver.py) --


def incidence(net: PackNetwork) -> sp.csr_matrix:
    """(n_nodes−1) × (S·P) incidence of the cell branches, ground node removed: +1 at each cell's
    positive node, −1 at its negative node.  `M @ x` scatters branch values onto nodes, `M.T @ v`
    gives each branch's voltage (positive minus negative node)."""
    import scipy.sparse as sp

    n_cells = net.series * net.parallel
    cols = np.arange(n_cells)
    rows = np.concatenate([net.cell_pos.ravel(), net.cell_neg.ravel()])
    vals = np.concatenate([np.ones(n_cells), -np.ones(n_cells)])
    m = sp.coo_matrix((vals, (rows, np.concatenate([cols, cols]))),
                      shape=(net.n_nodes, n_cells)).tocsr()
    return m[1:]


