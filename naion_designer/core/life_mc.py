"""Monte Carlo over the cells' spread: N packs, each drawn from the cell file's `[spread]`
(capacity and resistance CVs) and the ageing model's spread of ageing rates (`rate_cv`), each
run through its whole lifetime (all N packs advance together: every round of blocks is one
batched simulation of the N packs' cycles); percentiles (P5/P50/P95) per year and of the
end-of-life year.  Pack k's lifetime is the one it has alone (`life.run_life` with its draw).

Pack k's cells come from the k-th child of the seed's `SeedSequence`, so a seeded run is
reproducible bit for bit, and the first packs of a larger run are the packs of a smaller one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .ageing import ageing_model
from .life import LifeResult, LifeSettings, PackDraw, run_lives
from .pack import PackDesign
from .profiles import Profile
from .units import InputError

PERCENTILES = (5.0, 50.0, 95.0)
ROW_FIELDS = ("capacity", "capacity_soh", "usable_energy", "resistance", "power",
              "worst_cell_soh", "duty_energy")


def _factors(rng: np.random.Generator, cv: float, n: int) -> np.ndarray:
    if not cv:
        return np.ones(n)
    return np.clip(rng.normal(1.0, cv, n), max(1.0 - 4.0 * cv, 0.05), 1.0 + 4.0 * cv)


def draw_pack(design: PackDesign, rng: np.random.Generator) -> PackDraw:
    """One pack's cells from the spread (normal, clipped at ±4 σ), in a fixed order: capacity,
    resistance, ageing rate."""
    cell = design.cell
    shape = (design.series, design.parallel)
    n = shape[0] * shape[1]
    cap = design.cell_array("capacity") * _factors(rng, cell.capacity_cv or 0.0, n).reshape(shape)
    res = design.cell_array("resistance") * _factors(rng, cell.resistance_cv or 0.0,
                                                     n).reshape(shape)
    mult = _factors(rng, ageing_model(cell).rate_cv, n).reshape(shape)
    return PackDraw(cap, res, mult)


def draws(design: PackDesign, n: int, seed: int) -> list[PackDraw]:
    children = np.random.SeedSequence(int(seed)).spawn(int(n))
    return [draw_pack(design, np.random.default_rng(c)) for c in children]


@dataclass
class MonteCarloLife:
    packs: list[LifeResult]
    years: np.ndarray  # (Y,) the row years shared by every pack
    percentiles: dict[str, np.ndarray]  # field -> (3, Y): P5, P50, P95
    eol_percentiles: tuple[float | None, float | None, float | None]  # None: beyond the run
    seed: int

    @property
    def n(self) -> int:
        return len(self.packs)

    def value(self, name: str, year: float, which: int) -> float:
        """A percentile (0: P5, 1: P50, 2: P95) of a row field at `year` (interpolated)."""
        return float(np.interp(year, self.years, self.percentiles[name][which]))


def run_life_monte_carlo(design: PackDesign, profile: Profile, settings: LifeSettings, n: int,
                         seed: int = 0, progress: Callable[[float], None] | None = None,
                         cancel: Callable[[], bool] | None = None) -> MonteCarloLife:
    """N seeded packs through their lifetimes, all N in each batched cycle simulation."""
    check_packs(n)
    packs = run_lives(design, profile, settings, list(draws(design, n, seed)), progress, cancel)
    return summarise(packs, seed)


def check_packs(n) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or not 2 <= n <= 10_000:
        raise InputError("--monte-carlo", f"expected 2 to 10000 packs, got {n!r}")


def summarise(packs: list[LifeResult], seed: int) -> MonteCarloLife:
    """The percentiles of the packs' lifetimes."""
    years = np.array([r.year for r in packs[0].rows])
    for p in packs[1:]:
        years = years[: len(p.rows)]
    pct = {}
    for name in ROW_FIELDS:
        vals = np.array([[getattr(p.rows[i], name) for i in range(len(years))] for p in packs])
        pct[name] = np.percentile(vals, PERCENTILES, axis=0)
    eol = np.array([p.eol_year if p.eol_year is not None else math.inf for p in packs])
    return MonteCarloLife(packs, years, pct, eol_percentiles(eol), int(seed))


def eol_percentiles(eol: np.ndarray) -> tuple[float | None, float | None, float | None]:
    """P5/P50/P95 of end-of-life years by nearest rank (no interpolation: the P5 pack is a pack
    of the run); a percentile that falls on a pack that did not reach end of life within the
    run is None ("beyond")."""
    srt = np.sort(np.asarray(eol, float))
    out = []
    for q in PERCENTILES:
        k = max(int(math.ceil(q / 100.0 * len(srt))) - 1, 0)
        out.append(float(srt[k]) if math.isfinite(srt[k]) else None)
    return tuple(out)  # type: ignore[return-value]
