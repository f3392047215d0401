"""Step control: the segments of a profile, internal step sizes, output rows and cut-offs.

Internal steps start at 1/16 of the shortest RC time constant after every change of the demand
and double up to half of it (≤ 10 s); they grow further (up to the output interval, at most
60 s) only while no cell's current changes by more than 0.02 % per step, where the exact
integration needs no small steps, and while the cells' warming would move no cell's R0·I by
1 mV within a step (a step holds the temperature factors of its start, within 0.02 K).  Steps end on output rows, with one exception: under a
constant current, once the currents have settled in that sense, steps may span several rows
(up to the largest multiple of the output interval within 10 s) and the rows inside a step are
the step's own solution at those instants (`interior`).  Such a step does not cross a corner of
a cell's OCV or R0(SOC) table (where its current turns): around one, steps end on every row.
A cut-off is located inside its step by Brent's method on the exact step solution, and the last
row is at the cut-off.  In a CC-CV segment a full cell ends the charge (as a charger would), not
the run.
"""

from __future__ import annotations

import math
import time as _time
from collections.abc import Callable

import numpy as np

from ..pack import PackDesign
from ..profiles import Profile, Segment
from ..units import InputError
from .interior import interior_rows
from .limits import Limits, Margin
from .model import MAX_STEP, TOL_V, PackModel
from .params import Spread
from .record import Recorder, RowBlock, SimulationResult
from .state import Demand, PackState, amax, amin

EPS = 1e-9
SETTLED = 2e-4  # long steps while no cell's current changes by more than this, relative
STEADY_V = 1e-3  # V, and the cells' warming moves no cell's R0·I by more than this in one


class SimulationCancelled(Exception):
    """Raised by `simulate` when `cancel()` returned True."""


class _Cutoff(Exception):
    def __init__(self, kind: str, cell: int, t: float, state: PackState, demand: Demand):
        super().__init__(kind)
        self.kind, self.cell, self.t, self.state, self.demand = kind, cell, t, state, demand


def demand_for(seg: Segment, model: PackModel) -> Demand:
    """The demand of a resolved segment (A or W)."""
    vmax = model.cell.max_voltage
    if seg.mode == "cccv":
        if seg.limit == "pack":
            vset = seg.voltage if seg.voltage is not None else model.S * (vmax - 5 * TOL_V)
        else:
            vset = seg.voltage if seg.voltage is not None else vmax
            vset = min(vset, vmax - 5 * TOL_V)
        return Demand("cccv", -abs(seg.value), vset, seg.limit, abs(seg.cutoff or 0.0))
    return Demand(seg.mode, seg.value)


def _spread(design: PackDesign, spread) -> Spread | None:
    if spread is True:
        return Spread(design.cell.capacity_cv or 0.0, design.cell.resistance_cv or 0.0, 0.0)
    if isinstance(spread, dict):
        return Spread(**spread)
    if spread is False:
        return None
    return spread


