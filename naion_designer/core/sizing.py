"""Automatic sizing: every cell × series count × parallel count against one target.

The search is vectorised with numpy over S and P for each cell: the figures of every candidate
come in closed form from the same functions `check_design` uses (`targets.window_figures`,
`targets.power_per_parallel`, ...) and from the layout formulas of `layout.compute_layout`
(square packing, one module), so no PackDesign is built in the inner search.  The candidates that
are returned are then built as real PackDesigns and re-checked with `calculate()` +
`check_design()`: the figures a user sees are those of `naion calc`.

Every rejected candidate has a *binding* requirement: the failed one with the worst relative
margin.  A cell with no passing candidate gets a sentence saying which requirement no S × P of it
can meet.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from .cell import Cell
from .pack import Layout, Overhead, PackDesign
from .results import Results
from .targets import (
    CHECK_LABELS,
    Check,
    OcvModel,
    Target,
    check_design,
    peak_current,
    power_per_parallel,
    temperature_factors,
    window_figures,
)
from .units import InputError

OBJECTIVES = {
    "cost": "lowest cell cost",
    "mass": "lowest mass",
    "volume": "smallest envelope volume",
    "energy_margin": "largest usable-energy margin",
}
MAX_CELLS = 200_000
MAX_GRID = 2_000_000  # candidates per cell, a guard against absurd targets
PARETO_MAX = 40


@dataclass
class Candidate:
    cell_id: str
    series: int
    parallel: int
    design: PackDesign
    results: Results
    checks: list[Check]
    passes: bool
    reasons: list[str]
    objective: float  # the objective's value (cost in the cell's currency, kg, m³, or margin)
    screen: dict[str, float] = field(default_factory=dict)  # the vectorised figures
    pareto: bool = False

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]


@dataclass
class SizingResult:
    target: Target
    objective: str
    candidates: list[Candidate]  # best first: passing ones, then near misses
    pareto: list[Candidate]  # passing, non-dominated in (mass, cost), by mass
    rejected_reasons: dict[str, str]  # cell id -> why no S × P of it passes ("" if some do)
    rejected_counts: dict[str, dict[str, int]]  # cell id -> binding requirement -> candidates
    passing_counts: dict[str, int]
    evaluated: int
    elapsed: float
    pareto_axes: tuple[str, str] = ("mass", "cost")
    _grids: dict[str, _Grid] = field(default_factory=dict, repr=False)

    @property
    def passing(self) -> list[Candidate]:
        return [c for c in self.candidates if c.passes]

    def binding(self, cell_id: str, series: int, parallel: int) -> str | None:
        """The requirement that rejects (cell, S, P) in the search, None if it passes, or
        'not searched' when the search did not cover it."""
        g = self._grids.get(cell_id)
        if g is None:
            return "not searched"
        i = np.searchsorted(g.S, series)
        j = parallel - 1
        if i >= g.S.size or g.S[i] != series or j < 0 or j >= g.P.size:
            return "not searched"
        code = int(g.binding[i, j])
        return None if code < 0 else g.names[code]


@dataclass
class _Grid:
    cell: Cell
    S: np.ndarray  # (nS,)
    P: np.ndarray  # (nP,) = 1..nP
    names: list[str]
    margins: np.ndarray  # (nReq, nS, nP)
    binding: np.ndarray  # (nS, nP) index of the binding requirement, -1 = passes
    passes: np.ndarray  # (nS, nP) bool
    figures: dict[str, np.ndarray]  # (nS, nP) arrays in SI (cost in currency)
    layout_choice: np.ndarray  # (nS, nP) 0 auto, 1 fitted gpr, 2 fitted gpr rotated
    gpr: np.ndarray  # (nS, nP) groups per row of the choice (0 = auto)


# --- closed-form envelope (layout.compute_layout, square packing, one module) --------------
def _extents(cell: Cell, S, P, gpr, lay: Layout):
    """Unrotated (x, y) envelope extents, m, for groups_per_row = gpr (arrays broadcast)."""
    m, gap = lay.margin, lay.gap
    S = np.asarray(S, float)
    P = np.asarray(P, float)
    g = np.minimum(np.maximum(gpr, 1), S)
    rows = np.ceil(S / g)
    if cell.form_factor == "cylindrical":
        d = cell.diameter
        pitch = d + gap
        x = (g - 1) * pitch + d + 2 * m
        y = (rows * P - 1) * pitch + d + 2 * m
    else:
        length, w = cell.length, cell.width
        pitch_x = w + gap
        x = (g * P - 1) * pitch_x + w + 2 * m
        y = (rows - 1) * (length + gap) + length + 2 * m
    return x, y


def _auto_gpr(cell: Cell, S, P, lay: Layout):
    S = np.asarray(S, float)
    P = np.asarray(P, float)
    if cell.form_factor == "cylindrical":
        pitch = cell.diameter + lay.gap
        gdx, gdy = pitch, P * pitch
    else:
        gdx, gdy = P * (cell.width + lay.gap), cell.length + lay.gap
    n = np.sqrt(S * gdy / gdx)
    g = np.maximum(1, np.minimum(S, np.round(n)))
    return np.where(S <= 1, 1.0, g)


def _fit_gpr(cell: Cell, S, P, x_max: float, lay: Layout):
    """The largest groups_per_row whose x extent fits x_max (0 if none)."""
    S = np.asarray(S, float)
    P = np.asarray(P, float)
    m, gap = lay.margin, lay.gap
    if cell.form_factor == "cylindrical":
        d = cell.diameter
        g = np.floor((x_max - 2 * m - d) / (d + gap) + 1 + 1e-9)
    else:
        w = cell.width
        g = np.floor(((x_max - 2 * m - w) / (w + gap) + 1) / P + 1e-9)
    return np.clip(g, 0, S)


def _envelope(cell: Cell, S, P, target: Target, lay: Layout):
    """(length, width, choice, gpr): the default layout if it fits the target's L × W, else the
    widest rows that fit the length, else the same turned by 90°."""
    g0 = _auto_gpr(cell, S, P, lay)
    x0, y0 = _extents(cell, S, P, g0, lay)
    Lmax = target.max_length if target.max_length is not None else math.inf
    Wmax = target.max_width if target.max_width is not None else math.inf
    length, width = x0, y0
    choice = np.zeros(np.broadcast(S, P).shape, dtype=np.int8)
    gpr = np.zeros(choice.shape)
    if math.isinf(Lmax) and math.isinf(Wmax):
        return length, width, choice, gpr
    tol = 1e-9
    fits0 = (x0 <= Lmax * (1 + tol)) & (y0 <= Wmax * (1 + tol))
    # variant 1: rows as long as the length allows
    g1 = _fit_gpr(cell, S, P, Lmax, lay) if not math.isinf(Lmax) else np.broadcast_to(
        np.asarray(S, float), choice.shape)
    x1, y1 = _extents(cell, S, P, np.maximum(g1, 1), lay)
    fits1 = (g1 >= 1) & (x1 <= Lmax * (1 + tol)) & (y1 <= Wmax * (1 + tol))
    # variant 2: turned by 90 degrees: the unrotated x must fit the width
    g2 = _fit_gpr(cell, S, P, Wmax, lay) if not math.isinf(Wmax) else np.broadcast_to(
        np.asarray(S, float), choice.shape)
    x2, y2 = _extents(cell, S, P, np.maximum(g2, 1), lay)
    fits2 = (g2 >= 1) & (x2 <= Wmax * (1 + tol)) & (y2 <= Lmax * (1 + tol))
    use1 = ~fits0 & fits1
    use2 = ~fits0 & ~fits1 & fits2
    length = np.where(use1, x1, np.where(use2, y2, x0))
    width = np.where(use1, y1, np.where(use2, x2, y0))
    choice = np.where(use1, 1, np.where(use2, 2, 0)).astype(np.int8)
    gpr = np.where(use1, g1, np.where(use2, g2, 0.0))
    return length, width, choice, gpr


# --- the screen ------------------------------------------------------------------------------
def _series_range(cell: Cell, target: Target) -> np.ndarray:
    nlo, nhi = target.nominal_window
    s_lo = max(1, math.ceil(nlo / cell.nominal_voltage - 1e-9))
    s_hi = math.floor(nhi / cell.nominal_voltage + 1e-9)
    if s_hi < s_lo:  # no S puts the nominal voltage in the window: show the nearest ones
        s_lo, s_hi = max(1, s_hi), s_lo
    # one step outside on each side, so that the reasons show why they are out
    return np.arange(max(1, s_lo - 1), s_hi + 2)


def _screen(cell: Cell, target: Target, objective: str, lay: Layout) -> _Grid:
    ocv = OcvModel(cell)
    S = _series_range(cell, target)
    fig = window_figures(cell, S, target, ocv=ocv)
    e_cell = fig.energy_per_cell  # (nS,)
    f_mass = 1.0 + target.overhead_mass_fraction
    # per-parallel figures (nS,) for the requirements that grow with P
    per_p: dict[str, np.ndarray] = {"usable_energy": S * e_cell}
    if target.continuous_power is not None:
        per_p["continuous_power"] = power_per_parallel(
            cell, S, fig, cell.max_continuous_discharge_current)[0]
    if target.peak_power is not None:
        per_p["peak_power"] = power_per_parallel(cell, S, fig, peak_current(cell, target)[0])[0]
    if target.charge_power is not None:
        per_p["charge_power"] = cell.max_continuous_charge_current * S * cell.nominal_voltage
    cf, rf, _, _ = temperature_factors(cell, target.temperature_min)
    if target.coldest_energy is not None:
        per_p["coldest_energy"] = S * e_cell * cf
    if target.coldest_power is not None:
        per_p["coldest_power"] = power_per_parallel(
            cell, S, fig, cell.max_continuous_discharge_current, resistance_factor=rf)[0]
    if target.energy_at_end_of_life is not None:
        from .ageing import end_of_life_energy_fraction as eol_f

        per_p["energy_at_end_of_life"] = S * e_cell * eol_f(cell, target.cycle_life)
    required = {"usable_energy": target.usable_energy,
                "energy_at_end_of_life": target.energy_at_end_of_life,
                "continuous_power": target.continuous_power, "peak_power": target.peak_power,
                "charge_power": target.charge_power, "coldest_energy": target.coldest_energy,
                "coldest_power": target.coldest_power}
    # how many in parallel the growing requirements need, and what the limits allow
    with np.errstate(divide="ignore", invalid="ignore"):
        need = np.max([np.where(v > 0, required[k] / v, np.inf) for k, v in per_p.items()],
                      axis=0)
    p_cap = np.maximum(1, MAX_CELLS // S)
    finite = need[np.isfinite(need)]
    p_hi = int(min(np.max(p_cap), math.ceil(finite.max() * 1.25) + 2)) if finite.size else 4
    if objective == "energy_margin":
        ub = []
        if target.max_mass is not None:
            ub.append(target.max_mass / (S * cell.mass * f_mass))
        price = cell.price_per_cell()
        budget = target.budget_in(cell.currency) if price else None
        if budget is not None:
            ub.append(budget / (S * price))
        if ub:
            p_ub = np.min(ub, axis=0)
            p_hi = max(p_hi, int(min(np.max(p_cap), np.max(np.floor(p_ub)) + 1)))
        else:
            p_hi = max(p_hi, int(min(np.max(p_cap), p_hi * 2)))
    p_hi = max(1, min(p_hi, MAX_GRID // S.size))
    P = np.arange(1, p_hi + 1)
    Sg, Pg = S[:, None].astype(float), P[None, :].astype(float)
    shape = (S.size, P.size)

    margins: dict[str, np.ndarray] = {}

    def at_least(name, value, req):
        margins[name] = np.broadcast_to((value - req) / req, shape)

    def at_most(name, value, limit):
        margins[name] = np.broadcast_to((limit - value) / limit, shape)

    nlo, nhi = target.nominal_window
    nom = S * cell.nominal_voltage
    margins["nominal_voltage"] = np.broadcast_to(
        (np.minimum(nom - nlo, nhi - nom) / ((nhi + nlo) / 2))[:, None], shape)
    if target.min_usable_fraction > 0:
        at_least("voltage_window", fig.fraction[:, None], target.min_usable_fraction)
    else:
        margins["voltage_window"] = np.broadcast_to(np.where(fig.fraction > 0, 1.0, -1.0)[:, None],
                                                    shape)
    if target.full_range:
        at_least("min_voltage", (S * cell.min_voltage)[:, None], target.voltage_min)
        at_most("max_voltage", (S * cell.max_voltage)[:, None], target.voltage_max)
    figures: dict[str, np.ndarray] = {}
    usable = Pg * (S * e_cell)[:, None]
    figures["usable_energy"] = usable
    for k, v in per_p.items():
        value = Pg * v[:, None]
        figures[k] = value
        at_least(k, value, required[k])
    # temperature ratings (cell-level, the same for every S × P)
    tmin, tmax = target.temperature_min, target.temperature_max
    dlo, dhi = cell.discharge_temperature
    margins["discharge_temperature"] = np.full(shape, min(tmin - dlo, dhi - tmax) / 100.0)
    clo, chi = cell.charge_temperature
    margins["charge_temperature"] = np.full(
        shape, min(target.charge_min_temperature - clo, chi - target.charge_max_temperature)
        / 100.0)
    mass = Sg * Pg * cell.mass * f_mass
    figures["mass"] = mass
    if target.max_mass is not None:
        at_most("mass", mass, target.max_mass)
    length, width, choice, gpr = _envelope(cell, Sg, Pg, target, lay)
    height = cell.height + lay.top_clearance + lay.margin
    volume = length * width * height * (1.0 + target.overhead_volume_fraction)
    figures["length"], figures["width"], figures["volume"] = length, width, volume
    if target.max_length is not None:
        at_most("length", length, target.max_length)
    if target.max_width is not None:
        at_most("width", width, target.max_width)
    if target.max_height is not None:
        margins["height"] = np.full(shape, (target.max_height - height) / target.max_height)
    if target.max_volume is not None:
        at_most("volume", volume, target.max_volume)
    if target.cycle_life is not None and cell.cycle_life is not None:
        margins["cycle_life"] = np.full(shape, (cell.cycle_life - target.cycle_life)
                                        / target.cycle_life)
    price = cell.price_per_cell()
    cost = Sg * Pg * price if price is not None else np.full(shape, np.inf)
    figures["cost"] = cost
    budget = target.budget_in(cell.currency) if price is not None else None
    if budget is not None:
        at_most("budget", cost, budget)
    margins["cell_count"] = np.broadcast_to((MAX_CELLS - Sg * Pg) / MAX_CELLS, shape)

    names = list(margins)
    stack = np.stack([np.asarray(margins[n], float) for n in names])
    failing = stack < -1e-9
    passes = ~failing.any(axis=0)
    worst = np.where(failing, stack, np.inf)
    binding = np.where(passes, -1, np.argmin(worst, axis=0)).astype(np.int16)
    return _Grid(cell=cell, S=S, P=P, names=names, margins=stack, binding=binding,
                 passes=passes, figures=figures, layout_choice=choice,
                 gpr=np.asarray(gpr, float))


def _objective_values(g: _Grid, target: Target, objective: str) -> np.ndarray:
    """Lower is better."""
    if objective == "cost":
        return g.figures["cost"]
    if objective == "mass":
        return g.figures["mass"]
    if objective == "volume":
        return g.figures["volume"]
    return -(g.figures["usable_energy"] - target.usable_energy) / target.usable_energy


def _objective_of(c: Candidate, target: Target, objective: str) -> float:
    r = c.results
    if objective == "cost":
        return r.value("cell_cost") if "cell_cost" in r else math.inf
    if objective == "mass":
        return r.value("mass")
    if objective == "volume":
        return r.value("volume")
    usable = next(k.value for k in c.checks if k.name == "usable_energy") * 3.6e6
    return (usable - target.usable_energy) / target.usable_energy


# --- building real designs --------------------------------------------------------------------
def build_design(cell: Cell, series: int, parallel: int, target: Target,
                 layout: Layout | None = None) -> PackDesign:
    """The PackDesign the search means by (cell, S, P) for this target."""
    overheads = ()
    if target.overhead_mass_fraction or target.overhead_volume_fraction:
        overheads = (Overhead("housing, BMS and busbars (target allowance)",
                              mass_fraction=target.overhead_mass_fraction,
                              volume_fraction=target.overhead_volume_fraction),)
    design = PackDesign(cell=cell, series=int(series), parallel=int(parallel),
                        name=f"{target.name}: {series}S{parallel}P {cell.model}",
                        cell_ref=cell.id if cell.origin == "library" else "",
                        overheads=overheads, layout=layout or Layout(),
                        target=target.id if target.origin in ("preset", "user", "") else
                        target.origin)
    design.validate()
    return design


def _layout_for(g: _Grid, i: int, j: int) -> Layout:
    choice = int(g.layout_choice[i, j])
    if choice == 0:
        return Layout()
    return Layout(groups_per_row=int(g.gpr[i, j]), rotation=90 if choice == 2 else 0)


def _layout_variants(design: PackDesign) -> list[Layout]:
    """Other layouts to try when the screened one does not fit the envelope."""
    S, P = design.series, design.parallel
    out = []
    for rot in (0, 90):
        for gpr in (0, 1, S, max(1, S // 2), max(1, round(math.sqrt(S / max(P, 1))))):
            lay = Layout(groups_per_row=gpr, rotation=rot)
            if lay != design.layout and lay not in out:
                out.append(lay)
    return out


def evaluate(cell: Cell, series: int, parallel: int, target: Target,
             layout: Layout | None = None, screen: dict[str, float] | None = None,
             objective: str = "cost") -> Candidate:
    """Build the design, run calculate() and check_design(); try other layouts if the envelope
    is what fails."""
    from .electrical import calculate

    design = build_design(cell, series, parallel, target, layout)
    results = calculate(design)
    checks = check_design(design, target, results)
    env = {"length", "width", "volume"}
    if any(not c.passed and c.name in env for c in checks):
        for lay in _layout_variants(design):
            d2 = design.evolve(layout=lay)
            r2 = calculate(d2)
            c2 = check_design(d2, target, r2)
            if sum(not c.passed for c in c2) < sum(not c.passed for c in checks):
                design, results, checks = d2, r2, c2
                if not any(not c.passed and c.name in env for c in checks):
                    break
    passes = all(c.passed for c in checks)
    cand = Candidate(cell_id=cell.id, series=series, parallel=parallel, design=design,
                     results=results, checks=checks, passes=passes, reasons=[],
                     objective=math.nan, screen=dict(screen or {}))
    cand.objective = _objective_of(cand, target, objective)
    return cand


# checks whose margin is not a fraction of a requirement (temperatures in 100 K, pass/fail runs)
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
        text = (f"{CHECK_LABELS.get(name, name)} binds: no {g.cell.id} design meets it together "
                f"with the rest ({cnt} S × P combinations fail on it alone)")
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


class SizingCancelled(Exception):
    """Raised by size() when its cancel() callback returns True."""


def size(target: Target, cells, top: int = 10, objective: str = "cost", per_cell: int = 1,
         pareto: bool = True, progress=None, cancel=None,
         duty_cycle: bool = False) -> SizingResult:
    """Search every cell × S × P; return the best `top` designs for `objective` (re-checked),
    the Pareto front of mass vs cost, and why each rejected cell fails.

    `progress(fraction)` is called now and then; `cancel() -> bool` is polled and True raises
    SizingCancelled.  With `duty_cycle=True` and a target duty cycle, the passing candidates are
    also simulated through it (slow: a fraction of a second each) and fail if it cuts off."""
    t0 = time.perf_counter()

    def step(fraction: float) -> None:
        if cancel is not None and cancel():
            raise SizingCancelled("sizing cancelled")
        if progress is not None:
            progress(min(1.0, fraction))

    if objective not in OBJECTIVES:
        raise InputError("--objective", f"expected one of {', '.join(OBJECTIVES)}, got "
                                        f"'{objective}'")
    if top < 1:
        raise InputError("--top", f"expected a whole number ≥ 1, got {top}")
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
    if duty_cycle and target.duty_cycle:
        from .targets import check_duty_cycle

        for n, c in enumerate(candidates):
            step(0.5 + 0.2 * n / max(len(candidates), 1))
            k = check_duty_cycle(c.design, target)
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
                text += f"; closest: {c.series}S{c.parallel}P, " + "; ".join(
                    k.reason for k in c.failed[:2])
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


def pareto_indices(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Indices of the points not dominated in (x, y), both minimised, sorted by x."""
    order = np.lexsort((y, x))
    keep = []
    best = math.inf
    for k in order:
        if y[k] < best - 1e-12:
            keep.append(k)
            best = y[k]
    return np.asarray(keep, dtype=int)


