"""Profile CSV files (the contract): a header with `time_s` and exactly one of `current_A` or
`power_W` (pack values, positive = discharge).  Each row's value holds from its time until the
next row's time; the last row's time is the end of the profile (its value is not used).  The
first row must be at 0 s; times must increase strictly.  Other columns, blank lines and lines
starting with `#` are ignored.

The file is read line by line into two arrays, so a profile of millions of rows costs tens of
bytes a row (see `core.profiles.from_steps`).
"""

from __future__ import annotations

import csv
import math
from array import array
from pathlib import Path

from ..core.profiles import Profile, from_steps
from ..core.units import InputError


def read_profile_csv(path: str | Path) -> Profile:
    """Read a profile CSV file.  Errors name the file, row and column (row numbers count the
    header as row 1, as a spreadsheet shows them)."""
    path = Path(path)
    where = str(path)
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError(where, "no such profile file") from None
    except OSError as exc:
        raise InputError(where, f"cannot read the profile file ({exc.__class__.__name__})") \
            from None
    try:
        with fh:
            times, values, has_i = _parse(csv.reader(fh), where)
    except UnicodeDecodeError as exc:
        raise InputError(where, f"cannot read the profile file ({exc.__class__.__name__})") \
            from None
    except csv.Error as exc:  # a field past the csv module's limit, a NUL byte
        raise InputError(where, f"not a valid profile CSV ({exc})") from None
    mode, unit = ("current", "A") if has_i else ("power", "W")
    return from_steps(times, values, mode, unit, name=path.name)


def _blank(r: list[str]) -> bool:
    return not r or not "".join(r).strip() or r[0].lstrip().startswith("#")


def _parse(rows, where: str) -> tuple[array, array, bool]:
    row_no = 0
    header = None
    for r in rows:
        row_no += 1
        if not _blank(r):
            header = [h.strip() for h in r]
            break
    if header is None:
        raise InputError(where, "empty profile file (expected a header with time_s and "
                                "current_A or power_W)")
    if "time_s" not in header:
        raise InputError(where, f"row {row_no}: missing column time_s (header: "
                                f"{', '.join(header)})")
    has_i, has_p = "current_A" in header, "power_W" in header
    if has_i and has_p:
        raise InputError(where, f"row {row_no}: give exactly one of current_A and power_W, "
                                "not both")
    if not (has_i or has_p):
        raise InputError(where, f"row {row_no}: missing column current_A or power_W "
                                f"(header: {', '.join(header)})")
    col = "current_A" if has_i else "power_W"
    it, iv = header.index("time_s"), header.index(col)
    times, values = array("d"), array("d")
    prev = None
    for r in rows:
        row_no += 1
        if _blank(r):
            continue
        t = _number(r, it, where, row_no, "time_s")
        v = _number(r, iv, where, row_no, col)
        if t < 0:
            raise InputError(where, f"row {row_no}, column time_s: negative time {t:g} s")
        if prev is None and t != 0:
            raise InputError(where, f"row {row_no}, column time_s: the profile must start at "
                                    f"0 s, got {t:g} s")
        if prev is not None and t <= prev:
            what = "duplicate" if t == prev else "unsorted"
            raise InputError(where, f"row {row_no}, column time_s: {what} time {t:g} s (times "
                                    f"must increase; previous row {prev:g} s)")
        times.append(t)
        values.append(v)
        prev = t
    if len(times) < 2:
        raise InputError(where, "a profile needs at least two rows (the last row's time is the "
                                "end of the profile)")
    return times, values, has_i


def _number(row: list[str], i: int, where: str, row_no: int, col: str) -> float:
    if i >= len(row) or not row[i].strip():
        raise InputError(where, f"row {row_no}, column {col}: missing value")
    text = row[i].strip()
    try:
        v = float(text)
    except ValueError:
        raise InputError(where, f"row {row_no}, column {col}: expected a number, got "
                                f"'{text[:40]}'") from None
    if not math.isfinite(v):
        raise InputError(where, f"row {row_no}, column {col}: expected a finite number, got "
                                f"'{text[:40]}'")
    limit, unit = _PROFILE_LIMITS.get(col, (math.inf, ""))
    if abs(v) > limit:
        raise InputError(where, f"row {row_no}, column {col}: {v:g} {unit} is beyond the "
                                f"plausible ±{limit:g} {unit}")
    return v


# Beyond these a profile is a typo (a century of rows, a lightning strike of current).
_PROFILE_LIMITS = {"time_s": (3.2e9, "s"), "current_A": (1e7, "A"), "power_W": (1e10, "W")}
