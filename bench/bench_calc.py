"""How long `calc` takes for large packs (in process), and how long `naion --help` takes to start."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from bench import best_of


def _best(fn, repeat: int = 7) -> float:
    return best_of(fn, repeat)


def main() -> None:
    from naion_designer.core import electrical, layout, network
    from naion_designer.core.electrical import calculate
    from naion_designer.core.pack import Interconnect, PackDesign
    from naion_designer.io.library import library

    cell = library().get("tob-18650-c-na")
    full = Interconnect(cell_connection=0.5e-3, busbar_segment=0.1e-3, terminal=0.05e-3)
    plain = Interconnect(cell_connection=0.5e-3)
    print(f"{'pack':<24}{'interconnect':<28}{'cold (ms)':>10}{'after edit (ms)':>17}")
    for S, P in ((100, 100), (200, 50), (1000, 10), (20, 500)):
        for label, ic in (("cell connections only", plain), ("full busbar network", full)):
            d = PackDesign(cell=cell, series=S, parallel=P, interconnect=ic)

            def cold(d=d):
                layout._cached_layout.cache_clear()
                network.clear_cache()
                electrical._DC_MEMO.clear()
                calculate(d)

            calculate(d)
            edits = iter(range(10**6))
            warm = _best(lambda d=d, e=edits: calculate(d.evolve(name=f"edit {next(e)}")))
            print(f"{f'{S}s{P}p ({S * P} cells)':<24}{label:<28}{_best(cold) * 1e3:>10.1f}"
                  f"{warm * 1e3:>17.1f}")

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
