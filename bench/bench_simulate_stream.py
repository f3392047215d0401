"""Long simulations stream: `naion simulate` of a 16s1p pack under a profile CSV of 10⁵ and 10⁶
one-second rows (a varying current), in process, the rows written to OUT.csv as they are
computed.  Prints the time and the peak resident memory of a fresh process for each length
(linear time, bounded memory: the goal is ≤ 300 MB for 10⁶ rows).

    python -m bench.bench_simulate_stream [ROWS ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

GOAL_RSS_MB = 300

_CHILD = textwrap.dedent("""
    import resource, sys, time
    from naion_designer.cli import main
    t = time.perf_counter()
    code = main(["simulate", "--cell", "tob-18650-c-na", "--series", "16", "--parallel", "1",
                 "--profile", sys.argv[1], "-o", sys.argv[2], "--soc0", "0.5", "--quiet",
                 "--stats"])
    wall = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{code} {wall:.2f} {rss:.0f}")
""")


def _profile(path: Path, rows: int) -> None:
    """Discharge and charge in turn (±1.2 A on a cell of 1.5 Ah, a 20 min period with a
    faster ripple), one row a second: the SOC swings 0.35-0.65 for ever."""
    import numpy as np

    t = np.arange(rows)
    i = 1.0 * np.sin(2 * np.pi * t / 1200.0) + 0.2 * np.cos(t / 13.0)
    with path.open("w") as fh:
        fh.write("time_s,current_A\n")
        np.savetxt(fh, np.column_stack([t, i]), fmt=["%d", "%.4f"], delimiter=",")


def main(argv: list[str] | None = None) -> None:
    counts = [int(a) for a in (argv if argv is not None else sys.argv[1:]) if a.isdigit()] \
        or [100_000, 1_000_000]
    print(f"{'rows':>10}{'wall (s)':>10}{'µs/row':>9}{'peak RSS (MB)':>15}  stats")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in counts:
            prof, out = Path(tmp) / f"p{rows}.csv", Path(tmp) / "out.csv"
            _profile(prof, rows)
            r = subprocess.run([sys.executable, "-c", _CHILD, str(prof), str(out)],
                               capture_output=True, text=True, check=False)
            if r.returncode != 0 or not r.stdout.strip():
                print(f"{rows:>10}  failed: {r.stderr.strip()[-300:]}")
                continue
            code, wall, rss = r.stdout.split()
            stats = [ln for ln in r.stderr.splitlines() if ln.startswith("simulation:")]
            n_out = sum(1 for _ in out.open()) - 1
            print(f"{rows:>10}{float(wall):>10.1f}{float(wall) / rows * 1e6:>9.1f}"
                  f"{float(rss):>15.0f}  {stats[0] if stats else ''} ({n_out} rows written)")
            if rows >= 1_000_000:
                print(f"goal: 10⁶ rows in <= {GOAL_RSS_MB} MB: {float(rss):.0f} MB, "
                      f"{'met' if float(rss) <= GOAL_RSS_MB else 'NOT met'}  "
                      "(load %.2f %.2f %.2f)" % os.getloadavg())


if __name__ == "__main__":
    main()
