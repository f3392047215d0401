"""A line edit for a physical quantity: shows the value with its unit and accepts any unit of the
right dimension ("0.2 mΩ", "200 µΩ"); a bare number is read in the unit shown."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

from ...core.results import pretty_unit
from ...core.units import InputError, parse_quantity, to_unit


def format_value(value_si: float, kind: str, unit: str) -> str:
    v = to_unit(value_si, kind, unit)
    if v != 0 and math.isfinite(v) and abs(v) < 1e-3:
        text = f"{v:.4g}"
    else:
        text = f"{round(v, 6):.6g}"
    return f"{text} {pretty_unit(unit)}".strip()


class QuantityEdit(QLineEdit):
    committed = Signal(object)  # SI float, or None when an optional field is emptied
    failed = Signal(str)  # the one-line message naming the field

    def __init__(self, kind: str, unit: str, label: str, optional: bool = False, parent=None):
        super().__init__(parent)
        self.kind, self.unit, self.label, self.optional = kind, unit, label, optional
        self._value: float | None = None
        self.error = ""
        if optional:
            self.setPlaceholderText("none")
        self.setToolTip(f"{label}: type a value with any {kind.replace('_', ' ')} unit")
        self.editingFinished.connect(self._finish)

    def value(self) -> float | None:
        return self._value

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        self.set_value(self._value)

    def set_value(self, value_si: float | None) -> None:
        self._value = value_si
        self._set_error("")
        self.setText("" if value_si is None else format_value(value_si, self.kind, self.unit))

    def parse(self, text: str) -> float | None:
        text = text.strip()
        if not text:
            if self.optional:
                return None
            raise InputError(self.label, "a value is required")
        try:
            float(text)
        except ValueError:
            pass
        else:  # a bare number is read in the unit shown
            text = f"{text} {self.unit}"
        return parse_quantity(text, self.kind, self.label)

    def _finish(self) -> None:
        try:
            value = self.parse(self.text())
        except InputError as exc:
            self._set_error(str(exc))
            self.failed.emit(str(exc))
            return
        self._set_error("")
        if value != self._value:
            self.committed.emit(value)
        else:
            self.set_value(value)  # normalise the text ("200 µΩ" -> "0.2 mΩ")

    def _set_error(self, message: str) -> None:
        self.error = message
        self.setProperty("invalid", bool(message))
        self.setStyleSheet("QLineEdit { border: 1px solid #d0312d; background: #fff0f0; }"
                           if message else "")
        if message:
            self.setToolTip(message)
