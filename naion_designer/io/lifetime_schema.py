"""The `lifetime` section of a design file: what a lifetime run and the spec sheet ask of the
design, parsed into `core.life_request.LifeRequest` (SI) and written back.

```json
"lifetime": {"profile": "home-storage-day", "years": 15, "warranty_years": 10,
             "warranty_cycles": 6000, "monte_carlo": 10, "seed": 0,
             "ambient": "25 degC", "period": "24 h", "charge_rate": 0.5}
```
Only `profile` is required.  As in every section, a misspelt key is an error that names it.
"""

from __future__ import annotations

from typing import Any

from ..core.life_request import KEY, LifeRequest
from ..core.units import InputError, parse_count
from .cell_file import C0
from .schema import Field, N, Q, S, Section, T

MAX_PACKS = 10_000
MAX_SEED = 2**63 - 1


def _packs(v: Any, name: str) -> int:
    n = parse_count(v, name, 0)
    if n > MAX_PACKS:
        raise InputError(name, f"expected a whole number from 0 to {MAX_PACKS}, got {n}")
    if n == 1:
        raise InputError(name, "expected 0 (none) or at least 2 packs")
    return n


def _seed(v: Any, name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= MAX_SEED:
        raise InputError(name, f"expected a whole number from 0 to {MAX_SEED}, got "
                               f"{str(v)[:40]!r}")
    return v


LIFETIME = Section((
    T("profile", required=True, max_len=4096, always=True,
      help="a built-in profile id or a profile CSV"),
    N("years", 0.1, 50.0, unit="int", default=15.0, always=True),
    N("warranty_years", 0.1, 50.0, unit="int"),
    N("warranty_cycles", 1.0, 1e6, unit="int"),
    Field("monte_carlo", "custom", default=10, parse=_packs, always=True),
    Field("seed", "custom", default=0, parse=_seed, always=True),
    Q("ambient", "temperature", "degC", C0 - 100, C0 + 200),
    Q("period", "time", "h", 0.0, 10 * 365.25 * 86400.0, lo_open=True, default=86400.0),
    N("charge_rate", 0.01, 10.0, default=0.5),
))


def _build(attrs: dict[str, Any], where: str) -> LifeRequest:
    return LifeRequest(**attrs)


LIFETIME_FIELD = S(KEY, LIFETIME, build=_build, unbuild=lambda req: req)


def lifetime_from_dict(data: Any) -> LifeRequest:
    """A `lifetime` table (as in a design file) as a request; errors name `lifetime.<key>`."""
    return _build(LIFETIME.parse(data, f"{KEY}.")[0], KEY)


def lifetime_to_dict(request: LifeRequest) -> dict[str, Any]:
    return LIFETIME.write(request)
