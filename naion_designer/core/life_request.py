"""What a design asks of a lifetime run: its optional `lifetime` key (design file, JSON).

```json
"lifetime": {"profile": "home-storage-day", "years": 15, "warranty_years": 10,
             "warranty_cycles": 6000, "monte_carlo": 10, "seed": 0,
             "ambient": "25 degC", "period": "24 h", "charge_rate": 0.5}
```
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

from .units import InputError, parse_fraction, parse_quantity

if TYPE_CHECKING:  # the lifetime model (and its simulator, scipy) is imported by a run
    from .life import LifeResult, LifeSettings
    from .life_mc import MonteCarloLife
    from .profiles import Profile

DEFAULT_WARRANTY_YEARS = 10.0
KEY = "lifetime"


@dataclass(frozen=True)
class LifeRequest:
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


def life_request(design) -> LifeRequest | None:
    """The design's `lifetime` request, or None when it has none."""
    raw = design.extra.get(KEY)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InputError(KEY, "expected an object")
    prof = raw.get("profile")
    if not isinstance(prof, str) or not prof.strip():
        raise InputError(f"{KEY}.profile", "missing (a built-in profile id or a profile CSV)")
    kw: dict = {"profile": prof.strip()}
    for key, lo, hi in (("years", 0.1, 50.0), ("warranty_years", 0.1, 50.0),
                        ("warranty_cycles", 1.0, 1e6), ("charge_rate", 0.01, 10.0)):
        if key in raw:
            kw[key] = parse_fraction(raw[key], f"{KEY}.{key}", lo, hi)
    for key, hi in (("monte_carlo", 10_000), ("seed", 2**63 - 1)):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= hi:
                raise InputError(f"{KEY}.{key}", f"expected a whole number from 0 to {hi}, "
                                                 f"got {v!r}")
            kw[key] = v
    if kw.get("monte_carlo") == 1:
        raise InputError(f"{KEY}.monte_carlo", "expected 0 (none) or at least 2 packs")
    if "ambient" in raw:
        kw["ambient"] = parse_quantity(raw["ambient"], "temperature", f"{KEY}.ambient")
    if "period" in raw:
        kw["period"] = parse_quantity(raw["period"], "time", f"{KEY}.period")
        if not kw["period"] > 0:
            raise InputError(f"{KEY}.period", "must be positive")
    return LifeRequest(**kw)


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
