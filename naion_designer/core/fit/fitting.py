"""The fit of a cell from cycler runs, end to end: steps → capacity → OCV → impedance → the
cell → validation of every run (training and held-out) through the simulator → trust checks."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from ..cell import Cell
from ..units import InputError
from . import impedance
from . import ocv as ocv_mod
from .build import build_cell, mean_voltage, with_impedance
from .data import Run
from .diffusion import TAU_RANGE, depletion
from .holdout import Selection
from .steps import detect_steps, relaxed_voltages, rest_threshold
from .validate import T_REF, Comparison, compare, simulate_run

METHOD = ("equivalent circuit OCV(SOC) - R0(SOC, C-rate) - RC pairs, scipy least_squares "
          "(trf, analytic Jacobian) on every run's voltage; validated through the simulator")
MIN_SAMPLES = 100
SIMULATE_TRAINING_ROWS = 20_000  # up to this many training rows, they are simulated too
MIN_SOC_SPAN = 0.5
MIN_TEMPERATURE_SPAN = 10.0  # K between the coldest and warmest training samples
FACTOR_TEMPERATURES = (-30.0, -20.0, -10.0, 0.0, 10.0, 25.0, 40.0, 60.0)  # degC
FULL_START = 0.3  # V below max_voltage: a discharge that starts there starts full
END_BAND = 0.05  # V above min_voltage: a discharge that ends there reached the cut-off


class FitCancelled(Exception):
    """Raised when the caller's cancel() returned True."""


@dataclass
class FitOptions:
    rc_pairs: int = 2
    capacity: float | None = None  # C; None: from the lowest-rate full discharge
    template: Cell | None = None
    cell_id: str = "fitted-cell"
    ocv_from_template: bool = False
    max_rms: float = 0.05  # V: a training run simulated worse than this refuses the fit
    ambient: float = T_REF  # K, when a run has no temperature column
    thermal_rounds: int = 2  # fit ↔ simulated temperature rounds (no measured temperature)
    diffusion_time: float | None = None  # s: the cell's rate-capability τ_d, held in the fit
    hold_out: Selection | None = None  # held-out runs chosen by a fraction (the fit table says)
    progress: Callable[[float], None] | None = None
    cancel: Callable[[], bool] | None = None


@dataclass
class RunReport:
    file: str
    role: str  # "train" | "hold-out"
    rows: int
    sha256: str
    rms: float  # V, simulated against measured
    max_error: float
    capacity_error: float | None
    coverage: float
    fit_rms: float | None  # V, the fit's own residual (training runs)
    time: np.ndarray = field(repr=False, default=None)
    measured: np.ndarray = field(repr=False, default=None)
    sim_time: np.ndarray = field(repr=False, default=None)
    simulated: np.ndarray = field(repr=False, default=None)
    c_rate: float | None = None


@dataclass
class FitResult:
    cell: Cell
    reports: list[RunReport]
    capacity_source: str
    ocv_source: str
    c_rates: tuple[float, ...]
    fit_rms: float
    iterations: int

    def report_dict(self) -> dict:
        return {"cell": self.cell.id, "files": [
            {"file": r.file, "role": r.role, "rms_V": r.rms, "max_error_V": r.max_error,
             "capacity_error": r.capacity_error} for r in self.reports]}


@dataclass
class _Info:
    run: Run
    thr: float
    soc0: float | None = None
    phases: list[tuple[int, int, int]] = field(default_factory=list)  # (start, stop, sign)
    full_start: int | None = None  # start of a discharge from full to the cut-off
    last_full: int | None = None  # start of the discharge that ends the run at the cut-off

    def full_phase(self) -> tuple[int, int]:
        """(start, stop) of the discharge from full to the cut-off."""
        a = self.full_start
        return a, next(b for x, b, _ in self.phases if x == a)

    def phase_current(self, a: int, b: int) -> float:
        t, i = self.run.time, self.run.current
        end = min(b, len(t) - 1)
        dt = np.diff(t[a:end + 1])
        return float(np.sum(i[a + 1:end + 1] * dt) / np.sum(dt)) if np.sum(dt) > 0 \
            else float(i[a])


