"""Every long computation of the app (simulations, curves, sizing, duty-cycle checks, PDF export
and preview) runs off the UI thread in one kind of worker, `Task`.

`Task(fn)` is a QThread running `fn(progress, cancelled)`: `progress(fraction)` reports 0..1
(throttled), `cancelled()` says whether `cancel()` was called.  The outcome arrives through
queued signals: `succeeded(result)`, `failed(one line)` or `cancelled()`, then QThread's
`finished`.  A job stops early by raising `Cancelled` (or the core's own cancellation of a
simulation or a sizing run, which are the same event seen from the core).
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QThread, Signal

from .messages import first_line

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """A background job stopped because its user cancelled it."""


def cancellations() -> tuple[type[BaseException], ...]:
    """`Cancelled` and the core's cancellations (imported here, not at start-up: the simulation
    pulls in scipy)."""
    from ..core.simulate import SimulationCancelled
    from ..core.sizing import SizingCancelled

    return Cancelled, SimulationCancelled, SizingCancelled


_running: set = set()  # started tasks, kept alive until their thread ends


class Task(QThread):
    """`parent` is the owner, not a Qt parent: a job may outlive the widget that started it
    (a dialog closed mid-preview).  When the owner goes, the job is cancelled and emits no
    outcome, and the thread object lives on until the thread ends."""

    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn, name: str = "task", parent=None):
        super().__init__()
        if parent is not None:
            parent.destroyed.connect(self._owner_destroyed)
        self.finished.connect(self._ended)
        self.fn = fn
        self.name = name
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._last_fraction = -1.0
        self.outcome = ""  # "done" | "failed" | "cancelled"
        self._orphan = False

    def cancel(self) -> None:
        self._cancel.set()

    def start(self, *args) -> None:
        _running.add(self)
        super().start(*args)

    def _ended(self) -> None:
        _running.discard(self)

    def _owner_destroyed(self, *_args) -> None:
        self._orphan = True  # no outcome is emitted to the dead owner's slots
        self.cancel()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, fraction: float) -> None:
        if self._cancel.is_set():
            raise Cancelled(self.name)
        now = time.monotonic()
        if fraction >= 1.0 or now - self._last_emit > 0.05 or \
                fraction - self._last_fraction > 0.02:
            self._last_emit, self._last_fraction = now, fraction
            self.progressed.emit(float(fraction))

    def run(self) -> None:
        stopped = cancellations()
        try:
            result = self.fn(self._progress, self._cancel.is_set)
        except stopped:
            self._finish_cancelled()
            return
        except Exception as exc:  # reported as one line in the UI, in full in the log
            if self._cancel.is_set():
                self._finish_cancelled()
                return
            log.exception("background task %r failed", self.name)
            self.outcome = "failed"
            if not self._orphan:
                self.failed.emit(first_line(exc))
            return
        if self._cancel.is_set():
            self._finish_cancelled()
        else:
            self.outcome = "done"
            if not self._orphan:
                self.succeeded.emit(result)

    def _finish_cancelled(self) -> None:
        self.outcome = "cancelled"
        if not self._orphan:
            self.cancelled.emit()
