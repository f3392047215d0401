"""Batched Monte Carlo: 100 packs of 16s4p (tob-18650-c-na, the cell file's [spread]) over the
two-wheeler urban cycle (1 h of 200 s stop-and-go blocks, 1 s rows), all packs in one
vectorised run; the goal is ≤ 3 s of CPU (best of 3).  Beside it: the same packs one at a time (batches of one,
which is how liionpack runs them), for 10 packs, scaled to 100."""

from __future__ import annotations

import os
import time

GOAL_CPU = 3.0  # s


def _design():
    from naion_designer.core.pack import Interconnect, PackDesign
    from naion_designer.io.library import library

    cell = library().get("tob-18650-c-na")
    ic = Interconnect(cell_connection=0.5e-3, busbar_segment=0.1e-3, terminal=0.05e-3)
    return PackDesign(cell=cell, series=16, parallel=4, interconnect=ic)


def main() -> None:
    from naion_designer.core.profiles import builtin_profiles
    from naion_designer.core.simulate.batch import pack_seeds, simulate_batch

    d = _design()
    prof = builtin_profiles()["two-wheeler-urban"].make()
    simulate_batch(d, prof.repeat(1), packs=2, seed=0, max_duration=60)  # warm-up
    best, cpu, res = float("inf"), float("inf"), None
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        res = simulate_batch(d, prof, packs=100, seed=1)
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    pct = res.percentiles()
    print(f"100 packs x 16s4p, two-wheeler-urban 3600 s: wall {best:.2f} s, CPU {cpu:.2f} s, "
          f"{res.steps} steps, {res.factorisations} factorisations, "
          f"{cpu / (res.steps * 6400) * 1e6:.3f} CPU µs per cell-step")
    print(f"goal: <= {GOAL_CPU:g} s CPU: {cpu:.2f} s, "
          f"{'met' if cpu <= GOAL_CPU else 'NOT met'}  (load %.2f %.2f %.2f)" % os.getloadavg())
    for k, v in pct.items():
        print(f"  {k:<24} P5 {v['P5']:.6g}  P50 {v['P50']:.6g}  P95 {v['P95']:.6g}")
    seeds = pack_seeds(1, 100)[:10]
    t, c = time.perf_counter(), time.process_time()
    for s in seeds:
        simulate_batch(d, prof, seeds=[s])
    one = time.process_time() - c
    print(f"one pack at a time: 10 packs CPU {one:.2f} s (wall {time.perf_counter() - t:.2f} s)"
          f" -> 100 packs ~{one * 10:.1f} s CPU")


if __name__ == "__main__":
    main()
