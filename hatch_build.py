"""Wheel build hook: compile the Qt translations (.ts -> .qm) before the files are collected.

Editable installs skip it (`make translations` builds them in the checkout).  In an isolated
build without PySide6 the .qm files must already be there (`make translations` first, or build
with `--no-isolation`): the hook then fails with that message instead of shipping no Chinese.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TranslationsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data) -> None:
        if version == "editable":
            return
        folder = Path(self.root) / "resources" / "translations"
        stale = [ts for ts in folder.glob("*_*.ts") if not ts.stem.endswith("_en") and (
            not ts.with_suffix(".qm").is_file()
            or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime)]
        if stale:
            runpy.run_path(str(Path(self.root) / "packaging" / "build_translations.py"))["build"]()
