"""The simulation results CSV (the contract's OUT.csv): `time_s`, `pack_current_A`,
`pack_voltage_V`, `soc`, `max_cell_temperature_C`, with per-cell results every cell's
`I_s{s}_p{p}_A`, `V_…_V`, `SOC_…`, `T_…_C`, then (beyond the contract, at the end so that the
contract's columns keep their places) `min_cell_temperature_C`, `min_cell_voltage_V`,
`max_cell_voltage_V` and `available_soc` (the charge the cells can still deliver, 0-1).

Written whole (`simulation_csv_text`, `write_simulation_csv`) or streamed block by block as the
simulation runs (`SimulationCsvWriter`, the sink of `simulate`), always atomically: the file
appears complete or not at all.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
from pathlib import Path

import numpy as np

from ..core.simulate import SimulationResult
from ..core.units import InputError
from .atomic import atomic_write_text

EXTRA_COLUMNS = ["min_cell_temperature_C", "min_cell_voltage_V", "max_cell_voltage_V",
                 "available_soc"]


def columns(series: int, parallel: int, per_cell: bool) -> tuple[list[str], list[str]]:
    """(column names, printf formats) of the file."""
    cols = ["time_s", "pack_current_A", "pack_voltage_V", "soc", "max_cell_temperature_C"]
    fmts = ["%.10g", "%.8g", "%.8g", "%.8g", "%.6g"]
    if per_cell:
        for s in range(series):
            for p in range(parallel):
                nm = f"s{s}_p{p}"
                cols += [f"I_{nm}_A", f"V_{nm}_V", f"SOC_{nm}", f"T_{nm}_C"]
                fmts += ["%.8g", "%.8g", "%.8g", "%.6g"]
    return cols + EXTRA_COLUMNS, fmts + ["%.6g", "%.8g", "%.8g", "%.8g"]


def _table(res: SimulationResult, per_cell: bool) -> np.ndarray:
    n = len(res.time)
    data = [res.time, res.pack_current, res.pack_voltage, res.soc,
            res.max_cell_temperature - 273.15]
    if per_cell:
        if res.cell_current is None:
            raise InputError("per_cell", "the simulation was run without per-cell results")
        block = np.stack([res.cell_current.reshape(n, -1), res.cell_voltage.reshape(n, -1),
                          res.cell_soc.reshape(n, -1),
                          res.cell_temperature.reshape(n, -1) - 273.15], axis=2)
        data.append(block.reshape(n, -1))
    available = res.available if res.available is not None else res.soc
    data += [res.min_cell_temperature - 273.15, res.min_cell_voltage, res.max_cell_voltage,
             available]
    return np.column_stack(data) if n else np.zeros((0, sum(
        1 if d.ndim == 1 else d.shape[1] for d in data)))


def _write_rows(fh, res: SimulationResult, per_cell: bool, fmts: list[str]) -> None:
    if len(res.time):
        np.savetxt(fh, _table(res, per_cell), fmt=fmts, delimiter=",")


def simulation_csv_text(res: SimulationResult, per_cell: bool = False) -> str:
    cols, fmts = columns(res.series, res.parallel, per_cell)
    buf = io.StringIO()
    buf.write(",".join(cols) + "\n")
    _write_rows(buf, res, per_cell, fmts)
    return buf.getvalue()


def write_simulation_csv(path: str | Path, res: SimulationResult, per_cell: bool = False) -> None:
    atomic_write_text(Path(path), simulation_csv_text(res, per_cell), "results CSV")


class SimulationCsvWriter:
    """Streams rows to a temporary file beside `path`; `commit()` moves it into place, `close()`
    without a commit removes it (a cancelled or failed run leaves the old file untouched).

        with SimulationCsvWriter(out, S, P, per_cell) as w:
            simulate(design, profile, sink=w, ...)
            w.commit()
    """

    def __init__(self, path: str | Path, series: int, parallel: int, per_cell: bool):
        self.path = Path(path)
        self.per_cell = per_cell
        folder = self.path.parent if str(self.path.parent) else Path(".")
        if not folder.is_dir():
            raise InputError(str(self.path), f"cannot write the results CSV: the folder "
                                             f"'{folder}' does not exist")
        if self.path.is_dir():
            raise InputError(str(self.path), "cannot write the results CSV: it is a folder")
        cols, self.fmts = columns(series, parallel, per_cell)
        with self._errors():
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                             dir=folder)
            self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
            self._fh.write(",".join(cols) + "\n")
        self.rows = 0

    def _errors(self):
        return _OSErrors(self.path)

    def __call__(self, block: SimulationResult) -> None:
        with self._errors():
            _write_rows(self._fh, block, self.per_cell, self.fmts)
        self.rows += len(block.time)

    def commit(self) -> None:
        with self._errors():
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            try:
                mode = os.stat(self.path).st_mode & 0o777
            except FileNotFoundError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(self._tmp, mode)
            os.replace(self._tmp, self.path)
        self._tmp = None

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None

    def __enter__(self) -> SimulationCsvWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _OSErrors:
    """OS errors while writing become one InputError naming the file and the cause."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or not isinstance(exc, OSError):
            return False
        where = str(self.path)
        if isinstance(exc, PermissionError):
            raise InputError(where, "cannot write the results CSV: permission denied") from None
        if exc.errno == errno.ENOSPC:
            raise InputError(where, "cannot write the results CSV: the disk is full") from None
        raise InputError(where, f"cannot write the results CSV: {exc.strerror or exc}") \
            from None
