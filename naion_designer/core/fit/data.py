"""One measured run of a cycler, as SI arrays (s, A positive = discharge, V, K)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Run:
    name: str  # file name as the user gave it
    sha256: str
    time: np.ndarray  # s, strictly increasing, starting at 0
    current: np.ndarray  # A, positive = discharge; each sample's current is taken as the one
    #                      held over the interval that ends at it (a cycler's sample after a
    #                      step change already shows the new current)
    voltage: np.ndarray  # V
    temperature: np.ndarray | None = None  # K, measured cell temperature
    source_format: str = "csv"

    def held_current(self) -> np.ndarray:
        """The current held from each sample to the next (the last one repeated)."""
        return np.append(self.current[1:], self.current[-1])

    def __len__(self) -> int:
        return len(self.time)

    @property
    def duration(self) -> float:
        return float(self.time[-1] - self.time[0])

    def charge_through(self) -> np.ndarray:
        """Charge delivered since the start at every sample, C."""
        q = np.empty(len(self.time))
        q[0] = 0.0
        np.cumsum(self.current[1:] * np.diff(self.time), out=q[1:])
        return q
