"""A line edit for a physical quantity: shows the value with its unit and accepts any unit of the
right dimension ("0.2 mΩ", "200 µΩ"); a bare number is read in the unit shown.  Values outside
the field's bounds (and nan, inf) are refused with a message that names the field and gives the
bounds and examples in the unit shown; the refused text stays in the field, marked, with the
message as its tooltip."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QLineEdit

from ...core.results import pretty_unit
from ...core.units import InputError, parse_quantity, to_unit

ERROR_STYLE = "QLineEdit { border: 1px solid #d0312d; background: #fff0f0; }"


def format_value(value_si: float, kind: str, unit: str) -> str:
    """The value in `unit`, up to 6 significant digits without trailing zeros ("1 mΩ", "11.08 mΩ"):
    what is typed is shown back, so that leaving the field unchanged is no edit."""
    v = to_unit(value_si, kind, unit)
    if v != 0 and math.isfinite(v) and abs(v) < 1e-3:
        text = f"{v:.4g}"
    else:
        text = f"{round(v, 6):.6g}"
    return f"{text} {pretty_unit(unit)}".strip()


def _tr(text: str) -> str:
    return QCoreApplication.translate("QuantityEdit", text)


# what a field of each kind expects, for messages
KIND_WORDS = {
    "resistance": QT_TRANSLATE_NOOP("QuantityEdit", "a resistance"),
    "length": QT_TRANSLATE_NOOP("QuantityEdit", "a length"),
    "temperature": QT_TRANSLATE_NOOP("QuantityEdit", "a temperature"),
    "heat_transfer_coefficient": QT_TRANSLATE_NOOP("QuantityEdit", "a heat transfer coefficient"),
    "thermal_conductance": QT_TRANSLATE_NOOP("QuantityEdit", "a thermal conductance"),
    "power": QT_TRANSLATE_NOOP("QuantityEdit", "a power"),
    "mass": QT_TRANSLATE_NOOP("QuantityEdit", "a mass"),
    "volume": QT_TRANSLATE_NOOP("QuantityEdit", "a volume"),
}


class QuantityEdit(QLineEdit):
    committed = Signal(object)  # SI float, or None when an optional field is emptied
    failed = Signal(str)  # the one-line message naming the field

    def __init__(self, kind: str, unit: str, label: str, optional: bool = False,
                 bounds: tuple[float, float] = (-math.inf, math.inf), parent=None):
        super().__init__(parent)
        self.kind, self.unit, self.label, self.optional = kind, unit, label, optional
        self.bounds = bounds  # SI, inclusive
        self._value: float | None = None
        self.error = ""
        if optional:
            self.setPlaceholderText(self.tr("none"))
        self._tip = ""
        self._update_tip()
        self.editingFinished.connect(self._finish)

    def _update_tip(self) -> None:
        """The help tooltip is made when it is shown (formatting the bounds needs pint, which
        must not delay the start-up)."""
        self._tip = ""
        if not self.error:
            self.setToolTip("")

    def help_text(self) -> str:
        if not self._tip:
            lo, hi = self.bounds_text()
            self._tip = self.tr("%1: type a value in any unit of its kind, from %2 to %3").replace(
                "%1", self.label).replace("%2", lo).replace("%3", hi)
        return self._tip

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.error:
            self.setToolTip(self.help_text())
        return super().event(event)

    def bounds_text(self) -> tuple[str, str]:
        return tuple(format_value(b, self.kind, self.unit) for b in self.bounds)

    def bounds_in_unit(self) -> tuple[float, float]:
        """The bounds as numbers in the unit shown (tests type values between them)."""
        lo, hi = (to_unit(b, self.kind, self.unit) for b in self.bounds)
        return float(lo), float(hi)

    def value(self) -> float | None:
        return self._value

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        self._update_tip()
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
            raise InputError(self.label, _tr("a value is required"))
        try:
            float(text)
        except ValueError:
            typed = text
        else:  # a bare number is read in the unit shown
            typed = f"{text} {self.unit}"
        example = format_value(self._value if self._value is not None else self.bounds[0],
                               self.kind, self.unit)
        try:
            value = parse_quantity(typed, self.kind, self.label)
        except InputError:
            what = _tr(KIND_WORDS.get(self.kind, QT_TRANSLATE_NOOP("QuantityEdit", "a value")))
            raise InputError(self.label, _tr("expected %1 such as “%2”, got “%3”").replace(
                "%1", what).replace("%2", example).replace("%3", text)) from None
        lo, hi = self.bounds
        if not (math.isfinite(value) and lo <= value <= hi):
            a, b = self.bounds_text()
            raise InputError(self.label, _tr("expected %1 to %2, got “%3”").replace(
                "%1", a).replace("%2", b).replace("%3", text))
        return value

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

    def show_error(self, message: str) -> None:
        """Mark the field as refused with `message` (e.g. the design refused the value)."""
        self._set_error(message)

    def _set_error(self, message: str) -> None:
        self.error = message
        self.setProperty("invalid", bool(message))
        self.setStyleSheet(ERROR_STYLE if message else "")
        self.setToolTip(message or self._tip)
