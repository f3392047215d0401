"""Checks every reader applies: plausible values in each column, increasing time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from ...core.fit.data import Run
from ...core.units import InputError

MAX_BYTES = 512 * 1024 * 1024
MAX_ROWS = 5_000_000
MAX_CURRENT = 5000.0  # A: above this the column is in mA (or not a current)
MAX_VOLTAGE = 10.0  # V: one cell; above, millivolts (or not a voltage)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise InputError(path.name, "the file is empty")
    if size > MAX_BYTES:
        raise InputError(path.name, f"{size / 2**20:.0f} MiB is more than the "
                                    f"{MAX_BYTES // 2**20} MiB a fit reads; downsample the log "
                                    "(a sample every 1-10 s is plenty)")


def make_run(path: Path, t, i, v, temp_c, fmt: str, cols: dict[str, str]) -> Run:
    """Checked arrays → Run.  `cols` names the file's columns for the messages."""
    name = path.name
    t, i, v = (np.asarray(x, float) for x in (t, i, v))
    n = len(t)
    if n == 0:
        raise InputError(name, "no data rows")
    if n > MAX_ROWS:
        raise InputError(name, f"{n} rows is more than the {MAX_ROWS} a fit reads; downsample "
                               "the log")
    if n < 2:
        raise InputError(name, "only one data row")
    for key, arr in (("time", t), ("current", i), ("voltage", v)):
        bad = np.flatnonzero(~np.isfinite(arr))
        if len(bad):
            raise InputError(f"{name}: {cols[key]}", f"row {bad[0] + 2}: not a number")
    d = np.diff(t)
    back = np.flatnonzero(d < 0)
    if len(back):
        k = back[0] + 1
        raise InputError(f"{name}: {cols['time']}", f"time goes backwards at row {k + 2} "
                                                    f"({t[k - 1]:g} then {t[k]:g}); the rows "
                                                    "must be in time order")
    if np.max(np.abs(v)) > MAX_VOLTAGE:
        hint = ("values look like millivolts" if 100 < np.median(np.abs(v)) < 10000
                else "not the voltage of one cell")
        raise InputError(f"{name}: {cols['voltage']}",
                         f"voltages up to {np.max(np.abs(v)):g} V: {hint} (expected volts)")
    if np.any(v <= 0):
        k = int(np.flatnonzero(v <= 0)[0])
        raise InputError(f"{name}: {cols['voltage']}",
                         f"row {k + 2}: a cell voltage of {v[k]:g} V (is the current in this "
                         "column?)")
    if np.max(np.abs(i)) > MAX_CURRENT:
        raise InputError(f"{name}: {cols['current']}",
                         f"currents up to {np.max(np.abs(i)):g} A: values look like "
                         "milliamperes or another column (expected amperes)")
    if np.all(np.abs(i) < 1e-6):
        raise InputError(f"{name}: {cols['current']}", "the current is zero throughout")
    temp = None
    if temp_c is not None:
        tc = np.asarray(temp_c, float)
        if np.any(~np.isfinite(tc)) or np.any(tc < -80) or np.any(tc > 150):
            raise InputError(f"{name}: {cols['temperature']}",
                             "temperatures outside -80…150 °C (expected degrees Celsius)")
        temp = tc + 273.15
    # a repeated time stamp (cyclers log both sides of a step change): keep the later row
    keep = np.concatenate([d > 0, [True]])
    t, i, v = t[keep], i[keep], v[keep]
    temp = temp[keep] if temp is not None else None
    if len(t) < 2:
        raise InputError(f"{name}: {cols['time']}", "every row has the same time")
    return Run(name, sha256(path), t - t[0], i, v, temp, fmt)
