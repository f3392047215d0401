"""How fast `simulate` is: a 100s10p pack (1,000 cells, full interconnect network: cell
connections, busbar segments, terminals) over 1,800 one-second rows at 1C, and the cost per
output row and per internal step from 100 to 10,000 cells.  In process, simulation only (no
CSV writing).  The 100s100p goal is per internal step, measured with a step on every row (the
default takes steps of several rows in a settled constant-current stretch).

For comparison, liionpack (PyBaMM's pack simulator, lagged coupling, CasADi) needs about 77 s for
1,000 cells at 10 s steps on this class of machine."""

from __future__ import annotations

import os
import time


def _best(fn, repeat: int = 5) -> tuple[float, float, object]:
    """Best wall time and best CPU time of this process (the CPU time is what an idle machine
    gives when other jobs share the cores), and the last result."""
    best, best_cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    return best, best_cpu, out


def _design(S: int, P: int):
    from naion_designer.core.pack import Interconnect, PackDesign
    from naion_designer.io.library import library

    cell = library().get("tob-18650-c-na")
    ic = Interconnect(cell_connection=0.5e-3, busbar_segment=0.1e-3, terminal=0.05e-3)
    return PackDesign(cell=cell, series=S, parallel=P, interconnect=ic)


GOAL_PER_CELL = 0.25  # s in process (CPU), 100s10p x 1,800 x 1 s rows with per-cell output
GOAL_CELL_STEP = 0.2  # CPU µs per cell-step, 100s100p at 1 s rows


def _verdict(value: float, goal: float) -> str:
    return "met" if value <= goal else "NOT met"


def _load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    from naion_designer.core.profiles import constant_current
    from naion_designer.core.simulate import simulate

    print(f"cores: {os.cpu_count()}, {_load()}")
    cpu_per_cell = cpu_100p = float("nan")
    d = _design(100, 10)
    prof = constant_current(1.0, 1800, unit="C")
    simulate(d, constant_current(1.0, 20, unit="C"), dt=1.0)  # warm-up (imports, caches)
    print(f"{'case':<50}{'wall (s)':>10}{'CPU (s)':>10}{'steps':>8}{'rows':>7}"
          f"{'factorisations':>16}")

    def line(label, t, c, r):
        print(f"{label:<50}{t:>10.3f}{c:>10.3f}{r.steps:>8}{len(r.time):>7}"
              f"{r.factorisations:>16}")

    for per_cell in (False, True):
        t, c, r = _best(lambda pc=per_cell: simulate(d, prof, dt=1.0, per_cell=pc))
        line(f"100s10p, 1800 x 1 s, per_cell={per_cell}", t, c, r)
        if per_cell:
            cpu_per_cell = c
    t, c, r = _best(lambda: simulate(d, prof, dt=1.0, per_cell=True))
    print(f"{'  in process (wall_time of the result)':<50}{r.wall_time:>10.3f}")
    t, c, r = _best(lambda: simulate(d, prof, dt=1.0, per_cell=True, interior_rows=False))
    line("  the same, a step on every row", t, c, r)
    t, c, r = _best(lambda: simulate(d, prof, dt=10.0, per_cell=True))
    line("100s10p, 1800 s at 10 s rows", t, c, r)
    print()
    print("per output row (default) and per internal step with a step on every row:")
    print(f"{'cells':>7}{'pack':>10}{'us/row (CPU)':>14}{'us/row/cell':>13}"
          f"{'us/step (CPU)':>15}{'us/step/cell':>14}")
    for S, P in ((10, 10), (100, 10), (400, 10), (1000, 10), (100, 100)):
        dd = _design(S, P)
        p = constant_current(1.0, 300 if P < 100 else 900, unit="C")
        simulate(dd, constant_current(1.0, 5, unit="C"), dt=1.0, per_cell=False)
        _, c, r = _best(lambda dd=dd, p=p: simulate(dd, p, dt=1.0, per_cell=False), 3)
        _, c1, r1 = _best(lambda dd=dd, p=p: simulate(dd, p, dt=1.0, per_cell=False,
                                                      interior_rows=False), 3)
        row, step = c / len(r.time) * 1e6, c1 / r1.steps * 1e6
        print(f"{S * P:>7}{f'{S}s{P}p':>10}{row:>14.1f}{row / (S * P):>13.3f}"
              f"{step:>15.1f}{step / (S * P):>14.3f}")
        if (S, P) == (100, 100):
            cpu_100p = step / (S * P)
    print()
    print(f"goal: 100s10p x 1800 x 1 s per-cell <= {GOAL_PER_CELL} s CPU in process: "
          f"{cpu_per_cell:.3f} s, {_verdict(cpu_per_cell, GOAL_PER_CELL)}")
    print(f"goal: 100s100p <= {GOAL_CELL_STEP} CPU us per cell-step (a step on every 1 s row): "
          f"{cpu_100p:.3f}, {_verdict(cpu_100p, GOAL_CELL_STEP)}  ({_load()})")


if __name__ == "__main__":
    main()
