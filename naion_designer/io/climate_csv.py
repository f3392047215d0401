"""Climate files for lifetime runs: a CSV with a header and one row per season of equal length
(12 rows for months), the season's mean ambient in a column `ambient_C` (or `temperature_C`);
other columns (`month`, notes) are ignored.  Lines starting with '#' are comments."""

from __future__ import annotations

import csv
import math
from pathlib import Path

from ..core.units import InputError
from .atomic import read_text_file

COLUMNS = ("ambient_C", "temperature_C")


def read_climate_csv(path: str | Path) -> tuple[float, ...]:
    """The seasons' ambients in K."""
    path = Path(path)
    where = str(path)
    text = read_text_file(path, "climate file")
    rows = [r for r in csv.reader(text.splitlines())
            if r and "".join(r).strip() and not r[0].lstrip().startswith("#")]
    if not rows:
        raise InputError(where, "empty climate file (expected a header with ambient_C)")
    header = [h.strip() for h in rows[0]]
    col = next((c for c in COLUMNS if c in header), None)
    if col is None:
        raise InputError(where, f"row 1: missing column ambient_C (header: {', '.join(header)})")
    k = header.index(col)
    temps = []
    for n, r in enumerate(rows[1:], start=2):
        try:
            v = float(r[k])
        except (IndexError, ValueError):
            raise InputError(where, f"row {n}, column {col}: expected a temperature in °C, got "
                                    f"{r[k] if k < len(r) else ''!r}") from None
        if not (math.isfinite(v) and -80.0 <= v <= 90.0):
            raise InputError(where, f"row {n}, column {col}: {v:g} °C is not a plausible "
                                    "ambient")
        temps.append(v + 273.15)
    if not temps:
        raise InputError(where, "no rows (expected one row per season, e.g. 12 months)")
    return tuple(temps)
