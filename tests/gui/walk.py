"""A seeded random walk through the desktop app's real widgets, checking invariants after every
action.  `tests/gui/test_random_walk.py` runs short walks in the suite; `make gui-walk` runs the
long profile:

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python -m tests.gui.walk --actions 3400 \
        --sizes 1400x900,1600x1000,1200x800 --seed 1

Actions: S, P, topology, packing, rotation, terminal side, groups per row, modules, every
quantity field (valid, boundary and absurd text), SOC window, load C-rate, name, target,
overheads, cells from the library, group swaps and mouse drags on the layout, undo and redo
batches, new/open/close/switch tabs, simulations (most of them cancelled), colour modes, zoom,
plot tabs, docks, window resizes.

Invariants after every action: no exception and no Qt warning; the Results panel shows
`calculate()` of the current design; the editor's widgets show the design's values; the layout
has one group per series index; the event loop goes idle within `SETTLE_BOUND_S`.  Every
`UNDO_CHECK_EVERY` actions (and at the end): undo-all restores the opened design exactly and
redo-all the edited one.  A failure raises `WalkFailure` with the seed, the window size and the
numbered action list that led to it.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
import traceback
from dataclasses import dataclass, field

SETTLE_BOUND_S = 5.0  # the event loop must go idle within this after an action
UNDO_CHECK_EVERY = 40
SIZES = ((1400, 900), (1600, 1000), (1200, 800))
# the offscreen platform plugin says this for every dock; it is not an app warning
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)
ABSURD_TEXTS = ("1e308", "-1e308", "1e100", "1e300", "nan", "inf", "-inf", "-5", "abc", "5 kg",
                "1e-300", "0x10", "--1", "1e308 mohm", "１２")


class WalkFailure(AssertionError):
    pass


class FitLoopBreaker:
    """Counts LayoutView.fit calls; past `limit` in one stretch it stops fitting, so that a
    resize↔fit loop (which offscreen never lets the event loop return, not even to a timer)
    ends and is reported instead of hanging the run.  `reset()` starts a new stretch."""

    def __init__(self, limit: int = 2000):
        self.limit = limit
        self.calls = 0
        self.tripped = False
        self._real = None

    def __enter__(self) -> FitLoopBreaker:
        from naion_designer.gui.layout_view import LayoutView

        self._real = real = LayoutView.fit
        breaker = self

        def fit(view) -> None:
            breaker.calls += 1
            if breaker.calls > breaker.limit:
                breaker.tripped = True
                return
            real(view)

        LayoutView.fit = fit
        return self

    def __exit__(self, *exc) -> None:
        from naion_designer.gui.layout_view import LayoutView

        LayoutView.fit = self._real

    def reset(self) -> None:
        self.calls = 0


@dataclass
class WalkStats:
    actions: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    undo_checks: int = 0
    max_action_s: float = 0.0
    max_settle_s: float = 0.0
    stalls: list = field(default_factory=list)  # watchdog Stall reports (> 250 ms)
    errors_shown: int = 0  # one-line messages shown to the user (refused input)
    fit_loops: int = 0  # resize↔fit loops broken and counted (--tolerate-fit-loop)
    seconds: float = 0.0

    def add(self, other: WalkStats) -> None:
        self.actions += other.actions
        for k, v in other.counts.items():
            self.counts[k] = self.counts.get(k, 0) + v
        self.undo_checks += other.undo_checks
        self.max_action_s = max(self.max_action_s, other.max_action_s)
        self.max_settle_s = max(self.max_settle_s, other.max_settle_s)
        self.stalls += other.stalls
        self.errors_shown += other.errors_shown
        self.fit_loops += other.fit_loops
        self.seconds += other.seconds


def patch_questions(win, shown: list) -> None:
    """Answer the window's questions without modal dialogs (discard on close)."""
    win.ask_save_changes = lambda doc: "discard"
    win.ask_restore = lambda found: False
    win.ask_save_path = lambda doc: ""
    win.show_error = lambda title, message: shown.append((title, message))


