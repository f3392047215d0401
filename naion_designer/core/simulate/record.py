"""The simulation's output: rows written straight into their final arrays (preallocated, grown
by doubling when a run is longer than expected), or streamed in blocks to a sink so that memory
stays bounded whatever the profile length."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np


@dataclass
class RunSummary:
    """Figures over every row of a run, also when the rows themselves were streamed away."""

    rows: int = 0
    end_time: float = 0.0
    energy: float = 0.0  # J delivered by the pack (trapezoid over the rows)
    charge: float = 0.0  # C delivered by the pack
    pack_voltage_min: float = np.inf
    pack_voltage_max: float = -np.inf
    max_cell_temperature: float = -np.inf  # K
    min_cell_temperature: float = np.inf
    min_cell_voltage: float = np.inf
    max_cell_voltage: float = -np.inf


@dataclass(eq=False)
class SimulationResult:
    """Rows of a simulation (all of them, or in streaming mode the rows of one block), with
    the cut-off and the run's figures."""

    series: int
    parallel: int
    time: np.ndarray  # (N,) s
    pack_current: np.ndarray  # A, positive = discharge
    pack_voltage: np.ndarray  # V
    soc: np.ndarray  # pack, 0-1: charge left against the rated capacity (capacity-weighted)
    max_cell_temperature: np.ndarray  # K
    min_cell_temperature: np.ndarray  # K
    hottest_cell: np.ndarray  # (N, 2) s, p
    coldest_cell: np.ndarray  # (N, 2) s, p
    cell_current: np.ndarray | None = None  # (N, S, P)
    cell_voltage: np.ndarray | None = None
    cell_soc: np.ndarray | None = None
    cell_temperature: np.ndarray | None = None
    cutoff: str | None = None
    cutoff_time: float | None = None
    cutoff_kind: str | None = None  # min_voltage, max_voltage, empty, full, temperature,
    #                                 current, power
    cutoff_cell: tuple[int, int] | None = None
    steps: int = 0  # internal steps taken
    factorisations: int = 0
    min_cell_voltage: np.ndarray | None = None
    max_cell_voltage: np.ndarray | None = None
    available: np.ndarray | None = None  # pack, 0-1: charge the cells can still deliver
    summary: RunSummary = field(default_factory=RunSummary)
    streamed: bool = False  # the rows went to a sink; only the summary is complete
    warnings: list[str] = field(default_factory=list)
    wall_time: float = 0.0  # s, the simulation itself

    @property
    def cells(self) -> int:
        return self.series * self.parallel

    @property
    def energy(self) -> float:
        """Energy delivered by the pack, J (negative when charged)."""
        if self.streamed:
            return self.summary.energy
        p = self.pack_current * self.pack_voltage
        return float(np.trapezoid(p, self.time)) if len(self.time) > 1 else 0.0

    @property
    def charge(self) -> float:
        """Charge delivered by the pack, C (A·s)."""
        if self.streamed:
            return self.summary.charge
        return float(np.trapezoid(self.pack_current, self.time)) if len(self.time) > 1 else 0.0


class RowBlock(NamedTuple):
    """Several consecutive rows at once: pack figures (rows,), cell figures (rows, cells)."""

    time: np.ndarray
    pack_current: np.ndarray
    pack_voltage: np.ndarray
    soc: np.ndarray
    available: np.ndarray
    max_t: np.ndarray
    min_t: np.ndarray
    v_min: np.ndarray
    v_max: np.ndarray
    hottest: np.ndarray
    coldest: np.ndarray
    cell_current: np.ndarray
    cell_voltage: np.ndarray
    cell_soc: np.ndarray
    cell_temperature: np.ndarray

    def head(self, rows: int) -> RowBlock:
        return RowBlock(*(a[:rows] for a in self))


