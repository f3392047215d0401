"""Held-out runs chosen by a share of the data (`naion cells fit --hold-out-fraction F`).

Several training files: round(F·n) whole files (at least one, and at least one left to fit),
spread evenly over the files in the order given.  One file: its tail from the end of a rest
(≥ 5 min at rest, the first such end at or after (1 − F) of the log's duration), so the held-out
part starts relaxed; its starting SOC is the fitted part's coulomb count at the split.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..units import InputError
from .data import Run
from .steps import rest_threshold

FIELD = "--hold-out-fraction"
MIN_REST = 300.0  # s at rest before the split


@dataclass(frozen=True)
class Selection:
    fraction: float
    mode: str  # "files": whole files held out; "tail": the tail of one log
    held: tuple[str, ...]  # the held-out runs' names
    file: str | None = None  # tail: the log that was split
    tail_start: float | None = None  # tail: s into the log
    tail_share: float | None = None  # tail: share of the log's duration
    continues: tuple[tuple[str, str], ...] = ()  # (held-out run, the run it continues)

    def as_dict(self) -> dict:
        d = {"fraction": self.fraction, "mode": self.mode, "held_out": list(self.held)}
        if self.mode == "tail":
            d.update(file=self.file, tail_start_s=self.tail_start, tail_share=self.tail_share)
        return d

    def describe(self) -> str:
        if self.mode == "tail":
            return (f"--hold-out-fraction {self.fraction:g}: the tail of {self.file} from "
                    f"{self.tail_start:.0f} s ({self.tail_share:.1%} of the log) held out")
        return (f"--hold-out-fraction {self.fraction:g}: {len(self.held)} whole file(s) held "
                f"out: {', '.join(self.held)}")


def select(runs: list[Run], fraction: float) -> tuple[list[Run], list[Run], Selection]:
    """(training runs, held-out runs, what was chosen)."""
    if not 0.0 < fraction < 1.0:
        raise InputError(FIELD, f"expected a fraction between 0 and 1, got {fraction:g}")
    if not runs:
        raise InputError("DATA", "no training files")
    n = len(runs)
    if n == 1:
        return _tail(runs[0], fraction)
    k = min(n - 1, max(1, round(fraction * n)))
    idx = sorted({int((j + 0.5) * n / k) for j in range(k)})
    held = [runs[i] for i in idx]
    train = [r for i, r in enumerate(runs) if i not in idx]
    return train, held, Selection(fraction, "files", tuple(r.name for r in held))


def split_index(run: Run, fraction: float) -> int | None:
    """The first end of a rest of ≥ MIN_REST s at or after (1 − fraction) of the log."""
    t, i = run.time, run.current
    rest = np.abs(i) < rest_threshold(i)
    since = np.zeros(len(t))  # time at rest up to each sample
    for k in range(1, len(t)):
        since[k] = since[k - 1] + (t[k] - t[k - 1]) if rest[k] and rest[k - 1] else 0.0
    ends = np.flatnonzero(rest[:-1] & ~rest[1:] & (since[:-1] >= MIN_REST))
    ends = ends[t[ends] >= t[0] + (1.0 - fraction) * run.duration]
    return int(ends[0]) if len(ends) else None


def _tail(run: Run, fraction: float) -> tuple[list[Run], list[Run], Selection]:
    k = split_index(run, fraction)
    if k is None or k < 2 or len(run) - k < 2:
        raise InputError(FIELD, f"{run.name}: one log is held out by its tail, split at the end "
                                f"of a rest of at least {MIN_REST / 60:.0f} min after "
                                f"{1 - fraction:.0%} of its duration, and it has none there; "
                                "give a smaller fraction, more files, or --hold-out")
    ts = float(run.time[k])
    temp = run.temperature
    head = replace(run, name=f"{run.name} (to {ts:.0f} s)", time=run.time[:k + 1],
                   current=run.current[:k + 1], voltage=run.voltage[:k + 1],
                   temperature=None if temp is None else temp[:k + 1])
    tail = replace(run, name=f"{run.name} (from {ts:.0f} s)", time=run.time[k:] - ts,
                   current=np.concatenate([[0.0], run.current[k + 1:]]),
                   voltage=run.voltage[k:], temperature=None if temp is None else temp[k:])
    share = float((run.time[-1] - ts) / run.duration)
    return [head], [tail], Selection(fraction, "tail", (tail.name,), run.name, ts, share,
                                     ((tail.name, head.name),))
