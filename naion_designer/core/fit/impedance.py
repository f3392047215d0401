"""R0(SOC, C-rate) and 1–3 RC pairs by nonlinear least squares (scipy.optimize.least_squares)
on the simulator's own cell model, with the OCV and the SOC of every sample given:

    V = OCV(SOC) + e·(T − 298.15 K) − f(T)·R0(SOC, |I|)·I − Σ_j u_j,
    u_j[k+1] = a_k·u_j[k] + f_{k+1}·R_j·(1 − a_k)·I_{k+1},   a_k = exp(−Δt_k/τ_j)

(each sample's current held over the interval that ends at it, exactly integrated).  R0 is a table over SOC
nodes × C-rates, bilinear like the simulator's `[r0_rate]`: linear in SOC, the drop R0·c linear
in c between rates, constant R0 outside.  Bounds keep it physical: every resistance positive,
the drop growing with the current (by at least 5 % of R0 per C-rate step, so the pack solve
stays well posed), each RC time constant in its own range (fast, slow, slowest) and shorter
than the longest run.  A small penalty on the second difference along SOC keeps R0 smooth where
the data say little.  The Jacobian is analytic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from . import recursion

TR_SOLVER = "exact"
R_MIN = 1e-6  # ohm
GAS = 8.314462618  # J/(mol·K)
T_REF = 298.15
EA_RANGE = (0.0, 100.0)  # kJ/mol, the activation energy of R0 and the RC resistances
EPS = 0.05  # least growth of the drop per C-rate step, relative
LAM = 0.01  # smoothness weight (V per unit second difference at 1C, for 2,500 samples)
MAX_RESIDUALS = 4000  # residual samples per run (all of them near current changes)
R0_SOC_NODES = np.array([0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
                         1.0])
TAU_RANGES = {1: [(1.0, 3000.0)],
              2: [(1.0, 100.0), (60.0, 5000.0)],
              3: [(1.0, 30.0), (20.0, 600.0), (300.0, 20000.0)]}


@dataclass
class Prepared:
    """One run ready for the fit: every sample for the RC recursion, `idx` for the residual."""

    name: str
    dt: np.ndarray  # (n-1,)
    current: np.ndarray  # (n,)
    factor: np.ndarray  # (n,) resistance factor f(T)
    target: np.ndarray  # OCV(SOC) + e·(T − Tref) − V at idx: what the drops must explain
    idx: np.ndarray
    W: np.ndarray | None = None  # (len(idx), nc·ns): R0 table → drop
    temperature: np.ndarray | None = None  # (n,) K, measured: fit an Arrhenius factor


@dataclass(frozen=True)
class ImpedanceFit:
    soc: np.ndarray
    c_rate: np.ndarray
    r0: np.ndarray  # (nc, ns) ohm
    rc_resistance: np.ndarray  # ohm
    rc_tau: np.ndarray  # s
    rms: dict[str, float]  # per run, V (the fit's own model)
    max_error: dict[str, float]
    cost: float
    iterations: int
    activation_energy: float | None = None  # kJ/mol, when fitted from measured temperatures


def residual_indices(t: np.ndarray, i: np.ndarray, budget: int = MAX_RESIDUALS) -> np.ndarray:
    n = len(t)
    if n <= budget:
        return np.arange(n)
    thr = 0.1 * max(float(np.max(np.abs(i))), 1e-9)
    edges = np.flatnonzero(np.abs(np.diff(i)) > thr) + 1
    near = np.zeros(n, bool)
    if len(edges):
        starts = t[edges]
        k = np.searchsorted(starts, t, side="right") - 1
        ok = k >= 0
        near[ok] = t[ok] - starts[k[ok]] <= 60.0
    near_idx = np.flatnonzero(near)
    if len(near_idx) > budget // 2:
        near_idx = near_idx[np.linspace(0, len(near_idx) - 1, budget // 2).astype(int)]
    rest = np.linspace(0, n - 1, budget - len(near_idx)).astype(int)
    return np.unique(np.concatenate([near_idx, rest]))


def rate_weights(c: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """(n, nc): R0 at C-rate c as a combination of the rows of the table."""
    w = np.zeros((len(c), len(nodes)))
    if len(nodes) == 1:
        w[:, 0] = 1.0
        return w
    lo, hi = c <= nodes[0], c >= nodes[-1]
    mid = ~(lo | hi)
    w[lo, 0] = 1.0
    w[hi, -1] = 1.0
    j = np.clip(np.searchsorted(nodes, c[mid]) - 1, 0, len(nodes) - 2)
    f = (c[mid] - nodes[j]) / (nodes[j + 1] - nodes[j])
    r = np.flatnonzero(mid)
    w[r, j] = (1 - f) * nodes[j] / c[mid]
    w[r, j + 1] = f * nodes[j + 1] / c[mid]
    return w


def design_matrix(soc: np.ndarray, current: np.ndarray, factor: np.ndarray, i1c: float,
                  soc_nodes: np.ndarray, c_nodes: np.ndarray) -> np.ndarray:
    """Rows: samples; columns: the R0 table (row-major, C-rate × SOC); W @ R = f·R0·I."""
    n, ns = len(soc), len(soc_nodes)
    wc = rate_weights(np.abs(current) / i1c, c_nodes)
    s = np.clip(soc, soc_nodes[0], soc_nodes[-1])
    k = np.clip(np.searchsorted(soc_nodes, s) - 1, 0, ns - 2)
    ws = (s - soc_nodes[k]) / (soc_nodes[k + 1] - soc_nodes[k])
    W = np.zeros((n, len(c_nodes) * ns))
    rows = np.arange(n)
    g = factor * current
    for j in range(len(c_nodes)):
        W[rows, j * ns + k] += wc[:, j] * (1 - ws) * g
        W[rows, j * ns + k + 1] += wc[:, j] * ws * g
    return W


def monotone_transform(c_nodes: np.ndarray, ns: int) -> np.ndarray:
    """R = T x with x ≥ 0 ⇔ R ≥ 0 and D_{j+1} ≥ (1 + EPS·Δc/c_j)·D_j (D = c·R)."""
    nc = len(c_nodes)
    T = np.zeros((nc * ns, nc * ns))
    eye = np.eye(ns)
    T[:ns, :ns] = eye
    for j in range(1, nc):
        rho = 1 + EPS * (c_nodes[j] - c_nodes[j - 1]) / c_nodes[j - 1]
        T[j * ns:(j + 1) * ns, :] = rho * c_nodes[j - 1] / c_nodes[j] * T[(j - 1) * ns:j * ns, :]
        T[j * ns:(j + 1) * ns, j * ns:(j + 1) * ns] += eye / c_nodes[j]
    return T


def smoothness(soc_nodes: np.ndarray, nc: int) -> np.ndarray:
    ns = len(soc_nodes)
    rows = []
    for j in range(nc):
        for k in range(1, ns - 1):
            r = np.zeros(nc * ns)
            h1, h2 = soc_nodes[k] - soc_nodes[k - 1], soc_nodes[k + 1] - soc_nodes[k]
            r[j * ns + k - 1], r[j * ns + k], r[j * ns + k + 1] = \
                1 / h1, -(1 / h1 + 1 / h2), 1 / h2
            rows.append(r * np.sqrt((h1 + h2) / 2))
    return np.array(rows) if rows else np.zeros((0, nc * ns))


def _rc(run: Prepared, tau: float, factor: np.ndarray | None = None,
        dfactor: np.ndarray | None = None):
    """g (u per ohm of R_j), dg/dln τ and (with dfactor) dg/dEa at every sample."""
    f = run.factor if factor is None else factor
    a = np.exp(-run.dt / tau)
    fi = f[1:] * run.current[1:]
    g = recursion.solve(a, (1 - a) * fi)
    da = a * run.dt / tau  # d a / d ln τ
    dg = recursion.solve(a, da * (g[:-1] - fi))
    ge = None if dfactor is None else recursion.solve(a, (1 - a) * dfactor[1:] *
                                                      run.current[1:])
    return g, dg, ge


def arrhenius(temperature: np.ndarray, ea: float) -> np.ndarray:
    """The resistance factor exp(Ea/R·(1/T − 1/298.15 K)), Ea in kJ/mol."""
    return np.exp(ea * 1e3 / GAS * (1.0 / temperature - 1.0 / T_REF))


def fit_impedance(runs: list[Prepared], i1c: float, c_nodes: np.ndarray, n_rc: int,
                  r0_guess: float, max_duration: float, min_dt: float,
                  soc_nodes: np.ndarray = R0_SOC_NODES, cancel=None,
                  fit_temperature: bool = False) -> ImpedanceFit:
    """With `fit_temperature` every run's `temperature` drives a fitted Arrhenius factor on
    R0 and the RC resistances (W built with factor 1), the simulator's f_R(T)."""
    ns, nc = len(soc_nodes), len(c_nodes)
    T = monotone_transform(c_nodes, ns)
    n_res = sum(len(r.idx) for r in runs)
    S = smoothness(soc_nodes, nc) * (LAM * i1c * np.sqrt(n_res / 2500.0))
    ST = S @ T
    WT = [r.W @ T for r in runs]
    nx = nc * ns
    lo_tau, hi_tau = [], []
    for lo, hi in TAU_RANGES[n_rc] if n_rc else []:
        lo = max(lo, min_dt)
        hi = max(min(hi, max_duration), lo * 1.5)
        lo_tau.append(lo)
        hi_tau.append(hi)
    r_max = 5.0 / max(i1c, 1e-9)  # 5 V at 1C: no real cell is near
    x0 = np.zeros(nx)
    x0[:ns] = r0_guess
    x0[ns:] = r0_guess * EPS / 10  # rows above the first: just above the least growth
    rc0 = np.full(n_rc, 0.25 * r0_guess)
    lt0 = np.log(np.sqrt(np.array(lo_tau) * np.array(hi_tau))) if n_rc else np.zeros(0)
    ne = 1 if fit_temperature else 0
    p0 = np.concatenate([x0, rc0, lt0, [30.0] * ne])
    # the lowest R0 and RC resistance: 1 µΩ (positive, and still so in a cell file's mΩ)
    lb = np.concatenate([np.zeros(nx), np.full(n_rc, R_MIN), np.log(lo_tau) if n_rc else [],
                         [EA_RANGE[0]] * ne])
    lb[:ns] = R_MIN
    ub = np.concatenate([np.full(nx, r_max), np.full(n_rc, r_max),
                         np.log(hi_tau) if n_rc else [], [EA_RANGE[1]] * ne])
    p0 = np.clip(p0, lb + 1e-12, ub - 1e-12)
    cache: dict = {}

    def factors(p):
        """Per run: (f, df/dEa) at every sample, or (None, None) without the temperature fit."""
        if not ne:
            return [(None, None)] * len(runs)
        out = []
        for r in runs:
            f = arrhenius(r.temperature, float(p[-1]))
            out.append((f, f * 1e3 / GAS * (1.0 / r.temperature - 1.0 / T_REF)))
        return out

    def parts(p):
        key = p.tobytes()
        if key not in cache:
            cache.clear()
            fac = factors(p)
            cache[key] = (fac, [[_rc(r, float(np.exp(lt)), f, df)
                                 for lt in p[nx + n_rc:nx + 2 * n_rc]]
                                for r, (f, df) in zip(runs, fac, strict=True)])
        return cache[key]

    def fun(p):
        if cancel is not None and cancel():
            from .fitting import FitCancelled

            raise FitCancelled("fit cancelled")
        x, rr = p[:nx], p[nx:nx + n_rc]
        out = []
        fac, rcs = parts(p)
        for run, wt, rc, (f, _df) in zip(runs, WT, rcs, fac, strict=True):
            model_drop = wt @ x if f is None else f[run.idx] * (wt @ x)
            for j in range(n_rc):
                model_drop = model_drop + rr[j] * rc[j][0][run.idx]
            out.append(run.target - model_drop)  # OCV − V − drops = model error (V_model − V)
        out.append(ST @ x)
        return np.concatenate(out)

    def jac(p):
        x, rr = p[:nx], p[nx:nx + n_rc]
        blocks = []
        fac, rcs = parts(p)
        for run, wt, rc, (f, df) in zip(runs, WT, rcs, fac, strict=True):
            cols = [-wt if f is None else -(f[run.idx][:, None] * wt)]
            cols += [-rc[j][0][run.idx][:, None] for j in range(n_rc)]
            cols += [-(rr[j] * rc[j][1][run.idx])[:, None] for j in range(n_rc)]
            if ne:
                de = df[run.idx] * (wt @ x)
                for j in range(n_rc):
                    de = de + rr[j] * rc[j][2][run.idx]
                cols.append(-de[:, None])
            blocks.append(np.hstack(cols))
        blocks.append(np.hstack([ST, np.zeros((len(ST), 2 * n_rc + ne))]))
        return np.vstack(blocks)

    # one BLAS thread: the matrices are tall and thin (thousands × tens), where a thread pool
    # only adds hand-over cost, and it stalls badly on a busy machine
    with threadpool_limits(1, user_api="blas"):
        sol = _solve(fun, jac, p0, lb, ub)
        res = fun(sol.x)
    x, rr, lt = sol.x[:nx], sol.x[nx:nx + n_rc], sol.x[nx + n_rc:nx + 2 * n_rc]
    rms, mx = {}, {}
    k = 0
    for run in runs:
        e = res[k:k + len(run.idx)]
        k += len(run.idx)
        rms[run.name] = float(np.sqrt(np.mean(e ** 2)))
        mx[run.name] = float(np.max(np.abs(e)))
    order = np.argsort(lt)
    return ImpedanceFit(soc_nodes.copy(), np.asarray(c_nodes, float),
                        (T @ x).reshape(nc, ns), rr[order], np.exp(lt)[order], rms, mx,
                        float(sol.cost), int(sol.nfev), float(sol.x[-1]) if ne else None)


def _solve(fun, jac, p0, lb, ub):
    from scipy.optimize import least_squares  # heavy: imported when a fit runs

    return least_squares(fun, p0, jac=jac, bounds=(lb, ub), method="trf", x_scale="jac",
                         tr_solver=TR_SOLVER,
                         xtol=1e-6, ftol=1e-6, gtol=1e-6, max_nfev=150)


def model_voltage(imp: ImpedanceFit, soc: np.ndarray, time: np.ndarray, current: np.ndarray,
                  factor: np.ndarray, emf: np.ndarray, i1c: float) -> np.ndarray:
    """The fitted model's voltage at every sample: emf = OCV(SOC) + e·(T − Tref)."""
    wc = rate_weights(np.abs(current) / i1c, imp.c_rate)
    r0 = np.zeros(len(soc))
    for j in range(len(imp.c_rate)):
        r0 += wc[:, j] * np.interp(soc, imp.soc, imp.r0[j])
    v = emf - factor * r0 * current
    dt = np.diff(time)
    for r, tau in zip(imp.rc_resistance, imp.rc_tau, strict=True):
        a = np.exp(-dt / tau)
        v = v - recursion.solve(a, r * (1 - a) * factor[1:] * current[1:])
    return v
