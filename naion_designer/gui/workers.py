"""Long computations (simulations, discharge curves) off the UI thread.

`Task` is a QThread running `fn(progress, cancelled)`; it reports progress (throttled), a result,
a one-line failure or a cancellation through queued signals.  `cancel()` sets a flag that the
core polls (`simulate(..., cancel=...)` raises SimulationCancelled).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread, Signal


def _is_cancellation(exc: BaseException) -> bool:
    return type(exc).__name__ == "SimulationCancelled"


class Task(QThread):
    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn, name: str = "task", parent=None):
        super().__init__(parent)
        self.fn = fn
        self.name = name
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._last_fraction = -1.0
        self.outcome = ""  # "done" | "failed" | "cancelled"

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, fraction: float) -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - self._last_emit > 0.05 or \
                fraction - self._last_fraction > 0.02:
            self._last_emit, self._last_fraction = now, fraction
            self.progressed.emit(float(fraction))

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self._cancel.is_set)
        except Exception as exc:  # reported as one line in the UI
            if _is_cancellation(exc) or self._cancel.is_set():
                self.outcome = "cancelled"
                self.cancelled.emit()
            else:
                msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                self.outcome = "failed"
                self.failed.emit(msg or type(exc).__name__)
            return
        if self._cancel.is_set():
            self.outcome = "cancelled"
            self.cancelled.emit()
        else:
            self.outcome = "done"
            self.succeeded.emit(result)
