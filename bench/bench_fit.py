"""How long `naion cells fit` takes on five cycler files of 50,000 rows each (1 s sampling,
~14 h each from full: current steps from −1C to 2C of 10-300 s with a 30-min rest every
hour, SOC kept within 10-95 %), read from CSV and fitted with two RC pairs (the capacity given).
The files are made by the fit's own forward model from a known 12 Ah cell, with 1 mV noise."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from bench import best_of

ROWS = 50_000
FILES = 5


def _make(path: Path, seed: int) -> None:
    from naion_designer.core.fit.impedance import ImpedanceFit, model_voltage

    rng = np.random.default_rng(seed)
    q = 12 * 3600.0
    t = np.arange(ROWS, dtype=float)
    i = np.zeros(ROWS)
    k, soc = 0, 1.0  # each log starts charged, at rest
    while k < ROWS:
        if k == 0 or (k % 3600 < 1800 and k % 3600 + 300 > 1800):  # a rest each hour
            n = 1800
            i[k:k + n] = 0.0
        else:
            n = int(rng.integers(10, 300))
            c = rng.uniform(-1.0, 2.0)
            if soc < 0.15:
                c = -abs(c)
            elif soc > 0.9:
                c = abs(c)
            i[k:k + n] = 12.0 * c
        soc -= float(np.sum(i[k:k + n])) / q
        k += n
    soc_t = 1.0 - np.concatenate([[0.0], np.cumsum(i[1:])]) / q
    ocv_s = np.array([0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0])
    ocv_v = np.array([2.3, 2.8, 3.05, 3.2, 3.38, 3.66, 3.9])
    soc_nodes = np.array([0.0, 0.5, 1.0])
    imp = ImpedanceFit(soc_nodes, np.array([1.0]), np.array([[0.012, 0.010, 0.011]]),
                       np.array([0.005, 0.008]), np.array([20.0, 600.0]), {}, {}, 0.0, 0)
    v = model_voltage(imp, soc_t, t, i, np.ones(ROWS), np.interp(soc_t, ocv_s, ocv_v), 12.0)
    v = v + 1e-3 * rng.standard_normal(ROWS)
    np.savetxt(path, np.column_stack([t, i, v]), delimiter=",", fmt=("%.0f", "%.5f", "%.5f"),
               header="time_s,current_A,voltage_V", comments="")


def main() -> None:
    from naion_designer.core.fit import FitOptions, fit_cell
    from naion_designer.io.cycler import read_runs

    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / f"log{n}.csv" for n in range(FILES)]
        for n, p in enumerate(paths):
            _make(p, n)
        result = {}

        def run():
            runs = read_runs(paths)
            result["fit"] = fit_cell(runs, [], FitOptions(capacity=12 * 3600.0))

        t0 = time.perf_counter()
        read_runs(paths)
        t_read = time.perf_counter() - t0
        best = best_of(run, 3)
        res = result["fit"]
        c = res.cell
        print(f"{FILES} files x {ROWS} rows: read {t_read:.2f} s, read + fit {best:.2f} s "
              f"(best of 3; target <= 10 s)")
        print(f"  fitted R0 {c.resistance * 1e3:.2f} mohm (true 10-12), RC "
              + ", ".join(f"{p.resistance * 1e3:.2f} mohm / {p.tau:.0f} s" for p in c.rc)
              + " (true 5 mohm / 20 s, 8 mohm / 600 s)")
        print(f"  training RMS {max(r.rms for r in res.reports) * 1e3:.2f} mV (noise 1 mV)")


if __name__ == "__main__":
    main()
