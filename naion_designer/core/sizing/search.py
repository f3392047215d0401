"""`size`: every cell × S × P against one target, the best designs re-checked, the Pareto
front, and why each rejected cell fails."""

from __future__ import annotations

import math
import time

import numpy as np

from ..checks import ProfileFor, check_duty_cycle
from ..pack import Layout
from ..targets import Target
from ..units import InputError
from .build import _layout_for, evaluate
from .model import OBJECTIVES, Candidate, SizingCancelled, SizingResult, _Grid
from .pareto import _pareto
from .reasons import _closest_text, _reasons, _summarise_rejection
from .screen import _objective_values, _screen


def size(target: Target, cells, top: int = 10, objective: str = "cost", per_cell: int = 1,
         pareto: bool = True, progress=None, cancel=None,
         duty_cycle: ProfileFor | None = None) -> SizingResult:
    """Search every cell × S × P; return the best `top` designs for `objective` (re-checked),
    the Pareto front of mass vs cost, and why each rejected cell fails.

    `progress(fraction)` is called now and then; `cancel() -> bool` is polled and True raises
    SizingCancelled.  With `duty_cycle` (design -> the target duty cycle), the passing candidates are
    also simulated through it (slow: a fraction of a second each) and fail if it cuts off."""
    t0 = time.perf_counter()

    def step(fraction: float) -> None:
        if cancel is not None and cancel():
            raise SizingCancelled("sizing cancelled")
        if progress is not None:
            progress(min(1.0, fraction))

    if objective not in OBJECTIVES:
        raise InputError("objective", f"expected one of {', '.join(OBJECTIVES)}, got "
                                        f"'{objective}'")
    if top < 1:
        raise InputError("top", f"expected a whole number ≥ 1, got {top}")
    cells = list(cells.values()) if isinstance(cells, dict) else list(cells)
    lay = Layout()
    grids: dict[str, _Grid] = {}
    pool = []  # (objective, cell_id, i, j)
    evaluated = 0
    rejected_counts: dict[str, dict[str, int]] = {}
    passing_counts: dict[str, int] = {}
    for n, cell in enumerate(cells):
        step(0.5 * n / max(len(cells), 1))
        g = _screen(cell, target, objective, lay)
        grids[cell.id] = g
        evaluated += g.passes.size
        b = g.binding[g.binding >= 0]
        counts = np.bincount(b.ravel(), minlength=len(g.names)) if b.size else []
        rejected_counts[cell.id] = {g.names[k]: int(n) for k, n in enumerate(counts) if n}
        passing_counts[cell.id] = int(g.passes.sum())
        if not g.passes.any():
            continue
        obj = _objective_values(g, target, objective)
        # the best P of each S (for cost/mass/volume the smallest passing P)
        # failing: +inf; passing without a figure (a cell with no price): a huge finite number,
        # so that the smallest passing P still wins
        masked = np.where(g.passes, np.minimum(obj, 1e300), np.inf)
        jbest = np.argmin(masked, axis=1)
        for i in np.nonzero(g.passes.any(axis=1))[0]:
            j = int(jbest[i])
            pool.append((float(masked[i, j]), float(g.figures["mass"][i, j]), cell.id, int(i), j))
    pool.sort(key=lambda t: (t[0], t[1]))

    def screen_figs(g: _Grid, i: int, j: int) -> dict[str, float]:
        return {k: float(v[i, j]) for k, v in g.figures.items()}

    candidates: list[Candidate] = []
    used: dict[str, int] = {}
    skipped: list[tuple] = []
    built = 0
    for entry in pool:
        if len(candidates) >= top or built > top * 4 + 20:
            break
        _, _, cid, i, j = entry
        step(0.5 + 0.2 * len(candidates) / top)
        if used.get(cid, 0) >= per_cell:
            skipped.append(entry)
            continue
        g = grids[cid]
        c = evaluate(g.cell, int(g.S[i]), int(g.P[j]), target, _layout_for(g, i, j),
                     screen_figs(g, i, j), objective)
        built += 1
        if c.passes:
            used[cid] = used.get(cid, 0) + 1
            candidates.append(c)
    for entry in skipped:  # fewer cells than `top`: fill with further designs of the best cells
        if len(candidates) >= top:
            break
        _, _, cid, i, j = entry
        g = grids[cid]
        c = evaluate(g.cell, int(g.S[i]), int(g.P[j]), target, _layout_for(g, i, j),
                     screen_figs(g, i, j), objective)
        if c.passes:
            candidates.append(c)
    if duty_cycle is not None and target.duty_cycle:
        for n, c in enumerate(candidates):
            step(0.5 + 0.2 * n / max(len(candidates), 1))
            k = check_duty_cycle(c.design, target, duty_cycle(c.design))
            c.checks.append(k)
            c.passes = c.passes and k.passed
    candidates.sort(key=lambda c: (not c.passes, c.objective if objective != "energy_margin"
                                   else -c.objective))
    rank = 0
    for c in candidates:
        if c.passes:
            rank += 1
        c.reasons = _reasons(c, objective, rank if c.passes else None)

    rejected_reasons: dict[str, str] = {}
    near: list[Candidate] = []
    for n, (cid, g) in enumerate(grids.items()):
        step(0.7 + 0.2 * n / max(len(grids), 1))
        if g.passes.any():
            rejected_reasons[cid] = ""
            continue
        text, ij = _summarise_rejection(g, target)
        if ij is not None:
            i, j = ij
            c = evaluate(g.cell, int(g.S[i]), int(g.P[j]), target, _layout_for(g, i, j),
                         screen_figs(g, i, j), objective)
            c.reasons = [text] + _reasons(c, objective, None)
            if c.failed:
                text += ". " + _closest_text(c)
            near.append(c)
        rejected_reasons[cid] = text
    near.sort(key=lambda c: (len(c.failed), -min((k.margin for k in c.failed
                                                  if not math.isnan(k.margin)), default=0)))
    if len(candidates) < top:
        candidates += near[: top - len(candidates)]

    front: list[Candidate] = []
    axes = ("mass", "cost")
    if pareto and pool:
        step(0.9)
        front, axes = _pareto(grids, target, objective)
    step(1.0)
    return SizingResult(target=target, objective=objective, candidates=candidates, pareto=front,
                        rejected_reasons=rejected_reasons, rejected_counts=rejected_counts,
                        passing_counts=passing_counts, evaluated=evaluated,
                        elapsed=time.perf_counter() - t0, pareto_axes=axes, _grids=grids)
