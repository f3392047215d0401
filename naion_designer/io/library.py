"""The cell library: bundled cells (`cell_library/`) and the user's own (`user_cell_dir()`).

User cells with the id of a bundled cell shadow it.  A broken user file does not hide the rest
of the library: it is listed in `problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.cell import Cell
from ..core.units import InputError
from .cell_file import read_cell_file
from .paths import cell_library_dir, user_cell_dir


@dataclass
class CellLibrary:
    cells: dict[str, Cell] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def ids(self) -> list[str]:
        return sorted(self.cells)

    def get(self, cell_id: str) -> Cell:
        try:
            return self.cells[cell_id]
        except KeyError:
            raise InputError("cell", f"unknown cell '{cell_id}' (see 'naion cells list')") from None


def _load_dir(folder: Path, origin: str, lib: CellLibrary, strict: bool) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.toml")):
        try:
            cell = read_cell_file(path)
        except InputError as exc:
            if strict:
                raise
            lib.problems.append(str(exc))
            continue
        lib.cells[cell.id] = replace(cell, origin=origin if origin == "library" else str(path))


def load_library(include_user: bool = True) -> CellLibrary:
    lib = CellLibrary()
    _load_dir(cell_library_dir(), "library", lib, strict=True)
    if include_user:
        _load_dir(user_cell_dir(), "user", lib, strict=False)
    return lib


_cache: CellLibrary | None = None


def library(reload: bool = False) -> CellLibrary:
    global _cache
    if _cache is None or reload:
        _cache = load_library()
    return _cache


_FILE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")


def library_cell(cell_id: str) -> Cell:
    """`library().get(cell_id)`, without reading the whole library when it is not loaded yet
    (`naion calc DESIGN` needs one cell): the user's cells, which shadow the bundled ones, then
    the bundled file named after the id; any other case reads the whole library."""
    if _cache is not None:
        return _cache.get(cell_id)
    user = CellLibrary()
    _load_dir(user_cell_dir(), "user", user, strict=False)
    if cell_id in user.cells:
        return user.cells[cell_id]
    path = cell_library_dir() / f"{cell_id}.toml"
    if _FILE_ID.fullmatch(cell_id) and path.is_file():
        cell = read_cell_file(path)
        if cell.id == cell_id:
            return replace(cell, origin="library")
    return library().get(cell_id)


def resolve_cell(ref: str) -> Cell:
    """A library id or a path to a cell file."""
    if not isinstance(ref, str) or not ref.strip():
        raise InputError("cell", "expected a library id or a cell file path")
    p = Path(ref)
    if ref.endswith(".toml") or p.is_file() or "/" in ref or "\\" in ref:
        return replace(read_cell_file(p), origin=str(p))
    return library_cell(ref)