class _Run:
    """One simulation run: the model, the limits, the recorder and the clock."""

    def __init__(self, model: PackModel, dt: float, recorder: Recorder,
                 progress: Callable[[float], None] | None, cancel: Callable[[], bool] | None,
                 total: float, interior: bool = True):
        self.m = model
        self.limits = Limits(model.cell, model.P)
        self.dt = dt
        self.rec = recorder
        self.progress, self.cancel = progress, cancel
        self.total = total
        self.weights = model.Q / model.Q.sum()
        self.h_max = dt / math.ceil(dt / model.h_cap - 1e-9)
        self.h_long = min(dt, 60.0)
        self.i_small = 1e-3 * float(model.Q.mean()) / 3600.0  # 1 mC/s of a cell: "no current"
        # after a change of the demand: 1/16 of the shortest RC time constant
        self.h_start = min(self.h_max, model.h_cap / 8.0)
        self.h_ramp = self.h_start
        # the step grid of settled constant-current stretches: n output intervals, the
        # longest within MAX_STEP (n = 1: a step ends on every row)
        self.grid = dt * max(1, math.floor(MAX_STEP / dt + 1e-9)) if interior else dt
        self.seg_grid = dt
        # the SOCs at which a cell's OCV (at its surface SOC) or R0 table (at its SOC) turns a
        # corner: a current that turns with it is not linear over the step, so a step that
        # spans rows does not cross one
        p = model.params
        r0_soc = [x for x in (p.r0_soc_x, None if p.rate is None else p.rate.soc)
                  if x is not None]
        self.ocv_kinks = p.ocv_soc
        self.r0_kinks = np.unique(np.concatenate(r0_soc)) if r0_soc else None
        if self.r0_kinks is not None and not model.tau_d:  # the surface SOC is the SOC
            self.ocv_kinks, self.r0_kinks = np.union1d(self.ocv_kinks, self.r0_kinks), None
        self.prev_ft: np.ndarray | None = None
        self.rc_sum = model.Rrc.sum(axis=0) if model.nrc else 0.0
        self.prev_current = model.state0.current
        self.steps = 0
        self.k_out = 1
        self.t = 0.0
        self.last_poll = _time.perf_counter()

    # --- output ------------------------------------------------------------------------------
    def record(self, t: float, st: PackState) -> None:
        ex = self.limits.extremes(st)
        w = self.weights
        soc = float(w @ st.soc)
        avail = self.m.deliverable(st)
        self.rec.append(t, float(st.pack_current[0]), float(st.pack_voltage[0]), soc,
                        soc if avail is st.soc else float(w @ avail), ex, st.T, st.current,
                        st.voltage, st.soc)

    def poll(self, frac: float) -> None:
        if self.cancel is not None and self.cancel():
            raise SimulationCancelled("simulation cancelled")
        now = _time.perf_counter()
        if self.progress is not None and now - self.last_poll >= 0.05:
            self.last_poll = now
            self.progress(min(max(frac, 0.0), 0.999))

    # --- limits ------------------------------------------------------------------------------
    def violated(self, st: PackState, dem: Demand) -> dict[str, Margin]:
        avail, fill = self.m.deliverable(st), self.m.fill(st)
        if self.limits.ok(st, dem, avail, fill):
            return {}
        return {k: v for k, v in self.limits.margins(st, dem, avail, fill).items()
                if v.value < -1e-9}

    def locate(self, st0: PackState, h: float, dem: Demand, kinds) -> tuple[float, PackState]:
        """The first instant in the step at which one of `kinds` is reached, and the state."""
        from scipy.optimize import brentq

        m, lim = self.m, self.limits

        def margin(theta: float) -> float:
            s1 = m.advance(st0, theta, dem)
            ms = lim.margins(s1, dem, m.deliverable(s1), m.fill(s1))
            return min(ms[kd].value for kd in kinds if kd in ms)

        theta = 0.0
        if margin(0.0) > 0:
            theta = brentq(margin, 0.0, h, xtol=1e-7 * max(1.0, h), rtol=1e-12, maxiter=100)
        return theta, m.advance(st0, theta, dem)

    # --- segments ----------------------------------------------------------------------------
    def segment_duration(self, seg: Segment, dem: Demand, cap_c: float,
                         max_duration: float | None) -> float:
        if seg.duration is not None:
            return float(seg.duration)
        if seg.mode in ("cccv", "current"):
            dur = max(24 * 3600.0, 10 * cap_c / max(abs(dem.value), 1e-9))
        else:
            dur = 30 * 24 * 3600.0
        return dur if max_duration is None else min(dur, float(max_duration))

    def start_segment(self, st: PackState, dem: Demand, big: bool) -> PackState:
        """The jump under the new demand (R0 is algebraic); a cut-off right there ends the run."""
        t = self.t
        self._step_sizes(dem)
        st = self.m.advance(st, 0.0, dem)
        bad = self.violated(st, dem)
        if self.rec.rows == 0 and not self.rec.summary.rows:
            self.record(t, st)
        if bad:
            kind = min(bad, key=lambda kd: bad[kd].value)
            if self.rec.last_time == t:  # the last row is the state at the cut-off
                self.rec.pop()
            self.record(t, st)
            raise _Cutoff(kind, bad[kind].cell, t, st, dem)
        if big:  # small steps first while the currents redistribute
            self.h_ramp = self.h_start
        elif self.h_ramp > self.h_max:
            self.h_ramp = self.h_max
        return st

    def _step_sizes(self, dem: Demand) -> None:
        """The step grid and the largest steps of a segment under `dem`."""
        g = self.grid if dem.mode == "current" else self.dt
        self.seg_grid = g
        self.h_long = g if g > self.dt else min(self.dt, 60.0)

    @staticmethod
    def crosses(k: np.ndarray, a: np.ndarray, b: np.ndarray) -> bool:
        """Whether a cell's SOC passes one of the corners `k` between `a` and `b`."""
        lo, hi = min(amin(a), amin(b)), max(amax(a), amax(b))
        if k.searchsorted(lo, side="right") == k.searchsorted(hi, side="right"):
            return False  # no corner within the SOCs of the whole pack
        return bool((k.searchsorted(a, side="right") != k.searchsorted(b, side="right")).any())

    def corner_between(self, st0: PackState, st1: PackState) -> bool:
        """Whether a cell passes a corner of its tables from `st0` to `st1`."""
        m = self.m
        if self.crosses(self.ocv_kinks, m.fill(st0), m.fill(st1)):
            return True
        return self.r0_kinks is not None and self.crosses(self.r0_kinks, st0.soc, st1.soc)

    def corner_ahead(self, st: PackState, h: float) -> bool:
        """Whether the step of h from `st` would cross a corner (from the currents' trend)."""
        i0 = st.current
        i1 = i0 if st.trend is None else i0 + st.trend * h
        d = (i0 + i1) * (h * self.m.half_per_capacity)
        return self.corner_between(st, PackState(soc=st.soc - d, u=st.u, T=st.T, current=i1,
                                                 depletion=st.depletion))

    def inside(self, st: PackState, new: PackState, t: float, h: float,
               dem: Demand) -> tuple[float, PackState, RowBlock | None]:
        """The rows inside the step of h from `st` (at t) to `new`.  A row beyond a limit, or
        a step across a corner of the tables, ends the step on the first such row instead:
        returns the step (perhaps shorter), its state and the rows before its end (None:
        none)."""
        k0 = self.k_out
        k1 = math.ceil((t + h - EPS * (1.0 + t + h)) / self.dt)  # the first row not inside
        if k1 <= k0:
            return h, new, None
        times = np.arange(k0, k1) * self.dt
        if self.corner_between(st, new):
            h = float(times[0]) - t
            self.steps += 1
            return h, self.m.advance(st, h, dem), None
        rows, ok, available, fill = interior_rows(self.m, self.limits, self.weights, st, new, h,
                                                  t, times)
        for k in np.flatnonzero(~ok):  # (the test of all rows at once is the conservative one)
            row = PackState(soc=rows.cell_soc[k], u=st.u[:0], T=rows.cell_temperature[k],
                            current=rows.cell_current[k], voltage=rows.cell_voltage[k],
                            power_margin=new.power_margin)
            if any(v.value < -1e-9 for v in self.limits.margins(row, dem, available[k],
                                                                 fill[k]).values()):
                h = float(times[k]) - t  # the exact step to that row decides
                self.steps += 1
                return h, self.m.advance(st, h, dem), rows.head(k) if k else None
        return h, new, rows

    def run_segment(self, st: PackState, dem: Demand, seg_end: float, si: int, n_segs: int,
                    dur: float) -> tuple[PackState, bool]:
        """Steps to the end of the segment; returns (state, ended early: a CC-CV charge whose
        cell became full)."""
        m, dt, g = self.m, self.dt, self.seg_grid
        rows = None
        while seg_end - self.t > EPS * (1.0 + self.t):
            t = self.t
            t_out = self.k_out * dt
            target = min(seg_end, t_out)
            if g != dt and self.h_ramp > self.h_max:
                # settled: from a point of the grid to the next (between them, a step a row:
                # two step sizes, two factorisations)
                k = round(t / g)
                if abs(t - k * g) <= EPS * (1.0 + t):
                    t_grid = min(seg_end, (k + 1) * g)
                    if not self.corner_ahead(st, t_grid - t):
                        target = t_grid
            h = min(self.h_ramp, target - t)
            if target - t - h <= EPS * (1.0 + t):
                h = target - t
            new = m.advance(st, h, dem)
            self.steps += 1
            if g != dt:
                h, new, rows = self.inside(st, new, t, h, dem)
            bad = self.violated(new, dem)
            if bad:
                kinds = list(bad)
                theta, new = self.locate(st, h, dem, kinds)
                ms = self.limits.margins(new, dem, m.deliverable(new), m.fill(new))
                kind = min(kinds, key=lambda kd: ms[kd].value)
                self.t = t + theta
                if dem.mode == "cccv" and kind == "full":
                    return new, True  # a charger stops when a cell is full: no cut-off
                if rows is not None:  # the rows before the cut-off, on the step that ends there
                    before = rows.time[rows.time < self.t - EPS * (1.0 + self.t)]
                    if before.size:
                        self.rec.append_rows(interior_rows(m, self.limits, self.weights, st,
                                                           new, theta, t, before)[0])
                self.record(self.t, new)
                raise _Cutoff(kind, ms[kind].cell, self.t, new, dem)
            m.account(st, new, h)
            if rows is not None:
                self.rec.append_rows(rows)
                self.k_out += len(rows.time)
                rows = None
            st = new
            self.t = t = target if h == target - t else t + h
            t_out = self.k_out * dt
            if abs(t - t_out) <= EPS * (1.0 + t):
                self.t = t = t_out
                self.record(t, st)
                self.k_out += 1
            self._next_step_size(st, h)
            if self.steps % 64 == 0:
                drifted = m.drift(st) > 0.1
                if drifted.any():
                    m.refresh(st, drifted)
            if dem.mode == "cccv" and st.cv[0] and abs(float(st.pack_current[0])) < dem.cutoff:
                break  # the CV taper has ended
            if (self.cancel is not None or self.progress is not None) and self.steps % 32 == 1:
                if math.isfinite(self.total) and self.total > 0:
                    frac = t / self.total
                else:
                    frac = max((si + (t - (seg_end - dur)) / dur) / n_segs,
                               float(1 - self.weights @ st.soc) if dem.value > 0 else 0.0)
                self.poll(frac)
        return st, False

    def _next_step_size(self, st: PackState, h: float) -> None:
        if self.h_ramp < self.h_max:
            self.h_ramp = min(2.0 * self.h_ramp, self.h_max)
        elif self.h_long > self.h_max:
            # beyond τ/2 only while the cells' currents hardly change (the steps are exact for
            # constant currents): long constant stretches of a day cycle go fast
            dI = float(np.max(np.abs(st.current - self.prev_current)))
            scale = float(np.max(np.abs(st.current))) + self.i_small
            if not self.steady_resistance(st, h):
                self.h_ramp = self.h_max
            elif dI < SETTLED * scale:  # (rows inside steps: straight to the grid's steps)
                self.h_ramp = self.h_long if self.seg_grid != self.dt else \
                    min(2.0 * self.h_ramp, self.h_long)
            elif dI > 10.0 * SETTLED * scale:
                self.h_ramp = self.h_max
        self.prev_current = st.current

    def steady_resistance(self, st: PackState, h: float) -> bool:
        """Whether the cells' resistances, warming or cooling at the pace of the last step of
        h, would move any cell's drop (R0 at its SOC and current, and the RC resistances: all
        scale with the temperature factor) by less than STEADY_V over a long step (a step
        holds the temperature factors of their last lookup, within 0.02 K of its start)."""
        m = self.m
        p = m.params
        ft = p.resistance_factor(st.T)
        if ft is None:
            return True
        prev, self.prev_ft = self.prev_ft, ft
        if prev is None:
            return False
        r = p.r0_at(st.soc, None, st.current)
        if m.nrc:
            r = r + self.rc_sum
        drift = np.abs(ft - prev)
        drift *= np.abs(st.current)
        drift *= r
        return float(amax(drift)) * (self.h_long / h) < STEADY_V


