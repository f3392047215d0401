"""Why a candidate passes or fails, in words: the tightest or binding requirement, and for a cell
with no passing design the requirement that binds and the nearest design."""

from __future__ import annotations

import math

import numpy as np

from ..results import pretty_unit
from ..targets import CHECK_LABELS, Check, Target
from ..units import format_number
from .model import OBJECTIVES, Candidate, _Grid

_NOT_TIGHT = {"discharge_temperature", "charge_temperature", "duty_cycle", "nominal_voltage"}


def _reasons(c: Candidate, objective: str, rank: int | None) -> list[str]:
    out = []
    if c.passes:
        if rank is not None:
            out.append(f"rank {rank} by {OBJECTIVES[objective]}: {_objective_text(c, objective)}")
        verified = [k for k in c.checks if k.verified and not math.isnan(k.margin)
                    and k.name not in _NOT_TIGHT]
        if verified:
            tight = min(verified, key=lambda k: k.margin)
            out.append(f"tightest requirement: {tight.label.lower()}: {tight.reason}")
        out += [k.reason for k in c.checks if not k.verified]
    else:
        failed = sorted(c.failed, key=lambda k: (k.margin if not math.isnan(k.margin) else 0))
        out += [f"{k.label.lower()}: {k.reason}" for k in failed]
    return out


def _shortfall(k: Check) -> str:
    """'cycle life 2000 < 3000 cycles': a failed check in a few words."""
    if math.isnan(k.value) or math.isnan(k.required):
        return k.label.lower()
    unit = pretty_unit(k.unit) if k.unit else ("cycles" if k.name == "cycle_life" else "")
    rel = ">" if k.value > k.required else "<"
    return (f"{k.label.lower()} {format_number(k.value)} {rel} {format_number(k.required)}"
            f" {unit}").rstrip()


def _closest_text(c: Candidate) -> str:
    """The nearest design of a cell that passes nothing, with every requirement it fails."""
    failed = sorted(c.failed, key=lambda k: k.margin if not math.isnan(k.margin) else 0.0)
    n = len(failed)
    what = "fails only" if n == 1 else f"fails {n} requirements:"
    return (f"Nearest design: {c.series}S{c.parallel}P, which {what} "
            + "; ".join(_shortfall(k) for k in failed))


def _objective_text(c: Candidate, objective: str) -> str:
    r = c.results
    if objective == "cost":
        if "cell_cost" not in r:
            return "no cell price"
        return f"{r.value('cell_cost'):,.0f} {r['cell_cost'].unit}"
    if objective == "mass":
        return f"{r.value('mass'):.4g} kg"
    if objective == "volume":
        return f"{r.value('volume') * 1e3:.4g} L"
    return f"{c.objective * 100:+.1f} % usable energy"


def _summarise_rejection(g: _Grid, target: Target) -> tuple[str, tuple[int, int] | None]:
    """Why no (S, P) of this cell passes, and the closest candidate (grid indices)."""
    failing = g.margins < -1e-9
    n_fail = failing.sum(axis=0)
    always = [name for k, name in enumerate(g.names) if failing[k].all()]
    only = n_fail == 1
    best_sole: tuple[int, str] | None = None
    for k, name in enumerate(g.names):
        cnt = int((only & failing[k]).sum())
        if cnt and (best_sole is None or cnt > best_sole[0]):
            best_sole = (cnt, name)
    # the closest: fewest failed requirements, then the smallest shortfall
    worst = np.where(failing, g.margins, 0.0).min(axis=0)
    key = n_fail * 1e3 - worst
    i, j = np.unravel_index(int(np.argmin(key)), key.shape)
    if always:
        labels = [CHECK_LABELS.get(n, n) for n in always]
        text = (f"{', '.join(labels)} {'binds' if len(labels) == 1 else 'bind'}: "
                f"no S × P of {g.cell.id} meets {'it' if len(labels) == 1 else 'them'}")
    elif best_sole is not None:
        cnt, name = best_sole
        text = (f"{CHECK_LABELS.get(name, name)} binds: the {cnt} S × P combinations of "
                f"{g.cell.id} that meet every other requirement fail it, and those that meet it "
                "fall short elsewhere")
    else:
        counts = np.bincount(g.binding[g.binding >= 0].ravel(), minlength=len(g.names))
        top = [g.names[k] for k in np.argsort(counts)[::-1][:2] if counts[k]]
        labels = [CHECK_LABELS.get(n, n).lower() for n in top]
        if len(labels) == 2:
            text = (f"{labels[0]} and {labels[1]} bind: no {g.cell.id} design meets both "
                    "together with the rest")
        else:
            text = f"{labels[0]} binds: no {g.cell.id} design meets it"
        text = text[0].upper() + text[1:]
    return text, (int(i), int(j))