def _phases(run: Run, thr: float) -> list[tuple[int, int, int]]:
    level = np.where(np.abs(run.current) < thr, 0, np.sign(run.current)).astype(int)
    edges = np.flatnonzero(np.diff(level)) + 1
    b = [0, *edges.tolist(), len(level)]
    return [(x, y, int(level[x])) for x, y in zip(b[:-1], b[1:], strict=True)]


def _limits(runs: list[Run], template: Cell | None) -> tuple[float, float]:
    if template is not None:
        return template.min_voltage, template.max_voltage
    v = np.concatenate([r.voltage for r in runs])
    return float(np.floor(v.min() * 100) / 100), float(np.ceil(v.max() * 100) / 100)


def _analyse(run: Run, limits: tuple[float, float]) -> _Info:
    vmin, vmax = limits
    info = _Info(run, rest_threshold(run.current))
    info.phases = _phases(run, info.thr)
    v = run.voltage
    for k, (a, b, sign) in enumerate(info.phases):
        if sign <= 0:
            continue
        starts_full = v[a] >= vmax - FULL_START and (
            k == 0 or info.phases[k - 1][2] < 0 or
            (info.phases[k - 1][2] == 0 and (k < 2 or info.phases[k - 2][2] < 0)))
        reaches_cutoff = v[b - 1] <= vmin + END_BAND
        if starts_full and reaches_cutoff and info.full_start is None:
            info.full_start = a
        if reaches_cutoff and b == len(v):
            info.last_full = a
    if v[0] >= vmax - FULL_START and (info.phases[0][2] > 0 or (
            info.phases[0][2] == 0 and v[0] >= vmax - 0.1)):
        info.soc0 = 1.0
    return info


def _soc(info: _Info, q_cell: float) -> np.ndarray:
    return np.clip(info.soc0 - info.run.charge_through() / q_cell, -0.05, 1.05)


def _c_nodes(infos: list[_Info], i1c: float) -> np.ndarray:
    rates = []
    for info in infos:
        t = info.run.time
        for a, b, sign in info.phases:
            if sign != 0 and b - a >= 2 and t[min(b, len(t) - 1)] - t[a] >= 5.0:
                rates.append(abs(info.phase_current(a, b)) / i1c)
    if not rates:
        raise InputError("DATA", "the training files hold no current steps to fit a "
                                 "resistance to")
    rates = np.sort(np.array(rates))
    clusters: list[list[float]] = [[rates[0]]]
    for r in rates[1:]:
        if r <= 1.15 * clusters[-1][0]:
            clusters[-1].append(r)
        else:
            clusters.append([r])
    c = np.array([float(np.median(x)) for x in clusters])
    if len(c) > 3:
        mid = c[np.argmin(np.abs(np.log(c) - 0.5 * (np.log(c[0]) + np.log(c[-1]))))]
        c = np.array([c[0], mid, c[-1]])
    return np.array([float(f"{x:.3g}") for x in c])


def _r0_guess(infos: list[_Info], ocv_fn, q_cell: float) -> float:
    est = []
    for info in infos:
        r = info.run
        di, dv = np.diff(r.current), np.diff(r.voltage)
        big = np.abs(di) > 0.3 * max(float(np.max(np.abs(r.current))), 1e-9)
        est += list(np.abs(dv[big] / di[big]))
    if est:
        return float(np.median(est))
    vals = []
    for info in infos:
        r = info.run
        m = np.abs(r.current) > info.thr
        if m.any():
            soc = _soc(info, q_cell)
            vals.append(np.median((ocv_fn(soc[m]) - r.voltage[m]) / r.current[m]))
    return max(float(np.median(vals)) * 0.5, 1e-4) if vals else 0.05


def _temperature(info: _Info, ambient: float) -> np.ndarray:
    r = info.run
    return r.temperature if r.temperature is not None else np.full(len(r), ambient)


