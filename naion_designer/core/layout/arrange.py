"""Arrangements of group blocks: rows with a serpentine series path, modules in a grid, rotation,
and the search that picks the most compact arrangement (or the one that fits a box).

Group blocks fill rows of `groups_per_row` blocks along x; the series path runs left to right in
the top row, right to left in the next and so on, so that consecutive groups are side by side.
The groups are shared out over the modules as evenly as possible (module sizes differ by at most
one group, the larger first).  Modules stand in rows of `modules_per_row` along x, `module_gap`
apart along x and y, the first row at the top; the series path visits them in a serpentine too,
and each module's own path starts at the corner nearest to where the previous module's ended
(its serpentine mirrored along x and/or y), so that the jump between modules is the shortest.
`group_order` maps a physical slot to the series position it holds, so that dragging a group in
the editor reorders the series path without moving cells.  Rotation by 90° turns the whole pack.

Envelope of one module (unrotated), with g blocks per row and R rows of blocks of r × c cells:
`x = (g·c − 1)·pitch_x + footprint_x + (g − 1)·group_gap` (+ pitch_x / 2 for hexagonal rows),
`y = (R·r − 1)·pitch_y + footprint_y + (R − 1)·group_gap`.  A grid of modules is as long as
the sum of its columns' widest modules plus the gaps, as wide as the sum of its rows' tallest
modules plus the gaps, plus the margins around the pack.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..pack import Layout
from .blocks import Footprint, group_shapes

ASPECT_OK = 2.0  # plan aspect ratio above which an arrangement is penalised
BLOCK_ASPECT_OK = 2.5  # block aspect ratio above which a block shape is penalised
HOLE_TOLERANCE = 1.25  # a layout with holes is chosen only when this much more compact
FIT_TOL = 1e-9


@dataclass(frozen=True)
class Arrangement:
    group_shape: tuple[int, int]
    groups_per_row: int
    rotation: int
    modules: int
    modules_per_row: int = 0  # 0: every module in one row

    @property
    def module_grid(self) -> tuple[int, int]:
        """(rows, columns) of modules."""
        mc = module_columns(self.modules, self.modules_per_row)
        return -(-self.modules // mc), mc


def module_columns(modules: int, modules_per_row: int) -> int:
    """Modules side by side along x (0 or more than there are: all of them)."""
    return modules if modules_per_row <= 0 else min(modules_per_row, modules)


@dataclass(frozen=True)
class Candidate:
    """One arrangement and its envelope (m), ranked by the search."""

    arrangement: Arrangement
    length: float
    width: float
    height: float
    empty_slots: int
    fits: bool
    shortfall: tuple[float, float, float]  # by how much each dimension exceeds the envelope
    score: float

    @property
    def volume(self) -> float:
        return self.length * self.width * self.height


def module_sizes(S: int, modules: int) -> np.ndarray:
    """Groups in each module: as even as possible, the larger modules first."""
    m = max(1, min(modules, S))
    base, extra = divmod(S, m)
    return np.array([base + 1] * extra + [base] * (m - extra), dtype=int)


@lru_cache(maxsize=4096)
def gpr_candidates(n: int) -> np.ndarray:
    """The groups per row worth trying for n groups: for every number of block rows R the
    fewest groups per row that need only R rows, ceil(n / R) (every divisor of n among them).
    Any other choice makes the rows longer without making the pack narrower."""
    R = np.arange(1, n + 1)
    out = np.unique(-(-n // R))
    out.setflags(write=False)
    return out


@lru_cache(maxsize=4096)
def _shapes_of(P: int) -> tuple[tuple[int, int], ...]:
    return tuple(group_shapes(P))


def _module_extent(fp: Footprint, n, r, c, g, group_gap: float):
    """(x, y) cell-surface extent of a module of n groups (arrays broadcast), and its holes."""
    g = np.minimum(g, n)
    R = np.ceil(n / g)
    x = (g * c - 1) * fp.pitch_x + fp.dx + (g - 1) * group_gap
    if fp.hexagonal:
        x = x + np.where(R * r >= 2, fp.pitch_x / 2, 0.0)
    y = (R * r - 1) * fp.pitch_y + fp.dy + (R - 1) * group_gap
    return x, y, R * g - n


def plan_extents(fp: Footprint, S, r, c, g, modules: int, lay: Layout, mc=None):
    """Unrotated (length, width, empty slots) of the arrangements, margins included
    (S, r, c, g, mc arrays broadcast; `modules` at most S; `mc` modules per row, None: all in
    one row).  The larger modules come first in the serpentine over the module grid, so the
    first min(k_big, mc) columns and the first ceil(k_big / mc) rows hold one."""
    S = np.asarray(S, float)
    M = float(modules)
    mc = np.minimum(np.asarray(M if mc is None else mc, float), M)
    mr = np.ceil(M / mc)
    n_small = np.floor(S / M)
    n_big = np.ceil(S / M)
    k_big = S - M * n_small  # modules with one group more (0 when S divides evenly)
    xb, yb, hb = _module_extent(fp, n_big, r, c, g, lay.group_gap)
    xs, ys, hs = _module_extent(fp, np.maximum(n_small, 1.0), r, c, g, lay.group_gap)
    cols_big = np.minimum(k_big, mc)
    rows_big = np.ceil(k_big / mc)
    length = cols_big * xb + (mc - cols_big) * xs + (mc - 1) * lay.module_gap
    width = rows_big * yb + (mr - rows_big) * ys + (mr - 1) * lay.module_gap
    holes = k_big * hb + (M - k_big) * hs
    return length + 2 * lay.margin, width + 2 * lay.margin, holes


def _score(length, width, block_aspect):
    aspect = np.maximum(length, width) / np.minimum(length, width)
    return (length * width * np.maximum(1.0, aspect / ASPECT_OK) ** 2
            * np.maximum(1.0, block_aspect / BLOCK_ASPECT_OK) ** 2)


def module_row_candidates(modules: int, modules_per_row: int) -> np.ndarray:
    """The modules per row to try: the design's own, or every useful one (as groups per row)."""
    if modules_per_row > 0:
        return np.array([module_columns(modules, modules_per_row)])
    return gpr_candidates(modules)


