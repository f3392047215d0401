"""N packs at once: Monte Carlo of the cells' stated spread, batched.

    res = simulate_batch(design, profile, packs=100, seed=7)
    res.percentiles()  # P5/P50/P95 of delivered energy, minimum cell voltage, maximum temperature

All packs advance together in one vectorised step (their cells in flat arrays, their circuits one
block-diagonal nodal matrix, one factorisation and one solve for all), so the per-call overhead
is paid once, not N times.  Pack b draws its cells (capacity, resistance, initial SOC: the
`Spread`) from its own seed, `pack_seeds(seed, N)[b]`, so a run is reproducible bit for bit and
pack b gives the same figures in a batch of any size or alone (`seeds=[pack_seeds(seed, N)[b]]`):
each pack's chord, convergence and temperature lookups depend on that pack only.

Every pack takes the same steps: 1/16 of the shortest RC time constant after a change of the
demand, doubling up to half of it (and to the output interval); no longer steps, whose choice
would depend on the pack.  A pack stops at its own first cut-off (located inside its step, as
`simulate` does) and rests from then on; the others go on.  Profiles of current and power
segments (a CC-CV charge ends at a time of its own in each pack, so it is not batched).
With `long_steps`, the steps go on doubling up to the output interval once the demand has been
constant for 8 of the shortest RC time constants (the steps are exact for linearly varying
currents), still the same steps for every pack.
"""

from __future__ import annotations

import math
import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from ..pack import PackDesign
from ..profiles import Profile
from ..units import InputError
from .limits import Limits
from .model import PackModel
from .params import Spread
from .state import Demand, PackState
from .stepping import EPS, SimulationCancelled, check_inputs, demand_for

PERCENTILES = (5.0, 50.0, 95.0)


def pack_seeds(seed: int | None, n: int) -> list[np.random.SeedSequence]:
    """The seed of each of n packs drawn from `seed` (reproducible; None: fresh entropy)."""
    return np.random.SeedSequence(seed).spawn(int(n))