def _prepare(infos, cell: Cell, q_cell: float, temps: dict[str, np.ndarray], c_nodes,
             ocv_fn, soc_nodes, fit_temperature: bool = False,
             tau_d: float | None = None) -> list[impedance.Prepared]:
    out = []
    i1c = q_cell / 3600.0
    for info in infos:
        r = info.run
        T = temps[r.name]
        f = np.ones(len(r)) if (cell.temp_resistance_factor is None or fit_temperature) else \
            np.asarray(cell.temp_resistance_factor(T), float)
        soc = _soc(info, q_cell)
        idx = impedance.residual_indices(r.time, r.current)
        surf = soc - depletion(r.time, r.current, f, tau_d, q_cell)
        target = ocv_fn(surf[idx]) + cell.entropic_coefficient * (T[idx] - T_REF) - r.voltage[idx]
        p = impedance.Prepared(r.name, np.diff(r.time), r.current, f, target, idx)
        p.W = impedance.design_matrix(soc[idx], r.current[idx], f[idx], i1c, soc_nodes, c_nodes)
        if fit_temperature:
            p.temperature = T
        out.append(p)
    return out


def _progress(opts: FitOptions, x: float) -> None:
    if opts.cancel is not None and opts.cancel():
        raise FitCancelled("fit cancelled")
    if opts.progress is not None:
        opts.progress(x)


