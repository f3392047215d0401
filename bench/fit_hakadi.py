"""Fit the time-domain R0 of the Hakadi 18650 (cell_library/hakadi-18650-1500.toml) to the
measured constant-current discharges (CC0 data, tests/data/hakadi-18650/).  Not a test and not
run by `python -m bench`: run it by hand (`python -m bench.fit_hakadi`) and paste the printed
[r0_rate] table into the cell file.

Model (the simulator's, exactly): V = OCV(SOC) − R0(SOC, |I|)·I − Σ u_j, with the cell file's
measured OCV table and its two RC pairs (τ 9.8 s / 16.9 mΩ and 364.5 s / 21.7 mΩ from the
third-party pulse fit: constant-current discharges cannot separate the RC pairs from R0, the
pulses can), SOC = 1 − ∫I dt / 1.5 Ah, the measured current held piecewise constant between
samples and the RC pairs integrated exactly.  R0(SOC, c) is a table over 20 SOC nodes × the
C-rates 0.5, 1 and 2 (bilinear in SOC; the drop R0·I linear in I between C-rates).  With the
RC pairs fixed the voltage is linear in the table, so the fit is a bounded linear least-squares
problem (scipy lsq_linear, BVLS) over every sample of the fit runs, with
- a small smoothness penalty on the second difference along SOC (λ = 0.01 V·SOC^1.5), and
- the constraint that the drop rises with the current by at least 5 % of R0 per unit of
  C-rate step (so that R0·I is monotonic and the pack solve stays well posed).
Fit runs: cell 2, run 1 at 0.5C, 1C and 2C.  Check runs: cell 2's other runs (0.5C and 1C
run 2, 0.66C, 0.75C, 1.33C, 1.5C ×2) and cell 1 (whose first runs delivered 1.545 Ah, 3 % above
the nominal 1.5 Ah, so they are compared with the capacity scaled to the cell).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "hakadi-18650"
SHARED = ROOT.parent / "shared" / "reference" / "hakadi-18650"
SOC_NODES = np.array([0.0, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35,
                      0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0])
C_NODES = np.array([0.5, 1.0, 2.0])
FIT_RUNS = ("0c5-2-1", "1c-2-1", "2c-2-1")
CHECK_RUNS = ("0c5-2-2", "1c-2-2", "0c66-2-1", "0c75-2-1", "1c33-2-1", "1c5-2-1", "1c5-2-2",
              "0c5-1-1", "1c-1-1", "2c-1-1")
EPS = 0.05
LAM = 1e-2


def load(name: str):
    for folder in (DATA, SHARED):
        p = folder / f"discharge_{name}.csv"
        if p.exists():
            a = np.genfromtxt(p, delimiter=",", names=True)
            return a["time_s"], -a["current_A"], a["voltage_V"]  # positive = discharge
    raise FileNotFoundError(name)


def _c_weights(c: np.ndarray) -> np.ndarray:
    """Coefficients on R_j of the drop per 1C current, D(c) = Σ_j coef_j R_j."""
    w = np.zeros((len(c), len(C_NODES)))
    lo, hi = c <= C_NODES[0], c >= C_NODES[-1]
    mid = ~(lo | hi)
    w[lo, 0], w[hi, -1] = c[lo], c[hi]
    j = np.clip(np.searchsorted(C_NODES, c[mid]) - 1, 0, len(C_NODES) - 2)
    f = (c[mid] - C_NODES[j]) / (C_NODES[j + 1] - C_NODES[j])
    r = np.nonzero(mid)[0]
    w[r, j] = (1 - f) * C_NODES[j]
    w[r, j + 1] = f * C_NODES[j + 1]
    return w


def design_matrix(name: str, cell, capacity: float | None = None, temps=None):
    """Rows: samples; columns: the R0 table entries; b = what the table must explain.
    temps: the cell temperature at each sample (K) from the simulation, or None (25 °C)."""
    t, i, v = load(name)
    q_cell = capacity or cell.capacity
    dt = np.diff(t)
    soc = 1 - np.concatenate([[0.0], np.cumsum(i[:-1] * dt)]) / q_cell
    T = np.full(len(t), 298.15) if temps is None else temps
    ft = np.ones(len(t)) if cell.temp_resistance_factor is None else \
        np.asarray(cell.temp_resistance_factor(T))
    u = np.zeros(len(t))
    for pair in cell.rc:  # exact for piecewise-constant current
        a = np.exp(-dt / pair.tau)
        x = np.zeros(len(t))
        for k in range(len(t) - 1):
            x[k + 1] = a[k] * x[k] + pair.resistance * ft[k] * (1 - a[k]) * i[k]
        u += x
    i1c = cell.capacity / 3600.0
    wc = _c_weights(i / i1c)
    si = np.clip(np.searchsorted(SOC_NODES, soc) - 1, 0, len(SOC_NODES) - 2)
    ws = np.clip((soc - SOC_NODES[si]) / (SOC_NODES[si + 1] - SOC_NODES[si]), 0, 1)
    ns = len(SOC_NODES)
    W = np.zeros((len(t), len(C_NODES) * ns))
    rows = np.arange(len(t))
    for j in range(len(C_NODES)):
        W[rows, j * ns + si] += wc[:, j] * (1 - ws) * i1c * ft
        W[rows, j * ns + si + 1] += wc[:, j] * ws * i1c * ft
    ocv = np.asarray(cell.ocv(soc)) + cell.entropic_coefficient * (T - 298.15)
    b = ocv - u - v  # = W @ R0-table
    return W, b


def simulated_temperatures(name: str, cell, capacity: float | None = None) -> np.ndarray:
    """The cell temperature at the samples, simulated with `cell` in free air at 25 °C (the
    cell file's thermal data, a single cell: NaIon Designer's default design)."""
    from dataclasses import replace

    from naion_designer.core.pack import PackDesign
    from naion_designer.core.profiles import constant_current, from_steps
    from naion_designer.core.simulate import simulate

    t, i, _ = load(name)
    if capacity:
        cell = replace(cell, capacity=capacity)
    prof = from_steps(t, i) + constant_current(float(np.median(i)))
    res = simulate(PackDesign(cell=cell, series=1, parallel=1), prof, dt=5.0, per_cell=False)
    return np.interp(t, res.time, res.max_cell_temperature)


def _transform() -> np.ndarray:
    """R = T x with x ≥ 0 ⇔ R ≥ 0 and D_{j+1} ≥ (1 + EPS·Δc/c_j) D_j."""
    ns, nc = len(SOC_NODES), len(C_NODES)
    T = np.zeros((nc * ns, nc * ns))
    eye = np.eye(ns)
    T[:ns, :ns] = eye
    for j in range(1, nc):
        rho = 1 + EPS * (C_NODES[j] - C_NODES[j - 1]) / C_NODES[j - 1]
        T[j * ns:(j + 1) * ns, :] = rho * C_NODES[j - 1] / C_NODES[j] * T[(j - 1) * ns:j * ns, :]
        T[j * ns:(j + 1) * ns, j * ns:(j + 1) * ns] += eye / C_NODES[j]
    return T


def _smoothness() -> np.ndarray:
    ns = len(SOC_NODES)
    rows = []
    for j in range(len(C_NODES)):
        for k in range(1, ns - 1):
            r = np.zeros(len(C_NODES) * ns)
            h1, h2 = SOC_NODES[k] - SOC_NODES[k - 1], SOC_NODES[k + 1] - SOC_NODES[k]
            r[j * ns + k - 1], r[j * ns + k], r[j * ns + k + 1] = 1 / h1, -(1 / h1 + 1 / h2), 1 / h2
            rows.append(r * LAM * np.sqrt((h1 + h2) / 2))
    return np.array(rows)


def fit(cell, temps=None):
    from scipy.optimize import lsq_linear

    temps = temps or {}
    A, b = zip(*(design_matrix(n, cell, temps=temps.get(n)) for n in FIT_RUNS), strict=True)
    A, b = np.vstack(A), np.concatenate(b)
    R, T = _smoothness(), _transform()
    res = lsq_linear(np.vstack([A @ T, R @ T]), np.concatenate([b, np.zeros(len(R))]),
                     bounds=(0.0, 5.0), method="bvls")
    table = (T @ res.x).reshape(len(C_NODES), len(SOC_NODES))
    return table, float(np.sqrt(np.mean((A @ T @ res.x - b) ** 2)))


def main() -> None:
    from dataclasses import replace

    from naion_designer.core.cell import RateTable
    from naion_designer.io.library import library

    cell = library().get("hakadi-18650-1500")
    # the cell heats up during a discharge (2C: ~+15 K in free air) and R0 falls with the
    # temperature (the cell file's temperature factors): fit and simulate in turn until the
    # temperatures agree
    temps = None
    for it in range(4):
        table, rms = fit(cell, temps)
        cell = replace(cell, r0_rate=RateTable(tuple(SOC_NODES), tuple(C_NODES),
                                               tuple(tuple(r) for r in table)))
        new = {n: simulated_temperatures(n, cell) for n in FIT_RUNS}
        change = 0.0 if temps is None else max(np.abs(new[n] - temps[n]).max() for n in new)
        temps = new
        print(f"iteration {it}: fit RMS {rms * 1e3:.2f} mV, max temperature "
              f"{max(x.max() for x in temps.values()) - 273.15:.1f} °C, change {change:.3f} K")
    print(f"fit RMS over {', '.join(FIT_RUNS)}: {rms * 1e3:.1f} mV")
    for n in FIT_RUNS + CHECK_RUNS:
        t, i, v = load(n)
        delivered = float(np.trapezoid(i, t))
        cap = max(cell.capacity, delivered) if n.endswith("-1-1") else None
        W, b = design_matrix(n, cell, cap, simulated_temperatures(n, cell, cap))
        e = W @ table.ravel() - b
        print(f"  {n:10s} RMS {np.sqrt(np.mean(e ** 2)) * 1e3:6.1f} mV"
              + ("  (capacity scaled to the cell's)" if cap else ""))
    print("\n[r0_rate]")
    print("soc = [" + ", ".join(f"{s:g}" for s in SOC_NODES) + "]")
    print("c_rate = [" + ", ".join(f"{c:g}" for c in C_NODES) + "]")
    print("resistance = [")
    for row in table:
        print("    [" + ", ".join(f"{x * 1e3:.1f}" for x in row) + "],")
    print("]\nunit = \"mohm\"")


if __name__ == "__main__":
    main()