def _pareto(grids: dict[str, _Grid], target: Target, objective: str):
    xs, ys, refs = [], [], []
    have_cost = any(np.isfinite(g.figures["cost"]).any() for g in grids.values()
                    if g.passes.any())
    second = "cost" if have_cost else "volume"
    for cid, g in grids.items():
        if not g.passes.any():
            continue
        for i in np.nonzero(g.passes.any(axis=1))[0]:
            js = np.nonzero(g.passes[i])[0]
            m = g.figures["mass"][i, js]
            y = g.figures[second][i, js]
            ok = np.isfinite(y)
            if not ok.any():
                continue
            js, m, y = js[ok], m[ok], y[ok]
            k = int(np.lexsort((y, m))[0])
            xs.append(m[k])
            ys.append(y[k])
            refs.append((cid, int(i), int(js[k])))
    if not xs:
        return [], ("mass", second)
    idx = pareto_indices(np.asarray(xs), np.asarray(ys))
    if idx.size > PARETO_MAX:
        idx = idx[np.unique(np.linspace(0, idx.size - 1, PARETO_MAX).round().astype(int))]
    front = []
    for k in idx:
        cid, i, j = refs[k]
        g = grids[cid]
        c = evaluate(g.cell, int(g.S[i]), int(g.P[j]), target, _layout_for(g, i, j),
                     {kk: float(v[i, j]) for kk, v in g.figures.items()}, objective)
        c.pareto = True
        c.reasons = _reasons(c, objective, None)
        if c.passes:
            front.append(c)
    return front, ("mass", second)


__all__ = ["size", "Candidate", "SizingResult", "SizingCancelled", "OBJECTIVES", "evaluate", "build_design",
           "pareto_indices"]