def fit_cell(train: list[Run], hold_out: list[Run], opts: FitOptions) -> FitResult:
    if not train:
        raise InputError("DATA", "no training files")
    if not 1 <= opts.rc_pairs <= 3:
        raise InputError("--rc-pairs", f"expected 1, 2 or 3, got {opts.rc_pairs}")
    # τ_d given, else the template's: the fit holds the rate capability the cell will have
    tau_d = opts.diffusion_time if opts.diffusion_time is not None else \
        (opts.template.diffusion_time_constant if opts.template is not None else None)
    if tau_d is not None and not TAU_RANGE[0] <= tau_d <= TAU_RANGE[1]:
        raise InputError("--diffusion-time", f"expected {TAU_RANGE[0]:g} s to "
                                             f"{TAU_RANGE[1]:g} s, got {tau_d:g} s")
    n = sum(len(r) for r in train)
    if n < MIN_SAMPLES:
        raise InputError("DATA", f"too little data to fit: {n} samples in the training files "
                                 f"(need at least {MIN_SAMPLES})")
    _progress(opts, 0.0)
    limits = _limits(train, opts.template)
    infos = [_analyse(r, limits) for r in train]
    # capacity
    if opts.capacity is not None:
        if not opts.capacity > 0:
            raise InputError("--capacity", "must be positive")
        q_cell, cap_src = float(opts.capacity), "given (--capacity)"
    else:
        full = [(info.phase_current(*info.full_phase()), info)
                for info in infos if info.full_start is not None]
        if not full:
            raise InputError("DATA", "no full discharge (from within "
                                     f"{FULL_START:g} V of {limits[1]:g} V to the "
                                     f"{limits[0]:g} V cut-off) in the training files: "
                                     "give --capacity")
        cur, info = min(full, key=lambda x: x[0])
        q = info.run.charge_through()
        start, end = info.full_phase()
        q_cell = float(q[min(end, len(q) - 1)] - q[start])
        cap_src = (f"the lowest-rate full discharge: {info.run.name} at {cur:.4g} A, "
                   f"{q_cell / 3600:.4g} Ah")
        if tau_d:  # the diffusion term withheld I·τ_d of charge at the cut-off
            q_cell += abs(cur) * tau_d
            cap_src += f", + {abs(cur) * tau_d / 3600:.3g} Ah held by the diffusion term"
    i1c = q_cell / 3600.0
    # OCV
    known = [info for info in infos if info.soc0 is not None]
    if opts.ocv_from_template:
        if opts.template is None or opts.template.ocv is None:
            raise InputError("--ocv-from-template", "needs a --template cell with an [ocv] "
                                                    "table")
        s, v = opts.template.ocv.arrays()
        est = ocv_mod.OCVEstimate(s, v, f"the template's [ocv] table ({opts.template.id})")
    else:
        rest_pts, curves = [], []
        for info in known:
            soc = _soc(info, q_cell)
            rest_pts += [(float(soc[k]), vv, kind) for k, vv, kind in
                         relaxed_voltages(info.run, detect_steps(info.run))]
            if info.full_start is not None:
                a, b = info.full_phase()
                curves.append(ocv_mod.Curve(soc[a:b], info.run.voltage[a:b],
                                            info.phase_current(a, b), info.run.name))
        est = ocv_mod.estimate(rest_pts, curves)
    ocv_s, ocv_v = est.soc, est.voltage

    def ocv_fn(x):
        return np.interp(x, ocv_s, ocv_v)

    if opts.template is None and ocv_v[-1] > limits[1]:
        limits = (limits[0], float(np.ceil(ocv_v[-1] * 100) / 100))
    for info in infos:
        if info.soc0 is None:
            info.soc0 = _soc_from_voltage(info, ocv_s, ocv_v)
    spans = [float(np.ptp(_soc(info, q_cell))) for info in infos]
    if max(spans) + 1e-9 < MIN_SOC_SPAN and sum(spans) < MIN_SOC_SPAN:
        raise InputError("DATA", f"too little data to fit: the training files cover "
                                 f"{sum(spans):.0%} of the SOC range (need "
                                 f"{MIN_SOC_SPAN:.0%})")
    _progress(opts, 0.1)
    c_nodes = _c_nodes(infos, i1c)
    nominal = opts.template.nominal_voltage if opts.template is not None else \
        _nominal(infos, ocv_s, ocv_v)
    max_current = max(float(np.max(np.abs(r.current))) for r in train)
    dts = np.concatenate([np.diff(r.time) for r in train])
    min_dt = float(np.median(dts))
    max_duration = max(r.duration for r in train)
    r0g = _r0_guess(infos, ocv_fn, q_cell)
    base = opts.template
    temps = {info.run.name: _temperature(info, opts.ambient) for info in infos}
    measured_T = all(r.temperature is not None for r in train)
    # measured temperatures 10 K apart or more: R0's temperature dependence is fitted too
    fit_temperature = measured_T and (max(float(np.max(r.temperature)) for r in train) -
                                      min(float(np.min(r.temperature)) for r in train)) >= \
        MIN_TEMPERATURE_SPAN
    rounds = 1 if (measured_T or base is None or base.temp_resistance_factor is None) \
        else 1 + max(0, opts.thermal_rounds)
    shell = base if base is not None else _shell(limits, q_cell, nominal, max_current)
    cell = None
    imp = None
    for k in range(rounds):
        prepared = _prepare(infos, shell, q_cell, temps, c_nodes, ocv_fn,
                            impedance.R0_SOC_NODES, fit_temperature, tau_d)
        imp = impedance.fit_impedance(prepared, i1c, c_nodes, opts.rc_pairs, r0g, max_duration,
                                      min_dt, cancel=opts.cancel,
                                      fit_temperature=fit_temperature)
        _progress(opts, 0.1 + 0.5 * (k + 1) / rounds)
        if k + 1 < rounds:
            trial = with_impedance(replace(shell, capacity=q_cell, ocv=_table(ocv_s, ocv_v),
                                           diffusion_time_constant=tau_d), imp)
            for info in infos:
                sim = simulate_run(trial, info.run, info.soc0, opts.ambient, False)
                temps[info.run.name] = np.interp(info.run.time, sim.time, sim.temperature)
    # the cell and its validation
    fit_table = {"method": METHOD, "date": _dt.date.today().isoformat(),
                 "template": base.id if base is not None else "none: other fields estimated",
                 "capacity_source": cap_src, "ocv_source": est.source,
                 "rc_pairs": opts.rc_pairs, "c_rates": [float(c) for c in c_nodes],
                 "thermal": ("measured temperatures" if measured_T else
                             f"simulated self-heating in free air at "
                             f"{opts.ambient - 273.15:g} degC ({rounds - 1} rounds)"
                             if rounds > 1 else "isothermal at "
                             f"{opts.ambient - 273.15:g} degC"),
                 "training_figures": "simulated" if n <= SIMULATE_TRAINING_ROWS else
                 "the fitted model (the simulator's equations, exactly integrated)",
                 "n_train": len(train), "files": []}
    if opts.hold_out is not None:
        fit_table["hold_out"] = opts.hold_out.describe()
    if tau_d is not None:
        fit_table["diffusion_time_constant"] = (
            f"{tau_d:g} s, given (--diffusion-time), held in the fit"
            if opts.diffusion_time is not None else f"{tau_d:g} s, the template's, held in the fit")
    if imp.activation_energy is not None:
        fit_table["activation_energy"] = f"{imp.activation_energy:.4g} kJ/mol"
    cell = build_cell(imp, est, q_cell, opts.cell_id, base, limits, nominal, max_current,
                      fit_table, ocv_fitted=not opts.ocv_from_template,
                      capacity_given=opts.capacity is not None,
                      temp_factor=_factor_table(imp.activation_energy), diffusion_time=tau_d)
    reports = []
    all_runs = [(info, "train") for info in infos] + \
        [(_analyse(r, limits), "hold-out") for r in hold_out]
    sim_train = n <= SIMULATE_TRAINING_ROWS
    heads = {info.run.name: info for info in infos}
    continues = dict(opts.hold_out.continues) if opts.hold_out is not None else {}
    for k, (info, role) in enumerate(all_runs):
        if info.run.name in continues and continues[info.run.name] in heads:
            # the tail of a split log starts where its fitted part ended
            info.soc0 = float(_soc(heads[continues[info.run.name]], q_cell)[-1])
        if info.soc0 is None:
            info.soc0 = _soc_from_voltage(info, ocv_s, ocv_v)
        if role == "train" and not sim_train:
            reports.append(_model_report(cell, info, imp, i1c, q_cell, temps[info.run.name],
                                         ocv_fn, tau_d))
        else:
            reports.append(_report(cell, info, role, opts, imp, i1c))
        _progress(opts, 0.6 + 0.4 * (k + 1) / len(all_runs))
    fit_table["files"] = [_file_entry(r) for r in reports]
    fitted_rms = float(np.sqrt(np.mean([imp.rms[i.run.name] ** 2 for i in infos])))
    fit_table["fit_rms"] = f"{fitted_rms * 1e3:.2f} mV"
    delivered = _delivered(all_runs, i1c)
    if delivered:
        fit_table["delivered"] = delivered
    cell = replace(cell, extra={**cell.extra, "fit": fit_table})
    bad = [r for r in reports if r.role == "train" and not r.rms <= opts.max_rms]
    if bad:
        worst = max(bad, key=lambda r: r.rms)
        raise InputError("DATA", f"the fit cannot be trusted: simulated against {worst.file}, "
                                 f"its voltage RMS is {worst.rms * 1e3:.0f} mV (limit "
                                 f"{opts.max_rms * 1e3:.0f} mV); the data may need more RC "
                                 "pairs, a --capacity, or runs of one cell only")
    return FitResult(cell, reports, cap_src, est.source, tuple(float(c) for c in c_nodes),
                     fitted_rms, imp.iterations)