def _grid(fp: Footprint, S: np.ndarray, P: np.ndarray, lay: Layout, height: float, envelope,
          shapes, rotations, groups_per_row: int, modules: int):
    """Every arrangement of every (S, P) pair as arrays of shape (pairs, rotations × shapes ×
    groups per row × modules per row); `shapes` None = every block shape of each P."""
    S = np.asarray(S, int)
    P = np.asarray(P, int)
    M = max(1, min(modules, int(S.min())))
    mcs = module_row_candidates(M, lay.modules_per_row).astype(float)
    n_max = -(-S // M)
    if groups_per_row:
        g = np.minimum(groups_per_row, n_max)[:, None].astype(float)
    else:
        cands = [gpr_candidates(int(n)) for n in n_max]
        K = max(len(c) for c in cands)
        g = np.empty((S.size, K))
        for i, c in enumerate(cands):
            g[i, :len(c)] = c
            g[i, len(c):] = c[-1]
    if shapes is not None:
        sh = [tuple(shapes)] * S.size
    else:
        sh = [_shapes_of(int(p)) for p in P]
    nsh = max(len(x) for x in sh)
    rs = np.empty((S.size, nsh))
    cs = np.empty((S.size, nsh))
    for i, x in enumerate(sh):
        arr = np.array(x, float)
        rs[i, :len(x)], cs[i, :len(x)] = arr[:, 0], arr[:, 1]
        rs[i, len(x):], cs[i, len(x):] = arr[-1, 0], arr[-1, 1]
    block_aspect = np.maximum(cs * fp.pitch_x, rs * fp.pitch_y) / \
        np.minimum(cs * fp.pitch_x, rs * fp.pitch_y)
    # axes: pair, shape, gpr, modules per row
    L0, W0, holes = plan_extents(fp, S[:, None, None, None], rs[:, :, None, None],
                                 cs[:, :, None, None], g[:, None, :, None], M, lay,
                                 mcs[None, None, None, :])
    score = _score(L0, W0, block_aspect[:, :, None, None])
    L0, W0, holes, score = (np.broadcast_to(v, L0.shape).reshape(S.size, -1)
                            for v in (L0, W0, holes, score))
    nr = len(rotations)
    a = {"L": np.concatenate([L0 if rot == 0 else W0 for rot in rotations], axis=1),
         "W": np.concatenate([W0 if rot == 0 else L0 for rot in rotations], axis=1),
         "holes": np.tile(holes, (1, nr)), "score": np.tile(score, (1, nr)),
         # to decode a column: rotation, shape and groups per row
         "_rs": rs, "_cs": cs, "_g": g, "_rot": rotations, "_mc": mcs}
    if envelope is not None:
        a["mL"] = np.maximum(a["L"] - envelope[0], 0.0)
        a["mW"] = np.maximum(a["W"] - envelope[1], 0.0)
        mH = max(height - envelope[2], 0.0)
        a["fits"] = (a["L"] <= envelope[0] * (1 + FIT_TOL)) \
            & (a["W"] <= envelope[1] * (1 + FIT_TOL)) & (height <= envelope[2] * (1 + FIT_TOL))
    else:
        a["mL"] = a["mW"] = np.zeros_like(a["L"])
        mH = 0.0
        a["fits"] = np.ones(a["L"].shape, bool)
    a["mH"] = np.full(a["L"].shape, mH)
    a["miss"] = a["mL"] + a["mW"] + mH
    return a, M


def _first_best(a: dict, mask: np.ndarray) -> np.ndarray:
    """Per row, the first column with the best (fits, miss, score) among `mask`."""
    k1 = np.where(mask, (~a["fits"]).astype(float), np.inf)
    mask = mask & (k1 == k1.min(axis=1, keepdims=True))
    m = np.where(mask, a["miss"], np.inf)
    mask = mask & (m == m.min(axis=1, keepdims=True))
    sc = np.where(mask, a["score"], np.inf)
    mask = mask & (sc == sc.min(axis=1, keepdims=True))
    return np.argmax(mask, axis=1)


def _select(a: dict) -> np.ndarray:
    """The column each row (S) gets: the best, or the best hole-free one when it is at most
    `HOLE_TOLERANCE` less compact and fits (or misses) as well."""
    rows = np.arange(a["L"].shape[0])
    head = _first_best(a, np.ones(a["L"].shape, bool))
    hf, hm, hs = (a[k][rows, head][:, None] for k in ("fits", "miss", "score"))
    ok = (a["holes"] == 0) & (a["fits"] == hf) & (a["miss"] <= hm + 1e-12)
    alt = _first_best(a, ok)
    use = ok.any(axis=1) & (a["holes"][rows, head] > 0) \
        & (a["score"][rows, alt] <= HOLE_TOLERANCE * hs[:, 0])
    return np.where(use, alt, head)


def _decode(a: dict, i: int, k: int, M: int) -> Arrangement:
    nsh, K, nmc = a["_rs"].shape[1], a["_g"].shape[1], len(a["_mc"])
    rot, rest = divmod(k, nsh * K * nmc)
    sh, rest = divmod(rest, K * nmc)
    gi, mi = divmod(rest, nmc)
    return Arrangement((int(a["_rs"][i, sh]), int(a["_cs"][i, sh])), int(a["_g"][i, gi]),
                       int(a["_rot"][rot]), M, int(a["_mc"][mi]))


def _candidate(a: dict, i: int, k: int, M: int, height: float) -> Candidate:
    arr = _decode(a, i, k, M)
    return Candidate(arr, float(a["L"][i, k]), float(a["W"][i, k]), height,
                     int(a["holes"][i, k]), bool(a["fits"][i, k]),
                     (float(a["mL"][i, k]), float(a["mW"][i, k]), float(a["mH"][i, k])),
                     float(a["score"][i, k]))


def best_arrangements(fp: Footprint, S, P, lay: Layout, height: float,
                      envelope=None, shapes=None, rotations=None, groups_per_row: int = 0
                      ) -> list[Candidate]:
    """The arrangement each (S, P) pair gets (arrays broadcast; vectorised): the most compact
    one without holes (unless one with holes is `HOLE_TOLERANCE` times more compact), and with
    an envelope the most compact that fits, else the one that misses by least."""
    S, P = (np.ravel(v) for v in np.broadcast_arrays(np.asarray(S, int), np.asarray(P, int)))
    rotations = rotations or (lay.rotation,)
    a, M = _grid(fp, S, P, lay, height, envelope, shapes, rotations, groups_per_row,
                 lay.modules)
    pick = _select(a)
    return [_candidate(a, i, int(k), M, height) for i, k in enumerate(pick)]


def best_extents(fp: Footprint, S, P, lay: Layout, height: float, envelope=None,
                 rotations=None) -> tuple[np.ndarray, np.ndarray, Callable[[int], Arrangement]]:
    """`best_arrangements` as arrays: (length, width) of every pair and a function giving the
    arrangement of pair i (for searches over many pairs that build few designs)."""
    S, P = (np.ravel(v) for v in np.broadcast_arrays(np.asarray(S, int), np.asarray(P, int)))
    a, M = _grid(fp, S, P, lay, height, envelope, None, rotations or (lay.rotation,), 0,
                 lay.modules)
    pick = _select(a)
    rows = np.arange(S.size)
    return a["L"][rows, pick], a["W"][rows, pick], \
        lambda i: _decode(a, int(i), int(pick[i]), M)


def candidates(fp: Footprint, S: int, P: int, lay: Layout, height: float,
               envelope: tuple[float, float, float] | None = None,
               shapes: list[tuple[int, int]] | None = None,
               rotations: tuple[int, ...] | None = None,
               modules: tuple[int, ...] | None = None,
               groups_per_row: int = 0, limit: int = 50) -> list[Candidate]:
    """The `limit` best arrangements of the given shapes / rotations / module counts, ranked
    (fitting ones first, then by miss, then by compactness; the choice `best_arrangements`
    makes for each module count ahead of the others of its kind)."""
    rotations = rotations or (lay.rotation,)
    out: list[tuple[tuple, Candidate]] = []
    for m in sorted({max(1, min(m, S)) for m in (modules or (lay.modules,))}):
        a, M = _grid(fp, np.array([S]), np.array([P]), lay, height, envelope, shapes,
                     rotations, groups_per_row, m)
        chosen = int(_select(a)[0])
        seen = set()
        for k in np.lexsort((a["score"][0], a["miss"][0], ~a["fits"][0])):
            c = _candidate(a, 0, int(k), M, height)
            if c.arrangement in seen:
                continue
            seen.add(c.arrangement)
            first = 0 if k == chosen else 1
            out.append(((not c.fits, c.shortfall[0] + c.shortfall[1] + c.shortfall[2],
                         first, c.score), c))
    out.sort(key=lambda t: t[0])
    return [c for _, c in out[:limit]]


def choose(fp: Footprint, S: int, P: int, lay: Layout, height: float) -> Candidate:
    """The arrangement a design gets: its own choices where it makes them, the search's
    elsewhere (and, with an envelope, an orientation that fits)."""
    shapes = [lay.group_shape] if lay.group_shape else None
    fixed = bool(lay.group_shape) and bool(lay.groups_per_row)
    rotations = (0, 90) if (lay.envelope is not None and not fixed) else None
    return best_arrangements(fp, S, P, lay, height, lay.envelope, shapes=shapes,
                             rotations=rotations, groups_per_row=lay.groups_per_row)[0]


def module_places(modules: int, modules_per_row: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every module in the grid: a serpentine, the first row at the top."""
    mc = module_columns(modules, modules_per_row)
    k = np.arange(modules)
    row = k // mc
    col = np.where(row % 2 == 0, k % mc, mc - 1 - k % mc)
    return row, col


def slot_positions(fp: Footprint, S: int, P: int, arr: Arrangement, lay: Layout):
    """S × P centre x and y of the cells of every slot (unrotated, first cell at 0, 0), the
    module of each slot."""
    r, c = arr.group_shape
    sizes = module_sizes(S, arr.modules)
    M = len(sizes)
    module = np.repeat(np.arange(M), sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    k = np.arange(S) - starts[module]
    gm = np.minimum(arr.groups_per_row, sizes)  # per module
    Rm = -(-sizes // gm)
    g = gm[module]
    row = k // g
    col_in_row = k % g
    col = np.where(row % 2 == 0, col_in_row, g - 1 - col_in_row)  # serpentine
    mx, my, _ = _module_extent(fp, sizes.astype(float), r, c, gm.astype(float), lay.group_gap)
    # the module grid: columns as wide as their widest module, rows as tall as their tallest
    mrow, mcol = module_places(M, arr.modules_per_row)
    n_rows, n_cols = int(mrow.max()) + 1, int(mcol.max()) + 1
    col_w = np.zeros(n_cols)
    np.maximum.at(col_w, mcol, mx)
    row_h = np.zeros(n_rows)
    np.maximum.at(row_h, mrow, my)
    col_x0 = np.concatenate([[0.0], np.cumsum(col_w + lay.module_gap)[:-1]])
    row_y0 = np.concatenate([np.cumsum((row_h + lay.module_gap)[::-1])[::-1][1:], [0.0]])
    bx = c * fp.pitch_x + lay.group_gap
    by = r * fp.pitch_y + lay.group_gap
    block_row = Rm[module] - 1 - row  # counted from the bottom: the first row is at the top
    if M > 1:
        col, block_row = _shortest_jumps(col, block_row, module, gm, Rm, col_x0[mcol],
                                         row_y0[mrow], bx, by)
    p = np.arange(P)
    i, j = p // c, p % c
    x = (col_x0[mcol][module] + col * bx)[:, None] + j[None, :] * fp.pitch_x
    y = (row_y0[mrow][module] + block_row * by)[:, None] + i[None, :] * fp.pitch_y
    if fp.hexagonal:
        global_row = (block_row * r)[:, None] + i[None, :]
        x = x + np.where(global_row % 2 == 1, fp.pitch_x / 2, 0.0)
    return x, y, module


def _shortest_jumps(col, block_row, module, gm, Rm, x0, y0, bx, by):
    """Mirror each module's serpentine (along x, y or both) so that it starts at the block
    nearest to where the previous module's path ended, the first module's mirroring chosen for
    the shortest jumps in all; ties keep the unmirrored path."""
    sels = [np.nonzero(module == m)[0] for m in range(len(gm))]
    flips = ((False, False), (True, False), (False, True), (True, True))

    def mirrored(m, fx, fy):
        c0, r0 = col[sels[m]], block_row[sels[m]]
        return (gm[m] - 1 - c0 if fx else c0), (Rm[m] - 1 - r0 if fy else r0)

    def place(m, c, r, k):
        return x0[m] + c[k] * bx, y0[m] + r[k] * by

    best_total = None
    for first in flips:
        path = [mirrored(0, *first)]
        total = 0.0
        for m in range(1, len(gm)):
            end = place(m - 1, *path[-1], -1)
            best = None
            for f in flips:
                c, r = mirrored(m, *f)
                d = math.dist(end, place(m, c, r, 0))
                if best is None or d < best[0] - 1e-12:
                    best = (d, c, r)
            total += best[0]
            path.append((best[1], best[2]))
        if best_total is None or total < best_total[0] - 1e-12:
            best_total = (total, path)
    col, block_row = col.copy(), block_row.copy()
    for sel, (c, r) in zip(sels, best_total[1], strict=True):
        col[sel], block_row[sel] = c, r
    return col, block_row


def legacy_groups_per_row(form_factor: str, diameter: float, length: float, width: float,
                          S: int, P: int, gap: float, modules: int,
                          hexagonal: bool = False) -> int:
    """The groups per row that version-1 designs got automatically (line groups, a module
    closest to square; version-1 hexagonal columns were √3/2 pitch apart)."""
    if form_factor == "cylindrical":
        pitch = diameter + gap
        gdx = pitch * (math.sqrt(3) / 2 if hexagonal else 1.0)
        gdy = P * pitch + (pitch / 2 if hexagonal else 0.0)
    else:
        gdx, gdy = P * (width + gap), length + gap
    per_module = math.ceil(S / max(1, modules))
    if per_module <= 1:
        return 1
    return max(1, min(per_module, round(math.sqrt(per_module * gdy / gdx))))
