"""How long automatic sizing of the whole cell library takes against each preset target
(the goal is under a second each), and what it finds."""

from __future__ import annotations

import time


def main() -> None:
    from naion_designer.core.sizing import size
    from naion_designer.io.library import library
    from naion_designer.io.target_file import presets

    lib = library()
    cells = [lib.cells[i] for i in lib.ids()]
    targets = presets()
    size(next(iter(targets.values())), cells, top=10)  # warm up imports and caches
    print(f"{len(cells)} cells; best of 3 runs, top 10, objective cost, with the Pareto front")
    print(f"{'target':<26}{'time (ms)':>10}{'searched':>11}{'cells ok':>10}  best design")
    worst = 0.0
    for tid, t in targets.items():
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            res = size(t, cells, top=10)
            times.append(time.perf_counter() - t0)
        best_t = min(times)
        worst = max(worst, best_t)
        ok = sum(1 for n in res.passing_counts.values() if n)
        best = res.passing[0] if res.passing else None
        text = (f"{best.cell_id} {best.series}S{best.parallel}P ({best.reasons[0]})" if best
                else "none passes: " + next((v for v in res.rejected_reasons.values() if v), ""))
        print(f"{tid:<26}{best_t * 1e3:>10.0f}{res.evaluated:>11,}{ok:>10}  {text[:90]}")
    print(f"slowest: {worst * 1e3:.0f} ms ({'OK' if worst < 1.0 else 'OVER'} the 1 s goal)")


if __name__ == "__main__":
    main()