def _factor_table(ea):
    """The fitted Arrhenius resistance factor as the cell file's temperature table."""
    if ea is None:
        return None
    from ..cell import Table1D

    tk = np.array(FACTOR_TEMPERATURES) + 273.15
    return Table1D(tuple(float(x) for x in tk),
                   tuple(round(float(x), 4) for x in impedance.arrhenius(tk, ea)))


def _nominal(infos: list[_Info], s, v) -> float:
    """Without a template: the mean voltage of the lowest-rate full discharge, else the mean
    OCV over SOC."""
    full = [i for i in infos if i.full_start is not None]
    if full:
        info = min(full, key=lambda i: i.phase_current(*i.full_phase()))
        a, b = info.full_phase()
        r = info.run
        return mean_voltage(r.voltage[a:b], r.current[a:b], r.time[a:b])
    return float(np.trapezoid(v, s))


def _table(s, v):
    from ..cell import Table1D

    return Table1D(tuple(float(x) for x in s), tuple(float(x) for x in v))


def _shell(limits, q_cell, nominal, max_current) -> Cell:
    """A stand-in cell for the thermal rounds without a template (never used: no template means
    no temperature factors, so one round)."""
    vmin, vmax = limits
    return Cell(id="fit", maker="", model="", form_factor="cylindrical", cathode="", anode="",
                source="", nominal_voltage=nominal, capacity=q_cell, max_voltage=vmax,
                min_voltage=vmin, resistance=0.05, max_continuous_discharge_current=max_current,
                max_continuous_charge_current=max_current, mass=0.05, height=0.065,
                diameter=0.018)


