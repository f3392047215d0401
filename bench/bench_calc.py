"""How long `calc` takes for packs of 10,000 cells (in process), with the cell connections only,
with the full busbar network (explicit `busbar_segment`: a sheet on every busbar) and with
busbars from geometry (copper strips, one node per cell face), quiet and with a busy loop on
another core; and how long `naion --help` takes to start.

Goal: `calc` of 10,000 cells with the full busbar network ≤ 5 ms with the other core busy.  CPU
time is the criterion (the machine is shared; wall time is printed beside it): a BLAS thread
pool would show here as CPU time of its threads."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

GOAL_MS = 5.0
PACKS = ((100, 100), (200, 50), (1000, 10), (20, 500))


def _times(fn, repeat: int) -> tuple[float, float]:
    """(best wall, median CPU) of `repeat` runs, in ms."""
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall) * 1e3, statistics.median(cpu) * 1e3


def _interconnects():
    from naion_designer.core.pack import Busbar, Interconnect

    return (("cell connections only", Interconnect(cell_connection=0.5e-3)),
            ("full busbar network", Interconnect(cell_connection=0.5e-3, busbar_segment=0.1e-3,
                                                 terminal=0.05e-3)),
            ("busbars from geometry", Interconnect(cell_connection=0.5e-3, terminal=0.05e-3,
                                                   busbar=Busbar("copper", 0.0003, 0.008))))


def _run(labels: set[str], repeat: int) -> dict[tuple[int, int, str], tuple[float, float, float]]:
    from naion_designer.core import electrical, layout, network
    from naion_designer.core.electrical import calculate
    from naion_designer.core.pack import PackDesign
    from naion_designer.io.library import library

    cell = library().get("tob-18650-c-na")
    out = {}
    for S, P in PACKS:
        for label, ic in _interconnects():
            if label not in labels:
                continue
            d = PackDesign(cell=cell, series=S, parallel=P, interconnect=ic)

            def cold(d=d):
                layout._cached_layout.cache_clear()
                network.clear_cache()
                electrical._DC_MEMO.clear()
                calculate(d)

            calculate(d)
            edits = iter(range(10**6))
            wall, cpu = _times(cold, repeat)
            warm, _ = _times(lambda d=d, e=edits: calculate(d.evolve(name=f"edit {next(e)}")),
                             repeat)
            out[(S, P, label)] = (wall, cpu, warm)
            print(f"{f'{S}s{P}p ({S * P} cells)':<24}{label:<24}{wall:>10.1f}{cpu:>10.1f}"
                  f"{warm:>13.1f}", flush=True)
    return out


def _header() -> None:
    print(f"{'pack':<24}{'interconnect':<24}{'cold wall':>10}{'cold CPU':>10}"
          f"{'after edit':>13}   (ms: best wall, median CPU of the runs)")


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    print(f"cores: {os.cpu_count()}, {_load()}")
    _header()
    _run({label for label, _ in _interconnects()}, repeat=9)

    print(f"\nwith a busy loop on another core ({_load()}):")
    _header()
    busy = subprocess.Popen([sys.executable, "-c", "while 1: pass"])
    try:
        time.sleep(0.2)
        loaded = _run({"full busbar network", "busbars from geometry"}, repeat=15)
    finally:
        busy.kill()
        busy.wait()
    worst = max(cpu for (_, _, label), (_, cpu, _) in loaded.items()
                if label == "full busbar network")
    print(f"goal: calc of 10,000 cells with the full busbar network <= {GOAL_MS:.0f} ms CPU with "
          f"the other core busy: worst pack {worst:.1f} ms -> "
          f"{'met' if worst <= GOAL_MS else 'NOT met'}")

    times = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "naion_designer", "--help"], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - t)
    print(f"naion --help: {statistics.median(times) * 1e3:.0f} ms median of 7 "
          f"(min {min(times) * 1e3:.0f} ms)")


if __name__ == "__main__":
    main()
