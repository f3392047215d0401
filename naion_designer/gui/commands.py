"""Undo commands: every edit swaps one immutable PackDesign for another.

A command holds the design before and after; redo/undo hand them to the document.  A drag of a
parallel group or a typed field value is one command, so it is one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from ..core.pack import PackDesign
    from .document import Document


class SetDesignCommand(QUndoCommand):
    def __init__(self, document: Document, old: PackDesign, new: PackDesign, text: str):
        super().__init__(text)
        self.document = document
        self.old = old
        self.new = new

    def redo(self) -> None:
        self.document.apply_design(self.new)

    def undo(self) -> None:
        self.document.apply_design(self.old)
