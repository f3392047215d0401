"""Autosave to a recovery folder and restore after a crash.

Each modified document is written to ``<recovery>/<doc_id>.naion`` with a sidecar
``<doc_id>.json`` (original path, owning process).  A clean close deletes both; whatever is left
by a process that no longer runs is offered for restoring at the next start.
``NAION_RECOVERY_DIR`` redirects the folder (tests).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..io.atomic import atomic_write_text
from ..io.design_file import design_to_json


def recovery_dir() -> Path:
    env = os.environ.get("NAION_RECOVERY_DIR")
    if env:
        return Path(env)
    from ..io.paths import recovery_dir as state_recovery_dir

    return state_recovery_dir()  # under the user's state folder (platformdirs)


@dataclass(frozen=True)
class Recovered:
    design_path: Path
    original_path: str  # "" for a design never saved
    name: str
    saved_at: float


def write_autosave(doc) -> Path:
    folder = recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{doc.doc_id}.naion"
    atomic_write_text(target, design_to_json(doc.design), "autosave file")
    meta = {"original_path": str(doc.path) if doc.path else "", "name": doc.display_name(),
            "pid": os.getpid(), "saved_at": time.time()}
    atomic_write_text(folder / f"{doc.doc_id}.json", json.dumps(meta), "autosave file")
    return target


def remove_autosave(doc_id: str) -> None:
    folder = recovery_dir()
    for suffix in (".naion", ".json"):
        try:
            (folder / f"{doc_id}{suffix}").unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def orphaned_autosaves() -> list[Recovered]:
    """Autosaves left by processes that are no longer running (a crash)."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    out = []
    for meta_path in sorted(folder.glob("*.json")):
        design_path = meta_path.with_suffix(".naion")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not design_path.is_file() or _alive(int(meta.get("pid", 0))):
            continue
        out.append(Recovered(design_path, str(meta.get("original_path", "")),
                             str(meta.get("name", design_path.stem)),
                             float(meta.get("saved_at", 0.0))))
    return out


def discard(recovered: Recovered) -> None:
    for p in (recovered.design_path, recovered.design_path.with_suffix(".json")):
        try:
            p.unlink()
        except OSError:
            pass
