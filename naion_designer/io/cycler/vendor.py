"""Binary exports of real cyclers, read through the libraries made for them (the optional
`cyclers` extra): BioLogic EC-Lab `.mpr` with `galvani`, Neware `.nda`/`.ndax` with `NewareNDA`.

Both formats carry their cycler's own sign convention, which is converted here (positive =
discharge), so `--current-sign` does not apply to them: BioLogic logs the working-electrode
current (positive = oxidation of the positive electrode = charge), Neware a negative current in
discharge.  Arbin `.res` files are Microsoft Access databases that `galvani` converts only through
the external `mdb-export` program; they are not read here (export them to CSV from Arbin's
software, or with mdbtools).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from ...core.fit.data import Run
from ...core.units import InputError
from .common import check_size, make_run

VENDOR_SUFFIXES = (".mpr", ".nda", ".ndax")


def read_vendor(path: Path) -> Run:
    check_size(path)
    suffix = path.suffix.lower()
    if suffix == ".mpr":
        return _read_mpr(path)
    return _read_neware(path)


def _missing(lib: str, what: str) -> InputError:
    return InputError(what, f"reading this format needs the '{lib}' package "
                            "(pip install 'naion-designer[cyclers]')")


def _read_mpr(path: Path) -> Run:
    try:
        from galvani import BioLogic
    except ImportError:
        raise _missing("galvani", path.name) from None
    try:
        with open(path, "rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (galvani leaves a path it opened open on errors)
            data = BioLogic.MPRfile(fh).data
    except Exception as exc:  # the library's own parse errors, as one line naming the file
        raise InputError(path.name, f"not a readable BioLogic .mpr file ({exc})") from None
    names = data.dtype.names or ()
    col = {"time": "time/s"}
    col["current"] = next((c for c in ("I/mA", "<I>/mA", "control/V/mA") if c in names), "")
    col["voltage"] = next((c for c in ("Ewe/V", "Ecell/V", "<Ewe>/V") if c in names), "")
    for key in ("time", "current", "voltage"):
        if col[key] not in names:
            raise InputError(path.name, f"missing column {key} in the .mpr data "
                                        f"(found: {', '.join(names)})")
    temp = data["Temperature/°C"] if "Temperature/°C" in names else None
    col["temperature"] = "Temperature/°C"
    return make_run(path, data[col["time"]], -np.asarray(data[col["current"]], float) * 1e-3,
                    data[col["voltage"]], temp, "biologic-mpr", col)


def _read_neware(path: Path) -> Run:
    try:
        import NewareNDA
    except ImportError:
        raise _missing("NewareNDA", path.name) from None
    try:
        with warnings.catch_warnings():  # the library's own deprecations are not the user's
            warnings.simplefilter("ignore")
            df = NewareNDA.read(str(path), log_level="ERROR")
    except Exception as exc:  # the library's own parse errors, as one line naming the file
        raise InputError(path.name, f"not a readable Neware file ({exc})") from None
    for c in ("Time", "Current(mA)", "Voltage"):
        if c not in df.columns:
            raise InputError(path.name, f"missing column {c} (found: {', '.join(df.columns)})")
    step_time = df["Time"].to_numpy(float)
    # Neware's Time restarts with every step: the total time is the sum of the increments; at
    # a restart the gap is the wall-clock one (Timestamp, 1 s), else the new step's own time,
    # else the usual sampling interval
    d = np.diff(step_time)
    restart = d <= 0
    if restart.any():
        gap = step_time[1:].copy()
        if "Timestamp" in df.columns:
            stamps = df["Timestamp"].to_numpy("datetime64[ms]").astype(np.int64) / 1000.0
            gap = np.maximum(gap, np.diff(stamps))
        usual = float(np.median(d[~restart])) if (~restart).any() else 1.0
        d = np.where(restart, np.where(gap > 0, gap, usual), d)
    t = np.concatenate([[0.0], np.cumsum(d)])
    temp_col = next((c for c in df.columns if str(c) in ("T1", "T")), None)
    temp = df[temp_col].to_numpy(float) if temp_col is not None else None
    cols = {"time": "Time", "current": "Current(mA)", "voltage": "Voltage",
            "temperature": str(temp_col)}
    return make_run(path, t, -df["Current(mA)"].to_numpy(float) * 1e-3,
                    df["Voltage"].to_numpy(float), temp, "neware", cols)
