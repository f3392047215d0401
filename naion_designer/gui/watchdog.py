"""A watchdog for the UI thread: reports when its event loop has been busy (blocked in one long
call, or spinning through events without ever going idle) for longer than a threshold, with the
stack of the UI thread at that moment.

The UI thread's event dispatcher says when the loop is about to wait for events
(`aboutToBlock`), and a short timer in the UI thread wakes an idle loop every few milliseconds, so
an idle loop passes `aboutToBlock` again and again.  A plain Python thread looks at the time since
the last one: past the threshold the loop is blocked in one long call or spinning through events
without ever going idle, and the thread takes the UI thread's stack from
`sys._current_frames()`.  The app
arms it with `naion-designer --watchdog` (or `NAION_WATCHDOG_MS=250`); the GUI tests arm it around
every action of their random walk.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QThread, QTimer

log = logging.getLogger(__name__)
DEFAULT_THRESHOLD_S = 0.25


@dataclass(frozen=True)
class Stall:
    """The UI thread was busy for `busy_s` seconds (at the moment of the report); its stack."""

    busy_s: float
    stack: str
    label: str = ""  # what the app (or the test) was doing, from `Watchdog.label`

    def summary(self) -> str:
        lines = [ln for ln in self.stack.strip().splitlines() if ln.strip().startswith("File")]
        where = lines[-1].strip() if lines else "?"
        return f"UI thread busy {self.busy_s * 1e3:.0f} ms{f' ({self.label})' if self.label else ''}" \
               f" at {where}"


class Watchdog(QObject):
    """`Watchdog(threshold_s)` in the UI thread; `start()`, `stop()`; `stalls` lists the reports.

    `armed` (True after `start()`) lets a test watch only the stretches it drives; `report(stall)`
    is called from the watchdog thread (default: a log warning with the stack)."""

    def __init__(self, threshold_s: float = DEFAULT_THRESHOLD_S, report=None, parent=None):
        super().__init__(parent)
        self.threshold_s = threshold_s
        self.report = report or self._log
        self.stalls: list[Stall] = []
        self.label = ""
        self.armed = False
        self.max_busy_s = 0.0
        self._busy_since: float | None = None  # the last time the loop was idle
        self._reported = False
        self._tick = QTimer(self)
        self._tick.setInterval(max(5, int(threshold_s * 1000 / 10)))
        self._ui_thread_id = threading.get_ident()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._dispatcher = QAbstractEventDispatcher.instance(QThread.currentThread())

    # --- control (UI thread) ---------------------------------------------------------------
    def start(self) -> Watchdog:
        if self._thread is None:
            self._dispatcher.aboutToBlock.connect(self._idle)
            self._tick.start()
            self._stop.clear()
            self._thread = threading.Thread(target=self._watch, name="ui-watchdog", daemon=True)
            self._thread.start()
        self.arm()
        return self

    def stop(self) -> None:
        self.disarm()
        if self._thread is not None:
            self._stop.set()
            self._thread.join(1.0)
            self._thread = None
            self._tick.stop()
            self._dispatcher.aboutToBlock.disconnect(self._idle)

    def arm(self, label: str = "") -> None:
        """Watch from now on (the UI thread counts as busy from this moment: a test arms it
        before it drives an action, as a user's click would start it)."""
        self.label = label
        self._reported = False
        self._busy_since = time.monotonic()
        self.armed = True

    def disarm(self) -> None:
        self.armed = False
        self._busy_since = None

    # --- dispatcher signals (UI thread) ----------------------------------------------------
    def _idle(self) -> None:
        now = time.monotonic()
        since = self._busy_since
        if self.armed and since is not None:
            self.max_busy_s = max(self.max_busy_s, now - since)
        self._busy_since = now if self.armed else None
        self._reported = False

    # --- the watching thread ---------------------------------------------------------------
    def _watch(self) -> None:
        tick = min(0.02, self.threshold_s / 5)
        while not self._stop.wait(tick):
            since = self._busy_since
            if not self.armed or since is None or self._reported:
                continue
            busy = time.monotonic() - since
            if busy < self.threshold_s:
                continue
            frame = sys._current_frames().get(self._ui_thread_id)
            stack = "".join(traceback.format_stack(frame)) if frame is not None else ""
            self._reported = True
            stall = Stall(busy, stack, self.label)
            self.stalls.append(stall)
            try:
                self.report(stall)
            except Exception:  # a report must never kill the watchdog
                log.exception("watchdog report failed")

    @staticmethod
    def _log(stall: Stall) -> None:
        log.warning("%s\n%s", stall.summary(), stall.stack)
