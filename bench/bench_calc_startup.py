"""`naion calc DESIGN` end to end, as a user runs it: process start (Python, imports, the cell
library) → the result printed, for the two bundled examples.  Goal (home-storage): ≤ 0.5 s.
Wall and CPU time of the child process (CPU is the less load-dependent figure), median and
best of 7 runs after one warm-up run (which writes the bytecode caches)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.5


def run_once(design: Path) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its bytecode caches
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "naion_designer", "calc", str(design)], env=env,
                   check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    for name in ("home-storage-51v", "e-moped-60v"):
        design = ROOT / "examples" / f"{name}.naion"
        run_once(design)
        runs = [run_once(design) for _ in range(7)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        goal = ""
        if name == "home-storage-51v":
            goal = f"; goal ≤ {GOAL} s: {'met' if wall <= GOAL else 'NOT met'}"
        print(f"naion calc {name}: wall {wall:.2f} s median (best {min(r[0] for r in runs):.2f}), "
              f"CPU {cpu:.2f} s median (best {min(r[1] for r in runs):.2f}){goal}; "
              f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
