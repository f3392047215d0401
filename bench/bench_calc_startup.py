"""`naion calc DESIGN` end to end, as a user runs it: process start (Python, imports, the cell
library) → the result printed, for the two bundled examples (goal for each: ≤ 0.5 s), and the
start-up of a few other commands.  Wall and CPU time of the child process (CPU is the less
load-dependent figure), median and best of 7 runs after one warm-up run (which writes the
bytecode caches)."""

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
EXAMPLES = ROOT / "examples"
COMMANDS = [
    ("calc home-storage-51v", ["calc", str(EXAMPLES / "home-storage-51v.naion")], True),
    ("calc e-moped-60v", ["calc", str(EXAMPLES / "e-moped-60v.naion")], True),
    ("calc e-moped-60v --json", ["calc", str(EXAMPLES / "e-moped-60v.naion"), "--json"], False),
    ("simulate --help", ["simulate", "--help"], False),
    ("cells list", ["cells", "list"], False),
    ("targets check e-moped-60v", ["targets", "check", str(EXAMPLES / "e-moped-60v.naion")],
     False),
]


def run_once(args: list[str]) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its bytecode caches
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "naion_designer", *args], env=env, check=True,
                   capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    for name, args, goal in COMMANDS:
        run_once(args)
        runs = [run_once(args) for _ in range(7)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        met = f"; goal ≤ {GOAL} s: {'met' if wall <= GOAL else 'NOT met'}" if goal else ""
        print(f"naion {name}: wall {wall:.2f} s median (best {min(r[0] for r in runs):.2f}), "
              f"CPU {cpu:.2f} s median (best {min(r[1] for r in runs):.2f}){met}; "
              f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