class _Columns:
    """Preallocated row storage: pack columns (rows,) and per-cell columns (rows, N)."""

    PACK = ("time", "pack_current", "pack_voltage", "soc", "available", "max_t", "min_t",
            "v_min", "v_max")

    def __init__(self, rows: int, n: int, per_cell: bool):
        self.n = n
        self.per_cell = per_cell
        self.cap = 0
        self.pack = {k: np.empty(0) for k in self.PACK}
        self.hottest = np.empty(0, np.int64)
        self.coldest = np.empty(0, np.int64)
        self.cell: list[np.ndarray] = []
        self.grow(max(rows, 2))

    def grow(self, rows: int) -> None:
        def bigger(a: np.ndarray, shape) -> np.ndarray:
            b = np.empty(shape, a.dtype)
            b[:self.cap] = a[:self.cap]
            return b

        self.pack = {k: bigger(v, rows) for k, v in self.pack.items()}
        self.hottest = bigger(self.hottest, rows)
        self.coldest = bigger(self.coldest, rows)
        if self.per_cell:
            if self.cell:
                self.cell = [bigger(a, (rows, self.n)) for a in self.cell]
            else:
                self.cell = [np.empty((rows, self.n)) for _ in range(4)]
        self.cap = rows


class Recorder:
    """Rows as the run produces them.  `sink(block)` (optional) receives a SimulationResult of
    each full block of rows, and the recorder keeps only the block being filled."""

    def __init__(self, series: int, parallel: int, per_cell: bool, expected_rows: int,
                 sink: Callable[[SimulationResult], None] | None = None, block_rows: int = 4096):
        self.S, self.P = series, parallel
        self.n = series * parallel
        self.per_cell = per_cell
        self.sink = sink
        self.block_rows = max(int(block_rows), 2)
        if sink:
            rows = min(expected_rows + 2, self.block_rows + 1)
        else:  # preallocated for the expected rows, at most ~256 MB at first (then doubling)
            row_bytes = 8 * (12 + (4 * self.n if per_cell else 0))
            rows = min(expected_rows + 2, max(1024, int(2.56e8 // row_bytes)))
        self.cols = _Columns(rows, self.n, per_cell)
        self.rows = 0  # rows held
        self.summary = RunSummary()
        self._last: tuple[float, float, float] | None = None  # (t, I, V) of the last flushed row
        self.sink_time = 0.0  # s spent in the sink (writing), not simulating

    @property
    def last_time(self) -> float | None:
        return float(self.cols.pack["time"][self.rows - 1]) if self.rows else None

    def _room(self) -> int:
        """The index of the next row, once there is room for it (streaming: the full block
        goes to the sink; else the columns double)."""
        if self.rows >= self.cols.cap:
            if self.sink is not None:
                self._flush(keep_last=True)
            else:
                self.cols.grow(2 * self.cols.cap)
        return self.rows

    def append(self, t: float, pack_current: float, pack_voltage: float, soc: float,
               available: float, extremes, T: np.ndarray, cell_current: np.ndarray,
               cell_voltage: np.ndarray, cell_soc: np.ndarray) -> None:
        i = self._room()
        c = self.cols
        pk = c.pack
        pk["time"][i] = t
        pk["pack_current"][i] = pack_current
        pk["pack_voltage"][i] = pack_voltage
        pk["soc"][i] = soc
        pk["available"][i] = available
        pk["max_t"][i] = T[extremes.hottest]
        pk["min_t"][i] = T[extremes.coldest]
        pk["v_min"][i] = extremes.v_min
        pk["v_max"][i] = extremes.v_max
        c.hottest[i] = extremes.hottest
        c.coldest[i] = extremes.coldest
        if c.per_cell:
            cc, cv, cs, ct = c.cell
            cc[i] = cell_current
            cv[i] = cell_voltage
            cs[i] = cell_soc
            ct[i] = T
        self.rows = i + 1

    def append_rows(self, b: RowBlock) -> None:
        """Rows at once (see `append`)."""
        while len(b.time):
            i = self._room()
            c = self.cols
            n = len(b.time)
            k = min(n, c.cap - i)
            part = b if k == n else b.head(k)
            pk = c.pack
            for name, a in zip(_Columns.PACK, part, strict=False):
                pk[name][i:i + k] = a
            c.hottest[i:i + k] = part.hottest
            c.coldest[i:i + k] = part.coldest
            if c.per_cell:
                cc, cv, cs, ct = c.cell
                cc[i:i + k] = part.cell_current
                cv[i:i + k] = part.cell_voltage
                cs[i:i + k] = part.cell_soc
                ct[i:i + k] = part.cell_temperature
            self.rows = i + k
            if k == n:
                return
            b = RowBlock(*(a[k:] for a in b))

    def pop(self) -> None:
        """Forget the last row (it is replaced by the state at a cut-off at the same time)."""
        self.rows -= 1

    def _block(self, lo: int, hi: int, copy: bool = False) -> SimulationResult:
        c, P = self.cols, self.P
        take = (lambda a: a[lo:hi].copy()) if copy else (lambda a: a[lo:hi])
        pk = {k: take(v) for k, v in c.pack.items()}
        kh, kc = c.hottest[lo:hi], c.coldest[lo:hi]
        res = SimulationResult(
            series=self.S, parallel=P, time=pk["time"], pack_current=pk["pack_current"],
            pack_voltage=pk["pack_voltage"], soc=pk["soc"], max_cell_temperature=pk["max_t"],
            min_cell_temperature=pk["min_t"], hottest_cell=np.stack(divmod(kh, P), axis=1),
            coldest_cell=np.stack(divmod(kc, P), axis=1), min_cell_voltage=pk["v_min"],
            max_cell_voltage=pk["v_max"], available=pk["available"])
        if c.per_cell:
            n = hi - lo
            res.cell_current, res.cell_voltage, res.cell_soc, res.cell_temperature = (
                take(a).reshape(n, self.S, P) for a in c.cell)
        return res

    def _summarise(self, hi: int) -> None:
        """Add rows [0, hi) to the summary."""
        if hi <= 0:
            return
        pk = self.cols.pack
        t, i, v = pk["time"][:hi], pk["pack_current"][:hi], pk["pack_voltage"][:hi]
        if self._last is not None:
            t = np.concatenate([[self._last[0]], t])
            i = np.concatenate([[self._last[1]], i])
            v = np.concatenate([[self._last[2]], v])
        s = self.summary
        if len(t) > 1:
            s.energy += float(np.trapezoid(i * v, t))
            s.charge += float(np.trapezoid(i, t))
        s.rows += hi
        s.end_time = float(t[-1])
        s.pack_voltage_min = min(s.pack_voltage_min, float(pk["pack_voltage"][:hi].min()))
        s.pack_voltage_max = max(s.pack_voltage_max, float(pk["pack_voltage"][:hi].max()))
        s.max_cell_temperature = max(s.max_cell_temperature, float(pk["max_t"][:hi].max()))
        s.min_cell_temperature = min(s.min_cell_temperature, float(pk["min_t"][:hi].min()))
        s.min_cell_voltage = min(s.min_cell_voltage, float(pk["v_min"][:hi].min()))
        s.max_cell_voltage = max(s.max_cell_voltage, float(pk["v_max"][:hi].max()))
        self._last = (float(t[-1]), float(i[-1]), float(v[-1]))

    def _flush(self, keep_last: bool) -> None:
        hi = self.rows - 1 if keep_last else self.rows
        if hi <= 0:
            return
        t0 = time.perf_counter()
        self.sink(self._block(0, hi, copy=True))  # the buffer is reused: the sink may keep it
        self.sink_time += time.perf_counter() - t0
        self._summarise(hi)
        c = self.cols
        if keep_last:  # the last row may still be replaced: it stays
            for a in c.pack.values():
                a[0] = a[hi]
            c.hottest[0], c.coldest[0] = c.hottest[hi], c.coldest[hi]
            for a in c.cell:
                a[0] = a[hi]
        self.rows -= hi

    def finish(self) -> SimulationResult:
        """The result: every row, or (streaming) the last block's rows with the summary."""
        if self.sink is not None:
            self._flush(keep_last=False)
            res = self._block(0, 0)
            res.streamed = True
        else:
            self._summarise(self.rows)
            res = self._block(0, self.rows)
        res.summary = self.summary
        return res