@dataclass(eq=False)
class BatchResult:
    """Rows of all packs (rows × B) and each pack's figures up to its cut-off."""

    time: np.ndarray  # (rows,) s, the shared output rows
    pack_current: np.ndarray  # (rows, B) A
    pack_voltage: np.ndarray  # (rows, B) V
    soc: np.ndarray  # (rows, B)
    min_cell_voltage: np.ndarray  # (rows, B) V
    max_cell_temperature: np.ndarray  # (rows, B) K
    rows: np.ndarray  # (B,) rows valid for each pack (the rest are after its cut-off)
    energy: np.ndarray  # (B,) J delivered up to the cut-off or the end
    charge: np.ndarray  # (B,) C
    lowest_cell_voltage: np.ndarray  # (B,) V over the run
    highest_cell_temperature: np.ndarray  # (B,) K over the run
    cutoff_time: np.ndarray  # (B,) s, NaN without a cut-off
    cutoff_kind: list[str | None] = field(default_factory=list)
    cutoff: list[str | None] = field(default_factory=list)
    seeds: list = field(default_factory=list)
    spread: Spread | None = None
    steps: int = 0
    factorisations: int = 0
    wall_time: float = 0.0
    cells: int = 0  # per pack
    cell_rows: dict[str, np.ndarray] | None = None  # "current", "soc", "temperature": (rows, B, N)
    cutoff_cells: dict = field(default_factory=dict)  # pack -> its cells' (current, soc, T)

    @property
    def packs(self) -> int:
        return len(self.energy)

    def percentiles(self, q=PERCENTILES) -> dict[str, dict[str, float]]:
        """{figure: {"P5": x, "P50": y, "P95": z}} of delivered energy (Wh), the lowest cell
        voltage (V) and the highest cell temperature (°C) of each pack (linear interpolation
        between the packs' values)."""
        figs = {"energy_Wh": self.energy / 3600.0,
                "min_cell_voltage_V": self.lowest_cell_voltage,
                "max_cell_temperature_C": self.highest_cell_temperature - 273.15}
        return {k: {f"P{p:g}": float(v) for p, v in zip(q, np.percentile(x, q), strict=True)}
                for k, x in figs.items()}

    def pack_cells(self, b: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Pack b's rows up to its cut-off (the cut-off row included, as `simulate` records it):
        time (n,), each cell's "current", "soc", "temperature" (n, N) and the pack's
        "pack_current", "pack_voltage" (n,).  Needs cell_rows."""
        if self.cell_rows is None:
            raise ValueError("the batch was run without cell_rows")
        k = int(self.rows[b])
        t = self.time[:k]
        cols = {name: v[:k, b] for name, v in self.cell_rows.items()}
        cols["pack_current"], cols["pack_voltage"] = self.pack_current[:k, b], \
            self.pack_voltage[:k, b]
        if b in self.cutoff_cells:
            tc = float(self.cutoff_time[b])
            keep = k - 1 if k and t[-1] == tc else k
            t = np.append(t[:keep], tc)
            cols = {name: np.concatenate([v[:keep], self.cutoff_cells[b][name][None]])
                    for name, v in cols.items()}
        return t, cols


CELL_ROWS = {"cell_current": "current", "cell_soc": "soc", "cell_temperature": "temperature"}


class _Rows:
    def __init__(self, n: int, b: int, cells: int = 0):
        self.n, self.b = 0, b
        self.cap = max(n, 2)
        self.t = np.empty(self.cap)
        shapes = {k: (b,) for k in ("i", "v", "soc", "vmin", "tmax")}
        if cells:
            shapes.update({k: (b, cells) for k in CELL_ROWS})
        self.cols = {k: np.empty((self.cap, *w)) for k, w in shapes.items()}

    def add(self, t: float, values: dict[str, np.ndarray]) -> None:
        if self.n == self.cap:
            self.cap *= 2
            self.t = np.resize(self.t, self.cap)
            self.cols = {k: np.resize(v, (self.cap, *v.shape[1:])) for k, v in self.cols.items()}
        self.t[self.n] = t
        for k, v in values.items():
            self.cols[k][self.n] = v
        self.n += 1


def _pack(st: PackState, m: PackModel, b: int) -> PackState:
    """Pack b's part of a batch state (a one-pack state for the limits)."""
    s = slice(b * m.N, (b + 1) * m.N)

    def cut(x):
        return x[..., s] if isinstance(x, np.ndarray) and x.shape[-1] == m.NT else x

    one = slice(b, b + 1)
    return PackState(soc=st.soc[s], u=st.u[:, s], T=st.T[s], current=st.current[s],
                     depletion=cut(st.depletion), withheld=cut(st.withheld), heat=cut(st.heat),
                     pack_current=st.pack_current[one], pack_voltage=st.pack_voltage[one],
                     voltage=st.voltage[s], cv=st.cv[one], power_margin=st.power_margin[one])


def _splice(st: PackState, frozen: PackState, cells: np.ndarray, packs: np.ndarray,
            m: PackModel) -> PackState:
    """`st` with the packs in `packs` (cells `cells`) put back to their states in `frozen`."""
    def mix(a, b, mask):
        if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
            return np.where(mask, b, a)
        return a
    return replace(st, soc=mix(st.soc, frozen.soc, cells), u=mix(st.u, frozen.u, cells),
                   T=mix(st.T, frozen.T, cells), current=mix(st.current, frozen.current, cells),
                   depletion=mix(st.depletion, frozen.depletion, cells),
                   withheld=mix(st.withheld, frozen.withheld, cells),
                   heat=mix(st.heat, frozen.heat, cells),
                   trend=None if st.trend is None or frozen.trend is None else
                   np.where(cells, 0.0, st.trend), voltage=mix(st.voltage, frozen.voltage, cells),
                   available=None, extremes=None)


class _BatchRun:
    def __init__(self, m: PackModel, dt: float, total: float, progress, cancel,
                 cell_rows: bool = False, long_steps: bool = False):
        self.m = m
        self.cell_rows = cell_rows
        self.lim = Limits(m.cell, m.P)
        self.dt = dt
        self.total = total
        self.progress, self.cancel = progress, cancel
        self.w = m.per_pack(m.Q) / m.per_pack(m.Q).sum(axis=1, keepdims=True)
        self.h_max = dt / math.ceil(dt / m.h_cap - 1e-9)
        # after a change of the demand: 1/16 of the shortest RC time constant
        self.h_start = min(self.h_max, m.h_cap / 8.0)
        self.h_ramp = self.h_start
        self.h_long = max(float(dt), self.h_max) if long_steps else self.h_max
        self.settle = 8.0 * float(m.tau.min()) if m.nrc else 0.0
        B = m.B
        self.done = np.zeros(B, bool)
        self.rows = _Rows(int(min(total, 1e7) / dt) + 2 if math.isfinite(total) else 1024, B,
                          m.N if cell_rows else 0)
        self.cut_cells: dict[int, dict[str, np.ndarray]] = {}
        self.valid = np.zeros(B, int)
        self.last = {}  # pack -> (t, i, v, soc, vmin, tmax): its cut-off row
        self.kind: list[str | None] = [None] * B
        self.message: list[str | None] = [None] * B
        self.t_cut = np.full(B, np.nan)
        self.steps = 0
        self.t = 0.0
        self.k_out = 1
        self.frozen: PackState | None = None
        self.last_poll = _time.perf_counter()

    def figures(self, st: PackState) -> dict[str, np.ndarray]:
        m = self.m
        return {"i": st.pack_current, "v": st.pack_voltage,
                "soc": (self.w * m.per_pack(st.soc)).sum(axis=1),
                "vmin": m.per_pack(st.voltage).min(axis=1), "tmax": m.per_pack(st.T).max(axis=1)}

    def cells(self, st: PackState) -> dict[str, np.ndarray]:
        m = self.m
        return {"cell_current": m.per_pack(st.current), "cell_soc": m.per_pack(st.soc),
                "cell_temperature": m.per_pack(st.T)}

    def record(self, t: float, st: PackState) -> None:
        f = self.figures(st)
        if self.cell_rows:
            f.update(self.cells(st))
        self.rows.add(t, f)
        self.valid[~self.done] = self.rows.n

    def values(self) -> np.ndarray | None:
        return None if not self.done.any() else np.where(self.done, 0.0, self.dem.value)

    def violated(self, st: PackState, dem: Demand) -> dict[int, dict]:
        """{pack: {kind: margin}} of the running packs beyond a limit."""
        m = self.m
        bad = {}
        for b in np.nonzero(self.flagged(st, dem))[0]:
            one = _pack(st, m, int(b))
            avail, fill = m.deliverable(one), m.fill(one)
            if not self.lim.ok(one, dem, avail, fill):
                ms = {k: v for k, v in self.lim.margins(one, dem, avail, fill).items()
                      if v.value < -1e-9}
                if ms:
                    bad[int(b)] = ms
        return bad

    def flagged(self, st: PackState, dem: Demand) -> np.ndarray:
        """The running packs that may be beyond a limit: the one-pack fast test of `Limits.ok`
        done for all packs at once with per-pack reductions."""
        m, lim = self.m, self.lim
        if not self.done.any() and lim.ok(st, dem, m.deliverable(st), m.fill(st)):
            st.extremes = None  # (all cells at once: no pack is beyond a limit)
            return self.done
        V = m.per_pack(st.voltage)
        T = m.per_pack(st.T)
        bad = (V.min(axis=1) < lim.vmin) | (V.max(axis=1) > lim.vmax)
        bad |= m.per_pack(m.deliverable(st)).min(axis=1) < 0.0
        bad |= m.per_pack(m.fill(st)).max(axis=1) > 1.0
        bad |= (T.max(axis=1) > lim.t_hi) | (T.min(axis=1) < lim.t_lo)
        if lim.i_peak:
            bad |= m.per_pack(st.current).max(axis=1) > lim.i_peak
        if dem.mode == "power":
            bad |= st.power_margin < 0
        return bad & ~self.done

    def stop(self, b: int, t: float, st: PackState, kinds, dem: Demand) -> None:
        one = _pack(st, self.m, b)
        ms = self.lim.margins(one, dem, self.m.deliverable(one), self.m.fill(one))
        kind = min(kinds, key=lambda kd: ms[kd].value)
        self.kind[b] = kind
        self.message[b] = self.lim.message(kind, ms[kind].cell, one, dem)
        self.t_cut[b] = t
        f = self.figures(st)
        self.last[b] = (t, *(float(f[k][b]) for k in ("i", "v", "soc", "vmin", "tmax")))
        if self.cell_rows:
            self.cut_cells[b] = {CELL_ROWS[k]: v[b].copy() for k, v in self.cells(st).items()}
            self.cut_cells[b].update(pack_current=np.array(f["i"][b]),
                                     pack_voltage=np.array(f["v"][b]))
        self.done[b] = True

    def freeze(self, st: PackState, stopped: list[int]) -> None:
        """Keep the stopped packs at their cut-off states (they rest from now on)."""
        m = self.m
        packs = np.zeros(m.B, bool)
        packs[stopped] = True
        cells = packs[m.pack_of]
        self.frozen = st if self.frozen is None else _splice(self.frozen, st, cells, packs, m)

    def keep_stopped(self, st: PackState) -> PackState:
        """The stopped packs stay at their cut-off states."""
        if not self.done.any():
            return st
        return _splice(st, self.frozen, self.done[self.m.pack_of], self.done, self.m)

    def only(self, b: int) -> np.ndarray:
        """Pack b alone as the running packs of a step: the partial steps that locate its
        cut-off leave the other packs' chords as they are (as if b ran alone)."""
        mask = np.zeros(self.m.B, bool)
        mask[b] = True
        return mask

    def locate(self, st0: PackState, h: float, dem: Demand, b: int, kinds) -> float:
        from scipy.optimize import brentq

        m, lim, vals = self.m, self.lim, self.values()

        def margin(theta: float) -> float:
            one = _pack(m.advance(st0, theta, dem, vals, self.only(b)), m, b)
            ms = lim.margins(one, dem, m.deliverable(one), m.fill(one))
            return min(ms[kd].value for kd in kinds if kd in ms)

        if margin(0.0) <= 0:
            return 0.0
        return brentq(margin, 0.0, h, xtol=1e-7 * max(1.0, h), rtol=1e-12, maxiter=100)

    def handle(self, st0: PackState, h: float, new: PackState, dem: Demand) -> PackState:
        """Stop the packs that crossed a limit during the step from st0 (h = 0: at the jump)."""
        bad = self.violated(new, dem)
        if not bad:
            return new
        stopped = []
        for b, ms in bad.items():
            kinds = list(ms)
            theta = self.locate(st0, h, dem, b, kinds) if h > 0 else 0.0
            at = self.m.advance(st0, theta, dem, self.values(), self.only(b)) if h > 0 else new
            self.stop(b, self.t + theta, at, kinds, dem)
            self.freeze(at, [b])
            stopped.append(b)
        packs = np.zeros(self.m.B, bool)
        packs[stopped] = True
        return _splice(new, self.frozen, packs[self.m.pack_of], packs, self.m)

    def segment(self, st: PackState, dem: Demand, seg_end: float, big: bool) -> PackState:
        m, dt = self.m, self.dt
        self.dem = dem
        st0 = st
        st = self.keep_stopped(m.advance(st, 0.0, dem, self.values(), ~self.done))
        if self.rows.n == 0:
            self.record(self.t, st)
        st = self.handle(st0, 0.0, st, dem)
        if big:
            self.h_ramp = self.h_start
        self.h_ramp = min(self.h_ramp, self.h_max)
        seg_start = self.t
        while seg_end - self.t > EPS * (1.0 + self.t) and not self.done.all():
            t = self.t
            t_out = self.k_out * dt
            target = min(seg_end, t_out)
            h = min(self.h_ramp, target - t)
            if target - t - h <= EPS * (1.0 + t):
                h = target - t
            new = self.keep_stopped(m.advance(st, h, dem, self.values(), ~self.done))
            self.steps += 1
            new = self.handle(st, h, new, dem)
            m.account(st, new, h)
            st = new
            self.t = t = target if h == target - t else t + h
            if abs(t - t_out) <= EPS * (1.0 + t):
                self.t = t = t_out
                self.record(t, st)
                self.k_out += 1
            self.h_ramp = min(2.0 * self.h_ramp,
                              self.h_long if t - seg_start >= self.settle else self.h_max)
            if self.steps % 64 == 0:
                drifted = (m.drift(st) > 0.1) & ~self.done
                if drifted.any():
                    m.refresh(st, drifted)
            if (self.cancel is not None or self.progress is not None) and self.steps % 32 == 1:
                self.poll(t / self.total if math.isfinite(self.total) and self.total else 0.0)
        return st

    def poll(self, frac: float) -> None:
        if self.cancel is not None and self.cancel():
            raise SimulationCancelled("simulation cancelled")
        now = _time.perf_counter()
        if self.progress is not None and now - self.last_poll >= 0.05:
            self.last_poll = now
            self.progress(min(max(frac, 0.0), 0.999))

    def result(self) -> BatchResult:
        r = self.rows
        n, B = r.n, self.m.B
        cols = {k: v[:n] for k, v in r.cols.items() if k not in CELL_ROWS}
        t = r.t[:n]
        energy, charge = np.zeros(B), np.zeros(B)
        vlow, thigh = np.zeros(B), np.zeros(B)
        for b in range(B):
            k = self.valid[b]
            tb, ib, vb = t[:k], cols["i"][:k, b], cols["v"][:k, b]
            vm, tm = cols["vmin"][:k, b], cols["tmax"][:k, b]
            if b in self.last:
                tc, ic, vc, _, vmc, tmc = self.last[b]
                if not (k and tb[-1] == tc):
                    tb, ib, vb = np.append(tb, tc), np.append(ib, ic), np.append(vb, vc)
                    vm, tm = np.append(vm, vmc), np.append(tm, tmc)
                else:  # the cut-off at a row's time replaces that row
                    ib, vb = np.append(ib[:-1], ic), np.append(vb[:-1], vc)
                    vm, tm = np.append(vm[:-1], vmc), np.append(tm[:-1], tmc)
            energy[b] = np.trapezoid(ib * vb, tb) if len(tb) > 1 else 0.0
            charge[b] = np.trapezoid(ib, tb) if len(tb) > 1 else 0.0
            vlow[b], thigh[b] = vm.min(), tm.max()
        return BatchResult(time=t, pack_current=cols["i"], pack_voltage=cols["v"],
                           soc=cols["soc"], min_cell_voltage=cols["vmin"],
                           max_cell_temperature=cols["tmax"], rows=self.valid.copy(),
                           energy=energy, charge=charge, lowest_cell_voltage=vlow,
                           highest_cell_temperature=thigh, cutoff_time=self.t_cut,
                           cutoff_kind=self.kind, cutoff=self.message, steps=self.steps,
                           factorisations=self.m.factorisations, cells=self.m.N,
                           cell_rows={v: r.cols[k][:n] for k, v in CELL_ROWS.items()}
                           if self.cell_rows else None, cutoff_cells=self.cut_cells)


def simulate_batch(design: PackDesign, profile: Profile, packs: int | None = None,
                   seed: int | None = None, seeds=None, spread: Spread | dict | bool = True,
                   dt: float = 1.0, soc0: float = 1.0, ambient: float | None = None,
                   progress: Callable[[float], None] | None = None,
                   cancel: Callable[[], bool] | None = None,
                   max_duration: float | None = None, designs=None, cell_rows: bool = False,
                   long_steps: bool = False) -> BatchResult:
    """Simulate `packs` packs of `design` drawn from the cells' spread, all at once.

    spread: True for the cell file's [spread] (capacity_cv, resistance_cv), a `Spread` or a
    dict of its fields.  seed: the run's seed (pack b uses pack_seeds(seed, packs)[b]); or give
    `seeds` (one per pack) directly.  dt, soc0, ambient, progress, cancel, max_duration: as for
    `simulate`, soc0 also one per pack.  designs: each pack's own design (the same circuit,
    its own cell overrides; the spread is drawn on top of it).  cell_rows: keep every cell's
    current, SOC and temperature in the rows (`BatchResult.pack_cells`).  long_steps: see the
    module.  Returns a BatchResult (rows × packs, and each pack's figures)."""
    socs = np.atleast_1d(np.asarray(soc0, float))
    for x in socs:
        amb = check_inputs(design, dt, float(x), ambient)
    if designs is not None:
        designs = list(designs)
        seeds = pack_seeds(seed, len(designs)) if seeds is None else seeds
    if seeds is None:
        if packs is None or int(packs) < 1:
            raise InputError("packs", f"expected a whole number of packs ≥ 1, got {packs!r}")
        seeds = pack_seeds(seed, int(packs))
    if spread is True:
        spread = Spread(design.cell.capacity_cv or 0.0, design.cell.resistance_cv or 0.0, 0.0)
    elif isinstance(spread, dict):
        spread = Spread(**spread)
    elif spread is False or spread is None:
        spread = Spread()
    prof = profile.resolve(design)
    if any(s.mode == "cccv" for s in prof.segments):
        raise InputError("profile", "a batched run takes current and power segments, not a "
                                    "CC-CV charge (each pack would end it at its own time)")
    if socs.size not in (1, len(seeds)):
        raise InputError("soc0", f"expected one initial SOC or one per pack, got {socs.size}")
    t_start = _time.perf_counter()
    m = PackModel(design, amb, socs if socs.size > 1 else float(socs[0]), spread, list(seeds),
                  designs)
    run = _BatchRun(m, float(dt), prof.duration, progress, cancel, cell_rows, long_steps)
    cap_c = float(design.cell_array("capacity").sum(axis=1).min())
    st = m.state0
    prev = None
    for seg in prof.segments:
        dem = demand_for(seg, m)
        if seg.duration is None:
            dur = 30 * 24 * 3600.0 if seg.mode == "power" else \
                max(24 * 3600.0, 10 * cap_c / abs(dem.value))
            dur = dur if max_duration is None else min(dur, float(max_duration))
        else:
            dur = float(seg.duration)
        if dur <= 0:
            continue
        big = (prev is None or prev.mode != dem.mode or
               abs(dem.value - prev.value) > 0.05 * max(abs(dem.value), abs(prev.value)))
        prev = dem
        st = run.segment(st, dem, run.t + dur, big)
        if run.done.all():
            break
    if run.rows.t[run.rows.n - 1] != run.t and not run.done.all():
        run.record(run.t, st)
    if progress is not None:
        progress(1.0)
    res = run.result()
    res.seeds, res.spread = list(seeds), spread
    res.wall_time = _time.perf_counter() - t_start
    return res
