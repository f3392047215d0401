"""Readers of cycler logs into `core.fit.Run`: the documented plain CSV (`plain_csv`) and the
binary exports of real cyclers through the libraries made for them (`vendor`)."""

from __future__ import annotations

from pathlib import Path

from ...core.fit.data import Run
from ...core.units import InputError
from .plain_csv import read_plain_csv
from .vendor import VENDOR_SUFFIXES, read_vendor

CURRENT_SIGNS = ("positive-discharge", "negative-discharge")


def read_run(path: str | Path, current_sign: str = "positive-discharge") -> Run:
    """One cycler file; `current_sign` says how the file signs a discharge current."""
    if current_sign not in CURRENT_SIGNS:
        raise InputError("--current-sign", f"expected one of {', '.join(CURRENT_SIGNS)}, got "
                                           f"{current_sign!r}")
    p = Path(path)
    if not p.is_file():
        raise InputError(str(p), "no such file")
    if p.suffix.lower() in VENDOR_SUFFIXES:
        run = read_vendor(p)
    else:
        run = read_plain_csv(p)
    if current_sign == "negative-discharge" and run.source_format == "csv":
        run = Run(run.name, run.sha256, run.time, -run.current, run.voltage, run.temperature,
                  run.source_format)
    return run


def read_runs(paths, current_sign: str = "positive-discharge") -> list[Run]:
    runs = [read_run(p, current_sign) for p in paths]
    names = [r.name for r in runs]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise InputError(dup[0], "given twice")
    return runs
