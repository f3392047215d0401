"""Lifetime of a pack: years of a duty cycle, every cell ageing by what it goes through.

The duty cycle (a day, a shift, a trip; then a recharge) runs through the coupled pack
simulation (`life_sim.run_cycles`: the packs of a Monte Carlo all in one batched simulation).  Every cell's current, SOC and temperature in that cycle give
its ageing rates (`ageing.cycle_stress`): a hot cell in the middle of a module ages faster than
one at the edge, a cell of smaller capacity cycles deeper.  The cycle then stands for a block of
time: the laws are integrated exactly over the block with those rates, the cells' capacities and
resistances are updated, and the next block's cycle is simulated with the aged cells.  A block
ends when the worst cell would have lost `block_fade` more capacity (or at the end of the run),
so that a 15-year lifetime takes a handful of simulated cycles, not 5,000.

The duty demand is the fresh pack's: a profile given in C-rates or W/Wh is resolved once against
the new pack, so that an aged pack is asked for the same amperes or watts (and may no longer
complete the cycle; that is reported).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from .ageing import (
    YEAR,
    AgeingModel,
    AgeingState,
    ageing_model,
    cycle_stress,
    eol_capacity_fraction,
)
from .electrical import dc_solution, usable_fraction_ocv
from .life_sim import run_cycles
from .pack import PackDesign
from .profiles import Profile
from .simulate import SimulationCancelled
from .units import InputError

DEFAULT_BLOCK_FADE = 0.05


@dataclass(frozen=True)
class LifeSettings:
    years: float = 10.0
    ambient: float | None = None  # K; None: the design's
    climate: tuple[float, ...] = ()  # K, ambients of equal seasons (e.g. 12 months); () = none
    period: float = 86400.0  # s: the duty cycle repeats every period (at least its duration)
    charge_rate: float = 0.5  # C (of the fresh pack) of the recharge after each cycle
    soc0: float | None = None  # where each cycle starts; None: full, or see targets.start_soc
    block_fade: float = DEFAULT_BLOCK_FADE
    eol_capacity: float | None = None  # fraction; None: the cell's end-of-life criterion
    eol_resistance: float | None = None  # factor; None: the cell's (none: not checked)

    def validate(self) -> None:
        if not (math.isfinite(self.years) and 0 < self.years <= 50):
            raise InputError("--years", f"expected 0 to 50 years, got {self.years!r}")
        if not self.period > 0:
            raise InputError("--period", "must be positive")
        if not 0 < self.charge_rate <= 10:
            raise InputError("--charge-rate", f"expected 0 to 10 C, got {self.charge_rate!r}")
        if not 0.001 <= self.block_fade <= 0.2:
            raise InputError("block_fade", "expected 0.001 to 0.2")
        if self.eol_capacity is not None and not 0.05 <= self.eol_capacity < 1:
            raise InputError("--eol-capacity", "expected a fraction from 0.05 to 1")
        for t in self.climate:
            if not 150 < t < 400:
                raise InputError("--climate", f"{t - 273.15:g} °C is not a plausible ambient")


@dataclass(frozen=True)
class LifeYear:
    """The pack at one point of its life (SI)."""

    year: float
    capacity: float  # C, the weakest parallel group
    capacity_soh: float  # capacity / the rated (fresh, nominal) capacity
    usable_energy: float  # J inside the design's SOC window
    resistance: float  # ohm, pack DC (R0 network)
    power: float  # W, continuous at 50 % SOC within the current and voltage limits
    worst_cell_soh: float  # lowest cell capacity / the cell's rated capacity
    worst_cell: tuple[int, int]
    duty_energy: float  # J the pack delivered in the cycle that stands for this time
    duty_completed: bool
    equivalent_full_cycles: float  # cumulative, mean cell
    duty_cutoff: str = ""  # what stopped the duty cycle early ("" when it completed)


@dataclass
class LifeResult:
    rows: list[LifeYear]
    eol_year: float | None  # when the pack reached its end-of-life criterion (None: not within)
    eol_reason: str
    limiting_cells: list[tuple[int, int]]  # worst first, at end of life (or at the end)
    cell_soh: np.ndarray  # (S, P) at end of life (or at the end)
    cell_mean_temperature: np.ndarray  # (S, P) K, in the first cycle
    simulations: int
    model: AgeingModel
    eol_capacity: float
    eol_resistance: float | None
    settings: LifeSettings
    blocks: list[tuple[float, float]] = field(default_factory=list)  # (start, end) years

    def at(self, year: float) -> LifeYear:
        """The row at (or interpolated to) `year`."""
        ys = [r.year for r in self.rows]
        if year <= ys[0]:
            return self.rows[0]
        if year >= ys[-1]:
            return self.rows[-1]
        k = int(np.searchsorted(ys, year))
        a, b = self.rows[k - 1], self.rows[k]
        w = (year - a.year) / (b.year - a.year)
        vals = {n: getattr(a, n) + w * (getattr(b, n) - getattr(a, n))
                for n in ("capacity", "capacity_soh", "usable_energy", "resistance", "power",
                          "worst_cell_soh", "duty_energy", "equivalent_full_cycles")}
        return LifeYear(year=year, worst_cell=b.worst_cell, duty_completed=b.duty_completed,
                        duty_cutoff=b.duty_cutoff, **vals)


@dataclass(frozen=True)
class PackDraw:
    """One pack's cells: initial capacity and resistance (S × P, SI) and ageing multipliers."""

    capacity: np.ndarray
    resistance: np.ndarray
    multiplier: np.ndarray


