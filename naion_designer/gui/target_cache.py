"""Targets as the GUI reads them, cached: every Results refresh checks the design's target, and
`core.targets.load_target` parses all preset files each call (~0.3 s).  A target (or the error
of loading it) is kept until a file of the preset or user folder, or the target file itself,
changes."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.targets import Target
from ..core.units import InputError
from ..io.target_file import load_target, preset_dir, presets, user_target_dir

_cache: dict[tuple, Target | InputError] = {}
_presets: dict[tuple, dict[str, Target]] = {}


def _stamp() -> tuple:
    out = []
    for folder in (preset_dir(), user_target_dir()):
        try:
            with os.scandir(folder) as it:
                out += sorted((e.path, e.stat().st_mtime_ns) for e in it
                              if e.name.endswith(".toml"))
        except OSError:
            continue
    return tuple(out)


def _file_stamp(ref: str) -> int:
    try:
        return Path(ref).stat().st_mtime_ns
    except OSError:
        return -1


def cached_presets() -> dict[str, Target]:
    key = _stamp()
    if key not in _presets:
        _presets.clear()
        _presets[key] = presets()
    return _presets[key]


def cached_target(ref: str) -> Target:
    """`load_target(ref)`, cached; raises its InputError."""
    key = (ref, _stamp(), _file_stamp(ref))
    hit = _cache.get(key)
    if hit is None:
        if len(_cache) > 64:
            _cache.clear()
        try:
            hit = load_target(ref)
        except InputError as exc:
            hit = exc
        _cache[key] = hit
    if isinstance(hit, InputError):
        raise hit
    return hit
