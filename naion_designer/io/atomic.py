"""Atomic file writes: serialise fully, write a temp file in the same folder, then os.replace.

The new file gets the permissions a plain write would give (existing file's mode, or 0o666
masked by the umask), and errors become one InputError naming the file and the cause.  A temp
file left by an interrupted save (a kill between the write and the rename) never replaces the
real file; the next save of the same file removes it.

Reading is bounded: a user's text file larger than `MAX_FILE_BYTES` is refused before it is
read.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from ..core.units import InputError

MAX_FILE_BYTES = 16 * 2**20


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def leftover_temp_files(path: Path) -> list[Path]:
    """Temp files an interrupted save of `path` left in its folder."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    prefix = _temp_prefix(path)
    try:
        return [p for p in folder.iterdir()
                if p.name.startswith(prefix) and p.name.endswith(".tmp") and p.is_file()
                and len(p.name) == len(prefix) + 8 + len(".tmp")]
    except OSError:
        return []


def _remove_leftovers(path: Path) -> None:
    for p in leftover_temp_files(path):
        try:
            p.unlink()
        except OSError:
            pass  # another process's, or not ours to remove: harmless


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
    _remove_leftovers(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=folder)
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
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(str(path))
        if not stat.S_ISREG(st.st_mode):  # a pipe or device would never end
            raise InputError(str(path), f"is not a regular file, so not a {what}")
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise InputError(str(path), f"is {size / 2**20:.1f} MiB, larger than the "
                                        f"{MAX_FILE_BYTES // 2**20} MiB a {what} may be")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), f"no such {what}") from None
    except IsADirectoryError:
        raise InputError(str(path), f"is a folder, not a {what}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the {what} ({exc.__class__.__name__})") \
            from None
