"""The vectorised screen: closed-form figures and margins of every S × P of one cell (the same
formulas as `checks.check_design`, and the arrangement search of `core.layout`)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ..cell import Cell
from ..layout.blocks import cell_footprint
from ..layout.screen import screen_extents
from ..pack import Layout
from ..targets import Target
from ..window import OcvModel, peak_current, power_per_parallel, temperature_factors, window_figures
from .model import MAX_CELLS, MAX_GRID, Candidate, _Grid


# --- envelope: the arrangement search of core.layout for every S × P ----------------------
def _envelope(cell: Cell, S, P, target: Target, lay: Layout):
    """(length, width, choice, arrangement) for every S × P (arrays broadcast): the most
    compact arrangement of `layout.screen`, or, when the target limits the length or width,
    the most compact that fits the box, else the one that misses by least.  The design built
    for a pair carries its arrangement (choice 1)."""
    Sb, Pb = np.broadcast_arrays(np.asarray(S, int), np.asarray(P, int))
    box = None
    if target.max_length is not None or target.max_width is not None:
        box = (target.max_length if target.max_length is not None else math.inf,
               target.max_width if target.max_width is not None else math.inf, math.inf)
    fp = cell_footprint(cell, lay.gap, lay.packing)
    height = cell.height + lay.top_clearance + lay.margin
    search = replace(lay, envelope=box)
    length, width, arrangement_of = screen_extents(fp, Sb.ravel(), Pb.ravel(), search, height,
                                                   box)
    arrangement = _Arrangements(arrangement_of, Sb.shape)
    choice = np.ones(Sb.shape, dtype=np.int8)
    return length.reshape(Sb.shape), width.reshape(Sb.shape), choice, arrangement


class _Arrangements:
    """arrangement[i, j] of the screen, decoded on demand."""

    def __init__(self, of, shape):
        self._of, self._shape = of, shape

    def __getitem__(self, idx):
        idx = idx if isinstance(idx, tuple) else (idx,)
        if idx == ():
            return self._of(0)
        return self._of(int(np.ravel_multi_index(tuple(int(i) for i in idx), self._shape)))



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
        from ..ageing import end_of_life_energy_fraction as eol_f

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
    length, width, choice, arrangement = _envelope(cell, Sg, Pg, target, lay)
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
                 arrangement=arrangement)


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
