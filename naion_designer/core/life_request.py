"""What a design asks of a lifetime run (its optional `lifetime` key, parsed and validated by
`io.lifetime_schema`), and that run: the nominal pack's lifetime, a seeded Monte Carlo of the
cells' spread, and the year the warranty ends.

Only `profile` is required (a built-in profile id or a profile CSV path).  The warranty ends at
the earlier of `warranty_years` and `warranty_cycles` (equivalent full cycles); without either,
at 10 years (or the run's end).  The spec sheet and the GUI's Lifetime view read it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the lifetime model (and its simulator, scipy) is imported by a run
    from .life import LifeResult, LifeSettings
    from .life_mc import MonteCarloLife
    from .profiles import Profile

DEFAULT_WARRANTY_YEARS = 10.0
KEY = "lifetime"


@dataclass(frozen=True)
class LifeRequest:
    """SI values: years and cycles as numbers, `ambient` in K, `period` in s, `charge_rate`
    in C; `monte_carlo` 0 for none, else the number of packs (at least 2)."""

    profile: str
    years: float = 15.0
    warranty_years: float | None = None
    warranty_cycles: float | None = None
    monte_carlo: int = 10  # 0 = none
    seed: int = 0
    ambient: float | None = None  # K
    period: float = 86400.0  # s
    charge_rate: float = 0.5

    def settings(self) -> LifeSettings:
        from .life import LifeSettings

        return LifeSettings(years=self.years, ambient=self.ambient, period=self.period,
                            charge_rate=self.charge_rate)


@dataclass
class LifeOutcome:
    request: LifeRequest
    nominal: LifeResult
    monte_carlo: MonteCarloLife | None
    warranty_year: float
    warranty_reason: str  # "years", "cycles" or "run"


def run_request(design, profile: Profile, request: LifeRequest,
                progress: Callable[[float], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> LifeOutcome:
    """The nominal pack's lifetime and the Monte Carlo packs', all in the same batched cycle
    simulations (the nominal pack first)."""
    from .life import run_lives
    from .life_mc import draws, summarise

    n = request.monte_carlo
    settings = request.settings()
    extra = draws(design, n, request.seed) if n else []
    lives = run_lives(design, profile, settings, [None, *extra], progress, cancel)
    nominal = lives[0]
    mc = summarise(lives[1:], request.seed) if n else None
    year, why = warranty_end(nominal, request)
    return LifeOutcome(request, nominal, mc, year, why)


def warranty_end(result: LifeResult, request: LifeRequest) -> tuple[float, str]:
    """The year the warranty ends: the earlier of its years and its cycles."""
    end = result.rows[-1].year
    candidates = []
    if request.warranty_years is not None:
        candidates.append((request.warranty_years, "years"))
    if request.warranty_cycles is not None:
        years = [r.year for r in result.rows]
        efc = [r.equivalent_full_cycles for r in result.rows]
        if efc[-1] >= request.warranty_cycles:
            candidates.append((float(np.interp(request.warranty_cycles, efc, years)), "cycles"))
        else:
            candidates.append((math.inf, "cycles"))
    if not candidates:
        candidates.append((DEFAULT_WARRANTY_YEARS, "years"))
    year, why = min(candidates)
    if year > end:
        return end, "run"
    return float(year), why
