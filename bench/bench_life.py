"""How fast a lifetime is: 15 years of the home-storage day (one cycle a day, PV charge and
evening discharge, then a recharge) of the bundled 16S1P home-storage example, every cell aged
by its own current, SOC and temperature.  Target: ≤ 5 s.  Also a 16S4P two-wheeler pack over
8 years, the spec sheet's lifetime (the nominal pack and a seeded Monte Carlo of 10 packs, all
in the same batched cycle simulations) and a Monte Carlo of 100 packs of the 16S1P over 15
years (all 100 packs' cycles of each round of blocks in one batched simulation).  Times are
CPU seconds of this process (the best of the repeats), less disturbed by other load than the
wall clock."""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from naion_designer.core.life import LifeSettings, run_life
    from naion_designer.core.life_mc import run_life_monte_carlo
    from naion_designer.core.life_request import run_request
    from naion_designer.core.pack import PackDesign
    from naion_designer.core.profiles import parse_builtin
    from naion_designer.io.design_file import read_design_file
    from naion_designer.io.library import resolve_cell

    home = read_design_file(ROOT / "examples" / "home-storage-51v.naion")
    day = parse_builtin("home-storage-day")
    out = {}

    def cpu_best(fn, repeat: int = 1) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            fn()
            times.append(time.process_time() - t0)
        return min(times)

    def home_life():
        out["home"] = run_life(home, day, LifeSettings(years=15.0))

    t = cpu_best(home_life, repeat=3)
    r = out["home"]
    print(f"{'case':<52}{'CPU (s)':>10}{'cycles':>8}  result")
    eol = f"{r.eol_year:.1f}" if r.eol_year is not None else "beyond 15"
    print(f"{'16S1P home storage, 15 years, daily cycle':<52}{t:>10.2f}{r.simulations:>8}  "
          f"SOH {r.rows[-1].capacity_soh:.1%} in year 15, end of life year {eol}")
    moped = PackDesign(resolve_cell("hina-nacr32140-me12"), 16, 4, name="16S4P")
    urban = parse_builtin("two-wheeler-urban")

    def moped_life():
        out["moped"] = run_life(moped, urban, LifeSettings(years=8.0))

    t = cpu_best(moped_life)
    r = out["moped"]
    print(f"{'16S4P two-wheeler urban hour a day, 8 years':<52}{t:>10.2f}{r.simulations:>8}  "
          f"SOH {r.rows[-1].capacity_soh:.1%} in year 8")
    req = home.lifetime
    t = cpu_best(lambda: out.__setitem__("req", run_request(home, day, req)))
    o = out["req"]
    mc = o.monte_carlo
    cycles = o.nominal.simulations + sum(p.simulations for p in mc.packs)
    p5, p50, p95 = mc.eol_percentiles
    print(f"{'spec sheet: nominal + Monte Carlo 10 packs, 15 years':<52}{t:>10.2f}{cycles:>8}  "
          f"end of life P5/P50/P95 {p5:.1f}/{p50:.1f}/{p95:.1f}")
    t = cpu_best(lambda: out.__setitem__(
        "mc", run_life_monte_carlo(home, day, LifeSettings(years=15.0), 100, seed=1)))
    mc = out["mc"]
    cycles = sum(p.simulations for p in mc.packs)
    p5, p50, p95 = mc.eol_percentiles
    print(f"{'16S1P home storage, 15 years, Monte Carlo 100 packs':<52}{t:>10.2f}{cycles:>8}  "
          f"end of life P5/P50/P95 {p5:.1f}/{p50:.1f}/{p95:.1f}")


if __name__ == "__main__":
    main()