def check_inputs(design: PackDesign, dt, soc0, ambient) -> float:
    """Validate the run's scalar inputs; returns the ambient temperature (K)."""
    if not (isinstance(dt, (int, float)) and math.isfinite(dt) and dt > 0):
        raise InputError("dt", f"expected a positive time step, got {dt!r}")
    if not (0.0 <= soc0 <= 1.0):
        raise InputError("soc0", f"expected a number from 0 to 1, got {soc0!r}")
    amb = design.thermal.ambient_temperature if ambient is None else float(ambient)
    if not amb > 0:
        raise InputError("ambient", "must be above absolute zero")
    return amb


def simulate(design: PackDesign, profile: Profile, dt: float = 1.0, soc0: float = 1.0,
             ambient: float | None = None, per_cell: bool = True,
             progress: Callable[[float], None] | None = None,
             cancel: Callable[[], bool] | None = None, spread: Spread | dict | bool | None = None,
             seed: int | None = None, max_duration: float | None = None,
             sink: Callable[[SimulationResult], None] | None = None,
             block_rows: int = 4096, interior_rows: bool = True) -> SimulationResult:
    """Simulate `design` under `profile`; rows every `dt` s (and at the end / cut-off).

    ambient: K (None: the design's ambient).  spread: a `Spread`, a dict of its fields, or True
    for the cell file's own [spread] (capacity_cv, resistance_cv).  progress(fraction) is called
    now and then; cancel() is polled and True raises SimulationCancelled.
    max_duration: a safety cap for segments that run until a cut-off (default: 10× the time the
    current would take to empty the pack, at least 24 h).
    sink: stream the rows: sink(block) receives a SimulationResult of every `block_rows` rows as
    the run goes, memory stays bounded, and the result returned holds no rows, only the summary,
    the cut-off and the counters.  `wall_time` of the result: the simulation itself, without
    the time spent in the sink.
    interior_rows: under a constant current, rows between the step boundaries are the steps' own
    solution (see the module); False ends a step on every row."""
    amb = check_inputs(design, dt, soc0, ambient)
    t_start = _time.perf_counter()
    model = PackModel(design, amb, soc0, _spread(design, spread), [seed])
    prof = profile.resolve(design)
    segs = prof.segments
    cap_c = float(design.cell_array("capacity").sum(axis=1).min())
    total = prof.duration
    expected = int(min(total, 1e7) / dt) + 2 if math.isfinite(total) else 1024
    rec = Recorder(model.S, model.P, per_cell, expected, sink, block_rows)
    run = _Run(model, float(dt), rec, progress, cancel, total, interior_rows)
    st = model.state0
    prev_dem = None
    cutoff = None
    try:
        for si, seg in enumerate(segs):
            dem = demand_for(seg, model)
            dur = run.segment_duration(seg, dem, cap_c, max_duration)
            if dur <= 0:
                continue
            seg_end = run.t + dur
            big = (prev_dem is None or prev_dem.mode != dem.mode or
                   abs(dem.value - prev_dem.value) > 0.05 * max(abs(dem.value),
                                                                 abs(prev_dem.value)))
            prev_dem = dem
            st = run.start_segment(st, dem, big)
            st, ended = run.run_segment(st, dem, seg_end, si, len(segs), dur)
            if rec.last_time != run.t and (si == len(segs) - 1 or ended):
                run.record(run.t, st)
    except _Cutoff as c:
        cutoff = c
    if rec.last_time is not None and rec.last_time != run.t:
        run.record(run.t, st)
    if progress is not None:
        progress(1.0)
    res = rec.finish()
    res.steps = run.steps
    res.factorisations = model.factorisations
    res.warnings = model.warnings()
    if cutoff is not None:
        res.cutoff = run.limits.message(cutoff.kind, cutoff.cell, cutoff.state, cutoff.demand)
        res.cutoff_kind = cutoff.kind
        res.cutoff_time = cutoff.t
        res.cutoff_cell = divmod(cutoff.cell, model.P) if cutoff.kind != "power" else None
    res.wall_time = _time.perf_counter() - t_start - rec.sink_time
    return res
