"""Texts shared by the main window's parts, and how an exception becomes the one line a label or
a message box shows."""

from __future__ import annotations

APP_TITLE = "NaIon Designer"
FILE_FILTER = "NaIon designs (*.naion);;All files (*)"


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
