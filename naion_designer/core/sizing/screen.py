"""The vectorised screen: closed-form figures and margins of every S × P of one cell (the same
formulas as `checks.check_design`, and the layout formulas of `layout.compute_layout`)."""

from __future__ import annotations

import math

import numpy as np

from ..cell import Cell
from ..pack import Layout
from ..targets import Target
from ..window import OcvModel, peak_current, power_per_parallel, temperature_factors, window_figures
from .model import MAX_CELLS, MAX_GRID, Candidate, _Grid


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
    required = {"usable_energy": target.usable_energy,
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