def nominal_draw(design: PackDesign) -> PackDraw:
    shape = (design.series, design.parallel)
    return PackDraw(design.cell_array("capacity"), design.cell_array("resistance"),
                    np.ones(shape))


def run_life(design: PackDesign, profile: Profile, settings: LifeSettings,
             draw: PackDraw | None = None,
             progress: Callable[[float], None] | None = None,
             cancel: Callable[[], bool] | None = None) -> LifeResult:
    """The lifetime of one pack (the nominal one, or a `draw` from the cells' spread)."""
    return run_lives(design, profile, settings, [draw], progress, cancel)[0]


def run_lives(design: PackDesign, profile: Profile, settings: LifeSettings,
              draws: list[PackDraw | None],
              progress: Callable[[float], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> list[LifeResult]:
    """The lifetimes of several packs (None: the nominal pack) at once: each round simulates
    the next representative cycle of every pack still running in one batched simulation.  Each
    pack's lifetime is the one `run_life` gives it alone (its blocks are its own)."""
    settings.validate()
    if design.cell.ocv is None:
        raise InputError("cell", f"cell '{design.cell.id}' has no [ocv] table, so it has no "
                                 "time-domain model for a lifetime run")
    duty = _Duty(design, profile, settings)
    packs = [_PackLife(design, duty, d or nominal_draw(design)) for d in draws]
    while True:
        running = [p for p in packs if not p.done]
        if not running:
            break
        if cancel is not None and cancel():
            raise SimulationCancelled("lifetime run cancelled")
        runs = run_cycles(design, duty.profile, np.array([p.cell_capacity() for p in running]),
                          np.array([p.cell_resistance() for p in running]), duty.ambient,
                          duty.soc0, duty.charge_a, cancel=cancel)
        for p, run in zip(running, runs, strict=True):
            p.absorb(run)
        if progress is not None:
            progress(float(np.mean([p.fraction for p in packs])))
    return [p.result() for p in packs]


class _Duty:
    """What every pack of a lifetime run shares: the duty, its period, the recharge, the limits."""

    def __init__(self, design: PackDesign, profile: Profile, settings: LifeSettings):
        cell = design.cell
        self.settings = settings
        self.model = ageing_model(cell)
        self.ambient = _ambient(design, settings)
        self.shifts = np.asarray(settings.climate, float) - self.ambient \
            if settings.climate else None
        self.profile = duty = profile.resolve(design)
        if math.isfinite(duty.duration) and duty.duration > settings.period:
            self.period = duty.duration
        else:
            self.period = settings.period
        self.soc0 = settings.soc0 if settings.soc0 is not None else _start_soc(profile, design)
        self.cap_rated = design.cell_array("capacity")
        self.rated_pack = float(self.cap_rated.sum(axis=1).min())
        self.charge_a = min(settings.charge_rate * self.rated_pack / 3600.0,
                            float(design.cell_array("max_continuous_charge_current")
                                  .sum(axis=1).min()) or math.inf)
        self.eol_cap = settings.eol_capacity or eol_capacity_fraction(cell)
        self.eol_res = settings.eol_resistance or cell.eol_resistance_factor


class _PackLife:
    """One pack through its lifetime, a block at a time: `cell_capacity`/`cell_resistance` for
    the next cycle, `absorb` its simulated cycle."""

    def __init__(self, design: PackDesign, duty: _Duty, draw: PackDraw):
        self.design, self.duty, self.draw = design, duty, draw
        self.r_fresh = _pack_resistance(design, draw.resistance)
        self.state = AgeingState.fresh(duty.cap_rated.shape, draw.multiplier)
        self.t = 0.0
        self.rows: list[LifeYear] = []
        self.blocks: list[tuple[float, float]] = []
        self.sims = 0
        self.eol_year: float | None = None
        self.eol_reason = ""
        self.eol_state: AgeingState | None = None
        self.first_mean_t = None
        self.efc_rate_hist: list[tuple[float, float, float]] = []  # (start, end, efc per year)
        self.next_row = 0.0
        self.previous = None
        self.run = None
        self.done = False

    @property
    def fraction(self) -> float:
        return min(self.t / self.duty.settings.years, 1.0)

    def cell_capacity(self) -> np.ndarray:
        return self.draw.capacity * self.state.capacity_factor()

    def cell_resistance(self) -> np.ndarray:
        return self.draw.resistance * self.state.resistance_factor(self.duty.model)

    def absorb(self, run) -> None:
        d, design, draw, model = self.duty, self.design, self.draw, self.duty.model
        settings, t, state = d.settings, self.t, self.state
        cap = self.cell_capacity()
        self.run = run
        self.sims += 1
        stress = cycle_stress(model, run.time, run.current, run.soc, run.temperature, cap,
                              d.period, rest_temperature=d.ambient, temperature_shifts=d.shifts)
        if self.first_mean_t is None:
            self.first_mean_t = stress.mean_temperature
        span = _block_length(state, stress, settings.block_fade, settings.years - t, d.period)
        if self.previous is not None:  # second order: the rates at the block's middle
            stress, self.previous = _midpoint(self.previous, (t, stress), span), (t, stress)
        else:
            self.previous = (t, stress)
        self.efc_rate_hist.append((t, t + span, float(stress.throughput_efc_per_year.mean())))

        def state_at(tau: float, st=state, sr=stress) -> AgeingState:
            return st.advanced(sr, tau)

        if self.eol_year is None:
            hit = _eol_in_block(design, draw, model, state_at, span, d.rated_pack, d.eol_cap,
                                d.eol_res, self.r_fresh)
            if hit is not None:
                self.eol_year, self.eol_reason = t + hit[0], hit[1]
                self.eol_state = state_at(hit[0])
        while self.next_row <= t + span + 1e-9:
            st_y = state_at(self.next_row - t)
            self.rows.append(_row(design, draw, model, st_y, self.next_row, d.rated_pack, run,
                                  _efc(self.efc_rate_hist, self.next_row)))
            self.next_row += 1.0
        self.blocks.append((t, t + span))
        self.state = state_at(span)
        self.t = t + span
        if self.t >= settings.years - 1e-9 or float(np.min(self.state.capacity_factor())) <= 0.3:
            self.done = True  # (a cell that has lost 70 %: nothing meaningful is left)

    def result(self) -> LifeResult:
        d, design, draw = self.duty, self.design, self.draw
        if self.rows[-1].year < self.t - 1e-9:
            self.rows.append(_row(design, draw, d.model, self.state, self.t, d.rated_pack,
                                  self.run, _efc(self.efc_rate_hist, self.t)))
        final = self.eol_state if self.eol_state is not None else self.state
        soh = draw.capacity * final.capacity_factor() / d.cap_rated
        return LifeResult(self.rows, self.eol_year, self.eol_reason,
                          _limiting_cells(draw, final), soh, self.first_mean_t, self.sims,
                          d.model, d.eol_cap, d.eol_res, d.settings, self.blocks)


def _ambient(design: PackDesign, settings: LifeSettings) -> float:
    if settings.climate:
        return float(np.mean(settings.climate))
    return settings.ambient if settings.ambient is not None else \
        design.thermal.ambient_temperature


def _start_soc(profile: Profile, design: PackDesign) -> float:
    from .checks import start_soc

    return start_soc(profile, design)


def _pack_resistance(design: PackDesign, r0: np.ndarray) -> float:
    """The pack's DC resistance with the cells at R0 `r0`, each scaled by its impedance factor
    (as `calc` and the simulation do)."""
    z = design.cell_array("impedance_factor")
    return float(dc_solution(design, np.asarray(r0, float) * z)[0])


def _block_length(state: AgeingState, stress, block_fade: float, remaining: float,
                  period: float) -> float:
    """The longest time (≤ remaining) in which no cell loses more than `block_fade`."""
    m = state.multiplier
    z0, zr = state.calendar_z, m * m * stress.calendar_z_per_year
    cr = m * stress.cycle_fade_per_year

    def fade(tau: float) -> float:
        return float(np.max(np.sqrt(z0 + zr * tau) - np.sqrt(z0) + cr * tau))

    if fade(remaining) <= block_fade:
        return remaining
    lo, hi = 0.0, remaining
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        if fade(mid) > block_fade:
            hi = mid
        else:
            lo = mid
    return min(remaining, max(lo, 30 * period / YEAR, 1e-3))


def _midpoint(previous, current, span: float):
    """The block's rates at its middle, extrapolated linearly from the last two cycles (the
    stress grows as the cells age: deeper cycles of a smaller capacity, more heat)."""
    (t0, s0), (t1, s1) = previous, current
    w = 0.5 * span / (t1 - t0) if t1 > t0 else 0.0

    def ext(a, b):
        return np.maximum(b + w * (b - a), 0.0)

    return replace(s1, calendar_z_per_year=ext(s0.calendar_z_per_year, s1.calendar_z_per_year),
                   cycle_fade_per_year=ext(s0.cycle_fade_per_year, s1.cycle_fade_per_year))


def _group_capacity(draw: PackDraw, st: AgeingState) -> float:
    return float((draw.capacity * st.capacity_factor()).sum(axis=1).min())


def _eol_in_block(design, draw, model, state_at, span, rated_pack, eol_cap, eol_res, r_fresh):
    """(τ, reason) of the first end-of-life crossing inside the block, or None."""

    def margin(tau: float) -> tuple[float, str]:
        st = state_at(tau)
        mc = _group_capacity(draw, st) / rated_pack - eol_cap
        if eol_res:
            r = _pack_resistance(design, draw.resistance * st.resistance_factor(model))
            mr = eol_res - r / r_fresh
            if mr < mc:
                return mr, "resistance"
        return mc, "capacity"

    end, _ = margin(span)
    if end > 0:
        return None
    lo, hi = 0.0, span
    if margin(0.0)[0] <= 0:
        return 0.0, margin(0.0)[1]
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        if margin(mid)[0] > 0:
            lo = mid
        else:
            hi = mid
    return hi, margin(hi)[1]


def _efc(hist: list[tuple[float, float, float]], year: float) -> float:
    total = 0.0
    for a, b, rate in hist:
        if year <= a:
            break
        total += rate * (min(year, b) - a)
    return total


def _row(design: PackDesign, draw: PackDraw, model: AgeingModel, st: AgeingState, year: float,
         rated_pack: float, run, efc: float) -> LifeYear:
    cell = design.cell
    S = design.series
    cap = draw.capacity * st.capacity_factor()
    res = draw.resistance * st.resistance_factor(model)
    group = float(cap.sum(axis=1).min())
    usable = S * group * usable_fraction_ocv(design)
    r_pack = _pack_resistance(design, res)
    v_oc = S * float(cell.ocv(0.5))
    v_min = S * cell.min_voltage
    i_max = float(design.cell_array("max_continuous_discharge_current").sum(axis=1).min())
    i = min(i_max, max(v_oc - v_min, 0.0) / r_pack) if r_pack > 0 else i_max
    soh = cap / design.cell_array("capacity")
    k = int(np.argmin(soh))
    return LifeYear(year=year, capacity=group, capacity_soh=group / rated_pack,
                    usable_energy=usable, resistance=r_pack, power=i * (v_oc - i * r_pack),
                    worst_cell_soh=float(soh.ravel()[k]), worst_cell=divmod(k, design.parallel),
                    duty_energy=run.duty_energy, duty_completed=run.completed,
                    equivalent_full_cycles=efc, duty_cutoff=run.cutoff)


def _limiting_cells(draw: PackDraw, st: AgeingState, n: int = 3) -> list[tuple[int, int]]:
    """The weakest parallel group's cells, worst first (the group limits the pack's capacity),
    then the `n` worst cells elsewhere (they limit its voltage first)."""
    cap = draw.capacity * st.capacity_factor()
    P = cap.shape[1]
    g = int(np.argmin(cap.sum(axis=1)))
    order = [(g, int(p)) for p in np.argsort(cap[g], kind="stable")]
    others = [divmod(int(k), P) for k in np.argsort(cap.ravel(), kind="stable")]
    order += [c for c in others if c[0] != g][:n]
    return order
