"""One open design: the current PackDesign, its undo stack, file path, cached figures and the last
simulation.  Edits go through `edit()` (an undo command); undo/redo call `apply_design()`."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core.pack import PackDesign, evolve_adapting
from ..core.units import InputError
from .commands import SetDesignCommand


class Document(QObject):
    design_changed = Signal(object)  # the new PackDesign
    modified_changed = Signal(bool)
    path_changed = Signal(str)
    simulation_changed = Signal(object)  # SimulationResult or None

    def __init__(self, design: PackDesign, path: str | Path | None = None, parent=None):
        super().__init__(parent)
        self.design = design
        self.path: Path | None = Path(path) if path else None
        self.doc_id = uuid.uuid4().hex[:12]
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._dirty = False  # modified although the undo stack is clean (restored autosave)
        self.last_notes: list[str] = []  # what the last edit adjusted besides what was asked
        self._results = None
        self._results_error = ""
        self._share = None
        self.simulation = None  # last SimulationResult
        self.simulation_profile = ""
        self.simulation_design: PackDesign | None = None

    # --- state -----------------------------------------------------------------------------
    def _clean_changed(self, _clean: bool) -> None:
        try:
            modified = self.is_modified()
        except RuntimeError:  # the stack is being destroyed with the document
            return
        self.modified_changed.emit(modified)

    def is_modified(self) -> bool:
        return self._dirty or not self.undo_stack.isClean()

    def set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.modified_changed.emit(self.is_modified())

    def display_name(self) -> str:
        return self.design.name or (self.path.stem if self.path else "Untitled design")

    # --- edits -----------------------------------------------------------------------------
    def edit(self, text: str, **changes) -> PackDesign:
        """Validate the changes and push them as one undo step.  Raises InputError.  A change
        of S or P keeps the layout valid (`core.pack.evolve_adapting`); `last_notes` says what
        was adjusted."""
        new, self.last_notes = evolve_adapting(self.design, **changes)
        self.set_design(new, text)
        return new

    def set_design(self, new: PackDesign, text: str) -> None:
        if new == self.design:
            return
        self.undo_stack.push(SetDesignCommand(self, self.design, new, text))

    def apply_design(self, design: PackDesign) -> None:
        self.design = design
        self._results = None
        self._results_error = ""
        self._share = None
        self.design_changed.emit(design)

    # --- derived figures (cached per design) -----------------------------------------------
    def results(self):
        """calc figures of the current design (None with `results_error()` if they fail)."""
        if self._results is None and not self._results_error:
            from ..core.electrical import calculate

            try:
                self._results = calculate(self.design)
            except (InputError, ValueError, ArithmeticError) as exc:
                self._results_error = str(exc)
        return self._results

    def results_error(self) -> str:
        return self._results_error

    def current_share(self):
        """S × P share of the pack current per cell relative to the mean (DC network)."""
        if self._share is None:
            from ..core.electrical import cell_resistances, dc_solution

            _, share = dc_solution(self.design, cell_resistances(self.design)[0])
            self._share = share * self.design.parallel
        return self._share

    def set_simulation(self, result, profile: str, design: PackDesign) -> None:
        self.simulation = result
        self.simulation_profile = profile
        self.simulation_design = design
        self.simulation_changed.emit(result)

    def simulation_matches(self) -> bool:
        """The last simulation was run on a pack with the current S × P."""
        d = self.simulation_design
        return (self.simulation is not None and d is not None
                and (d.series, d.parallel) == (self.design.series, self.design.parallel))

    # --- files -----------------------------------------------------------------------------
    def save(self, path: str | Path | None = None) -> Path:
        from ..io.design_file import write_design_file

        target = Path(path) if path else self.path
        if target is None:
            raise InputError("file", "no file name given")
        if target.suffix != ".naion":
            target = target.with_suffix(".naion")
        write_design_file(self.design, target)
        changed = target != self.path
        self.path = target
        self._dirty = False
        self.undo_stack.setClean()
        self.modified_changed.emit(self.is_modified())
        if changed:
            self.path_changed.emit(str(target))
        return target
