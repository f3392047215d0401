"""User preferences: one table of defaults and types over QSettings, with a redirectable path.

`NAION_SETTINGS_FILE` points the settings at another INI file (tests).  A settings file Qt cannot
read is moved aside (``.corrupt``) and the defaults are used, never silently lost.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from ..core.results import DISPLAY_UNITS

# key -> (default, type)
DEFAULTS: dict[str, tuple[object, type]] = {
    "ambient_temperature_c": (25.0, float),
    "autosave_interval_s": (60, int),
    "recent_files": ([], list),
    "window/geometry": (QByteArray(), QByteArray),
    "window/state": (QByteArray(), QByteArray),
    "first_run_done": (False, bool),
    "language": ("", str),  # "" = the system's; "en", "zh_CN"
    # "" = each figure's own default unit (kWh for energy, W for losses, ...)
    **{f"units/{kind}": ("", str) for kind in DISPLAY_UNITS},
}
MAX_RECENT = 10


def settings_path() -> Path:
    env = os.environ.get("NAION_SETTINGS_FILE")
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base or Path.home() / ".config" / "naion-designer") / "naion-designer.ini"


class Settings:
    """Typed access to the preferences (`get`/`set` with the DEFAULTS table)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else settings_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        if self._qs.status() == QSettings.Status.FormatError:
            aside = self.path.with_suffix(self.path.suffix + ".corrupt")
            try:
                os.replace(self.path, aside)
            except OSError:
                pass
            self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, key: str):
        default, typ = DEFAULTS[key]
        raw = self._qs.value(key, None)
        if raw is None:
            return list(default) if isinstance(default, list) else default
        try:
            if typ is list:
                if isinstance(raw, str):
                    return [raw] if raw else []
                return [str(x) for x in raw]
            if typ is bool:
                return raw in (True, "true", "1", 1)
            if typ is QByteArray:
                return raw if isinstance(raw, QByteArray) else QByteArray(raw)
            value = typ(raw)
        except (TypeError, ValueError):
            return default
        if key.startswith("units/"):
            kind = key.split("/", 1)[1]
            if value and value not in DISPLAY_UNITS.get(kind, ()):
                return default
        return value

    def set(self, key: str, value) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._qs.setValue(key, value)

    def sync(self) -> None:
        self._qs.sync()

    def units(self) -> dict[str, str]:
        """The display units the user chose, per quantity kind (kinds left at default omitted)."""
        return {kind: u for kind in DISPLAY_UNITS if (u := self.get(f"units/{kind}"))}

    def add_recent(self, path: str) -> list[str]:
        path = str(Path(path).resolve())
        recent = [p for p in self.get("recent_files") if p != path]
        recent.insert(0, path)
        recent = recent[:MAX_RECENT]
        self.set("recent_files", recent)
        return recent
