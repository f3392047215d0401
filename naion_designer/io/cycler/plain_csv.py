"""The documented plain CSV: a header with `time_s`, `current_A`, `voltage_V` and optionally
`temperature_C` (any order, other columns ignored, comma / semicolon / tab separated).  The
units may also be written `time_min`, `time_h`, `current_mA`, `voltage_mV`, `temperature_K`.
Positive current = discharge unless the caller says the file signs it the other way."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from ...core.fit.data import Run
from ...core.units import InputError
from .common import check_size, make_run

COLUMNS = {
    "time": {"time_s": 1.0, "time_min": 60.0, "time_h": 3600.0},
    "current": {"current_a": 1.0, "current_ma": 1e-3},
    "voltage": {"voltage_v": 1.0, "voltage_mv": 1e-3},
    "temperature": {"temperature_c": 0.0, "temperature_k": -273.15},  # offset to degC
}


def read_plain_csv(path: Path) -> Run:
    check_size(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path.name, "not a text (CSV) file; for a cycler's own format see "
                                    "'naion cells fit --help'") from None
    lines = text.splitlines()
    k0 = next((k for k, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")),
              None)
    if k0 is None:
        raise InputError(path.name, "the file is empty")
    header = lines[k0]
    sep = max((",", ";", "\t"), key=header.count)
    names = [h.strip().strip('"').lower() for h in header.split(sep)]
    where: dict[str, tuple[int, float, str]] = {}
    for key, variants in COLUMNS.items():
        for col, scale in variants.items():
            if col in names:
                where[key] = (names.index(col), scale, header.split(sep)[names.index(col)]
                              .strip().strip('"'))
                break
    for key in ("time", "current", "voltage"):
        if key not in where:
            want = next(iter(COLUMNS[key]))
            raise InputError(path.name, f"missing column {_proper(want)} (found: "
                                        f"{', '.join(n for n in names if n) or 'nothing'})")
    body = "\n".join(lines[k0 + 1:])
    if not body.strip():
        raise InputError(path.name, "no data rows")
    use = [where[k][0] for k in ("time", "current", "voltage", "temperature") if k in where]
    try:
        data = np.loadtxt(io.StringIO(body), delimiter=sep, usecols=use, ndmin=2,
                          comments="#", dtype=float)
    except ValueError:
        _find_bad(path, body, sep, use, where, k0)
        raise
    cols = {k: where[k][2] for k in where}
    t = data[:, 0] * where["time"][1]
    i = data[:, 1] * where["current"][1]
    v = data[:, 2] * where["voltage"][1]
    temp = None
    if "temperature" in where:
        temp = data[:, 3] + where["temperature"][1]
    return make_run(path, t, i, v, temp, "csv", cols)


def _proper(col: str) -> str:
    base, unit = col.rsplit("_", 1)
    return f"{base}_{ {'a': 'A', 'ma': 'mA', 'v': 'V', 'mv': 'mV', 'c': 'C', 'k': 'K'}.get(unit, unit)}"


def _find_bad(path: Path, body: str, sep: str, use: list[int], where, k0: int) -> None:
    """Name the first row and column numpy could not read."""
    names = {where[k][0]: where[k][2] for k in where}
    for n, line in enumerate(body.split("\n"), start=k0 + 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split(sep)
        for c in use:
            if c >= len(cells):
                raise InputError(f"{path.name}: {names[c]}", f"row {n}: missing value")
            try:
                float(cells[c])
            except ValueError:
                raise InputError(f"{path.name}: {names[c]}",
                                 f"row {n}: {cells[c].strip()!r} is not a number") from None
    raise InputError(path.name, "could not read the data rows")