class Walk:
    def __init__(self, win, seed: int, size: tuple[int, int] = SIZES[0], watchdog=None):
        from PySide6.QtCore import QAbstractEventDispatcher, QThread

        self.win = win
        self.seed = seed
        self.size = size
        self.rng = random.Random(seed)
        self.log: list[str] = []
        self.stats = WalkStats()
        self.watchdog = watchdog
        self.breaker = FitLoopBreaker()
        self.fit_scenario = True
        self.tolerate_fit_loop = False
        self.exceptions: list[str] = []
        self.qt_messages: list[str] = []
        self.shown: list[tuple[str, str]] = []
        self.opened: dict[str, object] = {}  # doc_id -> the design it was opened with
        self._dispatcher = QAbstractEventDispatcher.instance(QThread.currentThread())
        patch_questions(win, self.shown)
        self._actions = [
            (8, "series", self.a_series), (6, "parallel", self.a_parallel),
            (2, "topology", self.a_topology), (3, "packing", self.a_packing),
            (2, "rotation", self.a_rotation), (2, "terminal_side", self.a_terminal_side),
            (2, "groups_per_row", self.a_groups_per_row), (4, "modules", self.a_modules),
            (12, "quantity", self.a_quantity), (2, "soc", self.a_soc), (2, "load_c", self.a_load_c),
            (1, "name", self.a_name), (2, "target", self.a_target), (2, "overhead", self.a_overhead),
            (5, "use_cell", self.a_use_cell), (5, "swap", self.a_swap), (3, "drag", self.a_drag),
            (8, "undo", self.a_undo), (5, "redo", self.a_redo), (1, "new", self.a_new),
            (2, "open", self.a_open), (1, "close", self.a_close), (2, "switch", self.a_switch),
            (3, "simulate", self.a_simulate), (2, "colour", self.a_colour), (2, "zoom", self.a_zoom),
            (1, "plots_tab", self.a_plots_tab), (1, "dock", self.a_dock), (1, "resize", self.a_resize),
        ]
        self._weights = [w for w, _n, _f in self._actions]

    # --- running -----------------------------------------------------------------------------
    def run(self, n: int) -> WalkStats:
        from PySide6.QtCore import qInstallMessageHandler

        t0 = time.monotonic()
        old_hook = sys.excepthook
        sys.excepthook = self._excepthook
        old_handler = qInstallMessageHandler(self._qt_message)
        self.breaker.__enter__()
        try:
            self.win.resize(*self.size)
            self._step("start", lambda: f"window {self.size[0]}×{self.size[1]}")
            if self.size == (1400, 900) and self.fit_scenario:
                self._fit_loop_scenario()
            if not self.win.docs:
                self._step("open", self.a_open)
            for _ in range(n):
                _w, name, fn = self.rng.choices(self._actions, self._weights)[0]
                self._step(name, fn)
                if self.stats.actions % UNDO_CHECK_EVERY == 0:
                    self.check_undo_all()
            self.check_undo_all()
            self._finish_simulations()
        finally:
            self.stats.seconds = time.monotonic() - t0
            self.breaker.__exit__()
            qInstallMessageHandler(old_handler)
            sys.excepthook = old_hook
        self.stats.seconds = time.monotonic() - t0
        self.stats.errors_shown = len(self.shown)
        return self.stats

    def _fit_loop_scenario(self) -> None:
        """The home-storage example with tob-18650-c-na at 1400 × 900, then a while idle."""
        from naion_designer.io.paths import examples_dir

        def use_tob():
            self.win.library.select("tob-18650-c-na")
            self.win.library._use()
            return "tob-18650-c-na"

        self._step("open", lambda: self.win.open_file(examples_dir() / "home-storage-51v.naion")
                   and "home-storage-51v.naion")
        self._step("use_cell", use_tob)
        self._step("idle", lambda: self.run_for(1.5) and "1.5 s")

    def scripted(self, steps) -> None:
        """Run (name, fn) steps with the same checks (a reproduced scenario)."""
        from PySide6.QtCore import qInstallMessageHandler

        old_hook = sys.excepthook
        sys.excepthook = self._excepthook
        old_handler = qInstallMessageHandler(self._qt_message)
        self.breaker.__enter__()
        try:
            for name, fn in steps:
                self._step(name, fn)
        finally:
            self.breaker.__exit__()
            qInstallMessageHandler(old_handler)
            sys.excepthook = old_hook

    def _step(self, name: str, fn) -> None:
        k = len(self.log) + 1
        self.breaker.reset()
        if self.watchdog is not None:
            self.watchdog.arm(f"#{k} {name}")
        t0 = time.monotonic()
        try:
            what = fn()
        except WalkFailure:
            raise
        except Exception:
            self.log.append(f"{k:5d} {name}: (raised)")
            self.fail(f"action {name} raised:\n{traceback.format_exc()}")
        self.log.append(f"{k:5d} {name}: {what or ''}")
        t1 = time.monotonic()
        settled = self.settle(SETTLE_BOUND_S)
        t2 = time.monotonic()
        if self.watchdog is not None:
            self.watchdog.disarm()
        self.stats.actions += 1
        self.stats.counts[name] = self.stats.counts.get(name, 0) + 1
        self.stats.max_action_s = max(self.stats.max_action_s, t1 - t0)
        self.stats.max_settle_s = max(self.stats.max_settle_s, t2 - t1)
        if self.breaker.tripped and self.tolerate_fit_loop:
            self.stats.fit_loops += 1
            self.breaker.tripped = False
            self.log.append(f"{k:5d} (the resize↔fit loop tripped the breaker: counted)")
        if self.breaker.tripped:
            self.fail(f"LayoutView.fit ran {self.breaker.calls} times in one action without the "
                      "event loop going idle (a resize↔fit loop)")
        if not settled:
            stack = ""
            if self.watchdog is not None and self.watchdog.stalls:
                stack = "\n" + self.watchdog.stalls[-1].stack
            self.fail(f"the event loop did not go idle within {SETTLE_BOUND_S:g} s{stack}")
        self.check()

    def settle(self, bound_s: float) -> bool:
        """Run the event loop until it is about to wait for events (idle), at most bound_s."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        state = {"idle": False}

        def idle() -> None:
            state["idle"] = True
            loop.quit()

        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(int(bound_s * 1000))
        self._dispatcher.aboutToBlock.connect(idle)
        try:
            loop.exec()
        finally:
            self._dispatcher.aboutToBlock.disconnect(idle)
            timer.stop()
        return state["idle"]

    def run_for(self, seconds: float) -> bool:
        """Run the event loop for `seconds` (timers fire: debounced curves, autosave); True if
        it went idle every time it was asked to."""
        end = time.monotonic() + seconds
        ok = True
        while time.monotonic() < end and not self.breaker.tripped:
            ok = self.settle(SETTLE_BOUND_S) and ok
            time.sleep(0.01)
        return ok

    def _finish_simulations(self) -> None:
        plots = self.win.plots
        if plots.sim_task is not None:
            plots.cancel_simulation()
        deadline = time.monotonic() + 30
        while (plots.sim_task is not None or plots.curves_task is not None) and \
                time.monotonic() < deadline:
            self.settle(0.2)
            time.sleep(0.01)
        self.check()

    def _excepthook(self, etype, value, tb) -> None:
        self.exceptions.append("".join(traceback.format_exception(etype, value, tb)))

    def _qt_message(self, mode, context, message) -> None:
        from PySide6.QtCore import QtMsgType

        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if message in IGNORED_QT_MESSAGES:
            return
        self.qt_messages.append(f"{mode.name}: {message}")
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(f"Qt {mode.name}: {message} ({context.file}:{context.line})", file=sys.stderr,
                  flush=True)

    def fail(self, message: str) -> None:
        tail = "\n".join(self.log[-60:])
        raise WalkFailure(f"random walk failed (seed {self.seed}, window {self.size[0]}×"
                          f"{self.size[1]}, after {len(self.log)} actions): {message}\n"
                          f"--- the last actions (replay: python -m tests.gui.walk --seed "
                          f"{self.seed} --sizes {self.size[0]}x{self.size[1]} --actions "
                          f"{len(self.log)}) ---\n{tail}")

    # --- invariants --------------------------------------------------------------------------
    def check(self) -> None:
        if self.exceptions:
            self.fail("uncaught exception:\n" + self.exceptions[0])
        if self.qt_messages:
            self.fail("Qt warning: " + self.qt_messages[0])
        self._record_opened()
        doc = self.win.current_document()
        if doc is None:
            return
        self.check_results(doc)
        self.check_editor(doc)
        tab = self.win.current_tab()
        if len(tab.view.groups) != doc.design.series:
            self.fail(f"the layout shows {len(tab.view.groups)} groups for "
                      f"{doc.design.series}S")

    def _record_opened(self) -> None:
        for doc in self.win.docs:
            if doc.doc_id not in self.opened:
                # the design at undo index 0: the one it was opened with
                self.opened[doc.doc_id] = (doc.undo_stack.command(0).old
                                           if doc.undo_stack.count() else doc.design)

    def check_results(self, doc) -> None:
        from naion_designer.core.electrical import calculate
        from naion_designer.core.units import InputError
        from naion_designer.gui.widgets.results_panel import fast_display

        panel = self.win.results
        try:
            res = calculate(doc.design)
        except (InputError, ValueError, ArithmeticError) as exc:
            if "Cannot compute" not in panel.header.text():
                self.fail(f"calculate() fails ({exc}) but the Results panel does not say so")
            return
        for name in res:
            if name not in panel.items:
                self.fail(f"the Results panel has no row '{name}'")
            want = " ".join(fast_display(name, res[name], panel.units)).strip()
            got = panel.value_text(name)
            if got != want:
                self.fail(f"Results shows {name} = '{got}', calculate() gives '{want}'")
            v = res[name].value
            if isinstance(v, float) and not math.isfinite(v):
                self.fail(f"calculate() gives {name} = {v} for an accepted design")

    def check_editor(self, doc) -> None:
        from naion_designer.gui.widgets.quantity_edit import format_value

        ed = self.win.editor
        d = doc.design
        pairs = [("series", ed.series_spin.value(), d.series),
                 ("parallel", ed.parallel_spin.value(), d.parallel),
                 ("modules", ed.modules_spin.value(), d.layout.modules),
                 ("groups per row", ed.groups_per_row_spin.value(), d.layout.groups_per_row),
                 ("topology", ed.topology_combo.currentData(), d.topology),
                 ("packing", ed.packing_combo.currentData(), d.layout.packing),
                 ("rotation", ed.rotation_combo.currentData(), d.layout.rotation),
                 ("terminal side", ed.terminal_side_combo.currentData(),
                  d.interconnect.terminal_side),
                 ("name", ed.name_edit.text(), d.name),
                 ("target", ed.target_combo.currentText(), d.target),
                 ("SOC low", round(ed.soc_low_spin.value(), 1),
                  round(d.analysis.soc_window[0] * 100, 1)),
                 ("SOC high", round(ed.soc_high_spin.value(), 1),
                  round(d.analysis.soc_window[1] * 100, 1)),
                 ("load C-rate", round(ed.load_c_spin.value(), 2), round(d.analysis.load_c_rate, 2)),
                 ("overheads", ed.overhead_table.rowCount(), len(d.overheads))]
        for what, shown, value in pairs:
            if shown != value:
                self.fail(f"the editor shows {what} = {shown!r}, the design has {value!r}")
        if d.cell.form_factor != "cylindrical" and d.layout.packing != "square" and \
                not ed.packing_combo.isEnabled():
            self.fail("packing is hexagonal for a non-cylindrical cell and cannot be changed")
        for (sec, name), edit in ed.quantity_edits.items():
            if edit.error:
                continue  # the user's refused text stays in the field with its message
            value = getattr(getattr(d, sec), name)
            want = "" if value is None else format_value(value, edit.kind, edit.unit)
            if edit.text() != want:
                self.fail(f"the editor shows {sec}.{name} = '{edit.text()}', the design has "
                          f"'{want}'")

    def check_undo_all(self) -> None:
        doc = self.win.current_document()
        if doc is None:
            return
        stack = doc.undo_stack
        index, edited = stack.index(), doc.design
        self._record_opened()
        opened = self.opened[doc.doc_id]
        stack.setIndex(0)
        self.settle(SETTLE_BOUND_S)
        if doc.design != opened:
            self.fail("undo-all does not restore the opened design")
        self.check()
        stack.setIndex(stack.count())
        self.settle(SETTLE_BOUND_S)
        stack.setIndex(index)
        self.settle(SETTLE_BOUND_S)
        if doc.design != edited:
            self.fail("redo after undo-all does not restore the edited design")
        self.check()
        self.stats.undo_checks += 1
        self.log.append(f"{len(self.log) + 1:5d} undo-all check: {index} steps")

    # --- helpers -----------------------------------------------------------------------------
    def _doc(self):
        doc = self.win.current_document()
        if doc is None:
            self.win.open_example()
            doc = self.win.current_document()
        return doc

    def _type(self, widget, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        widget.setFocus()
        widget.selectAll()
        QTest.keyClick(widget, Qt.Key.Key_Delete)
        if text.isascii():
            QTest.keyClicks(widget, text)
        else:  # QTest types ASCII only: the text arrives as an input method would commit it
            widget.insert(text)
        QTest.keyClick(widget, Qt.Key.Key_Return)

    def _spin_text(self, spin, value: int) -> None:
        self._type(spin.lineEdit(), str(value))

    def _pick_combo(self, combo) -> str:
        if not combo.isEnabled() or combo.count() == 0:
            return "(disabled)"
        i = self.rng.randrange(combo.count())
        combo.setCurrentIndex(i)
        combo.activated.emit(i)
        return combo.itemText(i)

    def _count(self, current: int, hi: int) -> int:
        r = self.rng.random()
        if r < 0.1:
            return self.rng.choice([0, 1, hi, hi + 1, 99999])  # boundary and out of range
        if r < 0.5:
            return max(1, current + self.rng.choice([-2, -1, 1, 2]))
        return self.rng.randint(1, hi)

    # --- actions -----------------------------------------------------------------------------
    def a_series(self):
        d = self._doc().design
        v = self._count(d.series, 40)
        self._spin_text(self.win.editor.series_spin, v)
        return f"type S = {v}"

    def a_parallel(self):
        d = self._doc().design
        v = self._count(d.parallel, 12)
        self._spin_text(self.win.editor.parallel_spin, v)
        return f"type P = {v}"

    def a_topology(self):
        self._doc()
        return self._pick_combo(self.win.editor.topology_combo)

    def a_packing(self):
        self._doc()
        return self._pick_combo(self.win.editor.packing_combo)

    def a_rotation(self):
        self._doc()
        return self._pick_combo(self.win.editor.rotation_combo)

    def a_terminal_side(self):
        self._doc()
        return self._pick_combo(self.win.editor.terminal_side_combo)

    def a_groups_per_row(self):
        d = self._doc().design
        v = self.rng.choice([0, 0, 1, 2, 3, 4, d.series, d.series + 1])
        self._spin_text(self.win.editor.groups_per_row_spin, v)
        return f"type {v}"

    def a_modules(self):
        d = self._doc().design
        v = self.rng.choice([1, 1, 2, 2, 3, 4, d.series, d.series + 1, 0])
        self._spin_text(self.win.editor.modules_spin, v)
        return f"type {v}"

    def a_quantity(self):
        self._doc()
        ed = self.win.editor
        key = self.rng.choice(sorted(ed.quantity_edits))
        edit = ed.quantity_edits[key]
        r = self.rng.random()
        lo, hi = edit.bounds_in_unit() if hasattr(edit, "bounds_in_unit") else (0.0, 100.0)
        if r < 0.2:
            text = self.rng.choice(ABSURD_TEXTS)
        elif r < 0.35:
            text = f"{self.rng.choice([lo, hi]):g}"
        elif r < 0.4 and edit.optional:
            text = ""
        elif r < 0.5:
            text = f"{self.rng.uniform(lo, hi):.4g} {edit.unit}"
        else:
            text = f"{self.rng.uniform(lo, min(hi, lo + (hi - lo) * 0.1)):.4g}"
        self._type(edit, text)
        return f"{key[0]}.{key[1]} ← '{text}'"

    def a_soc(self):
        self._doc()
        ed = self.win.editor
        spin = self.rng.choice([ed.soc_low_spin, ed.soc_high_spin])
        v = self.rng.choice([0, 5, 10, 50, 90, 95, 100, self.rng.randint(0, 100)])
        self._type(spin.lineEdit(), str(v))
        return f"{'low' if spin is ed.soc_low_spin else 'high'} = {v} %"

    def a_load_c(self):
        self._doc()
        v = self.rng.choice(["0.01", "0.5", "1", "2", "100", "0", "150"])
        self._type(self.win.editor.load_c_spin.lineEdit(), v)
        return v

    def a_name(self):
        self._doc()
        name = self.rng.choice(["Pack A", "家庭储能 5 kWh", "x" * 80, " ", "Forklift 48 V"])
        self._type(self.win.editor.name_edit, name)
        return repr(name)

    def a_target(self):
        self._doc()
        combo = self.win.editor.target_combo
        options = [combo.itemText(i) for i in range(combo.count())] + ["no-such-target"]
        text = self.rng.choice(options)
        self._type(combo.lineEdit(), text)
        return repr(text)

    def a_overhead(self):
        d = self._doc().design
        ed = self.win.editor
        r = self.rng.random()
        if r < 0.4 or not d.overheads:
            ed._add_overhead()
            return "add"
        if r < 0.6:
            ed.overhead_table.setCurrentCell(self.rng.randrange(len(d.overheads)), 0)
            ed._remove_overhead()
            return "remove"
        row, col = self.rng.randrange(len(d.overheads)), self.rng.randrange(5)
        text = self.rng.choice(["0.5", "1.2 kg", "0.1", "2 L", "abc", "-1", "1e308", "12%", ""])
        item = ed.overhead_table.item(row, col)
        if item is not None:
            item.setText(text)
        return f"row {row} col {col} ← '{text}'"

    def a_use_cell(self):
        self._doc()
        lib = self.win.library
        ids = sorted(lib.cells)
        cell_id = self.rng.choice(ids)
        lib.select(cell_id)
        lib._use()
        return cell_id

    def a_swap(self):
        d = self._doc().design
        if d.series < 2:
            return "(S = 1)"
        a, b = self.rng.sample(range(d.series), 2)
        view = self.win.current_tab().view
        try:
            view.swap_groups(a, b)
        except ValueError as exc:  # InputError: shown to the user by the view's caller
            return f"{a} ↔ {b}: refused ({exc})"
        return f"{a} ↔ {b}"

    def a_drag(self):
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        d = self._doc().design
        view = self.win.current_tab().view
        vp = view.viewport()
        if d.series < 2 or not view.groups:
            start = QPoint(5, 5)
            end = QPoint(self.rng.randint(0, vp.width()), self.rng.randint(0, vp.height()))
        else:
            a, b = self.rng.sample(range(len(view.groups)), 2)
            start, end = view.map_group_to_view(a), view.map_group_to_view(b)
        button = self.rng.choice([Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                                  Qt.MouseButton.MiddleButton])
        QTest.mousePress(vp, button, Qt.KeyboardModifier.NoModifier, start)
        for k in range(1, 5):
            QTest.mouseMove(vp, start + (end - start) * (k / 4))
        QTest.mouseRelease(vp, button, Qt.KeyboardModifier.NoModifier, end)
        return f"{button.name} {start.x()},{start.y()} → {end.x()},{end.y()}"

    def a_undo(self):
        n = self.rng.randint(1, 6)
        for _ in range(n):
            self.win.undo_action.trigger()
        return f"×{n}"

    def a_redo(self):
        n = self.rng.randint(1, 6)
        for _ in range(n):
            self.win.redo_action.trigger()
        return f"×{n}"

    def a_new(self):
        if len(self.win.docs) >= 6:
            return self.a_close()
        self.win.new_action.trigger()
        return "Ctrl+N"

    def a_open(self):
        from naion_designer.io.paths import examples_dir

        files = sorted(examples_dir().glob("*.naion"))
        path = self.rng.choice(files)
        self.win.open_file(path)
        return path.name

    def a_close(self):
        if len(self.win.docs) <= 1:
            return "(last tab kept)"
        i = self.rng.randrange(self.win.tabs.count())
        self.win.close_tab(i)
        return f"tab {i}"

    def a_switch(self):
        n = self.win.tabs.count()
        if n < 2:
            return "(one tab)"
        i = self.rng.randrange(n)
        self.win.tabs.setCurrentIndex(i)
        return f"tab {i}"

    def a_simulate(self):
        from PySide6.QtCore import QCoreApplication

        self._doc()
        plots = self.win.plots
        if plots.sim_task is not None:
            self.win.cancel_action.trigger()
            return "cancel the running one"
        combo = plots.profile_combo
        if combo.count():
            combo.setCurrentIndex(self.rng.randrange(combo.count()))
        self.win.run_action.trigger()
        if self.rng.random() < 0.6:
            for _ in range(self.rng.randint(0, 3)):
                QCoreApplication.processEvents()
            self.win.cancel_action.trigger()
            return f"{combo.currentData()} (cancelled)"
        return f"{combo.currentData()}"

    def a_colour(self):
        self._doc()
        modes = list(self.win.colour_actions)
        mode = self.rng.choice(modes)
        self.win.colour_actions[mode].trigger()
        return mode

    def a_zoom(self):
        self._doc()
        a = self.rng.choice([self.win.zoom_in_action, self.win.zoom_out_action,
                             self.win.fit_action])
        a.trigger()
        return a.text().replace("&", "")

    def a_plots_tab(self):
        tabs = self.win.plots.tabs
        i = self.rng.randrange(tabs.count())
        tabs.setCurrentIndex(i)
        return tabs.tabText(i)

    def a_dock(self):
        w = self.win
        dock = self.rng.choice([w.design_dock, w.library_dock, w.results_dock, w.target_dock])
        dock.raise_()
        return dock.objectName()

    def a_resize(self):
        size = self.rng.choice(SIZES)
        self.win.resize(*size)
        return f"{size[0]}×{size[1]}"


# --- the long profile (make gui-walk) ------------------------------------------------------------
def make_app_window():
    """A QApplication and a shown main window with app state in a temporary folder."""
    import tempfile

    tmp = tempfile.mkdtemp(prefix="naion-walk-")
    os.environ["NAION_SETTINGS_FILE"] = os.path.join(tmp, "settings", "naion-designer.ini")
    os.environ["NAION_RECOVERY_DIR"] = os.path.join(tmp, "recovery")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtWidgets import QApplication

    import naion_designer.gui  # noqa: F401 - pins True/None before any Qt signal

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from naion_designer.gui.main_window import MainWindow
    from naion_designer.gui.settings import Settings

    win = MainWindow(Settings())
    win.show()
    return app, win


def main(argv: list[str] | None = None) -> int:
    import warnings

    p = argparse.ArgumentParser(prog="python -m tests.gui.walk")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--actions", type=int, default=3400, help="actions per window size")
    p.add_argument("--sizes", default="1400x900,1600x1000,1200x800")
    p.add_argument("--tolerate-fit-loop", action="store_true",
                   help="count LayoutView resize↔fit loops (broken by the walk) instead of failing")
    p.add_argument("--no-fit-scenario", action="store_true",
                   help="skip the scripted resize↔fit scenario that starts a 1400x900 walk")
    args = p.parse_args(argv)
    warnings.simplefilter("error")
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    app, win = make_app_window()
    from naion_designer.gui.watchdog import Watchdog

    watchdog = Watchdog(0.25, report=lambda stall: None).start()
    total = WalkStats()
    status = 0
    for k, size in enumerate(sizes):
        walk = Walk(win, args.seed + k, size, watchdog)
        walk.fit_scenario = not args.no_fit_scenario
        walk.tolerate_fit_loop = args.tolerate_fit_loop
        try:
            stats = walk.run(args.actions)
        except WalkFailure as exc:
            print(exc, file=sys.stderr, flush=True)
            status = 1
            stats = walk.stats
            for doc in win.docs:  # go on with the next size from a clean window
                doc.undo_stack.setClean()
                doc.set_dirty(False)
            while win.tabs.count():
                win.close_tab(0)
        total.add(stats)
        print(f"seed {args.seed + k} at {size[0]}×{size[1]}: {stats.actions} actions in "
              f"{stats.seconds:.0f} s, {stats.undo_checks} undo-all checks, longest action "
              f"{stats.max_action_s * 1e3:.0f} ms, longest settle {stats.max_settle_s * 1e3:.0f} "
              f"ms, {len(watchdog.stalls)} watchdog reports so far", flush=True)
    stalls = watchdog.stalls
    watchdog.stop()
    counts = ", ".join(f"{k} {v}" for k, v in sorted(total.counts.items(), key=lambda kv: -kv[1]))
    print(f"total: {total.actions} actions in {total.seconds:.0f} s ({counts}); "
          f"{total.undo_checks} undo-all checks; {total.errors_shown} refusals shown; "
          f"{total.fit_loops} resize↔fit loops broken; "
          f"longest action {total.max_action_s * 1e3:.0f} ms; longest settle "
          f"{total.max_settle_s * 1e3:.0f} ms; {len(stalls)} UI stalls > 250 ms")
    by_label: dict[str, int] = {}
    for s in stalls:
        kind = s.label.split(" ", 1)[-1] if s.label else "?"
        by_label[kind] = by_label.get(kind, 0) + 1
    if by_label:
        print("stalls by action: " + ", ".join(f"{k} {v}" for k, v in
                                                sorted(by_label.items(), key=lambda kv: -kv[1])))
    for doc in win.docs:
        doc.undo_stack.setClean()
        doc.set_dirty(False)
    win.plots.shutdown()
    win.close()
    app.processEvents()
    return status


if __name__ == "__main__":
    sys.exit(main())
