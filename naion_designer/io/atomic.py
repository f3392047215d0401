"""Atomic file writes: serialise fully, write a temp file in the same folder, then os.replace.

The new file gets the permissions a plain write would give (existing file's mode, or 0o666
masked by the umask), and errors become one InputError naming the file and the cause.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from ..core.units import InputError


def _default_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes, what: str = "file") -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(path), f"cannot write the {what}: the folder '{folder}' does not exist")
    if path.is_dir():
        raise InputError(str(path), f"cannot write the {what}: it is a folder")
    mode = _default_mode(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
        tmp_name = None
    except PermissionError:
        raise InputError(str(path), f"cannot write the {what}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise InputError(str(path), f"cannot write the {what}: the disk is full") from None
        if exc.errno == errno.EROFS:
            raise InputError(str(path), f"cannot write the {what}: read-only file system") from None
        raise InputError(str(path), f"cannot write the {what}: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def atomic_write_text(path: Path, text: str, what: str = "file") -> None:
    atomic_write_bytes(path, text.encode("utf-8"), what)


def read_text_file(path: Path, what: str = "file") -> str:
    """A user's text file, or one InputError naming the file and the cause."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), f"no such {what}") from None
    except IsADirectoryError:
        raise InputError(str(path), f"is a folder, not a {what}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the {what} ({exc.__class__.__name__})") \
            from None