def _soc_from_voltage(info: _Info, s: np.ndarray, v: np.ndarray) -> float:
    """Initial SOC of a run that does not start full: the OCV table inverted at its first
    voltage (at rest, or under its first current)."""
    v0 = float(info.run.voltage[0])
    return float(np.clip(np.interp(v0, v, s), 0.0, 1.0))


def _report(cell: Cell, info: _Info, role: str, opts: FitOptions, imp, i1c) -> RunReport:
    r = info.run
    ambient = float(r.temperature[0]) if r.temperature is not None else opts.ambient
    ends = info.last_full is not None
    sim = simulate_run(cell, r, info.soc0, ambient, until_cutoff=ends)
    cmp: Comparison = compare(r, sim, ends, info.last_full)
    c_rate = None
    if info.last_full is not None:
        c_rate = info.phase_current(info.last_full, len(r)) / i1c
    return RunReport(r.name, role, len(r), r.sha256, cmp.rms, cmp.max_error, cmp.capacity_error,
                     cmp.coverage, imp.rms.get(r.name) if role == "train" else None, r.time,
                     r.voltage, sim.time, sim.voltage, c_rate)


def _model_report(cell: Cell, info: _Info, imp, i1c, q_cell, T, ocv_fn,
                  tau_d: float | None = None) -> RunReport:
    r = info.run
    f = np.ones(len(r)) if cell.temp_resistance_factor is None else \
        np.asarray(cell.temp_resistance_factor(T), float)
    soc = _soc(info, q_cell)
    emf = ocv_fn(soc - depletion(r.time, r.current, f, tau_d, q_cell)) + \
        cell.entropic_coefficient * (T - T_REF)
    vm = impedance.model_voltage(imp, soc, r.time, r.current, f, emf, i1c)
    e = vm - r.voltage
    rms = float(np.sqrt(np.mean(e ** 2)))
    return RunReport(r.name, "train", len(r), r.sha256, rms, float(np.max(np.abs(e))), None,
                     1.0, imp.rms.get(r.name), r.time, r.voltage, r.time, vm, None)


def _file_entry(r: RunReport) -> dict:
    d = {"file": r.file, "sha256": r.sha256, "role": r.role, "rows": r.rows,
         "rms": f"{r.rms * 1e3:.2f} mV", "max_error": f"{r.max_error * 1e3:.2f} mV"}
    if r.capacity_error is not None:
        d["capacity_error"] = round(r.capacity_error, 5)
    if r.fit_rms is not None:
        d["fit_rms"] = f"{r.fit_rms * 1e3:.2f} mV"
    return d


def _delivered(all_runs, i1c) -> list[dict]:
    """Charge delivered to the cut-off by each full discharge, by C-rate (rate capability)."""
    out = []
    for info, role in all_runs:
        if info.full_start is None:
            continue
        a, b = info.full_phase()
        q = info.run.charge_through()
        out.append({"file": info.run.name, "role": role,
                    "c_rate": round(info.phase_current(a, b) / i1c, 4),
                    "capacity": f"{(q[min(b, len(q) - 1)] - q[a]) / 3600:.5g} Ah"})
    return sorted(out, key=lambda d: d["c_rate"])
